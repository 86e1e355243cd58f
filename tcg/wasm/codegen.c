/*
 * tcg/wasm/codegen.c — IR -> WebAssembly module (see codegen.h for the module shape).
 *
 * Function layout
 * ---------------
 *   block $exc                       ; br here = "an exception is pending"
 *     block $L[n-1] ... block $L[0]  ; one block per branch-target label, by position
 *       ops ...                      ; each label's block ends where the label is placed
 *     end ...
 *     ops after the last label
 *     i32.const EXEC_EXIT_LOOKUP  return   ; only if control can fall off the end
 *   end
 *   i32.const EXEC_EXIT_EXCEPTION
 * IR branches only go forward (ir.h), so a branch to label L is a `br` out to the end of
 * L's block; its depth is the number of blocks still open inside L's.  Exits are
 * `return`s of the ExecExit code.
 *
 * Values: scratch temps live in Wasm locals of their type; constants are immediates;
 * globals are loaded from / stored to env + offset at each use (the cg_value_* functions
 * are the single place that knows where a temp lives: caching globals in locals with a
 * write-back before helpers, may-raise ops and exits goes there).
 */
#include "tcg/wasm/codegen.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/wasm/codegen_internal.h"

/* ---- where temps live ---- */

bool cg_valid_temp(const Gen *g, uint32_t t)
{
    return t < (uint32_t)g->b->ntemps;
}

IrType cg_temp_type(const Gen *g, uint32_t t)
{
    return (IrType)g->b->temps[t].type;
}

/* Convert the value on the stack from type `have` to `want` (only malformed IR mixes
 * types; the interpreter then reads the low 32 bits, or zero-extends). */
void cg_convert(Gen *g, IrType have, IrType want)
{
    if (have == want) {
        return;
    }
    wbuf_op(g->w, want == IR_I32 ? W_I32_WRAP_I64 : W_I64_EXTEND_I32_U);
}

void cg_push_const(Gen *g, IrType t, uint64_t v)
{
    if (t == IR_I64) {
        wbuf_i64_const(g->w, (int64_t)v);
    } else {
        wbuf_i32_const(g->w, (int32_t)(uint32_t)v);
    }
}

/* Push temp t's value as type `want`. */
void cg_value_get(Gen *g, uint32_t t, IrType want)
{
    if (!cg_valid_temp(g, t)) {
        cg_push_const(g, want, 0);
        return;
    }
    const IrTempInfo *ti = &g->b->temps[t];
    switch (ti->kind) {
    case IR_TEMP_CONST:
        cg_push_const(g, want, ti->value);
        return;
    case IR_TEMP_GLOBAL:
        wbuf_local_op(g->w, W_LOCAL_GET, L_ENV);
        if (want == IR_I32 || ti->type == IR_I32) {
            /* the low half of a 64-bit field is at its own address (little-endian) */
            wbuf_memop(g->w, W_I32_LOAD, 2, ti->offset);
            cg_convert(g, IR_I32, want);
        } else {
            wbuf_memop(g->w, W_I64_LOAD, 3, ti->offset);
        }
        return;
    default:
        wbuf_local_op(g->w, W_LOCAL_GET, g->local_of[t]);
        cg_convert(g, (IrType)ti->type, want);
        return;
    }
}

/* Writing temp t: cg_value_set_begin before pushing the value, cg_value_set_end after. */
void cg_value_set_begin(Gen *g, uint32_t t)
{
    if (cg_valid_temp(g, t) && g->b->temps[t].kind == IR_TEMP_GLOBAL) {
        wbuf_local_op(g->w, W_LOCAL_GET, L_ENV);
    }
}

void cg_value_set_end(Gen *g, uint32_t t, IrType have)
{
    if (!cg_valid_temp(g, t) || g->b->temps[t].kind == IR_TEMP_CONST) {
        wbuf_op(g->w, W_DROP);
        return;
    }
    const IrTempInfo *ti = &g->b->temps[t];
    cg_convert(g, have, (IrType)ti->type);
    if (ti->kind == IR_TEMP_GLOBAL) {
        if (ti->type == IR_I64) {
            wbuf_memop(g->w, W_I64_STORE, 3, ti->offset);
        } else {
            wbuf_memop(g->w, W_I32_STORE, 2, ti->offset);
        }
    } else {
        wbuf_local_op(g->w, W_LOCAL_SET, g->local_of[t]);
    }
}

/* ---- control flow ---- */

/* br depth to the block of label l (sorted rank r); blocks are opened outermost-first:
 * $exc, then ranks n-1 .. 0. */
static uint32_t open_blocks(const Gen *g)
{
    return 1 + (g->nlabels - g->nclosed) + g->inner;
}

