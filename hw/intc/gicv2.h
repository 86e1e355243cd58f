/*
 * hw/intc/gicv2.h — ARM Generic Interrupt Controller v2 (ARM IHI 0048B), as QEMU 7.2's
 * arm_gic with revision 2, no Security Extensions and no virtualization extensions: the
 * interrupt controller of the aarch64 `virt` board (num_irq 288: 256 SPIs).
 *
 * Two MMIO windows the board maps with the Gicv2 as opaque:
 *   gicv2_dist_ops  GICV2_DIST_SIZE (4 KiB)  the distributor (GICD_*)
 *   gicv2_cpu_ops   GICV2_CPU_SIZE (8 KiB)   the CPU interface (GICC_*; GICC_DIR at 0x1000)
 * The CPU interface and the distributor's per-CPU registers (SGI/PPI enables, pending,
 * active, priorities, targets, ICFGR1, the SGI pending registers) are banked: each access
 * is served for the vCPU that makes it (core/memory.h mmio_accessing_cpu; an access from
 * no vCPU is served as CPU 0's).
 *
 * Interrupt IDs: 0-15 SGIs, 16-31 PPIs (both banked per CPU), 32..num_irq-1 SPIs.
 * Inputs, as the board wires them, numbered as in a device tree's "interrupts" property:
 *   gicv2_spi_line(g, n)       SPI n ("GIC_SPI n"), interrupt ID 32 + n
 *   gicv2_ppi_line(g, cpu, n)  PPI n of one CPU ("GIC_PPI n"), interrupt ID 16 + n
 *                              (virt's generic timer: PPI 13, 14, 11, 10)
 * Outputs: irq[cpu] and fiq[cpu], set by the board to the CPU's IRQ and FIQ inputs.  They
 * are re-driven after every change of state (and on reset and load); input handlers run
 * under the device lock, from any thread, like every line (core/irq.h).
 *
 * Behaviour, where the spec leaves a choice or QEMU makes one:
 *  - Level-sensitive interrupts are pending while their line is high, or while latched by
 *    GICD_ISPENDR (cleared by GICD_ICPENDR or an acknowledge); edge-triggered ones latch
 *    pending on a rising edge.  SGIs are always edge-triggered and enabled (GICD_ICENABLER
 *    cannot disable them, as in QEMU); PPIs reset to level-sensitive and ICFGR1 is
 *    writable (banked).
 *  - SPIs follow the spec's 1-N model: one pending and one active state, seen by every CPU
 *    the SPI targets; the first to acknowledge it takes it.  With one CPU, ITARGETSR is
 *    RAZ/WI and every SPI targets it.
 *  - An SGI is pending per source CPU (GICD_SGIR's target filters 0, 1 and 2; 3 is
 *    reserved and ignored); GICC_IAR returns the lowest pending source in bits 12:10.
 *  - Groups: both, as GICv2 without the Security Extensions has them.  Group 0 is
 *    signalled as FIQ when GICC_CTLR.FIQEn is set, else IRQ; GICC_IAR returns 1022 for a
 *    Group 1 interrupt unless AckCtl is set; GICC_AIAR/AEOIR/AHPPIR serve Group 1 (and
 *    ABPR is its binary point unless CBPR).  An interrupt is forwarded only if its group is
 *    enabled in both GICD_CTLR and GICC_CTLR.
 *  - 8 priority bits (256 levels, 128 preemption levels: GICC_APR0-3 and GICC_NSAPR0-3
 *    hold one bit per active group priority, QEMU's layout); the running priority is the
 *    highest active one (0xff in GICC_RPR when idle).  An interrupt is signalled if its
 *    priority is below GICC_PMR and its group priority below the running priority.
 *  - GICC_EOIR drops the priority, and with EOImode 0 deactivates; with EOImode 1 the
 *    deactivation is GICC_DIR's.  EOI of a spurious or nonexistent ID is ignored.
 *  - Byte, halfword and word accesses to the distributor (QEMU's leniency; the spec
 *    requires words except for IPRIORITYR, ITARGETSR and the SGI pending registers);
 *    GICD_SGIR only as a word.  8-byte accesses read 0 (-d guest_errors).
 *  - IDs: GICD_IIDR 0x43b, GICC_IIDR 0x0002043b, the distributor's ID registers at
 *    0xfd0-0xffc QEMU's GICv2 ones (checked against qemu-system-aarch64 7.2).
 */
