/*
 * core/arm/simd_fp_helper.c — AdvSIMD floating-point "three same" (vector and scalar),
 * by element, across lanes and scalar pairwise, single and double precision (ARMv8.0: no
 * half-precision arithmetic), on core/fpu with the CPU's fp_status (FPCR modes, FPSR
 * flags).  Decoded and executed in C (simd_helper.h says how).
 */
#include "core/arm/simd_helper.h"
#include "core/fpu/softfloat_arm.h"

enum {
    FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_MULX, FOP_MAX, FOP_MIN, FOP_MAXNM, FOP_MINNM,
    FOP_ABD, FOP_RECPS, FOP_RSQRTS, FOP_CMEQ, FOP_CMGE, FOP_CMGT, FOP_ACGE, FOP_ACGT,
    FOP_MLA, FOP_MLS, FOP_NONE,
};

static uint64_t fabs_bits(bool dbl, uint64_t a)
{
    return dbl ? a & ~(1ull << 63) : a & 0x7fffffffu;
}

static uint64_t fneg_bits(bool dbl, uint64_t a)
{
    return dbl ? a ^ (1ull << 63) : (a ^ 0x80000000u) & 0xffffffffu;
}

static uint64_t fp_op(int op, bool dbl, uint64_t a, uint64_t b, uint64_t d, FloatStatus *s)
{
    uint64_t ones = dbl ? ~0ull : 0xffffffffu;
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, d32 = (uint32_t)d;
    switch (op) {
    case FOP_ADD: return dbl ? f64_add(a, b, s) : f32_add(a32, b32, s);
    case FOP_SUB: return dbl ? f64_sub(a, b, s) : f32_sub(a32, b32, s);
    case FOP_MUL: return dbl ? f64_mul(a, b, s) : f32_mul(a32, b32, s);
    case FOP_DIV: return dbl ? f64_div(a, b, s) : f32_div(a32, b32, s);
    case FOP_MULX: return dbl ? f64_arm_mulx(a, b, s) : f32_arm_mulx(a32, b32, s);
    case FOP_MAX: return dbl ? f64_arm_max(a, b, s) : f32_arm_max(a32, b32, s);
    case FOP_MIN: return dbl ? f64_arm_min(a, b, s) : f32_arm_min(a32, b32, s);
    case FOP_MAXNM: return dbl ? f64_arm_maxnm(a, b, s) : f32_arm_maxnm(a32, b32, s);
    case FOP_MINNM: return dbl ? f64_arm_minnm(a, b, s) : f32_arm_minnm(a32, b32, s);
    case FOP_ABD: return fabs_bits(dbl, dbl ? f64_sub(a, b, s) : f32_sub(a32, b32, s));
    case FOP_RECPS: return dbl ? f64_arm_recps(a, b, s) : f32_arm_recps(a32, b32, s);
    case FOP_RSQRTS: return dbl ? f64_arm_rsqrts(a, b, s) : f32_arm_rsqrts(a32, b32, s);
    case FOP_CMEQ: return (dbl ? f64_eq(a, b, s) : f32_eq(a32, b32, s)) ? ones : 0;
    case FOP_CMGE: return (dbl ? f64_le(b, a, s) : f32_le(b32, a32, s)) ? ones : 0;
    case FOP_CMGT: return (dbl ? f64_lt(b, a, s) : f32_lt(b32, a32, s)) ? ones : 0;
    case FOP_ACGE: case FOP_ACGT: {
        uint64_t x = fabs_bits(dbl, a), y = fabs_bits(dbl, b);
        bool r = op == FOP_ACGE ? (dbl ? f64_le(y, x, s) : f32_le((uint32_t)y, (uint32_t)x, s))
                                : (dbl ? f64_lt(y, x, s) : f32_lt((uint32_t)y, (uint32_t)x, s));
        return r ? ones : 0;
    }
    case FOP_MLA: return dbl ? f64_muladd(a, b, d, s) : f32_muladd(a32, b32, d32, s);
    case FOP_MLS:
        a = fneg_bits(dbl, a);
        return dbl ? f64_muladd(a, b, d, s) : f32_muladd((uint32_t)a, b32, d32, s);
    default: return 0;
    }
}

/* The op of a three-same FP encoding: U:a:opcode<2:0> (opcode = 11xxx); pairwise too. */
static int fp3_op(bool u, bool a, int opc, bool *pairwise)
{
    static const int8_t ops[32] = {
        /* U0 a0 */ FOP_MAXNM, FOP_MLA, FOP_ADD, FOP_MULX, FOP_CMEQ, FOP_NONE, FOP_MAX, FOP_RECPS,
        /* U0 a1 */ FOP_MINNM, FOP_MLS, FOP_SUB, FOP_NONE, FOP_NONE, FOP_NONE, FOP_MIN, FOP_RSQRTS,
        /* U1 a0 */ FOP_MAXNM, FOP_NONE, FOP_ADD, FOP_MUL, FOP_CMGE, FOP_ACGE, FOP_MAX, FOP_DIV,
        /* U1 a1 */ FOP_MINNM, FOP_NONE, FOP_ABD, FOP_NONE, FOP_CMGT, FOP_ACGT, FOP_MIN, FOP_NONE,
    };
    int k = (u << 4) | (a << 3) | (opc & 7);
    *pairwise = u && ((opc & 7) == 0 || (k == 0x12) || (opc & 7) == 6);
    return ops[k];
}

