/*
 * core/machine.c — the engine's machine: creation of its shared parts, the run loop
 * (threads or round robin), reset and shutdown requests.  Boards: hw/board.c.
 */
#include "core/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/host.h"
#include "core/jit_check.h"
#include "core/jit_thread.h"
#include "core/tb.h"
#include "core/tlb.h"
#include "tcg/wasm/jit.h"

uint64_t machine_clock_ns(Machine *m)
{
    uint64_t stopped = __atomic_load_n(&m->clock_stopped_at, __ATOMIC_RELAXED);
    return stopped != UINT64_MAX ? stopped : host_clock_ns() - m->start_ns;
}

void machine_clock_stop(Machine *m)
{
    if (m->clock_stopped_at == UINT64_MAX) {
        __atomic_store_n(&m->clock_stopped_at, machine_clock_ns(m), __ATOMIC_RELAXED);
    }
}

void machine_clock_start(Machine *m)
{
    if (m->clock_stopped_at != UINT64_MAX) {
        m->start_ns = host_clock_ns() - m->clock_stopped_at;
        __atomic_store_n(&m->clock_stopped_at, UINT64_MAX, __ATOMIC_RELAXED);
    }
}

static void clock_save(Device *d, StateWriter *w)
{
    Machine *m = (Machine *)((char *)d - offsetof(Machine, clock_dev));
    sw_u64(w, machine_clock_ns(m));
}

static bool clock_load(Device *d, StateReader *r, uint32_t version)
{
    (void)version;
    Machine *m = (Machine *)((char *)d - offsetof(Machine, clock_dev));
    uint64_t ns = sr_u64(r);
    if (r->failed) {
        return false;
    }
    /* start_ns may "precede" the host's clock (a machine that ran longer than this host has
     * been up): unsigned arithmetic wraps back in machine_clock_ns */
    if (m->clock_stopped_at != UINT64_MAX) {
        m->clock_stopped_at = ns;
    } else {
        m->start_ns = host_clock_ns() - ns;
    }
    return true;
}

static const DeviceOps clock_device_ops = {
    .type = "machine-clock",
    .version = 1,
    .save = clock_save,
    .load = clock_load,
};

static void timers_changed(void *opaque)
{
    vcpu_timers_changed(opaque); /* the I/O thread computes its sleep again */
}

Machine *machine_new(const MachineConfig *cfg, char *err, size_t errlen)
{
    Machine *m = calloc(1, sizeof(*m));
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    m->cfg = cfg;
    m->start_ns = host_clock_ns();
    m->clock_stopped_at = UINT64_MAX;
    device_add(m, &m->clock_dev, &clock_device_ops, "clock");
    as_init(&m->as);
    as_init_io(&m->io);
    m->as.layout_changed = tlb_memory_layout_changed;
    m->as.layout_opaque = m;
    timer_list_init(&m->timers, timers_changed, m);
    if (!log_open(&m->log, cfg, err, errlen)) {
        timer_list_destroy(&m->timers);
        as_destroy(&m->as);
        as_destroy(&m->io);
        free(m);
        return NULL;
    }
    if (!chardevs_init(&m->chardevs, cfg, err, errlen)) {
        log_close(&m->log);
        timer_list_destroy(&m->timers);
        as_destroy(&m->as);
        free(m);
        return NULL;
    }
    m->jit_enabled = cfg->jit && jit_supported();
    bool multi = cfg->thread_multi && cfg->smp > 1;
    if (multi && cfg->jit_check && m->jit_enabled) {
        /* the check replays one vCPU's TB against memory no other thread may change */
        host_error("warning: -accel tcg,jit-check=on runs the vCPUs on one thread "
                   "(thread=single)");
        multi = false;
    }
    vcpu_sync_init(&m->sync, multi);
    if (multi) {
        m->as.mmio_lock = &m->sync.bql;
        m->io.mmio_lock = &m->sync.bql;
    }
    m->tbs = tb_cache_new(multi);
    if (!m->tbs) {
        snprintf(err, errlen, "out of memory");
        machine_destroy(m);
        return NULL;
    }
    return m;
}

bool machine_realize(Machine *m, char *err, size_t errlen)
{
    const MachineConfig *cfg = m->cfg;
    bool multi = m->sync.multi;
    /* power-on is a reset: every device in its reset state, its lines driven (e.g. a
     * RISC-V CLINT's MTIP is pending from mtimecmp 0) */
    machine_reset_devices(m);
    for (int i = 0; i < m->ncpus && m->jit_enabled; i++) {
        /* one table of installed regions per thread (core/jit_thread.h) */
        m->cpus[i]->jit_table = (multi || i == 0) ? jit_thread_table_new()
                                                  : m->cpus[0]->jit_table;
        if (!m->cpus[i]->jit_table) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
    }
    if (cfg->jit_check && m->jit_enabled) {
        for (int i = 0; i < m->ncpus; i++) {
            m->cpus[i]->jit_check = jit_check_new(m->cpus[i]);
            if (!m->cpus[i]->jit_check) {
                snprintf(err, errlen, "-accel tcg,jit-check=on: out of memory");
                return false;
            }
        }
    } else if (cfg->jit_check && !jit_supported()) {
        host_error("warning: -accel tcg,jit-check=on: this build has no JIT (it runs under "
                   "Node only): nothing to check");
    }
    return true;
}

void machine_destroy(Machine *m)
{
    if (!m) {
        return;
    }
    for (int i = 0; i < m->ncpus; i++) {
        if (m->cpus[i] && (m->sync.multi || i == 0)) {
            jit_thread_table_free(m->cpus[i]->jit_table);
        }
    }
    machine_destroy_devices(m);
    if (m->board_destroy) {
        m->board_destroy(m);
    }
    chardevs_destroy(&m->chardevs);
    tb_cache_free(m->tbs);
    as_destroy(&m->as);
    as_destroy(&m->io);
    timer_list_destroy(&m->timers);
    log_close(&m->log);
    vcpu_sync_destroy(&m->sync);
    free(m);
}

