/*
 * smode.S — supervisor mode (privileged spec 1.12): entering S with mret (MPP = S); sstatus as
 * a restricted view of mstatus (SIE/SPIE/SPP/SUM/MXR/FS/SD visible and writable through it, the
 * M-only fields invisible and untouched); sie/sip as views of mie/mip masked by mideleg (sip
 * writable only in SSIP); medeleg: ecall from U, illegal instruction (stval = the instruction)
 * and breakpoint delegated to S (scause, sepc, stval, SPP), traps from S that are not delegated
 * going to M, and traps from M never delegated; sret back to U (SPP = 0) and S (SPP = 1) with
 * SIE = SPIE, SPIE = 1, SPP = U; sret from U illegal, sret from S with TSR = 1 illegal; wfi from
 * S with TW = 1 illegal; M CSRs from S illegal; stvec (direct, vectored: exceptions to base,
 * reserved mode 2/3 not written on QEMU 7.2); sscratch/sepc/scause/stval read/write;
 * mcounteren/scounteren gating cycle/time/instret in S and U; satp, sfence.vma illegal in S
 * with TVM = 1, sfence.vma illegal in U.
 *
 * Everything runs without translation (satp = 0); PMP entry 0 lets S and U reach all memory.
 * Returns from S/U to M go through an ecall (not delegated) caught by TRAP_EXPECT_RESUME.
 */
#include "harness.h"

#define S_BITS   (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)
#define M_BITS   (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | \
                  MSTATUS_TW | MSTATUS_TSR)
#define SSI      (1 << 1)
#define STI      (1 << 5)
#define SEI      (1 << 9)
#define MTI      (1 << 7)
#define DELEG    ((1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL_INSN) | (1 << CAUSE_BREAKPOINT))
#define CSRR_A0_MSTATUS 0x30002573
#define SRET_INSN       0x10200073
#define WFI_INSN        0x10500073

    .data
    .balign 8
vec_hits: .dword 0

TEST_BEGIN
    PMP_ALLOW_ALL
    la a0, s_trap_handler
    csrw stvec, a0
    csrw medeleg, zero
    csrw mideleg, zero
    csrw mie, zero

    /* ---- sstatus is a view of mstatus ---- */
    TEST_NUM(1)                 /* S fields set in mstatus are visible in sstatus */
    li a1, S_BITS
    csrs mstatus, a1
    csrr a0, sstatus
    and a0, a0, a1
    CHECK(a0, S_BITS)
    TEST_NUM(2)                 /* FS and SD are visible */
    li a1, MSTATUS_FS
    csrs mstatus, a1
    csrr a0, sstatus
    and a2, a0, a1
    CHECK(a2, MSTATUS_FS)
    bgez a0, fail
    TEST_NUM(3)                 /* M fields are not */
    li a1, M_BITS & ~MSTATUS_MIE
    csrs mstatus, a1
    csrr a0, sstatus
    li a1, M_BITS
    and a0, a0, a1
    CHECK(a0, 0)
    li a1, M_BITS
    csrc mstatus, a1
    TEST_NUM(4)                 /* writing sstatus = 0 clears the S fields only */
    li a1, MSTATUS_MPP_S | MSTATUS_MPIE
    csrs mstatus, a1
    csrw sstatus, zero
    csrr a0, mstatus
    li a2, S_BITS | MSTATUS_MPP | MSTATUS_MPIE
    and a0, a0, a2
    CHECK(a0, MSTATUS_MPP_S | MSTATUS_MPIE)
    TEST_NUM(5)                 /* writing sstatus = -1 sets them and leaves the M fields alone */
    li a1, MSTATUS_MPIE
    csrc mstatus, a1
    li a1, -1
    csrw sstatus, a1
    csrr a0, mstatus
    li a2, S_BITS | M_BITS
    and a0, a0, a2
    CHECK(a0, S_BITS | MSTATUS_MPP_S)
    TEST_NUM(6)                 /* SD and the FS encoding survive the round trip */
    csrr a0, mstatus
    bgez a0, fail
    li a1, MSTATUS_FS
    and a0, a0, a1
    CHECK(a0, MSTATUS_FS)
    li a1, S_BITS
    csrc mstatus, a1

    /* ---- sie / sip: views of mie / mip through mideleg ---- */
    TEST_NUM(7)                 /* nothing delegated: sie reads 0 */
    li a1, SSI | STI | SEI | MTI
    csrw mie, a1
    csrr a0, sie
    CHECK(a0, 0)
    TEST_NUM(8)                 /* S interrupts delegated: their enables show, MTIE does not */
    li a1, SSI | STI | SEI
    csrw mideleg, a1
    csrr a0, sie
    CHECK(a0, SSI | STI | SEI)
    TEST_NUM(9)                 /* sie = 0 clears only the delegated bits of mie */
    csrw sie, zero
    csrr a0, mie
    CHECK(a0, MTI)
    TEST_NUM(10)                /* only SSI delegated: sie = -1 sets only SSIE */
    li a1, SSI
    csrw mideleg, a1
    li a1, -1
    csrw sie, a1
    csrr a0, mie
    CHECK(a0, MTI | SSI)
    csrr a0, sie
    CHECK(a0, SSI)
    csrw mie, zero
    TEST_NUM(11)                /* mip.SSIP set by M: invisible in sip unless delegated */
    csrw mideleg, zero
    csrsi mip, SSI
    csrr a0, mip
    andi a0, a0, SSI
    CHECK(a0, SSI)
    csrr a0, sip
    CHECK(a0, 0)
    li a1, SSI
    csrw mideleg, a1
    csrr a0, sip
    CHECK(a0, SSI)
    TEST_NUM(12)                /* sip.SSIP writable when delegated */
    csrci sip, SSI
    csrr a0, mip
    andi a0, a0, SSI
    CHECK(a0, 0)
    csrsi sip, SSI
    csrr a0, mip
    andi a0, a0, SSI
    CHECK(a0, SSI)
    TEST_NUM(13)                /* ...but not when not delegated */
    csrw mideleg, zero
    csrci sip, SSI
    csrr a0, mip
    andi a0, a0, SSI
    CHECK(a0, SSI)
    csrci mip, SSI
    TEST_NUM(14)                /* sip.STIP is read-only (set by M in mip) */
    li a1, SSI | STI
    csrw mideleg, a1
    li a1, STI
    csrs mip, a1
    csrr a0, sip
    CHECK(a0, STI)
    csrc sip, a1
    csrr a0, sip
    CHECK(a0, STI)
    li a1, STI
    csrc mip, a1
    csrr a0, sip
    CHECK(a0, 0)
    csrw mideleg, zero

    /* ---- delegation ---- */
    li a1, DELEG
    csrw medeleg, a1
    TEST_NUM(15)                /* entering S with mret: ecall from S goes to M (cause 9) */
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  ecall
    FAIL
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    CHECK_TRAP_EPC(2b)
    CHECK_TRAP_MPP(1)
    CHECK_TRAP_TVAL(0)

    TEST_NUM(16)                /* ecall from U delegated: scause 8, sepc, stval 0, SPP = U */
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_U(2f)
2:  ecall
    FAIL
