/*
 * test/wasm/random_ir.h — random IR blocks for the Wasm back end's tests, and the test
 * CPU they run on.  Shared by test/unit/test_wasm_codegen.c (native: every block must
 * be a valid module) and test/wasm/test_jit.c (Node: the JIT must match the
 * interpreter).
 *
 * A block is a random mix of every IR op on both types: arithmetic with "interesting"
 * values (0, -1, MIN, shifts by 31/32/63...), setcond/movcond with all conditions,
 * width changes, forward branches over nested regions (with early exits inside),
 * guest loads/stores through the TLB (fast-path hits in mmu mode 0, fills through the
 * slow path in mode 1, misaligned accesses, page faults, must-align faults), CPU state
 * fields (ld_env/st_env), helper calls (pure, state-writing, raising) and fences.
 * Temps are only read after they are written on every path (an undefined temp is the
 * one thing the interpreter and the JIT may legitimately disagree on).
 */
#ifndef TEST_WASM_RANDOM_IR_H
#define TEST_WASM_RANDOM_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/tlb.h"
#include "tcg/ir.h"

#define RIR_GUEST_PAGE 0x80001000ull /* the only mapped guest page */
#define RIR_UNMAPPED 0x5000ull
#define RIR_MEM_SIZE 4096
#define RIR_NT 6 /* scratch temps per type */

typedef struct TestCPU {
    CPUState cs; /* must be first: env == &cpu->cs */
    uint64_t r[8];
    uint32_t w[4];
    uint64_t field64;
    uint32_t field32;
    uint8_t field8[8];
    /* what the helpers and the TLB fill saw */
    uint32_t calls;
    uint32_t fills;
    uint32_t misaligned;
    uint64_t args[4];
    uint8_t mem[RIR_MEM_SIZE] __attribute__((aligned(16))); /* guest page RIR_GUEST_PAGE */
} TestCPU;

#define RIR_OFF_R(i) ((uint32_t)(offsetof(TestCPU, r) + 8 * (i)))
#define RIR_OFF_W(i) ((uint32_t)(offsetof(TestCPU, w) + 4 * (i)))

static inline void rir_map_page(TestCPU *cpu, unsigned mmu_idx)
{
    TlbEntry *e = tlb_entry(&cpu->cs.tlb, mmu_idx, RIR_GUEST_PAGE);
    e->addr_read = RIR_GUEST_PAGE;
    e->addr_write = RIR_GUEST_PAGE;
    e->addr_code = RIR_GUEST_PAGE;
    e->addend = (uint64_t)((uintptr_t)cpu->mem - (uintptr_t)RIR_GUEST_PAGE);
    e->paddr = RIR_GUEST_PAGE;
}

/* Only the test page exists; other mmu modes get it on demand. */
static inline bool rir_tlb_fill(CPUState *cs, uint64_t vaddr, int access, int mmu_idx)
{
    TestCPU *cpu = (TestCPU *)cs;
    (void)access;
    cpu->fills++;
    if ((vaddr & TLB_PAGE_MASK) != RIR_GUEST_PAGE) {
        cpu_raise(cs, 13, vaddr);
        return false;
    }
    rir_map_page(cpu, (unsigned)mmu_idx);
    return true;
}

static inline void rir_raise_misaligned(CPUState *cs, uint64_t vaddr, int access)
{
    ((TestCPU *)cs)->misaligned++;
    cpu_raise(cs, access == TLB_ACCESS_WRITE ? 6 : 4, vaddr);
}

static const CPUArchOps rir_arch = {
    .name = "test",
    .tlb_fill = rir_tlb_fill,
    .raise_misaligned = rir_raise_misaligned,
};

static inline TestCPU *rir_new_cpu(void)
{
    TestCPU *cpu = calloc(1, sizeof(TestCPU));
    cpu->cs.excp_index = -1;
    cpu->cs.arch = &rir_arch;
    for (int m = 0; m < TLB_MMU_MODES; m++) {
        for (int i = 0; i < TLB_ENTRIES; i++) {
            TlbEntry *e = &cpu->cs.tlb.e[m][i];
            e->addr_read = e->addr_write = e->addr_code = UINT64_MAX; /* invalid */
        }
    }
    rir_map_page(cpu, 0);
    return cpu;
}

/* ---- helpers ---- */

