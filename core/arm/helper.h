/*
 * core/arm/helper.h — run-time helpers of A64 translated code for exceptions, system
 * instructions and exclusives, and the raising functions the MMU and the helpers share.
 * All helpers have the IrHelperFn signature (env, a, b, c, d) -> uint64_t.
 */
#ifndef CORE_ARM_HELPER_H
#define CORE_ARM_HELPER_H

#include "core/arm/cpu.h"
#include "tcg/ir.h"

/* Exceptions. */
extern const IrHelper arm_hlp_raise_sync;     /* (syndrome): to EL1 with ESR = syndrome */
extern const IrHelper arm_hlp_raise_pc_align; /* (): PC alignment fault at the pc */
extern const IrHelper arm_hlp_svc;            /* (imm16) */
extern const IrHelper arm_hlp_hvc;            /* (imm16): PSCI or UNDEFINED */
extern const IrHelper arm_hlp_smc;            /* (imm16): PSCI over SMC or UNDEFINED */
extern const IrHelper arm_hlp_brk;            /* (imm16) */
extern const IrHelper arm_hlp_hlt;            /* (imm16): semihosting or UNDEFINED */
extern const IrHelper arm_hlp_eret;           /* (): pc, PSTATE from ELR/SPSR */
extern const IrHelper arm_hlp_wfi;            /* (is_wfe): WFI sleeps, WFE returns; EL0 traps */

/* System registers: (encoding) -> value / (encoding, value).  The encoding is
 * op0:op1:CRn:CRm:op2 packed as in the instruction's bits 20:5 (ARM_SYSREG below); the
 * helpers check access rights at run time and raise UNDEFINED or a trap. */
#define ARM_SYSREG(op0, op1, crn, crm, op2) \
    (((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))
extern const IrHelper arm_hlp_mrs;            /* (sysreg, rt) -> value */
extern const IrHelper arm_hlp_msr;            /* (sysreg, value, rt) */
extern const IrHelper arm_hlp_msr_pstate;     /* (op1 << 3 | op2, imm4): MSR DAIFSet... */
extern const IrHelper arm_hlp_sys;            /* (sysreg, Xt value, rt): DC, IC, AT, TLBI */

/* Exclusives (atomic across vCPU threads: STXR is a CAS against the value LDXR read).
 * size is log2 bytes, mmu the MMU index of the access. */
extern const IrHelper arm_hlp_ldxr;           /* (addr, size, mmu) -> value (zero-extended) */
extern const IrHelper arm_hlp_stxr;           /* (addr, value, size, mmu) -> 0 ok / 1 failed */
/* Pairs: esize is log2 of one element (2 or 3). */
extern const IrHelper arm_hlp_ldxp;           /* (addr, esize, mmu) -> Xt; then ldxp_hi: Xt2 */
extern const IrHelper arm_hlp_ldxp_hi;        /* () -> the second element of the last LDXP */
extern const IrHelper arm_hlp_stxp;           /* (addr, v1, v2, esize | mmu << 4) -> 0 / 1 */
extern const IrHelper arm_hlp_clrex;          /* () */

/* Raise functions (no pc change: cpu->common.pc must already be the instruction's). */
void arm_raise_sync(ArmCPU *cpu, uint32_t syndrome, uint64_t far);
void arm_raise_undef(ArmCPU *cpu);
void arm_raise_insn_abort(ArmCPU *cpu, uint64_t vaddr, uint32_t fsc);
/* A data abort: fsc, write = WnR, cm = cache maintenance (DC/AT), s1ptw unused. */
void arm_raise_data_abort(ArmCPU *cpu, uint64_t vaddr, uint32_t fsc, bool write, bool cm);

/* System register access (core/arm/sysreg.c): OK, or why not — the register does not
 * exist or is not accessible at this EL (UNDEFINED), or the access traps to EL1 (EC 0x18),
 * or the operation raised its own exception (a data abort of DC ZVA ...). */
typedef enum ArmSysregResult {
    ARM_SYSREG_OK, ARM_SYSREG_UNDEF, ARM_SYSREG_TRAP, ARM_SYSREG_RAISED,
} ArmSysregResult;
ArmSysregResult arm_sysreg_read(ArmCPU *cpu, uint32_t enc, uint64_t *val);
ArmSysregResult arm_sysreg_write(ArmCPU *cpu, uint32_t enc, uint64_t val);
/* SYS (op0 = 1): DC, IC, AT, TLBI with Xt's value. */
ArmSysregResult arm_sys_insn(ArmCPU *cpu, uint32_t enc, uint64_t val);

#endif
