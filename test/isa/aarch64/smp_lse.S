/*
 * test/isa/aarch64/smp_lse.S — 4 PEs count exactly with LDADD (ARMv8.1 LSE, -cpu max):
 * the atomics are atomic across vCPU threads (smp_count.h has the test).
 * run-args: -smp 4 -cpu max
 */
    .arch armv8.1-a
#define SMP_COUNT_LSE
#include "smp_count.h"
