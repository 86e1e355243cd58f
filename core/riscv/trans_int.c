/*
 * core/riscv/trans_int.c — RV64I and M: integer computation, loads/stores, branches.
 */
#include "core/riscv/helper.h"
#include "core/riscv/translate.h"

#define B (ctx->b)

/* Single-op instructions write their destination register directly: an IR op reads its
 * inputs before it writes its output, so rd may equal a source.  Writes to x0 vanish. */
static bool gen_arith(DisasContext *ctx, const RiscvArgs *a, IrOpc opc)
{
    if (a->rd != 0) {
        ir_binop(B, opc, IR_I64, ctx->x[a->rd], gpr_src(ctx, a->rs1), gpr_src(ctx, a->rs2));
    }
    return true;
}

static bool gen_arith_imm(DisasContext *ctx, const RiscvArgs *a, IrOpc opc)
{
    if (a->rd != 0) {
        ir_binopi(B, opc, IR_I64, ctx->x[a->rd], gpr_src(ctx, a->rs1), (uint64_t)a->imm);
    }
    return true;
}

/* 32-bit ("W") operation: compute in I32, sign-extend the result to 64 bits. */
static bool gen_arith_w(DisasContext *ctx, const RiscvArgs *a, IrOpc opc, bool imm)
{
    IrTemp x = tmp32(ctx), y = tmp32(ctx), r = tmp32(ctx), t = tmp64(ctx);
    ir_unop(B, IR_TRUNC, IR_I32, x, gpr_src(ctx, a->rs1));
    if (imm) {
        ir_binopi(B, opc, IR_I32, r, x, (uint64_t)a->imm & 0xffffffffu);
    } else {
        ir_unop(B, IR_TRUNC, IR_I32, y, gpr_src(ctx, a->rs2));
        ir_binop(B, opc, IR_I32, r, x, y);
    }
    ir_unop(B, IR_EXTI32S, IR_I64, t, r);
    gpr_set(ctx, a->rd, t);
    return true;
}

TRANS(lui)
{
    gpr_set(ctx, a->rd, const64(ctx, (uint64_t)a->imm));
    return true;
}

TRANS(auipc)
{
    gpr_set(ctx, a->rd, const64(ctx, ctx->pc + (uint64_t)a->imm));
    return true;
}

TRANS(jal)
{
    gpr_set(ctx, a->rd, const64(ctx, ctx->pc_next));
    gen_goto_pc(ctx, 0, ctx->pc + (uint64_t)a->imm);
    ctx->ended = true;
    return true;
}

TRANS(jalr)
{
    IrTemp t = tmp64(ctx);
    ir_binopi(B, IR_ADD, IR_I64, t, gpr_src(ctx, a->rs1), (uint64_t)a->imm);
    ir_binopi(B, IR_AND, IR_I64, t, t, ~1ull);
    gpr_set(ctx, a->rd, const64(ctx, ctx->pc_next)); /* after reading rs1: rd may be rs1 */
    ir_mov(B, IR_I64, ctx->pc_g, t);
    gen_exit_lookup(ctx);
    ctx->ended = true;
    return true;
}

static bool gen_branch(DisasContext *ctx, const RiscvArgs *a, IrCond cond)
{
    IrLabel taken = ir_label_new(B);
    ir_brcond(B, IR_I64, cond, gpr_src(ctx, a->rs1), gpr_src(ctx, a->rs2), taken);
    gen_goto_pc(ctx, 1, ctx->pc_next);
    ir_label(B, taken);
    gen_goto_pc(ctx, 0, ctx->pc + (uint64_t)a->imm);
    ctx->ended = true;
    return true;
}

TRANS(beq) { return gen_branch(ctx, a, IR_COND_EQ); }
TRANS(bne) { return gen_branch(ctx, a, IR_COND_NE); }
TRANS(blt) { return gen_branch(ctx, a, IR_COND_LT); }
TRANS(bge) { return gen_branch(ctx, a, IR_COND_GE); }
TRANS(bltu) { return gen_branch(ctx, a, IR_COND_LTU); }
TRANS(bgeu) { return gen_branch(ctx, a, IR_COND_GEU); }

