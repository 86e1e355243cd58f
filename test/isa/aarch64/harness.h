/*
 * test/isa/aarch64/harness.h — shared harness for the bare-metal aarch64 ISA tests.
 *
 * A test is a preprocessed assembly file:
 *
 *     #include "harness.h"
 *     TEST_BEGIN
 *         TEST_CASE(1, x0, 3, mov x1, #1; mov x2, #2; add x0, x1, x2)
 *         ...
 *     TEST_END
 *
 * It runs as `EMULATOR -M virt -cpu cortex-a57 -semihosting -kernel X.elf -nographic`: QEMU's
 * virt enters the ELF at its entry point in EL1h (SP_EL1), MMU and caches off, with only CPU 0
 * running (the others wait for PSCI CPU_ON).  MMU off means every data access is to Device
 * memory: tests keep their accesses naturally aligned and use no DC ZVA.
 *
 * The verdict is the emulator's exit status, through Arm semihosting (HLT #0xf000 with w0 =
 * the operation): SYS_EXIT (0x18) with x1 -> { ADP_Stopped_ApplicationExit (0x20026), status }.
 * Status 0 = pass; N = the number of the failing check (x28 when it failed; 255 if that is 0
 * or > 255).  On failure "FAIL test N" (and, for an unexpected exception, ESR/ELR/FAR/SPSR and
 * the vector) goes out through SYS_WRITE0 (QEMU prints it on stderr).  A passing test prints
 * nothing.
 *
 * Register conventions:
 *   x28           the current check number (set by TEST_NUM / TEST_CASE)
 *   x26, x27      harness scratch: clobbered by every CHECK* macro and by the exception handler
 *   sp            SP_EL1: the top of a 16 KiB stack; SP_EL0 has its own 16 KiB (_stack_el0_top)
 * Everything else belongs to the test.  The CHECK macros do not change NZCV (they compare with
 * sub + cbnz), so flags can be checked in any order.  Comments: // or C comments (the file goes
 * through cpp); ';' separates instructions in one macro argument.
 *
 * State at test_main: EL1h, DAIF all masked, NZCV = 0, FP/SIMD enabled at EL1 and EL0
 * (CPACR_EL1.FPEN = 3), VBAR_EL1 = the harness's vector table, x0-x27 = 0.
 *
 * Expected exceptions: TRAP_EXPECT arms a one-shot flag and sets the recorded ESR to -1; the
 * next exception records ESR_EL1, ELR_EL1, FAR_EL1, SPSR_EL1 and the vector's offset in the
 * table (0x000 sync from EL1 with SP_EL0, 0x200 sync from EL1 with SP_EL1, 0x400 sync from
 * EL0 in AArch64; +0x80 IRQ, +0x100 FIQ, +0x180 SError) in trap_esr/elr/far/spsr/vector,
 * disarms the flag and returns: after SVC/HVC/SMC (whose ELR already points past them) to ELR,
 * after any other exception to ELR + 4, with SPSR as it was — or, after
 * TRAP_EXPECT_RESUME(label), to `label` in EL1h with DAIF masked (for exceptions from EL0, or
 * whose ELR cannot be returned to: PC alignment faults).  Any exception while the flag is not
 * armed fails the test.
 */
#ifndef TEST_ISA_AARCH64_HARNESS_H
#define TEST_ISA_AARCH64_HARNESS_H

/* Arm semihosting (Arm IHI 0003): operations in w0, the parameter block in x1 */
#define SEMI_SYS_WRITE0 0x04
#define SEMI_SYS_EXIT   0x18
#define ADP_Stopped_ApplicationExit 0x20026
#define SEMIHOST        hlt #0xf000

/* ESR_EL1 exception classes (ESR bits 31:26) */
#define EC_UNKNOWN     0x00
#define EC_FP_ACCESS   0x07
#define EC_ILLEGAL     0x0e
#define EC_SVC64       0x15
#define EC_HVC64       0x16
#define EC_SYSREG      0x18
#define EC_IABT_LOW    0x20
#define EC_IABT_CUR    0x21
#define EC_PC_ALIGN    0x22
#define EC_DABT_LOW    0x24
#define EC_DABT_CUR    0x25
#define EC_SP_ALIGN    0x26
#define EC_BRK64       0x3c
#define ESR_IL         (1 << 25)
/* ESR value of a 32-bit instruction's exception: EC, IL = 1, ISS */
#define ESR(ec, iss)   (((ec) << 26) | ESR_IL | (iss))

/* vector offsets (trap_vector) */
#define VEC_CUR_SP0_SYNC 0x000
#define VEC_CUR_SPX_SYNC 0x200
#define VEC_LOW64_SYNC   0x400

