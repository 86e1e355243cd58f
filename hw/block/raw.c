/*
 * hw/block/raw.c — format=raw: the disk is the host file, byte for byte.  I/O goes straight
 * to the file (core/host.h: under Node, fs.*Sync from the calling worker).  The disk's
 * size is the file's size at open time, rounded down to whole 512-byte sectors.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/host.h"
#include "hw/block/block.h"

typedef struct RawBackend {
    BlockBackend bb;
    int fd;
} RawBackend;

static int raw_read(BlockBackend *bb, uint64_t off, void *buf, size_t len)
{
    return host_file_pread(((RawBackend *)bb)->fd, buf, len, off);
}

static int raw_write(BlockBackend *bb, uint64_t off, const void *buf, size_t len)
{
    return host_file_pwrite(((RawBackend *)bb)->fd, buf, len, off);
}

static int raw_flush(BlockBackend *bb)
{
    return host_file_sync(((RawBackend *)bb)->fd);
}

static void raw_close(BlockBackend *bb)
{
    host_file_close(((RawBackend *)bb)->fd);
    free(bb);
}

static const BlockOps raw_ops = {
    .read = raw_read,
    .write = raw_write,
    .flush = raw_flush,
    .close = raw_close,
};

BlockBackend *blk_raw_open(const char *path, bool writable, char *err, size_t errlen)
{
    int fd = host_file_open(path, writable, err, errlen);
    if (fd < 0) {
        return NULL;
    }
    int64_t len = host_file_length(fd);
    RawBackend *r = len >= 0 ? calloc(1, sizeof(*r)) : NULL;
    if (!r) {
        host_file_close(fd);
        snprintf(err, errlen, "%s", len < 0 ? "cannot get the file's size" : "out of memory");
        return NULL;
    }
    r->bb.ops = &raw_ops;
    r->bb.length = (uint64_t)len & ~511ull;
    r->bb.readonly = !writable;
    r->fd = fd;
    return &r->bb;
}
