/*
 * test/unit/test_fdt.c — the FDT builder (hw/fdt.c) and the riscv64 virt device tree
 * (hw/riscv/virt_fdt.c).  Blobs are checked with a small DTB reader written here,
 * independently of the builder, and the virt tree also with dtc (device-tree-compiler),
 * which must be installed: without it the dtc test fails.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hw/fdt.h"
#include "hw/riscv/virt_fdt.h"
#include "test/unit/test.h"

/* ---------------- an independent DTB reader ---------------- */

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t rd64(const uint8_t *p)
{
    return (uint64_t)rd32(p) << 32 | rd32(p + 4);
}

typedef struct Dtb {
    const uint8_t *b;
    size_t len;
    uint32_t off_st, size_st, off_str, size_str, off_rsv;
    int nodes, props, max_depth;
} Dtb;

/* Validate the header and the whole structure block; returns an error string or NULL. */
static const char *dtb_check(Dtb *d, const uint8_t *b, size_t len)
{
    memset(d, 0, sizeof(*d));
    d->b = b;
    d->len = len;
    if (len < 40) {
        return "shorter than a header";
    }
    if (rd32(b) != 0xd00dfeed) {
        return "bad magic";
    }
    if (rd32(b + 4) != len) {
        return "totalsize != blob length";
    }
    d->off_st = rd32(b + 8);
    d->off_str = rd32(b + 12);
    d->off_rsv = rd32(b + 16);
    d->size_str = rd32(b + 32);
    d->size_st = rd32(b + 36);
    if (rd32(b + 20) != 17 || rd32(b + 24) != 16) {
        return "version/last_comp_version";
    }
    if (d->off_rsv % 8 || d->off_st % 4 || d->off_rsv < 40) {
        return "block alignment";
    }
    if ((uint64_t)d->off_st + d->size_st > len || (uint64_t)d->off_str + d->size_str > len) {
        return "block outside the blob";
    }
    /* reservation map: entries up to {0,0}, before the structure block */
    for (uint32_t o = d->off_rsv;; o += 16) {
        if (o + 16 > d->off_st) {
            return "unterminated reservation map";
        }
        if (rd64(b + o) == 0 && rd64(b + o + 8) == 0) {
            break;
        }
    }
    /* structure block */
    const uint8_t *s = b + d->off_st;
    uint32_t o = 0, n = d->size_st;
    int depth = 0;
    bool ended = false, had_child[256] = {false};
    while (!ended) {
        if (o + 4 > n) {
            return "structure block ends without FDT_END";
        }
        uint32_t tok = rd32(s + o);
        o += 4;
        switch (tok) {
        case 1: { /* BEGIN_NODE */
            const uint8_t *z = memchr(s + o, 0, n - o);
            if (!z) {
                return "unterminated node name";
            }
            size_t nl = (size_t)(z - (s + o));
            if (depth == 0 && (d->nodes > 0 || nl != 0)) {
                return "root node not first / not nameless";
            }
            if (depth > 0) {
                had_child[depth] = true;
            }
            o += (uint32_t)((nl + 1 + 3) & ~(size_t)3);
            if (++depth >= 256) {
                return "too deep";
            }
            had_child[depth] = false;
            if (depth > d->max_depth) {
                d->max_depth = depth;
            }
            d->nodes++;
            break;
        }
        case 2: /* END_NODE */
            if (depth == 0) {
                return "END_NODE without node";
            }
            depth--;
            break;
        case 3: { /* PROP */
            if (depth == 0) {
                return "property outside a node";
            }
            if (had_child[depth]) {
                return "property after a child node";
            }
            if (o + 8 > n) {
                return "truncated property";
            }
            uint32_t plen = rd32(s + o), noff = rd32(s + o + 4);
            o += 8;
            if (plen > n - o) {
                return "property data outside the block";
            }
            if (noff >= d->size_str || !memchr(b + d->off_str + noff, 0, d->size_str - noff)) {
                return "bad property name offset";
            }
            o += (plen + 3) & ~3u;
            d->props++;
            break;
        }
        case 4: /* NOP */
            break;
        case 9:
            if (depth != 0) {
                return "FDT_END inside a node";
            }
            ended = true;
            break;
        default:
            return "unknown token";
        }
    }
    if (o != n) {
        return "size_dt_struct does not end at FDT_END";
    }
    if (d->nodes == 0) {
        return "no root node";
    }
    return NULL;
}

/* The current node's path while walking the structure block. */
typedef struct PathTrack {
    char cur[1024];
    size_t len[128];
    int depth;
} PathTrack;

static void path_push(PathTrack *t, const char *name)
{
    size_t l = strlen(t->cur);
    if (t->depth < 128) {
        t->len[t->depth] = l;
    }
    t->depth++;
    if (t->depth == 1) {
        snprintf(t->cur, sizeof(t->cur), "/");
    } else {
        snprintf(t->cur + l, sizeof(t->cur) - l, "%s%s", l > 1 ? "/" : "", name);
    }
}

static void path_pop(PathTrack *t)
{
    if (t->depth > 0 && --t->depth < 128) {
        t->cur[t->len[t->depth]] = '\0';
    }
}

/* Walk a (checked) blob: with prop NULL, is there a node at path ("/", "/a/b@1")?
 * Otherwise find that property of it; data/plen receive its value. */
static bool dtb_find(const Dtb *d, const char *path, const char *prop, const uint8_t **data,
                     uint32_t *plen)
{
    const uint8_t *s = d->b + d->off_st;
    PathTrack t = {.depth = 0};
    uint32_t o = 0;
    for (;;) {
        uint32_t tok = rd32(s + o);
        o += 4;
        if (tok == 1) {
            const char *nm = (const char *)s + o;
            path_push(&t, nm);
            o += (uint32_t)((strlen(nm) + 1 + 3) & ~(size_t)3);
            if (!prop && strcmp(t.cur, path) == 0) {
                return true;
            }
        } else if (tok == 2) {
            path_pop(&t);
        } else if (tok == 3) {
            uint32_t l = rd32(s + o), noff = rd32(s + o + 4);
            const char *pn = (const char *)d->b + d->off_str + noff;
            if (prop && strcmp(t.cur, path) == 0 && strcmp(pn, prop) == 0) {
                if (data) {
                    *data = s + o + 8;
                }
                if (plen) {
                    *plen = l;
                }
                return true;
            }
            o += 8 + ((l + 3) & ~3u);
        } else if (tok != 4) {
            return false;
        }
    }
}

