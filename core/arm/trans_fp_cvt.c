/*
 * core/arm/trans_fp_cvt.c — A64 conversions between floating point and integer (ARM ARM
 * C4.1.96.32 "Conversion between floating-point and integer": FCVT[NPMZA][SU], SCVTF,
 * UCVTF, FMOV general <-> FP incl. the D[1] forms) and fixed point (C4.1.96.30: FCVTZ[SU]
 * and [SU]CVTF with #fbits).  Single and double precision; the half-precision forms are
 * FEAT_FP16 (UNDEFINED here).
 */
#include "core/arm/fp_helper.h"
#include "core/arm/trans_fp.h"

#define B (ctx->b)
#define NT IR_NO_TEMP

/* Xd/Wd = float in Vn -> integer with fbits fraction bits, rounded in `mode`. */
static void gen_f2i(DisasContext *ctx, bool sf, unsigned type, bool is_unsigned, int rd,
                    int rn, int fbits, int mode)
{
    uint64_t kind = (is_unsigned ? ARM_CVT_UNSIGNED : 0) | (sf ? ARM_CVT_64 : 0);
    IrTemp r = gen_fp_call(ctx, type ? &arm_hlp_f2i_d : &arm_hlp_f2i_s,
                           read_fp(ctx, rn, fp_type_size((int)type)),
                           const64(ctx, (uint64_t)fbits), const64(ctx, (uint64_t)mode),
                           const64(ctx, kind));
    write_x(ctx, rd, r); /* a 32-bit result comes back zero-extended */
}

/* Vd = Xn/Wn * 2^-fbits as a float. */
static void gen_i2f(DisasContext *ctx, bool sf, unsigned type, bool is_unsigned, int rd,
                    int rn, int fbits)
{
    uint64_t kind = (is_unsigned ? ARM_CVT_UNSIGNED : 0) | (sf ? ARM_CVT_64 : 0);
    IrTemp r = gen_fp_call(ctx, type ? &arm_hlp_i2f_d : &arm_hlp_i2f_s, read_x(ctx, rn),
                           const64(ctx, (uint64_t)fbits), const64(ctx, kind), NT);
    write_fp(ctx, rd, r);
}

/* FMOV between a general register and an FP register (or the upper half of Vd). */
static bool gen_fmov_gen(DisasContext *ctx, bool sf, unsigned type, unsigned rmode,
                         bool to_fp, int rd, int rn)
{
    bool upper = rmode == 1;
    if (!(rmode == 0 && ((!sf && type == 0) || (sf && type == 1))) &&
        !(upper && sf && type == 2)) {
        return false; /* half precision (FEAT_FP16), FJCVTZS (FEAT_JSCVT), reserved */
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    if (to_fp) {
        IrTemp v = read_x(ctx, rn);
        if (upper) { /* FMOV Vd.D[1], Xn: the low half stays */
            ir_st_env(B, IR_I64, v, vreg_offset(rd) + 8, IR_MO_64);
            return true;
        }
        if (!sf) {
            IrTemp w = tmp64(ctx);
            ir_unop(B, IR_EXT32U, IR_I64, w, v);
            v = w;
        }
        write_fp(ctx, rd, v);
        return true;
    }
    IrTemp v = tmp64(ctx);
    ir_ld_env(B, IR_I64, v, vreg_offset(rn) + (upper ? 8 : 0), sf ? IR_MO_64 : IR_MO_32);
    write_x(ctx, rd, v);
    return true;
}

/* sf 0 S 11110 type 1 rmode opcode 000000 Rn Rd */
bool arm_trans_fp_int(DisasContext *ctx, uint32_t insn)
{
    static const uint8_t rmodes[4] = {FLOAT_RNE, FLOAT_RUP, FLOAT_RDN, FLOAT_RTZ};
    bool sf = insn >> 31;
    unsigned type = bits(insn, 22, 2), rmode = bits(insn, 19, 2), opc = bits(insn, 16, 3);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5);
    if (bits(insn, 29, 1)) {
        return false;
    }
    if (opc >= 6) {
        return gen_fmov_gen(ctx, sf, type, rmode, opc == 7, rd, rn);
    }
    if (type > 1 || (opc >= 2 && rmode != 0)) {
        return false; /* half precision is FEAT_FP16 */
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    switch (opc) {
    case 0: case 1: /* FCVTNS/NU, PS/PU, MS/MU, ZS/ZU */
        gen_f2i(ctx, sf, type, opc == 1, rd, rn, 0, rmodes[rmode]);
        break;
    case 4: case 5: /* FCVTAS, FCVTAU */
        gen_f2i(ctx, sf, type, opc == 5, rd, rn, 0, FLOAT_RMM);
        break;
    default: /* SCVTF, UCVTF */
        gen_i2f(ctx, sf, type, opc == 3, rd, rn, 0);
        break;
    }
    return true;
}

/* sf 0 S 11110 type 0 rmode opcode scale Rn Rd: fbits = 64 - scale. */
bool arm_trans_fp_fixed(DisasContext *ctx, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned type = bits(insn, 22, 2), rmode = bits(insn, 19, 2), opc = bits(insn, 16, 3);
    unsigned scale = bits(insn, 10, 6);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5);
    if (bits(insn, 29, 1) || type > 1 || (!sf && scale < 32)) {
        return false;
    }
    bool to_int = rmode == 3 && opc <= 1, to_fp = rmode == 0 && (opc == 2 || opc == 3);
    if (!to_int && !to_fp) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    int fbits = 64 - (int)scale;
    if (to_int) {
        gen_f2i(ctx, sf, type, opc == 1, rd, rn, fbits, FLOAT_RTZ);
    } else {
        gen_i2f(ctx, sf, type, opc == 3, rd, rn, fbits);
    }
    return true;
}
