/*
 * cli/options.c — QEMU-compatible command line -> MachineConfig.
 *
 * Options are spelled as qemu-system-riscv64 spells them (one or two leading dashes), and
 * error messages follow QEMU's wording where QEMU has one: "-foo: invalid option",
 * "-m: requires an argument", "-m abc: Parameter 'size' expects a non-negative number
 * below 2^64", "-accel kvm: invalid accelerator kvm", ...  The caller prefixes
 * "qemu-wasm: ".
 */
#include "cli/options.h"

#include "hw/board.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct LogItem {
    const char *name, *desc;
    size_t field; /* offset of the bool in MachineConfig */
} LogItem;

static const LogItem log_items[] = {
    {"unimp", "log unimplemented functionality", offsetof(MachineConfig, log_unimp)},
    {"guest_errors", "log when the guest does something invalid (e.g. accessing a\n"
                     "                non-existent device register)",
     offsetof(MachineConfig, log_guest_errors)},
    {"int", "show interrupts/exceptions in short format", offsetof(MachineConfig, log_int)},
    {"exec", "show trace before each executed TB (lots of logs)",
     offsetof(MachineConfig, log_exec)},
    {"jit", "log blocks compiled to WebAssembly", offsetof(MachineConfig, log_jit)},
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

enum {
    OPT_HELP, OPT_VERSION, OPT_MACHINE, OPT_CPU, OPT_MEM, OPT_SMP, OPT_KERNEL, OPT_INITRD,
    OPT_APPEND, OPT_BIOS, OPT_DTB, OPT_NOGRAPHIC, OPT_DISPLAY, OPT_SERIAL, OPT_MONITOR,
    OPT_NO_REBOOT, OPT_SEMIHOSTING, OPT_ACCEL, OPT_LOG, OPT_LOGFILE, OPT_DATADIR, OPT_DRIVE, OPT_FSDEV,
    OPT_VIRTFS, OPT_DEVICE, OPT_SNAPSHOT, OPT_CHARDEV,
};

static const struct {
    const char *name;
    int id;
    bool has_arg;
} option_table[] = {
    {"h", OPT_HELP, false},        {"help", OPT_HELP, false},
    {"version", OPT_VERSION, false},
    {"M", OPT_MACHINE, true},      {"machine", OPT_MACHINE, true},
    {"cpu", OPT_CPU, true},        {"m", OPT_MEM, true},
    {"smp", OPT_SMP, true},        {"kernel", OPT_KERNEL, true},
    {"initrd", OPT_INITRD, true},  {"append", OPT_APPEND, true},
    {"bios", OPT_BIOS, true},      {"dtb", OPT_DTB, true},
    {"nographic", OPT_NOGRAPHIC, false},
    {"display", OPT_DISPLAY, true}, {"serial", OPT_SERIAL, true},
    {"monitor", OPT_MONITOR, true}, {"no-reboot", OPT_NO_REBOOT, false},
    {"accel", OPT_ACCEL, true},    {"d", OPT_LOG, true},
    {"D", OPT_LOGFILE, true},      {"L", OPT_DATADIR, true},
    {"drive", OPT_DRIVE, true},    {"fsdev", OPT_FSDEV, true},
    {"virtfs", OPT_VIRTFS, true},  {"device", OPT_DEVICE, true},
    {"snapshot", OPT_SNAPSHOT, false},
    {"semihosting", OPT_SEMIHOSTING, false},
    {"chardev", OPT_CHARDEV, true},
};

static const char usage_text[] =
    "usage: %1$s [options]\n"
    "\n"
    "A %2$s machine emulator for Node.js (-machine help lists the boards).  The\n"
    "options are qemu-system-%2$s's (the subset below); each may start with - or --.\n"
    "\n"
    "Standard options:\n"
    "-h, -help               display this help and exit\n"
    "-version                display version information and exit\n"
    "-machine, -M [type=]NAME[,prop=value[,...]]\n"
    "                        select the emulated machine (-machine help for a list)\n"
    "-cpu MODEL[,prop=value] select the CPU model (-cpu help for a list)\n"
    "-m [size=]SIZE          guest RAM size (default %3$s); a plain number is in MiB,\n"
    "                        suffixes B, K, M, G, T select the unit (e.g. 512M, 1.5G);\n"
    "                        at most %4$s\n"
    "-smp [cpus=]N           number of vCPUs (default 1)\n"
    "-accel tcg[,jit=on|off][,jit-threshold=N][,jit-cache=MB][,jit-check=on|off]\n"
    "          [,thread=single|multi]\n"
    "                        the translator: compile hot code to WebAssembly (jit=on,\n"
    "                        the default) after N runs of a block, MB of compiled code\n"
    "                        kept; jit-check=on runs compiled code on both engines and\n"
    "                        reports the first difference; one thread per vCPU with\n"
    "                        thread=multi (the default when -smp > 1)\n"
    "\n"
    "Boot options:\n"
    "-kernel FILE            the kernel (an ELF or a raw image) to boot\n"
    "-initrd FILE            an initial ram disk\n"
    "-append CMDLINE         the kernel command line\n"
    "-bios FILE|none         the firmware (default: %5$s); 'none' runs -kernel\n"
    "                        directly, at the most privileged level\n"
    "-dtb FILE               use this device tree instead of the generated one\n"
    "\n"
    "Disks, shared directories and devices (virtio-mmio; at most %6$d devices):\n"
    "-drive file=FILE[,format=raw|qcow2][,if=virtio|none][,id=ID][,readonly=on|off]\n"
    "       [,snapshot=on|off][,cache=writeback|none|writethrough|directsync|unsafe]\n"
    "                        a disk on a host file (if=virtio: /dev/vda, vdb, ...);\n"
    "                        snapshot=on keeps the guest's writes in memory only\n"
    "-snapshot               snapshot=on for every drive\n"
    "-fsdev local,id=ID,path=DIR,security_model=passthrough|mapped-xattr|\n"
    "       mapped-file|none[,readonly=on]\n"
    "                        a host directory for -device virtio-9p-device\n"
    "-virtfs local,path=DIR,mount_tag=TAG,security_model=...[,readonly=on][,id=ID]\n"
    "                        share DIR with the guest: mount -t 9p -o trans=virtio TAG /mnt\n"
    "-device virtio-blk-device,drive=ID   a disk for an if=none -drive\n"
    "-device virtio-9p-device,fsdev=ID,mount_tag=TAG\n"
    "-device virtio-rng-device            /dev/hwrng from the host's random source\n"
    "-device virtio-serial-device [-device virtconsole]\n"
    "                        console hvc0 on stdio (use -append console=hvc0)\n"
    "-device help            list the devices\n"
    "\n"
    "Display and console:\n"
    "-nographic              no graphical output; the serial port is on stdio\n"
    "-display none           no display\n"
    "-serial mon:stdio|stdio|none|null|file:PATH|chardev:ID\n"
    "                        where the next serial port goes (serial0, serial1, ...;\n"
    "                        default: serial0 on mon:stdio); file: truncates PATH\n"
    "-chardev null|stdio|file,id=ID[,path=PATH][,append=on|off][,signal=on|off]\n"
    "                        a character backend, for -serial chardev:ID\n"
    "-monitor none           no monitor (there is none to enable yet)\n"
    "-no-reboot              exit instead of rebooting\n"
    "-semihosting            semihosting calls of the guest (aarch64: console output,\n"
    "                        exit with a status)\n"
    "\n"
    "Debugging:\n"
    "-d ITEM[,...]           log the given items (-d help for a list)\n"
    "-D FILE                 write the log to FILE instead of stderr\n"
    "-L DIR                  where to find the default firmware\n"
    "\n"
    "On the console (under Node): Ctrl-A x quits, Ctrl-A h shows the keys,\n"
    "Ctrl-A Ctrl-A sends Ctrl-A.\n";

/* ---------------------------------------------------------------------------------- */

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (errlen) {
        vsnprintf(err, errlen, fmt, ap);
    }
    va_end(ap);
}

