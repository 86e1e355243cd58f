/*
 * core/arm/trans_ldst_simd.c — AdvSIMD load/store structures (ARM ARM C4.1.66, C7.2):
 * multiple structures LD1-LD4/ST1-ST4 (1-4 registers for LD1/ST1) of every arrangement,
 * single structure LD1-LD4/ST1-ST4 to one lane and LD1R-LD4R (load and replicate), each
 * without offset or post-indexed by the transfer size (Rm = 31) or by Xm.
 *
 * Element by element as the pseudocode walks them: register (Rt + r + s) mod 32, element
 * e, at offset ((r * elements + e) * selem + s) * esize.  LD1/ST1 of whole registers move
 * doublewords when SCTLR.A is clear (the same bytes: the register file is little-endian
 * like memory).  A 64-bit (Q = 0) multiple-structure or replicating load zeroes the upper
 * halves of its registers; a lane load leaves the other lanes as they were.  On a fault the
 * base register is unchanged (the vector registers may hold part of the data: UNKNOWN
 * architecturally).
 */
#include "core/arm/trans_ldst.h"

#define B (ctx->b)

/* The write-back value of a post-indexed form: base + (Rm == 31 ? imm : Xm). */
static IrTemp post_index(DisasContext *ctx, IrTemp base, int rm, uint64_t imm)
{
    IrTemp wb = tmp64(ctx);
    if (rm == 31) {
        ir_binopi(B, IR_ADD, IR_I64, wb, base, imm);
    } else {
        ir_binop(B, IR_ADD, IR_I64, wb, base, read_x(ctx, rm));
    }
    return wb;
}

