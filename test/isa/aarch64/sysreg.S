/*
 * sysreg.S — A64 system registers at EL1 on QEMU's virt with -cpu cortex-a57: CurrentEL (EL1),
 * SPSel switching between SP_EL1 and SP_EL0 (each keeps its own value; SP_EL0 readable as a
 * register while SPSel = 1), DAIF (msr daifset/daifclr and the register form), NZCV (only
 * bits 31:28), TPIDR_EL0/TPIDRRO_EL0/TPIDR_EL1 (64 bits), VBAR_EL1,
 * ELR_EL1/SPSR_EL1/FAR_EL1/ESR_EL1 read back, the identification registers of a Cortex-A57 r1p0
 * as QEMU 7.2's virt shows it (EL1 and EL0 only: no EL2/EL3 in ID_AA64PFR0), MPIDR of CPU 0,
 * CTR_EL0 and DCZID_EL0, SCTLR_EL1.M = 0 (MMU off at entry), and the generic timer: CNTFRQ_EL0
 * = 62.5 MHz, CNTVCT_EL0 and CNTPCT_EL0 counting up.
 */
#include "harness.h"

TEST_BEGIN
    TEST_NUM(1)
    mrs x0, currentel
    CHECK(x0, 0x4)
    /* SPSel */
    TEST_NUM(2)
    mrs x0, spsel
    CHECK(x0, 1)
    mov x5, sp                  /* SP_EL1 */
    LI(x1, 0x40321000)
    msr sp_el0, x1
    msr spsel, #0
    mov x2, sp                  /* now SP_EL0 */
    CHECK(x2, 0x40321000)
    mrs x0, spsel
    CHECK(x0, 0)
    LI(x1, 0x40654320)
    mov sp, x1                  /* writes SP_EL0 */
    LI(x1, 1)
    msr spsel, x1               /* register form */
    mov x2, sp
    CHECK_REG(x2, x5)           /* SP_EL1 kept its value */
    mrs x3, sp_el0
    CHECK(x3, 0x40654320)
    adr x0, _stack_el0_top
    msr sp_el0, x0
    /* DAIF */
    TEST_NUM(3)
    mrs x0, daif
    CHECK(x0, PSR_DAIF)         /* the harness masks everything */
    msr daifclr, #0xf
    mrs x0, daif
    CHECK(x0, 0)
    msr daifset, #0x2           /* I */
    mrs x0, daif
    CHECK(x0, PSR_I)
    msr daifset, #0x9           /* D and F */
    mrs x0, daif
    CHECK(x0, PSR_D | PSR_I | PSR_F)
    msr daifclr, #0x8
    mrs x0, daif
    CHECK(x0, PSR_I | PSR_F)
    mov x1, #PSR_A
    msr daif, x1
    mrs x0, daif
    CHECK(x0, PSR_A)
    LI(x1, 0xffffffffffffffff)  /* only bits 9:6 exist */
    msr daif, x1
    mrs x0, daif
    CHECK(x0, PSR_DAIF)
    /* NZCV */
    TEST_NUM(4)
    LI(x1, 0xffffffffffffffff)
    msr nzcv, x1
    mrs x0, nzcv
    CHECK(x0, 0xf0000000)
    CHECK_NZCV(FN|FZ|FC|FV)
    LI(x1, 0x50000000)
    msr nzcv, x1
    CHECK_NZCV(FZ|FV)
    b.vs 1f
    FAIL
