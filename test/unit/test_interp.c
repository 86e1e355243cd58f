/*
 * test/unit/test_interp.c — the IR interpreter: small IR programs on a CPUState, guest
 * memory through a hand-made TLB entry and through the real slow path (core/tlb.c), helper
 * calls and exceptions, and a randomized differential test: random IR run unoptimized
 * and optimized in the interpreter and in a reference evaluator built on ir_eval_op.
 */
#include <stddef.h>
#include <string.h>

#include "core/cpu.h"
#include "core/tlb.h"
#include "tcg/interp.h"
#include "tcg/ir.h"
#include "test/unit/test.h"

#define GUEST_PAGE 0x80001000ull /* the page the test's TLB entry maps */
#define MEM_SIZE 4096

typedef struct TestCPU {
    CPUState cs; /* must be first: env == &cpu->cs */
    uint64_t r[8];
    uint32_t w[4];
    uint64_t field64;
    uint32_t field32;
    uint8_t field8[8];
    /* what the test helpers saw */
    int calls;
    uint64_t args[4];
    int fills;
    int misaligned;
    uint8_t mem[MEM_SIZE] __attribute__((aligned(16))); /* guest page GUEST_PAGE */
} TestCPU;

#define OFF_R(i) ((uint32_t)(offsetof(TestCPU, r) + 8 * (i)))
#define OFF_W(i) ((uint32_t)(offsetof(TestCPU, w) + 4 * (i)))

static void map_test_page(TestCPU *cpu, unsigned mmu_idx)
{
    TlbEntry *e = tlb_entry(&cpu->cs.tlb, mmu_idx, GUEST_PAGE);
    e->addr_read = GUEST_PAGE;
    e->addr_write = GUEST_PAGE;
    e->addr_code = GUEST_PAGE;
    e->addend = (uint64_t)((uintptr_t)cpu->mem - (uintptr_t)GUEST_PAGE);
    e->paddr = GUEST_PAGE;
}

static bool test_tlb_fill(CPUState *cs, uint64_t vaddr, int access, int mmu_idx);
static void test_raise_misaligned(CPUState *cs, uint64_t vaddr, int access);
static const CPUArchOps test_arch = {
    .name = "test",
    .tlb_fill = test_tlb_fill,
    .raise_misaligned = test_raise_misaligned,
};

static TestCPU *new_cpu(void)
{
    TestCPU *cpu = calloc(1, sizeof(TestCPU));
    cpu->cs.excp_index = -1;
    cpu->cs.arch = &test_arch;
    for (int m = 0; m < TLB_MMU_MODES; m++) {
        for (int i = 0; i < TLB_ENTRIES; i++) {
            TlbEntry *e = &cpu->cs.tlb.e[m][i];
            e->addr_read = e->addr_write = e->addr_code = UINT64_MAX; /* invalid */
        }
    }
    map_test_page(cpu, 0);
    return cpu;
}

/* Only the test page exists; it is filled on demand in mmu mode 1. */
static bool test_tlb_fill(CPUState *cs, uint64_t vaddr, int access, int mmu_idx)
{
    TestCPU *cpu = (TestCPU *)cs;
    (void)access;
    cpu->fills++;
    if ((vaddr & TLB_PAGE_MASK) != GUEST_PAGE) {
        cpu_raise(cs, 13, vaddr);
        return false;
    }
    map_test_page(cpu, (unsigned)mmu_idx);
    return true;
}

static void test_raise_misaligned(CPUState *cs, uint64_t vaddr, int access)
{
    ((TestCPU *)cs)->misaligned++;
    cpu_raise(cs, access == TLB_ACCESS_WRITE ? 6 : 4, vaddr);
}

typedef struct Fixture {
    IrBlock *b;
    IrTemp r[8];
    IrTemp w[4];
    IrTemp pc;
} Fixture;

static Fixture setup(void)
{
    Fixture f;
    f.b = calloc(1, sizeof(IrBlock));
    ir_block_reset(f.b, 0x1000);
    static const char *const names[] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
    f.pc = ir_global(f.b, IR_I64, (uint32_t)offsetof(CPUState, pc), "pc");
    for (int i = 0; i < 8; i++) {
        f.r[i] = ir_global(f.b, IR_I64, OFF_R(i), names[i]);
    }
    for (int i = 0; i < 4; i++) {
        f.w[i] = ir_global(f.b, IR_I32, OFF_W(i), names[i]);
    }
    ir_block_reset(f.b, 0x1000);
    return f;
}

static int run(TestCPU *cpu, const IrBlock *b)
{
    InterpCode *code = interp_compile(b);
    CHECK(code != NULL);
    CHECK(interp_code_size(code) > 0);
    int r = interp_exec(&cpu->cs, code, b->pc);
    interp_free(code);
    return r;
}

