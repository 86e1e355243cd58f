/*
 * tcg/optimize.c — IR clean-up after translation:
 *   1. forward pass: copy propagation, constant folding, algebraic identities, branch
 *      folding and removal of unreachable ops (knowledge is per basic block);
 *   2. backward pass: dead-code elimination by liveness;
 *   3. compaction of the op list (label_pos is updated).
 * Every rewrite keeps the semantics documented in tcg/ir.h.
 */
#include <stdlib.h>
#include <string.h>

#include "tcg/ir.h"

/* ---- forward pass state ----
 * copy_of[t] names a temp known to hold the same value as t; the record is valid only while
 * that source has not been written since (its version still equals copy_ver[t]).  Const
 * temps never change, so a record pointing at a const is "t is known constant". */
typedef struct Forward {
    IrBlock *b;
    uint32_t ver[IR_MAX_TEMPS];
    uint32_t copy_ver[IR_MAX_TEMPS];
    uint16_t copy_of[IR_MAX_TEMPS];
    uint16_t label_refs[IR_MAX_LABELS];
} Forward;

static bool is_const(const IrBlock *b, uint32_t t)
{
    return t != IR_NO_TEMP && b->temps[t].kind == IR_TEMP_CONST;
}

static uint64_t type_mask(IrType t)
{
    return t == IR_I32 ? UINT32_MAX : UINT64_MAX;
}

/* The oldest still-valid temp holding the same value as t. */
static uint32_t rep(const Forward *f, uint32_t t)
{
    if (t == IR_NO_TEMP) {
        return t;
    }
    uint32_t c = f->copy_of[t];
    if (c != IR_NO_TEMP && f->ver[c] == f->copy_ver[t]) {
        return c;
    }
    return t;
}

static void note_write(Forward *f, uint32_t t)
{
    if (t != IR_NO_TEMP) {
        f->ver[t]++;
        f->copy_of[t] = IR_NO_TEMP;
    }
}

static void note_copy(Forward *f, uint32_t dst, uint32_t src)
{
    if (src != dst) {
        f->copy_of[dst] = (uint16_t)src;
        f->copy_ver[dst] = f->ver[src];
    }
}

static void forget_all(Forward *f)
{
    memset(f->copy_of, 0xff, sizeof(f->copy_of));
}

/* Globals whose field overlaps [offset, offset + size) (all globals if size is 0). */
static void clobber_globals(Forward *f, uint32_t offset, uint32_t size)
{
    const IrBlock *b = f->b;
    for (int g = 0; g < b->nglobals; g++) {
        uint32_t goff = b->temps[g].offset;
        uint32_t gsize = b->temps[g].type == IR_I32 ? 4 : 8;
        if (size == 0 || (goff < offset + size && offset < goff + gsize)) {
            note_write(f, (uint32_t)g);
        }
    }
}

/* A const temp for the optimizer's results, or IR_NO_TEMP if the temp table is full
 * (the block stays valid: the caller just skips the rewrite). */
static uint32_t opt_const(IrBlock *b, IrType type, uint64_t v)
{
    bool was_overflow = b->overflow;
    IrTemp t = ir_const(b, type, v);
    if (!was_overflow && b->overflow) {
        b->overflow = false;
        return IR_NO_TEMP;
    }
    return t;
}

static void set_op(IrOp *op, IrOpc opc, uint32_t a0, uint32_t a1)
{
    op->opc = (uint8_t)opc;
    memset(op->args, 0, sizeof(op->args));
    op->args[0] = a0;
    op->args[1] = a1;
}

static void make_nop(IrOp *op)
{
    op->opc = IR_NOP;
    memset(op->args, 0, sizeof(op->args));
}

/* Rewrite op into "mov out, const v" if a temp is available. */
static bool fold_to_const(IrBlock *b, IrOp *op, uint64_t v)
{
    uint32_t c = opt_const(b, (IrType)op->type, v);
    if (c == IR_NO_TEMP) {
        return false;
    }
    set_op(op, IR_MOV, op->args[0], c);
    return true;
}

