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
    int fbits; /* stored fraction bits: 10 / 23 / 52 (precision p = fbits + 1) */
    int ebits; /* exponent field bits: 5 / 8 / 11 */
    int bias;  /* 15 / 127 / 1023 */
    bool fz;   /* the policy's flush_inputs / flush_results apply (not to binary16) */
} SfFormat;

extern const SfFormat sf_fmt16, sf_fmt32, sf_fmt64;

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
    return f->fbits == 23 ? s->nan->default_nan32
         : f->fbits == 10 ? s->nan->default_nan16 : s->nan->default_nan64;
}

/* Flush-to-zero of an operand (FloatNanPolicy.flush_inputs): a subnormal x becomes the
 * zero of its sign, raising FLOAT_FLAG_INPUT_DENORMAL.  Every operation applies it to its
 * operands first, so that the rest of the code sees a plain zero. */
static inline uint64_t sf_flush_input(const SfFormat *f, uint64_t x, FloatStatus *s)
{
    uint64_t exp_mask = (uint64_t)sf_emax_field(f) << f->fbits;
    if (s->nan->flush_inputs && f->fz && (x & exp_mask) == 0 &&
        (x & ((1ull << f->fbits) - 1)) != 0) {
        s->flags |= FLOAT_FLAG_INPUT_DENORMAL;
        return x & sf_sign_bit(f);
    }
    return x;
}

/* A finite operand returned unchanged as an operation's result (x + 0, 0*y + c, Arm's
 * min/max): under flush_results a subnormal one is a tiny result like any other (the ARM
 * ARM rounds it through FPRound), so it becomes zero with underflow. */
static inline uint64_t sf_pass_finite(const SfFormat *f, uint64_t x, FloatStatus *s)
{
    uint64_t exp_mask = (uint64_t)sf_emax_field(f) << f->fbits;
    if (s->nan->flush_results && f->fz && (x & exp_mask) == 0 &&
        (x & ((1ull << f->fbits) - 1)) != 0) {
        s->flags |= FLOAT_FLAG_UNDERFLOW;
        return x & sf_sign_bit(f);
    }
    return x;
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

/* a*b + c rounded once after scaling by 2^scale: (a*b + c) * 2^scale (softfloat.c; scale
 * 0 is f32/f64_muladd; Arm's FRSQRTS uses -1).  Operands already flushed or not, as the
 * caller needs: it flushes them itself. */
uint64_t sf_muladd(const SfFormat *f, uint64_t a, uint64_t b, uint64_t c, int scale,
                   FloatStatus *s);

/* Float -> integer (softfloat_misc.c): a * 2^scale rounded per `rounding` to a `bits`-bit
 * integer (signed or not), the two's-complement pattern in a uint64_t; NaN and results
 * that do not fit per s->nan->cvt_invalid. */
uint64_t sf_to_int(const SfFormat *f, uint64_t a, int bits, bool is_signed, int scale,
                   int rounding, FloatStatus *s);

/*
 * Round the magnitude sig * 2^-drop to an integer in mode `rounding` (sign is the value's
 * sign, for the directed modes); sets *inexact.  For drop > 0 the result cannot overflow.
 */
uint64_t sf_round_shift(uint64_t sig, int32_t drop, bool sign, int rounding, bool *inexact);

#endif
