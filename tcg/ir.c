/*
 * tcg/ir.c — the IR builder, opcode metadata, the reference semantics of every pure value
 * op (ir_eval_op), and the text dump.
 */
#include "tcg/ir.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- opcode metadata ---- */

#define VALUE2 1, 2, 0, 0 /* o, i, i */
#define VALUE1 1, 1, 0, 0 /* o, i */
#define CTRL (IR_OPF_BB_END | IR_OPF_SIDE_EFFECT)
#define MEM (IR_OPF_SIDE_EFFECT | IR_OPF_MAY_RAISE)

const IrOpDef ir_op_defs[IR_OPC_COUNT] = {
    [IR_NOP] = { "nop", 0, 0, 0, 0 },
    [IR_MOV] = { "mov", VALUE1 },
    [IR_ADD] = { "add", VALUE2 },
    [IR_SUB] = { "sub", VALUE2 },
    [IR_MUL] = { "mul", VALUE2 },
    [IR_NEG] = { "neg", VALUE1 },
    [IR_AND] = { "and", VALUE2 },
    [IR_OR] = { "or", VALUE2 },
    [IR_XOR] = { "xor", VALUE2 },
    [IR_ANDC] = { "andc", VALUE2 },
    [IR_ORC] = { "orc", VALUE2 },
    [IR_EQV] = { "eqv", VALUE2 },
    [IR_NOT] = { "not", VALUE1 },
    [IR_SHL] = { "shl", VALUE2 },
    [IR_SHR] = { "shr", VALUE2 },
    [IR_SAR] = { "sar", VALUE2 },
    [IR_ROTL] = { "rotl", VALUE2 },
    [IR_ROTR] = { "rotr", VALUE2 },
    [IR_MULUH] = { "muluh", VALUE2 },
    [IR_MULSH] = { "mulsh", VALUE2 },
    [IR_MULSUH] = { "mulsuh", VALUE2 },
    [IR_DIV] = { "div", VALUE2 },
    [IR_DIVU] = { "divu", VALUE2 },
    [IR_REM] = { "rem", VALUE2 },
    [IR_REMU] = { "remu", VALUE2 },
    [IR_CLZ] = { "clz", VALUE1 },
    [IR_CTZ] = { "ctz", VALUE1 },
    [IR_CTPOP] = { "ctpop", VALUE1 },
    [IR_SETCOND] = { "setcond", 1, 2, 1, 0 },
    [IR_MOVCOND] = { "movcond", 1, 4, 1, 0 },
    [IR_EXT8S] = { "ext8s", VALUE1 },
    [IR_EXT8U] = { "ext8u", VALUE1 },
    [IR_EXT16S] = { "ext16s", VALUE1 },
    [IR_EXT16U] = { "ext16u", VALUE1 },
    [IR_EXT32S] = { "ext32s", VALUE1 },
    [IR_EXT32U] = { "ext32u", VALUE1 },
    [IR_EXTI32S] = { "exti32s", VALUE1 },
    [IR_EXTI32U] = { "exti32u", VALUE1 },
    [IR_TRUNC] = { "trunc", VALUE1 },
    [IR_LABEL] = { "set_label", 0, 0, 1, IR_OPF_BB_END },
    [IR_BR] = { "br", 0, 0, 1, CTRL },
    [IR_BRCOND] = { "brcond", 0, 2, 2, CTRL },
    [IR_GOTO_TB] = { "goto_tb", 0, 0, 1, CTRL },
    [IR_EXIT_TB] = { "exit_tb", 0, 0, 0, CTRL },
    [IR_QEMU_LD] = { "qemu_ld", 1, 1, 3, MEM },
    [IR_QEMU_ST] = { "qemu_st", 0, 2, 3, MEM },
    [IR_LD_ENV] = { "ld_env", 1, 0, 2, 0 },
    [IR_ST_ENV] = { "st_env", 0, 1, 2, IR_OPF_SIDE_EFFECT },
    /* The helper's own flags refine these (IR_CALL_PURE, IR_CALL_MAY_RAISE). */
    [IR_CALL] = { "call", 1, 4, 1, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_RAISE },
    [IR_FENCE] = { "fence", 0, 0, 1, IR_OPF_SIDE_EFFECT },
    [IR_INSN_START] = { "insn_start", 0, 0, 1, IR_OPF_SIDE_EFFECT },
};