/* The names of the direct children of path, in order, joined by spaces. */
static void dtb_children(const Dtb *d, const char *path, char *out, size_t outlen)
{
    const uint8_t *s = d->b + d->off_st;
    PathTrack t = {.depth = 0};
    uint32_t o = 0;
    out[0] = '\0';
    for (;;) {
        uint32_t tok = rd32(s + o);
        o += 4;
        if (tok == 1) {
            const char *nm = (const char *)s + o;
            if (strcmp(t.cur, path) == 0 && t.depth > 0) {
                size_t l = strlen(out);
                snprintf(out + l, outlen - l, "%s%s", l ? " " : "", nm);
            }
            path_push(&t, nm);
            o += (uint32_t)((strlen(nm) + 1 + 3) & ~(size_t)3);
        } else if (tok == 2) {
            path_pop(&t);
        } else if (tok == 3) {
            o += 8 + ((rd32(s + o) + 3) & ~3u);
        } else if (tok != 4) {
            return;
        }
    }
}

static bool prop_is_u32(const Dtb *d, const char *path, const char *prop, uint32_t v)
{
    const uint8_t *p;
    uint32_t l;
    return dtb_find(d, path, prop, &p, &l) && l == 4 && rd32(p) == v;
}

static bool prop_is_str(const Dtb *d, const char *path, const char *prop, const char *v)
{
    const uint8_t *p;
    uint32_t l;
    return dtb_find(d, path, prop, &p, &l) && l == strlen(v) + 1 && memcmp(p, v, l) == 0;
}

/* Raw bytes comparison (string lists: pass the literal with embedded NULs + length). */
static bool prop_is_bytes(const Dtb *d, const char *path, const char *prop, const void *v,
                          size_t vl)
{
    const uint8_t *p;
    uint32_t l;
    return dtb_find(d, path, prop, &p, &l) && l == vl && memcmp(p, v, vl) == 0;
}

static bool prop_is_cells(const Dtb *d, const char *path, const char *prop,
                          const uint32_t *c, size_t n)
{
    const uint8_t *p;
    uint32_t l;
    if (!dtb_find(d, path, prop, &p, &l) || l != 4 * n) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (rd32(p + 4 * i) != c[i]) {
            return false;
        }
    }
    return true;
}

/* How many times s occurs as a whole string in the strings block. */
static int strings_count(const Dtb *d, const char *s)
{
    int n = 0;
    const char *blk = (const char *)d->b + d->off_str;
    for (uint32_t o = 0; o < d->size_str; o += (uint32_t)strlen(blk + o) + 1) {
        n += strcmp(blk + o, s) == 0;
    }
    return n;
}

/* ---------------- builder tests ---------------- */

TEST(empty_root)
{
    Fdt *f = fdt_new();
    CHECK(f != NULL);
    CHECK_EQ_U64(fdt_begin_node(f, ""), 0);
    CHECK_EQ_U64(fdt_end_node(f), 0);
    uint8_t *b = NULL;
    size_t len = 0;
    CHECK_EQ_U64(fdt_finish(f, &b, &len), 0);
    fdt_free(f);
    CHECK(b != NULL);
    /* header + empty rsvmap + BEGIN_NODE "" (8) + END_NODE + END, no strings */
    CHECK_EQ_U64(len, 40 + 16 + 16);
    CHECK_EQ_U64(rd32(b + 0), 0xd00dfeed);
    CHECK_EQ_U64(rd32(b + 4), len);
    CHECK_EQ_U64(rd32(b + 8), 56);      /* off_dt_struct */
    CHECK_EQ_U64(rd32(b + 12), 72);     /* off_dt_strings */
    CHECK_EQ_U64(rd32(b + 16), 40);     /* off_mem_rsvmap */
    CHECK_EQ_U64(rd32(b + 20), 17);
    CHECK_EQ_U64(rd32(b + 24), 16);
    CHECK_EQ_U64(rd32(b + 28), 0);      /* boot_cpuid_phys */
    CHECK_EQ_U64(rd32(b + 32), 0);      /* size_dt_strings */
    CHECK_EQ_U64(rd32(b + 36), 16);     /* size_dt_struct */
    CHECK_EQ_U64(rd64(b + 40), 0);
    CHECK_EQ_U64(rd64(b + 48), 0);
    CHECK_EQ_U64(rd32(b + 56), 1);
    CHECK_EQ_U64(rd32(b + 60), 0);
    CHECK_EQ_U64(rd32(b + 64), 2);
    CHECK_EQ_U64(rd32(b + 68), 9);
    Dtb d;
    const char *why = dtb_check(&d, b, len);
    CHECK(why == NULL);
    CHECK_EQ_U64(d.nodes, 1);
    free(b);
}

