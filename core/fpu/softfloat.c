/*
 * core/fpu/softfloat.c — rounding/packing core and the arithmetic operations
 * (add, sub, mul, div, sqrt, fused multiply-add) for binary32 and binary64.
 *
 * Written from IEEE 754-2019 (sections 4-7) and the RISC-V F/D chapters.  Each operation
 * computes its result exactly, or truncated with a "sticky" bit ORed into bit 0 that
 * records whether anything nonzero was discarded, then rounds once in sf_round_pack().
 */
#include "core/fpu/softfloat_impl.h"

#include "core/fpu/hostfloat.h"

const SfFormat sf_fmt16 = {10, 5, 15, false};
const SfFormat sf_fmt32 = {23, 8, 127, true};
const SfFormat sf_fmt64 = {52, 11, 1023, true};

/* ---- 128-bit helpers ---- */

SfU128 sf_mul64(uint64_t a, uint64_t b)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl; /* < 3 * 2^32: no overflow */
    SfU128 r;
    r.lo = (mid << 32) | (uint32_t)ll;
    r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return r;
}

SfU128 sf_shl128(SfU128 x, int n)
{
    SfU128 r;
    if (n == 0) {
        return x;
    }
    if (n >= 64) {
        r.hi = x.lo << (n - 64);
        r.lo = 0;
    } else {
        r.hi = (x.hi << n) | (x.lo >> (64 - n));
        r.lo = x.lo << n;
    }
    return r;
}

SfU128 sf_shr_jam128(SfU128 x, int32_t n)
{
    SfU128 r;
    if (n <= 0) {
        return x;
    }
    if (n >= 128) {
        r.hi = 0;
        r.lo = (x.hi | x.lo) != 0;
    } else if (n >= 64) {
        uint64_t lost = x.lo | (n > 64 ? x.hi << (128 - n) : 0);
        r.hi = 0;
        r.lo = (n == 64 ? x.hi : x.hi >> (n - 64)) | (lost != 0);
    } else {
        r.hi = x.hi >> n;
        r.lo = (x.lo >> n) | (x.hi << (64 - n)) | ((x.lo << (64 - n)) != 0);
    }
    return r;
}

int sf_clz128(SfU128 x)
{
    return x.hi ? sf_clz64(x.hi) : 64 + sf_clz64(x.lo);
}

static SfU128 add128(SfU128 a, SfU128 b)
{
    SfU128 r = {a.hi + b.hi, a.lo + b.lo};
    r.hi += r.lo < a.lo;
    return r;
}

static SfU128 sub128(SfU128 a, SfU128 b)
{
    SfU128 r = {a.hi - b.hi, a.lo - b.lo};
    r.hi -= a.lo < b.lo;
    return r;
}

