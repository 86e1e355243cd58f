/*
 * test/unit/test_optimize.c — ir_optimize: constant folding, identities, copy propagation
 * (and where it must not happen), dead-code elimination, branch folding.  Results are
 * checked on the dump text, which is what golden tests read too.
 */
#include <stddef.h>
#include <string.h>

#include "tcg/ir.h"
#include "test/unit/test.h"

typedef struct Fx {
    IrBlock *b;
    IrTemp r[6];
    IrTemp w[2];
} Fx;

static Fx setup(void)
{
    static const char *const names[] = { "r0", "r1", "r2", "r3", "r4", "r5" };
    Fx f;
    f.b = calloc(1, sizeof(IrBlock));
    ir_block_reset(f.b, 0);
    for (int i = 0; i < 6; i++) {
        f.r[i] = ir_global(f.b, IR_I64, (uint32_t)(8 * i), names[i]);
    }
    f.w[0] = ir_global(f.b, IR_I32, 48, "w0");
    f.w[1] = ir_global(f.b, IR_I32, 52, "w1");
    ir_block_reset(f.b, 0);
    return f;
}

typedef struct Text {
    char s[8192];
} Text;

static void collect(void *ctx, const char *line)
{
    Text *t = ctx;
    strncat(t->s, line, sizeof(t->s) - strlen(t->s) - 2);
    strcat(t->s, "\n");
}

/* Optimize and compare the dump with the expected text. */
static void expect_optimized(IrBlock *b, const char *expect)
{
    ir_optimize(b);
    Text t = { "" };
    ir_dump(b, collect, &t);
    if (strcmp(t.s, expect) != 0) {
        fprintf(stderr, "  expected:\n%s  got:\n%s", expect, t.s);
        test_cur_failed = 1;
    }
    for (int l = 0; l < b->nlabels; l++) {
        uint32_t p = b->label_pos[l];
        CHECK(p == UINT32_MAX || (b->ops[p].opc == IR_LABEL && b->ops[p].args[0] == (uint32_t)l));
    }
}

TEST(constant_folding)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I64), u = ir_temp(b, IR_I64), v = ir_temp(b, IR_I32);
    ir_movi(b, IR_I64, t, 5);
    ir_binopi(b, IR_ADD, IR_I64, u, t, 3);
    ir_binop(b, IR_MUL, IR_I64, f.r[0], u, t);               /* 40 */
    ir_binopi(b, IR_DIV, IR_I64, f.r[1], t, 0);              /* x/0 = 0 (tcg/ir.h) */
    ir_unop(b, IR_TRUNC, IR_I32, v, ir_const(b, IR_I64, 0x1fffffffe));
    ir_unop(b, IR_EXTI32S, IR_I64, f.r[2], v);               /* sign-extend 0xfffffffe */
    ir_setcond(b, IR_I32, IR_COND_LT, f.w[0], v, ir_const(b, IR_I32, 0));
    ir_unop(b, IR_CLZ, IR_I64, f.r[3], ir_const(b, IR_I64, 0));
    ir_exit_tb(b);
    expect_optimized(b, "mov_i64 r0, $0x28\n"
                        "mov_i64 r1, $0x0\n"
                        "mov_i64 r2, $0xfffffffffffffffe\n"
                        "mov_i32 w0, $0x1\n"
                        "mov_i64 r3, $0x40\n"
                        "exit_tb\n");
    free(b);
}

TEST(algebraic_identities)
{
    Fx f = setup();
    IrBlock *b = f.b;
    ir_binopi(b, IR_ADD, IR_I64, f.r[1], f.r[0], 0);
    ir_binopi(b, IR_MUL, IR_I64, f.r[2], f.r[0], 0);
    ir_binopi(b, IR_AND, IR_I64, f.r[3], f.r[0], UINT64_MAX);
    ir_binop(b, IR_XOR, IR_I64, f.r[4], f.r[0], f.r[0]);
    ir_binopi(b, IR_OR, IR_I64, f.r[5], f.r[0], UINT64_MAX);
    ir_binopi(b, IR_AND, IR_I32, f.w[0], f.w[1], 0xffffffff);
    ir_binopi(b, IR_SHL, IR_I32, f.w[1], f.w[1], 32);        /* count modulo 32: no-op */
    ir_binopi(b, IR_MUL, IR_I64, f.r[0], f.r[0], 1);         /* r0 = r0: removed */
    ir_exit_tb(b);
    expect_optimized(b, "mov_i64 r1, r0\n"
                        "mov_i64 r2, $0x0\n"
                        "mov_i64 r3, r0\n"
                        "mov_i64 r4, $0x0\n"
                        "mov_i64 r5, $0xffffffffffffffff\n"
                        "mov_i32 w0, w1\n"
                        "exit_tb\n");
    free(b);
}

