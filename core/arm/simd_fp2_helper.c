/*
 * core/arm/simd_fp2_helper.c — AdvSIMD floating-point "two-register misc" (vector and
 * scalar: compares with zero, FABS/FNEG/FSQRT, FRINT*, FCVT* to integer, SCVTF/UCVTF,
 * FCVTL/FCVTN/FCVTXN, the estimates FRECPE/FRSQRTE/FRECPX/URECPE/URSQRTE) and the
 * fixed-point conversions of the shift-by-immediate class, on core/fpu with the CPU's
 * fp_status.  Decoded and executed in C (simd_helper.h says how).
 */
#include "core/arm/simd_helper.h"
#include "core/fpu/softfloat_arm.h"

/* FP -> integer with rounding mode rm (FLOAT_*; -1 = FPCR's) and fbits fraction bits. */
static uint64_t cvt_to_int(bool dbl, bool u, uint64_t a, int fbits, int rm, FloatStatus *s)
{
    if (rm < 0) {
        rm = s->rounding;
    }
    if (dbl) {
        return u ? f64_to_u64_scaled(a, fbits, rm, s)
                 : (uint64_t)f64_to_i64_scaled(a, fbits, rm, s);
    }
    return u ? f32_to_u32_scaled((uint32_t)a, fbits, rm, s)
             : (uint32_t)f32_to_i32_scaled((uint32_t)a, fbits, rm, s);
}

static uint64_t cvt_from_int(bool dbl, bool u, uint64_t a, int fbits, FloatStatus *s)
{
    if (dbl) {
        return u ? u64_to_f64_scaled(a, fbits, s) : i64_to_f64_scaled((int64_t)a, fbits, s);
    }
    return u ? u64_to_f32_scaled((uint32_t)a, fbits, s)
             : i64_to_f32_scaled((int32_t)(uint32_t)a, fbits, s);
}

enum { K_NONE, K_CMGT0, K_CMGE0, K_CMEQ0, K_CMLE0, K_CMLT0, K_ABS, K_NEG, K_RINT, K_CVTI,
       K_SCVTF, K_URECPE, K_URSQRTE, K_RECPE, K_RSQRTE, K_SQRT, K_RECPX };

/* Classify an FP two-register-misc encoding; *rm = the rounding mode (FRINT, FCVT*). */
static int fp2_kind(bool u, bool a, int opc, int *rm, bool *exact)
{
    *rm = -1;
    *exact = false;
    switch (opc) {
    case 0x0c: return a ? (u ? K_CMGE0 : K_CMGT0) : K_NONE;
    case 0x0d: return a ? (u ? K_CMLE0 : K_CMEQ0) : K_NONE;
    case 0x0e: return a && !u ? K_CMLT0 : K_NONE;
    case 0x0f: return a ? (u ? K_NEG : K_ABS) : K_NONE;
    case 0x18:
        if (a && u) {
            return K_NONE;
        }
        *rm = a ? FLOAT_RUP : u ? FLOAT_RMM : FLOAT_RNE;
        return K_RINT;
    case 0x19:
        *rm = a ? (u ? -1 : FLOAT_RTZ) : (u ? -1 : FLOAT_RDN);
        *exact = !a && u; /* FRINTX */
        return K_RINT;
    case 0x1a: *rm = a ? FLOAT_RUP : FLOAT_RNE; return K_CVTI;
    case 0x1b: *rm = a ? FLOAT_RTZ : FLOAT_RDN; return K_CVTI;
    case 0x1c: if (!a) { *rm = FLOAT_RMM; return K_CVTI; } return u ? K_URSQRTE : K_URECPE;
    case 0x1d: return a ? (u ? K_RSQRTE : K_RECPE) : K_SCVTF;
    case 0x1f: return a ? (u ? K_SQRT : K_RECPX) : K_NONE;
    default: return K_NONE;
    }
}

static uint64_t fp2_elem(int kind, bool dbl, bool u, int rm, bool exact, uint64_t a,
                         FloatStatus *s)
{
    uint64_t ones = dbl ? ~0ull : 0xffffffffu;
    uint32_t a32 = (uint32_t)a;
    switch (kind) {
    case K_CMGT0: return (dbl ? f64_lt(0, a, s) : f32_lt(0, a32, s)) ? ones : 0;
    case K_CMGE0: return (dbl ? f64_le(0, a, s) : f32_le(0, a32, s)) ? ones : 0;
    case K_CMEQ0: return (dbl ? f64_eq(a, 0, s) : f32_eq(a32, 0, s)) ? ones : 0;
    case K_CMLE0: return (dbl ? f64_le(a, 0, s) : f32_le(a32, 0, s)) ? ones : 0;
    case K_CMLT0: return (dbl ? f64_lt(a, 0, s) : f32_lt(a32, 0, s)) ? ones : 0;
    case K_ABS: return dbl ? a & ~(1ull << 63) : a32 & 0x7fffffffu;
    case K_NEG: return dbl ? a ^ (1ull << 63) : a32 ^ 0x80000000u;
    case K_RINT:
        if (rm < 0) {
            rm = s->rounding;
        }
        return dbl ? f64_round_to_int(a, rm, exact, s) : f32_round_to_int(a32, rm, exact, s);
    case K_CVTI: return cvt_to_int(dbl, u, a, 0, rm, s);
    case K_SCVTF: return cvt_from_int(dbl, u, a, 0, s);
    case K_URECPE: return u32_arm_recpe(a32);
    case K_URSQRTE: return u32_arm_rsqrte(a32);
    case K_RECPE: return dbl ? f64_arm_recpe(a, s) : f32_arm_recpe(a32, s);
    case K_RSQRTE: return dbl ? f64_arm_rsqrte(a, s) : f32_arm_rsqrte(a32, s);
    case K_SQRT: return dbl ? f64_sqrt(a, s) : f32_sqrt(a32, s);
    default: return dbl ? f64_arm_recpx(a, s) : f32_arm_recpx(a32, s);
    }
}

