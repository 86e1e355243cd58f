/*
 * test/unit/test_gicv2.c — the GICv2 (hw/intc/gicv2.h) through its two MemoryOps, each
 * access made "by" a CPU with mmio_set_accessing_cpu (as core/tlb.c does for a vCPU), and
 * fake CPU inputs that record the IRQ and FIQ levels: identification and reset values,
 * enabling, the priority mask, acknowledge/EOI order with preemption by a higher priority
 * and the binary point, level vs edge, spurious 1023, SGIs with each target list filter
 * and their source in GICC_IAR, PPIs per CPU, SPI targets (1-N), groups and FIQ, EOImode 1
 * with GICC_DIR, and save/load (the same bytes again, lines re-driven, damaged streams
 * refused).  One test goes through a real vCPU's load (core/tlb.c's slow path): the bank
 * is chosen by the vCPU that makes the access, with no help from the test.
 */
#include <string.h>

#include "core/machine.h"
#include "core/memory.h"
#include "core/riscv/cpu.h"
#include "core/riscv/mmu.h"
#include "core/tlb.h"
#include "hw/intc/gicv2.h"
#include "tcg/ir.h"
#include "test.h"

/* distributor */
enum {
    D_CTLR = 0x000, D_TYPER = 0x004, D_IIDR = 0x008, D_IGROUPR = 0x080, D_ISENABLER = 0x100,
    D_ICENABLER = 0x180, D_ISPENDR = 0x200, D_ICPENDR = 0x280, D_ISACTIVER = 0x300,
    D_ICACTIVER = 0x380, D_IPRIORITYR = 0x400, D_ITARGETSR = 0x800, D_ICFGR = 0xc00,
    D_SGIR = 0xf00, D_CPENDSGIR = 0xf10, D_SPENDSGIR = 0xf20,
};
/* CPU interface */
enum {
    C_CTLR = 0x00, C_PMR = 0x04, C_BPR = 0x08, C_IAR = 0x0c, C_EOIR = 0x10, C_RPR = 0x14,
    C_HPPIR = 0x18, C_ABPR = 0x1c, C_AIAR = 0x20, C_AEOIR = 0x24, C_AHPPIR = 0x28,
    C_APR0 = 0xd0, C_NSAPR0 = 0xe0, C_IIDR = 0xfc, C_DIR = 0x1000,
};

typedef struct Rig {
    Machine m;
    Gicv2 gic;
    int irq[GICV2_MAX_CPUS], fiq[GICV2_MAX_CPUS];
} Rig;

static void set_irq_level(void *target, int n, int level)
{
    ((Rig *)target)->irq[n] = level;
}

static void set_fiq_level(void *target, int n, int level)
{
    ((Rig *)target)->fiq[n] = level;
}

static void rig_init(Rig *r, int ncpus)
{
    memset(r, 0, sizeof(*r));
    CHECK(gicv2_init(&r->gic, &r->m, "gic", ncpus, 288));
    for (int i = 0; i < ncpus; i++) {
        r->gic.irq[i] = irq_line(set_irq_level, r, i);
        r->gic.fiq[i] = irq_line(set_fiq_level, r, i);
    }
}

static void rig_free(Rig *r)
{
    machine_destroy_devices(&r->m);
}

static uint32_t drd(Rig *r, int cpu, uint64_t off)
{
    int prev = mmio_set_accessing_cpu(cpu);
    uint32_t v = (uint32_t)gicv2_dist_ops.read(&r->gic, off, 4);
    mmio_set_accessing_cpu(prev);
    return v;
}

static void dwr(Rig *r, int cpu, uint64_t off, uint32_t v)
{
    int prev = mmio_set_accessing_cpu(cpu);
    gicv2_dist_ops.write(&r->gic, off, v, 4);
    mmio_set_accessing_cpu(prev);
}

static void dwrb(Rig *r, int cpu, uint64_t off, uint8_t v)
{
    int prev = mmio_set_accessing_cpu(cpu);
    gicv2_dist_ops.write(&r->gic, off, v, 1);
    mmio_set_accessing_cpu(prev);
}

static uint32_t crd(Rig *r, int cpu, uint64_t off)
{
    int prev = mmio_set_accessing_cpu(cpu);
    uint32_t v = (uint32_t)gicv2_cpu_ops.read(&r->gic, off, 4);
    mmio_set_accessing_cpu(prev);
    return v;
}

static void cwr(Rig *r, int cpu, uint64_t off, uint32_t v)
{
    int prev = mmio_set_accessing_cpu(cpu);
    gicv2_cpu_ops.write(&r->gic, off, v, 4);
    mmio_set_accessing_cpu(prev);
}

