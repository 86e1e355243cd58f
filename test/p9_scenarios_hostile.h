/*
 * test/p9_scenarios_hostile.h — the 9P server against a hostile guest: escapes from the
 * share, malformed messages, exhausting its memory, random mutations.  Part of
 * test/p9_scenarios.h (which includes it at its end; it uses that file's helpers).
 */
#ifndef TEST_P9_SCENARIOS_HOSTILE_H
#define TEST_P9_SCENARIOS_HOSTILE_H

/* ---- confinement: nothing outside the share is reachable ---- */
static void scenario_escape(Env *e, P9SecurityModel m, const char *sub)
{
    P9Server *s = make_server(e, sub, m, false);
    if (!s) {
        return;
    }
    P9T t;
    session_start(&t, s, m == P9_SECURITY_PASSTHROUGH || m == P9_SECURITY_NONE ? e->uid : 0);
    uint32_t gid = e->gid;
    P9Qid root = t.qid;
    TAttr a;
    char buf[4200];
    /* ".." at the root is the root */
    CHECK(t_walk(&t, 1, 2, "..") == 1 && t.qids[0].path == root.path);
    CHECK(t_getattr(&t, 2, &a) == 0 && a.qid.path == root.path);
    CHECK(t_clunk(&t, 2) == 0);
    CHECK(t_walk(&t, 1, 2, "..", "..", "outside") == 2); /* partial: no fid 2 */
    CHECK(t_getattr(&t, 2, &a) == -L_ENOENT);
    CHECK(t_walk(&t, 1, 2, "sub", "..", "..", "..", "sub") == 5);
    CHECK(t.qids[3].path == root.path);
    CHECK(t_clunk(&t, 2) == 0);
    /* host-made symlinks are symlinks, never followed */
    CHECK(t_walk(&t, 1, 2, "abs") == 1 && t.qids[0].type == P9_QID_SYMLINK);
    CHECK(t_getattr(&t, 2, &a) == 0 && (a.mode & S_IFMT) == S_IFLNK);
    CHECK(t_walk(&t, 1, 3, "abs", "secret") == 1); /* stops at the symlink */
    CHECK(t_getattr(&t, 3, &a) == -L_ENOENT);
    CHECK(t_walk(&t, 2, 3, "secret") < 0);
    CHECK(t_lopen(&t, 2, L_O_RDONLY) < 0);
    CHECK(t_lopen(&t, 2, L_O_RDONLY | L_O_DIRECTORY) < 0);
    CHECK(t_lcreate(&t, 2, "planted", L_O_RDWR | L_O_CREAT, 0644, gid) < 0);
    CHECK(t_mkdir(&t, 2, "planted", 0755, gid) < 0);
    CHECK(t_symlink(&t, 2, "planted", "x", gid) < 0);
    CHECK(t_mknod(&t, 2, "planted", S_IFREG | 0644, 0, 0, gid) < 0);
    CHECK(t_unlinkat(&t, 2, "secret", 0) < 0);
    CHECK(t_renameat(&t, 2, "secret", 1, "stolen") < 0);
    CHECK(t_setattr(&t, 2, 0x8, 0, 0, 0, 0, 0, 0, 0, 0) < 0);
    t_setattr(&t, 2, 0x1, 0777, 0, 0, 0, 0, 0, 0, 0); /* fails, or changes the link only */
    t_setattr(&t, 2, 0x20 | 0x100, 0, 0, 0, 0, 0, 0, 12345, 0);
    CHECK(t_readlink(&t, 2, buf) > 0 && strstr(buf, "/outside") != NULL);
    CHECK(t_walk(&t, 1, 4, "fileln") == 1 && t.qids[0].type == P9_QID_SYMLINK);
    CHECK(t_lopen(&t, 4, L_O_RDWR) < 0);
    CHECK(t_lopen(&t, 4, L_O_RDONLY) < 0);
    CHECK(t_setattr(&t, 4, 0x8, 0, 0, 0, 0, 0, 0, 0, 0) < 0);
    t_setattr(&t, 4, 0x1, 0777, 0, 0, 0, 0, 0, 0, 0);
    t_setattr(&t, 4, 0x2 | 0x4, 0, 4321, 4321, 0, 0, 0, 0, 0);
    if (t_clone(&t, 4, 5) == 0) {
        CHECK(t_xattrcreate(&t, 5, "user.evil", 1, 0) == 0);
        CHECK(t_write(&t, 5, 0, "x", 1) == 1);
        t_clunk(&t, 5);
    }
    t_xattrwalk(&t, 4, 5, "user.evil");
    t_clunk(&t, 5);
    CHECK(t_walk(&t, 1, 5, "rel", "secret") == 1);
    CHECK(t_walk(&t, 1, 5, "sub", "up", "secret") == 2);
    CHECK(t_walk(&t, 1, 5, "sub", "up") == 2 && t.qids[1].type == P9_QID_SYMLINK);
    CHECK(t_lcreate(&t, 5, "planted", L_O_RDWR | L_O_CREAT, 0644, gid) < 0);
    CHECK(t_clunk(&t, 5) == 0);
    if (t_link(&t, 1, 4, "hardlink_of_link") == 0) { /* the symlink itself, if at all */
        CHECK(t_walk(&t, 1, 5, "hardlink_of_link") == 1 && t.qids[0].type == P9_QID_SYMLINK);
        CHECK(t_clunk(&t, 5) == 0);
    }
    /* a dangling symlink is never created through */
    CHECK(t_clone(&t, 1, 5) == 0);
    CHECK(t_lcreate(&t, 5, "dangling", L_O_RDWR | L_O_CREAT, 0644, gid) < 0);
    CHECK(t_lcreate(&t, 5, "dangling", L_O_RDWR | L_O_CREAT | L_O_TRUNC, 0644, gid) < 0);
    CHECK(t_mkdir(&t, 1, "dangling", 0755, gid) == -L_EEXIST);
    CHECK(t_mknod(&t, 1, "dangling", S_IFREG | 0644, 0, 0, gid) == -L_EEXIST);
    CHECK(t_clunk(&t, 5) == 0);
    CHECK(t_walk(&t, 1, 5, "dangling") == 1);
    CHECK(t_lopen(&t, 5, L_O_WRONLY) < 0);
    CHECK(t_clunk(&t, 5) == 0);
    if (m == P9_SECURITY_MAPPED_FILE) {
        /* the metadata directory and the root's metadata file are never followed */
        HostFsDir *d = NULL, *sd = NULL;
        char subdir[600];
        snprintf(subdir, sizeof(subdir), "%s", e->share + strlen(e->tmp) + 1);
        CHECK(host_fs_dir_open(e->base, subdir, &d) == 0);
        CHECK(d && host_fs_mkdir(d, "md", 0755) == 0 && host_fs_dir_open(d, "md", &sd) == 0);
        if (d && sd) {
            snprintf(buf, sizeof(buf), "%s/outside", e->tmp);
            CHECK(host_fs_symlink(sd, ".virtfs_metadata", buf) == 0);
            snprintf(buf, sizeof(buf), "%s/outside/secret", e->tmp);
            CHECK(host_fs_symlink(d, ".virtfs_metadata_root", buf) == 0);
        }
        host_fs_dir_close(sd);
        host_fs_dir_close(d);
        CHECK(t_walk(&t, 1, 5, "md") == 1);
        CHECK(t_lcreate(&t, 5, "x", L_O_RDWR | L_O_CREAT, 0644, gid) < 0);
        CHECK(t_walk(&t, 1, 6, "md", "x") == 1); /* undone: stops before x */
        CHECK(t_mkdir(&t, 5, "y", 0755, gid) < 0);
        CHECK(t_clunk(&t, 5) == 0);
        CHECK(t_setattr(&t, 1, 0x2 | 0x4, 0, 7, 7, 0, 0, 0, 0, 0) < 0);
        CHECK(t_getattr(&t, 1, &a) == 0);
    }
    /* guest-made symlinks pointing out */
    snprintf(buf, sizeof(buf), "%s/outside", e->tmp);
    CHECK(t_symlink(&t, 1, "gabs", buf, gid) == 0);
    CHECK(t_symlink(&t, 1, "grel", "../outside", gid) == 0);
    CHECK(t_walk(&t, 1, 6, "gabs", "secret") == 1);
    CHECK(t_walk(&t, 1, 6, "grel", "secret") == 1);
    CHECK(t_walk(&t, 1, 6, "grel") == 1);
    CHECK(t_lopen(&t, 6, L_O_RDONLY) < 0);
    CHECK(t_mkdir(&t, 6, "x", 0755, gid) < 0);
    CHECK(t_clunk(&t, 6) == 0);
    /* a directory renamed while fids point into it: they follow it, and a symlink put
     * where it was is never taken */
    CHECK(t_mkdir(&t, 1, "a", 0755, gid) == 0);
    CHECK(t_walk(&t, 1, 7, "a") == 1);
    CHECK(t_lcreate(&t, 7, "f", L_O_RDWR | L_O_CREAT, 0644, gid) == 0);
    CHECK(t_write(&t, 7, 0, "one", 3) == 3);
    CHECK(t_walk(&t, 1, 8, "a", "f") == 2);
    CHECK(t_walk(&t, 1, 9, "a") == 1);
    CHECK(t_renameat(&t, 1, "a", 1, "b") == 0);
    CHECK(t_symlink(&t, 1, "a", buf, gid) == 0); /* guest puts a symlink where "a" was */
    CHECK(t_getattr(&t, 8, &a) == 0 && a.size == 3);
    CHECK(t_lopen(&t, 8, L_O_WRONLY | L_O_TRUNC) == 0);
    CHECK(t_write(&t, 8, 0, "two", 3) == 3);
    CHECK(t_clunk(&t, 8) == 0);
    CHECK(t_lcreate(&t, 9, "secret", L_O_RDWR | L_O_CREAT, 0644, gid) == 0); /* in b/ */
    CHECK(t_write(&t, 9, 0, "mine", 4) == 4);
    CHECK(t_walk(&t, 1, 8, "b", "secret") == 2 && t_getattr(&t, 8, &a) == 0 && a.size == 4);
    CHECK(t_clunk(&t, 8) == 0 && t_clunk(&t, 9) == 0);
    /* the same trick with a host-made symlink */
    CHECK(t_walk(&t, 1, 8, "b") == 1);
    CHECK(t_renameat(&t, 1, "b", 1, "c") == 0);
    {
        HostFsDir *d = NULL;
        char subdir[600];
        snprintf(subdir, sizeof(subdir), "%s", e->share + strlen(e->tmp) + 1);
        CHECK(host_fs_dir_open(e->base, subdir, &d) == 0);
        CHECK(d && host_fs_symlink(d, "b", buf) == 0);
        host_fs_dir_close(d);
    }
    CHECK(t_lcreate(&t, 8, "secret2", L_O_RDWR | L_O_CREAT, 0644, gid) == 0);
    CHECK(t_clunk(&t, 8) == 0);
    CHECK(t_walk(&t, 1, 8, "c", "secret2") == 2);
    CHECK(t_clunk(&t, 8) == 0);
    /* rename a directory into itself: the host refuses */
    CHECK(t_walk(&t, 1, 8, "c") == 1);
    CHECK(t_renameat(&t, 1, "c", 8, "inner") < 0);
    CHECK(t_clunk(&t, 8) == 0);
    /* names */
    CHECK(t_walk(&t, 1, 8, "a/b") == -L_EINVAL);
    CHECK(t_walk(&t, 1, 8, "/") == -L_EINVAL);
    CHECK(t_walk(&t, 1, 8, ".") == -L_ENOENT);
    CHECK(t_walk(&t, 1, 8, "") == -L_EINVAL);
    CHECK(t_walk(&t, 1, 8, "sub", "../..") == -L_EINVAL);
    CHECK(t_clone(&t, 1, 8) == 0);
    CHECK(t_lcreate(&t, 8, "x/y", L_O_RDWR | L_O_CREAT, 0644, gid) == -L_EINVAL);
    CHECK(t_lcreate(&t, 8, "..", L_O_RDWR | L_O_CREAT, 0644, gid) == -L_EEXIST);
    CHECK(t_lcreate(&t, 8, ".", L_O_RDWR | L_O_CREAT, 0644, gid) == -L_EEXIST);
    t_begin(&t, P9_TLCREATE);
    t_put(&t, 8, 4);
    t_strn(&t, "ok\0../../x", 10);
    t_put(&t, L_O_RDWR | L_O_CREAT, 4);
    t_put(&t, 0644, 4);
    t_put(&t, gid, 4);
    CHECK(t_send(&t) == -L_EINVAL);
    char longname[300];
    memset(longname, 'n', 256);
    longname[256] = '\0';
    CHECK(t_lcreate(&t, 8, longname, L_O_RDWR | L_O_CREAT, 0644, gid) == -L_ENAMETOOLONG);
    CHECK(t_walk(&t, 1, 9, longname) == -L_ENAMETOOLONG);
    longname[255] = '\0';
    CHECK(t_walk(&t, 1, 9, longname) == -L_ENOENT);
    CHECK(t_mkdir(&t, 1, ".", 0755, gid) == -L_EEXIST);
    CHECK(t_mkdir(&t, 1, "..", 0755, gid) == -L_EEXIST);
    CHECK(t_mkdir(&t, 1, "../x", 0755, gid) == -L_EINVAL);
    CHECK(t_symlink(&t, 1, "x/y", "t", gid) == -L_EINVAL);
    t_begin(&t, P9_TSYMLINK);
    t_put(&t, 1, 4);
    t_str(&t, "nul");
    t_strn(&t, "a\0b", 3);
    t_put(&t, gid, 4);
    CHECK(t_send(&t) == -L_EINVAL);
    CHECK(t_unlinkat(&t, 1, "..", L_AT_REMOVEDIR) == -L_ENOTEMPTY);
    CHECK(t_unlinkat(&t, 1, ".", L_AT_REMOVEDIR) == -L_EINVAL);
    CHECK(t_unlinkat(&t, 1, "../outside", L_AT_REMOVEDIR) == -L_EINVAL);
    CHECK(t_renameat(&t, 1, "c", 1, "../escaped") == -L_EINVAL);
    CHECK(t_renameat(&t, 1, "c", 1, "..") == -L_EISDIR);
    CHECK(t_renameat(&t, 1, "..", 1, "x") == -L_EISDIR);
    CHECK(t_rename(&t, 1, 1, "x") < 0); /* the root cannot move */
    CHECK(t_link(&t, 1, 4, "../x") == -L_EINVAL);
    CHECK(t_link(&t, 1, 1, "rootlink") < 0);
    CHECK(t_fid_only(&t, P9_TREMOVE, 1) < 0); /* nor be removed */
    CHECK(t_attach(&t, 1, 0) == 0);
    t_begin(&t, P9_TXATTRWALK);
    t_put(&t, 1, 4);
    t_put(&t, 9, 4);
    t_strn(&t, "user.a\0b", 8);
    CHECK(t_send(&t) == -L_EINVAL);
    t_fini(&t);
    p9_server_destroy(s);
    check_outside_intact(e);
}

