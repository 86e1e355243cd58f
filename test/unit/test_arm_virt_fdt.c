/*
 * test/unit/test_arm_virt_fdt.c — the aarch64 virt device tree (hw/arm/virt_fdt.c).
 *
 * The blobs are read back by a flattener written here (one line per node and property,
 * in blob order), independent of the builder, and checked for the values virt_fdt.h
 * promises.  Two tests use tools: dtc (device-tree-compiler) must decompile our trees
 * without a warning, and the trees must equal QEMU 7.2's (`qemu-system-aarch64 -M
 * virt,dumpdtb=...`, run here; QEMU_SYSTEM_AARCH64 names another binary) line by line in
 * dtc's dts, once the nodes we do not model are cut from QEMU's and the random seeds'
 * values masked in both.  Without dtc or QEMU those tests fail and say what to install
 * (apt-get install device-tree-compiler qemu-system-arm); a QEMU other than 7.2 makes the
 * comparison skip, saying so.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hw/arm/virt.h"
#include "hw/arm/virt_fdt.h"
#include "hw/fdt.h"
#include "test/unit/test.h"

/* ---------------- a DTB flattener ---------------- */

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

typedef struct Text {
    char *s;
    size_t len, cap;
} Text;

static void text_add(Text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_add(Text *t, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0) {
        size_t need = t->len + (size_t)n + 1;
        if (need > t->cap) {
            t->cap = need * 2;
            t->s = realloc(t->s, t->cap);
            if (!t->s) {
                abort();
            }
        }
        vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap2);
        t->len += (size_t)n;
    }
    va_end(ap2);
}

/* A value as text: "a","b" for a list of printable strings, <0x1 0x2> for whole cells,
 * [01 02] for other bytes, nothing for an empty property. */
static void text_value(Text *t, const uint8_t *v, uint32_t n)
{
    bool str = n > 0 && v[n - 1] == 0 && v[0] != 0;
    for (uint32_t i = 0; str && i < n; i++) {
        bool printable = v[i] >= 0x20 && v[i] < 0x7f && v[i] != '"';
        str = printable || (v[i] == 0 && (i + 1 == n || v[i + 1])); /* no empty string */
    }
    if (n == 0) {
        return;
    }
    text_add(t, " = ");
    if (str) {
        for (uint32_t i = 0; i < n; i += (uint32_t)strlen((const char *)v + i) + 1) {
            text_add(t, "%s\"%s\"", i ? "," : "", (const char *)v + i);
        }
    } else if (n % 4 == 0) {
        for (uint32_t i = 0; i < n; i += 4) {
            text_add(t, "%s0x%x", i ? " " : "<", rd32(v + i));
        }
        text_add(t, ">");
    } else {
        for (uint32_t i = 0; i < n; i++) {
            text_add(t, "%s%02x", i ? " " : "[", v[i]);
        }
        text_add(t, "]");
    }
}

/* "PATH {" per node and "PATH:NAME[ = VALUE]" per property, one a line, in blob order.
 * NULL (and a message) if the blob is malformed.  The caller frees the text. */
static char *flatten(const uint8_t *b, size_t len)
{
    if (len < 40 || rd32(b) != FDT_MAGIC || rd32(b + 4) != len || rd32(b + 20) != 17) {
        fprintf(stderr, "  not a version 17 DTB of %zu bytes\n", len);
        return NULL;
    }
    uint32_t st = rd32(b + 8), str = rd32(b + 12), size_str = rd32(b + 32);
    uint32_t size_st = rd32(b + 36);
    if ((uint64_t)st + size_st > len || (uint64_t)str + size_str > len || st % 4) {
        fprintf(stderr, "  DTB blocks outside the blob\n");
        return NULL;
    }
    Text t = {0};
    char path[1024] = "";
    size_t plen[64];
    int depth = 0;
    for (uint32_t o = st; o + 4 <= st + size_st;) {
        uint32_t tok = rd32(b + o);
        o += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *nm = (const char *)b + o;
            const char *z = memchr(nm, 0, st + size_st - o);
            if (!z || depth >= 64) {
                goto bad;
            }
            plen[depth++] = strlen(path);
            size_t l = strlen(path);
            snprintf(path + l, sizeof(path) - l, "%s%s", l > 1 ? "/" : "", depth == 1 ? "/" : nm);
            text_add(&t, "%s {\n", path);
            o += (uint32_t)((size_t)(z - nm) + 1 + 3) & ~3u;
        } else if (tok == FDT_END_NODE) {
            if (depth == 0) {
                goto bad;
            }
            path[plen[--depth]] = '\0';
        } else if (tok == FDT_PROP) {
            if (depth == 0 || o + 8 > st + size_st) {
                goto bad;
            }
            uint32_t n = rd32(b + o), noff = rd32(b + o + 4);
            if (n > st + size_st - o - 8 || noff >= size_str ||
                !memchr(b + str + noff, 0, size_str - noff)) {
                goto bad;
            }
            text_add(&t, "%s:%s", path, (const char *)b + str + noff);
            text_value(&t, b + o + 8, n);
            text_add(&t, "\n");
            o += 8 + ((n + 3) & ~3u);
        } else if (tok == FDT_END) {
            if (depth != 0) {
                goto bad;
            }
            return t.s;
        } else if (tok != FDT_NOP) {
            goto bad;
        }
    }
