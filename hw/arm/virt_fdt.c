/*
 * hw/arm/virt_fdt.c — the aarch64 virt machine's device tree (see virt_fdt.h).
 *
 * Written depth first in the order QEMU 7.2's blob has (`-M virt,dumpdtb=...`; libfdt
 * inserts each new node and property in front of the earlier ones, so QEMU's blob lists
 * them in the reverse of its creation order, and this file follows the blob).
 */
#include "hw/arm/virt_fdt.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/arm/virt.h"
#include "hw/fdt.h"

/* The GIC binding's three interrupt cells: type, number, flags. */
#define GIC_SPI 0
#define GIC_PPI 1
#define IRQ_EDGE_RISING 1
#define IRQ_LEVEL_HIGH 4
#define PPI_CPU_MASK_SHIFT 8 /* GICv2: the PPI's target CPUs, one bit per CPU */

/* PSCI 0.2+ function ids (SMC Calling Convention: bit 30 set for the SMC64 forms). */
#define PSCI_CPU_SUSPEND_64 0xc4000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON_64 0xc4000003u
#define PSCI_MIGRATE_64 0xc4000005u

#define MPIDR_AFF_MASK 0xff00ffffffull /* Aff3 (bits 39:32), Aff2..Aff0 (23:0) */

uint64_t arm_virt_cpu_affinity(int index)
{
    return (uint64_t)(index % 8) | (uint64_t)(index / 8) << 8;
}

const char *arm_virt_cpu_compatible(const char *cpu_model)
{
    if (!cpu_model) {
        return NULL;
    }
    if (strcmp(cpu_model, "cortex-a57") == 0 || strcmp(cpu_model, "max") == 0) {
        return "arm,cortex-a57";
    }
    if (strcmp(cpu_model, "cortex-a53") == 0) {
        return "arm,cortex-a53";
    }
    return NULL;
}

