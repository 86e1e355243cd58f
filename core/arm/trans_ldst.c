/*
 * core/arm/trans_ldst.c — A64 loads and stores (op0 = x1x0).  Not implemented yet: every encoding of the group
 * is UNDEFINED, as on a CPU without it.
 */
#include "core/arm/translate.h"

bool arm_trans_ldst(DisasContext *ctx, uint32_t insn)
{
    (void)ctx, (void)insn;
    return false;
}
