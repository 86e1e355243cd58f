/*
 * hw/machine.c — machine selection and the run loop shared by all boards.
 */
#include "hw/machine.h"

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

/* Boards (hw/<arch>/<board>.c) */
bool riscv_virt_init(Machine *m, char *err, size_t errlen);

typedef struct BoardDef {
    const char *name;
    const char *desc;
    bool (*init)(Machine *m, char *err, size_t errlen);
} BoardDef;

static const BoardDef boards[] = {
    {"virt", "RISC-V VirtIO board", riscv_virt_init},
};

Machine *machine_create(const MachineConfig *cfg, char *err, size_t errlen)
{
    const BoardDef *def = NULL;
    for (size_t i = 0; i < sizeof(boards) / sizeof(boards[0]); i++) {
        if (strcmp(cfg->machine, boards[i].name) == 0) {
            def = &boards[i];
        }
    }
    if (!def) {
        snprintf(err, errlen, "unsupported machine type: \"%s\"", cfg->machine);
        return NULL;
    }
    Machine *m = calloc(1, sizeof(*m));
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    m->cfg = cfg;
    m->start_ns = host_clock_ns();
    as_init(&m->as);
    as_init_io(&m->io);
    m->as.layout_changed = tlb_memory_layout_changed;
    m->as.layout_opaque = m;
    if (!log_open(&m->log, cfg, err, errlen)) {
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
    if (!m->tbs || !def->init(m, err, errlen)) {
        if (!m->tbs) {
            snprintf(err, errlen, "out of memory");
        }
        machine_destroy(m);
        return NULL;
    }
    for (int i = 0; i < m->ncpus && m->jit_enabled; i++) {
        /* one table of installed regions per thread (core/jit_thread.h) */
        m->cpus[i]->jit_table = (multi || i == 0) ? jit_thread_table_new()
                                                  : m->cpus[0]->jit_table;
        if (!m->cpus[i]->jit_table) {
            snprintf(err, errlen, "out of memory");
            machine_destroy(m);
            return NULL;
        }
    }
    if (cfg->jit_check && m->jit_enabled) {
        for (int i = 0; i < m->ncpus; i++) {
            m->cpus[i]->jit_check = jit_check_new(m->cpus[i]);
            if (!m->cpus[i]->jit_check) {
                snprintf(err, errlen, "-accel tcg,jit-check=on: out of memory");
                machine_destroy(m);
                return NULL;
            }
        }
    } else if (cfg->jit_check && !jit_supported()) {
        host_error("warning: -accel tcg,jit-check=on: this build has no JIT (it runs under "
                   "Node only): nothing to check");
    }
    return m;
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
    if (m->board_destroy) {
        m->board_destroy(m);
    }
    tb_cache_free(m->tbs);
    as_destroy(&m->as);
    as_destroy(&m->io);
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
            m->cpus[i]->arch->reset(m->cpus[i]);
        }
        if (m->board_reset) {
            m->board_reset(m);
        }
    }
    machine_log_stats(m);
    return m->exit_status;
}
