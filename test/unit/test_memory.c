/*
 * test/unit/test_memory.c — core/memory.c: overlapping regions with priorities (holes),
 * remove and remap at run time, the flattened view at every boundary, as_ram_ptr across
 * holes, MMIO and I/O-port dispatch, random layouts against a naive model, lock-free
 * lookups racing a writer, and the TLB's use of the sections (no page of RAM mapped fast
 * over a device; layout changes flush).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/memory.h"
#include "core/tlb.h"
#include "core/machine.h"
#include "test/unit/test.h"

/* ---- a recording device ---- */

typedef struct Dev {
    int id;
    uint64_t last_off, last_val;
    unsigned last_size;
    int reads, writes;
    pthread_mutex_t *lock; /* if set: must be held during every access */
    int unlocked;
} Dev;

static void dev_check_lock(Dev *d)
{
    if (d->lock && pthread_mutex_trylock(d->lock) != EBUSY) {
        d->unlocked++;
        pthread_mutex_unlock(d->lock);
    }
}

static uint64_t dev_read(void *opaque, uint64_t off, unsigned size)
{
    Dev *d = opaque;
    dev_check_lock(d);
    d->reads++;
    d->last_off = off;
    d->last_size = size;
    /* a recognisable value: id in the top byte, offset below */
    return ((uint64_t)d->id << 56 | off) & (size == 8 ? UINT64_MAX : (1ull << (8 * size)) - 1);
}

static void dev_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
    Dev *d = opaque;
    dev_check_lock(d);
    d->writes++;
    d->last_off = off;
    d->last_val = val;
    d->last_size = size;
}

static const MemoryOps dev_ops = {dev_read, dev_write};

/* ---- layout-change hook ---- */

typedef struct Hook {
    int calls, ram_changes;
} Hook;

static void hook_fn(void *opaque, bool ram_changed)
{
    Hook *h = opaque;
    h->calls++;
    h->ram_changes += ram_changed;
}

static void check_section(AddressSpace *as, uint64_t addr, MemRegion *mr, uint64_t start,
                          uint64_t last, uint64_t offset)
{
    MemSection s;
    MemRegion *r = as_find_section(as, addr, &s);
    CHECK(r == mr);
    if (r && mr) {
        CHECK_EQ_U64(s.start, start);
        CHECK_EQ_U64(s.last, last);
        CHECK_EQ_U64(s.offset, offset);
    }
}

/* RAM below 1 MiB with the VGA window punched into it, as on a PC. */
TEST(vga_hole)
{
    AddressSpace as;
    as_init(&as);
    MemRegion *ram = as_add_ram(&as, 0, 0x100000, "ram");
    MemRegion *vga = as_new_mmio(&as, 0x20000, &dev_ops, NULL, "vga");
    CHECK(ram && vga);
    CHECK(!vga->mapped);
    CHECK(as_find(&as, 0xa0000) == ram);
    /* same priority: refused, and nothing changes */
    CHECK(!as_map(&as, vga, 0xa0000, 0, 0));
    CHECK(!vga->mapped);
    CHECK(as_find(&as, 0xa0000) == ram);
    CHECK(as_map(&as, vga, 0xa0000, 1, 0));
    /* every boundary: first and last byte of each section */
    check_section(&as, 0, ram, 0, 0x9ffff, 0);
    check_section(&as, 0x9ffff, ram, 0, 0x9ffff, 0);
    check_section(&as, 0xa0000, vga, 0xa0000, 0xbffff, 0);
    check_section(&as, 0xbffff, vga, 0xa0000, 0xbffff, 0);
    check_section(&as, 0xc0000, ram, 0xc0000, 0xfffff, 0xc0000);
    check_section(&as, 0xfffff, ram, 0xc0000, 0xfffff, 0xc0000);
    check_section(&as, 0x100000, NULL, 0, 0, 0);
    check_section(&as, UINT64_MAX, NULL, 0, 0, 0);
    /* a lower-priority region under both changes nothing where they are */
    MemRegion *under = as_new_rom(&as, 0x200000, "under");
    CHECK(as_map(&as, under, 0, -1, 0));
    check_section(&as, 0xfffff, ram, 0xc0000, 0xfffff, 0xc0000);
    check_section(&as, 0x100000, under, 0x100000, 0x1fffff, 0x100000);
    as_destroy(&as);
}

