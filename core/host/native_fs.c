/*
 * core/host/native_fs.c — core/host_fs.h for the native (Linux, gcc) build.
 *
 * A HostFsDir is a directory file descriptor; every operation is an *at() call relative
 * to it with the symlink-never-followed flavour (O_NOFOLLOW, AT_SYMLINK_NOFOLLOW, l*xattr).
 * Where Linux has no such flavour (chmod, xattrs of an fd opened with O_PATH), the object
 * is reached through /proc/self/fd/N, the magic link to exactly the inode we opened.
 */
#include "core/host_fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

struct HostFsDir {
    int fd;
};

static int neg_errno(void)
{
    return errno ? -errno : -EIO;
}

static int open_dir_fd(int dirfd, const char *name, int extra)
{
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | extra);
    if (fd < 0 && errno == EACCES) {
        /* searchable but not readable: enough to walk through */
        fd = openat(dirfd, name, O_PATH | O_DIRECTORY | O_CLOEXEC | extra);
    }
    return fd;
}

static int wrap_dir(int fd, HostFsDir **out)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode)) {
        close(fd);
        return -ENOTDIR;
    }
    HostFsDir *d = malloc(sizeof(*d));
    if (!d) {
        close(fd);
        return -ENOMEM;
    }
    d->fd = fd;
    *out = d;
    return 0;
}

int host_fs_root_open(const char *path, HostFsDir **out)
{
    int fd = open_dir_fd(AT_FDCWD, path, 0);
    return fd < 0 ? neg_errno() : wrap_dir(fd, out);
}

int host_fs_dir_open(HostFsDir *parent, const char *name, HostFsDir **out)
{
    int fd = open_dir_fd(parent->fd, name, O_NOFOLLOW);
    if (fd < 0) {
        int e = errno;
        struct stat st;
        /* report a symlink as ELOOP whatever the kernel said (O_DIRECTORY may say ENOTDIR) */
        if (fstatat(parent->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
            return -ELOOP;
        }
        return -e;
    }
    return wrap_dir(fd, out);
}

void host_fs_dir_close(HostFsDir *d)
{
    if (d) {
        close(d->fd);
        free(d);
    }
}

static uint32_t dtype_to_mode(unsigned char t)
{
    switch (t) {
    case DT_DIR: return S_IFDIR;
    case DT_REG: return S_IFREG;
    case DT_LNK: return S_IFLNK;
    case DT_CHR: return S_IFCHR;
    case DT_BLK: return S_IFBLK;
    case DT_FIFO: return S_IFIFO;
    case DT_SOCK: return S_IFSOCK;
    default: return 0;
    }
}

int host_fs_list(HostFsDir *d, HostFsListFn cb, void *ctx)
{
    int fd = openat(d->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return neg_errno();
    }
    DIR *dir = fdopendir(fd);
    if (!dir) {
        int e = neg_errno();
        close(fd);
        return e;
    }
    int ret = 0;
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(dir);
        if (!de) {
            ret = errno ? -errno : 0;
            break;
        }
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) {
            continue;
        }
        ret = cb(ctx, de->d_name, de->d_ino, dtype_to_mode(de->d_type));
        if (ret) {
            break;
        }
    }
    closedir(dir);
    return ret;
}

static void fill_stat(const struct stat *s, HostFsStat *st)
{
    *st = (HostFsStat){
        .dev = s->st_dev, .ino = s->st_ino, .nlink = s->st_nlink, .size = (uint64_t)s->st_size,
        .blocks = (uint64_t)s->st_blocks, .rdev = s->st_rdev, .mode = s->st_mode,
        .uid = s->st_uid, .gid = s->st_gid, .blksize = (uint32_t)s->st_blksize,
        .atime_sec = s->st_atim.tv_sec, .atime_nsec = (uint32_t)s->st_atim.tv_nsec,
        .mtime_sec = s->st_mtim.tv_sec, .mtime_nsec = (uint32_t)s->st_mtim.tv_nsec,
        .ctime_sec = s->st_ctim.tv_sec, .ctime_nsec = (uint32_t)s->st_ctim.tv_nsec,
    };
}

int host_fs_lstat(HostFsDir *d, const char *name, HostFsStat *st)
{
    struct stat s;
    int r = name ? fstatat(d->fd, name, &s, AT_SYMLINK_NOFOLLOW) : fstat(d->fd, &s);
    if (r != 0) {
        return neg_errno();
    }
    fill_stat(&s, st);
    return 0;
}

