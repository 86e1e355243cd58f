/*
 * hw/loader.h — guest image formats: ELF64 executables loaded into guest physical memory,
 * and the 64-byte header of Linux's `Image` files (riscv and arm64).  Where images go is
 * hw/boot.h's business.
 */
#ifndef HW_LOADER_H
#define HW_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/memory.h"

#define ELF_MACHINE_RISCV 243
#define ELF_MACHINE_AARCH64 183
#define ELF_MACHINE_X86_64 62

/*
 * Load an ELF64 little-endian executable's PT_LOAD segments at their physical addresses
 * (p_paddr), zero-filling bss.  Checks: magic, class, endianness, e_machine, that every
 * segment lies in RAM/ROM.  On failure returns false with
 * only the reason (e.g. "ELF is for x86-64, not RISC-V") in err: the caller
 * adds "could not load kernel 'x.elf': ".
 * *entry receives e_entry; *low and *high the loaded physical range (may be NULL).
 */
bool load_elf(AddressSpace *as, const uint8_t *data, size_t len, uint16_t machine,
              uint64_t *entry, uint64_t *low, uint64_t *high, char *err, size_t errlen);

/* Is this buffer an ELF file (magic only)? */
bool is_elf(const uint8_t *data, size_t len);

/*
 * The header at the start of a Linux `Image` (an uncompressed kernel, loaded as it is):
 *   arm64 (Documentation/arch/arm64/booting.rst): code0, code1, text_offset @8,
 *     image_size @16, flags @24 (bit 0: big-endian, bits 1-2: page size 0 unspecified /
 *     4K / 16K / 64K, bit 3: physical placement), magic "ARM\x64" @56.
 *   riscv (Documentation/arch/riscv/boot-image-header.rst): code0, code1, text_offset @8,
 *     image_size @16, flags @24 (bit 0: big-endian), version @32, magic "RISCV\0\0\0" @48
 *     (deprecated), magic2 "RSC\x05" @56.
 * All fields little-endian.
 */
typedef enum LinuxImageArch {
    LINUX_IMAGE_NONE,            /* the board's kernels have no Image header */
    LINUX_IMAGE_RISCV,
    LINUX_IMAGE_ARM64,
} LinuxImageArch;

#define LINUX_IMAGE_HEADER_SIZE 64

typedef struct LinuxImageHeader {
    uint64_t text_offset;        /* as in the file (arm64: meaningful only if image_size) */
    uint64_t image_size;         /* bytes the kernel occupies from its start, bss included;
                                    0: not given (arm64 before Linux 3.17) */
    uint64_t flags;
    bool big_endian;             /* flags bit 0 */
    unsigned page_kib;           /* arm64 flags bits 1-2: 0 (unspecified), 4, 16 or 64 */
    bool place_anywhere;         /* arm64 flags bit 3: any 2 MiB base whose image lies
                                    below 2^48 (else: as close to the start of RAM as can be) */
} LinuxImageHeader;

/* Does data start with a Linux Image header of that arch?  Fills *h if so. */
bool linux_image_parse(LinuxImageArch arch, const uint8_t *data, size_t len,
                       LinuxImageHeader *h);

#endif