static IrTemp gen_addr(DisasContext *ctx, const RiscvArgs *a)
{
    if (a->imm == 0) {
        return gpr_src(ctx, a->rs1);
    }
    IrTemp t = tmp64(ctx);
    ir_binopi(B, IR_ADD, IR_I64, t, gpr_src(ctx, a->rs1), (uint64_t)a->imm);
    return t;
}

static bool gen_load(DisasContext *ctx, const RiscvArgs *a, unsigned memop)
{
    IrTemp addr = gen_addr(ctx, a);
    /* a load into x0 still accesses memory (and may fault) */
    IrTemp v = a->rd != 0 ? ctx->x[a->rd] : tmp64(ctx);
    ir_qemu_ld(B, IR_I64, v, addr, memop, (unsigned)ctx->mem_idx,
               (uint32_t)(ctx->pc - ctx->tb_pc));
    return true;
}

static bool gen_store(DisasContext *ctx, const RiscvArgs *a, unsigned memop)
{
    IrTemp addr = gen_addr(ctx, a);
    ir_qemu_st(B, IR_I64, gpr_src(ctx, a->rs2), addr, memop, (unsigned)ctx->mem_idx,
               (uint32_t)(ctx->pc - ctx->tb_pc));
    return true;
}

TRANS(lb) { return gen_load(ctx, a, IR_MO_8 | IR_MO_SIGN); }
TRANS(lh) { return gen_load(ctx, a, IR_MO_16 | IR_MO_SIGN); }
TRANS(lw) { return gen_load(ctx, a, IR_MO_32 | IR_MO_SIGN); }
TRANS(ld) { return gen_load(ctx, a, IR_MO_64); }
TRANS(lbu) { return gen_load(ctx, a, IR_MO_8); }
TRANS(lhu) { return gen_load(ctx, a, IR_MO_16); }
TRANS(lwu) { return gen_load(ctx, a, IR_MO_32); }
TRANS(sb) { return gen_store(ctx, a, IR_MO_8); }
TRANS(sh) { return gen_store(ctx, a, IR_MO_16); }
TRANS(sw) { return gen_store(ctx, a, IR_MO_32); }
TRANS(sd) { return gen_store(ctx, a, IR_MO_64); }

TRANS(addi) { return gen_arith_imm(ctx, a, IR_ADD); }
TRANS(xori) { return gen_arith_imm(ctx, a, IR_XOR); }
TRANS(ori) { return gen_arith_imm(ctx, a, IR_OR); }
TRANS(andi) { return gen_arith_imm(ctx, a, IR_AND); }

static bool gen_setcond_imm(DisasContext *ctx, const RiscvArgs *a, IrCond c)
{
    if (a->rd != 0) {
        ir_setcond(B, IR_I64, c, ctx->x[a->rd], gpr_src(ctx, a->rs1),
                   const64(ctx, (uint64_t)a->imm));
    }
    return true;
}

TRANS(slti) { return gen_setcond_imm(ctx, a, IR_COND_LT); }
TRANS(sltiu) { return gen_setcond_imm(ctx, a, IR_COND_LTU); }

static bool gen_shift_imm(DisasContext *ctx, const RiscvArgs *a, IrOpc opc)
{
    RiscvArgs s = *a;
    s.imm &= 63; /* decode matched funct6: the immediate holds only the shift amount */
    return gen_arith_imm(ctx, &s, opc);
}

TRANS(slli) { return gen_shift_imm(ctx, a, IR_SHL); }
TRANS(srli) { return gen_shift_imm(ctx, a, IR_SHR); }
TRANS(srai) { return gen_shift_imm(ctx, a, IR_SAR); }

TRANS(addiw) { return gen_arith_w(ctx, a, IR_ADD, true); }

static bool gen_shift_imm_w(DisasContext *ctx, const RiscvArgs *a, IrOpc opc)
{
    RiscvArgs s = *a;
    s.imm &= 31;
    return gen_arith_w(ctx, &s, opc, true);
}

