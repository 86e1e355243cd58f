/*
 * zicsr.S — Zicsr and the machine-mode CSRs: csrrw/csrrs/csrrc and their immediate forms
 * (old value returned, rs1 = x0 / uimm = 0 means no write, so read-only CSRs can be read with
 * csrrs/csrrc but any write to them is illegal), mhartid/mvendorid/marchid/mimpid, misa
 * (RV64 with I M A F D C required; other bits allowed), mscratch, mtvec (direct and vectored
 * mode bit), mepc (bit 1 writable with C; bit 0 not checked, QEMU 7.2 keeps it), mcause, mtval, mie (MSIE/MTIE/MEIE),
 * mstatus (MIE, MPIE, MPP, FS, SD), medeleg/mideleg, cycle/instret/time counting (rdtime works
 * in M-mode on QEMU virt), and a CSR that does not exist (illegal, mtval = instruction bits).
 */
#include "harness.h"

TEST_BEGIN
    /* csrrw / csrrs / csrrc on mscratch */
    TEST_CASE(1, a0, 0x0123456789abcdef, li a1, 0x0123456789abcdef; csrw mscratch, a1; csrr a0, mscratch)
    TEST_CASE(2, a0, 0x0123456789abcdef, li a1, 0xff; csrrw a0, mscratch, a1)
    TEST_CASE(3, a0, 0xff, csrr a0, mscratch)
    TEST_CASE(4, a0, 0xff, li a1, 0xf000000000000f00; csrrs a0, mscratch, a1)
    TEST_CASE(5, a0, 0xf000000000000fff, csrr a0, mscratch)
    TEST_CASE(6, a0, 0xf000000000000fff, li a1, 0xf00000000000000f; csrrc a0, mscratch, a1)
    TEST_CASE(7, a0, 0x0000000000000ff0, csrr a0, mscratch)
    TEST_CASE(8, a0, 0x0000000000000ff0, csrrwi a0, mscratch, 31)
    TEST_CASE(9, a0, 31, csrrsi a0, mscratch, 0x20 - 1 - 15; csrr a0, mscratch)
    TEST_CASE(10, a0, 31, csrrci a0, mscratch, 5)
    TEST_CASE(11, a0, 26, csrr a0, mscratch)
    TEST_CASE(12, a0, 26, csrrsi a0, mscratch, 0; csrr a0, mscratch)   /* uimm 0: no write */
    TEST_CASE(13, a0, 26, csrrci a0, mscratch, 0; csrr a0, mscratch)
    TEST_CASE(14, a0, 26, csrrs a0, mscratch, x0; csrrc a0, mscratch, x0)
    TEST_CASE(15, a0, 0, csrrw a0, mscratch, x0; csrr a0, mscratch)     /* csrrw x0 value writes 0 */
    TEST_CASE(16, a0, 5, li a0, 5; csrrw x0, mscratch, a0; csrr a0, mscratch) /* rd = x0 */
    TEST_CASE(17, a0, 5, csrrs x0, mscratch, x0; csrr a0, mscratch)
    TEST_CASE(18, a1, 6, li a1, 6; csrrw a1, mscratch, a1; csrr a1, mscratch) /* rd == rs1 */
    TEST_CASE(19, a0, 0xffffffffffffffff, li a0, -1; csrw mscratch, a0; csrr a0, mscratch)
    TEST_CASE(20, a0, 0x1f, csrwi mscratch, 0x1f; csrr a0, mscratch)   /* uimm is zero-extended */

    /* read-only machine information registers */
    TEST_CASE(21, a0, 0, li a0, 7; csrr a0, mhartid)
    TEST_CASE(22, a0, 0, li a0, 7; csrrs a0, mhartid, x0)
    TEST_CASE(23, a0, 0, li a0, 7; csrrci a0, mhartid, 0)
    TEST_NUM(24)
    csrr a0, mvendorid
    csrr a0, marchid
    csrr a0, mimpid
    csrrsi a0, mvendorid, 0
    csrrc a0, marchid, x0
    /* writes are illegal, mtval = the instruction */
    TEST_TRAP(25, CAUSE_ILLEGAL_INSN, 0xf1459573, csrrw a0, mhartid, a1)
    TEST_TRAP(26, CAUSE_ILLEGAL_INSN, 0xf1101073, csrw mvendorid, x0)
    TEST_TRAP(27, CAUSE_ILLEGAL_INSN, 0xf120e573, csrrsi a0, marchid, 1)
    TEST_TRAP(28, CAUSE_ILLEGAL_INSN, 0xf1305073, csrwi mimpid, 0)
    li a1, 1
    TEST_TRAP(29, CAUSE_ILLEGAL_INSN, 0xc0059073, csrw cycle, a1)
    TEST_TRAP(30, CAUSE_ILLEGAL_INSN, 0xc025b573, csrrc a0, instret, a1)
    TEST_CASE(31, a0, 0x77, li a0, 0x77; li a1, 1; TRAP_EXPECT; csrrw a0, mhartid, a1)  /* rd not written */

    /* misa: MXL = 2 (RV64) and I, M, A, F, D, C */
    TEST_NUM(32)
    csrr a0, misa
    srli a1, a0, 62
    CHECK(a1, 2)
    li a2, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 5) | (1 << 3) | (1 << 2)
    and a1, a0, a2
    CHECK_REG(a1, a2)

    /* mtvec: direct, and the vectored mode bit */
    TEST_NUM(33)
    csrr s0, mtvec
    la a1, trap_handler
    CHECK_REG(s0, a1)
    la a1, 1f
    csrw mtvec, a1
    csrr a0, mtvec
    CHECK_REG(a0, a1)
    ori a1, a1, 1
    csrw mtvec, a1
    csrr a0, mtvec
    CHECK_REG(a0, a1)
    csrw mtvec, s0
    .balign 4
