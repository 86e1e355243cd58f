/*
 * test/isa/riscv64/smp.h — the harness for the bare-metal SMP tests (smp_*.S); include it
 * instead of harness.h.
 *
 * Every hart starts at the ELF entry (QEMU's `-bios none -kernel` behaviour).  With SMP_HARTS
 * defined, harness.h sends harts 1 .. SMP_HARTS-1 into test_main as well (mtvec set, gp = 0,
 * no stack); harts from SMP_HARTS on park in wfi, so a test written for 4 harts also runs with
 * -smp 8.  All harts run the same test body and tell themselves apart with HARTID.  The test
 * sources carry "run-args: -smp 4" for test/isa/run.sh.
 *
 *     #include "smp.h"
 *     TEST_BEGIN
 *         SMP_START                   // all harts here, or check 1 fails after 5 s
 *         ... work on shared data ...
 *         SMP_BARRIER                 // everybody's work is done and visible
 *         HARTID(t0); bnez t0, smp_park_hart
 *         ... hart 0 checks the results ...
 *     TEST_END
 *
 * Any hart may fail the test (set gp, j fail); the first write to the test device ends the run.
 * smp_barrier clobbers t0-t4, a0 and ra, the other macros t0-t2; a test keeps its loop state
 * in s* / a1-a7.
 */
#ifndef TEST_ISA_RISCV64_SMP_H
#define TEST_ISA_RISCV64_SMP_H

#define SMP_HARTS 4
#include "harness.h"

#define CLINT_MTIME        0x200bff8     /* 64-bit, 10 MHz on QEMU's virt */
#define SMP_START_TIMEOUT  50000000      /* 5 s of mtime */

#define HARTID(reg)   csrr reg, mhartid
/* wait for all SMP_HARTS harts; fail with check 1 if they are not all there within 5 s */
#define SMP_START     li gp, 1; li a0, SMP_START_TIMEOUT; jal ra, smp_barrier
/* wait for all SMP_HARTS harts, without a time limit (run.sh's timeout catches a hang) */
#define SMP_BARRIER   li a0, 0; jal ra, smp_barrier
/* a hart whose part is done sleeps for the rest of the run */
#define SMP_PARK      j smp_park_hart

/*
 * Loops that must really run at the same time.  Releasing the harts from a barrier together is
 * not enough: with more vCPUs than host cores (QEMU's MTTCG on a 2-core machine), a hart may
 * get its host thread only milliseconds after the others.  So a hart runs its loop at least
 * n times and then keeps going until every hart has done n: the last hart's n iterations then
 * overlap the others' work.  It lingers like that for at most SMP_LINGER after its own n,
 * though: a spinlock is not fair, and on one thread with deterministic time slices the harts
 * that keep taking it can starve the last one for ever (seen on the round-robin engine with
 * jit-threshold=2).  The iteration count differs from hart to hart; each publishes its count
 * (SMP_PUBLISH) and hart 0 computes the expected totals from them (SMP_SUM).
 *   SMP_UNTIL_ALL_DONE(cnt, n, done, loop): at the end of the loop body, cnt = iterations so
 *   far; branches back to `loop` unless every hart has done n (or this one has lingered long
 *   enough).  Looks at `done` (a zeroed word of the test's, one per loop) and the clock every
 *   SMP_STRIDE iterations; n must be a multiple of SMP_STRIDE.  Clobbers t0-t2.
 */
#define SMP_STRIDE     64
#define SMP_LINGER     5000000          /* 0.5 s of the 10 MHz time CSR */
#define SMP_UNTIL_ALL_DONE(cnt, n, done, loop) \
    .if (n) % SMP_STRIDE; .error "n must be a multiple of SMP_STRIDE"; .endif; \
    andi t0, cnt, SMP_STRIDE - 1; bnez t0, loop; \
    li t0, n; bltu cnt, t0, loop; bne cnt, t0, 55581f; \
    la t1, done; li t2, 1; amoadd.w zero, t2, (t1); \
    csrr t0, time; li t1, SMP_LINGER; add t0, t0, t1; \
    csrr t1, mhartid; slli t1, t1, 3; la t2, smp_linger_end; add t1, t1, t2; sd t0, 0(t1); \
55581: lw t1, done; li t2, SMP_HARTS; bgeu t1, t2, 55582f; \
    csrr t1, mhartid; slli t1, t1, 3; la t2, smp_linger_end; add t1, t1, t2; ld t1, 0(t1); \
    csrr t0, time; bltu t0, t1, loop; \
55582:
/* array[hartid] = reg (array: SMP_HARTS dwords); clobbers t0, t1 */
#define SMP_PUBLISH(reg, array) \
    csrr t1, mhartid; slli t1, t1, 3; la t0, array; add t0, t0, t1; sd reg, 0(t0)
/* reg = the sum of array[0 .. 3] (SMP_HARTS = 4 dwords); clobbers t0, t1 */
#define SMP_SUM(reg, array) \
    la t0, array; ld reg, 0(t0); ld t1, 8(t0); add reg, reg, t1; \
    ld t1, 16(t0); add reg, reg, t1; ld t1, 24(t0); add reg, reg, t1

    .text
    .balign 4
/*
 * smp_barrier: a reusable barrier for SMP_HARTS harts (a0 = timeout in mtime ticks, 0 = none;
 * on a timeout the test fails with the caller's gp).  Arrivals are counted in smp_bar_count;
 * the last one to arrive resets the count and bumps smp_bar_gen, which the others spin on.
 * The count is reset before the generation moves, so a hart that races ahead into the next
 * barrier never sees a stale count.  Ordering: every hart's accesses before the barrier
 * happen before every hart's accesses after it (amoadd.aqrl, fence rw,w before the release,
 * fence r,rw after the wait).
 */
smp_barrier:
    la t0, smp_bar_gen
    lw t1, 0(t0)                /* generation this barrier waits to leave */
    la t2, smp_bar_count
    li t3, 1
    amoadd.w.aqrl t3, t3, (t2)  /* rl keeps the generation read above before the arrival */
    li t4, SMP_HARTS - 1
    bne t3, t4, 1f
    sw zero, 0(t2)              /* last one in: reset the count, then release everybody */
    fence rw, w
    addi t1, t1, 1
    sw t1, 0(t0)
    ret
1:  li t4, 0                    /* t4 = deadline in mtime ticks (when a0 != 0) */
    beqz a0, 2f
    li t4, CLINT_MTIME
    ld t4, 0(t4)
    add t4, t4, a0
2:  lw t3, 0(t0)
    bne t3, t1, 3f
    beqz a0, 2b
    li t3, CLINT_MTIME
    ld t3, 0(t3)
    bltu t3, t4, 2b
    la a0, _msg_smp_timeout
    call _puts
    j fail
3:  fence r, rw
    ret

smp_park_hart:
    wfi
    j smp_park_hart

    .section .rodata
_msg_smp_timeout: .asciz "SMP test: not all harts reached the barrier (needs -smp 4)\n"

    /* the test's data on pages of its own: a store to a page that holds translated code
       makes emulators drop and retranslate that page's code (with data beside the code,
       smp_amo took 26 s instead of 0.1 s on our engine) */
    .data
    .balign 4096
    .balign 64                  /* each on its own cache line */
smp_bar_count: .word 0
    .balign 64
smp_bar_gen:   .word 0
    .balign 64
smp_linger_end: .dword 0, 0, 0, 0   /* per hart: SMP_UNTIL_ALL_DONE's time limit */
    .balign 64

#endif