TEST(ram_ptr_and_holes)
{
    AddressSpace as;
    as_init(&as);
    MemRegion *ram = as_add_ram(&as, 0x1000, 0x10000, "ram");
    MemRegion *rom = as_add_rom(&as, 0x11000, 0x1000, "rom");
    Dev d = {.id = 7};
    MemRegion *dev = as_new_mmio(&as, 0x800, &dev_ops, &d, "dev");
    CHECK(as_map(&as, dev, 0x4400, 2, 0)); /* a sub-page hole */
    CHECK(as_ram_ptr(&as, 0x1000, 0x3400) == ram->ram);
    CHECK(!as_ram_ptr(&as, 0x1000, 0x3401)); /* one byte into the hole */
    CHECK(!as_ram_ptr(&as, 0x43ff, 2));
    CHECK(!as_ram_ptr(&as, 0x4400, 1)); /* the device */
    CHECK(as_ram_ptr(&as, 0x4c00, 1) == ram->ram + 0x3c00);
    CHECK(as_ram_ptr(&as, 0x4c00, 0x10000 - 0x3c00) == ram->ram + 0x3c00);
    CHECK(!as_ram_ptr(&as, 0x4c00, 0x10000 - 0x3c00 + 1)); /* into the ROM: another block */
    CHECK(as_ram_ptr(&as, 0x11000, 0x1000) == rom->ram);
    CHECK(!as_ram_ptr_writable(&as, 0x11000, 1));
    CHECK(as_ram_ptr_writable(&as, 0x10fff, 1) == ram->ram + 0xffff);
    CHECK(!as_ram_ptr(&as, 0x12000, 0));
    CHECK(as_ram_ptr(&as, 0x1000, 0) == ram->ram);
    /* as_read / as_write: RAM, device (offset from the device's base), ROM, boundaries */
    uint64_t v = 0;
    CHECK(as_write(&as, 0x43f8, 8, 0x1122334455667788ull));
    CHECK(as_read(&as, 0x43f8, 8, &v));
    CHECK_EQ_U64(v, 0x1122334455667788ull);
    CHECK(!as_read(&as, 0x43fc, 8, &v)); /* half RAM, half device */
    CHECK_EQ_U64(v, 0);
    CHECK(!as_write(&as, 0x4bfc, 8, 1));
    CHECK_EQ_U64(d.writes, 0);
    CHECK(as_read(&as, 0x4410, 4, &v));
    CHECK_EQ_U64(v, 0x10);
    CHECK_EQ_U64(d.last_size, 4);
    CHECK(as_write(&as, 0x4bf8, 8, 0xabc));
    CHECK_EQ_U64(d.last_off, 0x7f8);
    CHECK_EQ_U64(d.last_val, 0xabc);
    CHECK(as_write(&as, 0x11000, 4, 0xffffffff)); /* ROM: dropped */
    CHECK(as_read(&as, 0x11000, 4, &v));
    CHECK_EQ_U64(v, 0);
    CHECK(!as_read(&as, 0x12000, 1, &v));
    /* the RAM under the hole is still there, just hidden */
    ram->ram[0x3400] = 0x5a;
    as_unmap(&as, dev);
    CHECK(as_read(&as, 0x4400, 1, &v));
    CHECK_EQ_U64(v, 0x5a);
    CHECK(as_ram_ptr(&as, 0x1000, 0x10000) == ram->ram);
    /* bulk writes do not cross a hole either */
    CHECK(as_map(&as, dev, 0x4400, 2, 0));
    uint8_t buf[0x20] = {0};
    CHECK(!as_write_bulk(&as, 0x43f0, buf, sizeof(buf)));
    CHECK(as_write_bulk(&as, 0x43e0, buf, sizeof(buf)));
    as_destroy(&as);
}

