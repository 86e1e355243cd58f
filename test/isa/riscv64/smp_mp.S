/*
 * smp_mp.S — SMP message-passing litmus tests: data written before a flag (fence w,w between)
 * must be visible to a hart that has seen the flag (fence r,r between).
 *   phase 1, streaming: the 4 harts form a ring.  In round i = 1, 2, ... (at least N rounds,
 *            and on until every hart has done N: SMP_UNTIL_ALL_DONE) hart h publishes i in its
 *            slot (data0 = data1 = i, fence w,w, flag = i), then samples the next hart's slot
 *            (flag f, fence r,r, data1, data0): both data words must be >= f (checks 10, 11),
 *            and f never goes back (check 12: reads of one location stay in order).  Each
 *            slot's three words sit on different cache lines.
 *   phase 2, hand-off: a token goes round the ring P times; on pass p the owner (hart p % 4)
 *            waits for turn == p (fence r,r), checks the 4-word message left for it (check 20),
 *            writes the next one, fence w,w, sets turn = p + 1 and sends the next hart an IPI
 *            (CLINT msip).  A waiting hart sleeps in wfi between looks at turn (mie.MSIE = 1,
 *            mstatus.MIE = 0: the IPI wakes it, no trap): with 4 harts spinning on 2 host
 *            cores, each pass would wait for the host's scheduler.  Hart 0 finally checks the
 *            last message (check 21).
 * run-args: -smp 4
 */
#include "smp.h"

#define N        200000
#define P        1000                   /* passes: 250 times round the ring */
#define SLOT     256                    /* slot h at slots + h * SLOT: */
#define FLAG     0                      /*   flag  */
#define DATA0    64                     /*   data0 */
#define DATA1    128                    /*   data1 */
#define MSG_MUL  0x9e3779b97f4a7c15     /* message of pass p: word k = (p + 1) * MSG_MUL + k */
#define CLINT_MSIP 0x2000000            /* + 4 * hartid: software interrupt pending */
#define MIE_MSIE   0x8

    .data
    .balign 64
slots:   .fill 4 * SLOT, 1, 0
turn:    .dword 0
    .balign 64
done1:   .word 0
    .balign 64
msg:     .dword MSG_MUL, 0, 0, 0, 0, 0, 0, 0    /* 4 words, each on its own cache line: */
    .dword MSG_MUL + 1, 0, 0, 0, 0, 0, 0, 0     /* at msg + 64 k */
    .dword MSG_MUL + 2, 0, 0, 0, 0, 0, 0, 0
    .dword MSG_MUL + 3, 0, 0, 0, 0, 0, 0, 0

TEST_BEGIN
    SMP_START
    HARTID(s11)

    /* phase 1: s0 = my slot, s1 = the next hart's slot */
    la s0, slots
    slli t0, s11, 8
    add s0, s0, t0
    la s1, slots
    addi t0, s11, 1
    andi t0, t0, 3
    slli t0, t0, 8
    add s1, s1, t0
    li s2, 0                    /* i */
    li s4, 0                    /* last flag seen */
1:  addi s2, s2, 1
    sd s2, DATA0(s0)
    sd s2, DATA1(s0)
    fence w, w
    sd s2, FLAG(s0)
    ld t0, FLAG(s1)
    fence r, r
    ld t1, DATA1(s1)
    ld t2, DATA0(s1)
    bltu t1, t0, fail_data1
    bltu t2, t0, fail_data0
    bltu t0, s4, fail_flag
    mv s4, t0
    SMP_UNTIL_ALL_DONE(s2, N, done1, 1b)

    SMP_BARRIER

    /* phase 2: s2 = p, the passes this hart owns: p = hartid, hartid + 4, ... < P */
    la s0, turn
    la s1, msg
    li s5, MSG_MUL
    mv s2, s11
    li s3, P
    li s7, CLINT_MSIP           /* s7 = my msip, s8 = the next hart's */
    slli t0, s11, 2
    add s7, s7, t0
    li s8, CLINT_MSIP
    addi t0, s11, 1
    andi t0, t0, 3
    slli t0, t0, 2
    add s8, s8, t0
    li s9, 1
    li t0, MIE_MSIE
    csrs mie, t0
2:  sw zero, 0(s7)              /* wait for turn == p: clear my IPI, then look */
    fence
    ld t0, 0(s0)
    beq t0, s2, 3f
    wfi                         /* an IPI sent since the clear ends this at once */
    j 2b
3:  fence r, r
    addi t0, s2, 1              /* expect message of pass p: (p + 1) * MSG_MUL + k */
    mul s6, t0, s5
    ld t1, 0(s1)
    bne t1, s6, fail_msg
    ld t1, 64(s1)
    addi t2, s6, 1
    bne t1, t2, fail_msg
    ld t1, 128(s1)
    addi t2, s6, 2
    bne t1, t2, fail_msg
    ld t1, 192(s1)
    addi t2, s6, 3
    bne t1, t2, fail_msg
    add s6, s6, s5              /* write the message of pass p + 1 */
    sd s6, 0(s1)
    addi t2, s6, 1
    sd t2, 64(s1)
    addi t2, s6, 2
    sd t2, 128(s1)
    addi t2, s6, 3
    sd t2, 192(s1)
    fence w, w
    addi t0, s2, 1
    sd t0, 0(s0)                /* turn = p + 1 */
    fence
    sw s9, 0(s8)                /* wake the next hart */
    addi s2, s2, 4
    bltu s2, s3, 2b

    SMP_BARRIER
    bnez s11, smp_park_hart

    /* the message of pass P */
    TEST_NUM(21)
    ld t0, turn
    CHECK(t0, P)
    li t0, P + 1
    mul s6, t0, s5
    ld t1, 0(s1)
    CHECK_REG(t1, s6)
    ld t1, 192(s1)
    addi s6, s6, 3
    CHECK_REG(t1, s6)
    PASS

fail_data1:
    TEST_NUM(10)
    FAIL
fail_data0:
    TEST_NUM(11)
    FAIL
fail_flag:
    TEST_NUM(12)
    FAIL
fail_msg:
    TEST_NUM(20)
    FAIL
TEST_END
