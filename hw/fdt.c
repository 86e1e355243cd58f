/*
 * hw/fdt.c — flattened device tree builder (see fdt.h).
 *
 * The structure block and the strings block are built in growable buffers as the
 * caller goes; fdt_finish lays them out after the header and the reservation map:
 *
 *   0x00  header (40 bytes)
 *   0x28  memory reservation block: {be64 address, be64 size} entries, then {0, 0}
 *         (8-byte aligned, as the spec requires)
 *   ....  structure block (4-byte aligned tokens), ending with FDT_END
 *   ....  strings block (property names, NUL-terminated, each stored once)
 */
#include "hw/fdt.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct Fdt {
    uint8_t *st; /* structure block, without the final FDT_END */
    size_t st_len, st_cap;
    char *strs; /* strings block */
    size_t strs_len, strs_cap;
    uint32_t *shash; /* open addressing: string offset + 1, 0 = empty slot */
    size_t shash_cap, shash_used;
    uint64_t *rsv; /* reservation entries: address, size pairs */
    size_t nrsv, rsv_cap;
    uint32_t *props; /* name offsets of the innermost open node's properties */
    size_t nprops, props_cap;
    int depth;         /* open nodes */
    bool root_opened;  /* the root node has been begun */
    bool props_ok;     /* the innermost open node has no child yet */
    uint32_t next_phandle;
    uint32_t boot_cpuid;
    size_t max_size; /* 0 = only the format's limit */
    int err;         /* first error, sticky */
};

static int fdt_fail(Fdt *f, int err)
{
    if (!f->err) {
        f->err = err;
    }
    return f->err;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
    put_be32(p, (uint32_t)(v >> 32));
    put_be32(p + 4, (uint32_t)v);
}

static size_t align4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

/* Grow *buf (elements of elem bytes, capacity *cap) to hold at least need elements. */
static bool grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) {
        return true;
    }
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            ncap = need;
            break;
        }
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem) {
        return false;
    }
    void *nb = realloc(*buf, ncap * elem);
    if (!nb) {
        return false;
    }
    *buf = nb;
    *cap = ncap;
    return true;
}

/* Size of the finished blob as things stand. */
static size_t blob_size(const Fdt *f)
{
    return FDT_HEADER_SIZE + 16 * (f->nrsv + 1) + f->st_len + 4 + f->strs_len;
}

/* Would adding `more` bytes keep the blob within the limits? */
static bool fits(const Fdt *f, size_t more)
{
    size_t limit = UINT32_MAX; /* header fields are 32-bit */
    if (f->max_size && f->max_size < limit) {
        limit = f->max_size;
    }
    size_t cur = blob_size(f);
    return cur <= limit && more <= limit - cur;
}

Fdt *fdt_new(void)
{
    Fdt *f = calloc(1, sizeof(*f));
    if (f) {
        f->next_phandle = 1;
    }
    return f;
}

void fdt_free(Fdt *f)
{
    if (!f) {
        return;
    }
    free(f->st);
    free(f->strs);
    free(f->shash);
    free(f->rsv);
    free(f->props);
    free(f);
}

int fdt_set_max_size(Fdt *f, size_t max_bytes)
{
    if (!f) {
        return FDT_ERR_BADARG;
    }
    f->max_size = max_bytes;
    return f->err;
}

void fdt_set_boot_cpuid(Fdt *f, uint32_t cpuid)
{
    if (f) {
        f->boot_cpuid = cpuid;
    }
}

/* ---- names ---- */

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool node_char(char c)
{
    return is_alnum(c) || c == ',' || c == '.' || c == '_' || c == '+' || c == '-';
}

static bool prop_char(char c)
{
    return node_char(c) || c == '?' || c == '#';
}

/* node-name[@unit-address], both parts non-empty. */
static bool valid_node_name(const char *name)
{
    const char *at = strchr(name, '@');
    size_t base = at ? (size_t)(at - name) : strlen(name);
    if (base == 0 || (at && at[1] == '\0')) {
        return false;
    }
    for (const char *p = name; *p; p++) {
        if (p != at && !node_char(*p)) {
            return false;
        }
    }
    return true;
}

static bool valid_prop_name(const char *name)
{
    if (!*name) {
        return false;
    }
    for (const char *p = name; *p; p++) {
        if (!prop_char(*p)) {
            return false;
        }
    }
    return true;
}

/* ---- strings block ---- */

