/*
 * hw/board.h — the board table: every machine type of every target, with the facts the
 * command line, the help texts and the machine's creation need.  One line per board
 * (hw/boards.c); each board's file defines its BoardInfo next to its init function.
 */
#ifndef HW_BOARD_H
#define HW_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/machine.h"

typedef struct BoardInfo {
    const char *arch;                 /* target: "riscv64", "aarch64", "x86_64" */
    const char *name;                 /* -M NAME */
    const char *desc;                 /* for -machine help */
    const char *const *cpu_models;    /* NULL-terminated; the first is the default */
    uint64_t default_ram;             /* -m default (bytes) */
    uint64_t max_ram;                 /* largest -m the board takes (0: CONFIG's MAX_RAM_SIZE) */
    int max_cpus;                     /* -smp limit */
    int virtio_slots;                 /* virtio devices it can take (0: none) */
    const char *firmware;             /* default -bios file in the target's firmware
                                         directory (build/bios/<arch>/), or NULL */
    /* Add the board's memory, CPUs and devices to the machine; false + message on error. */
    bool (*init)(Machine *m, char *err, size_t errlen);
} BoardInfo;

/* The targets this build has, in a fixed order (the first is the default command's). */
extern const char *const board_targets[];
bool board_target_known(const char *arch);

/* The board named `name` of target `arch`, or NULL.  name NULL: the target's default
 * (its first board). */
const BoardInfo *board_find(const char *arch, const char *name);
/* The i-th board of target arch (NULL past the last): -machine help. */
const BoardInfo *board_of_target(const char *arch, int i);
/* Is `model` a CPU model of one of the target's boards? */
bool board_target_has_cpu(const char *arch, const char *model);

/* Build the machine cfg asks for (cfg->arch, cfg->machine): the engine's part, the board,
 * then the realize step.  NULL + one-line message on error. */
Machine *machine_create(const MachineConfig *cfg, char *err, size_t errlen);

#endif
