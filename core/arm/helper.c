/*
 * core/arm/helper.c — run-time helpers of A64 code: raising exceptions, exception
 * generation and return, WFI, PSTATE and system-register moves, exclusives.
 */
#include "core/arm/helper.h"

#include "core/arm/semihost.h"
#include "core/jit_check.h"
#include "core/machine.h"
#include "core/tlb.h"

void arm_raise_sync(ArmCPU *cpu, uint32_t syndrome, uint64_t far)
{
    cpu->excp_syndrome = syndrome;
    cpu_raise(&cpu->common, ARM_EXCP_SYNC, far);
}

void arm_raise_undef(ArmCPU *cpu)
{
    arm_raise_sync(cpu, (uint32_t)EC_UNCATEGORIZED << 26 | ESR_IL, 0);
}

void arm_raise_insn_abort(ArmCPU *cpu, uint64_t vaddr, uint32_t fsc)
{
    arm_raise_sync(cpu, (uint32_t)EC_INSN_ABORT_LOWER << 26 | ESR_IL | fsc, vaddr);
}

void arm_raise_data_abort(ArmCPU *cpu, uint64_t vaddr, uint32_t fsc, bool write, bool cm)
{
    uint32_t iss = fsc | (write ? 1u << 6 : 0) | (cm ? 1u << 8 : 0);
    arm_raise_sync(cpu, (uint32_t)EC_DATA_ABORT_LOWER << 26 | ESR_IL | iss, vaddr);
}

/* The EC 0x18 trap of an MSR/MRS/SYS access (ISS: Op0, Op2, Op1, CRn, Rt, CRm, read). */
static void raise_sysreg_trap(ArmCPU *cpu, uint32_t enc, int rt, bool read)
{
    uint32_t op0 = (enc >> 14) & 3, op1 = (enc >> 11) & 7, crn = (enc >> 7) & 15,
             crm = (enc >> 3) & 15, op2 = enc & 7;
    uint32_t iss = op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | (uint32_t)rt << 5 |
                   crm << 1 | (read ? 1u : 0);
    arm_raise_sync(cpu, (uint32_t)EC_SYSTEMREGISTER << 26 | ESR_IL | iss, 0);
}

static void raise_access(ArmCPU *cpu, ArmSysregResult res, uint32_t enc, int rt, bool read)
{
    if (res == ARM_SYSREG_TRAP) {
        raise_sysreg_trap(cpu, enc, rt, read);
    } else {
        arm_raise_undef(cpu);
    }
}

/* ---- exception generation ---- */

static uint64_t helper_raise_sync(void *env, uint64_t syn, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    arm_raise_sync(env, (uint32_t)syn, 0);
    return 0;
}

static uint64_t helper_raise_pc_align(void *env, uint64_t a, uint64_t b, uint64_t c,
                                      uint64_t d)
{
    (void)a, (void)b, (void)c, (void)d;
    ArmCPU *cpu = env;
    arm_raise_sync(cpu, (uint32_t)EC_PC_ALIGN << 26 | ESR_IL, cpu->common.pc);
    return 0;
}

static uint64_t helper_svc(void *env, uint64_t imm, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    arm_raise_sync(env, (uint32_t)EC_SVC64 << 26 | ESR_IL | (uint32_t)(imm & 0xffff), 0);
    return 0;
}

/* HVC and SMC: a PSCI call if the board takes it (x0 holds the function), else UNDEFINED:
 * with neither EL2 nor EL3 implemented both instructions are. */
