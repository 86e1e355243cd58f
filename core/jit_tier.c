/*
 * core/jit_tier.c — tiering: a TB that ran jit-threshold times on the interpreter is
 * compiled to WebAssembly (tcg/wasm/) together with the TBs of its page it has chained
 * to (a region: DESIGN.md, "JIT regions"), which then run in their place.  The module is
 * installed in the calling thread; other threads install it when they first run it
 * (core/jit_thread.h).  Everything here runs under the TB cache lock.
 *
 * Region members: the hot TB, then breadth-first the successors the exec loop chained
 * (tb->jmp_dest: they ran, and they are on the same page with the same flags, so a write
 * to the page invalidates all of them at once), not yet compiled, up to
 * WASM_REGION_MAX_MEMBERS.
 *
 * The compiled code kept alive is bounded in bytes (-accel tcg,jit-cache=MiB) and in
 * modules (JIT_MAX_LIVE_MODULES: V8 aborts at ~65k).  Past a bound the oldest regions are
 * evicted (their TBs go back to the interpreter and may get hot again); regions whose TBs
 * were invalidated go first.  Eviction runs here, in the exec loop between TBs: with one
 * thread no evicted code is running and the region is freed at once; with a thread per
 * vCPU another vCPU may be inside it, so it is retired and freed later in an exclusive
 * section (jit_reclaim).
 *
 * The IR is rebuilt from guest memory rather than kept from the first translation: only
 * hot blocks pay for it, and the guest code is unchanged (a write to it would have
 * invalidated the TB).  Code generation takes two passes over the members (codegen.h), so
 * each member is translated twice; that is cheap next to compiling the module.
 */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/host.h"
#include "core/jit_thread.h"
#include "core/tb.h"
#include "core/machine.h"
#include "tcg/ir.h"
#include "tcg/wasm/codegen.h"
#include "tcg/wasm/jit.h"

/* ---- the live regions, oldest first ---- */

static void region_unlink(TBCache *c, JitRegion *r)
{
    *(r->older ? &r->older->newer : &c->jit_oldest) = r->newer;
    *(r->newer ? &r->newer->older : &c->jit_newest) = r->older;
    r->older = r->newer = NULL;
}

static void region_link_newest(TBCache *c, JitRegion *r)
{
    r->older = c->jit_newest;
    r->newer = NULL;
    *(c->jit_newest ? &c->jit_newest->newer : &c->jit_oldest) = r;
    c->jit_newest = r;
}

static void region_link_oldest(TBCache *c, JitRegion *r)
{
    r->newer = c->jit_oldest;
    r->older = NULL;
    *(c->jit_oldest ? &c->jit_oldest->older : &c->jit_newest) = r;
    c->jit_oldest = r;
}

static void region_destroy(JitRegion *r)
{
    free(r->module);
    free(r->helpers);
    free(r);
}

/* Take a region out of service: its slot may be reused at once (a thread that still
 * runs it calls its own table's function, which stays until that thread installs
 * another region there). */
static void region_free(TBCache *c, JitRegion *r)
{
    region_unlink(c, r);
    jit_slot_free(c, r->slot);
    c->jit_live_bytes -= r->bytes;
    c->jit_live_modules--;
    if (c->multi) {
        r->newer = c->jit_retired;
        c->jit_retired = r;
        c->jit_nretired++;
    } else {
        region_destroy(r);
    }
}

void jit_reclaim(TBCache *c)
{
    while (c->jit_retired) {
        JitRegion *r = c->jit_retired;
        c->jit_retired = r->newer;
        region_destroy(r);
    }
    c->jit_nretired = 0;
}

void jit_region_dead(TBCache *c, JitRegion *r)
{
    region_unlink(c, r);
    region_link_oldest(c, r);
}

void jit_free_all(TBCache *c)
{
    while (c->jit_oldest) {
        region_free(c, c->jit_oldest);
    }
    jit_reclaim(c); /* tb_flush: nobody runs translated code */
    c->jit_slot_next = c->jit_slot_nfree = 0;
}

/* Evict the oldest regions until `len` more bytes and one more module fit in 3/4 of the
 * bounds (evicting a quarter at a time keeps evictions rare). */
