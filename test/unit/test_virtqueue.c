/*
 * test/unit/test_virtqueue.c — split virtqueues and the virtio-mmio transport against a fake
 * guest RAM: feature negotiation, normal and indirect chains, event-idx suppression, DMA
 * invalidating translated code, and every malformed case (loop, overlong chain, out-of-RAM
 * buffer / ring / indirect table, indirect in indirect, empty indirect table, bad head, avail
 * index jump, readable after writable) -> DEVICE_NEEDS_RESET with a config interrupt, no crash.
 * Also virtio-blk end to end on a raw temp file and on a snapshot=on overlay.
 * Run it under ASan/UBSan too (make EXTRA_CFLAGS=-fsanitize=address,undefined).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/tb.h"
#include "hw/block/block.h"
#include "core/machine.h"
#include "hw/virtio/virtio_blk.h"
#include "hw/virtio/virtio_mmio.h"
#include "test/unit/test.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (1ull << 20)
#define ROM_BASE 0x1000ull
#define DESC (RAM_BASE + 0x1000)
#define AVAIL (RAM_BASE + 0x2000)
#define USED (RAM_BASE + 0x3000)
#define BUF (RAM_BASE + 0x10000)
#define QSIZE 8

/* transport registers */
enum {
    R_DEVICE_ID = 0x008, R_DEV_FEATURES = 0x010, R_DEV_FEATURES_SEL = 0x014,
    R_DRV_FEATURES = 0x020, R_DRV_FEATURES_SEL = 0x024, R_QUEUE_SEL = 0x030,
    R_QUEUE_NUM_MAX = 0x034, R_QUEUE_NUM = 0x038, R_QUEUE_READY = 0x044,
    R_QUEUE_NOTIFY = 0x050, R_ISR = 0x060, R_ACK = 0x064, R_STATUS = 0x070,
    R_DESC_LO = 0x080, R_DESC_HI = 0x084, R_AVAIL_LO = 0x090, R_AVAIL_HI = 0x094,
    R_USED_LO = 0x0a0, R_USED_HI = 0x0a4, R_CONFIG = 0x100,
};

/* A test device: one queue; each chain gets its writable bytes filled with 0xab. */
typedef struct TestDev {
    VirtioDevice vdev;
    int handled;
    unsigned last_nout, last_nin;
    uint64_t last_out_len, last_in_len;
} TestDev;

static void testdev_notify(VirtioDevice *vdev, unsigned q)
{
    TestDev *t = (TestDev *)vdev;
    bool any = false;
    while (virtio_pop(vdev, q)) {
        VirtqElem *e = vdev->elem;
        t->handled++;
        t->last_nout = e->nout;
        t->last_nin = e->nin;
        t->last_out_len = e->out_len;
        t->last_in_len = e->in_len;
        for (unsigned i = e->nout; i < e->nout + e->nin; i++) {
            memset(e->seg[i].host, 0xab, e->seg[i].len);
        }
        virtio_push(vdev, q, e, (uint32_t)e->in_len);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, q);
    }
}

static void testdev_destroy(VirtioDevice *vdev)
{
    virtio_device_cleanup(vdev);
}

static const VirtioDeviceOps testdev_ops = {.notify = testdev_notify,
                                            .destroy = testdev_destroy};

typedef struct Rig {
    Machine m;
    TestDev dev;
    VirtioMmio t;
    int irq_level;
    uint8_t *ram;
} Rig;

static void rig_irq(void *opaque, int irq, int level)
{
    (void)irq;
    ((Rig *)opaque)->irq_level = level;
}

static void wr(Rig *r, uint64_t off, uint32_t v)
{
    virtio_mmio_ops.write(&r->t, off, v, 4);
}