3:  CHECK_STRAP_CAUSE(CAUSE_ECALL_U)
    CHECK_STRAP_EPC(2b)
    CHECK_STRAP_TVAL(0)
    CHECK_STRAP_SPP(0)
    csrr a0, scause             /* the CSR itself (sepc was rewritten by the handler) */
    CHECK(a0, CAUSE_ECALL_U)
    TEST_NUM(17)                /* the handler's sret (SPP = S) brought us here in S and left
                                   SPP = U; the ecall below must then be an S-mode ecall */
    csrr a0, sstatus
    andi a0, a0, MSTATUS_SPP
    CHECK(a0, 0)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    CHECK_TRAP_MPP(1)

    TEST_NUM(18)                /* illegal instruction in U delegated: stval = instruction */
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_U(2f)
2:  csrr a0, mstatus
    FAIL
3:  CHECK_STRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_STRAP_EPC(2b)
    CHECK_STRAP_TVAL(CSRR_A0_MSTATUS)
    CHECK_STRAP_SPP(0)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)

    TEST_NUM(19)                /* breakpoint in U delegated (stval 0 on QEMU 7.2 is not
                                   checked: the spec allows the pc) */
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_U(2f)
2:  ebreak
    FAIL
3:  CHECK_STRAP_CAUSE(CAUSE_BREAKPOINT)
    CHECK_STRAP_EPC(2b)
    CHECK_STRAP_SPP(0)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)

    TEST_NUM(20)                /* traps from S: delegated ones stay in S */
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  TEST_STRAP_NOTVAL(20, CAUSE_BREAKPOINT, ebreak)
    CHECK_STRAP_SPP(1)
    TEST_STRAP(21, CAUSE_ILLEGAL_INSN, 0xffffffff, .word 0xffffffff)
    CHECK_STRAP_SPP(1)
    TEST_STRAP(22, CAUSE_ILLEGAL_INSN, CSRR_A0_MSTATUS, csrr a0, mstatus)  /* M CSR from S */
    TEST_STRAP(23, CAUSE_ILLEGAL_INSN, 0x34001073, csrw mscratch, zero)
    /* ...and undelegated ones go to M (the M handler returns to S past the instruction) */
    TEST_TRAP(24, CAUSE_LOAD_ACCESS, 0, ld a0, 0(zero))
    CHECK_TRAP_MPP(1)
    TEST_TRAP(25, CAUSE_STORE_ACCESS, 8, sd a0, 8(zero))
    CHECK_TRAP_MPP(1)
    TEST_NUM(26)
    TRAP_EXPECT_RESUME(1f)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    TEST_NUM(27)                /* a trap in M is never delegated */
    STRAP_EXPECT
    TEST_TRAP_NOTVAL(27, CAUSE_BREAKPOINT, ebreak)
    TEST_TRAP(28, CAUSE_ILLEGAL_INSN, 0xffffffff, .word 0xffffffff)
    CHECK_TRAP_MPP(3)
    CHECK_NO_STRAP

    /* ---- sret ---- */
    TEST_NUM(29)                /* sret to U: SIE = SPIE (1), SPIE = 1, SPP = U */
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  la a0, 4f
    csrw sepc, a0
    li a0, MSTATUS_SPP | MSTATUS_SIE
    csrc sstatus, a0
    li a0, MSTATUS_SPIE
    csrs sstatus, a0
    STRAP_EXPECT_RESUME(3f)
    sret
    FAIL
