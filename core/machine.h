/*
 * core/machine.h — the engine's machine context: address space, vCPUs, translated code,
 * threads, log and run state.  Boards (hw/) fill it in through this header; nothing in it
 * knows which board or guest architecture it runs.  Nothing here is global: two machines
 * can live in one process.
 *
 * Life cycle: a board's creator (hw/board.c: machine_create) calls machine_new, lets the
 * board add memory, CPUs and devices, then machine_realize; machine_run runs it until the
 * guest powers off; machine_destroy frees it.
 */
#ifndef CORE_MACHINE_H
#define CORE_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/chardev.h"
#include "core/config.h"
#include "core/device.h"
#include "core/log.h"
#include "core/memory.h"
#include "core/timer.h"
#include "core/vcpu.h"

struct CPUState;
struct TBCache;

typedef struct Machine {
    const MachineConfig *cfg;
    AddressSpace as;
    AddressSpace io;             /* I/O ports (x86 in/out); empty on boards without them */
    Log log;                     /* -d / -D */
    struct CPUState *cpus[CONFIG_MAX_CPUS];
    int ncpus;
    struct TBCache *tbs;         /* translated code shared by the machine's vCPUs */
    VcpuSync sync;               /* threads, device lock, exclusive sections */
    int exit_status;
    uint64_t start_ns;           /* host monotonic time when the machine clock was 0 */
    uint64_t clock_stopped_at;   /* the machine clock's value while stopped, else UINT64_MAX */
    Device clock_dev;            /* the machine clock in saved state (the first device) */
    bool reset_requested;
    bool exit_after_init;        /* e.g. -M virt,dumpdtb=FILE: nothing to run */
    bool jit_enabled;            /* -accel tcg,jit=on and this build can run generated Wasm */
    Device *devices;             /* every device, CPU and loader, in creation order */
    TimerList timers;            /* every device timer (core/timer.h) */
    ChardevSet chardevs;         /* -chardev / -serial backends; their input is routed by
                                    machine_poll (core/chardev.h) */
    void *board;                 /* machine-specific state (e.g. RiscvVirt) */
    void (*board_destroy)(struct Machine *m); /* after every device's destroy */
    /* Other host events for the board's devices (console input is the chardev layer's):
     * called by machine_poll, with the device lock held.  Optional. */
    void (*poll)(struct Machine *m);
    /* The guest's timebase (RISC-V mtime, ...): its value now and its rate.  Set by the
     * board; CPUs read it (the time CSR, Sstc). */
    uint64_t (*read_timer)(struct Machine *m);
    uint64_t timebase_hz;
} Machine;

/* The engine's part of a new machine (address space, log, threads, TB cache) for cfg.
 * On error writes a one-line message (without the "qemu-wasm: " prefix) to err and
 * returns NULL. */
Machine *machine_new(const MachineConfig *cfg, char *err, size_t errlen);
/* After the board added its CPUs and devices: per-thread JIT tables, jit-check. */
bool machine_realize(Machine *m, char *err, size_t errlen);
/* Run until the guest powers off; returns the process exit status. */
int machine_run(Machine *m);
void machine_destroy(Machine *m);

/* Serial port i's character backend (QEMU's serial_hd(i)); NULL: none.  A board connects
 * the ports it has; ports it has no UART for are left unused. */
Chardev *machine_serial_hd(Machine *m, int i);
/* The host console's backend, for devices always on it (a virtio console); NULL if out of
 * memory. */
Chardev *machine_console_chardev(Machine *m);

void machine_request_shutdown(Machine *m, int status);
void machine_request_reset(Machine *m);

/* Sleep until the machine's next timer event (bounded), or until woken by input. */
void machine_sleep_until_event(Machine *m);
/* The machine clock: nanoseconds of the machine's life, following the host's monotonic
 * clock while it runs and standing still while stopped (a saved state restores it).
 * Guest timebases (mtime, the generic timer, the TSC) count from it. */
uint64_t machine_clock_ns(Machine *m);
void machine_clock_stop(Machine *m);
void machine_clock_start(Machine *m);

/* Fire expired timers and take host input (the vCPU loop in single-thread mode, every few
 * hundred microseconds; the I/O thread otherwise, with the device lock held). */
void machine_poll(Machine *m);
/* The guest's timebase was moved (a write to RISC-V's mtime, ...): every CPU re-arms the
 * timers it derives from it (CPUArchOps.timebase_changed). */
void machine_timebase_changed(Machine *m);

#endif
