/*
 * hw/fs/p9_file.c — requests on open fids: lopen, lcreate, read, write, readdir, fsync,
 * lock/getlock, and the xattr fids (xattrwalk, xattrcreate).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hw/fs/p9_int.h"

/* Linux open flags as 9P2000.L carries them (the generic octal values). */
#define L_O_ACCMODE 03u
#define L_O_CREAT 0100u
#define L_O_TRUNC 01000u
#define L_O_APPEND 02000u
#define L_O_DSYNC 010000u
#define L_O_DIRECTORY 0200000u
#define L_O_SYNC 04000000u

#define P9_LOCK_TYPE_UNLCK 2
#define P9_LOCK_SUCCESS 0

static int open_flags(uint32_t l, unsigned *out)
{
    if ((l & L_O_ACCMODE) == L_O_ACCMODE) {
        return -EINVAL;
    }
    unsigned f = l & L_O_ACCMODE;
    f |= (l & L_O_TRUNC) ? HOSTFS_O_TRUNC : 0;
    f |= (l & L_O_APPEND) ? HOSTFS_O_APPEND : 0;
    f |= (l & L_O_DSYNC) ? HOSTFS_O_DSYNC : 0;
    f |= (l & L_O_SYNC) ? HOSTFS_O_SYNC : 0;
    /* no effect on the regular files we open; should the host swap one for a FIFO
     * between our lstat and our open, the server (and the guest) must not hang */
    f |= HOSTFS_O_NONBLOCK;
    *out = f;
    return 0;
}

static bool open_modifies(uint32_t l)
{
    return (l & L_O_ACCMODE) != 0 || (l & (L_O_CREAT | L_O_TRUNC | L_O_APPEND));
}

int p9_open_regular(HostFsDir *d, const char *name, unsigned flags)
{
    HostFsStat raw;
    int e = host_fs_lstat(d, name, &raw);
    if (e == 0 && !S_ISREG(raw.mode)) {
        e = -EOPNOTSUPP;
    }
    int fd = e < 0 ? e : host_fs_open(d, name, flags, 0);
    if (fd >= 0 && (host_fs_fstat(fd, &raw) < 0 || !S_ISREG(raw.mode))) {
        host_fs_close(fd); /* swapped on the host meanwhile */
        fd = -EOPNOTSUPP;
    }
    return fd;
}

int p9_op_lopen(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r), lflags = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    if (f->kind != P9_FID_PATH) {
        return -EINVAL;
    }
    unsigned fl;
    int e = open_flags(lflags, &fl);
    if (e < 0) {
        return e;
    }
    if (s->readonly && open_modifies(lflags)) {
        return -EROFS;
    }
    HostFsDir *d;
    const char *name;
    e = p9_resolve(s, f->path, &d, &name);
    if (e < 0) {
        return e;
    }
    HostFsStat st;
    e = p9_stat(s, d, name, &st);
    if (e == 0 && S_ISDIR(st.mode)) {
        if ((fl & HOSTFS_O_ACCMODE) != HOSTFS_O_RDONLY) {
            e = -EISDIR;
        } else {
            /* check that the host lets us read it; readdir lists it afresh */
            int fd = host_fs_open(d, name, HOSTFS_O_RDONLY | HOSTFS_O_DIRECTORY, 0);
            if (fd < 0) {
                e = fd;
            } else {
                host_fs_close(fd);
                f->kind = P9_FID_DIR;
            }
        }
    } else if (e == 0 && S_ISLNK(st.mode)) {
        e = -ELOOP; /* the guest resolves symlinks itself; never open one here */
    } else if (e == 0 && (lflags & L_O_DIRECTORY)) {
        e = -ENOTDIR;
    } else if (e == 0) {
        /* Only regular host files are opened: the guest's kernel handles its device
         * nodes, FIFOs and sockets itself and never opens them here, and opening a host
         * device node (made by the host or by a passthrough guest) would hand the guest
         * that host device. */
        int fd = p9_open_regular(d, name, fl);
        if (fd < 0) {
            e = fd;
        } else {
            f->fd = fd;
            f->open_flags = fl & ~(unsigned)HOSTFS_O_TRUNC;
            f->kind = P9_FID_FILE;
        }
    }
    p9_dir_put(s, d);
    if (e < 0) {
        return e;
    }
    P9Qid q;
    p9_qid_from_stat(&st, &q);
    p9w_qid(w, &q);
    p9w_u32(w, 0); /* iounit: 0 = msize minus the header */
    return 0;
}

