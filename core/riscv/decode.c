/*
 * core/riscv/decode.c — RISC-V instruction decoding, driven by tables.
 *
 * Each instruction is one table line: (mask, match, operand format, translator).  The first
 * line whose masked bits match wins, so reserved encodings are listed before the general
 * line they carve out of.  Compressed instructions decode to the operands of the 32-bit
 * instruction they expand to and share its translator.  Adding an instruction = one line
 * here + one trans_<name>() function.  The two tables are compiled once per process into
 * decision trees (core/decode.h), which return the same first matching line.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/decode.h"
#include "core/riscv/translate.h"

typedef enum {
    F_NONE, F_R, F_R4, F_I, F_S, F_B, F_U, F_J, F_CSR, F_AMO,
    /* compressed */
    C_ADDI4SPN, C_LW, C_LD, C_SW, C_SD, C_ADDI, C_LI, C_ADDI16SP, C_LUI, C_SHIFT_P,
    C_ANDI, C_ARITH, C_J, C_BRANCH, C_SLLI, C_LWSP, C_LDSP, C_JR, C_MV, C_JALR, C_ADD,
    C_SWSP, C_SDSP,
} Format;

struct RiscvInsnDef {
    uint32_t mask, match;
    uint8_t format;
    TransFn trans;
    const char *name;
};

#define I(nm, mask, match, fmt) {mask, match, fmt, trans_##nm, #nm}
#define C(nm, tr, mask, match, fmt) {mask, match, fmt, trans_##tr, "c." #nm}

/* masks for the common 32-bit layouts */
#define M_OP 0x0000007fu       /* opcode */
#define M_F3 0x0000707fu       /* funct3 + opcode */
#define M_F7 0xfe00707fu       /* funct7 + funct3 + opcode */
#define M_F6 0xfc00707fu       /* funct6 + funct3 + opcode (64-bit shifts) */
#define M_ALL 0xffffffffu
#define M_FP_RS2 0xfff0007fu   /* funct7 + rs2 + opcode (rm free) */
#define M_FP_F3 0xfe00707fu    /* funct7 + funct3 + opcode */
#define M_FP_RS2_F3 0xfff0707fu
#define M_R4 0x0600007fu       /* fmt + opcode */
#define M_AMO 0xf800707fu      /* funct5 + funct3 + opcode */
#define M_LR 0xf9f0707fu       /* funct5 + rs2 + funct3 + opcode */

#define R(f7, f3, op) (((uint32_t)(f7) << 25) | ((f3) << 12) | (op))
#define FPR(f7, rs2) (((uint32_t)(f7) << 25) | ((uint32_t)(rs2) << 20) | 0x53)
#define AMO(f5, f3) (((uint32_t)(f5) << 27) | ((f3) << 12) | 0x2f)

