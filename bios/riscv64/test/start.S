/* sbi-test entry points (S-mode).  tp holds the hart id for the trap handler. */
#define STACK_SIZE 8192

	.option norelax
	.section .text.entry, "ax"
	.globl _start
_start:                          /* boot hart: a0 = hartid, a1 = FDT */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	la	sp, boot_stack + STACK_SIZE
	mv	tp, a0
	la	t0, s_trap_vector
	csrw	stvec, t0
	call	test_main
3:	wfi
	j	3b

	.globl secondary_entry
secondary_entry:                 /* hart_start: a0 = hartid, a1 = opaque */
	la	sp, second_stack + STACK_SIZE
	mv	tp, a0
	la	t0, s_trap_vector
	csrw	stvec, t0
	call	secondary_main
	j	3b

	.globl resume_entry
resume_entry:                    /* non-retentive suspend resume: a0 = hartid, a1 = opaque */
	la	sp, boot_stack + STACK_SIZE
	mv	tp, a0
	la	t0, s_trap_vector
	csrw	stvec, t0
	call	resume_main
	j	3b

/* Supervisor trap vector: save the caller-saved registers, call s_trap(). */
	.align 4
s_trap_vector:
	addi	sp, sp, -128
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	t3, 32(sp)
	sd	t4, 40(sp)
	sd	t5, 48(sp)
	sd	t6, 56(sp)
	sd	a0, 64(sp)
	sd	a1, 72(sp)
	sd	a2, 80(sp)
	sd	a3, 88(sp)
	sd	a4, 96(sp)
	sd	a5, 104(sp)
	sd	a6, 112(sp)
	sd	a7, 120(sp)
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	s_trap
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	t3, 32(sp)
	ld	t4, 40(sp)
	ld	t5, 48(sp)
	ld	t6, 56(sp)
	ld	a0, 64(sp)
	ld	a1, 72(sp)
	ld	a2, 80(sp)
	ld	a3, 88(sp)
	ld	a4, 96(sp)
	ld	a5, 104(sp)
	ld	a6, 112(sp)
	ld	a7, 120(sp)
	addi	sp, sp, 128
	sret

	.bss
	.align 4
boot_stack:   .space STACK_SIZE
second_stack: .space STACK_SIZE
