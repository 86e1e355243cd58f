/*
 * hw/machine.h — a machine instance: address space, vCPUs, devices, run state.
 * Nothing here is global: two machines can live in one process.
 */
#ifndef HW_MACHINE_H
#define HW_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/options.h"
#include "core/log.h"
#include "core/memory.h"
#include "core/vcpu.h"

struct CPUState;
struct TBCache;

typedef struct Machine {
    const MachineConfig *cfg;
    AddressSpace as;
    AddressSpace io;             /* I/O ports (x86 in/out); empty on boards without them */
    Log log;                     /* -d / -D */
    struct CPUState *cpus[OPT_MAX_CPUS];
    int ncpus;
    struct TBCache *tbs;         /* translated code shared by the machine's vCPUs */
    VcpuSync sync;               /* threads, device lock, exclusive sections */
    int exit_status;
    uint64_t start_ns;           /* host monotonic time at creation: timers count from it */
    bool reset_requested;
    bool exit_after_init;
    bool jit_enabled;            /* -accel tcg,jit=on and this build can run generated Wasm */        /* e.g. -M virt,dumpdtb=FILE: nothing to run */
    void *board;                 /* machine-specific state (e.g. RiscvVirt) */
    void (*board_destroy)(struct Machine *m);
    void (*board_reset)(struct Machine *m);
    /* Timers: bring time-driven device state up to date (called by the vCPU loop at
     * least every few hundred microseconds and when it wakes, or by the I/O thread with
     * the device lock held: core/vcpu.h), the host time (ns) of the next timer event,
     * and the guest-visible timer value. */
    void (*poll)(struct Machine *m);
    uint64_t (*next_deadline_ns)(struct Machine *m);
    uint64_t (*read_timer)(struct Machine *m);
} Machine;

/* Build the machine named by cfg->machine.  On error writes a one-line message (without
 * the "qemu-wasm: " prefix) to err and returns NULL. */
Machine *machine_create(const MachineConfig *cfg, char *err, size_t errlen);
/* Run until the guest powers off; returns the process exit status. */
int machine_run(Machine *m);
void machine_destroy(Machine *m);

void machine_request_shutdown(Machine *m, int status);
void machine_request_reset(Machine *m);

#endif