bool trans_ldst_simd_multi(DisasContext *ctx, uint32_t insn)
{
    bool q = (insn >> 30) & 1, load = (insn >> 22) & 1, post = (insn >> 23) & 1;
    unsigned opcode = bits(insn, 12, 4);
    int size = (int)bits(insn, 10, 2);
    int rt = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    int rpt, selem;
    switch (opcode) {
    case 0x0: rpt = 1; selem = 4; break; /* LD4/ST4 */
    case 0x2: rpt = 4; selem = 1; break; /* LD1/ST1, 4 registers */
    case 0x4: rpt = 1; selem = 3; break; /* LD3/ST3 */
    case 0x6: rpt = 3; selem = 1; break; /* LD1/ST1, 3 registers */
    case 0x7: rpt = 1; selem = 1; break; /* LD1/ST1, 1 register */
    case 0x8: rpt = 1; selem = 2; break; /* LD2/ST2 */
    case 0xa: rpt = 2; selem = 1; break; /* LD1/ST1, 2 registers */
    default:
        return false;
    }
    if (size == 3 && !q && selem > 1) {
        return false;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    gen_check_sp_align(ctx, rn);
    int regbytes = q ? 16 : 8, elements = regbytes >> size;
    IrTemp base = read_xsp(ctx, rn);
    IrTemp wb = post ? post_index(ctx, base, rm, (uint64_t)(regbytes * rpt * selem)) : IR_NO_TEMP;
    IrTemp clean = gen_addr_clean(ctx, base), a = tmp64(ctx), v = tmp64(ctx);
    int mmu = ctx->mem_idx;
    if (selem == 1 && !(ctx->flags & ARM_TBF_ALIGN)) {
        for (int r = 0; r < rpt; r++) {
            int reg = (rt + r) % 32;
            for (int c = 0; c < regbytes / 8; c++) {
                ir_binopi(B, IR_ADD, IR_I64, a, clean, (uint64_t)(r * regbytes + c * 8));
                if (load) {
                    gen_ld(ctx, IR_I64, v, a, IR_MO_64, mmu);
                    ir_st_env(B, IR_I64, v, vreg_offset(reg) + (uint32_t)c * 8, IR_MO_64);
                } else {
                    ir_ld_env(B, IR_I64, v, vreg_offset(reg) + (uint32_t)c * 8, IR_MO_64);
                    gen_st(ctx, IR_I64, v, a, IR_MO_64, mmu);
                }
            }
        }
    } else {
        for (int r = 0; r < rpt; r++) {
            for (int e = 0; e < elements; e++) {
                for (int s = 0; s < selem; s++) {
                    int reg = (rt + r + s) % 32;
                    uint32_t field = vreg_elem_offset(reg, e, size);
                    uint64_t off = (uint64_t)(((r * elements + e) * selem + s) << size);
                    ir_binopi(B, IR_ADD, IR_I64, a, clean, off);
                    if (load) {
                        gen_ld(ctx, IR_I64, v, a, (unsigned)size, mmu);
                        ir_st_env(B, IR_I64, v, field, (unsigned)size);
                    } else {
                        ir_ld_env(B, IR_I64, v, field, (unsigned)size);
                        gen_st(ctx, IR_I64, v, a, (unsigned)size, mmu);
                    }
                }
            }
        }
    }
    if (load && !q) {
        for (int i = 0; i < rpt * selem; i++) {
            clear_vreg_high(ctx, (rt + i) % 32);
        }
    }
    if (post) {
        write_xsp(ctx, rn, wb);
    }
    return true;
}

bool trans_ldst_simd_single(DisasContext *ctx, uint32_t insn)
{
    bool q = (insn >> 30) & 1, load = (insn >> 22) & 1, post = (insn >> 23) & 1;
    bool r = (insn >> 21) & 1, s = (insn >> 12) & 1;
    unsigned opc = bits(insn, 13, 3), size = bits(insn, 10, 2);
    int rt = (int)bits(insn, 0, 5), rn = (int)bits(insn, 5, 5), rm = (int)bits(insn, 16, 5);
    int selem = (int)(((opc & 1) << 1 | r) + 1);
    int scale = (int)(opc >> 1);
    unsigned index = 0;
    bool replicate = false;
    switch (scale) {
    case 0:
        index = (unsigned)q << 3 | (unsigned)s << 2 | size;
        break;
    case 1:
        if (size & 1) {
            return false;
        }
        index = (unsigned)q << 2 | (unsigned)s << 1 | size >> 1;
        break;
    case 2:
        if (size & 2) {
            return false;
        }
        if (size & 1) { /* doublewords */
            if (s) {
                return false;
            }
            index = q;
            scale = 3;
        } else {
            index = (unsigned)q << 1 | s;
        }
        break;
    default: /* LDnR */
        if (!load || s) {
            return false;
        }
        replicate = true;
        scale = (int)size;
        break;
    }
    if (!fp_access_check(ctx)) {
        return true;
    }
    gen_check_sp_align(ctx, rn);
    IrTemp base = read_xsp(ctx, rn);
    IrTemp wb = post ? post_index(ctx, base, rm, (uint64_t)(selem << scale)) : IR_NO_TEMP;
    IrTemp clean = gen_addr_clean(ctx, base), a = tmp64(ctx), v = tmp64(ctx);
    int mmu = ctx->mem_idx;
    static const uint64_t splat[4] = {0x0101010101010101ull, 0x0001000100010001ull,
                                      0x0000000100000001ull, 1};
    for (int i = 0; i < selem; i++) {
        int reg = (rt + i) % 32;
        ir_binopi(B, IR_ADD, IR_I64, a, clean, (uint64_t)(i << scale));
        if (replicate) {
            gen_ld(ctx, IR_I64, v, a, (unsigned)scale, mmu);
            ir_binopi(B, IR_MUL, IR_I64, v, v, splat[scale]);
            ir_st_env(B, IR_I64, v, vreg_offset(reg), IR_MO_64);
            if (q) {
                ir_st_env(B, IR_I64, v, vreg_offset(reg) + 8, IR_MO_64);
            } else {
                clear_vreg_high(ctx, reg);
            }
        } else if (load) {
            gen_ld(ctx, IR_I64, v, a, (unsigned)scale, mmu);
            ir_st_env(B, IR_I64, v, vreg_elem_offset(reg, (int)index, scale), (unsigned)scale);
        } else {
            ir_ld_env(B, IR_I64, v, vreg_elem_offset(reg, (int)index, scale), (unsigned)scale);
            gen_st(ctx, IR_I64, v, a, (unsigned)scale, mmu);
        }
    }
    if (post) {
        write_xsp(ctx, rn, wb);
    }
    return true;
}
