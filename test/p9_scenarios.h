/*
 * test/p9_scenarios.h — the 9P server's test scenarios, shared by the native unit test
 * (test/unit/test_p9.c, POSIX host layer) and the Node test (test/wasm/test_p9_node.c,
 * Node fs host layer), so both host layers are held to the same rules.
 *
 * The hostile scenarios (escapes, malformed messages, limits, fuzz) are in
 * test/p9_scenarios_hostile.h, included at the end.
 *
 * The including program defines, before including this file:
 *   static bool th_mkdtemp(char *out, size_t cap);   a fresh empty directory
 *   static void th_rmtree(const char *path);          remove it with everything in it
 * and includes test/unit/test.h (CHECK, RUN).
 *
 * Layout on the host: TMP/outside/secret ("SECRET", 0644) must never be reached; each
 * scenario shares TMP/<name>/, which starts with host-made symlinks pointing outside:
 * abs -> TMP/outside, rel -> ../outside, fileln -> TMP/outside/secret, sub/up ->
 * ../../outside, dangling -> TMP/outside/created.  Setup and inspection use the host
 * layer itself (core/host_fs.h).
 */
#ifndef TEST_P9_SCENARIOS_H
#define TEST_P9_SCENARIOS_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/host_fs.h"
#include "test/p9_client.h"

typedef struct Env {
    char tmp[512];
    char share[700];
    HostFsDir *base;
    uint32_t uid, gid; /* the host user: passthrough creates as this user */
    bool native;
} Env;

static bool env_setup(Env *e, bool native)
{
    memset(e, 0, sizeof(*e));
    e->native = native;
    if (!th_mkdtemp(e->tmp, sizeof(e->tmp)) || host_fs_root_open(e->tmp, &e->base) < 0) {
        return false;
    }
    HostFsStat st;
    host_fs_lstat(e->base, NULL, &st);
    e->uid = st.uid;
    e->gid = st.gid;
    HostFsDir *out;
    if (host_fs_mkdir(e->base, "outside", 0755) < 0 || host_fs_dir_open(e->base, "outside", &out) < 0) {
        return false;
    }
    int fd = host_fs_open(out, "secret", HOSTFS_O_WRONLY | HOSTFS_O_CREAT, 0644);
    bool ok = fd >= 0 && host_fs_pwrite(fd, "SECRET", 6, 0) == 6;
    if (fd >= 0) {
        host_fs_close(fd);
    }
    ok = ok && host_fs_chmod(out, "secret", 0644) == 0;
    host_fs_dir_close(out);
    return ok;
}

static void env_teardown(Env *e)
{
    host_fs_dir_close(e->base);
    th_rmtree(e->tmp);
}

static int count_entry(void *ctx, const char *name, uint64_t ino, uint32_t type)
{
    (void)name, (void)ino, (void)type;
    (*(int *)ctx)++;
    return 0;
}

/* Nothing outside the share changed: the secret's content, mode and siblings. */
static void check_outside_intact(Env *e)
{
    HostFsDir *out = NULL;
    CHECK(host_fs_dir_open(e->base, "outside", &out) == 0);
    if (!out) {
        return;
    }
    HostFsStat st;
    CHECK(host_fs_lstat(out, "secret", &st) == 0);
    CHECK_EQ_U64(st.mode, S_IFREG | 0644);
    CHECK_EQ_U64(st.size, 6);
    char buf[16] = "";
    int fd = host_fs_open(out, "secret", HOSTFS_O_RDONLY, 0);
    CHECK(fd >= 0);
    if (fd >= 0) {
        CHECK(host_fs_pread(fd, buf, sizeof(buf), 0) == 6 && memcmp(buf, "SECRET", 6) == 0);
        host_fs_close(fd);
    }
    int n = 0;
    host_fs_list(out, count_entry, &n);
    CHECK(n == 1);
    host_fs_dir_close(out);
}