static void jit_make_room(Machine *m, size_t len)
{
    TBCache *c = m->tbs;
    uint64_t max_bytes = (uint64_t)(m->cfg->jit_cache > 0 ? m->cfg->jit_cache : 64) << 20;
    if (c->jit_live_bytes + len <= max_bytes && c->jit_live_modules < JIT_MAX_LIVE_MODULES) {
        return;
    }
    uint64_t evicted = 0, bytes = 0;
    while (c->jit_oldest && (c->jit_live_bytes + len > max_bytes / 4 * 3 ||
                             c->jit_live_modules >= JIT_MAX_LIVE_MODULES / 4 * 3)) {
        JitRegion *r = c->jit_oldest;
        for (int i = 0; i < r->n; i++) {
            TranslationBlock *tb = r->members[i];
            __atomic_store_n(&tb->jit_region, NULL, __ATOMIC_RELEASE);
            __atomic_store_n(&tb->exec_count, 0, __ATOMIC_RELAXED);
            __atomic_store_n(&tb->jit_state, 0, __ATOMIC_RELAXED);
        }
        bytes += r->bytes;
        evicted++;
        region_free(c, r);
    }
    c->jit_evictions += evicted;
    if (log_enabled(&m->log, LOG_JIT)) {
        log_printf(&m->log, "jit: evicted %llu regions (%llu bytes); %u modules, %llu bytes "
                   "live\n", (unsigned long long)evicted, (unsigned long long)bytes,
                   c->jit_live_modules, (unsigned long long)c->jit_live_bytes);
    }
}

/* Re-translate a TB into cpu->irblock; false if the code does not read back the same. */
static bool retranslate(CPUState *cpu, const TranslationBlock *tb)
{
    IrBlock *b = cpu->irblock;
    uint32_t size = 0, icount = 0;
    int saved_excp = cpu->excp_index;
    TBKey key = { .pc = tb->pc, .cs_base = tb->cs_base, .flags = tb->flags };
    cpu->arch->translate(cpu, b, &key, (tb->cflags & TB_CF_ONE_INSN) ? 1 : TB_MAX_INSNS,
                         &size, &icount);
    if (cpu->excp_index >= 0 || size != tb->size || icount != tb->icount || b->overflow) {
        cpu->excp_index = saved_excp;
        return false;
    }
    ir_optimize(b);
    return true;
}

static bool same_page(const TranslationBlock *a, const TranslationBlock *b)
{
    return (a->phys_pc >> TLB_PAGE_BITS) == (b->phys_pc >> TLB_PAGE_BITS);
}

static int member_index(TranslationBlock *const *members, int n, const TranslationBlock *tb)
{
    for (int i = 0; i < n; i++) {
        if (members[i] == tb) {
            return i;
        }
    }
    return -1;
}

/* The hot TB and the chained successors that may join it (see the top of the file). */
static int collect_members(Machine *m, TranslationBlock *hot, TranslationBlock **members)
{
    int n = 0;
    members[n++] = hot;
    /* -d exec logs every TB the exec loop runs: keep each region to one TB that exits */
    if (hot->phys_page2 != (uint64_t)-1 || log_enabled(&m->log, LOG_EXEC)) {
        return n;
    }
    for (int i = 0; i < n; i++) {
        for (int s = 0; s < 2; s++) {
            TranslationBlock *d = __atomic_load_n(&members[i]->jmp_dest[s], __ATOMIC_RELAXED);
            if (d && d->valid && d->jit_state == 0 && d->flags == hot->flags &&
                d->cs_base == hot->cs_base && d->cflags == hot->cflags &&
                d->phys_page2 == (uint64_t)-1 && same_page(d, hot) &&
                member_index(members, n, d) < 0 && n < WASM_REGION_MAX_MEMBERS) {
                members[n++] = d;
            }
        }
    }
    return n;
}

/* Can control go round inside the region (member -> ... -> same member)? */
static bool has_cycle(TranslationBlock *const *members, int n)
{
    /* iterative DFS over the member graph; colour 0 new, 1 on the stack, 2 done */
    uint8_t colour[WASM_REGION_MAX_MEMBERS] = { 0 };
    int stack[WASM_REGION_MAX_MEMBERS], slot[WASM_REGION_MAX_MEMBERS];
    for (int root = 0; root < n; root++) {
        if (colour[root]) {
            continue;
        }
        int sp = 0;
        stack[sp] = root;
        slot[sp] = 0;
        colour[root] = 1;
        while (sp >= 0) {
            int v = stack[sp];
            if (slot[sp] == 2) {
                colour[v] = 2;
                sp--;
                continue;
            }
            int w = member_index(members, n,
                                 __atomic_load_n(&members[v]->jmp_dest[slot[sp]++],
                                                 __ATOMIC_RELAXED));
            if (w < 0) {
                continue;
            }
            if (colour[w] == 1) {
                return true;
            }
            if (colour[w] == 0) {
                colour[w] = 1;
                sp++;
                stack[sp] = w;
                slot[sp] = 0;
            }
        }
    }
    return false;
}

