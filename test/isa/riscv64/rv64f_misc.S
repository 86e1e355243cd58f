/*
 * rv64f_misc.S — RV64F non-arithmetic instructions and FP state: flw/fsw, fmv.x.w/fmv.w.x,
 * NaN-boxing (flw and fmv.w.x box; a non-boxed register read as single is the canonical NaN;
 * fsw and fmv.x.w move the low 32 bits as they are), fsgnj/fsgnjn/fsgnjx, fmin/fmax (-0 < +0,
 * quiet and signalling NaNs), feq/flt/fle (NV rules), fclass (all ten classes), the fcsr /
 * frm / fflags CSRs (field widths, aliasing, flags accrue), invalid static and dynamic
 * rounding modes (illegal instruction), and mstatus.FS (dirty after FP writes; Off makes FP
 * instructions and CSRs illegal).
 */
#include "harness.h"

#define P1   0x3f800000
#define M1   0xbf800000
#define P2   0x40000000
#define PZ   0x00000000
#define MZ   0x80000000
#define PINF 0x7f800000
#define MINF 0xff800000
#define QNAN 0x7fc00000
#define QNANP 0x7fc54321
#define SNAN 0x7f812345
#define CNAN 0x7fc00000

#define TEST_CMP(n, op, result, flags, x, y) \
    TEST_FP_X(n, a0, result, flags, LOAD_S(fa1, x); LOAD_S(fa2, y); op a0, fa1, fa2)
#define TEST_MINMAX(n, op, result, flags, x, y) \
    TEST_FP_S(n, fa0, result, flags, LOAD_S(fa1, x); LOAD_S(fa2, y); op fa0, fa1, fa2)
#define TEST_CLASS(n, result, x) \
    TEST_FP_X(n, a0, result, 0, LOAD_S(fa1, x); fclass.s a0, fa1)

    .data
    .balign 16
fbuf:
    .word 0x40490fdb, 0xc0490fdb, 0x7f812345, 0
    .dword 0, 0

