/*
 * hw/misc/goldfish_rtc.h — Goldfish real-time clock (the Android emulator's RTC, as on
 * QEMU's riscv virt board): nanoseconds since the Unix epoch from the host's wall clock.
 */
#ifndef HW_MISC_GOLDFISH_RTC_H
#define HW_MISC_GOLDFISH_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"
#include "core/irq.h"
#include "core/memory.h"
#include "core/timer.h"

struct Machine;

#define GOLDFISH_RTC_SIZE 0x1000

typedef struct GoldfishRtc {
    Device dev;
    int64_t offset_ns;       /* guest time - host wall time (guest may set the clock) */
    uint32_t time_high;      /* latched when TIME_LOW is read */
    uint64_t alarm_ns;
    bool alarm_armed, irq_enabled, irq_pending;
    IrqLine irq;             /* set by the board */
    Timer alarm;             /* fires at alarm_ns (host monotonic time for it) */
} GoldfishRtc;

extern const MemoryOps goldfish_rtc_ops;
/* Set up the RTC (line unwired) and add it to the machine as "rtc". */
void goldfish_rtc_init(GoldfishRtc *r, struct Machine *m);

#endif
