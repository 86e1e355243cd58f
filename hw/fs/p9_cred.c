/*
 * hw/fs/p9_cred.c — the security models: how the guest's owners, modes and special files
 * are kept on the host (the behaviour of QEMU's `local` fsdev driver).
 *
 *  passthrough   the host file's own uid/gid/mode are the guest's; creating a file chowns
 *                it to the guest's user, and that failing fails the request (run as root).
 *  none          the same, but a failed chown at creation is ignored.
 *  mapped-xattr  host files are created 0600 (directories 0700) and owned by whoever runs
 *                the emulator; the guest's uid/gid/mode/rdev live in the xattrs
 *                user.virtfs.{uid,gid,mode,rdev} (little-endian 32-bit; rdev 64-bit), which
 *                the guest cannot see or set.  Symlinks and device nodes are regular files
 *                (a symlink's file holds its target).
 *  mapped-file   the same, but the metadata lives in DIR/.virtfs_metadata/NAME (the root's
 *                in .virtfs_metadata_root) as "virtfs.uid=N" lines, hidden from the guest.
 *                Needs no xattrs, so it also works under Node.js.  As in QEMU, the
 *                metadata belongs to a name: a hard link starts with a copy, and a chmod
 *                or chown through one name does not show through the other.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hw/fs/p9_int.h"

#define XA_UID "user.virtfs.uid"
#define XA_GID "user.virtfs.gid"
#define XA_MODE "user.virtfs.mode"
#define XA_RDEV "user.virtfs.rdev"
#define META_DIR ".virtfs_metadata"
#define META_ROOT ".virtfs_metadata_root"
#define META_MAX 512

bool p9_model_mapped(const P9Server *s)
{
    return s->model == P9_SECURITY_MAPPED_XATTR || s->model == P9_SECURITY_MAPPED_FILE;
}

/* ---- mapped-xattr ---- */

static bool xa_get(HostFsDir *d, const char *name, const char *xname, uint64_t *v, size_t n)
{
    uint8_t b[8];
    if (host_fs_getxattr(d, name, xname, b, n) != (int64_t)n) {
        return false;
    }
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        *v |= (uint64_t)b[i] << (8 * i);
    }
    return true;
}

static int xa_set(HostFsDir *d, const char *name, const char *xname, uint64_t v, size_t n)
{
    uint8_t b[8];
    for (size_t i = 0; i < n; i++) {
        b[i] = (uint8_t)(v >> (8 * i));
    }
    return host_fs_setxattr(d, name, xname, b, n, 0);
}

static void xa_load(HostFsDir *d, const char *name, P9Cred *c)
{
    uint64_t v;
    c->mask = 0;
    if (xa_get(d, name, XA_UID, &v, 4)) {
        c->uid = (uint32_t)v, c->mask |= P9_CRED_UID;
    }
    if (xa_get(d, name, XA_GID, &v, 4)) {
        c->gid = (uint32_t)v, c->mask |= P9_CRED_GID;
    }
    if (xa_get(d, name, XA_MODE, &v, 4)) {
        c->mode = (uint32_t)v, c->mask |= P9_CRED_MODE;
    }
    if (xa_get(d, name, XA_RDEV, &v, 8)) {
        c->rdev = v, c->mask |= P9_CRED_RDEV;
    }
}

static int xa_store(HostFsDir *d, const char *name, const P9Cred *c)
{
    int r = 0;
    if (!r && (c->mask & P9_CRED_UID)) {
        r = xa_set(d, name, XA_UID, c->uid, 4);
    }
    if (!r && (c->mask & P9_CRED_GID)) {
        r = xa_set(d, name, XA_GID, c->gid, 4);
    }
    if (!r && (c->mask & P9_CRED_MODE)) {
        r = xa_set(d, name, XA_MODE, c->mode, 4);
    }
    if (!r && (c->mask & P9_CRED_RDEV)) {
        r = xa_set(d, name, XA_RDEV, c->rdev, 8);
    }
    return r;
}

/* ---- mapped-file ---- */

