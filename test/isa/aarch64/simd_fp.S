/*
 * simd_fp.S — a first check of the AdvSIMD FP vector forms (FADD .4S, FMUL/FADD .2D,
 * FCVTZS/SCVTF, FMLA by element, FADDP scalar, FCMGT) and of the inline moves and
 * immediates (MOVI/MVNI/ORR/BIC/FMOV vector immediate, DUP general, UMOV/SMOV), on values
 * exact in binary: the expected bit patterns are known by hand (1.0f = 0x3f800000 ...);
 * qemu-system-aarch64 7.2 agrees.
 */
#include "harness.h"

#define VSET(r, lo, hi) LI(x1, lo); LI(x2, hi); mov v##r.d[0], x1; mov v##r.d[1], x2
#define VCHK(r, lo, hi) mov x3, v##r.d[0]; CHECK(x3, lo); mov x3, v##r.d[1]; CHECK(x3, hi)

TEST_BEGIN
    /* {1, 2, 3, -1} + {2, 2, 0.5, 1} = {3, 4, 3.5, 0} */
    TEST_NUM(1); VSET(1, 0x400000003f800000, 0xbf80000040400000); VSET(2, 0x4000000040000000, 0x3f8000003f000000); fadd v0.4s, v1.4s, v2.4s; VCHK(0, 0x4080000040400000, 0x0000000040600000)
    /* 1.5 * 2.5 = 3.75, 2.5 + 1.5 = 4 */
    TEST_NUM(2); VSET(1, 0x3ff8000000000000, 0x4004000000000000); VSET(2, 0x4004000000000000, 0x3ff8000000000000); fmul v0.2d, v1.2d, v2.2d; VCHK(0, 0x400e000000000000, 0x400e000000000000)
    TEST_NUM(3); fadd v0.2d, v1.2d, v2.2d; VCHK(0, 0x4010000000000000, 0x4010000000000000)
    /* fcvtzs {3, 4, 3.5, 0} -> {3, 4, 3, 0}; scvtf back */
    TEST_NUM(4); VSET(1, 0x4080000040400000, 0x0000000040600000); fcvtzs v0.4s, v1.4s; VCHK(0, 0x0000000400000003, 0x0000000000000003)
    TEST_NUM(5); scvtf v0.2s, v0.2s; VCHK(0, 0x4080000040400000, 0)
    /* fixed point: 3.5 with 1 fraction bit = 7 */
    TEST_NUM(6); fcvtzs v0.4s, v1.4s, #1; VCHK(0, 0x0000000800000006, 0x0000000000000007)
    /* fmla by element: {1,1,1,1} += {3,4,3.5,0} * 2 */
    TEST_NUM(7); VSET(0, 0x3f8000003f800000, 0x3f8000003f800000); VSET(2, 0x4000000040000000, 0x0); fmla v0.4s, v1.4s, v2.s[1]; VCHK(0, 0x4110000040e00000, 0x3f80000041000000)
    /* faddp s0 = 3 + 4 = 7; fcmgt */
    TEST_NUM(8); faddp s0, v1.2s; VCHK(0, 0x40e00000, 0)
    TEST_NUM(9); VSET(2, 0x4080000041000000, 0x0000000040600000); fcmgt v0.4s, v1.4s, v2.4s; VCHK(0, 0, 0)
    TEST_NUM(10); fcmge v0.4s, v1.4s, v2.4s; VCHK(0, 0xffffffff00000000, 0xffffffffffffffff)
    /* immediates */
    TEST_NUM(11); movi v0.16b, #0xa5; VCHK(0, 0xa5a5a5a5a5a5a5a5, 0xa5a5a5a5a5a5a5a5)
    TEST_NUM(12); movi v0.4h, #0x12, lsl #8; VCHK(0, 0x1200120012001200, 0)
    TEST_NUM(13); mvni v0.4s, #0x12, msl #8; VCHK(0, 0xffffed00ffffed00, 0xffffed00ffffed00)
    TEST_NUM(14); movi d0, #0xff00ff0000ffff00; VCHK(0, 0xff00ff0000ffff00, 0)
    TEST_NUM(15); movi v0.2d, #0xffffffff00000000; orr v0.4s, #0x34, lsl #16; VCHK(0, 0xffffffff00340000, 0xffffffff00340000)
    TEST_NUM(16); bic v0.8h, #0xff; VCHK(0, 0xff00ff0000000000, 0xff00ff0000000000)
    TEST_NUM(17); fmov v0.4s, #-1.5; VCHK(0, 0xbfc00000bfc00000, 0xbfc00000bfc00000)
    TEST_NUM(18); fmov v0.2d, #0.25; VCHK(0, 0x3fd0000000000000, 0x3fd0000000000000)
    /* DUP general, UMOV/SMOV */
    TEST_NUM(19); LI(x4, 0x123456789abcdef0); dup v0.8h, w4; VCHK(0, 0xdef0def0def0def0, 0xdef0def0def0def0)
    TEST_NUM(20); dup v0.2s, w4; VCHK(0, 0x9abcdef09abcdef0, 0)
    TEST_NUM(21); dup v0.2d, x4; VCHK(0, 0x123456789abcdef0, 0x123456789abcdef0)
    TEST_NUM(22); mov v0.b[9], w4; umov w5, v0.b[9]; CHECK(x5, 0xf0); smov x5, v0.b[9]; CHECK(x5, 0xfffffffffffffff0)
    TEST_NUM(23); smov w5, v0.h[1]; CHECK(x5, 0x00000000ffff9abc); umov w5, v0.h[1]; CHECK(x5, 0x9abc)
    TEST_NUM(24); smov x5, v0.s[0]; CHECK(x5, 0xffffffff9abcdef0); mov w5, v0.s[1]; CHECK(x5, 0x12345678)
TEST_END
