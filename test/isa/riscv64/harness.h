/*
 * test/isa/riscv64/harness.h — shared harness for the bare-metal riscv64 ISA tests.
 *
 * A test is a preprocessed assembly file:
 *
 *     #include "harness.h"
 *     TEST_BEGIN
 *         TEST_CASE(1, a0, 3, li a1, 1; li a2, 2; add a0, a1, a2)
 *         ...
 *     TEST_END
 *
 * It runs on `-M virt -bios none -kernel X.elf` in M-mode and ends by writing the SiFive test
 * device at 0x100000: 0x5555 = pass, (N << 16) | 0x3333 = fail with status N, where N is the
 * number of the failing check (the value of gp when it failed; 255 if that is 0 or > 255).
 * On failure a line "FAIL test N" (and, for an unexpected trap, mcause/mepc/mtval) goes to the
 * 16550 UART at 0x10000000.  A passing test prints nothing.  Only hart 0 runs the test; the
 * other harts park in wfi, unless the test is an SMP test (it includes smp.h, see there).
 *
 * Register conventions:
 *   gp (x3)       the current check number (set by TEST_NUM / TEST_CASE)
 *   t5, t6        harness scratch: clobbered by every CHECK* macro and by the trap handler
 *   sp            points at the top of a 16 KiB stack (tests may use it freely)
 * Everything else belongs to the test.  Comments in tests: use // or C comments (the file goes
 * through cpp, so '#' comments are not safe).
 *
 * Expected traps: TRAP_EXPECT arms a one-shot flag and sets the recorded cause to -1; the next
 * trap records mcause/mepc/mtval (trap_cause/trap_epc/trap_tval), disarms the flag, and
 * returns past the faulting instruction (2 or 4 bytes, judged by its low bits) — or, if
 * TRAP_EXPECT_RESUME(label) was used, to `label` in M-mode (MPP set to M, MPIE cleared so
 * mstatus.MIE is 0 there), for traps where the faulting pc cannot be read or returned to
 * (instruction access faults, traps from U-mode, interrupts).  mstatus at trap entry is
 * recorded in trap_status.  Any trap while the flag is not armed fails the test.
 */
#ifndef TEST_ISA_RISCV64_HARNESS_H
#define TEST_ISA_RISCV64_HARNESS_H

#define TEST_DEVICE 0x100000
#define UART0       0x10000000

/* mcause values */
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL_INSN     2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11

/* mstatus bits */
#define MSTATUS_MIE  0x8
#define MSTATUS_MPIE 0x80
#define MSTATUS_MPP  0x1800
#define MSTATUS_FS   0x6000
#define MSTATUS_SD   0x8000000000000000

/* fflags bits */
#define FF_NX 0x01
#define FF_UF 0x02
#define FF_OF 0x04
#define FF_DZ 0x08
#define FF_NV 0x10

/* rounding modes */
#define RM_RNE 0
#define RM_RTZ 1
#define RM_RDN 2
#define RM_RUP 3
#define RM_RMM 4
#define RM_DYN 7

/* ---- test structure ---- */
/* test bodies are assembled without compressed instructions (rv64c.S turns them back on with
   .option rvc) so the base encodings are what gets tested */
#define TEST_BEGIN  .text; .balign 4; .option norvc; .globl test_main; test_main:
#define TEST_END    j pass
#define TEST_NUM(n) li gp, n
#define PASS        j pass
#define FAIL        j fail

/* ---- checks (clobber t5/t6) ---- */
/* reg must equal the (64-bit) constant val; reg must not be t6 */
#define CHECK(reg, val)     li t6, val; beq reg, t6, 55551f; j fail; 55551:
/* two registers equal */
#define CHECK_REG(a, b)     beq a, b, 55552f; j fail; 55552:
/* reg must equal the address of a label/symbol */
#define CHECK_LABEL(reg, sym) la t6, sym; beq reg, t6, 55553f; j fail; 55553:
/* run code (semicolon-separated instructions), then check reg == val as check number n */
#define TEST_CASE(n, reg, val, ...) li gp, n; __VA_ARGS__; CHECK(reg, val)

/* register-register op: rd = a0, rs1 = a1, rs2 = a2 */
#define TEST_RR(n, op, result, v1, v2) \
    li gp, n; li a1, v1; li a2, v2; op a0, a1, a2; CHECK(a0, result)
