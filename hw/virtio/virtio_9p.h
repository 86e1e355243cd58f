/*
 * hw/virtio/virtio_9p.h — the virtio 9P device (device id 9, VIRTIO_9P_MOUNT_TAG) in front
 * of a 9P2000.L server (hw/fs/p9.h).
 */
#ifndef HW_VIRTIO_VIRTIO_9P_H
#define HW_VIRTIO_VIRTIO_9P_H

#include "hw/fs/p9.h"
#include "hw/virtio/virtio.h"

/* Starts the server for cfg.  On error returns NULL with the server's message in err. */
VirtioDevice *virtio_9p_create(Machine *m, const P9Config *cfg, char *err, size_t errlen);

#endif