static bool is_commutative(IrOpc opc)
{
    switch (opc) {
    case IR_ADD: case IR_MUL: case IR_AND: case IR_OR: case IR_XOR: case IR_EQV:
    case IR_MULUH: case IR_MULSH:
        return true;
    default:
        return false;
    }
}

static bool is_same_type_value_op(IrOpc opc)
{
    return opc >= IR_MOV && opc <= IR_CTPOP;
}

/* Identities for "o = x op y" where y is a constant c (or x == y); returns true if op
 * was rewritten.  Only rewrites valid for every value of x. */
static bool fold_identity(IrBlock *b, IrOp *op)
{
    IrOpc opc = (IrOpc)op->opc;
    IrType t = (IrType)op->type;
    uint32_t o = op->args[0], x = op->args[1], y = op->args[2];
    uint64_t mask = type_mask(t);
    unsigned width_mask = t == IR_I32 ? 31 : 63;

    if (x == y) {
        switch (opc) {
        case IR_SUB: case IR_XOR: case IR_ANDC: return fold_to_const(b, op, 0);
        case IR_AND: case IR_OR: set_op(op, IR_MOV, o, x); return true;
        case IR_EQV: case IR_ORC: return fold_to_const(b, op, mask);
        default: break;
        }
    }
    if (!is_const(b, y)) {
        return false;
    }
    uint64_t c = b->temps[y].value;
    switch (opc) {
    case IR_ADD: case IR_SUB: case IR_OR: case IR_XOR:
        if (c == 0) {
            set_op(op, IR_MOV, o, x);
            return true;
        }
        if (opc == IR_OR && c == mask) {
            return fold_to_const(b, op, mask);
        }
        if (opc == IR_XOR && c == mask) {
            set_op(op, IR_NOT, o, x);
            return true;
        }
        return false;
    case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTL: case IR_ROTR:
        if ((c & width_mask) == 0) {
            set_op(op, IR_MOV, o, x);
            return true;
        }
        return false;
    case IR_MUL:
        if (c == 1) {
            set_op(op, IR_MOV, o, x);
            return true;
        }
        return c == 0 && fold_to_const(b, op, 0);
    /* Division by 0 and MIN / -1 have fixed results (tcg/ir.h "Division"), so these
     * hold for every x: x/1 = x, x/0 = 0, x/-1 = -x (MIN/-1 = MIN = -MIN); x%0 = x,
     * x%1 = 0, x%-1 = 0 (signed). */
    case IR_DIV: case IR_DIVU:
        if (c == 1) {
            set_op(op, IR_MOV, o, x);
            return true;
        }
        if (opc == IR_DIV && c == mask) {
            set_op(op, IR_NEG, o, x);
            return true;
        }
        return c == 0 && fold_to_const(b, op, 0);
    case IR_REM: case IR_REMU:
        if (c == 0) {
            set_op(op, IR_MOV, o, x);
            return true;
        }
        return (c == 1 || (opc == IR_REM && c == mask)) && fold_to_const(b, op, 0);
    case IR_AND:
        if (c == mask) {
            set_op(op, IR_MOV, o, x);
            return true;
        }
        return c == 0 && fold_to_const(b, op, 0);
    case IR_ANDC:
        if (c == 0) {
            set_op(op, IR_MOV, o, x);
            return true;
        }
        return c == mask && fold_to_const(b, op, 0);
    case IR_ORC:
        if (c == mask) {
            set_op(op, IR_MOV, o, x);
            return true;
        }
        return c == 0 && fold_to_const(b, op, mask);
    case IR_EQV:
        if (c == mask) {
            set_op(op, IR_MOV, o, x);
            return true;
        }
        if (c == 0) {
            set_op(op, IR_NOT, o, x);
            return true;
        }
        return false;
    default:
        return false;
    }
}

/* Result of comparing a and b under cond if it is known at translation time. */
static bool cond_known(const IrBlock *b, IrCond cond, IrType t, uint32_t x, uint32_t y,
                       bool *result)
{
    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER) {
        *result = cond == IR_COND_ALWAYS;
        return true;
    }
    if (x == y) {
        *result = ir_cond_eval(cond, t, 0, 0);
        return true;
    }
    if (is_const(b, x) && is_const(b, y)) {
        *result = ir_cond_eval(cond, t, b->temps[x].value, b->temps[y].value);
        return true;
    }
    return false;
}

