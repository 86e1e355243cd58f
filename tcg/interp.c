/*
 * tcg/interp.c — the IR interpreter.
 *
 * interp_compile turns an IrBlock into bytecode: a flat array of 32-bit words, each
 * instruction an opcode word followed by its operands.  Register operands are byte
 * offsets from the CPUState pointer: a global's own field, or a slot of cpu->frame for
 * temps (and for the few constants that have no immediate form; those are stored into
 * their slots by a prologue at TB entry).  Opcodes are specialized by type (32/64), by
 * register/immediate second operand, and by condition, so each handler is a handful of
 * host instructions.  Branch targets are word offsets relative to the branch.
 *
 * Dispatch is a computed goto under gcc/clang on native hosts and a dense switch under
 * emscripten (Wasm has no indirect goto; a switch becomes one br_table).
 */
#include "core/guest_ram.h"
#include "core/relaxed.h"
#include "tcg/interp.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/tlb.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the interpreter reads the low half of a 64-bit slot at its own address"
#endif

#if defined(__GNUC__) && !defined(__EMSCRIPTEN__)
#define USE_COMPUTED_GOTO 1
#else
#define USE_COMPUTED_GOTO 0
#endif

#define LIKELY(x) __builtin_expect(!!(x), 1)

struct InterpCode {
    uint32_t nwords;
    uint32_t words[];
};

/* ---- the bytecode instruction set ----
 * Suffixes: rr = both operands in registers, ri = second operand immediate (one word for
 * 32-bit ops, two for 64-bit), 32/64 = operation width. */

/* Binary ops with register operands: IR name, bytecode name. */
#define BINOPS(P, X)                                                                   \
    P(X, ADD, add) P(X, SUB, sub) P(X, MUL, mul) P(X, AND, and) P(X, OR, or)           \
    P(X, XOR, xor) P(X, ANDC, andc) P(X, ORC, orc) P(X, EQV, eqv) P(X, SHL, shl)       \
    P(X, SHR, shr) P(X, SAR, sar) P(X, ROTL, rotl) P(X, ROTR, rotr)                    \
    P(X, MULUH, muluh) P(X, MULSH, mulsh) P(X, MULSUH, mulsuh) P(X, DIV, div)          \
    P(X, DIVU, divu) P(X, REM, rem) P(X, REMU, remu)

/* Binary ops that also have an immediate form (SUB and ROTR are rewritten into ADD and
 * ROTL with an adjusted immediate). */
#define BINOPS_IMM(P, X)                                                               \
    P(X, ADD, add) P(X, MUL, mul) P(X, AND, and) P(X, OR, or) P(X, XOR, xor)            \
    P(X, SHL, shl) P(X, SHR, shr) P(X, SAR, sar) P(X, ROTL, rotl)

/* Unary ops of the same type. */
#define UNOPS(P, X)                                                                    \
    P(X, NEG, neg) P(X, NOT, not) P(X, CLZ, clz) P(X, CTZ, ctz) P(X, CTPOP, ctpop)     \
    P(X, EXT8S, ext8s) P(X, EXT8U, ext8u) P(X, EXT16S, ext16s) P(X, EXT16U, ext16u)

