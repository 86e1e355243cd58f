/*
 * fp_cmp.S — A64 FCMP/FCMPE (registers and #0.0), FCCMP/FCCMPE (condition true and false:
 * a false condition sets the immediate flags and raises nothing), FCSEL; single and double.
 * NZCV as FPCompare gives it: 0110 equal, 1000 less, 0010 greater, 0011 unordered (NZCV is
 * preset to the complement, so every flag must be written); invalid for a signaling NaN, and
 * for any NaN with the E forms; FPCR.FZ flushes subnormal operands (IDC).  qemu-system-
 * aarch64 agrees.
 */
#include "harness.h"

#define IOC 0x01
#define IDC 0x80
#define FZ_ 0x1000000
#define SET_FPCR(v) LI(x27, v); msr fpcr, x27
#define EQ_ (FZ | FC)
#define LT_ FN
#define GT_ FC
#define UN_ (FC | FV)

#define TEST_CMP_D(n, mode, op, flags, a, b, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); LI(x2, b); fmov d1, x1; fmov d2, x2; \
    msr fpsr, xzr; SET_NZCV((~(flags)) & 15); op d1, d2; mrs x3, fpsr; CHECK_NZCV(flags); \
    CHECK(x3, fl)
#define TEST_CMP_S(n, mode, op, flags, a, b, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); LI(x2, b); fmov s1, w1; fmov s2, w2; \
    msr fpsr, xzr; SET_NZCV((~(flags)) & 15); op s1, s2; mrs x3, fpsr; CHECK_NZCV(flags); \
    CHECK(x3, fl)
#define TEST_CMPZ_D(n, mode, op, flags, a, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); fmov d1, x1; \
    msr fpsr, xzr; SET_NZCV((~(flags)) & 15); op d1, #0.0; mrs x3, fpsr; CHECK_NZCV(flags); \
    CHECK(x3, fl)
#define TEST_CMPZ_S(n, mode, op, flags, a, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); fmov s1, w1; \
    msr fpsr, xzr; SET_NZCV((~(flags)) & 15); op s1, #0.0; mrs x3, fpsr; CHECK_NZCV(flags); \
    CHECK(x3, fl)
/* NZCV = in, then op d1, d2, #imm, cond */
#define TEST_CCMP_D(n, op, flags, a, b, in, imm, cond, fl) \
    mov x28, #(n); LI(x1, a); LI(x2, b); fmov d1, x1; fmov d2, x2; \
    msr fpsr, xzr; SET_NZCV(in); op d1, d2, #(imm), cond; mrs x3, fpsr; CHECK_NZCV(flags); \
    CHECK(x3, fl)
#define TEST_CCMP_S(n, op, flags, a, b, in, imm, cond, fl) \
    mov x28, #(n); LI(x1, a); LI(x2, b); fmov s1, w1; fmov s2, w2; \
    msr fpsr, xzr; SET_NZCV(in); op s1, s2, #(imm), cond; mrs x3, fpsr; CHECK_NZCV(flags); \
    CHECK(x3, fl)
/* fcsel d0, d1, d2, cond with NZCV = in: d0 = res, upper half zeroed, NZCV kept */
#define TEST_CSEL_D(n, res, a, b, in, cond) \
    mov x28, #(n); LI(x1, a); LI(x2, b); fmov d1, x1; fmov d2, x2; fmov v0.d[1], x1; \
    msr fpsr, xzr; SET_NZCV(in); fcsel d0, d1, d2, cond; mrs x3, fpsr; CHECK_NZCV(in); \
    fmov x0, d0; CHECK(x0, res); CHECK(x3, 0); fmov x0, v0.d[1]; CHECK(x0, 0)
#define TEST_CSEL_S(n, res, a, b, in, cond) \
    mov x28, #(n); LI(x1, a); LI(x2, b); fmov s1, w1; fmov s2, w2; fmov v0.d[1], x1; \
    msr fpsr, xzr; SET_NZCV(in); fcsel s0, s1, s2, cond; mrs x3, fpsr; CHECK_NZCV(in); \
    fmov x0, d0; CHECK(x0, res); CHECK(x3, 0); fmov x0, v0.d[1]; CHECK(x0, 0)

#define D1 0x3ff0000000000000
#define D2 0x4000000000000000
#define DM1 0xbff0000000000000
#define DINF 0x7ff0000000000000
#define DNINF 0xfff0000000000000
#define DNZ 0x8000000000000000
#define QA 0x7ff8000000000123
#define SB 0x7ff0000000000456
#define S1 0x3f800000
#define S2 0x40000000

