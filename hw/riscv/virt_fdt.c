/*
 * hw/riscv/virt_fdt.c — the riscv64 virt machine's device tree (see virt_fdt.h).
 *
 * Node and property order follow QEMU 7.2's output (`-M virt,dumpdtb=...`), so that
 * `dtc -O dts` of both can be compared line by line, and phandles are allocated in the
 * same order (cpus from the last hart down: cpu, then its interrupt controller; then the
 * PLIC, then the test device).
 */
#include "hw/riscv/virt_fdt.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/fdt.h"

#define CPU_INTC_MSI 3  /* machine software interrupt */
#define CPU_INTC_MTI 7  /* machine timer interrupt */
#define CPU_INTC_SEI 9  /* supervisor external interrupt */
#define CPU_INTC_MEI 11 /* machine external interrupt */

#define SIFIVE_TEST_FAIL_POWEROFF 0x5555
#define SIFIVE_TEST_RESET 0x7777

/* The ISA extension list derived from a riscv,isa string. */
typedef struct IsaList {
    char base[8];
    const char **ext;
    size_t n;
    char *store; /* the extension names, NUL-separated */
} IsaList;

static bool isa_has(const IsaList *l, const char *e, size_t len)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strlen(l->ext[i]) == len && memcmp(l->ext[i], e, len) == 0) {
            return true;
        }
    }
    return false;
}

static void isa_add(IsaList *l, size_t *pos, const char *e, size_t len)
{
    if (len == 0 || isa_has(l, e, len)) {
        return;
    }
    char *s = l->store + *pos;
    memcpy(s, e, len);
    s[len] = '\0';
    *pos += len + 1;
    l->ext[l->n++] = s;
}

/* "rv64imafdc_zicsr_zifencei" -> base "rv64i", {"i","m","a","f","d","c","zicsr","zifencei"}
 * ('g' expands to i, m, a, f, d, zicsr, zifencei).  Returns false on a malformed string
 * or out of memory. */
static bool isa_parse(const char *isa, IsaList *l)
{
    memset(l, 0, sizeof(*l));
    if (strncmp(isa, "rv32", 4) != 0 && strncmp(isa, "rv64", 4) != 0) {
        return false;
    }
    const char *p = isa + 4;
    if (*p != 'i' && *p != 'e' && *p != 'g') {
        return false;
    }
    size_t slen = strlen(isa);
    /* every extension is at most its source text plus a NUL; 'g' adds up to 28 bytes */
    size_t store_len = 2 * slen + 64;
    l->store = malloc(store_len);
    l->ext = malloc((slen + 8) * sizeof(*l->ext));
    if (!l->store || !l->ext) {
        free(l->store);
        free(l->ext);
        return false;
    }
    snprintf(l->base, sizeof(l->base), "%.4s%c", isa, *p == 'e' ? 'e' : 'i');
    size_t pos = 0;
    for (; *p && *p != '_'; p++) {
        if (*p < 'a' || *p > 'z') {
            goto bad;
        }
        if (*p == 'g') {
            static const char *const g[] = {"i", "m", "a", "f", "d", "zicsr", "zifencei"};
            for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
                isa_add(l, &pos, g[i], strlen(g[i]));
            }
        } else {
            isa_add(l, &pos, p, 1);
        }
    }
    while (*p == '_') {
        p++;
        size_t n = strcspn(p, "_");
        isa_add(l, &pos, p, n);
        p += n;
    }
    return true;
bad:
    free(l->store);
    free(l->ext);
    memset(l, 0, sizeof(*l));
    return false;
}

static void reg_cells(uint32_t *c, uint64_t base, uint64_t size)
{
    c[0] = (uint32_t)(base >> 32);
    c[1] = (uint32_t)base;
    c[2] = (uint32_t)(size >> 32);
    c[3] = (uint32_t)size;
}

static void prop_reg(Fdt *f, uint64_t base, uint64_t size)
{
    uint32_t c[4];
    reg_cells(c, base, size);
    fdt_prop_cells(f, "reg", c, 4);
}

/* A simple device on the PLIC: QEMU's property order is interrupts, interrupt-parent,
 * [extra], reg, compatible. */
static void plic_device(Fdt *f, const char *name, uint32_t irq, uint32_t plic,
                        uint64_t base, uint64_t size, const char *compat, uint32_t clock)
{
    fdt_begin_node(f, name);
    fdt_prop_u32(f, "interrupts", irq);
    fdt_prop_u32(f, "interrupt-parent", plic);
    if (clock) {
        fdt_prop_u32(f, "clock-frequency", clock);
    }
    prop_reg(f, base, size);
    fdt_prop_string(f, "compatible", compat);
    fdt_end_node(f);
}

static void syscon_node(Fdt *f, const char *name, const char *compat, uint32_t regmap,
                        uint32_t value)
{
    fdt_begin_node(f, name);
    fdt_prop_u32(f, "value", value);
    fdt_prop_u32(f, "offset", 0);
    fdt_prop_u32(f, "regmap", regmap);
    fdt_prop_string(f, "compatible", compat);
    fdt_end_node(f);
}

