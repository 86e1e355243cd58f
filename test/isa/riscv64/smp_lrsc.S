/*
 * smp_lrsc.S — SMP: 4 harts increment shared counters with lr/sc retry loops at the same time;
 * the totals must be exact (a failed sc retries, a successful one never loses another hart's
 * update).  Each phase runs at least N times per hart, and on until every hart has done N
 * (SMP_UNTIL_ALL_DONE); hart 0 checks the totals against the published iteration counts.
 *   phase 1: lr.w / sc.w, +1; the values a hart's successful lr read must strictly increase
 *            (check 10)
 *   phase 2: lr.d.aq / sc.d.rl, +(hartid + 1), across 2^32 (check 11 likewise)
 *   phase 3: one counter, harts 0 and 2 add with lr.d/sc.d, harts 1 and 3 with amoadd.d: an AMO
 *            between another hart's lr and sc must make that sc fail or come after it
 *   phase 4: lr.w.aqrl / sc.w.aqrl on the two halves of one dword: harts 0 and 2 count in the
 *            low word, harts 1 and 3 in the high word; neither may clobber the other
 * Totals (hart 0): 20 (phase 1, and its neighbour word 21), 22, 23, 24 and 25.
 * run-args: -smp 4
 */
#include "smp.h"

#define N        200000
#define D_INIT   0x00000000fff00000
#define GUARD    0x5a5a5a5a

    .data
    .balign 64
cnt_w:   .word 0, GUARD
    .balign 64
cnt_d:   .dword D_INIT
    .balign 64
cnt_mix: .dword 0
    .balign 64
cnt_lh:  .word 0, 0             /* phase 4: low word, high word */
    .balign 64
done1:   .word 0
    .balign 64
done2:   .word 0
    .balign 64
done3:   .word 0
    .balign 64
done4:   .word 0
    .balign 64
iters1:  .dword 0, 0, 0, 0      /* per hart: iterations of each phase */
iters2:  .dword 0, 0, 0, 0
iters3:  .dword 0, 0, 0, 0
iters4:  .dword 0, 0, 0, 0

TEST_BEGIN
    SMP_START
    HARTID(s11)

    /* phase 1: lr.w / sc.w, +1 (s1 = iterations, s2 = previous value a successful lr read) */
    la s0, cnt_w
    li s1, 0
    li s2, -1
1:  lr.w s4, (s0)
    addi s5, s4, 1
    sc.w s6, s5, (s0)
    bnez s6, 1b
    ble s4, s2, fail_lr_w
    mv s2, s4
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done1, 1b)
    SMP_PUBLISH(s1, iters1)

    /* phase 2: lr.d.aq / sc.d.rl, +(hartid + 1) */
    la s0, cnt_d
    li s1, 0
    li s2, -1
    addi s3, s11, 1
2:  lr.d.aq s4, (s0)
    add s5, s4, s3
    sc.d.rl s6, s5, (s0)
    bnez s6, 2b
    ble s4, s2, fail_lr_d
    mv s2, s4
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done2, 2b)
    SMP_PUBLISH(s1, iters2)

    /* phase 3: lr/sc on even harts, amoadd on odd harts, +1 on the same dword */
    la s0, cnt_mix
    li s1, 0
    li s3, 1
    andi t0, s11, 1
    bnez t0, 4f
3:  lr.d s4, (s0)
    addi s4, s4, 1
    sc.d s6, s4, (s0)
    bnez s6, 3b
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done3, 3b)
    j 5f
4:  amoadd.d zero, s3, (s0)
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done3, 4b)
5:  SMP_PUBLISH(s1, iters3)

    /* phase 4: lr.w/sc.w on the low word (even harts) or the high word (odd harts) */
    la s0, cnt_lh
    andi t0, s11, 1
    slli t0, t0, 2
    add s0, s0, t0
    li s1, 0
6:  lr.w.aqrl s4, (s0)
    addi s4, s4, 1
    sc.w.aqrl s6, s4, (s0)
    bnez s6, 6b
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done4, 6b)
    SMP_PUBLISH(s1, iters4)

    SMP_BARRIER
    bnez s11, smp_park_hart

    /* phase 1: the sum of the iterations (32 bits), the neighbour word untouched */
    SMP_SUM(s1, iters1)
    slli s1, s1, 32
    srli s1, s1, 32
    la s0, cnt_w
    lwu a0, 0(s0)
    TEST_NUM(20)
    CHECK_REG(a0, s1)
    lw a0, 4(s0)
    TEST_NUM(21)
    CHECK(a0, GUARD)

    /* phase 2: D_INIT + sum over harts of (hartid + 1) * iterations */
    li s1, D_INIT
    la s2, iters2
    li s3, 1
7:  ld t0, 0(s2)
    mul t0, t0, s3
    add s1, s1, t0
    addi s2, s2, 8
    addi s3, s3, 1
    li t0, SMP_HARTS
    bleu s3, t0, 7b
    ld a0, cnt_d
    TEST_NUM(22)
    CHECK_REG(a0, s1)

    /* phase 3: the sum of the iterations */
    SMP_SUM(s1, iters3)
    ld a0, cnt_mix
    TEST_NUM(23)
    CHECK_REG(a0, s1)

    /* phase 4: low word = iterations of harts 0 and 2, high word = those of 1 and 3 */
    la s2, iters4
    ld s1, 0(s2)
    ld t0, 16(s2)
    add s1, s1, t0
    la s0, cnt_lh
    lwu a0, 0(s0)
    TEST_NUM(24)
    CHECK_REG(a0, s1)
    ld s1, 8(s2)
    ld t0, 24(s2)
    add s1, s1, t0
    lwu a0, 4(s0)
    TEST_NUM(25)
    CHECK_REG(a0, s1)
    PASS

fail_lr_w:
    TEST_NUM(10)
    FAIL
fail_lr_d:
    TEST_NUM(11)
    FAIL
TEST_END
