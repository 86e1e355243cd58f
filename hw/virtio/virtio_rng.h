/*
 * hw/virtio/virtio_rng.h — virtio-rng / entropy device (virtio 1.2, section 5.4): the
 * guest's /dev/hwrng, filled from the host's CSPRNG.
 */
#ifndef HW_VIRTIO_VIRTIO_RNG_H
#define HW_VIRTIO_VIRTIO_RNG_H

#include "hw/virtio/virtio.h"

VirtioDevice *virtio_rng_create(Machine *m);

#endif
