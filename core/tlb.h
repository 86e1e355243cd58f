/*
 * core/tlb.h — per-vCPU software TLB.
 *
 * Direct-mapped, one table per MMU index.  An entry maps one guest page:
 *   host address = guest vaddr + addend
 * The three tags hold the page's virtual address (low bits zero) for reads, writes and
 * instruction fetch.  A tag with a flag bit set never matches the fast-path compare, so
 * the flags below force the slow path (MMIO, pages holding translated code, invalid).
 *
 * Fast path (inline in the interpreter and in generated Wasm code), for an access of
 * 2^size bytes at vaddr:
 *     e = &tlb->e[mmu_idx][(vaddr >> TLB_PAGE_BITS) & (TLB_ENTRIES - 1)];
 *     if ((vaddr & (TLB_PAGE_MASK | ((1 << size) - 1))) == e->addr_read)
 *         host = (uint8_t *)(uintptr_t)(vaddr + e->addend);
 * Misaligned accesses fail the compare (their low bits are nonzero) and take the slow
 * path, which handles or faults them.  Guest memory is little-endian on every target we
 * emulate and on every host we run on (x86, Wasm), so the host access is a plain load.
 */
#ifndef CORE_TLB_H
#define CORE_TLB_H

#include <stdbool.h>
#include <stdint.h>

#define TLB_PAGE_BITS 12
#define TLB_PAGE_SIZE (1ull << TLB_PAGE_BITS)
#define TLB_PAGE_MASK (~(uint64_t)(TLB_PAGE_SIZE - 1))
#define TLB_BITS 8
#define TLB_ENTRIES (1 << TLB_BITS)
#define TLB_MMU_MODES 8

/* Flags in bits 9-11 of a tag: above every access-size bit the fast-path compare keeps
 * ((vaddr & (PAGE_MASK | (size - 1))) has bits 9-11 clear for any access up to 512 bytes),
 * so no address, aligned or not, ever equals a flagged tag.  (With the flags in bits 0-2,
 * a 2-byte access at an odd address matched a TLB_INVALID tag of its page, and an 8-byte
 * one at 4 mod 8 a TLB_CODE tag: the fast path skipped the slow one.) */
#define TLB_INVALID (1ull << 11) /* the entry maps nothing */
#define TLB_MMIO (1ull << 10)    /* device memory: always go through the slow path */
#define TLB_CODE (1ull << 9)     /* write tag only: the page holds translated code */
#define TLB_FLAGS_MASK (7ull << 9)

typedef struct TlbEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uint64_t addend; /* host - guest; truncated to uintptr_t on 32-bit hosts (Wasm) */
    uint64_t paddr;  /* guest physical address of the page (for TB lookup and MMIO) */
    uint64_t pad[3]; /* 64-byte entries: cheap index arithmetic in generated code */
} TlbEntry;

typedef struct CPUTlb {
    TlbEntry e[TLB_MMU_MODES][TLB_ENTRIES];
} CPUTlb;

struct CPUState;

static inline TlbEntry *tlb_entry(CPUTlb *tlb, unsigned mmu_idx, uint64_t vaddr)
{
    return &tlb->e[mmu_idx][(vaddr >> TLB_PAGE_BITS) & (TLB_ENTRIES - 1)];
}

/* Access kinds (also the tlb_fill "access" argument). */
enum { TLB_ACCESS_READ = 0, TLB_ACCESS_WRITE = 1, TLB_ACCESS_FETCH = 2 };

/*
 * Slow paths.  memop is an IrMemOp (size | sign | align).  Return 0 on success, or -1
 * after raising a guest exception (cpu->excp_index set, cpu->pc set to fault_pc).
 * Loads return the value zero- or sign-extended to 64 bits per memop.
 */
int tlb_load_slow(struct CPUState *cpu, uint64_t vaddr, unsigned memop, unsigned mmu_idx,
                  uint64_t fault_pc, uint64_t *val);
int tlb_store_slow(struct CPUState *cpu, uint64_t vaddr, uint64_t val, unsigned memop,
                   unsigned mmu_idx, uint64_t fault_pc);

/* Translate a fetch address to a guest physical address (filling the TLB).  Returns
 * false after raising the fetch fault.  *host is set to the host pointer of the page's
 * RAM or NULL if the page is not RAM (fetch from MMIO: the caller raises a fault). */
bool tlb_translate_code(struct CPUState *cpu, uint64_t vaddr, unsigned mmu_idx,
                        uint64_t *paddr, uint8_t **host);

/* Install a mapping (called by the arch's tlb_fill).  prot: bit0 read, bit1 write,
 * bit2 exec.  The page size here is always TLB_PAGE_SIZE (superpages are filled page by
 * page). */
void tlb_set_page(struct CPUState *cpu, uint64_t vaddr, uint64_t paddr, int prot,
                  unsigned mmu_idx);

/* Host pointer for an atomic read-modify-write of `size` bytes at vaddr (AMOs, LR/SC),
 * after checking read and write permission.  Returns NULL after raising a misaligned or
 * permission fault, or (with cpu->excp_index still -1) if the page is device memory:
 * the caller then raises its access fault.  Invalidates translated code on the page. */
void *tlb_host_rw(struct CPUState *cpu, uint64_t vaddr, unsigned size, unsigned mmu_idx);

void tlb_flush(struct CPUState *cpu);                       /* all entries */
void tlb_flush_page(struct CPUState *cpu, uint64_t vaddr);  /* one page, all modes */
/* Make future writes to this physical page take the slow path in this vCPU. */
void tlb_protect_code_page(struct CPUState *cpu, uint64_t paddr);

/* AddressSpace.layout_changed for a machine's memory (opaque: the Machine): the layout
 * moved under the TLBs, so every vCPU drops its entries — at once with one thread, at
 * its next safe point (CPU_EXIT_TLB_FLUSH) with a thread per vCPU — and, if RAM moved or
 * was hidden, its translated code too (CPU_EXIT_TB_FLUSH: TBs are keyed by physical
 * address). */
void tlb_memory_layout_changed(void *machine, bool ram_changed);

#endif
