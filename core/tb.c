/*
 * core/tb.c — translation-block cache: lookup, translation, invalidation.
 */
#include "core/tb.h"

#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/jit_thread.h"
#include "core/relaxed.h"
#include "core/tlb.h"
#include "core/vcpu.h"
#include "core/machine.h"
#include "tcg/ir.h"
#include "tcg/wasm/jit.h"

TBCache *tb_cache_new(bool multi)
{
    TBCache *c = calloc(1, sizeof(*c));
    if (!c) {
        return NULL;
    }
    c->pool = calloc(TB_MAX_COUNT, sizeof(TranslationBlock));
    if (!c->pool) {
        free(c);
        return NULL;
    }
    pthread_mutex_init(&c->lock, NULL);
    c->multi = multi;
    return c;
}

static void tb_free_code(TBCache *c)
{
    for (uint32_t i = 0; i < c->used; i++) {
        interp_free(c->pool[i].code);
        c->pool[i].code = NULL;
        free(c->pool[i].restore);
        c->pool[i].restore = NULL;
        c->pool[i].jit_region = NULL;
    }
    jit_free_all(c);
}

void tb_cache_free(TBCache *c)
{
    if (!c) {
        return;
    }
    tb_free_code(c);
    pthread_mutex_destroy(&c->lock);
    free(c->pool);
    free(c);
}

static inline uint32_t tb_hash(uint64_t phys_pc, uint64_t cs_base, uint64_t flags,
                               uint32_t cflags)
{
    uint64_t h = (phys_pc >> 1) ^ ((flags ^ (cs_base << 7) ^ ((uint64_t)cflags << 56)) *
                                   0x9e3779b97f4a7c15ull);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return (uint32_t)h & ((1u << TB_HASH_BITS) - 1);
}

static inline uint32_t page_hash(uint64_t page)
{
    return (uint32_t)((page * 0x9e3779b97f4a7c15ull) >> 40) & ((1u << TB_PAGE_HASH_BITS) - 1);
}

static void cpu_clear_jmp_cache(CPUState *cpu)
{
    memset(cpu->jmp_cache, 0, sizeof(cpu->jmp_cache));
}

void tb_flush(Machine *m)
{
    TBCache *c = m->tbs;
    tb_free_code(c);
    memset(c->hash, 0, sizeof(c->hash));
    memset(c->page_hash, 0, sizeof(c->page_hash));
    memset(c->pool, 0, sizeof(TranslationBlock) * c->used);
    c->used = 0;
    c->flushes++;
    for (int i = 0; i < m->ncpus; i++) {
        cpu_clear_jmp_cache(m->cpus[i]);
    }
    /* Code pages stay protected; the first write to each simply finds no TBs. */
}

void tb_flush_exclusive(Machine *m, CPUState *self)
{
    vcpu_exclusive_begin(m, self);
    pthread_mutex_lock(&m->tbs->lock);
    tb_flush(m);
    pthread_mutex_unlock(&m->tbs->lock);
    vcpu_exclusive_end(m, self);
}

/* Make every vCPU's writes to this physical page take the slow path. */
static void protect_code_page(Machine *m, uint64_t paddr)
{
    MemSection s;
    MemRegion *r = as_find_section(&m->as, paddr, &s);
    if (!r || !r->ram) {
        return;
    }
    uint64_t idx = mem_section_offset(&s, paddr) >> TLB_PAGE_BITS;
    if (r->code_pages[idx]) {
        return;
    }
    /* seq_cst: a vCPU filling its TLB at the same time re-checks the flag after writing
     * its entry (tlb_set_page), so one of the two always sees the other */
    __atomic_store_n(&r->code_pages[idx], 1, __ATOMIC_SEQ_CST);
    for (int i = 0; i < m->ncpus; i++) {
        tlb_protect_code_page(m->cpus[i], paddr);
    }
}

