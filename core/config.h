/*
 * core/config.h — a machine's configuration: what the command line (cli/) or any other
 * front end asks for, as plain data the engine (core/) and the boards (hw/) read.
 * Nothing in it is specific to one guest architecture or board: those facts (default RAM,
 * CPU models, virtio slots, firmware) are in the board table (hw/board.h).
 */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QEMU_WASM_VERSION "0.1.0"

#define CONFIG_MAX_CPUS 64

/*
 * The largest -m we accept.  The Wasm build keeps guest RAM inside its fixed-size linear
 * memory (Makefile: WASM_MEMORY, -sINITIAL_MEMORY=3072MB): 2 GiB of guest RAM leaves about
 * 1 GiB for the engine (translated code, TLBs, thread stacks, file buffers).  Raising this
 * means raising WASM_MEMORY too (4032MB is the most that works; see NOTES.md).  The native
 * build takes any size the host can map (the machine reports "cannot set up guest memory").
 */
#ifdef __EMSCRIPTEN__
#define MAX_RAM_SIZE (2ull << 30)
#else
#define MAX_RAM_SIZE (1ull << 40)
#endif

/* -accel tcg defaults (tunable by the JIT: these are the values without jit-threshold= /
 * jit-cache=).  jit-threshold=0 compiles every block on first use (tests). */
#define CONFIG_DEFAULT_JIT_THRESHOLD 1000
#define CONFIG_DEFAULT_JIT_CACHE_MB 64

/* Disks, shared directories and virtio devices (cli/options_devices.c).  How many virtio
 * devices a board takes is the board's (BoardInfo.virtio_slots); this is the most any has. */
#define CONFIG_MAX_DRIVES 16
#define CONFIG_MAX_FSDEVS 8
#define CONFIG_MAX_VIRTIO 32

typedef enum {                   /* -drive cache= (hw/block/block.h BlockCacheMode order) */
    DRIVE_CACHE_WRITEBACK,
    DRIVE_CACHE_NONE,
    DRIVE_CACHE_WRITETHROUGH,
    DRIVE_CACHE_DIRECTSYNC,
    DRIVE_CACHE_UNSAFE,
} DriveCache;

typedef struct DriveConfig {
    const char *opt;             /* the -drive argument as typed (for messages) */
    const char *id;              /* id=, or NULL */
    const char *file;            /* file= */
    const char *format;          /* "raw" or "qcow2"; NULL: probed (qcow2 by its magic) */
    bool if_none;                /* if=none: only a -device uses it */
    bool readonly;               /* readonly=on (or read-only=on) */
    bool snapshot;               /* snapshot=on, or -snapshot */
    DriveCache cache;
    bool used;                   /* claimed by a device */
} DriveConfig;

typedef enum {                   /* hw/fs/p9.h P9SecurityModel order */
    FSDEV_SECURITY_PASSTHROUGH,
    FSDEV_SECURITY_MAPPED_XATTR,
    FSDEV_SECURITY_NONE,
    FSDEV_SECURITY_MAPPED_FILE,
} FsdevSecurity;

typedef struct FsdevConfig {
    const char *opt;             /* "-fsdev ARG" or "-virtfs ARG" as typed */
    const char *id;
    const char *path;
    FsdevSecurity security_model;
    bool readonly;
    bool used;
} FsdevConfig;

typedef enum {
    VIRTIO_DEV_BLK,              /* virtio-blk-device, or -drive if=virtio */
    VIRTIO_DEV_RNG,              /* virtio-rng-device */
    VIRTIO_DEV_CONSOLE,          /* virtio-serial-device (+ virtconsole): hvc0 */
    VIRTIO_DEV_9P,               /* virtio-9p-device, or -virtfs */
} VirtioDevKind;

typedef struct VirtioDevConfig {
    VirtioDevKind kind;
    const char *opt;             /* "-device ARG", "-drive ARG" or "-virtfs ARG" (messages) */
    int drive;                   /* BLK: index into drives[] */
    int fsdev;                   /* 9P: index into fsdevs[] */
    const char *mount_tag;       /* 9P */
    const char *ref;             /* drive= / fsdev= as typed (resolved after parsing) */
    bool ref_given;
} VirtioDevConfig;

