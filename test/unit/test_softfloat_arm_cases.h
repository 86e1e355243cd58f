/*
 * test/unit/test_softfloat_arm_cases.h — the Arm FP reference cases: which instructions, under
 * which FPCR settings, on which operands.  Shared by the generator that runs the real
 * instructions (test/unit/gen/arm_fp_ref.c, built for aarch64 and run under
 * qemu-aarch64) and the unit test that checks core/fpu against its output
 * (test/unit/test_softfloat_arm_ref.c): both walk the same cases in the same order, so
 * the generated data holds only the expected results and FPSR flags.  Pure integer C,
 * no dependencies: it must give the same operands on every compiler.
 *
 * Order: for each op, for each FPCR value of its configuration set, for each operand
 * index i < arm_ref_count(op).
 */
#ifndef TEST_UNIT_TEST_SOFTFLOAT_ARM_CASES_H
#define TEST_UNIT_TEST_SOFTFLOAT_ARM_CASES_H

#include <stdint.h>

/* Operand kinds. */
enum { IN_S, IN_D, IN_H, IN_W, IN_X };

/* FPCR configuration sets (FPCR bits: AHP 26, DN 25, FZ 24, RMode 23:22). */
enum {
    CF_ROUND_FZ, /* RMode 0..3; FZ = 1 with RNE and RP; DN = 1 */
    CF_FZ_DN,    /* FZ x DN */
    CF_ROUND,    /* RMode 0..3 (integer operands: FZ and DN cannot matter) */
    CF_AHP,      /* AHP 0 and 1, each with RMode 0..3, FZ = 1, DN = 1 */
    CF_NONE,     /* FPCR = 0 */
};

