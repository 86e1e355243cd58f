/*
 * test/unit/test_softfloat_arm.c — hand-checked cases of the soft-float parts the AArch64
 * front end needs: flush-to-zero against the other tininess rules, the host-FPU fast
 * path at the edge of the normal range, Arm's alternative half precision, round to odd,
 * FRINT ties, fixed-point conversions, and the Arm-only operations.  Each expected value
 * is derived in its comment from the ARM ARM pseudocode or IEEE 754 (and the same
 * instructions are checked wholesale against qemu-aarch64 in test_softfloat_arm_ref.c).
 */
#include "core/fpu/softfloat.h"
#include "core/fpu/softfloat_arm.h"
#include "test/unit/test.h"

enum { IX = FLOAT_FLAG_INEXACT, UF = FLOAT_FLAG_UNDERFLOW, OF = FLOAT_FLAG_OVERFLOW,
       DZ = FLOAT_FLAG_DIVBYZERO, NV = FLOAT_FLAG_INVALID, ID = FLOAT_FLAG_INPUT_DENORMAL };

static FloatStatus arm(int rounding, bool dn, bool fz)
{
    FloatStatus s = {(uint8_t)rounding, 0, true, float_nan_arm_select(dn, fz)};
    return s;
}

/* 2^-126 * (1 - 2^-24): tiny before rounding, rounds (RNE) to 2^-126. */
TEST(flush_vs_tininess)
{
    FloatStatus s = arm(FLOAT_RNE, false, true);
    CHECK_EQ_U64(f32_mul(0x00800000, 0x3f7fffff, &s), 0); /* FZ: flushed, UFC only */
    CHECK_EQ_U64(s.flags, UF);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_mul(0x00800000, 0x3f7fffff, &s), 0x00800000); /* Arm: tiny before */
    CHECK_EQ_U64(s.flags, UF | IX);
    /* 2^-126 - 2^-152 (c + a*b exactly): tiny before rounding, but not after (with an
     * unbounded exponent it rounds to 2^-126), so the three rules differ */
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_muladd(0x99800000, 0x19800000, 0x00800000, &s), 0x00800000);
    CHECK_EQ_U64(s.flags, UF | IX); /* Arm: tiny before rounding */
    FloatStatus rv = {FLOAT_RNE, 0, false, &float_nan_riscv};
    CHECK_EQ_U64(f32_muladd(0x99800000, 0x19800000, 0x00800000, &rv), 0x00800000);
    CHECK_EQ_U64(rv.flags, IX); /* RISC-V: tininess after rounding */
    s = arm(FLOAT_RNE, false, true);
    CHECK_EQ_U64(f32_muladd(0x99800000, 0x19800000, 0x00800000, &s), 0);
    CHECK_EQ_U64(s.flags, UF); /* FZ */
    /* an exact subnormal result is flushed too (FPRoundBase flushes before looking at
     * the error): 1.5 * 2^-126 - 2^-126 = 2^-127 */
    s = arm(FLOAT_RNE, false, true);
    CHECK_EQ_U64(f32_sub(0x00c00000, 0x00800000, &s), 0);
    CHECK_EQ_U64(s.flags, UF);
    s = arm(FLOAT_RNE, false, true);
    CHECK_EQ_U64(f32_mul(0x00800000, 0x3f000000, &s), 0x00000000); /* 2^-127 exact */
    CHECK_EQ_U64(s.flags, UF);
    s = arm(FLOAT_RDN, false, true);
    CHECK_EQ_U64(f32_mul(0x80800000, 0x3f000000, &s), 0x80000000); /* sign kept */
    CHECK_EQ_U64(s.flags, UF);
}

TEST(flush_inputs)
{
    FloatStatus s = arm(FLOAT_RNE, false, true);
    CHECK_EQ_U64(f32_add(0x00000001, 0x3f800000, &s), 0x3f800000); /* exact: no IXC */
    CHECK_EQ_U64(s.flags, ID);
    s = arm(FLOAT_RNE, false, true);
    CHECK_EQ_U64(f64_sqrt(0x800fffffffffffffull, &s), 0x8000000000000000ull); /* -0 */
    CHECK_EQ_U64(s.flags, ID);
    s = arm(FLOAT_RNE, false, true);
    CHECK(f32_eq(0x80000001, 0x00000000, &s)); /* -denormal == +0 */
    CHECK_EQ_U64(s.flags, ID);
    /* the flag comes before NaN processing: raised even though the result is the NaN */
    s = arm(FLOAT_RNE, false, true);
    CHECK_EQ_U64(f32_add(0x00000001, 0x7fc00001, &s), 0x7fc00001);
    CHECK_EQ_U64(s.flags, ID);
    /* without FZ the same operand is a number */
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_add(0x00000001, 0x00000001, &s), 0x00000002);
    CHECK_EQ_U64(s.flags, 0);
}

