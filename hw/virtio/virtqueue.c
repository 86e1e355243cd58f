/*
 * hw/virtio/virtqueue.c — split virtqueues, device side (virtio 1.2, section 2.7).
 *
 * Ring layout (little-endian):
 *   descriptor table  num x { u64 addr; u32 len; u16 flags; u16 next }   16-byte aligned
 *   available ring    u16 flags; u16 idx; u16 ring[num]; u16 used_event   2-byte aligned
 *   used ring         u16 flags; u16 idx; {u32 id; u32 len} ring[num]; u16 avail_event
 *                                                                          4-byte aligned
 * The indices the driver and device publish (avail->idx, used->idx, used_event,
 * avail_event) are read and written with atomics: the driver runs on other vCPUs.
 */
#include "hw/virtio/virtqueue.h"

#include <string.h>

#include "core/relaxed.h"

static uint16_t load16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

/* Aligned 16-bit index words shared with the driver. */
static uint16_t load_idx(const uint8_t *p)
{
    return __atomic_load_n((const uint16_t *)(const void *)p, __ATOMIC_ACQUIRE);
}

static void store_idx(uint8_t *p, uint16_t v)
{
    __atomic_store_n((uint16_t *)(void *)p, v, __ATOMIC_RELEASE);
}

void virtq_reset(VirtQueue *vq)
{
    uint16_t num_max = vq->num_max;
    memset(vq, 0, sizeof(*vq));
    vq->num_max = num_max;
    vq->num = num_max;
}

const char *virtq_start(VirtQueue *vq, AddressSpace *as)
{
    uint32_t num = vq->num;
    if (num == 0 || num > vq->num_max || (num & (num - 1)) != 0) {
        return "queue size is not a power of 2 up to QueueNumMax";
    }
    if ((vq->desc_gpa & 15) || (vq->avail_gpa & 1) || (vq->used_gpa & 3)) {
        return "misaligned ring";
    }
    vq->desc = as_ram_ptr(as, vq->desc_gpa, 16ull * num);
    vq->avail = as_ram_ptr(as, vq->avail_gpa, 6ull + 2ull * num);
    vq->used = as_ram_ptr_writable(as, vq->used_gpa, 6ull + 8ull * num);
    if (!vq->desc || !vq->avail || !vq->used) {
        vq->desc = vq->avail = vq->used = NULL;
        return "ring outside guest RAM (or the used ring in ROM)";
    }
    vq->last_avail = 0;
    vq->used_idx = 0;
    vq->signalled_valid = false;
    return NULL;
}

typedef struct Desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
} Desc;

static void read_desc(const uint8_t *table, uint32_t i, Desc *d)
{
    const uint8_t *p = table + 16u * i;
    memcpy(&d->addr, p, 8);
    memcpy(&d->len, p + 8, 4);
    memcpy(&d->flags, p + 12, 2);
    memcpy(&d->next, p + 14, 2);
}

/* Walk the chain at `head`.  Returns NULL, or what is wrong with it. */
static const char *walk_chain(VirtQueue *vq, AddressSpace *as, uint16_t head, VirtqElem *elem)
{
    const uint8_t *table = vq->desc;
    uint32_t table_size = vq->num, i = head, count = 0;
    bool in_indirect = false;
    elem->head = head;
    elem->nout = elem->nin = 0;
    elem->out_len = elem->in_len = 0;
    for (;;) {
        if (i >= table_size) {
            return "descriptor index out of range";
        }
        /* Each table may be walked at most once end to end: more means a loop. */
        if (++count > table_size) {
            return "descriptor chain loops or is longer than its table";
        }
        Desc d;
        read_desc(table, i, &d);
        if (d.flags & VIRTQ_DESC_F_INDIRECT) {
            if (!vq->indirect) {
                return "indirect descriptor without VIRTIO_F_INDIRECT_DESC";
            }
            if (in_indirect) {
                return "indirect descriptor inside an indirect table";
            }
            if (d.flags & VIRTQ_DESC_F_NEXT) {
                return "indirect descriptor with NEXT set";
            }
            if (d.len == 0 || d.len % 16 != 0 || d.len / 16 > VIRTQ_MAX_SEGS) {
                return "bad indirect table length";
            }
            if (d.addr & 15) {
                return "misaligned indirect table";
            }
            const uint8_t *t = as_ram_ptr(as, d.addr, d.len);
            if (!t) {
                return "indirect table outside guest RAM";
            }
            table = t;
            table_size = d.len / 16;
            i = 0;
            count = 0;
            in_indirect = true;
            continue;
        }
        bool writable = d.flags & VIRTQ_DESC_F_WRITE;
        if (!writable && elem->nin) {
            return "device-readable buffer after a device-writable one";
        }
        if (d.len) {
            uint8_t *host = writable ? as_ram_ptr_writable(as, d.addr, d.len)
                                     : as_ram_ptr(as, d.addr, d.len);
            if (!host) {
                return writable ? "device-writable buffer outside guest RAM (or in ROM)"
                                : "buffer outside guest RAM";
            }
            unsigned n = elem->nout + elem->nin;
            if (n >= VIRTQ_MAX_SEGS) {
                return "too many buffers in one chain";
            }
            elem->seg[n] = (VirtqSeg){host, d.addr, d.len};
            if (writable) {
                elem->nin++;
                elem->in_len += d.len;
            } else {
                elem->nout++;
                elem->out_len += d.len;
            }
        }
        if (!(d.flags & VIRTQ_DESC_F_NEXT)) {
            return NULL;
        }
        i = d.next;
    }
}

