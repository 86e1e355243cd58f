/*
 * tcg/wasm/codegen.h — the Wasm code generator: one IrBlock -> one WebAssembly module.
 *
 * Module shape (see NOTES.md, "Running generated Wasm"):
 *   (import "env" "memory"  (memory min 65536 shared))   the emscripten heap
 *   (import "env" "helpers" (table 2+nhelpers funcref))  made per module by the JS side
 *   (func (export "tb") (param $env i32) (result i32))   returns an ExecExit
 * No function imports, no import of emscripten's main table.
 *
 * Helper table slots (every entry has the IrHelperFn type
 * (i32 env, i64, i64, i64, i64) -> i64):
 *   0  jit_load_slow   (tcg/wasm/jit.h)  guest load TLB miss
 *   1  jit_store_slow  guest store TLB miss
 *   2+k  IrBlock.helpers[k]->fn
 *
 * The function has exactly interp_exec's semantics for the block (tcg/interp.c), with
 * the TB's pc taken from IrBlock.pc: it returns EXEC_EXIT_CHAIN0/1 at goto_tb,
 * EXEC_EXIT_LOOKUP at exit_tb (or when control falls off the end), and
 * EXEC_EXIT_EXCEPTION as soon as a TLB slow path or a MAY_RAISE helper leaves
 * cpu->excp_index >= 0 (later ops don't run; the faulting op's output isn't written).
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
} WasmCodegenOpts;

/*
 * Generate the module for one block.  On success returns 0 and a malloc'd module in
 * *bytes (free()), *len bytes.  Returns -1 (nothing allocated) if the IR cannot be
 * compiled (a backward branch, which ir.h forbids) or memory runs out; the caller then
 * keeps interpreting the block.  opts may be NULL (defaults).
 */
int wasm_codegen_tb(const IrBlock *b, const WasmCodegenOpts *opts, uint8_t **bytes,
                    size_t *len);

#endif
