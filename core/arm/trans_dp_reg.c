/*
 * core/arm/trans_dp_reg.c — A64 "data processing — register" (op0 = x101, ARM ARM
 * C4.1.67): logical and add/sub (shifted and extended register), ADC/SBC, conditional
 * compare, conditional select, the 1-source (RBIT, REV*, CLZ, CLS), 2-source (UDIV, SDIV,
 * variable shifts, CRC32*) and 3-source (MADD, MSUB, *MADDL, *MSUBL, *MULH) groups.
 */
#include "core/arm/helper.h"
#include "core/arm/translate.h"

#define B (ctx->b)

/* Rm shifted as the "shifted register" forms say (type: LSL, LSR, ASR, ROR). */
static IrTemp shifted_operand(DisasContext *ctx, int rm, unsigned type, unsigned amount, bool sf)
{
    IrTemp v = read_x(ctx, rm);
    if (amount == 0) {
        return v;
    }
    IrTemp r = tmp64(ctx);
    if (sf) {
        static const IrOpc ops[4] = {IR_SHL, IR_SHR, IR_SAR, IR_ROTR};
        ir_binopi(B, ops[type], IR_I64, r, v, amount);
        return r;
    }
    switch (type) {
    case 0:
        ir_binopi(B, IR_SHL, IR_I64, r, v, amount);
        break;
    case 1:
        ir_unop(B, IR_EXT32U, IR_I64, r, v);
        ir_binopi(B, IR_SHR, IR_I64, r, r, amount);
        break;
    case 2:
        ir_unop(B, IR_EXT32S, IR_I64, r, v);
        ir_binopi(B, IR_SAR, IR_I64, r, r, amount);
        break;
    default: {
        IrTemp t = tmp32(ctx);
        ir_unop(B, IR_TRUNC, IR_I32, t, v);
        ir_binopi(B, IR_ROTR, IR_I32, t, t, amount);
        ir_unop(B, IR_EXTI32U, IR_I64, r, t);
        break;
    }
    }
    return r;
}

static bool trans_logic_reg(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31, invert = (insn >> 21) & 1;
    unsigned opc = bits(insn, 29, 2), type = bits(insn, 22, 2), amount = bits(insn, 10, 6);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if (!sf && amount >= 32) {
        return false;
    }
    /* MOV (register): ORR Xd, XZR, Xm */
    if (opc == 1 && !invert && rn == 31 && amount == 0) {
        write_xw(ctx, rd, read_x(ctx, rm), sf);
        return true;
    }
    IrTemp b = shifted_operand(ctx, rm, type, amount, sf);
    IrTemp r = tmp64(ctx);
    static const IrOpc ops[4] = {IR_AND, IR_OR, IR_XOR, IR_AND};
    static const IrOpc inv_ops[4] = {IR_ANDC, IR_ORC, IR_EQV, IR_ANDC};
    ir_binop(B, invert ? inv_ops[opc] : ops[opc], IR_I64, r, read_x(ctx, rn), b);
    if (opc == 3) {
        gen_flags_nz(ctx, r, sf);
        ir_movi(B, IR_I64, ctx->cf, 0);
        ir_movi(B, IR_I64, ctx->vf, 0);
    }
    write_xw(ctx, rd, r, sf);
    return true;
}

static void gen_addsub(DisasContext *ctx, int rd, IrTemp a, IrTemp b, bool sub, bool setflags,
                       bool sf, bool rd_is_sp)
{
    if (setflags) {
        IrTemp r = sub ? gen_sub_cc(ctx, a, b, sf) : gen_add_cc(ctx, a, b, sf);
        write_x(ctx, rd, r);
        return;
    }
    IrTemp r = tmp64(ctx);
    ir_binop(B, sub ? IR_SUB : IR_ADD, IR_I64, r, a, b);
    if (!sf) {
        ir_unop(B, IR_EXT32U, IR_I64, r, r);
    }
    if (rd_is_sp) {
        write_xsp(ctx, rd, r);
    } else {
        write_x(ctx, rd, r);
    }
}

static bool trans_addsub_shift(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31, sub = (insn >> 30) & 1, setflags = (insn >> 29) & 1;
    unsigned type = bits(insn, 22, 2), amount = bits(insn, 10, 6);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if (type == 3 || (!sf && amount >= 32)) {
        return false;
    }
    IrTemp b = shifted_operand(ctx, rm, type, amount, sf);
    gen_addsub(ctx, rd, read_x(ctx, rn), b, sub, setflags, sf, false);
    return true;
}

