/*
 * core/riscv/mmu.h — RISC-V address translation and the MMU indexes of the software TLB.
 */
#ifndef CORE_RISCV_MMU_H
#define CORE_RISCV_MMU_H

#include <stdbool.h>
#include <stdint.h>

#include "core/riscv/cpu.h"

/* One TLB per kind of access rights: S-mode with mstatus.SUM set sees user pages, so it
 * gets its own index (Linux toggles SUM around every user copy: no flush then). */
enum {
    RISCV_MMU_U = 0,
    RISCV_MMU_S = 1,
    RISCV_MMU_S_SUM = 2,
    RISCV_MMU_M = 3,
};

/* The privilege mode an MMU index translates for (and whether SUM applies). */
int riscv_mmu_mode_of_index(unsigned mmu_idx, bool *sum);
bool riscv_tlb_fill(CPUState *cs, uint64_t vaddr, int access, int mmu_idx);
bool riscv_satp_mode_supported(uint64_t mode);

#endif
