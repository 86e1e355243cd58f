/*
 * test/unit/test_decode_tree.c — the decision-tree decoder (core/decode.h) against the
 * linear first-match scan it replaces, on random pattern tables shaped like ISA tables
 * (field masks, overlapping lines, reserved encodings carved out before the general line,
 * catch-alls, lines that never match), 16-, 32- and 64-bit keys.
 */
#include <string.h>
#include <time.h>

#include "core/decode.h"
#include "test/unit/test.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static uint64_t rnd_below(uint64_t n)
{
    return rnd() % n;
}

static int32_t linear_lookup(const DecodePattern *p, size_t n, uint64_t key)
{
    for (size_t i = 0; i < n; i++) {
        if ((key & p[i].mask) == p[i].match) {
            return (int32_t)i;
        }
    }
    return -1;
}

static uint64_t key_mask(unsigned bits)
{
    return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

/* A mask made of 1-4 contiguous fields, like an ISA format (opcode, funct3, funct7...). */
static uint64_t field_mask(unsigned bits)
{
    uint64_t m = 0;
    int nfields = 1 + (int)rnd_below(4);
    for (int f = 0; f < nfields; f++) {
        unsigned w = 1 + (unsigned)rnd_below(8);
        unsigned lo = (unsigned)rnd_below(bits);
        m |= (key_mask(w) << lo) & key_mask(bits);
    }
    return m;
}

/* An ISA-like table of about n lines: a few formats, lines of each format with random
 * matches, some carved out by more specific lines listed before them, free-form masks
 * (free_pct percent of the lines: random bits, the worst case for a tree), catch-alls and
 * never-matching lines. */
static size_t random_table(DecodePattern *p, size_t n, unsigned bits, unsigned free_pct)
{
    uint64_t formats[8];
    uint64_t opcode = field_mask(bits) | 1; /* every format shares an opcode field */
    for (int f = 0; f < 8; f++) {
        formats[f] = opcode | (rnd_below(3) ? field_mask(bits) : 0);
    }
    size_t k = 0;
    while (k < n) {
        uint64_t mask, r = rnd_below(100);
        if (r < 100 - free_pct) {
            mask = formats[rnd_below(8)];
            if (k + 1 == n && rnd_below(3) == 0) {
                mask = 0; /* a catch-all as the last line (anywhere else it cuts the table) */
            }
        } else {
            /* free-form: random bits, or a field that is not the opcode */
            mask = rnd_below(2) ? rnd() & key_mask(bits) : field_mask(bits);
        }
        uint64_t match = rnd() & mask;
        if (rnd_below(50) == 0 && mask != key_mask(bits)) {
            /* never matches: a match bit outside the mask */
            uint64_t outside = ~mask & key_mask(bits);
            match |= outside & (0 - outside);
        }
        if (k + 3 <= n && rnd_below(5) == 0) {
            /* carve-outs: one or two more specific lines before the general one */
            int ncarve = 1 + (int)rnd_below(2);
            for (int c = 0; c < ncarve; c++) {
                uint64_t extra = rnd_below(8) ? field_mask(bits) : rnd() & key_mask(bits);
                uint64_t cm = mask | extra;
                p[k++] = (DecodePattern){cm, (match & mask) | (rnd() & cm & ~mask)};
            }
        }
        p[k++] = (DecodePattern){mask, match};
    }
    return k;
}

/* A key that reaches line i (when i's match is within its mask), random elsewhere. */
static uint64_t key_near(const DecodePattern *p, size_t i, unsigned bits)
{
    return (p[i].match | (rnd() & ~p[i].mask)) & key_mask(bits);
}

static int check_table(const DecodePattern *p, size_t n, unsigned bits, size_t nrandom)
{
    Decoder *d = decoder_build(p, n);
    if (!d) {
        fprintf(stderr, "  decoder_build failed (%zu lines)\n", n);
        return 1;
    }
    int bad = 0;
    if (d->stats.slots > DECODE_MAX_SLOTS || d->stats.entries > DECODE_MAX_ENTRIES) {
        fprintf(stderr, "  tree over its bounds: %zu slots, %zu entries\n", d->stats.slots,
                d->stats.entries);
        bad = 1;
    }
    for (size_t i = 0; i < n && bad < 5; i++) {
        uint64_t keys[3] = {p[i].match, key_near(p, i, bits), key_near(p, i, bits)};
        for (int j = 0; j < 3; j++) {
            int32_t want = linear_lookup(p, n, keys[j]), got = decoder_lookup(d, keys[j]);
            if (want != got) {
                fprintf(stderr, "  line %zu key 0x%llx: tree %d, linear %d\n", i,
                        (unsigned long long)keys[j], got, want);
                bad++;
            }
        }
    }
    for (size_t r = 0; r < nrandom && bad < 5; r++) {
        /* half uniform keys (mostly no match), half near a random line */
        uint64_t key = (r & 1) ? key_near(p, rnd_below(n), bits) : rnd() & key_mask(bits);
        int32_t want = linear_lookup(p, n, key), got = decoder_lookup(d, key);
        if (want != got) {
            fprintf(stderr, "  key 0x%llx: tree %d, linear %d\n", (unsigned long long)key,
                    got, want);
            bad++;
        }
    }
    decoder_free(d);
    return bad != 0;
}

TEST(random_tables_match_linear_scan)
{
    static DecodePattern p[1200];
    static const unsigned widths[] = {16, 32, 32, 64};
    static const size_t sizes[] = {1, 3, 10, 40, 150, 400, 1000};
    for (int round = 0; round < 3; round++) {
        for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
            for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
                size_t n = random_table(p, sizes[s], widths[w], round == 0 ? 0 : round == 1 ? 3 : 10);
                /* about 250k random keys per table size class: ~5M in all */
                if (check_table(p, n, widths[w], 250000 / (1 + s / 3))) {
                    fprintf(stderr, "  (round %d, %u-bit keys, %zu lines)\n", round,
                            widths[w], n);
                    test_cur_failed = 1;
                    return;
                }
            }
        }
    }
}

