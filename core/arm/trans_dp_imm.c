/*
 * core/arm/trans_dp_imm.c — A64 "data processing — immediate" (op0 = 100x, ARM ARM
 * C4.1.64): ADR/ADRP, ADD/SUB (immediate), logical (immediate), move wide, bitfield, EXTR.
 */
#include "core/arm/translate.h"

#define B (ctx->b)

static uint64_t ones(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

static uint64_t ror(uint64_t v, unsigned r, unsigned esize)
{
    r %= esize;
    if (r == 0) {
        return v;
    }
    return ((v >> r) | (v << (esize - r))) & ones(esize);
}

/* DecodeBitMasks (ARM ARM J1, shared pseudocode) for a logical immediate: false if the
 * encoding is reserved. */
bool arm_decode_bitmask(unsigned n, unsigned imms, unsigned immr, bool sf, uint64_t *out)
{
    unsigned combined = (n << 6) | (~imms & 0x3f);
    if (combined == 0) {
        return false;
    }
    int len = 31 - __builtin_clz(combined);
    if (len < 1 || (!sf && len > 5)) {
        return false;
    }
    unsigned levels = (1u << len) - 1;
    if ((imms & levels) == levels) {
        return false; /* all ones is not encodable */
    }
    unsigned s = imms & levels, r = immr & levels, esize = 1u << len;
    uint64_t elem = ror(ones(s + 1), r, esize);
    uint64_t v = 0;
    for (unsigned i = 0; i < 64; i += esize) {
        v |= elem << i;
    }
    *out = sf ? v : v & 0xffffffffu;
    return true;
}

static bool trans_adr(DisasContext *ctx, uint32_t insn)
{
    int64_t imm = (int64_t)sbits(insn, 5, 19) << 2 | bits(insn, 29, 2);
    uint64_t v = (insn >> 31) ? (ctx->pc & ~0xfffull) + (uint64_t)(imm << 12)
                              : ctx->pc + (uint64_t)imm;
    write_x(ctx, (int)bits(insn, 0, 5), const64(ctx, v));
    return true;
}

static bool trans_addsub_imm(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31, sub = (insn >> 30) & 1, setflags = (insn >> 29) & 1;
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5);
    uint64_t imm = bits(insn, 10, 12);
    if (insn & (1u << 22)) {
        imm <<= 12;
    }
    IrTemp a = read_xsp(ctx, rn), b = const64(ctx, imm);
    if (setflags) {
        IrTemp r = sub ? gen_sub_cc(ctx, a, b, sf) : gen_add_cc(ctx, a, b, sf);
        write_x(ctx, rd, r);
        return true;
    }
    IrTemp r = tmp64(ctx);
    ir_binop(B, sub ? IR_SUB : IR_ADD, IR_I64, r, a, b);
    if (!sf) {
        ir_unop(B, IR_EXT32U, IR_I64, r, r);
    }
    write_xsp(ctx, rd, r);
    return true;
}

static bool trans_logic_imm(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opc = bits(insn, 29, 2);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5);
    uint64_t imm;
    if (!arm_decode_bitmask(bits(insn, 22, 1), bits(insn, 10, 6), bits(insn, 16, 6), sf, &imm)) {
        return false;
    }
    static const IrOpc ops[4] = {IR_AND, IR_OR, IR_XOR, IR_AND};
    IrTemp r = tmp64(ctx);
    ir_binopi(B, ops[opc], IR_I64, r, read_x(ctx, rn), imm);
    if (!sf) {
        ir_unop(B, IR_EXT32U, IR_I64, r, r); /* ORR/EOR keep Wn's upper bits otherwise */
    }
    if (opc == 3) { /* ANDS: N, Z from the result, C = V = 0 */
        gen_flags_nz(ctx, r, sf);
        ir_movi(B, IR_I64, ctx->cf, 0);
        ir_movi(B, IR_I64, ctx->vf, 0);
        write_x(ctx, rd, r);
    } else {
        write_xsp(ctx, rd, r);
    }
    return true;
}

static bool trans_movw(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opc = bits(insn, 29, 2), hw = bits(insn, 21, 2);
    int rd = (int)bits(insn, 0, 5);
    if (opc == 1 || (!sf && hw >= 2)) {
        return false;
    }
    unsigned shift = hw * 16;
    uint64_t imm = (uint64_t)bits(insn, 5, 16) << shift;
    uint64_t mask = sf ? ~0ull : 0xffffffffull;
    switch (opc) {
    case 0: /* MOVN */
        write_x(ctx, rd, const64(ctx, ~imm & mask));
        break;
    case 2: /* MOVZ */
        write_x(ctx, rd, const64(ctx, imm));
        break;
    default: { /* MOVK */
        IrTemp r = tmp64(ctx);
        ir_binopi(B, IR_AND, IR_I64, r, read_x(ctx, rd), ~(0xffffull << shift) & mask);
        ir_binopi(B, IR_OR, IR_I64, r, r, imm);
        write_x(ctx, rd, r);
        break;
    }
    }
    return true;
}

