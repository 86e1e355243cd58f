/*
 * test/unit/test_wasm_codegen.c — the Wasm code generator (tcg/wasm/codegen.c), natively:
 * LEB128 encoding, every generated module passes wabt's `wasm-validate` (hand-written
 * blocks covering every op, and random blocks from test/wasm/random_ir.h), backward
 * branches are refused, and `wasm2wat` of a few small blocks matches the golden files
 * in test/unit/golden/ (run with UPDATE_GOLDEN=1 to rewrite them after an intended
 * change; review the diff).  Executing modules is test/wasm/test_jit.c's job (Node).
 *
 * wabt (wasm-validate, wasm2wat) is required: a missing tool fails the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cpu.h"
#include "tcg/ir.h"
#include "tcg/wasm/codegen.h"
#include "tcg/wasm/wasm_buf.h"
#include "test/unit/test.h"
#include "test/wasm/random_ir.h"

#define GOLDEN_DIR "test/unit/golden/"

/* ---- running wabt ---- */

/* Write the module to a fresh temp file; returns its path in `path` (size >= 64). */
static bool write_temp(const uint8_t *bytes, size_t len, char *path)
{
    strcpy(path, "/tmp/qw_codegen_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        return false;
    }
    bool ok = write(fd, bytes, len) == (ssize_t)len;
    close(fd);
    return ok;
}

/* wasm-validate; prints the tool's complaint on failure. */
static bool validate(const uint8_t *bytes, size_t len)
{
    char path[64], cmd[256];
    if (!write_temp(bytes, len, path)) {
        return false;
    }
    snprintf(cmd, sizeof(cmd), "wasm-validate --enable-threads %s", path);
    int st = system(cmd);
    if (st != 0) {
        fprintf(stderr, "  `%s` failed (status %d)%s\n", cmd, st,
                st == 127 << 8 ? ": is wabt installed?" : "");
        snprintf(cmd, sizeof(cmd), "cp %s /tmp/qw_codegen_failed.wasm", path);
        if (system(cmd) == 0) {
            fprintf(stderr, "  module kept in /tmp/qw_codegen_failed.wasm\n");
        }
    }
    unlink(path);
    return st == 0;
}

/* wasm2wat into a malloc'd string (NULL on failure). */
static char *to_wat(const uint8_t *bytes, size_t len)
{
    char path[64], cmd[256];
    if (!write_temp(bytes, len, path)) {
        return NULL;
    }
    snprintf(cmd, sizeof(cmd), "wasm2wat --enable-threads %s", path);
    FILE *p = popen(cmd, "r");
    char *text = NULL;
    size_t n = 0, cap = 0;
    if (p) {
        int c;
        while ((c = fgetc(p)) != EOF) {
            if (n + 2 > cap) {
                cap = cap ? cap * 2 : 4096;
                text = realloc(text, cap);
            }
            text[n++] = (char)c;
        }
        if (text) {
            text[n] = 0;
        }
        if (pclose(p) != 0) {
            fprintf(stderr, "  `%s` failed%s\n", cmd, n ? "" : ": is wabt installed?");
            free(text);
            text = NULL;
        }
    }
    unlink(path);
    return text;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = 0;
    fclose(f);
    return s;
}

static bool gen_and_validate(const IrBlock *b)
{
    uint8_t *bytes = NULL;
    size_t len = 0;
    if (wasm_codegen_tb(b, NULL, &bytes, &len) != 0) {
        fprintf(stderr, "  wasm_codegen_tb failed\n");
        return false;
    }
    bool ok = validate(bytes, len);
    free(bytes);
    return ok;
}

/* ---- fixture: globals at fixed offsets (goldens don't depend on TestCPU's layout) ---- */

typedef struct Fix {
    IrBlock *b;
    IrTemp pc, r[4], w[2];
} Fix;

static Fix fix_new(void)
{
    Fix f;
    f.b = calloc(1, sizeof(IrBlock));
    ir_block_reset(f.b, 0x1000);
    f.pc = ir_global(f.b, IR_I64, (uint32_t)offsetof(CPUState, pc), "pc");
    static const char *const rn[] = { "r0", "r1", "r2", "r3" };
    for (int i = 0; i < 4; i++) {
        f.r[i] = ir_global(f.b, IR_I64, 0x10000 + 8 * i, rn[i]);
    }
    f.w[0] = ir_global(f.b, IR_I32, 0x10020, "w0");
    f.w[1] = ir_global(f.b, IR_I32, 0x10024, "w1");
    ir_block_reset(f.b, 0x1000);
    return f;
}