/* PSTATE / SPSR fields */
#define PSR_N 0x80000000
#define PSR_Z 0x40000000
#define PSR_C 0x20000000
#define PSR_V 0x10000000
#define PSR_D 0x200
#define PSR_A 0x100
#define PSR_I 0x80
#define PSR_F 0x40
#define PSR_DAIF 0x3c0
#define PSR_EL0t 0x0
#define PSR_EL1t 0x4
#define PSR_EL1h 0x5

/* flag nibbles for SET_NZCV / CHECK_NZCV: N Z C V = 8 4 2 1 */
#define FN 8
#define FZ 4
#define FC 2
#define FV 1

/* ---- test structure ---- */
#define TEST_BEGIN  .text; .balign 4; .globl test_main; test_main:
#define TEST_END    b pass
#define TEST_NUM(n) mov x28, #(n)
#define PASS        b pass
#define FAIL        b fail

/* ---- checks (clobber x26/x27, keep NZCV) ---- */
/* 64-bit reg (x0..x26: not x27, the scratch, nor sp) must equal the 64-bit constant val */
#define CHECK(reg, val)     ldr x27, =(val); sub x27, reg, x27; cbnz x27, fail
/* 32-bit reg (w0..w26) must equal the 32-bit constant val (bits 63:32 of the x register are
   not looked at: use CHECK on the x register to check a W write's zero extension) */
#define CHECKW(reg, val)    ldr w27, =(val); sub w27, reg, w27; cbnz w27, fail
/* two 64-bit registers equal */
#define CHECK_REG(a, b)     sub x27, a, b; cbnz x27, fail
/* reg must equal the address of a label/symbol */
#define CHECK_LABEL(reg, sym) adr x27, sym; sub x27, reg, x27; cbnz x27, fail
/* NZCV must be the nibble f (FN|FZ|FC|FV) */
#define CHECK_NZCV(f)       mrs x27, nzcv; lsr x27, x27, #28; sub x27, x27, #(f); cbnz x27, fail
#define SET_NZCV(f)         mov x27, #((f) << 28); msr nzcv, x27
/* load a 64-bit constant */
#define LI(reg, val)        ldr reg, =(val)
/* run code (';'-separated instructions), then check reg == val as check number n */
#define TEST_CASE(n, reg, val, ...) mov x28, #(n); __VA_ARGS__; CHECK(reg, val)

/* register-register op on X: x0 = op(x1, x2) */
#define TEST_RR(n, op, result, v1, v2) \
    mov x28, #(n); ldr x1, =(v1); ldr x2, =(v2); op x0, x1, x2; CHECK(x0, result)
/* the same on W: w0 = op(w1, w2); x0 must be the zero-extended 32-bit result, whatever the
   upper halves of x1/x2 (give them junk) */
#define TEST_RR_W(n, op, result, v1, v2) \
    mov x28, #(n); ldr x1, =(v1); ldr x2, =(v2); op w0, w1, w2; CHECK(x0, result)
/* flag-setting register-register op: NZCV set to the complement of the expected flags first,
   so every flag must be written */
#define TEST_RR_FLAGS(n, op, result, flags, v1, v2) \
    mov x28, #(n); ldr x1, =(v1); ldr x2, =(v2); SET_NZCV((~(flags)) & 15); op x0, x1, x2; \
    CHECK_NZCV(flags); CHECK(x0, result)
#define TEST_RR_W_FLAGS(n, op, result, flags, v1, v2) \
    mov x28, #(n); ldr x1, =(v1); ldr x2, =(v2); SET_NZCV((~(flags)) & 15); op w0, w1, w2; \
    CHECK_NZCV(flags); CHECK(x0, result)
/* op with carry in: NZCV = cin first (FC or 0) */
#define TEST_RR_CIN(n, op, result, cin, v1, v2) \
    mov x28, #(n); ldr x1, =(v1); ldr x2, =(v2); SET_NZCV(cin); op x0, x1, x2; CHECK(x0, result)
#define TEST_RR_CIN_FLAGS(n, op, result, flags, cin, v1, v2) \
    mov x28, #(n); ldr x1, =(v1); ldr x2, =(v2); SET_NZCV(cin); op x0, x1, x2; \
    CHECK_NZCV(flags); CHECK(x0, result)
#define TEST_RR_W_CIN_FLAGS(n, op, result, flags, cin, v1, v2) \
    mov x28, #(n); ldr x1, =(v1); ldr x2, =(v2); SET_NZCV(cin); op w0, w1, w2; \
    CHECK_NZCV(flags); CHECK(x0, result)
