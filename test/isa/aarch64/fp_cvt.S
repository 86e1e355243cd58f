/*
 * fp_cvt.S — A64 FP conversions: FCVT between half, single and double (NaN quieting and
 * payloads, FPCR.DN, overflow/underflow per rounding mode, FPCR.AHP's alternative half
 * precision, FPCR.FZ on the single/double side only), FRINTN/A/P/M/Z/I/X (ties, signed
 * zeros, inexact only for FRINTX), FCVT[NPMZA][SU] to W and X (saturation and NaN -> 0 with
 * invalid and no inexact; W results zero-extended), SCVTF/UCVTF from W and X, and the fixed-
 * point forms with #fbits.  The destination's upper bits must be zeroed.  qemu-system-aarch64
 * agrees.
 */
#include "harness.h"

#define IOC 0x01
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
#define AHP 0x4000000
#define SET_FPCR(v) LI(x27, v); msr fpcr, x27
#define JUNK 0xdeadbeefdeadbeef

/* FP -> FP: op <dt>0, <st>1 with the source loaded through fmov from x1/w1 */
#define TEST_FF(n, mode, op, dt, st, sr, res, a, fl) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); fmov d1, x1; LI(x2, JUNK); fmov d0, x2; \
    fmov v0.d[1], x2; msr fpsr, xzr; op dt##0, st##1; mrs x3, fpsr; fmov x0, d0; \
    CHECK(x0, res); CHECK(x3, fl); fmov x0, v0.d[1]; CHECK(x0, 0)
#define TEST_FF_DD(n, mode, op, res, a, fl) TEST_FF(n, mode, op, d, d, d, res, a, fl)
#define TEST_FF_SS(n, mode, op, res, a, fl) TEST_FF(n, mode, op, s, s, d, res, a, fl)
/* FP -> integer: op <r>0, <st>1; x0 starts as junk (a W result must zero-extend) */
#define TEST_FI(n, mode, op, r, st, res, a, fl, ...) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); fmov d1, x1; LI(x0, JUNK); msr fpsr, xzr; \
    op r##0, st##1, ## __VA_ARGS__; mrs x3, fpsr; CHECK(x0, res); CHECK(x3, fl)
/* integer -> FP: op <dt>0, <r>1 */
#define TEST_IF(n, mode, op, dt, r, res, a, fl, ...) \
    mov x28, #(n); SET_FPCR(mode); LI(x1, a); LI(x2, JUNK); fmov d0, x2; fmov v0.d[1], x2; \
    msr fpsr, xzr; op dt##0, r##1, ## __VA_ARGS__; mrs x3, fpsr; fmov x0, d0; CHECK(x0, res); \
    CHECK(x3, fl); fmov x0, v0.d[1]; CHECK(x0, 0)

#define D1 0x3ff0000000000000
#define D2 0x4000000000000000
#define D3 0x4008000000000000
#define D2_5 0x4004000000000000
#define DM2_5 0xc004000000000000
#define DM2 0xc000000000000000
#define DM3 0xc008000000000000
#define DTHIRD 0x3fd5555555555555
#define DMAX 0x7fefffffffffffff
#define DINF 0x7ff0000000000000
#define DNINF 0xfff0000000000000
#define DNAN 0x7ff8000000000000
#define DNZ 0x8000000000000000

