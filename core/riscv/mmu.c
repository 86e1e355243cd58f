/*
 * core/riscv/mmu.c — virtual-memory translation: Sv39, Sv48 and Sv57 page walks
 * (privileged spec 1.12, section 4.3.2 "Virtual Address Translation Process"), with
 * superpages, U/SUM/MXR permission rules and hardware update of the A and D bits.
 */
#include "core/riscv/mmu.h"

#include "core/tlb.h"
#include "core/machine.h"

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_G (1ull << 5)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK ((1ull << 44) - 1)
/* Bits 63:54 are reserved (N, PBMT and the rest) for implementations without Svnapot
 * and Svpbmt: a leaf or pointer with any of them set is a page fault. */
#define PTE_RESERVED (0x3ffull << 54)

#define SATP_MODE_SHIFT 60
enum { SATP_BARE = 0, SATP_SV39 = 8, SATP_SV48 = 9, SATP_SV57 = 10 };

static int page_fault_cause(int access)
{
    return access == TLB_ACCESS_FETCH ? EXCP_INSN_PAGE_FAULT
         : access == TLB_ACCESS_WRITE ? EXCP_STORE_PAGE_FAULT
                                      : EXCP_LOAD_PAGE_FAULT;
}

static int access_fault_cause(int access)
{
    return access == TLB_ACCESS_FETCH ? EXCP_INSN_ACCESS
         : access == TLB_ACCESS_WRITE ? EXCP_STORE_ACCESS
                                      : EXCP_LOAD_ACCESS;
}

int riscv_mmu_mode_of_index(unsigned mmu_idx, bool *sum)
{
    *sum = mmu_idx == RISCV_MMU_S_SUM;
    switch (mmu_idx) {
    case RISCV_MMU_U:
        return PRV_U;
    case RISCV_MMU_S:
    case RISCV_MMU_S_SUM:
        return PRV_S;
    default:
        return PRV_M;
    }
}

/* Walk the page table for vaddr.  Returns 0 and the physical address and the permission
 * bits (1 read, 2 write, 4 exec) allowed for this mode, or the exception cause. */