4:  ecall                       /* in U: delegated ecall, so cause 8 proves the mode */
    FAIL
3:  CHECK_STRAP_CAUSE(CAUSE_ECALL_U)
    CHECK_STRAP_EPC(4b)
    ld a0, strap_status         /* at trap entry: SPIE = the SIE that sret set (1), SIE = 0 */
    andi a0, a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    CHECK(a0, MSTATUS_SPIE)
    TEST_NUM(30)                /* sret to S with SPIE = 0: SIE = 0, SPIE = 1, SPP = U */
    la a0, 5f
    csrw sepc, a0
    li a0, MSTATUS_SPP
    csrs sstatus, a0
    li a0, MSTATUS_SPIE
    csrc sstatus, a0
    csrsi sstatus, MSTATUS_SIE
    sret
    FAIL
5:  csrr a0, sstatus
    andi a0, a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    CHECK(a0, MSTATUS_SPIE)
    TEST_NUM(31)                /* sret to S with SPIE = 1: SIE = 1; still S (M CSR illegal) */
    la a0, 6f
    csrw sepc, a0
    li a0, MSTATUS_SPP | MSTATUS_SPIE
    csrs sstatus, a0
    sret
    FAIL
6:  csrr a0, sstatus
    andi a0, a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    CHECK(a0, MSTATUS_SIE | MSTATUS_SPIE)
    csrci sstatus, MSTATUS_SIE
    TEST_STRAP(32, CAUSE_ILLEGAL_INSN, CSRR_A0_MSTATUS, csrr a0, mstatus)
    TEST_NUM(33)                /* sret from U: illegal */
    la a0, 7f
    csrw sepc, a0
    li a0, MSTATUS_SPP
    csrc sstatus, a0
    STRAP_EXPECT_RESUME(8f)
    sret
    FAIL
7:  sret
    FAIL
8:  CHECK_STRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_STRAP_EPC(7b)
    CHECK_STRAP_TVAL(SRET_INSN)
    CHECK_STRAP_SPP(0)
    TEST_NUM(34)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)

    /* ---- TSR, TW, TVM: illegal in S, to M when illegal instructions are not delegated ---- */
    li a1, (1 << CAUSE_ECALL_U) | (1 << CAUSE_BREAKPOINT)
    csrw medeleg, a1
    li a1, MSTATUS_TSR
    csrs mstatus, a1
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  TEST_TRAP(35, CAUSE_ILLEGAL_INSN, SRET_INSN, sret)   /* TSR = 1: sret in S illegal */
    CHECK_TRAP_MPP(1)
    TEST_NUM(36)
    TRAP_EXPECT_RESUME(1f)
    ecall
1:  li a1, MSTATUS_TSR
    csrc mstatus, a1
    TEST_NUM(37)                /* TSR = 0 again: sret from S works (to S here) */
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  la a0, 3f
    csrw sepc, a0
    li a0, MSTATUS_SPP
    csrs sstatus, a0
    sret
    FAIL
