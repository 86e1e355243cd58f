/*
 * hw/virtio/virtio.c — the transport-independent part of a virtio device.
 */
#include "hw/virtio/virtio.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tb.h"

static void update_irq(VirtioDevice *vdev)
{
    if (vdev->update_irq) {
        vdev->update_irq(vdev->irq_opaque, vdev->isr != 0);
    }
}

bool virtio_device_init(VirtioDevice *vdev, const VirtioDeviceOps *ops, const char *name,
                        Machine *m, uint32_t device_id, uint64_t device_features,
                        unsigned num_queues, uint16_t queue_max, uint32_t config_len)
{
    if (num_queues > VIRTIO_MAX_QUEUES || config_len > VIRTIO_CONFIG_MAX ||
        queue_max > VIRTQ_MAX_SIZE) {
        return false;
    }
    vdev->ops = ops;
    vdev->name = name;
    vdev->machine = m;
    vdev->device_id = device_id;
    vdev->host_features = device_features | (1ull << VIRTIO_F_VERSION_1) |
                          (1ull << VIRTIO_F_INDIRECT_DESC) | (1ull << VIRTIO_F_EVENT_IDX);
    vdev->num_queues = num_queues;
    vdev->config_len = config_len;
    for (unsigned i = 0; i < num_queues; i++) {
        vdev->vq[i].num_max = queue_max;
    }
    vdev->elem = malloc(sizeof(*vdev->elem));
    if (!vdev->elem) {
        return false;
    }
    virtio_device_reset(vdev);
    return true;
}

void virtio_device_cleanup(VirtioDevice *vdev)
{
    free(vdev->elem);
    vdev->elem = NULL;
}

void virtio_device_destroy(VirtioDevice *vdev)
{
    if (vdev) {
        vdev->ops->destroy(vdev);
    }
}

void virtio_device_reset(VirtioDevice *vdev)
{
    vdev->status = 0;
    vdev->isr = 0;
    vdev->guest_features = 0;
    vdev->broken = false;
    for (unsigned i = 0; i < vdev->num_queues; i++) {
        virtq_reset(&vdev->vq[i]);
    }
    if (vdev->ops && vdev->ops->reset) {
        vdev->ops->reset(vdev);
    }
    update_irq(vdev);
}

void virtio_device_save(VirtioDevice *vdev, StateWriter *w)
{
    sw_u32(w, vdev->device_id);
    sw_u64(w, vdev->host_features);
    sw_u64(w, vdev->guest_features);
    sw_u32(w, vdev->status);
    sw_u32(w, vdev->isr);
    sw_u32(w, vdev->config_generation);
    sw_u32(w, vdev->config_len);
    sw_bytes(w, vdev->config, vdev->config_len);
    sw_bool(w, vdev->broken);
    sw_u32(w, vdev->num_queues);
    for (unsigned i = 0; i < vdev->num_queues; i++) {
        const VirtQueue *vq = &vdev->vq[i];
        sw_u32(w, vq->num);
        sw_u64(w, vq->desc_gpa);
        sw_u64(w, vq->avail_gpa);
        sw_u64(w, vq->used_gpa);
        sw_bool(w, vq->ready);
        sw_bool(w, vq->event_idx);
        sw_bool(w, vq->indirect);
        sw_u16(w, vq->last_avail);
        sw_u16(w, vq->used_idx);
        sw_u16(w, vq->signalled_used);
        sw_bool(w, vq->signalled_valid);
    }
    if (vdev->ops->save) {
        vdev->ops->save(vdev, w);
    }
}

