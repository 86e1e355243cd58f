/*
 * hw/intc/gicv2.c — GICv2 (ARM IHI 0048B): the interrupt state machine shared by the
 * distributor and the CPU interfaces — input lines, choosing and signalling each CPU's
 * highest-priority pending interrupt, acknowledge, priority drop and deactivation — and
 * the device's reset, save and load.  The registers are in gicv2_dist.c and gicv2_cpuif.c;
 * hw/intc/gicv2.h describes the model.
 */
#include "hw/intc/gicv2_int.h"

#include <string.h>

#include "core/machine.h"

int gicv2_accessing_cpu(const Gicv2 *g)
{
    int cpu = mmio_accessing_cpu();
    return cpu >= 0 && cpu < g->ncpus ? cpu : 0;
}

void gicv2_log(Gicv2 *g, uint32_t item, uint64_t key, const char *what, uint64_t offset)
{
    Log *log = &g->machine->log;
    if (log_enabled(log, item) && log_once(&g->logged, key)) {
        log_printf(log, "gicv2: %s 0x%llx\n", what, (unsigned long long)offset);
    }
}

/* ---- choosing and signalling ------------------------------------------------------ */

/* The group priority of a priority (IHI 0048B 3.3.3): the bits above the binary point.
 * Group 1 uses ABPR (one more than BPR's meaning) unless CBPR makes BPR serve both. */
static int group_priority(const Gicv2CpuState *c, int group, int prio)
{
    int bpr = (group && !(c->ctlr & GICC_CTLR_CBPR)) ? c->abpr - 1 : c->bpr;
    return prio & (0xff << (bpr + 1)) & 0xff;
}

uint16_t gicv2_running_from_aprs(const Gicv2CpuState *c)
{
    for (int i = 0; i < GICV2_NR_APRS; i++) {
        uint32_t active = c->apr[i] | c->nsapr[i];
        if (active) {
            /* bit n of the APRs: group priority 2n (8 bits, binary point 0 at least) */
            return (uint16_t)((32 * i + __builtin_ctz(active)) << 1);
        }
    }
    return GICV2_IDLE_PRIORITY;
}

/*
 * The interrupt the distributor forwards to CPU `cpu` now: enabled, pending and not
 * active, in a group enabled in both GICD_CTLR and GICC_CTLR, targeting the CPU (SPIs), of
 * the highest priority (the lowest value; the lowest ID among equals), and below the
 * priority mask.  GICV2_SPURIOUS if there is none; *prio gets its priority.
 */
static int best_pending(Gicv2 *g, int cpu, int *prio)
{
    Gicv2State *s = &g->s;
    const Gicv2CpuState *c = &s->cpu[cpu];
    uint32_t groups = s->ctlr & c->ctlr & (GICD_CTLR_ENABLE_GRP0 | GICD_CTLR_ENABLE_GRP1);
    int best = GICV2_SPURIOUS, best_prio = 0x100;
    if (!groups) {
        return GICV2_SPURIOUS;
    }
    for (int w = 0; w < g->num_irq / 32; w++) {
        const Gicv2Bits *b = w == 0 ? &c->priv : &s->spi[w];
        uint32_t cand = (b->pending | (b->level & ~b->edge)) & b->enabled & ~b->active;
        cand &= ((groups & GICD_CTLR_ENABLE_GRP0) ? ~b->group : 0) |
                ((groups & GICD_CTLR_ENABLE_GRP1) ? b->group : 0);
        while (cand) {
            int id = 32 * w + __builtin_ctz(cand);
            cand &= cand - 1;
            if (id >= GICV2_NR_PRIVATE && g->ncpus > 1 &&
                !(s->spi_target[id] & (1u << cpu))) {
                continue;
            }
            int p = *gicv2_prio(s, cpu, id);
            if (p < best_prio) {
                best_prio = p;
                best = id;
            }
        }
    }
    if (best == GICV2_SPURIOUS || best_prio >= c->pmr) {
        return GICV2_SPURIOUS;
    }
    *prio = best_prio;
    return best;
}

static void update_cpu(Gicv2 *g, int cpu)
{
    Gicv2CpuState *c = &g->s.cpu[cpu];
    int prio = 0, irq = 0, fiq = 0;
    int id = best_pending(g, cpu, &prio);
    if (id != GICV2_SPURIOUS) {
        int group = gicv2_group(&g->s, cpu, id);
        if (group_priority(c, group, prio) < c->running) {
            if (group == 0 && (c->ctlr & GICC_CTLR_FIQEN)) {
                fiq = 1;
            } else {
                irq = 1;
            }
        }
    }
    irq_set(&g->irq[cpu], irq);
    irq_set(&g->fiq[cpu], fiq);
}

