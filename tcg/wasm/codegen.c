/*
 * tcg/wasm/codegen.c — IR -> WebAssembly module (see codegen.h for the module shape).
 *
 * Function layout
 * ---------------
 *   load the cached globals into locals; $budget = cpu->tb_budget; $ret = LOOKUP
 *   block $out
 *     loop $top
 *       block $m[n-1] ... block $m[0]
 *         br_table $start: $m[0] .. $m[n-1], default $out
 *       end $m[0]
 *       member 0:  block $exc
 *                    block $L[..] ...    ; one block per branch-target label, by position
 *                      ops ...           ; each label's block ends where the label is placed
 *                    end ...
 *                    ops after the last label
 *                  end $exc  -> $ret = EXCEPTION | 0 << 2; br $out
 *       end $m[1]
 *       member 1 ...
 *     end $top
 *   end $out
 *   write the written globals and the instruction count back; cpu->tb_budget = $budget
 *   return $ret
 * IR branches only go forward (ir.h), so a branch to label L is a `br` out to the end of
 * L's block; its depth is the number of blocks still open inside L's.  An exit sets $ret
 * and branches to $out; a goto_tb to another member sets $start and branches to $top
 * (after checking the budget and the exit request).
 *
 * Values: scratch temps live in Wasm locals of their type (members share them: temps are
 * dead between TBs); constants are immediates; globals other than the pc live in locals
 * for the whole function (cg_value_* and cg_spill/reload_globals are the only places
 * that know where a temp lives).
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
        if (g->local_of[t] != NO_LOCAL) {
            wbuf_local_op(g->w, W_LOCAL_GET, g->local_of[t]);
            cg_convert(g, (IrType)ti->type, want);
            return;
        }
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
    if (cg_valid_temp(g, t) && g->b->temps[t].kind == IR_TEMP_GLOBAL &&
        g->local_of[t] == NO_LOCAL) {
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
    if (ti->kind == IR_TEMP_GLOBAL && g->local_of[t] == NO_LOCAL) {
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

/* Blocks open inside the member's code: $exc, the label blocks not yet closed, and those
 * opened inside the current op.  Label blocks are opened outermost-first: ranks n-1 .. 0. */
