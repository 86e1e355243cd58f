/*
 * hw/fs/p9.c — the 9P2000.L server: configuration, message framing and dispatch, and the
 * session requests (version, attach, walk, clunk, flush, getattr, statfs).
 *
 * Protocol: the Linux kernel's 9p client with version=9p2000.L (Documentation/filesystems/
 * 9p.rst; message layouts as in diod's protocol description).  Behaviour follows QEMU's
 * `local` fsdev driver, which Linux guests are tested against.  p9_ops.c has the requests
 * that change the namespace, p9_file.c those on open files and xattrs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hw/fs/p9_int.h"

#define P9_MAXWELEM 16
#define P9_RLERROR_SIZE 11u

P9Server *p9_server_create(const P9Config *cfg, char *err, size_t errlen)
{
    if (!cfg->root || !*cfg->root) {
        snprintf(err, errlen, "-virtfs: parameter 'path' is missing");
        return NULL;
    }
    if (!cfg->mount_tag || !*cfg->mount_tag) {
        snprintf(err, errlen, "-virtfs: parameter 'mount_tag' is missing");
        return NULL;
    }
    if (strlen(cfg->mount_tag) > P9_MAX_TAG_LEN) {
        snprintf(err, errlen, "-virtfs: mount tag '%s' (%zu bytes) is longer than maximum (%u bytes)",
                 cfg->mount_tag, strlen(cfg->mount_tag), P9_MAX_TAG_LEN);
        return NULL;
    }
    if (cfg->security_model > P9_SECURITY_MAPPED_FILE) {
        snprintf(err, errlen, "-virtfs: invalid security_model");
        return NULL;
    }
    if (cfg->security_model == P9_SECURITY_MAPPED_XATTR && !host_fs_has_xattr()) {
        snprintf(err, errlen,
                 "-virtfs: security_model=mapped-xattr: extended attributes are not available "
                 "to Node.js; use security_model=mapped-file|passthrough|none");
        return NULL;
    }
    HostFsDir *root;
    int r = host_fs_root_open(cfg->root, &root);
    if (r < 0) {
        snprintf(err, errlen, "-virtfs: cannot open shared directory '%s': %s", cfg->root,
                 strerror(-r));
        return NULL;
    }
    P9Server *s = calloc(1, sizeof(*s));
    if (!s || p9_fids_init(&s->fids) != 0) {
        free(s);
        host_fs_dir_close(root);
        snprintf(err, errlen, "-virtfs: out of memory");
        return NULL;
    }
    s->model = cfg->security_model;
    s->readonly = cfg->readonly;
    s->root_path = strdup(cfg->root);
    s->mount_tag = strdup(cfg->mount_tag ? cfg->mount_tag : "");
    s->root = root;
    s->msize = P9_MAX_MSIZE;
    return s;
}

void p9_server_destroy(P9Server *s)
{
    if (!s) {
        return;
    }
    p9_fids_fini(&s->fids);
    host_fs_dir_close(s->root);
    free(s->root_path);
    free(s->mount_tag);
    free(s);
}

void p9_server_reset(P9Server *s)
{
    p9_fids_clear(&s->fids);
    s->msize = P9_MAX_MSIZE;
}

/* ---- shared helpers ---- */

void p9_qid_from_stat(const HostFsStat *st, P9Qid *q)
{
    uint32_t type = st->mode & S_IFMT;
    q->type = type == S_IFDIR ? P9_QID_DIR : type == S_IFLNK ? P9_QID_SYMLINK : P9_QID_FILE;
    q->version = (uint32_t)((uint64_t)st->mtime_sec ^ (st->size << 8));
    q->path = st->ino;
}

int p9_stat(P9Server *s, HostFsDir *d, const char *name, HostFsStat *st)
{
    int r = host_fs_lstat(d, name, st);
    if (r == 0) {
        p9_cred_apply(s, d, name, st);
    }
    return r;
}

