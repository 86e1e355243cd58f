/*
 * core/arm/cpu.h — an AArch64 processing element (ARMv8-A, A64 only).
 *
 * What the state holds and why it is laid out so:
 *   - x[0..30] are the general registers; x[31] is the stack pointer *in use* (SP_EL0 or
 *     SP_ELx, per PSTATE.SPSel), so that translated code reads SP as one global.  The
 *     other stack pointers are banked in sp_el[] and swapped by arm_set_sp_sel whenever
 *     the EL or SPSel changes (exception entry, ERET, MSR SPSel).  XZR is never stored:
 *     the front end reads register 31 as 0 where the encoding means XZR.
 *   - NZCV is kept the way translated code computes it cheaply (QEMU's idea): nf holds a
 *     value whose bit 63 is N, zf a value that is zero iff Z, cf is 0 or 1, vf a value
 *     whose bit 63 is V.  arm_nzcv() / arm_set_nzcv() convert.
 *   - v[32] are the 128-bit SIMD&FP registers, each two little-endian 64-bit halves
 *     (d[n] = v[n][0]); byte i of the register is byte i of v[n] on a little-endian host.
 *   - pstate holds the PSTATE bits that are not NZCV, EL or SPSel (DAIF, PAN, SS, IL),
 *     at their SPSR positions.
 *
 * Exceptions are raised with cpu_raise(cs, ARM_EXCP_SYNC, far) after setting the syndrome
 * (arm_raise*, core/arm/helper.h); arm_do_exception delivers them to EL1 (EL2 when it
 * exists, later: raspi3).  Interrupt inputs (CPUArchOps.set_irq): ARM_IRQ_*.
 */
#ifndef CORE_ARM_CPU_H
#define CORE_ARM_CPU_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/cpu.h"
#include "core/device.h"
#include "core/fpu/softfloat.h"
#include "core/irq.h"
#include "core/timer.h"

/* The engine-level exception kind (CPUState.excp_index) of every guest exception A64
 * raises: the architectural syndrome (ESR) is in ArmCPU.excp_syndrome, the fault address
 * (FAR) in CPUState.excp_tval.  Interrupts are taken in check_interrupts, not raised. */
enum { ARM_EXCP_SYNC = 1 };

/* Exception classes (ESR_ELx.EC), ARM ARM D17.2.37. */
enum {
    EC_UNCATEGORIZED = 0x00,
    EC_WFX = 0x01,
    EC_FP_ACCESS = 0x07,
    EC_ILLEGAL_STATE = 0x0e,
    EC_SVC64 = 0x15,
    EC_HVC64 = 0x16,
    EC_SMC64 = 0x17,
    EC_SYSTEMREGISTER = 0x18,
    EC_INSN_ABORT_LOWER = 0x20,
    EC_INSN_ABORT_SAME = 0x21,
    EC_PC_ALIGN = 0x22,
    EC_DATA_ABORT_LOWER = 0x24,
    EC_DATA_ABORT_SAME = 0x25,
    EC_SP_ALIGN = 0x26,
    EC_FP_EXC64 = 0x2c,
    EC_SERROR = 0x2f,
    EC_BRK64 = 0x3c,
};

#define ESR_IL (1u << 25) /* a 32-bit instruction (always, for A64) */

/* Fault status codes (DFSC/IFSC) of the short list the MMU produces. */
enum {
    FSC_ADDR_SIZE = 0x00,   /* + level */
    FSC_TRANSLATION = 0x04, /* + level */
    FSC_ACCESS_FLAG = 0x08, /* + level */
    FSC_PERMISSION = 0x0c,  /* + level */
    FSC_SYNC_EXTERNAL = 0x10,
    FSC_SYNC_EXTERNAL_WALK = 0x14, /* + level */
    FSC_ALIGNMENT = 0x21,
};

/* PSTATE / SPSR bits (SPSR_ELx layout, AArch64 state). */
#define PSTATE_SP (1u << 0)   /* SPSel */
#define PSTATE_EL_SHIFT 2
#define PSTATE_EL_MASK (3u << 2)
#define PSTATE_nRW (1u << 4)  /* 1 = AArch32: we never run it */
#define PSTATE_F (1u << 6)
#define PSTATE_I (1u << 7)
#define PSTATE_A (1u << 8)
#define PSTATE_D (1u << 9)
#define PSTATE_DAIF (PSTATE_D | PSTATE_A | PSTATE_I | PSTATE_F)
#define PSTATE_IL (1u << 20)
#define PSTATE_SS (1u << 21)
#define PSTATE_PAN (1u << 22)
#define PSTATE_V (1u << 28)
#define PSTATE_C (1u << 29)
#define PSTATE_Z (1u << 30)
#define PSTATE_N (1u << 31)
#define PSTATE_NZCV (0xfu << 28)