/* ---- LEB128 and buffers ---- */

static bool encodes(void (*fn)(WasmBuf *, int64_t), int64_t v, const char *hex)
{
    WasmBuf w;
    wbuf_init(&w);
    fn(&w, v);
    char got[64] = "";
    for (size_t i = 0; i < w.len && i < 20; i++) {
        snprintf(got + 2 * i, sizeof(got) - 2 * i, "%02x", w.data[i]);
    }
    wbuf_free(&w);
    if (strcmp(got, hex) != 0) {
        fprintf(stderr, "  %lld encodes as %s, expected %s\n", (long long)v, got, hex);
        return false;
    }
    return true;
}
static void enc_u32(WasmBuf *w, int64_t v) { wbuf_u32(w, (uint32_t)v); }
static void enc_s32(WasmBuf *w, int64_t v) { wbuf_s32(w, (int32_t)v); }
static void enc_s64(WasmBuf *w, int64_t v) { wbuf_s64(w, v); }

TEST(leb128)
{
    CHECK(encodes(enc_u32, 0, "00"));
    CHECK(encodes(enc_u32, 127, "7f"));
    CHECK(encodes(enc_u32, 128, "8001"));
    CHECK(encodes(enc_u32, 624485, "e58e26"));
    CHECK(encodes(enc_u32, 0xffffffff, "ffffffff0f"));
    CHECK(encodes(enc_s32, 0, "00"));
    CHECK(encodes(enc_s32, -1, "7f"));
    CHECK(encodes(enc_s32, 63, "3f"));
    CHECK(encodes(enc_s32, 64, "c000"));
    CHECK(encodes(enc_s32, -64, "40"));
    CHECK(encodes(enc_s32, -65, "bf7f"));
    CHECK(encodes(enc_s32, -123456, "c0bb78"));
    CHECK(encodes(enc_s32, INT32_MIN, "8080808078"));
    CHECK(encodes(enc_s32, INT32_MAX, "ffffffff07"));
    CHECK(encodes(enc_s64, INT64_MIN, "8080808080808080807f"));
    CHECK(encodes(enc_s64, INT64_MAX, "ffffffffffffffffff00"));
    CHECK(encodes(enc_s64, 0xffffffffll, "ffffffff0f"));
}

TEST(buffer_sizes_and_names)
{
    WasmBuf w;
    wbuf_init(&w);
    size_t s = wbuf_section_begin(&w, WASM_SEC_CUSTOM);
    wbuf_name(&w, "abc");
    for (int i = 0; i < 300; i++) {
        wbuf_byte(&w, (uint8_t)i);
    }
    wbuf_section_end(&w, s);
    CHECK(!w.oom);
    CHECK_EQ_U64(w.len, 1 + 5 + 4 + 300);
    CHECK_EQ_U64(w.data[0], 0);
    /* 304 = 0x130: padded LEB b0 82 80 80 00 */
    static const uint8_t size[5] = { 0xb0, 0x82, 0x80, 0x80, 0x00 };
    CHECK(memcmp(w.data + 1, size, 5) == 0);
    CHECK(memcmp(w.data + 6, "\x03" "abc", 4) == 0);
    size_t n;
    uint8_t *p = wbuf_take(&w, &n);
    CHECK_EQ_U64(n, 310);
    CHECK(w.data == NULL && w.len == 0);
    free(p);
}

/* ---- validation of hand-written blocks ---- */

static uint64_t h_dummy(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)env, (void)b, (void)c, (void)d;
    return a;
}
static const IrHelper h_plain = { h_dummy, "plain", IR_CALL_RW_GLOBALS };
static const IrHelper h_raising = { h_dummy, "raising", IR_CALL_MAY_RAISE };

