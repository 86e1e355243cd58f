/*
 * hw/riscv/virt.c — the riscv64 "virt" board, laid out as QEMU's machine of that name:
 *   0x00001000  boot ROM (reset vector)       0x00100000  SiFive test finisher
 *   0x00101000  Goldfish RTC (IRQ 11)         0x02000000  CLINT (msip, mtimecmp, mtime)
 *   0x0c000000  PLIC                          0x10000000  NS16550A UART (IRQ 10)
 *   0x10001000  8 virtio-mmio slots (IRQ 1-8) 0x80000000  RAM
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/host.h"
#include "core/irq.h"
#include "core/riscv/cpu.h"
#include "hw/char/uart16550.h"
#include "hw/intc/clint.h"
#include "hw/intc/plic.h"
#include "hw/misc/goldfish_rtc.h"
#include "hw/virtio/virtio_config.h"
#include "hw/virtio/virtio_mmio.h"
#include "hw/boot.h"
#include "hw/board.h"
#include "hw/misc/sifive_test.h"
#include "hw/fdt.h"
#include "hw/riscv/virt_fdt.h"

extern const BoardInfo riscv_virt_board; /* at the end of this file */

#define FW_DYNAMIC_MAGIC 0x4942534full        /* "OSBI": fw_dynamic info, version 2 */
#define FW_DYNAMIC_NEXT_MODE_S 1ull

/* -M virt,prop=value,...: the properties this board has (virt_props). */
typedef struct VirtProps {
    char *dumpdtb;        /* dumpdtb=FILE: write the device tree there and exit */
} VirtProps;

static const BootProp virt_props[] = {
    {"dumpdtb", BOOT_PROP_STRING, offsetof(VirtProps, dumpdtb), NULL, "a file name"},
    {0},
};

typedef struct RiscvVirt {
    Boot boot;            /* "boot": puts the ROM and the loaded images back at reset */
    SifiveTest test;
    Uart16550 uart;
    Clint clint;
    Plic plic;
    GoldfishRtc rtc;
    VirtioMmio virtio[VIRT_VIRTIO_COUNT];
    VirtProps props;
    Machine *machine;
} RiscvVirt;

/* After every device's destroy (the CPUs and the virtio devices are devices). */
static void virt_destroy(Machine *m)
{
    RiscvVirt *v = m->board;
    if (v) {
        boot_free_props(virt_props, &v->props);
        free(v);
    }
}

/*
 * Boot ROM: the reset vector every hart starts at, then the addresses it loads, then the
 * fw_dynamic info block that firmware such as OpenSBI reads (a2 points to it):
 *   a0 = mhartid, a1 = device tree address, a2 = &fw_dynamic_info, jump to start.
 * Instruction encodings from the RISC-V base ISA.
 */
static size_t build_boot_rom(uint8_t *buf, uint64_t start, uint64_t fdt, uint64_t next_addr)
{
    const uint32_t code[] = {
        0x00000297, /* auipc t0, 0 */
        0x02828613, /* addi  a2, t0, 40  (fw_dynamic info) */
        0xf1402573, /* csrr  a0, mhartid */
        0x0202b583, /* ld    a1, 32(t0)  (device tree) */
        0x0182b283, /* ld    t0, 24(t0)  (start address) */
        0x00028067, /* jr    t0 */
    };
    /* fw_dynamic info v2: magic, version, next_addr, next_mode, options, boot_hart */
    const uint64_t info[6] = {FW_DYNAMIC_MAGIC, 2, next_addr, FW_DYNAMIC_NEXT_MODE_S, 0, 0};
    memcpy(buf, code, sizeof(code));
    memcpy(buf + 24, &start, 8);
    memcpy(buf + 32, &fdt, 8);
    memcpy(buf + 40, info, sizeof(info));
    return 40 + sizeof(info);
}

static uint64_t virt_read_timer(Machine *m)
{
    RiscvVirt *v = m->board;
    return clint_mtime(&v->clint);
}

