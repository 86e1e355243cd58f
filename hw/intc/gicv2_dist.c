/*
 * hw/intc/gicv2_dist.c — the GICv2 distributor's registers (IHI 0048B 4.3), 4 KiB:
 *
 *   0x000 CTLR   0x004 TYPER   0x008 IIDR
 *   0x080 IGROUPR     0x100 ISENABLER   0x180 ICENABLER   0x200 ISPENDR   0x280 ICPENDR
 *   0x300 ISACTIVER   0x380 ICACTIVER   (one bit per interrupt)
 *   0x400 IPRIORITYR  0x800 ITARGETSR   (one byte per interrupt)
 *   0xc00 ICFGR (two bits per interrupt)   0xd00 PPISR/SPISR (IMPLEMENTATION DEFINED)
 *   0xe00 NSACR (RAZ/WI: no Security Extensions)   0xf00 SGIR
 *   0xf10 CPENDSGIR   0xf20 SPENDSGIR (one byte per SGI: its source CPUs)
 *   0xfd0-0xffc ID registers
 *
 * Every register is handled a byte at a time, as QEMU does: a halfword or word access is
 * its bytes in order (IDs 0-31 and the SGI registers are the accessing CPU's bank), and
 * the outputs are re-driven once per access.  GICD_SGIR is a word-only register.
 */
#include "hw/intc/gicv2_int.h"

/* QEMU's GICv2 identification registers, 0xfd0-0xffc (one byte per word). */
static const uint8_t gicd_ids[12] = {0x04, 0x00, 0x00, 0x00, 0x90, 0xb4,
                                     0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

enum {
    BLOCK_GROUP = 1, BLOCK_SET_ENABLE, BLOCK_CLEAR_ENABLE, BLOCK_SET_PENDING,
    BLOCK_CLEAR_PENDING, BLOCK_SET_ACTIVE, BLOCK_CLEAR_ACTIVE,
};

static void bad_offset(Gicv2 *g, const char *what, uint64_t off)
{
    gicv2_log(g, LOG_GUEST_ERROR, off, what, off);
}

/* One byte of a one-bit-per-interrupt register (0x080-0x3ff): interrupts id..id+7. */
static uint32_t read_bits(Gicv2 *g, int cpu, int block, int id)
{
    const Gicv2Bits *b = gicv2_bits(&g->s, cpu, id);
    uint32_t v;
    switch (block) {
    case BLOCK_GROUP:
        v = b->group;
        break;
    case BLOCK_SET_ENABLE:
    case BLOCK_CLEAR_ENABLE:
        v = b->enabled;
        break;
    case BLOCK_SET_PENDING:
    case BLOCK_CLEAR_PENDING:
        v = b->pending | (b->level & ~b->edge);
        break;
    default:
        v = b->active;
        break;
    }
    return (v >> (id % 32)) & 0xff;
}

static void write_bits(Gicv2 *g, int cpu, int block, int id, uint8_t value)
{
    Gicv2Bits *b = gicv2_bits(&g->s, cpu, id);
    uint32_t mask = (uint32_t)value << (id % 32);
    bool sgis = id < GICV2_NR_SGIS;
    switch (block) {
    case BLOCK_GROUP:
        b->group = (b->group & ~(0xffu << (id % 32))) | mask;
        break;
    case BLOCK_SET_ENABLE:
        b->enabled |= mask; /* SGIs are enabled already */
        break;
    case BLOCK_CLEAR_ENABLE:
        if (!sgis) { /* SGIs cannot be disabled (QEMU) */
            b->enabled &= ~mask;
        }
        break;
    case BLOCK_SET_PENDING:
        if (!sgis) { /* SGIs are made pending through GICD_SPENDSGIR, per source */
            b->pending |= mask;
        }
        break;
    case BLOCK_CLEAR_PENDING:
        if (!sgis) {
            b->pending &= ~mask; /* a level interrupt with its line high stays pending */
        }
        break;
    case BLOCK_SET_ACTIVE:
        b->active |= mask;
        break;
    default:
        b->active &= ~mask;
        break;
    }
}

/* One byte of GICD_ICFGR: interrupts id..id+3, bit 2i+1 set for edge-triggered. */
static uint32_t read_config(Gicv2 *g, int cpu, int id)
{
    uint32_t edge = gicv2_bits(&g->s, cpu, id)->edge >> (id % 32);
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        v |= ((edge >> i) & 1) << (2 * i + 1);
    }
    return v;
}