/* The metadata file of (d, name): .virtfs_metadata/name, or the root's own file. */
static int mf_open(HostFsDir *d, const char *name, unsigned flags)
{
    if (!name) {
        return host_fs_open(d, META_ROOT, flags, 0600);
    }
    HostFsDir *md;
    int r = host_fs_dir_open(d, META_DIR, &md);
    if (r == -ENOENT && (flags & HOSTFS_O_CREAT)) {
        r = host_fs_mkdir(d, META_DIR, 0700);
        r = (r == 0 || r == -EEXIST) ? host_fs_dir_open(d, META_DIR, &md) : r;
    }
    if (r < 0) {
        return r;
    }
    r = host_fs_open(md, name, flags, 0600);
    host_fs_dir_close(md);
    return r;
}

static void mf_load(HostFsDir *d, const char *name, P9Cred *c)
{
    c->mask = 0;
    int fd = mf_open(d, name, HOSTFS_O_RDONLY | HOSTFS_O_NONBLOCK);
    if (fd < 0) {
        return;
    }
    char buf[META_MAX + 1];
    int64_t n = host_fs_pread(fd, buf, META_MAX, 0);
    host_fs_close(fd);
    if (n <= 0) {
        return;
    }
    buf[n] = '\0';
    static const struct {
        const char *key;
        unsigned bit;
    } keys[] = {{"virtfs.uid=", P9_CRED_UID}, {"virtfs.gid=", P9_CRED_GID},
                {"virtfs.mode=", P9_CRED_MODE}, {"virtfs.rdev=", P9_CRED_RDEV}};
    for (char *line = buf; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
        }
        for (size_t i = 0; i < 4; i++) {
            size_t kl = strlen(keys[i].key);
            if (strncmp(line, keys[i].key, kl) == 0) {
                uint64_t v = strtoull(line + kl, NULL, 10);
                c->mask |= keys[i].bit;
                if (keys[i].bit == P9_CRED_UID) {
                    c->uid = (uint32_t)v;
                } else if (keys[i].bit == P9_CRED_GID) {
                    c->gid = (uint32_t)v;
                } else if (keys[i].bit == P9_CRED_MODE) {
                    c->mode = (uint32_t)v;
                } else {
                    c->rdev = v;
                }
            }
        }
        line = nl ? nl + 1 : NULL;
    }
}

static int mf_store(HostFsDir *d, const char *name, const P9Cred *c)
{
    P9Cred m;
    mf_load(d, name, &m);
    if (c->mask & P9_CRED_UID) {
        m.uid = c->uid;
    }
    if (c->mask & P9_CRED_GID) {
        m.gid = c->gid;
    }
    if (c->mask & P9_CRED_MODE) {
        m.mode = c->mode;
    }
    if (c->mask & P9_CRED_RDEV) {
        m.rdev = c->rdev;
    }
    m.mask |= c->mask;
    char buf[META_MAX];
    size_t n = 0;
    if (m.mask & P9_CRED_UID) {
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "virtfs.uid=%u\n", m.uid);
    }
    if (m.mask & P9_CRED_GID) {
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "virtfs.gid=%u\n", m.gid);
    }
    if (m.mask & P9_CRED_MODE) {
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "virtfs.mode=%u\n", m.mode);
    }
    if (m.mask & P9_CRED_RDEV) {
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "virtfs.rdev=%llu\n",
                              (unsigned long long)m.rdev);
    }
    int fd = mf_open(d, name, HOSTFS_O_WRONLY | HOSTFS_O_CREAT | HOSTFS_O_TRUNC);
    if (fd < 0) {
        return fd;
    }
    int64_t w = host_fs_pwrite(fd, buf, n, 0);
    host_fs_close(fd);
    return w < 0 ? (int)w : (size_t)w == n ? 0 : -EIO;
}

/* ---- the model-independent entry points ---- */

static void load(P9Server *s, HostFsDir *d, const char *name, P9Cred *c)
{
    c->mask = 0;
    if (s->model == P9_SECURITY_MAPPED_XATTR) {
        xa_load(d, name, c);
    } else if (s->model == P9_SECURITY_MAPPED_FILE) {
        mf_load(d, name, c);
    }
}

