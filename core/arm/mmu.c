/*
 * core/arm/mmu.c — VMSAv8-64 stage-1 translation for the EL1&0 regime (ARM ARM D5):
 * TTBR0/TTBR1 selected by the top VA bits, T0SZ/T1SZ input sizes, 4 KiB, 16 KiB and 64 KiB
 * granules, table and block descriptors, hierarchical APTable/UXNTable/PXNTable, the
 * access flag (a fault: hardware AF/DBM update is not implemented and not advertised),
 * AP/UXN/PXN/WXN permissions, PAN, and the fault status codes with their levels.
 *
 * The TLB holds no ASIDs: every write that changes a translation's inputs (TTBRn, TCR,
 * SCTLR, MAIR not included) flushes it (sysreg.c), which is what a TLB without ASID
 * matching must do, and TLBI by ASID flushes everything.
 */
#include "core/arm/mmu.h"

#include "core/arm/helper.h"
#include "core/machine.h"
#include "core/tlb.h"

int arm_pa_bits(const ArmCPU *cpu)
{
    static const int bits[] = {32, 36, 40, 42, 44, 48, 52};
    unsigned r = (unsigned)(cpu->model->id_aa64mmfr0 & 0xf);
    return r < 7 ? bits[r] : 48;
}

#define DESC_VALID 1ull
#define DESC_TABLE 2ull
#define DESC_AF (1ull << 10)
#define DESC_AP1 (1ull << 6)  /* AP[1]: accessible at EL0 */
#define DESC_AP2 (1ull << 7)  /* AP[2]: read-only */
#define DESC_PXN (1ull << 53)
#define DESC_UXN (1ull << 54)
#define TABLE_PXN (1ull << 59)
#define TABLE_UXN (1ull << 60)
#define TABLE_AP0 (1ull << 61) /* APTable[0]: no EL0 access below */
#define TABLE_AP1 (1ull << 62) /* APTable[1]: no writes below */

static void fault(ArmTranslation *out, uint8_t fsc, int level)
{
    out->fsc = (uint8_t)(fsc + level);
}

/* The translation granule of TCR's TG0 (ttbr1 false) or TG1 field, as log2 bytes; 0 for
 * a reserved encoding (then the size the model supports first is used, as the
 * architecture allows: we take 4 KiB). */
static int granule_bits(uint64_t tcr, bool ttbr1)
{
    if (!ttbr1) {
        switch ((tcr >> 14) & 3) {
        case 0: return 12;
        case 1: return 16;
        case 2: return 14;
        default: return 12;
        }
    }
    switch ((tcr >> 30) & 3) {
    case 1: return 14;
    case 2: return 12;
    case 3: return 16;
    default: return 12;
    }
}

static bool granule_supported(const ArmCPU *cpu, int g)
{
    uint64_t mmfr0 = cpu->model->id_aa64mmfr0;
    switch (g) {
    case 12: return ((mmfr0 >> 28) & 0xf) == 0;
    case 16: return ((mmfr0 >> 24) & 0xf) == 0;
    default: return ((mmfr0 >> 20) & 0xf) == 1;
    }
}

