/*
 * core/memory.h — a machine's guest physical address space (and its I/O-port space):
 * RAM blocks, ROMs and device (MMIO) regions.
 *
 * Regions may overlap; where they do, the one with the higher priority is what the guest
 * sees (x86: a VGA window at priority 1 over the RAM below 1 MiB punches a hole in it).
 * Two regions of the same priority may overlap only if one of them was mapped with
 * AS_OVERLAP_OK (PCI BARs the guest programs as it likes); then the one mapped last wins.
 * Regions are handles (MemRegion *) valid until as_remove; they can be mapped, moved and
 * unmapped at run time (as_map / as_unmap).
 *
 * Lookups never scan the regions: every layout change rebuilds a flattened view, sorted
 * disjoint sections each naming the winning region and the offset into it, and a lookup
 * is a binary search in it.  A region may be only partly visible: users of
 * as_find_section get the extent of the visible piece (MemSection) and must stay inside it.
 *
 * Threads.  Lookups take no lock: the view is double-buffered and versioned
 * (AddressSpace.generation), a reader retries if the layout changed under it.  Layout
 * changes must be serialised by the caller: before the vCPUs run, or with the device lock
 * (mmio_lock) held — which is what device code runs under anyway.  A removed region's
 * memory (its struct, RAM and code_pages) stays allocated until as_destroy, since another
 * thread may still hold a section or a TLB entry for it until it reaches a safe point.
 *
 * Guest RAM is one host allocation per block; code-page tracking (which RAM pages hold
 * translated code) lives here because it is a property of physical memory shared by all
 * vCPUs.
 */
#ifndef CORE_MEMORY_H
#define CORE_MEMORY_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct MemoryOps {
    /* size is 1, 2, 4 or 8 bytes; offset is relative to the region's start */
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size);
} MemoryOps;

typedef struct MemRegion {
    /* Fixed from creation to as_destroy: any thread may read these. */
    uint64_t size;
    uint8_t *ram;          /* non-NULL for RAM/ROM */
    bool readonly;         /* ROM: guest writes are ignored */
    const MemoryOps *ops;  /* MMIO */
    void *opaque;
    const char *name;
    uint8_t *code_pages;   /* RAM: one byte per page of the region, nonzero if it holds TBs */
    /* The layout (as_map, as_unmap): read these only where layout changes are serialised;
     * other threads use the sections of the view. */
    uint64_t base;
    int priority;
    bool mapped;
    bool overlap_ok;       /* mapped with AS_OVERLAP_OK */
    uint64_t map_seq;      /* equal priorities: the higher (mapped later) wins */
    struct MemRegion *retired_next;
} MemRegion;

/* A piece of the flattened view: [start, last] shows mr from offset `offset` on. */
typedef struct MemSection {
    uint64_t start, last;
    uint64_t offset;
    MemRegion *mr;
} MemSection;

static inline uint64_t mem_section_offset(const MemSection *s, uint64_t addr)
{
    return s->offset + (addr - s->start);
}

#define AS_MAX_REGIONS 256
/* Flag for as_map: may overlap regions of the same priority. */
#define AS_OVERLAP_OK 1u

typedef struct AddressSpace {
    MemRegion *regions[AS_MAX_REGIONS]; /* live handles, in creation order */
    int nregions;
    MemRegion *retired;                 /* removed, freed by as_destroy */
    uint64_t last_addr;                 /* the highest address a region may cover */
    uint64_t map_seq;
    /* The view: readers use view[generation & 1]; a change builds the other buffer and
     * then increments generation (release).  Allocated with the first region. */
    uint64_t generation;
    MemSection *view[2];
    uint32_t view_len[2];
    uint32_t view_big[2];               /* its largest section: looked at first */
    MemSection *scratch;                /* the next view, built before publishing */
    uint64_t *points;                   /* region boundaries, for building it */
    /* held around every MMIO access: the machine's device lock when its vCPUs run on
     * several threads (core/vcpu.h), else NULL */
    pthread_mutex_t *mmio_lock;
    /* Called after every layout change that alters the view, by the thread that made it.
     * ram_changed: some RAM/ROM became visible, hidden or moved (translated code and TLB
     * host pointers for it may be stale).  The machine sets this (TLB and TB flushes);
     * NULL for none. */
    void (*layout_changed)(void *opaque, bool ram_changed);
    void *layout_opaque;
} AddressSpace;

void as_init(AddressSpace *as);
/* An x86-style I/O-port space: 64 KiB of ports, accessed with as_io_read/as_io_write. */
void as_init_io(AddressSpace *as);
void as_destroy(AddressSpace *as);

/* New regions, not mapped yet.  NULL if host memory cannot be had (or too many regions). */
MemRegion *as_new_ram(AddressSpace *as, uint64_t size, const char *name);
MemRegion *as_new_rom(AddressSpace *as, uint64_t size, const char *name);
MemRegion *as_new_mmio(AddressSpace *as, uint64_t size, const MemoryOps *ops, void *opaque,
                       const char *name);
