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
#include "core/riscv/cpu.h"
#include "hw/char/uart16550.h"
#include "hw/intc/clint.h"
#include "hw/intc/plic.h"
#include "hw/misc/goldfish_rtc.h"
#include "hw/virtio/virtio_mmio.h"
#include "hw/loader.h"
#include "hw/machine.h"
#include "hw/misc/sifive_test.h"

#define VIRT_MROM_BASE 0x1000ull
#define VIRT_MROM_SIZE 0xf000ull
#define VIRT_TEST_BASE 0x100000ull
#define VIRT_TEST_SIZE 0x1000ull
#define VIRT_RTC_BASE 0x101000ull
#define VIRT_CLINT_BASE 0x2000000ull
#define VIRT_PLIC_BASE 0xc000000ull
#define VIRT_VIRTIO_BASE 0x10001000ull
#define VIRT_VIRTIO_COUNT 8
#define VIRT_UART_IRQ 10
#define VIRT_RTC_IRQ 11
#define VIRT_VIRTIO_IRQ 1 /* slot i uses IRQ 1 + i */
#define VIRT_UART_BASE 0x10000000ull
#define VIRT_UART_SIZE 0x100ull
#define VIRT_DRAM_BASE 0x80000000ull
#define VIRT_KERNEL_OFFSET 0x200000ull /* where firmware expects the kernel */

typedef struct RiscvVirt {
    Uart16550 uart;
    Clint clint;
    Plic plic;
    GoldfishRtc rtc;
    VirtioMmio virtio[VIRT_VIRTIO_COUNT];
    uint8_t *rom_image;   /* boot ROM contents, rewritten at reset */
    size_t rom_len;
    /* images loaded into RAM, reloaded at reset */
    struct {
        uint8_t *data;
        size_t len;
        uint64_t addr; /* raw images: load address; ELF: 0 */
        bool elf;
    } images[2];
    int nimages;
} RiscvVirt;

static void virt_destroy(Machine *m)
{
    RiscvVirt *v = m->board;
    for (int i = 0; i < m->ncpus; i++) {
        riscv_cpu_destroy(riscv_cpu(m->cpus[i]));
    }
    if (v) {
        for (int i = 0; i < v->nimages; i++) {
            free(v->images[i].data);
        }
        free(v->rom_image);
        free(v);
    }
}

/* Reset vector: a0 = mhartid, a1 = FDT address, a2 = fw_dynamic info (none yet),
 * then jump to the start address stored after the code.  Encodings from the RISC-V
 * base ISA: */
static size_t build_reset_vector(uint8_t *buf, uint64_t start, uint64_t fdt)
{
    const uint32_t code[] = {
        0x00000297, /* auipc t0, 0 */
        0x00000613, /* li    a2, 0       (no fw_dynamic info) */
        0xf1402573, /* csrr  a0, mhartid */
        0x0202b583, /* ld    a1, 32(t0)  (FDT address) */
        0x0182b283, /* ld    t0, 24(t0)  (start address) */
        0x00028067, /* jr    t0 */
    };
    memcpy(buf, code, sizeof(code));
    memcpy(buf + 24, &start, 8);
    memcpy(buf + 32, &fdt, 8);
    return 40;
}

/* Load one image file: ELF at its physical addresses, anything else raw at addr. */
static bool virt_load_image(Machine *m, RiscvVirt *v, const char *what, const char *path,
                            uint64_t addr, uint64_t *entry, char *err, size_t errlen)
{
    uint8_t *data;
    size_t len;
    char why[256];
    if (!host_read_file(path, &data, &len, why, sizeof(why))) {
        snprintf(err, errlen, "could not load %s '%s': %s", what, path, why);
        return false;
    }
    if (len == 0) {
        free(data);
        snprintf(err, errlen, "could not load %s '%s': file is empty", what, path);
        return false;
    }
    bool elf = is_elf(data, len);
    if (elf) {
        char why2[256];
        if (!load_elf(&m->as, data, len, ELF_MACHINE_RISCV, entry, NULL, NULL, why2,
                      sizeof(why2))) {
            free(data);
            snprintf(err, errlen, "could not load %s '%s': %s", what, path, why2);
            return false;
        }
    } else {
        if (!as_write_bulk(&m->as, addr, data, len)) {
            free(data);
            snprintf(err, errlen, "could not load %s '%s': image too large for guest RAM",
                     what, path);
            return false;
        }
        *entry = addr;
    }
    v->images[v->nimages].data = data;
    v->images[v->nimages].len = len;
    v->images[v->nimages].addr = elf ? 0 : addr;
    v->images[v->nimages].elf = elf;
    v->nimages++;
    return true;
}

/* At reset, ROM and loaded images get their original contents back (as on QEMU);
 * the rest of RAM keeps its contents, as on QEMU. */
static void virt_reset(Machine *m)
{
    RiscvVirt *v = m->board;
    as_write_bulk(&m->as, VIRT_MROM_BASE, v->rom_image, v->rom_len);
    for (int i = 0; i < v->nimages; i++) {
        uint64_t entry;
        if (v->images[i].elf) {
            char err[64];
            load_elf(&m->as, v->images[i].data, v->images[i].len, ELF_MACHINE_RISCV, &entry,
                     NULL, NULL, err, sizeof(err));
        } else {
            as_write_bulk(&m->as, v->images[i].addr, v->images[i].data, v->images[i].len);
        }
    }
    uart16550_init(&v->uart);
    goldfish_rtc_init(&v->rtc);
    plic_init(&v->plic, m, m->ncpus);
    v->plic.log_unimp = m->cfg->log_unimp;
    clint_init(&v->clint, m, m->ncpus);
    clint_update_timers(&v->clint);
}

