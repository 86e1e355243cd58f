/* Hart State Management extension (§9, EID 0x48534D "HSM").
 *
 * A STOPPED hart sits in hsm_idle_loop(): M-mode, mstatus.MIE = 0, mie = MSIE, so the
 * CLINT msip wakes it from WFI without trapping ("Wait for Interrupt").  hart_start
 * claims the hart (STOPPED -> START_PENDING), stores the entry point, then raises `go`
 * and msip; the hart enters S-mode at start_addr with a0 = hartid, a1 = opaque,
 * satp = 0 and sstatus.SIE = 0 (§9.1). */
#include "fw.h"

#define SUSPEND_RETENTIVE     0x00000000UL   /* §9.4 default retentive suspend */
#define SUSPEND_NON_RETENTIVE 0x80000000UL   /* §9.4 default non-retentive suspend */

/* A separate flag, so start_addr/start_arg are written before the hart can use them. */
static int start_go[MAX_HARTS];

static bool addr_ok(unsigned long addr)
{
	return !(addr >= FW_BASE && addr < FW_BASE + FW_REGION);   /* not into the firmware */
}

/* Leave M-mode for S-mode software with a clean supervisor state. */
static void __attribute__((noreturn)) enter_supervisor(struct hart *h, unsigned long addr,
                                                       unsigned long arg)
{
	unsigned long self = current_hartid();
	csr_write(satp, 0);
	csr_write(sie, 0);
	csr_clear(mip, MIP_SSIP);
	if (!fw_have_sstc)
		csr_clear(mip, MIP_STIP);
	__asm__ volatile("fence.i\n\tsfence.vma" ::: "memory");
	csr_write(mie, MIP_MSIP);
	__atomic_store_n(&h->hsm_state, HSM_STARTED, __ATOMIC_RELEASE);
	fw_enter_mode(addr, PRV_S, self, arg);
}

void hsm_idle_loop(void)
{
	unsigned long self = current_hartid();
	struct hart *h = &harts[self];

	timer_init_hart();
	csr_write(mie, MIP_MSIP);
	for (;;) {
		clint_set_msip(self, 0);
		if (__atomic_load_n(&start_go[self], __ATOMIC_ACQUIRE)) {
			start_go[self] = 0;
			__atomic_exchange_n(&h->ipi_pending, 0, __ATOMIC_ACQ_REL);   /* stale IPIs */
			rfence_process(h);
			enter_supervisor(h, h->start_addr, h->start_arg);
		}
		ipi_process(h, false);
		wfi();   /* returns at once if msip was set again after the clear above */
	}
}

static long hart_start(unsigned long hartid, unsigned long addr, unsigned long opaque)
{
	int expected = HSM_STOPPED;
	if (!hart_valid(hartid))
		return SBI_ERR_INVALID_PARAM;
	if (!addr_ok(addr))
		return SBI_ERR_INVALID_ADDRESS;
	struct hart *h = &harts[hartid];
	if (!__atomic_compare_exchange_n(&h->hsm_state, &expected, HSM_START_PENDING, false,
	                                 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return SBI_ERR_ALREADY_AVAILABLE;
	h->start_addr = addr;
	h->start_arg = opaque;
	__atomic_store_n(&start_go[hartid], 1, __ATOMIC_RELEASE);
	clint_set_msip(hartid, 1);
	return SBI_SUCCESS;
}

static void __attribute__((noreturn)) hart_stop(void)
{
	struct hart *h = this_hart();
	__atomic_store_n(&h->hsm_state, HSM_STOP_PENDING, __ATOMIC_RELEASE);
	csr_write(sie, 0);
	csr_clear(mip, MIP_SSIP);
	if (!fw_have_sstc)
		csr_clear(mip, MIP_STIP);
	__atomic_store_n(&h->hsm_state, HSM_STOPPED, __ATOMIC_RELEASE);
	fw_hart_idle();
}

/* §9.4: retentive suspend is a WFI that returns; non-retentive resumes at resume_addr
 * like a hart start.  Both wake on any interrupt the hart has enabled (mie), whether or
 * not S-mode has sstatus.SIE set. */
static long hart_suspend(unsigned long type, unsigned long resume_addr, unsigned long opaque)
{
	struct hart *h = this_hart();

	if (type > 0xffffffffUL || (type > SUSPEND_RETENTIVE && type < 0x10000000UL) ||
	    (type > SUSPEND_NON_RETENTIVE && type < 0x90000000UL))
		return SBI_ERR_INVALID_PARAM;   /* reserved types */
	if (type != SUSPEND_RETENTIVE && type != SUSPEND_NON_RETENTIVE)
		return SBI_ERR_NOT_SUPPORTED;   /* platform-specific types */
	if (type == SUSPEND_NON_RETENTIVE && !addr_ok(resume_addr))
		return SBI_ERR_INVALID_ADDRESS;

	__atomic_store_n(&h->hsm_state, HSM_SUSPENDED, __ATOMIC_RELEASE);
	wfi();
	if (type == SUSPEND_NON_RETENTIVE) {
		unsigned long mie = csr_read(mie);   /* keep the timer armed across the resume */
		csr_write(satp, 0);
		csr_write(sie, 0);
		csr_write(mie, mie & (MIP_MSIP | MIP_MTIP));
		__atomic_store_n(&h->hsm_state, HSM_STARTED, __ATOMIC_RELEASE);
		fw_enter_mode(resume_addr, PRV_S, current_hartid(), opaque);
	}
	__atomic_store_n(&h->hsm_state, HSM_STARTED, __ATOMIC_RELEASE);
	return SBI_SUCCESS;
}

struct sbiret sbi_hsm(unsigned long fid, const unsigned long *a)
{
	switch (fid) {
	case 0:   /* §9.1 hart_start(hartid, start_addr, opaque) */
		return (struct sbiret){ hart_start(a[0], a[1], a[2]), 0 };
	case 1:   /* §9.2 hart_stop() */
		hart_stop();
	case 2:   /* §9.3 hart_get_status(hartid) */
		if (!hart_valid(a[0]))
			return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
		return (struct sbiret){ 0, __atomic_load_n(&harts[a[0]].hsm_state, __ATOMIC_ACQUIRE) };
	case 3:   /* §9.4 hart_suspend(suspend_type, resume_addr, opaque) */
		return (struct sbiret){ hart_suspend(a[0], a[1], a[2]), 0 };
	default:
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	}
}