/* Put a lone constant operand of a comparison second (interpreter's immediate forms). */
static void canonicalize_compare(const IrBlock *b, uint32_t *x, uint32_t *y, uint32_t *cond)
{
    if (is_const(b, *x) && !is_const(b, *y)) {
        uint32_t tmp = *x;
        *x = *y;
        *y = tmp;
        *cond = (uint32_t)ir_cond_swap((IrCond)*cond);
    }
}

/* Index of the next op that is not a nop, or nops. */
static int next_real_op(const IrBlock *b, int i)
{
    for (i++; i < b->nops && b->ops[i].opc == IR_NOP; i++) {
    }
    return i;
}

static void drop_branch(Forward *f, IrOp *op)
{
    uint32_t l = op->opc == IR_BR ? op->args[0] : op->args[3];
    if (l < IR_MAX_LABELS && f->label_refs[l] > 0) {
        f->label_refs[l]--;
    }
    make_nop(op);
}

/* Constant folding and identities of one value op whose inputs are already substituted. */
static void fold_value_op(IrBlock *b, IrOp *op)
{
    IrOpc opc = (IrOpc)op->opc;
    const IrOpDef *def = &ir_op_defs[opc];
    uint32_t *a = op->args;

    if (opc == IR_SETCOND) {
        canonicalize_compare(b, &a[1], &a[2], &a[3]);
        bool r;
        if (cond_known(b, (IrCond)a[3], (IrType)op->type, a[1], a[2], &r)) {
            fold_to_const(b, op, r);
        }
        return;
    }
    if (opc == IR_MOVCOND) {
        canonicalize_compare(b, &a[1], &a[2], &a[5]);
        bool r;
        if (cond_known(b, (IrCond)a[5], (IrType)op->type, a[1], a[2], &r)) {
            set_op(op, IR_MOV, a[0], r ? a[3] : a[4]);
        } else if (a[3] == a[4]) {
            set_op(op, IR_MOV, a[0], a[3]);
        }
        return;
    }
    if (opc == IR_MOV || def->nout != 1 || def->nconst != 0 || def->nin < 1 || def->nin > 2) {
        return;
    }
    bool all_const = true;
    for (int i = 1; i <= def->nin; i++) {
        all_const &= is_const(b, a[i]);
    }
    if (all_const) {
        uint64_t x = b->temps[a[1]].value;
        uint64_t y = def->nin == 2 ? b->temps[a[2]].value : 0;
        uint64_t v;
        if (ir_eval_op(opc, (IrType)op->type, x, y, &v)) {
            fold_to_const(b, op, v);
        }
        return;
    }
    if (def->nin == 2 && is_same_type_value_op(opc)) {
        if (is_commutative(opc) && is_const(b, a[1])) {
            uint32_t tmp = a[1];
            a[1] = a[2];
            a[2] = tmp;
        }
        fold_identity(b, op);
    }
}