int p9_stat_path(P9Server *s, const char *path, HostFsStat *st)
{
    HostFsDir *d;
    const char *name;
    int r = p9_resolve(s, path, &d, &name);
    if (r < 0) {
        return r;
    }
    r = p9_stat(s, d, name, st);
    p9_dir_put(s, d);
    return r;
}

/* ---- session requests ---- */

static int op_version(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t msize = p9r_u32(r);
    P9Str version = p9r_str(r);
    if (r->bad) {
        return -EPROTO;
    }
    if (msize < P9_MIN_MSIZE) {
        return -EINVAL;
    }
    p9_server_reset(s); /* a new session: every fid is gone */
    s->msize = msize < P9_MAX_MSIZE ? msize : P9_MAX_MSIZE;
    static const char l[] = "9P2000.L";
    bool ok = version.len == sizeof(l) - 1 && memcmp(version.s, l, version.len) == 0;
    p9w_u32(w, s->msize);
    if (ok) {
        p9w_str(w, l, sizeof(l) - 1);
    } else {
        p9w_str(w, "unknown", 7);
    }
    return 0;
}

static int op_auth(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)s, (void)r, (void)w;
    return -EOPNOTSUPP; /* no authentication: the guest attaches with afid = NOFID */
}

static int op_attach(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r);
    p9r_u32(r); /* afid */
    p9r_str(r); /* uname */
    p9r_str(r); /* aname: the share has one root */
    uint32_t n_uname = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    HostFsStat st;
    int e = p9_stat(s, s->root, NULL, &st);
    if (e < 0) {
        return e;
    }
    if (!p9_fid_new(&s->fids, fid, "", n_uname == P9_NOFID ? 65534 : n_uname)) {
        return p9_fid_get(&s->fids, fid) ? -EEXIST : -ENOMEM;
    }
    P9Qid q;
    p9_qid_from_stat(&st, &q);
    p9w_qid(w, &q);
    return 0;
}

static int op_flush(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)s, (void)w;
    p9r_u16(r); /* oldtag: requests complete in order, so it is already answered */
    return r->bad ? -EPROTO : 0;
}

static int op_walk(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r), newfid = p9r_u32(r);
    uint16_t n = p9r_u16(r);
    if (r->bad) {
        return -EPROTO;
    }
    if (n > P9_MAXWELEM) {
        return -EINVAL;
    }
    char names[P9_MAXWELEM][P9_NAME_MAX + 1];
    int bad_name = 0;
    for (uint16_t i = 0; i < n; i++) {
        int e = p9_name_copy(p9r_str(r), names[i]);
        if (e < 0 && !bad_name) {
            bad_name = e;
        }
    }
    if (r->bad) {
        return -EPROTO;
    }
    if (bad_name) {
        return bad_name;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    if (newfid != fid && p9_fid_get(&s->fids, newfid)) {
        return -EEXIST;
    }
    if (newfid == fid && f->kind != P9_FID_PATH) {
        return -EINVAL; /* an open fid cannot move */
    }
    char *path = strdup(f->path);
    if (!path) {
        return -ENOMEM;
    }
    P9Qid qids[P9_MAXWELEM];
    uint16_t nq = 0;
    int err = 0;
    for (; nq < n; nq++) {
        const char *name = names[nq];
        char *next;
        if (strcmp(name, "..") == 0) {
            next = p9_path_parent(path); /* the root's parent is the root */
        } else if (strcmp(name, ".") == 0 || p9_name_hidden(s, name)) {
            err = -ENOENT;
            break;
        } else {
            next = p9_path_join(path, name);
        }
        if (!next) {
            err = -ENAMETOOLONG;
            break;
        }
        HostFsStat st;
        err = p9_stat_path(s, next, &st);
        if (err < 0) {
            free(next);
            break;
        }
        p9_qid_from_stat(&st, &qids[nq]);
        free(path);
        path = next;
    }
    if (nq == 0 && n > 0) {
        free(path);
        return err; /* the first name failed: an error, not an empty Rwalk */
    }
    if (nq == n) {
        if (newfid == fid) {
            int e = p9_fid_set_path(&s->fids, f, path);
            path = NULL;
            if (e < 0) {
                return e;
            }
        } else if (!p9_fid_new(&s->fids, newfid, path, f->uid)) {
            free(path);
            return -ENOMEM;
        }
    }
    free(path);
    p9w_u16(w, nq);
    for (uint16_t i = 0; i < nq; i++) {
        p9w_qid(w, &qids[i]);
    }
    return 0;
}