/* SBFM, BFM, UBFM (and their aliases: ASR/LSL/LSR immediate, SXTB..., UBFX, BFI ...). */
static bool trans_bitfield(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opc = bits(insn, 29, 2), n = bits(insn, 22, 1);
    unsigned immr = bits(insn, 16, 6), imms = bits(insn, 10, 6);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5);
    unsigned size = sf ? 64 : 32;
    if (opc == 3 || n != (unsigned)sf || (!sf && (immr >= 32 || imms >= 32))) {
        return false;
    }
    IrTemp src = read_x(ctx, rn), r = tmp64(ctx);
    if (opc == 0) { /* SBFM */
        if (imms >= immr) { /* SBFX: field [imms:immr] sign-extended */
            ir_binopi(B, IR_SHL, IR_I64, r, src, 63 - imms);
            ir_binopi(B, IR_SAR, IR_I64, r, r, 63 - imms + immr);
        } else { /* SBFIZ: the low imms+1 bits sign-extended, shifted up */
            ir_binopi(B, IR_SHL, IR_I64, r, src, 63 - imms);
            ir_binopi(B, IR_SAR, IR_I64, r, r, 63 - imms);
            ir_binopi(B, IR_SHL, IR_I64, r, r, size - immr);
        }
    } else if (opc == 2) { /* UBFM */
        if (imms >= immr) {
            ir_binopi(B, IR_SHR, IR_I64, r, src, immr);
            ir_binopi(B, IR_AND, IR_I64, r, r, ones(imms - immr + 1));
        } else {
            ir_binopi(B, IR_AND, IR_I64, r, src, ones(imms + 1));
            ir_binopi(B, IR_SHL, IR_I64, r, r, size - immr);
        }
    } else { /* BFM: the field goes into Rd, the other bits of Rd stay */
        IrTemp field = tmp64(ctx);
        uint64_t mask;
        if (imms >= immr) {
            mask = ones(imms - immr + 1);
            ir_binopi(B, IR_SHR, IR_I64, field, src, immr);
            ir_binopi(B, IR_AND, IR_I64, field, field, mask);
        } else {
            unsigned pos = size - immr;
            mask = ones(imms + 1) << pos;
            ir_binopi(B, IR_SHL, IR_I64, field, src, pos);
            ir_binopi(B, IR_AND, IR_I64, field, field, mask);
        }
        ir_binopi(B, IR_AND, IR_I64, r, read_x(ctx, rd), ~mask);
        ir_binop(B, IR_OR, IR_I64, r, r, field);
    }
    write_xw(ctx, rd, r, sf);
    return true;
}

static bool trans_extr(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned n = bits(insn, 22, 1), lsb = bits(insn, 10, 6);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if (bits(insn, 29, 2) != 0 || bits(insn, 21, 1) != 0 || n != (unsigned)sf ||
        (!sf && lsb >= 32)) {
        return false;
    }
    unsigned size = sf ? 64 : 32;
    IrTemp lo = read_x(ctx, rm), hi = read_x(ctx, rn);
    if (lsb == 0) {
        write_xw(ctx, rd, lo, sf);
        return true;
    }
    IrTemp a = tmp64(ctx), b = tmp64(ctx);
    if (!sf) {
        ir_unop(B, IR_EXT32U, IR_I64, a, lo);
        ir_binopi(B, IR_SHR, IR_I64, a, a, lsb);
    } else {
        ir_binopi(B, IR_SHR, IR_I64, a, lo, lsb);
    }
    ir_binopi(B, IR_SHL, IR_I64, b, hi, size - lsb);
    ir_binop(B, IR_OR, IR_I64, a, a, b);
    write_xw(ctx, rd, a, sf);
    return true;
}

static const ArmDecodeLine dp_imm_lines[] = {
    {0x1f000000, 0x10000000, trans_adr, "adr/adrp"},
    {0x1f800000, 0x11000000, trans_addsub_imm, "add/sub imm"},
    {0x1f800000, 0x12000000, trans_logic_imm, "logical imm"},
    {0x1f800000, 0x12800000, trans_movw, "move wide"},
    {0x1f800000, 0x13000000, trans_bitfield, "bitfield"},
    {0x1f800000, 0x13800000, trans_extr, "extr"},
};

static ArmDecodeTable dp_imm_table = ARM_DECODE_TABLE(dp_imm_lines);

bool arm_trans_dp_imm(DisasContext *ctx, uint32_t insn)
{
    return arm_decode_run(&dp_imm_table, ctx, insn);
}
