/*
 * tcg/ir.h — the intermediate representation of a translation block (TB).
 *
 * This header is the whole contract between guest front ends (core/<arch>/translate.c),
 * the optimizer (tcg/optimize.c), the interpreter (tcg/interp.c) and the Wasm code
 * generator (tcg/wasm/).  A back end needs nothing else.
 *
 * Model
 * -----
 * A TB is a straight list of ops (IrOp) over *temps*.  Every temp has a type, I32 or I64,
 * and a kind:
 *   - IR_TEMP_GLOBAL: bound to a field of the CPU state at a fixed byte offset from `env`
 *     (guest registers, pc, ...).  Its value lives in memory between TBs; a back end may
 *     cache it (e.g. in a Wasm local) inside a TB but must write it back before a helper call
 *     that declares IR_CALL_RW_GLOBALS / IR_CALL_R_GLOBALS, before an op that may raise
 *     (guest loads/stores, calls with IR_CALL_MAY_RAISE), and at every exit.
 *   - IR_TEMP_CONST: an immutable value known at translation time.
 *   - IR_TEMP_TEMP: a TB-local scratch value.  Its value survives labels and branches
 *     (there is no separate "local temp" kind), but it is undefined at TB entry and
 *     dead at TB exit.
 * I32 temps hold 32-bit values; back ends may keep them in 64-bit storage, and the upper
 * half of such storage is unspecified (never observable: every I32 op reads only the low
 * 32 bits, every conversion to I64 goes through an explicit ext op).
 *
 * Control flow inside a TB only goes *forward*: a branch (IR_BR, IR_BRCOND) always
 * targets a label placed later in the list.  Loops are made by leaving the TB.  Every
 * path ends in an exit op (IR_GOTO_TB, IR_EXIT_TB) or an op that raises.
 *
 * Ops
 * ---
 * Each op has an opcode, a type (I32/I64: the type of its operation), and up to
 * IR_MAX_ARGS arguments.  Arguments are either temp indices or immediates, depending on
 * the opcode; the table in the enum below says which (o = output temp, i = input temp,
 * c = immediate constant in the op itself).  All temps of an op have the op's type
 * unless stated otherwise.
 *
 * Exits and chaining
 * ------------------
 *   IR_GOTO_TB c:slot   The TB ends; the pc global already holds the next guest pc, which
 *                       is a translation-time constant (a direct branch).  The runtime may
 *                       chain: remember the successor TB for `slot` (0 or 1) and go there
 *                       directly next time (it must still check the exit-request flag).
 *   IR_EXIT_TB          The TB ends; the pc global holds the next pc, computed at run time
 *                       (indirect jump, or state change): look it up.
 * Faults: a guest load/store or a call with IR_CALL_MAY_RAISE can raise a guest exception.
 * The runtime then abandons the TB immediately (ops after it don't run) and returns
 * "exception" to the exec loop, which delivers it.  Each memory op carries the byte offset
 * of its guest instruction from the TB's start pc (c:pcoff) so the slow path can record the
 * faulting pc; before a MAY_RAISE call that reads the pc the front end stores the
 * instruction's pc to the pc global itself.
 *
 * Restore data
 * ------------
 * Every guest instruction begins with IR_INSN_START c:index (ir_insn_start): instruction
 * `index` of the TB starts here, and IrBlock.insn_data[index] holds its restore data:
 * word 0 the byte offset of its pc from IrBlock.pc, words 1..IR_INSN_WORDS-1 what the
 * front end put there (ir_insn_set_data; e.g. x86's lazy condition-code state).  The marker
 * emits no code.  When an op raises, the back end reports the index of the instruction it
 * belongs to (the last IR_INSN_START before it) in CPUState.excp_insn, and the exec loop
 * hands that instruction's data to the arch (CPUArchOps.restore_state).
 *
 * Memory
 * ------
 * IR_QEMU_LD / IR_QEMU_ST access guest *virtual* memory through the vCPU's software TLB
 * (core/tlb.h): fast path = tag compare + host addend; else the slow path
 * (tlb_load_slow / tlb_store_slow).  The memop immediate says size, signedness and whether
 * misalignment must fault.  The address temp is always I64 (guest virtual address);
 * the value temp has the op's type.
 *
 * Division
 * --------
 * IR_DIV/IR_DIVU/IR_REM/IR_REMU never trap and have no undefined inputs: every engine
 * (interpreter, optimizer folding, Wasm JIT) gives the same bits for all operands.  Where
 * the exact result does not exist or does not fit, the IR's result is arch-neutral:
 *     x / 0 = 0                 x % 0 = x                    (signed and unsigned)
 *     MIN / -1 = MIN (wraps)    MIN % -1 = 0                 (MIN = INT32/64_MIN)
 * i.e. the exact result modulo 2^width where one exists, and x == (x / y) * y + x % y
 * always holds.  (These are AArch64's SDIV/UDIV results.)  A guest with other rules
 * guards them itself with IR ops: RISC-V wants x / 0 = all ones (core/riscv/trans_int.c
 * uses a movcond on the divisor), x86 raises #DE (a brcond on the operands before the
 * op).  Unlike QEMU's TCG, which leaves these results undefined, they are fixed here
 * because jit-check compares the interpreter and the JIT bit for bit and the random-IR
 * tests divide by anything.
 *
 * Helpers
 * -------
 * Every helper has ONE signature, IrHelperFn: it takes the env pointer and four 64-bit
 * arguments (unused ones are 0) and returns a 64-bit value (ignored when the op has no
 * output; truncated to 32 bits for an I32 output).  One signature keeps the interpreter a
 * single indirect call and gives the Wasm back end a single function type.  Helpers
 * report guest exceptions by setting the vCPU's pending exception (cpu_raise in core/cpu.h);
 * the IR_CALL_MAY_RAISE flag makes the back end check after the call.
 */