void p9_cred_apply(P9Server *s, HostFsDir *d, const char *name, HostFsStat *st)
{
    P9Cred c;
    load(s, d, name, &c);
    if (c.mask & P9_CRED_UID) {
        st->uid = c.uid;
    }
    if (c.mask & P9_CRED_GID) {
        st->gid = c.gid;
    }
    if (c.mask & P9_CRED_MODE) {
        st->mode = c.mode;
    }
    if (c.mask & P9_CRED_RDEV) {
        st->rdev = c.rdev;
    }
}

int p9_cred_store(P9Server *s, HostFsDir *d, const char *name, const P9Cred *c)
{
    if (s->model == P9_SECURITY_MAPPED_XATTR) {
        return xa_store(d, name, c);
    }
    if (s->model == P9_SECURITY_MAPPED_FILE) {
        return mf_store(d, name, c);
    }
    return 0;
}

void p9_cred_forget(P9Server *s, HostFsDir *d, const char *name)
{
    HostFsDir *md;
    if (s->model == P9_SECURITY_MAPPED_FILE && host_fs_dir_open(d, META_DIR, &md) == 0) {
        host_fs_unlink(md, name, false);
        host_fs_dir_close(md);
    }
}

void p9_cred_rename(P9Server *s, HostFsDir *od, const char *on, HostFsDir *nd, const char *nn)
{
    if (s->model != P9_SECURITY_MAPPED_FILE) {
        return;
    }
    P9Cred c;
    mf_load(od, on, &c);
    p9_cred_forget(s, nd, nn); /* the replaced entry's, if any */
    if (c.mask) {
        mf_store(nd, nn, &c);
        p9_cred_forget(s, od, on);
    }
}

void p9_cred_link(P9Server *s, HostFsDir *od, const char *on, HostFsDir *nd, const char *nn)
{
    if (s->model == P9_SECURITY_MAPPED_FILE) {
        P9Cred c;
        mf_load(od, on, &c);
        if (c.mask) {
            mf_store(nd, nn, &c);
        }
    }
}

static void give_fd(int fd, int *fd_out)
{
    if (fd_out) {
        *fd_out = fd;
    } else {
        host_fs_close(fd);
    }
}

/* Undo a half-made entry. */
static void undo_create(P9Server *s, HostFsDir *d, const char *name, bool dir, int *fd)
{
    if (fd && *fd >= 0) {
        host_fs_close(*fd);
        *fd = -1;
    }
    host_fs_unlink(d, name, dir);
    p9_cred_forget(s, d, name);
}

static int create_mapped(P9Server *s, HostFsDir *d, const char *name, uint32_t mode,
                         uint32_t uid, uint32_t gid, uint64_t rdev, const char *target,
                         unsigned open_flags, int *fd_out)
{
    uint32_t type = mode & S_IFMT;
    int fd = -1, r;
    if (type == S_IFDIR) {
        r = host_fs_mkdir(d, name, 0700);
    } else {
        unsigned fl = type == S_IFREG ? (open_flags | HOSTFS_O_CREAT | HOSTFS_O_EXCL)
                                      : (HOSTFS_O_WRONLY | HOSTFS_O_CREAT | HOSTFS_O_EXCL);
        r = fd = host_fs_open(d, name, fl, 0600);
        if (r == -EEXIST && type == S_IFREG && !(open_flags & HOSTFS_O_EXCL)) {
            /* open(O_CREAT) of an existing file: just open it, as the host would */
            r = host_fs_open(d, name, open_flags & ~HOSTFS_O_CREAT, 0);
            if (r >= 0) {
                give_fd(r, fd_out);
                return 0;
            }
        }
    }
    if (r < 0) {
        return r;
    }
    if (type == S_IFLNK) {
        size_t len = strlen(target);
        int64_t w = host_fs_pwrite(fd, target, len, 0);
        if (w < 0 || (size_t)w != len) {
            undo_create(s, d, name, false, &fd);
            return w < 0 ? (int)w : -EIO;
        }
    }
    P9Cred c = {.mask = P9_CRED_UID | P9_CRED_GID | P9_CRED_MODE,
                .uid = uid, .gid = gid, .mode = mode};
    if (type == S_IFCHR || type == S_IFBLK) {
        c.mask |= P9_CRED_RDEV;
        c.rdev = rdev;
    }
    r = p9_cred_store(s, d, name, &c);
    if (r < 0) {
        undo_create(s, d, name, type == S_IFDIR, &fd);
        return r;
    }
    if (type == S_IFREG && fd_out) {
        *fd_out = fd;
    } else if (fd >= 0) {
        host_fs_close(fd);
    }
    return 0;
}