static uint32_t label_depth(const Gen *g, uint32_t label)
{
    uint32_t stack_pos = g->nlabels - g->label_rank[label]; /* 0 is $exc */
    return open_blocks(g) - 1 - stack_pos;
}

static uint32_t exc_depth(const Gen *g)
{
    return open_blocks(g) - 1;
}

static uint32_t target_label(uint32_t l)
{
    return l < IR_MAX_LABELS ? l : END_LABEL;
}

/* A branch from op i: check it is forward, return the br depth. */
static uint32_t branch_depth(Gen *g, uint32_t op_index, uint32_t l)
{
    l = target_label(l);
    if (g->label_pos[l] <= op_index) {
        g->error = true; /* a backward branch: not valid IR */
        return 0;
    }
    return label_depth(g, l);
}

/* `if (cpu->excp_index >= 0) goto $exc` */
void cg_check_exception(Gen *g)
{
    wbuf_local_op(g->w, W_LOCAL_GET, L_ENV);
    wbuf_memop(g->w, W_I32_LOAD, 2, OFF_EXCP);
    wbuf_i32_const(g->w, 0);
    wbuf_op(g->w, W_I32_GE_S);
    wbuf_br_op(g->w, W_BR_IF, exc_depth(g));
}

static void emit_return(Gen *g, int code)
{
    wbuf_i32_const(g->w, code);
    wbuf_op(g->w, W_RETURN);
}

/* ---- comparisons ---- */

static const uint8_t cmp_ops[2][10] = {
    { W_I32_EQ, W_I32_NE, W_I32_LT_S, W_I32_GE_S, W_I32_LE_S, W_I32_GT_S, W_I32_LT_U,
      W_I32_GE_U, W_I32_LE_U, W_I32_GT_U },
    { W_I64_EQ, W_I64_NE, W_I64_LT_S, W_I64_GE_S, W_I64_LE_S, W_I64_GT_S, W_I64_LT_U,
      W_I64_GE_U, W_I64_LE_U, W_I64_GT_U },
};

static bool cond_is_const(uint32_t c, bool *value)
{
    if (c <= IR_COND_GTU) {
        return false;
    }
    *value = c == IR_COND_ALWAYS; /* NEVER and unknown conditions: false (as interp) */
    return true;
}

/* Push an i32 0/1: (x cond y) on values of type t. */
static void emit_cond(Gen *g, IrType t, uint32_t x, uint32_t y, uint32_t c)
{
    bool v;
    if (cond_is_const(c, &v)) {
        wbuf_i32_const(g->w, v);
        return;
    }
    cg_value_get(g, x, t);
    cg_value_get(g, y, t);
    wbuf_op(g->w, cmp_ops[t][c]);
}

/* ---- ops ---- */

static void emit_op(Gen *g, uint32_t index)
{
    const IrOp *op = &g->b->ops[index];
    const uint32_t *a = op->args;
    IrType t = op->type == IR_I64 ? IR_I64 : IR_I32;
    switch (op->opc) {
    case IR_NOP:
    case IR_LABEL: /* its block was closed before this op */
        return;
    case IR_MOV:
        if (a[0] != a[1]) {
            cg_value_set_begin(g, a[0]);
            cg_value_get(g, a[1], t);
            cg_value_set_end(g, a[0], t);
        }
        return;
    case IR_EXT32S:
    case IR_EXT32U:
    case IR_EXTI32S:
    case IR_EXTI32U:
    case IR_TRUNC:
        cg_emit_width_op(g, op);
        return;
    case IR_SETCOND:
        cg_value_set_begin(g, a[0]);
        emit_cond(g, t, a[1], a[2], a[3]);
        if (t == IR_I64) {
            wbuf_op(g->w, W_I64_EXTEND_I32_U);
        }
        cg_value_set_end(g, a[0], t);
        return;
    case IR_MOVCOND:
        cg_value_set_begin(g, a[0]);
        cg_value_get(g, a[3], t);
        cg_value_get(g, a[4], t);
        emit_cond(g, t, a[1], a[2], a[5]);
        wbuf_op(g->w, W_SELECT);
        cg_value_set_end(g, a[0], t);
        return;
    case IR_BR:
        wbuf_br_op(g->w, W_BR, branch_depth(g, index, a[0]));
        return;
    case IR_BRCOND: {
        bool v;
        uint32_t depth = branch_depth(g, index, a[3]);
        if (cond_is_const(a[2], &v)) {
            if (v) {
                wbuf_br_op(g->w, W_BR, depth);
            }
            return;
        }
        emit_cond(g, t, a[0], a[1], a[2]);
        wbuf_br_op(g->w, W_BR_IF, depth);
        return;
    }
    case IR_GOTO_TB:
        emit_return(g, a[0] ? EXEC_EXIT_CHAIN1 : EXEC_EXIT_CHAIN0);
        return;
    case IR_EXIT_TB:
        emit_return(g, EXEC_EXIT_LOOKUP);
        return;
    case IR_QEMU_LD:
    case IR_QEMU_ST:
        cg_emit_guest_access(g, op);
        return;
    case IR_LD_ENV:
    case IR_ST_ENV:
        cg_emit_env_access(g, op);
        return;
    case IR_CALL:
        cg_emit_call(g, op);
        return;
    case IR_FENCE:
        wbuf_byte(g->w, W_PREFIX_ATOMIC);
        wbuf_u32(g->w, W_ATOMIC_FENCE);
        wbuf_byte(g->w, 0);
        return;
    default:
        cg_emit_value_op(g, op); /* unknown opcodes are skipped, as in the interpreter */
        return;
    }
}