#ifndef TCG_IR_H
#define TCG_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IR_MAX_ARGS 6
#define IR_MAX_TEMPS 1024 /* per TB, including globals and constants */
#define IR_MAX_OPS 2048   /* per TB */
#define IR_MAX_LABELS 256 /* per TB */
#define IR_MAX_GLOBALS 128
#define IR_CONST_BUCKETS 256 /* constant dedup hash (builder-private) */
#define IR_MAX_INSNS 512  /* guest instructions per TB */
#define IR_INSN_WORDS 3   /* restore data per instruction: pc offset + 2 arch words */

typedef enum IrType { IR_I32 = 0, IR_I64 = 1 } IrType;

typedef enum IrTempKind { IR_TEMP_GLOBAL, IR_TEMP_CONST, IR_TEMP_TEMP } IrTempKind;

/* A temp is named by its index into IrBlock.temps. */
typedef uint16_t IrTemp;
typedef uint16_t IrLabel;

/* Comparison conditions for setcond / brcond / movcond. */
typedef enum IrCond {
    IR_COND_EQ,
    IR_COND_NE,
    IR_COND_LT, /* signed */
    IR_COND_GE,
    IR_COND_LE,
    IR_COND_GT,
    IR_COND_LTU, /* unsigned */
    IR_COND_GEU,
    IR_COND_LEU,
    IR_COND_GTU,
    IR_COND_ALWAYS, /* only for folding results; never emitted by front ends */
    IR_COND_NEVER,
} IrCond;

/* Memory operation descriptor: size | sign | align. */
typedef enum IrMemOp {
    IR_MO_8 = 0,
    IR_MO_16 = 1,
    IR_MO_32 = 2,
    IR_MO_64 = 3,
    IR_MO_SIZE = 3,     /* mask: log2 of the access size in bytes */
    IR_MO_SIGN = 4,     /* loads: sign-extend to the op's type (else zero-extend) */
    IR_MO_ALIGN = 8,    /* a misaligned address raises the arch's misaligned fault */
    IR_MO_EXCL = 16,    /* part of an atomic/LR-SC sequence (slow paths may care) */
} IrMemOp;

