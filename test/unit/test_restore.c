/*
 * test/unit/test_restore.c — restore data: a fault in the middle of a TB reports the
 * instruction that raised (CPUState.excp_insn, from the IR_INSN_START markers), and the
 * TB's compact restore table gives back exactly what the translator recorded for it
 * (core/tb.c), for a memory access and for a helper that raise, after optimization.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/tb.h"
#include "core/tlb.h"
#include "tcg/interp.h"
#include "tcg/ir.h"
#include "test/unit/test.h"

typedef struct TestCPU {
    CPUState cs; /* must be first */
    uint64_t r[4];
    uint64_t restored[IR_INSN_WORDS];
    int restores;
} TestCPU;

#define OFF_R(i) ((uint32_t)(offsetof(TestCPU, r) + 8 * (i)))

static bool no_memory(CPUState *cs, uint64_t vaddr, int access, int mmu_idx)
{
    (void)access, (void)mmu_idx;
    cpu_raise(cs, 13, vaddr); /* every page faults */
    return false;
}

static void record_restore(CPUState *cs, const TranslationBlock *tb, const uint64_t *data)
{
    (void)tb;
    TestCPU *cpu = (TestCPU *)cs;
    memcpy(cpu->restored, data, sizeof(cpu->restored));
    cpu->restores++;
    cs->pc = data[0];
}

static const CPUArchOps test_arch = {
    .name = "test",
    .tlb_fill = no_memory,
    .restore_state = record_restore,
    .restore_words = 2,
};

static uint64_t helper_raise_if_set(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    if (a) {
        cpu_raise(env, 2, a);
    }
    return a + 1;
}
static const IrHelper h_raise = { helper_raise_if_set, "raise_if_set", IR_CALL_MAY_RAISE };

static TestCPU *new_cpu(void)
{
    TestCPU *cpu = calloc(1, sizeof(TestCPU));
    cpu->cs.excp_index = -1;
    cpu->cs.arch = &test_arch;
    for (int m = 0; m < TLB_MMU_MODES; m++) {
        for (int i = 0; i < TLB_ENTRIES; i++) {
            TlbEntry *e = &cpu->cs.tlb.e[m][i];
            e->addr_read = e->addr_write = e->addr_code = UINT64_MAX;
        }
    }
    return cpu;
}

/* Four guest instructions at 0x4000, 0x4004, 0x4006, 0x400a with arch words that go up
 * and down (signed deltas); the third loads through r[0] (faults unless r[0] is 0: then it
 * is skipped), the fourth calls a helper that raises if r[1] is nonzero. */
