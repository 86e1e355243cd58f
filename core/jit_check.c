/*
 * core/jit_check.c — lockstep checking of compiled code against the interpreter (see
 * jit_check.h for the scheme).  Debugging aid: slow (every store takes the slow path, the
 * CPU state is copied twice per TB), exact (nothing a TB does happens twice).
 */
#include "core/jit_check.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/host.h"
#include "core/tb.h"
#include "core/machine.h"
#include "tcg/interp.h"

enum { PHASE_IDLE, PHASE_INTERP, PHASE_JIT };

#define MAX_WRITES 4096 /* RAM writes one TB may log */
#define MAX_EVENTS 256  /* device accesses and other outside inputs one TB may log */

typedef struct RamWrite {
    uint8_t *host;
    uint8_t size;
    uint8_t old[8];  /* before the interpreter's run */
} RamWrite;

typedef struct Event {
    uint64_t paddr, val;
    uint8_t size;
    uint8_t kind; /* EV_READ, EV_WRITE, EV_VALUE */
} Event;
enum { EV_READ, EV_WRITE, EV_VALUE };

struct JitCheck {
    int phase;
    size_t state_size;
    uint8_t *before, *interp;    /* CPU state copies */
    RamWrite writes[MAX_WRITES]; /* interpreter run */
    int nwrites;
    RamWrite jwrites[MAX_WRITES]; /* compiled run (old bytes unused) */
    int njwrites;
    uint8_t final[MAX_WRITES * 8]; /* the interpreter's bytes at its writes, in log order */
    Event events[MAX_EVENTS];
    int nevents, replayed;
    bool overflow;                /* a log filled up: this TB cannot be checked */
    char mismatch[160];           /* a device access that differed in the compiled run */
    uint64_t checked, unchecked;
};

static void protect_writes(CPUState *cpu);

JitCheck *jit_check_new(CPUState *cpu)
{
    JitCheck *k = calloc(1, sizeof(*k));
    if (!k) {
        return NULL;
    }
    k->state_size = cpu->arch->state_size;
    k->before = calloc(1, k->state_size);
    k->interp = calloc(1, k->state_size);
    if (!k->before || !k->interp) {
        jit_check_free(k);
        return NULL;
    }
    protect_writes(cpu);
    return k;
}

void jit_check_free(JitCheck *k)
{
    if (k) {
        free(k->before);
        free(k->interp);
        free(k);
    }
}

void jit_check_counts(const JitCheck *k, uint64_t *checked, uint64_t *unchecked)
{
    *checked = k->checked;
    *unchecked = k->unchecked;
}

/* ---- hooks ---- */

void jit_check_ram_write(CPUState *cpu, void *host, unsigned size)
{
    JitCheck *k = cpu->jit_check;
    if (k->phase == PHASE_IDLE) {
        return;
    }
    bool interp = k->phase == PHASE_INTERP;
    int *n = interp ? &k->nwrites : &k->njwrites;
    if (*n == MAX_WRITES || size > 8) {
        k->overflow = true;
        return;
    }
    RamWrite *w = &(interp ? k->writes : k->jwrites)[(*n)++];
    w->host = host;
    w->size = (uint8_t)size;
    memcpy(w->old, host, size);
}

