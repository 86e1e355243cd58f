/*
 * core/riscv/csr.c — control and status registers (privileged spec 1.12, chapter 2-3;
 * unprivileged spec for fflags/frm/fcsr and the counters).
 *
 * This hart implements M, S and U modes (no hypervisor).
 */
#include "core/host.h"
#include "core/jit_check.h"
#include "core/riscv/helper.h"
#include "core/riscv/mmu.h"
#include "core/tlb.h"
#include "core/vcpu.h"
#include "core/machine.h"

enum {
    CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105, CSR_SCOUNTEREN = 0x106,
    CSR_SENVCFG = 0x10a, CSR_SSCRATCH = 0x140, CSR_SEPC = 0x141, CSR_SCAUSE = 0x142,
    CSR_STVAL = 0x143, CSR_SIP = 0x144, CSR_STIMECMP = 0x14d, CSR_SATP = 0x180,
    CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
    CSR_HPMCOUNTER3 = 0xc03, CSR_HPMCOUNTER31 = 0xc1f,
    CSR_MVENDORID = 0xf11, CSR_MARCHID = 0xf12, CSR_MIMPID = 0xf13, CSR_MHARTID = 0xf14,
    CSR_MCONFIGPTR = 0xf15,
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MEDELEG = 0x302, CSR_MIDELEG = 0x303,
    CSR_MIE = 0x304, CSR_MTVEC = 0x305, CSR_MCOUNTEREN = 0x306, CSR_MENVCFG = 0x30a,
    CSR_MCOUNTINHIBIT = 0x320, CSR_MHPMEVENT3 = 0x323, CSR_MHPMEVENT31 = 0x33f,
    CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341, CSR_MCAUSE = 0x342, CSR_MTVAL = 0x343,
    CSR_MIP = 0x344,
    CSR_PMPCFG0 = 0x3a0, CSR_PMPCFG2 = 0x3a2, CSR_PMPADDR0 = 0x3b0, CSR_PMPADDR15 = 0x3bf,
    CSR_MCYCLE = 0xb00, CSR_MINSTRET = 0xb02,
    CSR_MHPMCOUNTER3 = 0xb03, CSR_MHPMCOUNTER31 = 0xb1f,
};

#define MIP_MSIP (1ull << 3)
#define MIP_MTIP (1ull << 7)
#define MIP_MEIP (1ull << 11)
#define MIP_SSIP (1ull << 1)
#define MIP_STIP (1ull << 5)
#define MIP_SEIP (1ull << 9)
#define S_INTERRUPTS (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define MIE_WRITABLE (MIP_MSIP | MIP_MTIP | MIP_MEIP | S_INTERRUPTS)
/* M-mode software may set/clear SSIP and STIP (how firmware injects them); SEIP is the
 * PLIC's output. */
#define MIP_WRITABLE (MIP_SSIP | MIP_STIP)

#define MSTATUS_WRITABLE                                                                 \
    (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP | \
     MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW |   \
     MSTATUS_TSR)
/* The part of mstatus that sstatus shows, and the part S-mode may write. */
#define SSTATUS_VISIBLE                                                                  \
    (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM |  \
     MSTATUS_MXR | MSTATUS_UXL | MSTATUS_SD)
#define SSTATUS_WRITABLE \
    (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR)

/* The instruction index within the TB of the current CSR instruction (see trans_int.c):
 * counters read mid-TB include the instructions retired before it in this TB. */
static uint64_t retired(RiscvCPU *cpu, uint64_t index_in_tb)
{
    return cpu->common.insn_count + index_in_tb;
}

uint64_t riscv_read_mtime(RiscvCPU *cpu)
{
    Machine *m = cpu->common.machine;
    uint64_t t = m->read_timer ? m->read_timer(m) : 0;
    if (cpu->common.jit_check) {
        jit_check_value(&cpu->common, &t); /* the same time for both runs of a TB */
    }
    return t;
}

/* cycle/time/instret/hpmcounter: S needs mcounteren's bit, U needs scounteren's too. */
static bool counter_enabled(RiscvCPU *cpu, int csr)
{
    unsigned bit = (unsigned)csr & 31;
    if (cpu->priv == PRV_M) {
        return true;
    }
    if (!((cpu->mcounteren >> bit) & 1)) {
        return false;
    }
    return cpu->priv == PRV_S || ((cpu->scounteren >> bit) & 1);
}

/* Sstc: S-mode reaches stimecmp only if M-mode enabled it (menvcfg.STCE) and lets it
 * read time (mcounteren.TM). */