/* ---- building ---- */

static unsigned const_hash(IrType type, uint64_t v)
{
    uint64_t h = (v ^ ((uint64_t)type << 63)) * 0x9e3779b97f4a7c15ull;
    return (unsigned)(h >> 56) % IR_CONST_BUCKETS;
}

void ir_block_reset(IrBlock *b, uint64_t pc)
{
    b->nops = 0;
    b->ntemps = b->nglobals;
    b->nlabels = 0;
    b->nhelpers = 0;
    b->overflow = false;
    b->pc = pc;
    b->ninsns = 0;
    /* 0xffff = empty bucket / end of chain */
    memset(b->const_buckets, 0xff, sizeof(b->const_buckets));
}

IrTemp ir_global(IrBlock *b, IrType type, uint32_t env_offset, const char *name)
{
    if (b->ntemps != b->nglobals || b->nglobals >= IR_MAX_GLOBALS) {
        /* A front-end bug, not a run-time condition: fail loudly. */
        fprintf(stderr, "ir_global(%s): globals must be registered first (max %d)\n", name,
                IR_MAX_GLOBALS);
        abort();
    }
    IrTempInfo *ti = &b->temps[b->ntemps];
    memset(ti, 0, sizeof(*ti));
    ti->kind = IR_TEMP_GLOBAL;
    ti->type = (uint8_t)type;
    ti->offset = env_offset;
    ti->name = name;
    b->nglobals++;
    return (IrTemp)b->ntemps++;
}

/* A new temp slot, or a harmless existing one after setting overflow. */
static IrTemp new_temp(IrBlock *b, IrTempKind kind, IrType type)
{
    if (b->ntemps >= IR_MAX_TEMPS) {
        b->overflow = true;
        return (IrTemp)(IR_MAX_TEMPS - 1);
    }
    IrTempInfo *ti = &b->temps[b->ntemps];
    memset(ti, 0, sizeof(*ti));
    ti->kind = (uint8_t)kind;
    ti->type = (uint8_t)type;
    ti->pad = IR_NO_TEMP;
    return (IrTemp)b->ntemps++;
}

IrTemp ir_temp(IrBlock *b, IrType type)
{
    return new_temp(b, IR_TEMP_TEMP, type);
}

IrTemp ir_const(IrBlock *b, IrType type, uint64_t v)
{
    if (type == IR_I32) {
        v = (uint32_t)v;
    }
    unsigned h = const_hash(type, v);
    /* A chain links ever older (smaller) temps.  Front ends may roll a block back by
     * lowering ntemps, which leaves stale links: stop at the first one (that only costs
     * a duplicate constant). */
    unsigned prev = (unsigned)b->ntemps;
    for (unsigned t = b->const_buckets[h]; t < prev && b->temps[t].kind == IR_TEMP_CONST;
         prev = t, t = b->temps[t].pad) {
        if (b->temps[t].type == type && b->temps[t].value == v) {
            return (IrTemp)t;
        }
    }
    if (b->ntemps >= IR_MAX_TEMPS) {
        b->overflow = true;
        return (IrTemp)(IR_MAX_TEMPS - 1);
    }
    IrTemp t = new_temp(b, IR_TEMP_CONST, type);
    b->temps[t].value = v;
    b->temps[t].pad = b->const_buckets[h] < t ? b->const_buckets[h] : IR_NO_TEMP;
    b->const_buckets[h] = t;
    return t;
}

IrLabel ir_label_new(IrBlock *b)
{
    if (b->nlabels >= IR_MAX_LABELS) {
        b->overflow = true;
        return (IrLabel)(IR_MAX_LABELS - 1);
    }
    b->label_pos[b->nlabels] = UINT32_MAX; /* not placed yet */
    return (IrLabel)b->nlabels++;
}

int ir_helper_index(IrBlock *b, const IrHelper *h)
{
    for (int i = 0; i < b->nhelpers; i++) {
        if (b->helpers[i] == h) {
            return i;
        }
    }
    int cap = (int)(sizeof(b->helpers) / sizeof(b->helpers[0]));
    if (b->nhelpers >= cap) {
        b->overflow = true;
        return cap - 1;
    }
    b->helpers[b->nhelpers] = h;
    return b->nhelpers++;
}

