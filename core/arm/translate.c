/*
 * core/arm/translate.c — the A64 front end's common part: globals, register and flag
 * access, memory and control-flow emitters, and the per-instruction callbacks of the
 * generic loop (core/translator.h).
 */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/arm/helper.h"
#include "core/arm/translate.h"
#include "core/tlb.h"

#define B (ctx->b)

/* Globals are registered in a fixed order on the vCPU's IrBlock the first time it is
 * used: pc, x0..x30, sp, nf, zf, cf, vf.  Their temp numbers are therefore fixed too. */
enum { G_PC = 0, G_X0 = 1, G_NF = 33, G_ZF, G_CF, G_VF };

static void bind_globals(DisasContext *ctx)
{
    static const char *const names[32] = {
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
        "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21",
        "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp"};
    IrBlock *b = ctx->b;
    if (b->nglobals == 0) {
        ir_block_reset(b, 0);
        ir_global(b, IR_I64, offsetof(CPUState, pc), "pc");
        for (int i = 0; i < 32; i++) {
            ir_global(b, IR_I64, (uint32_t)(offsetof(ArmCPU, x) + 8 * (size_t)i), names[i]);
        }
        ir_global(b, IR_I64, offsetof(ArmCPU, nf), "nf");
        ir_global(b, IR_I64, offsetof(ArmCPU, zf), "zf");
        ir_global(b, IR_I64, offsetof(ArmCPU, cf), "cf");
        ir_global(b, IR_I64, offsetof(ArmCPU, vf), "vf");
    }
    ctx->pc_g = G_PC;
    for (int i = 0; i < 32; i++) {
        ctx->x[i] = (IrTemp)(G_X0 + i);
    }
    ctx->nf = G_NF;
    ctx->zf = G_ZF;
    ctx->cf = G_CF;
    ctx->vf = G_VF;
}

/* ---- decode tables ---- */

static pthread_mutex_t arm_decode_lock = PTHREAD_MUTEX_INITIALIZER;