/* register-immediate op: rd = a0, rs1 = a1 */
#define TEST_RI(n, op, result, v1, imm) \
    li gp, n; li a1, v1; op a0, a1, imm; CHECK(a0, result)
/* the same with rd == rs1 (and rd == rs2 / rs1 == rs2 for TEST_RR_SRC) */
#define TEST_RR_RD1(n, op, result, v1, v2) \
    li gp, n; li a1, v1; li a2, v2; op a1, a1, a2; CHECK(a1, result)
#define TEST_RR_RD2(n, op, result, v1, v2) \
    li gp, n; li a1, v1; li a2, v2; op a2, a1, a2; CHECK(a2, result)
#define TEST_RR_SAME(n, op, result, v1) \
    li gp, n; li a1, v1; op a0, a1, a1; CHECK(a0, result)
#define TEST_RI_RD1(n, op, result, v1, imm) \
    li gp, n; li a1, v1; op a1, a1, imm; CHECK(a1, result)

/* ---- floating point ---- */
#define CLEAR_FFLAGS        csrw fflags, x0
#define CHECK_FFLAGS(val)   csrr t5, fflags; CHECK(t5, val)
/* single in an f register: must be NaN-boxed and have the given 32-bit pattern */
#define CHECK_FREG_S(f, bits) fmv.x.d t5, f; CHECK(t5, (0xffffffff00000000 | (bits)))
#define CHECK_FREG_D(f, bits) fmv.x.d t5, f; CHECK(t5, bits)
/* load a bit pattern into an f register (single patterns are NaN-boxed) */
#define LOAD_S(f, bits)     li t5, (0xffffffff00000000 | (bits)); fmv.d.x f, t5
#define LOAD_D(f, bits)     li t5, bits; fmv.d.x f, t5
/*
 * check number n: clear fflags, run code, check f register result bits and fflags.
 */
#define TEST_FP_S(n, f, bits, flags, ...) \
    li gp, n; CLEAR_FFLAGS; __VA_ARGS__; CHECK_FREG_S(f, bits); CHECK_FFLAGS(flags)
#define TEST_FP_D(n, f, bits, flags, ...) \
    li gp, n; CLEAR_FFLAGS; __VA_ARGS__; CHECK_FREG_D(f, bits); CHECK_FFLAGS(flags)
#define TEST_FP_X(n, reg, val, flags, ...) \
    li gp, n; CLEAR_FFLAGS; __VA_ARGS__; CHECK(reg, val); CHECK_FFLAGS(flags)

/* ---- expected traps ---- */
#define TRAP_EXPECT \
    la t6, trap_expected; li t5, 1; sd t5, 0(t6); li t5, -1; sd t5, 8(t6); sd zero, 32(t6)
#define TRAP_EXPECT_RESUME(label) \
    TRAP_EXPECT; la t5, label; sd t5, 32(t6)
#define CHECK_TRAP_CAUSE(c)       ld t5, trap_cause; CHECK(t5, c)
#define CHECK_TRAP_EPC(sym)       ld t5, trap_epc; CHECK_LABEL(t5, sym)
#define CHECK_TRAP_EPC_REG(r)     ld t5, trap_epc; CHECK_REG(t5, r)
#define CHECK_TRAP_TVAL(v)        ld t5, trap_tval; CHECK(t5, v)
#define CHECK_TRAP_TVAL_LABEL(sym) ld t5, trap_tval; CHECK_LABEL(t5, sym)
#define CHECK_TRAP_TVAL_REG(r)    ld t5, trap_tval; CHECK_REG(t5, r)
/* mstatus.MPP at trap entry (the privilege the trap came from) */
#define CHECK_TRAP_MPP(p)         ld t5, trap_status; srli t5, t5, 11; andi t5, t5, 3; CHECK(t5, p)
/* the armed trap must not have happened */
#define CHECK_NO_TRAP             ld t5, trap_expected; CHECK(t5, 1); la t6, trap_expected; sd zero, 0(t6)
/*
 * check number n: the single instruction (the variadic argument) must trap with mcause = cause, mepc = its
 * address, and mtval = tval.
 */
