/*
 * core/arm/trans_ldst.c — A64 "loads and stores" (op0 = x1x0, ARM ARM C4.1.66): the
 * group's decode table, and the single-register and pair forms — load/store register
 * (unsigned immediate, unscaled, pre/post-index, register offset, unprivileged), literal
 * loads, PRFM, LDP/STP/LDPSW/LDNP/STNP — of general and SIMD&FP registers.  Exclusives,
 * acquire/release and CAS are in trans_ldst_excl.c, the LSE memory operations in
 * trans_ldst_atomic.c, the AdvSIMD structures in trans_ldst_simd.c.
 *
 * Every form computes its address and write-back value first, makes all its accesses,
 * and only then writes registers: a fault leaves them unchanged, and a load into the base
 * register with write-back (CONSTRAINED UNPREDICTABLE) ends with the written-back address,
 * as on QEMU.
 */
#include "core/arm/atomic_helper.h"
#include "core/arm/trans_ldst.h"

#define B (ctx->b)

void gen_check_align16(DisasContext *ctx, IrTemp addr, bool write)
{
    if (!(ctx->flags & ARM_TBF_ALIGN)) {
        return;
    }
    IrLabel ok = ir_label_new(B);
    IrTemp t = tmp64(ctx);
    ir_binopi(B, IR_AND, IR_I64, t, addr, 15);
    ir_brcondi(B, IR_I64, IR_COND_EQ, t, 0, ok);
    gen_helper(ctx, &arm_hlp_align_fault, IR_NO_TEMP, addr, const64(ctx, write), IR_NO_TEMP,
               IR_NO_TEMP);
    ir_label(B, ok);
}

/* ---- SIMD&FP registers: 2^size bytes (size 0..4) between Vt and memory ---- */

typedef struct FpVal {
    IrTemp lo, hi; /* hi only for size 4 */
} FpVal;

static FpVal fp_load(DisasContext *ctx, IrTemp addr, int size, int mmu)
{
    FpVal v = {tmp64(ctx), IR_NO_TEMP};
    if (size < 4) {
        gen_ld(ctx, IR_I64, v.lo, addr, (unsigned)size, mmu);
        return v;
    }
    IrTemp a8 = tmp64(ctx);
    gen_check_align16(ctx, addr, false);
    ir_binopi(B, IR_ADD, IR_I64, a8, addr, 8);
    v.hi = tmp64(ctx);
    gen_ld(ctx, IR_I64, v.lo, addr, IR_MO_64, mmu);
    gen_ld(ctx, IR_I64, v.hi, a8, IR_MO_64, mmu);
    return v;
}

/* A scalar load writes the whole register: the bytes above the value are zero. */
static void fp_write(DisasContext *ctx, int rt, FpVal v)
{
    ir_st_env(B, IR_I64, v.lo, vreg_offset(rt), IR_MO_64);
    if (v.hi != IR_NO_TEMP) {
        ir_st_env(B, IR_I64, v.hi, vreg_offset(rt) + 8, IR_MO_64);
    } else {
        clear_vreg_high(ctx, rt);
    }
}

static void fp_store(DisasContext *ctx, int rt, IrTemp addr, int size, int mmu)
{
    IrTemp lo = tmp64(ctx);
    ir_ld_env(B, IR_I64, lo, vreg_offset(rt), IR_MO_64);
    if (size < 4) {
        gen_st(ctx, IR_I64, lo, addr, (unsigned)size, mmu);
        return;
    }
    IrTemp hi = tmp64(ctx), a8 = tmp64(ctx);
    gen_check_align16(ctx, addr, true);
    ir_ld_env(B, IR_I64, hi, vreg_offset(rt) + 8, IR_MO_64);
    ir_binopi(B, IR_ADD, IR_I64, a8, addr, 8);
    gen_st(ctx, IR_I64, lo, addr, IR_MO_64, mmu);
    gen_st(ctx, IR_I64, hi, a8, IR_MO_64, mmu);
}

/* ---- load/store register ---- */

typedef enum AddrMode { MODE_OFFSET, MODE_PRE, MODE_POST } AddrMode;

