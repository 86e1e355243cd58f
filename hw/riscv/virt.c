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
#include "hw/virtio/virtio_console.h"
#include "hw/virtio/virtio_mmio.h"
#include "hw/loader.h"
#include "hw/board.h"
#include "hw/misc/sifive_test.h"
#include "hw/fdt.h"
#include "hw/fdt_edit.h"
#include "hw/riscv/virt_fdt.h"

extern const BoardInfo riscv_virt_board; /* at the end of this file */

#define FW_DYNAMIC_MAGIC 0x4942534full        /* "OSBI": fw_dynamic info, version 2 */
#define FW_DYNAMIC_NEXT_MODE_S 1ull

typedef struct RiscvVirt {
    Device loader;        /* "boot": puts the ROM and the loaded images back at reset */
    SifiveTest test;
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
    } images[4]; /* firmware, kernel, initrd, device tree */
    char dumpdtb[4096]; /* -M virt,dumpdtb=FILE */
    int nimages;
    Machine *machine;
} RiscvVirt;

/* After every device's destroy (the CPUs and the virtio devices are devices). */
static void virt_destroy(Machine *m)
{
    RiscvVirt *v = m->board;
    if (v) {
        for (int i = 0; i < v->nimages; i++) {
            free(v->images[i].data);
        }
        free(v->rom_image);
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

/* Load one image file: ELF at its physical addresses, anything else raw at addr. */
static bool virt_load_image(Machine *m, RiscvVirt *v, const char *what, const char *path,
                            uint64_t addr, bool allow_elf, uint64_t *entry, uint64_t *end,
                            char *err, size_t errlen)
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
    bool elf = allow_elf && is_elf(data, len);
    if (elf) {
        char why2[256];
        uint64_t low;
        if (!load_elf(&m->as, data, len, ELF_MACHINE_RISCV, entry, &low, end, why2,
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
        *end = addr + len;
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
static void virt_loader_reset(Device *d)
{
    RiscvVirt *v = (RiscvVirt *)((char *)d - offsetof(RiscvVirt, loader));
    Machine *m = v->machine;
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
}

/* The images are the command line's: nothing of them is saved state. */
static const DeviceOps virt_loader_ops = {
    .type = "riscv-virt-loader",
    .version = 1,
    .reset = virt_loader_reset,
};

/* Console input goes to a virtio console (hvc0) once the guest uses it, else to the UART. */
static bool virt_hvc_owns_input(RiscvVirt *v)
{
    for (int i = 0; i < VIRT_VIRTIO_COUNT; i++) {
        VirtioDevice *d = v->virtio[i].dev;
        if (d && d->device_id == VIRTIO_ID_CONSOLE && virtio_console_owns_input(d)) {
            return true;
        }
    }
    return false;
}

/* Host input: console bytes for the UART or hvc0 (timers are the machine's). */
static void virt_poll(Machine *m)
{
    RiscvVirt *v = m->board;
    for (int i = 0; i < VIRT_VIRTIO_COUNT; i++) {
        VirtioDevice *d = v->virtio[i].dev;
        if (d && d->ops->poll) {
            d->ops->poll(d); /* e.g. console input for hvc0 */
        }
    }
    /* console input: move what the host has typed into the UART's receive FIFO */
    uint8_t buf[UART_RX_FIFO];
    unsigned room = UART_RX_FIFO - v->uart.rx_count;
    if (room && !v->uart.disconnected && !virt_hvc_owns_input(v)) {
        size_t n = host_console_read(buf, room);
        if (n) {
            uart16550_receive(&v->uart, buf, (unsigned)n);
        }
    }
}

/*
 * The command line's virtio devices, into the virtio-mmio slots as QEMU's virt fills them:
 * the first device goes to the highest slot (0x10008000), which the device tree lists
 * first, so Linux probes it first (one -drive is /dev/vda).
 */
static bool virt_create_virtio(Machine *m, RiscvVirt *v, char *err, size_t errlen)
{
    const MachineConfig *cfg = m->cfg;
    for (int i = 0; i < cfg->nvirtio && i < VIRT_VIRTIO_COUNT; i++) {
        VirtioDevice *d = virtio_create_from_config(m, cfg, i, !v->uart.disconnected, err,
                                                    errlen);
        if (!d) {
            return false;
        }
        virtio_mmio_attach(&v->virtio[VIRT_VIRTIO_COUNT - 1 - i], d);
    }
    return true;
}

static uint64_t virt_read_timer(Machine *m)
{
    RiscvVirt *v = m->board;
    return clint_mtime(&v->clint);
}

/* The ISA this hart implements, as the device tree tells the guest. */
static const char virt_isa[] = "rv64imafdc_zicntr_zicsr_zifencei_sstc";

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/* Where the default firmware lives: -L, else next to the program (see cli/main.c). */
static bool virt_default_firmware(const MachineConfig *cfg, char *path, size_t len)
{
    if (!cfg->datadir) {
        return false;
    }
    snprintf(path, len, "%s/%s", cfg->datadir, riscv_virt_board.firmware);
    return true;
}

/*
 * What runs at reset, as on QEMU's virt: firmware at the start of RAM (our own unless
 * -bios says otherwise; -bios none runs the kernel itself in M-mode), the kernel at the
 * next 2 MiB boundary (or at its ELF addresses), the initrd far enough above it not to be
 * overwritten when the kernel unpacks, and the device tree at the top of low RAM.
 */
static bool virt_load_boot_images(Machine *m, RiscvVirt *v, char *err, size_t errlen)
{
    const MachineConfig *cfg = m->cfg;
    uint64_t ram_end = VIRT_DRAM_BASE + cfg->ram_size;
    bool no_bios = cfg->bios && strcmp(cfg->bios, "none") == 0;
    uint64_t start = VIRT_DRAM_BASE, fw_end = VIRT_DRAM_BASE;
    uint64_t kernel_entry = 0, kernel_start = 0, kernel_end = 0;

    if (!no_bios) {
        char fw_path[4096];
        const char *fw = cfg->bios;
        if (!fw) {
            if (!virt_default_firmware(cfg, fw_path, sizeof(fw_path))) {
                snprintf(err, errlen, "unable to find the default firmware '%s': use -L DIR "
                         "or -bios FILE", riscv_virt_board.firmware);
                return false;
            }
            fw = fw_path;
        }
        if (!virt_load_image(m, v, "firmware", fw, VIRT_DRAM_BASE, true, &start, &fw_end, err,
                             errlen)) {
            return false;
        }
    }
    if (cfg->kernel) {
        kernel_start = no_bios ? VIRT_DRAM_BASE : align_up(fw_end, 2ull << 20);
        if (!virt_load_image(m, v, "kernel", cfg->kernel, kernel_start, true, &kernel_entry,
                             &kernel_end, err, errlen)) {
            return false;
        }
        if (no_bios) {
            start = kernel_entry;
        }
    } else if (no_bios) {
        snprintf(err, errlen, "-bios none needs -kernel: there is nothing to run");
        return false;
    } else {
        kernel_entry = align_up(fw_end, 2ull << 20);
    }

    uint64_t initrd_start = 0, initrd_end = 0;
    if (cfg->initrd) {
        if (!cfg->kernel) {
            snprintf(err, errlen, "-initrd cannot be used without -kernel");
            return false;
        }
        uint64_t half = cfg->ram_size / 2;
        initrd_start = kernel_entry + (half < (128ull << 20) ? half : 128ull << 20);
        if (initrd_start < kernel_end) {
            initrd_start = align_up(kernel_end, 4096);
        }
        uint64_t entry;
        if (!virt_load_image(m, v, "initrd", cfg->initrd, initrd_start, false, &entry,
                             &initrd_end, err, errlen)) {
            return false;
        }
    }

    /* The device tree: ours, or the user's (-dtb, used as it is). */
    uint8_t *dtb = NULL;
    size_t dtb_len = 0;
    if (cfg->dtb) {
        /* The user's tree, with -append and -initrd written into /chosen as QEMU does. */
        char why[256];
        uint8_t *file;
        size_t file_len;
        if (!host_read_file(cfg->dtb, &file, &file_len, why, sizeof(why))) {
            snprintf(err, errlen, "could not load dtb '%s': %s", cfg->dtb, why);
            return false;
        }
        FdtChosen chosen = {cfg->append, initrd_start, initrd_end};
        int rc = fdt_rewrite_chosen(file, file_len, &chosen, &dtb, &dtb_len);
        free(file);
        if (rc < 0) {
            snprintf(err, errlen, "could not load dtb '%s': %s", cfg->dtb,
                     rc == FDT_ERR_BADARG ? "not a valid flattened device tree (version 17)"
                                          : fdt_strerror(rc));
            return false;
        }
    } else {
        VirtFdtConfig fc = {0};
        fc.ram_base = VIRT_DRAM_BASE;
        fc.ram_size = cfg->ram_size;
        fc.nharts = (uint32_t)m->ncpus;
        fc.isa = virt_isa;
        fc.mmu_type = "riscv,sv57";
        fc.bootargs = cfg->append;
        fc.initrd_start = initrd_start;
        fc.initrd_end = initrd_end;
        int rc = virt_build_fdt(&fc, &dtb, &dtb_len);
        if (rc < 0) {
            snprintf(err, errlen, "could not build the device tree (error %d)", rc);
            return false;
        }
    }
    if (v->dumpdtb[0]) {
        char why[256];
        bool ok = host_write_file(v->dumpdtb, dtb, dtb_len, why, sizeof(why));
        free(dtb);
        if (!ok) {
            snprintf(err, errlen, "could not write dtb '%s': %s", v->dumpdtb, why);
            return false;
        }
        m->exit_after_init = true; /* QEMU exits after dumpdtb */
        return true;
    }
    uint64_t fdt_top = ram_end < VIRT_DRAM_BASE + (3ull << 30) ? ram_end
                                                               : VIRT_DRAM_BASE + (3ull << 30);
    /* Leave room after the tree: firmware may grow it (e.g. add /memreserve/ entries). */
    uint64_t fdt_addr = (fdt_top - dtb_len - 0x1000) & ~((2ull << 20) - 1);
    if (dtb_len > cfg->ram_size || fdt_addr < VIRT_DRAM_BASE ||
        !as_write_bulk(&m->as, fdt_addr, dtb, dtb_len)) {
        free(dtb);
        snprintf(err, errlen, "not enough guest RAM for the device tree");
        return false;
    }
    v->images[v->nimages].data = dtb;
    v->images[v->nimages].len = dtb_len;
    v->images[v->nimages].addr = fdt_addr;
    v->images[v->nimages].elf = false;
    v->nimages++;

    v->rom_image = calloc(1, 128);
    if (!v->rom_image) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    v->rom_len = build_boot_rom(v->rom_image, start, fdt_addr, kernel_entry);
    as_write_bulk(&m->as, VIRT_MROM_BASE, v->rom_image, v->rom_len);
    return true;
}

/* -M virt,prop=value,...: the properties this board has. */
static bool virt_parse_props(RiscvVirt *v, const char *props, char *err, size_t errlen)
{
    while (props && *props) {
        size_t n = strcspn(props, ",");
        const char *eq = memchr(props, '=', n);
        size_t klen = eq ? (size_t)(eq - props) : n;
        if (klen == 7 && strncmp(props, "dumpdtb", 7) == 0 && eq) {
            size_t vlen = n - klen - 1;
            if (vlen == 0 || vlen >= sizeof(v->dumpdtb)) {
                snprintf(err, errlen, "-machine dumpdtb: a file name is required");
                return false;
            }
            memcpy(v->dumpdtb, eq + 1, vlen);
            v->dumpdtb[vlen] = 0;
        } else {
            snprintf(err, errlen, "Property 'virt-machine.%.*s' not found", (int)klen, props);
            return false;
        }
        props += n;
        if (*props == ',') {
            props++;
        }
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
    if (!virt_parse_props(v, cfg->machine_opts, err, errlen)) {
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
    uart16550_init(&v->uart, m, "serial0", 0, cfg->serial && strcmp(cfg->serial, "none") == 0);
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
    device_add(m, &v->loader, &virt_loader_ops, "boot");
    m->poll = virt_poll;
    if (!virt_create_virtio(m, v, err, errlen)) {
        return false;
    }

    return virt_load_boot_images(m, v, err, errlen);
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
