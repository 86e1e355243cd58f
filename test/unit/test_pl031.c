/*
 * test/unit/test_pl031.c — the PL031 RTC (hw/misc/pl031.h) through its MemoryOps: the count
 * follows the host's wall clock, a load moves it (and it keeps counting from there), the
 * match interrupt comes through the machine's TimerList at the right host time and at once
 * when MR equals the count, masking and clearing, the ID registers, and save/load (the
 * offset from the host's clock, the same bytes again, cut streams refused).
 */
#include <string.h>

#include "core/host.h"
#include "core/machine.h"
#include "hw/misc/pl031.h"
#include "test.h"

enum { DR = 0x00, MR = 0x04, LR = 0x08, CR = 0x0c, IMSC = 0x10, RIS = 0x14, MIS = 0x18,
       ICR = 0x1c };

typedef struct Rig {
    Machine m;
    Pl031 rtc;
    int level;
} Rig;

static void record_level(void *target, int n, int level)
{
    (void)n;
    ((Rig *)target)->level = level;
}

static void rig_init(Rig *r)
{
    memset(r, 0, sizeof(*r));
    timer_list_init(&r->m.timers, NULL, NULL);
    pl031_init(&r->rtc, &r->m, "pl031@9010000");
    r->rtc.irq = irq_line(record_level, r, 0);
}

static void rig_free(Rig *r)
{
    machine_destroy_devices(&r->m);
    timer_list_destroy(&r->m.timers);
}

static uint32_t rd(Rig *r, uint64_t off)
{
    return (uint32_t)pl031_ops.read(&r->rtc, off, 4);
}

static void wr(Rig *r, uint64_t off, uint32_t v)
{
    pl031_ops.write(&r->rtc, off, v, 4);
}

static uint32_t host_seconds(void)
{
    return (uint32_t)(host_wall_ns() / 1000000000ull);
}

/* a and b at most one second apart (a second may tick between two reads) */
static bool close_to(uint32_t a, uint32_t b)
{
    return a - b <= 1 || b - a <= 1;
}

