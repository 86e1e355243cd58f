/*
 * core/riscv/cpu.c — RV64 hart: creation, reset, traps, interrupts, address translation.
 */
#include "core/riscv/cpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/host.h"
#include "core/machine.h"
#include "core/riscv/helper.h"
#include "core/riscv/mmu.h"
#include "core/tlb.h"

#define MISA_EXT(c) (1ull << ((c) - 'A'))
#define MISA_RV64 (2ull << 62)

static unsigned riscv_mmu_index(CPUState *cs, bool fetch)
{
    RiscvCPU *cpu = riscv_cpu(cs);
    int mode = cpu->priv;
    if (!fetch && mode == PRV_M && (cpu->mstatus & MSTATUS_MPRV)) {
        mode = (int)((cpu->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    }
    switch (mode) {
    case PRV_U:
        return RISCV_MMU_U;
    case PRV_S:
        return (!fetch && (cpu->mstatus & MSTATUS_SUM)) ? RISCV_MMU_S_SUM : RISCV_MMU_S;
    default:
        return RISCV_MMU_M;
    }
}

static void riscv_tb_key(CPUState *cs, TBKey *key)
{
    RiscvCPU *cpu = riscv_cpu(cs);
    uint32_t fs = (uint32_t)((cpu->mstatus & MSTATUS_FS) >> MSTATUS_FS_SHIFT);
    key->pc = cs->pc;
    key->cs_base = 0; /* no segments */
    key->flags = (uint32_t)cpu->priv | (fs << TB_FLAG_FS_SHIFT);
}

/* A TB left in the middle: the faulting instruction's pc is all RISC-V needs (helpers that
 * raise have synced it already; memory accesses have not). */
static void riscv_restore_state(CPUState *cs, const struct TranslationBlock *tb,
                                const uint64_t *data)
{
    (void)tb;
    cs->pc = data[0];
}

static void riscv_raise_misaligned(CPUState *cs, uint64_t vaddr, int access)
{
    int cause = access == TLB_ACCESS_FETCH ? EXCP_INSN_MISALIGNED
              : access == TLB_ACCESS_WRITE ? EXCP_STORE_MISALIGNED
                                           : EXCP_LOAD_MISALIGNED;
    cpu_raise(cs, cause, vaddr);
}

/* The bits of the instruction at pc (for mtval on illegal instruction), 0 if unreadable. */
static uint64_t insn_bits_at(CPUState *cs, uint64_t pc)
{
    uint64_t paddr;
    uint8_t *host;
    int saved = cs->excp_index;
    uint64_t saved_tval = cs->excp_tval;
    uint32_t bits = 0;
    unsigned idx = cs->arch->mmu_index(cs, true);
    if (tlb_translate_code(cs, pc, idx, &paddr, &host) && host) {
        uint16_t lo;
        memcpy(&lo, host + (pc & ~TLB_PAGE_MASK), 2);
        bits = lo;
        if ((lo & 3) == 3 && tlb_translate_code(cs, pc + 2, idx, &paddr, &host) && host) {
            uint16_t hi;
            memcpy(&hi, host + ((pc + 2) & ~TLB_PAGE_MASK), 2);
            bits |= (uint32_t)hi << 16;
        }
    }
    cs->excp_index = saved;
    cs->excp_tval = saved_tval;
    return bits;
}

/* Take a trap (privileged spec 3.1.6.1, 3.1.8, 4.1.1): into S-mode if it comes from S or
 * U and M-mode delegated it, else into M-mode. */
static void riscv_trap(RiscvCPU *cpu, uint64_t cause, uint64_t tval, bool interrupt)
{
    uint64_t s = cpu->mstatus;
    uint64_t deleg = interrupt ? cpu->mideleg : cpu->medeleg;
    uint64_t vec_off = interrupt ? 4 * cause : 0;
    bool to_s = cpu->priv <= PRV_S && ((deleg >> cause) & 1);
    Log *log = &cpu->common.machine->log;
    if (log_enabled(log, LOG_INT)) {
        static const char modes[] = "US?M";
        log_printf(log, "riscv: hart %d %s %llu: pc 0x%llx tval 0x%llx %c -> %c\n",
                   cpu->common.index, interrupt ? "interrupt" : "exception",
                   (unsigned long long)cause, (unsigned long long)cpu->common.pc,
                   (unsigned long long)tval, modes[cpu->priv & 3], to_s ? 'S' : 'M');
    }
    if (to_s) {
        cpu->sepc = cpu->common.pc;
        cpu->scause = cause | (interrupt ? 1ull << 63 : 0);
        cpu->stval = tval;
        s = (s & ~MSTATUS_SPIE) | ((s & MSTATUS_SIE) ? MSTATUS_SPIE : 0);
        s &= ~MSTATUS_SIE;
        s = (s & ~MSTATUS_SPP) | (cpu->priv == PRV_S ? MSTATUS_SPP : 0);
        cpu->mstatus = s;
        cpu->priv = PRV_S;
        cpu->common.pc = (cpu->stvec & ~3ull) + ((cpu->stvec & 1) ? vec_off : 0);
        return;
    }
    cpu->mepc = cpu->common.pc;
    cpu->mcause = cause | (interrupt ? 1ull << 63 : 0);
    cpu->mtval = tval;
    s = (s & ~MSTATUS_MPIE) | ((s & MSTATUS_MIE) ? MSTATUS_MPIE : 0);
    s &= ~MSTATUS_MIE;
    s = (s & ~MSTATUS_MPP) | ((uint64_t)cpu->priv << MSTATUS_MPP_SHIFT);
    cpu->mstatus = s;
    cpu->priv = PRV_M;
    cpu->common.pc = (cpu->mtvec & ~3ull) + ((cpu->mtvec & 1) ? vec_off : 0);
}

static void riscv_do_exception(CPUState *cs)
{
    RiscvCPU *cpu = riscv_cpu(cs);
    uint64_t cause = (uint64_t)cs->excp_index;
    uint64_t tval = cs->excp_tval;
    switch (cause) {
    case EXCP_ILLEGAL_INSN:
        tval = insn_bits_at(cs, cs->pc);
        break;
    case EXCP_ECALL_U:
    case EXCP_ECALL_S:
    case EXCP_ECALL_M:
    case EXCP_BREAKPOINT:
        tval = 0;
        break;
    default:
        break;
    }
    riscv_trap(cpu, cause, tval, false);
}

/* Interrupt priority: MEI, MSI, MTI, SEI, SSI, STI (privileged spec 3.1.9). */
static const int irq_priority[] = {11, 3, 7, 9, 1, 5};

static bool riscv_check_interrupts(CPUState *cs)
{
    RiscvCPU *cpu = riscv_cpu(cs);
    uint64_t pending = __atomic_load_n(&cpu->mip, __ATOMIC_SEQ_CST) & cpu->mie;
    if (!pending) {
        return false;
    }
    /* M-level interrupts are taken below M, or in M with MIE; delegated (S-level) ones
     * below S, or in S with SIE, never in M (privileged spec 3.1.9). */
    bool m_enabled = cpu->priv < PRV_M || (cpu->mstatus & MSTATUS_MIE);
    bool s_enabled = cpu->priv < PRV_S || (cpu->priv == PRV_S && (cpu->mstatus & MSTATUS_SIE));
    uint64_t takeable = (m_enabled ? pending & ~cpu->mideleg : 0) |
                        (s_enabled ? pending & cpu->mideleg : 0);
    if (!takeable) {
        return cs->halted; /* WFI wakes on a pending interrupt even if disabled */
    }
    for (unsigned i = 0; i < sizeof(irq_priority) / sizeof(irq_priority[0]); i++) {
        int irq = irq_priority[i];
        if (takeable & (1ull << irq)) {
            riscv_trap(cpu, (uint64_t)irq, 0, true);
            return true;
        }
    }
    return false;
}

static bool riscv_is_halted(CPUState *cs)
{
    RiscvCPU *cpu = riscv_cpu(cs);
    return !(__atomic_load_n(&cpu->mip, __ATOMIC_SEQ_CST) & cpu->mie);
}

void riscv_cpu_set_mip(RiscvCPU *cpu, uint64_t mask, int level)
{
    uint64_t old = level ? __atomic_fetch_or(&cpu->mip, mask, __ATOMIC_SEQ_CST)
                         : __atomic_fetch_and(&cpu->mip, ~mask, __ATOMIC_SEQ_CST);
    if (level && !(old & mask)) {
        cpu_exit_request(&cpu->common, CPU_EXIT_INTERRUPT);
    }
}

void riscv_update_stimer(RiscvCPU *cpu, uint64_t now)
{
    /* Called by the hart after it writes stimecmp or menvcfg and by the I/O thread (the
     * timer's callback).  The lock makes each evaluation (read stimecmp and time, set
     * STIP, arm the timer) whole: without it a callback that read the old stimecmp could
     * disarm the timer after the hart armed it for the new one, and the guest's timer
     * would never fire again.  The last evaluation sees the last write; a `now` read a
     * little before the lock only makes the timer fire late, and then it evaluates again. */
    pthread_mutex_lock(&cpu->stimer_lock);
    if (__atomic_load_n(&cpu->menvcfg, __ATOMIC_RELAXED) & MENVCFG_STCE) {
        uint64_t cmp = __atomic_load_n(&cpu->stimecmp, __ATOMIC_RELAXED);
        Machine *m = cpu->common.machine;
        riscv_cpu_set_mip(cpu, 1ull << RISCV_IRQ_STIP, now >= cmp);
        timer_mod(&cpu->stimer, now >= cmp || !m->timebase_hz
                                    ? TIMER_NEVER
                                    : timer_ticks_to_deadline(host_clock_ns(), cmp - now,
                                                              m->timebase_hz));
    }
    pthread_mutex_unlock(&cpu->stimer_lock);
}

static void riscv_stimer_fired(void *opaque)
{
    RiscvCPU *cpu = opaque;
    Machine *m = cpu->common.machine;
    riscv_update_stimer(cpu, m->read_timer ? m->read_timer(m) : 0);
}

static void riscv_timebase_changed(CPUState *cs)
{
    riscv_stimer_fired(riscv_cpu(cs));
}

static void riscv_set_irq(CPUState *cs, int n, int level)
{
    riscv_cpu_set_mip(riscv_cpu(cs), 1ull << n, level);
}

static void riscv_reset(CPUState *cs)
{
    RiscvCPU *cpu = riscv_cpu(cs);
    memset(cpu->gpr, 0, sizeof(cpu->gpr));
    memset(cpu->fpr, 0, sizeof(cpu->fpr));
    cpu->fflags = cpu->frm = 0;
    cpu->load_res = (uint64_t)-1;
    cpu->priv = PRV_M;
    cpu->misa = MISA_RV64 | MISA_EXT('I') | MISA_EXT('M') | MISA_EXT('A') | MISA_EXT('F') |
                MISA_EXT('D') | MISA_EXT('C') | MISA_EXT('S') | MISA_EXT('U');
    cpu->mstatus = 0;
    cpu->mtvec = cpu->mepc = cpu->mcause = cpu->mtval = cpu->mscratch = 0;
    cpu->medeleg = cpu->mideleg = cpu->mie = cpu->mip = 0;
    cpu->mcounteren = cpu->mcountinhibit = 0;
    __atomic_store_n(&cpu->menvcfg, 0, __ATOMIC_RELAXED);
    cpu->stvec = cpu->sepc = cpu->scause = cpu->stval = cpu->sscratch = 0;
    cpu->satp = cpu->scounteren = cpu->senvcfg = 0;
    cpu->stimecmp = UINT64_MAX;
    cpu->mcycle_offset = cpu->minstret_offset = 0;
    memset(cpu->pmpcfg, 0, sizeof(cpu->pmpcfg));
    memset(cpu->pmpaddr, 0, sizeof(cpu->pmpaddr));
    cs->excp_index = -1;
    cs->halted = false;
    cs->insn_count = 0;
    cs->pc = 0x1000; /* the machine's reset vector (boot ROM) */
    tlb_flush(cs);
}

/* jit-check reports: name the register at a byte offset of RiscvCPU. */
static bool riscv_state_field_name(size_t offset, char *buf, size_t len)
{
    size_t gpr = offsetof(RiscvCPU, gpr), fpr = offsetof(RiscvCPU, fpr);
    if (offset >= gpr && offset < gpr + sizeof(((RiscvCPU *)0)->gpr)) {
        snprintf(buf, len, "x%zu", (offset - gpr) / 8);
        return true;
    }
    if (offset >= fpr && offset < fpr + sizeof(((RiscvCPU *)0)->fpr)) {
        snprintf(buf, len, "f%zu", (offset - fpr) / 8);
        return true;
    }
    return false;
}

const CPUArchOps riscv_arch_ops = {
    .name = "riscv64",
    .translate = riscv_translate,
    .tb_key = riscv_tb_key,
    .restore_state = riscv_restore_state,
    .restore_words = 0,
    .mmu_index = riscv_mmu_index,
    .tlb_fill = riscv_tlb_fill, /* core/riscv/mmu.c */
    .raise_misaligned = riscv_raise_misaligned,
    .do_exception = riscv_do_exception,
    .check_interrupts = riscv_check_interrupts,
    .is_halted = riscv_is_halted,
    .reset = riscv_reset,
    .set_irq = riscv_set_irq,
    .timebase_changed = riscv_timebase_changed,
    .state_size = sizeof(RiscvCPU),
    .state_field_name = riscv_state_field_name,
    .irq_state_offset = offsetof(RiscvCPU, mip),
    .irq_state_size = sizeof(((RiscvCPU *)0)->mip),
};

/* ---- the hart as a device: reset, saved state, destruction ---- */

#define CPU_OF(d) ((RiscvCPU *)((char *)(d) - offsetof(RiscvCPU, dev)))

static void riscv_dev_reset(Device *d)
{
    RiscvCPU *cpu = CPU_OF(d);
    riscv_reset(&cpu->common);
    timer_del(&cpu->stimer);
}

static void riscv_dev_save(Device *d, StateWriter *w)
{
    RiscvCPU *cpu = CPU_OF(d);
    CPUState *cs = &cpu->common;
    sw_u64(w, cs->pc);
    sw_bool(w, cs->halted);
    sw_u64(w, cs->insn_count);
    sw_u64s(w, cpu->gpr, 32);
    sw_u64s(w, cpu->fpr, 32);
    sw_u32(w, cpu->fflags);
    sw_u32(w, cpu->frm);
    sw_u64(w, cpu->load_res);
    sw_u64(w, cpu->load_val);
    sw_u32(w, (uint32_t)cpu->priv);
    const uint64_t csrs[] = {
        cpu->misa, cpu->mstatus, cpu->mtvec, cpu->mepc, cpu->mcause, cpu->mtval,
        cpu->mscratch, cpu->medeleg, cpu->mideleg, cpu->mie,
        __atomic_load_n(&cpu->mip, __ATOMIC_SEQ_CST), cpu->mcounteren, cpu->mcountinhibit,
        cpu->stvec, cpu->sepc, cpu->scause, cpu->stval, cpu->sscratch, cpu->satp,
        cpu->scounteren, cpu->menvcfg, cpu->senvcfg, cpu->stimecmp, cpu->mhartid,
        cpu->mcycle_offset, cpu->minstret_offset,
    };
    sw_u64s(w, csrs, sizeof(csrs) / sizeof(csrs[0]));
    sw_u64s(w, cpu->pmpcfg, 2);
    sw_u64s(w, cpu->pmpaddr, 16);
}

static bool riscv_dev_load(Device *d, StateReader *r, uint32_t version)
{
    (void)version;
    RiscvCPU *cpu = CPU_OF(d);
    CPUState *cs = &cpu->common;
    uint64_t pc = sr_u64(r);
    bool halted = sr_bool(r);
    uint64_t insns = sr_u64(r);
    uint64_t gpr[32], fpr[32], csrs[26], pmpcfg[2], pmpaddr[16];
    sr_u64s(r, gpr, 32);
    sr_u64s(r, fpr, 32);
    uint32_t fflags = sr_u32(r), frm = sr_u32(r);
    uint64_t load_res = sr_u64(r), load_val = sr_u64(r);
    uint32_t priv = sr_u32(r);
    sr_u64s(r, csrs, 26);
    sr_u64s(r, pmpcfg, 2);
    sr_u64s(r, pmpaddr, 16);
    if (r->failed || gpr[0] != 0 || (priv != PRV_U && priv != PRV_S && priv != PRV_M) ||
        fflags > 31 || frm > 7 || csrs[23] != cpu->mhartid) {
        return false; /* nothing was changed */
    }
    cs->pc = pc;
    cs->halted = halted;
    cs->insn_count = insns;
    cs->excp_index = -1;
    memcpy(cpu->gpr, gpr, sizeof(gpr));
    memcpy(cpu->fpr, fpr, sizeof(fpr));
    cpu->fflags = fflags;
    cpu->frm = frm;
    cpu->load_res = load_res;
    cpu->load_val = load_val;
    cpu->priv = (int)priv;
    uint64_t *dst[] = {
        &cpu->misa, &cpu->mstatus, &cpu->mtvec, &cpu->mepc, &cpu->mcause, &cpu->mtval,
        &cpu->mscratch, &cpu->medeleg, &cpu->mideleg, &cpu->mie, &cpu->mip,
        &cpu->mcounteren, &cpu->mcountinhibit, &cpu->stvec, &cpu->sepc, &cpu->scause,
        &cpu->stval, &cpu->sscratch, &cpu->satp, &cpu->scounteren, &cpu->menvcfg,
        &cpu->senvcfg, &cpu->stimecmp, &cpu->mhartid, &cpu->mcycle_offset,
        &cpu->minstret_offset,
    };
    for (int i = 0; i < 26; i++) {
        __atomic_store_n(dst[i], csrs[i], __ATOMIC_SEQ_CST);
    }
    memcpy(cpu->pmpcfg, pmpcfg, sizeof(pmpcfg));
    memcpy(cpu->pmpaddr, pmpaddr, sizeof(pmpaddr));
    tlb_flush(cs);
    cpu_exit_request(cs, CPU_EXIT_INTERRUPT);
    riscv_stimer_fired(cpu); /* STIP and the timer from the loaded stimecmp */
    return true;
}

static void riscv_dev_destroy(Device *d)
{
    RiscvCPU *cpu = CPU_OF(d);
    timer_remove(&cpu->stimer);
    pthread_mutex_destroy(&cpu->stimer_lock);
    cpu_common_destroy(&cpu->common);
    free(cpu);
}

static const DeviceOps riscv_cpu_device_ops = {
    .type = "riscv64-cpu",
    .version = 1,
    .reset = riscv_dev_reset,
    .save = riscv_dev_save,
    .load = riscv_dev_load,
    .destroy = riscv_dev_destroy,
};

RiscvCPU *riscv_cpu_create(Machine *m, int hartid)
{
    RiscvCPU *cpu = calloc(1, sizeof(*cpu));
    if (!cpu) {
        return NULL;
    }
    cpu_common_init(&cpu->common, &riscv_arch_ops, m, hartid);
    if (!cpu->common.irblock) {
        cpu_common_destroy(&cpu->common);
        free(cpu);
        return NULL;
    }
    cpu->mhartid = (uint64_t)hartid;
    riscv_reset(&cpu->common);
    pthread_mutex_init(&cpu->stimer_lock, NULL);
    timer_init(&cpu->stimer, &m->timers, riscv_stimer_fired, cpu);
    char name[16];
    snprintf(name, sizeof(name), "cpu%d", hartid);
    device_add(m, &cpu->dev, &riscv_cpu_device_ops, name);
    return cpu;
}