bad:
    fprintf(stderr, "  malformed structure block\n");
    free(t.s);
    return NULL;
}

/* Is `line` one whole line of the flattened text? */
static bool has_line(const char *text, const char *line)
{
    size_t l = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++) {
        if ((p == text || p[-1] == '\n') && p[l] == '\n') {
            return true;
        }
    }
    return false;
}

/* Does any line start with prefix? */
static bool has_prefix(const char *text, const char *prefix)
{
    for (const char *p = text; (p = strstr(p, prefix)) != NULL; p++) {
        if (p == text || p[-1] == '\n') {
            return true;
        }
    }
    return false;
}

#define CHECK_LINE(text, line)                                                            \
    do {                                                                                  \
        if (!has_line((text), (line))) {                                                  \
            fprintf(stderr, "  %s:%d: no line \"%s\"\n", __FILE__, __LINE__, (line));    \
            test_cur_failed = 1;                                                          \
        }                                                                                 \
    } while (0)

/* The names of parent's direct children, in order, joined by spaces. */
static void node_order(const char *text, const char *parent, char *out, size_t cap)
{
    size_t pl = strlen(parent);
    out[0] = '\0';
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t ll = e ? (size_t)(e - p) : strlen(p);
        if (ll > 2 && memcmp(p + ll - 2, " {", 2) == 0 && ll - 2 > pl &&
            memcmp(p, parent, pl) == 0) {
            const char *name = p + pl + (pl > 1 ? 1 : 0);
            size_t nl = (size_t)(p + ll - 2 - name);
            if ((pl == 1 || p[pl] == '/') && !memchr(name, '/', nl)) {
                size_t ol = strlen(out);
                snprintf(out + ol, cap - ol, "%s%.*s", ol ? " " : "", (int)nl, name);
            }
        }
        p += ll + (e ? 1 : 0);
    }
}

/* ---------------- configurations ---------------- */

static const uint8_t SEED[ARM_VIRT_RNG_SEED_LEN] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

static ArmVirtFdtConfig cfg(int ncpus, uint64_t ram_size)
{
    return (ArmVirtFdtConfig){
        .ram_base = ARM_VIRT_MEM_BASE,
        .ram_size = ram_size,
        .ncpus = ncpus,
        .cpu_compatible = "arm,cortex-a57",
    };
}

/* Build and flatten; NULL (and a failed check) on any error. */
static char *build_text(const ArmVirtFdtConfig *c, uint8_t **blob, size_t *blen)
{
    uint8_t *b = NULL;
    size_t len = 0;
    int err = arm_virt_build_fdt(c, &b, &len);
    if (err != 0) {
        fprintf(stderr, "  arm_virt_build_fdt: %s\n", fdt_strerror(err));
        test_cur_failed = 1;
        return NULL;
    }
    char *t = flatten(b, len);
    if (!t) {
        test_cur_failed = 1;
    }
    if (blob) {
        *blob = b;
        *blen = len;
    } else {
        free(b);
    }
    return t;
}

/* ---------------- structure and values ---------------- */