TEST(not_folded_when_unsafe)
{
    Fx f = setup();
    IrBlock *b = f.b;
    ir_binopi(b, IR_AND, IR_I64, f.r[1], f.r[0], 0xffffffff);      /* not an identity in I64 */
    ir_binopi(b, IR_SHL, IR_I64, f.r[2], f.r[0], 32);               /* not a no-op in I64 */
    ir_binopi(b, IR_DIVU, IR_I64, f.r[3], f.r[0], UINT64_MAX);      /* 0 or 1: not -x */
    ir_exit_tb(b);
    expect_optimized(b, "and_i64 r1, r0, $0xffffffff\n"
                        "shl_i64 r2, r0, $0x20\n"
                        "divu_i64 r3, r0, $0xffffffffffffffff\n"
                        "exit_tb\n");
    free(b);
}

TEST(canonical_constant_second)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrLabel l = ir_label_new(b);
    ir_binop(b, IR_ADD, IR_I64, f.r[1], ir_const(b, IR_I64, 5), f.r[0]);
    ir_setcond(b, IR_I64, IR_COND_LTU, f.r[2], ir_const(b, IR_I64, 7), f.r[0]);
    ir_brcond(b, IR_I64, IR_COND_LT, ir_const(b, IR_I64, 3), f.r[0], l);
    ir_movi(b, IR_I64, f.r[3], 1);
    ir_label(b, l);
    ir_exit_tb(b);
    expect_optimized(b, "add_i64 r1, r0, $0x5\n"
                        "setcond_i64 r2, r0, $0x7, gtu\n"
                        "brcond_i64 r0, $0x3, gt, L0\n"
                        "mov_i64 r3, $0x1\n"
                        "set_label L0\n"
                        "exit_tb\n");
    free(b);
}

TEST(copy_propagation)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I64), u = ir_temp(b, IR_I64);
    ir_mov(b, IR_I64, t, f.r[0]);
    ir_mov(b, IR_I64, u, t);
    ir_binopi(b, IR_ADD, IR_I64, f.r[1], u, 1);
    ir_binop(b, IR_SUB, IR_I64, f.r[2], t, u); /* t == u: 0 */
    ir_exit_tb(b);
    expect_optimized(b, "add_i64 r1, r0, $0x1\n"
                        "mov_i64 r2, $0x0\n"
                        "exit_tb\n");
    free(b);
}

TEST(no_copy_propagation_across_global_write)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I64);
    ir_mov(b, IR_I64, t, f.r[0]);               /* t = old r0 */
    ir_binopi(b, IR_ADD, IR_I64, f.r[0], f.r[0], 1);
    ir_mov(b, IR_I64, f.r[1], t);               /* must read the OLD r0 */
    ir_exit_tb(b);
    expect_optimized(b, "mov_i64 t8, r0\n"
                        "add_i64 r0, r0, $0x1\n"
                        "mov_i64 r1, t8\n"
                        "exit_tb\n");
    free(b);

    /* and the reverse: r1 = t; t changes; uses of r1 must not see the new t */
    f = setup();
    b = f.b;
    t = ir_temp(b, IR_I64);
    ir_binopi(b, IR_ADD, IR_I64, t, f.r[0], 2);
    ir_mov(b, IR_I64, f.r[1], t);
    ir_binopi(b, IR_ADD, IR_I64, t, t, 2);
    ir_mov(b, IR_I64, f.r[2], f.r[1]);
    ir_mov(b, IR_I64, f.r[3], t);
    ir_exit_tb(b);
    expect_optimized(b, "add_i64 t8, r0, $0x2\n"
                        "mov_i64 r1, t8\n"
                        "add_i64 t8, t8, $0x2\n"
                        "mov_i64 r2, r1\n"
                        "mov_i64 r3, t8\n"
                        "exit_tb\n");
    free(b);
}

static uint64_t helper_nop(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)env, (void)a, (void)b, (void)c, (void)d;
    return 0;
}