TEST(equal_priority_overlap)
{
    AddressSpace as;
    as_init(&as);
    Dev a = {.id = 1}, b = {.id = 2};
    MemRegion *ra = as_add_mmio(&as, 0x1000, 0x1000, &dev_ops, &a, "a");
    CHECK(ra);
    CHECK(!as_add_mmio(&as, 0x1fff, 0x10, &dev_ops, &b, "b")); /* overlaps a by a byte */
    CHECK_EQ_U64(as.nregions, 1);
    MemRegion *rb = as_add_mmio(&as, 0x2000, 0x1000, &dev_ops, &b, "b"); /* adjacent: fine */
    CHECK(rb);
    /* a BAR moved onto the other: refused without AS_OVERLAP_OK, stays where it was */
    CHECK(!as_map(&as, rb, 0x1800, 0, 0));
    CHECK_EQ_U64(rb->base, 0x2000);
    check_section(&as, 0x2000, rb, 0x2000, 0x2fff, 0);
    /* with it the one mapped last wins */
    CHECK(as_map(&as, rb, 0x1800, 0, AS_OVERLAP_OK));
    check_section(&as, 0x17ff, ra, 0x1000, 0x17ff, 0);
    check_section(&as, 0x1800, rb, 0x1800, 0x27ff, 0);
    CHECK(as_map(&as, ra, 0x1000, 0, 0)); /* allowed: rb is marked; ra now the latest */
    check_section(&as, 0x1800, ra, 0x1000, 0x1fff, 0);
    check_section(&as, 0x2000, rb, 0x2000, 0x27ff, 0x800);
    /* outside the space */
    MemRegion *top = as_new_mmio(&as, 0x1000, &dev_ops, &a, "top");
    CHECK(!as_map(&as, top, UINT64_MAX - 0xfff, 0, 0)); /* would end at 2^64 */
    CHECK(as_map(&as, top, UINT64_MAX - 0x1000, 0, 0));
    check_section(&as, UINT64_MAX - 1, top, UINT64_MAX - 0x1000, UINT64_MAX - 1, 0);
    check_section(&as, UINT64_MAX, NULL, 0, 0, 0);
    as_destroy(&as);
}

