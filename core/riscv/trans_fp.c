/*
 * core/riscv/trans_fp.c — F and D extensions.  Arithmetic is done by the bit-exact
 * soft-float helpers (core/riscv/fpu_helper.c); moves, loads and stores are plain IR.
 */
#include "core/riscv/fpu_helper.h"
#include "core/riscv/translate.h"

#define B (ctx->b)
#define NT IR_NO_TEMP

static const uint64_t NANBOX = 0xffffffff00000000ull;

/* FP instructions are illegal while mstatus.FS is Off. */
#define REQUIRE_FP()        \
    do {                    \
        if (ctx->fs == 0) { \
            return false;   \
        }                   \
    } while (0)

static void set_fpr(DisasContext *ctx, int r, IrTemp v)
{
    ir_mov(B, IR_I64, ctx->f[r], v);
}

static IrTemp rm_const(DisasContext *ctx, const RiscvArgs *a)
{
    return const64(ctx, (uint64_t)a->rm);
}

static bool gen_fp_load(DisasContext *ctx, const RiscvArgs *a, bool dbl)
{
    REQUIRE_FP();
    IrTemp addr = tmp64(ctx), v = tmp64(ctx);
    ir_binopi(B, IR_ADD, IR_I64, addr, gpr_src(ctx, a->rs1), (uint64_t)a->imm);
    ir_qemu_ld(B, IR_I64, v, addr, dbl ? IR_MO_64 : IR_MO_32, (unsigned)ctx->mem_idx,
               (uint32_t)(ctx->pc - ctx->tb_pc));
    if (!dbl) {
        ir_binopi(B, IR_OR, IR_I64, v, v, NANBOX);
    }
    set_fpr(ctx, a->rd, v);
    gen_set_fs_dirty(ctx);
    return true;
}

static bool gen_fp_store(DisasContext *ctx, const RiscvArgs *a, bool dbl)
{
    REQUIRE_FP();
    IrTemp addr = tmp64(ctx);
    ir_binopi(B, IR_ADD, IR_I64, addr, gpr_src(ctx, a->rs1), (uint64_t)a->imm);
    ir_qemu_st(B, IR_I64, ctx->f[a->rs2], addr, dbl ? IR_MO_64 : IR_MO_32,
               (unsigned)ctx->mem_idx, (uint32_t)(ctx->pc - ctx->tb_pc));
    return true;
}

TRANS(flw) { return gen_fp_load(ctx, a, false); }
TRANS(fld) { return gen_fp_load(ctx, a, true); }
TRANS(fsw) { return gen_fp_store(ctx, a, false); }
TRANS(fsd) { return gen_fp_store(ctx, a, true); }

/* f[rd] = helper(f[rs1], f[rs2], f[rs3] or rm, rm) */
static bool gen_fp_op(DisasContext *ctx, const IrHelper *h, int rd, IrTemp x, IrTemp y,
                      IrTemp z, IrTemp w)
{
    REQUIRE_FP();
    IrTemp r = tmp64(ctx);
    gen_helper(ctx, h, r, x, y, z, w);
    set_fpr(ctx, rd, r);
    gen_set_fs_dirty(ctx);
    return true;
}

/* x[rd] = helper(...): compares, classification, conversions to integer */
static bool gen_fp_to_int(DisasContext *ctx, const IrHelper *h, int rd, IrTemp x, IrTemp y,
                          IrTemp z, bool writes_flags)
{
    REQUIRE_FP();
    IrTemp r = tmp64(ctx);
    gen_helper(ctx, h, r, x, y, z, NT);
    gpr_set(ctx, rd, r);
    if (writes_flags) {
        gen_set_fs_dirty(ctx);
    }
    return true;
}

#define F(r) (ctx->f[r])

#define FP_BINOP(name)                                                                 \
    TRANS(name)                                                                        \
    {                                                                                  \
        return gen_fp_op(ctx, &riscv_hlp_##name, a->rd, F(a->rs1), F(a->rs2),          \
                         rm_const(ctx, a), NT);                                        \
    }
