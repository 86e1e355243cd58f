/* sbi-test: the firmware's own test, an S-mode program at 0x80200000.
 *
 * Exercises each SBI extension the firmware implements (SBI v2.0), on two harts
 * (-smp 2), then powers off through SRST: reason "no reason" when every check passed,
 * "system failure" otherwise (the firmware turns that into exit status 1 on QEMU).
 * It prints "sbi-test: PASS" or "sbi-test: FAIL (n)" before powering off. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXT_BASE   0x10
#define EXT_TIME   0x54494D45
#define EXT_IPI    0x735049
#define EXT_RFENCE 0x52464E43
#define EXT_HSM    0x48534D
#define EXT_SRST   0x53525354
#define EXT_DBCN   0x4442434E
#define EXT_PMU    0x504D55

#define ERR_NOT_SUPPORTED     -2
#define ERR_INVALID_PARAM     -3
#define ERR_ALREADY_AVAILABLE -6
#define ERR_ALREADY_STARTED   -7
#define ERR_ALREADY_STOPPED   -8

#define HSM_STARTED 0
#define HSM_STOPPED 1

#define SIP_SSIP (1UL << 1)
#define SIP_STIP (1UL << 5)
#define SSTATUS_SIE (1UL << 1)

#define MAGIC_FIRST  0x5ec0d001UL
#define MAGIC_SECOND 0x5ec0d002UL
#define MAGIC_RESUME 0x5ec0d003UL

#define TIMEBASE 10000000UL            /* `virt`: 10 MHz */
#define TIMEOUT  (10 * TIMEBASE)       /* generous: slow emulators run this too */

#define STR_(x) #x
#define STR(x) STR_(x)
#define csr_read(c) ({ unsigned long __v; __asm__ volatile("csrr %0, " STR(c) : "=r"(__v) :: "memory"); __v; })
#define csr_write(c, v) __asm__ volatile("csrw " STR(c) ", %0" :: "r"((unsigned long)(v)) : "memory")
#define csr_set(c, v) __asm__ volatile("csrs " STR(c) ", %0" :: "r"((unsigned long)(v)) : "memory")
#define csr_clear(c, v) __asm__ volatile("csrc " STR(c) ", %0" :: "r"((unsigned long)(v)) : "memory")

struct sbiret { long error; long value; };

static struct sbiret sbi(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1,
                         unsigned long a2, unsigned long a3, unsigned long a4)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r4 __asm__("a4") = a4;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = eid;
	__asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r4), "r"(r6), "r"(r7)
	                 : "memory");
	return (struct sbiret){ (long)r0, (long)r1 };
}

/* Legacy (v0.1) call: one result in a0. */
static long sbi_legacy(unsigned long eid, unsigned long a0, unsigned long a1, unsigned long a2)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r7 __asm__("a7") = eid;
	__asm__ volatile("ecall" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return (long)r0;
}

static unsigned long now(void) { return csr_read(time); }

/* Per-hart interrupt counters (indexed by hart id, kept in tp). */
static volatile unsigned long timer_irqs[64], ssip_irqs[64], timer_irq_time[64];
static volatile unsigned int fails;
static int print_lock;

/* Secondary-hart handshake. */
static volatile unsigned long sec_hartid, sec_opaque, sec_satp, sec_sstatus;
static volatile int sec_runs, sec_ready, sec_cmd, sec_rfence_done, sec_rfence_err;
static unsigned long boot_hart;

static unsigned long hartid(void)
{
	unsigned long tp;
	__asm__ volatile("mv %0, tp" : "=r"(tp));
	return tp;
}

/* ---- output through DBCN console_write ---- */
static size_t slen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static void puts_raw(const char *s)
{
	while (__atomic_exchange_n(&print_lock, 1, __ATOMIC_ACQUIRE))
		;
	size_t n = slen(s);
	while (n) {
		struct sbiret r = sbi(EXT_DBCN, 0, n, (unsigned long)s, 0, 0, 0);
		if (r.error || r.value <= 0)
			break;
		s += r.value;
		n -= r.value;
	}
	__atomic_store_n(&print_lock, 0, __ATOMIC_RELEASE);
}

