/*
 * core/jit_thread.c — per-thread installation of compiled regions, and region slots
 * (see core/jit_thread.h).
 */
#include "core/jit_thread.h"

#include <stdlib.h>
#include <string.h>

#include "core/host.h"
#include "core/machine.h"

JitThreadTable *jit_thread_table_new(void)
{
    return calloc(1, sizeof(JitThreadTable));
}

void jit_thread_table_reset(JitThreadTable *t)
{
    if (t) {
        memset(t, 0, sizeof(*t));
    }
}

void jit_thread_table_free(JitThreadTable *t)
{
    free(t);
}

JitFn jit_thread_install(CPUState *cpu, JitRegion *r)
{
    JitThreadTable *t = cpu->jit_table;
    if (!r->module) {
        return NULL; /* single-threaded machines keep no bytes: nothing to install from */
    }
    uint64_t t0 = host_clock_ns();
    JitFn fn = jit_install_at(r->module, r->bytes, r->helpers, r->nhelpers, t->fn[r->slot]);
    TBCache *c = cpu->machine->tbs;
    __atomic_fetch_add(&c->jit_install_ns, host_clock_ns() - t0, __ATOMIC_RELAXED);
    if (!fn) {
        return NULL;
    }
    __atomic_fetch_add(&c->jit_installs, 1, __ATOMIC_RELAXED);
    t->fn[r->slot] = fn;
    t->uid[r->slot] = r->uid;
    return fn;
}

int jit_slot_alloc(TBCache *c)
{
    if (c->jit_slot_nfree) {
        return (int)c->jit_slot_free[--c->jit_slot_nfree];
    }
    if (c->jit_slot_next < JIT_MAX_LIVE_MODULES) {
        return (int)c->jit_slot_next++;
    }
    return -1;
}

void jit_slot_free(TBCache *c, uint32_t slot)
{
    c->jit_slot_free[c->jit_slot_nfree++] = slot;
}