/* Human-readable size for messages: "2G", "1536M", "4096K". */
static void format_size(uint64_t v, char *buf, size_t len)
{
    static const char units[] = "KMGT";
    const char *unit = "";
    uint64_t n = v;
    for (int i = 3; i >= 0; i--) {
        uint64_t scale = 1ull << (10 * (i + 1));
        if (v >= scale && v % scale == 0) {
            n = v / scale;
            unit = &units[i];
            break;
        }
    }
    snprintf(buf, len, "%llu%.1s", (unsigned long long)n, unit);
}

/*
 * QEMU's size syntax: a decimal number with an optional fraction (or a hex integer),
 * then an optional one-letter unit B, K, M, G, T, P or E (either case).  Without a unit
 * the number is in def_unit (and must be whole).  Returns false if malformed or not below 2^64.
 */
static bool parse_size(const char *s, uint64_t def_unit, uint64_t *out)
{
    const char *p = s;
    uint64_t whole = 0;
    double frac = 0;
    bool any_digit = false, has_frac = false;

    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        while (isxdigit((unsigned char)*p)) {
            unsigned d = isdigit((unsigned char)*p) ? (unsigned)(*p - '0')
                                                    : (unsigned)(tolower(*p) - 'a' + 10);
            if (whole > (UINT64_MAX - d) / 16) {
                return false;
            }
            whole = whole * 16 + d;
            any_digit = true;
            p++;
        }
    } else {
        while (isdigit((unsigned char)*p)) {
            unsigned d = (unsigned)(*p - '0');
            if (whole > (UINT64_MAX - d) / 10) {
                return false;
            }
            whole = whole * 10 + d;
            any_digit = true;
            p++;
        }
        if (*p == '.') {
            double scale = 0.1;
            p++;
            while (isdigit((unsigned char)*p)) {
                frac += (*p - '0') * scale;
                scale /= 10;
                has_frac = true;
                p++;
            }
            if (!any_digit && !has_frac) {
                return false;
            }
            any_digit = true;
        }
    }
    if (!any_digit) {
        return false;
    }

    uint64_t unit = def_unit;
    if (*p) {
        static const char letters[] = "BKMGTPE";
        const char *l = strchr(letters, toupper((unsigned char)*p));
        if (!l || p[1] != '\0') {
            return false;
        }
        unit = 1ull << (10 * (l - letters));
    }
    if (has_frac && frac > 0 && (unit == 1 || !*p)) {
        return false; /* as QEMU: a fraction needs an explicit unit, and not bytes */
    }
    if (whole > UINT64_MAX / unit) {
        return false;
    }
    uint64_t v = whole * unit;
    uint64_t extra = (uint64_t)(frac * (double)unit);
    if (v > UINT64_MAX - extra) {
        return false;
    }
    *out = v + extra;
    return true;
}

