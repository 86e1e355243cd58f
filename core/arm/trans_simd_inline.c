/*
 * core/arm/trans_simd_inline.c — AdvSIMD instructions translated to inline IR on the two
 * 64-bit halves of the vector registers (IR_LD_ENV / IR_ST_ENV): the moves between general
 * and vector registers, the vector immediates, and the bitwise and ADD/SUB three-same
 * forms (SWAR on 64-bit halves).  Every source is loaded before the destination is stored.
 */
#include "core/arm/trans_simd.h"

#define B (ctx->b)

static IrTemp ld_half(DisasContext *ctx, int reg, int half)
{
    IrTemp t = tmp64(ctx);
    ir_ld_env(B, IR_I64, t, vreg_offset(reg) + 8u * (unsigned)half, IR_MO_64);
    return t;
}

static void st_half(DisasContext *ctx, int reg, int half, IrTemp v)
{
    ir_st_env(B, IR_I64, v, vreg_offset(reg) + 8u * (unsigned)half, IR_MO_64);
}

/* Element `index` of size 2^size of Vn, zero-extended (sign-extended if sign). */
static IrTemp ld_elem(DisasContext *ctx, int reg, int index, int size, bool sign)
{
    IrTemp t = tmp64(ctx);
    ir_ld_env(B, IR_I64, t, vreg_elem_offset(reg, index, size), (unsigned)size);
    if (sign) {
        static const IrOpc ext[3] = {IR_EXT8S, IR_EXT16S, IR_EXT32S};
        ir_unop(B, ext[size], IR_I64, t, t);
    }
    return t;
}

/* The low 2^size bytes of v (I64) copied to every lane of a 64-bit value. */
static IrTemp replicate(DisasContext *ctx, IrTemp v, int size)
{
    static const uint64_t rep[4] = {0x0101010101010101ull, 0x0001000100010001ull,
                                    0x0000000100000001ull, 1};
    static const IrOpc ext[3] = {IR_EXT8U, IR_EXT16U, IR_EXT32U};
    if (size == 3) {
        return v;
    }
    IrTemp t = tmp64(ctx);
    ir_unop(B, ext[size], IR_I64, t, v);
    ir_binop(B, IR_MUL, IR_I64, t, t, const64(ctx, rep[size]));
    return t;
}

static void st_dup(DisasContext *ctx, int rd, IrTemp v, bool q)
{
    st_half(ctx, rd, 0, v);
    if (q) {
        st_half(ctx, rd, 1, v);
    } else {
        clear_vreg_high(ctx, rd);
    }
}

bool arm_simd_inline_copy(DisasContext *ctx, uint32_t insn)
{
    bool q = bits(insn, 30, 1), op = bits(insn, 29, 1), scalar = bits(insn, 28, 1);
    unsigned imm5 = bits(insn, 16, 5), imm4 = bits(insn, 11, 4);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5);
    if ((imm5 & 0xf) == 0) {
        return false;
    }
    int size = __builtin_ctz(imm5), dindex = (int)(imm5 >> (size + 1));
    if (scalar) { /* DUP (element), scalar: MOV Vd, Vn.T[i] */
        if (op || imm4 != 0) {
            return false;
        }
        if (!fp_access_check(ctx)) {
            return true;
        }
        IrTemp v = ld_elem(ctx, rn, dindex, size, false);
        st_half(ctx, rd, 0, v);
        clear_vreg_high(ctx, rd);
        return true;
    }
    if (op) { /* INS (element) */
        if (!q) {
            return false;
        }
        if (!fp_access_check(ctx)) {
            return true;
        }
        IrTemp v = ld_elem(ctx, rn, (int)(imm4 >> size), size, false);
        ir_st_env(B, IR_I64, v, vreg_elem_offset(rd, dindex, size), (unsigned)size);
        return true;
    }
    switch (imm4) {
    case 0x0: /* DUP (element) */
    case 0x1: /* DUP (general) */
        if (size == 3 && !q) {
            return false;
        }
        if (!fp_access_check(ctx)) {
            return true;
        }
        st_dup(ctx, rd,
               replicate(ctx, imm4 ? read_x(ctx, rn) : ld_elem(ctx, rn, dindex, size, false),
                         size),
               q);
        return true;
    case 0x3: /* INS (general) */
        if (!q) {
            return false;
        }
        if (!fp_access_check(ctx)) {
            return true;
        }
        ir_st_env(B, IR_I64, read_x(ctx, rn), vreg_elem_offset(rd, dindex, size),
                  (unsigned)size);
        return true;
    case 0x5: /* SMOV */
    case 0x7: { /* UMOV */
        bool sign = imm4 == 5;
        if (sign ? (size == 3 || (size == 2 && !q)) : (q != (size == 3))) {
            return false;
        }
        if (!fp_access_check(ctx)) {
            return true;
        }
        IrTemp v = ld_elem(ctx, rn, dindex, size, sign);
        if (sign && !q) {
            ir_unop(B, IR_EXT32U, IR_I64, v, v);
        }
        write_x(ctx, rd, v);
        return true;
    }
    default:
        return false;
    }
}

