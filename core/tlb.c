/*
 * core/tlb.c — software TLB: fill, flush, and the slow paths of guest loads/stores.
 */
#include "core/tlb.h"

#include <string.h>

#include "core/cpu.h"
#include "core/guest_ram.h"
#include "core/relaxed.h"
#include "core/jit_check.h"
#include "core/memory.h"
#include "core/tb.h"
#include "core/machine.h"
#include "tcg/ir.h"

static void tlb_entry_invalidate(TlbEntry *e)
{
    /* paddr and addr_write atomically: tlb_protect_code_page reads them from other
     * threads (plain stores on every host we run on) */
    e->addr_read = e->addr_code = (uint64_t)-1;
    relaxed_store(&e->addr_write, (uint64_t)-1);
    e->addend = 0;
    relaxed_store(&e->paddr, 0);
}

void tlb_flush(CPUState *cpu)
{
    for (int m = 0; m < TLB_MMU_MODES; m++) {
        for (int i = 0; i < TLB_ENTRIES; i++) {
            tlb_entry_invalidate(&cpu->tlb.e[m][i]);
        }
    }
    /* The jump cache is indexed by virtual pc: mappings changed, so drop it too. */
    memset(cpu->jmp_cache, 0, sizeof(cpu->jmp_cache));
}

void tlb_flush_page(CPUState *cpu, uint64_t vaddr)
{
    uint64_t page = vaddr & TLB_PAGE_MASK;
    for (int m = 0; m < TLB_MMU_MODES; m++) {
        TlbEntry *e = tlb_entry(&cpu->tlb, m, vaddr);
        if ((e->addr_read & TLB_PAGE_MASK) == page || (e->addr_write & TLB_PAGE_MASK) == page ||
            (e->addr_code & TLB_PAGE_MASK) == page) {
            tlb_entry_invalidate(e);
        }
    }
    memset(cpu->jmp_cache, 0, sizeof(cpu->jmp_cache));
}

void tlb_memory_layout_changed(void *machine, bool ram_changed)
{
    Machine *m = machine;
    for (int i = 0; i < m->ncpus; i++) {
        CPUState *cpu = m->cpus[i];
        if (!m->sync.multi) {
            /* nothing else runs; the vCPU that changed the layout (in a device write)
             * uses no TLB entry after it returns */
            tlb_flush(cpu);
        }
        /* every vCPU, so that none looks up a stale TB before one of them has flushed */
        uint32_t bits = (m->sync.multi ? CPU_EXIT_TLB_FLUSH : 0) |
                        (ram_changed ? CPU_EXIT_TB_FLUSH : 0);
        if (bits) {
            cpu_exit_request(cpu, bits);
        }
    }
}

/*
 * Code-page protection across threads.  Another vCPU's thread may mark a page as holding
 * code (tlb_protect_code_page on this vCPU's TLB) while this vCPU fills or un-protects an
 * entry for it.  Both sides write the flag word first and then check the other's, with
 * sequentially consistent atomics: the protector sets code_pages[] then ORs TLB_CODE into
 * the entry; this vCPU writes its entry then re-reads code_pages[].  Whichever runs second
 * sees the first, so a write to a code page never stays on the fast path.
 */
void tlb_protect_code_page(CPUState *cpu, uint64_t paddr)
{
    uint64_t ppage = paddr & TLB_PAGE_MASK;
    for (int m = 0; m < TLB_MMU_MODES; m++) {
        for (int i = 0; i < TLB_ENTRIES; i++) {
            TlbEntry *e = &cpu->tlb.e[m][i];
            if (__atomic_load_n(&e->paddr, __ATOMIC_SEQ_CST) == ppage &&
                !(__atomic_load_n(&e->addr_write, __ATOMIC_SEQ_CST) & (TLB_INVALID | TLB_MMIO))) {
                __atomic_fetch_or(&e->addr_write, TLB_CODE, __ATOMIC_SEQ_CST);
            }
        }
    }
}

/* After making writes to e's page fast (its code_pages[] byte: code): protect it again if
 * it holds code now. */
