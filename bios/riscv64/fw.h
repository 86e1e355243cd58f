/* qemu-wasm riscv64 firmware: shared declarations.
 *
 * An M-mode SBI implementation for the `virt` machine, written from the RISC-V SBI
 * specification v2.0 and the RISC-V privileged specification v1.12. */
#ifndef FW_H
#define FW_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "riscv.h"

#define MAX_HARTS 64

/* Memory map of the `virt` machine (fixed, as in QEMU). */
#define FW_BASE       0x80000000UL
#define FW_REGION     0x40000UL        /* 256 KiB reserved for this firmware (see fw.ld) */
#define KERNEL_BASE   0x80200000UL     /* default next stage without fw_dynamic info */
#define UART_BASE     0x10000000UL     /* NS16550A */
#define TEST_BASE     0x00100000UL     /* SiFive test device (power off / reset) */
#define CLINT_BASE    0x02000000UL     /* SiFive CLINT: msip, mtimecmp, mtime */

/* Implementation ID reported by sbi_get_impl_id: 0x514D ("QM", qemu-wasm).  Our own choice,
 * outside the IDs the SBI spec (§4.9) has assigned so far. */
#define FW_IMPL_ID      0x514DUL
#define FW_IMPL_VERSION 0x00010000UL   /* 1.0 */

/* §3 "Binary Encoding": standard SBI error codes. */
#define SBI_SUCCESS                0
#define SBI_ERR_FAILED            -1
#define SBI_ERR_NOT_SUPPORTED     -2
#define SBI_ERR_INVALID_PARAM     -3
#define SBI_ERR_DENIED            -4
#define SBI_ERR_INVALID_ADDRESS   -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED   -7
#define SBI_ERR_ALREADY_STOPPED   -8
#define SBI_ERR_NO_SHMEM          -9

/* Extension IDs (§4 to §12). */
#define SBI_EXT_BASE   0x10
#define SBI_EXT_TIME   0x54494D45
#define SBI_EXT_IPI    0x735049
#define SBI_EXT_RFENCE 0x52464E43
#define SBI_EXT_HSM    0x48534D
#define SBI_EXT_SRST   0x53525354
#define SBI_EXT_PMU    0x504D55
#define SBI_EXT_DBCN   0x4442434E
#define SBI_EXT_LEGACY_LAST 0x08

/* §9 "Hart State Management Extension": hart states. */
#define HSM_STARTED         0
#define HSM_STOPPED         1
#define HSM_START_PENDING   2
#define HSM_STOP_PENDING    3
#define HSM_SUSPENDED       4
#define HSM_SUSPEND_PENDING 5
#define HSM_RESUME_PENDING  6

/* Work posted to a hart, delivered with an M-mode software interrupt (CLINT msip).
 * RFENCE requests use the fence_req/fence_done tickets in struct hart instead. */
#define IPI_SSIP  (1U << 0)   /* raise the supervisor software interrupt (SBI IPI) */

struct sbiret {
	long error;
	long value;
};

/* Registers saved by trap_entry (entry.S); x[2] is the interrupted sp. */
struct trap_frame {
	unsigned long x[32];
	unsigned long mepc;
	unsigned long mstatus;
};
#define REG_A0 10
#define REG_A1 11
#define REG_A6 16
#define REG_A7 17

/* Per-hart state.  mscratch holds &harts[hartid] while the hart runs below M-mode.
 * The first two fields are used by entry.S (HART_STACK_TOP / HART_SCRATCH). */
struct hart {
	unsigned long stack_top;
	unsigned long scratch;
	int hsm_state;                 /* HSM_*, changed atomically */
	unsigned int ipi_pending;      /* IPI_* bits, changed atomically */
	unsigned long fence_req;       /* RFENCE tickets issued to this hart */
	unsigned long fence_done;      /* highest ticket this hart has completed */
	unsigned long start_addr;      /* hart_start / non-retentive resume */
	unsigned long start_arg;
	unsigned long next_mode;       /* privilege mode to start in */
};

