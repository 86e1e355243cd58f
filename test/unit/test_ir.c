/*
 * test/unit/test_ir.c — the IR builder, ir_eval_op (the reference semantics), conditions
 * and the dump format.
 */
#include <string.h>

#include "tcg/ir.h"
#include "test/unit/test.h"

static IrBlock *new_block(void)
{
    IrBlock *b = calloc(1, sizeof(IrBlock));
    ir_block_reset(b, 0x1000);
    return b;
}

static uint64_t eval(IrOpc opc, IrType t, uint64_t x, uint64_t y)
{
    uint64_t r = 0xdeadbeef;
    CHECK(ir_eval_op(opc, t, x, y, &r));
    return r;
}

TEST(globals_survive_reset)
{
    IrBlock *b = new_block();
    IrTemp g0 = ir_global(b, IR_I64, 8, "x1");
    IrTemp g1 = ir_global(b, IR_I32, 16, "f");
    CHECK_EQ_U64(g0, 0);
    CHECK_EQ_U64(g1, 1);
    IrTemp t = ir_temp(b, IR_I64);
    CHECK_EQ_U64(t, 2);
    ir_mov(b, IR_I64, t, g0);
    ir_block_reset(b, 0x2000);
    CHECK_EQ_U64(b->nops, 0);
    CHECK_EQ_U64(b->ntemps, 2);
    CHECK_EQ_U64(b->nglobals, 2);
    CHECK_EQ_U64(b->pc, 0x2000);
    CHECK(b->temps[g1].kind == IR_TEMP_GLOBAL && b->temps[g1].offset == 16);
    CHECK_EQ_U64(ir_temp(b, IR_I32), 2);
    free(b);
}

TEST(constants_deduplicated)
{
    IrBlock *b = new_block();
    IrTemp a = ir_const(b, IR_I64, 5);
    IrTemp c = ir_const(b, IR_I64, 5);
    IrTemp d = ir_const(b, IR_I32, 5);
    IrTemp e = ir_const(b, IR_I32, 0x100000005ull); /* stored zero-extended: same as 5 */
    IrTemp f = ir_const(b, IR_I64, 6);
    CHECK_EQ_U64(a, c);
    CHECK(a != d);
    CHECK_EQ_U64(d, e);
    CHECK(f != a);
    CHECK_EQ_U64(b->temps[e].value, 5);
    CHECK(b->temps[a].kind == IR_TEMP_CONST);
    /* many constants: still found again after collisions */
    IrTemp first[300];
    for (int i = 0; i < 300; i++) {
        first[i] = ir_const(b, IR_I64, (uint64_t)i * 0x10000);
    }
    for (int i = 0; i < 300; i++) {
        CHECK_EQ_U64(ir_const(b, IR_I64, (uint64_t)i * 0x10000), first[i]);
    }
    /* a reset forgets them */
    ir_block_reset(b, 0);
    IrTemp g = ir_const(b, IR_I64, 5);
    CHECK_EQ_U64(g, 0);
    free(b);
}

/* Front ends drop a half-translated instruction by lowering nops/ntemps. */
TEST(constants_after_rollback)
{
    IrBlock *b = new_block();
    uint64_t s = 12345;
    for (int round = 0; round < 2000; round++) {
        int saved = b->ntemps;
        for (int i = 0; i < 8; i++) {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            uint64_t v = s % 24; /* few values: many hits and collisions */
            IrType ty = (s >> 20) & 1 ? IR_I64 : IR_I32;
            if ((s >> 30) % 3 == 0) {
                ir_temp(b, ty);
                continue;
            }
            IrTemp c = ir_const(b, ty, v);
            CHECK(c < b->ntemps);
            CHECK(b->temps[c].kind == IR_TEMP_CONST && b->temps[c].type == ty &&
                  b->temps[c].value == v);
        }
        if ((s >> 40) % 2) {
            b->ntemps = saved; /* roll back */
        }
        if (b->ntemps > IR_MAX_TEMPS - 16) {
            ir_block_reset(b, 0);
        }
    }
    CHECK(!b->overflow);
    free(b);
}