TEST_BEGIN
    TEST_CMP_D(1, 0, fcmp, LT_, D1, D2, 0)
    TEST_CMP_D(2, 0, fcmp, GT_, D2, D1, 0)
    TEST_CMP_D(3, 0, fcmp, EQ_, D1, D1, 0)
    TEST_CMP_D(4, 0, fcmp, UN_, QA, D1, 0)
    TEST_CMP_D(5, 0, fcmpe, UN_, QA, D1, IOC)
    TEST_CMP_D(6, 0, fcmp, UN_, SB, D1, IOC)
    TEST_CMP_D(7, 0, fcmp, EQ_, DNZ, 0, 0)
    TEST_CMP_D(8, 0, fcmp, EQ_, DINF, DINF, 0)
    TEST_CMP_D(9, 0, fcmp, LT_, DNINF, DINF, 0)
    TEST_CMP_D(10, 0, fcmp, UN_, D1, QA, 0)
    TEST_CMP_D(11, 0, fcmpe, LT_, D1, D2, 0)
    TEST_CMP_D(12, 0, fcmpe, UN_, D1, SB, IOC)
    TEST_CMP_D(13, 0, fcmp, UN_, QA, QA, 0)
    TEST_CMP_D(14, 0, fcmp, GT_, 0x0000000000000002, 1, 0)
    TEST_CMP_D(15, 0, fcmp, LT_, 0x8000000000000002, 0x8000000000000001, 0)
    TEST_CMPZ_D(16, 0, fcmp, EQ_, DNZ, 0)
    TEST_CMPZ_D(17, 0, fcmp, GT_, D1, 0)
    TEST_CMPZ_D(18, 0, fcmp, LT_, DM1, 0)
    TEST_CMPZ_D(19, 0, fcmpe, UN_, QA, IOC)
    TEST_CMPZ_D(20, 0, fcmp, UN_, QA, 0)
    TEST_CMPZ_D(21, 0, fcmp, GT_, 1, 0)
    /* FPCR.FZ: subnormals compare as zeros and raise IDC */
    TEST_CMPZ_D(22, FZ_, fcmp, EQ_, 1, IDC)
    TEST_CMPZ_D(23, FZ_, fcmpe, EQ_, 0x8000000000000001, IDC)
    TEST_CMP_D(24, FZ_, fcmp, EQ_, 2, 0x8000000000000001, IDC)
    TEST_CMP_D(25, FZ_, fcmp, UN_, QA, 1, IDC)
    TEST_CMP_D(26, FZ_, fcmp, LT_, 1, D1, IDC)
    /* single precision */
    TEST_CMP_S(27, 0, fcmp, LT_, S1, S2, 0)
    TEST_CMP_S(28, 0, fcmpe, UN_, 0x7fc00000, S1, IOC)
    TEST_CMP_S(29, 0, fcmp, UN_, 0x7f800001, S1, IOC)
    TEST_CMP_S(30, 0, fcmp, LT_, 0x7f7fffff, 0x7f800000, 0)
    TEST_CMP_S(31, 0, fcmp, EQ_, 0x80000000, 0, 0)
    TEST_CMP_S(32, 0, fcmp, GT_, S2, S1, 0)
    TEST_CMPZ_S(33, 0, fcmp, EQ_, 0x80000000, 0)
    TEST_CMPZ_S(34, 0, fcmp, LT_, 0xbf800000, 0)
    TEST_CMPZ_S(35, FZ_, fcmp, EQ_, 0x00000001, IDC)
    TEST_CMPZ_S(36, 0, fcmpe, UN_, 0x7fc00000, IOC)
    /* FCCMP / FCCMPE */
    TEST_CCMP_D(37, fccmp, LT_, D1, D2, FZ, 0xf, eq, 0)
    TEST_CCMP_D(38, fccmp, 0xf, D1, D2, 0, 0xf, eq, 0)
    TEST_CCMP_D(39, fccmpe, UN_, QA, D1, 0, 0, ne, IOC)
    TEST_CCMP_D(40, fccmpe, 5, QA, D1, 0, 5, eq, 0)
    TEST_CCMP_D(41, fccmp, 2, SB, D1, 0, 2, eq, 0)
    TEST_CCMP_D(42, fccmp, UN_, SB, D1, 0, 2, al, IOC)
    TEST_CCMP_D(43, fccmp, EQ_, D1, D1, 0, 0, nv, 0)
    TEST_CCMP_D(44, fccmp, 9, D2, D1, FZ, 9, gt, 0)
    TEST_CCMP_D(45, fccmp, GT_, D2, D1, FN | FV, 9, ge, 0)
    TEST_CCMP_D(46, fccmp, UN_, QA, D1, FC, 0, hi, 0)
    TEST_CCMP_S(47, fccmp, GT_, S2, S1, 0, 0, ge, 0)
    TEST_CCMP_S(48, fccmpe, 0, 0x7fc00000, S1, FN, 0, pl, 0)
    TEST_CCMP_S(49, fccmpe, UN_, 0x7fc00000, S1, FN, 0, mi, IOC)
    TEST_CCMP_S(50, fccmp, LT_, S1, S2, FV, 0xf, vs, 0)
    /* FCSEL: no NaN processing, no flags */
    TEST_CSEL_D(51, D1, D1, D2, FZ, eq)
    TEST_CSEL_D(52, D2, D1, D2, 0, eq)
    TEST_CSEL_D(53, SB, SB, D2, FC, cs)
    TEST_CSEL_D(54, D1, D1, D2, 0, al)
    TEST_CSEL_D(55, D1, D1, D2, 0, nv)
    TEST_CSEL_D(56, QA, D1, QA, FZ | FC, hi)
    TEST_CSEL_S(57, S1, S1, S2, FN, lt)
    TEST_CSEL_S(58, 0x7f800001, S1, 0x7f800001, FN | FV, lt)
    TEST_CSEL_S(59, S1, S1, S2, FN | FV, ge)
    TEST_CSEL_S(60, S2, S1, S2, FZ, gt)
    SET_FPCR(0)
    msr fpsr, xzr
    TEST_END
