/*
 * paging.S — Sv39/Sv48/Sv57 virtual memory (privileged spec 1.12, section 4.3-4.5), tested
 * from S-mode and U-mode against page tables built in RAM by M-mode: 4 KiB pages, 2 MiB
 * megapages and 1 GiB gigapages; misaligned superpages, V = 0 and W-without-R (reserved) PTEs
 * fault (scause 12/13/15 for fetch/load/store, stval = the virtual address), delegated to S
 * through medeleg and, when not delegated, taken in M; the U-bit rules (U-mode needs U pages;
 * S-mode reaches U pages only with SUM = 1 and never executes them); MXR (loads from execute-only
 * pages); stores (and AMOs) to read-only pages; fetches from non-executable pages; hardware
 * update of the A and D bits (what QEMU 7.2 does; the PTEs are read back in M-mode, untranslated);
 * non-canonical addresses; sfence.vma making a changed PTE visible; 4- and 5-level walks with
 * Sv48 and Sv57; satp writes with an unsupported mode ignored; M-mode accesses never translated;
 * MPRV translating M-mode loads/stores (with MPP = S or U) but not fetches (mret to S with
 * MPRV = 1: see test 86 for QEMU 7.2 not clearing it); SUM/MXR and Bare<->Sv39 changes taking
 * effect without sfence.vma; reserved PTE bits (54, 63 without Svnapot), a pointer PTE at the
 * last level and A set in a non-leaf PTE all fault (as on QEMU 7.2); an instruction straddling
 * two pages mapped to frames in the opposite order, and one whose second half faults (sepc =
 * the instruction, stval = the second page); misaligned loads/stores crossing pages (each part
 * translated on its own; on a fault stval = the address of the part that faulted); code
 * written through one mapping and run through another, remapped, and made non-executable.
 *
 * Memory: everything lives in the test image (a few pages of .bss inside the first MiB of RAM).
 * S-mode code runs identity-mapped through a gigapage over RAM (0x80000000, RWX, not U) with the
 * devices (first GiB) identity-mapped RW so that `fail` works from S; U-mode code runs from an
 * alias of the same gigabyte at VA 0x140000000 with U = 1 (SRET_U / U_EPC below).
 *
 * Sv39 root table:                     l1 table (VA 0x40000000 + n * 2 MiB):
 *   [0] VA 0          gigapage PA 0, RW (devices)      [0] -> l0 table
 *   [1] VA 0x40000000 -> l1 table                       [1] megapage -> PA 0x80000000, RW
 *   [2] VA 0x80000000 gigapage identity, RWX            [2] megapage, misaligned (PPN 0x80001)
 *   [3] VA 0xc0000000 gigapage -> PA 0x80000000, R      [3] megapage -> PA 0x80000000, R, U
 *   [4] VA 0x100000000 gigapage, misaligned
 *   [5] VA 0x140000000 gigapage -> PA 0x80000000, RWX, U (U-mode code)
 *   [6] VA 0x180000000 invalid (V = 0)
 *   [7] VA 0x1c0000000 gigapage with W but not R (reserved)
 * l0 table (VA 0x40000000 + n * 4 KiB): see the PTE_* calls below.
 */
