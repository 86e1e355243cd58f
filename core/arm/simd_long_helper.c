/*
 * core/arm/simd_long_helper.c — AdvSIMD "three different" (long, wide, narrowing-high;
 * vector and the scalar SQDMLAL/SQDMLSL/SQDMULL) and the integer "by element" forms, decoded
 * and executed in C (simd_helper.h says how).  The FP by-element encodings go on to
 * simd_fp_helper.c; PMULL .1Q is the crypto extension's carry-less product.
 */
#include "core/arm/simd_helper.h"

void arm_pmull64(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    uint64_t l = 0, h = 0;
    for (int i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            l ^= a << i;
            h ^= i ? a >> (64 - i) : 0;
        }
    }
    *lo = l;
    *hi = h;
}

static uint64_t pmull8(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 0; i < 8; i++) {
        if ((b >> i) & 1) {
            r ^= a << i;
        }
    }
    return r;
}

/* Long multiply-accumulate family on one element: op 0 = mul, 1 = acc +, 2 = acc -;
 * dbl = the saturating doubling forms (signed). a, b are the narrow elements (size),
 * acc and the result wide (size + 1). */
static uint64_t mul_long(int op, bool u, bool dbl, int size, uint64_t a, uint64_t b,
                         uint64_t acc, bool *sat)
{
    int wsize = size + 1;
    simd_i128 va = u ? (simd_i128)a : (simd_i128)sext(a, size);
    simd_i128 vb = u ? (simd_i128)b : (simd_i128)sext(b, size);
    simd_i128 p = va * vb;
    if (!dbl) {
        if (op == 1) {
            p = (simd_i128)acc + p;
        } else if (op == 2) {
            p = (simd_i128)acc - p;
        }
        return (uint64_t)p & emask(wsize);
    }
    p = (simd_i128)(int64_t)sat_s(2 * p, wsize, sat);
    p = sext((uint64_t)p, wsize);
    if (op == 0) {
        return (uint64_t)p & emask(wsize);
    }
    simd_i128 x = sext(acc, wsize);
    return sat_s(op == 1 ? x + p : x - p, wsize, sat);
}

bool arm_simd_3diff(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), scalar = sbit(insn, 28, 1);
    int size = (int)sbit(insn, 22, 2), opc = (int)sbit(insn, 12, 4);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5), rm = (int)sbit(insn, 16, 5);
    bool dbl = opc == 0x9 || opc == 0xb || opc == 0xd;
    if (scalar && !dbl) {
        return false;
    }
    if (dbl && (u || size == 0 || size == 3)) {
        return false;
    }
    if (opc == 0xe ? (u || (size != 0 && size != 3)) : (opc == 0xf || size == 3)) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), m = vread(cpu, rm), d = vread(cpu, rd), r;
    memset(&r, 0, sizeof(r));
    bool sat = false;
    int ne = scalar ? 1 : 8 >> size, base = (q && !scalar) ? ne : 0;
    if (opc == 0xe && size == 3) { /* PMULL .1Q */
        uint64_t lo, hi;
        arm_pmull64(eget(&n, q, 3), eget(&m, q, 3), &lo, &hi);
        eset(&r, 0, 3, lo);
        eset(&r, 1, 3, hi);
        vwrite(cpu, rd, &r, true);
        return true;
    }
    if (opc == 0x4 || opc == 0x6) { /* ADDHN, SUBHN, RADDHN, RSUBHN */
        Vreg out = q ? d : r;
        int esize = 8 << size;
        for (int i = 0; i < ne; i++) {
            uint64_t a = eget(&n, i, size + 1), b = eget(&m, i, size + 1);
            simd_i128 v = (simd_i128)a + (opc == 0x6 ? -(simd_i128)b : (simd_i128)b);
            if (u) {
                v += (simd_i128)1 << (esize - 1);
            }
            eset(&out, base + i, size, (uint64_t)(v >> esize) & emask(size));
        }
        memcpy(cpu->v[rd], out.b, 16);
        return true;
    }
    for (int i = 0; i < ne; i++) {
        uint64_t a, b = eget(&m, base + i, size), acc = eget(&d, i, size + 1), v;
        bool wide = opc == 0x1 || opc == 0x3;
        a = wide ? eget(&n, i, size + 1) : eget(&n, base + i, size);
        simd_i128 va = wide ? (u ? (simd_i128)a : (simd_i128)sext(a, size + 1))
                            : (u ? (simd_i128)a : (simd_i128)sext(a, size));
        simd_i128 vb = u ? (simd_i128)b : (simd_i128)sext(b, size);
        switch (opc) {
        case 0x0: case 0x1: v = (uint64_t)(va + vb); break;
        case 0x2: case 0x3: v = (uint64_t)(va - vb); break;
        case 0x5: v = acc + (uint64_t)(va > vb ? va - vb : vb - va); break;
        case 0x7: v = (uint64_t)(va > vb ? va - vb : vb - va); break;
        case 0x8: v = mul_long(1, u, false, size, a, b, acc, &sat); break;
        case 0xa: v = mul_long(2, u, false, size, a, b, acc, &sat); break;
        case 0xc: v = mul_long(0, u, false, size, a, b, acc, &sat); break;
        case 0x9: v = mul_long(1, false, true, size, a, b, acc, &sat); break;
        case 0xb: v = mul_long(2, false, true, size, a, b, acc, &sat); break;
        case 0xd: v = mul_long(0, false, true, size, a, b, acc, &sat); break;
        default: v = pmull8(a, b); break;
        }
        eset(&r, i, size + 1, v & emask(size + 1));
    }
    if (sat) {
        simd_set_qc(cpu);
    }
    vwrite(cpu, rd, &r, !scalar);
    return true;
}