static void forward_pass(Forward *f)
{
    IrBlock *b = f->b;
    bool unreachable = false;
    int last_br = -1; /* the br that made the following ops unreachable */

    for (int t = 0; t < IR_MAX_TEMPS; t++) {
        f->ver[t] = 0;
    }
    forget_all(f);
    memset(f->label_refs, 0, sizeof(f->label_refs));
    for (int i = 0; i < b->nops; i++) {
        const IrOp *op = &b->ops[i];
        uint32_t l = op->opc == IR_BR ? op->args[0] : op->opc == IR_BRCOND ? op->args[3] : UINT32_MAX;
        if (l < IR_MAX_LABELS) {
            f->label_refs[l]++;
        }
    }

    for (int i = 0; i < b->nops; i++) {
        IrOp *op = &b->ops[i];
        if (op->opc == IR_NOP) {
            continue;
        }
        if (op->opc == IR_LABEL) {
            uint32_t l = op->args[0];
            if (unreachable && last_br >= 0 && b->ops[last_br].args[0] == l) {
                /* "br L" with only dead ops before L: fall through instead; what we knew
                 * at the br still holds here */
                drop_branch(f, &b->ops[last_br]);
                unreachable = false;
            }
            if (l < IR_MAX_LABELS && f->label_refs[l] == 0) {
                make_nop(op); /* nothing jumps here: the block simply goes on */
            } else {
                unreachable = false;
                forget_all(f); /* paths merge: what we knew may not hold on the others */
            }
            continue;
        }
        if (unreachable) {
            if (op->opc == IR_BR || op->opc == IR_BRCOND) {
                drop_branch(f, op);
            } else {
                make_nop(op);
            }
            continue;
        }

        const IrOpDef *def = &ir_op_defs[op->opc];
        for (int k = def->nout; k < def->nout + def->nin; k++) {
            op->args[k] = rep(f, op->args[k]);
        }

        switch (op->opc) {
        case IR_BR: {
            int n = next_real_op(b, i);
            if (n < b->nops && b->ops[n].opc == IR_LABEL && b->ops[n].args[0] == op->args[0]) {
                drop_branch(f, op); /* branch to the very next op */
            } else {
                unreachable = true;
                last_br = i;
            }
            continue;
        }
        case IR_BRCOND: {
            uint32_t *a = op->args;
            canonicalize_compare(b, &a[0], &a[1], &a[2]);
            bool taken;
            int n = next_real_op(b, i);
            if (n < b->nops && b->ops[n].opc == IR_LABEL && b->ops[n].args[0] == a[3]) {
                drop_branch(f, op);
            } else if (cond_known(b, (IrCond)a[2], (IrType)op->type, a[0], a[1], &taken)) {
                if (taken) {
                    set_op(op, IR_BR, a[3], 0);
                    unreachable = true;
                    last_br = i;
                } else {
                    drop_branch(f, op);
                }
            }
            continue;
        }
        case IR_GOTO_TB:
        case IR_EXIT_TB:
            unreachable = true;
            last_br = -1;
            continue;
        case IR_CALL: {
            const IrHelper *h = op->args[5] < (uint32_t)b->nhelpers ? b->helpers[op->args[5]] : NULL;
            if (!h || (h->flags & IR_CALL_W_GLOBALS)) {
                clobber_globals(f, 0, 0);
            }
            note_write(f, op->args[0]);
            continue;
        }
        case IR_ST_ENV:
            clobber_globals(f, op->args[1], 1u << (op->args[2] & IR_MO_SIZE));
            continue;
        default:
            break;
        }

        fold_value_op(b, op);
        if (op->opc == IR_MOV) {
            uint32_t d = op->args[0], s = op->args[1];
            if (d == s) {
                make_nop(op);
                continue;
            }
            note_write(f, d);
            note_copy(f, d, s);
            continue;
        }
        if (ir_op_defs[op->opc].nout == 1) {
            note_write(f, op->args[0]);
        }
    }
}

/* ---- backward pass: dead-code elimination ---- */

typedef uint64_t Word;
#define WORD_BITS 64

static inline bool bit_test(const Word *s, uint32_t t)
{
    return (s[t / WORD_BITS] >> (t % WORD_BITS)) & 1;
}
static inline void bit_set(Word *s, uint32_t t)
{
    if (t != IR_NO_TEMP) {
        s[t / WORD_BITS] |= (Word)1 << (t % WORD_BITS);
    }
}
static inline void bit_clear(Word *s, uint32_t t)
{
    if (t != IR_NO_TEMP) {
        s[t / WORD_BITS] &= ~((Word)1 << (t % WORD_BITS));
    }
}

static bool op_removable(const IrBlock *b, const IrOp *op, uint8_t *call_flags)
{
    const IrOpDef *def = &ir_op_defs[op->opc];
    *call_flags = 0;
    if (op->opc == IR_CALL) {
        const IrHelper *h = op->args[5] < (uint32_t)b->nhelpers ? b->helpers[op->args[5]] : NULL;
        *call_flags = h ? h->flags : (IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE);
        return (*call_flags & IR_CALL_PURE) &&
               !(*call_flags & (IR_CALL_MAY_RAISE | IR_CALL_W_GLOBALS));
    }
    return !(def->flags & IR_OPF_SIDE_EFFECT);
}