#include "harness.h"

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_RW_AD  (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

#define SATP_SV39 0x8000000000000000
#define SATP_SV48 0x9000000000000000
#define SATP_SV57 0xa000000000000000

#define RAM_BASE    0x80000000
#define VA_4K       0x40000000
#define VA_MEGA     0x40200000
#define VA_MEGA_BAD 0x40400000
#define VA_MEGA_U   0x40600000
#define VA_GIGA     0xc0000000
#define VA_GIGA_BAD 0x100000000
#define VA_UALIAS   0x140000000
#define VA_INVALID  0x180000000
#define VA_GIGA_RSV 0x1c0000000
#define U_OFF       (VA_UALIAS - RAM_BASE)
#define PAGE(n)     (VA_4K + (n) * 0x1000)

#define PATTERN_A 0xa5a5a5a50000000a
#define PATTERN_B 0xb6b6b6b60000000b
#define CODE_VAL  0x77

#define DELEG_PF  ((1 << CAUSE_FETCH_PAGE) | (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE))

/* table[idx] = PTE for the physical address (label or constant) with flags; clobbers a0-a4, ra */
#define PTE_LA(table, idx, sym, flags) \
    la a0, table; li a1, idx; la a2, sym; li a3, flags; call set_pte
#define PTE_LI(table, idx, pa, flags) \
    la a0, table; li a1, idx; li a2, pa; li a3, flags; call set_pte
/* reg = satp value for mode with the given root table */
#define SATP_VAL(reg, mode, root) la reg, root; srli reg, reg, 12; li t5, mode; or reg, reg, t5
/* from S: sret to label's U-mode alias (clobbers t5, t6) */
#define SRET_U(label) \
    la t5, label; li t6, U_OFF; add t5, t5, t6; csrw sepc, t5; li t5, MSTATUS_SPP; \
    csrc sstatus, t5; sret
/* strap_epc / trap_epc must be label's U-mode alias */
#define CHECK_STRAP_EPC_U(label) \
    la t6, label; li t5, U_OFF; add t6, t6, t5; ld t5, strap_epc; CHECK_REG(t5, t6)
#define CHECK_TRAP_EPC_U(label) \
    la t6, label; li t5, U_OFF; add t6, t6, t5; ld t5, trap_epc; CHECK_REG(t5, t6)
/* pte = table[idx] & mask must equal val (M-mode, physical) */
#define CHECK_PTE_BITS(table, idx, mask, val) \
    la a0, table; ld a0, (idx) * 8(a0); andi a0, a0, mask; CHECK(a0, val)

TEST_BEGIN
    PMP_ALLOW_ALL
    la a0, s_trap_handler
    csrw stvec, a0
    csrw medeleg, zero
    csrw mideleg, zero
    csrw mie, zero
    csrw satp, zero
    /* clear the page-table and data pages, fill the data pages */
    la a0, pt_begin
    la a1, pt_end
1:  sd zero, 0(a0)
    addi a0, a0, 8
    bltu a0, a1, 1b
    li a1, PATTERN_A
    sd a1, pageA, a2
    li a1, PATTERN_B
    sd a1, pageB, a2
    la s2, pageA                /* s2 = offset of pageA in RAM (and in every RAM alias) */
    li a1, RAM_BASE
    sub s2, s2, a1

    PTE_LI(pt_root, 0, 0, PTE_RW_AD)
    PTE_LA(pt_root, 1, pt_l1, PTE_V)
    PTE_LI(pt_root, 2, RAM_BASE, PTE_RW_AD | PTE_X)
    PTE_LI(pt_root, 3, RAM_BASE, PTE_V | PTE_R | PTE_A)
    PTE_LI(pt_root, 4, RAM_BASE + 0x1000, PTE_RW_AD)
    PTE_LI(pt_root, 5, RAM_BASE, PTE_RW_AD | PTE_X | PTE_U)
    PTE_LI(pt_root, 7, RAM_BASE, PTE_V | PTE_W | PTE_A | PTE_D)
    PTE_LA(pt_l1, 0, pt_l0, PTE_V)
    PTE_LI(pt_l1, 1, RAM_BASE, PTE_RW_AD)
    PTE_LI(pt_l1, 2, RAM_BASE + 0x1000, PTE_RW_AD)
    PTE_LI(pt_l1, 3, RAM_BASE, PTE_V | PTE_R | PTE_U | PTE_A)
    PTE_LA(pt_l0, 0, pageA, PTE_RW_AD)                          /* S, RW */
    PTE_LA(pt_l0, 1, pageA, PTE_RW_AD | PTE_U)                  /* U, RW */
    PTE_LA(pt_l0, 2, pageA, PTE_V | PTE_X | PTE_A)              /* S, execute-only */
    PTE_LA(pt_l0, 3, pageA, PTE_V | PTE_R | PTE_A | PTE_D)      /* S, read-only */
    /* [4] invalid */
    PTE_LA(pt_l0, 5, pageA, PTE_V | PTE_W | PTE_A | PTE_D)      /* W without R: reserved */
    PTE_LA(pt_l0, 6, code_page, PTE_V | PTE_R | PTE_A)          /* code, not executable */
    PTE_LA(pt_l0, 7, code_page, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)  /* U code */
    PTE_LA(pt_l0, 8, code_page, PTE_V | PTE_R | PTE_X | PTE_A)  /* S code */
    PTE_LA(pt_l0, 9, pageA, PTE_RW_AD)                          /* remapped by the test */
    PTE_LA(pt_l0, 10, pageB, PTE_V | PTE_R | PTE_W)             /* A = D = 0: load */
    PTE_LA(pt_l0, 11, pageB, PTE_V | PTE_R | PTE_W)             /* A = D = 0: store */
    PTE_LA(pt_l0, 12, pageB, PTE_V | PTE_R | PTE_W | PTE_A)     /* D = 0: store */
    PTE_LA(pt_l0, 13, pageB, PTE_V | PTE_R)                     /* A = 0, read-only: store */
    PTE_LA(pt_l0, 14, code_x2, PTE_V | PTE_R | PTE_X | PTE_A)  /* pages swapped: an */
    PTE_LA(pt_l0, 15, code_x1, PTE_V | PTE_R | PTE_X | PTE_A)  /* instruction straddles */
    PTE_LA(pt_l0, 16, code_x2, PTE_V | PTE_R | PTE_X | PTE_A)  /* ...into [17], invalid */
    PTE_LA(pt_l0, 18, pageB, PTE_V | PTE_R | PTE_W | PTE_A)    /* D = 0: load, then store */
    PTE_LA(pt_l0, 19, code_page, PTE_V | PTE_R | PTE_X)        /* A = 0: fetch */
    PTE_LA(pt_l0, 20, pageA, PTE_RW_AD)                        /* + reserved bit 54 */
    PTE_LA(pt_l0, 21, pageA, PTE_RW_AD)                        /* + bit 63 (N, no Svnapot) */
    li a1, 1 << 54
    ld a0, pt_l0 + 20 * 8
    or a0, a0, a1
    sd a0, pt_l0 + 20 * 8, a2
    li a1, 1 << 63
    ld a0, pt_l0 + 21 * 8
    or a0, a0, a1
    sd a0, pt_l0 + 21 * 8, a2
    PTE_LA(pt_l0, 22, pageA, PTE_V)                            /* pointer at the last level */
    PTE_LA(pt_l1, 4, pt_l0, PTE_V | PTE_A)                     /* non-leaf with A set */
    PTE_LA(pt_l0, 23, codebuf_p, PTE_RW_AD | PTE_X)            /* code written by the test */
    PTE_LA(pt_root48, 0, pt_root, PTE_V)
    PTE_LA(pt_root48, 1, pt_root, PTE_V)
    PTE_LA(pt_root57, 0, pt_root48, PTE_V)
    PTE_LA(pt_root57, 1, pt_root48, PTE_V)
    li a1, DELEG_PF | (1 << CAUSE_ECALL_U)
    csrw medeleg, a1

    /* ---- satp in M; M-mode is never translated ---- */
    TEST_NUM(1)
    SATP_VAL(s10, SATP_SV39, pt_root)     /* s10 = the Sv39 satp for the whole test */
    csrw satp, s10
    sfence.vma
    csrr a0, satp
    CHECK_REG(a0, s10)
    li s1, VA_GIGA              /* mapped to RAM for S/U, nothing there physically */
    TEST_TRAP(2, CAUSE_LOAD_ACCESS, VA_GIGA, ld a0, 0(s1))
    TEST_TRAP(3, CAUSE_STORE_ACCESS, VA_GIGA + 8, sd a0, 8(s1))
    TEST_NUM(4)
    TRAP_EXPECT_RESUME(1f)
    jalr ra, 0(s1)
    FAIL
1:  CHECK_TRAP_CAUSE(CAUSE_FETCH_ACCESS)
    CHECK_TRAP_TVAL(VA_GIGA)

    /* ---- S-mode: mappings and faults, delegated to S ---- */
    TEST_NUM(5)
    TRAP_EXPECT_RESUME(90f)
    ENTER_S(10f)
10: TEST_CASE(5, a0, PATTERN_A, li s1, VA_4K; ld a0, 0(s1))          /* 4 KiB page */
    TEST_CASE(6, a0, 0x600d, li a1, 0x600d; sd a1, 8(s1); la a2, pageA; ld a0, 8(a2))
    TEST_NUM(7)                 /* megapage */
    li s3, VA_MEGA
    add s3, s3, s2
    ld a0, 0(s3)
    CHECK(a0, PATTERN_A)
    li a1, 0x3e9a
    sd a1, 16(s3)
    la a2, pageA
    ld a0, 16(a2)
    CHECK(a0, 0x3e9a)
    TEST_NUM(8)                 /* gigapage (read-only alias of RAM) */
    li s3, VA_GIGA
    add s3, s3, s2
    ld a0, 0(s3)
    CHECK(a0, PATTERN_A)
    ld a0, 16(s3)
    CHECK(a0, 0x3e9a)
    TEST_STRAP_NOTVAL(9, CAUSE_STORE_PAGE, sd a0, 0(s3))     /* ...stores fault */
    CHECK_STRAP_TVAL_REG(s3)
    CHECK_STRAP_SPP(1)
    /* misaligned superpages */
    li s3, VA_GIGA_BAD
    TEST_STRAP(10, CAUSE_LOAD_PAGE, VA_GIGA_BAD, ld a0, 0(s3))
    TEST_STRAP(11, CAUSE_STORE_PAGE, VA_GIGA_BAD + 8, sd a0, 8(s3))
    li s3, VA_MEGA_BAD
    TEST_STRAP(12, CAUSE_LOAD_PAGE, VA_MEGA_BAD + 0x10, ld a0, 0x10(s3))
    /* V = 0 */
    li s3, PAGE(4)
    TEST_STRAP(13, CAUSE_LOAD_PAGE, PAGE(4) + 0x20, lw a0, 0x20(s3))
    TEST_STRAP(14, CAUSE_STORE_PAGE, PAGE(4) + 0x7f8, sd a0, 0x7f8(s3))
    TEST_NUM(15)
    STRAP_EXPECT_RESUME(1f)
    jalr ra, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_FETCH_PAGE)
    CHECK_STRAP_EPC_REG(s3)
    CHECK_STRAP_TVAL_REG(s3)
    li s3, VA_INVALID
    TEST_STRAP(16, CAUSE_LOAD_PAGE, VA_INVALID + 0x18, ld a0, 0x18(s3))
    /* W without R: reserved */
    li s3, PAGE(5)
    TEST_STRAP(17, CAUSE_LOAD_PAGE, PAGE(5), ld a0, 0(s3))
    TEST_STRAP(18, CAUSE_STORE_PAGE, PAGE(5), sd a0, 0(s3))
    li s3, VA_GIGA_RSV
    TEST_STRAP(19, CAUSE_STORE_PAGE, VA_GIGA_RSV, sd a0, 0(s3))
    /* read-only page: loads work, stores and AMOs fault */
    li s3, PAGE(3)
    TEST_CASE(20, a0, PATTERN_A, ld a0, 0(s3))
    TEST_STRAP(21, CAUSE_STORE_PAGE, PAGE(3) + 8, sd a0, 8(s3))
    TEST_STRAP(22, CAUSE_STORE_PAGE, PAGE(3), amoadd.d a0, a1, (s3))
    /* MXR: execute-only page readable only with MXR = 1 (never writable) */
    li s3, PAGE(2)
    TEST_STRAP(23, CAUSE_LOAD_PAGE, PAGE(2), ld a0, 0(s3))
    TEST_NUM(24)
    li a1, MSTATUS_MXR
    csrs sstatus, a1
    ld a0, 0(s3)
    CHECK(a0, PATTERN_A)
    TEST_STRAP(25, CAUSE_STORE_PAGE, PAGE(2), sd a0, 0(s3))
    li a1, MSTATUS_MXR
    csrc sstatus, a1
    /* SUM: S reaches U pages only with SUM = 1, and never executes them */
    li s3, PAGE(1)
    TEST_STRAP(26, CAUSE_LOAD_PAGE, PAGE(1), ld a0, 0(s3))
    TEST_STRAP(27, CAUSE_STORE_PAGE, PAGE(1) + 0x18, sd a0, 0x18(s3))
    TEST_NUM(28)
    li a1, MSTATUS_SUM
    csrs sstatus, a1
    ld a0, 0(s3)
    CHECK(a0, PATTERN_A)
    li a1, 0x5a
    sd a1, 0x18(s3)
    ld a0, 0x18(s3)
    CHECK(a0, 0x5a)
    TEST_NUM(29)
    li s3, PAGE(7)
    STRAP_EXPECT_RESUME(1f)
    jalr ra, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_FETCH_PAGE)
    CHECK_STRAP_EPC_REG(s3)
    CHECK_STRAP_TVAL_REG(s3)
    li a1, MSTATUS_SUM
    csrc sstatus, a1
    li s3, VA_MEGA_U            /* a U megapage, SUM = 0 */
    TEST_STRAP(30, CAUSE_LOAD_PAGE, VA_MEGA_U, ld a0, 0(s3))
    /* fetch from a readable, non-executable page */
    TEST_NUM(31)
    li s3, PAGE(6)
    STRAP_EXPECT_RESUME(1f)
    jalr ra, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_FETCH_PAGE)
    CHECK_STRAP_EPC_REG(s3)
    CHECK_STRAP_TVAL_REG(s3)
    TEST_NUM(32)                /* the same code through an executable S page */
    li s3, PAGE(8)
    li a0, 0
    jalr ra, 0(s3)
    CHECK(a0, CODE_VAL)
    /* non-canonical addresses (bits 63:39 must equal bit 38) */
    li s3, 0x4000000000
    TEST_STRAP(33, CAUSE_LOAD_PAGE, 0x4000000000, ld a0, 0(s3))
    li s3, 0x8000000000
    TEST_STRAP(34, CAUSE_STORE_PAGE, 0x8000000000, sd a0, 0(s3))
    TEST_NUM(35)
    li s3, 0xff00000040008000   /* PAGE(8) with garbage in the upper bits */
    STRAP_EXPECT_RESUME(1f)
    jalr ra, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_FETCH_PAGE)
    CHECK_STRAP_EPC_REG(s3)
    CHECK_STRAP_TVAL_REG(s3)
    /* sfence.vma makes a changed PTE visible */
    li s3, PAGE(9)
    TEST_CASE(36, a0, PATTERN_A, ld a0, 0(s3))
    TEST_NUM(37)
    PTE_LA(pt_l0, 9, pageB, PTE_RW_AD)
    sfence.vma s3, zero
    ld a0, 0(s3)
    CHECK(a0, PATTERN_B)
    TEST_NUM(38)
    PTE_LA(pt_l0, 9, pageA, PTE_RW_AD)
    sfence.vma
    ld a0, 0(s3)
    CHECK(a0, PATTERN_A)
    PTE_LA(pt_l0, 9, pageA, 0)  /* invalidate */
    sfence.vma zero, zero
    TEST_STRAP(39, CAUSE_LOAD_PAGE, PAGE(9), ld a0, 0(s3))
    PTE_LA(pt_l0, 9, pageA, PTE_RW_AD)
    sfence.vma s3
    TEST_CASE(40, a0, PATTERN_A, ld a0, 0(s3))
    /* A/D: accesses here, PTEs checked from M below */
    li s3, PAGE(10)
    TEST_CASE(41, a0, PATTERN_B, ld a0, 0(s3))
    TEST_NUM(42)
    li s3, PAGE(11)
    li a1, 0x11
    sd a1, 0x100(s3)
    li s3, PAGE(12)
    li a1, 0x12
    sd a1, 0x108(s3)
    li s3, PAGE(13)
    TEST_STRAP(43, CAUSE_STORE_PAGE, PAGE(13) + 0x110, sd a0, 0x110(s3))
    TEST_NUM(44)
    ecall
