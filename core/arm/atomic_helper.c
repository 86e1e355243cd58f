/*
 * core/arm/atomic_helper.c — the LSE atomics (ARM ARM C6.2: LDADD, LDCLR, LDEOR, LDSET,
 * LDSMAX, LDSMIN, LDUMAX, LDUMIN, SWP, CAS, CASP) as atomic host operations on the guest
 * RAM that tlb_host_rw maps (which also checks alignment, read and write permission, and
 * makes a store into translated code precise).  A 128-bit CASP has no host instruction in
 * Wasm: it runs in an exclusive section, as STXP does (helper.c).
 */
#include "core/arm/atomic_helper.h"

#include "core/arm/helper.h"
#include "core/machine.h"
#include "core/tlb.h"

/* tlb_host_rw refused: a fault it raised, or device memory (an external abort). */
static void *host_rw(ArmCPU *cpu, uint64_t addr, unsigned bytes, unsigned mmu)
{
    void *host = tlb_host_rw(&cpu->common, addr, bytes, mmu);
    if (!host && cpu->common.excp_index < 0) {
        arm_raise_data_abort(cpu, addr, FSC_SYNC_EXTERNAL, true, false);
    }
    return host;
}

static uint64_t sext(uint64_t v, unsigned size)
{
    unsigned sh = 64 - (8u << size);
    return (uint64_t)((int64_t)(v << sh) >> sh);
}

/* The new memory value of a min/max (compared as 2^size-byte values). */
static uint64_t minmax(int op, uint64_t old, uint64_t v, unsigned size)
{
    uint64_t mask = size == 3 ? ~0ull : (1ull << (8u << size)) - 1;
    switch (op) {
    case ARM_ATOMIC_SMAX:
        return (int64_t)sext(old, size) >= (int64_t)sext(v, size) ? old : v & mask;
    case ARM_ATOMIC_SMIN:
        return (int64_t)sext(old, size) <= (int64_t)sext(v, size) ? old : v & mask;
    case ARM_ATOMIC_UMAX:
        return (old & mask) >= (v & mask) ? old : v & mask;
    default:
        return (old & mask) <= (v & mask) ? old : v & mask;
    }
}