static const RiscvInsnDef insns32[] = {
    I(lui, M_OP, 0x37, F_U),
    I(auipc, M_OP, 0x17, F_U),
    I(jal, M_OP, 0x6f, F_J),
    I(jalr, M_F3, 0x67, F_I),
    I(beq, M_F3, 0x0063, F_B), I(bne, M_F3, 0x1063, F_B),
    I(blt, M_F3, 0x4063, F_B), I(bge, M_F3, 0x5063, F_B),
    I(bltu, M_F3, 0x6063, F_B), I(bgeu, M_F3, 0x7063, F_B),
    I(lb, M_F3, 0x0003, F_I), I(lh, M_F3, 0x1003, F_I), I(lw, M_F3, 0x2003, F_I),
    I(ld, M_F3, 0x3003, F_I), I(lbu, M_F3, 0x4003, F_I), I(lhu, M_F3, 0x5003, F_I),
    I(lwu, M_F3, 0x6003, F_I),
    I(sb, M_F3, 0x0023, F_S), I(sh, M_F3, 0x1023, F_S), I(sw, M_F3, 0x2023, F_S),
    I(sd, M_F3, 0x3023, F_S),
    I(addi, M_F3, 0x0013, F_I), I(slti, M_F3, 0x2013, F_I), I(sltiu, M_F3, 0x3013, F_I),
    I(xori, M_F3, 0x4013, F_I), I(ori, M_F3, 0x6013, F_I), I(andi, M_F3, 0x7013, F_I),
    I(slli, M_F6, 0x00001013, F_I), I(srli, M_F6, 0x00005013, F_I),
    I(srai, M_F6, 0x40005013, F_I),
    I(addiw, M_F3, 0x001b, F_I),
    I(slliw, M_F7, 0x0000101b, F_I), I(srliw, M_F7, 0x0000501b, F_I),
    I(sraiw, M_F7, 0x4000501b, F_I),
    I(add, M_F7, R(0, 0, 0x33), F_R), I(sub, M_F7, R(0x20, 0, 0x33), F_R),
    I(sll, M_F7, R(0, 1, 0x33), F_R), I(slt, M_F7, R(0, 2, 0x33), F_R),
    I(sltu, M_F7, R(0, 3, 0x33), F_R), I(xor, M_F7, R(0, 4, 0x33), F_R),
    I(srl, M_F7, R(0, 5, 0x33), F_R), I(sra, M_F7, R(0x20, 5, 0x33), F_R),
    I(or, M_F7, R(0, 6, 0x33), F_R), I(and, M_F7, R(0, 7, 0x33), F_R),
    I(mul, M_F7, R(1, 0, 0x33), F_R), I(mulh, M_F7, R(1, 1, 0x33), F_R),
    I(mulhsu, M_F7, R(1, 2, 0x33), F_R), I(mulhu, M_F7, R(1, 3, 0x33), F_R),
    I(div, M_F7, R(1, 4, 0x33), F_R), I(divu, M_F7, R(1, 5, 0x33), F_R),
    I(rem, M_F7, R(1, 6, 0x33), F_R), I(remu, M_F7, R(1, 7, 0x33), F_R),
    I(addw, M_F7, R(0, 0, 0x3b), F_R), I(subw, M_F7, R(0x20, 0, 0x3b), F_R),
    I(sllw, M_F7, R(0, 1, 0x3b), F_R), I(srlw, M_F7, R(0, 5, 0x3b), F_R),
    I(sraw, M_F7, R(0x20, 5, 0x3b), F_R),
    I(mulw, M_F7, R(1, 0, 0x3b), F_R), I(divw, M_F7, R(1, 4, 0x3b), F_R),
    I(divuw, M_F7, R(1, 5, 0x3b), F_R), I(remw, M_F7, R(1, 6, 0x3b), F_R),
    I(remuw, M_F7, R(1, 7, 0x3b), F_R),
    I(fence, M_F3, 0x000f, F_I), I(fence_i, M_F3, 0x100f, F_I),
    I(ecall, M_ALL, 0x00000073, F_NONE), I(ebreak, M_ALL, 0x00100073, F_NONE),
    I(sret, M_ALL, 0x10200073, F_NONE), I(mret, M_ALL, 0x30200073, F_NONE),
    I(wfi, M_ALL, 0x10500073, F_NONE),
    I(sfence_vma, 0xfe007fffu, 0x12000073, F_R),
    I(csrrw, M_F3, 0x1073, F_CSR), I(csrrs, M_F3, 0x2073, F_CSR),
    I(csrrc, M_F3, 0x3073, F_CSR), I(csrrwi, M_F3, 0x5073, F_CSR),
    I(csrrsi, M_F3, 0x6073, F_CSR), I(csrrci, M_F3, 0x7073, F_CSR),
    /* A */
    I(lr_w, M_LR, AMO(0x02, 2), F_AMO), I(sc_w, M_AMO, AMO(0x03, 2), F_AMO),
    I(lr_d, M_LR, AMO(0x02, 3), F_AMO), I(sc_d, M_AMO, AMO(0x03, 3), F_AMO),
    I(amoswap_w, M_AMO, AMO(0x01, 2), F_AMO), I(amoadd_w, M_AMO, AMO(0x00, 2), F_AMO),
    I(amoxor_w, M_AMO, AMO(0x04, 2), F_AMO), I(amoand_w, M_AMO, AMO(0x0c, 2), F_AMO),
    I(amoor_w, M_AMO, AMO(0x08, 2), F_AMO), I(amomin_w, M_AMO, AMO(0x10, 2), F_AMO),
    I(amomax_w, M_AMO, AMO(0x14, 2), F_AMO), I(amominu_w, M_AMO, AMO(0x18, 2), F_AMO),
    I(amomaxu_w, M_AMO, AMO(0x1c, 2), F_AMO),
    I(amoswap_d, M_AMO, AMO(0x01, 3), F_AMO), I(amoadd_d, M_AMO, AMO(0x00, 3), F_AMO),
    I(amoxor_d, M_AMO, AMO(0x04, 3), F_AMO), I(amoand_d, M_AMO, AMO(0x0c, 3), F_AMO),
    I(amoor_d, M_AMO, AMO(0x08, 3), F_AMO), I(amomin_d, M_AMO, AMO(0x10, 3), F_AMO),
    I(amomax_d, M_AMO, AMO(0x14, 3), F_AMO), I(amominu_d, M_AMO, AMO(0x18, 3), F_AMO),
    I(amomaxu_d, M_AMO, AMO(0x1c, 3), F_AMO),
    /* F and D */
    I(flw, M_F3, 0x2007, F_I), I(fld, M_F3, 0x3007, F_I),
    I(fsw, M_F3, 0x2027, F_S), I(fsd, M_F3, 0x3027, F_S),
    I(fmadd_s, M_R4, 0x43, F_R4), I(fmsub_s, M_R4, 0x47, F_R4),
    I(fnmsub_s, M_R4, 0x4b, F_R4), I(fnmadd_s, M_R4, 0x4f, F_R4),
    I(fmadd_d, M_R4, 0x02000043, F_R4), I(fmsub_d, M_R4, 0x02000047, F_R4),
    I(fnmsub_d, M_R4, 0x0200004b, F_R4), I(fnmadd_d, M_R4, 0x0200004f, F_R4),
    I(fadd_s, 0xfe00007fu, R(0x00, 0, 0x53), F_R), I(fsub_s, 0xfe00007fu, R(0x04, 0, 0x53), F_R),
    I(fmul_s, 0xfe00007fu, R(0x08, 0, 0x53), F_R), I(fdiv_s, 0xfe00007fu, R(0x0c, 0, 0x53), F_R),
    I(fadd_d, 0xfe00007fu, R(0x01, 0, 0x53), F_R), I(fsub_d, 0xfe00007fu, R(0x05, 0, 0x53), F_R),
    I(fmul_d, 0xfe00007fu, R(0x09, 0, 0x53), F_R), I(fdiv_d, 0xfe00007fu, R(0x0d, 0, 0x53), F_R),
    I(fsqrt_s, M_FP_RS2, FPR(0x2c, 0), F_R), I(fsqrt_d, M_FP_RS2, FPR(0x2d, 0), F_R),
    I(fsgnj_s, M_FP_F3, R(0x10, 0, 0x53), F_R), I(fsgnjn_s, M_FP_F3, R(0x10, 1, 0x53), F_R),
    I(fsgnjx_s, M_FP_F3, R(0x10, 2, 0x53), F_R),
    I(fsgnj_d, M_FP_F3, R(0x11, 0, 0x53), F_R), I(fsgnjn_d, M_FP_F3, R(0x11, 1, 0x53), F_R),
    I(fsgnjx_d, M_FP_F3, R(0x11, 2, 0x53), F_R),
    I(fmin_s, M_FP_F3, R(0x14, 0, 0x53), F_R), I(fmax_s, M_FP_F3, R(0x14, 1, 0x53), F_R),
    I(fmin_d, M_FP_F3, R(0x15, 0, 0x53), F_R), I(fmax_d, M_FP_F3, R(0x15, 1, 0x53), F_R),
    I(fcvt_s_d, M_FP_RS2, FPR(0x20, 1), F_R), I(fcvt_d_s, M_FP_RS2, FPR(0x21, 0), F_R),
    I(feq_s, M_FP_F3, R(0x50, 2, 0x53), F_R), I(flt_s, M_FP_F3, R(0x50, 1, 0x53), F_R),
    I(fle_s, M_FP_F3, R(0x50, 0, 0x53), F_R),
    I(feq_d, M_FP_F3, R(0x51, 2, 0x53), F_R), I(flt_d, M_FP_F3, R(0x51, 1, 0x53), F_R),
    I(fle_d, M_FP_F3, R(0x51, 0, 0x53), F_R),
    I(fcvt_w_s, M_FP_RS2, FPR(0x60, 0), F_R), I(fcvt_wu_s, M_FP_RS2, FPR(0x60, 1), F_R),
    I(fcvt_l_s, M_FP_RS2, FPR(0x60, 2), F_R), I(fcvt_lu_s, M_FP_RS2, FPR(0x60, 3), F_R),
    I(fcvt_w_d, M_FP_RS2, FPR(0x61, 0), F_R), I(fcvt_wu_d, M_FP_RS2, FPR(0x61, 1), F_R),
    I(fcvt_l_d, M_FP_RS2, FPR(0x61, 2), F_R), I(fcvt_lu_d, M_FP_RS2, FPR(0x61, 3), F_R),
    I(fcvt_s_w, M_FP_RS2, FPR(0x68, 0), F_R), I(fcvt_s_wu, M_FP_RS2, FPR(0x68, 1), F_R),
    I(fcvt_s_l, M_FP_RS2, FPR(0x68, 2), F_R), I(fcvt_s_lu, M_FP_RS2, FPR(0x68, 3), F_R),
    I(fcvt_d_w, M_FP_RS2, FPR(0x69, 0), F_R), I(fcvt_d_wu, M_FP_RS2, FPR(0x69, 1), F_R),
    I(fcvt_d_l, M_FP_RS2, FPR(0x69, 2), F_R), I(fcvt_d_lu, M_FP_RS2, FPR(0x69, 3), F_R),
    I(fmv_x_w, M_FP_RS2_F3, R(0x70, 0, 0x53), F_R), I(fclass_s, M_FP_RS2_F3, R(0x70, 1, 0x53), F_R),
    I(fmv_x_d, M_FP_RS2_F3, R(0x71, 0, 0x53), F_R), I(fclass_d, M_FP_RS2_F3, R(0x71, 1, 0x53), F_R),
    I(fmv_w_x, M_FP_RS2_F3, R(0x78, 0, 0x53), F_R), I(fmv_d_x, M_FP_RS2_F3, R(0x79, 0, 0x53), F_R),
};