static void prop_reg(Fdt *f, uint64_t base, uint64_t size)
{
    const uint32_t c[4] = {(uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
                           (uint32_t)size};
    fdt_prop_cells(f, "reg", c, 4);
}

static void prop_irq(Fdt *f, uint32_t type, uint32_t num, uint32_t flags)
{
    const uint32_t c[3] = {type, num, flags};
    fdt_prop_cells(f, "interrupts", c, 3);
}

static void psci_node(Fdt *f)
{
    static const char *const compat[] = {"arm,psci-1.0", "arm,psci-0.2", "arm,psci"};
    fdt_begin_node(f, "psci");
    fdt_prop_u32(f, "migrate", PSCI_MIGRATE_64);
    fdt_prop_u32(f, "cpu_on", PSCI_CPU_ON_64);
    fdt_prop_u32(f, "cpu_off", PSCI_CPU_OFF);
    fdt_prop_u32(f, "cpu_suspend", PSCI_CPU_SUSPEND_64);
    fdt_prop_string(f, "method", "hvc"); /* no EL2/EL3: the hypervisor call conduit */
    fdt_prop_strings(f, "compatible", compat, 3);
    fdt_end_node(f);
}

static void memory_node(Fdt *f, uint64_t base, uint64_t size)
{
    char name[32];
    snprintf(name, sizeof(name), "memory@%" PRIx64, base);
    fdt_begin_node(f, name);
    prop_reg(f, base, size);
    fdt_prop_string(f, "device_type", "memory");
    fdt_end_node(f);
}

static void virtio_mmio_nodes(Fdt *f)
{
    char name[32];
    for (int i = 0; i < ARM_VIRT_MMIO_COUNT; i++) {
        uint64_t base = ARM_VIRT_MMIO_BASE + (uint64_t)i * ARM_VIRT_MMIO_SIZE;
        snprintf(name, sizeof(name), "virtio_mmio@%" PRIx64, base);
        fdt_begin_node(f, name);
        fdt_prop_empty(f, "dma-coherent");
        prop_irq(f, GIC_SPI, ARM_VIRT_MMIO_IRQ + (uint32_t)i, IRQ_EDGE_RISING);
        prop_reg(f, base, ARM_VIRT_MMIO_SIZE);
        fdt_prop_string(f, "compatible", "virtio,mmio");
        fdt_end_node(f);
    }
}

static void pl031_node(Fdt *f, uint32_t clk)
{
    static const char *const compat[] = {"arm,pl031", "arm,primecell"};
    fdt_begin_node(f, "pl031@9010000");
    fdt_prop_string(f, "clock-names", "apb_pclk");
    fdt_prop_u32(f, "clocks", clk);
    prop_irq(f, GIC_SPI, ARM_VIRT_RTC_IRQ, IRQ_LEVEL_HIGH);
    prop_reg(f, ARM_VIRT_RTC_BASE, ARM_VIRT_RTC_SIZE);
    fdt_prop_strings(f, "compatible", compat, 2);
    fdt_end_node(f);
}

static void pl011_node(Fdt *f, uint32_t clk)
{
    static const char *const compat[] = {"arm,pl011", "arm,primecell"};
    static const char *const clock_names[] = {"uartclk", "apb_pclk"};
    const uint32_t clocks[2] = {clk, clk};
    fdt_begin_node(f, "pl011@9000000");
    fdt_prop_strings(f, "clock-names", clock_names, 2);
    fdt_prop_cells(f, "clocks", clocks, 2);
    prop_irq(f, GIC_SPI, ARM_VIRT_UART_IRQ, IRQ_LEVEL_HIGH);
    prop_reg(f, ARM_VIRT_UART_BASE, ARM_VIRT_UART_SIZE);
    fdt_prop_strings(f, "compatible", compat, 2);
    fdt_end_node(f);
}

/* The GICv2: distributor and CPU interface.  #address-cells, #size-cells and ranges are
 * there in QEMU's node for its v2m child; kept so the nodes compare equal. */
static void gic_node(Fdt *f, uint32_t phandle)
{
    const uint32_t reg[8] = {
        (uint32_t)(ARM_VIRT_GIC_DIST_BASE >> 32), (uint32_t)ARM_VIRT_GIC_DIST_BASE,
        (uint32_t)(ARM_VIRT_GIC_DIST_SIZE >> 32), (uint32_t)ARM_VIRT_GIC_DIST_SIZE,
        (uint32_t)(ARM_VIRT_GIC_CPU_BASE >> 32),  (uint32_t)ARM_VIRT_GIC_CPU_BASE,
        (uint32_t)(ARM_VIRT_GIC_CPU_SIZE >> 32),  (uint32_t)ARM_VIRT_GIC_CPU_SIZE,
    };
    fdt_begin_node(f, "intc@8000000");
    fdt_prop_u32(f, "phandle", phandle);
    fdt_prop_cells(f, "reg", reg, 8);
    fdt_prop_string(f, "compatible", "arm,cortex-a15-gic");
    fdt_prop_empty(f, "ranges");
    fdt_prop_u32(f, "#size-cells", 2);
    fdt_prop_u32(f, "#address-cells", 2);
    fdt_prop_empty(f, "interrupt-controller");
    fdt_prop_u32(f, "#interrupt-cells", 3);
    fdt_end_node(f);
}

/* /cpus: the topology (one socket, one cluster, a core per CPU), then the CPUs.  reg is the
 * MPIDR affinity, in two cells only if some CPU has a non-zero Aff3. */
static void cpus_node(Fdt *f, const ArmVirtFdtConfig *c, const uint32_t *ph)
{
    bool aff3 = false;
    for (int i = 0; i < c->ncpus; i++) {
        uint64_t aff = c->mpidr ? c->mpidr[i] & MPIDR_AFF_MASK : arm_virt_cpu_affinity(i);
        aff3 |= (aff >> 32) != 0;
    }
    char name[32];
    fdt_begin_node(f, "cpus");
    fdt_prop_u32(f, "#size-cells", 0);
    fdt_prop_u32(f, "#address-cells", aff3 ? 2 : 1);
    fdt_begin_node(f, "cpu-map");
    fdt_begin_node(f, "socket0");
    fdt_begin_node(f, "cluster0");
    for (int i = 0; i < c->ncpus; i++) {
        snprintf(name, sizeof(name), "core%d", i);
        fdt_begin_node(f, name);
        fdt_prop_u32(f, "cpu", ph[i]);
        fdt_end_node(f);
    }
    fdt_end_node(f); /* cluster0 */
    fdt_end_node(f); /* socket0 */
    fdt_end_node(f); /* cpu-map */
    for (int i = 0; i < c->ncpus; i++) {
        uint64_t aff = c->mpidr ? c->mpidr[i] & MPIDR_AFF_MASK : arm_virt_cpu_affinity(i);
        snprintf(name, sizeof(name), "cpu@%d", i);
        fdt_begin_node(f, name);
        fdt_prop_u32(f, "phandle", ph[i]);
        if (aff3) {
            fdt_prop_u64(f, "reg", aff);
        } else {
            fdt_prop_u32(f, "reg", (uint32_t)aff);
        }
        if (c->ncpus > 1) { /* QEMU 7.2 writes no enable-method for a single CPU */
            fdt_prop_string(f, "enable-method", "psci");
        }
        fdt_prop_string(f, "compatible", c->cpu_compatible);
        fdt_prop_string(f, "device_type", "cpu");
        fdt_end_node(f);
    }
    fdt_end_node(f); /* cpus */
}

/* The architected timer's PPIs (secure, non-secure EL1, virtual, EL2), level-high and, on a
 * GICv2, routed to every CPU. */
static void timer_node(Fdt *f, int ncpus)
{
    static const char *const compat[] = {"arm,armv8-timer", "arm,armv7-timer"};
    uint32_t flags = IRQ_LEVEL_HIGH | ((1u << ncpus) - 1) << PPI_CPU_MASK_SHIFT;
    const uint32_t irqs[12] = {
        GIC_PPI, ARM_VIRT_TIMER_SEC_PPI,  flags, GIC_PPI, ARM_VIRT_TIMER_PHYS_PPI, flags,
        GIC_PPI, ARM_VIRT_TIMER_VIRT_PPI, flags, GIC_PPI, ARM_VIRT_TIMER_HYP_PPI,  flags,
    };
    fdt_begin_node(f, "timer");
    fdt_prop_cells(f, "interrupts", irqs, 12);
    fdt_prop_empty(f, "always-on");
    fdt_prop_strings(f, "compatible", compat, 2);
    fdt_end_node(f);
}

static void apb_pclk_node(Fdt *f, uint32_t phandle)
{
    fdt_begin_node(f, "apb-pclk");
    fdt_prop_u32(f, "phandle", phandle);
    fdt_prop_string(f, "clock-output-names", "clk24mhz");
    fdt_prop_u32(f, "clock-frequency", ARM_VIRT_APB_PCLK_HZ);
    fdt_prop_u32(f, "#clock-cells", 0);
    fdt_prop_string(f, "compatible", "fixed-clock");
    fdt_end_node(f);
}

static void chosen_node(Fdt *f, const ArmVirtFdtConfig *c)
{
    fdt_begin_node(f, "chosen");
    if (c->initrd_start || c->initrd_end) {
        if (c->initrd_end >> 32) {
            fdt_prop_u64(f, "linux,initrd-end", c->initrd_end);
            fdt_prop_u64(f, "linux,initrd-start", c->initrd_start);
        } else {
            fdt_prop_u32(f, "linux,initrd-end", (uint32_t)c->initrd_end);
            fdt_prop_u32(f, "linux,initrd-start", (uint32_t)c->initrd_start);
        }
    }
    if (c->bootargs && *c->bootargs) {
        fdt_prop_string(f, "bootargs", c->bootargs);
    }
    fdt_prop_string(f, "stdout-path", ARM_VIRT_STDOUT_PATH);
    if (c->rng_seed) {
        fdt_prop(f, "rng-seed", c->rng_seed, c->rng_seed_len);
    }
    if (c->has_kaslr_seed) {
        fdt_prop_u64(f, "kaslr-seed", c->kaslr_seed);
    }
    fdt_end_node(f);
}

static bool config_ok(const ArmVirtFdtConfig *c)
{
    return c->ram_size != 0 && c->ram_base + c->ram_size > c->ram_base && c->ncpus >= 1 &&
           c->ncpus <= ARM_VIRT_MAX_CPUS && c->cpu_compatible &&
           c->initrd_end >= c->initrd_start && (c->rng_seed != NULL) == (c->rng_seed_len != 0);
}

int arm_virt_build_fdt(const ArmVirtFdtConfig *c, uint8_t **dtb, size_t *len)
{
    if (dtb) {
        *dtb = NULL;
    }
    if (len) {
        *len = 0;
    }
    if (!c || !dtb || !len || !config_ok(c)) {
        return FDT_ERR_BADARG;
    }
    Fdt *f = fdt_new();
    if (!f) {
        return FDT_ERR_NOMEM;
    }

    /* Phandles in QEMU's order: the clock, the CPUs from the last down, the GIC. */
    fdt_set_phandle_start(f, 0x8000);
    uint32_t clk_ph = fdt_alloc_phandle(f);
    uint32_t cpu_ph[ARM_VIRT_MAX_CPUS];
    for (int i = c->ncpus; i-- > 0;) {
        cpu_ph[i] = fdt_alloc_phandle(f);
    }
    uint32_t gic_ph = fdt_alloc_phandle(f);

    fdt_begin_node(f, "");
    fdt_prop_u32(f, "interrupt-parent", gic_ph);
    fdt_prop_string(f, "model", "linux,dummy-virt");
    fdt_prop_u32(f, "#size-cells", 2);
    fdt_prop_u32(f, "#address-cells", 2);
    fdt_prop_string(f, "compatible", "linux,dummy-virt");

    psci_node(f);
    memory_node(f, c->ram_base, c->ram_size);
    virtio_mmio_nodes(f);
    pl031_node(f, clk_ph);
    pl011_node(f, clk_ph);
    gic_node(f, gic_ph);
    cpus_node(f, c, cpu_ph);
    timer_node(f, c->ncpus);
    apb_pclk_node(f, clk_ph);
    chosen_node(f, c);

    fdt_end_node(f); /* root */

    /* Errors are sticky in the builder: fdt_finish reports the first one. */
    int err = fdt_finish(f, dtb, len);
    fdt_free(f);
    return err;
}