static uint64_t helper_hvc(void *env, uint64_t imm, uint64_t b, uint64_t c, uint64_t d)
{
    (void)imm, (void)b, (void)c, (void)d;
    ArmCPU *cpu = env;
    CPUState *cs = &cpu->common;
    if (cpu->el < 1 || !cpu->psci_call) {
        arm_raise_undef(cpu);
        return 0;
    }
    if (jit_check_replaying(cs)) {
        /* -accel jit-check: the call acted in the interpreter's run; its result again */
        uint64_t r[2] = {0, 0};
        jit_check_value(cs, &r[0]);
        jit_check_value(cs, &r[1]);
        if (!r[0]) {
            arm_raise_undef(cpu);
        } else {
            cpu->x[0] = r[1];
        }
        return 0;
    }
    bool psci = cpu->psci_call(cpu, cpu->psci_opaque);
    if (cs->jit_check) {
        uint64_t r[2] = {psci, cpu->x[0]};
        jit_check_value(cs, &r[0]);
        jit_check_value(cs, &r[1]);
    }
    if (!psci) {
        arm_raise_undef(cpu);
    }
    return 0;
}

static uint64_t helper_smc(void *env, uint64_t imm, uint64_t b, uint64_t c, uint64_t d)
{
    (void)imm, (void)b, (void)c, (void)d;
    arm_raise_undef(env);
    return 0;
}

static uint64_t helper_brk(void *env, uint64_t imm, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    arm_raise_sync(env, (uint32_t)EC_BRK64 << 26 | ESR_IL | (uint32_t)(imm & 0xffff), 0);
    return 0;
}

/* HLT #0xf000 is the A64 semihosting trap (with -semihosting, at EL1); any other HLT is
 * UNDEFINED since halting debug is not enabled. */
static uint64_t helper_hlt(void *env, uint64_t imm, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    ArmCPU *cpu = env;
    if (imm == 0xf000 && cpu->semihosting && cpu->el >= 1) {
        arm_semihost_call(cpu);
        return 0;
    }
    arm_raise_undef(cpu);
    return 0;
}

/* ---- exception return (AArch64.ExceptionReturn) ---- */

static bool illegal_return(ArmCPU *cpu, uint32_t spsr)
{
    int target = (int)((spsr & PSTATE_EL_MASK) >> PSTATE_EL_SHIFT);
    if (spsr & PSTATE_nRW) {
        return true; /* AArch32 is not implemented */
    }
    if (spsr & 2) {
        return true; /* M[1] is reserved */
    }
    if (target > cpu->el || (target == 2 && !cpu->model->features.el2) || target == 3) {
        return true;
    }
    return target == 0 && (spsr & PSTATE_SP);
}

static uint64_t helper_eret(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)a, (void)b, (void)c, (void)d;
    ArmCPU *cpu = env;
    uint32_t spsr = (uint32_t)cpu->spsr_el1;
    uint64_t elr = cpu->elr_el1;
    uint32_t keep = PSTATE_DAIF | PSTATE_SS | PSTATE_IL |
                    (cpu->model->features.pan ? PSTATE_PAN : 0);
    cpu->excl_addr = (uint64_t)-1;
    arm_set_nzcv(cpu, spsr & PSTATE_NZCV);
    if (illegal_return(cpu, spsr)) {
        /* EL and SP unchanged; PSTATE.IL set: the next instruction raises */
        cpu->pstate = (cpu->pstate & PSTATE_SP) | (spsr & keep & ~PSTATE_IL) | PSTATE_IL;
    } else {
        int target = (int)((spsr & PSTATE_EL_MASK) >> PSTATE_EL_SHIFT);
        cpu->pstate = (cpu->pstate & PSTATE_SP) | (spsr & keep);
        arm_set_el_sp(cpu, target, spsr & PSTATE_SP);
        /* BranchAddr: top-byte-ignore of the regime returned to */
        bool hi = (elr >> 55) & 1;
        if (target <= 1 && (cpu->tcr_el1 >> (hi ? 38 : 37)) & 1) {
            elr = hi ? elr | 0xff00000000000000ull : elr & 0x00ffffffffffffffull;
        }
    }
    cpu->common.pc = elr;
    cpu_exit_request(&cpu->common, CPU_EXIT_INTERRUPT); /* DAIF may unmask an interrupt */
    return 0;
}

/* ---- wait, hints ---- */