TEST(arith_and_exits)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I64);
    cpu->r[0] = 10;
    cpu->r[1] = 3;
    ir_binop(b, IR_SUB, IR_I64, t, f.r[0], f.r[1]);      /* 7 */
    ir_binopi(b, IR_MUL, IR_I64, t, t, 6);               /* 42 */
    ir_binopi(b, IR_SUB, IR_I64, f.r[2], t, 50);         /* -8 */
    ir_binopi(b, IR_SAR, IR_I64, f.r[3], f.r[2], 1);     /* -4 */
    ir_binopi(b, IR_SHR, IR_I64, f.r[4], f.r[2], 60);    /* 0xf */
    ir_binopi(b, IR_ROTR, IR_I64, f.r[5], f.r[1], 1);    /* 0x8000000000000001 */
    ir_binop(b, IR_DIV, IR_I64, f.r[6], t, f.r[7]);      /* r7 == 0: 0 (tcg/ir.h) */
    ir_movi(b, IR_I64, f.pc, 0x2000);
    ir_goto_tb(b, 1);
    ir_movi(b, IR_I64, f.r[0], 99); /* after the exit: never runs */
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_CHAIN1);
    CHECK_EQ_U64(cpu->r[2], (uint64_t)-8);
    CHECK_EQ_U64(cpu->r[3], (uint64_t)-4);
    CHECK_EQ_U64(cpu->r[4], 0xf);
    CHECK_EQ_U64(cpu->r[5], 0x8000000000000001ull);
    CHECK_EQ_U64(cpu->r[6], 0);
    CHECK_EQ_U64(cpu->r[0], 10);
    CHECK_EQ_U64(cpu->cs.pc, 0x2000);

    ir_block_reset(b, 0);
    ir_goto_tb(b, 0);
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_CHAIN0);
    ir_block_reset(b, 0);
    ir_exit_tb(b);
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
    free(b);
    free(cpu);
}

TEST(i32_ops_touch_only_32_bits)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    IrTemp t = ir_temp(b, IR_I32), u = ir_temp(b, IR_I64);
    cpu->w[0] = 0xfffffff0;
    cpu->w[2] = 0x5555aaaa;
    cpu->r[0] = 0x1234567880000000ull;
    ir_binopi(b, IR_ADD, IR_I32, f.w[1], f.w[0], 0x20);      /* wraps to 0x10 */
    ir_unop(b, IR_TRUNC, IR_I32, t, f.r[0]);
    ir_binopi(b, IR_SAR, IR_I32, t, t, 4);                    /* 0xf8000000 */
    ir_unop(b, IR_EXTI32S, IR_I64, f.r[1], t);
    ir_unop(b, IR_EXTI32U, IR_I64, f.r[2], t);
    ir_unop(b, IR_EXT32S, IR_I64, f.r[3], f.r[0]);
    ir_binopi(b, IR_SHL, IR_I64, u, f.r[0], 4);
    ir_unop(b, IR_EXT16S, IR_I64, f.r[4], u);                 /* 0x...8000 -> sign */
    ir_unop(b, IR_CLZ, IR_I32, f.w[3], f.w[1]);               /* clz(0x10) = 27 */
    ir_exit_tb(b);
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
    CHECK_EQ_U64(cpu->w[1], 0x10);
    CHECK_EQ_U64(cpu->w[2], 0x5555aaaa); /* neighbour untouched */
    CHECK_EQ_U64(cpu->r[1], 0xfffffffff8000000ull);
    CHECK_EQ_U64(cpu->r[2], 0xf8000000ull);
    CHECK_EQ_U64(cpu->r[3], 0xffffffff80000000ull);
    CHECK_EQ_U64(cpu->r[4], 0);
    CHECK_EQ_U64(cpu->w[3], 27);
    free(b);
    free(cpu);
}

TEST(branches_and_labels)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    /* r1 = |r0|; r2 = (r0 <u 100) ? 1 : 2 via two diamonds */
    IrLabel pos = ir_label_new(b), done = ir_label_new(b), small = ir_label_new(b),
            end = ir_label_new(b);
    ir_mov(b, IR_I64, f.r[1], f.r[0]);
    ir_brcondi(b, IR_I64, IR_COND_GE, f.r[0], 0, pos);
    ir_unop(b, IR_NEG, IR_I64, f.r[1], f.r[0]);
    ir_br(b, done);
    ir_label(b, pos);
    ir_label(b, done);
    ir_brcond(b, IR_I64, IR_COND_GTU, ir_const(b, IR_I64, 100), f.r[0], small);
    ir_movi(b, IR_I64, f.r[2], 2);
    ir_br(b, end);
    ir_label(b, small);
    ir_movi(b, IR_I64, f.r[2], 1);
    ir_label(b, end);
    ir_exit_tb(b);

    static const int64_t inputs[] = { 5, -5, 0, 100, -100, INT64_MIN + 1 };
    for (int opt = 0; opt < 2; opt++) {
        if (opt) {
            ir_optimize(b);
        }
        for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
            int64_t x = inputs[i];
            cpu->r[0] = (uint64_t)x;
            CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
            CHECK_EQ_U64(cpu->r[1], (uint64_t)(x < 0 ? -x : x));
            CHECK_EQ_U64(cpu->r[2], (uint64_t)x < 100 ? 1 : 2);
        }
    }
    free(b);
    free(cpu);
}

TEST(setcond_movcond)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    cpu->r[0] = (uint64_t)-1;
    cpu->r[1] = 1;
    cpu->w[0] = 0xffffffff;
    cpu->w[1] = 1;
    ir_setcond(b, IR_I64, IR_COND_LT, f.r[2], f.r[0], f.r[1]);
    ir_setcond(b, IR_I64, IR_COND_LTU, f.r[3], f.r[0], f.r[1]);
    ir_setcond(b, IR_I32, IR_COND_LT, f.w[2], f.w[0], f.w[1]);
    ir_setcond(b, IR_I64, IR_COND_EQ, f.r[4], ir_const(b, IR_I64, 1), f.r[1]); /* const first */
    ir_movcond(b, IR_I64, IR_COND_GTU, f.r[5], f.r[0], f.r[1], f.r[0], f.r[1]);
    ir_movcond(b, IR_I32, IR_COND_GT, f.w[3], f.w[0], f.w[1], f.w[0], f.w[1]);
    ir_exit_tb(b);
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
    CHECK_EQ_U64(cpu->r[2], 1);
    CHECK_EQ_U64(cpu->r[3], 0);
    CHECK_EQ_U64(cpu->w[2], 1);
    CHECK_EQ_U64(cpu->r[4], 1);
    CHECK_EQ_U64(cpu->r[5], UINT64_MAX);
    CHECK_EQ_U64(cpu->w[3], 1);
    free(b);
    free(cpu);
}

