/*
 * bench/aarch64/platform.c — bare-metal platform for the benchmark on aarch64 `virt`
 * (-cpu cortex-a57 -semihosting, EL1, MMU off): console output on the PL011 at 0x09000000,
 * time from the generic timer's virtual count (CNTVCT_EL0, CNTFRQ_EL0 = 62.5 MHz on virt),
 * exit through Arm semihosting SYS_EXIT.  Also the few libc functions the compiler may call on
 * its own (memset, memcpy, memmove, memcmp).  Built with -mstrict-align: with the MMU off all
 * data accesses are to Device memory, where unaligned ones fault.
 */
#include "bench.h"

#define UART0 0x09000000ul
#define UART_DR 0x00
#define UART_FR 0x18
#define UART_CR 0x30
#define UART_FR_TXFF 0x20
#define UART_CR_UARTEN 0x001
#define UART_CR_TXE 0x100
#define UART_CR_RXE 0x200

#define SEMI_SYS_EXIT 0x18
#define ADP_Stopped_ApplicationExit 0x20026

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
    return *(volatile uint32_t *)addr;
}

void bench_put_char(char c)
{
    static int enabled;
    if (!enabled) {
        /* QEMU's PL011 transmits without it, a real one (and a strict model) needs it */
        mmio_write32(UART0 + UART_CR, UART_CR_UARTEN | UART_CR_TXE | UART_CR_RXE);
        enabled = 1;
    }
    while (mmio_read32(UART0 + UART_FR) & UART_FR_TXFF) {
    }
    mmio_write32(UART0 + UART_DR, (uint8_t)c);
}

uint64_t bench_now(void)
{
    uint64_t t;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(t) : : "memory");
    return t;
}

_Noreturn void bench_exit(int status)
{
    static volatile uint64_t block[2];
    block[0] = ADP_Stopped_ApplicationExit;
    block[1] = (uint64_t)(uint32_t)status;
    register uint64_t x0 __asm__("x0") = SEMI_SYS_EXIT;
    register uint64_t x1 __asm__("x1") = (uint64_t)(uintptr_t)block;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    for (;;) {
        __asm__ volatile("wfi");
    }
}

/* Called by start.S for any exception: there should be none. */
_Noreturn void bench_trap(uint64_t esr, uint64_t elr, uint64_t far);
_Noreturn void bench_trap(uint64_t esr, uint64_t elr, uint64_t far)
{
    bench_printf("bench: FAIL unexpected exception: ESR_EL1 0x%lx ELR_EL1 0x%lx FAR_EL1 0x%lx\n",
                 (unsigned long)esr, (unsigned long)elr, (unsigned long)far);
    bench_exit(10);
}

int main(void);
int main(void)
{
    uint64_t hz;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
    if (hz != BENCH_TICK_HZ) {
        bench_printf("bench: FAIL CNTFRQ_EL0 is %lu Hz, the times below assume %lu\n",
                     (unsigned long)hz, (unsigned long)BENCH_TICK_HZ);
        return 11;
    }
    return bench_main();
}
