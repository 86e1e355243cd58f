/*
 * hw/block/qcow2.c — format=qcow2 (QEMU's image format, versions 2 and 3), read and write,
 * with a backing file (raw or qcow2, opened read-only).  All numbers on disk are big-endian.
 *
 *   virtual offset -> L1 entry (one per L2 table) -> L2 entry (one per cluster) -> host
 *   offset in the image file.  Clusters that no L2 entry maps read from the backing file
 *   (or as zeroes); the v3 "zero" flag reads as zeroes.
 *
 * Writing allocates clusters at the end of the file and keeps the refcounts right (16-bit
 * refcounts, the default), so qemu-img check finds the image clean.  A cluster is written
 * before the L2 entry that points to it, and the L2 table before the L1 entry: a crash
 * leaks clusters at worst.  What we cannot do, we refuse at open time with a message:
 * encryption, compressed clusters (read: I/O error), internal snapshots when writable,
 * refcount widths other than 16 bits when writable, images marked dirty or corrupt,
 * unknown incompatible features; growing the refcount table (needed only past terabytes)
 * fails the write with ENOSPC.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/host.h"
#include "hw/block/block.h"

#define QCOW2_MAGIC 0x514649fbu
#define OFFSET_MASK 0x00fffffffffffe00ull
#define ENTRY_COPIED (1ull << 63)
#define ENTRY_COMPRESSED (1ull << 62)
#define ENTRY_ZERO 1ull
#define MAX_BACKING_DEPTH 16
#define EXT_BACKING_FORMAT 0xe2792acau

typedef struct Qcow2 {
    BlockBackend bb;
    int fd;
    BlockBackend *backing;
    unsigned cluster_bits, l2_bits;
    uint64_t cluster_size;
    uint32_t version;
    uint64_t *l1;                /* host byte order */
    uint32_t l1_size;
    uint64_t l1_offset;
    uint64_t *reftable;          /* host byte order */
    uint64_t reftable_entries, reftable_offset;
    uint64_t file_end;           /* where the next cluster is allocated */
    uint8_t *l2;                 /* one cached L2 table */
    uint64_t l2_offset;          /* its offset, 0 = none */
    uint8_t *cluster;            /* scratch: one cluster */
} Qcow2;

static uint64_t be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v = (v << 8) | p[i];
    }
    return v;
}

static uint32_t be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

static int write_be64(Qcow2 *q, uint64_t off, uint64_t v)
{
    uint8_t b[8];
    put_be64(b, v);
    return host_file_pwrite(q->fd, b, 8, off);
}

/* The cached L2 table at off (read from the file on a miss). */
static int load_l2(Qcow2 *q, uint64_t off)
{
    if (q->l2_offset == off) {
        return 0;
    }
    q->l2_offset = 0;
    int r = host_file_pread(q->fd, q->l2, q->cluster_size, off);
    if (r == 0) {
        q->l2_offset = off;
    }
    return r;
}

/* Set the 16-bit refcount of the cluster at host offset off. */
static int set_refcount(Qcow2 *q, uint64_t off, uint16_t count, int depth);

static int alloc_cluster(Qcow2 *q, uint64_t *off, int depth)
{
    *off = q->file_end;
    q->file_end += q->cluster_size;
    return set_refcount(q, *off, 1, depth);
}

static int set_refcount(Qcow2 *q, uint64_t off, uint16_t count, int depth)
{
    if (depth > 4) {
        return -EIO;
    }
    uint64_t cluster = off >> q->cluster_bits;
    unsigned block_bits = q->cluster_bits - 1; /* 16-bit entries per refcount block */
    uint64_t idx = cluster >> block_bits;
    if (idx >= q->reftable_entries) {
        return -ENOSPC; /* the refcount table would have to grow */
    }
    int r;
    if (!q->reftable[idx]) {
        /* a new refcount block: zeroed, in the table, then counted itself */
        uint64_t block = q->file_end;
        q->file_end += q->cluster_size;
        memset(q->cluster, 0, q->cluster_size);
        if ((r = host_file_pwrite(q->fd, q->cluster, q->cluster_size, block)) < 0 ||
            (r = write_be64(q, q->reftable_offset + 8 * idx, block)) < 0) {
            return r;
        }
        q->reftable[idx] = block;
        if ((r = set_refcount(q, block, 1, depth + 1)) < 0) {
            return r;
        }
    }
    uint8_t b[2] = {(uint8_t)(count >> 8), (uint8_t)count};
    uint64_t entry = cluster & ((1ull << block_bits) - 1);
    return host_file_pwrite(q->fd, b, 2, q->reftable[idx] + 2 * entry);
}

