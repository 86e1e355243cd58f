/*
 * core/decode.c — builds the decision tree of core/decode.h from a pattern table.
 *
 * Invariant of every node: its list holds, in table order, every line that can match a key
 * reaching the node (the lines whose constrained bits agree with the bits fixed on the way
 * down), cut after the first line that always matches there.  A leaf checks that list in
 * order, so the tree returns what a linear first-match scan of the table returns, whatever
 * fields the heuristic below picks.
 */
#include "core/decode.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Lists this short are leaves. */
#ifndef LEAF_LINES
#define LEAF_LINES 2
#endif
/* A node splits only if it shortens the average list a matching line is checked in by at
 * least this many lines (the switch costs about one check). */
#ifndef SPLIT_GAIN
#define SPLIT_GAIN 1
#endif
/* Scoring one field visits each line once per child it goes into; fields that would visit
 * more than this (lines free in most of a wide field) are not considered. */
#define FIELD_WORK_MAX DECODE_MAX_ENTRIES
#ifndef GROWTH_COST
#define GROWTH_COST 0.5
#endif

typedef struct Builder {
    DecodeNode *nodes;
    size_t nnodes, cap_nodes;
    uint32_t *slots;
    size_t nslots, cap_slots;
    DecodeEntry *entries;
    size_t nentries, cap_entries;
    bool oom;
    uint32_t counts[1u << DECODE_MAX_FIELD_BITS]; /* scratch of choose_field */
    bool full[1u << DECODE_MAX_FIELD_BITS];
    DecoderStats st;
} Builder;

typedef struct Field {
    unsigned shift, width;
    uint64_t s1, s2;  /* sum over children of |list| and of |list|^2 */
    size_t nonempty;  /* children with a non-empty list */
    double cost;      /* field_cost() */
} Field;

/* The leaf of the empty list: entry 0, the catch-all alone. */
#define EMPTY_SLOT 1u

static bool grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) {
        return true;
    }
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need) {
        ncap *= 2;
    }
    void *p = realloc(*arr, ncap * elem);
    if (!p) {
        return false;
    }
    *arr = p;
    *cap = ncap;
    return true;
}

static bool always_matches(const DecodeEntry *l, uint64_t fixed)
{
    return (l->mask & ~fixed) == 0;
}

static uint32_t make_leaf(Builder *b, const DecodeEntry *list, size_t n)
{
    if (n == 0) {
        return EMPTY_SLOT;
    }
    if (!grow((void **)&b->entries, &b->cap_entries, b->nentries + n + 1, sizeof(DecodeEntry))) {
        b->oom = true;
        return EMPTY_SLOT;
    }
    size_t first = b->nentries;
    memcpy(&b->entries[first], list, n * sizeof(DecodeEntry));
    b->entries[first + n] = (DecodeEntry){0, 0, -1};
    b->nentries += n + 1;
    b->st.leaves++;
    if (n > b->st.max_leaf) {
        b->st.max_leaf = n;
    }
    return (uint32_t)(first << 1) | 1u;
}

/* Fill b->counts/b->full for the field and score it; false if it costs too much. */
static bool score_field(Builder *b, const DecodeEntry *list, size_t n, uint64_t fixed,
                        Field *f)
{
    uint32_t fmask = (1u << f->width) - 1;
    uint64_t fixed_after = fixed | ((uint64_t)fmask << f->shift);
    size_t work = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t free_bits = fmask & ~(uint32_t)(list[i].mask >> f->shift);
        work += (size_t)1 << __builtin_popcount(free_bits);
        if (work > FIELD_WORK_MAX) {
            return false;
        }
    }
    memset(b->counts, 0, sizeof(b->counts[0]) << f->width);
    memset(b->full, 0, sizeof(b->full[0]) << f->width);
    for (size_t i = 0; i < n; i++) {
        const DecodeEntry *l = &list[i];
        uint32_t value = (uint32_t)(l->match >> f->shift) & fmask;
        uint32_t free_bits = fmask & ~(uint32_t)(l->mask >> f->shift);
        bool always = always_matches(l, fixed_after);
        /* every child value that agrees with the line: value | each subset of free_bits */
        uint32_t s = free_bits;
        for (;;) {
            uint32_t c = value | s;
            if (!b->full[c]) {
                b->counts[c]++;
                b->full[c] = always;
            }
            if (s == 0) {
                break;
            }
            s = (s - 1) & free_bits;
        }
    }
    f->s1 = f->s2 = 0;
    f->nonempty = 0;
    for (uint32_t c = 0; c <= fmask; c++) {
        f->s1 += b->counts[c];
        f->s2 += (uint64_t)b->counts[c] * b->counts[c];
        f->nonempty += b->counts[c] != 0;
    }
    return true;
}

