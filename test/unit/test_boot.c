/*
 * test/unit/test_boot.c — hw/boot.c: where firmware, kernels (ELF, riscv and arm64 Linux
 * Images, raw files), initrd and device tree go; -dtb, dumpdtb; reload at reset.  Each test
 * builds a bare machine (an address space with RAM, a MachineConfig) and real files in a
 * temporary directory.  The -M property parser is in test_boot_props.c.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/host.h"
#include "hw/boot.h"
#include "hw/fdt.h"
#include "test.h"

#define MiB (1ull << 20)
#define RAM_BASE 0x80000000ull

typedef struct Rig {
    Machine m;
    MachineConfig cfg;
    Boot boot;
    BootLayout l;
    BootInfo info;
    char err[512];
} Rig;

static char tmpdir[64];

static Rig *rig_new(uint64_t ram_base, uint64_t ram_size, LinuxImageArch image)
{
    Rig *r = calloc(1, sizeof(*r));
    as_init(&r->m.as);
    r->m.cfg = &r->cfg;
    r->cfg.ram_size = ram_size;
    r->cfg.bios = "none";
    if (!as_add_ram(&r->m.as, ram_base, ram_size, "ram")) {
        fprintf(stderr, "cannot allocate test RAM\n");
        exit(2);
    }
    r->l = (BootLayout){
        .elf_machine = ELF_MACHINE_RISCV,
        .image = image,
        .ram_base = ram_base,
        .ram_size = ram_size,
        .firmware = "fw.bin",
        .kernel_align = 2 * MiB,
        .initrd_base = image == LINUX_IMAGE_ARM64 ? BOOT_INITRD_FROM_RAM : BOOT_INITRD_FROM_KERNEL,
        .initrd_max_offset = 128 * MiB,
        .fdt_window = 3ull << 30,
        .fdt_align = 2 * MiB,
        .fdt_headroom = 0x1000,
    };
    boot_init(&r->boot, &r->m, ELF_MACHINE_RISCV);
    return r;
}

static void rig_free(Rig *r)
{
    machine_destroy_devices(&r->m);
    as_destroy(&r->m.as);
    free(r);
}

/* A file in the temporary directory with `len` bytes of data (or a pattern if NULL). */
static const char *make_file(const char *name, const void *data, size_t len)
{
    static char paths[16][128];
    static int next;
    char *p = paths[next++ % 16];
    snprintf(p, 128, "%s/%s", tmpdir, name);
    uint8_t *buf = malloc(len ? len : 1);
    for (size_t i = 0; i < len; i++) {
        buf[i] = data ? ((const uint8_t *)data)[i] : (uint8_t)(i * 7 + 1);
    }
    char why[128];
    if (!host_write_file(p, buf, len, why, sizeof(why))) {
        fprintf(stderr, "cannot write %s: %s\n", p, why);
        exit(2);
    }
    free(buf);
    return p;
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

/* A riscv Image (header as in boot-image-header.rst, version 0.2) of `len` bytes. */
static const char *riscv_image(const char *name, size_t len, uint64_t text_offset,
                               uint64_t image_size, bool old_magic_only)
{
    uint8_t *buf = calloc(1, len);
    for (size_t i = LINUX_IMAGE_HEADER_SIZE; i < len; i++) {
        buf[i] = (uint8_t)(i ^ 0x5a);
    }
    put64(buf + 8, text_offset);
    put64(buf + 16, image_size);
    buf[32] = 2; /* version 0.2 */
    memcpy(buf + 48, "RISCV\0\0\0", 8);
    if (!old_magic_only) {
        memcpy(buf + 56, "RSC\x05", 4);
    }
    const char *p = make_file(name, buf, len);
    free(buf);
    return p;
}

static uint8_t *arm64_header(size_t len, uint64_t text_offset, uint64_t image_size,
                             uint64_t flags)
{
    uint8_t *buf = calloc(1, len);
    for (size_t i = LINUX_IMAGE_HEADER_SIZE; i < len; i++) {
        buf[i] = (uint8_t)(i * 3);
    }
    put64(buf + 8, text_offset);
    put64(buf + 16, image_size);
    put64(buf + 24, flags);
    memcpy(buf + 56, "ARM\x64", 4);
    return buf;
}

static const char *arm64_image(const char *name, size_t len, uint64_t text_offset,
                               uint64_t image_size, uint64_t flags)
{
    uint8_t *buf = arm64_header(len, text_offset, image_size, flags);
    const char *p = make_file(name, buf, len);
    free(buf);
    return p;
}

/* Does guest memory at addr hold the file's bytes? */
static bool ram_has_file(Rig *r, uint64_t addr, const char *path)
{
    uint8_t *data;
    size_t len;
    char why[128];
    if (!host_read_file(path, &data, &len, why, sizeof(why))) {
        return false;
    }
    const uint8_t *ram = as_ram_ptr(&r->m.as, addr, len);
    bool same = ram && memcmp(ram, data, len) == 0;
    free(data);
    return same;
}

/* ---- Image headers ---- */

TEST(parse_headers)
{
    LinuxImageHeader h;
    uint8_t *a = arm64_header(4096, 0x80000, 0x1234000, 1 | (2 << 1) | 8);
    CHECK(linux_image_parse(LINUX_IMAGE_ARM64, a, 4096, &h));
    CHECK_EQ_U64(h.text_offset, 0x80000);
    CHECK_EQ_U64(h.image_size, 0x1234000);
    CHECK(h.big_endian);
    CHECK_EQ_U64(h.page_kib, 16);
    CHECK(h.place_anywhere);
    CHECK(!linux_image_parse(LINUX_IMAGE_RISCV, a, 4096, &h)); /* not a riscv header */
    CHECK(!linux_image_parse(LINUX_IMAGE_ARM64, a, 63, &h));   /* shorter than a header */
    put64(a + 24, 3 << 1);
    CHECK(linux_image_parse(LINUX_IMAGE_ARM64, a, 4096, &h));
    CHECK(!h.big_endian && !h.place_anywhere);
    CHECK_EQ_U64(h.page_kib, 64);
    a[59] = 0x65; /* "ARM\x65" */
    CHECK(!linux_image_parse(LINUX_IMAGE_ARM64, a, 4096, &h));
    free(a);

    uint8_t rv[64] = {0};
    put64(rv + 8, 0x200000);
    put64(rv + 16, 0x1400000);
    memcpy(rv + 56, "RSC\x05", 4);
    CHECK(linux_image_parse(LINUX_IMAGE_RISCV, rv, 64, &h));
    CHECK_EQ_U64(h.text_offset, 0x200000);
    CHECK_EQ_U64(h.image_size, 0x1400000);
    CHECK(!linux_image_parse(LINUX_IMAGE_ARM64, rv, 64, &h));
    CHECK(!linux_image_parse(LINUX_IMAGE_NONE, rv, 64, &h));
    memset(rv + 56, 0, 4);
    CHECK(!linux_image_parse(LINUX_IMAGE_RISCV, rv, 64, &h));
    memcpy(rv + 48, "RISCV\0\0\0", 8); /* before header version 0.2: only this magic */
    CHECK(linux_image_parse(LINUX_IMAGE_RISCV, rv, 64, &h));
}

/* ---- riscv: firmware at the start of RAM, kernel at the next 2 MiB boundary ---- */

TEST(riscv_image_after_firmware)
{
    Rig *r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    r->cfg.bios = make_file("fw.raw", NULL, 0x12345);
    /* text_offset is ignored (as QEMU does): the slot after the firmware decides */
    const char *k = riscv_image("rv.Image", 0x30000, 0x400000, 0x50000, false);
    CHECK(boot_load_firmware(&r->boot, &r->l, &r->info, r->err, sizeof(r->err)));
    CHECK(r->info.firmware);
    CHECK_EQ_U64(r->info.firmware_entry, RAM_BASE);
    CHECK_EQ_U64(r->info.firmware_end, RAM_BASE + 0x12345);
    CHECK(ram_has_file(r, RAM_BASE, r->cfg.bios));
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel, BOOT_KERNEL_IMAGE);
    CHECK_EQ_U64(r->info.kernel_entry, RAM_BASE + 2 * MiB);
    CHECK_EQ_U64(r->info.kernel_end, RAM_BASE + 2 * MiB + 0x50000); /* image_size: bss too */
    CHECK(ram_has_file(r, RAM_BASE + 2 * MiB, k));
    rig_free(r);

    /* firmware past 2 MiB: the next boundary; a header with only the old magic */
    r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    r->cfg.bios = make_file("fw2.raw", NULL, 2 * MiB + 1);
    k = riscv_image("rv-old.Image", 0x1000, 0x200000, 0, true);
    CHECK(boot_load_firmware(&r->boot, &r->l, &r->info, r->err, sizeof(r->err)));
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel, BOOT_KERNEL_IMAGE);
    CHECK_EQ_U64(r->info.kernel_entry, RAM_BASE + 4 * MiB);
    CHECK_EQ_U64(r->info.kernel_end, RAM_BASE + 4 * MiB + 0x1000); /* no image_size: file */
    rig_free(r);

    /* -bios none: at the start of RAM; a file without a header is raw, in the same place */
    r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    k = make_file("plain.bin", NULL, 5000);
    CHECK(boot_load_firmware(&r->boot, &r->l, &r->info, r->err, sizeof(r->err)));
    CHECK(!r->info.firmware);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel, BOOT_KERNEL_RAW);
    CHECK_EQ_U64(r->info.kernel_entry, RAM_BASE);
    CHECK_EQ_U64(r->info.kernel_end, RAM_BASE + 5000);
    CHECK(ram_has_file(r, RAM_BASE, k));
    rig_free(r);
}

