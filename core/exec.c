/*
 * core/exec.c — the vCPU loop: find TB -> run -> handle exit, interrupt or exception.
 */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/host.h"
#include "core/irq.h"
#include "core/jit_check.h"
#include "core/jit_thread.h"
#include "core/relaxed.h"
#include "core/tb.h"
#include "core/vcpu.h"
#include "core/machine.h"
#include "tcg/interp.h"
#include "tcg/ir.h"

void cpu_common_init(CPUState *cpu, const CPUArchOps *arch, Machine *m, int index)
{
    cpu->arch = arch;
    cpu->machine = m;
    cpu->index = index;
    cpu->excp_index = -1;
    cpu->irblock = calloc(1, sizeof(IrBlock));
    pthread_cond_init(&cpu->wake, NULL);
    tlb_flush(cpu);
}

void cpu_common_destroy(CPUState *cpu)
{
    jit_check_free(cpu->jit_check);
    cpu->jit_check = NULL;
    free(cpu->irblock);
    cpu->irblock = NULL;
    pthread_cond_destroy(&cpu->wake);
}

static void cpu_irq_handler(void *target, int n, int level)
{
    CPUState *cpu = target;
    cpu->arch->set_irq(cpu, n, level);
}

IrqLine cpu_irq_line(CPUState *cpu, int n)
{
    return irq_line(cpu_irq_handler, cpu, n);
}

