/*
 * core/fpu/softfloat_arm_estimate.c — Arm's reciprocal and reciprocal square root
 * estimates (FRECPE, FRSQRTE, URECPE, URSQRTE) and FRECPX, written from the ARM ARM's
 * FPRecipEstimate / RecipEstimate, FPRSqrtEstimate / RecipSqrtEstimate,
 * UnsignedRecipEstimate / UnsignedRSqrtEstimate and FPRecpX pseudocode.
 *
 * The pseudocode works on a binary64-like view of every format: the operand's fraction
 * left-aligned in 52 bits, its biased exponent field, and results rebuilt from an 8-bit
 * estimate.  The same steps serve binary32 and binary64 here through SfFormat.
 */
#include "core/fpu/softfloat_arm.h"

#include "core/fpu/softfloat_impl.h"

#define FRAC52_MASK ((1ull << 52) - 1)

/* RecipEstimate: a in [256, 512) is a fixed-point 0.5 <= a/512 < 1; returns r in
 * [256, 512), r/256 ~ 512/a, each step rounded to nearest as the pseudocode does. */
static unsigned recip_estimate(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* RecipSqrtEstimate: a in [128, 512) is 0.25 <= a/512 < 1; returns r in [256, 512),
 * r/256 ~ 1/sqrt(a/512).  b is the smallest integer >= 512 with a*(b+1)^2 >= 2^28 (the
 * pseudocode counts up to it; a binary search finds the same b). */
static unsigned rsqrt_estimate(unsigned a)
{
    if (a < 256) {
        a = a * 2 + 1; /* units of 1/512, rounded to nearest */
    } else {
        a = ((a >> 1) << 1) + 1; /* discard the bottom bit ... */
        a *= 2;                  /* ... units of 1/256, rounded to nearest */
    }
    /* find the smallest t >= 513 with a*t*t >= 2^28; then b = t - 1 */
    uint64_t lo = 513, hi = 2048; /* a >= 257: a*2048^2 >= 2^28 */
    while (lo < hi) {
        uint64_t mid = (lo + hi) / 2;
        if ((uint64_t)a * mid * mid >= (1ull << 28)) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    unsigned b = (unsigned)lo - 1;
    return (b + 1) / 2;
}

/* The operand's fraction left-aligned to 52 bits, and its biased exponent field. */
static uint64_t frac52_of(const SfFormat *f, uint64_t a)
{
    return (a & ((1ull << f->fbits) - 1)) << (52 - f->fbits);
}

static int exp_field_of(const SfFormat *f, uint64_t a)
{
    return (int)(a >> f->fbits) & sf_emax_field(f);
}

/* Position of the leading one of a finite nonzero value's magnitude: |x| in
 * [2^k, 2^(k+1)). */
static int32_t log2_floor(SfUnpacked x)
{
    return 63 - sf_clz64(x.sig) + x.exp;
}

static uint64_t arm_recpe(const SfFormat *f, uint64_t a, FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    SfUnpacked x = sf_unpack(f, a);
    switch (x.cls) {
    case SF_QNAN:
    case SF_SNAN: return sf_nan1(f, a, x.cls, s);
    case SF_INF: return sf_zero(f, x.sign);
    case SF_ZERO:
        s->flags |= FLOAT_FLAG_DIVBYZERO;
        return sf_inf(f, x.sign);
    default: break;
    }
    if (log2_floor(x) < -(f->bias + 1)) {
        /* |a| < 2^-(bias+1): the reciprocal overflows */
        bool to_inf;
        switch (s->rounding) {
        case FLOAT_RTZ:
        case FLOAT_RTO: to_inf = false; break;
        case FLOAT_RUP: to_inf = !x.sign; break;
        case FLOAT_RDN: to_inf = x.sign; break;
        default: to_inf = true; break;
        }
        s->flags |= FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT;
        return to_inf ? sf_inf(f, x.sign) : sf_inf(f, x.sign) - 1;
    }
    if (s->nan->flush_results && f->fz && log2_floor(x) >= f->bias - 1) {
        /* the estimate would be subnormal: flushed, underflow only */
        s->flags |= FLOAT_FLAG_UNDERFLOW;
        return sf_zero(f, x.sign);
    }
    uint64_t frac = frac52_of(f, a);
    int exp = exp_field_of(f, a);
    if (exp == 0) { /* subnormal: normalize by one or two places */
        if (!(frac >> 51)) {
            exp = -1;
            frac = (frac << 2) & FRAC52_MASK;
        } else {
            frac = (frac << 1) & FRAC52_MASK;
        }
    }
    unsigned est = recip_estimate(256 | (unsigned)(frac >> 44));
    int result_exp = 2 * f->bias - 1 - exp;
    frac = (uint64_t)(est & 0xff) << 44;
    if (result_exp == 0) { /* a subnormal estimate */
        frac = (1ull << 51) | (frac >> 1);
    } else if (result_exp == -1) {
        frac = (1ull << 50) | (frac >> 2);
        result_exp = 0;
    }
    return sf_zero(f, x.sign) | ((uint64_t)result_exp << f->fbits) | (frac >> (52 - f->fbits));
}

static uint64_t arm_rsqrte(const SfFormat *f, uint64_t a, FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    SfUnpacked x = sf_unpack(f, a);
    switch (x.cls) {
    case SF_QNAN:
    case SF_SNAN: return sf_nan1(f, a, x.cls, s);
    case SF_ZERO:
        s->flags |= FLOAT_FLAG_DIVBYZERO;
        return sf_inf(f, x.sign);
    default: break;
    }
    if (x.sign) {
        return sf_invalid(f, s);
    }
    if (x.cls == SF_INF) {
        return 0;
    }
    uint64_t frac = frac52_of(f, a);
    int exp = exp_field_of(f, a);
    if (exp == 0) { /* subnormal: normalize, keeping the exponent's parity meaningful */
        while (!(frac >> 51)) {
            frac <<= 1;
            exp--;
        }
        frac = (frac << 1) & FRAC52_MASK;
    }
    /* [0.25, 1) in units of 1/512, keeping the parity of the unbiased exponent (the bias
     * is odd): an odd exponent field (even power of two) gives [0.25, 0.5), an even one
     * [0.5, 1) */
    unsigned scaled = ((unsigned)exp & 1) != 0 ? 128 | (unsigned)(frac >> 45)
                                               : 256 | (unsigned)(frac >> 44);
    unsigned est = rsqrt_estimate(scaled);
    int result_exp = (3 * f->bias - 1 - exp) / 2; /* the dividend is positive */
    return ((uint64_t)result_exp << f->fbits) | ((uint64_t)(est & 0xff) << (f->fbits - 8));
}

static uint64_t arm_recpx(const SfFormat *f, uint64_t a, FloatStatus *s)
{
    a = sf_flush_input(f, a, s); /* only for the input-denormal flag: see below */
    SfUnpacked x = sf_unpack(f, a);
    if (sf_is_nan_cls(x.cls)) {
        return sf_nan1(f, a, x.cls, s);
    }
    int exp = exp_field_of(f, a); /* a flushed subnormal has exponent 0 either way */
    int emax = sf_emax_field(f);
    int r = exp == 0 ? emax - 1 : ~exp & emax;
    return sf_zero(f, x.sign) | ((uint64_t)r << f->fbits);
}

uint32_t f32_arm_recpe(uint32_t a, FloatStatus *s)
{
    return (uint32_t)arm_recpe(&sf_fmt32, a, s);
}

uint64_t f64_arm_recpe(uint64_t a, FloatStatus *s)
{
    return arm_recpe(&sf_fmt64, a, s);
}

uint32_t f32_arm_rsqrte(uint32_t a, FloatStatus *s)
{
    return (uint32_t)arm_rsqrte(&sf_fmt32, a, s);
}

uint64_t f64_arm_rsqrte(uint64_t a, FloatStatus *s)
{
    return arm_rsqrte(&sf_fmt64, a, s);
}

uint32_t f32_arm_recpx(uint32_t a, FloatStatus *s)
{
    return (uint32_t)arm_recpx(&sf_fmt32, a, s);
}

uint64_t f64_arm_recpx(uint64_t a, FloatStatus *s)
{
    return arm_recpx(&sf_fmt64, a, s);
}

uint32_t u32_arm_recpe(uint32_t a)
{
    if (!(a >> 31)) {
        return UINT32_MAX;
    }
    return (uint32_t)recip_estimate(a >> 23) << 23;
}

uint32_t u32_arm_rsqrte(uint32_t a)
{
    if (!(a >> 30)) {
        return UINT32_MAX;
    }
    return (uint32_t)rsqrt_estimate(a >> 23) << 23;
}
