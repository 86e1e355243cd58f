/*
 * core/arm/simd_misc_helper.c — AdvSIMD integer "two-register misc" (vector and scalar),
 * "across lanes", the permutes (ZIP/UZP/TRN, EXT, TBL/TBX) and the scalar pairwise ADDP,
 * decoded and executed in C (simd_helper.h says how).  The FP encodings of the two-register
 * misc, across-lanes and pairwise classes go on to simd_fp_helper.c.
 */
#include "core/arm/simd_helper.h"

static bool valid_2misc(bool scalar, bool q, bool u, int opc, int size)
{
    if (scalar) {
        switch (opc) {
        case 0x03: case 0x07: return true;
        case 0x14: return size != 3;
        case 0x12: return u && size != 3;
        case 0x08: case 0x09: case 0x0b: return size == 3;
        case 0x0a: return !u && size == 3;
        default: return false;
        }
    }
    switch (opc) {
    case 0x00: return size < (u ? 2 : 3);
    case 0x01: return !u && size == 0;
    case 0x02: case 0x04: case 0x06: return size != 3;
    case 0x05: return u ? size < 2 : size == 0;
    case 0x03: case 0x07: case 0x08: case 0x09: case 0x0b: return size != 3 || q;
    case 0x0a: return !u && (size != 3 || q);
    case 0x12: case 0x14: return size != 3;
    case 0x13: return u && size != 3;
    default: return false;
    }
}

static uint64_t cls_clz(uint64_t a, int size, bool clz)
{
    int esize = 8 << size, n = 0;
    uint64_t sign = clz ? 0 : (a >> (esize - 1)) & 1;
    for (int b = esize - (clz ? 1 : 2); b >= 0 && ((a >> b) & 1) == sign; b--) {
        n++;
    }
    return (uint64_t)n;
}

static uint64_t rbit8(uint64_t a)
{
    uint64_t r = 0;
    for (int i = 0; i < 8; i++) {
        r |= ((a >> i) & 1) << (7 - i);
    }
    return r;
}

bool arm_simd_2misc(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), scalar = sbit(insn, 28, 1);
    int size = (int)sbit(insn, 22, 2), opc = (int)sbit(insn, 12, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5);
    if (opc >= 0x16 || (opc >= 0x0c && opc <= 0x0f)) {
        return arm_simd_fp_2misc(cpu, insn);
    }
    if (!valid_2misc(scalar, q, u, opc, size)) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), d = vread(cpu, rd), r;
    memset(&r, 0, sizeof(r));
    bool sat = false, rbit = false;
    if (opc == 0x05) { /* CNT, NOT, RBIT work on bytes; size is the operation */
        rbit = size == 1;
        size = 0;
    }
    uint64_t m = emask(size);
    int elems = scalar ? 1 : (q ? 16 : 8) >> size;
    if (opc == 0x12 || opc == 0x14) { /* XTN, SQXTUN, SQXTN, UQXTN */
        int ne = scalar ? 1 : 8 >> size, base = (q && !scalar) ? ne : 0;
        Vreg out = (q && !scalar) ? d : r;
        for (int i = 0; i < ne; i++) {
            uint64_t a = eget(&n, i, size + 1), v;
            if (opc == 0x12 && !u) {
                v = a & m;
            } else if (opc == 0x14 && u) {
                v = sat_u((simd_i128)a, size, &sat);
            } else {
                simd_i128 sa = sext(a, size + 1);
                v = opc == 0x12 ? sat_u(sa, size, &sat) : sat_s(sa, size, &sat);
            }
            eset(&out, base + i, size, v);
        }
        memcpy(cpu->v[rd], out.b, 16);
        if (sat) {
            simd_set_qc(cpu);
        }
        return true;
    }
    if (opc == 0x02 || opc == 0x06 || opc == 0x13) { /* [SU]ADDLP, [SU]ADALP, SHLL */
        int ne = opc == 0x13 ? 8 >> size : elems / 2, base = (opc == 0x13 && q) ? ne : 0;
        for (int i = 0; i < ne; i++) {
            uint64_t v;
            if (opc == 0x13) {
                v = eget(&n, base + i, size) << (8 << size);
            } else {
                uint64_t a = eget(&n, 2 * i, size), b = eget(&n, 2 * i + 1, size);
                v = u ? a + b : (uint64_t)(sext(a, size) + sext(b, size));
                if (opc == 0x06) {
                    v += eget(&d, i, size + 1);
                }
            }
            eset(&r, i, size + 1, v & emask(size + 1));
        }
        vwrite(cpu, rd, &r, q || opc == 0x13);
        return true;
    }
    for (int i = 0; i < elems; i++) {
        uint64_t a = eget(&n, i, size), v = 0;
        int64_t sa = sext(a, size);
        switch (opc) {
        case 0x00: case 0x01: { /* REV64 / REV32 / REV16: reverse within containers */
            int cbytes = opc == 1 ? 2 : u ? 4 : 8;
            v = eget(&n, i ^ ((cbytes >> size) - 1), size);
            break;
        }
        case 0x03: { /* SUQADD / USQADD: Vd accumulates */
            uint64_t x = eget(&d, i, size);
            v = u ? sat_u((simd_i128)x + sa, size, &sat)
                  : sat_s((simd_i128)sext(x, size) + (simd_i128)a, size, &sat);
            break;
        }
        case 0x04: v = cls_clz(a, size, u); break;
        case 0x05:
            v = !u ? (uint64_t)__builtin_popcount((unsigned)a) : rbit ? rbit8(a) : ~a & m;
            break;
        case 0x07: v = u ? sat_s(-(simd_i128)sa, size, &sat)
                         : sat_s(sa < 0 ? -(simd_i128)sa : sa, size, &sat); break;
        case 0x08: v = (u ? sa >= 0 : sa > 0) ? m : 0; break;
        case 0x09: v = (u ? sa <= 0 : sa == 0) ? m : 0; break;
        case 0x0a: v = sa < 0 ? m : 0; break;
        default: v = (u || sa < 0) ? (0 - a) & m : a; break; /* 0x0b ABS / NEG */
        }
        eset(&r, i, size, v & m);
    }
    if (sat) {
        simd_set_qc(cpu);
    }
    vwrite(cpu, rd, &r, q && !scalar);
    return true;
}

