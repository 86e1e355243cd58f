/*
 * hw/arm/virt.c — the aarch64 "virt" board, laid out as QEMU 7.2's machine of that name
 * (hw/arm/virt.h has the map): RAM at 0x40000000, the PEs at EL1 with PSCI over HVC
 * (secondaries start powered off and wait for CPU_ON), direct kernel boot as QEMU does it.
 *
 * Boot (QEMU's hw/arm/boot.c behaviour): an arm64 Image goes to RAM + 2 MiB + text_offset
 * with a small stub at the start of RAM that sets x0 = the device tree and x1-x3 = 0 and
 * jumps to it; the initrd at RAM + min(RAM/2, 128 MiB); the device tree right after it,
 * 2 MiB aligned.  An ELF -kernel (bare metal) starts at its entry with every register 0.
 *
 * Devices: GICv2 (distributor 0x08000000, CPU interface 0x08010000), the generic timers on
 * PPIs 14 (physical) and 11 (virtual), PL011 on SPI 1, PL031 on SPI 2, 32 virtio-mmio
 * slots from 0x0a000000 on SPIs 16..47.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arm/cpu.h"
#include "core/arm/psci.h"
#include "core/host.h"
#include "core/irq.h"
#include "hw/arm/virt.h"
#include "hw/arm/virt_fdt.h"
#include "hw/board.h"
#include "hw/boot.h"
#include "hw/char/pl011.h"
#include "hw/fdt.h"
#include "hw/intc/gicv2.h"
#include "hw/misc/pl031.h"
#include "hw/virtio/virtio_config.h"
#include "hw/virtio/virtio_mmio.h"

extern const BoardInfo arm_virt_board; /* at the end of this file */

typedef struct VirtProps {
    char *dumpdtb;        /* dumpdtb=FILE: write the device tree there and exit */
} VirtProps;

static const BootProp virt_props[] = {
    {"dumpdtb", BOOT_PROP_STRING, offsetof(VirtProps, dumpdtb), NULL, "a file name"},
    {0},
};

typedef struct ArmVirt {
    Boot boot;            /* "boot": puts the stub and the loaded images back at reset */
    Gicv2 gic;
    Pl011 uart;
    Pl031 rtc;
    VirtioMmio virtio[ARM_VIRT_MMIO_COUNT];
    VirtProps props;
    Machine *machine;
    const ArmCPUModel *model;
} ArmVirt;

static void virt_destroy(Machine *m)
{
    ArmVirt *v = m->board;
    if (v) {
        boot_free_props(virt_props, &v->props);
        free(v);
    }
}

/* The generic timer counts at 62.5 MHz from the machine clock (16 ns per tick). */
static uint64_t virt_read_timer(Machine *m)
{
    return machine_clock_ns(m) / 16;
}

/* QEMU's AArch64 boot stub: x0 = dtb, x1..x3 = 0, branch to the kernel. */
static size_t build_boot_stub(uint8_t *buf, uint64_t dtb, uint64_t entry)
{
    const uint32_t code[] = {
        0x580000c0, /* ldr x0, 0x18 (dtb) */
        0xaa1f03e1, /* mov x1, xzr */
        0xaa1f03e2, /* mov x2, xzr */
        0xaa1f03e3, /* mov x3, xzr */
        0x58000084, /* ldr x4, 0x20 (entry) */
        0xd61f0080, /* br x4 */
    };
    memcpy(buf, code, sizeof(code));
    memcpy(buf + 0x18, &dtb, 8);
    memcpy(buf + 0x20, &entry, 8);
    return 0x28;
}

/* The device tree for what hw/boot loaded (hw/arm/virt_fdt.c): QEMU 7.2's tree without
 * the devices we do not model; /chosen's rng-seed and kaslr-seed from host randomness, as
 * QEMU writes them. */
