/*
 * test/isa/aarch64/timer.S — the generic timer through the GICv2, as Linux uses them on virt:
 * the virtual timer (PPI 11, interrupt ID 27) fires an IRQ at EL1 when CNTVCT passes CVAL;
 * IMASK keeps the line low with ISTATUS set; GICC_IAR/EOIR acknowledge and end it; the
 * physical timer (PPI 14, ID 30) through TVAL; CNTVCT counts at CNTFRQ.
 */
#include "harness.h"

#define GICD 0x08000000
#define GICC 0x08010000

TEST_BEGIN
    /* GIC: distributor and CPU interface on, IDs 27 and 30 enabled at priority 0x80 */
    TEST_NUM(1)
    LI(x1, GICD)
    mov w2, #1
    str w2, [x1]                    /* GICD_CTLR */
    mov w2, #((1 << 27) | (1 << 30))
    str w2, [x1, #0x100]            /* GICD_ISENABLER0 */
    mov w2, #0x80
    strb w2, [x1, #0x400 + 27]      /* GICD_IPRIORITYR: ID 27 */
    strb w2, [x1, #0x400 + 30]
    ldr w3, [x1, #0x100]
    LI(w9, (1 << 27) | (1 << 30))
    and w3, w3, w9
    CHECKW(w3, (1 << 27) | (1 << 30))
    LI(x4, GICC)
    mov w2, #0xff
    str w2, [x4, #4]                /* GICC_PMR */
    mov w2, #1
    str w2, [x4]                    /* GICC_CTLR */

    /* the frequency and a counter that moves */
    TEST_NUM(2)
    mrs x5, cntfrq_el0
    CHECK(x5, 62500000)
    mrs x5, cntvct_el0
    mov x6, #2000
3:  subs x6, x6, #1
    b.ne 3b
    isb
    mrs x7, cntvct_el0
    cmp x7, x5
    b.ls fail

    /* masked: ISTATUS rises, the interrupt stays away from the GIC */
    TEST_NUM(3)
    mrs x5, cntvct_el0
    msr cntv_cval_el0, x5           /* already reached */
    mov x2, #3                      /* ENABLE | IMASK */
    msr cntv_ctl_el0, x2
    isb
    mrs x3, cntv_ctl_el0
    CHECK(x3, 7)                    /* ISTATUS set */
    ldr w3, [x1, #0x200]            /* GICD_ISPENDR0 */
    and w3, w3, #(1 << 27)
    CHECKW(w3, 0)

    /* unmasked: an IRQ to the EL1h vector with ID 27 at the CPU interface */
    TEST_NUM(4)
    mrs x5, cntvct_el0
    LI(x9, 625000)                  /* 10 ms from now: more than a cold start takes */
    add x5, x5, x9
    msr cntv_cval_el0, x5
    mov x2, #1
    msr cntv_ctl_el0, x2
    mrs x3, cntv_ctl_el0
    CHECK(x3, 1)                    /* not yet: ISTATUS clear */
    TRAP_EXPECT_RESUME(got_virt)
    msr daifclr, #2
4:  wfi
    b 4b
got_virt:
    ldr x26, trap_vector
    CHECK(x26, 0x280)               /* IRQ, current EL with SP_ELx */
    mrs x3, cntvct_el0
    cmp x3, x5
    b.lo fail                       /* not before CVAL */
    ldr w6, [x4, #0x0c]             /* GICC_IAR */
    and w6, w6, #0x3ff
    CHECKW(w6, 27)
    ldr w7, [x4, #0x14]             /* GICC_RPR: running at the interrupt's priority */
    CHECKW(w7, 0x80)
    msr cntv_ctl_el0, xzr           /* the line goes down */
    isb
    str w6, [x4, #0x10]             /* GICC_EOIR */
    ldr w7, [x4, #0x18]             /* GICC_HPPIR: nothing pending */
    and w7, w7, #0x3ff
    CHECKW(w7, 1023)

    /* the physical timer through TVAL */
    TEST_NUM(5)
    mov x2, #625                    /* 10 us */
    msr cntp_tval_el0, x2
    mov x2, #1
    msr cntp_ctl_el0, x2
    TRAP_EXPECT_RESUME(got_phys)
    msr daifclr, #2
5:  wfi
    b 5b
got_phys:
    ldr w6, [x4, #0x0c]
    and w6, w6, #0x3ff
    CHECKW(w6, 30)
    mrs x3, cntp_ctl_el0
    CHECK(x3, 5)                    /* ENABLE | ISTATUS */
    mrs x3, cntp_tval_el0
    sxtw x3, w3
    cmp x3, #0
    b.gt fail                       /* TVAL counts down past zero */
    msr cntp_ctl_el0, xzr
    isb
    str w6, [x4, #0x10]
TEST_END