void gicv2_update(Gicv2 *g)
{
    for (int cpu = 0; cpu < g->ncpus; cpu++) {
        update_cpu(g, cpu);
    }
}

/* ---- inputs ---------------------------------------------------------------------- */

void gicv2_set_irq(Gicv2 *g, int cpu, int id, int level)
{
    if (id < GICV2_NR_SGIS || id >= g->num_irq || cpu < 0 || cpu >= g->ncpus) {
        return; /* SGIs have no line; the lines gicv2_*_line gives are in range */
    }
    Gicv2Bits *b = gicv2_bits(&g->s, cpu, id);
    uint32_t bit = gicv2_bit(id);
    bool was = (b->level & bit) != 0;
    if (was == (level != 0)) {
        return;
    }
    if (level) {
        b->level |= bit;
        if (b->edge & bit) {
            b->pending |= bit; /* a rising edge latches */
        }
    } else {
        b->level &= ~bit; /* a level interrupt's pending state follows the line */
    }
    gicv2_update(g);
}

static void spi_handler(void *target, int n, int level)
{
    gicv2_set_irq(target, 0, n, level);
}

static void ppi_handler(void *target, int n, int level)
{
    gicv2_set_irq(target, n / GICV2_NR_PRIVATE, n % GICV2_NR_PRIVATE, level);
}

IrqLine gicv2_spi_line(Gicv2 *g, int n)
{
    if (n < 0 || n >= g->num_irq - GICV2_NR_PRIVATE) {
        return irq_line(NULL, NULL, 0);
    }
    return irq_line(spi_handler, g, GICV2_NR_PRIVATE + n);
}

IrqLine gicv2_ppi_line(Gicv2 *g, int cpu, int n)
{
    if (cpu < 0 || cpu >= g->ncpus || n < 0 || n >= GICV2_NR_PRIVATE - GICV2_NR_SGIS) {
        return irq_line(NULL, NULL, 0);
    }
    return irq_line(ppi_handler, g, cpu * GICV2_NR_PRIVATE + GICV2_NR_SGIS + n);
}

/* ---- acknowledge, priority drop, deactivation ----------------------------------- */

/* Which ID the register shows for the forwarded interrupt: GICC_IAR/HPPIR serve Group 0
 * and Group 1 only with AckCtl (else 1022), the aliases serve Group 1 only (else 1023). */
static int visible_id(Gicv2 *g, int cpu, bool alias, int *prio)
{
    int id = best_pending(g, cpu, prio);
    if (id == GICV2_SPURIOUS) {
        return id;
    }
    int group = gicv2_group(&g->s, cpu, id);
    if (alias) {
        return group ? id : GICV2_SPURIOUS;
    }
    if (group && !(g->s.cpu[cpu].ctlr & GICC_CTLR_ACKCTL)) {
        return 1022;
    }
    return id;
}

uint32_t gicv2_highest_pending(Gicv2 *g, int cpu, bool alias)
{
    int prio;
    int id = visible_id(g, cpu, alias, &prio);
    if (id >= GICV2_NR_SGIS || id < 0) {
        return (uint32_t)id;
    }
    /* an SGI shows its lowest pending source, as GICC_IAR would return it */
    int src = __builtin_ctz(g->s.cpu[cpu].sgi_sources[id]);
    return (uint32_t)id | (uint32_t)src << 10;
}

uint32_t gicv2_acknowledge(Gicv2 *g, int cpu, bool alias)
{
    Gicv2CpuState *c = &g->s.cpu[cpu];
    int prio = 0;
    int id = visible_id(g, cpu, alias, &prio);
    if (id >= GICV2_MAX_IRQS) {
        return (uint32_t)id;
    }
    int group = gicv2_group(&g->s, cpu, id);
    int gprio = group_priority(c, group, prio);
    if (gprio >= c->running) {
        return GICV2_SPURIOUS; /* pending, but cannot preempt what is running */
    }
    Gicv2Bits *b = gicv2_bits(&g->s, cpu, id);
    uint32_t bit = gicv2_bit(id);
    uint32_t ret = (uint32_t)id;
    b->active |= bit;
    uint32_t *apr = group ? c->nsapr : c->apr;
    apr[(gprio >> 1) / 32] |= 1u << ((gprio >> 1) % 32);
    c->running = (uint16_t)gprio;
    if (id < GICV2_NR_SGIS) {
        int src = __builtin_ctz(c->sgi_sources[id]);
        c->sgi_sources[id] &= (uint8_t)~(1u << src);
        if (!c->sgi_sources[id]) {
            b->pending &= ~bit; /* other sources keep it pending (and active) */
        }
        ret |= (uint32_t)src << 10;
    } else {
        /* the latch goes; a level interrupt whose line is still high stays pending */
        b->pending &= ~bit;
    }
    gicv2_update(g);
    return ret;
}