static bool lt128(SfU128 a, SfU128 b)
{
    return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

/* Reduce a nonzero 128-bit significand (value x * 2^*exp) to 64 bits with a sticky bit. */
static uint64_t collapse128(SfU128 x, int32_t *exp)
{
    if (x.hi == 0) {
        return x.lo;
    }
    int n = sf_clz64(x.hi);
    x = sf_shl128(x, n);
    *exp += 64 - n;
    return x.hi | (x.lo != 0);
}

/* ---- unpacking, NaNs, rounding ---- */

SfUnpacked sf_unpack(const SfFormat *f, uint64_t x)
{
    SfUnpacked u;
    int e = (int)(x >> f->fbits) & sf_emax_field(f);
    uint64_t frac = x & ((1ull << f->fbits) - 1);
    u.sign = (x & sf_sign_bit(f)) != 0;
    u.exp = 0;
    u.sig = frac;
    if (e == sf_emax_field(f)) {
        u.cls = frac == 0 ? SF_INF : (frac >> (f->fbits - 1)) ? SF_QNAN : SF_SNAN;
    } else if (e == 0) {
        u.cls = frac == 0 ? SF_ZERO : SF_FINITE;
        u.exp = 1 - f->bias - f->fbits; /* subnormal: no hidden bit, exponent of emin */
    } else {
        u.cls = SF_FINITE;
        u.sig |= 1ull << f->fbits;
        u.exp = e - f->bias - f->fbits;
    }
    return u;
}

uint64_t sf_round_shift(uint64_t sig, int32_t drop, bool sign, int rounding, bool *inexact)
{
    uint64_t q, rem;
    int vs_half; /* the discarded part compared with half a unit in the last place */
    if (drop <= 0) {
        *inexact = false;
        return sig;
    }
    if (drop > 64) { /* sig < 2^64 <= 2^(drop-1): less than half */
        q = 0;
        rem = sig;
        vs_half = -1;
    } else {
        uint64_t half = 1ull << (drop - 1);
        q = drop == 64 ? 0 : sig >> drop;
        rem = drop == 64 ? sig : sig & ((1ull << drop) - 1);
        vs_half = rem < half ? -1 : rem > half;
    }
    *inexact = rem != 0;
    if (rem == 0) {
        return q;
    }
    bool up;
    switch (rounding) {
    case FLOAT_RTZ: up = false; break;
    case FLOAT_RDN: up = sign; break;
    case FLOAT_RUP: up = !sign; break;
    case FLOAT_RMM: up = vs_half >= 0; break;
    case FLOAT_RTO: return q | 1; /* inexact: make the last bit odd */
    default: up = vs_half > 0 || (vs_half == 0 && (q & 1)); break; /* RNE */
    }
    return q + up;
}

static uint64_t overflow_result(const SfFormat *f, bool sign, FloatStatus *s)
{
    bool to_inf;
    s->flags |= FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT;
    switch (s->rounding) {
    case FLOAT_RTZ:
    case FLOAT_RTO: to_inf = false; break;
    case FLOAT_RDN: to_inf = sign; break;
    case FLOAT_RUP: to_inf = !sign; break;
    default: to_inf = true; break;
    }
    if (to_inf) {
        return sf_inf(f, sign);
    }
    /* largest finite: exponent field emax-1, all fraction bits set */
    return sf_inf(f, sign) - 1;
}

uint64_t sf_round_pack(const SfFormat *f, bool sign, int32_t exp, uint64_t sig, FloatStatus *s)
{
    const int p = f->fbits + 1;
    const int32_t emin = 1 - f->bias;
    int n = sf_clz64(sig);
    sig <<= n;                  /* normalize: leading one at bit 63 */
    int32_t e = exp - n + 63;   /* unbiased exponent of the leading one */
    int32_t drop = 64 - p;      /* bits below the last place of a normal result */
    bool tiny = false, inexact;
    uint64_t q, bits;

    if (e < emin) {
        tiny = true;
        /* Tininess after rounding: the value is not tiny if rounding it to p bits with an
         * unbounded exponent range would give 2^emin.  Only possible when e == emin - 1. */
        if (!s->tininess_before_rounding && e == emin - 1) {
            q = sf_round_shift(sig, drop, sign, s->rounding, &inexact);
            tiny = (q >> p) == 0;
        }
        if (tiny && s->nan->flush_results && f->fz) {
            /* flush-to-zero: underflow, not inexact, even for an exact result */
            s->flags |= FLOAT_FLAG_UNDERFLOW;
            return sf_zero(f, sign);
        }
        drop += emin - e; /* subnormal: the last place has weight 2^(emin - fbits) */
        q = sf_round_shift(sig, drop, sign, s->rounding, &inexact);
        /* q <= 2^fbits; q == 2^fbits packs as the smallest normal number */
        bits = q;
    } else {
        if (e + f->bias >= sf_emax_field(f)) {
            return overflow_result(f, sign, s);
        }
        q = sf_round_shift(sig, drop, sign, s->rounding, &inexact);
        /* q in [2^fbits, 2^p]; adding it to (biased exponent - 1) << fbits folds the hidden
         * bit into the exponent, and a carry to 2^p bumps the exponent by one. */
        bits = ((uint64_t)(e + f->bias - 1) << f->fbits) + q;
        if ((bits >> f->fbits) >= (uint64_t)sf_emax_field(f)) {
            return overflow_result(f, sign, s);
        }
    }
    if (inexact) {
        s->flags |= FLOAT_FLAG_INEXACT | (tiny ? FLOAT_FLAG_UNDERFLOW : 0);
    }
    return bits | (sign ? sf_sign_bit(f) : 0);
}

/* ---- arithmetic ---- */

/* a + b, or a - b if sub (b's sign flipped after NaN propagation: a NaN b keeps its own) */
static uint64_t sf_add(const SfFormat *f, uint64_t a, uint64_t b, bool sub, FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    b = sf_flush_input(f, b, s);
    SfUnpacked x = sf_unpack(f, a), y = sf_unpack(f, b);
    if (sf_is_nan_cls(x.cls) || sf_is_nan_cls(y.cls)) {
        return sf_nan2(f, a, x.cls, b, y.cls, s);
    }
    if (sub) {
        b ^= sf_sign_bit(f);
        y.sign = !y.sign;
    }
    if (x.cls == SF_INF) {
        if (y.cls == SF_INF && x.sign != y.sign) {
            return sf_invalid(f, s);
        }
        return a;
    }
    if (y.cls == SF_INF) {
        return b;
    }
    if (x.cls == SF_ZERO) {
        if (y.cls == SF_ZERO) {
            return sf_zero(f, x.sign == y.sign ? x.sign : sf_cancel_sign(s));
        }
        return sf_pass_finite(f, b, s);
    }
    if (y.cls == SF_ZERO) {
        return sf_pass_finite(f, a, s);
    }
    /* Both finite nonzero: leading ones at bit 61 leave room for the carry of a sum. */
    int nx = sf_clz64(x.sig) - 2, ny = sf_clz64(y.sig) - 2;
    x.sig <<= nx;
    x.exp -= nx;
    y.sig <<= ny;
    y.exp -= ny;
    if (x.exp < y.exp || (x.exp == y.exp && x.sig < y.sig)) {
        SfUnpacked t = x;
        x = y;
        y = t;
    }
    /* |x| >= |y|.  Jamming y is safe: x's bit 0 is zero, and when y is shifted by 2 or
     * more the difference keeps at least 60 significant bits. */
    y.sig = sf_shr_jam64(y.sig, x.exp - y.exp);
    uint64_t sig = x.sign == y.sign ? x.sig + y.sig : x.sig - y.sig;
    if (sig == 0) {
        return sf_zero(f, sf_cancel_sign(s));
    }
    return sf_round_pack(f, x.sign, x.exp, sig, s);
}

static uint64_t sf_mul(const SfFormat *f, uint64_t a, uint64_t b, FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    b = sf_flush_input(f, b, s);
    SfUnpacked x = sf_unpack(f, a), y = sf_unpack(f, b);
    bool sign = x.sign != y.sign;
    if (sf_is_nan_cls(x.cls) || sf_is_nan_cls(y.cls)) {
        return sf_nan2(f, a, x.cls, b, y.cls, s);
    }
    if (x.cls == SF_INF || y.cls == SF_INF) {
        if (x.cls == SF_ZERO || y.cls == SF_ZERO) {
            return sf_invalid(f, s);
        }
        return sf_inf(f, sign);
    }
    if (x.cls == SF_ZERO || y.cls == SF_ZERO) {
        return sf_zero(f, sign);
    }
    int32_t exp = x.exp + y.exp;
    uint64_t sig = collapse128(sf_mul64(x.sig, y.sig), &exp);
    return sf_round_pack(f, sign, exp, sig, s);
}

static uint64_t sf_div(const SfFormat *f, uint64_t a, uint64_t b, FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    b = sf_flush_input(f, b, s);
    SfUnpacked x = sf_unpack(f, a), y = sf_unpack(f, b);
    bool sign = x.sign != y.sign;
    const int p = f->fbits + 1;
    if (sf_is_nan_cls(x.cls) || sf_is_nan_cls(y.cls)) {
        return sf_nan2(f, a, x.cls, b, y.cls, s);
    }
    if (x.cls == SF_INF) {
        if (y.cls == SF_INF) {
            return sf_invalid(f, s);
        }
        return sf_inf(f, sign);
    }
    if (y.cls == SF_INF) {
        return sf_zero(f, sign);
    }
    if (y.cls == SF_ZERO) {
        if (x.cls == SF_ZERO) {
            return sf_invalid(f, s);
        }
        s->flags |= FLOAT_FLAG_DIVBYZERO;
        return sf_inf(f, sign);
    }
    if (x.cls == SF_ZERO) {
        return sf_zero(f, sign);
    }
    /* Normalize both significands to [2^(p-1), 2^p), then long division in chunks of
     * `step` bits (the remainder stays below 2^p, so remainder << step fits in 64 bits)
     * until the quotient has at least p + 2 bits (x/y > 1/2). */
    int nx = sf_clz64(x.sig) - (64 - p), ny = sf_clz64(y.sig) - (64 - p);
    uint64_t m = x.sig << nx, d = y.sig << ny;
    int32_t exp = (x.exp - nx) - (y.exp - ny);
    const int step = 64 - p;
    uint64_t q = m / d, r = m % d;
    int k = 0;
    while (k < p + 2) {
        q = (q << step) | ((r << step) / d);
        r = (r << step) % d;
        k += step;
    }
    return sf_round_pack(f, sign, exp - k, q | (r != 0), s);
}

static uint64_t sf_sqrt(const SfFormat *f, uint64_t a, FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    SfUnpacked x = sf_unpack(f, a);
    if (sf_is_nan_cls(x.cls)) {
        return sf_nan1(f, a, x.cls, s);
    }
    if (x.cls == SF_ZERO) {
        return a; /* sqrt(-0) = -0 */
    }
    if (x.sign) {
        return sf_invalid(f, s);
    }
    if (x.cls == SF_INF) {
        return a;
    }
    /* We want n = p + 2 result bits.  Normalize sig to [2^(n-1), 2^n), make the exponent
     * even (sig may grow to 2^(n+1)), then take the integer square root of R = sig << m
     * (m even, m >= n) bit by bit, two radicand bits per result bit.  The result then
     * lies in [2^(n-1), 2^(n+1)) and the remainder below 2^(n+2), both well inside 64 bits.
     * The remainder being nonzero makes the sticky bit. */
    const int n = f->fbits + 3;
    const int m = n + (n & 1);
    int sh = sf_clz64(x.sig) - (64 - n);
    uint64_t sig = x.sig << sh;
    int32_t exp = x.exp - sh;
    if (exp & 1) {
        sig <<= 1;
        exp -= 1;
    }
    uint64_t q = 0, r = 0;
    for (int i = (n + 1 + m) / 2; i >= 0; i--) {
        int pos = 2 * i - m; /* radicand bits 2i+1..2i come from sig bits pos+1..pos */
        uint64_t pair = pos >= 0 && pos < 64 ? (sig >> pos) & 3 : 0;
        r = (r << 2) | pair;
        uint64_t t = (q << 2) | 1;
        if (r >= t) {
            r -= t;
            q = (q << 1) | 1;
        } else {
            q <<= 1;
        }
    }
    return sf_round_pack(f, false, (exp - m) / 2, q | (r != 0), s);
}

/* (a*b + c) * 2^scale with one rounding.  The product is exact in 128 bits; the addend
 * is aligned to it in the same 128-bit frame.  Scaling is exact on zeros, infinities and
 * NaNs, so only the finite results see it. */
uint64_t sf_muladd(const SfFormat *f, uint64_t a, uint64_t b, uint64_t c, int scale,
                   FloatStatus *s)
{
    a = sf_flush_input(f, a, s);
    b = sf_flush_input(f, b, s);
    c = sf_flush_input(f, c, s);
    SfUnpacked x = sf_unpack(f, a), y = sf_unpack(f, b), z = sf_unpack(f, c);
    bool psign = x.sign != y.sign;
    bool inf_times_zero = (x.cls == SF_INF && y.cls == SF_ZERO) ||
                          (x.cls == SF_ZERO && y.cls == SF_INF);
    if (sf_is_nan_cls(x.cls) || sf_is_nan_cls(y.cls) || sf_is_nan_cls(z.cls)) {
        /* inf * 0 with a NaN only happens with a NaN addend */
        if (inf_times_zero && z.cls == SF_QNAN &&
            s->nan->infzero_qnan == FLOAT_INFZERO_QNAN_DEFAULT) {
            return sf_invalid(f, s);
        }
        const uint64_t in[3] = {a, b, c};
        const int in_cls[3] = {x.cls, y.cls, z.cls};
        uint64_t ops[3];
        int cls[3];
        for (int i = 0; i < 3; i++) {
            ops[i] = in[s->nan->fma_order[i]];
            cls[i] = in_cls[s->nan->fma_order[i]];
        }
        return sf_propagate_nan(f, 3, ops, cls, s);
    }
    if (inf_times_zero) {
        return sf_invalid(f, s);
    }
    if (x.cls == SF_INF || y.cls == SF_INF) {
        if (z.cls == SF_INF && z.sign != psign) {
            return sf_invalid(f, s);
        }
        return sf_inf(f, psign);
    }
    if (z.cls == SF_INF) {
        return c;
    }
    if (x.cls == SF_ZERO || y.cls == SF_ZERO) {
        if (z.cls == SF_ZERO) {
            return sf_zero(f, psign == z.sign ? psign : sf_cancel_sign(s));
        }
        if (scale != 0) {
            return sf_round_pack(f, z.sign, z.exp + scale, z.sig, s);
        }
        return sf_pass_finite(f, c, s);
    }
    int32_t pexp = x.exp + y.exp + scale;
    SfU128 prod = sf_mul64(x.sig, y.sig);
    if (z.cls == SF_ZERO) {
        uint64_t sig = collapse128(prod, &pexp);
        return sf_round_pack(f, psign, pexp, sig, s);
    }
    /* Leading ones of both at bit 125 (room for a carry); both have bit 0 clear, so
     * jamming the smaller one is safe (as in sf_add). */
    int np = sf_clz128(prod) - 2;
    prod = sf_shl128(prod, np);
    pexp -= np;
    SfU128 add = {0, z.sig};
    int nz = sf_clz128(add) - 2;
    add = sf_shl128(add, nz);
    int32_t zexp = z.exp - nz + scale;

    SfU128 big = prod, small = add;
    int32_t bexp = pexp, sexp = zexp;
    bool bsign = psign;
    if (zexp > pexp || (zexp == pexp && lt128(prod, add))) {
        big = add;
        small = prod;
        bexp = zexp;
        sexp = pexp;
        bsign = z.sign;
    }
    small = sf_shr_jam128(small, bexp - sexp);
    SfU128 sum = psign == z.sign ? add128(big, small) : sub128(big, small);
    if ((sum.hi | sum.lo) == 0) {
        return sf_zero(f, sf_cancel_sign(s));
    }
    uint64_t sig = collapse128(sum, &bexp);
    return sf_round_pack(f, bsign, bexp, sig, s);
}

/* ---- public wrappers (with the host-FPU fast path of hostfloat.h) ---- */

uint32_t f32_add(uint32_t a, uint32_t b, FloatStatus *s)
{
    uint32_t r;
    if (hf_op32(HF_ADD, a, b, &r, s)) {
        return r;
    }
    return (uint32_t)sf_add(&sf_fmt32, a, b, false, s);
}

uint32_t f32_sub(uint32_t a, uint32_t b, FloatStatus *s)
{
    uint32_t r;
    if (hf_op32(HF_SUB, a, b, &r, s)) {
        return r;
    }
    return (uint32_t)sf_add(&sf_fmt32, a, b, true, s);
}

uint32_t f32_mul(uint32_t a, uint32_t b, FloatStatus *s)
{
    uint32_t r;
    if (hf_op32(HF_MUL, a, b, &r, s)) {
        return r;
    }
    return (uint32_t)sf_mul(&sf_fmt32, a, b, s);
}

uint32_t f32_div(uint32_t a, uint32_t b, FloatStatus *s)
{
    uint32_t r;
    if (hf_op32(HF_DIV, a, b, &r, s)) {
        return r;
    }
    return (uint32_t)sf_div(&sf_fmt32, a, b, s);
}

uint32_t f32_sqrt(uint32_t a, FloatStatus *s)
{
    uint32_t r;
    if (hf_op32(HF_SQRT, a, 0, &r, s)) {
        return r;
    }
    return (uint32_t)sf_sqrt(&sf_fmt32, a, s);
}

uint32_t f32_muladd(uint32_t a, uint32_t b, uint32_t c, FloatStatus *s)
{
    return (uint32_t)sf_muladd(&sf_fmt32, a, b, c, 0, s);
}

uint64_t f64_add(uint64_t a, uint64_t b, FloatStatus *s)
{
    uint64_t r;
    if (hf_op64(HF_ADD, a, b, &r, s)) {
        return r;
    }
    return sf_add(&sf_fmt64, a, b, false, s);
}

uint64_t f64_sub(uint64_t a, uint64_t b, FloatStatus *s)
{
    uint64_t r;
    if (hf_op64(HF_SUB, a, b, &r, s)) {
        return r;
    }
    return sf_add(&sf_fmt64, a, b, true, s);
}

uint64_t f64_mul(uint64_t a, uint64_t b, FloatStatus *s)
{
    uint64_t r;
    if (hf_op64(HF_MUL, a, b, &r, s)) {
        return r;
    }
    return sf_mul(&sf_fmt64, a, b, s);
}

uint64_t f64_div(uint64_t a, uint64_t b, FloatStatus *s)
{
    uint64_t r;
    if (hf_op64(HF_DIV, a, b, &r, s)) {
        return r;
    }
    return sf_div(&sf_fmt64, a, b, s);
}

uint64_t f64_sqrt(uint64_t a, FloatStatus *s)
{
    uint64_t r;
    if (hf_op64(HF_SQRT, a, 0, &r, s)) {
        return r;
    }
    return sf_sqrt(&sf_fmt64, a, s);
}

uint64_t f64_muladd(uint64_t a, uint64_t b, uint64_t c, FloatStatus *s)
{
    return sf_muladd(&sf_fmt64, a, b, c, 0, s);
}
