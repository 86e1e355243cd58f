/*
 * core/relaxed.h — relaxed loads and stores of words that another thread may read or
 * write at the same time (a TB's execution counter, TLB tags another vCPU protects).
 *
 * Natively these are C11 relaxed atomics: plain moves on x86 and visible as atomics to
 * ThreadSanitizer.  In Wasm every atomic store is sequentially consistent (V8 emits an
 * xchg on x86), too slow for paths such as the execution counter bumped on every
 * interpreted TB; there a volatile plain access does the job: aligned accesses of up to
 * 8 bytes are single moves in V8's code, and the compiler neither drops nor merges them.
 */
#ifndef CORE_RELAXED_H
#define CORE_RELAXED_H

#ifdef __EMSCRIPTEN__
#define relaxed_load(p) (*(volatile __typeof__(*(p)) *)(p))
#define relaxed_store(p, v) ((void)(*(volatile __typeof__(*(p)) *)(p) = (v)))
#else
#define relaxed_load(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define relaxed_store(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#endif

#endif