static void set_prio(Rig *r, int cpu, int id, uint8_t prio)
{
    dwrb(r, cpu, D_IPRIORITYR + (uint64_t)id, prio);
}

static void enable(Rig *r, int cpu, int id)
{
    dwr(r, cpu, D_ISENABLER + 4 * (uint64_t)(id / 32), 1u << (id % 32));
}

/* What Linux's irq-gic.c does at boot on each CPU: distributor and interface on, priority
 * mask 0xf0, every interrupt at 0xa0. */
static void linux_like_setup(Rig *r, int ncpus)
{
    dwr(r, 0, D_CTLR, 1);
    for (int id = 0; id < 288; id += 4) {
        dwr(r, 0, D_IPRIORITYR + (uint64_t)id, 0xa0a0a0a0);
    }
    for (int cpu = 0; cpu < ncpus; cpu++) {
        for (int id = 0; id < 32; id += 4) { /* the banked SGI and PPI priorities */
            dwr(r, cpu, D_IPRIORITYR + (uint64_t)id, 0xa0a0a0a0);
        }
        cwr(r, cpu, C_PMR, 0xf0);
        cwr(r, cpu, C_CTLR, 1);
    }
}

static bool bit_set(Rig *r, int cpu, uint64_t base, int id)
{
    return (drd(r, cpu, base + 4 * (uint64_t)(id / 32)) >> (id % 32)) & 1;
}

/* ---- tests ----------------------------------------------------------------------------- */

TEST(identification_and_reset_values)
{
    Rig r;
    rig_init(&r, 2);
    CHECK_EQ_U64(drd(&r, 0, D_TYPER), 8 | (1 << 5)); /* 288 IDs, 2 CPUs, no security */
    CHECK_EQ_U64(drd(&r, 0, D_IIDR), 0x43b);
    static const uint8_t ids[12] = {0x04, 0, 0, 0, 0x90, 0xb4, 0x2b, 0, 0x0d, 0xf0, 0x05,
                                    0xb1};
    for (int i = 0; i < 12; i++) {
        CHECK_EQ_U64(drd(&r, 0, 0xfd0 + 4 * (uint64_t)i), ids[i]);
    }
    CHECK_EQ_U64(crd(&r, 1, C_IIDR), 0x0002043b);
    CHECK_EQ_U64(drd(&r, 0, D_CTLR), 0);
    CHECK_EQ_U64(drd(&r, 1, D_ISENABLER), 0x0000ffff); /* SGIs always enabled */
    CHECK_EQ_U64(drd(&r, 0, D_ICFGR), 0xaaaaaaaa);     /* SGIs edge */
    CHECK_EQ_U64(drd(&r, 0, D_ICFGR + 4), 0);          /* PPIs level */
    CHECK_EQ_U64(crd(&r, 0, C_CTLR), 0);
    CHECK_EQ_U64(crd(&r, 0, C_PMR), 0);
    CHECK_EQ_U64(crd(&r, 0, C_BPR), 0);
    CHECK_EQ_U64(crd(&r, 0, C_ABPR), 1);
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0xff);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 1023);
    CHECK_EQ_U64(crd(&r, 0, C_HPPIR), 1023);
    /* SGIs cannot be disabled, nor their configuration changed */
    dwr(&r, 0, D_ICENABLER, 0xffffffff);
    CHECK_EQ_U64(drd(&r, 0, D_ISENABLER), 0x0000ffff);
    dwr(&r, 0, D_ICFGR, 0);
    CHECK_EQ_U64(drd(&r, 0, D_ICFGR), 0xaaaaaaaa);
    /* IDs past num_irq read as zero */
    CHECK_EQ_U64(drd(&r, 0, D_ISENABLER + 4 * 9), 0);
    CHECK_EQ_U64(drd(&r, 0, D_IPRIORITYR + 288), 0);
    rig_free(&r);
}

TEST(enable_and_signal)
{
    Rig r;
    rig_init(&r, 2);
    IrqLine uart = gicv2_spi_line(&r.gic, 1); /* ID 33 */
    irq_set(&uart, 1);
    CHECK(!r.irq[0] && !r.irq[1]); /* nothing enabled yet */
    linux_like_setup(&r, 2);
    dwrb(&r, 0, D_ITARGETSR + 33, 0x01);
    CHECK(!r.irq[0]);
    CHECK(bit_set(&r, 0, D_ISPENDR, 33)); /* pending while the line is high */
    enable(&r, 0, 33);
    CHECK(r.irq[0] && !r.irq[1]);
    CHECK(!r.fiq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_HPPIR), 33);
    dwr(&r, 0, D_ICENABLER + 4, 1u << 1);
    CHECK(!r.irq[0]);
    enable(&r, 0, 33);
    CHECK(r.irq[0]);
    dwr(&r, 0, D_CTLR, 0); /* distributor off */
    CHECK(!r.irq[0]);
    dwr(&r, 0, D_CTLR, 1);
    cwr(&r, 0, C_CTLR, 0); /* the CPU interface off */
    CHECK(!r.irq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 1023);
    cwr(&r, 0, C_CTLR, 1);
    CHECK(r.irq[0]);
    irq_set(&uart, 0);
    CHECK(!r.irq[0]);
    CHECK(!bit_set(&r, 0, D_ISPENDR, 33));
    rig_free(&r);
}