static void write_config(Gicv2 *g, int cpu, int id, uint8_t value)
{
    if (id < GICV2_NR_SGIS) {
        return; /* SGIs are always edge-triggered */
    }
    Gicv2Bits *b = gicv2_bits(&g->s, cpu, id);
    for (int i = 0; i < 4; i++) {
        uint32_t bit = gicv2_bit(id + i);
        b->edge = (value >> (2 * i + 1)) & 1 ? b->edge | bit : b->edge & ~bit;
    }
}

static uint32_t dist_readb(Gicv2 *g, int cpu, uint64_t off)
{
    Gicv2State *s = &g->s;
    if (off < 0x080) {
        switch (off) {
        case 0x000:
            return s->ctlr;
        case 0x004: /* ITLinesNumber, CPUNumber; SecurityExtn 0 */
            return (uint32_t)(g->num_irq / 32 - 1) | (uint32_t)(g->ncpus - 1) << 5;
        case 0x008: /* IIDR: ARM's JEP106 code 0x43b */
            return 0x3b;
        case 0x009:
            return 0x04;
        default:
            if (off >= 0x00c) {
                bad_offset(g, "read of reserved distributor offset", off);
            }
            return 0;
        }
    }
    if (off < 0x400) {
        int id = (int)(off & 0x7f) * 8;
        return id < g->num_irq ? read_bits(g, cpu, (int)(off >> 7), id) : 0;
    }
    if (off < 0x800) {
        int id = (int)(off - 0x400);
        return id < g->num_irq ? *gicv2_prio(s, cpu, id) : 0;
    }
    if (off < 0xc00) {
        int id = (int)(off - 0x800);
        if (id >= g->num_irq || g->ncpus == 1) {
            return 0; /* RAZ/WI on a uniprocessor GIC */
        }
        return id < GICV2_NR_PRIVATE ? 1u << cpu : s->spi_target[id];
    }
    if (off < 0xd00) {
        int id = (int)(off - 0xc00) * 4;
        return id < g->num_irq ? read_config(g, cpu, id) : 0;
    }
    if (off < 0xe00) {
        gicv2_log(g, LOG_UNIMP, 0xd00, "read of unimplemented GICD_PPISR/SPISR, offset",
                  off);
        return 0;
    }
    if (off < 0xf00) {
        return 0; /* NSACR: RAZ/WI without the Security Extensions */
    }
    if (off < 0xf10) {
        bad_offset(g, "read of write-only GICD_SGIR or reserved offset", off);
        return 0;
    }
    if (off < 0xf30) {
        return s->cpu[cpu].sgi_sources[(off - 0xf10) % GICV2_NR_SGIS];
    }
    if (off < 0xfd0) {
        bad_offset(g, "read of reserved distributor offset", off);
        return 0;
    }
    return (off & 3) ? 0 : gicd_ids[(off - 0xfd0) >> 2];
}

static void write_sgi_pending(Gicv2 *g, int cpu, uint64_t off, uint8_t value)
{
    Gicv2CpuState *c = &g->s.cpu[cpu];
    int id = (int)(off - 0xf10) % GICV2_NR_SGIS;
    if (off < 0xf20) { /* CPENDSGIR */
        c->sgi_sources[id] &= (uint8_t)~value;
        if (!c->sgi_sources[id]) {
            c->priv.pending &= ~gicv2_bit(id);
        }
    } else { /* SPENDSGIR */
        c->sgi_sources[id] |= (uint8_t)(value & gicv2_cpu_mask(g));
        if (c->sgi_sources[id]) {
            c->priv.pending |= gicv2_bit(id);
        }
    }
}