static inline uint64_t rir_h_mix(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)env;
    return a * 3 + (b ^ (c >> 3)) + (d << 1);
}
static inline uint64_t rir_h_bump(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    TestCPU *cpu = env;
    cpu->calls++;
    cpu->args[0] = a, cpu->args[1] = b, cpu->args[2] = c, cpu->args[3] = d;
    cpu->r[0] += a;
    cpu->w[1] ^= (uint32_t)b;
    return cpu->r[1];
}
static inline uint64_t rir_h_raise(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    TestCPU *cpu = env;
    (void)c, (void)d;
    cpu->calls++;
    cpu->r[7] ^= b;
    if ((a & 0xf) == 5) {
        cpu_raise(&cpu->cs, 3, a);
    }
    return a + 1;
}
static const IrHelper rir_mix = { rir_h_mix, "mix", IR_CALL_PURE };
static const IrHelper rir_bump = { rir_h_bump, "bump", IR_CALL_RW_GLOBALS };
static const IrHelper rir_raise = { rir_h_raise, "raise", IR_CALL_MAY_RAISE | IR_CALL_RW_GLOBALS };

/* ---- the generator ---- */

typedef struct RandomIr {
    IrBlock *b;
    uint64_t s;
    IrTemp pc, r[8], w[4];
    IrTemp t64[RIR_NT], t32[RIR_NT];
    bool def64[RIR_NT], def32[RIR_NT];
} RandomIr;

static inline uint64_t rir_rand(RandomIr *g)
{
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return g->s;
}

static inline unsigned rir_pick(RandomIr *g, unsigned n)
{
    return (unsigned)(rir_rand(g) % n);
}

/* Allocates the block and registers the globals (pc, r0-r7 I64, w0-w3 I32). */
static inline void rir_init(RandomIr *g, uint64_t seed)
{
    static const char *const names[] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
    memset(g, 0, sizeof(*g));
    g->s = seed * 0x9e3779b97f4a7c15ull + 1;
    g->b = calloc(1, sizeof(IrBlock));
    ir_block_reset(g->b, 0x1000);
    g->pc = ir_global(g->b, IR_I64, (uint32_t)offsetof(CPUState, pc), "pc");
    for (int i = 0; i < 8; i++) {
        g->r[i] = ir_global(g->b, IR_I64, RIR_OFF_R(i), names[i]);
    }
    for (int i = 0; i < 4; i++) {
        g->w[i] = ir_global(g->b, IR_I32, RIR_OFF_W(i), names[i]);
    }
    ir_block_reset(g->b, 0x1000);
}

static inline uint64_t rir_interesting(RandomIr *g)
{
    static const uint64_t vals[] = { 0, 1, 2, 3, 5, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff,
                                     0x8000, 0x7fffffff, 0x80000000, 0xffffffff,
                                     0x100000000ull, 1ull << 63, UINT64_MAX, UINT64_MAX - 1,
                                     0xffffffff80000000ull };
    switch (rir_pick(g, 3)) {
    case 0: return vals[rir_pick(g, sizeof(vals) / sizeof(vals[0]))];
    case 1: return rir_pick(g, 16);
    default: return rir_rand(g);
    }
}

static inline IrTemp rir_global_of(RandomIr *g, IrType t)
{
    return t == IR_I64 ? g->r[rir_pick(g, 8)] : g->w[rir_pick(g, 4)];
}

static inline IrTemp rir_src(RandomIr *g, IrType t)
{
    unsigned r = rir_pick(g, 10);
    if (r < 2) {
        return ir_const(g->b, t, rir_interesting(g));
    }
    if (r < 6) {
        return rir_global_of(g, t);
    }
    unsigned i = rir_pick(g, RIR_NT);
    bool *def = t == IR_I64 ? g->def64 : g->def32;
    for (unsigned k = 0; k < RIR_NT; k++) {
        if (def[(i + k) % RIR_NT]) {
            return t == IR_I64 ? g->t64[(i + k) % RIR_NT] : g->t32[(i + k) % RIR_NT];
        }
    }
    return rir_global_of(g, t);
}

static inline IrTemp rir_dst(RandomIr *g, IrType t)
{
    if (rir_pick(g, 2)) {
        return rir_global_of(g, t);
    }
    unsigned i = rir_pick(g, RIR_NT);
    if (t == IR_I64) {
        g->def64[i] = true;
        return g->t64[i];
    }
    g->def32[i] = true;
    return g->t32[i];
}

static const IrOpc rir_binops[] = { IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR, IR_XOR, IR_ANDC,
                                    IR_ORC, IR_EQV, IR_SHL, IR_SHR, IR_SAR, IR_ROTL, IR_ROTR,
                                    IR_MULUH, IR_MULSH, IR_MULSUH, IR_DIV, IR_DIVU, IR_REM,
                                    IR_REMU };
static const IrOpc rir_unops[] = { IR_MOV, IR_NEG, IR_NOT, IR_CLZ, IR_CTZ, IR_CTPOP,
                                   IR_EXT8S, IR_EXT8U, IR_EXT16S, IR_EXT16U };

static inline IrCond rir_cond(RandomIr *g)
{
    /* now and then the folding-only conditions */
    return (IrCond)(rir_pick(g, 16) == 0 ? IR_COND_ALWAYS + rir_pick(g, 2) : rir_pick(g, 10));
}

