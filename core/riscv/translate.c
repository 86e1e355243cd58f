/*
 * core/riscv/translate.c — the RISC-V front end: decode and emit IR for one instruction at
 * a time, driven by the generic loop (core/translator.h).
 */
#include <stddef.h>
#include <string.h>

#include "core/riscv/helper.h"
#include "core/riscv/translate.h"
#include "core/tlb.h"

static const char *const gpr_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
    "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
    "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
static const char *const fpr_names[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0",
    "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5",
    "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

/* Globals are registered in a fixed order on the vCPU's IrBlock the first time it is
 * used: pc, x1..x31, f0..f31.  Their temp numbers are therefore fixed too. */
static void bind_globals(DisasContext *ctx)
{
    IrBlock *b = ctx->b;
    if (b->nglobals == 0) {
        ir_block_reset(b, 0);
        ir_global(b, IR_I64, offsetof(CPUState, pc), "pc");
        for (int i = 1; i < 32; i++) {
            ir_global(b, IR_I64, (uint32_t)offsetof(RiscvCPU, gpr[i]), gpr_names[i]);
        }
        for (int i = 0; i < 32; i++) {
            ir_global(b, IR_I64, (uint32_t)offsetof(RiscvCPU, fpr[i]), fpr_names[i]);
        }
    }
    ctx->pc_g = 0;
    ctx->x[0] = IR_NO_TEMP;
    for (int i = 1; i < 32; i++) {
        ctx->x[i] = (IrTemp)i;
    }
    for (int i = 0; i < 32; i++) {
        ctx->f[i] = (IrTemp)(32 + i);
    }
}

IrTemp tmp64(DisasContext *ctx)
{
    return ir_temp(ctx->b, IR_I64);
}

IrTemp tmp32(DisasContext *ctx)
{
    return ir_temp(ctx->b, IR_I32);
}

IrTemp const64(DisasContext *ctx, uint64_t v)
{
    return ir_const(ctx->b, IR_I64, v);
}

IrTemp gpr_src(DisasContext *ctx, int r)
{
    return r == 0 ? const64(ctx, 0) : ctx->x[r];
}

void gpr_set(DisasContext *ctx, int r, IrTemp v)
{
    if (r != 0) {
        ir_mov(ctx->b, IR_I64, ctx->x[r], v);
    }
}

void gen_sync_pc(DisasContext *ctx)
{
    ir_movi(ctx->b, IR_I64, ctx->pc_g, ctx->pc);
}

void gen_goto_pc(DisasContext *ctx, int slot, uint64_t dest)
{
    ir_movi(ctx->b, IR_I64, ctx->pc_g, dest);
    /* Chain only within the TB's own page: a chain must stay valid when the mapping of
     * another page changes (the jump cache, flushed with the TLB, covers the rest). */
    if ((dest & TLB_PAGE_MASK) == (ctx->tb_pc & TLB_PAGE_MASK)) {
        ir_goto_tb(ctx->b, slot);
    } else {
        ir_exit_tb(ctx->b);
    }
}

void gen_exit_lookup(DisasContext *ctx)
{
    ir_exit_tb(ctx->b);
}

void gen_helper(DisasContext *ctx, const IrHelper *h, IrTemp out, IrTemp a0, IrTemp a1,
                IrTemp a2, IrTemp a3)
{
    if (h->flags & IR_CALL_MAY_RAISE) {
        gen_sync_pc(ctx);
    }
    ir_call(ctx->b, h, IR_I64, out, a0, a1, a2, a3);
}

void gen_exception(DisasContext *ctx, int cause)
{
    gen_helper(ctx, &riscv_hlp_raise, IR_NO_TEMP, const64(ctx, (uint64_t)cause), IR_NO_TEMP,
               IR_NO_TEMP, IR_NO_TEMP);
    /* not reached at run time (the helper raises); keeps the IR well-formed */
    gen_exit_lookup(ctx);
    ctx->ended = true;
}

void gen_set_fs_dirty(DisasContext *ctx)
{
    if (ctx->fs != 3) {
        IrTemp t = tmp64(ctx);
        ir_ld_env(ctx->b, IR_I64, t, offsetof(RiscvCPU, mstatus), IR_MO_64);
        ir_binopi(ctx->b, IR_OR, IR_I64, t, t, MSTATUS_FS | MSTATUS_SD);
        ir_st_env(ctx->b, IR_I64, t, offsetof(RiscvCPU, mstatus), IR_MO_64);
        ctx->fs = 3; /* once per TB is enough */
    }
}

TRANS(illegal)
{
    (void)a;
    gen_exception(ctx, EXCP_ILLEGAL_INSN);
    return true;
}

/* ---- the per-instruction callbacks of the generic loop (core/translator.h) ---- */

static void riscv_init_disas_context(DisasBase *db, CPUState *cs)
{
    DisasContext *ctx = (DisasContext *)db;
    ctx->cpu = cs;
    ctx->b = db->b;
    bind_globals(ctx);
    ctx->tb_pc = db->key.pc;
    ctx->flags = (uint32_t)db->key.flags;
    ctx->priv = (int)(ctx->flags & TB_FLAG_PRIV_MASK);
    ctx->fs = (int)((ctx->flags & TB_FLAG_FS_MASK) >> TB_FLAG_FS_SHIFT);
    ctx->mem_idx = (int)cs->arch->mmu_index(cs, false);
    ctx->ended = false;
}

static void riscv_translate_insn(DisasBase *db, CPUState *cs)
{
    (void)cs;
    DisasContext *ctx = (DisasContext *)db;
    uint16_t lo, hi = 0;
    ctx->pc = db->pc_next;
    if (!translator_fetch(db, ctx->pc, &lo, 2)) {
        return;
    }
    uint32_t insn = lo;
    ctx->ilen = 2;
    if ((lo & 3) == 3) {
        /* a fault on the second half: mepc is the instruction, mtval (set by the fault)
         * the half that faulted */
        if (!translator_fetch(db, ctx->pc + 2, &hi, 2)) {
            return;
        }
        insn |= (uint32_t)hi << 16;
        ctx->ilen = 4;
    }
    ctx->insn = insn;
    ctx->insn_index = db->num_insns;
    ctx->pc_next = ctx->pc + (uint64_t)ctx->ilen;
    ctx->ended = false;

    RiscvArgs args;
    TransFn fn = riscv_decode(insn, ctx->ilen, &args, NULL);
    if (!fn || !fn(ctx, &args)) {
        trans_illegal(ctx, &args);
    }
    db->pc_next = ctx->pc_next;
    if (ctx->ended) {
        db->is_jmp = DISAS_NORETURN;
    }
}

static void riscv_tb_stop(DisasBase *db, CPUState *cs)
{
    (void)cs;
    if (db->is_jmp == DISAS_TOO_MANY) {
        gen_goto_pc((DisasContext *)db, 0, db->pc_next);
    }
}

static void riscv_fetch_not_ram(DisasBase *db, CPUState *cs, uint64_t vaddr)
{
    (void)db;
    cpu_raise(cs, EXCP_INSN_ACCESS, vaddr); /* executing device memory */
}

static const TranslatorOps riscv_translator_ops = {
    .init_disas_context = riscv_init_disas_context,
    .translate_insn = riscv_translate_insn,
    .tb_stop = riscv_tb_stop,
    .fetch_not_ram = riscv_fetch_not_ram,
};

void riscv_translate(CPUState *cs, void *irblock, const TBKey *key, uint32_t max_insns,
                     uint32_t *guest_size, uint32_t *insn_count)
{
    DisasContext ctx;
    memset(&ctx, 0, sizeof(ctx));
    translator_loop(&riscv_translator_ops, &ctx.base, cs, irblock, key, max_insns,
                    guest_size, insn_count);
}