/* SCTLR_EL1 bits we act on. */
#define SCTLR_M (1ull << 0)
#define SCTLR_A (1ull << 1)
#define SCTLR_C (1ull << 2)
#define SCTLR_SA (1ull << 3)
#define SCTLR_SA0 (1ull << 4)
#define SCTLR_UMA (1ull << 9)
#define SCTLR_I (1ull << 12)
#define SCTLR_DZE (1ull << 14)
#define SCTLR_UCT (1ull << 15)
#define SCTLR_nTWI (1ull << 16)
#define SCTLR_nTWE (1ull << 18)
#define SCTLR_WXN (1ull << 19)
#define SCTLR_SPAN (1ull << 23)
#define SCTLR_E0E (1ull << 24)
#define SCTLR_EE (1ull << 25)
#define SCTLR_UCI (1ull << 26)

/* Interrupt inputs (set_irq numbers). */
enum { ARM_IRQ_IRQ = 0, ARM_IRQ_FIQ = 1, ARM_IRQ_VIRQ = 2, ARM_IRQ_VFIQ = 3 };

/* MMU indexes of the software TLB. */
enum {
    ARM_MMU_EL0 = 0,     /* EL0, and LDTR/STTR at EL1 */
    ARM_MMU_EL1 = 1,
    ARM_MMU_EL1_PAN = 2, /* EL1 with PSTATE.PAN: no access to EL0-accessible data */
    ARM_MMU_EL2 = 3,
};

/* The features a CPU model has.  ID registers are computed from these, so a feature is
 * advertised exactly when the code for it is there. */
typedef struct ArmFeatures {
    bool crc32, aes, pmull, sha1, sha2;
    bool lse;        /* ARMv8.1 atomics */
    bool pan;        /* ARMv8.1 PAN */
    bool rdm;        /* ARMv8.1 SQRDMLAH/SQRDMLSH */
    bool el2;        /* EL2 implemented (raspi3 boots at EL2; virt does not) */
} ArmFeatures;

/* A CPU model's identification (what MRS of the ID registers returns). */
typedef struct ArmCPUModel {
    const char *name;
    uint64_t midr, revidr, ctr, dczid;
    uint64_t id_aa64dfr0, id_aa64mmfr0;
    uint64_t clidr, ccsidr[3];   /* CSSELR 0 (L1D), 1 (L1I), 2 (L2) */
    uint64_t reset_sctlr;
    ArmFeatures features;
} ArmCPUModel;

/* The generic timer of one PE: each of the EL1 physical and virtual timers. */
typedef struct ArmGenericTimer {
    uint64_t cval;
    uint32_t ctl;    /* ENABLE (bit 0), IMASK (1); ISTATUS (2) is computed */
    Timer timer;
    IrqLine out;
    int level;       /* what `out` was driven to */
} ArmGenericTimer;

typedef struct ArmCPU {
    CPUState common; /* must be first: env == &cpu->common */

    uint64_t x[32];  /* x[31]: the SP in use */
    uint64_t nf, zf, cf, vf;
    uint64_t v[32][2] __attribute__((aligned(16)));
    uint32_t fpcr, fpsr;  /* FPSR's cumulative flags live in fp_status.flags too */
    FloatStatus fp_status;     /* rounding, flags, NaN policy from FPCR */
    FloatStatus fp_status_f16; /* FPCR.FZ16 applies to half precision */

    int el;               /* current exception level, 0..2 */
    uint32_t pstate;      /* DAIF, PAN, SS, IL, SPSel (bit 0); not NZCV or EL */
    uint64_t sp_el[3];    /* banked SP_EL0..SP_EL2 (x[31] holds the current one) */

    /* Exclusive monitor: LDXR records the address, size and value loaded; STXR succeeds
     * if memory still holds it (a CAS), so it stays correct across vCPU threads. */
    uint64_t excl_addr;   /* -1: no reservation */
    uint64_t excl_val, excl_val_hi;
    uint32_t excl_size;   /* log2 bytes; pair exclusives: log2 of one element + 4 */

    /* The pending exception's syndrome (set with cpu_raise). */
    uint32_t excp_syndrome;

    /* EL1 system registers. */
    uint64_t sctlr_el1, actlr_el1, cpacr_el1;
    uint64_t ttbr0_el1, ttbr1_el1, tcr_el1, mair_el1, amair_el1;
    uint64_t vbar_el1, esr_el1, far_el1, afsr0_el1, afsr1_el1, par_el1;
    uint64_t elr_el1, spsr_el1;
    uint64_t contextidr_el1, tpidr_el0, tpidrro_el0, tpidr_el1;
    uint64_t cntkctl_el1, csselr_el1, mdscr_el1, oslsr_el1, mdccint_el1;
    uint64_t pmcr_el0, pmuserenr_el0, pmcntenset_el0, pmintenset_el1, pmovsset_el0;
    uint64_t pmselr_el0, pmccfiltr_el0;

    /* Identification: the model, and this PE's MPIDR. */
    const ArmCPUModel *model;
    uint64_t mpidr;

    /* Generic timer: the counter is the machine's timebase (Machine.read_timer, 62.5 MHz
     * on the boards we have), CNTVOFF 0 without EL2. */
    ArmGenericTimer gt[2]; /* [0] physical EL1, [1] virtual; under the device lock */

    /* Interrupt inputs (ARM_IRQ_* bits), written by any thread. */
    uint32_t irq_lines;

    /* Power state: PSCI CPU_OFF / not yet started (the vCPU sleeps until CPU_ON). */
    bool powered_off;
    bool powered_off_at_reset; /* a secondary PE that waits for CPU_ON after reset */
    uint64_t boot_pc;          /* where reset starts it (the board's boot code) */

    /* Board hooks: PSCI over HVC/SMC (returns false if the call is not one, then the
     * instruction is UNDEFINED), semihosting enabled. */
    bool (*psci_call)(struct ArmCPU *cpu, void *opaque);
    void *psci_opaque;
    bool semihosting;

    Device dev;
} ArmCPU;