int ir_emit(IrBlock *b, IrOpc opc, IrType type, int nargs, const uint32_t *args)
{
    if (b->nops >= IR_MAX_OPS) {
        b->overflow = true;
        return -1;
    }
    IrOp *op = &b->ops[b->nops];
    memset(op, 0, sizeof(*op));
    op->opc = (uint8_t)opc;
    op->type = (uint8_t)type;
    for (int i = 0; i < nargs && i < IR_MAX_ARGS; i++) {
        op->args[i] = args[i];
    }
    return b->nops++;
}

void ir_mov(IrBlock *b, IrType t, IrTemp o, IrTemp i)
{
    uint32_t a[] = { o, i };
    ir_emit(b, IR_MOV, t, 2, a);
}

void ir_movi(IrBlock *b, IrType t, IrTemp o, uint64_t v)
{
    ir_mov(b, t, o, ir_const(b, t, v));
}

void ir_binop(IrBlock *b, IrOpc opc, IrType t, IrTemp o, IrTemp x, IrTemp y)
{
    uint32_t a[] = { o, x, y };
    ir_emit(b, opc, t, 3, a);
}

void ir_binopi(IrBlock *b, IrOpc opc, IrType t, IrTemp o, IrTemp x, uint64_t imm)
{
    ir_binop(b, opc, t, o, x, ir_const(b, t, imm));
}

void ir_unop(IrBlock *b, IrOpc opc, IrType t, IrTemp o, IrTemp x)
{
    uint32_t a[] = { o, x };
    ir_emit(b, opc, t, 2, a);
}

void ir_setcond(IrBlock *b, IrType t, IrCond c, IrTemp o, IrTemp x, IrTemp y)
{
    uint32_t a[] = { o, x, y, (uint32_t)c };
    ir_emit(b, IR_SETCOND, t, 4, a);
}

void ir_movcond(IrBlock *b, IrType t, IrCond c, IrTemp o, IrTemp x, IrTemp y, IrTemp vt,
                IrTemp vf)
{
    uint32_t a[] = { o, x, y, vt, vf, (uint32_t)c };
    ir_emit(b, IR_MOVCOND, t, 6, a);
}

void ir_label(IrBlock *b, IrLabel l)
{
    uint32_t a[] = { l };
    int idx = ir_emit(b, IR_LABEL, IR_I64, 1, a);
    if (idx >= 0 && l < IR_MAX_LABELS) {
        b->label_pos[l] = (uint32_t)idx;
    }
}

void ir_br(IrBlock *b, IrLabel l)
{
    uint32_t a[] = { l };
    ir_emit(b, IR_BR, IR_I64, 1, a);
}

void ir_brcond(IrBlock *b, IrType t, IrCond c, IrTemp x, IrTemp y, IrLabel l)
{
    uint32_t a[] = { x, y, (uint32_t)c, l };
    ir_emit(b, IR_BRCOND, t, 4, a);
}

void ir_brcondi(IrBlock *b, IrType t, IrCond c, IrTemp x, uint64_t imm, IrLabel l)
{
    ir_brcond(b, t, c, x, ir_const(b, t, imm), l);
}

void ir_goto_tb(IrBlock *b, int slot)
{
    uint32_t a[] = { (uint32_t)slot };
    ir_emit(b, IR_GOTO_TB, IR_I64, 1, a);
}

void ir_exit_tb(IrBlock *b)
{
    ir_emit(b, IR_EXIT_TB, IR_I64, 0, NULL);
}

void ir_qemu_ld(IrBlock *b, IrType t, IrTemp val, IrTemp addr, unsigned memop,
                unsigned mmu_idx, uint32_t pcoff)
{
    uint32_t a[] = { val, addr, memop, mmu_idx, pcoff };
    ir_emit(b, IR_QEMU_LD, t, 5, a);
}

void ir_qemu_st(IrBlock *b, IrType t, IrTemp val, IrTemp addr, unsigned memop,
                unsigned mmu_idx, uint32_t pcoff)
{
    uint32_t a[] = { val, addr, memop, mmu_idx, pcoff };
    ir_emit(b, IR_QEMU_ST, t, 5, a);
}

void ir_ld_env(IrBlock *b, IrType t, IrTemp o, uint32_t offset, unsigned memop)
{
    uint32_t a[] = { o, offset, memop };
    ir_emit(b, IR_LD_ENV, t, 3, a);
}

