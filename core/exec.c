/*
 * core/exec.c — the vCPU loop: find TB -> run -> handle exit, interrupt or exception.
 */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/host.h"
#include "core/jit_check.h"
#include "core/tb.h"
#include "hw/machine.h"
#include "tcg/interp.h"
#include "tcg/ir.h"

void cpu_common_init(CPUState *cpu, const CPUArchOps *arch, Machine *m, int index)
{
    cpu->arch = arch;
    cpu->machine = m;
    cpu->index = index;
    cpu->excp_index = -1;
    cpu->irblock = calloc(1, sizeof(IrBlock));
    tlb_flush(cpu);
}

void cpu_common_destroy(CPUState *cpu)
{
    jit_check_free(cpu->jit_check);
    cpu->jit_check = NULL;
    free(cpu->irblock);
    cpu->irblock = NULL;
}

void cpu_exit_request(CPUState *cpu, uint32_t bits)
{
    __atomic_fetch_or(&cpu->exit_request, bits, __ATOMIC_SEQ_CST);
}

void cpu_halt(CPUState *cpu)
{
    cpu->halted = true;
    cpu_exit_request(cpu, CPU_EXIT_HALT); /* compiled regions check only exit_request */
}

/* Handle exit requests at a safe point.  Returns false if the loop must stop. */
static bool cpu_handle_exit_request(CPUState *cpu)
{
    uint32_t req = __atomic_exchange_n(&cpu->exit_request, 0, __ATOMIC_SEQ_CST);
    if (req & CPU_EXIT_STOP) {
        /* keep the stop bit set so every caller up the stack sees it */
        cpu_exit_request(cpu, CPU_EXIT_STOP);
        return false;
    }
    if (req & CPU_EXIT_TLB_FLUSH) {
        tlb_flush(cpu);
    }
    if (req & CPU_EXIT_TB_FLUSH) {
        tb_flush(cpu->machine);
    }
    return true;
}

static void cpu_deliver_exception(CPUState *cpu)
{
    cpu->arch->do_exception(cpu);
    cpu->excp_index = -1;
}

/* How often device timers are brought up to date while guest code runs. */
#define POLL_INTERVAL_NS 200000ull
/* TBs run back to back before the outer loop looks at timers again. */
#define TB_BUDGET 1024
/* Longest sleep of a halted vCPU before it re-checks (interrupts from other threads
 * also arrive through exit_request, checked on wake-up). */
#define HALT_MAX_SLEEP_NS 10000000ull

void machine_sleep_until_event(Machine *m)
{
    uint64_t now = host_clock_ns();
    uint64_t deadline = m->next_deadline_ns ? m->next_deadline_ns(m) : UINT64_MAX;
    uint64_t wait = deadline > now ? deadline - now : 0;
    if (wait > HALT_MAX_SLEEP_NS) {
        wait = HALT_MAX_SLEEP_NS;
    }
    if (wait) {
        host_sleep_ns(wait);
    }
}

CPUExecResult cpu_exec(CPUState *cpu, uint64_t max_tbs, bool sleep_when_halted)
{
    Machine *m = cpu->machine;
    uint64_t next_poll = 0;
    uint64_t executed = 0;
    for (;;) {
        if (executed >= max_tbs) {
            return CPU_EXEC_BUDGET;
        }
        if (m->poll) {
            uint64_t now = host_clock_ns();
            if (now >= next_poll) {
                m->poll(m);
                next_poll = now + POLL_INTERVAL_NS;
            }
        }
        if (cpu->exit_request && !cpu_handle_exit_request(cpu)) {
            return CPU_EXEC_STOPPED;
        }
        if (cpu->arch->check_interrupts(cpu)) {
            cpu->halted = false;
        }
        if (cpu->halted) {
            if (cpu->arch->is_halted(cpu)) {
                if (!sleep_when_halted) {
                    return CPU_EXEC_HALTED;
                }
                machine_sleep_until_event(m);
                next_poll = 0;
                continue;
            }
            cpu->halted = false;
        }

        uint64_t flushes = m->tbs->flushes;
        TranslationBlock *tb = tb_find(cpu, cpu->arch->tb_flags(cpu));
        if (!tb) {
            cpu_deliver_exception(cpu);
            continue;
        }
        /* Run TBs, following chains, until something needs the outer loop. */
        bool trace = log_enabled(&m->log, LOG_EXEC);
        bool jit = m->jit_enabled;
        uint32_t jit_threshold = (uint32_t)m->cfg->jit_threshold;
        for (cpu->tb_budget = TB_BUDGET; cpu->tb_budget > 0; cpu->tb_budget--) {
            executed++;
            if (trace) {
                log_printf(&m->log, "Trace %d: pc 0x%llx flags 0x%x insns %u\n", cpu->index,
                           (unsigned long long)tb->pc, tb->flags, tb->icount);
            }
            int ret;
            if (tb->jit_region) {
                /* a compiled region: it may run several of its members; `tb` becomes the
                 * one that left */
                JitRegion *r = tb->jit_region;
                int x = cpu->jit_check ? jit_check_run(cpu, tb) : r->fn(cpu, tb->jit_entry);
                tb = r->members[(x >> 2) < r->n ? x >> 2 : 0];
                ret = x & 3;
            } else {
                if (jit && tb->jit_state == 0 && tb->exec_count++ >= jit_threshold) {
                    tb_jit_compile(cpu, tb);
                }
                ret = interp_exec(cpu, tb->code, tb->pc);
            }
            cpu->insn_count += tb->icount;
            if (ret == EXEC_EXIT_EXCEPTION) {
                cpu_deliver_exception(cpu);
                break;
            }
            if (cpu->exit_request || cpu->halted) {
                break;
            }
            TranslationBlock *next;
            if (ret <= EXEC_EXIT_CHAIN1) {
                next = tb->jmp_dest[ret];
                if (!next || !next->valid || next->pc != cpu->pc) {
                    next = tb_find(cpu, tb->flags);
                    if (!next) {
                        cpu_deliver_exception(cpu);
                        break;
                    }
                    if (m->tbs->flushes == flushes) {
                        tb->jmp_dest[ret] = next; /* chain: skip the lookup next time */
                    }
                }
            } else {
                /* exit_tb: the state (e.g. privilege) may have changed */
                next = tb_find(cpu, cpu->arch->tb_flags(cpu));
                if (!next) {
                    cpu_deliver_exception(cpu);
                    break;
                }
            }
            flushes = m->tbs->flushes;
            tb = next;
        }
    }
}