void machine_request_shutdown(Machine *m, int status)
{
    m->exit_status = status;
    for (int i = 0; i < m->ncpus; i++) {
        cpu_exit_request(m->cpus[i], CPU_EXIT_STOP);
    }
    host_sleep_wake(); /* the I/O thread, if any, notices the vCPUs ending */
}

Chardev *machine_serial_hd(Machine *m, int i)
{
    return chardevs_serial(&m->chardevs, i);
}

Chardev *machine_console_chardev(Machine *m)
{
    return chardevs_console(&m->chardevs);
}

void machine_request_reset(Machine *m)
{
    if (m->cfg->no_reboot) {
        machine_request_shutdown(m, 0); /* -no-reboot: a reset ends the run, as QEMU */
        return;
    }
    m->reset_requested = true;
    for (int i = 0; i < m->ncpus; i++) {
        cpu_exit_request(m->cpus[i], CPU_EXIT_STOP);
    }
}

void machine_poll(Machine *m)
{
    timer_list_run(&m->timers, host_clock_ns());
    chardevs_poll(&m->chardevs);
    if (m->poll) {
        m->poll(m);
    }
}

void machine_timebase_changed(Machine *m)
{
    for (int i = 0; i < m->ncpus; i++) {
        if (m->cpus[i]->arch->timebase_changed) {
            m->cpus[i]->arch->timebase_changed(m->cpus[i]);
        }
    }
}

/* Longest sleep of the one thread when every vCPU is halted, before it looks again. */
#define HALT_MAX_SLEEP_NS 10000000ull

void machine_sleep_until_event(Machine *m)
{
    uint64_t now = host_clock_ns();
    uint64_t deadline = timer_list_deadline(&m->timers);
    uint64_t wait = deadline > now ? deadline - now : 0;
    if (wait > HALT_MAX_SLEEP_NS) {
        wait = HALT_MAX_SLEEP_NS;
    }
    if (wait) {
        host_sleep_ns(wait);
    }
}

/* TBs a vCPU runs before the next one gets its turn, when one thread runs them all. */
#define RR_SLICE_TBS 4096

/* -accel tcg,thread=single: all vCPUs take turns on this thread. */
static void run_round_robin(Machine *m)
{
    for (;;) {
        bool all_halted = true;
        for (int i = 0; i < m->ncpus; i++) {
            CPUExecResult r = cpu_exec(m->cpus[i], m->ncpus == 1 ? UINT64_MAX : RR_SLICE_TBS,
                                       m->ncpus == 1);
            if (r == CPU_EXEC_STOPPED) {
                return;
            }
            if (r != CPU_EXEC_HALTED) {
                all_halted = false;
            }
        }
        if (all_halted) {
            /* unless one of them woke another (an IPI) after that one's turn */
            for (int i = 0; i < m->ncpus; i++) {
                if (!m->cpus[i]->arch->is_halted(m->cpus[i])) {
                    all_halted = false;
                }
            }
        }
        if (all_halted) {
            machine_sleep_until_event(m);
        }
    }
}

static void machine_log_stats(Machine *m)
{
    if (log_enabled(&m->log, LOG_JIT)) {
        TBCache *c = m->tbs;
        log_printf(&m->log,
                   "jit: %llu blocks translated, %llu compiled to Wasm in %llu regions "
                   "(%llu failed), %llu bytes live, %llu flushes, %llu invalidations\n",
                   (unsigned long long)c->translations, (unsigned long long)c->jit_blocks,
                   (unsigned long long)c->jit_compiles,
                   (unsigned long long)c->jit_failures, (unsigned long long)c->jit_live_bytes,
                   (unsigned long long)c->flushes, (unsigned long long)c->invalidations);
        for (int i = 0; i < m->ncpus; i++) {
            uint64_t checked, unchecked;
            if (m->cpus[i]->jit_check) {
                jit_check_counts(m->cpus[i]->jit_check, &checked, &unchecked);
                log_printf(&m->log, "jit-check: vCPU %d: %llu TBs checked, %llu could not be\n",
                           i, (unsigned long long)checked, (unsigned long long)unchecked);
            }
        }
        log_printf(&m->log, "jit: %llu regions evicted; %u modules live\n",
                   (unsigned long long)c->jit_evictions, c->jit_live_modules);
        log_printf(&m->log, "jit: %llu module instantiations (%llu by threads that did not "
                   "compile them), %.1f ms (%.0f us each)\n",
                   (unsigned long long)c->jit_installs,
                   (unsigned long long)(c->jit_installs - c->jit_compiles),
                   (double)c->jit_install_ns / 1e6,
                   c->jit_installs ? (double)c->jit_install_ns / 1e3 / (double)c->jit_installs
                                   : 0.0);
    }
}

int machine_run(Machine *m)
{
    for (;;) {
        if (m->sync.multi) {
            for (int i = 0; i < m->ncpus; i++) {
                /* a new thread has a new function table: nothing installed in it yet */
                jit_thread_table_reset(m->cpus[i]->jit_table);
            }
            vcpu_run_threads(m);
        } else {
            run_round_robin(m);
        }
        if (!m->reset_requested) {
            break;
        }
        m->reset_requested = false;
        tb_flush(m);
        for (int i = 0; i < m->ncpus; i++) {
            m->cpus[i]->exit_request = 0;
        }
        machine_reset_devices(m); /* the CPUs, the devices, the loaded images */
    }
    machine_log_stats(m);
    return m->exit_status;
}
