/*
 * tcg/wasm/codegen_ops.c — Wasm code for the IR's value ops (with never-trapping division and
 * the 64x64 high products, which Wasm has no instructions for), guest loads/stores
 * (the inline TLB fast path of core/tlb.h and the slow-path call), CPU state fields,
 * and helper calls.  Driven by codegen.c.
 */
#include "tcg/wasm/codegen_internal.h"

/* ---- arithmetic ---- */

enum { B_ADD, B_SUB, B_MUL, B_AND, B_OR, B_XOR, B_SHL, B_SHR, B_SAR, B_ROTL, B_ROTR,
       B_CLZ, B_CTZ, B_POPCNT, B_EQZ, B_DIV_S, B_DIV_U, B_REM_S, B_REM_U, B_EQ, B_COUNT };
static const uint8_t bin_ops[2][B_COUNT] = {
    { W_I32_ADD, W_I32_SUB, W_I32_MUL, W_I32_AND, W_I32_OR, W_I32_XOR, W_I32_SHL,
      W_I32_SHR_U, W_I32_SHR_S, W_I32_ROTL, W_I32_ROTR, W_I32_CLZ, W_I32_CTZ, W_I32_POPCNT,
      W_I32_EQZ, W_I32_DIV_S, W_I32_DIV_U, W_I32_REM_S, W_I32_REM_U, W_I32_EQ },
    { W_I64_ADD, W_I64_SUB, W_I64_MUL, W_I64_AND, W_I64_OR, W_I64_XOR, W_I64_SHL,
      W_I64_SHR_U, W_I64_SHR_S, W_I64_ROTL, W_I64_ROTR, W_I64_CLZ, W_I64_CTZ, W_I64_POPCNT,
      W_I64_EQZ, W_I64_DIV_S, W_I64_DIV_U, W_I64_REM_S, W_I64_REM_U, W_I64_EQ },
};

static void op_t(Gen *g, IrType t, int which)
{
    wbuf_op(g->w, bin_ops[t][which]);
}

static void push_all_ones(Gen *g, IrType t)
{
    cg_push_const(g, t, UINT64_MAX);
}

static uint32_t scratch_x(const Gen *g, IrType t)
{
    return t == IR_I64 ? cg_scratch64(g, S_X64) : L_X32;
}

static uint32_t scratch_y(const Gen *g, IrType t)
{
    return t == IR_I64 ? cg_scratch64(g, S_Y64) : L_Y32;
}

static void get_local(Gen *g, uint32_t l)
{
    wbuf_local_op(g->w, W_LOCAL_GET, l);
}

/* Push (y == 0) as a value of type t (0 or 1). */
static void push_is_zero(Gen *g, IrType t, uint32_t y)
{
    get_local(g, y);
    op_t(g, t, B_EQZ);
    if (t == IR_I64) {
        wbuf_op(g->w, W_I64_EXTEND_I32_U);
    }
}

/*
 * Division with the IR's results (tcg/ir.h "Division") and no Wasm traps: x/0 = 0,
 * x%0 = x, MIN/-1 = MIN, MIN%-1 = 0.  The divisor is replaced by 1 where Wasm would trap
 * (y == 0, and MIN/-1 for div_s, where x/1 = MIN is also the right answer), then `select`
 * picks the division-by-zero result.  (rem_s does not trap on MIN%-1: it is 0.)
 */
static void emit_div(Gen *g, IrOpc opc, IrType t)
{
    uint32_t x = scratch_x(g, t), y = scratch_y(g, t);
    bool is_rem = opc == IR_REM || opc == IR_REMU;
    if (is_rem) {
        get_local(g, x); /* result when y == 0 */
    } else {
        cg_push_const(g, t, 0);
    }
    get_local(g, x);
    if (opc == IR_DIV) {
        /* select(1, y, y == 0 | (x == MIN & y == -1)) */
        cg_push_const(g, t, 1);
        get_local(g, y);
        get_local(g, y);
        op_t(g, t, B_EQZ);
        get_local(g, x);
        cg_push_const(g, t, t == IR_I64 ? (uint64_t)1 << 63 : (uint64_t)1 << 31);
        op_t(g, t, B_EQ);
        get_local(g, y);
        push_all_ones(g, t);
        op_t(g, t, B_EQ);
        wbuf_op(g->w, W_I32_AND);
        wbuf_op(g->w, W_I32_OR);
        wbuf_op(g->w, W_SELECT);
    } else {
        /* y | (y == 0) */
        get_local(g, y);
        push_is_zero(g, t, y);
        op_t(g, t, B_OR);
    }
    op_t(g, t, opc == IR_DIV ? B_DIV_S : opc == IR_DIVU ? B_DIV_U
               : opc == IR_REM ? B_REM_S : B_REM_U);
    get_local(g, y);
    op_t(g, t, B_EQZ);
    wbuf_op(g->w, W_SELECT);
}