/* one-source op: x0 = op(x1) / w0 = op(w1) */
#define TEST_R(n, op, result, v1) \
    mov x28, #(n); ldr x1, =(v1); op x0, x1; CHECK(x0, result)
#define TEST_R_W(n, op, result, v1) \
    mov x28, #(n); ldr x1, =(v1); op w0, w1; CHECK(x0, result)
/* three-source op: x0 = op(x1, x2, x3) */
#define TEST_RRR(n, op, result, v1, v2, v3) \
    mov x28, #(n); ldr x1, =(v1); ldr x2, =(v2); ldr x3, =(v3); op x0, x1, x2, x3; CHECK(x0, result)

/* ---- expected exceptions ---- */
#define TRAP_EXPECT \
    adr x26, trap_expected; mov x27, #1; str x27, [x26]; mov x27, #-1; str x27, [x26, #8]; \
    str xzr, [x26, #40]
#define TRAP_EXPECT_RESUME(label) \
    TRAP_EXPECT; adr x27, label; str x27, [x26, #40]
#define CHECK_TRAP_ESR(v)         ldr x26, trap_esr; CHECK(x26, v)
#define CHECK_TRAP_ELR(sym)       ldr x26, trap_elr; CHECK_LABEL(x26, sym)
#define CHECK_TRAP_ELR_REG(r)     ldr x26, trap_elr; CHECK_REG(x26, r)
#define CHECK_TRAP_FAR(v)         ldr x26, trap_far; CHECK(x26, v)
#define CHECK_TRAP_FAR_REG(r)     ldr x26, trap_far; CHECK_REG(x26, r)
#define CHECK_TRAP_SPSR(v)        ldr x26, trap_spsr; CHECK(x26, v)
#define CHECK_TRAP_VECTOR(v)      ldr x26, trap_vector; CHECK(x26, v)
/* the armed exception must not have happened */
#define CHECK_NO_TRAP             ldr x26, trap_expected; sub x26, x26, #1; cbnz x26, fail; \
    adr x26, trap_expected; str xzr, [x26]
/* check n: the single instruction (the variadic argument) must take a synchronous exception
   to the EL1/SP_EL1 vector with ESR_EL1 = esr and ELR_EL1 = its address */
#define TEST_TRAP(n, esr, ...) \
    mov x28, #(n); TRAP_EXPECT; 55554: __VA_ARGS__; CHECK_TRAP_ESR(esr); CHECK_TRAP_ELR(55554b); \
    CHECK_TRAP_VECTOR(VEC_CUR_SPX_SYNC)

/* ---- output (clobbers x0, x1) ---- */
/* print a string literal through semihosting SYS_WRITE0 */
#define PRINT(str) \
    .pushsection .rodata; 55555: .asciz str; .popsection; adr x1, 55555b; \
    mov w0, #SEMI_SYS_WRITE0; SEMIHOST

/* ------------------------------------------------------------------------------------------ */
/* The harness code itself: entry, vectors, pass/fail, output helpers. */

    .section .text.init, "ax"
    .balign 4
    .globl _start
_start:
    msr daifset, #0xf
    adr x0, vectors
    msr vbar_el1, x0
    mov x0, #(3 << 20)          /* CPACR_EL1.FPEN = 0b11: FP/SIMD at EL1 and EL0 */
    msr cpacr_el1, x0
    isb
    adr x0, _stack_el0_top
    msr sp_el0, x0
    adr x0, _stack_top
    mov sp, x0
    msr nzcv, xzr
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
    mov x\r, #0
    .endr
    b test_main

/* The vector table: 16 entries of 0x80 bytes, 2 KiB aligned.  Each records its offset in x27
   and joins the common handler. */
    .balign 2048
vectors:
    .irp off, 0x000,0x080,0x100,0x180,0x200,0x280,0x300,0x380,0x400,0x480,0x500,0x580,0x600,0x680,0x700,0x780
    .balign 128
    mov x27, #\off
    b _exception
    .endr

_exception:
    adr x26, trap_vector
    str x27, [x26]
    adr x26, trap_expected
    ldr x27, [x26]
    cbz x27, _unexpected
    str xzr, [x26]
    mrs x27, esr_el1
    str x27, [x26, #8]
    mrs x27, elr_el1
    str x27, [x26, #16]
    mrs x27, far_el1
    str x27, [x26, #24]
    mrs x27, spsr_el1
    str x27, [x26, #32]
    ldr x27, [x26, #40]
    cbnz x27, 2f
    /* return: after SVC/HVC/SMC to ELR (already past the instruction), else to ELR + 4 */
    mrs x27, esr_el1
    lsr x27, x27, #26
    sub x27, x27, #EC_SVC64
    cmp x27, #2
    b.ls 1f
    mrs x27, elr_el1
    add x27, x27, #4
    msr elr_el1, x27
1:  eret
2:  /* resume at the given label in EL1h with DAIF masked */
    str xzr, [x26, #40]
    msr elr_el1, x27
    mov x27, #(PSR_DAIF | PSR_EL1h)
    msr spsr_el1, x27
    eret

_unexpected:
    adr x1, _msg_exc
    bl _puts
    mrs x0, esr_el1
    bl _puthex
    adr x1, _msg_elr
    bl _puts
    mrs x0, elr_el1
    bl _puthex
    adr x1, _msg_far
    bl _puts
    mrs x0, far_el1
    bl _puthex
    adr x1, _msg_spsr
    bl _puts
    mrs x0, spsr_el1
    bl _puthex
    adr x1, _msg_vec
    bl _puts
    ldr x0, trap_vector
    bl _puthex
    adr x1, _msg_nl
    bl _puts
    /* fall through */
    .globl fail
fail:
    msr daifset, #0xf
    adr x0, _stack_top          /* the test may have left sp anywhere (or on SP_EL0) */
    msr spsel, #1
    mov sp, x0
    adr x1, _msg_fail
    bl _puts
    mov x0, x28
    bl _putdec
    adr x1, _msg_nl
    bl _puts
    mov x0, x28
    cbz x0, 1f
    cmp x0, #255
    b.ls 2f
1:  mov x0, #255
2:  b _exit

    .globl pass
pass:
    mov x0, #0
    /* fall through */
_exit:                          /* x0 = status; does not return */
    adr x1, _exit_block
    ldr x2, =ADP_Stopped_ApplicationExit
    str x2, [x1]
    str x0, [x1, #8]
    mov w0, #SEMI_SYS_EXIT
    SEMIHOST
3:  wfi
    b 3b

/* Output helpers, used on the way to failing (clobber x0-x6; x1 = the string for _puts; they
   keep their return address in x5 around the semihosting call). */
_puts:                          /* x1 = NUL-terminated string */
    mov w0, #SEMI_SYS_WRITE0
    SEMIHOST
    ret
_puthex:                        /* x0 = value, printed as 0x + 16 hex digits */
    mov x5, x30
    adr x1, _numbuf
    mov w2, #'0'
    strb w2, [x1]
    mov w2, #'x'
    strb w2, [x1, #1]
    mov x3, #60
    add x4, x1, #2
1:  lsr x2, x0, x3
    and x2, x2, #15
    cmp x2, #10
    add x2, x2, #'0'
    b.lo 2f
    add x2, x2, #('a' - '0' - 10)
2:  strb w2, [x4], #1
    subs x3, x3, #4
    b.ge 1b
    strb wzr, [x4]
    bl _puts
    mov x30, x5
    ret
_putdec:                        /* x0 = value < 1000 (larger ones print as 999) */
    mov x5, x30
    mov x2, #999
    cmp x0, x2
    csel x0, x0, x2, ls
    adr x1, _numbuf
    add x4, x1, #4
    strb wzr, [x4]
    mov x3, #10
1:  udiv x2, x0, x3
    msub x6, x2, x3, x0
    add x6, x6, #'0'
    strb w6, [x4, #-1]!
    mov x0, x2
    cbnz x0, 1b
    mov x1, x4
    bl _puts
    mov x30, x5
    ret

    .section .rodata
_msg_fail: .asciz "FAIL test "
_msg_exc:  .asciz "unexpected exception: ESR_EL1="
_msg_elr:  .asciz " ELR_EL1="
_msg_far:  .asciz " FAR_EL1="
_msg_spsr: .asciz " SPSR_EL1="
_msg_vec:  .asciz " vector="
_msg_nl:   .asciz "\n"

    .data
    .balign 8
    .globl trap_expected, trap_esr, trap_elr, trap_far, trap_spsr, trap_resume, trap_vector
trap_expected: .dword 0        /* [x26] */
trap_esr:      .dword 0        /* 8 */
trap_elr:      .dword 0        /* 16 */
trap_far:      .dword 0        /* 24 */
trap_spsr:     .dword 0        /* 32 */
trap_resume:   .dword 0        /* 40 */
trap_vector:   .dword 0        /* the vector's offset, for every exception */
_exit_block:   .dword 0, 0
_numbuf:       .space 24

    .text
#endif
