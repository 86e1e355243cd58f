/*
 * test/wasm/test_p9_node.c — the 9P server on the Wasm build's host layer
 * (core/host/emscripten_fs.c: Node's fs from a worker), run under Node by
 * `make test-p9-node`.  The scenarios are test/unit/test_p9.c's (test/p9_scenarios.h);
 * what Node cannot do is checked to fail cleanly: mapped-xattr is refused at creation
 * (Node has no xattr API), FIFOs cannot be made, xattrs are EOPNOTSUPP.
 * Prints "N passed, N failed"; exit status 1 on failure.
 */
#include <emscripten.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "test/unit/test.h"

EM_JS(int, js_mkdtemp, (char *out, int cap), {
    var fs = require('fs'), os = require('os'), path = require('path');
    var d = fs.mkdtempSync(path.join(os.tmpdir(), 'p9node-'));
    if (lengthBytesUTF8(d) + 1 > cap) return -1;
    stringToUTF8(d, out >>> 0, cap);
    return 0;
});

EM_JS(void, js_rmtree, (const char *p), {
    try { require('fs').rmSync(UTF8ToString(p >>> 0), {recursive: true, force: true}); } catch (e) { }
});

static bool th_mkdtemp(char *out, size_t cap)
{
    return js_mkdtemp(out, (int)cap) == 0;
}

static void th_rmtree(const char *path)
{
    js_rmtree(path);
}

#include "test/p9_scenarios.h"

static Env env;

TEST(create_errors)
{
    char err[256] = "";
    P9Config cfg = {.root = "/nonexistent/p9", .mount_tag = "t"};
    CHECK(p9_server_create(&cfg, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "/nonexistent/p9") != NULL);
    cfg.root = env.tmp;
    cfg.security_model = P9_SECURITY_MAPPED_XATTR;
    CHECK(p9_server_create(&cfg, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "security_model=mapped-xattr") != NULL && strstr(err, "Node.js") != NULL);
    CHECK(strchr(err, '\n') == NULL);
    cfg.security_model = P9_SECURITY_MAPPED_FILE;
    P9Server *s = p9_server_create(&cfg, err, sizeof(err));
    CHECK(s != NULL);
    p9_server_destroy(s);
}

TEST(basic_passthrough) { scenario_basic(&env, P9_SECURITY_PASSTHROUGH, "basic_pt"); }
TEST(basic_none) { scenario_basic(&env, P9_SECURITY_NONE, "basic_none"); }
TEST(basic_mapped_file) { scenario_basic(&env, P9_SECURITY_MAPPED_FILE, "basic_mf"); }
TEST(mapped_file) { scenario_mapped(&env, P9_SECURITY_MAPPED_FILE, "mapped_mf"); }
TEST(passthrough) { scenario_passthrough(&env, P9_SECURITY_PASSTHROUGH, "pt"); }
TEST(none) { scenario_passthrough(&env, P9_SECURITY_NONE, "none"); }
TEST(readonly) { scenario_readonly(&env, "ro"); }
TEST(escape_passthrough) { scenario_escape(&env, P9_SECURITY_PASSTHROUGH, "esc_pt"); }
TEST(escape_none) { scenario_escape(&env, P9_SECURITY_NONE, "esc_none"); }
TEST(escape_mapped_file) { scenario_escape(&env, P9_SECURITY_MAPPED_FILE, "esc_mf"); }
TEST(malformed) { scenario_malformed(&env, "malformed"); }
TEST(limits) { scenario_limits(&env, "limits"); }
TEST(fuzz_passthrough) { scenario_fuzz(&env, P9_SECURITY_PASSTHROUGH, "fuzz_pt", 2000); }
TEST(fuzz_mapped_file) { scenario_fuzz(&env, P9_SECURITY_MAPPED_FILE, "fuzz_mf", 2000); }

int main(void)
{
    if (!env_setup(&env, false)) {
        fprintf(stderr, "cannot set up a temporary directory\n");
        return 1;
    }
    RUN(create_errors);
    RUN(basic_passthrough);
    RUN(basic_none);
    RUN(basic_mapped_file);
    RUN(mapped_file);
    RUN(passthrough);
    RUN(none);
    RUN(readonly);
    RUN(escape_passthrough);
    RUN(escape_none);
    RUN(escape_mapped_file);
    RUN(malformed);
    RUN(limits);
    RUN(fuzz_passthrough);
    RUN(fuzz_mapped_file);
    env_teardown(&env);
    return test_summary();
}