/* A fresh share TMP/<sub> with the host-made escape symlinks; the server for it. */
static P9Server *make_server(Env *e, const char *sub, P9SecurityModel m, bool ro)
{
    snprintf(e->share, sizeof(e->share), "%s/%s", e->tmp, sub);
    HostFsDir *d = NULL, *sd = NULL;
    char target[600];
    CHECK(host_fs_mkdir(e->base, sub, 0755) == 0);
    CHECK(host_fs_dir_open(e->base, sub, &d) == 0);
    if (!d) {
        return NULL;
    }
    snprintf(target, sizeof(target), "%s/outside", e->tmp);
    CHECK(host_fs_symlink(d, "abs", target) == 0);
    CHECK(host_fs_symlink(d, "rel", "../outside") == 0);
    snprintf(target, sizeof(target), "%s/outside/secret", e->tmp);
    CHECK(host_fs_symlink(d, "fileln", target) == 0);
    snprintf(target, sizeof(target), "%s/outside/created", e->tmp);
    CHECK(host_fs_symlink(d, "dangling", target) == 0);
    CHECK(host_fs_mkdir(d, "sub", 0755) == 0);
    CHECK(host_fs_dir_open(d, "sub", &sd) == 0);
    CHECK(sd && host_fs_symlink(sd, "up", "../../outside") == 0);
    host_fs_dir_close(sd);
    host_fs_dir_close(d);
    P9Config cfg = {.root = e->share, .mount_tag = "share", .security_model = m, .readonly = ro};
    char err[256] = "";
    P9Server *s = p9_server_create(&cfg, err, sizeof(err));
    if (!s) {
        fprintf(stderr, "  p9_server_create: %s\n", err);
    }
    CHECK(s != NULL);
    return s;
}

/* The host's view of SHARE/path (lstat, no following). */
static int share_lstat(Env *e, const char *dir, const char *name, HostFsStat *st)
{
    HostFsDir *d, *sd;
    char sub[600];
    snprintf(sub, sizeof(sub), "%s", e->share + strlen(e->tmp) + 1);
    int r = host_fs_dir_open(e->base, sub, &d);
    if (r < 0) {
        return r;
    }
    if (dir) {
        r = host_fs_dir_open(d, dir, &sd);
        host_fs_dir_close(d);
        if (r < 0) {
            return r;
        }
        d = sd;
    }
    r = host_fs_lstat(d, name, st);
    host_fs_dir_close(d);
    return r;
}

/* Set (len > 0) or remove (len 0) an xattr the way Linux does: clone, xattrcreate,
 * write, clunk.  Returns the clunk's result. */
static int set_xattr(P9T *t, uint32_t fid, uint32_t tmpfid, const char *xname,
                     const void *val, uint32_t len)
{
    int e = t_clone(t, fid, tmpfid);
    if (e < 0) {
        return e;
    }
    e = t_xattrcreate(t, tmpfid, xname, len, len ? 0 : 2);
    if (e < 0) {
        t_clunk(t, tmpfid);
        return e;
    }
    if (len && t_write(t, tmpfid, 0, val, len) != (int)len) {
        t_clunk(t, tmpfid);
        return T_BADREPLY;
    }
    return t_clunk(t, tmpfid);
}

/* A POSIX ACL xattr (version 2; user::rw-, user:1000:r--, group::r--, mask::r--,
 * other::r--): not one the mode bits could express, so the host keeps it as an ACL. */
#define TEST_ACL_LEN 44
static const uint8_t test_acl[TEST_ACL_LEN] = {
    2, 0, 0, 0,
    1, 0, 6, 0, 0xff, 0xff, 0xff, 0xff,
    2, 0, 4, 0, 0xe8, 0x03, 0, 0,
    4, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,
    0x10, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,
    0x20, 0, 4, 0, 0xff, 0xff, 0xff, 0xff};

static void session_start(P9T *t, P9Server *s, uint32_t uid)
{
    t_init(t, s);
    uint32_t msize = 0;
    CHECK(t_version(t, 1u << 20, "9P2000.L", &msize) == 0);
    CHECK_EQ_U64(msize, P9_MAX_MSIZE);
    CHECK(t_version(t, T_MSIZE, "9P2000.L", &msize) == 0);
    CHECK_EQ_U64(msize, T_MSIZE);
    CHECK(t_attach(t, 1, uid) == 0);
    CHECK(t->qid.type == P9_QID_DIR);
}

