/*
 * rv64d_misc.S — RV64D non-arithmetic instructions: fld/fsd, fmv.x.d/fmv.d.x, fsgnj/fsgnjn/
 * fsgnjx.d, fmin/fmax.d (-0 < +0, quiet and signalling NaNs), feq/flt/fle.d, fclass.d,
 * fcvt.d.s (exact; NaN -> canonical NaN, NV for sNaN) and fcvt.s.d in every rounding mode
 * (overflow, underflow, NaN), writes to x0, and an invalid static rounding mode.
 */
#include "harness.h"

#define P1   0x3ff0000000000000
#define M1   0xbff0000000000000
#define P2   0x4000000000000000
#define PZ   0x0000000000000000
#define MZ   0x8000000000000000
#define PINF 0x7ff0000000000000
#define MINF 0xfff0000000000000
#define QNAN 0x7ff8000000000000
#define QNANP 0x7ff8000000054321
#define SNAN 0x7ff0000000012345
#define CNAN 0x7ff8000000000000

#define TEST_CMP(n, op, result, flags, x, y) \
    TEST_FP_X(n, a0, result, flags, LOAD_D(fa1, x); LOAD_D(fa2, y); op a0, fa1, fa2)
#define TEST_MINMAX(n, op, result, flags, x, y) \
    TEST_FP_D(n, fa0, result, flags, LOAD_D(fa1, x); LOAD_D(fa2, y); op fa0, fa1, fa2)
#define TEST_CLASS(n, result, x) \
    TEST_FP_X(n, a0, result, 0, LOAD_D(fa1, x); fclass.d a0, fa1)

    .data
    .balign 16
dbuf:
    .dword 0x400921fb54442d18, 0xc00921fb54442d18, 0x7ff0000000012345, 0

