/*
 * core/arm/trans_fp.h — what the scalar floating-point files (trans_fp.c, trans_fp_cvt.c)
 * share.
 */
#ifndef CORE_ARM_TRANS_FP_H
#define CORE_ARM_TRANS_FP_H

#include "core/arm/translate.h"

#define fp_type_size a64_fp_type_size
#define read_fp a64_read_fp
#define write_fp a64_write_fp
#define gen_fp_call a64_gen_fp_call

/* The ftype field (bits 23:22) as log2 of the size in bytes: 2 single, 3 double, 1 half;
 * -1 for the unallocated 0b10. */
int fp_type_size(int type);
/* The low 2^size bytes of Vn, zero-extended (an I64 temp). */
IrTemp read_fp(DisasContext *ctx, int n, int size);
/* Vd = v (an I64 value already zero-extended from the element size), bytes 8..15 zero. */
void write_fp(DisasContext *ctx, int d, IrTemp v);
/* A helper call with an I64 result. */
IrTemp gen_fp_call(DisasContext *ctx, const IrHelper *h, IrTemp a, IrTemp b, IrTemp c,
                   IrTemp d);

/* The integer and fixed-point conversions and FMOV to/from general registers
 * (trans_fp_cvt.c). */
bool arm_trans_fp_int(DisasContext *ctx, uint32_t insn);
bool arm_trans_fp_fixed(DisasContext *ctx, uint32_t insn);

#endif
