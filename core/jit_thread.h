/*
 * core/jit_thread.h — each thread's view of the compiled regions (the Wasm build).
 *
 * Every emscripten thread has its own function table and its own module instances
 * (NOTES.md): a function installed by one thread does not exist in another.  So a region
 * gets a slot number, the same for every thread, and each thread keeps a table from slot
 * to the function it installed there and the region it was (its uid).  A thread that
 * meets a region it has not installed yet instantiates it from the module bytes the
 * region keeps (V8 caches the compilation: NOTES.md) into the same slot of its own table,
 * replacing whatever an older region had left there.
 *
 * One table per thread: per vCPU with -accel tcg,thread=multi, one for all vCPUs of the
 * machine otherwise.  Only its thread reads or writes it.
 */
#ifndef CORE_JIT_THREAD_H
#define CORE_JIT_THREAD_H

#include <stdint.h>

#include "core/cpu.h"
#include "core/tb.h"
#include "tcg/wasm/jit.h"

typedef struct JitThreadTable {
    uint32_t uid[JIT_MAX_LIVE_MODULES]; /* region installed in this slot (0: none) */
    JitFn fn[JIT_MAX_LIVE_MODULES];     /* its function in this thread's table */
} JitThreadTable;

JitThreadTable *jit_thread_table_new(void);
/* Forget every installed function: the table now belongs to a new thread (whose
 * emscripten function table knows none of them). */
void jit_thread_table_reset(JitThreadTable *t);
void jit_thread_table_free(JitThreadTable *t);

/* Install region r in the calling thread; NULL if it cannot (the caller interprets). */
JitFn jit_thread_install(CPUState *cpu, JitRegion *r);

/* The calling thread's function for region r. */
static inline JitFn jit_region_fn(CPUState *cpu, JitRegion *r)
{
    JitThreadTable *t = cpu->jit_table;
    if (t->uid[r->slot] == r->uid) {
        return t->fn[r->slot];
    }
    return jit_thread_install(cpu, r);
}

/* Region slots, shared by all threads of a machine (TB cache lock held). */
int jit_slot_alloc(TBCache *c);
void jit_slot_free(TBCache *c, uint32_t slot);

#endif
