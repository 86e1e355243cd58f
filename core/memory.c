/*
 * core/memory.c — guest physical address space: regions, the flattened view, accesses.
 */
#include "core/memory.h"

#include <stdlib.h>
#include <string.h>

#include "core/host.h"

/* At most two boundaries per region, so at most 2n - 1 sections. */
#define VIEW_CAP (2 * AS_MAX_REGIONS)

void as_init(AddressSpace *as)
{
    memset(as, 0, sizeof(*as));
    /* one byte below the top: a region's end (base + size) never wraps */
    as->last_addr = UINT64_MAX - 1;
}

void as_init_io(AddressSpace *as)
{
    as_init(as);
    as->last_addr = 0xffff;
}

static void region_free(MemRegion *r)
{
    if (r->ram) {
        host_free_ram(r->ram, r->size);
    }
    free(r->code_pages);
    free(r);
}

void as_destroy(AddressSpace *as)
{
    for (int i = 0; i < as->nregions; i++) {
        region_free(as->regions[i]);
    }
    while (as->retired) {
        MemRegion *r = as->retired;
        as->retired = r->retired_next;
        region_free(r);
    }
    free(as->view[0]); /* one allocation for the views, scratch and points */
    /* empty again; the kind (last_addr), lock and hook stay */
    as->nregions = 0;
    as->view[0] = as->view[1] = as->scratch = NULL;
    as->points = NULL;
    as->view_len[0] = as->view_len[1] = 0;
}

/* ---- the view ---- */

