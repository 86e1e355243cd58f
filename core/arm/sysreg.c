/*
 * core/arm/sysreg.c — MRS/MSR of the AArch64 system registers an ARMv8.0-A PE with EL0
 * and EL1 has (ARM ARM D17), and the SYS instructions (DC, IC, AT, TLBI).
 *
 * Access rules: an EL1 register accessed from EL0 is UNDEFINED; the EL0-accessible ones
 * (CTR, DCZID, TPIDR*, NZCV, DAIF, FPCR/FPSR, the counter and timers) follow their
 * SCTLR_EL1 / CNTKCTL_EL1 enables and trap to EL1 with EC 0x18 when disabled.  The ID
 * space (op0 3, op1 0, CRn 0, CRm 1..7) reads as zero where nothing is allocated, as the
 * architecture requires.  Writes that change how addresses translate flush this PE's TLB
 * (we keep no ASIDs).
 */
#include <string.h>

#include "core/arm/helper.h"
#include "core/arm/mmu.h"
#include "core/machine.h"
#include "core/tlb.h"

#define R ARM_SYSREG

/* ID_AA64PFR0: EL0..EL1 AArch64 only (EL2 too with the feature), FP and AdvSIMD with
 * no half-precision arithmetic (0), GIC system registers not implemented (0). */
static uint64_t id_aa64pfr0(const ArmCPU *cpu)
{
    uint64_t v = 0x11;                     /* EL0, EL1: AArch64 only */
    if (cpu->model->features.el2) {
        v |= 0x100;                        /* EL2: AArch64 only */
    }
    return v;
}

static uint64_t id_aa64isar0(const ArmCPU *cpu)
{
    const ArmFeatures *f = &cpu->model->features;
    uint64_t v = 0;
    v |= (uint64_t)(f->pmull ? 2 : f->aes ? 1 : 0) << 4;
    v |= (uint64_t)(f->sha1 ? 1 : 0) << 8;
    v |= (uint64_t)(f->sha2 ? 1 : 0) << 12;
    v |= (uint64_t)(f->crc32 ? 1 : 0) << 16;
    v |= (uint64_t)(f->lse ? 2 : 0) << 20;
    v |= (uint64_t)(f->rdm ? 1 : 0) << 28;
    return v;
}

/* ID_AA64MMFR0 without big-endian support (BigEnd, BigEndEL0 = 0: SCTLR.EE/E0E are RES0
 * here, unlike on the real cores). */
static uint64_t id_aa64mmfr0(const ArmCPU *cpu)
{
    return cpu->model->id_aa64mmfr0 & ~0xf0f00ull;
}

static uint64_t id_aa64mmfr1(const ArmCPU *cpu)
{
    return cpu->model->features.pan ? 1ull << 20 : 0;
}

/* The part of SCTLR_EL1 that is writable on this PE (RES1/RES0 bits fixed). */
static uint64_t sctlr_write_value(const ArmCPU *cpu, uint64_t v)
{
    const uint64_t res1 = (1ull << 29) | (1ull << 28) | (1ull << 23) | (1ull << 22) |
                          (1ull << 20) | (1ull << 11);
    const uint64_t rw = SCTLR_M | SCTLR_A | SCTLR_C | SCTLR_SA | SCTLR_SA0 | (1ull << 5) |
                        (1ull << 7) | (1ull << 8) | SCTLR_UMA | SCTLR_I | SCTLR_DZE |
                        SCTLR_UCT | SCTLR_nTWI | SCTLR_nTWE | SCTLR_WXN | SCTLR_UCI;
    uint64_t out = (v & rw) | res1;
    if (cpu->model->features.pan) {
        out = (out & ~SCTLR_SPAN) | (v & SCTLR_SPAN);
    }
    return out;
}

static bool counter_el0_ok(const ArmCPU *cpu, int bit)
{
    return cpu->el > 0 || ((cpu->cntkctl_el1 >> bit) & 1);
}

/* CNTx_TVAL reads as the signed 32-bit distance to CVAL. */
static uint64_t tval_read(ArmCPU *cpu, int which)
{
    return (uint64_t)(uint32_t)(cpu->gt[which].cval - arm_counter(cpu));
}

