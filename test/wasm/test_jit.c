/*
 * test/wasm/test_jit.c — differential test of the Wasm JIT (tcg/wasm/) against the IR
 * interpreter, run under Node (built by `make test-jit`).
 *
 * Random blocks (test/wasm/random_ir.h: every op, both types, branches, guest memory
 * through a hand-made TLB entry and the real slow paths of core/tlb.c, helper calls
 * including a raising one), unoptimized and optimized, each run from several random
 * CPU states with interp_exec and with the JIT-compiled function; the return value and
 * the whole TestCPU (guest state, TLB, fault info, memory, helper records; not the
 * interpreter's scratch frame) must be identical.  Then a few timings.
 *
 * Usage: node --no-experimental-fetch test_jit.js [blocks] [seed]
 * Prints "N passed, N failed" (N = blocks x 2 variants); exit status 1 on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cpu.h"
#include "tcg/interp.h"
#include "tcg/ir.h"
#include "tcg/wasm/codegen.h"
#include "tcg/wasm/jit.h"
#include "test/wasm/random_ir.h"

#define STATES_PER_BLOCK 4

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Everything but CPUState.frame (the interpreter's temps). */
static bool same_state(const TestCPU *a, const TestCPU *b)
{
    size_t frame = offsetof(CPUState, frame);
    return memcmp(a, b, frame) == 0 &&
           memcmp((const char *)a + sizeof(CPUState), (const char *)b + sizeof(CPUState),
                  sizeof(TestCPU) - sizeof(CPUState)) == 0;
}

static void dump_line(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "    %s\n", line);
}

static void report_diff(const TestCPU *want, const TestCPU *got)
{
#define FIELD(name, fmt, expr)                                                         \
    if ((want->expr) != (got->expr)) {                                                 \
        fprintf(stderr, "    %-10s interp " fmt "  jit " fmt "\n", name,               \
                (unsigned long long)(want->expr), (unsigned long long)(got->expr));    \
    }
    char name[32];
    for (int i = 0; i < 8; i++) {
        snprintf(name, sizeof(name), "r%d", i);
        FIELD(name, "%016llx", r[i]);
    }
    for (int i = 0; i < 4; i++) {
        snprintf(name, sizeof(name), "w%d", i);
        FIELD(name, "%08llx", w[i]);
    }
    FIELD("pc", "%llx", cs.pc);
    FIELD("excp", "%lld", cs.excp_index);
    FIELD("tval", "%llx", cs.excp_tval);
    FIELD("field64", "%llx", field64);
    FIELD("field32", "%llx", field32);
    FIELD("calls", "%llu", calls);
    FIELD("fills", "%llu", fills);
    FIELD("misalign", "%llu", misaligned);
    for (int i = 0; i < 4; i++) {
        snprintf(name, sizeof(name), "arg%d", i);
        FIELD(name, "%llx", args[i]);
    }
    for (int i = 0; i < 8; i++) {
        snprintf(name, sizeof(name), "field8[%d]", i);
        FIELD(name, "%02llx", field8[i]);
    }
    for (int i = 0, shown = 0; i < RIR_MEM_SIZE && shown < 16; i++) {
        if (want->mem[i] != got->mem[i] && ++shown) {
            fprintf(stderr, "    mem[0x%x]  interp %02x  jit %02x\n", i, want->mem[i],
                    got->mem[i]);
        }
    }
    if (memcmp(&want->cs.tlb, &got->cs.tlb, sizeof(CPUTlb)) != 0) {
        fprintf(stderr, "    TLB differs\n");
    }
#undef FIELD
}

typedef struct Stats {
    double gen_ns, install_ns;
    size_t bytes;
    int modules;
    /* coverage of the runs: exits by kind, exceptions by cause, slow-path TLB fills */
    long exits[4], page_faults, misaligned, helper_raises, fills;
} Stats;

static void count_outcome(Stats *st, int ret, const TestCPU *cpu)
{
    st->exits[ret & 3]++;
    if (ret == EXEC_EXIT_EXCEPTION) {
        st->page_faults += cpu->cs.excp_index == 13;
        st->misaligned += cpu->cs.excp_index == 4 || cpu->cs.excp_index == 6;
        st->helper_raises += cpu->cs.excp_index == 3;
    }
    st->fills += cpu->fills != 0;
}

