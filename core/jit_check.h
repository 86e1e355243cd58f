/*
 * core/jit_check.h — -accel tcg,jit-check=on: every time compiled code is about to run a
 * TB, run that TB on the interpreter first, undo what it did, run the compiled code, and
 * compare.  The first difference in guest state is reported (which TB, which field, both
 * values) and the machine stops with status 1.
 *
 * How one TB is run twice without doing anything twice:
 *   - CPU state: a copy of the whole arch CPU struct is taken before and restored between
 *     the runs (CPUArchOps.state_size bytes).
 *   - RAM: while checking, every guest store takes the TLB slow path (write tags are kept
 *     invalid), which logs the old bytes; they are put back after the interpreter's run.
 *     Stores by helpers (atomics, through tlb_host_rw) are logged the same way.
 *   - Devices: the interpreter's MMIO accesses really happen and are recorded; the compiled
 *     run is served the recorded values (and its writes are compared, not performed).
 * Compiled regions run one TB per call while checking (CPUState.tb_budget = 1).
 */
#ifndef CORE_JIT_CHECK_H
#define CORE_JIT_CHECK_H

#include <stdbool.h>
#include <stdint.h>

struct CPUState;
struct TranslationBlock;

typedef struct JitCheck JitCheck;

JitCheck *jit_check_new(struct CPUState *cpu);
void jit_check_free(JitCheck *k);

/* Run tb (compiled: fn is its region's function in this thread) both ways; returns what
 * the compiled code returned (exit | member << 2).  On a difference, reports it and
 * requests shutdown(1).  Single-threaded machines only (hw/machine.c). */
int jit_check_run(struct CPUState *cpu, struct TranslationBlock *tb,
                  int (*fn)(void *env, int entry));

/* TBs compared so far, and TBs that could not be (a log overflowed). */
void jit_check_counts(const JitCheck *k, uint64_t *checked, uint64_t *unchecked);

/* Hooks for the TLB slow paths (core/tlb.c), called only when cpu->jit_check is set. */
/* RAM about to be written at host[0..size): log the old bytes. */
void jit_check_ram_write(struct CPUState *cpu, void *host, unsigned size);
/* A device access.  Returns true if it was served from the record (the caller must not
 * touch the device; *val holds a read's value). */
bool jit_check_mmio(struct CPUState *cpu, uint64_t paddr, unsigned size, uint64_t *val,
                    bool write);
/* After a device read that jit_check_mmio did not serve: the value it returned. */
void jit_check_mmio_done(struct CPUState *cpu, uint64_t val);
/* A value from outside the guest (the timer): recorded, then replayed. */
void jit_check_value(struct CPUState *cpu, uint64_t *val);
/* Is this the compiled run of a checked TB?  Helpers with effects outside the vCPU (a PE
 * powered on, a line printed) then replay their recorded result instead of acting again. */
bool jit_check_replaying(const struct CPUState *cpu);

#endif
