/*
 * hw/fs/p9_state.c — the 9P server's saved state: the negotiated msize and every fid,
 * so that a guest whose machine was saved and loaded keeps using the fids it holds.
 *
 * A fid is its path from the share's root, its attaching user, and what it holds:
 *   P9_FID_PATH        nothing more;
 *   P9_FID_FILE        the open flags (the host file is reopened by path at load);
 *   P9_FID_DIR         the readdir snapshot, if one was taken (an entry's offset is its
 *                      index + 1, so the guest resumes at the offset it was given);
 *   P9_FID_XATTR_READ  the value or name list it reads from;
 *   P9_FID_XATTR_WRITE the attribute's name, flags, announced size and the bytes written.
 * Qids are not stored in fids: the server computes them from lstat whenever it answers.
 * What a fid's qid says about the object — its type — is saved instead: at load, a path
 * that existed at save time must still exist and be of the same type (a file that became a
 * directory, or vanished, fails the load with a message naming the fid and its path).  The
 * inode number and version may change (a share copied elsewhere, a file the host edited):
 * the server names objects by path at run time too.  A path that was already gone at save
 * time (a fid the guest has not clunked yet) is restored as it was.
 *
 * Load validates everything the stream says as the request handlers validate what the
 * guest sends (path components, sizes, flags, the P9_MAX_HELD budget), builds a new fid
 * table, and replaces the server's only when every fid was restored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hw/fs/p9_int.h"

#define P9_STATE_VERSION 1

/* The host flags a reopened file may have (lopen's open_flags(), minus TRUNC). */
#define REOPEN_FLAGS (HOSTFS_O_ACCMODE | HOSTFS_O_APPEND | HOSTFS_O_DSYNC | HOSTFS_O_SYNC | \
                      HOSTFS_O_NONBLOCK)
/* An entry's "type" in a readdir snapshot: S_IFMT bits (0: unknown). */
#define TYPE_BITS ((uint32_t)S_IFMT)

/* ---- save ---- */

typedef struct FidList {
    P9Fid **v;
    size_t n;
} FidList;

static void collect(P9Fid *f, void *ctx)
{
    FidList *l = ctx;
    l->v[l->n++] = f;
}

static int by_id(const void *a, const void *b)
{
    uint32_t x = (*(P9Fid *const *)a)->id, y = (*(P9Fid *const *)b)->id;
    return x < y ? -1 : x > y;
}

/* The S_IFMT bits of what path names now, 0 if nothing. */
static uint32_t path_type(P9Server *s, const char *path)
{
    HostFsDir *d;
    const char *name;
    if (p9_resolve(s, path, &d, &name) < 0) {
        return 0;
    }
    HostFsStat st;
    int e = host_fs_lstat(d, name, &st);
    p9_dir_put(s, d);
    return e < 0 ? 0 : st.mode & TYPE_BITS;
}

static void save_fid(P9Server *s, P9Fid *f, StateWriter *w)
{
    sw_u32(w, f->id);
    sw_str(w, f->path);
    sw_u32(w, f->uid);
    sw_u8(w, (uint8_t)f->kind);
    sw_u32(w, path_type(s, f->path));
    switch (f->kind) {
    case P9_FID_PATH:
        break;
    case P9_FID_FILE:
        sw_u32(w, f->open_flags);
        break;
    case P9_FID_DIR:
        sw_bool(w, f->have_snapshot);
        if (f->have_snapshot) {
            sw_u32(w, (uint32_t)f->nents);
            for (size_t i = 0; i < f->nents; i++) {
                sw_str(w, f->ents[i].name);
                sw_u64(w, f->ents[i].ino);
                sw_u32(w, f->ents[i].type);
            }
        }
        break;
    case P9_FID_XATTR_READ:
        sw_u32(w, (uint32_t)f->xlen);
        sw_bytes(w, f->xbuf, f->xlen);
        break;
    case P9_FID_XATTR_WRITE:
        sw_str(w, f->xname);
        sw_u32(w, (uint32_t)f->xflags);
        sw_u32(w, (uint32_t)f->xlen);
        sw_u32(w, (uint32_t)f->xfilled);
        sw_bytes(w, f->xbuf, f->xfilled); /* the rest is not written yet */
        break;
    }
}

void p9_server_save(P9Server *s, StateWriter *w)
{
    sw_u32(w, P9_STATE_VERSION);
    sw_u32(w, s->msize);
    sw_u8(w, (uint8_t)s->model);
    sw_bool(w, s->readonly);
    FidList l = {malloc((s->fids.count ? s->fids.count : 1) * sizeof(P9Fid *)), 0};
    if (!l.v) {
        w->failed = true; /* the stream is incomplete, as when the writer runs out */
        return;
    }
    p9_fid_foreach(&s->fids, collect, &l);
    qsort(l.v, l.n, sizeof(l.v[0]), by_id); /* the same state gives the same bytes */
    sw_u32(w, (uint32_t)l.n);
    for (size_t i = 0; i < l.n; i++) {
        save_fid(s, l.v[i], w);
    }
    free(l.v);
}

