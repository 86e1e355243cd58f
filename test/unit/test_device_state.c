/*
 * test/unit/test_device_state.c — every device of a real riscv64 `virt` machine saves its
 * state and loads it into a freshly built one (core/device.h, core/state.h).
 *
 * Machine A runs a small guest program (M-mode, -bios none -kernel) that programs the
 * UART, the PLIC, the CLINT, the RTC and some CSRs, then powers off through the SiFive
 * test device.  The test then plays the virtio driver through the MMIO registers and guest
 * RAM, as a guest would: every queue set up, virtio-blk and virtio-rng requests done and
 * one blk request left available but not notified (in flight), a line written to the
 * virtio console and a receive buffer it holds, 9P fids attached, walked and open.  A's
 * devices are saved, A's RAM is copied into B (a machine built from the same command line:
 * RAM is not device state), the bytes are loaded into B and B saved again: the two streams
 * must be byte for byte the same.  The in-flight request then completes in both machines
 * with the same result.  Damaged streams (cut at every length, another format or device
 * version, a wrong payload length) and a 9P fid whose file was deleted must be refused
 * with a one-line reason; a good stream still loads afterwards.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/options.h"
#include "core/device.h"
#include "core/machine.h"
#include "core/state.h"
#include "hw/board.h"
#include "hw/fs/p9_msg.h"
#include "test.h"

#define RAM_BASE 0x80000000ull
#define UART 0x10000000ull
#define SLOT(i) (0x10001000ull + 0x1000ull * (uint64_t)(i))
#define NSLOTS 8
#define QSIZE 8

/* virtio-mmio registers (virtio 1.2, 4.2.2) */
enum {
    R_DEVICE_ID = 0x008, R_DRIVER_FEATURES = 0x020, R_DRIVER_FEATURES_SEL = 0x024,
    R_QUEUE_SEL = 0x030, R_QUEUE_NUM_MAX = 0x034, R_QUEUE_NUM = 0x038, R_QUEUE_READY = 0x044,
    R_QUEUE_NOTIFY = 0x050, R_STATUS = 0x070, R_QUEUE_DESC = 0x080, R_QUEUE_DRIVER = 0x090,
    R_QUEUE_DEVICE = 0x0a0,
};

/* ---- the guest program: RV64 encodings (the ISA manual's formats) ---- */

enum { T0 = 5, T1 = 6, T2 = 7, A5 = 15 };

static uint32_t lui(int rd, uint32_t imm20) { return imm20 << 12 | (uint32_t)rd << 7 | 0x37; }
static uint32_t addi(int rd, int rs1, int32_t imm)
{
    return ((uint32_t)imm & 0xfff) << 20 | (uint32_t)rs1 << 15 | (uint32_t)rd << 7 | 0x13;
}
static uint32_t store(int funct3, int rs2, int rs1, int32_t imm)
{
    uint32_t i = (uint32_t)imm & 0xfff;
    return (i >> 5) << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | (uint32_t)funct3 << 12 |
           (i & 31) << 7 | 0x23;
}
static uint32_t csrw(uint32_t csr, int rs1) { return csr << 20 | (uint32_t)rs1 << 15 | 1u << 12 | 0x73; }

typedef struct Prog {
    uint32_t w[128];
    int n;
} Prog;

static void emit(Prog *p, uint32_t insn) { p->w[p->n++] = insn; }
/* *(width *)(hi20 << 12 + off) = small, with t0/t1 */
static void poke(Prog *p, int funct3, uint32_t hi20, int32_t off, int32_t value)
{
    emit(p, lui(T0, hi20));
    emit(p, addi(T1, 0, value));
    emit(p, store(funct3, T1, T0, off));
}