/* What size:V:opc (bits 31:30, 26, 23:22) of a single-register form ask for. */
typedef struct LdstOp {
    bool vector, load, prfm;
    int size;          /* log2 bytes; 4 = Q */
    bool sign;         /* LDRS*: sign-extend ... */
    bool sign32;       /* ... to 32 bits (else to 64) */
} LdstOp;

static bool decode_ldst_op(uint32_t insn, LdstOp *op)
{
    unsigned size = bits(insn, 30, 2), opc = bits(insn, 22, 2);
    *op = (LdstOp){0};
    op->size = (int)size;
    if (insn & (1u << 26)) {
        op->vector = true;
        if (opc & 2) {
            if (size != 0) {
                return false;
            }
            op->size = 4;
        }
        op->load = opc & 1;
        return true;
    }
    switch (opc) {
    case 0:
        return true;
    case 1:
        op->load = true;
        return true;
    case 2:
        if (size == 3) {
            op->prfm = true;
        } else {
            op->load = op->sign = true;
        }
        return true;
    default:
        if (size >= 2) {
            return false;
        }
        op->load = op->sign = op->sign32 = true;
        return true;
    }
}

/* The access of a decoded single-register form at the clean address addr; a load returns
 * the value for Xt (IR_NO_TEMP for a store). */
static IrTemp ldst_access(DisasContext *ctx, const LdstOp *op, int rt, IrTemp addr, int mmu)
{
    if (op->vector) {
        if (!op->load) {
            fp_store(ctx, rt, addr, op->size, mmu);
        }
        return IR_NO_TEMP; /* vector loads are written by ldst_finish */
    }
    if (!op->load) {
        gen_st(ctx, IR_I64, read_x(ctx, rt), addr, (unsigned)op->size, mmu);
        return IR_NO_TEMP;
    }
    IrTemp v = tmp64(ctx);
    gen_ld(ctx, IR_I64, v, addr, (unsigned)op->size | (op->sign ? IR_MO_SIGN : 0), mmu);
    if (op->sign32) {
        ir_unop(B, IR_EXT32U, IR_I64, v, v);
    }
    return v;
}

/* The common path of every single-register form but the literal one: base Rn (SP for
 * 31), offset off (an I64 temp), the addressing mode, the MMU index. */
static bool do_ldst(DisasContext *ctx, uint32_t insn, IrTemp off, AddrMode mode, int mmu)
{
    LdstOp op;
    int rt = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5);
    if (!decode_ldst_op(insn, &op)) {
        return false;
    }
    if (op.prfm) {
        return true; /* a hint: no access, no fault */
    }
    if (op.vector && !fp_access_check(ctx)) {
        return true;
    }
    gen_check_sp_align(ctx, rn);
    IrTemp base = read_xsp(ctx, rn), addr = tmp64(ctx), wb = IR_NO_TEMP;
    ir_binop(B, IR_ADD, IR_I64, addr, base, off);
    if (mode == MODE_POST) {
        wb = addr;
        addr = tmp64(ctx);
        ir_mov(B, IR_I64, addr, base);
    } else if (mode == MODE_PRE) {
        wb = addr;
    }
    IrTemp clean = gen_addr_clean(ctx, addr);
    if (op.vector && op.load) {
        fp_write(ctx, rt, fp_load(ctx, clean, op.size, mmu));
    } else {
        IrTemp v = ldst_access(ctx, &op, rt, clean, mmu);
        if (v != IR_NO_TEMP) {
            write_x(ctx, rt, v);
        }
    }
    if (wb != IR_NO_TEMP) {
        write_xsp(ctx, rn, wb);
    }
    return true;
}

/* LDR/STR (unsigned immediate): imm12 scaled by the access size. */
static bool trans_ldst_uimm(DisasContext *ctx, uint32_t insn)
{
    int scale = (int)bits(insn, 30, 2);
    if ((insn & (1u << 26)) && (insn & (1u << 23))) {
        scale = 4;
    }
    return do_ldst(ctx, insn, const64(ctx, (uint64_t)bits(insn, 10, 12) << scale), MODE_OFFSET,
                   ctx->mem_idx);
}