/* The host-FPU fast path (inexact already accrued) must agree with the soft-float path
 * when a product rounds up to the smallest normal from below: tiny before rounding
 * (Arm: underflow; FZ: zero) but not after.  Such pairs are searched among mantissas
 * near sqrt(2) times 2^-511. */
TEST(fast_path_smallest_normal)
{
    int found = 0;
    for (uint64_t k = 0; k < 64 * 64 && found < 20; k++) {
        uint64_t a = 0x1ff6a09e667f3bc0ull + k / 64; /* ~sqrt(2) * 2^-512 */
        uint64_t b = 0x2006a09e667f3bc0ull + k % 64; /* ~sqrt(2) * 2^-511 */
        FloatStatus exact = arm(FLOAT_RNE, false, false);
        uint64_t r = f64_mul(a, b, &exact); /* inexact clear: the soft-float path */
        if (r != 0x0010000000000000ull || !(exact.flags & UF)) {
            continue;
        }
        found++;
        FloatStatus fast = arm(FLOAT_RNE, false, false);
        fast.flags = IX;
        CHECK_EQ_U64(f64_mul(a, b, &fast), r);
        CHECK_EQ_U64(fast.flags, exact.flags);
        FloatStatus fz = arm(FLOAT_RNE, false, true);
        fz.flags = IX;
        CHECK_EQ_U64(f64_mul(a, b, &fz), 0);
        CHECK_EQ_U64(fz.flags, IX | UF);
    }
    CHECK(found > 0);
}

TEST(half_precision)
{
    FloatStatus s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_to_f16(0x477fe000, false, &s), 0x7bff); /* 65504 */
    CHECK_EQ_U64(s.flags, 0);
    CHECK_EQ_U64(f32_to_f16(0x477ff000, false, &s), 0x7c00); /* 65520: tie, rounds up */
    CHECK_EQ_U64(s.flags, OF | IX);
    s = arm(FLOAT_RTZ, false, false); /* truncates to 65504: no overflow */
    CHECK_EQ_U64(f32_to_f16(0x477ff000, false, &s), 0x7bff);
    CHECK_EQ_U64(s.flags, IX);
    s = arm(FLOAT_RTZ, false, false);
    CHECK_EQ_U64(f32_to_f16(0x47800000, false, &s), 0x7bff); /* 65536 */
    CHECK_EQ_U64(s.flags, OF | IX);
    /* alternative format: 65520 and 131008 are numbers, 131040 rounds to 2^17: invalid */
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_to_f16(0x477ff000, true, &s), 0x7c00); /* a tie: 65536 */
    CHECK_EQ_U64(s.flags, IX);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_to_f16(0x47ffe000, true, &s), 0x7fff);
    CHECK_EQ_U64(s.flags, 0);
    CHECK_EQ_U64(f32_to_f16(0xc7fff000, true, &s), 0xffff);
    CHECK_EQ_U64(s.flags, NV);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_to_f16(0xff800000, true, &s), 0xffff); /* -inf */
    CHECK_EQ_U64(s.flags, NV);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_to_f16(0xffc00000, true, &s), 0x8000); /* quiet NaN: -0, invalid */
    CHECK_EQ_U64(s.flags, NV);
    CHECK_EQ_U64(f16_to_f32(0x7c00, true, &s), 0x47800000);  /* 65536 */
    CHECK_EQ_U64(f16_to_f32(0x7c00, false, &s), 0x7f800000); /* inf */
    /* NaNs: payload kept and quieted (DN = 0), default NaN (DN = 1) */
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_to_f16(0xff812345, false, &s), 0xfe09);
    CHECK_EQ_U64(s.flags, NV);
    s = arm(FLOAT_RNE, true, false);
    CHECK_EQ_U64(f64_to_f16(0xfff0123456789abcull, false, &s), 0x7e00);
    CHECK_EQ_U64(f16_to_f64(0x7c01, false, &s), 0x7ff8000000000000ull);
    /* FZ flushes the single operand (IDC) but never a half result or operand */
    s = arm(FLOAT_RNE, false, true);
    CHECK_EQ_U64(f32_to_f16(0x00000001, false, &s), 0);
    CHECK_EQ_U64(s.flags, ID);
    s = arm(FLOAT_RNE, false, true);
    CHECK_EQ_U64(f32_to_f16(0x33800000, false, &s), 0x0001); /* 2^-24: half subnormal */
    CHECK_EQ_U64(f16_to_f32(0x0001, false, &s), 0x33800000);
    CHECK_EQ_U64(s.flags, 0);
}

