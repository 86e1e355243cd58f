/*
 * core/arm/simd_int_helper.c — AdvSIMD integer "three same" (vector and scalar) and
 * "shift by immediate" (vector and scalar), decoded and executed in C (simd_helper.h says
 * how).  Written from the ARM ARM (C7 instruction pages, shared pseudocode).
 */
#include "core/arm/simd_helper.h"

simd_i128 simd_shift_val(simd_i128 a, int sh, int size, bool rnd, bool *big)
{
    int esize = 8 << size;
    if (sh >= 0) {
        if (sh >= esize) {
            *big = a != 0;
            return 0;
        }
        return a * ((simd_i128)1 << sh);
    }
    int n = -sh;
    if (rnd) {
        if (n > esize) {
            return 0;
        }
        return (a + ((simd_i128)1 << (n - 1))) >> n;
    }
    if (n >= esize) {
        return a < 0 ? -1 : 0;
    }
    return a >> n;
}

static uint64_t pmul8(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 0; i < 8; i++) {
        if (b & (1u << i)) {
            r ^= a << i;
        }
    }
    return r & 0xff;
}

/* One element of a three-same op (opc = bits 15:11); a, b, d zero-extended. */
static uint64_t op3_elem(int opc, bool u, int size, uint64_t a, uint64_t b, uint64_t d,
                         bool *sat)
{
    uint64_t m = emask(size);
    simd_i128 va = u ? (simd_i128)a : (simd_i128)sext(a, size);
    simd_i128 vb = u ? (simd_i128)b : (simd_i128)sext(b, size);
    bool big = false;
    simd_i128 r;
    int esize = 8 << size;
    switch (opc) {
    case 0x00: return (uint64_t)((va + vb) >> 1) & m;
    case 0x02: return (uint64_t)((va + vb + 1) >> 1) & m;
    case 0x04: return (uint64_t)((va - vb) >> 1) & m;
    case 0x01: return u ? sat_u(va + vb, size, sat) : sat_s(va + vb, size, sat);
    case 0x05: return u ? sat_u(va - vb, size, sat) : sat_s(va - vb, size, sat);
    case 0x06: return va > vb ? m : 0;
    case 0x07: return va >= vb ? m : 0;
    case 0x08: case 0x0a:
        return (uint64_t)simd_shift_val(va, (int8_t)b, size, opc == 0x0a, &big) & m;
    case 0x09: case 0x0b:
        r = simd_shift_val(va, (int8_t)b, size, opc == 0x0b, &big);
        if (big) {
            r = va < 0 ? -((simd_i128)1 << 64) : ((simd_i128)1 << 65);
        }
        return u ? sat_u(r, size, sat) : sat_s(r, size, sat);
    case 0x0c: return (uint64_t)(va > vb ? va : vb) & m;
    case 0x0d: return (uint64_t)(va < vb ? va : vb) & m;
    case 0x0e: return (uint64_t)(va > vb ? va - vb : vb - va) & m;
    case 0x0f: return (d + (uint64_t)(va > vb ? va - vb : vb - va)) & m;
    case 0x10: return (u ? a - b : a + b) & m;
    case 0x11: return (u ? a == b : (a & b) != 0) ? m : 0;
    case 0x12: return (u ? d - a * b : d + a * b) & m;
    case 0x13: return u ? pmul8(a, b) : (a * b) & m;
    case 0x16: /* SQDMULH / SQRDMULH */
        r = 2 * va * vb + (u ? (simd_i128)1 << (esize - 1) : 0);
        return sat_s(r >> esize, size, sat);
    default: return 0;
    }
}