TEST(convenience_emitters)
{
    IrBlock *b = new_block();
    IrTemp g = ir_global(b, IR_I64, 0, "pc");
    IrTemp t = ir_temp(b, IR_I64);
    ir_movi(b, IR_I64, t, 42);
    CHECK_EQ_U64(b->nops, 1);
    CHECK_EQ_U64(b->ops[0].opc, IR_MOV);
    CHECK(b->temps[b->ops[0].args[1]].kind == IR_TEMP_CONST);
    CHECK_EQ_U64(b->temps[b->ops[0].args[1]].value, 42);
    ir_binopi(b, IR_ADD, IR_I64, g, t, 0x10);
    CHECK_EQ_U64(b->ops[1].opc, IR_ADD);
    CHECK_EQ_U64(b->ops[1].args[0], g);
    CHECK_EQ_U64(b->ops[1].args[1], t);
    CHECK_EQ_U64(b->temps[b->ops[1].args[2]].value, 0x10);
    IrLabel l = ir_label_new(b);
    ir_brcondi(b, IR_I64, IR_COND_LTU, t, 7, l);
    CHECK_EQ_U64(b->ops[2].opc, IR_BRCOND);
    CHECK_EQ_U64(b->ops[2].args[2], IR_COND_LTU);
    CHECK_EQ_U64(b->ops[2].args[3], l);
    ir_label(b, l);
    CHECK_EQ_U64(b->label_pos[l], 3);
    static const IrHelper h1 = { NULL, "h1", 0 }, h2 = { NULL, "h2", 0 };
    CHECK_EQ_U64(ir_helper_index(b, &h1), 0);
    CHECK_EQ_U64(ir_helper_index(b, &h2), 1);
    CHECK_EQ_U64(ir_helper_index(b, &h1), 0);
    ir_call(b, &h2, IR_I64, t, g, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    CHECK_EQ_U64(b->ops[4].args[5], 1);
    CHECK_EQ_U64(b->ops[4].args[2], IR_NO_TEMP);
    CHECK(!b->overflow);
    free(b);
}

TEST(overflow_is_reported_and_safe)
{
    IrBlock *b = new_block();
    IrTemp t = ir_temp(b, IR_I64);
    for (int i = 0; i < IR_MAX_OPS + 10; i++) {
        ir_mov(b, IR_I64, t, t);
    }
    CHECK(b->overflow);
    CHECK_EQ_U64(b->nops, IR_MAX_OPS);
    ir_block_reset(b, 0);
    CHECK(!b->overflow);
    for (int i = 0; i < IR_MAX_TEMPS + 10; i++) {
        IrTemp x = ir_temp(b, IR_I32);
        CHECK(x < IR_MAX_TEMPS);
    }
    CHECK(b->overflow);
    IrTemp c = ir_const(b, IR_I64, 12345);
    CHECK(c < IR_MAX_TEMPS);
    ir_block_reset(b, 0);
    for (int i = 0; i < IR_MAX_LABELS + 3; i++) {
        CHECK(ir_label_new(b) < IR_MAX_LABELS);
    }
    CHECK(b->overflow);
    free(b);
}

TEST(op_defs_consistent)
{
    for (int i = 0; i < IR_OPC_COUNT; i++) {
        const IrOpDef *d = &ir_op_defs[i];
        CHECK(d->name != NULL);
        CHECK(d->nout + d->nin + d->nconst <= IR_MAX_ARGS);
    }
    CHECK(ir_op_defs[IR_QEMU_ST].flags & IR_OPF_MAY_RAISE);
    CHECK(ir_op_defs[IR_BRCOND].flags & IR_OPF_BB_END);
    CHECK(!(ir_op_defs[IR_ADD].flags & IR_OPF_SIDE_EFFECT));
    CHECK_EQ_U64(ir_op_defs[IR_MOVCOND].nin, 4);
}

TEST(eval_arith)
{
    CHECK_EQ_U64(eval(IR_ADD, IR_I32, 0xffffffff, 2), 1);
    CHECK_EQ_U64(eval(IR_ADD, IR_I64, 0xffffffff, 2), 0x100000001ull);
    CHECK_EQ_U64(eval(IR_SUB, IR_I32, 0, 1), 0xffffffff);
    CHECK_EQ_U64(eval(IR_NEG, IR_I64, 1, 0), UINT64_MAX);
    CHECK_EQ_U64(eval(IR_MUL, IR_I32, 0x10000, 0x10000), 0);
    CHECK_EQ_U64(eval(IR_ANDC, IR_I64, 0xff, 0x0f), 0xf0);
    CHECK_EQ_U64(eval(IR_ORC, IR_I32, 0, 0xffff0000), 0xffff);
    CHECK_EQ_U64(eval(IR_EQV, IR_I32, 0xf0, 0xff), 0xfffffff0);
    CHECK_EQ_U64(eval(IR_NOT, IR_I32, 0, 0), 0xffffffff);
    /* I32 inputs: only the low 32 bits count */
    CHECK_EQ_U64(eval(IR_ADD, IR_I32, 0xabc00000001ull, 0x700000001ull), 2);
    CHECK(!ir_eval_op(IR_SETCOND, IR_I64, 1, 2, &(uint64_t){ 0 }));
    CHECK(!ir_eval_op(IR_QEMU_LD, IR_I64, 1, 2, &(uint64_t){ 0 }));
}

TEST(eval_shifts_modulo_width)
{
    CHECK_EQ_U64(eval(IR_SHL, IR_I32, 1, 33), 2);
    CHECK_EQ_U64(eval(IR_SHL, IR_I64, 1, 65), 2);
    CHECK_EQ_U64(eval(IR_SHL, IR_I64, 1, 63), 1ull << 63);
    CHECK_EQ_U64(eval(IR_SHR, IR_I32, 0x80000000, 31), 1);
    CHECK_EQ_U64(eval(IR_SHR, IR_I32, 0x80000000, 32), 0x80000000);
    CHECK_EQ_U64(eval(IR_SAR, IR_I32, 0x80000000, 4), 0xf8000000);
    CHECK_EQ_U64(eval(IR_SAR, IR_I64, 1ull << 63, 63), UINT64_MAX);
    CHECK_EQ_U64(eval(IR_SAR, IR_I64, 1ull << 63, 64), 1ull << 63);
    CHECK_EQ_U64(eval(IR_ROTL, IR_I32, 0x80000001, 1), 3);
    CHECK_EQ_U64(eval(IR_ROTL, IR_I32, 0x12345678, 0), 0x12345678);
    CHECK_EQ_U64(eval(IR_ROTL, IR_I32, 0x12345678, 32), 0x12345678);
    CHECK_EQ_U64(eval(IR_ROTR, IR_I32, 3, 1), 0x80000001);
    CHECK_EQ_U64(eval(IR_ROTR, IR_I64, 1, 1), 1ull << 63);
    CHECK_EQ_U64(eval(IR_ROTL, IR_I64, 0x8000000000000001ull, 68), 0x18);
    CHECK_EQ_U64(eval(IR_ROTR, IR_I64, 0x123, 64), 0x123);
}

TEST(eval_div_rem_edge_cases)
{
    /* by zero: the IR's arch-neutral results (tcg/ir.h "Division") */
    CHECK_EQ_U64(eval(IR_DIV, IR_I32, 7, 0), 0);
    CHECK_EQ_U64(eval(IR_DIVU, IR_I32, 7, 0), 0);
    CHECK_EQ_U64(eval(IR_REM, IR_I32, 7, 0), 7);
    CHECK_EQ_U64(eval(IR_REMU, IR_I32, 0xfffffff9, 0), 0xfffffff9);
    CHECK_EQ_U64(eval(IR_DIV, IR_I64, 7, 0), 0);
    CHECK_EQ_U64(eval(IR_DIVU, IR_I64, 7, 0), 0);
    CHECK_EQ_U64(eval(IR_REM, IR_I64, (uint64_t)-7, 0), (uint64_t)-7);
    CHECK_EQ_U64(eval(IR_REMU, IR_I64, 7, 0), 7);
    /* overflow */
    CHECK_EQ_U64(eval(IR_DIV, IR_I32, 0x80000000, 0xffffffff), 0x80000000);
    CHECK_EQ_U64(eval(IR_REM, IR_I32, 0x80000000, 0xffffffff), 0);
    CHECK_EQ_U64(eval(IR_DIV, IR_I64, 1ull << 63, UINT64_MAX), 1ull << 63);
    CHECK_EQ_U64(eval(IR_REM, IR_I64, 1ull << 63, UINT64_MAX), 0);
    /* ordinary: truncation toward zero, remainder has the dividend's sign */
    CHECK_EQ_U64(eval(IR_DIV, IR_I32, (uint32_t)-7, 2), (uint32_t)-3);
    CHECK_EQ_U64(eval(IR_REM, IR_I32, (uint32_t)-7, 2), (uint32_t)-1);
    CHECK_EQ_U64(eval(IR_DIV, IR_I64, (uint64_t)-7, 2), (uint64_t)-3);
    CHECK_EQ_U64(eval(IR_REM, IR_I64, 7, (uint64_t)-2), 1);
    CHECK_EQ_U64(eval(IR_DIVU, IR_I32, 0xfffffff9, 2), 0x7ffffffc);
    CHECK_EQ_U64(eval(IR_REMU, IR_I64, UINT64_MAX, 10), 5);
    /* 32-bit results are stored zero-extended */
    CHECK_EQ_U64(eval(IR_DIV, IR_I32, (uint32_t)-8, 2), 0xfffffffc);
}

TEST(eval_mulh)
{
    CHECK_EQ_U64(eval(IR_MULUH, IR_I64, UINT64_MAX, UINT64_MAX), UINT64_MAX - 1);
    CHECK_EQ_U64(eval(IR_MULSH, IR_I64, UINT64_MAX, UINT64_MAX), 0);        /* -1 * -1 */
    CHECK_EQ_U64(eval(IR_MULSH, IR_I64, UINT64_MAX, 2), UINT64_MAX);        /* -2 */
    CHECK_EQ_U64(eval(IR_MULSUH, IR_I64, UINT64_MAX, UINT64_MAX), UINT64_MAX); /* -1 * (2^64-1) */
    CHECK_EQ_U64(eval(IR_MULSUH, IR_I64, 2, UINT64_MAX), 1);
    CHECK_EQ_U64(eval(IR_MULSH, IR_I64, 1ull << 63, 1ull << 63), 1ull << 62);
    CHECK_EQ_U64(eval(IR_MULUH, IR_I64, 1ull << 32, 1ull << 32), 1);
    CHECK_EQ_U64(eval(IR_MULUH, IR_I64, 0x123456789abcdef0ull, 0xfedcba9876543210ull),
                 0x121fa00ad77d7422ull);
    CHECK_EQ_U64(eval(IR_MULUH, IR_I32, 0xffffffff, 0xffffffff), 0xfffffffe);
    CHECK_EQ_U64(eval(IR_MULSH, IR_I32, 0xffffffff, 0xffffffff), 0);
    CHECK_EQ_U64(eval(IR_MULSH, IR_I32, 0x80000000, 2), 0xffffffff);
    CHECK_EQ_U64(eval(IR_MULSUH, IR_I32, 0xffffffff, 0xffffffff), 0xffffffff);
    CHECK_EQ_U64(eval(IR_MULSUH, IR_I32, 0x80000000, 0x80000000), 0xc0000000);
    /* compare 64-bit variants against a 128-bit product */
#ifdef __SIZEOF_INT128__
    uint64_t s = 88172645463325252ull;
    for (int i = 0; i < 2000; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        uint64_t a = s;
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        uint64_t b = i & 1 ? s : s >> (i % 64);
        CHECK_EQ_U64(eval(IR_MULUH, IR_I64, a, b), (uint64_t)(((unsigned __int128)a * b) >> 64));
        CHECK_EQ_U64(eval(IR_MULSH, IR_I64, a, b),
                     (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64));
        CHECK_EQ_U64(eval(IR_MULSUH, IR_I64, a, b),
                     (uint64_t)(((__int128)(int64_t)a * (__int128)(unsigned __int128)b) >> 64));
    }
#endif
}

TEST(eval_bits_and_ext)
{
    CHECK_EQ_U64(eval(IR_CLZ, IR_I32, 0, 0), 32);
    CHECK_EQ_U64(eval(IR_CLZ, IR_I64, 0, 0), 64);
    CHECK_EQ_U64(eval(IR_CLZ, IR_I32, 1, 0), 31);
    CHECK_EQ_U64(eval(IR_CLZ, IR_I32, 0x100000000ull, 0), 32); /* only the low half */
    CHECK_EQ_U64(eval(IR_CLZ, IR_I64, 1, 0), 63);
    CHECK_EQ_U64(eval(IR_CTZ, IR_I32, 0, 0), 32);
    CHECK_EQ_U64(eval(IR_CTZ, IR_I64, 0, 0), 64);
    CHECK_EQ_U64(eval(IR_CTZ, IR_I64, 1ull << 40, 0), 40);
    CHECK_EQ_U64(eval(IR_CTPOP, IR_I64, UINT64_MAX, 0), 64);
    CHECK_EQ_U64(eval(IR_CTPOP, IR_I32, UINT64_MAX, 0), 32);
    CHECK_EQ_U64(eval(IR_EXT8S, IR_I32, 0x80, 0), 0xffffff80);
    CHECK_EQ_U64(eval(IR_EXT8S, IR_I64, 0x17f, 0), 0x7f);
    CHECK_EQ_U64(eval(IR_EXT8S, IR_I64, 0x80, 0), 0xffffffffffffff80ull);
    CHECK_EQ_U64(eval(IR_EXT8U, IR_I64, 0xfff, 0), 0xff);
    CHECK_EQ_U64(eval(IR_EXT16S, IR_I32, 0x8000, 0), 0xffff8000);
    CHECK_EQ_U64(eval(IR_EXT16U, IR_I32, 0x18000, 0), 0x8000);
    CHECK_EQ_U64(eval(IR_EXT32S, IR_I64, 0x180000000ull, 0), 0xffffffff80000000ull);
    CHECK_EQ_U64(eval(IR_EXT32U, IR_I64, 0xffffffff80000000ull, 0), 0x80000000);
    CHECK_EQ_U64(eval(IR_EXTI32S, IR_I64, 0x80000000, 0), 0xffffffff80000000ull);
    CHECK_EQ_U64(eval(IR_EXTI32U, IR_I64, 0x80000000, 0), 0x80000000);
    CHECK_EQ_U64(eval(IR_TRUNC, IR_I32, 0x123456789ull, 0), 0x23456789);
    CHECK_EQ_U64(eval(IR_MOV, IR_I32, 0x123456789ull, 0), 0x23456789);
}

TEST(conditions)
{
    CHECK(ir_cond_eval(IR_COND_LT, IR_I32, 0xffffffff, 0));
    CHECK(!ir_cond_eval(IR_COND_LTU, IR_I32, 0xffffffff, 0));
    CHECK(!ir_cond_eval(IR_COND_LT, IR_I64, 0xffffffff, 0));
    CHECK(ir_cond_eval(IR_COND_EQ, IR_I32, 0x100000005ull, 5));
    CHECK(!ir_cond_eval(IR_COND_EQ, IR_I64, 0x100000005ull, 5));
    CHECK(ir_cond_eval(IR_COND_GE, IR_I64, 0, 1ull << 63));
    CHECK(ir_cond_eval(IR_COND_GTU, IR_I64, 1ull << 63, 0));
    CHECK(ir_cond_eval(IR_COND_ALWAYS, IR_I64, 1, 2));
    CHECK(!ir_cond_eval(IR_COND_NEVER, IR_I64, 1, 1));
    static const uint64_t vals[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff,
                                     1ull << 63, UINT64_MAX, 0x100000000ull };
    int n = (int)(sizeof(vals) / sizeof(vals[0]));
    for (int c = IR_COND_EQ; c <= IR_COND_NEVER; c++) {
        for (int t = IR_I32; t <= IR_I64; t++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    bool r = ir_cond_eval((IrCond)c, (IrType)t, vals[i], vals[j]);
                    CHECK(ir_cond_eval(ir_cond_invert((IrCond)c), (IrType)t, vals[i], vals[j]) ==
                          !r);
                    CHECK(ir_cond_eval(ir_cond_swap((IrCond)c), (IrType)t, vals[j], vals[i]) == r);
                }
            }
        }
    }
}

