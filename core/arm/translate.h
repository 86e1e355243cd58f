/*
 * core/arm/translate.h — what the A64 front end's files share (translate.c, decode.c and
 * the per-group trans_*.c).
 *
 * A64 is decoded in two steps: decode.c switches on op0 (bits 28:25) to an encoding group,
 * and each group's file looks the instruction up in its own table (core/decode.h) and runs
 * one small trans function.  A group's entry point returns false for an encoding it does
 * not implement: the instruction is then UNDEFINED (EC 0), as on a CPU without it.
 *
 * Conventions for trans functions:
 *   - Read registers with read_x/read_xsp/read_w and write them with write_x/write_xsp/
 *     write_w (which zero-extend a 32-bit result); register 31 is XZR or SP as the
 *     encoding says, and writes to XZR vanish.  An IR op reads its inputs before it writes
 *     its output, so a destination may also be a source.
 *   - Memory: gen_ld/gen_st with ctx->mem_idx (or ARM_MMU_EL0 for LDTR/STTR), on an address
 *     from gen_addr_clean (top-byte-ignore); no guest state may change before an
 *     instruction's first access can fault (precise exceptions and self-modifying code).
 *   - FP and SIMD instructions call fp_access_check first (false: it raised the trap).
 *   - A helper that may raise is called with gen_helper, which syncs the pc first.
 */
#ifndef CORE_ARM_TRANSLATE_H
#define CORE_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arm/cpu.h"
#include "core/decode.h"
#include "core/translator.h"
#include "tcg/ir.h"

/* The short names below are this front end's; other guests use the same ones, so the
 * linker sees them prefixed. */
#define tmp64 a64_tmp64
#define tmp32 a64_tmp32
#define const64 a64_const64
#define const32 a64_const32
#define read_x a64_read_x
#define read_xsp a64_read_xsp
#define read_w a64_read_w
#define write_x a64_write_x
#define write_xsp a64_write_xsp
#define write_w a64_write_w
#define write_xw a64_write_xw
#define clear_vreg_high a64_clear_vreg_high
#define gen_flags_nz a64_gen_flags_nz
#define gen_add_cc a64_gen_add_cc
#define gen_sub_cc a64_gen_sub_cc
#define gen_adc a64_gen_adc
#define gen_cond a64_gen_cond
#define gen_brcond_cc a64_gen_brcond_cc
#define gen_addr_clean a64_gen_addr_clean
#define gen_check_sp_align a64_gen_check_sp_align
#define gen_ld a64_gen_ld
#define gen_st a64_gen_st
#define gen_goto_pc a64_gen_goto_pc
#define gen_exit_lookup a64_gen_exit_lookup
#define gen_branch_reg a64_gen_branch_reg
#define gen_sync_pc a64_gen_sync_pc
#define gen_helper a64_gen_helper
#define gen_exception_syndrome a64_gen_exception_syndrome
#define gen_undef a64_gen_undef
#define fp_access_check a64_fp_access_check

typedef struct DisasContext {
    DisasBase base;     /* the generic loop's state (first: the loop's callbacks cast) */
    CPUState *cpu;
    IrBlock *b;
    uint64_t tb_pc;     /* pc of the TB's first instruction */
    uint64_t pc;        /* pc of the instruction being translated */
    uint32_t insn;      /* its bits */
    uint32_t flags;     /* TB flags (ARM_TBF_*) */
    int el;
    int mem_idx;        /* MMU index for normal data accesses */
    bool fp_ok;         /* FP/SIMD enabled at this EL (else fp_access_check traps) */
    bool fp_checked;    /* fp_access_check passed in this instruction */
    bool ended;         /* the instruction ended the TB */
    const ArmFeatures *feat;
    IrTemp pc_g;        /* globals */
    IrTemp x[32];       /* x[31] is the SP in use */
    IrTemp nf, zf, cf, vf;
} DisasContext;

/* One line of a group's decode table: (insn & mask) == match -> fn.  fn returns false if
 * the encoding is unallocated after all (the instruction is then UNDEFINED). */
typedef bool (*ArmTransFn)(DisasContext *ctx, uint32_t insn);
typedef struct ArmDecodeLine {
    uint32_t mask, match;
    ArmTransFn fn;
    const char *name;
} ArmDecodeLine;

/* A group's table, its tree built on first use (thread-safe). */
typedef struct ArmDecodeTable {
    const ArmDecodeLine *lines;
    size_t n;
    Decoder *tree;
    int once; /* 0: not built; guarded by arm_decode_lock */
} ArmDecodeTable;
#define ARM_DECODE_TABLE(lines) {lines, sizeof(lines) / sizeof(lines[0]), NULL, 0}

/* Look insn up in t and run its trans function; false if no line matches or it refused. */
bool arm_decode_run(ArmDecodeTable *t, DisasContext *ctx, uint32_t insn);

/* The groups (decode.c dispatches on op0). */
bool arm_trans_dp_imm(DisasContext *ctx, uint32_t insn);   /* 100x: trans_dp_imm.c */
bool arm_trans_branch_sys(DisasContext *ctx, uint32_t insn); /* 101x: trans_branch.c */
bool arm_trans_ldst(DisasContext *ctx, uint32_t insn);     /* x1x0: trans_ldst.c */
bool arm_trans_dp_reg(DisasContext *ctx, uint32_t insn);   /* x101: trans_dp_reg.c */
bool arm_trans_fp(DisasContext *ctx, uint32_t insn);       /* scalar FP: trans_fp.c */
bool arm_trans_simd(DisasContext *ctx, uint32_t insn);     /* AdvSIMD, crypto: trans_simd*.c */