static bool event(CPUState *cpu, int kind, uint64_t paddr, unsigned size, uint64_t *val)
{
    JitCheck *k = cpu->jit_check;
    if (k->phase == PHASE_INTERP) {
        if (k->nevents == MAX_EVENTS) {
            k->overflow = true;
        } else {
            /* a read's value is filled in afterwards, by jit_check_mmio_done */
            uint64_t v = kind == EV_WRITE ? *val : 0;
            k->events[k->nevents++] = (Event){ paddr, v, (uint8_t)size, (uint8_t)kind };
        }
        return false;
    }
    if (k->phase != PHASE_JIT || k->overflow) {
        return false;
    }
    if (k->replayed == k->nevents) {
        if (!k->mismatch[0]) {
            snprintf(k->mismatch, sizeof(k->mismatch),
                     "compiled code made an extra %s at 0x%" PRIx64 " (size %u)",
                     kind == EV_WRITE ? "device write" : kind == EV_READ ? "device read"
                                                                         : "timer read",
                     paddr, size);
        }
        *val = 0;
        return true;
    }
    const Event *e = &k->events[k->replayed++];
    if ((e->kind != kind || e->paddr != paddr || e->size != size ||
         (kind == EV_WRITE && e->val != *val)) && !k->mismatch[0]) {
        snprintf(k->mismatch, sizeof(k->mismatch),
                 "device access %u: interpreter %s 0x%" PRIx64 " size %u value 0x%" PRIx64
                 ", compiled code %s 0x%" PRIx64 " size %u value 0x%" PRIx64,
                 k->replayed - 1, e->kind == EV_WRITE ? "wrote" : "read", e->paddr, e->size,
                 e->val, kind == EV_WRITE ? "wrote" : "read", paddr, size, *val);
    }
    if (kind != EV_WRITE) {
        *val = e->val;
    }
    return true;
}

bool jit_check_mmio(CPUState *cpu, uint64_t paddr, unsigned size, uint64_t *val, bool write)
{
    return event(cpu, write ? EV_WRITE : EV_READ, paddr, size, val);
}

void jit_check_mmio_done(CPUState *cpu, uint64_t val)
{
    JitCheck *k = cpu->jit_check;
    if (k->phase == PHASE_INTERP && k->nevents > 0 && !k->overflow) {
        k->events[k->nevents - 1].val = val;
    }
}

void jit_check_value(CPUState *cpu, uint64_t *val)
{
    JitCheck *k = cpu->jit_check;
    if (k->phase == PHASE_IDLE) {
        return;
    }
    if (!event(cpu, EV_VALUE, 0, 8, val)) {
        jit_check_mmio_done(cpu, *val);
    }
}

bool jit_check_replaying(const CPUState *cpu)
{
    return cpu->jit_check && cpu->jit_check->phase == PHASE_JIT;
}

/* ---- the check ---- */

/*
 * The guest state a TB can change: the CPUState fields before the TLB, halted and the
 * instruction count, and the arch part of the CPU struct.  Not the TLB, jump cache or
 * interpreter frame (caches and scratch: the two runs may fill them differently without
 * the guest seeing it).  Copies only those byte ranges, at their own offsets.
 */
static void copy_state(uint8_t *dst, const uint8_t *src, size_t state_size)
{
    memcpy(dst, src, offsetof(CPUState, tlb));
    memcpy(dst + offsetof(CPUState, halted), src + offsetof(CPUState, halted), sizeof(bool));
    memcpy(dst + offsetof(CPUState, insn_count), src + offsetof(CPUState, insn_count),
           sizeof(uint64_t));
    memcpy(dst + sizeof(CPUState), src + sizeof(CPUState), state_size - sizeof(CPUState));
}

/* Keep guest stores on the slow path (where they are logged).  Needed once: while
 * checking, every TLB fill and every store leaves the write tag invalid again. */
static void protect_writes(CPUState *cpu)
{
    for (int mmu = 0; mmu < TLB_MMU_MODES; mmu++) {
        for (int i = 0; i < TLB_ENTRIES; i++) {
            cpu->tlb.e[mmu][i].addr_write |= TLB_INVALID;
        }
    }
}

static uint64_t load_bytes(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    memcpy(&v, p, size);
    return v;
}

/* Guest state that both runs must agree on: the common fields a TB may change, and the
 * whole arch part of the CPU struct. */