static uint64_t helper_record(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    TestCPU *cpu = env;
    cpu->calls++;
    cpu->args[0] = a;
    cpu->args[1] = b;
    cpu->args[2] = c;
    cpu->args[3] = d;
    cpu->r[7] += 1; /* writes guest state */
    return 0x1122334455667788ull;
}

static uint64_t helper_raise_if_odd(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    TestCPU *cpu = env;
    cpu->calls++;
    if (a & 1) {
        cpu_raise(&cpu->cs, 2, a);
    }
    return 77;
}

static const IrHelper h_record = { helper_record, "record", IR_CALL_RW_GLOBALS };
static const IrHelper h_raise = { helper_raise_if_odd, "raise_if_odd",
                                  IR_CALL_MAY_RAISE | IR_CALL_R_GLOBALS };

TEST(helper_calls)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    cpu->r[0] = 0xaaaabbbbccccddddull;
    cpu->w[0] = 0xfedcba98;
    ir_call(b, &h_record, IR_I32, f.w[1], f.r[0], f.w[0], IR_NO_TEMP, ir_const(b, IR_I64, 5));
    ir_call(b, &h_record, IR_I64, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_mov(b, IR_I64, f.r[1], f.r[7]); /* sees the helpers' writes */
    ir_exit_tb(b);
    for (int opt = 0; opt < 2; opt++) {
        if (opt) {
            ir_optimize(b);
        }
        cpu->calls = 0;
        cpu->r[7] = 40;
        CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
        CHECK_EQ_U64(cpu->calls, 2);
        CHECK_EQ_U64(cpu->w[1], 0x55667788);
        CHECK_EQ_U64(cpu->r[1], 42);
        CHECK_EQ_U64(cpu->args[0], 0); /* the second call had no args */
        CHECK_EQ_U64(cpu->args[3], 0);
    }
    /* the first call's arguments: I32 zero-extended, absent 0 */
    ir_block_reset(b, 0);
    ir_call(b, &h_record, IR_I32, f.w[1], f.r[0], f.w[0], IR_NO_TEMP, ir_const(b, IR_I64, 5));
    ir_exit_tb(b);
    run(cpu, b);
    CHECK_EQ_U64(cpu->args[0], 0xaaaabbbbccccddddull);
    CHECK_EQ_U64(cpu->args[1], 0xfedcba98);
    CHECK_EQ_U64(cpu->args[2], 0);
    CHECK_EQ_U64(cpu->args[3], 5);
    free(b);
    free(cpu);
}

TEST(raising_helper_stops_the_tb)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    cpu->r[1] = 1;
    ir_movi(b, IR_I64, f.r[2], 5);
    ir_movi(b, IR_I64, f.pc, 0x1004);
    ir_call(b, &h_raise, IR_I64, f.r[3], f.r[0], IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_movi(b, IR_I64, f.r[1], 99);
    ir_goto_tb(b, 0);
    for (int opt = 0; opt < 2; opt++) {
        if (opt) {
            ir_optimize(b);
        }
        /* even: no exception */
        cpu->r[0] = 4;
        cpu->r[1] = 1;
        cpu->r[3] = 0;
        cpu->cs.excp_index = -1;
        CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_CHAIN0);
        CHECK_EQ_U64(cpu->r[3], 77);
        CHECK_EQ_U64(cpu->r[1], 99);
        /* odd: raises; later ops and the output write do not happen */
        cpu->r[0] = 3;
        cpu->r[1] = 1;
        cpu->r[2] = 0;
        cpu->r[3] = 0;
        CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_EXCEPTION);
        CHECK_EQ_U64(cpu->cs.excp_index, 2);
        CHECK_EQ_U64(cpu->r[1], 1);
        CHECK_EQ_U64(cpu->r[2], 5); /* earlier writes are done */
        CHECK_EQ_U64(cpu->r[3], 0);
        CHECK_EQ_U64(cpu->cs.pc, 0x1004);
    }
    free(b);
    free(cpu);
}

TEST(memory_fast_path)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    uint64_t a = GUEST_PAGE + 0x100;
    static const uint8_t bytes[8] = { 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88 };
    memcpy(cpu->mem + 0x100, bytes, 8);
    IrTemp addr = ir_temp(b, IR_I64);
    ir_movi(b, IR_I64, addr, a);
    ir_qemu_ld(b, IR_I64, f.r[0], addr, IR_MO_8 | IR_MO_SIGN, 0, 0);
    ir_qemu_ld(b, IR_I64, f.r[1], addr, IR_MO_16, 0, 0);
    ir_qemu_ld(b, IR_I64, f.r[2], addr, IR_MO_32 | IR_MO_SIGN, 0, 0);
    ir_qemu_ld(b, IR_I64, f.r[3], addr, IR_MO_64, 0, 0);
    ir_qemu_ld(b, IR_I32, f.w[0], addr, IR_MO_16 | IR_MO_SIGN, 0, 0);
    ir_qemu_ld(b, IR_I32, f.w[1], addr, IR_MO_32, 0, 0);
    ir_qemu_ld(b, IR_I64, f.r[4], addr, IR_MO_32, 0, 0);
    ir_binopi(b, IR_ADD, IR_I64, addr, addr, 0x10);
    ir_qemu_st(b, IR_I64, f.r[3], addr, IR_MO_64, 0, 4);
    ir_qemu_st(b, IR_I32, f.w[1], addr, IR_MO_16, 0, 4); /* low 16 bits over the first two */
    ir_qemu_st(b, IR_I64, ir_const(b, IR_I64, 0xabcd), addr, IR_MO_8 | IR_MO_ALIGN, 0, 4);
    ir_exit_tb(b);
    for (int opt = 0; opt < 2; opt++) {
        if (opt) {
            ir_optimize(b);
        }
        memset(cpu->mem + 0x110, 0, 8);
        CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
        CHECK_EQ_U64(cpu->r[0], 0xffffffffffffff81ull);
        CHECK_EQ_U64(cpu->r[1], 0x8281);
        CHECK_EQ_U64(cpu->r[2], 0xffffffff84838281ull);
        CHECK_EQ_U64(cpu->r[3], 0x8887868584838281ull);
        CHECK_EQ_U64(cpu->w[0], 0xffff8281);
        CHECK_EQ_U64(cpu->w[1], 0x84838281);
        CHECK_EQ_U64(cpu->r[4], 0x84838281);
        static const uint8_t expect[8] = { 0xcd, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88 };
        CHECK(memcmp(cpu->mem + 0x110, expect, 8) == 0);
        CHECK_EQ_U64(cpu->fills, 0); /* all hits */
    }
    free(b);
    free(cpu);
}

