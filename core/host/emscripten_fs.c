/*
 * core/host/emscripten_fs.c — core/host_fs.h for the Wasm build: Node's fs, called
 * synchronously from the calling worker (EM_JS; ~2 us a call, NOTES.md), never through
 * emscripten's FS, which would proxy every call to the main thread.
 *
 * Node has no openat() and no O_PATH, so a HostFsDir is a host path: the share's root
 * (realpath'd once) plus components that host_fs_dir_open() checked one by one with
 * lstat (a symlink is refused, never followed).  Operations on (dir, name) use the
 * not-following calls Node has: lstat, open with O_NOFOLLOW, lchown, lutimes; chmod and
 * truncate go through an O_NOFOLLOW open where they can.  Paths cross into JS as bytes
 * (Buffers), so names that are not UTF-8 survive.
 *
 * What the host layer cannot guard against here (and the native one can): another *host*
 * process swapping a checked directory for a symlink between our lstat and our use.  The
 * guest cannot do that: the server handles its requests one at a time.
 *
 * Node has no extended-attribute API at all (nothing in `fs`, nor in its internal
 * binding): host_fs_has_xattr() is false and every xattr call fails with ENOTSUP.
 */
#include "core/host_fs.h"

#include <emscripten.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define FS_PATH_MAX 4352 /* the host's PATH_MAX plus one component */
#define CODE_LEN 24

struct HostFsDir {
    char *path;
};

/* Every JS function below returns a negative value on failure, after writing Node's
 * error code ("ENOENT") to `code` (CODE_LEN bytes).  EM_JS bodies are not macro-expanded:
 * each spells that out. */

