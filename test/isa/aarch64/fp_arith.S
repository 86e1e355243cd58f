/*
 * fp_arith.S — A64 scalar FP arithmetic: FADD/FSUB/FMUL/FDIV/FNMUL, FSQRT, FMAX/FMIN/
 * FMAXNM/FMINNM, FMADD/FMSUB/FNMADD/FNMSUB (fused: one rounding), single and double, with
 * the FPSR flags after each operation: every rounding mode (FPCR.RMode), overflow and
 * underflow, NaN propagation (signaling first, then the first operand; the addend first for
 * the fused forms) and the default NaN with FPCR.DN, signed zeros, subnormals with and
 * without FPCR.FZ (IDC, UFC without IXC).  The upper half of the destination register must
 * be zeroed.  Values are IEEE 754 facts worked out by hand (the ARM ARM's FPRound/FPProcessNaNs);
 * qemu-system-aarch64 agrees.
 */
#include "harness.h"

#define IOC 0x01
#define DZC 0x02
#define OFC 0x04
#define UFC 0x08
#define IXC 0x10
#define IDC 0x80
#define RN 0x000000
#define RP 0x400000
#define RM 0x800000
#define RZ 0xc00000
#define DN 0x2000000
#define FZ_ 0x1000000
#define SET_FPCR(v) LI(x27, v); msr fpcr, x27

/* d0 = op(d1, d2) (FPCR = mode): result bits, FPSR, v0's upper half zeroed */
#define TEST_D2(n, mode, op, res, a, b, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); LI(x2, b); fmov d1, x1; fmov d2, x2; \
    fmov v0.d[1], x1; msr fpsr, xzr; op d0, d1, d2; mrs x3, fpsr; fmov x0, d0; \
    CHECK(x0, res); CHECK(x3, fl); fmov x0, v0.d[1]; CHECK(x0, 0)
#define TEST_S2(n, mode, op, res, a, b, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); LI(x2, b); fmov s1, w1; fmov s2, w2; \
    fmov v0.d[1], x1; msr fpsr, xzr; op s0, s1, s2; mrs x3, fpsr; fmov x0, d0; \
    CHECK(x0, res); CHECK(x3, fl); fmov x0, v0.d[1]; CHECK(x0, 0)
#define TEST_D1(n, mode, op, res, a, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); fmov d1, x1; \
    fmov v0.d[1], x1; msr fpsr, xzr; op d0, d1; mrs x3, fpsr; fmov x0, d0; \
    CHECK(x0, res); CHECK(x3, fl); fmov x0, v0.d[1]; CHECK(x0, 0)
#define TEST_S1(n, mode, op, res, a, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); fmov s1, w1; \
    fmov v0.d[1], x1; msr fpsr, xzr; op s0, s1; mrs x3, fpsr; fmov x0, d0; \
    CHECK(x0, res); CHECK(x3, fl); fmov x0, v0.d[1]; CHECK(x0, 0)
/* d0 = op(d1, d2, d3) */
#define TEST_D3(n, mode, op, res, a, b, c, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); LI(x2, b); LI(x3, c); fmov d1, x1; fmov d2, x2; \
    fmov d3, x3; fmov v0.d[1], x1; msr fpsr, xzr; op d0, d1, d2, d3; mrs x3, fpsr; \
    fmov x0, d0; CHECK(x0, res); CHECK(x3, fl); fmov x0, v0.d[1]; CHECK(x0, 0)
#define TEST_S3(n, mode, op, res, a, b, c, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); LI(x2, b); LI(x3, c); fmov s1, w1; fmov s2, w2; \
    fmov s3, w3; fmov v0.d[1], x1; msr fpsr, xzr; op s0, s1, s2, s3; mrs x3, fpsr; \
    fmov x0, d0; CHECK(x0, res); CHECK(x3, fl); fmov x0, v0.d[1]; CHECK(x0, 0)

#define D1 0x3ff0000000000000
#define D2 0x4000000000000000
#define D3 0x4008000000000000
#define DHALF 0x3fe0000000000000
#define DM1 0xbff0000000000000
#define DMAX 0x7fefffffffffffff
#define DMIN 0x0010000000000000
#define DINF 0x7ff0000000000000
#define DNINF 0xfff0000000000000
#define DNAN 0x7ff8000000000000
#define DNZ 0x8000000000000000
#define QA 0x7ff8000000000123
#define QC 0x7ff8000000000789
#define SB 0x7ff0000000000456
#define SBQ 0x7ff8000000000456
#define SD 0x7ff0000000000abc
#define S1 0x3f800000
#define S2 0x40000000
#define S3 0x40400000

