/*
 * core/irq.h — an interrupt line: one wire from a source (a device, an interrupt
 * controller's output) to an input of a target (an interrupt controller's source n, a CPU's
 * interrupt input n).  Sources call irq_set(line, level) whenever their level may have
 * changed; the target decides what a level means (level-triggered, edge, ...).  A line is
 * a small value the board wires up (no allocation); an unwired line does nothing.
 *
 * CPU inputs are reached through the arch (CPUArchOps.set_irq: cpu_irq_line), never by a
 * device writing a CPU register.  Lines are driven under the device lock (core/vcpu.h);
 * a CPU's set_irq may be called from any thread.
 */
#ifndef CORE_IRQ_H
#define CORE_IRQ_H

#include <stdbool.h>

typedef void (*IrqHandler)(void *target, int n, int level);

typedef struct IrqLine {
    IrqHandler handler;          /* NULL: not connected */
    void *target;
    int n;                       /* the target's input number */
} IrqLine;

static inline IrqLine irq_line(IrqHandler handler, void *target, int n)
{
    IrqLine l = {handler, target, n};
    return l;
}

static inline void irq_set(const IrqLine *line, int level)
{
    if (line->handler) {
        line->handler(line->target, line->n, level != 0);
    }
}

static inline bool irq_connected(const IrqLine *line)
{
    return line->handler != 0;
}

struct CPUState;
/* The line into interrupt input n of a CPU (the arch numbers them: RISC-V's are mip bit
 * numbers, ARM's IRQ/FIQ/..., x86's INTR/NMI/...). */
IrqLine cpu_irq_line(struct CPUState *cpu, int n);

#endif
