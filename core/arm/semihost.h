/*
 * core/arm/semihost.h — Arm semihosting (the "Semihosting for AArch32 and AArch64"
 * specification), as qemu-system-aarch64 -semihosting provides it for bare-metal tests:
 * HLT #0xf000 with the operation in w0 and its parameter (block) address in x1; the
 * result goes to x0.
 */
#ifndef CORE_ARM_SEMIHOST_H
#define CORE_ARM_SEMIHOST_H

#include "core/arm/cpu.h"

/* Perform the call the registers describe (called at the HLT, pc at the instruction). */
void arm_semihost_call(ArmCPU *cpu);

#endif