TEST(count_is_host_time)
{
    Rig r;
    rig_init(&r);
    uint32_t before = host_seconds();
    uint32_t dr = rd(&r, DR);
    CHECK(close_to(dr, before));
    CHECK(dr > 1700000000u); /* seconds since 1970, not since boot */
    CHECK_EQ_U64(rd(&r, CR), 1);
    wr(&r, CR, 0); /* cannot be stopped */
    CHECK_EQ_U64(rd(&r, CR), 1);
    wr(&r, DR, 5); /* read-only */
    CHECK(close_to(rd(&r, DR), before));
    static const uint8_t ids[8] = {0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    for (int i = 0; i < 8; i++) {
        CHECK_EQ_U64(rd(&r, 0xfe0 + 4 * (uint64_t)i), ids[i]);
    }
    CHECK_EQ_U64(rd(&r, ICR), 0); /* write-only */
    rig_free(&r);
}

TEST(load_sets_the_count)
{
    Rig r;
    rig_init(&r);
    wr(&r, LR, 1000);
    CHECK(close_to(rd(&r, DR), 1000));
    CHECK_EQ_U64(rd(&r, LR), 1000);
    CHECK(close_to((uint32_t)(r.rtc.offset_s + host_seconds()), 1000)); /* an offset */
    /* the count wraps as the 32-bit register does */
    wr(&r, LR, 0xffffffffu);
    uint32_t dr = rd(&r, DR);
    CHECK(dr == 0xffffffffu || dr == 0);
    /* a reset keeps the time of day (a battery-backed clock), clears the rest */
    wr(&r, LR, 77);
    wr(&r, IMSC, 1);
    machine_reset_devices(&r.m);
    CHECK(close_to(rd(&r, DR), 77));
    CHECK_EQ_U64(rd(&r, LR), 0);
    CHECK_EQ_U64(rd(&r, IMSC), 0);
    rig_free(&r);
}

TEST(match_now)
{
    Rig r;
    rig_init(&r);
    wr(&r, LR, 500);
    wr(&r, IMSC, 1);
    CHECK(r.level == 0);
    wr(&r, MR, rd(&r, DR)); /* equal already: RIS at once */
    CHECK_EQ_U64(rd(&r, RIS), 1);
    CHECK_EQ_U64(rd(&r, MIS), 1);
    CHECK(r.level == 1);
    wr(&r, IMSC, 0);
    CHECK(r.level == 0);
    CHECK_EQ_U64(rd(&r, MIS), 0);
    CHECK_EQ_U64(rd(&r, RIS), 1);
    wr(&r, ICR, 1);
    CHECK_EQ_U64(rd(&r, RIS), 0);
    /* loading the count to MR matches too */
    wr(&r, IMSC, 1);
    wr(&r, MR, 9000);
    CHECK(r.level == 0);
    wr(&r, LR, 9000);
    CHECK(r.level == 1);
    rig_free(&r);
}

TEST(match_later_through_the_timer)
{
    Rig r;
    rig_init(&r);
    wr(&r, IMSC, 1);
    uint64_t now = host_clock_ns();
    wr(&r, MR, rd(&r, DR) + 3);
    uint64_t deadline = timer_list_deadline(&r.m.timers);
    CHECK(deadline != TIMER_NEVER);
    /* the rest of this second plus two whole ones: between 2 and 3 s from now */
    CHECK(deadline >= now + 2000000000ull - 50000000ull);
    CHECK(deadline <= host_clock_ns() + 3000000000ull);
    timer_list_run(&r.m.timers, deadline - 1);
    CHECK(r.level == 0);
    timer_list_run(&r.m.timers, deadline);
    CHECK(r.level == 1);
    CHECK_EQ_U64(rd(&r, RIS), 1);
    CHECK_EQ_U64(timer_list_deadline(&r.m.timers), TIMER_NEVER);
    wr(&r, ICR, 1);
    CHECK(r.level == 0);
    /* a new MR moves the timer */
    wr(&r, MR, rd(&r, DR) + 100);
    CHECK(timer_list_deadline(&r.m.timers) > host_clock_ns() + 98000000000ull);
    rig_free(&r);
}

static void save(Pl031 *p, StateWriter *w)
{
    sw_init(w);
    p->dev.ops->save(&p->dev, w);
}

static bool load(Pl031 *p, const uint8_t *buf, size_t len)
{
    StateReader rd;
    sr_init(&rd, buf, len);
    return p->dev.ops->load(&p->dev, &rd, p->dev.ops->version) && sr_done(&rd);
}

TEST(save_load)
{
    Rig a, b;
    rig_init(&a);
    rig_init(&b);
    wr(&a, LR, 123456);
    wr(&a, IMSC, 1);
    wr(&a, MR, rd(&a, DR) + 50);
    StateWriter w1, w2;
    save(&a.rtc, &w1);
    CHECK(load(&b.rtc, w1.buf, w1.len));
    save(&b.rtc, &w2);
    CHECK(w1.len == w2.len && memcmp(w1.buf, w2.buf, w1.len) == 0);
    CHECK(close_to(rd(&b, DR), 123456)); /* the guest's time of day, not the host's */
    CHECK_EQ_U64(rd(&b, LR), 123456);
    CHECK_EQ_U64(rd(&b, MR), rd(&a, MR));
    uint64_t da = timer_list_deadline(&a.m.timers), db = timer_list_deadline(&b.m.timers);
    CHECK(db != TIMER_NEVER && (db > da ? db - da : da - db) < 100000000ull);
    CHECK(b.level == 0);
    /* a raised match is re-driven on load */
    wr(&a, MR, rd(&a, DR));
    sw_free(&w1);
    save(&a.rtc, &w1);
    CHECK(load(&b.rtc, w1.buf, w1.len));
    CHECK(b.level == 1);
    for (size_t len = 0; len < w1.len; len++) {
        CHECK(!load(&b.rtc, w1.buf, len));
    }
    uint8_t bad[64];
    memcpy(bad, w1.buf, w1.len);
    bad[16] = 2; /* IMSC has one bit */
    CHECK(!load(&b.rtc, bad, w1.len));
    CHECK(load(&b.rtc, w1.buf, w1.len));
    sw_free(&w1);
    sw_free(&w2);
    rig_free(&a);
    rig_free(&b);
}

int main(void)
{
    RUN(count_is_host_time);
    RUN(load_sets_the_count);
    RUN(match_now);
    RUN(match_later_through_the_timer);
    RUN(save_load);
    return test_summary();
}
