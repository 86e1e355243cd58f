/*
 * core/arm/psci.h — the Power State Coordination Interface (Arm DEN0022, version 1.1) as
 * firmware would provide it, for boards without EL2/EL3 code (virt: QEMU's PSCI over HVC):
 * PSCI_VERSION, CPU_SUSPEND (standby), CPU_OFF, CPU_ON, AFFINITY_INFO, MIGRATE_INFO_TYPE,
 * SYSTEM_OFF (the machine exits with status 0), SYSTEM_RESET (reset, or exit with
 * -no-reboot), PSCI_FEATURES.  SMC32/HVC32 and SMC64/HVC64 function ids.
 */
#ifndef CORE_ARM_PSCI_H
#define CORE_ARM_PSCI_H

#include <stdbool.h>

#include "core/arm/cpu.h"

/* ArmCPU.psci_call: perform the call x0 names; false if x0 is not a PSCI function (the
 * conduit instruction is then UNDEFINED).  opaque is unused. */
bool arm_psci_call(ArmCPU *cpu, void *opaque);

#endif
