/*
 * core/riscv/fpu_helper.c — RISC-V F/D helpers on top of the soft-float library
 * (core/fpu/softfloat.h): NaN boxing, rounding-mode selection, fflags accrual, and
 * RISC-V's NaN policy (float_nan_riscv: every NaN result is the canonical NaN).
 */
#include "core/riscv/fpu_helper.h"

#include "core/fpu/softfloat.h"

#define BOX_MASK 0xffffffff00000000ull
#define F32_SIGN 0x80000000u
#define F64_SIGN 0x8000000000000000ull

/* Single-precision operand: valid only if NaN-boxed, else it reads as the canonical NaN. */
static uint32_t unbox_s(uint64_t v)
{
    return (v & BOX_MASK) == BOX_MASK ? (uint32_t)v : F32_DEFAULT_NAN;
}

static uint64_t box_s(uint32_t v)
{
    return BOX_MASK | v;
}

/* Sign-extend a 32-bit integer result to the 64-bit x register (also for unsigned). */
static uint64_t sext32(uint32_t v)
{
    return (uint64_t)(int64_t)(int32_t)v;
}

/* Set up the status for instruction rm field `rm`; false (exception raised) if the
 * effective rounding mode is reserved. */
static bool fp_begin(void *env, uint64_t rm, FloatStatus *st)
{
    RiscvCPU *cpu = env;
    if (rm == RM_DYN) {
        rm = cpu->frm;
    }
    if (rm > RM_RMM) {
        riscv_raise_illegal(env);
        return false;
    }
    st->rounding = (uint8_t)rm;
    /* Start from the inexact flag the guest has accrued: once it is set, whether this
     * operation is exact cannot change fflags, and the soft-float code may let the host
     * FPU compute the result (core/fpu/hostfloat.h). */
    st->flags = ((RiscvCPU *)env)->fflags & FLOAT_FLAG_INEXACT;
    st->tininess_before_rounding = false; /* RISC-V detects tininess after rounding */
    st->nan = &float_nan_riscv;           /* every NaN result is the canonical NaN */
    return true;
}

static uint64_t fp_end(void *env, const FloatStatus *st, uint64_t result)
{
    ((RiscvCPU *)env)->fflags |= st->flags;
    return result;
}

#define ROUNDED (IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE | IR_CALL_PC_ONLY) /* bad rm raises */
#define FLAGS_ONLY (IR_CALL_RW_GLOBALS | IR_CALL_PC_ONLY)  /* accrue fflags, never raise */

#define HELPER(name) \
    static uint64_t helper_##name(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
#define DESCRIBE(name, flags) const IrHelper riscv_hlp_##name = {helper_##name, #name, flags}

/* f = op(a, b) rounded per rm = c */
#define BINOP(name, fn, unbox, box)                                  \
    HELPER(name)                                                     \
    {                                                                \
        FloatStatus st;                                              \
        (void)d;                                                     \
        if (!fp_begin(env, c, &st)) {                                \
            return 0;                                                \
        }                                                            \
        return fp_end(env, &st, box(fn(unbox(a), unbox(b), &st)));   \
    }                                                                \
    DESCRIBE(name, ROUNDED)

/* r = op(a) rounded per rm = b; `in` unpacks a, `out` packs the result */
#define UNOP(name, fn, in, out)                                      \
    HELPER(name)                                                     \
    {                                                                \
        FloatStatus st;                                              \
        (void)c;                                                     \
        (void)d;                                                     \
        if (!fp_begin(env, b, &st)) {                                \
            return 0;                                                \
        }                                                            \
        return fp_end(env, &st, out(fn(in(a), &st)));                \
    }                                                                \
    DESCRIBE(name, ROUNDED)

/* f = (+-a)*b + (+-c) rounded once per rm = d.  Negating a negates the product exactly
 * (also for zeros, infinities and NaNs, whose NaN-ness and signaling-ness are kept). */
#define FMA(name, fn, unbox, box, sign, neg_prod, neg_add)                             \
    HELPER(name)                                                                       \
    {                                                                                  \
        FloatStatus st;                                                                \
        if (!fp_begin(env, d, &st)) {                                                  \
            return 0;                                                                  \
        }                                                                              \
        return fp_end(env, &st,                                                        \
                      box(fn(unbox(a) ^ ((neg_prod) ? sign : 0), unbox(b),             \
                             unbox(c) ^ ((neg_add) ? sign : 0), &st)));                \
    }                                                                                  \
    DESCRIBE(name, ROUNDED)

/* f or x = op(a, b), no rounding mode */
#define CMPOP(name, fn, unbox, box)                                  \
    HELPER(name)                                                     \
    {                                                                \
        FloatStatus st = {FLOAT_RNE, 0, false, &float_nan_riscv};    \
        (void)c;                                                     \
        (void)d;                                                     \
        return fp_end(env, &st, box(fn(unbox(a), unbox(b), &st)));   \
    }                                                                \
    DESCRIBE(name, FLAGS_ONLY)

static uint64_t id64(uint64_t v)
{
    return v;
}

static uint64_t bool_x(bool v)
{
    return v;
}

static int32_t low_i32(uint64_t v)
{
    return (int32_t)(uint32_t)v;
}

static uint32_t low_u32(uint64_t v)
{
    return (uint32_t)v;
}

static int64_t as_i64(uint64_t v)
{
    return (int64_t)v;
}

static uint64_t from_i32(int32_t v)
{
    return sext32((uint32_t)v);
}

static uint64_t from_i64(int64_t v)
{
    return (uint64_t)v;
}

