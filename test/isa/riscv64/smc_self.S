/*
 * smc_self.S — a store into the instructions that follow it in the same straight-line block,
 * without fence.i: the new instruction must be the one that runs (precise self-modifying code,
 * as x86 requires: the engine ends the TB after the store and translates the rest again; a
 * translator that finished the stale block would run the old bytes).  RISC-V formally needs a
 * fence.i here, and QEMU 7.2 does NOT pass this test on riscv64: its TCG restarts the running
 * block only for targets that define TARGET_HAS_PRECISE_SMC (i386, s390x), so a riscv store
 * into its own block is seen only from the next block on ("FAIL test 1" under
 * qemu-system-riscv64).  This tests our engine's contract, not a RISC-V requirement.
 * Each sequence starts 64-byte aligned so that it does not cross a page (a TB ends there).
 */
#include "harness.h"

#define ADDI_A0(imm)  (((imm) << 20) | 0x513)     /* addi a0, zero, imm */
#define ADDI_A0_A0(imm) (((imm) << 20) | 0x50513) /* addi a0, a0, imm */
#define C_LI_A0(imm)  (0x4501 | ((imm) << 2))     /* c.li a0, imm (0..31) */

TEST_BEGIN
    /* 1: the very next instruction */
    TEST_NUM(1)
    li a2, ADDI_A0(42)
    .balign 64
    la a1, 1f
    sw a2, 0(a1)
1:  addi a0, zero, 1
    CHECK(a0, 42)

    /* 2: the next instruction, and the ones after it see the state it left */
    TEST_NUM(2)
    li a2, ADDI_A0_A0(100)
    li a0, 5
    .balign 64
    la a1, 2f
    sw a2, 0(a1)
2:  addi a0, a0, 1
    addi a0, a0, 1000
    CHECK(a0, 1105)

    /* 3: an instruction a few instructions further on, in a loop: each pass writes a new
     * immediate, and each pass must see its own (the block is translated again each time,
     * and compiled when the JIT compiles everything) */
    TEST_NUM(3)
    li s0, 1
    li s1, 20
    li a3, 0x513
    .balign 64
3:  slli a2, s0, 20
    or a2, a2, a3
    la a1, 4f
    sw a2, 0(a1)
    li a0, 0
    nop
4:  addi a0, zero, 0
    CHECK_REG(a0, s0)
    addi s0, s0, 1
    addi s1, s1, -1
    bnez s1, 3b

    /* 4: a compressed instruction patched by a 16-bit store */
    TEST_NUM(4)
    li a2, C_LI_A0(9)
    .balign 64
    la a1, 5f
    sh a2, 0(a1)
    .option push
    .option rvc
5:  c.li a0, 1
    .option pop
    CHECK(a0, 9)

    /* 5: an AMO that writes the next instruction */
    TEST_NUM(5)
    li a2, ADDI_A0(77)
    .balign 64
    la a1, 6f
    amoswap.w a4, a2, (a1)
6:  addi a0, zero, 2
    CHECK(a0, 77)
    li a3, ADDI_A0(2)
    CHECK_REG(a4, a3)           /* the AMO returned the old instruction */

    /* 6: a store into a data word of the same page (no code there) changes nothing else */
    TEST_NUM(6)
    li a2, 0x1234
    .balign 64
    la a1, 7f
    sw a2, 0(a1)
    li a0, 3
    addi a0, a0, 4
    CHECK(a0, 7)
    lw a0, 0(a1)
    CHECK(a0, 0x1234)
    j 8f
    .balign 4
7:  .word 0
8:
TEST_END
