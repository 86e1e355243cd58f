/*
 * core/fpu/softfloat_nan.c — NaN results per architecture (FloatNanPolicy in softfloat.h):
 * propagation, default NaNs, NaN conversion between formats, and the integer results of
 * conversions that do not fit.  The policies are facts from the manuals:
 *   - RISC-V (unprivileged ISA, "NaN Generation and Propagation"): every NaN result is the
 *     canonical NaN; fcvt of NaN gives the largest integer.
 *   - Arm (ARM ARM shared pseudocode FPProcessNaN / FPProcessNaNs / FPProcessNaNs3,
 *     FPMulAdd, FPDefaultNaN, FPToFixed): with FPCR.DN = 0 the first signaling NaN
 *     operand quieted, else the first quiet NaN; FPMulAdd passes (addend, op1, op2) to
 *     FPProcessNaNs3, and a quiet-NaN addend with inf * 0 gives the default NaN and
 *     InvalidOp; FPCR.DN = 1 returns FPDefaultNaN (0x7fc00000 / 0x7ff8...0) instead;
 *     FPToFixed of a NaN is 0 (saturating otherwise).  The half-precision default NaN
 *     is 0x7e00.  FPCR.FZ = 1 (FPUnpack: subnormal inputs read as zero with InputDenorm;
 *     FPRoundBase: results tiny before rounding become zero with Underflow only) gives the
 *     _fz policies.
 *   - RISC-V's canonical binary16 NaN (Zfh) is 0x7e00; x86's binary16 indefinite (F16C)
 *     is 0xfe00.
 *   - x86 SSE/AVX (Intel SDM vol. 1 table 4-7 "Rules for Handling NaNs", appendix E
 *     tables, table 14-17 "FMA Numeric Behavior"): the first source operand's NaN,
 *     quieted, if it is a NaN, else the second's (an SNaN in src2 loses to a QNaN in src1);
 *     FMA: Q(x), else Q(y), else Q(z), inf * 0 + QNaN gives Q(z) and signals nothing;
 *     invalid operations give the "QNaN floating-point indefinite" 0xffc00000 /
 *     0xfff8000000000000 (sign set); invalid conversions give the integer indefinite.
 */
#include "core/fpu/softfloat_impl.h"

const FloatNanPolicy float_nan_riscv = {
    .default_nan32 = 0x7fc00000u,
    .default_nan64 = 0x7ff8000000000000ull,
    .prop = FLOAT_NAN_PROP_DEFAULT,
    .fma_order = {0, 1, 2},
    .infzero_qnan = FLOAT_INFZERO_QNAN_DEFAULT,
    .cvt_invalid = FLOAT_CVT_SATURATE_NAN_MAX,
    .default_nan16 = 0x7e00u,
};

/* The four Arm policies differ only in FPCR.DN (prop) and FPCR.FZ (flush_*). */
#define ARM_POLICY(nan_prop, fz)                                                  \
    {                                                                             \
        .default_nan32 = 0x7fc00000u,                                             \
        .default_nan64 = 0x7ff8000000000000ull,                                   \
        .prop = (nan_prop),                                                       \
        .fma_order = {2, 0, 1}, /* FPProcessNaNs3(addend, op1, op2) */            \
        .infzero_qnan = FLOAT_INFZERO_QNAN_DEFAULT,                               \
        .cvt_invalid = FLOAT_CVT_SATURATE_NAN_ZERO,                               \
        .default_nan16 = 0x7e00u,                                                 \
        .flush_inputs = (fz),                                                     \
        .flush_results = (fz),                                                    \
    }

const FloatNanPolicy float_nan_arm = ARM_POLICY(FLOAT_NAN_PROP_SNAN_FIRST, false);
const FloatNanPolicy float_nan_arm_dn = ARM_POLICY(FLOAT_NAN_PROP_DEFAULT, false);
const FloatNanPolicy float_nan_arm_fz = ARM_POLICY(FLOAT_NAN_PROP_SNAN_FIRST, true);
const FloatNanPolicy float_nan_arm_dn_fz = ARM_POLICY(FLOAT_NAN_PROP_DEFAULT, true);

const FloatNanPolicy float_nan_x86_sse = {
    .default_nan32 = 0xffc00000u,
    .default_nan64 = 0xfff8000000000000ull,
    .prop = FLOAT_NAN_PROP_FIRST,
    .fma_order = {0, 1, 2},
    .infzero_qnan = FLOAT_INFZERO_QNAN_PROPAGATE,
    .cvt_invalid = FLOAT_CVT_INDEFINITE,
    .default_nan16 = 0xfe00u,
};

static uint64_t quiet_bit(const SfFormat *f)
{
    return 1ull << (f->fbits - 1);
}

uint64_t sf_propagate_nan(const SfFormat *f, int n, const uint64_t *ops, const int *cls,
                          FloatStatus *s)
{
    int pick = -1;
    for (int i = 0; i < n; i++) {
        if (cls[i] == SF_SNAN) {
            s->flags |= FLOAT_FLAG_INVALID;
        }
    }
    if (s->nan->prop == FLOAT_NAN_PROP_SNAN_FIRST) {
        for (int i = 0; i < n && pick < 0; i++) {
            pick = cls[i] == SF_SNAN ? i : -1;
        }
    }
    if (s->nan->prop != FLOAT_NAN_PROP_DEFAULT) { /* FIRST, or SNAN_FIRST without one */
        for (int i = 0; i < n && pick < 0; i++) {
            pick = sf_is_nan_cls(cls[i]) ? i : -1;
        }
    }
    if (pick < 0) {
        return sf_default_nan(f, s);
    }
    return ops[pick] | quiet_bit(f);
}

uint64_t sf_convert_nan(const SfFormat *from, const SfFormat *to, uint64_t a, int cls,
                        FloatStatus *s)
{
    uint64_t q = sf_nan1(from, a, cls, s);
    if (s->nan->prop == FLOAT_NAN_PROP_DEFAULT) {
        return sf_default_nan(to, s);
    }
    uint64_t frac = q & ((1ull << from->fbits) - 1); /* the quiet bit is its top bit */
    frac = to->fbits >= from->fbits ? frac << (to->fbits - from->fbits)
                                    : frac >> (from->fbits - to->fbits);
    return ((q & sf_sign_bit(from)) ? sf_sign_bit(to) : 0) | sf_inf(to, false) | frac;
}

uint64_t sf_cvt_invalid(int bits, bool is_signed, bool nan, bool negative, FloatStatus *s)
{
    uint64_t ones = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
    uint64_t max = is_signed ? ones >> 1 : ones;
    uint64_t min = is_signed ? (uint64_t)0 - (1ull << (bits - 1)) : 0; /* sign-extended */
    s->flags |= FLOAT_FLAG_INVALID;
    switch (s->nan->cvt_invalid) {
    case FLOAT_CVT_INDEFINITE:
        return is_signed ? min : ones;
    case FLOAT_CVT_SATURATE_NAN_ZERO:
        if (nan) {
            return 0;
        }
        break;
    default:
        if (nan) {
            return max;
        }
        break;
    }
    return negative ? min : max;
}
