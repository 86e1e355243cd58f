/*
 * core/cpu.h — the target-independent part of a vCPU.
 *
 * Every guest CPU struct (RiscvCPU, ...) begins with a CPUState, so the same pointer is
 * the "env" that translated code, helpers and the interpreter receive.  Nothing here is
 * shared between vCPUs: a second vCPU has its own TLB, jump cache and temp frame.
 */
#ifndef CORE_CPU_H
#define CORE_CPU_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/tlb.h"

struct Machine;
struct TranslationBlock;
struct CPUState;

/* Why execution of a TB (or of the exec loop) stopped. */
typedef enum ExecExit {
    EXEC_EXIT_CHAIN0 = 0,   /* goto_tb slot 0: pc holds a static successor */
    EXEC_EXIT_CHAIN1 = 1,   /* goto_tb slot 1 */
    EXEC_EXIT_LOOKUP = 2,   /* exit_tb: pc holds a dynamic successor */
    EXEC_EXIT_EXCEPTION = 3,/* a guest exception is pending (cpu->excp_*) */
} ExecExit;

/* Bits of CPUState.exit_request (set by other threads / devices, read at TB entry). */
enum {
    CPU_EXIT_INTERRUPT = 1, /* re-check pending interrupts */
    CPU_EXIT_STOP = 2,      /* machine is shutting down / resetting */
    CPU_EXIT_TLB_FLUSH = 4, /* flush the TLB at the next safe point */
    CPU_EXIT_TB_FLUSH = 8,  /* drop all translated code at the next safe point */
    CPU_EXIT_HALT = 16,     /* the vCPU halted (WFI): leave compiled code */
    CPU_EXIT_CODE = 32,     /* code that may be running was invalidated: leave it */
    CPU_EXIT_PARK = 64,     /* an exclusive section waits for this vCPU (core/vcpu.h) */
};

/* An engine-internal pending "exception" (never delivered to the guest): the instruction
 * that raised it wrote into the code of the TB that is running.  The exec loop restores
 * the state to that instruction and runs it alone in a one-instruction TB, so that the
 * instructions after it are translated again from the new bytes (core/tb.h). */
#define CPU_EXCP_CODE_CHANGED 0x40000000

/* What a TB is looked up by (QEMU's cpu_get_tb_cpu_state): the pc, the arch's code segment
 * base (x86; 0 for guests without one) and the arch's TB flags (privilege, modes...).
 * CPUState.pc holds `pc` while a TB runs (for x86 that is the linear address, cs_base +
 * eip).  A TB that ends with goto_tb must not change cs_base or flags: chained TBs are
 * looked up with the key of the TB they come from and the new pc. */
typedef struct TBKey {
    uint64_t pc, cs_base, flags;
} TBKey;

/* Operations that each guest architecture provides to the generic engine. */
typedef struct CPUArchOps {
    const char *name;
    /* Translate one TB of at most max_insns guest instructions starting at key->pc
     * (usually through translator_loop, core/translator.h) into IR.  The IrBlock's
     * per-instruction restore data (tcg/ir.h) is filled as it goes.  guest_size and
     * insn_count are 0 when the first instruction could not be fetched (its fault is
     * pending in cpu->excp_index). */
    void (*translate)(struct CPUState *cpu, void *irblock, const TBKey *key,
                      uint32_t max_insns, uint32_t *guest_size, uint32_t *insn_count);
    /* The current TB key (see TBKey).  Called on every exit_tb (the exec loop's hottest
     * path): keep it to a few loads. */
    void (*tb_key)(struct CPUState *cpu, TBKey *key);
    /* A TB left in the middle (a helper or a memory access raised, or CPU_EXCP_CODE_CHANGED):
     * put back the state the faulting instruction started with, from the restore data its
     * translation recorded: data[0] is its pc, data[1..IR_INSN_WORDS-1] the arch's words
     * (ir_insn_set_data).  Runs before the exception is delivered. */
    void (*restore_state)(struct CPUState *cpu, const struct TranslationBlock *tb,
                          const uint64_t *data);
    /* How many arch words (0..2) restore_state needs: the TB keeps only those. */
    unsigned restore_words;
    /* MMU index for data accesses or instruction fetch in the current mode. */
    unsigned (*mmu_index)(struct CPUState *cpu, bool fetch);
    /* Map a virtual address for an access; fill the TLB on success.  On failure raise
     * the arch's fault (cpu_raise) and return false.  access: 0 read, 1 write, 2 fetch. */
    bool (*tlb_fill)(struct CPUState *cpu, uint64_t vaddr, int access, int mmu_idx);
    /* Raise the misaligned-access fault for vaddr (access as above). */
    void (*raise_misaligned)(struct CPUState *cpu, uint64_t vaddr, int access);
    /* Deliver the pending exception (cpu->excp_*) into the guest's trap state. */
    void (*do_exception)(struct CPUState *cpu);
    /* If an interrupt is pending and enabled, take it; return true if taken. */
    bool (*check_interrupts)(struct CPUState *cpu);
    /* Is the vCPU halted (WFI) with nothing to wake it? */
    bool (*is_halted)(struct CPUState *cpu);
    void (*reset)(struct CPUState *cpu);
    /* Drive interrupt input n (arch numbering) to level (core/irq.h: cpu_irq_line); may be
     * called from any thread. */
    void (*set_irq)(struct CPUState *cpu, int n, int level);
    /* Optional: the machine's timebase moved (machine_timebase_changed): re-arm the
     * timers the CPU derives from it.  Called with the device lock held. */
    void (*timebase_changed)(struct CPUState *cpu);
    /* Size of the arch CPU struct (which begins with a CPUState), and optionally a name
     * for the field at a byte offset in it (e.g. "x10"; false if none): jit-check. */
    size_t state_size;
    bool (*state_field_name)(size_t offset, char *buf, size_t len);
    /* Bytes of that struct that devices change (interrupt-pending bits): jit-check keeps
     * what they became during the interpreter's run (when the devices really ran). */
    size_t irq_state_offset, irq_state_size;
} CPUArchOps;

