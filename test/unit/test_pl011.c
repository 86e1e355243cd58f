/*
 * test/unit/test_pl011.c — the PL011 UART (hw/char/pl011.h) through its MemoryOps, with a
 * scripted character backend and a fake interrupt target that records the line's level:
 * reset values and the ID registers Linux's AMBA bus probes, transmit (TXFE, TXRIS on
 * every byte), receive pulled from the backend only as fast as the FIFO has room (16 with
 * FEN, 1 without), RXFE/RXFF, RXRIS from the first byte until drained, interrupt masking
 * and clearing, loopback, narrow accesses, and save/load (same bytes again, cut streams
 * refused).
 */
#include <string.h>

#include "core/chardev.h"
#include "core/machine.h"
#include "hw/char/pl011.h"
#include "test.h"

enum {
    DR = 0x000, RSR = 0x004, FR = 0x018, IBRD = 0x024, FBRD = 0x028, LCR_H = 0x02c,
    CR = 0x030, IFLS = 0x034, IMSC = 0x038, RIS = 0x03c, MIS = 0x040, ICR = 0x044,
    DMACR = 0x048,
};
#define FR_RXFE 0x10
#define FR_TXFF 0x20
#define FR_RXFF 0x40
#define FR_TXFE 0x80
#define FR_BUSY 0x08
#define INT_RX 0x10
#define INT_TX 0x20
#define INT_RT 0x40
#define LCR_FEN 0x10

/* ---- a scripted backend: input from a buffer, output collected ----------------------- */

typedef struct Script {
    char in[64];
    size_t in_len, pos;
    char out[256];
    size_t out_len;
} Script;

static void script_write(Chardev *c, const void *buf, size_t len)
{
    Script *s = c->opaque;
    memcpy(s->out + s->out_len, buf, len);
    s->out_len += len;
}

static size_t script_read(Chardev *c, void *buf, size_t len)
{
    Script *s = c->opaque;
    size_t left = s->in_len - s->pos;
    size_t n = len < left ? len : left;
    memcpy(buf, s->in + s->pos, n);
    s->pos += n;
    return n;
}

static const ChardevOps script_ops = {.driver = "script", .write = script_write,
                                      .read = script_read};

/* ---- the rig: a machine shell, the UART, a line that records its level ---------------- */

typedef struct Rig {
    Machine m;
    Script script;
    Chardev *chr;
    Pl011 uart;
    int level, edges;
} Rig;

static void record_level(void *target, int n, int level)
{
    Rig *r = target;
    (void)n;
    if (level != r->level) {
        r->edges++;
    }
    r->level = level;
}

static void rig_init(Rig *r)
{
    memset(r, 0, sizeof(*r));
    r->chr = chardev_new("serial0", &script_ops, &r->script);
    CHECK(pl011_init(&r->uart, &r->m, "pl011@9000000", r->chr));
    r->uart.irq = irq_line(record_level, r, 0);
}

static void rig_free(Rig *r)
{
    machine_destroy_devices(&r->m);
    chardev_free(r->chr);
}

static void input(Rig *r, const char *s)
{
    size_t n = strlen(s);
    memcpy(r->script.in + r->script.in_len, s, n);
    r->script.in_len += n;
}

static uint32_t rd(Rig *r, uint64_t off)
{
    return (uint32_t)pl011_ops.read(&r->uart, off, 4);
}

static void wr(Rig *r, uint64_t off, uint32_t v)
{
    pl011_ops.write(&r->uart, off, v, 4);
}

/* ---- tests ----------------------------------------------------------------------------- */

