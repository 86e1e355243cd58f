/*
 * core/arm/cpu.c — an AArch64 PE: models, TB key, exception entry, interrupts, reset,
 * saved state.
 */
#include "core/arm/cpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arm/helper.h"
#include "core/fpu/softfloat_arm.h"
#include "core/host.h"
#include "core/jit_check.h"
#include "core/arm/mmu.h"
#include "core/machine.h"
#include "core/tlb.h"

/* ---- models: the identification QEMU 7.2 gives its CPUs of these names, except where
 * our CPU differs on purpose: ID_AA64DFR0.PMUVer is 0 (QEMU: 1, PMUv3) because we have no
 * PMU, and ID_AA64PFR0 (sysreg.c) says AArch64 only at every EL ---- */

static const ArmCPUModel arm_models[] = {
    {
        .name = "cortex-a57",
        .midr = 0x411fd070, .revidr = 0, .ctr = 0x8444c004, .dczid = 4,
        .id_aa64dfr0 = 0x10305006, .id_aa64mmfr0 = 0x00001124,
        .clidr = 0x0a200023, .ccsidr = {0x701fe00a, 0x201fe012, 0x70ffe07a},
        .reset_sctlr = 0x00c50838,
        .features = {.crc32 = true, .aes = true, .pmull = true, .sha1 = true, .sha2 = true},
    },
    {
        .name = "cortex-a53",
        .midr = 0x410fd034, .revidr = 0, .ctr = 0x84448004, .dczid = 4,
        .id_aa64dfr0 = 0x10305006, .id_aa64mmfr0 = 0x00001122,
        .clidr = 0x0a200023, .ccsidr = {0x700fe01a, 0x201fe00a, 0x707fe07a},
        .reset_sctlr = 0x00c50838,
        .features = {.crc32 = true, .aes = true, .pmull = true, .sha1 = true, .sha2 = true},
    },
    {
        /* our "max": the cortex-a57 plus the ARMv8.1 features we implement */
        .name = "max",
        .midr = 0x000f0510, .revidr = 0, .ctr = 0x8444c004, .dczid = 4,
        .id_aa64dfr0 = 0x10305006, .id_aa64mmfr0 = 0x00001124,
        .clidr = 0x0a200023, .ccsidr = {0x701fe00a, 0x201fe012, 0x70ffe07a},
        .reset_sctlr = 0x00c50838,
        .features = {.crc32 = true, .aes = true, .pmull = true, .sha1 = true, .sha2 = true,
                     .lse = true, .pan = true},
    },
};

const ArmCPUModel *arm_cpu_model_find(const char *name)
{
    for (size_t i = 0; i < sizeof(arm_models) / sizeof(arm_models[0]); i++) {
        if (strcmp(arm_models[i].name, name) == 0) {
            return &arm_models[i];
        }
    }
    return NULL;
}

/* ---- PSTATE ---- */

uint32_t arm_nzcv(const ArmCPU *cpu)
{
    uint32_t n = (uint32_t)(cpu->nf >> 63), z = cpu->zf == 0, c = (uint32_t)(cpu->cf & 1),
             v = (uint32_t)(cpu->vf >> 63);
    return n << 31 | z << 30 | c << 29 | v << 28;
}

void arm_set_nzcv(ArmCPU *cpu, uint32_t nzcv)
{
    cpu->nf = (nzcv & PSTATE_N) ? ~0ull : 0;
    cpu->zf = (nzcv & PSTATE_Z) ? 0 : 1;
    cpu->cf = (nzcv & PSTATE_C) ? 1 : 0;
    cpu->vf = (nzcv & PSTATE_V) ? ~0ull : 0;
}

uint32_t arm_pstate_read(const ArmCPU *cpu)
{
    return arm_nzcv(cpu) | (cpu->pstate & ~(PSTATE_NZCV | PSTATE_EL_MASK)) |
           (uint32_t)cpu->el << PSTATE_EL_SHIFT;
}

void arm_set_el_sp(ArmCPU *cpu, int el, bool sp_elx)
{
    int old = (cpu->pstate & PSTATE_SP) ? cpu->el : 0;
    int new = sp_elx ? el : 0;
    cpu->sp_el[old] = cpu->x[31];
    cpu->x[31] = cpu->sp_el[new];
    cpu->el = el;
    cpu->pstate = (cpu->pstate & ~PSTATE_SP) | (sp_elx ? PSTATE_SP : 0);
}