static void write_guest_program(const char *path)
{
    Prog p = {.n = 0};
    /* UART: divisor 1, 8N1, receive and THR-empty interrupts, scratch 0x5a */
    poke(&p, 0, 0x10000, 3, 0x83);
    poke(&p, 0, 0x10000, 0, 0x01);
    poke(&p, 0, 0x10000, 3, 0x03);
    poke(&p, 0, 0x10000, 1, 0x03);
    poke(&p, 0, 0x10000, 7, 0x5a);
    /* PLIC: priorities of the UART (10) and the RTC (11), both enabled for context 1,
     * threshold 1 there */
    poke(&p, 2, 0x0c000, 40, 5);
    poke(&p, 2, 0x0c000, 44, 3);
    emit(&p, lui(T0, 0x0c002));
    emit(&p, lui(T1, 0x1));       /* 0x1000 */
    emit(&p, addi(T1, T1, -0x400)); /* 0xc00: bits 10 and 11 */
    emit(&p, store(2, T1, T0, 0x80));
    poke(&p, 2, 0x0c201, 0, 1);
    /* CLINT: hart 0's msip, mtimecmp = 0x7ffff000 (minutes away: armed) */
    poke(&p, 2, 0x02000, 0, 1);
    emit(&p, lui(T0, 0x02004));
    emit(&p, lui(T1, 0x7ffff));
    emit(&p, store(3, T1, T0, 0));
    /* RTC: alarm far in the future (high word first; the low write arms it), interrupt on */
    emit(&p, lui(T0, 0x101));
    emit(&p, lui(T1, 0x7ffff));
    emit(&p, store(2, T1, T0, 0x0c));
    emit(&p, store(2, 0, T0, 0x08));
    emit(&p, addi(T1, 0, 1));
    emit(&p, store(2, T1, T0, 0x10));
    /* some CPU state: mscratch, mtvec, a register */
    emit(&p, lui(T2, 0x12345));
    emit(&p, csrw(0x340, T2));
    emit(&p, lui(T2, 0x80001));
    emit(&p, csrw(0x305, T2));
    emit(&p, addi(A5, 0, 1234));
    /* power off: FINISHER_PASS (0x5555) to the SiFive test device */
    emit(&p, lui(T0, 0x100));
    emit(&p, lui(T1, 0x5));
    emit(&p, addi(T1, T1, 0x555));
    emit(&p, store(2, T1, T0, 0));
    emit(&p, 0x0000006f); /* j . */
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(p.w, 4, (size_t)p.n, f) == (size_t)p.n);
    if (f) {
        fclose(f);
    }
}

/* ---- the machines ---- */

static char tmpdir[64], prog_path[128], disk_path[128], share_path[128], file_path[160];
static char drive_opt[200], virtfs_opt[200], kernel_opt[140];

static void make_files(void)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/qemu-wasm-devstate-XXXXXX");
    CHECK(mkdtemp(tmpdir) != NULL);
    snprintf(prog_path, sizeof(prog_path), "%s/guest.bin", tmpdir);
    snprintf(disk_path, sizeof(disk_path), "%s/disk.img", tmpdir);
    snprintf(share_path, sizeof(share_path), "%s/share", tmpdir);
    snprintf(file_path, sizeof(file_path), "%s/file.txt", share_path);
    write_guest_program(prog_path);
    uint8_t disk[65536];
    for (size_t i = 0; i < sizeof(disk); i++) {
        disk[i] = (uint8_t)(i * 7 + i / 512);
    }
    FILE *f = fopen(disk_path, "wb");
    CHECK(f && fwrite(disk, 1, sizeof(disk), f) == sizeof(disk));
    if (f) {
        fclose(f);
    }
    CHECK(mkdir(share_path, 0755) == 0);
    f = fopen(file_path, "w");
    CHECK(f && fputs("shared file\n", f) >= 0);
    if (f) {
        fclose(f);
    }
    snprintf(drive_opt, sizeof(drive_opt), "file=%s,format=raw,if=none,id=d0", disk_path);
    snprintf(virtfs_opt, sizeof(virtfs_opt),
             "local,path=%s,mount_tag=share,security_model=none", share_path);
    snprintf(kernel_opt, sizeof(kernel_opt), "%s", prog_path);
}

static void remove_files(void)
{
    unlink(file_path);
    rmdir(share_path);
    unlink(disk_path);
    unlink(prog_path);
    rmdir(tmpdir);
}

typedef struct TestMachine {
    MachineConfig cfg; /* the machine keeps a pointer to it */
    Machine *m;
} TestMachine;