1:  mov x1, #1
    cmp x1, #2                  /* 1 - 2: N, borrow */
    mrs x0, nzcv
    CHECK(x0, PSR_N)
    /* thread ID registers */
    TEST_NUM(5)
    LI(x1, 0x0123456789abcdef)
    msr tpidr_el0, x1
    LI(x2, 0xfedcba9876543210)
    msr tpidrro_el0, x2
    LI(x3, 0x8000000000000001)
    msr tpidr_el1, x3
    mrs x0, tpidr_el0
    CHECK(x0, 0x0123456789abcdef)
    mrs x0, tpidrro_el0
    CHECK(x0, 0xfedcba9876543210)
    mrs x0, tpidr_el1
    CHECK(x0, 0x8000000000000001)
    /* VBAR_EL1 (bits 10:0 are RES0: QEMU keeps 10:5, so only 2 KiB-aligned values here) */
    TEST_NUM(6)
    mrs x6, vbar_el1
    CHECK_LABEL(x6, vectors)
    LI(x1, 0x40001800)
    msr vbar_el1, x1
    mrs x0, vbar_el1
    CHECK(x0, 0x40001800)
    msr vbar_el1, x6
    isb
    /* exception registers read back */
    TEST_NUM(7)
    LI(x1, 0x4000123456789abc)
    msr elr_el1, x1
    mrs x0, elr_el1
    CHECK(x0, 0x4000123456789abc)
    LI(x1, 0xf00003c5)
    msr spsr_el1, x1
    mrs x0, spsr_el1
    CHECK(x0, 0xf00003c5)
    LI(x1, 0xdeadbeefcafef00d)
    msr far_el1, x1
    mrs x0, far_el1
    CHECK(x0, 0xdeadbeefcafef00d)
    LI(x1, 0x56000123)
    msr esr_el1, x1
    mrs x0, esr_el1
    CHECK(x0, 0x56000123)
    /* identification: a Cortex-A57 r1p0 */
    TEST_NUM(8)
    mrs x0, midr_el1
    CHECK(x0, 0x411fd070)
    TEST_NUM(9)
    mrs x0, mpidr_el1
    CHECK(x0, 0x80000000)       /* RES1 bit 31, uniprocessor 0, affinity 0.0.0.0 */
    TEST_NUM(10)
    mrs x0, ctr_el0
    CHECK(x0, 0x8444c004)       /* 64-byte lines (DminLine = IminLine = 4), PIPT I-cache */
    TEST_NUM(11)
    mrs x0, dczid_el0
    CHECK(x0, 0x4)              /* DC ZVA allowed, 64-byte blocks */
    TEST_NUM(12)
    /* ID_AA64PFR0: EL0 and EL1 implemented (QEMU's cortex-a57 also has AArch32 there: 2;
       ours is AArch64 only: 1 — the test takes either), FP and AdvSIMD (0), nothing else */
    mrs x0, id_aa64pfr0_el1
    and x1, x0, #0xff
    cmp x1, #0x22
    b.eq 1f
    CHECK(x1, 0x11)
1:  lsr x0, x0, #16
    and x0, x0, #0xff
    CHECK(x0, 0)
    TEST_NUM(13)
    mrs x0, id_aa64isar0_el1
    CHECK(x0, 0x00011120)       /* AES + PMULL, SHA1, SHA256, CRC32 */
    TEST_NUM(14)
    /* ID_AA64MMFR0: 44-bit PA, 16-bit ASIDs, 4K and 64K granules; mixed endian (BigEnd) on
       QEMU, not on ours: bits 11:8 are not compared */
    mrs x0, id_aa64mmfr0_el1
    bic x0, x0, #0xf00
    CHECK(x0, 0x00001024)
    TEST_NUM(15)
    mrs x0, id_aa64isar1_el1
    CHECK(x0, 0)
    mrs x0, id_aa64mmfr1_el1
    CHECK(x0, 0)
    mrs x0, revidr_el1
    CHECK(x0, 0)
    /* SCTLR_EL1: the MMU is off at entry */
    TEST_NUM(16)
    mrs x0, sctlr_el1
    and x0, x0, #1
    CHECK(x0, 0)
    /* CPACR_EL1 reads back what the harness wrote */
    TEST_NUM(17)
    mrs x0, cpacr_el1
    CHECK(x0, 3 << 20)
    /* generic timer */
    TEST_NUM(18)
    mrs x0, cntfrq_el0
    CHECK(x0, 62500000)
    TEST_NUM(19)
    isb
    mrs x1, cntvct_el0
    mov x3, #20000
2:  sub x3, x3, #1
    cbnz x3, 2b
    isb
    mrs x2, cntvct_el0
    cmp x2, x1
    b.hi 3f
    FAIL
3:  TEST_NUM(20)
    isb
    mrs x1, cntpct_el0
    mov x3, #20000
4:  sub x3, x3, #1
    cbnz x3, 4b
    isb
    mrs x2, cntpct_el0
    cmp x2, x1
    b.hi 5f
    FAIL
5:  TEST_NUM(21)                /* the virtual count is the physical one minus CNTVOFF (0) */
    isb
    mrs x1, cntvct_el0
    mrs x2, cntpct_el0
    cmp x2, x1
    b.hs 6f
    FAIL
6:
    /* FPCR: AHP, DN, FZ and RMode are writable; FZ16 (bit 19) is RES0 without FEAT_FP16
       (Len/Stride, bits 21:16, exist only with AArch32: QEMU's cortex-a57 keeps them, ours
       does not — not compared) */
    TEST_NUM(22)
    mov x0, #-1
    msr fpcr, x0
    mrs x1, fpcr
    msr fpcr, xzr
    LI(x2, 0x07c80000)
    and x1, x1, x2
    CHECK(x1, 0x07c00000)
TEST_END