TEST(calls_that_write_globals_end_copies)
{
    static const IrHelper writes = { helper_nop, "writes", IR_CALL_W_GLOBALS };
    static const IrHelper reads = { helper_nop, "reads", IR_CALL_R_GLOBALS };
    Fx f = setup();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I64), u = ir_temp(b, IR_I64);
    ir_mov(b, IR_I64, t, f.r[0]);
    ir_call(b, &reads, IR_I64, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_mov(b, IR_I64, f.r[1], t);               /* still r0 */
    ir_mov(b, IR_I64, u, f.r[0]);
    ir_call(b, &writes, IR_I64, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_mov(b, IR_I64, f.r[2], u);               /* r0 may have changed: keep u */
    ir_movi(b, IR_I64, f.r[3], 7);
    ir_call(b, &writes, IR_I64, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_mov(b, IR_I64, f.r[4], f.r[3]);          /* r3 is no longer known to be 7 */
    ir_exit_tb(b);
    expect_optimized(b, "call reads()\n"
                        "mov_i64 r1, r0\n"
                        "mov_i64 t9, r0\n"
                        "call writes()\n"
                        "mov_i64 r2, t9\n"
                        "mov_i64 r3, $0x7\n"
                        "call writes()\n"
                        "mov_i64 r4, r3\n"
                        "exit_tb\n");
    free(b);
}

TEST(st_env_over_a_global_ends_copies)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I64);
    ir_mov(b, IR_I64, t, f.r[2]);
    ir_st_env(b, IR_I64, f.r[0], 20, IR_MO_8); /* a byte inside r2's field (16..23) */
    ir_mov(b, IR_I64, f.r[1], t);
    ir_mov(b, IR_I64, f.r[3], f.r[4]);
    ir_st_env(b, IR_I64, f.r[0], 56, IR_MO_64); /* past all globals */
    ir_mov(b, IR_I64, f.r[5], f.r[3]);          /* r3 == r4 still */
    ir_exit_tb(b);
    expect_optimized(b, "mov_i64 t8, r2\n"
                        "st_env_i64 r0, env+0x14, u8\n"
                        "mov_i64 r1, t8\n"
                        "mov_i64 r3, r4\n"
                        "st_env_i64 r0, env+0x38, u64\n"
                        "mov_i64 r5, r4\n"
                        "exit_tb\n");
    free(b);
}

TEST(dead_code_elimination)
{
    static const IrHelper pure = { helper_nop, "pure", IR_CALL_PURE };
    static const IrHelper effect = { helper_nop, "effect", 0 };
    Fx f = setup();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I64), u = ir_temp(b, IR_I64), v = ir_temp(b, IR_I64);
    ir_binopi(b, IR_ADD, IR_I64, t, f.r[0], 1);        /* dead temp */
    ir_call(b, &pure, IR_I64, u, f.r[0], IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP); /* unused */
    ir_call(b, &effect, IR_I64, v, f.r[0], IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP); /* kept */
    ir_qemu_st(b, IR_I64, f.r[1], f.r[0], IR_MO_64, 0, 0);
    ir_qemu_ld(b, IR_I64, t, f.r[0], IR_MO_32, 0, 0);  /* result unused: still may fault */
    ir_movi(b, IR_I64, f.r[2], 1);                     /* overwritten below: dead */
    ir_movi(b, IR_I64, f.r[2], 2);
    ir_movi(b, IR_I64, f.r[3], 1);                     /* kept: the load below may fault */
    ir_qemu_ld(b, IR_I64, f.r[4], f.r[0], IR_MO_8, 0, 4);
    ir_movi(b, IR_I64, f.r[3], 3);
    ir_fence(b);
    ir_exit_tb(b);
    expect_optimized(b, "call_i64 t10 = effect(r0)\n"
                        "qemu_st_i64 r1, r0, u64, mmu0, pc+0x0\n"
                        "qemu_ld_i64 t8, r0, u32, mmu0, pc+0x0\n"
                        "mov_i64 r2, $0x2\n"
                        "mov_i64 r3, $0x1\n"
                        "qemu_ld_i64 r4, r0, u8, mmu0, pc+0x4\n"
                        "mov_i64 r3, $0x3\n"
                        "fence 0\n"
                        "exit_tb\n");
    free(b);
}

