/*
 * core/fpu/softfloat_misc.c — comparisons, min/max, classification and conversions
 * (between formats, and to/from integers) for binary32 and binary64.
 */
#include "core/fpu/softfloat_impl.h"

/* ---- comparisons ---- */

/* Ordered comparison of two non-NaN values: -1, 0, 1 (+0 and -0 are equal). */
static int cmp_ordered(const SfFormat *f, uint64_t a, uint64_t b)
{
    uint64_t sb = sf_sign_bit(f), mag = sb - 1;
    bool sa = (a & sb) != 0, sbn = (b & sb) != 0;
    if (((a | b) & mag) == 0) {
        return 0; /* both zero */
    }
    if (sa != sbn) {
        return sa ? -1 : 1;
    }
    if (a == b) {
        return 0;
    }
    /* same sign: magnitudes order like the bit patterns */
    return ((a & mag) < (b & mag)) != sa ? -1 : 1;
}

static bool sf_eq(const SfFormat *f, uint64_t a, uint64_t b, FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    b = sf_flush_input(f, b, s);
    SfUnpacked x = sf_unpack(f, a), y = sf_unpack(f, b);
    if (sf_is_nan_cls(x.cls) || sf_is_nan_cls(y.cls)) {
        sf_raise_snan(x.cls, y.cls, s); /* quiet: only sNaN raises invalid */
        return false;
    }
    return cmp_ordered(f, a, b) == 0;
}

/* lt (or_equal = false) and le: signaling on any NaN. */
static bool sf_lt_le(const SfFormat *f, uint64_t a, uint64_t b, bool or_equal, FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    b = sf_flush_input(f, b, s);
    SfUnpacked x = sf_unpack(f, a), y = sf_unpack(f, b);
    if (sf_is_nan_cls(x.cls) || sf_is_nan_cls(y.cls)) {
        s->flags |= FLOAT_FLAG_INVALID;
        return false;
    }
    int c = cmp_ordered(f, a, b);
    return c < 0 || (or_equal && c == 0);
}

static uint64_t sf_minmax(const SfFormat *f, uint64_t a, uint64_t b, bool want_max,
                          FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    b = sf_flush_input(f, b, s);
    SfUnpacked x = sf_unpack(f, a), y = sf_unpack(f, b);
    bool xn = sf_is_nan_cls(x.cls), yn = sf_is_nan_cls(y.cls);
    if (xn || yn) {
        if (xn && yn) {
            return sf_nan2(f, a, x.cls, b, y.cls, s);
        }
        sf_raise_snan(x.cls, y.cls, s);
        return xn ? b : a;
    }
    int c = cmp_ordered(f, a, b);
    if (c == 0 && x.sign != y.sign) {
        c = x.sign ? -1 : 1; /* -0 < +0 */
    }
    return (c < 0) != want_max ? a : b;
}

bool f32_eq(uint32_t a, uint32_t b, FloatStatus *s) { return sf_eq(&sf_fmt32, a, b, s); }
bool f32_lt(uint32_t a, uint32_t b, FloatStatus *s) { return sf_lt_le(&sf_fmt32, a, b, false, s); }
bool f32_le(uint32_t a, uint32_t b, FloatStatus *s) { return sf_lt_le(&sf_fmt32, a, b, true, s); }
bool f64_eq(uint64_t a, uint64_t b, FloatStatus *s) { return sf_eq(&sf_fmt64, a, b, s); }
bool f64_lt(uint64_t a, uint64_t b, FloatStatus *s) { return sf_lt_le(&sf_fmt64, a, b, false, s); }
bool f64_le(uint64_t a, uint64_t b, FloatStatus *s) { return sf_lt_le(&sf_fmt64, a, b, true, s); }

uint32_t f32_min(uint32_t a, uint32_t b, FloatStatus *s)
{
    return (uint32_t)sf_minmax(&sf_fmt32, a, b, false, s);
}

uint32_t f32_max(uint32_t a, uint32_t b, FloatStatus *s)
{
    return (uint32_t)sf_minmax(&sf_fmt32, a, b, true, s);
}