static bool stimecmp_accessible(RiscvCPU *cpu)
{
    if (cpu->priv == PRV_M) {
        return true;
    }
    return (cpu->menvcfg & MENVCFG_STCE) && (cpu->mcounteren & 2);
}

static uint64_t mstatus_value(RiscvCPU *cpu)
{
    uint64_t v = cpu->mstatus | (2ull << 32) | (2ull << 34); /* UXL = SXL = 64-bit */
    if ((v & MSTATUS_FS) == MSTATUS_FS) {
        v |= MSTATUS_SD;
    } else {
        v &= ~MSTATUS_SD;
    }
    return v;
}

bool riscv_csr_check(RiscvCPU *cpu, int csr, bool write)
{
    int min_priv = (csr >> 8) & 3;
    if (cpu->priv < min_priv) {
        return false;
    }
    if (write && ((csr >> 10) & 3) == 3) {
        return false; /* read-only CSR */
    }
    return true;
}

static bool csr_read_at(RiscvCPU *cpu, int csr, uint64_t *val, uint64_t index_in_tb)
{
    uint64_t fs_on = cpu->mstatus & MSTATUS_FS;
    switch (csr) {
    case CSR_FFLAGS:
        *val = cpu->fflags;
        return fs_on;
    case CSR_FRM:
        *val = cpu->frm;
        return fs_on;
    case CSR_FCSR:
        *val = (cpu->frm << 5) | cpu->fflags;
        return fs_on;
    case CSR_CYCLE:
    case CSR_INSTRET:
        if (!counter_enabled(cpu, csr)) {
            return false;
        }
        *val = retired(cpu, index_in_tb) +
               (csr == CSR_CYCLE ? cpu->mcycle_offset : cpu->minstret_offset);
        return true;
    case CSR_TIME:
        if (!counter_enabled(cpu, csr)) {
            return false;
        }
        *val = riscv_read_mtime(cpu);
        return true;
    case CSR_MCYCLE:
        *val = retired(cpu, index_in_tb) + cpu->mcycle_offset;
        return true;
    case CSR_MINSTRET:
        *val = retired(cpu, index_in_tb) + cpu->minstret_offset;
        return true;
    case CSR_MVENDORID:
    case CSR_MARCHID:
    case CSR_MIMPID:
    case CSR_MCONFIGPTR:
        *val = 0;
        return true;
    case CSR_MHARTID:
        *val = cpu->mhartid;
        return true;
    case CSR_MSTATUS:
        *val = mstatus_value(cpu);
        return true;
    case CSR_SSTATUS:
        *val = mstatus_value(cpu) & SSTATUS_VISIBLE;
        return true;
    case CSR_SIE:
        *val = cpu->mie & cpu->mideleg;
        return true;
    case CSR_SIP:
        *val = __atomic_load_n(&cpu->mip, __ATOMIC_SEQ_CST) & cpu->mideleg;
        return true;
    case CSR_STVEC:
        *val = cpu->stvec;
        return true;
    case CSR_SCOUNTEREN:
        *val = cpu->scounteren;
        return true;
    case CSR_SENVCFG:
        *val = cpu->senvcfg;
        return true;
    case CSR_SSCRATCH:
        *val = cpu->sscratch;
        return true;
    case CSR_SEPC:
        *val = cpu->sepc;
        return true;
    case CSR_SCAUSE:
        *val = cpu->scause;
        return true;
    case CSR_STVAL:
        *val = cpu->stval;
        return true;
    case CSR_SATP:
        if (cpu->priv == PRV_S && (cpu->mstatus & MSTATUS_TVM)) {
            return false;
        }
        *val = cpu->satp;
        return true;
    case CSR_STIMECMP:
        if (!stimecmp_accessible(cpu)) {
            return false;
        }
        *val = cpu->stimecmp;
        return true;
    case CSR_MISA:
        *val = cpu->misa;
        return true;
    case CSR_MEDELEG:
        *val = cpu->medeleg;
        return true;
    case CSR_MIDELEG:
        *val = cpu->mideleg;
        return true;
    case CSR_MIE:
        *val = cpu->mie;
        return true;
    case CSR_MIP:
        *val = __atomic_load_n(&cpu->mip, __ATOMIC_SEQ_CST);
        return true;
    case CSR_MTVEC:
        *val = cpu->mtvec;
        return true;
    case CSR_MCOUNTEREN:
        *val = cpu->mcounteren;
        return true;
    case CSR_MCOUNTINHIBIT:
        *val = cpu->mcountinhibit;
        return true;
    case CSR_MENVCFG:
        *val = cpu->menvcfg;
        return true;
    case CSR_MSCRATCH:
        *val = cpu->mscratch;
        return true;
    case CSR_MEPC:
        *val = cpu->mepc;
        return true;
    case CSR_MCAUSE:
        *val = cpu->mcause;
        return true;
    case CSR_MTVAL:
        *val = cpu->mtval;
        return true;
    case CSR_PMPCFG0:
    case CSR_PMPCFG2:
        *val = cpu->pmpcfg[(csr - CSR_PMPCFG0) / 2];
        return true;
    default:
        break;
    }
    if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR15) {
        *val = cpu->pmpaddr[csr - CSR_PMPADDR0];
        return true;
    }
    if ((csr >= CSR_HPMCOUNTER3 && csr <= CSR_HPMCOUNTER31)) {
        *val = 0; /* no hardware performance events are implemented: they count 0 */
        return counter_enabled(cpu, csr);
    }
    if ((csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31) ||
        (csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31)) {
        *val = 0; /* WARL 0: no events selectable */
        return true;
    }
    return false;
}