/* The queue registers and indices: nothing is committed to vdev until all are good. */
static bool load_queues(VirtioDevice *vdev, StateReader *r, VirtQueue *vqs)
{
    for (unsigned i = 0; i < vdev->num_queues; i++) {
        VirtQueue *vq = &vqs[i];
        *vq = vdev->vq[i]; /* num_max */
        vq->num = sr_u32(r);
        vq->desc_gpa = sr_u64(r);
        vq->avail_gpa = sr_u64(r);
        vq->used_gpa = sr_u64(r);
        vq->ready = sr_bool(r);
        vq->event_idx = sr_bool(r);
        vq->indirect = sr_bool(r);
        vq->last_avail = sr_u16(r);
        vq->used_idx = sr_u16(r);
        vq->signalled_used = sr_u16(r);
        vq->signalled_valid = sr_bool(r);
        vq->desc = vq->avail = vq->used = NULL;
        if (r->failed) {
            return false;
        }
        if (vq->num > vq->num_max) {
            sr_failf(r, "%s: queue %u has %u entries, this device takes %u at most", vdev->name,
                     i, vq->num, vq->num_max);
            return false;
        }
        /* a ready queue's rings must be in this machine's RAM, as when the driver set
         * QueueReady: virtq_start maps them again (and starts the indices at 0, as for a
         * new queue: the loaded ones are put back) */
        if (vq->ready) {
            VirtQueue loaded = *vq;
            const char *why = virtq_start(vq, &vdev->machine->as);
            if (why) {
                sr_failf(r, "%s: queue %u: %s", vdev->name, i, why);
                return false;
            }
            vq->last_avail = loaded.last_avail;
            vq->used_idx = loaded.used_idx;
            vq->signalled_valid = loaded.signalled_valid;
        }
    }
    return true;
}

bool virtio_device_load(VirtioDevice *vdev, StateReader *r)
{
    uint32_t id = sr_u32(r);
    uint64_t offered = sr_u64(r), features = sr_u64(r);
    uint32_t status = sr_u32(r), isr = sr_u32(r), gen = sr_u32(r), config_len = sr_u32(r);
    if (r->failed) {
        return false;
    }
    /* What the device offers and its config space (a disk's capacity, a share's mount tag)
     * come from the command line: a state of another configuration cannot be loaded. */
    if (id != vdev->device_id || offered != vdev->host_features ||
        config_len != vdev->config_len) {
        sr_failf(r, "%s: the state is of a device with other features or another "
                 "configuration", vdev->name);
        return false;
    }
    if ((features & ~offered) || isr > (VIRTIO_ISR_QUEUE | VIRTIO_ISR_CONFIG) ||
        status > 0xff) {
        sr_fail(r); /* nothing a driver could have set */
        return false;
    }
    uint8_t config[VIRTIO_CONFIG_MAX];
    sr_bytes(r, config, config_len);
    bool broken = sr_bool(r);
    uint32_t nq = sr_u32(r);
    if (r->failed) {
        return false;
    }
    if (memcmp(config, vdev->config, config_len) != 0) {
        sr_failf(r, "%s: the state's config space differs from this device's (another disk "
                 "size, mount tag or setting)", vdev->name);
        return false;
    }
    if (nq != vdev->num_queues) {
        sr_fail(r);
        return false;
    }
    VirtQueue vqs[VIRTIO_MAX_QUEUES];
    if (!load_queues(vdev, r, vqs)) {
        return false;
    }
    vdev->guest_features = features;
    vdev->status = status;
    vdev->isr = isr;
    vdev->config_generation = gen;
    vdev->broken = broken;
    memcpy(vdev->vq, vqs, sizeof(vqs[0]) * vdev->num_queues);
    if (vdev->ops->load && !vdev->ops->load(vdev, r)) {
        return false;
    }
    update_irq(vdev);
    return true;
}

void virtio_set_status(VirtioDevice *vdev, uint32_t status)
{
    if (status == 0) {
        virtio_device_reset(vdev);
        return;
    }
    status &= 0xff;
    if ((status & VIRTIO_STATUS_FEATURES_OK) && !(vdev->status & VIRTIO_STATUS_FEATURES_OK)) {
        /* 3.1.1: the device refuses features it did not offer, and (a modern-only device,
         * 6.1) a driver that does not accept VERSION_1, by leaving FEATURES_OK clear. */
        uint64_t f = vdev->guest_features;
        if ((f & ~vdev->host_features) || !(f & (1ull << VIRTIO_F_VERSION_1))) {
            status &= ~(uint32_t)VIRTIO_STATUS_FEATURES_OK;
        } else {
            bool event_idx = f & (1ull << VIRTIO_F_EVENT_IDX);
            bool indirect = f & (1ull << VIRTIO_F_INDIRECT_DESC);
            for (unsigned i = 0; i < vdev->num_queues; i++) {
                vdev->vq[i].event_idx = event_idx;
                vdev->vq[i].indirect = indirect;
            }
        }
    }
    /* NEEDS_RESET is the device's to set; the driver cannot clear it either. */
    vdev->status = (status & ~(uint32_t)VIRTIO_STATUS_NEEDS_RESET) |
                   (vdev->status & VIRTIO_STATUS_NEEDS_RESET);
    if ((vdev->status & VIRTIO_STATUS_DRIVER_OK) && vdev->broken) {
        vdev->isr |= VIRTIO_ISR_CONFIG;
        update_irq(vdev);
    }
}