static uint32_t rd(Rig *r, uint64_t off)
{
    return (uint32_t)virtio_mmio_ops.read(&r->t, off, 4);
}

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof(*r));
    as_init(&r->m.as);
    MemRegion *ram = as_add_ram(&r->m.as, RAM_BASE, RAM_SIZE, "ram");
    r->ram = ram->ram;
    as_add_rom(&r->m.as, ROM_BASE, 0x1000, "rom");
    r->m.tbs = tb_cache_new(false);
    virtio_device_init(&r->dev.vdev, &testdev_ops, "test", &r->m, 0x1234, 1ull << 3, 1, QSIZE,
                       8);
    r->dev.vdev.config[0] = 0x42;
    virtio_mmio_init(&r->t, &r->m, 0x10001000);
    r->t.irq = irq_line(rig_irq, r, 5);
    virtio_mmio_attach(&r->t, &r->dev.vdev);
    return r;
}

static void rig_free(Rig *r)
{
    machine_destroy_devices(&r->m); /* the slot destroys its device */
    tb_cache_free(r->m.tbs);
    as_destroy(&r->m.as);
    free(r);
}

static uint8_t *gp(Rig *r, uint64_t gpa)
{
    return r->ram + (gpa - RAM_BASE);
}

static void put16(Rig *r, uint64_t gpa, uint16_t v)
{
    memcpy(gp(r, gpa), &v, 2);
}

static uint16_t get16(Rig *r, uint64_t gpa)
{
    uint16_t v;
    memcpy(&v, gp(r, gpa), 2);
    return v;
}

static uint32_t get32(Rig *r, uint64_t gpa)
{
    uint32_t v;
    memcpy(&v, gp(r, gpa), 4);
    return v;
}

static void desc_at(Rig *r, uint64_t table, unsigned i, uint64_t addr, uint32_t len,
                    uint16_t flags, uint16_t next)
{
    uint8_t *p = gp(r, table + 16ull * i);
    memcpy(p, &addr, 8);
    memcpy(p + 8, &len, 4);
    memcpy(p + 12, &flags, 2);
    memcpy(p + 14, &next, 2);
}

static void desc(Rig *r, unsigned i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
    desc_at(r, DESC, i, addr, len, flags, next);
}

/* Make head available and notify. */
static void kick(Rig *r, uint16_t head)
{
    uint16_t idx = get16(r, AVAIL + 2);
    put16(r, AVAIL + 4 + 2 * (idx % QSIZE), head);
    put16(r, AVAIL + 2, (uint16_t)(idx + 1));
    wr(r, R_QUEUE_NOTIFY, 0);
}