static const RiscvInsnDef insns16[] = {
    /* reserved encodings first */
    C(addi4spn_zero, illegal, 0xffe3, 0x0000, F_NONE), /* includes the all-zero insn */
    C(addiw_x0, illegal, 0xef83, 0x2001, F_NONE),
    C(addi16sp_zero, illegal, 0xffff, 0x6101, F_NONE),
    C(lui_zero, illegal, 0xf07f, 0x6001, F_NONE),
    C(lwsp_x0, illegal, 0xef83, 0x4002, F_NONE),
    C(ldsp_x0, illegal, 0xef83, 0x6002, F_NONE),
    C(jr_x0, illegal, 0xffff, 0x8002, F_NONE),
    C(reserved_alu, illegal, 0xfc63, 0x9c41, F_NONE),
    C(reserved_alu2, illegal, 0xfc63, 0x9c61, F_NONE),
    /* quadrant 0 */
    C(addi4spn, addi, 0xe003, 0x0000, C_ADDI4SPN),
    C(fld, fld, 0xe003, 0x2000, C_LD),
    C(lw, lw, 0xe003, 0x4000, C_LW),
    C(ld, ld, 0xe003, 0x6000, C_LD),
    C(fsd, fsd, 0xe003, 0xa000, C_SD),
    C(sw, sw, 0xe003, 0xc000, C_SW),
    C(sd, sd, 0xe003, 0xe000, C_SD),
    /* quadrant 1 */
    C(addi, addi, 0xe003, 0x0001, C_ADDI),
    C(addiw, addiw, 0xe003, 0x2001, C_ADDI),
    C(li, addi, 0xe003, 0x4001, C_LI),
    C(addi16sp, addi, 0xef83, 0x6101, C_ADDI16SP),
    C(lui, lui, 0xe003, 0x6001, C_LUI),
    C(srli, srli, 0xec03, 0x8001, C_SHIFT_P),
    C(srai, srai, 0xec03, 0x8401, C_SHIFT_P),
    C(andi, andi, 0xec03, 0x8801, C_ANDI),
    C(sub, sub, 0xfc63, 0x8c01, C_ARITH),
    C(xor, xor, 0xfc63, 0x8c21, C_ARITH),
    C(or, or, 0xfc63, 0x8c41, C_ARITH),
    C(and, and, 0xfc63, 0x8c61, C_ARITH),
    C(subw, subw, 0xfc63, 0x9c01, C_ARITH),
    C(addw, addw, 0xfc63, 0x9c21, C_ARITH),
    C(j, jal, 0xe003, 0xa001, C_J),
    C(beqz, beq, 0xe003, 0xc001, C_BRANCH),
    C(bnez, bne, 0xe003, 0xe001, C_BRANCH),
    /* quadrant 2 */
    C(slli, slli, 0xe003, 0x0002, C_SLLI),
    C(fldsp, fld, 0xe003, 0x2002, C_LDSP),
    C(lwsp, lw, 0xe003, 0x4002, C_LWSP),
    C(ldsp, ld, 0xe003, 0x6002, C_LDSP),
    C(ebreak, ebreak, 0xffff, 0x9002, F_NONE),
    C(jr, jalr, 0xf07f, 0x8002, C_JR),
    C(mv, add, 0xf003, 0x8002, C_MV),
    C(jalr, jalr, 0xf07f, 0x9002, C_JALR),
    C(add, add, 0xf003, 0x9002, C_ADD),
    C(fsdsp, fsd, 0xe003, 0xa002, C_SDSP),
    C(swsp, sw, 0xe003, 0xc002, C_SWSP),
    C(sdsp, sd, 0xe003, 0xe002, C_SDSP),
};