/* ---- analysis: locals and labels ---- */

static void mark_temp(Gen *g, uint32_t t, bool *used)
{
    if (cg_valid_temp(g, t) && g->b->temps[t].kind == IR_TEMP_TEMP) {
        used[t] = true;
    }
}

static void assign_locals(Gen *g)
{
    const IrBlock *b = g->b;
    bool used[IR_MAX_TEMPS] = { false };
    for (uint32_t i = 0; i < g->nops; i++) {
        const IrOp *op = &b->ops[i];
        if (op->opc >= IR_OPC_COUNT) {
            continue;
        }
        const IrOpDef *d = &ir_op_defs[op->opc];
        for (int k = 0; k < d->nout + d->nin && k < IR_MAX_ARGS; k++) {
            mark_temp(g, op->args[k], used);
        }
    }
    uint32_t n32 = 0, n64 = 0;
    for (int t = 0; t < b->ntemps; t++) {
        if (used[t]) {
            if (b->temps[t].type == IR_I64) {
                n64++;
            } else {
                n32++;
            }
        }
    }
    g->n32 = N_SCRATCH32 + n32;
    g->n64 = N_SCRATCH64 + n64;
    g->first64 = 1 + g->n32;
    uint32_t next32 = 1 + N_SCRATCH32, next64 = g->first64 + N_SCRATCH64;
    for (int t = 0; t < b->ntemps; t++) {
        g->local_of[t] = NO_LOCAL;
        if (used[t]) {
            g->local_of[t] = b->temps[t].type == IR_I64 ? next64++ : next32++;
        }
    }
}

static void find_labels(Gen *g)
{
    const IrBlock *b = g->b;
    for (uint32_t l = 0; l <= IR_MAX_LABELS; l++) {
        g->label_pos[l] = g->nops; /* never placed: the end (the interpreter's `end`) */
        g->label_used[l] = false;
    }
    for (uint32_t i = 0; i < g->nops; i++) {
        const IrOp *op = &b->ops[i];
        if (op->opc == IR_LABEL && op->args[0] < IR_MAX_LABELS) {
            g->label_pos[op->args[0]] = i; /* the last placement wins, as in interp.c */
        } else if (op->opc == IR_BR) {
            g->label_used[target_label(op->args[0])] = true;
        } else if (op->opc == IR_BRCOND) {
            g->label_used[target_label(op->args[3])] = true;
        }
    }
    /* sort the used labels by position (insertion sort: few labels) */
    g->nlabels = 0;
    for (uint32_t l = 0; l <= IR_MAX_LABELS; l++) {
        if (!g->label_used[l]) {
            continue;
        }
        uint32_t k = g->nlabels++;
        while (k > 0 && g->label_pos[g->sorted[k - 1]] > g->label_pos[l]) {
            g->sorted[k] = g->sorted[k - 1];
            k--;
        }
        g->sorted[k] = (uint16_t)l;
    }
    for (uint32_t r = 0; r < g->nlabels; r++) {
        g->label_rank[g->sorted[r]] = r;
    }
}

/* Close the blocks of the labels placed at or before op i. */
static void close_labels(Gen *g, uint32_t i)
{
    while (g->nclosed < g->nlabels && g->label_pos[g->sorted[g->nclosed]] <= i) {
        wbuf_op(g->w, W_END);
        g->nclosed++;
    }
}