static bool build(TestMachine *t)
{
    const char *args[] = {
        "qemu-wasm", "-M", "virt", "-m", "64M", "-bios", "none", "-kernel", kernel_opt,
        "-nographic", "-drive", drive_opt, "-device", "virtio-blk-device,drive=d0",
        "-device", "virtio-rng-device", "-device", "virtio-serial-device",
        "-virtfs", virtfs_opt, NULL,
    };
    char *argv[32];
    int argc = 0;
    for (; args[argc]; argc++) {
        argv[argc] = (char *)args[argc];
    }
    argv[argc] = NULL;
    char err[512];
    memset(&t->cfg, 0, sizeof(t->cfg));
    if (options_parse(argc, argv, &t->cfg, err, sizeof(err)) != OPTIONS_OK) {
        fprintf(stderr, "  options: %s\n", err);
        return false;
    }
    t->m = machine_create(&t->cfg, err, sizeof(err));
    if (!t->m) {
        fprintf(stderr, "  machine: %s\n", err);
        return false;
    }
    machine_clock_stop(t->m); /* saved clocks (mtime too) are then the same twice */
    return true;
}

/* ---- a virtio driver, through the transport's registers and guest RAM ---- */

static uint32_t rd32(Machine *m, uint64_t a)
{
    uint64_t v = 0;
    CHECK(as_read(&m->as, a, 4, &v));
    return (uint32_t)v;
}

static void wr32(Machine *m, uint64_t a, uint32_t v) { CHECK(as_write(&m->as, a, 4, v)); }

static uint64_t find_slot(Machine *m, uint32_t device_id)
{
    for (int i = 0; i < NSLOTS; i++) {
        if (rd32(m, SLOT(i) + R_DEVICE_ID) == device_id) {
            return SLOT(i);
        }
    }
    CHECK(!"device not found");
    return SLOT(0);
}

/* Rings of (slot, queue) at RAM_BASE + 1 MiB + ...: desc, avail, used */
static uint64_t ring_base(int slot, unsigned q)
{
    return RAM_BASE + 0x100000 + ((uint64_t)slot * 4 + q) * 0x400;
}

static uint8_t *ram(Machine *m, uint64_t gpa, uint64_t len)
{
    uint8_t *p = as_ram_ptr(&m->as, gpa, len);
    CHECK(p != NULL);
    return p;
}

static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static uint16_t get16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

/* Reset, negotiate VERSION_1 + EVENT_IDX, set up nq queues of QSIZE, DRIVER_OK. */
static void driver_init(Machine *m, uint64_t base, unsigned nq)
{
    int slot = (int)((base - SLOT(0)) / 0x1000);
    wr32(m, base + R_STATUS, 0);
    wr32(m, base + R_STATUS, 1 | 2);
    wr32(m, base + R_DRIVER_FEATURES_SEL, 1);
    wr32(m, base + R_DRIVER_FEATURES, 1);       /* VERSION_1 (bit 32) */
    wr32(m, base + R_DRIVER_FEATURES_SEL, 0);
    wr32(m, base + R_DRIVER_FEATURES, 1u << 29); /* EVENT_IDX */
    wr32(m, base + R_STATUS, 1 | 2 | 8);
    CHECK(rd32(m, base + R_STATUS) & 8);
    for (unsigned q = 0; q < nq; q++) {
        uint64_t r = ring_base(slot, q);
        memset(ram(m, r, 0x400), 0, 0x400);
        wr32(m, base + R_QUEUE_SEL, q);
        CHECK(rd32(m, base + R_QUEUE_NUM_MAX) >= QSIZE);
        wr32(m, base + R_QUEUE_NUM, QSIZE);
        wr32(m, base + R_QUEUE_DESC, (uint32_t)r);
        wr32(m, base + R_QUEUE_DESC + 4, (uint32_t)(r >> 32));
        wr32(m, base + R_QUEUE_DRIVER, (uint32_t)(r + 0x100));
        wr32(m, base + R_QUEUE_DRIVER + 4, (uint32_t)((r + 0x100) >> 32));
        wr32(m, base + R_QUEUE_DEVICE, (uint32_t)(r + 0x200));
        wr32(m, base + R_QUEUE_DEVICE + 4, (uint32_t)((r + 0x200) >> 32));
        wr32(m, base + R_QUEUE_READY, 1);
    }
    wr32(m, base + R_STATUS, 1 | 2 | 8 | 4);
}

typedef struct Buf {
    uint64_t gpa;
    uint32_t len;
    bool writable;
} Buf;

/* Make the chain bufs[0..n) available on queue q (descriptors from `first`); notify or not.
 * Returns the used index afterwards. */