TEST(priority_mask)
{
    Rig r;
    rig_init(&r, 1);
    linux_like_setup(&r, 1);
    set_prio(&r, 0, 40, 0xf0);
    enable(&r, 0, 40);
    gicv2_set_irq(&r.gic, 0, 40, 1);
    CHECK(!r.irq[0]); /* 0xf0 is not below the mask 0xf0 */
    CHECK_EQ_U64(crd(&r, 0, C_HPPIR), 1023);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 1023);
    cwr(&r, 0, C_PMR, 0xf8);
    CHECK(r.irq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_HPPIR), 40);
    cwr(&r, 0, C_PMR, 0);
    CHECK(!r.irq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_PMR), 0);
    rig_free(&r);
}

TEST(acknowledge_eoi_and_preemption)
{
    Rig r;
    rig_init(&r, 1);
    linux_like_setup(&r, 1);
    set_prio(&r, 0, 50, 0x80);
    set_prio(&r, 0, 51, 0x40);
    set_prio(&r, 0, 52, 0xc0);
    enable(&r, 0, 50);
    enable(&r, 0, 51);
    enable(&r, 0, 52);
    gicv2_set_irq(&r.gic, 0, 50, 1);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 50);
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0x80);
    CHECK(!r.irq[0]); /* active: not signalled again while its line stays high */
    CHECK(bit_set(&r, 0, D_ISACTIVER, 50));
    CHECK(bit_set(&r, 0, D_ISPENDR, 50)); /* active and pending */
    gicv2_set_irq(&r.gic, 0, 52, 1); /* lower priority: waits */
    CHECK(!r.irq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_HPPIR), 52);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 1023); /* cannot preempt */
    gicv2_set_irq(&r.gic, 0, 51, 1); /* higher priority: preempts */
    CHECK(r.irq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_HPPIR), 51);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 51);
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0x40);
    CHECK(!r.irq[0]);
    /* one bit per active group priority p at bit p/2: 0x40 in APR1, 0x80 in APR2 */
    CHECK_EQ_U64(crd(&r, 0, C_APR0), 0);
    CHECK_EQ_U64(crd(&r, 0, C_APR0 + 4), 1);
    CHECK_EQ_U64(crd(&r, 0, C_APR0 + 8), 1);
    gicv2_set_irq(&r.gic, 0, 51, 0);
    cwr(&r, 0, C_EOIR, 51); /* nested completion, newest first */
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0x80);
    CHECK(!bit_set(&r, 0, D_ISACTIVER, 51));
    CHECK(!r.irq[0]); /* 52 still cannot preempt 50 */
    gicv2_set_irq(&r.gic, 0, 50, 0);
    cwr(&r, 0, C_EOIR, 50);
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0xff);
    CHECK(r.irq[0]); /* now 52 */
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 52);
    cwr(&r, 0, C_EOIR, 52);
    CHECK(r.irq[0]); /* its line is still high: pending again */
    gicv2_set_irq(&r.gic, 0, 52, 0);
    CHECK(!r.irq[0]);
    rig_free(&r);
}

TEST(binary_point_limits_preemption)
{
    Rig r;
    rig_init(&r, 1);
    linux_like_setup(&r, 1);
    cwr(&r, 0, C_BPR, 3); /* group priority is bits 7:4 */
    set_prio(&r, 0, 60, 0x88);
    set_prio(&r, 0, 61, 0x80);
    set_prio(&r, 0, 62, 0x70);
    enable(&r, 0, 60);
    enable(&r, 0, 61);
    enable(&r, 0, 62);
    gicv2_set_irq(&r.gic, 0, 60, 1);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 60);
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0x80); /* the group priority */
    gicv2_set_irq(&r.gic, 0, 61, 1);
    CHECK(!r.irq[0]); /* same group priority: no preemption */
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 1023);
    gicv2_set_irq(&r.gic, 0, 62, 1);
    CHECK(r.irq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 62);
    cwr(&r, 0, C_BPR, 0xff);
    CHECK_EQ_U64(crd(&r, 0, C_BPR), 7);
    rig_free(&r);
}

