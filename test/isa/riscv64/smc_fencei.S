/*
 * smc_fencei.S — self-modifying code made visible with fence.i: patching an instruction in a
 * function that has already run (and would be cached by a translator) several times in a loop,
 * patching an instruction a few instructions after the store in the same straight-line block,
 * patching a compressed instruction, and writing fresh code into a data buffer and calling it.
 */
#include "harness.h"

#define ADDI_A0(imm)  (((imm) << 20) | 0x513)     /* addi a0, zero, imm */
#define C_LI_A0(imm)  (0x4501 | ((imm) << 2))     /* c.li a0, imm (0..31) */
#define RET           0x00008067                  /* jalr x0, 0(ra) */

    .data
    .balign 16
codebuf:
    .fill 16, 4, 0

TEST_BEGIN
    /* 1: a function patched after each call; each call must see the latest patch */
    TEST_NUM(1)
    li s0, 1                    /* expected value */
    li s1, 8                    /* iterations */
1:  call patchme
    CHECK_REG(a0, s0)
    addi s0, s0, 1
    li a2, 0x513
    slli a3, s0, 20
    or a2, a2, a3
    la a1, patch_site
    sw a2, 0(a1)
    fence.i
    addi s1, s1, -1
    bnez s1, 1b
    call patchme
    CHECK(a0, 9)

    /* 2: patch an instruction in the same block as the store, in a loop */
    TEST_NUM(2)
    li s0, 100
    li s1, 5
2:  li a2, 0x513
    slli a3, s0, 20
    or a2, a2, a3
    la a1, 3f
    sw a2, 0(a1)
    fence.i
    nop
    nop
3:  addi a0, zero, 1
    CHECK_REG(a0, s0)
    addi s0, s0, 1
    addi s1, s1, -1
    bnez s1, 2b

    /* 3: the same without any instruction between fence.i and the patched one */
    TEST_NUM(3)
    li a2, ADDI_A0(0x7ff)
    la a1, 4f
    sw a2, 0(a1)
    fence.i
4:  addi a0, zero, 3
    CHECK(a0, 0x7ff)

    /* 4: patch a compressed instruction (16-bit store) */
    TEST_NUM(4)
    li s0, 1
    li s1, 6
5:  call cpatchme
    CHECK_REG(a0, s0)
    addi s0, s0, 1
    li a2, 0x4501
    slli a3, s0, 2
    or a2, a2, a3
    la a1, cpatch_site
    sh a2, 0(a1)
    fence.i
    addi s1, s1, -1
    bnez s1, 5b

    /* 5: fresh code written to a data buffer, called, rewritten, called again */
    TEST_NUM(5)
    la s2, codebuf
    li a2, ADDI_A0(7)
    sw a2, 0(s2)
    li a2, RET
    sw a2, 4(s2)
    fence.i
    jalr ra, 0(s2)
    CHECK(a0, 7)
    TEST_NUM(6)
    li s1, 4
6:  li a2, ADDI_A0(-5)
    sw a2, 0(s2)
    li a2, ADDI_A0(0) | (10 << 15) | (1 << 20)  /* addi a0, a0, 1 */
    sw a2, 4(s2)
    li a2, RET
    sw a2, 8(s2)
    fence.i
    jalr ra, 0(s2)
    CHECK(a0, -4)
    li a2, ADDI_A0(11)
    sw a2, 0(s2)
    li a2, RET
    sw a2, 4(s2)
    fence.i
    jalr ra, 0(s2)
    CHECK(a0, 11)
    addi s1, s1, -1
    bnez s1, 6b

    /* 7: patch a branch into a different one (beq -> bne) in code already run */
    TEST_NUM(7)
    li s1, 3
7:  li a0, 0
    call branchy
    CHECK(a0, 1)                /* beq zero, zero: taken -> returns 1 */
    la a1, branch_site
    lw a2, 0(a1)
    li a3, 1 << 12
    or a2, a2, a3               /* funct3 000 (beq) -> 001 (bne) */
    sw a2, 0(a1)
    fence.i
    call branchy
    CHECK(a0, 2)                /* bne zero, zero: not taken -> returns 2 */
    lw a2, 0(a1)
    not a3, a3
    and a2, a2, a3
    sw a2, 0(a1)
    fence.i
    addi s1, s1, -1
    bnez s1, 7b
TEST_END

    .balign 4
patchme:
patch_site:
    addi a0, zero, 1
    ret

cpatchme:
    .option push
    .option rvc
cpatch_site:
    c.li a0, 1
    c.jr ra
    .option pop

    .balign 4
branchy:
branch_site:
    beq zero, zero, 1f
    li a0, 2
    ret
1:  li a0, 1
    ret
