/* IPI extension (§7, EID 0x735049 "sPI") and the M-mode software interrupt that carries
 * IPIs and RFENCE requests between harts (CLINT msip). */
#include "fw.h"

/* Turn (hart_mask, hart_mask_base) into a set of harts (§3 "Hart list parameter"):
 * base = -1 means every hart; otherwise bit i of mask is hart base + i. */
long ipi_targets(unsigned long mask, unsigned long base, unsigned long *targets)
{
	unsigned long valid = __atomic_load_n(&fw_hart_mask, __ATOMIC_ACQUIRE);

	if (base == -1UL) {
		*targets = valid;
		return SBI_SUCCESS;
	}
	*targets = 0;
	if (!mask)
		return SBI_SUCCESS;
	if (base >= MAX_HARTS || (base && (mask >> (MAX_HARTS - base))))
		return SBI_ERR_INVALID_PARAM;
	*targets = mask << base;
	if (*targets & ~valid)
		return SBI_ERR_INVALID_PARAM;
	return SBI_SUCCESS;
}

long ipi_send_mask(unsigned long mask, unsigned long base)
{
	unsigned long targets, self = current_hartid();
	long err = ipi_targets(mask, base, &targets);
	if (err)
		return err;
	for (unsigned long h = 0; h < MAX_HARTS; h++) {
		if (!((targets >> h) & 1))
			continue;
		if (h == self) {
			csr_set(mip, MIP_SSIP);
			continue;
		}
		__atomic_fetch_or(&harts[h].ipi_pending, IPI_SSIP, __ATOMIC_RELEASE);
		clint_set_msip(h, 1);
	}
	return SBI_SUCCESS;
}

/* Work posted to this hart.  A hart that is not running S-mode software (HSM STOPPED)
 * drops supervisor IPIs but still completes fences. */
void ipi_process(struct hart *h, bool raise_ssip)
{
	unsigned int work = __atomic_exchange_n(&h->ipi_pending, 0, __ATOMIC_ACQ_REL);
	if ((work & IPI_SSIP) && raise_ssip)
		csr_set(mip, MIP_SSIP);
	rfence_process(h);
}

void ipi_interrupt(void)
{
	clint_set_msip(current_hartid(), 0);
	ipi_process(this_hart(), true);
}

struct sbiret sbi_ipi(unsigned long fid, const unsigned long *a)
{
	if (fid != 0)   /* §7.1 sbi_send_ipi(hart_mask, hart_mask_base) */
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	return (struct sbiret){ ipi_send_mask(a[0], a[1]), 0 };
}
