/* Debug Console extension (§12, EID 0x4442434E "DBCN") on the NS16550A.  Buffers are
 * given by physical address; accesses are guarded, so a bad address is an
 * SBI_ERR_INVALID_PARAM instead of a firmware crash. */
#include "fw.h"
#include "guard.h"

/* On RV64 the address is base_addr_lo; base_addr_hi carries bits 127:64 and must be 0. */
static bool buffer_ok(unsigned long n, unsigned long lo, unsigned long hi)
{
	return !hi && lo + n >= lo;
}

/* §12.1 console_write(num_bytes, base_addr_lo, base_addr_hi) */
static struct sbiret console_write(unsigned long n, unsigned long lo, unsigned long hi)
{
	unsigned long done = 0, old;
	long err = SBI_SUCCESS;
	uint8_t c;

	if (!buffer_ok(n, lo, hi))
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	console_lock();
	old = guard_begin();
	for (; done < n; done++) {
		if (!guarded_lbu(lo + done, &c)) {
			err = SBI_ERR_INVALID_PARAM;
			break;
		}
		uart_putc((char)c);
	}
	guard_end(old);
	console_unlock();
	return (struct sbiret){ err, (long)done };
}

/* §12.2 console_read(num_bytes, base_addr_lo, base_addr_hi): what is there, no waiting */
static struct sbiret console_read(unsigned long n, unsigned long lo, unsigned long hi)
{
	unsigned long done = 0, old;
	long err = SBI_SUCCESS;
	int c;

	if (!buffer_ok(n, lo, hi))
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	console_lock();
	old = guard_begin();
	while (done < n && (c = uart_getc()) >= 0) {
		if (!guarded_sb(lo + done, (uint8_t)c)) {
			err = SBI_ERR_INVALID_PARAM;
			break;
		}
		done++;
	}
	guard_end(old);
	console_unlock();
	return (struct sbiret){ err, (long)done };
}

struct sbiret sbi_dbcn(unsigned long fid, const unsigned long *a)
{
	switch (fid) {
	case 0:
		return console_write(a[0], a[1], a[2]);
	case 1:
		return console_read(a[0], a[1], a[2]);
	case 2:   /* §12.3 console_write_byte(byte) */
		console_lock();
		uart_putc((char)a[0]);
		console_unlock();
		return (struct sbiret){ SBI_SUCCESS, 0 };
	default:
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	}
}