/* Misses go to tlb_load_slow/tlb_store_slow (core/tlb.c), which call our tlb_fill. */
TEST(memory_slow_path)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    memcpy(cpu->mem + 0x200, "\x01\x02\x03\x04\x05\x06\x07\x08\x09", 9);
    /* mmu mode 1 is empty: the first access fills it */
    ir_qemu_ld(b, IR_I64, f.r[1], f.r[0], IR_MO_32, 1, 0);
    /* misaligned (no IR_MO_ALIGN): the slow path assembles bytes */
    ir_binopi(b, IR_ADD, IR_I64, f.r[2], f.r[0], 1);
    ir_qemu_ld(b, IR_I64, f.r[3], f.r[2], IR_MO_64, 1, 4);
    ir_qemu_st(b, IR_I64, f.r[3], f.r[2], IR_MO_16, 1, 8);
    ir_movi(b, IR_I64, f.r[4], 1);
    ir_exit_tb(b);
    cpu->r[0] = GUEST_PAGE + 0x200;
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
    CHECK_EQ_U64(cpu->fills, 1);
    CHECK_EQ_U64(cpu->r[1], 0x04030201);
    CHECK_EQ_U64(cpu->r[3], 0x0908070605040302ull);
    CHECK(memcmp(cpu->mem + 0x200, "\x01\x02\x03\x04", 4) == 0);
    CHECK_EQ_U64(cpu->r[4], 1);

    /* a page fault: exception, pc = tb pc + pcoff, later ops skipped */
    cpu->r[0] = 0x5000;
    cpu->r[4] = 0;
    cpu->cs.excp_index = -1;
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->cs.excp_index, 13);
    CHECK_EQ_U64(cpu->cs.excp_tval, 0x5000);
    CHECK_EQ_U64(cpu->cs.pc, 0x1000);
    CHECK_EQ_U64(cpu->r[4], 0);

    /* a misaligned access that must fault */
    ir_block_reset(b, 0x2000);
    ir_qemu_st(b, IR_I64, f.r[1], f.r[0], IR_MO_32 | IR_MO_ALIGN, 0, 0xc);
    ir_movi(b, IR_I64, f.r[4], 1);
    ir_exit_tb(b);
    cpu->r[0] = GUEST_PAGE + 0x302;
    cpu->cs.excp_index = -1;
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->misaligned, 1);
    CHECK_EQ_U64(cpu->cs.excp_index, 6);
    CHECK_EQ_U64(cpu->cs.pc, 0x200c);
    CHECK_EQ_U64(cpu->r[4], 0);
    free(b);
    free(cpu);
}

TEST(env_fields)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    cpu->field64 = 0x8877665544332211ull;
    cpu->field32 = 0x80000001;
    cpu->field8[0] = 0xf0;
    uint32_t o64 = offsetof(TestCPU, field64), o32 = offsetof(TestCPU, field32),
             o8 = offsetof(TestCPU, field8);
    ir_ld_env(b, IR_I64, f.r[0], o64, IR_MO_64);
    ir_ld_env(b, IR_I64, f.r[1], o32, IR_MO_32 | IR_MO_SIGN);
    ir_ld_env(b, IR_I64, f.r[2], o8, IR_MO_8 | IR_MO_SIGN);
    ir_ld_env(b, IR_I32, f.w[0], o8, IR_MO_8);
    ir_ld_env(b, IR_I32, f.w[1], o32, IR_MO_32);
    ir_ld_env(b, IR_I64, f.r[3], o64, IR_MO_16);
    ir_st_env(b, IR_I64, ir_const(b, IR_I64, 0xabcdef), o8 + 1, IR_MO_16);
    ir_st_env(b, IR_I32, f.w[0], o64, IR_MO_32);
    ir_exit_tb(b);
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
    CHECK_EQ_U64(cpu->r[0], 0x8877665544332211ull);
    CHECK_EQ_U64(cpu->r[1], 0xffffffff80000001ull);
    CHECK_EQ_U64(cpu->r[2], 0xfffffffffffffff0ull);
    CHECK_EQ_U64(cpu->w[0], 0xf0);
    CHECK_EQ_U64(cpu->w[1], 0x80000001);
    CHECK_EQ_U64(cpu->r[3], 0x2211);
    CHECK_EQ_U64(cpu->field8[1], 0xef);
    CHECK_EQ_U64(cpu->field8[2], 0xcd);
    CHECK_EQ_U64(cpu->field8[3], 0);
    CHECK_EQ_U64(cpu->field64, 0x88776655000000f0ull);
    free(b);
    free(cpu);
}

