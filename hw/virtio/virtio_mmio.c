/*
 * hw/virtio/virtio_mmio.c — virtio-mmio transport, version 2 (virtio 1.2, section 4.2.2).
 *
 * Registers are 32-bit; the device-specific config space at 0x100 takes 8-, 16- and 32-bit
 * accesses (64-bit ones too, as two halves would give the same bytes).  Accesses of the
 * wrong size, to unknown registers or to write-only registers read 0 / are ignored (logged
 * with -d guest_errors).
 */
#include "hw/virtio/virtio_mmio.h"

#include <stdio.h>
#include <string.h>

enum {
    REG_MAGIC = 0x000,
    REG_VERSION = 0x004,
    REG_DEVICE_ID = 0x008,
    REG_VENDOR_ID = 0x00c,
    REG_DEVICE_FEATURES = 0x010,
    REG_DEVICE_FEATURES_SEL = 0x014,
    REG_DRIVER_FEATURES = 0x020,
    REG_DRIVER_FEATURES_SEL = 0x024,
    REG_QUEUE_SEL = 0x030,
    REG_QUEUE_NUM_MAX = 0x034,
    REG_QUEUE_NUM = 0x038,
    REG_QUEUE_READY = 0x044,
    REG_QUEUE_NOTIFY = 0x050,
    REG_INTERRUPT_STATUS = 0x060,
    REG_INTERRUPT_ACK = 0x064,
    REG_STATUS = 0x070,
    REG_QUEUE_DESC_LOW = 0x080,
    REG_QUEUE_DESC_HIGH = 0x084,
    REG_QUEUE_DRIVER_LOW = 0x090,
    REG_QUEUE_DRIVER_HIGH = 0x094,
    REG_QUEUE_DEVICE_LOW = 0x0a0,
    REG_QUEUE_DEVICE_HIGH = 0x0a4,
    REG_SHM_SEL = 0x0ac,
    REG_SHM_LEN_LOW = 0x0b0,
    REG_SHM_LEN_HIGH = 0x0b4,
    REG_SHM_BASE_LOW = 0x0b8,
    REG_SHM_BASE_HIGH = 0x0bc,
    REG_CONFIG_GENERATION = 0x0fc,
    REG_CONFIG = 0x100,
};

static void slot_irq(void *opaque, bool level)
{
    VirtioMmio *t = opaque;
    irq_set(&t->irq, level);
}

void virtio_mmio_attach(VirtioMmio *t, VirtioDevice *dev)
{
    t->dev = dev;
    if (dev) {
        dev->update_irq = slot_irq;
        dev->irq_opaque = t;
    }
}

static void slot_reset(Device *d)
{
    VirtioMmio *t = (VirtioMmio *)d;
    t->device_features_sel = t->driver_features_sel = t->queue_sel = 0;
    if (t->dev) {
        virtio_device_reset(t->dev);
    }
}

static void slot_save(Device *d, StateWriter *w)
{
    VirtioMmio *t = (VirtioMmio *)d;
    sw_u32(w, t->device_features_sel);
    sw_u32(w, t->driver_features_sel);
    sw_u32(w, t->queue_sel);
    sw_u32(w, t->dev ? t->dev->device_id : 0);
    if (t->dev) {
        virtio_device_save(t->dev, w);
    }
}

static bool slot_load(Device *d, StateReader *r, uint32_t version)
{
    (void)version;
    VirtioMmio *t = (VirtioMmio *)d;
    uint32_t dsel = sr_u32(r), drsel = sr_u32(r), qsel = sr_u32(r);
    uint32_t id = sr_u32(r);
    if (r->failed) {
        return false;
    }
    if (id != (t->dev ? t->dev->device_id : 0)) {
        sr_failf(r, "the state has virtio device id %u in this slot, this machine %s %u", id,
                 t->dev ? "device id" : "no device, id", t->dev ? t->dev->device_id : 0);
        return false;
    }
    t->device_features_sel = dsel;
    t->driver_features_sel = drsel;
    t->queue_sel = qsel;
    return !t->dev || virtio_device_load(t->dev, r);
}