/* A decimal int in [0, INT32_MAX]. */
static bool parse_int(const char *s, int *out)
{
    if (!isdigit((unsigned char)s[0])) {
        return false;
    }
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || errno || v > 0x7fffffff) {
        return false;
    }
    *out = (int)v;
    return true;
}

static bool parse_on_off(const char *s, bool *out)
{
    if (strcmp(s, "on") == 0 || strcmp(s, "yes") == 0 || strcmp(s, "true") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(s, "off") == 0 || strcmp(s, "no") == 0 || strcmp(s, "false") == 0) {
        *out = false;
        return true;
    }
    return false;
}

/*
 * Iterate over "key=value,key=value" lists: copies the next element of *p into key/val
 * (val is "" for a bare element) and advances *p.  Returns false at the end.  Elements
 * longer than the buffers are truncated, which can only make them not match.
 */
static bool next_prop(const char **p, char *key, size_t keylen, char *val, size_t vallen,
                      bool *has_eq)
{
    if (!*p || !**p) {
        return false;
    }
    const char *s = *p;
    const char *end = strchr(s, ',');
    size_t n = end ? (size_t)(end - s) : strlen(s);
    const char *eq = memchr(s, '=', n);
    size_t kn = eq ? (size_t)(eq - s) : n;
    snprintf(key, keylen, "%.*s", (int)kn, s);
    if (eq) {
        snprintf(val, vallen, "%.*s", (int)(n - kn - 1), eq + 1);
    } else {
        val[0] = '\0';
    }
    *has_eq = eq != NULL;
    *p = end ? end + 1 : s + n;
    return true;
}

/* ---------------------------------------------------------------------------------- */

static void print_version(void)
{
    printf("qemu-wasm version " QEMU_WASM_VERSION "\n"
           "Copyright (c) 2026 the qemu-wasm developers; options and behaviour modelled "
           "on QEMU\n");
}

static uint64_t board_max_ram(const BoardInfo *b)
{
    return b->max_ram && b->max_ram < MAX_RAM_SIZE ? b->max_ram : MAX_RAM_SIZE;
}

static void print_help(const MachineConfig *cfg, const char *program)
{
    const BoardInfo *b = board_find(cfg->arch, NULL);
    char def[32], max[32];
    format_size(b->default_ram, def, sizeof(def));
    format_size(board_max_ram(b), max, sizeof(max));
    printf(usage_text, program, cfg->arch, def, max, b->firmware ? b->firmware : "none",
           b->virtio_slots);
}

static OptionsResult opt_machine(MachineConfig *cfg, const char *arg, char *err,
                                 size_t errlen)
{
    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        printf("Supported machines are:\n");
        const BoardInfo *b;
        for (int i = 0; (b = board_of_target(cfg->arch, i)) != NULL; i++) {
            printf("%-20s %s%s\n", b->name, b->desc, i == 0 ? " (default)" : "");
        }
        return OPTIONS_EXIT_SUCCESS;
    }
    /* NAME[,props] or type=NAME[,props] or only props (the machine stays as it was). */
    const char *comma = strchr(arg, ',');
    size_t n = comma ? (size_t)(comma - arg) : strlen(arg);
    const char *name = arg;
    const char *opts = comma ? comma + 1 : NULL;
    if (memchr(arg, '=', n)) {
        if (strncmp(arg, "type=", 5) == 0) {
            name = arg + 5;
            n -= 5;
        } else {
            name = NULL;
            opts = arg;
        }
    }
    if (name) {
        char want[sizeof(cfg->machine_buf)];
        snprintf(want, sizeof(want), "%.*s", (int)n, name);
        if (n >= sizeof(cfg->machine_buf) || !board_find(cfg->arch, want)) {
            set_err(err, errlen,
                    "unsupported machine type: \"%.*s\" (use -machine help to list "
                    "supported machines)",
                    (int)(n > 64 ? 64 : n), name);
            return OPTIONS_ERROR;
        }
        snprintf(cfg->machine_buf, sizeof(cfg->machine_buf), "%.*s", (int)n, name);
        cfg->machine = cfg->machine_buf;
    }
    cfg->machine_opts = opts && *opts ? opts : NULL;
    return OPTIONS_OK;
}

static OptionsResult opt_cpu(MachineConfig *cfg, const char *arg, char *err, size_t errlen)
{
    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        printf("Available CPUs:\n");
        const BoardInfo *b;
        for (int i = 0; (b = board_of_target(cfg->arch, i)) != NULL; i++) {
            for (int k = 0; b->cpu_models[k]; k++) {
                bool listed = false; /* boards of one target share models */
                const BoardInfo *o;
                for (int j = 0; j < i && (o = board_of_target(cfg->arch, j)) != NULL; j++) {
                    for (int l = 0; o->cpu_models[l]; l++) {
                        listed |= strcmp(o->cpu_models[l], b->cpu_models[k]) == 0;
                    }
                }
                if (!listed) {
                    printf("  %s\n", b->cpu_models[k]);
                }
            }
        }
        return OPTIONS_EXIT_SUCCESS;
    }
    const char *comma = strchr(arg, ',');
    size_t n = comma ? (size_t)(comma - arg) : strlen(arg);
    char model[sizeof(cfg->cpu_buf)];
    snprintf(model, sizeof(model), "%.*s", (int)n, arg);
    if (n < sizeof(cfg->cpu_buf) && board_target_has_cpu(cfg->arch, model)) {
        snprintf(cfg->cpu_buf, sizeof(cfg->cpu_buf), "%s", model);
        cfg->cpu = cfg->cpu_buf;
        cfg->cpu_opts = comma && comma[1] ? comma + 1 : NULL;
        return OPTIONS_OK;
    }
    set_err(err, errlen, "unable to find CPU model '%.*s'", (int)(n > 64 ? 64 : n), arg);
    return OPTIONS_ERROR;
}

