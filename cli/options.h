/*
 * cli/options.h — QEMU-compatible command line -> machine configuration.
 * Shared by both builds.  Spellings follow qemu-system-*: -M/-machine, -m, -smp, -kernel,
 * -initrd, -append, -bios, -dtb, -nographic, -serial, -accel, -d, -D, -cpu, ...
 */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OPT_MAX_CPUS 64

typedef struct MachineConfig {
    const char *machine;     /* "virt" (default for riscv64) */
    const char *machine_opts;/* text after the first comma of -M, e.g. "dumpdtb=x.dtb" */
    const char *cpu;         /* -cpu, NULL = default */
    uint64_t ram_size;       /* bytes; default 128 MiB as QEMU */
    int smp;                 /* -smp N (default 1) */
    const char *kernel;      /* -kernel */
    const char *initrd;      /* -initrd */
    const char *append;      /* -append */
    const char *bios;        /* -bios (NULL = default firmware, "none" = no firmware) */
    const char *dtb;         /* -dtb */
    bool nographic;
    /* -accel tcg[,jit=on|off][,jit-threshold=N][,jit-cache=N][,thread=single|multi] */
    bool jit;                /* default on (used once the JIT exists) */
    int jit_threshold;
    int jit_cache;
    bool thread_multi;
    /* -d item,item: */
    bool log_unimp;
    bool log_guest_errors;
    bool log_int;
    bool log_exec;
    bool log_jit;
    const char *logfile;     /* -D */
} MachineConfig;

typedef enum { OPTIONS_OK, OPTIONS_EXIT_SUCCESS, OPTIONS_ERROR } OptionsResult;

/*
 * Parse argv (argv[0] is the program name).  On error, writes a complete one-line message
 * (without the "qemu-wasm: " prefix, e.g. "-m 9T: ram size too large") to err and returns
 * OPTIONS_ERROR.  --help / --version print to stdout and return OPTIONS_EXIT_SUCCESS.
 */
OptionsResult options_parse(int argc, char **argv, MachineConfig *cfg, char *err,
                            size_t errlen);

#endif