/* The driver's side of initialization (3.1.1); returns the status read back. */
static uint32_t drv_init(Rig *r, uint64_t features)
{
    wr(r, R_STATUS, 0);
    wr(r, R_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(r, R_DRV_FEATURES_SEL, 0);
    wr(r, R_DRV_FEATURES, (uint32_t)features);
    wr(r, R_DRV_FEATURES_SEL, 1);
    wr(r, R_DRV_FEATURES, (uint32_t)(features >> 32));
    wr(r, R_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
    uint32_t st = rd(r, R_STATUS);
    if (!(st & VIRTIO_STATUS_FEATURES_OK)) {
        return st;
    }
    memset(gp(r, DESC), 0, 0x3000);
    wr(r, R_QUEUE_SEL, 0);
    wr(r, R_QUEUE_NUM, QSIZE);
    wr(r, R_DESC_LO, (uint32_t)DESC);
    wr(r, R_DESC_HI, (uint32_t)(DESC >> 32));
    wr(r, R_AVAIL_LO, (uint32_t)AVAIL);
    wr(r, R_AVAIL_HI, 0);
    wr(r, R_USED_LO, (uint32_t)USED);
    wr(r, R_USED_HI, 0);
    wr(r, R_QUEUE_READY, 1);
    wr(r, R_STATUS, rd(r, R_STATUS) | VIRTIO_STATUS_DRIVER_OK);
    return rd(r, R_STATUS);
}

#define F_V1 (1ull << VIRTIO_F_VERSION_1)
#define F_INDIRECT (1ull << VIRTIO_F_INDIRECT_DESC)
#define F_EVENT_IDX (1ull << VIRTIO_F_EVENT_IDX)

static bool needs_reset(Rig *r)
{
    return (rd(r, R_STATUS) & VIRTIO_STATUS_NEEDS_RESET) && (rd(r, R_ISR) & VIRTIO_ISR_CONFIG) &&
           r->irq_level;
}

TEST(identity_and_features)
{
    Rig *r = rig_new();
    CHECK_EQ_U64(rd(r, 0x000), 0x74726976);
    CHECK_EQ_U64(rd(r, 0x004), 2);
    CHECK_EQ_U64(rd(r, R_DEVICE_ID), 0x1234);
    wr(r, R_DEV_FEATURES_SEL, 0);
    CHECK_EQ_U64(rd(r, R_DEV_FEATURES), (1u << 3) | (1u << 28) | (1u << 29));
    wr(r, R_DEV_FEATURES_SEL, 1);
    CHECK_EQ_U64(rd(r, R_DEV_FEATURES), 1); /* VERSION_1 */
    CHECK_EQ_U64(rd(r, R_QUEUE_NUM_MAX), QSIZE);
    wr(r, R_QUEUE_SEL, 1);
    CHECK_EQ_U64(rd(r, R_QUEUE_NUM_MAX), 0); /* no queue 1 */
    /* without VERSION_1, or with a feature not offered: FEATURES_OK stays clear */
    CHECK(!(drv_init(r, 1ull << 3) & VIRTIO_STATUS_FEATURES_OK));
    CHECK(!(drv_init(r, F_V1 | (1ull << 4)) & VIRTIO_STATUS_FEATURES_OK));
    CHECK(drv_init(r, F_V1 | (1ull << 3)) & VIRTIO_STATUS_DRIVER_OK);
    /* config space: byte access */
    CHECK_EQ_U64(virtio_mmio_ops.read(&r->t, R_CONFIG, 1), 0x42);
    CHECK_EQ_U64(virtio_mmio_ops.read(&r->t, R_CONFIG + 8, 1), 0); /* past the end */
    /* status 0 resets */
    wr(r, R_STATUS, 0);
    CHECK_EQ_U64(rd(r, R_STATUS), 0);
    CHECK_EQ_U64(rd(r, R_QUEUE_READY), 0);
    rig_free(r);
}

TEST(normal_chain)
{
    Rig *r = rig_new();
    CHECK(drv_init(r, F_V1) & VIRTIO_STATUS_DRIVER_OK);
    desc(r, 0, BUF, 16, VIRTQ_DESC_F_NEXT, 1);
    desc(r, 1, BUF + 0x1000, 100, VIRTQ_DESC_F_NEXT, 2);
    desc(r, 2, BUF + 0x2000, 512, VIRTQ_DESC_F_WRITE, 0);
    kick(r, 0);
    CHECK_EQ_U64(r->dev.handled, 1);
    CHECK_EQ_U64(r->dev.last_nout, 2);
    CHECK_EQ_U64(r->dev.last_nin, 1);
    CHECK_EQ_U64(r->dev.last_out_len, 116);
    CHECK_EQ_U64(r->dev.last_in_len, 512);
    CHECK_EQ_U64(*gp(r, BUF + 0x2000 + 511), 0xab);
    CHECK_EQ_U64(get16(r, USED + 2), 1);       /* used->idx */
    CHECK_EQ_U64(get32(r, USED + 4), 0);       /* id */
    CHECK_EQ_U64(get32(r, USED + 8), 512);     /* len */
    CHECK_EQ_U64(rd(r, R_ISR), VIRTIO_ISR_QUEUE);
    CHECK(r->irq_level);
    wr(r, R_ACK, VIRTIO_ISR_QUEUE);
    CHECK_EQ_U64(rd(r, R_ISR), 0);
    CHECK(!r->irq_level);
    /* NO_INTERRUPT suppresses the interrupt (no event idx) */
    put16(r, AVAIL, VIRTQ_AVAIL_F_NO_INTERRUPT);
    kick(r, 0);
    CHECK_EQ_U64(r->dev.handled, 2);
    CHECK_EQ_U64(rd(r, R_ISR), 0);
    /* wrap the 16-bit indices around the ring several times */
    put16(r, AVAIL, 0);
    for (int i = 0; i < 40; i++) {
        kick(r, 2);
    }
    CHECK_EQ_U64(r->dev.handled, 42);
    CHECK_EQ_U64(get16(r, USED + 2), 42);
    CHECK(!(rd(r, R_STATUS) & VIRTIO_STATUS_NEEDS_RESET));
    rig_free(r);
}

TEST(indirect_chain)
{
    Rig *r = rig_new();
    CHECK(drv_init(r, F_V1 | F_INDIRECT) & VIRTIO_STATUS_DRIVER_OK);
    uint64_t table = BUF + 0x8000;
    desc_at(r, table, 0, BUF, 16, VIRTQ_DESC_F_NEXT, 1);
    desc_at(r, table, 1, BUF + 0x100, 0, VIRTQ_DESC_F_NEXT, 2); /* empty: skipped */
    desc_at(r, table, 2, BUF + 0x1000, 64, VIRTQ_DESC_F_WRITE, 0);
    desc(r, 3, table, 48, VIRTQ_DESC_F_INDIRECT, 0);
    kick(r, 3);
    CHECK_EQ_U64(r->dev.handled, 1);
    CHECK_EQ_U64(r->dev.last_nout, 1);
    CHECK_EQ_U64(r->dev.last_nin, 1);
    CHECK_EQ_U64(r->dev.last_in_len, 64);
    CHECK_EQ_U64(get32(r, USED + 4), 3);
    CHECK(!(rd(r, R_STATUS) & VIRTIO_STATUS_NEEDS_RESET));
    rig_free(r);
}

TEST(event_idx)
{
    Rig *r = rig_new();
    CHECK(drv_init(r, F_V1 | F_EVENT_IDX) & VIRTIO_STATUS_DRIVER_OK);
    desc(r, 0, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
    /* used_event = 0: interrupt when used idx moves past 0 */
    put16(r, AVAIL + 4 + 2 * QSIZE, 0);
    kick(r, 0);
    CHECK_EQ_U64(rd(r, R_ISR), VIRTIO_ISR_QUEUE);
    CHECK_EQ_U64(get16(r, USED + 4 + 8 * QSIZE), 1); /* avail_event: next entry */
    wr(r, R_ACK, 1);
    /* used_event = 5: no interrupt for entries 2..5, one when 6 is used */
    put16(r, AVAIL + 4 + 2 * QSIZE, 5);
    for (int i = 0; i < 4; i++) {
        kick(r, 0);
        CHECK_EQ_U64(rd(r, R_ISR), 0);
    }
    kick(r, 0); /* used idx 5 -> 6: crosses used_event */
    CHECK_EQ_U64(rd(r, R_ISR), VIRTIO_ISR_QUEUE);
    rig_free(r);
}

/* Code pages written by device DMA are invalidated. */
TEST(dma_invalidates_code)
{
    Rig *r = rig_new();
    CHECK(drv_init(r, F_V1) & VIRTIO_STATUS_DRIVER_OK);
    MemRegion *ram = as_find(&r->m.as, RAM_BASE);
    uint64_t page = (BUF + 0x4000 - RAM_BASE) >> 12;
    ram->code_pages[page] = 1;
    ram->code_pages[page + 1] = 1; /* not written: stays */
    desc(r, 0, BUF + 0x4000, 4096, VIRTQ_DESC_F_WRITE, 0);
    kick(r, 0);
    CHECK_EQ_U64(ram->code_pages[page], 0);
    CHECK_EQ_U64(ram->code_pages[page + 1], 1);
    rig_free(r);
}

/* A malformed chain set up by setup(): the device must enter NEEDS_RESET, handle nothing,
 * raise a config interrupt, and work again after a reset. */
static void expect_broken(void (*setup)(Rig *r), uint64_t features, const char *what)
{
    Rig *r = rig_new();
    CHECK(drv_init(r, F_V1 | features) & VIRTIO_STATUS_DRIVER_OK);
    setup(r);
    if (!needs_reset(r) || r->dev.handled != 0) {
        fprintf(stderr, "  malformed case '%s' not caught\n", what);
        test_cur_failed = 1;
    }
    /* further notifies do nothing */
    wr(r, R_QUEUE_NOTIFY, 0);
    CHECK_EQ_U64(r->dev.handled, 0);
    /* reset and a good chain work again */
    CHECK(drv_init(r, F_V1 | features) & VIRTIO_STATUS_DRIVER_OK);
    CHECK(!(rd(r, R_STATUS) & VIRTIO_STATUS_NEEDS_RESET));
    desc(r, 0, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
    kick(r, 0);
    CHECK_EQ_U64(r->dev.handled, 1);
    rig_free(r);
}

static void bad_loop(Rig *r)
{
    desc(r, 0, BUF, 8, VIRTQ_DESC_F_NEXT, 1);
    desc(r, 1, BUF, 8, VIRTQ_DESC_F_NEXT, 0);
    kick(r, 0);
}

static void bad_self_loop(Rig *r)
{
    desc(r, 2, BUF, 8, VIRTQ_DESC_F_NEXT, 2);
    kick(r, 2);
}

static void bad_next_out_of_range(Rig *r)
{
    desc(r, 0, BUF, 8, VIRTQ_DESC_F_NEXT, QSIZE);
    kick(r, 0);
}

static void bad_head(Rig *r)
{
    kick(r, QSIZE + 3);
}

static void bad_out_of_ram(Rig *r)
{
    desc(r, 0, RAM_BASE + RAM_SIZE - 4, 8, 0, 0); /* straddles the end of RAM */
    kick(r, 0);
}

static void bad_unmapped(Rig *r)
{
    desc(r, 0, 0x10000, 8, VIRTQ_DESC_F_WRITE, 0);
    kick(r, 0);
}

static void bad_write_to_rom(Rig *r)
{
    desc(r, 0, ROM_BASE, 8, VIRTQ_DESC_F_WRITE, 0);
    kick(r, 0);
}

static void bad_huge_len(Rig *r)
{
    desc(r, 0, BUF, 0xffffffffu, VIRTQ_DESC_F_WRITE, 0);
    kick(r, 0);
}

static void bad_wrap_addr(Rig *r)
{
    desc(r, 0, UINT64_MAX - 3, 8, 0, 0);
    kick(r, 0);
}

static void bad_readable_after_writable(Rig *r)
{
    desc(r, 0, BUF, 8, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    desc(r, 1, BUF, 8, 0, 0);
    kick(r, 0);
}

static void bad_avail_jump(Rig *r)
{
    desc(r, 0, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
    put16(r, AVAIL + 2, QSIZE + 1);
    wr(r, R_QUEUE_NOTIFY, 0);
}

static void bad_indirect_in_indirect(Rig *r)
{
    uint64_t t1 = BUF + 0x8000, t2 = BUF + 0x9000;
    desc_at(r, t2, 0, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
    desc_at(r, t1, 0, t2, 16, VIRTQ_DESC_F_INDIRECT, 0);
    desc(r, 0, t1, 16, VIRTQ_DESC_F_INDIRECT, 0);
    kick(r, 0);
}

static void bad_indirect_empty(Rig *r)
{
    desc(r, 0, BUF + 0x8000, 0, VIRTQ_DESC_F_INDIRECT, 0);
    kick(r, 0);
}

static void bad_indirect_odd_len(Rig *r)
{
    desc(r, 0, BUF + 0x8000, 24, VIRTQ_DESC_F_INDIRECT, 0);
    kick(r, 0);
}

static void bad_indirect_out_of_ram(Rig *r)
{
    desc(r, 0, RAM_BASE + RAM_SIZE - 16, 32, VIRTQ_DESC_F_INDIRECT, 0);
    kick(r, 0);
}

static void bad_indirect_loop(Rig *r)
{
    uint64_t t = BUF + 0x8000;
    desc_at(r, t, 0, BUF, 8, VIRTQ_DESC_F_NEXT, 1);
    desc_at(r, t, 1, BUF, 8, VIRTQ_DESC_F_NEXT, 0);
    desc(r, 0, t, 32, VIRTQ_DESC_F_INDIRECT, 0);
    kick(r, 0);
}

static void bad_indirect_next_out_of_table(Rig *r)
{
    uint64_t t = BUF + 0x8000;
    desc_at(r, t, 0, BUF, 8, VIRTQ_DESC_F_NEXT, 5);
    desc(r, 0, t, 16, VIRTQ_DESC_F_INDIRECT, 0);
    kick(r, 0);
}

static void bad_indirect_without_feature(Rig *r)
{
    desc_at(r, BUF + 0x8000, 0, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
    desc(r, 0, BUF + 0x8000, 16, VIRTQ_DESC_F_INDIRECT, 0);
    kick(r, 0);
}

static void bad_ring_outside_ram(Rig *r)
{
    wr(r, R_QUEUE_READY, 0);
    wr(r, R_USED_LO, (uint32_t)(RAM_BASE + RAM_SIZE - 8));
    wr(r, R_QUEUE_READY, 1);
}

static void bad_ring_misaligned(Rig *r)
{
    wr(r, R_QUEUE_READY, 0);
    wr(r, R_DESC_LO, (uint32_t)(DESC + 8));
    wr(r, R_QUEUE_READY, 1);
}

static void bad_queue_size(Rig *r)
{
    wr(r, R_QUEUE_READY, 0);
    wr(r, R_QUEUE_NUM, 6); /* not a power of 2 */
    wr(r, R_QUEUE_READY, 1);
}

TEST(malformed_chains_need_reset)
{
    expect_broken(bad_loop, 0, "loop");
    expect_broken(bad_self_loop, 0, "self loop");
    expect_broken(bad_next_out_of_range, 0, "next out of range");
    expect_broken(bad_head, 0, "head out of range");
    expect_broken(bad_out_of_ram, 0, "buffer straddling the end of RAM");
    expect_broken(bad_unmapped, 0, "buffer outside RAM");
    expect_broken(bad_write_to_rom, 0, "device-writable buffer in ROM");
    expect_broken(bad_huge_len, 0, "4 GiB buffer");
    expect_broken(bad_wrap_addr, 0, "address wrapping around");
    expect_broken(bad_readable_after_writable, 0, "readable after writable");
    expect_broken(bad_avail_jump, 0, "avail idx jump");
    expect_broken(bad_indirect_in_indirect, F_INDIRECT, "indirect in indirect");
    expect_broken(bad_indirect_empty, F_INDIRECT, "zero-length indirect table");
    expect_broken(bad_indirect_odd_len, F_INDIRECT, "indirect table of 1.5 descriptors");
    expect_broken(bad_indirect_out_of_ram, F_INDIRECT, "indirect table outside RAM");
    expect_broken(bad_indirect_loop, F_INDIRECT, "loop inside an indirect table");
    expect_broken(bad_indirect_next_out_of_table, F_INDIRECT, "next outside the indirect table");
    expect_broken(bad_indirect_without_feature, 0, "indirect without the feature");
    expect_broken(bad_ring_outside_ram, 0, "used ring outside RAM");
    expect_broken(bad_ring_misaligned, 0, "misaligned descriptor table");
    expect_broken(bad_queue_size, 0, "queue size not a power of 2");
}

/* Overlong chains: in the direct table (QSIZE entries) a chain of more than QSIZE
 * descriptors must revisit one, which the loop cases cover; an indirect table may not hold
 * more than VIRTQ_MAX_SEGS descriptors. */
static void bad_indirect_too_long(Rig *r)
{
    desc(r, 0, BUF + 0x20000, 16 * (VIRTQ_MAX_SEGS + 1), VIRTQ_DESC_F_INDIRECT, 0);
    kick(r, 0);
}

TEST(overlong_chain)
{
    expect_broken(bad_indirect_too_long, F_INDIRECT, "indirect table longer than allowed");
}

/* Random descriptor tables and rings (addresses mostly near or inside RAM): the device either
 * handles chains or enters NEEDS_RESET; it never touches memory outside the guest (run
 * under ASan to see that). */
TEST(random_rings_never_crash)
{
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    Rig *r = rig_new();
    for (int iter = 0; iter < 3000; iter++) {
        r->dev.handled = 0;
        uint64_t features = F_V1 | (iter & 1 ? F_INDIRECT : 0) | (iter & 2 ? F_EVENT_IDX : 0);
        drv_init(r, features);
        for (unsigned i = 0; i < QSIZE + 64; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            uint64_t x = seed >> 11;
            uint64_t addr = (x & 3) == 0 ? x : RAM_BASE + (x % (RAM_SIZE + 8192)) - 4096;
            uint32_t len = (x >> 20) & 1 ? (uint32_t)(x >> 30) : (uint32_t)((x >> 24) & 0x3ff0);
            uint16_t flags = (uint16_t)((x >> 40) & 7), next = (uint16_t)((x >> 44) % (QSIZE + 2));
            if (i < QSIZE) {
                desc(r, i, addr, len, flags, next);
            } else {
                /* an indirect table inside RAM for the indirect descriptors to point at */
                desc_at(r, BUF + 0x8000, i - QSIZE, addr, len, flags, next);
            }
        }
        for (int k = 0; k < 4; k++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            kick(r, (uint16_t)((seed >> 33) % (QSIZE + 1)));
        }
        uint32_t st = rd(r, R_STATUS);
        CHECK(r->dev.handled > 0 || (st & VIRTIO_STATUS_NEEDS_RESET));
    }
    rig_free(r);
}

/* ---- virtio-blk end to end ---------------------------------------------------------- */

#define BLK_T_IN 0
#define BLK_T_OUT 1
#define BLK_T_FLUSH 4

/* One request: header, data (out or in), status.  Returns the status byte. */
static uint8_t blk_req(Rig *r, uint32_t type, uint64_t sector, uint32_t len)
{
    uint8_t hdr[16] = {0};
    memcpy(hdr, &type, 4);
    memcpy(hdr + 8, &sector, 8);
    memcpy(gp(r, BUF), hdr, 16);
    *gp(r, BUF + 0x100) = 0xff;
    desc(r, 0, BUF, 16, VIRTQ_DESC_F_NEXT, 1);
    if (len) {
        desc(r, 1, BUF + 0x1000, len, VIRTQ_DESC_F_NEXT | (type == BLK_T_IN ? VIRTQ_DESC_F_WRITE : 0),
             2);
        desc(r, 2, BUF + 0x100, 1, VIRTQ_DESC_F_WRITE, 0);
    } else {
        desc(r, 1, BUF + 0x100, 1, VIRTQ_DESC_F_WRITE, 0);
    }
    kick(r, 0);
    return *gp(r, BUF + 0x100);
}

static void blk_roundtrip(bool snapshot)
{
    char path[] = "/tmp/qemu-wasm-test-blk-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    uint8_t zero[8192] = {0};
    CHECK(write(fd, zero, sizeof(zero)) == (ssize_t)sizeof(zero));
    close(fd);

    Rig *r = rig_new();
    char err[256];
    BlockConfig bc = {.file = path, .snapshot = snapshot};
    BlockBackend *bb = blk_open(&bc, err, sizeof(err));
    CHECK(bb != NULL);
    VirtioDevice *blk = virtio_blk_create(&r->m, bb);
    virtio_mmio_attach(&r->t, blk);
    CHECK(drv_init(r, F_V1) & VIRTIO_STATUS_DRIVER_OK);
    CHECK_EQ_U64(virtio_mmio_ops.read(&r->t, R_CONFIG, 8), 16); /* capacity in sectors */
    memset(gp(r, BUF + 0x1000), 0x5c, 1024);
    CHECK_EQ_U64(blk_req(r, BLK_T_OUT, 3, 1024), 0);
    CHECK_EQ_U64(blk_req(r, BLK_T_FLUSH, 0, 0), 0);
    memset(gp(r, BUF + 0x1000), 0, 1024);
    CHECK_EQ_U64(blk_req(r, BLK_T_IN, 3, 1024), 0);
    CHECK_EQ_U64(*gp(r, BUF + 0x1000 + 1023), 0x5c);
    CHECK_EQ_U64(get32(r, USED + 8 * ((get16(r, USED + 2) - 1) % QSIZE) + 8), 1025);
    CHECK_EQ_U64(blk_req(r, BLK_T_IN, 15, 1024), 1);  /* past the end: IOERR */
    CHECK_EQ_U64(blk_req(r, BLK_T_IN, 0, 100), 1);    /* not whole sectors */
    CHECK_EQ_U64(blk_req(r, 99, 0, 0), 2);            /* UNSUPP */
    virtio_device_destroy(blk);
    r->t.dev = &r->dev.vdev;

    FILE *f = fopen(path, "rb");
    uint8_t back[8192];
    CHECK(f && fread(back, 1, sizeof(back), f) == sizeof(back));
    if (f) {
        fclose(f);
    }
    CHECK_EQ_U64(back[3 * 512], snapshot ? 0 : 0x5c);
    unlink(path);
    rig_free(r);
}

TEST(blk_raw)
{
    blk_roundtrip(false);
}

TEST(blk_snapshot_leaves_file)
{
    blk_roundtrip(true);
}

TEST(blk_readonly)
{
    char path[] = "/tmp/qemu-wasm-test-blk-XXXXXX";
    int fd = mkstemp(path);
    uint8_t zero[4096] = {0};
    CHECK(write(fd, zero, sizeof(zero)) == (ssize_t)sizeof(zero));
    close(fd);
    Rig *r = rig_new();
    char err[256];
    BlockConfig bc = {.file = path, .readonly = true};
    BlockBackend *bb = blk_open(&bc, err, sizeof(err));
    VirtioDevice *blk = virtio_blk_create(&r->m, bb);
    virtio_mmio_attach(&r->t, blk);
    wr(r, R_DEV_FEATURES_SEL, 0);
    CHECK(rd(r, R_DEV_FEATURES) & (1u << 5)); /* VIRTIO_BLK_F_RO */
    CHECK(drv_init(r, F_V1) & VIRTIO_STATUS_DRIVER_OK);
    CHECK_EQ_U64(blk_req(r, BLK_T_OUT, 0, 512), 1);
    virtio_device_destroy(blk);
    r->t.dev = &r->dev.vdev;
    unlink(path);
    rig_free(r);

    BlockConfig missing = {.file = "/nonexistent/disk.img"};
    CHECK(blk_open(&missing, err, sizeof(err)) == NULL);
    CHECK(strcmp(err, "Could not open '/nonexistent/disk.img': No such file or directory") == 0);
}

int main(void)
{
    RUN(identity_and_features);
    RUN(normal_chain);
    RUN(indirect_chain);
    RUN(event_idx);
    RUN(dma_invalidates_code);
    RUN(malformed_chains_need_reset);
    RUN(overlong_chain);
    RUN(random_rings_never_crash);
    RUN(blk_raw);
    RUN(blk_snapshot_leaves_file);
    RUN(blk_readonly);
    return test_summary();
}
