/* Legacy extensions (§5, EIDs 0x00-0x08, SBI v0.1).  They return one value in a0 and
 * leave a1 alone.  Hart masks are passed as a virtual address of an unsigned long, read
 * here with S-mode translation (mstatus.MPRV). */
#include "fw.h"
#include "guard.h"

static long read_hart_mask(unsigned long vaddr, unsigned long *mask, unsigned long *base)
{
	unsigned long old;
	bool ok;
	if (!vaddr) {   /* no mask: every hart */
		*mask = 0;
		*base = -1UL;
		return SBI_SUCCESS;
	}
	old = guard_begin();
	ok = guarded_ld_as_s(vaddr, mask);
	guard_end(old);
	*base = 0;
	return ok ? SBI_SUCCESS : SBI_ERR_INVALID_ADDRESS;
}

void sbi_legacy(unsigned long eid, struct trap_frame *tf)
{
	unsigned long *a = &tf->x[REG_A0];
	unsigned long mask, base;
	long ret = 0;

	switch (eid) {
	case 0x00:   /* §5.1 set_timer(stime_value) */
		timer_set(a[0]);
		break;
	case 0x01:   /* §5.2 console_putchar(ch) */
		console_lock();
		uart_putc((char)a[0]);
		console_unlock();
		break;
	case 0x02:   /* §5.3 console_getchar(): -1 if nothing was received */
		console_lock();
		ret = uart_getc();
		console_unlock();
		break;
	case 0x03:   /* §5.4 clear_ipi() */
		csr_clear(mip, MIP_SSIP);
		break;
	case 0x04:   /* §5.5 send_ipi(const unsigned long *hart_mask) */
		ret = read_hart_mask(a[0], &mask, &base);
		if (!ret)
			ret = ipi_send_mask(mask, base);
		break;
	case 0x05:   /* §5.6 remote_fence_i(hart_mask) */
	case 0x06:   /* §5.7 remote_sfence_vma(hart_mask, start, size) */
	case 0x07:   /* §5.8 remote_sfence_vma_asid(hart_mask, start, size, asid) */
		ret = read_hart_mask(a[0], &mask, &base);
		if (!ret)
			ret = rfence_mask(mask, base, eid == 0x05 ? RFENCE_I :
			                  eid == 0x06 ? RFENCE_VMA : RFENCE_VMA_ASID,
			                  a[1], a[2], a[3]);
		break;
	case 0x08:   /* §5.9 shutdown() */
		system_poweroff(0);
	default:
		ret = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	a[0] = (unsigned long)ret;
}