#define TEST_TRAP(n, cause, tval, ...) \
    li gp, n; TRAP_EXPECT; 55554: __VA_ARGS__; CHECK_TRAP_CAUSE(cause); CHECK_TRAP_EPC(55554b); \
    CHECK_TRAP_TVAL(tval)
/* as TEST_TRAP, without checking mtval */
#define TEST_TRAP_NOTVAL(n, cause, ...) \
    li gp, n; TRAP_EXPECT; 55555: __VA_ARGS__; CHECK_TRAP_CAUSE(cause); CHECK_TRAP_EPC(55555b)

/* ---- privileged architecture: S-mode, U-mode, delegation, paging (macros only) ---- */
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15
#define IRQ_BIT                0x8000000000000000

#define MSTATUS_SIE  0x2
#define MSTATUS_SPIE 0x20
#define MSTATUS_SPP  0x100
#define MSTATUS_MPP_S 0x800
#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_SUM  (1 << 18)
#define MSTATUS_MXR  (1 << 19)
#define MSTATUS_TVM  (1 << 20)
#define MSTATUS_TW   (1 << 21)
#define MSTATUS_TSR  (1 << 22)

/* PMP entry 0 = all of memory, RWX, NAPOT (S- and U-mode can then access everything) */
#define PMP_ALLOW_ALL  li t5, -1; csrw pmpaddr0, t5; li t5, 0x1f; csrw pmpcfg0, t5
/* mret to label in S-mode / U-mode (clobbers t5; returns to M only through a trap) */
#define ENTER_S(label) \
    la t5, label; csrw mepc, t5; li t5, MSTATUS_MPP; csrc mstatus, t5; li t5, MSTATUS_MPP_S; \
    csrs mstatus, t5; mret
#define ENTER_U(label) \
    la t5, label; csrw mepc, t5; li t5, MSTATUS_MPP; csrc mstatus, t5; mret

/*
 * S-mode trap handler.  A test that wants S-mode traps instantiates S_TRAP_HANDLER once (after
 * TEST_END) and points stvec at s_trap_handler.  It mirrors the M-mode handler: STRAP_EXPECT
 * arms a one-shot flag; the next S-mode trap records scause/sepc/stval/sstatus
 * (strap_cause/strap_epc/strap_tval/strap_status), disarms it and returns past the faulting
 * instruction (read through the handler's own translation, so the faulting instruction must be
 * readable by S-mode there) — or, after STRAP_EXPECT_RESUME(label), resumes at label in S-mode
 * (SPP = S, SPIE cleared so sstatus.SIE is 0 there).  An S-mode trap while the flag is not
 * armed turns translation off (csrw satp, zero) and fails the test through `fail` (printing
 * scause/sepc/stval), so S-mode code must be identity-mapped wherever it can fail.
 */
#define STRAP_EXPECT \
    la t6, strap_expected; li t5, 1; sd t5, 0(t6); li t5, -1; sd t5, 8(t6); sd zero, 32(t6)
#define STRAP_EXPECT_RESUME(label) \
    STRAP_EXPECT; la t5, label; sd t5, 32(t6)
#define CHECK_STRAP_CAUSE(c)       ld t5, strap_cause; CHECK(t5, c)
#define CHECK_STRAP_EPC(sym)       ld t5, strap_epc; CHECK_LABEL(t5, sym)
#define CHECK_STRAP_EPC_REG(r)     ld t5, strap_epc; CHECK_REG(t5, r)
#define CHECK_STRAP_TVAL(v)        ld t5, strap_tval; CHECK(t5, v)
#define CHECK_STRAP_TVAL_LABEL(sym) ld t5, strap_tval; CHECK_LABEL(t5, sym)
#define CHECK_STRAP_TVAL_REG(r)    ld t5, strap_tval; CHECK_REG(t5, r)
/* sstatus.SPP at trap entry (0 = from U, 1 = from S) */
#define CHECK_STRAP_SPP(p)         ld t5, strap_status; srli t5, t5, 8; andi t5, t5, 1; CHECK(t5, p)
#define CHECK_NO_STRAP             ld t5, strap_expected; CHECK(t5, 1); la t6, strap_expected; sd zero, 0(t6)
/* as TEST_TRAP / TEST_TRAP_NOTVAL, for a trap taken in S-mode */
#define TEST_STRAP(n, cause, tval, ...) \
    li gp, n; STRAP_EXPECT; 55556: __VA_ARGS__; CHECK_STRAP_CAUSE(cause); CHECK_STRAP_EPC(55556b); \
    CHECK_STRAP_TVAL(tval)