TEST(level_and_edge)
{
    Rig r;
    rig_init(&r, 1);
    linux_like_setup(&r, 1);
    enable(&r, 0, 70);
    enable(&r, 0, 71);
    dwr(&r, 0, D_ICFGR + 4 * (71 / 16), 2u << (2 * (71 % 16))); /* 71 edge, 70 level */
    CHECK_EQ_U64((drd(&r, 0, D_ICFGR + 4 * (71 / 16)) >> (2 * (71 % 16))) & 3, 2);
    /* a pulse on a level interrupt leaves nothing; on an edge one it latches */
    gicv2_set_irq(&r.gic, 0, 70, 1);
    gicv2_set_irq(&r.gic, 0, 70, 0);
    CHECK(!r.irq[0]);
    gicv2_set_irq(&r.gic, 0, 71, 1);
    gicv2_set_irq(&r.gic, 0, 71, 0);
    CHECK(r.irq[0]);
    CHECK(bit_set(&r, 0, D_ISPENDR, 71));
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 71);
    CHECK(!bit_set(&r, 0, D_ISPENDR, 71)); /* the acknowledge took the latch */
    gicv2_set_irq(&r.gic, 0, 71, 1);       /* another edge while active */
    CHECK(bit_set(&r, 0, D_ISPENDR, 71) && bit_set(&r, 0, D_ISACTIVER, 71));
    CHECK(!r.irq[0]);
    cwr(&r, 0, C_EOIR, 71);
    CHECK(r.irq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 71);
    cwr(&r, 0, C_EOIR, 71);
    CHECK(!r.irq[0]); /* the line is still high, but no new edge */
    /* a level interrupt set pending by software stays so until cleared */
    dwr(&r, 0, D_ISPENDR + 8, 1u << (70 % 32));
    CHECK(r.irq[0]);
    dwr(&r, 0, D_ICPENDR + 8, 1u << (70 % 32));
    CHECK(!r.irq[0]);
    /* ... and clearing does not hide a line that is high */
    gicv2_set_irq(&r.gic, 0, 70, 1);
    dwr(&r, 0, D_ICPENDR + 8, 1u << (70 % 32));
    CHECK(r.irq[0]);
    rig_free(&r);
}

TEST(spurious)
{
    Rig r;
    rig_init(&r, 1);
    linux_like_setup(&r, 1);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 1023);
    enable(&r, 0, 80);
    gicv2_set_irq(&r.gic, 0, 80, 1);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 80);
    cwr(&r, 0, C_EOIR, 1023); /* ignored */
    cwr(&r, 0, C_EOIR, 500);  /* no such interrupt: ignored */
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0xa0);
    CHECK(bit_set(&r, 0, D_ISACTIVER, 80));
    cwr(&r, 0, C_EOIR, 80);
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0xff);
    cwr(&r, 0, C_EOIR, 80); /* nothing active: ignored */
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0xff);
    rig_free(&r);
}