/* /proc/self/fd/N: the inode fd refers to, whatever happens to its name meanwhile. */
static void proc_fd_path(char *buf, size_t len, int fd, const char *name)
{
    if (name) {
        snprintf(buf, len, "/proc/self/fd/%d/%s", fd, name);
    } else {
        snprintf(buf, len, "/proc/self/fd/%d", fd);
    }
}

int host_fs_chmod(HostFsDir *d, const char *name, uint32_t mode)
{
    int fd = d->fd, own = -1;
    if (name) {
        own = fd = openat(d->fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            return neg_errno();
        }
        struct stat st;
        if (fstat(fd, &st) != 0 || S_ISLNK(st.st_mode)) {
            close(fd);
            return -ELOOP; /* a symlink's mode means nothing; never touch its target */
        }
    }
    char path[64];
    proc_fd_path(path, sizeof(path), fd, NULL);
    int r = chmod(path, mode & 07777) == 0 ? 0 : neg_errno();
    if (own >= 0) {
        close(own);
    }
    return r;
}

int host_fs_chown(HostFsDir *d, const char *name, uint32_t uid, uint32_t gid)
{
    int r = name ? fchownat(d->fd, name, (uid_t)uid, (gid_t)gid, AT_SYMLINK_NOFOLLOW)
                 : fchownat(d->fd, "", (uid_t)uid, (gid_t)gid, AT_EMPTY_PATH);
    return r == 0 ? 0 : neg_errno();
}

static long utime_nsec(uint32_t nsec)
{
    return nsec == HOSTFS_UTIME_NOW ? UTIME_NOW : nsec == HOSTFS_UTIME_OMIT ? UTIME_OMIT
                                                                            : (long)nsec;
}

int host_fs_utimes(HostFsDir *d, const char *name, int64_t atime_sec, uint32_t atime_nsec,
                   int64_t mtime_sec, uint32_t mtime_nsec)
{
    struct timespec ts[2] = {{.tv_sec = atime_sec, .tv_nsec = utime_nsec(atime_nsec)},
                             {.tv_sec = mtime_sec, .tv_nsec = utime_nsec(mtime_nsec)}};
    int r;
    if (name) {
        r = utimensat(d->fd, name, ts, AT_SYMLINK_NOFOLLOW);
    } else {
        char path[64];
        proc_fd_path(path, sizeof(path), d->fd, NULL);
        r = utimensat(AT_FDCWD, path, ts, 0);
    }
    return r == 0 ? 0 : neg_errno();
}

int host_fs_truncate(HostFsDir *d, const char *name, uint64_t size)
{
    if (!name) {
        return -EISDIR;
    }
    int fd = openat(d->fd, name, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return neg_errno();
    }
    int r = ftruncate(fd, (off_t)size) == 0 ? 0 : neg_errno();
    close(fd);
    return r;
}

int host_fs_statfs(HostFsDir *d, HostFsStatfs *st)
{
    struct statfs s;
    if (fstatfs(d->fd, &s) != 0) {
        return neg_errno();
    }
    uint64_t fsid;
    memcpy(&fsid, &s.f_fsid, sizeof(fsid) < sizeof(s.f_fsid) ? sizeof(fsid) : sizeof(s.f_fsid));
    *st = (HostFsStatfs){
        .type = (uint32_t)s.f_type, .bsize = (uint32_t)s.f_bsize, .namelen = (uint32_t)s.f_namelen,
        .blocks = s.f_blocks, .bfree = s.f_bfree, .bavail = s.f_bavail, .files = s.f_files,
        .ffree = s.f_ffree, .fsid = fsid,
    };
    return 0;
}

int host_fs_mkdir(HostFsDir *d, const char *name, uint32_t mode)
{
    return mkdirat(d->fd, name, mode & 07777) == 0 ? 0 : neg_errno();
}

int host_fs_mknod(HostFsDir *d, const char *name, uint32_t mode, uint64_t rdev)
{
    return mknodat(d->fd, name, mode, (dev_t)rdev) == 0 ? 0 : neg_errno();
}

int host_fs_symlink(HostFsDir *d, const char *name, const char *target)
{
    return symlinkat(target, d->fd, name) == 0 ? 0 : neg_errno();
}

int host_fs_readlink(HostFsDir *d, const char *name, char *buf, size_t cap)
{
    ssize_t n = readlinkat(d->fd, name, buf, cap);
    return n < 0 ? neg_errno() : (int)n;
}

int host_fs_link(HostFsDir *olddir, const char *oldname, HostFsDir *newdir, const char *newname)
{
    return linkat(olddir->fd, oldname, newdir->fd, newname, 0) == 0 ? 0 : neg_errno();
}

