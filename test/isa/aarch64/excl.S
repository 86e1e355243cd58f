/*
 * excl.S — A64 exclusives and acquire/release: ldxr/stxr of bytes, halfwords, words and
 * doublewords (status 0 on success and the new value in memory, ldxr results zero-extended),
 * a second stxr without a new ldxr fails (a store-exclusive clears the monitor) and leaves
 * memory alone, clrex makes the next stxr fail, ldaxr/stlxr, ldxp/stxp and ldaxp/stlxp of X
 * and W pairs, ldar/stlr of every size, and a compare-and-swap loop built from them.
 */
#include "harness.h"

#define CHECK_MEM(off, val) adr x26, cell; ldr x26, [x26, #(off)]; CHECK(x26, val)

    .data
    .balign 16
cell:
    .dword 0x8877665544332211
    .dword 0xffeeddccbbaa9988

TEST_BEGIN
    /* exclusives take no offset: one base register per address, xN = cell + offset */
    adr x1, cell
    add x17, x1, #1
    add x16, x1, #2
    add x13, x1, #4
    add x14, x1, #6
    add x15, x1, #7
    add x9, x1, #8
    add x10, x1, #12
    add x12, x1, #14
    add x11, x1, #15
    /* doubleword */
    TEST_NUM(1)
    ldxr x0, [x1]
    CHECK(x0, 0x8877665544332211)
    LI(x2, 0x0102030405060708)
    mov w3, #7
    stxr w3, x2, [x1]
    CHECK(x3, 0)
    CHECK_MEM(0, 0x0102030405060708)
    /* the monitor is open again: a second store-exclusive fails, memory unchanged */
    TEST_NUM(2)
    LI(x2, 0x1111111111111111)
    stxr w3, x2, [x1]
    CHECK(x3, 1)
    CHECK_MEM(0, 0x0102030405060708)
    /* clrex between ldxr and stxr: fails */
    TEST_NUM(3)
    ldxr x0, [x1]
    clrex
    stxr w3, x2, [x1]
    CHECK(x3, 1)
    CHECK_MEM(0, 0x0102030405060708)
    /* word, halfword, byte: zero-extended loads, only their bytes stored */
    TEST_NUM(4)
    LI(x0, -1)
    ldxr w0, [x9]
    CHECK(x0, 0xbbaa9988)
    LI(x2, 0xdeadbeefcafef00d)
    stxr w3, w2, [x9]
    CHECK(x3, 0)
    CHECK_MEM(8, 0xffeeddcccafef00d)
    TEST_NUM(5)
    LI(x0, -1)
    ldxrh w0, [x10]
    CHECK(x0, 0xddcc)
    stxrh w3, w2, [x10]
    CHECK(x3, 0)
    CHECK_MEM(8, 0xffeef00dcafef00d)
    TEST_NUM(6)
    LI(x0, -1)
    ldxrb w0, [x11]
    CHECK(x0, 0xff)
    stxrb w3, w2, [x11]
    CHECK(x3, 0)
    CHECK_MEM(8, 0x0deef00dcafef00d)
    TEST_NUM(7)
    ldxrb w0, [x12]
    clrex
    stxrb w3, w2, [x12]
    CHECK(x3, 1)
    CHECK_MEM(8, 0x0deef00dcafef00d)
    /* acquire / release exclusives */
    TEST_NUM(8)
    ldaxr x0, [x1]
    CHECK(x0, 0x0102030405060708)
    LI(x2, 0x5a5a5a5a5a5a5a5a)
    stlxr w3, x2, [x1]
    CHECK(x3, 0)
    CHECK_MEM(0, 0x5a5a5a5a5a5a5a5a)
    TEST_NUM(9)
    ldaxr w0, [x13]
    CHECK(x0, 0x5a5a5a5a)
    mov w2, #0x1234
    stlxr w3, w2, [x13]
    CHECK(x3, 0)
    CHECK_MEM(0, 0x000012345a5a5a5a)
    TEST_NUM(10)
    ldaxrh w0, [x14]
    stlxrh w3, w2, [x14]
    CHECK(x3, 0)
    ldaxrb w0, [x15]
    CHECK(x0, 0x12)
    stlxrb w3, wzr, [x15]
    CHECK(x3, 0)
    CHECK_MEM(0, 0x003412345a5a5a5a)
    /* pairs: 16-byte aligned for X, 8 for W */
    TEST_NUM(11)
    ldxp x4, x5, [x1]
    CHECK(x4, 0x003412345a5a5a5a)
    CHECK(x5, 0x0deef00dcafef00d)
    LI(x6, 0x1010101010101010)
    LI(x7, 0x2020202020202020)
    stxp w3, x6, x7, [x1]
    CHECK(x3, 0)
    CHECK_MEM(0, 0x1010101010101010)
    CHECK_MEM(8, 0x2020202020202020)
    stxp w3, x7, x6, [x1]       /* no ldxp since the last stxp: fails */
    CHECK(x3, 1)
    CHECK_MEM(0, 0x1010101010101010)
    TEST_NUM(12)
    LI(x4, -1)
    LI(x5, -1)
    ldaxp w4, w5, [x9]
    CHECK(x4, 0x20202020)
    CHECK(x5, 0x20202020)
    mov w6, #0x66
    mov w7, #0x77
    stlxp w3, w6, w7, [x9]
    CHECK(x3, 0)
    CHECK_MEM(8, 0x0000007700000066)
    TEST_NUM(13)
    ldaxp x4, x5, [x1]
    clrex
    stlxp w3, x5, x4, [x1]
    CHECK(x3, 1)
    CHECK_MEM(0, 0x1010101010101010)
    /* load-acquire / store-release, every size */
    TEST_NUM(14)
    LI(x2, 0x8081828384858687)
    stlr x2, [x1]
    ldar x0, [x1]
    CHECK(x0, 0x8081828384858687)
    LI(x0, -1)
    ldar w0, [x13]
    CHECK(x0, 0x80818283)
    LI(x0, -1)
    ldarh w0, [x16]
    CHECK(x0, 0x8485)
    LI(x0, -1)
    ldarb w0, [x17]
    CHECK(x0, 0x86)
    mov w2, #0xa1
    stlrb w2, [x1]
    mov w2, #0xb2c3
    stlrh w2, [x16]
    LI(x2, 0xffffffffd4e5f607)
    stlr w2, [x13]
    CHECK_MEM(0, 0xd4e5f607b2c386a1)
    /* a compare-and-swap loop: add 5 to cell[0] three times */
    TEST_NUM(15)
    LI(x2, 100)
    str x2, [x1]
    mov x8, #3
1:  ldaxr x0, [x1]
    add x0, x0, #5
    stlxr w3, x0, [x1]
    cbnz w3, 1b
    sub x8, x8, #1
    cbnz x8, 1b
    CHECK_MEM(0, 115)
TEST_END