static int virt_fdt(void *opaque, Machine *m, const BootInfo *info, uint8_t **dtb,
                    size_t *len)
{
    ArmVirt *v = opaque;
    uint64_t mpidr[CONFIG_MAX_CPUS];
    for (int i = 0; i < m->ncpus; i++) {
        mpidr[i] = arm_cpu(m->cpus[i])->mpidr;
    }
    uint8_t seed[32];
    uint64_t kaslr;
    host_random(seed, sizeof(seed));
    host_random(&kaslr, sizeof(kaslr));
    ArmVirtFdtConfig fc = {
        .ram_base = ARM_VIRT_MEM_BASE,
        .ram_size = m->cfg->ram_size,
        .ncpus = m->ncpus,
        .cpu_compatible = arm_virt_cpu_compatible(v->model->name),
        .mpidr = mpidr,
        .bootargs = m->cfg->append,
        .initrd_start = info->initrd_start,
        .initrd_end = info->initrd_end,
        .rng_seed = seed,
        .rng_seed_len = sizeof(seed),
        .has_kaslr_seed = true,
        .kaslr_seed = kaslr,
    };
    return arm_virt_build_fdt(&fc, dtb, len);
}

static bool virt_boot(Machine *m, ArmVirt *v, char *err, size_t errlen)
{
    const BootLayout layout = {
        .elf_machine = ELF_MACHINE_AARCH64,
        .image = LINUX_IMAGE_ARM64,
        .ram_base = ARM_VIRT_MEM_BASE,
        .ram_size = m->cfg->ram_size,
        .firmware = NULL,
        .kernel_align = 2ull << 20,
        .low_reserved = 0x1000, /* the stub: an Image goes to 2 MiB + text_offset */
        .initrd_base = BOOT_INITRD_FROM_RAM,
        .initrd_max_offset = 128ull << 20,
        .fdt_window = m->cfg->ram_size,
        .fdt_align = 2ull << 20,
        .fdt_headroom = 0,
        .fdt_after_initrd = true,
    };
    BootInfo info;
    if (!boot_load(&v->boot, &layout, virt_fdt, v, v->props.dumpdtb, &info, err, errlen)) {
        return false;
    }
    if (info.dumped) {
        return true;
    }
    ArmCPU *cpu0 = arm_cpu(m->cpus[0]);
    if (info.kernel == BOOT_KERNEL_ELF) {
        cpu0->boot_pc = cpu0->common.pc = info.kernel_entry;
        return true;
    }
    uint8_t stub[0x28];
    size_t n = build_boot_stub(stub, info.fdt_addr, info.kernel_entry);
    if (!boot_add_blob(&v->boot, ARM_VIRT_MEM_BASE, stub, n)) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    cpu0->boot_pc = cpu0->common.pc = info.firmware ? info.firmware_entry : ARM_VIRT_MEM_BASE;
    return true;
}