TEST(properties_and_strings)
{
    Fdt *f = fdt_new();
    fdt_set_boot_cpuid(f, 3);
    fdt_begin_node(f, "");
    fdt_prop_u32(f, "#address-cells", 2);
    fdt_prop_string(f, "compatible", "acme,board");
    fdt_begin_node(f, "dev@1000");
    fdt_prop_string(f, "compatible", "acme,dev");
    fdt_prop_u64(f, "big", 0x0123456789abcdefull);
    const uint32_t cells[] = {0, 0x1000, 0xdeadbeef};
    fdt_prop_cells(f, "reg", cells, 3);
    fdt_prop_empty(f, "interrupt-controller");
    const char *const list[] = {"a,b", "c", ""};
    fdt_prop_strings(f, "compatible-list", list, 3);
    const uint8_t raw[5] = {1, 2, 3, 4, 5};
    fdt_prop(f, "raw", raw, 5);
    fdt_prop_cells(f, "none", NULL, 0);
    fdt_end_node(f);
    fdt_begin_node(f, "other");
    fdt_prop_string(f, "compatible", "acme,other");
    fdt_prop_u32(f, "#address-cells", 1);
    fdt_begin_node(f, "deep");
    fdt_prop_string(f, "status", "okay");
    fdt_end_node(f);
    fdt_end_node(f);
    fdt_end_node(f);
    uint8_t *b;
    size_t len;
    CHECK_EQ_U64(fdt_finish(f, &b, &len), 0);
    fdt_free(f);
    Dtb d;
    const char *why = dtb_check(&d, b, len);
    if (why) {
        fprintf(stderr, "  dtb_check: %s\n", why);
    }
    CHECK(why == NULL);
    CHECK_EQ_U64(d.nodes, 4);
    CHECK_EQ_U64(d.props, 12);
    CHECK_EQ_U64(d.max_depth, 3);
    CHECK_EQ_U64(rd32(b + 28), 3);
    CHECK(prop_is_u32(&d, "/", "#address-cells", 2));
    CHECK(prop_is_str(&d, "/", "compatible", "acme,board"));
    CHECK(prop_is_str(&d, "/dev@1000", "compatible", "acme,dev"));
    const uint8_t big[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
    CHECK(prop_is_bytes(&d, "/dev@1000", "big", big, 8));
    CHECK(prop_is_cells(&d, "/dev@1000", "reg", cells, 3));
    CHECK(prop_is_bytes(&d, "/dev@1000", "interrupt-controller", "", 0));
    CHECK(prop_is_bytes(&d, "/dev@1000", "compatible-list", "a,b\0c\0", 7));
    CHECK(prop_is_bytes(&d, "/dev@1000", "raw", raw, 5));
    CHECK(prop_is_bytes(&d, "/dev@1000", "none", "", 0));
    CHECK(prop_is_u32(&d, "/other", "#address-cells", 1));
    CHECK(prop_is_str(&d, "/other/deep", "status", "okay"));
    CHECK(!dtb_find(&d, "/other", "status", NULL, NULL));
    CHECK(!dtb_find(&d, "/nonexistent", NULL, NULL, NULL));
    CHECK(dtb_find(&d, "/other/deep", NULL, NULL, NULL));
    /* each property name once in the strings block; exact block size */
    const char *names[] = {"#address-cells", "compatible", "big", "reg", "interrupt-controller",
                           "compatible-list", "raw", "none", "status"};
    size_t total = 0;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        CHECK_EQ_U64(strings_count(&d, names[i]), 1);
        total += strlen(names[i]) + 1;
    }
    CHECK_EQ_U64(d.size_str, total);
    /* blocks are laid out back to back: strings end the blob */
    CHECK_EQ_U64(d.off_str + d.size_str, len);
    CHECK_EQ_U64(d.off_st + d.size_st, d.off_str);
    char kids[256];
    dtb_children(&d, "/", kids, sizeof(kids));
    CHECK(strcmp(kids, "dev@1000 other") == 0);
    free(b);
}

TEST(reservations_and_phandles)
{
    Fdt *f = fdt_new();
    CHECK_EQ_U64(fdt_alloc_phandle(f), 1);
    CHECK_EQ_U64(fdt_alloc_phandle(f), 2);
    CHECK_EQ_U64(fdt_alloc_phandle(f), 3);
    CHECK_EQ_U64(fdt_set_phandle_start(f, 0x8000), 0);
    CHECK_EQ_U64(fdt_alloc_phandle(f), 0x8000);
    CHECK_EQ_U64(fdt_alloc_phandle(f), 0x8001);
    CHECK_EQ_U64(fdt_add_reserved(f, 0x80000000ull, 0x200000), 0);
    CHECK_EQ_U64(fdt_add_reserved(f, 0x123456789abcull, 0x1000), 0);
    fdt_begin_node(f, "");
    fdt_end_node(f);
    uint8_t *b;
    size_t len;
    CHECK_EQ_U64(fdt_finish(f, &b, &len), 0);
    Dtb d;
    CHECK(dtb_check(&d, b, len) == NULL);
    CHECK_EQ_U64(d.off_rsv, 40);
    CHECK_EQ_U64(rd64(b + 40), 0x80000000ull);
    CHECK_EQ_U64(rd64(b + 48), 0x200000);
    CHECK_EQ_U64(rd64(b + 56), 0x123456789abcull);
    CHECK_EQ_U64(rd64(b + 64), 0x1000);
    CHECK_EQ_U64(rd64(b + 72), 0);
    CHECK_EQ_U64(rd64(b + 80), 0);
    CHECK_EQ_U64(d.off_st, 88);
    /* fdt_finish leaves the builder usable: a second call gives the same blob */
    uint8_t *b2;
    size_t len2;
    CHECK_EQ_U64(fdt_finish(f, &b2, &len2), 0);
    CHECK(len2 == len && memcmp(b, b2, len) == 0);
    free(b2);
    free(b);
    /* zero-sized reservation would read as the terminator */
    CHECK_EQ_U64(fdt_add_reserved(f, 0x1000, 0), FDT_ERR_BADARG);
    fdt_free(f);
}

/* A builder with one error, then the same error from finish. */
static int finish_err(Fdt *f)
{
    uint8_t *b = (uint8_t *)1;
    size_t len = 1;
    int r = fdt_finish(f, &b, &len);
    if (r != 0 && (b != NULL || len != 0)) {
        return 12345;
    }
    free(b);
    return r;
}

