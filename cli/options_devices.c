/*
 * cli/options_devices.c — QEMU's disk, shared-directory and device options:
 *   -drive file=F[,format=raw|qcow2][,if=virtio|none][,id=ID][,readonly=on][,snapshot=on]
 *          [,cache=writeback|none|writethrough|directsync|unsafe]
 *   -fsdev local,id=ID,path=DIR,security_model=passthrough|mapped-xattr|mapped-file|none
 *          [,readonly=on]
 *   -virtfs local,path=DIR,mount_tag=TAG,security_model=...[,readonly=on][,id=ID]
 *   -device virtio-blk-device,drive=ID | virtio-rng-device | virtio-serial-device |
 *           virtconsole | virtio-9p-device,fsdev=ID,mount_tag=TAG
 *   -snapshot
 * Error texts are QEMU 7.2's where it has one (checked against qemu-system-riscv64).
 * Values may contain commas written as ",," (QEMU's escaping).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/options.h"

#include "hw/board.h"

static OptionsResult fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static OptionsResult fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (errlen) {
        vsnprintf(err, errlen, fmt, ap);
    }
    va_end(ap);
    return OPTIONS_ERROR;
}

/* A copy of s[0, n) in cfg->strpool with ",," turned into ","; NULL if the pool is full. */
/* The virtio devices the chosen board takes (checked again at the end, when -M is known). */
static int virtio_slots(const MachineConfig *cfg)
{
    const BoardInfo *b = board_find(cfg->arch, cfg->machine);
    int n = b ? b->virtio_slots : 0;
    return n < CONFIG_MAX_VIRTIO ? n : CONFIG_MAX_VIRTIO;
}

static const char *virtio_kind_model(VirtioDevKind kind);

/* s[0, n) in cfg->strpool with QEMU's ",," turned into ","; NULL if the pool is full. */
const char *options_pool_str(MachineConfig *cfg, const char *s, size_t n)
{
    size_t room = sizeof(cfg->strpool) - cfg->strpool_used;
    if (n + 1 > room) {
        return NULL;
    }
    char *out = cfg->strpool + cfg->strpool_used, *o = out;
    for (size_t i = 0; i < n; i++) {
        *o++ = s[i];
        if (s[i] == ',' && i + 1 < n && s[i + 1] == ',') {
            i++;
        }
    }
    *o++ = '\0';
    cfg->strpool_used += (size_t)(o - out);
    return out;
}

static const char *pool_printf(MachineConfig *cfg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *pool_printf(MachineConfig *cfg, const char *fmt, ...)
{
    size_t room = sizeof(cfg->strpool) - cfg->strpool_used;
    char *out = cfg->strpool + cfg->strpool_used;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n + 1 > room) {
        return NULL;
    }
    cfg->strpool_used += (size_t)n + 1;
    return out;
}

/* One "key=value" element of a QEMU option list; a value's ",," is an escaped comma. */
typedef struct Prop {
    const char *key, *val; /* val is NULL for a bare element ("local", "readonly") */
    size_t klen, vlen;
} Prop;

static bool next_prop(const char **p, Prop *prop)
{
    const char *s = *p;
    if (!s || !*s) {
        return false;
    }
    const char *e = s;
    while (*e && !(*e == ',' && e[1] != ',')) {
        e += *e == ',' ? 2 : 1; /* skip ",," */
    }
    const char *eq = memchr(s, '=', (size_t)(e - s));
    prop->key = s;
    prop->klen = eq ? (size_t)(eq - s) : (size_t)(e - s);
    prop->val = eq ? eq + 1 : NULL;
    prop->vlen = eq ? (size_t)(e - eq - 1) : 0;
    *p = *e ? e + 1 : e;
    return true;
}

static bool key_is(const Prop *p, const char *name)
{
    return strlen(name) == p->klen && strncmp(p->key, name, p->klen) == 0;
}

static bool val_is(const Prop *p, const char *v)
{
    return p->val && strlen(v) == p->vlen && strncmp(p->val, v, p->vlen) == 0;
}

/* on/off (and QEMU's synonyms); a bare key means on. */
static bool prop_bool(const Prop *p, bool *out)
{
    if (!p->val || val_is(p, "on") || val_is(p, "yes") || val_is(p, "true")) {
        *out = true;
        return true;
    }
    if (val_is(p, "off") || val_is(p, "no") || val_is(p, "false")) {
        *out = false;
        return true;
    }
    return false;
}

