/*
 * interrupts_s.S — supervisor-level interrupts (privileged spec 1.12): mip.SSIP/STIP writable
 * from M; with mideleg delegating SSI/STI, sie enabling them and sstatus.SIE set, they are
 * taken in S (scause = bit 63 | 1 or 5, sepc = the interrupted instruction, stval = 0), with a
 * vectored stvec at base + 4 * cause; delegated interrupts are never taken in M (even with
 * mstatus.MIE and SIE set), are taken from U whatever SIE is, wait for SIE / sie in S and are
 * taken right after the csr write that enables them; sip.SSIP written from S raises one;
 * a non-delegated interrupt (SSIP with mideleg = 0, or the CLINT timer MTIP) pre-empts S and U
 * even with mstatus.MIE = 0; with MTIP and a delegated SSIP both pending the M-level one is
 * taken first; SSI before STI when both are delegated and pending; wfi in S does not sleep
 * when an interrupt is pending and enabled in sie (even with SIE = 0).
 */
#include "harness.h"

#define CLINT_MTIMECMP 0x2004000
#define SSI      (1 << 1)
#define STI      (1 << 5)
#define MTI      (1 << 7)
#define IRQ_SSI  (IRQ_BIT | 1)
#define IRQ_STI  (IRQ_BIT | 5)
#define IRQ_MTI  (IRQ_BIT | 7)

/* mtimecmp = 0 (MTIP pending soon) / all ones (MTIP clear); s11 = &mtimecmp */
#define TIMER_FIRE   sd zero, 0(s11); li a0, 100; 77770: addi a0, a0, -1; bnez a0, 77770b
#define TIMER_OFF    li a0, -1; sd a0, 0(s11)

    .data
    .balign 8
vec_hits: .dword 0

TEST_BEGIN
    PMP_ALLOW_ALL
    la a0, s_trap_handler
    csrw stvec, a0
    csrw mie, zero
    csrw mideleg, zero
    csrw medeleg, zero
    li s11, CLINT_MTIMECMP
    TIMER_OFF

    /* ---- mip.SSIP / STIP are writable from M ---- */
    TEST_NUM(1)
    csrsi mip, SSI
    csrr a0, mip
    andi a0, a0, SSI | STI
    CHECK(a0, SSI)
    csrci mip, SSI
    csrr a0, mip
    andi a0, a0, SSI | STI
    CHECK(a0, 0)
    TEST_NUM(2)
    li a1, STI
    csrs mip, a1
    csrr a0, mip
    andi a0, a0, SSI | STI
    CHECK(a0, STI)
    csrc mip, a1
    csrr a0, mip
    andi a0, a0, SSI | STI
    CHECK(a0, 0)

    /* ---- delegated S interrupts are not taken in M ---- */
    TEST_NUM(3)
    li a1, SSI | STI
    csrw mideleg, a1
    csrw mie, a1
    csrs mip, a1
    TRAP_EXPECT
    STRAP_EXPECT
    csrsi mstatus, MSTATUS_MIE | MSTATUS_SIE
    nop
    nop
    nop
    csrci mstatus, MSTATUS_MIE | MSTATUS_SIE
    CHECK_NO_TRAP
    CHECK_NO_STRAP
    li a1, SSI | STI
    csrc mip, a1

    /* ---- taken in S: direct stvec ---- */
    TEST_NUM(4)                 /* SSI: scause, sepc = first S instruction, stval 0, SPP = S */
    csrsi mip, SSI
    csrsi sstatus, MSTATUS_SIE
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_S(2f)
2:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_SSI)
    CHECK_STRAP_EPC(2b)
    CHECK_STRAP_TVAL(0)
    CHECK_STRAP_SPP(1)
    TEST_NUM(5)                 /* at trap entry SPIE = 1 (the old SIE) and SIE = 0 */
    ld a0, strap_status
    andi a0, a0, MSTATUS_SIE | MSTATUS_SPIE
    CHECK(a0, MSTATUS_SPIE)
    csrr a0, scause
    CHECK(a0, IRQ_SSI)
    TEST_NUM(6)                 /* clearing sip.SSIP from S */
    csrci sip, SSI
    csrr a0, sip
    CHECK(a0, 0)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    csrr a0, mip
    andi a0, a0, SSI
    CHECK(a0, 0)

    TEST_NUM(7)                 /* STI */
    li a1, STI
    csrs mip, a1
    csrsi sstatus, MSTATUS_SIE
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_S(2f)
2:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_STI)
    CHECK_STRAP_EPC(2b)
    CHECK_STRAP_TVAL(0)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    li a1, STI
    csrc mip, a1

    /* ---- vectored stvec: interrupts go to base + 4 * cause ---- */
    la a0, s_vec_table + 1
    csrw stvec, a0
    TEST_NUM(8)
    li a0, -1
    sd a0, vec_hits, a1
    csrsi mip, SSI
    csrsi sstatus, MSTATUS_SIE
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_S(2f)
2:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_SSI)
    CHECK_STRAP_EPC(2b)
    ld a0, vec_hits
    CHECK(a0, 1)
    csrci sip, SSI
    ecall