static Decoder *arm_decode_tree(ArmDecodeTable *t)
{
    if (__atomic_load_n(&t->once, __ATOMIC_ACQUIRE)) {
        return t->tree;
    }
    pthread_mutex_lock(&arm_decode_lock);
    if (!t->once) {
        DecodePattern lines[t->n];
        for (size_t i = 0; i < t->n; i++) {
            lines[i].mask = t->lines[i].mask;
            lines[i].match = t->lines[i].match;
        }
        t->tree = decoder_build(lines, t->n);
        __atomic_store_n(&t->once, 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&arm_decode_lock);
    return t->tree;
}

bool arm_decode_run(ArmDecodeTable *t, DisasContext *ctx, uint32_t insn)
{
    Decoder *d = arm_decode_tree(t);
    int32_t i;
    if (d) {
        i = decoder_lookup(d, insn);
    } else { /* out of memory when building: scan (same answer, slower) */
        for (i = 0; i < (int32_t)t->n && (insn & t->lines[i].mask) != t->lines[i].match; i++) {
        }
        if (i == (int32_t)t->n) {
            i = -1;
        }
    }
    return i >= 0 && t->lines[i].fn(ctx, insn);
}

/* ---- registers ---- */

IrTemp tmp64(DisasContext *ctx)
{
    return ir_temp(B, IR_I64);
}

IrTemp tmp32(DisasContext *ctx)
{
    return ir_temp(B, IR_I32);
}

IrTemp const64(DisasContext *ctx, uint64_t v)
{
    return ir_const(B, IR_I64, v);
}

IrTemp const32(DisasContext *ctx, uint32_t v)
{
    return ir_const(B, IR_I32, v);
}

IrTemp read_x(DisasContext *ctx, int r)
{
    return r == 31 ? const64(ctx, 0) : ctx->x[r];
}

IrTemp read_xsp(DisasContext *ctx, int r)
{
    return ctx->x[r];
}

IrTemp read_w(DisasContext *ctx, int r)
{
    if (r == 31) {
        return const32(ctx, 0);
    }
    IrTemp t = tmp32(ctx);
    ir_unop(B, IR_TRUNC, IR_I32, t, ctx->x[r]);
    return t;
}

void write_x(DisasContext *ctx, int r, IrTemp v)
{
    if (r != 31) {
        ir_mov(B, IR_I64, ctx->x[r], v);
    }
}

void write_xsp(DisasContext *ctx, int r, IrTemp v)
{
    ir_mov(B, IR_I64, ctx->x[r], v);
}

void write_w(DisasContext *ctx, int r, IrTemp v)
{
    if (r != 31) {
        ir_unop(B, IR_EXTI32U, IR_I64, ctx->x[r], v);
    }
}

void write_xw(DisasContext *ctx, int r, IrTemp v, bool sf)
{
    if (r == 31) {
        return;
    }
    if (sf) {
        ir_mov(B, IR_I64, ctx->x[r], v);
    } else {
        ir_unop(B, IR_EXT32U, IR_I64, ctx->x[r], v);
    }
}

void clear_vreg_high(DisasContext *ctx, int n)
{
    ir_st_env(B, IR_I64, const64(ctx, 0), vreg_offset(n) + 8, IR_MO_64);
}

/* ---- flags ---- */

void gen_flags_nz(DisasContext *ctx, IrTemp res, bool sf)
{
    if (sf) {
        ir_mov(B, IR_I64, ctx->nf, res);
    } else {
        ir_unop(B, IR_EXT32S, IR_I64, ctx->nf, res);
    }
    ir_mov(B, IR_I64, ctx->zf, ctx->nf);
}

IrTemp gen_add_cc(DisasContext *ctx, IrTemp a, IrTemp b, bool sf)
{
    IrTemp res = tmp64(ctx), t = tmp64(ctx);
    if (sf) {
        ir_binop(B, IR_ADD, IR_I64, res, a, b);
        ir_setcond(B, IR_I64, IR_COND_LTU, ctx->cf, res, a);
        /* V: the operands have the same sign and the result another one */
        ir_binop(B, IR_XOR, IR_I64, t, a, b);
        ir_binop(B, IR_XOR, IR_I64, ctx->vf, res, a);
        ir_binop(B, IR_ANDC, IR_I64, ctx->vf, ctx->vf, t);
        gen_flags_nz(ctx, res, true);
        return res;
    }
    IrTemp a32 = tmp64(ctx), b32 = tmp64(ctx);
    ir_unop(B, IR_EXT32U, IR_I64, a32, a);
    ir_unop(B, IR_EXT32U, IR_I64, b32, b);
    ir_binop(B, IR_ADD, IR_I64, res, a32, b32);
    ir_binopi(B, IR_SHR, IR_I64, ctx->cf, res, 32);
    ir_binop(B, IR_XOR, IR_I64, t, a32, b32);
    ir_binop(B, IR_XOR, IR_I64, ctx->vf, res, a32);
    ir_binop(B, IR_ANDC, IR_I64, ctx->vf, ctx->vf, t);
    ir_unop(B, IR_EXT32S, IR_I64, ctx->vf, ctx->vf);
    gen_flags_nz(ctx, res, false);
    ir_unop(B, IR_EXT32U, IR_I64, res, res);
    return res;
}

IrTemp gen_sub_cc(DisasContext *ctx, IrTemp a, IrTemp b, bool sf)
{
    IrTemp res = tmp64(ctx), t = tmp64(ctx);
    IrTemp aa = a, bb = b;
    if (!sf) {
        aa = tmp64(ctx);
        bb = tmp64(ctx);
        ir_unop(B, IR_EXT32U, IR_I64, aa, a);
        ir_unop(B, IR_EXT32U, IR_I64, bb, b);
    }
    ir_binop(B, IR_SUB, IR_I64, res, aa, bb);
    ir_setcond(B, IR_I64, IR_COND_GEU, ctx->cf, aa, bb); /* C = NOT borrow */
    /* V: the operands have different signs and the result the subtrahend's */
    ir_binop(B, IR_XOR, IR_I64, t, aa, bb);
    ir_binop(B, IR_XOR, IR_I64, ctx->vf, res, aa);
    ir_binop(B, IR_AND, IR_I64, ctx->vf, ctx->vf, t);
    if (!sf) {
        ir_unop(B, IR_EXT32S, IR_I64, ctx->vf, ctx->vf);
    }
    gen_flags_nz(ctx, res, sf);
    if (!sf) {
        ir_unop(B, IR_EXT32U, IR_I64, res, res);
    }
    return res;
}

IrTemp gen_adc(DisasContext *ctx, IrTemp a, IrTemp b, bool sf, bool set_flags)
{
    IrTemp res = tmp64(ctx);
    if (!sf) {
        IrTemp a32 = tmp64(ctx), b32 = tmp64(ctx);
        ir_unop(B, IR_EXT32U, IR_I64, a32, a);
        ir_unop(B, IR_EXT32U, IR_I64, b32, b);
        ir_binop(B, IR_ADD, IR_I64, res, a32, b32);
        ir_binop(B, IR_ADD, IR_I64, res, res, ctx->cf);
        if (set_flags) {
            IrTemp t = tmp64(ctx);
            ir_binopi(B, IR_SHR, IR_I64, ctx->cf, res, 32);
            ir_binop(B, IR_XOR, IR_I64, t, a32, b32);
            ir_binop(B, IR_XOR, IR_I64, ctx->vf, res, a32);
            ir_binop(B, IR_ANDC, IR_I64, ctx->vf, ctx->vf, t);
            ir_unop(B, IR_EXT32S, IR_I64, ctx->vf, ctx->vf);
            gen_flags_nz(ctx, res, false);
        }
        ir_unop(B, IR_EXT32U, IR_I64, res, res);
        return res;
    }
    IrTemp sum = tmp64(ctx);
    ir_binop(B, IR_ADD, IR_I64, sum, a, b);
    ir_binop(B, IR_ADD, IR_I64, res, sum, ctx->cf);
    if (set_flags) {
        /* carry out of a + b, or of (a + b) + C */
        IrTemp c1 = tmp64(ctx), c2 = tmp64(ctx), t = tmp64(ctx);
        ir_setcond(B, IR_I64, IR_COND_LTU, c1, sum, a);
        ir_setcond(B, IR_I64, IR_COND_LTU, c2, res, sum);
        ir_binop(B, IR_OR, IR_I64, ctx->cf, c1, c2);
        ir_binop(B, IR_XOR, IR_I64, t, a, b);
        ir_binop(B, IR_XOR, IR_I64, ctx->vf, res, a);
        ir_binop(B, IR_ANDC, IR_I64, ctx->vf, ctx->vf, t);
        gen_flags_nz(ctx, res, true);
    }
    return res;
}

IrTemp gen_cond(DisasContext *ctx, int cond)
{
    IrTemp r = tmp64(ctx);
    IrTemp zero = const64(ctx, 0);
    switch (cond >> 1) {
    case 0: /* EQ: Z */
        ir_setcond(B, IR_I64, IR_COND_EQ, r, ctx->zf, zero);
        break;
    case 1: /* CS: C */
        ir_mov(B, IR_I64, r, ctx->cf);
        break;
    case 2: /* MI: N */
        ir_setcond(B, IR_I64, IR_COND_LT, r, ctx->nf, zero);
        break;
    case 3: /* VS: V */
        ir_setcond(B, IR_I64, IR_COND_LT, r, ctx->vf, zero);
        break;
    case 4: { /* HI: C && !Z */
        IrTemp nz = tmp64(ctx);
        ir_setcond(B, IR_I64, IR_COND_NE, nz, ctx->zf, zero);
        ir_binop(B, IR_AND, IR_I64, r, nz, ctx->cf);
        break;
    }
    case 5: { /* GE: N == V */
        IrTemp t = tmp64(ctx);
        ir_binop(B, IR_XOR, IR_I64, t, ctx->nf, ctx->vf);
        ir_setcond(B, IR_I64, IR_COND_GE, r, t, zero);
        break;
    }
    case 6: { /* GT: !Z && N == V */
        IrTemp t = tmp64(ctx), nz = tmp64(ctx);
        ir_binop(B, IR_XOR, IR_I64, t, ctx->nf, ctx->vf);
        ir_setcond(B, IR_I64, IR_COND_GE, r, t, zero);
        ir_setcond(B, IR_I64, IR_COND_NE, nz, ctx->zf, zero);
        ir_binop(B, IR_AND, IR_I64, r, r, nz);
        break;
    }
    default: /* AL, NV: always */
        ir_movi(B, IR_I64, r, 1);
        return r;
    }
    if (cond & 1) {
        ir_binopi(B, IR_XOR, IR_I64, r, r, 1);
    }
    return r;
}

void gen_brcond_cc(DisasContext *ctx, int cond, IrLabel label)
{
    IrTemp zero = const64(ctx, 0);
    bool inv = cond & 1;
    switch (cond >> 1) {
    case 0:
        ir_brcond(B, IR_I64, inv ? IR_COND_NE : IR_COND_EQ, ctx->zf, zero, label);
        return;
    case 1:
        ir_brcond(B, IR_I64, inv ? IR_COND_EQ : IR_COND_NE, ctx->cf, zero, label);
        return;
    case 2:
        ir_brcond(B, IR_I64, inv ? IR_COND_GE : IR_COND_LT, ctx->nf, zero, label);
        return;
    case 3:
        ir_brcond(B, IR_I64, inv ? IR_COND_GE : IR_COND_LT, ctx->vf, zero, label);
        return;
    case 5: {
        IrTemp t = tmp64(ctx);
        ir_binop(B, IR_XOR, IR_I64, t, ctx->nf, ctx->vf);
        ir_brcond(B, IR_I64, inv ? IR_COND_LT : IR_COND_GE, t, zero, label);
        return;
    }
    case 7:
        ir_br(B, label);
        return;
    default:
        ir_brcond(B, IR_I64, IR_COND_NE, gen_cond(ctx, cond), zero, label);
        return;
    }
}

/* ---- memory ---- */

IrTemp gen_addr_clean(DisasContext *ctx, IrTemp addr)
{
    bool tbi0 = ctx->flags & ARM_TBF_TBI0, tbi1 = ctx->flags & ARM_TBF_TBI1;
    if (!tbi0 && !tbi1) {
        return addr;
    }
    IrTemp r = tmp64(ctx);
    if (tbi0 && tbi1) { /* bits 63:56 = bit 55 */
        ir_binopi(B, IR_SHL, IR_I64, r, addr, 8);
        ir_binopi(B, IR_SAR, IR_I64, r, r, 8);
        return r;
    }
    IrTemp bit55 = tmp64(ctx), t = tmp64(ctx);
    ir_binopi(B, IR_AND, IR_I64, bit55, addr, 1ull << 55);
    if (tbi0) { /* lower half: top byte cleared */
        ir_binopi(B, IR_AND, IR_I64, t, addr, 0x00ffffffffffffffull);
        ir_movcond(B, IR_I64, IR_COND_EQ, r, bit55, const64(ctx, 0), t, addr);
    } else { /* upper half: top byte set */
        ir_binopi(B, IR_OR, IR_I64, t, addr, 0xff00000000000000ull);
        ir_movcond(B, IR_I64, IR_COND_NE, r, bit55, const64(ctx, 0), t, addr);
    }
    return r;
}

void gen_check_sp_align(DisasContext *ctx, int rn)
{
    if (rn != 31 || !(ctx->flags & ARM_TBF_SA)) {
        return;
    }
    IrLabel ok = ir_label_new(B);
    IrTemp t = tmp64(ctx);
    ir_binopi(B, IR_AND, IR_I64, t, ctx->x[31], 15);
    ir_brcondi(B, IR_I64, IR_COND_EQ, t, 0, ok);
    gen_helper(ctx, &arm_hlp_raise_sync, IR_NO_TEMP, const64(ctx, (uint64_t)EC_SP_ALIGN << 26 | ESR_IL),
               IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_label(B, ok);
}

void gen_ld(DisasContext *ctx, IrType t, IrTemp val, IrTemp addr, unsigned memop, int mmu_idx)
{
    if (ctx->flags & ARM_TBF_ALIGN) {
        memop |= IR_MO_ALIGN;
    }
    ir_qemu_ld(B, t, val, addr, memop, (unsigned)mmu_idx, (uint32_t)(ctx->pc - ctx->tb_pc));
}

void gen_st(DisasContext *ctx, IrType t, IrTemp val, IrTemp addr, unsigned memop, int mmu_idx)
{
    if (ctx->flags & ARM_TBF_ALIGN) {
        memop |= IR_MO_ALIGN;
    }
    ir_qemu_st(B, t, val, addr, memop, (unsigned)mmu_idx, (uint32_t)(ctx->pc - ctx->tb_pc));
}

/* ---- control ---- */

void gen_sync_pc(DisasContext *ctx)
{
    ir_movi(B, IR_I64, ctx->pc_g, ctx->pc);
}

void gen_goto_pc(DisasContext *ctx, int slot, uint64_t dest)
{
    ir_movi(B, IR_I64, ctx->pc_g, dest);
    /* Chain only within the TB's own page: a chain must stay valid when the mapping of
     * another page changes (the jump cache, flushed with the TLB, covers the rest). */
    if ((dest & TLB_PAGE_MASK) == (ctx->tb_pc & TLB_PAGE_MASK)) {
        ir_goto_tb(B, slot);
    } else {
        ir_exit_tb(B);
    }
}

void gen_exit_lookup(DisasContext *ctx)
{
    ir_exit_tb(B);
}

void gen_branch_reg(DisasContext *ctx, IrTemp dest)
{
    ir_mov(B, IR_I64, ctx->pc_g, gen_addr_clean(ctx, dest));
    gen_exit_lookup(ctx);
    ctx->ended = true;
}

void gen_helper(DisasContext *ctx, const IrHelper *h, IrTemp out, IrTemp a0, IrTemp a1,
                IrTemp a2, IrTemp a3)
{
    if (h->flags & IR_CALL_MAY_RAISE) {
        gen_sync_pc(ctx);
    }
    ir_call(B, h, IR_I64, out, a0, a1, a2, a3);
}

void gen_exception_syndrome(DisasContext *ctx, uint32_t syndrome)
{
    gen_helper(ctx, &arm_hlp_raise_sync, IR_NO_TEMP, const64(ctx, syndrome), IR_NO_TEMP,
               IR_NO_TEMP, IR_NO_TEMP);
    /* not reached at run time (the helper raises); keeps the IR well-formed */
    gen_exit_lookup(ctx);
    ctx->ended = true;
}

bool gen_undef(DisasContext *ctx)
{
    gen_exception_syndrome(ctx, (uint32_t)EC_UNCATEGORIZED << 26 | ESR_IL);
    return true;
}

bool fp_access_check(DisasContext *ctx)
{
    if (ctx->fp_ok) {
        ctx->fp_checked = true;
        return true;
    }
    /* CPACR_EL1.FPEN trap: EC 0x07 with CV = 1 and COND = 0xe, as QEMU reports it */
    gen_exception_syndrome(ctx, (uint32_t)EC_FP_ACCESS << 26 | ESR_IL | 0x1e00000u);
    return false;
}

/* ---- the per-instruction callbacks of the generic loop (core/translator.h) ---- */

static void arm_init_disas_context(DisasBase *db, CPUState *cs)
{
    DisasContext *ctx = (DisasContext *)db;
    ArmCPU *cpu = arm_cpu(cs);
    ctx->cpu = cs;
    ctx->b = db->b;
    bind_globals(ctx);
    ctx->tb_pc = db->key.pc;
    ctx->flags = (uint32_t)db->key.flags;
    ctx->el = (int)(ctx->flags & ARM_TBF_EL_MASK);
    ctx->fp_ok = ctx->flags & ARM_TBF_FP;
    ctx->mem_idx = ctx->el == 0 ? ARM_MMU_EL0
                 : ctx->el == 1 ? ((ctx->flags & ARM_TBF_PAN) ? ARM_MMU_EL1_PAN : ARM_MMU_EL1)
                                : ARM_MMU_EL2;
    ctx->feat = &cpu->model->features;
    ctx->ended = false;
}

/* op0 (bits 28:25) -> encoding group (ARM ARM C4.1). */
static bool arm_decode_insn(DisasContext *ctx, uint32_t insn)
{
    switch ((insn >> 25) & 0xf) {
    case 0x8: case 0x9:
        return arm_trans_dp_imm(ctx, insn);
    case 0xa: case 0xb:
        return arm_trans_branch_sys(ctx, insn);
    case 0x4: case 0x6: case 0xc: case 0xe:
        return arm_trans_ldst(ctx, insn);
    case 0x5: case 0xd:
        return arm_trans_dp_reg(ctx, insn);
    case 0x7: case 0xf:
        if ((insn & 0x5e000000u) == 0x1e000000u) { /* 0x1e / 0x1f, bit 30 clear */
            return arm_trans_fp(ctx, insn);
        }
        return arm_trans_simd(ctx, insn);
    default: /* reserved (UDF), SME, SVE, unallocated */
        return false;
    }
}

static void arm_translate_insn(DisasBase *db, CPUState *cs)
{
    (void)cs;
    DisasContext *ctx = (DisasContext *)db;
    ctx->pc = db->pc_next;
    ctx->ended = false;
    ctx->fp_checked = false;
    if (ctx->pc & 3) {
        /* a branch to a misaligned address: the PC alignment fault is taken when the
         * instruction would be fetched */
        gen_helper(ctx, &arm_hlp_raise_pc_align, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP,
                   IR_NO_TEMP, IR_NO_TEMP);
        gen_exit_lookup(ctx);
        db->pc_next = ctx->pc + 4;
        db->is_jmp = DISAS_NORETURN;
        return;
    }
    uint32_t insn;
    if (!translator_fetch(db, ctx->pc, &insn, 4)) {
        return;
    }
    ctx->insn = insn;
    db->pc_next = ctx->pc + 4;
    if (ctx->flags & ARM_TBF_IL) {
        gen_exception_syndrome(ctx, (uint32_t)EC_ILLEGAL_STATE << 26 | ESR_IL);
    } else if (!arm_decode_insn(ctx, insn)) {
        gen_undef(ctx);
    }
    if (ctx->ended) {
        db->is_jmp = DISAS_NORETURN;
    }
}

static void arm_tb_stop(DisasBase *db, CPUState *cs)
{
    (void)cs;
    if (db->is_jmp == DISAS_TOO_MANY) {
        gen_goto_pc((DisasContext *)db, 0, db->pc_next);
    }
}

static void arm_fetch_not_ram(DisasBase *db, CPUState *cs, uint64_t vaddr)
{
    (void)db;
    arm_raise_insn_abort(arm_cpu(cs), vaddr, FSC_SYNC_EXTERNAL); /* executing device memory */
}

static const TranslatorOps arm_translator_ops = {
    .init_disas_context = arm_init_disas_context,
    .translate_insn = arm_translate_insn,
    .tb_stop = arm_tb_stop,
    .fetch_not_ram = arm_fetch_not_ram,
};

void arm_translate(CPUState *cs, void *irblock, const TBKey *key, uint32_t max_insns,
                   uint32_t *guest_size, uint32_t *insn_count)
{
    DisasContext ctx;
    memset(&ctx, 0, sizeof(ctx));
    translator_loop(&arm_translator_ops, &ctx.base, cs, irblock, key, max_insns, guest_size,
                    insn_count);
}