static void timer_write(ArmCPU *cpu, int which, int field, uint64_t v)
{
    Machine *m = cpu->common.machine;
    vcpu_device_lock(m);
    ArmGenericTimer *t = &cpu->gt[which];
    switch (field) {
    case 0: /* TVAL: CVAL = now + sign-extended value */
        t->cval = arm_counter(cpu) + (uint64_t)(int64_t)(int32_t)(uint32_t)v;
        break;
    case 1:
        t->ctl = (t->ctl & 4) | (uint32_t)(v & 3);
        break;
    default:
        t->cval = v;
        break;
    }
    arm_gt_update(cpu, which);
    vcpu_device_unlock(m);
    vcpu_timers_changed(m);
}

static uint32_t timer_ctl_read(ArmCPU *cpu, int which)
{
    Machine *m = cpu->common.machine;
    vcpu_device_lock(m);
    arm_gt_update(cpu, which); /* ISTATUS now */
    uint32_t v = cpu->gt[which].ctl;
    vcpu_device_unlock(m);
    return v;
}

ArmSysregResult arm_sysreg_read(ArmCPU *cpu, uint32_t enc, uint64_t *val)
{
    bool el0 = cpu->el == 0;
    const ArmCPUModel *md = cpu->model;
    /* EL0-accessible registers first */
    switch (enc) {
    case R(3, 3, 0, 0, 1): /* CTR_EL0 */
        if (el0 && !(cpu->sctlr_el1 & SCTLR_UCT)) {
            return ARM_SYSREG_TRAP;
        }
        *val = md->ctr;
        return ARM_SYSREG_OK;
    case R(3, 3, 0, 0, 7): /* DCZID_EL0: DZP set when DC ZVA is not allowed here */
        *val = md->dczid | ((el0 && !(cpu->sctlr_el1 & SCTLR_DZE)) ? 0x10 : 0);
        return ARM_SYSREG_OK;
    case R(3, 3, 4, 2, 0): /* NZCV */
        *val = arm_nzcv(cpu);
        return ARM_SYSREG_OK;
    case R(3, 3, 4, 2, 1): /* DAIF */
        if (el0 && !(cpu->sctlr_el1 & SCTLR_UMA)) {
            return ARM_SYSREG_TRAP;
        }
        *val = cpu->pstate & PSTATE_DAIF;
        return ARM_SYSREG_OK;
    case R(3, 3, 4, 4, 0): /* FPCR */
    case R(3, 3, 4, 4, 1): /* FPSR */
        if (!(((cpu->cpacr_el1 >> 20) & 3) == 3 || (((cpu->cpacr_el1 >> 20) & 3) == 1 && !el0))) {
            arm_raise_sync(cpu, (uint32_t)EC_FP_ACCESS << 26 | ESR_IL | 0x1e00000u, 0);
            return ARM_SYSREG_RAISED;
        }
        *val = enc == R(3, 3, 4, 4, 0) ? cpu->fpcr : arm_fpsr_read(cpu);
        return ARM_SYSREG_OK;
    case R(3, 3, 13, 0, 2): /* TPIDR_EL0 */
        *val = cpu->tpidr_el0;
        return ARM_SYSREG_OK;
    case R(3, 3, 13, 0, 3): /* TPIDRRO_EL0 */
        *val = cpu->tpidrro_el0;
        return ARM_SYSREG_OK;
    case R(3, 3, 14, 0, 0): /* CNTFRQ_EL0 */
        if (el0 && !(cpu->cntkctl_el1 & 3)) {
            return ARM_SYSREG_TRAP;
        }
        *val = cpu->common.machine->timebase_hz;
        return ARM_SYSREG_OK;
    case R(3, 3, 14, 0, 1): /* CNTPCT_EL0 */
        if (!counter_el0_ok(cpu, 0)) {
            return ARM_SYSREG_TRAP;
        }
        *val = arm_counter(cpu);
        return ARM_SYSREG_OK;
    case R(3, 3, 14, 0, 2): /* CNTVCT_EL0 (CNTVOFF is 0) */
        if (!counter_el0_ok(cpu, 1)) {
            return ARM_SYSREG_TRAP;
        }
        *val = arm_counter(cpu);
        return ARM_SYSREG_OK;
    case R(3, 3, 14, 2, 0): case R(3, 3, 14, 2, 1): case R(3, 3, 14, 2, 2):
    case R(3, 3, 14, 3, 0): case R(3, 3, 14, 3, 1): case R(3, 3, 14, 3, 2): {
        int which = ((enc >> 3) & 15) == 3; /* CRm 2: physical, 3: virtual */
        if (!counter_el0_ok(cpu, which ? 8 : 9)) { /* EL0VTEN, EL0PTEN */
            return ARM_SYSREG_TRAP;
        }
        switch (enc & 7) {
        case 0: *val = tval_read(cpu, which); break;
        case 1: *val = timer_ctl_read(cpu, which); break;
        default: *val = cpu->gt[which].cval; break;
        }
        return ARM_SYSREG_OK;
    }
    case R(2, 3, 0, 1, 0): /* MDCCSR_EL0: the debug channel is never ready */
        if (el0) {
            return ARM_SYSREG_TRAP;
        }
        *val = 0;
        return ARM_SYSREG_OK;
    default:
        break;
    }
    if (el0) {
        return ARM_SYSREG_UNDEF;
    }
    /* the ID space: allocated registers, the rest RAZ */
    if ((enc >> 7) == (R(3, 0, 0, 0, 0) >> 7) && ((enc >> 3) & 15) <= 7) {
        switch (enc) {
        case R(3, 0, 0, 0, 0): *val = md->midr; return ARM_SYSREG_OK;
        case R(3, 0, 0, 0, 5): *val = cpu->mpidr; return ARM_SYSREG_OK;
        case R(3, 0, 0, 0, 6): *val = md->revidr; return ARM_SYSREG_OK;
        case R(3, 0, 0, 4, 0): *val = id_aa64pfr0(cpu); return ARM_SYSREG_OK;
        case R(3, 0, 0, 5, 0): *val = md->id_aa64dfr0; return ARM_SYSREG_OK;
        case R(3, 0, 0, 6, 0): *val = id_aa64isar0(cpu); return ARM_SYSREG_OK;
        case R(3, 0, 0, 7, 0): *val = id_aa64mmfr0(cpu); return ARM_SYSREG_OK;
        case R(3, 0, 0, 7, 1): *val = id_aa64mmfr1(cpu); return ARM_SYSREG_OK;
        default:
            if (((enc >> 3) & 15) == 0 && (enc & 7) != 0 && (enc & 7) != 5 && (enc & 7) != 6) {
                return ARM_SYSREG_UNDEF; /* CRm 0: only MIDR, MPIDR, REVIDR (and aliases) */
            }
            *val = 0;
            return ARM_SYSREG_OK;
        }
    }
    switch (enc) {
    case R(3, 1, 0, 0, 0): /* CCSIDR_EL1 for CSSELR */
        *val = cpu->csselr_el1 < 3 ? md->ccsidr[cpu->csselr_el1] : 0;
        return ARM_SYSREG_OK;
    case R(3, 1, 0, 0, 1): *val = md->clidr; return ARM_SYSREG_OK;
    case R(3, 1, 0, 0, 7): *val = 0; return ARM_SYSREG_OK; /* AIDR_EL1 */
    case R(3, 2, 0, 0, 0): *val = cpu->csselr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 1, 0, 0): *val = cpu->sctlr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 1, 0, 1): *val = cpu->actlr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 1, 0, 2): *val = cpu->cpacr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 2, 0, 0): *val = cpu->ttbr0_el1; return ARM_SYSREG_OK;
    case R(3, 0, 2, 0, 1): *val = cpu->ttbr1_el1; return ARM_SYSREG_OK;
    case R(3, 0, 2, 0, 2): *val = cpu->tcr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 4, 0, 0): *val = cpu->spsr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 4, 0, 1): *val = cpu->elr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 4, 1, 0): /* SP_EL0: only while SP_EL1 is in use */
        if (!(cpu->pstate & PSTATE_SP)) {
            return ARM_SYSREG_UNDEF;
        }
        *val = cpu->sp_el[0];
        return ARM_SYSREG_OK;
    case R(3, 0, 4, 2, 0): *val = cpu->pstate & PSTATE_SP; return ARM_SYSREG_OK; /* SPSel */
    case R(3, 0, 4, 2, 2): *val = (uint64_t)cpu->el << 2; return ARM_SYSREG_OK; /* CurrentEL */
    case R(3, 0, 4, 2, 3): /* PAN */
        if (!md->features.pan) {
            return ARM_SYSREG_UNDEF;
        }
        *val = cpu->pstate & PSTATE_PAN;
        return ARM_SYSREG_OK;
    case R(3, 0, 5, 1, 0): *val = cpu->afsr0_el1; return ARM_SYSREG_OK;
    case R(3, 0, 5, 1, 1): *val = cpu->afsr1_el1; return ARM_SYSREG_OK;
    case R(3, 0, 5, 2, 0): *val = cpu->esr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 6, 0, 0): *val = cpu->far_el1; return ARM_SYSREG_OK;
    case R(3, 0, 7, 4, 0): *val = cpu->par_el1; return ARM_SYSREG_OK;
    case R(3, 0, 10, 2, 0): *val = cpu->mair_el1; return ARM_SYSREG_OK;
    case R(3, 0, 10, 3, 0): *val = cpu->amair_el1; return ARM_SYSREG_OK;
    case R(3, 0, 12, 0, 0): *val = cpu->vbar_el1; return ARM_SYSREG_OK;
    case R(3, 0, 12, 0, 1): *val = 0; return ARM_SYSREG_OK; /* RVBAR_EL1 (EL1 is highest) */
    case R(3, 0, 12, 1, 0): { /* ISR_EL1: pending IRQ (bit 7) / FIQ (bit 6) */
        uint32_t l = __atomic_load_n(&cpu->irq_lines, __ATOMIC_SEQ_CST);
        *val = ((l >> ARM_IRQ_IRQ) & 1) << 7 | ((l >> ARM_IRQ_FIQ) & 1) << 6;
        return ARM_SYSREG_OK;
    }
    case R(3, 0, 13, 0, 1): *val = cpu->contextidr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 13, 0, 4): *val = cpu->tpidr_el1; return ARM_SYSREG_OK;
    case R(3, 0, 14, 1, 0): *val = cpu->cntkctl_el1; return ARM_SYSREG_OK;
    /* debug: the OS lock, the debug control registers (stored; no debug events) */
    case R(2, 0, 0, 2, 2): *val = cpu->mdscr_el1; return ARM_SYSREG_OK;
    case R(2, 0, 0, 2, 0): *val = cpu->mdccint_el1; return ARM_SYSREG_OK;
    case R(2, 0, 1, 1, 4): *val = cpu->oslsr_el1; return ARM_SYSREG_OK;
    case R(2, 0, 1, 3, 4): *val = 0; return ARM_SYSREG_OK; /* OSDLR_EL1 */
    default:
        break;
    }
    return ARM_SYSREG_UNDEF;
}

