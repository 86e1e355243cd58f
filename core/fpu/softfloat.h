/*
 * core/fpu/softfloat.h — bit-exact IEEE 754 binary32 / binary64 arithmetic in integer C.
 *
 * The host FPU is never used for results: WebAssembly only has round-to-nearest-even and
 * no exception flags.  Values are raw bit patterns (uint32_t for binary32, uint64_t for
 * binary64).  Every operation takes a FloatStatus: the rounding mode it reads and the
 * exception flags it accrues (ORs into; never clears).
 *
 * Conventions:
 *   - What NaNs come out (default NaN, which operand's NaN propagates, FMA's inf*0+NaN,
 *     NaN and out-of-range float -> integer results) is the architecture's: a
 *     FloatNanPolicy that FloatStatus.nan points to (below).  A signaling NaN operand
 *     always raises invalid.
 *   - Subnormals are fully supported; flush-to-zero (Arm FPCR.FZ) is a policy option
 *     (FloatNanPolicy.flush_inputs / flush_results) that applies to binary32 and binary64,
 *     never to binary16 (Arm's separate FZ16 is not modeled: conversions ignore it).
 *   - Underflow is raised when the result is tiny AND inexact; tininess is detected after
 *     rounding unless FloatStatus.tininess_before_rounding is set (e.g. for Arm).
 *
 * Arm's own operations (FMIN/FMAX/FMINNM/FMAXNM, the estimates and Newton-Raphson steps,
 * FMULX, FRECPX) are in softfloat_arm.h.
 */
#ifndef CORE_FPU_SOFTFLOAT_H
#define CORE_FPU_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

/* Rounding modes.  The values equal the RISC-V rm encoding. */
typedef enum FloatRound {
    FLOAT_RNE = 0, /* to nearest, ties to even */
    FLOAT_RTZ = 1, /* toward zero */
    FLOAT_RDN = 2, /* toward -infinity */
    FLOAT_RUP = 3, /* toward +infinity */
    FLOAT_RMM = 4, /* to nearest, ties away from zero */
    FLOAT_RTO = 5, /* to odd ("von Neumann"): truncate, then set the last bit if inexact;
                      overflows to the largest finite number (Arm FCVTXN) */
} FloatRound;

/* Exception flags.  The bit values equal the RISC-V fflags layout. */
enum {
    FLOAT_FLAG_INEXACT = 1,
    FLOAT_FLAG_UNDERFLOW = 2,
    FLOAT_FLAG_OVERFLOW = 4,
    FLOAT_FLAG_DIVBYZERO = 8,
    FLOAT_FLAG_INVALID = 16,
    /* a denormal operand was read as zero (FloatNanPolicy.flush_inputs; Arm FPSR.IDC) */
    FLOAT_FLAG_INPUT_DENORMAL = 32,
};

/*
 * NaN policy: an architecture's rules for NaN results, which IEEE 754 leaves open, and
 * its non-IEEE modes (flush-to-zero) that a front end selects by pointing
 * FloatStatus.nan at another constant policy (Arm: FPCR.DN and FPCR.FZ pick one of four,
 * float_nan_arm_select in softfloat_arm.h).
 * "Quieted" means the NaN with its quiet bit (the top fraction bit) set; sign and
 * payload are kept.  Operands are considered in the operation's argument order (a, b for
 * add/sub/mul/div/min/max; for muladd(a, b, c) = a*b + c, the order fma_order gives).
 * New rules (x87's "larger significand" for the 80-bit format, with its own default NaN)
 * are new FloatNanProp values and fields; nothing else in the interface changes.
 */
typedef enum FloatNanProp {
    FLOAT_NAN_PROP_DEFAULT,    /* every NaN result is the default NaN (RISC-V, Arm FPCR.DN=1) */
    FLOAT_NAN_PROP_SNAN_FIRST, /* the first signaling NaN operand quieted, else the first
                                  quiet NaN (Arm FPProcessNaNs / FPProcessNaNs3, DN=0) */
    FLOAT_NAN_PROP_FIRST,      /* the first NaN operand, quieted (x86 SSE/AVX) */
} FloatNanProp;

/* inf * 0 + c where c is a quiet NaN (IEEE 754 leaves "invalid?" to the implementation).
 * A signaling c is not this case: it raises invalid and propagates per FloatNanProp. */
