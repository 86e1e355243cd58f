/*
 * core/riscv/cpu.h — RV64 hart state.
 */
#ifndef CORE_RISCV_CPU_H
#define CORE_RISCV_CPU_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/cpu.h"
#include "core/device.h"
#include "core/timer.h"

/* Privilege levels */
enum { PRV_U = 0, PRV_S = 1, PRV_M = 3 };

/* Exception causes (mcause with interrupt bit clear), privileged spec table 3.6 */
enum {
    EXCP_INSN_MISALIGNED = 0,
    EXCP_INSN_ACCESS = 1,
    EXCP_ILLEGAL_INSN = 2,
    EXCP_BREAKPOINT = 3,
    EXCP_LOAD_MISALIGNED = 4,
    EXCP_LOAD_ACCESS = 5,
    EXCP_STORE_MISALIGNED = 6, /* store/AMO */
    EXCP_STORE_ACCESS = 7,
    EXCP_ECALL_U = 8,
    EXCP_ECALL_S = 9,
    EXCP_ECALL_M = 11,
    EXCP_INSN_PAGE_FAULT = 12,
    EXCP_LOAD_PAGE_FAULT = 13,
    EXCP_STORE_PAGE_FAULT = 15,
};

/* mstatus bits */
#define MSTATUS_SIE (1ull << 1)
#define MSTATUS_MIE (1ull << 3)
#define MSTATUS_SPIE (1ull << 5)
#define MSTATUS_UBE (1ull << 6)
#define MSTATUS_MPIE (1ull << 7)
#define MSTATUS_SPP (1ull << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3ull << 11)
#define MSTATUS_FS_SHIFT 13
#define MSTATUS_FS (3ull << 13)
#define MSTATUS_MPRV (1ull << 17)
#define MSTATUS_SUM (1ull << 18)
#define MSTATUS_MXR (1ull << 19)
#define MSTATUS_TVM (1ull << 20)
#define MSTATUS_TW (1ull << 21)
#define MSTATUS_TSR (1ull << 22)
#define MSTATUS_UXL (3ull << 32)
#define MSTATUS_SXL (3ull << 34)
#define MSTATUS_SD (1ull << 63)

/* fflags bits */
#define FFLAG_NX 1  /* inexact */
#define FFLAG_UF 2  /* underflow */
#define FFLAG_OF 4  /* overflow */
#define FFLAG_DZ 8  /* divide by zero */
#define FFLAG_NV 16 /* invalid */

/* rounding modes (frm / instruction rm field) */
enum { RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7 };

typedef struct RiscvCPU {
    CPUState common; /* must be first: env == &cpu->common */

    uint64_t gpr[32]; /* x0 is kept 0: translated code never writes it */
    uint64_t fpr[32]; /* raw bits; single values are NaN-boxed (upper 32 bits all ones) */
    uint32_t fflags;  /* accrued exceptions (fcsr[4:0]) */
    uint32_t frm;     /* dynamic rounding mode (fcsr[7:5]) */

    uint64_t load_res;  /* LR reservation address, -1 when none */
    uint64_t load_val;  /* value loaded by LR (SC succeeds only if memory still holds it) */

    int priv;           /* current privilege level */
    uint64_t misa;
    uint64_t mstatus;
    uint64_t mtvec, mepc, mcause, mtval, mscratch;
    uint64_t medeleg, mideleg;
    uint64_t mie, mip;
    uint64_t mcounteren, mcountinhibit;
    uint64_t stvec, sepc, scause, stval, sscratch, satp, scounteren;
    uint64_t menvcfg, senvcfg;
    uint64_t stimecmp;        /* Sstc: S-mode timer compare (STIP while time >= it) */
    uint64_t mhartid;
    uint64_t mcycle_offset;   /* mcycle = insn_count + offset (we count 1 cycle/insn) */
    uint64_t minstret_offset;
    uint64_t pmpcfg[2];
    uint64_t pmpaddr[16];

    Device dev;               /* "cpu<hartid>" in the machine's device list */
    Timer stimer;             /* Sstc: fires when time reaches stimecmp */
    pthread_mutex_t stimer_lock; /* serialises riscv_update_stimer (hart and I/O thread) */
} RiscvCPU;

static inline RiscvCPU *riscv_cpu(CPUState *cs)
{
    return (RiscvCPU *)cs;
}

/*
 * TB flags (part of the TB lookup key): everything the translator bakes into code.
 *   bits 0-1: privilege level
 *   bits 2-3: mstatus.FS (0 = off: FP instructions are illegal)
 */
#define TB_FLAG_PRIV_MASK 3u
#define TB_FLAG_FS_SHIFT 2
#define TB_FLAG_FS_MASK (3u << TB_FLAG_FS_SHIFT)

extern const CPUArchOps riscv_arch_ops;

/* A hart, added to the machine's device list (which destroys it). */
RiscvCPU *riscv_cpu_create(struct Machine *m, int hartid);

/* Interrupt inputs (CPUArchOps.set_irq, core/irq.h): the mip bit numbers. */
enum { RISCV_IRQ_MSIP = 3, RISCV_IRQ_STIP = 5, RISCV_IRQ_MTIP = 7, RISCV_IRQ_SEIP = 9,
       RISCV_IRQ_MEIP = 11 };

/* Set or clear interrupt-pending bits in mip (any thread) and make the hart re-check its
 * interrupts.  Devices reach it through interrupt lines (cpu_irq_line). */
void riscv_cpu_set_mip(RiscvCPU *cpu, uint64_t mask, int level);

/* Current mtime (the machine's timer), for the time CSR. */
uint64_t riscv_read_mtime(RiscvCPU *cpu);

#define MENVCFG_STCE (1ull << 63) /* Sstc enabled: STIP follows stimecmp */

/* Sstc: re-evaluate STIP against stimecmp at time `now` and arm the hart's timer for the
 * crossing (no effect unless STCE). */
void riscv_update_stimer(RiscvCPU *cpu, uint64_t now);

/* Mark FP state dirty (mstatus.FS = Dirty, SD = 1): after any write to f-regs/fcsr. */
static inline void riscv_set_fs_dirty(RiscvCPU *cpu)
{
    cpu->mstatus |= MSTATUS_FS | MSTATUS_SD;
}

/* Register the RISC-V translator's globals and translate (core/riscv/translate.c). */
void riscv_translate(CPUState *cs, void *irblock, const TBKey *key, uint32_t max_insns,
                     uint32_t *guest_size, uint32_t *insn_count);

#endif
