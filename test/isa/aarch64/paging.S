/*
 * test/isa/aarch64/paging.S — VMSAv8-64 stage 1 with the 4 KiB granule and a 39-bit VA
 * (T0SZ = 25: the walk starts at level 1): a 1 GiB block maps the RAM the test runs in
 * one to one, and VA 0x00200000.. goes through a level-2 table to a level-3 table of pages
 * that show each fault: the access flag (DFSC 0x0b), write to a read-only page
 * (permission, 0x0f, WnR), an invalid entry (translation, 0x07), a VA above the input size
 * (translation level 0, 0x04).  AT S1E1R/W report through PAR_EL1, and TLBI VAE1 makes a
 * changed entry visible.
 */
#include "harness.h"

#define VA_AF    0x00200000
#define VA_RO    0x00201000
#define VA_INV   0x00202000
#define VA_OK    0x00203000

#define DESC_TABLE 3
#define DESC_PAGE  3
#define DESC_BLOCK 1
#define AF         (1 << 10)
#define SH_INNER   (3 << 8)
#define AP_RO      (2 << 6)

TEST_BEGIN
    TEST_NUM(1)
    /* level 1: [0] -> level 2 table, [1] -> 1 GiB block at 0x40000000 (RAM) */
    adr x1, l1
    adr x2, l2
    orr x3, x2, #DESC_TABLE
    str x3, [x1]
    LI(x3, 0x40000000 | AF | SH_INNER | DESC_BLOCK)
    str x3, [x1, #8]
    /* level 2: [1] (VA 0x200000) -> level 3 table */
    adr x4, l3
    orr x3, x4, #DESC_TABLE
    str x3, [x2, #8]
    /* level 3: the four pages, all backed by page0/page1 of the test's data */
    adr x5, page0
    adr x6, page1
    LI(x7, SH_INNER | DESC_PAGE)
    orr x3, x5, x7                                  /* AF clear */
    str x3, [x4, #0]
    LI(x7, AF | SH_INNER | AP_RO | DESC_PAGE)
    orr x3, x5, x7                                  /* read-only */
    str x3, [x4, #8]
    str xzr, [x4, #16]                              /* invalid */
    LI(x7, AF | SH_INNER | DESC_PAGE)
    orr x3, x5, x7
    str x3, [x4, #24]                               /* VA_OK -> page0 */
    dsb sy

    /* MAIR attr0 Normal WB, TCR: T0SZ 25, inner/outer WB, inner shareable, TG0 4K,
       EPD1 (no TTBR1 walks), IPS 40 bits */
    mov x3, #0xff
    msr mair_el1, x3
    LI(x3, 25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32))
    msr tcr_el1, x3
    msr ttbr0_el1, x1
    isb
    mrs x3, sctlr_el1
    orr x3, x3, #1                                  /* M */
    msr sctlr_el1, x3
    isb
    /* still running: the code is mapped one to one */
    LI(x8, 0x1122334455667788)
    str x8, [x5]
    LI(x9, VA_OK)
    ldr x10, [x9]
    CHECK_REG(x10, x8)

    TEST_NUM(2)                                     /* access flag fault, level 3 */
    LI(x9, VA_AF)
    TRAP_EXPECT
    ldr x10, [x9]
    CHECK_TRAP_ESR(ESR(EC_DABT_CUR, 0x0b))
    CHECK_TRAP_FAR(VA_AF)

    TEST_NUM(3)                                     /* write to read-only: permission */
    LI(x9, VA_RO)
    ldr x10, [x9]                                   /* reading is fine */
    CHECK_REG(x10, x8)
    TRAP_EXPECT
    str x10, [x9, #8]
    CHECK_TRAP_ESR(ESR(EC_DABT_CUR, (1 << 6) | 0x0f))
    CHECK_TRAP_FAR(VA_RO + 8)

    TEST_NUM(4)                                     /* invalid entry: translation, level 3 */
    LI(x9, VA_INV)
    TRAP_EXPECT
    ldr x10, [x9, #16]
    CHECK_TRAP_ESR(ESR(EC_DABT_CUR, 0x07))
    CHECK_TRAP_FAR(VA_INV + 16)

    TEST_NUM(5)                                     /* beyond the 39-bit input: level 0 */
    LI(x9, 0x0000008000000000)
    TRAP_EXPECT
    ldr x10, [x9]
    CHECK_TRAP_ESR(ESR(EC_DABT_CUR, 0x04))

    TEST_NUM(6)                                     /* AT: PAR_EL1 */
    LI(x9, VA_OK)
    at s1e1r, x9
    isb
    mrs x10, par_el1
    and x11, x10, #1
    CHECK(x11, 0)                                   /* F = 0 */
    LI(x12, 0x000000fffffff000)
    and x11, x10, x12
    CHECK_REG(x11, x5)                              /* the PA */
    lsr x11, x10, #56
    CHECK(x11, 0xff)                                /* the attributes */
    LI(x9, VA_RO)
    at s1e1w, x9
    isb
    mrs x10, par_el1
    and x11, x10, #0x7f
    CHECK(x11, (0x0f << 1) | 1)                     /* F = 1, FST = permission level 3 */

    TEST_NUM(7)                                     /* TLBI VAE1: the new entry is seen */
    LI(x9, VA_OK)
    LI(x13, 0x55aa55aa55aa55aa)
    str x13, [x6]                                   /* page1's first word */
    LI(x7, AF | SH_INNER | DESC_PAGE)
    orr x3, x6, x7
    str x3, [x4, #24]                               /* VA_OK -> page1 */
    dsb ishst
    lsr x3, x9, #12
    tlbi vae1is, x3
    dsb ish
    isb
    ldr x10, [x9]
    CHECK_REG(x10, x13)

    mrs x3, sctlr_el1                               /* MMU off again */
    bic x3, x3, #1
    msr sctlr_el1, x3
    isb
TEST_END

    .data
    .balign 4096
l1: .fill 512, 8, 0
l2: .fill 512, 8, 0
l3: .fill 512, 8, 0
page0: .fill 512, 8, 0
page1: .fill 512, 8, 0