TEST(image_too_large)
{
    Rig *r = rig_new(RAM_BASE, 4 * MiB, LINUX_IMAGE_RISCV);
    r->cfg.bios = make_file("fw3.raw", NULL, 100);
    const char *k = make_file("big.bin", NULL, 2 * MiB + 1);
    CHECK(boot_load_firmware(&r->boot, &r->l, &r->info, r->err, sizeof(r->err)));
    CHECK(!boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    char want[256];
    snprintf(want, sizeof(want), "could not load kernel '%s': image too large for guest RAM", k);
    CHECK(strcmp(r->err, want) == 0);
    /* the file fits, its bss (image_size) does not */
    k = riscv_image("bss.Image", 4096, 0, 3 * MiB, false);
    CHECK(!boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK(strstr(r->err, "image too large for guest RAM") != NULL);
    rig_free(r);
}

/* ---- arm64 Image: text_offset from a 2 MiB base, legacy 0x80000, flags ---- */

TEST(arm64_image_placement)
{
    uint64_t base = 0x40000000ull;
    Rig *r = rig_new(base, 64 * MiB, LINUX_IMAGE_ARM64);
    const char *k = arm64_image("a.Image", 0x9000, 0x10000, 0x300000, 0);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel, BOOT_KERNEL_IMAGE);
    CHECK_EQ_U64(r->info.kernel_entry, base + 0x10000);
    CHECK_EQ_U64(r->info.kernel_end, base + 0x10000 + 0x300000);
    CHECK(ram_has_file(r, base + 0x10000, k));
    rig_free(r);

    /* the board keeps its stub in the first 4 KiB: the next 2 MiB base */
    r = rig_new(base, 64 * MiB, LINUX_IMAGE_ARM64);
    r->l.low_reserved = 4096;
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel_entry, base + 2 * MiB + 0x10000);
    rig_free(r);

    /* image_size 0 (before Linux 3.17): text_offset is not to be trusted, 0x80000 */
    r = rig_new(base, 64 * MiB, LINUX_IMAGE_ARM64);
    k = arm64_image("old.Image", 0x9000, 0x1230000, 0, 0);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel, BOOT_KERNEL_IMAGE);
    CHECK_EQ_U64(r->info.kernel_entry, base + 0x80000);
    CHECK_EQ_U64(r->info.kernel_end, base + 0x80000 + 0x9000);
    rig_free(r);

    /* a bad magic: not an Image; loaded raw where QEMU puts it (base + 0x80000) */
    r = rig_new(base, 64 * MiB, LINUX_IMAGE_ARM64);
    uint8_t *bad = arm64_header(0x9000, 0x10000, 0x300000, 0);
    bad[56] = 'X';
    k = make_file("bad.Image", bad, 0x9000);
    free(bad);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel, BOOT_KERNEL_RAW);
    CHECK_EQ_U64(r->info.kernel_entry, base + 0x80000);
    CHECK_EQ_U64(r->info.kernel_end, base + 0x80000 + 0x9000);
    CHECK(ram_has_file(r, base + 0x80000, k));
    rig_free(r);

    /* big-endian kernels are refused (flags bit 0) */
    r = rig_new(base, 64 * MiB, LINUX_IMAGE_ARM64);
    k = arm64_image("be.Image", 0x9000, 0, 0x300000, 1);
    CHECK(!boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK(strstr(r->err, "big-endian Image") != NULL);
    CHECK(strncmp(r->err, "could not load kernel '", 23) == 0);
    rig_free(r);
}