/* ---- what a guest can make the server hold is bounded ---- */
static void scenario_limits(Env *e, const char *sub)
{
    P9Server *s = make_server(e, sub, P9_SECURITY_NONE, false);
    if (!s) {
        return;
    }
    P9T t;
    session_start(&t, s, e->uid);
    /* 64 KiB xattr buffers announced and never written: refused past the budget */
    int ok = 0, refused = 0;
    for (uint32_t fid = 100; fid < 100 + 2000; fid++) {
        if (t_clone(&t, 1, fid) < 0) {
            break;
        }
        int r = t_xattrcreate(&t, fid, "user.big", 65536, 0);
        ok += r == 0;
        refused += r < 0;
    }
    CHECK(ok > 100 && refused > 0);
    CHECK(t_version(&t, T_MSIZE, "9P2000.L", NULL) == 0); /* drops them all */
    CHECK(t_attach(&t, 1, e->uid) == 0);
    CHECK(t_clone(&t, 1, 2) == 0 && t_xattrcreate(&t, 2, "user.big", 65536, 0) == 0);
    CHECK(t_xattrcreate(&t, 1, "user.big", 65537, 0) < 0); /* past XATTR_SIZE_MAX */
    t_fini(&t);
    p9_server_destroy(s);
}

/* ---- malformed messages: Rlerror, never a crash or an over-read ---- */

