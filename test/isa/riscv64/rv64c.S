/*
 * rv64c.S — RV64C: every compressed encoding (written with explicit c. mnemonics) with edge
 * immediates (negative, maximum), c.jalr's link of pc + 2, c.ebreak, reserved encodings (the
 * all-zero parcel, c.addi4spn/c.lui/c.addi16sp with a zero immediate) as illegal instructions
 * with mtval = the 16-bit instruction, and 32-bit instructions at 2-byte aligned addresses.
 */
#include "harness.h"

    .data
    .balign 16
cbuf:
    .dword 0x8877665544332211, 0xfedcba9876543210, 0x400921fb54442d18, 0
    .fill 64, 8, 0
cbuf_end:
    .dword 0x0123456789abcdef
    .fill 8, 8, 0

TEST_BEGIN
    .option rvc
    mv t0, sp                   /* original sp, restored at the end */

    /* c.addi4spn: rd' = sp + nzuimm (4..1020, scaled by 4) */
    TEST_CASE(1, a0, 1020, li sp, 0; c.addi4spn a0, sp, 1020)
    TEST_CASE(2, s0, 0x10004, li sp, 0x10000; c.addi4spn s0, sp, 4)

    /* loads / stores with rs1' */
    la s1, cbuf
    TEST_CASE(3, a0, 0xffffffff88776655, c.lw a0, 4(s1))
    TEST_CASE(4, a1, 0x44332211, c.lw a1, 0(s1))
    TEST_CASE(5, a2, 0xfedcba9876543210, c.ld a2, 8(s1))
    TEST_CASE(6, a3, 0x400921fb54442d18, c.fld fa3, 16(s1); fmv.x.d a3, fa3)
    TEST_CASE(7, a4, 0x0123456789abcdef, la a5, cbuf_end - 248; c.ld a4, 248(a5))
    TEST_CASE(8, a4, 0xffffffff89abcdef, la a5, cbuf_end - 124; c.lw a4, 124(a5))
    TEST_CASE(9, a4, 0x0123456789abcdef, la a5, cbuf_end - 248; c.fld fa4, 248(a5); fmv.x.d a4, fa4)
    TEST_NUM(10)
    li a2, 0x1122334455667788
    c.sd a2, 24(s1)
    li a3, 0xaabbccdd
    c.sw a3, 28(s1)
    ld a0, 24(s1)
    CHECK(a0, 0xaabbccdd55667788)
    TEST_NUM(11)
    la a5, cbuf_end - 240
    li a2, 0x55aa
    c.sd a2, 248(a5)
    c.sw a2, 124(a5)
    ld a0, cbuf_end + 8
    CHECK(a0, 0x55aa)
    li a0, 0
    lw a0, cbuf_end - 240 + 124
    CHECK(a0, 0x55aa)
    TEST_NUM(12)
    li a2, 0x3ff8000000000000
    fmv.d.x fa2, a2
    c.fsd fa2, 24(s1)
    ld a0, 24(s1)
    CHECK(a0, 0x3ff8000000000000)

    /* c.nop, c.addi, c.addiw, c.li */
    TEST_CASE(13, a0, 5, li a0, 5; c.nop)
    TEST_CASE(14, a0, -27, li a0, 5; c.addi a0, -32)
    TEST_CASE(15, a0, 36, li a0, 5; c.addi a0, 31)
    TEST_CASE(16, t1, 0x100000000, li t1, 0xffffffff; c.addi t1, 1)
    TEST_CASE(17, a0, -1, li a0, 0xffffffff; c.addiw a0, 0)
    TEST_CASE(18, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
    TEST_CASE(19, s2, 0x7fffffe0, li s2, 0xffffffff80000000; c.addiw s2, -32)
    TEST_CASE(20, a0, -32, c.li a0, -32)
    TEST_CASE(21, ra, 31, c.li ra, 31)
    TEST_CASE(22, a0, 0, li a0, 77; c.li a0, 0)

    /* c.addi16sp: sp += nzimm (multiple of 16, -512..496) */
    TEST_CASE(23, sp, 0x10000 - 512, li sp, 0x10000; c.addi16sp sp, -512)
    TEST_CASE(24, sp, 0x10000 + 496, li sp, 0x10000; c.addi16sp sp, 496)
    TEST_CASE(25, sp, 0x10000 + 16, li sp, 0x10000; c.addi16sp sp, 16)

    /* c.lui: rd = sign-extended nzimm << 12 */
    TEST_CASE(26, a0, 0x1f000, c.lui a0, 0x1f)
    TEST_CASE(27, a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)
    TEST_CASE(28, s3, 0xfffffffffffff000, c.lui s3, 0xfffff)
    TEST_CASE(29, a0, 0x1000, c.lui a0, 1)

    /* c.srli, c.srai, c.andi (rd') and c.slli (any rd) */
    TEST_CASE(30, a0, 1, li a0, 0x8000000000000000; c.srli a0, 63)
    TEST_CASE(31, a0, 0x00000000ffffffff, li a0, -1; c.srli a0, 32)
    TEST_CASE(32, a1, -1, li a1, 0x8000000000000000; c.srai a1, 63)
    TEST_CASE(33, a1, 0xc000000000000000, li a1, 0x8000000000000000; c.srai a1, 1)
    TEST_CASE(34, a2, 0xffffffffffffffe0, li a2, -1; c.andi a2, -32)
    TEST_CASE(35, a2, 0x1f, li a2, -1; c.andi a2, 31)
    TEST_CASE(36, a2, 0, li a2, -1; c.andi a2, 0)
    TEST_CASE(37, t2, 0x8000000000000000, li t2, 1; c.slli t2, 63)
    TEST_CASE(38, s4, 0x1234567800000000, li s4, 0x12345678; c.slli s4, 32)
    TEST_CASE(39, a3, 0x2, li a3, 1; c.slli a3, 1)

    /* c.sub, c.xor, c.or, c.and, c.subw, c.addw */
    TEST_CASE(40, a0, -3, li a0, 2; li a1, 5; c.sub a0, a1)
    TEST_CASE(41, a0, 0xf0f0, li a0, 0xff00; li a1, 0x0ff0; c.xor a0, a1)
    TEST_CASE(42, a0, 0xfff0, li a0, 0xff00; li a1, 0x0ff0; c.or a0, a1)
    TEST_CASE(43, a0, 0x0f00, li a0, 0xff00; li a1, 0x0ff0; c.and a0, a1)
    TEST_CASE(44, a0, 0x7fffffff, li a0, 0xffffffff80000000; li a1, 1; c.subw a0, a1)
    TEST_CASE(45, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, 1; c.addw a0, a1)
    TEST_CASE(46, s0, 3, li s0, 0xffffffff00000001; li s1, 0x100000002; c.addw s0, s1)
    TEST_CASE(47, s1, 0, li s1, 0x1234; c.sub s1, s1)

    /* c.mv, c.add */
    TEST_CASE(48, t3, 0x123456789, li t4, 0x123456789; c.mv t3, t4)
    TEST_CASE(49, t3, 0x100000000, li t3, 0xffffffff; li t4, 1; c.add t3, t4)
    TEST_CASE(50, s5, 2, li s5, 1; c.add s5, s5)

    /* c.j, c.beqz, c.bnez: taken / not taken, forward / backward */
    TEST_NUM(51)
    li a0, 0
    c.j 1f
    li a0, 1
1:  CHECK(a0, 0)
    TEST_NUM(52)
    li a0, 0
    c.j 3f
2:  li a0, 7
    c.j 4f
3:  c.j 2b
4:  CHECK(a0, 7)
    TEST_NUM(53)
    li a1, 0
    li a0, 0
    c.beqz a1, 5f
    li a0, 1
5:  CHECK(a0, 0)
    TEST_NUM(54)
    li a1, 0x100000000          /* nonzero only above bit 31 */
    c.beqz a1, fail_far
    c.bnez a1, 6f
    FAIL
6:  li a1, 0
    c.bnez a1, fail_far
    TEST_NUM(55)                /* backward c.bnez loop */
    li a0, 0
    li a1, 10
7:  c.addi a0, 2
    c.addi a1, -1
    c.bnez a1, 7b
    CHECK(a0, 20)

    /* c.jr, c.jalr (link = pc + 2) */
    TEST_NUM(56)
    la a1, 8f
    li a0, 0
    c.jr a1
    li a0, 1
8:  CHECK(a0, 0)
    TEST_NUM(57)
    la a1, 9f
    c.jalr a1
10: FAIL
9:  CHECK_LABEL(ra, 10b)
    TEST_NUM(58)                /* c.jalr with rs1 == ra: target is the old ra */
    la ra, 11f
    c.jalr ra
12: FAIL
11: CHECK_LABEL(ra, 12b)

    /* sp-relative: c.lwsp, c.ldsp, c.fldsp, c.swsp, c.sdsp, c.fsdsp */
    la sp, cbuf
    TEST_CASE(59, a0, 0xffffffff88776655, c.lwsp a0, 4(sp))
    TEST_CASE(60, t1, 0xfedcba9876543210, c.ldsp t1, 8(sp))
    TEST_CASE(61, a0, 0x400921fb54442d18, c.fldsp ft1, 16(sp); fmv.x.d a0, ft1)
    la sp, cbuf_end - 504
    TEST_CASE(62, a0, 0x0123456789abcdef, c.ldsp a0, 504(sp))
    TEST_CASE(63, a0, 0x0123456789abcdef, c.fldsp fa0, 504(sp); fmv.x.d a0, fa0)
    la sp, cbuf_end - 252
    TEST_CASE(64, a0, 0xffffffff89abcdef, c.lwsp a0, 256 - 4(sp))
    la sp, cbuf
    TEST_NUM(65)
    li a2, 0x1122334455667788
    c.sdsp a2, 32(sp)
    li a3, 0xccddeeff
    c.swsp a3, 36(sp)
    ld a0, 32(sp)
    CHECK(a0, 0xccddeeff55667788)
    TEST_NUM(66)
    li a2, 0xc000000000000000
    fmv.d.x ft2, a2
    c.fsdsp ft2, 40(sp)
    ld a0, 40(sp)
    CHECK(a0, 0xc000000000000000)
    TEST_NUM(67)
    la sp, cbuf_end - 504
    li a2, 0x77
    c.sdsp a2, 504(sp)
    c.swsp a2, 252(sp)
    ld a0, 504(sp)
    CHECK(a0, 0x77)
    lwu a0, 252(sp)
    CHECK(a0, 0x77)
    TEST_NUM(68)
    fmv.d.x ft3, a2
    c.fsdsp ft3, 496(sp)
    ld a0, 496(sp)
    CHECK(a0, 0x77)
    mv sp, t0

    /* c.ebreak: breakpoint, mepc = its address (2-byte instruction) */
    TEST_NUM(69)
    TRAP_EXPECT
13: c.ebreak
    CHECK_TRAP_CAUSE(CAUSE_BREAKPOINT)
    CHECK_TRAP_EPC(13b)

    /* reserved encodings: illegal instruction, mtval = the 16 instruction bits */
    TEST_TRAP(70, CAUSE_ILLEGAL_INSN, 0, .half 0x0000)
    TEST_TRAP(71, CAUSE_ILLEGAL_INSN, 0x0004, .half 0x0004)     /* c.addi4spn, nzuimm = 0 */
    TEST_TRAP(72, CAUSE_ILLEGAL_INSN, 0x6501, .half 0x6501)     /* c.lui a0, 0 */
    TEST_TRAP(73, CAUSE_ILLEGAL_INSN, 0x6101, .half 0x6101)     /* c.addi16sp 0 */
    TEST_NUM(74)                /* the parcel after an illegal one executes normally */
    li a0, 0
    TRAP_EXPECT
    .half 0x0000
    c.li a0, 9
    CHECK(a0, 9)

    /* 32-bit instructions at 2-byte aligned addresses */
    TEST_NUM(75)
    .balign 4
    c.nop
14: .option norvc
    addi a0, zero, 0x123
    lui a1, 0x12345
    .option rvc
    la a2, 14b
    andi a2, a2, 3
    CHECK(a2, 2)
    CHECK(a0, 0x123)
    CHECK(a1, 0x12345000)
    TEST_NUM(76)                /* a 32-bit jump to a 2-byte aligned target */
    .balign 4
    .option norvc
    jal ra, 15f
    .option rvc
    c.nop
15: la a2, 15b
    andi a2, a2, 3
    CHECK(a2, 2)
    TEST_NUM(77)                /* 32-bit instruction straddling a 4-byte boundary, trapping */
    TRAP_EXPECT
    .balign 4
    c.nop
16: .word 0xffffffff
    CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_EPC(16b)
    CHECK_TRAP_TVAL(0xffffffff)
    la a2, 16b
    andi a2, a2, 3
    CHECK(a2, 2)
    mv sp, t0
TEST_END
fail_far:
    FAIL