typedef enum FloatInfZeroNan {
    FLOAT_INFZERO_QNAN_DEFAULT,   /* invalid, the default NaN (RISC-V, Arm) */
    FLOAT_INFZERO_QNAN_PROPAGATE, /* no invalid, c (x86: Q(z) in the FMA table) */
} FloatInfZeroNan;

/* Float -> integer conversions whose result does not fit (NaN, infinity, out of range);
 * all raise invalid and not inexact. */
typedef enum FloatCvtInvalid {
    FLOAT_CVT_SATURATE_NAN_MAX,  /* saturate; NaN -> the largest integer (RISC-V) */
    FLOAT_CVT_SATURATE_NAN_ZERO, /* saturate; NaN -> 0 (Arm FPToFixed) */
    FLOAT_CVT_INDEFINITE,        /* "integer indefinite": the smallest signed integer
                                    (0x80..0), all ones for unsigned (x86) */
} FloatCvtInvalid;

typedef struct FloatNanPolicy {
    uint32_t default_nan32;  /* the result of an invalid operation without NaN operands */
    uint64_t default_nan64;
    uint8_t prop;            /* FloatNanProp */
    uint8_t fma_order[3];    /* muladd operands by priority: 0 = a, 1 = b, 2 = c */
    uint8_t infzero_qnan;    /* FloatInfZeroNan */
    uint8_t cvt_invalid;     /* FloatCvtInvalid */
    uint16_t default_nan16;  /* binary16 (conversions only) */
    /*
     * Flush-to-zero for binary32 and binary64 (Arm FPCR.FZ, the ARM ARM's FPUnpack and
     * FPRound):
     *   flush_inputs: every operation reads a subnormal operand as a zero of the same
     *     sign and raises FLOAT_FLAG_INPUT_DENORMAL (before any NaN processing);
     *   flush_results: a finite nonzero result that is tiny (per
     *     FloatStatus.tininess_before_rounding: for Arm before rounding, so also a value
     *     that would round up to the smallest normal) becomes a zero of its sign, raising
     *     underflow and not inexact, whether or not it was exact.
     */
    bool flush_inputs;
    bool flush_results;
} FloatNanPolicy;

/* The policies of the architectures we know (core/fpu/softfloat_nan.c). */
extern const FloatNanPolicy float_nan_riscv;    /* canonical NaN 0x7fc00000 / 0x7ff8...0 */
extern const FloatNanPolicy float_nan_arm;      /* AArch64/AArch32 VFP, FPCR.DN = 0 */
extern const FloatNanPolicy float_nan_arm_dn;   /* FPCR.DN = 1: default NaN always */
extern const FloatNanPolicy float_nan_arm_fz;   /* FPCR.DN = 0, FZ = 1 */
extern const FloatNanPolicy float_nan_arm_dn_fz; /* FPCR.DN = 1, FZ = 1 */
extern const FloatNanPolicy float_nan_x86_sse;  /* SSE/AVX; default = QNaN indefinite */

typedef struct FloatStatus {
    uint8_t rounding; /* FloatRound; values above FLOAT_RTO behave as FLOAT_RNE */
    uint8_t flags;    /* accrued FLOAT_FLAG_* */
    bool tininess_before_rounding;
    const FloatNanPolicy *nan; /* required */
} FloatStatus;

/* IEEE 754's recommended default NaN (positive, only the quiet bit): RISC-V's canonical
 * NaN and Arm's default NaN. */
#define F32_DEFAULT_NAN 0x7fc00000u
#define F64_DEFAULT_NAN 0x7ff8000000000000ull
#define F16_DEFAULT_NAN 0x7e00u

/* Arithmetic.  muladd computes a*b+c with a single rounding. */
uint32_t f32_add(uint32_t a, uint32_t b, FloatStatus *s);
uint32_t f32_sub(uint32_t a, uint32_t b, FloatStatus *s);
uint32_t f32_mul(uint32_t a, uint32_t b, FloatStatus *s);
uint32_t f32_div(uint32_t a, uint32_t b, FloatStatus *s);
uint32_t f32_sqrt(uint32_t a, FloatStatus *s);
uint32_t f32_muladd(uint32_t a, uint32_t b, uint32_t c, FloatStatus *s);
uint64_t f64_add(uint64_t a, uint64_t b, FloatStatus *s);
uint64_t f64_sub(uint64_t a, uint64_t b, FloatStatus *s);
uint64_t f64_mul(uint64_t a, uint64_t b, FloatStatus *s);
uint64_t f64_div(uint64_t a, uint64_t b, FloatStatus *s);
uint64_t f64_sqrt(uint64_t a, FloatStatus *s);
uint64_t f64_muladd(uint64_t a, uint64_t b, uint64_t c, FloatStatus *s);

