/*
 * bench/riscv64/bench.h — what the benchmark kernels (bench.c) need from the platform.
 *
 * Two platforms implement it: platform.c (bare metal on riscv64 virt: 16550 UART, the time
 * CSR, the SiFive test device) and host.c (the host's libc: for checking the kernels and
 * computing their expected checksums natively; `make bench-riscv64-host`).
 */
#ifndef BENCH_RISCV64_BENCH_H
#define BENCH_RISCV64_BENCH_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Ticks of the clock bench_now() reads: 10 MHz (the virt machine's mtime). */
#define BENCH_HZ 10000000u

uint64_t bench_now(void);

/* printf subset: %s %c %d %u %x with optional 'l' and a zero-padded width (%016lx), %%. */
void bench_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Ends the program with this status (0 = every check passed). */
_Noreturn void bench_exit(int status);

/* The benchmark: returns the exit status. */
int bench_main(void);

#endif