90: CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    CHECK_TRAP_MPP(1)
    TEST_NUM(45)                /* QEMU 7.2 sets A (and D for stores) itself */
    CHECK_PTE_BITS(pt_l0, 10, PTE_A | PTE_D, PTE_A)
    TEST_NUM(46)
    CHECK_PTE_BITS(pt_l0, 11, PTE_A | PTE_D, PTE_A | PTE_D)
    TEST_NUM(47)
    CHECK_PTE_BITS(pt_l0, 12, PTE_A | PTE_D, PTE_A | PTE_D)
    TEST_NUM(48)                /* a faulting access sets nothing */
    CHECK_PTE_BITS(pt_l0, 13, PTE_A | PTE_D, 0)
    TEST_NUM(49)                /* the stores reached pageB */
    la a1, pageB
    ld a0, 0x100(a1)
    CHECK(a0, 0x11)
    ld a0, 0x108(a1)
    CHECK(a0, 0x12)

    /* ---- U-mode ---- */
    TEST_NUM(50)
    TRAP_EXPECT_RESUME(91f)
    ENTER_S(11f)
11: TEST_NUM(50)                /* U runs from a U gigapage, reads a U 4 KiB page and a U
                                   megapage, calls into a U 4 KiB code page, then ecall */
    li s3, PAGE(1)
    li s4, VA_MEGA_U
    add s4, s4, s2
    li s5, PAGE(7)
    li s7, 0
    li s8, 0
    li a0, 0
    STRAP_EXPECT_RESUME(1f)
    SRET_U(2f)
