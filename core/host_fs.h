/*
 * core/host_fs.h — the host filesystem primitives the 9P server (hw/fs/p9*.c) is built on.
 *
 * Two implementations: core/host/native_fs.c (POSIX *at() functions on directory fds) and
 * core/host/emscripten_fs.c (Node's fs, called synchronously from the worker; Node has no
 * openat, so a directory handle is a host path whose every component was checked with
 * lstat when the handle was made).
 *
 * Confinement contract.  The server decides which host object a guest name means: it walks
 * guest paths one component at a time from the root handle (hw/fs/p9_path.c), and every
 * `name` given here is exactly one component it has validated (not empty, no '/', not "."
 * or "..").  The host layer's part is never to follow a symlink:
 *  - host_fs_dir_open() fails with -ELOOP on a symlink and -ENOTDIR on a non-directory;
 *  - every operation on (dir, name) acts on the directory entry itself (lstat, O_NOFOLLOW,
 *    AT_SYMLINK_NOFOLLOW, lchown, lutimes, l*xattr); chmod/truncate/xattr of a symlink
 *    fail (-ELOOP / -EPERM) rather than reach its target.
 * name == NULL means the directory `dir` itself, where documented.
 *
 * Errors are negative errno values of the host C library (emscripten's numbering differs
 * from Linux: the server translates them for the guest).
 */
#ifndef CORE_HOST_FS_H
#define CORE_HOST_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct HostFsDir HostFsDir;

typedef struct HostFsStat {
    uint64_t dev, ino, nlink, size, blocks, rdev; /* blocks: 512-byte units */
    uint32_t mode, uid, gid, blksize;              /* mode: S_IFMT | permission bits */
    int64_t atime_sec, mtime_sec, ctime_sec;
    uint32_t atime_nsec, mtime_nsec, ctime_nsec;
} HostFsStat;

typedef struct HostFsStatfs {
    uint32_t type, bsize, namelen;
    uint64_t blocks, bfree, bavail, files, ffree, fsid;
} HostFsStatfs;

/* Open flags (ours; each host layer maps them to its own). O_NOFOLLOW is always implied. */
enum {
    HOSTFS_O_RDONLY = 0,
    HOSTFS_O_WRONLY = 1,
    HOSTFS_O_RDWR = 2,
    HOSTFS_O_ACCMODE = 3,
    HOSTFS_O_CREAT = 1u << 4,
    HOSTFS_O_EXCL = 1u << 5,
    HOSTFS_O_TRUNC = 1u << 6,
    HOSTFS_O_APPEND = 1u << 7,
    HOSTFS_O_DIRECTORY = 1u << 8,
    HOSTFS_O_NONBLOCK = 1u << 9,
    HOSTFS_O_SYNC = 1u << 10,
    HOSTFS_O_DSYNC = 1u << 11,
};

/* host_fs_utimes: a time with one of these as nsec means "now" / "leave unchanged". */
#define HOSTFS_UTIME_NOW ((1u << 30) - 1)
#define HOSTFS_UTIME_OMIT ((1u << 30) - 2)

/* setxattr flags */
#define HOSTFS_XATTR_CREATE 1
#define HOSTFS_XATTR_REPLACE 2

/* ---- directory handles ---- */
/* The share's root (the user's path; symlinks in it are the user's choice and followed). */
int host_fs_root_open(const char *path, HostFsDir **out);
/* A subdirectory of parent: one component, never followed if it is a symlink. */
int host_fs_dir_open(HostFsDir *parent, const char *name, HostFsDir **out);
void host_fs_dir_close(HostFsDir *d);
/* Each entry of d except "." and ".."; type is the S_IFMT part of its mode (0 if unknown).
 * Stops early when cb returns non-zero (that value is returned). */
typedef int (*HostFsListFn)(void *ctx, const char *name, uint64_t ino, uint32_t type);
int host_fs_list(HostFsDir *d, HostFsListFn cb, void *ctx);

/* ---- metadata of (dir, name); name NULL: dir itself ---- */
int host_fs_lstat(HostFsDir *d, const char *name, HostFsStat *st);
int host_fs_chmod(HostFsDir *d, const char *name, uint32_t mode); /* -ELOOP on a symlink */
int host_fs_chown(HostFsDir *d, const char *name, uint32_t uid, uint32_t gid); /* -1: keep */
int host_fs_utimes(HostFsDir *d, const char *name, int64_t atime_sec, uint32_t atime_nsec,
                   int64_t mtime_sec, uint32_t mtime_nsec);
int host_fs_truncate(HostFsDir *d, const char *name, uint64_t size);
int host_fs_statfs(HostFsDir *d, HostFsStatfs *st);

/* ---- directory entries (name never NULL) ---- */
int host_fs_mkdir(HostFsDir *d, const char *name, uint32_t mode);
int host_fs_mknod(HostFsDir *d, const char *name, uint32_t mode, uint64_t rdev);
int host_fs_symlink(HostFsDir *d, const char *name, const char *target);
/* Returns the target's length (not NUL-terminated; truncated to cap). */
int host_fs_readlink(HostFsDir *d, const char *name, char *buf, size_t cap);
int host_fs_link(HostFsDir *olddir, const char *oldname, HostFsDir *newdir, const char *newname);
int host_fs_rename(HostFsDir *olddir, const char *oldname, HostFsDir *newdir,
                   const char *newname);
int host_fs_unlink(HostFsDir *d, const char *name, bool is_dir);

/* ---- open files: a host file descriptor (>= 0) ---- */
/* name NULL: reopen the directory d itself. */
int host_fs_open(HostFsDir *d, const char *name, unsigned flags, uint32_t mode);
void host_fs_close(int fd);
int64_t host_fs_pread(int fd, void *buf, size_t len, uint64_t off);
int64_t host_fs_pwrite(int fd, const void *buf, size_t len, uint64_t off);
int host_fs_fstat(int fd, HostFsStat *st);
int host_fs_ftruncate(int fd, uint64_t size);
int host_fs_fsync(int fd, bool datasync);

/* ---- extended attributes of (dir, name), never of a symlink's target ---- */
/* false where the host layer has no xattr support at all (Node.js): every call -ENOTSUP. */
bool host_fs_has_xattr(void);
/* get/list return the size (cap 0: only the size); -ERANGE when cap is too small. */
int64_t host_fs_getxattr(HostFsDir *d, const char *name, const char *xname, void *buf,
                         size_t cap);
int64_t host_fs_listxattr(HostFsDir *d, const char *name, char *buf, size_t cap);
int host_fs_setxattr(HostFsDir *d, const char *name, const char *xname, const void *val,
                     size_t len, int flags);
int host_fs_removexattr(HostFsDir *d, const char *name, const char *xname);

#endif
