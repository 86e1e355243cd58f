/*
 * hw/misc/pl031.h — ARM PrimeCell Real Time Clock PL031 (ARM DDI 0224), as QEMU's "pl031":
 * the aarch64 `virt` board's RTC (0x09010000, SPI 2).  A 32-bit count of seconds since the
 * Unix epoch, taken from the host's wall clock plus an offset the guest sets by loading
 * it; 4 KiB MMIO window:
 *
 *   0x00 DR    the count (read-only)       0x04 MR   match value
 *   0x08 LR    load: the count becomes the written value (reads the last value loaded)
 *   0x0c CR    start: reads 1, writes ignored (the clock always runs, as in QEMU: the
 *              TRM's start bit cannot be cleared once set, and QEMU's is set from reset)
 *   0x10 IMSC  0x14 RIS   0x18 MIS   0x1c ICR (write 1 to clear)   (bit 0: the match)
 *   0xfe0-0xffc  peripheral and PrimeCell IDs (QEMU's: 0x31 0x10 0x14 0x00 0x0d 0xf0 0x05 0xb1)
 *
 * The match interrupt: RIS rises when the count reaches MR (also at once when MR or LR is
 * written so that they are equal), through a Timer on the machine's TimerList armed for
 * the host time at which the count will next equal MR.  The output (`irq`, set by the
 * board) is high while RIS & IMSC.  Saved state: the offset from the host's wall clock
 * (so a loaded machine keeps the guest's time of day, not the saving host's count), MR,
 * LR, IMSC, RIS and whether a match is still to come; the timer is re-armed on load.
 */
#ifndef HW_MISC_PL031_H
#define HW_MISC_PL031_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"
#include "core/irq.h"
#include "core/log.h"
#include "core/memory.h"
#include "core/timer.h"

struct Machine;

#define PL031_SIZE 0x1000

typedef struct Pl031 {
    Device dev;
    struct Machine *machine;     /* for the -d log */
    int64_t offset_s;            /* guest count - host wall-clock seconds */
    uint32_t mr, lr;
    uint8_t imsc, ris;
    IrqLine irq;                 /* set by the board */
    Timer match;                 /* fires when the count reaches MR */
    LogOnce logged;
} Pl031;

extern const MemoryOps pl031_ops;

/* Set up the RTC (count = the host's wall clock, line unwired, timer on m's TimerList) and
 * add it to the machine's devices as `name` ("pl031@9010000").  The board maps pl031_ops
 * with the Pl031 as opaque over PL031_SIZE bytes and wires `irq`. */
void pl031_init(Pl031 *r, struct Machine *m, const char *name);
/* The count DR reads now. */
uint32_t pl031_count(const Pl031 *r);

#endif