static OptionsResult opt_mem(MachineConfig *cfg, const char *arg, char *err, size_t errlen)
{
    const char *p = arg;
    char key[32], val[64];
    bool has_eq, have_size = false;
    uint64_t size = 0;
    while (next_prop(&p, key, sizeof(key), val, sizeof(val), &has_eq)) {
        const char *num = NULL;
        if (!has_eq && !have_size) {
            num = key;
        } else if (has_eq && strcmp(key, "size") == 0) {
            num = val;
        } else if (has_eq && (strcmp(key, "slots") == 0 || strcmp(key, "maxmem") == 0)) {
            set_err(err, errlen, "-m %s: memory hotplug (slots, maxmem) is not supported",
                    arg);
            return OPTIONS_ERROR;
        } else {
            set_err(err, errlen, "-m %s: Invalid parameter '%s'", arg, key);
            return OPTIONS_ERROR;
        }
        if (!parse_size(num, 1ull << 20, &size)) {
            set_err(err, errlen,
                    "-m %s: Parameter 'size' expects a non-negative number below 2^64", arg);
            return OPTIONS_ERROR;
        }
        have_size = true;
    }
    if (!have_size && arg[0] != '\0') {
        set_err(err, errlen, "-m %s: missing 'size' option value", arg);
        return OPTIONS_ERROR;
    }
    /* as QEMU: 0 (or "") means the board's default (options_parse checks the board's
     * limit once the board is known) */
    cfg->ram_size = size > UINT64_MAX - 8191 ? size : (size + 8191) & ~(uint64_t)8191;
    return OPTIONS_OK;
}

static OptionsResult opt_smp(MachineConfig *cfg, const char *arg, char *err, size_t errlen)
{
    const char *p = arg;
    char key[32], val[64];
    bool has_eq;
    int cpus = -1, topo = 1, maxcpus = -1;
    bool have_topo = false;
    while (next_prop(&p, key, sizeof(key), val, sizeof(val), &has_eq)) {
        const char *num = has_eq ? val : key;
        const char *param = has_eq ? key : "cpus";
        if (!has_eq && cpus >= 0) {
            set_err(err, errlen, "-smp %s: Invalid parameter '%s'", arg, key);
            return OPTIONS_ERROR;
        }
        bool is_cpus = strcmp(param, "cpus") == 0;
        bool is_max = strcmp(param, "maxcpus") == 0;
        bool is_topo = strcmp(param, "sockets") == 0 || strcmp(param, "dies") == 0 ||
                       strcmp(param, "clusters") == 0 || strcmp(param, "cores") == 0 ||
                       strcmp(param, "threads") == 0;
        if (!is_cpus && !is_max && !is_topo) {
            set_err(err, errlen, "-smp %s: Invalid parameter '%s'", arg, key);
            return OPTIONS_ERROR;
        }
        int v;
        if (!parse_int(num, &v)) {
            set_err(err, errlen, "-smp %s: Parameter 'smp.%s' expects integer", arg, param);
            return OPTIONS_ERROR;
        }
        if (v == 0) {
            set_err(err, errlen,
                    "-smp %s: CPU topology parameters must be greater than zero", arg);
            return OPTIONS_ERROR;
        }
        if (is_cpus) {
            cpus = v;
        } else if (is_max) {
            maxcpus = v;
        } else {
            topo = (int64_t)topo * v > 0x7fffffff ? 0x7fffffff : topo * v;
            have_topo = true;
        }
    }
    if (cpus < 0) {
        cpus = have_topo ? topo : (maxcpus > 0 ? maxcpus : 1);
    }
    if (maxcpus > 0 && maxcpus < cpus) {
        set_err(err, errlen, "-smp %s: maxcpus must be equal to or greater than smp", arg);
        return OPTIONS_ERROR;
    }
    cfg->smp = cpus; /* the board's limit: checked by options_parse at the end */
    return OPTIONS_OK;
}