/* ---- engine interface ---- */

static unsigned arm_mmu_index(CPUState *cs, bool fetch)
{
    ArmCPU *cpu = arm_cpu(cs);
    switch (cpu->el) {
    case 0:
        return ARM_MMU_EL0;
    case 1:
        return (!fetch && (cpu->pstate & PSTATE_PAN)) ? ARM_MMU_EL1_PAN : ARM_MMU_EL1;
    default:
        return ARM_MMU_EL2;
    }
}

static void arm_tb_key(CPUState *cs, TBKey *key)
{
    ArmCPU *cpu = arm_cpu(cs);
    uint32_t f = (uint32_t)cpu->el;
    /* CPACR_EL1.FPEN: 0b01 traps EL0 only, 0b00/0b10 trap EL0 and EL1, 0b11 none */
    uint32_t fpen = (uint32_t)(cpu->cpacr_el1 >> 20) & 3;
    if (cpu->el >= 2 || fpen == 3 || (fpen == 1 && cpu->el == 1)) {
        f |= ARM_TBF_FP;
    }
    if (cpu->el <= 1) {
        if (cpu->tcr_el1 & (1ull << 37)) {
            f |= ARM_TBF_TBI0;
        }
        if (cpu->tcr_el1 & (1ull << 38)) {
            f |= ARM_TBF_TBI1;
        }
        if (cpu->sctlr_el1 & SCTLR_A) {
            f |= ARM_TBF_ALIGN;
        }
        if (cpu->sctlr_el1 & (cpu->el == 0 ? SCTLR_SA0 : SCTLR_SA)) {
            f |= ARM_TBF_SA;
        }
    }
    if (cpu->pstate & PSTATE_PAN) {
        f |= ARM_TBF_PAN;
    }
    if (cpu->pstate & PSTATE_IL) {
        f |= ARM_TBF_IL;
    }
    key->pc = cs->pc;
    key->cs_base = 0;
    key->flags = f;
}

/* A TB left in the middle: the faulting instruction's pc is all A64 needs. */
static void arm_restore_state(CPUState *cs, const struct TranslationBlock *tb,
                              const uint64_t *data)
{
    (void)tb;
    cs->pc = data[0];
}

static void arm_raise_misaligned(CPUState *cs, uint64_t vaddr, int access)
{
    ArmCPU *cpu = arm_cpu(cs);
    if (access == TLB_ACCESS_FETCH) {
        arm_raise_sync(cpu, (uint32_t)EC_PC_ALIGN << 26 | ESR_IL, vaddr);
    } else {
        arm_raise_data_abort(cpu, vaddr, FSC_ALIGNMENT, access == TLB_ACCESS_WRITE, false);
    }
}

/* Vector offsets (ARM ARM D1.10.2). */
enum { VEC_SYNC = 0x000, VEC_IRQ = 0x080, VEC_FIQ = 0x100, VEC_SERROR = 0x180 };

/* Take an exception to EL1 (AArch64.TakeException): SPSR/ELR, PSTATE, SP, vector. */
static void arm_take_exception(ArmCPU *cpu, int type_off, uint64_t return_pc)
{
    CPUState *cs = &cpu->common;
    int target = 1;
    uint64_t vbar = cpu->vbar_el1;
    uint64_t off;
    if (cpu->el < target) {
        off = 0x400; /* from a lower EL, in AArch64 */
    } else {
        off = (cpu->pstate & PSTATE_SP) ? 0x200 : 0;
    }
    cpu->spsr_el1 = arm_pstate_read(cpu);
    cpu->elr_el1 = return_pc;
    uint32_t p = cpu->pstate;
    p |= PSTATE_DAIF;
    p &= ~(PSTATE_IL | PSTATE_SS);
    if (cpu->model->features.pan && !(cpu->sctlr_el1 & SCTLR_SPAN)) {
        p |= PSTATE_PAN;
    }
    cpu->pstate = p;
    arm_set_el_sp(cpu, target, true);
    cpu->excl_addr = (uint64_t)-1;
    cs->pc = (vbar & ~0x7ffull) + off + (uint64_t)type_off;
}

