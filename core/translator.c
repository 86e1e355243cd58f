/*
 * core/translator.c — the loop over a TB's guest instructions (see translator.h).
 */
#include "core/translator.h"

#include <string.h>

#include "core/tlb.h"

/* Room an instruction's IR may need at most: past this the TB ends before the next one. */
#define INSN_IR_MARGIN 128

/* The host pointer of the TB page holding vaddr (looked up through the TLB the first
 * time); NULL after raising the fault. */
static uint8_t *fetch_page(DisasBase *db, uint64_t vaddr)
{
    uint64_t page = vaddr & TLB_PAGE_MASK;
    int i = page == (db->key.pc & TLB_PAGE_MASK) ? 0 : 1;
    if (db->page_host[i] && db->page_vaddr[i] == page) {
        return db->page_host[i];
    }
    CPUState *cpu = db->cpu;
    uint64_t paddr;
    uint8_t *host;
    if (!tlb_translate_code(cpu, vaddr, cpu->arch->mmu_index(cpu, true), &paddr, &host)) {
        return NULL;
    }
    if (!host) {
        db->ops->fetch_not_ram(db, cpu, vaddr);
        return NULL;
    }
    db->page_vaddr[i] = page;
    db->page_host[i] = host;
    return host;
}

bool translator_fetch(DisasBase *db, uint64_t vaddr, void *out, unsigned len)
{
    uint8_t *dst = out;
    while (len) {
        uint64_t off = vaddr & ~TLB_PAGE_MASK;
        unsigned n = TLB_PAGE_SIZE - off < len ? (unsigned)(TLB_PAGE_SIZE - off) : len;
        uint8_t *host = fetch_page(db, vaddr);
        if (!host) {
            db->fetch_failed = true;
            return false;
        }
        memcpy(dst, host + off, n);
        dst += n;
        vaddr += n;
        len -= n;
    }
    return true;
}

void translator_loop(const TranslatorOps *ops, DisasBase *db, CPUState *cpu, IrBlock *b,
                     const TBKey *key, uint32_t max_insns, uint32_t *guest_size,
                     uint32_t *insn_count)
{
    db->ops = ops;
    db->cpu = cpu;
    db->b = b;
    db->key = *key;
    db->pc_next = key->pc;
    db->num_insns = 0;
    db->max_insns = max_insns ? max_insns : 1;
    if (db->max_insns > IR_MAX_INSNS) {
        db->max_insns = IR_MAX_INSNS;
    }
    db->is_jmp = DISAS_NEXT;
    db->page_host[0] = db->page_host[1] = NULL;
    ops->init_disas_context(db, cpu);
    ir_block_reset(b, key->pc);
    if (ops->tb_start) {
        ops->tb_start(db, cpu);
    }

    for (;;) {
        int saved_ops = b->nops, saved_temps = b->ntemps, saved_insns = b->ninsns;
        uint64_t insn_pc = db->pc_next;
        db->fetch_failed = false;
        ir_insn_start(b, insn_pc - key->pc);
        ops->translate_insn(db, cpu);
        if (db->fetch_failed || b->overflow) {
            /* drop what the instruction emitted; the TB ends before it */
            b->nops = saved_ops;
            b->ntemps = saved_temps;
            b->ninsns = saved_insns;
            b->overflow = false;
            db->pc_next = insn_pc;
            if (db->num_insns == 0) {
                /* the first instruction: its fetch fault is the caller's (an IR overflow
                 * cannot happen on an empty block) */
                *guest_size = 0;
                *insn_count = 0;
                return;
            }
            /* a later one: run up to it; the fault is raised again when execution gets
             * there (with the state it will have then) */
            cpu->excp_index = -1;
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
        db->num_insns++;
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns || b->nops > IR_MAX_OPS - INSN_IR_MARGIN ||
            b->ntemps > IR_MAX_TEMPS - INSN_IR_MARGIN ||
            (db->pc_next & TLB_PAGE_MASK) != (key->pc & TLB_PAGE_MASK)) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cpu);
    *guest_size = (uint32_t)(db->pc_next - key->pc);
    *insn_count = db->num_insns;
}