TEST(reset_values_and_ids)
{
    Rig r;
    rig_init(&r);
    CHECK_EQ_U64(rd(&r, FR), FR_TXFE | FR_RXFE);
    CHECK_EQ_U64(rd(&r, CR), 0x300);
    CHECK_EQ_U64(rd(&r, IFLS), 0x12);
    CHECK_EQ_U64(rd(&r, LCR_H), 0);
    CHECK_EQ_U64(rd(&r, IMSC), 0);
    CHECK_EQ_U64(rd(&r, RIS), 0);
    static const uint8_t ids[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    for (int i = 0; i < 8; i++) {
        CHECK_EQ_U64(rd(&r, 0xfe0 + 4 * (uint64_t)i), ids[i]);
    }
    /* what Linux's AMBA bus assembles: periphid 0x00141011, cellid 0xb105f00d */
    uint32_t pid = 0, cid = 0;
    for (int i = 0; i < 4; i++) {
        pid |= (rd(&r, 0xfe0 + 4 * (uint64_t)i) & 0xff) << (8 * i);
        cid |= (rd(&r, 0xff0 + 4 * (uint64_t)i) & 0xff) << (8 * i);
    }
    CHECK_EQ_U64(pid, 0x00141011);
    CHECK_EQ_U64(cid, 0xb105f00d);
    wr(&r, 0xfe0, 0x55); /* read-only */
    CHECK_EQ_U64(rd(&r, 0xfe0), 0x11);
    CHECK_EQ_U64(rd(&r, 0x100), 0); /* reserved */
    CHECK(r.level == 0);
    rig_free(&r);
}

TEST(registers_keep_their_widths)
{
    Rig r;
    rig_init(&r);
    wr(&r, IBRD, 0x12345);
    CHECK_EQ_U64(rd(&r, IBRD), 0x2345); /* 16 bits */
    wr(&r, FBRD, 0xff);
    CHECK_EQ_U64(rd(&r, FBRD), 0x3f); /* 6 bits */
    wr(&r, IFLS, 0xffff);
    CHECK_EQ_U64(rd(&r, IFLS), 0x3f);
    wr(&r, IMSC, 0xffffffff);
    CHECK_EQ_U64(rd(&r, IMSC), 0x7ff);
    wr(&r, DMACR, 0xff);
    CHECK_EQ_U64(rd(&r, DMACR), 7);
    wr(&r, FR, 0);
    CHECK_EQ_U64(rd(&r, FR), FR_TXFE | FR_RXFE); /* read-only */
    rig_free(&r);
}

TEST(transmit)
{
    Rig r;
    rig_init(&r);
    wr(&r, CR, 0x301); /* UARTEN | TXE | RXE */
    wr(&r, DR, 'h');
    wr(&r, DR, 0x100 | 'i'); /* only the byte is sent */
    CHECK(r.script.out_len == 2 && memcmp(r.script.out, "hi", 2) == 0);
    uint32_t fr = rd(&r, FR);
    CHECK(fr & FR_TXFE);
    CHECK(!(fr & (FR_TXFF | FR_BUSY)));
    /* every byte leaves at once: TXRIS is raised, the line only once unmasked */
    CHECK(rd(&r, RIS) & INT_TX);
    CHECK(r.level == 0);
    wr(&r, IMSC, INT_TX);
    CHECK(r.level == 1);
    CHECK_EQ_U64(rd(&r, MIS), INT_TX);
    wr(&r, ICR, INT_TX);
    CHECK(r.level == 0);
    CHECK_EQ_U64(rd(&r, RIS), 0);
    wr(&r, DR, '!');
    CHECK(r.level == 1); /* sent, empty again */
    wr(&r, IMSC, 0);     /* the driver masks it when it has nothing more to send */
    CHECK(r.level == 0);
    rig_free(&r);
}

TEST(receive_with_fifo)
{
    Rig r;
    rig_init(&r);
    wr(&r, LCR_H, LCR_FEN | 0x60); /* 8 bits, FIFO on */
    wr(&r, IMSC, INT_RX | INT_RT);
    input(&r, "abcdefghijklmnopqrstu"); /* 21 bytes */
    chardev_poll(r.chr);
    CHECK_EQ_U64(r.script.pos, 16); /* the FIFO's room: the rest waits in the backend */
    CHECK(rd(&r, FR) & FR_RXFF);
    CHECK(!(rd(&r, FR) & FR_RXFE));
    CHECK(r.level == 1);
    CHECK_EQ_U64(rd(&r, MIS), INT_RX);
    chardev_poll(r.chr);
    CHECK_EQ_U64(r.script.pos, 16); /* still full: nothing taken, nothing lost */
    CHECK_EQ_U64(rd(&r, DR), 'a');
    CHECK(!(rd(&r, FR) & FR_RXFF));
    CHECK(r.level == 1); /* data still there */
    chardev_poll(r.chr);
    CHECK_EQ_U64(r.script.pos, 17);
    char got[32];
    int n = 0;
    while (!(rd(&r, FR) & FR_RXFE)) {
        got[n++] = (char)rd(&r, DR);
    }
    CHECK(n == 16 && memcmp(got, "bcdefghijklmnopq", 16) == 0);
    CHECK(r.level == 0); /* drained: RXRIS falls */
    CHECK_EQ_U64(rd(&r, RIS), 0);
    CHECK_EQ_U64(rd(&r, RSR), 0);
    chardev_poll(r.chr);
    CHECK_EQ_U64(r.script.pos, 21);
    CHECK(r.level == 1);
    /* masking hides it without losing it */
    wr(&r, IMSC, 0);
    CHECK(r.level == 0);
    CHECK(rd(&r, RIS) & INT_RX);
    wr(&r, IMSC, INT_RX);
    CHECK(r.level == 1);
    /* ICR clears RXRIS; the next byte raises it again */
    wr(&r, ICR, INT_RX);
    CHECK(r.level == 0);
    rig_free(&r);
}

TEST(receive_without_fifo)
{
    Rig r;
    rig_init(&r);
    input(&r, "xy");
    chardev_poll(r.chr);
    CHECK_EQ_U64(r.script.pos, 1); /* FEN clear: a one-byte holding register */
    CHECK(rd(&r, FR) & FR_RXFF);
    CHECK_EQ_U64(rd(&r, DR), 'x');
    CHECK(rd(&r, FR) & FR_RXFE);
    CHECK_EQ_U64(rd(&r, DR), 0); /* empty */
    chardev_poll(r.chr);
    CHECK_EQ_U64(rd(&r, DR), 'y');
    /* switching the FIFO on flushes it */
    input(&r, "z");
    chardev_poll(r.chr);
    wr(&r, LCR_H, LCR_FEN);
    CHECK(rd(&r, FR) & FR_RXFE);
    CHECK_EQ_U64(rd(&r, RIS) & INT_RX, 0);
    rig_free(&r);
}

TEST(loopback)
{
    Rig r;
    rig_init(&r);
    wr(&r, LCR_H, LCR_FEN);
    wr(&r, CR, 0x381); /* UARTEN | TXE | RXE | LBE */
    input(&r, "host");
    chardev_poll(r.chr);
    CHECK_EQ_U64(r.script.pos, 0); /* the receive line is disconnected */
    wr(&r, DR, 'L');
    CHECK_EQ_U64(r.script.out_len, 0); /* nothing leaves */
    CHECK_EQ_U64(rd(&r, DR), 'L');
    /* a break comes back as a NUL with BE (DR bit 10), and RSR reports it */
    wr(&r, LCR_H, LCR_FEN | 1);
    CHECK_EQ_U64(rd(&r, DR), 0x400);
    CHECK_EQ_U64(rd(&r, RSR), 0x4);
    wr(&r, RSR, 0); /* ECR */
    CHECK_EQ_U64(rd(&r, RSR), 0);
    /* CR's RTS drives CTS in loopback, and the change raises the CTS interrupt */
    wr(&r, ICR, 0x7ff);
    wr(&r, CR, 0x381 | 0x800);
    CHECK(rd(&r, FR) & 0x1);
    CHECK(rd(&r, RIS) & 0x2);
    wr(&r, CR, 0x301);
    CHECK(!(rd(&r, FR) & 0x1));
    chardev_poll(r.chr);
    CHECK_EQ_U64(r.script.pos, 4); /* connected again */
    rig_free(&r);
}

TEST(overrun_in_loopback)
{
    Rig r;
    rig_init(&r);
    wr(&r, CR, 0x381); /* no FIFO: the second byte overruns */
    wr(&r, DR, '1');
    wr(&r, DR, '2');
    CHECK(rd(&r, RIS) & 0x400);
    CHECK(rd(&r, RSR) & 0x8);
    CHECK_EQ_U64(rd(&r, DR), '1');
    rig_free(&r);
}

TEST(narrow_accesses)
{
    Rig r;
    rig_init(&r);
    /* Linux's earlycon writes DR with byte stores, the driver uses 16-bit accesses */
    pl011_ops.write(&r.uart, DR, 'b', 1);
    pl011_ops.write(&r.uart, DR, 'w', 2);
    CHECK(r.script.out_len == 2 && memcmp(r.script.out, "bw", 2) == 0);
    CHECK_EQ_U64(pl011_ops.read(&r.uart, FR, 2), FR_TXFE | FR_RXFE);
    CHECK_EQ_U64(pl011_ops.read(&r.uart, CR + 1, 1), 0x03); /* the upper byte lane */
    CHECK_EQ_U64(pl011_ops.read(&r.uart, 0xfe0, 1), 0x11);
    CHECK_EQ_U64(pl011_ops.read(&r.uart, FR, 8), 0); /* not an APB access */
    rig_free(&r);
}

static void save(Pl011 *u, StateWriter *w)
{
    sw_init(w);
    u->dev.ops->save(&u->dev, w);
}

static bool load(Pl011 *u, const uint8_t *buf, size_t len)
{
    StateReader rd;
    sr_init(&rd, buf, len);
    return u->dev.ops->load(&u->dev, &rd, u->dev.ops->version) && sr_done(&rd);
}

TEST(save_load)
{
    Rig a, b;
    rig_init(&a);
    rig_init(&b);
    wr(&a, LCR_H, LCR_FEN | 0x70);
    wr(&a, IBRD, 13);
    wr(&a, FBRD, 1);
    wr(&a, IFLS, 0x09);
    wr(&a, CR, 0x301);
    wr(&a, IMSC, INT_RX | INT_TX);
    wr(&a, DR, 'o');
    input(&a, "saved");
    chardev_poll(a.chr);
    CHECK_EQ_U64(rd(&a, DR), 's'); /* the FIFO's head is not at slot 0 */
    StateWriter w1, w2;
    save(&a.uart, &w1);
    CHECK(load(&b.uart, w1.buf, w1.len));
    CHECK(b.level == 1); /* the line re-driven */
    save(&b.uart, &w2);
    CHECK(w1.len == w2.len && memcmp(w1.buf, w2.buf, w1.len) == 0);
    CHECK_EQ_U64(rd(&b, IBRD), 13);
    CHECK_EQ_U64(rd(&b, IFLS), 0x09);
    char got[8];
    int n = 0;
    while (!(rd(&b, FR) & FR_RXFE) && n < 8) {
        got[n++] = (char)rd(&b, DR);
    }
    CHECK(n == 4 && memcmp(got, "aved", 4) == 0);
    /* every cut stream is refused */
    for (size_t len = 0; len < w1.len; len++) {
        Rig c;
        rig_init(&c);
        CHECK(!load(&c.uart, w1.buf, len));
        rig_free(&c);
    }
    /* a FIFO count beyond the depth, and register bits the UART lacks */
    uint8_t bad[64];
    memcpy(bad, w1.buf, w1.len);
    bad[22] = 17;
    CHECK(!load(&b.uart, bad, w1.len));
    memcpy(bad, w1.buf, w1.len);
    bad[7] = 0xff; /* FBRD's high byte */
    CHECK(!load(&b.uart, bad, w1.len));
    CHECK(load(&b.uart, w1.buf, w1.len)); /* still loads a good one */
    sw_free(&w1);
    sw_free(&w2);
    rig_free(&a);
    rig_free(&b);
}

TEST(reset)
{
    Rig r;
    rig_init(&r);
    wr(&r, IMSC, INT_TX);
    wr(&r, DR, 'x');
    CHECK(r.level == 1);
    input(&r, "q");
    chardev_poll(r.chr);
    machine_reset_devices(&r.m);
    CHECK(r.level == 0);
    CHECK_EQ_U64(rd(&r, FR), FR_TXFE | FR_RXFE);
    CHECK_EQ_U64(rd(&r, CR), 0x300);
    CHECK_EQ_U64(rd(&r, RIS), 0);
    rig_free(&r);
}

int main(void)
{
    RUN(reset_values_and_ids);
    RUN(registers_keep_their_widths);
    RUN(transmit);
    RUN(receive_with_fifo);
    RUN(receive_without_fifo);
    RUN(loopback);
    RUN(overrun_in_loopback);
    RUN(narrow_accesses);
    RUN(save_load);
    RUN(reset);
    return test_summary();
}