#define CPU_JMP_CACHE_BITS 12
#define CPU_FRAME_SLOTS 1024 /* interpreter temp frame (>= IR_MAX_TEMPS) */

typedef struct CPUState {
    /* --- hot fields used by translated code --- */
    uint64_t pc;                /* guest pc (a global in every front end) */
    volatile uint32_t exit_request; /* CPU_EXIT_* bits; nonzero stops at the next TB */
    int32_t excp_index;         /* pending exception: arch cause code, -1 = none */
    uint64_t excp_tval;         /* arch-specific fault value (bad address, insn bits) */
    int32_t tb_budget;          /* TBs left before the exec loop looks at timers again
                                   (JIT regions count their internal transfers here) */
    uint32_t excp_insn;         /* set with an EXEC_EXIT_EXCEPTION exit: the index in its TB
                                   of the instruction that raised (restore data) */
    CPUTlb tlb;

    /* --- engine bookkeeping --- */
    const CPUArchOps *arch;
    struct Machine *machine;
    int index;                  /* vCPU number (hart id) */
    bool halted;
    uint64_t insn_count;        /* retired instructions, updated per TB */
    struct TranslationBlock *jmp_cache[1 << CPU_JMP_CACHE_BITS]; /* by virtual pc */
    struct TranslationBlock *running_tb; /* the TB (or the entry of the JIT region) being
                                            run, or last run (self-modifying code) */
    uint32_t cflags_next;       /* TB_CF_* for the next TB the exec loop looks up */
    TBKey lookup_key;           /* the exec loop's scratch key for tb_key: here rather than
                                   on the stack, which in Wasm is a frame in linear memory
                                   set up on every lookup */
    void *irblock;              /* this vCPU's IR build buffer (IrBlock) */
    struct JitCheck *jit_check; /* -accel tcg,jit-check=on (core/jit_check.h), else NULL */
    struct JitThreadTable *jit_table; /* compiled regions installed in this vCPU's thread
                                         (core/jit_thread.h; shared in single mode) */
    /* --- threads (core/vcpu.h) --- */
    int sleeping;               /* in vcpu_sleep (under VcpuSync.lock) */
    pthread_cond_t wake;        /* vcpu_kick signals a sleeping vCPU */
    uint64_t frame[CPU_FRAME_SLOTS] __attribute__((aligned(16))); /* interpreter temps */
} CPUState;

/* Record a guest exception to be delivered at the end of the current TB/helper. */
static inline void cpu_raise(CPUState *cpu, int cause, uint64_t tval)
{
    cpu->excp_index = cause;
    cpu->excp_tval = tval;
}

/* Ask the vCPU to leave generated code at the next TB boundary (any thread); wakes it if
 * it sleeps. */
void cpu_exit_request(CPUState *cpu, uint32_t bits);
/* Halt the vCPU until an interrupt (WFI, HLT): from a helper, at the end of its TB. */
void cpu_halt(CPUState *cpu);

typedef enum CPUExecResult {
    CPU_EXEC_STOPPED, /* the machine is stopping (exit_request had CPU_EXIT_STOP) */
    CPU_EXEC_HALTED,  /* waiting for an interrupt (only without sleep_when_halted) */
    CPU_EXEC_BUDGET,  /* ran about max_tbs translation blocks */
} CPUExecResult;

/* Run the vCPU: until the machine stops, or for about max_tbs TBs.  A halted vCPU
 * (WFI) sleeps until its next event if sleep_when_halted, else returns HALTED (how one
 * thread runs several vCPUs in turn). */
CPUExecResult cpu_exec(CPUState *cpu, uint64_t max_tbs, bool sleep_when_halted);

void cpu_common_init(CPUState *cpu, const CPUArchOps *arch, struct Machine *m, int index);
void cpu_common_destroy(CPUState *cpu);

#endif
