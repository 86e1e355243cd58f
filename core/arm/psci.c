/*
 * core/arm/psci.c — PSCI 1.1 for PEs whose firmware is the emulator (see psci.h).
 */
#include "core/arm/psci.h"

#include "core/machine.h"

enum {
    PSCI_VERSION = 0x84000000,
    PSCI_CPU_SUSPEND = 0x84000001,
    PSCI_CPU_OFF = 0x84000002,
    PSCI_CPU_ON = 0x84000003,
    PSCI_AFFINITY_INFO = 0x84000004,
    PSCI_MIGRATE = 0x84000005,
    PSCI_MIGRATE_INFO_TYPE = 0x84000006,
    PSCI_MIGRATE_INFO_UP_CPU = 0x84000007,
    PSCI_SYSTEM_OFF = 0x84000008,
    PSCI_SYSTEM_RESET = 0x84000009,
    PSCI_FEATURES = 0x8400000a,
    PSCI_64 = 0x40000000, /* the SMC64/HVC64 form of a function id */
};

enum {
    PSCI_SUCCESS = 0,
    PSCI_NOT_SUPPORTED = -1,
    PSCI_INVALID_PARAMETERS = -2,
    PSCI_ALREADY_ON = -4,
};

#define MPIDR_AFF_MASK 0xff00ffffffull

static ArmCPU *cpu_by_mpidr(Machine *m, uint64_t mpidr)
{
    for (int i = 0; i < m->ncpus; i++) {
        ArmCPU *c = arm_cpu(m->cpus[i]);
        if ((c->mpidr & MPIDR_AFF_MASK) == (mpidr & MPIDR_AFF_MASK)) {
            return c;
        }
    }
    return NULL;
}

/* Is fn (with the 64-bit bit cleared) a function we implement, in a form it has? */
static bool psci_implemented(uint32_t fn)
{
    bool is64 = fn & PSCI_64;
    switch (fn & ~(uint32_t)PSCI_64) {
    case PSCI_VERSION: case PSCI_CPU_OFF: case PSCI_MIGRATE_INFO_TYPE: case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
        return !is64;
    case PSCI_CPU_SUSPEND: case PSCI_CPU_ON: case PSCI_AFFINITY_INFO:
        return true;
    default:
        return false;
    }
}

bool arm_psci_call(ArmCPU *cpu, void *opaque)
{
    (void)opaque;
    Machine *m = cpu->common.machine;
    uint32_t fn = (uint32_t)cpu->x[0];
    bool is64 = fn & PSCI_64;
    uint64_t a1 = cpu->x[1], a2 = cpu->x[2], a3 = cpu->x[3];
    if (!is64) {
        a1 &= 0xffffffffu, a2 &= 0xffffffffu, a3 &= 0xffffffffu;
    }
    if ((fn & 0xbfff0000u) != 0x84000000u) {
        return false; /* not a PSCI (standard secure service) call */
    }
    int64_t ret;
    if (!psci_implemented(fn)) {
        ret = PSCI_NOT_SUPPORTED;
    } else {
        switch (fn & ~(uint32_t)PSCI_64) {
        case PSCI_VERSION:
            ret = 0x10001; /* 1.1 */
            break;
        case PSCI_CPU_SUSPEND:
            /* standby and powerdown states alike return here after a wake-up event: the
             * PE waits as for WFI (a powerdown state may return like standby) */
            if (!(__atomic_load_n(&cpu->irq_lines, __ATOMIC_SEQ_CST) & 3u)) {
                cpu_halt(&cpu->common);
            }
            ret = PSCI_SUCCESS;
            break;
        case PSCI_CPU_OFF:
            arm_cpu_power_off(cpu);
            return true; /* does not return to the caller */
        case PSCI_CPU_ON: {
            ArmCPU *t = cpu_by_mpidr(m, a1);
            if (!t) {
                ret = PSCI_INVALID_PARAMETERS;
            } else if (!__atomic_load_n(&t->powered_off, __ATOMIC_ACQUIRE)) {
                ret = PSCI_ALREADY_ON;
            } else {
                arm_cpu_power_on(t, a2, a3, 1);
                ret = PSCI_SUCCESS;
            }
            break;
        }
        case PSCI_AFFINITY_INFO: {
            ArmCPU *t = a2 == 0 ? cpu_by_mpidr(m, a1) : NULL; /* level 0 only */
            ret = !t ? PSCI_INVALID_PARAMETERS
                     : __atomic_load_n(&t->powered_off, __ATOMIC_ACQUIRE) ? 1 : 0;
            break;
        }
        case PSCI_MIGRATE_INFO_TYPE:
            ret = 2; /* no Trusted OS: migration is not needed */
            break;
        case PSCI_SYSTEM_OFF:
            machine_request_shutdown(m, 0);
            ret = PSCI_SUCCESS;
            break;
        case PSCI_SYSTEM_RESET:
            machine_request_reset(m);
            ret = PSCI_SUCCESS;
            break;
        case PSCI_FEATURES:
            ret = psci_implemented((uint32_t)a1) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
            break;
        default:
            ret = PSCI_NOT_SUPPORTED;
            break;
        }
    }
    cpu->x[0] = is64 ? (uint64_t)ret : (uint64_t)(uint32_t)ret;
    return true;
}
