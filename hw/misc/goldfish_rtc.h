/*
 * hw/misc/goldfish_rtc.h — Goldfish real-time clock (the Android emulator's RTC, as on
 * QEMU's riscv virt board): nanoseconds since the Unix epoch from the host's wall clock.
 */
#ifndef HW_MISC_GOLDFISH_RTC_H
#define HW_MISC_GOLDFISH_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/memory.h"

#define GOLDFISH_RTC_SIZE 0x1000

typedef struct GoldfishRtc {
    int64_t offset_ns;       /* guest time - host wall time (guest may set the clock) */
    uint32_t time_high;      /* latched when TIME_LOW is read */
    uint64_t alarm_ns;
    bool alarm_armed, irq_enabled, irq_pending;
    void (*set_irq)(void *opaque, int level);
    void *irq_opaque;
} GoldfishRtc;

extern const MemoryOps goldfish_rtc_ops;
void goldfish_rtc_init(GoldfishRtc *r);
/* Fire the alarm if its time has come (called from the machine's timer poll). */
void goldfish_rtc_poll(GoldfishRtc *r);

#endif
