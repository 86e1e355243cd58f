/*
 * core/riscv/helper.c — run-time helpers for traps, xRET, WFI, fences and atomics.
 */
#include "core/riscv/helper.h"

#include "core/tlb.h"

void riscv_raise_illegal(void *env)
{
    /* mtval (the instruction bits) is filled in when the trap is delivered. */
    cpu_raise(env, EXCP_ILLEGAL_INSN, 0);
}

static uint64_t helper_raise(void *env, uint64_t cause, uint64_t b, uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    cpu_raise(env, (int)cause, 0);
    return 0;
}

static uint64_t helper_mret(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)a, (void)b, (void)c, (void)d;
    RiscvCPU *cpu = env;
    uint64_t s = cpu->mstatus;
    int mpp = (int)((s & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    s = (s & ~MSTATUS_MIE) | ((s & MSTATUS_MPIE) ? MSTATUS_MIE : 0);
    s |= MSTATUS_MPIE;
    s &= ~MSTATUS_MPP; /* MPP = U, the least-privileged supported mode */
    if (mpp != PRV_M) {
        s &= ~MSTATUS_MPRV;
    }
    cpu->mstatus = s;
    cpu->priv = mpp;
    cpu->common.pc = cpu->mepc;
    cpu_exit_request(&cpu->common, CPU_EXIT_INTERRUPT); /* MIE may be set again */
    return 0;
}

static uint64_t helper_sret(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)a, (void)b, (void)c, (void)d;
    RiscvCPU *cpu = env;
    uint64_t s = cpu->mstatus;
    if (cpu->priv == PRV_S && (s & MSTATUS_TSR)) {
        riscv_raise_illegal(env);
        return 0;
    }
    int spp = (s & MSTATUS_SPP) ? PRV_S : PRV_U;
    s = (s & ~MSTATUS_SIE) | ((s & MSTATUS_SPIE) ? MSTATUS_SIE : 0);
    s |= MSTATUS_SPIE;
    s &= ~MSTATUS_SPP;
    s &= ~MSTATUS_MPRV; /* the new mode is below M */
    cpu->mstatus = s;
    cpu->priv = spp;
    cpu->common.pc = cpu->sepc;
    cpu_exit_request(&cpu->common, CPU_EXIT_INTERRUPT); /* SIE may be set again */
    return 0;
}

static uint64_t helper_wfi(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    (void)a, (void)b, (void)c, (void)d;
    RiscvCPU *cpu = env;
    if (cpu->priv == PRV_U || (cpu->priv == PRV_S && (cpu->mstatus & MSTATUS_TW))) {
        riscv_raise_illegal(env);
        return 0;
    }
    if (!(__atomic_load_n(&cpu->mip, __ATOMIC_SEQ_CST) & cpu->mie)) {
        cpu_halt(&cpu->common); /* the exec loop sleeps until an interrupt is pending */
    }
    return 0;
}

static uint64_t helper_sfence_vma(void *env, uint64_t vaddr, uint64_t asid, uint64_t c,
                                  uint64_t d)
{
    (void)asid, (void)c, (void)d;
    RiscvCPU *cpu = env;
    if (cpu->priv == PRV_S && (cpu->mstatus & MSTATUS_TVM)) {
        riscv_raise_illegal(env);
        return 0;
    }
    /* rs1 = x0 (passed as 0 by the translator too) flushes everything; ASIDs are not
     * implemented (ASIDLEN = 0), so the ASID argument does not narrow the flush. */
    if (vaddr == 0) {
        tlb_flush(env);
    } else {
        tlb_flush_page(env, vaddr);
    }
    return 0;
}

static unsigned data_mmu_idx(RiscvCPU *cpu)
{
    return cpu->common.arch->mmu_index(&cpu->common, false);
}

static inline uint64_t sext32(uint64_t v)
{
    return (uint64_t)(int64_t)(int32_t)(uint32_t)v;
}

/* Raise the store/AMO access fault unless a fault is already pending. */
static void raise_amo_access(RiscvCPU *cpu, uint64_t addr)
{
    if (cpu->common.excp_index < 0) {
        cpu_raise(&cpu->common, EXCP_STORE_ACCESS, addr);
    }
}

/* The value an AMO stores.  32-bit AMOs pass both operands sign-extended: that keeps the
 * signed and the unsigned order of the 32-bit values, and the low 32 bits of every result. */
