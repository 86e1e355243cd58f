/*
 * ldst.S — A64 loads and stores: every addressing form (unsigned scaled offset, unscaled
 * ldur/stur, pre- and post-index with the base written back, register offset with lsl, uxtw,
 * sxtw and sxtx, shifted by 0 or the access size, PC-relative literal), every size signed and
 * unsigned (ldrsb/ldrsh/ldrsw into W and X: W results zero-extended), stores that write only
 * their own bytes, pairs (ldp/stp of W and X, ldpsw, ldnp/stnp, pre/post), sp as the base,
 * the unprivileged ldtr/sttr family at EL1 (with the MMU off they access memory as the plain
 * forms do), and SIMD&FP register loads and stores of B, H, S, D and Q (a load clears the rest
 * of the vector register).  All accesses are naturally aligned (MMU off: Device memory).
 */
#include "harness.h"

/* the doubleword at dst + off must be val */
#define CHECK_DST(off, val) adr x26, dst; ldr x26, [x26, #(off)]; CHECK(x26, val)
/* dst = 64 bytes of 0xaa */
#define RESET_DST \
    LI(x9, 0xaaaaaaaaaaaaaaaa); adr x10, dst; stp x9, x9, [x10]; stp x9, x9, [x10, #16]; \
    stp x9, x9, [x10, #32]; stp x9, x9, [x10, #48]
/* vector register v (0..31): low and high doublewords */
#define CHECK_V(r, lo, hi) fmov x26, d##r; CHECK(x26, lo); mov x26, v##r.d[1]; CHECK(x26, hi)

    .data
    .balign 16
src:
    .dword 0x8877665544332211   /* +0 */
    .dword 0x00ffeeddccbbaa99   /* +8 */
    .dword 0x0123456789abcdef   /* +16 */
    .dword 0xfedcba9876543210   /* +24 */
    .dword 0x7f80ff017ffe8001   /* +32 */
    .dword 0xcafef00ddeadbeef   /* +40 */
    .dword 0x1112131415161718   /* +48 */
    .dword 0x191a1b1c1d1e1f10   /* +56 */
src_end:
    .balign 16
dst:
    .space 64
    .text
    .balign 16
lit_q:
    .dword 0x0706050403020100, 0x0f0e0d0c0b0a0908
lit_d:
    .dword 0x8000000000000001
lit_w:
    .word 0x80000002
    .word 0

TEST_BEGIN
    adr x1, src
    /* unsigned scaled offset, every size */
    TEST_CASE(1, x0, 0x8877665544332211, ldr x0, [x1])
    TEST_CASE(2, x0, 0xcafef00ddeadbeef, ldr x0, [x1, #40])
    TEST_CASE(3, x0, 0x88776655, LI(x0, -1); ldr w0, [x1, #4])
    TEST_CASE(4, x0, 0x4433, LI(x0, -1); ldrh w0, [x1, #2])
    TEST_CASE(5, x0, 0x88, LI(x0, -1); ldrb w0, [x1, #7])
    TEST_CASE(6, x0, 0xffffffffffffff88, ldrsb x0, [x1, #7])
    TEST_CASE(7, x0, 0x00000000ffffff88, LI(x0, -1); ldrsb w0, [x1, #7])
    TEST_CASE(8, x0, 0x0000000000000077, ldrsb x0, [x1, #6])
    TEST_CASE(9, x0, 0xffffffffffff8877, ldrsh x0, [x1, #6])
    TEST_CASE(10, x0, 0x00000000ffff8877, LI(x0, -1); ldrsh w0, [x1, #6])
    TEST_CASE(11, x0, 0x0000000000002211, ldrsh x0, [x1])
    TEST_CASE(12, x0, 0xffffffff88776655, ldrsw x0, [x1, #4])
    TEST_CASE(13, x0, 0x0000000001234567, ldrsw x0, [x1, #20])
    TEST_CASE(14, x0, 0x00000000000000ff, ldrb w0, [x1, #14])
    TEST_CASE(15, x0, 0xffffffffffffffff, ldrsb x0, [x1, #14])
    TEST_CASE(16, x0, 0x0000000000007ffe, ldrsh x0, [x1, #34])
    TEST_CASE(17, x0, 0x191a1b1c1d1e1f10, ldr x0, [x1, #56])

    /* unscaled (ldur*), negative and odd offsets */
    add x2, x1, #16
    TEST_CASE(18, x0, 0x00ffeeddccbbaa99, ldur x0, [x2, #-8])
    TEST_CASE(19, x0, 0xcafef00ddeadbeef, ldur x0, [x2, #24])
    TEST_CASE(20, x0, 0x00ffeedd, LI(x0, -1); ldur w0, [x2, #-4])
    TEST_CASE(21, x0, 0x00ff, LI(x0, -1); ldurh w0, [x2, #-2])
    TEST_CASE(22, x0, 0xffffffffffffffee, ldursb x0, [x2, #-3])
    TEST_CASE(23, x0, 0xcd, LI(x0, -1); ldurb w0, [x2, #1])
    TEST_CASE(24, x0, 0x00000000ffffffcd, LI(x0, -1); ldursb w0, [x2, #1])
    TEST_CASE(25, x0, 0xffffffffffffccbb, ldursh x0, [x2, #-6])
    TEST_CASE(26, x0, 0x00000000ffffccbb, LI(x0, -1); ldursh w0, [x2, #-6])
    TEST_CASE(27, x0, 0xffffffffccbbaa99, ldursw x0, [x2, #-8])
    TEST_CASE(28, x0, 0x0000000000000011, ldurb w0, [x2, #-16])

    /* pre-index: the base moves first; post-index: after */
    TEST_NUM(29)
    mov x2, x1
    ldr x0, [x2, #8]!
    CHECK(x0, 0x00ffeeddccbbaa99)
    sub x3, x2, x1
    CHECK(x3, 8)
    TEST_NUM(30)
    ldr x0, [x2], #16
    CHECK(x0, 0x00ffeeddccbbaa99)
    sub x3, x2, x1
    CHECK(x3, 24)
    TEST_NUM(31)
    ldrb w0, [x2, #-1]!
    CHECK(x0, 0x01)
    sub x3, x2, x1
    CHECK(x3, 23)
    TEST_NUM(32)
    ldrsh x0, [x2, #-5]!        /* x2 = src + 18 */
    CHECK(x0, 0xffffffffffff89ab)
    ldrsh w0, [x2], #-2
    CHECK(x0, 0x00000000ffff89ab)
    sub x3, x2, x1
    CHECK(x3, 16)
    TEST_NUM(33)
    ldr w0, [x2], #-4
    CHECK(x0, 0x89abcdef)
    ldrsw x0, [x2, #-4]!        /* x2 = src + 8 */
    CHECK(x0, 0xffffffffccbbaa99)
    sub x3, x2, x1
    CHECK(x3, 8)
    TEST_NUM(34)                /* the most negative pre-index offset, -256 */
    add x2, x1, #256
    ldr x0, [x2, #-256]!
    CHECK(x0, 0x8877665544332211)
    CHECK_REG(x2, x1)

    /* register offset: lsl / uxtw / sxtw / sxtx, shifted by 0 or log2(size) */
    TEST_CASE(35, x0, 0x0123456789abcdef, mov x2, #16; ldr x0, [x1, x2])
    TEST_CASE(36, x0, 0xfedcba9876543210, mov x2, #3; ldr x0, [x1, x2, lsl #3])
    TEST_CASE(37, x0, 0x01234567, LI(x2, 0xffffffff00000005); ldr w0, [x1, w2, uxtw #2])
    TEST_CASE(38, x0, 0x89abcdef, LI(x2, 0xffffffff00000010); ldr w0, [x1, w2, uxtw])
    TEST_CASE(39, x0, 0x00ffeeddccbbaa99, add x3, x1, #16; LI(x2, 0x00000000ffffffff); ldr x0, [x3, w2, sxtw #3])
    TEST_CASE(40, x0, 0x00ffeeddccbbaa99, add x3, x1, #16; LI(x2, 0x12345678fffffff8); ldr x0, [x3, w2, sxtw])
    TEST_CASE(41, x0, 0x8877665544332211, add x3, x1, #16; mov x2, #-2; ldr x0, [x3, x2, sxtx #3])
    TEST_CASE(42, x0, 0x00ffeeddccbbaa99, add x3, x1, #16; mov x2, #-8; ldr x0, [x3, x2, sxtx])
    TEST_CASE(43, x0, 0x7ffe, mov x2, #17; ldrh w0, [x1, x2, lsl #1])
    TEST_CASE(44, x0, 0xffffffffffff8001, mov x2, #16; ldrsh x0, [x1, x2, lsl #1])
    TEST_CASE(45, x0, 0x7f, mov x2, #39; ldrb w0, [x1, x2, lsl #0])
    TEST_CASE(46, x0, 0xffffffffffffff80, mov x2, #38; ldrsb x0, [x1, x2])
    TEST_CASE(47, x0, 0x0000000000000080, LI(x2, 0x7777777700000026); ldrb w0, [x1, w2, uxtw])
    TEST_CASE(48, x0, 0xffffffffcafef00d, mov x2, #11; ldrsw x0, [x1, x2, lsl #2])
    TEST_CASE(49, x0, 0xffffffffdeadbeef, add x3, x1, #48; mov x2, #-2; ldrsw x0, [x3, w2, sxtw #2])

    /* PC-relative literals */
    TEST_CASE(50, x0, 0x8000000000000001, ldr x0, lit_d)
    TEST_CASE(51, x0, 0x80000002, LI(x0, -1); ldr w0, lit_w)
    TEST_CASE(52, x0, 0xffffffff80000002, ldrsw x0, lit_w)
    TEST_NUM(53)
    ldr q0, lit_q
    CHECK_V(0, 0x0706050403020100, 0x0f0e0d0c0b0a0908)
    ldr d1, lit_d
    CHECK_V(1, 0x8000000000000001, 0)
    ldr s2, lit_w
    CHECK_V(2, 0x80000002, 0)
    prfm pldl1keep, lit_d       /* a hint: no effect, no fault */

    /* stores write exactly their bytes, every form */
    TEST_NUM(54)
    RESET_DST
    adr x2, dst
    LI(x0, 0x0102030405060708)
    str x0, [x2]
    str w0, [x2, #12]
    strh w0, [x2, #18]
    strb w0, [x2, #31]
    CHECK_DST(0, 0x0102030405060708)
    CHECK_DST(8, 0x05060708aaaaaaaa)
    CHECK_DST(16, 0xaaaaaaaa0708aaaa)
    CHECK_DST(24, 0x08aaaaaaaaaaaaaa)
    TEST_NUM(55)
    RESET_DST
    add x2, x10, #32
    stur x0, [x2, #-32]
    stur w0, [x2, #-20]
    sturh w0, [x2, #-14]
    sturb w0, [x2, #-1]
    sturb w0, [x2, #3]
    CHECK_DST(0, 0x0102030405060708)
    CHECK_DST(8, 0x05060708aaaaaaaa)
    CHECK_DST(16, 0xaaaaaaaa0708aaaa)
    CHECK_DST(24, 0x08aaaaaaaaaaaaaa)
    CHECK_DST(32, 0xaaaaaaaa08aaaaaa)
    TEST_NUM(56)
    RESET_DST
    adr x2, dst
    str x0, [x2, #8]!           /* dst + 8, x2 = dst + 8 */
    strh w0, [x2], #6           /* dst + 8, x2 = dst + 14 */
    strb w0, [x2, #-1]!         /* x2 = dst + 13 */
    strb w0, [x2], #3           /* dst + 13, x2 = dst + 16 */
    str w0, [x2, #4]!           /* x2 = dst + 20 */
    strh w0, [x2], #-20         /* dst + 20, x2 = dst */
    CHECK_REG(x2, x10)
    CHECK_DST(0, 0xaaaaaaaaaaaaaaaa)
    CHECK_DST(8, 0x0102080405060708)
    CHECK_DST(16, 0x05060708aaaaaaaa)

    /* register-offset stores */
    TEST_NUM(57)
    RESET_DST
    adr x2, dst
    mov x3, #2
    str x0, [x2, x3, lsl #3]
    mov x3, #1
    str w0, [x2, w3, uxtw #2]
    LI(x3, 0xfffffffffffffff0)
    add x4, x2, #48
    strh w0, [x4, x3, sxtx]
    LI(x3, 0x00000000ffffffff)
    strb w0, [x4, w3, sxtw]
    CHECK_DST(0, 0x05060708aaaaaaaa)
    CHECK_DST(16, 0x0102030405060708)
    CHECK_DST(32, 0xaaaaaaaaaaaa0708)
    CHECK_DST(40, 0x08aaaaaaaaaaaaaa)

    /* pairs */
    TEST_NUM(58)
    ldp x2, x3, [x1, #16]
    CHECK(x2, 0x0123456789abcdef)
    CHECK(x3, 0xfedcba9876543210)
    TEST_NUM(59)
    LI(x2, -1)
    LI(x3, -1)
    ldp w2, w3, [x1, #4]
    CHECK(x2, 0x88776655)
    CHECK(x3, 0xccbbaa99)
    TEST_NUM(60)
    ldpsw x2, x3, [x1, #4]
    CHECK(x2, 0xffffffff88776655)
    CHECK(x3, 0xffffffffccbbaa99)
    ldpsw x2, x3, [x1, #16]
    CHECK(x2, 0xffffffff89abcdef)
    CHECK(x3, 0x0000000001234567)
    TEST_NUM(61)
    mov x4, x1
    ldp x2, x3, [x4, #32]!
    CHECK(x2, 0x7f80ff017ffe8001)
    CHECK(x3, 0xcafef00ddeadbeef)
    sub x5, x4, x1
    CHECK(x5, 32)
    ldp x2, x3, [x4], #-16
    CHECK(x2, 0x7f80ff017ffe8001)
    sub x5, x4, x1
    CHECK(x5, 16)
    ldpsw x2, x3, [x4, #-8]!
    CHECK(x2, 0xffffffffccbbaa99)
    CHECK(x3, 0x0000000000ffeedd)
    sub x5, x4, x1
    CHECK(x5, 8)
    ldnp x2, x3, [x1, #48]
    CHECK(x2, 0x1112131415161718)
    CHECK(x3, 0x191a1b1c1d1e1f10)
    TEST_NUM(62)
    RESET_DST
    adr x4, dst
    LI(x2, 0x1111111122222222)
    LI(x3, 0x3333333344444444)
    stp x2, x3, [x4, #16]!
    stp w3, w2, [x4], #-8
    stnp x3, x2, [x4, #32]
    sub x5, x4, x10
    CHECK(x5, 8)
    CHECK_DST(0, 0xaaaaaaaaaaaaaaaa)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    CHECK_DST(16, 0x2222222244444444)
    CHECK_DST(24, 0x3333333344444444)
    CHECK_DST(40, 0x3333333344444444)
    CHECK_DST(48, 0x1111111122222222)
    stp wzr, w2, [x4, #-8]
    CHECK_DST(0, 0x2222222200000000)

    /* sp as the base */
    TEST_NUM(63)
    mov x5, sp
    LI(x2, 0x5555666677778888)
    str x2, [sp, #-16]!
    mov x6, sp
    sub x6, x5, x6
    CHECK(x6, 16)
    ldr w3, [sp, #4]
    CHECK(x3, 0x55556666)
    ldrb w3, [sp]
    CHECK(x3, 0x88)
    ldr x3, [sp], #16
    CHECK(x3, 0x5555666677778888)
    mov x6, sp
    CHECK_REG(x6, x5)
    stp x2, x3, [sp, #-32]!
    ldp x6, x7, [sp], #32
    CHECK_REG(x6, x2)
    CHECK_REG(x7, x3)

    /* unprivileged loads and stores at EL1 (MMU off: as the plain forms) */
    TEST_CASE(64, x0, 0x00ffeeddccbbaa99, ldtr x0, [x1, #8])
    TEST_CASE(65, x0, 0xccbbaa99, LI(x0, -1); ldtr w0, [x1, #8])
    TEST_CASE(66, x0, 0xff, LI(x0, -1); ldtrb w0, [x1, #14])
    TEST_CASE(67, x0, 0xffffffffffffffff, ldtrsb x0, [x1, #14])
    TEST_CASE(68, x0, 0xffffeedd, LI(x0, -1); ldtrsh w0, [x1, #12])
    TEST_CASE(69, x0, 0xeedd, LI(x0, -1); ldtrh w0, [x1, #12])
    TEST_CASE(70, x0, 0xffffffffccbbaa99, ldtrsw x0, [x1, #8])
    TEST_CASE(71, x0, 0x0000000000000011, ldtrsb x0, [x1, #0])
    TEST_NUM(72)
    RESET_DST
    adr x2, dst
    LI(x0, 0x0102030405060708)
    sttr x0, [x2, #8]
    sttr w0, [x2, #4]
    sttrh w0, [x2, #18]
    sttrb w0, [x2, #23]
    CHECK_DST(0, 0x05060708aaaaaaaa)
    CHECK_DST(8, 0x0102030405060708)
    CHECK_DST(16, 0x08aaaaaa0708aaaa)

    /* SIMD&FP registers: loads of every size clear the rest of the register */
    TEST_NUM(73)
    ldr q0, [x1, #16]
    CHECK_V(0, 0x0123456789abcdef, 0xfedcba9876543210)
    ldr q1, lit_q
    ldr b1, [x1, #7]
    CHECK_V(1, 0x88, 0)
    ldr q1, lit_q
    ldr h1, [x1, #6]
    CHECK_V(1, 0x8877, 0)
    ldr q1, lit_q
    ldr s1, [x1, #4]
    CHECK_V(1, 0x88776655, 0)
    ldr q1, lit_q
    ldr d1, [x1, #40]
    CHECK_V(1, 0xcafef00ddeadbeef, 0)
    TEST_NUM(74)
    add x2, x1, #32
    ldur q2, [x2, #-16]
    CHECK_V(2, 0x0123456789abcdef, 0xfedcba9876543210)
    ldur d3, [x2, #-24]
    CHECK_V(3, 0x00ffeeddccbbaa99, 0)
    ldur s4, [x2, #-28]
    CHECK_V(4, 0x88776655, 0)
    ldur h5, [x2, #-18]
    CHECK_V(5, 0x00ff, 0)
    ldur b6, [x2, #-31]
    CHECK_V(6, 0x22, 0)
    TEST_NUM(75)
    mov x2, x1
    ldr q7, [x2, #32]!
    CHECK_V(7, 0x7f80ff017ffe8001, 0xcafef00ddeadbeef)
    ldr d8, [x2], #-8
    CHECK_V(8, 0x7f80ff017ffe8001, 0)
    ldr s9, [x2], #-4
    CHECK_V(9, 0x76543210, 0)
    ldr h10, [x2, #-2]!
    CHECK_V(10, 0x89ab, 0)
    ldr b11, [x2, #-1]!
    CHECK_V(11, 0xcd, 0)
    sub x3, x2, x1
    CHECK(x3, 17)
    TEST_NUM(76)
    mov x3, #3
    ldr q12, [x1, x3, lsl #4]
    CHECK_V(12, 0x1112131415161718, 0x191a1b1c1d1e1f10)
    mov x3, #5
    ldr d13, [x1, x3, lsl #3]
    CHECK_V(13, 0xcafef00ddeadbeef, 0)
    LI(x3, 0xffffffff00000003)
    ldr s14, [x1, w3, uxtw #2]
    CHECK_V(14, 0x00ffeedd, 0)
    add x4, x1, #8
    mov x3, #-3
    ldr h15, [x4, x3, sxtx #1]
    CHECK_V(15, 0x4433, 0)
    LI(x3, 0x00000000ffffffff)
    ldr b16, [x4, w3, sxtw]
    CHECK_V(16, 0x88, 0)
    TEST_NUM(77)
    ldp q17, q18, [x1, #16]
    CHECK_V(17, 0x0123456789abcdef, 0xfedcba9876543210)
    CHECK_V(18, 0x7f80ff017ffe8001, 0xcafef00ddeadbeef)
    ldp d19, d20, [x1, #8]
    CHECK_V(19, 0x00ffeeddccbbaa99, 0)
    CHECK_V(20, 0x0123456789abcdef, 0)
    ldp s21, s22, [x1, #4]
    CHECK_V(21, 0x88776655, 0)
    CHECK_V(22, 0xccbbaa99, 0)
    mov x2, x1
    ldp q23, q24, [x2, #32]!
    CHECK_V(24, 0x1112131415161718, 0x191a1b1c1d1e1f10)
    ldp d25, d26, [x2], #-32
    CHECK_V(26, 0xcafef00ddeadbeef, 0)
    CHECK_REG(x2, x1)
    ldnp q27, q28, [x1]
    CHECK_V(27, 0x8877665544332211, 0x00ffeeddccbbaa99)
    TEST_NUM(78)
    RESET_DST
    adr x2, dst
    str q0, [x2]
    CHECK_DST(0, 0x0123456789abcdef)
    CHECK_DST(8, 0xfedcba9876543210)
    str d13, [x2, #16]
    str s14, [x2, #28]
    str h15, [x2, #34]
    str b16, [x2, #39]
    CHECK_DST(16, 0xcafef00ddeadbeef)
    CHECK_DST(24, 0x00ffeeddaaaaaaaa)
    CHECK_DST(32, 0x88aaaaaa4433aaaa)
    TEST_NUM(79)
    RESET_DST
    adr x2, dst
    stp q17, q18, [x2, #16]
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    CHECK_DST(16, 0x0123456789abcdef)
    CHECK_DST(24, 0xfedcba9876543210)
    CHECK_DST(32, 0x7f80ff017ffe8001)
    CHECK_DST(40, 0xcafef00ddeadbeef)
    stp d19, d20, [x2], #8
    stp s21, s22, [x2, #-8]!
    stur q12, [x2, #48]
    CHECK_DST(0, 0xccbbaa9988776655)
    CHECK_DST(8, 0x0123456789abcdef)
    CHECK_DST(48, 0x1112131415161718)
    CHECK_DST(56, 0x191a1b1c1d1e1f10)
    CHECK_REG(x2, x10)
    mov x3, #1
    str q27, [x2, x3, lsl #4]
    CHECK_DST(16, 0x8877665544332211)
    CHECK_DST(24, 0x00ffeeddccbbaa99)
    str h5, [x2, #2]!           /* x2 = dst + 2 */
    ldr x3, [x2, #-2]!          /* x2 = dst */
    CHECK_REG(x2, x10)
    CHECK(x3, 0xccbbaa9900ff6655)
TEST_END