static JitFn compile(const IrBlock *b, Stats *st)
{
    uint8_t *bytes;
    size_t len;
    double t0 = now_ns();
    if (wasm_codegen_tb(b, &(WasmCodegenOpts){ .mem_pages_min = 1 }, &bytes, &len) != 0) {
        return NULL;
    }
    double t1 = now_ns();
    JitFn fn = jit_install(bytes, len, b->helpers, b->nhelpers);
    double t2 = now_ns();
    free(bytes);
    st->gen_ns += t1 - t0;
    st->install_ns += t2 - t1;
    st->bytes += len;
    st->modules++;
    return fn;
}

/* One block variant from several states; returns true if all agree. */
static bool check_block(RandomIr *g, TestCPU *cpu, TestCPU *start, TestCPU *want, Stats *st,
                        int index, bool optimized)
{
    const IrBlock *b = g->b;
    InterpCode *code = interp_compile(b);
    JitFn fn = compile(b, st);
    if (!code || !fn) {
        fprintf(stderr, "FAIL block %d (%s): %s\n", index, optimized ? "optimized" : "raw",
                code ? "JIT compile/install failed" : "interp_compile failed");
        ir_dump(b, dump_line, NULL);
        interp_free(code);
        return false;
    }
    bool ok = true;
    for (int s = 0; s < STATES_PER_BLOCK && ok; s++) {
        rir_randomize_state(g, cpu);
        if (rir_pick(g, 2)) {
            /* make mode 1 miss again, so the slow path fills it */
            TlbEntry *e = tlb_entry(&cpu->cs.tlb, 1, RIR_GUEST_PAGE);
            e->addr_read = e->addr_write = e->addr_code = UINT64_MAX;
        }
        memcpy(start, cpu, sizeof(TestCPU));
        int want_ret = interp_exec(&cpu->cs, code, b->pc);
        memcpy(want, cpu, sizeof(TestCPU));
        count_outcome(st, want_ret, want);
        memcpy(cpu, start, sizeof(TestCPU));
        int got_ret = fn(&cpu->cs, 0);
        if (got_ret != want_ret || !same_state(want, cpu)) {
            fprintf(stderr, "FAIL block %d (%s), state %d: interp returned %d, jit %d\n",
                    index, optimized ? "optimized" : "raw", s, want_ret, got_ret);
            report_diff(want, cpu);
            ir_dump(b, dump_line, NULL);
            ok = false;
        }
    }
    jit_uninstall(fn);
    interp_free(code);
    return ok;
}

/* ---- regions: several blocks in one function, chained by goto_tb ---- */

#define REGION_MAX 4

/*
 * The region contract (codegen.h) run on the interpreter: member k runs; a goto_tb s
 * with succ[k][s] >= 0 spends one unit of cs.tb_budget and goes on there unless the
 * budget is spent or an exit is requested; instructions of members left for another
 * member are added to cs.insn_count.  Returns exit | member << 2.
 */
static int interp_region(TestCPU *cpu, InterpCode **code, IrBlock **b, int succ[][2],
                         const uint32_t *icount, int k)
{
    for (;;) {
        int ret = interp_exec(&cpu->cs, code[k], b[k]->pc);
        int next = ret <= EXEC_EXIT_CHAIN1 ? succ[k][ret] : -1;
        if (next < 0) {
            return ret | k << 2;
        }
        if (--cpu->cs.tb_budget <= 0 || cpu->cs.exit_request) {
            return ret | k << 2;
        }
        cpu->cs.insn_count += icount[k];
        k = next;
    }
}

/* A random region of 1..REGION_MAX random blocks with random links between them, run
 * from random members and states on both engines. */