TEST_BEGIN
    /* single <-> double */
    TEST_FF(1, RN, fcvt, d, s, s, D1, 0x3f800000, 0)
    TEST_FF(2, RN, fcvt, d, s, s, 0x7ff8000020000000, 0x7f800001, IOC)
    TEST_FF(3, RN, fcvt, d, s, s, 0xfff8002460000000, 0xffc00123, 0)
    TEST_FF(4, DN, fcvt, d, s, s, DNAN, 0x7fc00123, 0)
    TEST_FF(5, RN, fcvt, d, s, s, 0x36a0000000000000, 0x00000001, 0)
    TEST_FF(6, FZ_, fcvt, d, s, s, 0, 0x00000001, IDC)
    TEST_FF(7, RN, fcvt, s, d, d, 0x3eaaaaab, DTHIRD, IXC)
    TEST_FF(8, RM, fcvt, s, d, d, 0x3eaaaaaa, DTHIRD, IXC)
    TEST_FF(9, RN, fcvt, s, d, d, 0x7f800000, DMAX, OFC | IXC)
    TEST_FF(10, RZ, fcvt, s, d, d, 0x7f7fffff, DMAX, OFC | IXC)
    TEST_FF(11, RN, fcvt, s, d, d, 0, 0x0010000000000000, UFC | IXC)
    TEST_FF(12, RN, fcvt, s, d, d, 0x00000200, 0x3730000000000000, 0)
    TEST_FF(13, FZ_, fcvt, s, d, d, 0, 0x3730000000000000, UFC)
    TEST_FF(14, RN, fcvt, s, d, d, 0x7fc00000, 0x7ff0000000000001, IOC)
    TEST_FF(15, RN, fcvt, s, d, d, 0x7fc00001, 0x7ff8000020000000, 0)
    TEST_FF(16, RN, fcvt, s, d, d, 0xff800000, DNINF, 0)
    TEST_FF(17, RP, fcvt, s, d, d, 0x00000001, 0x0000000000000001, UFC | IXC)
    /* single -> half, IEEE and alternative (AHP) */
    TEST_FF(18, RN, fcvt, h, s, s, 0x3c00, 0x3f800000, 0)
    TEST_FF(19, RN, fcvt, h, s, s, 0x7bff, 0x477fe000, 0)
    TEST_FF(20, RN, fcvt, h, s, s, 0x7c00, 0x477ff000, OFC | IXC)
    TEST_FF(21, RN, fcvt, h, s, s, 0x7bff, 0x477fef00, IXC)
    TEST_FF(22, RZ, fcvt, h, s, s, 0x7bff, 0x7f800000 - 0x800000, OFC | IXC)
    TEST_FF(23, AHP, fcvt, h, s, s, 0x7c00, 0x477ff000, IXC)
    TEST_FF(24, AHP, fcvt, h, s, s, 0x7fff, 0x7f800000, IOC)
    TEST_FF(25, AHP, fcvt, h, s, s, 0x0000, 0x7fc00000, IOC)
    TEST_FF(26, AHP, fcvt, h, s, s, 0x8000, 0xffc00000, IOC)
    TEST_FF(27, AHP, fcvt, h, s, s, 0x7fff, 0x47ffe000, 0)
    TEST_FF(28, AHP, fcvt, h, s, s, 0x7fff, 0x48435000, IOC)
    TEST_FF(29, RN, fcvt, h, s, s, 0x0001, 0x33800000, 0)
    TEST_FF(30, RN, fcvt, h, s, s, 0x0000, 0x33000000, UFC | IXC)
    TEST_FF(31, RN, fcvt, h, s, s, 0x7e00, 0x7f800001, IOC)
    TEST_FF(32, RN, fcvt, h, s, s, 0x7e01, 0x7fc02000, 0)
    TEST_FF(33, DN, fcvt, h, s, s, 0x7e00, 0x7fc02000, 0)
    TEST_FF(34, RN, fcvt, h, s, s, 0xfc00, 0xff800000, 0)
    TEST_FF(35, FZ_, fcvt, h, s, s, 0x0000, 0x00000001, IDC)
    /* half -> single / double */
    TEST_FF(36, RN, fcvt, s, h, s, 0x3f800000, 0x3c00, 0)
    TEST_FF(37, RN, fcvt, s, h, s, 0x7f800000, 0x7c00, 0)
    TEST_FF(38, AHP, fcvt, s, h, s, 0x47800000, 0x7c00, 0)
    TEST_FF(39, RN, fcvt, s, h, s, 0x33800000, 0x0001, 0)
    TEST_FF(40, RN, fcvt, s, h, s, 0x7fc02000, 0x7c01, IOC)
    TEST_FF(41, AHP, fcvt, s, h, s, 0x47ffe000, 0x7fff, 0)
    TEST_FF(42, FZ_, fcvt, s, h, s, 0x33800000, 0x0001, 0)
    TEST_FF(43, RN, fcvt, d, h, s, D1, 0x3c00, 0)
    TEST_FF(44, RN, fcvt, d, h, s, DNINF, 0xfc00, 0)
    TEST_FF(45, DN, fcvt, d, h, s, DNAN, 0xfe01, 0)
    /* double -> half */
    TEST_FF(46, RN, fcvt, h, d, d, 0x3555, DTHIRD, IXC)
    TEST_FF(47, RN, fcvt, h, d, d, 0x7c00, DMAX, OFC | IXC)
    TEST_FF(48, AHP, fcvt, h, d, d, 0x7fff, DMAX, IOC)
    TEST_FF(49, FZ_, fcvt, h, d, d, 0x0000, 0x0000000000000001, IDC)
    TEST_FF(50, RP, fcvt, h, d, d, 0x3556, DTHIRD, IXC)
    /* FRINT*: 2.5, -2.5 */
    TEST_FF_DD(51, RN, frintn, D2, D2_5, 0)
    TEST_FF_DD(52, RN, frinta, D3, D2_5, 0)
    TEST_FF_DD(53, RN, frintp, D3, D2_5, 0)
    TEST_FF_DD(54, RN, frintm, D2, D2_5, 0)
    TEST_FF_DD(55, RN, frintz, D2, D2_5, 0)
    TEST_FF_DD(56, RN, frintx, D2, D2_5, IXC)
    TEST_FF_DD(57, RN, frinti, D2, D2_5, 0)
    TEST_FF_DD(58, RN, frintn, DM2, DM2_5, 0)
    TEST_FF_DD(59, RN, frinta, DM3, DM2_5, 0)
    TEST_FF_DD(60, RN, frintp, DM2, DM2_5, 0)
    TEST_FF_DD(61, RN, frintm, DM3, DM2_5, 0)
    TEST_FF_DD(62, RN, frintz, DM2, DM2_5, 0)
    TEST_FF_DD(63, RN, frintn, DNZ, 0xbfd999999999999a, 0)
    TEST_FF_DD(64, RN, frintp, DNZ, 0xbfd999999999999a, 0)
    TEST_FF_DD(65, RN, frintm, 0, 0x3fd999999999999a, 0)
    TEST_FF_DD(66, RN, frinta, D1, 0x3fe0000000000000, 0)
    TEST_FF_DD(67, RN, frinta, 0xbff0000000000000, 0xbfe0000000000000, 0)
    TEST_FF_DD(68, RN, frintx, D3, D3, 0)
    TEST_FF_DD(69, RP, frinti, D3, D2_5, 0)
    TEST_FF_DD(70, RM, frintx, D2, D2_5, IXC)
    TEST_FF_DD(71, RZ, frinti, DM2, DM2_5, 0)
    TEST_FF_DD(72, RM, frintx, DM3, DM2_5, IXC)
    TEST_FF_DD(73, RN, frintn, 0x7ff8000000000001, 0x7ff0000000000001, IOC)
    TEST_FF_DD(74, RN, frintz, DINF, DINF, 0)
    TEST_FF_DD(75, RN, frintn, 0x4330000000000001, 0x4330000000000001, 0)
    TEST_FF_DD(76, FZ_, frintp, 0, 0x0000000000000001, IDC)
    TEST_FF_DD(77, RN, frintp, D1, 0x0000000000000001, 0)
    TEST_FF_DD(78, DN, frintn, DNAN, 0x7ff8000000000001, 0)
    TEST_FF_SS(79, RN, frintn, 0x40000000, 0x3fc00000, 0)
    TEST_FF_SS(80, RN, frintn, 0x00000000, 0x3f000000, 0)
    TEST_FF_SS(81, RN, frinta, 0x3f800000, 0x3f000000, 0)
    TEST_FF_SS(82, RN, frintx, 0x40000000, 0x3fc00000, IXC)
    TEST_FF_SS(83, RN, frintm, 0xc0000000, 0xbfc00000, 0)
    TEST_FF_SS(84, RN, frintz, 0x4b000001, 0x4b000001, 0)
    TEST_FF_SS(85, RP, frinti, 0x3f800000, 0x00000001, 0)
    /* FP -> integer */
    TEST_FI(86, RN, fcvtzs, w, d, 2, D2_5, IXC)
    TEST_FI(87, RN, fcvtns, w, d, 2, D2_5, IXC)
    TEST_FI(88, RN, fcvtas, w, d, 3, D2_5, IXC)
    TEST_FI(89, RN, fcvtps, w, d, 3, D2_5, IXC)
    TEST_FI(90, RN, fcvtms, w, d, 0xfffffffd, DM2_5, IXC)
    TEST_FI(91, RN, fcvtns, w, d, 4, 0x400c000000000000, IXC)
    TEST_FI(92, RP, fcvtzs, w, d, 3, D3, 0)
    TEST_FI(93, RN, fcvtzs, w, d, 0x7fffffff, 0x4202a05f20000000, IOC)
    TEST_FI(94, RN, fcvtzs, w, d, 0x80000000, 0xc202a05f20000000, IOC)
    TEST_FI(95, RN, fcvtzu, w, d, 0, 0xbff0000000000000, IOC)
    TEST_FI(96, RN, fcvtzu, w, d, 0, 0xbfe0000000000000, IXC)
    TEST_FI(97, RN, fcvtzs, x, d, 0, DNAN, IOC)
    TEST_FI(98, RN, fcvtzs, x, d, 0x7fffffffffffffff, 0x43e0000000000000, IOC)
    TEST_FI(99, RN, fcvtzs, x, d, 0x8000000000000000, 0xc3e0000000000000, 0)
    TEST_FI(100, RN, fcvtzu, x, d, 0xffffffffffffffff, DINF, IOC)
    TEST_FI(101, RN, fcvtzu, x, d, 0xfffffffffffff800, 0x43efffffffffffff, 0)
    TEST_FI(102, RN, fcvtzu, w, d, 0xffffffff, 0x41effffffff00000, IXC)
    TEST_FI(103, RN, fcvtau, w, d, 0xffffffff, 0x41effffffff00000, IOC)
    TEST_FI(104, RN, fcvtns, x, d, 0, 0x3fe0000000000000, IXC)
    TEST_FI(105, RN, fcvtas, x, d, 0xffffffffffffffff, 0xbfe0000000000000, IXC)
    TEST_FI(106, RN, fcvtps, x, d, 0, 0xbfe0000000000000, IXC)
    TEST_FI(107, RN, fcvtmu, x, d, 2, D2_5, IXC)
    TEST_FI(108, RN, fcvtpu, w, d, 3, D2_5, IXC)
    TEST_FI(109, RN, fcvtnu, w, d, 0, DNINF, IOC)
    TEST_FI(110, RN, fcvtau, x, d, 3, D2_5, IXC)
    TEST_FI(111, RN, fcvtms, x, d, 0x8000000000000000, DNINF, IOC)
    TEST_FI(112, RN, fcvtzs, w, s, 0xffffffff, 0xbfc00000, IXC)
    TEST_FI(113, RN, fcvtzu, x, s, 0xffffffffffffffff, 0x5f800000, IOC)
    TEST_FI(114, RN, fcvtzs, x, s, 0x8000000000000000, 0xdf000000, 0)
    TEST_FI(115, RN, fcvtms, w, s, 0, 0x7fc00000, IOC)
    TEST_FI(116, RN, fcvtas, x, s, 3, 0x40200000, IXC)
    TEST_FI(117, RN, fcvtnu, w, s, 0xffffffff, 0x4f800000, IOC)
    TEST_FI(118, FZ_, fcvtzs, w, d, 0, 0x0000000000000001, IDC)
    TEST_FI(119, RN, fcvtzs, w, d, 0, 0x0000000000000001, IXC)
    TEST_FI(120, RN, fcvtps, w, d, 1, 0x0000000000000001, IXC)
    TEST_FI(121, FZ_, fcvtps, w, d, 0, 0x0000000000000001, IDC)
    /* integer -> FP */
    TEST_IF(122, RN, scvtf, d, x, 0xbff0000000000000, 0xffffffffffffffff, 0)
    TEST_IF(123, RN, scvtf, s, x, 0x5f000000, 0x7fffffffffffffff, IXC)
    TEST_IF(124, RN, ucvtf, d, x, 0x43f0000000000000, 0xffffffffffffffff, IXC)
    TEST_IF(125, RN, scvtf, d, w, 0xbff0000000000000, 0x12345678ffffffff, 0)
    TEST_IF(126, RN, ucvtf, d, w, 0x41efffffffe00000, 0x12345678ffffffff, 0)
    TEST_IF(127, RN, scvtf, s, x, 0x4b800000, 16777217, IXC)
    TEST_IF(128, RP, scvtf, s, x, 0x4b800001, 16777217, IXC)
    TEST_IF(129, RM, scvtf, s, x, 0xcb800001, 0xfffffffffeffffff, IXC)
    TEST_IF(130, RM, scvtf, d, x, 0, 0, 0)
    TEST_IF(131, RN, ucvtf, s, w, 0x4f000000, 0x80000001, IXC)
    TEST_IF(132, RN, scvtf, d, x, 0xc3e0000000000000, 0x8000000000000000, 0)
    TEST_IF(133, RZ, ucvtf, s, x, 0x5f7fffff, 0xffffffffffffffff, IXC)
    TEST_IF(134, RN, scvtf, s, w, 0xcf000000, 0x80000000, 0)
    /* fixed point */
    TEST_FI(135, RN, fcvtzs, w, d, 40, D2_5, 0, #4)
    TEST_IF(136, RN, scvtf, d, w, D2_5, 40, 0, #4)
    TEST_FI(137, RN, fcvtzs, x, d, 0x7fffffffffffffff, 0x3fe0000000000000, IOC, #64)
    TEST_IF(138, RN, ucvtf, d, x, 0x3fe0000000000000, 0x8000000000000000, 0, #64)
    TEST_FI(139, RN, fcvtzu, w, s, 2, 0x3fa00000, IXC, #1)
    TEST_IF(140, RN, scvtf, s, x, 0x3fc00000, 3, 0, #1)
    TEST_FI(141, RN, fcvtzs, w, d, 0x80000000, 0xbfe0000000000000, 0, #32)
    TEST_FI(142, RN, fcvtzs, w, d, 0x7fffffff, 0x3fe0000000000000, IOC, #32)
    TEST_IF(143, RN, ucvtf, s, w, 0x3f000000, 0x80000000, 0, #32)
    TEST_FI(144, RN, fcvtzu, x, d, 0, 0xbfd0000000000000, IXC, #1)
    TEST_IF(145, RN, scvtf, d, x, 0x3fc0000000000000, 1, 0, #3)
    TEST_IF(146, RN, scvtf, s, w, 0xbf800000, 0xffffffff80000000, 0, #31)
    TEST_FI(147, RN, fcvtzu, x, s, 0xffffffffffffffff, 0x4f800000, IOC, #33)
    TEST_IF(148, RP, ucvtf, s, x, 0x33800001, 0x0000010000000001, IXC, #64)
    SET_FPCR(0)
    msr fpsr, xzr
    TEST_END