3:  ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)

    TEST_NUM(38)                /* TW = 1: wfi in S illegal */
    li a1, MSTATUS_TW
    csrs mstatus, a1
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  TEST_TRAP(38, CAUSE_ILLEGAL_INSN, WFI_INSN, wfi)
    CHECK_TRAP_MPP(1)
    TEST_TRAP(39, CAUSE_ILLEGAL_INSN, CSRR_A0_MSTATUS, csrr a0, mstatus)  /* M CSR, to M */
    TEST_TRAP(40, CAUSE_ILLEGAL_INSN, 0xf1402573, csrr a0, mhartid)
    TEST_TRAP(41, CAUSE_ILLEGAL_INSN, 0x30551073, csrw mtvec, a0)
    TEST_NUM(42)
    TRAP_EXPECT_RESUME(1f)
    ecall
1:  li a1, MSTATUS_TW
    csrc mstatus, a1

    TEST_NUM(43)                /* TVM = 0: satp and sfence.vma usable in S */
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  csrw satp, zero
    csrr a0, satp
    CHECK(a0, 0)
    sfence.vma
    sfence.vma zero, zero
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    TEST_NUM(44)                /* TVM = 1: satp access and sfence.vma illegal in S */
    li a1, MSTATUS_TVM
    csrs mstatus, a1
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  TEST_TRAP(44, CAUSE_ILLEGAL_INSN, 0x18002573, csrr a0, satp)
    CHECK_TRAP_MPP(1)
    TEST_TRAP(45, CAUSE_ILLEGAL_INSN, 0x18001073, csrw satp, zero)
    TEST_TRAP(46, CAUSE_ILLEGAL_INSN, 0x12000073, sfence.vma)
    TEST_TRAP(47, CAUSE_ILLEGAL_INSN, 0x12a58073, sfence.vma a1, a0)
    TEST_NUM(48)
    TRAP_EXPECT_RESUME(1f)
    ecall
1:  li a1, MSTATUS_TVM
    csrc mstatus, a1
    TEST_NUM(49)                /* sfence.vma from U is illegal (TVM = 0) */
    TRAP_EXPECT_RESUME(1f)
    ENTER_U(2f)
2:  sfence.vma
    FAIL
1:  CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_EPC(2b)
    CHECK_TRAP_TVAL(0x12000073)
    CHECK_TRAP_MPP(0)
    TEST_NUM(50)                /* satp from U is illegal too */
    TRAP_EXPECT_RESUME(1f)
    ENTER_U(2f)
2:  csrr a0, satp
    FAIL
1:  CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_TRAP_EPC(2b)
    CHECK_TRAP_TVAL(0x18002573)

    /* ---- S CSRs ---- */
    li a1, DELEG
    csrw medeleg, a1
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  TEST_CASE(51, a0, 0x0123456789abcdef, li a1, 0x0123456789abcdef; csrw sscratch, a1; csrr a0, sscratch)
    TEST_CASE(52, a0, 0x0123456789abcdef, li a1, 0x55; csrrw a0, sscratch, a1)
    TEST_CASE(53, a0, 0x55, csrr a0, sscratch)
    TEST_CASE(54, a0, 0x80001000, li a1, 0x80001000; csrw sepc, a1; csrr a0, sepc)
    /* sepc bit 1 is writable (C); the spec says bit 0 is always 0 but QEMU 7.2 keeps whatever
       was written there (as for mepc), so bit 0 is masked off before comparing */
    TEST_CASE(55, a0, 0x80001002, li a1, 0x80001003; csrw sepc, a1; csrr a0, sepc; andi a0, a0, -2)
    TEST_CASE(56, a0, 13, li a1, 13; csrw scause, a1; csrr a0, scause)
    TEST_CASE(57, a0, 0x8000000000000005, li a1, 0x8000000000000005; csrw scause, a1; csrr a0, scause)
    TEST_CASE(58, a0, 0xfedcba9876543210, li a1, 0xfedcba9876543210; csrw stval, a1; csrr a0, stval)
    /* stvec: direct and vectored read back; reserved modes 2 and 3 are not written on QEMU 7.2
       (stvec is WARL: either keeping the old value or some legal value would do; the test only
       requires that a reserved mode never reads back) */
    TEST_NUM(59)
    csrr s0, stvec
    la a1, s_trap_handler
    CHECK_REG(s0, a1)
    la a1, s_vec_table + 1
    csrw stvec, a1
    csrr a0, stvec
    CHECK_REG(a0, a1)
    TEST_NUM(60)
    la a1, s_vec_table + 2
    csrw stvec, a1
    csrr a0, stvec
    andi a0, a0, 3
    li a1, 2
    beq a0, a1, fail
    la a1, s_vec_table + 3
    csrw stvec, a1
    csrr a0, stvec
    andi a0, a0, 3
    li a1, 3
    beq a0, a1, fail
    TEST_NUM(61)                /* vectored stvec: exceptions still go to base */
    la a1, s_vec_table + 1
    csrw stvec, a1
    sd zero, vec_hits, a1
    TEST_STRAP_NOTVAL(61, CAUSE_BREAKPOINT, ebreak)
    ld a0, vec_hits
    CHECK(a0, 0x100)
    TEST_NUM(62)                /* direct stvec: a trap goes to the address written */
    la a1, s_vec_table
    csrw stvec, a1
    sd zero, vec_hits, a1
    TEST_STRAP(62, CAUSE_ILLEGAL_INSN, 0xffffffff, .word 0xffffffff)
    ld a0, vec_hits
    CHECK(a0, 0x100)
    la a1, s_trap_handler
    csrw stvec, a1
    TEST_NUM(63)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)

    /* ---- counter enables ---- */
    TEST_NUM(64)                /* mcounteren = 0: counters illegal in S (to S: delegated) */
    csrw mcounteren, zero
    csrw scounteren, zero
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  TEST_STRAP(64, CAUSE_ILLEGAL_INSN, 0xc0002573, rdcycle a0)
    TEST_STRAP(65, CAUSE_ILLEGAL_INSN, 0xc0102573, rdtime a0)
    TEST_STRAP(66, CAUSE_ILLEGAL_INSN, 0xc0202573, rdinstret a0)
    TEST_NUM(67)
    ecall
