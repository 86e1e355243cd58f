/*
 * hw/intc/gicv2_cpuif.c — the GICv2 CPU interface's registers (IHI 0048B 4.4), 8 KiB,
 * banked: every access is served for the CPU that makes it.
 *
 *   0x00 CTLR   0x04 PMR    0x08 BPR    0x0c IAR    0x10 EOIR   0x14 RPR    0x18 HPPIR
 *   0x1c ABPR   0x20 AIAR   0x24 AEOIR  0x28 AHPPIR (the aliases: Group 1)
 *   0xd0-0xdc APR0-3   0xe0-0xec NSAPR0-3   0xfc IIDR   0x1000 DIR
 */
#include "hw/intc/gicv2_int.h"

enum {
    C_CTLR = 0x00, C_PMR = 0x04, C_BPR = 0x08, C_IAR = 0x0c, C_EOIR = 0x10, C_RPR = 0x14,
    C_HPPIR = 0x18, C_ABPR = 0x1c, C_AIAR = 0x20, C_AEOIR = 0x24, C_AHPPIR = 0x28,
    C_APR = 0xd0, C_NSAPR = 0xe0, C_IIDR = 0xfc, C_DIR = 0x1000,
};

/* GICv2, implementer ARM (QEMU's value for revision 2) */
#define GICC_IIDR_VALUE 0x0002043bu

static uint64_t cpu_read(void *opaque, uint64_t offset, unsigned size)
{
    Gicv2 *g = opaque;
    int cpu = gicv2_accessing_cpu(g);
    Gicv2CpuState *c = &g->s.cpu[cpu];
    if (size > 4) {
        gicv2_log(g, LOG_GUEST_ERROR, 0x20000 | offset,
                  "8-byte CPU interface read (reads as 0) at", offset);
        return 0;
    }
    switch (offset) {
    case C_CTLR:
        return c->ctlr;
    case C_PMR:
        return c->pmr;
    case C_BPR:
        return c->bpr;
    case C_IAR:
        return gicv2_acknowledge(g, cpu, false);
    case C_AIAR:
        return gicv2_acknowledge(g, cpu, true);
    case C_RPR:
        return c->running > 0xff ? 0xff : c->running;
    case C_HPPIR:
        return gicv2_highest_pending(g, cpu, false);
    case C_AHPPIR:
        return gicv2_highest_pending(g, cpu, true);
    case C_ABPR:
        return c->abpr;
    case C_APR: case C_APR + 4: case C_APR + 8: case C_APR + 12:
        return c->apr[(offset - C_APR) / 4];
    case C_NSAPR: case C_NSAPR + 4: case C_NSAPR + 8: case C_NSAPR + 12:
        return c->nsapr[(offset - C_NSAPR) / 4];
    case C_IIDR:
        return GICC_IIDR_VALUE;
    default:
        gicv2_log(g, LOG_GUEST_ERROR, 0x20000 | offset,
                  "read of write-only or reserved CPU interface offset", offset);
        return 0;
    }
}

static void cpu_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Gicv2 *g = opaque;
    int cpu = gicv2_accessing_cpu(g);
    Gicv2CpuState *c = &g->s.cpu[cpu];
    uint32_t v = (uint32_t)value;
    if (size > 4) {
        gicv2_log(g, LOG_GUEST_ERROR, 0x20000 | offset,
                  "8-byte CPU interface write (ignored) at", offset);
        return;
    }
    switch (offset) {
    case C_CTLR:
        c->ctlr = v & GICC_CTLR_MASK;
        break;
    case C_PMR:
        c->pmr = (uint8_t)v;
        break;
    case C_BPR:
        c->bpr = v & 7;
        break;
    case C_ABPR:
        c->abpr = (v & 7) ? (v & 7) : 1; /* 1 is its minimum */
        break;
    case C_EOIR:
    case C_AEOIR:
        gicv2_end_of_interrupt(g, cpu, v);
        return;
    case C_DIR:
        gicv2_deactivate_write(g, cpu, v);
        return;
    case C_APR: case C_APR + 4: case C_APR + 8: case C_APR + 12:
        c->apr[(offset - C_APR) / 4] = v;
        c->running = gicv2_running_from_aprs(c);
        break;
    case C_NSAPR: case C_NSAPR + 4: case C_NSAPR + 8: case C_NSAPR + 12:
        c->nsapr[(offset - C_NSAPR) / 4] = v;
        c->running = gicv2_running_from_aprs(c);
        break;
    default:
        gicv2_log(g, LOG_GUEST_ERROR, 0x20000 | offset,
                  "write to read-only or reserved CPU interface offset", offset);
        return;
    }
    gicv2_update(g);
}

const MemoryOps gicv2_cpu_ops = {cpu_read, cpu_write};