TEST_BEGIN
    csrwi frm, RM_RNE
    /* flw boxes; fsw stores the low 32 bits */
    TEST_CASE(1, a0, 0xffffffff40490fdb, la a1, fbuf; flw fa0, 0(a1); fmv.x.d a0, fa0)
    TEST_CASE(2, a0, 0xffffffffc0490fdb, la a1, fbuf + 2048 + 4; flw fa0, -2048(a1); fmv.x.d a0, fa0)
    TEST_CASE(3, a0, 0xffffffff7f812345, la a1, fbuf; flw fa0, 8(a1); fmv.x.d a0, fa0)  /* sNaN kept */
    TEST_NUM(4)
    la a1, fbuf
    li a2, 0x1122334455667788
    fmv.d.x fa0, a2
    sd zero, 16(a1)
    fsw fa0, 16(a1)             /* unboxed register: fsw still stores bits 31..0 */
    ld a0, 16(a1)
    CHECK(a0, 0x55667788)
    LOAD_S(fa1, 0xc0490fdb)
    fsw fa1, 20(a1)
    ld a0, 16(a1)
    CHECK(a0, 0xc0490fdb55667788)

    /* fmv.x.w: low 32 bits, sign-extended; fmv.w.x: boxes */
    TEST_CASE(5, a0, 0xffffffff80000000, LOAD_S(fa1, 0x80000000); fmv.x.w a0, fa1)
    TEST_CASE(6, a0, 0x7f800000, LOAD_S(fa1, 0x7f800000); fmv.x.w a0, fa1)
    TEST_CASE(7, a0, 0xffffffff87654321, li a1, 0x0123456787654321; fmv.d.x fa1, a1; fmv.x.w a0, fa1)
    TEST_CASE(8, a0, 0xffffffff87654321, li a1, 0x1234567887654321; fmv.w.x fa0, a1; fmv.x.d a0, fa0)
    TEST_CASE(9, a0, 0xffffffff7f812345, li a1, 0x7f812345; fmv.w.x fa0, a1; fmv.x.d a0, fa0)

    /* NaN-boxing: an improperly boxed single is the canonical NaN */
    li a1, 0x000000003f800000
    fmv.d.x fa4, a1             /* fa4: 1.0 without the box */
    LOAD_S(fa2, P1)
    TEST_FP_S(10, fa0, CNAN, 0, fadd.s fa0, fa4, fa2)
    TEST_FP_S(11, fa0, CNAN, 0, fmul.s fa0, fa2, fa4)
    TEST_FP_S(12, fa0, 0x3f800000, 0, fmin.s fa0, fa4, fa2)          /* NaN ignored */
    TEST_FP_S(13, fa0, 0xffc00000, 0, LOAD_S(fa3, M1); fsgnj.s fa0, fa4, fa3)
    TEST_FP_S(14, fa0, 0xbf800000, 0, LOAD_S(fa3, P1); fsgnjn.s fa0, fa3, fa4) /* sign of canonical NaN is + */
    TEST_FP_X(15, a0, 0x200, 0, fclass.s a0, fa4)                      /* quiet NaN */
    TEST_FP_X(16, a0, 0, 0, feq.s a0, fa4, fa4)
    TEST_FP_X(17, a0, 0, FF_NV, flt.s a0, fa2, fa4)
    TEST_FP_D(18, fa0, 0x7ff8000000000000, 0, fcvt.d.s fa0, fa4)
    TEST_FP_X(19, a0, 0x7fffffff, FF_NV, fcvt.w.s a0, fa4, rtz)
    /* a double's bits are not a boxed single either */
    TEST_FP_S(20, fa0, CNAN, 0, LOAD_D(fa1, 0x3ff0000000000000); fsqrt.s fa0, fa1)

    /* sign injection: no flags, NaN payloads untouched */
    TEST_MINMAX(21, fsgnj.s, 0xbf800000, 0, P1, M1)
    TEST_MINMAX(22, fsgnj.s, 0x3f800000, 0, M1, P2)
    TEST_MINMAX(23, fsgnjn.s, 0x3f800000, 0, P1, M1)
    TEST_MINMAX(24, fsgnjn.s, 0xbf800000, 0, P1, P2)
    TEST_MINMAX(25, fsgnjx.s, 0xbf800000, 0, P1, M1)
    TEST_MINMAX(26, fsgnjx.s, 0x3f800000, 0, M1, M1)
    TEST_MINMAX(27, fsgnjx.s, 0xff812345, 0, SNAN, M1)
    TEST_MINMAX(28, fsgnj.s, 0x7f812345, 0, SNAN, P1)
    TEST_FP_S(29, fa0, 0x3f800000, 0, LOAD_S(fa1, M1); fabs.s fa0, fa1)
    TEST_FP_S(30, fa0, 0x80000000, 0, LOAD_S(fa1, PZ); fneg.s fa0, fa1)
    TEST_FP_S(31, fa0, 0x7fc54321, 0, LOAD_S(fa1, QNANP); fmv.s fa0, fa1)

    /* fmin / fmax */
    TEST_MINMAX(32, fmin.s, P1, 0, P1, P2)
    TEST_MINMAX(33, fmax.s, P2, 0, P1, P2)
    TEST_MINMAX(34, fmin.s, M1, 0, P2, M1)
    TEST_MINMAX(35, fmin.s, MZ, 0, PZ, MZ)
    TEST_MINMAX(36, fmin.s, MZ, 0, MZ, PZ)
    TEST_MINMAX(37, fmax.s, PZ, 0, PZ, MZ)
    TEST_MINMAX(38, fmax.s, PZ, 0, MZ, PZ)
    TEST_MINMAX(39, fmin.s, P1, 0, QNAN, P1)
    TEST_MINMAX(40, fmax.s, M1, 0, M1, QNANP)
    TEST_MINMAX(41, fmin.s, P1, FF_NV, SNAN, P1)
    TEST_MINMAX(42, fmax.s, P1, FF_NV, P1, SNAN)
    TEST_MINMAX(43, fmin.s, CNAN, 0, QNANP, QNANP)
    TEST_MINMAX(44, fmax.s, CNAN, FF_NV, SNAN, QNANP)
    TEST_MINMAX(45, fmin.s, MINF, 0, MINF, PINF)
    TEST_MINMAX(46, fmax.s, PINF, 0, MINF, PINF)

    /* comparisons */
    TEST_CMP(47, feq.s, 1, 0, P1, P1)
    TEST_CMP(48, feq.s, 0, 0, P1, P2)
    TEST_CMP(49, feq.s, 1, 0, PZ, MZ)
    TEST_CMP(50, flt.s, 0, 0, MZ, PZ)
    TEST_CMP(51, fle.s, 1, 0, PZ, MZ)
    TEST_CMP(52, flt.s, 1, 0, M1, P1)
    TEST_CMP(53, flt.s, 0, 0, P1, M1)
    TEST_CMP(54, fle.s, 1, 0, P1, P1)
    TEST_CMP(55, fle.s, 0, 0, P2, P1)
    TEST_CMP(56, flt.s, 1, 0, MINF, M1)
    TEST_CMP(57, fle.s, 1, 0, PINF, PINF)
    TEST_CMP(58, feq.s, 0, 0, QNAN, QNAN)          /* feq: quiet NaN does not signal */
    TEST_CMP(59, feq.s, 0, FF_NV, SNAN, P1)
    TEST_CMP(60, flt.s, 0, FF_NV, QNAN, P1)        /* flt/fle signal on any NaN */
    TEST_CMP(61, fle.s, 0, FF_NV, P1, QNAN)
    TEST_CMP(62, fle.s, 0, FF_NV, SNAN, SNAN)

    /* fclass */
    TEST_CLASS(63, 0x001, MINF)
    TEST_CLASS(64, 0x002, M1)
    TEST_CLASS(65, 0x004, 0x807fffff)
    TEST_CLASS(66, 0x008, MZ)
    TEST_CLASS(67, 0x010, PZ)
    TEST_CLASS(68, 0x020, 0x00000001)
    TEST_CLASS(69, 0x040, 0x00800000)
    TEST_CLASS(70, 0x080, PINF)
    TEST_CLASS(71, 0x100, SNAN)
    TEST_CLASS(72, 0x200, QNANP)
    TEST_CLASS(73, 0x200, 0xffc00000)

    /* writes to x0 */
    LOAD_S(fa1, P1)
    TEST_CASE(74, zero, 0, fmv.x.w x0, fa1)
    TEST_CASE(75, zero, 0, feq.s x0, fa1, fa1)
    TEST_CASE(76, zero, 0, fcvt.w.s x0, fa1)
    TEST_CASE(77, zero, 0, fclass.s x0, fa1)
    TEST_CASE(78, zero, 0, fcvt.lu.s x0, fa1)

    /* fcsr / frm / fflags */
    TEST_CASE(79, a0, 0xff, csrw fcsr, x0; li a1, -1; csrw fcsr, a1; csrr a0, fcsr)
    TEST_CASE(80, a0, 0x7, csrr a0, frm)
    TEST_CASE(81, a0, 0x1f, csrr a0, fflags)
    TEST_CASE(82, a0, 0xa5, li a1, 0xa5; csrw fcsr, a1; csrr a0, fcsr)
    TEST_CASE(83, a0, 0x5, csrr a0, frm)
    TEST_CASE(84, a0, 0x05, csrr a0, fflags)
    TEST_CASE(85, a0, 0x65, csrwi frm, 3; csrr a0, fcsr)             /* frm = fcsr[7:5] */
    TEST_CASE(86, a0, 0x7a, li a1, 0xfa; csrw fflags, a1; csrr a0, fcsr) /* fflags = fcsr[4:0] */
    TEST_CASE(87, a0, 0x4, li a1, 0xfc; csrw frm, a1; csrr a0, frm)  /* masked to 3 bits */
    TEST_CASE(88, a0, 0x9a, csrr a0, fcsr)
    TEST_CASE(89, a0, 0x1a, li a1, 0x3; csrrw a0, fflags, a1)        /* swap returns old */
    TEST_CASE(90, a0, 0x83, csrr a0, fcsr)
    TEST_CASE(91, a0, 0x4, fsrmi a0, 2)                              /* fsrmi returns old frm */
    TEST_CASE(92, a0, 0x43, csrr a0, fcsr)
    TEST_CASE(93, a0, 0x43, csrsi fflags, 0x10; csrci fflags, 0x10; csrr a0, fcsr)
    TEST_CASE(94, a0, 0x0, csrw fcsr, x0; csrr a0, fcsr)
    /* flags accrue (OR) until cleared */
    TEST_NUM(95)
    LOAD_S(fa1, P1)
    LOAD_S(fa2, 0x40400000)
    fdiv.s fa0, fa1, fa2        /* NX */
    LOAD_S(fa3, PZ)
    fdiv.s fa0, fa1, fa3        /* DZ */
    fadd.s fa0, fa1, fa1        /* exact: no flags, does not clear */
    CHECK_FFLAGS(FF_NX | FF_DZ)
    TEST_CASE(96, a0, FF_NX | FF_DZ, frflags a0)
    TEST_CASE(97, a0, 0, fsflags x0; frflags a0)

    /* invalid static rounding modes 5 and 6: illegal instruction, mtval = the instruction */
    LOAD_S(fa1, P1)
    LOAD_S(fa2, P2)
    LOAD_S(fa0, 0x12345678)
    TEST_TRAP(98, CAUSE_ILLEGAL_INSN, 0x00c5d553, .word 0x00c5d553)   /* fadd.s fa0,fa1,fa2,rm=5 */
    TEST_TRAP(99, CAUSE_ILLEGAL_INSN, 0x00c5e553, .word 0x00c5e553)   /* rm=6 */
    TEST_TRAP(100, CAUSE_ILLEGAL_INSN, 0xd005d553, .word 0xd005d553)  /* fcvt.s.w fa0,a1,rm=5 */
    TEST_CASE(101, a0, 0xffffffff12345678, fmv.x.d a0, fa0)          /* fa0 not written */
    /* dynamic rounding with frm = 5, 6, 7: illegal */
    TEST_NUM(102)
    csrwi frm, 5
    TRAP_EXPECT