static void print(const char *a, const char *b, long v, bool with_v)
{
	char buf[160];
	size_t i = 0;
	for (; *a && i < 100; a++)
		buf[i++] = *a;
	for (; b && *b && i < 130; b++)
		buf[i++] = *b;
	if (with_v) {
		unsigned long u = (unsigned long)v;
		char tmp[20];
		int n = 0;
		buf[i++] = ' ';
		buf[i++] = '0';
		buf[i++] = 'x';
		do {
			tmp[n++] = "0123456789abcdef"[u & 15];
			u >>= 4;
		} while (u);
		while (n)
			buf[i++] = tmp[--n];
	}
	buf[i++] = '\r';
	buf[i++] = '\n';
	buf[i] = 0;
	puts_raw(buf);
}

static void check(bool ok, const char *what)
{
	if (!ok)
		fails++;
	print(ok ? "  ok   " : "  FAIL ", what, 0, false);
}

static void check_v(bool ok, const char *what, long v)
{
	if (!ok)
		fails++;
	print(ok ? "  ok   " : "  FAIL ", what, v, true);
}

/* Wait for a condition, without WFI (nothing may wake us), for at most TIMEOUT. */
#define WAIT(cond) ({ unsigned long __t0 = now(); \
	while (!(cond) && now() - __t0 < TIMEOUT) \
		__asm__ volatile("nop"); \
	(cond); })

/* ---- supervisor trap handler ---- */
void s_trap(unsigned long cause, unsigned long epc, unsigned long tval);
void s_trap(unsigned long cause, unsigned long epc, unsigned long tval)
{
	unsigned long h = hartid();
	if (cause == ((1UL << 63) | 5)) {          /* supervisor timer */
		timer_irq_time[h] = now();
		timer_irqs[h]++;
		sbi(EXT_TIME, 0, -1UL, 0, 0, 0, 0);    /* also clears sip.STIP */
		return;
	}
	if (cause == ((1UL << 63) | 1)) {          /* supervisor software (IPI) */
		csr_clear(sip, SIP_SSIP);
		ssip_irqs[h]++;
		return;
	}
	print("sbi-test: unexpected trap, scause", NULL, (long)cause, true);
	print("  sepc", NULL, (long)epc, true);
	print("  stval", NULL, (long)tval, true);
	print("sbi-test: FAIL (trap)", NULL, 0, false);
	sbi(EXT_SRST, 0, 0, 1, 0, 0, 0);
	for (;;)
		;
}

static void finish(void) __attribute__((noreturn));
static void finish(void)
{
	if (fails) {
		print("sbi-test: FAIL, checks failed:", NULL, fails, true);
		sbi(EXT_SRST, 0, 0, 1, 0, 0, 0);   /* shutdown, system failure */
	} else {
		print("sbi-test: PASS", NULL, 0, false);
		sbi(EXT_SRST, 0, 0, 0, 0, 0, 0);   /* shutdown, no reason */
	}
	print("sbi-test: SRST returned", NULL, 0, false);
	sbi_legacy(8, 0, 0, 0);
	for (;;)
		;
}

/* ---- the second hart ---- */
void secondary_main(unsigned long h, unsigned long opaque);
void secondary_main(unsigned long h, unsigned long opaque)
{
	if (opaque == MAGIC_SECOND) {   /* second start: show up, then stop again */
		__atomic_fetch_add(&sec_runs, 1, __ATOMIC_SEQ_CST);
		sbi(EXT_HSM, 1, 0, 0, 0, 0, 0);
		sec_rfence_err = 99;        /* hart_stop returned */
		for (;;)
			;
	}
	sec_hartid = h;
	sec_opaque = opaque;
	sec_satp = csr_read(satp);
	sec_sstatus = csr_read(sstatus);
	csr_set(sie, SIP_SSIP);
	csr_set(sstatus, SSTATUS_SIE);
	__atomic_fetch_add(&sec_runs, 1, __ATOMIC_SEQ_CST);
	sec_ready = 1;

	WAIT(sec_cmd == 1);
	/* RFENCE storm towards both harts while the boot hart does the same to us. */
	for (int i = 0; i < 200; i++) {
		struct sbiret r = sbi(EXT_RFENCE, 1 + (i & 1), 0, -1UL, 0, -1UL, 0);
		if (r.error)
			sec_rfence_err = 1;
	}
	sec_rfence_done = 1;
	WAIT(sec_cmd == 2);
	sbi(EXT_HSM, 1, 0, 0, 0, 0, 0);   /* hart_stop: does not return */
	sec_rfence_err = 99;
	for (;;)
		;
}