void cpu_exit_request(CPUState *cpu, uint32_t bits)
{
    __atomic_fetch_or(&cpu->exit_request, bits, __ATOMIC_SEQ_CST);
    vcpu_kick(cpu);
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
        tb_flush_exclusive(cpu->machine, cpu);
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
/* Longest sleep of a halted vCPU before it re-checks, with a thread per vCPU (the I/O
 * thread polls the timers and kicks the vCPU; interrupts from other threads also arrive
 * through exit_request, checked on wake-up).  One thread: machine_sleep_until_event. */
#define HALT_MAX_SLEEP_MULTI_NS 100000000ull

/* The TB for the current state: every exit_tb comes here.  The jump cache is probed
 * inline, with the key in the CPUState (no stack frame: in Wasm one costs a stack-pointer
 * update in linear memory per call), and only a miss calls tb_find. */
static inline TranslationBlock *find_current(CPUState *cpu, uint32_t cflags)
{
    TBKey *key = &cpu->lookup_key;
    cpu->arch->tb_key(cpu, key);
    TranslationBlock *tb = tb_jmp_cache_lookup(cpu, key, cflags);
    return tb ? tb : tb_find(cpu, key, cflags);
}

/* The successor at cpu->pc of a TB that left through goto_tb: a chain keeps cs_base and
 * flags (core/cpu.h, TBKey), and leads to a normal TB (cflags 0). */
static __attribute__((noinline)) TranslationBlock *find_chained(CPUState *cpu,
                                                                const TranslationBlock *tb)
{
    TBKey key = { .pc = cpu->pc, .cs_base = tb->cs_base, .flags = tb->flags };
    return tb_find(cpu, &key, 0);
}

CPUExecResult cpu_exec(CPUState *cpu, uint64_t max_tbs, bool sleep_when_halted)
{
    Machine *m = cpu->machine;
    TBCache *c = m->tbs;
    bool multi = m->sync.multi;
    uint64_t next_poll = 0;
    uint64_t executed = 0;
    for (;;) {
        /* a safe point: no TB, region or lock is held here */
        if (executed >= max_tbs) {
            return CPU_EXEC_BUDGET;
        }
        if (multi && vcpu_exclusive_pending(&m->sync)) {
            vcpu_park(cpu);
        }
        if (multi && relaxed_load(&c->jit_nretired) >= JIT_RETIRE_BATCH) {
            /* evicted regions no vCPU can be in once they are all parked */
            vcpu_exclusive_begin(m, cpu);
            pthread_mutex_lock(&c->lock);
            jit_reclaim(c);
            pthread_mutex_unlock(&c->lock);
            vcpu_exclusive_end(m, cpu);
        }
        if (!multi) { /* multi: the I/O thread polls (core/vcpu.c) */
            uint64_t now = host_clock_ns();
            if (now >= next_poll) {
                machine_poll(m);
                next_poll = now + POLL_INTERVAL_NS;
            }
        }
        if (relaxed_load(&cpu->exit_request) &&
            !cpu_handle_exit_request(cpu)) {
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
                if (multi) {
                    vcpu_sleep(cpu, HALT_MAX_SLEEP_MULTI_NS);
                    continue;
                }
                machine_sleep_until_event(m);
                next_poll = 0;
                continue;
            }
            cpu->halted = false;
        }

        uint64_t flushes = c->flushes;
        uint32_t cflags = cpu->cflags_next;
        cpu->cflags_next = 0;
        TranslationBlock *tb = find_current(cpu, cflags);
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
                log_printf(&m->log, "Trace %d: pc 0x%llx flags 0x%llx insns %u\n", cpu->index,
                           (unsigned long long)tb->pc, (unsigned long long)tb->flags,
                           tb->icount);
            }
            int ret;
            JitRegion *r = __atomic_load_n(&tb->jit_region, __ATOMIC_ACQUIRE);
            JitFn fn = NULL;
            uint16_t entry = 0;
            if (r) {
                /* Regions never change, but another thread may have evicted r and put
                 * tb in a new region since the load above: the entry must be tb's in r */
                entry = relaxed_load(&tb->jit_entry);
                if (entry < r->n && r->members[entry] == tb) {
                    fn = jit_region_fn(cpu, r);
                }
            }
            /* only read by store slow paths, which only TB code reaches: not cleared after */
            cpu->running_tb = tb;
            if (fn) {
                /* a compiled region: it may run several of its members; `tb` becomes the
                 * one that left */
                int32_t budget = cpu->tb_budget;
                int x = cpu->jit_check ? jit_check_run(cpu, tb, fn) : fn(cpu, entry);
                executed += (uint64_t)(budget - cpu->tb_budget); /* TBs it ran inside */
                tb = r->members[(x >> 2) < r->n ? x >> 2 : 0];
                ret = x & 3;
            } else {
                if (jit && !r) {
                    /* a relaxed counter: a lost increment between threads only delays
                     * the compilation a little */
                    uint32_t n = relaxed_load(&tb->exec_count);
                    relaxed_store(&tb->exec_count, n + 1);
                    if (n >= jit_threshold && relaxed_load(&tb->jit_state) == 0) {
                        tb_jit_compile(cpu, tb);
                    }
                }
                ret = interp_exec(cpu, tb->code, tb->pc);
            }
            if (ret == EXEC_EXIT_EXCEPTION) {
                /* left in the middle: back to the state the raising instruction began
                 * with; the instructions before it retired */
                tb_restore_state(cpu, tb, cpu->excp_insn);
                cpu->insn_count += cpu->excp_insn < tb->icount ? cpu->excp_insn : tb->icount;
                if (cpu->excp_index == CPU_EXCP_CODE_CHANGED) {
                    /* it wrote into its own TB: run it alone, then the new code */
                    cpu->excp_index = -1;
                    cpu->cflags_next = TB_CF_ONE_INSN;
                } else {
                    cpu_deliver_exception(cpu);
                }
                break;
            }
            cpu->insn_count += tb->icount;
            if (relaxed_load(&cpu->exit_request) || cpu->halted) {
                break;
            }
            TranslationBlock *next;
            if (ret <= EXEC_EXIT_CHAIN1) {
                next = __atomic_load_n(&tb->jmp_dest[ret], __ATOMIC_ACQUIRE);
                if (!next || !relaxed_load(&next->valid) ||
                    next->pc != cpu->pc) {
                    next = find_chained(cpu, tb);
                    if (!next) {
                        cpu_deliver_exception(cpu);
                        break;
                    }
                    if (relaxed_load(&c->flushes) == flushes) {
                        /* chain: skip the lookup next time */
                        __atomic_store_n(&tb->jmp_dest[ret], next, __ATOMIC_RELEASE);
                    }
                }
            } else {
                /* exit_tb: the state (e.g. privilege) may have changed */
                next = find_current(cpu, 0);
                if (!next) {
                    cpu_deliver_exception(cpu);
                    break;
                }
            }
            flushes = relaxed_load(&c->flushes);
            tb = next;
        }
    }
}