bool arm_simd_fp_3same(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), scalar = sbit(insn, 28, 1);
    bool a = sbit(insn, 23, 1), dbl = sbit(insn, 22, 1), pw;
    int opc = (int)sbit(insn, 11, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5), rm = (int)sbit(insn, 16, 5);
    int op = fp3_op(u, a, opc, &pw);
    if (op == FOP_NONE || (!scalar && dbl && !q)) {
        return false;
    }
    if (scalar && (pw || op == FOP_MLA || op == FOP_MLS || op == FOP_ADD || op == FOP_SUB ||
                   op == FOP_MUL || op == FOP_DIV || op == FOP_MAX || op == FOP_MIN ||
                   op == FOP_MAXNM || op == FOP_MINNM)) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), m = vread(cpu, rm), d = vread(cpu, rd), r;
    memset(&r, 0, sizeof(r));
    int size = dbl ? 3 : 2, elems = scalar ? 1 : (q ? 16 : 8) >> size;
    FloatStatus *s = &cpu->fp_status;
    for (int i = 0; i < elems; i++) {
        uint64_t x, y;
        if (pw) {
            const Vreg *src = i < elems / 2 ? &n : &m;
            int j = (i % (elems / 2)) * 2;
            x = eget(src, j, size);
            y = eget(src, j + 1, size);
        } else {
            x = eget(&n, i, size);
            y = eget(&m, i, size);
        }
        eset(&r, i, size, fp_op(op, dbl, x, y, eget(&d, i, size), s));
    }
    vwrite(cpu, rd, &r, q && !scalar);
    return true;
}

bool arm_simd_fp_elem(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), scalar = sbit(insn, 28, 1);
    bool dbl = sbit(insn, 22, 1);
    int opc = (int)sbit(insn, 12, 4), h = (int)sbit(insn, 11, 1), l = (int)sbit(insn, 21, 1);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5), rm = (int)sbit(insn, 16, 5);
    if (!sbit(insn, 23, 1) || (dbl && (l || (!scalar && !q)))) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    int op = u ? FOP_MULX : opc == 0x1 ? FOP_MLA : opc == 0x5 ? FOP_MLS : FOP_MUL;
    int index = dbl ? h : (h << 1 | l), size = dbl ? 3 : 2;
    Vreg n = vread(cpu, rn), m = vread(cpu, rm), d = vread(cpu, rd), r;
    memset(&r, 0, sizeof(r));
    uint64_t b = eget(&m, index, size);
    int elems = scalar ? 1 : (q ? 16 : 8) >> size;
    for (int i = 0; i < elems; i++) {
        eset(&r, i, size, fp_op(op, dbl, eget(&n, i, size), b, eget(&d, i, size),
                                &cpu->fp_status));
    }
    vwrite(cpu, rd, &r, q && !scalar);
    return true;
}

static int fp_minmax_op(int opc, bool a)
{
    return opc == 0x0c ? (a ? FOP_MINNM : FOP_MAXNM) : (a ? FOP_MIN : FOP_MAX);
}

bool arm_simd_fp_across(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), a = sbit(insn, 23, 1);
    int opc = (int)sbit(insn, 12, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5);
    if (!u || !q || sbit(insn, 22, 1)) {
        return false; /* only the .4S forms exist without FP16 */
    }
    if (!cpu) {
        return true;
    }
    int op = fp_minmax_op(opc, a);
    Vreg n = vread(cpu, rn), r;
    memset(&r, 0, sizeof(r));
    FloatStatus *s = &cpu->fp_status;
    uint64_t lo = fp_op(op, false, eget(&n, 0, 2), eget(&n, 1, 2), 0, s);
    uint64_t hi = fp_op(op, false, eget(&n, 2, 2), eget(&n, 3, 2), 0, s);
    eset(&r, 0, 2, fp_op(op, false, lo, hi, 0, s));
    vwrite(cpu, rd, &r, false);
    return true;
}

bool arm_simd_fp_pairwise(ArmCPU *cpu, uint32_t insn)
{
    bool u = sbit(insn, 29, 1), a = sbit(insn, 23, 1), dbl = sbit(insn, 22, 1);
    int opc = (int)sbit(insn, 12, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5);
    if (!u || !(opc == 0x0c || opc == 0x0f || (opc == 0x0d && !a))) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    int op = opc == 0x0d ? FOP_ADD : fp_minmax_op(opc, a), size = dbl ? 3 : 2;
    Vreg n = vread(cpu, rn), r;
    memset(&r, 0, sizeof(r));
    eset(&r, 0, size, fp_op(op, dbl, eget(&n, 0, size), eget(&n, 1, size), 0,
                            &cpu->fp_status));
    vwrite(cpu, rd, &r, false);
    return true;
}