#ifndef HW_INTC_GICV2_H
#define HW_INTC_GICV2_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"
#include "core/irq.h"
#include "core/log.h"
#include "core/memory.h"

struct Machine;

#define GICV2_DIST_SIZE 0x1000
#define GICV2_CPU_SIZE 0x2000
#define GICV2_MAX_CPUS 8
#define GICV2_MAX_IRQS 1020     /* IDs 1020-1023 are special (1022, 1023: none) */
#define GICV2_NR_SGIS 16
#define GICV2_NR_PRIVATE 32     /* SGIs and PPIs: banked per CPU */
#define GICV2_NR_APRS 4
#define GICV2_SPURIOUS 1023

/* One state bit per interrupt, for 32 interrupts (bit n: interrupt 32w + n). */
typedef struct Gicv2Bits {
    uint32_t enabled, pending, active, level, edge, group;
} Gicv2Bits;

/* A CPU interface, and that CPU's bank of interrupts 0-31. */
typedef struct Gicv2CpuState {
    uint32_t ctlr;               /* GICC_CTLR */
    uint8_t pmr, bpr, abpr;
    uint16_t running;            /* running priority; 0x100: idle (derived from the APRs) */
    uint32_t apr[GICV2_NR_APRS], nsapr[GICV2_NR_APRS]; /* active priorities, Group 0 / 1 */
    Gicv2Bits priv;              /* interrupts 0-31 as this CPU sees them */
    uint8_t priv_prio[GICV2_NR_PRIVATE];
    uint8_t sgi_sources[GICV2_NR_SGIS]; /* SGI n is pending here from these CPUs */
} Gicv2CpuState;

/* Everything the guest can observe (saved as it is, except `running`). */
typedef struct Gicv2State {
    uint32_t ctlr;               /* GICD_CTLR */
    Gicv2Bits spi[GICV2_MAX_IRQS / 32 + 1]; /* word w: IDs 32w..; word 0 unused */
    uint8_t spi_prio[GICV2_MAX_IRQS];       /* by ID; 0-31 unused */
    uint8_t spi_target[GICV2_MAX_IRQS];     /* by ID; 0-31 unused */
    Gicv2CpuState cpu[GICV2_MAX_CPUS];
} Gicv2State;

typedef struct Gicv2 {
    Device dev;
    struct Machine *machine;     /* for the -d log */
    int ncpus;                   /* CPU interfaces: 1..GICV2_MAX_CPUS */
    int num_irq;                 /* interrupt IDs: a multiple of 32, 32..GICV2_MAX_IRQS */
    Gicv2State s;
    IrqLine irq[GICV2_MAX_CPUS]; /* to each CPU's IRQ input, set by the board */
    IrqLine fiq[GICV2_MAX_CPUS]; /* to each CPU's FIQ input, set by the board */
    LogOnce logged;
} Gicv2;

extern const MemoryOps gicv2_dist_ops;
extern const MemoryOps gicv2_cpu_ops;

/* Set up a GIC with ncpus CPU interfaces and num_irq interrupt IDs (virt: 288), outputs
 * unwired, and add it to the machine's devices as `name` ("gic").  false (nothing added)
 * if ncpus or num_irq is out of range. */
bool gicv2_init(Gicv2 *g, struct Machine *m, const char *name, int ncpus, int num_irq);
/* Input lines (unconnected lines if n or cpu is out of range). */
IrqLine gicv2_spi_line(Gicv2 *g, int n);
IrqLine gicv2_ppi_line(Gicv2 *g, int cpu, int n);
/* Drive interrupt ID `id` (16..num_irq-1; cpu matters for PPIs) to `level`: what the
 * lines do. */
void gicv2_set_irq(Gicv2 *g, int cpu, int id, int level);

#endif
