/*
 * hw/virtio/virtio_rng.c — virtio-rng: every writable buffer the driver queues is filled
 * with random bytes from the host (core/host.h host_random: getrandom(2) natively,
 * Node's crypto.randomFillSync in the Wasm build).
 */
#include "hw/virtio/virtio_rng.h"

#include <stdlib.h>

#include "core/host.h"

#define QUEUE_SIZE 64
#define MAX_PER_REQUEST 65536u /* bytes filled per buffer chain at most */

static void rng_notify(VirtioDevice *vdev, unsigned q)
{
    bool any = false;
    while (virtio_pop(vdev, q)) {
        VirtqElem *e = vdev->elem;
        uint32_t left = e->in_len < MAX_PER_REQUEST ? (uint32_t)e->in_len : MAX_PER_REQUEST;
        uint32_t written = 0;
        for (unsigned i = e->nout; i < e->nout + e->nin && left; i++) {
            uint32_t n = e->seg[i].len < left ? e->seg[i].len : left;
            host_random(e->seg[i].host, n);
            written += n;
            left -= n;
        }
        virtio_push(vdev, q, e, written);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, q);
    }
}

static void rng_destroy(VirtioDevice *vdev)
{
    virtio_device_cleanup(vdev);
    free(vdev);
}

/* No save/load of its own: requests complete within notify, so between two register
 * accesses the device holds nothing but the common state (virtio_device_save, in the
 * transport's record). */
static const VirtioDeviceOps rng_ops = {
    .notify = rng_notify,
    .destroy = rng_destroy,
};

VirtioDevice *virtio_rng_create(Machine *m)
{
    VirtioDevice *v = calloc(1, sizeof(*v));
    if (!v || !virtio_device_init(v, &rng_ops, "virtio-rng", m, VIRTIO_ID_RNG, 0, 1,
                                  QUEUE_SIZE, 0)) {
        if (v) {
            virtio_device_cleanup(v);
        }
        free(v);
        return NULL;
    }
    return v;
}
