/*
 * hw/virtio/virtio_blk.h — virtio-blk (virtio 1.2, section 5.2) on a block backend.
 */
#ifndef HW_VIRTIO_VIRTIO_BLK_H
#define HW_VIRTIO_VIRTIO_BLK_H

#include "hw/block/block.h"
#include "hw/virtio/virtio.h"

/* The device takes ownership of bb (closed when the device is destroyed). */
VirtioDevice *virtio_blk_create(Machine *m, BlockBackend *bb);

#endif