2:  ld s7, 0(s3)
    ld s8, 0(s4)
    jalr ra, 0(s5)
3:  ecall
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_ECALL_U)
    CHECK_STRAP_SPP(0)
    CHECK_STRAP_EPC_U(3b)
    CHECK(s7, PATTERN_A)
    CHECK(s8, PATTERN_A)
    CHECK(a0, CODE_VAL)
    TEST_NUM(51)                /* U stores to its page */
    STRAP_EXPECT_RESUME(1f)
    li a1, 0x7e57
    SRET_U(2f)
2:  sd a1, 0x20(s3)
    ecall
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_ECALL_U)
    la a2, pageA
    ld a0, 0x20(a2)
    CHECK(a0, 0x7e57)
    TEST_NUM(52)                /* U load from an S page */
    li s3, VA_4K
    STRAP_EXPECT_RESUME(1f)
    SRET_U(2f)
2:  ld a0, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_LOAD_PAGE)
    CHECK_STRAP_EPC_U(2b)
    CHECK_STRAP_TVAL(VA_4K)
    CHECK_STRAP_SPP(0)
    TEST_NUM(53)                /* U store to an S page */
    STRAP_EXPECT_RESUME(1f)
    SRET_U(2f)
2:  sd a0, 8(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_STORE_PAGE)
    CHECK_STRAP_EPC_U(2b)
    CHECK_STRAP_TVAL(VA_4K + 8)
    TEST_NUM(54)                /* U load from the S gigapage (identity RAM) */
    la s3, pageA
    STRAP_EXPECT_RESUME(1f)
    SRET_U(2f)