TEST(every_value_op_validates)
{
    static const IrOpc bin[] = { IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR, IR_XOR, IR_ANDC,
                                 IR_ORC, IR_EQV, IR_SHL, IR_SHR, IR_SAR, IR_ROTL, IR_ROTR,
                                 IR_MULUH, IR_MULSH, IR_MULSUH, IR_DIV, IR_DIVU, IR_REM,
                                 IR_REMU };
    static const IrOpc un[] = { IR_MOV, IR_NEG, IR_NOT, IR_CLZ, IR_CTZ, IR_CTPOP, IR_EXT8S,
                                IR_EXT8U, IR_EXT16S, IR_EXT16U };
    Fix f = fix_new();
    IrBlock *b = f.b;
    IrTemp t64 = ir_temp(b, IR_I64), t32 = ir_temp(b, IR_I32);
    ir_mov(b, IR_I64, t64, f.r[1]);
    ir_mov(b, IR_I32, t32, f.w[1]);
    for (size_t i = 0; i < sizeof(bin) / sizeof(bin[0]); i++) {
        ir_binop(b, bin[i], IR_I64, f.r[0], f.r[1], t64);
        ir_binop(b, bin[i], IR_I64, t64, t64, ir_const(b, IR_I64, 7));
        ir_binop(b, bin[i], IR_I32, f.w[0], t32, f.w[1]);
        ir_binop(b, bin[i], IR_I32, t32, ir_const(b, IR_I32, 0x80000000), t32);
    }
    for (size_t i = 0; i < sizeof(un) / sizeof(un[0]); i++) {
        ir_unop(b, un[i], IR_I64, f.r[2], t64);
        ir_unop(b, un[i], IR_I32, t32, f.w[0]);
    }
    ir_unop(b, IR_EXT32S, IR_I64, t64, f.r[0]);
    ir_unop(b, IR_EXT32U, IR_I64, f.r[1], t64);
    ir_unop(b, IR_EXTI32S, IR_I64, t64, t32);
    ir_unop(b, IR_EXTI32U, IR_I64, f.r[1], f.w[0]);
    ir_unop(b, IR_TRUNC, IR_I32, t32, f.r[3]);
    ir_unop(b, IR_TRUNC, IR_I32, f.w[1], t64);
    for (int c = 0; c <= IR_COND_NEVER; c++) {
        ir_setcond(b, IR_I64, (IrCond)c, f.r[0], t64, f.r[1]);
        ir_setcond(b, IR_I32, (IrCond)c, t32, t32, f.w[1]);
        ir_movcond(b, IR_I64, (IrCond)c, t64, f.r[0], t64, f.r[2], ir_const(b, IR_I64, 3));
        ir_movcond(b, IR_I32, (IrCond)c, f.w[0], t32, f.w[0], t32, f.w[1]);
    }
    ir_fence(b);
    ir_exit_tb(b);
    CHECK(gen_and_validate(b));
    free(b);
}

