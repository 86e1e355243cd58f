/*
 * bench/common/host.c — the benchmark's platform on the host (libc): runs the same kernels
 * natively, to check them and to compute the expected checksums bench.c hard-codes
 * (`make bench-riscv64-host`; with BENCH_PRINT_EXPECTED defined it prints them).
 */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

uint64_t bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * BENCH_HZ + (uint64_t)ts.tv_nsec / (1000000000u / BENCH_HZ);
}

void bench_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}

_Noreturn void bench_exit(int status)
{
    exit(status);
}

int main(void)
{
    return bench_main();
}