static void dist_writeb(Gicv2 *g, int cpu, uint64_t off, uint8_t value)
{
    Gicv2State *s = &g->s;
    if (off < 0x080) {
        if (off == 0x000) {
            s->ctlr = value & (GICD_CTLR_ENABLE_GRP0 | GICD_CTLR_ENABLE_GRP1);
        } else if (off >= 0x004) { /* TYPER and IIDR are read-only */
            bad_offset(g, "write to read-only or reserved distributor offset", off);
        }
        return;
    }
    if (off < 0x400) {
        int id = (int)(off & 0x7f) * 8;
        if (id < g->num_irq) {
            write_bits(g, cpu, (int)(off >> 7), id, value);
        }
        return;
    }
    if (off < 0x800) {
        int id = (int)(off - 0x400);
        if (id < g->num_irq) {
            *gicv2_prio(s, cpu, id) = value;
        }
        return;
    }
    if (off < 0xc00) {
        int id = (int)(off - 0x800);
        /* SGI and PPI targets are read-only; all RAZ/WI on a uniprocessor GIC */
        if (id < g->num_irq && id >= GICV2_NR_PRIVATE && g->ncpus > 1) {
            s->spi_target[id] = (uint8_t)(value & gicv2_cpu_mask(g));
        }
        return;
    }
    if (off < 0xd00) {
        int id = (int)(off - 0xc00) * 4;
        if (id < g->num_irq) {
            write_config(g, cpu, id, value);
        }
        return;
    }
    if (off < 0xe00) {
        gicv2_log(g, LOG_UNIMP, 0xd00, "write of unimplemented GICD_PPISR/SPISR, offset",
                  off);
        return;
    }
    if (off < 0xf00) {
        return; /* NSACR */
    }
    if (off < 0xf10) {
        bad_offset(g, "GICD_SGIR written with less than a word, offset", off);
        return;
    }
    if (off < 0xf30) {
        write_sgi_pending(g, cpu, off, value);
        return;
    }
    bad_offset(g, "write to read-only or reserved distributor offset", off);
}

/* GICD_SGIR: SGI `value & 15` to the CPUs its target list filter names. */
static void write_sgir(Gicv2 *g, int cpu, uint32_t value)
{
    int id = (int)(value & 0xf);
    uint32_t targets;
    switch ((value >> 24) & 3) {
    case 0: /* the CPUs of the target list */
        targets = (value >> 16) & gicv2_cpu_mask(g);
        break;
    case 1: /* every CPU but the requesting one */
        targets = gicv2_cpu_mask(g) & ~(1u << cpu);
        break;
    case 2: /* only the requesting one */
        targets = 1u << cpu;
        break;
    default:
        bad_offset(g, "GICD_SGIR with the reserved target list filter 3:", value);
        return;
    }
    for (int t = 0; t < g->ncpus; t++) {
        if (targets & (1u << t)) {
            g->s.cpu[t].sgi_sources[id] |= (uint8_t)(1u << cpu);
            g->s.cpu[t].priv.pending |= gicv2_bit(id);
        }
    }
}

static uint64_t dist_read(void *opaque, uint64_t offset, unsigned size)
{
    Gicv2 *g = opaque;
    if (size > 4) {
        bad_offset(g, "8-byte distributor read (reads as 0) at", offset);
        return 0;
    }
    int cpu = gicv2_accessing_cpu(g);
    uint32_t v = 0;
    for (unsigned i = 0; i < size && offset + i < GICV2_DIST_SIZE; i++) {
        v |= dist_readb(g, cpu, offset + i) << (8 * i);
    }
    return v;
}

static void dist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Gicv2 *g = opaque;
    if (size > 4) {
        bad_offset(g, "8-byte distributor write (ignored) at", offset);
        return;
    }
    int cpu = gicv2_accessing_cpu(g);
    if (offset == 0xf00 && size == 4) {
        write_sgir(g, cpu, (uint32_t)value);
    } else {
        for (unsigned i = 0; i < size && offset + i < GICV2_DIST_SIZE; i++) {
            dist_writeb(g, cpu, offset + i, (uint8_t)(value >> (8 * i)));
        }
    }
    gicv2_update(g);
}

const MemoryOps gicv2_dist_ops = {dist_read, dist_write};