void ir_st_env(IrBlock *b, IrType t, IrTemp i, uint32_t offset, unsigned memop)
{
    uint32_t a[] = { i, offset, memop };
    ir_emit(b, IR_ST_ENV, t, 3, a);
}

void ir_call(IrBlock *b, const IrHelper *h, IrType out_type, IrTemp out, IrTemp a0,
             IrTemp a1, IrTemp a2, IrTemp a3)
{
    uint32_t a[] = { out, a0, a1, a2, a3, (uint32_t)ir_helper_index(b, h) };
    ir_emit(b, IR_CALL, out_type, 6, a);
}

void ir_fence(IrBlock *b)
{
    uint32_t a[] = { 0 };
    ir_emit(b, IR_FENCE, IR_I64, 1, a);
}

void ir_insn_start(IrBlock *b, uint64_t pcoff)
{
    if (b->ninsns >= IR_MAX_INSNS) {
        b->overflow = true;
        return;
    }
    uint32_t a[] = { (uint32_t)b->ninsns };
    uint64_t *d = b->insn_data[b->ninsns++];
    memset(d, 0, sizeof(b->insn_data[0]));
    d[0] = pcoff;
    ir_emit(b, IR_INSN_START, IR_I64, 1, a);
}

void ir_insn_set_data(IrBlock *b, unsigned word, uint64_t value)
{
    if (b->ninsns > 0 && word > 0 && word < IR_INSN_WORDS) {
        b->insn_data[b->ninsns - 1][word] = value;
    }
}

/* ---- reference semantics ---- */

bool ir_cond_eval(IrCond c, IrType t, uint64_t x, uint64_t y)
{
    int64_t sx, sy;
    if (t == IR_I32) {
        x = (uint32_t)x;
        y = (uint32_t)y;
        sx = (int32_t)x;
        sy = (int32_t)y;
    } else {
        sx = (int64_t)x;
        sy = (int64_t)y;
    }
    switch (c) {
    case IR_COND_EQ: return x == y;
    case IR_COND_NE: return x != y;
    case IR_COND_LT: return sx < sy;
    case IR_COND_GE: return sx >= sy;
    case IR_COND_LE: return sx <= sy;
    case IR_COND_GT: return sx > sy;
    case IR_COND_LTU: return x < y;
    case IR_COND_GEU: return x >= y;
    case IR_COND_LEU: return x <= y;
    case IR_COND_GTU: return x > y;
    case IR_COND_ALWAYS: return true;
    case IR_COND_NEVER: return false;
    }
    return false;
}

IrCond ir_cond_invert(IrCond c)
{
    switch (c) {
    case IR_COND_EQ: return IR_COND_NE;
    case IR_COND_NE: return IR_COND_EQ;
    case IR_COND_LT: return IR_COND_GE;
    case IR_COND_GE: return IR_COND_LT;
    case IR_COND_LE: return IR_COND_GT;
    case IR_COND_GT: return IR_COND_LE;
    case IR_COND_LTU: return IR_COND_GEU;
    case IR_COND_GEU: return IR_COND_LTU;
    case IR_COND_LEU: return IR_COND_GTU;
    case IR_COND_GTU: return IR_COND_LEU;
    case IR_COND_ALWAYS: return IR_COND_NEVER;
    case IR_COND_NEVER: return IR_COND_ALWAYS;
    }
    return c;
}

IrCond ir_cond_swap(IrCond c)
{
    switch (c) {
    case IR_COND_LT: return IR_COND_GT;
    case IR_COND_GT: return IR_COND_LT;
    case IR_COND_GE: return IR_COND_LE;
    case IR_COND_LE: return IR_COND_GE;
    case IR_COND_LTU: return IR_COND_GTU;
    case IR_COND_GTU: return IR_COND_LTU;
    case IR_COND_GEU: return IR_COND_LEU;
    case IR_COND_LEU: return IR_COND_GEU;
    default: return c; /* EQ, NE, ALWAYS, NEVER are symmetric */
    }
}

/* High 64 bits of the unsigned 128-bit product, with 32-bit limbs (portable to wasm32). */
static uint64_t mulu64_hi(uint64_t a, uint64_t b)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

