/*
 * hw/boot.c — firmware, kernel, initrd and device tree into guest memory, and back at
 * every reset (see hw/boot.h).  Placement follows QEMU's boards and Linux's boot
 * protocols (Documentation/arch/{riscv,arm64}/); the files are the user's and untrusted:
 * sizes and header fields are checked before anything is written.
 */
#include "hw/boot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/host.h"
#include "hw/fdt.h"
#include "hw/fdt_edit.h"

/* arm64: where an Image goes in its 2 MiB slot when its header gives no text_offset
 * (image_size 0: before Linux 3.17), and where a file without the header goes (QEMU). */
#define ARM64_LEGACY_TEXT_OFFSET 0x80000ull
/* arm64 flags bit 3 set: the image may be anywhere below this */
#define ARM64_PHYS_LIMIT (1ull << 48)

struct BootBlob {
    uint8_t *data;
    size_t len;
    uint64_t addr;               /* raw: where; ELF: unused (its own addresses) */
    bool elf;
};

/* ---- the boot device: reload at reset ---- */

static void boot_write_blob(Boot *b, const BootBlob *bl)
{
    if (bl->elf) {
        uint64_t entry;
        char why[8];
        /* checked when first loaded: it cannot fail now */
        load_elf(&b->m->as, bl->data, bl->len, b->elf_machine, &entry, NULL, NULL, why,
                 sizeof(why));
    } else {
        as_write_bulk(&b->m->as, bl->addr, bl->data, bl->len);
    }
}

/* At reset the images get their first contents back (as on QEMU); the rest of RAM keeps
 * what the guest left there, as on QEMU. */
static void boot_reset(Device *d)
{
    Boot *b = (Boot *)((char *)d - offsetof(Boot, dev));
    for (int i = 0; i < b->nblobs; i++) {
        boot_write_blob(b, &b->blobs[i]);
    }
}

static void boot_destroy(Device *d)
{
    Boot *b = (Boot *)((char *)d - offsetof(Boot, dev));
    for (int i = 0; i < b->nblobs; i++) {
        free(b->blobs[i].data);
    }
    free(b->blobs);
    b->blobs = NULL;
    b->nblobs = b->cap = 0;
}

/* The images are the command line's: nothing of them is saved state. */
static const DeviceOps boot_ops = {
    .type = "boot-loader",
    .version = 1,
    .reset = boot_reset,
    .destroy = boot_destroy,
};

void boot_init(Boot *b, Machine *m, uint16_t elf_machine)
{
    memset(b, 0, sizeof(*b));
    b->m = m;
    b->elf_machine = elf_machine;
    device_add(m, &b->dev, &boot_ops, "boot");
}

/* Keep data (taken over) for reset. */
static bool boot_keep(Boot *b, uint8_t *data, size_t len, uint64_t addr, bool elf)
{
    if (b->nblobs == b->cap) {
        int cap = b->cap ? 2 * b->cap : 8;
        BootBlob *n = realloc(b->blobs, (size_t)cap * sizeof(*n));
        if (!n) {
            return false;
        }
        b->blobs = n;
        b->cap = cap;
    }
    b->blobs[b->nblobs++] = (BootBlob){data, len, addr, elf};
    return true;
}

bool boot_add_blob(Boot *b, uint64_t addr, const void *data, size_t len)
{
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy) {
        return false;
    }
    memcpy(copy, data, len);
    if (!as_write_bulk(&b->m->as, addr, copy, len) || !boot_keep(b, copy, len, addr, false)) {
        free(copy);
        return false;
    }
    return true;
}

/* ---- loading files ---- */

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return a > 1 ? (v + a - 1) & ~(a - 1) : v;
}

static bool read_image(const char *what, const char *path, uint8_t **data, size_t *len,
                       char *err, size_t errlen)
{
    char why[256];
    if (!host_read_file(path, data, len, why, sizeof(why))) {
        snprintf(err, errlen, "could not load %s '%s': %s", what, path, why);
        return false;
    }
    if (*len == 0) {
        free(*data);
        snprintf(err, errlen, "could not load %s '%s': file is empty", what, path);
        return false;
    }
    return true;
}

