/*
 * test/isa/aarch64/smp_excl.S — 4 PEs count exactly with LDXR/STXR: exclusives are atomic
 * across vCPU threads (smp_count.h has the test).
 * run-args: -smp 4
 */
#include "smp_count.h"
