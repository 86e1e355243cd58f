/*
 * core/arm/trans_ldst_excl.c — A64 load/store exclusive, load-acquire/store-release and
 * compare-and-swap (bits 29:24 = 001000, ARM ARM C4.1.66): LDXR/STXR, LDAXR/STLXR of
 * every size, LDXP/STXP/LDAXP/STLXP, LDAR/STLR, and with LSE (ARMv8.1) CAS and CASP in
 * all their acquire/release forms.
 *
 * Exclusives and CAS are helpers (helper.c, atomic_helper.c): host compare-and-swaps on
 * guest RAM, so they hold across vCPU threads.  Memory ordering: an acquire is a fence
 * after the access, a release a fence before it; STLR also fences after its store so that
 * a later LDAR cannot pass it (RCsc, which a host may otherwise break: x86 reorders a
 * store with a later load).  Field checks follow QEMU: Rs and Rt2 are ignored where the
 * encoding has them as (1)s, except for CAS/CASP, which need Rt2 = 31 (and CASP even Rs
 * and Rt: odd ones are UNDEFINED).  Rs equal to Rt or Rn (CONSTRAINED UNPREDICTABLE)
 * simply takes the status last, as on QEMU.
 */
#include "core/arm/atomic_helper.h"
#include "core/arm/helper.h"
#include "core/arm/trans_ldst.h"

#define B (ctx->b)

/* The clean address of [Xn|SP] (no offset in this group). */
static IrTemp excl_addr(DisasContext *ctx, int rn)
{
    gen_check_sp_align(ctx, rn);
    return gen_addr_clean(ctx, read_xsp(ctx, rn));
}

static bool trans_stxr(DisasContext *ctx, int size, bool rel, int rs, int rt, int rn)
{
    IrTemp addr = excl_addr(ctx, rn), st = tmp64(ctx);
    if (rel) {
        ir_fence(B);
    }
    gen_helper(ctx, &arm_hlp_stxr, st, addr, read_x(ctx, rt), const64(ctx, (uint64_t)size),
               const64(ctx, (uint64_t)ctx->mem_idx));
    write_x(ctx, rs, st);
    return true;
}

static bool trans_ldxr(DisasContext *ctx, int size, bool acq, int rt, int rn)
{
    IrTemp addr = excl_addr(ctx, rn), v = tmp64(ctx);
    gen_helper(ctx, &arm_hlp_ldxr, v, addr, const64(ctx, (uint64_t)size),
               const64(ctx, (uint64_t)ctx->mem_idx), IR_NO_TEMP);
    if (acq) {
        ir_fence(B);
    }
    write_x(ctx, rt, v);
    return true;
}

static bool trans_stxp(DisasContext *ctx, int esize, bool rel, int rs, int rt, int rt2, int rn)
{
    IrTemp addr = excl_addr(ctx, rn), st = tmp64(ctx);
    if (rel) {
        ir_fence(B);
    }
    gen_helper(ctx, &arm_hlp_stxp, st, addr, read_x(ctx, rt), read_x(ctx, rt2),
               const64(ctx, (uint64_t)esize | (uint64_t)ctx->mem_idx << 4));
    write_x(ctx, rs, st);
    return true;
}

static bool trans_ldxp(DisasContext *ctx, int esize, bool acq, int rt, int rt2, int rn)
{
    IrTemp addr = excl_addr(ctx, rn), v1 = tmp64(ctx), v2 = tmp64(ctx);
    gen_helper(ctx, &arm_hlp_ldxp, v1, addr, const64(ctx, (uint64_t)esize),
               const64(ctx, (uint64_t)ctx->mem_idx), IR_NO_TEMP);
    ir_call(B, &arm_hlp_ldxp_hi, IR_I64, v2, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    if (acq) {
        ir_fence(B);
    }
    /* Rt == Rt2 (CONSTRAINED UNPREDICTABLE): Rt2's value stays, as on QEMU */
    write_x(ctx, rt, v1);
    write_x(ctx, rt2, v2);
    return true;
}

static bool trans_stlr(DisasContext *ctx, int size, int rt, int rn)
{
    IrTemp addr = excl_addr(ctx, rn);
    ir_fence(B);
    gen_st(ctx, IR_I64, read_x(ctx, rt), addr, (unsigned)size | IR_MO_ALIGN, ctx->mem_idx);
    ir_fence(B);
    return true;
}

static bool trans_ldar(DisasContext *ctx, int size, int rt, int rn)
{
    IrTemp addr = excl_addr(ctx, rn), v = tmp64(ctx);
    gen_ld(ctx, IR_I64, v, addr, (unsigned)size | IR_MO_ALIGN, ctx->mem_idx);
    ir_fence(B);
    write_x(ctx, rt, v);
    return true;
}

/* CAS{A}{L}{B,H,W,X}: Rs = the old value; memory = Rt if it equalled Rs. */
static bool trans_cas(DisasContext *ctx, int size, int rs, int rt, int rn)
{
    IrTemp addr = excl_addr(ctx, rn), old = tmp64(ctx);
    gen_helper(ctx, &arm_hlp_cas, old, addr, read_x(ctx, rs), read_x(ctx, rt),
               const64(ctx, (uint64_t)size | (uint64_t)ctx->mem_idx << 8));
    write_x(ctx, rs, old);
    return true;
}

/* CASP{A}{L} of W (esize 2) or X (3) pairs. */
static bool trans_casp(DisasContext *ctx, int esize, int rs, int rt, int rn)
{
    if ((rs | rt) & 1) {
        return false;
    }
    IrTemp addr = excl_addr(ctx, rn);
    gen_helper(ctx, &arm_hlp_casp, IR_NO_TEMP, addr,
               const64(ctx, (uint64_t)rs | (uint64_t)rt << 5 | (uint64_t)esize << 10 |
                                (uint64_t)ctx->mem_idx << 12),
               IR_NO_TEMP, IR_NO_TEMP);
    return true;
}

bool trans_ldst_excl(DisasContext *ctx, uint32_t insn)
{
    int size = (int)bits(insn, 30, 2);
    int rt = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rt2 = (int)bits(insn, 10, 5);
    int rs = (int)bits(insn, 16, 5);
    bool o0 = (insn >> 15) & 1;
    bool cas_ok = ctx->feat->lse && rt2 == 31;
    switch (bits(insn, 21, 3)) { /* o2:L:o1 */
    case 0:
        return trans_stxr(ctx, size, o0, rs, rt, rn);
    case 2:
        return trans_ldxr(ctx, size, o0, rt, rn);
    case 1: /* STXP, or CASP{L} */
        if (size & 2) {
            return trans_stxp(ctx, 2 + (size & 1), o0, rs, rt, rt2, rn);
        }
        return cas_ok && trans_casp(ctx, 2 + size, rs, rt, rn);
    case 3: /* LDXP, or CASPA{L} */
        if (size & 2) {
            return trans_ldxp(ctx, 2 + (size & 1), o0, rt, rt2, rn);
        }
        return cas_ok && trans_casp(ctx, 2 + size, rs, rt, rn);
    case 4: /* STLR (o0 = 0: STLLR, ARMv8.1 LOR) */
        return o0 && trans_stlr(ctx, size, rt, rn);
    case 6: /* LDAR (o0 = 0: LDLAR) */
        return o0 && trans_ldar(ctx, size, rt, rn);
    default: /* 5: CAS{L}, 7: CASA{L} */
        return cas_ok && trans_cas(ctx, size, rs, rt, rn);
    }
}