TEST_BEGIN
    /* basic operations */
    TEST_D2(1, RN, fadd, 0x4008000000000000, D1, D2, 0)
    TEST_D2(2, RN, fsub, 0xbff0000000000000, D1, D2, 0)
    TEST_D2(3, RN, fmul, 0x4018000000000000, D2, D3, 0)
    TEST_D2(4, RN, fdiv, 0x3fd5555555555555, D1, D3, IXC)
    /* rounding modes: 1/3 and -1/3 */
    TEST_D2(5, RP, fdiv, 0x3fd5555555555556, D1, D3, IXC)
    TEST_D2(6, RM, fdiv, 0x3fd5555555555555, D1, D3, IXC)
    TEST_D2(7, RZ, fdiv, 0xbfd5555555555555, DM1, D3, IXC)
    TEST_D2(8, RM, fdiv, 0xbfd5555555555556, DM1, D3, IXC)
    TEST_D2(9, RP, fdiv, 0xbfd5555555555555, DM1, D3, IXC)
    TEST_D2(10, RZ, fdiv, 0x3fd5555555555555, D1, D3, IXC)
    /* ties: 1 + 2^-53 is halfway: to even (1.0); 1+2^-52 + 2^-53: up */
    TEST_D2(11, RN, fadd, D1, D1, 0x3ca0000000000000, IXC)
    TEST_D2(12, RN, fadd, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ca0000000000000, IXC)
    TEST_D2(13, RP, fadd, 0x3ff0000000000001, D1, 0x3ca0000000000000, IXC)
    /* invalid and divide by zero */
    TEST_D2(14, RN, fdiv, DINF, D1, 0, DZC)
    TEST_D2(15, RN, fdiv, DNINF, DM1, 0, DZC)
    TEST_D2(16, RN, fdiv, DNAN, 0, 0, IOC)
    TEST_D2(17, RN, fsub, DNAN, DINF, DINF, IOC)
    TEST_D2(18, RN, fmul, DNAN, DINF, 0, IOC)
    TEST_D2(19, RN, fdiv, 0, D1, DINF, 0)
    /* NaN propagation: signaling first (quieted, invalid), then the first operand */
    TEST_D2(20, RN, fadd, QA, QA, D1, 0)
    TEST_D2(21, RN, fadd, SBQ, D1, SB, IOC)
    TEST_D2(22, RN, fadd, SBQ, QA, SB, IOC)
    TEST_D2(23, RN, fadd, QA, QA, QC, 0)
    TEST_D2(24, RN, fmul, SBQ, SB, SD, IOC)
    TEST_D2(25, RN, fsub, 0xfff8000000000123, D1, 0xfff8000000000123, 0)
    /* FPCR.DN: the default NaN, invalid only for a signaling operand */
    TEST_D2(26, DN, fadd, DNAN, QA, D1, 0)
    TEST_D2(27, DN, fadd, DNAN, D1, SB, IOC)
    TEST_D2(28, DN, fdiv, DNAN, 0, 0, IOC)
    /* overflow in each rounding mode */
    TEST_D2(29, RN, fmul, DINF, DMAX, D2, OFC | IXC)
    TEST_D2(30, RZ, fmul, DMAX, DMAX, D2, OFC | IXC)
    TEST_D2(31, RM, fmul, DMAX, DMAX, D2, OFC | IXC)
    TEST_D2(32, RP, fmul, DINF, DMAX, D2, OFC | IXC)
    TEST_D2(33, RM, fmul, DNINF, 0xffefffffffffffff, D2, OFC | IXC)
    TEST_D2(34, RP, fmul, 0xffefffffffffffff, 0xffefffffffffffff, D2, OFC | IXC)
    TEST_D2(35, RN, fadd, DMAX, DMAX, 0x7c80000000000000, IXC) /* a quarter ulp */
    /* subnormal results: exact ones raise nothing, inexact ones UFC and IXC */
    TEST_D2(36, RN, fmul, 0x0008000000000000, DMIN, DHALF, 0)
    TEST_D2(37, RN, fmul, 0, 1, DHALF, UFC | IXC)
    TEST_D2(38, RN, fmul, 2, 3, DHALF, UFC | IXC)
    TEST_D2(39, RP, fmul, 1, 1, DHALF, UFC | IXC)
    TEST_D2(40, RN, fadd, 2, 1, 1, 0)
    /* the largest subnormal rounding up to the smallest normal is tiny before rounding */
    TEST_D2(41, RN, fmul, DMIN, 0x000fffffffffffff, 0x3ff0000000000001, UFC | IXC)
    /* FPCR.FZ: subnormal operands read as zero (IDC), tiny results flush (UFC, no IXC) */
    TEST_D2(42, FZ_, fmul, 0, DMIN, DHALF, UFC)
    TEST_D2(43, FZ_, fmul, 0, 1, D1, IDC)
    TEST_D2(44, FZ_, fmul, DNZ, 0x8000000000000001, D1, IDC)
    TEST_D2(45, FZ_, fadd, DMIN, 0x0008000000000000, DMIN, IDC)
    TEST_D2(46, FZ_, fmul, DNZ, DMIN, 0xbfe0000000000000, UFC)
    TEST_D2(47, FZ_, fadd, DMIN, DMIN, 0, 0)
    TEST_D2(48, FZ_ | DN, fadd, DNAN, 1, QA, IDC)
    TEST_D2(49, FZ_, fdiv, DINF, D1, 1, IDC | DZC)
    TEST_D2(50, FZ_, fmul, 0, DMIN, 0x3fefffffffffffff, UFC) /* tiny before rounding */
    /* signed zeros */
    TEST_D2(51, RN, fadd, DNZ, DNZ, DNZ, 0)
    TEST_D2(52, RN, fadd, 0, 0, DNZ, 0)
    TEST_D2(53, RM, fadd, DNZ, 0, DNZ, 0)
    TEST_D2(54, RN, fsub, 0, D1, D1, 0)
    TEST_D2(55, RM, fsub, DNZ, D1, D1, 0)
    TEST_D2(56, RN, fmul, DNZ, DM1, 0, 0)
    TEST_D2(57, RN, fdiv, DNZ, 0, DM1, 0)
    /* FNMUL: the product negated after rounding, a NaN result too */
    TEST_D2(58, RN, fnmul, 0xc018000000000000, D2, D3, 0)
    TEST_D2(59, RN, fnmul, DNZ, D2, 0, 0)
    TEST_D2(60, RN, fnmul, 0xfff8000000000123, QA, D1, 0)
    TEST_D2(61, RN, fnmul, 0xbfd5555555555555, 0x3fd5555555555555, D1, 0)
    TEST_D2(62, RP, fnmul, 0xbfd5555555555557, 0x3fd5555555555555, 0x3ff0000000000001, IXC)
    /* FSQRT */
    TEST_D1(63, RN, fsqrt, D2, 0x4010000000000000, 0)
    TEST_D1(64, RN, fsqrt, 0x3ff6a09e667f3bcd, D2, IXC)
    TEST_D1(65, RP, fsqrt, 0x3ff6a09e667f3bcd, D2, IXC)
    TEST_D1(66, RZ, fsqrt, 0x3ff6a09e667f3bcc, D2, IXC)
    TEST_D1(67, RN, fsqrt, DNAN, DM1, IOC)
    TEST_D1(68, RN, fsqrt, DNZ, DNZ, 0)
    TEST_D1(69, RN, fsqrt, DINF, DINF, 0)
    TEST_D1(70, RN, fsqrt, DNAN, DNINF, IOC)
    TEST_D1(71, RN, fsqrt, SBQ, SB, IOC)
    TEST_D1(72, FZ_, fsqrt, 0, 1, IDC)
    /* FMAX/FMIN: NaNs propagate; FMAXNM/FMINNM: a quiet NaN loses to a number */
    TEST_D2(73, RN, fmax, 0, DNZ, 0, 0)
    TEST_D2(74, RN, fmin, DNZ, 0, DNZ, 0)
    TEST_D2(75, RN, fmax, QA, D1, QA, 0)
    TEST_D2(76, RN, fmin, SBQ, SB, D1, IOC)
    TEST_D2(77, RN, fmaxnm, D1, D1, QA, 0)
    TEST_D2(78, RN, fminnm, D2, QA, D2, 0)
    TEST_D2(79, RN, fmaxnm, SBQ, D1, SB, IOC)
    TEST_D2(80, RN, fminnm, QA, QA, QC, 0)
    TEST_D2(81, RN, fmax, D2, D1, D2, 0)
    TEST_D2(82, RN, fmin, DNINF, D1, DNINF, 0)
    TEST_D2(83, RN, fmaxnm, 0, DNZ, 0, 0)
    TEST_D2(84, DN, fmax, DNAN, QA, D1, 0)
    TEST_D2(85, FZ_, fmin, DNZ, 0x8000000000000001, D1, IDC)
    TEST_D2(86, FZ_, fmaxnm, 0, 1, DNZ, IDC)
    /* fused multiply-add: one rounding */
    TEST_D3(87, RN, fmadd, 0xb970000000000000, 0x3ff0000000000001, 0x3feffffffffffffe, DM1, 0)
    TEST_D3(88, RN, fmadd, 0x401c000000000000, D2, D3, D1, 0)
    TEST_D3(89, RN, fmsub, 0xc014000000000000, D2, D3, D1, 0)
    TEST_D3(90, RN, fnmadd, 0xc01c000000000000, D2, D3, D1, 0)
    TEST_D3(91, RN, fnmsub, 0x4014000000000000, D2, D3, D1, 0)
    TEST_D3(92, RN, fmadd, DNAN, DINF, 0, QA, IOC)
    TEST_D3(93, RN, fmadd, QC, QA, D1, QC, 0)
    TEST_D3(94, RN, fmadd, SBQ, SB, D1, QC, IOC)
    TEST_D3(95, RN, fmsub, 0xfff8000000000123, QA, D1, D1, 0)
    TEST_D3(96, RN, fnmadd, 0xfff8000000000123, D1, D1, QA, 0)
    TEST_D3(97, RN, fnmsub, 0xfff8000000000123, D1, D1, QA, 0)
    TEST_D3(98, RN, fmadd, QA, D1, QA, D2, 0)
    TEST_D3(99, RN, fmadd, DNAN, DINF, D1, DNINF, IOC)
    TEST_D3(100, RN, fmadd, 0, D1, DNZ, 0, 0)
    TEST_D3(101, RM, fmadd, DNZ, D1, DNZ, 0, 0)
    TEST_D3(102, RN, fmadd, DINF, DMAX, D2, DM1, OFC | IXC)
    TEST_D3(103, DN, fmadd, DNAN, QA, D1, D1, 0)
    TEST_D3(104, RP, fmadd, D1, 0x3ff0000000000001, 0x3feffffffffffffe, 0, IXC)
    /* single precision */
    TEST_S2(105, RN, fadd, S3, S1, S2, 0)
    TEST_S2(106, RN, fdiv, 0x3eaaaaab, S1, S3, IXC)
    TEST_S2(107, RM, fdiv, 0x3eaaaaaa, S1, S3, IXC)
    TEST_S2(108, RZ, fdiv, 0xbeaaaaaa, 0xbf800000, S3, IXC)
    TEST_S2(109, RN, fadd, 0x7fc00123, 0x7fc00123, S1, 0)
    TEST_S2(110, RN, fadd, 0x7fc00456, S1, 0x7f800456, IOC)
    TEST_S2(111, DN, fadd, 0x7fc00000, 0x7fc00123, S1, 0)
    TEST_S2(112, RN, fmul, 0x7f800000, 0x7f7fffff, S2, OFC | IXC)
    TEST_S2(113, RN, fmul, 0x00400000, 0x00800000, 0x3f000000, 0)
    TEST_S2(114, RN, fmul, 0, 1, 0x3f000000, UFC | IXC)
    TEST_S2(115, FZ_, fmul, 0, 1, S1, IDC)
    TEST_S2(116, FZ_, fmul, 0, 0x00800000, 0x3f000000, UFC)
    TEST_S2(117, RN, fnmul, 0xc0c00000, S2, S3, 0)
    TEST_S2(118, RN, fdiv, 0x7fc00000, 0, 0, IOC)
    TEST_S2(119, RN, fsub, 0x80000000, 0x80000000, 0, 0)
    TEST_S2(120, RN, fmaxnm, S1, 0x7fc00000, S1, 0)
    TEST_S2(121, RN, fmin, 0x80000000, 0, 0x80000000, 0)
    TEST_S2(122, RN, fmax, 0x7fc00001, 0x7f800001, S1, IOC)
    TEST_S1(123, RN, fsqrt, 0x3fb504f3, S2, IXC)
    TEST_S1(124, RN, fsqrt, 0x7fc00000, 0xbf800000, IOC)
    TEST_S3(125, RN, fmadd, 0x40e00000, S2, S3, S1, 0)
    TEST_S3(126, RN, fnmsub, 0x40a00000, S2, S3, S1, 0)
    TEST_S3(127, RN, fmadd, 0x7fc00000, 0x7f800000, 0, 0x7fc00123, IOC)
    /* (1 + 2^-23)(1 - 2^-23) - 1 = -2^-46 exactly */
    TEST_S3(128, RN, fmadd, 0xa8800000, 0x3f800001, 0x3f7ffffe, 0xbf800000, 0)
    /* FPSR flags accumulate */
    mov x28, #129
    SET_FPCR(0)
    msr fpsr, xzr
    LI(x1, D1)
    LI(x2, D3)
    fmov d1, x1
    fmov d2, x2
    fdiv d0, d1, d2
    fmov d3, xzr
    fdiv d0, d1, d3
    mrs x3, fpsr
    CHECK(x3, IXC | DZC)
    fadd d0, d1, d2
    mrs x3, fpsr
    CHECK(x3, IXC | DZC)
    msr fpsr, xzr
    TEST_END