static uint64_t mulh64(IrOpc opc, uint64_t a, uint64_t b)
{
    uint64_t hi = mulu64_hi(a, b);
    /* signed(a) = a - 2^64*[a<0]: subtract the correction terms from the high half */
    if ((opc == IR_MULSH || opc == IR_MULSUH) && (int64_t)a < 0) {
        hi -= b;
    }
    if (opc == IR_MULSH && (int64_t)b < 0) {
        hi -= a;
    }
    return hi;
}

static uint64_t mulh32(IrOpc opc, uint32_t a, uint32_t b)
{
    int64_t sa = (int32_t)a, sb = (int32_t)b;
    uint64_t p;
    switch (opc) {
    case IR_MULUH: p = (uint64_t)a * b; break;
    case IR_MULSH: p = (uint64_t)(sa * sb); break;
    default: p = (uint64_t)(sa * (int64_t)b); break; /* MULSUH */
    }
    return p >> 32;
}

static bool eval64(IrOpc opc, uint64_t x, uint64_t y, uint64_t *out)
{
    unsigned c = (unsigned)(y & 63);
    switch (opc) {
    case IR_MOV: *out = x; return true;
    case IR_ADD: *out = x + y; return true;
    case IR_SUB: *out = x - y; return true;
    case IR_MUL: *out = x * y; return true;
    case IR_NEG: *out = -x; return true;
    case IR_AND: *out = x & y; return true;
    case IR_OR: *out = x | y; return true;
    case IR_XOR: *out = x ^ y; return true;
    case IR_ANDC: *out = x & ~y; return true;
    case IR_ORC: *out = x | ~y; return true;
    case IR_EQV: *out = ~(x ^ y); return true;
    case IR_NOT: *out = ~x; return true;
    case IR_SHL: *out = x << c; return true;
    case IR_SHR: *out = x >> c; return true;
    case IR_SAR: *out = (uint64_t)((int64_t)x >> c); return true;
    case IR_ROTL: *out = c ? (x << c) | (x >> (64 - c)) : x; return true;
    case IR_ROTR: *out = c ? (x >> c) | (x << (64 - c)) : x; return true;
    case IR_MULUH: case IR_MULSH: case IR_MULSUH: *out = mulh64(opc, x, y); return true;
    case IR_DIV: /* edge cases: tcg/ir.h "Division" */
        *out = y == 0 ? 0
               : ((int64_t)x == INT64_MIN && (int64_t)y == -1) ? x
                                                             : (uint64_t)((int64_t)x / (int64_t)y);
        return true;
    case IR_DIVU: *out = y == 0 ? 0 : x / y; return true;
    case IR_REM:
        *out = y == 0 ? x
               : ((int64_t)x == INT64_MIN && (int64_t)y == -1) ? 0
                                                             : (uint64_t)((int64_t)x % (int64_t)y);
        return true;
    case IR_REMU: *out = y == 0 ? x : x % y; return true;
    case IR_CLZ: *out = x ? (uint64_t)__builtin_clzll(x) : 64; return true;
    case IR_CTZ: *out = x ? (uint64_t)__builtin_ctzll(x) : 64; return true;
    case IR_CTPOP: *out = (uint64_t)__builtin_popcountll(x); return true;
    case IR_EXT8S: *out = (uint64_t)(int64_t)(int8_t)x; return true;
    case IR_EXT8U: *out = (uint8_t)x; return true;
    case IR_EXT16S: *out = (uint64_t)(int64_t)(int16_t)x; return true;
    case IR_EXT16U: *out = (uint16_t)x; return true;
    case IR_EXT32S: case IR_EXTI32S: *out = (uint64_t)(int64_t)(int32_t)x; return true;
    case IR_EXT32U: case IR_EXTI32U: *out = (uint32_t)x; return true;
    default: return false;
    }
}