uint64_t f64_min(uint64_t a, uint64_t b, FloatStatus *s)
{
    return sf_minmax(&sf_fmt64, a, b, false, s);
}

uint64_t f64_max(uint64_t a, uint64_t b, FloatStatus *s)
{
    return sf_minmax(&sf_fmt64, a, b, true, s);
}

/* ---- classification ---- */

static unsigned sf_classify(const SfFormat *f, uint64_t a)
{
    SfUnpacked x = sf_unpack(f, a);
    bool subnormal = x.cls == SF_FINITE && (x.sig >> f->fbits) == 0;
    switch (x.cls) {
    case SF_SNAN: return FLOAT_CLASS_SNAN;
    case SF_QNAN: return FLOAT_CLASS_QNAN;
    case SF_INF: return x.sign ? FLOAT_CLASS_NEG_INF : FLOAT_CLASS_POS_INF;
    case SF_ZERO: return x.sign ? FLOAT_CLASS_NEG_ZERO : FLOAT_CLASS_POS_ZERO;
    default:
        if (subnormal) {
            return x.sign ? FLOAT_CLASS_NEG_SUBNORMAL : FLOAT_CLASS_POS_SUBNORMAL;
        }
        return x.sign ? FLOAT_CLASS_NEG_NORMAL : FLOAT_CLASS_POS_NORMAL;
    }
}

unsigned f32_classify(uint32_t a) { return sf_classify(&sf_fmt32, a); }
unsigned f64_classify(uint64_t a) { return sf_classify(&sf_fmt64, a); }

bool f32_is_nan(uint32_t a) { return sf_is_nan_cls(sf_unpack(&sf_fmt32, a).cls); }
bool f64_is_nan(uint64_t a) { return sf_is_nan_cls(sf_unpack(&sf_fmt64, a).cls); }
bool f32_is_snan(uint32_t a) { return sf_unpack(&sf_fmt32, a).cls == SF_SNAN; }
bool f64_is_snan(uint64_t a) { return sf_unpack(&sf_fmt64, a).cls == SF_SNAN; }

/* ---- float <-> float ---- */

static uint64_t sf_convert(const SfFormat *from, const SfFormat *to, uint64_t a, FloatStatus *s)
{
    a = sf_flush_input(from, a, s);
    SfUnpacked x = sf_unpack(from, a);
    switch (x.cls) {
    case SF_QNAN:
    case SF_SNAN: return sf_convert_nan(from, to, a, x.cls, s);
    case SF_INF: return sf_inf(to, x.sign);
    case SF_ZERO: return sf_zero(to, x.sign);
    default: return sf_round_pack(to, x.sign, x.exp, x.sig, s);
    }
}

uint64_t f32_to_f64(uint32_t a, FloatStatus *s) { return sf_convert(&sf_fmt32, &sf_fmt64, a, s); }
uint32_t f64_to_f32(uint64_t a, FloatStatus *s)
{
    return (uint32_t)sf_convert(&sf_fmt64, &sf_fmt32, a, s);
}

/* ---- float -> integer ---- */

/*
 * Convert a * 2^scale to an integer of `bits` bits (32 or 64), signed or not, rounded per
 * `rounding`; NaN and results that do not fit as s->nan->cvt_invalid says
 * (sf_cvt_invalid).  Returns the result's two's-complement bit pattern in a uint64_t
 * (truncate for 32 bits).
 */