2:  ld a0, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_LOAD_PAGE)
    CHECK_STRAP_TVAL_REG(s3)
    TEST_NUM(55)                /* U fetch from an S code page */
    li s3, PAGE(8)
    STRAP_EXPECT_RESUME(1f)
    SRET_U(2f)
2:  jalr ra, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_FETCH_PAGE)
    CHECK_STRAP_EPC_REG(s3)
    CHECK_STRAP_TVAL_REG(s3)
    TEST_NUM(56)                /* U store to a read-only U megapage */
    STRAP_EXPECT_RESUME(1f)
    SRET_U(2f)
2:  sd a0, 0(s4)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_STORE_PAGE)
    CHECK_STRAP_TVAL_REG(s4)
    TEST_NUM(57)                /* SUM does not open S pages to U */
    li a1, MSTATUS_SUM
    csrs sstatus, a1
    li s3, VA_4K
    STRAP_EXPECT_RESUME(1f)
    SRET_U(2f)
2:  ld a0, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_LOAD_PAGE)
    CHECK_STRAP_TVAL(VA_4K)
    li a1, MSTATUS_SUM
    csrc sstatus, a1
    TEST_NUM(58)                /* U non-canonical load */
    li s3, 0x8000000000
    STRAP_EXPECT_RESUME(1f)
    SRET_U(2f)
2:  ld a0, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_LOAD_PAGE)
    CHECK_STRAP_TVAL(0x8000000000)
    TEST_NUM(59)
    ecall
91: CHECK_TRAP_CAUSE(CAUSE_ECALL_S)

    /* ---- page faults not delegated: taken in M ---- */
    li a1, 1 << CAUSE_ECALL_U
    csrw medeleg, a1
    TEST_NUM(60)
    TRAP_EXPECT_RESUME(92f)
    ENTER_S(12f)
12: li s3, PAGE(4)
    TEST_TRAP(60, CAUSE_LOAD_PAGE, PAGE(4) + 0x30, ld a0, 0x30(s3))
    CHECK_TRAP_MPP(1)
    TEST_TRAP(61, CAUSE_STORE_PAGE, PAGE(4), sw a0, 0(s3))
    li s3, PAGE(3)
    TEST_TRAP(62, CAUSE_STORE_PAGE, PAGE(3), sd a0, 0(s3))
    li s3, PAGE(1)
    TEST_TRAP(63, CAUSE_LOAD_PAGE, PAGE(1), ld a0, 0(s3))
    TEST_NUM(64)                /* U-mode page fault to M */
    li s3, VA_4K
    TRAP_EXPECT_RESUME(92f)
    SRET_U(2f)
2:  ld a0, 0(s3)
    FAIL
92: TEST_NUM(65)
    CHECK_TRAP_CAUSE(CAUSE_LOAD_PAGE)
    CHECK_TRAP_EPC_U(2b)
    CHECK_TRAP_TVAL(VA_4K)
    CHECK_TRAP_MPP(0)
    TEST_NUM(66)                /* fetch page fault from S to M */
    TRAP_EXPECT_RESUME(1f)
    ENTER_S(13f)