TEST(branch_folding)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrLabel l0 = ir_label_new(b), l1 = ir_label_new(b), l2 = ir_label_new(b);
    IrTemp t = ir_temp(b, IR_I64);
    ir_movi(b, IR_I64, t, 4);
    ir_brcondi(b, IR_I64, IR_COND_EQ, t, 5, l0);   /* never: removed, and so is L0 */
    ir_movi(b, IR_I64, f.r[0], 1);
    ir_label(b, l0);
    ir_binopi(b, IR_ADD, IR_I64, f.r[1], t, 1);    /* t still known: L0 is gone */
    ir_brcondi(b, IR_I64, IR_COND_LTU, t, 5, l1);  /* always: br */
    ir_movi(b, IR_I64, f.r[2], 1);                 /* unreachable */
    ir_brcond(b, IR_I64, IR_COND_NE, f.r[0], f.r[1], l2); /* unreachable: L2 loses a ref */
    ir_label(b, l1);
    ir_setcond(b, IR_I64, IR_COND_GEU, f.r[3], f.r[5], f.r[5]);  /* x >= x */
    ir_movcond(b, IR_I64, IR_COND_NE, f.r[4], f.r[5], f.r[5], f.r[0], f.r[1]); /* -> r1 */
    ir_label(b, l2);
    ir_exit_tb(b);
    expect_optimized(b, "mov_i64 r0, $0x1\n"
                        "mov_i64 r1, $0x5\n"
                        "mov_i64 r3, $0x1\n"
                        "mov_i64 r4, $0x5\n" /* no path merges at L1: r1 still known */
                        "exit_tb\n");
    free(b);
}

TEST(knowledge_reset_at_labels)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrLabel l = ir_label_new(b);
    IrTemp t = ir_temp(b, IR_I64);
    ir_movi(b, IR_I64, t, 1);
    ir_brcondi(b, IR_I64, IR_COND_EQ, f.r[0], 0, l);
    ir_movi(b, IR_I64, t, 2);
    ir_label(b, l);
    ir_mov(b, IR_I64, f.r[1], t); /* 1 or 2: not a constant */
    ir_exit_tb(b);
    expect_optimized(b, "mov_i64 t8, $0x1\n"
                        "brcond_i64 r0, $0x0, eq, L0\n"
                        "mov_i64 t8, $0x2\n"
                        "set_label L0\n"
                        "mov_i64 r1, t8\n"
                        "exit_tb\n");
    free(b);
}

TEST(temps_live_across_branches)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrLabel skip = ir_label_new(b), out = ir_label_new(b);
    IrTemp t = ir_temp(b, IR_I64), dead = ir_temp(b, IR_I64);
    ir_binopi(b, IR_ADD, IR_I64, t, f.r[0], 3);      /* used only after the label */
    ir_binopi(b, IR_ADD, IR_I64, dead, f.r[0], 4);   /* never used */
    ir_brcondi(b, IR_I64, IR_COND_EQ, f.r[1], 0, skip);
    ir_movi(b, IR_I64, f.r[2], 1);
    ir_br(b, out);
    ir_label(b, skip);
    ir_mov(b, IR_I64, f.r[3], t);
    ir_label(b, out);
    ir_goto_tb(b, 0);
    expect_optimized(b, "add_i64 t8, r0, $0x3\n"
                        "brcond_i64 r1, $0x0, eq, L0\n"
                        "mov_i64 r2, $0x1\n"
                        "br L1\n"
                        "set_label L0\n"
                        "mov_i64 r3, t8\n"
                        "set_label L1\n"
                        "goto_tb 0\n");
    free(b);
}

TEST(branch_to_next_op_removed)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrLabel l = ir_label_new(b);
    IrTemp t = ir_temp(b, IR_I64);
    ir_movi(b, IR_I64, t, 9);
    ir_br(b, l);
    ir_label(b, l);
    ir_mov(b, IR_I64, f.r[0], t);
    ir_exit_tb(b);
    expect_optimized(b, "mov_i64 r0, $0x9\n"
                        "exit_tb\n");
    free(b);
}

