/*
 * hw/virtio/virtio.h — what every virtio device shares, whatever its transport: status and
 * feature negotiation state, the interrupt status, the config space, the virtqueues, and
 * DEVICE_NEEDS_RESET on driver errors (virtio 1.2, sections 2.1-2.7).
 *
 * A device (virtio_blk.c, virtio_rng.c, ...) embeds a VirtioDevice as its first member,
 * fills in its id, features, config bytes and queue count with virtio_device_init(), and
 * supplies VirtioDeviceOps.  A transport (virtio_mmio.c) maps the registers onto it.
 *
 * Entry points (the transport's register accesses, ops->notify) are called
 * with the device's state owned by the caller: today everything runs on the vCPU thread;
 * with threaded vCPUs they go behind one lock per device.  No globals.
 */
#ifndef HW_VIRTIO_VIRTIO_H
#define HW_VIRTIO_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>

#include "core/machine.h"
#include "core/state.h"
#include "hw/virtio/virtqueue.h"

/* Feature bits independent of the device type */
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32

/* Device status bits */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED 128

/* Interrupt status bits */
#define VIRTIO_ISR_QUEUE 1
#define VIRTIO_ISR_CONFIG 2

/* Device ids (virtio 1.2, section 5) */
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG 4
#define VIRTIO_ID_9P 9

#define VIRTIO_MAX_QUEUES 4
#define VIRTIO_CONFIG_MAX 256

typedef struct VirtioDevice VirtioDevice;

typedef struct VirtioDeviceOps {
    /* The driver notified queue q (its buffers are ready to take). */
    void (*notify)(VirtioDevice *vdev, unsigned q);
    /* Optional: device-specific reset (the common state is reset already). */
    void (*reset)(VirtioDevice *vdev);
    /* Optional: the driver wrote the config space (the bytes are in vdev->config). */
    void (*config_written)(VirtioDevice *vdev, uint32_t offset, unsigned size);
    /* Free the device (the whole struct that embeds the VirtioDevice). */
    void (*destroy)(VirtioDevice *vdev);
    /* Device-specific saved state beyond the common part (virtio_device_save); a device
     * with such state must have both.  load runs after the common part is loaded. */
    void (*save)(VirtioDevice *vdev, StateWriter *w);
    bool (*load)(VirtioDevice *vdev, StateReader *r);
} VirtioDeviceOps;

struct VirtioDevice {
    const VirtioDeviceOps *ops;
    const char *name;            /* "virtio-blk", ... (for the log) */
    Machine *machine;            /* guest RAM, the log, translated-code invalidation */
    uint32_t device_id;
    uint64_t host_features;      /* offered (VERSION_1 and the ring features included) */
    uint64_t guest_features;     /* accepted by the driver */
    uint32_t status;
    uint32_t isr;                /* interrupt status: VIRTIO_ISR_* */
    uint32_t config_generation;
    uint32_t config_len;
    uint8_t config[VIRTIO_CONFIG_MAX];
    unsigned num_queues;
    VirtQueue vq[VIRTIO_MAX_QUEUES];
    bool broken;                 /* DEVICE_NEEDS_RESET: no queue work until reset */
    VirtqElem *elem;             /* scratch element for the device's handlers */
    /* set by the transport: the interrupt line follows (isr != 0) */
    void (*update_irq)(void *opaque, bool level);
    void *irq_opaque;
};

/* Set up the common part; queue_max is each queue's QueueNumMax.  false if out of memory. */
bool virtio_device_init(VirtioDevice *vdev, const VirtioDeviceOps *ops, const char *name,
                        Machine *m, uint32_t device_id, uint64_t device_features,
                        unsigned num_queues, uint16_t queue_max, uint32_t config_len);
/* Free the common part (the device's destroy calls it). */
void virtio_device_cleanup(VirtioDevice *vdev);
void virtio_device_destroy(VirtioDevice *vdev);

/* Reset (status 0 written, or machine reset). */
void virtio_device_reset(VirtioDevice *vdev);

/* Saved state: the common part (status, features, interrupt status, config space, every
 * queue's registers and indices) then the device's own (ops->save).  Load re-maps the
 * rings of ready queues and fails (false) on anything a driver could not have set. */
void virtio_device_save(VirtioDevice *vdev, StateWriter *w);
bool virtio_device_load(VirtioDevice *vdev, StateReader *r);

/* The driver writes the status register: handles FEATURES_OK (refused unless the accepted
 * features are a subset of the offered ones and include VERSION_1) and reset (0). */
void virtio_set_status(VirtioDevice *vdev, uint32_t status);

/* QueueReady written. */
void virtio_queue_set_ready(VirtioDevice *vdev, unsigned q, bool ready);

/* Is queue q usable (driver OK, queue ready, device not broken)? */
bool virtio_queue_usable(VirtioDevice *vdev, unsigned q);

/* Take the next chain of queue q into vdev->elem.  Returns true if there is one; on a
 * malformed chain the device enters NEEDS_RESET and this returns false. */
bool virtio_pop(VirtioDevice *vdev, unsigned q);
/* Complete vdev->elem (or another element of queue q), `written` bytes written to it:
 * translated code on those pages is invalidated, the used ring updated. */
void virtio_push(VirtioDevice *vdev, unsigned q, const VirtqElem *elem, uint32_t written);
/* After pushes: interrupt the driver if it wants one. */
void virtio_notify(VirtioDevice *vdev, unsigned q);

/* The driver broke the rules: DEVICE_NEEDS_RESET plus a config-change interrupt. */
void virtio_error(VirtioDevice *vdev, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Bulk DMA of the device into guest RAM outside virtio_push: drop stale translated code. */
void virtio_dma_written(VirtioDevice *vdev, uint64_t gpa, uint64_t len);

/* Little-endian stores into the config space. */
void virtio_config_put16(VirtioDevice *vdev, uint32_t off, uint16_t v);
void virtio_config_put32(VirtioDevice *vdev, uint32_t off, uint32_t v);
void virtio_config_put64(VirtioDevice *vdev, uint32_t off, uint64_t v);

#endif
