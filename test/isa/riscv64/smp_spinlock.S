/*
 * smp_spinlock.S — SMP: 4 harts take a spinlock over and over and, holding it, update two
 * words with plain loads and stores.  Mutual exclusion and the lock's acquire/release ordering
 * must make every update count and keep the pair in step.  Each phase runs at least N times
 * per hart, and on until every hart has done N (SMP_UNTIL_ALL_DONE).
 *   phase 1: test-and-test-and-set lock: spin on lw until free, amoswap.w.aq to take it;
 *            release with fence rw,w + sw zero
 *   phase 2: lr.w.aq / sc.w lock, waiting with lw until it looks free; release with
 *            amoswap.w.rl zero
 * Inside the lock a hart checks that the owner word is free (check 10) and claims it, that
 * the two counters are equal (check 11: a torn update shows), increments both (the second
 * lives on another cache line), and checks it is still the owner (check 12) before giving up
 * ownership and the lock.  Then hart 0 checks that both counters equal the total of the
 * harts' published iteration counts (checks 20 and 21).
 * run-args: -smp 4
 */
#include "smp.h"

#define N        51200

    .data
    .balign 64
lock:    .word 0
    .balign 64
owner:   .dword 0               /* hartid + 1 of the holder, 0 when free */
    .balign 64
count_a: .dword 0
    .balign 64
count_b: .dword 0
    .balign 64
done1:   .word 0
    .balign 64
done2:   .word 0
    .balign 64
iters1:  .dword 0, 0, 0, 0      /* per hart: iterations of each phase */
iters2:  .dword 0, 0, 0, 0

/* the critical section (clobbers t0-t2): owner free -> ours, a == b, a++ and b++, still ours */
#define CRITICAL_SECTION \
    ld t0, 0(s2); bnez t0, fail_owner; sd s3, 0(s2); \
    ld t0, 0(s4); ld t1, 0(s5); bne t0, t1, fail_torn; \
    addi t0, t0, 1; sd t0, 0(s4); addi t1, t1, 1; sd t1, 0(s5); \
    ld t2, 0(s2); bne t2, s3, fail_stolen; sd zero, 0(s2)

TEST_BEGIN
    SMP_START
    HARTID(s11)
    la s0, lock
    la s2, owner
    addi s3, s11, 1
    la s4, count_a
    la s5, count_b
    li s6, 1

    /* phase 1: amoswap lock (s1 = iterations) */
    li s1, 0
1:  lw t0, 0(s0)                /* test ... */
    bnez t0, 1b
    amoswap.w.aq t0, s6, (s0)   /* ... and set */
    bnez t0, 1b
    CRITICAL_SECTION
    fence rw, w
    sw zero, 0(s0)
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done1, 1b)
    SMP_PUBLISH(s1, iters1)

    /* phase 2: lr/sc lock (spinning with plain loads too: a waiting lr loop would keep
       taking reservations) */
    li s1, 0
2:  lw t0, 0(s0)
    bnez t0, 2b
    lr.w.aq t0, (s0)
    bnez t0, 2b
    sc.w t0, s6, (s0)
    bnez t0, 2b
    CRITICAL_SECTION
    amoswap.w.rl zero, zero, (s0)
    addi s1, s1, 1
    SMP_UNTIL_ALL_DONE(s1, N, done2, 2b)
    SMP_PUBLISH(s1, iters2)

    SMP_BARRIER
    bnez s11, smp_park_hart

    SMP_SUM(s1, iters1)
    SMP_SUM(s2, iters2)
    add s1, s1, s2
    ld a0, count_a
    TEST_NUM(20)
    CHECK_REG(a0, s1)
    ld a0, count_b
    TEST_NUM(21)
    CHECK_REG(a0, s1)
    PASS

fail_owner:
    TEST_NUM(10)
    FAIL
fail_torn:
    TEST_NUM(11)
    FAIL
fail_stolen:
    TEST_NUM(12)
    FAIL
TEST_END