TEST(remove_remap_and_hook)
{
    AddressSpace as;
    as_init(&as);
    Hook h = {0};
    as.layout_changed = hook_fn;
    as.layout_opaque = &h;
    MemRegion *ram = as_add_ram(&as, 0, 0x10000, "ram");
    CHECK_EQ_U64(h.calls, 1);
    CHECK_EQ_U64(h.ram_changes, 1);
    Dev d = {.id = 3};
    MemRegion *bar = as_new_mmio(&as, 0x1000, &dev_ops, &d, "bar");
    CHECK_EQ_U64(h.calls, 1); /* created, not mapped: nothing visible changed */
    uint64_t g = as_generation(&as);
    CHECK(as_map(&as, bar, 0x100000, 1, 0)); /* over nothing: RAM unchanged */
    CHECK_EQ_U64(h.calls, 2);
    CHECK_EQ_U64(h.ram_changes, 1);
    CHECK(as_generation(&as) != g);
    CHECK(as_map(&as, bar, 0x200000, 1, 0)); /* moved */
    CHECK(as_find(&as, 0x100000) == NULL);
    check_section(&as, 0x200fff, bar, 0x200000, 0x200fff, 0);
    CHECK_EQ_U64(h.calls, 3);
    CHECK_EQ_U64(h.ram_changes, 1);
    CHECK(as_map(&as, bar, 0x3000, 1, 0)); /* onto RAM: hides some */
    CHECK_EQ_U64(h.calls, 4);
    CHECK_EQ_U64(h.ram_changes, 2);
    check_section(&as, 0x2fff, ram, 0, 0x2fff, 0);
    check_section(&as, 0x4000, ram, 0x4000, 0xffff, 0x4000);
    /* a region wholly hidden by another: mapping or moving it changes nothing visible */
    MemRegion *hidden = as_new_ram(&as, 0x100, "hidden");
    CHECK(as_map(&as, hidden, 0x3000, 0, 0) == false); /* overlaps ram, same priority */
    CHECK(as_map(&as, hidden, 0x3000, -5, 0));
    CHECK(as_map(&as, hidden, 0x3100, -5, 0));
    CHECK_EQ_U64(h.calls, 4);
    as_remove(&as, hidden);
    CHECK_EQ_U64(h.calls, 4);
    /* disable and enable */
    as_unmap(&as, bar);
    CHECK_EQ_U64(h.calls, 5);
    CHECK_EQ_U64(h.ram_changes, 3);
    check_section(&as, 0x3000, ram, 0, 0xffff, 0);
    as_unmap(&as, bar); /* again: nothing */
    CHECK_EQ_U64(h.calls, 5);
    CHECK(as_map(&as, bar, bar->base, bar->priority, 0));
    CHECK(as_find(&as, 0x3000) == bar);
    /* remove: the RAM shows again, the handle is gone from the list */
    as_remove(&as, bar);
    CHECK(as_find(&as, 0x3000) == ram);
    CHECK_EQ_U64(as.nregions, 1);
    CHECK_EQ_U64(h.calls, 7);
    CHECK_EQ_U64(h.ram_changes, 5);
    /* the view still answers for everything after many changes (double buffering) */
    for (int i = 0; i < 100; i++) {
        MemRegion *r = as_add_mmio(&as, 0x20000 + 0x1000 * (uint64_t)i, 0x1000, &dev_ops, &d, "x");
        CHECK(r);
        if (i % 2) {
            as_remove(&as, r);
        }
    }
    for (int i = 0; i < 100; i++) {
        MemRegion *r = as_find(&as, 0x20000 + 0x1000 * (uint64_t)i + 0x800);
        CHECK(i % 2 ? r == NULL : r != NULL && r->base == 0x20000 + 0x1000 * (uint64_t)i);
    }
    as_destroy(&as);
    CHECK(as_find(&as, 0) == NULL);
}

/* Code pages are per region: a page under a hole keeps its flag, the visible ones report
 * their guest address. */
typedef struct Pages {
    uint64_t seen[8];
    int n;
} Pages;

static void page_seen(void *opaque, uint64_t page)
{
    Pages *p = opaque;
    if (p->n < 8) {
        p->seen[p->n] = page;
    }
    p->n++;
}

TEST(code_pages_and_holes)
{
    AddressSpace as;
    as_init(&as);
    MemRegion *ram = as_add_ram(&as, 0x100000, 0x10000, "ram");
    MemRegion *dev = as_new_mmio(&as, 0x1000, &dev_ops, NULL, "dev");
    CHECK(as_map(&as, dev, 0x102000, 1, 0));
    ram->code_pages[1] = ram->code_pages[2] = ram->code_pages[3] = 1;
    Pages p = {0};
    as_for_each_code_page(&as, 0x101000, 0x2000, page_seen, &p); /* stops at the device */
    CHECK_EQ_U64(p.n, 1);
    CHECK_EQ_U64(p.seen[0], 0x101000);
    p.n = 0;
    as_for_each_code_page(&as, 0x100800, 0x1000, page_seen, &p);
    CHECK_EQ_U64(p.n, 1);
    CHECK_EQ_U64(p.seen[0], 0x101000);
    p.n = 0;
    as_for_each_code_page(&as, 0x103004, 0x2000, page_seen, &p); /* after the hole */
    CHECK_EQ_U64(p.n, 1);
    CHECK_EQ_U64(p.seen[0], 0x103004);
    /* the region moved: its pages follow it */
    CHECK(as_map(&as, ram, 0x200000, 0, 0));
    p.n = 0;
    as_for_each_code_page(&as, 0x200000, 0x10000, page_seen, &p);
    CHECK_EQ_U64(p.n, 3);
    CHECK_EQ_U64(p.seen[0], 0x201000);
    CHECK_EQ_U64(p.seen[2], 0x203000);
    as_destroy(&as);
}