/* X(name, operand kind, number of operands, configuration set) */
#define ARM_REF_OPS(X)                                                                    \
    X(FADD_S, IN_S, 2, CF_ROUND_FZ) X(FSUB_S, IN_S, 2, CF_ROUND_FZ)                        \
    X(FMUL_S, IN_S, 2, CF_ROUND_FZ) X(FDIV_S, IN_S, 2, CF_ROUND_FZ)                        \
    X(FSQRT_S, IN_S, 1, CF_ROUND_FZ) X(FMADD_S, IN_S, 3, CF_ROUND_FZ)                      \
    X(FADD_D, IN_D, 2, CF_ROUND_FZ) X(FMUL_D, IN_D, 2, CF_ROUND_FZ)                        \
    X(FDIV_D, IN_D, 2, CF_ROUND_FZ) X(FSQRT_D, IN_D, 1, CF_ROUND_FZ)                       \
    X(FMADD_D, IN_D, 3, CF_ROUND_FZ)                                                      \
    X(FCMEQ_S, IN_S, 2, CF_FZ_DN) X(FCMGE_S, IN_S, 2, CF_FZ_DN)                            \
    X(FCMGT_S, IN_S, 2, CF_FZ_DN) X(FCMEQ_D, IN_D, 2, CF_FZ_DN)                            \
    X(FCMGE_D, IN_D, 2, CF_FZ_DN)                                                         \
    X(FMIN_S, IN_S, 2, CF_FZ_DN) X(FMAX_S, IN_S, 2, CF_FZ_DN)                              \
    X(FMINNM_S, IN_S, 2, CF_FZ_DN) X(FMAXNM_S, IN_S, 2, CF_FZ_DN)                          \
    X(FMIN_D, IN_D, 2, CF_FZ_DN) X(FMAX_D, IN_D, 2, CF_FZ_DN)                              \
    X(FMINNM_D, IN_D, 2, CF_FZ_DN) X(FMAXNM_D, IN_D, 2, CF_FZ_DN)                          \
    X(FMULX_S, IN_S, 2, CF_ROUND_FZ) X(FMULX_D, IN_D, 2, CF_ROUND_FZ)                      \
    X(FRECPS_S, IN_S, 2, CF_ROUND_FZ) X(FRECPS_D, IN_D, 2, CF_ROUND_FZ)                    \
    X(FRSQRTS_S, IN_S, 2, CF_ROUND_FZ) X(FRSQRTS_D, IN_D, 2, CF_ROUND_FZ)                  \
    X(FRECPE_S, IN_S, 1, CF_ROUND_FZ) X(FRECPE_D, IN_D, 1, CF_ROUND_FZ)                    \
    X(FRSQRTE_S, IN_S, 1, CF_FZ_DN) X(FRSQRTE_D, IN_D, 1, CF_FZ_DN)                        \
    X(FRECPX_S, IN_S, 1, CF_FZ_DN) X(FRECPX_D, IN_D, 1, CF_FZ_DN)                          \
    X(URECPE, IN_W, 1, CF_NONE) X(URSQRTE, IN_W, 1, CF_NONE)                               \
    X(FRINTN_S, IN_S, 1, CF_FZ_DN) X(FRINTA_S, IN_S, 1, CF_FZ_DN)                          \
    X(FRINTP_S, IN_S, 1, CF_FZ_DN) X(FRINTM_S, IN_S, 1, CF_FZ_DN)                          \
    X(FRINTZ_S, IN_S, 1, CF_FZ_DN) X(FRINTI_S, IN_S, 1, CF_ROUND_FZ)                       \
    X(FRINTX_S, IN_S, 1, CF_ROUND_FZ)                                                     \
    X(FRINTN_D, IN_D, 1, CF_FZ_DN) X(FRINTA_D, IN_D, 1, CF_FZ_DN)                          \
    X(FRINTP_D, IN_D, 1, CF_FZ_DN) X(FRINTM_D, IN_D, 1, CF_FZ_DN)                          \
    X(FRINTZ_D, IN_D, 1, CF_FZ_DN) X(FRINTX_D, IN_D, 1, CF_ROUND_FZ)                       \
    X(FCVTNS_WS, IN_S, 1, CF_FZ_DN) X(FCVTNU_WS, IN_S, 1, CF_FZ_DN)                        \
    X(FCVTAS_WS, IN_S, 1, CF_FZ_DN) X(FCVTAU_XS, IN_S, 1, CF_FZ_DN)                        \
    X(FCVTPS_XS, IN_S, 1, CF_FZ_DN) X(FCVTMU_WS, IN_S, 1, CF_FZ_DN)                        \
    X(FCVTZS_WS, IN_S, 1, CF_FZ_DN) X(FCVTZU_XS, IN_S, 1, CF_FZ_DN)                        \
    X(FCVTZS_WS16, IN_S, 1, CF_FZ_DN) X(FCVTZU_WS32, IN_S, 1, CF_FZ_DN)                    \
    X(FCVTNS_XD, IN_D, 1, CF_FZ_DN) X(FCVTNU_XD, IN_D, 1, CF_FZ_DN)                        \
    X(FCVTAS_XD, IN_D, 1, CF_FZ_DN) X(FCVTAU_WD, IN_D, 1, CF_FZ_DN)                        \
    X(FCVTPU_WD, IN_D, 1, CF_FZ_DN) X(FCVTMS_XD, IN_D, 1, CF_FZ_DN)                        \
    X(FCVTZS_WD, IN_D, 1, CF_FZ_DN) X(FCVTZU_WD, IN_D, 1, CF_FZ_DN)                        \
    X(FCVTZS_XD40, IN_D, 1, CF_FZ_DN) X(FCVTZU_XD64, IN_D, 1, CF_FZ_DN)                    \
    X(SCVTF_SW, IN_W, 1, CF_ROUND) X(UCVTF_SW, IN_W, 1, CF_ROUND)                          \
    X(SCVTF_SX, IN_X, 1, CF_ROUND) X(UCVTF_DX, IN_X, 1, CF_ROUND)                          \
    X(SCVTF_DX, IN_X, 1, CF_ROUND) X(SCVTF_SW16, IN_W, 1, CF_ROUND)                        \
    X(UCVTF_DX64, IN_X, 1, CF_ROUND) X(SCVTF_SX40, IN_X, 1, CF_ROUND)                      \
    X(FCVT_DS, IN_S, 1, CF_FZ_DN) X(FCVT_SD, IN_D, 1, CF_ROUND_FZ)                         \
    X(FCVTXN_SD, IN_D, 1, CF_FZ_DN)                                                       \
    X(FCVT_HS, IN_S, 1, CF_AHP) X(FCVT_HD, IN_D, 1, CF_AHP)                                \
    X(FCVT_SH, IN_H, 1, CF_AHP) X(FCVT_DH, IN_H, 1, CF_AHP)

#define ARM_REF_ENUM(name, kind, nargs, cfg) ARM_##name,
enum { ARM_REF_OPS(ARM_REF_ENUM) ARM_REF_NOPS };
#undef ARM_REF_ENUM

typedef struct ArmRefOp {
    const char *name;
    uint8_t kind, nargs, cfg;
} ArmRefOp;

#define ARM_REF_ROW(name, kind, nargs, cfg) {#name, kind, nargs, cfg},
static const ArmRefOp arm_ref_ops[ARM_REF_NOPS] = {ARM_REF_OPS(ARM_REF_ROW)};
#undef ARM_REF_ROW

#define FPCR_AHP (1u << 26)
#define FPCR_DN (1u << 25)
#define FPCR_FZ (1u << 24)
#define FPCR_RMODE(m) ((uint32_t)(m) << 22)