static void arm_do_exception(CPUState *cs)
{
    ArmCPU *cpu = arm_cpu(cs);
    Log *log = &cs->machine->log;
    uint32_t syn = cpu->excp_syndrome;
    uint32_t ec = syn >> 26;
    if (cs->excp_index != ARM_EXCP_SYNC) {
        return; /* interrupts are taken in check_interrupts */
    }
    /* Aborts are raised as "from a lower EL"; taken from the same EL they are +1. */
    if ((ec == EC_INSN_ABORT_LOWER || ec == EC_DATA_ABORT_LOWER) && cpu->el >= 1) {
        syn += 1u << 26;
        ec++;
    }
    uint64_t ret = cs->pc;
    if (ec == EC_SVC64 || ec == EC_HVC64 || ec == EC_SMC64) {
        ret += 4; /* the preferred return address is the next instruction */
    }
    if (log_enabled(log, LOG_INT)) {
        log_printf(log, "arm: cpu %d exception EC 0x%x ESR 0x%x at pc 0x%llx (EL%d) FAR 0x%llx\n",
                   cs->index, ec, syn, (unsigned long long)cs->pc, cpu->el,
                   (unsigned long long)cs->excp_tval);
    }
    cpu->esr_el1 = syn;
    if (ec == EC_INSN_ABORT_LOWER || ec == EC_INSN_ABORT_SAME || ec == EC_DATA_ABORT_LOWER ||
        ec == EC_DATA_ABORT_SAME || ec == EC_PC_ALIGN) {
        cpu->far_el1 = cs->excp_tval;
    }
    arm_take_exception(cpu, VEC_SYNC, ret);
}

static bool arm_check_interrupts(CPUState *cs)
{
    ArmCPU *cpu = arm_cpu(cs);
    uint32_t lines = __atomic_load_n(&cpu->irq_lines, __ATOMIC_SEQ_CST);
    if (!lines || __atomic_load_n(&cpu->powered_off, __ATOMIC_ACQUIRE)) {
        return false;
    }
    /* Without EL2 and EL3, PSTATE.F/I mask FIQ/IRQ at EL0 and EL1 alike. */
    if ((lines & (1u << ARM_IRQ_FIQ)) && !(cpu->pstate & PSTATE_F)) {
        arm_take_exception(cpu, VEC_FIQ, cs->pc);
        return true;
    }
    if ((lines & (1u << ARM_IRQ_IRQ)) && !(cpu->pstate & PSTATE_I)) {
        arm_take_exception(cpu, VEC_IRQ, cs->pc);
        return true;
    }
    return cs->halted; /* WFI wakes on a pending interrupt even if it is masked */
}

static bool arm_is_halted(CPUState *cs)
{
    ArmCPU *cpu = arm_cpu(cs);
    return __atomic_load_n(&cpu->powered_off, __ATOMIC_ACQUIRE) ||
           !(__atomic_load_n(&cpu->irq_lines, __ATOMIC_SEQ_CST) &
             ((1u << ARM_IRQ_IRQ) | (1u << ARM_IRQ_FIQ)));
}

static void arm_set_irq(CPUState *cs, int n, int level)
{
    ArmCPU *cpu = arm_cpu(cs);
    uint32_t bit = 1u << n;
    uint32_t old = level ? __atomic_fetch_or(&cpu->irq_lines, bit, __ATOMIC_SEQ_CST)
                         : __atomic_fetch_and(&cpu->irq_lines, ~bit, __ATOMIC_SEQ_CST);
    if (level && !(old & bit)) {
        cpu_exit_request(cs, CPU_EXIT_INTERRUPT);
    }
}

/* ---- FPCR / FPSR ---- */

#define FPCR_DN (1u << 25)
#define FPCR_FZ (1u << 24)

void arm_fpcr_changed(ArmCPU *cpu)
{
    static const uint8_t rmode[4] = {FLOAT_RNE, FLOAT_RUP, FLOAT_RDN, FLOAT_RTZ};
    uint32_t fpcr = cpu->fpcr;
    bool dn = fpcr & FPCR_DN, fz = fpcr & FPCR_FZ;
    FloatStatus *s = &cpu->fp_status;
    s->rounding = rmode[(fpcr >> 22) & 3];
    s->nan = float_nan_arm_select(dn, fz); /* FZ: flush inputs and results (IDC, UFC) */
    s->tininess_before_rounding = true;
    /* Half-precision arithmetic (FEAT_FP16, FPCR.FZ16) is not implemented: its status has
     * the rounding mode and DN, never a flush mode, and keeps its own accrued flags. */
    uint8_t f16_flags = cpu->fp_status_f16.flags;
    cpu->fp_status_f16 = *s;
    cpu->fp_status_f16.nan = float_nan_arm_select(dn, false);
    cpu->fp_status_f16.flags = f16_flags;
}

