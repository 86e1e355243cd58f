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
    RUN(fuzz_passthrough);
    RUN(fuzz_mapped_xattr);
    RUN(fuzz_mapped_file);
    env_teardown(&env);
    return test_summary();
}