static inline void rir_guest_access(RandomIr *g, IrType t)
{
    IrBlock *b = g->b;
    unsigned size = rir_pick(g, 4);
    unsigned memop = size | (rir_pick(g, 2) ? IR_MO_SIGN : 0) |
                     (rir_pick(g, 4) == 0 ? IR_MO_ALIGN : 0);
    IrType vt = size == 3 ? IR_I64 : t;
    uint64_t off = (uint64_t)rir_pick(g, 64) << size;
    if (rir_pick(g, 6) == 0) {
        off += 1 + rir_pick(g, 3); /* misaligned: slow path (or a must-align fault) */
    }
    if (rir_pick(g, 32) == 0) {
        off = RIR_MEM_SIZE - 1 - rir_pick(g, 3); /* crosses into an unmapped page */
    }
    uint64_t page = rir_pick(g, 20) == 0 ? RIR_UNMAPPED : RIR_GUEST_PAGE;
    IrTemp addr;
    if (rir_pick(g, 2)) {
        addr = ir_const(b, IR_I64, page + off);
    } else {
        /* computed at run time from a temp */
        addr = ir_temp(b, IR_I64);
        ir_movi(b, IR_I64, addr, page);
        ir_binopi(b, IR_ADD, IR_I64, addr, addr, off);
    }
    unsigned mmu = rir_pick(g, 4) == 0 ? 1 : 0; /* mode 1 is filled by the slow path */
    uint32_t pcoff = 4 * rir_pick(g, 16);
    if (rir_pick(g, 2)) {
        IrTemp v = rir_src(g, vt);
        ir_qemu_st(b, vt, v, addr, memop & (IR_MO_SIZE | IR_MO_ALIGN), mmu, pcoff);
    } else {
        ir_qemu_ld(b, vt, rir_dst(g, vt), addr, memop, mmu, pcoff);
    }
}

static inline void rir_env_access(RandomIr *g, IrType t)
{
    IrBlock *b = g->b;
    unsigned size = rir_pick(g, t == IR_I64 ? 4 : 3);
    unsigned memop = size | (rir_pick(g, 2) ? IR_MO_SIGN : 0);
    uint32_t off;
    switch (size) {
    case 3: off = offsetof(TestCPU, field64); break;
    case 2: off = rir_pick(g, 2) ? offsetof(TestCPU, field32) : offsetof(TestCPU, field64) + 4; break;
    default: off = (uint32_t)(offsetof(TestCPU, field8) + rir_pick(g, 4) * 2); break;
    }
    if (rir_pick(g, 2)) {
        ir_ld_env(b, t, rir_dst(g, t), off, memop);
    } else {
        ir_st_env(b, t, rir_src(g, t), off, memop & IR_MO_SIZE);
    }
}

static inline void rir_op(RandomIr *g)
{
    IrBlock *b = g->b;
    IrType t = rir_pick(g, 3) ? IR_I64 : IR_I32;
    switch (rir_pick(g, 14)) {
    case 0: case 1: case 2: case 3: {
        IrOpc opc = rir_binops[rir_pick(g, sizeof(rir_binops) / sizeof(rir_binops[0]))];
        IrTemp x = rir_src(g, t), y = rir_src(g, t);
        if (rir_pick(g, 8) == 0) {
            y = x;
        }
        ir_binop(b, opc, t, rir_dst(g, t), x, y);
        break;
    }
    case 4: case 5: {
        IrOpc opc = rir_unops[rir_pick(g, sizeof(rir_unops) / sizeof(rir_unops[0]))];
        IrTemp x = rir_src(g, t);
        ir_unop(b, opc, t, rir_dst(g, t), x);
        break;
    }
    case 6: {
        static const IrOpc wide[] = { IR_EXT32S, IR_EXT32U, IR_EXTI32S, IR_EXTI32U, IR_TRUNC };
        IrOpc opc = wide[rir_pick(g, 5)];
        IrType in = opc == IR_EXTI32S || opc == IR_EXTI32U ? IR_I32 : IR_I64;
        IrType out = opc == IR_TRUNC ? IR_I32 : IR_I64;
        IrTemp x = rir_src(g, in);
        ir_unop(b, opc, out, rir_dst(g, out), x);
        break;
    }
    case 7: {
        IrCond c = rir_cond(g);
        IrTemp x = rir_src(g, t), y = rir_src(g, t);
        if (rir_pick(g, 2)) {
            ir_setcond(b, t, c, rir_dst(g, t), x, y);
        } else {
            IrTemp vt = rir_src(g, t), vf = rir_src(g, t);
            ir_movcond(b, t, c, rir_dst(g, t), x, y, vt, vf);
        }
        break;
    }
    case 8: case 9:
        rir_guest_access(g, t);
        break;
    case 10:
        rir_env_access(g, t);
        break;
    case 11: {
        unsigned k = rir_pick(g, 3);
        const IrHelper *h = k == 0 ? &rir_bump : k == 1 ? &rir_mix : &rir_raise;
        IrTemp a0 = rir_src(g, IR_I64), a1 = rir_src(g, IR_I32);
        IrTemp a2 = rir_pick(g, 2) ? rir_src(g, IR_I64) : IR_NO_TEMP;
        IrTemp a3 = rir_pick(g, 2) ? rir_src(g, IR_I32) : IR_NO_TEMP;
        IrTemp out = rir_pick(g, 4) ? rir_dst(g, t) : IR_NO_TEMP;
        if (h == &rir_raise) {
            ir_movi(b, IR_I64, g->pc, 0x1000 + 4 * rir_pick(g, 16));
        }
        ir_call(b, h, t, out, a0, a1, a2, a3);
        break;
    }
    case 12:
        if (rir_pick(g, 4) == 0) {
            ir_fence(b);
            break;
        }
        /* fall through */
    default: {
        IrTemp x = rir_src(g, t);
        ir_mov(b, t, rir_dst(g, t), x);
        break;
    }
    }
}

