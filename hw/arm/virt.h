/*
 * hw/arm/virt.h — the aarch64 "virt" board's memory map and interrupt numbers, as QEMU
 * 7.2's machine of that name lays them out (hw/arm/virt.c's base_memmap and a15irqmap),
 * for the board (virt.c) and its device tree (virt_fdt.c).  Devices we do not model
 * (flash, fw_cfg, GPIO, PCIe, the platform bus, SMMU, ITS) have no entries.
 */
#ifndef HW_ARM_VIRT_H
#define HW_ARM_VIRT_H

#define ARM_VIRT_GIC_DIST_BASE 0x08000000ull
#define ARM_VIRT_GIC_DIST_SIZE 0x00010000ull
#define ARM_VIRT_GIC_CPU_BASE 0x08010000ull
#define ARM_VIRT_GIC_CPU_SIZE 0x00010000ull
#define ARM_VIRT_UART_BASE 0x09000000ull
#define ARM_VIRT_UART_SIZE 0x00001000ull
#define ARM_VIRT_RTC_BASE 0x09010000ull
#define ARM_VIRT_RTC_SIZE 0x00001000ull
#define ARM_VIRT_MMIO_BASE 0x0a000000ull
#define ARM_VIRT_MMIO_SIZE 0x00000200ull /* per virtio-mmio slot */
#define ARM_VIRT_MMIO_COUNT 32
#define ARM_VIRT_MEM_BASE 0x40000000ull

/* Shared peripheral interrupts (SPI numbers: GIC INTID = 32 + n). */
#define ARM_VIRT_UART_IRQ 1
#define ARM_VIRT_RTC_IRQ 2
#define ARM_VIRT_MMIO_IRQ 16 /* 16 .. 16 + ARM_VIRT_MMIO_COUNT - 1 */

/* Private peripheral interrupts of the generic timer (PPI numbers: INTID = 16 + n). */
#define ARM_VIRT_TIMER_VIRT_PPI 11
#define ARM_VIRT_TIMER_HYP_PPI 10
#define ARM_VIRT_TIMER_SEC_PPI 13
#define ARM_VIRT_TIMER_PHYS_PPI 14

/* The generic timer's frequency on virt (QEMU 7.2: 62.5 MHz, a 16 ns period). */
#define ARM_VIRT_TIMER_HZ 62500000ull

#define ARM_VIRT_MAX_CPUS 8 /* GICv2 */

#endif
