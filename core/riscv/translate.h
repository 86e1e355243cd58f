/*
 * core/riscv/translate.h — shared state of the RISC-V front end (translate*.c, trans_*.c).
 */
#ifndef CORE_RISCV_TRANSLATE_H
#define CORE_RISCV_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/riscv/cpu.h"
#include "core/translator.h"
#include "tcg/ir.h"

/* Operands of one decoded instruction (compressed ones are expanded to these). */
typedef struct RiscvArgs {
    int rd, rs1, rs2, rs3;
    int rm;        /* FP rounding mode field / funct3 */
    int aq, rl;
    int64_t imm;   /* sign-extended immediate (shift amount, CSR number in csr) */
    int csr;
} RiscvArgs;

typedef struct DisasContext {
    DisasBase base;     /* the generic loop's state (first: the loop's callbacks cast) */
    CPUState *cpu;
    IrBlock *b;
    uint64_t tb_pc;     /* pc of the TB's first instruction */
    uint64_t pc;        /* pc of the instruction being translated */
    uint64_t pc_next;   /* pc of the following instruction */
    uint32_t insn;      /* its raw bits */
    int ilen;           /* 2 or 4 */
    uint32_t flags;     /* TB flags */
    int priv;
    int mem_idx;        /* MMU index for data accesses */
    int fs;             /* mstatus.FS at translation time */
    bool ended;         /* the instruction ended the TB */
    uint32_t insn_index;/* index of the instruction in the TB */
    IrTemp pc_g;        /* globals */
    IrTemp x[32];       /* x[0] unused */
    IrTemp f[32];
} DisasContext;

typedef bool (*TransFn)(DisasContext *ctx, const RiscvArgs *a);

/* --- operand helpers (translate.c) --- */
IrTemp gpr_src(DisasContext *ctx, int r);         /* x0 reads as constant 0 */
void gpr_set(DisasContext *ctx, int r, IrTemp v); /* writes to x0 are dropped */
IrTemp tmp64(DisasContext *ctx);
IrTemp tmp32(DisasContext *ctx);
IrTemp const64(DisasContext *ctx, uint64_t v);
/* End the TB with a jump to a translation-time-constant pc (chained when possible). */
void gen_goto_pc(DisasContext *ctx, int slot, uint64_t dest);
/* End the TB; the next pc is whatever the pc global holds (already stored). */
void gen_exit_lookup(DisasContext *ctx);
/* Store the current instruction's pc to the pc global (before MAY_RAISE helpers). */
void gen_sync_pc(DisasContext *ctx);
/* Raise an exception at this instruction and end the TB. */
void gen_exception(DisasContext *ctx, int cause);
/* Mark mstatus.FS dirty (after writing FP state) unless it already is. */
void gen_set_fs_dirty(DisasContext *ctx);
/* Helper call shorthand: out may be IR_NO_TEMP. */
void gen_helper(DisasContext *ctx, const IrHelper *h, IrTemp out, IrTemp a0, IrTemp a1,
                IrTemp a2, IrTemp a3);

/* --- decoding (decode.c) --- */
typedef struct RiscvInsnDef RiscvInsnDef;
/* Decode insn (ilen 2 or 4); fills args and returns the translator, or NULL if the
 * encoding is not an instruction we implement (illegal). */
TransFn riscv_decode(uint32_t insn, int ilen, RiscvArgs *args, const char **name);

/* --- trans functions, one per instruction (trans_*.c) --- */
#define TRANS(name) bool trans_##name(DisasContext *ctx, const RiscvArgs *a)
#define RISCV_INSNS(X)                                                                  \
    X(lui) X(auipc) X(jal) X(jalr) X(beq) X(bne) X(blt) X(bge) X(bltu) X(bgeu)          \
    X(lb) X(lh) X(lw) X(ld) X(lbu) X(lhu) X(lwu) X(sb) X(sh) X(sw) X(sd)                \
    X(addi) X(slti) X(sltiu) X(xori) X(ori) X(andi) X(slli) X(srli) X(srai)             \
    X(addiw) X(slliw) X(srliw) X(sraiw)                                                 \
    X(add) X(sub) X(sll) X(slt) X(sltu) X(xor) X(srl) X(sra) X(or) X(and)               \
    X(addw) X(subw) X(sllw) X(srlw) X(sraw)                                             \
    X(mul) X(mulh) X(mulhsu) X(mulhu) X(div) X(divu) X(rem) X(remu)                     \
    X(mulw) X(divw) X(divuw) X(remw) X(remuw)                                           \
    X(fence) X(fence_i) X(ecall) X(ebreak) X(mret) X(sret) X(wfi) X(sfence_vma)         \
    X(csrrw) X(csrrs) X(csrrc) X(csrrwi) X(csrrsi) X(csrrci)                            \
    X(lr_w) X(sc_w) X(lr_d) X(sc_d)                                                     \
    X(amoswap_w) X(amoadd_w) X(amoxor_w) X(amoand_w) X(amoor_w)                         \
    X(amomin_w) X(amomax_w) X(amominu_w) X(amomaxu_w)                                   \
    X(amoswap_d) X(amoadd_d) X(amoxor_d) X(amoand_d) X(amoor_d)                         \
    X(amomin_d) X(amomax_d) X(amominu_d) X(amomaxu_d)                                   \
    X(flw) X(fsw) X(fld) X(fsd)                                                         \
    X(fmadd_s) X(fmsub_s) X(fnmsub_s) X(fnmadd_s)                                       \
    X(fmadd_d) X(fmsub_d) X(fnmsub_d) X(fnmadd_d)                                       \
    X(fadd_s) X(fsub_s) X(fmul_s) X(fdiv_s) X(fsqrt_s)                                  \
    X(fadd_d) X(fsub_d) X(fmul_d) X(fdiv_d) X(fsqrt_d)                                  \
    X(fsgnj_s) X(fsgnjn_s) X(fsgnjx_s) X(fmin_s) X(fmax_s)                              \
    X(fsgnj_d) X(fsgnjn_d) X(fsgnjx_d) X(fmin_d) X(fmax_d)                              \
    X(fcvt_w_s) X(fcvt_wu_s) X(fcvt_l_s) X(fcvt_lu_s)                                   \
    X(fcvt_w_d) X(fcvt_wu_d) X(fcvt_l_d) X(fcvt_lu_d)                                   \
    X(fcvt_s_w) X(fcvt_s_wu) X(fcvt_s_l) X(fcvt_s_lu)                                   \
    X(fcvt_d_w) X(fcvt_d_wu) X(fcvt_d_l) X(fcvt_d_lu)                                   \
    X(fcvt_s_d) X(fcvt_d_s)                                                             \
    X(fmv_x_w) X(fmv_w_x) X(fmv_x_d) X(fmv_d_x)                                         \
    X(feq_s) X(flt_s) X(fle_s) X(fclass_s) X(feq_d) X(flt_d) X(fle_d) X(fclass_d)       \
    X(illegal)

#define DECLARE_TRANS(n) TRANS(n);
RISCV_INSNS(DECLARE_TRANS)
#undef DECLARE_TRANS

#endif
