/*
 * hw/intc/clint.h — SiFive CLINT / RISC-V ACLINT (MSWI + MTIMER) at QEMU virt's layout:
 *   +0x0000 + 4*hart   msip      (bit 0: machine software interrupt)
 *   +0x4000 + 8*hart   mtimecmp  (MTIP is pending while mtime >= mtimecmp)
 *   +0xbff8            mtime     (10 MHz, from the host's monotonic clock)
 */
#ifndef HW_INTC_CLINT_H
#define HW_INTC_CLINT_H

#include <stdint.h>

#include "core/memory.h"

struct Machine;
struct RiscvCPU;

#define CLINT_SIZE 0x10000
#define CLINT_TIMEBASE_HZ 10000000ull

typedef struct Clint {
    struct Machine *machine;
    int nharts;
    uint64_t mtimecmp[64];
    int64_t mtime_offset; /* guest writes to mtime move the clock */
} Clint;

extern const MemoryOps clint_ops;

void clint_init(Clint *c, struct Machine *m, int nharts);
uint64_t clint_mtime(Clint *c);
/* Re-evaluate every hart's MTIP against mtime (called when time may have passed). */
void clint_update_timers(Clint *c);
/* Host monotonic time (ns) at which the next timer interrupt becomes pending, or
 * UINT64_MAX if none is armed. */
uint64_t clint_next_deadline_ns(Clint *c);

#endif