/* Conditions in IrCond order (the opcode is the family's first + cond). */
#define CONDS(X, fam)                                                                  \
    X(fam##_eq) X(fam##_ne) X(fam##_lt) X(fam##_ge) X(fam##_le) X(fam##_gt)            \
    X(fam##_ltu) X(fam##_geu) X(fam##_leu) X(fam##_gtu)

#define PAIR_RR(X, U, n) X(n##_rr32) X(n##_rr64)
#define PAIR_RI(X, U, n) X(n##_ri32) X(n##_ri64)
#define PAIR_UN(X, U, n) X(n##_32) X(n##_64)

#define ALL_OPS(X)                                                                     \
    X(end) X(goto_tb) X(exit_tb) X(br) X(fence)                                        \
    X(mov_32) X(mov_64) X(movi_32) X(movi_64) X(ext32s) X(ext32u)                       \
    BINOPS(PAIR_RR, X) BINOPS_IMM(PAIR_RI, X) UNOPS(PAIR_UN, X)                        \
    CONDS(X, setcond_rr32) CONDS(X, setcond_rr64) CONDS(X, setcond_ri32)               \
    CONDS(X, setcond_ri64) CONDS(X, brcond_rr32) CONDS(X, brcond_rr64)                 \
    CONDS(X, brcond_ri32) CONDS(X, brcond_ri64)                                        \
    X(movcond_32) X(movcond_64)                                                        \
    X(ld8u_64) X(ld8s_64) X(ld16u_64) X(ld16s_64) X(ld32u_64) X(ld32s_64) X(ld64_64)   \
    X(ld8u_32) X(ld8s_32) X(ld16u_32) X(ld16s_32) X(ld32_32)                           \
    X(st8) X(st16) X(st32) X(st64)                                                     \
    X(ld_env) X(st_env) X(call) X(call_raise)

#define ENUM_ENTRY(n) OP_##n,
enum { ALL_OPS(ENUM_ENTRY) OP_COUNT };

#define TABLE_RR(X, U, n) [IR_##U] = { OP_##n##_rr32, OP_##n##_rr64 },
#define TABLE_RI(X, U, n) [IR_##U] = { OP_##n##_ri32, OP_##n##_ri64 },
#define TABLE_UN(X, U, n) [IR_##U] = { OP_##n##_32, OP_##n##_64 },
/* 0 (OP_end) means "no such form". */
static const uint16_t op_rr[IR_OPC_COUNT][2] = { BINOPS(TABLE_RR, _) };
static const uint16_t op_ri[IR_OPC_COUNT][2] = { BINOPS_IMM(TABLE_RI, _) };
static const uint16_t op_un[IR_OPC_COUNT][2] = { UNOPS(TABLE_UN, _) };

/* ---- operation semantics (must agree with ir_eval_op in tcg/ir.c) ---- */

/* ThreadSanitizer builds do not instrument the interpreter loop and its inline helpers:
 * their accesses are to this vCPU's own state and temp frame, to TB bytecode that is
 * immutable once published, and to guest RAM (whose races are the guest's business,
 * core/guest_ram.h).  Instrumented, they made a Linux boot ~15x slower; the engine's shared
 * structures are all touched outside them (core/tb.c, core/tlb.c, core/vcpu.c, devices)
 * and stay checked.  (GCC does not inline across the attribute, hence it on each.) */
#if defined(__SANITIZE_THREAD__)
#define INTERP_NO_TSAN __attribute__((no_sanitize_thread))
#else
#define INTERP_NO_TSAN
#endif

INTERP_NO_TSAN static inline uint64_t mulu64_hi(uint64_t a, uint64_t b)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

#define DEF_OP(n, ex64, ex32)                                                          \
    static inline uint64_t f64_##n(uint64_t x, uint64_t y) { (void)y; return ex64; }   \
    static inline uint32_t f32_##n(uint32_t x, uint32_t y) { (void)y; return ex32; }

DEF_OP(add, x + y, x + y)
DEF_OP(sub, x - y, x - y)
DEF_OP(mul, x * y, x * y)
DEF_OP(and, x & y, x & y)
DEF_OP(or, x | y, x | y)
DEF_OP(xor, x ^ y, x ^ y)
DEF_OP(andc, x & ~y, x & ~y)
DEF_OP(orc, x | ~y, x | ~y)
DEF_OP(eqv, ~(x ^ y), ~(x ^ y))
DEF_OP(shl, x << (y & 63), x << (y & 31))
DEF_OP(shr, x >> (y & 63), x >> (y & 31))
DEF_OP(sar, (uint64_t)((int64_t)x >> (y & 63)), (uint32_t)((int32_t)x >> (y & 31)))
DEF_OP(rotl, (x << (y & 63)) | (x >> ((64 - (y & 63)) & 63)),
       (x << (y & 31)) | (x >> ((32 - (y & 31)) & 31)))
DEF_OP(rotr, (x >> (y & 63)) | (x << ((64 - (y & 63)) & 63)),
       (x >> (y & 31)) | (x << ((32 - (y & 31)) & 31)))
DEF_OP(muluh, mulu64_hi(x, y), (uint32_t)(((uint64_t)x * y) >> 32))
DEF_OP(mulsh, mulu64_hi(x, y) - ((int64_t)x < 0 ? y : 0) - ((int64_t)y < 0 ? x : 0),
       (uint32_t)((uint64_t)((int64_t)(int32_t)x * (int32_t)y) >> 32))
DEF_OP(mulsuh, mulu64_hi(x, y) - ((int64_t)x < 0 ? y : 0),
       (uint32_t)((uint64_t)((int64_t)(int32_t)x * (int64_t)y) >> 32))
/* Division: the IR's arch-neutral edge cases (tcg/ir.h "Division"): x/0 = 0, x%0 = x,
 * MIN/-1 = MIN, MIN%-1 = 0; the guards also keep C's undefined cases out. */
DEF_OP(div,
       y == 0 ? 0
       : ((int64_t)x == INT64_MIN && (int64_t)y == -1) ? x
                                                     : (uint64_t)((int64_t)x / (int64_t)y),
       y == 0 ? 0
       : ((int32_t)x == INT32_MIN && (int32_t)y == -1) ? x
                                                     : (uint32_t)((int32_t)x / (int32_t)y))
DEF_OP(divu, y == 0 ? 0 : x / y, y == 0 ? 0 : x / y)
DEF_OP(rem,
       y == 0 ? x
       : ((int64_t)x == INT64_MIN && (int64_t)y == -1) ? 0
                                                     : (uint64_t)((int64_t)x % (int64_t)y),
       y == 0 ? x
       : ((int32_t)x == INT32_MIN && (int32_t)y == -1) ? 0
                                                     : (uint32_t)((int32_t)x % (int32_t)y))
DEF_OP(remu, y == 0 ? x : x % y, y == 0 ? x : x % y)
DEF_OP(neg, -x, -x)
DEF_OP(not, ~x, ~x)
DEF_OP(clz, x ? (uint64_t)__builtin_clzll(x) : 64, x ? (uint32_t)__builtin_clz(x) : 32)
DEF_OP(ctz, x ? (uint64_t)__builtin_ctzll(x) : 64, x ? (uint32_t)__builtin_ctz(x) : 32)
DEF_OP(ctpop, (uint64_t)__builtin_popcountll(x), (uint32_t)__builtin_popcount(x))
DEF_OP(ext8s, (uint64_t)(int64_t)(int8_t)x, (uint32_t)(int32_t)(int8_t)x)
DEF_OP(ext8u, (uint8_t)x, (uint8_t)x)
DEF_OP(ext16s, (uint64_t)(int64_t)(int16_t)x, (uint32_t)(int32_t)(int16_t)x)
DEF_OP(ext16u, (uint16_t)x, (uint16_t)x)

#define DEF_CMP(n, ex64, ex32)                                                         \
    static inline uint64_t cmp64_##n(uint64_t x, uint64_t y) { return ex64; }          \
    static inline uint32_t cmp32_##n(uint32_t x, uint32_t y) { return ex32; }

DEF_CMP(eq, x == y, x == y)
DEF_CMP(ne, x != y, x != y)
DEF_CMP(lt, (int64_t)x < (int64_t)y, (int32_t)x < (int32_t)y)
DEF_CMP(ge, (int64_t)x >= (int64_t)y, (int32_t)x >= (int32_t)y)
DEF_CMP(le, (int64_t)x <= (int64_t)y, (int32_t)x <= (int32_t)y)
DEF_CMP(gt, (int64_t)x > (int64_t)y, (int32_t)x > (int32_t)y)
DEF_CMP(ltu, x < y, x < y)
DEF_CMP(geu, x >= y, x >= y)
DEF_CMP(leu, x <= y, x <= y)
DEF_CMP(gtu, x > y, x > y)

/* ---- operand access: B is the CPUState base, off a byte offset ---- */

INTERP_NO_TSAN static inline uint64_t rd64(const char *B, uint32_t off)
{
    uint64_t v;
    memcpy(&v, B + off, 8);
    return v;
}
INTERP_NO_TSAN static inline uint32_t rd32(const char *B, uint32_t off)
{
    uint32_t v;
    memcpy(&v, B + off, 4);
    return v;
}
INTERP_NO_TSAN static inline void wr64(char *B, uint32_t off, uint64_t v)
{
    memcpy(B + off, &v, 8);
}
INTERP_NO_TSAN static inline void wr32(char *B, uint32_t off, uint32_t v)
{
    memcpy(B + off, &v, 4);
}
INTERP_NO_TSAN static inline uint64_t imm64(const uint32_t *p)
{
    return (uint64_t)p[0] | ((uint64_t)p[1] << 32);
}

/* Call argument kinds, two bits each in the call's descriptor word. */
enum { ARG_NONE = 0, ARG_I32 = 1, ARG_I64 = 2 };

INTERP_NO_TSAN static inline uint64_t rd_arg(const char *B, uint32_t kinds, int i,
                                             uint32_t off)
{
    switch ((kinds >> (2 * i)) & 3) {
    case ARG_I32: return rd32(B, off);
    case ARG_I64: return rd64(B, off);
    default: return 0;
    }
}

INTERP_NO_TSAN static inline const TlbEntry *tlb_row(const char *B, uint32_t table_off,
                                                   uint64_t addr)
{
    return (const TlbEntry *)(const void *)(B + table_off) +
           ((addr >> TLB_PAGE_BITS) & (TLB_ENTRIES - 1));
}

INTERP_NO_TSAN static inline void *host_addr(uint64_t addr, const TlbEntry *e)
{
    return (void *)(uintptr_t)(addr + e->addend);
}

INTERP_NO_TSAN static bool cond_any(uint32_t cond, bool is64, uint64_t x, uint64_t y)
{
    return ir_cond_eval((IrCond)cond, is64 ? IR_I64 : IR_I32, x, y);
}

/* ---- the interpreter loop ---- */

#if USE_COMPUTED_GOTO
#define LABEL_ADDR(n) &&L_##n,
#define CASE(n) L_##n:
#define NEXT() goto *dispatch[*ip]
#define DISPATCH_BEGIN() NEXT();
#define DISPATCH_END()
#else
#define CASE(n) case OP_##n:
#define NEXT() continue
#define DISPATCH_BEGIN()                                                               \
    for (;;) {                                                                         \
        switch (*ip) {
#define DISPATCH_END()                                                                 \
        default:                                                                       \
            return EXEC_EXIT_LOOKUP;                                                   \
        }                                                                              \
    }
#endif

/* o = f(a, b) */
#define H_RR(n)                                                                        \
    CASE(n##_rr32) { wr32(B, ip[1], f32_##n(rd32(B, ip[2]), rd32(B, ip[3]))); ip += 4; NEXT(); } \
    CASE(n##_rr64) { wr64(B, ip[1], f64_##n(rd64(B, ip[2]), rd64(B, ip[3]))); ip += 4; NEXT(); }
#define H_RR_P(X, U, n) H_RR(n)
#define H_RI_P(X, U, n)                                                                \
    CASE(n##_ri32) { wr32(B, ip[1], f32_##n(rd32(B, ip[2]), ip[3])); ip += 4; NEXT(); }  \
    CASE(n##_ri64) { wr64(B, ip[1], f64_##n(rd64(B, ip[2]), imm64(ip + 3))); ip += 5; NEXT(); }
#define H_UN_P(X, U, n)                                                                \
    CASE(n##_32) { wr32(B, ip[1], f32_##n(rd32(B, ip[2]), 0)); ip += 3; NEXT(); }        \
    CASE(n##_64) { wr64(B, ip[1], f64_##n(rd64(B, ip[2]), 0)); ip += 3; NEXT(); }

#define H_SETCOND(c)                                                                   \
    CASE(setcond_rr32_##c) { wr32(B, ip[1], cmp32_##c(rd32(B, ip[2]), rd32(B, ip[3]))); ip += 4; NEXT(); } \
    CASE(setcond_rr64_##c) { wr64(B, ip[1], cmp64_##c(rd64(B, ip[2]), rd64(B, ip[3]))); ip += 4; NEXT(); } \
    CASE(setcond_ri32_##c) { wr32(B, ip[1], cmp32_##c(rd32(B, ip[2]), ip[3])); ip += 4; NEXT(); }          \
    CASE(setcond_ri64_##c) { wr64(B, ip[1], cmp64_##c(rd64(B, ip[2]), imm64(ip + 3))); ip += 5; NEXT(); }
/* brcond: a, b, rel (relative to the instruction's first word) */
#define H_BRCOND(c)                                                                    \
    CASE(brcond_rr32_##c) { ip += cmp32_##c(rd32(B, ip[1]), rd32(B, ip[2])) ? (int32_t)ip[3] : 4; NEXT(); } \
    CASE(brcond_rr64_##c) { ip += cmp64_##c(rd64(B, ip[1]), rd64(B, ip[2])) ? (int32_t)ip[3] : 4; NEXT(); } \
    CASE(brcond_ri32_##c) { ip += cmp32_##c(rd32(B, ip[1]), ip[2]) ? (int32_t)ip[3] : 4; NEXT(); }          \
    CASE(brcond_ri64_##c) { ip += cmp64_##c(rd64(B, ip[1]), imm64(ip + 2)) ? (int32_t)ip[4] : 5; NEXT(); }
#define H_COND(c) H_SETCOND(c) H_BRCOND(c)

/* Guest load: o, addr, tlb table offset, memop, mmu_idx, pcoff, guest insn index */
#define H_LD(n, SIZE, RAW_T, EXT_T, WR)                                                \
    CASE(n) {                                                                          \
        uint64_t addr = rd64(B, ip[2]);                                                \
        const TlbEntry *e = tlb_row(B, ip[3], addr);                                   \
        uint64_t v;                                                                    \
        if (LIKELY((addr & (TLB_PAGE_MASK | (SIZE - 1))) == e->addr_read)) {           \
            RAW_T raw;                                                                 \
            guest_ram_load(&raw, host_addr(addr, e), SIZE);                            \
            v = (uint64_t)(EXT_T)raw;                                                  \
        } else if (tlb_load_slow(cpu, addr, ip[4], ip[5], tb_pc + ip[6], &v)) {        \
            cpu->excp_insn = ip[7];                                                    \
            return EXEC_EXIT_EXCEPTION;                                                \
        }                                                                              \
        WR(B, ip[1], v);                                                               \
        ip += 8;                                                                       \
        NEXT();                                                                        \
    }
#define WR32(B, off, v) wr32(B, off, (uint32_t)(v))

/* Guest store: value, addr, tlb table offset, memop, mmu_idx, pcoff, guest insn index.  The value's low
 * SIZE bytes are at its own offset (little-endian), whatever its type. */
#define H_ST(n, SIZE)                                                                  \
    CASE(n) {                                                                          \
        uint64_t addr = rd64(B, ip[2]);                                                \
        const TlbEntry *e = tlb_row(B, ip[3], addr);                                   \
        if (LIKELY((addr & (TLB_PAGE_MASK | (SIZE - 1))) == e->addr_write)) {          \
            guest_ram_store(host_addr(addr, e), B + ip[1], SIZE);                      \
        } else {                                                                       \
            uint64_t v = 0;                                                            \
            memcpy(&v, B + ip[1], SIZE);                                               \
            if (tlb_store_slow(cpu, addr, v, ip[4], ip[5], tb_pc + ip[6])) {           \
                cpu->excp_insn = ip[7];                                                \
                return EXEC_EXIT_EXCEPTION;                                            \
            }                                                                          \
        }                                                                              \
        ip += 8;                                                                       \
        NEXT();                                                                        \
    }

/* Helper call: out (or UINT32_MAX), descriptor (arg kinds; out kind << 8), a0..a3, fn;
 * call_raise adds the guest insn index */
INTERP_NO_TSAN static inline uint64_t do_call(CPUState *cpu, const uint32_t *ip)
{
    const char *B = (const char *)cpu;
    uint32_t kinds = ip[2];
    IrHelperFn fn;
    memcpy(&fn, ip + 7, sizeof(fn));
    return fn(cpu, rd_arg(B, kinds, 0, ip[3]), rd_arg(B, kinds, 1, ip[4]),
              rd_arg(B, kinds, 2, ip[5]), rd_arg(B, kinds, 3, ip[6]));
}

INTERP_NO_TSAN static inline void call_result(char *B, const uint32_t *ip, uint64_t r)
{
    switch ((ip[2] >> 8) & 3) {
    case ARG_I32: wr32(B, ip[1], (uint32_t)r); break;
    case ARG_I64: wr64(B, ip[1], r); break;
    default: break;
    }
}

INTERP_NO_TSAN
int interp_exec(CPUState *cpu, const InterpCode *code, uint64_t tb_pc)
{
    char *const B = (char *)cpu;
    const uint32_t *ip = code->words;
#if USE_COMPUTED_GOTO
    static const void *const dispatch[OP_COUNT] = { ALL_OPS(LABEL_ADDR) };
#endif

    DISPATCH_BEGIN()

    CASE(end) { return EXEC_EXIT_LOOKUP; }
    CASE(goto_tb) { return (int)ip[1]; }
    CASE(exit_tb) { return EXEC_EXIT_LOOKUP; }
    CASE(br) { ip += (int32_t)ip[1]; NEXT(); }
    CASE(fence) { full_fence(); ip += 1; NEXT(); }

    CASE(mov_32) { wr32(B, ip[1], rd32(B, ip[2])); ip += 3; NEXT(); }
    CASE(mov_64) { wr64(B, ip[1], rd64(B, ip[2])); ip += 3; NEXT(); }
    CASE(movi_32) { wr32(B, ip[1], ip[2]); ip += 3; NEXT(); }
    CASE(movi_64) { wr64(B, ip[1], imm64(ip + 2)); ip += 4; NEXT(); }
    CASE(ext32s) { wr64(B, ip[1], (uint64_t)(int64_t)(int32_t)rd32(B, ip[2])); ip += 3; NEXT(); }
    CASE(ext32u) { wr64(B, ip[1], rd32(B, ip[2])); ip += 3; NEXT(); }

    BINOPS(H_RR_P, _)
    BINOPS_IMM(H_RI_P, _)
    UNOPS(H_UN_P, _)
    H_COND(eq) H_COND(ne) H_COND(lt) H_COND(ge) H_COND(le)
    H_COND(gt) H_COND(ltu) H_COND(geu) H_COND(leu) H_COND(gtu)

    /* o, a, b, t, f, cond */
    CASE(movcond_32) {
        bool c = cond_any(ip[6], false, rd32(B, ip[2]), rd32(B, ip[3]));
        wr32(B, ip[1], rd32(B, c ? ip[4] : ip[5]));
        ip += 7;
        NEXT();
    }
    CASE(movcond_64) {
        bool c = cond_any(ip[6], true, rd64(B, ip[2]), rd64(B, ip[3]));
        wr64(B, ip[1], rd64(B, c ? ip[4] : ip[5]));
        ip += 7;
        NEXT();
    }

    H_LD(ld8u_64, 1, uint8_t, uint8_t, wr64)
    H_LD(ld8s_64, 1, uint8_t, int8_t, wr64)
    H_LD(ld16u_64, 2, uint16_t, uint16_t, wr64)
    H_LD(ld16s_64, 2, uint16_t, int16_t, wr64)
    H_LD(ld32u_64, 4, uint32_t, uint32_t, wr64)
    H_LD(ld32s_64, 4, uint32_t, int32_t, wr64)
    H_LD(ld64_64, 8, uint64_t, uint64_t, wr64)
    H_LD(ld8u_32, 1, uint8_t, uint8_t, WR32)
    H_LD(ld8s_32, 1, uint8_t, int8_t, WR32)
    H_LD(ld16u_32, 2, uint16_t, uint16_t, WR32)
    H_LD(ld16s_32, 2, uint16_t, int16_t, WR32)
    H_LD(ld32_32, 4, uint32_t, uint32_t, WR32)
    H_ST(st8, 1)
    H_ST(st16, 2)
    H_ST(st32, 4)
    H_ST(st64, 8)

    /* o, env offset, memop, out is 64-bit */
    CASE(ld_env) {
        const char *p = B + ip[2];
        uint64_t v;
        switch (ip[3] & (IR_MO_SIZE | IR_MO_SIGN)) {
        case IR_MO_8: v = *(const uint8_t *)p; break;
        case IR_MO_8 | IR_MO_SIGN: v = (uint64_t)(int64_t)*(const int8_t *)p; break;
        case IR_MO_16: { uint16_t x; memcpy(&x, p, 2); v = x; break; }
        case IR_MO_16 | IR_MO_SIGN: { int16_t x; memcpy(&x, p, 2); v = (uint64_t)(int64_t)x; break; }
        case IR_MO_32: v = rd32(p, 0); break;
        case IR_MO_32 | IR_MO_SIGN: v = (uint64_t)(int64_t)(int32_t)rd32(p, 0); break;
        default: v = rd64(p, 0); break;
        }
        if (ip[4]) {
            wr64(B, ip[1], v);
        } else {
            wr32(B, ip[1], (uint32_t)v);
        }
        ip += 5;
        NEXT();
    }
    /* value, env offset, size in bytes */
    CASE(st_env) {
        switch (ip[3]) {
        case 1: memcpy(B + ip[2], B + ip[1], 1); break;
        case 2: memcpy(B + ip[2], B + ip[1], 2); break;
        case 4: memcpy(B + ip[2], B + ip[1], 4); break;
        default: memcpy(B + ip[2], B + ip[1], 8); break;
        }
        ip += 4;
        NEXT();
    }
    CASE(call) {
        call_result(B, ip, do_call(cpu, ip));
        ip += 9;
        NEXT();
    }
    CASE(call_raise) {
        uint64_t r = do_call(cpu, ip);
        if (cpu->excp_index >= 0) {
            cpu->excp_insn = ip[9];
            return EXEC_EXIT_EXCEPTION; /* the output is not written: the insn never completed */
        }
        call_result(B, ip, r);
        ip += 10;
        NEXT();
    }

    DISPATCH_END()
}

/* ---- compiling IR to bytecode ---- */

#define FRAME_OFFSET ((uint32_t)offsetof(CPUState, frame))
#define NOT_ASSIGNED UINT32_MAX
#define MAX_WORDS_PER_OP 10 /* call_raise: 10 */

typedef struct Fixup {
    uint32_t at;    /* word holding the relative target */
    uint32_t from;  /* first word of the branch instruction */
    uint32_t label;
} Fixup;

typedef struct Compiler {
    const IrBlock *b;
    uint32_t *body;            /* the TB's instructions */
    uint32_t nbody;
    uint32_t *prologue;        /* constants stored into frame slots at entry */
    uint32_t nprologue;
    uint32_t next_slot;
    uint32_t operand[IR_MAX_TEMPS];
    uint32_t label_at[IR_MAX_LABELS];
    uint32_t insn; /* the guest instruction being compiled (IR_INSN_START) */
    Fixup fixups[IR_MAX_OPS];
    uint32_t nfixups;
} Compiler;

static void emit(Compiler *c, uint32_t w)
{
    c->body[c->nbody++] = w;
}

static void emit_imm(Compiler *c, IrType t, uint64_t v)
{
    emit(c, (uint32_t)v);
    if (t == IR_I64) {
        emit(c, (uint32_t)(v >> 32));
    }
}

static uint32_t new_slot(Compiler *c)
{
    uint32_t slot = c->next_slot < CPU_FRAME_SLOTS ? c->next_slot++ : CPU_FRAME_SLOTS - 1;
    return FRAME_OFFSET + 8 * slot;
}

static bool is_const(const Compiler *c, uint32_t t)
{
    return t < (uint32_t)c->b->ntemps && c->b->temps[t].kind == IR_TEMP_CONST;
}

static uint64_t const_value(const Compiler *c, uint32_t t)
{
    return c->b->temps[t].value;
}

/* The register operand (byte offset from env) of a temp. */
static uint32_t reg(Compiler *c, uint32_t t)
{
    if (t >= (uint32_t)c->b->ntemps) {
        return new_slot(c); /* malformed IR: a scratch slot keeps the access in bounds */
    }
    if (c->operand[t] != NOT_ASSIGNED) {
        return c->operand[t];
    }
    const IrTempInfo *ti = &c->b->temps[t];
    uint32_t off;
    if (ti->kind == IR_TEMP_GLOBAL) {
        off = ti->offset;
    } else {
        off = new_slot(c);
        if (ti->kind == IR_TEMP_CONST) {
            uint32_t *p = c->prologue + c->nprologue;
            p[0] = ti->type == IR_I64 ? OP_movi_64 : OP_movi_32;
            p[1] = off;
            p[2] = (uint32_t)ti->value;
            p[3] = (uint32_t)(ti->value >> 32);
            c->nprologue += ti->type == IR_I64 ? 4 : 3;
        }
    }
    c->operand[t] = off;
    return off;
}

static void emit_branch_target(Compiler *c, uint32_t from, uint32_t label)
{
    c->fixups[c->nfixups++] = (Fixup){ .at = c->nbody, .from = from, .label = label };
    emit(c, 0);
}

static void compile_mov(Compiler *c, IrType t, uint32_t o, uint32_t i)
{
    if (o == i) {
        return;
    }
    if (is_const(c, i)) {
        uint32_t d = reg(c, o);
        emit(c, t == IR_I64 ? OP_movi_64 : OP_movi_32);
        emit(c, d);
        emit_imm(c, t, const_value(c, i));
        return;
    }
    uint32_t d = reg(c, o), s = reg(c, i);
    emit(c, t == IR_I64 ? OP_mov_64 : OP_mov_32);
    emit(c, d);
    emit(c, s);
}

static bool commutative(IrOpc opc)
{
    return opc == IR_ADD || opc == IR_MUL || opc == IR_AND || opc == IR_OR ||
           opc == IR_XOR || opc == IR_EQV || opc == IR_MULUH || opc == IR_MULSH;
}

static void compile_binop(Compiler *c, const IrOp *op)
{
    IrOpc opc = (IrOpc)op->opc;
    IrType t = (IrType)op->type;
    int is64 = t == IR_I64;
    uint32_t x = op->args[1], y = op->args[2];
    if (commutative(opc) && is_const(c, x) && !is_const(c, y)) {
        uint32_t tmp = x;
        x = y;
        y = tmp;
    }
    if (is_const(c, y)) {
        uint64_t v = const_value(c, y);
        uint64_t width = is64 ? 64 : 32;
        if (opc == IR_SUB) {
            opc = IR_ADD;
            v = -v;
        } else if (opc == IR_ROTR) {
            opc = IR_ROTL;
            v = (width - (v & (width - 1))) & (width - 1);
        } else if (opc == IR_SHL || opc == IR_SHR || opc == IR_SAR || opc == IR_ROTL) {
            v &= width - 1;
        }
        if (op_ri[opc][is64]) {
            uint32_t d = reg(c, op->args[0]), s = reg(c, x);
            emit(c, op_ri[opc][is64]);
            emit(c, d);
            emit(c, s);
            emit_imm(c, t, v);
            return;
        }
        opc = (IrOpc)op->opc; /* no immediate form: undo the rewrite */
    }
    uint32_t d = reg(c, op->args[0]), s1 = reg(c, x), s2 = reg(c, y);
    emit(c, op_rr[opc][is64]);
    emit(c, d);
    emit(c, s1);
    emit(c, s2);
}

static void compile_unop(Compiler *c, uint32_t bop, uint32_t o, uint32_t i)
{
    uint32_t d = reg(c, o), s = reg(c, i);
    emit(c, bop);
    emit(c, d);
    emit(c, s);
}

/* setcond (is_branch false: o, a, b) or brcond (a, b, label) */
static void compile_compare(Compiler *c, const IrOp *op, bool is_branch)
{
    IrType t = (IrType)op->type;
    int is64 = t == IR_I64;
    uint32_t from = c->nbody;
    uint32_t x = op->args[is_branch ? 0 : 1], y = op->args[is_branch ? 1 : 2];
    uint32_t cond = op->args[is_branch ? 2 : 3];
    if (is_const(c, x) && !is_const(c, y)) {
        uint32_t tmp = x;
        x = y;
        y = tmp;
        cond = (uint32_t)ir_cond_swap((IrCond)cond);
    }
    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER || cond > IR_COND_NEVER) {
        bool taken = cond == IR_COND_ALWAYS;
        if (!is_branch) {
            uint32_t d = reg(c, op->args[0]);
            emit(c, is64 ? OP_movi_64 : OP_movi_32);
            emit(c, d);
            emit_imm(c, t, taken);
        } else if (taken) {
            emit(c, OP_br);
            emit_branch_target(c, from, op->args[3]);
        }
        return;
    }
    uint32_t d = is_branch ? 0 : reg(c, op->args[0]);
    uint32_t base;
    if (is_const(c, y)) {
        base = is_branch ? (is64 ? OP_brcond_ri64_eq : OP_brcond_ri32_eq)
                         : (is64 ? OP_setcond_ri64_eq : OP_setcond_ri32_eq);
        uint32_t s = reg(c, x);
        emit(c, base + cond);
        if (!is_branch) {
            emit(c, d);
        }
        emit(c, s);
        emit_imm(c, t, const_value(c, y));
    } else {
        base = is_branch ? (is64 ? OP_brcond_rr64_eq : OP_brcond_rr32_eq)
                         : (is64 ? OP_setcond_rr64_eq : OP_setcond_rr32_eq);
        uint32_t s1 = reg(c, x), s2 = reg(c, y);
        emit(c, base + cond);
        if (!is_branch) {
            emit(c, d);
        }
        emit(c, s1);
        emit(c, s2);
    }
    if (is_branch) {
        emit_branch_target(c, from, op->args[3]);
    }
}

static void compile_movcond(Compiler *c, const IrOp *op)
{
    const uint32_t *a = op->args;
    uint32_t r[5];
    for (int i = 0; i < 5; i++) {
        r[i] = reg(c, a[i]);
    }
    emit(c, op->type == IR_I64 ? OP_movcond_64 : OP_movcond_32);
    for (int i = 0; i < 5; i++) {
        emit(c, r[i]);
    }
    emit(c, a[5]);
}

static void compile_guest_mem(Compiler *c, const IrOp *op)
{
    static const uint16_t loads64[8] = { OP_ld8u_64, OP_ld16u_64, OP_ld32u_64, OP_ld64_64,
                                         OP_ld8s_64, OP_ld16s_64, OP_ld32s_64, OP_ld64_64 };
    /* A 64-bit access into an I32 value is not valid IR; it is done as a 32-bit one. */
    static const uint16_t loads32[8] = { OP_ld8u_32, OP_ld16u_32, OP_ld32_32, OP_ld32_32,
                                         OP_ld8s_32, OP_ld16s_32, OP_ld32_32, OP_ld32_32 };
    static const uint16_t stores[4] = { OP_st8, OP_st16, OP_st32, OP_st64 };
    uint32_t memop = op->args[2];
    uint32_t mmu = op->args[3] % TLB_MMU_MODES;
    unsigned size = memop & IR_MO_SIZE;
    uint32_t bop;
    if (op->opc == IR_QEMU_LD) {
        unsigned key = size | (memop & IR_MO_SIGN);
        bop = op->type == IR_I64 ? loads64[key] : loads32[key];
    } else {
        bop = stores[op->type == IR_I32 && size == 3 ? 2 : size];
    }
    uint32_t v = reg(c, op->args[0]), addr = reg(c, op->args[1]);
    emit(c, bop);
    emit(c, v);
    emit(c, addr);
    emit(c, (uint32_t)(offsetof(CPUState, tlb) + sizeof(TlbEntry) * TLB_ENTRIES * mmu));
    emit(c, memop);
    emit(c, mmu);
    emit(c, op->args[4]);
    emit(c, c->insn); /* reported when it raises */
}

static void compile_env(Compiler *c, const IrOp *op)
{
    IrType t = (IrType)op->type;
    uint32_t memop = op->args[2];
    unsigned size = memop & IR_MO_SIZE;
    bool full_width = size == (t == IR_I64 ? 3u : 2u);
    uint32_t val = reg(c, op->args[0]);
    uint32_t field = op->args[1];
    if (op->opc == IR_LD_ENV) {
        if (full_width) {
            emit(c, t == IR_I64 ? OP_mov_64 : OP_mov_32);
            emit(c, val);
            emit(c, field);
            return;
        }
        emit(c, OP_ld_env);
        emit(c, val);
        emit(c, field);
        emit(c, memop);
        emit(c, t == IR_I64);
        return;
    }
    if (full_width) {
        emit(c, t == IR_I64 ? OP_mov_64 : OP_mov_32);
        emit(c, field);
        emit(c, val);
        return;
    }
    emit(c, OP_st_env);
    emit(c, val);
    emit(c, field);
    emit(c, t == IR_I32 && size == 3 ? 4 : 1u << size);
}

static void compile_call(Compiler *c, const IrOp *op)
{
    const IrBlock *b = c->b;
    const uint32_t *a = op->args;
    const IrHelper *h = a[5] < (uint32_t)b->nhelpers ? b->helpers[a[5]] : NULL;
    if (!h) {
        return; /* malformed IR */
    }
    uint32_t kinds = 0, offs[4] = { 0, 0, 0, 0 }, out = UINT32_MAX;
    for (int i = 0; i < 4; i++) {
        uint32_t t = a[1 + i];
        if (t != IR_NO_TEMP && t < (uint32_t)b->ntemps) {
            offs[i] = reg(c, t);
            kinds |= (uint32_t)(b->temps[t].type == IR_I64 ? ARG_I64 : ARG_I32) << (2 * i);
        }
    }
    if (a[0] != IR_NO_TEMP) {
        out = reg(c, a[0]);
        kinds |= (uint32_t)(op->type == IR_I64 ? ARG_I64 : ARG_I32) << 8;
    }
    emit(c, (h->flags & IR_CALL_MAY_RAISE) ? OP_call_raise : OP_call);
    emit(c, out);
    emit(c, kinds);
    for (int i = 0; i < 4; i++) {
        emit(c, offs[i]);
    }
    uint32_t fnwords[2] = { 0, 0 };
    IrHelperFn fn = h->fn;
    memcpy(fnwords, &fn, sizeof(fn));
    emit(c, fnwords[0]);
    emit(c, fnwords[1]);
    if (h->flags & IR_CALL_MAY_RAISE) {
        emit(c, c->insn);
    }
}

static void compile_op(Compiler *c, const IrOp *op)
{
    IrOpc opc = (IrOpc)op->opc;
    IrType t = (IrType)op->type;
    const uint32_t *a = op->args;
    switch (opc) {
    case IR_NOP:
        return;
    case IR_MOV:
    case IR_TRUNC: /* the low half of a 64-bit value sits at its own address */
        compile_mov(c, t, a[0], a[1]);
        return;
    case IR_EXT32S:
    case IR_EXTI32S:
    case IR_EXT32U:
    case IR_EXTI32U: {
        bool sign = opc == IR_EXT32S || opc == IR_EXTI32S;
        if (is_const(c, a[1])) {
            uint64_t v = const_value(c, a[1]);
            v = sign ? (uint64_t)(int64_t)(int32_t)v : (uint32_t)v;
            uint32_t d = reg(c, a[0]);
            emit(c, OP_movi_64);
            emit(c, d);
            emit_imm(c, IR_I64, v);
            return;
        }
        compile_unop(c, sign ? OP_ext32s : OP_ext32u, a[0], a[1]);
        return;
    }
    case IR_SETCOND:
        compile_compare(c, op, false);
        return;
    case IR_BRCOND:
        compile_compare(c, op, true);
        return;
    case IR_MOVCOND:
        compile_movcond(c, op);
        return;
    case IR_LABEL:
        if (a[0] < IR_MAX_LABELS) {
            c->label_at[a[0]] = c->nbody;
        }
        return;
    case IR_BR: {
        uint32_t from = c->nbody;
        emit(c, OP_br);
        emit_branch_target(c, from, a[0]);
        return;
    }
    case IR_GOTO_TB:
        emit(c, OP_goto_tb);
        emit(c, a[0] ? EXEC_EXIT_CHAIN1 : EXEC_EXIT_CHAIN0);
        return;
    case IR_EXIT_TB:
        emit(c, OP_exit_tb);
        return;
    case IR_QEMU_LD:
    case IR_QEMU_ST:
        compile_guest_mem(c, op);
        return;
    case IR_LD_ENV:
    case IR_ST_ENV:
        compile_env(c, op);
        return;
    case IR_CALL:
        compile_call(c, op);
        return;
    case IR_FENCE:
        emit(c, OP_fence);
        return;
    case IR_INSN_START:
        c->insn = a[0]; /* no code: the ops below that may raise carry it */
        return;
    default:
        break;
    }
    int is64 = t == IR_I64;
    if (opc < IR_OPC_COUNT && op_rr[opc][is64]) {
        compile_binop(c, op);
    } else if (opc < IR_OPC_COUNT && op_un[opc][is64]) {
        compile_unop(c, op_un[opc][is64], a[0], a[1]);
    }
}

InterpCode *interp_compile(const IrBlock *b)
{
    Compiler *c = malloc(sizeof(*c));
    uint32_t nops = b->overflow ? 0 : (uint32_t)b->nops;
    uint32_t *body = malloc(sizeof(uint32_t) * (nops * MAX_WORDS_PER_OP + 2));
    uint32_t *prologue = malloc(sizeof(uint32_t) * (4 * IR_MAX_TEMPS + 1));
    InterpCode *code = NULL;
    if (!c || !body || !prologue) {
        goto out;
    }
    c->b = b;
    c->body = body;
    c->nbody = 0;
    c->prologue = prologue;
    c->nprologue = 0;
    c->next_slot = 0;
    c->nfixups = 0;
    c->insn = 0;
    memset(c->operand, 0xff, sizeof(c->operand));
    memset(c->label_at, 0xff, sizeof(c->label_at));

    /* An overflowed block is never run by a correct front end; it compiles to an exit. */
    for (uint32_t i = 0; i < nops; i++) {
        compile_op(c, &b->ops[i]);
    }
    uint32_t end = c->nbody;
    emit(c, OP_end); /* a malformed block that falls off the end exits here */

    for (uint32_t i = 0; i < c->nfixups; i++) {
        const Fixup *f = &c->fixups[i];
        uint32_t target = f->label < IR_MAX_LABELS && c->label_at[f->label] != NOT_ASSIGNED
                              ? c->label_at[f->label]
                              : end;
        body[f->at] = (uint32_t)((int32_t)target - (int32_t)f->from);
    }

    uint32_t nwords = c->nprologue + c->nbody;
    code = malloc(sizeof(InterpCode) + sizeof(uint32_t) * nwords);
    if (code) {
        code->nwords = nwords;
        memcpy(code->words, prologue, sizeof(uint32_t) * c->nprologue);
        memcpy(code->words + c->nprologue, body, sizeof(uint32_t) * c->nbody);
    }
out:
    free(prologue);
    free(body);
    free(c);
    return code;
}

void interp_free(InterpCode *code)
{
    free(code);
}

size_t interp_code_size(const InterpCode *code)
{
    return sizeof(InterpCode) + sizeof(uint32_t) * code->nwords;
}
