/*
 * core/arm/trans_simd.c — A64 AdvSIMD and crypto.  Not implemented yet: every encoding of the group
 * is UNDEFINED, as on a CPU without it.
 */
#include "core/arm/translate.h"

bool arm_trans_simd(DisasContext *ctx, uint32_t insn)
{
    (void)ctx, (void)insn;
    return false;
}