/* A copy of a message of exactly len bytes in its own allocation (ASan sees over-reads). */
static int send_exact(P9T *t, const uint8_t *msg, size_t len)
{
    uint8_t *copy = malloc(len ? len : 1);
    memcpy(copy, msg, len);
    size_t n = p9_server_handle(t->s, copy, len, t->resp, t->resp_cap);
    free(copy);
    if (n < 7 || n > t->resp_cap) {
        return T_BADREPLY;
    }
    uint32_t size = (uint32_t)t->resp[0] | (uint32_t)t->resp[1] << 8 |
                    (uint32_t)t->resp[2] << 16 | (uint32_t)t->resp[3] << 24;
    if (size != n) {
        return T_BADREPLY;
    }
    if (t->resp[4] == P9_RLERROR) {
        return -(int)((uint32_t)t->resp[7] | (uint32_t)t->resp[8] << 8);
    }
    return 0;
}

/* Every prefix of the message in t->req (with its size field saying so) is refused. */
static void check_truncations(P9T *t)
{
    size_t len = t->len;
    uint8_t *msg = malloc(len);
    memcpy(msg, t->req, len);
    for (size_t cut = 7; cut < len; cut++) {
        msg[0] = (uint8_t)cut, msg[1] = (uint8_t)(cut >> 8), msg[2] = (uint8_t)(cut >> 16), msg[3] = 0;
        int e = send_exact(t, msg, cut);
        if (e != -L_EPROTO) {
            fprintf(stderr, "  type %u cut at %zu of %zu: %d\n", msg[4], cut, len, e);
        }
        CHECK(e == -L_EPROTO);
    }
    free(msg);
}

