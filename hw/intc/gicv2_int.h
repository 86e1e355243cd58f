/*
 * hw/intc/gicv2_int.h — what the GICv2's three files share (gicv2.c: state, lines,
 * signalling, acknowledge and completion; gicv2_dist.c: the distributor's registers;
 * gicv2_cpuif.c: the CPU interface's).  Not for other users: hw/intc/gicv2.h is the
 * interface.
 */
#ifndef HW_INTC_GICV2_INT_H
#define HW_INTC_GICV2_INT_H

#include "hw/intc/gicv2.h"

/* GICD_CTLR / GICC_CTLR bits (no Security Extensions) */
#define GICD_CTLR_ENABLE_GRP0 0x1u
#define GICD_CTLR_ENABLE_GRP1 0x2u
#define GICC_CTLR_ENABLE_GRP0 0x001u
#define GICC_CTLR_ENABLE_GRP1 0x002u
#define GICC_CTLR_ACKCTL 0x004u
#define GICC_CTLR_FIQEN 0x008u
#define GICC_CTLR_CBPR 0x010u
#define GICC_CTLR_EOIMODE 0x200u
#define GICC_CTLR_MASK 0x21fu /* the bypass-disable bits are not modelled (no bypass) */

#define GICV2_IDLE_PRIORITY 0x100

/* The state bits holding interrupt `id` as CPU `cpu` sees them, and its mask there. */
static inline Gicv2Bits *gicv2_bits(Gicv2State *s, int cpu, int id)
{
    return id < GICV2_NR_PRIVATE ? &s->cpu[cpu].priv : &s->spi[id / 32];
}

static inline uint32_t gicv2_bit(int id)
{
    return 1u << (id % 32);
}

static inline uint8_t *gicv2_prio(Gicv2State *s, int cpu, int id)
{
    return id < GICV2_NR_PRIVATE ? &s->cpu[cpu].priv_prio[id] : &s->spi_prio[id];
}

static inline int gicv2_group(Gicv2State *s, int cpu, int id)
{
    return (gicv2_bits(s, cpu, id)->group & gicv2_bit(id)) != 0;
}

/* The CPU interfaces a value may name (ITARGETSR, SGI sources and targets). */
static inline uint32_t gicv2_cpu_mask(const Gicv2 *g)
{
    return (1u << g->ncpus) - 1;
}

/* The CPU the current MMIO access is served for (CPU 0 if it comes from no vCPU). */
int gicv2_accessing_cpu(const Gicv2 *g);
/* -d logging, once per key. */
void gicv2_log(Gicv2 *g, uint32_t item, uint64_t key, const char *what, uint64_t offset);

/* Re-evaluate and drive every CPU's IRQ and FIQ outputs. */
void gicv2_update(Gicv2 *g);
/* The running priority from the active priority registers. */
uint16_t gicv2_running_from_aprs(const Gicv2CpuState *c);
/* GICC_IAR / GICC_AIAR (alias: the Group 1 one): acknowledge and return the ID. */
uint32_t gicv2_acknowledge(Gicv2 *g, int cpu, bool alias);
/* GICC_HPPIR / GICC_AHPPIR. */
uint32_t gicv2_highest_pending(Gicv2 *g, int cpu, bool alias);
/* GICC_EOIR / GICC_AEOIR: priority drop (and deactivation with EOImode 0). */
void gicv2_end_of_interrupt(Gicv2 *g, int cpu, uint32_t value);
/* GICC_DIR. */
void gicv2_deactivate_write(Gicv2 *g, int cpu, uint32_t value);

#endif