/* Flags bit 3: with it set the image must lie below 2^48; clear, the lowest base is it. */
TEST(arm64_physical_placement_flag)
{
    uint64_t base = (1ull << 48) - 4 * MiB; /* RAM straddles 2^48 */
    Rig *r = rig_new(base, 16 * MiB, LINUX_IMAGE_ARM64);
    const char *k = arm64_image("hi.Image", 0x4000, 0, 8 * MiB, 8);
    CHECK(!boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK(strstr(r->err, "below 0x1000000000000") != NULL);
    k = arm64_image("hi-low.Image", 0x4000, 0, 8 * MiB, 0);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel_entry, base);
    /* set, but the image fits below 2^48: loaded at the same lowest base */
    rig_free(r);
    r = rig_new(base, 16 * MiB, LINUX_IMAGE_ARM64);
    k = arm64_image("hi-fits.Image", 0x4000, 0, 2 * MiB, 8);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel_entry, base);
    rig_free(r);
}

/* ---- ELF vs raw ---- */

static size_t make_elf(uint8_t *buf, uint16_t machine, uint64_t paddr, uint32_t filesz,
                       uint64_t entry)
{
    memset(buf, 0, 0x200 + filesz);
    memcpy(buf, "\x7f" "ELF", 4);
    buf[4] = 2;
    buf[5] = 1;
    buf[6] = 1;
    buf[16] = 2; /* ET_EXEC */
    buf[18] = (uint8_t)machine;
    buf[19] = (uint8_t)(machine >> 8);
    put64(buf + 24, entry);
    put64(buf + 32, 64);
    buf[54] = 56; /* e_phentsize */
    buf[56] = 1;  /* e_phnum */
    uint8_t *ph = buf + 64;
    ph[0] = 1; /* PT_LOAD */
    put64(ph + 8, 0x200);
    put64(ph + 16, paddr);
    put64(ph + 24, paddr);
    put64(ph + 32, filesz);
    put64(ph + 40, filesz + 0x100); /* bss */
    for (uint32_t i = 0; i < filesz; i++) {
        buf[0x200 + i] = (uint8_t)(0xa0 + i);
    }
    return 0x200 + filesz;
}