extern struct hart harts[MAX_HARTS];
extern unsigned long fw_hart_mask;   /* harts that exist (FDT /cpus, plus harts seen) */
extern unsigned long fw_hart_alive;  /* harts that have run their per-hart set-up */
extern bool fw_have_sstc;            /* menvcfg.STCE could be set: the timer uses stimecmp */

static inline unsigned long current_hartid(void) { return csr_read(mhartid); }
static inline struct hart *this_hart(void) { return &harts[current_hartid()]; }
static inline bool hart_valid(unsigned long h)
{
	return h < MAX_HARTS && ((__atomic_load_n(&fw_hart_mask, __ATOMIC_ACQUIRE) >> h) & 1);
}

/* main.c (called from entry.S) */
void fw_cold_boot(unsigned long hartid, unsigned long fdt, unsigned long dinfo_addr)
	__attribute__((noreturn));
void fw_warm_boot(unsigned long hartid, unsigned long fdt) __attribute__((noreturn));

/* entry.S */
void fw_enter_mode(unsigned long addr, unsigned long mode, unsigned long a0,
                   unsigned long a1) __attribute__((noreturn));
void fw_hart_idle(void) __attribute__((noreturn));
extern char fw_guard_trap[], fw_trap_entry[];

/* console.c: NS16550A and a tiny printf */
void uart_init(void);
void uart_putc(char c);
int uart_getc(void);                 /* -1 when nothing was received */
void console_lock(void);
void console_unlock(void);
void fw_printf(const char *fmt, ...);

/* clint.c */
void clint_set_msip(unsigned long hart, unsigned int val);
void clint_set_timecmp(unsigned long hart, uint64_t val);
uint64_t clint_mtime(void);

/* fdt.c */
unsigned long fdt_hart_mask(const void *fdt);
int fdt_add_memreserve(void *fdt, uint64_t base, uint64_t size);

/* trap.c */
void fw_trap(struct trap_frame *tf);
void fw_fatal(const char *what, struct trap_frame *tf) __attribute__((noreturn));

/* sbi.c and sbi_*.c */
void sbi_ecall(struct trap_frame *tf);
bool sbi_probe(unsigned long eid);
struct sbiret sbi_time(unsigned long fid, const unsigned long *a);
struct sbiret sbi_ipi(unsigned long fid, const unsigned long *a);
struct sbiret sbi_rfence(unsigned long fid, const unsigned long *a);
struct sbiret sbi_hsm(unsigned long fid, const unsigned long *a);
struct sbiret sbi_srst(unsigned long fid, const unsigned long *a);
struct sbiret sbi_dbcn(unsigned long fid, const unsigned long *a);
struct sbiret sbi_pmu(unsigned long fid, const unsigned long *a);
void sbi_legacy(unsigned long eid, struct trap_frame *tf);

void timer_init_hart(void);
void pmu_init_hart(void);
void timer_set(uint64_t when);
void timer_interrupt(void);
long ipi_targets(unsigned long mask, unsigned long base, unsigned long *targets);
long ipi_send_mask(unsigned long mask, unsigned long base);
void ipi_interrupt(void);
void ipi_process(struct hart *h, bool raise_ssip);
#define RFENCE_I        0
#define RFENCE_VMA      1
#define RFENCE_VMA_ASID 2
long rfence_mask(unsigned long mask, unsigned long base, int kind, unsigned long start,
                 unsigned long size, unsigned long asid);
void rfence_process(struct hart *h);
void hsm_idle_loop(void) __attribute__((noreturn));
void system_poweroff(unsigned int code) __attribute__((noreturn));
void system_reboot(void) __attribute__((noreturn));

/* lib.c */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);

/* A simple test-and-set lock (RVWMO acquire/release through the AMO ordering bits). */
static inline void spin_lock(int *l)
{
	while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(l, __ATOMIC_RELAXED))
			cpu_relax();
}
static inline void spin_unlock(int *l) { __atomic_store_n(l, 0, __ATOMIC_RELEASE); }

#endif