int p9_op_lcreate(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r);
    P9Str n = p9r_str(r);
    uint32_t lflags = p9r_u32(r), mode = p9r_u32(r), gid = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    char name[P9_NAME_MAX + 1];
    int e = p9_name_copy(n, name);
    if (e < 0) {
        return e;
    }
    if (p9_name_is_dot(name)) {
        return -EEXIST;
    }
    if (p9_name_hidden(s, name)) {
        return -EINVAL;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    if (f->kind != P9_FID_PATH) {
        return -EINVAL;
    }
    unsigned fl;
    e = open_flags(lflags, &fl);
    if (e < 0) {
        return e;
    }
    char *path = p9_path_join(f->path, name);
    if (!path) {
        return -ENAMETOOLONG;
    }
    if (!p9_fid_path_fits(&s->fids, f, path)) {
        free(path);
        return -ENOMEM;
    }
    HostFsDir *d;
    e = p9_open_dir(s, f->path, &d);
    if (e < 0) {
        free(path);
        return e;
    }
    int fd = -1;
    e = p9_create(s, d, name, S_IFREG | (mode & 07777), f->uid, gid, 0, NULL, fl, &fd);
    HostFsStat st;
    if (e == 0) {
        e = p9_stat(s, d, name, &st);
    }
    p9_dir_put(s, d);
    if (e < 0) {
        if (fd >= 0) {
            host_fs_close(fd);
        }
        free(path);
        return e;
    }
    p9_fid_set_path(&s->fids, f, path); /* fits: checked above, nothing charged since */
    f->fd = fd;
    f->open_flags = fl & ~(unsigned)HOSTFS_O_TRUNC;
    f->kind = P9_FID_FILE;
    P9Qid q;
    p9_qid_from_stat(&st, &q);
    p9w_qid(w, &q);
    p9w_u32(w, 0);
    return 0;
}

int p9_op_read(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r);
    uint64_t off = p9r_u64(r);
    uint32_t count = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    size_t room = p9w_room(w) >= 4 ? p9w_room(w) - 4 : 0;
    size_t n = count < room ? count : room;
    size_t at = w->pos;
    p9w_u32(w, 0);
    int64_t got;
    if (f->kind == P9_FID_FILE) {
        got = host_fs_pread(f->fd, w->p + w->pos, n, off);
    } else if (f->kind == P9_FID_XATTR_READ) {
        got = off >= f->xlen ? 0 : (int64_t)(f->xlen - off < n ? f->xlen - off : n);
        if (got) {
            memcpy(w->p + w->pos, f->xbuf + off, (size_t)got);
        }
    } else {
        return -EINVAL;
    }
    if (got < 0) {
        return (int)got;
    }
    w->pos += (size_t)got;
    p9w_put_u32_at(w, at, (uint32_t)got);
    return 0;
}

int p9_op_write(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r);
    uint64_t off = p9r_u64(r);
    uint32_t count = p9r_u32(r);
    const uint8_t *data = p9r_bytes(r, count);
    if (r->bad) {
        return -EPROTO; /* count past the end of the message */
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    int64_t done;
    if (f->kind == P9_FID_FILE) {
        done = host_fs_pwrite(f->fd, data, count, off);
    } else if (f->kind == P9_FID_XATTR_WRITE) {
        /* the value arrives in order; Txattrcreate fixed its size */
        if (off != f->xfilled || count > f->xlen - f->xfilled) {
            return -EINVAL;
        }
        if (count) {
            memcpy(f->xbuf + off, data, count);
        }
        f->xfilled += count;
        done = count;
    } else {
        return -EINVAL;
    }
    if (done < 0) {
        return (int)done;
    }
    p9w_u32(w, (uint32_t)done);
    return 0;
}

/* ---- readdir: a snapshot of the directory taken at offset 0; an entry's offset is its
 * index + 1, so a guest resuming at any offset it was given gets the next entries. ---- */

typedef struct ListCtx {
    P9Server *s;
    P9Fid *f;
    size_t cap;
} ListCtx;

static int add_entry(P9Server *s, P9Fid *f, size_t *cap, const char *name, uint64_t ino,
                     uint32_t type)
{
    if (!p9_fid_charge(&s->fids, f, sizeof(P9DirEntry) + strlen(name) + 1)) {
        return -ENOMEM; /* a directory too large to list */
    }
    if (f->nents == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        P9DirEntry *ne = realloc(f->ents, ncap * sizeof(*ne));
        if (!ne) {
            return -ENOMEM;
        }
        f->ents = ne;
        *cap = ncap;
    }
    char *copy = strdup(name);
    if (!copy) {
        return -ENOMEM;
    }
    f->ents[f->nents++] = (P9DirEntry){copy, ino, type};
    return 0;
}