TEST(io_ports)
{
    AddressSpace io;
    as_init_io(&io);
    pthread_mutex_t lock;
    pthread_mutex_init(&lock, NULL);
    io.mmio_lock = &lock;
    Dev com = {.id = 1, .lock = &lock}, hi = {.id = 2, .lock = &lock};
    MemRegion *r = as_add_mmio(&io, 0x3f8, 8, &dev_ops, &com, "com1");
    CHECK(r);
    CHECK_EQ_U64(as_io_read(&io, 0x3fd, 1), 5);
    CHECK_EQ_U64(com.last_off, 5);
    CHECK_EQ_U64(com.last_size, 1);
    CHECK_EQ_U64(as_io_read(&io, 0x3fa, 2), 2);
    CHECK_EQ_U64(com.last_size, 2);
    CHECK_EQ_U64(as_io_read(&io, 0x3f8, 4), 0);
    CHECK_EQ_U64(com.last_size, 4);
    /* across the end of the device: byte by byte, the missing ones all ones */
    CHECK_EQ_U64(as_io_read(&io, 0x3fe, 4), 0xffff0706);
    CHECK_EQ_U64(as_io_read(&io, 0x80, 1), 0xff);
    CHECK_EQ_U64(as_io_read(&io, 0x80, 2), 0xffff);
    CHECK_EQ_U64(as_io_read(&io, 0x80, 4), 0xffffffff);
    int writes = com.writes;
    as_io_write(&io, 0x80, 0x12345678, 4); /* ignored */
    as_io_write(&io, 0x3f7, 0x12, 1);
    CHECK_EQ_U64(com.writes, writes);
    as_io_write(&io, 0x3f8, 0x41, 1);
    CHECK_EQ_U64(com.last_off, 0);
    CHECK_EQ_U64(com.last_val, 0x41);
    as_io_write(&io, 0x3fe, 0x11223344, 4);
    CHECK_EQ_U64(com.writes, writes + 3);
    CHECK_EQ_U64(com.last_off, 7);
    CHECK_EQ_U64(com.last_val, 0x33);
    as_io_write(&io, 0x3fc, 0xaabbccdd, 4);
    CHECK_EQ_U64(com.last_off, 4);
    CHECK_EQ_U64(com.last_val, 0xaabbccdd);
    CHECK_EQ_U64(com.last_size, 4);
    /* 64 KiB of ports */
    CHECK(!as_add_mmio(&io, 0xfff0, 0x11, &dev_ops, &hi, "too far"));
    CHECK(as_add_mmio(&io, 0xfff0, 0x10, &dev_ops, &hi, "top"));
    CHECK_EQ_U64(as_io_read(&io, 0xffff, 2), 0xff0f);
    CHECK_EQ_U64(as_io_read(&io, 0x10000, 1), 0xff);
    /* a PCI I/O BAR moved */
    CHECK(as_map(&io, r, 0xc000, 0, 0));
    CHECK_EQ_U64(as_io_read(&io, 0x3f8, 1), 0xff);
    CHECK_EQ_U64(as_io_read(&io, 0xc001, 1), 1);
    CHECK_EQ_U64(com.unlocked + hi.unlocked, 0);
    as_destroy(&io);
    pthread_mutex_destroy(&lock);
}

/* ---- random layouts against a naive model ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

#define CELLS 256
#define MAX_MODEL 12

typedef struct Model {
    MemRegion *h;
    uint64_t base, size; /* in cells */
    int prio;
    bool mapped, overlap_ok, live;
    uint64_t seq;
} Model;

/* The winner of cell x: the highest priority, then the latest mapped. */
static int model_winner(const Model *m, int n, uint64_t x)
{
    int best = -1;
    for (int i = 0; i < n; i++) {
        if (m[i].live && m[i].mapped && x >= m[i].base && x < m[i].base + m[i].size &&
            (best < 0 || m[i].prio > m[best].prio ||
             (m[i].prio == m[best].prio && m[i].seq > m[best].seq))) {
            best = i;
        }
    }
    return best;
}

