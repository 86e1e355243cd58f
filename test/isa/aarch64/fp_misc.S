/*
 * fp_misc.S — A64 scalar FP moves and system behaviour: FMOV between general and FP
 * registers (W<->S, X<->D, X<->V.D[1]: the D[1] forms keep the low half, the others zero the
 * rest of the 128-bit register), FMOV register and immediate (VFPExpandImm), FABS/FNEG (sign
 * bit only: no NaN processing, no flags, no flush even with FPCR.FZ), FPCR/FPSR read back
 * (FPSR.IDC and QC included), the CPACR_EL1.FPEN trap (EC 0x07) for FP instructions, and
 * UNDEFINED for what a Cortex-A57 lacks (half-precision arithmetic, moves and compares of
 * FEAT_FP16, FRINT32Z of FEAT_FRINTTS, FJCVTZS of FEAT_JSCVT) and for unallocated encodings
 * (ftype 0b10, M or S set, FCVT to the same precision, nonzero FCMP opc2 bits or FMOV imm5,
 * fixed point with scale < 32 for W) — UNDEFINED wins over the FP trap.  qemu-system-aarch64
 * agrees.
 */
#include "harness.h"

#define SET_FPCR(v) LI(x27, v); msr fpcr, x27
#define JUNK 0xdeadbeefdeadbeef
#define UNDEF ESR(EC_UNKNOWN, 0)
#define FPTRAP ESR(EC_FP_ACCESS, 0x1e00000)

/* code (';'-separated) leaves its result in x0; v0's upper half (junk before) must be zero */
#define TEST_V0(n, res, ...) \
    mov x28, #(n); LI(x2, JUNK); fmov d0, x2; fmov v0.d[1], x2; msr fpsr, xzr; __VA_ARGS__; \
    mrs x3, fpsr; fmov x0, d0; CHECK(x0, res); CHECK(x3, 0); fmov x0, v0.d[1]; CHECK(x0, 0)
#define TEST_IMM_D(n, res, imm) TEST_V0(n, res, fmov d0, imm)
#define TEST_IMM_S(n, res, imm) TEST_V0(n, res, fmov s0, imm)

