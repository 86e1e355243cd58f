/*
 * ldst_excl.S — more exclusives (excl.S has the basics): a plain store of another value
 * between LDXR and STXR makes it fail, as does a store-exclusive to another address or an
 * exception taken and returned from in between; a failed STXR/STXP writes nothing; SP as
 * the base of exclusives and of LDAR/STLR; LDXR/STXR with XZR; LDAXP/STLXP of W pairs
 * failing after a store to the second word; a load-exclusive of another size then a
 * matching one (the last LDXR is what counts).
 */
#include "harness.h"

#define CHECK_MEM(off, val) adr x26, cell; ldr x26, [x26, #(off)]; CHECK(x26, val)

    .data
    .balign 16
cell:
    .dword 0x1111111111111111
    .dword 0x2222222222222222
    .dword 0x3333333333333333
    .dword 0x4444444444444444

TEST_BEGIN
    adr x1, cell
    add x2, x1, #16
    /* a plain store of another value in between: fails, the plain store stays */
    TEST_NUM(1)
    ldxr x0, [x1]
    CHECK(x0, 0x1111111111111111)
    LI(x4, 0x5555555555555555)
    str x4, [x1]
    LI(x5, 0x6666666666666666)
    stxr w3, x5, [x1]
    CHECK(x3, 1)
    CHECK_MEM(0, 0x5555555555555555)
    /* a store-exclusive to another address: fails, writes nothing */
    TEST_NUM(2)
    ldxr x0, [x1]
    stxr w3, x5, [x2]
    CHECK(x3, 1)
    CHECK_MEM(16, 0x3333333333333333)
    CHECK_MEM(0, 0x5555555555555555)
    /* ... and the monitor is then clear for the first address too */
    stxr w3, x5, [x1]
    CHECK(x3, 1)
    CHECK_MEM(0, 0x5555555555555555)
    /* an exception (SVC, then ERET) in between clears the monitor */
    TEST_NUM(3)
    ldxr x0, [x1]
    TRAP_EXPECT
    svc #0
    stxr w3, x5, [x1]
    CHECK(x3, 1)
    CHECK_MEM(0, 0x5555555555555555)
    /* the last load-exclusive counts */
    TEST_NUM(4)
    ldxr x0, [x2]
    ldxr x0, [x1]
    stxr w3, x5, [x1]
    CHECK(x3, 0)
    CHECK_MEM(0, 0x6666666666666666)
    /* XZR as the data of both */
    TEST_NUM(5)
    ldxr xzr, [x1]
    stxr w3, xzr, [x1]
    CHECK(x3, 0)
    CHECK_MEM(0, 0)
    TEST_NUM(6)
    LI(x3, -1)
    ldxrb w0, [x1]
    stxrb w3, wzr, [x1]
    CHECK(x3, 0)                 /* the status is a W register: zero-extended */
    /* SP as the base */
    TEST_NUM(7)
    mov x6, sp
    sub sp, sp, #16
    LI(x4, 0x0123456789abcdef)
    str x4, [sp]
    ldaxr x0, [sp]
    CHECK(x0, 0x0123456789abcdef)
    LI(x5, 0x7777777777777777)
    stlxr w3, x5, [sp]
    CHECK(x3, 0)
    ldar x0, [sp]
    CHECK(x0, 0x7777777777777777)
    stlr wzr, [sp]
    ldr x0, [sp]
    CHECK(x0, 0x7777777700000000)
    ldxp x7, x8, [sp]
    stxp w3, x8, x7, [sp]
    CHECK(x3, 0)
    ldp x7, x8, [sp]
    CHECK(x7, 0)                 /* the second doubleword of the pair was 0 (stack) ... */
    add sp, sp, #16
    mov x9, sp
    CHECK_REG(x9, x6)
    /* W pair: a store to the second word in between fails the STLXP */
    TEST_NUM(8)
    ldaxp w4, w5, [x2]
    CHECK(x4, 0x33333333)
    CHECK(x5, 0x33333333)
    mov w7, #0x99
    str w7, [x2, #4]
    stlxp w3, w7, w7, [x2]
    CHECK(x3, 1)
    CHECK_MEM(16, 0x0000009933333333)
    /* X pair: a store to the second doubleword in between */
    TEST_NUM(9)
    ldxp x4, x5, [x2]
    CHECK(x5, 0x4444444444444444)
    str xzr, [x2, #8]
    stxp w3, x4, x4, [x2]
    CHECK(x3, 1)
    CHECK_MEM(24, 0)
    CHECK_MEM(16, 0x0000009933333333)
TEST_END
