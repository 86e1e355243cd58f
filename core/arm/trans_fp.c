/*
 * core/arm/trans_fp.c — A64 scalar floating point (op0 = x111 with bits 28:24 = 1111x and
 * bit 30 clear; ARM ARM C4.1.96 "Data Processing -- Scalar Floating-Point and Advanced
 * SIMD", the scalar FP subgroups): FMOV (register, general, immediate), the one-, two- and
 * three-source operations, FCMP/FCMPE, FCCMP/FCCMPE, FCSEL, FCVT between precisions, FRINT*,
 * and the conversions to and from integer and fixed point (trans_fp_cvt.c).
 *
 * Single and double precision; half precision only as a conversion source or target
 * (FCVT): its arithmetic, moves and compares are FEAT_FP16, not implemented (UNDEFINED).
 * Moves, FABS, FNEG and FCSEL are plain IR; everything that rounds or raises a flag is one
 * call of a helper in fp_helper.c.  Operands are read from the vector registers with
 * ld_env (zero-extended to I64) and results written back with the rest of the 128-bit
 * register zeroed.
 */
#include "core/arm/fp_helper.h"
#include "core/arm/trans_fp.h"

#define B (ctx->b)
#define NT IR_NO_TEMP

int fp_type_size(int type)
{
    switch (type) {
    case 0:
        return 2; /* single */
    case 1:
        return 3; /* double */
    case 3:
        return 1; /* half */
    default:
        return -1;
    }
}

IrTemp read_fp(DisasContext *ctx, int n, int size)
{
    IrTemp t = tmp64(ctx);
    ir_ld_env(B, IR_I64, t, vreg_offset(n), (unsigned)size);
    return t;
}

void write_fp(DisasContext *ctx, int d, IrTemp v)
{
    ir_st_env(B, IR_I64, v, vreg_offset(d), IR_MO_64);
    clear_vreg_high(ctx, d);
}

IrTemp gen_fp_call(DisasContext *ctx, const IrHelper *h, IrTemp a, IrTemp b, IrTemp c,
                   IrTemp d)
{
    IrTemp r = tmp64(ctx);
    gen_helper(ctx, h, r, a, b, c, d);
    return r;
}

/* Bit 31 (M) and bit 29 (S) are 0 for everything but the integer conversions. */
static bool ms_zero(uint32_t insn)
{
    return (insn & 0xa0000000u) == 0;
}

/* FMOV/FABS/FNEG (bits ^ mask), FSQRT, FCVT, FRINT*. */
static bool trans_fp_1src(DisasContext *ctx, uint32_t insn)
{
    unsigned type = bits(insn, 22, 2), opc = bits(insn, 15, 6);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5);
    int size = fp_type_size((int)type);
    if (!ms_zero(insn) || size < 0) {
        return false;
    }
    if (size == 1 && opc != 4 && opc != 5) {
        return false; /* half precision: only FCVT Sd/Dd, Hn without FEAT_FP16 */
    }
    const IrHelper *h = NULL;
    uint64_t arg = 0;
    IrTemp r;
    switch (opc) {
    case 0: case 1: case 2: /* FMOV, FABS, FNEG */
        if (!fp_access_check(ctx)) {
            return true;
        }
        r = read_fp(ctx, rn, size);
        if (opc != 0) {
            uint64_t sign = 1ull << ((8 << size) - 1);
            ir_binopi(B, opc == 1 ? IR_AND : IR_XOR, IR_I64, r, r, opc == 1 ? sign - 1 : sign);
        }
        write_fp(ctx, rd, r);
        return true;
    case 3:
        h = size == 2 ? &arm_hlp_fsqrt_s : &arm_hlp_fsqrt_d;
        break;
    case 4: case 5: case 7: { /* FCVT to single, double, half */
        static const IrHelper *const cvt[3][3] = {
            /* from single, double, half (rows) to single, double, half */
            {NULL, &arm_hlp_fcvt_sd, &arm_hlp_fcvt_sh},
            {&arm_hlp_fcvt_ds, NULL, &arm_hlp_fcvt_dh},
            {&arm_hlp_fcvt_hs, &arm_hlp_fcvt_hd, NULL},
        };
        int from = size == 2 ? 0 : size == 3 ? 1 : 2, to = opc == 7 ? 2 : (int)opc - 4;
        h = cvt[from][to];
        if (!h) {
            return false;
        }
        break;
    }
    case 8: case 9: case 10: case 11: case 12: case 14: case 15: {
        /* FRINTN, P, M, Z, A, (13 unallocated), X, I */
        static const uint8_t modes[8] = {FLOAT_RNE, FLOAT_RUP, FLOAT_RDN, FLOAT_RTZ,
                                         FLOAT_RMM, 0, ARM_RINT_FPCR_EXACT, ARM_RINT_FPCR};
        h = size == 2 ? &arm_hlp_frint_s : &arm_hlp_frint_d;
        arg = modes[opc - 8];
        break;
    }
    default: /* FRINT32Z ... (FEAT_FRINTTS), BFCVT: not implemented */
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    r = gen_fp_call(ctx, h, read_fp(ctx, rn, size), const64(ctx, arg), NT, NT);
    write_fp(ctx, rd, r);
    return true;
}