/* FPSR cumulative flags: IOC 0, DZC 1, OFC 2, UFC 3, IXC 4, IDC 7 live in the soft-float
 * statuses' accrued flags; QC 27 and NZCV 31:28 (AArch32 only) are kept in fpsr itself. */
#define FPSR_FLAG_BITS 0x9fu

uint32_t arm_fpsr_read(ArmCPU *cpu)
{
    uint8_t f = cpu->fp_status.flags | cpu->fp_status_f16.flags;
    uint32_t v = cpu->fpsr & ~FPSR_FLAG_BITS;
    v |= (f & FLOAT_FLAG_INVALID) ? 1u : 0;
    v |= (f & FLOAT_FLAG_DIVBYZERO) ? 2u : 0;
    v |= (f & FLOAT_FLAG_OVERFLOW) ? 4u : 0;
    v |= (f & FLOAT_FLAG_UNDERFLOW) ? 8u : 0;
    v |= (f & FLOAT_FLAG_INEXACT) ? 16u : 0;
    v |= (f & FLOAT_FLAG_INPUT_DENORMAL) ? 0x80u : 0;
    return v;
}

void arm_fpsr_write(ArmCPU *cpu, uint32_t v)
{
    uint8_t f = 0;
    f |= (v & 1u) ? FLOAT_FLAG_INVALID : 0;
    f |= (v & 2u) ? FLOAT_FLAG_DIVBYZERO : 0;
    f |= (v & 4u) ? FLOAT_FLAG_OVERFLOW : 0;
    f |= (v & 8u) ? FLOAT_FLAG_UNDERFLOW : 0;
    f |= (v & 16u) ? FLOAT_FLAG_INEXACT : 0;
    f |= (v & 0x80u) ? FLOAT_FLAG_INPUT_DENORMAL : 0;
    cpu->fp_status.flags = f;
    cpu->fp_status_f16.flags = 0;
    cpu->fpsr = v & 0xf8000000u; /* NZCV and QC; the cumulative flags are in f */
}

/* ---- generic timer ---- */

uint64_t arm_counter(ArmCPU *cpu)
{
    Machine *m = cpu->common.machine;
    uint64_t v = m->read_timer ? m->read_timer(m) : 0;
    if (cpu->common.jit_check) {
        jit_check_value(&cpu->common, &v); /* the same count in both runs of a checked TB */
    }
    return v;
}

/* Re-evaluate timer `which` (0 physical, 1 virtual): ISTATUS, the output line and the
 * host timer for the next crossing.  Device lock held (it drives a line). */
void arm_gt_update(ArmCPU *cpu, int which)
{
    ArmGenericTimer *t = &cpu->gt[which];
    Machine *m = cpu->common.machine;
    uint64_t now = arm_counter(cpu); /* CNTVOFF is 0: virtual = physical count */
    bool enabled = t->ctl & 1;
    bool met = now >= t->cval;
    t->ctl = (t->ctl & 3) | (enabled && met ? 4u : 0);
    int level = enabled && met && !(t->ctl & 2);
    if (level != t->level) {
        t->level = level;
        irq_set(&t->out, level);
    }
    if (enabled && !met && m->timebase_hz) {
        timer_mod(&t->timer, timer_ticks_to_deadline(host_clock_ns(), t->cval - now,
                                                     m->timebase_hz));
    } else {
        timer_del(&t->timer);
    }
}

static void arm_gt_phys_fired(void *opaque)
{
    arm_gt_update(opaque, 0);
}

static void arm_gt_virt_fired(void *opaque)
{
    arm_gt_update(opaque, 1);
}

static void arm_timebase_changed(CPUState *cs)
{
    arm_gt_update(arm_cpu(cs), 0);
    arm_gt_update(arm_cpu(cs), 1);
}

/* ---- power ---- */