int host_fs_rename(HostFsDir *olddir, const char *oldname, HostFsDir *newdir,
                   const char *newname)
{
    return renameat(olddir->fd, oldname, newdir->fd, newname) == 0 ? 0 : neg_errno();
}

int host_fs_unlink(HostFsDir *d, const char *name, bool is_dir)
{
    return unlinkat(d->fd, name, is_dir ? AT_REMOVEDIR : 0) == 0 ? 0 : neg_errno();
}

int host_fs_open(HostFsDir *d, const char *name, unsigned flags, uint32_t mode)
{
    static const int acc[4] = {O_RDONLY, O_WRONLY, O_RDWR, O_RDWR};
    int f = acc[flags & HOSTFS_O_ACCMODE] | O_NOFOLLOW | O_CLOEXEC;
    f |= (flags & HOSTFS_O_CREAT) ? O_CREAT : 0;
    f |= (flags & HOSTFS_O_EXCL) ? O_EXCL : 0;
    f |= (flags & HOSTFS_O_TRUNC) ? O_TRUNC : 0;
    f |= (flags & HOSTFS_O_APPEND) ? O_APPEND : 0;
    f |= (flags & HOSTFS_O_DIRECTORY) ? O_DIRECTORY : 0;
    f |= (flags & HOSTFS_O_NONBLOCK) ? O_NONBLOCK : 0;
    f |= (flags & HOSTFS_O_SYNC) ? O_SYNC : 0;
    f |= (flags & HOSTFS_O_DSYNC) ? O_DSYNC : 0;
    int fd = openat(d->fd, name ? name : ".", f, mode & 07777);
    return fd < 0 ? neg_errno() : fd;
}

void host_fs_close(int fd)
{
    close(fd);
}

int64_t host_fs_pread(int fd, void *buf, size_t len, uint64_t off)
{
    ssize_t n;
    do {
        n = pread(fd, buf, len, (off_t)off);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? neg_errno() : n;
}

int64_t host_fs_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
    ssize_t n;
    do {
        n = pwrite(fd, buf, len, (off_t)off);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? neg_errno() : n;
}

int host_fs_fstat(int fd, HostFsStat *st)
{
    struct stat s;
    if (fstat(fd, &s) != 0) {
        return neg_errno();
    }
    fill_stat(&s, st);
    return 0;
}

int host_fs_ftruncate(int fd, uint64_t size)
{
    return ftruncate(fd, (off_t)size) == 0 ? 0 : neg_errno();
}

int host_fs_fsync(int fd, bool datasync)
{
    return (datasync ? fdatasync(fd) : fsync(fd)) == 0 ? 0 : neg_errno();
}

/* ---- xattrs: /proc/self/fd/DIR/name with the l* calls (the last component is never
 * followed); the directory itself through its magic link with the following calls. ---- */

bool host_fs_has_xattr(void)
{
    return true;
}

int64_t host_fs_getxattr(HostFsDir *d, const char *name, const char *xname, void *buf,
                         size_t cap)
{
    char path[PATH_MAX];
    proc_fd_path(path, sizeof(path), d->fd, name);
    ssize_t n = name ? lgetxattr(path, xname, buf, cap) : getxattr(path, xname, buf, cap);
    return n < 0 ? neg_errno() : n;
}

int64_t host_fs_listxattr(HostFsDir *d, const char *name, char *buf, size_t cap)
{
    char path[PATH_MAX];
    proc_fd_path(path, sizeof(path), d->fd, name);
    ssize_t n = name ? llistxattr(path, buf, cap) : listxattr(path, buf, cap);
    return n < 0 ? neg_errno() : n;
}

int host_fs_setxattr(HostFsDir *d, const char *name, const char *xname, const void *val,
                     size_t len, int flags)
{
    char path[PATH_MAX];
    proc_fd_path(path, sizeof(path), d->fd, name);
    int f = (flags & HOSTFS_XATTR_CREATE ? XATTR_CREATE : 0) |
            (flags & HOSTFS_XATTR_REPLACE ? XATTR_REPLACE : 0);
    int r = name ? lsetxattr(path, xname, val, len, f) : setxattr(path, xname, val, len, f);
    return r == 0 ? 0 : neg_errno();
}

int host_fs_removexattr(HostFsDir *d, const char *name, const char *xname)
{
    char path[PATH_MAX];
    proc_fd_path(path, sizeof(path), d->fd, name);
    int r = name ? lremovexattr(path, xname) : removexattr(path, xname);
    return r == 0 ? 0 : neg_errno();
}
