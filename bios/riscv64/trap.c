/* M-mode trap dispatch ("Machine Cause Register (mcause)"). */
#include "fw.h"

void fw_fatal(const char *what, struct trap_frame *tf)
{
	fw_printf("qemu-wasm firmware: %s on hart %lu: mcause=0x%lx mepc=0x%lx mtval=0x%lx "
	          "mstatus=0x%lx\n", what, current_hartid(), csr_read(mcause),
	          tf ? tf->mepc : csr_read(mepc), csr_read(mtval),
	          tf ? tf->mstatus : csr_read(mstatus));
	system_poweroff(1);
}

/* Hand an exception from S/U-mode on to S-mode as if it had been delegated
 * ("Supervisor Trap Vector Base Address Register", "Supervisor Status Register":
 * scause/sepc/stval, SPP = previous mode, SPIE = SIE, SIE = 0, pc = stvec). */
static void redirect_to_s(struct trap_frame *tf, unsigned long cause, unsigned long prev)
{
	unsigned long stvec = csr_read(stvec) & ~3UL;   /* exceptions use the base in both modes */
	unsigned long ms = tf->mstatus;

	if (!stvec || (ms & MSTATUS_MPV) || (prev == PRV_S && tf->mepc == stvec))
		fw_fatal("unhandled trap from S-mode", tf);
	csr_write(scause, cause);
	csr_write(sepc, tf->mepc);
	csr_write(stval, csr_read(mtval));
	ms &= ~(MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_MPP);
	if (prev == PRV_S)
		ms |= MSTATUS_SPP;
	if (tf->mstatus & MSTATUS_SIE)
		ms |= MSTATUS_SPIE;
	ms |= PRV_S << MSTATUS_MPP_SHIFT;
	tf->mstatus = ms;
	tf->mepc = stvec;
}

void fw_trap(struct trap_frame *tf)
{
	unsigned long cause = csr_read(mcause);
	unsigned long prev = (tf->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;

	if (cause & MCAUSE_INTERRUPT) {
		switch (cause & ~MCAUSE_INTERRUPT) {
		case IRQ_M_SOFT:
			ipi_interrupt();
			return;
		case IRQ_M_TIMER:
			timer_interrupt();
			return;
		default:
			fw_fatal("unexpected interrupt", tf);
		}
	}
	if (prev == PRV_M)
		fw_fatal("unexpected trap in M-mode", tf);
	if (cause == CAUSE_SUPERVISOR_ECALL) {
		sbi_ecall(tf);
		return;
	}
	redirect_to_s(tf, cause, prev);
}
