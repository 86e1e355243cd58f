/*
 * hw/intc/plic.c — Platform-Level Interrupt Controller.
 *
 * Lines are level-triggered: a source is pending while its line is high and it is not
 * claimed; completing it re-arms it (and it becomes pending again at once if the line is
 * still high).  Each context's output (MEIP for even contexts, SEIP for odd ones) is high
 * while some enabled pending source has a priority above the context's threshold.
 */
#include "hw/intc/plic.h"

#include <string.h>

#include "core/host.h"
#include "core/machine.h"

#define PRIORITY_BASE 0x000000
#define PENDING_BASE 0x001000
#define ENABLE_BASE 0x002000
#define ENABLE_STRIDE 0x80
#define CONTEXT_BASE 0x200000
#define CONTEXT_STRIDE 0x1000
#define PRIORITY_MASK 7 /* 3 priority bits, as QEMU's virt PLIC */

static void plic_update(Plic *p);

static void plic_reset(Device *d)
{
    Plic *p = (Plic *)d;
    memset(p->priority, 0, sizeof(p->priority));
    memset(p->pending, 0, sizeof(p->pending));
    memset(p->claimed, 0, sizeof(p->claimed));
    memset(p->enable, 0, sizeof(p->enable));
    memset(p->threshold, 0, sizeof(p->threshold));
    /* the source lines keep their levels: the devices drive them (and reset themselves) */
    memcpy(p->pending, p->level, sizeof(p->pending));
    p->pending[0] &= ~1u; /* there is no source 0 */
    plic_update(p);
}

static void plic_save(Device *d, StateWriter *w)
{
    Plic *p = (Plic *)d;
    sw_u32(w, (uint32_t)p->ncontexts);
    sw_u32s(w, p->priority, PLIC_NUM_SOURCES);
    sw_u32s(w, p->pending, PLIC_WORDS);
    sw_u32s(w, p->claimed, PLIC_WORDS);
    sw_u32s(w, p->level, PLIC_WORDS);
    for (int c = 0; c < p->ncontexts; c++) {
        sw_u32s(w, p->enable[c], PLIC_WORDS);
        sw_u32(w, p->threshold[c]);
    }
}

static bool plic_load(Device *d, StateReader *r, uint32_t version)
{
    (void)version;
    Plic *p = (Plic *)d;
    uint32_t n = sr_u32(r);
    if (!r->failed && n != (uint32_t)p->ncontexts) {
        sr_failf(r, "the state has %u PLIC contexts, this machine %d", n, p->ncontexts);
    }
    if (r->failed) {
        return false;
    }
    sr_u32s(r, p->priority, PLIC_NUM_SOURCES);
    sr_u32s(r, p->pending, PLIC_WORDS);
    sr_u32s(r, p->claimed, PLIC_WORDS);
    sr_u32s(r, p->level, PLIC_WORDS);
    for (int c = 0; c < p->ncontexts; c++) {
        sr_u32s(r, p->enable[c], PLIC_WORDS);
        p->threshold[c] = sr_u32(r);
    }
    if (r->failed) {
        return false;
    }
    plic_update(p);
    return true;
}

static const DeviceOps plic_device_ops = {
    .type = "riscv.plic",
    .version = 1,
    .reset = plic_reset,
    .save = plic_save,
    .load = plic_load,
};

void plic_init(Plic *p, Machine *m, int nharts)
{
    memset(p, 0, sizeof(*p));
    p->machine = m;
    p->ncontexts = 2 * nharts < PLIC_MAX_CONTEXTS ? 2 * nharts : PLIC_MAX_CONTEXTS;
    device_add(m, &p->dev, &plic_device_ops, "plic");
}

static void plic_source_handler(void *target, int n, int level)
{
    plic_set_irq(target, n, level);
}

IrqLine plic_source(Plic *p, int irq)
{
    return irq_line(plic_source_handler, p, irq);
}

static inline bool bit(const uint32_t *w, int i)
{
    return (w[i / 32] >> (i % 32)) & 1;
}

static inline void set_bit(uint32_t *w, int i, bool v)
{
    if (v) {
        w[i / 32] |= 1u << (i % 32);
    } else {
        w[i / 32] &= ~(1u << (i % 32));
    }
}

/* The best source for a context: highest priority above threshold, lowest id on ties. */
static int plic_best(Plic *p, int ctx)
{
    int best = 0;
    uint32_t best_prio = p->threshold[ctx];
    for (int w = 0; w < PLIC_WORDS; w++) {
        uint32_t cand = p->pending[w] & p->enable[ctx][w];
        while (cand) {
            int i = w * 32 + __builtin_ctz(cand);
            cand &= cand - 1;
            if (p->priority[i] > best_prio) {
                best = i;
                best_prio = p->priority[i];
            }
        }
    }
    return best;
}

