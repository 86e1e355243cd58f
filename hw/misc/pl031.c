/*
 * hw/misc/pl031.c — ARM PrimeCell RTC PL031 (ARM DDI 0224); hw/misc/pl031.h describes it.
 */
#include "hw/misc/pl031.h"

#include <string.h>

#include "core/host.h"
#include "core/machine.h"

enum {
    R_DR = 0x00, R_MR = 0x04, R_LR = 0x08, R_CR = 0x0c, R_IMSC = 0x10, R_RIS = 0x14,
    R_MIS = 0x18, R_ICR = 0x1c, R_ID = 0xfe0,
};

#define NS_PER_S 1000000000ull

static const uint8_t pl031_id[8] = {0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static void pl031_log(Pl031 *r, uint64_t key, const char *fmt, uint64_t offset)
{
    Log *log = &r->machine->log;
    if (log_enabled(log, LOG_GUEST_ERROR) && log_once(&r->logged, key)) {
        log_printf(log, fmt, (unsigned long long)offset);
    }
}

/* The count at host wall time wall_ns (it wraps at 2^32 seconds, as the register does). */
static uint32_t count_at(const Pl031 *r, uint64_t wall_ns)
{
    return (uint32_t)((int64_t)(wall_ns / NS_PER_S) + r->offset_s);
}

uint32_t pl031_count(const Pl031 *r)
{
    return count_at(r, host_wall_ns());
}

static void pl031_update_irq(Pl031 *r)
{
    irq_set(&r->irq, (r->ris & r->imsc & 1) != 0);
}

/* Arm the match timer for the moment the count next equals MR, or raise RIS now if it
 * does already.  The count steps at whole wall-clock seconds, so the wait is the rest of
 * this second plus the whole seconds after it. */
static void pl031_arm_match(Pl031 *r)
{
    uint64_t wall = host_wall_ns();
    uint32_t ticks = r->mr - count_at(r, wall); /* wraps like the counter */
    if (ticks == 0) {
        timer_del(&r->match);
        r->ris = 1;
        pl031_update_irq(r);
        return;
    }
    uint64_t to_next = NS_PER_S - wall % NS_PER_S;
    uint64_t wait = to_next + (uint64_t)(ticks - 1) * NS_PER_S;
    timer_mod(&r->match, host_clock_ns() + wait);
}

static void pl031_match_fired(void *opaque)
{
    Pl031 *r = opaque;
    r->ris = 1;
    pl031_update_irq(r);
}

static void pl031_reset(Device *d)
{
    Pl031 *r = (Pl031 *)d;
    /* The count keeps running through a reset, as a battery-backed clock does: the
     * offset the guest loaded stays. */
    r->mr = r->lr = 0;
    r->imsc = r->ris = 0;
    timer_del(&r->match);
    pl031_update_irq(r);
}

static void pl031_save(Device *d, StateWriter *w)
{
    Pl031 *r = (Pl031 *)d;
    sw_i64(w, r->offset_s);
    sw_u32(w, r->mr);
    sw_u32(w, r->lr);
    sw_u8(w, r->imsc);
    sw_u8(w, r->ris);
    sw_bool(w, timer_deadline(&r->match) != TIMER_NEVER); /* a match still to come */
}

static bool pl031_load(Device *d, StateReader *rd, uint32_t version)
{
    (void)version;
    Pl031 *r = (Pl031 *)d;
    int64_t offset = sr_i64(rd);
    uint32_t mr = sr_u32(rd), lr = sr_u32(rd);
    uint8_t imsc = sr_u8(rd), ris = sr_u8(rd);
    bool armed = sr_bool(rd);
    if (!rd->failed && ((imsc | ris) & ~1u)) {
        sr_failf(rd, "pl031 interrupt bits 0x%x/0x%x: the RTC has one interrupt", imsc, ris);
    }
    if (rd->failed) {
        return false;
    }
    r->offset_s = offset;
    r->mr = mr;
    r->lr = lr;
    r->imsc = imsc;
    r->ris = ris;
    pl031_update_irq(r);
    timer_del(&r->match);
    if (armed) {
        pl031_arm_match(r); /* raises RIS now if the count reached MR meanwhile */
    }
    return true;
}

static void pl031_destroy(Device *d)
{
    timer_remove(&((Pl031 *)d)->match);
}

static const DeviceOps pl031_device_ops = {
    .type = "pl031",
    .version = 1,
    .reset = pl031_reset,
    .save = pl031_save,
    .load = pl031_load,
    .destroy = pl031_destroy,
};

void pl031_init(Pl031 *r, Machine *m, const char *name)
{
    memset(r, 0, sizeof(*r));
    r->machine = m;
    timer_init(&r->match, &m->timers, pl031_match_fired, r);
    device_add(m, &r->dev, &pl031_device_ops, name);
    pl031_reset(&r->dev);
}

static uint32_t pl031_reg_read(Pl031 *r, uint64_t reg)
{
    switch (reg) {
    case R_DR:
        return pl031_count(r);
    case R_MR:
        return r->mr;
    case R_LR:
        return r->lr;
    case R_CR:
        return 1;
    case R_IMSC:
        return r->imsc;
    case R_RIS:
        return r->ris;
    case R_MIS:
        return r->ris & r->imsc;
    default:
        break;
    }
    if (reg >= R_ID) {
        return pl031_id[(reg - R_ID) >> 2];
    }
    pl031_log(r, reg, "pl031: read of write-only or reserved offset 0x%llx (reads as 0)\n",
              reg);
    return 0;
}

static void pl031_reg_write(Pl031 *r, uint64_t reg, uint32_t v)
{
    switch (reg) {
    case R_MR:
        r->mr = v;
        pl031_arm_match(r);
        return;
    case R_LR: {
        uint64_t wall = host_wall_ns();
        r->offset_s += (int64_t)v - (int64_t)count_at(r, wall);
        r->lr = v;
        pl031_arm_match(r);
        return;
    }
    case R_CR:
        return; /* started for good (see pl031.h) */
    case R_IMSC:
        r->imsc = v & 1;
        pl031_update_irq(r);
        return;
    case R_ICR:
        r->ris &= (uint8_t)~(v & 1);
        pl031_update_irq(r);
        return;
    default:
        pl031_log(r, reg, "pl031: write to read-only or reserved offset 0x%llx\n", reg);
        return;
    }
}

static uint64_t pl031_read(void *opaque, uint64_t offset, unsigned size)
{
    if (size > 4) {
        return 0; /* the APB bus has 32-bit registers */
    }
    uint32_t v = pl031_reg_read(opaque, offset & ~3ull) >> (8 * (offset & 3));
    return size == 4 ? v : v & ((1u << (8 * size)) - 1);
}

static void pl031_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    if (size > 4) {
        return;
    }
    pl031_reg_write(opaque, offset & ~3ull, (uint32_t)value << (8 * (offset & 3)));
}

const MemoryOps pl031_ops = {pl031_read, pl031_write};