/* An ELF file at its addresses: *low and *high get the loaded range. */
static bool put_elf(Boot *b, const char *what, const char *path, uint8_t *data, size_t len,
                    uint64_t *entry, uint64_t *low, uint64_t *high, char *err, size_t errlen)
{
    char why[256];
    if (!load_elf(&b->m->as, data, len, b->elf_machine, entry, low, high, why, sizeof(why))) {
        free(data);
        snprintf(err, errlen, "could not load %s '%s': %s", what, path, why);
        return false;
    }
    if (!boot_keep(b, data, len, 0, true)) {
        free(data);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    return true;
}

/* Bytes at addr (taken over). */
static bool put_raw(Boot *b, const char *what, const char *path, uint8_t *data, size_t len,
                    uint64_t addr, char *err, size_t errlen)
{
    if (!as_write_bulk(&b->m->as, addr, data, len)) {
        free(data);
        snprintf(err, errlen, "could not load %s '%s': image too large for guest RAM", what,
                 path);
        return false;
    }
    if (!boot_keep(b, data, len, addr, false)) {
        free(data);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    return true;
}

bool boot_load_firmware(Boot *b, const BootLayout *l, BootInfo *info, char *err,
                        size_t errlen)
{
    const MachineConfig *cfg = b->m->cfg;
    char path[4096];
    const char *fw = cfg->bios;
    if (fw && strcmp(fw, "none") == 0) {
        return true;
    }
    if (!fw) {
        if (!l->firmware) {
            return true;
        }
        /* -L, else next to the program (cli/main.c) */
        if (!cfg->datadir) {
            snprintf(err, errlen, "unable to find the default firmware '%s': use -L DIR "
                     "or -bios FILE", l->firmware);
            return false;
        }
        snprintf(path, sizeof(path), "%s/%s", cfg->datadir, l->firmware);
        fw = path;
    }
    uint8_t *data;
    size_t len;
    if (!read_image("firmware", fw, &data, &len, err, errlen)) {
        return false;
    }
    uint64_t entry, end;
    if (is_elf(data, len)) {
        if (!put_elf(b, "firmware", fw, data, len, &entry, NULL, &end, err, errlen)) {
            return false;
        }
    } else {
        if (!put_raw(b, "firmware", fw, data, len, l->ram_base, err, errlen)) {
            return false;
        }
        entry = l->ram_base;
        end = l->ram_base + len;
    }
    info->firmware = true;
    info->firmware_entry = entry;
    info->firmware_end = end;
    return true;
}

/* The first address a kernel that is not ELF may use (see BootLayout). */
static uint64_t kernel_slot(const BootLayout *l, const BootInfo *info)
{
    uint64_t free_from = l->ram_base + l->low_reserved;
    if (info->firmware && info->firmware_end > free_from) {
        free_from = info->firmware_end;
    }
    return align_up(free_from, l->kernel_align);
}

/* Where a Linux Image (or, with hdr NULL, a file without the header) goes: false +
 * reason if it cannot be booted here. */
static bool image_placement(const BootLayout *l, uint64_t slot, const LinuxImageHeader *hdr,
                            size_t len, uint64_t *addr, uint64_t *end, char *why,
                            size_t whylen)
{
    uint64_t size = hdr && hdr->image_size > len ? hdr->image_size : len;
    uint64_t offset = 0;
    if (l->image == LINUX_IMAGE_ARM64) {
        /* booting.rst: text_offset bytes from a 2 MiB aligned base, where image_size is
         * zero text_offset is 0x80000; QEMU loads a file without the magic there too */
        offset = hdr && hdr->image_size ? hdr->text_offset : ARM64_LEGACY_TEXT_OFFSET;
    }
    if (hdr && hdr->big_endian) {
        snprintf(why, whylen, "big-endian Image (only little-endian kernels are supported)");
        return false;
    }
    uint64_t ram_end = l->ram_base + l->ram_size;
    if (offset > ram_end || slot > ram_end - offset || size > ram_end - slot - offset) {
        snprintf(why, whylen, "image too large for guest RAM");
        return false;
    }
    *addr = slot + offset;
    *end = *addr + size;
    /* booting.rst, flags bit 3: set, the 2 MiB base may be anywhere as long as the whole
     * image is below 2^48; clear, it should be as close to the start of RAM as can be,
     * which the slot already is */
    if (hdr && hdr->place_anywhere && *end > ARM64_PHYS_LIMIT) {
        snprintf(why, whylen, "Image must lie below 0x%llx (its placement flag) but would end "
                 "at 0x%llx", (unsigned long long)ARM64_PHYS_LIMIT, (unsigned long long)*end);
        return false;
    }
    return true;
}

bool boot_load_kernel(Boot *b, const BootLayout *l, const char *path, BootInfo *info,
                      char *err, size_t errlen)
{
    uint8_t *data;
    size_t len;
    if (!read_image("kernel", path, &data, &len, err, errlen)) {
        return false;
    }
    if (is_elf(data, len)) {
        uint64_t entry, low, high;
        if (!put_elf(b, "kernel", path, data, len, &entry, &low, &high, err, errlen)) {
            return false;
        }
        info->kernel = BOOT_KERNEL_ELF;
        info->kernel_entry = entry;
        info->kernel_start = low;
        info->kernel_end = high;
        return true;
    }
    LinuxImageHeader hdr;
    bool image = linux_image_parse(l->image, data, len, &hdr);
    uint64_t addr, end;
    char why[256];
    if (!image_placement(l, kernel_slot(l, info), image ? &hdr : NULL, len, &addr, &end, why,
                         sizeof(why))) {
        free(data);
        snprintf(err, errlen, "could not load kernel '%s': %s", path, why);
        return false;
    }
    if (!put_raw(b, "kernel", path, data, len, addr, err, errlen)) {
        return false;
    }
    info->kernel = image ? BOOT_KERNEL_IMAGE : BOOT_KERNEL_RAW;
    info->kernel_entry = addr;
    info->kernel_start = addr;
    info->kernel_end = end;
    return true;
}

/* Where the initrd goes: far enough above the kernel not to be overwritten when it
 * unpacks, but within the low memory small boards have (QEMU: half of RAM, at most
 * 128 MiB). */
static uint64_t initrd_slot(const BootLayout *l, const BootInfo *info)
{
    uint64_t half = l->ram_size / 2;
    uint64_t base = l->initrd_base == BOOT_INITRD_FROM_KERNEL ? info->kernel_entry
                                                              : l->ram_base;
    uint64_t start = base + (half < l->initrd_max_offset ? half : l->initrd_max_offset);
    if (start < info->kernel_end) {
        start = align_up(info->kernel_end, 4096);
    }
    return start;
}

bool boot_load_initrd(Boot *b, const BootLayout *l, const char *path, BootInfo *info,
                      char *err, size_t errlen)
{
    if (info->kernel == BOOT_KERNEL_NONE) {
        snprintf(err, errlen, "-initrd cannot be used without -kernel");
        return false;
    }
    /* Far enough above the kernel not to be overwritten when it unpacks, but within the
     * low memory small boards have (QEMU: half of RAM, at most 128 MiB). */
    uint64_t start = initrd_slot(l, info);
    uint8_t *data;
    size_t len;
    if (!read_image("initrd", path, &data, &len, err, errlen) ||
        !put_raw(b, "initrd", path, data, len, start, err, errlen)) {
        return false;
    }
    info->initrd_start = start;
    info->initrd_end = start + len;
    return true;
}

bool boot_place_fdt(Boot *b, const BootLayout *l, uint8_t *dtb, size_t len, BootInfo *info,
                    char *err, size_t errlen)
{
    uint64_t top = l->ram_size < l->fdt_window ? l->ram_size : l->fdt_window;
    /* Leave room after the tree: firmware may grow it (e.g. add /memreserve/ entries). */
    if (len > top || top - len < l->fdt_headroom) {
        free(dtb);
        snprintf(err, errlen, "not enough guest RAM for the device tree");
        return false;
    }
    uint64_t addr = (l->ram_base + top - len - l->fdt_headroom) & ~(l->fdt_align - 1);
    if (l->fdt_after_initrd) {
        addr = align_up(info->initrd_end ? info->initrd_end : initrd_slot(l, info), l->fdt_align);
        if (addr + len > l->ram_base + l->ram_size) {
            addr = 0; /* refused below */
        }
    }
    if (addr < l->ram_base || !as_write_bulk(&b->m->as, addr, dtb, len)) {
        free(dtb);
        snprintf(err, errlen, "not enough guest RAM for the device tree");
        return false;
    }
    if (!boot_keep(b, dtb, len, addr, false)) {
        free(dtb);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    info->fdt_addr = addr;
    info->fdt_len = len;
    return true;
}

/* The user's tree (-dtb), with -append and the initrd written into /chosen as QEMU does. */
static bool edit_user_fdt(const MachineConfig *cfg, const BootInfo *info, uint8_t **dtb,
                          size_t *len, char *err, size_t errlen)
{
    char why[256];
    uint8_t *file;
    size_t file_len;
    if (!host_read_file(cfg->dtb, &file, &file_len, why, sizeof(why))) {
        snprintf(err, errlen, "could not load dtb '%s': %s", cfg->dtb, why);
        return false;
    }
    FdtChosen chosen = {cfg->append, info->initrd_start, info->initrd_end};
    int rc = fdt_rewrite_chosen(file, file_len, &chosen, dtb, len);
    free(file);
    if (rc < 0) {
        snprintf(err, errlen, "could not load dtb '%s': %s", cfg->dtb,
                 rc == FDT_ERR_BADARG ? "not a valid flattened device tree (version 17)"
                                      : fdt_strerror(rc));
        return false;
    }
    return true;
}

bool boot_load(Boot *b, const BootLayout *l, BootBuildFdt build, void *opaque,
               const char *dumpdtb, BootInfo *info, char *err, size_t errlen)
{
    const MachineConfig *cfg = b->m->cfg;
    memset(info, 0, sizeof(*info));
    if (!boot_load_firmware(b, l, info, err, errlen)) {
        return false;
    }
    if (cfg->kernel) {
        if (!boot_load_kernel(b, l, cfg->kernel, info, err, errlen)) {
            return false;
        }
    } else if (!info->firmware && !dumpdtb) {
        if (l->firmware) {
            snprintf(err, errlen, "-bios none needs -kernel: there is nothing to run");
        } else {
            snprintf(err, errlen, "no -kernel given: there is nothing to run");
        }
        return false;
    } else {
        info->kernel_entry = kernel_slot(l, info);
    }
    info->start = info->firmware ? info->firmware_entry : info->kernel_entry;
    if (cfg->initrd && !boot_load_initrd(b, l, cfg->initrd, info, err, errlen)) {
        return false;
    }

    uint8_t *dtb = NULL;
    size_t dtb_len = 0;
    if (cfg->dtb) {
        if (!edit_user_fdt(cfg, info, &dtb, &dtb_len, err, errlen)) {
            return false;
        }
    } else {
        int rc = build(opaque, b->m, info, &dtb, &dtb_len);
        if (rc < 0) {
            snprintf(err, errlen, "could not build the device tree (error %d)", rc);
            return false;
        }
    }
    if (dumpdtb) {
        char why[256];
        bool ok = host_write_file(dumpdtb, dtb, dtb_len, why, sizeof(why));
        free(dtb);
        if (!ok) {
            snprintf(err, errlen, "could not write dtb '%s': %s", dumpdtb, why);
            return false;
        }
        info->dumped = true;
        b->m->exit_after_init = true; /* QEMU exits after dumpdtb */
        return true;
    }
    return boot_place_fdt(b, l, dtb, dtb_len, info, err, errlen);
}

/* ---- -M properties ---- */

static const BootProp *find_prop(const BootProp *props, const char *key, size_t klen)
{
    for (const BootProp *p = props; p && p->name; p++) {
        if (strlen(p->name) == klen && strncmp(p->name, key, klen) == 0) {
            return p;
        }
    }
    return NULL;
}

/* QEMU's boolean spellings (qapi_bool_parse). */
static bool parse_bool(const char *v, size_t n, bool *out)
{
    static const char *const on[] = {"on", "yes", "true", "y"};
    static const char *const off[] = {"off", "no", "false", "n"};
    for (int i = 0; i < 4; i++) {
        if (strlen(on[i]) == n && strncmp(v, on[i], n) == 0) {
            *out = true;
            return true;
        }
        if (strlen(off[i]) == n && strncmp(v, off[i], n) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

static bool set_prop(const BootProp *p, const char *v, size_t vlen, void *dst, char *err,
                     size_t errlen)
{
    char *field = (char *)dst + p->offset;
    switch (p->type) {
    case BOOT_PROP_BOOL: {
        bool on;
        if (!parse_bool(v, vlen, &on)) {
            snprintf(err, errlen, "Parameter '%s' expects 'on' or 'off'", p->name);
            return false;
        }
        memcpy(field, &on, sizeof(on));
        return true;
    }
    case BOOT_PROP_STRING: {
        if (vlen == 0 && p->required) {
            snprintf(err, errlen, "-machine %s: %s is required", p->name, p->required);
            return false;
        }
        char *s = malloc(vlen + 1);
        if (!s) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
        memcpy(s, v, vlen);
        s[vlen] = 0;
        char *old;
        memcpy(&old, field, sizeof(old));
        free(old); /* the last one given wins */
        memcpy(field, &s, sizeof(s));
        return true;
    }
    case BOOT_PROP_ENUM:
        for (int i = 0; p->choices && p->choices[i]; i++) {
            if (strlen(p->choices[i]) == vlen && strncmp(p->choices[i], v, vlen) == 0) {
                memcpy(field, &i, sizeof(i));
                return true;
            }
        }
        snprintf(err, errlen, "Parameter '%s' does not accept value '%.*s'", p->name,
                 (int)vlen, v);
        return false;
    }
    return false;
}

bool boot_parse_props(const char *machine, const BootProp *props, const char *opts, void *dst,
                      char *err, size_t errlen)
{
    for (const char *s = opts; s && *s;) {
        size_t n = strcspn(s, ",");
        const char *eq = memchr(s, '=', n);
        size_t klen = eq ? (size_t)(eq - s) : n;
        if (!eq) {
            /* QEMU's keyval syntax: every key after the machine type needs a value */
            snprintf(err, errlen, "-M %s,%s: Expected '=' after parameter '%.*s'", machine,
                     opts, (int)klen, s);
            return false;
        }
        const BootProp *p = find_prop(props, s, klen);
        if (!p) {
            snprintf(err, errlen, "Property '%s-machine.%.*s' not found", machine, (int)klen, s);
            return false;
        }
        if (!set_prop(p, eq + 1, n - klen - 1, dst, err, errlen)) {
            return false;
        }
        s += n;
        if (*s == ',') {
            s++;
        }
    }
    return true;
}

void boot_free_props(const BootProp *props, void *dst)
{
    for (const BootProp *p = props; p && p->name; p++) {
        if (p->type == BOOT_PROP_STRING) {
            char *field = (char *)dst + p->offset, *s;
            memcpy(&s, field, sizeof(s));
            free(s);
            s = NULL;
            memcpy(field, &s, sizeof(s));
        }
    }
}
