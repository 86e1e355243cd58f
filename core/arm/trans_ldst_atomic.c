/*
 * core/arm/trans_ldst_atomic.c — A64 atomic memory operations (ARMv8.1 LSE, ARM ARM
 * C4.1.66 "Atomic memory operations"): LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN,
 * LDUMAX, LDUMIN and SWP of bytes, halfwords, words and doublewords, with and without
 * acquire (A) and release (R); the ST<op> aliases are the forms with Rt = XZR.
 *
 * Each is one host read-modify-write (atomic_helper.c), a full barrier, so A and R add
 * nothing.  The old value goes to Rt zero-extended; a W result is zero-extended to X.
 * LDAPR (o3 = 1, opc = 100, ARMv8.3) is not implemented: UNDEFINED.
 */
#include "core/arm/atomic_helper.h"
#include "core/arm/trans_ldst.h"

#define B (ctx->b)

bool trans_ldst_atomic(DisasContext *ctx, uint32_t insn)
{
    unsigned size = bits(insn, 30, 2), opc = bits(insn, 12, 3);
    bool o3 = (insn >> 15) & 1, vector = (insn >> 26) & 1;
    int rt = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rs = (int)bits(insn, 16, 5);
    if (vector || !ctx->feat->lse) {
        return false;
    }
    unsigned op;
    if (!o3) {
        op = opc;
    } else if (opc == 0) {
        op = ARM_ATOMIC_SWP;
    } else {
        return false;
    }
    gen_check_sp_align(ctx, rn);
    IrTemp addr = gen_addr_clean(ctx, read_xsp(ctx, rn)), old = tmp64(ctx);
    gen_helper(ctx, &arm_hlp_atomic, old, addr, read_x(ctx, rs),
               const64(ctx, size | op << 2 | (uint64_t)ctx->mem_idx << 8), IR_NO_TEMP);
    write_x(ctx, rt, old);
    return true;
}
