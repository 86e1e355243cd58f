/*
 * hw/arm/virt_fdt.h — the device tree of the aarch64 "virt" machine, as QEMU 7.2 writes it
 * for `-M virt -cpu cortex-a57|cortex-a53|max` with a GICv2 and no EL2/EL3 (same node and
 * property order, names, addresses, interrupt specifiers, compatible strings and phandle
 * numbers from 0x8000), minus what we do not model: flash, fw_cfg, the PL061 GPIO and its
 * gpio-keys, PCIe, the platform bus, the GICv2m MSI frame (no PCI to use it) and the PMU
 * node (our CPU has no PMU).  QEMU 7.2's virt has no /aliases, and neither has this tree.
 *
 * Nodes, as in QEMU's blob: / (interrupt-parent = the GIC), psci, memory@40000000, the 32
 * virtio_mmio@a000000.. slots (lowest address first), pl031@9010000, pl011@9000000,
 * intc@8000000, cpus (cpu-map/socket0/cluster0/coreN, then cpu@N), timer, apb-pclk,
 * chosen.  Phandles: apb-pclk 0x8000, the CPUs from the last down, then the GIC.
 */
#ifndef HW_ARM_VIRT_FDT_H
#define HW_ARM_VIRT_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARM_VIRT_APB_PCLK_HZ 24000000u /* the PL011/PL031 "apb_pclk" fixed clock */
#define ARM_VIRT_RNG_SEED_LEN 32       /* QEMU writes 32 bytes of /chosen/rng-seed */
#define ARM_VIRT_STDOUT_PATH "/pl011@9000000"

typedef struct ArmVirtFdtConfig {
    uint64_t ram_base;  /* normally ARM_VIRT_MEM_BASE (hw/arm/virt.h) */
    uint64_t ram_size;  /* non-zero */
    int ncpus;          /* 1 .. ARM_VIRT_MAX_CPUS (the GICv2's limit) */
    /* The cpu nodes' compatible, e.g. from arm_virt_cpu_compatible(); required. */
    const char *cpu_compatible;
    /* MPIDR_EL1 of each CPU (ncpus entries); only the affinity fields (Aff3..Aff0) are
     * used.  NULL: virt's numbering, arm_virt_cpu_affinity(i). */
    const uint64_t *mpidr;
    const char *bootargs;   /* NULL or "": no /chosen/bootargs (as QEMU with -append "") */
    uint64_t initrd_start;  /* both 0: no initrd; else linux,initrd-start/-end, one cell */
    uint64_t initrd_end;    /* each (as QEMU 7.2 writes them), two if above 4 GiB */
    /* /chosen/rng-seed and kaslr-seed, which QEMU 7.2 fills from host randomness
     * (dtb-randomness=on, its default).  The caller passes the bytes so that this builder
     * stays deterministic; a board must take them from host_random (core/host.h), never
     * from a constant, or leave them out. */
    const uint8_t *rng_seed; /* NULL: no rng-seed; else rng_seed_len (> 0) bytes */
    size_t rng_seed_len;
    bool has_kaslr_seed;
    uint64_t kaslr_seed;
} ArmVirtFdtConfig;

/* The affinity virt gives CPU `index` with a GICv2: Aff0 = index % 8, Aff1 = index / 8
 * (QEMU's clusters of 8; the cpu node's reg). */
uint64_t arm_virt_cpu_affinity(int index);

/* The cpu node compatible QEMU 7.2 writes for a -cpu model we implement: "cortex-a57" ->
 * "arm,cortex-a57", "cortex-a53" -> "arm,cortex-a53", "max" -> "arm,cortex-a57" (TCG's
 * max starts from the A57's definition).  NULL for any other name. */
const char *arm_virt_cpu_compatible(const char *cpu_model);

/* Build the DTB.  Returns 0 and a malloc'd blob (the caller frees it), or a negative
 * FDT_ERR_* code from hw/fdt.h (FDT_ERR_BADARG for an invalid configuration). */
int arm_virt_build_fdt(const ArmVirtFdtConfig *c, uint8_t **dtb, size_t *len);

#endif