static inline uint64_t ld64(const uint64_t *p)
{
    return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline void st64(uint64_t *p, uint64_t v)
{
    __atomic_store_n(p, v, __ATOMIC_RELAXED);
}

/*
 * Find the section holding addr (want_next: or else the first one after it) in the
 * current view.  Lock-free: the entries are read with relaxed atomics and the result is
 * kept only if generation did not change meanwhile (the writer rewrites a buffer only
 * after publishing the other one, and with a release fence in between: reading any of
 * its new entries implies seeing the new generation).  Returns the generation it used.
 */
static uint64_t view_lookup(AddressSpace *as, uint64_t addr, bool want_next, MemSection *out,
                            bool *found)
{
    for (;;) {
        uint64_t g = __atomic_load_n(&as->generation, __ATOMIC_ACQUIRE);
        const MemSection *v = __atomic_load_n(&as->view[g & 1], __ATOMIC_RELAXED);
        uint32_t n = v ? __atomic_load_n(&as->view_len[g & 1], __ATOMIC_RELAXED) : 0;
        if (n > VIEW_CAP) {
            n = VIEW_CAP; /* a torn read: the generation check below retries */
        }
        /* the largest section first (guest RAM, where most lookups land), then the
         * first entry starting after addr */
        uint32_t big = __atomic_load_n(&as->view_big[g & 1], __ATOMIC_RELAXED);
        uint32_t lo = 0, hi = n;
        if (big < n) {
            if (ld64(&v[big].start) > addr) {
                hi = big;
            } else if (ld64(&v[big].last) >= addr) {
                lo = hi = big + 1;
            } else {
                lo = big + 1;
            }
        }
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (ld64(&v[mid].start) <= addr) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        bool hit = false;
        if (lo > 0 && ld64(&v[lo - 1].last) >= addr) {
            lo--;
            hit = true;
        } else if (want_next && lo < n) {
            hit = true;
        }
        if (hit) {
            out->start = ld64(&v[lo].start);
            out->last = ld64(&v[lo].last);
            out->offset = ld64(&v[lo].offset);
            out->mr = __atomic_load_n(&v[lo].mr, __ATOMIC_RELAXED);
        }
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (__atomic_load_n(&as->generation, __ATOMIC_RELAXED) == g) {
            *found = hit && out->mr;
            return g;
        }
    }
}

MemRegion *as_find_section(AddressSpace *as, uint64_t addr, MemSection *sec)
{
    bool found;
    view_lookup(as, addr, false, sec, &found);
    if (!found) {
        memset(sec, 0, sizeof(*sec));
        return NULL;
    }
    return sec->mr;
}

MemRegion *as_find(AddressSpace *as, uint64_t addr)
{
    MemSection s;
    return as_find_section(as, addr, &s);
}

bool as_next_section(AddressSpace *as, uint64_t addr, MemSection *sec)
{
    bool found;
    view_lookup(as, addr, true, sec, &found);
    return found;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static bool wins_over(const MemRegion *a, const MemRegion *b)
{
    return !b || a->priority > b->priority ||
           (a->priority == b->priority && a->map_seq > b->map_seq);
}

/* Flatten the mapped regions into out (sorted, disjoint, adjacent pieces of one region
 * merged: the view is canonical, so equal layouts give equal views). */
static uint32_t flatten(AddressSpace *as, MemSection *out)
{
    uint64_t *pts = as->points;
    int np = 0;
    for (int i = 0; i < as->nregions; i++) {
        const MemRegion *r = as->regions[i];
        if (r->mapped) {
            pts[np++] = r->base;
            pts[np++] = r->base + r->size; /* <= last_addr + 1: no wrap */
        }
    }
    qsort(pts, (size_t)np, sizeof(pts[0]), cmp_u64);
    uint32_t n = 0;
    for (int i = 0; i + 1 < np; i++) {
        uint64_t a = pts[i], b = pts[i + 1];
        if (a == b) {
            continue;
        }
        /* coverage is the same all over [a, b): the winner at a wins there */
        MemRegion *best = NULL;
        for (int k = 0; k < as->nregions; k++) {
            MemRegion *r = as->regions[k];
            if (r->mapped && a - r->base < r->size && wins_over(r, best)) {
                best = r;
            }
        }
        if (!best) {
            continue;
        }
        if (n > 0 && out[n - 1].mr == best && out[n - 1].last == a - 1) {
            out[n - 1].last = b - 1;
        } else {
            out[n++] = (MemSection){.start = a, .last = b - 1, .offset = a - best->base,
                                    .mr = best};
        }
    }
    return n;
}

static bool same_section(const MemSection *a, const MemSection *b)
{
    return a->start == b->start && a->last == b->last && a->offset == b->offset &&
           a->mr == b->mr;
}

/* Do two views show the same RAM/ROM at the same addresses? */
static bool same_ram(const MemSection *a, uint32_t na, const MemSection *b, uint32_t nb)
{
    uint32_t i = 0, j = 0;
    for (;;) {
        while (i < na && !a[i].mr->ram) {
            i++;
        }
        while (j < nb && !b[j].mr->ram) {
            j++;
        }
        if (i == na || j == nb) {
            return i == na && j == nb;
        }
        if (!same_section(&a[i], &b[j])) {
            return false;
        }
        i++;
        j++;
    }
}

/* Rebuild the view after a layout change and publish it (the writer side of
 * view_lookup); then tell the machine. */
static void view_update(AddressSpace *as)
{
    uint64_t g = as->generation; /* only the writer changes it */
    const MemSection *cur = as->view[g & 1];
    uint32_t ncur = as->view_len[g & 1];
    uint32_t n = flatten(as, as->scratch);
    bool same = n == ncur;
    for (uint32_t i = 0; same && i < n; i++) {
        same = same_section(&as->scratch[i], &cur[i]);
    }
    if (same) {
        return; /* e.g. a region hidden wholly by a higher one moved: nothing to see */
    }
    bool ram_changed = !same_ram(cur, ncur, as->scratch, n);
    MemSection *next = as->view[(g + 1) & 1];
    /* readers of generation g - 1 may still be in next: they must see g if they read
     * anything written below */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    for (uint32_t i = 0; i < n; i++) {
        st64(&next[i].start, as->scratch[i].start);
        st64(&next[i].last, as->scratch[i].last);
        st64(&next[i].offset, as->scratch[i].offset);
        __atomic_store_n(&next[i].mr, as->scratch[i].mr, __ATOMIC_RELAXED);
    }
    uint32_t big = 0;
    for (uint32_t i = 1; i < n; i++) {
        if (as->scratch[i].last - as->scratch[i].start >
            as->scratch[big].last - as->scratch[big].start) {
            big = i;
        }
    }
    __atomic_store_n(&as->view_len[(g + 1) & 1], n, __ATOMIC_RELAXED);
    __atomic_store_n(&as->view_big[(g + 1) & 1], big, __ATOMIC_RELAXED);
    __atomic_store_n(&as->generation, g + 1, __ATOMIC_RELEASE);
    if (as->layout_changed) {
        as->layout_changed(as->layout_opaque, ram_changed);
    }
}

/* ---- regions ---- */

static bool view_alloc(AddressSpace *as)
{
    if (as->view[0]) {
        return true;
    }
    size_t sections = 3 * (size_t)VIEW_CAP * sizeof(MemSection);
    uint8_t *p = calloc(1, sections + (size_t)VIEW_CAP * sizeof(uint64_t));
    if (!p) {
        return false;
    }
    MemSection *s = (MemSection *)p;
    as->scratch = s + 2 * VIEW_CAP;
    as->points = (uint64_t *)(p + sections);
    /* the buffers of the first generation: published by its release store */
    __atomic_store_n(&as->view[1], s + VIEW_CAP, __ATOMIC_RELAXED);
    __atomic_store_n(&as->view[0], s, __ATOMIC_RELEASE);
    return true;
}

static MemRegion *region_new(AddressSpace *as, uint64_t size, const char *name, bool ram,
                             bool readonly)
{
    if (as->nregions >= AS_MAX_REGIONS || size == 0 || size - 1 > as->last_addr ||
        !view_alloc(as)) {
        return NULL;
    }
    MemRegion *r = calloc(1, sizeof(*r));
    if (!r) {
        return NULL;
    }
    r->size = size;
    r->name = name;
    if (ram) {
        r->ram = host_alloc_ram(size);
        r->code_pages = r->ram ? calloc((size + 4095) >> 12, 1) : NULL;
        if (!r->code_pages) {
            if (r->ram) {
                host_free_ram(r->ram, size);
            }
            free(r);
            return NULL;
        }
        r->readonly = readonly;
    }
    as->regions[as->nregions++] = r;
    return r;
}

MemRegion *as_new_ram(AddressSpace *as, uint64_t size, const char *name)
{
    return region_new(as, size, name, true, false);
}

MemRegion *as_new_rom(AddressSpace *as, uint64_t size, const char *name)
{
    return region_new(as, size, name, true, true);
}

MemRegion *as_new_mmio(AddressSpace *as, uint64_t size, const MemoryOps *ops, void *opaque,
                       const char *name)
{
    MemRegion *r = region_new(as, size, name, false, false);
    if (r) {
        r->ops = ops;
        r->opaque = opaque;
    }
    return r;
}

bool as_map(AddressSpace *as, MemRegion *r, uint64_t base, int priority, unsigned flags)
{
    if (base > as->last_addr || r->size - 1 > as->last_addr - base) {
        return false;
    }
    bool overlap_ok = flags & AS_OVERLAP_OK;
    for (int i = 0; i < as->nregions; i++) {
        const MemRegion *q = as->regions[i];
        if (q != r && q->mapped && q->priority == priority && !overlap_ok &&
            !q->overlap_ok && base <= q->base + (q->size - 1) &&
            q->base <= base + (r->size - 1)) {
            return false;
        }
    }
    r->base = base;
    r->priority = priority;
    r->overlap_ok = overlap_ok;
    r->mapped = true;
    r->map_seq = ++as->map_seq;
    view_update(as);
    return true;
}

void as_unmap(AddressSpace *as, MemRegion *r)
{
    if (r->mapped) {
        r->mapped = false;
        view_update(as);
    }
}

void as_remove(AddressSpace *as, MemRegion *r)
{
    as_unmap(as, r);
    for (int i = 0; i < as->nregions; i++) {
        if (as->regions[i] == r) {
            memmove(&as->regions[i], &as->regions[i + 1],
                    (size_t)(as->nregions - i - 1) * sizeof(as->regions[0]));
            as->nregions--;
            break;
        }
    }
    r->retired_next = as->retired;
    as->retired = r;
}

static MemRegion *add_mapped(AddressSpace *as, MemRegion *r, uint64_t base)
{
    if (r && !as_map(as, r, base, 0, 0)) {
        /* never mapped, never returned: nobody can hold it, free it now */
        as->nregions--; /* it is the last one created */
        region_free(r);
        return NULL;
    }
    return r;
}

MemRegion *as_add_ram(AddressSpace *as, uint64_t base, uint64_t size, const char *name)
{
    return add_mapped(as, as_new_ram(as, size, name), base);
}

MemRegion *as_add_rom(AddressSpace *as, uint64_t base, uint64_t size, const char *name)
{
    return add_mapped(as, as_new_rom(as, size, name), base);
}

MemRegion *as_add_mmio(AddressSpace *as, uint64_t base, uint64_t size, const MemoryOps *ops,
                       void *opaque, const char *name)
{
    return add_mapped(as, as_new_mmio(as, size, ops, opaque, name), base);
}

/* ---- accesses ---- */

uint8_t *as_ram_ptr(AddressSpace *as, uint64_t paddr, uint64_t len)
{
    MemSection s;
    MemRegion *r = as_find_section(as, paddr, &s);
    if (!r || !r->ram || (len > 0 && len - 1 > s.last - paddr)) {
        return NULL;
    }
    return r->ram + mem_section_offset(&s, paddr);
}

uint8_t *as_ram_ptr_writable(AddressSpace *as, uint64_t paddr, uint64_t len)
{
    MemSection s;
    MemRegion *r = as_find_section(as, paddr, &s);
    if (!r || !r->ram || r->readonly || (len > 0 && len - 1 > s.last - paddr)) {
        return NULL;
    }
    return r->ram + mem_section_offset(&s, paddr);
}

/* One access wholly inside one section: RAM directly, MMIO through the device under the
 * lock.  The lookup takes no lock; if the layout changed before we got the lock the
 * device may be gone, so look again (under the lock the layout is stable). */
static bool as_access(AddressSpace *as, uint64_t paddr, unsigned size, uint64_t *val,
                      bool write)
{
    MemSection s;
    bool found;
    uint64_t g = view_lookup(as, paddr, false, &s, &found);
    bool locked = false;
    for (;;) {
        if (!found || size - 1 > s.last - paddr) {
            break;
        }
        MemRegion *r = s.mr;
        uint64_t off = mem_section_offset(&s, paddr);
        if (r->ram) {
            if (!write) {
                uint64_t v = 0;
                memcpy(&v, r->ram + off, size); /* little-endian host */
                *val = v;
            } else if (!r->readonly) {
                memcpy(r->ram + off, val, size);
            }
        } else if (as->mmio_lock && !locked) {
            pthread_mutex_lock(as->mmio_lock);
            locked = true;
            if (as_generation(as) != g) {
                g = view_lookup(as, paddr, false, &s, &found);
            }
            continue;
        } else if (write) {
            r->ops->write(r->opaque, off, *val, size);
        } else {
            *val = r->ops->read(r->opaque, off, size);
        }
        if (locked) {
            pthread_mutex_unlock(as->mmio_lock);
        }
        return true;
    }
    if (locked) {
        pthread_mutex_unlock(as->mmio_lock);
    }
    return false;
}

/* The vCPU whose access is being dispatched (core/memory.h): per thread, set per access. */
static _Thread_local int accessing_cpu = -1;

int mmio_accessing_cpu(void)
{
    return accessing_cpu;
}

int mmio_set_accessing_cpu(int cpu_index)
{
    int prev = accessing_cpu;
    accessing_cpu = cpu_index;
    return prev;
}

bool as_read(AddressSpace *as, uint64_t paddr, unsigned size, uint64_t *val)
{
    if (!as_access(as, paddr, size, val, false)) {
        *val = 0;
        return false;
    }
    return true;
}

bool as_write(AddressSpace *as, uint64_t paddr, unsigned size, uint64_t val)
{
    return as_access(as, paddr, size, &val, true);
}

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
}

uint32_t as_io_read(AddressSpace *io, uint64_t port, unsigned size)
{
    uint64_t v;
    if (as_access(io, port, size, &v, false)) {
        return (uint32_t)(v & size_mask(size));
    }
    uint32_t out = 0;
    for (unsigned i = 0; i < size; i++) {
        uint64_t b;
        if (!as_access(io, port + i, 1, &b, false)) {
            b = 0xff; /* nothing drives the bus: it floats high */
        }
        out |= (uint32_t)(b & 0xff) << (8 * i);
    }
    return out;
}

void as_io_write(AddressSpace *io, uint64_t port, uint32_t val, unsigned size)
{
    uint64_t v = val & size_mask(size);
    if (as_access(io, port, size, &v, true)) {
        return;
    }
    for (unsigned i = 0; i < size; i++) {
        uint64_t b = (val >> (8 * i)) & 0xff;
        as_access(io, port + i, 1, &b, true); /* unmapped: dropped */
    }
}

bool as_write_bulk(AddressSpace *as, uint64_t paddr, const void *src, uint64_t len)
{
    if (len == 0) {
        return true;
    }
    uint8_t *p = as_ram_ptr(as, paddr, len);
    if (!p) {
        return false;
    }
    memcpy(p, src, len);
    return true;
}

void as_for_each_code_page(AddressSpace *as, uint64_t paddr, uint64_t len,
                           void (*fn)(void *opaque, uint64_t page), void *opaque)
{
    while (len > 0) {
        MemSection s;
        MemRegion *r = as_find_section(as, paddr, &s);
        if (!r || !r->ram) {
            return;
        }
        uint64_t room = s.last - paddr; /* bytes after paddr in the section */
        uint64_t n = room < len - 1 ? room + 1 : len;
        uint64_t first = mem_section_offset(&s, paddr) >> 12;
        uint64_t last = mem_section_offset(&s, paddr + n - 1) >> 12;
        for (uint64_t i = first; i <= last; i++) {
            if (r->code_pages[i]) {
                /* the guest address of the region's page i (paddr for the first, which
                 * may start before the section) */
                fn(opaque, i == first ? paddr : s.start + ((i << 12) - s.offset));
            }
        }
        paddr += n;
        len -= n;
    }
}
