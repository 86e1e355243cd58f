/*
 * core/arm/simd_helper.h — the AdvSIMD and crypto execution functions and what they share.
 *
 * Each encoding class of the AdvSIMD group (ARM ARM C4.1.95: three same, two-register misc,
 * shift by immediate, ...) has one function `bool arm_simd_CLASS(ArmCPU *cpu, uint32_t insn)`
 * that both decodes and executes the instruction word:
 *   - cpu == NULL: only decide whether the encoding is allocated (the translator calls it
 *     once; false = UNDEFINED);
 *   - cpu != NULL: execute it on cpu->v (and cpu->fpsr.QC / cpu->fp_status).
 * One function for both keeps the validity rules and the semantics in one place.  The
 * translated code calls it through the class's helper (trans_simd.c), with the instruction
 * word as a constant.  All sources are read into local copies before the destination is
 * written, so any register may be source and destination.
 */
#ifndef CORE_ARM_SIMD_HELPER_H
#define CORE_ARM_SIMD_HELPER_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/arm/cpu.h"

/* A 128-bit register value, byte i = byte i of the register (little-endian lanes). */
typedef struct Vreg {
    uint8_t b[16];
} Vreg;

typedef __int128 simd_i128;

static inline uint32_t sbit(uint32_t insn, int lo, int len)
{
    return (insn >> lo) & ((1u << len) - 1);
}

static inline Vreg vread(const ArmCPU *cpu, int n)
{
    Vreg r;
    memcpy(r.b, cpu->v[n], 16);
    return r;
}
/* Write Vd; a 64-bit result (q = false) zeros bytes 8..15. */
static inline void vwrite(ArmCPU *cpu, int d, const Vreg *r, bool q)
{
    memcpy(cpu->v[d], r->b, q ? 16 : 8);
    if (!q) {
        memset((uint8_t *)cpu->v[d] + 8, 0, 8);
    }
}
/* Element i of size 2^size bytes, zero-extended / sign-extended. */
static inline uint64_t eget(const Vreg *v, int i, int size)
{
    uint64_t x = 0;
    memcpy(&x, v->b + ((unsigned)i << size), 1u << size);
    return x;
}
static inline int64_t sext(uint64_t x, int size)
{
    int sh = 64 - (8 << size);
    return (int64_t)(x << sh) >> sh;
}
static inline int64_t egets(const Vreg *v, int i, int size)
{
    return sext(eget(v, i, size), size);
}
static inline void eset(Vreg *v, int i, int size, uint64_t x)
{
    memcpy(v->b + ((unsigned)i << size), &x, 1u << size);
}
static inline uint64_t emask(int size)
{
    return size >= 3 ? ~0ull : (1ull << (8 << size)) - 1;
}

/* FPSR.QC (bit 27): a saturating operation saturated. */
static inline void simd_set_qc(ArmCPU *cpu)
{
    cpu->fpsr |= 1u << 27;
}

/* Saturate v to a signed / unsigned element of size 2^size bytes; *sat is set if it did. */
static inline uint64_t sat_s(simd_i128 v, int size, bool *sat)
{
    int bitsz = 8 << size;
    simd_i128 max = ((simd_i128)1 << (bitsz - 1)) - 1, min = -max - 1;
    if (v > max) {
        *sat = true;
        v = max;
    } else if (v < min) {
        *sat = true;
        v = min;
    }
    return (uint64_t)v & emask(size);
}
static inline uint64_t sat_u(simd_i128 v, int size, bool *sat)
{
    simd_i128 max = (simd_i128)emask(size);
    if (v > max) {
        *sat = true;
        v = max;
    } else if (v < 0) {
        *sat = true;
        v = 0;
    }
    return (uint64_t)v;
}

/* Shift by a signed register amount (SSHL/USHL/SRSHL/URSHL/SQSHL/UQSHL/SQRSHL/UQRSHL):
 * the exact value of a << sh (sh < 0: a >> -sh, rounded if rnd), as a 128-bit number;
 * for left shifts past the element, *big is set when a != 0. */
simd_i128 simd_shift_val(simd_i128 a, int sh, int size, bool rnd, bool *big);

/* The classes (simd_int_helper.c, simd_misc_helper.c, simd_long_helper.c,
 * simd_fp_helper.c, simd_fp2_helper.c, crypto_helper.c). */
bool arm_simd_3same(ArmCPU *cpu, uint32_t insn);     /* vector and scalar, integer */
bool arm_simd_2misc(ArmCPU *cpu, uint32_t insn);     /* vector and scalar, integer */
bool arm_simd_across(ArmCPU *cpu, uint32_t insn);    /* ADDV, SADDLV, FMAXV ... */
bool arm_simd_shift_imm(ArmCPU *cpu, uint32_t insn); /* vector and scalar */
bool arm_simd_3diff(ArmCPU *cpu, uint32_t insn);     /* vector and scalar */
bool arm_simd_elem(ArmCPU *cpu, uint32_t insn);      /* by element, vector and scalar */
bool arm_simd_copy(ArmCPU *cpu, uint32_t insn);      /* DUP/INS/UMOV/SMOV, scalar DUP */
bool arm_simd_perm(ArmCPU *cpu, uint32_t insn);      /* ZIP/UZP/TRN */
bool arm_simd_ext(ArmCPU *cpu, uint32_t insn);
bool arm_simd_tbl(ArmCPU *cpu, uint32_t insn);
bool arm_simd_pairwise(ArmCPU *cpu, uint32_t insn);  /* scalar pairwise */
bool arm_simd_fp_3same(ArmCPU *cpu, uint32_t insn);  /* vector and scalar */
bool arm_simd_fp_2misc(ArmCPU *cpu, uint32_t insn);  /* vector and scalar */
bool arm_simd_fp_elem(ArmCPU *cpu, uint32_t insn);   /* vector and scalar */
bool arm_simd_fp_fixed(ArmCPU *cpu, uint32_t insn);  /* SCVTF/UCVTF/FCVTZS/FCVTZU #fbits */
bool arm_simd_fp_across(ArmCPU *cpu, uint32_t insn); /* FMAXV/FMINV/FMAXNMV/FMINNMV */
bool arm_simd_fp_pairwise(ArmCPU *cpu, uint32_t insn); /* scalar FADDP, FMAXP ... */
bool arm_crypto_aes(ArmCPU *cpu, uint32_t insn);
bool arm_crypto_sha3(ArmCPU *cpu, uint32_t insn);    /* three-register SHA */
bool arm_crypto_sha2(ArmCPU *cpu, uint32_t insn);    /* two-register SHA */
/* PMULL/PMULL2 .1Q: the 128-bit carry-less product of two 64-bit values. */
void arm_pmull64(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi);

#endif