1:  TEST_NUM(9)
    li a0, -1
    sd a0, vec_hits, a1
    li a1, STI
    csrs mip, a1
    csrsi sstatus, MSTATUS_SIE
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_S(2f)
2:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_STI)
    ld a0, vec_hits
    CHECK(a0, 5)
    ecall
1:  li a1, STI
    csrc mip, a1
    TEST_NUM(10)                /* ...exceptions still go to base (delegated ebreak) */
    li a1, 1 << CAUSE_BREAKPOINT
    csrw medeleg, a1
    li a0, -1
    sd a0, vec_hits, a1
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  TEST_STRAP_NOTVAL(10, CAUSE_BREAKPOINT, ebreak)
    ld a0, vec_hits
    CHECK(a0, 0)
    ecall
1:  csrw medeleg, zero
    la a0, s_trap_handler
    csrw stvec, a0

    /* ---- taken from U even with SIE = 0 ---- */
    TEST_NUM(11)
    csrci sstatus, MSTATUS_SIE
    csrsi mip, SSI
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_U(2f)
2:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_SSI)
    CHECK_STRAP_EPC(2b)
    CHECK_STRAP_SPP(0)
    ld a0, strap_status
    andi a0, a0, MSTATUS_SIE | MSTATUS_SPIE
    CHECK(a0, 0)
    csrci sip, SSI
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    TEST_NUM(12)                /* STI from U too */
    li a1, STI
    csrs mip, a1
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_U(2f)
2:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_STI)
    CHECK_STRAP_EPC(2b)
    CHECK_STRAP_SPP(0)
    ecall
1:  li a1, STI
    csrc mip, a1

    /* ---- in S: masked by SIE and by sie, taken as soon as enabled ---- */
    TEST_NUM(13)                /* SIE = 0: pending but not taken */
    csrci sstatus, MSTATUS_SIE
    csrsi mip, SSI
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_S(2f)
2:  nop
    nop
    ld t5, strap_expected
    CHECK(t5, 1)
    csrr a0, sip
    CHECK(a0, SSI)
    TEST_NUM(14)                /* setting SIE: taken right after the csr write */
    csrsi sstatus, MSTATUS_SIE
4:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_SSI)
    CHECK_STRAP_EPC(4b)
    TEST_NUM(15)                /* sie.SSIE = 0: not taken even with SIE = 1 */
    csrci sie, SSI
    STRAP_EXPECT_RESUME(3f)
    csrsi sstatus, MSTATUS_SIE
    nop
    nop
    ld t5, strap_expected
    CHECK(t5, 1)
    TEST_NUM(16)                /* setting sie.SSIE: taken right after */
    csrsi sie, SSI
4:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_SSI)
    CHECK_STRAP_EPC(4b)
    csrci sip, SSI
    TEST_NUM(17)                /* writing sip.SSIP from S raises the interrupt */
    STRAP_EXPECT_RESUME(3f)
    csrsi sstatus, MSTATUS_SIE
    nop
    ld t5, strap_expected       /* nothing pending yet */
    CHECK(t5, 1)
    csrsi sip, SSI
4:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_SSI)
    CHECK_STRAP_EPC(4b)
    csrr a0, mip                /* S can't read mip: this is illegal -> M, cause 2 */
1:  TEST_NUM(18)
    /* the csrr mip above trapped to M (not delegated) and resumed at 1 in M */
    CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_MPP(1)
    csrr a0, mip
    andi a0, a0, SSI
    CHECK(a0, SSI)
    csrci mip, SSI

    /* ---- SSI before STI when both are delegated and pending ---- */
    TEST_NUM(19)
    li a1, SSI | STI
    csrs mip, a1
    csrsi sstatus, MSTATUS_SIE
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_S(2f)
2:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_SSI)
    TEST_NUM(20)
    csrci sip, SSI
    STRAP_EXPECT_RESUME(3f)
    csrsi sstatus, MSTATUS_SIE
4:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_STI)
    CHECK_STRAP_EPC(4b)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    li a1, STI
    csrc mip, a1

    /* ---- non-delegated interrupts pre-empt S and U even with mstatus.MIE = 0 ---- */
    TEST_NUM(21)                /* SSIP, not delegated, SSIE in mie: an M trap from S */
    csrw mideleg, zero
    li a1, SSI
    csrw mie, a1
    csrci mstatus, MSTATUS_MIE
    li a1, MSTATUS_MPIE
    csrc mstatus, a1
    csrsi mip, SSI
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT
    ENTER_S(2f)
2:  j fail
1:  CHECK_TRAP_CAUSE(IRQ_SSI)
    CHECK_TRAP_EPC(2b)
    CHECK_TRAP_MPP(1)
    CHECK_TRAP_TVAL(0)
    CHECK_NO_STRAP
    csrci mip, SSI
    TEST_NUM(22)                /* CLINT timer: not taken in M with MIE = 0 */
    li a1, MTI
    csrw mie, a1
    li a1, SSI | STI
    csrw mideleg, a1
    TRAP_EXPECT
    TIMER_FIRE
    csrr a0, mip
    andi a0, a0, MTI
    CHECK(a0, MTI)
    CHECK_NO_TRAP
    TEST_NUM(23)                /* ...but pre-empts S (SIE = 1 or not) */
    csrsi sstatus, MSTATUS_SIE
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT
    ENTER_S(2f)
2:  j fail
1:  CHECK_TRAP_CAUSE(IRQ_MTI)
    CHECK_TRAP_EPC(2b)
    CHECK_TRAP_MPP(1)
    CHECK_NO_STRAP
    TEST_NUM(24)                /* ...and U */
    csrci sstatus, MSTATUS_SIE
    TRAP_EXPECT_RESUME(1f)
    ENTER_U(2f)
2:  j fail
1:  CHECK_TRAP_CAUSE(IRQ_MTI)
    CHECK_TRAP_EPC(2b)
    CHECK_TRAP_MPP(0)
    TEST_NUM(25)                /* MTIP clears when mtimecmp is pushed out */
    TIMER_OFF
    csrr a0, mip
    andi a0, a0, MTI
    CHECK(a0, 0)

    /* ---- priority: M-level MTI before a delegated SSI ---- */
    TEST_NUM(26)
    li a1, MTI | SSI
    csrw mie, a1
    csrsi mip, SSI
    csrsi sstatus, MSTATUS_SIE
    TIMER_FIRE
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT
    ENTER_S(2f)
2:  j fail
1:  CHECK_TRAP_CAUSE(IRQ_MTI)
    CHECK_TRAP_EPC(2b)
    CHECK_NO_STRAP
    TEST_NUM(27)                /* with MTIP gone, the SSI is taken in S */
    TIMER_OFF
    csrsi sstatus, MSTATUS_SIE
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_S(2f)
2:  j fail
3:  CHECK_STRAP_CAUSE(IRQ_SSI)
    CHECK_STRAP_EPC(2b)
    csrci sip, SSI
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)

    /* ---- wfi in S (TW = 0) with an interrupt pending and enabled in sie but SIE = 0:
       completes without sleeping and without trapping ---- */
    TEST_NUM(28)
    li a1, SSI
    csrw mie, a1
    csrci sstatus, MSTATUS_SIE
    csrsi mip, SSI
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT
    ENTER_S(2f)
2:  wfi
    ld t5, strap_expected
    CHECK(t5, 1)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    CHECK_NO_STRAP
    csrci mip, SSI
    csrw mie, zero
    csrw mideleg, zero
TEST_END

    S_TRAP_HANDLER

/* vectored stvec table: entry i records vec_hits = i, then runs the S handler */
#define VEC_ENTRY(i) j s_vec_##i
#define VEC_STUB(i)  s_vec_##i: li t5, i; j s_vec_common
    .balign 256
s_vec_table:
    VEC_ENTRY(0); VEC_ENTRY(1); VEC_ENTRY(2); VEC_ENTRY(3)
    VEC_ENTRY(4); VEC_ENTRY(5); VEC_ENTRY(6); VEC_ENTRY(7)
    VEC_ENTRY(8); VEC_ENTRY(9); VEC_ENTRY(10); VEC_ENTRY(11)
    VEC_STUB(0); VEC_STUB(1); VEC_STUB(2); VEC_STUB(3)
    VEC_STUB(4); VEC_STUB(5); VEC_STUB(6); VEC_STUB(7)
    VEC_STUB(8); VEC_STUB(9); VEC_STUB(10); VEC_STUB(11)
s_vec_common:
    la t6, vec_hits
    sd t5, 0(t6)
    j s_trap_handler