static bool model_refuses(const Model *m, int n, int k, uint64_t base, int prio, bool ok)
{
    for (int i = 0; i < n; i++) {
        if (i != k && m[i].live && m[i].mapped && m[i].prio == prio && !ok &&
            !m[i].overlap_ok && base < m[i].base + m[i].size && m[i].base < base + m[k].size) {
            return true;
        }
    }
    return false;
}

/* Compare every cell's first and last byte (and the bytes around the window). */
static int compare_all(AddressSpace *as, const Model *m, int n, uint64_t origin,
                       uint64_t stride)
{
    int w[CELLS + 2], errors = 0;
    int run_start[CELLS], run_end[CELLS]; /* the run of equal winners around each cell */
    for (int x = 0; x < CELLS; x++) {
        w[x] = model_winner(m, n, (uint64_t)x);
        run_start[x] = x > 0 && w[x - 1] == w[x] ? run_start[x - 1] : x;
    }
    for (int x = CELLS - 1; x >= 0; x--) {
        run_end[x] = x < CELLS - 1 && w[x + 1] == w[x] ? run_end[x + 1] : x;
    }
    for (int x = 0; x < CELLS; x++) {
        int rs = run_start[x], re = run_end[x];
        for (int end = 0; end < 2; end++) {
            uint64_t addr = origin + (uint64_t)x * stride + (end ? stride - 1 : 0);
            MemSection s;
            MemRegion *r = as_find_section(as, addr, &s);
            if (w[x] < 0) {
                errors += r != NULL;
                /* the next section is the next run */
                int nx = re + 1;
                bool has_next = as_next_section(as, addr, &s);
                errors += has_next != (nx < CELLS);
                if (has_next && nx < CELLS) {
                    errors += s.mr != m[w[nx]].h || s.start != origin + (uint64_t)nx * stride;
                }
                continue;
            }
            const Model *e = &m[w[x]];
            if (r != e->h || s.start != origin + (uint64_t)rs * stride ||
                s.last != origin + (uint64_t)(re + 1) * stride - 1 ||
                s.offset != (uint64_t)(rs - (int)e->base) * stride) {
                errors++;
                continue;
            }
            if (r->ram) {
                /* as_ram_ptr: inside the run, or one byte too far */
                uint64_t room = s.last - addr + 1;
                uint64_t len = 1 + rnd() % (room + 1);
                uint8_t *p = as_ram_ptr(as, addr, len);
                uint8_t *want = len <= room ? r->ram + (addr - (origin + e->base * stride))
                                            : NULL;
                errors += p != want;
            }
        }
    }
    /* just outside the window */
    if (origin > 0) {
        errors += as_find(as, origin - 1) != NULL;
    }
    errors += as_find(as, origin + (uint64_t)CELLS * stride) != NULL;
    return errors;
}