static void test_base(void)
{
	print("base:", NULL, 0, false);
	struct sbiret r = sbi(EXT_BASE, 0, 0, 0, 0, 0, 0);
	check_v(!r.error && r.value >= 0x02000000, "spec version >= 2.0", r.value);
	r = sbi(EXT_BASE, 1, 0, 0, 0, 0, 0);
	check_v(!r.error, "impl id", r.value);
	r = sbi(EXT_BASE, 2, 0, 0, 0, 0, 0);
	check_v(!r.error, "impl version", r.value);
	static const unsigned long exts[] = { EXT_BASE, EXT_TIME, EXT_IPI, EXT_RFENCE, EXT_HSM,
	                                      EXT_SRST, EXT_DBCN, EXT_PMU };
	bool all = true;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		r = sbi(EXT_BASE, 3, exts[i], 0, 0, 0, 0);
		if (r.error || r.value == 0) {
			all = false;
			print("    not available: extension", NULL, (long)exts[i], true);
		}
	}
	check(all, "probe BASE TIME IPI RFENCE HSM SRST DBCN PMU");
	r = sbi(EXT_BASE, 3, 0x0badbeef, 0, 0, 0, 0);
	check(!r.error && r.value == 0, "probe of an unknown extension = 0");
	for (unsigned long fid = 4; fid <= 6; fid++) {
		r = sbi(EXT_BASE, fid, 0, 0, 0, 0, 0);
		check(!r.error, fid == 4 ? "mvendorid" : fid == 5 ? "marchid" : "mimpid");
	}
	r = sbi(0x0badbeef, 0, 0, 0, 0, 0, 0);
	check_v(r.error == ERR_NOT_SUPPORTED, "unknown extension -> NOT_SUPPORTED", r.error);
	r = sbi(EXT_BASE, 99, 0, 0, 0, 0, 0);
	check_v(r.error == ERR_NOT_SUPPORTED, "unknown base function -> NOT_SUPPORTED", r.error);
}

static void test_dbcn(void)
{
	static const char hello[] = "hello\r\n";
	static char buf[16];
	print("dbcn:", NULL, 0, false);
	struct sbiret r = sbi(EXT_DBCN, 0, 7, (unsigned long)hello, 0, 0, 0);
	check_v(!r.error && r.value == 7, "console_write of 7 bytes", r.value);
	r = sbi(EXT_DBCN, 2, '>', 0, 0, 0, 0);
	sbi(EXT_DBCN, 2, '\r', 0, 0, 0, 0);
	sbi(EXT_DBCN, 2, '\n', 0, 0, 0, 0);
	check(!r.error, "console_write_byte");
	r = sbi(EXT_DBCN, 0, 4, 0xfffffffffffff000UL, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "console_write from a bad address -> INVALID_PARAM", r.error);
	r = sbi(EXT_DBCN, 1, sizeof(buf), (unsigned long)buf, 0, 0, 0);
	check_v(!r.error && r.value >= 0, "console_read", r.value);
}

/* PMU (§11): the fixed counters cycle (counter_idx 0) and instret (2), as Linux's
 * riscv_pmu_sbi driver uses them. */
#define PMU_EV_CYCLES     0x00001UL   /* SBI_PMU_HW_CPU_CYCLES */
#define PMU_EV_INSTRET    0x00002UL   /* SBI_PMU_HW_INSTRUCTIONS */
#define PMU_EV_CACHE_REFS 0x00003UL   /* SBI_PMU_HW_CACHE_REFERENCES */
#define PMU_EV_RAW        0x20000UL   /* hardware raw event (type 2) */
#define PMU_CFG_CLEAR_VALUE (1UL << 1)
#define PMU_CFG_AUTO_START  (1UL << 2)
#define PMU_START_SET_INIT  (1UL << 0)
#define PMU_STOP_RESET      (1UL << 0)
#define PMU_INFO(csr)       ((csr) | (63UL << 12))   /* hardware, 64 bits wide */