static void slot_destroy(Device *d)
{
    VirtioMmio *t = (VirtioMmio *)d;
    virtio_device_destroy(t->dev);
    t->dev = NULL;
}

static const DeviceOps slot_device_ops = {
    .type = "virtio-mmio",
    .version = 1,
    .reset = slot_reset,
    .save = slot_save,
    .load = slot_load,
    .destroy = slot_destroy,
};

void virtio_mmio_init(VirtioMmio *t, Machine *m, uint64_t base)
{
    char name[DEVICE_NAME_MAX];
    memset(t, 0, sizeof(*t));
    snprintf(name, sizeof(name), "virtio-mmio@%llx", (unsigned long long)base);
    device_add(m, &t->dev_, &slot_device_ops, name);
}

static void guest_error(VirtioMmio *t, const char *what, uint64_t offset, unsigned size)
{
    Log *log = &t->dev->machine->log;
    if (log_enabled(log, LOG_GUEST_ERROR)) {
        log_printf(log, "virtio-mmio (%s): %s at offset 0x%llx, size %u\n", t->dev->name, what,
                   (unsigned long long)offset, size);
    }
}

static VirtQueue *selected_queue(VirtioMmio *t)
{
    return t->queue_sel < t->dev->num_queues ? &t->dev->vq[t->queue_sel] : NULL;
}

static uint64_t config_read(VirtioDevice *d, uint64_t off, unsigned size)
{
    uint64_t v = 0;
    if (off < d->config_len && size <= d->config_len - off) {
        memcpy(&v, d->config + off, size);
    }
    return v;
}

static uint64_t virtio_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    VirtioMmio *t = opaque;
    VirtioDevice *d = t->dev;
    if (d && offset >= REG_CONFIG) {
        return config_read(d, offset - REG_CONFIG, size);
    }
    if (size != 4) {
        if (d) {
            guest_error(t, "read of the wrong size", offset, size);
        }
        return 0;
    }
    switch (offset) {
    case REG_MAGIC:
        return VIRTIO_MMIO_MAGIC;
    case REG_VERSION:
        return 2;
    case REG_DEVICE_ID:
        return d ? d->device_id : 0;
    case REG_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR;
    }
    if (!d) {
        return 0;
    }
    VirtQueue *vq = selected_queue(t);
    switch (offset) {
    case REG_DEVICE_FEATURES:
        return t->device_features_sel < 2
                   ? (uint32_t)(d->host_features >> (32 * t->device_features_sel)) : 0;
    case REG_QUEUE_NUM_MAX:
        return vq ? vq->num_max : 0; /* 0: no such queue */
    case REG_QUEUE_READY:
        return vq ? vq->ready : 0;
    case REG_INTERRUPT_STATUS:
        return d->isr;
    case REG_STATUS:
        return d->status;
    case REG_QUEUE_DESC_LOW:
        return vq ? (uint32_t)vq->desc_gpa : 0;
    case REG_QUEUE_DESC_HIGH:
        return vq ? (uint32_t)(vq->desc_gpa >> 32) : 0;
    case REG_QUEUE_DRIVER_LOW:
        return vq ? (uint32_t)vq->avail_gpa : 0;
    case REG_QUEUE_DRIVER_HIGH:
        return vq ? (uint32_t)(vq->avail_gpa >> 32) : 0;
    case REG_QUEUE_DEVICE_LOW:
        return vq ? (uint32_t)vq->used_gpa : 0;
    case REG_QUEUE_DEVICE_HIGH:
        return vq ? (uint32_t)(vq->used_gpa >> 32) : 0;
    case REG_SHM_LEN_LOW:
    case REG_SHM_LEN_HIGH:
        return 0xffffffffu; /* no shared memory regions: length -1 */
    case REG_SHM_BASE_LOW:
    case REG_SHM_BASE_HIGH:
        return 0xffffffffu;
    case REG_CONFIG_GENERATION:
        return d->config_generation;
    default:
        guest_error(t, "read of a write-only or unknown register", offset, size);
        return 0;
    }
}