static int page_walk(RiscvCPU *cpu, uint64_t vaddr, int access, int mode, bool sum,
                     uint64_t *paddr, int *prot)
{
    AddressSpace *as = &cpu->common.machine->as;
    int satp_mode = (int)(cpu->satp >> SATP_MODE_SHIFT);
    int levels = satp_mode == SATP_SV39 ? 3 : satp_mode == SATP_SV48 ? 4 : 5;
    int va_bits = 12 + 9 * levels;

    /* The address must be the sign extension of its top translated bit. */
    int64_t top = (int64_t)vaddr >> (va_bits - 1);
    if (top != 0 && top != -1) {
        return page_fault_cause(access);
    }

    uint64_t table = (cpu->satp & ((1ull << 44) - 1)) << 12;
    for (int level = levels - 1; level >= 0; level--) {
        uint64_t vpn = (vaddr >> (12 + 9 * level)) & 0x1ff;
        uint64_t pte_addr = table + vpn * 8;
        uint64_t *pte_host = (uint64_t *)as_ram_ptr(as, pte_addr, 8);
        if (!pte_host) {
            return access_fault_cause(access); /* page table outside RAM */
        }
        uint64_t pte = __atomic_load_n(pte_host, __ATOMIC_SEQ_CST);
        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) || (pte & PTE_RESERVED)) {
            return page_fault_cause(access);
        }
        uint64_t ppn = (pte >> PTE_PPN_SHIFT) & PTE_PPN_MASK;
        if (!(pte & (PTE_R | PTE_X))) {
            if (pte & (PTE_A | PTE_D | PTE_U)) {
                return page_fault_cause(access); /* reserved for non-leaf PTEs */
            }
            table = ppn << 12;
            continue;
        }
        /* Leaf.  A superpage must be aligned to its size. */
        if (level > 0 && (ppn & ((1ull << (9 * level)) - 1))) {
            return page_fault_cause(access);
        }
        /* Privilege: U pages are for U-mode; S-mode may read/write them only with SUM and
         * never execute them. */
        if (mode == PRV_U ? !(pte & PTE_U)
                          : ((pte & PTE_U) && (access == TLB_ACCESS_FETCH || !sum))) {
            return page_fault_cause(access);
        }
        bool mxr = cpu->mstatus & MSTATUS_MXR;
        int p = 0;
        if ((pte & PTE_R) || (mxr && (pte & PTE_X))) {
            p |= 1;
        }
        if (pte & PTE_W) {
            p |= 2;
        }
        if (pte & PTE_X) {
            p |= 4;
        }
        int need = access == TLB_ACCESS_FETCH ? 4 : access == TLB_ACCESS_WRITE ? 2 : 1;
        if (!(p & need)) {
            return page_fault_cause(access);
        }
        /* Hardware A/D update, atomically so that a concurrent change of the PTE by the
         * guest (or another hart's walk) is not lost. */
        uint64_t want = PTE_A | (access == TLB_ACCESS_WRITE ? PTE_D : 0);
        if ((pte & want) != want) {
            uint64_t expected = pte;
            if (!__atomic_compare_exchange_n(pte_host, &expected, pte | want, false,
                                             __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
                /* the PTE changed under us: walk again */
                return page_walk(cpu, vaddr, access, mode, sum, paddr, prot);
            }
            pte |= want;
        }
        /* Writes are only allowed through the TLB once D is set; until then a store
         * comes back here to set it. */
        if (!(pte & PTE_D)) {
            p &= ~2;
        }
        uint64_t page_mask = (1ull << (12 + 9 * level)) - 1;
        *paddr = ((ppn << 12) & ~page_mask) | (vaddr & page_mask);
        *prot = p;
        return 0;
    }
    return page_fault_cause(access);
}

bool riscv_tlb_fill(CPUState *cs, uint64_t vaddr, int access, int mmu_idx)
{
    RiscvCPU *cpu = riscv_cpu(cs);
    bool sum;
    int mode = riscv_mmu_mode_of_index((unsigned)mmu_idx, &sum);
    uint64_t paddr = vaddr;
    int prot = 7;
    if (mode != PRV_M && (cpu->satp >> SATP_MODE_SHIFT) != SATP_BARE) {
        int cause = page_walk(cpu, vaddr, access, mode, sum, &paddr, &prot);
        if (cause) {
            cpu_raise(cs, cause, vaddr);
            return false;
        }
    }
    /* Physical memory attributes: only RAM/ROM and device windows exist, and devices
     * cannot be executed. */
    MemRegion *r = as_find(&cs->machine->as, paddr);
    if (!r) {
        Log *log = &cs->machine->log;
        if (log_enabled(log, LOG_GUEST_ERROR)) {
            log_printf(log, "riscv: hart %d %s of unmapped physical address 0x%llx "
                       "(pc 0x%llx): access fault\n", cs->index,
                       access == TLB_ACCESS_FETCH ? "fetch" : access == TLB_ACCESS_WRITE ? "store" : "load",
                       (unsigned long long)paddr, (unsigned long long)cs->pc);
        }
        cpu_raise(cs, access_fault_cause(access), vaddr);
        return false;
    }
    if (!r->ram) {
        prot &= ~4;
        if (access == TLB_ACCESS_FETCH) {
            cpu_raise(cs, EXCP_INSN_ACCESS, vaddr);
            return false;
        }
    }
    tlb_set_page(cs, vaddr, paddr, prot, (unsigned)mmu_idx);
    return true;
}

bool riscv_satp_mode_supported(uint64_t mode)
{
    return mode == SATP_BARE || mode == SATP_SV39 || mode == SATP_SV48 || mode == SATP_SV57;
}