/* The ISA this hart implements, as the device tree tells the guest. */
static const char virt_isa[] = "rv64imafdc_zicntr_zicsr_zifencei_sstc";

/* The device tree for what hw/boot loaded: RAM, harts, devices, bootargs, initrd. */
static int virt_fdt(void *opaque, Machine *m, const BootInfo *info, uint8_t **dtb,
                    size_t *len)
{
    (void)opaque;
    VirtFdtConfig fc = {0};
    fc.ram_base = VIRT_DRAM_BASE;
    fc.ram_size = m->cfg->ram_size;
    fc.nharts = (uint32_t)m->ncpus;
    fc.isa = virt_isa;
    fc.mmu_type = "riscv,sv57";
    fc.bootargs = m->cfg->append;
    fc.initrd_start = info->initrd_start;
    fc.initrd_end = info->initrd_end;
    return virt_build_fdt(&fc, dtb, len);
}

/*
 * What runs at reset, as on QEMU's virt: firmware at the start of RAM (our own unless
 * -bios says otherwise; -bios none runs the kernel itself in M-mode), the kernel at the
 * next 2 MiB boundary (or at its ELF addresses), the initrd far enough above it not to be
 * overwritten when the kernel unpacks, and the device tree at the top of low RAM (at most
 * 3 GiB in), then the boot ROM that starts the harts there.
 */
static bool virt_boot(Machine *m, RiscvVirt *v, char *err, size_t errlen)
{
    const BootLayout layout = {
        .elf_machine = ELF_MACHINE_RISCV,
        .image = LINUX_IMAGE_RISCV,
        .ram_base = VIRT_DRAM_BASE,
        .ram_size = m->cfg->ram_size,
        .firmware = riscv_virt_board.firmware,
        .kernel_align = 2ull << 20, /* rv64's PMD size */
        .initrd_base = BOOT_INITRD_FROM_KERNEL,
        .initrd_max_offset = 128ull << 20,
        .fdt_window = 3ull << 30,
        .fdt_align = 2ull << 20,
        .fdt_headroom = 0x1000,
    };
    BootInfo info;
    if (!boot_load(&v->boot, &layout, virt_fdt, v, v->props.dumpdtb, &info, err, errlen)) {
        return false;
    }
    if (info.dumped) {
        return true;
    }
    uint8_t rom[128] = {0};
    size_t rom_len = build_boot_rom(rom, info.start, info.fdt_addr, info.kernel_entry);
    if (!boot_add_blob(&v->boot, VIRT_MROM_BASE, rom, rom_len)) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    return true;
}