static int op_clunk(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)w;
    uint32_t fid = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    int e = f->kind == P9_FID_XATTR_WRITE ? p9_xattr_commit(s, f) : 0;
    p9_fid_free(&s->fids, f);
    return e;
}

static int op_getattr(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r);
    p9r_u64(r); /* request_mask: we always answer the basic set */
    if (r->bad) {
        return -EPROTO;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    HostFsStat st;
    int e;
    if (f->fd >= 0) {
        /* an open file answers even after it was unlinked */
        e = host_fs_fstat(f->fd, &st);
        HostFsDir *d;
        const char *name;
        if (e == 0 && p9_model_mapped(s) && p9_resolve(s, f->path, &d, &name) == 0) {
            p9_cred_apply(s, d, name, &st);
            p9_dir_put(s, d);
        }
    } else {
        e = p9_stat_path(s, f->path, &st);
    }
    if (e < 0) {
        return e;
    }
    P9Qid q;
    p9_qid_from_stat(&st, &q);
    p9w_u64(w, 0x7ff); /* P9_GETATTR_BASIC */
    p9w_qid(w, &q);
    p9w_u32(w, st.mode);
    p9w_u32(w, st.uid);
    p9w_u32(w, st.gid);
    p9w_u64(w, st.nlink);
    p9w_u64(w, st.rdev);
    p9w_u64(w, st.size);
    p9w_u64(w, st.blksize);
    p9w_u64(w, st.blocks);
    p9w_u64(w, (uint64_t)st.atime_sec);
    p9w_u64(w, st.atime_nsec);
    p9w_u64(w, (uint64_t)st.mtime_sec);
    p9w_u64(w, st.mtime_nsec);
    p9w_u64(w, (uint64_t)st.ctime_sec);
    p9w_u64(w, st.ctime_nsec);
    for (int i = 0; i < 4; i++) {
        p9w_u64(w, 0); /* btime, gen, data_version: not in the basic set */
    }
    return 0;
}

static int op_statfs(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    HostFsDir *d;
    const char *name;
    int e = p9_resolve(s, f->path, &d, &name);
    if (e < 0) {
        return e;
    }
    HostFsStatfs st;
    e = host_fs_statfs(d, &st);
    p9_dir_put(s, d);
    if (e < 0) {
        return e;
    }
    p9w_u32(w, st.type);
    p9w_u32(w, st.bsize);
    p9w_u64(w, st.blocks);
    p9w_u64(w, st.bfree);
    p9w_u64(w, st.bavail);
    p9w_u64(w, st.files);
    p9w_u64(w, st.ffree);
    p9w_u64(w, st.fsid);
    p9w_u32(w, st.namelen);
    return 0;
}

/* ---- framing and dispatch ---- */

