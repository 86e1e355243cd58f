/*
 * cli/options.h — QEMU-compatible command line -> machine configuration.
 * Shared by both builds.  Spellings follow qemu-system-*: -M/-machine, -m, -smp, -kernel,
 * -initrd, -append, -bios, -dtb, -nographic, -serial, -accel, -d, -D, -cpu, -drive, -fsdev,
 * -virtfs, -device, -snapshot, ...
 */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"

typedef enum { OPTIONS_OK, OPTIONS_EXIT_SUCCESS, OPTIONS_ERROR } OptionsResult;

/*
 * Parse argv (argv[0] is the program name).  On error, writes a complete one-line message
 * (without the "qemu-wasm: " prefix, e.g. "-m 9T: ram size too large") to err and returns
 * OPTIONS_ERROR.  --help / --version print to stdout and return OPTIONS_EXIT_SUCCESS.
 */
OptionsResult options_parse(int argc, char **argv, MachineConfig *cfg, char *err,
                            size_t errlen);

/* cli/options_devices.c, called by options_parse: one -drive / -fsdev / -virtfs / -device
 * each (opt is "-drive" etc.), then options_devices_finish once all are seen (resolves
 * drive= and fsdev= references, adds the if=virtio drives' devices, checks that the board's
 * `slots` virtio slots take them all). */
OptionsResult options_drive(MachineConfig *cfg, const char *arg, char *err, size_t errlen);
OptionsResult options_fsdev(MachineConfig *cfg, const char *opt, const char *arg,
                            bool virtfs, char *err, size_t errlen);
OptionsResult options_device(MachineConfig *cfg, const char *arg, char *err, size_t errlen);
OptionsResult options_devices_finish(MachineConfig *cfg, int slots, char *err,
                                     size_t errlen);

/* s[0, n) copied into cfg->strpool with QEMU's ",," escape turned into ","; NULL when the
 * pool is full.  Shared by the -chardev parser and the device options. */
const char *options_pool_str(MachineConfig *cfg, const char *s, size_t n);

#endif
