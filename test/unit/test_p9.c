/*
 * test/unit/test_p9.c — the 9P2000.L server (hw/fs/p9*.c) on the native host layer
 * (core/host/native_fs.c), driven by hand-encoded messages: the scenarios of
 * test/p9_scenarios.h for every security model, escape attempts, malformed messages and
 * a short mutation fuzz.  test/wasm/test_p9_node.c runs the same scenarios under Node.
 */
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "test/unit/test.h"

static bool th_mkdtemp(char *out, size_t cap)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(out, cap, "%s/p9test-XXXXXX", base);
    return mkdtemp(out) != NULL;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)ftw;
    if (flag == FTW_DP) {
        return rmdir(path) == 0 ? 0 : 0;
    }
    unlink(path);
    return 0;
}

static void th_rmtree(const char *path)
{
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#include "test/p9_scenarios.h"

static Env env;

TEST(create_errors)
{
    char err[256] = "";
    P9Config cfg = {.root = "/nonexistent/p9", .mount_tag = "t"};
    CHECK(p9_server_create(&cfg, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "/nonexistent/p9") != NULL);
    cfg.mount_tag = "";
    CHECK(p9_server_create(&cfg, err, sizeof(err)) == NULL && strstr(err, "mount_tag"));
    cfg.mount_tag = "t";
    char file[700];
    snprintf(file, sizeof(file), "%s/outside/secret", env.tmp);
    cfg.root = file;
    CHECK(p9_server_create(&cfg, err, sizeof(err)) == NULL);
    cfg.root = env.tmp;
    cfg.security_model = P9_SECURITY_MAPPED_XATTR;
    P9Server *s = p9_server_create(&cfg, err, sizeof(err));
    CHECK(s != NULL); /* the native build has xattrs */
    p9_server_destroy(s);
}

TEST(basic_passthrough) { scenario_basic(&env, P9_SECURITY_PASSTHROUGH, "basic_pt"); }
TEST(basic_none) { scenario_basic(&env, P9_SECURITY_NONE, "basic_none"); }
TEST(basic_mapped_xattr) { scenario_basic(&env, P9_SECURITY_MAPPED_XATTR, "basic_mx"); }
TEST(basic_mapped_file) { scenario_basic(&env, P9_SECURITY_MAPPED_FILE, "basic_mf"); }
TEST(mapped_xattr) { scenario_mapped(&env, P9_SECURITY_MAPPED_XATTR, "mapped_mx"); }
TEST(mapped_file) { scenario_mapped(&env, P9_SECURITY_MAPPED_FILE, "mapped_mf"); }
TEST(passthrough) { scenario_passthrough(&env, P9_SECURITY_PASSTHROUGH, "pt"); }
TEST(none) { scenario_passthrough(&env, P9_SECURITY_NONE, "none"); }
TEST(readonly) { scenario_readonly(&env, "ro"); }
TEST(escape_passthrough) { scenario_escape(&env, P9_SECURITY_PASSTHROUGH, "esc_pt"); }
TEST(escape_none) { scenario_escape(&env, P9_SECURITY_NONE, "esc_none"); }
TEST(escape_mapped_xattr) { scenario_escape(&env, P9_SECURITY_MAPPED_XATTR, "esc_mx"); }
TEST(escape_mapped_file) { scenario_escape(&env, P9_SECURITY_MAPPED_FILE, "esc_mf"); }
TEST(malformed) { scenario_malformed(&env, "malformed"); }
TEST(limits) { scenario_limits(&env, "limits"); }
TEST(fuzz_passthrough) { scenario_fuzz(&env, P9_SECURITY_PASSTHROUGH, "fuzz_pt", 4000); }
TEST(fuzz_mapped_xattr) { scenario_fuzz(&env, P9_SECURITY_MAPPED_XATTR, "fuzz_mx", 3000); }
TEST(fuzz_mapped_file) { scenario_fuzz(&env, P9_SECURITY_MAPPED_FILE, "fuzz_mf", 3000); }

/* ---- saved state (hw/fs/p9_state.c): every kind of fid survives a save and a load into
 * a new server on the same share, and what the guest does next works as if nothing
 * happened; a share that changed is refused ---- */

static bool p9_save_bytes(P9Server *s, StateWriter *w)
{
    sw_init(w);
    p9_server_save(s, w);
    return !w->failed;
}

static bool p9_load_bytes(P9Server *s, const StateWriter *w, size_t len, char *why,
                          size_t whylen)
{
    StateReader r;
    sr_init(&r, w->buf, len);
    bool ok = p9_server_load(s, &r) && sr_done(&r);
    snprintf(why, whylen, "%s", r.why);
    return ok;
}

static P9Server *same_share(Env *e, P9SecurityModel m)
{
    P9Config cfg = {.root = e->share, .mount_tag = "share", .security_model = m};
    char err[256] = "";
    P9Server *s = p9_server_create(&cfg, err, sizeof(err));
    CHECK(s != NULL);
    return s;
}

TEST(state)
{
    P9Server *s = make_server(&env, "state", P9_SECURITY_NONE, false);
    if (!s) {
        return;
    }
    P9T t;
    session_start(&t, s, env.uid);
    char buf[64];
    /* 2: a file open read-write with data; 3: the root open, half listed; 4: an xattr
     * being read; 5: an xattr half written; 6: a path; 7: a path whose file is gone */
    CHECK(t_clone(&t, 1, 2) == 0);
    CHECK(t_lcreate(&t, 2, "f", L_O_RDWR | L_O_CREAT, 0644, env.gid) == 0);
    CHECK(t_write(&t, 2, 0, "hello world", 11) == 11);
    CHECK(set_xattr(&t, 2, 20, "user.k", "v1", 2) == 0);
    CHECK(t_clone(&t, 1, 3) == 0);
    CHECK(t_lopen(&t, 3, L_O_DIRECTORY) == 0);
    TDir full;
    CHECK(t_readdir_all(&t, 3, 4096, &full) == 0 && full.n >= 8);
    t_begin(&t, P9_TREADDIR); /* the first few entries again: ".", ".." and maybe one */
    t_put(&t, 3, 4);
    t_put(&t, 0, 8);
    t_put(&t, 80, 4);
    CHECK(t_send(&t) == 0);
    P9Reader r = t.r;
    uint32_t n = p9r_u32(&r);
    uint64_t off = 0;
    int got = 0;
    for (P9Reader e = {r.p + r.pos, n, 0, false}; e.pos < e.len; got++) {
        p9r_bytes(&e, P9_QID_SIZE);
        off = p9r_u64(&e);
        p9r_u8(&e);
        p9r_str(&e);
    }
    CHECK(got >= 2 && got < full.n);
    CHECK(t_xattrwalk(&t, 2, 4, "user.k") == 2);
    CHECK(t_clone(&t, 2, 5) == 0);
    CHECK(t_xattrcreate(&t, 5, "user.n", 6, 0) == 0);
    CHECK(t_write(&t, 5, 0, "abc", 3) == 3);
    CHECK(t_walk(&t, 1, 6, "sub") == 1);
    CHECK(t_clone(&t, 1, 8) == 0);
    CHECK(t_lcreate(&t, 8, "gone", L_O_RDWR | L_O_CREAT, 0644, env.gid) == 0);
    CHECK(t_clunk(&t, 8) == 0);
    CHECK(t_walk(&t, 1, 7, "gone") == 1);
    CHECK(t_unlinkat(&t, 1, "gone", 0) == 0);

    StateWriter w1, w2;
    CHECK(p9_save_bytes(s, &w1));
    P9Server *s2 = same_share(&env, P9_SECURITY_NONE);
    char why[256];
    CHECK(s2 && p9_load_bytes(s2, &w1, w1.len, why, sizeof(why)));
    CHECK(p9_save_bytes(s2, &w2));
    CHECK(w1.len == w2.len && memcmp(w1.buf, w2.buf, w1.len) == 0);
    sw_free(&w2);

    /* the guest goes on with the loaded server */
    P9T u;
    t_init(&u, s2);
    u.tag = 100;
    CHECK(t_read(&u, 2, 6, sizeof(buf), buf) == 5 && memcmp(buf, "world", 5) == 0);
    CHECK(t_write(&u, 2, 11, "!", 1) == 1);
    CHECK(t_read(&u, 4, 0, sizeof(buf), buf) == 2 && memcmp(buf, "v1", 2) == 0);
    CHECK(t_write(&u, 5, 3, "def", 3) == 3);
    CHECK(t_clunk(&u, 5) == 0); /* commits user.n */
    CHECK(t_xattrwalk(&u, 2, 9, "user.n") == 6);
    CHECK(t_read(&u, 9, 0, sizeof(buf), buf) == 6 && memcmp(buf, "abcdef", 6) == 0);
    TAttr a;
    CHECK(t_getattr(&u, 6, &a) == 0 && (a.mode & S_IFMT) == S_IFDIR);
    CHECK(t_getattr(&u, 7, &a) == -L_ENOENT);
    /* the listing resumes at the offset the guest was given (above), from the same
     * snapshot */
    t_begin(&u, P9_TREADDIR);
    t_put(&u, 3, 4);
    t_put(&u, off, 8);
    t_put(&u, 4096, 4);
    CHECK(t_send(&u) == 0);
    int rest = 0;
    n = p9r_u32(&u.r);
    for (P9Reader e = {u.r.p + u.r.pos, n, 0, false}; e.pos < e.len; rest++) {
        p9r_bytes(&e, P9_QID_SIZE);
        p9r_u64(&e);
        p9r_u8(&e);
        P9Str name = p9r_str(&e);
        CHECK(rest + got < full.n && name.len == strlen(full.names[got + rest]) &&
              memcmp(name.s, full.names[got + rest], name.len) == 0);
    }
    CHECK_EQ_U64(got + rest, full.n);

    /* refused: every cut, another security model, a deleted or replaced open file; the
     * server that refused keeps its own fids */
    P9Server *s3 = same_share(&env, P9_SECURITY_NONE);
    P9T v;
    session_start(&v, s3, env.uid);
    for (size_t cut = 0; cut < w1.len; cut++) {
        CHECK(!p9_load_bytes(s3, &w1, cut, why, sizeof(why)));
    }
    CHECK(t_clone(&v, 1, 2) == 0); /* fid 1 is still s3's own attach */
    P9Server *s4 = same_share(&env, P9_SECURITY_MAPPED_FILE);
    CHECK(s4 && !p9_load_bytes(s4, &w1, w1.len, why, sizeof(why)) &&
          strstr(why, "security_model"));
    CHECK(t_unlinkat(&u, 1, "f", 0) == 0);
    CHECK(!p9_load_bytes(s3, &w1, w1.len, why, sizeof(why)) &&
          strcmp(why, "9p fid 2: 'f' no longer exists in the shared directory") == 0);
    CHECK(t_mkdir(&u, 1, "f", 0755, env.gid) == 0);
    CHECK(!p9_load_bytes(s3, &w1, w1.len, why, sizeof(why)) &&
          strcmp(why, "9p fid 2: 'f' was a file and is now a directory") == 0);
    CHECK(t_clunk(&v, 2) == 0);

    sw_free(&w1);
    t_fini(&t);
    t_fini(&u);
    t_fini(&v);
    p9_server_destroy(s);
    p9_server_destroy(s2);
    p9_server_destroy(s3);
    p9_server_destroy(s4);
}

int main(void)
{
    if (!env_setup(&env, true)) {
        fprintf(stderr, "cannot set up a temporary directory\n");
        return 1;
    }
    RUN(create_errors);
    RUN(basic_passthrough);
    RUN(basic_none);
    RUN(basic_mapped_xattr);
    RUN(basic_mapped_file);
    RUN(mapped_xattr);
    RUN(mapped_file);
    RUN(passthrough);
    RUN(none);
    RUN(readonly);
    RUN(escape_passthrough);
    RUN(escape_none);
    RUN(escape_mapped_xattr);
    RUN(escape_mapped_file);
    RUN(malformed);
    RUN(limits);
    RUN(state);
    RUN(fuzz_passthrough);
    RUN(fuzz_mapped_xattr);
    RUN(fuzz_mapped_file);
    env_teardown(&env);
    return test_summary();
}
