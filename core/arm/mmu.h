/*
 * core/arm/mmu.h — AArch64 stage-1 address translation (VMSAv8-64, the EL1&0 regime) for
 * the software TLB, and the AT instructions.
 */
#ifndef CORE_ARM_MMU_H
#define CORE_ARM_MMU_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arm/cpu.h"

/* The result of a translation: the physical address and rights (TLB prot bits: 1 read,
 * 2 write, 4 exec), the memory attributes byte (MAIR's, 0x00 with the MMU off... as the
 * architecture's defaults say) and shareability; or a fault (fsc != 0xff). */
typedef struct ArmTranslation {
    uint64_t paddr;
    int prot;
    uint8_t attrs;
    uint8_t sh;
    uint8_t fsc;      /* FSC_* + level, or 0xff for success */
} ArmTranslation;

/* Translate vaddr for an access (TLB_ACCESS_*) in the regime of mmu_idx (ARM_MMU_*). */
void arm_translate_address(ArmCPU *cpu, uint64_t vaddr, int access, int mmu_idx,
                           ArmTranslation *out);

/* CPUArchOps.tlb_fill. */
bool arm_tlb_fill(CPUState *cs, uint64_t vaddr, int access, int mmu_idx);

/* PARange of the model in bits (40, 44 ...), for the address size checks. */
int arm_pa_bits(const ArmCPU *cpu);

#endif