static bool arm_virt_init(Machine *m, char *err, size_t errlen)
{
    const MachineConfig *cfg = m->cfg;
    ArmVirt *v = calloc(1, sizeof(*v));
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    m->board = v;
    v->machine = m;
    m->board_destroy = virt_destroy;
    if (!boot_parse_props(arm_virt_board.name, virt_props, cfg->machine_opts, &v->props, err,
                          errlen)) {
        return false;
    }
    v->model = arm_cpu_model_find(cfg->cpu ? cfg->cpu : arm_virt_board.cpu_models[0]);
    if (!v->model) {
        snprintf(err, errlen, "unable to find CPU model '%s'", cfg->cpu);
        return false;
    }
    if (cfg->cpu_opts) {
        snprintf(err, errlen, "-cpu %s,%s: Property '%.*s' not found", cfg->cpu, cfg->cpu_opts,
                 (int)strcspn(cfg->cpu_opts, "=,"), cfg->cpu_opts);
        return false;
    }
    if (!as_add_ram(&m->as, ARM_VIRT_MEM_BASE, cfg->ram_size, "mach-virt.ram")) {
        snprintf(err, errlen, "cannot set up guest memory 'mach-virt.ram': "
                 "Cannot allocate memory");
        return false;
    }
    m->read_timer = virt_read_timer;
    m->timebase_hz = ARM_VIRT_TIMER_HZ;
    /* Devices, in the order of the machine's device list (resets, saved state). */
    for (int i = 0; i < cfg->smp; i++) {
        /* MPIDR: Aff0 = index % 8, Aff1 = index / 8 (QEMU's clusters of 8); bit 31 RES1 */
        uint64_t mpidr = (1ull << 31) | (uint64_t)(i / 8) << 8 | (uint64_t)(i % 8);
        ArmCPU *cpu = arm_cpu_create(m, i, v->model, mpidr, i != 0);
        if (!cpu) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
        cpu->psci_call = arm_psci_call;
        cpu->semihosting = cfg->semihosting;
        m->cpus[m->ncpus++] = &cpu->common;
    }
    /* the GIC (num-irq 288, as QEMU's virt), its outputs to the PEs, the timers' PPIs */
    if (!gicv2_init(&v->gic, m, "gic", m->ncpus, 288)) {
        snprintf(err, errlen, "-smp %d: the GICv2 takes at most %d CPUs", m->ncpus,
                 GICV2_MAX_CPUS);
        return false;
    }
    for (int i = 0; i < m->ncpus; i++) {
        ArmCPU *cpu = arm_cpu(m->cpus[i]);
        v->gic.irq[i] = cpu_irq_line(m->cpus[i], ARM_IRQ_IRQ);
        v->gic.fiq[i] = cpu_irq_line(m->cpus[i], ARM_IRQ_FIQ);
        cpu->gt[0].out = gicv2_ppi_line(&v->gic, i, ARM_VIRT_TIMER_PHYS_PPI);
        cpu->gt[1].out = gicv2_ppi_line(&v->gic, i, ARM_VIRT_TIMER_VIRT_PPI);
    }
    as_add_mmio(&m->as, ARM_VIRT_GIC_DIST_BASE, GICV2_DIST_SIZE, &gicv2_dist_ops, &v->gic,
                "gic_dist");
    as_add_mmio(&m->as, ARM_VIRT_GIC_CPU_BASE, GICV2_CPU_SIZE, &gicv2_cpu_ops, &v->gic,
                "gic_cpu");
    /* serial0 only: virt has one UART (other -serial ports stay unused, as on QEMU) */
    if (!pl011_init(&v->uart, m, "pl011", machine_serial_hd(m, 0))) {
        snprintf(err, errlen, "serial0: its character backend has too many devices");
        return false;
    }
    v->uart.irq = gicv2_spi_line(&v->gic, ARM_VIRT_UART_IRQ);
    as_add_mmio(&m->as, ARM_VIRT_UART_BASE, PL011_SIZE, &pl011_ops, &v->uart, "pl011");
    pl031_init(&v->rtc, m, "pl031");
    v->rtc.irq = gicv2_spi_line(&v->gic, ARM_VIRT_RTC_IRQ);
    as_add_mmio(&m->as, ARM_VIRT_RTC_BASE, PL031_SIZE, &pl031_ops, &v->rtc, "pl031");
    for (int i = 0; i < ARM_VIRT_MMIO_COUNT; i++) {
        uint64_t base = ARM_VIRT_MMIO_BASE + (uint64_t)i * ARM_VIRT_MMIO_SIZE;
        virtio_mmio_init(&v->virtio[i], m, base);
        v->virtio[i].irq = gicv2_spi_line(&v->gic, ARM_VIRT_MMIO_IRQ + i);
        as_add_mmio(&m->as, base, ARM_VIRT_MMIO_SIZE, &virtio_mmio_ops, &v->virtio[i],
                    "virtio-mmio");
    }
    boot_init(&v->boot, m, ELF_MACHINE_AARCH64);
    if (!virtio_mmio_attach_config(m, v->virtio, ARM_VIRT_MMIO_COUNT, err, errlen)) {
        return false;
    }
    return virt_boot(m, v, err, errlen);
}

static const char *const virt_cpu_models[] = {"cortex-a57", "cortex-a53", "max", NULL};

const BoardInfo arm_virt_board = {
    .arch = "aarch64",
    .name = "virt",
    .desc = "QEMU 7.2 ARM Virtual Machine",
    .cpu_models = virt_cpu_models,
    .default_ram = 128ull << 20, /* QEMU's */
    .max_cpus = ARM_VIRT_MAX_CPUS,
    .virtio_slots = ARM_VIRT_MMIO_COUNT,
    .firmware = NULL, /* the kernel boots directly */
    .init = arm_virt_init,
};