/* Helper call flags. */
enum {
    IR_CALL_R_GLOBALS = 1,  /* the helper reads guest state through env */
    IR_CALL_W_GLOBALS = 2,  /* the helper writes guest state through env */
    IR_CALL_RW_GLOBALS = 3,
    IR_CALL_MAY_RAISE = 4,  /* the helper may set a pending guest exception */
    IR_CALL_PURE = 8,       /* no side effects: may be removed if its result is unused */
    /* The helper's R/W_GLOBALS access is to the pc global only (it reads the pc the front
     * end synced, or sets a new one): a back end that keeps the other globals in
     * registers need not write them back / reload them around the call. */
    IR_CALL_PC_ONLY = 16,
};

typedef uint64_t (*IrHelperFn)(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d);

/* Helper descriptor: front ends declare these as static const objects. */
typedef struct IrHelper {
    IrHelperFn fn;
    const char *name;
    uint8_t flags; /* IR_CALL_* */
} IrHelper;

/*
 * Opcodes.  Notation: o=output temp, i=input temp, c=immediate in args[].
 * Unless stated otherwise all temps are of the op's type.
 */
typedef enum IrOpc {
    IR_NOP,          /* removed op */
    /* moves */
    IR_MOV,          /* o, i      (constants are IR_TEMP_CONST temps: ir_movi = mov o, const) */
    /* arithmetic */
    IR_ADD, IR_SUB, IR_MUL,          /* o, i, i */
    IR_NEG,                          /* o, i */
    IR_AND, IR_OR, IR_XOR,           /* o, i, i */
    IR_ANDC, IR_ORC, IR_EQV,         /* o, a, b: a & ~b, a | ~b, ~(a ^ b) */
    IR_NOT,                          /* o, i */
    IR_SHL, IR_SHR, IR_SAR,          /* o, i, i: count taken modulo the width (32/64) */
    IR_ROTL, IR_ROTR,                /* o, i, i: count modulo width */
    IR_MULUH, IR_MULSH, IR_MULSUH,   /* o, a, b: high half of the double-width product:
                                        u*u, s*s, signed a * unsigned b */
    IR_DIV, IR_DIVU, IR_REM, IR_REMU,/* o, a, b: quotient truncated toward zero, and
                                        the remainder with the dividend's sign; the
                                        edge cases are defined, see "Division" above */
    IR_CLZ, IR_CTZ,                  /* o, i: count leading/trailing zeros (width if 0) */
    IR_CTPOP,                        /* o, i */
    /* comparisons */
    IR_SETCOND,      /* o, a, b, c:cond      o = (a cond b) ? 1 : 0 */
    IR_MOVCOND,      /* o, a, b, t, f, c:cond o = (a cond b) ? t : f */
    /* width changes (the op's type is the type of the OUTPUT) */
    IR_EXT8S, IR_EXT8U, IR_EXT16S, IR_EXT16U,  /* o, i (same type): extend low bits */
    IR_EXT32S, IR_EXT32U,            /* I64 op: o(I64), i(I64): extend low 32 bits */
    IR_EXTI32S, IR_EXTI32U,          /* I64 op: o(I64), i(I32): widen an I32 temp */
    IR_TRUNC,                        /* I32 op: o(I32), i(I64): low 32 bits */
    /* control flow */
    IR_LABEL,        /* c:label        placed here */
    IR_BR,           /* c:label        unconditional forward branch */
    IR_BRCOND,       /* a, b, c:cond, c:label   forward branch if (a cond b) */
    IR_GOTO_TB,      /* c:slot          exit, chainable (see above) */
    IR_EXIT_TB,      /*                 exit, next pc looked up */
    /* guest memory */
    IR_QEMU_LD,      /* o, i:addr(I64), c:memop, c:mmu_idx, c:pcoff */
    IR_QEMU_ST,      /* i:value, i:addr(I64), c:memop, c:mmu_idx, c:pcoff */
    /* host memory relative to env (for CPU state fields that are not globals) */
    IR_LD_ENV,       /* o, c:offset, c:memop     load a field of the CPU state */
    IR_ST_ENV,       /* i, c:offset, c:memop     store a field of the CPU state */
    /* helper calls */
    IR_CALL,         /* o or IR_NO_TEMP, i0, i1, i2, i3, c:helper index (IrBlock.helpers)
                        (IR_NO_TEMP for absent inputs; I32 inputs are zero-extended to
                        64 bits; the op's type is the type of the output) */
    IR_FENCE,        /* c:kind  a memory barrier (multi-threaded back ends emit one) */
    IR_INSN_START,   /* c:index  guest instruction `index` starts (restore data, above) */
    IR_OPC_COUNT
} IrOpc;

