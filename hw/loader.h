/*
 * hw/loader.h — loading guest images (ELF, raw) into guest physical memory.
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

#endif