void arm_cpu_power_on(ArmCPU *cpu, uint64_t entry, uint64_t context_id, int el)
{
    CPUState *cs = &cpu->common;
    cpu->x[0] = context_id;
    cpu->pstate = PSTATE_DAIF | PSTATE_SP;
    cpu->el = el;
    cpu->x[31] = cpu->sp_el[el];
    cs->pc = entry;
    cs->halted = false;
    __atomic_store_n(&cpu->powered_off, false, __ATOMIC_RELEASE);
    cpu_exit_request(cs, CPU_EXIT_INTERRUPT);
}

void arm_cpu_power_off(ArmCPU *cpu)
{
    __atomic_store_n(&cpu->powered_off, true, __ATOMIC_RELEASE);
    cpu_halt(&cpu->common);
}

/* ---- reset ---- */

static void arm_reset(CPUState *cs)
{
    ArmCPU *cpu = arm_cpu(cs);
    memset(cpu->x, 0, sizeof(cpu->x));
    memset(cpu->v, 0, sizeof(cpu->v));
    memset(cpu->sp_el, 0, sizeof(cpu->sp_el));
    arm_set_nzcv(cpu, 0);
    cpu->fpcr = 0;
    cpu->fpsr = 0;
    cpu->fp_status.flags = 0;
    arm_fpcr_changed(cpu);
    cpu->el = 1;
    cpu->pstate = PSTATE_DAIF | PSTATE_SP; /* EL1h, everything masked */
    cpu->excl_addr = (uint64_t)-1;
    cpu->excl_val = cpu->excl_val_hi = 0;
    cpu->excl_size = 0;
    cpu->excp_syndrome = 0;
    cpu->sctlr_el1 = cpu->model->reset_sctlr;
    cpu->actlr_el1 = cpu->cpacr_el1 = 0;
    cpu->ttbr0_el1 = cpu->ttbr1_el1 = cpu->tcr_el1 = cpu->mair_el1 = cpu->amair_el1 = 0;
    cpu->vbar_el1 = cpu->esr_el1 = cpu->far_el1 = cpu->afsr0_el1 = cpu->afsr1_el1 = 0;
    cpu->par_el1 = cpu->elr_el1 = cpu->spsr_el1 = 0;
    cpu->contextidr_el1 = cpu->tpidr_el0 = cpu->tpidrro_el0 = cpu->tpidr_el1 = 0;
    cpu->cntkctl_el1 = cpu->csselr_el1 = cpu->mdscr_el1 = cpu->mdccint_el1 = 0;
    cpu->oslsr_el1 = 0xa; /* OS lock implemented (OSLM = 0b10) and locked, as at reset */
    cpu->pmcr_el0 = cpu->pmuserenr_el0 = cpu->pmcntenset_el0 = cpu->pmintenset_el1 = 0;
    cpu->pmovsset_el0 = cpu->pmselr_el0 = cpu->pmccfiltr_el0 = 0;
    for (int i = 0; i < 2; i++) {
        cpu->gt[i].cval = 0;
        cpu->gt[i].ctl = 0;
    }
    cs->excp_index = -1;
    cs->insn_count = 0;
    cs->pc = cpu->boot_pc;
    tlb_flush(cs);
}

static bool arm_state_field_name(size_t offset, char *buf, size_t len)
{
    size_t x = offsetof(ArmCPU, x), v = offsetof(ArmCPU, v);
    if (offset >= x && offset < x + sizeof(((ArmCPU *)0)->x)) {
        size_t n = (offset - x) / 8;
        if (n == 31) {
            snprintf(buf, len, "sp");
        } else {
            snprintf(buf, len, "x%zu", n);
        }
        return true;
    }
    if (offset >= v && offset < v + sizeof(((ArmCPU *)0)->v)) {
        snprintf(buf, len, "v%zu[%zu]", (offset - v) / 16, ((offset - v) % 16) / 8);
        return true;
    }
    static const struct { size_t off; const char *name; } named[] = {
        {offsetof(ArmCPU, nf), "nf"}, {offsetof(ArmCPU, zf), "zf"},
        {offsetof(ArmCPU, cf), "cf"}, {offsetof(ArmCPU, vf), "vf"},
    };
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        if (offset >= named[i].off && offset < named[i].off + 8) {
            snprintf(buf, len, "%s", named[i].name);
            return true;
        }
    }
    return false;
}