TEST(errors)
{
    Fdt *f;
    /* finish before anything / with an open node (not sticky: can still be closed) */
    f = fdt_new();
    CHECK_EQ_U64(finish_err(f), FDT_ERR_STATE);
    fdt_begin_node(f, "");
    fdt_begin_node(f, "a");
    CHECK_EQ_U64(finish_err(f), FDT_ERR_STATE);
    fdt_end_node(f);
    CHECK_EQ_U64(finish_err(f), FDT_ERR_STATE);
    fdt_end_node(f);
    CHECK_EQ_U64(finish_err(f), 0);
    /* a second root; then the error is sticky */
    CHECK_EQ_U64(fdt_begin_node(f, ""), FDT_ERR_STATE);
    CHECK_EQ_U64(fdt_end_node(f), FDT_ERR_STATE);
    CHECK_EQ_U64(finish_err(f), FDT_ERR_STATE);
    fdt_free(f);

    /* too many END_NODEs */
    f = fdt_new();
    CHECK_EQ_U64(fdt_end_node(f), FDT_ERR_STATE);
    fdt_free(f);

    /* property outside any node */
    f = fdt_new();
    CHECK_EQ_U64(fdt_prop_u32(f, "x", 1), FDT_ERR_STATE);
    fdt_free(f);

    /* property after a child node */
    f = fdt_new();
    fdt_begin_node(f, "");
    fdt_begin_node(f, "child");
    fdt_prop_u32(f, "ok", 1);
    fdt_end_node(f);
    CHECK_EQ_U64(fdt_prop_u32(f, "late", 1), FDT_ERR_STATE);
    CHECK_EQ_U64(fdt_end_node(f), FDT_ERR_STATE); /* sticky */
    CHECK_EQ_U64(finish_err(f), FDT_ERR_STATE);
    fdt_free(f);

    /* names */
    const char *bad_nodes[] = {"", "a/b", "@1", "a@", "a b", "a@1@2", "x\n"};
    for (size_t i = 0; i < sizeof(bad_nodes) / sizeof(bad_nodes[0]); i++) {
        f = fdt_new();
        fdt_begin_node(f, "");
        CHECK_EQ_U64(fdt_begin_node(f, bad_nodes[i]), FDT_ERR_BADNAME);
        fdt_free(f);
    }
    f = fdt_new();
    CHECK_EQ_U64(fdt_begin_node(f, "notroot"), FDT_ERR_BADNAME);
    fdt_free(f);
    const char *bad_props[] = {"", "a b", "a@b", "a/b", "x=y"};
    for (size_t i = 0; i < sizeof(bad_props) / sizeof(bad_props[0]); i++) {
        f = fdt_new();
        fdt_begin_node(f, "");
        CHECK_EQ_U64(fdt_prop_empty(f, bad_props[i]), FDT_ERR_BADNAME);
        fdt_free(f);
    }
    f = fdt_new();
    fdt_begin_node(f, "");
    CHECK_EQ_U64(fdt_prop_empty(f, "#size-cells"), 0);
    CHECK_EQ_U64(fdt_prop_empty(f, "linux,initrd-start"), 0);
    CHECK_EQ_U64(fdt_prop_empty(f, "a?b+c_d.e"), 0);
    CHECK_EQ_U64(fdt_begin_node(f, "virtio_mmio@10001000"), 0);
    CHECK_EQ_U64(fdt_begin_node(f, "a,b.c_d+e-f@0,1"), 0);
    fdt_free(f);

    /* duplicate property in one node (same name in another node is fine) */
    f = fdt_new();
    fdt_begin_node(f, "");
    CHECK_EQ_U64(fdt_prop_u32(f, "reg", 1), 0);
    fdt_begin_node(f, "a");
    CHECK_EQ_U64(fdt_prop_u32(f, "reg", 1), 0);
    CHECK_EQ_U64(fdt_prop_u32(f, "x", 1), 0);
    CHECK_EQ_U64(fdt_prop_u32(f, "reg", 2), FDT_ERR_EXISTS);
    fdt_free(f);

    /* NULL arguments */
    CHECK_EQ_U64(fdt_begin_node(NULL, ""), FDT_ERR_BADARG);
    CHECK_EQ_U64(fdt_prop_u32(NULL, "x", 1), FDT_ERR_BADARG);
    CHECK_EQ_U64(fdt_finish(NULL, NULL, NULL), FDT_ERR_BADARG);
    CHECK_EQ_U64(fdt_alloc_phandle(NULL), 0);
    CHECK_EQ_U64(fdt_set_phandle_start(NULL, 1), FDT_ERR_BADARG);
    fdt_free(NULL);
    f = fdt_new();
    fdt_begin_node(f, "");
    CHECK_EQ_U64(fdt_prop(f, "x", NULL, 4), FDT_ERR_BADARG);
    fdt_free(f);
    f = fdt_new();
    fdt_begin_node(f, "");
    CHECK_EQ_U64(fdt_prop_string(f, "x", NULL), FDT_ERR_BADARG);
    fdt_free(f);
    f = fdt_new();
    fdt_begin_node(f, "");
    const char *const l[] = {"a", NULL};
    CHECK_EQ_U64(fdt_prop_strings(f, "x", l, 2), FDT_ERR_BADARG);
    fdt_free(f);
    f = fdt_new();
    fdt_begin_node(f, "");
    CHECK_EQ_U64(fdt_begin_node(f, NULL), FDT_ERR_BADARG);
    fdt_free(f);

    /* absurd lengths fail cleanly */
    f = fdt_new();
    fdt_begin_node(f, "");
    static const uint8_t one = 0;
    CHECK_EQ_U64(fdt_prop(f, "x", &one, SIZE_MAX), FDT_ERR_NOSPACE);
    fdt_free(f);
    f = fdt_new();
    fdt_begin_node(f, "");
    CHECK_EQ_U64(fdt_prop_cells(f, "x", (const uint32_t *)&one, SIZE_MAX / 2), FDT_ERR_NOSPACE);
    fdt_free(f);

    CHECK(strcmp(fdt_strerror(FDT_ERR_NOMEM), "out of memory") == 0);
    CHECK(fdt_strerror(-1000) != NULL);
}

TEST(size_limit)
{
    /* exactly the minimal blob fits in 72 bytes, not in 71 */
    Fdt *f = fdt_new();
    fdt_set_max_size(f, 72);
    CHECK_EQ_U64(fdt_begin_node(f, ""), 0);
    CHECK_EQ_U64(fdt_end_node(f), 0);
    uint8_t *b;
    size_t len;
    CHECK_EQ_U64(fdt_finish(f, &b, &len), 0);
    CHECK_EQ_U64(len, 72);
    free(b);
    fdt_free(f);

    f = fdt_new();
    fdt_set_max_size(f, 71);
    CHECK_EQ_U64(fdt_begin_node(f, ""), 0);
    CHECK_EQ_U64(fdt_end_node(f), FDT_ERR_NOSPACE);
    CHECK_EQ_U64(finish_err(f), FDT_ERR_NOSPACE);
    fdt_free(f);

    /* a property that does not fit fails with nothing half-added */
    f = fdt_new();
    fdt_set_max_size(f, 200);
    fdt_begin_node(f, "");
    uint8_t big[200] = {0};
    CHECK_EQ_U64(fdt_prop(f, "big", big, sizeof(big)), FDT_ERR_NOSPACE);
    CHECK_EQ_U64(fdt_prop(f, "small", big, 4), FDT_ERR_NOSPACE); /* sticky */
    fdt_free(f);

    /* with a limit, the finished blob never exceeds it */
    for (size_t lim = 60; lim < 400; lim += 7) {
        f = fdt_new();
        fdt_set_max_size(f, lim);
        fdt_add_reserved(f, 0x1000, 0x1000);
        fdt_begin_node(f, "");
        for (int i = 0; i < 10; i++) {
            char nm[16];
            snprintf(nm, sizeof(nm), "n@%d", i);
            fdt_begin_node(f, nm);
            fdt_prop_u32(f, "reg", (uint32_t)i);
            fdt_prop_string(f, "compatible", "x,y");
            fdt_end_node(f);
        }
        fdt_end_node(f);
        int r = fdt_finish(f, &b, &len);
        CHECK(r == 0 || r == FDT_ERR_NOSPACE);
        if (r == 0) {
            CHECK(len <= lim);
            Dtb d;
            CHECK(dtb_check(&d, b, len) == NULL);
            free(b);
        }
        fdt_free(f);
    }
}

