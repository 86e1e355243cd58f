/*
 * test/p9_client.h — a tiny 9P2000.L client for tests: encodes requests the way Linux's
 * v9fs does, hands them to p9_server_handle(), decodes the answers.  Used by
 * test/p9_scenarios.h (shared by test/unit/test_p9.c and test/wasm/test_p9_node.c).
 *
 * Every t_* call returns 0 or a negative *Linux* errno from Rlerror (L_E* below: the
 * guest's numbering, the same in both builds), or T_BADREPLY for a reply that is neither
 * Rlerror nor the expected R-message or is badly framed.
 */
#ifndef TEST_P9_CLIENT_H
#define TEST_P9_CLIENT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hw/fs/p9.h"
#include "hw/fs/p9_msg.h"

enum {
    L_EPERM = 1, L_ENOENT = 2, L_EBADF = 9, L_EACCES = 13, L_EEXIST = 17, L_ENOTDIR = 20,
    L_EISDIR = 21, L_EINVAL = 22, L_EROFS = 30, L_ERANGE = 34, L_ENAMETOOLONG = 36,
    L_ENOTEMPTY = 39, L_ELOOP = 40, L_ENODATA = 61, L_EPROTO = 71, L_EOPNOTSUPP = 95,
};
#define T_BADREPLY (-10000)

#define L_O_RDONLY 0
#define L_O_WRONLY 1
#define L_O_RDWR 2
#define L_O_CREAT 0100
#define L_O_EXCL 0200
#define L_O_TRUNC 01000
#define L_O_DIRECTORY 0200000
#define L_AT_REMOVEDIR 0x200

#define T_MSIZE (128u * 1024u)

typedef struct P9T {
    P9Server *s;
    uint8_t *req, *resp;
    size_t len, rlen, resp_cap;
    uint16_t tag;
    P9Reader r; /* the reply's body after a successful t_send */
    /* results of the last walk / create / getattr / readdir */
    P9Qid qid, qids[16];
    int nqid;
    /* optional: every request sent is handed to this (the fuzzer's corpus) */
    void (*record)(void *ctx, const uint8_t *msg, size_t len);
    void *record_ctx;
} P9T;

static inline void t_init(P9T *t, P9Server *s)
{
    memset(t, 0, sizeof(*t));
    t->s = s;
    t->req = malloc(T_MSIZE + 64);
    t->resp = malloc(T_MSIZE);
    t->resp_cap = T_MSIZE;
}

static inline void t_fini(P9T *t)
{
    free(t->req);
    free(t->resp);
}

static inline void t_put(P9T *t, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        t->req[t->len++] = (uint8_t)(v >> (8 * i));
    }
}

static inline void t_begin(P9T *t, uint8_t type)
{
    t->len = 0;
    t_put(t, 0, 4);
    t_put(t, type, 1);
    t_put(t, ++t->tag, 2);
}

static inline void t_strn(P9T *t, const char *s, size_t n)
{
    t_put(t, n, 2);
    memcpy(t->req + t->len, s, n);
    t->len += n;
}

static inline void t_str(P9T *t, const char *s)
{
    t_strn(t, s, strlen(s));
}

/* Send what is in t->req, with `size` as the size field (0: the real length) and `len`
 * bytes handed over (0: the real length). */
static inline int t_send_raw(P9T *t, uint32_t size, size_t len)
{
    uint32_t sz = size ? size : (uint32_t)t->len;
    for (int i = 0; i < 4; i++) {
        t->req[i] = (uint8_t)(sz >> (8 * i));
    }
    size_t n = len ? len : t->len;
    if (t->record) {
        t->record(t->record_ctx, t->req, n);
    }
    t->rlen = p9_server_handle(t->s, t->req, n, t->resp, t->resp_cap);
    if (t->rlen < 7 || t->rlen > t->resp_cap) {
        return T_BADREPLY;
    }
    uint32_t rsize = (uint32_t)t->resp[0] | (uint32_t)t->resp[1] << 8 |
                     (uint32_t)t->resp[2] << 16 | (uint32_t)t->resp[3] << 24;
    if (rsize != t->rlen) {
        return T_BADREPLY;
    }
    t->r = (P9Reader){t->resp + 7, t->rlen - 7, 0, false};
    if (t->resp[4] == P9_RLERROR) {
        return t->rlen == 11 ? -(int)p9r_u32(&t->r) : T_BADREPLY;
    }
    if (n >= 7 && t->resp[4] != (uint8_t)(t->req[4] + 1)) {
        return T_BADREPLY;
    }
    return 0;
}