static uint32_t str_hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++) {
        h = (h ^ (uint8_t)*s) * 16777619u;
    }
    return h;
}

/* Slot of name in the hash table: either holding it or the empty slot where it goes. */
static size_t str_slot(const Fdt *f, const char *name)
{
    size_t mask = f->shash_cap - 1;
    size_t i = str_hash(name) & mask;
    while (f->shash[i] && strcmp(f->strs + f->shash[i] - 1, name) != 0) {
        i = (i + 1) & mask;
    }
    return i;
}

static bool str_rehash(Fdt *f, size_t ncap)
{
    uint32_t *old = f->shash;
    size_t ocap = f->shash_cap;
    uint32_t *nt = calloc(ncap, sizeof(*nt));
    if (!nt) {
        return false;
    }
    f->shash = nt;
    f->shash_cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (old[i]) {
            f->shash[str_slot(f, f->strs + old[i] - 1)] = old[i];
        }
    }
    free(old);
    return true;
}

/* Offset of an existing string, or -1. */
static int64_t str_find(const Fdt *f, const char *name)
{
    if (!f->shash_cap) {
        return -1;
    }
    uint32_t v = f->shash[str_slot(f, name)];
    return v ? (int64_t)v - 1 : -1;
}

/* Append a new string (known to be absent); returns its offset or an error (< 0). */
static int64_t str_add(Fdt *f, const char *name)
{
    size_t n = strlen(name) + 1;
    if (!fits(f, n) || f->strs_len + n >= UINT32_MAX) {
        return FDT_ERR_NOSPACE;
    }
    if ((f->shash_used + 1) * 2 > f->shash_cap &&
        !str_rehash(f, f->shash_cap ? f->shash_cap * 2 : 64)) {
        return FDT_ERR_NOMEM;
    }
    if (!grow((void **)&f->strs, &f->strs_cap, f->strs_len + n, 1)) {
        return FDT_ERR_NOMEM;
    }
    uint32_t off = (uint32_t)f->strs_len;
    memcpy(f->strs + off, name, n);
    f->strs_len += n;
    f->shash[str_slot(f, name)] = off + 1;
    f->shash_used++;
    return off;
}

/* ---- structure block ---- */

/* Reserve n (a multiple of 4) zeroed bytes at the end of the structure block. */
static uint8_t *st_append(Fdt *f, size_t n, int *err)
{
    if (!fits(f, n)) {
        *err = FDT_ERR_NOSPACE;
        return NULL;
    }
    if (!grow((void **)&f->st, &f->st_cap, f->st_len + n, 1)) {
        *err = FDT_ERR_NOMEM;
        return NULL;
    }
    uint8_t *p = f->st + f->st_len;
    memset(p, 0, n);
    f->st_len += n;
    return p;
}

int fdt_begin_node(Fdt *f, const char *name)
{
    if (!f) {
        return FDT_ERR_BADARG;
    }
    if (f->err) {
        return f->err;
    }
    if (!name) {
        return fdt_fail(f, FDT_ERR_BADARG);
    }
    if (!f->root_opened) {
        if (*name) {
            return fdt_fail(f, FDT_ERR_BADNAME); /* the root is nameless */
        }
    } else {
        if (f->depth == 0) {
            return fdt_fail(f, FDT_ERR_STATE); /* a second root */
        }
        if (!valid_node_name(name)) {
            return fdt_fail(f, FDT_ERR_BADNAME);
        }
    }
    size_t n = strlen(name) + 1;
    if (n > SIZE_MAX - 8) {
        return fdt_fail(f, FDT_ERR_BADARG);
    }
    int err = 0;
    uint8_t *p = st_append(f, 4 + align4(n), &err);
    if (!p) {
        return fdt_fail(f, err);
    }
    put_be32(p, FDT_BEGIN_NODE);
    memcpy(p + 4, name, n);
    f->root_opened = true;
    f->depth++;
    f->props_ok = true;
    f->nprops = 0;
    return 0;
}

int fdt_end_node(Fdt *f)
{
    if (!f) {
        return FDT_ERR_BADARG;
    }
    if (f->err) {
        return f->err;
    }
    if (f->depth == 0) {
        return fdt_fail(f, FDT_ERR_STATE);
    }
    int err = 0;
    uint8_t *p = st_append(f, 4, &err);
    if (!p) {
        return fdt_fail(f, err);
    }
    put_be32(p, FDT_END_NODE);
    f->depth--;
    f->props_ok = false; /* the parent now has a child: no more properties there */
    f->nprops = 0;
    return 0;
}