static bool check_region(RandomIr *g, TestCPU *cpu, TestCPU *start, TestCPU *want,
                         Stats *st, int index)
{
    IrBlock *b[REGION_MAX];
    InterpCode *code[REGION_MAX];
    int succ[REGION_MAX][2];
    uint32_t icount[REGION_MAX];
    int n = 1 + (int)rir_pick(g, REGION_MAX);
    /* both ways of keeping globals: region-wide locals, or per-member locals */
    bool in_memory = rir_pick(g, 2);
    WasmRegion *r = wasm_region_new(
        &(WasmCodegenOpts){ .mem_pages_min = 1, .globals_in_memory = in_memory }, n);
    for (int k = 0; k < n; k++) {
        rir_block(g, 40);
        if (rir_pick(g, 2)) {
            ir_optimize(g->b);
        }
        b[k] = malloc(sizeof(IrBlock));
        memcpy(b[k], g->b, sizeof(IrBlock));
        code[k] = interp_compile(b[k]);
        icount[k] = 1 + rir_pick(g, 20);
        wasm_region_scan(r, b[k]);
    }
    for (int k = 0; k < n; k++) {
        for (int s = 0; s < 2; s++) {
            succ[k][s] = rir_pick(g, 4) ? (int)rir_pick(g, (unsigned)n) : -1;
        }
        wasm_region_emit(r, b[k], succ[k], icount[k]);
    }
    uint8_t *bytes = NULL;
    size_t len = 0;
    JitFn fn = NULL;
    if (wasm_region_finish(r, &bytes, &len) == 0) {
        int nh;
        const IrHelper *const *h = wasm_region_helpers(r, &nh);
        fn = jit_install(bytes, len, h, nh);
        st->bytes += len;
        st->modules++;
    }
    free(bytes);
    wasm_region_free(r);
    bool ok = fn != NULL;
    if (!fn) {
        fprintf(stderr, "FAIL region %d: compile/install failed\n", index);
    }
    for (int s = 0; s < STATES_PER_BLOCK && ok; s++) {
        rir_randomize_state(g, cpu);
        cpu->cs.tb_budget = 1 + (int)rir_pick(g, 40);
        cpu->cs.exit_request = rir_pick(g, 8) == 0;
        cpu->cs.insn_count = rir_rand(g);
        int entry = (int)rir_pick(g, (unsigned)n);
        memcpy(start, cpu, sizeof(TestCPU));
        int want_ret = interp_region(cpu, code, b, succ, icount, entry);
        memcpy(want, cpu, sizeof(TestCPU));
        count_outcome(st, want_ret & 3, want);
        memcpy(cpu, start, sizeof(TestCPU));
        int got_ret = fn(&cpu->cs, entry);
        if (got_ret != want_ret || !same_state(want, cpu)) {
            fprintf(stderr, "FAIL region %d (%d members, globals %s, entry %d), state %d: interp "
                    "returned %d (member %d), jit %d (member %d); budget %d/%d, insns "
                    "%llu/%llu\n", index, n, in_memory ? "per member" : "region-wide", entry, s,
                    want_ret & 3, want_ret >> 2,
                    got_ret & 3, got_ret >> 2, want->cs.tb_budget, cpu->cs.tb_budget,
                    (unsigned long long)want->cs.insn_count,
                    (unsigned long long)cpu->cs.insn_count);
            report_diff(want, cpu);
            for (int k = 0; k < n; k++) {
                fprintf(stderr, "  member %d (goto_tb 0 -> %d, 1 -> %d):\n", k, succ[k][0],
                        succ[k][1]);
                ir_dump(b[k], dump_line, NULL);
            }
            ok = false;
        }
    }
    cpu->cs.exit_request = 0;
    jit_uninstall(fn);
    for (int k = 0; k < n; k++) {
        interp_free(code[k]);
        free(b[k]);
    }
    return ok;
}

/* ---- division's edge cases (tcg/ir.h "Division") ---- */

/* Where Wasm's div/rem would trap (x/0, MIN/-1) the JIT must give the IR's results, on
 * run-time operands (globals, so nothing is folded); so must the interpreter. */