static inline ArmCPU *arm_cpu(CPUState *cs)
{
    return (ArmCPU *)cs;
}

/*
 * TB flags (part of the TB key): everything translation bakes into the code.
 *   bits 0-1  EL
 *   bit 2     FP/SIMD enabled at this EL (CPACR_EL1.FPEN); else FP insns trap (EC 0x07)
 *   bit 3     TBI for addresses with bit 55 clear (TCR_EL1.TBI0, data and fetch)
 *   bit 4     TBI for addresses with bit 55 set (TCR_EL1.TBI1)
 *   bit 5     PSTATE.PAN (EL1 data accesses use ARM_MMU_EL1_PAN)
 *   bit 6     SCTLR.A: every access must be aligned
 *   bit 7     SCTLR.SA/SA0 for this EL: SP-based accesses check SP alignment
 *   bit 8     PSTATE.IL: every instruction raises an Illegal Execution State exception
 */
#define ARM_TBF_EL_MASK 3u
#define ARM_TBF_FP (1u << 2)
#define ARM_TBF_TBI0 (1u << 3)
#define ARM_TBF_TBI1 (1u << 4)
#define ARM_TBF_PAN (1u << 5)
#define ARM_TBF_ALIGN (1u << 6)
#define ARM_TBF_SA (1u << 7)
#define ARM_TBF_IL (1u << 8)

extern const CPUArchOps arm_arch_ops;

/* CPU models: "cortex-a57" (the default), "cortex-a53", "max". */
const ArmCPUModel *arm_cpu_model_find(const char *name);

/* A PE of the given model, added to the machine's device list (which destroys it).
 * mpidr is its affinity value (the board's numbering); it resets powered off if
 * start_powered_off. */
ArmCPU *arm_cpu_create(struct Machine *m, int index, const ArmCPUModel *model,
                       uint64_t mpidr, bool start_powered_off);

/* PSTATE.NZCV from the lazily kept flags, and back. */
uint32_t arm_nzcv(const ArmCPU *cpu);
void arm_set_nzcv(ArmCPU *cpu, uint32_t nzcv);

/* The full PSTATE as SPSR would record it. */
uint32_t arm_pstate_read(const ArmCPU *cpu);
/* Change EL and/or SPSel: the SP in use is banked and the new one loaded into x[31]. */
void arm_set_el_sp(ArmCPU *cpu, int el, bool sp_elx);

/* FPCR was written: rebuild the soft-float status (rounding, NaN policy, flush modes). */
void arm_fpcr_changed(ArmCPU *cpu);
/* FPSR as MRS reads it (cumulative flags from the soft-float status). */
uint32_t arm_fpsr_read(ArmCPU *cpu);
void arm_fpsr_write(ArmCPU *cpu, uint32_t v);

/* Power control for PSCI (the board's): start a powered-off PE at entry in EL1 with x0 =
 * context_id; stop the calling PE. */
void arm_cpu_power_on(ArmCPU *cpu, uint64_t entry, uint64_t context_id, int el);
void arm_cpu_power_off(ArmCPU *cpu);

/* Generic timer: the counter value now (CNTPCT), and re-evaluating a timer's output. */
uint64_t arm_counter(ArmCPU *cpu);
void arm_gt_update(ArmCPU *cpu, int which);

/* Translate a TB (core/arm/translate.c). */
void arm_translate(CPUState *cs, void *irblock, const TBKey *key, uint32_t max_insns,
                   uint32_t *guest_size, uint32_t *insn_count);

#endif
