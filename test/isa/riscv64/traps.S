/*
 * traps.S — exceptions and interrupts in M-mode and from U-mode: ecall (mcause 11 / 8),
 * ebreak (mcause 3, mtval 0 on QEMU 7.2), illegal instructions (mtval = the instruction),
 * load/store/fetch access faults on unmapped addresses (mtval = the address), mret (MIE from
 * MPIE, privilege from MPP, MPP becomes U), U-mode (needs a PMP entry: pmpaddr0/pmpcfg0 cover
 * all memory RWX): ecall, M CSR access, mret and wfi (mstatus.TW = 1) illegal; CLINT software
 * and timer interrupts (mcause with bit 63 set, mepc = next instruction), masking by
 * mstatus.MIE, wfi waking on a pending interrupt, and vectored mtvec.
 */
#include "harness.h"

#define CLINT_MSIP     0x2000000
#define CLINT_MTIMECMP 0x2004000
#define UNMAPPED       0x9000000
#define IRQ_MSI        0x8000000000000003
#define IRQ_MTI        0x8000000000000007

/* enter U-mode at label (returns to M only through a trap) */
#define GOTO_U(label) \
    la t0, label; csrw mepc, t0; li t0, MSTATUS_MPP; csrc mstatus, t0; mret

    .data
    .balign 8
vec_hits: .dword 0

TEST_BEGIN
    /* ecall from M */
    TEST_TRAP(1, CAUSE_ECALL_M, 0, ecall)
    /* ebreak: QEMU 7.2 writes mtval = 0 */
    TEST_TRAP(2, CAUSE_BREAKPOINT, 0, ebreak)
    /* illegal instructions */
    TEST_TRAP(3, CAUSE_ILLEGAL_INSN, 0xffffffff, .word 0xffffffff)
    TEST_TRAP(4, CAUSE_ILLEGAL_INSN, 0x0000000b, .word 0x0000000b)  /* custom-0 */
    TEST_TRAP(5, CAUSE_ILLEGAL_INSN, 0x00000000, .half 0)      /* 16-bit all-zero */
    TEST_TRAP(6, CAUSE_ILLEGAL_INSN, 0x30200073 | (1 << 7), .word 0x30200073 | (1 << 7)) /* mret, rd != 0 */

    /* access faults on unmapped addresses */
    li s1, UNMAPPED
    TEST_TRAP(7, CAUSE_LOAD_ACCESS, UNMAPPED, ld a0, 0(s1))
    TEST_TRAP(8, CAUSE_LOAD_ACCESS, UNMAPPED + 0x10, lbu a0, 0x10(s1))
    TEST_TRAP(9, CAUSE_STORE_ACCESS, UNMAPPED + 4, sw a0, 4(s1))
    TEST_TRAP(10, CAUSE_LOAD_ACCESS, 0, ld a0, 0(zero))
    TEST_TRAP(11, CAUSE_STORE_ACCESS, 8, sd a0, 8(zero))
    TEST_CASE(12, a0, 0x55, li a0, 0x55; TRAP_EXPECT; ld a0, 0(s1))    /* rd not written */
    /* fetch from unmapped memory: mepc = mtval = the target */
    TEST_NUM(13)
    TRAP_EXPECT_RESUME(1f)
    li a1, UNMAPPED
    jalr ra, 0(a1)
1:  CHECK_TRAP_CAUSE(CAUSE_FETCH_ACCESS)
    CHECK_TRAP_EPC(UNMAPPED)
    CHECK_TRAP_TVAL(UNMAPPED)

    /* mret: pc = mepc, MIE = MPIE, MPIE = 1, privilege = MPP (M here), MPP = U */
    TEST_NUM(14)
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    li a1, MSTATUS_MPIE | MSTATUS_MPP
    csrs mstatus, a1
    la a1, 2f
    csrw mepc, a1
    mret
    FAIL
2:  csrr a0, mstatus
    li a2, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    and a0, a0, a2
    CHECK(a0, MSTATUS_MIE | MSTATUS_MPIE)
    TEST_NUM(15)                /* MPIE = 0 -> MIE = 0 */
    li a1, MSTATUS_MPIE
    csrc mstatus, a1
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    la a1, 3f
    csrw mepc, a1
    mret
3:  csrr a0, mstatus
    li a2, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    and a0, a0, a2
    CHECK(a0, MSTATUS_MPIE)
    /* a trap saves MIE in MPIE, clears MIE, and records MPP = M */
    TEST_NUM(16)
    csrsi mstatus, MSTATUS_MIE
    TRAP_EXPECT
    ecall
    CHECK_TRAP_CAUSE(CAUSE_ECALL_M)
    CHECK_TRAP_MPP(3)
    ld a0, trap_status
    andi a0, a0, MSTATUS_MIE | MSTATUS_MPIE
    CHECK(a0, MSTATUS_MPIE)
    csrr a0, mstatus            /* the handler's mret restored MIE */
    andi a0, a0, MSTATUS_MIE
    CHECK(a0, MSTATUS_MIE)
    csrci mstatus, MSTATUS_MIE

    /* U-mode: PMP entry 0 = all of memory, RWX, NAPOT */
    li a1, -1
    csrw pmpaddr0, a1
    li a1, 0x1f
    csrw pmpcfg0, a1
    TEST_NUM(17)                /* ecall from U */
    TRAP_EXPECT_RESUME(4f)
    GOTO_U(5f)
5:  ecall
    FAIL