const CPUArchOps arm_arch_ops = {
    .name = "aarch64",
    .translate = arm_translate,
    .tb_key = arm_tb_key,
    .restore_state = arm_restore_state,
    .restore_words = 0,
    .mmu_index = arm_mmu_index,
    .tlb_fill = arm_tlb_fill, /* core/arm/mmu.c */
    .raise_misaligned = arm_raise_misaligned,
    .do_exception = arm_do_exception,
    .check_interrupts = arm_check_interrupts,
    .is_halted = arm_is_halted,
    .reset = arm_reset,
    .set_irq = arm_set_irq,
    .timebase_changed = arm_timebase_changed,
    .state_size = sizeof(ArmCPU),
    .state_field_name = arm_state_field_name,
    .irq_state_offset = offsetof(ArmCPU, irq_lines),
    .irq_state_size = sizeof(((ArmCPU *)0)->irq_lines),
};

/* ---- the PE as a device: reset, saved state, destruction ---- */

#define CPU_OF(d) ((ArmCPU *)((char *)(d) - offsetof(ArmCPU, dev)))

static void arm_dev_reset(Device *d)
{
    ArmCPU *cpu = CPU_OF(d);
    arm_reset(&cpu->common);
    timer_del(&cpu->gt[0].timer);
    timer_del(&cpu->gt[1].timer);
    for (int i = 0; i < 2; i++) {
        if (cpu->gt[i].level) {
            cpu->gt[i].level = 0;
            irq_set(&cpu->gt[i].out, 0);
        }
    }
    bool off = cpu->powered_off_at_reset;
    cpu->powered_off = off;
    cpu->common.halted = off;
}

/* The system registers in saved state, in this order (version 1). */
#define SAVED_SYSREGS(X)                                                                 \
    X(sctlr_el1) X(actlr_el1) X(cpacr_el1) X(ttbr0_el1) X(ttbr1_el1) X(tcr_el1)          \
    X(mair_el1) X(amair_el1) X(vbar_el1) X(esr_el1) X(far_el1) X(afsr0_el1) X(afsr1_el1) \
    X(par_el1) X(elr_el1) X(spsr_el1) X(contextidr_el1) X(tpidr_el0) X(tpidrro_el0)      \
    X(tpidr_el1) X(cntkctl_el1) X(csselr_el1) X(mdscr_el1) X(oslsr_el1) X(mdccint_el1)   \
    X(pmcr_el0) X(pmuserenr_el0) X(pmcntenset_el0) X(pmintenset_el1) X(pmovsset_el0)     \
    X(pmselr_el0) X(pmccfiltr_el0)
#define COUNT_ONE(f) +1
enum { NSAVED_SYSREGS = 0 SAVED_SYSREGS(COUNT_ONE) };

static void arm_dev_save(Device *d, StateWriter *w)
{
    ArmCPU *cpu = CPU_OF(d);
    CPUState *cs = &cpu->common;
    sw_u64(w, cs->pc);
    sw_bool(w, cs->halted);
    sw_bool(w, cpu->powered_off);
    sw_u64(w, cs->insn_count);
    sw_u64s(w, cpu->x, 32);
    sw_u32(w, arm_nzcv(cpu));
    sw_u64s(w, &cpu->v[0][0], 64);
    sw_u32(w, cpu->fpcr);
    sw_u32(w, arm_fpsr_read(cpu));
    sw_u32(w, (uint32_t)cpu->el);
    sw_u32(w, cpu->pstate);
    sw_u64s(w, cpu->sp_el, 3);
    sw_u64(w, cpu->excl_addr);
    sw_u64(w, cpu->excl_val);
    sw_u64(w, cpu->excl_val_hi);
    sw_u32(w, cpu->excl_size);
#define SAVE_ONE(f) sw_u64(w, cpu->f);
    SAVED_SYSREGS(SAVE_ONE)
    for (int i = 0; i < 2; i++) {
        sw_u64(w, cpu->gt[i].cval);
        sw_u32(w, cpu->gt[i].ctl & 3);
    }
    sw_u64(w, cpu->mpidr);
}