static void dead_code_pass(IrBlock *b, Word *label_live, int nwords)
{
    Word live[IR_MAX_TEMPS / WORD_BITS], globals[IR_MAX_TEMPS / WORD_BITS];
    memset(globals, 0, sizeof(globals));
    for (int g = 0; g < b->nglobals; g++) {
        bit_set(globals, (uint32_t)g);
    }
    for (int l = 0; l < b->nlabels; l++) {
        memcpy(&label_live[l * nwords], globals, (size_t)nwords * sizeof(Word));
    }
    memcpy(live, globals, sizeof(live)); /* falling off the end: treat as an exit */

    for (int i = b->nops - 1; i >= 0; i--) {
        IrOp *op = &b->ops[i];
        const IrOpDef *def = &ir_op_defs[op->opc];
        uint32_t *a = op->args;
        switch (op->opc) {
        case IR_NOP:
            continue;
        case IR_LABEL:
            if (a[0] < (uint32_t)b->nlabels) {
                memcpy(&label_live[a[0] * nwords], live, (size_t)nwords * sizeof(Word));
            }
            continue;
        case IR_BR:
            if (a[0] < (uint32_t)b->nlabels) {
                memcpy(live, &label_live[a[0] * nwords], (size_t)nwords * sizeof(Word));
            } else {
                memcpy(live, globals, sizeof(live));
            }
            continue;
        case IR_BRCOND:
            for (int w = 0; w < nwords; w++) {
                live[w] |= a[3] < (uint32_t)b->nlabels ? label_live[a[3] * nwords + w] : globals[w];
            }
            bit_set(live, a[0]);
            bit_set(live, a[1]);
            continue;
        case IR_GOTO_TB:
        case IR_EXIT_TB:
            memcpy(live, globals, sizeof(live)); /* temps die, globals are observed */
            continue;
        default:
            break;
        }

        uint8_t call_flags;
        bool removable = op_removable(b, op, &call_flags);
        uint32_t out = def->nout ? a[0] : IR_NO_TEMP;
        if (removable && (out == IR_NO_TEMP || !bit_test(live, out))) {
            make_nop(op);
            continue;
        }
        bit_clear(live, out);
        /* Globals are observed if the op may leave the TB or reads the CPU state. */
        if ((def->flags & IR_OPF_MAY_RAISE && op->opc != IR_CALL) || op->opc == IR_LD_ENV ||
            (call_flags & (IR_CALL_MAY_RAISE | IR_CALL_R_GLOBALS))) {
            for (int w = 0; w < nwords; w++) {
                live[w] |= globals[w];
            }
        }
        for (int k = def->nout; k < def->nout + def->nin; k++) {
            bit_set(live, a[k]);
        }
    }
}

static void compact(IrBlock *b)
{
    for (int l = 0; l < b->nlabels; l++) {
        b->label_pos[l] = UINT32_MAX;
    }
    int n = 0;
    for (int i = 0; i < b->nops; i++) {
        if (b->ops[i].opc == IR_NOP) {
            continue;
        }
        b->ops[n] = b->ops[i];
        if (b->ops[n].opc == IR_LABEL && b->ops[n].args[0] < (uint32_t)b->nlabels) {
            b->label_pos[b->ops[n].args[0]] = (uint32_t)n;
        }
        n++;
    }
    b->nops = n;
}

void ir_optimize(IrBlock *b)
{
    if (b->overflow) {
        return; /* the front end retranslates a shorter block */
    }
    Forward *f = malloc(sizeof(*f));
    int nwords = IR_MAX_TEMPS / WORD_BITS;
    Word *label_live = malloc(sizeof(Word) * (size_t)nwords * (size_t)(b->nlabels ? b->nlabels : 1));
    if (!f || !label_live) {
        free(f);
        free(label_live);
        return; /* optimizing is optional */
    }
    f->b = b;
    forward_pass(f);
    dead_code_pass(b, label_live, nwords);
    compact(b);
    free(label_live);
    free(f);
}
