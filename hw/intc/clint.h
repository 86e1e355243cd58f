/*
 * hw/intc/clint.h — SiFive CLINT / RISC-V ACLINT (MSWI + MTIMER) at QEMU virt's layout:
 *   +0x0000 + 4*hart   msip      (bit 0: machine software interrupt)
 *   +0x4000 + 8*hart   mtimecmp  (MTIP is pending while mtime >= mtimecmp)
 *   +0xbff8            mtime     (10 MHz, from the host's monotonic clock)
 * Outputs: per hart an MSIP and an MTIP interrupt line (the board wires them to the harts'
 * inputs).  The mtime clock is the machine's timebase (Machine.read_timer).
 */
#ifndef HW_INTC_CLINT_H
#define HW_INTC_CLINT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"
#include "core/irq.h"
#include "core/memory.h"
#include "core/timer.h"

struct Machine;

#define CLINT_SIZE 0x10000
#define CLINT_TIMEBASE_HZ 10000000ull
#define CLINT_MAX_HARTS 64

typedef struct ClintHart {
    struct Clint *clint;
    uint64_t mtimecmp;
    bool msip;
    IrqLine msip_irq, mtip_irq;  /* set by the board */
    Timer timer;                 /* fires when mtime reaches mtimecmp */
} ClintHart;

typedef struct Clint {
    Device dev;
    struct Machine *machine;
    int nharts;
    int64_t mtime_offset;        /* guest writes to mtime move the clock */
    ClintHart hart[CLINT_MAX_HARTS];
} Clint;

extern const MemoryOps clint_ops;

/* Set up the CLINT for nharts harts (their lines unwired) and add it to the machine. */
void clint_init(Clint *c, struct Machine *m, int nharts);
uint64_t clint_mtime(Clint *c);

#endif