EM_JS(int, js_lstat, (const char *p, int plen, double *out, char *code), {
    try {
        var st = require('fs').lstatSync(Buffer.from(HEAPU8.slice(p >>> 0, (p >>> 0) + plen)),
                                         {bigint: true});
        var o = (out >>> 0) >>> 3, G = BigInt(1000000000);
        var v = [st.dev, st.ino & BigInt(4294967295), st.mode, st.nlink, st.uid, st.gid, st.rdev,
                 st.size, st.blksize, st.blocks, st.atimeNs / G, st.atimeNs % G,
                 st.mtimeNs / G, st.mtimeNs % G, st.ctimeNs / G, st.ctimeNs % G, st.ino >> BigInt(32)];
        for (var i = 0; i < v.length; i++) HEAPF64[o + i] = Number(v[i]);
        return 0;
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

EM_JS(int, js_fstat, (int fd, double *out, char *code), {
    try {
        var st = require('fs').fstatSync(fd, {bigint: true});
        var o = (out >>> 0) >>> 3, G = BigInt(1000000000);
        var v = [st.dev, st.ino & BigInt(4294967295), st.mode, st.nlink, st.uid, st.gid, st.rdev,
                 st.size, st.blksize, st.blocks, st.atimeNs / G, st.atimeNs % G,
                 st.mtimeNs / G, st.mtimeNs % G, st.ctimeNs / G, st.ctimeNs % G, st.ino >> BigInt(32)];
        for (var i = 0; i < v.length; i++) HEAPF64[o + i] = Number(v[i]);
        return 0;
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

EM_JS(int, js_open, (const char *p, int plen, int flags, int mode, char *code), {
    var fs = require('fs'), C = fs.constants;
    var f = [C.O_RDONLY, C.O_WRONLY, C.O_RDWR, C.O_RDWR][flags & 3] | C.O_NOFOLLOW;
    if (flags & 16) f |= C.O_CREAT;
    if (flags & 32) f |= C.O_EXCL;
    if (flags & 64) f |= C.O_TRUNC;
    if (flags & 128) f |= C.O_APPEND;
    if (flags & 256) f |= C.O_DIRECTORY;
    if (flags & 512) f |= C.O_NONBLOCK;
    if (flags & 1024) f |= C.O_SYNC;
    if (flags & 2048) f |= C.O_DSYNC;
    try {
        return fs.openSync(Buffer.from(HEAPU8.slice(p >>> 0, (p >>> 0) + plen)), f, mode);
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

EM_JS(void, js_close, (int fd), {
    try { require('fs').closeSync(fd); } catch (e) { }
});

EM_JS(int, js_pread, (int fd, void *buf, int len, double off, char *code), {
    try {
        return require('fs').readSync(fd, HEAPU8, buf >>> 0, len, off);
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

EM_JS(int, js_pwrite, (int fd, const void *buf, int len, double off, char *code), {
    try {
        return require('fs').writeSync(fd, HEAPU8, buf >>> 0, len, off);
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

/* op: 0 ftruncate(size), 1 fsync, 2 fdatasync */
EM_JS(int, js_fd_op, (int fd, int op, double size, char *code), {
    var fs = require('fs');
    try {
        if (op == 0) fs.ftruncateSync(fd, size);
        else if (op == 1) fs.fsyncSync(fd);
        else fs.fdatasyncSync(fd);
        return 0;
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

/* One-path operations.  op: 0 mkdir(mode), 1 rmdir, 2 unlink, 3 chmod(mode) of a
 * non-symlink, 4 lchown(a, b), 5 lutimes(a, b) in seconds, 6 truncate(a) without
 * following. */
EM_JS(int, js_path_op, (const char *p, int plen, int op, int mode, double a, double b,
                        char *code), {
    var fs = require('fs'), C = fs.constants;
    var path = Buffer.from(HEAPU8.slice(p >>> 0, (p >>> 0) + plen));
    try {
        if (op == 0) fs.mkdirSync(path, {mode: mode});
        else if (op == 1) fs.rmdirSync(path);
        else if (op == 2) fs.unlinkSync(path);
        else if (op == 3) {
            if (fs.lstatSync(path).isSymbolicLink()) { var le = new Error(); le.code = 'ELOOP'; throw le; }
            fs.chmodSync(path, mode);
        } else if (op == 4) fs.lchownSync(path, a, b);
        else if (op == 5) fs.lutimesSync(path, a, b);
        else if (op == 6) {
            var fd = fs.openSync(path, C.O_WRONLY | C.O_NOFOLLOW | C.O_NONBLOCK);
            try { fs.ftruncateSync(fd, a); } finally { fs.closeSync(fd); }
        }
        return 0;
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

/* Two-path operations.  op: 0 link(p1 -> p2), 1 rename(p1 -> p2), 2 symlink(target p1 at
 * p2). */
EM_JS(int, js_path2_op, (const char *p1, int l1, const char *p2, int l2, int op, char *code), {
    var fs = require('fs');
    var a = Buffer.from(HEAPU8.slice(p1 >>> 0, (p1 >>> 0) + l1));
    var b = Buffer.from(HEAPU8.slice(p2 >>> 0, (p2 >>> 0) + l2));
    try {
        if (op == 0) fs.linkSync(a, b);
        else if (op == 1) fs.renameSync(a, b);
        else fs.symlinkSync(a, b);
        return 0;
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

EM_JS(int, js_readlink, (const char *p, int plen, char *buf, int cap, char *code), {
    try {
        var t = require('fs').readlinkSync(Buffer.from(HEAPU8.slice(p >>> 0, (p >>> 0) + plen)),
                                           {encoding: 'buffer'});
        var n = Math.min(t.length, cap);
        HEAPU8.set(t.subarray(0, n), buf >>> 0);
        return n;
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

EM_JS(int, js_statfs, (const char *p, int plen, double *out, char *code), {
    try {
        var st = require('fs').statfsSync(Buffer.from(HEAPU8.slice(p >>> 0, (p >>> 0) + plen)));
        var o = (out >>> 0) >>> 3;
        var v = [st.type, st.bsize, st.blocks, st.bfree, st.bavail, st.files, st.ffree];
        for (var i = 0; i < v.length; i++) HEAPF64[o + i] = Number(v[i]);
        return 0;
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

/* The directory's entries as records: type[1] (S_IFMT >> 12) ino[8] len[2] name[len].
 * Returns the bytes used, or (when cap is too small) minus the bytes needed minus 2. */
EM_JS(int, js_list, (const char *p, int plen, uint8_t *buf, int cap, char *code), {
    var fs = require('fs');
    var dir = Buffer.from(HEAPU8.slice(p >>> 0, (p >>> 0) + plen));
    try {
        var names = fs.readdirSync(dir, {encoding: 'buffer'});
        var recs = [], need = 0;
        for (var i = 0; i < names.length; i++) {
            var nm = names[i], st;
            try {
                st = fs.lstatSync(Buffer.concat([dir, Buffer.from('/'), nm]), {bigint: true});
            } catch (e2) {
                continue; /* gone meanwhile */
            }
            recs.push([Number((st.mode & BigInt(61440)) >> BigInt(12)), st.ino, nm]);
            need += 11 + nm.length;
        }
        if (need > cap) return -need - 2;
        var dv = new DataView(HEAPU8.buffer), o = buf >>> 0;
        for (var j = 0; j < recs.length; j++) {
            var r = recs[j];
            HEAPU8[o] = r[0];
            dv.setBigUint64(o + 1, r[1], true);
            dv.setUint16(o + 9, r[2].length, true);
            HEAPU8.set(r[2], o + 11);
            o += 11 + r[2].length;
        }
        return need;
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

/* realpath of the user's directory, into out (NUL-terminated); its length. */
EM_JS(int, js_realpath, (const char *p, char *out, int cap, char *code), {
    var fs = require('fs');
    try {
        var rp = fs.realpathSync(Buffer.from(HEAPU8.slice(p >>> 0, (p >>> 0) + HEAPU8.indexOf(0, p >>> 0) - (p >>> 0))),
                                 {encoding: 'buffer'});
        if (rp.length + 1 > cap) { var le = new Error(); le.code = 'ENAMETOOLONG'; throw le; }
        HEAPU8.set(rp, out >>> 0);
        HEAPU8[(out >>> 0) + rp.length] = 0;
        return rp.length;
    } catch (e) { stringToUTF8(String((e && e.code) || 'EIO'), code >>> 0, 24); return -1; }
});

/* Node's error codes -> our C library's errno values. */
static int code_errno(const char *code)
{
    static const struct {
        const char *code;
        int err;
    } codes[] = {
        {"ENOENT", ENOENT}, {"EACCES", EACCES}, {"EPERM", EPERM}, {"EISDIR", EISDIR},
        {"ENOTDIR", ENOTDIR}, {"ELOOP", ELOOP}, {"ENAMETOOLONG", ENAMETOOLONG},
        {"EMFILE", EMFILE}, {"ENFILE", ENFILE}, {"EIO", EIO}, {"ENXIO", ENXIO},
        {"ENODEV", ENODEV}, {"ENOMEM", ENOMEM}, {"EFBIG", EFBIG}, {"EINVAL", EINVAL},
        {"EBUSY", EBUSY}, {"EBADF", EBADF}, {"EOVERFLOW", EOVERFLOW}, {"EROFS", EROFS},
        {"ETXTBSY", ETXTBSY}, {"EEXIST", EEXIST}, {"ENOTEMPTY", ENOTEMPTY}, {"EXDEV", EXDEV},
        {"ENOSPC", ENOSPC}, {"EDQUOT", EDQUOT}, {"EMLINK", EMLINK}, {"EAGAIN", EAGAIN},
        {"EINTR", EINTR}, {"ESPIPE", ESPIPE}, {"EPIPE", EPIPE}, {"ERANGE", ERANGE},
        {"ENOTSUP", ENOTSUP}, {"EOPNOTSUPP", EOPNOTSUPP}, {"ENODATA", ENODATA},
        {"ESTALE", ESTALE}, {"ENOSYS", ENOSYS}, {"ETIMEDOUT", ETIMEDOUT},
    };
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        if (strcmp(code, codes[i].code) == 0) {
            return -codes[i].err;
        }
    }
    return -EIO;
}

/* dir/name (or dir itself) into buf; its length, or -ENAMETOOLONG. */
static int join(const HostFsDir *d, const char *name, char *buf)
{
    int n = name ? snprintf(buf, FS_PATH_MAX, "%s/%s", d->path, name)
                 : snprintf(buf, FS_PATH_MAX, "%s", d->path);
    return n < 0 || n >= FS_PATH_MAX ? -ENAMETOOLONG : n;
}

static void fill_stat(const double *v, HostFsStat *st)
{
    *st = (HostFsStat){
        .dev = (uint64_t)v[0], .ino = (uint64_t)v[1] | (uint64_t)v[16] << 32,
        .mode = (uint32_t)v[2], .nlink = (uint64_t)v[3], .uid = (uint32_t)v[4],
        .gid = (uint32_t)v[5], .rdev = (uint64_t)v[6], .size = (uint64_t)v[7],
        .blksize = (uint32_t)v[8], .blocks = (uint64_t)v[9],
        .atime_sec = (int64_t)v[10], .atime_nsec = (uint32_t)v[11],
        .mtime_sec = (int64_t)v[12], .mtime_nsec = (uint32_t)v[13],
        .ctime_sec = (int64_t)v[14], .ctime_nsec = (uint32_t)v[15],
    };
}

static int path_lstat(const char *p, int plen, HostFsStat *st)
{
    double v[17];
    char code[CODE_LEN];
    if (js_lstat(p, plen, v, code) < 0) {
        return code_errno(code);
    }
    fill_stat(v, st);
    return 0;
}

static int path_op(const HostFsDir *d, const char *name, int op, int mode, double a, double b)
{
    char p[FS_PATH_MAX], code[CODE_LEN];
    int n = join(d, name, p);
    if (n < 0) {
        return n;
    }
    return js_path_op(p, n, op, mode, a, b, code) < 0 ? code_errno(code) : 0;
}

int host_fs_root_open(const char *path, HostFsDir **out)
{
    char rp[FS_PATH_MAX], code[CODE_LEN];
    int n = js_realpath(path, rp, sizeof(rp), code);
    if (n < 0) {
        return code_errno(code);
    }
    HostFsStat st;
    int r = path_lstat(rp, n, &st);
    if (r < 0) {
        return r;
    }
    if (!S_ISDIR(st.mode)) {
        return -ENOTDIR;
    }
    HostFsDir *d = malloc(sizeof(*d));
    if (!d || !(d->path = strdup(rp))) {
        free(d);
        return -ENOMEM;
    }
    *out = d;
    return 0;
}

int host_fs_dir_open(HostFsDir *parent, const char *name, HostFsDir **out)
{
    char p[FS_PATH_MAX];
    int n = join(parent, name, p);
    if (n < 0) {
        return n;
    }
    HostFsStat st;
    int r = path_lstat(p, n, &st);
    if (r < 0) {
        return r;
    }
    if (S_ISLNK(st.mode)) {
        return -ELOOP;
    }
    if (!S_ISDIR(st.mode)) {
        return -ENOTDIR;
    }
    HostFsDir *d = malloc(sizeof(*d));
    if (!d || !(d->path = strdup(p))) {
        free(d);
        return -ENOMEM;
    }
    *out = d;
    return 0;
}

void host_fs_dir_close(HostFsDir *d)
{
    if (d) {
        free(d->path);
        free(d);
    }
}

int host_fs_list(HostFsDir *d, HostFsListFn cb, void *ctx)
{
    char code[CODE_LEN];
    int plen = (int)strlen(d->path), cap = 16384, n;
    uint8_t *buf = NULL;
    for (;;) {
        uint8_t *nb = realloc(buf, (size_t)cap);
        if (!nb) {
            free(buf);
            return -ENOMEM;
        }
        buf = nb;
        n = js_list(d->path, plen, buf, cap, code);
        if (n == -1) {
            free(buf);
            return code_errno(code);
        }
        if (n >= 0) {
            break;
        }
        cap = -n - 2 + 4096; /* the directory may grow before we ask again */
    }
    int ret = 0;
    char name[256];
    for (int o = 0; o + 11 <= n && ret == 0;) {
        uint64_t ino = 0;
        for (int i = 0; i < 8; i++) {
            ino |= (uint64_t)buf[o + 1 + i] << (8 * i);
        }
        int len = buf[o + 9] | buf[o + 10] << 8;
        if (len > 255 || o + 11 + len > n) {
            break;
        }
        memcpy(name, buf + o + 11, (size_t)len);
        name[len] = '\0';
        ret = cb(ctx, name, ino, (uint32_t)buf[o] << 12);
        o += 11 + len;
    }
    free(buf);
    return ret;
}

int host_fs_lstat(HostFsDir *d, const char *name, HostFsStat *st)
{
    char p[FS_PATH_MAX];
    int n = join(d, name, p);
    return n < 0 ? n : path_lstat(p, n, st);
}

int host_fs_chmod(HostFsDir *d, const char *name, uint32_t mode)
{
    return path_op(d, name, 3, (int)(mode & 07777), 0, 0);
}

int host_fs_chown(HostFsDir *d, const char *name, uint32_t uid, uint32_t gid)
{
    return path_op(d, name, 4, 0, uid == (uint32_t)-1 ? -1.0 : (double)uid,
                   gid == (uint32_t)-1 ? -1.0 : (double)gid);
}

int host_fs_utimes(HostFsDir *d, const char *name, int64_t atime_sec, uint32_t atime_nsec,
                   int64_t mtime_sec, uint32_t mtime_nsec)
{
    /* lutimes takes seconds as a double: microsecond precision, no "now"/"omit" */
    HostFsStat st = {0};
    if (atime_nsec == HOSTFS_UTIME_OMIT || mtime_nsec == HOSTFS_UTIME_OMIT) {
        int r = host_fs_lstat(d, name, &st);
        if (r < 0) {
            return r;
        }
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    double now = (double)ts.tv_sec + ts.tv_nsec / 1e9;
    double a = atime_nsec == HOSTFS_UTIME_NOW    ? now
               : atime_nsec == HOSTFS_UTIME_OMIT ? (double)st.atime_sec + st.atime_nsec / 1e9
                                                 : (double)atime_sec + atime_nsec / 1e9;
    double m = mtime_nsec == HOSTFS_UTIME_NOW    ? now
               : mtime_nsec == HOSTFS_UTIME_OMIT ? (double)st.mtime_sec + st.mtime_nsec / 1e9
                                                 : (double)mtime_sec + mtime_nsec / 1e9;
    return path_op(d, name, 5, 0, a, m);
}

int host_fs_truncate(HostFsDir *d, const char *name, uint64_t size)
{
    return name ? path_op(d, name, 6, 0, (double)size, 0) : -EISDIR;
}

int host_fs_statfs(HostFsDir *d, HostFsStatfs *st)
{
    char code[CODE_LEN];
    double v[7];
    if (js_statfs(d->path, (int)strlen(d->path), v, code) < 0) {
        return code_errno(code);
    }
    *st = (HostFsStatfs){
        .type = (uint32_t)v[0], .bsize = (uint32_t)v[1], .namelen = 255,
        .blocks = (uint64_t)v[2], .bfree = (uint64_t)v[3], .bavail = (uint64_t)v[4],
        .files = (uint64_t)v[5], .ffree = (uint64_t)v[6],
    };
    return 0;
}

int host_fs_mkdir(HostFsDir *d, const char *name, uint32_t mode)
{
    return path_op(d, name, 0, (int)(mode & 07777), 0, 0);
}

int host_fs_mknod(HostFsDir *d, const char *name, uint32_t mode, uint64_t rdev)
{
    (void)rdev;
    if ((mode & S_IFMT) != S_IFREG) {
        return -EOPNOTSUPP; /* Node cannot make device nodes, FIFOs or sockets */
    }
    int fd = host_fs_open(d, name, HOSTFS_O_WRONLY | HOSTFS_O_CREAT | HOSTFS_O_EXCL, mode);
    if (fd < 0) {
        return fd;
    }
    host_fs_close(fd);
    return 0;
}

static int path2_op(HostFsDir *d1, const char *n1, HostFsDir *d2, const char *n2, int op)
{
    char p1[FS_PATH_MAX], p2[FS_PATH_MAX], code[CODE_LEN];
    int l1 = join(d1, n1, p1), l2 = join(d2, n2, p2);
    if (l1 < 0 || l2 < 0) {
        return -ENAMETOOLONG;
    }
    return js_path2_op(p1, l1, p2, l2, op, code) < 0 ? code_errno(code) : 0;
}

int host_fs_symlink(HostFsDir *d, const char *name, const char *target)
{
    char p[FS_PATH_MAX], code[CODE_LEN];
    int n = join(d, name, p);
    if (n < 0) {
        return n;
    }
    return js_path2_op(target, (int)strlen(target), p, n, 2, code) < 0 ? code_errno(code) : 0;
}

int host_fs_readlink(HostFsDir *d, const char *name, char *buf, size_t cap)
{
    char p[FS_PATH_MAX], code[CODE_LEN];
    int n = join(d, name, p);
    if (n < 0) {
        return n;
    }
    int r = js_readlink(p, n, buf, (int)cap, code);
    return r < 0 ? code_errno(code) : r;
}

int host_fs_link(HostFsDir *olddir, const char *oldname, HostFsDir *newdir, const char *newname)
{
    return path2_op(olddir, oldname, newdir, newname, 0);
}

int host_fs_rename(HostFsDir *olddir, const char *oldname, HostFsDir *newdir,
                   const char *newname)
{
    return path2_op(olddir, oldname, newdir, newname, 1);
}

int host_fs_unlink(HostFsDir *d, const char *name, bool is_dir)
{
    return path_op(d, name, is_dir ? 1 : 2, 0, 0, 0);
}

int host_fs_open(HostFsDir *d, const char *name, unsigned flags, uint32_t mode)
{
    char p[FS_PATH_MAX], code[CODE_LEN];
    int n = join(d, name, p);
    if (n < 0) {
        return n;
    }
    int fd = js_open(p, n, (int)flags, (int)(mode & 07777), code);
    return fd < 0 ? code_errno(code) : fd;
}

void host_fs_close(int fd)
{
    js_close(fd);
}

int64_t host_fs_pread(int fd, void *buf, size_t len, uint64_t off)
{
    char code[CODE_LEN];
    int n = js_pread(fd, buf, (int)(len > 0x40000000 ? 0x40000000 : len), (double)off, code);
    return n < 0 ? code_errno(code) : n;
}

int64_t host_fs_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
    char code[CODE_LEN];
    int n = js_pwrite(fd, buf, (int)(len > 0x40000000 ? 0x40000000 : len), (double)off, code);
    return n < 0 ? code_errno(code) : n;
}

int host_fs_fstat(int fd, HostFsStat *st)
{
    double v[17];
    char code[CODE_LEN];
    if (js_fstat(fd, v, code) < 0) {
        return code_errno(code);
    }
    fill_stat(v, st);
    return 0;
}

int host_fs_ftruncate(int fd, uint64_t size)
{
    char code[CODE_LEN];
    return js_fd_op(fd, 0, (double)size, code) < 0 ? code_errno(code) : 0;
}

int host_fs_fsync(int fd, bool datasync)
{
    char code[CODE_LEN];
    return js_fd_op(fd, datasync ? 2 : 1, 0, code) < 0 ? code_errno(code) : 0;
}

bool host_fs_has_xattr(void)
{
    return false;
}

int64_t host_fs_getxattr(HostFsDir *d, const char *name, const char *xname, void *buf,
                         size_t cap)
{
    (void)d, (void)name, (void)xname, (void)buf, (void)cap;
    return -ENOTSUP;
}

int64_t host_fs_listxattr(HostFsDir *d, const char *name, char *buf, size_t cap)
{
    (void)d, (void)name, (void)buf, (void)cap;
    return -ENOTSUP;
}

int host_fs_setxattr(HostFsDir *d, const char *name, const char *xname, const void *val,
                     size_t len, int flags)
{
    (void)d, (void)name, (void)xname, (void)val, (void)len, (void)flags;
    return -ENOTSUP;
}

int host_fs_removexattr(HostFsDir *d, const char *name, const char *xname)
{
    (void)d, (void)name, (void)xname;
    return -ENOTSUP;
}