static bool arm_dev_load(Device *d, StateReader *r, uint32_t version)
{
    (void)version;
    ArmCPU *cpu = CPU_OF(d);
    CPUState *cs = &cpu->common;
    uint64_t pc = sr_u64(r);
    bool halted = sr_bool(r), off = sr_bool(r);
    uint64_t insns = sr_u64(r);
    uint64_t x[32], v[64], sp_el[3], sys[NSAVED_SYSREGS], cval[2];
    uint32_t ctl[2];
    sr_u64s(r, x, 32);
    uint32_t nzcv = sr_u32(r);
    sr_u64s(r, v, 64);
    uint32_t fpcr = sr_u32(r), fpsr = sr_u32(r), el = sr_u32(r), pstate = sr_u32(r);
    sr_u64s(r, sp_el, 3);
    uint64_t excl_addr = sr_u64(r), excl_val = sr_u64(r), excl_hi = sr_u64(r);
    uint32_t excl_size = sr_u32(r);
    sr_u64s(r, sys, NSAVED_SYSREGS);
    for (int i = 0; i < 2; i++) {
        cval[i] = sr_u64(r);
        ctl[i] = sr_u32(r);
    }
    uint64_t mpidr = sr_u64(r);
    if (r->failed) {
        return false;
    }
    if (el > 1 || (nzcv & 0x0fffffffu) || mpidr != cpu->mpidr || ctl[0] > 3 || ctl[1] > 3) {
        sr_failf(r, "bad CPU state (EL%u, MPIDR 0x%llx)", el, (unsigned long long)mpidr);
        return false;
    }
    cs->pc = pc;
    cs->halted = halted;
    cs->insn_count = insns;
    cs->excp_index = -1;
    __atomic_store_n(&cpu->powered_off, off, __ATOMIC_RELEASE);
    memcpy(cpu->x, x, sizeof(x));
    arm_set_nzcv(cpu, nzcv);
    memcpy(&cpu->v[0][0], v, sizeof(v));
    cpu->fpcr = fpcr;
    arm_fpcr_changed(cpu);
    arm_fpsr_write(cpu, fpsr);
    cpu->el = (int)el;
    cpu->pstate = pstate & ~(PSTATE_NZCV | PSTATE_EL_MASK);
    memcpy(cpu->sp_el, sp_el, sizeof(sp_el));
    cpu->excl_addr = excl_addr;
    cpu->excl_val = excl_val;
    cpu->excl_val_hi = excl_hi;
    cpu->excl_size = excl_size;
    int k = 0;
#define LOAD_ONE(f) cpu->f = sys[k++];
    SAVED_SYSREGS(LOAD_ONE)
    for (int i = 0; i < 2; i++) {
        cpu->gt[i].cval = cval[i];
        cpu->gt[i].ctl = ctl[i];
    }
    tlb_flush(cs);
    arm_gt_update(cpu, 0);
    arm_gt_update(cpu, 1);
    cpu_exit_request(cs, CPU_EXIT_INTERRUPT);
    return true;
}

static void arm_dev_destroy(Device *d)
{
    ArmCPU *cpu = CPU_OF(d);
    timer_remove(&cpu->gt[0].timer);
    timer_remove(&cpu->gt[1].timer);
    cpu_common_destroy(&cpu->common);
    free(cpu);
}

static const DeviceOps arm_cpu_device_ops = {
    .type = "aarch64-cpu",
    .version = 1,
    .reset = arm_dev_reset,
    .save = arm_dev_save,
    .load = arm_dev_load,
    .destroy = arm_dev_destroy,
};

ArmCPU *arm_cpu_create(Machine *m, int index, const ArmCPUModel *model, uint64_t mpidr,
                       bool start_powered_off)
{
    ArmCPU *cpu = calloc(1, sizeof(*cpu));
    if (!cpu) {
        return NULL;
    }
    cpu_common_init(&cpu->common, &arm_arch_ops, m, index);
    if (!cpu->common.irblock) {
        cpu_common_destroy(&cpu->common);
        free(cpu);
        return NULL;
    }
    cpu->model = model;
    cpu->mpidr = mpidr;
    cpu->powered_off_at_reset = start_powered_off;
    arm_reset(&cpu->common);
    cpu->powered_off = start_powered_off;
    cpu->common.halted = start_powered_off;
    timer_init(&cpu->gt[0].timer, &m->timers, arm_gt_phys_fired, cpu);
    timer_init(&cpu->gt[1].timer, &m->timers, arm_gt_virt_fired, cpu);
    char name[16];
    snprintf(name, sizeof(name), "cpu%d", index);
    device_add(m, &cpu->dev, &arm_cpu_device_ops, name);
    return cpu;
}