TEST(two_cpus)
{
    ArmVirtFdtConfig c = cfg(2, 512ull << 20);
    c.bootargs = "console=ttyAMA0";
    c.initrd_start = 0x48000000;
    c.initrd_end = 0x480003e8;
    c.rng_seed = SEED;
    c.rng_seed_len = sizeof(SEED);
    c.has_kaslr_seed = true;
    c.kaslr_seed = 0x0123456789abcdefull;
    uint8_t *b;
    size_t len;
    char *t = build_text(&c, &b, &len);
    if (!t) {
        return;
    }
    CHECK_EQ_U64(rd32(b + 28), 0); /* boot_cpuid_phys */
    free(b);

    char order[4096];
    node_order(t, "/", order, sizeof(order));
    char expect[4096] = "psci memory@40000000";
    for (int i = 0; i < ARM_VIRT_MMIO_COUNT; i++) {
        size_t l = strlen(expect);
        snprintf(expect + l, sizeof(expect) - l, " virtio_mmio@%x", 0xa000000 + 0x200 * i);
    }
    strcat(expect, " pl031@9010000 pl011@9000000 intc@8000000 cpus timer apb-pclk chosen");
    CHECK(strcmp(order, expect) == 0);
    if (strcmp(order, expect) != 0) {
        fprintf(stderr, "  root's children: %s\n", order);
    }
    node_order(t, "/cpus", order, sizeof(order));
    CHECK(strcmp(order, "cpu-map cpu@0 cpu@1") == 0);
    node_order(t, "/cpus/cpu-map/socket0/cluster0", order, sizeof(order));
    CHECK(strcmp(order, "core0 core1") == 0);

    /* phandles: the clock 0x8000, cpu@1 0x8001, cpu@0 0x8002, the GIC 0x8003 */
    CHECK_LINE(t, "/:interrupt-parent = <0x8003>");
    CHECK_LINE(t, "/:model = \"linux,dummy-virt\"");
    CHECK_LINE(t, "/:compatible = \"linux,dummy-virt\"");
    CHECK_LINE(t, "/:#address-cells = <0x2>");
    CHECK_LINE(t, "/:#size-cells = <0x2>");
    CHECK_LINE(t, "/psci:compatible = \"arm,psci-1.0\",\"arm,psci-0.2\",\"arm,psci\"");
    CHECK_LINE(t, "/psci:method = \"hvc\"");
    CHECK_LINE(t, "/psci:cpu_suspend = <0xc4000001>");
    CHECK_LINE(t, "/psci:cpu_off = <0x84000002>");
    CHECK_LINE(t, "/psci:cpu_on = <0xc4000003>");
    CHECK_LINE(t, "/psci:migrate = <0xc4000005>");
    CHECK_LINE(t, "/memory@40000000:reg = <0x0 0x40000000 0x0 0x20000000>");
    CHECK_LINE(t, "/memory@40000000:device_type = \"memory\"");
    CHECK_LINE(t, "/virtio_mmio@a000000:interrupts = <0x0 0x10 0x1>");
    CHECK_LINE(t, "/virtio_mmio@a000000:reg = <0x0 0xa000000 0x0 0x200>");
    CHECK_LINE(t, "/virtio_mmio@a000000:dma-coherent");
    CHECK_LINE(t, "/virtio_mmio@a003e00:interrupts = <0x0 0x2f 0x1>");
    CHECK_LINE(t, "/virtio_mmio@a003e00:compatible = \"virtio,mmio\"");
    CHECK_LINE(t, "/pl031@9010000:compatible = \"arm,pl031\",\"arm,primecell\"");
    CHECK_LINE(t, "/pl031@9010000:interrupts = <0x0 0x2 0x4>");
    CHECK_LINE(t, "/pl031@9010000:clocks = <0x8000>");
    CHECK_LINE(t, "/pl031@9010000:clock-names = \"apb_pclk\"");
    CHECK_LINE(t, "/pl011@9000000:compatible = \"arm,pl011\",\"arm,primecell\"");
    CHECK_LINE(t, "/pl011@9000000:reg = <0x0 0x9000000 0x0 0x1000>");
    CHECK_LINE(t, "/pl011@9000000:interrupts = <0x0 0x1 0x4>");
    CHECK_LINE(t, "/pl011@9000000:clocks = <0x8000 0x8000>");
    CHECK_LINE(t, "/pl011@9000000:clock-names = \"uartclk\",\"apb_pclk\"");
    CHECK_LINE(t, "/intc@8000000:phandle = <0x8003>");
    CHECK_LINE(t, "/intc@8000000:reg = <0x0 0x8000000 0x0 0x10000 0x0 0x8010000 0x0 0x10000>");
    CHECK_LINE(t, "/intc@8000000:compatible = \"arm,cortex-a15-gic\"");
    CHECK_LINE(t, "/intc@8000000:interrupt-controller");
    CHECK_LINE(t, "/intc@8000000:#interrupt-cells = <0x3>");
    CHECK(!has_prefix(t, "/intc@8000000/")); /* no v2m frame */
    CHECK_LINE(t, "/cpus:#address-cells = <0x1>");
    CHECK_LINE(t, "/cpus:#size-cells = <0x0>");
    CHECK_LINE(t, "/cpus/cpu-map/socket0/cluster0/core0:cpu = <0x8002>");
    CHECK_LINE(t, "/cpus/cpu-map/socket0/cluster0/core1:cpu = <0x8001>");
    CHECK_LINE(t, "/cpus/cpu@0:phandle = <0x8002>");
    CHECK_LINE(t, "/cpus/cpu@0:reg = <0x0>");
    CHECK_LINE(t, "/cpus/cpu@1:phandle = <0x8001>");
    CHECK_LINE(t, "/cpus/cpu@1:reg = <0x1>");
    CHECK_LINE(t, "/cpus/cpu@1:enable-method = \"psci\"");
    CHECK_LINE(t, "/cpus/cpu@1:compatible = \"arm,cortex-a57\"");
    CHECK_LINE(t, "/cpus/cpu@1:device_type = \"cpu\"");
    CHECK_LINE(t, "/timer:interrupts = <0x1 0xd 0x304 0x1 0xe 0x304 0x1 0xb 0x304 0x1 0xa 0x304>");
    CHECK_LINE(t, "/timer:always-on");
    CHECK_LINE(t, "/timer:compatible = \"arm,armv8-timer\",\"arm,armv7-timer\"");
    CHECK_LINE(t, "/apb-pclk:phandle = <0x8000>");
    CHECK_LINE(t, "/apb-pclk:clock-frequency = <0x16e3600>");
    CHECK_LINE(t, "/apb-pclk:clock-output-names = \"clk24mhz\"");
    CHECK_LINE(t, "/apb-pclk:#clock-cells = <0x0>");
    CHECK_LINE(t, "/apb-pclk:compatible = \"fixed-clock\"");
    CHECK_LINE(t, "/chosen:bootargs = \"console=ttyAMA0\"");
    CHECK_LINE(t, "/chosen:stdout-path = \"/pl011@9000000\"");
    CHECK_LINE(t, "/chosen:linux,initrd-start = <0x48000000>");
    CHECK_LINE(t, "/chosen:linux,initrd-end = <0x480003e8>");
    CHECK_LINE(t, "/chosen:rng-seed = <0x10203 0x4050607 0x8090a0b 0xc0d0e0f 0x10111213 "
                  "0x14151617 0x18191a1b 0x1c1d1e1f>");
    CHECK_LINE(t, "/chosen:kaslr-seed = <0x1234567 0x89abcdef>");
    free(t);
}