static OptionsResult opt_accel(MachineConfig *cfg, const char *arg, bool *thread_set,
                               char *err, size_t errlen)
{
    const char *p = arg;
    char key[32], val[64];
    bool has_eq, first = true;
    while (next_prop(&p, key, sizeof(key), val, sizeof(val), &has_eq)) {
        if (first && (!has_eq || strcmp(key, "accel") == 0)) {
            const char *accel = has_eq ? val : key; /* "tcg" or "accel=tcg" */
            first = false;
            if (strcmp(accel, "help") == 0 || strcmp(accel, "?") == 0) {
                printf("Accelerators supported in qemu-wasm:\ntcg\n");
                return OPTIONS_EXIT_SUCCESS;
            }
            if (strcmp(accel, "tcg") != 0) {
                set_err(err, errlen, "-accel %s: invalid accelerator %s", arg, accel);
                return OPTIONS_ERROR;
            }
            continue;
        }
        if (first) {
            set_err(err, errlen, "-accel %s: Parameter 'accel' is missing", arg);
            return OPTIONS_ERROR;
        }
        if (!has_eq) {
            set_err(err, errlen, "-accel %s: Invalid parameter '%s'", arg, key);
            return OPTIONS_ERROR;
        }
        if (strcmp(key, "jit") == 0 || strcmp(key, "jit-check") == 0) {
            if (!parse_on_off(val, key[3] ? &cfg->jit_check : &cfg->jit)) {
                set_err(err, errlen, "-accel %s: Parameter '%s' expects 'on' or 'off'", arg,
                        key);
                return OPTIONS_ERROR;
            }
        } else if (strcmp(key, "jit-threshold") == 0 || strcmp(key, "jit-cache") == 0) {
            int v;
            if (!parse_int(val, &v)) {
                set_err(err, errlen, "-accel %s: Parameter '%s' expects integer", arg, key);
                return OPTIONS_ERROR;
            }
            if (key[4] == 't') {
                cfg->jit_threshold = v;
            } else {
                cfg->jit_cache = v;
            }
        } else if (strcmp(key, "thread") == 0) {
            if (strcmp(val, "multi") == 0) {
                cfg->thread_multi = true;
            } else if (strcmp(val, "single") == 0) {
                cfg->thread_multi = false;
            } else {
                set_err(err, errlen, "-accel %s: Invalid 'thread' setting %s", arg, val);
                return OPTIONS_ERROR;
            }
            *thread_set = true;
        } else {
            set_err(err, errlen, "-accel %s: Property 'tcg-accel.%s' not found", arg, key);
            return OPTIONS_ERROR;
        }
    }
    if (first) {
        set_err(err, errlen, "-accel %s: Parameter 'accel' is missing", arg);
        return OPTIONS_ERROR;
    }
    return OPTIONS_OK;
}

static OptionsResult opt_log(MachineConfig *cfg, const char *arg, char *err, size_t errlen)
{
    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        printf("Log items (comma separated):\n");
        for (size_t i = 0; i < ARRAY_LEN(log_items); i++) {
            printf("%-15s %s\n", log_items[i].name, log_items[i].desc);
        }
        return OPTIONS_EXIT_SUCCESS;
    }
    const char *p = arg;
    char key[32], val[8];
    bool has_eq;
    while (next_prop(&p, key, sizeof(key), val, sizeof(val), &has_eq)) {
        const LogItem *item = NULL;
        for (size_t i = 0; i < ARRAY_LEN(log_items); i++) {
            if (!has_eq && strcmp(key, log_items[i].name) == 0) {
                item = &log_items[i];
            }
        }
        if (!item) {
            set_err(err, errlen, "-d %s: unknown log item '%s%s%s' (use -d help for a list)",
                    arg, key, has_eq ? "=" : "", val);
            return OPTIONS_ERROR;
        }
        *(bool *)((char *)cfg + item->field) = true;
    }
    return OPTIONS_OK;
}

/* ---- -serial and -chardev (core/chardev.h builds the backends) ---------------------- */

/* "-serial ARG: " (or nothing for the default serial port, which is nobody's option) */
static void chardev_err_prefix(char *buf, size_t len, const char *opt, const char *arg)
{
    if (opt) {
        snprintf(buf, len, "%s %s: ", opt, arg);
    } else {
        buf[0] = '\0';
    }
}

/* A new backend (id, opt and arg set; the rest zero), or NULL with QEMU's message.  opt
 * NULL: the default serial port (messages name no option, as QEMU's do). */
static ChardevConfig *chardev_add(MachineConfig *cfg, const char *opt, const char *arg,
                                  const char *id, ChardevBackend backend, char *err,
                                  size_t errlen)
{
    char pre[160];
    chardev_err_prefix(pre, sizeof(pre), opt, arg);
    for (int i = 0; i < cfg->nchardevs; i++) {
        if (strcmp(cfg->chardevs[i].id, id) == 0) {
            set_err(err, errlen, "%sDuplicate ID '%s' for chardev", pre, id);
            return NULL;
        }
        if (backend == CHARDEV_STDIO && cfg->chardevs[i].backend == CHARDEV_STDIO) {
            set_err(err, errlen, "%scannot use stdio by multiple character devices", pre);
            return NULL;
        }
    }
    if (cfg->nchardevs >= CONFIG_MAX_CHARDEVS) {
        set_err(err, errlen, "%stoo many character devices (at most %d)", pre,
                CONFIG_MAX_CHARDEVS);
        return NULL;
    }
    ChardevConfig *c = &cfg->chardevs[cfg->nchardevs++];
    memset(c, 0, sizeof(*c));
    c->opt = opt ? opt : "-serial";
    c->arg = arg;
    c->id = id;
    c->backend = backend;
    return c;
}

/* -serial VALUE: kept until every -chardev is known (serial_finish), because QEMU creates
 * the -chardev backends first and reports their errors before any -serial one. */
