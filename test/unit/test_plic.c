/*
 * test/unit/test_plic.c — PLIC semantics (PLIC spec 1.0.0): priorities, thresholds,
 * per-context enables, claim/complete with level-triggered sources, and the MEIP/SEIP
 * outputs seen in the hart's mip.
 */
#include <string.h>

#include "core/irq.h"
#include "core/machine.h"
#include "core/riscv/cpu.h"
#include "hw/intc/plic.h"
#include "test/unit/test.h"

#define MIP_SEIP (1ull << 9)
#define MIP_MEIP (1ull << 11)

typedef struct {
    Machine m;
    RiscvCPU *cpu[2];
    Plic plic;
} Rig;

static void rig_init(Rig *r, int nharts)
{
    memset(r, 0, sizeof(*r));
    timer_list_init(&r->m.timers, NULL, NULL);
    for (int i = 0; i < nharts; i++) {
        r->cpu[i] = riscv_cpu_create(&r->m, i);
        r->m.cpus[i] = &r->cpu[i]->common;
    }
    r->m.ncpus = nharts;
    plic_init(&r->plic, &r->m, nharts);
    for (int i = 0; i < nharts; i++) { /* as the virt board wires them */
        r->plic.out[2 * i] = cpu_irq_line(&r->cpu[i]->common, RISCV_IRQ_MEIP);
        r->plic.out[2 * i + 1] = cpu_irq_line(&r->cpu[i]->common, RISCV_IRQ_SEIP);
    }
}

static void rig_free(Rig *r)
{
    machine_destroy_devices(&r->m); /* the harts are devices */
    timer_list_destroy(&r->m.timers);
}

static void wr(Rig *r, uint64_t off, uint32_t v)
{
    plic_ops.write(&r->plic, off, v, 4);
}

static uint32_t rd(Rig *r, uint64_t off)
{
    return (uint32_t)plic_ops.read(&r->plic, off, 4);
}

#define PRIO(i) (4u * (i))
#define PENDING(w) (0x1000u + 4u * (w))
#define ENABLE(ctx, w) (0x2000u + 0x80u * (ctx) + 4u * (w))
#define THRESHOLD(ctx) (0x200000u + 0x1000u * (ctx))
#define CLAIM(ctx) (0x200004u + 0x1000u * (ctx))

TEST(claim_complete_level)
{
    Rig r;
    rig_init(&r, 1);
    wr(&r, PRIO(10), 1);
    wr(&r, ENABLE(1, 0), 1u << 10); /* S context of hart 0 */
    plic_set_irq(&r.plic, 10, 1);
    CHECK(rd(&r, PENDING(0)) & (1u << 10));
    CHECK(r.cpu[0]->mip & MIP_SEIP);
    CHECK(!(r.cpu[0]->mip & MIP_MEIP)); /* not enabled for the M context */
    CHECK_EQ_U64(rd(&r, CLAIM(1)), 10);
    CHECK(!(rd(&r, PENDING(0)) & (1u << 10)));
    CHECK(!(r.cpu[0]->mip & MIP_SEIP)); /* claimed: no longer pending */
    CHECK_EQ_U64(rd(&r, CLAIM(1)), 0);  /* nothing else */
    /* line still high at completion: pending again (level-triggered) */
    wr(&r, CLAIM(1), 10);
    CHECK(r.cpu[0]->mip & MIP_SEIP);
    CHECK_EQ_U64(rd(&r, CLAIM(1)), 10);
    plic_set_irq(&r.plic, 10, 0);
    wr(&r, CLAIM(1), 10);
    CHECK(!(r.cpu[0]->mip & MIP_SEIP));
    rig_free(&r);
}

TEST(priority_threshold_and_order)
{
    Rig r;
    rig_init(&r, 1);
    wr(&r, PRIO(1), 2);
    wr(&r, PRIO(5), 5);
    wr(&r, PRIO(7), 5);
    wr(&r, ENABLE(0, 0), (1u << 1) | (1u << 5) | (1u << 7));
    plic_set_irq(&r.plic, 1, 1);
    plic_set_irq(&r.plic, 7, 1);
    plic_set_irq(&r.plic, 5, 1);
    CHECK(r.cpu[0]->mip & MIP_MEIP);
    wr(&r, THRESHOLD(0), 5); /* only priorities above 5 interrupt */
    CHECK(!(r.cpu[0]->mip & MIP_MEIP));
    CHECK_EQ_U64(rd(&r, CLAIM(0)), 0);
    wr(&r, THRESHOLD(0), 1);
    CHECK_EQ_U64(rd(&r, CLAIM(0)), 5); /* highest priority; tie -> lowest id */
    CHECK_EQ_U64(rd(&r, CLAIM(0)), 7);
    CHECK_EQ_U64(rd(&r, CLAIM(0)), 1);
    CHECK_EQ_U64(rd(&r, CLAIM(0)), 0);
    /* priority 0 never interrupts */
    wr(&r, PRIO(1), 0);
    plic_set_irq(&r.plic, 1, 0);
    wr(&r, CLAIM(0), 1);
    plic_set_irq(&r.plic, 1, 1);
    CHECK_EQ_U64(rd(&r, CLAIM(0)), 0);
    /* priorities are 3 bits wide */
    wr(&r, PRIO(3), 0xffffffff);
    CHECK_EQ_U64(rd(&r, PRIO(3)), 7);
    rig_free(&r);
}

TEST(contexts_per_hart_and_bounds)
{
    Rig r;
    rig_init(&r, 2);
    wr(&r, PRIO(33), 1);
    wr(&r, ENABLE(3, 1), 1u << 1); /* hart 1, S context; source 33 is word 1 bit 1 */
    plic_set_irq(&r.plic, 33, 1);
    CHECK(r.cpu[1]->mip & MIP_SEIP);
    CHECK(!(r.cpu[0]->mip & (MIP_SEIP | MIP_MEIP)));
    CHECK_EQ_U64(rd(&r, CLAIM(3)), 33);
    /* completing a source the context has not enabled is ignored */
    wr(&r, CLAIM(2), 33);
    CHECK_EQ_U64(rd(&r, CLAIM(3)), 0);
    /* source 0 does not exist; out-of-range sources and contexts are harmless */
    wr(&r, ENABLE(0, 0), 1);
    CHECK_EQ_U64(rd(&r, ENABLE(0, 0)), 0);
    plic_set_irq(&r.plic, 0, 1);
    plic_set_irq(&r.plic, 1000, 1);
    CHECK_EQ_U64(rd(&r, CLAIM(9)), 0);
    wr(&r, THRESHOLD(9), 3);
    CHECK_EQ_U64(rd(&r, 0x1ffffc), 0);
    rig_free(&r);
}

int main(void)
{
    RUN(claim_complete_level);
    RUN(priority_threshold_and_order);
    RUN(contexts_per_hart_and_bounds);
    return test_summary();
}