/* High half of the 64x64 product from 32-bit limbs (as mulu64_hi in interp.c):
 *   lh = al*bh (P), hl = ah*bl (Q)
 *   hi = ah*bh + (lh >> 32) + (hl >> 32) + (((al*bl) >> 32) + (u32)lh + (u32)hl) >> 32
 * Signed variants subtract y if x < 0 (and x if y < 0, for s*s). */
static void emit_mulh64(Gen *g, IrOpc opc)
{
    uint32_t x = cg_scratch64(g, S_X64), y = cg_scratch64(g, S_Y64);
    uint32_t p = cg_scratch64(g, S_P64), q = cg_scratch64(g, S_Q64);
    WasmBuf *w = g->w;
#define LO(l) (get_local(g, l), wbuf_i64_const(w, 0xffffffff), wbuf_op(w, W_I64_AND))
#define HI(l) (get_local(g, l), wbuf_i64_const(w, 32), wbuf_op(w, W_I64_SHR_U))
    LO(x), HI(y), wbuf_op(w, W_I64_MUL), wbuf_local_op(w, W_LOCAL_SET, p);
    HI(x), LO(y), wbuf_op(w, W_I64_MUL), wbuf_local_op(w, W_LOCAL_SET, q);
    HI(x), HI(y), wbuf_op(w, W_I64_MUL);
    HI(p), wbuf_op(w, W_I64_ADD);
    HI(q), wbuf_op(w, W_I64_ADD);
    LO(x), LO(y), wbuf_op(w, W_I64_MUL), wbuf_i64_const(w, 32), wbuf_op(w, W_I64_SHR_U);
    LO(p), wbuf_op(w, W_I64_ADD);
    LO(q), wbuf_op(w, W_I64_ADD);
    wbuf_i64_const(w, 32), wbuf_op(w, W_I64_SHR_U);
    wbuf_op(w, W_I64_ADD);
#undef LO
#undef HI
    if (opc == IR_MULSH || opc == IR_MULSUH) {
        /* - (y & (x >> 63)) */
        get_local(g, y), get_local(g, x), wbuf_i64_const(w, 63), wbuf_op(w, W_I64_SHR_S);
        wbuf_op(w, W_I64_AND), wbuf_op(w, W_I64_SUB);
    }
    if (opc == IR_MULSH) {
        get_local(g, x), get_local(g, y), wbuf_i64_const(w, 63), wbuf_op(w, W_I64_SHR_S);
        wbuf_op(w, W_I64_AND), wbuf_op(w, W_I64_SUB);
    }
}

static void emit_mulh32(Gen *g, IrOpc opc, uint32_t a, uint32_t b)
{
    cg_value_get(g, a, IR_I32);
    wbuf_op(g->w, opc == IR_MULUH ? W_I64_EXTEND_I32_U : W_I64_EXTEND_I32_S);
    cg_value_get(g, b, IR_I32);
    wbuf_op(g->w, opc == IR_MULSH ? W_I64_EXTEND_I32_S : W_I64_EXTEND_I32_U);
    wbuf_op(g->w, W_I64_MUL);
    wbuf_i64_const(g->w, 32);
    wbuf_op(g->w, W_I64_SHR_U);
    wbuf_op(g->w, W_I32_WRAP_I64);
}

/* o = f(x, y) and o = f(x): the value ops of the same type.  Returns false if opc is
 * not one of them. */