static P9Handler handler_for(uint8_t type)
{
    switch (type) {
    case P9_TVERSION: return op_version;
    case P9_TAUTH: return op_auth;
    case P9_TATTACH: return op_attach;
    case P9_TFLUSH: return op_flush;
    case P9_TWALK: return op_walk;
    case P9_TCLUNK: return op_clunk;
    case P9_TGETATTR: return op_getattr;
    case P9_TSTATFS: return op_statfs;
    case P9_TSETATTR: return p9_op_setattr;
    case P9_TLOPEN: return p9_op_lopen;
    case P9_TLCREATE: return p9_op_lcreate;
    case P9_TREAD: return p9_op_read;
    case P9_TWRITE: return p9_op_write;
    case P9_TREADDIR: return p9_op_readdir;
    case P9_TFSYNC: return p9_op_fsync;
    case P9_TLOCK: return p9_op_lock;
    case P9_TGETLOCK: return p9_op_getlock;
    case P9_TXATTRWALK: return p9_op_xattrwalk;
    case P9_TXATTRCREATE: return p9_op_xattrcreate;
    case P9_TMKDIR: return p9_op_mkdir;
    case P9_TSYMLINK: return p9_op_symlink;
    case P9_TMKNOD: return p9_op_mknod;
    case P9_TREADLINK: return p9_op_readlink;
    case P9_TLINK: return p9_op_link;
    case P9_TRENAME: return p9_op_rename;
    case P9_TRENAMEAT: return p9_op_renameat;
    case P9_TUNLINKAT: return p9_op_unlinkat;
    case P9_TREMOVE: return p9_op_remove;
    default: return NULL;
    }
}

/* Requests that change the share (refused with EROFS on a readonly share).  Tlopen and
 * Txattrwalk/Twrite are checked where their flags or fids are known. */
static bool modifies(uint8_t type)
{
    switch (type) {
    case P9_TSETATTR: case P9_TLCREATE: case P9_TXATTRCREATE: case P9_TMKDIR:
    case P9_TSYMLINK: case P9_TMKNOD: case P9_TLINK: case P9_TRENAME: case P9_TRENAMEAT:
    case P9_TUNLINKAT: case P9_TWRITE: /* Tremove: p9_op_remove (it clunks anyway) */
        return true;
    default:
        return false;
    }
}

static size_t put_header(uint8_t *resp, uint32_t size, uint8_t type, uint16_t tag)
{
    P9Writer w = {resp, P9_HDR_SIZE, 0, false};
    p9w_u32(&w, size);
    p9w_u8(&w, type);
    p9w_u16(&w, tag);
    return size;
}

static size_t rlerror(uint8_t *resp, uint16_t tag, int neg_errno)
{
    P9Writer w = {resp, P9_RLERROR_SIZE, P9_HDR_SIZE, false};
    p9w_u32(&w, (uint32_t)p9_linux_errno(neg_errno));
    return put_header(resp, P9_RLERROR_SIZE, P9_RLERROR, tag);
}

size_t p9_server_handle(P9Server *s, const uint8_t *req, size_t req_len, uint8_t *resp,
                        size_t resp_cap)
{
    if (resp_cap < P9_RLERROR_SIZE) {
        return 0;
    }
    if (req_len < P9_HDR_SIZE) {
        return rlerror(resp, 0xffff, -EPROTO);
    }
    uint32_t size = (uint32_t)req[0] | (uint32_t)req[1] << 8 | (uint32_t)req[2] << 16 |
                    (uint32_t)req[3] << 24;
    uint8_t type = req[4];
    uint16_t tag = (uint16_t)(req[5] | req[6] << 8);
    /* the size field must describe the message we were given (trailing bytes from the
     * transport beyond it are ignored) */
    if (size < P9_HDR_SIZE || size > req_len) {
        return rlerror(resp, tag, -EPROTO);
    }
    P9Handler h = handler_for(type);
    if (!h) {
        return rlerror(resp, tag, -EOPNOTSUPP);
    }
    if (s->readonly && modifies(type)) {
        /* Twrite to an xattr-read fid or a read-only open file fails anyway */
        return rlerror(resp, tag, -EROFS);
    }
    size_t cap = resp_cap < s->msize ? resp_cap : s->msize;
    P9Reader r = {req + P9_HDR_SIZE, size - P9_HDR_SIZE, 0, false};
    P9Writer w = {resp, cap, P9_HDR_SIZE, false};
    int e = h(s, &r, &w);
    if (e == 0 && w.overflow) {
        e = -ERANGE;
    }
    if (e < 0) {
        return rlerror(resp, tag, e);
    }
    return put_header(resp, (uint32_t)w.pos, (uint8_t)(type + 1), tag);
}