static uint64_t helper_wfi(void *env, uint64_t is_wfe, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    ArmCPU *cpu = env;
    if (cpu->el == 0 && !(cpu->sctlr_el1 & (is_wfe ? SCTLR_nTWE : SCTLR_nTWI))) {
        /* trapped to EL1: EC 0x01, CV = 1, COND = 0xe, TI = WFE */
        arm_raise_sync(cpu, (uint32_t)EC_WFX << 26 | ESR_IL | 0x1e00000u | (is_wfe ? 1u : 0),
                       0);
        return 0;
    }
    if (is_wfe) {
        return 0; /* the event register is not modelled: WFE returns at once (allowed) */
    }
    if (!(__atomic_load_n(&cpu->irq_lines, __ATOMIC_SEQ_CST) &
          ((1u << ARM_IRQ_IRQ) | (1u << ARM_IRQ_FIQ)))) {
        cpu_halt(&cpu->common); /* the exec loop sleeps until an interrupt is pending */
    }
    return 0;
}

/* ---- PSTATE and system registers ---- */

static uint64_t helper_mrs(void *env, uint64_t enc, uint64_t rt, uint64_t c, uint64_t d)
{
    (void)c, (void)d;
    ArmCPU *cpu = env;
    uint64_t v = 0;
    ArmSysregResult res = arm_sysreg_read(cpu, (uint32_t)enc, &v);
    if (res != ARM_SYSREG_OK) {
        raise_access(cpu, res, (uint32_t)enc, (int)rt, true);
        return 0;
    }
    return v;
}

static uint64_t helper_msr(void *env, uint64_t enc, uint64_t val, uint64_t rt, uint64_t d)
{
    (void)d;
    ArmCPU *cpu = env;
    ArmSysregResult res = arm_sysreg_write(cpu, (uint32_t)enc, val);
    if (res != ARM_SYSREG_OK) {
        raise_access(cpu, res, (uint32_t)enc, (int)rt, false);
    }
    return 0;
}

static uint64_t helper_sys(void *env, uint64_t enc, uint64_t val, uint64_t rt, uint64_t d)
{
    (void)d;
    ArmCPU *cpu = env;
    ArmSysregResult res = arm_sys_insn(cpu, (uint32_t)enc, val);
    if (res != ARM_SYSREG_OK && res != ARM_SYSREG_RAISED) {
        raise_access(cpu, res, (uint32_t)enc, (int)rt, false);
    }
    return 0;
}

/* MSR <pstatefield>, #imm (op = op1 << 3 | op2). */
static uint64_t helper_msr_pstate(void *env, uint64_t op, uint64_t imm, uint64_t c,
                                  uint64_t d)
{
    (void)c, (void)d;
    ArmCPU *cpu = env;
    switch (op) {
    case 0x05: /* SPSel */
        if (cpu->el == 0) {
            break;
        }
        arm_set_el_sp(cpu, cpu->el, imm & 1);
        return 0;
    case 0x04: /* PAN */
        if (!cpu->model->features.pan || cpu->el == 0) {
            break;
        }
        cpu->pstate = (cpu->pstate & ~PSTATE_PAN) | ((imm & 1) ? PSTATE_PAN : 0);
        return 0;
    case 0x1e: /* DAIFSet */
    case 0x1f: /* DAIFClr */
        if (cpu->el == 0 && !(cpu->sctlr_el1 & SCTLR_UMA)) {
            raise_sysreg_trap(cpu, op == 0x1e ? ARM_SYSREG(0, 3, 4, 0, 6)
                                              : ARM_SYSREG(0, 3, 4, 0, 7), 31, false);
            return 0;
        }
        if (op == 0x1e) {
            cpu->pstate |= (uint32_t)(imm & 0xf) << 6;
        } else {
            cpu->pstate &= ~((uint32_t)(imm & 0xf) << 6);
            cpu_exit_request(&cpu->common, CPU_EXIT_INTERRUPT);
        }
        return 0;
    default:
        break;
    }
    arm_raise_undef(cpu);
    return 0;
}

/* ---- exclusives ---- */

