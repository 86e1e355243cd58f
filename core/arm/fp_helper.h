/*
 * core/arm/fp_helper.h — run-time helpers of the A64 scalar floating-point instructions
 * (core/arm/trans_fp*.c), on the soft-float library (core/fpu/softfloat*.h).
 *
 * The IR has no float types: translated code loads the raw bits of the operands (binary32
 * and binary16 zero-extended into the 64-bit arguments), calls one helper, and stores its
 * zero-extended result.  Every helper computes with the vCPU's fp_status (FPCR's rounding
 * mode, DN and FZ, set by arm_fpcr_changed) and accrues the exception flags into it, which
 * is where FPSR's cumulative bits live.  The helpers touch no IR global and never raise, so
 * they are called with flags 0; the flags they set are a side effect, so none is PURE.
 * Helper names end in the formats: d = binary64, s = binary32, h = binary16 (for
 * conversions: source, then destination).
 */
#ifndef CORE_ARM_FP_HELPER_H
#define CORE_ARM_FP_HELPER_H

#include "core/arm/cpu.h"
#include "tcg/ir.h"

/* (n, m) -> result: FADD FSUB FMUL FDIV FMAX FMIN FMAXNM FMINNM FNMUL */
extern const IrHelper arm_hlp_fadd_s, arm_hlp_fadd_d, arm_hlp_fsub_s, arm_hlp_fsub_d;
extern const IrHelper arm_hlp_fmul_s, arm_hlp_fmul_d, arm_hlp_fdiv_s, arm_hlp_fdiv_d;
extern const IrHelper arm_hlp_fmax_s, arm_hlp_fmax_d, arm_hlp_fmin_s, arm_hlp_fmin_d;
extern const IrHelper arm_hlp_fmaxnm_s, arm_hlp_fmaxnm_d, arm_hlp_fminnm_s, arm_hlp_fminnm_d;
extern const IrHelper arm_hlp_fnmul_s, arm_hlp_fnmul_d;

/* (n) -> sqrt(n) */
extern const IrHelper arm_hlp_fsqrt_s, arm_hlp_fsqrt_d;

/* (n, m, a, neg) -> a + n*m fused; neg bit 0 negates n (FMSUB, FNMADD), bit 1 negates a
 * (FNMADD, FNMSUB): the ARM ARM's FPNeg before FPMulAdd, so a NaN operand keeps the
 * flipped sign. */
#define ARM_FMA_NEG_PRODUCT 1
#define ARM_FMA_NEG_ADDEND 2
extern const IrHelper arm_hlp_fmadd_s, arm_hlp_fmadd_d;

/* (n, m, signal, cond | imm_nzcv << 1) -> NZCV in bits 3:0.  If cond (bit 0 of the last
 * argument) is clear: imm_nzcv, no flags (FCCMP with a false condition); else FPCompare
 * (n, m): 0110 equal, 1000 less, 0010 greater, 0011 unordered; invalid on a signaling NaN,
 * or on any NaN if signal (FCMPE, FCCMPE). */
extern const IrHelper arm_hlp_fcmp_s, arm_hlp_fcmp_d;

/* (n) -> n converted (FCVT): s->d, d->s, h->s, h->d, s->h, d->h (FPCR.AHP picks the
 * alternative half-precision format). */
extern const IrHelper arm_hlp_fcvt_sd, arm_hlp_fcvt_ds, arm_hlp_fcvt_hs, arm_hlp_fcvt_hd;
extern const IrHelper arm_hlp_fcvt_sh, arm_hlp_fcvt_dh;

/* (n, rmode) -> n rounded to an integral value (FRINT*): rmode is a FloatRound, or
 * ARM_RINT_FPCR (FRINTI) / ARM_RINT_FPCR_EXACT (FRINTX: inexact when it changed). */
#define ARM_RINT_FPCR 8
#define ARM_RINT_FPCR_EXACT 9
extern const IrHelper arm_hlp_frint_s, arm_hlp_frint_d;

/* (n, fbits, rmode, kind) -> integer (FCVT[NPMZA][SU], FCVTZ[SU] fixed point): rmode a
 * FloatRound, kind bit 0 = unsigned, bit 1 = 64-bit result (a 32-bit one is returned
 * zero-extended).  Saturating; NaN -> 0; invalid and no inexact then. */
#define ARM_CVT_UNSIGNED 1
#define ARM_CVT_64 2
extern const IrHelper arm_hlp_f2i_s, arm_hlp_f2i_d;

/* (x, fbits, kind) -> float of x * 2^-fbits (SCVTF, UCVTF): kind as for f2i, bit 1 = the
 * source is 64-bit (else its low 32 bits are sign- or zero-extended). */
extern const IrHelper arm_hlp_i2f_s, arm_hlp_i2f_d;

#endif