#define TEST_STRAP_NOTVAL(n, cause, ...) \
    li gp, n; STRAP_EXPECT; 55557: __VA_ARGS__; CHECK_STRAP_CAUSE(cause); CHECK_STRAP_EPC(55557b)

#define S_TRAP_HANDLER \
    .text; .balign 4; .globl s_trap_handler; \
s_trap_handler: \
    la t6, strap_expected; ld t5, 0(t6); beqz t5, 55559f; sd zero, 0(t6); \
    csrr t5, scause; sd t5, 8(t6); csrr t5, sepc; sd t5, 16(t6); csrr t5, stval; sd t5, 24(t6); \
    csrr t5, sstatus; sd t5, 40(t6); ld t5, 32(t6); bnez t5, 55558f; \
    csrr t6, sepc; lhu t5, 0(t6); andi t5, t5, 3; addi t6, t6, 2; addi t5, t5, -3; \
    bnez t5, 55560f; addi t6, t6, 2; \
55560: csrw sepc, t6; sret; \
55558: sd zero, 32(t6); csrw sepc, t5; li t5, MSTATUS_SPP; csrs sstatus, t5; \
    li t5, MSTATUS_SPIE; csrc sstatus, t5; sret; \
55559: csrw satp, zero; sfence.vma; \
    la a0, _msg_strap; call _puts; csrr a0, scause; call _puthex; la a0, _msg_epc; call _puts; \
    csrr a0, sepc; call _puthex; la a0, _msg_tval; call _puts; csrr a0, stval; call _puthex; \
    li a0, '\n'; call _putc; j fail; \
    .section .rodata; _msg_strap: .asciz "unexpected S trap: scause="; \
    .data; .balign 8; .globl strap_expected, strap_cause, strap_epc, strap_tval, strap_status; \
strap_expected: .dword 0; strap_cause: .dword 0; strap_epc: .dword 0; strap_tval: .dword 0; \
strap_resume: .dword 0; strap_status: .dword 0; \
    .text

/* ------------------------------------------------------------------------------------------ */
/* The harness code itself: entry, trap handler, pass/fail. */

    .option nopic               /* la = pc-relative address, not a GOT load */

    .section .text.init, "ax"
    .balign 4
    .globl _start
_start:
    csrr t0, mhartid
#ifdef SMP_HARTS
    bnez t0, _smp_secondary
#else
    bnez t0, _park
#endif
    la t0, trap_handler
    csrw mtvec, t0
    la sp, _stack_top
    li t0, MSTATUS_FS
    csrc mstatus, t0
    li t0, 0x2000               /* FS = Initial */
    csrs mstatus, t0
    csrwi fcsr, 0
    li gp, 0
    j test_main
_park:
    wfi
    j _park
#ifdef SMP_HARTS
/* SMP tests (smp.h defines SMP_HARTS): harts 1 .. SMP_HARTS-1 enter test_main too, in M-mode
   with mtvec = trap_handler, gp = 0, no stack (sp = 0) and fcsr/mstatus.FS as at reset; the
   test tells the harts apart by mhartid.  Harts from SMP_HARTS on park. */
_smp_secondary:
    li t1, SMP_HARTS
    bgeu t0, t1, _park
    la t0, trap_handler
    csrw mtvec, t0
    li sp, 0
    li gp, 0
    j test_main
#endif

    .balign 4
    .globl trap_handler
trap_handler:
    la t6, trap_expected
    ld t5, 0(t6)
    beqz t5, _unexpected_trap
    sd zero, 0(t6)
    csrr t5, mcause
    sd t5, 8(t6)
    csrr t5, mepc
    sd t5, 16(t6)
    csrr t5, mtval
    sd t5, 24(t6)
    csrr t5, mstatus
    sd t5, 40(t6)
    ld t5, 32(t6)
    bnez t5, 1f
    /* return past the faulting instruction: 4 bytes if its low two bits are 11, else 2 */
    csrr t6, mepc
    lhu t5, 0(t6)
    andi t5, t5, 3
    addi t6, t6, 2
    addi t5, t5, -3
    bnez t5, 2f
    addi t6, t6, 2
