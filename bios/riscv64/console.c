/* NS16550A UART at 0x10000000 (polled; interrupts stay off) and a tiny printf. */
#include "fw.h"

#define UART_THR 0   /* write: transmit holding register */
#define UART_RBR 0   /* read: receive buffer register */
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_LSR 5
#define LSR_DR   0x01   /* data ready */
#define LSR_THRE 0x20   /* transmit holding register empty */

static volatile uint8_t *const uart = (volatile uint8_t *)UART_BASE;
static int console_lck;

void uart_init(void)
{
	uart[UART_IER] = 0x00;   /* no UART interrupts: the firmware polls */
	uart[UART_LCR] = 0x03;   /* 8N1, DLAB = 0 (the divisor is left as reset/QEMU has it) */
	uart[UART_FCR] = 0x07;   /* FIFOs on and cleared */
}

void uart_putc(char c)
{
	while (!(uart[UART_LSR] & LSR_THRE))
		cpu_relax();
	uart[UART_THR] = (uint8_t)c;
}

int uart_getc(void)
{
	if (uart[UART_LSR] & LSR_DR)
		return uart[UART_RBR];
	return -1;
}

void console_lock(void) { spin_lock(&console_lck); }
void console_unlock(void) { spin_unlock(&console_lck); }

static void put(char c)
{
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
}

static void put_num(unsigned long v, unsigned int base, bool neg)
{
	char buf[24];
	int i = 0;
	if (neg)
		put('-');
	do {
		buf[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (i)
		put(buf[--i]);
}

/* Supports %s %c %d %u %x %p with an optional 'l': enough for the banner and traps. */
void fw_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	console_lock();
	for (; *fmt; fmt++) {
		bool is_long = false;
		if (*fmt != '%') {
			put(*fmt);
			continue;
		}
		if (*++fmt == 'l') {
			is_long = true;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			while (*s)
				put(*s++);
			break;
		}
		case 'c':
			put((char)va_arg(ap, int));
			break;
		case 'd': {
			long v = is_long ? va_arg(ap, long) : va_arg(ap, int);
			put_num(v < 0 ? -(unsigned long)v : (unsigned long)v, 10, v < 0);
			break;
		}
		case 'u':
			put_num(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int), 10, false);
			break;
		case 'x':
			put_num(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int), 16, false);
			break;
		case 'p':
			put('0');
			put('x');
			put_num((unsigned long)va_arg(ap, void *), 16, false);
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(*fmt);
			break;
		}
	}
	console_unlock();
	va_end(ap);
}