ArmSysregResult arm_sysreg_write(ArmCPU *cpu, uint32_t enc, uint64_t v)
{
    bool el0 = cpu->el == 0;
    switch (enc) {
    case R(3, 3, 4, 2, 0): /* NZCV */
        arm_set_nzcv(cpu, (uint32_t)v);
        return ARM_SYSREG_OK;
    case R(3, 3, 4, 2, 1): /* DAIF */
        if (el0 && !(cpu->sctlr_el1 & SCTLR_UMA)) {
            return ARM_SYSREG_TRAP;
        }
        cpu->pstate = (cpu->pstate & ~PSTATE_DAIF) | ((uint32_t)v & PSTATE_DAIF);
        cpu_exit_request(&cpu->common, CPU_EXIT_INTERRUPT);
        return ARM_SYSREG_OK;
    case R(3, 3, 4, 4, 0): /* FPCR: AHP, DN, FZ, RMode, FZ16 (no trap enables) */
    case R(3, 3, 4, 4, 1): /* FPSR */
        if (!(((cpu->cpacr_el1 >> 20) & 3) == 3 || (((cpu->cpacr_el1 >> 20) & 3) == 1 && !el0))) {
            arm_raise_sync(cpu, (uint32_t)EC_FP_ACCESS << 26 | ESR_IL | 0x1e00000u, 0);
            return ARM_SYSREG_RAISED;
        }
        if (enc == R(3, 3, 4, 4, 0)) {
            /* AHP, DN, FZ, RMode; FZ16 is RES0 without FEAT_FP16, Len/Stride without
             * AArch32 */
            cpu->fpcr = (uint32_t)v & 0x07c00000u;
            arm_fpcr_changed(cpu);
        } else {
            arm_fpsr_write(cpu, (uint32_t)v);
        }
        return ARM_SYSREG_OK;
    case R(3, 3, 13, 0, 2):
        cpu->tpidr_el0 = v;
        return ARM_SYSREG_OK;
    case R(3, 3, 13, 0, 3): /* TPIDRRO_EL0: read-only at EL0 */
        if (el0) {
            return ARM_SYSREG_UNDEF;
        }
        cpu->tpidrro_el0 = v;
        return ARM_SYSREG_OK;
    case R(3, 3, 14, 2, 0): case R(3, 3, 14, 2, 1): case R(3, 3, 14, 2, 2):
    case R(3, 3, 14, 3, 0): case R(3, 3, 14, 3, 1): case R(3, 3, 14, 3, 2): {
        int which = ((enc >> 3) & 15) == 3;
        if (!counter_el0_ok(cpu, which ? 8 : 9)) {
            return ARM_SYSREG_TRAP;
        }
        timer_write(cpu, which, (int)(enc & 7), v);
        return ARM_SYSREG_OK;
    }
    case R(3, 3, 14, 0, 0): /* CNTFRQ_EL0 is writable only at the highest EL: EL1 here */
        return el0 ? ARM_SYSREG_UNDEF : ARM_SYSREG_OK; /* the frequency is the board's */
    default:
        break;
    }
    if (el0) {
        return ARM_SYSREG_UNDEF;
    }
    switch (enc) {
    case R(3, 2, 0, 0, 0): cpu->csselr_el1 = v & 0xf; return ARM_SYSREG_OK;
    case R(3, 0, 1, 0, 0): {
        uint64_t n = sctlr_write_value(cpu, v);
        if ((n ^ cpu->sctlr_el1) & (SCTLR_M | SCTLR_WXN)) {
            tlb_flush(&cpu->common);
        }
        cpu->sctlr_el1 = n;
        return ARM_SYSREG_OK;
    }
    case R(3, 0, 1, 0, 1): cpu->actlr_el1 = v; return ARM_SYSREG_OK;
    case R(3, 0, 1, 0, 2): cpu->cpacr_el1 = v & (3ull << 20); return ARM_SYSREG_OK;
    case R(3, 0, 2, 0, 0):
    case R(3, 0, 2, 0, 1):
    case R(3, 0, 2, 0, 2): {
        uint64_t *reg = enc == R(3, 0, 2, 0, 0) ? &cpu->ttbr0_el1
                      : enc == R(3, 0, 2, 0, 1) ? &cpu->ttbr1_el1 : &cpu->tcr_el1;
        if (*reg != v) {
            *reg = v;
            tlb_flush(&cpu->common);
        }
        return ARM_SYSREG_OK;
    }
    case R(3, 0, 4, 0, 0): cpu->spsr_el1 = v & 0xf07003cfull; return ARM_SYSREG_OK;
    case R(3, 0, 4, 0, 1): cpu->elr_el1 = v; return ARM_SYSREG_OK;
    case R(3, 0, 4, 1, 0):
        if (!(cpu->pstate & PSTATE_SP)) {
            return ARM_SYSREG_UNDEF;
        }
        cpu->sp_el[0] = v;
        return ARM_SYSREG_OK;
    case R(3, 0, 4, 2, 0): /* SPSel */
        arm_set_el_sp(cpu, cpu->el, v & 1);
        return ARM_SYSREG_OK;
    case R(3, 0, 4, 2, 3): /* PAN */
        if (!cpu->model->features.pan) {
            return ARM_SYSREG_UNDEF;
        }
        cpu->pstate = (cpu->pstate & ~PSTATE_PAN) | ((uint32_t)v & PSTATE_PAN);
        return ARM_SYSREG_OK;
    case R(3, 0, 5, 1, 0): cpu->afsr0_el1 = v; return ARM_SYSREG_OK;
    case R(3, 0, 5, 1, 1): cpu->afsr1_el1 = v; return ARM_SYSREG_OK;
    case R(3, 0, 5, 2, 0): cpu->esr_el1 = v & 0xffffffffu; return ARM_SYSREG_OK;
    case R(3, 0, 6, 0, 0): cpu->far_el1 = v; return ARM_SYSREG_OK;
    case R(3, 0, 7, 4, 0): cpu->par_el1 = v; return ARM_SYSREG_OK;
    case R(3, 0, 10, 2, 0): cpu->mair_el1 = v; return ARM_SYSREG_OK;
    case R(3, 0, 10, 3, 0): cpu->amair_el1 = v; return ARM_SYSREG_OK;
    case R(3, 0, 12, 0, 0): cpu->vbar_el1 = v & ~0x7ffull; return ARM_SYSREG_OK;
    case R(3, 0, 13, 0, 1): cpu->contextidr_el1 = v & 0xffffffffu; return ARM_SYSREG_OK;
    case R(3, 0, 13, 0, 4): cpu->tpidr_el1 = v; return ARM_SYSREG_OK;
    case R(3, 0, 14, 1, 0): cpu->cntkctl_el1 = v & 0x3ff; return ARM_SYSREG_OK;
    case R(2, 0, 0, 2, 2): cpu->mdscr_el1 = v; return ARM_SYSREG_OK;
    case R(2, 0, 0, 2, 0): cpu->mdccint_el1 = v; return ARM_SYSREG_OK;
    case R(2, 0, 1, 0, 4): /* OSLAR_EL1: OSLK = bit 0, reflected in OSLSR.OSLK (bit 1) */
        cpu->oslsr_el1 = (cpu->oslsr_el1 & ~2ull) | ((v & 1) << 1);
        return ARM_SYSREG_OK;
    case R(2, 0, 1, 3, 4): return ARM_SYSREG_OK; /* OSDLR_EL1: the double lock is RAZ/WI */
    default:
        break;
    }
    /* debug breakpoint/watchpoint registers DBGB/WVR/CR<n> (op0 2, op1 0, CRn 0, op2
     * 4..7): stored nowhere; debug exceptions are not generated (MDSCR.MDE/KDE unused) */
    if ((enc >> 7) == (R(2, 0, 0, 0, 0) >> 7) && (enc & 7) >= 4) {
        return ARM_SYSREG_OK;
    }
    return ARM_SYSREG_UNDEF;
}