bool cg_emit_value_op(Gen *g, const IrOp *op)
{
    IrOpc opc = (IrOpc)op->opc;
    IrType t = op->type == IR_I64 ? IR_I64 : IR_I32;
    const uint32_t *a = op->args;
    int simple = -1;
    switch (opc) {
    case IR_ADD: simple = B_ADD; break;
    case IR_SUB: simple = B_SUB; break;
    case IR_MUL: simple = B_MUL; break;
    case IR_AND: simple = B_AND; break;
    case IR_OR: simple = B_OR; break;
    case IR_XOR: simple = B_XOR; break;
    case IR_SHL: simple = B_SHL; break; /* Wasm shifts take the count modulo the width */
    case IR_SHR: simple = B_SHR; break;
    case IR_SAR: simple = B_SAR; break;
    case IR_ROTL: simple = B_ROTL; break;
    case IR_ROTR: simple = B_ROTR; break;
    case IR_ANDC: case IR_ORC: case IR_EQV:
    case IR_MULUH: case IR_MULSH: case IR_MULSUH:
    case IR_DIV: case IR_DIVU: case IR_REM: case IR_REMU:
    case IR_NEG: case IR_NOT: case IR_CLZ: case IR_CTZ: case IR_CTPOP:
    case IR_EXT8S: case IR_EXT8U: case IR_EXT16S: case IR_EXT16U:
        break;
    default:
        return false;
    }
    cg_value_set_begin(g, a[0]);
    if (simple >= 0) {
        cg_value_get(g, a[1], t);
        cg_value_get(g, a[2], t);
        op_t(g, t, simple);
        cg_value_set_end(g, a[0], t);
        return true;
    }
    switch (opc) {
    case IR_ANDC:
    case IR_ORC:
        cg_value_get(g, a[1], t);
        cg_value_get(g, a[2], t);
        push_all_ones(g, t);
        op_t(g, t, B_XOR);
        op_t(g, t, opc == IR_ANDC ? B_AND : B_OR);
        break;
    case IR_EQV:
        cg_value_get(g, a[1], t);
        cg_value_get(g, a[2], t);
        op_t(g, t, B_XOR);
        push_all_ones(g, t);
        op_t(g, t, B_XOR);
        break;
    case IR_MULUH:
    case IR_MULSH:
    case IR_MULSUH:
        if (t == IR_I32) {
            emit_mulh32(g, opc, a[1], a[2]);
        } else {
            cg_value_get(g, a[1], t);
            wbuf_local_op(g->w, W_LOCAL_SET, scratch_x(g, t));
            cg_value_get(g, a[2], t);
            wbuf_local_op(g->w, W_LOCAL_SET, scratch_y(g, t));
            emit_mulh64(g, opc);
        }
        break;
    case IR_DIV:
    case IR_DIVU:
    case IR_REM:
    case IR_REMU:
        cg_value_get(g, a[1], t);
        wbuf_local_op(g->w, W_LOCAL_SET, scratch_x(g, t));
        cg_value_get(g, a[2], t);
        wbuf_local_op(g->w, W_LOCAL_SET, scratch_y(g, t));
        emit_div(g, opc, t);
        break;
    case IR_NEG:
        cg_push_const(g, t, 0);
        cg_value_get(g, a[1], t);
        op_t(g, t, B_SUB);
        break;
    case IR_NOT:
        cg_value_get(g, a[1], t);
        push_all_ones(g, t);
        op_t(g, t, B_XOR);
        break;
    case IR_CLZ: /* Wasm's clz/ctz of 0 is the width, as in the IR */
    case IR_CTZ:
    case IR_CTPOP:
        cg_value_get(g, a[1], t);
        op_t(g, t, opc == IR_CLZ ? B_CLZ : opc == IR_CTZ ? B_CTZ : B_POPCNT);
        break;
    case IR_EXT8S:
        cg_value_get(g, a[1], t);
        wbuf_op(g->w, t == IR_I64 ? W_I64_EXTEND8_S : W_I32_EXTEND8_S);
        break;
    case IR_EXT16S:
        cg_value_get(g, a[1], t);
        wbuf_op(g->w, t == IR_I64 ? W_I64_EXTEND16_S : W_I32_EXTEND16_S);
        break;
    case IR_EXT8U:
    case IR_EXT16U:
        cg_value_get(g, a[1], t);
        cg_push_const(g, t, opc == IR_EXT8U ? 0xff : 0xffff);
        op_t(g, t, B_AND);
        break;
    default:
        break;
    }
    cg_value_set_end(g, a[0], t);
    return true;
}

