/*
 * core/relaxed.h — relaxed loads and stores of words that another thread may read or
 * write at the same time (a TB's execution counter, TLB tags another vCPU protects), and
 * the full fence.
 *
 * Natively these are C11 relaxed atomics: plain moves on x86 and visible as atomics to
 * ThreadSanitizer.  In Wasm every atomic store is sequentially consistent (V8 emits an
 * xchg on x86), too slow for paths such as the execution counter bumped on every
 * interpreted TB; there a volatile plain access does the job: aligned accesses of up to
 * 8 bytes are single moves in V8's code, and the compiler neither drops nor merges them.
 */
#ifndef CORE_RELAXED_H
#define CORE_RELAXED_H

#include <stdint.h>

#ifdef __EMSCRIPTEN__
#define relaxed_load(p) (*(volatile __typeof__(*(p)) *)(p))
#define relaxed_store(p, v) ((void)(*(volatile __typeof__(*(p)) *)(p) = (v)))
#else
#define relaxed_load(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define relaxed_store(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#endif

/*
 * A full memory barrier (StoreLoad included: a guest `fence rw,rw`, virtio's "our store
 * before their flag").  Natively a seq_cst fence.  In Wasm not atomic.fence: Binaryen's
 * optimizer (wasm-opt 108, which emcc runs at -O2) deletes atomic.fence instructions, so
 * the C code's fences never reached the product; a seq_cst exchange on a word of the
 * calling thread is kept and V8 emits it as an x86 xchg, itself a full barrier.
 * (Generated JIT code does not go through Binaryen and uses atomic.fence.)
 */
#ifdef __EMSCRIPTEN__
static inline void full_fence(void)
{
    static _Thread_local uint32_t word;
    __atomic_exchange_n(&word, 0, __ATOMIC_SEQ_CST);
}
#else
static inline void full_fence(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}
#endif

#endif
