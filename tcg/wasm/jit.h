/*
 * tcg/wasm/jit.h — running generated modules (the Wasm build only).
 *
 * jit_install compiles a module made by wasm_codegen_tb (tcg/wasm/codegen.h),
 * (or wasm_region_finish), instantiates it in the CALLING THREAD with a fresh helper
 * table (slot 0 jit_load_slow, slot 1 jit_store_slow, slot 2+k helpers[k]->fn), and
 * registers its "tb" export in the calling thread's function table.  The result is a
 * plain C function pointer: fn(env, k) runs region member k (codegen.h); for a module of
 * one block, fn(env, 0) returns an ExecExit exactly like interp_exec(cpu, code, b->pc).
 *
 * Threads: every emscripten thread has its own function table and instances
 * (NOTES.md), so a JitFn is only valid in the thread that installed it.  The JS side
 * (tcg/wasm/jit_host_emscripten.c) keeps no other state than a per-thread list of free
 * table slots for jit_uninstall.
 *
 * Native builds have no Wasm engine: jit_install returns NULL (callers interpret).
 */
#ifndef TCG_WASM_JIT_H
#define TCG_WASM_JIT_H

#include <stddef.h>
#include <stdint.h>

#include "tcg/ir.h"

/* fn(env, entry): run region member `entry`; returns exit | member << 2 (codegen.h). */
typedef int (*JitFn)(void *env, int entry);

/* Can this build run generated modules at all? (only under a Wasm engine) */
static inline int jit_supported(void)
{
#ifdef __EMSCRIPTEN__
    return 1;
#else
    return 0;
#endif
}

JitFn jit_install(const uint8_t *bytes, size_t len, const IrHelper *const *helpers,
                  int nhelpers);
/* The same, into a table slot of the calling thread that jit_install(_at) returned before
 * (its old function is dropped); reuse NULL: a new slot. */
JitFn jit_install_at(const uint8_t *bytes, size_t len, const IrHelper *const *helpers,
                     int nhelpers, JitFn reuse);
/* Free the function's table slot (the module is freed by the JS GC once unreferenced).
 * The caller guarantees nothing still runs or points at it. */
void jit_uninstall(JitFn fn);

/*
 * TLB slow paths in the IrHelperFn shape (helper table slots 0 and 1).  memop_mmu is
 * memop | mmu_idx << 8.  A fault leaves cpu->excp_index >= 0 (cpu->pc = fault_pc); the
 * generated code checks excp_index after the call.
 */
uint64_t jit_load_slow(void *env, uint64_t vaddr, uint64_t memop_mmu, uint64_t fault_pc,
                       uint64_t unused);
uint64_t jit_store_slow(void *env, uint64_t vaddr, uint64_t value, uint64_t memop_mmu,
                        uint64_t fault_pc);

#endif
