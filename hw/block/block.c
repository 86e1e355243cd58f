/*
 * hw/block/block.c — blk_open (the -drive stack) and the range and mode checks every
 * backend shares.
 */
#include "hw/block/block.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/host.h"

BlockBackend *blk_open(const BlockConfig *cfg, char *err, size_t errlen)
{
    /* snapshot=on never writes the file, so it is opened read-only (as QEMU does). */
    bool writable = !cfg->readonly && !cfg->snapshot;
    char why[512];
    bool qcow2 = cfg->format && strcmp(cfg->format, "qcow2") == 0;
    if (!cfg->format) {
        /* probe: a qcow2 header, else raw */
        int fd = host_file_open(cfg->file, false, why, sizeof(why));
        if (fd < 0) {
            snprintf(err, errlen, "Could not open '%s': %s", cfg->file, why);
            return NULL;
        }
        uint8_t magic[4] = {0};
        qcow2 = host_file_pread(fd, magic, 4, 0) == 0 && blk_is_qcow2(magic, 4);
        host_file_close(fd);
    }
    BlockBackend *bb = qcow2 ? blk_qcow2_open(cfg->file, writable, 0, why, sizeof(why))
                             : blk_raw_open(cfg->file, writable, why, sizeof(why));
    if (!bb) {
        snprintf(err, errlen, "Could not open '%s': %s", cfg->file, why);
        return NULL;
    }
    if (cfg->snapshot) {
        BlockBackend *overlay = blk_snapshot_open(bb);
        if (!overlay) {
            blk_close(bb);
            snprintf(err, errlen, "Could not open '%s': %s", cfg->file, strerror(ENOMEM));
            return NULL;
        }
        bb = overlay;
        bb->readonly = cfg->readonly;
    }
    bb->cache = cfg->cache;
    return bb;
}

void blk_close(BlockBackend *bb)
{
    if (bb) {
        bb->ops->close(bb);
    }
}

static bool in_range(const BlockBackend *bb, uint64_t off, uint64_t len)
{
    return off <= bb->length && len <= bb->length - off;
}

int blk_read(BlockBackend *bb, uint64_t off, void *buf, size_t len)
{
    if (!in_range(bb, off, len)) {
        return -EINVAL;
    }
    return len ? bb->ops->read(bb, off, buf, len) : 0;
}

int blk_write(BlockBackend *bb, uint64_t off, const void *buf, size_t len)
{
    if (bb->readonly) {
        return -EROFS;
    }
    if (!in_range(bb, off, len)) {
        return -EINVAL;
    }
    int r = len ? bb->ops->write(bb, off, buf, len) : 0;
    if (r == 0 && (bb->cache == BLK_CACHE_WRITETHROUGH || bb->cache == BLK_CACHE_DIRECTSYNC)) {
        r = bb->ops->flush(bb);
    }
    return r;
}

int blk_flush(BlockBackend *bb)
{
    if (bb->readonly || bb->cache == BLK_CACHE_UNSAFE) {
        return 0;
    }
    return bb->ops->flush(bb);
}

int blk_write_zeroes(BlockBackend *bb, uint64_t off, uint64_t len)
{
    if (bb->readonly) {
        return -EROFS;
    }
    if (!in_range(bb, off, len)) {
        return -EINVAL;
    }
    int r = 0;
    if (bb->ops->write_zeroes) {
        r = bb->ops->write_zeroes(bb, off, len);
    } else {
        static const uint8_t zeroes[65536];
        while (len > 0 && r == 0) {
            size_t n = len < sizeof(zeroes) ? (size_t)len : sizeof(zeroes);
            r = bb->ops->write(bb, off, zeroes, n);
            off += n;
            len -= n;
        }
    }
    if (r == 0 && (bb->cache == BLK_CACHE_WRITETHROUGH || bb->cache == BLK_CACHE_DIRECTSYNC)) {
        r = bb->ops->flush(bb);
    }
    return r;
}