/* Queue address registers may only change while the queue is not ready (4.2.3.2). */
static void set_half(VirtioMmio *t, VirtQueue *vq, uint64_t *field, bool high, uint32_t v)
{
    if (!vq || vq->ready) {
        guest_error(t, "queue register write to a missing or ready queue", 0, 4);
        return;
    }
    *field = high ? (*field & 0xffffffffull) | ((uint64_t)v << 32)
                  : (*field & ~0xffffffffull) | v;
}

static void virtio_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    VirtioMmio *t = opaque;
    VirtioDevice *d = t->dev;
    if (!d) {
        return;
    }
    if (offset >= REG_CONFIG) {
        uint64_t off = offset - REG_CONFIG;
        if (off < d->config_len && size <= d->config_len - off && d->ops->config_written) {
            memcpy(d->config + off, &value, size);
            d->ops->config_written(d, (uint32_t)off, size);
        } else {
            guest_error(t, "config space write ignored", offset, size);
        }
        return;
    }
    if (size != 4) {
        guest_error(t, "write of the wrong size", offset, size);
        return;
    }
    uint32_t v = (uint32_t)value;
    VirtQueue *vq = selected_queue(t);
    switch (offset) {
    case REG_DEVICE_FEATURES_SEL:
        t->device_features_sel = v;
        break;
    case REG_DRIVER_FEATURES:
        if (d->status & VIRTIO_STATUS_FEATURES_OK) {
            guest_error(t, "features written after FEATURES_OK", offset, size);
        } else if (t->driver_features_sel < 2) {
            unsigned shift = 32 * t->driver_features_sel;
            d->guest_features = (d->guest_features & ~(0xffffffffull << shift)) |
                                ((uint64_t)v << shift);
        }
        break;
    case REG_DRIVER_FEATURES_SEL:
        t->driver_features_sel = v;
        break;
    case REG_QUEUE_SEL:
        t->queue_sel = v;
        break;
    case REG_QUEUE_NUM:
        if (vq && !vq->ready) {
            vq->num = v;
        }
        break;
    case REG_QUEUE_READY:
        virtio_queue_set_ready(d, t->queue_sel, v & 1);
        break;
    case REG_QUEUE_NOTIFY:
        if (virtio_queue_usable(d, v)) {
            d->ops->notify(d, v);
        }
        break;
    case REG_INTERRUPT_ACK:
        d->isr &= ~v;
        if (d->update_irq) {
            d->update_irq(d->irq_opaque, d->isr != 0);
        }
        break;
    case REG_STATUS:
        virtio_set_status(d, v);
        if (v == 0) {
            t->device_features_sel = t->driver_features_sel = t->queue_sel = 0;
        }
        break;
    case REG_QUEUE_DESC_LOW:
    case REG_QUEUE_DESC_HIGH:
        set_half(t, vq, vq ? &vq->desc_gpa : NULL, offset == REG_QUEUE_DESC_HIGH, v);
        break;
    case REG_QUEUE_DRIVER_LOW:
    case REG_QUEUE_DRIVER_HIGH:
        set_half(t, vq, vq ? &vq->avail_gpa : NULL, offset == REG_QUEUE_DRIVER_HIGH, v);
        break;
    case REG_QUEUE_DEVICE_LOW:
    case REG_QUEUE_DEVICE_HIGH:
        set_half(t, vq, vq ? &vq->used_gpa : NULL, offset == REG_QUEUE_DEVICE_HIGH, v);
        break;
    case REG_SHM_SEL:
        break;
    default:
        guest_error(t, "write to a read-only or unknown register", offset, size);
        break;
    }
}

const MemoryOps virtio_mmio_ops = {virtio_mmio_read, virtio_mmio_write};
