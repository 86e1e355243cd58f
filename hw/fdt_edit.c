/*
 * hw/fdt_edit.c — re-emit a DTB through the builder (hw/fdt.c), editing /chosen.
 * The input is untrusted (a user's file): every offset and length is checked against the
 * blob before use.
 */
#include "hw/fdt_edit.h"

#include <stdbool.h>
#include <string.h>

#include "hw/fdt.h"

static uint32_t be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint64_t be64(const uint8_t *p)
{
    return ((uint64_t)be32(p) << 32) | be32(p + 4);
}

typedef struct Walk {
    const uint8_t *blob;
    size_t size;                 /* totalsize, <= the buffer */
    size_t st_off, st_end;       /* structure block */
    size_t str_off, str_size;    /* strings block */
    const FdtChosen *edit;
    Fdt *f;
    int depth;
    int chosen_depth;            /* depth of /chosen while inside it, else -1 */
    int chosen_seen, chosen_done;
} Walk;

static int emit_chosen_props(Walk *w)
{
    int rc = 0;
    if (w->chosen_done) {
        return 0;
    }
    w->chosen_done = 1;
    if (w->edit->bootargs) {
        rc = fdt_prop_string(w->f, "bootargs", w->edit->bootargs);
    }
    if (!rc && (w->edit->initrd_start || w->edit->initrd_end)) {
        rc = fdt_prop_u64(w->f, "linux,initrd-start", w->edit->initrd_start);
        if (!rc) {
            rc = fdt_prop_u64(w->f, "linux,initrd-end", w->edit->initrd_end);
        }
    }
    return rc;
}

static int replaced(const Walk *w, const char *name)
{
    if (w->edit->bootargs && strcmp(name, "bootargs") == 0) {
        return 1;
    }
    return (w->edit->initrd_start || w->edit->initrd_end) &&
           (strcmp(name, "linux,initrd-start") == 0 || strcmp(name, "linux,initrd-end") == 0);
}

/* A NUL-terminated string inside [off, end): its length, or -1. */
static long bounded_strlen(const uint8_t *blob, size_t off, size_t end)
{
    if (off >= end) {
        return -1;
    }
    const void *nul = memchr(blob + off, 0, end - off);
    return nul ? (long)((const uint8_t *)nul - (blob + off)) : -1;
}

static int walk_structure(Walk *w)
{
    size_t p = w->st_off;
    for (;;) {
        if (p + 4 > w->st_end) {
            return FDT_ERR_BADARG;
        }
        uint32_t token = be32(w->blob + p);
        p += 4;
        int rc = 0;
        switch (token) {
        case FDT_BEGIN_NODE: {
            long n = bounded_strlen(w->blob, p, w->st_end);
            if (n < 0) {
                return FDT_ERR_BADARG;
            }
            const char *name = (const char *)w->blob + p;
            p = (p + (size_t)n + 1 + 3) & ~(size_t)3;
            if (w->chosen_depth >= 0 && w->depth == w->chosen_depth + 1) {
                rc = emit_chosen_props(w); /* properties come before child nodes */
            }
            if (!rc) {
                rc = fdt_begin_node(w->f, name);
            }
            w->depth++;
            if (!rc && w->depth == 2 && strcmp(name, "chosen") == 0) {
                w->chosen_depth = w->depth - 1;
                w->chosen_seen = 1;
            }
            break;
        }
        case FDT_END_NODE:
            if (w->depth == 0) {
                return FDT_ERR_BADARG;
            }
            if (w->chosen_depth >= 0 && w->depth == w->chosen_depth + 1) {
                rc = emit_chosen_props(w);
                w->chosen_depth = -1;
            } else if (w->depth == 1 && !w->chosen_seen) {
                /* no /chosen in the tree: add one at the end of the root */
                rc = fdt_begin_node(w->f, "chosen");
                if (!rc) {
                    rc = emit_chosen_props(w);
                }
                if (!rc) {
                    rc = fdt_end_node(w->f);
                }
            }
            if (!rc) {
                rc = fdt_end_node(w->f);
            }
            w->depth--;
            break;
        case FDT_PROP: {
            if (p + 8 > w->st_end) {
                return FDT_ERR_BADARG;
            }
            uint32_t len = be32(w->blob + p), nameoff = be32(w->blob + p + 4);
            p += 8;
            if (len > w->st_end - p || nameoff >= w->str_size) {
                return FDT_ERR_BADARG;
            }
            long n = bounded_strlen(w->blob, w->str_off + nameoff, w->str_off + w->str_size);
            if (n < 0) {
                return FDT_ERR_BADARG;
            }
            const char *name = (const char *)w->blob + w->str_off + nameoff;
            bool in_chosen = w->chosen_depth >= 0 && w->depth == w->chosen_depth + 1;
            if (!(in_chosen && replaced(w, name))) {
                rc = fdt_prop(w->f, name, w->blob + p, len);
            }
            p = (p + len + 3) & ~(size_t)3;
            break;
        }
        case FDT_NOP:
            break;
        case FDT_END:
            return w->depth == 0 ? 0 : FDT_ERR_BADARG;
        default:
            return FDT_ERR_BADARG;
        }
        if (rc) {
            return rc;
        }
    }
}

int fdt_rewrite_chosen(const uint8_t *in, size_t len, const FdtChosen *chosen, uint8_t **out,
                       size_t *out_len)
{
    if (!in || !chosen || !out || !out_len || len < FDT_HEADER_SIZE || be32(in) != FDT_MAGIC) {
        return FDT_ERR_BADARG;
    }
    size_t total = be32(in + 4);
    size_t st_off = be32(in + 8), str_off = be32(in + 12), rsv_off = be32(in + 16);
    uint32_t version = be32(in + 20);
    size_t str_size = be32(in + 32), st_size = be32(in + 36);
    if (total > len || total < FDT_HEADER_SIZE || version < 17 || st_off > total ||
        st_size > total - st_off || str_off > total || str_size > total - str_off ||
        rsv_off > total || (st_off & 3) || (rsv_off & 7)) {
        return FDT_ERR_BADARG;
    }
    Walk w = {.blob = in, .size = total, .st_off = st_off, .st_end = st_off + st_size,
              .str_off = str_off, .str_size = str_size, .edit = chosen, .chosen_depth = -1};
    w.f = fdt_new();
    if (!w.f) {
        return FDT_ERR_NOMEM;
    }
    fdt_set_boot_cpuid(w.f, be32(in + 28));
    int rc = 0;
    for (size_t r = rsv_off;; r += 16) {
        if (r + 16 > total) {
            rc = FDT_ERR_BADARG;
            break;
        }
        uint64_t addr = be64(in + r), size = be64(in + r + 8);
        if (!addr && !size) {
            break;
        }
        rc = fdt_add_reserved(w.f, addr, size);
        if (rc) {
            break;
        }
    }
    if (!rc) {
        rc = walk_structure(&w);
    }
    if (!rc) {
        rc = fdt_finish(w.f, out, out_len);
    }
    fdt_free(w.f);
    return rc;
}
