/*
 * core/fpu/softfloat_impl.h — internals shared by the soft-float files.
 *
 * One implementation serves both formats: an operation is written once over uint64_t bit
 * patterns and a SfFormat describing the field widths (binary32 values simply occupy the
 * low 32 bits).  Finite nonzero operands are unpacked to sign * sig * 2^exp with an
 * integer significand, the exact (or sticky-jammed) result is computed in integers, and
 * sf_round_pack() performs the single IEEE rounding, overflow/underflow handling and
 * packing.
 */
#ifndef CORE_FPU_SOFTFLOAT_IMPL_H
#define CORE_FPU_SOFTFLOAT_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/fpu/softfloat.h"

typedef struct SfFormat {
    int fbits; /* stored fraction bits: 23 / 52 (precision p = fbits + 1) */
    int ebits; /* exponent field bits: 8 / 11 */
    int bias;  /* 127 / 1023 */
} SfFormat;

extern const SfFormat sf_fmt32, sf_fmt64;

/* Operand classes after unpacking. */
enum { SF_ZERO, SF_FINITE, SF_INF, SF_QNAN, SF_SNAN };

/* A finite nonzero value is (-1)^sign * sig * 2^exp (sig != 0, not normalized). */
typedef struct SfUnpacked {
    int cls;
    bool sign;
    int32_t exp;
    uint64_t sig;
} SfUnpacked;

static inline int sf_emax_field(const SfFormat *f)
{
    return (1 << f->ebits) - 1;
}

static inline uint64_t sf_sign_bit(const SfFormat *f)
{
    return 1ull << (f->fbits + f->ebits);
}

/* The policy's default NaN in format f (binary32 or binary64). */
static inline uint64_t sf_default_nan(const SfFormat *f, const FloatStatus *s)
{
    return f->fbits == 23 ? s->nan->default_nan32 : s->nan->default_nan64;
}

/* An invalid operation on operands that are not NaNs (inf - inf, 0 * inf, sqrt(-1)...). */
static inline uint64_t sf_invalid(const SfFormat *f, FloatStatus *s)
{
    s->flags |= FLOAT_FLAG_INVALID;
    return sf_default_nan(f, s);
}

static inline uint64_t sf_inf(const SfFormat *f, bool sign)
{
    return (sign ? sf_sign_bit(f) : 0) | ((uint64_t)sf_emax_field(f) << f->fbits);
}

static inline uint64_t sf_zero(const SfFormat *f, bool sign)
{
    return sign ? sf_sign_bit(f) : 0;
}

static inline bool sf_is_nan_cls(int cls)
{
    return cls == SF_QNAN || cls == SF_SNAN;
}

/* Number of leading zero bits; x != 0. */
static inline int sf_clz64(uint64_t x)
{
    return __builtin_clzll(x);
}

/* Shift right, ORing every bit shifted out into bit 0 ("sticky" / jamming). */
static inline uint64_t sf_shr_jam64(uint64_t x, int32_t n)
{
    if (n <= 0) {
        return x;
    }
    if (n >= 64) {
        return x != 0;
    }
    return (x >> n) | ((x & ((1ull << n) - 1)) != 0);
}

/* Exact zero result of a sum whose operands cancelled: +0, or -0 when rounding down. */
static inline bool sf_cancel_sign(const FloatStatus *s)
{
    return s->rounding == FLOAT_RDN;
}

/* Unsigned 128-bit integers as two halves (no reliance on __int128). */
typedef struct SfU128 {
    uint64_t hi, lo;
} SfU128;

SfU128 sf_mul64(uint64_t a, uint64_t b);
SfU128 sf_shl128(SfU128 x, int n);     /* 0 <= n < 128 */
SfU128 sf_shr_jam128(SfU128 x, int32_t n);
int sf_clz128(SfU128 x);               /* x != 0 */

SfUnpacked sf_unpack(const SfFormat *f, uint64_t x);

/*
 * NaN results (softfloat_nan.c).  sf_propagate_nan: the result of an operation on the n
 * operands ops[] (classes cls[], in the operation's operand order), at least one a NaN,
 * per s->nan; raises invalid if one is signaling.  sf_nan1/sf_nan2 are its 1- and
 * 2-operand forms.
 */
uint64_t sf_propagate_nan(const SfFormat *f, int n, const uint64_t *ops, const int *cls,
                          FloatStatus *s);

static inline uint64_t sf_nan1(const SfFormat *f, uint64_t a, int cls_a, FloatStatus *s)
{
    return sf_propagate_nan(f, 1, &a, &cls_a, s);
}

static inline uint64_t sf_nan2(const SfFormat *f, uint64_t a, int cls_a, uint64_t b, int cls_b,
                               FloatStatus *s)
{
    const uint64_t ops[2] = {a, b};
    const int cls[2] = {cls_a, cls_b};
    return sf_propagate_nan(f, 2, ops, cls, s);
}

/* Raise invalid if either class is a signaling NaN (quiet comparisons, min/max). */
static inline void sf_raise_snan(int cls_a, int cls_b, FloatStatus *s)
{
    if (cls_a == SF_SNAN || cls_b == SF_SNAN) {
        s->flags |= FLOAT_FLAG_INVALID;
    }
}

/* A NaN `a` of format `from` converted to format `to` (invalid if signaling). */
uint64_t sf_convert_nan(const SfFormat *from, const SfFormat *to, uint64_t a, int cls,
                        FloatStatus *s);

/* The result of a float -> integer conversion that does not fit (raises invalid):
 * `bits` wide, signed or not; nan: the operand was a NaN; negative: else its sign. */
uint64_t sf_cvt_invalid(int bits, bool is_signed, bool nan, bool negative, FloatStatus *s);

/*
 * Round (-1)^sign * sig * 2^exp (sig != 0) to the format, raising inexact / underflow /
 * overflow as needed, and pack it.  If sig carries a jammed sticky bit in bit 0, it must
 * hold at least p + 2 significant bits so that bit 0 lies below the rounding bit.
 */
uint64_t sf_round_pack(const SfFormat *f, bool sign, int32_t exp, uint64_t sig, FloatStatus *s);

/*
 * Round the magnitude sig * 2^-drop to an integer in mode `rounding` (sign is the value's
 * sign, for the directed modes); sets *inexact.  For drop > 0 the result cannot overflow.
 */
uint64_t sf_round_shift(uint64_t sig, int32_t drop, bool sign, int rounding, bool *inexact);

#endif