/* FMUL FDIV FADD FSUB FMAX FMIN FMAXNM FMINNM FNMUL */
static bool trans_fp_2src(DisasContext *ctx, uint32_t insn)
{
    static const IrHelper *const ops[9][2] = {
        {&arm_hlp_fmul_s, &arm_hlp_fmul_d},     {&arm_hlp_fdiv_s, &arm_hlp_fdiv_d},
        {&arm_hlp_fadd_s, &arm_hlp_fadd_d},     {&arm_hlp_fsub_s, &arm_hlp_fsub_d},
        {&arm_hlp_fmax_s, &arm_hlp_fmax_d},     {&arm_hlp_fmin_s, &arm_hlp_fmin_d},
        {&arm_hlp_fmaxnm_s, &arm_hlp_fmaxnm_d}, {&arm_hlp_fminnm_s, &arm_hlp_fminnm_d},
        {&arm_hlp_fnmul_s, &arm_hlp_fnmul_d},
    };
    unsigned type = bits(insn, 22, 2), opc = bits(insn, 12, 4);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if (!ms_zero(insn) || type > 1 || opc > 8) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    int size = fp_type_size((int)type);
    IrTemp r = gen_fp_call(ctx, ops[opc][type], read_fp(ctx, rn, size), read_fp(ctx, rm, size),
                           NT, NT);
    write_fp(ctx, rd, r);
    return true;
}

/* FMADD FMSUB FNMADD FNMSUB: d = (+-a) + (+-n) * m, one rounding. */
static bool trans_fp_3src(DisasContext *ctx, uint32_t insn)
{
    unsigned type = bits(insn, 22, 2), o1 = bits(insn, 21, 1), o0 = bits(insn, 15, 1);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), ra = (int)bits(insn, 10, 5);
    int rm = (int)bits(insn, 16, 5);
    if (!ms_zero(insn) || type > 1) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    int size = fp_type_size((int)type);
    uint64_t neg = (o0 != o1 ? ARM_FMA_NEG_PRODUCT : 0) | (o1 ? ARM_FMA_NEG_ADDEND : 0);
    IrTemp r = gen_fp_call(ctx, type ? &arm_hlp_fmadd_d : &arm_hlp_fmadd_s,
                           read_fp(ctx, rn, size), read_fp(ctx, rm, size),
                           read_fp(ctx, ra, size), const64(ctx, neg));
    write_fp(ctx, rd, r);
    return true;
}

/* NZCV (bits 3:0 of an I64 temp) into the lazy flags. */
static void gen_set_nzcv_nibble(DisasContext *ctx, IrTemp v)
{
    ir_binopi(B, IR_SHL, IR_I64, ctx->nf, v, 60);
    ir_binopi(B, IR_AND, IR_I64, ctx->zf, v, 4);
    ir_binopi(B, IR_XOR, IR_I64, ctx->zf, ctx->zf, 4);
    ir_binopi(B, IR_SHR, IR_I64, ctx->cf, v, 1);
    ir_binopi(B, IR_AND, IR_I64, ctx->cf, ctx->cf, 1);
    ir_binopi(B, IR_SHL, IR_I64, ctx->vf, v, 63);
}

/* The compare itself: cond_nzcv is the helper's last argument (cond | nzcv << 1). */
static void gen_fcmp(DisasContext *ctx, unsigned type, int rn, IrTemp m, bool signal,
                     IrTemp cond_nzcv)
{
    IrTemp r = gen_fp_call(ctx, type ? &arm_hlp_fcmp_d : &arm_hlp_fcmp_s,
                           read_fp(ctx, rn, fp_type_size((int)type)), m,
                           const64(ctx, signal), cond_nzcv);
    gen_set_nzcv_nibble(ctx, r);
}