1:
    /* mepc: bit 1 writable (C enabled).  The spec says bit 0 is always 0; QEMU 7.2 reads back
       whatever was written there, so bit 0 is not checked. */
    TEST_CASE(34, a0, 0xfffffffffffffffe, li a1, -1; csrw mepc, a1; csrr a0, mepc; andi a0, a0, -2)
    TEST_CASE(35, a0, 0x80000002, li a1, 0x80000003; csrw mepc, a1; csrr a0, mepc; andi a0, a0, -2)
    TEST_CASE(36, a0, 0x80001000, li a1, 0x80001000; csrw mepc, a1; csrr a0, mepc)
    /* mcause, mtval */
    TEST_CASE(37, a0, 11, li a1, 11; csrw mcause, a1; csrr a0, mcause)
    TEST_CASE(38, a0, 0x8000000000000007, li a1, 0x8000000000000007; csrw mcause, a1; csrr a0, mcause)
    TEST_CASE(39, a0, 0xdeadbeefcafe, li a1, 0xdeadbeefcafe; csrw mtval, a1; csrr a0, mtval)

    /* mie: MSIE, MTIE, MEIE writable (mstatus.MIE is 0 so nothing is taken) */
    TEST_NUM(40)
    csrw mie, zero
    li a1, -1
    csrw mie, a1
    csrr a0, mie
    li a2, (1 << 3) | (1 << 7) | (1 << 11)
    and a0, a0, a2
    CHECK_REG(a0, a2)
    csrw mie, zero
    csrr a0, mie
    CHECK(a0, 0)
    TEST_CASE(41, a0, 0x80, csrsi mie, 0; li a1, 0x80; csrs mie, a1; csrr a0, mie; csrw mie, zero)

    /* mstatus fields */
    TEST_NUM(42)
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    csrr a0, mstatus
    andi a0, a0, MSTATUS_MIE
    CHECK(a0, MSTATUS_MIE)
    csrc mstatus, a1
    csrr a0, mstatus
    andi a0, a0, MSTATUS_MIE
    CHECK(a0, 0)
    TEST_NUM(43)
    li a1, MSTATUS_MPIE
    csrs mstatus, a1
    csrr a0, mstatus
    and a0, a0, a1
    CHECK(a0, MSTATUS_MPIE)
    csrc mstatus, a1
    csrr a0, mstatus
    and a0, a0, a1
    CHECK(a0, 0)
    TEST_NUM(44)                /* MPP: M (3) and U (0) are legal */
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    csrr a0, mstatus
    and a0, a0, a1
    CHECK(a0, MSTATUS_MPP)
    csrc mstatus, a1
    csrr a0, mstatus
    and a0, a0, a1
    CHECK(a0, 0)
    TEST_NUM(45)                /* FS = Dirty sets SD; FS = Clean clears it */
    li a1, MSTATUS_FS
    csrs mstatus, a1
    csrr a0, mstatus
    bgez a0, fail
    li a2, 0x4000               /* Clean */
    csrc mstatus, a1
    csrs mstatus, a2
    csrr a0, mstatus
    bltz a0, fail
    and a0, a0, a1
    CHECK(a0, 0x4000)
    TEST_NUM(46)                /* SD itself is read-only */
    li a2, MSTATUS_SD
    csrs mstatus, a2
    csrr a0, mstatus
    bltz a0, fail
    csrs mstatus, a1            /* back to Dirty */

    /* medeleg / mideleg */
    TEST_NUM(47)
    li a1, -1
    csrw medeleg, a1
    csrr a0, medeleg
    li a2, 1 << 8               /* ecall from U delegable */
    and a3, a0, a2
    CHECK_REG(a3, a2)
    /* (the spec says medeleg[11], ecall from M, "should" be read-only 0; QEMU 7.2 lets it be
       set, so it is not checked) */
    csrw medeleg, zero
    csrr a0, medeleg
    CHECK(a0, 0)
    TEST_NUM(48)
    li a1, -1
    csrw mideleg, a1
    csrr a0, mideleg
    li a2, (1 << 1) | (1 << 5) | (1 << 9)   /* S-level interrupts delegable */
    and a3, a0, a2
    CHECK_REG(a3, a2)
    li a2, (1 << 3) | (1 << 7) | (1 << 11)  /* M-level never */
    and a3, a0, a2
    CHECK(a3, 0)
    csrw mideleg, zero

    /* counters: cycle, instret, time (and their M-mode names) advance */
    TEST_NUM(49)
    rdcycle s0
    rdinstret s1
    rdtime s2
    li a0, 2000