TEST(large_tree)
{
    /* no fixed limits: 20000 nodes with long names and 1000 distinct property names */
    Fdt *f = fdt_new();
    fdt_begin_node(f, "");
    for (int i = 0; i < 20000; i++) {
        char nm[200];
        snprintf(nm, sizeof(nm), "node-with-a-rather-long-name-%0120d@%x", i, i);
        fdt_begin_node(f, nm);
        char pn[32];
        snprintf(pn, sizeof(pn), "prop-%d", i % 1000);
        fdt_prop_u32(f, pn, (uint32_t)i);
        fdt_prop_string(f, "compatible", "test,node");
        fdt_end_node(f);
    }
    uint8_t payload[100000];
    for (size_t i = 0; i < sizeof(payload); i++) {
        payload[i] = (uint8_t)i;
    }
    fdt_begin_node(f, "blob");
    fdt_prop(f, "data", payload, sizeof(payload));
    fdt_end_node(f);
    fdt_end_node(f);
    uint8_t *b;
    size_t len;
    CHECK_EQ_U64(fdt_finish(f, &b, &len), 0);
    fdt_free(f);
    Dtb d;
    const char *why = dtb_check(&d, b, len);
    CHECK(why == NULL);
    CHECK_EQ_U64(d.nodes, 20002);
    CHECK_EQ_U64(d.props, 40001);
    CHECK_EQ_U64(strings_count(&d, "prop-999"), 1);
    CHECK_EQ_U64(strings_count(&d, "compatible"), 1);
    /* "compatible", "data", and prop-0 .. prop-999 */
    size_t expect = 11 + 5;
    for (int i = 0; i < 1000; i++) {
        char pn[32];
        expect += (size_t)snprintf(pn, sizeof(pn), "prop-%d", i) + 1;
    }
    CHECK_EQ_U64(d.size_str, expect);
    CHECK(prop_is_bytes(&d, "/blob", "data", payload, sizeof(payload)));
    free(b);
}

/* ---------------- the virt tree ---------------- */

static VirtFdtConfig virt_cfg(uint32_t nharts)
{
    static const char *const exts[] = {"i", "m", "a", "f", "d", "c", "zicsr", "zifencei", "sstc"};
    VirtFdtConfig c = {
        .ram_base = 0x80000000ull,
        .ram_size = 512ull << 20,
        .nharts = nharts,
        .isa = "rv64imafdc_zicsr_zifencei_sstc",
        .isa_base = "rv64i",
        .isa_extensions = exts,
        .n_isa_extensions = sizeof(exts) / sizeof(exts[0]),
        .mmu_type = "riscv,sv57",
        .timebase_freq = 10000000,
        .bootargs = "console=ttyS0",
        .initrd_start = 0x88000000ull,
        .initrd_end = 0x880003e8ull,
        .stdout_path = NULL,
    };
    return c;
}

static uint32_t get_u32(const Dtb *d, const char *path, const char *prop)
{
    const uint8_t *p;
    uint32_t l;
    if (!dtb_find(d, path, prop, &p, &l) || l != 4) {
        return 0xffffffffu;
    }
    return rd32(p);
}

