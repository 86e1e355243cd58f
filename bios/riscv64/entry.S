/* qemu-wasm riscv64 firmware: reset entry, trap entry and mode switches.
 *
 * Every hart starts here in M-mode (QEMU `virt` with -bios) with
 *   a0 = mhartid, a1 = FDT address, a2 = fw_dynamic info address (or 0).
 * The first hart through the lottery clears .bss and does the global set-up
 * (fw_cold_boot); the others wait for fw_init_done and then park in the HSM
 * STOPPED loop (fw_warm_boot).  Privileged spec: "Reset", "mscratch", "mtvec". */

#define STACK_SIZE     3072          /* per hart; must match fw.ld */
#define MAX_HARTS      64
#define HART_STACK_TOP 0             /* offsetof(struct hart, stack_top) */
#define HART_SCRATCH   8             /* offsetof(struct hart, scratch) */
#define FRAME_SIZE     (34 * 8)      /* struct trap_frame */
#define FRAME_MEPC     (32 * 8)
#define FRAME_MSTATUS  (33 * 8)

	.option norelax

	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	mie, zero
	la	t0, .Lpark_trap         /* until per-hart set-up: any trap parks the hart */
	csrw	mtvec, t0
	li	t0, MAX_HARTS
	bgeu	a0, t0, .Lpark          /* hart ids we have no state for */

	/* sp = fw_stacks + (hartid + 1) * STACK_SIZE */
	la	sp, fw_stacks
	addi	t0, a0, 1
	li	t1, STACK_SIZE
	mul	t0, t0, t1
	add	sp, sp, t0

	/* Boot lottery: the first hart to swap in a 1 does the cold boot. */
	la	t0, fw_boot_lottery
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, .Lwarm

	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	fw_cold_boot            /* (hartid, fdt, dynamic info): does not return */
	j	.Lpark

.Lwarm:
	la	t0, fw_init_done
3:	lw	t1, 0(t0)
	bnez	t1, 4f
	nop
	nop
	j	3b
4:	fence	r, rw
	call	fw_warm_boot            /* (hartid, fdt): does not return */

	.align 2
.Lpark_trap:
.Lpark:
	wfi
	j	.Lpark

/* Trap entry (mtvec, direct mode).  mscratch = &harts[hartid] while the hart runs below
 * M-mode; the frame goes on the hart's M-mode stack.  M-mode itself runs with
 * mstatus.MIE = 0, so traps do not nest (a trap from M-mode is a firmware bug: fw_trap
 * reports it and powers off). */
	.text
	.align 4
	.globl fw_trap_entry
fw_trap_entry:
	csrrw	sp, mscratch, sp        /* sp = &harts[h], mscratch = interrupted sp */
	sd	t0, HART_SCRATCH(sp)
	mv	t0, sp
	ld	sp, HART_STACK_TOP(t0)
	addi	sp, sp, -FRAME_SIZE
	sd	x1, 1*8(sp)
	.irp	n, 3,4,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\n, \n*8(sp)
	.endr
	ld	t1, HART_SCRATCH(t0)
	sd	t1, 5*8(sp)             /* t0 */
	csrrw	t1, mscratch, t0        /* mscratch = &harts[h] again */
	sd	t1, 2*8(sp)             /* interrupted sp */
	csrr	t1, mepc
	sd	t1, FRAME_MEPC(sp)
	csrr	t1, mstatus
	sd	t1, FRAME_MSTATUS(sp)

	mv	a0, sp
	call	fw_trap

	/* mepc/mstatus come from the frame: handlers edit the frame, and guarded
	 * accesses (guard.h) may have clobbered the CSRs. */
	ld	t1, FRAME_MEPC(sp)
	csrw	mepc, t1
	ld	t1, FRAME_MSTATUS(sp)
	csrw	mstatus, t1
	ld	x1, 1*8(sp)
	.irp	n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\n, \n*8(sp)
	.endr
	ld	sp, 2*8(sp)
	mret

/* Guard trap vector (see guard.h): skip the faulting 4-byte instruction, t1 = 1. */
	.align 4
	.globl fw_guard_trap
fw_guard_trap:
	csrr	t1, mepc
	addi	t1, t1, 4
	csrw	mepc, t1
	li	t1, 1
	mret

/* fw_enter_mode(addr, mode, a0, a1): leave M-mode for `mode` at `addr` with the given
 * a0/a1 and mstatus.{MPIE,SIE,SPIE,MPRV} = 0 (mret: "Trap-Return Instructions"). */
	.globl fw_enter_mode
fw_enter_mode:
	csrw	mepc, a0
	csrr	t0, mstatus
	li	t1, (3 << 11) | (1 << 7) | (1 << 5) | (1 << 1) | (1 << 17)
	not	t1, t1
	and	t0, t0, t1
	andi	a1, a1, 3
	slli	a1, a1, 11
	or	t0, t0, a1
	csrw	mstatus, t0
	mv	a0, a2
	mv	a1, a3
	li	a2, 0
	li	a3, 0
	mret

/* fw_hart_idle(): drop whatever the hart was doing in M-mode and run the HSM
 * STOPPED loop on a fresh stack. */
	.globl fw_hart_idle
fw_hart_idle:
	csrr	t0, mscratch
	ld	sp, HART_STACK_TOP(t0)
	call	hsm_idle_loop
	j	.Lpark

	.data
	.align 3
	.globl fw_boot_lottery, fw_init_done
/* In .data, not .bss: the image (re)load at reset is what re-arms them. */
fw_boot_lottery: .word 0
fw_init_done:    .word 0