static bool compare_state(CPUState *cpu, const uint8_t *want, const uint8_t *got, char *msg,
                          size_t len)
{
    const CPUState *w = (const CPUState *)want, *g = (const CPUState *)got;
    if (w->pc != g->pc) {
        snprintf(msg, len, "pc: interpreter 0x%" PRIx64 ", compiled 0x%" PRIx64, w->pc, g->pc);
        return false;
    }
    if (w->excp_index != g->excp_index || w->excp_tval != g->excp_tval) {
        snprintf(msg, len, "pending exception: interpreter %d (tval 0x%" PRIx64 "), compiled "
                 "%d (tval 0x%" PRIx64 ")", w->excp_index, w->excp_tval, g->excp_index,
                 g->excp_tval);
        return false;
    }
    if (w->excp_index >= 0 && w->excp_insn != g->excp_insn) {
        snprintf(msg, len, "raising instruction: interpreter #%u, compiled #%u", w->excp_insn,
                 g->excp_insn);
        return false;
    }
    if (w->halted != g->halted || w->insn_count != g->insn_count) {
        snprintf(msg, len, "halted %d/%d, instructions %" PRIu64 "/%" PRIu64
                 " (interpreter/compiled)", w->halted, g->halted, w->insn_count,
                 g->insn_count);
        return false;
    }
    /* list up to four differing fields: a miscompile rarely shows in just one */
    int shown = 0;
    size_t pos = 0;
    msg[0] = 0;
    for (size_t off = sizeof(CPUState); off < cpu->arch->state_size && shown < 4; off += 8) {
        size_t n = cpu->arch->state_size - off < 8 ? cpu->arch->state_size - off : 8;
        if (memcmp(want + off, got + off, n) != 0) {
            char name[32];
            if (!cpu->arch->state_field_name ||
                !cpu->arch->state_field_name(off, name, sizeof(name))) {
                snprintf(name, sizeof(name), "state+%zu", off);
            }
            int w = snprintf(msg + pos, len - pos, "%s%s: interpreter 0x%016" PRIx64
                             ", compiled 0x%016" PRIx64, shown ? "; " : "", name,
                             load_bytes(want + off, (unsigned)n),
                             load_bytes(got + off, (unsigned)n));
            pos = w > 0 && (size_t)w < len - pos ? pos + (size_t)w : len - 1;
            shown++;
        }
    }
    if (shown) {
        return false;
    }
    return true;
}

/* RAM: every byte the interpreter wrote must hold the interpreter's final value, and the
 * compiled code must not have written anywhere else. */
static bool compare_ram(JitCheck *k, const uint8_t *interp_final, char *msg, size_t len)
{
    const uint8_t *fin = interp_final;
    for (int i = 0; i < k->nwrites; i++) {
        const RamWrite *w = &k->writes[i];
        if (memcmp(w->host, fin, w->size) != 0) {
            snprintf(msg, len, "guest RAM write %d (%u bytes): interpreter left 0x%" PRIx64
                     ", compiled code 0x%" PRIx64, i, w->size, load_bytes(fin, w->size),
                     load_bytes(w->host, w->size));
            return false;
        }
        fin += w->size;
    }
    for (int j = 0; j < k->njwrites; j++) {
        const RamWrite *jw = &k->jwrites[j];
        bool covered = false;
        for (int i = 0; i < k->nwrites && !covered; i++) {
            covered = jw->host >= k->writes[i].host &&
                      jw->host + jw->size <= k->writes[i].host + k->writes[i].size;
        }
        if (!covered) {
            snprintf(msg, len, "compiled code wrote %u bytes of guest RAM that the "
                     "interpreter did not write", jw->size);
            return false;
        }
    }
    return true;
}

