/*
 * hw/fs/p9_ops.c — requests that change the namespace or metadata: mkdir, symlink, mknod,
 * readlink, link, rename, renameat, unlinkat, remove, setattr.
 *
 * Names get QEMU's answers: empty, '/' or NUL -> EINVAL (ENAMETOOLONG past 255 bytes);
 * "." or ".." -> EEXIST when creating, EISDIR when renaming, EINVAL/ENOTEMPTY when
 * unlinking; the mapped-file model's metadata names -> EINVAL.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hw/fs/p9_int.h"

#define L_AT_REMOVEDIR 0x200

/* setattr valid bits */
#define SETATTR_MODE 0x1u
#define SETATTR_UID 0x2u
#define SETATTR_GID 0x4u
#define SETATTR_SIZE 0x8u
#define SETATTR_ATIME 0x10u
#define SETATTR_MTIME 0x20u
#define SETATTR_ATIME_SET 0x80u
#define SETATTR_MTIME_SET 0x100u

/* The directory fid dfid opened as a host directory, and a validated entry name in it. */
static int dir_entry(P9Server *s, uint32_t dfid, P9Str n, int dot_err, P9Fid **df,
                     HostFsDir **d, char *name)
{
    int e = p9_name_copy(n, name);
    if (e < 0) {
        return e;
    }
    if (p9_name_is_dot(name)) {
        return dot_err;
    }
    if (p9_name_hidden(s, name)) {
        return -EINVAL;
    }
    *df = p9_fid_get(&s->fids, dfid);
    if (!*df) {
        return -ENOENT;
    }
    return p9_open_dir(s, (*df)->path, d);
}

/* mkdir, symlink and mknod: create, then answer the new entry's qid. */
static int create_entry(P9Server *s, P9Writer *w, uint32_t dfid, P9Str n, uint32_t mode,
                        uint32_t gid, uint64_t rdev, const char *target)
{
    P9Fid *df;
    HostFsDir *d;
    char name[P9_NAME_MAX + 1];
    int e = dir_entry(s, dfid, n, -EEXIST, &df, &d, name);
    if (e < 0) {
        return e;
    }
    e = p9_create(s, d, name, mode, df->uid, gid, rdev, target,
                  HOSTFS_O_WRONLY | HOSTFS_O_EXCL, NULL);
    HostFsStat st;
    if (e == 0) {
        e = p9_stat(s, d, name, &st);
    }
    p9_dir_put(s, d);
    if (e < 0) {
        return e;
    }
    P9Qid q;
    p9_qid_from_stat(&st, &q);
    p9w_qid(w, &q);
    return 0;
}

int p9_op_mkdir(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t dfid = p9r_u32(r);
    P9Str n = p9r_str(r);
    uint32_t mode = p9r_u32(r), gid = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    return create_entry(s, w, dfid, n, S_IFDIR | (mode & 07777), gid, 0, NULL);
}

int p9_op_symlink(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t dfid = p9r_u32(r);
    P9Str n = p9r_str(r), t = p9r_str(r);
    uint32_t gid = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    /* the target is only text to us (never resolved on the host), but a C string */
    if (t.len == 0 || memchr(t.s, '\0', t.len)) {
        return -EINVAL;
    }
    if (t.len >= P9_PATH_MAX) {
        return -ENAMETOOLONG;
    }
    char target[P9_PATH_MAX];
    memcpy(target, t.s, t.len);
    target[t.len] = '\0';
    return create_entry(s, w, dfid, n, S_IFLNK | 0777, gid, 0, target);
}

/* glibc's (and Linux's 64-bit) dev_t encoding of major:minor. */
static uint64_t make_dev(uint32_t major, uint32_t minor)
{
    return ((uint64_t)(major & 0xfffu) << 8) | (minor & 0xffu) |
           ((uint64_t)(minor & ~0xffu) << 12) | ((uint64_t)(major & ~0xfffu) << 32);
}

int p9_op_mknod(P9Server *s, P9Reader *r, P9Writer *w)
{
    uint32_t dfid = p9r_u32(r);
    P9Str n = p9r_str(r);
    uint32_t mode = p9r_u32(r), major = p9r_u32(r), minor = p9r_u32(r), gid = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    uint32_t type = mode & S_IFMT;
    if (type == 0) {
        mode |= S_IFREG;
    } else if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK && type != S_IFIFO &&
               type != S_IFSOCK) {
        return -EINVAL;
    }
    return create_entry(s, w, dfid, n, mode & (S_IFMT | 07777), gid, make_dev(major, minor),
                        NULL);
}

