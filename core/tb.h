/*
 * core/tb.h — the translation-block cache.
 *
 * TBs are looked up by their key (TBKey: virtual pc, cs_base, arch flags; core/cpu.h), their
 * physical pc and the engine's compile flags (TB_CF_*).  Each TB is registered on the
 * physical page(s) its guest code occupies, so that a guest write to such a page
 * (self-modifying code, module loading) invalidates it.  An invalidated TB is only
 * marked invalid (chains to it are cut lazily: a chain is followed only if the target is
 * still valid); memory is reclaimed when the whole cache is flushed.
 */
#ifndef CORE_TB_H
#define CORE_TB_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/cpu.h"
#include "core/relaxed.h"
#include "tcg/interp.h"

struct CPUState;
struct TBKey;
struct Machine;

struct TranslationBlock;

/* Compiled code for a few TBs of one page (core/jit_tier.c, tcg/wasm/codegen.h).  Each
 * thread calls it through its own table (core/jit_thread.h). */
typedef struct JitRegion {
    uint32_t slot;                   /* its slot in every thread's table */
    uint32_t uid;                    /* unique among the machine's regions, never 0 */
    uint32_t bytes;                  /* size of its module */
    uint8_t *module;                 /* the module, for threads that install it later
                                        (multi-threaded machines only, else NULL) */
    const struct IrHelper **helpers; /* its helper table (with module) */
    int nhelpers;
    struct JitRegion *older, *newer; /* TBCache's list of live regions */
    int n;
    struct TranslationBlock *members[]; /* members[0] is the TB that got hot */
} JitRegion;

typedef struct TBPageLink {
    struct TranslationBlock *tb;
    uint64_t page;               /* physical page number */
    struct TBPageLink *next;
} TBPageLink;

/* Engine compile flags, part of the lookup key (TranslationBlock.cflags). */
enum {
    /* One guest instruction, never compiled to Wasm: how the instruction that wrote into
     * its own TB runs again (CPU_EXCP_CODE_CHANGED); its store into code does not restart
     * it once more. */
    TB_CF_ONE_INSN = 1,
};
#define TB_MAX_INSNS 512 /* <= IR_MAX_INSNS */

typedef struct TranslationBlock {
    uint64_t pc;                 /* guest virtual pc of the first instruction */
    uint64_t cs_base;            /* the key's code segment base */
    uint64_t flags;              /* the key's arch TB flags */
    uint64_t phys_pc;            /* its physical address */
    uint64_t phys_page2;         /* second physical page if the TB straddles one, else -1 */
    uint32_t cflags;             /* TB_CF_* */
    uint32_t size;               /* guest bytes */
    uint32_t icount;             /* guest instructions */
    volatile bool valid;
    InterpCode *code;
    /* per-instruction restore data, compact: for each instruction the ULEB128 of its pc
     * offset's increase, then the SLEB128 of each arch word's change (restore_words) */
    uint8_t *restore;
    struct TranslationBlock *jmp_dest[2]; /* chained successors (goto_tb slots) */
    struct TranslationBlock *hash_next;
    TBPageLink page_link[2];     /* [1] used only if phys_page2 != -1 */
    uint32_t exec_count;         /* executions on the interpreter (tiering) */
    int8_t jit_state;            /* 0 interpreted, 1 compiled (jit_region), -1 cannot */
    uint16_t jit_entry;          /* its member index in jit_region */
    JitRegion *jit_region;       /* compiled code that contains this TB, or NULL */
} TranslationBlock;

#define TB_HASH_BITS 15
#define TB_PAGE_HASH_BITS 12
#define TB_MAX_COUNT 131072 /* a Linux boot translates ~100k blocks */
/* Compiled modules alive at once, at most (V8 dies at ~65k: NOTES.md). */
#define JIT_MAX_LIVE_MODULES 24576

/*
 * Threads: lookups (tb_find's hash walk) take no lock: a TB is fully written before it is
 * published in its hash chain, chains are only ever cut around a TB (whose own link stays
 * intact), and TB memory lives until a flush, which runs in an exclusive section
 * (core/vcpu.h).  Everything that changes the cache — translation, invalidation,
 * compilation, eviction — holds `lock`.
 */
