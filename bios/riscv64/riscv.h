/* CSR numbers, bit fields and small inline helpers (RISC-V privileged spec, v1.12).
 * Only what this firmware uses. */
#ifndef FW_RISCV_H
#define FW_RISCV_H

#define MSTATUS_SIE   (1UL << 1)
#define MSTATUS_MIE   (1UL << 3)
#define MSTATUS_SPIE  (1UL << 5)
#define MSTATUS_MPIE  (1UL << 7)
#define MSTATUS_SPP   (1UL << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP   (3UL << MSTATUS_MPP_SHIFT)
#define MSTATUS_FS_INITIAL (1UL << 13)
#define MSTATUS_FS    (3UL << 13)
#define MSTATUS_MPRV  (1UL << 17)
#define MSTATUS_MPV   (1UL << 39)   /* H extension: trap came from a virtualised mode */

#define PRV_U 0UL
#define PRV_S 1UL
#define PRV_M 3UL

/* Interrupt numbers ("Machine Interrupt Registers (mip and mie)"). */
#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT   9
#define MIP_SSIP (1UL << IRQ_S_SOFT)
#define MIP_MSIP (1UL << IRQ_M_SOFT)
#define MIP_STIP (1UL << IRQ_S_TIMER)
#define MIP_MTIP (1UL << IRQ_M_TIMER)
#define MIP_SEIP (1UL << IRQ_S_EXT)

/* Exception codes ("Machine Cause Register (mcause)"). */
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL_INSN     2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_USER_ECALL       8
#define CAUSE_SUPERVISOR_ECALL 9
#define CAUSE_MACHINE_ECALL    11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT  13
#define CAUSE_STORE_PAGE_FAULT 15
#define MCAUSE_INTERRUPT (1UL << 63)

/* menvcfg ("Machine Environment Configuration Register (menvcfg)"); Sstc adds STCE. */
#define MENVCFG_STCE  (1UL << 63)
#define MENVCFG_PBMTE (1UL << 62)
#define MENVCFG_CBZE  (1UL << 7)
#define MENVCFG_CBCFE (1UL << 6)
#define MENVCFG_CBIE  (3UL << 4)
#define MENVCFG_FIOM  (1UL << 0)

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

#define csr_read(csr) ({ unsigned long __v; \
	__asm__ volatile("csrr %0, " STRINGIFY(csr) : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrw " STRINGIFY(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_set(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrs " STRINGIFY(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_clear(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrc " STRINGIFY(csr) ", %0" :: "rK"(__v) : "memory"); })

/* Newer CSRs by number, so the assembler needs no extension flags. */
#define CSR_MENVCFG  0x30a
#define CSR_STIMECMP 0x14d
#define CSR_MCOUNTINHIBIT 0x320

static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void cpu_relax(void) { __asm__ volatile("nop; nop; nop; nop" ::: "memory"); }

#endif
