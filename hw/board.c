/*
 * hw/board.c — the board table and machine creation.  Boards are listed here by their
 * BoardInfo only; their code is in hw/<arch>/.
 */
#include "hw/board.h"

#include <stdio.h>
#include <string.h>

extern const BoardInfo riscv_virt_board; /* hw/riscv/virt.c */
extern const BoardInfo arm_virt_board;   /* hw/arm/virt.c */

static const BoardInfo *const boards[] = {
    &riscv_virt_board,
    &arm_virt_board,
};

const char *const board_targets[] = {"riscv64", "aarch64", NULL};

#define NBOARDS (sizeof(boards) / sizeof(boards[0]))

bool board_target_known(const char *arch)
{
    for (int i = 0; board_targets[i]; i++) {
        if (strcmp(board_targets[i], arch) == 0) {
            return true;
        }
    }
    return false;
}

const BoardInfo *board_of_target(const char *arch, int i)
{
    for (size_t k = 0; k < NBOARDS; k++) {
        if (strcmp(boards[k]->arch, arch) == 0 && i-- == 0) {
            return boards[k];
        }
    }
    return NULL;
}

const BoardInfo *board_find(const char *arch, const char *name)
{
    if (!name) {
        return board_of_target(arch, 0);
    }
    for (size_t k = 0; k < NBOARDS; k++) {
        if (strcmp(boards[k]->arch, arch) == 0 && strcmp(boards[k]->name, name) == 0) {
            return boards[k];
        }
    }
    return NULL;
}

bool board_target_has_cpu(const char *arch, const char *model)
{
    const BoardInfo *b;
    for (int i = 0; (b = board_of_target(arch, i)) != NULL; i++) {
        for (int k = 0; b->cpu_models[k]; k++) {
            if (strcmp(b->cpu_models[k], model) == 0) {
                return true;
            }
        }
    }
    return false;
}

Machine *machine_create(const MachineConfig *cfg, char *err, size_t errlen)
{
    const BoardInfo *board = board_find(cfg->arch, cfg->machine);
    if (!board) {
        snprintf(err, errlen, "unsupported machine type: \"%s\"", cfg->machine);
        return NULL;
    }
    Machine *m = machine_new(cfg, err, errlen);
    if (!m) {
        return NULL;
    }
    if (!board->init(m, err, errlen) || !machine_realize(m, err, errlen)) {
        machine_destroy(m);
        return NULL;
    }
    return m;
}
