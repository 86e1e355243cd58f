/*
 * core/fpu/softfloat_arm.h — operations the Arm architecture defines itself (AArch64 and
 * AArch32 VFP / AdvSIMD), on the generic soft-float core.  Values are raw bit patterns as
 * in softfloat.h; every function obeys s->nan (Arm: float_nan_arm* from
 * float_nan_arm_select, which carries FPCR.DN and FPCR.FZ) and s->rounding (FPCR.RMode).
 * Written from the ARM ARM's shared/functions/float pseudocode (named per function).
 * FEAT_AFP (FPCR.AH) and FEAT_RPRES are not modeled.
 */
#ifndef CORE_FPU_SOFTFLOAT_ARM_H
#define CORE_FPU_SOFTFLOAT_ARM_H

#include "core/fpu/softfloat.h"

/* The policy for FPCR.DN and FPCR.FZ: float_nan_arm, _dn, _fz or _dn_fz. */
const FloatNanPolicy *float_nan_arm_select(bool dn, bool fz);

/*
 * FMIN / FMAX (FPMin, FPMax): any NaN operand gives a NaN per policy (invalid if
 * signaling); -0 < +0.  FMINNM / FMAXNM (FPMinNum, FPMaxNum; IEEE 754-2008 minNum /
 * maxNum): a quiet NaN against a number gives the number; a signaling NaN is not
 * ignored (invalid, and the NaN result per policy); two quiet NaNs give the policy's NaN.
 * With flush_inputs a subnormal operand competes as a zero of its sign.
 */
uint32_t f32_arm_min(uint32_t a, uint32_t b, FloatStatus *s);
uint32_t f32_arm_max(uint32_t a, uint32_t b, FloatStatus *s);
uint32_t f32_arm_minnm(uint32_t a, uint32_t b, FloatStatus *s);
uint32_t f32_arm_maxnm(uint32_t a, uint32_t b, FloatStatus *s);
uint64_t f64_arm_min(uint64_t a, uint64_t b, FloatStatus *s);
uint64_t f64_arm_max(uint64_t a, uint64_t b, FloatStatus *s);
uint64_t f64_arm_minnm(uint64_t a, uint64_t b, FloatStatus *s);
uint64_t f64_arm_maxnm(uint64_t a, uint64_t b, FloatStatus *s);

/* FMULX (FPMulX): a * b, except that inf * 0 (either order, after NaN propagation) is
 * +-2.0 (the sign of the product) and raises nothing. */
uint32_t f32_arm_mulx(uint32_t a, uint32_t b, FloatStatus *s);
uint64_t f64_arm_mulx(uint64_t a, uint64_t b, FloatStatus *s);

/* FRECPS (FPRecipStepFused): 2 - a*b with one rounding; FRSQRTS (FPRSqrtStepFused):
 * (3 - a*b) / 2 with one rounding.  a is negated before NaN propagation (so a NaN a comes
 * back with its sign flipped); inf * 0 gives +2.0 / +1.5 and raises nothing. */
uint32_t f32_arm_recps(uint32_t a, uint32_t b, FloatStatus *s);
uint64_t f64_arm_recps(uint64_t a, uint64_t b, FloatStatus *s);
uint32_t f32_arm_rsqrts(uint32_t a, uint32_t b, FloatStatus *s);
uint64_t f64_arm_rsqrts(uint64_t a, uint64_t b, FloatStatus *s);

/*
 * FRECPE (FPRecipEstimate, RecipEstimate): an 8-bit estimate of 1/a.  +-0 -> +-inf with
 * divide-by-zero; +-inf -> +-0; |a| < 2^-(bias+1) -> overflow and inexact, +-inf or the
 * largest finite per s->rounding; with flush_results, |a| >= 2^(bias-1) (whose estimate
 * would be subnormal) -> +-0 with underflow.
 * FRSQRTE (FPRSqrtEstimate, RecipSqrtEstimate): an 8-bit estimate of 1/sqrt(a).  +-0 ->
 * +-inf with divide-by-zero; a < 0 -> the default NaN with invalid; +inf -> +0.
 * FRECPX (FPRecpX): the exponent field inverted (0 and subnormals -> the largest normal
 * exponent), fraction zero.  NaNs propagate per policy for all three.
 */
uint32_t f32_arm_recpe(uint32_t a, FloatStatus *s);
uint64_t f64_arm_recpe(uint64_t a, FloatStatus *s);
uint32_t f32_arm_rsqrte(uint32_t a, FloatStatus *s);
uint64_t f64_arm_rsqrte(uint64_t a, FloatStatus *s);
uint32_t f32_arm_recpx(uint32_t a, FloatStatus *s);
uint64_t f64_arm_recpx(uint64_t a, FloatStatus *s);

/* URECPE / URSQRTE (UnsignedRecipEstimate, UnsignedRSqrtEstimate): a as an unsigned
 * fixed-point fraction 0.a; 9-bit estimates in the top bits; all ones for a < 2^31
 * (URECPE) or a < 2^30 (URSQRTE).  No flags. */
uint32_t u32_arm_recpe(uint32_t a);
uint32_t u32_arm_rsqrte(uint32_t a);

#endif
