/*
 * core/fpu/softfloat_arm.c — Arm's min/max (FPMin, FPMax, FPMinNum, FPMaxNum), FMULX
 * (FPMulX) and the fused Newton-Raphson steps FRECPS / FRSQRTS (FPRecipStepFused,
 * FPRSqrtStepFused), written from the ARM ARM pseudocode.  The estimates are in
 * softfloat_arm_estimate.c.  Generic code: nothing here depends on a guest's headers;
 * the Arm rules are those the pseudocode states.
 */
#include "core/fpu/softfloat_arm.h"

#include "core/fpu/softfloat_impl.h"

const FloatNanPolicy *float_nan_arm_select(bool dn, bool fz)
{
    if (fz) {
        return dn ? &float_nan_arm_dn_fz : &float_nan_arm_fz;
    }
    return dn ? &float_nan_arm_dn : &float_nan_arm;
}

/* Compare two non-NaN values: -1, 0, 1 (zeros of either sign are equal). */
static int cmp_values(const SfFormat *f, uint64_t a, uint64_t b)
{
    uint64_t sb = sf_sign_bit(f), mag = sb - 1;
    bool sa = (a & sb) != 0, sbb = (b & sb) != 0;
    if (((a | b) & mag) == 0) {
        return 0;
    }
    if (sa != sbb) {
        return sa ? -1 : 1;
    }
    if ((a & mag) == (b & mag)) {
        return 0;
    }
    return ((a & mag) < (b & mag)) != sa ? -1 : 1;
}

/* FPMin / FPMax.  Equal values pick the second operand, except that two zeros give
 * -0 for min if either is -0, +0 for max if either is +0. */
static uint64_t arm_minmax(const SfFormat *f, uint64_t a, uint64_t b, bool want_max,
                           FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    b = sf_flush_input(f, b, s);
    SfUnpacked x = sf_unpack(f, a), y = sf_unpack(f, b);
    if (sf_is_nan_cls(x.cls) || sf_is_nan_cls(y.cls)) {
        return sf_nan2(f, a, x.cls, b, y.cls, s);
    }
    if (x.cls == SF_ZERO && y.cls == SF_ZERO) {
        return sf_zero(f, want_max ? (x.sign && y.sign) : (x.sign || y.sign));
    }
    int c = cmp_values(f, a, b);
    uint64_t r = (want_max ? c > 0 : c < 0) ? a : b;
    /* the pseudocode rounds the chosen value again: only flush-to-zero can change it */
    return sf_pass_finite(f, r, s);
}

/* FPMinNum / FPMaxNum: a single quiet NaN is replaced by the infinity that loses. */
static uint64_t arm_minmaxnm(const SfFormat *f, uint64_t a, uint64_t b, bool want_max,
                             FloatStatus *s)
{
    int ca = sf_unpack(f, a).cls, cb = sf_unpack(f, b).cls;
    uint64_t loser = sf_inf(f, want_max);
    if (ca == SF_QNAN && cb != SF_QNAN) {
        a = loser;
    } else if (cb == SF_QNAN && ca != SF_QNAN) {
        b = loser;
    }
    return arm_minmax(f, a, b, want_max, s);
}

uint32_t f32_arm_min(uint32_t a, uint32_t b, FloatStatus *s)
{
    return (uint32_t)arm_minmax(&sf_fmt32, a, b, false, s);
}

uint32_t f32_arm_max(uint32_t a, uint32_t b, FloatStatus *s)
{
    return (uint32_t)arm_minmax(&sf_fmt32, a, b, true, s);
}

uint32_t f32_arm_minnm(uint32_t a, uint32_t b, FloatStatus *s)
{
    return (uint32_t)arm_minmaxnm(&sf_fmt32, a, b, false, s);
}

uint32_t f32_arm_maxnm(uint32_t a, uint32_t b, FloatStatus *s)
{
    return (uint32_t)arm_minmaxnm(&sf_fmt32, a, b, true, s);
}

uint64_t f64_arm_min(uint64_t a, uint64_t b, FloatStatus *s)
{
    return arm_minmax(&sf_fmt64, a, b, false, s);
}

uint64_t f64_arm_max(uint64_t a, uint64_t b, FloatStatus *s)
{
    return arm_minmax(&sf_fmt64, a, b, true, s);
}

uint64_t f64_arm_minnm(uint64_t a, uint64_t b, FloatStatus *s)
{
    return arm_minmaxnm(&sf_fmt64, a, b, false, s);
}

uint64_t f64_arm_maxnm(uint64_t a, uint64_t b, FloatStatus *s)
{
    return arm_minmaxnm(&sf_fmt64, a, b, true, s);
}