/* ---- SYS: DC, IC, AT, TLBI ---- */

static void flush_all_tlbs(ArmCPU *cpu, bool broadcast)
{
    CPUState *self = &cpu->common;
    Machine *m = self->machine;
    if (!broadcast || m->ncpus == 1) {
        tlb_flush(self);
        return;
    }
    /* Broadcast TLBI completes for every PE before the issuing PE goes on (the DSB that
     * follows it in the guest may then rely on it): stop the others at a safe point */
    vcpu_exclusive_begin(m, self);
    for (int i = 0; i < m->ncpus; i++) {
        tlb_flush(m->cpus[i]);
    }
    vcpu_exclusive_end(m, self);
}

static void flush_va(ArmCPU *cpu, uint64_t v, bool broadcast)
{
    /* VA[55:12] in bits 43:0, sign-extended from bit 55 as addresses are kept */
    uint64_t va = (uint64_t)((int64_t)(v << 20) >> 8) & TLB_PAGE_MASK;
    CPUState *self = &cpu->common;
    Machine *m = self->machine;
    if (!broadcast || m->ncpus == 1) {
        tlb_flush_page(self, va);
        tlb_flush_page(self, va & 0x00ffffffffffffffull); /* the TBI-cleaned form too */
        return;
    }
    vcpu_exclusive_begin(m, self);
    for (int i = 0; i < m->ncpus; i++) {
        tlb_flush_page(m->cpus[i], va);
        tlb_flush_page(m->cpus[i], va & 0x00ffffffffffffffull);
    }
    vcpu_exclusive_end(m, self);
}

