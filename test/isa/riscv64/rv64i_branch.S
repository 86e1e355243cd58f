/*
 * rv64i_branch.S — conditional branches (taken / not taken, forward and backward, signed and
 * unsigned comparisons), jal and jalr (link value, bit 0 of the target cleared, rd == rs1,
 * negative offsets, x0 as link register).
 */
#include "harness.h"

/* check number n: branch op on (v1, v2) must be taken (taken = 1) or not (taken = 0), tried
   both forward and backward */
#define TEST_BR(n, op, taken, v1, v2) \
    li gp, n; li a1, v1; li a2, v2; li a0, 0; \
    op a1, a2, 66601f; j 66602f; \
66601: li a0, 1; \
66602: CHECK(a0, taken); \
    li a0, 0; j 66604f; \
66603: li a0, 1; j 66605f; \
66604: op a1, a2, 66603b; \
66605: CHECK(a0, taken)

TEST_BEGIN
    TEST_BR(1, beq, 1, 5, 5)
    TEST_BR(2, beq, 0, 5, 6)
    TEST_BR(3, beq, 0, 0x100000000, 0)          /* all 64 bits compared */
    TEST_BR(4, beq, 1, -1, -1)
    TEST_BR(5, bne, 1, 5, 6)
    TEST_BR(6, bne, 0, -7, -7)
    TEST_BR(7, bne, 1, 0x8000000000000000, 0)
    TEST_BR(8, blt, 1, -1, 0)
    TEST_BR(9, blt, 0, 0, -1)
    TEST_BR(10, blt, 0, 3, 3)
    TEST_BR(11, blt, 1, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_BR(12, blt, 1, -3, -2)
    TEST_BR(13, bge, 1, 0, -1)
    TEST_BR(14, bge, 0, -1, 0)
    TEST_BR(15, bge, 1, 3, 3)
    TEST_BR(16, bge, 0, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_BR(17, bltu, 0, -1, 0)
    TEST_BR(18, bltu, 1, 0, -1)
    TEST_BR(19, bltu, 0, 3, 3)
    TEST_BR(20, bltu, 1, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_BR(21, bgeu, 1, -1, 0)
    TEST_BR(22, bgeu, 0, 0, -1)
    TEST_BR(23, bgeu, 1, 3, 3)
    TEST_BR(24, bgeu, 0, 0xfffffffe, 0xffffffff)
    TEST_BR(25, bltu, 0, 0x100000000, 0xffffffff)

    /* x0 as an operand */
    TEST_NUM(26)
    li a1, -1
    bltu x0, a1, 1f
    FAIL
1:  bgeu x0, a1, fail
    blt a1, x0, 2f
    FAIL
2:  beq x0, x0, 3f
    FAIL
3:  bne x0, x0, fail

    /* jal: link = pc + 4, forward and backward */
    TEST_NUM(27)
    li ra, 0
4:  jal ra, 5f
6:  FAIL
5:  CHECK_LABEL(ra, 6b)
    TEST_NUM(28)
    j 8f
7:  li a0, 0x77
    jal x0, 9f                  /* j: link discarded */
8:  jal a3, 7b
10: FAIL
9:  CHECK(a0, 0x77)
    CHECK_LABEL(a3, 10b)
    CHECK(zero, 0)

    /* jalr: target = (rs1 + imm) & ~1, link = pc + 4 */
    TEST_NUM(29)
    la a1, 11f
    jalr a2, 0(a1)
12: FAIL
11: CHECK_LABEL(a2, 12b)
    TEST_NUM(30)
    la a1, 13f
    addi a1, a1, 1              /* odd address: bit 0 ignored */
    jalr a2, 0(a1)
14: FAIL
13: CHECK_LABEL(a2, 14b)
    TEST_NUM(31)
    la a1, 15f
    addi a1, a1, 9
    jalr a2, -8(a1)             /* negative offset and odd sum */
16: FAIL
15: CHECK_LABEL(a2, 16b)
    TEST_NUM(32)
    la a1, 17f
    addi a1, a1, -2047
    jalr a2, 2047(a1)
18: FAIL
17: CHECK_LABEL(a2, 18b)
    TEST_NUM(33)                /* rd == rs1: the target uses the old value */
    la a1, 19f
    jalr a1, 0(a1)
20: FAIL
19: CHECK_LABEL(a1, 20b)
    TEST_NUM(34)                /* jalr x0 (jr / ret) */
    la a1, 21f
    li a2, 0
    jalr x0, 0(a1)
    li a2, 1
21: CHECK(a2, 0)
    CHECK(zero, 0)
    TEST_NUM(35)                /* call/ret through ra */
    call 30f
    CHECK(a0, 0x55)
    j 31f
30: li a0, 0x55
    ret
31:
    TEST_NUM(36)                /* jalr with rd = x0 and rs1 = ra after a jal */
    jal ra, 32f
    j 33f
32: jalr x0, 0(ra)
    FAIL
33:
    /* a loop: backward branch taken many times */
    TEST_NUM(37)
    li a0, 0
    li a1, 1000
34: addi a0, a0, 3
    addi a1, a1, -1
    bnez a1, 34b
    CHECK(a0, 3000)
TEST_END
