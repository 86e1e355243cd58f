/*
 * core/fpu/softfloat_f16.c — binary16 <-> binary32 / binary64 conversions, IEEE and Arm's
 * alternative half precision (FPCR.AHP).
 *
 * Written from IEEE 754-2019 and the ARM ARM's FPConvert / FPUnpackCV / FPRoundCV
 * pseudocode: conversions never flush a half-precision value (FZ16 is forced to 0 there),
 * while FPCR.FZ still flushes a single or double operand (sf_fmt16.fz is false, so the
 * generic sf_flush_input / sf_round_pack leave binary16 alone).
 *
 * The alternative format has no infinities or NaNs: exponent field 31 holds normal
 * numbers.  Rounding into it uses a wider stand-in format, sf_fmt16_ahp_range (the same
 * fraction width and bias, so the same subnormals and underflow, but a 6-bit exponent
 * field): every rounded result whose exponent field is 32 or more, including the stand-in's
 * own overflow, is out of the alternative format's range.
 */
#include "core/fpu/softfloat_impl.h"

static const SfFormat sf_fmt16_ahp_range = {10, 6, 15, false};

#define AHP_MAX_MAG 0x7fffu /* exponent 31, fraction all ones: 131008 */

/* Unpack an alternative-half-precision value (every pattern is a number). */
static SfUnpacked unpack_ahp(uint16_t a)
{
    SfUnpacked u;
    int e = (a >> 10) & 31;
    u.sign = (a >> 15) != 0;
    u.sig = a & 0x3ffu;
    u.exp = 1 - 15 - 10;
    if (e != 0) {
        u.sig |= 0x400u;
        u.exp = e - 15 - 10;
    }
    u.cls = u.sig == 0 ? SF_ZERO : SF_FINITE;
    return u;
}

/* binary16 -> binary32/64: always exact for numbers. */
static uint64_t from_f16(const SfFormat *to, uint16_t a, bool ahp, FloatStatus *s)
{
    SfUnpacked x = ahp ? unpack_ahp(a) : sf_unpack(&sf_fmt16, a);
    switch (x.cls) {
    case SF_QNAN:
    case SF_SNAN: return sf_convert_nan(&sf_fmt16, to, a, x.cls, s);
    case SF_INF: return sf_inf(to, x.sign);
    case SF_ZERO: return sf_zero(to, x.sign);
    default: return sf_round_pack(to, x.sign, x.exp, x.sig, s);
    }
}

/* Round sign * sig * 2^exp into the alternative format (FPRoundBase with AHP = 1). */
static uint16_t round_pack_ahp(bool sign, int32_t exp, uint64_t sig, FloatStatus *s)
{
    uint8_t before = s->flags;
    uint64_t r = sf_round_pack(&sf_fmt16_ahp_range, sign, exp, sig, s);
    uint64_t mag = r & 0xffffu; /* the stand-in's sign is bit 16 */
    uint16_t sign_bit = sign ? 0x8000u : 0;
    if ((mag >> 10) >= 32) {
        /* too big: invalid, and neither overflow nor inexact */
        s->flags = before | FLOAT_FLAG_INVALID;
        return sign_bit | AHP_MAX_MAG;
    }
    return sign_bit | (uint16_t)mag;
}

/* binary32/64 -> binary16 (IEEE or alternative). */
static uint16_t to_f16(const SfFormat *from, uint64_t a, bool ahp, FloatStatus *s)
{
    a = sf_flush_input(from, a, s);
    SfUnpacked x = sf_unpack(from, a);
    uint16_t sign_bit = x.sign ? 0x8000u : 0;
    switch (x.cls) {
    case SF_QNAN:
    case SF_SNAN:
        if (ahp) {
            s->flags |= FLOAT_FLAG_INVALID; /* quiet or not */
            return sign_bit;
        }
        return (uint16_t)sf_convert_nan(from, &sf_fmt16, a, x.cls, s);
    case SF_INF:
        if (ahp) {
            s->flags |= FLOAT_FLAG_INVALID;
            return sign_bit | AHP_MAX_MAG;
        }
        return (uint16_t)sf_inf(&sf_fmt16, x.sign);
    case SF_ZERO: return sign_bit;
    default:
        if (ahp) {
            return round_pack_ahp(x.sign, x.exp, x.sig, s);
        }
        return (uint16_t)sf_round_pack(&sf_fmt16, x.sign, x.exp, x.sig, s);
    }
}

uint32_t f16_to_f32(uint16_t a, bool arm_ahp, FloatStatus *s)
{
    return (uint32_t)from_f16(&sf_fmt32, a, arm_ahp, s);
}

uint64_t f16_to_f64(uint16_t a, bool arm_ahp, FloatStatus *s)
{
    return from_f16(&sf_fmt64, a, arm_ahp, s);
}

uint16_t f32_to_f16(uint32_t a, bool arm_ahp, FloatStatus *s)
{
    return to_f16(&sf_fmt32, a, arm_ahp, s);
}

uint16_t f64_to_f16(uint64_t a, bool arm_ahp, FloatStatus *s)
{
    return to_f16(&sf_fmt64, a, arm_ahp, s);
}