TEST(cpu_counts_and_affinity)
{
    /* one CPU: no enable-method, the timer's PPIs go to CPU 0 only */
    ArmVirtFdtConfig c = cfg(1, 256ull << 20);
    char *t = build_text(&c, NULL, NULL);
    if (t) {
        CHECK(!has_prefix(t, "/cpus/cpu@0:enable-method"));
        CHECK_LINE(t, "/cpus/cpu@0:phandle = <0x8001>");
        CHECK_LINE(t, "/intc@8000000:phandle = <0x8002>");
        CHECK_LINE(t, "/:interrupt-parent = <0x8002>");
        CHECK_LINE(t, "/timer:interrupts = <0x1 0xd 0x104 0x1 0xe 0x104 0x1 0xb 0x104 0x1 0xa "
                      "0x104>");
        CHECK_LINE(t, "/memory@40000000:reg = <0x0 0x40000000 0x0 0x10000000>");
        free(t);
    }
    /* eight cortex-a53s, 3 GiB (the end of RAM above 4 GiB) */
    c = cfg(8, 3ull << 30);
    c.cpu_compatible = arm_virt_cpu_compatible("cortex-a53");
    t = build_text(&c, NULL, NULL);
    if (t) {
        CHECK_LINE(t, "/cpus/cpu@7:reg = <0x7>");
        CHECK_LINE(t, "/cpus/cpu@7:phandle = <0x8001>");
        CHECK_LINE(t, "/cpus/cpu@0:phandle = <0x8008>");
        CHECK_LINE(t, "/cpus/cpu-map/socket0/cluster0/core7:cpu = <0x8001>");
        CHECK_LINE(t, "/cpus/cpu@3:compatible = \"arm,cortex-a53\"");
        CHECK_LINE(t, "/intc@8000000:phandle = <0x8009>");
        CHECK_LINE(t, "/timer:interrupts = <0x1 0xd 0xff04 0x1 0xe 0xff04 0x1 0xb 0xff04 0x1 0xa "
                      "0xff04>");
        CHECK_LINE(t, "/memory@40000000:reg = <0x0 0x40000000 0x0 0xc0000000>");
        free(t);
    }
    /* explicit MPIDRs: only the affinity fields count (U, MT and RES1 bits dropped) */
    static const uint64_t mpidr[2] = {0x80000000ull, 0xc1000102ull};
    c = cfg(2, 256ull << 20);
    c.mpidr = mpidr;
    t = build_text(&c, NULL, NULL);
    if (t) {
        CHECK_LINE(t, "/cpus:#address-cells = <0x1>");
        CHECK_LINE(t, "/cpus/cpu@0:reg = <0x0>");
        CHECK_LINE(t, "/cpus/cpu@1:reg = <0x102>");
        free(t);
    }
    /* a non-zero Aff3 makes the cpu reg two cells, for every CPU */
    static const uint64_t mpidr3[2] = {0x80000000ull, 0x0500000003ull};
    c.mpidr = mpidr3;
    t = build_text(&c, NULL, NULL);
    if (t) {
        CHECK_LINE(t, "/cpus:#address-cells = <0x2>");
        CHECK_LINE(t, "/cpus/cpu@0:reg = <0x0 0x0>");
        CHECK_LINE(t, "/cpus/cpu@1:reg = <0x5 0x3>");
        free(t);
    }
}