static bool trans_addsub_ext(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31, sub = (insn >> 30) & 1, setflags = (insn >> 29) & 1;
    unsigned option = bits(insn, 13, 3), shift = bits(insn, 10, 3);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if (shift > 4 || bits(insn, 22, 2) != 0) {
        return false;
    }
    static const IrOpc ext[8] = {IR_EXT8U, IR_EXT16U, IR_EXT32U, IR_MOV,
                                 IR_EXT8S, IR_EXT16S, IR_EXT32S, IR_MOV};
    IrTemp b = tmp64(ctx);
    ir_unop(B, ext[option], IR_I64, b, read_x(ctx, rm));
    if (shift) {
        ir_binopi(B, IR_SHL, IR_I64, b, b, shift);
    }
    gen_addsub(ctx, rd, read_xsp(ctx, rn), b, sub, setflags, sf, !setflags);
    return true;
}

static bool trans_adc(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31, sub = (insn >> 30) & 1, setflags = (insn >> 29) & 1;
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if (bits(insn, 10, 6) != 0) {
        return false; /* RMIF, SETF8/16 (ARMv8.4) */
    }
    IrTemp b = read_x(ctx, rm);
    if (sub) { /* SBC: Rn + NOT(Rm) + C */
        IrTemp nb = tmp64(ctx);
        ir_unop(B, IR_NOT, IR_I64, nb, b);
        b = nb;
    }
    write_x(ctx, rd, gen_adc(ctx, read_x(ctx, rn), b, sf, setflags));
    return true;
}

/* CCMP / CCMN (register and immediate): the comparison's flags if cond holds, else the
 * instruction's nzcv. */
static bool trans_ccmp(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31, sub = (insn >> 30) & 1, imm = (insn >> 11) & 1;
    int rn = (int)bits(insn, 5, 5), cond = (int)bits(insn, 12, 4);
    unsigned nzcv = bits(insn, 0, 4);
    if (!((insn >> 29) & 1) || bits(insn, 10, 1) || bits(insn, 4, 1)) {
        return false;
    }
    IrTemp b = imm ? const64(ctx, bits(insn, 16, 5)) : read_x(ctx, (int)bits(insn, 16, 5));
    IrTemp a = read_x(ctx, rn);
    IrLabel holds = ir_label_new(B), done = ir_label_new(B);
    gen_brcond_cc(ctx, cond, holds);
    ir_movi(B, IR_I64, ctx->nf, (nzcv & 8) ? ~0ull : 0);
    ir_movi(B, IR_I64, ctx->zf, (nzcv & 4) ? 0 : 1);
    ir_movi(B, IR_I64, ctx->cf, (nzcv & 2) ? 1 : 0);
    ir_movi(B, IR_I64, ctx->vf, (nzcv & 1) ? ~0ull : 0);
    ir_br(B, done);
    ir_label(B, holds);
    if (sub) {
        gen_sub_cc(ctx, a, b, sf);
    } else {
        gen_add_cc(ctx, a, b, sf);
    }
    ir_label(B, done);
    return true;
}

/* CSEL, CSINC, CSINV, CSNEG (and CSET, CINC, CNEG ... as aliases). */
static bool trans_csel(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31, op = (insn >> 30) & 1;
    unsigned op2 = bits(insn, 10, 2);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    int cond = (int)bits(insn, 12, 4);
    if ((insn >> 29) & 1 || op2 > 1) {
        return false;
    }
    IrTemp f = read_x(ctx, rm);
    if (op || op2) {
        IrTemp t = tmp64(ctx);
        if (!op) {
            ir_binopi(B, IR_ADD, IR_I64, t, f, 1);  /* CSINC */
        } else if (!op2) {
            ir_unop(B, IR_NOT, IR_I64, t, f);       /* CSINV */
        } else {
            ir_unop(B, IR_NEG, IR_I64, t, f);       /* CSNEG */
        }
        f = t;
    }
    IrTemp r = tmp64(ctx);
    if (cond >= 14) {
        ir_mov(B, IR_I64, r, read_x(ctx, rn));
    } else {
        ir_movcond(B, IR_I64, IR_COND_NE, r, gen_cond(ctx, cond), const64(ctx, 0),
                   read_x(ctx, rn), f);
    }
    write_xw(ctx, rd, r, sf);
    return true;
}

/* ---- 1 source ---- */

static uint64_t helper_rbit(void *env, uint64_t v, uint64_t sf, uint64_t c, uint64_t d)
{
    (void)env, (void)c, (void)d;
    uint64_t r = 0;
    unsigned n = sf ? 64 : 32;
    for (unsigned i = 0; i < n; i++) {
        r |= ((v >> i) & 1) << (n - 1 - i);
    }
    return r;
}