TEST(memory_env_calls_validate)
{
    Fix f = fix_new();
    IrBlock *b = f.b;
    IrTemp t64 = ir_temp(b, IR_I64), t32 = ir_temp(b, IR_I32);
    for (unsigned memop = 0; memop < 16; memop++) {
        for (unsigned mmu = 0; mmu < 2; mmu++) {
            ir_qemu_ld(b, IR_I64, t64, f.r[0], memop, mmu * 7, 4 * memop);
            ir_qemu_ld(b, IR_I32, memop & 1 ? f.w[0] : t32, t64, memop, mmu, 0);
            ir_qemu_st(b, IR_I64, t64, f.r[1], memop & ~IR_MO_SIGN, mmu, 8);
            ir_qemu_st(b, IR_I32, f.w[1], ir_const(b, IR_I64, 0x80001000), memop & ~IR_MO_SIGN,
                       mmu, 8);
        }
        ir_ld_env(b, IR_I64, f.r[2], 0x20000, memop & 7);
        ir_ld_env(b, IR_I32, t32, 0x20008, memop & 7);
        ir_st_env(b, IR_I64, t64, 0x20010, memop & 3);
        ir_st_env(b, IR_I32, t32, 0x20018, memop & 3);
    }
    ir_call(b, &h_plain, IR_I64, t64, f.r[0], t32, IR_NO_TEMP, ir_const(b, IR_I32, 5));
    ir_call(b, &h_raising, IR_I32, f.w[0], t64, t64, t64, t64);
    ir_call(b, &h_raising, IR_I64, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_call(b, &h_plain, IR_I32, t32, f.w[0], IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_mov(b, IR_I32, f.w[1], t32);
    ir_goto_tb(b, 1);
    CHECK(gen_and_validate(b));
    free(b);
}

TEST(control_flow_validates)
{
    Fix f = fix_new();
    IrBlock *b = f.b;
    IrLabel l[6];
    for (int i = 0; i < 6; i++) {
        l[i] = ir_label_new(b);
    }
    ir_brcondi(b, IR_I64, IR_COND_EQ, f.r[0], 0, l[2]);
    ir_brcond(b, IR_I32, IR_COND_GTU, f.w[0], f.w[1], l[0]);
    ir_brcondi(b, IR_I64, IR_COND_ALWAYS, f.r[0], 0, l[1]);
    ir_brcondi(b, IR_I64, IR_COND_NEVER, f.r[0], 0, l[1]);
    ir_br(b, l[4]); /* never placed: exits like the interpreter's end */
    ir_label(b, l[0]);
    ir_label(b, l[1]); /* two labels at one place */
    ir_movi(b, IR_I64, f.r[1], 1);
    ir_goto_tb(b, 0);
    ir_label(b, l[3]); /* placed, never targeted */
    ir_label(b, l[2]);
    ir_exit_tb(b);
    ir_label(b, l[5]);
    CHECK(gen_and_validate(b));

    /* empty, exit-less and overflowed blocks */
    ir_block_reset(b, 0);
    CHECK(gen_and_validate(b));
    ir_movi(b, IR_I64, f.r[0], 3);
    CHECK(gen_and_validate(b));
    for (int i = 0; i < IR_MAX_OPS + 1; i++) {
        ir_binopi(b, IR_ADD, IR_I64, f.r[0], f.r[0], 1);
    }
    CHECK(b->overflow);
    CHECK(gen_and_validate(b));
    free(b);
}

TEST(backward_branch_is_refused)
{
    Fix f = fix_new();
    IrBlock *b = f.b;
    IrLabel l = ir_label_new(b);
    ir_label(b, l);
    ir_binopi(b, IR_ADD, IR_I64, f.r[0], f.r[0], 1);
    ir_brcondi(b, IR_I64, IR_COND_NE, f.r[0], 10, l);
    ir_exit_tb(b);
    uint8_t *bytes = (uint8_t *)"untouched";
    size_t len = 0;
    CHECK_EQ_U64(wasm_codegen_tb(b, NULL, &bytes, &len), (uint64_t)-1);
    CHECK(strcmp((char *)bytes, "untouched") == 0);
    free(b);
}

TEST(random_blocks_validate)
{
    RandomIr g;
    rir_init(&g, 12345);
    int failures = 0;
    for (int i = 0; i < 150 && failures < 3; i++) {
        rir_block(&g, 60);
        for (int opt = 0; opt < 2; opt++) {
            if (opt) {
                ir_optimize(g.b);
            }
            if (!gen_and_validate(g.b)) {
                fprintf(stderr, "  random block %d (%s) is invalid\n", i,
                        opt ? "optimized" : "unoptimized");
                failures++;
            }
        }
    }
    CHECK_EQ_U64(failures, 0);
    free(g.b);
}

/* ---- golden tests ---- */

static void check_golden_bytes(const char *name, uint8_t *bytes, size_t len);

static void check_golden(const char *name, const IrBlock *b)
{
    uint8_t *bytes = NULL;
    size_t len = 0;
    CHECK_EQ_U64(wasm_codegen_tb(b, &(WasmCodegenOpts){ .mem_pages_min = 1 }, &bytes, &len), 0);
    check_golden_bytes(name, bytes, len);
}

static void check_golden_bytes(const char *name, uint8_t *bytes, size_t len)
{
    if (!bytes) {
        return;
    }
    char *wat = to_wat(bytes, len);
    free(bytes);
    CHECK(wat != NULL);
    if (!wat) {
        return;
    }
    char path[256];
    snprintf(path, sizeof(path), GOLDEN_DIR "%s.wat", name);
    const char *update = getenv("UPDATE_GOLDEN");
    if (update && *update && strcmp(update, "0") != 0) {
        FILE *out = fopen(path, "w");
        CHECK(out != NULL);
        if (out) {
            fputs(wat, out);
            fclose(out);
            fprintf(stderr, "  wrote %s\n", path);
        }
        free(wat);
        return;
    }
    char *want = read_text(path);
    if (!want) {
        fprintf(stderr, "  missing %s (run with UPDATE_GOLDEN=1 to create it)\n", path);
        CHECK(want != NULL);
    } else if (strcmp(want, wat) != 0) {
        fprintf(stderr, "  %s differs from the generated code:\n%s\n"
                "  (if the change is intended: UPDATE_GOLDEN=1, then review the diff)\n",
                path, wat);
        CHECK(strcmp(want, wat) == 0);
    }
    free(want);
    free(wat);
}

TEST(golden_arith)
{
    Fix f = fix_new();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I64), u = ir_temp(b, IR_I32);
    ir_binop(b, IR_ADD, IR_I64, t, f.r[0], f.r[1]);
    ir_binopi(b, IR_SHL, IR_I64, f.r[2], t, 3);
    ir_unop(b, IR_TRUNC, IR_I32, u, t);
    ir_binop(b, IR_ANDC, IR_I32, f.w[0], u, f.w[1]);
    ir_setcond(b, IR_I64, IR_COND_LTU, f.r[3], t, f.r[0]);
    ir_movi(b, IR_I64, f.pc, 0x1004);
    ir_goto_tb(b, 1);
    check_golden("arith", b);
    free(b);
}

TEST(golden_branches)
{
    Fix f = fix_new();
    IrBlock *b = f.b;
    IrLabel pos = ir_label_new(b), out = ir_label_new(b);
    ir_brcondi(b, IR_I64, IR_COND_GE, f.r[0], 0, pos);
    ir_unop(b, IR_NEG, IR_I64, f.r[0], f.r[0]);
    ir_brcondi(b, IR_I32, IR_COND_EQ, f.w[0], 0, out);
    ir_movi(b, IR_I64, f.pc, 0x2000);
    ir_exit_tb(b);
    ir_label(b, pos);
    ir_movcond(b, IR_I64, IR_COND_GT, f.r[1], f.r[0], f.r[1], f.r[0], f.r[1]);
    ir_label(b, out);
    ir_goto_tb(b, 0);
    check_golden("branches", b);
    free(b);
}

TEST(golden_load_store)
{
    Fix f = fix_new();
    IrBlock *b = f.b;
    ir_qemu_ld(b, IR_I64, f.r[0], f.r[1], IR_MO_32 | IR_MO_SIGN, 1, 4);
    ir_qemu_st(b, IR_I32, f.w[0], f.r[1], IR_MO_16, 0, 8);
    ir_exit_tb(b);
    check_golden("load_store", b);
    free(b);
}

TEST(golden_call_div)
{
    Fix f = fix_new();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I64);
    ir_binop(b, IR_DIV, IR_I64, t, f.r[0], f.r[1]);
    ir_binop(b, IR_REMU, IR_I32, f.w[0], f.w[0], f.w[1]);
    ir_movi(b, IR_I64, f.pc, 0x1008);
    ir_call(b, &h_raising, IR_I64, f.r[2], t, f.w[1], IR_NO_TEMP, IR_NO_TEMP);
    ir_exit_tb(b);
    check_golden("call_div", b);
    free(b);
}