TEST(round_to_odd)
{
    FloatStatus s = arm(FLOAT_RTO, false, false);
    CHECK_EQ_U64(f64_to_f32(0x3ff0000000400000ull, &s), 0x3f800001); /* 1 + 2^-30 */
    CHECK_EQ_U64(s.flags, IX);
    s = arm(FLOAT_RTO, false, false);
    CHECK_EQ_U64(f64_to_f32(0x3ff0000020000000ull, &s), 0x3f800001); /* 1 + 2^-23: exact */
    CHECK_EQ_U64(s.flags, 0);
    s = arm(FLOAT_RTO, false, false);
    CHECK_EQ_U64(f64_to_f32(0x3ff0000000000000ull, &s), 0x3f800000);
    CHECK_EQ_U64(s.flags, 0);
    s = arm(FLOAT_RTO, false, false);
    CHECK_EQ_U64(f64_to_f32(0xc7f0000000000000ull, &s), 0xff7fffff); /* -2^128: max */
    CHECK_EQ_U64(s.flags, OF | IX);
}

TEST(frint)
{
    FloatStatus s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_round_to_int(0x40200000, FLOAT_RNE, true, &s), 0x40000000); /* 2.5->2 */
    CHECK_EQ_U64(f32_round_to_int(0x40200000, FLOAT_RMM, false, &s), 0x40400000); /* ->3 */
    CHECK_EQ_U64(f32_round_to_int(0xc0200000, FLOAT_RMM, false, &s), 0xc0400000); /* -3 */
    CHECK_EQ_U64(f32_round_to_int(0xbecccccd, FLOAT_RNE, false, &s), 0x80000000); /* -0.4 */
    CHECK_EQ_U64(f32_round_to_int(0xbecccccd, FLOAT_RDN, false, &s), 0xbf800000); /* -1 */
    CHECK_EQ_U64(f64_round_to_int(0x0000000000000001ull, FLOAT_RUP, false, &s),
                 0x3ff0000000000000ull);
    CHECK_EQ_U64(s.flags, IX); /* only the exact (FRINTX) call raised it */
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_round_to_int(0x7f800001, FLOAT_RNE, false, &s), 0x7fc00001);
    CHECK_EQ_U64(s.flags, NV);
}

TEST(fixed_point)
{
    FloatStatus s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_to_i32_scaled(0x3fc00000, 1, FLOAT_RTZ, &s), 3); /* 1.5 * 2 */
    CHECK_EQ_U64(s.flags, 0);
    CHECK_EQ_U64(f64_to_u32_scaled(0xbfe0000000000000ull, 0, FLOAT_RTZ, &s), 0); /* -0.5 */
    CHECK_EQ_U64(s.flags, IX);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f64_to_u32_scaled(0xbff0000000000000ull, 0, FLOAT_RTZ, &s), 0); /* -1 */
    CHECK_EQ_U64(s.flags, NV);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64((uint32_t)f32_to_i32_scaled(0x7fc00000, 0, FLOAT_RTZ, &s), 0); /* NaN */
    CHECK_EQ_U64(s.flags, NV);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64((uint32_t)f32_to_i32_scaled(0x3f000000, 32, FLOAT_RTZ, &s), 0x7fffffff);
    CHECK_EQ_U64(s.flags, NV); /* 0.5 * 2^32 does not fit: saturates */
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_to_i32_scaled(0x40200000, 0, FLOAT_RMM, &s), 3); /* FCVTAS 2.5 */
    CHECK_EQ_U64(s.flags, IX);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(u64_to_f64_scaled(1, 64, &s), 0x3bf0000000000000ull); /* 2^-64 */
    CHECK_EQ_U64(i64_to_f32_scaled(-3, 1, &s), 0xbfc00000);           /* -1.5 */
    CHECK_EQ_U64(s.flags, 0);
    s = arm(FLOAT_RUP, false, false);
    CHECK_EQ_U64(i64_to_f32_scaled(0x01000001, 0, &s), 0x4b800001); /* 2^24+1 rounds up */
    CHECK_EQ_U64(s.flags, IX);
}