#define IR_NO_TEMP 0xffff

typedef struct IrOp {
    uint8_t opc;    /* IrOpc */
    uint8_t type;   /* IrType */
    uint16_t pad;
    uint32_t args[IR_MAX_ARGS];
} IrOp;

typedef struct IrTempInfo {
    uint8_t kind;   /* IrTempKind */
    uint8_t type;   /* IrType */
    uint16_t pad;
    uint32_t offset;    /* GLOBAL: byte offset of the field from env */
    uint64_t value;     /* CONST: the value (I32 consts are stored zero-extended) */
    const char *name;   /* GLOBAL: for dumps */
} IrTempInfo;

/*
 * One TB's IR, built by a front end.  Globals are registered once per front end per TB
 * (cheap: they are copied from a template, see ir_block_init).
 */
typedef struct IrBlock {
    IrOp ops[IR_MAX_OPS];
    IrTempInfo temps[IR_MAX_TEMPS];
    const IrHelper *helpers[64];
    uint32_t label_pos[IR_MAX_LABELS]; /* op index of each label (for back ends) */
    int nops, ntemps, nglobals, nlabels, nhelpers;
    bool overflow; /* set if a limit was hit: the front end must end the TB earlier */
    uint64_t pc;   /* guest pc of the TB's first instruction (pcoff is relative to it) */
    int ninsns;    /* instructions started (IR_INSN_START markers) */
    uint64_t insn_data[IR_MAX_INSNS][IR_INSN_WORDS]; /* their restore data */
    /* Builder-private: hash buckets of the constant temps (dedup); chained through
     * IrTempInfo.pad.  Cleared by ir_block_reset. */
    uint16_t const_buckets[IR_CONST_BUCKETS];
} IrBlock;

/* ---- building ---- */

/* Start a new TB; keeps the globals registered so far (they are the first temps). */
void ir_block_reset(IrBlock *b, uint64_t pc);
/* Register a global.  Must be called before any other temp is created (front ends
 * register their globals once, right after the first ir_block_reset). */
IrTemp ir_global(IrBlock *b, IrType type, uint32_t env_offset, const char *name);

IrTemp ir_temp(IrBlock *b, IrType type);               /* a fresh scratch temp */
IrTemp ir_const(IrBlock *b, IrType type, uint64_t v);  /* a constant temp */
IrLabel ir_label_new(IrBlock *b);
int ir_helper_index(IrBlock *b, const IrHelper *h);    /* index into b->helpers */

/* Emit a raw op; returns its index.  The typed emitters below are the usual API. */
int ir_emit(IrBlock *b, IrOpc opc, IrType type, int nargs, const uint32_t *args);