/* ---- load ---- */

/* A malloc'd string of at most max bytes without NUL bytes, or NULL (stream failed). */
static char *read_string(StateReader *r, size_t max)
{
    uint32_t n = sr_u32(r);
    if (r->failed || n > max || n > r->len - r->pos) {
        sr_fail(r);
        return NULL;
    }
    char *p = malloc((size_t)n + 1);
    if (!p) {
        sr_failf(r, "9p: out of memory");
        return NULL;
    }
    sr_bytes(r, p, n);
    p[n] = 0;
    if (r->failed || strlen(p) != n) {
        free(p);
        sr_fail(r);
        return NULL;
    }
    return p;
}

/* Is path what a fid can hold: "" or components of 1-255 bytes, none "." or "..", none
 * hidden by the security model? */
static bool path_valid(const P9Server *s, const char *path)
{
    if (!*path) {
        return true;
    }
    char comp[P9_NAME_MAX + 1];
    for (const char *p = path;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || n > P9_NAME_MAX) {
            return false;
        }
        memcpy(comp, p, n);
        comp[n] = 0;
        if (p9_name_is_dot(comp) || p9_name_hidden(s, comp)) {
            return false;
        }
        if (!slash) {
            return true;
        }
        p = slash + 1;
    }
}

static const char *type_name(uint32_t type)
{
    switch (type) {
    case S_IFREG:
        return "a file";
    case S_IFDIR:
        return "a directory";
    case S_IFLNK:
        return "a symlink";
    default:
        return "a special file";
    }
}

/* Reopen an open file by its path (P9_FID_FILE). */
static bool reopen_file(P9Server *s, P9Fid *f, StateReader *r)
{
    HostFsDir *d;
    const char *name;
    int fd = p9_resolve(s, f->path, &d, &name);
    if (fd == 0) {
        fd = name ? p9_open_regular(d, name, f->open_flags) : -EISDIR;
        p9_dir_put(s, d);
    }
    if (fd < 0) {
        sr_failf(r, "9p fid %u: cannot reopen '%s': %s", f->id, f->path, strerror(-fd));
        return false;
    }
    f->fd = fd;
    return true;
}

static bool load_snapshot(P9Server *s, P9FidTable *t, P9Fid *f, StateReader *r)
{
    uint32_t n = sr_u32(r);
    /* each entry takes at least 16 bytes of the stream: a bound before allocating */
    if (r->failed || n > (r->len - r->pos) / 16) {
        sr_fail(r);
        return false;
    }
    f->ents = calloc(n ? n : 1, sizeof(*f->ents));
    if (!f->ents) {
        sr_failf(r, "9p: out of memory");
        return false;
    }
    for (uint32_t i = 0; i < n; i++) {
        char *name = read_string(r, P9_NAME_MAX);
        uint64_t ino = sr_u64(r);
        uint32_t type = sr_u32(r);
        if (!name) {
            return false;
        }
        f->ents[f->nents++] = (P9DirEntry){name, ino, type};
        bool dot = p9_name_is_dot(name);
        if (r->failed || !*name || strchr(name, '/') || (type & ~TYPE_BITS) ||
            (i < 2 && (!dot || type != S_IFDIR)) || (i >= 2 && dot) ||
            p9_name_hidden(s, name)) {
            sr_fail(r); /* "." and ".." first, as take_snapshot lists them */
            return false;
        }
        if (!p9_fid_charge(t, f, sizeof(P9DirEntry) + strlen(name) + 1)) {
            sr_failf(r, "9p fid %u: directory listing over the server's memory limit", f->id);
            return false;
        }
    }
    f->have_snapshot = true;
    return true;
}

static bool load_xattr(P9FidTable *t, P9Fid *f, StateReader *r)
{
    bool write = f->kind == P9_FID_XATTR_WRITE;
    uint32_t flags = 0, filled;
    if (write) {
        f->xname = read_string(r, P9_NAME_MAX);
        if (!f->xname) {
            return false;
        }
        flags = sr_u32(r);
    }
    uint32_t len = sr_u32(r);
    filled = write ? sr_u32(r) : len;
    if (r->failed || (write && !*f->xname) ||
        (flags & ~(uint32_t)(HOSTFS_XATTR_CREATE | HOSTFS_XATTR_REPLACE)) ||
        len > P9_XATTR_SIZE_MAX || filled > len || filled > r->len - r->pos) {
        sr_fail(r);
        return false;
    }
    if (!p9_fid_charge(t, f, len)) {
        sr_failf(r, "9p fid %u: xattr over the server's memory limit", f->id);
        return false;
    }
    f->xbuf = calloc(len ? len : 1, 1);
    if (!f->xbuf) {
        sr_failf(r, "9p: out of memory");
        return false;
    }
    sr_bytes(r, f->xbuf, filled);
    f->xlen = len;
    f->xfilled = filled;
    f->xflags = (int)flags;
    return !r->failed;
}