TEST(sgis_target_filters_and_sources)
{
    Rig r;
    rig_init(&r, 4);
    linux_like_setup(&r, 4);
    /* filter 0: the target list; from CPU 1 to CPUs 0, 2, 3 */
    dwr(&r, 1, D_SGIR, (0u << 24) | (0x0du << 16) | 5);
    CHECK(r.irq[0] && !r.irq[1] && r.irq[2] && r.irq[3]);
    CHECK_EQ_U64(drd(&r, 2, D_SPENDSGIR + 4), 0x02u << 8); /* SGI 5 from CPU 1 */
    CHECK_EQ_U64(crd(&r, 2, C_HPPIR), 5u | 1u << 10);
    CHECK_EQ_U64(crd(&r, 2, C_IAR), 5u | 1u << 10);
    cwr(&r, 2, C_EOIR, 5u | 1u << 10);
    CHECK(!r.irq[2]);
    /* filter 1: everyone but the sender (CPU 3) */
    dwr(&r, 3, D_SGIR, (1u << 24) | 7);
    CHECK(r.irq[1] && r.irq[2]);
    CHECK_EQ_U64(drd(&r, 3, D_SPENDSGIR + 4), 0x02u << 8); /* SGI 5 only, no 7 */
    CHECK_EQ_U64(drd(&r, 1, D_SPENDSGIR + 4), 0x08u << 24); /* SGI 7 from CPU 3 */
    /* filter 2: only the sender */
    dwr(&r, 3, D_SGIR, (2u << 24) | (0x01u << 16) | 9); /* the list is ignored */
    CHECK(r.irq[3]);
    CHECK_EQ_U64(drd(&r, 0, D_SPENDSGIR + 8), 0);
    CHECK_EQ_U64(crd(&r, 3, C_IAR), 5u | 1u << 10); /* same priority: lowest ID first */
    cwr(&r, 3, C_EOIR, 5u | 1u << 10);
    CHECK_EQ_U64(crd(&r, 3, C_IAR), 9u | 3u << 10);
    cwr(&r, 3, C_EOIR, 9);
    CHECK(!r.irq[3]);
    /* CPU 0 has SGI 5 from CPU 1 and SGI 7 from CPU 3; SGI 5 from CPU 2 too now */
    dwr(&r, 2, D_SGIR, (0x01u << 16) | 5);
    CHECK_EQ_U64(drd(&r, 0, D_SPENDSGIR + 4), 0x06u << 8 | 0x08u << 24);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 5u | 1u << 10); /* lowest ID, lowest source */
    cwr(&r, 0, C_EOIR, 5u | 1u << 10);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 5u | 2u << 10); /* still pending from CPU 2 */
    cwr(&r, 0, C_EOIR, 5u | 2u << 10);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 7u | 3u << 10);
    cwr(&r, 0, C_EOIR, 7);
    CHECK(!r.irq[0]);
    /* filter 3 is reserved: nothing happens */
    dwr(&r, 0, D_SGIR, (3u << 24) | (0x0fu << 16) | 1);
    CHECK(!r.irq[0]);
    CHECK_EQ_U64(drd(&r, 0, D_SPENDSGIR), 0);
    /* SPENDSGIR / CPENDSGIR set and clear sources in the accessing CPU's bank */
    dwrb(&r, 1, D_SPENDSGIR + 3, 0x09);
    CHECK(r.irq[1]);
    CHECK(bit_set(&r, 1, D_ISPENDR, 3));
    CHECK(!bit_set(&r, 0, D_ISPENDR, 3));
    dwrb(&r, 1, D_CPENDSGIR + 3, 0x01);
    CHECK_EQ_U64(drd(&r, 1, D_CPENDSGIR) >> 24, 0x08);
    dwrb(&r, 1, D_CPENDSGIR + 3, 0x08);
    CHECK(!bit_set(&r, 1, D_ISPENDR, 3));
    /* ISPENDR cannot make an SGI pending (it has no source) */
    dwr(&r, 0, D_ISPENDR, 0xffff);
    CHECK(!r.irq[0]);
    rig_free(&r);
}

TEST(ppis_are_per_cpu)
{
    Rig r;
    rig_init(&r, 2);
    linux_like_setup(&r, 2);
    IrqLine timer1 = gicv2_ppi_line(&r.gic, 1, 14); /* ID 30 on CPU 1 */
    enable(&r, 1, 30);
    irq_set(&timer1, 1);
    CHECK(r.irq[1] && !r.irq[0]);
    CHECK(bit_set(&r, 1, D_ISPENDR, 30));
    CHECK(!bit_set(&r, 0, D_ISPENDR, 30));
    CHECK(bit_set(&r, 1, D_ISENABLER, 30));
    CHECK(!bit_set(&r, 0, D_ISENABLER, 30));
    IrqLine timer0 = gicv2_ppi_line(&r.gic, 0, 14);
    irq_set(&timer0, 1);
    CHECK(!r.irq[0]); /* not enabled in CPU 0's bank */
    enable(&r, 0, 30);
    CHECK(r.irq[0]);
    /* banked priorities */
    set_prio(&r, 0, 30, 0x10);
    CHECK_EQ_U64((drd(&r, 1, D_IPRIORITYR + 28) >> 16) & 0xff, 0xa0);
    CHECK_EQ_U64((drd(&r, 0, D_IPRIORITYR + 28) >> 16) & 0xff, 0x10);
    CHECK_EQ_U64(crd(&r, 1, C_IAR), 30);
    CHECK(!r.irq[1] && r.irq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 30);
    /* ITARGETSR0-7 name the reading CPU, and are read-only */
    CHECK_EQ_U64(drd(&r, 0, D_ITARGETSR), 0x01010101);
    CHECK_EQ_U64(drd(&r, 1, D_ITARGETSR + 28), 0x02020202);
    dwr(&r, 1, D_ITARGETSR, 0x03030303);
    CHECK_EQ_U64(drd(&r, 1, D_ITARGETSR), 0x02020202);
    /* out of range lines are unconnected */
    IrqLine bad = gicv2_ppi_line(&r.gic, 2, 14);
    CHECK(!irq_connected(&bad));
    bad = gicv2_spi_line(&r.gic, 256);
    CHECK(!irq_connected(&bad));
    rig_free(&r);
}