TEST(elf_or_raw)
{
    Rig *r = rig_new(RAM_BASE, 16 * MiB, LINUX_IMAGE_RISCV);
    uint8_t elf[0x300];
    size_t n = make_elf(elf, ELF_MACHINE_RISCV, RAM_BASE + 0x345000, 0x40, RAM_BASE + 0x345010);
    const char *k = make_file("k.elf", elf, n);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel, BOOT_KERNEL_ELF);
    CHECK_EQ_U64(r->info.kernel_entry, RAM_BASE + 0x345010);
    CHECK_EQ_U64(r->info.kernel_start, RAM_BASE + 0x345000);
    CHECK_EQ_U64(r->info.kernel_end, RAM_BASE + 0x345140);
    const uint8_t *p = as_ram_ptr(&r->m.as, RAM_BASE + 0x345000, 0x40);
    CHECK(p && p[0] == 0xa0 && p[0x3f] == 0xdf);

    /* an ELF for another machine is refused, not loaded raw */
    n = make_elf(elf, ELF_MACHINE_X86_64, RAM_BASE, 0x40, RAM_BASE);
    k = make_file("x86.elf", elf, n);
    CHECK(!boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    char want[256];
    snprintf(want, sizeof(want), "could not load kernel '%s': ELF is for x86-64, not RISC-V", k);
    CHECK(strcmp(r->err, want) == 0);

    /* "\x7f" "ELG": not ELF, raw */
    elf[3] = 'G';
    k = make_file("notelf.bin", elf, n);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.kernel, BOOT_KERNEL_RAW);
    CHECK_EQ_U64(r->info.kernel_entry, RAM_BASE);

    /* missing and empty files */
    CHECK(!boot_load_kernel(&r->boot, &r->l, "/nonexistent/k", &r->info, r->err,
                            sizeof(r->err)));
    CHECK(strcmp(r->err, "could not load kernel '/nonexistent/k': No such file or directory")
          == 0);
    k = make_file("empty", "", 0);
    CHECK(!boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK(strstr(r->err, "': file is empty") != NULL);
    rig_free(r);
}

