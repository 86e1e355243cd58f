/*
 * bench/common/bench.h — what the benchmark kernels (bench.c) need from the platform.
 *
 * Each guest's bench/<arch>/platform.c implements it on bare metal (riscv64 virt: 16550 UART,
 * the time CSR, the SiFive test device; aarch64 virt: PL011, CNTVCT_EL0, semihosting), and
 * host.c on the host's libc: for checking the kernels and computing their expected checksums
 * natively (`make bench-riscv64-host`).
 */
#ifndef BENCH_COMMON_BENCH_H
#define BENCH_COMMON_BENCH_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Ticks per second of host.c's bench_now() (10 MHz, as riscv64 virt's mtime); a guest's
   platform counts in its own clock's ticks (the boot profiles' benchTickHz). */
#define BENCH_HZ 10000000u

uint64_t bench_now(void);

/* printf subset: %s %c %d %u %x with optional 'l' and a zero-padded width (%016lx), %%. */
void bench_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The platform's console output, one byte (bench/common/platform_lib.c prints with it). */
void bench_put_char(char c);

/* Ends the program with this status (0 = every check passed). */
_Noreturn void bench_exit(int status);

/* The benchmark: returns the exit status. */
int bench_main(void);

#endif