TEST(spi_targets)
{
    Rig r;
    rig_init(&r, 2);
    linux_like_setup(&r, 2);
    enable(&r, 0, 90);
    gicv2_set_irq(&r.gic, 0, 90, 1);
    CHECK(!r.irq[0] && !r.irq[1]); /* targets no CPU */
    dwrb(&r, 0, D_ITARGETSR + 90, 0x02);
    CHECK(!r.irq[0] && r.irq[1]);
    dwrb(&r, 0, D_ITARGETSR + 90, 0xff); /* only implemented CPUs stick */
    CHECK_EQ_U64((drd(&r, 0, D_ITARGETSR + 88) >> 16) & 0xff, 0x03);
    CHECK(r.irq[0] && r.irq[1]);
    /* 1-N: the first CPU to acknowledge takes it */
    CHECK_EQ_U64(crd(&r, 1, C_IAR), 90);
    CHECK(!r.irq[0] && !r.irq[1]);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 1023);
    cwr(&r, 1, C_EOIR, 90);
    CHECK(r.irq[0] && r.irq[1]);
    rig_free(&r);
}

TEST(uniprocessor_targets_are_raz_wi)
{
    Rig r;
    rig_init(&r, 1);
    linux_like_setup(&r, 1);
    CHECK_EQ_U64(drd(&r, 0, D_ITARGETSR), 0);
    dwrb(&r, 0, D_ITARGETSR + 100, 0x01);
    CHECK_EQ_U64(drd(&r, 0, D_ITARGETSR + 100), 0);
    enable(&r, 0, 100);
    gicv2_set_irq(&r.gic, 0, 100, 1);
    CHECK(r.irq[0]); /* every SPI goes to the one CPU */
    rig_free(&r);
}

TEST(groups_and_fiq)
{
    Rig r;
    rig_init(&r, 1);
    linux_like_setup(&r, 1);
    dwr(&r, 0, D_IGROUPR + 4, 1u << (40 % 32)); /* 40 in Group 1 */
    CHECK_EQ_U64(drd(&r, 0, D_IGROUPR + 4), 1u << 8);
    enable(&r, 0, 40);
    gicv2_set_irq(&r.gic, 0, 40, 1);
    CHECK(!r.irq[0]); /* Group 1 is disabled in both */
    dwr(&r, 0, D_CTLR, 3);
    CHECK(!r.irq[0]);
    cwr(&r, 0, C_CTLR, 3);
    CHECK(r.irq[0] && !r.fiq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_HPPIR), 1022); /* Group 1 without AckCtl */
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 1022);
    CHECK_EQ_U64(crd(&r, 0, C_AHPPIR), 40);
    CHECK_EQ_U64(crd(&r, 0, C_AIAR), 40);
    CHECK(bit_set(&r, 0, D_ISACTIVER, 40));
    CHECK_EQ_U64(crd(&r, 0, C_NSAPR0 + 4 * (0xa0 >> 6)), 1u << ((0xa0 >> 1) % 32));
    cwr(&r, 0, C_AEOIR, 40);
    CHECK(!bit_set(&r, 0, D_ISACTIVER, 40));
    CHECK_EQ_U64(crd(&r, 0, C_NSAPR0 + 8), 0);
    cwr(&r, 0, C_CTLR, 3 | 4); /* AckCtl: GICC_IAR takes Group 1 too */
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 40);
    cwr(&r, 0, C_EOIR, 40);
    gicv2_set_irq(&r.gic, 0, 40, 0);
    /* Group 0 with FIQEn is a FIQ; the alias does not see it */
    enable(&r, 0, 41);
    gicv2_set_irq(&r.gic, 0, 41, 1);
    CHECK(r.irq[0] && !r.fiq[0]);
    cwr(&r, 0, C_CTLR, 3 | 8);
    CHECK(!r.irq[0] && r.fiq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_AIAR), 1023);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 41);
    CHECK(!r.fiq[0]);
    /* ABPR: its minimum is 1 */
    cwr(&r, 0, C_ABPR, 0);
    CHECK_EQ_U64(crd(&r, 0, C_ABPR), 1);
    rig_free(&r);
}