static void deactivate(Gicv2 *g, int cpu, int id)
{
    gicv2_bits(&g->s, cpu, id)->active &= ~gicv2_bit(id);
}

void gicv2_end_of_interrupt(Gicv2 *g, int cpu, uint32_t value)
{
    Gicv2CpuState *c = &g->s.cpu[cpu];
    int id = (int)(value & 0x3ff);
    if (id >= g->num_irq || c->running == GICV2_IDLE_PRIORITY) {
        return; /* a spurious ID, a nonexistent one, or nothing active: ignored */
    }
    /* Priority drop: the highest active priority of the interrupt's group.  Software must
     * complete interrupts in the reverse order of acknowledging them (IHI 0048B 3.2.3), so
     * that is this interrupt's. */
    uint32_t *apr = gicv2_group(&g->s, cpu, id) ? c->nsapr : c->apr;
    for (int i = 0; i < GICV2_NR_APRS; i++) {
        if (apr[i]) {
            apr[i] &= apr[i] - 1;
            break;
        }
    }
    c->running = gicv2_running_from_aprs(c);
    if (!(c->ctlr & GICC_CTLR_EOIMODE)) {
        deactivate(g, cpu, id);
    }
    gicv2_update(g);
}

void gicv2_deactivate_write(Gicv2 *g, int cpu, uint32_t value)
{
    int id = (int)(value & 0x3ff);
    if (id >= g->num_irq) {
        return;
    }
    if (!(g->s.cpu[cpu].ctlr & GICC_CTLR_EOIMODE)) {
        /* UNPREDICTABLE with EOImode 0: ignored, as QEMU does */
        gicv2_log(g, LOG_GUEST_ERROR, 0x21000, "GICC_DIR written with EOImode 0, ID",
                  (uint64_t)id);
        return;
    }
    deactivate(g, cpu, id);
    gicv2_update(g);
}

/* ---- device ------------------------------------------------------------------------ */

static void reset_state(Gicv2 *g, Gicv2State *s)
{
    /* The input lines keep their levels: the devices drive them (and reset themselves). */
    uint32_t spi_level[GICV2_MAX_IRQS / 32 + 1], priv_level[GICV2_MAX_CPUS];
    for (int w = 0; w <= GICV2_MAX_IRQS / 32; w++) {
        spi_level[w] = s->spi[w].level;
    }
    for (int cpu = 0; cpu < GICV2_MAX_CPUS; cpu++) {
        priv_level[cpu] = s->cpu[cpu].priv.level;
    }
    memset(s, 0, sizeof(*s));
    for (int w = 0; w <= GICV2_MAX_IRQS / 32; w++) {
        s->spi[w].level = spi_level[w];
    }
    for (int cpu = 0; cpu < g->ncpus; cpu++) {
        Gicv2CpuState *c = &s->cpu[cpu];
        c->priv.level = priv_level[cpu];
        c->priv.enabled = c->priv.edge = 0xffff; /* SGIs: always enabled, edge */
        c->abpr = 1;                             /* its minimum */
        c->running = GICV2_IDLE_PRIORITY;
    }
}

static void gicv2_reset(Device *d)
{
    Gicv2 *g = (Gicv2 *)d;
    reset_state(g, &g->s);
    gicv2_update(g);
}

static void save_bits(StateWriter *w, const Gicv2Bits *b)
{
    const uint32_t v[6] = {b->enabled, b->pending, b->active, b->level, b->edge, b->group};
    sw_u32s(w, v, 6);
}

static void load_bits(StateReader *r, Gicv2Bits *b)
{
    uint32_t v[6];
    sr_u32s(r, v, 6);
    *b = (Gicv2Bits){v[0], v[1], v[2], v[3], v[4], v[5]};
}

static void gicv2_save(Device *d, StateWriter *w)
{
    Gicv2 *g = (Gicv2 *)d;
    const Gicv2State *s = &g->s;
    sw_u32(w, (uint32_t)g->ncpus);
    sw_u32(w, (uint32_t)g->num_irq);
    sw_u32(w, s->ctlr);
    for (int wd = 1; wd < g->num_irq / 32; wd++) {
        save_bits(w, &s->spi[wd]);
    }
    sw_bytes(w, s->spi_prio + GICV2_NR_PRIVATE, (size_t)g->num_irq - GICV2_NR_PRIVATE);
    sw_bytes(w, s->spi_target + GICV2_NR_PRIVATE, (size_t)g->num_irq - GICV2_NR_PRIVATE);
    for (int cpu = 0; cpu < g->ncpus; cpu++) {
        const Gicv2CpuState *c = &s->cpu[cpu];
        sw_u32(w, c->ctlr);
        sw_u8(w, c->pmr);
        sw_u8(w, c->bpr);
        sw_u8(w, c->abpr);
        sw_u32s(w, c->apr, GICV2_NR_APRS);
        sw_u32s(w, c->nsapr, GICV2_NR_APRS);
        save_bits(w, &c->priv);
        sw_bytes(w, c->priv_prio, GICV2_NR_PRIVATE);
        sw_bytes(w, c->sgi_sources, GICV2_NR_SGIS);
    }
}

