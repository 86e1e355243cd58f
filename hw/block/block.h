/*
 * hw/block/block.h — block backends: what a disk device reads and writes, behind a tiny
 * vtable.  raw.c is a host file; qcow2.c is QEMU's image format (with a backing file);
 * snapshot.c is a copy-on-write overlay in memory on top of
 * another backend (-drive snapshot=on: the host file is never written).  blk_open() builds
 * the stack a -drive asks for and applies its cache= mode:
 *   writeback, none  FLUSH reaches the host file (fdatasync)
 *   writethrough, directsync   every write is followed by fdatasync
 *   unsafe           FLUSH does nothing
 * Offsets and lengths are in bytes; every call returns 0 or a negative errno.
 */
#ifndef HW_BLOCK_BLOCK_H
#define HW_BLOCK_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct BlockBackend BlockBackend;

typedef struct BlockOps {
    int (*read)(BlockBackend *bb, uint64_t off, void *buf, size_t len);
    int (*write)(BlockBackend *bb, uint64_t off, const void *buf, size_t len);
    int (*flush)(BlockBackend *bb);
    /* Optional: make [off, off+len) read as zeroes (else blk_write_zeroes writes zeroes). */
    int (*write_zeroes)(BlockBackend *bb, uint64_t off, uint64_t len);
    void (*close)(BlockBackend *bb);
} BlockOps;

typedef enum {
    BLK_CACHE_WRITEBACK,
    BLK_CACHE_NONE,
    BLK_CACHE_WRITETHROUGH,
    BLK_CACHE_DIRECTSYNC,
    BLK_CACHE_UNSAFE,
} BlockCacheMode;

struct BlockBackend {
    const BlockOps *ops;
    uint64_t length;             /* bytes */
    bool readonly;
    BlockCacheMode cache;        /* applied by blk_write / blk_flush */
};

typedef struct BlockConfig {
    const char *file;
    bool readonly;
    bool snapshot;
    BlockCacheMode cache;
    const char *format;          /* "raw", "qcow2", or NULL: qcow2 if it starts with its
                                    magic, else raw */
} BlockConfig;

/* Open the backend a -drive describes.  On error returns NULL with QEMU's text after the
 * option ("Could not open 'x.img': No such file or directory") in err. */
BlockBackend *blk_open(const BlockConfig *cfg, char *err, size_t errlen);
void blk_close(BlockBackend *bb);

/* Range-checked I/O: -EINVAL past the end, -EROFS on a read-only backend. */
int blk_read(BlockBackend *bb, uint64_t off, void *buf, size_t len);
int blk_write(BlockBackend *bb, uint64_t off, const void *buf, size_t len);
int blk_flush(BlockBackend *bb);
int blk_write_zeroes(BlockBackend *bb, uint64_t off, uint64_t len);

/* The layers (blk_open stacks them). */
BlockBackend *blk_raw_open(const char *path, bool writable, char *err, size_t errlen);
BlockBackend *blk_snapshot_open(BlockBackend *base); /* takes ownership of base */
/* qcow2 (hw/block/qcow2.c); depth counts backing files (0 for the drive's own image) */
BlockBackend *blk_qcow2_open(const char *path, bool writable, int depth, char *err,
                             size_t errlen);
bool blk_is_qcow2(const uint8_t *head, size_t len);

#endif