TEST(overflowed_or_full_blocks)
{
    Fx f = setup();
    IrBlock *b = f.b;
    b->overflow = true;
    ir_movi(b, IR_I64, f.r[0], 1);
    ir_movi(b, IR_I64, f.r[0], 2);
    int n = b->nops;
    ir_optimize(b);
    CHECK_EQ_U64(b->nops, n); /* untouched */

    /* temp table full: folding that needs a new constant is skipped, not broken */
    ir_block_reset(b, 0);
    IrTemp a = ir_const(b, IR_I64, 6), c = ir_const(b, IR_I64, 7);
    while (b->ntemps < IR_MAX_TEMPS) {
        ir_temp(b, IR_I64);
    }
    ir_binop(b, IR_MUL, IR_I64, f.r[0], a, c);
    ir_binop(b, IR_SUB, IR_I64, f.r[1], c, a); /* 1: not a constant we have */
    ir_exit_tb(b);
    CHECK(!b->overflow);
    ir_optimize(b);
    CHECK(!b->overflow);
    CHECK_EQ_U64(b->nops, 3);
    CHECK_EQ_U64(b->ops[0].opc, IR_MUL);
    CHECK_EQ_U64(b->ops[1].opc, IR_SUB);
    free(b);
}

/* Division's edge cases (tcg/ir.h "Division") fold: on two constants, and as identities
 * of a constant divisor 0, 1 or -1 that hold for every dividend. */
TEST(division_folding)
{
    Fx f = setup();
    IrBlock *b = f.b;
    IrTemp min64 = ir_const(b, IR_I64, 1ull << 63), m1 = ir_const(b, IR_I64, UINT64_MAX);
    IrTemp min32 = ir_const(b, IR_I32, 0x80000000u), m1w = ir_const(b, IR_I32, 0xffffffffu);
    ir_binop(b, IR_DIV, IR_I64, f.r[0], min64, m1);                 /* MIN */
    ir_binop(b, IR_REM, IR_I64, f.r[1], min64, m1);                 /* 0 */
    ir_binop(b, IR_DIVU, IR_I64, f.r[2], min64, ir_const(b, IR_I64, 0)); /* 0 */
    ir_binop(b, IR_REMU, IR_I64, f.r[3], min64, ir_const(b, IR_I64, 0)); /* MIN */
    ir_binop(b, IR_DIV, IR_I32, f.w[0], min32, m1w);                /* MIN */
    ir_binop(b, IR_REM, IR_I32, f.w[1], ir_const(b, IR_I32, 5), ir_const(b, IR_I32, 0));
    ir_exit_tb(b);
    expect_optimized(b, "mov_i64 r0, $0x8000000000000000\n"
                        "mov_i64 r1, $0x0\n"
                        "mov_i64 r2, $0x0\n"
                        "mov_i64 r3, $0x8000000000000000\n"
                        "mov_i32 w0, $0x80000000\n"
                        "mov_i32 w1, $0x5\n"
                        "exit_tb\n");
    free(b);

    f = setup();
    b = f.b;
    ir_binopi(b, IR_DIV, IR_I64, f.r[1], f.r[0], 0);            /* 0 */
    ir_binopi(b, IR_DIVU, IR_I64, f.r[2], f.r[0], 1);           /* r0 */
    ir_binopi(b, IR_DIV, IR_I64, f.r[3], f.r[0], UINT64_MAX);   /* -r0 (MIN too) */
    ir_binopi(b, IR_REM, IR_I64, f.r[4], f.r[0], UINT64_MAX);   /* 0 */
    ir_binopi(b, IR_REMU, IR_I64, f.r[5], f.r[0], 0);           /* r0 */
    ir_binopi(b, IR_REMU, IR_I32, f.w[0], f.w[1], 1);           /* 0 */
    ir_binopi(b, IR_REM, IR_I32, f.w[1], f.w[1], 0);            /* w1: removed */
    ir_exit_tb(b);
    expect_optimized(b, "mov_i64 r1, $0x0\n"
                        "mov_i64 r2, r0\n"
                        "neg_i64 r3, r0\n"
                        "mov_i64 r4, $0x0\n"
                        "mov_i64 r5, r0\n"
                        "mov_i32 w0, $0x0\n"
                        "exit_tb\n");
    free(b);
}

int main(void)
{
    RUN(constant_folding);
    RUN(algebraic_identities);
    RUN(not_folded_when_unsafe);
    RUN(division_folding);
    RUN(canonical_constant_second);
    RUN(copy_propagation);
    RUN(no_copy_propagation_across_global_write);
    RUN(calls_that_write_globals_end_copies);
    RUN(st_env_over_a_global_ends_copies);
    RUN(dead_code_elimination);
    RUN(branch_folding);
    RUN(knowledge_reset_at_labels);
    RUN(temps_live_across_branches);
    RUN(branch_to_next_op_removed);
    RUN(overflowed_or_full_blocks);
    return test_summary();
}