TEST(arm_ops)
{
    FloatStatus s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_arm_min(0x00000000, 0x80000000, &s), 0x80000000);
    CHECK_EQ_U64(f32_arm_max(0x80000000, 0x00000000, &s), 0x00000000);
    CHECK_EQ_U64(f32_arm_max(0x7fc00001, 0x3f800000, &s), 0x7fc00001);  /* FMAX: NaN */
    CHECK_EQ_U64(f32_arm_maxnm(0x7fc00001, 0x3f800000, &s), 0x3f800000); /* FMAXNM */
    CHECK_EQ_U64(f64_arm_minnm(0x3ff0000000000000ull, 0xfff8000000000000ull, &s),
                 0x3ff0000000000000ull);
    CHECK_EQ_U64(s.flags, 0);
    CHECK_EQ_U64(f32_arm_maxnm(0x7f800001, 0x3f800000, &s), 0x7fc00001); /* sNaN wins */
    CHECK_EQ_U64(s.flags, NV);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_arm_mulx(0x7f800000, 0x80000000, &s), 0xc0000000); /* inf * -0 = -2 */
    CHECK_EQ_U64(f32_arm_recps(0x7f800000, 0x00000000, &s), 0x40000000);
    CHECK_EQ_U64(f32_arm_rsqrts(0x00000000, 0xff800000, &s), 0x3fc00000);
    CHECK_EQ_U64(f32_arm_recps(0x3f800000, 0x40000000, &s), 0x00000000); /* 2 - 2 = +0 */
    CHECK_EQ_U64(s.flags, 0);
    CHECK_EQ_U64(f32_arm_recps(0x7fc00001, 0x3f800000, &s), 0xffc00001); /* negated NaN */
    /* RecipEstimate(256) = 511: 1/1.0 ~ 0x1.ffp-1; RecipSqrtEstimate(128) = 511 */
    CHECK_EQ_U64(f32_arm_recpe(0x3f800000, &s), 0x3f7f8000);
    CHECK_EQ_U64(f32_arm_rsqrte(0x3f800000, &s), 0x3f7f8000);
    CHECK_EQ_U64(f64_arm_recpx(0x3ff8000000000000ull, &s), 0x4000000000000000ull);
    CHECK_EQ_U64(f32_arm_recpx(0x00000001, &s), 0x7f000000);
    CHECK_EQ_U64(u32_arm_recpe(0x80000000u), 0xff800000u);
    CHECK_EQ_U64(u32_arm_recpe(0x7fffffffu), 0xffffffffu);
    CHECK_EQ_U64(u32_arm_rsqrte(0x40000000u), 0xff800000u);
    CHECK_EQ_U64(s.flags, 0);
    /* FRECPE of a value below 2^-128: overflow, to infinity or the largest finite by
     * rounding mode and sign */
    s = arm(FLOAT_RTZ, false, false);
    CHECK_EQ_U64(f32_arm_recpe(0x00100000, &s), 0x7f7fffff);
    CHECK_EQ_U64(s.flags, OF | IX);
    s = arm(FLOAT_RDN, false, false);
    CHECK_EQ_U64(f32_arm_recpe(0x80100000, &s), 0xff800000);
    s = arm(FLOAT_RNE, false, true); /* FZ: an estimate below 2^-126 is flushed */
    CHECK_EQ_U64(f32_arm_recpe(0x7e800000, &s), 0);
    CHECK_EQ_U64(s.flags, UF);
    s = arm(FLOAT_RNE, false, false);
    CHECK_EQ_U64(f32_arm_rsqrte(0xbf800000, &s), 0x7fc00000);
    CHECK_EQ_U64(s.flags, NV);
}

TEST(policy_select)
{
    CHECK(float_nan_arm_select(false, false) == &float_nan_arm);
    CHECK(float_nan_arm_select(true, false) == &float_nan_arm_dn);
    CHECK(float_nan_arm_select(false, true) == &float_nan_arm_fz);
    CHECK(float_nan_arm_select(true, true) == &float_nan_arm_dn_fz);
    CHECK(!float_nan_riscv.flush_inputs && !float_nan_riscv.flush_results);
}

int main(void)
{
    RUN(flush_vs_tininess);
    RUN(flush_inputs);
    RUN(fast_path_smallest_normal);
    RUN(half_precision);
    RUN(round_to_odd);
    RUN(frint);
    RUN(fixed_point);
    RUN(arm_ops);
    RUN(policy_select);
    return test_summary();
}