/* LDUR/STUR, post-index, LDTR/STTR, pre-index (bits 11:10 = 00, 01, 10, 11): imm9. */
static bool trans_ldst_imm9(DisasContext *ctx, uint32_t insn)
{
    unsigned kind = bits(insn, 10, 2);
    IrTemp off = const64(ctx, (uint64_t)(int64_t)sbits(insn, 12, 9));
    LdstOp op;
    if (!decode_ldst_op(insn, &op)) {
        return false;
    }
    switch (kind) {
    case 0: /* unscaled (PRFUM included) */
        return do_ldst(ctx, insn, off, MODE_OFFSET, ctx->mem_idx);
    case 2: /* unprivileged: at EL1 with EL0's permissions */
        if (op.vector || op.prfm) {
            return false;
        }
        return do_ldst(ctx, insn, off, MODE_OFFSET, ctx->el == 1 ? ARM_MMU_EL0 : ctx->mem_idx);
    default:
        if (op.prfm) {
            return false;
        }
        return do_ldst(ctx, insn, off, kind == 1 ? MODE_POST : MODE_PRE, ctx->mem_idx);
    }
}

/* Register offset: Rm extended (UXTW, LSL, SXTW, SXTX) and shifted by 0 or the size. */
static bool trans_ldst_roff(DisasContext *ctx, uint32_t insn)
{
    unsigned option = bits(insn, 13, 3);
    int rm = (int)bits(insn, 16, 5);
    int scale = (int)bits(insn, 30, 2);
    if ((insn & (1u << 26)) && (insn & (1u << 23))) {
        scale = 4;
    }
    if (!(option & 2)) {
        return false;
    }
    IrTemp off = tmp64(ctx);
    if (option == 2) {
        ir_unop(B, IR_EXT32U, IR_I64, off, read_x(ctx, rm));
    } else if (option == 6) {
        ir_unop(B, IR_EXT32S, IR_I64, off, read_x(ctx, rm));
    } else {
        ir_mov(B, IR_I64, off, read_x(ctx, rm));
    }
    if (insn & (1u << 12)) {
        ir_binopi(B, IR_SHL, IR_I64, off, off, (uint64_t)scale);
    }
    return do_ldst(ctx, insn, off, MODE_OFFSET, ctx->mem_idx);
}

/* LDR (literal): opc 00 W/S, 01 X/D, 10 LDRSW/Q, 11 PRFM (V = 0). */
static bool trans_ld_literal(DisasContext *ctx, uint32_t insn)
{
    unsigned opc = bits(insn, 30, 2);
    bool vector = insn & (1u << 26);
    int rt = (int)bits(insn, 0, 5);
    IrTemp addr = const64(ctx, ctx->pc + (uint64_t)((int64_t)sbits(insn, 5, 19) * 4));
    if (vector) {
        if (opc == 3) {
            return false;
        }
        if (!fp_access_check(ctx)) {
            return true;
        }
        fp_write(ctx, rt, fp_load(ctx, addr, 2 + (int)opc, ctx->mem_idx));
        return true;
    }
    if (opc == 3) {
        return true; /* PRFM (literal) */
    }
    IrTemp v = tmp64(ctx);
    gen_ld(ctx, IR_I64, v, addr, opc == 0 ? IR_MO_32 : opc == 1 ? IR_MO_64 : IR_MO_32 | IR_MO_SIGN,
           ctx->mem_idx);
    write_x(ctx, rt, v);
    return true;
}

/* ---- pairs: LDP/STP/LDPSW/LDNP/STNP (bits 24:23: 00 no-allocate, 01 post, 10 offset,
 * 11 pre) ---- */

