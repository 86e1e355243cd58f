/*
 * core/arm/trans_branch.c — A64 "branches, exception generating and system instructions"
 * (op0 = 101x, ARM ARM C4.1.65): B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR/BLR/RET, ERET,
 * SVC/HVC/SMC/BRK/HLT, hints, barriers, CLREX, MSR (immediate), MSR/MRS, SYS.
 */
#include "core/arm/helper.h"
#include "core/arm/translate.h"

#define B (ctx->b)

static uint64_t next_pc(DisasContext *ctx)
{
    return ctx->pc + 4;
}

/* End the TB after an instruction that may have changed state the TB key or interrupt
 * masking depend on: continue at the next instruction through a lookup. */
static void end_tb_next(DisasContext *ctx)
{
    ir_movi(B, IR_I64, ctx->pc_g, next_pc(ctx));
    gen_exit_lookup(ctx);
    ctx->ended = true;
}

static bool trans_b(DisasContext *ctx, uint32_t insn)
{
    uint64_t dest = ctx->pc + (uint64_t)((int64_t)sbits(insn, 0, 26) * 4);
    if (insn & (1u << 31)) { /* BL */
        write_x(ctx, 30, const64(ctx, next_pc(ctx)));
    }
    gen_goto_pc(ctx, 0, dest);
    ctx->ended = true;
    return true;
}

static bool trans_b_cond(DisasContext *ctx, uint32_t insn)
{
    uint64_t dest = ctx->pc + (uint64_t)((int64_t)sbits(insn, 5, 19) * 4);
    int cond = (int)bits(insn, 0, 4);
    if (cond >= 14) {
        gen_goto_pc(ctx, 0, dest);
    } else {
        IrLabel taken = ir_label_new(B);
        gen_brcond_cc(ctx, cond, taken);
        gen_goto_pc(ctx, 1, next_pc(ctx));
        ir_label(B, taken);
        gen_goto_pc(ctx, 0, dest);
    }
    ctx->ended = true;
    return true;
}

static bool trans_cbz(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31, nz = (insn >> 24) & 1;
    int rt = (int)bits(insn, 0, 5);
    uint64_t dest = ctx->pc + (uint64_t)((int64_t)sbits(insn, 5, 19) * 4);
    IrTemp v = read_x(ctx, rt);
    if (!sf) {
        IrTemp t = tmp64(ctx);
        ir_unop(B, IR_EXT32U, IR_I64, t, v);
        v = t;
    }
    IrLabel taken = ir_label_new(B);
    ir_brcondi(B, IR_I64, nz ? IR_COND_NE : IR_COND_EQ, v, 0, taken);
    gen_goto_pc(ctx, 1, next_pc(ctx));
    ir_label(B, taken);
    gen_goto_pc(ctx, 0, dest);
    ctx->ended = true;
    return true;
}

static bool trans_tbz(DisasContext *ctx, uint32_t insn)
{
    bool nz = (insn >> 24) & 1;
    int rt = (int)bits(insn, 0, 5);
    unsigned bit = (bits(insn, 31, 1) << 5) | bits(insn, 19, 5);
    uint64_t dest = ctx->pc + (uint64_t)((int64_t)sbits(insn, 5, 14) * 4);
    IrTemp t = tmp64(ctx);
    ir_binopi(B, IR_AND, IR_I64, t, read_x(ctx, rt), 1ull << bit);
    IrLabel taken = ir_label_new(B);
    ir_brcondi(B, IR_I64, nz ? IR_COND_NE : IR_COND_EQ, t, 0, taken);
    gen_goto_pc(ctx, 1, next_pc(ctx));
    ir_label(B, taken);
    gen_goto_pc(ctx, 0, dest);
    ctx->ended = true;
    return true;
}

/* BR, BLR, RET (op3 = 0, op4 = 0: the forms without pointer authentication). */
static bool trans_br(DisasContext *ctx, uint32_t insn)
{
    unsigned opc = bits(insn, 21, 4);
    int rn = (int)bits(insn, 5, 5);
    if (opc > 2 || bits(insn, 10, 6) != 0 || bits(insn, 0, 5) != 0) {
        return false;
    }
    IrTemp dest = tmp64(ctx);
    ir_mov(B, IR_I64, dest, read_x(ctx, rn)); /* before BLR writes x30 (rn may be 30) */
    if (opc == 1) {
        write_x(ctx, 30, const64(ctx, next_pc(ctx)));
    }
    gen_branch_reg(ctx, dest);
    return true;
}

