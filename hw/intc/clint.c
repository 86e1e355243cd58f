/*
 * hw/intc/clint.c — core-local interruptor: software interrupts and machine timers.
 */
#include "hw/intc/clint.h"

#include <string.h>

#include "core/host.h"
#include "core/riscv/cpu.h"
#include "core/vcpu.h"
#include "hw/machine.h"

#define MSIP_BASE 0x0000
#define MTIMECMP_BASE 0x4000
#define MTIME_OFFSET 0xbff8
#define MIP_MSIP (1ull << 3)
#define MIP_MTIP (1ull << 7)

void clint_init(Clint *c, Machine *m, int nharts)
{
    memset(c, 0, sizeof(*c));
    c->machine = m;
    c->nharts = nharts;
    /* mtimecmp resets to 0, so MTIP is pending until software programs it (as QEMU) */
}

uint64_t clint_mtime(Clint *c)
{
    uint64_t ns = host_clock_ns() - c->machine->start_ns;
    return ns / (1000000000ull / CLINT_TIMEBASE_HZ) + (uint64_t)c->mtime_offset;
}

static RiscvCPU *hart(Clint *c, int i)
{
    return riscv_cpu(c->machine->cpus[i]);
}

void clint_update_timers(Clint *c)
{
    uint64_t now = clint_mtime(c);
    for (int i = 0; i < c->nharts; i++) {
        riscv_cpu_set_mip(hart(c, i), MIP_MTIP, now >= c->mtimecmp[i]);
        riscv_update_stimer(hart(c, i), now); /* Sstc's stimecmp counts the same time */
    }
}

uint64_t clint_next_deadline_ns(Clint *c)
{
    uint64_t now_ticks = clint_mtime(c);
    uint64_t best = UINT64_MAX;
    for (int j = 0; j < 2 * c->nharts; j++) {
        int i = j / 2;
        RiscvCPU *h = hart(c, i);
        /* stimecmp belongs to the hart's thread: read it atomically */
        uint64_t cmp = j % 2 ? ((__atomic_load_n(&h->menvcfg, __ATOMIC_RELAXED) & MENVCFG_STCE)
                                    ? __atomic_load_n(&h->stimecmp, __ATOMIC_RELAXED)
                                    : UINT64_MAX)
                             : c->mtimecmp[i];
        if (cmp > now_ticks) {
            uint64_t dt = cmp - now_ticks;
            if (dt < (UINT64_MAX - host_clock_ns()) / 100) {
                uint64_t t = host_clock_ns() + dt * (1000000000ull / CLINT_TIMEBASE_HZ);
                if (t < best) {
                    best = t;
                }
            }
        }
    }
    return best;
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
            return (__atomic_load_n(&hart(c, i)->mip, __ATOMIC_SEQ_CST) & MIP_MSIP) ? 1 : 0;
        }
        return 0;
    }
    if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8ull * (uint64_t)c->nharts) {
        uint64_t rel = offset - MTIMECMP_BASE;
        return reg_read(c->mtimecmp[rel / 8], rel % 8, size);
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
            riscv_cpu_set_mip(hart(c, i), MIP_MSIP, value & 1);
        }
        return;
    }
    if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8ull * (uint64_t)c->nharts) {
        uint64_t rel = offset - MTIMECMP_BASE;
        int i = (int)(rel / 8);
        c->mtimecmp[i] = reg_merge(c->mtimecmp[i], rel % 8, size, value);
        riscv_cpu_set_mip(hart(c, i), MIP_MTIP, clint_mtime(c) >= c->mtimecmp[i]);
        vcpu_timers_changed(c->machine);
        return;
    }
    if (offset >= MTIME_OFFSET && offset < MTIME_OFFSET + 8) {
        uint64_t now = clint_mtime(c);
        uint64_t nv = reg_merge(now, offset - MTIME_OFFSET, size, value);
        c->mtime_offset += (int64_t)(nv - now);
        clint_update_timers(c);
        vcpu_timers_changed(c->machine);
    }
}

const MemoryOps clint_ops = {clint_read, clint_write};