static bool trans_ldst_pair(DisasContext *ctx, uint32_t insn)
{
    unsigned opc = bits(insn, 30, 2), kind = bits(insn, 23, 2);
    bool vector = insn & (1u << 26), load = insn & (1u << 22);
    int rt = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rt2 = (int)bits(insn, 10, 5);
    AddrMode mode = kind == 1 ? MODE_POST : kind == 3 ? MODE_PRE : MODE_OFFSET;
    bool sign = false;
    int size;
    if (opc == 3) {
        return false;
    }
    if (vector) {
        size = 2 + (int)opc;
    } else {
        if (opc == 1 && (!load || kind == 0)) {
            return false; /* STGP (MTE); no LDNPSW */
        }
        sign = opc == 1;
        size = opc == 2 ? 3 : 2;
    }
    if (vector && !fp_access_check(ctx)) {
        return true;
    }
    gen_check_sp_align(ctx, rn);
    IrTemp base = read_xsp(ctx, rn), addr = tmp64(ctx), wb = IR_NO_TEMP;
    ir_binopi(B, IR_ADD, IR_I64, addr, base, (uint64_t)((int64_t)sbits(insn, 15, 7) << size));
    if (mode == MODE_POST) {
        wb = addr;
        addr = tmp64(ctx);
        ir_mov(B, IR_I64, addr, base);
    } else if (mode == MODE_PRE) {
        wb = addr;
    }
    IrTemp a1 = gen_addr_clean(ctx, addr), a2 = tmp64(ctx);
    ir_binopi(B, IR_ADD, IR_I64, a2, a1, 1ull << size);
    if (vector) {
        if (load) {
            FpVal v1 = fp_load(ctx, a1, size, ctx->mem_idx);
            FpVal v2 = fp_load(ctx, a2, size, ctx->mem_idx);
            fp_write(ctx, rt, v1);
            fp_write(ctx, rt2, v2);
        } else {
            fp_store(ctx, rt, a1, size, ctx->mem_idx);
            fp_store(ctx, rt2, a2, size, ctx->mem_idx);
        }
    } else if (load) {
        unsigned memop = (unsigned)size | (sign ? IR_MO_SIGN : 0);
        IrTemp v1 = tmp64(ctx), v2 = tmp64(ctx);
        gen_ld(ctx, IR_I64, v1, a1, memop, ctx->mem_idx);
        gen_ld(ctx, IR_I64, v2, a2, memop, ctx->mem_idx);
        /* Rt == Rt2 is CONSTRAINED UNPREDICTABLE: Rt's value stays, as on QEMU */
        write_x(ctx, rt2, v2);
        write_x(ctx, rt, v1);
    } else {
        gen_st(ctx, IR_I64, read_x(ctx, rt), a1, (unsigned)size, ctx->mem_idx);
        gen_st(ctx, IR_I64, read_x(ctx, rt2), a2, (unsigned)size, ctx->mem_idx);
    }
    if (wb != IR_NO_TEMP) {
        write_xsp(ctx, rn, wb);
    }
    return true;
}

/* The group (C4.1.66).  Encodings of later architectures (LDAPR, LDRAA, MTE, memory copy,
 * RCpc, LOR) are not here: UNDEFINED. */
static const ArmDecodeLine ldst_lines[] = {
    {0xbfbf0000, 0x0c000000, trans_ldst_simd_multi, "simd ld/st multiple"},
    {0xbfa00000, 0x0c800000, trans_ldst_simd_multi, "simd ld/st multiple (post)"},
    {0xbf9f0000, 0x0d000000, trans_ldst_simd_single, "simd ld/st single"},
    {0xbf800000, 0x0d800000, trans_ldst_simd_single, "simd ld/st single (post)"},
    {0x3f000000, 0x08000000, trans_ldst_excl, "exclusive / acquire-release / cas"},
    {0x3b000000, 0x18000000, trans_ld_literal, "ldr literal"},
    {0x3a000000, 0x28000000, trans_ldst_pair, "ld/st pair"},
    {0x3b200000, 0x38000000, trans_ldst_imm9, "ld/st imm9"},
    {0x3b200c00, 0x38200000, trans_ldst_atomic, "atomic memory op"},
    {0x3b200c00, 0x38200800, trans_ldst_roff, "ld/st register offset"},
    {0x3b000000, 0x39000000, trans_ldst_uimm, "ld/st unsigned imm"},
};

static ArmDecodeTable ldst_table = ARM_DECODE_TABLE(ldst_lines);

bool arm_trans_ldst(DisasContext *ctx, uint32_t insn)
{
    return arm_decode_run(&ldst_table, ctx, insn);
}