static uint16_t submit(Machine *m, uint64_t base, unsigned q, uint16_t first, const Buf *bufs,
                       int n, bool notify)
{
    int slot = (int)((base - SLOT(0)) / 0x1000);
    uint64_t r = ring_base(slot, q);
    uint8_t *desc = ram(m, r, 16 * QSIZE), *avail = ram(m, r + 0x100, 6 + 2 * QSIZE);
    for (int i = 0; i < n; i++) {
        uint8_t *d = desc + 16 * ((first + i) % QSIZE);
        uint16_t flags = (uint16_t)((i + 1 < n ? 1 : 0) | (bufs[i].writable ? 2 : 0));
        uint16_t next = (uint16_t)((first + i + 1) % QSIZE);
        memcpy(d, &bufs[i].gpa, 8);
        memcpy(d + 8, &bufs[i].len, 4);
        memcpy(d + 12, &flags, 2);
        memcpy(d + 14, &next, 2);
    }
    uint16_t idx = get16(avail + 2);
    put16(avail + 4 + 2 * (idx % QSIZE), (uint16_t)(first % QSIZE));
    put16(avail + 2, (uint16_t)(idx + 1));
    if (notify) {
        wr32(m, base + R_QUEUE_NOTIFY, q);
    }
    return get16(ram(m, r + 0x200 + 2, 2));
}

/* ---- 9P over the virtqueue ---- */

#define P9_REQ (RAM_BASE + 0x300000)
#define P9_RESP (RAM_BASE + 0x310000)
#define P9_RESP_LEN 8192u

typedef struct P9Drv {
    Machine *m;
    uint64_t base;
    uint16_t next_desc, tag;
    uint8_t msg[512];
    size_t len;
} P9Drv;

static void m_put(P9Drv *d, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        d->msg[d->len++] = (uint8_t)(v >> (8 * i));
    }
}

static void m_str(P9Drv *d, const char *s)
{
    m_put(d, strlen(s), 2);
    memcpy(d->msg + d->len, s, strlen(s));
    d->len += strlen(s);
}

static void m_begin(P9Drv *d, uint8_t type)
{
    d->len = 0;
    m_put(d, 0, 4);
    m_put(d, type, 1);
    m_put(d, d->tag++, 2);
}

/* Send the message; true if the answer is its R-message (not Rlerror). */
static bool m_send(P9Drv *d)
{
    for (int i = 0; i < 4; i++) {
        d->msg[i] = (uint8_t)(d->len >> (8 * i));
    }
    memcpy(ram(d->m, P9_REQ, d->len), d->msg, d->len);
    memset(ram(d->m, P9_RESP, 8), 0, 8); /* no stale answer */
    Buf b[2] = {{P9_REQ, (uint32_t)d->len, false}, {P9_RESP, P9_RESP_LEN, true}};
    submit(d->m, d->base, 0, d->next_desc, b, 2, true);
    d->next_desc = (uint16_t)(d->next_desc + 2);
    const uint8_t *resp = ram(d->m, P9_RESP, 8);
    return resp[4] == (uint8_t)(d->msg[4] + 1);
}

/* version, attach fid 1 to the root, fid 2 = "file.txt" open read-write, fid 3 = a clone of
 * the root open as a directory, fid 4 = a clone of the root (not open) */
static void p9_session(Machine *m)
{
    P9Drv d = {.m = m, .base = find_slot(m, 9), .next_desc = 0, .tag = 1, .len = 0};
    driver_init(m, d.base, 1);
    m_begin(&d, P9_TVERSION);
    m_put(&d, 8192, 4);
    m_str(&d, "9P2000.L");
    CHECK(m_send(&d));
    m_begin(&d, P9_TATTACH);
    m_put(&d, 1, 4);
    m_put(&d, 0xffffffffu, 4);
    m_str(&d, "");
    m_str(&d, "");
    m_put(&d, 0, 4);
    CHECK(m_send(&d));
    m_begin(&d, P9_TWALK);
    m_put(&d, 1, 4);
    m_put(&d, 2, 4);
    m_put(&d, 1, 2);
    m_str(&d, "file.txt");
    CHECK(m_send(&d));
    m_begin(&d, P9_TLOPEN);
    m_put(&d, 2, 4);
    m_put(&d, 2, 4); /* O_RDWR */
    CHECK(m_send(&d));
    for (uint32_t fid = 3; fid <= 4; fid++) {
        m_begin(&d, P9_TWALK);
        m_put(&d, 1, 4);
        m_put(&d, fid, 4);
        m_put(&d, 0, 2);
        CHECK(m_send(&d));
    }
    m_begin(&d, P9_TLOPEN);
    m_put(&d, 3, 4);
    m_put(&d, 0200000, 4); /* O_RDONLY | O_DIRECTORY */
    CHECK(m_send(&d));
    m_begin(&d, P9_TREADDIR); /* takes the directory snapshot */
    m_put(&d, 3, 4);
    m_put(&d, 0, 8);
    m_put(&d, 4096, 4);
    CHECK(m_send(&d));
}

