/* Timer extension (§6, EID 0x54494D45 "TIME").
 *
 * Without Sstc: the S-mode timer is emulated with the hart's CLINT mtimecmp.  set_timer
 * programs mtimecmp, clears mip.STIP and enables MTIE; the machine timer interrupt then
 * sets mip.STIP (writable from M-mode: "Machine Interrupt Registers") and disables MTIE
 * until the next set_timer.
 * With Sstc (menvcfg.STCE set, see main.c): set_timer writes stimecmp, and the hart
 * raises STIP itself. */
#include "fw.h"

void timer_init_hart(void)
{
	clint_set_timecmp(current_hartid(), UINT64_MAX);
	if (fw_have_sstc)
		csr_write(CSR_STIMECMP, UINT64_MAX);
	csr_clear(mie, MIP_MTIP);
}

void timer_set(uint64_t when)
{
	if (fw_have_sstc) {
		csr_write(CSR_STIMECMP, when);
		return;
	}
	clint_set_timecmp(current_hartid(), when);
	csr_clear(mip, MIP_STIP);
	csr_set(mie, MIP_MTIP);
}

void timer_interrupt(void)
{
	csr_clear(mie, MIP_MTIP);
	csr_set(mip, MIP_STIP);
}

struct sbiret sbi_time(unsigned long fid, const unsigned long *a)
{
	if (fid != 0)   /* §6.1 sbi_set_timer(uint64_t stime_value) */
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	timer_set(a[0]);
	return (struct sbiret){ SBI_SUCCESS, 0 };
}