/* ext32s/ext32u/exti32s/exti32u (I64 output) and trunc (I32 output) */
void cg_emit_width_op(Gen *g, const IrOp *op)
{
    const uint32_t *a = op->args;
    cg_value_set_begin(g, a[0]);
    switch (op->opc) {
    case IR_EXT32S:
        cg_value_get(g, a[1], IR_I64);
        wbuf_op(g->w, W_I64_EXTEND32_S);
        break;
    case IR_EXT32U:
        cg_value_get(g, a[1], IR_I64);
        wbuf_i64_const(g->w, 0xffffffff);
        wbuf_op(g->w, W_I64_AND);
        break;
    case IR_EXTI32S:
        cg_value_get(g, a[1], IR_I32);
        wbuf_op(g->w, W_I64_EXTEND_I32_S);
        break;
    case IR_EXTI32U:
        cg_value_get(g, a[1], IR_I32);
        wbuf_op(g->w, W_I64_EXTEND_I32_U);
        break;
    default: /* IR_TRUNC */
        cg_value_get(g, a[1], IR_I32);
        cg_value_set_end(g, a[0], IR_I32);
        return;
    }
    cg_value_set_end(g, a[0], IR_I64);
}

/* ---- memory ---- */

typedef struct MemInsn {
    uint8_t opcode;
    uint8_t align; /* log2 of the natural alignment */
} MemInsn;

/* Loads by [is64][size | sign] (sizes as IrMemOp); 64-bit accesses into I32 values are
 * 32-bit ones, as in the interpreter. */
static const MemInsn loads[2][8] = {
    { { W_I32_LOAD8_U, 0 }, { W_I32_LOAD16_U, 1 }, { W_I32_LOAD, 2 }, { W_I32_LOAD, 2 },
      { W_I32_LOAD8_S, 0 }, { W_I32_LOAD16_S, 1 }, { W_I32_LOAD, 2 }, { W_I32_LOAD, 2 } },
    { { W_I64_LOAD8_U, 0 }, { W_I64_LOAD16_U, 1 }, { W_I64_LOAD32_U, 2 }, { W_I64_LOAD, 3 },
      { W_I64_LOAD8_S, 0 }, { W_I64_LOAD16_S, 1 }, { W_I64_LOAD32_S, 2 }, { W_I64_LOAD, 3 } },
};
static const MemInsn stores[2][4] = {
    { { W_I32_STORE8, 0 }, { W_I32_STORE16, 1 }, { W_I32_STORE, 2 }, { W_I32_STORE, 2 } },
    { { W_I64_STORE8, 0 }, { W_I64_STORE16, 1 }, { W_I64_STORE32, 2 }, { W_I64_STORE, 3 } },
};

/* Access size in log2 bytes for a value of type t (I32 values: at most 4 bytes). */
static unsigned access_size(IrType t, uint32_t memop)
{
    unsigned size = memop & IR_MO_SIZE;
    return t == IR_I32 && size == 3 ? 2 : size;
}

void cg_emit_env_access(Gen *g, const IrOp *op)
{
    IrType t = op->type == IR_I64 ? IR_I64 : IR_I32;
    const uint32_t *a = op->args;
    uint32_t offset = a[1], memop = a[2];
    unsigned size = access_size(t, memop);
    if (offset < OFF_INSN_COUNT + 8 && OFF_INSN_COUNT < offset + (1u << size)) {
        cg_spill_globals(g); /* the instruction count is accumulated in a local */
    }
    if (op->opc == IR_LD_ENV) {
        const MemInsn *m = &loads[t][size | (memop & IR_MO_SIGN)];
        cg_value_set_begin(g, a[0]);
        wbuf_local_op(g->w, W_LOCAL_GET, L_ENV);
        wbuf_memop(g->w, m->opcode, m->align, offset);
        cg_value_set_end(g, a[0], t);
    } else {
        const MemInsn *m = &stores[t][size];
        wbuf_local_op(g->w, W_LOCAL_GET, L_ENV);
        cg_value_get(g, a[0], t);
        wbuf_memop(g->w, m->opcode, m->align, offset);
    }
}