static bool riscv_virt_init(Machine *m, char *err, size_t errlen)
{
    const MachineConfig *cfg = m->cfg;
    RiscvVirt *v = calloc(1, sizeof(*v));
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    m->board = v;
    v->machine = m;
    m->board_destroy = virt_destroy;
    if (!boot_parse_props(riscv_virt_board.name, virt_props, cfg->machine_opts, &v->props, err,
                          errlen)) {
        return false;
    }
    if (cfg->semihosting) {
        snprintf(err, errlen, "-semihosting: not supported by the riscv64 virt machine yet");
        return false;
    }
    if (cfg->cpu_opts) {
        /* the hart's extensions are fixed: no -cpu property changes them yet */
        snprintf(err, errlen, "-cpu %s,%s: Property '%.*s' not found", cfg->cpu, cfg->cpu_opts,
                 (int)strcspn(cfg->cpu_opts, "=,"), cfg->cpu_opts);
        return false;
    }

    if (!as_add_ram(&m->as, VIRT_DRAM_BASE, cfg->ram_size, "riscv_virt_board.ram")) {
        snprintf(err, errlen, "cannot set up guest memory 'riscv_virt_board.ram': "
                 "Cannot allocate memory");
        return false;
    }
    if (!as_add_rom(&m->as, VIRT_MROM_BASE, VIRT_MROM_SIZE, "riscv_virt_board.mrom")) {
        snprintf(err, errlen, "cannot set up guest memory 'riscv_virt_board.mrom'");
        return false;
    }
    /* Devices, in the order of the machine's device list (resets, saved state): the harts,
     * the interrupt controllers, then the devices that drive their lines. */
    for (int i = 0; i < cfg->smp; i++) {
        RiscvCPU *cpu = riscv_cpu_create(m, i);
        if (!cpu) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
        m->cpus[m->ncpus++] = &cpu->common;
    }
    clint_init(&v->clint, m, m->ncpus);
    plic_init(&v->plic, m, m->ncpus);
    for (int i = 0; i < m->ncpus; i++) {
        v->clint.hart[i].msip_irq = cpu_irq_line(m->cpus[i], RISCV_IRQ_MSIP);
        v->clint.hart[i].mtip_irq = cpu_irq_line(m->cpus[i], RISCV_IRQ_MTIP);
        v->plic.out[2 * i] = cpu_irq_line(m->cpus[i], RISCV_IRQ_MEIP);
        v->plic.out[2 * i + 1] = cpu_irq_line(m->cpus[i], RISCV_IRQ_SEIP);
    }
    as_add_mmio(&m->as, VIRT_CLINT_BASE, CLINT_SIZE, &clint_ops, &v->clint, "clint");
    as_add_mmio(&m->as, VIRT_PLIC_BASE, PLIC_SIZE, &plic_ops, &v->plic, "plic");
    m->read_timer = virt_read_timer;
    m->timebase_hz = CLINT_TIMEBASE_HZ;

    sifive_test_init(&v->test, m);
    as_add_mmio(&m->as, VIRT_TEST_BASE, VIRT_TEST_SIZE, &sifive_test_ops, &v->test, "test");
    /* serial0 only: the board has one UART (other -serial ports stay unused, as on QEMU) */
    if (!uart16550_init(&v->uart, m, "serial0", 0, machine_serial_hd(m, 0))) {
        snprintf(err, errlen, "serial0: its character backend has too many devices");
        return false;
    }
    v->uart.irq = plic_source(&v->plic, VIRT_UART_IRQ);
    as_add_mmio(&m->as, VIRT_UART_BASE, VIRT_UART_SIZE, &uart16550_ops, &v->uart, "serial");
    goldfish_rtc_init(&v->rtc, m);
    v->rtc.irq = plic_source(&v->plic, VIRT_RTC_IRQ);
    as_add_mmio(&m->as, VIRT_RTC_BASE, GOLDFISH_RTC_SIZE, &goldfish_rtc_ops, &v->rtc, "rtc");
    for (int i = 0; i < VIRT_VIRTIO_COUNT; i++) {
        uint64_t base = VIRT_VIRTIO_BASE + (uint64_t)i * VIRTIO_MMIO_SIZE;
        virtio_mmio_init(&v->virtio[i], m, base);
        v->virtio[i].irq = plic_source(&v->plic, VIRT_VIRTIO_IRQ + i);
        as_add_mmio(&m->as, base, VIRTIO_MMIO_SIZE, &virtio_mmio_ops, &v->virtio[i],
                    "virtio-mmio");
    }
    boot_init(&v->boot, m, ELF_MACHINE_RISCV);
    if (!virtio_mmio_attach_config(m, v->virtio, VIRT_VIRTIO_COUNT, err, errlen)) {
        return false;
    }

    return virt_boot(m, v, err, errlen);
}

static const char *const virt_cpu_models[] = {"rv64", NULL};

const BoardInfo riscv_virt_board = {
    .arch = "riscv64",
    .name = "virt",
    .desc = "RISC-V VirtIO board",
    .cpu_models = virt_cpu_models,
    .default_ram = 128ull << 20, /* QEMU's */
    .max_cpus = 64,
    .virtio_slots = VIRT_VIRTIO_COUNT,
    .firmware = "qemu-wasm-fw.bin", /* our own (bios/riscv64) */
    .init = riscv_virt_init,
};