13: li s3, PAGE(6)
    jalr ra, 0(s3)
    FAIL
1:  CHECK_TRAP_CAUSE(CAUSE_FETCH_PAGE)
    CHECK_TRAP_EPC_REG(s3)
    CHECK_TRAP_TVAL_REG(s3)
    CHECK_TRAP_MPP(1)
    li a1, DELEG_PF | (1 << CAUSE_ECALL_U)
    csrw medeleg, a1

    /* ---- Sv48, Sv57, unsupported modes (from S) ---- */
    TEST_NUM(67)
    TRAP_EXPECT_RESUME(93f)
    ENTER_S(14f)
14: SATP_VAL(s4, SATP_SV48, pt_root48)
    csrw satp, s4
    sfence.vma
    csrr a0, satp
    CHECK_REG(a0, s4)
    TEST_CASE(68, a0, PATTERN_A, li s3, (1 << 39) + VA_4K; ld a0, 0(s3))   /* 4-level walk */
    TEST_CASE(69, a0, PATTERN_A, li s3, VA_4K; ld a0, 0(s3))
    li s3, 0x800000000000       /* bit 47 set, 63:48 clear: non-canonical for Sv48 */
    TEST_STRAP(70, CAUSE_LOAD_PAGE, 0x800000000000, ld a0, 0(s3))
    li s3, 0xffff800000000000   /* canonical, root48[256] invalid */
    TEST_STRAP(71, CAUSE_LOAD_PAGE, 0xffff800000000000, ld a0, 0(s3))
    TEST_NUM(72)
    SATP_VAL(s5, SATP_SV57, pt_root57)
    csrw satp, s5
    sfence.vma
    csrr a0, satp
    CHECK_REG(a0, s5)
    TEST_CASE(73, a0, PATTERN_A, li s3, (1 << 48) + (1 << 39) + VA_4K; ld a0, 0(s3)) /* 5 levels */
    TEST_CASE(74, a0, PATTERN_A, li s3, VA_4K; ld a0, 0(s3))
    li s3, 0x0100000000000000   /* bit 56 set, 63:57 clear: non-canonical for Sv57 */
    TEST_STRAP(75, CAUSE_LOAD_PAGE, 0x0100000000000000, ld a0, 0(s3))
    TEST_NUM(76)                /* modes 1-7 and 11-15: the write is ignored */
    li s6, 1
    li s7, 16
2:  li a0, 8
    beq s6, a0, 3f
    li a0, 9
    beq s6, a0, 3f
    li a0, 10
    beq s6, a0, 3f
    slli a1, s6, 60
    slli a2, s10, 4             /* Sv39 root PPN without the mode bits */
    srli a2, a2, 4
    or a1, a1, a2
    csrw satp, a1
    csrr a0, satp
    CHECK_REG(a0, s5)
3:  addi s6, s6, 1
    bltu s6, s7, 2b
    TEST_NUM(77)                /* Bare is accepted (identity: the code keeps running) */
    csrw satp, zero
    sfence.vma
    csrr a0, satp
    CHECK(a0, 0)
    TEST_NUM(78)
    csrw satp, s10
    sfence.vma
    csrr a0, satp
    CHECK_REG(a0, s10)
    li s3, VA_4K
    ld a0, 0(s3)
    CHECK(a0, PATTERN_A)
    TEST_NUM(79)
    ecall
93: CHECK_TRAP_CAUSE(CAUSE_ECALL_S)

    /* ---- MPRV (M-mode, satp = Sv39) ---- */
    li s4, MSTATUS_MPRV
    TEST_NUM(80)                /* MPP = S: loads and stores translated */
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    li a1, MSTATUS_MPP_S
    csrs mstatus, a1
    li s3, VA_GIGA
    add s3, s3, s2
    li s5, PAGE(0)
    li a1, 0xa11
    csrs mstatus, s4
    ld a0, 0(s3)
    sd a1, 0x28(s5)
    csrc mstatus, s4
    CHECK(a0, PATTERN_A)
    la a2, pageA
    ld a0, 0x28(a2)
    CHECK(a0, 0xa11)
    TEST_NUM(81)                /* a translated access can page fault (trap taken in M) */
    li s3, VA_INVALID
    TRAP_EXPECT
    csrs mstatus, s4
    ld a0, 0(s3)
    csrc mstatus, s4            /* the handler's mret left MPP = U: drop MPRV first */
    CHECK_TRAP_CAUSE(CAUSE_LOAD_PAGE)
    CHECK_TRAP_TVAL(VA_INVALID)
    CHECK_TRAP_MPP(3)
    TEST_NUM(82)                /* fetches are not translated: RAM made non-executable for S */
    PTE_LI(pt_root, 2, RAM_BASE, PTE_RW_AD)
    sfence.vma
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    li a1, MSTATUS_MPP_S
    csrs mstatus, a1
    la s3, pageA
    li a0, 0
    csrs mstatus, s4
    nop
    ld a0, 0(s3)
    j 1f
    FAIL
