/* System Reset extension (§10, EID 0x53525354 "SRST"), through the SiFive test device
 * of the `virt` machine: 0x5555 = power off (pass), (code << 16) | 0x3333 = power off
 * with failure status `code`, 0x7777 = reset. */
#include "fw.h"

#define TEST_PASS  0x5555
#define TEST_FAIL  0x3333
#define TEST_RESET 0x7777

#define RESET_SHUTDOWN    0
#define RESET_COLD_REBOOT 1
#define RESET_WARM_REBOOT 2
#define REASON_NONE           0
#define REASON_SYSTEM_FAILURE 1

static void __attribute__((noreturn)) test_device(uint32_t val)
{
	*(volatile uint32_t *)TEST_BASE = val;
	for (;;)   /* no test device: stop here */
		wfi();
}

void system_poweroff(unsigned int code)
{
	test_device(code ? (code << 16) | TEST_FAIL : TEST_PASS);
}

void system_reboot(void)
{
	test_device(TEST_RESET);
}

/* §10.1 system_reset(reset_type, reset_reason) */
struct sbiret sbi_srst(unsigned long fid, const unsigned long *a)
{
	unsigned long type = a[0], reason = a[1];
	if (fid != 0)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	if (type > 0xffffffffUL || reason > 0xffffffffUL ||
	    (type > RESET_WARM_REBOOT && type < 0xf0000000UL) ||
	    (reason > REASON_SYSTEM_FAILURE && reason < 0xe0000000UL))
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };   /* reserved values */
	if (type > RESET_WARM_REBOOT)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };   /* vendor-specific types */
	if (type == RESET_SHUTDOWN)
		system_poweroff(reason == REASON_SYSTEM_FAILURE ? 1 : 0);
	system_reboot();   /* cold and warm reboot alike: the machine resets */
}