static int list_one(void *opaque, const char *name, uint64_t ino, uint32_t type)
{
    ListCtx *c = opaque;
    if (p9_name_hidden(c->s, name)) {
        return 0;
    }
    return add_entry(c->s, c->f, &c->cap, name, ino, type);
}

static int take_snapshot(P9Server *s, P9Fid *f)
{
    p9_fid_reset_state(&s->fids, f); /* a P9_FID_DIR holds nothing but its snapshot */
    f->kind = P9_FID_DIR;
    HostFsStat self, parent;
    char *ppath = p9_path_parent(f->path);
    if (!ppath) {
        return -ENOMEM;
    }
    int e = p9_stat_path(s, f->path, &self);
    if (e == 0) {
        e = p9_stat_path(s, ppath, &parent);
    }
    free(ppath);
    if (e < 0) {
        return e;
    }
    ListCtx c = {s, f, 0};
    e = add_entry(s, f, &c.cap, ".", self.ino, S_IFDIR);
    if (e == 0) {
        e = add_entry(s, f, &c.cap, "..", parent.ino, S_IFDIR);
    }
    HostFsDir *d = NULL;
    if (e == 0) {
        e = p9_open_dir(s, f->path, &d);
    }
    if (e == 0) {
        e = host_fs_list(d, list_one, &c);
        p9_dir_put(s, d);
    }
    if (e < 0) {
        p9_fid_reset_state(&s->fids, f);
        f->kind = P9_FID_DIR;
        return e;
    }
    f->have_snapshot = true;
    return 0;
}

int p9_op_readdir(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r);
    uint64_t off = p9r_u64(r);
    uint32_t count = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    if (f->kind != P9_FID_DIR) {
        return -EINVAL;
    }
    if (off == 0 || !f->have_snapshot) {
        int e = take_snapshot(s, f);
        if (e < 0) {
            return e;
        }
    }
    size_t room = p9w_room(w) >= 4 ? p9w_room(w) - 4 : 0;
    size_t limit = count < room ? count : room, used = 0;
    size_t at = w->pos;
    p9w_u32(w, 0);
    for (uint64_t i = off; i < f->nents; i++) {
        const P9DirEntry *e = &f->ents[i];
        size_t len = strlen(e->name), need = P9_QID_SIZE + 8 + 1 + 2 + len;
        if (used + need > limit) {
            break;
        }
        HostFsStat fake = {.ino = e->ino, .mode = e->type};
        P9Qid q;
        p9_qid_from_stat(&fake, &q);
        q.version = 0;
        p9w_qid(w, &q);
        p9w_u64(w, i + 1);
        p9w_u8(w, (uint8_t)(e->type >> 12)); /* DT_* = S_IFMT >> 12 */
        p9w_str(w, e->name, len);
        used += need;
    }
    p9w_put_u32_at(w, at, (uint32_t)used);
    return 0;
}

int p9_op_fsync(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)w;
    uint32_t fid = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    /* datasync[4] was added to Tfsync later: optional */
    bool datasync = r->len - r->pos >= 4 ? p9r_u32(r) != 0 : false;
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    if (f->kind == P9_FID_FILE) {
        return host_fs_fsync(f->fd, datasync);
    }
    if (f->kind != P9_FID_DIR) {
        return -EBADF;
    }
    HostFsDir *d;
    int e = p9_open_dir(s, f->path, &d);
    if (e < 0) {
        return e;
    }
    int fd = host_fs_open(d, NULL, HOSTFS_O_RDONLY | HOSTFS_O_DIRECTORY, 0);
    p9_dir_put(s, d);
    if (fd < 0) {
        return fd;
    }
    e = host_fs_fsync(fd, datasync);
    host_fs_close(fd);
    return e;
}

/* Locks: as QEMU's local driver, every lock is granted and getlock reports none; the
 * guest kernel arbitrates between its own processes. */
int p9_op_lock(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r);
    uint8_t type = p9r_u8(r);
    p9r_u32(r); /* flags */
    p9r_u64(r); /* start */
    p9r_u64(r); /* length */
    p9r_u32(r); /* proc_id */
    p9r_str(r); /* client_id */
    if (r->bad) {
        return -EPROTO;
    }
    if (!p9_fid_get(&s->fids, fid)) {
        return -ENOENT;
    }
    if (type > P9_LOCK_TYPE_UNLCK) {
        return -EINVAL;
    }
    p9w_u8(w, P9_LOCK_SUCCESS);
    return 0;
}