/* A two-block loop: A counts r0 up and goes to B; B goes back to A while r0 < 10, else
 * leaves.  Pins the region shape: dispatch br_table, r0 in a local across the loop, the
 * budget / exit-request check on internal transfers, write-back at the exit. */
TEST(golden_region_loop)
{
    Fix fa = fix_new(), fb = fix_new();
    IrBlock *a = fa.b, *b = fb.b;
    ir_binopi(a, IR_ADD, IR_I64, fa.r[0], fa.r[0], 1);
    ir_movi(a, IR_I64, fa.pc, 0x1004);
    ir_goto_tb(a, 0);
    ir_block_reset(b, 0x1004);
    IrLabel done = ir_label_new(b);
    ir_brcondi(b, IR_I64, IR_COND_GE, fb.r[0], 10, done);
    ir_movi(b, IR_I64, fb.pc, 0x1000);
    ir_goto_tb(b, 0);
    ir_label(b, done);
    ir_movi(b, IR_I64, fb.pc, 0x1008);
    ir_goto_tb(b, 1);
    WasmRegion *r = wasm_region_new(&(WasmCodegenOpts){ .mem_pages_min = 1 }, 2);
    static const int succ_a[2] = { 1, -1 }, succ_b[2] = { 0, -1 };
    wasm_region_scan(r, a);
    wasm_region_scan(r, b);
    wasm_region_emit(r, a, succ_a, 1);
    wasm_region_emit(r, b, succ_b, 1);
    uint8_t *bytes = NULL;
    size_t len = 0;
    CHECK_EQ_U64(wasm_region_finish(r, &bytes, &len), 0);
    wasm_region_free(r);
    check_golden_bytes("region_loop", bytes, len);
    free(a);
    free(b);
}

int main(void)
{
    RUN(leb128);
    RUN(buffer_sizes_and_names);
    RUN(every_value_op_validates);
    RUN(memory_env_calls_validate);
    RUN(control_flow_validates);
    RUN(backward_branch_is_refused);
    RUN(random_blocks_validate);
    RUN(golden_arith);
    RUN(golden_branches);
    RUN(golden_load_store);
    RUN(golden_call_div);
    RUN(golden_region_loop);
    return test_summary();
}