1:  csrc mstatus, s4
    CHECK(a0, PATTERN_A)
    PTE_LI(pt_root, 2, RAM_BASE, PTE_RW_AD | PTE_X)
    sfence.vma
    TEST_NUM(83)                /* MPP = U: S pages fault, U pages work */
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    la s3, pageA
    li s5, PAGE(1)
    li a0, 0
    csrs mstatus, s4
    ld a0, 0(s5)
    csrc mstatus, s4
    CHECK(a0, PATTERN_A)
    TEST_NUM(84)
    TRAP_EXPECT
    csrs mstatus, s4
    ld a0, 0(s3)
    csrc mstatus, s4
    CHECK_TRAP_CAUSE(CAUSE_LOAD_PAGE)
    CHECK_TRAP_TVAL_REG(s3)
    TEST_NUM(85)                /* MPRV with MPP = M: untranslated */
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    li s3, VA_GIGA
    TRAP_EXPECT
    csrs mstatus, s4
    ld a0, 0(s3)
    csrc mstatus, s4
    CHECK_TRAP_CAUSE(CAUSE_LOAD_ACCESS)
    CHECK_TRAP_TVAL(VA_GIGA)
    /* mret to S with MPRV = 1: spec 1.12 says an xRET to a mode below M clears MPRV; QEMU 7.2
       leaves it set (the clearing came with a later QEMU), so MPRV after the mret is not
       checked.  Either way MPRV must have no effect outside M-mode: S-mode loads/stores are
       still S accesses (with the mret's MPP = U they would fault on this S page otherwise). */
    TEST_NUM(86)
    TRAP_EXPECT_RESUME(1f)
    csrs mstatus, s4
    ENTER_S(2f)
2:  la a1, pageA
    ld a0, 0(a1)
    CHECK(a0, PATTERN_A)
    sd a0, 0x30(a1)
    ecall
1:  csrc mstatus, s4            /* (the handler resumed here with MPP = U) */
    CHECK_TRAP_CAUSE(CAUSE_ECALL_S)

    /* ---- more S-mode cases ---- */
    TEST_NUM(87)
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    TRAP_EXPECT_RESUME(94f)
    ENTER_S(15f)
15: /* SUM and MXR changes take effect without sfence.vma (spec 4.2.1) */
    li s3, PAGE(1)
    li a1, MSTATUS_SUM
    csrs sstatus, a1
    ld a0, 0(s3)                /* (translation now cached) */
    CHECK(a0, PATTERN_A)
    csrc sstatus, a1
    TEST_STRAP(87, CAUSE_LOAD_PAGE, PAGE(1), ld a0, 0(s3))
    TEST_NUM(88)
    li s3, PAGE(2)
    li a1, MSTATUS_MXR
    csrs sstatus, a1
    ld a0, 0(s3)
    CHECK(a0, PATTERN_A)
    csrc sstatus, a1
    TEST_STRAP(88, CAUSE_LOAD_PAGE, PAGE(2), ld a0, 0(s3))
    /* Sv39 <-> Bare takes effect without sfence.vma, and no stale translation survives */
    TEST_NUM(89)
    li s3, VA_GIGA
    add s3, s3, s2
    ld a0, 0(s3)
    CHECK(a0, PATTERN_A)
    csrw satp, zero
    TEST_TRAP_NOTVAL(89, CAUSE_LOAD_ACCESS, ld a0, 0(s3))    /* Bare: nothing there */
    CHECK_TRAP_TVAL_REG(s3)
    CHECK_TRAP_MPP(1)
    csrw satp, s10
    TEST_NUM(90)
    li s3, PAGE(0)
    ld a0, 0(s3)
    CHECK(a0, PATTERN_A)
    /* malformed PTEs */
    li s3, PAGE(20)             /* reserved bit 54 */
    TEST_STRAP(91, CAUSE_LOAD_PAGE, PAGE(20), ld a0, 0(s3))
    li s3, PAGE(21)             /* bit 63 (N) without Svnapot */
    TEST_STRAP(92, CAUSE_LOAD_PAGE, PAGE(21), ld a0, 0(s3))
    li s3, PAGE(22)             /* the last level is a pointer */
    TEST_STRAP(93, CAUSE_LOAD_PAGE, PAGE(22), ld a0, 0(s3))
    li s3, 0x40800000           /* a non-leaf PTE with A set */
    TEST_STRAP(94, CAUSE_LOAD_PAGE, 0x40800000, ld a0, 0(s3))
    /* an instruction straddling two pages whose frames are in the opposite order */
    TEST_NUM(95)
    li s3, PAGE(14) + 0xffe
    li a0, 0
    jalr ra, 0(s3)
    CHECK(a0, 0x123)
    /* ...and one whose second half is on an invalid page: sepc = the instruction,
       stval = the start of the second page */
    TEST_NUM(96)
    li s3, PAGE(16) + 0xffe
    STRAP_EXPECT_RESUME(1f)
    jalr ra, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_FETCH_PAGE)
    CHECK_STRAP_EPC_REG(s3)
    CHECK_STRAP_TVAL(PAGE(17))
    /* A/D: store after a load on a D = 0 page; a fetch sets A */
    TEST_NUM(97)
    li s3, PAGE(18)
    ld a0, 0(s3)
    CHECK(a0, PATTERN_B)
    li a1, 0x18
    sd a1, 0x118(s3)
    li s3, PAGE(19)
    li a0, 0
    jalr ra, 0(s3)
    CHECK(a0, CODE_VAL)
    /* a misaligned load/store crossing from PAGE(0) into PAGE(1): both map pageA, so the
       second part comes from the start of pageA, not from the next frame (pageB) */
    li a1, MSTATUS_SUM
    csrs sstatus, a1
    li s3, PAGE(0) + 0x800
    TEST_CASE(101, a0, 0x0000000a00000000, ld a0, 0x7fc(s3))
    TEST_NUM(102)
    li a1, 0x1122334455667788
    sd a1, 0x7fc(s3)
    la a2, pageA + 0x800
    lwu a0, 0x7fc(a2)
    la a2, pageA
    CHECK(a0, 0x55667788)
    lwu a0, 0(a2)
    CHECK(a0, 0x11223344)
    la a2, pageB
    lwu a0, 0(a2)
    CHECK(a0, 0x0000000b)
    li a1, PATTERN_A
    la a2, pageA
    sd a1, 0(a2)
    la a2, pageA + 0x800
    sw zero, 0x7fc(a2)
    /* ...and into a page S cannot access (SUM = 0): page fault, sepc = the instruction, and
       stval = "the virtual address of the portion of the access that caused the fault"
       (spec 3.1.16), i.e. the start of PAGE(1), as on QEMU 7.2 -- not the access's own
       address, whose first part (in PAGE(0)) is fine */
    li a1, MSTATUS_SUM
    csrc sstatus, a1
    TEST_STRAP_NOTVAL(103, CAUSE_LOAD_PAGE, ld a0, 0x7fc(s3))
    CHECK_STRAP_TVAL(PAGE(1))
    TEST_STRAP_NOTVAL(104, CAUSE_STORE_PAGE, sd a0, 0x7fa(s3))
    CHECK_STRAP_TVAL(PAGE(1))
    /* code written through one mapping, run through another (PAGE(23) -> codebuf_p) */
    TEST_NUM(105)
    la s4, codebuf_p
    li s3, PAGE(23)
    li a1, 0x00100513           /* addi a0, zero, 1 */
    sw a1, 0(s4)
    li a1, 0x00008067           /* ret */
    sw a1, 4(s4)
    fence.i
    li a0, 0
    jalr ra, 0(s3)
    CHECK(a0, 1)
    TEST_NUM(106)               /* rewritten: fence.i makes the new code visible */
    li a1, 0x00200513           /* addi a0, zero, 2 */
    sw a1, 0(s4)
    fence.i
    jalr ra, 0(s3)
    CHECK(a0, 2)
    TEST_NUM(107)               /* remapped to another frame: sfence.vma makes it visible */
    la s5, codebuf_q
    li a1, 0x00300513           /* addi a0, zero, 3 */
    sw a1, 0(s5)
    li a1, 0x00008067
    sw a1, 4(s5)
    fence.i
    PTE_LA(pt_l0, 23, codebuf_q, PTE_RW_AD | PTE_X)
    sfence.vma
    li s3, PAGE(23)
    jalr ra, 0(s3)
    CHECK(a0, 3)
    TEST_NUM(108)               /* made non-executable: fetch faults */
    PTE_LA(pt_l0, 23, codebuf_q, PTE_RW_AD)
    sfence.vma
    li s3, PAGE(23)
    STRAP_EXPECT_RESUME(1f)
    jalr ra, 0(s3)
    FAIL