bool riscv_csr_read(RiscvCPU *cpu, int csr, uint64_t *val)
{
    return csr_read_at(cpu, csr, val, 0);
}

static void write_mstatus(RiscvCPU *cpu, uint64_t val, uint64_t writable)
{
    uint64_t mpp = (val & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
    if (mpp == 2) {
        /* WARL: the reserved privilege level keeps the old MPP */
        val = (val & ~MSTATUS_MPP) | (cpu->mstatus & MSTATUS_MPP);
    }
    uint64_t old = cpu->mstatus;
    cpu->mstatus = (old & ~writable) | (val & writable);
    if ((old ^ cpu->mstatus) & MSTATUS_MXR) {
        /* MXR changes which pages are readable: cached translations are stale */
        tlb_flush(&cpu->common);
    }
}

bool riscv_csr_write(RiscvCPU *cpu, int csr, uint64_t val)
{
    switch (csr) {
    case CSR_FFLAGS:
    case CSR_FRM:
    case CSR_FCSR:
        if (!(cpu->mstatus & MSTATUS_FS)) {
            return false;
        }
        if (csr == CSR_FFLAGS) {
            cpu->fflags = (uint32_t)val & 0x1f;
        } else if (csr == CSR_FRM) {
            cpu->frm = (uint32_t)val & 7;
        } else {
            cpu->fflags = (uint32_t)val & 0x1f;
            cpu->frm = (uint32_t)(val >> 5) & 7;
        }
        riscv_set_fs_dirty(cpu);
        return true;
    case CSR_MSTATUS:
        write_mstatus(cpu, val, MSTATUS_WRITABLE);
        return true;
    case CSR_SSTATUS:
        write_mstatus(cpu, val, SSTATUS_WRITABLE);
        return true;
    case CSR_SIE: {
        uint64_t mask = cpu->mideleg & S_INTERRUPTS;
        cpu->mie = (cpu->mie & ~mask) | (val & mask);
        return true;
    }
    case CSR_SIP: {
        uint64_t mask = cpu->mideleg & MIP_SSIP; /* only SSIP is writable from S */
        riscv_cpu_set_mip(cpu, mask & val, 1);
        riscv_cpu_set_mip(cpu, mask & ~val, 0);
        return true;
    }
    case CSR_STVEC:
        if ((val & 3) < 2) {
            cpu->stvec = val;
        }
        return true;
    case CSR_SCOUNTEREN:
        cpu->scounteren = val & 0xffffffffu;
        return true;
    case CSR_SENVCFG:
        cpu->senvcfg = val & 1; /* FIOM */
        return true;
    case CSR_SSCRATCH:
        cpu->sscratch = val;
        return true;
    case CSR_SEPC:
        cpu->sepc = val & ~1ull;
        return true;
    case CSR_SCAUSE:
        cpu->scause = val;
        return true;
    case CSR_STVAL:
        cpu->stval = val;
        return true;
    case CSR_STIMECMP:
        if (!stimecmp_accessible(cpu)) {
            return false;
        }
        __atomic_store_n(&cpu->stimecmp, val, __ATOMIC_RELAXED); /* the I/O thread reads it */
        riscv_update_stimer(cpu, riscv_read_mtime(cpu));
        return true;
    case CSR_SATP:
        if (cpu->priv == PRV_S && (cpu->mstatus & MSTATUS_TVM)) {
            return false;
        }
        if (riscv_satp_mode_supported(val >> 60)) {
            /* ASIDLEN = 0: the ASID field reads as zero (WARL) */
            cpu->satp = val & ((0xfull << 60) | ((1ull << 44) - 1));
            tlb_flush(&cpu->common);
        }
        return true;
    case CSR_MISA:
        return true; /* WARL: extensions cannot be switched off on this hart */
    case CSR_MEDELEG:
        /* Every synchronous exception except ecall from M can be delegated (WARL). */
        cpu->medeleg = val & 0xb3ff;
        return true;
    case CSR_MIDELEG:
        cpu->mideleg = val & 0x222; /* the S-level interrupt bits */
        return true;
    case CSR_MIE:
        cpu->mie = (cpu->mie & ~MIE_WRITABLE) | (val & MIE_WRITABLE);
        return true;
    case CSR_MIP:
    {
        /* MSIP/MTIP/MEIP/SEIP are driven by the CLINT and the PLIC; with Sstc enabled STIP
         * follows stimecmp instead of software */
        uint64_t mask = MIP_WRITABLE & ~((cpu->menvcfg & MENVCFG_STCE) ? MIP_STIP : 0);
        riscv_cpu_set_mip(cpu, mask & val, 1);
        riscv_cpu_set_mip(cpu, mask & ~val, 0);
        return true;
    }
    case CSR_MTVEC:
        if ((val & 3) < 2) {
            cpu->mtvec = val;
        }
        return true;
    case CSR_MCOUNTEREN:
        cpu->mcounteren = val & 0xffffffffu;
        return true;
    case CSR_MCOUNTINHIBIT:
        cpu->mcountinhibit = val & 0xfffffffdu;
        return true;
    case CSR_MENVCFG:
        /* FIOM and STCE (Sstc) are implemented */
        /* atomic: the I/O thread reads it (the Sstc timer's callback) */
        __atomic_store_n(&cpu->menvcfg, val & (1 | MENVCFG_STCE), __ATOMIC_RELAXED);
        riscv_update_stimer(cpu, riscv_read_mtime(cpu));
        return true;
    case CSR_MSCRATCH:
        cpu->mscratch = val;
        return true;
    case CSR_MEPC:
        cpu->mepc = val & ~1ull; /* IALIGN=16 with C */
        return true;
    case CSR_MCAUSE:
        cpu->mcause = val;
        return true;
    case CSR_MTVAL:
        cpu->mtval = val;
        return true;
    case CSR_MCYCLE:
        cpu->mcycle_offset = val - cpu->common.insn_count;
        return true;
    case CSR_MINSTRET:
        cpu->minstret_offset = val - cpu->common.insn_count;
        return true;
    case CSR_PMPCFG0:
    case CSR_PMPCFG2:
        cpu->pmpcfg[(csr - CSR_PMPCFG0) / 2] = val;
        return true;
    default:
        break;
    }
    if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR15) {
        cpu->pmpaddr[csr - CSR_PMPADDR0] = val & ((1ull << 54) - 1);
        return true;
    }
    if ((csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31) ||
        (csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31)) {
        return true; /* WARL 0 */
    }
    return false;
}