TEST(virt_tree)
{
    VirtFdtConfig c = virt_cfg(2);
    uint8_t *b;
    size_t len;
    CHECK_EQ_U64(virt_build_fdt(&c, &b, &len), 0);
    Dtb d;
    const char *why = dtb_check(&d, b, len);
    if (why) {
        fprintf(stderr, "  dtb_check: %s\n", why);
        CHECK(0);
        free(b);
        return;
    }
    char kids[1024];
    dtb_children(&d, "/", kids, sizeof(kids));
    CHECK(strcmp(kids, "chosen poweroff reboot memory@80000000 cpus soc") == 0);
    dtb_children(&d, "/soc", kids, sizeof(kids));
    CHECK(strcmp(kids, "rtc@101000 serial@10000000 test@100000 virtio_mmio@10008000 "
                       "virtio_mmio@10007000 virtio_mmio@10006000 virtio_mmio@10005000 "
                       "virtio_mmio@10004000 virtio_mmio@10003000 virtio_mmio@10002000 "
                       "virtio_mmio@10001000 plic@c000000 clint@2000000") == 0);
    dtb_children(&d, "/cpus", kids, sizeof(kids));
    CHECK(strcmp(kids, "cpu@0 cpu@1 cpu-map") == 0);
    dtb_children(&d, "/cpus/cpu-map/cluster0", kids, sizeof(kids));
    CHECK(strcmp(kids, "core0 core1") == 0);

    /* root */
    CHECK(prop_is_u32(&d, "/", "#address-cells", 2));
    CHECK(prop_is_u32(&d, "/", "#size-cells", 2));
    CHECK(prop_is_str(&d, "/", "compatible", "riscv-virtio"));
    CHECK(prop_is_str(&d, "/", "model", "riscv-virtio,qemu"));
    /* chosen */
    CHECK(prop_is_str(&d, "/chosen", "bootargs", "console=ttyS0"));
    CHECK(prop_is_str(&d, "/chosen", "stdout-path", "/soc/serial@10000000"));
    const uint8_t is[8] = {0, 0, 0, 0, 0x88, 0, 0, 0}, ie8[8] = {0, 0, 0, 0, 0x88, 0, 3, 0xe8};
    CHECK(prop_is_bytes(&d, "/chosen", "linux,initrd-start", is, 8));
    CHECK(prop_is_bytes(&d, "/chosen", "linux,initrd-end", ie8, 8));
    CHECK(!dtb_find(&d, "/chosen", "rng-seed", NULL, NULL));
    /* memory */
    CHECK(prop_is_str(&d, "/memory@80000000", "device_type", "memory"));
    const uint32_t mem[] = {0, 0x80000000u, 0, 0x20000000u};
    CHECK(prop_is_cells(&d, "/memory@80000000", "reg", mem, 4));
    /* cpus */
    CHECK(prop_is_u32(&d, "/cpus", "#address-cells", 1));
    CHECK(prop_is_u32(&d, "/cpus", "#size-cells", 0));
    CHECK(prop_is_u32(&d, "/cpus", "timebase-frequency", 10000000));
    uint32_t intc[2], cpuph[2];
    for (int i = 0; i < 2; i++) {
        char p[64], pi[96], core[64];
        snprintf(p, sizeof(p), "/cpus/cpu@%d", i);
        snprintf(pi, sizeof(pi), "%s/interrupt-controller", p);
        CHECK(prop_is_str(&d, p, "device_type", "cpu"));
        CHECK(prop_is_u32(&d, p, "reg", (uint32_t)i));
        CHECK(prop_is_str(&d, p, "status", "okay"));
        CHECK(prop_is_str(&d, p, "compatible", "riscv"));
        CHECK(prop_is_str(&d, p, "riscv,isa", "rv64imafdc_zicsr_zifencei_sstc"));
        CHECK(prop_is_str(&d, p, "riscv,isa-base", "rv64i"));
        static const char ext[] = "i\0m\0a\0f\0d\0c\0zicsr\0zifencei\0sstc";
        CHECK(prop_is_bytes(&d, p, "riscv,isa-extensions", ext, sizeof(ext)));
        CHECK(prop_is_str(&d, p, "mmu-type", "riscv,sv57"));
        CHECK(prop_is_str(&d, pi, "compatible", "riscv,cpu-intc"));
        CHECK(prop_is_u32(&d, pi, "#interrupt-cells", 1));
        CHECK(prop_is_bytes(&d, pi, "interrupt-controller", "", 0));
        intc[i] = get_u32(&d, pi, "phandle");
        cpuph[i] = get_u32(&d, p, "phandle");
        snprintf(core, sizeof(core), "/cpus/cpu-map/cluster0/core%d", i);
        CHECK(prop_is_u32(&d, core, "cpu", cpuph[i]));
    }
    /* QEMU's phandle numbering */
    CHECK_EQ_U64(cpuph[1], 1);
    CHECK_EQ_U64(intc[1], 2);
    CHECK_EQ_U64(cpuph[0], 3);
    CHECK_EQ_U64(intc[0], 4);
    uint32_t plic = get_u32(&d, "/soc/plic@c000000", "phandle");
    uint32_t test = get_u32(&d, "/soc/test@100000", "phandle");
    CHECK_EQ_U64(plic, 5);
    CHECK_EQ_U64(test, 6);
    /* soc */
    CHECK(prop_is_str(&d, "/soc", "compatible", "simple-bus"));
    CHECK(prop_is_bytes(&d, "/soc", "ranges", "", 0));
    CHECK(prop_is_u32(&d, "/soc", "#address-cells", 2));
    CHECK(prop_is_u32(&d, "/soc", "#size-cells", 2));
    const uint32_t clint_ie[] = {intc[0], 3, intc[0], 7, intc[1], 3, intc[1], 7};
    CHECK(prop_is_cells(&d, "/soc/clint@2000000", "interrupts-extended", clint_ie, 8));
    const uint32_t clint_reg[] = {0, 0x2000000, 0, 0x10000};
    CHECK(prop_is_cells(&d, "/soc/clint@2000000", "reg", clint_reg, 4));
    CHECK(prop_is_bytes(&d, "/soc/clint@2000000", "compatible",
                        "sifive,clint0\0riscv,clint0", 27));
    const uint32_t plic_ie[] = {intc[0], 11, intc[0], 9, intc[1], 11, intc[1], 9};
    CHECK(prop_is_cells(&d, "/soc/plic@c000000", "interrupts-extended", plic_ie, 8));
    const uint32_t plic_reg[] = {0, 0xc000000, 0, 0x600000};
    CHECK(prop_is_cells(&d, "/soc/plic@c000000", "reg", plic_reg, 4));
    CHECK(prop_is_bytes(&d, "/soc/plic@c000000", "compatible",
                        "sifive,plic-1.0.0\0riscv,plic0", 30));
    CHECK(prop_is_u32(&d, "/soc/plic@c000000", "#interrupt-cells", 1));
    CHECK(prop_is_u32(&d, "/soc/plic@c000000", "#address-cells", 0));
    CHECK(prop_is_bytes(&d, "/soc/plic@c000000", "interrupt-controller", "", 0));
    CHECK(prop_is_u32(&d, "/soc/plic@c000000", "riscv,ndev", 0x60));
    /* serial */
    const char *ser = "/soc/serial@10000000";
    CHECK(prop_is_str(&d, ser, "compatible", "ns16550a"));
    CHECK(prop_is_u32(&d, ser, "clock-frequency", 0x384000));
    CHECK(prop_is_u32(&d, ser, "interrupts", 10));
    CHECK(prop_is_u32(&d, ser, "interrupt-parent", plic));
    const uint32_t ser_reg[] = {0, 0x10000000, 0, 0x100};
    CHECK(prop_is_cells(&d, ser, "reg", ser_reg, 4));
    /* test + syscon poweroff/reboot */
    CHECK(prop_is_bytes(&d, "/soc/test@100000", "compatible",
                        "sifive,test1\0sifive,test0\0syscon", 33));
    const uint32_t test_reg[] = {0, 0x100000, 0, 0x1000};
    CHECK(prop_is_cells(&d, "/soc/test@100000", "reg", test_reg, 4));
    CHECK(prop_is_str(&d, "/poweroff", "compatible", "syscon-poweroff"));
    CHECK(prop_is_u32(&d, "/poweroff", "regmap", test));
    CHECK(prop_is_u32(&d, "/poweroff", "offset", 0));
    CHECK(prop_is_u32(&d, "/poweroff", "value", 0x5555));
    CHECK(prop_is_str(&d, "/reboot", "compatible", "syscon-reboot"));
    CHECK(prop_is_u32(&d, "/reboot", "regmap", test));
    CHECK(prop_is_u32(&d, "/reboot", "offset", 0));
    CHECK(prop_is_u32(&d, "/reboot", "value", 0x7777));
    /* rtc */
    CHECK(prop_is_str(&d, "/soc/rtc@101000", "compatible", "google,goldfish-rtc"));
    CHECK(prop_is_u32(&d, "/soc/rtc@101000", "interrupts", 11));
    CHECK(prop_is_u32(&d, "/soc/rtc@101000", "interrupt-parent", plic));
    /* virtio-mmio slots */
    for (uint32_t i = 0; i < 8; i++) {
        char p[64];
        snprintf(p, sizeof(p), "/soc/virtio_mmio@%x", 0x10001000u + i * 0x1000u);
        CHECK(prop_is_str(&d, p, "compatible", "virtio,mmio"));
        CHECK(prop_is_u32(&d, p, "interrupts", 1 + i));
        CHECK(prop_is_u32(&d, p, "interrupt-parent", plic));
        const uint32_t reg[] = {0, 0x10001000u + i * 0x1000u, 0, 0x1000};
        CHECK(prop_is_cells(&d, p, "reg", reg, 4));
    }
    CHECK(!dtb_find(&d, "/soc/pci@30000000", NULL, NULL, NULL));
    /* strings block has no duplicates */
    CHECK_EQ_U64(strings_count(&d, "compatible"), 1);
    CHECK_EQ_U64(strings_count(&d, "interrupts-extended"), 1);
    CHECK_EQ_U64(strings_count(&d, "phandle"), 1);
    free(b);
}

