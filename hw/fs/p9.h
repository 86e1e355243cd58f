/*
 * hw/fs/p9.h — a 9P2000.L file server for one shared host directory (-virtfs / -fsdev).
 *
 * Transport-independent: the virtio-9p device (hw/virtio/virtio_9p.c) gathers one request
 * message from a descriptor chain, calls p9_server_handle(), and scatters the response
 * back.  Requests of one server are handled one at a time, in the order the guest queued
 * them, so the guest cannot race its own path resolution.
 *
 * Confinement: no request can name, open, create or change a host path outside cfg->root —
 * not by "..", not by a symlink made on the host or by the guest (symlinks are returned to
 * the guest as symlinks and never followed on the host), not by renames.
 */
#ifndef HW_FS_P9_H
#define HW_FS_P9_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/state.h"

/* The largest msize we negotiate (the guest asks with Tversion; we answer min(asked, this)). */
#define P9_MAX_MSIZE (512u * 1024u)
/* The longest mount_tag p9_server_create() accepts (QEMU's limit). */
#define P9_MAX_TAG_LEN 255u

typedef enum {
    P9_SECURITY_PASSTHROUGH,  /* guest uid/gid/mode are the host file's own */
    P9_SECURITY_MAPPED_XATTR, /* guest credentials kept in user.virtfs.* xattrs */
    P9_SECURITY_NONE,         /* like passthrough, failures to chown are ignored */
    P9_SECURITY_MAPPED_FILE,  /* guest credentials kept in .virtfs_metadata/<name> files */
} P9SecurityModel;
/* The Wasm build has no extended attributes (Node.js has no API for them):
 * p9_server_create() refuses P9_SECURITY_MAPPED_XATTR there with a one-line error that
 * suggests mapped-file.  hw/fs/p9_cred.c describes each model. */

typedef struct P9Config {
    const char *root;          /* host directory shared with the guest */
    const char *mount_tag;     /* the tag the guest mounts (virtio-9p config space) */
    P9SecurityModel security_model;
    bool readonly;             /* every modifying request fails with EROFS */
} P9Config;

typedef struct P9Server P9Server;

/* Check the configuration (root exists and is a directory, ...).  On error writes a one-line
 * message in QEMU's style without the "qemu-wasm: " prefix to err and returns NULL. */
P9Server *p9_server_create(const P9Config *cfg, char *err, size_t errlen);
void p9_server_destroy(P9Server *s);
/* Device reset: clunk every fid, forget the negotiated version. */
void p9_server_reset(P9Server *s);

/*
 * Saved state (hw/fs/p9_state.c): the negotiated msize and every fid with what it holds,
 * versioned.  Load reopens open files by their paths in this server's share and fails
 * (false, with the reason in r->why) if one no longer exists or changed type, or if the
 * stream is malformed; the server's fids are then left as they were.
 */
void p9_server_save(P9Server *s, StateWriter *w);
bool p9_server_load(P9Server *s, StateReader *r);

/*
 * Handle one complete request message (size[4] type[1] tag[2] ...).  Writes the response
 * message (an Rlerror for any failure, including a malformed request) to resp, at most
 * resp_cap bytes, and returns its length.  resp_cap must be at least 11 bytes (room for an
 * Rlerror).  Rread/Rreaddir are sized to fit both the request's count and resp_cap; any
 * other reply that would not fit becomes Rlerror(ERANGE).
 */
size_t p9_server_handle(P9Server *s, const uint8_t *req, size_t req_len, uint8_t *resp,
                        size_t resp_cap);

#endif
