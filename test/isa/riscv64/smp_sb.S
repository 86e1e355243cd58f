/*
 * smp_sb.S — SMP store-buffering and load-buffering litmus tests with full fences, run by
 * harts 0 (A) and 1 (B); harts 2 and 3 sleep, so that on a 2-core host A and B get a core
 * each and really run at the same time.  N rounds, round i on fresh zeroed words x[i], y[i]
 * with value v = i + 1; each hart records what it read.  A and B start each burst of rounds
 * at the same moment (see BURST) so that they race on the same round.
 *   SB:  A: x = v; fence rw,rw; ra = y      B: y = v; fence rw,rw; rb = x
 *        ra = rb = 0 is forbidden (check 11)
 *   LB:  A: ra = y; fence rw,rw; x = v      B: rb = x; fence rw,rw; y = v
 *        ra = rb = v is forbidden (check 13)
 * Every value read must be 0 or v (checks 10 and 12: the memory starts zeroed).  Hart 0
 * checks all rounds at the end.
 * run-args: -smp 4
 */
#include "smp.h"

#define N        131072
#define ARR      (N * 4)                /* one array: a word per round */
/* 8 arrays: SB x, y, ra, rb, then LB x, y, ra, rb */
#define SB_X     0
#define SB_Y     (1 * ARR)
#define SB_RA    (2 * ARR)
#define SB_RB    (3 * ARR)
#define LB_X     (4 * ARR)
#define LB_Y     (5 * ARR)
#define LB_RA    (6 * ARR)
#define LB_RB    (7 * ARR)

/*
 * Making A and B race on the same round.  Syncing every round does not work: the later hart
 * sees the earlier one's signal only a cache-line transfer later, longer than a round takes,
 * so the two just take turns.  Instead the rounds run in bursts of BURST, and both harts start
 * a burst at the same instant of the shared clock (the `time` CSR, 10 MHz): the second to
 * arrive at a burst publishes start = now + SYNC_DELAY, the first waits for it, and both spin
 * until time >= start.  Running the same code at the same speed, they then hit x[i] and y[i]
 * at nearly the same moments for a good part of the burst.  The first gives up after
 * SYNC_SPINS looks (the other hart has no host CPU, or on one thread is not scheduled), goes on
 * alone and leaves start = 1 so that the other does not wait either: the one behind then runs
 * without waits and catches up.
 */
#define BURST_SHIFT 8
#define BURST       (1 << BURST_SHIFT)  /* rounds (see LITMUS) */
#define BURSTS      (N / BURST)
#define SYNC_DELAY  50                  /* 5 us */
#define SYNC_SPINS  1000

    .bss
    .balign 4096
arrays:  .zero 8 * ARR
arrive:  .zero 2 * BURSTS * 4   /* per test and burst: how many of A, B have arrived */
starts:  .zero 2 * BURSTS * 8   /* per test and burst: the time both start at */
b_done:  .zero 8                /* B has finished both tests */

/*
 * One litmus test for this hart: s1 = the array it stores v to, s2 = the one it loads from,
 * s4 = the one it records the loaded value in, s7/s8 = this test's arrive/starts arrays;
 * LOAD_FIRST selects SB (store, fence, load) or LB (load, fence, store).  Uses s3, s5, s6,
 * t0-t2.
 */
#define LITMUS(label, LOAD_FIRST) \
    li s3, 0;                       /* i */                                             \
label##_burst:                                                                          \
    srli t0, s3, BURST_SHIFT - 2;                                                       \
    add t0, s7, t0;                 /* &arrive[burst] */                                \
    li t1, 1;                                                                           \
    amoadd.w t1, t1, (t0);                                                              \
    srli t2, s3, BURST_SHIFT - 3;                                                       \
    add t2, s8, t2;                 /* &starts[burst] */                                \
    beqz t1, label##_first;                                                             \
    csrr t0, time;                  /* second to arrive: start in SYNC_DELAY ... */     \
    addi t0, t0, SYNC_DELAY;                                                            \
    amoswap.d t1, t0, (t2);                                                             \
    bnez t1, label##_round;         /* ... unless the first has given up */             \
    j label##_sync;                                                                     \