int virtq_pop(VirtQueue *vq, AddressSpace *as, VirtqElem *elem, const char **why)
{
    if (!vq->ready || !vq->avail) {
        return 0;
    }
    uint32_t num = vq->num;
    uint16_t avail_idx = load_idx(vq->avail + 2);
    if (avail_idx == vq->last_avail) {
        if (!vq->event_idx) {
            return 0;
        }
        /* Ask to be notified at the next entry, then look again: the driver may have
         * added one before it could see our avail_event. */
        store_idx(vq->used + 4 + 8 * num, vq->last_avail);
        full_fence();
        avail_idx = load_idx(vq->avail + 2);
        if (avail_idx == vq->last_avail) {
            return 0;
        }
    }
    if ((uint16_t)(avail_idx - vq->last_avail) > num) {
        *why = "available index moved by more than the queue size";
        return -1;
    }
    uint16_t head = load16(vq->avail + 4 + 2 * (vq->last_avail % num));
    const char *err = walk_chain(vq, as, head, elem);
    if (err) {
        *why = err;
        return -1;
    }
    vq->last_avail++;
    if (vq->event_idx) {
        store_idx(vq->used + 4 + 8 * num, vq->last_avail);
    }
    return 1;
}

void virtq_push(VirtQueue *vq, const VirtqElem *elem, uint32_t written)
{
    if (!vq->used) {
        return;
    }
    uint8_t *e = vq->used + 4 + 8 * (vq->used_idx % vq->num);
    uint32_t id = elem->head;
    memcpy(e, &id, 4);
    memcpy(e + 4, &written, 4);
    vq->used_idx++;
    store_idx(vq->used + 2, vq->used_idx); /* release: the entry is visible first */
}

/* virtio 1.2, 2.7.10: interrupt if used_event lies in (old, new]. */
static bool need_event(uint16_t event, uint16_t new_idx, uint16_t old_idx)
{
    return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old_idx);
}

bool virtq_should_notify(VirtQueue *vq)
{
    if (!vq->avail) {
        return false;
    }
    full_fence(); /* our used->idx before their flags/event */
    uint16_t old = vq->signalled_used, now = vq->used_idx;
    bool valid = vq->signalled_valid;
    vq->signalled_used = now;
    vq->signalled_valid = true;
    if (!vq->event_idx) {
        return !(load_idx(vq->avail) & VIRTQ_AVAIL_F_NO_INTERRUPT);
    }
    uint16_t used_event = load_idx(vq->avail + 4 + 2 * vq->num);
    return !valid || need_event(used_event, now, old);
}

size_t virtq_elem_to_buf(const VirtqElem *elem, size_t offset, void *buf, size_t len)
{
    uint8_t *out = buf;
    size_t done = 0;
    for (unsigned i = 0; i < elem->nout && done < len; i++) {
        const VirtqSeg *s = &elem->seg[i];
        if (offset >= s->len) {
            offset -= s->len;
            continue;
        }
        size_t n = s->len - offset;
        if (n > len - done) {
            n = len - done;
        }
        memcpy(out + done, s->host + offset, n);
        done += n;
        offset = 0;
    }
    return done;
}

size_t virtq_elem_from_buf(const VirtqElem *elem, size_t offset, const void *buf, size_t len)
{
    const uint8_t *in = buf;
    size_t done = 0;
    for (unsigned i = elem->nout; i < elem->nout + elem->nin && done < len; i++) {
        const VirtqSeg *s = &elem->seg[i];
        if (offset >= s->len) {
            offset -= s->len;
            continue;
        }
        size_t n = s->len - offset;
        if (n > len - done) {
            n = len - done;
        }
        memcpy(s->host + offset, in + done, n);
        done += n;
        offset = 0;
    }
    return done;
}

void virtq_elem_save(const VirtqElem *elem, StateWriter *w)
{
    sw_u16(w, elem->head);
    sw_u32(w, elem->nout);
    sw_u32(w, elem->nin);
    for (unsigned i = 0; i < elem->nout + elem->nin; i++) {
        sw_u64(w, elem->seg[i].gpa);
        sw_u32(w, elem->seg[i].len);
    }
}

bool virtq_elem_load(const VirtQueue *vq, AddressSpace *as, VirtqElem *elem, StateReader *r)
{
    uint16_t head = sr_u16(r);
    uint32_t nout = sr_u32(r), nin = sr_u32(r);
    if (r->failed || head >= vq->num || nout > VIRTQ_MAX_SEGS || nin > VIRTQ_MAX_SEGS - nout) {
        sr_fail(r);
        return false;
    }
    elem->head = head;
    elem->nout = nout;
    elem->nin = nin;
    elem->out_len = elem->in_len = 0;
    for (unsigned i = 0; i < nout + nin; i++) {
        uint64_t gpa = sr_u64(r);
        uint32_t len = sr_u32(r);
        bool writable = i >= nout;
        if (r->failed || len == 0) {
            sr_fail(r); /* virtq_pop keeps no empty buffer */
            return false;
        }
        uint8_t *host = writable ? as_ram_ptr_writable(as, gpa, len) : as_ram_ptr(as, gpa, len);
        if (!host) {
            sr_failf(r, "a held %s buffer at 0x%llx (%u bytes) is not in guest RAM",
                     writable ? "device-writable" : "device-readable", (unsigned long long)gpa,
                     len);
            return false;
        }
        elem->seg[i] = (VirtqSeg){host, gpa, len};
        if (writable) {
            elem->in_len += len;
        } else {
            elem->out_len += len;
        }
    }
    return true;
}
