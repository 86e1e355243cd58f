/*
 * hw/riscv/virt_fdt.h — the device tree of the riscv64 "virt" machine, matching what
 * QEMU 7.2 generates for `-M virt` (same nodes, node order, addresses, interrupt numbers,
 * compatible strings and phandle numbering), minus the devices we do not model (pmu,
 * fw-cfg, flash, platform-bus, PCIe), plus riscv,isa-base / riscv,isa-extensions on each
 * cpu (read by Linux >= 6.5 in preference to riscv,isa).
 */
#ifndef HW_RISCV_VIRT_FDT_H
#define HW_RISCV_VIRT_FDT_H

#include <stddef.h>
#include <stdint.h>

/* QEMU virt's memory map (the macros hw/riscv/virt.c also uses: same spelling, so both
 * may be visible in one file). */
#define VIRT_MROM_BASE 0x1000ull
#define VIRT_MROM_SIZE 0xf000ull
#define VIRT_TEST_BASE 0x100000ull
#define VIRT_TEST_SIZE 0x1000ull
#define VIRT_RTC_BASE 0x101000ull
#define VIRT_RTC_SIZE 0x1000ull
#define VIRT_CLINT_BASE 0x2000000ull
#define VIRT_CLINT_SIZE 0x10000ull
#define VIRT_PLIC_BASE 0xc000000ull
#define VIRT_PLIC_SIZE 0x600000ull
#define VIRT_UART_BASE 0x10000000ull
#define VIRT_UART_SIZE 0x100ull
#define VIRT_VIRTIO_BASE 0x10001000ull
#define VIRT_VIRTIO_SIZE 0x1000ull /* per slot */
#define VIRT_VIRTIO_COUNT 8
#define VIRT_DRAM_BASE 0x80000000ull

/* PLIC interrupt sources. */
#define VIRT_VIRTIO_IRQ 1 /* slot i (0..7, at VIRT_VIRTIO_BASE + i * 0x1000) uses 1 + i */
#define VIRT_UART_IRQ 10
#define VIRT_RTC_IRQ 11
#define VIRT_PLIC_NDEV 96 /* QEMU 7.2's riscv,ndev (0x60) */

#define VIRT_UART_CLOCK_HZ 3686400u /* 0x384000 */
#define VIRT_TIMEBASE_HZ 10000000u
#define VIRT_FDT_MAX_HARTS 512

typedef struct VirtFdtConfig {
    uint64_t ram_base; /* normally VIRT_DRAM_BASE */
    uint64_t ram_size; /* non-zero */
    uint32_t nharts;   /* 1..VIRT_FDT_MAX_HARTS; hart i has reg i */
    /* ISA: riscv,isa is required (e.g. "rv64imafdc_zicsr_zifencei_sstc").  isa_base
     * (e.g. "rv64i") and isa_extensions (e.g. "i","m","a","f","d","c","zicsr",
     * "zifencei","sstc") are derived from it when NULL / empty. */
    const char *isa;
    const char *isa_base;
    const char *const *isa_extensions;
    size_t n_isa_extensions;
    const char *mmu_type;   /* "riscv,sv57" / "riscv,sv48" / "riscv,sv39"; NULL: omitted */
    uint32_t timebase_freq; /* 0: VIRT_TIMEBASE_HZ */
    const char *bootargs;   /* NULL: no /chosen/bootargs */
    uint64_t initrd_start;  /* both 0: no initrd; else linux,initrd-start/-end (u64) */
    uint64_t initrd_end;
    const char *stdout_path;   /* NULL: "/soc/serial@10000000" */
    const uint8_t *rng_seed;   /* optional /chosen/rng-seed bytes (QEMU passes 32) */
    size_t rng_seed_len;
    uint32_t plic_ndev;        /* 0: VIRT_PLIC_NDEV */
} VirtFdtConfig;

/* Build the DTB.  Returns 0 and a malloc'd blob (the caller frees it), or a negative
 * FDT_ERR_* code from hw/fdt.h (FDT_ERR_BADARG for an invalid configuration). */
int virt_build_fdt(const VirtFdtConfig *cfg, uint8_t **blob, size_t *len);

#endif