static int check_division_edges(RandomIr *g, TestCPU *cpu, Stats *st)
{
    static const struct {
        uint64_t x, y;
        uint64_t div, divu, rem, remu; /* expected, as I64 */
    } c64[] = {
        { 7, 0, 0, 0, 7, 7 },
        { 1ull << 63, UINT64_MAX, 1ull << 63, 0, 0, 1ull << 63 },
        { (uint64_t)-7, 2, (uint64_t)-3, (UINT64_MAX - 6) / 2, (uint64_t)-1, 1 },
    };
    static const struct {
        uint32_t x, y;
        uint32_t div, divu, rem, remu; /* expected, as I32 */
    } c32[] = {
        { 7, 0, 0, 0, 7, 7 },
        { 0x80000000u, 0xffffffffu, 0x80000000u, 0, 0, 0x80000000u },
        { 0xfffffff9u, 2, 0xfffffffdu, 0x7ffffffcu, 0xffffffffu, 1 },
    };
    static const IrOpc ops[4] = { IR_DIV, IR_DIVU, IR_REM, IR_REMU };
    int failed = 0;
    for (int k = 0; k < 3; k++) {
        IrBlock *b = g->b;
        ir_block_reset(b, 0x1000);
        for (int i = 0; i < 4; i++) {
            ir_binop(b, ops[i], IR_I64, g->r[2 + i], g->r[0], g->r[1]);
        }
        for (int i = 0; i < 2; i++) { /* w2, w3: div, divu; then rem, remu into r6, r7 */
            ir_binop(b, ops[i], IR_I32, g->w[2 + i], g->w[0], g->w[1]);
        }
        IrTemp t = ir_temp(b, IR_I32);
        for (int i = 2; i < 4; i++) {
            ir_binop(b, ops[i], IR_I32, t, g->w[0], g->w[1]);
            ir_unop(b, IR_EXTI32U, IR_I64, g->r[4 + i], t);
        }
        ir_exit_tb(b);
        InterpCode *code = interp_compile(b);
        JitFn fn = compile(b, st);
        for (int run = 0; run < 2; run++) {
            rir_randomize_state(g, cpu);
            cpu->r[0] = c64[k].x, cpu->r[1] = c64[k].y;
            cpu->w[0] = c32[k].x, cpu->w[1] = c32[k].y;
            int ret = run ? fn(&cpu->cs, 0) : interp_exec(&cpu->cs, code, b->pc);
            const uint64_t got[8] = { cpu->r[2], cpu->r[3], cpu->r[4], cpu->r[5],
                                      cpu->w[2], cpu->w[3], cpu->r[6], cpu->r[7] };
            const uint64_t exp[8] = { c64[k].div, c64[k].divu, c64[k].rem, c64[k].remu,
                                      c32[k].div, c32[k].divu, c32[k].rem, c32[k].remu };
            for (int i = 0; i < 8; i++) {
                if (got[i] != exp[i] || ret != EXEC_EXIT_LOOKUP) {
                    fprintf(stderr, "FAIL division case %d (%s), %s_i%d: 0x%llx, want 0x%llx\n",
                            k, run ? "jit" : "interp", ir_op_defs[ops[i % 4]].name,
                            i < 4 ? 64 : 32, (unsigned long long)got[i],
                            (unsigned long long)exp[i]);
                    failed++;
                }
            }
        }
        jit_uninstall(fn);
        interp_free(code);
    }
    return failed;
}

/* ---- timings ---- */

/* ~n ALU ops over the globals, ending in goto_tb. */
static void alu_block(RandomIr *g, int n)
{
    IrBlock *b = g->b;
    ir_block_reset(b, 0x1000);
    static const IrOpc ops[] = { IR_ADD, IR_XOR, IR_SHL, IR_SUB, IR_AND, IR_OR, IR_SHR };
    for (int i = 0; i < n; i++) {
        IrTemp d = g->r[i % 8], x = g->r[(i + 3) % 8];
        if (i % 3 == 2) {
            ir_binopi(b, ops[i % 7], IR_I64, d, x, (uint64_t)(i % 13 + 1));
        } else {
            ir_binop(b, ops[i % 7], IR_I64, d, x, g->r[(i + 5) % 8]);
        }
    }
    ir_movi(b, IR_I64, g->pc, 0x1000);
    ir_goto_tb(b, 0);
}