int p9_op_getlock(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r);
    uint8_t type = p9r_u8(r);
    uint64_t start = p9r_u64(r), length = p9r_u64(r);
    uint32_t proc_id = p9r_u32(r);
    P9Str client = p9r_str(r);
    if (r->bad) {
        return -EPROTO;
    }
    if (!p9_fid_get(&s->fids, fid)) {
        return -ENOENT;
    }
    if (type > P9_LOCK_TYPE_UNLCK) {
        return -EINVAL;
    }
    p9w_u8(w, P9_LOCK_TYPE_UNLCK);
    p9w_u64(w, start);
    p9w_u64(w, length);
    p9w_u32(w, proc_id);
    p9w_str(w, client.s, client.len);
    return 0;
}

/* ---- xattrs ---- */

/* An xattr name: 1..255 bytes, no NUL (empty is allowed where `empty_ok`: "list"). */
static int xattr_name(P9Str n, char *out, bool empty_ok)
{
    if ((n.len == 0 && !empty_ok) || memchr(n.s, '\0', n.len)) {
        return -EINVAL;
    }
    if (n.len > P9_NAME_MAX) {
        return -ERANGE;
    }
    memcpy(out, n.s, n.len);
    out[n.len] = '\0';
    return 0;
}

int p9_op_xattrwalk(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t fid = p9r_u32(r), newfid = p9r_u32(r);
    P9Str n = p9r_str(r);
    if (r->bad) {
        return -EPROTO;
    }
    char xname[P9_NAME_MAX + 1];
    int e = xattr_name(n, xname, true);
    if (e < 0) {
        return e;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    if (p9_fid_get(&s->fids, newfid)) {
        return -EEXIST;
    }
    HostFsDir *d;
    const char *name;
    e = p9_resolve(s, f->path, &d, &name);
    if (e < 0) {
        return e;
    }
    int64_t size = *xname ? p9_xattr_get(s, d, name, xname, NULL, 0)
                          : p9_xattr_list(s, d, name, NULL, 0);
    uint8_t *buf = NULL;
    if (size > (int64_t)P9_XATTR_SIZE_MAX) {
        size = -E2BIG;
    } else if (size >= 0) {
        buf = malloc(size ? (size_t)size : 1);
        if (!buf) {
            size = -ENOMEM;
        } else if (size > 0) {
            size = *xname ? p9_xattr_get(s, d, name, xname, buf, (size_t)size)
                          : p9_xattr_list(s, d, name, (char *)buf, (size_t)size);
        }
    }
    p9_dir_put(s, d);
    if (size < 0) {
        free(buf);
        return (int)size;
    }
    P9Fid *nf = p9_fid_new(&s->fids, newfid, f->path, f->uid);
    if (nf && !p9_fid_charge(&s->fids, nf, (size_t)size)) {
        p9_fid_free(&s->fids, nf);
        nf = NULL;
    }
    if (!nf) {
        free(buf);
        return -ENOMEM;
    }
    nf->kind = P9_FID_XATTR_READ;
    nf->xbuf = buf;
    nf->xlen = (size_t)size;
    p9w_u64(w, (uint64_t)size);
    return 0;
}

int p9_op_xattrcreate(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)w;
    uint32_t fid = p9r_u32(r);
    P9Str n = p9r_str(r);
    uint64_t size = p9r_u64(r);
    uint32_t flags = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    char xname[P9_NAME_MAX + 1];
    int e = xattr_name(n, xname, false);
    if (e < 0) {
        return e;
    }
    if (flags & ~(uint32_t)(HOSTFS_XATTR_CREATE | HOSTFS_XATTR_REPLACE)) {
        return -EINVAL;
    }
    if (size > P9_XATTR_SIZE_MAX) {
        return -E2BIG;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    if (f->kind != P9_FID_PATH) {
        return -EINVAL;
    }
    if (!p9_fid_charge(&s->fids, f, (size_t)size)) {
        return -ENOMEM;
    }
    f->xbuf = malloc(size ? (size_t)size : 1);
    f->xname = strdup(xname);
    if (!f->xbuf || !f->xname) {
        p9_fid_reset_state(&s->fids, f);
        return -ENOMEM;
    }
    f->kind = P9_FID_XATTR_WRITE;
    f->xlen = (size_t)size;
    f->xfilled = 0;
    f->xflags = (int)flags;
    return 0;
}

int p9_xattr_commit(P9Server *s, P9Fid *f)
{
    if (f->xfilled != f->xlen) {
        return -EINVAL; /* the guest announced more than it wrote */
    }
    HostFsDir *d;
    const char *name;
    int e = p9_resolve(s, f->path, &d, &name);
    if (e < 0) {
        return e;
    }
    /* as QEMU: an empty value removes the attribute (Linux's removexattr sends that) */
    e = f->xlen ? p9_xattr_set(s, d, name, f->xname, f->xbuf, f->xlen, f->xflags)
                : p9_xattr_remove(s, d, name, f->xname);
    p9_dir_put(s, d);
    return e;
}