/* ---- initrd and device tree below the end of RAM ---- */

TEST(initrd_placement)
{
    /* 64 MiB: half of RAM (32 MiB) above the kernel's entry */
    Rig *r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    const char *k = riscv_image("i.Image", 0x10000, 0, 0, false);
    const char *rd = make_file("initrd", NULL, 0x3000);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK(boot_load_initrd(&r->boot, &r->l, rd, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.initrd_start, RAM_BASE + 32 * MiB);
    CHECK_EQ_U64(r->info.initrd_end, RAM_BASE + 32 * MiB + 0x3000);
    CHECK(ram_has_file(r, RAM_BASE + 32 * MiB, rd));
    rig_free(r);

    /* 512 MiB: 128 MiB at most */
    r = rig_new(RAM_BASE, 512 * MiB, LINUX_IMAGE_RISCV);
    r->cfg.bios = make_file("fwi.raw", NULL, 1000);
    CHECK(boot_load_firmware(&r->boot, &r->l, &r->info, r->err, sizeof(r->err)));
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK(boot_load_initrd(&r->boot, &r->l, rd, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.initrd_start, RAM_BASE + 2 * MiB + 128 * MiB);
    rig_free(r);

    /* a kernel (with its bss) bigger than that: the next page after it */
    r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    k = riscv_image("large.Image", 0x10000, 0, 40 * MiB + 123, false);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK(boot_load_initrd(&r->boot, &r->l, rd, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.initrd_start, RAM_BASE + 40 * MiB + 4096);
    /* an initrd that does not fit below the end of RAM */
    const char *big = make_file("bigrd", NULL, 24 * MiB);
    CHECK(!boot_load_initrd(&r->boot, &r->l, big, &r->info, r->err, sizeof(r->err)));
    CHECK(strstr(r->err, "image too large for guest RAM") != NULL);
    rig_free(r);

    /* arm64 boards count from the start of RAM */
    r = rig_new(0x40000000ull, 128 * MiB, LINUX_IMAGE_ARM64);
    k = arm64_image("ai.Image", 0x9000, 0, 0x300000, 0);
    CHECK(boot_load_kernel(&r->boot, &r->l, k, &r->info, r->err, sizeof(r->err)));
    CHECK(boot_load_initrd(&r->boot, &r->l, rd, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.initrd_start, 0x40000000ull + 64 * MiB);
    rig_free(r);

    /* no kernel */
    r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    CHECK(!boot_load_initrd(&r->boot, &r->l, rd, &r->info, r->err, sizeof(r->err)));
    CHECK(strcmp(r->err, "-initrd cannot be used without -kernel") == 0);
    rig_free(r);
}

TEST(fdt_placement)
{
    Rig *r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    uint8_t *dtb = malloc(0x2345);
    memset(dtb, 0xd7, 0x2345);
    CHECK(boot_place_fdt(&r->boot, &r->l, dtb, 0x2345, &r->info, r->err, sizeof(r->err)));
    /* top of RAM, minus the tree and its headroom, down to 2 MiB */
    CHECK_EQ_U64(r->info.fdt_addr, RAM_BASE + 62 * MiB);
    CHECK_EQ_U64(r->info.fdt_len, 0x2345);
    const uint8_t *p = as_ram_ptr(&r->m.as, r->info.fdt_addr, 0x2345);
    CHECK(p && p[0] == 0xd7 && p[0x2344] == 0xd7);
    rig_free(r);

    /* more RAM than the window: below its top (3 GiB in) */
    r = rig_new(RAM_BASE, 4ull << 30, LINUX_IMAGE_RISCV);
    dtb = calloc(1, 4096);
    CHECK(boot_place_fdt(&r->boot, &r->l, dtb, 4096, &r->info, r->err, sizeof(r->err)));
    CHECK_EQ_U64(r->info.fdt_addr, RAM_BASE + (3ull << 30) - 2 * MiB);
    rig_free(r);

    /* a tree that does not fit */
    r = rig_new(RAM_BASE, 2 * MiB, LINUX_IMAGE_RISCV);
    dtb = calloc(1, 2 * MiB);
    CHECK(!boot_place_fdt(&r->boot, &r->l, dtb, 2 * MiB, &r->info, r->err, sizeof(r->err)));
    CHECK(strcmp(r->err, "not enough guest RAM for the device tree") == 0);
    rig_free(r);
}

/* ---- the whole sequence: firmware lookup, -dtb, dumpdtb ---- */

static int build_tree(void *opaque, Machine *m, const BootInfo *info, uint8_t **dtb,
                      size_t *len)
{
    int *calls = opaque;
    (*calls)++;
    Fdt *f = fdt_new();
    int rc = fdt_begin_node(f, "");
    rc = rc ? rc : fdt_prop_u32(f, "#address-cells", 2);
    rc = rc ? rc : fdt_begin_node(f, "chosen");
    if (!rc && m->cfg->append) {
        rc = fdt_prop_string(f, "bootargs", m->cfg->append);
    }
    if (!rc && info->initrd_start) {
        rc = fdt_prop_u64(f, "linux,initrd-start", info->initrd_start);
    }
    rc = rc ? rc : fdt_end_node(f);
    rc = rc ? rc : fdt_end_node(f);
    rc = rc ? rc : fdt_finish(f, dtb, len);
    fdt_free(f);
    return rc;
}

TEST(default_firmware)
{
    Rig *r = rig_new(RAM_BASE, 16 * MiB, LINUX_IMAGE_RISCV);
    int calls = 0;
    r->cfg.bios = NULL;
    r->cfg.datadir = NULL;
    CHECK(!boot_load(&r->boot, &r->l, build_tree, &calls, NULL, &r->info, r->err,
                     sizeof(r->err)));
    CHECK(strcmp(r->err, "unable to find the default firmware 'fw.bin': use -L DIR or -bios "
                         "FILE") == 0);
    r->cfg.datadir = tmpdir;
    r->l.firmware = "missing.bin";
    CHECK(!boot_load(&r->boot, &r->l, build_tree, &calls, NULL, &r->info, r->err,
                     sizeof(r->err)));
    char want[256];
    snprintf(want, sizeof(want), "could not load firmware '%s/missing.bin': No such file or "
             "directory", tmpdir);
    CHECK(strcmp(r->err, want) == 0);
    make_file("fw.bin", NULL, 3000);
    r->l.firmware = "fw.bin";
    CHECK(boot_load(&r->boot, &r->l, build_tree, &calls, NULL, &r->info, r->err,
                    sizeof(r->err)));
    CHECK(r->info.firmware);
    CHECK_EQ_U64(r->info.start, RAM_BASE);
    CHECK_EQ_U64(r->info.kernel, BOOT_KERNEL_NONE);
    CHECK_EQ_U64(r->info.kernel_entry, RAM_BASE + 2 * MiB); /* what the firmware jumps to */
    CHECK_EQ_U64(calls, 1);
    CHECK_EQ_U64(r->info.fdt_addr, RAM_BASE + 14 * MiB);
    rig_free(r);

    /* -bios none and no kernel: nothing to run */
    r = rig_new(RAM_BASE, 16 * MiB, LINUX_IMAGE_RISCV);
    CHECK(!boot_load(&r->boot, &r->l, build_tree, &calls, NULL, &r->info, r->err,
                     sizeof(r->err)));
    CHECK(strcmp(r->err, "-bios none needs -kernel: there is nothing to run") == 0);
    rig_free(r);
}

/* Find "name" followed by a NUL in the blob (a string in the strings block or a value). */
static bool blob_has(const uint8_t *b, size_t len, const char *s)
{
    size_t n = strlen(s) + 1;
    for (size_t i = 0; i + n <= len; i++) {
        if (memcmp(b + i, s, n) == 0) {
            return true;
        }
    }
    return false;
}

TEST(dumpdtb_and_user_dtb)
{
    Rig *r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    int calls = 0;
    r->cfg.kernel = make_file("dk.bin", NULL, 4096);
    r->cfg.initrd = make_file("drd", NULL, 100);
    r->cfg.append = "console=ttyS0";
    char dump[128];
    snprintf(dump, sizeof(dump), "%s/dump.dtb", tmpdir);
    CHECK(boot_load(&r->boot, &r->l, build_tree, &calls, dump, &r->info, r->err,
                    sizeof(r->err)));
    CHECK(r->info.dumped && r->m.exit_after_init);
    CHECK_EQ_U64(r->info.fdt_addr, 0); /* not loaded */
    uint8_t *d;
    size_t dlen;
    char why[128];
    CHECK(host_read_file(dump, &d, &dlen, why, sizeof(why)));
    CHECK(dlen > 40 && d[0] == 0xd0 && d[1] == 0x0d && d[2] == 0xfe && d[3] == 0xed);
    CHECK(blob_has(d, dlen, "console=ttyS0"));
    rig_free(r);

    /* -dtb: the user's tree, with -append and the initrd in /chosen */
    r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    r->cfg.kernel = make_file("dk2.bin", NULL, 4096);
    r->cfg.initrd = make_file("drd2", NULL, 100);
    r->cfg.append = "root=/dev/vda";
    r->cfg.dtb = dump;
    calls = 0;
    CHECK(boot_load(&r->boot, &r->l, build_tree, &calls, NULL, &r->info, r->err,
                    sizeof(r->err)));
    CHECK_EQ_U64(calls, 0); /* the board's tree is not built */
    CHECK(!r->info.dumped && !r->m.exit_after_init);
    CHECK_EQ_U64(r->info.initrd_start, RAM_BASE + 32 * MiB);
    const uint8_t *t = as_ram_ptr(&r->m.as, r->info.fdt_addr, r->info.fdt_len);
    CHECK(t && blob_has(t, r->info.fdt_len, "root=/dev/vda"));
    CHECK(t && !blob_has(t, r->info.fdt_len, "console=ttyS0"));
    rig_free(r);
    free(d);

    /* a -dtb that is not a tree */
    r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    r->cfg.kernel = make_file("dk3.bin", NULL, 4096);
    r->cfg.dtb = r->cfg.kernel;
    CHECK(!boot_load(&r->boot, &r->l, build_tree, &calls, NULL, &r->info, r->err,
                     sizeof(r->err)));
    char want[256];
    snprintf(want, sizeof(want), "could not load dtb '%s': not a valid flattened device tree "
             "(version 17)", r->cfg.dtb);
    CHECK(strcmp(r->err, want) == 0);
    rig_free(r);
}

/* ---- reset writes every image back ---- */

TEST(reload_at_reset)
{
    Rig *r = rig_new(RAM_BASE, 64 * MiB, LINUX_IMAGE_RISCV);
    as_add_rom(&r->m.as, 0x1000, 0x1000, "rom");
    r->cfg.bios = make_file("rfw.raw", NULL, 0x800);
    uint8_t elf[0x300];
    size_t n = make_elf(elf, ELF_MACHINE_RISCV, RAM_BASE + 4 * MiB, 0x40, RAM_BASE + 4 * MiB);
    r->cfg.kernel = make_file("rk.elf", elf, n);
    r->cfg.initrd = make_file("rrd", NULL, 0x1000);
    int calls = 0;
    CHECK(boot_load(&r->boot, &r->l, build_tree, &calls, NULL, &r->info, r->err,
                    sizeof(r->err)));
    const uint8_t rom[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    CHECK(boot_add_blob(&r->boot, 0x1000, rom, sizeof(rom)));
    CHECK(!boot_add_blob(&r->boot, 0x5000, rom, sizeof(rom))); /* nothing there */

    uint8_t *fw = as_ram_ptr(&r->m.as, RAM_BASE, 0x800);
    uint8_t *k = as_ram_ptr(&r->m.as, RAM_BASE + 4 * MiB, 0x140);
    uint8_t *rd = as_ram_ptr(&r->m.as, r->info.initrd_start, 0x1000);
    uint8_t *dt = as_ram_ptr(&r->m.as, r->info.fdt_addr, r->info.fdt_len);
    uint8_t *rm = as_ram_ptr(&r->m.as, 0x1000, 8);
    uint8_t *other = as_ram_ptr(&r->m.as, RAM_BASE + 8 * MiB, 16);
    CHECK(fw && k && rd && dt && rm && other);
    uint8_t fw0[0x800], k0[0x140], rd0[0x1000], dt0[64];
    memcpy(fw0, fw, sizeof(fw0));
    memcpy(k0, k, sizeof(k0));
    memcpy(rd0, rd, sizeof(rd0));
    memcpy(dt0, dt, sizeof(dt0));
    CHECK(k0[0x100] == 0 && k0[0x13f] == 0); /* the bss */

    /* the guest scribbles over all of it (and over RAM that holds no image) */
    memset(fw, 0xee, 0x800);
    memset(k, 0xee, 0x140);
    memset(rd, 0xee, 0x1000);
    memset(dt, 0xee, 64);
    memset(rm, 0xee, 8);
    memset(other, 0x42, 16);
    machine_reset_devices(&r->m);
    CHECK(memcmp(fw, fw0, sizeof(fw0)) == 0);
    CHECK(memcmp(k, k0, sizeof(k0)) == 0);
    CHECK(memcmp(rd, rd0, sizeof(rd0)) == 0);
    CHECK(memcmp(dt, dt0, sizeof(dt0)) == 0);
    CHECK(memcmp(rm, rom, sizeof(rom)) == 0);
    CHECK(other[0] == 0x42 && other[15] == 0x42); /* as on QEMU: the rest is kept */
    CHECK(strcmp(r->boot.dev.name, "boot") == 0);
    rig_free(r);
}

int main(void)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_boot.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    RUN(parse_headers);
    RUN(riscv_image_after_firmware);
    RUN(image_too_large);
    RUN(arm64_image_placement);
    RUN(arm64_physical_placement_flag);
    RUN(elf_or_raw);
    RUN(initrd_placement);
    RUN(fdt_placement);
    RUN(default_firmware);
    RUN(dumpdtb_and_user_dtb);
    RUN(reload_at_reset);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) {
        fprintf(stderr, "could not remove %s\n", tmpdir);
    }
    return test_summary();
}