static uint64_t amo_result(int op, uint64_t old, uint64_t v)
{
    switch (op) {
    case AMO_SWAP: return v;
    case AMO_ADD: return old + v;
    case AMO_XOR: return old ^ v;
    case AMO_AND: return old & v;
    case AMO_OR: return old | v;
    case AMO_MIN: return (int64_t)old < (int64_t)v ? old : v;
    case AMO_MAX: return (int64_t)old > (int64_t)v ? old : v;
    case AMO_MINU: return old < v ? old : v;
    default: return old > v ? old : v; /* AMO_MAXU */
    }
}

static uint64_t amo32(uint32_t *p, int op, uint32_t v)
{
    uint32_t old = __atomic_load_n(p, __ATOMIC_SEQ_CST), nv;
    do {
        nv = (uint32_t)amo_result(op, sext32(old), sext32(v));
    } while (!__atomic_compare_exchange_n(p, &old, nv, false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    return sext32(old);
}

static uint64_t amo64(uint64_t *p, int op, uint64_t v)
{
    uint64_t old = __atomic_load_n(p, __ATOMIC_SEQ_CST), nv;
    do {
        nv = amo_result(op, old, v);
    } while (!__atomic_compare_exchange_n(p, &old, nv, false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    return old;
}

/* AMOs are atomic on the host memory itself, so they stay atomic when several vCPU
 * threads run at once. */
static uint64_t helper_amo(void *env, uint64_t addr, uint64_t val, uint64_t opsize,
                           uint64_t d)
{
    (void)d;
    RiscvCPU *cpu = env;
    unsigned size = 1u << (opsize & 3);
    int op = (int)(opsize >> 2);
    void *host = tlb_host_rw(&cpu->common, addr, size, data_mmu_idx(cpu));
    if (!host) {
        raise_amo_access(cpu, addr);
        return 0;
    }
    return size == 4 ? amo32(host, op, (uint32_t)val) : amo64(host, op, val);
}

static uint64_t helper_lr(void *env, uint64_t addr, uint64_t size_log2, uint64_t c,
                          uint64_t d)
{
    (void)c, (void)d;
    RiscvCPU *cpu = env;
    uint64_t v;
    unsigned memop = (unsigned)size_log2 | IR_MO_ALIGN | IR_MO_EXCL;
    if (tlb_load_slow(&cpu->common, addr, memop, data_mmu_idx(cpu), cpu->common.pc, &v) < 0) {
        return 0;
    }
    cpu->load_res = addr;
    cpu->load_val = v;
    return size_log2 == 2 ? sext32(v) : v;
}

static uint64_t helper_sc(void *env, uint64_t addr, uint64_t val, uint64_t size_log2,
                          uint64_t d)
{
    (void)d;
    RiscvCPU *cpu = env;
    uint64_t res = cpu->load_res;
    cpu->load_res = (uint64_t)-1; /* any SC ends the reservation */
    if (res != addr) {
        return 1;
    }
    unsigned size = 1u << size_log2;
    void *host = tlb_host_rw(&cpu->common, addr, size, data_mmu_idx(cpu));
    if (!host) {
        if (cpu->common.excp_index == CPU_EXCP_CODE_CHANGED) {
            cpu->load_res = res; /* it runs again (alone): with its reservation */
        }
        raise_amo_access(cpu, addr);
        return 0;
    }
    bool ok;
    if (size == 4) {
        uint32_t expected = (uint32_t)cpu->load_val;
        ok = __atomic_compare_exchange_n((uint32_t *)host, &expected, (uint32_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        uint64_t expected = cpu->load_val;
        ok = __atomic_compare_exchange_n((uint64_t *)host, &expected, val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    return ok ? 0 : 1;
}

#define RAISES (IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE | IR_CALL_PC_ONLY)
const IrHelper riscv_hlp_raise = {helper_raise, "raise", RAISES};
const IrHelper riscv_hlp_mret = {helper_mret, "mret", RAISES};
const IrHelper riscv_hlp_sret = {helper_sret, "sret", RAISES};
const IrHelper riscv_hlp_wfi = {helper_wfi, "wfi", RAISES};
const IrHelper riscv_hlp_sfence_vma = {helper_sfence_vma, "sfence_vma", RAISES};
const IrHelper riscv_hlp_amo = {helper_amo, "amo", RAISES};
const IrHelper riscv_hlp_lr = {helper_lr, "lr", RAISES};
const IrHelper riscv_hlp_sc = {helper_sc, "sc", RAISES};