/* Character backends (-chardev, -serial): core/chardev.h. */
#define CONFIG_MAX_CHARDEVS 16
#define CONFIG_MAX_SERIAL 8

typedef enum {
    CHARDEV_NULL,                /* output dropped, no input */
    CHARDEV_STDIO,               /* the host console (core/host.h host_console_*) */
    CHARDEV_FILE,                /* output to path= (truncated, or append=on) */
} ChardevBackend;

typedef struct ChardevConfig {
    const char *opt;             /* "-chardev" or "-serial" (messages) */
    const char *arg;             /* its argument as typed (messages) */
    const char *id;              /* id=, or "serialN" for a -serial backend */
    ChardevBackend backend;
    const char *path;            /* file: path= */
    bool append;                 /* file: append=on keeps what the file had */
} ChardevConfig;

/*
 * Strings point into argv, except machine and cpu, which point into the name buffers
 * below: keep the MachineConfig that options_parse filled (don't copy it by value).
 */
typedef struct MachineConfig {
    const char *arch;        /* target: "riscv64", ... (chosen by the command's name) */
    const char *machine;     /* board name, e.g. "virt" (default: the target's first board) */
    const char *machine_opts;/* text after the machine name of -M, e.g. "dumpdtb=x.dtb";
                                NULL if none.  -M type=virt,x=y gives "x=y". */
    const char *cpu;         /* -cpu model name (text before the first comma), NULL = default */
    const char *cpu_opts;    /* -cpu text after the first comma ("v=true,..."), or NULL */
    uint64_t ram_size;       /* bytes; default: the board's (0 until the board is known) */
    int smp;                 /* -smp N (default 1) */
    const char *kernel;      /* -kernel */
    const char *initrd;      /* -initrd */
    const char *append;      /* -append */
    const char *bios;        /* -bios (NULL = default firmware, "none" = no firmware) */
    const char *dtb;         /* -dtb */
    const char *datadir;     /* -L: where firmware files are (default: see cli/main.c) */
    bool nographic;
    /* -chardev and -serial (core/chardev.h builds the backends): chardevs[] holds every
     * backend, the -chardev ones first, then those -serial creates ("serial0", ...), which
     * is QEMU's order of creation (and of error messages); serial[i] is serial port i's
     * backend (an index into chardevs[]), or -1 for -serial none.  Without -serial,
     * serial0 is on mon:stdio (nserial 1). */
    ChardevConfig chardevs[CONFIG_MAX_CHARDEVS];
    int nchardevs;
    int serial[CONFIG_MAX_SERIAL];
    const char *serial_arg[CONFIG_MAX_SERIAL]; /* the -serial argument (NULL: the default) */
    int nserial;
    bool no_reboot;          /* -no-reboot: a guest reset exits instead */
    bool semihosting;        /* -semihosting (boards that support it) */
    /* -accel tcg[,jit=on|off][,jit-threshold=N][,jit-cache=N][,jit-check=on|off]
     *           [,thread=single|multi] */
    bool jit;                /* default on (used once the JIT exists) */
    int jit_threshold;       /* block executions before compiling; default
                                CONFIG_DEFAULT_JIT_THRESHOLD */
    int jit_cache;           /* MiB of compiled code kept; default CONFIG_DEFAULT_JIT_CACHE_MB */
    bool jit_check;          /* jit-check=on: run compiled code on both engines, compare */
    bool thread_multi;       /* default: smp > 1 */
    /* -d item,item: */
    bool log_unimp;
    bool log_guest_errors;
    bool log_int;
    bool log_exec;
    bool log_jit;
    const char *logfile;     /* -D */
    /* -drive, -fsdev/-virtfs, -device: devices in creation order (the board gives the
     * first one the virtio-mmio slot Linux probes first) */
    DriveConfig drives[CONFIG_MAX_DRIVES];
    int ndrives;
    FsdevConfig fsdevs[CONFIG_MAX_FSDEVS];
    int nfsdevs;
    VirtioDevConfig virtio[CONFIG_MAX_VIRTIO];
    int nvirtio;
    bool snapshot;           /* -snapshot: every drive snapshot=on */
    char strpool[16384];     /* unescaped option values (",," -> ",") */
    size_t strpool_used;
    char machine_buf[32];    /* storage for machine */
    char cpu_buf[32];        /* storage for cpu */
} MachineConfig;

#endif