/* The loaded CPU state makes sense: fields in range, SGIs fixed as the GIC keeps them,
 * an SGI pending exactly when some source has it pending. */
static void check_cpu(const Gicv2 *g, StateReader *r, const Gicv2CpuState *c)
{
    if ((c->ctlr & ~GICC_CTLR_MASK) || c->bpr > 7 || c->abpr < 1 || c->abpr > 7) {
        sr_failf(r, "gicv2 CPU interface registers out of range");
    }
    if ((c->priv.enabled & 0xffff) != 0xffff || (c->priv.edge & 0xffff) != 0xffff ||
        (c->priv.level & 0xffff)) {
        sr_failf(r, "gicv2 SGI configuration is fixed");
    }
    for (int id = 0; id < GICV2_NR_SGIS; id++) {
        if ((c->sgi_sources[id] & ~gicv2_cpu_mask(g)) ||
            ((c->priv.pending >> id & 1) != (c->sgi_sources[id] != 0))) {
            sr_failf(r, "gicv2 SGI %d pending state does not match its sources", id);
        }
    }
}

static bool gicv2_load(Device *d, StateReader *r, uint32_t version)
{
    (void)version;
    Gicv2 *g = (Gicv2 *)d;
    uint32_t ncpus = sr_u32(r), num_irq = sr_u32(r);
    if (!r->failed && (ncpus != (uint32_t)g->ncpus || num_irq != (uint32_t)g->num_irq)) {
        sr_failf(r, "the state has a GIC with %u CPUs and %u interrupts, this machine %d "
                 "and %d", ncpus, num_irq, g->ncpus, g->num_irq);
    }
    if (r->failed) {
        return false;
    }
    static const Gicv2State zero;
    Gicv2State s = zero;
    s.ctlr = sr_u32(r);
    if (s.ctlr & ~(GICD_CTLR_ENABLE_GRP0 | GICD_CTLR_ENABLE_GRP1)) {
        sr_failf(r, "gicv2 GICD_CTLR 0x%x has bits it does not have", s.ctlr);
    }
    for (int wd = 1; wd < g->num_irq / 32; wd++) {
        load_bits(r, &s.spi[wd]);
    }
    size_t nspi = (size_t)g->num_irq - GICV2_NR_PRIVATE;
    sr_bytes(r, s.spi_prio + GICV2_NR_PRIVATE, nspi);
    sr_bytes(r, s.spi_target + GICV2_NR_PRIVATE, nspi);
    for (size_t i = 0; i < nspi; i++) {
        if (s.spi_target[GICV2_NR_PRIVATE + i] & ~gicv2_cpu_mask(g)) {
            sr_failf(r, "gicv2 SPI %zu targets a CPU this GIC does not have", i);
        }
    }
    for (int cpu = 0; cpu < g->ncpus && !r->failed; cpu++) {
        Gicv2CpuState *c = &s.cpu[cpu];
        c->ctlr = sr_u32(r);
        c->pmr = sr_u8(r);
        c->bpr = sr_u8(r);
        c->abpr = sr_u8(r);
        sr_u32s(r, c->apr, GICV2_NR_APRS);
        sr_u32s(r, c->nsapr, GICV2_NR_APRS);
        load_bits(r, &c->priv);
        sr_bytes(r, c->priv_prio, GICV2_NR_PRIVATE);
        sr_bytes(r, c->sgi_sources, GICV2_NR_SGIS);
        c->running = gicv2_running_from_aprs(c);
        if (!r->failed) {
            check_cpu(g, r, c);
        }
    }
    if (r->failed) {
        return false;
    }
    g->s = s;
    gicv2_update(g);
    return true;
}

static const DeviceOps gicv2_device_ops = {
    .type = "arm_gic",
    .version = 1,
    .reset = gicv2_reset,
    .save = gicv2_save,
    .load = gicv2_load,
};

bool gicv2_init(Gicv2 *g, Machine *m, const char *name, int ncpus, int num_irq)
{
    if (ncpus < 1 || ncpus > GICV2_MAX_CPUS || num_irq < GICV2_NR_PRIVATE ||
        num_irq > GICV2_MAX_IRQS || num_irq % 32) {
        return false;
    }
    memset(g, 0, sizeof(*g));
    g->machine = m;
    g->ncpus = ncpus;
    g->num_irq = num_irq;
    device_add(m, &g->dev, &gicv2_device_ops, name);
    gicv2_reset(&g->dev);
    return true;
}
