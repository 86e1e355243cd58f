/*
 * core/memory.h — a machine's guest physical address space: RAM blocks and MMIO regions.
 *
 * Devices register with one call (address, size, ops, opaque).  Guest RAM is one host
 * allocation per block; code-page tracking (which RAM pages hold translated code) lives
 * here because it is a property of physical memory shared by all vCPUs.
 */
#ifndef CORE_MEMORY_H
#define CORE_MEMORY_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct MemoryOps {
    /* size is 1, 2, 4 or 8 bytes; offset is relative to the region's base */
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size);
} MemoryOps;

typedef struct MemRegion {
    uint64_t base, size;
    uint8_t *ram;          /* non-NULL for RAM/ROM */
    bool readonly;         /* ROM: guest writes are ignored */
    const MemoryOps *ops;  /* MMIO */
    void *opaque;
    const char *name;
    uint8_t *code_pages;   /* RAM: one byte per page, nonzero if it holds TBs */
} MemRegion;

#define AS_MAX_REGIONS 64

typedef struct AddressSpace {
    MemRegion regions[AS_MAX_REGIONS];
    int nregions;
    /* held around every MMIO access: the machine's device lock when its vCPUs run on
     * several threads (core/vcpu.h), else NULL */
    pthread_mutex_t *mmio_lock;
} AddressSpace;

void as_init(AddressSpace *as);
void as_destroy(AddressSpace *as);
/* Returns NULL (and sets nothing) if host memory cannot be had. */
MemRegion *as_add_ram(AddressSpace *as, uint64_t base, uint64_t size, const char *name);
MemRegion *as_add_rom(AddressSpace *as, uint64_t base, uint64_t size, const char *name);
MemRegion *as_add_mmio(AddressSpace *as, uint64_t base, uint64_t size, const MemoryOps *ops,
                       void *opaque, const char *name);
MemRegion *as_find(AddressSpace *as, uint64_t paddr);

/* Host pointer for [paddr, paddr+len) if wholly inside one RAM/ROM region, else NULL.
 * Used by loaders and DMA (bounds-checked). */
uint8_t *as_ram_ptr(AddressSpace *as, uint64_t paddr, uint64_t len);
/* The same for memory a device writes (DMA): NULL for ROM too. */
uint8_t *as_ram_ptr_writable(AddressSpace *as, uint64_t paddr, uint64_t len);

/* Physical accesses for the TLB slow path: MMIO dispatch (under as->mmio_lock), RAM,
 * unmapped.  Return false if nothing is mapped at paddr (the caller raises an access
 * fault).  Not for device code, which already holds the device lock. */
bool as_read(AddressSpace *as, uint64_t paddr, unsigned size, uint64_t *val);
bool as_write(AddressSpace *as, uint64_t paddr, unsigned size, uint64_t val);

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