/* The cost of switching on a field: the average list length a matching line is then
 * checked in (s2 / s1), plus a price for growing the tree (entries, counted against the
 * node's own list) so that a field that copies lines into many children loses to one that
 * separates them. */
static double field_cost(const Field *f, size_t n)
{
    return (double)f->s2 / (double)f->s1 +
           GROWTH_COST * (double)(f->s1 + f->nonempty) / (double)(n + 1);
}

/* A subtree's share of the tree's bounds. */
typedef struct Budget {
    size_t slots, entries;
} Budget;

/* The field to switch on at a node with list[0 .. n-1], or false for a leaf. */
static bool choose_field(Builder *b, const DecodeEntry *list, size_t n, uint64_t fixed,
                         Budget budget, Field *best)
{
    /* Fields are made of bits that at least half as many lines constrain as the most
     * constrained bit: a field of bits few lines care about copies the others into every
     * child (and scoring every field costs too much on big tables). */
    unsigned cover[64] = {0}, most = 0;
    for (size_t i = 0; i < n; i++) {
        for (uint64_t m = list[i].mask & ~fixed; m; m &= m - 1) {
            cover[__builtin_ctzll(m)]++;
        }
    }
    for (unsigned bit = 0; bit < 64; bit++) {
        most = cover[bit] > most ? cover[bit] : most;
    }
    uint64_t candidates = 0;
    for (unsigned bit = 0; bit < 64; bit++) {
        if (cover[bit] && 2 * cover[bit] >= most) {
            candidates |= 1ull << bit;
        }
    }
    bool found = false;
    for (unsigned lo = 0; lo < 64; lo++) {
        for (unsigned w = 1; w <= DECODE_MAX_FIELD_BITS && lo + w <= 64; w++) {
            if (!((candidates >> (lo + w - 1)) & 1)) {
                break; /* only candidate bits (the path's fixed bits have cover 0) */
            }
            if (((size_t)1 << w) > budget.slots) {
                break;
            }
            Field f = {.shift = lo, .width = w};
            if (!score_field(b, list, n, fixed, &f)) {
                break;
            }
            /* the children's lists and catch-alls must fit */
            if (f.s1 + f.nonempty > budget.entries) {
                continue;
            }
            f.cost = field_cost(&f, n);
            if (!found || f.cost < best->cost ||
                (f.cost == best->cost && f.width < best->width)) {
                *best = f;
                found = true;
            }
        }
    }
    /* split only if s2 / s1 <= n - SPLIT_GAIN */
    return found && best->s2 + SPLIT_GAIN * best->s1 <= (uint64_t)n * best->s1;
}

/* The lines of list that go into child value c of field f, cut after one that always
 * matches there; returns their number. */
static size_t child_list(const DecodeEntry *list, size_t n, uint64_t fixed, const Field *f,
                         uint32_t c, DecodeEntry *out)
{
    uint32_t fmask = (1u << f->width) - 1;
    uint64_t fixed_after = fixed | ((uint64_t)fmask << f->shift);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t value = (uint32_t)(list[i].match >> f->shift) & fmask;
        uint32_t care = (uint32_t)(list[i].mask >> f->shift) & fmask;
        if ((c ^ value) & care) {
            continue;
        }
        out[k++] = list[i];
        if (always_matches(&list[i], fixed_after)) {
            break;
        }
    }
    return k;
}

/*
 * Build the subtree for list within budget (which always has room for the list as a leaf:
 * n + 1 entries).  What a split leaves over of the budget is shared among the children in
 * proportion to their lists, and what a child does not use goes on to the next one, so the
 * bounds cut the tree evenly instead of starving the subtrees built last.
 */
