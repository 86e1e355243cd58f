/*
 * test/isa/aarch64/smp_count.h — the body of smp_excl.S and smp_lse.S: four PEs (the
 * secondaries started with PSCI CPU_ON over HVC, as Linux does on virt) each add 1 to a
 * shared counter N times — with LDXR/STXR, or with LDADD when SMP_COUNT_LSE is defined —
 * and the total must be exact.  PSCI AFFINITY_INFO reports a secondary on once it runs,
 * CPU_ON of a running PE says ALREADY_ON.
 */
#include "harness.h"

#define N 20000
#define PSCI_CPU_ON 0xc4000003
#define PSCI_AFFINITY_INFO 0xc4000004

TEST_BEGIN
    TEST_NUM(1)
    adr x19, counter
    adr x20, done
    mov x21, #1
1:  LI(x0, PSCI_CPU_ON)
    mov x1, x21                     /* target MPIDR: Aff0 = 1..3 */
    adr x2, secondary
    mov x3, x21                     /* context id */
    hvc #0
    CHECK(x0, 0)
    add x21, x21, #1
    cmp x21, #4
    b.ne 1b

    TEST_NUM(3)
    bl count
2:  ldr x5, [x20]
    cmp x5, #4
    b.ne 2b
    ldr x6, [x19]
    CHECK(x6, 4 * N)
    /* every secondary is running now: PSCI says so */
    TEST_NUM(4)
    LI(x0, PSCI_AFFINITY_INFO)
    mov x1, #2
    mov x2, #0
    hvc #0
    CHECK(x0, 0)                    /* ON */
    TEST_NUM(5)
    LI(x0, PSCI_CPU_ON)
    mov x1, #1
    adr x2, secondary
    mov x3, #0
    hvc #0
    CHECK(x0, -4)                   /* ALREADY_ON */
TEST_END

/* N atomic increments of counter, then one of done. */
count:
    adr x9, counter
    LI(x10, N)
#ifdef SMP_COUNT_LSE
    mov x11, #1
1:  ldadd x11, x12, [x9]
#else
1:  ldxr x11, [x9]
    add x11, x11, #1
    stxr w12, x11, [x9]
    cbnz w12, 1b
#endif
    subs x10, x10, #1
    b.ne 1b
    adr x9, done
#ifdef SMP_COUNT_LSE
    ldaddal x11, x12, [x9]
#else
2:  ldaxr x11, [x9]
    add x11, x11, #1
    stlxr w12, x11, [x9]
    cbnz w12, 2b
#endif
    ret

secondary:
    bl count
3:  wfi
    b 3b

    .data
    .balign 64
counter: .quad 0
    .balign 64
done: .quad 0