void virtio_queue_set_ready(VirtioDevice *vdev, unsigned q, bool ready)
{
    if (q >= vdev->num_queues) {
        return;
    }
    VirtQueue *vq = &vdev->vq[q];
    if (!ready) {
        vq->ready = false;
        return;
    }
    if (vq->ready) {
        return;
    }
    const char *why = virtq_start(vq, &vdev->machine->as);
    if (why) {
        virtio_error(vdev, "queue %u: %s", q, why);
        return;
    }
    vq->ready = true;
}

bool virtio_queue_usable(VirtioDevice *vdev, unsigned q)
{
    return q < vdev->num_queues && vdev->vq[q].ready && !vdev->broken &&
           (vdev->status & VIRTIO_STATUS_DRIVER_OK);
}

bool virtio_pop(VirtioDevice *vdev, unsigned q)
{
    if (!virtio_queue_usable(vdev, q)) {
        return false;
    }
    const char *why = NULL;
    int r = virtq_pop(&vdev->vq[q], &vdev->machine->as, vdev->elem, &why);
    if (r < 0) {
        virtio_error(vdev, "queue %u: %s", q, why);
        return false;
    }
    return r > 0;
}

static void invalidate_page(void *opaque, uint64_t page)
{
    tb_invalidate_phys_page(opaque, page);
}

void virtio_dma_written(VirtioDevice *vdev, uint64_t gpa, uint64_t len)
{
    as_for_each_code_page(&vdev->machine->as, gpa, len, invalidate_page, vdev->machine);
}

void virtio_push(VirtioDevice *vdev, unsigned q, const VirtqElem *elem, uint32_t written)
{
    if (q >= vdev->num_queues) {
        return;
    }
    uint64_t left = written;
    for (unsigned i = elem->nout; i < elem->nout + elem->nin && left; i++) {
        uint64_t n = elem->seg[i].len < left ? elem->seg[i].len : left;
        virtio_dma_written(vdev, elem->seg[i].gpa, n);
        left -= n;
    }
    virtq_push(&vdev->vq[q], elem, written);
}

void virtio_notify(VirtioDevice *vdev, unsigned q)
{
    if (q < vdev->num_queues && virtq_should_notify(&vdev->vq[q])) {
        vdev->isr |= VIRTIO_ISR_QUEUE;
        update_irq(vdev);
    }
}

void virtio_error(VirtioDevice *vdev, const char *fmt, ...)
{
    Log *log = &vdev->machine->log;
    if (log_enabled(log, LOG_GUEST_ERROR)) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        log_printf(log, "%s: %s: device needs reset\n", vdev->name, msg);
    }
    vdev->broken = true;
    vdev->status |= VIRTIO_STATUS_NEEDS_RESET;
    /* 2.1.2: if DRIVER_OK is set, the device sends a configuration change notification. */
    if (vdev->status & VIRTIO_STATUS_DRIVER_OK) {
        vdev->isr |= VIRTIO_ISR_CONFIG;
        update_irq(vdev);
    }
}

void virtio_config_put16(VirtioDevice *vdev, uint32_t off, uint16_t v)
{
    memcpy(vdev->config + off, &v, 2);
}

void virtio_config_put32(VirtioDevice *vdev, uint32_t off, uint32_t v)
{
    memcpy(vdev->config + off, &v, 4);
}

void virtio_config_put64(VirtioDevice *vdev, uint32_t off, uint64_t v)
{
    memcpy(vdev->config + off, &v, 8);
}
