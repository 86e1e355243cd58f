/*
 * hw/virtio/virtio_mmio.h — virtio-mmio transport (virtio 1.2, section 4.2; MMIO
 * version 2, the modern interface only).  A slot without a device answers "no device"
 * (DeviceID 0), which is how QEMU's virt boards present their empty slots and how Linux
 * expects to find them.  Shared by every machine with virtio-mmio slots.
 */
#ifndef HW_VIRTIO_VIRTIO_MMIO_H
#define HW_VIRTIO_VIRTIO_MMIO_H

#include <stdint.h>

#include "core/device.h"
#include "core/irq.h"
#include "core/memory.h"
#include "hw/virtio/virtio.h"

#define VIRTIO_MMIO_SIZE 0x1000
#define VIRTIO_MMIO_MAGIC 0x74726976u  /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x7177736du /* "mswq": qemu-wasm's vendor id */

typedef struct VirtioMmio {
    Device dev_;                 /* the slot, in the machine's device list */
    VirtioDevice *dev;           /* NULL: empty slot */
    IrqLine irq;                 /* the slot's interrupt line (set by the board) */
    uint32_t device_features_sel, driver_features_sel, queue_sel;
} VirtioMmio;

/* Set up an empty slot at guest address `base` (for its name) and add it to the machine;
 * it resets, saves and destroys the device put into it. */
void virtio_mmio_init(VirtioMmio *t, struct Machine *m, uint64_t base);
/* Put dev (or NULL) into the slot; the slot then drives the device's interrupt line. */
void virtio_mmio_attach(VirtioMmio *t, VirtioDevice *dev);

extern const MemoryOps virtio_mmio_ops;

#endif