/* One operation on a host integer of type T: the old value. */
#define ATOMIC_OP(T)                                                                   \
    static uint64_t atomic_##T(T *p, int op, T v, unsigned size)                       \
    {                                                                                  \
        switch (op) {                                                                  \
        case ARM_ATOMIC_ADD: return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);        \
        case ARM_ATOMIC_CLR: return __atomic_fetch_and(p, (T)~v, __ATOMIC_SEQ_CST);    \
        case ARM_ATOMIC_EOR: return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);        \
        case ARM_ATOMIC_SET: return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);         \
        case ARM_ATOMIC_SWP: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);       \
        default: break;                                                                \
        }                                                                              \
        T old = __atomic_load_n(p, __ATOMIC_SEQ_CST);                                  \
        while (!__atomic_compare_exchange_n(p, &old, (T)minmax(op, old, v, size), false, \
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {     \
        }                                                                              \
        return old;                                                                    \
    }
ATOMIC_OP(uint8_t)
ATOMIC_OP(uint16_t)
ATOMIC_OP(uint32_t)
ATOMIC_OP(uint64_t)

static uint64_t helper_atomic(void *env, uint64_t addr, uint64_t v, uint64_t desc, uint64_t d)
{
    (void)d;
    ArmCPU *cpu = env;
    unsigned size = desc & 3, mmu = (unsigned)(desc >> 8) & 0xff;
    int op = (int)(desc >> 2) & 0xf;
    void *host = host_rw(cpu, addr, 1u << size, mmu);
    if (!host) {
        return 0;
    }
    switch (size) {
    case 0: return atomic_uint8_t(host, op, (uint8_t)v, size);
    case 1: return atomic_uint16_t(host, op, (uint16_t)v, size);
    case 2: return atomic_uint32_t(host, op, (uint32_t)v, size);
    default: return atomic_uint64_t(host, op, v, size);
    }
}

static uint64_t helper_cas(void *env, uint64_t addr, uint64_t cmp, uint64_t nv, uint64_t desc)
{
    ArmCPU *cpu = env;
    unsigned size = desc & 3, mmu = (unsigned)(desc >> 8) & 0xff;
    void *host = host_rw(cpu, addr, 1u << size, mmu);
    if (!host) {
        return 0;
    }
    switch (size) {
    case 0: {
        uint8_t e = (uint8_t)cmp;
        __atomic_compare_exchange_n((uint8_t *)host, &e, (uint8_t)nv, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
        return e;
    }
    case 1: {
        uint16_t e = (uint16_t)cmp;
        __atomic_compare_exchange_n((uint16_t *)host, &e, (uint16_t)nv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    case 2: {
        uint32_t e = (uint32_t)cmp;
        __atomic_compare_exchange_n((uint32_t *)host, &e, (uint32_t)nv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    default: {
        uint64_t e = cmp;
        __atomic_compare_exchange_n((uint64_t *)host, &e, nv, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
        return e;
    }
    }
}

static uint64_t reg(const ArmCPU *cpu, unsigned r)
{
    return r == 31 ? 0 : cpu->x[r];
}

static void set_reg(ArmCPU *cpu, unsigned r, uint64_t v)
{
    if (r != 31) {
        cpu->x[r] = v;
    }
}

static uint64_t helper_casp(void *env, uint64_t addr, uint64_t desc, uint64_t c, uint64_t d)
{
    (void)c, (void)d;
    ArmCPU *cpu = env;
    CPUState *cs = &cpu->common;
    unsigned rs = desc & 31, rt = (desc >> 5) & 31, esize = (desc >> 10) & 3;
    unsigned mmu = (unsigned)(desc >> 12) & 0xff;
    /* Rs and Rt are even: Rs+1 / Rt+1 is at most 31 (the zero register) */
    uint64_t c1 = reg(cpu, rs), c2 = reg(cpu, rs + 1), n1 = reg(cpu, rt), n2 = reg(cpu, rt + 1);
    void *host = host_rw(cpu, addr, esize == 2 ? 8 : 16, mmu);
    if (!host) {
        return 0;
    }
    if (esize == 2) {
        uint64_t e = (c1 & 0xffffffffu) | c2 << 32, n = (n1 & 0xffffffffu) | n2 << 32;
        __atomic_compare_exchange_n((uint64_t *)host, &e, n, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
        set_reg(cpu, rs, e & 0xffffffffu);
        set_reg(cpu, rs + 1, e >> 32);
        return 0;
    }
    /* the other vCPUs parked: the compare and the two stores are one atomic step */
    Machine *m = cs->machine;
    vcpu_exclusive_begin(m, cs);
    uint64_t *p = host;
    uint64_t o1 = p[0], o2 = p[1];
    if (o1 == c1 && o2 == c2) {
        p[0] = n1;
        p[1] = n2;
    }
    vcpu_exclusive_end(m, cs);
    set_reg(cpu, rs, o1);
    set_reg(cpu, rs + 1, o2);
    return 0;
}

static uint64_t helper_align_fault(void *env, uint64_t addr, uint64_t write, uint64_t c,
                                   uint64_t d)
{
    (void)c, (void)d;
    arm_raise_data_abort(env, addr, FSC_ALIGNMENT, write != 0, false);
    return 0;
}

#define RAISES (IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE | IR_CALL_PC_ONLY)
const IrHelper arm_hlp_atomic = {helper_atomic, "atomic", RAISES};
const IrHelper arm_hlp_cas = {helper_cas, "cas", RAISES};
/* reads Rs, Rs+1, Rt, Rt+1 and writes Rs, Rs+1 itself */
const IrHelper arm_hlp_casp = {helper_casp, "casp", IR_CALL_RW_GLOBALS | IR_CALL_MAY_RAISE};
const IrHelper arm_hlp_align_fault = {helper_align_fault, "align_fault", RAISES};
