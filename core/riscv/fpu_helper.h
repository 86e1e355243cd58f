/*
 * core/riscv/fpu_helper.h — helpers for the RISC-V F and D extensions (fpu_helper.c).
 *
 * All have the IrHelperFn signature (env, a, b, c, d) -> uint64_t; env is a RiscvCPU *.
 * Arguments are raw f-register values (single-precision ones are NaN-unboxed: an input
 * whose upper 32 bits are not all ones reads as the canonical NaN) or x-register values,
 * then the instruction's rm field where it has one (7 = dynamic: use frm; an effective
 * mode of 5..7 raises illegal instruction and returns 0).  Single-precision results come
 * back NaN-boxed.  Exception flags are ORed into cpu->fflags; mstatus.FS is the front
 * end's business.
 */
#ifndef CORE_RISCV_FPU_HELPER_H
#define CORE_RISCV_FPU_HELPER_H

#include "core/riscv/cpu.h"
#include "tcg/ir.h"

/* Raise an illegal-instruction exception (implemented with the other RISC-V helpers). */
void riscv_raise_illegal(void *env);

/* (a, b, rm) -> f */
extern const IrHelper riscv_hlp_fadd_s, riscv_hlp_fsub_s, riscv_hlp_fmul_s, riscv_hlp_fdiv_s;
extern const IrHelper riscv_hlp_fadd_d, riscv_hlp_fsub_d, riscv_hlp_fmul_d, riscv_hlp_fdiv_d;
/* (a, rm) -> f */
extern const IrHelper riscv_hlp_fsqrt_s, riscv_hlp_fsqrt_d;
/* (a, b, c, rm) -> f: a*b+c, a*b-c, -(a*b)+c, -(a*b)-c, rounded once */
extern const IrHelper riscv_hlp_fmadd_s, riscv_hlp_fmsub_s, riscv_hlp_fnmsub_s,
    riscv_hlp_fnmadd_s;
extern const IrHelper riscv_hlp_fmadd_d, riscv_hlp_fmsub_d, riscv_hlp_fnmsub_d,
    riscv_hlp_fnmadd_d;
/* (a, b) -> f: sign injection (pure, no flags) */
extern const IrHelper riscv_hlp_fsgnj_s, riscv_hlp_fsgnjn_s, riscv_hlp_fsgnjx_s;
extern const IrHelper riscv_hlp_fsgnj_d, riscv_hlp_fsgnjn_d, riscv_hlp_fsgnjx_d;
/* (a, b) -> f */
extern const IrHelper riscv_hlp_fmin_s, riscv_hlp_fmax_s, riscv_hlp_fmin_d, riscv_hlp_fmax_d;
/* (a, b) -> x: 0 or 1 */
extern const IrHelper riscv_hlp_feq_s, riscv_hlp_flt_s, riscv_hlp_fle_s;
extern const IrHelper riscv_hlp_feq_d, riscv_hlp_flt_d, riscv_hlp_fle_d;
/* (a) -> x: 10-bit class mask (pure) */
extern const IrHelper riscv_hlp_fclass_s, riscv_hlp_fclass_d;
/* (a, rm) -> x: saturating; 32-bit results (also wu) are sign-extended to 64 bits */
extern const IrHelper riscv_hlp_fcvt_w_s, riscv_hlp_fcvt_wu_s, riscv_hlp_fcvt_l_s,
    riscv_hlp_fcvt_lu_s;
extern const IrHelper riscv_hlp_fcvt_w_d, riscv_hlp_fcvt_wu_d, riscv_hlp_fcvt_l_d,
    riscv_hlp_fcvt_lu_d;
/* (x, rm) -> f: w/wu read the low 32 bits of x */
extern const IrHelper riscv_hlp_fcvt_s_w, riscv_hlp_fcvt_s_wu, riscv_hlp_fcvt_s_l,
    riscv_hlp_fcvt_s_lu;
extern const IrHelper riscv_hlp_fcvt_d_w, riscv_hlp_fcvt_d_wu, riscv_hlp_fcvt_d_l,
    riscv_hlp_fcvt_d_lu;
/* (a, rm) -> f */
extern const IrHelper riscv_hlp_fcvt_s_d, riscv_hlp_fcvt_d_s;

#endif