/* The FPCR values of configuration set cfg; returns how many (at most 12). */
static inline int arm_ref_fpcrs(int cfg, uint32_t *out)
{
    int n = 0;
    switch (cfg) {
    case CF_ROUND_FZ:
        for (int m = 0; m < 4; m++) {
            out[n++] = FPCR_RMODE(m);
        }
        out[n++] = FPCR_FZ;
        out[n++] = FPCR_FZ | FPCR_RMODE(1);
        out[n++] = FPCR_DN;
        break;
    case CF_FZ_DN:
        out[n++] = 0;
        out[n++] = FPCR_FZ;
        out[n++] = FPCR_DN;
        out[n++] = FPCR_DN | FPCR_FZ;
        break;
    case CF_ROUND:
        for (int m = 0; m < 4; m++) {
            out[n++] = FPCR_RMODE(m);
        }
        break;
    case CF_AHP:
        for (int ahp = 0; ahp < 2; ahp++) {
            uint32_t a = ahp ? FPCR_AHP : 0;
            for (int m = 0; m < 4; m++) {
                out[n++] = FPCR_RMODE(m) | a;
            }
            out[n++] = FPCR_FZ | a;
            out[n++] = FPCR_DN | a;
        }
        break;
    default:
        out[n++] = 0;
        break;
    }
    return n;
}

/* ---- operands ---- */

static const uint32_t arm_ref_special_s[] = {
    0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00400000, 0x00200000, 0x001fffff,
    0x00800000, 0x80800001, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40200000, 0xbf000000,
    0x3f000000, 0x40600000, 0xbfc00001, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
    0x7fc00001, 0x7f800001, 0xffc12345, 0xff812345, 0x4b000001, 0x4affffff, 0x4f000000,
    0xcf000000, 0x4effffff, 0x4f800000, 0x5f000000, 0xdf000000, 0x5f800000, 0x5effffff,
    0x477fe000, 0x477ff000, 0x477fefff, 0x47ffe000, 0x47fff000, 0x38800000, 0x387fe000,
    0x33800000, 0x33000000, 0x33000001, 0x7e800000, 0x7e7fffff, 0x7f000000, 0x3e800000,
    0x40800000, 0x00c00000, 0xcb7fffff, 0x3effffff, 0x3f7fffff,
};

static const uint64_t arm_ref_special_d[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull,
    0x800fffffffffffffull, 0x0008000000000000ull, 0x0004000000000000ull,
    0x0003ffffffffffffull, 0x0010000000000000ull, 0x8010000000000001ull,
    0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3ff8000000000000ull,
    0x4004000000000000ull, 0xbfe0000000000000ull, 0x3fe0000000000000ull,
    0x400c000000000000ull, 0xbff8000000000001ull, 0x7fefffffffffffffull,
    0xffefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000001ull, 0x7ff0000000000001ull, 0xfff8123456789abcull,
    0xfff0123456789abcull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
    0x41dfffffffffffffull, 0x41dfffffffc00000ull, 0x41efffffffe00000ull,
    0x41f0000000000000ull, 0x43e0000000000000ull, 0xc3e0000000000000ull,
    0x43f0000000000000ull, 0x43dfffffffffffffull, 0x4330000000000001ull,
    0x432fffffffffffffull, 0x380fffffe0000000ull, 0x380ffffff0000000ull,
    0x36a0000000000000ull, 0x369fffffffffffffull, 0x47efffffe0000000ull,
    0x47efffffefffffffull, 0x47effffff0000000ull, 0x36a0000000000001ull,
    0x40effc0000000000ull, 0x40effe0000000000ull, 0x40fffc0000000000ull,
    0x3f10000000000000ull, 0x3e70000000000000ull, 0x7fd0000000000000ull,
    0x7fcfffffffffffffull, 0x3fdfffffffffffffull, 0x0018000000000000ull,
};

static const uint16_t arm_ref_special_h[] = {
    0x0000, 0x8000, 0x0001, 0x83ff, 0x0400, 0x3c00, 0xbc00, 0x7bff, 0xfbff, 0x7c00,
    0xfc00, 0x7c01, 0xfc01, 0x7e00, 0x7e01, 0xfd55, 0x7fff, 0xffff, 0x7d00, 0x3555,
};

static const uint64_t arm_ref_special_x[] = {
    0, 1, 0xffffffffffffffffull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0x8000000000000001ull, 0x0000000001000001ull, 0x0020000000000001ull,
    0x7ffffffffffffdffull, 0xfffffffffefffffful, 0x00000000ffffffffull,
    0x0000000080000000ull, 0x0000010000000080ull, 0x0000010000000180ull,
    0xfffffeffffffff80ull, 0x0000000000000003ull,
};

