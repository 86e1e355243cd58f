/*
 * core/fpu/softfloat_cvt.c — round to integral in floating-point format, and float <->
 * integer conversions with an explicit rounding mode and a power-of-two (fixed-point)
 * scale, for binary32 and binary64.
 *
 * Written from IEEE 754-2019 5.3.1 / 5.8 / 5.4.1 and the ARM ARM's FPRoundInt,
 * FPToFixed and FixedToFP pseudocode (FRINT*, FCVT[NAPMZ][SU], SCVTF/UCVTF).
 */
#include "core/fpu/softfloat_impl.h"

static uint64_t sf_round_to_int(const SfFormat *f, uint64_t a, int rounding, bool exact,
                                FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    SfUnpacked x = sf_unpack(f, a);
    switch (x.cls) {
    case SF_QNAN:
    case SF_SNAN: return sf_nan1(f, a, x.cls, s);
    case SF_INF:
    case SF_ZERO: return a;
    default: break;
    }
    if (x.exp >= 0) {
        return a; /* no fraction bits below the units place: already integral */
    }
    bool inexact;
    uint64_t q = sf_round_shift(x.sig, -x.exp, x.sign, rounding, &inexact);
    if (inexact && exact) {
        s->flags |= FLOAT_FLAG_INEXACT;
    }
    if (q == 0) {
        return sf_zero(f, x.sign);
    }
    /* q <= 2^p: packing it is exact and raises nothing (and it is not tiny) */
    return sf_round_pack(f, x.sign, 0, q, s);
}

uint32_t f32_round_to_int(uint32_t a, int rounding, bool exact, FloatStatus *s)
{
    return (uint32_t)sf_round_to_int(&sf_fmt32, a, rounding, exact, s);
}

uint64_t f64_round_to_int(uint64_t a, int rounding, bool exact, FloatStatus *s)
{
    return sf_round_to_int(&sf_fmt64, a, rounding, exact, s);
}

/* ---- float -> integer, explicit mode and scale ---- */

int32_t f32_to_i32_scaled(uint32_t a, int fbits, int rounding, FloatStatus *s)
{
    return (int32_t)(uint32_t)sf_to_int(&sf_fmt32, a, 32, true, fbits, rounding, s);
}

uint32_t f32_to_u32_scaled(uint32_t a, int fbits, int rounding, FloatStatus *s)
{
    return (uint32_t)sf_to_int(&sf_fmt32, a, 32, false, fbits, rounding, s);
}

int64_t f32_to_i64_scaled(uint32_t a, int fbits, int rounding, FloatStatus *s)
{
    return (int64_t)sf_to_int(&sf_fmt32, a, 64, true, fbits, rounding, s);
}

uint64_t f32_to_u64_scaled(uint32_t a, int fbits, int rounding, FloatStatus *s)
{
    return sf_to_int(&sf_fmt32, a, 64, false, fbits, rounding, s);
}

int32_t f64_to_i32_scaled(uint64_t a, int fbits, int rounding, FloatStatus *s)
{
    return (int32_t)(uint32_t)sf_to_int(&sf_fmt64, a, 32, true, fbits, rounding, s);
}

uint32_t f64_to_u32_scaled(uint64_t a, int fbits, int rounding, FloatStatus *s)
{
    return (uint32_t)sf_to_int(&sf_fmt64, a, 32, false, fbits, rounding, s);
}

int64_t f64_to_i64_scaled(uint64_t a, int fbits, int rounding, FloatStatus *s)
{
    return (int64_t)sf_to_int(&sf_fmt64, a, 64, true, fbits, rounding, s);
}

uint64_t f64_to_u64_scaled(uint64_t a, int fbits, int rounding, FloatStatus *s)
{
    return sf_to_int(&sf_fmt64, a, 64, false, fbits, rounding, s);
}

/* ---- integer -> float, scaled ---- */

/* (-1)^negative * mag * 2^-fbits rounded per s->rounding; +0 for mag == 0. */
static uint64_t sf_from_fixed(const SfFormat *f, bool negative, uint64_t mag, int fbits,
                              FloatStatus *s)
{
    if (mag == 0) {
        return 0;
    }
    return sf_round_pack(f, negative, -fbits, mag, s);
}

/* |a| of a signed value as unsigned (well defined for INT64_MIN). */
static uint64_t abs64(int64_t a)
{
    return a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
}

uint32_t i64_to_f32_scaled(int64_t a, int fbits, FloatStatus *s)
{
    return (uint32_t)sf_from_fixed(&sf_fmt32, a < 0, abs64(a), fbits, s);
}

uint32_t u64_to_f32_scaled(uint64_t a, int fbits, FloatStatus *s)
{
    return (uint32_t)sf_from_fixed(&sf_fmt32, false, a, fbits, s);
}

uint64_t i64_to_f64_scaled(int64_t a, int fbits, FloatStatus *s)
{
    return sf_from_fixed(&sf_fmt64, a < 0, abs64(a), fbits, s);
}

uint64_t u64_to_f64_scaled(uint64_t a, int fbits, FloatStatus *s)
{
    return sf_from_fixed(&sf_fmt64, false, a, fbits, s);
}