int p9_op_readlink(P9Server *s, P9Reader *r, P9Writer *w)
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
    HostFsStat st;
    char buf[P9_PATH_MAX];
    e = p9_stat(s, d, name, &st);
    if (e == 0 && !S_ISLNK(st.mode)) {
        e = -EINVAL;
    }
    if (e == 0) {
        e = p9_readlink(s, d, name, buf, sizeof(buf));
    }
    p9_dir_put(s, d);
    if (e < 0) {
        return e;
    }
    p9w_str(w, buf, (size_t)e);
    return 0;
}

int p9_op_link(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)w;
    uint32_t dfid = p9r_u32(r), fid = p9r_u32(r);
    P9Str n = p9r_str(r);
    if (r->bad) {
        return -EPROTO;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    P9Fid *df;
    HostFsDir *nd, *od;
    const char *oname;
    char name[P9_NAME_MAX + 1];
    int e = dir_entry(s, dfid, n, -EEXIST, &df, &nd, name);
    if (e < 0) {
        return e;
    }
    e = p9_resolve(s, f->path, &od, &oname);
    if (e == 0) {
        e = oname ? host_fs_link(od, oname, nd, name) : -EPERM;
        if (e == 0) {
            p9_cred_link(s, od, oname, nd, name);
        }
        p9_dir_put(s, od);
    }
    p9_dir_put(s, nd);
    return e;
}

/* Rename the entry at oldpath to newname in the directory newdir (a guest path). */
static int rename_path(P9Server *s, const char *oldpath, const char *newdir, const char *newname)
{
    char *newpath = p9_path_join(newdir, newname);
    if (!newpath) {
        return -ENAMETOOLONG;
    }
    HostFsDir *od = NULL, *nd = NULL;
    const char *oname;
    int e = p9_resolve(s, oldpath, &od, &oname);
    if (e == 0 && !oname) {
        e = -EBUSY; /* the root */
    }
    if (e == 0) {
        e = p9_open_dir(s, newdir, &nd);
    }
    if (e == 0) {
        e = host_fs_rename(od, oname, nd, newname);
    }
    if (e == 0) {
        p9_cred_rename(s, od, oname, nd, newname);
    }
    p9_dir_put(s, od);
    p9_dir_put(s, nd);
    if (e == 0) {
        char *old = strdup(oldpath); /* oldpath may be a fid's own path, rewritten below */
        if (old) {
            p9_paths_renamed(s, old, newpath);
        }
        free(old);
    }
    free(newpath);
    return e;
}

int p9_op_rename(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)w;
    uint32_t fid = p9r_u32(r), dfid = p9r_u32(r);
    P9Str n = p9r_str(r);
    if (r->bad) {
        return -EPROTO;
    }
    char name[P9_NAME_MAX + 1];
    int e = p9_name_copy(n, name);
    if (e < 0) {
        return e;
    }
    if (p9_name_is_dot(name)) {
        return -EISDIR;
    }
    if (p9_name_hidden(s, name)) {
        return -EINVAL;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid), *df = p9_fid_get(&s->fids, dfid);
    if (!f || !df) {
        return -ENOENT;
    }
    char *dpath = strdup(df->path);
    if (!dpath) {
        return -ENOMEM;
    }
    e = rename_path(s, f->path, dpath, name);
    free(dpath);
    return e;
}

int p9_op_renameat(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)w;
    uint32_t ofid = p9r_u32(r);
    P9Str on = p9r_str(r);
    uint32_t nfid = p9r_u32(r);
    P9Str nn = p9r_str(r);
    if (r->bad) {
        return -EPROTO;
    }
    char oname[P9_NAME_MAX + 1], nname[P9_NAME_MAX + 1];
    int e = p9_name_copy(on, oname);
    if (e == 0) {
        e = p9_name_copy(nn, nname);
    }
    if (e < 0) {
        return e;
    }
    if (p9_name_is_dot(oname) || p9_name_is_dot(nname)) {
        return -EISDIR;
    }
    if (p9_name_hidden(s, oname) || p9_name_hidden(s, nname)) {
        return -EINVAL;
    }
    P9Fid *of = p9_fid_get(&s->fids, ofid), *nf = p9_fid_get(&s->fids, nfid);
    if (!of || !nf) {
        return -ENOENT;
    }
    char *oldpath = p9_path_join(of->path, oname), *ndir = strdup(nf->path);
    e = oldpath && ndir ? rename_path(s, oldpath, ndir, nname) : -ENAMETOOLONG;
    free(oldpath);
    free(ndir);
    return e;
}

/* Remove (d, name); the mapped-file model's metadata of it and in it go too. */
static int remove_entry(P9Server *s, HostFsDir *d, const char *name, bool is_dir)
{
    if (is_dir && s->model == P9_SECURITY_MAPPED_FILE) {
        HostFsDir *sub;
        if (host_fs_dir_open(d, name, &sub) == 0) {
            host_fs_unlink(sub, ".virtfs_metadata", true); /* only if empty */
            host_fs_dir_close(sub);
        }
    }
    int e = host_fs_unlink(d, name, is_dir);
    if (e == 0) {
        p9_cred_forget(s, d, name);
    }
    return e;
}