static OptionsResult pool_full(char *err, size_t errlen)
{
    return fail(err, errlen, "the command line's option values are too long");
}

/* ---- -drive --------------------------------------------------------------------- */

static const char *const cache_modes[] = {"writeback", "none", "writethrough", "directsync",
                                          "unsafe"};

OptionsResult options_drive(MachineConfig *cfg, const char *arg, char *err, size_t errlen)
{
    if (cfg->ndrives >= CONFIG_MAX_DRIVES) {
        return fail(err, errlen, "-drive %s: too many drives (at most %d)", arg,
                    CONFIG_MAX_DRIVES);
    }
    DriveConfig d = {.opt = arg, .cache = DRIVE_CACHE_WRITEBACK};
    bool have_format = false;
    const char *p = arg;
    Prop pr;
    while (next_prop(&p, &pr)) {
        const char *v = pr.val ? options_pool_str(cfg, pr.val, pr.vlen) : "";
        if (!v) {
            return pool_full(err, errlen);
        }
        if (key_is(&pr, "file")) {
            d.file = v;
        } else if (key_is(&pr, "format")) {
            if (strcmp(v, "raw") != 0 && strcmp(v, "qcow2") != 0) {
                return fail(err, errlen, "-drive %s: Unknown driver '%s'", arg, v);
            }
            have_format = true;
            d.format = v;
        } else if (key_is(&pr, "if")) {
            if (strcmp(v, "virtio") == 0) {
                d.if_none = false;
            } else if (strcmp(v, "none") == 0) {
                d.if_none = true;
            } else {
                return fail(err, errlen, "-drive %s: unsupported bus type '%s' (qemu-wasm "
                            "has if=virtio and if=none)", arg, v);
            }
        } else if (key_is(&pr, "id")) {
            for (int i = 0; i < cfg->ndrives; i++) {
                if (cfg->drives[i].id && strcmp(cfg->drives[i].id, v) == 0) {
                    return fail(err, errlen, "-drive %s: Duplicate ID '%s' for drive", arg, v);
                }
            }
            d.id = v;
        } else if (key_is(&pr, "readonly") || key_is(&pr, "read-only")) {
            if (!prop_bool(&pr, &d.readonly)) {
                return fail(err, errlen, "-drive %s: Parameter 'read-only' expects 'on' or "
                            "'off'", arg);
            }
        } else if (key_is(&pr, "snapshot")) {
            if (!prop_bool(&pr, &d.snapshot)) {
                return fail(err, errlen, "-drive %s: Parameter 'snapshot' expects 'on' or "
                            "'off'", arg);
            }
        } else if (key_is(&pr, "cache")) {
            int mode = -1;
            for (size_t i = 0; i < sizeof(cache_modes) / sizeof(cache_modes[0]); i++) {
                if (strcmp(v, cache_modes[i]) == 0) {
                    mode = (int)i;
                }
            }
            if (mode < 0) {
                return fail(err, errlen, "-drive %s: invalid cache option", arg);
            }
            d.cache = (DriveCache)mode;
        } else if (key_is(&pr, "media") && strcmp(v, "disk") == 0) {
            /* the default */
        } else {
            return fail(err, errlen, "-drive %s: Block format '%s' does not support the "
                        "option '%.*s'", arg, d.format ? d.format : "raw", (int)pr.klen,
                        pr.key);
        }
    }
    if (!d.file || !*d.file) {
        return fail(err, errlen, have_format
                                     ? "-drive %s: A block device must be specified for \"file\""
                                     : "-drive %s: Must specify either driver or file", arg);
    }
    cfg->drives[cfg->ndrives++] = d;
    return OPTIONS_OK;
}

/* ---- -fsdev and -virtfs --------------------------------------------------------- */

#define SECURITY_MODELS "security_model=[passthrough|mapped-xattr|mapped-file|none]"