/* ---- the everyday requests, in the order Linux sends them ---- */
static void scenario_basic(Env *e, P9SecurityModel m, const char *sub)
{
    P9Server *s = make_server(e, sub, m, false);
    if (!s) {
        return;
    }
    P9T t;
    session_start(&t, s, e->uid);
    TAttr a;
    char buf[256];
    CHECK(t_clone(&t, 1, 2) == 0);
    CHECK(t_getattr(&t, 2, &a) == 0 && (a.mode & S_IFMT) == S_IFDIR);
    /* create, write, read back through the same fid */
    CHECK(t_lcreate(&t, 2, "hello.txt", L_O_RDWR | L_O_CREAT, 0640, e->gid) == 0);
    CHECK(t.qid.type == P9_QID_FILE);
    CHECK(t_write(&t, 2, 0, "hello, world", 12) == 12);
    CHECK(t_read(&t, 2, 7, 100, buf) == 5 && memcmp(buf, "world", 5) == 0);
    CHECK(t_fsync(&t, 2) == 0);
    uint8_t st = 9, ty = 9;
    CHECK(t_lock(&t, 2, 1, &st) == 0 && st == 0);
    CHECK(t_getlock(&t, 2, &ty) == 0 && ty == 2);
    CHECK(t_clunk(&t, 2) == 0);
    CHECK(t_clunk(&t, 2) == -L_ENOENT);
    /* walk + getattr + lopen + read */
    CHECK(t_walk(&t, 1, 3, "hello.txt") == 1 && t.qids[0].type == P9_QID_FILE);
    CHECK(t_getattr(&t, 3, &a) == 0);
    CHECK_EQ_U64(a.size, 12);
    CHECK_EQ_U64(a.mode, S_IFREG | 0640);
    CHECK_EQ_U64(a.uid, e->uid);
    CHECK(t_lopen(&t, 3, L_O_RDONLY | L_O_DIRECTORY) == -L_ENOTDIR);
    CHECK(t_lopen(&t, 3, 3) == -L_EINVAL);
    CHECK(t_lopen(&t, 3, L_O_RDONLY) == 0);
    CHECK(t_lopen(&t, 3, L_O_RDONLY) == -L_EINVAL); /* already open */
    CHECK(t_read(&t, 3, 0, 4096, buf) == 12 && memcmp(buf, "hello, world", 12) == 0);
    CHECK(t_read(&t, 3, 12, 4096, buf) == 0);
    CHECK(t_write(&t, 3, 0, "x", 1) < 0); /* opened read-only */
    CHECK(t_clunk(&t, 3) == 0);
    /* mkdir, many files, readdir across several calls */
    CHECK(t_mkdir(&t, 1, "d", 0755, e->gid) == 0 && t.qid.type == P9_QID_DIR);
    CHECK(t_mkdir(&t, 1, "d", 0755, e->gid) == -L_EEXIST);
    for (int i = 0; i < 30; i++) {
        char name[16];
        snprintf(name, sizeof(name), "f%02d", i);
        CHECK(t_walk(&t, 1, 4, "d") == 1);
        CHECK(t_lcreate(&t, 4, name, L_O_WRONLY | L_O_CREAT, 0644, e->gid) == 0);
        CHECK(t_clunk(&t, 4) == 0);
    }
    CHECK(t_walk(&t, 1, 5, "d") == 1);
    CHECK(t_getattr(&t, 5, &a) == 0);
    CHECK_EQ_U64(a.mode, S_IFDIR | 0755);
    TDir dir;
    CHECK(t_readdir_all(&t, 5, 128, &dir) == -L_EINVAL); /* not opened */
    CHECK(t_lopen(&t, 5, L_O_RDONLY | L_O_DIRECTORY) == 0);
    CHECK(t_readdir_all(&t, 5, 128, &dir) == 0);
    CHECK(dir.n == 32 && dir.calls > 3);
    CHECK(t_dir_count(&dir, ".") == 1 && t_dir_count(&dir, "..") == 1);
    for (int i = 0; i < 30; i++) {
        char name[16];
        snprintf(name, sizeof(name), "f%02d", i);
        CHECK(t_dir_count(&dir, name) == 1);
    }
    CHECK(dir.types[0] == 4 && dir.types[dir.n - 1] == 8); /* DT_DIR, DT_REG */
    CHECK(t_readdir_all(&t, 5, 8192, &dir) == 0 && dir.n == 32 && dir.calls == 2);
    CHECK(t_statfs(&t, 1) == 0);
    CHECK(t_fsync(&t, 5) == 0);
    /* setattr: size, mode, times */
    CHECK(t_walk(&t, 1, 6, "hello.txt") == 1);
    CHECK(t_setattr(&t, 6, 0x8, 0, 0, 0, 5, 0, 0, 0, 0) == 0);
    CHECK(t_setattr(&t, 6, 0x1, 0600, 0, 0, 0, 0, 0, 0, 0) == 0);
    CHECK(t_setattr(&t, 6, 0x20 | 0x100, 0, 0, 0, 0, 0, 0, 1000000000, 5000) == 0);
    CHECK(t_setattr(&t, 6, 0x10, 0, 0, 0, 0, 0, 0, 0, 0) == 0); /* atime = now */
    CHECK(t_setattr(&t, 6, 0x20 | 0x100, 0, 0, 0, 0, 0, 0, 1, 2000000000) == -L_EINVAL);
    CHECK(t_getattr(&t, 6, &a) == 0);
    CHECK_EQ_U64(a.size, 5);
    CHECK_EQ_U64(a.mode, S_IFREG | 0600);
    CHECK_EQ_U64(a.mtime_sec, 1000000000);
    CHECK(a.atime_sec > 1000000000);
    /* renameat and rename: fids follow */
    CHECK(t_walk(&t, 1, 7, "d") == 1);
    CHECK(t_renameat(&t, 1, "hello.txt", 7, "moved.txt") == 0);
    CHECK(t_walk(&t, 1, 8, "hello.txt") == -L_ENOENT);
    CHECK(t_walk(&t, 1, 8, "d", "moved.txt") == 2);
    CHECK(t_clunk(&t, 8) == 0);
    CHECK(t_getattr(&t, 6, &a) == 0 && a.size == 5);
    CHECK(t_rename(&t, 6, 1, "back.txt") == 0);
    CHECK(t_walk(&t, 1, 8, "back.txt") == 1);
    CHECK(t_clunk(&t, 8) == 0);
    /* link */
    CHECK(t_link(&t, 1, 6, "hard.txt") == 0);
    CHECK(t_getattr(&t, 6, &a) == 0 && a.nlink == 2);
    /* symlink / readlink */
    CHECK(t_symlink(&t, 1, "ln", "back.txt", e->gid) == 0 && t.qid.type == P9_QID_SYMLINK);
    CHECK(t_walk(&t, 1, 9, "ln") == 1 && t.qids[0].type == P9_QID_SYMLINK);
    char target[4200];
    CHECK(t_readlink(&t, 9, target) == 8 && strcmp(target, "back.txt") == 0);
    CHECK(t_getattr(&t, 9, &a) == 0 && (a.mode & S_IFMT) == S_IFLNK);
    CHECK(t_lopen(&t, 9, L_O_RDONLY) < 0);
    CHECK(t_readlink(&t, 6, target) == -L_EINVAL); /* not a symlink */
    /* unlinkat, remove */
    CHECK(t_unlinkat(&t, 1, "ln", 0) == 0);
    CHECK(t_unlinkat(&t, 1, "d", L_AT_REMOVEDIR) == -L_ENOTEMPTY);
    CHECK(t_unlinkat(&t, 7, "moved.txt", 0) == -L_ENOENT); /* it was renamed back */
    CHECK(t_walk(&t, 1, 10, "hard.txt") == 1);
    CHECK(t_fid_only(&t, P9_TREMOVE, 10) == 0);
    CHECK(t_walk(&t, 1, 10, "hard.txt") == -L_ENOENT);
    CHECK(t_getattr(&t, 10, &a) == -L_ENOENT); /* Tremove clunked it */
    /* an open file keeps working after its name is gone */
    CHECK(t_clone(&t, 1, 11) == 0);
    CHECK(t_lcreate(&t, 11, "tmpfile", L_O_RDWR | L_O_CREAT, 0600, e->gid) == 0);
    CHECK(t_unlinkat(&t, 1, "tmpfile", 0) == 0);
    CHECK(t_write(&t, 11, 0, "abc", 3) == 3);
    CHECK(t_getattr(&t, 11, &a) == 0 && a.size == 3);
    CHECK(t_setattr(&t, 11, 0x8, 0, 0, 0, 1, 0, 0, 0, 0) == 0);
    CHECK(t_read(&t, 11, 0, 10, buf) == 1);
    /* mknod of a regular file works everywhere */
    CHECK(t_mknod(&t, 1, "plain", S_IFREG | 0644, 0, 0, e->gid) == 0);
    CHECK(t_walk(&t, 1, 12, "plain") == 1 && t_getattr(&t, 12, &a) == 0 &&
          a.mode == (S_IFREG | 0644));
    /* flush answers at once */
    t_begin(&t, P9_TFLUSH);
    t_put(&t, 3, 2);
    CHECK(t_send(&t) == 0);
    /* a new Tversion forgets every fid */
    CHECK(t_version(&t, T_MSIZE, "9P2000.L", NULL) == 0);
    CHECK(t_getattr(&t, 1, &a) == -L_ENOENT);
    t_fini(&t);
    p9_server_reset(s);
    p9_server_destroy(s);
    check_outside_intact(e);
}