/* ---- FMULX and the fused steps ---- */

/* sign * m * 2^e as a normal number of format f (m in [1, 2) given as its fraction bits
 * above bit 52 of a binary64 fraction: 2.0 is (e 1, frac 0), 1.5 is (e 0, frac 1 << 51)). */
static uint64_t sf_const(const SfFormat *f, bool sign, int e, uint64_t frac52)
{
    return sf_zero(f, sign) | ((uint64_t)(e + f->bias) << f->fbits) |
           (frac52 >> (52 - f->fbits));
}

/*
 * The common special cases of FPMulX, FPRecipStepFused and FPRSqrtStepFused on the
 * (already flushed, and for the steps already negated) operands: NaN propagation, then
 * inf * 0.  Returns true with *out set when one applies; inf_zero is its inf * 0 result.
 */
static bool step_special(const SfFormat *f, uint64_t a, uint64_t b, uint64_t inf_zero,
                         uint64_t *out, FloatStatus *s)
{
    SfUnpacked x = sf_unpack(f, a), y = sf_unpack(f, b);
    if (sf_is_nan_cls(x.cls) || sf_is_nan_cls(y.cls)) {
        *out = sf_nan2(f, a, x.cls, b, y.cls, s);
        return true;
    }
    if ((x.cls == SF_INF && y.cls == SF_ZERO) || (x.cls == SF_ZERO && y.cls == SF_INF)) {
        *out = inf_zero;
        return true;
    }
    return false;
}

/* FPMulX's special cases on the flushed operands; false: an ordinary product a * b. */
static bool mulx_special(const SfFormat *f, uint64_t *a, uint64_t *b, uint64_t *out,
                         FloatStatus *s)
{
    *a = sf_flush_input(f, *a, s);
    *b = sf_flush_input(f, *b, s);
    bool sign = ((*a ^ *b) & sf_sign_bit(f)) != 0;
    return step_special(f, *a, *b, sf_const(f, sign, 1, 0), out, s);
}

/* c - a*b, times 2^scale, one rounding; inf * 0 gives `inf_zero`. */
static uint64_t arm_step(const SfFormat *f, uint64_t a, uint64_t b, uint64_t c, int scale,
                         uint64_t inf_zero, FloatStatus *s)
{
    a = sf_flush_input(f, a, s) ^ sf_sign_bit(f); /* FPNeg(op1), NaNs included */
    b = sf_flush_input(f, b, s);
    uint64_t r;
    if (step_special(f, a, b, inf_zero, &r, s)) {
        return r;
    }
    return sf_muladd(f, a, b, c, scale, s);
}

uint32_t f32_arm_mulx(uint32_t a, uint32_t b, FloatStatus *s)
{
    uint64_t x = a, y = b, r;
    if (mulx_special(&sf_fmt32, &x, &y, &r, s)) {
        return (uint32_t)r;
    }
    return f32_mul((uint32_t)x, (uint32_t)y, s);
}

uint64_t f64_arm_mulx(uint64_t a, uint64_t b, FloatStatus *s)
{
    uint64_t r;
    if (mulx_special(&sf_fmt64, &a, &b, &r, s)) {
        return r;
    }
    return f64_mul(a, b, s);
}

uint32_t f32_arm_recps(uint32_t a, uint32_t b, FloatStatus *s)
{
    const SfFormat *f = &sf_fmt32;
    uint64_t two = sf_const(f, false, 1, 0);
    return (uint32_t)arm_step(f, a, b, two, 0, two, s);
}

uint64_t f64_arm_recps(uint64_t a, uint64_t b, FloatStatus *s)
{
    const SfFormat *f = &sf_fmt64;
    uint64_t two = sf_const(f, false, 1, 0);
    return arm_step(f, a, b, two, 0, two, s);
}

uint32_t f32_arm_rsqrts(uint32_t a, uint32_t b, FloatStatus *s)
{
    const SfFormat *f = &sf_fmt32;
    uint64_t three = sf_const(f, false, 1, 1ull << 51), one_half = sf_const(f, false, 0, 1ull << 51);
    return (uint32_t)arm_step(f, a, b, three, -1, one_half, s);
}

uint64_t f64_arm_rsqrts(uint64_t a, uint64_t b, FloatStatus *s)
{
    const SfFormat *f = &sf_fmt64;
    uint64_t three = sf_const(f, false, 1, 1ull << 51), one_half = sf_const(f, false, 0, 1ull << 51);
    return arm_step(f, a, b, three, -1, one_half, s);
}