static const uint32_t arm_ref_special_w[] = {
    0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 0x80000001u, 0x01000001u, 0x01000003u,
    0xfeffffffu, 0x7fffffc0u, 0x7fffffbfu, 0x00000003u, 0x40000000u, 0x3fffffffu,
    0xc0000000u, 0xbfffffffu, 0x80800000u, 0xff800000u, 0x40800000u, 0x7f800000u,
};

#define ARM_REF_N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define ARM_REF_RANDOM 16 /* random operands (or tuples) per op after the specials */
#define ARM_REF_PAIRS 40  /* tuples of specials per binary / ternary op */

static inline uint64_t arm_ref_rnd(uint64_t *state) /* splitmix64 */
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* A random float of `fbits` fraction and `ebits` exponent bits, its exponent drawn near
 * `center` (a biased exponent) or from the whole range, its fraction full or short. */
static inline uint64_t arm_ref_rnd_float(uint64_t *st, int fbits, int ebits, int center)
{
    uint64_t r = arm_ref_rnd(st);
    int emax = (1 << ebits) - 1;
    int e;
    switch (r % 4) {
    case 0: e = (int)(arm_ref_rnd(st) % (uint64_t)emax); break;
    case 1: e = (int)(arm_ref_rnd(st) % 3); break; /* subnormal or tiny normal */
    default: e = center - 4 + (int)(arm_ref_rnd(st) % 9); break;
    }
    if (e < 0) {
        e = 0;
    }
    if (e >= emax) {
        e = emax - 1;
    }
    uint64_t frac = arm_ref_rnd(st) & ((1ull << fbits) - 1);
    if ((r >> 8) % 3 == 0) {
        frac &= ~((1ull << (arm_ref_rnd(st) % (uint64_t)fbits)) - 1); /* short significand */
    }
    uint64_t sign = (r >> 16) & 1;
    return (sign << (fbits + ebits)) | ((uint64_t)e << fbits) | frac;
}

static inline int arm_ref_nspecial(int kind)
{
    switch (kind) {
    case IN_S: return ARM_REF_N(arm_ref_special_s);
    case IN_D: return ARM_REF_N(arm_ref_special_d);
    case IN_H: return ARM_REF_N(arm_ref_special_h);
    case IN_W: return ARM_REF_N(arm_ref_special_w);
    default: return ARM_REF_N(arm_ref_special_x);
    }
}

static inline uint64_t arm_ref_special(int kind, int i)
{
    switch (kind) {
    case IN_S: return arm_ref_special_s[i];
    case IN_D: return arm_ref_special_d[i];
    case IN_H: return arm_ref_special_h[i];
    case IN_W: return arm_ref_special_w[i];
    default: return arm_ref_special_x[i];
    }
}

/* Number of operand tuples of op: unary ops see every special, then random values;
 * binary and ternary ops see pairs of specials (each special against a stride of others)
 * and random tuples whose exponents are chosen so that products land near the
 * subnormal range, the interesting place for flush-to-zero. */
static inline int arm_ref_count(int op)
{
    const ArmRefOp *o = &arm_ref_ops[op];
    return (o->nargs == 1 ? arm_ref_nspecial(o->kind) : ARM_REF_PAIRS) + ARM_REF_RANDOM;
}

/* Operand `arg` (0-based) of tuple i of op. */
static inline uint64_t arm_ref_operand(int op, int i, int arg)
{
    const ArmRefOp *o = &arm_ref_ops[op];
    int ns = arm_ref_nspecial(o->kind);
    int nspec = o->nargs == 1 ? ns : ARM_REF_PAIRS;
    if (i < nspec) {
        /* tuple i: specials spread so that NaNs, zeros, infinities and subnormals meet */
        int idx = o->nargs == 1 ? i : (i * (2 * arg + 1) + arg * 17 + (i / ns) * 5) % ns;
        return arm_ref_special(o->kind, idx);
    }
    uint64_t st = 0x5eed0000ull + (uint64_t)op * 1000003u + (uint64_t)i * 7919u + (uint64_t)arg;
    switch (o->kind) {
    case IN_S:
        /* binary: exponents near 2^-63 make products near 2^-126 */
        return arm_ref_rnd_float(&st, 23, 8, o->nargs == 1 ? 127 : (arg == 2 ? 3 : 64));
    case IN_D: return arm_ref_rnd_float(&st, 52, 11, o->nargs == 1 ? 1023 : (arg == 2 ? 3 : 512));
    case IN_H: return arm_ref_rnd(&st) & 0xffff;
    case IN_W: return (uint32_t)(arm_ref_rnd(&st) >> (arm_ref_rnd(&st) % 32));
    default: return arm_ref_rnd(&st) >> (arm_ref_rnd(&st) % 64);
    }
}

#endif
