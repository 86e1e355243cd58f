/*
 * core/arm/fp_helper.c — the A64 scalar floating-point helpers (fp_helper.h): thin
 * wrappers that run one soft-float operation on the vCPU's fp_status.
 */
#include "core/arm/fp_helper.h"

#include "core/fpu/softfloat_arm.h"

#define F32_SIGN 0x80000000u
#define F64_SIGN 0x8000000000000000ull
#define FPCR_AHP (1u << 26)

#define HELPER(name) \
    static uint64_t helper_##name(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
/* No IR global is read or written and nothing raises; the flags make it not PURE. */
#define DESCRIBE(name) const IrHelper arm_hlp_##name = {helper_##name, #name, 0}

static FloatStatus *fpst(void *env)
{
    return &((ArmCPU *)env)->fp_status;
}

#define BINOP(name, fn)                                                              \
    HELPER(name##_s)                                                                 \
    {                                                                                \
        (void)c, (void)d;                                                            \
        return f32_##fn((uint32_t)a, (uint32_t)b, fpst(env));                        \
    }                                                                                \
    DESCRIBE(name##_s);                                                              \
    HELPER(name##_d)                                                                 \
    {                                                                                \
        (void)c, (void)d;                                                            \
        return f64_##fn(a, b, fpst(env));                                            \
    }                                                                                \
    DESCRIBE(name##_d)

BINOP(fadd, add);
BINOP(fsub, sub);
BINOP(fmul, mul);
BINOP(fdiv, div);
BINOP(fmax, arm_max);
BINOP(fmin, arm_min);
BINOP(fmaxnm, arm_maxnm);
BINOP(fminnm, arm_minnm);

/* FNMUL: FPNeg(FPMul(n, m)): the sign of a NaN result is flipped too. */
HELPER(fnmul_s)
{
    (void)c, (void)d;
    return f32_mul((uint32_t)a, (uint32_t)b, fpst(env)) ^ F32_SIGN;
}
DESCRIBE(fnmul_s);

HELPER(fnmul_d)
{
    (void)c, (void)d;
    return f64_mul(a, b, fpst(env)) ^ F64_SIGN;
}
DESCRIBE(fnmul_d);

HELPER(fsqrt_s)
{
    (void)b, (void)c, (void)d;
    return f32_sqrt((uint32_t)a, fpst(env));
}
DESCRIBE(fsqrt_s);

HELPER(fsqrt_d)
{
    (void)b, (void)c, (void)d;
    return f64_sqrt(a, fpst(env));
}
DESCRIBE(fsqrt_d);

HELPER(fmadd_s)
{
    uint32_t n = (uint32_t)a, add = (uint32_t)c;
    if (d & ARM_FMA_NEG_PRODUCT) {
        n ^= F32_SIGN;
    }
    if (d & ARM_FMA_NEG_ADDEND) {
        add ^= F32_SIGN;
    }
    return f32_muladd(n, (uint32_t)b, add, fpst(env));
}
DESCRIBE(fmadd_s);

HELPER(fmadd_d)
{
    if (d & ARM_FMA_NEG_PRODUCT) {
        a ^= F64_SIGN;
    }
    if (d & ARM_FMA_NEG_ADDEND) {
        c ^= F64_SIGN;
    }
    return f64_muladd(a, b, c, fpst(env));
}
DESCRIBE(fmadd_d);

/* FPCompare's NZCV from the quiet equality (which flushes both operands, raising IDC, and
 * raises invalid for a signaling NaN) and, if ordered, the order. */
#define FCMP(sfx, type, is_nan, eq, lt)                                             \
    HELPER(fcmp_##sfx)                                                              \
    {                                                                               \
        if (!(d & 1)) {                                                             \
            return (d >> 1) & 15;                                                   \
        }                                                                           \
        FloatStatus *s = fpst(env);                                                 \
        type x = (type)a, y = (type)b;                                              \
        bool equal = eq(x, y, s);                                                   \
        if (is_nan(x) || is_nan(y)) {                                               \
            if (c) {                                                                \
                s->flags |= FLOAT_FLAG_INVALID;                                     \
            }                                                                       \
            return 0x3;                                                             \
        }                                                                           \
        if (equal) {                                                                \
            return 0x6;                                                             \
        }                                                                           \
        return lt(x, y, s) ? 0x8 : 0x2;                                             \
    }                                                                               \
    DESCRIBE(fcmp_##sfx)

FCMP(s, uint32_t, f32_is_nan, f32_eq, f32_lt);
FCMP(d, uint64_t, f64_is_nan, f64_eq, f64_lt);

static bool ahp(void *env)
{
    return (((ArmCPU *)env)->fpcr & FPCR_AHP) != 0;
}

HELPER(fcvt_sd)
{
    (void)b, (void)c, (void)d;
    return f32_to_f64((uint32_t)a, fpst(env));
}
DESCRIBE(fcvt_sd);

HELPER(fcvt_ds)
{
    (void)b, (void)c, (void)d;
    return f64_to_f32(a, fpst(env));
}
DESCRIBE(fcvt_ds);

HELPER(fcvt_hs)
{
    (void)b, (void)c, (void)d;
    return f16_to_f32((uint16_t)a, ahp(env), fpst(env));
}
DESCRIBE(fcvt_hs);

HELPER(fcvt_hd)
{
    (void)b, (void)c, (void)d;
    return f16_to_f64((uint16_t)a, ahp(env), fpst(env));
}
DESCRIBE(fcvt_hd);

HELPER(fcvt_sh)
{
    (void)b, (void)c, (void)d;
    return f32_to_f16((uint32_t)a, ahp(env), fpst(env));
}
DESCRIBE(fcvt_sh);

HELPER(fcvt_dh)
{
    (void)b, (void)c, (void)d;
    return f64_to_f16(a, ahp(env), fpst(env));
}
DESCRIBE(fcvt_dh);

/* FRINT*: the explicit mode, or FPCR's (FRINTI, and FRINTX which signals inexact). */
static int rint_mode(const FloatStatus *s, uint64_t rmode, bool *exact)
{
    *exact = rmode == ARM_RINT_FPCR_EXACT;
    return rmode >= ARM_RINT_FPCR ? s->rounding : (int)rmode;
}

HELPER(frint_s)
{
    (void)c, (void)d;
    FloatStatus *s = fpst(env);
    bool exact;
    int mode = rint_mode(s, b, &exact);
    return f32_round_to_int((uint32_t)a, mode, exact, s);
}
DESCRIBE(frint_s);

HELPER(frint_d)
{
    (void)c, (void)d;
    FloatStatus *s = fpst(env);
    bool exact;
    int mode = rint_mode(s, b, &exact);
    return f64_round_to_int(a, mode, exact, s);
}
DESCRIBE(frint_d);

/* FPToFixed into 32 or 64 bits, signed or unsigned (32-bit results zero-extended). */
#define F2I(sfx, type, pfx)                                                         \
    HELPER(f2i_##sfx)                                                               \
    {                                                                               \
        FloatStatus *s = fpst(env);                                                 \
        type x = (type)a;                                                           \
        int fbits = (int)b, mode = (int)c;                                          \
        switch (d & 3) {                                                            \
        case 0:                                                                     \
            return (uint32_t)pfx##_to_i32_scaled(x, fbits, mode, s);                \
        case ARM_CVT_UNSIGNED:                                                      \
            return pfx##_to_u32_scaled(x, fbits, mode, s);                          \
        case ARM_CVT_64:                                                            \
            return (uint64_t)pfx##_to_i64_scaled(x, fbits, mode, s);                \
        default:                                                                    \
            return pfx##_to_u64_scaled(x, fbits, mode, s);                          \
        }                                                                           \
    }                                                                               \
    DESCRIBE(f2i_##sfx)

F2I(s, uint32_t, f32);
F2I(d, uint64_t, f64);

/* FixedToFP from a 32- or 64-bit, signed or unsigned source. */
#define I2F(sfx, pfx)                                                               \
    HELPER(i2f_##sfx)                                                               \
    {                                                                               \
        (void)d;                                                                    \
        FloatStatus *s = fpst(env);                                                 \
        int fbits = (int)b;                                                         \
        switch (c & 3) {                                                            \
        case 0:                                                                     \
            return i64_to_##pfx##_scaled((int32_t)(uint32_t)a, fbits, s);           \
        case ARM_CVT_UNSIGNED:                                                      \
            return u64_to_##pfx##_scaled((uint32_t)a, fbits, s);                    \
        case ARM_CVT_64:                                                            \
            return i64_to_##pfx##_scaled((int64_t)a, fbits, s);                     \
        default:                                                                    \
            return u64_to_##pfx##_scaled(a, fbits, s);                              \
        }                                                                           \
    }                                                                               \
    DESCRIBE(i2f_##sfx)

I2F(s, f32);
I2F(d, f64);