/* Comparisons.  eq is quiet (only a signaling NaN raises invalid); lt and le signal
 * invalid on any NaN.  Any NaN operand makes the result false. */
bool f32_eq(uint32_t a, uint32_t b, FloatStatus *s);
bool f32_lt(uint32_t a, uint32_t b, FloatStatus *s);
bool f32_le(uint32_t a, uint32_t b, FloatStatus *s);
bool f64_eq(uint64_t a, uint64_t b, FloatStatus *s);
bool f64_lt(uint64_t a, uint64_t b, FloatStatus *s);
bool f64_le(uint64_t a, uint64_t b, FloatStatus *s);

/* IEEE 754-2019 minimumNumber / maximumNumber (RISC-V fmin/fmax): -0 < +0; one NaN
 * operand -> the other operand; both NaN -> the policy's NaN (RISC-V: canonical); a
 * signaling NaN raises invalid.  (Arm's FMINNM and x86's MINSD are other operations.) */
uint32_t f32_min(uint32_t a, uint32_t b, FloatStatus *s);
uint32_t f32_max(uint32_t a, uint32_t b, FloatStatus *s);
uint64_t f64_min(uint64_t a, uint64_t b, FloatStatus *s);
uint64_t f64_max(uint64_t a, uint64_t b, FloatStatus *s);

/* Classification as a one-hot 10-bit mask (the RISC-V fclass layout). */
enum {
    FLOAT_CLASS_NEG_INF = 1 << 0,
    FLOAT_CLASS_NEG_NORMAL = 1 << 1,
    FLOAT_CLASS_NEG_SUBNORMAL = 1 << 2,
    FLOAT_CLASS_NEG_ZERO = 1 << 3,
    FLOAT_CLASS_POS_ZERO = 1 << 4,
    FLOAT_CLASS_POS_SUBNORMAL = 1 << 5,
    FLOAT_CLASS_POS_NORMAL = 1 << 6,
    FLOAT_CLASS_POS_INF = 1 << 7,
    FLOAT_CLASS_SNAN = 1 << 8,
    FLOAT_CLASS_QNAN = 1 << 9,
};
unsigned f32_classify(uint32_t a);
unsigned f64_classify(uint64_t a);

bool f32_is_nan(uint32_t a);
bool f64_is_nan(uint64_t a);
bool f32_is_snan(uint32_t a);
bool f64_is_snan(uint64_t a);

/* Conversions between formats (rounded per s->rounding).  A NaN converts per the
 * policy: the default NaN, or quieted with sign kept and the payload's top bits (narrowing
 * drops low bits, widening appends zeros). */
uint64_t f32_to_f64(uint32_t a, FloatStatus *s);
uint32_t f64_to_f32(uint64_t a, FloatStatus *s);

/* Float -> integer, rounded per s->rounding; NaN and results that do not fit follow
 * s->nan->cvt_invalid. */
int32_t f32_to_i32(uint32_t a, FloatStatus *s);
uint32_t f32_to_u32(uint32_t a, FloatStatus *s);
int64_t f32_to_i64(uint32_t a, FloatStatus *s);
uint64_t f32_to_u64(uint32_t a, FloatStatus *s);
int32_t f64_to_i32(uint64_t a, FloatStatus *s);
uint32_t f64_to_u32(uint64_t a, FloatStatus *s);
int64_t f64_to_i64(uint64_t a, FloatStatus *s);
uint64_t f64_to_u64(uint64_t a, FloatStatus *s);