/* ---- the other devices' driver work ---- */

#define BLK_HDR (RAM_BASE + 0x200000)
#define BLK_DATA (RAM_BASE + 0x201000)
#define BLK_STATUS (RAM_BASE + 0x202000)
#define BLK_HDR2 (RAM_BASE + 0x203000)
#define BLK_DATA2 (RAM_BASE + 0x204000)
#define BLK_STATUS2 (RAM_BASE + 0x205000)

static void blk_header(Machine *m, uint64_t gpa, uint64_t sector)
{
    uint8_t h[16] = {0}; /* type 0: read */
    memcpy(h + 8, &sector, 8);
    memcpy(ram(m, gpa, 16), h, 16);
}

static void drive_devices(Machine *m)
{
    /* virtio-blk: one read done, one available but not notified (in flight) */
    uint64_t blk = find_slot(m, 2);
    driver_init(m, blk, 1);
    blk_header(m, BLK_HDR, 1);
    Buf b1[3] = {{BLK_HDR, 16, false}, {BLK_DATA, 512, true}, {BLK_STATUS, 1, true}};
    ram(m, BLK_STATUS, 1)[0] = 0xff;
    CHECK_EQ_U64(submit(m, blk, 0, 0, b1, 3, true), 1);
    CHECK_EQ_U64(ram(m, BLK_STATUS, 1)[0], 0);
    blk_header(m, BLK_HDR2, 3);
    Buf b2[3] = {{BLK_HDR2, 16, false}, {BLK_DATA2, 1024, true}, {BLK_STATUS2, 1, true}};
    ram(m, BLK_STATUS2, 1)[0] = 0xff;
    CHECK_EQ_U64(submit(m, blk, 0, 3, b2, 3, false), 1);

    /* virtio-rng: one buffer filled */
    uint64_t rng = find_slot(m, 4);
    driver_init(m, rng, 1);
    Buf r1 = {RAM_BASE + 0x206000, 64, true};
    CHECK_EQ_U64(submit(m, rng, 0, 0, &r1, 1, true), 1);

    /* virtio console: a line written (hvc0 then owns the input), a receive buffer taken
     * by the next poll and held (no input: stdin is /dev/null) */
    uint64_t con = find_slot(m, 3);
    driver_init(m, con, 2);
    static const char line[] = "[test_device_state: hvc0 output]\n";
    memcpy(ram(m, RAM_BASE + 0x207000, sizeof(line) - 1), line, sizeof(line) - 1);
    Buf t1 = {RAM_BASE + 0x207000, sizeof(line) - 1, false};
    CHECK_EQ_U64(submit(m, con, 1, 0, &t1, 1, true), 1);
    Buf rx = {RAM_BASE + 0x208000, 64, true};
    submit(m, con, 0, 0, &rx, 1, true);
    machine_poll(m);

    p9_session(m);
}

/* ---- streams ---- */

typedef struct Record {
    char name[DEVICE_NAME_MAX];
    size_t version_at, len_at, payload_at;
    uint32_t version, len;
} Record;

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void set_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