/* An exclusive access to device memory, or one that tlb_host_rw refused without raising. */
static void raise_excl_abort(ArmCPU *cpu, uint64_t addr, bool write)
{
    if (cpu->common.excp_index < 0) {
        arm_raise_data_abort(cpu, addr, FSC_SYNC_EXTERNAL, write, false);
    }
}

static uint64_t helper_ldxr(void *env, uint64_t addr, uint64_t size, uint64_t idx, uint64_t d)
{
    (void)d;
    ArmCPU *cpu = env;
    uint64_t v;
    unsigned memop = (unsigned)size | IR_MO_ALIGN | IR_MO_EXCL;
    if (tlb_load_slow(&cpu->common, addr, memop, (unsigned)idx, cpu->common.pc, &v) < 0) {
        return 0;
    }
    cpu->excl_addr = addr;
    cpu->excl_size = (uint32_t)size;
    cpu->excl_val = v;
    return v;
}

static uint64_t helper_stxr(void *env, uint64_t addr, uint64_t val, uint64_t size, uint64_t idx)
{
    ArmCPU *cpu = env;
    uint64_t res = cpu->excl_addr;
    uint32_t rsize = cpu->excl_size;
    cpu->excl_addr = (uint64_t)-1;
    unsigned bytes = 1u << size;
    /* the access is checked (and may fault) whether or not the monitor matches */
    void *host = tlb_host_rw(&cpu->common, addr, bytes, (unsigned)idx);
    if (!host) {
        if (cpu->common.excp_index == CPU_EXCP_CODE_CHANGED) {
            cpu->excl_addr = res; /* it runs again (alone): with its reservation */
        }
        raise_excl_abort(cpu, addr, true);
        return 0;
    }
    if (res != addr || rsize != size) {
        return 1;
    }
    bool ok;
    switch (size) {
    case 0: {
        uint8_t e = (uint8_t)cpu->excl_val;
        ok = __atomic_compare_exchange_n((uint8_t *)host, &e, (uint8_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    case 1: {
        uint16_t e = (uint16_t)cpu->excl_val;
        ok = __atomic_compare_exchange_n((uint16_t *)host, &e, (uint16_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    case 2: {
        uint32_t e = (uint32_t)cpu->excl_val;
        ok = __atomic_compare_exchange_n((uint32_t *)host, &e, (uint32_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    default: {
        uint64_t e = cpu->excl_val;
        ok = __atomic_compare_exchange_n((uint64_t *)host, &e, val, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        break;
    }
    }
    return ok ? 0 : 1;
}

/* LDXP: esize is log2 of one element (2: W pairs, 3: X pairs); the pair is one aligned
 * access of twice that size.  The second element is returned by ldxp_hi. */
static uint64_t helper_ldxp(void *env, uint64_t addr, uint64_t esize, uint64_t idx, uint64_t d)
{
    (void)d;
    ArmCPU *cpu = env;
    CPUState *cs = &cpu->common;
    uint64_t lo, hi;
    if (esize == 2) {
        uint64_t v;
        if (tlb_load_slow(cs, addr, IR_MO_64 | IR_MO_ALIGN | IR_MO_EXCL, (unsigned)idx, cs->pc,
                          &v) < 0) {
            return 0;
        }
        lo = v & 0xffffffffu;
        hi = v >> 32;
        cpu->excl_val = v;
    } else {
        if (addr & 15) {
            arm_raise_data_abort(cpu, addr, FSC_ALIGNMENT, false, false);
            return 0;
        }
        if (tlb_load_slow(cs, addr, IR_MO_64 | IR_MO_EXCL, (unsigned)idx, cs->pc, &lo) < 0 ||
            tlb_load_slow(cs, addr + 8, IR_MO_64 | IR_MO_EXCL, (unsigned)idx, cs->pc, &hi) < 0) {
            return 0;
        }
        cpu->excl_val = lo;
    }
    cpu->excl_val_hi = hi;
    cpu->excl_addr = addr;
    cpu->excl_size = (uint32_t)esize + 4;
    return lo;
}

static uint64_t helper_ldxp_hi(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)a, (void)b, (void)c, (void)d;
    ArmCPU *cpu = env;
    return cpu->excl_size == 6 ? cpu->excl_val >> 32 : cpu->excl_val_hi;
}

static uint64_t helper_stxp(void *env, uint64_t addr, uint64_t v1, uint64_t v2, uint64_t eidx)
{
    ArmCPU *cpu = env;
    CPUState *cs = &cpu->common;
    unsigned esize = (unsigned)(eidx & 0xf), idx = (unsigned)(eidx >> 4);
    uint64_t res = cpu->excl_addr;
    uint32_t rsize = cpu->excl_size;
    cpu->excl_addr = (uint64_t)-1;
    unsigned bytes = esize == 2 ? 8 : 16;
    void *host = tlb_host_rw(cs, addr, bytes, idx);
    if (!host) {
        if (cs->excp_index == CPU_EXCP_CODE_CHANGED) {
            cpu->excl_addr = res;
        }
        raise_excl_abort(cpu, addr, true);
        return 0;
    }
    if (res != addr || rsize != esize + 4) {
        return 1;
    }
    if (esize == 2) {
        uint64_t e = cpu->excl_val, n = (v1 & 0xffffffffu) | v2 << 32;
        return __atomic_compare_exchange_n((uint64_t *)host, &e, n, false, __ATOMIC_SEQ_CST,
                                           __ATOMIC_SEQ_CST) ? 0 : 1;
    }
    /* 128 bits: no host CAS that wide in Wasm; with the other vCPUs parked the compare and
     * the two stores are one atomic step */
    Machine *m = cs->machine;
    vcpu_exclusive_begin(m, cs);
    uint64_t *p = host;
    bool ok = p[0] == cpu->excl_val && p[1] == cpu->excl_val_hi;
    if (ok) {
        p[0] = v1;
        p[1] = v2;
    }
    vcpu_exclusive_end(m, cs);
    return ok ? 0 : 1;
}

static uint64_t helper_clrex(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)a, (void)b, (void)c, (void)d;
    ArmCPU *cpu = env;
    cpu->excl_addr = (uint64_t)-1;
    return 0;
}

#define RAISES (IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE | IR_CALL_PC_ONLY)
const IrHelper arm_hlp_raise_sync = {helper_raise_sync, "raise_sync", RAISES};
const IrHelper arm_hlp_raise_pc_align = {helper_raise_pc_align, "raise_pc_align", RAISES};
const IrHelper arm_hlp_svc = {helper_svc, "svc", RAISES};
/* PSCI reads and writes x0-x3 */
const IrHelper arm_hlp_hvc = {helper_hvc, "hvc", IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE};
const IrHelper arm_hlp_smc = {helper_smc, "smc", RAISES};
const IrHelper arm_hlp_brk = {helper_brk, "brk", RAISES};
/* semihosting reads x0/x1 and writes x0 */
const IrHelper arm_hlp_hlt = {helper_hlt, "hlt", IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE};
/* ERET changes SP (x[31]) and the flags too */
const IrHelper arm_hlp_eret = {helper_eret, "eret", IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE};
const IrHelper arm_hlp_wfi = {helper_wfi, "wfi", RAISES};
const IrHelper arm_hlp_mrs = {helper_mrs, "mrs", IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE};
const IrHelper arm_hlp_msr = {helper_msr, "msr", IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE};
const IrHelper arm_hlp_sys = {helper_sys, "sys", IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE};
const IrHelper arm_hlp_msr_pstate = {helper_msr_pstate, "msr_pstate",
                                     IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE};
const IrHelper arm_hlp_ldxr = {helper_ldxr, "ldxr", RAISES};
const IrHelper arm_hlp_stxr = {helper_stxr, "stxr", RAISES};
const IrHelper arm_hlp_ldxp = {helper_ldxp, "ldxp", RAISES};
const IrHelper arm_hlp_ldxp_hi = {helper_ldxp_hi, "ldxp_hi", 0};
const IrHelper arm_hlp_stxp = {helper_stxp, "stxp", RAISES};
const IrHelper arm_hlp_clrex = {helper_clrex, "clrex", 0};
