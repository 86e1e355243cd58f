/*
 * hw/virtio/virtio_mmio.c — virtio-mmio transport.  Until device backends exist, every
 * slot is empty: identification registers answer, everything else reads 0 and ignores
 * writes (a driver stops probing at DeviceID 0).
 */
#include "hw/virtio/virtio_mmio.h"

enum {
    REG_MAGIC = 0x000,
    REG_VERSION = 0x004,
    REG_DEVICE_ID = 0x008,
    REG_VENDOR_ID = 0x00c,
};

static uint64_t virtio_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    VirtioMmio *v = opaque;
    if (size != 4) {
        return 0;
    }
    switch (offset) {
    case REG_MAGIC:
        return VIRTIO_MMIO_MAGIC;
    case REG_VERSION:
        return 2;
    case REG_DEVICE_ID:
        return v->device_id;
    case REG_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR;
    default:
        return 0;
    }
}

static void virtio_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)opaque, (void)offset, (void)value, (void)size;
}

const MemoryOps virtio_mmio_ops = {virtio_mmio_read, virtio_mmio_write};