static void page_link_add(TBCache *c, TranslationBlock *tb, int n, uint64_t page)
{
    TBPageLink *l = &tb->page_link[n];
    uint32_t h = page_hash(page);
    l->tb = tb;
    l->page = page;
    l->next = c->page_hash[h];
    c->page_hash[h] = l;
}

static void hash_remove(TBCache *c, TranslationBlock *tb)
{
    TranslationBlock **pp = &c->hash[tb_hash(tb->phys_pc, tb->cs_base, tb->flags, tb->cflags)];
    while (*pp) {
        if (*pp == tb) {
            /* readers walking past tb still find its own link intact */
            __atomic_store_n(pp, tb->hash_next, __ATOMIC_RELEASE);
            return;
        }
        pp = &(*pp)->hash_next;
    }
}

void tb_invalidate_phys_page(Machine *m, uint64_t paddr)
{
    TBCache *c = m->tbs;
    uint64_t page = paddr >> TLB_PAGE_BITS;
    pthread_mutex_lock(&c->lock);
    TBPageLink **pp = &c->page_hash[page_hash(page)];
    while (*pp) {
        TBPageLink *l = *pp;
        if (l->page != page) {
            pp = &l->next;
            continue;
        }
        *pp = l->next; /* unlink from this page's list */
        TranslationBlock *tb = l->tb;
        if (tb->valid) {
            __atomic_store_n(&tb->valid, false, __ATOMIC_RELEASE);
            hash_remove(c, tb);
            c->invalidations++;
            if (tb->jit_region) {
                /* a region loops inside itself: make every vCPU that may be in it leave */
                for (int i = 0; i < m->ncpus; i++) {
                    cpu_exit_request(m->cpus[i], CPU_EXIT_CODE);
                }
                jit_region_dead(c, tb->jit_region);
            }
        }
    }
    MemSection s;
    MemRegion *r = as_find_section(&m->as, paddr, &s);
    if (r && r->ram) {
        __atomic_store_n(&r->code_pages[mem_section_offset(&s, paddr) >> TLB_PAGE_BITS], 0,
                         __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&c->lock);
}

static TranslationBlock *tb_hash_lookup(TBCache *c, const TBKey *key, uint64_t phys_pc,
                                        uint32_t cflags)
{
    for (TranslationBlock *tb = __atomic_load_n(
             &c->hash[tb_hash(phys_pc, key->cs_base, key->flags, cflags)], __ATOMIC_ACQUIRE);
         tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb->phys_pc == phys_pc && tb_key_matches(tb, key, cflags) &&
            __atomic_load_n(&tb->valid, __ATOMIC_ACQUIRE)) {
            return tb;
        }
    }
    return NULL;
}

/* Does the TB's second page (if any) still map to the same physical page? */
static bool tb_page2_ok(CPUState *cpu, TranslationBlock *tb, unsigned mmu_idx)
{
    if (tb->phys_page2 == (uint64_t)-1) {
        return true;
    }
    uint64_t paddr2;
    uint8_t *host;
    uint64_t vpage2 = (tb->pc & TLB_PAGE_MASK) + TLB_PAGE_SIZE;
    int saved = cpu->excp_index;
    if (!tlb_translate_code(cpu, vpage2, mmu_idx, &paddr2, &host)) {
        /* the translator will hit the fault itself, at the right instruction */
        cpu->excp_index = saved;
        return false;
    }
    return (paddr2 >> TLB_PAGE_BITS) == tb->phys_page2;
}

/* ---- restore data: LEB128 deltas, decoded only when a TB is left in the middle ---- */

static size_t put_uleb(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        p[n++] = byte | (v ? 0x80 : 0);
    } while (v);
    return n;
}

static size_t put_sleb(uint8_t *p, int64_t v)
{
    size_t n = 0;
    for (;;) {
        uint8_t byte = v & 0x7f;
        v >>= 7; /* arithmetic: gcc and clang on every host we build for */
        bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
        p[n++] = byte | (done ? 0 : 0x80);
        if (done) {
            return n;
        }
    }
}