/* AdvSIMDExpandImm (ARM ARM J1). */
static uint64_t expand_imm(int op, int cmode, uint64_t imm8)
{
    uint64_t v;
    switch (cmode >> 1) {
    case 0: return imm8 * 0x0000000100000001ull;
    case 1: return (imm8 << 8) * 0x0000000100000001ull;
    case 2: return (imm8 << 16) * 0x0000000100000001ull;
    case 3: return (imm8 << 24) * 0x0000000100000001ull;
    case 4: return imm8 * 0x0001000100010001ull;
    case 5: return (imm8 << 8) * 0x0001000100010001ull;
    case 6:
        v = (cmode & 1) ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff;
        return v * 0x0000000100000001ull;
    default:
        break;
    }
    if (!(cmode & 1)) {
        if (!op) {
            return imm8 * 0x0101010101010101ull;
        }
        v = 0;
        for (int i = 0; i < 8; i++) {
            if ((imm8 >> i) & 1) {
                v |= 0xffull << (8 * i);
            }
        }
        return v;
    }
    uint64_t a = (imm8 >> 7) & 1, b = (imm8 >> 6) & 1, cdefgh = imm8 & 0x3f;
    if (!op) { /* FP32: a:NOT(b):Replicate(b,5):cdefgh:Zeros(19) */
        uint32_t f = (uint32_t)(a << 31 | (b ^ 1) << 30 | (b ? 0x1full << 25 : 0) |
                                cdefgh << 19);
        return (uint64_t)f * 0x0000000100000001ull;
    }
    /* FP64: a:NOT(b):Replicate(b,8):cdefgh:Zeros(48) */
    return a << 63 | (b ^ 1) << 62 | (b ? 0xffull << 54 : 0) | cdefgh << 48;
}

bool arm_simd_inline_modimm(DisasContext *ctx, uint32_t insn)
{
    bool q = bits(insn, 30, 1);
    int op = (int)bits(insn, 29, 1), cmode = (int)bits(insn, 12, 4);
    int rd = (int)bits(insn, 0, 5);
    uint64_t imm8 = bits(insn, 16, 3) << 5 | bits(insn, 5, 5);
    if (bits(insn, 11, 1) || (cmode == 0xf && op && !q)) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    uint64_t imm = expand_imm(op, cmode, imm8);
    bool orr_bic = cmode < 0xc && (cmode & 1);
    if (!orr_bic) {
        if (op && cmode < 0xe) {
            imm = ~imm; /* MVNI */
        }
        st_dup(ctx, rd, const64(ctx, imm), q);
        return true;
    }
    for (int half = 0; half < (q ? 2 : 1); half++) {
        IrTemp v = ld_half(ctx, rd, half);
        ir_binop(B, op ? IR_AND : IR_OR, IR_I64, v, v, const64(ctx, op ? ~imm : imm));
        st_half(ctx, rd, half, v);
    }
    if (!q) {
        clear_vreg_high(ctx, rd);
    }
    return true;
}

bool arm_simd_inline_3same(DisasContext *ctx, uint32_t insn)
{
    bool q = bits(insn, 30, 1), u = bits(insn, 29, 1);
    int size = (int)bits(insn, 22, 2), opc = (int)bits(insn, 11, 5);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    bool logic = opc == 0x03, addsub = opc == 0x10 && (size != 3 || q);
    if (!logic && !addsub) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    int nh = q ? 2 : 1;
    IrTemp n[2], m[2], d[2], r[2];
    for (int h = 0; h < nh; h++) {
        n[h] = ld_half(ctx, rn, h);
        m[h] = ld_half(ctx, rm, h);
        d[h] = (logic && u && size) ? ld_half(ctx, rd, h) : IR_NO_TEMP;
    }
    static const uint64_t high[4] = {0x8080808080808080ull, 0x8000800080008000ull,
                                     0x8000000080000000ull, 0x8000000000000000ull};
    for (int h = 0; h < nh; h++) {
        IrTemp t = tmp64(ctx);
        r[h] = t;
        if (logic) {
            static const IrOpc ops[5] = {IR_AND, IR_ANDC, IR_OR, IR_ORC, IR_XOR};
            if (!u || size == 0) {
                ir_binop(B, ops[u ? 4 : size], IR_I64, t, n[h], m[h]);
                continue;
            }
            /* BSL: m ^ ((n ^ m) & d); BIT: d ^ ((n ^ d) & m); BIF: d ^ ((n ^ d) & ~m) */
            IrTemp x = size == 1 ? m[h] : d[h];
            ir_binop(B, IR_XOR, IR_I64, t, n[h], x);
            ir_binop(B, size == 3 ? IR_ANDC : IR_AND, IR_I64, t, t, size == 1 ? d[h] : m[h]);
            ir_binop(B, IR_XOR, IR_I64, t, t, x);
            continue;
        }
        if (size == 3) {
            ir_binop(B, u ? IR_SUB : IR_ADD, IR_I64, t, n[h], m[h]);
            continue;
        }
        /* lane-wise without carries between lanes: the lanes' top bits separately */
        IrTemp hm = const64(ctx, high[size]), lo = const64(ctx, ~high[size]);
        IrTemp a = tmp64(ctx), b = tmp64(ctx), c = tmp64(ctx);
        if (!u) { /* ((n & ~H) + (m & ~H)) ^ ((n ^ m) & H) */
            ir_binop(B, IR_AND, IR_I64, a, n[h], lo);
            ir_binop(B, IR_AND, IR_I64, b, m[h], lo);
            ir_binop(B, IR_ADD, IR_I64, a, a, b);
            ir_binop(B, IR_XOR, IR_I64, c, n[h], m[h]);
        } else { /* ((n | H) - (m & ~H)) ^ ((n ^ ~m) & H) */
            ir_binop(B, IR_OR, IR_I64, a, n[h], hm);
            ir_binop(B, IR_AND, IR_I64, b, m[h], lo);
            ir_binop(B, IR_SUB, IR_I64, a, a, b);
            ir_binop(B, IR_EQV, IR_I64, c, n[h], m[h]);
        }
        ir_binop(B, IR_AND, IR_I64, c, c, hm);
        ir_binop(B, IR_XOR, IR_I64, t, a, c);
    }
    for (int h = 0; h < nh; h++) {
        st_half(ctx, rd, h, r[h]);
    }
    if (!q) {
        clear_vreg_high(ctx, rd);
    }
    return true;
}