static bool eval32(IrOpc opc, uint32_t x, uint32_t y, uint32_t *out)
{
    unsigned c = y & 31;
    switch (opc) {
    case IR_MOV: *out = x; return true;
    case IR_ADD: *out = x + y; return true;
    case IR_SUB: *out = x - y; return true;
    case IR_MUL: *out = x * y; return true;
    case IR_NEG: *out = -x; return true;
    case IR_AND: *out = x & y; return true;
    case IR_OR: *out = x | y; return true;
    case IR_XOR: *out = x ^ y; return true;
    case IR_ANDC: *out = x & ~y; return true;
    case IR_ORC: *out = x | ~y; return true;
    case IR_EQV: *out = ~(x ^ y); return true;
    case IR_NOT: *out = ~x; return true;
    case IR_SHL: *out = x << c; return true;
    case IR_SHR: *out = x >> c; return true;
    case IR_SAR: *out = (uint32_t)((int32_t)x >> c); return true;
    case IR_ROTL: *out = c ? (x << c) | (x >> (32 - c)) : x; return true;
    case IR_ROTR: *out = c ? (x >> c) | (x << (32 - c)) : x; return true;
    case IR_MULUH: case IR_MULSH: case IR_MULSUH: *out = (uint32_t)mulh32(opc, x, y); return true;
    case IR_DIV: /* edge cases: tcg/ir.h "Division" */
        *out = y == 0 ? 0
               : ((int32_t)x == INT32_MIN && (int32_t)y == -1) ? x
                                                             : (uint32_t)((int32_t)x / (int32_t)y);
        return true;
    case IR_DIVU: *out = y == 0 ? 0 : x / y; return true;
    case IR_REM:
        *out = y == 0 ? x
               : ((int32_t)x == INT32_MIN && (int32_t)y == -1) ? 0
                                                             : (uint32_t)((int32_t)x % (int32_t)y);
        return true;
    case IR_REMU: *out = y == 0 ? x : x % y; return true;
    case IR_CLZ: *out = x ? (uint32_t)__builtin_clz(x) : 32; return true;
    case IR_CTZ: *out = x ? (uint32_t)__builtin_ctz(x) : 32; return true;
    case IR_CTPOP: *out = (uint32_t)__builtin_popcount(x); return true;
    case IR_EXT8S: *out = (uint32_t)(int32_t)(int8_t)x; return true;
    case IR_EXT8U: *out = (uint8_t)x; return true;
    case IR_EXT16S: *out = (uint32_t)(int32_t)(int16_t)x; return true;
    case IR_EXT16U: *out = (uint16_t)x; return true;
    case IR_TRUNC: *out = x; return true;
    default: return false;
    }
}

bool ir_eval_op(IrOpc opc, IrType t, uint64_t x, uint64_t y, uint64_t *out)
{
    if (t == IR_I32) {
        uint32_t r;
        if (!eval32(opc, (uint32_t)x, (uint32_t)y, &r)) {
            return false;
        }
        *out = r;
        return true;
    }
    if (opc == IR_TRUNC) {
        return false; /* TRUNC is an I32 op */
    }
    return eval64(opc, x, y, out);
}

/* ---- dump ---- */

static const char *const cond_names[] = {
    [IR_COND_EQ] = "eq",   [IR_COND_NE] = "ne",   [IR_COND_LT] = "lt",
    [IR_COND_GE] = "ge",   [IR_COND_LE] = "le",   [IR_COND_GT] = "gt",
    [IR_COND_LTU] = "ltu", [IR_COND_GEU] = "geu", [IR_COND_LEU] = "leu",
    [IR_COND_GTU] = "gtu", [IR_COND_ALWAYS] = "always", [IR_COND_NEVER] = "never",
};

typedef struct DumpLine {
    char buf[256];
    size_t len;
} DumpLine;