static void scenario_malformed(Env *e, const char *sub)
{
    P9Server *s = make_server(e, sub, P9_SECURITY_NONE, false);
    if (!s) {
        return;
    }
    P9T t;
    session_start(&t, s, e->uid);
    CHECK(t_clone(&t, 1, 2) == 0);
    /* framing */
    uint8_t tiny[6] = {6, 0, 0, 0, P9_TCLUNK, 1};
    CHECK(send_exact(&t, tiny, 3) == -L_EPROTO);
    CHECK(send_exact(&t, tiny, 6) == -L_EPROTO);
    t_begin(&t, P9_TCLUNK);
    t_put(&t, 2, 4);
    CHECK(t_send_raw(&t, (uint32_t)t.len + 1, 0) == -L_EPROTO); /* size past the end */
    CHECK(t_send_raw(&t, 5, 0) == -L_EPROTO);                    /* size < header */
    CHECK(t_send_raw(&t, 0xffffffffu, 0) == -L_EPROTO);
    CHECK(t_getattr(&t, 2, &(TAttr){0}) == 0); /* none of that clunked it */
    t_begin(&t, 250);
    CHECK(t_send(&t) == -L_EOPNOTSUPP);
    t_begin(&t, P9_RLERROR);
    CHECK(t_send(&t) == -L_EOPNOTSUPP);
    t_begin(&t, P9_TAUTH);
    t_put(&t, 5, 4);
    t_str(&t, "u");
    t_str(&t, "");
    t_put(&t, 0, 4);
    CHECK(t_send(&t) < 0);
    /* each request cut short anywhere */
    t_begin(&t, P9_TWALK);
    t_put(&t, 1, 4);
    t_put(&t, 3, 4);
    t_put(&t, 2, 2);
    t_str(&t, "sub");
    t_str(&t, "up");
    check_truncations(&t);
    t_begin(&t, P9_TLCREATE);
    t_put(&t, 2, 4);
    t_str(&t, "newfile");
    t_put(&t, L_O_RDWR, 4);
    t_put(&t, 0644, 4);
    t_put(&t, 0, 4);
    check_truncations(&t);
    t_begin(&t, P9_TSETATTR);
    t_put(&t, 2, 4);
    for (int i = 0; i < 4; i++) {
        t_put(&t, 0, 4);
    }
    for (int i = 0; i < 5; i++) {
        t_put(&t, 0, 8);
    }
    check_truncations(&t);
    t_begin(&t, P9_TRENAMEAT);
    t_put(&t, 1, 4);
    t_str(&t, "sub");
    t_put(&t, 1, 4);
    t_str(&t, "sub2");
    check_truncations(&t);
    t_begin(&t, P9_TSYMLINK);
    t_put(&t, 1, 4);
    t_str(&t, "sl");
    t_str(&t, "target");
    t_put(&t, 0, 4);
    check_truncations(&t);
    t_begin(&t, P9_TMKNOD);
    t_put(&t, 1, 4);
    t_str(&t, "nod");
    t_put(&t, S_IFREG | 0644, 4);
    t_put(&t, 0, 4);
    t_put(&t, 0, 4);
    t_put(&t, 0, 4);
    check_truncations(&t);
    t_begin(&t, P9_TLOCK);
    t_put(&t, 1, 4);
    t_put(&t, 0, 1);
    t_put(&t, 0, 4);
    t_put(&t, 0, 8);
    t_put(&t, 0, 8);
    t_put(&t, 0, 4);
    t_str(&t, "client");
    check_truncations(&t);
    t_begin(&t, P9_TXATTRCREATE);
    t_put(&t, 2, 4);
    t_str(&t, "user.x");
    t_put(&t, 1, 8);
    t_put(&t, 0, 4);
    check_truncations(&t);
    t_begin(&t, P9_TVERSION);
    t_put(&t, 8192, 4);
    t_str(&t, "9P2000.L");
    check_truncations(&t);
    CHECK(t_getattr(&t, 1, &(TAttr){0}) == 0); /* the session survived */
    /* a string whose length runs past the end */
    t_begin(&t, P9_TLCREATE);
    t_put(&t, 2, 4);
    t_put(&t, 1000, 2);
    t_put(&t, 0x41414141, 4);
    CHECK(t_send(&t) == -L_EPROTO);
    t_begin(&t, P9_TWALK);
    t_put(&t, 1, 4);
    t_put(&t, 3, 4);
    t_put(&t, 3, 2); /* three names, one given */
    t_str(&t, "sub");
    CHECK(t_send(&t) == -L_EPROTO);
    t_begin(&t, P9_TWALK);
    t_put(&t, 1, 4);
    t_put(&t, 3, 4);
    t_put(&t, 17, 2);
    for (int i = 0; i < 17; i++) {
        t_str(&t, "sub");
    }
    CHECK(t_send(&t) == -L_EINVAL); /* more than 16 names */
    /* Twrite whose count exceeds the data */
    CHECK(t_lcreate(&t, 2, "w", L_O_RDWR | L_O_CREAT, 0644, e->gid) == 0);
    t_begin(&t, P9_TWRITE);
    t_put(&t, 2, 4);
    t_put(&t, 0, 8);
    t_put(&t, 100, 4);
    t_put(&t, 0x42424242, 4);
    CHECK(t_send(&t) == -L_EPROTO);
    /* huge read counts are cut to what fits */
    CHECK(t_write(&t, 2, 0, "data", 4) == 4);
    CHECK(t_read(&t, 2, 0, 0xffffffffu, NULL) == 4);
    /* a reply that does not fit the caller's buffer: Rlerror(ERANGE); tiny buffers: 0 */
    t.resp_cap = 11;
    CHECK(t_getattr(&t, 2, &(TAttr){0}) == -L_ERANGE);
    t_begin(&t, P9_TREAD);
    t_put(&t, 2, 4);
    t_put(&t, 0, 8);
    t_put(&t, 100, 4);
    CHECK(t_send(&t) == 0 && t.rlen == 11); /* Rread with count 0 */
    t_begin(&t, P9_TCLUNK);
    t_put(&t, 2, 4);
    t.len = t.len; /* unchanged */
    CHECK(p9_server_handle(s, t.req, t.len, t.resp, 10) == 0);
    t.resp_cap = T_MSIZE;
    /* fid misuse */
    CHECK(t_clunk(&t, 77) == -L_ENOENT);
    CHECK(t_attach(&t, 1, 0) == -L_EEXIST);
    CHECK(t_clone(&t, 1, 2) == -L_EEXIST);
    CHECK(t_clone(&t, 1, 0xffffffffu) < 0);
    CHECK(t_read(&t, 1, 0, 10, NULL) == -L_EINVAL); /* not open */
    CHECK(t_write(&t, 1, 0, "x", 1) == -L_EINVAL);
    CHECK(t_xattrcreate(&t, 2, "user.big", 1u << 20, 0) < 0);
    CHECK(t_clone(&t, 1, 3) == 0);
    CHECK(t_xattrcreate(&t, 3, "user.x", 4, 0) == 0);
    CHECK(t_write(&t, 3, 2, "ab", 2) == -L_EINVAL); /* out of order */
    CHECK(t_write(&t, 3, 0, "abcdef", 6) == -L_EINVAL); /* more than announced */
    CHECK(t_clunk(&t, 3) == -L_EINVAL); /* less than announced */
    CHECK(t_version(&t, 100, "9P2000.L", NULL) == -L_EINVAL); /* msize too small */
    uint32_t msize;
    CHECK(t_version(&t, 8192, "9P2000", &msize) == 0);
    CHECK(memcmp(t.resp + 13, "unknown", 7) == 0);
    t_fini(&t);
    p9_server_destroy(s);
    check_outside_intact(e);
}