TRANS(slliw) { return gen_shift_imm_w(ctx, a, IR_SHL); }
TRANS(srliw) { return gen_shift_imm_w(ctx, a, IR_SHR); }
TRANS(sraiw) { return gen_shift_imm_w(ctx, a, IR_SAR); }

TRANS(add) { return gen_arith(ctx, a, IR_ADD); }
TRANS(sub) { return gen_arith(ctx, a, IR_SUB); }
TRANS(sll) { return gen_arith(ctx, a, IR_SHL); }
TRANS(srl) { return gen_arith(ctx, a, IR_SHR); }
TRANS(sra) { return gen_arith(ctx, a, IR_SAR); }
TRANS(xor) { return gen_arith(ctx, a, IR_XOR); }
TRANS(or) { return gen_arith(ctx, a, IR_OR); }
TRANS(and) { return gen_arith(ctx, a, IR_AND); }

static bool gen_setcond(DisasContext *ctx, const RiscvArgs *a, IrCond c)
{
    if (a->rd != 0) {
        ir_setcond(B, IR_I64, c, ctx->x[a->rd], gpr_src(ctx, a->rs1), gpr_src(ctx, a->rs2));
    }
    return true;
}

TRANS(slt) { return gen_setcond(ctx, a, IR_COND_LT); }
TRANS(sltu) { return gen_setcond(ctx, a, IR_COND_LTU); }

TRANS(addw) { return gen_arith_w(ctx, a, IR_ADD, false); }
TRANS(subw) { return gen_arith_w(ctx, a, IR_SUB, false); }
TRANS(sllw) { return gen_arith_w(ctx, a, IR_SHL, false); }
TRANS(srlw) { return gen_arith_w(ctx, a, IR_SHR, false); }
TRANS(sraw) { return gen_arith_w(ctx, a, IR_SAR, false); }

/*
 * M extension division.  RISC-V's results where no quotient exists (spec table
 * "Semantics for division by zero and division overflow"): x/0 = all ones (signed and
 * unsigned), x%0 = x, MIN/-1 = MIN, MIN%-1 = 0.  The IR defines all but the first the
 * same way (tcg/ir.h "Division": its x/0 is 0), so only div/divu(w) need a guard: a
 * movcond on the divisor.  The quotient goes to a scratch temp first, so rd == rs2 works.
 * The W forms compute in 32 bits; all ones sign-extends to all ones.
 */
static bool gen_div(DisasContext *ctx, const RiscvArgs *a, IrOpc opc)
{
    IrTemp y = gpr_src(ctx, a->rs2), q = tmp64(ctx), r = tmp64(ctx);
    ir_binop(B, opc, IR_I64, q, gpr_src(ctx, a->rs1), y);
    ir_movcond(B, IR_I64, IR_COND_EQ, r, y, const64(ctx, 0), const64(ctx, UINT64_MAX), q);
    gpr_set(ctx, a->rd, r);
    return true;
}

static bool gen_div_w(DisasContext *ctx, const RiscvArgs *a, IrOpc opc)
{
    IrTemp x = tmp32(ctx), y = tmp32(ctx), q = tmp32(ctx), r = tmp32(ctx), t = tmp64(ctx);
    ir_unop(B, IR_TRUNC, IR_I32, x, gpr_src(ctx, a->rs1));
    ir_unop(B, IR_TRUNC, IR_I32, y, gpr_src(ctx, a->rs2));
    ir_binop(B, opc, IR_I32, q, x, y);
    ir_movcond(B, IR_I32, IR_COND_EQ, r, y, ir_const(B, IR_I32, 0),
               ir_const(B, IR_I32, UINT32_MAX), q);
    ir_unop(B, IR_EXTI32S, IR_I64, t, r);
    gpr_set(ctx, a->rd, t);
    return true;
}