static uint64_t get_leb(const uint8_t **pp, bool sign)
{
    const uint8_t *p = *pp;
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t byte;
    do {
        byte = *p++;
        v |= (uint64_t)(byte & 0x7f) << shift;
        shift += 7;
    } while ((byte & 0x80) && shift < 64);
    if (sign && shift < 64 && (byte & 0x40)) {
        v |= ~0ull << shift;
    }
    *pp = p;
    return v;
}

uint8_t *tb_encode_restore(const IrBlock *b, unsigned words)
{
    if (words > IR_INSN_WORDS - 1) {
        words = IR_INSN_WORDS - 1;
    }
    uint8_t *buf = malloc((size_t)(b->ninsns ? b->ninsns : 1) * 10 * (1 + words));
    if (!buf) {
        return NULL;
    }
    size_t n = 0;
    uint64_t prev[IR_INSN_WORDS] = { 0 };
    for (int i = 0; i < b->ninsns; i++) {
        const uint64_t *d = b->insn_data[i];
        n += put_uleb(buf + n, d[0] - prev[0]);
        for (unsigned w = 1; w <= words; w++) {
            n += put_sleb(buf + n, (int64_t)(d[w] - prev[w]));
        }
        memcpy(prev, d, sizeof(prev));
    }
    uint8_t *shrunk = realloc(buf, n ? n : 1);
    return shrunk ? shrunk : buf;
}

void tb_restore_state(CPUState *cpu, const TranslationBlock *tb, uint32_t insn)
{
    unsigned words = cpu->arch->restore_words;
    uint64_t data[IR_INSN_WORDS] = { 0 };
    if (words > IR_INSN_WORDS - 1) {
        words = IR_INSN_WORDS - 1;
    }
    const uint8_t *p = tb->restore;
    if (insn >= tb->icount) {
        insn = tb->icount ? tb->icount - 1 : 0; /* not produced by a correct back end */
    }
    for (uint32_t i = 0; p && i <= insn && i < tb->icount; i++) {
        data[0] += get_leb(&p, false);
        for (unsigned w = 1; w <= words; w++) {
            data[w] += get_leb(&p, true);
        }
    }
    data[0] += tb->pc;
    cpu->arch->restore_state(cpu, tb, data);
}

/* Do [a, a + n) and [b, b + m) overlap? */
static bool ranges_overlap(uint64_t a, uint64_t n, uint64_t b, uint64_t m)
{
    return a < b + m && b < a + n;
}

bool tb_store_hits_running(CPUState *cpu, uint64_t paddr, unsigned size)
{
    const TranslationBlock *tb = cpu->running_tb;
    if (!tb || (tb->cflags & TB_CF_ONE_INSN)) {
        return false;
    }
    uint64_t page = paddr >> TLB_PAGE_BITS;
    if (__atomic_load_n(&tb->jit_region, __ATOMIC_RELAXED)) {
        /* maybe inside a region, in any member: they all start on the entry TB's page and
         * only a lone member may straddle (core/jit_tier.c), so its pages are the region's */
        return (tb->phys_pc >> TLB_PAGE_BITS) == page || tb->phys_page2 == page;
    }
    uint64_t first = TLB_PAGE_SIZE - (tb->pc & ~TLB_PAGE_MASK);
    first = first < tb->size ? first : tb->size;
    return ranges_overlap(paddr, size, tb->phys_pc, first) ||
           (tb->phys_page2 != (uint64_t)-1 &&
            ranges_overlap(paddr, size, tb->phys_page2 << TLB_PAGE_BITS, tb->size - first));
}