TEST(virt_variants)
{
    uint8_t *b;
    size_t len;
    Dtb d;
    /* minimal config: derived isa-base / isa-extensions, defaults, no bootargs/initrd */
    VirtFdtConfig c = {
        .ram_base = 0x80000000ull,
        .ram_size = 4ull << 30,
        .nharts = 1,
        .isa = "rv64gc_zba_zicsr_sstc",
    };
    CHECK_EQ_U64(virt_build_fdt(&c, &b, &len), 0);
    CHECK(dtb_check(&d, b, len) == NULL);
    CHECK(prop_is_str(&d, "/cpus/cpu@0", "riscv,isa-base", "rv64i"));
    static const char ext[] = "i\0m\0a\0f\0d\0zicsr\0zifencei\0c\0zba\0sstc";
    CHECK(prop_is_bytes(&d, "/cpus/cpu@0", "riscv,isa-extensions", ext, sizeof(ext)));
    CHECK(!dtb_find(&d, "/cpus/cpu@0", "mmu-type", NULL, NULL));
    CHECK(!dtb_find(&d, "/chosen", "bootargs", NULL, NULL));
    CHECK(!dtb_find(&d, "/chosen", "linux,initrd-start", NULL, NULL));
    CHECK(prop_is_str(&d, "/chosen", "stdout-path", "/soc/serial@10000000"));
    CHECK(prop_is_u32(&d, "/cpus", "timebase-frequency", 10000000));
    const uint32_t mem[] = {0, 0x80000000u, 1, 0};
    CHECK(prop_is_cells(&d, "/memory@80000000", "reg", mem, 4));
    CHECK_EQ_U64(get_u32(&d, "/cpus/cpu@0", "phandle"), 1);
    CHECK_EQ_U64(get_u32(&d, "/cpus/cpu@0/interrupt-controller", "phandle"), 2);
    CHECK_EQ_U64(get_u32(&d, "/soc/plic@c000000", "phandle"), 3);
    free(b);

    /* rng-seed, custom stdout-path, ndev override */
    uint8_t seed[32];
    for (int i = 0; i < 32; i++) {
        seed[i] = (uint8_t)(i * 7);
    }
    c.rng_seed = seed;
    c.rng_seed_len = sizeof(seed);
    c.stdout_path = "serial0";
    c.plic_ndev = 0x5f;
    c.isa = "rv32imac";
    CHECK_EQ_U64(virt_build_fdt(&c, &b, &len), 0);
    CHECK(dtb_check(&d, b, len) == NULL);
    CHECK(prop_is_bytes(&d, "/chosen", "rng-seed", seed, sizeof(seed)));
    CHECK(prop_is_str(&d, "/chosen", "stdout-path", "serial0"));
    CHECK(prop_is_u32(&d, "/soc/plic@c000000", "riscv,ndev", 0x5f));
    CHECK(prop_is_str(&d, "/cpus/cpu@0", "riscv,isa-base", "rv32i"));
    CHECK(prop_is_bytes(&d, "/cpus/cpu@0", "riscv,isa-extensions", "i\0m\0a\0c", 8));
    free(b);

    /* many harts: interrupts-extended grows with them */
    VirtFdtConfig m = virt_cfg(64);
    CHECK_EQ_U64(virt_build_fdt(&m, &b, &len), 0);
    CHECK(dtb_check(&d, b, len) == NULL);
    const uint8_t *p;
    uint32_t l;
    CHECK(dtb_find(&d, "/soc/clint@2000000", "interrupts-extended", &p, &l) && l == 64 * 16);
    CHECK(dtb_find(&d, "/cpus/cpu@3f", NULL, NULL, NULL));
    CHECK(dtb_find(&d, "/cpus/cpu-map/cluster0/core63", NULL, NULL, NULL));
    uint32_t intc63 = get_u32(&d, "/cpus/cpu@3f/interrupt-controller", "phandle");
    CHECK(l == 64 * 16 && rd32(p + 63 * 16) == intc63 && rd32(p + 63 * 16 + 12) == 7);
    free(b);

    /* bad configurations */
    VirtFdtConfig e = virt_cfg(0);
    CHECK_EQ_U64(virt_build_fdt(&e, &b, &len), FDT_ERR_BADARG);
    CHECK(b == NULL && len == 0);
    e = virt_cfg(VIRT_FDT_MAX_HARTS + 1);
    CHECK_EQ_U64(virt_build_fdt(&e, &b, &len), FDT_ERR_BADARG);
    e = virt_cfg(1);
    e.isa = NULL;
    CHECK_EQ_U64(virt_build_fdt(&e, &b, &len), FDT_ERR_BADARG);
    e = virt_cfg(1);
    e.ram_size = 0;
    CHECK_EQ_U64(virt_build_fdt(&e, &b, &len), FDT_ERR_BADARG);
    e = virt_cfg(1);
    e.initrd_end = e.initrd_start - 1;
    CHECK_EQ_U64(virt_build_fdt(&e, &b, &len), FDT_ERR_BADARG);
    e = virt_cfg(1);
    e.isa_base = NULL; /* derived from isa: needs a parseable string */
    e.isa = "x86_64";
    CHECK_EQ_U64(virt_build_fdt(&e, &b, &len), FDT_ERR_BADARG);
    e.isa = "rv64IMA";
    CHECK_EQ_U64(virt_build_fdt(&e, &b, &len), FDT_ERR_BADARG);
    e = virt_cfg(1);
    e.bootargs = "bad\x01but-still-a-string"; /* any bytes are fine in a string */
    CHECK_EQ_U64(virt_build_fdt(&e, &b, &len), 0);
    free(b);
    CHECK_EQ_U64(virt_build_fdt(NULL, &b, &len), FDT_ERR_BADARG);
}

