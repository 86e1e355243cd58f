/* qemu-wasm riscv64 firmware: cold and warm boot, per-hart M-mode set-up. */
#include "fw.h"
#include "guard.h"

#define STACK_SIZE 3072   /* per hart: entry.S and fw.ld agree */

struct hart harts[MAX_HARTS];
unsigned long fw_hart_mask;
unsigned long fw_hart_alive;
bool fw_have_sstc;

extern int fw_init_done;   /* entry.S (.data) */
extern char fw_stacks[];   /* fw.ld */

/* The fw_dynamic handoff structure that QEMU (hw/riscv/boot.c) places in its reset ROM
 * and passes in a2: little-endian XLEN fields.  version 2 added boot_hart. */
#define FW_DYNAMIC_MAGIC 0x4942534fUL   /* "OSBI" */
struct fw_dynamic_info {
	unsigned long magic;
	unsigned long version;
	unsigned long next_addr;
	unsigned long next_mode;
	unsigned long options;
	unsigned long boot_hart;
};

/* Exceptions handed straight to S-mode ("Machine Trap Delegation Registers"): the set
 * OpenSBI delegates, plus misaligned loads/stores (which Linux can emulate itself).
 * Everything else from S/U arrives here: ecalls are SBI calls, the rest (illegal
 * instruction, access faults) is redirected to S-mode by trap.c. */
#define MEDELEG ((1UL << CAUSE_MISALIGNED_FETCH) | (1UL << CAUSE_BREAKPOINT) | \
                 (1UL << CAUSE_MISALIGNED_LOAD) | (1UL << CAUSE_MISALIGNED_STORE) | \
                 (1UL << CAUSE_USER_ECALL) | (1UL << CAUSE_FETCH_PAGE_FAULT) | \
                 (1UL << CAUSE_LOAD_PAGE_FAULT) | (1UL << CAUSE_STORE_PAGE_FAULT))

/* Each hart: trap vector, delegation, counters, PMP, menvcfg, timer. */
static void hart_init(unsigned long hartid, bool cold)
{
	struct hart *h = &harts[hartid];
	unsigned long old, envcfg, stimecmp;

	h->stack_top = (unsigned long)fw_stacks + (hartid + 1) * STACK_SIZE;
	csr_write(mscratch, h);
	csr_write(mtvec, fw_trap_entry);
	csr_write(mie, 0);
	csr_write(medeleg, MEDELEG);
	csr_write(mideleg, MIP_SSIP | MIP_STIP | MIP_SEIP);

	old = guard_begin();
	/* S and U may read cycle, time, instret and the hpm counters directly
	 * ("Machine Counter-Enable Register (mcounteren)"). */
	csr_try_write(mcounteren, -1UL);
	/* PMP entry 0: NAPOT over the whole address space, RWX, so S/U may access memory
	 * at all ("Physical Memory Protection": with PMP entries implemented and none
	 * matching, S/U accesses fail).  pmpaddr0 all ones = the largest NAPOT range. */
	csr_try_write(pmpaddr0, -1UL);
	csr_try_write(pmpcfg0, 0x1f);   /* R | W | X | A=NAPOT */
	/* menvcfg is WARL: ask for Sstc (STCE), Svpbmt (PBMTE) and the Zicbo* enables,
	 * keep what the hart implements.  Linux uses stimecmp directly when the FDT lists
	 * Sstc, which traps unless STCE is set.
	 * The cold boot hart decides whether the timer uses Sstc; the others follow.
	 * STCE reading back as 1 is not proof (QEMU 7.2 keeps it writable with sstc=off),
	 * so stimecmp must be accessible too. */
	envcfg = 0;
	if (csr_try_write(CSR_MENVCFG, MENVCFG_PBMTE | MENVCFG_CBZE | MENVCFG_CBCFE |
	                  MENVCFG_CBIE | (cold || fw_have_sstc ? MENVCFG_STCE : 0)))
		csr_try_read(CSR_MENVCFG, &envcfg);
	if ((envcfg & MENVCFG_STCE) && !csr_try_read(CSR_STIMECMP, &stimecmp)) {
		envcfg &= ~MENVCFG_STCE;
		csr_try_write(CSR_MENVCFG, envcfg);
	}
	guard_end(old);
	if (cold)
		fw_have_sstc = (envcfg & MENVCFG_STCE) != 0;

	csr_write(mstatus, (csr_read(mstatus) & ~MSTATUS_FS) | MSTATUS_FS_INITIAL);
	timer_init_hart();
	pmu_init_hart();
	csr_write(mie, MIP_MSIP);
	__atomic_fetch_or(&fw_hart_alive, 1UL << hartid, __ATOMIC_RELEASE);
}

static unsigned int popcount(unsigned long v)
{
	unsigned int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

static const char *mode_name(unsigned long mode)
{
	return mode == PRV_S ? "S" : mode == PRV_M ? "M" : "U";
}

void fw_cold_boot(unsigned long hartid, unsigned long fdt, unsigned long dinfo_addr)
{
	unsigned long next_addr = KERNEL_BASE, next_mode = PRV_S;

	uart_init();
	for (unsigned long i = 0; i < MAX_HARTS; i++)
		harts[i].hsm_state = HSM_STOPPED;
	harts[hartid].hsm_state = HSM_STARTED;

	if (dinfo_addr) {
		const struct fw_dynamic_info *di = (const void *)dinfo_addr;
		if (di->magic == FW_DYNAMIC_MAGIC && di->version <= 2 &&
		    (di->next_mode == PRV_S || di->next_mode == PRV_M || di->next_mode == PRV_U)) {
			next_addr = di->next_addr;
			next_mode = di->next_mode;
		}
	}

	fw_hart_mask = (1UL << hartid);
	if (fdt) {
		fw_hart_mask |= fdt_hart_mask((const void *)fdt);
		/* Keep the kernel off the firmware's memory: a /memreserve/ entry. */
		if (fdt_add_memreserve((void *)fdt, FW_BASE, FW_REGION) < 0)
			fw_printf("qemu-wasm firmware: warning: could not reserve firmware memory in the FDT\n");
	}

	hart_init(hartid, true);

	if (!next_addr) {
		fw_printf("qemu-wasm firmware: SBI v2.0, %u harts, no kernel to boot: hart %lu halted\n",
		          popcount(fw_hart_mask), hartid);
		harts[hartid].hsm_state = HSM_STOPPED;
		__atomic_store_n(&fw_init_done, 1, __ATOMIC_RELEASE);
		fw_hart_idle();
	}
	fw_printf("qemu-wasm firmware: SBI v2.0, %u harts, booting hart %lu at 0x%lx in %s-mode\n",
	          popcount(fw_hart_mask), hartid, next_addr, mode_name(next_mode));
	__atomic_store_n(&fw_init_done, 1, __ATOMIC_RELEASE);

	csr_write(satp, 0);
	fw_enter_mode(next_addr, next_mode, hartid, fdt);
}

void fw_warm_boot(unsigned long hartid, unsigned long fdt)
{
	(void)fdt;
	__atomic_fetch_or(&fw_hart_mask, 1UL << hartid, __ATOMIC_RELEASE);
	hart_init(hartid, false);
	/* Secondary harts wait, STOPPED, for an SBI HSM hart_start (§9). */
	fw_hart_idle();
}
