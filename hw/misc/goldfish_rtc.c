/*
 * hw/misc/goldfish_rtc.c — Goldfish RTC.  Registers (32-bit):
 *   0x00 TIME_LOW (read latches TIME_HIGH; write sets the clock's low half)
 *   0x04 TIME_HIGH   0x08 ALARM_LOW (write arms the alarm)   0x0c ALARM_HIGH
 *   0x10 IRQ_ENABLED 0x14 CLEAR_ALARM   0x18 ALARM_STATUS   0x1c CLEAR_INTERRUPT
 */
#include "hw/misc/goldfish_rtc.h"

#include <string.h>

#include "core/host.h"

static uint64_t rtc_now(GoldfishRtc *r)
{
    return host_wall_ns() + (uint64_t)r->offset_ns;
}

static void rtc_update_irq(GoldfishRtc *r)
{
    if (r->set_irq) {
        r->set_irq(r->irq_opaque, r->irq_pending && r->irq_enabled);
    }
}

void goldfish_rtc_init(GoldfishRtc *r)
{
    void (*set_irq)(void *, int) = r->set_irq;
    void *opaque = r->irq_opaque;
    memset(r, 0, sizeof(*r));
    r->set_irq = set_irq;
    r->irq_opaque = opaque;
}

void goldfish_rtc_poll(GoldfishRtc *r)
{
    if (r->alarm_armed && rtc_now(r) >= r->alarm_ns) {
        r->alarm_armed = false;
        r->irq_pending = true;
        rtc_update_irq(r);
    }
}

static uint64_t rtc_read(void *opaque, uint64_t offset, unsigned size)
{
    GoldfishRtc *r = opaque;
    (void)size;
    switch (offset) {
    case 0x00: {
        uint64_t t = rtc_now(r);
        r->time_high = (uint32_t)(t >> 32);
        return (uint32_t)t;
    }
    case 0x04:
        return r->time_high;
    case 0x08:
        return (uint32_t)r->alarm_ns;
    case 0x0c:
        return (uint32_t)(r->alarm_ns >> 32);
    case 0x10:
        return r->irq_enabled;
    case 0x18:
        return r->alarm_armed;
    default:
        return 0;
    }
}

static void rtc_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    GoldfishRtc *r = opaque;
    uint32_t v = (uint32_t)value;
    (void)size;
    switch (offset) {
    case 0x00: {
        uint64_t now = rtc_now(r);
        uint64_t t = (now & ~0xffffffffull) | v;
        r->offset_ns += (int64_t)(t - now);
        break;
    }
    case 0x04: {
        uint64_t now = rtc_now(r);
        uint64_t t = ((uint64_t)v << 32) | (now & 0xffffffffull);
        r->offset_ns += (int64_t)(t - now);
        break;
    }
    case 0x08:
        r->alarm_ns = (r->alarm_ns & ~0xffffffffull) | v;
        r->alarm_armed = true;
        goldfish_rtc_poll(r);
        break;
    case 0x0c:
        r->alarm_ns = (r->alarm_ns & 0xffffffffull) | ((uint64_t)v << 32);
        break;
    case 0x10:
        r->irq_enabled = v & 1;
        rtc_update_irq(r);
        break;
    case 0x14:
        r->alarm_armed = false;
        break;
    case 0x1c:
        r->irq_pending = false;
        rtc_update_irq(r);
        break;
    default:
        break;
    }
}

const MemoryOps goldfish_rtc_ops = {rtc_read, rtc_write};