TEST(eoimode_1_and_dir)
{
    Rig r;
    rig_init(&r, 1);
    linux_like_setup(&r, 1);
    cwr(&r, 0, C_CTLR, 1 | 0x200);
    CHECK_EQ_U64(crd(&r, 0, C_CTLR), 0x201);
    enable(&r, 0, 45);
    gicv2_set_irq(&r.gic, 0, 45, 1);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 45);
    cwr(&r, 0, C_EOIR, 45); /* priority drop only */
    CHECK_EQ_U64(crd(&r, 0, C_RPR), 0xff);
    CHECK(bit_set(&r, 0, D_ISACTIVER, 45));
    CHECK(!r.irq[0]); /* still active */
    cwr(&r, 0, C_DIR, 45);
    CHECK(!bit_set(&r, 0, D_ISACTIVER, 45));
    CHECK(r.irq[0]); /* its line is high */
    /* with EOImode 0, GICC_DIR is ignored */
    cwr(&r, 0, C_CTLR, 1);
    CHECK_EQ_U64(crd(&r, 0, C_IAR), 45);
    cwr(&r, 0, C_DIR, 45);
    CHECK(bit_set(&r, 0, D_ISACTIVER, 45));
    /* ICACTIVER deactivates too */
    dwr(&r, 0, D_ICACTIVER + 4, 1u << (45 % 32));
    CHECK(!bit_set(&r, 0, D_ISACTIVER, 45));
    rig_free(&r);
}

TEST(byte_and_word_access)
{
    Rig r;
    rig_init(&r, 2);
    dwr(&r, 0, D_IPRIORITYR + 64, 0x44332211);
    CHECK_EQ_U64(gicv2_dist_ops.read(&r.gic, D_IPRIORITYR + 66, 1), 0x33);
    CHECK_EQ_U64(gicv2_dist_ops.read(&r.gic, D_IPRIORITYR + 64, 2), 0x2211);
    gicv2_dist_ops.write(&r.gic, D_IPRIORITYR + 65, 0x99, 1);
    CHECK_EQ_U64(drd(&r, 0, D_IPRIORITYR + 64), 0x44339911);
    CHECK_EQ_U64(gicv2_dist_ops.read(&r.gic, D_IPRIORITYR + 64, 8), 0);
    /* GICD_SGIR is a word register */
    linux_like_setup(&r, 2);
    gicv2_dist_ops.write(&r.gic, D_SGIR, 1, 1);
    CHECK(!r.irq[0]);
    rig_free(&r);
}

static void save(Gicv2 *g, StateWriter *w)
{
    sw_init(w);
    g->dev.ops->save(&g->dev, w);
}

static bool load(Gicv2 *g, const uint8_t *buf, size_t len, char *why, size_t whylen)
{
    StateReader rd;
    sr_init(&rd, buf, len);
    bool ok = g->dev.ops->load(&g->dev, &rd, g->dev.ops->version) && sr_done(&rd);
    if (why) {
        snprintf(why, whylen, "%s", rd.why);
    }
    return ok;
}

TEST(save_load)
{
    Rig a, b;
    rig_init(&a, 2);
    rig_init(&b, 2);
    linux_like_setup(&a, 2);
    cwr(&a, 1, C_CTLR, 3 | 0x10);
    dwr(&a, 0, D_CTLR, 3);
    cwr(&a, 0, C_BPR, 2);
    dwrb(&a, 0, D_ITARGETSR + 33, 0x03);
    set_prio(&a, 0, 33, 0x20);
    enable(&a, 0, 33);
    enable(&a, 1, 30);
    dwr(&a, 0, D_IGROUPR + 8, 1u << 2);  /* 66 in Group 1 */
    dwr(&a, 0, D_ICFGR + 16, 2u << 4);   /* 66 edge */
    enable(&a, 0, 66);
    dwrb(&a, 0, D_ITARGETSR + 66, 0x02);
    gicv2_set_irq(&a.gic, 0, 33, 1);
    gicv2_set_irq(&a.gic, 1, 30, 1);
    gicv2_set_irq(&a.gic, 0, 66, 1);
    CHECK_EQ_U64(crd(&a, 0, C_IAR), 33); /* active on CPU 0 */
    dwr(&a, 0, D_SGIR, (0x02u << 16) | 4); /* SGI 4 pending on CPU 1 from 0 */
    CHECK(a.irq[1]);
    StateWriter w1, w2;
    save(&a.gic, &w1);
    CHECK(load(&b.gic, w1.buf, w1.len, NULL, 0));
    save(&b.gic, &w2);
    CHECK(w1.len == w2.len && memcmp(w1.buf, w2.buf, w1.len) == 0);
    CHECK(b.irq[0] == a.irq[0] && b.irq[1] == a.irq[1] && b.irq[1]); /* re-driven */
    CHECK_EQ_U64(crd(&b, 0, C_RPR), 0x20);
    CHECK_EQ_U64(crd(&b, 1, C_IAR), 4u); /* SGI 4 (prio 0xa0) before PPI 30 (0xa0): lower ID */
    cwr(&b, 1, C_EOIR, 4);
    CHECK_EQ_U64(crd(&b, 1, C_IAR), 30);
    cwr(&b, 0, C_EOIR, 33);
    CHECK_EQ_U64(crd(&b, 0, C_RPR), 0xff);
    /* every cut stream is refused */
    for (size_t len = 0; len < w1.len; len++) {
        Rig c;
        rig_init(&c, 2);
        CHECK(!load(&c.gic, w1.buf, len, NULL, 0));
        rig_free(&c);
    }
    /* another GIC shape, with a reason */
    Rig c;
    rig_init(&c, 4);
    char why[200];
    CHECK(!load(&c.gic, w1.buf, w1.len, why, sizeof(why)));
    CHECK(strstr(why, "2 CPUs") != NULL);
    rig_free(&c);
    /* an SGI pending without a source */
    size_t cpu1_sgi_sources = w1.len - 16; /* CPU 1's sgi_sources are the last 16 bytes */
    uint8_t *bad = malloc(w1.len);
    memcpy(bad, w1.buf, w1.len);
    CHECK_EQ_U64(bad[cpu1_sgi_sources + 4], 0x01);
    bad[cpu1_sgi_sources + 4] = 0;
    CHECK(!load(&b.gic, bad, w1.len, NULL, 0));
    bad[cpu1_sgi_sources + 4] = 0x04; /* from a CPU that does not exist */
    CHECK(!load(&b.gic, bad, w1.len, NULL, 0));
    free(bad);
    CHECK(load(&b.gic, w1.buf, w1.len, NULL, 0));
    sw_free(&w1);
    sw_free(&w2);
    rig_free(&a);
    rig_free(&b);
}