static void emit_body(Gen *g)
{
    WasmBuf *w = g->w;
    wbuf_u32(w, 2); /* local groups */
    wbuf_u32(w, g->n32);
    wbuf_byte(w, WASM_I32);
    wbuf_u32(w, g->n64);
    wbuf_byte(w, WASM_I64);

    wbuf_block(w, W_BLOCK, WASM_BLOCK_VOID); /* $exc */
    for (uint32_t r = 0; r < g->nlabels; r++) {
        wbuf_block(w, W_BLOCK, WASM_BLOCK_VOID);
    }
    for (uint32_t i = 0; i < g->nops; i++) {
        close_labels(g, i);
        emit_op(g, i);
    }
    uint32_t open_before_end = g->nclosed;
    close_labels(g, g->nops);
    /* falling off the end (malformed IR, or a branch to a label never placed) */
    uint8_t last = g->nops ? g->b->ops[g->nops - 1].opc : IR_NOP;
    if ((last != IR_GOTO_TB && last != IR_EXIT_TB) || g->nclosed != open_before_end) {
        emit_return(g, EXEC_EXIT_LOOKUP);
    }
    wbuf_op(w, W_END); /* $exc */
    wbuf_i32_const(w, EXEC_EXIT_EXCEPTION);
    wbuf_op(w, W_END); /* function */
}

/* ---- the module ---- */

static void emit_module(WasmBuf *m, const IrBlock *b, const WasmCodegenOpts *opts,
                        const WasmBuf *body)
{
    wbuf_module_header(m);

    size_t s = wbuf_section_begin(m, WASM_SEC_TYPE);
    wbuf_u32(m, 2);
    /* TYPE_TB: (i32) -> i32 */
    wbuf_byte(m, WASM_FUNC_TYPE);
    wbuf_u32(m, 1);
    wbuf_byte(m, WASM_I32);
    wbuf_u32(m, 1);
    wbuf_byte(m, WASM_I32);
    /* TYPE_HELPER: (i32, i64, i64, i64, i64) -> i64 */
    wbuf_byte(m, WASM_FUNC_TYPE);
    wbuf_u32(m, 5);
    wbuf_byte(m, WASM_I32);
    for (int i = 0; i < 4; i++) {
        wbuf_byte(m, WASM_I64);
    }
    wbuf_u32(m, 1);
    wbuf_byte(m, WASM_I64);
    wbuf_section_end(m, s);

    s = wbuf_section_begin(m, WASM_SEC_IMPORT);
    wbuf_u32(m, 2);
    wbuf_name(m, "env");
    wbuf_name(m, "memory");
    wbuf_byte(m, WASM_EXTERN_MEMORY);
    wbuf_byte(m, WASM_LIMITS_SHARED);
    wbuf_u32(m, opts->mem_pages_min < WASM_MAX_PAGES ? opts->mem_pages_min : WASM_MAX_PAGES);
    wbuf_u32(m, WASM_MAX_PAGES);
    wbuf_name(m, "env");
    wbuf_name(m, "helpers");
    wbuf_byte(m, WASM_EXTERN_TABLE);
    wbuf_byte(m, WASM_FUNCREF);
    wbuf_byte(m, WASM_LIMITS_MIN);
    wbuf_u32(m, (uint32_t)(WASM_SLOT_HELPERS + b->nhelpers));
    wbuf_section_end(m, s);

    s = wbuf_section_begin(m, WASM_SEC_FUNCTION);
    wbuf_u32(m, 1);
    wbuf_u32(m, TYPE_TB);
    wbuf_section_end(m, s);

    s = wbuf_section_begin(m, WASM_SEC_EXPORT);
    wbuf_u32(m, 1);
    wbuf_name(m, "tb");
    wbuf_byte(m, WASM_EXTERN_FUNC);
    wbuf_u32(m, 0);
    wbuf_section_end(m, s);

    s = wbuf_section_begin(m, WASM_SEC_CODE);
    wbuf_u32(m, 1);
    wbuf_u32(m, (uint32_t)body->len);
    wbuf_bytes(m, body->data, body->len);
    wbuf_section_end(m, s);
}

int wasm_codegen_tb(const IrBlock *b, const WasmCodegenOpts *opts, uint8_t **bytes,
                    size_t *len)
{
    static const WasmCodegenOpts defaults = { .mem_pages_min = 0 };
    if (!opts) {
        opts = &defaults;
    }
    Gen *g = malloc(sizeof(*g));
    if (!g) {
        return -1;
    }
    WasmBuf body, module;
    wbuf_init(&body);
    wbuf_init(&module);
    memset(g, 0, sizeof(*g));
    g->b = b;
    g->w = &body;
    /* An overflowed block is never run by a correct front end; it compiles to an exit. */
    g->nops = b->overflow || b->nops < 0 ? 0 : (uint32_t)b->nops;
    assign_locals(g);
    find_labels(g);
    emit_body(g);
    int ret = -1;
    if (!g->error && !body.oom) {
        emit_module(&module, b, opts, &body);
        if (!module.oom) {
            *bytes = wbuf_take(&module, len);
            ret = 0;
        }
    }
    wbuf_free(&module);
    wbuf_free(&body);
    free(g);
    return ret;
}