/* FCMP, FCMPE (bit 4), with zero (bit 3). */
static bool trans_fp_cmp(DisasContext *ctx, uint32_t insn)
{
    unsigned type = bits(insn, 22, 2), op = bits(insn, 14, 2), opc2 = bits(insn, 0, 5);
    int rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if (!ms_zero(insn) || type > 1 || op != 0 || (opc2 & 7) != 0) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    IrTemp m = (opc2 & 8) ? const64(ctx, 0) : read_fp(ctx, rm, fp_type_size((int)type));
    gen_fcmp(ctx, type, rn, m, opc2 & 16, const64(ctx, 1));
    return true;
}

/* FCCMP, FCCMPE (bit 4): flags = cond ? FPCompare(n, m) : #nzcv. */
static bool trans_fp_ccmp(DisasContext *ctx, uint32_t insn)
{
    unsigned type = bits(insn, 22, 2), cond = bits(insn, 12, 4), nzcv = bits(insn, 0, 4);
    int rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if (!ms_zero(insn) || type > 1) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    IrTemp arg;
    if (cond >= 14) {
        arg = const64(ctx, 1);
    } else {
        arg = tmp64(ctx);
        ir_binopi(B, IR_OR, IR_I64, arg, gen_cond(ctx, (int)cond), (uint64_t)nzcv << 1);
    }
    gen_fcmp(ctx, type, rn, read_fp(ctx, rm, fp_type_size((int)type)), bits(insn, 4, 1), arg);
    return true;
}

/* FCSEL: d = cond ? n : m (no flags, no NaN processing). */
static bool trans_fp_csel(DisasContext *ctx, uint32_t insn)
{
    unsigned type = bits(insn, 22, 2), cond = bits(insn, 12, 4);
    int rd = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    if (!ms_zero(insn) || type > 1) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    int size = fp_type_size((int)type);
    IrTemp n = read_fp(ctx, rn, size), m = read_fp(ctx, rm, size), r = tmp64(ctx);
    ir_movcond(B, IR_I64, IR_COND_NE, r, gen_cond(ctx, (int)cond), const64(ctx, 0), n, m);
    write_fp(ctx, rd, r);
    return true;
}

/* VFPExpandImm: imm8 = a:b:cdefgh -> sign a, exponent NOT(b):b..b:cd, fraction efgh:0..0. */
static uint64_t vfp_expand_imm(unsigned imm8, int size)
{
    uint64_t sign = imm8 >> 7, b = (imm8 >> 6) & 1, cd = (imm8 >> 4) & 3, efgh = imm8 & 15;
    if (size == 2) {
        uint64_t exp = (b ? 0x7c : 0x80) | cd; /* 8 bits: ~b, b x5, cd */
        return sign << 31 | exp << 23 | efgh << 19;
    }
    uint64_t exp = (b ? 0x3fc : 0x400) | cd; /* 11 bits: ~b, b x8, cd */
    return sign << 63 | exp << 52 | efgh << 48;
}

/* FMOV (scalar, immediate). */
static bool trans_fp_imm(DisasContext *ctx, uint32_t insn)
{
    unsigned type = bits(insn, 22, 2), imm8 = bits(insn, 13, 8), imm5 = bits(insn, 5, 5);
    int rd = (int)bits(insn, 0, 5);
    if (!ms_zero(insn) || type > 1 || imm5 != 0) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    write_fp(ctx, rd, const64(ctx, vfp_expand_imm(imm8, fp_type_size((int)type))));
    return true;
}

static const ArmDecodeLine fp_lines[] = {
    {0x5f000000, 0x1f000000, trans_fp_3src, "fp 3-source"},
    {0x5f200000, 0x1e000000, arm_trans_fp_fixed, "fp <-> fixed"},
    {0x5f20fc00, 0x1e200000, arm_trans_fp_int, "fp <-> int"},
    {0x5f207c00, 0x1e204000, trans_fp_1src, "fp 1-source"},
    {0x5f203c00, 0x1e202000, trans_fp_cmp, "fp compare"},
    {0x5f201c00, 0x1e201000, trans_fp_imm, "fp immediate"},
    {0x5f200c00, 0x1e200400, trans_fp_ccmp, "fp cond compare"},
    {0x5f200c00, 0x1e200800, trans_fp_2src, "fp 2-source"},
    {0x5f200c00, 0x1e200c00, trans_fp_csel, "fp cond select"},
};

static ArmDecodeTable fp_table = ARM_DECODE_TABLE(fp_lines);

bool arm_trans_fp(DisasContext *ctx, uint32_t insn)
{
    return arm_decode_run(&fp_table, ctx, insn);
}