uint64_t sf_to_int(const SfFormat *f, uint64_t a, int bits, bool is_signed, int scale,
                   int rounding, FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    SfUnpacked x = sf_unpack(f, a);
    /* magnitude limits: the largest positive result and the magnitude of the smallest */
    uint64_t max_pos = is_signed ? (1ull << (bits - 1)) - 1
                                 : (bits == 64 ? UINT64_MAX : (1ull << bits) - 1);
    uint64_t max_neg = is_signed ? 1ull << (bits - 1) : 0;
    uint64_t mag;
    bool inexact = false, too_big = false;

    switch (x.cls) {
    case SF_QNAN:
    case SF_SNAN:
        return sf_cvt_invalid(bits, is_signed, true, false, s);
    case SF_INF: too_big = true; break;
    case SF_ZERO: return 0;
    default:
        x.exp += scale;
        if (x.exp >= 0) {
            /* integral: too big if any bit would be shifted out of 64 bits */
            too_big = x.exp >= 64 || (x.sig >> (63 - x.exp) >> 1) != 0;
            mag = too_big ? 0 : x.sig << x.exp;
        } else {
            mag = sf_round_shift(x.sig, -x.exp, x.sign, rounding, &inexact);
        }
        if (!too_big) {
            too_big = mag > (x.sign ? max_neg : max_pos);
        }
        break;
    }
    if (too_big) {
        return sf_cvt_invalid(bits, is_signed, false, x.sign, s);
    }
    if (inexact) {
        s->flags |= FLOAT_FLAG_INEXACT;
    }
    return x.sign ? (uint64_t)0 - mag : mag;
}

int32_t f32_to_i32(uint32_t a, FloatStatus *s)
{
    return (int32_t)(uint32_t)sf_to_int(&sf_fmt32, a, 32, true, 0, s->rounding, s);
}

uint32_t f32_to_u32(uint32_t a, FloatStatus *s)
{
    return (uint32_t)sf_to_int(&sf_fmt32, a, 32, false, 0, s->rounding, s);
}

int64_t f32_to_i64(uint32_t a, FloatStatus *s)
{
    return (int64_t)sf_to_int(&sf_fmt32, a, 64, true, 0, s->rounding, s);
}

uint64_t f32_to_u64(uint32_t a, FloatStatus *s)
{
    return sf_to_int(&sf_fmt32, a, 64, false, 0, s->rounding, s);
}

int32_t f64_to_i32(uint64_t a, FloatStatus *s)
{
    return (int32_t)(uint32_t)sf_to_int(&sf_fmt64, a, 32, true, 0, s->rounding, s);
}

uint32_t f64_to_u32(uint64_t a, FloatStatus *s)
{
    return (uint32_t)sf_to_int(&sf_fmt64, a, 32, false, 0, s->rounding, s);
}

int64_t f64_to_i64(uint64_t a, FloatStatus *s)
{
    return (int64_t)sf_to_int(&sf_fmt64, a, 64, true, 0, s->rounding, s);
}

uint64_t f64_to_u64(uint64_t a, FloatStatus *s)
{
    return sf_to_int(&sf_fmt64, a, 64, false, 0, s->rounding, s);
}

/* ---- integer -> float ---- */

static uint64_t sf_from_int(const SfFormat *f, bool negative, uint64_t mag, FloatStatus *s)
{
    if (mag == 0) {
        return 0;
    }
    return sf_round_pack(f, negative, 0, mag, s);
}

/* |a| of a signed value as unsigned (well defined for INT64_MIN). */
static uint64_t abs64(int64_t a)
{
    return a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
}

uint32_t i32_to_f32(int32_t a, FloatStatus *s)
{
    return (uint32_t)sf_from_int(&sf_fmt32, a < 0, abs64(a), s);
}

uint32_t u32_to_f32(uint32_t a, FloatStatus *s)
{
    return (uint32_t)sf_from_int(&sf_fmt32, false, a, s);
}

uint32_t i64_to_f32(int64_t a, FloatStatus *s)
{
    return (uint32_t)sf_from_int(&sf_fmt32, a < 0, abs64(a), s);
}

uint32_t u64_to_f32(uint64_t a, FloatStatus *s)
{
    return (uint32_t)sf_from_int(&sf_fmt32, false, a, s);
}

uint64_t i32_to_f64(int32_t a, FloatStatus *s)
{
    return sf_from_int(&sf_fmt64, a < 0, abs64(a), s);
}

uint64_t u32_to_f64(uint32_t a, FloatStatus *s)
{
    return sf_from_int(&sf_fmt64, false, a, s);
}

uint64_t i64_to_f64(int64_t a, FloatStatus *s)
{
    return sf_from_int(&sf_fmt64, a < 0, abs64(a), s);
}

uint64_t u64_to_f64(uint64_t a, FloatStatus *s)
{
    return sf_from_int(&sf_fmt64, false, a, s);
}