/* ---- the mapped models: credentials in xattrs / metadata files ---- */
static void scenario_mapped(Env *e, P9SecurityModel m, const char *sub)
{
    P9Server *s = make_server(e, sub, m, false);
    if (!s) {
        return;
    }
    P9T t;
    session_start(&t, s, 0); /* guest root */
    TAttr a;
    HostFsStat hs;
    char buf[256];
    CHECK(t_mkdir(&t, 1, "m", 0755, 0) == 0);
    CHECK(share_lstat(e, NULL, "m", &hs) == 0 && hs.mode == (S_IFDIR | 0700));
    CHECK(t_walk(&t, 1, 2, "m") == 1 && t_getattr(&t, 2, &a) == 0);
    CHECK_EQ_U64(a.mode, S_IFDIR | 0755);
    CHECK_EQ_U64(a.uid, 0);
    CHECK(t_clone(&t, 1, 3) == 0);
    CHECK(t_lcreate(&t, 3, "f", L_O_RDWR | L_O_CREAT, 0644, 100) == 0);
    CHECK(share_lstat(e, NULL, "f", &hs) == 0 && hs.mode == (S_IFREG | 0600));
    CHECK(hs.uid == e->uid);
    CHECK(t_getattr(&t, 3, &a) == 0 && a.mode == (S_IFREG | 0644) && a.gid == 100);
    CHECK(t_setattr(&t, 3, 0x2 | 0x4, 0, 1234, 5678, 0, 0, 0, 0, 0) == 0);
    CHECK(t_setattr(&t, 3, 0x1, 0755, 0, 0, 0, 0, 0, 0, 0) == 0);
    CHECK(t_getattr(&t, 3, &a) == 0);
    CHECK(a.uid == 1234 && a.gid == 5678 && a.mode == (S_IFREG | 0755));
    CHECK(share_lstat(e, NULL, "f", &hs) == 0 && hs.uid == e->uid && hs.mode == (S_IFREG | 0600));
    /* symlinks are files holding the target */
    CHECK(t_symlink(&t, 1, "s", "/etc/passwd", 0) == 0 && t.qid.type == P9_QID_SYMLINK);
    CHECK(share_lstat(e, NULL, "s", &hs) == 0 && (hs.mode & S_IFMT) == S_IFREG);
    CHECK(t_walk(&t, 1, 4, "s") == 1 && t.qids[0].type == P9_QID_SYMLINK);
    CHECK(t_readlink(&t, 4, buf) == 11 && strcmp(buf, "/etc/passwd") == 0);
    CHECK(t_getattr(&t, 4, &a) == 0 && a.mode == (S_IFLNK | 0777));
    /* device nodes and FIFOs are files with the mode (and rdev) recorded */
    CHECK(t_mknod(&t, 1, "c", S_IFCHR | 0600, 4, 5, 0) == 0);
    CHECK(t_walk(&t, 1, 5, "c") == 1 && t_getattr(&t, 5, &a) == 0);
    CHECK(a.mode == (S_IFCHR | 0600) && a.rdev == ((4u << 8) | 5u));
    CHECK(share_lstat(e, NULL, "c", &hs) == 0 && (hs.mode & S_IFMT) == S_IFREG);
    CHECK(t_mknod(&t, 1, "p", S_IFIFO | 0644, 0, 0, 0) == 0);
    CHECK(t_walk(&t, 1, 6, "p") == 1 && t_getattr(&t, 6, &a) == 0 && a.mode == (S_IFIFO | 0644));
    /* rename and link keep the metadata */
    CHECK(t_renameat(&t, 1, "f", 2, "g") == 0);
    CHECK(t_getattr(&t, 3, &a) == 0 && a.uid == 1234 && a.mode == (S_IFREG | 0755));
    CHECK(t_walk(&t, 1, 7, "m", "g") == 2 && t_getattr(&t, 7, &a) == 0 && a.uid == 1234);
    CHECK(t_link(&t, 1, 7, "g2") == 0);
    CHECK(t_walk(&t, 1, 8, "g2") == 1 && t_getattr(&t, 8, &a) == 0 && a.uid == 1234);
    /* the root's own metadata */
    CHECK(t_setattr(&t, 1, 0x2, 0, 42, 0, 0, 0, 0, 0, 0) == 0);
    CHECK(t_getattr(&t, 1, &a) == 0 && a.uid == 42);
    /* the metadata is invisible */
    TDir dir;
    CHECK(t_clone(&t, 1, 9) == 0 && t_lopen(&t, 9, L_O_RDONLY) == 0);
    CHECK(t_readdir_all(&t, 9, 4096, &dir) == 0);
    CHECK(t_dir_count(&dir, ".virtfs_metadata") == 0);
    CHECK(t_dir_count(&dir, ".virtfs_metadata_root") == 0);
    CHECK(t_dir_count(&dir, "g2") == 1 && t_dir_count(&dir, "s") == 1);
    if (m == P9_SECURITY_MAPPED_FILE) {
        CHECK(share_lstat(e, NULL, ".virtfs_metadata", &hs) == 0);
        CHECK(t_walk(&t, 1, 10, ".virtfs_metadata") == -L_ENOENT);
        CHECK(t_walk(&t, 1, 10, ".virtfs_metadata_root") == -L_ENOENT);
        CHECK(t_mkdir(&t, 1, ".virtfs_metadata", 0755, 0) == -L_EINVAL);
        CHECK(t_renameat(&t, 1, "g2", 1, ".virtfs_metadata") == -L_EINVAL);
    } else {
        /* user.virtfs.* cannot be read, listed or set by the guest */
        int64_t n = t_xattrwalk(&t, 7, 10, "");
        CHECK(n >= 0);
        if (n >= 0) {
            char list[1024] = "";
            CHECK(t_read(&t, 10, 0, sizeof(list) - 1, list) == n);
            for (int64_t i = 0; i < n; i += (int64_t)strlen(list + i) + 1) {
                CHECK(strncmp(list + i, "user.virtfs.", 12) != 0);
            }
            CHECK(t_clunk(&t, 10) == 0);
        }
        CHECK(t_xattrwalk(&t, 7, 10, "user.virtfs.uid") == -L_ENODATA);
        CHECK(t_clone(&t, 7, 10) == 0);
        CHECK(t_xattrcreate(&t, 10, "user.virtfs.uid", 4, 0) == 0);
        CHECK(t_write(&t, 10, 0, "\0\0\0\0", 4) == 4);
        CHECK(t_clunk(&t, 10) == -L_EACCES);
        CHECK(t_getattr(&t, 7, &a) == 0 && a.uid == 1234);
        /* other user.* attributes pass through */
        CHECK(t_clone(&t, 7, 10) == 0);
        CHECK(t_xattrcreate(&t, 10, "user.test", 3, 0) == 0);
        CHECK(t_write(&t, 10, 0, "abc", 3) == 3);
        CHECK(t_clunk(&t, 10) == 0);
        CHECK(t_xattrwalk(&t, 7, 10, "user.test") == 3);
        CHECK(t_read(&t, 10, 0, 100, buf) == 3 && memcmp(buf, "abc", 3) == 0);
        CHECK(t_clunk(&t, 10) == 0);
        CHECK(t_clone(&t, 7, 10) == 0);
        CHECK(t_xattrcreate(&t, 10, "user.test", 0, 2) == 0);
        CHECK(t_clunk(&t, 10) == 0);
        CHECK(t_xattrwalk(&t, 7, 10, "user.test") == -L_ENODATA);
        /* POSIX ACLs are the guest's, kept in user.virtfs.system.posix_acl_* */
        CHECK(set_xattr(&t, 7, 10, "system.posix_acl_access", test_acl, TEST_ACL_LEN) == 0);
        CHECK(t_xattrwalk(&t, 7, 10, "system.posix_acl_access") == TEST_ACL_LEN);
        CHECK(t_read(&t, 10, 0, 100, buf) == TEST_ACL_LEN && memcmp(buf, test_acl, TEST_ACL_LEN) == 0);
        CHECK(t_clunk(&t, 10) == 0);
        {
            HostFsDir *md = NULL;
            char subdir[700];
            snprintf(subdir, sizeof(subdir), "%s/m", e->share + strlen(e->tmp) + 1);
            CHECK(host_fs_dir_open(e->base, subdir, &md) == 0);
            CHECK(md && host_fs_getxattr(md, "g", "user.virtfs.system.posix_acl_access", NULL, 0) == TEST_ACL_LEN);
            CHECK(md && host_fs_getxattr(md, "g", "system.posix_acl_access", NULL, 0) < 0);
            host_fs_dir_close(md);
        }
        int64_t ln = t_xattrwalk(&t, 7, 10, "");
        char list[1024] = "";
        CHECK(ln > 0 && t_read(&t, 10, 0, sizeof(list) - 1, list) == ln);
        bool saw_acl = false;
        for (int64_t i = 0; i < ln; i += (int64_t)strlen(list + i) + 1) {
            saw_acl |= strcmp(list + i, "system.posix_acl_access") == 0;
        }
        CHECK(saw_acl);
        CHECK(t_clunk(&t, 10) == 0);
        CHECK(set_xattr(&t, 7, 10, "system.posix_acl_access", NULL, 0) == 0);
        CHECK(t_xattrwalk(&t, 7, 10, "system.posix_acl_access") == -L_ENODATA);
        CHECK(set_xattr(&t, 7, 10, "security.capability", "x", 1) == -L_EOPNOTSUPP);
    }
    /* removal takes the metadata along; rmdir works once the guest emptied the dir */
    CHECK(t_unlinkat(&t, 2, "g", 0) == 0);
    if (m == P9_SECURITY_MAPPED_FILE) {
        CHECK(share_lstat(e, "m/.virtfs_metadata", "g", &hs) < 0);
        CHECK(share_lstat(e, ".virtfs_metadata", "c", &hs) == 0);
    }
    CHECK(t_unlinkat(&t, 1, "m", L_AT_REMOVEDIR) == 0);
    CHECK(t_unlinkat(&t, 1, "c", 0) == 0);
    if (m == P9_SECURITY_MAPPED_FILE) {
        CHECK(share_lstat(e, ".virtfs_metadata", "c", &hs) < 0);
    }
    t_fini(&t);
    p9_server_destroy(s);
    check_outside_intact(e);
}

