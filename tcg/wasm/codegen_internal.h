/*
 * tcg/wasm/codegen_internal.h — what codegen.c (values, control flow, ops, the module)
 * and codegen_ops.c (arithmetic, guest memory, helper calls) share.  Not an API.
 */
#ifndef TCG_WASM_CODEGEN_INTERNAL_H
#define TCG_WASM_CODEGEN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/cpu.h"
#include "core/tlb.h"
#include "tcg/ir.h"
#include "tcg/wasm/codegen.h"
#include "tcg/wasm/wasm_buf.h"

_Static_assert(sizeof(TlbEntry) == 64, "TLB entry address is index << 6");
_Static_assert(TLB_ENTRIES == 256, "TLB index mask");

#define TLB_ENTRY_SHIFT 6
#define OFF_EXCP ((uint32_t)offsetof(CPUState, excp_index))
#define OFF_TLB ((uint32_t)offsetof(CPUState, tlb))

/* Type indices in the module's type section. */
enum { TYPE_TB = 0, TYPE_HELPER = 1 };

/* Fixed locals: 0 is the env parameter, then scratch locals, then the IR temps. */
enum {
    L_ENV = 0,
    /* i32 scratch */
    L_ENTRY, /* TLB entry address (without the table's base offset) */
    L_X32,
    L_Y32,
};
#define N_SCRATCH32 3
enum { S_ADDR, S_X64, S_Y64, S_P64, S_Q64, N_SCRATCH64 }; /* i64 scratch (after i32s) */

#define NO_LOCAL UINT32_MAX
#define END_LABEL IR_MAX_LABELS /* a branch to a label that is never placed */

typedef struct Gen {
    const IrBlock *b;
    WasmBuf *w;
    uint32_t nops;
    uint32_t local_of[IR_MAX_TEMPS];
    uint32_t first64; /* index of the first i64 local */
    uint32_t n32, n64; /* declared locals (excluding the parameter) */
    /* labels that are branch targets, sorted by position */
    uint32_t label_pos[IR_MAX_LABELS + 1];  /* op index where the label's block ends */
    uint32_t label_rank[IR_MAX_LABELS + 1]; /* its index in `sorted` */
    bool label_used[IR_MAX_LABELS + 1];
    uint16_t sorted[IR_MAX_LABELS + 1];
    uint32_t nlabels;  /* blocks for labels */
    uint32_t nclosed;  /* label blocks already closed */
    uint32_t inner;    /* blocks opened inside the current op */
    bool error;
} Gen;

static inline uint32_t cg_scratch64(const Gen *g, int which)
{
    return g->first64 + (uint32_t)which;
}

/* ---- codegen.c: where temps live ---- */
bool cg_valid_temp(const Gen *g, uint32_t t);
IrType cg_temp_type(const Gen *g, uint32_t t);
/* Convert the value on the stack from type `have` to `want`. */
void cg_convert(Gen *g, IrType have, IrType want);
void cg_push_const(Gen *g, IrType t, uint64_t v);
/* Push temp t's value as type `want`. */
void cg_value_get(Gen *g, uint32_t t, IrType want);
/* Writing temp t: cg_value_set_begin before pushing the value, cg_value_set_end after. */
void cg_value_set_begin(Gen *g, uint32_t t);
void cg_value_set_end(Gen *g, uint32_t t, IrType have);
/* `if (cpu->excp_index >= 0) goto $exc` */
void cg_check_exception(Gen *g);

/* ---- codegen_ops.c ---- */
/* Same-type value ops (arithmetic, logic, shifts, mulh, div, clz..., ext8/16); returns
 * false if opc is not one of them. */
bool cg_emit_value_op(Gen *g, const IrOp *op);
void cg_emit_width_op(Gen *g, const IrOp *op);   /* ext32s/u, exti32s/u, trunc */
void cg_emit_env_access(Gen *g, const IrOp *op); /* ld_env / st_env */
void cg_emit_guest_access(Gen *g, const IrOp *op); /* qemu_ld / qemu_st */
void cg_emit_call(Gen *g, const IrOp *op);

#endif