BINOP(fadd_s, f32_add, unbox_s, box_s);
BINOP(fsub_s, f32_sub, unbox_s, box_s);
BINOP(fmul_s, f32_mul, unbox_s, box_s);
BINOP(fdiv_s, f32_div, unbox_s, box_s);
BINOP(fadd_d, f64_add, id64, id64);
BINOP(fsub_d, f64_sub, id64, id64);
BINOP(fmul_d, f64_mul, id64, id64);
BINOP(fdiv_d, f64_div, id64, id64);

UNOP(fsqrt_s, f32_sqrt, unbox_s, box_s);
UNOP(fsqrt_d, f64_sqrt, id64, id64);

FMA(fmadd_s, f32_muladd, unbox_s, box_s, F32_SIGN, 0, 0);
FMA(fmsub_s, f32_muladd, unbox_s, box_s, F32_SIGN, 0, 1);
FMA(fnmsub_s, f32_muladd, unbox_s, box_s, F32_SIGN, 1, 0);
FMA(fnmadd_s, f32_muladd, unbox_s, box_s, F32_SIGN, 1, 1);
FMA(fmadd_d, f64_muladd, id64, id64, F64_SIGN, 0, 0);
FMA(fmsub_d, f64_muladd, id64, id64, F64_SIGN, 0, 1);
FMA(fnmsub_d, f64_muladd, id64, id64, F64_SIGN, 1, 0);
FMA(fnmadd_d, f64_muladd, id64, id64, F64_SIGN, 1, 1);

CMPOP(fmin_s, f32_min, unbox_s, box_s);
CMPOP(fmax_s, f32_max, unbox_s, box_s);
CMPOP(fmin_d, f64_min, id64, id64);
CMPOP(fmax_d, f64_max, id64, id64);
CMPOP(feq_s, f32_eq, unbox_s, bool_x);
CMPOP(flt_s, f32_lt, unbox_s, bool_x);
CMPOP(fle_s, f32_le, unbox_s, bool_x);
CMPOP(feq_d, f64_eq, id64, bool_x);
CMPOP(flt_d, f64_lt, id64, bool_x);
CMPOP(fle_d, f64_le, id64, bool_x);

UNOP(fcvt_w_s, f32_to_i32, unbox_s, from_i32);
UNOP(fcvt_wu_s, f32_to_u32, unbox_s, sext32);
UNOP(fcvt_l_s, f32_to_i64, unbox_s, from_i64);
UNOP(fcvt_lu_s, f32_to_u64, unbox_s, id64);
UNOP(fcvt_w_d, f64_to_i32, id64, from_i32);
UNOP(fcvt_wu_d, f64_to_u32, id64, sext32);
UNOP(fcvt_l_d, f64_to_i64, id64, from_i64);
UNOP(fcvt_lu_d, f64_to_u64, id64, id64);

UNOP(fcvt_s_w, i32_to_f32, low_i32, box_s);
UNOP(fcvt_s_wu, u32_to_f32, low_u32, box_s);
UNOP(fcvt_s_l, i64_to_f32, as_i64, box_s);
UNOP(fcvt_s_lu, u64_to_f32, id64, box_s);
UNOP(fcvt_d_w, i32_to_f64, low_i32, id64);
UNOP(fcvt_d_wu, u32_to_f64, low_u32, id64);
UNOP(fcvt_d_l, i64_to_f64, as_i64, id64);
UNOP(fcvt_d_lu, u64_to_f64, id64, id64);

UNOP(fcvt_s_d, f64_to_f32, id64, box_s);
UNOP(fcvt_d_s, f32_to_f64, unbox_s, id64);

/* ---- sign injection and classification: pure bit operations, no flags ---- */

HELPER(fsgnj_s)
{
    (void)env, (void)c, (void)d;
    return box_s((unbox_s(a) & ~F32_SIGN) | (unbox_s(b) & F32_SIGN));
}
DESCRIBE(fsgnj_s, IR_CALL_PURE);

HELPER(fsgnjn_s)
{
    (void)env, (void)c, (void)d;
    return box_s((unbox_s(a) & ~F32_SIGN) | (~unbox_s(b) & F32_SIGN));
}
DESCRIBE(fsgnjn_s, IR_CALL_PURE);

HELPER(fsgnjx_s)
{
    (void)env, (void)c, (void)d;
    return box_s(unbox_s(a) ^ (unbox_s(b) & F32_SIGN));
}
DESCRIBE(fsgnjx_s, IR_CALL_PURE);

HELPER(fsgnj_d)
{
    (void)env, (void)c, (void)d;
    return (a & ~F64_SIGN) | (b & F64_SIGN);
}
DESCRIBE(fsgnj_d, IR_CALL_PURE);

HELPER(fsgnjn_d)
{
    (void)env, (void)c, (void)d;
    return (a & ~F64_SIGN) | (~b & F64_SIGN);
}
DESCRIBE(fsgnjn_d, IR_CALL_PURE);

HELPER(fsgnjx_d)
{
    (void)env, (void)c, (void)d;
    return a ^ (b & F64_SIGN);
}
DESCRIBE(fsgnjx_d, IR_CALL_PURE);

HELPER(fclass_s)
{
    (void)env, (void)b, (void)c, (void)d;
    return f32_classify(unbox_s(a));
}
DESCRIBE(fclass_s, IR_CALL_PURE);

HELPER(fclass_d)
{
    (void)env, (void)b, (void)c, (void)d;
    return f64_classify(a);
}
DESCRIBE(fclass_d, IR_CALL_PURE);