/* Convenience emitters (t = type) */
void ir_mov(IrBlock *b, IrType t, IrTemp o, IrTemp i);
void ir_movi(IrBlock *b, IrType t, IrTemp o, uint64_t v);
void ir_binop(IrBlock *b, IrOpc opc, IrType t, IrTemp o, IrTemp x, IrTemp y);
void ir_binopi(IrBlock *b, IrOpc opc, IrType t, IrTemp o, IrTemp x, uint64_t imm);
void ir_unop(IrBlock *b, IrOpc opc, IrType t, IrTemp o, IrTemp x);
void ir_setcond(IrBlock *b, IrType t, IrCond c, IrTemp o, IrTemp x, IrTemp y);
void ir_movcond(IrBlock *b, IrType t, IrCond c, IrTemp o, IrTemp x, IrTemp y, IrTemp vt,
                IrTemp vf);
void ir_label(IrBlock *b, IrLabel l);
void ir_br(IrBlock *b, IrLabel l);
void ir_brcond(IrBlock *b, IrType t, IrCond c, IrTemp x, IrTemp y, IrLabel l);
void ir_brcondi(IrBlock *b, IrType t, IrCond c, IrTemp x, uint64_t imm, IrLabel l);
void ir_goto_tb(IrBlock *b, int slot);
void ir_exit_tb(IrBlock *b);
void ir_qemu_ld(IrBlock *b, IrType t, IrTemp val, IrTemp addr, unsigned memop,
                unsigned mmu_idx, uint32_t pcoff);
void ir_qemu_st(IrBlock *b, IrType t, IrTemp val, IrTemp addr, unsigned memop,
                unsigned mmu_idx, uint32_t pcoff);
void ir_ld_env(IrBlock *b, IrType t, IrTemp o, uint32_t offset, unsigned memop);
void ir_st_env(IrBlock *b, IrType t, IrTemp i, uint32_t offset, unsigned memop);
/* out may be IR_NO_TEMP; pass IR_NO_TEMP for unused args (at most 4). */
void ir_call(IrBlock *b, const IrHelper *h, IrType out_type, IrTemp out, IrTemp a0,
             IrTemp a1, IrTemp a2, IrTemp a3);
void ir_fence(IrBlock *b);
/* Start the next guest instruction (index b->ninsns), pcoff bytes after b->pc: emits
 * IR_INSN_START and records its restore data (arch words 0).  Past IR_MAX_INSNS it sets
 * b->overflow. */
void ir_insn_start(IrBlock *b, uint64_t pcoff);
/* Set arch word `word` (1..IR_INSN_WORDS-1) of the current instruction's restore data. */
void ir_insn_set_data(IrBlock *b, unsigned word, uint64_t value);

/* Evaluate a condition on two values of a type (used by optimizer and interpreter). */
bool ir_cond_eval(IrCond c, IrType t, uint64_t x, uint64_t y);
IrCond ir_cond_invert(IrCond c);
IrCond ir_cond_swap(IrCond c); /* a c b  ==  b swap(c) a */

/* Evaluate a pure arithmetic op on constants (used by the optimizer and by tests as the
 * reference semantics).  Returns false if opc is not a pure single-output value op. */
bool ir_eval_op(IrOpc opc, IrType t, uint64_t x, uint64_t y, uint64_t *out);

/* Metadata about an opcode. */
typedef struct IrOpDef {
    const char *name;
    uint8_t nout;   /* number of output temps (first args) */
    uint8_t nin;    /* number of input temps following the outputs */
    uint8_t nconst; /* number of immediates following the inputs */
    uint8_t flags;  /* IR_OPF_* */
} IrOpDef;
enum {
    IR_OPF_BB_END = 1,     /* ends a basic block (branch / exit / label boundary) */
    IR_OPF_SIDE_EFFECT = 2,/* never removed by DCE */
    IR_OPF_MAY_RAISE = 4,  /* may leave the TB with an exception */
};
extern const IrOpDef ir_op_defs[IR_OPC_COUNT];

/* Print the IR (one op per line) for debugging and golden tests. */
struct IrDumpSink;
void ir_dump(const IrBlock *b, void (*out)(void *ctx, const char *line), void *ctx);

/* ---- passes ---- */
void ir_optimize(IrBlock *b); /* tcg/optimize.c */

#endif