static void test_pmu(void)
{
	const unsigned long fixed = (1UL << 0) | (1UL << 2);
	struct sbiret r;

	print("pmu:", NULL, 0, false);
	r = sbi(EXT_PMU, 0, 0, 0, 0, 0, 0);
	check_v(!r.error && r.value >= 3, "num_counters >= 3", r.value);
	r = sbi(EXT_PMU, 1, 0, 0, 0, 0, 0);
	check_v(!r.error && (unsigned long)r.value == PMU_INFO(0xc00UL), "get_info(0) = cycle, 64-bit hw",
	        r.value);
	r = sbi(EXT_PMU, 1, 2, 0, 0, 0, 0);
	check_v(!r.error && (unsigned long)r.value == PMU_INFO(0xc02UL), "get_info(2) = instret, 64-bit hw",
	        r.value);
	r = sbi(EXT_PMU, 1, 1, 0, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM || (!r.error && (r.value & 0xfff) == 0xc01),
	        "get_info(1): time or invalid", r.error);
	r = sbi(EXT_PMU, 1, 1000, 0, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "get_info(1000) -> INVALID_PARAM", r.error);

	/* What Linux does when a CPU comes up: stop everything, dropping event mappings. */
	r = sbi(EXT_PMU, 4, 0, fixed, PMU_STOP_RESET, 0, 0);
	check_v(!r.error || r.error == ERR_ALREADY_STOPPED, "stop cycle+instret with RESET", r.error);

	r = sbi(EXT_PMU, 2, 0, fixed, 0, PMU_EV_CYCLES, 0);
	check_v(!r.error && r.value == 0, "config_matching(CPU_CYCLES) -> counter 0", r.value);
	r = sbi(EXT_PMU, 2, 0, fixed, 0, PMU_EV_CYCLES, 0);
	check_v(r.error == ERR_NOT_SUPPORTED, "... counter 0 is taken until a RESET stop", r.error);
	r = sbi(EXT_PMU, 3, 0, 1, PMU_START_SET_INIT, 1000, 0);
	unsigned long cyc = csr_read(cycle);
	check_v(!r.error, "start counter 0 with initial value 1000", r.error);
	check_v(cyc >= 1000 && cyc < 1000 + (1UL << 40), "... cycle counts on from 1000", (long)cyc);
	r = sbi(EXT_PMU, 3, 0, 1, 0, 0, 0);
	check_v(r.error == ERR_ALREADY_STARTED, "start again -> ALREADY_STARTED", r.error);
	r = sbi(EXT_PMU, 4, 0, 1, 0, 0, 0);
	check_v(!r.error, "stop counter 0", r.error);
	r = sbi(EXT_PMU, 4, 0, 1, 0, 0, 0);
	check_v(r.error == ERR_ALREADY_STOPPED, "stop again -> ALREADY_STOPPED", r.error);
	r = sbi(EXT_PMU, 4, 0, 1, PMU_STOP_RESET, 0, 0);
	check_v(r.error == ERR_ALREADY_STOPPED, "RESET of a stopped counter -> ALREADY_STOPPED", r.error);
	r = sbi(EXT_PMU, 2, 0, fixed, PMU_CFG_CLEAR_VALUE | PMU_CFG_AUTO_START, PMU_EV_CYCLES, 0);
	check_v(!r.error && r.value == 0, "... and frees it: config_matching with AUTO_START", r.value);
	r = sbi(EXT_PMU, 3, 0, 1, 0, 0, 0);
	check_v(r.error == ERR_ALREADY_STARTED, "... which started it", r.error);
	r = sbi(EXT_PMU, 4, 0, 1, PMU_STOP_RESET, 0, 0);
	check_v(!r.error, "stop with RESET", r.error);

	r = sbi(EXT_PMU, 2, 0, fixed, 0, PMU_EV_INSTRET, 0);
	check_v(!r.error && r.value == 2, "config_matching(INSTRUCTIONS) -> counter 2", r.value);
	r = sbi(EXT_PMU, 3, 2, 1, PMU_START_SET_INIT, 0, 0);
	check_v(!r.error, "start counter 2 (base 2, mask 1)", r.error);
	r = sbi(EXT_PMU, 4, 0, 4, PMU_STOP_RESET, 0, 0);
	check_v(!r.error, "stop counter 2 (base 0, mask 4) with RESET", r.error);

	r = sbi(EXT_PMU, 2, 0, fixed, 0, PMU_EV_CACHE_REFS, 0);
	check_v(r.error == ERR_NOT_SUPPORTED, "config_matching(CACHE_REFERENCES) -> NOT_SUPPORTED", r.error);
	r = sbi(EXT_PMU, 2, 0, fixed, 0, PMU_EV_RAW, 0x1234);
	check_v(r.error == ERR_NOT_SUPPORTED, "config_matching(raw event) -> NOT_SUPPORTED", r.error);
	r = sbi(EXT_PMU, 2, 0, 1, 0, PMU_EV_INSTRET, 0);
	check_v(r.error == ERR_NOT_SUPPORTED, "INSTRUCTIONS on counter 0 only -> NOT_SUPPORTED", r.error);
	r = sbi(EXT_PMU, 2, 60, 1, 0, PMU_EV_CYCLES, 0);
	check_v(r.error == ERR_INVALID_PARAM, "config_matching on counter 60 -> INVALID_PARAM", r.error);
	r = sbi(EXT_PMU, 3, 0, 1UL << 40, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "start of counter 40 -> INVALID_PARAM", r.error);
	r = sbi(EXT_PMU, 5, 0, 0, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "fw_read of a hardware counter -> INVALID_PARAM", r.error);
	r = sbi(EXT_PMU, 7, -1UL, -1UL, 0, 0, 0);
	check_v(r.error == ERR_NOT_SUPPORTED, "snapshot_set_shmem -> NOT_SUPPORTED", r.error);

	/* Leave cycle and instret running, as at boot. */
	r = sbi(EXT_PMU, 3, 0, fixed, 0, 0, 0);
	check_v(!r.error, "start cycle+instret again", r.error);
}