/* ---- passthrough/none specifics ---- */
static void scenario_passthrough(Env *e, P9SecurityModel m, const char *sub)
{
    P9Server *s = make_server(e, sub, m, false);
    if (!s) {
        return;
    }
    P9T t;
    session_start(&t, s, e->uid);
    TAttr a;
    HostFsStat hs;
    /* the guest's mode is the host's, exactly (no umask) */
    CHECK(t_mkdir(&t, 1, "dir", 0751, e->gid) == 0);
    CHECK(share_lstat(e, NULL, "dir", &hs) == 0 && hs.mode == (S_IFDIR | 0751));
    CHECK(t_symlink(&t, 1, "ln", "/nowhere", e->gid) == 0);
    CHECK(share_lstat(e, NULL, "ln", &hs) == 0 && (hs.mode & S_IFMT) == S_IFLNK);
    /* chown to the owner it already has always works */
    CHECK(t_walk(&t, 1, 2, "dir") == 1);
    CHECK(t_setattr(&t, 2, 0x2 | 0x4, 0, e->uid, e->gid, 0, 0, 0, 0, 0) == 0);
    CHECK(t_getattr(&t, 2, &a) == 0 && a.uid == e->uid);
    if (e->native) {
        CHECK(t_mknod(&t, 1, "fifo", S_IFIFO | 0640, 0, 0, e->gid) == 0);
        CHECK(share_lstat(e, NULL, "fifo", &hs) == 0 && hs.mode == (S_IFIFO | 0640));
        /* special files are the guest kernel's business: never opened here (a FIFO
         * would block the server, a device node would be the host's device) */
        CHECK(t_walk(&t, 1, 3, "fifo") == 1);
        CHECK(t_lopen(&t, 3, L_O_RDONLY) == -L_EOPNOTSUPP);
        CHECK(t_setattr(&t, 3, 0x8, 0, 0, 0, 0, 0, 0, 0, 0) == -L_EINVAL);
        CHECK(t_clunk(&t, 3) == 0);
        if (t_mknod(&t, 1, "null", S_IFCHR | 0666, 1, 3, e->gid) == 0) { /* as root */
            CHECK(t_walk(&t, 1, 3, "null") == 1);
            CHECK(t_lopen(&t, 3, L_O_RDWR) == -L_EOPNOTSUPP);
            CHECK(t_clunk(&t, 3) == 0);
        }
        /* user.* xattrs pass through */
        CHECK(t_clone(&t, 2, 4) == 0);
        CHECK(t_xattrcreate(&t, 4, "user.k", 2, 0) == 0);
        CHECK(t_write(&t, 4, 0, "vv", 2) == 2);
        CHECK(t_clunk(&t, 4) == 0);
        char v[8];
        CHECK(t_xattrwalk(&t, 2, 4, "user.k") == 2 && t_read(&t, 4, 0, 8, v) == 2);
        CHECK(t_clunk(&t, 4) == 0);
        CHECK(t_xattrwalk(&t, 2, 4, "") > 0 && t_clunk(&t, 4) == 0);
        /* only user.* and POSIX ACLs: no capabilities or labels on host files */
        CHECK(set_xattr(&t, 2, 4, "security.capability", "x", 1) == -L_EOPNOTSUPP);
        CHECK(set_xattr(&t, 2, 4, "trusted.x", "x", 1) == -L_EOPNOTSUPP);
        CHECK(t_xattrwalk(&t, 2, 4, "security.selinux") == -L_EOPNOTSUPP);
        if (m == P9_SECURITY_NONE) {
            CHECK(set_xattr(&t, 2, 4, "system.posix_acl_access", test_acl, TEST_ACL_LEN) == 0);
            CHECK(t_xattrwalk(&t, 2, 4, "system.posix_acl_access") == -L_EOPNOTSUPP);
        } else {
            CHECK(set_xattr(&t, 2, 4, "system.posix_acl_access", test_acl, TEST_ACL_LEN) == 0);
            CHECK(t_xattrwalk(&t, 2, 4, "system.posix_acl_access") > 0 && t_clunk(&t, 4) == 0);
        }
    } else {
        /* Node: no mknod for FIFOs, no xattrs */
        CHECK(t_mknod(&t, 1, "fifo", S_IFIFO | 0640, 0, 0, e->gid) == -L_EOPNOTSUPP);
        CHECK(t_xattrwalk(&t, 2, 4, "user.k") == -L_EOPNOTSUPP);
    }
    t_fini(&t);
    p9_server_destroy(s);
    check_outside_intact(e);
}

