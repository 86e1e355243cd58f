/*
 * core/vcpu.h — how a machine's vCPUs share the host: threads, the device lock, sleeping
 * and waking, exclusive sections (stop the world).
 *
 * Two modes (-accel tcg,thread=):
 *  - single: the machine's own thread runs every vCPU in turn and polls the devices
 *    between TBs (hw/machine.c, core/exec.c).  Nothing here costs anything then.
 *  - multi (default when -smp > 1): one host thread per vCPU (pthreads natively,
 *    emscripten pthreads = Node workers in the product); the machine's thread becomes the
 *    I/O thread: it polls the devices (timers, console input) and sleeps until the next
 *    timer deadline, console input, or a vCPU changing a deadline.
 *
 * Locks, always taken in this order (never the other way round):
 *    device lock (VcpuSync.bql)  ->  TB cache lock (TBCache.lock)  ->  VcpuSync.lock
 * The device lock is held around every MMIO access and every device poll, so device models
 * stay single-threaded code.  Exclusive sections are never requested while holding any of
 * them.
 *
 * A vCPU is "running" from when its thread starts executing guest code until it parks at a
 * safe point (the top of the exec loop, where it holds no TB, region or lock), sleeps
 * (WFI), or ends.  An exclusive section waits until no other vCPU is running and keeps
 * them parked until it ends: what cannot be done while another thread may be inside
 * translated code (flushing the TB cache, freeing evicted compiled regions) runs there.
 */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"

struct Machine;
struct CPUState;

typedef struct VcpuSync {
    bool multi;                 /* one thread per vCPU */
    pthread_mutex_t bql;        /* the device lock */
    pthread_mutex_t lock;       /* guards everything below and CPUState.sleeping */
    pthread_cond_t cond;        /* exclusive sections begin/end, vCPUs park/unpark */
    int exclusive_pending;      /* an exclusive section is waiting or running (atomic
                                   reads outside the lock: the safe-point check) */
    int running;                /* vCPUs running guest code (see above) */
    int threads_alive;          /* vCPU threads not yet finished */
    pthread_t threads[CONFIG_MAX_CPUS];
} VcpuSync;

void vcpu_sync_init(VcpuSync *s, bool multi);
void vcpu_sync_destroy(VcpuSync *s);

/* Run every vCPU on its own thread, and the devices' poll loop on the calling thread,
 * until all vCPUs stop (shutdown or reset).  Only for multi mode. */
void vcpu_run_threads(struct Machine *m);

/* The device lock (no-ops in single mode, where one thread does everything). */
void vcpu_device_lock(struct Machine *m);
void vcpu_device_unlock(struct Machine *m);

/* Safe point: park while an exclusive section is pending.  Called by the exec loop with
 * nothing held, when vcpu_exclusive_pending says so. */
static inline bool vcpu_exclusive_pending(VcpuSync *s)
{
    return __atomic_load_n(&s->exclusive_pending, __ATOMIC_ACQUIRE) != 0;
}
void vcpu_park(struct CPUState *cpu);

/* Stop every other vCPU at a safe point (self: the calling vCPU, or NULL from a thread
 * that runs no vCPU) and keep them there until vcpu_exclusive_end.  In single mode these
 * do nothing: the other vCPUs are not running while this one is. */
void vcpu_exclusive_begin(struct Machine *m, struct CPUState *self);
void vcpu_exclusive_end(struct Machine *m, struct CPUState *self);

/* Sleep a halted vCPU (multi mode) until it is kicked (cpu_exit_request) or at most
 * max_ns.  The vCPU is not running while asleep. */
void vcpu_sleep(struct CPUState *cpu, uint64_t max_ns);
/* Wake the vCPU if it sleeps in vcpu_sleep (called after setting exit_request bits). */
void vcpu_kick(struct CPUState *cpu);

/* A vCPU changed a timer deadline (mtimecmp, stimecmp): the I/O thread recomputes when it
 * must wake up.  No-op in single mode (the vCPU loop polls itself). */
void vcpu_timers_changed(struct Machine *m);

#endif