static OptionsResult opt_serial(MachineConfig *cfg, const char *arg, char *err,
                                size_t errlen)
{
    if (cfg->nserial >= CONFIG_MAX_SERIAL) {
        set_err(err, errlen, "-serial %s: too many serial ports (at most %d)", arg,
                CONFIG_MAX_SERIAL);
        return OPTIONS_ERROR;
    }
    cfg->serial_arg[cfg->nserial] = arg;
    cfg->serial[cfg->nserial] = -1;
    cfg->nserial++;
    return OPTIONS_OK;
}

/*
 * Serial port n's backend from its -serial VALUE (arg; opt NULL for the default port),
 * in QEMU's legacy spellings: stdio and mon:stdio are one backend here (the Ctrl-A escapes
 * are the launcher's either way); null drops output; file:PATH writes PATH (truncated);
 * none leaves the port without a backend; chardev:ID is a -chardev's (or an earlier
 * port's) backend.  The backends -serial makes are named serial0, serial1, ... as QEMU's.
 */
static OptionsResult serial_connect(MachineConfig *cfg, int n, const char *opt,
                                    const char *arg, char *err, size_t errlen)
{
    static const char *const ids[] = {
        "serial0", "serial1", "serial2", "serial3", "serial4", "serial5", "serial6", "serial7",
    };
    _Static_assert(sizeof(ids) / sizeof(ids[0]) == CONFIG_MAX_SERIAL, "a name per port");
    ChardevConfig *c = NULL;
    cfg->serial[n] = -1;
    if (strcmp(arg, "none") == 0) {
        return OPTIONS_OK;
    } else if (strncmp(arg, "chardev:", 8) == 0) {
        for (int k = 0; k < cfg->nchardevs; k++) {
            if (strcmp(cfg->chardevs[k].id, arg + 8) == 0) {
                cfg->serial[n] = k;
                return OPTIONS_OK;
            }
        }
        set_err(err, errlen, "-serial %s: could not connect serial device to character "
                "backend '%s'", arg, arg);
        return OPTIONS_ERROR;
    } else if (strcmp(arg, "mon:stdio") == 0 || strcmp(arg, "stdio") == 0) {
        c = chardev_add(cfg, opt, arg, ids[n], CHARDEV_STDIO, err, errlen);
    } else if (strcmp(arg, "null") == 0) {
        c = chardev_add(cfg, opt, arg, ids[n], CHARDEV_NULL, err, errlen);
    } else if (strncmp(arg, "file:", 5) == 0) {
        c = chardev_add(cfg, opt, arg, ids[n], CHARDEV_FILE, err, errlen);
        if (c) {
            c->path = arg + 5;
        }
    } else {
        set_err(err, errlen, "-serial %s: '%s' is not a valid char driver (qemu-wasm "
                "supports mon:stdio, stdio, none, null, file:PATH, chardev:ID)", arg, arg);
        return OPTIONS_ERROR;
    }
    if (!c) {
        return OPTIONS_ERROR;
    }
    cfg->serial[n] = cfg->nchardevs - 1;
    return OPTIONS_OK;
}

/* QEMU's identifiers: a letter, then letters, digits, '-', '.', '_'. */
static bool is_identifier(const char *s)
{
    if (!isalpha((unsigned char)s[0])) {
        return false;
    }
    for (; *s; s++) {
        if (!isalnum((unsigned char)*s) && !strchr("-._", *s)) {
            return false;
        }
    }
    return true;
}

/*
 * -chardev BACKEND,id=ID[,path=P][,append=on|off][,signal=on|off][,mux=on|off]
 * BACKEND: null, stdio, file (path=).  QEMU takes these parameters for every backend and
 * ignores those a backend has no use for; signal= and mux= are checked and accepted (the
 * terminal is the launcher's: Ctrl-C goes to the guest and the Ctrl-A escapes work in
 * both cases, and any backend here takes several front ends).  Messages and their order
 * are QEMU 7.2's.
 */