TEST_BEGIN
    csrwi frm, RM_RNE
    TEST_CASE(1, a0, 0x400921fb54442d18, la a1, dbuf; fld fa0, 0(a1); fmv.x.d a0, fa0)
    TEST_CASE(2, a0, 0xc00921fb54442d18, la a1, dbuf + 2048 + 8; fld fa0, -2048(a1); fmv.x.d a0, fa0)
    TEST_CASE(3, a0, 0x7ff0000000012345, la a1, dbuf; fld fa0, 16(a1); fmv.x.d a0, fa0)
    TEST_NUM(4)
    la a1, dbuf
    li a2, 0x1122334455667788
    fmv.d.x fa0, a2
    fsd fa0, 24(a1)
    ld a0, 24(a1)
    CHECK(a0, 0x1122334455667788)
    LOAD_S(fa1, 0x3f800000)     /* fsd of a boxed single stores all 64 bits */
    fsd fa1, 24(a1)
    ld a0, 24(a1)
    CHECK(a0, 0xffffffff3f800000)
    TEST_CASE(5, a0, 0x8000000000000000, li a1, 0x8000000000000000; fmv.d.x fa1, a1; fmv.x.d a0, fa1)
    /* a boxed single read as a double is a NaN */
    TEST_FP_D(6, fa0, CNAN, 0, LOAD_S(fa1, 0x3f800000); LOAD_D(fa2, P1); fadd.d fa0, fa1, fa2)

    TEST_MINMAX(7, fsgnj.d, 0xbff0000000000000, 0, P1, M1)
    TEST_MINMAX(8, fsgnjn.d, 0x3ff0000000000000, 0, P1, M1)
    TEST_MINMAX(9, fsgnjn.d, 0xbff0000000000000, 0, P1, P2)
    TEST_MINMAX(10, fsgnjx.d, 0xbff0000000000000, 0, P1, M1)
    TEST_MINMAX(11, fsgnjx.d, 0x3ff0000000000000, 0, M1, M1)
    TEST_MINMAX(12, fsgnjx.d, 0xfff0000000012345, 0, SNAN, M1)
    TEST_FP_D(13, fa0, 0x7ff8000000054321, 0, LOAD_D(fa1, QNANP); fmv.d fa0, fa1)
    TEST_FP_D(14, fa0, P1, 0, LOAD_D(fa1, M1); fabs.d fa0, fa1)
    TEST_FP_D(15, fa0, MZ, 0, LOAD_D(fa1, PZ); fneg.d fa0, fa1)

    TEST_MINMAX(16, fmin.d, P1, 0, P1, P2)
    TEST_MINMAX(17, fmax.d, P2, 0, P1, P2)
    TEST_MINMAX(18, fmin.d, MZ, 0, PZ, MZ)
    TEST_MINMAX(19, fmin.d, MZ, 0, MZ, PZ)
    TEST_MINMAX(20, fmax.d, PZ, 0, PZ, MZ)
    TEST_MINMAX(21, fmax.d, PZ, 0, MZ, PZ)
    TEST_MINMAX(22, fmin.d, P1, 0, QNAN, P1)
    TEST_MINMAX(23, fmax.d, M1, 0, M1, QNANP)
    TEST_MINMAX(24, fmin.d, P1, FF_NV, SNAN, P1)
    TEST_MINMAX(25, fmax.d, P1, FF_NV, P1, SNAN)
    TEST_MINMAX(26, fmin.d, CNAN, 0, QNANP, QNANP)
    TEST_MINMAX(27, fmax.d, CNAN, FF_NV, SNAN, QNANP)
    TEST_MINMAX(28, fmin.d, MINF, 0, MINF, PINF)

    TEST_CMP(29, feq.d, 1, 0, P1, P1)
    TEST_CMP(30, feq.d, 1, 0, PZ, MZ)
    TEST_CMP(31, flt.d, 0, 0, MZ, PZ)
    TEST_CMP(32, fle.d, 1, 0, MZ, PZ)
    TEST_CMP(33, flt.d, 1, 0, M1, P1)
    TEST_CMP(34, fle.d, 0, 0, P2, P1)
    TEST_CMP(35, flt.d, 1, 0, MINF, M1)
    TEST_CMP(36, feq.d, 0, 0, QNAN, QNAN)
    TEST_CMP(37, feq.d, 0, FF_NV, SNAN, P1)
    TEST_CMP(38, flt.d, 0, FF_NV, QNAN, P1)
    TEST_CMP(39, fle.d, 0, FF_NV, P1, QNAN)
    TEST_CMP(40, feq.d, 0, 0, 0x3ff0000000000001, P1)

    TEST_CLASS(41, 0x001, MINF)
    TEST_CLASS(42, 0x002, M1)
    TEST_CLASS(43, 0x004, 0x800fffffffffffff)
    TEST_CLASS(44, 0x008, MZ)
    TEST_CLASS(45, 0x010, PZ)
    TEST_CLASS(46, 0x020, 0x0000000000000001)
    TEST_CLASS(47, 0x040, 0x0010000000000000)
    TEST_CLASS(48, 0x080, PINF)
    TEST_CLASS(49, 0x100, SNAN)
    TEST_CLASS(50, 0x200, QNANP)

    /* fcvt.d.s: exact */
    TEST_FP_D(51, fa0, 0x3ff8000000000000, 0, LOAD_S(fa1, 0x3fc00000); fcvt.d.s fa0, fa1)
    TEST_FP_D(52, fa0, 0x36a0000000000000, 0, LOAD_S(fa1, 0x00000001); fcvt.d.s fa0, fa1)  /* subnormal */
    TEST_FP_D(53, fa0, 0xfff0000000000000, 0, LOAD_S(fa1, 0xff800000); fcvt.d.s fa0, fa1)
    TEST_FP_D(54, fa0, CNAN, 0, LOAD_S(fa1, 0xffc12345); fcvt.d.s fa0, fa1)
    TEST_FP_D(55, fa0, CNAN, FF_NV, LOAD_S(fa1, 0x7f812345); fcvt.d.s fa0, fa1)
    TEST_FP_D(56, fa0, MZ, 0, LOAD_S(fa1, 0x80000000); fcvt.d.s fa0, fa1)
    TEST_FP_S(57, fa0, 0x7fc00000, 0, LOAD_D(fa1, QNANP); fcvt.s.d fa0, fa1)
    TEST_FP_S(58, fa0, 0x7fc00000, FF_NV, LOAD_D(fa1, SNAN); fcvt.s.d fa0, fa1)
    TEST_FP_S(59, fa0, 0xff800000, 0, LOAD_D(fa1, MINF); fcvt.s.d fa0, fa1)
    /* fcvt.s.d: rounding, overflow, underflow, NaN -> canonical NaN */
    TEST_FP_S(60, fa0, 0x3f800001, 0x1, LOAD_D(fa1, 0x3ff0000010400000); fcvt.s.d fa0, fa1, rne)
    TEST_FP_S(61, fa0, 0x3f800000, 0x1, LOAD_D(fa1, 0x3ff0000010400000); fcvt.s.d fa0, fa1, rtz)
    TEST_FP_S(62, fa0, 0x3f800000, 0x1, LOAD_D(fa1, 0x3ff0000010400000); fcvt.s.d fa0, fa1, rdn)
    TEST_FP_S(63, fa0, 0x3f800001, 0x1, LOAD_D(fa1, 0x3ff0000010400000); fcvt.s.d fa0, fa1, rup)
    TEST_FP_S(64, fa0, 0x3f800001, 0x1, LOAD_D(fa1, 0x3ff0000010400000); fcvt.s.d fa0, fa1, rmm)
    TEST_FP_S(65, fa0, 0x3f800001, 0x1, LOAD_D(fa1, 0x3ff0000010400000); csrwi frm, 3; fcvt.s.d fa0, fa1, dyn)
    TEST_FP_S(66, fa0, 0xbf800000, 0x1, LOAD_D(fa1, 0xbff0000010000000); fcvt.s.d fa0, fa1, rne)
    TEST_FP_S(67, fa0, 0xbf800000, 0x1, LOAD_D(fa1, 0xbff0000010000000); fcvt.s.d fa0, fa1, rtz)
    TEST_FP_S(68, fa0, 0xbf800001, 0x1, LOAD_D(fa1, 0xbff0000010000000); fcvt.s.d fa0, fa1, rdn)
    TEST_FP_S(69, fa0, 0xbf800000, 0x1, LOAD_D(fa1, 0xbff0000010000000); fcvt.s.d fa0, fa1, rup)
    TEST_FP_S(70, fa0, 0xbf800001, 0x1, LOAD_D(fa1, 0xbff0000010000000); fcvt.s.d fa0, fa1, rmm)
    TEST_FP_S(71, fa0, 0x7f800000, 0x5, LOAD_D(fa1, 0x4c70000000000000); fcvt.s.d fa0, fa1, rne)
    TEST_FP_S(72, fa0, 0x7f7fffff, 0x5, LOAD_D(fa1, 0x4c70000000000000); fcvt.s.d fa0, fa1, rtz)
    TEST_FP_S(73, fa0, 0x7f7fffff, 0x5, LOAD_D(fa1, 0x4c70000000000000); fcvt.s.d fa0, fa1, rdn)
    TEST_FP_S(74, fa0, 0x7f800000, 0x5, LOAD_D(fa1, 0x4c70000000000000); fcvt.s.d fa0, fa1, rup)
    TEST_FP_S(75, fa0, 0x7f800000, 0x5, LOAD_D(fa1, 0x4c70000000000000); fcvt.s.d fa0, fa1, rmm)
    TEST_FP_S(76, fa0, 0xff800000, 0x5, LOAD_D(fa1, 0xcc70000000000000); fcvt.s.d fa0, fa1, rne)
    TEST_FP_S(77, fa0, 0xff7fffff, 0x5, LOAD_D(fa1, 0xcc70000000000000); fcvt.s.d fa0, fa1, rtz)
    TEST_FP_S(78, fa0, 0xff800000, 0x5, LOAD_D(fa1, 0xcc70000000000000); fcvt.s.d fa0, fa1, rdn)
    TEST_FP_S(79, fa0, 0xff7fffff, 0x5, LOAD_D(fa1, 0xcc70000000000000); fcvt.s.d fa0, fa1, rup)
    TEST_FP_S(80, fa0, 0xff800000, 0x5, LOAD_D(fa1, 0xcc70000000000000); fcvt.s.d fa0, fa1, rmm)
    TEST_FP_S(81, fa0, 0x200, 0x3, LOAD_D(fa1, 0x3730000100000000); fcvt.s.d fa0, fa1, rne)
    TEST_FP_S(82, fa0, 0x200, 0x3, LOAD_D(fa1, 0x3730000100000000); fcvt.s.d fa0, fa1, rtz)
    TEST_FP_S(83, fa0, 0x200, 0x3, LOAD_D(fa1, 0x3730000100000000); fcvt.s.d fa0, fa1, rdn)
    TEST_FP_S(84, fa0, 0x201, 0x3, LOAD_D(fa1, 0x3730000100000000); fcvt.s.d fa0, fa1, rup)
    TEST_FP_S(85, fa0, 0x200, 0x3, LOAD_D(fa1, 0x3730000100000000); fcvt.s.d fa0, fa1, rmm)
    TEST_FP_S(86, fa0, 0x0, 0x3, LOAD_D(fa1, 0x35f0000000000000); fcvt.s.d fa0, fa1, rne)
    TEST_FP_S(87, fa0, 0x0, 0x3, LOAD_D(fa1, 0x35f0000000000000); fcvt.s.d fa0, fa1, rtz)
    TEST_FP_S(88, fa0, 0x0, 0x3, LOAD_D(fa1, 0x35f0000000000000); fcvt.s.d fa0, fa1, rdn)
    TEST_FP_S(89, fa0, 0x1, 0x3, LOAD_D(fa1, 0x35f0000000000000); fcvt.s.d fa0, fa1, rup)
    TEST_FP_S(90, fa0, 0x0, 0x3, LOAD_D(fa1, 0x35f0000000000000); fcvt.s.d fa0, fa1, rmm)
    TEST_FP_S(91, fa0, 0x7f800000, 0x5, LOAD_D(fa1, 0x47effffff0000000); fcvt.s.d fa0, fa1, rne)
    TEST_FP_S(92, fa0, 0x7f7fffff, 0x1, LOAD_D(fa1, 0x47effffff0000000); fcvt.s.d fa0, fa1, rtz)
    TEST_FP_S(93, fa0, 0x7f7fffff, 0x1, LOAD_D(fa1, 0x47effffff0000000); fcvt.s.d fa0, fa1, rdn)
    TEST_FP_S(94, fa0, 0x7f800000, 0x5, LOAD_D(fa1, 0x47effffff0000000); fcvt.s.d fa0, fa1, rup)
    TEST_FP_S(95, fa0, 0x7f800000, 0x5, LOAD_D(fa1, 0x47effffff0000000); fcvt.s.d fa0, fa1, rmm)
    TEST_FP_S(96, fa0, 0x3eaaaaab, 0x1, LOAD_D(fa1, 0x3fd5555555555555); fcvt.s.d fa0, fa1, rne)
    TEST_FP_S(97, fa0, 0x3eaaaaaa, 0x1, LOAD_D(fa1, 0x3fd5555555555555); fcvt.s.d fa0, fa1, rtz)
    TEST_FP_S(98, fa0, 0x3eaaaaaa, 0x1, LOAD_D(fa1, 0x3fd5555555555555); fcvt.s.d fa0, fa1, rdn)
    TEST_FP_S(99, fa0, 0x3eaaaaab, 0x1, LOAD_D(fa1, 0x3fd5555555555555); fcvt.s.d fa0, fa1, rup)
    TEST_FP_S(100, fa0, 0x3eaaaaab, 0x1, LOAD_D(fa1, 0x3fd5555555555555); fcvt.s.d fa0, fa1, rmm)
    TEST_FP_S(101, fa0, 0x80800000, 0x1, LOAD_D(fa1, 0xb80ffffff0000000); fcvt.s.d fa0, fa1, rne)
    TEST_FP_S(102, fa0, 0x807fffff, 0x3, LOAD_D(fa1, 0xb80ffffff0000000); fcvt.s.d fa0, fa1, rtz)
    TEST_FP_S(103, fa0, 0x80800000, 0x1, LOAD_D(fa1, 0xb80ffffff0000000); fcvt.s.d fa0, fa1, rdn)
    TEST_FP_S(104, fa0, 0x807fffff, 0x3, LOAD_D(fa1, 0xb80ffffff0000000); fcvt.s.d fa0, fa1, rup)
    TEST_FP_S(105, fa0, 0x80800000, 0x1, LOAD_D(fa1, 0xb80ffffff0000000); fcvt.s.d fa0, fa1, rmm)
    csrwi frm, RM_RNE
    LOAD_D(fa1, P1)
    TEST_CASE(106, zero, 0, fmv.x.d x0, fa1)
    TEST_CASE(107, zero, 0, fle.d x0, fa1, fa1)
    TEST_CASE(108, zero, 0, fcvt.l.d x0, fa1)
    TEST_CASE(109, zero, 0, fclass.d x0, fa1)
    /* invalid static rounding mode: fadd.d fa0, fa1, fa2, rm=5 / rm=6; fcvt.s.d rm=6 */
    TEST_TRAP(110, CAUSE_ILLEGAL_INSN, 0x02c5d553, .word 0x02c5d553)
    TEST_TRAP(111, CAUSE_ILLEGAL_INSN, 0x02c5e553, .word 0x02c5e553)
    TEST_TRAP(112, CAUSE_ILLEGAL_INSN, 0x4015e553, .word 0x4015e553)
    /* dynamic with frm = 7 */
    csrwi frm, 7
    TEST_TRAP(113, CAUSE_ILLEGAL_INSN, 0x1ac5f553, fdiv.d fa0, fa1, fa2, dyn)
    csrwi frm, RM_RNE
TEST_END