TEST(random_layouts)
{
    static const uint64_t strides[] = {1, 0x1000, 1ull << 40};
    int errors = 0, refusals = 0, maps = 0;
    for (int round = 0; round < 2000 && errors == 0; round++) {
        uint64_t stride = strides[round % 3];
        uint64_t span = (uint64_t)CELLS * stride;
        uint64_t origin = round % 5 == 0 ? 0 : rnd() % (UINT64_MAX - span - 1);
        if (round % 7 == 0) {
            origin = UINT64_MAX - 1 - span; /* the window ends at the top of the space */
        }
        AddressSpace as;
        as_init(&as);
        Model m[MAX_MODEL] = {{0}};
        int n = 0;
        uint64_t seq = 0;
        for (int op = 0; op < 30 && errors == 0; op++) {
            int k = n ? (int)(rnd() % (uint64_t)n) : 0;
            switch (rnd() % 6) {
            case 0: /* create */
                if (n < MAX_MODEL) {
                    uint64_t size = 1 + rnd() % 64;
                    bool ram = stride <= 0x1000 && rnd() % 2;
                    m[n].h = ram ? as_new_ram(&as, size * stride, "r")
                                 : as_new_mmio(&as, size * stride, &dev_ops, NULL, "m");
                    m[n].size = size;
                    m[n].live = m[n].h != NULL;
                    errors += !m[n].live;
                    n++;
                }
                break;
            case 1: case 2: case 3: /* map or move */
                if (n && m[k].live) {
                    uint64_t base = rnd() % (CELLS - m[k].size + 1);
                    int prio = (int)(rnd() % 3) - 1;
                    bool ok = rnd() % 3 == 0;
                    bool refused = model_refuses(m, n, k, base, prio, ok);
                    bool done = as_map(&as, m[k].h, origin + base * stride, prio,
                                       ok ? AS_OVERLAP_OK : 0);
                    errors += done == refused;
                    refusals += refused;
                    maps++;
                    if (done) {
                        m[k].base = base;
                        m[k].prio = prio;
                        m[k].overlap_ok = ok;
                        m[k].mapped = true;
                        m[k].seq = ++seq;
                    }
                }
                break;
            case 4: /* disable */
                if (n && m[k].live) {
                    as_unmap(&as, m[k].h);
                    m[k].mapped = false;
                }
                break;
            case 5: /* remove */
                if (n && m[k].live) {
                    as_remove(&as, m[k].h);
                    m[k].live = false;
                }
                break;
            }
            errors += compare_all(&as, m, n, origin, stride);
            if (errors) {
                fprintf(stderr, "  round %d op %d: %d mismatches\n", round, op, errors);
            }
        }
        as_destroy(&as);
    }
    CHECK_EQ_U64(errors, 0);
    /* the layouts really exercised both outcomes */
    CHECK(refusals > 200);
    CHECK(maps - refusals > 10000);
}

/* ---- lookups racing layout changes ---- */

typedef struct Race {
    AddressSpace as;
    MemRegion *ram, *bar;
    int stop;
    long bad, lookups;
} Race;

/* Layouts the writer alternates between: RAM [0, 0x10000) with bar (0x1000 bytes,
 * priority 1) at 0x2000 or at 0x8000.  Every section a lookup returns must be one of
 * those two layouts'. */
static bool race_section_ok(const Race *r, const MemSection *s)
{
    for (int i = 0; i < 2; i++) {
        uint64_t b = i ? 0x8000 : 0x2000;
        if ((s->mr == r->bar && s->start == b && s->last == b + 0xfff && s->offset == 0) ||
            (s->mr == r->ram && s->start == 0 && s->last == b - 1 && s->offset == 0) ||
            (s->mr == r->ram && s->start == b + 0x1000 && s->last == 0xffff &&
             s->offset == b + 0x1000)) {
            return true;
        }
    }
    return false;
}

static void *race_reader(void *opaque)
{
    Race *r = opaque;
    uint64_t x = 12345;
    long bad = 0, n = 0;
    while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        MemSection s;
        if (!as_find_section(&r->as, (x >> 33) % 0x10000, &s) || !race_section_ok(r, &s)) {
            bad++;
        }
        if (++n % 1024 == 0) {
            __atomic_fetch_add(&r->lookups, 1024, __ATOMIC_RELAXED);
        }
    }
    __atomic_fetch_add(&r->bad, bad, __ATOMIC_RELAXED);
    return NULL;
}

TEST(lookups_race_remaps)
{
    Race *r = calloc(1, sizeof(*r));
    as_init(&r->as);
    r->ram = as_add_ram(&r->as, 0, 0x10000, "ram");
    r->bar = as_new_mmio(&r->as, 0x1000, &dev_ops, NULL, "bar");
    CHECK(as_map(&r->as, r->bar, 0x2000, 1, 0));
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        pthread_create(&t[i], NULL, race_reader, r);
    }
    /* until the readers have looked a lot up while it changed (they may start late) */
    for (int i = 0; i < 20000 || __atomic_load_n(&r->lookups, __ATOMIC_RELAXED) < 1000000;
         i++) {
        CHECK(as_map(&r->as, r->bar, i % 2 ? 0x2000 : 0x8000, 1, 0));
    }
    __atomic_store_n(&r->stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    CHECK_EQ_U64(r->bad, 0);
    CHECK(r->lookups > 0);
    as_destroy(&r->as);
    free(r);
}