static void tlb_recheck_code(TlbEntry *e, const uint8_t *code)
{
    if (__atomic_load_n(code, __ATOMIC_SEQ_CST)) {
        __atomic_fetch_or(&e->addr_write, TLB_CODE, __ATOMIC_SEQ_CST);
    }
}

/* The page's TBs were just invalidated: writes may run fast again (unless it got code
 * again meanwhile, from another vCPU). */
static void tlb_unprotect_code(CPUState *cpu, TlbEntry *e)
{
    __atomic_fetch_and(&e->addr_write, ~TLB_CODE, __ATOMIC_SEQ_CST);
    MemSection s;
    MemRegion *r = as_find_section(&cpu->machine->as, e->paddr, &s);
    if (r && r->ram) {
        tlb_recheck_code(e, &r->code_pages[mem_section_offset(&s, e->paddr) >> TLB_PAGE_BITS]);
    }
}

void tlb_set_page(CPUState *cpu, uint64_t vaddr, uint64_t paddr, int prot, unsigned mmu_idx)
{
    uint64_t vpage = vaddr & TLB_PAGE_MASK;
    uint64_t ppage = paddr & TLB_PAGE_MASK;
    TlbEntry *e = tlb_entry(&cpu->tlb, mmu_idx, vaddr);
    MemSection s;
    MemRegion *r = as_find_section(&cpu->machine->as, paddr, &s);
    tlb_entry_invalidate(e);
    if (!r) {
        return; /* the arch's tlb_fill checks for unmapped space before calling us */
    }
    relaxed_store(&e->paddr, ppage);
    uint64_t flags = 0;
    uint64_t off = mem_section_offset(&s, ppage); /* meaningful only if the page is in s */
    if (r->ram && s.start <= ppage && s.last >= ppage + (TLB_PAGE_SIZE - 1) &&
        !(off & (TLB_PAGE_SIZE - 1))) {
        uint8_t *host = r->ram + off;
        e->addend = (uint64_t)((uintptr_t)host - (uintptr_t)vpage);
    } else {
        /* a device; or RAM that covers only part of the page (a block smaller than a
         * page, a hole punched by a device, a block not page-aligned): every access
         * goes through as_read/as_write, which resolve it byte-exactly */
        flags = TLB_MMIO;
    }
    if (prot & 1) {
        e->addr_read = vpage | flags;
    }
    if (prot & 2) {
        uint64_t wflags = flags;
        const uint8_t *code = NULL;
        if (r->ram && r->readonly) {
            wflags |= TLB_MMIO; /* ROM: writes go through as_write, which drops them */
        } else if (r->ram && !flags) {
            code = &r->code_pages[off >> TLB_PAGE_BITS];
            if (__atomic_load_n(code, __ATOMIC_SEQ_CST)) {
                wflags |= TLB_CODE;
            }
        }
        if (wflags || !cpu->machine->sync.multi) {
            /* with one thread nothing protects the page behind our back */
            relaxed_store(&e->addr_write, vpage | wflags);
        } else {
            /* seq_cst store, then the re-check: see "Code-page protection" above */
            __atomic_store_n(&e->addr_write, vpage, __ATOMIC_SEQ_CST);
            tlb_recheck_code(e, code);
        }
    }
    if (prot & 4) {
        e->addr_code = vpage | flags;
    }
}

static inline uint64_t host_ptr_load(uint64_t vaddr, const TlbEntry *e, unsigned size)
{
    uint64_t v = 0;
    guest_ram_load(&v, (void *)(uintptr_t)(vaddr + e->addend), size);
    return v;
}