OptionsResult options_fsdev(MachineConfig *cfg, const char *opt, const char *arg,
                            bool virtfs, char *err, size_t errlen)
{
    FsdevConfig f = {0};
    const char *mount_tag = NULL, *driver = NULL;
    bool have_model = false;
    const char *p = arg;
    Prop pr;
    for (bool first = true; next_prop(&p, &pr); first = false) {
        const char *v = pr.val ? options_pool_str(cfg, pr.val, pr.vlen) : NULL;
        if (pr.val && !v) {
            return pool_full(err, errlen);
        }
        if (first && !pr.val) {
            driver = options_pool_str(cfg, pr.key, pr.klen);
            if (!driver) {
                return pool_full(err, errlen);
            }
        } else if (key_is(&pr, "id") && v) {
            f.id = v;
        } else if (key_is(&pr, "path") && v) {
            f.path = v;
        } else if (key_is(&pr, "security_model") && v) {
            if (strcmp(v, "passthrough") == 0) {
                f.security_model = FSDEV_SECURITY_PASSTHROUGH;
            } else if (strcmp(v, "mapped-xattr") == 0 || strcmp(v, "mapped") == 0) {
                f.security_model = FSDEV_SECURITY_MAPPED_XATTR;
            } else if (strcmp(v, "none") == 0) {
                f.security_model = FSDEV_SECURITY_NONE;
            } else if (strcmp(v, "mapped-file") == 0) {
                f.security_model = FSDEV_SECURITY_MAPPED_FILE;
            } else {
                return fail(err, errlen, "%s %s: invalid security_model property '%s' (valid "
                            "options are: " SECURITY_MODELS ")", opt, arg, v);
            }
            have_model = true;
        } else if (key_is(&pr, "readonly")) {
            if (!prop_bool(&pr, &f.readonly)) {
                return fail(err, errlen, "%s %s: Parameter 'readonly' expects 'on' or 'off'",
                            opt, arg);
            }
        } else if (virtfs && key_is(&pr, "mount_tag") && v) {
            mount_tag = v;
        } else {
            return fail(err, errlen, "%s %s: Invalid parameter '%.*s'", opt, arg,
                        (int)pr.klen, pr.key);
        }
    }
    if (virtfs && (!driver || !mount_tag)) {
        return fail(err, errlen, "%s %s: Usage: -virtfs fsdriver,mount_tag=tag", opt, arg);
    }
    if (!driver) {
        return fail(err, errlen, "%s %s: Parameter 'fsdriver' is missing", opt, arg);
    }
    if (strcmp(driver, "local") != 0) {
        return fail(err, errlen, "%s %s: fsdev: fsdriver %s not found", opt, arg, driver);
    }
    if (virtfs && !f.id) {
        f.id = mount_tag; /* as QEMU: the share's fsdev is named after its tag */
    }
    if (!f.id) {
        return fail(err, errlen, "%s %s: fsdev: No id specified", opt, arg);
    }
    for (int i = 0; i < cfg->nfsdevs; i++) {
        if (strcmp(cfg->fsdevs[i].id, f.id) == 0) {
            return fail(err, errlen, "%s %s: Duplicate ID '%s' for fsdev", opt, arg, f.id);
        }
    }
    if (!have_model) {
        return fail(err, errlen, "%s %s: security_model property not set (valid options are: "
                    SECURITY_MODELS ")", opt, arg);
    }
    if (!f.path) {
        return fail(err, errlen, "%s %s: path property not set", opt, arg);
    }
    if (cfg->nfsdevs >= CONFIG_MAX_FSDEVS) {
        return fail(err, errlen, "%s %s: too many shared directories (at most %d)", opt, arg,
                    CONFIG_MAX_FSDEVS);
    }
    f.opt = pool_printf(cfg, "%s %s", opt, arg);
    if (!f.opt) {
        return pool_full(err, errlen);
    }
    cfg->fsdevs[cfg->nfsdevs++] = f;
    if (virtfs) {
        if (cfg->nvirtio >= virtio_slots(cfg)) {
            return fail(err, errlen, "%s %s: No 'virtio-bus' bus found for device "
                        "'virtio-9p-device'", opt, arg);
        }
        cfg->fsdevs[cfg->nfsdevs - 1].used = true;
        cfg->virtio[cfg->nvirtio++] = (VirtioDevConfig){
            .kind = VIRTIO_DEV_9P, .opt = f.opt, .fsdev = cfg->nfsdevs - 1,
            .mount_tag = mount_tag, .drive = -1};
    }
    return OPTIONS_OK;
}

/* ---- -device -------------------------------------------------------------------- */