/* ---- the TLB's use of sections ---- */

TEST(tlb_fill_and_layout_changes)
{
    Machine *m = calloc(1, sizeof(*m));
    CPUState *cpu = calloc(1, sizeof(*cpu));
    cpu->machine = m;
    m->cpus[0] = cpu;
    m->ncpus = 1;
    as_init(&m->as);
    m->as.layout_changed = tlb_memory_layout_changed;
    m->as.layout_opaque = m;
    MemRegion *ram = as_add_ram(&m->as, 0x80000000, 0x10000, "ram");
    MemRegion *dev = as_new_mmio(&m->as, 0x100, &dev_ops, NULL, "dev");
    CHECK(as_map(&m->as, dev, 0x80002800, 1, 0));
    cpu->exit_request = 0;
    /* a whole page of RAM: fast */
    tlb_set_page(cpu, 0x1000, 0x80001000, 7, 0);
    TlbEntry *e = tlb_entry(&cpu->tlb, 0, 0x1000);
    CHECK_EQ_U64(e->addr_read, 0x1000);
    CHECK_EQ_U64(e->addr_write, 0x1000);
    CHECK_EQ_U64(e->addr_code, 0x1000);
    CHECK((uintptr_t)(0x1000 + e->addend) == (uintptr_t)(ram->ram + 0x1000));
    /* RAM with a device inside the page: slow path, also for the RAM bytes */
    tlb_set_page(cpu, 0x2000, 0x80002010, 7, 0);
    e = tlb_entry(&cpu->tlb, 0, 0x2000);
    CHECK_EQ_U64(e->addr_read, 0x2000 | TLB_MMIO);
    CHECK_EQ_U64(e->addr_write, 0x2000 | TLB_MMIO);
    CHECK_EQ_U64(e->paddr, 0x80002000);
    /* a layout change (the device leaves, RAM shows): TLB flushed at once (one thread),
     * translated code dropped at the next safe point */
    as_unmap(&m->as, dev);
    CHECK_EQ_U64(tlb_entry(&cpu->tlb, 0, 0x1000)->addr_read, (uint64_t)-1);
    CHECK(cpu->exit_request & CPU_EXIT_TB_FLUSH);
    tlb_set_page(cpu, 0x2000, 0x80002010, 7, 0);
    CHECK_EQ_U64(tlb_entry(&cpu->tlb, 0, 0x2000)->addr_read, 0x2000);
    /* a device moved where there is no RAM: TLB flushed, code kept */
    cpu->exit_request = 0;
    CHECK(as_map(&m->as, dev, 0x10000000, 1, 0));
    CHECK_EQ_U64(tlb_entry(&cpu->tlb, 0, 0x2000)->addr_read, (uint64_t)-1);
    CHECK_EQ_U64(cpu->exit_request, 0);
    /* a RAM block not page-aligned is never mapped fast */
    MemRegion *odd = as_add_ram(&m->as, 0x90000800, 0x3000, "odd");
    CHECK(odd);
    tlb_set_page(cpu, 0x3000, 0x90001000, 7, 0);
    CHECK_EQ_U64(tlb_entry(&cpu->tlb, 0, 0x3000)->addr_read, 0x3000 | TLB_MMIO);
    as_destroy(&m->as);
    free(cpu);
    free(m);
}

int main(void)
{
    RUN(vga_hole);
    RUN(ram_ptr_and_holes);
    RUN(equal_priority_overlap);
    RUN(remove_remap_and_hook);
    RUN(code_pages_and_holes);
    RUN(io_ports);
    RUN(random_layouts);
    RUN(lookups_race_remaps);
    RUN(tlb_fill_and_layout_changes);
    return test_summary();
}