/* ---------------- dtc ---------------- */

/* Run a shell command, capturing stdout+stderr; returns the exit status or -1. */
static int run_capture(const char *cmd, char *out, size_t outlen)
{
    FILE *p = popen(cmd, "r");
    if (!p) {
        return -1;
    }
    size_t n = 0;
    int ch;
    while ((ch = fgetc(p)) != EOF) {
        if (n + 1 < outlen) {
            out[n++] = (char)ch;
        }
    }
    out[n] = '\0';
    int st = pclose(p);
    return st == -1 ? -1 : (WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static bool write_temp(const uint8_t *b, size_t len, char *path, size_t pathlen)
{
    snprintf(path, pathlen, "/tmp/test_fdt_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        return false;
    }
    bool ok = write(fd, b, len) == (ssize_t)len;
    close(fd);
    return ok;
}

/* dtc -I dtb -O dts on a blob: output in out; false (and a message) on any failure. */
static bool dtc_decompile(const uint8_t *b, size_t len, char *out, size_t outlen)
{
    char buf[256];
    if (run_capture("command -v dtc", buf, sizeof(buf)) != 0) {
        fprintf(stderr, "  dtc not found in PATH: this test needs the device tree compiler "
                        "(apt-get install device-tree-compiler)\n");
        return false;
    }
    char path[64];
    if (!write_temp(b, len, path, sizeof(path))) {
        fprintf(stderr, "  cannot write a temporary file\n");
        return false;
    }
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "dtc -I dtb -O dts '%s' 2>&1", path);
    int st = run_capture(cmd, out, outlen);
    unlink(path);
    if (st != 0) {
        fprintf(stderr, "  dtc exited with status %d:\n%s\n", st, out);
        return false;
    }
    if (strstr(out, "Warning") || strstr(out, "ERROR") || strstr(out, "Error")) {
        fprintf(stderr, "  dtc reported problems:\n%s\n", out);
        return false;
    }
    return true;
}

TEST(virt_dtc)
{
    VirtFdtConfig c = virt_cfg(2);
    c.isa = "rv64imafdc_zicsr_zifencei";
    c.isa_extensions = NULL;
    c.n_isa_extensions = 0;
    uint8_t *b;
    size_t len;
    CHECK_EQ_U64(virt_build_fdt(&c, &b, &len), 0);
    static char out[1 << 16];
    bool ok = dtc_decompile(b, len, out, sizeof(out));
    free(b);
    CHECK(ok);
    if (!ok) {
        return;
    }
    const char *expect[] = {
        "compatible = \"riscv-virtio\";",
        "model = \"riscv-virtio,qemu\";",
        "bootargs = \"console=ttyS0\";",
        "stdout-path = \"/soc/serial@10000000\";",
        "linux,initrd-start = <0x00 0x88000000>;",
        "linux,initrd-end = <0x00 0x880003e8>;",
        "memory@80000000 {",
        "reg = <0x00 0x80000000 0x00 0x20000000>;",
        "riscv,isa = \"rv64imafdc_zicsr_zifencei\";",
        "riscv,isa-base = \"rv64i\";",
        "riscv,isa-extensions = \"i\\0m\\0a\\0f\\0d\\0c\\0zicsr\\0zifencei\";",
        "mmu-type = \"riscv,sv57\";",
        "compatible = \"riscv,cpu-intc\";",
        "timebase-frequency = <0x989680>;",
        "compatible = \"ns16550a\";",
        "serial@10000000 {",
        "compatible = \"sifive,plic-1.0.0\\0riscv,plic0\";",
        "compatible = \"sifive,clint0\\0riscv,clint0\";",
        "compatible = \"sifive,test1\\0sifive,test0\\0syscon\";",
        "compatible = \"syscon-poweroff\";",
        "compatible = \"syscon-reboot\";",
        "value = <0x5555>;",
        "value = <0x7777>;",
        "compatible = \"google,goldfish-rtc\";",
        "virtio_mmio@10008000 {",
        "virtio_mmio@10001000 {",
        "interrupts-extended = <0x04 0x0b 0x04 0x09 0x02 0x0b 0x02 0x09>;",
        "interrupts-extended = <0x04 0x03 0x04 0x07 0x02 0x03 0x02 0x07>;",
        "reg = <0x00 0xc000000 0x00 0x600000>;",
        "cluster0 {",
        "cpu = <0x03>;",
    };
    for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
        if (!strstr(out, expect[i])) {
            fprintf(stderr, "  dtc output lacks: %s\n", expect[i]);
            CHECK(0);
        }
    }
}

TEST(builder_dtc)
{
    /* the reservation map and a few property kinds, as dtc reads them */
    Fdt *f = fdt_new();
    fdt_add_reserved(f, 0x80000000ull, 0x200000);
    fdt_begin_node(f, "");
    fdt_prop_u32(f, "#address-cells", 2);
    fdt_prop_u32(f, "#size-cells", 2);
    fdt_prop_string(f, "model", "test");
    fdt_begin_node(f, "memory@80000000");
    fdt_prop_string(f, "device_type", "memory");
    const uint32_t reg[] = {0, 0x80000000u, 0, 0x1000000};
    fdt_prop_cells(f, "reg", reg, 4);
    fdt_end_node(f);
    fdt_end_node(f);
    uint8_t *b;
    size_t len;
    CHECK_EQ_U64(fdt_finish(f, &b, &len), 0);
    fdt_free(f);
    static char out[1 << 14];
    bool ok = dtc_decompile(b, len, out, sizeof(out));
    free(b);
    CHECK(ok);
    if (ok) {
        CHECK(strstr(out, "/memreserve/\t0x0000000080000000 0x0000000000200000;") != NULL ||
              strstr(out, "/memreserve/ 0x0000000080000000 0x0000000000200000;") != NULL);
        CHECK(strstr(out, "model = \"test\";") != NULL);
        CHECK(strstr(out, "reg = <0x00 0x80000000 0x00 0x1000000>;") != NULL);
    }
}

int main(void)
{
    RUN(empty_root);
    RUN(properties_and_strings);
    RUN(reservations_and_phandles);
    RUN(errors);
    RUN(size_limit);
    RUN(large_tree);
    RUN(virt_tree);
    RUN(virt_variants);
    RUN(virt_dtc);
    RUN(builder_dtc);
    return test_summary();
}