static void test_time(unsigned long h)
{
	print("time:", NULL, 0, false);
	csr_write(sie, SIP_STIP);
	csr_set(sstatus, SSTATUS_SIE);
	unsigned long target = now() + TIMEBASE / 200;   /* 5 ms */
	struct sbiret r = sbi(EXT_TIME, 0, target, 0, 0, 0, 0);
	check(!r.error, "set_timer");
	check(WAIT(timer_irqs[h] == 1), "timer interrupt arrives");
	check(timer_irq_time[h] >= target, "... not before stime_value");
	check(!(csr_read(sip) & SIP_STIP), "set_timer(-1) cleared sip.STIP");
	r = sbi(EXT_TIME, 0, now() + 100 * TIMEBASE, 0, 0, 0, 0);
	check(!r.error && !(csr_read(sip) & SIP_STIP), "far deadline: nothing pending");
	/* legacy set_timer (EID 0x00) */
	r.error = sbi_legacy(0, now() + TIMEBASE / 1000, 0, 0);
	check(!r.error && WAIT(timer_irqs[h] == 2), "legacy set_timer interrupt");
}

static void test_ipi(unsigned long h)
{
	print("ipi:", NULL, 0, false);
	csr_set(sie, SIP_SSIP);
	struct sbiret r = sbi(EXT_IPI, 0, 1UL << h, 0, 0, 0, 0);
	check(!r.error && WAIT(ssip_irqs[h] == 1), "send_ipi to self");
	r = sbi(EXT_IPI, 0, 1, h, 0, 0, 0);
	check(!r.error && WAIT(ssip_irqs[h] == 2), "send_ipi to self with hart_mask_base");
	r = sbi(EXT_IPI, 0, 0, -1UL, 0, 0, 0);
	check(!r.error && WAIT(ssip_irqs[h] == 3), "send_ipi to all (hart_mask_base = -1)");
	r = sbi(EXT_IPI, 0, 1, 63, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "send_ipi to a missing hart -> INVALID_PARAM", r.error);
}