/* Map r at base with a priority (higher wins where regions overlap), or move it there if
 * it is mapped already.  flags: AS_OVERLAP_OK.  Refused (false, layout unchanged) if the
 * range leaves the space or overlaps a region of the same priority and neither is
 * AS_OVERLAP_OK. */
bool as_map(AddressSpace *as, MemRegion *r, uint64_t base, int priority, unsigned flags);
/* Hide r (keeps its base and priority); no-op if not mapped. */
void as_unmap(AddressSpace *as, MemRegion *r);
/* Unmap r and invalidate the handle. */
void as_remove(AddressSpace *as, MemRegion *r);

/* New region mapped at base with priority 0 (NULL if refused or out of memory). */
MemRegion *as_add_ram(AddressSpace *as, uint64_t base, uint64_t size, const char *name);
MemRegion *as_add_rom(AddressSpace *as, uint64_t base, uint64_t size, const char *name);
MemRegion *as_add_mmio(AddressSpace *as, uint64_t base, uint64_t size, const MemoryOps *ops,
                       void *opaque, const char *name);

/* The region visible at addr, NULL if nothing is.  as_find_section also gives the visible
 * piece of it around addr (sec may not be NULL). */
MemRegion *as_find(AddressSpace *as, uint64_t addr);
MemRegion *as_find_section(AddressSpace *as, uint64_t addr, MemSection *sec);
/* The first mapped section that ends at or after addr: false if none. */
bool as_next_section(AddressSpace *as, uint64_t addr, MemSection *sec);
/* Incremented by every layout change that altered the view. */
static inline uint64_t as_generation(AddressSpace *as)
{
    return __atomic_load_n(&as->generation, __ATOMIC_ACQUIRE);
}

/* Host pointer for [paddr, paddr+len) if wholly inside one visible RAM/ROM section
 * (not across a hole or into another block), else NULL.  Used by loaders and DMA. */
uint8_t *as_ram_ptr(AddressSpace *as, uint64_t paddr, uint64_t len);
/* The same for memory a device writes (DMA): NULL for ROM too. */
uint8_t *as_ram_ptr_writable(AddressSpace *as, uint64_t paddr, uint64_t len);

/* Physical accesses for the TLB slow path: MMIO dispatch (under as->mmio_lock), RAM,
 * unmapped.  Return false if nothing is mapped at paddr, or the access does not lie in one
 * section (the caller raises an access fault).  Not for device code, which already holds
 * the device lock. */
bool as_read(AddressSpace *as, uint64_t paddr, unsigned size, uint64_t *val);
bool as_write(AddressSpace *as, uint64_t paddr, unsigned size, uint64_t val);

/*
 * Which vCPU makes the device access being dispatched now, for devices with registers
 * banked per CPU (the GIC's CPU interface and its banked distributor registers): the
 * accessing vCPU's CPUState.index, or -1 when the access comes from no vCPU (a loader, a
 * unit test, a device's own DMA).  core/tlb.c's slow path sets it around each MMIO
 * dispatch with mmio_set_accessing_cpu and puts the previous value back afterwards.
 *
 * It is per host thread, and that is exactly per access: a device's read/write runs
 * synchronously on the thread that serves the vCPU's load or store, so with one thread
 * per vCPU each thread names its own vCPU, and with -accel tcg,thread=single (one thread
 * running every vCPU in turn) it is set again by every access, naming whichever vCPU is
 * running.  Two machines in one process do not see each other's value either.
 */
int mmio_accessing_cpu(void);
/* Set it (returns the value it had, for the caller to restore). */
int mmio_set_accessing_cpu(int cpu_index);

/* I/O ports (x86 in/out), size 1, 2 or 4, under as->mmio_lock.  As on a PC, unmapped
 * ports read as all ones and ignore writes; an access not wholly inside one region goes
 * byte by byte. */
uint32_t as_io_read(AddressSpace *io, uint64_t port, unsigned size);
void as_io_write(AddressSpace *io, uint64_t port, uint32_t val, unsigned size);

/*
 * Devices that write guest RAM directly (DMA through as_ram_ptr) must tell the translator:
 * for every page of [paddr, paddr+len) that holds translated code, calls
 * fn(opaque, page address); the caller passes tb_invalidate_phys_page there (see
 * hw/virtio/virtio.c).  Cheap when no page in the range holds code (one byte per page).
 */
void as_for_each_code_page(AddressSpace *as, uint64_t paddr, uint64_t len,
                           void (*fn)(void *opaque, uint64_t page), void *opaque);

/* Bulk copy into guest physical memory (loaders).  false if not all RAM/ROM. */
bool as_write_bulk(AddressSpace *as, uint64_t paddr, const void *src, uint64_t len);

#endif
