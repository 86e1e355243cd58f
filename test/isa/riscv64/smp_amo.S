/*
 * smp_amo.S — SMP: 4 harts hammer shared counters with AMOs at the same time; the totals must
 * be exact (no lost updates) and each AMO must return the value it replaced.  Each phase runs
 * at least N times per hart, and on until every hart has done N (SMP_UNTIL_ALL_DONE); the
 * harts publish their iteration counts and hart 0 checks the totals against them.
 *   phase 1: amoadd.w +1 on the low word of a dword (the high word must stay); the old values
 *            a hart gets back must strictly increase (check 10)
 *   phase 2: amoadd.d.aqrl +(hartid + 1), from a start value whose total carries into the high
 *            word (check 11 for the old values)
 *   phase 3: amoxor.w of a per-hart mask: the final word has the masks of the harts that
 *            flipped theirs an odd number of times flipped
 * Totals (hart 0): 20 (.w counter), 21 (its neighbour word), 22 (.d counter), 23 (xor word).
 * run-args: -smp 4
 */
#include "smp.h"

#define N        200000
#define D_INIT   0x00000000fff00000       /* the total crosses 2^32 */
#define X_INIT   0x0f0f0f0f
#define GUARD    0x5a5a5a5a

    .data
    .balign 64
cnt_w:   .word 0, GUARD
    .balign 64
cnt_d:   .dword D_INIT
    .balign 64
cnt_x:   .word X_INIT
    .balign 64
done1:   .word 0
    .balign 64
done2:   .word 0
    .balign 64
done3:   .word 0
    .balign 64
iters1:  .dword 0, 0, 0, 0      /* per hart: iterations of phase 1, 2, 3 */
iters2:  .dword 0, 0, 0, 0
iters3:  .dword 0, 0, 0, 0

TEST_BEGIN
    SMP_START
    HARTID(s11)

    /* phase 1: amoadd.w +1 (s1 = iterations, s2 = previous old value) */
    la s0, cnt_w
    li s1, 0
    li s2, -1
    li s3, 1
1:  amoadd.w s4, s3, (s0)
    ble s4, s2, fail_old_w
    mv s2, s4
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done1, 1b)
    SMP_PUBLISH(s1, iters1)

    /* phase 2: amoadd.d.aqrl +(hartid + 1) */
    la s0, cnt_d
    li s1, 0
    li s2, -1
    addi s3, s11, 1
2:  amoadd.d.aqrl s4, s3, (s0)
    ble s4, s2, fail_old_d
    mv s2, s4
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done2, 2b)
    SMP_PUBLISH(s1, iters2)

    /* phase 3: amoxor.w of 0x11 << (8 * hartid) */
    la s0, cnt_x
    li s1, 0
    li s3, 0x11
    slli s4, s11, 3
    sll s3, s3, s4
3:  amoxor.w zero, s3, (s0)
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done3, 3b)
    /* one more on odd harts: some masks end up flipped and some not */
    andi t0, s11, 1
    beqz t0, 4f
    amoxor.w zero, s3, (s0)
    addi s1, s1, 1
4:  SMP_PUBLISH(s1, iters3)

    SMP_BARRIER
    bnez s11, smp_park_hart

    /* phase 1: W_INIT (0) + the sum of the iterations */
    SMP_SUM(s1, iters1)
    la s0, cnt_w
    lwu a0, 0(s0)
    TEST_NUM(20)
    slli s1, s1, 32
    srli s1, s1, 32
    CHECK_REG(a0, s1)
    lw a0, 4(s0)
    TEST_NUM(21)
    CHECK(a0, GUARD)

    /* phase 2: D_INIT + sum over harts of (hartid + 1) * iterations */
    li s1, D_INIT
    la s2, iters2
    li s3, 1
5:  ld t0, 0(s2)
    mul t0, t0, s3
    add s1, s1, t0
    addi s2, s2, 8
    addi s3, s3, 1
    li t0, SMP_HARTS
    bleu s3, t0, 5b
    ld a0, cnt_d
    TEST_NUM(22)
    CHECK_REG(a0, s1)

    /* phase 3: X_INIT with the masks of the harts with an odd count flipped */
    li s1, X_INIT
    la s2, iters3
    li s3, 0x11
    li s4, 0
6:  ld t0, 0(s2)
    andi t0, t0, 1
    beqz t0, 7f
    xor s1, s1, s3
7:  slli s3, s3, 8
    addi s2, s2, 8
    addi s4, s4, 1
    li t0, SMP_HARTS
    bltu s4, t0, 6b
    lwu a0, cnt_x
    TEST_NUM(23)
    CHECK_REG(a0, s1)
    PASS

fail_old_w:
    TEST_NUM(10)
    FAIL
fail_old_d:
    TEST_NUM(11)
    FAIL
TEST_END