static bool valid_3same(uint32_t insn, bool scalar, bool q, int opc, bool u, int size)
{
    if (scalar) {
        switch (opc) {
        case 0x01: case 0x05: case 0x09: case 0x0b: return true;
        case 0x06: case 0x07: case 0x08: case 0x0a: case 0x10: case 0x11: return size == 3;
        case 0x16: return size == 1 || size == 2;
        default: return false;
        }
    }
    (void)insn;
    if (opc == 0x03) {
        return true;
    }
    if (size == 3 && !q) {
        return false;
    }
    switch (opc) {
    case 0x01: case 0x05: case 0x06: case 0x07: case 0x08: case 0x09: case 0x0a: case 0x0b:
    case 0x10: case 0x11:
        return true;
    case 0x17: return !u;
    case 0x13: return u ? size == 0 : size != 3;
    case 0x16: return size == 1 || size == 2;
    case 0x00: case 0x02: case 0x04: case 0x0c: case 0x0d: case 0x0e: case 0x0f: case 0x12:
    case 0x14: case 0x15:
        return size != 3;
    default: return false;
    }
}

bool arm_simd_3same(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), scalar = sbit(insn, 28, 1);
    int size = (int)sbit(insn, 22, 2), opc = (int)sbit(insn, 11, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5), rm = (int)sbit(insn, 16, 5);
    if (opc >= 0x18) {
        return arm_simd_fp_3same(cpu, insn);
    }
    if (!valid_3same(insn, scalar, q, opc, u, size)) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), m = vread(cpu, rm), d = vread(cpu, rd), r;
    memset(&r, 0, sizeof(r));
    if (opc == 0x03) { /* logical: size is the operation */
        for (int i = 0; i < 2; i++) {
            uint64_t a = eget(&n, i, 3), b = eget(&m, i, 3), x = eget(&d, i, 3), v;
            switch (u << 2 | size) {
            case 0: v = a & b; break;
            case 1: v = a & ~b; break;
            case 2: v = a | b; break;
            case 3: v = a | ~b; break;
            case 4: v = a ^ b; break;
            case 5: v = (x & a) | (~x & b); break;  /* BSL */
            case 6: v = (a & b) | (x & ~b); break;  /* BIT */
            default: v = (a & ~b) | (x & b); break; /* BIF */
            }
            eset(&r, i, 3, v);
        }
        vwrite(cpu, rd, &r, q);
        return true;
    }
    int elems = scalar ? 1 : (q ? 16 : 8) >> size;
    bool sat = false;
    if (opc == 0x14 || opc == 0x15 || opc == 0x17) { /* pairwise */
        for (int i = 0; i < elems; i++) {
            const Vreg *src = i < elems / 2 ? &n : &m;
            int j = (i % (elems / 2)) * 2;
            uint64_t a = eget(src, j, size), b = eget(src, j + 1, size);
            int op = opc == 0x17 ? 0x10 : opc == 0x14 ? 0x0c : 0x0d;
            eset(&r, i, size, op3_elem(op, opc == 0x17 ? false : u, size, a, b, 0, &sat));
        }
    } else {
        for (int i = 0; i < elems; i++) {
            eset(&r, i, size,
                 op3_elem(opc, u, size, eget(&n, i, size), eget(&m, i, size),
                          eget(&d, i, size), &sat));
        }
    }
    if (sat) {
        simd_set_qc(cpu);
    }
    vwrite(cpu, rd, &r, q && !scalar);
    if (scalar) {
        memset((uint8_t *)cpu->v[rd] + (1 << size), 0, 8 - (1 << size));
    }
    return true;
}

/* ---- shift by immediate ---- */

static bool valid_shift(bool scalar, bool q, bool u, int opc, int size)
{
    switch (opc) {
    case 0x00: case 0x02: case 0x04: case 0x06: case 0x0a:
        return scalar ? size == 3 : (size != 3 || q);
    case 0x08: return u && (scalar ? size == 3 : (size != 3 || q));
    case 0x0c: return u && (scalar || size != 3 || q);
    case 0x0e: return scalar || size != 3 || q;
    case 0x10: case 0x11: return size != 3 && (!scalar || u);
    case 0x12: case 0x13: return size != 3;
    case 0x14: return size != 3 && !scalar;
    default: return false;
    }
}

