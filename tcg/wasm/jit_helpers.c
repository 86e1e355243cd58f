/*
 * tcg/wasm/jit_helpers.c — the TLB slow paths with the one helper signature, for the
 * helper table of generated modules (slots 0 and 1, see codegen.h).
 */
#include "core/cpu.h"
#include "core/tlb.h"
#include "tcg/wasm/jit.h"

uint64_t jit_load_slow(void *env, uint64_t vaddr, uint64_t memop_mmu, uint64_t fault_pc,
                       uint64_t unused)
{
    (void)unused;
    uint64_t v = 0;
    if (tlb_load_slow(env, vaddr, (unsigned)(memop_mmu & 0xff),
                      (unsigned)((memop_mmu >> 8) & 0xff), fault_pc, &v)) {
        return 0; /* excp_index is set: the caller leaves the block */
    }
    return v;
}

uint64_t jit_store_slow(void *env, uint64_t vaddr, uint64_t value, uint64_t memop_mmu,
                        uint64_t fault_pc)
{
    tlb_store_slow(env, vaddr, value, (unsigned)(memop_mmu & 0xff),
                   (unsigned)((memop_mmu >> 8) & 0xff), fault_pc);
    return 0;
}