TEST(chosen_variants)
{
    /* nothing to pass: stdout-path alone */
    ArmVirtFdtConfig c = cfg(1, 512ull << 20);
    char *t = build_text(&c, NULL, NULL);
    if (t) {
        char order[4096];
        node_order(t, "/", order, sizeof(order));
        CHECK(strstr(order, "apb-pclk chosen") != NULL);
        CHECK_LINE(t, "/chosen {");
        CHECK_LINE(t, "/chosen:stdout-path = \"/pl011@9000000\"");
        CHECK(!has_prefix(t, "/chosen:bootargs"));
        CHECK(!has_prefix(t, "/chosen:linux,initrd"));
        CHECK(!has_prefix(t, "/chosen:rng-seed"));
        CHECK(!has_prefix(t, "/chosen:kaslr-seed"));
        free(t);
    }
    /* -append "" writes no bootargs (as QEMU) */
    c.bootargs = "";
    t = build_text(&c, NULL, NULL);
    if (t) {
        CHECK(!has_prefix(t, "/chosen:bootargs"));
        free(t);
    }
    /* an initrd above 4 GiB: two cells each (QEMU 7.2 would truncate to one) */
    c = cfg(1, 8ull << 30);
    c.initrd_start = 0x140000000ull;
    c.initrd_end = 0x140001000ull;
    c.rng_seed = SEED;
    c.rng_seed_len = 5; /* any length: the bytes as given */
    t = build_text(&c, NULL, NULL);
    if (t) {
        CHECK_LINE(t, "/chosen:linux,initrd-start = <0x1 0x40000000>");
        CHECK_LINE(t, "/chosen:linux,initrd-end = <0x1 0x40001000>");
        CHECK_LINE(t, "/chosen:rng-seed = [00 01 02 03 04]");
        CHECK(!has_prefix(t, "/chosen:kaslr-seed"));
        CHECK_LINE(t, "/memory@40000000:reg = <0x0 0x40000000 0x2 0x0>");
        free(t);
    }
    /* the memory node is named after its base */
    c = cfg(1, 1ull << 30);
    c.ram_base = 0x80000000ull;
    t = build_text(&c, NULL, NULL);
    if (t) {
        CHECK_LINE(t, "/memory@80000000:reg = <0x0 0x80000000 0x0 0x40000000>");
        free(t);
    }
}

TEST(helpers)
{
    CHECK_EQ_U64(arm_virt_cpu_affinity(0), 0);
    CHECK_EQ_U64(arm_virt_cpu_affinity(7), 7);
    CHECK_EQ_U64(arm_virt_cpu_affinity(8), 0x100);
    CHECK_EQ_U64(arm_virt_cpu_affinity(19), 0x203);
    CHECK(strcmp(arm_virt_cpu_compatible("cortex-a57"), "arm,cortex-a57") == 0);
    CHECK(strcmp(arm_virt_cpu_compatible("cortex-a53"), "arm,cortex-a53") == 0);
    CHECK(strcmp(arm_virt_cpu_compatible("max"), "arm,cortex-a57") == 0);
    CHECK(arm_virt_cpu_compatible("cortex-a72") == NULL);
    CHECK(arm_virt_cpu_compatible(NULL) == NULL);
}