static inline int t_send(P9T *t)
{
    return t_send_raw(t, 0, 0);
}

static inline int t_version(P9T *t, uint32_t msize, const char *version, uint32_t *got)
{
    t_begin(t, P9_TVERSION);
    t_put(t, msize, 4);
    t_str(t, version);
    int e = t_send(t);
    if (e == 0 && got) {
        *got = p9r_u32(&t->r);
    }
    return e;
}

static inline int t_attach(P9T *t, uint32_t fid, uint32_t uid)
{
    t_begin(t, P9_TATTACH);
    t_put(t, fid, 4);
    t_put(t, 0xffffffffu, 4);
    t_str(t, "root");
    t_str(t, "");
    t_put(t, uid, 4);
    int e = t_send(t);
    if (e == 0) {
        t->qid.type = p9r_u8(&t->r);
        t->qid.version = p9r_u32(&t->r);
        t->qid.path = p9r_u64(&t->r);
    }
    return e;
}

static inline void t_read_qid(P9T *t, P9Qid *q)
{
    q->type = p9r_u8(&t->r);
    q->version = p9r_u32(&t->r);
    q->path = p9r_u64(&t->r);
}

/* Walk names (a NULL-terminated list); returns the number of qids or -errno. */
static inline int t_walkv(P9T *t, uint32_t fid, uint32_t newfid, const char *const *names)
{
    int n = 0;
    while (names[n]) {
        n++;
    }
    t_begin(t, P9_TWALK);
    t_put(t, fid, 4);
    t_put(t, newfid, 4);
    t_put(t, (uint64_t)n, 2);
    for (int i = 0; i < n; i++) {
        t_str(t, names[i]);
    }
    int e = t_send(t);
    if (e < 0) {
        return e;
    }
    t->nqid = p9r_u16(&t->r);
    for (int i = 0; i < t->nqid && i < 16; i++) {
        t_read_qid(t, &t->qids[i]);
    }
    return t->r.bad ? T_BADREPLY : t->nqid;
}

#define t_walk(t, fid, newfid, ...) t_walkv(t, fid, newfid, (const char *const[]){__VA_ARGS__, NULL})

static inline int t_clone(P9T *t, uint32_t fid, uint32_t newfid)
{
    const char *none[] = {NULL};
    return t_walkv(t, fid, newfid, none);
}

static inline int t_fid_only(P9T *t, uint8_t type, uint32_t fid)
{
    t_begin(t, type);
    t_put(t, fid, 4);
    return t_send(t);
}

static inline int t_clunk(P9T *t, uint32_t fid)
{
    return t_fid_only(t, P9_TCLUNK, fid);
}

static inline int t_lopen(P9T *t, uint32_t fid, uint32_t flags)
{
    t_begin(t, P9_TLOPEN);
    t_put(t, fid, 4);
    t_put(t, flags, 4);
    int e = t_send(t);
    if (e == 0) {
        t_read_qid(t, &t->qid);
    }
    return e;
}

static inline int t_lcreate(P9T *t, uint32_t fid, const char *name, uint32_t flags,
                            uint32_t mode, uint32_t gid)
{
    t_begin(t, P9_TLCREATE);
    t_put(t, fid, 4);
    t_str(t, name);
    t_put(t, flags, 4);
    t_put(t, mode, 4);
    t_put(t, gid, 4);
    int e = t_send(t);
    if (e == 0) {
        t_read_qid(t, &t->qid);
    }
    return e;
}

static inline int t_write(P9T *t, uint32_t fid, uint64_t off, const void *data, uint32_t n)
{
    t_begin(t, P9_TWRITE);
    t_put(t, fid, 4);
    t_put(t, off, 8);
    t_put(t, n, 4);
    memcpy(t->req + t->len, data, n);
    t->len += n;
    int e = t_send(t);
    return e < 0 ? e : (int)p9r_u32(&t->r);
}

/* Returns the byte count; the data is at t->r.p + t->r.pos afterwards (out: copied). */
static inline int t_read(P9T *t, uint32_t fid, uint64_t off, uint32_t count, void *out)
{
    t_begin(t, P9_TREAD);
    t_put(t, fid, 4);
    t_put(t, off, 8);
    t_put(t, count, 4);
    int e = t_send(t);
    if (e < 0) {
        return e;
    }
    uint32_t n = p9r_u32(&t->r);
    const uint8_t *p = p9r_bytes(&t->r, n);
    if (!p) {
        return T_BADREPLY;
    }
    if (out) {
        memcpy(out, p, n);
    }
    return (int)n;
}