/* What a cluster-internal range reads as when no cluster is allocated there. */
static int read_unallocated(Qcow2 *q, uint64_t off, uint8_t *buf, size_t len)
{
    size_t n = 0;
    if (q->backing && off < q->backing->length) {
        n = q->backing->length - off < len ? (size_t)(q->backing->length - off) : len;
        int r = q->backing->ops->read(q->backing, off, buf, n);
        if (r < 0) {
            return r;
        }
    }
    memset(buf + n, 0, len - n);
    return 0;
}

/* The L2 entry for virtual offset off (0 if none); *l2_off = its table (0 if none). */
static int lookup(Qcow2 *q, uint64_t off, uint64_t *entry, uint64_t *l2_off)
{
    uint64_t l1_idx = off >> (q->cluster_bits + q->l2_bits);
    *entry = 0;
    *l2_off = l1_idx < q->l1_size ? q->l1[l1_idx] & OFFSET_MASK : 0;
    if (!*l2_off) {
        return 0;
    }
    int r = load_l2(q, *l2_off);
    if (r < 0) {
        return r;
    }
    uint64_t l2_idx = (off >> q->cluster_bits) & ((1ull << q->l2_bits) - 1);
    *entry = be64(q->l2 + 8 * l2_idx);
    return 0;
}

/* Read within one cluster. */
static int read_in_cluster(Qcow2 *q, uint64_t off, uint8_t *buf, size_t len)
{
    uint64_t entry, l2_off;
    int r = lookup(q, off, &entry, &l2_off);
    if (r < 0) {
        return r;
    }
    if (entry & ENTRY_COMPRESSED) {
        return -ENOTSUP;
    }
    if (q->version >= 3 && (entry & ENTRY_ZERO)) {
        memset(buf, 0, len);
        return 0;
    }
    uint64_t host = entry & OFFSET_MASK;
    if (!host) {
        return read_unallocated(q, off, buf, len);
    }
    return host_file_pread(q->fd, buf, len, host + (off & (q->cluster_size - 1)));
}

static int qcow2_read(BlockBackend *bb, uint64_t off, void *buf, size_t len)
{
    Qcow2 *q = (Qcow2 *)bb;
    uint8_t *out = buf;
    while (len > 0) {
        size_t in = (size_t)(off & (q->cluster_size - 1));
        size_t n = q->cluster_size - in < len ? (size_t)(q->cluster_size - in) : len;
        int r = read_in_cluster(q, off, out, n);
        if (r < 0) {
            return r;
        }
        out += n;
        off += n;
        len -= n;
    }
    return 0;
}

/* The L2 table for virtual offset off, allocated if needed. */
static int ensure_l2(Qcow2 *q, uint64_t off, uint64_t *l2_off)
{
    uint64_t l1_idx = off >> (q->cluster_bits + q->l2_bits);
    if (l1_idx >= q->l1_size) {
        return -EIO; /* the header's L1 covers the virtual size: a corrupt image */
    }
    *l2_off = q->l1[l1_idx] & OFFSET_MASK;
    if (*l2_off) {
        return load_l2(q, *l2_off);
    }
    uint64_t table;
    int r = alloc_cluster(q, &table, 0);
    if (r < 0) {
        return r;
    }
    memset(q->l2, 0, q->cluster_size);
    q->l2_offset = 0;
    if ((r = host_file_pwrite(q->fd, q->l2, q->cluster_size, table)) < 0 ||
        (r = write_be64(q, q->l1_offset + 8 * l1_idx, table | ENTRY_COPIED)) < 0) {
        return r;
    }
    q->l1[l1_idx] = table | ENTRY_COPIED;
    q->l2_offset = table;
    *l2_off = table;
    return 0;
}

/* Write within one cluster. */
static int write_in_cluster(Qcow2 *q, uint64_t off, const uint8_t *buf, size_t len)
{
    uint64_t l2_off;
    int r = ensure_l2(q, off, &l2_off);
    if (r < 0) {
        return r;
    }
    uint64_t l2_idx = (off >> q->cluster_bits) & ((1ull << q->l2_bits) - 1);
    uint64_t entry = be64(q->l2 + 8 * l2_idx);
    uint64_t host = entry & OFFSET_MASK;
    size_t in = (size_t)(off & (q->cluster_size - 1));
    if (entry & ENTRY_COMPRESSED) {
        return -ENOTSUP;
    }
    bool zero = q->version >= 3 && (entry & ENTRY_ZERO);
    if (host && !zero) {
        if (!(entry & ENTRY_COPIED)) {
            return -ENOTSUP; /* shared with a snapshot: would need copy-on-write */
        }
        return host_file_pwrite(q->fd, buf, len, host + in);
    }
    /* A new cluster (allocated first: a new refcount block uses the scratch buffer), filled
     * with what it held before (backing data or zeroes), then the new bytes. */
    uint64_t data, cluster_start = off - in;
    if ((r = alloc_cluster(q, &data, 0)) < 0) {
        return r;
    }
    if (len < q->cluster_size) {
        if (zero) {
            memset(q->cluster, 0, q->cluster_size);
        } else if ((r = read_unallocated(q, cluster_start, q->cluster, q->cluster_size)) < 0) {
            return r;
        }
    }
    memcpy(q->cluster + in, buf, len);
    if ((r = host_file_pwrite(q->fd, q->cluster, q->cluster_size, data)) < 0 ||
        (r = load_l2(q, l2_off)) < 0) {
        return r;
    }
    put_be64(q->l2 + 8 * l2_idx, data | ENTRY_COPIED);
    return host_file_pwrite(q->fd, q->l2 + 8 * l2_idx, 8, l2_off + 8 * l2_idx);
}

