/*
 * hw/virtio/virtio_mmio.h — virtio-mmio transport (virtio 1.2, section 4.2; MMIO
 * version 2).  A slot without a backend answers "no device" (DeviceID 0), which is how
 * QEMU's virt board presents its empty slots and how Linux expects to find them.
 */
#ifndef HW_VIRTIO_VIRTIO_MMIO_H
#define HW_VIRTIO_VIRTIO_MMIO_H

#include <stdint.h>

#include "core/memory.h"

#define VIRTIO_MMIO_SIZE 0x1000
#define VIRTIO_MMIO_MAGIC 0x74726976u  /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x7177736du /* "mswq": qemu-wasm's vendor id */

typedef struct VirtioMmio {
    uint32_t device_id; /* 0 = no device in this slot */
    int irq;
} VirtioMmio;

extern const MemoryOps virtio_mmio_ops;

#endif
