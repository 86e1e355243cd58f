/*
 * hw/virtio/virtio_blk.c — virtio-blk, one request queue.  Requests are served
 * synchronously when the driver notifies: reads go from the backend straight into the
 * guest's buffers and writes straight from them (no bounce buffer).  FLUSH is the
 * backend's flush (fdatasync of the host file, per the drive's cache= mode).
 *
 * A request: device-readable header { u32 type; u32 reserved; u64 sector }, data, then
 * one device-writable status byte at the very end of the chain (5.2.6).
 */
#include "hw/virtio/virtio_blk.h"

#include <stdlib.h>
#include <string.h>

#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9
#define VIRTIO_BLK_F_WRITE_ZEROES 14

#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_WRITE_ZEROES 13

#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

/* config space offsets (5.2.4) */
#define CFG_CAPACITY 0
#define CFG_SEG_MAX 12
#define CFG_BLK_SIZE 20
#define CFG_MAX_WRITE_ZEROES_SECTORS 48
#define CFG_MAX_WRITE_ZEROES_SEG 52
#define CFG_WRITE_ZEROES_MAY_UNMAP 56
#define CFG_LEN 60

#define SECTOR 512u
#define QUEUE_SIZE 256
#define MAX_WRITE_ZEROES_SECTORS (1u << 22) /* 2 GiB per request */

typedef struct VirtioBlk {
    VirtioDevice vdev;
    BlockBackend *bb;
} VirtioBlk;

/* Read (to_guest) or write len bytes at disk offset off, between the disk and the
 * element's buffers starting `skip` bytes into its readable/writable part. */
static int blk_transfer(VirtioBlk *b, const VirtqElem *e, bool to_guest, uint64_t skip,
                        uint64_t off, uint64_t len)
{
    unsigned first = to_guest ? e->nout : 0;
    unsigned end = to_guest ? e->nout + e->nin : e->nout;
    for (unsigned i = first; i < end && len > 0; i++) {
        const VirtqSeg *s = &e->seg[i];
        if (skip >= s->len) {
            skip -= s->len;
            continue;
        }
        uint64_t n = s->len - skip < len ? s->len - skip : len;
        int r = to_guest ? blk_read(b->bb, off, s->host + skip, (size_t)n)
                         : blk_write(b->bb, off, s->host + skip, (size_t)n);
        if (r < 0) {
            return r;
        }
        skip = 0;
        off += n;
        len -= n;
    }
    return 0;
}

/* Handle one request; returns its status, *written = bytes written to the guest. */
static uint8_t blk_request(VirtioBlk *b, const VirtqElem *e, uint32_t *written)
{
    uint8_t hdr[16];
    virtq_elem_to_buf(e, 0, hdr, sizeof(hdr));
    uint32_t type;
    uint64_t sector;
    memcpy(&type, hdr, 4);
    memcpy(&sector, hdr + 8, 8);
    uint64_t data_in = e->in_len - 1;   /* writable bytes before the status byte */
    uint64_t data_out = e->out_len - 16; /* readable bytes after the header */
    *written = 0;
    if (sector > UINT64_MAX / SECTOR) {
        return VIRTIO_BLK_S_IOERR;
    }
    uint64_t off = sector * SECTOR;
    switch (type) {
    case VIRTIO_BLK_T_IN:
        if (data_in % SECTOR || data_in >= UINT32_MAX) {
            return VIRTIO_BLK_S_IOERR;
        }
        *written = (uint32_t)data_in;
        return blk_transfer(b, e, true, 0, off, data_in) < 0 ? VIRTIO_BLK_S_IOERR
                                                              : VIRTIO_BLK_S_OK;
    case VIRTIO_BLK_T_OUT:
        if (b->bb->readonly) {
            return VIRTIO_BLK_S_IOERR;
        }
        if (data_out % SECTOR) {
            return VIRTIO_BLK_S_IOERR;
        }
        return blk_transfer(b, e, false, 16, off, data_out) < 0 ? VIRTIO_BLK_S_IOERR
                                                                 : VIRTIO_BLK_S_OK;
    case VIRTIO_BLK_T_FLUSH:
        return blk_flush(b->bb) < 0 ? VIRTIO_BLK_S_IOERR : VIRTIO_BLK_S_OK;
    case VIRTIO_BLK_T_WRITE_ZEROES: {
        if (b->bb->readonly) {
            return VIRTIO_BLK_S_IOERR;
        }
        /* segments of { u64 sector; u32 num_sectors; u32 flags } */
        for (uint64_t pos = 16; pos + 16 <= e->out_len; pos += 16) {
            uint8_t seg[16];
            uint64_t s;
            uint32_t n, flags;
            virtq_elem_to_buf(e, pos, seg, sizeof(seg));
            memcpy(&s, seg, 8);
            memcpy(&n, seg + 8, 4);
            memcpy(&flags, seg + 12, 4);
            if (flags & ~1u || n > MAX_WRITE_ZEROES_SECTORS || s > UINT64_MAX / SECTOR) {
                return VIRTIO_BLK_S_UNSUPP;
            }
            if (blk_write_zeroes(b->bb, s * SECTOR, (uint64_t)n * SECTOR) < 0) {
                return VIRTIO_BLK_S_IOERR;
            }
        }
        return VIRTIO_BLK_S_OK;
    }
    default:
        return VIRTIO_BLK_S_UNSUPP;
    }
}