2:  addi a0, a0, -1
    bnez a0, 2b
    rdcycle s3
    rdinstret s4
    rdtime s5
    bleu s3, s0, fail
    bleu s4, s1, fail
    bleu s5, s2, fail
    TEST_NUM(50)
    csrr s0, mcycle
    csrr s1, minstret
    li a0, 100
3:  addi a0, a0, -1
    bnez a0, 3b
    csrr s3, mcycle
    csrr s4, minstret
    bleu s3, s0, fail
    bleu s4, s1, fail
    TEST_NUM(51)                /* instret counts at least the instructions executed */
    rdinstret s1
    li a0, 1000
4:  addi a0, a0, -1
    bnez a0, 4b
    rdinstret s4
    sub s4, s4, s1
    li a1, 2000
    bltu s4, a1, fail

    /* a CSR that does not exist: illegal, mtval = the instruction */
    TEST_TRAP(52, CAUSE_ILLEGAL_INSN, 0x7ff02573, csrr a0, 0x7ff)
    TEST_TRAP(53, CAUSE_ILLEGAL_INSN, 0x7ff59073, csrw 0x7ff, a1)
    TEST_TRAP(54, CAUSE_ILLEGAL_INSN, 0x5ff02573, csrr a0, 0x5ff)
    TEST_TRAP(55, CAUSE_ILLEGAL_INSN, 0x7ff0f073, csrci 0x7ff, 1)
TEST_END