/* The stream's records (core/device.h's layout); returns how many. */
static int parse_records(const uint8_t *s, size_t len, Record *rec, int max)
{
    size_t pos = 12;
    int n = 0;
    while (pos < len && n < max) {
        Record *r = &rec[n++];
        uint32_t nl = le32(s + pos);
        memcpy(r->name, s + pos + 4, nl < DEVICE_NAME_MAX ? nl : DEVICE_NAME_MAX - 1);
        r->name[nl < DEVICE_NAME_MAX ? nl : DEVICE_NAME_MAX - 1] = 0;
        pos += 4 + nl;
        pos += 4 + le32(s + pos); /* type */
        r->version_at = pos;
        r->version = le32(s + pos);
        r->len_at = pos + 4;
        r->len = le32(s + pos + 4);
        r->payload_at = pos + 8;
        pos += 8 + r->len;
    }
    CHECK_EQ_U64(pos, len);
    return n;
}

static const Record *find_record(const Record *rec, int n, const char *prefix)
{
    for (int i = 0; i < n; i++) {
        if (strncmp(rec[i].name, prefix, strlen(prefix)) == 0) {
            return &rec[i];
        }
    }
    CHECK(!"record not found");
    return &rec[0];
}

static bool save(Machine *m, StateWriter *w)
{
    sw_init(w);
    return machine_save_devices(m, w);
}

static bool same_stream(const StateWriter *a, const StateWriter *b, bool say)
{
    if (a->len != b->len) {
        if (say) {
            fprintf(stderr, "  streams of %zu and %zu bytes\n", a->len, b->len);
        }
        return false;
    }
    for (size_t i = 0; i < a->len; i++) {
        if (a->buf[i] != b->buf[i]) {
            if (say) {
                fprintf(stderr, "  streams differ first at byte %zu\n", i);
            }
            return false;
        }
    }
    return true;
}

/* Load must fail with a reason containing `want` (and not crash). */
static void refused(Machine *m, const uint8_t *buf, size_t len, const char *want)
{
    char err[256] = "";
    bool ok = machine_load_devices(m, buf, len, err, sizeof(err));
    CHECK(!ok);
    CHECK(err[0] != 0 && strchr(err, '\n') == NULL);
    if (want && !strstr(err, want)) {
        fprintf(stderr, "  reason '%s' lacks '%s'\n", err, want);
        CHECK(!"reason");
    }
}

static void load_ok(Machine *m, const StateWriter *w)
{
    char err[256] = "";
    bool ok = machine_load_devices(m, w->buf, w->len, err, sizeof(err));
    if (!ok) {
        fprintf(stderr, "  load: %s\n", err);
    }
    CHECK(ok);
}

