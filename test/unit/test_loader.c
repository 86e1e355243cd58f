/*
 * test/unit/test_loader.c — hw/loader.c on ELF images built in memory: valid files,
 * and every kind of bad one (truncated, wrong class/machine/type, segments outside RAM,
 * overflowing fields).  A bad file must fail with a message and leave RAM untouched.
 */
#include <string.h>

#include "hw/loader.h"
#include "test.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE 0x10000ull

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)v);
    put16(p + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

typedef struct Seg {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
} Seg;

/*
 * An ELF64 LE RISC-V executable: header at 0, nseg program headers at 64, segment data
 * from 0x200 (the caller fills it).  Returns the buffer size used.
 */
static size_t make_elf(uint8_t *buf, size_t cap, const Seg *segs, int nseg, uint64_t entry)
{
    memset(buf, 0, cap);
    memcpy(buf, "\x7f" "ELF", 4);
    buf[4] = 2; /* ELFCLASS64 */
    buf[5] = 1; /* little-endian */
    buf[6] = 1; /* EV_CURRENT */
    put16(buf + 16, 2);   /* ET_EXEC */
    put16(buf + 18, 243); /* EM_RISCV */
    put32(buf + 20, 1);
    put64(buf + 24, entry);
    put64(buf + 32, 64); /* e_phoff */
    put16(buf + 52, 64); /* e_ehsize */
    put16(buf + 54, 56); /* e_phentsize */
    put16(buf + 56, (uint16_t)nseg);
    for (int i = 0; i < nseg; i++) {
        uint8_t *ph = buf + 64 + 56 * i;
        put32(ph, segs[i].type);
        put32(ph + 4, 7);
        put64(ph + 8, segs[i].offset);
        put64(ph + 16, segs[i].paddr + 0x1000); /* vaddr differs: p_paddr must be used */
        put64(ph + 24, segs[i].paddr);
        put64(ph + 32, segs[i].filesz);
        put64(ph + 40, segs[i].memsz);
    }
    return 0x400 <= cap ? 0x400 : cap;
}

static AddressSpace as;
static uint8_t elf[0x400];

static void setup(void)
{
    as_destroy(&as);
    as_init(&as);
    as_add_ram(&as, RAM_BASE, RAM_SIZE, "ram");
    memset(as_ram_ptr(&as, RAM_BASE, RAM_SIZE), 0xaa, RAM_SIZE);
}

static bool ram_untouched(void)
{
    const uint8_t *p = as_find(&as, RAM_BASE)->ram; /* all of it, also under holes */
    for (uint64_t i = 0; i < RAM_SIZE; i++) {
        if (p[i] != 0xaa) {
            return false;
        }
    }
    return true;
}

/* Load and expect failure with a message containing `want`, RAM untouched. */
static bool fails_with(const uint8_t *data, size_t len, const char *want)
{
    char err[256] = "";
    uint64_t entry = 0;
    bool ok = load_elf(&as, data, len, ELF_MACHINE_RISCV, &entry, NULL, NULL, err,
                       sizeof(err));
    if (ok || !strstr(err, want) || !ram_untouched()) {
        fprintf(stderr, "  expected failure with '%s', got %s '%s'\n", want,
                ok ? "success" : "failure", err);
        return false;
    }
    return true;
}

static const Seg two_segs[] = {
    {1, 0x200, RAM_BASE, 0x10, 0x10},          /* text */
    {1, 0x210, RAM_BASE + 0x100, 0x8, 0x20},   /* data + bss */
    {4, 0x0, 0, 0x100, 0x100},                 /* PT_NOTE: ignored */
};

TEST(valid)
{
    setup();
    size_t len = make_elf(elf, sizeof(elf), two_segs, 3, RAM_BASE + 4);
    for (int i = 0; i < 0x18; i++) {
        elf[0x200 + i] = (uint8_t)(i + 1);
    }
    char err[256] = "";
    uint64_t entry = 0, lo = 0, hi = 0;
    CHECK(is_elf(elf, len));
    CHECK(load_elf(&as, elf, len, ELF_MACHINE_RISCV, &entry, &lo, &hi, err, sizeof(err)));
    CHECK_EQ_U64(entry, RAM_BASE + 4);
    CHECK_EQ_U64(lo, RAM_BASE);
    CHECK_EQ_U64(hi, RAM_BASE + 0x120);
    const uint8_t *ram = as_ram_ptr(&as, RAM_BASE, RAM_SIZE);
    CHECK_EQ_U64(ram[0], 1);
    CHECK_EQ_U64(ram[0xf], 0x10);
    CHECK_EQ_U64(ram[0x10], 0xaa); /* between segments: untouched */
    CHECK_EQ_U64(ram[0x100], 0x11);
    CHECK_EQ_U64(ram[0x107], 0x18);
    CHECK_EQ_U64(ram[0x108], 0); /* bss zero-filled */
    CHECK_EQ_U64(ram[0x11f], 0);
    CHECK_EQ_U64(ram[0x120], 0xaa);
}

TEST(is_elf_magic)
{
    CHECK(!is_elf((const uint8_t *)"\x7f" "EL", 3));
    CHECK(!is_elf((const uint8_t *)"#!/bin/sh", 9));
    CHECK(is_elf((const uint8_t *)"\x7f" "ELF", 4));
}

TEST(not_elf)
{
    setup();
    CHECK(fails_with((const uint8_t *)"hello world", 11, "not an ELF file"));
    CHECK(fails_with((const uint8_t *)"", 0, "not an ELF file"));
}

TEST(truncated_header)
{
    setup();
    size_t len = make_elf(elf, sizeof(elf), two_segs, 2, RAM_BASE);
    (void)len;
    for (size_t n = 4; n < 64; n += 7) {
        CHECK(fails_with(elf, n, "truncated ELF header"));
    }
}

TEST(truncated_everywhere)
{
    /* Every prefix of a valid file fails cleanly (or succeeds only when complete). */
    setup();
    size_t len = make_elf(elf, sizeof(elf), two_segs, 2, RAM_BASE);
    size_t full = 0x218;
    (void)len;
    for (size_t n = 0; n < full; n++) {
        char err[256] = "";
        uint64_t entry;
        CHECK(!load_elf(&as, elf, n, ELF_MACHINE_RISCV, &entry, NULL, NULL, err,
                        sizeof(err)));
        CHECK(err[0] != '\0');
    }
    CHECK(ram_untouched());
    CHECK(fails_with(elf, 64 + 56, "program headers extend past the end"));
    CHECK(fails_with(elf, 0x208, "segment 0 extends past the end"));
}

TEST(wrong_class_and_endianness)
{
    setup();
    make_elf(elf, sizeof(elf), two_segs, 2, RAM_BASE);
    elf[4] = 1;
    CHECK(fails_with(elf, sizeof(elf), "32-bit ELF"));
    elf[4] = 7;
    CHECK(fails_with(elf, sizeof(elf), "invalid ELF class 7"));
    elf[4] = 2;
    elf[5] = 2;
    CHECK(fails_with(elf, sizeof(elf), "big-endian"));
}

TEST(wrong_machine)
{
    setup();
    make_elf(elf, sizeof(elf), two_segs, 2, RAM_BASE);
    put16(elf + 18, ELF_MACHINE_X86_64);
    CHECK(fails_with(elf, sizeof(elf), "ELF is for x86-64, not RISC-V"));
    put16(elf + 18, 0x1234);
    CHECK(fails_with(elf, sizeof(elf), "ELF is for machine 4660, not RISC-V"));
    /* The same file loads for the machine it is for. */
    put16(elf + 18, ELF_MACHINE_AARCH64);
    char err[256];
    uint64_t entry;
    CHECK(load_elf(&as, elf, sizeof(elf), ELF_MACHINE_AARCH64, &entry, NULL, NULL, err,
                   sizeof(err)));
}

TEST(wrong_type)
{
    setup();
    make_elf(elf, sizeof(elf), two_segs, 2, RAM_BASE);
    put16(elf + 16, 1);
    CHECK(fails_with(elf, sizeof(elf), "relocatable object"));
    put16(elf + 16, 4);
    CHECK(fails_with(elf, sizeof(elf), "core dump"));
    put16(elf + 16, 3); /* ET_DYN (PIE kernels, e.g. Linux Image as ELF) loads */
    char err[256];
    uint64_t entry;
    CHECK(load_elf(&as, elf, sizeof(elf), ELF_MACHINE_RISCV, &entry, NULL, NULL, err,
                   sizeof(err)));
}

TEST(bad_program_headers)
{
    setup();
    make_elf(elf, sizeof(elf), two_segs, 2, RAM_BASE);
    put16(elf + 56, 0);
    CHECK(fails_with(elf, sizeof(elf), "no program headers"));
    put16(elf + 56, 0xffff);
    CHECK(fails_with(elf, sizeof(elf), "too many program headers"));
    put16(elf + 56, 2);
    put16(elf + 54, 32);
    CHECK(fails_with(elf, sizeof(elf), "invalid ELF program header size"));
    put16(elf + 54, 56);
    put64(elf + 32, UINT64_MAX - 8); /* e_phoff overflows */
    CHECK(fails_with(elf, sizeof(elf), "program headers extend past the end"));
    put64(elf + 32, sizeof(elf) - 56); /* second header would be past the end */
    CHECK(fails_with(elf, sizeof(elf), "program headers extend past the end"));
}

TEST(no_loadable_segments)
{
    setup();
    const Seg notes[] = {{4, 0x200, RAM_BASE, 0x10, 0x10}, {1, 0x200, RAM_BASE, 0, 0}};
    make_elf(elf, sizeof(elf), notes, 2, RAM_BASE);
    CHECK(fails_with(elf, sizeof(elf), "no loadable segments"));
}

TEST(segment_checks)
{
    setup();
    Seg s[2] = {two_segs[0], two_segs[1]};

    s[1].paddr = RAM_BASE + RAM_SIZE; /* just past the end of RAM */
    make_elf(elf, sizeof(elf), s, 2, RAM_BASE);
    CHECK(fails_with(elf, sizeof(elf), "segment 1 at 0x80010000-0x8001001f is outside guest RAM"));

    s[1].paddr = 0x1000; /* nothing there */
    make_elf(elf, sizeof(elf), s, 2, RAM_BASE);
    CHECK(fails_with(elf, sizeof(elf), "outside guest RAM"));

    s[1] = two_segs[1];
    s[1].filesz = 0x30; /* filesz > memsz */
    make_elf(elf, sizeof(elf), s, 2, RAM_BASE);
    CHECK(fails_with(elf, sizeof(elf), "file size larger than its memory size"));

    s[1] = two_segs[1];
    s[1].offset = UINT64_MAX - 4; /* offset + filesz overflows */
    make_elf(elf, sizeof(elf), s, 2, RAM_BASE);
    CHECK(fails_with(elf, sizeof(elf), "segment 1 extends past the end"));

    s[1] = two_segs[1];
    s[1].filesz = 0;
    s[1].paddr = UINT64_MAX - 0x10; /* paddr + memsz wraps */
    make_elf(elf, sizeof(elf), s, 2, RAM_BASE);
    CHECK(fails_with(elf, sizeof(elf), "wraps around"));

    s[1] = two_segs[1];
    s[1].memsz = UINT64_MAX; /* huge bss */
    make_elf(elf, sizeof(elf), s, 2, RAM_BASE);
    CHECK(fails_with(elf, sizeof(elf), "segment 1"));
}

TEST(partly_outside_ram)
{
    /* As QEMU: the parts of a segment outside RAM are skipped (GNU ld -Ttext=0x80000000
     * puts the ELF headers in a segment that starts a page below RAM). */
    setup();
    const Seg s[] = {
        {1, 0x200, RAM_BASE - 0x8, 0x10, 0x10},            /* 8 bytes below RAM */
        {1, 0x210, RAM_BASE + RAM_SIZE - 0x4, 0x8, 0x20},  /* runs past the end */
    };
    make_elf(elf, sizeof(elf), s, 2, RAM_BASE);
    for (int i = 0; i < 0x18; i++) {
        elf[0x200 + i] = (uint8_t)(i + 1);
    }
    char err[256] = "";
    uint64_t entry = 0, lo = 0, hi = 0;
    CHECK(load_elf(&as, elf, sizeof(elf), ELF_MACHINE_RISCV, &entry, &lo, &hi, err,
                   sizeof(err)));
    const uint8_t *ram = as_ram_ptr(&as, RAM_BASE, RAM_SIZE);
    CHECK_EQ_U64(ram[0], 9);
    CHECK_EQ_U64(ram[7], 0x10);
    CHECK_EQ_U64(ram[8], 0xaa);
    CHECK_EQ_U64(ram[RAM_SIZE - 4], 0x11);
    CHECK_EQ_U64(ram[RAM_SIZE - 1], 0x14);
    CHECK_EQ_U64(lo, RAM_BASE);
    CHECK_EQ_U64(hi, RAM_BASE + RAM_SIZE);

    /* A segment spanning two regions (ROM then RAM) lands in both. */
    setup();
    as_add_rom(&as, RAM_BASE - 0x1000, 0x1000, "rom");
    CHECK(load_elf(&as, elf, sizeof(elf), ELF_MACHINE_RISCV, &entry, &lo, &hi, err,
                   sizeof(err)));
    CHECK_EQ_U64(as_ram_ptr(&as, RAM_BASE - 8, 1)[0], 1);
    CHECK_EQ_U64(as_ram_ptr(&as, RAM_BASE, 1)[0], 9);
    CHECK_EQ_U64(lo, RAM_BASE - 8);
}

/* A device window punched into RAM (higher priority): the segment fills the RAM around
 * it, the hidden RAM under it stays as it was, and a segment wholly in the window is
 * outside RAM. */
static uint64_t no_read(void *opaque, uint64_t off, unsigned size)
{
    (void)opaque, (void)off, (void)size;
    return 0;
}

static void no_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
    (void)opaque, (void)off, (void)val, (void)size;
}

