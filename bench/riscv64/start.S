/*
 * bench/riscv64/start.S — startup for the bare-metal compute benchmark (-M virt -bios none).
 *
 * Every hart enters here in M-mode (QEMU's reset stub starts all of them at the kernel's
 * entry); hart 0 runs the benchmark, the others park in wfi.  Hart 0: trap vector (any trap
 * is a failure: it prints mcause/mepc/mtval and exits with status 10), stack, .bss zeroed,
 * the FPU enabled (mstatus.FS = Initial, fcsr = 0), then main(); main's return value is the
 * exit status, written to the SiFive test device at 0x100000.
 */
    .section .text.init, "ax", @progbits
    .option norelax
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, park
    la t0, trap_entry
    csrw mtvec, t0
    la sp, _stack_top
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    /* zero .bss */
    la t0, _bss_start
    la t1, _bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  li t0, 0x6000               /* mstatus.FS */
    csrc mstatus, t0
    li t0, 0x2000               /* FS = Initial */
    csrs mstatus, t0
    csrwi fcsr, 0
    call main
    call bench_exit             /* a0 = status; does not return */
park:
    wfi
    j park

    .balign 4
trap_entry:
    csrr a0, mcause
    csrr a1, mepc
    csrr a2, mtval
    la sp, _stack_top
    call bench_trap             /* does not return */
3:  j 3b