/* REV16 (container 2 bytes), REV32 (4), REV (8 or, for W, 4): reverse the bytes in each
 * container of the 32- or 64-bit value. */
static uint64_t helper_rev(void *env, uint64_t v, uint64_t container, uint64_t width, uint64_t d)
{
    (void)env, (void)d;
    uint64_t r = 0;
    for (unsigned base = 0; base < width; base += (unsigned)container) {
        for (unsigned i = 0; i < container; i++) {
            uint64_t byte = (v >> (8 * (base + i))) & 0xff;
            r |= byte << (8 * (base + container - 1 - i));
        }
    }
    return r;
}

static const IrHelper hlp_rbit = {helper_rbit, "rbit", IR_CALL_PURE};
static const IrHelper hlp_rev = {helper_rev, "rev", IR_CALL_PURE};

static bool trans_dp1(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opcode = bits(insn, 10, 6);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5);
    if ((insn >> 29) & 1 || bits(insn, 16, 5) != 0) {
        return false; /* S = 1, or the pointer-authentication forms */
    }
    IrTemp v = read_x(ctx, rn), r = tmp64(ctx);
    switch (opcode) {
    case 0: /* RBIT */
        ir_call(B, &hlp_rbit, IR_I64, r, v, const64(ctx, sf), IR_NO_TEMP, IR_NO_TEMP);
        break;
    case 1: case 2: case 3: { /* REV16, REV32 / REV (W), REV (X) */
        unsigned container = opcode == 1 ? 2 : opcode == 2 ? 4 : 8;
        if (opcode == 3 && !sf) {
            return false;
        }
        ir_call(B, &hlp_rev, IR_I64, r, v, const64(ctx, container), const64(ctx, sf ? 8 : 4),
                IR_NO_TEMP);
        break;
    }
    case 4: case 5: { /* CLZ, CLS */
        if (sf) {
            if (opcode == 4) {
                ir_unop(B, IR_CLZ, IR_I64, r, v);
            } else { /* leading sign bits: CLZ(x ^ (x >> 1)) - 1 */
                IrTemp t = tmp64(ctx);
                ir_binopi(B, IR_SAR, IR_I64, t, v, 1);
                ir_binop(B, IR_XOR, IR_I64, t, t, v);
                ir_unop(B, IR_CLZ, IR_I64, r, t);
                ir_binopi(B, IR_SUB, IR_I64, r, r, 1);
            }
        } else {
            IrTemp w = tmp32(ctx), t = tmp32(ctx);
            ir_unop(B, IR_TRUNC, IR_I32, w, v);
            if (opcode == 4) {
                ir_unop(B, IR_CLZ, IR_I32, t, w);
            } else {
                IrTemp s = tmp32(ctx);
                ir_binopi(B, IR_SAR, IR_I32, s, w, 1);
                ir_binop(B, IR_XOR, IR_I32, s, s, w);
                ir_unop(B, IR_CLZ, IR_I32, t, s);
                ir_binopi(B, IR_SUB, IR_I32, t, t, 1);
            }
            ir_unop(B, IR_EXTI32U, IR_I64, r, t);
        }
        break;
    }
    default:
        return false;
    }
    write_xw(ctx, rd, r, sf);
    return true;
}

/* ---- 2 source ---- */

/* CRC32 (polynomial 0x04C11DB7) and CRC32C (0x1EDC6F41), bit-reflected as the ARM ARM's
 * pseudocode computes them: acc is Wn, the value's low 8 << size bits are consumed. */
static uint64_t helper_crc32(void *env, uint64_t acc, uint64_t val, uint64_t size_c, uint64_t d)
{
    (void)env, (void)d;
    uint32_t poly = (size_c & 4) ? 0x82f63b78u : 0xedb88320u; /* reflected */
    unsigned bytes = 1u << (size_c & 3);
    uint32_t crc = (uint32_t)acc;
    for (unsigned i = 0; i < bytes; i++) {
        crc ^= (uint8_t)(val >> (8 * i));
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ ((crc & 1) ? poly : 0);
        }
    }
    return crc;
}

static const IrHelper hlp_crc32 = {helper_crc32, "crc32", IR_CALL_PURE};