/* ---- readonly: every change fails with EROFS; reading works ---- */
static void scenario_readonly(Env *e, const char *sub)
{
    P9Server *s = make_server(e, sub, P9_SECURITY_PASSTHROUGH, true);
    if (!s) {
        return;
    }
    P9T t;
    session_start(&t, s, e->uid);
    TAttr a;
    CHECK(t_clone(&t, 1, 2) == 0);
    CHECK(t_lcreate(&t, 2, "x", L_O_RDWR | L_O_CREAT, 0644, 0) == -L_EROFS);
    CHECK(t_mkdir(&t, 1, "x", 0755, 0) == -L_EROFS);
    CHECK(t_symlink(&t, 1, "x", "y", 0) == -L_EROFS);
    CHECK(t_mknod(&t, 1, "x", S_IFREG | 0644, 0, 0, 0) == -L_EROFS);
    CHECK(t_setattr(&t, 1, 0x1, 0777, 0, 0, 0, 0, 0, 0, 0) == -L_EROFS);
    CHECK(t_unlinkat(&t, 1, "sub", L_AT_REMOVEDIR) == -L_EROFS);
    CHECK(t_renameat(&t, 1, "sub", 1, "sub2") == -L_EROFS);
    CHECK(t_xattrcreate(&t, 2, "user.x", 1, 0) == -L_EROFS);
    CHECK(t_walk(&t, 1, 3, "sub") == 1);
    CHECK(t_link(&t, 1, 3, "x") == -L_EROFS);
    CHECK(t_rename(&t, 3, 1, "x") == -L_EROFS);
    CHECK(t_fid_only(&t, P9_TREMOVE, 3) == -L_EROFS);
    CHECK(t_getattr(&t, 3, &a) == -L_ENOENT); /* clunked anyway */
    CHECK(t_lopen(&t, 2, L_O_RDWR) == -L_EROFS);
    CHECK(t_lopen(&t, 2, L_O_RDONLY | L_O_TRUNC) == -L_EROFS);
    CHECK(t_lopen(&t, 2, L_O_RDONLY) == 0);
    TDir dir;
    CHECK(t_readdir_all(&t, 2, 4096, &dir) == 0 && t_dir_count(&dir, "sub") == 1);
    CHECK(t_getattr(&t, 1, &a) == 0 && t_statfs(&t, 1) == 0);
    t_fini(&t);
    p9_server_destroy(s);
}

/* escape, malformed, limits, fuzz */
#include "test/p9_scenarios_hostile.h"

#endif
