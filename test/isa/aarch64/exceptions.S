/*
 * exceptions.S — synchronous exceptions taken to EL1 and eret: svc from EL1h (ESR_EL1 = EC
 * 0x15 with the immediate, ELR_EL1 = the next instruction, SPSR_EL1 = the PSTATE it came from:
 * NZCV, DAIF, EL1h; the SP_EL1 vector at +0x200) and from EL1t (SP_EL0: vector +0x000, SPSR M
 * = EL1t), eret to a chosen ELR/SPSR (NZCV and the mode come from SPSR), EL0 (svc to the
 * lower-EL vector at +0x400, SP_EL0 in use there, an EL1 register read from EL0 is undefined:
 * EC 0), an undefined instruction (udf #0: EC 0, ELR = the instruction), brk (EC 0x3c with the
 * immediate), a misaligned pc through br (PC alignment fault, EC 0x22, ELR = FAR = the
 * target), and a data abort on an address with no device (EC 0x25, external abort).
 */
#include "harness.h"

#define UNMAPPED 0x09040000     /* virt: the secure UART's slot, empty without -M secure=on */

TEST_BEGIN
    /* svc from EL1h */
    TEST_NUM(1)
    TRAP_EXPECT
    SET_NZCV(FN|FC)
    svc #0x123
svc1_next:
    CHECK_NZCV(FN|FC)           /* eret restored the flags from SPSR */
    CHECK_TRAP_ESR(ESR(EC_SVC64, 0x123))
    CHECK_TRAP_ELR(svc1_next)
    CHECK_TRAP_SPSR(PSR_N | PSR_C | PSR_DAIF | PSR_EL1h)
    CHECK_TRAP_VECTOR(VEC_CUR_SPX_SYNC)
    TEST_NUM(2)
    TRAP_EXPECT
    SET_NZCV(FZ|FV)
    svc #0xffff
svc2_next:
    CHECK_NZCV(FZ|FV)
    CHECK_TRAP_ESR(ESR(EC_SVC64, 0xffff))
    CHECK_TRAP_ELR(svc2_next)
    CHECK_TRAP_SPSR(PSR_Z | PSR_V | PSR_DAIF | PSR_EL1h)

    /* svc from EL1t (SPSel = 0): the "current EL with SP_EL0" vector, SPSR M = EL1t */
    TEST_NUM(3)
    TRAP_EXPECT
    msr spsel, #0
    SET_NZCV(0)
    svc #7
svc3_next:
    mrs x0, spsel
    msr spsel, #1
    CHECK(x0, 0)                /* eret went back to EL1t */
    CHECK_TRAP_ESR(ESR(EC_SVC64, 7))
    CHECK_TRAP_ELR(svc3_next)
    CHECK_TRAP_SPSR(PSR_DAIF | PSR_EL1t)
    CHECK_TRAP_VECTOR(VEC_CUR_SP0_SYNC)

    /* eret to a chosen ELR and SPSR: NZCV and DAIF come from SPSR */
    TEST_NUM(4)
    adr x0, eret1
    msr elr_el1, x0
    LI(x0, PSR_Z | PSR_V | PSR_I | PSR_EL1h)
    msr spsr_el1, x0
    SET_NZCV(FN)
    eret
    FAIL
eret1:
    CHECK_NZCV(FZ|FV)
    mrs x0, daif
    CHECK(x0, PSR_I)
    mrs x0, currentel
    CHECK(x0, 4)
    msr daifset, #0xf

    /* EL0: eret with SPSR = EL0t; an EL1 register read traps (EC 0, back to EL0 at the next
       instruction), svc goes to the lower-EL vector and resumes at EL1 */
    TEST_NUM(5)
    adr x0, el0_code
    msr elr_el1, x0
    mov x0, #(PSR_DAIF | PSR_EL0t)
    msr spsr_el1, x0
    mov x5, #0
    eret
    FAIL
el0_back:
    mrs x0, currentel
    CHECK(x0, 4)
    CHECK(x7, 1)                /* the EL0 code got past the undefined mrs */
    CHECK_TRAP_ESR(ESR(EC_SVC64, 0x42))
    CHECK_TRAP_ELR(el0_svc_next)
    CHECK_TRAP_SPSR(PSR_C | PSR_DAIF | PSR_EL0t)
    CHECK_TRAP_VECTOR(VEC_LOW64_SYNC)
    adr x0, _stack_el0_top      /* EL0 ran on SP_EL0 */
    CHECK_REG(x5, x0)

    /* an undefined instruction: EC 0, ELR = the instruction, return past it */
    TEST_TRAP(6, ESR(EC_UNKNOWN, 0), udf #0)
    TEST_TRAP(7, ESR(EC_UNKNOWN, 0), .inst 0xffffffff)
    /* brk: EC 0x3c with the immediate, ELR = the brk */
    TEST_TRAP(8, ESR(EC_BRK64, 0x42), brk #0x42)
    TEST_TRAP(9, ESR(EC_BRK64, 0xffff), brk #0xffff)

    /* a misaligned pc: br to an address with bit 1 set; the fault is taken at the target */
    TEST_NUM(10)
    adr x0, 1f
    add x0, x0, #2
    TRAP_EXPECT_RESUME(2f)
    br x0
1:  nop
    nop
    FAIL
2:  CHECK_TRAP_ESR(ESR(EC_PC_ALIGN, 0))
    CHECK_TRAP_ELR_REG(x0)
    CHECK_TRAP_FAR_REG(x0)
    CHECK_TRAP_VECTOR(VEC_CUR_SPX_SYNC)
    TEST_NUM(11)                /* bit 0 set: the same */
    adr x0, 3f
    add x0, x0, #1
    TRAP_EXPECT_RESUME(4f)
    blr x0
3:  FAIL
4:  CHECK_TRAP_ESR(ESR(EC_PC_ALIGN, 0))
    CHECK_TRAP_ELR_REG(x0)
    CHECK_TRAP_FAR_REG(x0)

    /* a load from an address with no device: a synchronous external abort (DFSC 0x10) */
    TEST_NUM(12)
    LI(x1, UNMAPPED)
    mov x2, #0x55
    TRAP_EXPECT
5:  ldr x2, [x1]
    ldr x3, trap_esr
    lsr x4, x3, #26
    CHECK(x4, EC_DABT_CUR)
    and x4, x3, #0x3f
    CHECK(x4, 0x10)
    CHECK_TRAP_ELR(5b)
    CHECK(x2, 0x55)             /* the destination is not written */
    TEST_NUM(13)                /* a store: WnR (ISS bit 6) set */
    TRAP_EXPECT
6:  str x2, [x1, #8]
    ldr x3, trap_esr
    lsr x4, x3, #26
    CHECK(x4, EC_DABT_CUR)
    and x4, x3, #0x7f
    CHECK(x4, 0x50)
    CHECK_TRAP_ELR(6b)
TEST_END

    /* EL0 code: entered by eret from test 5 */
el0_code:
    mov x5, sp
    mov x7, #0
    TRAP_EXPECT
    mrs x0, sctlr_el1           /* undefined at EL0 */
    ldr x26, trap_esr
    LI(x27, ESR(EC_UNKNOWN, 0))
    sub x26, x26, x27
    cbnz x26, fail
    mov x7, #1
    TRAP_EXPECT_RESUME(el0_back)
    SET_NZCV(FC)
    svc #0x42
el0_svc_next:
    b fail
