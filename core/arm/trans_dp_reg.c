/*
 * core/arm/trans_dp_reg.c — A64 data processing — register (op0 = x101).  Not implemented yet: every encoding of the group
 * is UNDEFINED, as on a CPU without it.
 */
#include "core/arm/translate.h"

bool arm_trans_dp_reg(DisasContext *ctx, uint32_t insn)
{
    (void)ctx, (void)insn;
    return false;
}
