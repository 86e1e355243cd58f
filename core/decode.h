/*
 * core/decode.h — instruction decoding from a pattern table, compiled to a decision tree.
 *
 * A guest lists its instructions as table lines (mask, match): a key k matches a line when
 * (k & mask) == match.  decoder_lookup() returns the index of the FIRST listed line that
 * matches, exactly like a linear scan of the table, so a reserved encoding listed before the
 * general line it carves out of still wins.  decoder_build() turns the table into a decision
 * tree once (the guest builds it at start-up or at its first decode, e.g. under
 * pthread_once); the tree is immutable afterwards and may be read by any number of threads.
 *
 * How the tree is made: at each node, over the lines that can still match there (in table
 * order), pick a contiguous field of up to DECODE_MAX_FIELD_BITS key bits that the lines
 * constrain and switch on it.  A line goes into every child whose field value agrees with
 * the bits of the field it constrains (a line that leaves them free goes into all children),
 * keeping table order; a child's list is cut after a line all of whose constrained bits are
 * fixed by the path (it always matches there).  The field chosen is the one that minimises
 * the average list length a matching line ends up in; a node whose list is short, or that no
 * field shortens enough, is a leaf: an ordered list checked with mask/match and ended by a
 * catch-all entry that returns -1.  The tree is bounded (DECODE_MAX_SLOTS child slots,
 * DECODE_MAX_ENTRIES leaf entries): past that, nodes stay leaves, which is still exact.
 *
 * Keys are 64-bit so that any fixed-width encoding fits: RISC-V and A64 use the 32-bit
 * instruction word, RISC-V C the 16-bit parcel (upper bits zero).  An ISA with a multi-level
 * opcode map folds the levels into one key built by its own front end, and its map lines are
 * table lines over that key.  For x86, for example, the front end consumes the prefixes and
 * escape bytes and then looks up
 *     key = opcode byte (bits 0-7) | next byte as ModRM (8-15) | map (16-17: none, 0F, 0F 38,
 *           0F 3A) | mandatory prefix (18-19: none, 66, F3, F2) | REX.W (20) | mode (21-22) ...
 * so that "0F 38 F0 /r with F2" is mask 0xf0000 | 0xff (map, prefix, opcode), a ModRM.reg
 * group member "FF /2" adds 0x3800 to the mask, a register-only form adds ModRM.mod == 3
 * (0xc000), and a line that has no ModRM simply leaves bits 8-15 free (its table data says
 * how many bytes it consumes).  A front end may also keep one Decoder per map instead.
 */
#ifndef CORE_DECODE_H
#define CORE_DECODE_H

#include <stddef.h>
#include <stdint.h>

/* One table line.  Bits of match outside mask make a line that never matches. */
typedef struct DecodePattern {
    uint64_t mask, match;
} DecodePattern;

/* Bounds of one tree (the build never exceeds them; see above). */
#define DECODE_MAX_FIELD_BITS 8
#define DECODE_MAX_SLOTS (1u << 15)
#define DECODE_MAX_ENTRIES (1u << 16)

/* The tree, flattened.  A slot is (node << 1) or (first leaf entry << 1) | 1. */
typedef struct DecodeNode {
    uint32_t field_mask; /* (1 << width) - 1 */
    uint32_t base;       /* the node's children are slots[base .. base + field_mask] */
    uint8_t shift;       /* the field is key bits shift .. shift + width - 1 */
} DecodeNode;

typedef struct DecodeEntry {
    uint64_t mask, match;
    int32_t index; /* the line's index in the table; -1 in the catch-all ending a list */
} DecodeEntry;

typedef struct DecoderStats {
    size_t lines;      /* lines in the table */
    size_t nodes;      /* switch nodes */
    size_t slots;      /* child slots of all nodes */
    size_t leaves;     /* leaf lists */
    size_t entries;    /* leaf entries, catch-alls included */
    size_t max_depth;  /* nodes on the longest path */
    size_t max_leaf;   /* lines in the longest leaf list */
} DecoderStats;

typedef struct Decoder {
    uint32_t root;
    const DecodeNode *nodes;
    const uint32_t *slots;
    const DecodeEntry *entries;
    DecoderStats stats;
} Decoder;

/* Build the tree for lines[0 .. n-1] (n < 2^31; the lines are copied).  Returns NULL if
 * out of memory.  Thread-safe (no shared state); free with decoder_free. */
Decoder *decoder_build(const DecodePattern *lines, size_t n);
void decoder_free(Decoder *d);

/* The index of the first line that matches key, or -1 if none does. */
static inline int32_t decoder_lookup(const Decoder *d, uint64_t key)
{
    uint32_t s = d->root;
    while (!(s & 1)) {
        const DecodeNode *nd = &d->nodes[s >> 1];
        s = d->slots[nd->base + ((uint32_t)(key >> nd->shift) & nd->field_mask)];
    }
    const DecodeEntry *e = &d->entries[s >> 1];
    while ((key & e->mask) != e->match) {
        e++;
    }
    return e->index;
}

#endif