static inline uint64_t extend(uint64_t v, unsigned memop)
{
    unsigned bits = 8u << (memop & IR_MO_SIZE);
    if (bits == 64) {
        return v;
    }
    if (memop & IR_MO_SIGN) {
        return (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    }
    return v & ((1ull << bits) - 1);
}

/* Look up (and fill if needed) the entry for an access; NULL after a fault. */
static TlbEntry *tlb_lookup_fill(CPUState *cpu, uint64_t vaddr, int access, unsigned mmu_idx)
{
    TlbEntry *e = tlb_entry(&cpu->tlb, mmu_idx, vaddr);
    uint64_t page = vaddr & TLB_PAGE_MASK;
    uint64_t tag = access == TLB_ACCESS_READ    ? e->addr_read
                   : access == TLB_ACCESS_WRITE ? e->addr_write
                                                : e->addr_code;
    if ((tag & ~(TLB_MMIO | TLB_CODE)) != page) {
        if (!cpu->arch->tlb_fill(cpu, vaddr, access, (int)mmu_idx)) {
            return NULL;
        }
        e = tlb_entry(&cpu->tlb, mmu_idx, vaddr);
        if (cpu->jit_check && access != TLB_ACCESS_WRITE) {
            e->addr_write |= TLB_INVALID; /* jit-check logs every store: keep them slow */
        }
    }
    return e;
}

/* One access wholly inside a page. */
static int load_one(CPUState *cpu, uint64_t vaddr, unsigned size, unsigned mmu_idx,
                    uint64_t *val)
{
    TlbEntry *e = tlb_lookup_fill(cpu, vaddr, TLB_ACCESS_READ, mmu_idx);
    if (!e) {
        return -1;
    }
    if (e->addr_read & TLB_MMIO) {
        uint64_t paddr = e->paddr | (vaddr & ~TLB_PAGE_MASK);
        if (cpu->jit_check && jit_check_mmio(cpu, paddr, size, val, false)) {
            return 0;
        }
        int prev = mmio_set_accessing_cpu(cpu->index); /* banked devices ask who reads */
        if (!as_read(&cpu->machine->as, paddr, size, val)) {
            *val = 0; /* a device window shorter than the access: reads as zero */
        }
        mmio_set_accessing_cpu(prev);
        if (cpu->jit_check) {
            jit_check_mmio_done(cpu, *val);
        }
        return 0;
    }
    *val = host_ptr_load(vaddr, e, size);
    return 0;
}

static int store_one(CPUState *cpu, uint64_t vaddr, uint64_t val, unsigned size,
                     unsigned mmu_idx)
{
    TlbEntry *e = tlb_lookup_fill(cpu, vaddr, TLB_ACCESS_WRITE, mmu_idx);
    if (!e) {
        return -1;
    }
    uint64_t paddr = e->paddr | (vaddr & ~TLB_PAGE_MASK);
    if (e->addr_write & TLB_MMIO) {
        if (!cpu->jit_check || !jit_check_mmio(cpu, paddr, size, &val, true)) {
            int prev = mmio_set_accessing_cpu(cpu->index);
            as_write(&cpu->machine->as, paddr, size, val);
            mmio_set_accessing_cpu(prev);
        }
        return 0;
    }
    if (e->addr_write & TLB_CODE) {
        /* The page holds translated code: drop it, then let writes run fast again. */
        tb_invalidate_phys_page(cpu->machine, paddr);
        tlb_unprotect_code(cpu, e);
        if (tb_store_hits_running(cpu, paddr, size)) {
            /* into the running TB: the rest of it is stale.  Write nothing; the exec loop
             * runs this instruction again on its own (core/cpu.h) */
            cpu_raise(cpu, CPU_EXCP_CODE_CHANGED, 0);
            return -1;
        }
    }
    void *host = (void *)(uintptr_t)(vaddr + e->addend);
    if (cpu->jit_check) {
        jit_check_ram_write(cpu, host, size);
        e->addr_write |= TLB_INVALID; /* the next store comes here too */
    }
    guest_ram_store(host, &val, size);
    return 0;
}

int tlb_load_slow(CPUState *cpu, uint64_t vaddr, unsigned memop, unsigned mmu_idx,
                  uint64_t fault_pc, uint64_t *val)
{
    unsigned size = 1u << (memop & IR_MO_SIZE);
    uint64_t v = 0;
    if (vaddr & (size - 1)) {
        if (memop & IR_MO_ALIGN) {
            cpu->pc = fault_pc;
            cpu->arch->raise_misaligned(cpu, vaddr, TLB_ACCESS_READ);
            return -1;
        }
        /* Misaligned: byte by byte.  A fault reports the address of the byte that faulted
         * (the start of the second page when the access crosses into a bad one), as
         * the privileged spec asks for "the portion of the access that caused the
         * fault". */
        for (unsigned i = 0; i < size; i++) {
            uint64_t b;
            if (load_one(cpu, vaddr + i, 1, mmu_idx, &b) < 0) {
                cpu->pc = fault_pc;
                return -1;
            }
            v |= b << (8 * i);
        }
    } else if (load_one(cpu, vaddr, size, mmu_idx, &v) < 0) {
        cpu->pc = fault_pc;
        return -1;
    }
    *val = extend(v, memop);
    return 0;
}

int tlb_store_slow(CPUState *cpu, uint64_t vaddr, uint64_t val, unsigned memop,
                   unsigned mmu_idx, uint64_t fault_pc)
{
    unsigned size = 1u << (memop & IR_MO_SIZE);
    if (vaddr & (size - 1)) {
        if (memop & IR_MO_ALIGN) {
            cpu->pc = fault_pc;
            cpu->arch->raise_misaligned(cpu, vaddr, TLB_ACCESS_WRITE);
            return -1;
        }
        /* Probe every byte first so a fault leaves memory untouched. */
        for (unsigned i = 0; i < size; i++) {
            if (!tlb_lookup_fill(cpu, vaddr + i, TLB_ACCESS_WRITE, mmu_idx)) {
                cpu->pc = fault_pc; /* tval: the faulting byte's address, as for loads */
                return -1;
            }
        }
        for (unsigned i = 0; i < size; i++) {
            if (store_one(cpu, vaddr + i, (val >> (8 * i)) & 0xff, 1, mmu_idx) < 0) {
                cpu->pc = fault_pc;
                return -1;
            }
        }
        return 0;
    }
    if (store_one(cpu, vaddr, val, size, mmu_idx) < 0) {
        cpu->pc = fault_pc;
        return -1;
    }
    return 0;
}

bool tlb_translate_code(CPUState *cpu, uint64_t vaddr, unsigned mmu_idx, uint64_t *paddr,
                        uint8_t **host)
{
    TlbEntry *e = tlb_lookup_fill(cpu, vaddr, TLB_ACCESS_FETCH, mmu_idx);
    if (!e) {
        return false;
    }
    *paddr = e->paddr | (vaddr & ~TLB_PAGE_MASK);
    *host = (e->addr_code & TLB_MMIO) ? NULL
                                      : (uint8_t *)(uintptr_t)((vaddr & TLB_PAGE_MASK) + e->addend);
    return true;
}

void *tlb_host_rw(CPUState *cpu, uint64_t vaddr, unsigned size, unsigned mmu_idx)
{
    if (vaddr & (size - 1)) {
        cpu->arch->raise_misaligned(cpu, vaddr, TLB_ACCESS_WRITE);
        return NULL;
    }
    /* Atomics need both read and write permission. */
    TlbEntry *e = tlb_lookup_fill(cpu, vaddr, TLB_ACCESS_READ, mmu_idx);
    if (!e) {
        return NULL;
    }
    e = tlb_lookup_fill(cpu, vaddr, TLB_ACCESS_WRITE, mmu_idx);
    if (!e) {
        return NULL;
    }
    if (e->addr_write & TLB_MMIO) {
        return NULL; /* caller raises an access fault: no atomics on device memory */
    }
    if (e->addr_write & TLB_CODE) {
        tb_invalidate_phys_page(cpu->machine, e->paddr);
        tlb_unprotect_code(cpu, e);
        if (tb_store_hits_running(cpu, e->paddr | (vaddr & ~TLB_PAGE_MASK), size)) {
            cpu_raise(cpu, CPU_EXCP_CODE_CHANGED, 0); /* as in store_one */
            return NULL;
        }
    }
    void *host = (void *)(uintptr_t)(vaddr + e->addend);
    if (cpu->jit_check) {
        jit_check_ram_write(cpu, host, size); /* the caller writes it */
        e->addr_write |= TLB_INVALID;
    }
    return host;
}