static int qcow2_write(BlockBackend *bb, uint64_t off, const void *buf, size_t len)
{
    Qcow2 *q = (Qcow2 *)bb;
    const uint8_t *in_buf = buf;
    while (len > 0) {
        size_t in = (size_t)(off & (q->cluster_size - 1));
        size_t n = q->cluster_size - in < len ? (size_t)(q->cluster_size - in) : len;
        int r = write_in_cluster(q, off, in_buf, n);
        if (r < 0) {
            return r;
        }
        in_buf += n;
        off += n;
        len -= n;
    }
    return 0;
}

static int qcow2_flush(BlockBackend *bb)
{
    return host_file_sync(((Qcow2 *)bb)->fd);
}

static void qcow2_close(BlockBackend *bb)
{
    Qcow2 *q = (Qcow2 *)bb;
    host_file_close(q->fd);
    blk_close(q->backing);
    free(q->l1);
    free(q->reftable);
    free(q->l2);
    free(q->cluster);
    free(q);
}

static const BlockOps qcow2_ops = {
    .read = qcow2_read,
    .write = qcow2_write,
    .flush = qcow2_flush,
    .close = qcow2_close,
};

bool blk_is_qcow2(const uint8_t *head, size_t len)
{
    return len >= 4 && be32(head) == QCOW2_MAGIC;
}

/* Read a table of n big-endian u64 at off into a host-order array. */
static uint64_t *read_table(int fd, uint64_t off, uint64_t n)
{
    if (n > (1ull << 28)) {
        return NULL;
    }
    uint64_t *t = calloc(n ? n : 1, 8);
    if (!t || (n && host_file_pread(fd, t, n * 8, off) < 0)) {
        free(t);
        return NULL;
    }
    for (uint64_t i = 0; i < n; i++) {
        t[i] = be64((const uint8_t *)&t[i]);
    }
    return t;
}

static BlockBackend *fail_open(Qcow2 *q, char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "%s", msg);
    qcow2_close(&q->bb);
    return NULL;
}

/* The backing file: its name (relative to the image's directory) and format. */
static BlockBackend *open_backing(const char *image, const uint8_t *hdr, int fd,
                                  const char *fmt, int depth, char *err, size_t errlen)
{
    uint64_t off = be64(hdr + 8);
    uint32_t size = be32(hdr + 16);
    if (size == 0 || size > 1023) {
        snprintf(err, errlen, "bad backing file name length %u", size);
        return NULL;
    }
    char name[1024], path[4096];
    if (host_file_pread(fd, name, size, off) < 0) {
        snprintf(err, errlen, "cannot read the backing file name");
        return NULL;
    }
    name[size] = '\0';
    const char *slash = strrchr(image, '/');
    if (name[0] != '/' && slash) {
        snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - image), image, name);
    } else {
        snprintf(path, sizeof(path), "%s", name);
    }
    char why[512];
    BlockBackend *b = NULL;
    bool qcow2 = fmt ? strcmp(fmt, "qcow2") == 0 : false;
    if (!fmt) {
        int bfd = host_file_open(path, false, why, sizeof(why));
        uint8_t magic[4] = {0};
        if (bfd >= 0) {
            qcow2 = host_file_pread(bfd, magic, 4, 0) == 0 && blk_is_qcow2(magic, 4);
            host_file_close(bfd);
        }
    } else if (strcmp(fmt, "raw") != 0 && !qcow2) {
        snprintf(err, errlen, "backing file '%.256s' has the unsupported format '%.32s'", name, fmt);
        return NULL;
    }
    b = qcow2 ? blk_qcow2_open(path, false, depth + 1, why, sizeof(why))
              : blk_raw_open(path, false, why, sizeof(why));
    if (!b) {
        snprintf(err, errlen, "Could not open backing file '%.256s': %.200s", path, why);
    }
    return b;
}

