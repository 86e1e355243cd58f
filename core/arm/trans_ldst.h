/*
 * core/arm/trans_ldst.h — what the files of the A64 "loads and stores" group share
 * (trans_ldst.c: the group's table, single registers and pairs; trans_ldst_excl.c:
 * exclusives, acquire/release, CAS/CASP; trans_ldst_atomic.c: the LSE memory operations;
 * trans_ldst_simd.c: the AdvSIMD structure loads and stores).
 */
#ifndef CORE_ARM_TRANS_LDST_H
#define CORE_ARM_TRANS_LDST_H

#include "core/arm/translate.h"

#define trans_ldst_excl a64_trans_ldst_excl
#define trans_ldst_atomic a64_trans_ldst_atomic
#define trans_ldst_simd_multi a64_trans_ldst_simd_multi
#define trans_ldst_simd_single a64_trans_ldst_simd_single
#define gen_check_align16 a64_gen_check_align16

/* Load/store exclusive, load-acquire/store-release, CAS, CASP (bits 29:24 = 001000). */
bool trans_ldst_excl(DisasContext *ctx, uint32_t insn);
/* LSE atomic memory operations: LDADD ... LDUMIN, SWP (and the ST* aliases). */
bool trans_ldst_atomic(DisasContext *ctx, uint32_t insn);
/* AdvSIMD load/store multiple structures (LD1-LD4/ST1-ST4), with and without post-index. */
bool trans_ldst_simd_multi(DisasContext *ctx, uint32_t insn);
/* AdvSIMD load/store single structure (lanes, LD1R-LD4R), with and without post-index. */
bool trans_ldst_simd_single(DisasContext *ctx, uint32_t insn);

/* With SCTLR.A (the TB's ARM_TBF_ALIGN), raise the alignment fault unless the (clean)
 * address is 16-byte aligned: the 128-bit accesses, which gen_ld/gen_st split in two. */
void gen_check_align16(DisasContext *ctx, IrTemp addr, bool write);

#endif