static void jit_compile_locked(CPUState *cpu, TranslationBlock *tb)
{
    Machine *m = cpu->machine;
    TBCache *c = m->tbs;
    IrBlock *b = cpu->irblock;
    TranslationBlock *members[WASM_REGION_MAX_MEMBERS];

    if (tb->jit_state != 0 || !tb->valid) {
        return; /* another vCPU compiled it meanwhile, or it was invalidated */
    }
    __atomic_store_n(&tb->jit_state, -1, __ATOMIC_RELAXED); /* unless all below works */
    int n = collect_members(m, tb, members);
    /* members whose code does not read back identically stay on the interpreter */
    int kept = 0;
    for (int i = 0; i < n; i++) {
        if (retranslate(cpu, members[i])) {
            members[kept++] = members[i];
        } else if (i == 0) {
            c->jit_failures++;
            return;
        }
    }
    n = kept;

    WasmCodegenOpts opts = { .globals_in_memory = !has_cycle(members, n) };
    WasmRegion *r = wasm_region_new(&opts, n);
    if (!r) {
        c->jit_failures++;
        return;
    }
    /* pass 1: which globals and helpers (the translations cannot fail now: nothing ran
     * since the check above; if one did, the region would be incomplete and refused) */
    for (int i = 0; i < n; i++) {
        if (!retranslate(cpu, members[i])) {
            break;
        }
        wasm_region_scan(r, b);
    }
    /* pass 2: the code */
    for (int i = 0; i < n; i++) {
        int succ[2];
        for (int s = 0; s < 2; s++) {
            succ[s] = member_index(members, n,
                                   __atomic_load_n(&members[i]->jmp_dest[s], __ATOMIC_RELAXED));
        }
        if (!retranslate(cpu, members[i])) {
            break;
        }
        wasm_region_emit(r, b, succ, members[i]->icount);
    }
    uint8_t *bytes = NULL;
    size_t len = 0;
    if (wasm_region_finish(r, &bytes, &len) < 0) {
        wasm_region_free(r);
        c->jit_failures++;
        return;
    }
    jit_make_room(m, len);
    int nhelpers;
    const IrHelper *const *helpers = wasm_region_helpers(r, &nhelpers);
    JitRegion *region = malloc(sizeof(*region) + sizeof(members[0]) * (size_t)n);
    int slot = jit_slot_alloc(c);
    if (!region || slot < 0) {
        free(region);
        free(bytes);
        wasm_region_free(r);
        c->jit_failures++;
        return;
    }
    memset(region, 0, sizeof(*region));
    region->slot = (uint32_t)slot;
    if (++c->jit_next_uid == 0) {
        c->jit_next_uid = 1; /* 0 means "no region" in the thread tables */
    }
    region->uid = c->jit_next_uid;
    region->bytes = (uint32_t)len;
    region->n = n;
    /* the module and its helpers: kept for the other threads, which install it when they
     * first run it; with one thread only for the install just below */
    region->module = bytes;
    region->nhelpers = nhelpers;
    region->helpers = malloc(sizeof(*helpers) * (size_t)(nhelpers ? nhelpers : 1));
    JitFn fn = NULL;
    if (region->helpers) {
        memcpy(region->helpers, helpers, sizeof(*helpers) * (size_t)nhelpers);
        fn = jit_thread_install(cpu, region);
    }
    wasm_region_free(r);
    if (!c->multi) {
        free(region->module);
        region->module = NULL;
    }
    if (!fn) {
        jit_slot_free(c, region->slot);
        region_destroy(region);
        c->jit_failures++;
        return;
    }
    region_link_newest(c, region);
    uint32_t icount = 0;
    for (int i = 0; i < n; i++) {
        region->members[i] = members[i];
        __atomic_store_n(&members[i]->jit_entry, (uint16_t)i, __ATOMIC_RELAXED);
        __atomic_store_n(&members[i]->jit_state, 1, __ATOMIC_RELAXED);
        icount += members[i]->icount;
    }
    /* publish last: other vCPUs may pick the region up from any member from now on */
    for (int i = 0; i < n; i++) {
        __atomic_store_n(&members[i]->jit_region, region, __ATOMIC_RELEASE);
    }
    c->jit_live_bytes += len;
    c->jit_live_modules++;
    c->jit_compiles++;
    c->jit_blocks += (uint64_t)n;
    if (log_enabled(&m->log, LOG_JIT)) {
        log_printf(&m->log, "jit: pc 0x%llx: region of %d blocks, %u insns -> %zu bytes\n",
                   (unsigned long long)tb->pc, n, icount, len);
    }
}

void tb_jit_compile(CPUState *cpu, TranslationBlock *tb)
{
    TBCache *c = cpu->machine->tbs;
    pthread_mutex_lock(&c->lock);
    jit_compile_locked(cpu, tb);
    pthread_mutex_unlock(&c->lock);
}