static int create_passthrough(P9Server *s, HostFsDir *d, const char *name, uint32_t mode,
                              uint32_t uid, uint32_t gid, uint64_t rdev, const char *target,
                              unsigned open_flags, int *fd_out)
{
    uint32_t type = mode & S_IFMT, perm = mode & 07777;
    int fd = -1, r;
    if (type == S_IFDIR) {
        r = host_fs_mkdir(d, name, perm);
    } else if (type == S_IFREG) {
        r = fd = host_fs_open(d, name, open_flags | HOSTFS_O_CREAT | HOSTFS_O_EXCL, perm);
        if (r == -EEXIST && !(open_flags & HOSTFS_O_EXCL)) {
            r = host_fs_open(d, name, open_flags & ~HOSTFS_O_CREAT, 0);
            if (r >= 0) {
                give_fd(r, fd_out);
                return 0;
            }
        }
    } else if (type == S_IFLNK) {
        r = host_fs_symlink(d, name, target);
    } else {
        r = host_fs_mknod(d, name, mode, rdev);
    }
    if (r < 0) {
        return r;
    }
    if (type != S_IFLNK) {
        r = host_fs_chmod(d, name, perm); /* the exact mode, whatever the host's umask */
        if (r < 0) {
            undo_create(s, d, name, type == S_IFDIR, &fd);
            return r;
        }
    }
    HostFsStat st;
    r = host_fs_lstat(d, name, &st);
    if (r == 0 && (st.uid != uid || st.gid != gid)) {
        r = host_fs_chown(d, name, uid, gid);
    }
    if (r < 0 && s->model == P9_SECURITY_PASSTHROUGH) {
        undo_create(s, d, name, type == S_IFDIR, &fd);
        return r;
    }
    if (type == S_IFREG && fd_out) {
        *fd_out = fd;
    } else if (fd >= 0) {
        host_fs_close(fd);
    }
    return 0;
}

int p9_create(P9Server *s, HostFsDir *d, const char *name, uint32_t mode, uint32_t uid,
              uint32_t gid, uint64_t rdev, const char *target, unsigned open_flags,
              int *fd_out)
{
    return p9_model_mapped(s)
               ? create_mapped(s, d, name, mode, uid, gid, rdev, target, open_flags, fd_out)
               : create_passthrough(s, d, name, mode, uid, gid, rdev, target, open_flags,
                                    fd_out);
}

int p9_cred_chmod(P9Server *s, HostFsDir *d, const char *name, const HostFsStat *st,
                  uint32_t mode)
{
    if (p9_model_mapped(s)) {
        P9Cred c = {.mask = P9_CRED_MODE, .mode = (st->mode & S_IFMT) | (mode & 07777)};
        return p9_cred_store(s, d, name, &c);
    }
    return host_fs_chmod(d, name, mode & 07777);
}

int p9_cred_chown(P9Server *s, HostFsDir *d, const char *name, uint32_t uid, uint32_t gid)
{
    if (p9_model_mapped(s)) {
        P9Cred c = {.uid = uid, .gid = gid};
        c.mask = (uid != (uint32_t)-1 ? P9_CRED_UID : 0) | (gid != (uint32_t)-1 ? P9_CRED_GID : 0);
        return p9_cred_store(s, d, name, &c);
    }
    return host_fs_chown(d, name, uid, gid);
}

int p9_readlink(P9Server *s, HostFsDir *d, const char *name, char *buf, size_t cap)
{
    if (!name) {
        return -EINVAL;
    }
    HostFsStat st;
    if (!p9_model_mapped(s) ||
        (host_fs_lstat(d, name, &st) == 0 && S_ISLNK(st.mode))) {
        return host_fs_readlink(d, name, buf, cap); /* a real one (made on the host) */
    }
    int fd = host_fs_open(d, name, HOSTFS_O_RDONLY | HOSTFS_O_NONBLOCK, 0);
    if (fd < 0) {
        return fd;
    }
    int64_t n = host_fs_pread(fd, buf, cap, 0);
    host_fs_close(fd);
    return (int)n;
}