static ArmSysregResult at_insn(ArmCPU *cpu, uint64_t va, bool write, bool el0)
{
    ArmTranslation t;
    arm_translate_address(cpu, va, write ? 1 : 0, el0 ? ARM_MMU_EL0 : ARM_MMU_EL1, &t);
    if (t.fsc != 0xff) {
        cpu->par_el1 = 1 | (uint64_t)t.fsc << 1; /* F = 1, FST */
    } else {
        cpu->par_el1 = (t.paddr & 0x0000fffffffff000ull) | (uint64_t)t.attrs << 56 |
                       (uint64_t)t.sh << 7 | 1ull << 11 /* RES1 */;
    }
    return ARM_SYSREG_OK;
}

/* DC by VA (clean/invalidate): no cache to maintain, but the address must translate as a
 * read (IVAC: a write); a fault is a data abort with CM set. */
static ArmSysregResult dc_va_check(ArmCPU *cpu, uint64_t va, bool write)
{
    ArmTranslation t;
    unsigned idx = cpu->common.arch->mmu_index(&cpu->common, false);
    if (idx == ARM_MMU_EL1_PAN) {
        idx = ARM_MMU_EL1; /* PAN does not apply to cache maintenance */
    }
    arm_translate_address(cpu, va, write ? 1 : 0, (int)idx, &t);
    if (t.fsc != 0xff) {
        arm_raise_data_abort(cpu, va, t.fsc, write, true);
        return ARM_SYSREG_RAISED;
    }
    return ARM_SYSREG_OK;
}