TEST(small_and_degenerate_tables)
{
    Decoder *d = decoder_build(NULL, 0);
    CHECK(d != NULL);
    if (d) {
        CHECK(decoder_lookup(d, 0) == -1);
        CHECK(decoder_lookup(d, ~0ull) == -1);
        decoder_free(d);
    }
    /* a catch-all first hides everything after it */
    const DecodePattern all[] = {{0, 0}, {0xff, 0x12}};
    d = decoder_build(all, 2);
    CHECK(d != NULL);
    if (d) {
        CHECK(decoder_lookup(d, 0x12) == 0);
        CHECK(decoder_lookup(d, 0xffffffffffffffffull) == 0);
        decoder_free(d);
    }
    /* a never-matching line is skipped, the same line after it matches */
    const DecodePattern never[] = {{0x0f, 0x13}, {0x0f, 0x03}, {0xff, 0x03}};
    d = decoder_build(never, 3);
    CHECK(d != NULL);
    if (d) {
        CHECK(decoder_lookup(d, 0x13) == 1);
        CHECK(decoder_lookup(d, 0x03) == 1);
        CHECK(decoder_lookup(d, 0x04) == -1);
        decoder_free(d);
    }
    /* carve-out before the general line; duplicate lines: the first wins */
    const DecodePattern carve[] = {{0xffff, 0x8002}, {0xf07f, 0x8002}, {0xf003, 0x8002},
                                   {0xf003, 0x8002}, {0xf003, 0x9002}};
    d = decoder_build(carve, 5);
    CHECK(d != NULL);
    if (d) {
        CHECK(decoder_lookup(d, 0x8002) == 0);
        CHECK(decoder_lookup(d, 0x8082) == 1);
        CHECK(decoder_lookup(d, 0x8086) == 2);
        CHECK(decoder_lookup(d, 0x9086) == 4);
        CHECK(decoder_lookup(d, 0xa086) == -1);
        decoder_free(d);
    }
    /* a field at the top of a 64-bit key */
    const DecodePattern top[] = {{0xff00000000000000ull, 0xab00000000000000ull},
                                 {0xff00000000000000ull, 0xcd00000000000000ull},
                                 {0xff00000000000000ull, 0x0100000000000000ull},
                                 {0xff00000000000000ull, 0x0200000000000000ull}};
    d = decoder_build(top, 4);
    CHECK(d != NULL);
    if (d) {
        CHECK(decoder_lookup(d, 0xcd12345678abcdefull) == 1);
        CHECK(decoder_lookup(d, 0x02ffffffffffffffull) == 3);
        CHECK(decoder_lookup(d, 0x03ffffffffffffffull) == -1);
        CHECK(d->stats.nodes >= 1);
        decoder_free(d);
    }
}

