/*
 * hw/misc/goldfish_rtc.c — Goldfish RTC.  Registers (32-bit):
 *   0x00 TIME_LOW (read latches TIME_HIGH; write sets the clock's low half)
 *   0x04 TIME_HIGH   0x08 ALARM_LOW (write arms the alarm)   0x0c ALARM_HIGH
 *   0x10 IRQ_ENABLED 0x14 CLEAR_ALARM   0x18 ALARM_STATUS   0x1c CLEAR_INTERRUPT
 */
#include "hw/misc/goldfish_rtc.h"

#include <string.h>

#include "core/host.h"
#include "core/machine.h"

static uint64_t rtc_now(GoldfishRtc *r)
{
    return host_wall_ns() + (uint64_t)r->offset_ns;
}

static void rtc_update_irq(GoldfishRtc *r)
{
    irq_set(&r->irq, r->irq_pending && r->irq_enabled);
}

/* Fire the alarm if its time has come, else wait for it (the guest's clock is the host's
 * wall clock plus an offset, so the alarm is a wall-clock time). */
static void rtc_check_alarm(GoldfishRtc *r)
{
    if (!r->alarm_armed) {
        timer_del(&r->alarm);
        return;
    }
    uint64_t now = rtc_now(r);
    if (now >= r->alarm_ns) {
        r->alarm_armed = false;
        r->irq_pending = true;
        rtc_update_irq(r);
        timer_del(&r->alarm);
    } else {
        timer_mod(&r->alarm, timer_ticks_to_deadline(host_clock_ns(), r->alarm_ns - now,
                                                     1000000000ull));
    }
}

static void rtc_alarm_fired(void *opaque)
{
    rtc_check_alarm(opaque);
}

static void rtc_reset(Device *d)
{
    GoldfishRtc *r = (GoldfishRtc *)d;
    r->offset_ns = 0;
    r->time_high = 0;
    r->alarm_ns = 0;
    r->alarm_armed = r->irq_enabled = r->irq_pending = false;
    timer_del(&r->alarm);
    rtc_update_irq(r);
}

static void rtc_save(Device *d, StateWriter *w)
{
    GoldfishRtc *r = (GoldfishRtc *)d;
    sw_i64(w, r->offset_ns);
    sw_u32(w, r->time_high);
    sw_u64(w, r->alarm_ns);
    sw_bool(w, r->alarm_armed);
    sw_bool(w, r->irq_enabled);
    sw_bool(w, r->irq_pending);
}

static bool rtc_load(Device *d, StateReader *r_, uint32_t version)
{
    (void)version;
    GoldfishRtc *r = (GoldfishRtc *)d;
    int64_t offset = sr_i64(r_);
    uint32_t high = sr_u32(r_);
    uint64_t alarm = sr_u64(r_);
    bool armed = sr_bool(r_), enabled = sr_bool(r_), pending = sr_bool(r_);
    if (r_->failed) {
        return false;
    }
    r->offset_ns = offset;
    r->time_high = high;
    r->alarm_ns = alarm;
    r->alarm_armed = armed;
    r->irq_enabled = enabled;
    r->irq_pending = pending;
    rtc_update_irq(r);
    rtc_check_alarm(r);
    return true;
}

static void rtc_destroy(Device *d)
{
    timer_remove(&((GoldfishRtc *)d)->alarm);
}

static const DeviceOps rtc_device_ops = {
    .type = "goldfish_rtc",
    .version = 1,
    .reset = rtc_reset,
    .save = rtc_save,
    .load = rtc_load,
    .destroy = rtc_destroy,
};

void goldfish_rtc_init(GoldfishRtc *r, Machine *m)
{
    memset(r, 0, sizeof(*r));
    timer_init(&r->alarm, &m->timers, rtc_alarm_fired, r);
    device_add(m, &r->dev, &rtc_device_ops, "rtc");
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
        rtc_check_alarm(r);
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
        timer_del(&r->alarm);
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