bool arm_simd_elem(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), scalar = sbit(insn, 28, 1);
    int size = (int)sbit(insn, 22, 2), opc = (int)sbit(insn, 12, 4);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5), rm = (int)sbit(insn, 16, 5);
    int h = (int)sbit(insn, 11, 1), l = (int)sbit(insn, 21, 1), mbit = (int)sbit(insn, 20, 1);
    if ((!u && (opc == 0x1 || opc == 0x5 || opc == 0x9)) || (u && opc == 0x9)) {
        return arm_simd_fp_elem(cpu, insn);
    }
    bool ok;
    if (u) {
        ok = !scalar && (opc == 0x0 || opc == 0x4 || opc == 0x2 || opc == 0x6 || opc == 0xa);
    } else if (scalar) {
        ok = opc == 0x3 || opc == 0x7 || opc == 0xb || opc == 0xc || opc == 0xd;
    } else {
        ok = opc == 0x2 || opc == 0x3 || opc == 0x6 || opc == 0x7 || opc == 0x8 ||
             opc == 0xa || opc == 0xb || opc == 0xc || opc == 0xd;
    }
    if (!ok || size == 0 || size == 3) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    int index = size == 1 ? (h << 2 | l << 1 | mbit) : (h << 1 | l);
    if (size == 1) {
        rm &= 0xf;
    }
    Vreg n = vread(cpu, rn), mv = vread(cpu, rm), d = vread(cpu, rd), r;
    memset(&r, 0, sizeof(r));
    uint64_t b = eget(&mv, index, size);
    bool sat = false;
    bool lng = opc == 0x2 || opc == 0x3 || opc == 0x6 || opc == 0x7 || opc == 0xa ||
               opc == 0xb;
    if (lng) {
        int ne = scalar ? 1 : 8 >> size, base = (q && !scalar) ? ne : 0;
        for (int i = 0; i < ne; i++) {
            uint64_t a = eget(&n, base + i, size), acc = eget(&d, i, size + 1), v;
            bool dbl = opc & 1;
            int op = (opc == 0xa || opc == 0xb) ? 0 : (opc & 4) ? 2 : 1;
            v = mul_long(op, u, dbl, size, a, b, acc, &sat);
            eset(&r, i, size + 1, v);
        }
        vwrite(cpu, rd, &r, !scalar);
    } else {
        int ne = scalar ? 1 : (q ? 16 : 8) >> size, esize = 8 << size;
        for (int i = 0; i < ne; i++) {
            uint64_t a = eget(&n, i, size), x = eget(&d, i, size), v;
            switch (opc) {
            case 0x0: v = x + a * b; break;
            case 0x4: v = x - a * b; break;
            case 0x8: v = a * b; break;
            default: { /* SQDMULH / SQRDMULH */
                simd_i128 p = 2 * (simd_i128)sext(a, size) * sext(b, size);
                if (opc == 0xd) {
                    p += (simd_i128)1 << (esize - 1);
                }
                v = sat_s(p >> esize, size, &sat);
                break;
            }
            }
            eset(&r, i, size, v & emask(size));
        }
        vwrite(cpu, rd, &r, q && !scalar);
    }
    if (sat) {
        simd_set_qc(cpu);
    }
    return true;
}