/* Lines that each constrain one random bit duplicate into almost every child: the tree
 * must stay within its bounds and exact. */
TEST(pathological_table_stays_bounded)
{
    static DecodePattern p[3000];
    for (size_t i = 0; i < 3000; i++) {
        uint64_t m = 1ull << rnd_below(32);
        if (i % 3 == 0) {
            m |= 1ull << rnd_below(32);
        }
        p[i] = (DecodePattern){m, rnd() & m};
    }
    Decoder *d = decoder_build(p, 3000);
    CHECK(d != NULL);
    if (!d) {
        return;
    }
    CHECK(d->stats.slots <= DECODE_MAX_SLOTS);
    CHECK(d->stats.entries <= DECODE_MAX_ENTRIES);
    decoder_free(d);
    CHECK(check_table(p, 3000, 32, 20000) == 0);
}

/* The tree splits an ISA-like table into short leaves (and is not slower than the scan). */
TEST(tree_is_shallow_and_fast)
{
    static DecodePattern p[1200];
    size_t n = random_table(p, 1000, 32, 0);
    Decoder *d = decoder_build(p, n);
    CHECK(d != NULL);
    if (!d) {
        return;
    }
    CHECK(d->stats.nodes > 0);
    CHECK(d->stats.max_depth <= 16);
    static uint64_t keys[1 << 16];
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        keys[i] = key_near(p, rnd_below(n), 32);
    }
    uint64_t sum_tree = 0, sum_linear = 0;
    clock_t t0 = clock();
    for (int rep = 0; rep < 16; rep++) {
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
            sum_tree += (uint64_t)(decoder_lookup(d, keys[i]) + 1);
        }
    }
    clock_t t1 = clock();
    for (int rep = 0; rep < 16; rep++) {
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
            sum_linear += (uint64_t)(linear_lookup(p, n, keys[i]) + 1);
        }
    }
    clock_t t2 = clock();
    CHECK_EQ_U64(sum_tree, sum_linear);
    double tree_s = (double)(t1 - t0) / CLOCKS_PER_SEC;
    double lin_s = (double)(t2 - t1) / CLOCKS_PER_SEC;
    printf("  %zu lines: %zu nodes, %zu slots, %zu entries, depth %zu, longest leaf %zu; "
           "tree %.1f ns/lookup, linear %.1f ns\n",
           n, d->stats.nodes, d->stats.slots, d->stats.entries, d->stats.max_depth,
           d->stats.max_leaf, tree_s * 1e9 / (16 << 16), lin_s * 1e9 / (16 << 16));
    CHECK(tree_s < lin_s);
    decoder_free(d);
}

int main(void)
{
    RUN(small_and_degenerate_tables);
    RUN(random_tables_match_linear_scan);
    RUN(pathological_table_stays_bounded);
    RUN(tree_is_shallow_and_fast);
    return test_summary();
}