void secondary_entry(void);
void resume_entry(void);

static void test_hsm_ipi_rfence(unsigned long h)
{
	unsigned long other = h ^ 1;
	unsigned long both = (1UL << h) | (1UL << other);
	struct sbiret r;

	print("hsm:", NULL, 0, false);
	r = sbi(EXT_HSM, 2, other, 0, 0, 0, 0);
	check_v(!r.error && r.value == HSM_STOPPED, "second hart is STOPPED at boot", r.value);
	r = sbi(EXT_HSM, 2, h, 0, 0, 0, 0);
	check_v(!r.error && r.value == HSM_STARTED, "boot hart is STARTED", r.value);
	r = sbi(EXT_HSM, 2, 63, 0, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "get_status of a missing hart -> INVALID_PARAM", r.error);
	r = sbi(EXT_HSM, 0, 63, (unsigned long)secondary_entry, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "hart_start of a missing hart -> INVALID_PARAM", r.error);

	r = sbi(EXT_HSM, 0, other, (unsigned long)secondary_entry, MAGIC_FIRST, 0, 0);
	check_v(!r.error, "hart_start", r.error);
	check(WAIT(sec_ready), "second hart runs");
	check(sec_hartid == other && sec_opaque == MAGIC_FIRST, "... with a0 = hartid, a1 = opaque");
	check(sec_satp == 0 && !(sec_sstatus & SSTATUS_SIE), "... with satp = 0, sstatus.SIE = 0");
	r = sbi(EXT_HSM, 2, other, 0, 0, 0, 0);
	check_v(!r.error && r.value == HSM_STARTED, "get_status = STARTED", r.value);
	r = sbi(EXT_HSM, 0, other, (unsigned long)secondary_entry, 0, 0, 0);
	check_v(r.error == ERR_ALREADY_AVAILABLE, "hart_start of a started hart -> ALREADY_AVAILABLE",
	        r.error);

	print("ipi and rfence between harts:", NULL, 0, false);
	r = sbi(EXT_IPI, 0, 1UL << other, 0, 0, 0, 0);
	check(!r.error && WAIT(ssip_irqs[other] == 1), "send_ipi to the other hart");
	r = sbi(EXT_RFENCE, 0, both, 0, 0, 0, 0);
	check_v(!r.error, "remote_fence_i", r.error);
	r = sbi(EXT_RFENCE, 1, both, 0, 0x80200000, 0x2000, 0);
	check_v(!r.error, "remote_sfence_vma (range)", r.error);
	r = sbi(EXT_RFENCE, 2, 0, -1UL, 0, 0, 1);
	check_v(!r.error, "remote_sfence_vma_asid (all harts, all addresses)", r.error);
	r = sbi(EXT_RFENCE, 0, 1, 63, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "remote_fence_i to a missing hart -> INVALID_PARAM",
	        r.error);
	sec_cmd = 1;
	bool ok = true;
	for (int i = 0; i < 200; i++)
		if (sbi(EXT_RFENCE, 1 + (i & 1), 0, -1UL, 0, -1UL, 0).error)
			ok = false;
	check(ok && WAIT(sec_rfence_done) && !sec_rfence_err, "concurrent RFENCE storms from both harts");

	sec_cmd = 2;
	check(WAIT(sbi(EXT_HSM, 2, other, 0, 0, 0, 0).value == HSM_STOPPED), "hart_stop -> STOPPED");
	r = sbi(EXT_HSM, 0, other, (unsigned long)secondary_entry, MAGIC_SECOND, 0, 0);
	check_v(!r.error, "hart_start again", r.error);
	check(WAIT(sec_runs == 2) &&
	      WAIT(sbi(EXT_HSM, 2, other, 0, 0, 0, 0).value == HSM_STOPPED) && sec_rfence_err != 99,
	      "... runs and stops again");
}