TEST(overflowed_block_just_exits)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    for (int i = 0; i < IR_MAX_OPS + 1; i++) {
        ir_binopi(b, IR_ADD, IR_I64, f.r[0], f.r[0], 1);
    }
    CHECK(b->overflow);
    ir_optimize(b); /* must not crash either */
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
    CHECK_EQ_U64(cpu->r[0], 0);
    /* a block without an exit falls into the terminating exit */
    ir_block_reset(b, 0);
    ir_movi(b, IR_I64, f.r[0], 3);
    ir_fence(b);
    CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
    CHECK_EQ_U64(cpu->r[0], 3);
    free(b);
    free(cpu);
}

/* ---- randomized differential test ---- */

/* Reference evaluator: walks the IR with ir_eval_op; globals live in the CPU struct. */
static uint64_t ref_get(TestCPU *cpu, const IrBlock *b, const uint64_t *v, uint32_t t)
{
    const IrTempInfo *ti = &b->temps[t];
    if (ti->kind == IR_TEMP_CONST) {
        return ti->value;
    }
    if (ti->kind == IR_TEMP_TEMP) {
        return v[t];
    }
    uint64_t x = 0;
    memcpy(&x, (char *)cpu + ti->offset, ti->type == IR_I64 ? 8 : 4);
    return x;
}

static void ref_set(TestCPU *cpu, const IrBlock *b, uint64_t *v, uint32_t t, uint64_t x)
{
    const IrTempInfo *ti = &b->temps[t];
    if (ti->type == IR_I32) {
        x = (uint32_t)x;
    }
    if (ti->kind == IR_TEMP_TEMP) {
        v[t] = x;
    } else {
        memcpy((char *)cpu + ti->offset, &x, ti->type == IR_I64 ? 8 : 4);
    }
}

/* The test page, or NULL after raising the page fault test_tlb_fill would raise. */
static uint8_t *ref_host(TestCPU *cpu, const IrBlock *b, uint64_t addr, uint32_t pcoff)
{
    if ((addr & TLB_PAGE_MASK) != GUEST_PAGE) {
        cpu_raise(&cpu->cs, 13, addr);
        cpu->cs.pc = b->pc + pcoff;
        return NULL;
    }
    return cpu->mem + (addr - GUEST_PAGE);
}

static int ref_run(TestCPU *cpu, const IrBlock *b)
{
    uint64_t v[IR_MAX_TEMPS] = { 0 };
    for (int i = 0; i < b->nops; i++) {
        const IrOp *op = &b->ops[i];
        const uint32_t *a = op->args;
        IrType t = (IrType)op->type;
#define GET(x) ref_get(cpu, b, v, (x))
#define SET(x, val) ref_set(cpu, b, v, (x), (val))
        switch (op->opc) {
        case IR_NOP:
        case IR_LABEL:
        case IR_FENCE:
            break;
        case IR_SETCOND:
            SET(a[0], ir_cond_eval((IrCond)a[3], t, GET(a[1]), GET(a[2])));
            break;
        case IR_MOVCOND:
            SET(a[0], ir_cond_eval((IrCond)a[5], t, GET(a[1]), GET(a[2])) ? GET(a[3]) : GET(a[4]));
            break;
        case IR_BR:
            i = (int)b->label_pos[a[0]];
            break;
        case IR_BRCOND:
            if (ir_cond_eval((IrCond)a[2], t, GET(a[0]), GET(a[1]))) {
                i = (int)b->label_pos[a[3]];
            }
            break;
        case IR_GOTO_TB:
            return (int)a[0];
        case IR_EXIT_TB:
            return EXEC_EXIT_LOOKUP;
        case IR_QEMU_LD: {
            unsigned size = 1u << (a[2] & IR_MO_SIZE);
            uint64_t x = 0;
            uint8_t *host = ref_host(cpu, b, GET(a[1]), a[4]);
            if (!host) {
                return EXEC_EXIT_EXCEPTION;
            }
            memcpy(&x, host, size);
            if ((a[2] & IR_MO_SIGN) && size < 8) {
                x = (uint64_t)((int64_t)(x << (64 - 8 * size)) >> (64 - 8 * size));
            }
            SET(a[0], x);
            break;
        }
        case IR_QEMU_ST: {
            uint64_t x = GET(a[0]);
            uint8_t *host = ref_host(cpu, b, GET(a[1]), a[4]);
            if (!host) {
                return EXEC_EXIT_EXCEPTION;
            }
            memcpy(host, &x, 1u << (a[2] & IR_MO_SIZE));
            break;
        }
        case IR_CALL: {
            const IrHelper *h = b->helpers[a[5]];
            uint64_t args[4];
            for (int k = 0; k < 4; k++) {
                args[k] = a[1 + k] == IR_NO_TEMP ? 0 : GET(a[1 + k]);
            }
            uint64_t r = h->fn(cpu, args[0], args[1], args[2], args[3]);
            if ((h->flags & IR_CALL_MAY_RAISE) && cpu->cs.excp_index >= 0) {
                return EXEC_EXIT_EXCEPTION;
            }
            if (a[0] != IR_NO_TEMP) {
                SET(a[0], r);
            }
            break;
        }
        default: {
            const IrOpDef *d = &ir_op_defs[op->opc];
            uint64_t r = 0;
            bool ok = ir_eval_op((IrOpc)op->opc, t, GET(a[1]), d->nin > 1 ? GET(a[2]) : 0, &r);
            CHECK(ok);
            SET(a[0], r);
            break;
        }
        }
#undef GET
#undef SET
    }
    return EXEC_EXIT_LOOKUP;
}

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static uint64_t helper_pure_mix(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)env, (void)d;
    return a * 3 + (b ^ (c >> 3));
}
static uint64_t helper_bump(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    TestCPU *cpu = env;
    cpu->r[0] += a;
    cpu->w[1] ^= (uint32_t)a;
    return cpu->r[1];
}
static uint64_t helper_rare_raise(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    TestCPU *cpu = env;
    if ((a & 0x1f) == 0x11) {
        cpu_raise(&cpu->cs, 3, a);
    }
    return a + 1;
}
static const IrHelper h_pure = { helper_pure_mix, "mix", IR_CALL_PURE };
static const IrHelper h_bump = { helper_bump, "bump", IR_CALL_RW_GLOBALS };
static const IrHelper h_rare = { helper_rare_raise, "rare", IR_CALL_MAY_RAISE };

