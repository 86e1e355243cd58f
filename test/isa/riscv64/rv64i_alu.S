/*
 * rv64i_alu.S — RV64I integer computational instructions: register-register, register-
 * immediate, the W forms (32-bit result sign-extended), shifts (6-bit amounts for 64-bit ops,
 * 5-bit for W ops), lui/auipc sign extension, set-less-than with negative operands, and
 * writes to x0.
 */
#include "harness.h"

TEST_BEGIN
    /* add / sub */
    TEST_RR(1, add, 3, 1, 2)
    TEST_RR(2, add, 0x8000000000000000, 0x7fffffffffffffff, 1)
    TEST_RR(3, add, 0, -1, 1)
    TEST_RR(4, add, 0xfffffffffffffffe, -1, -1)
    TEST_RR(5, sub, -2, 3, 5)
    TEST_RR(6, sub, 0x7fffffffffffffff, 0x8000000000000000, 1)
    TEST_RR(7, sub, 0x8000000000000001, 0, 0x7fffffffffffffff)
    TEST_RR_RD1(8, add, 0x100000000, 0xffffffff, 1)
    TEST_RR_RD2(9, sub, 0xffffffffffffffff, 0xffffffff, 0x100000000)
    TEST_RR_SAME(10, sub, 0, 0x123456789)

    /* logic */
    TEST_RR(11, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
    TEST_RR(12, or,  0xfff0fff0fff0fff0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
    TEST_RR(13, xor, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
    TEST_RR_SAME(14, xor, 0, 0xdeadbeefcafef00d)
    TEST_RI(15, andi, 0x123456789abcdef0, 0x123456789abcdef7, -16)
    TEST_RI(16, andi, 0x7ff, -1, 0x7ff)
    TEST_RI(17, andi, 0xfedcba9876543800, 0xfedcba9876543fff, -2048)
    TEST_RI(18, ori, -1, 0x1234, -1)
    TEST_RI(19, ori, 0xff000000000007ff, 0xff00000000000000, 0x7ff)
    TEST_RI(20, xori, 0xedcba9876543210f, 0x123456789abcdef0, -1)
    TEST_RI(21, xori, 0x123456789abcd90f, 0x123456789abcdef0, 0x7ff)
    TEST_RI_RD1(22, xori, 0xfffffffffffff800, 0, -2048)

    /* 64-bit shifts: amount is the low 6 bits */
    TEST_RR(23, sll, 0x8000000000000000, 1, 63)
    TEST_RR(24, sll, 0x123456789abcdef0, 0x123456789abcdef0, 64)
    TEST_RR(25, sll, 0x2468acf13579bde0, 0x123456789abcdef0, 65)
    TEST_RR(26, sll, 0xf000000000000000, 0xffffffffffffffff, 0xffffffffffffffbc)
    TEST_RR(27, srl, 1, 0x8000000000000000, 63)
    TEST_RR(28, srl, 0x7fffffffffffffff, -1, 1)
    TEST_RR(29, srl, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffc0)
    TEST_RR(30, srl, 0x00000000ffffffff, -1, 32)
    TEST_RR(31, sra, -1, 0x8000000000000000, 63)
    TEST_RR(32, sra, -16, -256, 4)
    TEST_RR(33, sra, 1, 0x7fffffffffffffff, 62)
    TEST_RR(34, sra, 0xffffffff80000000, 0x8000000000000000, 0x60) /* 0x60 & 63 = 32 */
    TEST_RI(35, slli, 0x8000000000000000, 1, 63)
    TEST_RI(36, slli, 0xabcdef0000000000, 0x123456789abcdef, 40)
    TEST_RI(37, slli, 0x5a, 0x5a, 0)
    TEST_RI(38, srli, 1, 0x8000000000000000, 63)
    TEST_RI(39, srli, 0x00000000ffffffff, 0xffffffff00000000, 32)
    TEST_RI(40, srai, -1, 0x8000000000000000, 63)
    TEST_RI(41, srai, 0xffffffffff000000, 0xff00000000000000, 32)
    TEST_RI(42, srai, 0x0000000000ff0000, 0x00ff000000000000, 32)

    /* set less than */
    TEST_RR(43, slt, 1, -1, 1)
    TEST_RR(44, slt, 0, 1, -1)
    TEST_RR(45, slt, 0, 7, 7)
    TEST_RR(46, slt, 1, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_RR(47, sltu, 0, -1, 1)
    TEST_RR(48, sltu, 1, 1, -1)
    TEST_RR(49, sltu, 0, 5, 5)
    TEST_RR(50, sltu, 1, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_RI(51, slti, 1, -5, -4)
    TEST_RI(52, slti, 0, -4, -5)
    TEST_RI(53, slti, 1, -2049, -2048)
    TEST_RI(54, slti, 0, 2047, 2047)
    TEST_RI(55, slti, 1, 0x8000000000000000, 0)
    TEST_RI(56, sltiu, 1, 5, -1)             /* imm sign-extends to 0xffff...ffff, then unsigned */
    TEST_RI(57, sltiu, 0, -1, -1)
    TEST_RI(58, sltiu, 1, 0, 1)              /* seqz */
    TEST_RI(59, sltiu, 0, 0x123, 1)
    TEST_RI(60, sltiu, 1, 0xfffffffffffff7ff, -2048)
    TEST_RI(61, sltiu, 0, 0xfffffffffffff800, -2048)

    /* addi immediates */
    TEST_RI(62, addi, -2047, 1, -2048)
    TEST_RI(63, addi, 0x80000000000007fe, 0x7fffffffffffffff, 2047)
    TEST_RI(64, addi, 0, 1, -1)

    /* W forms: 32-bit result sign-extended, upper input bits ignored */
    TEST_RR(65, addw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_RR(66, addw, 3, 0xffffffff00000001, 0x100000002)
    TEST_RR(67, addw, 0, 0xffffffff, 1)
    TEST_RR(68, subw, 0x7fffffff, 0xffffffff80000000, 1)
    TEST_RR(69, subw, -1, 0, 1)
    TEST_RR(70, subw, 0xffffffff80000000, 0x123456700000000, 0x80000000)
    TEST_RR(71, sllw, 0xffffffff80000000, 1, 31)
    TEST_RR(72, sllw, 0x23456789, 0x123456789, 32)  /* amount 32 & 31 = 0 */
    TEST_RR(73, sllw, 0x10, 0xfffffffff0000001, 4)
    TEST_RR(74, sllw, 0xffffffff89abcdef, 0x0123456789abcdef, 0xffffffffffffffe0)
    TEST_RR(75, srlw, 1, 0xffffffff80000000, 31)
    TEST_RR(76, srlw, 0xffffffff80000000, 0x0000000080000000, 0)
    TEST_RR(77, srlw, 1, 0xdeadbeef00000010, 4)
    TEST_RR(78, srlw, 0x7fffffff, -1, 33)
    TEST_RR(79, sraw, 0xfffffffff8000000, 0x0000000080000000, 4)
    TEST_RR(80, sraw, 0x07ffffff, 0xffffffff7fffffff, 4)
    TEST_RR(81, sraw, -1, 0x00000000ffffffff, 63)  /* amount 63 & 31 = 31 */
    TEST_RR(82, sraw, 0x12345678, 0xabcdef0012345678, 32)
    TEST_RI(83, addiw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_RI(84, addiw, -1, 0x00000000ffffffff, 0)  /* sext.w */
    TEST_RI(85, addiw, 0x7ffff800, 0x180000000, -2048)
    TEST_RI(86, addiw, 0x7ff, 0xffffffff00000000, 2047)
    TEST_RI(87, slliw, 0xffffffff80000000, 1, 31)
    TEST_RI(88, slliw, 0x56789000, 0x123456789, 12)
    TEST_RI(89, slliw, 0x23456789, 0x123456789, 0)
    TEST_RI(90, srliw, 0xffffffff80000000, 0x80000000, 0)
    TEST_RI(91, srliw, 1, 0xffffffff80000000, 31)
    TEST_RI(92, srliw, 0x0fffffff, 0xffffffffffffffff, 4)
    TEST_RI(93, sraiw, -1, 0x80000000, 31)
    TEST_RI(94, sraiw, 0xfffffffff8000000, 0x0000000080000000, 4)
    TEST_RI(95, sraiw, 0x07ffffff, 0xffffffff7fffffff, 4)
    TEST_RI(96, sraiw, 0x12345678, 0xffff000012345678, 0)

    /* lui / auipc */
    TEST_CASE(97, a0, 0xffffffff80000000, lui a0, 0x80000)
    TEST_CASE(98, a0, 0x7ffff000, lui a0, 0x7ffff)
    TEST_CASE(99, a0, 0xfffffffffffff000, lui a0, 0xfffff)
    TEST_CASE(100, a0, 0, li a0, 5; lui a0, 0)
    TEST_NUM(101)
1:  auipc a0, 0
    CHECK_LABEL(a0, 1b)
    TEST_NUM(102)
2:  auipc a0, 0x80000                  /* pc - 2^31 (immediate sign-extended) */
    la a1, 2b
    li a2, 0x80000000
    sub a1, a1, a2
    CHECK_REG(a0, a1)
    TEST_NUM(103)
3:  auipc a0, 0x7ffff
    la a1, 3b
    li a2, 0x7ffff000
    add a1, a1, a2
    CHECK_REG(a0, a1)
    TEST_NUM(104)
4:  auipc a0, 0xfffff                  /* pc - 4096 */
    la a1, 4b
    addi a1, a1, -2048
    addi a1, a1, -2048
    CHECK_REG(a0, a1)

    /* writes to x0 are discarded */
    li a1, 0x1234
    li a2, 0x5678
    TEST_CASE(105, zero, 0, add x0, a1, a2)
    TEST_CASE(106, zero, 0, addi x0, x0, 5)
    TEST_CASE(107, zero, 0, lui x0, 0x12345)
    TEST_CASE(108, zero, 0, auipc x0, 0x1)
    TEST_CASE(109, zero, 0, slli x0, a1, 3)
    TEST_CASE(110, zero, 0, addw x0, a1, a2)
    TEST_CASE(111, zero, 0, addiw x0, a1, 1)
    TEST_CASE(112, zero, 0, sltu x0, x0, a1)
    TEST_CASE(113, a0, 0x1234, addi x0, a1, 1; add a0, x0, a1)  /* x0 still reads as 0 */
    TEST_CASE(114, a0, 0, sraiw x0, a1, 1; mv a0, x0)

    /* reading x0 as an operand */
    TEST_CASE(115, a0, -0x1234, sub a0, x0, a1)
    TEST_CASE(116, a0, 1, sltu a0, x0, a1)      /* snez */
    TEST_CASE(117, a0, 0, sltu a0, a1, x0)

    /* W shifts by an immediate with shamt[5] set are reserved: illegal instruction, mtval =
       the instruction bits (slliw/srliw/sraiw a0, a1, 32+1) */
    TEST_TRAP(118, CAUSE_ILLEGAL_INSN, 0x0215951b, .word 0x0215951b)
    TEST_TRAP(119, CAUSE_ILLEGAL_INSN, 0x0215d51b, .word 0x0215d51b)
    TEST_TRAP(120, CAUSE_ILLEGAL_INSN, 0x4215d51b, .word 0x4215d51b)
    /* ...and the destination was not written */
    li a0, 77; li a1, 1; TRAP_EXPECT; .word 0x0215951b; TEST_CASE(121, a0, 77, nop)
TEST_END