1:  TEST_NUM(68)                /* mcounteren = 7, scounteren = 0: fine in S, illegal in U */
    li a1, 7
    csrw mcounteren, a1
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  rdcycle a0
    rdtime a0
    rdinstret a0
    TEST_NUM(69)
    csrr a0, scounteren
    CHECK(a0, 0)
    STRAP_EXPECT_RESUME(3f)
    la a0, 4f
    csrw sepc, a0
    li a0, MSTATUS_SPP
    csrc sstatus, a0
    sret
4:  rdcycle a0
    FAIL
3:  CHECK_STRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_STRAP_EPC(4b)
    CHECK_STRAP_TVAL(0xc0002573)
    TEST_NUM(70)
    STRAP_EXPECT_RESUME(3f)
    la a0, 4f
    csrw sepc, a0
    li a0, MSTATUS_SPP
    csrc sstatus, a0
    sret
4:  rdtime a0
    FAIL
3:  CHECK_STRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_STRAP_TVAL(0xc0102573)
    TEST_NUM(71)
    STRAP_EXPECT_RESUME(3f)
    la a0, 4f
    csrw sepc, a0
    li a0, MSTATUS_SPP
    csrc sstatus, a0
    sret
4:  rdinstret a0
    FAIL
3:  CHECK_STRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_STRAP_TVAL(0xc0202573)
    TEST_NUM(72)                /* scounteren = 7: U can read them (then ecall, delegated) */
    li a0, 7
    csrw scounteren, a0
    csrr a0, scounteren
    CHECK(a0, 7)
    STRAP_EXPECT_RESUME(3f)
    la a0, 4f
    csrw sepc, a0
    li a0, MSTATUS_SPP
    csrc sstatus, a0
    li s1, 0
    sret
4:  rdcycle a0
    rdtime a0
    rdinstret a0
    li s1, 1
    ecall
    FAIL
3:  CHECK_STRAP_CAUSE(CAUSE_ECALL_U)
    CHECK(s1, 1)
    TEST_NUM(73)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    TEST_NUM(74)                /* scounteren = 7 but mcounteren = 0: U is still refused */
    csrw mcounteren, zero
    TRAP_EXPECT_RESUME(1f)
    STRAP_EXPECT_RESUME(3f)
    ENTER_U(2f)
2:  rdtime a0
    FAIL
3:  CHECK_STRAP_CAUSE(CAUSE_ILLEGAL_INSN)
    CHECK_STRAP_EPC(2b)
    CHECK_STRAP_TVAL(0xc0102573)
    ecall
1:  CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    TEST_NUM(75)                /* individual bits: mcounteren = CY only */
    li a1, 1
    csrw mcounteren, a1
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(2f)
2:  rdcycle a0
    TEST_STRAP(75, CAUSE_ILLEGAL_INSN, 0xc0202573, rdinstret a0)
    TEST_NUM(76)
    ecall
1:  csrw mcounteren, zero
    csrw scounteren, zero
    csrw medeleg, zero
TEST_END

    S_TRAP_HANDLER

    /* stvec table: base marks vec_hits = 0x100 then runs the normal S handler; interrupt
       entries are not expected in this test */
    .balign 256
s_vec_table:
    la t6, vec_hits
    li t5, 0x100
    sd t5, 0(t6)
    j s_trap_handler