static void blk_notify(VirtioDevice *vdev, unsigned q)
{
    VirtioBlk *b = (VirtioBlk *)vdev;
    bool any = false;
    while (virtio_pop(vdev, q)) {
        VirtqElem *e = vdev->elem;
        if (e->out_len < 16 || e->in_len < 1) {
            virtio_error(vdev, "request without a header or a status byte");
            return;
        }
        uint32_t written;
        uint8_t status = blk_request(b, e, &written);
        if (status != VIRTIO_BLK_S_OK) {
            written = 0;
        }
        virtq_elem_from_buf(e, e->in_len - 1, &status, 1);
        virtio_push(vdev, q, e, written + 1); /* data read, then the status byte */
        any = true;
    }
    if (any) {
        virtio_notify(vdev, q);
    }
}

static void blk_destroy(VirtioDevice *vdev)
{
    VirtioBlk *b = (VirtioBlk *)vdev;
    blk_close(b->bb);
    virtio_device_cleanup(vdev);
    free(b);
}

/* No save/load of its own: requests complete within notify, so between two register
 * accesses the device holds nothing but the common state (virtio_device_save, in the
 * transport's record) and the disk, which is the image file's (not device state). */
static const VirtioDeviceOps blk_ops = {
    .notify = blk_notify,
    .destroy = blk_destroy,
};

VirtioDevice *virtio_blk_create(Machine *m, BlockBackend *bb)
{
    VirtioBlk *b = calloc(1, sizeof(*b));
    uint64_t features = (1ull << VIRTIO_BLK_F_SEG_MAX) | (1ull << VIRTIO_BLK_F_BLK_SIZE) |
                        (1ull << VIRTIO_BLK_F_FLUSH) | (1ull << VIRTIO_BLK_F_WRITE_ZEROES);
    if (bb->readonly) {
        features |= 1ull << VIRTIO_BLK_F_RO;
    }
    if (!b || !virtio_device_init(&b->vdev, &blk_ops, "virtio-blk", m, VIRTIO_ID_BLOCK,
                                  features, 1, QUEUE_SIZE, CFG_LEN)) {
        if (b) {
            virtio_device_cleanup(&b->vdev);
        }
        free(b);
        blk_close(bb);
        return NULL;
    }
    b->bb = bb;
    VirtioDevice *v = &b->vdev;
    virtio_config_put64(v, CFG_CAPACITY, bb->length / SECTOR);
    virtio_config_put32(v, CFG_SEG_MAX, VIRTQ_MAX_SEGS - 2); /* minus header and status */
    virtio_config_put32(v, CFG_BLK_SIZE, SECTOR);
    virtio_config_put32(v, CFG_MAX_WRITE_ZEROES_SECTORS, MAX_WRITE_ZEROES_SECTORS);
    virtio_config_put32(v, CFG_MAX_WRITE_ZEROES_SEG, 1);
    v->config[CFG_WRITE_ZEROES_MAY_UNMAP] = 0;
    return v;
}