/* FCVTN / FCVTXN / FCVTL (opc 0x16 / 0x17). */
static bool fp_cvt_narrow_long(ArmCPU *cpu, uint32_t insn, bool scalar)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), sz = sbit(insn, 22, 1);
    int opc = (int)sbit(insn, 12, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5);
    bool xn = opc == 0x16 && u;
    if (sbit(insn, 23, 1) || (opc == 0x17 && u) || (xn && !sz) || (scalar && !xn)) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    FloatStatus *s = &cpu->fp_status;
    bool ahp = (cpu->fpcr >> 26) & 1;
    Vreg n = vread(cpu, rn), d = vread(cpu, rd), r;
    memset(&r, 0, sizeof(r));
    if (opc == 0x17) { /* FCVTL: f16 -> f32 (sz 0), f32 -> f64 (sz 1), from half Q */
        int ne = sz ? 2 : 4;
        for (int i = 0; i < ne; i++) {
            uint64_t a = eget(&n, (q ? ne : 0) + i, sz ? 2 : 1);
            eset(&r, i, sz ? 3 : 2, sz ? f32_to_f64((uint32_t)a, s) : f16_to_f32((uint16_t)a, ahp, s));
        }
        vwrite(cpu, rd, &r, true);
        return true;
    }
    int ne = scalar ? 1 : sz ? 2 : 4, base = (q && !scalar) ? ne : 0;
    Vreg out = (q && !scalar) ? d : r;
    FloatStatus odd = *s;
    if (xn) {
        odd.rounding = FLOAT_RTO;
    }
    for (int i = 0; i < ne; i++) {
        uint64_t a = eget(&n, i, sz ? 3 : 2), v;
        if (xn) {
            v = f64_to_f32(a, &odd);
        } else {
            v = sz ? f64_to_f32(a, s) : f32_to_f16((uint32_t)a, ahp, s);
        }
        eset(&out, base + i, sz ? 2 : 1, v);
    }
    if (xn) {
        s->flags |= odd.flags;
    }
    memcpy(cpu->v[rd], out.b, 16);
    return true;
}

bool arm_simd_fp_2misc(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), scalar = sbit(insn, 28, 1);
    bool a = sbit(insn, 23, 1), dbl = sbit(insn, 22, 1), exact;
    int opc = (int)sbit(insn, 12, 5), rm;
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5);
    if (opc == 0x16 || opc == 0x17) {
        return fp_cvt_narrow_long(cpu, insn, scalar);
    }
    int kind = fp2_kind(u, a, opc, &rm, &exact);
    if (kind == K_NONE || (!scalar && dbl && !q)) {
        return false;
    }
    if ((kind == K_URECPE || kind == K_URSQRTE) && (dbl || scalar)) {
        return false;
    }
    if (scalar && (kind == K_ABS || kind == K_NEG || kind == K_RINT || kind == K_SQRT)) {
        return false;
    }
    if (!scalar && kind == K_RECPX) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), r;
    memset(&r, 0, sizeof(r));
    int size = dbl ? 3 : 2, elems = scalar ? 1 : (q ? 16 : 8) >> size;
    for (int i = 0; i < elems; i++) {
        eset(&r, i, size, fp2_elem(kind, dbl, u, rm, exact, eget(&n, i, size),
                                   &cpu->fp_status));
    }
    vwrite(cpu, rd, &r, q && !scalar);
    return true;
}

bool arm_simd_fp_fixed(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), scalar = sbit(insn, 28, 1);
    int immh = (int)sbit(insn, 19, 4), immhb = (int)sbit(insn, 16, 7);
    int opc = (int)sbit(insn, 11, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5);
    if (immh < 4 || (immh >= 8 && !q && !scalar)) {
        return false; /* half precision needs FP16; 64-bit lanes need Q */
    }
    if (!cpu) {
        return true;
    }
    bool dbl = immh >= 8;
    int size = dbl ? 3 : 2, fbits = (dbl ? 128 : 64) - immhb;
    int elems = scalar ? 1 : (q ? 16 : 8) >> size;
    Vreg n = vread(cpu, rn), r;
    memset(&r, 0, sizeof(r));
    FloatStatus *s = &cpu->fp_status;
    for (int i = 0; i < elems; i++) {
        uint64_t a = eget(&n, i, size);
        eset(&r, i, size, opc == 0x1c ? cvt_from_int(dbl, u, a, fbits, s)
                                      : cvt_to_int(dbl, u, a, fbits, FLOAT_RTZ, s));
    }
    vwrite(cpu, rd, &r, q && !scalar);
    return true;
}