TEST_BEGIN
    /* FMOV general <-> FP */
    TEST_V0(1, 0x0123456789abcdef, LI(x1, 0x0123456789abcdef); fmov d0, x1)
    TEST_V0(2, 0x87654321, LI(x1, 0x1234567887654321); fmov s0, w1)
    TEST_CASE(3, x0, 0xbbbbbbbb, LI(x1, 0xaaaaaaaabbbbbbbb); fmov d1, x1; LI(x0, JUNK); fmov w0, s1)
    TEST_CASE(4, x0, 0xaaaaaaaabbbbbbbb, LI(x1, 0xaaaaaaaabbbbbbbb); fmov d1, x1; LI(x0, JUNK); fmov x0, d1)
    TEST_CASE(5, x0, 0x1122334455667788, LI(x2, 0x1122334455667788); fmov v1.d[1], x2; fmov x0, v1.d[1])
    /* FMOV Vd.D[1], Xn keeps the low half */
    TEST_CASE(6, x0, 0xaaaaaaaabbbbbbbb, LI(x1, 0xaaaaaaaabbbbbbbb); fmov d1, x1; LI(x2, 0x55); fmov v1.d[1], x2; fmov x0, d1)
    TEST_CASE(7, x0, 0x55, fmov x0, v1.d[1])
    TEST_V0(8, 0, fmov d0, xzr)
    TEST_V0(9, 0, fmov s0, wzr)
    TEST_CASE(10, x0, 0, fmov d1, xzr; LI(x0, JUNK); fmov x0, v1.d[1])
    /* FMOV register, FABS, FNEG */
    LI(x1, 0xaaaaaaaabbbbbbbb)
    fmov d1, x1
    LI(x1, 0x1234)
    fmov v1.d[1], x1
    TEST_V0(11, 0xaaaaaaaabbbbbbbb, fmov d0, d1)
    TEST_V0(12, 0xbbbbbbbb, fmov s0, s1)
    TEST_V0(13, 0x2aaaaaaabbbbbbbb, fabs d0, d1)
    TEST_V0(14, 0x3bbbbbbb, fabs s0, s1)
    TEST_V0(15, 0x2aaaaaaabbbbbbbb, fneg d0, d1; fneg d0, d0; fneg d0, d0)
    TEST_V0(16, 0x3bbbbbbb, fneg s0, s1)
    TEST_V0(17, 0x7ff0000000000001, LI(x1, 0xfff0000000000001); fmov d1, x1; fabs d0, d1)
    TEST_V0(18, 0xff800001, LI(x1, 0x7f800001); fmov s1, w1; fneg s0, s1)
    TEST_V0(19, 0x8000000000000000, fmov d1, xzr; fneg d0, d1)
    TEST_V0(20, 0x7ff0000000000001, LI(x1, 0x7ff0000000000001); fmov d1, x1; fmov d0, d1)
    SET_FPCR(0x1000000) /* FZ: moves and sign operations do not flush */
    TEST_V0(21, 0x0000000000000001, LI(x1, 0x8000000000000001); fmov d1, x1; fabs d0, d1)
    TEST_V0(22, 0x80000001, LI(x1, 0x00000001); fmov s1, w1; fneg s0, s1)
    TEST_V0(23, 0x00000001, LI(x1, 0x00000001); fmov s1, w1; fmov s0, s1)
    SET_FPCR(0)
    /* FMOV immediate */
    TEST_IMM_D(24, 0x3ff0000000000000, #1.0)
    TEST_IMM_S(25, 0xbe000000, #-0.125)
    TEST_IMM_D(26, 0x403f000000000000, #31.0)
    TEST_IMM_S(27, 0x3f000000, #0.5)
    TEST_IMM_D(28, 0xc000000000000000, #-2.0)
    TEST_IMM_S(29, 0x3ff80000, #1.9375)
    TEST_IMM_D(30, 0x3fc0000000000000, #0.125)
    TEST_IMM_S(31, 0x41800000, #16.0)
    TEST_IMM_D(32, 0xc03f000000000000, #-31.0)
    TEST_IMM_S(33, 0x41f80000, #31.0)
    TEST_IMM_D(34, 0x3ffc000000000000, #1.75)
    TEST_IMM_S(35, 0x3e000000, #0.125)
    /* FPCR and FPSR read back */
    TEST_CASE(36, x0, 0x07c00000, LI(x1, 0x07c00000); msr fpcr, x1; mrs x0, fpcr)
    TEST_CASE(37, x0, 0, msr fpcr, xzr; mrs x0, fpcr)
    TEST_CASE(38, x0, 0x9f, mov x1, #0x9f; msr fpsr, x1; mrs x0, fpsr)
    TEST_CASE(39, x0, 0x08000080, LI(x1, 0x08000080); msr fpsr, x1; mrs x0, fpsr)
    TEST_CASE(40, x0, 0, msr fpsr, xzr; mrs x0, fpsr)
    /* flags written by MSR accrue with the operations' flags */
    mov x28, #41
    mov x1, #0x80
    msr fpsr, x1
    fmov d1, #1.0
    fmov d2, #3.0
    fdiv d0, d1, d2
    mrs x0, fpsr
    CHECK(x0, 0x90)
    msr fpsr, xzr
    /* UNDEFINED encodings */
    TEST_TRAP(42, UNDEF, .inst 0x1ee22820)      /* fadd h0, h1, h2 */
    TEST_TRAP(43, UNDEF, .inst 0x1ee70020)      /* fmov h0, w1 */
    TEST_TRAP(44, UNDEF, .inst 0x1ee20c20)      /* fcsel h0, h1, h2, eq */
    TEST_TRAP(45, UNDEF, .inst 0x1ee22020)      /* fcmp h1, h2 */
    TEST_TRAP(46, UNDEF, .inst 0x1ef80020)      /* fcvtzs w0, h1 */
    TEST_TRAP(47, UNDEF, .inst 0x1ee20020)      /* scvtf h0, w1 */
    TEST_TRAP(48, UNDEF, .inst 0x1e284020)      /* frint32z s0, s1 */
    TEST_TRAP(49, UNDEF, .inst 0x1e7e0020)      /* fjcvtzs w0, d1 */
    TEST_TRAP(50, UNDEF, .inst 0x1fc20c20)      /* fmadd h0, h1, h2, h3 */
    TEST_TRAP(51, UNDEF, .inst 0x1ee1c020)      /* fsqrt h0, h1 */
    TEST_TRAP(52, UNDEF, .inst 0x1ee44020)      /* frintn h0, h1 */
    TEST_TRAP(53, UNDEF, .inst 0x1eee1000)      /* fmov h0, #1.0 */
    TEST_TRAP(54, UNDEF, .inst 0x1ea22820)      /* fadd, ftype 0b10 */
    TEST_TRAP(55, UNDEF, .inst 0x9e622820)      /* fadd d0, d1, d2 with M = 1 */
    TEST_TRAP(56, UNDEF, .inst 0x3e622820)      /* ... with S = 1 */
    TEST_TRAP(57, UNDEF, .inst 0x1e224020)      /* fcvt s0, s1 */
    TEST_TRAP(58, UNDEF, .inst 0x1e622021)      /* fcmp d1, d2 with opc2<0> set */
    TEST_TRAP(59, UNDEF, .inst 0x1e6e1020)      /* fmov d0, #1.0 with imm5 = 1 */
    TEST_TRAP(60, UNDEF, .inst 0x1e580020)      /* fcvtzs w0, d1, #64 (scale 0) */
    TEST_TRAP(61, UNDEF, .inst 0x1e62a820)      /* 2-source opcode 0b1010 */
    TEST_TRAP(62, UNDEF, .inst 0x1e66c020)      /* 1-source opcode 0b001101 (frint 13) */
    TEST_TRAP(63, UNDEF, .inst 0x1e660020)      /* fmov x/w: sf 0 with double */
    TEST_TRAP(64, UNDEF, .inst 0x9e260020)      /* fmov: sf 1 with single */
    TEST_TRAP(65, UNDEF, .inst 0x1e6a0020)      /* scvtf with rmode 01 */
    /* CPACR_EL1.FPEN = 0: FP instructions trap with EC 0x07, UNDEFINED ones stay UNDEFINED */
    msr cpacr_el1, xzr
    isb
    TEST_TRAP(66, FPTRAP, fadd d0, d1, d2)
    TEST_TRAP(67, FPTRAP, fmov x0, d1)
    TEST_TRAP(68, FPTRAP, fmov d0, #1.0)
    TEST_TRAP(69, FPTRAP, fcmp d1, d2)
    TEST_TRAP(70, FPTRAP, scvtf d0, x1)
    TEST_TRAP(71, UNDEF, .inst 0x1ee22820)
    mov x0, #(3 << 20)
    msr cpacr_el1, x0
    isb
    TEST_CASE(72, x0, 0x3ff0000000000000, fmov d0, #1.0; fmov x0, d0)
    TEST_END