/* Integer -> float, rounded per s->rounding. */
uint32_t i32_to_f32(int32_t a, FloatStatus *s);
uint32_t u32_to_f32(uint32_t a, FloatStatus *s);
uint32_t i64_to_f32(int64_t a, FloatStatus *s);
uint32_t u64_to_f32(uint64_t a, FloatStatus *s);
uint64_t i32_to_f64(int32_t a, FloatStatus *s);
uint64_t u32_to_f64(uint32_t a, FloatStatus *s);
uint64_t i64_to_f64(int64_t a, FloatStatus *s);
uint64_t u64_to_f64(uint64_t a, FloatStatus *s);

/*
 * Half precision (binary16, as uint16_t) <-> binary32 / binary64 (softfloat_f16.c), rounded
 * per s->rounding; NaNs as in f32_to_f64 (policy default_nan16).  The flush options apply
 * to the binary32/64 side only: a subnormal binary32/64 operand is flushed, a binary16
 * subnormal operand or result never is (the ARM ARM's FPConvert: FPUnpackCV and
 * FPRoundCV ignore FPCR.FZ16, FPCR.FZ still applies to the single/double side).
 * arm_ahp selects Arm's alternative half precision (FPCR.AHP = 1) for the binary16 side:
 * exponent 31 holds normal numbers (up to 131008), there is no infinity or NaN.  Into it,
 * a NaN becomes a zero of its sign and an infinity, or a result too big after rounding,
 * becomes sign|0x7fff; both raise invalid only (no overflow, no inexact).
 */
uint32_t f16_to_f32(uint16_t a, bool arm_ahp, FloatStatus *s);
uint64_t f16_to_f64(uint16_t a, bool arm_ahp, FloatStatus *s);
uint16_t f32_to_f16(uint32_t a, bool arm_ahp, FloatStatus *s);
uint16_t f64_to_f16(uint64_t a, bool arm_ahp, FloatStatus *s);

/*
 * Round to an integral value in the same format (softfloat_cvt.c), in mode `rounding`
 * (a FloatRound, not s->rounding: Arm FRINTN/A/P/M/Z pass theirs; FRINTI/X and RISC-V
 * fround pass s->rounding).  Raises inexact when the value changed only if `exact`
 * (FRINTX, froundnx).  A zero result keeps the operand's sign (-0.4 -> -0); a NaN
 * propagates per policy (a signaling one raises invalid).
 */
uint32_t f32_round_to_int(uint32_t a, int rounding, bool exact, FloatStatus *s);
uint64_t f64_round_to_int(uint64_t a, int rounding, bool exact, FloatStatus *s);

/*
 * Float -> integer of a * 2^fbits (fbits >= 0; 0 for a plain conversion), rounded in mode
 * `rounding` rather than s->rounding (Arm FCVTNS ... FCVTZU, and FCVTZS/ZU with fbits
 * fraction bits); NaN and out-of-range results per s->nan->cvt_invalid (Arm: saturate,
 * NaN -> 0, invalid and not inexact).
 */
int32_t f32_to_i32_scaled(uint32_t a, int fbits, int rounding, FloatStatus *s);
uint32_t f32_to_u32_scaled(uint32_t a, int fbits, int rounding, FloatStatus *s);
int64_t f32_to_i64_scaled(uint32_t a, int fbits, int rounding, FloatStatus *s);
uint64_t f32_to_u64_scaled(uint32_t a, int fbits, int rounding, FloatStatus *s);
int32_t f64_to_i32_scaled(uint64_t a, int fbits, int rounding, FloatStatus *s);
uint32_t f64_to_u32_scaled(uint64_t a, int fbits, int rounding, FloatStatus *s);
int64_t f64_to_i64_scaled(uint64_t a, int fbits, int rounding, FloatStatus *s);
uint64_t f64_to_u64_scaled(uint64_t a, int fbits, int rounding, FloatStatus *s);

/* Integer -> float of a * 2^-fbits (fbits >= 0), rounded per s->rounding (Arm SCVTF /
 * UCVTF, fixed point when fbits > 0).  32-bit sources widen exactly (sign- or
 * zero-extend them).  A zero gives +0. */
uint32_t i64_to_f32_scaled(int64_t a, int fbits, FloatStatus *s);
uint32_t u64_to_f32_scaled(uint64_t a, int fbits, FloatStatus *s);
uint64_t i64_to_f64_scaled(int64_t a, int fbits, FloatStatus *s);
uint64_t u64_to_f64_scaled(uint64_t a, int fbits, FloatStatus *s);

#endif