static OptionsResult opt_chardev(MachineConfig *cfg, const char *arg, char *err,
                                 size_t errlen)
{
    const char *backend = NULL, *id = NULL, *path = NULL;
    size_t backend_len = 0;
    bool append = false, first = true;
    const char *p = arg;
    while (*p) {
        const char *e = p;
        while (*e && !(*e == ',' && e[1] != ',')) {
            e += *e == ',' ? 2 : 1; /* ",," is an escaped comma */
        }
        size_t n = (size_t)(e - p);
        const char *eq = memchr(p, '=', n);
        size_t klen = eq ? (size_t)(eq - p) : n;
        const char *val = eq ? eq + 1 : NULL;
        size_t vlen = eq ? n - klen - 1 : 0;
        char key[16];
        snprintf(key, sizeof(key), "%.*s", (int)(klen < 15 ? klen : 15), p);
        if (first && !eq) {
            backend = p, backend_len = n;
        } else if (klen == 7 && strncmp(p, "backend", 7) == 0 && eq) {
            backend = val, backend_len = vlen;
        } else if (klen < 15 && (strcmp(key, "id") == 0 || strcmp(key, "path") == 0)) {
            const char *v = options_pool_str(cfg, val ? val : "", vlen);
            if (!v) {
                set_err(err, errlen, "-chardev %s: too many option values", arg);
                return OPTIONS_ERROR;
            }
            *(key[0] == 'i' ? &id : &path) = v;
        } else if (klen < 15 && (strcmp(key, "append") == 0 || strcmp(key, "signal") == 0 ||
                                 strcmp(key, "mux") == 0)) {
            char v[8];
            bool on = true;
            snprintf(v, sizeof(v), "%.*s", (int)(vlen < 7 ? vlen : 7), val ? val : "");
            if (val && (vlen > 5 || !parse_on_off(v, &on))) {
                set_err(err, errlen, "-chardev %s: Parameter '%s' expects 'on' or 'off'", arg,
                        key);
                return OPTIONS_ERROR;
            }
            if (key[0] == 'a') {
                append = on;
            }
        } else {
            set_err(err, errlen, "-chardev %s: Invalid parameter '%.*s'", arg, (int)klen, p);
            return OPTIONS_ERROR;
        }
        first = false;
        p = *e ? e + 1 : e;
    }
    if (!id) {
        set_err(err, errlen, "-chardev %s: chardev: no id specified", arg);
        return OPTIONS_ERROR;
    }
    if (!is_identifier(id)) {
        set_err(err, errlen, "-chardev %s: Parameter 'id' expects an identifier", arg);
        return OPTIONS_ERROR;
    }
    for (int i = 0; i < cfg->nchardevs; i++) {
        if (strcmp(cfg->chardevs[i].id, id) == 0) {
            set_err(err, errlen, "-chardev %s: Duplicate ID '%s' for chardev", arg, id);
            return OPTIONS_ERROR;
        }
    }
    if (!backend) {
        set_err(err, errlen, "-chardev %s: chardev: \"%s\" missing backend", arg, id);
        return OPTIONS_ERROR;
    }
    static const struct {
        const char *name;
        ChardevBackend kind;
    } backends[] = {{"null", CHARDEV_NULL}, {"stdio", CHARDEV_STDIO}, {"file", CHARDEV_FILE}};
    int kind = -1;
    for (size_t i = 0; i < ARRAY_LEN(backends); i++) {
        if (strlen(backends[i].name) == backend_len &&
            strncmp(backend, backends[i].name, backend_len) == 0) {
            kind = (int)backends[i].kind;
        }
    }
    if (kind < 0) {
        set_err(err, errlen, "-chardev %s: '%.*s' is not a valid char driver name", arg,
                (int)backend_len, backend);
        return OPTIONS_ERROR;
    }
    if (kind == CHARDEV_FILE && !path) {
        set_err(err, errlen, "-chardev %s: chardev: file: no filename given", arg);
        return OPTIONS_ERROR;
    }
    ChardevConfig *c = chardev_add(cfg, "-chardev", arg, id, (ChardevBackend)kind, err,
                                   errlen);
    if (!c) {
        return OPTIONS_ERROR;
    }
    c->path = path;
    c->append = append;
    return OPTIONS_OK;
}

/* After every option: each -serial's backend, in order, after the -chardev ones; without
 * -serial, serial0 on mon:stdio (with or without -nographic: there is no display). */
static OptionsResult serial_finish(MachineConfig *cfg, char *err, size_t errlen)
{
    if (cfg->nserial == 0) {
        cfg->serial_arg[0] = NULL;
        cfg->nserial = 1;
        return serial_connect(cfg, 0, NULL, "mon:stdio", err, errlen);
    }
    for (int i = 0; i < cfg->nserial; i++) {
        if (serial_connect(cfg, i, "-serial", cfg->serial_arg[i], err, errlen) != OPTIONS_OK) {
            return OPTIONS_ERROR;
        }
    }
    return OPTIONS_OK;
}

/* ---------------------------------------------------------------------------------- */

/*
 * The target is the command's: "qemu-wasm-aarch64" runs aarch64; "qemu-wasm" (or any other
 * name, e.g. a symlink's) the first target of board_targets.
 */
static const char *target_of_program(const char *program, const char **base)
{
    const char *slash = program ? strrchr(program, '/') : NULL;
    const char *name = slash ? slash + 1 : (program ? program : "qemu-wasm");
    *base = name;
    static const char prefix[] = "qemu-wasm-";
    if (strncmp(name, prefix, sizeof(prefix) - 1) == 0) {
        const char *arch = name + sizeof(prefix) - 1;
        for (int i = 0; board_targets[i]; i++) {
            size_t n = strlen(board_targets[i]);
            /* "qemu-wasm-riscv64", also as "qemu-wasm-riscv64.js" */
            if (strncmp(arch, board_targets[i], n) == 0 && (arch[n] == 0 || arch[n] == '.')) {
                return board_targets[i];
            }
        }
    }
    return board_targets[0];
}

static void config_defaults(MachineConfig *cfg, const char *arch)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->arch = arch;
    snprintf(cfg->machine_buf, sizeof(cfg->machine_buf), "%s", board_find(arch, NULL)->name);
    cfg->machine = cfg->machine_buf;
    cfg->smp = 1;
    cfg->jit = true;
    cfg->jit_threshold = CONFIG_DEFAULT_JIT_THRESHOLD;
    cfg->jit_cache = CONFIG_DEFAULT_JIT_CACHE_MB;
}