static uint32_t build(Builder *b, const DecodeEntry *list, size_t n, uint64_t fixed,
                      size_t depth, Budget budget)
{
    if (n == 0 || b->oom) {
        return EMPTY_SLOT;
    }
    Field f = {0};
    if (n <= LEAF_LINES || !choose_field(b, list, n, fixed, budget, &f)) {
        return make_leaf(b, list, n);
    }
    size_t nchildren = (size_t)1 << f.width;
    if (!grow((void **)&b->nodes, &b->cap_nodes, b->nnodes + 1, sizeof(DecodeNode)) ||
        !grow((void **)&b->slots, &b->cap_slots, b->nslots + nchildren, sizeof(uint32_t))) {
        b->oom = true;
        return EMPTY_SLOT;
    }
    size_t node = b->nnodes++;
    size_t base = b->nslots;
    b->nslots += nchildren;
    b->nodes[node] = (DecodeNode){(uint32_t)(nchildren - 1), (uint32_t)base, (uint8_t)f.shift};
    if (depth + 1 > b->st.max_depth) {
        b->st.max_depth = depth + 1;
    }
    DecodeEntry *sub = malloc(n * sizeof(DecodeEntry));
    if (!sub) {
        b->oom = true;
        return EMPTY_SLOT;
    }
    Budget spare = {budget.slots - nchildren, budget.entries - (f.s1 + f.nonempty)};
    Budget carry = {0, 0};
    uint64_t fixed_after = fixed | ((uint64_t)(nchildren - 1) << f.shift);
    for (uint32_t c = 0; c < nchildren; c++) {
        size_t k = child_list(list, n, fixed, &f, c, sub);
        if (k == 0) {
            b->slots[base + c] = EMPTY_SLOT;
            continue;
        }
        Budget mine = {carry.slots + (size_t)((double)spare.slots * k / f.s1),
                       carry.entries + k + 1 + (size_t)((double)spare.entries * k / f.s1)};
        size_t slots0 = b->nslots, entries0 = b->nentries;
        uint32_t slot = build(b, sub, k, fixed_after, depth + 1, mine); /* moves b->slots */
        b->slots[base + c] = slot;
        carry.slots = mine.slots - (b->nslots - slots0);
        carry.entries = mine.entries - (b->nentries - entries0);
    }
    free(sub);
    return (uint32_t)(node << 1);
}

Decoder *decoder_build(const DecodePattern *lines, size_t n)
{
    if (n >= ((size_t)1 << 31)) {
        return NULL;
    }
    Builder *b = calloc(1, sizeof(*b));
    Decoder *d = calloc(1, sizeof(*d));
    DecodeEntry *list = malloc((n ? n : 1) * sizeof(DecodeEntry));
    if (!b || !d || !list) {
        goto fail;
    }
    /* Lines that can never match are dropped; the list stops at a line that matches every
     * key. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].match & ~lines[i].mask) {
            continue;
        }
        list[k++] = (DecodeEntry){lines[i].mask, lines[i].match, (int32_t)i};
        if (lines[i].mask == 0) {
            break;
        }
    }
    if (k > DECODE_MAX_ENTRIES - 2) {
        goto fail; /* the table alone does not fit */
    }
    DecodeEntry empty = {0, 0, -1};
    if (!grow((void **)&b->entries, &b->cap_entries, 1, sizeof(DecodeEntry))) {
        goto fail;
    }
    b->entries[0] = empty;
    b->nentries = 1;
    d->root = build(b, list, k, 0, 0,
                    (Budget){DECODE_MAX_SLOTS, DECODE_MAX_ENTRIES - b->nentries});
    if (b->oom) {
        goto fail;
    }
    b->st.lines = n;
    b->st.nodes = b->nnodes;
    b->st.slots = b->nslots;
    b->st.entries = b->nentries;
    d->nodes = b->nodes;
    d->slots = b->slots;
    d->entries = b->entries;
    d->stats = b->st;
    free(list);
    free(b);
    return d;

fail:
    if (b) {
        free(b->nodes);
        free(b->slots);
        free(b->entries);
    }
    free(b);
    free(d);
    free(list);
    return NULL;
}

void decoder_free(Decoder *d)
{
    if (!d) {
        return;
    }
    free((void *)d->nodes);
    free((void *)d->slots);
    free((void *)d->entries);
    free(d);
}