/* A region skipped by a forward branch: temps first defined inside are undefined after. */
static inline void rir_region(RandomIr *g, int depth)
{
    IrBlock *b = g->b;
    bool def64[RIR_NT], def32[RIR_NT];
    memcpy(def64, g->def64, sizeof(def64));
    memcpy(def32, g->def32, sizeof(def32));
    IrLabel l = ir_label_new(b);
    IrType t = rir_pick(g, 2) ? IR_I64 : IR_I32;
    unsigned kind = rir_pick(g, 4);
    if (kind == 0) {
        ir_br(b, l);
    } else {
        IrTemp x = rir_src(g, t), y = rir_src(g, t);
        ir_brcond(b, t, rir_cond(g), x, y, l);
    }
    int n = (int)rir_pick(g, 6);
    for (int i = 0; i < n; i++) {
        if (depth < 3 && rir_pick(g, 4) == 0) {
            rir_region(g, depth + 1);
        } else {
            rir_op(g);
        }
    }
    if (kind == 1 && rir_pick(g, 2)) {
        ir_movi(b, IR_I64, g->pc, 0x4000);
        if (rir_pick(g, 2)) {
            ir_goto_tb(b, 1);
        } else {
            ir_exit_tb(b);
        }
    }
    if (rir_pick(g, 3) == 0) {
        ir_label(b, ir_label_new(b)); /* a label nobody branches to */
    }
    ir_label(b, l);
    memcpy(g->def64, def64, sizeof(def64));
    memcpy(g->def32, def32, sizeof(def32));
}

/* Build a random block into g->b (n_ops_max: roughly the number of ops). */
static inline void rir_block(RandomIr *g, int n_ops_max)
{
    IrBlock *b = g->b;
    ir_block_reset(b, 0x1000 + 0x100 * rir_pick(g, 16));
    memset(g->def64, 0, sizeof(g->def64));
    memset(g->def32, 0, sizeof(g->def32));
    for (int i = 0; i < RIR_NT; i++) {
        g->t64[i] = ir_temp(b, IR_I64);
        g->t32[i] = ir_temp(b, IR_I32);
    }
    int n = 1 + (int)rir_pick(g, (unsigned)n_ops_max);
    for (int i = 0; i < n; i++) {
        if (rir_pick(g, 8) == 0) {
            rir_region(g, 0);
        } else {
            rir_op(g);
        }
    }
    ir_movi(b, IR_I64, g->pc, 0x2000 + 4 * rir_pick(g, 64));
    switch (rir_pick(g, 3)) {
    case 0: ir_goto_tb(b, 0); break;
    case 1: ir_goto_tb(b, 1); break;
    default: ir_exit_tb(b); break;
    }
}

/* Random initial guest state. */
static inline void rir_randomize_state(RandomIr *g, TestCPU *cpu)
{
    for (int i = 0; i < 8; i++) {
        cpu->r[i] = rir_interesting(g);
    }
    for (int i = 0; i < 4; i++) {
        cpu->w[i] = (uint32_t)rir_interesting(g);
    }
    cpu->field64 = rir_rand(g);
    cpu->field32 = (uint32_t)rir_rand(g);
    for (int i = 0; i < 8; i++) {
        cpu->field8[i] = (uint8_t)rir_rand(g);
    }
    for (int i = 0; i < RIR_MEM_SIZE; i += 8) {
        uint64_t v = rir_rand(g);
        memcpy(cpu->mem + i, &v, 8);
    }
    cpu->cs.pc = 0x1000;
    cpu->cs.excp_index = -1;
    cpu->cs.excp_tval = 0;
    cpu->calls = cpu->fills = cpu->misaligned = 0;
}

#endif