static bool trans_eret(DisasContext *ctx, uint32_t insn)
{
    if (bits(insn, 0, 5) != 0 || bits(insn, 10, 6) != 0 || ctx->el == 0) {
        return false; /* ERET at EL0 is UNDEFINED */
    }
    gen_helper(ctx, &arm_hlp_eret, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    gen_exit_lookup(ctx);
    ctx->ended = true;
    return true;
}

/* SVC, HVC, SMC, BRK, HLT (DCPS1-3 are UNDEFINED outside Debug state). */
static bool trans_exception(DisasContext *ctx, uint32_t insn)
{
    unsigned opc = bits(insn, 21, 3), ll = bits(insn, 0, 2);
    IrTemp imm = const64(ctx, bits(insn, 5, 16));
    if (bits(insn, 2, 3) != 0) {
        return false;
    }
    const IrHelper *h;
    bool returns = false;
    switch (opc << 2 | ll) {
    case 0x01: h = &arm_hlp_svc; break;
    case 0x02: h = &arm_hlp_hvc; returns = true; break; /* a PSCI call returns */
    case 0x03: h = &arm_hlp_smc; break;
    case 0x04: h = &arm_hlp_brk; break;
    case 0x08: h = &arm_hlp_hlt; returns = true; break; /* semihosting returns */
    default:
        return false;
    }
    if (opc == 0 && ll == 2 && ctx->el == 0) {
        return false; /* HVC at EL0 is UNDEFINED */
    }
    gen_helper(ctx, h, IR_NO_TEMP, imm, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    if (returns) {
        end_tb_next(ctx);
    } else {
        gen_exit_lookup(ctx); /* not reached: the helper raised */
        ctx->ended = true;
    }
    return true;
}

/* HINT space (CRm:op2): NOP, YIELD, WFE, WFI, SEV, SEVL and every other hint — the
 * PAC, BTI, ESB, CSDB ... hints of later architectures execute as NOPs, as on a CPU
 * without those features. */
static bool trans_hint(DisasContext *ctx, uint32_t insn)
{
    unsigned op = bits(insn, 5, 7);
    switch (op) {
    case 2: /* WFE */
    case 3: /* WFI */
        gen_helper(ctx, &arm_hlp_wfi, IR_NO_TEMP, const64(ctx, op == 2), IR_NO_TEMP, IR_NO_TEMP,
                   IR_NO_TEMP);
        end_tb_next(ctx);
        return true;
    case 1: /* YIELD: let the exec loop look at other work */
        end_tb_next(ctx);
        return true;
    default:
        return true;
    }
}

static bool trans_barrier(DisasContext *ctx, uint32_t insn)
{
    switch (bits(insn, 5, 3)) {
    case 2: /* CLREX */
        ir_call(B, &arm_hlp_clrex, IR_I64, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP,
                IR_NO_TEMP);
        return true;
    case 4: /* DSB (SSBB, PSSBB are DSB encodings) */
    case 5: /* DMB */
        ir_fence(B);
        return true;
    case 6: /* ISB: later instructions are fetched and translated anew */
        ir_fence(B);
        end_tb_next(ctx);
        return true;
    default: /* SB (ARMv8.5) and the unallocated ones */
        return false;
    }
}

static bool trans_msr_imm(DisasContext *ctx, uint32_t insn)
{
    unsigned op1 = bits(insn, 16, 3), op2 = bits(insn, 5, 3), crm = bits(insn, 8, 4);
    gen_helper(ctx, &arm_hlp_msr_pstate, IR_NO_TEMP, const64(ctx, op1 << 3 | op2),
               const64(ctx, crm), IR_NO_TEMP, IR_NO_TEMP);
    end_tb_next(ctx);
    return true;
}

/* MSR / MRS (op0 = 2 or 3) and SYS (op0 = 1, L = 0); SYSL has no allocated encodings. */
static bool trans_sysreg(DisasContext *ctx, uint32_t insn)
{
    bool read = (insn >> 21) & 1;
    unsigned op0 = bits(insn, 19, 2);
    int rt = (int)bits(insn, 0, 5);
    uint32_t enc = bits(insn, 5, 16); /* op0:op1:CRn:CRm:op2, as ARM_SYSREG packs it */
    if (op0 == 1) {
        if (read) {
            return false;
        }
        gen_helper(ctx, &arm_hlp_sys, IR_NO_TEMP, const64(ctx, enc), read_x(ctx, rt),
                   const64(ctx, (uint64_t)rt), IR_NO_TEMP);
        end_tb_next(ctx);
        return true;
    }
    if (read) {
        IrTemp v = tmp64(ctx);
        gen_helper(ctx, &arm_hlp_mrs, v, const64(ctx, enc), const64(ctx, (uint64_t)rt),
                   IR_NO_TEMP, IR_NO_TEMP);
        write_x(ctx, rt, v);
        return true;
    }
    gen_helper(ctx, &arm_hlp_msr, IR_NO_TEMP, const64(ctx, enc), read_x(ctx, rt),
               const64(ctx, (uint64_t)rt), IR_NO_TEMP);
    end_tb_next(ctx);
    return true;
}

static const ArmDecodeLine branch_lines[] = {
    {0x7c000000, 0x14000000, trans_b, "b/bl"},
    {0xff000010, 0x54000000, trans_b_cond, "b.cond"},
    {0x7e000000, 0x34000000, trans_cbz, "cbz/cbnz"},
    {0x7e000000, 0x36000000, trans_tbz, "tbz/tbnz"},
    {0xff9f0000, 0xd61f0000, trans_br, "br/blr"},
    {0xffff0000, 0xd65f0000, trans_br, "ret"},
    {0xffffffff, 0xd69f03e0, trans_eret, "eret"},
    {0xff000000, 0xd4000000, trans_exception, "exception"},
    {0xfffff01f, 0xd503201f, trans_hint, "hint"},
    {0xfffff01f, 0xd503301f, trans_barrier, "barrier"},
    {0xfff8f01f, 0xd500401f, trans_msr_imm, "msr_imm"},
    {0xffd80000, 0xd5080000, trans_sysreg, "sys"},
    {0xffd00000, 0xd5100000, trans_sysreg, "msr/mrs"},
};

static ArmDecodeTable branch_table = ARM_DECODE_TABLE(branch_lines);

bool arm_trans_branch_sys(DisasContext *ctx, uint32_t insn)
{
    return arm_decode_run(&branch_table, ctx, insn);
}