/* loads and stores that hit the TLB */
static void mem_block(RandomIr *g, int n)
{
    IrBlock *b = g->b;
    ir_block_reset(b, 0x1000);
    IrTemp addr = ir_temp(b, IR_I64), v = ir_temp(b, IR_I64);
    for (int i = 0; i < n; i++) {
        ir_binopi(b, IR_ADD, IR_I64, addr, g->r[0], (uint64_t)(8 * (i % 64)));
        ir_qemu_ld(b, IR_I64, v, addr, IR_MO_64, 0, 0);
        ir_binop(b, IR_ADD, IR_I64, g->r[1], g->r[1], v);
        ir_qemu_st(b, IR_I64, g->r[1], addr, IR_MO_64, 0, 0);
    }
    ir_exit_tb(b);
}

static void time_block(const char *name, RandomIr *g, TestCPU *cpu, int insns, long iters)
{
    Stats st = { 0 };
    ir_optimize(g->b);
    InterpCode *code = interp_compile(g->b);
    JitFn fn = compile(g->b, &st);
    if (!code || !fn) {
        printf("  %s: compile failed\n", name);
        return;
    }
    cpu->r[0] = RIR_GUEST_PAGE;
    double t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        interp_exec(&cpu->cs, code, g->b->pc);
    }
    double t1 = now_ns();
    cpu->r[0] = RIR_GUEST_PAGE;
    for (long i = 0; i < iters; i++) {
        fn(&cpu->cs, 0);
    }
    double t2 = now_ns();
    double ni = (t1 - t0) / (double)iters, nj = (t2 - t1) / (double)iters;
    printf("  %-22s interp %7.1f ns/run (%.2f ns/op)   jit %7.1f ns/run (%.2f ns/op)   "
           "x%.1f   module %zu bytes\n",
           name, ni, ni / insns, nj, nj / insns, ni / nj, st.bytes);
    jit_uninstall(fn);
    interp_free(code);
}

int main(int argc, char **argv)
{
    int blocks = argc > 1 ? atoi(argv[1]) : 1000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
    TestCPU *cpu = rir_new_cpu();
    TestCPU *start = malloc(sizeof(TestCPU)), *want = malloc(sizeof(TestCPU));
    RandomIr g;
    rir_init(&g, seed);
    Stats st = { 0 };
    int passed = 0, failed = 0;
    for (int i = 0; i < blocks; i++) {
        rir_block(&g, 60);
        for (int opt = 0; opt < 2; opt++) {
            if (opt) {
                ir_optimize(g.b);
            }
            if (check_block(&g, cpu, start, want, &st, i, opt)) {
                passed++;
            } else if (++failed >= 10) {
                fprintf(stderr, "too many failures, stopping\n");
                i = blocks;
                break;
            }
        }
    }
    if (check_division_edges(&g, cpu, &st)) {
        failed++;
    } else {
        passed++;
    }
    int regions = blocks / 2;
    for (int i = 0; i < regions && failed < 10; i++) {
        if (check_region(&g, cpu, start, want, &st, i)) {
            passed++;
        } else {
            failed++;
        }
    }
    if (st.modules) {
        printf("random blocks and %d regions:", regions);
        printf("  %d modules, %.0f bytes avg, codegen %.1f us avg, "
               "install (compile+instantiate+register) %.1f us avg\n",
               st.modules, (double)st.bytes / st.modules, st.gen_ns / st.modules / 1e3,
               st.install_ns / st.modules / 1e3);
        printf("runs: %ld goto_tb 0, %ld goto_tb 1, %ld exit_tb, %ld exceptions (%ld page "
               "faults, %ld misaligned, %ld raised by helpers); %ld with TLB fills\n",
               st.exits[0], st.exits[1], st.exits[2], st.exits[3], st.page_faults,
               st.misaligned, st.helper_raises, st.fills);
    }
    if (!failed && !getenv("JIT_TEST_NO_TIMING")) {
        printf("timings (optimized blocks, %s):\n", "same CPU state, 200k runs each");
        rir_randomize_state(&g, cpu);
        alu_block(&g, 64);
        time_block("64 ALU ops", &g, cpu, 64, 200000);
        mem_block(&g, 16);
        time_block("16x (ld, add, st)", &g, cpu, 48, 200000);
    }
    printf("%d passed, %d failed\n", passed, failed);
    free(g.b);
    free(cpu);
    free(start);
    free(want);
    return failed ? 1 : 0;
}