int fdt_prop(Fdt *f, const char *name, const void *data, size_t len)
{
    if (!f) {
        return FDT_ERR_BADARG;
    }
    if (f->err) {
        return f->err;
    }
    if (!name || (len && !data)) {
        return fdt_fail(f, FDT_ERR_BADARG);
    }
    if (f->depth == 0 || !f->props_ok) {
        return fdt_fail(f, FDT_ERR_STATE);
    }
    if (!valid_prop_name(name)) {
        return fdt_fail(f, FDT_ERR_BADNAME);
    }
    if (len > UINT32_MAX - 16) {
        return fdt_fail(f, FDT_ERR_NOSPACE);
    }
    int64_t off = str_find(f, name);
    if (off >= 0) {
        for (size_t i = 0; i < f->nprops; i++) {
            if (f->props[i] == (uint32_t)off) {
                return fdt_fail(f, FDT_ERR_EXISTS);
            }
        }
    }
    /* Check the whole property fits before touching anything. */
    size_t total = 12 + align4(len) + (off < 0 ? strlen(name) + 1 : 0);
    if (!fits(f, total)) {
        return fdt_fail(f, FDT_ERR_NOSPACE);
    }
    if (!grow((void **)&f->props, &f->props_cap, f->nprops + 1, sizeof(*f->props))) {
        return fdt_fail(f, FDT_ERR_NOMEM);
    }
    if (off < 0) {
        off = str_add(f, name);
        if (off < 0) {
            return fdt_fail(f, (int)off);
        }
    }
    int err = 0;
    uint8_t *p = st_append(f, 12 + align4(len), &err);
    if (!p) {
        return fdt_fail(f, err);
    }
    put_be32(p, FDT_PROP);
    put_be32(p + 4, (uint32_t)len);
    put_be32(p + 8, (uint32_t)off);
    if (len) {
        memcpy(p + 12, data, len);
    }
    f->props[f->nprops++] = (uint32_t)off;
    return 0;
}

int fdt_prop_empty(Fdt *f, const char *name)
{
    return fdt_prop(f, name, NULL, 0);
}

int fdt_prop_u32(Fdt *f, const char *name, uint32_t v)
{
    uint8_t b[4];
    put_be32(b, v);
    return fdt_prop(f, name, b, sizeof(b));
}

int fdt_prop_u64(Fdt *f, const char *name, uint64_t v)
{
    uint8_t b[8];
    put_be64(b, v);
    return fdt_prop(f, name, b, sizeof(b));
}

int fdt_prop_cells(Fdt *f, const char *name, const uint32_t *cells, size_t n)
{
    if (!f) {
        return FDT_ERR_BADARG;
    }
    if (f->err) {
        return f->err;
    }
    if (n && !cells) {
        return fdt_fail(f, FDT_ERR_BADARG);
    }
    if (n > (UINT32_MAX - 16) / 4) {
        return fdt_fail(f, FDT_ERR_NOSPACE);
    }
    if (n == 0) {
        return fdt_prop(f, name, NULL, 0);
    }
    uint8_t small[64] = {0};
    uint8_t *b = n * 4 <= sizeof(small) ? small : calloc(n, 4);
    if (!b) {
        return fdt_fail(f, FDT_ERR_NOMEM);
    }
    for (size_t i = 0; i < n; i++) {
        put_be32(b + 4 * i, cells[i]);
    }
    int r = fdt_prop(f, name, b, n * 4);
    if (b != small) {
        free(b);
    }
    return r;
}

int fdt_prop_string(Fdt *f, const char *name, const char *s)
{
    if (!s) {
        return f ? fdt_fail(f, FDT_ERR_BADARG) : FDT_ERR_BADARG;
    }
    return fdt_prop(f, name, s, strlen(s) + 1);
}

int fdt_prop_strings(Fdt *f, const char *name, const char *const *list, size_t n)
{
    if (!f) {
        return FDT_ERR_BADARG;
    }
    if (f->err) {
        return f->err;
    }
    if (n && !list) {
        return fdt_fail(f, FDT_ERR_BADARG);
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!list[i]) {
            return fdt_fail(f, FDT_ERR_BADARG);
        }
        size_t l = strlen(list[i]) + 1;
        if (l > UINT32_MAX - total) { /* total stays <= UINT32_MAX */
            return fdt_fail(f, FDT_ERR_NOSPACE);
        }
        total += l;
    }
    char *b = malloc(total ? total : 1);
    if (!b) {
        return fdt_fail(f, FDT_ERR_NOMEM);
    }
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(list[i]) + 1;
        memcpy(b + pos, list[i], l);
        pos += l;
    }
    int r = fdt_prop(f, name, b, total);
    free(b);
    return r;
}