static const struct {
    const char *name;
    int kind; /* VirtioDevKind, or -1 for virtconsole (a port of virtio-serial-device) */
    const char *desc;
} device_models[] = {
    {"virtio-blk-device", VIRTIO_DEV_BLK, "virtio block device (drive=ID of an -drive)"},
    {"virtio-rng-device", VIRTIO_DEV_RNG, "virtio entropy source (/dev/hwrng)"},
    {"virtio-serial-device", VIRTIO_DEV_CONSOLE, "virtio console: hvc0 on stdio"},
    {"virtconsole", -1, "the console port of virtio-serial-device (hvc0)"},
    {"virtio-9p-device", VIRTIO_DEV_9P,
     "virtio 9P file system (fsdev=ID of an -fsdev, mount_tag=TAG)"},
};

static const char *virtio_kind_model(VirtioDevKind kind)
{
    for (size_t i = 0; i < sizeof(device_models) / sizeof(device_models[0]); i++) {
        if (device_models[i].kind == (int)kind) {
            return device_models[i].name;
        }
    }
    return "?";
}

OptionsResult options_device(MachineConfig *cfg, const char *arg, char *err, size_t errlen)
{
    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        printf("Devices (virtio-mmio, at most %d):\n", virtio_slots(cfg));
        for (size_t i = 0; i < sizeof(device_models) / sizeof(device_models[0]); i++) {
            printf("name \"%s\": %s\n", device_models[i].name, device_models[i].desc);
        }
        return OPTIONS_EXIT_SUCCESS;
    }
    size_t n = strcspn(arg, ",");
    int model = -1;
    for (size_t i = 0; i < sizeof(device_models) / sizeof(device_models[0]); i++) {
        if (strlen(device_models[i].name) == n && strncmp(arg, device_models[i].name, n) == 0) {
            model = (int)i;
        }
    }
    if (model < 0) {
        return fail(err, errlen, "-device %s: '%.*s' is not a valid device model name", arg,
                    (int)(n > 64 ? 64 : n), arg);
    }
    const char *name = device_models[model].name;
    VirtioDevConfig v = {.kind = (VirtioDevKind)device_models[model].kind, .drive = -1,
                         .fsdev = -1};
    const char *p = arg + n + (arg[n] == ',');
    Prop pr;
    while (next_prop(&p, &pr)) {
        const char *val = pr.val ? options_pool_str(cfg, pr.val, pr.vlen) : NULL;
        if (pr.val && !val) {
            return pool_full(err, errlen);
        }
        if (key_is(&pr, "id") && val) {
            continue; /* accepted; nothing refers to devices by id yet */
        }
        if (device_models[model].kind == VIRTIO_DEV_BLK && key_is(&pr, "drive") && val) {
            v.ref = val;
            v.ref_given = true;
            continue;
        }
        if (device_models[model].kind == VIRTIO_DEV_9P && key_is(&pr, "fsdev") && val) {
            v.ref = val;
            v.ref_given = true;
            continue;
        }
        if (device_models[model].kind == VIRTIO_DEV_9P && key_is(&pr, "mount_tag") && val) {
            v.mount_tag = val;
            continue;
        }
        if (device_models[model].kind == -1 && key_is(&pr, "chardev") && val) {
            /* there is no -chardev: the port is always on stdio */
            return fail(err, errlen, "-device %s: Property '%s.chardev' can't find value '%s'"
                        " (qemu-wasm's virtconsole is always on stdio; leave chardev= out)",
                        arg, name, val);
        }
        if (device_models[model].kind == -1 && key_is(&pr, "name") && val) {
            return fail(err, errlen, "-device %s: qemu-wasm's virtconsole has no port name "
                        "(its one port is hvc0)", arg);
        }
        return fail(err, errlen, "-device %s: Property '%s.%.*s' not found", arg, name,
                    (int)pr.klen, pr.key);
    }
    if (device_models[model].kind == -1) {
        /* The port of the last virtio-serial-device, which has exactly one. */
        static const char no_bus[] = "-device %s: No 'virtio-serial-bus' bus found for "
                                     "device 'virtconsole'";
        int i = cfg->nvirtio - 1;
        while (i >= 0 && cfg->virtio[i].kind != VIRTIO_DEV_CONSOLE) {
            i--;
        }
        if (i < 0) {
            return fail(err, errlen, no_bus, arg);
        }
        if (cfg->virtio[i].ref_given) {
            return fail(err, errlen, "-device %s: virtio-serial-device has one port in "
                        "qemu-wasm (hvc0), and it has a virtconsole already", arg);
        }
        cfg->virtio[i].ref_given = true;
        return OPTIONS_OK;
    }
    if (v.kind == VIRTIO_DEV_BLK && !v.ref_given) {
        return fail(err, errlen, "-device %s: drive property not set", arg);
    }
    if (cfg->nvirtio >= virtio_slots(cfg)) {
        return fail(err, errlen, "-device %s: No 'virtio-bus' bus found for device '%s'", arg,
                    name);
    }
    v.opt = pool_printf(cfg, "-device %s", arg);
    if (!v.opt) {
        return pool_full(err, errlen);
    }
    cfg->virtio[cfg->nvirtio++] = v;
    return OPTIONS_OK;
}