static ArmSysregResult dc_zva(ArmCPU *cpu, uint64_t va)
{
    CPUState *cs = &cpu->common;
    unsigned block = 4u << cpu->model->dczid; /* bytes */
    uint64_t addr = va & ~(uint64_t)(block - 1);
    void *host = tlb_host_rw(cs, addr, block, cs->arch->mmu_index(cs, false));
    if (!host) {
        if (cs->excp_index < 0) { /* device memory: an alignment fault */
            arm_raise_data_abort(cpu, va, FSC_ALIGNMENT, true, false);
        }
        return ARM_SYSREG_RAISED;
    }
    memset(host, 0, block);
    return ARM_SYSREG_OK;
}

ArmSysregResult arm_sys_insn(ArmCPU *cpu, uint32_t enc, uint64_t v)
{
    bool el0 = cpu->el == 0;
    uint32_t op1 = (enc >> 11) & 7, crn = (enc >> 7) & 15, crm = (enc >> 3) & 15, op2 = enc & 7;
    if (crn == 7) {
        switch (enc) {
        case R(1, 3, 7, 4, 1): /* DC ZVA */
            if (el0 && !(cpu->sctlr_el1 & SCTLR_DZE)) {
                return ARM_SYSREG_TRAP;
            }
            return dc_zva(cpu, v);
        case R(1, 3, 7, 10, 1): /* DC CVAC */
        case R(1, 3, 7, 11, 1): /* DC CVAU */
        case R(1, 3, 7, 14, 1): /* DC CIVAC */
        case R(1, 3, 7, 5, 1):  /* IC IVAU */
            if (el0 && !(cpu->sctlr_el1 & SCTLR_UCI)) {
                return ARM_SYSREG_TRAP;
            }
            return dc_va_check(cpu, v, false);
        default:
            break;
        }
        if (el0) {
            return ARM_SYSREG_UNDEF;
        }
        switch (enc) {
        case R(1, 0, 7, 6, 1): /* DC IVAC */
            return dc_va_check(cpu, v, true);
        case R(1, 0, 7, 6, 2):  /* DC ISW */
        case R(1, 0, 7, 10, 2): /* DC CSW */
        case R(1, 0, 7, 14, 2): /* DC CISW */
        case R(1, 0, 7, 1, 0):  /* IC IALLUIS */
        case R(1, 0, 7, 5, 0):  /* IC IALLU */
            return ARM_SYSREG_OK; /* no caches; code changes are tracked by the engine */
        case R(1, 0, 7, 8, 0): return at_insn(cpu, v, false, false); /* AT S1E1R */
        case R(1, 0, 7, 8, 1): return at_insn(cpu, v, true, false);  /* AT S1E1W */
        case R(1, 0, 7, 8, 2): return at_insn(cpu, v, false, true);  /* AT S1E0R */
        case R(1, 0, 7, 8, 3): return at_insn(cpu, v, true, true);   /* AT S1E0W */
        default:
            return ARM_SYSREG_UNDEF;
        }
    }
    if (crn == 8 && op1 == 0 && !el0 && (crm == 3 || crm == 7)) {
        bool is = crm == 3; /* Inner Shareable: every PE */
        switch (op2) {
        case 0: /* VMALLE1 */
        case 2: /* ASIDE1: no ASIDs in our TLB: everything */
            flush_all_tlbs(cpu, is);
            return ARM_SYSREG_OK;
        case 1: /* VAE1 */
        case 3: /* VAAE1 */
        case 5: /* VALE1 */
        case 7: /* VAALE1 */
            flush_va(cpu, v, is);
            return ARM_SYSREG_OK;
        default:
            break;
        }
    }
    return ARM_SYSREG_UNDEF;
}