int virt_build_fdt(const VirtFdtConfig *cfg, uint8_t **blob, size_t *len)
{
    if (blob) {
        *blob = NULL;
    }
    if (len) {
        *len = 0;
    }
    if (!cfg || !blob || !len || !cfg->isa || cfg->ram_size == 0 || cfg->nharts == 0 ||
        cfg->nharts > VIRT_FDT_MAX_HARTS || cfg->initrd_end < cfg->initrd_start ||
        (cfg->n_isa_extensions && !cfg->isa_extensions) ||
        (cfg->rng_seed_len && !cfg->rng_seed)) {
        return FDT_ERR_BADARG;
    }

    IsaList isa = {0};
    bool need_parse = !cfg->isa_base || !cfg->n_isa_extensions;
    if (need_parse && !isa_parse(cfg->isa, &isa)) {
        return FDT_ERR_BADARG;
    }
    const char *isa_base = cfg->isa_base ? cfg->isa_base : isa.base;
    const char *const *exts = cfg->n_isa_extensions ? cfg->isa_extensions : isa.ext;
    size_t nexts = cfg->n_isa_extensions ? cfg->n_isa_extensions : isa.n;

    uint32_t n = cfg->nharts;
    uint32_t timebase = cfg->timebase_freq ? cfg->timebase_freq : VIRT_TIMEBASE_HZ;
    const char *stdout_path = cfg->stdout_path ? cfg->stdout_path : "/soc/serial@10000000";
    uint32_t ndev = cfg->plic_ndev ? cfg->plic_ndev : VIRT_PLIC_NDEV;

    int err = FDT_ERR_NOMEM;
    Fdt *f = fdt_new();
    uint32_t *cpu_ph = malloc(n * sizeof(*cpu_ph));
    uint32_t *intc_ph = malloc(n * sizeof(*intc_ph));
    uint32_t *ie = malloc(4 * n * sizeof(*ie)); /* interrupts-extended cells */
    if (!f || !cpu_ph || !intc_ph || !ie) {
        goto out;
    }

    /* Phandles, in QEMU's order. */
    for (uint32_t i = n; i-- > 0;) {
        cpu_ph[i] = fdt_alloc_phandle(f);
        intc_ph[i] = fdt_alloc_phandle(f);
    }
    uint32_t plic_ph = fdt_alloc_phandle(f);
    uint32_t test_ph = fdt_alloc_phandle(f);

    char name[64];
    fdt_begin_node(f, "");
    fdt_prop_u32(f, "#address-cells", 2);
    fdt_prop_u32(f, "#size-cells", 2);
    fdt_prop_string(f, "compatible", "riscv-virtio");
    fdt_prop_string(f, "model", "riscv-virtio,qemu");

    fdt_begin_node(f, "chosen");
    if (cfg->initrd_start || cfg->initrd_end) {
        fdt_prop_u64(f, "linux,initrd-end", cfg->initrd_end);
        fdt_prop_u64(f, "linux,initrd-start", cfg->initrd_start);
    }
    if (cfg->rng_seed_len) {
        fdt_prop(f, "rng-seed", cfg->rng_seed, cfg->rng_seed_len);
    }
    if (cfg->bootargs) {
        fdt_prop_string(f, "bootargs", cfg->bootargs);
    }
    fdt_prop_string(f, "stdout-path", stdout_path);
    fdt_end_node(f);

    syscon_node(f, "poweroff", "syscon-poweroff", test_ph, SIFIVE_TEST_FAIL_POWEROFF);
    syscon_node(f, "reboot", "syscon-reboot", test_ph, SIFIVE_TEST_RESET);

    snprintf(name, sizeof(name), "memory@%" PRIx64, cfg->ram_base);
    fdt_begin_node(f, name);
    fdt_prop_string(f, "device_type", "memory");
    prop_reg(f, cfg->ram_base, cfg->ram_size);
    fdt_end_node(f);

    fdt_begin_node(f, "cpus");
    fdt_prop_u32(f, "#address-cells", 1);
    fdt_prop_u32(f, "#size-cells", 0);
    fdt_prop_u32(f, "timebase-frequency", timebase);
    for (uint32_t i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "cpu@%" PRIx32, i);
        fdt_begin_node(f, name);
        fdt_prop_u32(f, "phandle", cpu_ph[i]);
        fdt_prop_string(f, "device_type", "cpu");
        fdt_prop_u32(f, "reg", i);
        fdt_prop_string(f, "status", "okay");
        fdt_prop_string(f, "compatible", "riscv");
        fdt_prop_string(f, "riscv,isa", cfg->isa);
        fdt_prop_string(f, "riscv,isa-base", isa_base);
        fdt_prop_strings(f, "riscv,isa-extensions", exts, nexts);
        if (cfg->mmu_type) {
            fdt_prop_string(f, "mmu-type", cfg->mmu_type);
        }
        fdt_begin_node(f, "interrupt-controller");
        /* #address-cells: not in QEMU 7.2's tree; dtc warns about interrupt providers
         * without it (interrupt_provider check). */
        fdt_prop_u32(f, "#address-cells", 0);
        fdt_prop_u32(f, "#interrupt-cells", 1);
        fdt_prop_empty(f, "interrupt-controller");
        fdt_prop_string(f, "compatible", "riscv,cpu-intc");
        fdt_prop_u32(f, "phandle", intc_ph[i]);
        fdt_end_node(f);
        fdt_end_node(f);
    }
    fdt_begin_node(f, "cpu-map");
    fdt_begin_node(f, "cluster0");
    for (uint32_t i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "core%" PRIu32, i);
        fdt_begin_node(f, name);
        fdt_prop_u32(f, "cpu", cpu_ph[i]);
        fdt_end_node(f);
    }
    fdt_end_node(f); /* cluster0 */
    fdt_end_node(f); /* cpu-map */
    fdt_end_node(f); /* cpus */

    fdt_begin_node(f, "soc");
    fdt_prop_u32(f, "#address-cells", 2);
    fdt_prop_u32(f, "#size-cells", 2);
    fdt_prop_string(f, "compatible", "simple-bus");
    fdt_prop_empty(f, "ranges");

    plic_device(f, "rtc@101000", VIRT_RTC_IRQ, plic_ph, VIRT_RTC_BASE, VIRT_RTC_SIZE,
                "google,goldfish-rtc", 0);
    plic_device(f, "serial@10000000", VIRT_UART_IRQ, plic_ph, VIRT_UART_BASE, VIRT_UART_SIZE,
                "ns16550a", VIRT_UART_CLOCK_HZ);

    fdt_begin_node(f, "test@100000");
    fdt_prop_u32(f, "phandle", test_ph);
    prop_reg(f, VIRT_TEST_BASE, VIRT_TEST_SIZE);
    static const char *const test_compat[] = {"sifive,test1", "sifive,test0", "syscon"};
    fdt_prop_strings(f, "compatible", test_compat, 3);
    fdt_end_node(f);

    /* QEMU lists the virtio-mmio slots from the last to the first; Linux probes them in
     * this order (so the highest slot, where QEMU plugs the first device, comes first). */
    for (int i = VIRT_VIRTIO_COUNT - 1; i >= 0; i--) {
        uint64_t base = VIRT_VIRTIO_BASE + (uint64_t)i * VIRT_VIRTIO_SIZE;
        snprintf(name, sizeof(name), "virtio_mmio@%" PRIx64, base);
        plic_device(f, name, VIRT_VIRTIO_IRQ + (uint32_t)i, plic_ph, base, VIRT_VIRTIO_SIZE,
                    "virtio,mmio", 0);
    }

    static const char *const plic_compat[] = {"sifive,plic-1.0.0", "riscv,plic0"};
    fdt_begin_node(f, "plic@c000000");
    fdt_prop_u32(f, "phandle", plic_ph);
    fdt_prop_u32(f, "riscv,ndev", ndev);
    prop_reg(f, VIRT_PLIC_BASE, VIRT_PLIC_SIZE);
    for (uint32_t i = 0; i < n; i++) { /* contexts: M then S external, per hart */
        ie[4 * i + 0] = intc_ph[i];
        ie[4 * i + 1] = CPU_INTC_MEI;
        ie[4 * i + 2] = intc_ph[i];
        ie[4 * i + 3] = CPU_INTC_SEI;
    }
    fdt_prop_cells(f, "interrupts-extended", ie, 4 * (size_t)n);
    fdt_prop_empty(f, "interrupt-controller");
    fdt_prop_strings(f, "compatible", plic_compat, 2);
    fdt_prop_u32(f, "#address-cells", 0);
    fdt_prop_u32(f, "#interrupt-cells", 1);
    fdt_end_node(f);

    static const char *const clint_compat[] = {"sifive,clint0", "riscv,clint0"};
    fdt_begin_node(f, "clint@2000000");
    for (uint32_t i = 0; i < n; i++) {
        ie[4 * i + 0] = intc_ph[i];
        ie[4 * i + 1] = CPU_INTC_MSI;
        ie[4 * i + 2] = intc_ph[i];
        ie[4 * i + 3] = CPU_INTC_MTI;
    }
    fdt_prop_cells(f, "interrupts-extended", ie, 4 * (size_t)n);
    prop_reg(f, VIRT_CLINT_BASE, VIRT_CLINT_SIZE);
    fdt_prop_strings(f, "compatible", clint_compat, 2);
    fdt_end_node(f);

    fdt_end_node(f); /* soc */
    fdt_end_node(f); /* root */

    /* Errors are sticky in the builder: fdt_finish reports the first one. */
    err = fdt_finish(f, blob, len);
out:
    fdt_free(f);
    free(cpu_ph);
    free(intc_ph);
    free(ie);
    free(isa.store);
    free(isa.ext);
    return err;
}