static inline int t_mkdir(P9T *t, uint32_t dfid, const char *name, uint32_t mode, uint32_t gid)
{
    t_begin(t, P9_TMKDIR);
    t_put(t, dfid, 4);
    t_str(t, name);
    t_put(t, mode, 4);
    t_put(t, gid, 4);
    int e = t_send(t);
    if (e == 0) {
        t_read_qid(t, &t->qid);
    }
    return e;
}

static inline int t_symlink(P9T *t, uint32_t dfid, const char *name, const char *target,
                            uint32_t gid)
{
    t_begin(t, P9_TSYMLINK);
    t_put(t, dfid, 4);
    t_str(t, name);
    t_str(t, target);
    t_put(t, gid, 4);
    int e = t_send(t);
    if (e == 0) {
        t_read_qid(t, &t->qid);
    }
    return e;
}

static inline int t_mknod(P9T *t, uint32_t dfid, const char *name, uint32_t mode,
                          uint32_t major, uint32_t minor, uint32_t gid)
{
    t_begin(t, P9_TMKNOD);
    t_put(t, dfid, 4);
    t_str(t, name);
    t_put(t, mode, 4);
    t_put(t, major, 4);
    t_put(t, minor, 4);
    t_put(t, gid, 4);
    int e = t_send(t);
    if (e == 0) {
        t_read_qid(t, &t->qid);
    }
    return e;
}

/* Returns the target's length, copied NUL-terminated to out (cap >= 4097). */
static inline int t_readlink(P9T *t, uint32_t fid, char *out)
{
    int e = t_fid_only(t, P9_TREADLINK, fid);
    if (e < 0) {
        return e;
    }
    P9Str s = p9r_str(&t->r);
    memcpy(out, s.s, s.len);
    out[s.len] = '\0';
    return s.len;
}

static inline int t_link(P9T *t, uint32_t dfid, uint32_t fid, const char *name)
{
    t_begin(t, P9_TLINK);
    t_put(t, dfid, 4);
    t_put(t, fid, 4);
    t_str(t, name);
    return t_send(t);
}

static inline int t_rename(P9T *t, uint32_t fid, uint32_t dfid, const char *name)
{
    t_begin(t, P9_TRENAME);
    t_put(t, fid, 4);
    t_put(t, dfid, 4);
    t_str(t, name);
    return t_send(t);
}

static inline int t_renameat(P9T *t, uint32_t ofid, const char *on, uint32_t nfid,
                             const char *nn)
{
    t_begin(t, P9_TRENAMEAT);
    t_put(t, ofid, 4);
    t_str(t, on);
    t_put(t, nfid, 4);
    t_str(t, nn);
    return t_send(t);
}

static inline int t_unlinkat(P9T *t, uint32_t dfid, const char *name, uint32_t flags)
{
    t_begin(t, P9_TUNLINKAT);
    t_put(t, dfid, 4);
    t_str(t, name);
    t_put(t, flags, 4);
    return t_send(t);
}

typedef struct TAttr {
    P9Qid qid;
    uint32_t mode, uid, gid;
    uint64_t nlink, rdev, size, atime_sec, atime_nsec, mtime_sec, mtime_nsec;
} TAttr;

static inline int t_getattr(P9T *t, uint32_t fid, TAttr *a)
{
    t_begin(t, P9_TGETATTR);
    t_put(t, fid, 4);
    t_put(t, 0x7ff, 8);
    int e = t_send(t);
    if (e < 0) {
        return e;
    }
    p9r_u64(&t->r);
    t_read_qid(t, &a->qid);
    a->mode = p9r_u32(&t->r);
    a->uid = p9r_u32(&t->r);
    a->gid = p9r_u32(&t->r);
    a->nlink = p9r_u64(&t->r);
    a->rdev = p9r_u64(&t->r);
    a->size = p9r_u64(&t->r);
    p9r_u64(&t->r); /* blksize */
    p9r_u64(&t->r); /* blocks */
    a->atime_sec = p9r_u64(&t->r);
    a->atime_nsec = p9r_u64(&t->r);
    a->mtime_sec = p9r_u64(&t->r);
    a->mtime_nsec = p9r_u64(&t->r);
    for (int i = 0; i < 6; i++) { /* ctime, btime, gen, data_version */
        p9r_u64(&t->r);
    }
    return t->r.bad || t->r.pos != t->r.len ? T_BADREPLY : 0;
}

