/*
 * hw/intc/plic.h — RISC-V Platform-Level Interrupt Controller (PLIC spec 1.0.0), laid out
 * as on QEMU's virt board: 95 sources (1..95), two contexts per hart (M, then S).
 *   0x000000 + 4*src        priority (0 = never interrupts)
 *   0x001000 + 4*(src/32)   pending bits (read-only)
 *   0x002000 + 0x80*ctx     enable bits
 *   0x200000 + 0x1000*ctx   priority threshold; +4: claim (read) / complete (write)
 */
#ifndef HW_INTC_PLIC_H
#define HW_INTC_PLIC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"
#include "core/irq.h"
#include "core/log.h"
#include "core/memory.h"

struct Machine;

#define PLIC_SIZE 0x600000
#define PLIC_NUM_SOURCES 96 /* source 0 does not exist */
#define PLIC_WORDS (PLIC_NUM_SOURCES / 32)
#define PLIC_MAX_CONTEXTS 128

typedef struct Plic {
    Device dev;
    struct Machine *machine;
    int ncontexts;
    uint32_t priority[PLIC_NUM_SOURCES];
    uint32_t pending[PLIC_WORDS];
    uint32_t claimed[PLIC_WORDS];  /* claimed and not yet completed */
    uint32_t level[PLIC_WORDS];    /* current level of each (level-triggered) line */
    uint32_t enable[PLIC_MAX_CONTEXTS][PLIC_WORDS];
    uint32_t threshold[PLIC_MAX_CONTEXTS];
    /* context outputs: context 2h is hart h's M-mode external interrupt, 2h+1 its S-mode
     * one (set by the board) */
    IrqLine out[PLIC_MAX_CONTEXTS];
    LogOnce unimp_logged;
} Plic;

extern const MemoryOps plic_ops;

/* Set up a PLIC with two contexts per hart (outputs unwired) and add it to the machine. */
void plic_init(Plic *p, struct Machine *m, int nharts);
/* Interrupt source `irq` (1..95) as a line for a device. */
IrqLine plic_source(Plic *p, int irq);
/* Drive interrupt source `irq` to `level` (what plic_source's lines do). */
void plic_set_irq(Plic *p, int irq, int level);

#endif