/*
 * Guest load/store: the inline TLB check of core/tlb.h, then the slow path through
 * helper table slot 0/1.  Leaves the address in S_ADDR and the entry's address (env +
 * index * 64; the table's offset goes into the memargs) in L_ENTRY.
 *
 *   block $done (result T)          ; loads; stores: block $done
 *     block $miss
 *       (vaddr & (PAGE_MASK | size-1)) != tag  -> br_if $miss
 *       host = i32.wrap(vaddr) + i32(addend)   ; = low 32 bits of vaddr + addend
 *       load / store ; br $done
 *     end
 *     call_indirect slot 0/1 ; excp_index >= 0 -> br $exc
 *   end
 */
void cg_emit_guest_access(Gen *g, const IrOp *op)
{
    WasmBuf *w = g->w;
    const IrBlock *b = g->b;
    IrType t = op->type == IR_I64 ? IR_I64 : IR_I32;
    const uint32_t *a = op->args;
    uint32_t memop = a[2], mmu = a[3] % TLB_MMU_MODES;
    uint64_t fault_pc = b->pc + a[4];
    unsigned size = access_size(t, memop);
    bool is_load = op->opc == IR_QEMU_LD;
    uint32_t table = OFF_TLB + (uint32_t)(sizeof(TlbEntry) * TLB_ENTRIES * mmu);
    uint32_t tag = table + (uint32_t)(is_load ? offsetof(TlbEntry, addr_read)
                                              : offsetof(TlbEntry, addr_write));
    uint32_t addend = table + (uint32_t)offsetof(TlbEntry, addend);
    uint32_t l_addr = cg_scratch64(g, S_ADDR);

    cg_value_get(g, a[1], IR_I64);
    wbuf_local_op(w, W_LOCAL_TEE, l_addr);
    wbuf_op(w, W_I32_WRAP_I64);
    wbuf_i32_const(w, TLB_PAGE_BITS - TLB_ENTRY_SHIFT);
    wbuf_op(w, W_I32_SHR_U);
    wbuf_i32_const(w, (TLB_ENTRIES - 1) << TLB_ENTRY_SHIFT);
    wbuf_op(w, W_I32_AND);
    wbuf_local_op(w, W_LOCAL_GET, L_ENV);
    wbuf_op(w, W_I32_ADD);
    wbuf_local_op(w, W_LOCAL_SET, L_ENTRY);

    if (is_load) {
        cg_value_set_begin(g, a[0]);
    }
    wbuf_block(w, W_BLOCK, is_load ? (t == IR_I64 ? WASM_I64 : WASM_I32) : WASM_BLOCK_VOID);
    wbuf_block(w, W_BLOCK, WASM_BLOCK_VOID);
    g->inner += 2;
    /* the fast path */
    wbuf_local_op(w, W_LOCAL_GET, l_addr);
    wbuf_i64_const(w, (int64_t)(TLB_PAGE_MASK | ((1u << size) - 1)));
    wbuf_op(w, W_I64_AND);
    wbuf_local_op(w, W_LOCAL_GET, L_ENTRY);
    wbuf_memop(w, W_I64_LOAD, 3, tag);
    wbuf_op(w, W_I64_NE);
    wbuf_br_op(w, W_BR_IF, 0);
    wbuf_local_op(w, W_LOCAL_GET, l_addr);
    wbuf_op(w, W_I32_WRAP_I64);
    wbuf_local_op(w, W_LOCAL_GET, L_ENTRY);
    wbuf_memop(w, W_I32_LOAD, 2, addend);
    wbuf_op(w, W_I32_ADD);
    if (is_load) {
        const MemInsn *m = &loads[t][size | (memop & IR_MO_SIGN)];
        wbuf_memop(w, m->opcode, m->align, 0);
    } else {
        const MemInsn *m = &stores[t][size];
        cg_value_get(g, a[0], t);
        wbuf_memop(w, m->opcode, m->align, 0);
    }
    wbuf_br_op(w, W_BR, 1);
    wbuf_op(w, W_END);
    g->inner--;
    /* the slow path: (env, vaddr, [value,] memop | mmu << 8, fault_pc[, 0]) */
    wbuf_local_op(w, W_LOCAL_GET, L_ENV);
    wbuf_local_op(w, W_LOCAL_GET, l_addr);
    if (!is_load) {
        /* the value's low 2^size bytes, zero-extended (as the interpreter passes it) */
        cg_value_get(g, a[0], t);
        if (t == IR_I32) {
            wbuf_op(w, W_I64_EXTEND_I32_U);
        }
        if (size < 3 && !(t == IR_I32 && size == 2)) {
            wbuf_i64_const(w, (int64_t)((1ull << (8u << size)) - 1));
            wbuf_op(w, W_I64_AND);
        }
    }
    wbuf_i64_const(w, (int64_t)(memop | (mmu << 8)));
    wbuf_i64_const(w, (int64_t)fault_pc);
    if (is_load) {
        wbuf_i64_const(w, 0);
    }
    wbuf_i32_const(w, is_load ? WASM_SLOT_LOAD_SLOW : WASM_SLOT_STORE_SLOW);
    wbuf_byte(w, W_CALL_INDIRECT);
    wbuf_u32(w, TYPE_HELPER);
    wbuf_byte(w, 0); /* table 0 */
    cg_check_exception(g);
    if (is_load) {
        cg_convert(g, IR_I64, t);
    } else {
        wbuf_op(w, W_DROP);
    }
    wbuf_op(w, W_END);
    g->inner--;
    if (is_load) {
        cg_value_set_end(g, a[0], t);
    }
}