TEST(save_load_save_is_identical_and_damage_is_refused)
{
    TestMachine a, b;
    if (!build(&a) || !build(&b)) {
        CHECK(!"machines");
        return;
    }
    machine_clock_start(a.m);
    CHECK_EQ_U64(machine_run(a.m), 0); /* the program powered off with FINISHER_PASS */
    machine_clock_stop(a.m);
    drive_devices(a.m);
    /* what the guest program left */
    uint64_t v = 0;
    CHECK(as_read(&a.m->as, UART + 7, 1, &v) && v == 0x5a);

    StateWriter sa, sb;
    CHECK(save(a.m, &sa));
    /* guest RAM is not device state: a snapshot restores it itself, before the devices */
    memcpy(ram(b.m, RAM_BASE, 64u << 20), ram(a.m, RAM_BASE, 64u << 20), 64u << 20);
    load_ok(b.m, &sa);
    CHECK(save(b.m, &sb));
    CHECK(same_stream(&sa, &sb, true));

    Record rec[32];
    int n = parse_records(sa.buf, sa.len, rec, 32);
    CHECK(n > 12);
    for (int i = 0; i < n; i++) {
        /* every device with state wrote some: nothing silently saved as empty */
        if (strncmp(rec[i].name, "virtio-mmio@", 12) == 0 || !strcmp(rec[i].name, "cpu0") ||
            !strcmp(rec[i].name, "plic") || !strcmp(rec[i].name, "clint") ||
            !strcmp(rec[i].name, "rtc") || !strcmp(rec[i].name, "serial0")) {
            CHECK(rec[i].len > 0);
        }
    }
    /* the in-flight blk request completes the same in both machines */
    uint64_t blk = find_slot(a.m, 2);
    wr32(a.m, blk + R_QUEUE_NOTIFY, 0);
    wr32(b.m, blk + R_QUEUE_NOTIFY, 0);
    CHECK_EQ_U64(ram(a.m, BLK_STATUS2, 1)[0], 0);
    CHECK_EQ_U64(ram(b.m, BLK_STATUS2, 1)[0], 0);
    CHECK(memcmp(ram(a.m, BLK_DATA2, 1024), ram(b.m, BLK_DATA2, 1024), 1024) == 0);
    CHECK_EQ_U64(ram(b.m, BLK_DATA2, 1)[0], (uint8_t)(3 * 512 * 7 + 3));
    StateWriter sa2, sb2;
    CHECK(save(a.m, &sa2) && save(b.m, &sb2));
    CHECK(same_stream(&sa2, &sb2, true));
    CHECK(!same_stream(&sa, &sa2, false)); /* completing a request is a change */
    sw_free(&sa2);
    sw_free(&sb2);

    /* damage: every cut, another format, a newer device version, wrong payload lengths */
    uint8_t *bad = malloc(sa.len + 8);
    for (size_t cut = 0; cut < sa.len; cut++) {
        refused(b.m, sa.buf, cut, NULL);
    }
    refused(b.m, sa.buf, 11, "not a qemu-wasm device state");
    memcpy(bad, sa.buf, sa.len);
    memcpy(bad + sa.len, "extra", 5);
    refused(b.m, bad, sa.len + 5, "trailing bytes");
    memcpy(bad, sa.buf, sa.len);
    set_le32(bad + 4, 2);
    refused(b.m, bad, sa.len, "format 2 is not supported");
    memcpy(bad, sa.buf, sa.len);
    bad[0] ^= 1;
    refused(b.m, bad, sa.len, "not a qemu-wasm device state");
    const Record *plic = find_record(rec, n, "plic");
    memcpy(bad, sa.buf, sa.len);
    set_le32(bad + plic->version_at, plic->version + 1);
    refused(b.m, bad, sa.len, "device 'plic': state version 2 is newer");
    memcpy(bad, sa.buf, sa.len);
    set_le32(bad + plic->len_at, plic->len - 4);
    refused(b.m, bad, sa.len, NULL);
    memcpy(bad, sa.buf, sa.len);
    set_le32(bad + plic->len_at, 0x7fffffff);
    refused(b.m, bad, sa.len, "device state truncated at 'plic'");
    const Record *uart = find_record(rec, n, "serial0");
    memcpy(bad, sa.buf, sa.len);
    set_le32(bad + uart->len_at, uart->len + 1);
    refused(b.m, bad, sa.len, NULL);
    /* a count beyond the UART's FIFO */
    memcpy(bad, sa.buf, sa.len);
    bad[uart->payload_at + 10] = 200;
    refused(b.m, bad, sa.len, "device 'serial0'");
    /* another name where the machine has cpu0 */
    const Record *cpu = find_record(rec, n, "cpu0");
    memcpy(bad, sa.buf, sa.len);
    bad[cpu->version_at - 4 - strlen("riscv64-cpu") - 1] = '9';
    refused(b.m, bad, sa.len, "where this machine has 'cpu0'");
    free(bad);

    /* a 9P fid whose file is gone: refused, naming the fid and the file */
    CHECK(unlink(file_path) == 0);
    refused(b.m, sa.buf, sa.len, "9p fid 2: 'file.txt' no longer exists");
    /* a directory in its place: refused too */
    CHECK(mkdir(file_path, 0755) == 0);
    refused(b.m, sa.buf, sa.len, "9p fid 2: 'file.txt' was a file and is now a directory");
    CHECK(rmdir(file_path) == 0);
    FILE *f = fopen(file_path, "w");
    CHECK(f != NULL);
    if (f) {
        fclose(f);
    }

    /* after all that, the good stream loads and saves the same again */
    memcpy(ram(b.m, RAM_BASE, 64u << 20), ram(a.m, RAM_BASE, 64u << 20), 64u << 20);
    load_ok(b.m, &sa);
    sw_free(&sb);
    CHECK(save(b.m, &sb));
    CHECK(same_stream(&sa, &sb, true));

    sw_free(&sa);
    sw_free(&sb);
    machine_destroy(a.m);
    machine_destroy(b.m);
}

int main(void)
{
    /* the virtio console reads the host's stdin for hvc0: give it nothing */
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0) {
        dup2(null, 0);
        close(null);
    }
    make_files();
    RUN(save_load_save_is_identical_and_damage_is_refused);
    remove_files();
    return test_summary();
}