static void virt_poll(Machine *m)
{
    RiscvVirt *v = m->board;
    clint_update_timers(&v->clint);
    goldfish_rtc_poll(&v->rtc);
    /* console input: move what the host has typed into the UART's receive FIFO */
    uint8_t buf[UART_RX_FIFO];
    unsigned room = UART_RX_FIFO - v->uart.rx_count;
    if (room) {
        size_t n = host_console_read(buf, room);
        if (n) {
            uart16550_receive(&v->uart, buf, (unsigned)n);
        }
    }
}

static void virt_uart_irq(void *opaque, int level)
{
    RiscvVirt *v = opaque;
    plic_set_irq(&v->plic, VIRT_UART_IRQ, level);
}

static void virt_rtc_irq(void *opaque, int level)
{
    RiscvVirt *v = opaque;
    plic_set_irq(&v->plic, VIRT_RTC_IRQ, level);
}

static uint64_t virt_next_deadline(Machine *m)
{
    RiscvVirt *v = m->board;
    return clint_next_deadline_ns(&v->clint);
}

static uint64_t virt_read_timer(Machine *m)
{
    RiscvVirt *v = m->board;
    return clint_mtime(&v->clint);
}

bool riscv_virt_init(Machine *m, char *err, size_t errlen)
{
    const MachineConfig *cfg = m->cfg;
    RiscvVirt *v = calloc(1, sizeof(*v));
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    m->board = v;
    m->board_destroy = virt_destroy;
    m->board_reset = virt_reset;

    if (cfg->smp != 1) {
        snprintf(err, errlen, "-smp %d: this build runs one vCPU (SMP comes with "
                 "multi-threaded TCG)", cfg->smp);
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
    as_add_mmio(&m->as, VIRT_TEST_BASE, VIRT_TEST_SIZE, &sifive_test_ops, m, "test");
    v->uart.set_irq = virt_uart_irq;
    v->uart.irq_opaque = v;
    uart16550_init(&v->uart);
    as_add_mmio(&m->as, VIRT_UART_BASE, VIRT_UART_SIZE, &uart16550_ops, &v->uart, "serial");
    v->rtc.set_irq = virt_rtc_irq;
    v->rtc.irq_opaque = v;
    goldfish_rtc_init(&v->rtc);
    as_add_mmio(&m->as, VIRT_RTC_BASE, GOLDFISH_RTC_SIZE, &goldfish_rtc_ops, &v->rtc, "rtc");
    for (int i = 0; i < VIRT_VIRTIO_COUNT; i++) {
        v->virtio[i].irq = VIRT_VIRTIO_IRQ + i;
        as_add_mmio(&m->as, VIRT_VIRTIO_BASE + (uint64_t)i * VIRTIO_MMIO_SIZE, VIRTIO_MMIO_SIZE,
                    &virtio_mmio_ops, &v->virtio[i], "virtio-mmio");
    }

    for (int i = 0; i < cfg->smp; i++) {
        RiscvCPU *cpu = riscv_cpu_create(m, i);
        if (!cpu) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
        m->cpus[m->ncpus++] = &cpu->common;
    }

    clint_init(&v->clint, m, m->ncpus);
    as_add_mmio(&m->as, VIRT_CLINT_BASE, CLINT_SIZE, &clint_ops, &v->clint, "clint");
    plic_init(&v->plic, m, m->ncpus);
    v->plic.log_unimp = cfg->log_unimp;
    as_add_mmio(&m->as, VIRT_PLIC_BASE, PLIC_SIZE, &plic_ops, &v->plic, "plic");
    clint_update_timers(&v->clint);
    m->poll = virt_poll;
    m->next_deadline_ns = virt_next_deadline;
    m->read_timer = virt_read_timer;

    /* Images: -bios none runs -kernel directly in M-mode; a firmware file is loaded at
     * the start of RAM and the kernel above it. */
    uint64_t start = VIRT_DRAM_BASE, kernel_entry = 0;
    bool no_bios = cfg->bios && strcmp(cfg->bios, "none") == 0;
    if (!cfg->bios) {
        snprintf(err, errlen, "no default firmware for machine 'virt' in this build: "
                 "use -bios none or -bios FILE");
        return false;
    }
    if (!no_bios) {
        uint64_t fw_entry;
        if (!virt_load_image(m, v, "firmware", cfg->bios, VIRT_DRAM_BASE, &fw_entry, err,
                             errlen)) {
            return false;
        }
        start = fw_entry;
    }
    if (cfg->kernel) {
        uint64_t addr = no_bios ? VIRT_DRAM_BASE : VIRT_DRAM_BASE + VIRT_KERNEL_OFFSET;
        if (!virt_load_image(m, v, "kernel", cfg->kernel, addr, &kernel_entry, err, errlen)) {
            return false;
        }
        if (no_bios) {
            start = kernel_entry;
        }
    } else if (no_bios) {
        snprintf(err, errlen, "-bios none needs -kernel: there is nothing to run");
        return false;
    }

    v->rom_image = calloc(1, 64);
    if (!v->rom_image) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    v->rom_len = build_reset_vector(v->rom_image, start, 0);
    as_write_bulk(&m->as, VIRT_MROM_BASE, v->rom_image, v->rom_len);
    return true;
}