1:  fadd.s fa0, fa1, fa2, dyn
    CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_EPC(1b)
    CHECK_TRAP_TVAL(0x00c5f553)
    TEST_NUM(103)
    csrwi frm, 6
    TRAP_EXPECT
2:  fmul.s fa0, fa1, fa2, dyn
    CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_EPC(2b)
    TEST_NUM(104)
    csrwi frm, 7
    TRAP_EXPECT
3:  fsqrt.s fa0, fa1, dyn
    CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_EPC(3b)
    /* ...but instructions without rounding still work with an invalid frm */
    TEST_FP_S(105, fa0, 0xc0000000, 0, fsgnjn.s fa0, fa2, fa2)
    TEST_FP_S(106, fa0, 0x3f800000, 0, fmin.s fa0, fa1, fa2)
    TEST_FP_X(107, a0, 1, 0, flt.s a0, fa1, fa2)
    TEST_CASE(108, a0, 0xe0, csrr a0, fcsr)
    csrwi frm, RM_RNE
    TEST_FP_S(109, fa0, 0x40400000, 0, fadd.s fa0, fa1, fa2, dyn)

    /* mstatus.FS: Initial -> Dirty on an FP register or fcsr write; SD mirrors Dirty */
    TEST_NUM(110)
    li a1, MSTATUS_FS
    csrc mstatus, a1
    li a1, 0x2000               /* Initial */
    csrs mstatus, a1
    csrr a0, mstatus
    li a1, MSTATUS_FS | MSTATUS_SD
    and a0, a0, a1
    CHECK(a0, 0x2000)
    TEST_NUM(111)
    fadd.s fa0, fa1, fa2
    csrr a0, mstatus
    and a0, a0, a1
    CHECK(a0, MSTATUS_FS | MSTATUS_SD)
    /* FS = Off: FP instructions and FP CSRs are illegal */
    li a1, MSTATUS_FS
    csrc mstatus, a1
    TEST_TRAP(112, CAUSE_ILLEGAL_INSN, 0x00c5f553, fadd.s fa0, fa1, fa2, dyn)
    TEST_TRAP_NOTVAL(113, CAUSE_ILLEGAL_INSN, csrr a0, fcsr)
    TEST_TRAP_NOTVAL(114, CAUSE_ILLEGAL_INSN, flw fa0, 0(sp))
    TEST_TRAP_NOTVAL(115, CAUSE_ILLEGAL_INSN, fmv.x.w a0, fa1)
    TEST_NUM(116)
    csrr a0, mstatus
    li a1, MSTATUS_FS | MSTATUS_SD
    and a0, a0, a1
    CHECK(a0, 0)
    li a1, 0x2000
    csrs mstatus, a1
    TEST_FP_S(117, fa0, 0x40400000, 0, fadd.s fa0, fa1, fa2)
TEST_END