/* ---- after the whole command line --------------------------------------------- */

OptionsResult options_devices_finish(MachineConfig *cfg, int slots, char *err, size_t errlen)
{
    if (cfg->nvirtio > slots) {
        /* a -M after the devices chose a board with fewer slots */
        return fail(err, errlen, "%s: No 'virtio-bus' bus found for device '%s'",
                    cfg->virtio[slots].opt, virtio_kind_model(cfg->virtio[slots].kind));
    }
    /* -device references, in order */
    for (int i = 0; i < cfg->nvirtio; i++) {
        VirtioDevConfig *v = &cfg->virtio[i];
        if (v->kind == VIRTIO_DEV_BLK) {
            int d = -1;
            for (int k = 0; k < cfg->ndrives; k++) {
                if (cfg->drives[k].id && strcmp(cfg->drives[k].id, v->ref) == 0) {
                    d = k;
                }
            }
            if (d < 0) {
                return fail(err, errlen, "%s: Property 'virtio-blk-device.drive' can't find "
                            "value '%s'", v->opt, v->ref);
            }
            DriveConfig *dr = &cfg->drives[d];
            if (!dr->if_none) {
                return fail(err, errlen, "-drive %s: Drive '%s' is already in use because it "
                            "has been automatically connected to another device (did you "
                            "need 'if=none' in the drive options?)", dr->opt, dr->id);
            }
            if (dr->used) {
                return fail(err, errlen, "%s: Drive '%s' is already in use by another device",
                            v->opt, dr->id);
            }
            dr->used = true;
            v->drive = d;
        } else if (v->kind == VIRTIO_DEV_9P && v->fsdev < 0) {
            int f = -1;
            for (int k = 0; v->ref && k < cfg->nfsdevs; k++) {
                if (strcmp(cfg->fsdevs[k].id, v->ref) == 0) {
                    f = k;
                }
            }
            if (f < 0) {
                return fail(err, errlen, "%s: 9pfs device couldn't find fsdev with the id = %s",
                            v->opt, v->ref ? v->ref : "NULL");
            }
            if (!v->mount_tag) {
                return fail(err, errlen, "%s: fsdev with id %s needs mount_tag arguments",
                            v->opt, v->ref);
            }
            if (cfg->fsdevs[f].used) {
                return fail(err, errlen, "%s: fsdev '%s' is already in use by another device",
                            v->opt, v->ref);
            }
            cfg->fsdevs[f].used = true;
            v->fsdev = f;
        }
        if (v->kind == VIRTIO_DEV_9P && (strlen(v->mount_tag) == 0 ||
                                         strlen(v->mount_tag) > 200)) {
            return fail(err, errlen, "%s: mount_tag must be 1 to 200 bytes long", v->opt);
        }
    }
    /* then the if=virtio drives' own devices, in command-line order (as QEMU creates them) */
    for (int d = 0; d < cfg->ndrives; d++) {
        DriveConfig *dr = &cfg->drives[d];
        if (cfg->snapshot) {
            dr->snapshot = true;
        }
        if (dr->if_none) {
            continue;
        }
        if (cfg->nvirtio >= virtio_slots(cfg)) {
            return fail(err, errlen, "-drive %s: No 'virtio-bus' bus found for device "
                        "'virtio-blk-device'", dr->opt);
        }
        dr->used = true;
        const char *opt = pool_printf(cfg, "-drive %s", dr->opt);
        if (!opt) {
            return pool_full(err, errlen);
        }
        cfg->virtio[cfg->nvirtio++] = (VirtioDevConfig){.kind = VIRTIO_DEV_BLK, .opt = opt,
                                                        .drive = d, .fsdev = -1};
    }
    return OPTIONS_OK;
}