TRANS(mul) { return gen_arith(ctx, a, IR_MUL); }
TRANS(mulh) { return gen_arith(ctx, a, IR_MULSH); }
TRANS(mulhsu) { return gen_arith(ctx, a, IR_MULSUH); }
TRANS(mulhu) { return gen_arith(ctx, a, IR_MULUH); }
TRANS(div) { return gen_div(ctx, a, IR_DIV); }
TRANS(divu) { return gen_div(ctx, a, IR_DIVU); }
TRANS(rem) { return gen_arith(ctx, a, IR_REM); }
TRANS(remu) { return gen_arith(ctx, a, IR_REMU); }
TRANS(mulw) { return gen_arith_w(ctx, a, IR_MUL, false); }
TRANS(divw) { return gen_div_w(ctx, a, IR_DIV); }
TRANS(divuw) { return gen_div_w(ctx, a, IR_DIVU); }
TRANS(remw) { return gen_arith_w(ctx, a, IR_REM, false); }
TRANS(remuw) { return gen_arith_w(ctx, a, IR_REMU, false); }

/* ---- system ---- */

TRANS(fence)
{
    (void)a;
    ir_fence(B);
    return true;
}

TRANS(fence_i)
{
    (void)a;
    /* Guest stores to code pages already invalidated their TBs (core/tlb.c); ending
     * this TB makes the next instruction be fetched and translated afresh. */
    gen_goto_pc(ctx, 0, ctx->pc_next);
    ctx->ended = true;
    return true;
}

TRANS(ecall)
{
    (void)a;
    int cause = ctx->priv == PRV_M ? EXCP_ECALL_M
              : ctx->priv == PRV_S ? EXCP_ECALL_S
                                   : EXCP_ECALL_U;
    gen_exception(ctx, cause);
    return true;
}

TRANS(ebreak)
{
    (void)a;
    gen_exception(ctx, EXCP_BREAKPOINT);
    return true;
}