TEST(bad_configs)
{
    uint8_t *b = (uint8_t *)1;
    size_t len = 1;
    ArmVirtFdtConfig c = cfg(1, 0);
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, &len), FDT_ERR_BADARG);
    CHECK(b == NULL && len == 0);
    c = cfg(0, 1 << 20);
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, &len), FDT_ERR_BADARG);
    c = cfg(ARM_VIRT_MAX_CPUS + 1, 1 << 20);
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, &len), FDT_ERR_BADARG);
    c = cfg(1, 1 << 20);
    c.cpu_compatible = NULL;
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, &len), FDT_ERR_BADARG);
    c = cfg(1, 1 << 20);
    c.initrd_start = 0x2000;
    c.initrd_end = 0x1000;
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, &len), FDT_ERR_BADARG);
    c = cfg(1, 1 << 20);
    c.rng_seed_len = 32; /* no bytes */
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, &len), FDT_ERR_BADARG);
    c = cfg(1, 1 << 20);
    c.rng_seed = SEED; /* no length */
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, &len), FDT_ERR_BADARG);
    c = cfg(1, 1 << 20);
    c.ram_base = UINT64_MAX - 0xfff; /* wraps */
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, &len), FDT_ERR_BADARG);
    CHECK_EQ_U64(arm_virt_build_fdt(NULL, &b, &len), FDT_ERR_BADARG);
    c = cfg(1, 1 << 20);
    CHECK_EQ_U64(arm_virt_build_fdt(&c, NULL, &len), FDT_ERR_BADARG);
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, NULL), FDT_ERR_BADARG);
}

/* ---------------- tools: dtc and QEMU ---------------- */

/* Run a shell command, capturing stdout+stderr (malloc'd, the caller frees it); returns
 * the exit status or -1. */
