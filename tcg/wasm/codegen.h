/*
 * tcg/wasm/codegen.h — the Wasm code generator: a *region* of IrBlocks -> one WebAssembly
 * module.
 *
 * A region is a few translation blocks of one guest page (the hot block and the blocks it
 * branches to directly).  Its function keeps control inside Wasm when one member ends with
 * a goto_tb to another member: a loop over a br_table of the members (DESIGN.md, "JIT
 * regions").  Guest registers (IR globals, except the pc) live in Wasm locals: loaded at
 * entry, written back at every exit and around helpers that declare they touch them.
 *
 * Module shape (see NOTES.md, "Running generated Wasm"):
 *   (import "env" "memory"  (memory min 65536 shared))   the emscripten heap
 *   (import "env" "helpers" (table 2+nhelpers funcref))  made per module by the JS side
 *   (func (export "tb") (param $env i32) (param $entry i32) (result i32))
 * No function imports, no import of emscripten's main table.
 *
 * Helper table slots (every entry has the IrHelperFn type
 * (i32 env, i64, i64, i64, i64) -> i64):
 *   0  jit_load_slow   (tcg/wasm/jit.h)  guest load TLB miss
 *   1  jit_store_slow  guest store TLB miss
 *   2+k  wasm_region_helpers()[k]->fn
 *
 * Calling fn(env, k) runs member k with exactly interp_exec's semantics, and goes on
 * into other members as long as they chain to each other, the vCPU's TB budget
 * (CPUState.tb_budget, decremented per internal transfer) lasts and no exit is requested
 * (CPUState.exit_request).  It returns (exit | member << 2): the ExecExit of the member
 * that left (EXEC_EXIT_CHAIN0/1 at a goto_tb, EXEC_EXIT_LOOKUP at exit_tb,
 * EXEC_EXIT_EXCEPTION as soon as a TLB slow path or a MAY_RAISE helper leaves
 * cpu->excp_index >= 0, with cpu->excp_insn set to the raising guest instruction's index
 * as the interpreter sets it).  Instructions of members completed *inside* the function are
 * added to CPUState.insn_count by the function; the exiting member's are the caller's.
 *
 * The generator is target-independent C: it includes core/cpu.h for the CPUState and
 * TLB layout (offsets are the same for the compiler that builds the generator and the
 * code that runs the modules, which is what matters), and assumes wasm32 when modules
 * run (host pointers are the low 32 bits of a TLB entry's vaddr + addend).
 */
#ifndef TCG_WASM_CODEGEN_H
#define TCG_WASM_CODEGEN_H

#include <stddef.h>
#include <stdint.h>

#include "tcg/ir.h"

enum {
    WASM_SLOT_LOAD_SLOW = 0,
    WASM_SLOT_STORE_SLOW = 1,
    WASM_SLOT_HELPERS = 2, /* IrBlock.helpers[k] is in slot WASM_SLOT_HELPERS + k */
};

/* WebAssembly pages (64 KiB) the shared memory import may declare at most. */
#define WASM_MAX_PAGES 65536u

typedef struct WasmCodegenOpts {
    /* Declared minimum of the imported memory, in 64 KiB pages.  The real memory must be
     * at least this large (0 is always fine; the size of emscripten's heap is exact). */
    uint32_t mem_pages_min;
    /* Keep globals in memory instead of Wasm locals.  Locals pay off when control loops
     * inside the function; a region without a cycle runs each member at most once per
     * call, and loading and writing back every global at each call costs more. */
    bool globals_in_memory;
} WasmCodegenOpts;

/* Members a region may have. */
#define WASM_REGION_MAX_MEMBERS 64
#define WASM_REGION_MAX_HELPERS 64

typedef struct WasmRegion WasmRegion;

/*
 * Building a region takes two passes over its members, in the same order:
 *   r = wasm_region_new(opts, n);
 *   for each member k: wasm_region_scan(r, ir_of_member_k);        which globals, helpers
 *   for each member k: wasm_region_emit(r, ir_of_member_k, succ_k, icount_k);
 *   wasm_region_finish(r, &bytes, &len);  install with wasm_region_helpers(r)
 *   wasm_region_free(r);
 * succ_k[s] is the member index that member k's `goto_tb s` goes to, or -1 (leave).
 * The IR may be rebuilt between the passes (it must be the same IR).  Any error
 * (malformed IR, out of memory) makes wasm_region_finish return -1.
 */
WasmRegion *wasm_region_new(const WasmCodegenOpts *opts, int nmembers);
void wasm_region_scan(WasmRegion *r, const IrBlock *b);
void wasm_region_emit(WasmRegion *r, const IrBlock *b, const int succ[2], uint32_t icount);
int wasm_region_finish(WasmRegion *r, uint8_t **bytes, size_t *len);
const IrHelper *const *wasm_region_helpers(const WasmRegion *r, int *nhelpers);
void wasm_region_free(WasmRegion *r);

/*
 * Generate the module for one block (a region of one member that never loops; its
 * helper table is b->helpers in order).  On success returns 0 and a malloc'd module in
 * *bytes (free()), *len bytes.  Returns -1 (nothing allocated) if the IR cannot be
 * compiled (a backward branch, which ir.h forbids) or memory runs out; the caller then
 * keeps interpreting the block.  opts may be NULL (defaults).
 */
int wasm_codegen_tb(const IrBlock *b, const WasmCodegenOpts *opts, uint8_t **bytes,
                    size_t *len);

#endif