static bool gen_xret(DisasContext *ctx, const IrHelper *h)
{
    gen_helper(ctx, h, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    gen_exit_lookup(ctx); /* the helper set pc and the privilege level */
    ctx->ended = true;
    return true;
}

TRANS(mret)
{
    (void)a;
    if (ctx->priv < PRV_M) {
        return false;
    }
    return gen_xret(ctx, &riscv_hlp_mret);
}

TRANS(sret)
{
    (void)a;
    if (ctx->priv < PRV_S) {
        return false;
    }
    return gen_xret(ctx, &riscv_hlp_sret);
}

TRANS(wfi)
{
    (void)a;
    gen_helper(ctx, &riscv_hlp_wfi, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP,
               IR_NO_TEMP);
    gen_goto_pc(ctx, 0, ctx->pc_next);
    ctx->ended = true;
    return true;
}

TRANS(sfence_vma)
{
    if (ctx->priv < PRV_S || a->rd != 0) {
        return false;
    }
    gen_helper(ctx, &riscv_hlp_sfence_vma, IR_NO_TEMP, gpr_src(ctx, a->rs1),
               gpr_src(ctx, a->rs2), IR_NO_TEMP, IR_NO_TEMP);
    gen_goto_pc(ctx, 0, ctx->pc_next);
    ctx->ended = true;
    return true;
}

/* CSR instructions: one helper does the access checks and the read-modify-write.  The
 * TB ends after any CSR write, since it may change state baked into translated code. */
static bool gen_csr(DisasContext *ctx, const RiscvArgs *a, int op, bool imm_form)
{
    bool writes = op == CSR_OP_RW || (imm_form ? a->imm != 0 : a->rs1 != 0);
    IrTemp src = imm_form ? const64(ctx, (uint64_t)a->imm) : gpr_src(ctx, a->rs1);
    IrTemp old = tmp64(ctx);
    /* The third argument is the instruction's index in the TB: counters read mid-TB
     * add it to the count retired by earlier TBs. */
    gen_helper(ctx, &riscv_hlp_csr, old, const64(ctx, CSR_ARG(a->csr, op, writes)), src,
               const64(ctx, ctx->insn_index), IR_NO_TEMP);
    gpr_set(ctx, a->rd, old);
    if (writes) {
        ir_movi(B, IR_I64, ctx->pc_g, ctx->pc_next);
        gen_exit_lookup(ctx);
        ctx->ended = true;
    }
    return true;
}

TRANS(csrrw) { return gen_csr(ctx, a, CSR_OP_RW, false); }
TRANS(csrrs) { return gen_csr(ctx, a, CSR_OP_RS, false); }
TRANS(csrrc) { return gen_csr(ctx, a, CSR_OP_RC, false); }
TRANS(csrrwi) { return gen_csr(ctx, a, CSR_OP_RW, true); }
TRANS(csrrsi) { return gen_csr(ctx, a, CSR_OP_RS, true); }
TRANS(csrrci) { return gen_csr(ctx, a, CSR_OP_RC, true); }

/* ---- A extension ---- */

static bool gen_amo(DisasContext *ctx, const RiscvArgs *a, int op, int size)
{
    IrTemp old = tmp64(ctx);
    gen_helper(ctx, &riscv_hlp_amo, old, gpr_src(ctx, a->rs1), gpr_src(ctx, a->rs2),
               const64(ctx, (uint64_t)((op << 2) | size)), IR_NO_TEMP);
    gpr_set(ctx, a->rd, old);
    return true;
}

TRANS(amoswap_w) { return gen_amo(ctx, a, AMO_SWAP, 2); }
TRANS(amoadd_w) { return gen_amo(ctx, a, AMO_ADD, 2); }
TRANS(amoxor_w) { return gen_amo(ctx, a, AMO_XOR, 2); }
TRANS(amoand_w) { return gen_amo(ctx, a, AMO_AND, 2); }
TRANS(amoor_w) { return gen_amo(ctx, a, AMO_OR, 2); }
TRANS(amomin_w) { return gen_amo(ctx, a, AMO_MIN, 2); }
TRANS(amomax_w) { return gen_amo(ctx, a, AMO_MAX, 2); }
TRANS(amominu_w) { return gen_amo(ctx, a, AMO_MINU, 2); }
TRANS(amomaxu_w) { return gen_amo(ctx, a, AMO_MAXU, 2); }
TRANS(amoswap_d) { return gen_amo(ctx, a, AMO_SWAP, 3); }
TRANS(amoadd_d) { return gen_amo(ctx, a, AMO_ADD, 3); }
TRANS(amoxor_d) { return gen_amo(ctx, a, AMO_XOR, 3); }
TRANS(amoand_d) { return gen_amo(ctx, a, AMO_AND, 3); }
TRANS(amoor_d) { return gen_amo(ctx, a, AMO_OR, 3); }
TRANS(amomin_d) { return gen_amo(ctx, a, AMO_MIN, 3); }
TRANS(amomax_d) { return gen_amo(ctx, a, AMO_MAX, 3); }
TRANS(amominu_d) { return gen_amo(ctx, a, AMO_MINU, 3); }
TRANS(amomaxu_d) { return gen_amo(ctx, a, AMO_MAXU, 3); }

static bool gen_lr(DisasContext *ctx, const RiscvArgs *a, int size)
{
    IrTemp v = tmp64(ctx);
    gen_helper(ctx, &riscv_hlp_lr, v, gpr_src(ctx, a->rs1), const64(ctx, (uint64_t)size),
               IR_NO_TEMP, IR_NO_TEMP);
    gpr_set(ctx, a->rd, v);
    return true;
}

static bool gen_sc(DisasContext *ctx, const RiscvArgs *a, int size)
{
    IrTemp r = tmp64(ctx);
    gen_helper(ctx, &riscv_hlp_sc, r, gpr_src(ctx, a->rs1), gpr_src(ctx, a->rs2),
               const64(ctx, (uint64_t)size), IR_NO_TEMP);
    gpr_set(ctx, a->rd, r);
    return true;
}

TRANS(lr_w) { return gen_lr(ctx, a, 2); }
TRANS(lr_d) { return gen_lr(ctx, a, 3); }
TRANS(sc_w) { return gen_sc(ctx, a, 2); }
TRANS(sc_d) { return gen_sc(ctx, a, 3); }
