/*
 * core/guest_ram.h — the copies that are guest loads and stores to guest RAM.
 *
 * Guest RAM is shared by every vCPU thread.  Whether two guest accesses race is a
 * property of the guest program, which has its own memory model (RVWMO), not a bug of
 * the emulator: ThreadSanitizer builds (make tsan) do these accesses as relaxed atomics so
 * that it reports only the emulator's own races.  Elsewhere they are plain copies (an
 * aligned access of up to 8 bytes is one host load or store, hence single-copy atomic, as
 * the guest architecture requires).
 */
#ifndef CORE_GUEST_RAM_H
#define CORE_GUEST_RAM_H

#include <stdint.h>
#include <string.h>

#if defined(__SANITIZE_THREAD__)
static inline void guest_ram_copy(void *dst, const void *src, unsigned size, int guest_is_src)
{
    /* the guest side is `src` for a load, `dst` for a store; the other side is private */
    uint64_t v = 0;
    if (guest_is_src) {
        const void *p = src;
        if (size == 8 && !((uintptr_t)p & 7)) {
            v = __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED);
        } else if (size == 4 && !((uintptr_t)p & 3)) {
            v = __atomic_load_n((const uint32_t *)p, __ATOMIC_RELAXED);
        } else if (size == 2 && !((uintptr_t)p & 1)) {
            v = __atomic_load_n((const uint16_t *)p, __ATOMIC_RELAXED);
        } else {
            for (unsigned i = 0; i < size; i++) {
                v |= (uint64_t)__atomic_load_n((const uint8_t *)p + i, __ATOMIC_RELAXED) << (8 * i);
            }
        }
        memcpy(dst, &v, size);
    } else {
        void *p = dst;
        memcpy(&v, src, size);
        if (size == 8 && !((uintptr_t)p & 7)) {
            __atomic_store_n((uint64_t *)p, v, __ATOMIC_RELAXED);
        } else if (size == 4 && !((uintptr_t)p & 3)) {
            __atomic_store_n((uint32_t *)p, (uint32_t)v, __ATOMIC_RELAXED);
        } else if (size == 2 && !((uintptr_t)p & 1)) {
            __atomic_store_n((uint16_t *)p, (uint16_t)v, __ATOMIC_RELAXED);
        } else {
            for (unsigned i = 0; i < size; i++) {
                __atomic_store_n((uint8_t *)p + i, (uint8_t)(v >> (8 * i)), __ATOMIC_RELAXED);
            }
        }
    }
}
#define guest_ram_load(dst, guest, size) guest_ram_copy((dst), (guest), (size), 1)
#define guest_ram_store(guest, src, size) guest_ram_copy((guest), (src), (size), 0)
#else
#define guest_ram_load(dst, guest, size) memcpy((dst), (guest), (size))
#define guest_ram_store(guest, src, size) memcpy((guest), (src), (size))
#endif

#endif