static inline int t_setattr(P9T *t, uint32_t fid, uint32_t valid, uint32_t mode, uint32_t uid,
                            uint32_t gid, uint64_t size, uint64_t asec, uint64_t ansec,
                            uint64_t msec, uint64_t mnsec)
{
    t_begin(t, P9_TSETATTR);
    t_put(t, fid, 4);
    t_put(t, valid, 4);
    t_put(t, mode, 4);
    t_put(t, uid, 4);
    t_put(t, gid, 4);
    t_put(t, size, 8);
    t_put(t, asec, 8);
    t_put(t, ansec, 8);
    t_put(t, msec, 8);
    t_put(t, mnsec, 8);
    return t_send(t);
}

/* Readdir entries collected by t_readdir_all. */
typedef struct TDir {
    int n;
    char names[256][64];
    uint8_t types[256];
    int calls;
} TDir;

/* Read a whole directory in requests of `count` bytes, resuming at each batch's last
 * offset as Linux does. */
static inline int t_readdir_all(P9T *t, uint32_t fid, uint32_t count, TDir *d)
{
    uint64_t off = 0;
    d->n = 0;
    d->calls = 0;
    for (;;) {
        t_begin(t, P9_TREADDIR);
        t_put(t, fid, 4);
        t_put(t, off, 8);
        t_put(t, count, 4);
        int e = t_send(t);
        d->calls++;
        if (e < 0) {
            return e;
        }
        uint32_t n = p9r_u32(&t->r);
        if (n == 0) {
            return 0;
        }
        P9Reader r = {t->r.p + t->r.pos, n, 0, false};
        if (n > t->r.len - t->r.pos) {
            return T_BADREPLY;
        }
        while (r.pos < r.len) {
            p9r_bytes(&r, P9_QID_SIZE);
            off = p9r_u64(&r);
            uint8_t type = p9r_u8(&r);
            P9Str s = p9r_str(&r);
            if (r.bad || d->n >= 256) {
                return T_BADREPLY;
            }
            size_t l = s.len < 63 ? s.len : 63;
            memcpy(d->names[d->n], s.s, l);
            d->names[d->n][l] = '\0';
            d->types[d->n] = type;
            d->n++;
        }
    }
}

static inline int t_dir_count(const TDir *d, const char *name)
{
    int c = 0;
    for (int i = 0; i < d->n; i++) {
        c += strcmp(d->names[i], name) == 0;
    }
    return c;
}

static inline int t_statfs(P9T *t, uint32_t fid)
{
    return t_fid_only(t, P9_TSTATFS, fid);
}

static inline int t_fsync(P9T *t, uint32_t fid)
{
    t_begin(t, P9_TFSYNC);
    t_put(t, fid, 4);
    t_put(t, 0, 4);
    return t_send(t);
}

static inline int t_lock(P9T *t, uint32_t fid, uint8_t type, uint8_t *status)
{
    t_begin(t, P9_TLOCK);
    t_put(t, fid, 4);
    t_put(t, type, 1);
    t_put(t, 0, 4);
    t_put(t, 0, 8);
    t_put(t, 100, 8);
    t_put(t, 42, 4);
    t_str(t, "guest");
    int e = t_send(t);
    if (e == 0) {
        *status = p9r_u8(&t->r);
    }
    return e;
}

static inline int t_getlock(P9T *t, uint32_t fid, uint8_t *type)
{
    t_begin(t, P9_TGETLOCK);
    t_put(t, fid, 4);
    t_put(t, 1, 1);
    t_put(t, 0, 8);
    t_put(t, 100, 8);
    t_put(t, 42, 4);
    t_str(t, "guest");
    int e = t_send(t);
    if (e == 0) {
        *type = p9r_u8(&t->r);
    }
    return e;
}

/* Returns the attribute's size (newfid then holds it) or -errno. */
static inline int64_t t_xattrwalk(P9T *t, uint32_t fid, uint32_t newfid, const char *name)
{
    t_begin(t, P9_TXATTRWALK);
    t_put(t, fid, 4);
    t_put(t, newfid, 4);
    t_str(t, name);
    int e = t_send(t);
    return e < 0 ? e : (int64_t)p9r_u64(&t->r);
}

static inline int t_xattrcreate(P9T *t, uint32_t fid, const char *name, uint64_t size,
                                uint32_t flags)
{
    t_begin(t, P9_TXATTRCREATE);
    t_put(t, fid, 4);
    t_str(t, name);
    t_put(t, size, 8);
    t_put(t, flags, 4);
    return t_send(t);
}

#endif