2:  csrw mepc, t6
    mret
1:  /* resume at a given label, in M-mode, with interrupts disabled (MIE = 0 after mret) */
    sd zero, 32(t6)
    csrw mepc, t5
    li t5, MSTATUS_MPP
    csrs mstatus, t5
    li t5, MSTATUS_MPIE
    csrc mstatus, t5
    mret

_unexpected_trap:
    la a0, _msg_trap
    call _puts
    csrr a0, mcause
    call _puthex
    la a0, _msg_epc
    call _puts
    csrr a0, mepc
    call _puthex
    la a0, _msg_tval
    call _puts
    csrr a0, mtval
    call _puthex
    li a0, '\n'
    call _putc
    /* fall through */
    .globl fail
fail:
    la a0, _msg_fail
    call _puts
    mv a0, gp
    call _putdec
    li a0, '\n'
    call _putc
    mv a0, gp
    li t0, 255
    beqz a0, 1f
    bleu a0, t0, 2f
1:  li a0, 255
2:  slli a0, a0, 16
    li t0, 0x3333
    or a0, a0, t0
    li t0, TEST_DEVICE
    sw a0, 0(t0)
3:  j 3b

    .globl pass
pass:
    li t0, TEST_DEVICE
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b

/* UART output helpers, used only on the way to failing (clobber a0-a5, t0-t2; _puts, _puthex
   and _putdec call _putc, so they keep their own return address in a5). */
_putc:                          /* a0 = byte */
    li t0, UART0
    li t2, 100000
1:  lbu t1, 5(t0)               /* LSR: wait for THR empty (bounded) */
    andi t1, t1, 0x20
    bnez t1, 2f
    addi t2, t2, -1
    bnez t2, 1b
2:  sb a0, 0(t0)
    ret
_puts:                          /* a0 = NUL-terminated string */
    mv a5, ra
    mv a4, a0
1:  lbu a0, 0(a4)
    beqz a0, 2f
    call _putc
    addi a4, a4, 1
    j 1b
2:  mv ra, a5
    ret
_puthex:                        /* a0 = value, printed as 0x + 16 hex digits */
    mv a5, ra
    mv a4, a0
    li a0, '0'
    call _putc
    li a0, 'x'
    call _putc
    li a3, 60
1:  srl a0, a4, a3
    andi a0, a0, 15
    li t0, 10
    bltu a0, t0, 2f
    addi a0, a0, 'a' - '0' - 10
2:  addi a0, a0, '0'
    call _putc
    addi a3, a3, -4
    bgez a3, 1b
    mv ra, a5
    ret
_putdec:                        /* a0 = value < 1000, printed in decimal (no M extension) */
    mv a5, ra
    mv a4, a0
    li t0, 999
    bleu a4, t0, 1f
    li a4, 999
1:  li a3, 0                    /* hundreds */
    li t0, 100
2:  bltu a4, t0, 3f
    sub a4, a4, t0
    addi a3, a3, 1
    j 2b
3:  li a2, 0                    /* tens */
    li t0, 10
4:  bltu a4, t0, 5f
    sub a4, a4, t0
    addi a2, a2, 1
    j 4b
5:  beqz a3, 6f
    addi a0, a3, '0'
    call _putc
6:  or t0, a3, a2
    beqz t0, 7f
    addi a0, a2, '0'
    call _putc
7:  addi a0, a4, '0'
    call _putc
    mv ra, a5
    ret

    .section .rodata
_msg_fail: .asciz "FAIL test "
_msg_trap: .asciz "unexpected trap: mcause="
_msg_epc:  .asciz " mepc="
_msg_tval: .asciz " mtval="

    .data
    .balign 8
    .globl trap_expected, trap_cause, trap_epc, trap_tval, trap_resume, trap_status
trap_expected: .dword 0        /* 0(t6) */
trap_cause:    .dword 0        /* 8 */
trap_epc:      .dword 0        /* 16 */
trap_tval:     .dword 0        /* 24 */
trap_resume:   .dword 0        /* 32 */
trap_status:   .dword 0        /* 40: mstatus at trap entry */

    .text
#endif