typedef struct TBCache {
    pthread_mutex_t lock;
    bool multi;                  /* vCPUs on several threads (core/vcpu.h) */
    TranslationBlock *hash[1 << TB_HASH_BITS];
    TBPageLink *page_hash[1 << TB_PAGE_HASH_BITS];
    TranslationBlock *pool;      /* TB_MAX_COUNT entries */
    uint32_t used;
    uint64_t flushes, translations, invalidations;
    /* JIT bookkeeping: compiled modules alive (freed at flush) and their total size */
    uint64_t jit_compiles, jit_failures, jit_live_bytes, jit_blocks;
    uint32_t jit_live_modules;
    JitRegion *jit_oldest, *jit_newest; /* live regions, in eviction order */
    uint64_t jit_evictions;
    uint64_t jit_install_ns;     /* host time spent compiling + instantiating modules */
    uint64_t jit_installs;       /* instantiations, in the compiling thread or later in
                                    another one (atomic: any thread counts) */
    /* region slots (core/jit_thread.h): never used yet from jit_slot_next, freed ones */
    uint32_t jit_slot_next, jit_slot_nfree;
    uint32_t jit_slot_free[JIT_MAX_LIVE_MODULES];
    uint32_t jit_next_uid;
    /* evicted regions another thread may still be running: freed in an exclusive
     * section (jit_reclaim) */
    JitRegion *jit_retired;
    uint32_t jit_nretired;
} TBCache;

TBCache *tb_cache_new(bool multi);
void tb_cache_free(TBCache *c);

/* Find or translate the TB for key (its pc is cpu->pc) and compile flags cflags.  Returns
 * NULL after raising an instruction fetch fault (cpu->excp_index set). */
TranslationBlock *tb_find(struct CPUState *cpu, const struct TBKey *key, uint32_t cflags);

/* Is tb the TB of key and cflags? */
static inline bool tb_key_matches(const TranslationBlock *tb, const TBKey *key,
                                  uint32_t cflags)
{
    return tb->pc == key->pc && tb->flags == key->flags && tb->cs_base == key->cs_base &&
           tb->cflags == cflags;
}

/* The vCPU's jump-cache slot for a virtual pc. */
static inline TranslationBlock **tb_jmp_cache_slot(struct CPUState *cpu, uint64_t pc)
{
    return &cpu->jmp_cache[(uint32_t)(pc >> 1) & ((1u << CPU_JMP_CACHE_BITS) - 1)];
}

/* tb_find's first step alone, for callers to inline: the jump cache's TB if it is key's,
 * else NULL. */
static inline TranslationBlock *tb_jmp_cache_lookup(struct CPUState *cpu, const TBKey *key,
                                                    uint32_t cflags)
{
    TranslationBlock *tb = *tb_jmp_cache_slot(cpu, key->pc);
    return tb && relaxed_load(&tb->valid) && tb_key_matches(tb, key, cflags) ? tb : NULL;
}

/* The compact restore data (TranslationBlock.restore, malloc'd) of the instructions of b,
 * keeping `words` arch words (CPUArchOps.restore_words) of each; NULL if out of memory. */
uint8_t *tb_encode_restore(const IrBlock *b, unsigned words);

/* The TB left with EXEC_EXIT_EXCEPTION at its instruction `insn` (CPUState.excp_insn):
 * hand that instruction's restore data to the arch (CPUArchOps.restore_state). */
void tb_restore_state(struct CPUState *cpu, const TranslationBlock *tb, uint32_t insn);

/* A store by cpu of `size` bytes at paddr found translated code on its page (and has
 * invalidated it): does it write the code of the TB the vCPU is running (other than a
 * one-instruction TB; for a TB that may be running in a JIT region: anywhere on the
 * region's pages)?  Then the storing instruction must not go on: it raises
 * CPU_EXCP_CODE_CHANGED instead, before writing (core/tlb.c). */
bool tb_store_hits_running(struct CPUState *cpu, uint64_t paddr, unsigned size);

/* Compile a hot TB to WebAssembly (core/jit_tier.c).  On failure the TB stays on the
 * interpreter for good. */
void tb_jit_compile(struct CPUState *cpu, TranslationBlock *tb);

/* Evicted regions waiting to be freed, past which the exec loop frees them (in an
 * exclusive section); and that freeing (TB cache lock held, no other vCPU running). */
#define JIT_RETIRE_BATCH 256
void jit_reclaim(TBCache *c);

/* Code of a region can no longer run (its TBs were invalidated): evict it first. */
void jit_region_dead(TBCache *c, JitRegion *r);
/* Drop every compiled region (tb_flush). */
void jit_free_all(TBCache *c);

/* Invalidate every TB that has code on the physical page containing paddr. */
void tb_invalidate_phys_page(struct Machine *m, uint64_t paddr);
/* Drop every TB (when the pool is full, or on request).  All vCPUs must be outside
 * translated code: the caller is alone (single mode) or in an exclusive section. */
void tb_flush(struct Machine *m);
/* tb_flush from a running vCPU (or NULL: a thread that runs none), holding no lock. */
void tb_flush_exclusive(struct Machine *m, struct CPUState *self);

#endif