static bool trans_dp2(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opcode = bits(insn, 10, 6);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if ((insn >> 29) & 1) {
        return false;
    }
    if ((opcode & 0x38) == 0x10) { /* CRC32{B,H,W,X}, CRC32C{...} */
        unsigned size = opcode & 3;
        if (!ctx->feat->crc32 || (size == 3) != sf) {
            return false;
        }
        IrTemp r = tmp64(ctx);
        ir_call(B, &hlp_crc32, IR_I64, r, read_x(ctx, rn), read_x(ctx, rm),
                const64(ctx, size | (opcode & 4)), IR_NO_TEMP);
        write_xw(ctx, rd, r, false);
        return true;
    }
    IrOpc op;
    switch (opcode) {
    case 2: op = IR_DIVU; break;   /* UDIV: x / 0 = 0 (the IR's rule is A64's) */
    case 3: op = IR_DIV; break;    /* SDIV: MIN / -1 = MIN */
    case 8: op = IR_SHL; break;    /* LSLV: the amount modulo the width, as the IR's */
    case 9: op = IR_SHR; break;
    case 10: op = IR_SAR; break;
    case 11: op = IR_ROTR; break;
    default:
        return false;
    }
    IrTemp r = tmp64(ctx);
    if (sf) {
        ir_binop(B, op, IR_I64, r, read_x(ctx, rn), read_x(ctx, rm));
    } else {
        IrTemp a = read_w(ctx, rn), b = read_w(ctx, rm), t = tmp32(ctx);
        ir_binop(B, op, IR_I32, t, a, b);
        ir_unop(B, IR_EXTI32U, IR_I64, r, t);
    }
    write_x(ctx, rd, r);
    return true;
}

static bool trans_dp12(DisasContext *ctx, uint32_t insn)
{
    return (insn >> 30) & 1 ? trans_dp1(ctx, insn) : trans_dp2(ctx, insn);
}

/* ---- 3 source ---- */

static bool trans_dp3(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31, o0 = (insn >> 15) & 1;
    unsigned op54 = bits(insn, 29, 2), op31 = bits(insn, 21, 3);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5),
        ra = (int)bits(insn, 10, 5);
    if (op54 != 0) {
        return false;
    }
    IrTemp a = read_x(ctx, rn), b = read_x(ctx, rm), r = tmp64(ctx);
    switch (op31) {
    case 0: { /* MADD, MSUB */
        IrTemp p = tmp64(ctx);
        ir_binop(B, IR_MUL, IR_I64, p, a, b);
        ir_binop(B, o0 ? IR_SUB : IR_ADD, IR_I64, r, read_x(ctx, ra), p);
        write_xw(ctx, rd, r, sf);
        return true;
    }
    case 1: case 5: { /* SMADDL, SMSUBL / UMADDL, UMSUBL: 32 x 32 -> 64 */
        if (!sf) {
            return false;
        }
        IrOpc ext = op31 == 1 ? IR_EXT32S : IR_EXT32U;
        IrTemp x = tmp64(ctx), y = tmp64(ctx), p = tmp64(ctx);
        ir_unop(B, ext, IR_I64, x, a);
        ir_unop(B, ext, IR_I64, y, b);
        ir_binop(B, IR_MUL, IR_I64, p, x, y);
        ir_binop(B, o0 ? IR_SUB : IR_ADD, IR_I64, r, read_x(ctx, ra), p);
        write_x(ctx, rd, r);
        return true;
    }
    case 2: case 6: /* SMULH, UMULH */
        if (!sf || o0) {
            return false;
        }
        ir_binop(B, op31 == 2 ? IR_MULSH : IR_MULUH, IR_I64, r, a, b);
        write_x(ctx, rd, r);
        return true;
    default:
        return false;
    }
}

static const ArmDecodeLine dp_reg_lines[] = {
    {0x1f000000, 0x0a000000, trans_logic_reg, "logical shifted"},
    {0x1f200000, 0x0b000000, trans_addsub_shift, "add/sub shifted"},
    {0x1f200000, 0x0b200000, trans_addsub_ext, "add/sub extended"},
    {0x1fe00000, 0x1a000000, trans_adc, "adc/sbc"},
    {0x1fe00000, 0x1a400000, trans_ccmp, "ccmp/ccmn"},
    {0x1fe00000, 0x1a800000, trans_csel, "csel"},
    {0x1fe00000, 0x1ac00000, trans_dp12, "dp 1/2 source"},
    {0x1f000000, 0x1b000000, trans_dp3, "dp 3 source"},
};

static ArmDecodeTable dp_reg_table = ARM_DECODE_TABLE(dp_reg_lines);

bool arm_trans_dp_reg(DisasContext *ctx, uint32_t insn)
{
    return arm_decode_run(&dp_reg_table, ctx, insn);
}
