/*
 * bench/riscv64/platform.c — bare-metal platform for the benchmark on riscv64 `virt`
 * (-bios none, M-mode): console output on the 16550 UART at 0x10000000, time from the time
 * CSR (rdtime: the 10 MHz mtime), exit through the SiFive test device at 0x100000.  Also the
 * few libc functions the compiler may call on its own (memset, memcpy, memmove, memcmp).
 */
#include "bench.h"

#define UART0 0x10000000ul
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define TEST_DEVICE 0x100000ul

static inline void mmio_write8(uintptr_t addr, uint8_t v)
{
    *(volatile uint8_t *)addr = v;
}

static inline uint8_t mmio_read8(uintptr_t addr)
{
    return *(volatile uint8_t *)addr;
}

void bench_put_char(char c)
{
    while (!(mmio_read8(UART0 + UART_LSR) & UART_LSR_THRE)) {
    }
    mmio_write8(UART0 + UART_THR, (uint8_t)c);
}

uint64_t bench_now(void)
{
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

_Noreturn void bench_exit(int status)
{
    uint32_t v = status == 0 ? 0x5555u : ((uint32_t)(status & 0xffff) << 16) | 0x3333u;
    *(volatile uint32_t *)TEST_DEVICE = v;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

/* Called by start.S for any trap: there should be none. */
_Noreturn void bench_trap(uint64_t cause, uint64_t epc, uint64_t tval);
_Noreturn void bench_trap(uint64_t cause, uint64_t epc, uint64_t tval)
{
    bench_printf("bench: FAIL unexpected trap: mcause 0x%lx mepc 0x%lx mtval 0x%lx\n",
                 (unsigned long)cause, (unsigned long)epc, (unsigned long)tval);
    bench_exit(10);
}

int main(void);
int main(void)
{
    return bench_main();
}