/* ---- fuzz: random mutations of valid messages must never crash ---- */

typedef struct Corpus {
    uint8_t *msg[512];
    size_t len[512];
    int n;
} Corpus;

static void corpus_record(void *ctx, const uint8_t *msg, size_t len)
{
    Corpus *c = ctx;
    if (c->n < 512 && len <= 4096) {
        c->msg[c->n] = malloc(len);
        memcpy(c->msg[c->n], msg, len);
        c->len[c->n++] = len;
    }
}

static uint32_t fuzz_rand(uint64_t *st)
{
    *st ^= *st << 13;
    *st ^= *st >> 7;
    *st ^= *st << 17;
    return (uint32_t)(*st >> 16);
}

/* -DP9_FUZZ_SCALE=N runs N times as many mutations (by hand, e.g. under ASan). */
#ifndef P9_FUZZ_SCALE
#define P9_FUZZ_SCALE 1
#endif

static void scenario_fuzz(Env *e, P9SecurityModel m, const char *sub, int iterations)
{
    Corpus c = {0};
    iterations *= P9_FUZZ_SCALE;
    /* record the messages of a normal run (it leaves files behind to play with) */
    P9Server *s = make_server(e, sub, m, false);
    if (!s) {
        return;
    }
    P9T t;
    session_start(&t, s, e->uid);
    t.record = corpus_record;
    t.record_ctx = &c;
    CHECK(t_walk(&t, 1, 2, "sub") == 1);
    CHECK(t_clone(&t, 1, 3) == 0);
    CHECK(t_lcreate(&t, 3, "file", L_O_RDWR | L_O_CREAT, 0644, e->gid) == 0);
    CHECK(t_write(&t, 3, 0, "hello", 5) == 5);
    t_read(&t, 3, 0, 100, NULL);
    CHECK(t_mkdir(&t, 1, "dir", 0755, e->gid) == 0);
    CHECK(t_symlink(&t, 1, "ln", "file", e->gid) == 0);
    CHECK(t_walk(&t, 1, 4, "dir") == 1 && t_lopen(&t, 4, L_O_RDONLY) == 0);
    TDir dir;
    t_readdir_all(&t, 4, 200, &dir);
    t_walk(&t, 1, 5, "file");
    t_getattr(&t, 5, &(TAttr){0});
    t_setattr(&t, 5, 0x8 | 0x1, 0644, 0, 0, 3, 0, 0, 0, 0);
    t_renameat(&t, 1, "file", 2, "file2");
    t_rename(&t, 5, 1, "file");
    t_link(&t, 1, 5, "hard");
    t_unlinkat(&t, 1, "hard", 0);
    t_mknod(&t, 1, "nod", S_IFREG | 0600, 0, 0, 0);
    t_readlink(&t, 5, (char[4200]){0});
    t_statfs(&t, 1);
    t_fsync(&t, 3);
    uint8_t b8;
    t_lock(&t, 3, 0, &b8);
    t_getlock(&t, 3, &b8);
    t_xattrwalk(&t, 5, 6, "");
    t_clunk(&t, 6);
    t_clone(&t, 1, 7);
    t_xattrcreate(&t, 7, "user.f", 1, 0);
    t_write(&t, 7, 0, "z", 1);
    t_clunk(&t, 7);
    t_walk(&t, 1, 8, "..", "sub", "up");
    t_fid_only(&t, P9_TREMOVE, 8);
    t.record = NULL;
    /* mutate and replay */
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    uint8_t *buf = malloc(8192);
    for (int it = 0; it < iterations && c.n; it++) {
        int k = (int)(fuzz_rand(&seed) % (uint32_t)c.n);
        size_t len = c.len[k];
        memcpy(buf, c.msg[k], len);
        int nmut = 1 + (int)(fuzz_rand(&seed) % 4);
        for (int j = 0; j < nmut; j++) {
            uint32_t r = fuzz_rand(&seed), pos = len ? fuzz_rand(&seed) % (uint32_t)len : 0;
            switch (r % 7) {
            case 0: buf[pos] ^= (uint8_t)(1u << (r >> 8) % 8); break;
            case 1: buf[pos] = (uint8_t)(r >> 8); break;
            case 2: len = pos; break; /* truncate */
            case 3: /* append garbage */
                for (uint32_t a = r % 32; a-- && len < 8192;) {
                    buf[len++] = (uint8_t)fuzz_rand(&seed);
                }
                break;
            case 4: /* a small fid or count in a 4-byte field */
                if (len >= 11) {
                    uint32_t p = 7 + fuzz_rand(&seed) % (uint32_t)(len - 10);
                    buf[p] = (uint8_t)(r >> 8) % 12;
                    buf[p + 1] = buf[p + 2] = buf[p + 3] = 0;
                }
                break;
            case 5: /* a string length */
                if (len >= 9) {
                    uint32_t p = 7 + fuzz_rand(&seed) % (uint32_t)(len - 8);
                    buf[p] = (uint8_t)(r >> 8), buf[p + 1] = (uint8_t)(r >> 16) % 3;
                }
                break;
            default: /* the size field */
                if (len >= 4) {
                    uint32_t sz = (r & 1) ? (uint32_t)len : fuzz_rand(&seed) % 9000;
                    buf[0] = (uint8_t)sz, buf[1] = (uint8_t)(sz >> 8), buf[2] = (uint8_t)(sz >> 16), buf[3] = 0;
                }
            }
        }
        /* keep the size field honest half of the time so the bodies get parsed */
        if ((it & 1) && len >= 4) {
            buf[0] = (uint8_t)len, buf[1] = (uint8_t)(len >> 8), buf[2] = (uint8_t)(len >> 16), buf[3] = 0;
        }
        size_t cap = (fuzz_rand(&seed) & 7) == 0 ? 11 + fuzz_rand(&seed) % 64 : T_MSIZE;
        int r = send_exact(&(P9T){.s = s, .resp = t.resp, .resp_cap = cap}, buf, len);
        if (r == T_BADREPLY) {
            fprintf(stderr, "  fuzz iteration %d: bad reply\n", it);
        }
#ifdef P9_FUZZ_STATS
        static int stats[256];
        stats[r == 0 ? 0 : r > -256 ? -r : 255]++;
        if (it == iterations - 1) {
            for (int i = 0; i < 256; i++) {
                if (stats[i]) {
                    fprintf(stderr, "  %s errno %d: %d\n", sub, i, stats[i]);
                }
                stats[i] = 0;
            }
        }
#endif
        CHECK(r != T_BADREPLY);
        if ((it % 500) == 499) {
            /* now and then start over, so fids and files exist again */
            t_version(&t, T_MSIZE, "9P2000.L", NULL);
            t_attach(&t, 1, e->uid);
            t_walk(&t, 1, 2, "sub");
            t_clone(&t, 1, 3);
            t_lcreate(&t, 3, "f", L_O_RDWR | L_O_CREAT, 0644, e->gid);
            t_walk(&t, 1, 4, "dir");
            t_lopen(&t, 4, L_O_RDONLY);
            t_walk(&t, 1, 5, "file");
        }
    }
    free(buf);
    for (int i = 0; i < c.n; i++) {
        free(c.msg[i]);
    }
    t_fini(&t);
    p9_server_destroy(s);
    check_outside_intact(e);
}

#endif