int p9_op_unlinkat(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)w;
    uint32_t dfid = p9r_u32(r);
    P9Str n = p9r_str(r);
    uint32_t flags = p9r_u32(r);
    if (r->bad) {
        return -EPROTO;
    }
    char name[P9_NAME_MAX + 1];
    int e = p9_name_copy(n, name);
    if (e < 0) {
        return e;
    }
    if (strcmp(name, ".") == 0) {
        return -EINVAL;
    }
    if (strcmp(name, "..") == 0) {
        return -ENOTEMPTY;
    }
    P9Fid *df;
    HostFsDir *d;
    e = dir_entry(s, dfid, n, -EINVAL, &df, &d, name);
    if (e < 0) {
        return e;
    }
    e = remove_entry(s, d, name, (flags & L_AT_REMOVEDIR) != 0);
    p9_dir_put(s, d);
    return e;
}

int p9_op_remove(P9Server *s, P9Reader *r, P9Writer *w)
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
    HostFsDir *d;
    const char *name;
    int e = s->readonly ? -EROFS : p9_resolve(s, f->path, &d, &name);
    if (e == 0) {
        HostFsStat st;
        e = !name ? -EBUSY : host_fs_lstat(d, name, &st);
        if (e == 0) {
            e = remove_entry(s, d, name, S_ISDIR(st.mode));
        }
        p9_dir_put(s, d);
    }
    p9_fid_free(&s->fids, f); /* Tremove clunks the fid even when it fails */
    return e;
}

int p9_op_setattr(P9Server *s, P9Reader *r, P9Writer *w)
{
    (void)w;
    uint32_t fid = p9r_u32(r), valid = p9r_u32(r), mode = p9r_u32(r), uid = p9r_u32(r),
             gid = p9r_u32(r);
    uint64_t size = p9r_u64(r), asec = p9r_u64(r), ansec = p9r_u64(r), msec = p9r_u64(r),
             mnsec = p9r_u64(r);
    if (r->bad) {
        return -EPROTO;
    }
    P9Fid *f = p9_fid_get(&s->fids, fid);
    if (!f) {
        return -ENOENT;
    }
    HostFsDir *d = NULL;
    const char *name;
    HostFsStat st;
    int e = p9_resolve(s, f->path, &d, &name);
    if (e == 0) {
        e = p9_stat(s, d, name, &st);
    }
    if (e < 0) {
        p9_dir_put(s, d);
        /* an open file that lost its name can still be truncated */
        if (f->fd >= 0 && (valid & ~(SETATTR_SIZE | 0x40u)) == 0) {
            return (valid & SETATTR_SIZE) ? host_fs_ftruncate(f->fd, size) : 0;
        }
        return e;
    }
    if (valid & SETATTR_MODE) {
        e = p9_cred_chmod(s, d, name, &st, mode);
    }
    if (e == 0 && (valid & (SETATTR_ATIME | SETATTR_MTIME))) {
        if ((valid & SETATTR_ATIME_SET) && ansec >= 1000000000u) {
            e = -EINVAL;
        } else if ((valid & SETATTR_MTIME_SET) && mnsec >= 1000000000u) {
            e = -EINVAL;
        } else {
            uint32_t an = !(valid & SETATTR_ATIME) ? HOSTFS_UTIME_OMIT
                          : (valid & SETATTR_ATIME_SET) ? (uint32_t)ansec : HOSTFS_UTIME_NOW;
            uint32_t mn = !(valid & SETATTR_MTIME) ? HOSTFS_UTIME_OMIT
                          : (valid & SETATTR_MTIME_SET) ? (uint32_t)mnsec : HOSTFS_UTIME_NOW;
            e = host_fs_utimes(d, name, (int64_t)asec, an, (int64_t)msec, mn);
        }
    }
    if (e == 0 && (valid & (SETATTR_UID | SETATTR_GID))) {
        e = p9_cred_chown(s, d, name, (valid & SETATTR_UID) ? uid : (uint32_t)-1,
                          (valid & SETATTR_GID) ? gid : (uint32_t)-1);
    }
    if (e == 0 && (valid & SETATTR_SIZE)) {
        if (!S_ISREG(st.mode)) {
            e = S_ISDIR(st.mode) ? -EISDIR : -EINVAL; /* never open a device to truncate */
        } else {
            e = f->fd >= 0 ? host_fs_ftruncate(f->fd, size) : host_fs_truncate(d, name, size);
        }
    }
    p9_dir_put(s, d);
    return e;
}