1:  CHECK_STRAP_CAUSE(CAUSE_FETCH_PAGE)
    CHECK_STRAP_TVAL_REG(s3)
    TEST_NUM(98)
    TRAP_EXPECT_RESUME(94f)
    ecall
94: CHECK_TRAP_CAUSE(CAUSE_ECALL_S)
    TEST_NUM(99)
    CHECK_PTE_BITS(pt_l0, 18, PTE_A | PTE_D, PTE_A | PTE_D)
    TEST_NUM(100)
    CHECK_PTE_BITS(pt_l0, 19, PTE_A | PTE_D, PTE_A)

    csrw satp, zero
    sfence.vma
    csrw medeleg, zero
TEST_END

    S_TRAP_HANDLER

/* table[a1] = ((a2 >> 12) << 10) | a3, for table a0 (clobbers a1, a4) */
set_pte:
    srli a4, a2, 12
    slli a4, a4, 10
    or a4, a4, a3
    slli a1, a1, 3
    add a1, a0, a1
    sd a4, 0(a1)
    ret

/* a code page, reached through PAGE(6), PAGE(7), PAGE(8) and PAGE(19) */
    .balign 4096
code_page:
    li a0, CODE_VAL
    ret
/* two physically consecutive frames holding `addi a0, zero, 0x123; ret` split across their
   boundary the wrong way round: the first half at the end of code_x2, the rest at the start
   of code_x1 (PAGE(14) -> code_x2, PAGE(15) -> code_x1) */
    .balign 4096
code_x1:
    .half 0x1230                /* addi a0, zero, 0x123 (0x12300513), upper half */
    .word 0x00008067            /* ret */
    .balign 4096
code_x2:
    .skip 0xffe
    .half 0x0513                /* addi a0, zero, 0x123, lower half */

    .bss
    .balign 4096
pt_begin:
pt_root:   .skip 4096
pt_l1:     .skip 4096
pt_l0:     .skip 4096
pt_root48: .skip 4096
pt_root57: .skip 4096
pageA:     .skip 4096
pageB:     .skip 4096
codebuf_p: .skip 4096
codebuf_q: .skip 4096
pt_end:
