/*
 * hw/virtio/virtqueue.h — split virtqueues (virtio 1.2, section 2.7), the device side.
 *
 * Transport-independent: the rings live in guest RAM, which is reached only through
 * as_ram_ptr(), so every address the driver gives us is checked against guest RAM before
 * it is touched.  A malformed chain (a loop, a chain longer than the queue, an address
 * outside RAM, an indirect table inside an indirect table, a zero-length or misaligned
 * indirect table, a device-readable buffer after a device-writable one) makes
 * virtq_pop() fail with a reason; the device then enters DEVICE_NEEDS_RESET
 * (hw/virtio/virtio.c).  Nothing a driver writes can make us read or write host memory
 * outside the guest.
 */
#ifndef HW_VIRTIO_VIRTQUEUE_H
#define HW_VIRTIO_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/memory.h"
#include "core/state.h"

#define VIRTQ_MAX_SIZE 1024      /* the largest QueueNumMax a device may offer */
#define VIRTQ_MAX_SEGS 1024      /* buffers (non-empty descriptors) in one element */

/* Descriptor flags */
#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2
#define VIRTQ_DESC_F_INDIRECT 4
/* avail->flags */
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1

/* One guest buffer, already checked: host points at len bytes of guest RAM at gpa. */
typedef struct VirtqSeg {
    uint8_t *host;
    uint64_t gpa;
    uint32_t len;
} VirtqSeg;

/* One descriptor chain: seg[0, nout) are device-readable (the request), seg[nout, nout +
 * nin) are device-writable (the response). */
typedef struct VirtqElem {
    uint16_t head;
    unsigned nout, nin;
    uint64_t out_len, in_len;
    VirtqSeg seg[VIRTQ_MAX_SEGS];
} VirtqElem;

typedef struct VirtQueue {
    /* programmed by the driver through the transport */
    uint32_t num;                /* queue size (a power of 2 up to num_max) */
    uint64_t desc_gpa, avail_gpa, used_gpa;
    bool ready;
    /* device state */
    uint16_t num_max;
    bool event_idx;              /* VIRTIO_F_EVENT_IDX negotiated */
    bool indirect;               /* VIRTIO_F_INDIRECT_DESC negotiated */
    uint8_t *desc, *avail, *used;/* host pointers to the rings, set by virtq_start */
    uint16_t last_avail;         /* next avail ring entry to take */
    uint16_t used_idx;           /* our copy of used->idx */
    uint16_t signalled_used;     /* used_idx when we last decided about an interrupt */
    bool signalled_valid;
} VirtQueue;

/* Forget everything the driver programmed (device reset). */
void virtq_reset(VirtQueue *vq);

/* The driver set QueueReady: check the rings (size, alignment, wholly in guest RAM) and
 * map them.  Returns NULL on success, else why not. */
const char *virtq_start(VirtQueue *vq, AddressSpace *as);

/*
 * Take the next available chain.  Returns 1 with *elem filled, 0 if the ring is empty,
 * -1 if the driver's data is malformed (*why says how; the queue must not be used again
 * until reset).
 */
int virtq_pop(VirtQueue *vq, AddressSpace *as, VirtqElem *elem, const char **why);

/* Return a chain to the driver, `written` bytes having been written to its writable part. */
void virtq_push(VirtQueue *vq, const VirtqElem *elem, uint32_t written);

/* After one or more pushes: should the driver be interrupted?  (Honours
 * VIRTQ_AVAIL_F_NO_INTERRUPT, or used_event with VIRTIO_F_EVENT_IDX.) */
bool virtq_should_notify(VirtQueue *vq);

/* A chain a device took from queue vq and still holds (a receive buffer waiting for
 * input): its head and buffers by guest address.  Load maps the buffers again, with the
 * checks virtq_pop made (in guest RAM, device-writable ones not in ROM, readable ones
 * first, at most VIRTQ_MAX_SEGS), so it does not depend on the order RAM is restored in;
 * false (the stream failed) if one does not hold. */
void virtq_elem_save(const VirtqElem *elem, StateWriter *w);
bool virtq_elem_load(const VirtQueue *vq, AddressSpace *as, VirtqElem *elem, StateReader *r);

/* Copy between an element's buffers and a flat buffer, starting `offset` bytes into the
 * readable (to_buf) or writable (from_buf) part.  Return the bytes copied. */
size_t virtq_elem_to_buf(const VirtqElem *elem, size_t offset, void *buf, size_t len);
size_t virtq_elem_from_buf(const VirtqElem *elem, size_t offset, const void *buf, size_t len);

#endif
