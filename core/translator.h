/*
 * core/translator.h — the guest-independent part of translating one TB: the loop over the
 * guest instructions (QEMU's translator_loop).
 *
 * The loop starts each instruction (ir_insn_start: its restore data, tcg/ir.h), asks the
 * front end to translate it, and ends the TB when the front end says so, at the
 * instruction limit, when the IR is nearly full or when the next instruction starts on
 * another page (a TB's code starts on one page; only its last instruction may cross into
 * the next).  A fetch fault on a later instruction, or an instruction whose IR did not
 * fit, is rolled back: the TB ends before it (the fault is raised again when execution
 * gets there).  A fetch fault on the first instruction is left pending for the caller.
 *
 * Front ends fetch instruction bytes with translator_fetch, which keeps the host pointer
 * of each of the (at most two) pages of the TB.
 */
#ifndef CORE_TRANSLATOR_H
#define CORE_TRANSLATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cpu.h"
#include "tcg/ir.h"

/* What ended (or did not end) the TB after an instruction. */
typedef enum DisasJump {
    DISAS_NEXT,     /* go on with the next instruction */
    DISAS_TOO_MANY, /* a limit was reached: tb_stop emits the jump to pc_next */
    DISAS_NORETURN, /* the instruction ended the TB itself (a branch, a trap...) */
} DisasJump;

struct TranslatorOps;

/* The loop's state; a front end's context embeds it as its first member. */
typedef struct DisasBase {
    const struct TranslatorOps *ops;
    CPUState *cpu;
    IrBlock *b;
    TBKey key;          /* key.pc: the first instruction's pc */
    uint64_t pc_next;   /* where the next instruction starts: the front end advances it */
    uint32_t num_insns; /* instructions translated so far (the current one's index) */
    uint32_t max_insns;
    DisasJump is_jmp;
    bool fetch_failed;  /* a translator_fetch of the current instruction raised */
    /* the TB's pages: virtual page and host pointer of its RAM (NULL: not fetched yet) */
    uint64_t page_vaddr[2];
    uint8_t *page_host[2];
} DisasBase;

typedef struct TranslatorOps {
    /* Set up the front end's context (globals, modes from key.flags).  No IR yet. */
    void (*init_disas_context)(DisasBase *db, CPUState *cpu);
    /* Optional: emit IR at the start of the TB (after the IrBlock was reset). */
    void (*tb_start)(DisasBase *db, CPUState *cpu);
    /* Translate the instruction at db->pc_next: fetch it (translator_fetch; on failure just
     * return), emit its IR, advance pc_next past it, and set is_jmp to DISAS_NORETURN if it
     * ended the TB.  It may set its restore words with ir_insn_set_data. */
    void (*translate_insn)(DisasBase *db, CPUState *cpu);
    /* End the TB if is_jmp is DISAS_TOO_MANY (a jump to pc_next). */
    void (*tb_stop)(DisasBase *db, CPUState *cpu);
    /* Raise the arch's fault for fetching from vaddr, which is not RAM (device memory). */
    void (*fetch_not_ram)(DisasBase *db, CPUState *cpu, uint64_t vaddr);
} TranslatorOps;

/* Translate the TB for key into b, at most max_insns instructions.  Returns the guest
 * bytes and instructions translated (both 0: the first fetch raised, cpu->excp_index). */
void translator_loop(const TranslatorOps *ops, DisasBase *db, CPUState *cpu, IrBlock *b,
                     const TBKey *key, uint32_t max_insns, uint32_t *guest_size,
                     uint32_t *insn_count);

/* Copy len instruction bytes at vaddr (which may cross into the TB's second page) to
 * out.  False after raising the fetch fault (db->fetch_failed is then set). */
bool translator_fetch(DisasBase *db, uint64_t vaddr, void *out, unsigned len);

#endif