typedef struct Lines {
    char text[4096];
} Lines;

static void collect(void *ctx, const char *line)
{
    Lines *l = ctx;
    strncat(l->text, line, sizeof(l->text) - strlen(l->text) - 2);
    strcat(l->text, "\n");
}

static uint64_t helper_dummy(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)env, (void)a, (void)b, (void)c, (void)d;
    return 0;
}

TEST(dump_format)
{
    static const IrHelper h = { helper_dummy, "csrrw", IR_CALL_RW_GLOBALS };
    IrBlock *b = new_block();
    IrTemp pc = ir_global(b, IR_I64, 0, "pc");
    IrTemp x5 = ir_global(b, IR_I64, 8, "x5");
    IrTemp t = ir_temp(b, IR_I64);
    IrTemp w = ir_temp(b, IR_I32);
    IrLabel l = ir_label_new(b);
    ir_binopi(b, IR_ADD, IR_I64, t, x5, 0x10);
    ir_unop(b, IR_TRUNC, IR_I32, w, t);
    ir_brcondi(b, IR_I64, IR_COND_NE, t, 0, l);
    ir_qemu_ld(b, IR_I64, t, x5, IR_MO_32 | IR_MO_SIGN, 1, 4);
    ir_call(b, &h, IR_I64, x5, t, w, IR_NO_TEMP, IR_NO_TEMP);
    ir_label(b, l);
    ir_setcond(b, IR_I32, IR_COND_LTU, w, w, ir_const(b, IR_I32, 3));
    ir_movi(b, IR_I64, pc, 0x1004);
    ir_goto_tb(b, 1);
    Lines out = { "" };
    ir_dump(b, collect, &out);
    const char *expect = "add_i64 t2, x5, $0x10\n"
                         "trunc_i32 t3, t2\n"
                         "brcond_i64 t2, $0x0, ne, L0\n"
                         "qemu_ld_i64 t2, x5, s32, mmu1, pc+0x4\n"
                         "call_i64 x5 = csrrw(t2, t3)\n"
                         "set_label L0\n"
                         "setcond_i32 t3, t3, $0x3, ltu\n"
                         "mov_i64 pc, $0x1004\n"
                         "goto_tb 1\n";
    CHECK(strcmp(out.text, expect) == 0);
    if (strcmp(out.text, expect) != 0) {
        fprintf(stderr, "got:\n%s", out.text);
    }
    free(b);
}

int main(void)
{
    RUN(globals_survive_reset);
    RUN(constants_deduplicated);
    RUN(constants_after_rollback);
    RUN(convenience_emitters);
    RUN(overflow_is_reported_and_safe);
    RUN(op_defs_consistent);
    RUN(eval_arith);
    RUN(eval_shifts_modulo_width);
    RUN(eval_div_rem_edge_cases);
    RUN(eval_mulh);
    RUN(eval_bits_and_ext);
    RUN(conditions);
    RUN(dump_format);
    return test_summary();
}
