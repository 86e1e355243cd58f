/*
 * bench/aarch64/start.S — startup for the bare-metal compute benchmark on aarch64 `virt`
 * (-cpu cortex-a57 -semihosting -kernel bench.elf).
 *
 * QEMU's virt enters here on CPU 0 only, in EL1h with the MMU off (the other CPUs wait for
 * PSCI CPU_ON).  Vector table (any exception is a failure: it prints ESR/ELR/FAR and exits
 * with status 10), FP/SIMD enabled (CPACR_EL1.FPEN), stack, .bss zeroed, then main(); main's
 * return value is the exit status, given to semihosting SYS_EXIT by bench_exit().
 */
    .section .text.init, "ax", %progbits
    .globl _start
_start:
    msr daifset, #0xf
    adr x0, vectors
    msr vbar_el1, x0
    mov x0, #(3 << 20)          /* CPACR_EL1.FPEN: no FP/SIMD traps at EL1 */
    msr cpacr_el1, x0
    isb
    adr x0, _stack_top
    mov sp, x0
    /* zero .bss */
    adr x0, _bss_start
    adr x1, _bss_end
1:  cmp x0, x1
    b.hs 2f
    str xzr, [x0], #8
    b 1b
2:  bl main
    bl bench_exit               /* w0 = status; does not return */
3:  wfi
    b 3b

    .balign 2048
vectors:
    .rept 16
    .balign 128
    mrs x0, esr_el1
    mrs x1, elr_el1
    mrs x2, far_el1
    adr x3, _stack_top
    mov sp, x3
    bl bench_trap               /* does not return */
    .endr
