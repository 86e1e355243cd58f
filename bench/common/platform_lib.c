/*
 * bench/common/platform_lib.c — what every bare-metal benchmark platform needs besides its
 * console, clock and exit: a printf subset and the mem* functions the compiler may call.
 * The platform (bench/<arch>/platform.c) supplies bench_put_char.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "bench.h"

static void bench_put_str(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') {
            bench_put_char('\r');
        }
        bench_put_char(*s);
    }
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
        bench_put_char('0');
        width--;
    }
    while (n > 0) {
        bench_put_char(buf[--n]);
    }
}

void bench_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            if (*p == '\n') {
                bench_put_char('\r');
            }
            bench_put_char(*p);
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
            bench_put_str(va_arg(ap, const char *));
            break;
        case 'c':
            bench_put_char((char)va_arg(ap, int));
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
            bench_put_char('%');
            break;
        default:
            bench_put_char('?');
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