#define NT 6
typedef struct Gen {
    Fixture f;
    uint64_t s;
    IrTemp t64[NT], t32[NT];
    bool def64[NT], def32[NT];
} Gen;

static unsigned pick(Gen *g, unsigned n)
{
    return (unsigned)(rng_next(&g->s) % n);
}

static uint64_t interesting(Gen *g)
{
    static const uint64_t vals[] = { 0, 1, 2, 3, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x8000,
                                     0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
                                     1ull << 63, UINT64_MAX, UINT64_MAX - 1 };
    switch (pick(g, 3)) {
    case 0: return vals[pick(g, sizeof(vals) / sizeof(vals[0]))];
    case 1: return pick(g, 16);
    default: return rng_next(&g->s);
    }
}

static IrTemp src(Gen *g, IrType t)
{
    IrBlock *b = g->f.b;
    unsigned r = pick(g, 10);
    if (r < 2) {
        return ir_const(b, t, interesting(g));
    }
    if (r < 6) {
        return t == IR_I64 ? g->f.r[pick(g, 8)] : g->f.w[pick(g, 4)];
    }
    unsigned i = pick(g, NT);
    bool *def = t == IR_I64 ? g->def64 : g->def32;
    for (unsigned k = 0; k < NT; k++) {
        if (def[(i + k) % NT]) {
            return t == IR_I64 ? g->t64[(i + k) % NT] : g->t32[(i + k) % NT];
        }
    }
    return t == IR_I64 ? g->f.r[pick(g, 8)] : g->f.w[pick(g, 4)];
}

static IrTemp dst(Gen *g, IrType t)
{
    if (pick(g, 2)) {
        return t == IR_I64 ? g->f.r[pick(g, 8)] : g->f.w[pick(g, 4)];
    }
    unsigned i = pick(g, NT);
    if (t == IR_I64) {
        g->def64[i] = true;
        return g->t64[i];
    }
    g->def32[i] = true;
    return g->t32[i];
}

static const IrOpc binops[] = { IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR, IR_XOR, IR_ANDC,
                                IR_ORC, IR_EQV, IR_SHL, IR_SHR, IR_SAR, IR_ROTL, IR_ROTR,
                                IR_MULUH, IR_MULSH, IR_MULSUH, IR_DIV, IR_DIVU, IR_REM,
                                IR_REMU };
static const IrOpc unops[] = { IR_MOV, IR_NEG, IR_NOT, IR_CLZ, IR_CTZ, IR_CTPOP,
                               IR_EXT8S, IR_EXT8U, IR_EXT16S, IR_EXT16U };

static void gen_op(Gen *g)
{
    IrBlock *b = g->f.b;
    IrType t = pick(g, 3) ? IR_I64 : IR_I32;
    switch (pick(g, 12)) {
    case 0: case 1: case 2: case 3: {
        IrOpc opc = binops[pick(g, sizeof(binops) / sizeof(binops[0]))];
        IrTemp x = src(g, t), y = src(g, t);
        /* a lone x == y sometimes, to exercise x-op-x identities */
        if (pick(g, 8) == 0) {
            y = x;
        }
        ir_binop(b, opc, t, dst(g, t), x, y);
        break;
    }
    case 4: case 5: {
        IrOpc opc = unops[pick(g, sizeof(unops) / sizeof(unops[0]))];
        IrTemp x = src(g, t);
        ir_unop(b, opc, t, dst(g, t), x);
        break;
    }
    case 6: {
        static const IrOpc wide[] = { IR_EXT32S, IR_EXT32U, IR_EXTI32S, IR_EXTI32U, IR_TRUNC };
        IrOpc opc = wide[pick(g, 5)];
        IrType in = opc == IR_EXTI32S || opc == IR_EXTI32U ? IR_I32 : IR_I64;
        IrType out = opc == IR_TRUNC ? IR_I32 : IR_I64;
        IrTemp x = src(g, in);
        ir_unop(b, opc, out, dst(g, out), x);
        break;
    }
    case 7: {
        IrCond c = (IrCond)pick(g, 10);
        IrTemp x = src(g, t), y = src(g, t);
        if (pick(g, 2)) {
            ir_setcond(b, t, c, dst(g, t), x, y);
        } else {
            IrTemp vt = src(g, t), vf = src(g, t);
            ir_movcond(b, t, c, dst(g, t), x, y, vt, vf);
        }
        break;
    }
    case 8: {
        /* guest memory at a constant or computed address inside the test page */
        unsigned size = pick(g, 4);
        unsigned memop = size | (pick(g, 2) ? IR_MO_SIGN : 0);
        IrType vt = size == 3 ? IR_I64 : t;
        uint64_t off = (uint64_t)pick(g, 32) << size;
        /* now and then an unmapped page: the slow path raises a page fault */
        uint64_t page = pick(g, 16) == 0 ? 0x5000 : GUEST_PAGE;
        IrTemp addr = ir_const(b, IR_I64, page + off);
        uint32_t pcoff = 4 * pick(g, 8);
        if (pick(g, 2)) {
            IrTemp v = src(g, vt);
            ir_qemu_st(b, vt, v, addr, memop & IR_MO_SIZE, 0, pcoff);
        } else {
            ir_qemu_ld(b, vt, dst(g, vt), addr, memop, 0, pcoff);
        }
        break;
    }
    case 9: {
        const IrHelper *h = pick(g, 3) == 0 ? &h_bump : pick(g, 2) ? &h_pure : &h_rare;
        IrTemp a0 = src(g, IR_I64), a1 = src(g, IR_I32), a2 = src(g, IR_I64);
        IrTemp out = pick(g, 4) ? dst(g, t) : IR_NO_TEMP;
        ir_call(b, h, t, out, a0, a1, a2, IR_NO_TEMP);
        break;
    }
    default: {
        /* copies, which the optimizer propagates */
        IrTemp x = src(g, t);
        ir_mov(b, t, dst(g, t), x);
        break;
    }
    }
}