/* ---- helper calls ---- */

void cg_emit_call(Gen *g, const IrOp *op)
{
    const IrBlock *b = g->b;
    const uint32_t *a = op->args;
    if (a[5] >= (uint32_t)b->nhelpers || !b->helpers[a[5]]) {
        return; /* malformed IR: the interpreter skips it too */
    }
    const IrHelper *h = b->helpers[a[5]];
    IrType t = op->type == IR_I64 ? IR_I64 : IR_I32;
    bool has_out = a[0] != IR_NO_TEMP;
    /* globals in locals: the helper must see them, and we must see what it wrote */
    bool touches_regs = (h->flags & IR_CALL_RW_GLOBALS) && !(h->flags & IR_CALL_PC_ONLY);
    if (touches_regs) {
        cg_spill_globals(g);
    }
    if (has_out) {
        cg_value_set_begin(g, a[0]);
    }
    wbuf_local_op(g->w, W_LOCAL_GET, L_ENV);
    for (int i = 0; i < 4; i++) {
        uint32_t x = a[1 + i];
        if (x == IR_NO_TEMP || !cg_valid_temp(g, x)) {
            wbuf_i64_const(g->w, 0);
        } else {
            cg_value_get(g, x, cg_temp_type(g, x));
            if (cg_temp_type(g, x) == IR_I32) {
                wbuf_op(g->w, W_I64_EXTEND_I32_U); /* I32 arguments are zero-extended */
            }
        }
    }
    wbuf_i32_const(g->w, (int32_t)g->helper_slot[a[5]]);
    wbuf_byte(g->w, W_CALL_INDIRECT);
    wbuf_u32(g->w, TYPE_HELPER);
    wbuf_byte(g->w, 0);
    if (touches_regs && (h->flags & IR_CALL_W_GLOBALS)) {
        /* the result is on the stack: reloading only touches locals */
        cg_reload_globals(g);
    }
    if (h->flags & IR_CALL_MAY_RAISE) {
        cg_check_exception(g); /* before the output is written, as the interpreter does */
    }
    if (has_out) {
        cg_convert(g, IR_I64, t);
        cg_value_set_end(g, a[0], t);
    } else {
        wbuf_op(g->w, W_DROP);
    }
}
