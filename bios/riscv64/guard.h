/* Guarded memory accesses from M-mode.
 *
 * Between guard_begin() and guard_end(), mtvec points at fw_guard_trap (entry.S), which
 * skips the faulting instruction and sets t1 = 1.  The accessors below keep their flag in
 * t1 and are assembled without the C extension, so the skip is always 4 bytes.  A trap
 * taken here clobbers mepc and mstatus.MPP/MPIE: callers inside an SBI call are safe
 * because trap_entry restores both from the trap frame. */
#ifndef FW_GUARD_H
#define FW_GUARD_H

#include "fw.h"

static inline unsigned long guard_begin(void)
{
	unsigned long old;
	__asm__ volatile("csrrw %0, mtvec, %1" : "=r"(old) : "r"(fw_guard_trap) : "memory");
	return old;
}

static inline void guard_end(unsigned long old) { csr_write(mtvec, old); }

/* Physical byte load; returns false on a fault. */
static inline bool guarded_lbu(unsigned long addr, uint8_t *out)
{
	register unsigned long fault __asm__("t1") = 0;
	unsigned long v;
	__asm__ volatile(".option push\n.option norvc\n"
	                 "lbu %0, 0(%2)\n"
	                 ".option pop"
	                 : "=&r"(v), "+r"(fault) : "r"(addr) : "memory");
	if (fault)
		return false;
	*out = (uint8_t)v;
	return true;
}

/* Physical byte store; returns false on a fault. */
static inline bool guarded_sb(unsigned long addr, uint8_t val)
{
	register unsigned long fault __asm__("t1") = 0;
	__asm__ volatile(".option push\n.option norvc\n"
	                 "sb %1, 0(%2)\n"
	                 ".option pop"
	                 : "+r"(fault) : "r"(val), "r"(addr) : "memory");
	return !fault;
}

/* Load a doubleword through S-mode address translation: mstatus.MPRV=1 with MPP=S
 * ("Memory Privilege in mstatus Register").  Used for the legacy extensions, whose hart
 * masks are passed by virtual address.  Set, load and clear are one asm block so no
 * compiler-generated stack access runs with MPRV set. */
static inline bool guarded_ld_as_s(unsigned long vaddr, unsigned long *out)
{
	register unsigned long fault __asm__("t1") = 0;
	unsigned long v;
	unsigned long ms = csr_read(mstatus);
	csr_write(mstatus, (ms & ~MSTATUS_MPP) | (PRV_S << MSTATUS_MPP_SHIFT));
	__asm__ volatile(".option push\n.option norvc\n"
	                 "csrs mstatus, %3\n"
	                 "ld %0, 0(%2)\n"
	                 "csrc mstatus, %3\n"
	                 ".option pop"
	                 : "=&r"(v), "+r"(fault) : "r"(vaddr), "r"(MSTATUS_MPRV) : "memory");
	csr_write(mstatus, ms);
	if (fault)
		return false;
	*out = v;
	return true;
}

/* CSR accesses that may trap on a hart without the CSR (e.g. menvcfg before priv 1.12,
 * or no PMP).  Return false if the access trapped. */
#define csr_try_write(csr, val) ({ \
	register unsigned long __f __asm__("t1") = 0; \
	unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrw " STRINGIFY(csr) ", %1" : "+r"(__f) : "r"(__v) : "memory"); \
	!__f; })
#define csr_try_read(csr, out) ({ \
	register unsigned long __f __asm__("t1") = 0; \
	unsigned long __v = 0; \
	__asm__ volatile("csrr %0, " STRINGIFY(csr) : "=&r"(__v), "+r"(__f) :: "memory"); \
	if (!__f) *(out) = __v; \
	!__f; })

#endif
