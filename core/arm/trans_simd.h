/*
 * core/arm/trans_simd.h — the inline-IR parts of the AdvSIMD translator
 * (trans_simd_inline.c), used by trans_simd.c's decode table.
 */
#ifndef CORE_ARM_TRANS_SIMD_H
#define CORE_ARM_TRANS_SIMD_H

#include "core/arm/translate.h"

#define arm_simd_inline_copy a64_simd_inline_copy
#define arm_simd_inline_modimm a64_simd_inline_modimm
#define arm_simd_inline_3same a64_simd_inline_3same

/* DUP (element, general), INS (element, general), UMOV, SMOV; scalar DUP. */
bool arm_simd_inline_copy(DisasContext *ctx, uint32_t insn);
/* MOVI/MVNI/ORR/BIC (vector, immediate), FMOV (vector, immediate). */
bool arm_simd_inline_modimm(DisasContext *ctx, uint32_t insn);
/* The vector three-same forms done inline (logical, ADD/SUB); false: not one of them
 * (nothing emitted). */
bool arm_simd_inline_3same(DisasContext *ctx, uint32_t insn);

#endif