uint32_t fdt_alloc_phandle(Fdt *f)
{
    if (!f || f->next_phandle == 0 || f->next_phandle == UINT32_MAX) {
        return 0;
    }
    return f->next_phandle++;
}

int fdt_set_phandle_start(Fdt *f, uint32_t first)
{
    if (!f) {
        return FDT_ERR_BADARG;
    }
    if (first == 0 || first == UINT32_MAX) {
        return fdt_fail(f, FDT_ERR_BADARG);
    }
    f->next_phandle = first;
    return 0;
}

int fdt_add_reserved(Fdt *f, uint64_t addr, uint64_t size)
{
    if (!f) {
        return FDT_ERR_BADARG;
    }
    if (f->err) {
        return f->err;
    }
    if (size == 0) {
        return fdt_fail(f, FDT_ERR_BADARG); /* would read as the terminator */
    }
    if (!fits(f, 16)) {
        return fdt_fail(f, FDT_ERR_NOSPACE);
    }
    if (!grow((void **)&f->rsv, &f->rsv_cap, 2 * (f->nrsv + 1), sizeof(*f->rsv))) {
        return fdt_fail(f, FDT_ERR_NOMEM);
    }
    f->rsv[2 * f->nrsv] = addr;
    f->rsv[2 * f->nrsv + 1] = size;
    f->nrsv++;
    return 0;
}

int fdt_finish(Fdt *f, uint8_t **blob, size_t *len)
{
    if (blob) {
        *blob = NULL;
    }
    if (len) {
        *len = 0;
    }
    if (!f || !blob || !len) {
        return FDT_ERR_BADARG;
    }
    if (f->err) {
        return f->err;
    }
    if (!f->root_opened || f->depth != 0) {
        return FDT_ERR_STATE; /* not sticky: the caller may still close nodes */
    }
    if (!fits(f, 0)) {
        return fdt_fail(f, FDT_ERR_NOSPACE);
    }
    size_t off_rsv = FDT_HEADER_SIZE;
    size_t off_st = off_rsv + 16 * (f->nrsv + 1);
    size_t size_st = f->st_len + 4;
    size_t off_str = off_st + size_st;
    size_t total = off_str + f->strs_len;
    uint8_t *b = calloc(1, total);
    if (!b) {
        return FDT_ERR_NOMEM;
    }
    put_be32(b + 0, FDT_MAGIC);
    put_be32(b + 4, (uint32_t)total);
    put_be32(b + 8, (uint32_t)off_st);
    put_be32(b + 12, (uint32_t)off_str);
    put_be32(b + 16, (uint32_t)off_rsv);
    put_be32(b + 20, FDT_VERSION);
    put_be32(b + 24, FDT_LAST_COMP_VERSION);
    put_be32(b + 28, f->boot_cpuid);
    put_be32(b + 32, (uint32_t)f->strs_len);
    put_be32(b + 36, (uint32_t)size_st);
    for (size_t i = 0; i < f->nrsv; i++) {
        put_be64(b + off_rsv + 16 * i, f->rsv[2 * i]);
        put_be64(b + off_rsv + 16 * i + 8, f->rsv[2 * i + 1]);
    }
    /* the terminating {0, 0} entry is already zero */
    if (f->st_len) {
        memcpy(b + off_st, f->st, f->st_len);
    }
    put_be32(b + off_st + f->st_len, FDT_END);
    if (f->strs_len) {
        memcpy(b + off_str, f->strs, f->strs_len);
    }
    *blob = b;
    *len = total;
    return 0;
}

const char *fdt_strerror(int err)
{
    switch (err) {
    case FDT_OK:
        return "success";
    case FDT_ERR_NOMEM:
        return "out of memory";
    case FDT_ERR_NOSPACE:
        return "device tree too large";
    case FDT_ERR_STATE:
        return "device tree calls out of order (unbalanced nodes or misplaced property)";
    case FDT_ERR_BADNAME:
        return "invalid node or property name";
    case FDT_ERR_BADARG:
        return "invalid argument";
    case FDT_ERR_EXISTS:
        return "duplicate property";
    default:
        return "unknown device tree error";
    }
}