4:  CHECK_TRAP_CAUSE(CAUSE_ECALL_U)
    CHECK_TRAP_EPC(5b)
    CHECK_TRAP_TVAL(0)
    CHECK_TRAP_MPP(0)
    TEST_NUM(18)                /* U can compute and load/store, then ecall */
    TRAP_EXPECT_RESUME(6f)
    li a0, 0
    la a1, vec_hits
    GOTO_U(7f)
7:  li a0, 40
    addi a0, a0, 2
    sd a0, 0(a1)
    ld a2, 0(a1)
    ecall
6:  CHECK_TRAP_CAUSE(CAUSE_ECALL_U)
    CHECK(a0, 42)
    CHECK(a2, 42)
    TEST_NUM(19)                /* M CSR from U: illegal, mtval = the instruction */
    TRAP_EXPECT_RESUME(8f)
    GOTO_U(9f)
9:  csrr a0, mstatus
    FAIL
8:  CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_EPC(9b)
    CHECK_TRAP_TVAL(0x30002573)
    CHECK_TRAP_MPP(0)
    TEST_NUM(20)                /* mret from U: illegal */
    TRAP_EXPECT_RESUME(10f)
    GOTO_U(11f)
11: mret
    FAIL
10: CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_EPC(11b)
    CHECK_TRAP_TVAL(0x30200073)
    TEST_NUM(21)                /* wfi from U with mstatus.TW = 1: illegal */
    li a1, 1 << 21
    csrs mstatus, a1
    TRAP_EXPECT_RESUME(12f)
    GOTO_U(13f)
13: wfi
    FAIL
12: CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_EPC(13b)
    CHECK_TRAP_TVAL(0x10500073)
    li a1, 1 << 21
    csrc mstatus, a1
    TEST_NUM(22)                /* ebreak from U */
    TRAP_EXPECT_RESUME(14f)
    GOTO_U(15f)
15: ebreak
    FAIL
14: CHECK_TRAP_CAUSE(CAUSE_BREAKPOINT)
    CHECK_TRAP_EPC(15b)
    CHECK_TRAP_MPP(0)
    TEST_NUM(23)                /* access fault from U */
    TRAP_EXPECT_RESUME(16f)
    li s1, UNMAPPED
    GOTO_U(17f)
17: sd zero, 8(s1)
    FAIL
16: CHECK_TRAP_CAUSE(CAUSE_STORE_ACCESS)
    CHECK_TRAP_EPC(17b)
    CHECK_TRAP_TVAL(UNMAPPED + 8)

    /* interrupts: CLINT software interrupt */
    TEST_NUM(24)
    csrw mie, zero
    li s1, CLINT_MSIP
    li a1, 1
    sw a1, 0(s1)
    csrr a0, mip
    andi a0, a0, 1 << 3
    CHECK(a0, 1 << 3)
    csrsi mie, 1 << 3           /* MSIE on, but mstatus.MIE = 0: not taken */
    TRAP_EXPECT
    nop
    nop
    CHECK_NO_TRAP
    TEST_NUM(25)                /* wfi with a pending enabled interrupt does not sleep */
    wfi
    TEST_NUM(26)
    TRAP_EXPECT_RESUME(18f)
    csrsi mstatus, MSTATUS_MIE
19: j fail
18: CHECK_TRAP_CAUSE(IRQ_MSI)
    CHECK_TRAP_EPC(19b)
    CHECK_TRAP_TVAL(0)
    sw zero, 0(s1)
    csrr a0, mip
    andi a0, a0, 1 << 3
    CHECK(a0, 0)
    csrw mie, zero

    /* timer interrupt: mtimecmp = 0 makes MTIP pending, all ones clears it */
    TEST_NUM(27)
    li s1, CLINT_MTIMECMP
    li a1, -1
    sd a1, 0(s1)
    csrr a0, mip
    andi a0, a0, 1 << 7
    CHECK(a0, 0)
    TEST_NUM(28)
    sd zero, 0(s1)
    li a0, 100
20: addi a0, a0, -1
    bnez a0, 20b
    csrr a0, mip
    andi a0, a0, 1 << 7
    CHECK(a0, 1 << 7)
    TEST_NUM(29)
    li a1, 1 << 7
    csrs mie, a1
    TRAP_EXPECT_RESUME(21f)
    csrsi mstatus, MSTATUS_MIE
22: j fail
21: CHECK_TRAP_CAUSE(IRQ_MTI)
    CHECK_TRAP_EPC(22b)
    TEST_NUM(30)                /* vectored mtvec: interrupt cause 7 goes to base + 4 * 7 */
    la a1, vec_table + 1
    csrw mtvec, a1
    TRAP_EXPECT_RESUME(23f)
    csrsi mstatus, MSTATUS_MIE
    j fail
23: CHECK_TRAP_CAUSE(IRQ_MTI)
    ld a0, vec_hits
    CHECK(a0, 7)
    TEST_NUM(31)                /* ...exceptions still go to base */
    sd zero, vec_hits, a1
    TRAP_EXPECT
    ecall
    CHECK_TRAP_CAUSE(CAUSE_ECALL_M)
    ld a0, vec_hits
    CHECK(a0, 0)
    la a1, trap_handler
    csrw mtvec, a1
    li a1, -1
    sd a1, 0(s1)
    csrw mie, zero
TEST_END

    .balign 64
vec_table:
    j vec_0
    .rept 6
    j trap_handler
    .endr
    j vec_7
    .rept 8
    j trap_handler
    .endr
vec_0:
    la t6, vec_hits
    sd zero, 0(t6)
    j trap_handler
vec_7:
    la t6, vec_hits
    li t5, 7
    sd t5, 0(t6)
    j trap_handler