static void dl_printf(DumpLine *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void dl_printf(DumpLine *d, const char *fmt, ...)
{
    if (d->len >= sizeof(d->buf) - 1) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(d->buf + d->len, sizeof(d->buf) - d->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        d->len += (size_t)n;
        if (d->len > sizeof(d->buf) - 1) {
            d->len = sizeof(d->buf) - 1;
        }
    }
}

static void dump_temp(DumpLine *d, const IrBlock *b, uint32_t t, bool first)
{
    const char *sep = first ? " " : ", ";
    if (t == IR_NO_TEMP) {
        dl_printf(d, "%s-", sep);
    } else if (t >= (uint32_t)b->ntemps) {
        dl_printf(d, "%s?%" PRIu32, sep, t);
    } else if (b->temps[t].kind == IR_TEMP_GLOBAL) {
        dl_printf(d, "%s%s", sep, b->temps[t].name ? b->temps[t].name : "global");
    } else if (b->temps[t].kind == IR_TEMP_CONST) {
        dl_printf(d, "%s$0x%" PRIx64, sep, b->temps[t].value);
    } else {
        dl_printf(d, "%st%" PRIu32, sep, t);
    }
}

static const char *cond_name(uint32_t c)
{
    return c <= IR_COND_NEVER ? cond_names[c] : "?";
}

static void dump_memop(DumpLine *d, uint32_t memop)
{
    dl_printf(d, ", %s%u%s%s", (memop & IR_MO_SIGN) ? "s" : "u", 8u << (memop & IR_MO_SIZE),
              (memop & IR_MO_ALIGN) ? "+al" : "", (memop & IR_MO_EXCL) ? "+excl" : "");
}

static void dump_op(DumpLine *d, const IrBlock *b, const IrOp *op)
{
    const IrOpDef *def = &ir_op_defs[op->opc];
    const char *ty = op->type == IR_I32 ? "_i32" : "_i64";
    const uint32_t *a = op->args;
    switch (op->opc) {
    case IR_LABEL:
        dl_printf(d, "set_label L%" PRIu32, a[0]);
        return;
    case IR_BR:
        dl_printf(d, "br L%" PRIu32, a[0]);
        return;
    case IR_GOTO_TB:
        dl_printf(d, "goto_tb %" PRIu32, a[0]);
        return;
    case IR_EXIT_TB:
    case IR_NOP:
        dl_printf(d, "%s", def->name);
        return;
    case IR_FENCE:
        dl_printf(d, "fence %" PRIu32, a[0]);
        return;
    case IR_INSN_START:
        dl_printf(d, "insn_start %" PRIu32, a[0]);
        return;
    case IR_BRCOND:
        dl_printf(d, "brcond%s", ty);
        dump_temp(d, b, a[0], true);
        dump_temp(d, b, a[1], false);
        dl_printf(d, ", %s, L%" PRIu32, cond_name(a[2]), a[3]);
        return;
    case IR_SETCOND:
    case IR_MOVCOND: {
        int n = op->opc == IR_SETCOND ? 3 : 5;
        dl_printf(d, "%s%s", def->name, ty);
        for (int i = 0; i < n; i++) {
            dump_temp(d, b, a[i], i == 0);
        }
        dl_printf(d, ", %s", cond_name(a[n]));
        return;
    }
    case IR_QEMU_LD:
    case IR_QEMU_ST:
        dl_printf(d, "%s%s", def->name, ty);
        dump_temp(d, b, a[0], true);
        dump_temp(d, b, a[1], false);
        dump_memop(d, a[2]);
        dl_printf(d, ", mmu%" PRIu32 ", pc+0x%" PRIx32, a[3], a[4]);
        return;
    case IR_LD_ENV:
    case IR_ST_ENV:
        dl_printf(d, "%s%s", def->name, ty);
        dump_temp(d, b, a[0], true);
        dl_printf(d, ", env+0x%" PRIx32, a[1]);
        dump_memop(d, a[2]);
        return;
    case IR_CALL: {
        const IrHelper *h = a[5] < (uint32_t)b->nhelpers ? b->helpers[a[5]] : NULL;
        dl_printf(d, "call%s", a[0] == IR_NO_TEMP ? "" : ty);
        if (a[0] != IR_NO_TEMP) {
            dump_temp(d, b, a[0], true);
            dl_printf(d, " =");
        }
        dl_printf(d, " %s(", h && h->name ? h->name : "?");
        bool first = true;
        for (int i = 1; i <= 4; i++) {
            if (a[i] != IR_NO_TEMP) {
                DumpLine tmp = { .len = 0 };
                dump_temp(&tmp, b, a[i], true);
                dl_printf(d, "%s%s", first ? "" : ", ", tmp.buf + 1);
                first = false;
            }
        }
        dl_printf(d, ")");
        return;
    }
    default:
        dl_printf(d, "%s%s", def->name, ty);
        for (int i = 0; i < def->nout + def->nin; i++) {
            dump_temp(d, b, a[i], i == 0);
        }
        return;
    }
}

void ir_dump(const IrBlock *b, void (*out)(void *ctx, const char *line), void *ctx)
{
    for (int i = 0; i < b->nops; i++) {
        const IrOp *op = &b->ops[i];
        DumpLine d = { .len = 0 };
        d.buf[0] = 0;
        if (op->opc >= IR_OPC_COUNT) {
            dl_printf(&d, "bad opcode %u", op->opc);
        } else {
            dump_op(&d, b, op);
        }
        out(ctx, d.buf);
    }
}
