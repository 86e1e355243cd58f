/*
 * hw/block/snapshot.c — -drive snapshot=on (and -snapshot): a copy-on-write overlay kept
 * in host memory over a backend opened read-only.  The guest sees its writes; the host
 * file is never written; everything is dropped when the emulator exits.
 *
 * The overlay maps 4 KiB clusters through a two-level table (L1 -> 512-entry L2 -> cluster
 * buffer), so an untouched 100 GiB disk costs 400 KiB of L1 and nothing else.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hw/block/block.h"

#define CLUSTER_BITS 12
#define CLUSTER_SIZE (1u << CLUSTER_BITS)
#define L2_BITS 9
#define L2_ENTRIES (1u << L2_BITS)

typedef struct SnapshotBackend {
    BlockBackend bb;
    BlockBackend *base;
    uint8_t ***l1;       /* l1[i][j]: cluster (i << L2_BITS) + j, or NULL if not written */
    uint64_t l1_entries;
} SnapshotBackend;

/* The overlay's copy of cluster c; with create, made on first use from the base. */
static uint8_t *cluster(SnapshotBackend *s, uint64_t c, bool create, int *err)
{
    uint64_t i = c >> L2_BITS, j = c & (L2_ENTRIES - 1);
    uint8_t **l2 = s->l1[i];
    if (!l2) {
        if (!create) {
            return NULL;
        }
        l2 = s->l1[i] = calloc(L2_ENTRIES, sizeof(*l2));
        if (!l2) {
            *err = -ENOMEM;
            return NULL;
        }
    }
    if (!l2[j] && create) {
        uint8_t *data = malloc(CLUSTER_SIZE);
        if (!data) {
            *err = -ENOMEM;
            return NULL;
        }
        /* The disk's last cluster may be partial: read only what the base has. */
        uint64_t off = c << CLUSTER_BITS;
        size_t n = s->base->length - off < CLUSTER_SIZE ? (size_t)(s->base->length - off)
                                                        : CLUSTER_SIZE;
        memset(data + n, 0, CLUSTER_SIZE - n);
        int r = s->base->ops->read(s->base, off, data, n);
        if (r < 0) {
            free(data);
            *err = r;
            return NULL;
        }
        l2[j] = data;
    }
    return l2[j];
}

static int snap_read(BlockBackend *bb, uint64_t off, void *buf, size_t len)
{
    SnapshotBackend *s = (SnapshotBackend *)bb;
    uint8_t *out = buf;
    while (len > 0) {
        uint64_t c = off >> CLUSTER_BITS;
        size_t in = (size_t)(off & (CLUSTER_SIZE - 1));
        size_t n = CLUSTER_SIZE - in < len ? CLUSTER_SIZE - in : len;
        int err = 0;
        uint8_t *data = cluster(s, c, false, &err);
        if (data) {
            memcpy(out, data + in, n);
        } else {
            int r = s->base->ops->read(s->base, off, out, n);
            if (r < 0) {
                return r;
            }
        }
        out += n;
        off += n;
        len -= n;
    }
    return 0;
}

static int snap_write(BlockBackend *bb, uint64_t off, const void *buf, size_t len)
{
    SnapshotBackend *s = (SnapshotBackend *)bb;
    const uint8_t *in_buf = buf;
    while (len > 0) {
        uint64_t c = off >> CLUSTER_BITS;
        size_t in = (size_t)(off & (CLUSTER_SIZE - 1));
        size_t n = CLUSTER_SIZE - in < len ? CLUSTER_SIZE - in : len;
        int err = 0;
        uint8_t *data = cluster(s, c, true, &err);
        if (!data) {
            return err;
        }
        memcpy(data + in, in_buf, n);
        in_buf += n;
        off += n;
        len -= n;
    }
    return 0;
}

static int snap_flush(BlockBackend *bb)
{
    (void)bb; /* nothing is persistent */
    return 0;
}

static void snap_close(BlockBackend *bb)
{
    SnapshotBackend *s = (SnapshotBackend *)bb;
    for (uint64_t i = 0; i < s->l1_entries; i++) {
        if (s->l1[i]) {
            for (unsigned j = 0; j < L2_ENTRIES; j++) {
                free(s->l1[i][j]);
            }
            free(s->l1[i]);
        }
    }
    free(s->l1);
    blk_close(s->base);
    free(s);
}

static const BlockOps snapshot_ops = {
    .read = snap_read,
    .write = snap_write,
    .flush = snap_flush,
    .close = snap_close,
};

BlockBackend *blk_snapshot_open(BlockBackend *base)
{
    SnapshotBackend *s = calloc(1, sizeof(*s));
    if (!s) {
        return NULL;
    }
    uint64_t clusters = (base->length + CLUSTER_SIZE - 1) >> CLUSTER_BITS;
    s->l1_entries = (clusters + L2_ENTRIES - 1) >> L2_BITS;
    s->l1 = calloc(s->l1_entries ? s->l1_entries : 1, sizeof(*s->l1));
    if (!s->l1) {
        free(s);
        return NULL;
    }
    s->bb.ops = &snapshot_ops;
    s->bb.length = base->length;
    s->base = base;
    return &s->bb;
}
