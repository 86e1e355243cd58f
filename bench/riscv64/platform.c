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

static void put_char(char c)
{
    while (!(mmio_read8(UART0 + UART_LSR) & UART_LSR_THRE)) {
    }
    mmio_write8(UART0 + UART_THR, (uint8_t)c);
}

static void put_str(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') {
            put_char('\r');
        }
        put_char(*s);
    }
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

/* ---- printf subset ---- */

static void put_num(unsigned long v, unsigned base, int width, int neg)
{
    char buf[32];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    if (neg) {
        buf[n++] = '-';
    }
    while (n < width && n < (int)sizeof(buf)) {
        put_char('0');
        width--;
    }
    while (n > 0) {
        put_char(buf[--n]);
    }
}

void bench_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            if (*p == '\n') {
                put_char('\r');
            }
            put_char(*p);
            continue;
        }
        p++;
        int width = 0;
        while (*p >= '0' && *p <= '9') {
            width = width * 10 + (*p++ - '0');
        }
        int is_long = 0;
        if (*p == 'l') {
            is_long = 1;
            p++;
        }
        switch (*p) {
        case 's':
            put_str(va_arg(ap, const char *));
            break;
        case 'c':
            put_char((char)va_arg(ap, int));
            break;
        case 'd': {
            long v = is_long ? va_arg(ap, long) : va_arg(ap, int);
            put_num(v < 0 ? 0ul - (unsigned long)v : (unsigned long)v, 10, width, v < 0);
            break;
        }
        case 'u':
            put_num(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, width, 0);
            break;
        case 'x':
            put_num(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, width, 0);
            break;
        case '%':
            put_char('%');
            break;
        default:
            put_char('?');
            if (!*p) {
                p--;
            }
            break;
        }
    }
    va_end(ap);
}

/* ---- what the compiler may call ---- */

void *memset(void *d, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return d;
}

void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;
    while (n--) {
        *dp++ = *sp++;
    }
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;
    if (dp < sp) {
        while (n--) {
            *dp++ = *sp++;
        }
    } else {
        while (n--) {
            dp[n] = sp[n];
        }
    }
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a;
    const unsigned char *y = b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return x[i] < y[i] ? -1 : 1;
        }
    }
    return 0;
}