static void test_suspend(void)
{
	print("hsm suspend:", NULL, 0, false);
	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, SIP_STIP);
	unsigned long target = now() + TIMEBASE / 500;
	sbi(EXT_TIME, 0, target, 0, 0, 0, 0);
	struct sbiret r = sbi(EXT_HSM, 3, 0, 0, 0, 0, 0);
	check_v(!r.error, "default retentive suspend returns", r.error);
	check(WAIT(csr_read(sip) & SIP_STIP), "... and the timer is pending");
	sbi(EXT_TIME, 0, -1UL, 0, 0, 0, 0);
	r = sbi(EXT_HSM, 3, 1, 0, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "reserved suspend type -> INVALID_PARAM", r.error);
	r = sbi(EXT_HSM, 3, 0x10000000, 0, 0, 0, 0);
	check_v(r.error == ERR_NOT_SUPPORTED || r.error == ERR_INVALID_PARAM,
	        "platform suspend type -> NOT_SUPPORTED", r.error);
}

static void test_legacy(unsigned long h)
{
	static unsigned long mask;
	print("legacy:", NULL, 0, false);
	const char *s = "legacy console_putchar\r\n";
	long err = 0;
	for (; *s; s++)
		err |= sbi_legacy(1, (unsigned char)*s, 0, 0);
	check(!err, "console_putchar");
	check(sbi_legacy(2, 0, 0, 0) == -1, "console_getchar with no input = -1");
	csr_set(sstatus, SSTATUS_SIE);
	csr_set(sie, SIP_SSIP);
	mask = 1UL << h;
	unsigned long before = ssip_irqs[h];
	check(sbi_legacy(4, (unsigned long)&mask, 0, 0) == 0 && WAIT(ssip_irqs[h] == before + 1),
	      "send_ipi through a hart mask pointer");
	check(sbi_legacy(3, 0, 0, 0) == 0, "clear_ipi");
	mask = 3;
	check(sbi_legacy(5, (unsigned long)&mask, 0, 0) == 0, "remote_fence_i");
	check(sbi_legacy(6, (unsigned long)&mask, 0, -1UL) == 0, "remote_sfence_vma");
	check(sbi_legacy(7, (unsigned long)&mask, 0, -1UL) == 0, "remote_sfence_vma_asid");
}

static void test_srst_params(void)
{
	print("srst:", NULL, 0, false);
	struct sbiret r = sbi(EXT_SRST, 0, 3, 0, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "reserved reset type -> INVALID_PARAM", r.error);
	r = sbi(EXT_SRST, 0, 0, 2, 0, 0, 0);
	check_v(r.error == ERR_INVALID_PARAM, "reserved reset reason -> INVALID_PARAM", r.error);
}

/* Last: default non-retentive suspend, which comes back at resume_entry. */
static void test_non_retentive(void)
{
	print("hsm non-retentive suspend:", NULL, 0, false);
	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, SIP_STIP);
	sbi(EXT_TIME, 0, now() + TIMEBASE / 500, 0, 0, 0, 0);
	struct sbiret r = sbi(EXT_HSM, 3, 0x80000000UL, (unsigned long)resume_entry, MAGIC_RESUME, 0, 0);
	check_v(false, "non-retentive suspend returned", r.error);
	finish();
}

void resume_main(unsigned long h, unsigned long opaque);
void resume_main(unsigned long h, unsigned long opaque)
{
	check(h == boot_hart && opaque == MAGIC_RESUME, "resumed with a0 = hartid, a1 = opaque");
	check(csr_read(satp) == 0 && !(csr_read(sstatus) & SSTATUS_SIE), "... satp = 0, SIE = 0");
	sbi(EXT_TIME, 0, -1UL, 0, 0, 0, 0);
	finish();
}

void test_main(unsigned long h, unsigned long fdt);
void test_main(unsigned long h, unsigned long fdt)
{
	(void)fdt;
	boot_hart = h;
	print("sbi-test: S-mode on hart", NULL, (long)h, true);
	test_base();
	test_dbcn();
	test_pmu();
	test_time(h);
	test_ipi(h);
	test_hsm_ipi_rfence(h);
	test_suspend();
	test_legacy(h);
	test_srst_params();
	test_non_retentive();
}