TEST(reset_keeps_line_levels)
{
    Rig r;
    rig_init(&r, 1);
    linux_like_setup(&r, 1);
    enable(&r, 0, 33);
    gicv2_set_irq(&r.gic, 0, 33, 1);
    CHECK(r.irq[0]);
    machine_reset_devices(&r.m);
    CHECK(!r.irq[0]);
    CHECK_EQ_U64(crd(&r, 0, C_CTLR), 0);
    linux_like_setup(&r, 1);
    enable(&r, 0, 33);
    CHECK(r.irq[0]); /* the line is still high: the device did not re-drive it */
    rig_free(&r);
}

TEST(banked_by_the_vcpu_that_accesses)
{
    /* Any guest CPU does: the distributor mapped in a machine's address space, read by two
     * riscv harts' loads as the translated code would make them. */
    Rig r;
    rig_init(&r, 2);
    as_init(&r.m.as);
    CHECK(as_add_mmio(&r.m.as, 0x08000000, GICV2_DIST_SIZE, &gicv2_dist_ops, &r.gic,
                      "gicd") != NULL);
    RiscvCPU *cpu0 = riscv_cpu_create(&r.m, 0), *cpu1 = riscv_cpu_create(&r.m, 1);
    r.m.cpus[0] = &cpu0->common;
    r.m.cpus[1] = &cpu1->common;
    r.m.ncpus = 2;
    uint64_t v0 = 0, v1 = 0;
    CHECK(tlb_load_slow(&cpu1->common, 0x08000800, IR_MO_32, RISCV_MMU_M, 0, &v1) == 0);
    CHECK(tlb_load_slow(&cpu0->common, 0x08000800, IR_MO_32, RISCV_MMU_M, 0, &v0) == 0);
    CHECK_EQ_U64(v1, 0x02020202); /* ITARGETSR0: the reading CPU's bit */
    CHECK_EQ_U64(v0, 0x01010101);
    CHECK_EQ_U64(mmio_accessing_cpu(), -1); /* restored after each access */
    /* a store is served for its vCPU too: CPU 1 enables PPI 30 in its own bank */
    CHECK(tlb_store_slow(&cpu1->common, 0x08000100, 1u << 30, IR_MO_32, RISCV_MMU_M, 0) == 0);
    CHECK(bit_set(&r, 1, D_ISENABLER, 30));
    CHECK(!bit_set(&r, 0, D_ISENABLER, 30));
    rig_free(&r);
    as_destroy(&r.m.as);
}

int main(void)
{
    RUN(identification_and_reset_values);
    RUN(enable_and_signal);
    RUN(priority_mask);
    RUN(acknowledge_eoi_and_preemption);
    RUN(binary_point_limits_preemption);
    RUN(level_and_edge);
    RUN(spurious);
    RUN(sgis_target_filters_and_sources);
    RUN(ppis_are_per_cpu);
    RUN(spi_targets);
    RUN(uniprocessor_targets_are_raz_wi);
    RUN(groups_and_fiq);
    RUN(eoimode_1_and_dir);
    RUN(byte_and_word_access);
    RUN(save_load);
    RUN(reset_keeps_line_levels);
    RUN(banked_by_the_vcpu_that_accesses);
    return test_summary();
}
