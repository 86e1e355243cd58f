/*
 * core/arm/atomic_helper.h — run-time helpers of the A64 LSE atomics (ARMv8.1: LDADD ...
 * SWP, CAS, CASP) as host atomic operations on guest RAM, and the alignment fault of the
 * 128-bit SIMD&FP accesses.
 *
 * The host operations are sequentially consistent read-modify-writes, i.e. full barriers,
 * so the acquire and release forms need no fences of their own (QEMU treats them alike).
 */
#ifndef CORE_ARM_ATOMIC_HELPER_H
#define CORE_ARM_ATOMIC_HELPER_H

#include "core/arm/cpu.h"
#include "tcg/ir.h"

/* The operation of arm_hlp_atomic: ARM's opc field (bits 14:12) for o3 = 0, and SWP. */
enum {
    ARM_ATOMIC_ADD = 0, ARM_ATOMIC_CLR, ARM_ATOMIC_EOR, ARM_ATOMIC_SET,
    ARM_ATOMIC_SMAX, ARM_ATOMIC_SMIN, ARM_ATOMIC_UMAX, ARM_ATOMIC_UMIN,
    ARM_ATOMIC_SWP,
};

/* (addr, value, size | op << 2 | mmu << 8) -> the old value, zero-extended from 2^size bytes */
extern const IrHelper arm_hlp_atomic;
/* CAS: (addr, expected, new, size | mmu << 8) -> the old value, zero-extended */
extern const IrHelper arm_hlp_cas;
/* CASP: (addr, rs | rt << 5 | esize << 10 | mmu << 12): compares Xs:X(s+1) (esize 3) or
 * Ws:W(s+1) (esize 2) with memory, stores Xt:X(t+1) if equal, and writes the old pair to
 * Rs, R(s+1); reads and writes the registers itself (register 31 is the zero register). */
extern const IrHelper arm_hlp_casp;
/* (addr, is_write): the data abort of a misaligned access (DFSC alignment, FAR = addr) */
extern const IrHelper arm_hlp_align_fault;

#endif