static uint32_t open_blocks(const Gen *g)
{
    return (g->exc_open ? 1u : 0u) + (g->nlabels - g->nclosed) + g->inner;
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

/* The dispatch loop and the function's exit block, seen from the current position. */
static uint32_t top_depth(const Gen *g)
{
    return open_blocks(g) + g->outer;
}

static uint32_t out_depth(const Gen *g)
{
    return top_depth(g) + 1;
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

/* `if (cpu->excp_index >= 0) { cpu->excp_insn = <this instruction>; goto $exc }`: the
 * instruction's index is stored only on the way out */
void cg_check_exception(Gen *g)
{
    WasmBuf *w = g->w;
    wbuf_local_op(w, W_LOCAL_GET, L_ENV);
    wbuf_memop(w, W_I32_LOAD, 2, OFF_EXCP);
    wbuf_i32_const(w, 0);
    wbuf_op(w, W_I32_GE_S);
    wbuf_block(w, W_IF, WASM_BLOCK_VOID);
    g->inner++;
    wbuf_local_op(w, W_LOCAL_GET, L_ENV);
    wbuf_i32_const(w, (int32_t)g->insn);
    wbuf_memop(w, W_I32_STORE, 2, OFF_EXCP_INSN);
    wbuf_br_op(w, W_BR, exc_depth(g));
    wbuf_op(w, W_END);
    g->inner--;
}

/* Leave the function with ExecExit `code` from this member. */
static void emit_exit(Gen *g, int code)
{
    wbuf_i32_const(g->w, code | g->member << 2);
    wbuf_local_op(g->w, W_LOCAL_SET, L_RET);
    wbuf_br_op(g->w, W_BR, out_depth(g));
}

/* goto_tb `slot`: go on to another member of the region if it is one, else leave.  The
 * pc global already holds the successor's pc (and the pc lives in memory). */
static void emit_goto_tb(Gen *g, int slot)
{
    int next = g->succ ? g->succ[slot] : -1;
    if (next < 0) {
        emit_exit(g, slot);
        return;
    }
    WasmBuf *w = g->w;
    /* leave when the budget is spent or another thread / a device wants the vCPU */
    wbuf_local_op(w, W_LOCAL_GET, L_BUDGET);
    wbuf_i32_const(w, 1);
    wbuf_op(w, W_I32_SUB);
    wbuf_local_op(w, W_LOCAL_TEE, L_BUDGET);
    wbuf_i32_const(w, 0);
    wbuf_op(w, W_I32_LE_S);
    wbuf_local_op(w, W_LOCAL_GET, L_ENV);
    wbuf_memop(w, W_I32_LOAD, 2, OFF_EXIT_REQUEST);
    wbuf_op(w, W_I32_OR);
    wbuf_block(w, W_IF, WASM_BLOCK_VOID);
    g->inner++;
    emit_exit(g, slot);
    wbuf_op(w, W_END);
    g->inner--;
    /* this member's instructions are done: the exec loop won't count them */
    uint32_t icount = cg_scratch64(g, S_ICOUNT);
    wbuf_local_op(w, W_LOCAL_GET, icount);
    wbuf_i64_const(w, g->icount);
    wbuf_op(w, W_I64_ADD);
    wbuf_local_op(w, W_LOCAL_SET, icount);
    wbuf_i32_const(w, next);
    wbuf_local_op(w, W_LOCAL_SET, L_START);
    wbuf_br_op(w, W_BR, top_depth(g));
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
    case IR_INSN_START:
        g->insn = a[0]; /* no code: raising ops below report it */
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
        emit_goto_tb(g, a[0] ? EXEC_EXIT_CHAIN1 : EXEC_EXIT_CHAIN0);
        return;
    case IR_EXIT_TB:
        emit_exit(g, EXEC_EXIT_LOOKUP);
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

/* ---- globals in locals ---- */

static RegionGlobal *region_global(WasmRegion *r, uint32_t offset)
{
    for (int i = 0; i < r->nglobals; i++) {
        if (r->globals[i].offset == offset) {
            return &r->globals[i];
        }
    }
    return NULL;
}

void cg_spill_globals(Gen *g)
{
    WasmRegion *r = g->r;
    WasmBuf *w = g->w;
    for (int i = 0; i < r->nglobals; i++) {
        const RegionGlobal *rg = &r->globals[i];
        if (rg->cached && rg->written) {
            wbuf_local_op(w, W_LOCAL_GET, L_ENV);
            wbuf_local_op(w, W_LOCAL_GET, rg->local);
            if (rg->type == IR_I64) {
                wbuf_memop(w, W_I64_STORE, 3, rg->offset);
            } else {
                wbuf_memop(w, W_I32_STORE, 2, rg->offset);
            }
        }
    }
    /* insn_count += $icount; $icount = 0 */
    uint32_t icount = cg_scratch64(g, S_ICOUNT);
    wbuf_local_op(w, W_LOCAL_GET, L_ENV);
    wbuf_local_op(w, W_LOCAL_GET, L_ENV);
    wbuf_memop(w, W_I64_LOAD, 3, OFF_INSN_COUNT);
    wbuf_local_op(w, W_LOCAL_GET, icount);
    wbuf_op(w, W_I64_ADD);
    wbuf_memop(w, W_I64_STORE, 3, OFF_INSN_COUNT);
    wbuf_i64_const(w, 0);
    wbuf_local_op(w, W_LOCAL_SET, icount);
}

void cg_reload_globals(Gen *g)
{
    WasmRegion *r = g->r;
    WasmBuf *w = g->w;
    for (int i = 0; i < r->nglobals; i++) {
        const RegionGlobal *rg = &r->globals[i];
        if (rg->cached) {
            wbuf_local_op(w, W_LOCAL_GET, L_ENV);
            if (rg->type == IR_I64) {
                wbuf_memop(w, W_I64_LOAD, 3, rg->offset);
            } else {
                wbuf_memop(w, W_I32_LOAD, 2, rg->offset);
            }
            wbuf_local_op(w, W_LOCAL_SET, rg->local);
        }
    }
}

/* ---- the scan pass: globals, helpers, how many temps ---- */

static void count_temps(const IrBlock *b, uint32_t nops, uint32_t *n32, uint32_t *n64,
                        bool *used)
{
    for (uint32_t i = 0; i < nops; i++) {
        const IrOp *op = &b->ops[i];
        if (op->opc >= IR_OPC_COUNT) {
            continue;
        }
        const IrOpDef *d = &ir_op_defs[op->opc];
        for (int k = 0; k < d->nout + d->nin && k < IR_MAX_ARGS; k++) {
            uint32_t t = op->args[k];
            if (t < (uint32_t)b->ntemps && b->temps[t].kind == IR_TEMP_TEMP) {
                used[t] = true;
            }
        }
    }
    *n32 = *n64 = 0;
    for (int t = 0; t < b->ntemps; t++) {
        if (used[t]) {
            if (b->temps[t].type == IR_I64) {
                (*n64)++;
            } else {
                (*n32)++;
            }
        }
    }
}

static uint32_t block_nops(const IrBlock *b)
{
    /* An overflowed block is never run by a correct front end; it compiles to an exit. */
    return b->overflow || b->nops < 0 ? 0 : (uint32_t)b->nops;
}

static void scan_global(WasmRegion *r, const IrBlock *b, uint32_t t, bool written)
{
    if (t >= (uint32_t)b->ntemps || b->temps[t].kind != IR_TEMP_GLOBAL) {
        return;
    }
    const IrTempInfo *ti = &b->temps[t];
    RegionGlobal *rg = region_global(r, ti->offset);
    if (!rg) {
        if (r->nglobals == IR_MAX_GLOBALS) {
            r->error = true;
            return;
        }
        rg = &r->globals[r->nglobals++];
        rg->offset = ti->offset;
        rg->type = ti->type;
        rg->written = false;
        /* helpers and the exec loop read the pc */
        rg->cached = ti->offset != OFF_PC && !r->opts.globals_in_memory;
    } else if (rg->type != ti->type) {
        rg->cached = false; /* two views of one field: keep it in memory */
    }
    rg->written |= written;
}

void wasm_region_scan(WasmRegion *r, const IrBlock *b)
{
    if (r->laid_out || r->nscanned >= r->nmembers) {
        r->error = true;
        return;
    }
    r->nscanned++;
    uint32_t nops = block_nops(b);
    for (uint32_t i = 0; i < nops; i++) {
        const IrOp *op = &b->ops[i];
        if (op->opc >= IR_OPC_COUNT) {
            continue;
        }
        const IrOpDef *d = &ir_op_defs[op->opc];
        for (int k = 0; k < d->nout + d->nin && k < IR_MAX_ARGS; k++) {
            scan_global(r, b, op->args[k], k < d->nout);
        }
        if (op->opc == IR_LD_ENV || op->opc == IR_ST_ENV) {
            if (r->nenv == (int)(sizeof(r->env_lo) / sizeof(r->env_lo[0]))) {
                r->env_lo[0] = 0; /* too many: treat all of the CPU state as aliased */
                r->env_hi[0] = UINT32_MAX;
            } else {
                r->env_lo[r->nenv] = op->args[1];
                r->env_hi[r->nenv++] = op->args[1] + 8;
            }
        }
    }
    /* helpers: the module's table holds the union of the members' helpers */
    for (int k = 0; k < b->nhelpers && k < 64; k++) {
        const IrHelper *h = b->helpers[k];
        bool have = false;
        for (int j = 0; j < r->nhelpers && !have; j++) {
            have = r->helpers[j] == h;
        }
        if (!have) {
            if (r->nhelpers == WASM_REGION_MAX_HELPERS) {
                r->error = true;
                return;
            }
            r->helpers[r->nhelpers++] = h;
        }
    }
    bool used[IR_MAX_TEMPS] = { false };
    uint32_t n32, n64;
    count_temps(b, nops, &n32, &n64, used);
    if (n32 > r->max_temp32) {
        r->max_temp32 = n32;
    }
    if (n64 > r->max_temp64) {
        r->max_temp64 = n64;
    }
}

/* After the scan: which globals get locals, and where everything else goes. */
static void region_layout(WasmRegion *r)
{
    uint32_t c32 = 0, c64 = 0;
    for (int i = 0; i < r->nglobals; i++) {
        RegionGlobal *rg = &r->globals[i];
        for (int e = 0; e < r->nenv && rg->cached; e++) {
            if (rg->offset < r->env_hi[e] && r->env_lo[e] < rg->offset + 8) {
                rg->cached = false;
            }
        }
        for (int j = 0; j < r->nglobals && rg->cached; j++) {
            const RegionGlobal *o = &r->globals[j];
            if (j != i && rg->offset < o->offset + 8 && o->offset < rg->offset + 8) {
                rg->cached = false; /* overlapping fields */
            }
        }
        if (rg->cached) {
            if (rg->type == IR_I64) {
                c64++;
            } else {
                c32++;
            }
        }
    }
    r->n32 = N_SCRATCH32 + c32 + r->max_temp32;
    r->n64 = N_SCRATCH64 + c64 + r->max_temp64;
    r->first64 = N_PARAMS + r->n32;
    uint32_t next32 = L_FIRST_FREE32, next64 = r->first64 + N_SCRATCH64;
    for (int i = 0; i < r->nglobals; i++) {
        RegionGlobal *rg = &r->globals[i];
        if (rg->cached) {
            rg->local = rg->type == IR_I64 ? next64++ : next32++;
        }
    }
    r->temp32_base = next32;
    r->temp64_base = next64;
    r->laid_out = true;
}

/* ---- labels ---- */

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

/* The function's start: locals, the cached globals loaded, the dispatch. */
static void emit_prologue(Gen *g)
{
    WasmRegion *r = g->r;
    WasmBuf *w = g->w;
    wbuf_u32(w, 2); /* local groups */
    wbuf_u32(w, r->n32);
    wbuf_byte(w, WASM_I32);
    wbuf_u32(w, r->n64);
    wbuf_byte(w, WASM_I64);
    cg_reload_globals(g);
    wbuf_local_op(w, W_LOCAL_GET, L_ENV);
    wbuf_memop(w, W_I32_LOAD, 2, OFF_TB_BUDGET);
    wbuf_local_op(w, W_LOCAL_SET, L_BUDGET);
    wbuf_i32_const(w, EXEC_EXIT_LOOKUP); /* for an out-of-range entry: look the pc up */
    wbuf_local_op(w, W_LOCAL_SET, L_RET);
    wbuf_block(w, W_BLOCK, WASM_BLOCK_VOID); /* $out */
    wbuf_block(w, W_LOOP, WASM_BLOCK_VOID);  /* $top */
    for (int k = 0; k < r->nmembers; k++) {
        wbuf_block(w, W_BLOCK, WASM_BLOCK_VOID);
    }
    wbuf_local_op(w, W_LOCAL_GET, L_START);
    wbuf_byte(w, W_BR_TABLE);
    wbuf_u32(w, (uint32_t)r->nmembers);
    for (int k = 0; k < r->nmembers; k++) {
        wbuf_u32(w, (uint32_t)k);
    }
    wbuf_u32(w, (uint32_t)r->nmembers + 1); /* default: $out */
}

static void emit_member(Gen *g)
{
    WasmBuf *w = g->w;
    wbuf_op(w, W_END); /* the member's dispatch block: its code follows */
    g->exc_open = true;
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
        emit_exit(g, EXEC_EXIT_LOOKUP);
    }
    wbuf_op(w, W_END); /* $exc */
    g->exc_open = false;
    emit_exit(g, EXEC_EXIT_EXCEPTION);
}

static void emit_epilogue(Gen *g)
{
    WasmBuf *w = g->w;
    wbuf_op(w, W_END); /* $top */
    wbuf_op(w, W_END); /* $out */
    cg_spill_globals(g);
    wbuf_local_op(w, W_LOCAL_GET, L_ENV);
    wbuf_local_op(w, W_LOCAL_GET, L_BUDGET);
    wbuf_memop(w, W_I32_STORE, 2, OFF_TB_BUDGET);
    wbuf_local_op(w, W_LOCAL_GET, L_RET);
    wbuf_op(w, W_END); /* function */
}

/* ---- the region ---- */

WasmRegion *wasm_region_new(const WasmCodegenOpts *opts, int nmembers)
{
    WasmRegion *r = calloc(1, sizeof(*r));
    if (!r) {
        return NULL;
    }
    if (opts) {
        r->opts = *opts;
    }
    r->nmembers = nmembers;
    if (nmembers < 1 || nmembers > WASM_REGION_MAX_MEMBERS) {
        r->error = true;
    }
    wbuf_init(&r->body);
    return r;
}

void wasm_region_free(WasmRegion *r)
{
    if (r) {
        wbuf_free(&r->body);
        free(r);
    }
}

const IrHelper *const *wasm_region_helpers(const WasmRegion *r, int *nhelpers)
{
    *nhelpers = r->nhelpers;
    return r->helpers;
}

static void gen_init(Gen *g, WasmRegion *r)
{
    memset(g, 0, sizeof(*g));
    g->r = r;
    g->w = &r->body;
    g->first64 = r->first64;
}

void wasm_region_emit(WasmRegion *r, const IrBlock *b, const int succ[2], uint32_t icount)
{
    if (r->error) {
        return;
    }
    if (r->nscanned != r->nmembers || r->nemitted >= r->nmembers) {
        r->error = true;
        return;
    }
    Gen *g = malloc(sizeof(*g));
    if (!g) {
        r->error = true;
        return;
    }
    if (!r->laid_out) {
        region_layout(r);
        gen_init(g, r);
        emit_prologue(g);
    }
    gen_init(g, r);
    g->b = b;
    g->member = r->nemitted;
    g->succ = succ;
    g->icount = icount;
    g->outer = (uint32_t)(r->nmembers - 1 - g->member);
    g->nops = block_nops(b);
    /* temps: the member's own numbering from the shared bases */
    bool used[IR_MAX_TEMPS] = { false };
    uint32_t n32, n64;
    count_temps(b, g->nops, &n32, &n64, used);
    uint32_t next32 = r->temp32_base, next64 = r->temp64_base;
    for (int t = 0; t < b->ntemps; t++) {
        g->local_of[t] = NO_LOCAL;
        if (used[t]) {
            g->local_of[t] = b->temps[t].type == IR_I64 ? next64++ : next32++;
        } else if (b->temps[t].kind == IR_TEMP_GLOBAL) {
            const RegionGlobal *rg = region_global(r, b->temps[t].offset);
            if (rg && rg->cached) {
                g->local_of[t] = rg->local;
            }
        }
    }
    for (int k = 0; k < b->nhelpers && k < 64; k++) {
        for (int j = 0; j < r->nhelpers; j++) {
            if (r->helpers[j] == b->helpers[k]) {
                g->helper_slot[k] = (uint8_t)(WASM_SLOT_HELPERS + j);
                break;
            }
        }
    }
    find_labels(g);
    emit_member(g);
    if (g->error) {
        r->error = true;
    }
    r->nemitted++;
    if (r->nemitted == r->nmembers) {
        emit_epilogue(g);
    }
    free(g);
}

static void emit_module(WasmBuf *m, const WasmRegion *r)
{
    wbuf_module_header(m);

    size_t s = wbuf_section_begin(m, WASM_SEC_TYPE);
    wbuf_u32(m, 2);
    /* TYPE_TB: (i32 env, i32 entry) -> i32 */
    wbuf_byte(m, WASM_FUNC_TYPE);
    wbuf_u32(m, 2);
    wbuf_byte(m, WASM_I32);
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
    uint32_t pages = r->opts.mem_pages_min;
    wbuf_u32(m, pages < WASM_MAX_PAGES ? pages : WASM_MAX_PAGES);
    wbuf_u32(m, WASM_MAX_PAGES);
    wbuf_name(m, "env");
    wbuf_name(m, "helpers");
    wbuf_byte(m, WASM_EXTERN_TABLE);
    wbuf_byte(m, WASM_FUNCREF);
    wbuf_byte(m, WASM_LIMITS_MIN);
    wbuf_u32(m, (uint32_t)(WASM_SLOT_HELPERS + r->nhelpers));
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
    wbuf_u32(m, (uint32_t)r->body.len);
    wbuf_bytes(m, r->body.data, r->body.len);
    wbuf_section_end(m, s);
}

int wasm_region_finish(WasmRegion *r, uint8_t **bytes, size_t *len)
{
    if (r->error || r->nemitted != r->nmembers || r->body.oom) {
        return -1;
    }
    WasmBuf module;
    wbuf_init(&module);
    emit_module(&module, r);
    int ret = -1;
    if (!module.oom) {
        *bytes = wbuf_take(&module, len);
        ret = 0;
    }
    wbuf_free(&module);
    return ret;
}

int wasm_codegen_tb(const IrBlock *b, const WasmCodegenOpts *opts, uint8_t **bytes,
                    size_t *len)
{
    WasmRegion *r = wasm_region_new(opts, 1);
    if (!r) {
        return -1;
    }
    static const int no_succ[2] = { -1, -1 };
    wasm_region_scan(r, b);
    wasm_region_emit(r, b, no_succ, 0);
    /* the helper table must be b->helpers in order (callers install with it) */
    bool same = r->nhelpers == b->nhelpers;
    for (int k = 0; same && k < b->nhelpers; k++) {
        same = r->helpers[k] == b->helpers[k];
    }
    int ret = same ? wasm_region_finish(r, bytes, len) : -1;
    wasm_region_free(r);
    return ret;
}