BlockBackend *blk_qcow2_open(const char *path, bool writable, int depth, char *err,
                             size_t errlen)
{
    if (depth > MAX_BACKING_DEPTH) {
        snprintf(err, errlen, "backing file chain too long");
        return NULL;
    }
    int fd = host_file_open(path, writable, err, errlen);
    if (fd < 0) {
        return NULL;
    }
    Qcow2 *q = calloc(1, sizeof(*q));
    if (!q) {
        host_file_close(fd);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    q->fd = fd;
    q->bb.ops = &qcow2_ops;
    q->bb.readonly = !writable;
    uint8_t hdr[104] = {0};
    int64_t file_len = host_file_length(fd);
    if (file_len < 72 || host_file_pread(fd, hdr, sizeof(hdr), 0) < 0 ||
        be32(hdr) != QCOW2_MAGIC) {
        return fail_open(q, err, errlen, "not a qcow2 image");
    }
    q->version = be32(hdr + 4);
    if (q->version != 2 && q->version != 3) {
        char m[64];
        snprintf(m, sizeof(m), "Unsupported qcow2 version %u", q->version);
        return fail_open(q, err, errlen, m);
    }
    q->cluster_bits = be32(hdr + 20);
    if (q->cluster_bits < 9 || q->cluster_bits > 21) {
        return fail_open(q, err, errlen, "bad qcow2 cluster size");
    }
    q->cluster_size = 1ull << q->cluster_bits;
    q->l2_bits = q->cluster_bits - 3;
    q->bb.length = be64(hdr + 24);
    if (be32(hdr + 32) != 0) {
        return fail_open(q, err, errlen, "encrypted qcow2 images are not supported");
    }
    q->l1_size = be32(hdr + 36);
    q->l1_offset = be64(hdr + 40);
    q->reftable_offset = be64(hdr + 48);
    q->reftable_entries = (uint64_t)be32(hdr + 56) << (q->cluster_bits - 3);
    uint32_t nb_snapshots = be32(hdr + 60);
    uint32_t refcount_order = 4, header_len = 72;
    if (q->version >= 3) {
        uint64_t incompatible = be64(hdr + 72);
        refcount_order = be32(hdr + 96);
        header_len = be32(hdr + 100);
        if (incompatible & 2) {
            return fail_open(q, err, errlen, "qcow2 image is marked corrupt (qemu-img check -r all)");
        }
        if (incompatible & 1) {
            return fail_open(q, err, errlen, "qcow2 image is dirty: its refcounts need a "
                             "repair (qemu-img check -r all)");
        }
        if (incompatible & ~3ull) {
            return fail_open(q, err, errlen, "qcow2 image uses features qemu-wasm does not "
                             "support (external data file, compression type or extended L2)");
        }
    }
    uint64_t l2_span = 1ull << (q->cluster_bits + q->l2_bits);
    if ((uint64_t)q->l1_size < (q->bb.length + l2_span - 1) / l2_span) {
        return fail_open(q, err, errlen, "qcow2 L1 table too small for the image size");
    }
    if (writable && nb_snapshots) {
        return fail_open(q, err, errlen, "qcow2 images with internal snapshots can only be "
                         "opened readonly=on or snapshot=on");
    }
    if (writable && refcount_order != 4) {
        return fail_open(q, err, errlen, "qcow2 images with refcount widths other than 16 "
                         "bits can only be opened readonly=on or snapshot=on");
    }
    q->l1 = read_table(fd, q->l1_offset, q->l1_size);
    q->reftable = read_table(fd, q->reftable_offset, q->reftable_entries);
    q->l2 = malloc(q->cluster_size);
    q->cluster = malloc(q->cluster_size);
    if (!q->l1 || !q->reftable || !q->l2 || !q->cluster) {
        return fail_open(q, err, errlen, "cannot read the qcow2 tables");
    }
    q->file_end = ((uint64_t)file_len + q->cluster_size - 1) & ~(q->cluster_size - 1);

    /* header extensions: the backing file's format */
    char fmt[32] = "";
    uint64_t ext = header_len;
    for (int i = 0; i < 64 && ext + 8 <= q->cluster_size; i++) {
        uint8_t e[8];
        if (host_file_pread(fd, e, 8, ext) < 0 || be32(e) == 0) {
            break;
        }
        uint32_t len = be32(e + 4);
        if (be32(e) == EXT_BACKING_FORMAT && len < sizeof(fmt)) {
            host_file_pread(fd, fmt, len, ext + 8);
            fmt[len] = '\0';
        }
        ext += 8 + ((len + 7ull) & ~7ull);
    }
    if (be64(hdr + 8)) {
        char why[512];
        q->backing = open_backing(path, hdr, fd, fmt[0] ? fmt : NULL, depth, why, sizeof(why));
        if (!q->backing) {
            return fail_open(q, err, errlen, why);
        }
    }
    if (writable && q->version >= 3 && be64(hdr + 88)) {
        /* autoclear features we do not maintain (e.g. bitmaps) are invalid once we write */
        write_be64(q, 88, 0);
    }
    return &q->bb;
}