static const MemoryOps no_ops = {no_read, no_write};

TEST(ram_with_device_hole)
{
    setup();
    MemRegion *ram = as_find(&as, RAM_BASE);
    MemRegion *dev = as_new_mmio(&as, 0x10, &no_ops, NULL, "dev");
    CHECK(as_map(&as, dev, RAM_BASE + 0x108, 1, 0));
    const Seg s[] = {{1, 0x200, RAM_BASE + 0x100, 0x20, 0x30}};
    make_elf(elf, sizeof(elf), s, 1, RAM_BASE);
    for (int i = 0; i < 0x20; i++) {
        elf[0x200 + i] = (uint8_t)(i + 1);
    }
    char err[256] = "";
    uint64_t entry = 0, lo = 0, hi = 0;
    CHECK(load_elf(&as, elf, sizeof(elf), ELF_MACHINE_RISCV, &entry, &lo, &hi, err,
                   sizeof(err)));
    CHECK_EQ_U64(ram->ram[0x100], 1);
    CHECK_EQ_U64(ram->ram[0x107], 8);
    CHECK_EQ_U64(ram->ram[0x108], 0xaa); /* hidden by the device */
    CHECK_EQ_U64(ram->ram[0x117], 0xaa);
    CHECK_EQ_U64(ram->ram[0x118], 0x19);
    CHECK_EQ_U64(ram->ram[0x11f], 0x20);
    CHECK_EQ_U64(ram->ram[0x120], 0); /* bss */
    CHECK_EQ_U64(ram->ram[0x12f], 0);
    CHECK_EQ_U64(ram->ram[0x130], 0xaa);
    CHECK_EQ_U64(lo, RAM_BASE + 0x100);
    CHECK_EQ_U64(hi, RAM_BASE + 0x130);

    setup();
    dev = as_new_mmio(&as, 0x1000, &no_ops, NULL, "dev");
    CHECK(as_map(&as, dev, RAM_BASE + 0x1000, 1, 0));
    const Seg inside[] = {{1, 0x200, RAM_BASE + 0x1100, 0x20, 0x20}};
    make_elf(elf, sizeof(elf), inside, 1, RAM_BASE);
    CHECK(!load_elf(&as, elf, sizeof(elf), ELF_MACHINE_RISCV, &entry, &lo, &hi, err,
                    sizeof(err)));
    CHECK(strstr(err, "outside guest RAM") != NULL);
    CHECK(ram_untouched());
}

TEST(small_err_buffer)
{
    setup();
    char err[8];
    uint64_t entry;
    CHECK(!load_elf(&as, (const uint8_t *)"nope", 4, ELF_MACHINE_RISCV, &entry, NULL, NULL,
                    err, sizeof(err)));
    CHECK(strlen(err) == 7);
    CHECK(!load_elf(&as, (const uint8_t *)"nope", 4, ELF_MACHINE_RISCV, &entry, NULL, NULL,
                    NULL, 0));
}

int main(void)
{
    as_init(&as);
    RUN(valid);
    RUN(is_elf_magic);
    RUN(not_elf);
    RUN(truncated_header);
    RUN(truncated_everywhere);
    RUN(wrong_class_and_endianness);
    RUN(wrong_machine);
    RUN(wrong_type);
    RUN(bad_program_headers);
    RUN(no_loadable_segments);
    RUN(segment_checks);
    RUN(partly_outside_ram);
    RUN(ram_with_device_hole);
    RUN(small_err_buffer);
    as_destroy(&as);
    return test_summary();
}