static inline uint32_t bits(uint32_t v, int hi, int lo)
{
    return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static inline int64_t sext(uint64_t v, int width)
{
    return (int64_t)(v << (64 - width)) >> (64 - width);
}

static void extract32(uint32_t in, Format f, RiscvArgs *a)
{
    a->rd = (int)bits(in, 11, 7);
    a->rs1 = (int)bits(in, 19, 15);
    a->rs2 = (int)bits(in, 24, 20);
    a->rs3 = (int)bits(in, 31, 27);
    a->rm = (int)bits(in, 14, 12);
    a->aq = (int)bits(in, 26, 26);
    a->rl = (int)bits(in, 25, 25);
    switch (f) {
    case F_I:
        a->imm = sext(bits(in, 31, 20), 12);
        break;
    case F_S:
        a->imm = sext((bits(in, 31, 25) << 5) | bits(in, 11, 7), 12);
        break;
    case F_B:
        a->imm = sext((bits(in, 31, 31) << 12) | (bits(in, 7, 7) << 11) |
                          (bits(in, 30, 25) << 5) | (bits(in, 11, 8) << 1),
                      13);
        break;
    case F_U:
        a->imm = sext(in & 0xfffff000u, 32);
        break;
    case F_J:
        a->imm = sext((bits(in, 31, 31) << 20) | (bits(in, 19, 12) << 12) |
                          (bits(in, 20, 20) << 11) | (bits(in, 30, 21) << 1),
                      21);
        break;
    case F_CSR:
        a->csr = (int)bits(in, 31, 20);
        a->imm = bits(in, 19, 15); /* uimm for the *i forms */
        break;
    default:
        a->imm = 0;
        break;
    }
}

/* compressed register fields */
static inline int creg(uint32_t v)
{
    return (int)v + 8;
}

static void extract16(uint32_t in, Format f, RiscvArgs *a)
{
    int rd_full = (int)bits(in, 11, 7);
    int rs2_full = (int)bits(in, 6, 2);
    int rs1p = creg(bits(in, 9, 7));
    int rs2p = creg(bits(in, 4, 2));
    int64_t imm6 = sext((bits(in, 12, 12) << 5) | bits(in, 6, 2), 6);
    uint32_t shamt = (bits(in, 12, 12) << 5) | bits(in, 6, 2);
    a->rd = a->rs1 = a->rs2 = a->rs3 = 0;
    a->rm = 0;
    a->aq = a->rl = 0;
    a->imm = 0;
    a->csr = 0;
    switch (f) {
    case C_ADDI4SPN:
        a->rd = rs2p;
        a->rs1 = 2;
        a->imm = (bits(in, 12, 11) << 4) | (bits(in, 10, 7) << 6) | (bits(in, 6, 6) << 2) |
                 (bits(in, 5, 5) << 3);
        break;
    case C_LW:
        a->rd = rs2p;
        a->rs1 = rs1p;
        a->imm = (bits(in, 12, 10) << 3) | (bits(in, 6, 6) << 2) | (bits(in, 5, 5) << 6);
        break;
    case C_LD:
        a->rd = rs2p;
        a->rs1 = rs1p;
        a->imm = (bits(in, 12, 10) << 3) | (bits(in, 6, 5) << 6);
        break;
    case C_SW:
        a->rs2 = rs2p;
        a->rs1 = rs1p;
        a->imm = (bits(in, 12, 10) << 3) | (bits(in, 6, 6) << 2) | (bits(in, 5, 5) << 6);
        break;
    case C_SD:
        a->rs2 = rs2p;
        a->rs1 = rs1p;
        a->imm = (bits(in, 12, 10) << 3) | (bits(in, 6, 5) << 6);
        break;
    case C_ADDI:
        a->rd = a->rs1 = rd_full;
        a->imm = imm6;
        break;
    case C_LI:
        a->rd = rd_full;
        a->rs1 = 0;
        a->imm = imm6;
        break;
    case C_ADDI16SP:
        a->rd = a->rs1 = 2;
        a->imm = sext((bits(in, 12, 12) << 9) | (bits(in, 6, 6) << 4) | (bits(in, 5, 5) << 6) |
                          (bits(in, 4, 3) << 7) | (bits(in, 2, 2) << 5),
                      10);
        break;
    case C_LUI:
        a->rd = rd_full;
        a->imm = imm6 * 4096;
        break;
    case C_SHIFT_P:
        a->rd = a->rs1 = rs1p;
        a->imm = shamt;
        break;
    case C_ANDI:
        a->rd = a->rs1 = rs1p;
        a->imm = imm6;
        break;
    case C_ARITH:
        a->rd = a->rs1 = rs1p;
        a->rs2 = rs2p;
        break;
    case C_J:
        a->rd = 0;
        a->imm = sext((bits(in, 12, 12) << 11) | (bits(in, 11, 11) << 4) |
                          (bits(in, 10, 9) << 8) | (bits(in, 8, 8) << 10) |
                          (bits(in, 7, 7) << 6) | (bits(in, 6, 6) << 7) |
                          (bits(in, 5, 3) << 1) | (bits(in, 2, 2) << 5),
                      12);
        break;
    case C_BRANCH:
        a->rs1 = rs1p;
        a->rs2 = 0;
        a->imm = sext((bits(in, 12, 12) << 8) | (bits(in, 11, 10) << 3) |
                          (bits(in, 6, 5) << 6) | (bits(in, 4, 3) << 1) | (bits(in, 2, 2) << 5),
                      9);
        break;
    case C_SLLI:
        a->rd = a->rs1 = rd_full;
        a->imm = shamt;
        break;
    case C_LWSP:
        a->rd = rd_full;
        a->rs1 = 2;
        a->imm = (bits(in, 12, 12) << 5) | (bits(in, 6, 4) << 2) | (bits(in, 3, 2) << 6);
        break;
    case C_LDSP:
        a->rd = rd_full;
        a->rs1 = 2;
        a->imm = (bits(in, 12, 12) << 5) | (bits(in, 6, 5) << 3) | (bits(in, 4, 2) << 6);
        break;
    case C_JR:
        a->rd = 0;
        a->rs1 = rd_full;
        break;
    case C_MV:
        a->rd = rd_full;
        a->rs1 = 0;
        a->rs2 = rs2_full;
        break;
    case C_JALR:
        a->rd = 1;
        a->rs1 = rd_full;
        break;
    case C_ADD:
        a->rd = a->rs1 = rd_full;
        a->rs2 = rs2_full;
        break;
    case C_SWSP:
        a->rs1 = 2;
        a->rs2 = rs2_full;
        a->imm = (bits(in, 12, 9) << 2) | (bits(in, 8, 7) << 6);
        break;
    case C_SDSP:
        a->rs1 = 2;
        a->rs2 = rs2_full;
        a->imm = (bits(in, 12, 10) << 3) | (bits(in, 9, 7) << 6);
        break;
    default:
        break;
    }
}

#define COUNT(tab) (sizeof(tab) / sizeof((tab)[0]))

/* Built once, then only read (by every vCPU thread of every machine). */
static pthread_once_t trees_once = PTHREAD_ONCE_INIT;
static Decoder *tree16, *tree32;

static Decoder *build_tree(const RiscvInsnDef *tab, size_t n)
{
    DecodePattern lines[COUNT(insns32) > COUNT(insns16) ? COUNT(insns32) : COUNT(insns16)];
    for (size_t i = 0; i < n; i++) {
        lines[i] = (DecodePattern){tab[i].mask, tab[i].match};
    }
    Decoder *d = decoder_build(lines, n);
    if (!d) {
        fprintf(stderr, "qemu-wasm: out of memory building the RISC-V decoder\n");
        abort();
    }
    return d;
}

static void build_trees(void)
{
    tree16 = build_tree(insns16, COUNT(insns16));
    tree32 = build_tree(insns32, COUNT(insns32));
}

TransFn riscv_decode(uint32_t insn, int ilen, RiscvArgs *args, const char **name)
{
    pthread_once(&trees_once, build_trees);
    const RiscvInsnDef *tab = ilen == 2 ? insns16 : insns32;
    int32_t i = decoder_lookup(ilen == 2 ? tree16 : tree32, insn);
    if (i < 0) {
        return NULL;
    }
    if (ilen == 2) {
        extract16(insn, (Format)tab[i].format, args);
    } else {
        extract32(insn, (Format)tab[i].format, args);
    }
    if (name) {
        *name = tab[i].name;
    }
    return tab[i].trans;
}