bool arm_simd_shift_imm(ArmCPU *cpu, uint32_t insn)
{
    bool q = sbit(insn, 30, 1), u = sbit(insn, 29, 1), scalar = sbit(insn, 28, 1);
    int immh = (int)sbit(insn, 19, 4), immhb = (int)sbit(insn, 16, 7);
    int opc = (int)sbit(insn, 11, 5);
    int rd = (int)sbit(insn, 0, 5), rn = (int)sbit(insn, 5, 5);
    if (opc == 0x1c || opc == 0x1f) {
        return arm_simd_fp_fixed(cpu, insn);
    }
    if (immh == 0) {
        return false;
    }
    int size = 31 - __builtin_clz((unsigned)immh), esize = 8 << size;
    int shr = 2 * esize - immhb, shl = immhb - esize;
    if (!valid_shift(scalar, q, u, opc, size)) {
        return false;
    }
    if (!cpu) {
        return true;
    }
    Vreg n = vread(cpu, rn), d = vread(cpu, rd), r;
    memset(&r, 0, sizeof(r));
    bool sat = false, big = false;
    uint64_t m = emask(size);
    if (opc >= 0x10) { /* narrowing (source 2^(size+1)) and long (destination) */
        if (opc == 0x14) { /* SSHLL / USHLL */
            int elems = 8 >> size, base = q ? elems : 0;
            for (int i = 0; i < elems; i++) {
                uint64_t a = eget(&n, base + i, size);
                uint64_t v = u ? a << shl : (uint64_t)(sext(a, size) * ((int64_t)1 << shl));
                eset(&r, i, size + 1, v);
            }
            vwrite(cpu, rd, &r, true);
            return true;
        }
        bool rnd = opc & 1, in_u = u && opc >= 0x12, out_u = u;
        if (opc < 0x12 && !u) {
            out_u = false; /* SHRN / RSHRN: truncate */
        }
        int elems = scalar ? 1 : 8 >> size;
        Vreg out = d;
        if (!q || scalar) {
            memset(&out, 0, sizeof(out));
        }
        int base = scalar ? 0 : (q ? elems : 0);
        for (int i = 0; i < elems; i++) {
            uint64_t a = eget(&n, i, size + 1);
            simd_i128 va = in_u ? (simd_i128)a : (simd_i128)sext(a, size + 1);
            simd_i128 v = simd_shift_val(va, -shr, size + 1, rnd, &big);
            uint64_t res;
            if (opc < 0x12 && !u) {
                res = (uint64_t)v & m;
            } else {
                res = out_u ? sat_u(v, size, &sat) : sat_s(v, size, &sat);
            }
            eset(&out, base + i, size, res);
        }
        memcpy(cpu->v[rd], out.b, 16);
        if (sat) {
            simd_set_qc(cpu);
        }
        return true;
    }
    int elems = scalar ? 1 : (q ? 16 : 8) >> size;
    for (int i = 0; i < elems; i++) {
        uint64_t a = eget(&n, i, size), x = eget(&d, i, size), v;
        simd_i128 va = u ? (simd_i128)a : (simd_i128)sext(a, size);
        switch (opc) {
        case 0x00: case 0x02: case 0x04: case 0x06:
            v = (uint64_t)simd_shift_val(va, -shr, size, opc & 4, &big);
            if (opc & 2) {
                v += x;
            }
            break;
        case 0x08: { /* SRI */
            uint64_t keep = shr >= esize ? m : ~(m >> shr);
            v = (x & keep) | (shr >= esize ? 0 : a >> shr);
            break;
        }
        case 0x0a:
            v = a << shl;
            if (u) { /* SLI */
                v |= x & ~(m << shl);
            }
            break;
        case 0x0c: /* SQSHLU */
            va = sext(a, size);
            v = sat_u(va * ((simd_i128)1 << shl), size, &sat);
            break;
        default: /* SQSHL / UQSHL */
            v = u ? sat_u(va * ((simd_i128)1 << shl), size, &sat)
                  : sat_s(va * ((simd_i128)1 << shl), size, &sat);
            break;
        }
        eset(&r, i, size, v & m);
    }
    if (sat) {
        simd_set_qc(cpu);
    }
    vwrite(cpu, rd, &r, q && !scalar);
    if (scalar) {
        memset((uint8_t *)cpu->v[rd] + (1 << size), 0, 8 - (1 << size));
    }
    return true;
}