/* A region skipped by a branch: temps first defined inside are undefined after it. */
static void gen_region(Gen *g, int depth)
{
    IrBlock *b = g->f.b;
    bool def64[NT], def32[NT];
    memcpy(def64, g->def64, sizeof(def64));
    memcpy(def32, g->def32, sizeof(def32));
    IrLabel l = ir_label_new(b);
    IrType t = pick(g, 2) ? IR_I64 : IR_I32;
    unsigned kind = pick(g, 4);
    if (kind == 0) {
        ir_br(b, l); /* the region is unreachable */
    } else {
        IrTemp x = src(g, t), y = src(g, t);
        ir_brcond(b, t, (IrCond)pick(g, 10), x, y, l);
    }
    int n = (int)pick(g, 6);
    for (int i = 0; i < n; i++) {
        if (depth < 2 && pick(g, 5) == 0) {
            gen_region(g, depth + 1);
        } else {
            gen_op(g);
        }
    }
    if (kind == 1 && pick(g, 2)) {
        ir_movi(b, IR_I64, g->f.pc, 0x4000);
        ir_goto_tb(b, 1); /* an early exit inside the region */
    }
    ir_label(b, l);
    memcpy(g->def64, def64, sizeof(def64));
    memcpy(g->def32, def32, sizeof(def32));
}

static void gen_block(Gen *g)
{
    IrBlock *b = g->f.b;
    ir_block_reset(b, 0x1000);
    memset(g->def64, 0, sizeof(g->def64));
    memset(g->def32, 0, sizeof(g->def32));
    for (int i = 0; i < NT; i++) {
        g->t64[i] = ir_temp(b, IR_I64);
        g->t32[i] = ir_temp(b, IR_I32);
    }
    int n = 5 + (int)pick(g, 60);
    for (int i = 0; i < n; i++) {
        if (pick(g, 8) == 0) {
            gen_region(g, 0);
        } else {
            gen_op(g);
        }
    }
    if (pick(g, 2)) {
        ir_goto_tb(b, 0);
    } else {
        ir_exit_tb(b);
    }
}

typedef struct Snapshot {
    uint64_t r[8];
    uint32_t w[4];
    uint64_t pc;
    int32_t excp;
    uint8_t mem[256];
    int ret;
} Snapshot;

static void restore(TestCPU *cpu, const Snapshot *s)
{
    memcpy(cpu->r, s->r, sizeof(s->r));
    memcpy(cpu->w, s->w, sizeof(s->w));
    memcpy(cpu->mem, s->mem, sizeof(s->mem));
    cpu->cs.pc = s->pc;
    cpu->cs.excp_index = -1;
}

static void save(const TestCPU *cpu, Snapshot *s, int ret)
{
    memcpy(s->r, cpu->r, sizeof(s->r));
    memcpy(s->w, cpu->w, sizeof(s->w));
    memcpy(s->mem, cpu->mem, sizeof(s->mem));
    s->pc = cpu->cs.pc;
    s->excp = cpu->cs.excp_index;
    s->ret = ret;
}

static void dump_line(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "    %s\n", line);
}

static bool same(const Snapshot *x, const Snapshot *y)
{
    return memcmp(x->r, y->r, sizeof(x->r)) == 0 && memcmp(x->w, y->w, sizeof(x->w)) == 0 &&
           memcmp(x->mem, y->mem, sizeof(x->mem)) == 0 && x->pc == y->pc &&
           x->excp == y->excp && x->ret == y->ret;
}