/* DecodeBitMasks of a logical immediate (N, imms, immr); false if reserved. */
bool arm_decode_bitmask(unsigned n, unsigned imms, unsigned immr, bool sf, uint64_t *out);

/* Field extraction. */
static inline uint32_t bits(uint32_t insn, int lo, int len)
{
    return (insn >> lo) & ((1u << len) - 1);
}
static inline int32_t sbits(uint32_t insn, int lo, int len)
{
    return (int32_t)(insn << (32 - lo - len)) >> (32 - len);
}

/* ---- registers (translate.c) ---- */
IrTemp tmp64(DisasContext *ctx);
IrTemp tmp32(DisasContext *ctx);
IrTemp const64(DisasContext *ctx, uint64_t v);
IrTemp const32(DisasContext *ctx, uint32_t v);
/* Xn, register 31 = XZR (a constant 0). */
IrTemp read_x(DisasContext *ctx, int r);
/* Xn, register 31 = SP. */
IrTemp read_xsp(DisasContext *ctx, int r);
/* Wn (the low half of Xn as an I32 temp), register 31 = WZR. */
IrTemp read_w(DisasContext *ctx, int r);
/* Xd = v (I64), register 31 = XZR: dropped. */
void write_x(DisasContext *ctx, int r, IrTemp v);
/* Xd = v (I64), register 31 = SP. */
void write_xsp(DisasContext *ctx, int r, IrTemp v);
/* Wd = v (I32), zero-extended into Xd; register 31 = XZR. */
void write_w(DisasContext *ctx, int r, IrTemp v);
/* sf ? Xd = v : Wd = low 32 bits of v (v is I64 either way); register 31 = XZR. */
void write_xw(DisasContext *ctx, int r, IrTemp v, bool sf);

/* Byte offsets in ArmCPU of SIMD&FP register n (bytes 0..15) and of element `index` of
 * size 2^size bytes. */
static inline uint32_t vreg_offset(int n)
{
    return (uint32_t)(offsetof(ArmCPU, v) + (size_t)n * 16);
}
static inline uint32_t vreg_elem_offset(int n, int index, int size)
{
    return vreg_offset(n) + ((uint32_t)index << size);
}
/* Zero bytes 8..15 of Vn (what every scalar and 64-bit vector write does). */
void clear_vreg_high(DisasContext *ctx, int n);

/* ---- flags (translate.c) ---- */
/* N and Z from a result (I64; for sf = 0 its low 32 bits); C and V unchanged. */
void gen_flags_nz(DisasContext *ctx, IrTemp res, bool sf);
/* a + b / a - b with NZCV set; I64 operands (for sf = 0 only their low 32 bits count);
 * returns the result (for sf = 0 zero-extended from 32 bits). */
IrTemp gen_add_cc(DisasContext *ctx, IrTemp a, IrTemp b, bool sf);
IrTemp gen_sub_cc(DisasContext *ctx, IrTemp a, IrTemp b, bool sf);
/* a + b + C (ADC; SBC is a + ~b + C), NZCV set if set_flags. */
IrTemp gen_adc(DisasContext *ctx, IrTemp a, IrTemp b, bool sf, bool set_flags);
/* A 0/1 I64 temp: does condition `cond` (0..15, the A64 encoding) hold? */
IrTemp gen_cond(DisasContext *ctx, int cond);
/* Branch to label if cond holds (cond 14/15 = always). */
void gen_brcond_cc(DisasContext *ctx, int cond, IrLabel label);

/* ---- memory (translate.c) ---- */
/* The address an access uses: top-byte-ignore applied (an I64 temp, maybe `addr`). */
IrTemp gen_addr_clean(DisasContext *ctx, IrTemp addr);
/* With SCTLR.SA: raise the SP alignment fault if the base is SP and SP is misaligned. */
void gen_check_sp_align(DisasContext *ctx, int rn);
/* Loads and stores of 1..8 bytes (memop: IR_MO_*; IR_MO_ALIGN is added if SCTLR.A). */
void gen_ld(DisasContext *ctx, IrType t, IrTemp val, IrTemp addr, unsigned memop, int mmu_idx);
void gen_st(DisasContext *ctx, IrType t, IrTemp val, IrTemp addr, unsigned memop, int mmu_idx);

/* ---- control (translate.c) ---- */
/* End the TB with a jump to a translation-time-constant pc (chained when possible). */
void gen_goto_pc(DisasContext *ctx, int slot, uint64_t dest);
/* End the TB; the next pc is the pc global (already set). */
void gen_exit_lookup(DisasContext *ctx);
/* pc = the target in `dest` (top-byte-ignore applied), then end the TB. */
void gen_branch_reg(DisasContext *ctx, IrTemp dest);
/* Store this instruction's pc to the pc global (gen_helper does it for raising helpers). */
void gen_sync_pc(DisasContext *ctx);
void gen_helper(DisasContext *ctx, const IrHelper *h, IrTemp out, IrTemp a0, IrTemp a1,
                IrTemp a2, IrTemp a3);
/* Raise a synchronous exception with this syndrome at this instruction; ends the TB. */
void gen_exception_syndrome(DisasContext *ctx, uint32_t syndrome);
/* UNDEFINED (EC 0); ends the TB.  Returns true so trans functions can `return unallocated`.*/
bool gen_undef(DisasContext *ctx);
/* FP/SIMD access check: false after emitting the trap (the caller returns true). */
bool fp_access_check(DisasContext *ctx);

#endif
