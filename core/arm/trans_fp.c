/*
 * core/arm/trans_fp.c — A64 scalar floating point (0x1e/0x1f with bit 30 clear).  Not implemented yet: every encoding of the group
 * is UNDEFINED, as on a CPU without it.
 */
#include "core/arm/translate.h"

bool arm_trans_fp(DisasContext *ctx, uint32_t insn)
{
    (void)ctx, (void)insn;
    return false;
}