static bool load_fid(P9Server *s, P9FidTable *t, StateReader *r, uint32_t *last_id,
                     bool first)
{
    uint32_t id = sr_u32(r);
    char *path = read_string(r, P9_PATH_MAX * 4);
    uint32_t uid = sr_u32(r);
    uint8_t kind = sr_u8(r);
    uint32_t saved_type = sr_u32(r);
    if (!path) {
        return false;
    }
    if (r->failed || id == P9_NOFID || (!first && id <= *last_id) ||
        kind > P9_FID_XATTR_WRITE || (saved_type & ~TYPE_BITS) || !path_valid(s, path)) {
        free(path);
        sr_fail(r);
        return false;
    }
    *last_id = id;
    P9Fid *f = p9_fid_new(t, id, path, uid);
    if (!f) {
        sr_failf(r, "9p fid %u: over the server's fid or memory limit", id);
        free(path);
        return false;
    }
    free(path);
    /* What was there at save time must be there now (a fid the guest holds to an object
     * that vanished at save time stays as it was: its requests fail with ENOENT). */
    uint32_t now = path_type(s, f->path);
    bool open = kind == P9_FID_FILE || kind == P9_FID_DIR;
    if ((saved_type || open) && now != saved_type) {
        const char *p = *f->path ? f->path : "/";
        if (!saved_type) {
            sr_failf(r, "9p fid %u: '%s' was deleted while open: it cannot be reopened", id,
                     p);
        } else if (!now) {
            sr_failf(r, "9p fid %u: '%s' no longer exists in the shared directory", id, p);
        } else {
            sr_failf(r, "9p fid %u: '%s' was %s and is now %s", id, p, type_name(saved_type),
                     type_name(now));
        }
        return false;
    }
    if ((kind == P9_FID_FILE && now != S_IFREG) || (kind == P9_FID_DIR && now != S_IFDIR)) {
        sr_fail(r); /* an open fid of another type: not a state this server makes */
        return false;
    }
    switch ((P9FidKind)kind) {
    case P9_FID_PATH:
        return true;
    case P9_FID_FILE:
        f->open_flags = sr_u32(r);
        if (r->failed || (f->open_flags & ~(unsigned)REOPEN_FLAGS) ||
            (f->open_flags & HOSTFS_O_ACCMODE) == HOSTFS_O_ACCMODE ||
            (s->readonly && (f->open_flags & HOSTFS_O_ACCMODE) != HOSTFS_O_RDONLY)) {
            sr_fail(r);
            return false;
        }
        if (!reopen_file(s, f, r)) {
            return false;
        }
        f->kind = P9_FID_FILE;
        return true;
    case P9_FID_DIR: {
        f->kind = P9_FID_DIR;
        bool snap = sr_bool(r);
        if (r->failed) {
            return false;
        }
        return !snap || load_snapshot(s, t, f, r);
    }
    case P9_FID_XATTR_READ:
    case P9_FID_XATTR_WRITE:
        f->kind = (P9FidKind)kind;
        return load_xattr(t, f, r);
    }
    return false;
}

bool p9_server_load(P9Server *s, StateReader *r)
{
    uint32_t version = sr_u32(r);
    if (r->failed) {
        return false;
    }
    if (version == 0 || version > P9_STATE_VERSION) {
        sr_failf(r, "9p: state version %u is not supported (this build: %u)", version,
                 P9_STATE_VERSION);
        return false;
    }
    uint32_t msize = sr_u32(r);
    uint8_t model = sr_u8(r);
    bool readonly = sr_bool(r);
    uint32_t n = sr_u32(r);
    if (r->failed || msize < P9_MIN_MSIZE || msize > P9_MAX_MSIZE || n > P9_MAX_FIDS) {
        sr_fail(r);
        return false;
    }
    if (model != (uint8_t)s->model || readonly != s->readonly) {
        sr_failf(r, "9p: the state's share has another security_model or readonly setting "
                 "than this one");
        return false;
    }
    P9FidTable t;
    memset(&t, 0, sizeof(t));
    if (p9_fids_init(&t) != 0) {
        sr_failf(r, "9p: out of memory");
        return false;
    }
    uint32_t last_id = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!load_fid(s, &t, r, &last_id, i == 0)) {
            p9_fids_fini(&t);
            return false;
        }
    }
    p9_fids_fini(&s->fids);
    s->fids = t;
    s->msize = msize;
    return true;
}