static IrBlock *build(IrTemp *r)
{
    IrBlock *b = calloc(1, sizeof(IrBlock));
    ir_block_reset(b, 0x4000);
    ir_global(b, IR_I64, (uint32_t)offsetof(CPUState, pc), "pc");
    for (int i = 0; i < 4; i++) {
        r[i] = ir_global(b, IR_I64, OFF_R(i), "r");
    }
    ir_block_reset(b, 0x4000);
    static const uint64_t pcoff[4] = { 0, 4, 6, 10 };
    static const uint64_t w1[4] = { 7, 1000000, 3, 0x8000000000000000ull };
    static const uint64_t w2[4] = { (uint64_t)-1, 0, 42, 41 };
    for (int i = 0; i < 4; i++) {
        ir_insn_start(b, pcoff[i]);
        ir_insn_set_data(b, 1, w1[i]);
        ir_insn_set_data(b, 2, w2[i]);
        switch (i) {
        case 0:
            ir_binopi(b, IR_ADD, IR_I64, r[2], r[2], 1);
            break;
        case 1:
            ir_binopi(b, IR_ADD, IR_I64, r[3], r[2], 5); /* dead: overwritten below */
            break;
        case 2: {
            IrLabel skip = ir_label_new(b);
            ir_brcondi(b, IR_I64, IR_COND_EQ, r[0], 0, skip);
            ir_qemu_ld(b, IR_I64, r[3], r[0], IR_MO_64, 0, (uint32_t)pcoff[i]);
            ir_label(b, skip);
            break;
        }
        default:
            ir_movi(b, IR_I64, r[3], 9);
            ir_call(b, &h_raise, IR_I64, r[2], r[1], IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
            break;
        }
    }
    ir_exit_tb(b);
    return b;
}

static void run_case(uint64_t r0, uint64_t r1, uint32_t want_insn, int want_excp,
                     uint64_t want_pc, uint64_t want_w1, uint64_t want_w2)
{
    IrTemp r[4];
    IrBlock *b = build(r);
    CHECK_EQ_U64(b->ninsns, 4);
    ir_optimize(b);
    InterpCode *code = interp_compile(b);
    CHECK(code != NULL);
    TranslationBlock tb;
    memset(&tb, 0, sizeof(tb));
    tb.pc = b->pc;
    tb.icount = 4;
    tb.restore = tb_encode_restore(b, test_arch.restore_words);
    CHECK(tb.restore != NULL);

    TestCPU *cpu = new_cpu();
    cpu->r[0] = r0;
    cpu->r[1] = r1;
    cpu->cs.excp_insn = 99;
    CHECK_EQ_U64(interp_exec(&cpu->cs, code, tb.pc), EXEC_EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->cs.excp_index, want_excp);
    CHECK_EQ_U64(cpu->cs.excp_insn, want_insn);
    CHECK_EQ_U64(cpu->r[2], 1); /* instruction 0 ran, the helper's output was not written */
    tb_restore_state(&cpu->cs, &tb, cpu->cs.excp_insn);
    CHECK_EQ_U64(cpu->restores, 1);
    CHECK_EQ_U64(cpu->restored[0], want_pc);
    CHECK_EQ_U64(cpu->cs.pc, want_pc);
    CHECK_EQ_U64(cpu->restored[1], want_w1);
    CHECK_EQ_U64(cpu->restored[2], want_w2);

    free(tb.restore);
    interp_free(code);
    free(cpu);
    free(b);
}

TEST(memory_fault_restores_its_instruction)
{
    run_case(0x9000, 0, 2, 13, 0x4006, 3, 42);
}

TEST(helper_fault_restores_its_instruction)
{
    run_case(0, 5, 3, 2, 0x400a, 0x8000000000000000ull, 41);
}

/* Fewer arch words kept: the pc still decodes (riscv keeps none). */
TEST(pc_only_table)
{
    IrTemp r[4];
    IrBlock *b = build(r);
    TranslationBlock tb;
    memset(&tb, 0, sizeof(tb));
    tb.pc = b->pc;
    tb.icount = 4;
    tb.restore = tb_encode_restore(b, 0);
    CHECK(tb.restore != NULL);
    static const CPUArchOps pc_only = { .name = "pc", .restore_state = record_restore };
    TestCPU *cpu = new_cpu();
    cpu->cs.arch = &pc_only;
    for (uint32_t i = 0; i < 4; i++) {
        tb_restore_state(&cpu->cs, &tb, i);
        static const uint64_t pcs[4] = { 0x4000, 0x4004, 0x4006, 0x400a };
        CHECK_EQ_U64(cpu->cs.pc, pcs[i]);
        CHECK_EQ_U64(cpu->restored[1], 0);
    }
    free(tb.restore);
    free(cpu);
    free(b);
}

/* The markers survive the optimizer and cost no bytecode: the same block without them
 * compiles to the same number of bytecode words. */
TEST(markers_emit_no_code)
{
    IrTemp r[4];
    IrBlock *b = build(r);
    ir_optimize(b);
    int markers = 0;
    for (int i = 0; i < b->nops; i++) {
        markers += b->ops[i].opc == IR_INSN_START;
    }
    CHECK_EQ_U64(markers, 4);
    InterpCode *with = interp_compile(b);
    for (int i = 0; i < b->nops; i++) {
        if (b->ops[i].opc == IR_INSN_START) {
            b->ops[i].opc = IR_NOP;
        }
    }
    InterpCode *without = interp_compile(b);
    CHECK_EQ_U64(interp_code_size(with), interp_code_size(without));
    interp_free(with);
    interp_free(without);
    free(b);
}

int main(void)
{
    RUN(memory_fault_restores_its_instruction);
    RUN(helper_fault_restores_its_instruction);
    RUN(pc_only_table);
    RUN(markers_emit_no_code);
    return test_summary();
}
