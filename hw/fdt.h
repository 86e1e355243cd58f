/*
 * hw/fdt.h — a flattened device tree (DTB) builder.
 *
 * Produces a blob per the Devicetree Specification v0.4, format version 17
 * (last_comp_version 16): a 40-byte header, the memory reservation block, the structure
 * block (FDT_BEGIN_NODE / FDT_PROP / FDT_END_NODE ... FDT_END, 4-byte aligned) and the
 * strings block (each property name stored once).
 *
 * Use: build the tree depth first, properties of a node before its children:
 *
 *     Fdt *f = fdt_new();
 *     fdt_begin_node(f, "");                    // the root node has the empty name
 *     fdt_prop_u32(f, "#address-cells", 2);
 *     fdt_begin_node(f, "memory@80000000");
 *     fdt_prop_string(f, "device_type", "memory");
 *     fdt_end_node(f);
 *     fdt_end_node(f);                          // closes the root
 *     uint8_t *blob; size_t len;
 *     int err = fdt_finish(f, &blob, &len);     // blob: malloc'd, the caller frees it
 *     fdt_free(f);
 *
 * Errors are sticky: the first failing call records its error code, every later call
 * returns it too, and fdt_finish reports it.  So callers may check only fdt_finish.
 * Nothing aborts; all buffers grow on demand; there is no global state.
 */
#ifndef HW_FDT_H
#define HW_FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_VERSION 17u
#define FDT_LAST_COMP_VERSION 16u
#define FDT_HEADER_SIZE 40u

/* Structure block tokens. */
#define FDT_BEGIN_NODE 0x1u
#define FDT_END_NODE 0x2u
#define FDT_PROP 0x3u
#define FDT_NOP 0x4u
#define FDT_END 0x9u

/* Return codes: 0 on success, one of these (negative) on failure. */
enum {
    FDT_OK = 0,
    FDT_ERR_NOMEM = -1,   /* allocation failed */
    FDT_ERR_NOSPACE = -2, /* the blob would exceed fdt_set_max_size() or 4 GiB */
    FDT_ERR_STATE = -3,   /* call out of order: property outside a node or after a child
                             node, unbalanced begin/end, second root, finish too early */
    FDT_ERR_BADNAME = -4, /* empty or invalid node/property name */
    FDT_ERR_BADARG = -5,  /* NULL pointer, bad length, zero-sized reservation */
    FDT_ERR_EXISTS = -6,  /* property name already used in this node */
};

typedef struct Fdt Fdt;

/* A new, empty builder, or NULL if out of memory. */
Fdt *fdt_new(void);
void fdt_free(Fdt *f);

/* Limit the size of the finished blob (0 = no limit besides the format's 4 GiB).
 * Calls that would exceed it fail with FDT_ERR_NOSPACE. */
int fdt_set_max_size(Fdt *f, size_t max_bytes);
/* The header's boot_cpuid_phys (default 0). */
void fdt_set_boot_cpuid(Fdt *f, uint32_t cpuid);

/* Nodes.  The first node is the root and must be named ""; every other name is
 * node-name[@unit-address] using the spec's characters [0-9a-zA-Z,._+-] (and one '@'). */
int fdt_begin_node(Fdt *f, const char *name);
int fdt_end_node(Fdt *f);

/* Properties of the innermost open node; allowed only before its first child node.
 * Property names use [0-9a-zA-Z,._+?#-]. */
int fdt_prop(Fdt *f, const char *name, const void *data, size_t len);
int fdt_prop_empty(Fdt *f, const char *name);
int fdt_prop_u32(Fdt *f, const char *name, uint32_t v);  /* one big-endian cell */
int fdt_prop_u64(Fdt *f, const char *name, uint64_t v);  /* two cells, high first */
/* n big-endian cells (n may be 0: an empty property). */
int fdt_prop_cells(Fdt *f, const char *name, const uint32_t *cells, size_t n);
int fdt_prop_string(Fdt *f, const char *name, const char *s);
/* A string list: the n strings, each NUL-terminated, back to back. */
int fdt_prop_strings(Fdt *f, const char *name, const char *const *list, size_t n);

/* A fresh phandle value: 1, 2, 3, ... (never 0 or 0xffffffff; 0 once exhausted). */
uint32_t fdt_alloc_phandle(Fdt *f);
/* Number the following fdt_alloc_phandle results from `first` (1 .. 0xfffffffe) instead,
 * e.g. 0x8000 as QEMU's arm boards do (their phandle_start, which keeps the low numbers
 * free for device tree overlays).  FDT_ERR_BADARG (sticky) for 0 or 0xffffffff. */
int fdt_set_phandle_start(Fdt *f, uint32_t first);

/* An entry of the memory reservation block (size must be non-zero). */
int fdt_add_reserved(Fdt *f, uint64_t addr, uint64_t size);

/* Assemble the DTB.  The tree must be complete (root opened and closed).  On success
 * *blob is a malloc'd buffer of *len bytes owned by the caller; on failure *blob is NULL
 * and *len 0.  The builder is left unchanged (fdt_finish may be called again). */
int fdt_finish(Fdt *f, uint8_t **blob, size_t *len);

/* A short description of an FDT_ERR_* code. */
const char *fdt_strerror(int err);

#endif
