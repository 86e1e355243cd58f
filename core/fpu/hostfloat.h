/*
 * core/fpu/hostfloat.h — a fast path for the soft-float library: let the host's FPU do an
 * add, sub, mul, div or sqrt when its result is provably the one the soft-float code would
 * give, flags included.  (QEMU calls the same idea "hardfloat".)
 *
 * When it applies: round-to-nearest-even (what Wasm's and SSE2's f32/f64 instructions do,
 * correctly rounded per IEEE 754), the inexact flag already raised (so whether this
 * operation is exact no longer matters: the flags cannot change), every operand a normal
 * number or zero (no NaN, infinity or subnormal: no invalid, no NaN payload rules), and a
 * result that is neither infinite (overflow) nor below the normal range (underflow, whose
 * detection depends on tininess rules).  Anything else returns false and the caller takes
 * the exact soft-float path.  "Below the normal range" includes the smallest normal number
 * itself: a result that rounded up to it may have been tiny before rounding, which matters
 * for underflow under tininess_before_rounding (Arm) and for flush-to-zero.
 *
 * Flush-to-zero (FloatNanPolicy.flush_inputs / flush_results) cannot change a result taken
 * here either: no operand is subnormal and the result is above the smallest normal.
 *
 * NaN policies (FloatNanPolicy) cannot change a result taken here: no operand is a NaN or
 * an infinity, and no operation on normal numbers and zeros that gets past the checks is
 * invalid (0/0 and x/0 and sqrt of a negative are refused), so the host never makes a
 * NaN (whose sign and payload would be the host's, not the guest's).
 *
 * Only hosts whose C float/double arithmetic is IEEE binary32/binary64 without excess
 * precision use it (FLT_EVAL_METHOD == 0): Wasm, x86-64 (SSE2), AArch64.
 */
#ifndef CORE_FPU_HOSTFLOAT_H
#define CORE_FPU_HOSTFLOAT_H

#include <float.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/fpu/softfloat.h"

#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0 && \
    (defined(__wasm__) || defined(__x86_64__) || defined(__aarch64__))
#define HOSTFLOAT_OK 1
#else
#define HOSTFLOAT_OK 0
#endif

enum { HF_ADD, HF_SUB, HF_MUL, HF_DIV, HF_SQRT };

static inline bool hf_usable(const FloatStatus *s)
{
    return HOSTFLOAT_OK && s->rounding == FLOAT_RNE && (s->flags & FLOAT_FLAG_INEXACT);
}

/* normal or zero: the exponent field is neither all ones nor (for a nonzero value) zero */
static inline bool hf_normal_or_zero64(uint64_t a)
{
    uint64_t e = (a >> 52) & 0x7ff;
    return e != 0x7ff && (e != 0 || (a << 1) == 0);
}

static inline bool hf_normal_or_zero32(uint32_t a)
{
    uint32_t e = (a >> 23) & 0xff;
    return e != 0xff && (e != 0 || (a << 1) == 0);
}

static inline bool hf_is_zero64(uint64_t a)
{
    return (a << 1) == 0;
}

static inline bool hf_is_zero32(uint32_t a)
{
    return (a << 1) == 0;
}

/*
 * The operation on binary64 patterns.  Returns false (nothing written) when the host
 * result cannot be trusted to equal the soft-float one; the caller then computes it.
 */
static inline bool hf_op64(int op, uint64_t a, uint64_t b, uint64_t *out, const FloatStatus *s)
{
    if (!hf_usable(s) || !hf_normal_or_zero64(a) || (op != HF_SQRT && !hf_normal_or_zero64(b))) {
        return false;
    }
    double x, y = 0, r;
    memcpy(&x, &a, 8);
    memcpy(&y, &b, 8);
    switch (op) {
    case HF_ADD: r = x + y; break;
    case HF_SUB: r = x - y; break;
    case HF_MUL: r = x * y; break;
    case HF_DIV:
        if (hf_is_zero64(b)) {
            return false; /* division by zero (or 0/0): flags */
        }
        r = x / y;
        break;
    default:
        if (x < 0) {
            return false; /* invalid */
        }
        r = __builtin_sqrt(x);
        break;
    }
    double mag = __builtin_fabs(r);
    if (mag > DBL_MAX) {
        return false; /* overflow */
    }
    if (mag <= DBL_MIN) {
        /* a zero is exact only when an operand made it so (x * 0, 0 / y, x - x, sqrt 0);
         * anything else down here underflowed */
        bool exact_zero = r == 0 && (op == HF_ADD || op == HF_SUB || hf_is_zero64(a) ||
                                     (op == HF_MUL && hf_is_zero64(b)));
        if (!exact_zero) {
            return false;
        }
    }
    memcpy(out, &r, 8);
    return true;
}

static inline bool hf_op32(int op, uint32_t a, uint32_t b, uint32_t *out, const FloatStatus *s)
{
    if (!hf_usable(s) || !hf_normal_or_zero32(a) || (op != HF_SQRT && !hf_normal_or_zero32(b))) {
        return false;
    }
    float x, y = 0, r;
    memcpy(&x, &a, 4);
    memcpy(&y, &b, 4);
    switch (op) {
    case HF_ADD: r = x + y; break;
    case HF_SUB: r = x - y; break;
    case HF_MUL: r = x * y; break;
    case HF_DIV:
        if (hf_is_zero32(b)) {
            return false;
        }
        r = x / y;
        break;
    default:
        if (x < 0) {
            return false;
        }
        r = __builtin_sqrtf(x);
        break;
    }
    float mag = __builtin_fabsf(r);
    if (mag > FLT_MAX) {
        return false;
    }
    if (mag <= FLT_MIN) {
        bool exact_zero = r == 0 && (op == HF_ADD || op == HF_SUB || hf_is_zero32(a) ||
                                     (op == HF_MUL && hf_is_zero32(b)));
        if (!exact_zero) {
            return false;
        }
    }
    memcpy(out, &r, 4);
    return true;
}

#endif