TEST(random_differential)
{
    Gen g = { .f = setup(), .s = 0x9e3779b97f4a7c15ull };
    TestCPU *cpu = new_cpu();
    IrBlock *opt = calloc(1, sizeof(IrBlock));
    int failures = 0;
    for (int iter = 0; iter < 4000 && failures < 3; iter++) {
        gen_block(&g);
        memcpy(opt, g.f.b, sizeof(IrBlock));
        ir_optimize(opt);
        CHECK(opt->nops <= g.f.b->nops);

        Snapshot init, ref, ref_opt, plain, optimized;
        for (int i = 0; i < 8; i++) {
            init.r[i] = pick(&g, 4) ? interesting(&g) : rng_next(&g.s);
        }
        for (int i = 0; i < 4; i++) {
            init.w[i] = (uint32_t)interesting(&g);
        }
        for (int i = 0; i < 256; i++) {
            init.mem[i] = (uint8_t)rng_next(&g.s);
        }
        init.pc = 0x1000;

        restore(cpu, &init);
        save(cpu, &ref, ref_run(cpu, g.f.b));
        restore(cpu, &init);
        save(cpu, &ref_opt, ref_run(cpu, opt));
        restore(cpu, &init);
        save(cpu, &plain, run(cpu, g.f.b));
        restore(cpu, &init);
        save(cpu, &optimized, run(cpu, opt));

        bool ok = same(&ref, &ref_opt) && same(&ref, &plain) && same(&ref, &optimized);
        CHECK(ok);
        if (!ok) {
            failures++;
            fprintf(stderr, "  iteration %d: ref/ref_opt/interp/interp_opt agree: %d %d %d\n",
                    iter, same(&ref, &ref_opt), same(&ref, &plain), same(&ref, &optimized));
            for (int i = 0; i < 8; i++) {
                fprintf(stderr, "   r%d %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n",
                        i, ref.r[i], ref_opt.r[i], plain.r[i], optimized.r[i]);
            }
            for (int i = 0; i < 4; i++) {
                fprintf(stderr, "   w%d %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "\n",
                        i, ref.w[i], ref_opt.w[i], plain.w[i], optimized.w[i]);
            }
            fprintf(stderr, "   ret %d %d %d %d\n", ref.ret, ref_opt.ret, plain.ret, optimized.ret);
            fprintf(stderr, "  IR:\n");
            ir_dump(g.f.b, dump_line, NULL);
            fprintf(stderr, "  optimized:\n");
            ir_dump(opt, dump_line, NULL);
        }
    }
    free(opt);
    free(g.f.b);
    free(cpu);
}

/* The IR's division contract (tcg/ir.h "Division"), one case per edge, run by the
 * interpreter on run-time operands, and the same values from ir_eval_op (the optimizer's
 * folding). */
typedef struct DivCase {
    IrOpc opc;
    IrType t;
    uint64_t x, y, want;
} DivCase;

static const DivCase div_cases[] = {
    { IR_DIV, IR_I64, 7, 0, 0 },
    { IR_DIVU, IR_I64, 7, 0, 0 },
    { IR_REM, IR_I64, 7, 0, 7 },
    { IR_REMU, IR_I64, 7, 0, 7 },
    { IR_DIV, IR_I64, 1ull << 63, UINT64_MAX, 1ull << 63 }, /* MIN / -1 = MIN */
    { IR_REM, IR_I64, 1ull << 63, UINT64_MAX, 0 },          /* MIN % -1 = 0 */
    { IR_DIVU, IR_I64, 1ull << 63, UINT64_MAX, 0 },         /* unsigned: no overflow */
    { IR_REMU, IR_I64, 1ull << 63, UINT64_MAX, 1ull << 63 },
    { IR_DIV, IR_I64, (uint64_t)-7, 2, (uint64_t)-3 },      /* truncates toward zero */
    { IR_REM, IR_I64, (uint64_t)-7, 2, (uint64_t)-1 },      /* sign of the dividend */
    { IR_DIV, IR_I32, 7, 0, 0 },
    { IR_DIVU, IR_I32, 7, 0, 0 },
    { IR_REM, IR_I32, 0x80000007u, 0, 0x80000007u },
    { IR_REMU, IR_I32, 0x80000007u, 0, 0x80000007u },
    { IR_DIV, IR_I32, 0x80000000u, 0xffffffffu, 0x80000000u },
    { IR_REM, IR_I32, 0x80000000u, 0xffffffffu, 0 },
    { IR_DIVU, IR_I32, 0x80000000u, 0xffffffffu, 0 },
    { IR_DIV, IR_I32, 0xfffffff9u, 2, 0xfffffffdu },
    { IR_REM, IR_I32, 0xfffffff9u, 2, 0xffffffffu },
};

TEST(division_edge_cases)
{
    Fixture f = setup();
    TestCPU *cpu = new_cpu();
    IrBlock *b = f.b;
    for (size_t i = 0; i < sizeof(div_cases) / sizeof(div_cases[0]); i++) {
        const DivCase *c = &div_cases[i];
        uint64_t got, folded = ~c->want;
        ir_block_reset(b, 0x1000);
        if (c->t == IR_I64) {
            cpu->r[0] = c->x;
            cpu->r[1] = c->y;
            ir_binop(b, c->opc, IR_I64, f.r[2], f.r[0], f.r[1]);
        } else {
            cpu->w[0] = (uint32_t)c->x;
            cpu->w[1] = (uint32_t)c->y;
            ir_binop(b, c->opc, IR_I32, f.w[2], f.w[0], f.w[1]);
        }
        ir_exit_tb(b);
        CHECK_EQ_U64(run(cpu, b), EXEC_EXIT_LOOKUP);
        got = c->t == IR_I64 ? cpu->r[2] : cpu->w[2];
        CHECK(ir_eval_op(c->opc, c->t, c->x, c->y, &folded));
        if (got != c->want || folded != c->want) {
            fprintf(stderr, "  case %zu (%s_i%d): interp 0x%" PRIx64 " folded 0x%" PRIx64
                    " expected 0x%" PRIx64 "\n", i, ir_op_defs[c->opc].name,
                    c->t == IR_I64 ? 64 : 32, got, folded, c->want);
            test_cur_failed = 1;
        }
    }
    free(b);
    free(cpu);
}

int main(void)
{
    RUN(arith_and_exits);
    RUN(i32_ops_touch_only_32_bits);
    RUN(branches_and_labels);
    RUN(setcond_movcond);
    RUN(helper_calls);
    RUN(raising_helper_stops_the_tb);
    RUN(memory_fast_path);
    RUN(memory_slow_path);
    RUN(env_fields);
    RUN(overflowed_block_just_exits);
    RUN(division_edge_cases);
    RUN(random_differential);
    return test_summary();
}