int jit_check_run(CPUState *cpu, TranslationBlock *tb, int (*fn)(void *env, int entry))
{
    JitCheck *k = cpu->jit_check;
    size_t size = k->state_size;
    int32_t budget = cpu->tb_budget;

    copy_state(k->before, (const uint8_t *)cpu, size);
    k->nwrites = k->njwrites = k->nevents = k->replayed = 0;
    k->overflow = false;
    k->mismatch[0] = 0;

    /* 1. the interpreter, for real (devices included), logging RAM writes */
    k->phase = PHASE_INTERP;
    int want = interp_exec(cpu, tb->code, tb->pc);
    if (!__atomic_load_n(&tb->valid, __ATOMIC_ACQUIRE)) {
        /* the TB wrote into its own code (or a device did): the compiled code is stale
         * and would differ; keep what the interpreter did */
        k->phase = PHASE_IDLE;
        k->unchecked++;
        return want | tb->jit_entry << 2;
    }
    copy_state(k->interp, (const uint8_t *)cpu, size);
    /* the interpreter's final bytes, in log order, then put the old ones back */
    size_t used = 0;
    for (int i = 0; i < k->nwrites; i++) {
        memcpy(k->final + used, k->writes[i].host, k->writes[i].size);
        used += k->writes[i].size;
    }
    for (int i = k->nwrites - 1; i >= 0; i--) {
        memcpy(k->writes[i].host, k->writes[i].old, k->writes[i].size);
    }

    /* 2. the compiled code from the same state, one TB, devices replayed */
    copy_state((uint8_t *)cpu, k->before, size);
    k->phase = PHASE_JIT;
    cpu->tb_budget = 1;
    int got = fn(cpu, tb->jit_entry);
    k->phase = PHASE_IDLE;
    cpu->tb_budget = budget;
    /* What devices did during the interpreter's run (they are not run again): interrupt
     * lines they raised or lowered, and the exit requests that came with them. */
    size_t irq = cpu->arch->irq_state_offset, irq_len = cpu->arch->irq_state_size;
    if (irq_len) {
        memcpy((uint8_t *)cpu + irq, k->interp + irq, irq_len);
    }
    cpu_exit_request(cpu, ((const CPUState *)k->interp)->exit_request);
    /* the compiled run counted nothing in tb_budget that the interpreter's did */
    ((CPUState *)k->interp)->tb_budget = cpu->tb_budget;

    char msg[512] = "";
    bool ok = true;
    if (k->overflow) {
        k->unchecked++;
    } else {
        if ((got & 3) != want || (got >> 2) != tb->jit_entry) {
            snprintf(msg, sizeof(msg), "exit: interpreter %d, compiled %d (member %d of %d)",
                     want, got & 3, got >> 2, tb->jit_region->n);
            ok = false;
        } else if (k->mismatch[0]) {
            snprintf(msg, sizeof(msg), "%s", k->mismatch);
            ok = false;
        } else if (k->replayed != k->nevents) {
            snprintf(msg, sizeof(msg), "compiled code made %d of the interpreter's %d device "
                     "accesses", k->replayed, k->nevents);
            ok = false;
        } else if (!compare_state(cpu, k->interp, (const uint8_t *)cpu, msg, sizeof(msg)) ||
                   !compare_ram(k, k->final, msg, sizeof(msg))) {
            ok = false;
        }
        k->checked++;
    }
    if (!ok) {
        host_error("jit-check: TB at pc 0x%" PRIx64 " (%u instructions, vCPU %d) differs "
                   "after %" PRIu64 " checked TBs: %s", tb->pc, tb->icount, cpu->index,
                   k->checked, msg);
        if (log_enabled(&cpu->machine->log, LOG_JIT)) { /* -d jit: the RAM writes too */
            size_t at = 0;
            for (int i = 0; i < k->nwrites; i++) {
                host_error("  interp write %d: host %p size %u old 0x%" PRIx64 " final 0x%" PRIx64,
                           i, (void *)k->writes[i].host, k->writes[i].size,
                           load_bytes(k->writes[i].old, k->writes[i].size),
                           load_bytes(k->final + at, k->writes[i].size));
                at += k->writes[i].size;
            }
            for (int i = 0; i < k->njwrites; i++) {
                host_error("  jit write %d: host %p size %u old 0x%" PRIx64, i,
                           (void *)k->jwrites[i].host, k->jwrites[i].size,
                           load_bytes(k->jwrites[i].old, k->jwrites[i].size));
            }
            const uint64_t *g0 = (const uint64_t *)(k->before + sizeof(CPUState));
            host_error("  before: a0 0x%" PRIx64 " a1 0x%" PRIx64, g0[10], g0[11]);
        }
        machine_request_shutdown(cpu->machine, 1);
        cpu_exit_request(cpu, CPU_EXIT_STOP);
    }
    return got;
}