static uint64_t helper_csr(void *env, uint64_t arg, uint64_t src, uint64_t index_in_tb,
                           uint64_t unused)
{
    (void)unused;
    RiscvCPU *cpu = env;
    int csr = (int)(arg & 0xfff);
    int op = (int)((arg >> 12) & 3);
    bool writes = (arg >> 14) & 1;
    uint64_t old = 0;
    if (!riscv_csr_check(cpu, csr, writes) || !csr_read_at(cpu, csr, &old, index_in_tb)) {
        riscv_raise_illegal(env);
        return 0;
    }
    if (writes) {
        uint64_t nv = op == CSR_OP_RW ? src : op == CSR_OP_RS ? (old | src) : (old & ~src);
        if (!riscv_csr_write(cpu, csr, nv)) {
            riscv_raise_illegal(env);
            return 0;
        }
        if (csr == CSR_MSTATUS || csr == CSR_MIE || csr == CSR_MIP || csr == CSR_MIDELEG ||
            csr == CSR_SSTATUS || csr == CSR_SIE || csr == CSR_SIP || csr == CSR_STIMECMP ||
            csr == CSR_MENVCFG) {
            /* interrupts may have become enabled: check before the next instruction */
            cpu_exit_request(&cpu->common, CPU_EXIT_INTERRUPT);
        }
    }
    return old;
}

const IrHelper riscv_hlp_csr = {helper_csr, "csr", IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE};
