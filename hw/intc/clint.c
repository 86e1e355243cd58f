/*
 * hw/intc/clint.c — core-local interruptor: software interrupts and machine timers.
 */
#include "hw/intc/clint.h"

#include <string.h>

#include "core/host.h"
#include "core/machine.h"

#define MSIP_BASE 0x0000
#define MTIMECMP_BASE 0x4000
#define MTIME_OFFSET 0xbff8

uint64_t clint_mtime(Clint *c)
{
    uint64_t ns = machine_clock_ns(c->machine);
    return ns / (1000000000ull / CLINT_TIMEBASE_HZ) + (uint64_t)c->mtime_offset;
}

/* MTIP follows mtime >= mtimecmp; while it is low, the timer waits for the crossing. */
static void hart_update_timer(ClintHart *h)
{
    uint64_t now = clint_mtime(h->clint);
    bool due = now >= h->mtimecmp;
    irq_set(&h->mtip_irq, due);
    timer_mod(&h->timer, due ? TIMER_NEVER
                             : timer_ticks_to_deadline(host_clock_ns(), h->mtimecmp - now,
                                                       CLINT_TIMEBASE_HZ));
}

static void hart_timer_fired(void *opaque)
{
    hart_update_timer(opaque);
}

static void clint_update_all(Clint *c)
{
    for (int i = 0; i < c->nharts; i++) {
        irq_set(&c->hart[i].msip_irq, c->hart[i].msip);
        hart_update_timer(&c->hart[i]);
    }
}

static void clint_reset(Device *d)
{
    Clint *c = (Clint *)d;
    c->mtime_offset = 0;
    for (int i = 0; i < c->nharts; i++) {
        /* mtimecmp resets to 0, so MTIP is pending until software programs it (as QEMU) */
        c->hart[i].mtimecmp = 0;
        c->hart[i].msip = false;
    }
    clint_update_all(c);
}

static void clint_save(Device *d, StateWriter *w)
{
    Clint *c = (Clint *)d;
    sw_u32(w, (uint32_t)c->nharts);
    /* mtime as an offset from the host clock is meaningless elsewhere: save its value */
    sw_u64(w, clint_mtime(c));
    for (int i = 0; i < c->nharts; i++) {
        sw_u64(w, c->hart[i].mtimecmp);
        sw_bool(w, c->hart[i].msip);
    }
}

static bool clint_load(Device *d, StateReader *r, uint32_t version)
{
    (void)version;
    Clint *c = (Clint *)d;
    uint32_t n = sr_u32(r);
    if (!r->failed && n != (uint32_t)c->nharts) {
        sr_failf(r, "the state has %u harts, this machine %d", n, c->nharts);
    }
    if (r->failed) {
        return false;
    }
    uint64_t mtime = sr_u64(r);
    for (int i = 0; i < c->nharts; i++) {
        c->hart[i].mtimecmp = sr_u64(r);
        c->hart[i].msip = sr_bool(r);
    }
    if (r->failed) {
        return false;
    }
    c->mtime_offset += (int64_t)(mtime - clint_mtime(c));
    clint_update_all(c);
    machine_timebase_changed(c->machine);
    return true;
}

static void clint_destroy(Device *d)
{
    Clint *c = (Clint *)d;
    for (int i = 0; i < c->nharts; i++) {
        timer_remove(&c->hart[i].timer);
    }
}

static const DeviceOps clint_device_ops = {
    .type = "riscv.aclint",
    .version = 1,
    .reset = clint_reset,
    .save = clint_save,
    .load = clint_load,
    .destroy = clint_destroy,
};

void clint_init(Clint *c, Machine *m, int nharts)
{
    memset(c, 0, sizeof(*c));
    c->machine = m;
    c->nharts = nharts < CLINT_MAX_HARTS ? nharts : CLINT_MAX_HARTS;
    for (int i = 0; i < c->nharts; i++) {
        c->hart[i].clint = c;
        timer_init(&c->hart[i].timer, &m->timers, hart_timer_fired, &c->hart[i]);
    }
    device_add(m, &c->dev, &clint_device_ops, "clint");
}

/* 32- and 64-bit accesses to the 64-bit registers: read/merge the addressed half. */
static uint64_t reg_read(uint64_t reg, uint64_t offset_in_reg, unsigned size)
{
    uint64_t v = reg >> (8 * offset_in_reg);
    return size == 8 ? v : v & ((1ull << (8 * size)) - 1);
}

static uint64_t reg_merge(uint64_t reg, uint64_t offset_in_reg, unsigned size, uint64_t val)
{
    if (size == 8) {
        return val;
    }
    uint64_t mask = ((1ull << (8 * size)) - 1) << (8 * offset_in_reg);
    return (reg & ~mask) | ((val << (8 * offset_in_reg)) & mask);
}

static uint64_t clint_read(void *opaque, uint64_t offset, unsigned size)
{
    Clint *c = opaque;
    if (offset < MTIMECMP_BASE) {
        int i = (int)(offset / 4);
        if (i < c->nharts && size == 4 && !(offset & 3)) {
            return c->hart[i].msip ? 1 : 0;
        }
        return 0;
    }
    if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8ull * (uint64_t)c->nharts) {
        uint64_t rel = offset - MTIMECMP_BASE;
        return reg_read(c->hart[rel / 8].mtimecmp, rel % 8, size);
    }
    if (offset >= MTIME_OFFSET && offset < MTIME_OFFSET + 8) {
        return reg_read(clint_mtime(c), offset - MTIME_OFFSET, size);
    }
    return 0;
}

static void clint_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Clint *c = opaque;
    if (offset < MTIMECMP_BASE) {
        int i = (int)(offset / 4);
        if (i < c->nharts && size == 4 && !(offset & 3)) {
            c->hart[i].msip = value & 1;
            irq_set(&c->hart[i].msip_irq, c->hart[i].msip);
        }
        return;
    }
    if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8ull * (uint64_t)c->nharts) {
        uint64_t rel = offset - MTIMECMP_BASE;
        ClintHart *h = &c->hart[rel / 8];
        h->mtimecmp = reg_merge(h->mtimecmp, rel % 8, size, value);
        hart_update_timer(h);
        return;
    }
    if (offset >= MTIME_OFFSET && offset < MTIME_OFFSET + 8) {
        uint64_t now = clint_mtime(c);
        uint64_t nv = reg_merge(now, offset - MTIME_OFFSET, size, value);
        c->mtime_offset += (int64_t)(nv - now);
        clint_update_all(c);
        machine_timebase_changed(c->machine); /* Sstc's stimecmp counts the same time */
    }
}

const MemoryOps clint_ops = {clint_read, clint_write};
