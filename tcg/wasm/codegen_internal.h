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
#define OFF_EXCP_INSN ((uint32_t)offsetof(CPUState, excp_insn))
#define OFF_TLB ((uint32_t)offsetof(CPUState, tlb))
#define OFF_PC ((uint32_t)offsetof(CPUState, pc))
#define OFF_EXIT_REQUEST ((uint32_t)offsetof(CPUState, exit_request))
#define OFF_TB_BUDGET ((uint32_t)offsetof(CPUState, tb_budget))
#define OFF_INSN_COUNT ((uint32_t)offsetof(CPUState, insn_count))

/* Type indices in the module's type section. */
enum { TYPE_TB = 0, TYPE_HELPER = 1 };

/* Fixed locals: the two parameters, then i32 scratch, then the cached i32 globals and
 * the members' i32 temps; then the i64 scratch, cached i64 globals and i64 temps. */
enum {
    L_ENV = 0,   /* param: the CPUState */
    L_START,     /* param, then the member the dispatch loop goes to next */
    L_RET,       /* the function's result (exit | member << 2) */
    L_BUDGET,    /* copy of CPUState.tb_budget */
    L_ENTRY,     /* TLB entry address (without the table's base offset) */
    L_X32,
    L_Y32,
    L_FIRST_FREE32,
};
#define N_PARAMS 2
#define N_SCRATCH32 (L_FIRST_FREE32 - N_PARAMS)
enum { S_ADDR, S_X64, S_Y64, S_P64, S_Q64, S_ICOUNT, N_SCRATCH64 }; /* i64 scratch */

#define NO_LOCAL UINT32_MAX
#define END_LABEL IR_MAX_LABELS /* a branch to a label that is never placed */

/* A global of the region: where it lives while the function runs. */
typedef struct RegionGlobal {
    uint32_t offset;
    uint8_t type;
    bool written;   /* some member writes it: written back at exits */
    bool cached;    /* kept in `local` (not the pc, not aliased by env accesses) */
    uint32_t local;
} RegionGlobal;

struct WasmRegion {
    WasmCodegenOpts opts;
    int nmembers, nscanned, nemitted;
    const IrHelper *helpers[WASM_REGION_MAX_HELPERS];
    int nhelpers;
    RegionGlobal globals[IR_MAX_GLOBALS];
    int nglobals;
    /* env byte ranges read/written by ld_env/st_env: a global inside one is not cached */
    uint32_t env_lo[32], env_hi[32];
    int nenv;
    uint32_t max_temp32, max_temp64;
    /* locals, fixed after the scan pass */
    bool laid_out;
    uint32_t n32, n64, first64, temp32_base, temp64_base;
    WasmBuf body;
    bool error;
};

typedef struct Gen {
    const IrBlock *b;
    WasmBuf *w;
    WasmRegion *r;
    int member;        /* index of b in the region */
    const int *succ;   /* member index for goto_tb slot 0/1, or -1 */
    uint32_t icount;   /* guest instructions of the member */
    uint32_t insn;     /* the guest instruction being emitted (IR_INSN_START) */
    uint32_t outer;    /* blocks around the member's code inside the dispatch loop */
    uint32_t nops;
    uint32_t local_of[IR_MAX_TEMPS]; /* temps and cached globals */
    uint8_t helper_slot[64];         /* b->helpers[k] is in table slot helper_slot[k] */
    uint32_t first64; /* index of the first i64 local */
    /* labels that are branch targets, sorted by position */
    uint32_t label_pos[IR_MAX_LABELS + 1];  /* op index where the label's block ends */
    uint32_t label_rank[IR_MAX_LABELS + 1]; /* its index in `sorted` */
    bool label_used[IR_MAX_LABELS + 1];
    uint16_t sorted[IR_MAX_LABELS + 1];
    uint32_t nlabels;  /* blocks for labels */
    uint32_t nclosed;  /* label blocks already closed */
    uint32_t inner;    /* blocks opened inside the current op */
    bool exc_open;     /* inside the member's $exc block */
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
/* Write the cached globals some member writes back to the CPU state (and the pending
 * instruction count); reload all cached globals from it. */
void cg_spill_globals(Gen *g);
void cg_reload_globals(Gen *g);

/* ---- codegen_ops.c ---- */
/* Same-type value ops (arithmetic, logic, shifts, mulh, div, clz..., ext8/16); returns
 * false if opc is not one of them. */
bool cg_emit_value_op(Gen *g, const IrOp *op);
void cg_emit_width_op(Gen *g, const IrOp *op);   /* ext32s/u, exti32s/u, trunc */
void cg_emit_env_access(Gen *g, const IrOp *op); /* ld_env / st_env */
void cg_emit_guest_access(Gen *g, const IrOp *op); /* qemu_ld / qemu_st */
void cg_emit_call(Gen *g, const IrOp *op);

#endif