bool arm_simd_across(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1);
    int size = (int)sbit(insn, 22, 2), opc = (int)sbit(insn, 12, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5);
    if (opc == 0x0c || opc == 0x0f) {
        return arm_simd_fp_across(cpu, insn);
    }
    if (size == 3 || (size == 2 && !q) ||
        !(opc == 0x03 || opc == 0x0a || opc == 0x1a || (opc == 0x1b && !u))) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), r;
    memset(&r, 0, sizeof(r));
    int elems = (q ? 16 : 8) >> size;
    simd_i128 acc = u ? (simd_i128)eget(&n, 0, size) : (simd_i128)egets(&n, 0, size);
    for (int i = 1; i < elems; i++) {
        simd_i128 a = u ? (simd_i128)eget(&n, i, size) : (simd_i128)egets(&n, i, size);
        if (opc == 0x0a) {
            acc = a > acc ? a : acc;
        } else if (opc == 0x1a) {
            acc = a < acc ? a : acc;
        } else {
            acc += a;
        }
    }
    int osize = opc == 0x03 ? size + 1 : size;
    eset(&r, 0, osize, (uint64_t)acc & emask(osize));
    vwrite(cpu, rd, &r, false);
    return true;
}

bool arm_simd_pairwise(ArmCPU *cpu, uint32_t insn)
{
    bool u = sbit(insn, 29, 1);
    int size = (int)sbit(insn, 22, 2), opc = (int)sbit(insn, 12, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5);
    if (opc != 0x1b || u) {
        return arm_simd_fp_pairwise(cpu, insn);
    }
    if (size != 3) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), r;
    memset(&r, 0, sizeof(r));
    eset(&r, 0, 3, eget(&n, 0, 3) + eget(&n, 1, 3));
    vwrite(cpu, rd, &r, false);
    return true;
}

bool arm_simd_perm(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1);
    int size = (int)sbit(insn, 22, 2), opc = (int)sbit(insn, 12, 3);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5), rm = (int)sbit(insn, 16, 5);
    if ((opc & 3) == 0 || (size == 3 && !q)) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), mm = vread(cpu, rm), r;
    memset(&r, 0, sizeof(r));
    int elems = (q ? 16 : 8) >> size, half = elems / 2, part = opc >> 2;
    for (int i = 0; i < elems; i++) {
        uint64_t v;
        switch (opc & 3) {
        case 1: { /* UZP */
            int j = 2 * i + part;
            v = j < elems ? eget(&n, j, size) : eget(&mm, j - elems, size);
            break;
        }
        case 2: /* TRN */
            v = eget((i & 1) ? &mm : &n, (i & ~1) + part, size);
            break;
        default: /* ZIP */
            v = eget((i & 1) ? &mm : &n, i / 2 + part * half, size);
            break;
        }
        eset(&r, i, size, v);
    }
    vwrite(cpu, rd, &r, q);
    return true;
}

bool arm_simd_ext(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1);
    int imm = (int)sbit(insn, 11, 4);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5), rm = (int)sbit(insn, 16, 5);
    if (sbit(insn, 22, 2) != 0 || (!q && imm >= 8)) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), m = vread(cpu, rm), r;
    memset(&r, 0, sizeof(r));
    int bytes = q ? 16 : 8;
    for (int i = 0; i < bytes; i++) {
        int j = i + imm;
        r.b[i] = j < bytes ? n.b[j] : m.b[j - bytes];
    }
    vwrite(cpu, rd, &r, q);
    return true;
}

bool arm_simd_tbl(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), tbx = sbit(insn, 12, 1);
    int len = (int)sbit(insn, 13, 2) + 1;
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5), rm = (int)sbit(insn, 16, 5);
    if (sbit(insn, 22, 2) != 0) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    uint8_t table[64];
    for (int i = 0; i < len; i++) {
        memcpy(table + 16 * i, cpu->v[(rn + i) % 32], 16);
    }
    Vreg idx = vread(cpu, rm), r = vread(cpu, rd);
    int bytes = q ? 16 : 8;
    for (int i = 0; i < bytes; i++) {
        if (idx.b[i] < 16 * len) {
            r.b[i] = table[idx.b[i]];
        } else if (!tbx) {
            r.b[i] = 0;
        }
    }
    vwrite(cpu, rd, &r, q);
    return true;
}