static int run_capture(const char *cmd, char **out)
{
    *out = NULL;
    FILE *p = popen(cmd, "r");
    if (!p) {
        return -1;
    }
    Text t = {0};
    text_add(&t, "%s", "");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf) - 1, p)) > 0) {
        buf[n] = '\0';
        text_add(&t, "%s", buf);
    }
    int st = pclose(p);
    *out = t.s;
    return st == -1 ? -1 : (WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* A temporary file holding len bytes (len 0: empty); its path in path. */
static bool write_temp(const void *b, size_t len, char *path, size_t cap)
{
    snprintf(path, cap, "/tmp/test_arm_virt_fdt_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        return false;
    }
    bool ok = len == 0 || write(fd, b, len) == (ssize_t)len;
    close(fd);
    return ok;
}

static bool have_tool(const char *name)
{
    char cmd[256], *out;
    snprintf(cmd, sizeof(cmd), "command -v '%s' >/dev/null 2>&1", name);
    int st = run_capture(cmd, &out);
    free(out);
    return st == 0;
}

/* dtc -I dtb -O dts of a file: the dts (malloc'd), or NULL (and a message) on any failure
 * or warning. */
static char *dtc_file(const char *path)
{
    if (!have_tool("dtc")) {
        fprintf(stderr, "  dtc not found in PATH: this test needs the device tree compiler "
                        "(apt-get install device-tree-compiler)\n");
        return NULL;
    }
    char cmd[512], *out;
    snprintf(cmd, sizeof(cmd), "dtc -I dtb -O dts '%s' 2>&1", path);
    int st = run_capture(cmd, &out);
    if (st != 0 || !out || strstr(out, "Warning") || strstr(out, "ERROR") ||
        strstr(out, "Error")) {
        fprintf(stderr, "  dtc (status %d) on %s:\n%s\n", st, path, out ? out : "");
        free(out);
        return NULL;
    }
    return out;
}

static char *dtc_blob(const uint8_t *b, size_t len)
{
    char path[64];
    if (!write_temp(b, len, path, sizeof(path))) {
        fprintf(stderr, "  cannot write a temporary file\n");
        return NULL;
    }
    char *dts = dtc_file(path);
    unlink(path);
    return dts;
}

TEST(dtc_clean)
{
    ArmVirtFdtConfig c = cfg(4, 1ull << 30);
    c.bootargs = "console=ttyAMA0 root=/dev/vda";
    c.initrd_start = 0x48000000;
    c.initrd_end = 0x48100000;
    c.rng_seed = SEED;
    c.rng_seed_len = sizeof(SEED);
    c.has_kaslr_seed = true;
    c.kaslr_seed = 42;
    uint8_t *b;
    size_t len;
    CHECK_EQ_U64(arm_virt_build_fdt(&c, &b, &len), 0);
    char *dts = dtc_blob(b, len);
    free(b);
    CHECK(dts != NULL);
    if (dts) {
        CHECK(strstr(dts, "\tpl011@9000000 {\n") != NULL);
        CHECK(strstr(dts, "\t\tbootargs = \"console=ttyAMA0 root=/dev/vda\";\n") != NULL);
        CHECK(strstr(dts, "\t\tcompatible = \"arm,psci-1.0\\0arm,psci-0.2\\0arm,psci\";\n") !=
              NULL);
    }
    free(dts);
}

/* The nodes of QEMU 7.2's virt we do not model (cut from its dts before comparing). */
static const char *const UNMODELLED[] = {
    "platform-bus@c000000", "fw-cfg@9020000", "gpio-keys", "pl061@9030000",
    "pcie@10000000",        "pmu",            "flash@0",   "v2m@8020000",
};

static bool unmodelled(const char *line)
{
    while (*line == '\t') {
        line++;
    }
    for (size_t i = 0; i < sizeof(UNMODELLED) / sizeof(UNMODELLED[0]); i++) {
        size_t l = strlen(UNMODELLED[i]);
        if (strncmp(line, UNMODELLED[i], l) == 0 && strcmp(line + l, " {") == 0) {
            return true;
        }
    }
    return false;
}

/* A dts without the unmodelled nodes (each from "NAME {" to the "};" at its indentation,
 * and the blank line before it), and with the seeds' cells replaced by "RANDOM" after
 * checking their count (8 cells of rng-seed, 2 of kaslr-seed).  malloc'd. */
static char *dts_filter(const char *dts)
{
    Text t = {0};
    text_add(&t, "%s", "");
    const char *p = dts;
    bool pending_blank = false;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t ll = e ? (size_t)(e - p) : strlen(p);
        char line[4096];
        snprintf(line, sizeof(line), "%.*s", (int)(ll < sizeof(line) ? ll : sizeof(line) - 1), p);
        p += ll + (e ? 1 : 0);
        if (line[0] == '\0') {
            if (pending_blank) {
                text_add(&t, "\n");
            }
            pending_blank = true;
            continue;
        }
        if (unmodelled(line)) {
            size_t ind = strspn(line, "\t");
            char end[64];
            snprintf(end, sizeof(end), "%.*s};", (int)ind, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
            while (*p) { /* skip to the node's closing line */
                const char *e2 = strchr(p, '\n');
                size_t l2 = e2 ? (size_t)(e2 - p) : strlen(p);
                bool last = l2 == strlen(end) && memcmp(p, end, l2) == 0;
                p += l2 + (e2 ? 1 : 0);
                if (last) {
                    break;
                }
            }
            pending_blank = false;
            continue;
        }
        if (pending_blank) {
            text_add(&t, "\n");
            pending_blank = false;
        }
        const char *seed = strstr(line, "rng-seed = <");
        const char *kaslr = strstr(line, "kaslr-seed = <");
        if (seed || kaslr) {
            const char *v = strchr(line, '<');
            int cells = 0;
            for (const char *q = v; *q && *q != '>'; q++) {
                cells += *q == 'x';
            }
            *strchr(line, '<') = '\0';
            text_add(&t, "%s<RANDOM %d cells>;\n", line, cells);
            continue;
        }
        text_add(&t, "%s\n", line);
    }
    return t.s;
}

/* Compare two texts line by line; print the first difference (with context) and return
 * false if they differ. */
static bool same_lines(const char *ours, const char *qemu, const char *what)
{
    int line = 1;
    const char *a = ours, *b = qemu;
    while (*a || *b) {
        const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
        if (la != lb || memcmp(a, b, la) != 0) {
            fprintf(stderr, "  %s: line %d differs\n    ours: %.*s\n    QEMU: %.*s\n", what,
                    line, (int)la, a, (int)lb, b);
            return false;
        }
        a += la + (ea ? 1 : 0);
        b += lb + (eb ? 1 : 0);
        line++;
    }
    return true;
}

typedef struct QemuCase {
    const char *cpu;
    int smp;
    unsigned ram_mib;
    bool kernel; /* with -kernel, -append and -initrd */
} QemuCase;

static const char *qemu_binary(void)
{
    const char *q = getenv("QEMU_SYSTEM_AARCH64");
    return q && *q ? q : "qemu-system-aarch64";
}

/* 1: QEMU 7.2 present; 0: another version (skip); -1: not found. */
static int qemu_check(void)
{
    if (!have_tool(qemu_binary())) {
        return -1;
    }
    char cmd[512], *out;
    snprintf(cmd, sizeof(cmd), "'%s' --version 2>&1", qemu_binary());
    int st = run_capture(cmd, &out);
    int r = st == 0 && out && strstr(out, "version 7.2.") ? 1 : 0;
    if (r == 0) {
        fprintf(stderr, "  SKIP the comparison with QEMU: %s is not QEMU 7.2 (%.60s)\n",
                qemu_binary(), out ? out : "");
    }
    free(out);
    return r;
}

static bool compare_case(const QemuCase *k, const char *kernel, const char *initrd,
                         size_t initrd_len)
{
    char what[128];
    snprintf(what, sizeof(what), "-cpu %s -smp %d -m %uM%s", k->cpu, k->smp, k->ram_mib,
             k->kernel ? " -kernel -append -initrd" : "");
    char qdtb[64];
    if (!write_temp(NULL, 0, qdtb, sizeof(qdtb))) {
        return false;
    }
    char cmd[1024], *out;
    int n = snprintf(cmd, sizeof(cmd),
                     "'%s' -M virt,dumpdtb=%s -cpu %s -smp %d -m %uM -nographic",
                     qemu_binary(), qdtb, k->cpu, k->smp, k->ram_mib);
    if (k->kernel) {
        snprintf(cmd + n, sizeof(cmd) - (size_t)n,
                 " -kernel %s -append 'console=ttyAMA0 quiet' -initrd %s", kernel, initrd);
    }
    strncat(cmd, " 2>&1", sizeof(cmd) - strlen(cmd) - 1);
    int st = run_capture(cmd, &out);
    if (st != 0) {
        fprintf(stderr, "  %s: QEMU failed (%d): %s\n", what, st, out ? out : "");
    }
    free(out);
    char *qdts = st == 0 ? dtc_file(qdtb) : NULL;
    unlink(qdtb);
    if (!qdts) {
        return false;
    }

    ArmVirtFdtConfig c = cfg(k->smp, (uint64_t)k->ram_mib << 20);
    c.cpu_compatible = arm_virt_cpu_compatible(k->cpu);
    c.rng_seed = SEED; /* QEMU 7.2's dtb-randomness=on default; the values are masked */
    c.rng_seed_len = sizeof(SEED);
    c.has_kaslr_seed = true;
    c.kaslr_seed = 1;
    if (k->kernel) {
        /* where QEMU 7.2's arm boot code puts the initrd: 128 MiB into RAM (half of RAM
         * below 256 MiB) */
        uint64_t ram = (uint64_t)k->ram_mib << 20;
        c.initrd_start = ARM_VIRT_MEM_BASE + (ram / 2 < (128u << 20) ? ram / 2 : 128u << 20);
        c.initrd_end = c.initrd_start + initrd_len;
        c.bootargs = "console=ttyAMA0 quiet";
    }
    uint8_t *b;
    size_t len;
    bool ok = arm_virt_build_fdt(&c, &b, &len) == 0;
    char *odts = ok ? dtc_blob(b, len) : NULL;
    if (ok) {
        free(b);
    }
    char *qf = qdts ? dts_filter(qdts) : NULL;
    char *of = odts ? dts_filter(odts) : NULL;
    ok = qf && of && same_lines(of, qf, what);
    if (!ok && qf && of) {
        FILE *fo = fopen("/tmp/test_arm_virt_fdt.ours.dts", "w");
        FILE *fq = fopen("/tmp/test_arm_virt_fdt.qemu.dts", "w");
        if (fo && fq) {
            fputs(of, fo);
            fputs(qf, fq);
            fprintf(stderr, "  both (filtered) in /tmp/test_arm_virt_fdt.{ours,qemu}.dts\n");
        }
        if (fo) {
            fclose(fo);
        }
        if (fq) {
            fclose(fq);
        }
    }
    free(qdts);
    free(odts);
    free(qf);
    free(of);
    return ok;
}

TEST(matches_qemu)
{
    int q = qemu_check();
    if (q < 0) {
        fprintf(stderr, "  %s not found: this test compares our tree with QEMU 7.2's "
                        "(apt-get install qemu-system-arm)\n", qemu_binary());
        CHECK(0);
        return;
    }
    if (q == 0) {
        return;
    }
    static const QemuCase cases[] = {
        {"cortex-a57", 1, 512, false},
        {"cortex-a57", 2, 512, true},
        {"cortex-a53", 8, 1024, false},
        {"max", 3, 256, true},
        {"cortex-a57", 4, 3072, true}, /* RAM ends above 4 GiB */
        {"cortex-a53", 1, 128, true},  /* the initrd at half of RAM */
    };
    static const uint8_t kernel[4096]; /* a raw "Image" of zeros: QEMU only loads it */
    static uint8_t initrd[1000];
    for (size_t i = 0; i < sizeof(initrd); i++) {
        initrd[i] = (uint8_t)i;
    }
    char kpath[64], ipath[64];
    if (!write_temp(kernel, sizeof(kernel), kpath, sizeof(kpath)) ||
        !write_temp(initrd, sizeof(initrd), ipath, sizeof(ipath))) {
        CHECK(0);
        return;
    }
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        CHECK(compare_case(&cases[i], kpath, ipath, sizeof(initrd)));
    }
    unlink(kpath);
    unlink(ipath);
}

int main(void)
{
    RUN(two_cpus);
    RUN(cpu_counts_and_affinity);
    RUN(chosen_variants);
    RUN(helpers);
    RUN(bad_configs);
    RUN(dtc_clean);
    RUN(matches_qemu);
    return test_summary();
}