/* Translate the TB for key into the cache (lock held, pool not full). */
static TranslationBlock *tb_translate(CPUState *cpu, const TBKey *key, uint64_t phys_pc,
                                      uint32_t cflags)
{
    Machine *m = cpu->machine;
    TBCache *c = m->tbs;
    IrBlock *b = cpu->irblock;
    uint32_t size = 0, icount = 0;
    uint64_t pc = key->pc;
    cpu->arch->translate(cpu, b, key, (cflags & TB_CF_ONE_INSN) ? 1 : TB_MAX_INSNS, &size,
                         &icount);
    if (cpu->excp_index >= 0) {
        return NULL; /* the first instruction could not be fetched */
    }
    ir_optimize(b);
    InterpCode *code = interp_compile(b);
    uint8_t *restore = code ? tb_encode_restore(b, cpu->arch->restore_words) : NULL;
    if (!restore) {
        interp_free(code);
        return NULL;
    }
    TranslationBlock *tb = &c->pool[c->used++];
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->cs_base = key->cs_base;
    tb->flags = key->flags;
    tb->cflags = cflags;
    tb->phys_pc = phys_pc;
    tb->size = size;
    tb->icount = icount;
    tb->code = code;
    tb->restore = restore;
    if (cflags & TB_CF_ONE_INSN) {
        tb->jit_state = -1; /* runs once per code change: not worth compiling */
    }
    tb->phys_page2 = (uint64_t)-1;
    tb->valid = true;
    c->translations++;

    uint64_t last = pc + size - 1;
    if ((last & TLB_PAGE_MASK) != (pc & TLB_PAGE_MASK)) {
        uint64_t paddr2;
        uint8_t *host;
        unsigned mmu_idx = cpu->arch->mmu_index(cpu, true);
        if (tlb_translate_code(cpu, last, mmu_idx, &paddr2, &host)) {
            tb->phys_page2 = paddr2 >> TLB_PAGE_BITS;
            page_link_add(c, tb, 1, tb->phys_page2);
            protect_code_page(m, paddr2);
        }
        cpu->excp_index = -1;
    }
    page_link_add(c, tb, 0, phys_pc >> TLB_PAGE_BITS);
    protect_code_page(m, phys_pc);
    uint32_t h = tb_hash(phys_pc, key->cs_base, key->flags, cflags);
    tb->hash_next = c->hash[h];
    __atomic_store_n(&c->hash[h], tb, __ATOMIC_RELEASE); /* publish: lookups take no lock */
    return tb;
}

TranslationBlock *tb_find(CPUState *cpu, const TBKey *key, uint32_t cflags)
{
    uint64_t pc = key->pc;
    TranslationBlock **slot = tb_jmp_cache_slot(cpu, pc);
    TranslationBlock *tb = tb_jmp_cache_lookup(cpu, key, cflags);
    if (tb) {
        return tb;
    }
    unsigned mmu_idx = cpu->arch->mmu_index(cpu, true);
    uint64_t phys_pc;
    uint8_t *host;
    if (!tlb_translate_code(cpu, pc, mmu_idx, &phys_pc, &host)) {
        return NULL;
    }
    TBCache *c = cpu->machine->tbs;
    tb = tb_hash_lookup(c, key, phys_pc, cflags);
    if (!tb || !tb_page2_ok(cpu, tb, mmu_idx)) {
        pthread_mutex_lock(&c->lock);
        while (c->used >= TB_MAX_COUNT) {
            pthread_mutex_unlock(&c->lock);
            tb_flush_exclusive(cpu->machine, cpu);
            pthread_mutex_lock(&c->lock);
        }
        /* another vCPU may have translated it meanwhile */
        tb = tb_hash_lookup(c, key, phys_pc, cflags);
        if (!tb || !tb_page2_ok(cpu, tb, mmu_idx)) {
            tb = tb_translate(cpu, key, phys_pc, cflags);
        }
        pthread_mutex_unlock(&c->lock);
        if (!tb) {
            return NULL;
        }
    }
    *slot = tb;
    return tb;
}