void arm_translate_address(ArmCPU *cpu, uint64_t vaddr, int access, int mmu_idx,
                           ArmTranslation *out)
{
    AddressSpace *as = &cpu->common.machine->as;
    int pa_bits = arm_pa_bits(cpu);
    bool el0 = mmu_idx == ARM_MMU_EL0;
    out->fsc = 0xff;
    out->sh = 0;
    if (!(cpu->sctlr_el1 & SCTLR_M)) {
        /* MMU off: flat, Device-nGnRnE for data, Normal for fetches; the VA must fit the
         * PA size (else an address size fault at level 0) */
        if (vaddr >> pa_bits) {
            fault(out, FSC_ADDR_SIZE, 0);
            return;
        }
        out->paddr = vaddr;
        out->prot = 7;
        out->attrs = access == TLB_ACCESS_FETCH ? 0xaa : 0x00;
        return;
    }
    uint64_t tcr = cpu->tcr_el1;
    bool ttbr1 = (vaddr >> 55) & 1;
    int tsz = (int)((ttbr1 ? tcr >> 16 : tcr) & 0x3f);
    bool epd = ttbr1 ? (tcr >> 23) & 1 : (tcr >> 7) & 1;
    if (tsz < 16) {
        tsz = 16; /* out-of-range TnSZ is treated as the nearest value (ARMv8.0) */
    } else if (tsz > 39) {
        tsz = 39;
    }
    int inputsize = 64 - tsz;
    /* the bits above the input size must all equal bit 55 (TBI is applied already) */
    uint64_t top = vaddr >> inputsize;
    uint64_t want = ttbr1 ? (~0ull >> inputsize) : 0;
    if (top != want || epd) {
        fault(out, FSC_TRANSLATION, 0);
        return;
    }
    int g = granule_bits(tcr, ttbr1);
    if (!granule_supported(cpu, g)) {
        g = 12;
    }
    int stride = g - 3;
    int levels = (inputsize - g + stride - 1) / stride;
    int level = 4 - levels;
    uint64_t ttbr = ttbr1 ? cpu->ttbr1_el1 : cpu->ttbr0_el1;
    uint64_t oa_mask = ((1ull << 48) - 1);
    /* the first table has 2^first_bits entries; its base is aligned to its size */
    int first_bits = inputsize - g - stride * (levels - 1);
    uint64_t table = ttbr & oa_mask & ~((1ull << (first_bits + 3)) - 1);
    bool t_pxn = false, t_uxn = false, t_no_el0 = false, t_ro = false;
    for (;;) {
        int shift = g + stride * (3 - level);
        int idx_bits = level == 4 - levels ? first_bits : stride;
        uint64_t index = (vaddr >> shift) & ((1ull << idx_bits) - 1);
        uint64_t daddr = table + index * 8;
        if (daddr >> pa_bits) {
            fault(out, FSC_ADDR_SIZE, level);
            return;
        }
        uint64_t *host = (uint64_t *)as_ram_ptr(as, daddr, 8);
        if (!host) {
            fault(out, FSC_SYNC_EXTERNAL_WALK, level);
            return;
        }
        uint64_t desc = __atomic_load_n(host, __ATOMIC_ACQUIRE);
        if (!(desc & DESC_VALID)) {
            fault(out, FSC_TRANSLATION, level);
            return;
        }
        bool is_table = (desc & DESC_TABLE) && level < 3;
        if (is_table) {
            uint64_t next = desc & oa_mask & ~((1ull << g) - 1);
            if (next >> pa_bits) {
                fault(out, FSC_ADDR_SIZE, level);
                return;
            }
            t_pxn |= (desc & TABLE_PXN) != 0;
            t_uxn |= (desc & TABLE_UXN) != 0;
            t_no_el0 |= (desc & TABLE_AP0) != 0;
            t_ro |= (desc & TABLE_AP1) != 0;
            table = next;
            level++;
            continue;
        }
        /* a block (levels 1-2 for 4 KiB, 2 for 16/64 KiB) or a page (level 3) */
        bool page = level == 3;
        if (page ? !(desc & DESC_TABLE)
                 : ((desc & DESC_TABLE) || level < (g == 12 ? 1 : 2))) {
            fault(out, FSC_TRANSLATION, level);
            return;
        }
        uint64_t blk_mask = (1ull << shift) - 1;
        uint64_t oa = (desc & oa_mask & ~blk_mask) | (vaddr & blk_mask);
        if (oa >> pa_bits) {
            fault(out, FSC_ADDR_SIZE, level);
            return;
        }
        if (!(desc & DESC_AF)) {
            fault(out, FSC_ACCESS_FLAG, level);
            return;
        }
        /* permissions (D5.4): AP[1] EL0 access, AP[2] read-only, with the table limits */
        bool user = (desc & DESC_AP1) && !t_no_el0;
        bool ro = (desc & DESC_AP2) || t_ro;
        bool uxn = (desc & DESC_UXN) || t_uxn;
        bool pxn = (desc & DESC_PXN) || t_pxn;
        int prot = 0;
        if (el0) {
            if (user) {
                prot = 1 | (ro ? 0 : 2) | (uxn ? 0 : 4);
            }
        } else {
            prot = 1 | (ro ? 0 : 2);
            /* EL1 never executes what EL0 can write */
            if (!pxn && !(user && !ro)) {
                prot |= 4;
            }
            if (mmu_idx == ARM_MMU_EL1_PAN && user) {
                prot &= 4; /* PAN: no data access to EL0-accessible memory */
            }
        }
        if ((cpu->sctlr_el1 & SCTLR_WXN) && (prot & 2)) {
            prot &= ~4;
        }
        int need = access == TLB_ACCESS_FETCH ? 4 : access == TLB_ACCESS_WRITE ? 2 : 1;
        if (!(prot & need)) {
            fault(out, FSC_PERMISSION, level);
            return;
        }
        unsigned attr_idx = (unsigned)(desc >> 2) & 7;
        out->attrs = (uint8_t)(cpu->mair_el1 >> (8 * attr_idx));
        out->sh = (uint8_t)((desc >> 8) & 3);
        out->paddr = oa;
        out->prot = prot;
        return;
    }
}

bool arm_tlb_fill(CPUState *cs, uint64_t vaddr, int access, int mmu_idx)
{
    ArmCPU *cpu = arm_cpu(cs);
    ArmTranslation t;
    arm_translate_address(cpu, vaddr, access, mmu_idx, &t);
    if (t.fsc != 0xff) {
        if (access == TLB_ACCESS_FETCH) {
            arm_raise_insn_abort(cpu, vaddr, t.fsc);
        } else {
            arm_raise_data_abort(cpu, vaddr, t.fsc, access == TLB_ACCESS_WRITE, false);
        }
        return false;
    }
    MemRegion *r = as_find(&cs->machine->as, t.paddr);
    if (!r) {
        Log *log = &cs->machine->log;
        if (log_enabled(log, LOG_GUEST_ERROR)) {
            log_printf(log, "arm: cpu %d %s of unmapped physical address 0x%llx (pc 0x%llx): "
                       "external abort\n", cs->index,
                       access == TLB_ACCESS_FETCH ? "fetch" : access == TLB_ACCESS_WRITE ? "store" : "load",
                       (unsigned long long)t.paddr, (unsigned long long)cs->pc);
        }
        if (access == TLB_ACCESS_FETCH) {
            arm_raise_insn_abort(cpu, vaddr, FSC_SYNC_EXTERNAL);
        } else {
            arm_raise_data_abort(cpu, vaddr, FSC_SYNC_EXTERNAL, access == TLB_ACCESS_WRITE, false);
        }
        return false;
    }
    int prot = t.prot;
    if (!r->ram) {
        prot &= ~4;
        if (access == TLB_ACCESS_FETCH) {
            arm_raise_insn_abort(cpu, vaddr, FSC_SYNC_EXTERNAL);
            return false;
        }
    }
    tlb_set_page(cs, vaddr & TLB_PAGE_MASK, t.paddr & TLB_PAGE_MASK, prot, (unsigned)mmu_idx);
    return true;
}
