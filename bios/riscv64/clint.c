/* SiFive CLINT as on QEMU `virt`: msip (M-mode software interrupt) per hart at +4*hart,
 * mtimecmp at +0x4000 + 8*hart, mtime at +0xbff8. */
#include "fw.h"

#define CLINT_MSIP     0x0000
#define CLINT_MTIMECMP 0x4000
#define CLINT_MTIME    0xbff8

void clint_set_msip(unsigned long hart, unsigned int val)
{
	/* Order earlier memory writes (posted IPI work) before the device write. */
	__asm__ volatile("fence iorw, iorw" ::: "memory");
	*(volatile uint32_t *)(CLINT_BASE + CLINT_MSIP + 4 * hart) = val;
	__asm__ volatile("fence iorw, iorw" ::: "memory");
}

void clint_set_timecmp(unsigned long hart, uint64_t val)
{
	*(volatile uint64_t *)(CLINT_BASE + CLINT_MTIMECMP + 8 * hart) = val;
}

uint64_t clint_mtime(void)
{
	return *(volatile uint64_t *)(CLINT_BASE + CLINT_MTIME);
}