label##_first:                                                                          \
    li t1, SYNC_SPINS;                                                                  \
label##_look:                                                                           \
    ld t0, 0(t2);                                                                       \
    bnez t0, label##_sync;                                                              \
    addi t1, t1, -1;                                                                    \
    bnez t1, label##_look;                                                              \
    li t0, 1;                       /* give up: the other hart is not running */        \
    amoswap.d t0, t0, (t2);                                                             \
    bnez t0, label##_sync;          /* (unless it has just published a start) */       \
    j label##_round;                                                                    \
label##_sync:                                                                           \
    csrr t1, time;                                                                      \
    bltu t1, t0, label##_sync;                                                          \
label##_round:                                                                          \
    slli t0, s3, 2;                                                                     \
    add t1, s1, t0;                 /* &store[i] */                                     \
    add t2, s2, t0;                 /* &load[i] */                                      \
    addi s6, s3, 1;                 /* v */                                             \
    .if LOAD_FIRST;                                                                     \
    lw s5, 0(t2); fence rw, rw; sw s6, 0(t1);                                           \
    .else;                                                                              \
    sw s6, 0(t1); fence rw, rw; lw s5, 0(t2);                                           \
    .endif;                                                                             \
    add t1, s4, t0;                                                                     \
    sw s5, 0(t1);                   /* record */                                        \
    addi s3, s3, 1;                                                                     \
    andi t0, s3, BURST - 1;                                                             \
    bnez t0, label##_round;                                                             \
    li t0, N;                                                                           \
    bltu s3, t0, label##_burst

/* s1 = store array, s2 = load array, s4 = record array, for A or B; s7/s8 = test number
   `which`'s arrive/starts arrays */
#define ROLE(a_store, a_load, a_rec, b_store, b_load, b_rec, which) \
    li t0, a_store; li t1, a_load; li t2, a_rec;                                        \
    beqz s11, 55570f;                                                                   \
    li t0, b_store; li t1, b_load; li t2, b_rec;                                        \
55570: add s1, s0, t0; add s2, s0, t1; add s4, s0, t2;                                  \
    la s7, arrive + (which) * BURSTS * 4; la s8, starts + (which) * BURSTS * 8

TEST_BEGIN
    SMP_START
    HARTID(s11)
    li t0, 2
    bgeu s11, t0, smp_park_hart
    la s0, arrays

    ROLE(SB_X, SB_Y, SB_RA, SB_Y, SB_X, SB_RB, 0)
    LITMUS(sb, 0)
    ROLE(LB_X, LB_Y, LB_RA, LB_Y, LB_X, LB_RB, 1)
    LITMUS(lb, 1)

    /* B: tell A it is done (after its records) and sleep; A: wait for that */
    la t0, b_done
    beqz s11, 1f
    fence rw, w
    li t1, 1
    sd t1, 0(t0)
    SMP_PARK
1:  ld t1, 0(t0)
    beqz t1, 1b
    fence r, rw

    /* A (hart 0): check every round (s1 = arrays + 4 i) */
#define LOAD_AT(reg, off)   li t1, off; add t1, s1, t1; lw reg, 0(t1)
    li s3, 0
    mv s1, s0
2:  addi s6, s3, 1              /* v */
    LOAD_AT(a0, SB_RA)
    LOAD_AT(a1, SB_RB)
    li gp, 10
    beqz a0, 3f
    bne a0, s6, fail
3:  beqz a1, 4f
    bne a1, s6, fail
4:  li gp, 11
    or t0, a0, a1
    beqz t0, fail               /* both read 0: a store was passed by the later load */
    LOAD_AT(a0, LB_RA)
    LOAD_AT(a1, LB_RB)
    li gp, 12
    beqz a0, 5f
    bne a0, s6, fail
5:  beqz a1, 6f
    bne a1, s6, fail
6:  li gp, 13
    and t0, a0, a1
    bnez t0, fail               /* both read v: a load saw a store that came after it */
    addi s1, s1, 4
    addi s3, s3, 1
    li t0, N
    bltu s3, t0, 2b
TEST_END