static void plic_update(Plic *p)
{
    for (int ctx = 0; ctx < p->ncontexts; ctx++) {
        irq_set(&p->out[ctx], plic_best(p, ctx) != 0);
    }
}

void plic_set_irq(Plic *p, int irq, int level)
{
    if (irq <= 0 || irq >= PLIC_NUM_SOURCES) {
        return;
    }
    set_bit(p->level, irq, level != 0);
    if (level && !bit(p->claimed, irq)) {
        set_bit(p->pending, irq, true);
    } else if (!level) {
        set_bit(p->pending, irq, false); /* level-triggered: the request went away */
    }
    plic_update(p);
}

static uint32_t plic_claim(Plic *p, int ctx)
{
    int irq = plic_best(p, ctx);
    if (irq) {
        set_bit(p->pending, irq, false);
        set_bit(p->claimed, irq, true);
        plic_update(p);
    }
    return (uint32_t)irq;
}

static void plic_complete(Plic *p, int ctx, uint32_t irq)
{
    if (irq == 0 || irq >= PLIC_NUM_SOURCES || !bit(p->enable[ctx], (int)irq)) {
        return; /* the spec ignores completions of sources not enabled for the context */
    }
    set_bit(p->claimed, (int)irq, false);
    if (bit(p->level, (int)irq)) {
        set_bit(p->pending, (int)irq, true);
    }
    plic_update(p);
}

static void plic_unimp(Plic *p, const char *what, uint64_t offset)
{
    Log *log = &p->machine->log;
    if (log_enabled(log, LOG_UNIMP) && log_once(&p->unimp_logged, offset)) {
        log_printf(log, "plic: %s of unimplemented register 0x%llx (reads as 0)\n", what,
                   (unsigned long long)offset);
    }
}

static uint64_t plic_read(void *opaque, uint64_t offset, unsigned size)
{
    Plic *p = opaque;
    if (size != 4) {
        return 0;
    }
    if (offset < PENDING_BASE) {
        uint64_t src = offset / 4;
        return src < PLIC_NUM_SOURCES ? p->priority[src] : 0;
    }
    if (offset < ENABLE_BASE) {
        uint64_t w = (offset - PENDING_BASE) / 4;
        return w < PLIC_WORDS ? p->pending[w] : 0;
    }
    if (offset < CONTEXT_BASE) {
        uint64_t ctx = (offset - ENABLE_BASE) / ENABLE_STRIDE;
        uint64_t w = (offset - ENABLE_BASE) % ENABLE_STRIDE / 4;
        if (ctx < (uint64_t)p->ncontexts && w < PLIC_WORDS) {
            return p->enable[ctx][w];
        }
        return 0;
    }
    uint64_t ctx = (offset - CONTEXT_BASE) / CONTEXT_STRIDE;
    uint64_t reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
    if (ctx < (uint64_t)p->ncontexts) {
        if (reg == 0) {
            return p->threshold[ctx];
        }
        if (reg == 4) {
            return plic_claim(p, (int)ctx);
        }
    }
    plic_unimp(p, "read", offset);
    return 0;
}

static void plic_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Plic *p = opaque;
    uint32_t v = (uint32_t)value;
    if (size != 4) {
        return;
    }
    if (offset < PENDING_BASE) {
        uint64_t src = offset / 4;
        if (src > 0 && src < PLIC_NUM_SOURCES) {
            p->priority[src] = v & PRIORITY_MASK;
            plic_update(p);
        }
        return;
    }
    if (offset < ENABLE_BASE) {
        return; /* pending bits are read-only */
    }
    if (offset < CONTEXT_BASE) {
        uint64_t ctx = (offset - ENABLE_BASE) / ENABLE_STRIDE;
        uint64_t w = (offset - ENABLE_BASE) % ENABLE_STRIDE / 4;
        if (ctx < (uint64_t)p->ncontexts && w < PLIC_WORDS) {
            p->enable[ctx][w] = w == 0 ? v & ~1u : v; /* source 0 does not exist */
            plic_update(p);
        }
        return;
    }
    uint64_t ctx = (offset - CONTEXT_BASE) / CONTEXT_STRIDE;
    uint64_t reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
    if (ctx < (uint64_t)p->ncontexts) {
        if (reg == 0) {
            p->threshold[ctx] = v & PRIORITY_MASK;
            plic_update(p);
            return;
        }
        if (reg == 4) {
            plic_complete(p, (int)ctx, v);
            return;
        }
    }
    plic_unimp(p, "write", offset);
}

const MemoryOps plic_ops = {plic_read, plic_write};
