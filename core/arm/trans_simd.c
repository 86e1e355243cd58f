/*
 * core/arm/trans_simd.c — A64 AdvSIMD and crypto (ARM ARM C4.1.95, the op0 = x111
 * encodings except scalar FP): the decode table of the encoding classes.
 *
 * The element-wise work of most classes is done in C by the class's execution function
 * (simd_helper.h), called through one helper per class with the instruction word as a
 * constant; the translator calls the same function with cpu = NULL to learn whether the
 * encoding is allocated.  Those helpers touch only the vector registers, FPSR.QC and
 * fp_status (none of them IR globals), so they carry no IR_CALL_* global flags.
 * What moves data between general and vector registers (DUP/INS/UMOV/SMOV), the vector
 * immediates and the most frequent bitwise and add/sub forms are inline IR on the
 * registers' two 64-bit halves (trans_simd_inline.c).
 */
#include "core/arm/simd_helper.h"
#include "core/arm/trans_simd.h"

typedef bool (*ArmSimdFn)(ArmCPU *cpu, uint32_t insn);

#define SIMD_HELPER(name)                                                                 \
    static uint64_t hlp_##name(void *env, uint64_t insn, uint64_t b, uint64_t c,          \
                               uint64_t d)                                                \
    {                                                                                     \
        (void)b, (void)c, (void)d;                                                        \
        arm_simd_##name((ArmCPU *)env, (uint32_t)insn);                                   \
        return 0;                                                                         \
    }                                                                                     \
    static const IrHelper h_##name = {hlp_##name, "simd_" #name, 0};                      \
    static bool trans_##name(DisasContext *ctx, uint32_t insn)                            \
    {                                                                                     \
        return simd_call(ctx, insn, arm_simd_##name, &h_##name);                          \
    }

/* Validate, check FP access, call the class's helper. */
static bool simd_call(DisasContext *ctx, uint32_t insn, ArmSimdFn fn, const IrHelper *h)
{
    if (!fn(NULL, insn)) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    ir_call(ctx->b, h, IR_I64, IR_NO_TEMP, const64(ctx, insn), IR_NO_TEMP, IR_NO_TEMP,
            IR_NO_TEMP);
    return true;
}

#define arm_simd_aes arm_crypto_aes
#define arm_simd_sha3 arm_crypto_sha3
#define arm_simd_sha2 arm_crypto_sha2

SIMD_HELPER(3same)
SIMD_HELPER(2misc)
SIMD_HELPER(across)
SIMD_HELPER(shift_imm)
SIMD_HELPER(elem)
SIMD_HELPER(perm)
SIMD_HELPER(ext)
SIMD_HELPER(tbl)
SIMD_HELPER(pairwise)
SIMD_HELPER(aes)
SIMD_HELPER(sha3)
SIMD_HELPER(sha2)

static uint64_t hlp_3diff(void *env, uint64_t insn, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    arm_simd_3diff((ArmCPU *)env, (uint32_t)insn);
    return 0;
}
static const IrHelper h_3diff = {hlp_3diff, "simd_3diff", 0};

static bool trans_3diff(DisasContext *ctx, uint32_t insn)
{
    /* PMULL/PMULL2 .1Q is the crypto extension's */
    if (bits(insn, 12, 4) == 0xe && bits(insn, 22, 2) == 3 && !ctx->feat->pmull) {
        return false;
    }
    return simd_call(ctx, insn, arm_simd_3diff, &h_3diff);
}

static bool trans_crypto_aes(DisasContext *ctx, uint32_t insn)
{
    return ctx->feat->aes && trans_aes(ctx, insn);
}

static bool trans_crypto_sha3(DisasContext *ctx, uint32_t insn)
{
    bool sha256 = bits(insn, 12, 3) >= 4;
    return (sha256 ? ctx->feat->sha2 : ctx->feat->sha1) && trans_sha3(ctx, insn);
}

static bool trans_crypto_sha2(DisasContext *ctx, uint32_t insn)
{
    bool sha256 = bits(insn, 12, 5) == 2;
    return (sha256 ? ctx->feat->sha2 : ctx->feat->sha1) && trans_sha2(ctx, insn);
}

static bool trans_3same_fast(DisasContext *ctx, uint32_t insn)
{
    if (arm_simd_inline_3same(ctx, insn)) {
        return true;
    }
    return trans_3same(ctx, insn);
}

static const ArmDecodeLine simd_lines[] = {
    /* crypto */
    {0xff3e0c00, 0x4e280800, trans_crypto_aes, "crypto aes"},
    {0xff208c00, 0x5e000000, trans_crypto_sha3, "crypto sha 3-reg"},
    {0xff3e0c00, 0x5e280800, trans_crypto_sha2, "crypto sha 2-reg"},
    /* scalar */
    {0xdfe08400, 0x5e000400, arm_simd_inline_copy, "scalar copy"},
    {0xdf3e0c00, 0x5e300800, trans_pairwise, "scalar pairwise"},
    {0xdf3e0c00, 0x5e200800, trans_2misc, "scalar 2misc"},
    {0xdf200c00, 0x5e200000, trans_3diff, "scalar 3diff"},
    {0xdf200400, 0x5e200400, trans_3same, "scalar 3same"},
    {0xdf800400, 0x5f000400, trans_shift_imm, "scalar shift imm"},
    {0xdf000400, 0x5f000000, trans_elem, "scalar by element"},
    /* vector */
    {0xbf208c00, 0x0e000000, trans_tbl, "tbl/tbx"},
    {0xbf208c00, 0x0e000800, trans_perm, "zip/uzp/trn"},
    {0xbf208400, 0x2e000000, trans_ext, "ext"},
    {0x9fe08400, 0x0e000400, arm_simd_inline_copy, "copy"},
    {0x9f3e0c00, 0x0e300800, trans_across, "across lanes"},
    {0x9f3e0c00, 0x0e200800, trans_2misc, "2misc"},
    {0x9f200c00, 0x0e200000, trans_3diff, "3diff"},
    {0x9f200400, 0x0e200400, trans_3same_fast, "3same"},
    {0x9ff80400, 0x0f000400, arm_simd_inline_modimm, "modified immediate"},
    {0x9f800400, 0x0f000400, trans_shift_imm, "shift imm"},
    {0x9f000400, 0x0f000000, trans_elem, "by element"},
};

static ArmDecodeTable simd_table = ARM_DECODE_TABLE(simd_lines);

bool arm_trans_simd(DisasContext *ctx, uint32_t insn)
{
    return arm_decode_run(&simd_table, ctx, insn);
}