OptionsResult options_parse(int argc, char **argv, MachineConfig *cfg, char *err,
                            size_t errlen)
{
    bool thread_set = false;
    const char *mem_arg = NULL, *program;
    if (errlen) {
        err[0] = '\0';
    }
    config_defaults(cfg, target_of_program(argc > 0 ? argv[0] : NULL, &program));

    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (opt[0] != '-' || opt[1] == '\0') {
            /* QEMU takes a bare argument as a disk image (-hda); we ask for the -drive. */
            set_err(err, errlen, "%s: a bare disk image is not supported (use -drive "
                    "file=%s,format=raw,if=virtio)", opt, opt);
            return OPTIONS_ERROR;
        }
        const char *name = opt + 1;
        if (name[0] == '-') {
            name++;
        }
        int id = -1;
        bool has_arg = false;
        for (size_t k = 0; k < ARRAY_LEN(option_table); k++) {
            if (strcmp(name, option_table[k].name) == 0) {
                id = option_table[k].id;
                has_arg = option_table[k].has_arg;
            }
        }
        if (id < 0) {
            set_err(err, errlen, "%s: invalid option", opt);
            return OPTIONS_ERROR;
        }
        const char *arg = NULL;
        if (has_arg) {
            if (i + 1 >= argc) {
                set_err(err, errlen, "%s: requires an argument", opt);
                return OPTIONS_ERROR;
            }
            arg = argv[++i];
        }

        OptionsResult r = OPTIONS_OK;
        switch (id) {
        case OPT_HELP:
            print_help(cfg, program);
            return OPTIONS_EXIT_SUCCESS;
        case OPT_VERSION:
            print_version();
            return OPTIONS_EXIT_SUCCESS;
        case OPT_MACHINE:
            r = opt_machine(cfg, arg, err, errlen);
            break;
        case OPT_CPU:
            r = opt_cpu(cfg, arg, err, errlen);
            break;
        case OPT_MEM:
            mem_arg = arg;
            r = opt_mem(cfg, arg, err, errlen);
            break;
        case OPT_SMP:
            r = opt_smp(cfg, arg, err, errlen);
            break;
        case OPT_KERNEL:
            cfg->kernel = arg;
            break;
        case OPT_INITRD:
            cfg->initrd = arg;
            break;
        case OPT_APPEND:
            cfg->append = arg;
            break;
        case OPT_BIOS:
            cfg->bios = arg;
            break;
        case OPT_DTB:
            cfg->dtb = arg;
            break;
        case OPT_NOGRAPHIC:
            cfg->nographic = true;
            break;
        case OPT_DISPLAY:
            if (strcmp(arg, "none") != 0 && strncmp(arg, "none,", 5) != 0) {
                char type[32];
                snprintf(type, sizeof(type), "%.*s", (int)strcspn(arg, ","), arg);
                set_err(err, errlen, "-display %s: Parameter 'type' does not accept value '%s'",
                        arg, type);
                r = OPTIONS_ERROR;
            }
            break;
        case OPT_SERIAL:
            r = opt_serial(cfg, arg, err, errlen);
            break;
        case OPT_CHARDEV:
            r = opt_chardev(cfg, arg, err, errlen);
            break;
        case OPT_MONITOR:
            if (strcmp(arg, "none") != 0) {
                set_err(err, errlen, "-monitor %s: qemu-wasm has no monitor yet "
                        "(only -monitor none is accepted)", arg);
                r = OPTIONS_ERROR;
            }
            break;
        case OPT_NO_REBOOT:
            cfg->no_reboot = true;
            break;
        case OPT_SEMIHOSTING:
            cfg->semihosting = true;
            break;
        case OPT_ACCEL:
            r = opt_accel(cfg, arg, &thread_set, err, errlen);
            break;
        case OPT_LOG:
            r = opt_log(cfg, arg, err, errlen);
            break;
        case OPT_LOGFILE:
            cfg->logfile = arg;
            break;
        case OPT_DATADIR:
            cfg->datadir = arg;
            break;
        case OPT_DRIVE:
            r = options_drive(cfg, arg, err, errlen);
            break;
        case OPT_FSDEV:
        case OPT_VIRTFS:
            r = options_fsdev(cfg, opt, arg, id == OPT_VIRTFS, err, errlen);
            break;
        case OPT_DEVICE:
            r = options_device(cfg, arg, err, errlen);
            break;
        case OPT_SNAPSHOT:
            cfg->snapshot = true;
            break;
        }
        if (r != OPTIONS_OK) {
            return r;
        }
    }
    if (serial_finish(cfg, err, errlen) != OPTIONS_OK) {
        return OPTIONS_ERROR;
    }
    /* What depends on the board, now that -M is known */
    const BoardInfo *board = board_find(cfg->arch, cfg->machine);
    if (cfg->ram_size == 0) {
        cfg->ram_size = board->default_ram;
    } else if (cfg->ram_size > board_max_ram(board)) {
        char max[32];
        format_size(board_max_ram(board), max, sizeof(max));
        set_err(err, errlen, "-m %s: ram size too large (at most %s)", mem_arg, max);
        return OPTIONS_ERROR;
    }
    int max_cpus = board->max_cpus < CONFIG_MAX_CPUS ? board->max_cpus : CONFIG_MAX_CPUS;
    if (cfg->smp > max_cpus) {
        set_err(err, errlen,
                "Invalid SMP CPUs %d. The max CPUs supported by machine '%s' is %d", cfg->smp,
                cfg->machine, max_cpus);
        return OPTIONS_ERROR;
    }
    if (!thread_set) {
        cfg->thread_multi = cfg->smp > 1;
    }
    return options_devices_finish(cfg, board->virtio_slots, err, errlen);
}
