/*
 * core/riscv/helper.h — run-time helpers called from RISC-V translated code.
 * All have the IrHelperFn signature (env, a, b, c, d) -> uint64_t.
 */
#ifndef CORE_RISCV_HELPER_H
#define CORE_RISCV_HELPER_H

#include "core/riscv/cpu.h"
#include "tcg/ir.h"

/* CSR access kinds, packed with the CSR number into the helper's first argument. */
enum { CSR_OP_RW = 0, CSR_OP_RS = 1, CSR_OP_RC = 2 };
#define CSR_ARG(csr, op, writes) ((uint64_t)(csr) | ((uint64_t)(op) << 12) | ((uint64_t)(writes) << 14))

/* AMO operations, packed with log2(size) as (op << 2) | size. */
enum {
    AMO_SWAP, AMO_ADD, AMO_XOR, AMO_AND, AMO_OR, AMO_MIN, AMO_MAX, AMO_MINU, AMO_MAXU,
};

extern const IrHelper riscv_hlp_raise;      /* (cause) */
extern const IrHelper riscv_hlp_csr;        /* (CSR_ARG, src, insn index) -> old value */
extern const IrHelper riscv_hlp_mret;       /* () -> sets pc, priv */
extern const IrHelper riscv_hlp_sret;
extern const IrHelper riscv_hlp_wfi;
extern const IrHelper riscv_hlp_sfence_vma; /* (vaddr, asid) */
extern const IrHelper riscv_hlp_amo;        /* (addr, value, op<<2|size) -> old */
extern const IrHelper riscv_hlp_lr;         /* (addr, size) -> loaded */
extern const IrHelper riscv_hlp_sc;         /* (addr, value, size) -> 0 ok / 1 fail */

/* Raise an illegal-instruction exception at cpu->pc (mtval = the instruction bits). */
void riscv_raise_illegal(void *env);

/* CSR access implementation (core/riscv/csr.c).  Returns false if the access is illegal
 * (unknown CSR, insufficient privilege, write to a read-only CSR). */
bool riscv_csr_read(RiscvCPU *cpu, int csr, uint64_t *val);
bool riscv_csr_write(RiscvCPU *cpu, int csr, uint64_t val);
bool riscv_csr_check(RiscvCPU *cpu, int csr, bool write);

#endif
