/*
 * core/memory.c — guest physical address space.
 */
#include "core/memory.h"

#include <stdlib.h>
#include <string.h>

#include "core/host.h"

void as_init(AddressSpace *as)
{
    memset(as, 0, sizeof(*as));
}

void as_destroy(AddressSpace *as)
{
    for (int i = 0; i < as->nregions; i++) {
        MemRegion *r = &as->regions[i];
        if (r->ram) {
            host_free_ram(r->ram, r->size);
        }
        free(r->code_pages);
    }
    as->nregions = 0;
}

static MemRegion *as_add(AddressSpace *as, uint64_t base, uint64_t size, const char *name)
{
    if (as->nregions >= AS_MAX_REGIONS || size == 0) {
        return NULL;
    }
    MemRegion *r = &as->regions[as->nregions];
    memset(r, 0, sizeof(*r));
    r->base = base;
    r->size = size;
    r->name = name;
    return r;
}

static MemRegion *as_add_memory(AddressSpace *as, uint64_t base, uint64_t size,
                                const char *name, bool readonly)
{
    MemRegion *r = as_add(as, base, size, name);
    if (!r) {
        return NULL;
    }
    r->ram = host_alloc_ram(size);
    if (!r->ram) {
        return NULL;
    }
    r->code_pages = calloc((size + 4095) >> 12, 1);
    if (!r->code_pages) {
        host_free_ram(r->ram, size);
        r->ram = NULL;
        return NULL;
    }
    r->readonly = readonly;
    as->nregions++;
    return r;
}

MemRegion *as_add_ram(AddressSpace *as, uint64_t base, uint64_t size, const char *name)
{
    return as_add_memory(as, base, size, name, false);
}

MemRegion *as_add_rom(AddressSpace *as, uint64_t base, uint64_t size, const char *name)
{
    return as_add_memory(as, base, size, name, true);
}

MemRegion *as_add_mmio(AddressSpace *as, uint64_t base, uint64_t size, const MemoryOps *ops,
                       void *opaque, const char *name)
{
    MemRegion *r = as_add(as, base, size, name);
    if (!r) {
        return NULL;
    }
    r->ops = ops;
    r->opaque = opaque;
    as->nregions++;
    return r;
}

MemRegion *as_find(AddressSpace *as, uint64_t paddr)
{
    for (int i = 0; i < as->nregions; i++) {
        MemRegion *r = &as->regions[i];
        if (paddr - r->base < r->size) {
            return r;
        }
    }
    return NULL;
}

uint8_t *as_ram_ptr(AddressSpace *as, uint64_t paddr, uint64_t len)
{
    MemRegion *r = as_find(as, paddr);
    if (!r || !r->ram) {
        return NULL;
    }
    uint64_t off = paddr - r->base;
    if (len > r->size - off) {
        return NULL;
    }
    return r->ram + off;
}

uint8_t *as_ram_ptr_writable(AddressSpace *as, uint64_t paddr, uint64_t len)
{
    MemRegion *r = as_find(as, paddr);
    if (!r || !r->ram || r->readonly) {
        return NULL;
    }
    return as_ram_ptr(as, paddr, len);
}

static uint64_t load_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    memcpy(&v, p, size); /* little-endian host */
    return v;
}

bool as_read(AddressSpace *as, uint64_t paddr, unsigned size, uint64_t *val)
{
    MemRegion *r = as_find(as, paddr);
    if (!r || paddr - r->base > r->size - size) {
        *val = 0;
        return false;
    }
    uint64_t off = paddr - r->base;
    if (r->ram) {
        *val = load_le(r->ram + off, size);
    } else {
        if (as->mmio_lock) {
            pthread_mutex_lock(as->mmio_lock);
        }
        *val = r->ops->read(r->opaque, off, size);
        if (as->mmio_lock) {
            pthread_mutex_unlock(as->mmio_lock);
        }
    }
    return true;
}

bool as_write(AddressSpace *as, uint64_t paddr, unsigned size, uint64_t val)
{
    MemRegion *r = as_find(as, paddr);
    if (!r || paddr - r->base > r->size - size) {
        return false;
    }
    uint64_t off = paddr - r->base;
    if (r->ram) {
        if (!r->readonly) {
            memcpy(r->ram + off, &val, size);
        }
    } else {
        if (as->mmio_lock) {
            pthread_mutex_lock(as->mmio_lock);
        }
        r->ops->write(r->opaque, off, val, size);
        if (as->mmio_lock) {
            pthread_mutex_unlock(as->mmio_lock);
        }
    }
    return true;
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
        MemRegion *r = as_find(as, paddr);
        if (!r || !r->ram) {
            return;
        }
        uint64_t off = paddr - r->base;
        uint64_t n = r->size - off < len ? r->size - off : len;
        uint64_t first = off >> 12, last = (off + n - 1) >> 12;
        for (uint64_t i = first; i <= last; i++) {
            if (r->code_pages[i]) {
                fn(opaque, r->base + (i << 12));
            }
        }
        paddr += n;
        len -= n;
    }
}