#define FP_UNOP_RM(name)                                                               \
    TRANS(name)                                                                        \
    {                                                                                  \
        return gen_fp_op(ctx, &riscv_hlp_##name, a->rd, F(a->rs1), rm_const(ctx, a), NT, NT); \
    }
#define FP_FMA(name)                                                                   \
    TRANS(name)                                                                        \
    {                                                                                  \
        return gen_fp_op(ctx, &riscv_hlp_##name, a->rd, F(a->rs1), F(a->rs2), F(a->rs3), \
                         rm_const(ctx, a));                                            \
    }
#define FP_BINOP_NORM(name)                                                            \
    TRANS(name)                                                                        \
    {                                                                                  \
        return gen_fp_op(ctx, &riscv_hlp_##name, a->rd, F(a->rs1), F(a->rs2), NT, NT);  \
    }
#define FP_CMP(name)                                                                   \
    TRANS(name)                                                                        \
    {                                                                                  \
        return gen_fp_to_int(ctx, &riscv_hlp_##name, a->rd, F(a->rs1), F(a->rs2), NT, true); \
    }
#define FP_TO_INT(name)                                                                \
    TRANS(name)                                                                        \
    {                                                                                  \
        return gen_fp_to_int(ctx, &riscv_hlp_##name, a->rd, F(a->rs1), rm_const(ctx, a), NT, \
                             true);                                                    \
    }
#define INT_TO_FP(name)                                                                \
    TRANS(name)                                                                        \
    {                                                                                  \
        return gen_fp_op(ctx, &riscv_hlp_##name, a->rd, gpr_src(ctx, a->rs1),          \
                         rm_const(ctx, a), NT, NT);                                    \
    }

FP_BINOP(fadd_s) FP_BINOP(fsub_s) FP_BINOP(fmul_s) FP_BINOP(fdiv_s)
FP_BINOP(fadd_d) FP_BINOP(fsub_d) FP_BINOP(fmul_d) FP_BINOP(fdiv_d)
FP_UNOP_RM(fsqrt_s) FP_UNOP_RM(fsqrt_d)
FP_FMA(fmadd_s) FP_FMA(fmsub_s) FP_FMA(fnmsub_s) FP_FMA(fnmadd_s)
FP_FMA(fmadd_d) FP_FMA(fmsub_d) FP_FMA(fnmsub_d) FP_FMA(fnmadd_d)
FP_BINOP_NORM(fsgnj_s) FP_BINOP_NORM(fsgnjn_s) FP_BINOP_NORM(fsgnjx_s)
FP_BINOP_NORM(fsgnj_d) FP_BINOP_NORM(fsgnjn_d) FP_BINOP_NORM(fsgnjx_d)
FP_BINOP_NORM(fmin_s) FP_BINOP_NORM(fmax_s) FP_BINOP_NORM(fmin_d) FP_BINOP_NORM(fmax_d)
FP_CMP(feq_s) FP_CMP(flt_s) FP_CMP(fle_s) FP_CMP(feq_d) FP_CMP(flt_d) FP_CMP(fle_d)
FP_TO_INT(fcvt_w_s) FP_TO_INT(fcvt_wu_s) FP_TO_INT(fcvt_l_s) FP_TO_INT(fcvt_lu_s)
FP_TO_INT(fcvt_w_d) FP_TO_INT(fcvt_wu_d) FP_TO_INT(fcvt_l_d) FP_TO_INT(fcvt_lu_d)
INT_TO_FP(fcvt_s_w) INT_TO_FP(fcvt_s_wu) INT_TO_FP(fcvt_s_l) INT_TO_FP(fcvt_s_lu)
INT_TO_FP(fcvt_d_w) INT_TO_FP(fcvt_d_wu) INT_TO_FP(fcvt_d_l) INT_TO_FP(fcvt_d_lu)
FP_UNOP_RM(fcvt_s_d) FP_UNOP_RM(fcvt_d_s)

TRANS(fclass_s)
{
    return gen_fp_to_int(ctx, &riscv_hlp_fclass_s, a->rd, F(a->rs1), NT, NT, false);
}

TRANS(fclass_d)
{
    return gen_fp_to_int(ctx, &riscv_hlp_fclass_d, a->rd, F(a->rs1), NT, NT, false);
}

TRANS(fmv_x_w)
{
    REQUIRE_FP();
    IrTemp t = tmp64(ctx);
    ir_unop(B, IR_EXT32S, IR_I64, t, F(a->rs1));
    gpr_set(ctx, a->rd, t);
    return true;
}

TRANS(fmv_w_x)
{
    REQUIRE_FP();
    IrTemp t = tmp64(ctx);
    ir_unop(B, IR_EXT32U, IR_I64, t, gpr_src(ctx, a->rs1));
    ir_binopi(B, IR_OR, IR_I64, t, t, NANBOX);
    set_fpr(ctx, a->rd, t);
    gen_set_fs_dirty(ctx);
    return true;
}

TRANS(fmv_x_d)
{
    REQUIRE_FP();
    gpr_set(ctx, a->rd, F(a->rs1));
    return true;
}

TRANS(fmv_d_x)
{
    REQUIRE_FP();
    set_fpr(ctx, a->rd, gpr_src(ctx, a->rs1));
    gen_set_fs_dirty(ctx);
    return true;
}
