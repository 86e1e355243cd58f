/*
 * rv64a.S — RV64A: lr/sc (.w and .d: success writes 0 and stores, sc without a reservation or
 * to a different address than the lr fails with 1 and does not store, a reservation is used
 * up by sc), every AMO in .w and .d form (old value returned, .w values sign-extended, signed
 * and unsigned min/max edge cases, only 32 bits written by .w), aq/rl bits, rd == x0, rd ==
 * rs2, and alignment: a misaligned AMO or sc raises store/AMO address-misaligned (mcause 6),
 * a misaligned lr raises load address-misaligned (mcause 4), mtval = the address.
 */
#include "harness.h"

    .data
    .balign 16
amobuf:
    .dword 0, 0, 0, 0

/* AMO .d: memory = init; op a0, rs2, (a1); check a0 == old and memory == new */
#define TEST_AMO_D(n, op, init, src, old, new) \
    li gp, n; la a1, amobuf; li a2, init; sd a2, 0(a1); li a3, src; \
    op a0, a3, (a1); CHECK(a0, old); ld a4, 0(a1); CHECK(a4, new)
/* AMO .w on the low word of a dword whose high word is 0x5a5a5a5a */
#define TEST_AMO_W(n, op, init, src, old, new) \
    li gp, n; la a1, amobuf; li a2, 0x5a5a5a5a00000000; sd a2, 0(a1); li a2, init; sw a2, 0(a1); \
    li a3, src; op a0, a3, (a1); CHECK(a0, old); ld a4, 0(a1); CHECK(a4, new)

#define CHECK_AMO_MISALIGNED \
    ld t5, trap_cause; li t6, CAUSE_MISALIGNED_LOAD; beq t5, t6, 55556f; CHECK(t5, CAUSE_MISALIGNED_STORE); 55556:

TEST_BEGIN
    TEST_AMO_D(1, amoswap.d, 0x123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0xfedcba9876543210)
    TEST_AMO_D(2, amoswap.d, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x0000000000000001)
    TEST_AMO_D(3, amoadd.d, 0x123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0xffffffffffffffff)
    TEST_AMO_D(4, amoadd.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff)
    TEST_AMO_D(5, amoadd.d, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x0000000000000000)
    TEST_AMO_D(6, amoadd.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000002)
    TEST_AMO_D(7, amoxor.d, 0x123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0xffffffffffffffff)
    TEST_AMO_D(8, amoxor.d, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0xfffffffffffffffe)
    TEST_AMO_D(9, amoand.d, 0x123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0x0000000000000000)
    TEST_AMO_D(10, amoand.d, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x0000000000000001)
    TEST_AMO_D(11, amoor.d, 0x123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0xffffffffffffffff)
    TEST_AMO_D(12, amoor.d, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_AMO_D(13, amomin.d, 0x123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0xfedcba9876543210)
    TEST_AMO_D(14, amomin.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000)
    TEST_AMO_D(15, amomin.d, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_AMO_D(16, amomin.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_D(17, amomax.d, 0x123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0x0123456789abcdef)
    TEST_AMO_D(18, amomax.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_AMO_D(19, amomax.d, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x0000000000000001)
    TEST_AMO_D(20, amomax.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000005)
    TEST_AMO_D(21, amominu.d, 0x123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0x0123456789abcdef)
    TEST_AMO_D(22, amominu.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_AMO_D(23, amominu.d, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x0000000000000001)
    TEST_AMO_D(24, amominu.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000005)
    TEST_AMO_D(25, amomaxu.d, 0x123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0xfedcba9876543210)
    TEST_AMO_D(26, amomaxu.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000)
    TEST_AMO_D(27, amomaxu.d, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_AMO_D(28, amomaxu.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_W(29, amoswap.w, 0x89abcdef, 0x76543210, 0xffffffff89abcdef, 0x5a5a5a5a76543210)
    TEST_AMO_W(30, amoswap.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x5a5a5a5a00000001)
    TEST_AMO_W(31, amoadd.w, 0x89abcdef, 0x76543210, 0xffffffff89abcdef, 0x5a5a5a5affffffff)
    TEST_AMO_W(32, amoadd.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x5a5a5a5affffffff)
    TEST_AMO_W(33, amoadd.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x5a5a5a5a00000000)
    TEST_AMO_W(34, amoadd.w, 0x5, 0xfffffffd, 0x0000000000000005, 0x5a5a5a5a00000002)
    TEST_AMO_W(35, amoxor.w, 0x89abcdef, 0x76543210, 0xffffffff89abcdef, 0x5a5a5a5affffffff)
    TEST_AMO_W(36, amoxor.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x5a5a5a5afffffffe)
    TEST_AMO_W(37, amoand.w, 0x89abcdef, 0x76543210, 0xffffffff89abcdef, 0x5a5a5a5a00000000)
    TEST_AMO_W(38, amoand.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x5a5a5a5a00000001)
    TEST_AMO_W(39, amoor.w, 0x89abcdef, 0x76543210, 0xffffffff89abcdef, 0x5a5a5a5affffffff)
    TEST_AMO_W(40, amoor.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x5a5a5a5affffffff)
    TEST_AMO_W(41, amomin.w, 0x89abcdef, 0x76543210, 0xffffffff89abcdef, 0x5a5a5a5a89abcdef)
    TEST_AMO_W(42, amomin.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x5a5a5a5a80000000)
    TEST_AMO_W(43, amomin.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x5a5a5a5affffffff)
    TEST_AMO_W(44, amomin.w, 0x5, 0xfffffffd, 0x0000000000000005, 0x5a5a5a5afffffffd)
    TEST_AMO_W(45, amomax.w, 0x89abcdef, 0x76543210, 0xffffffff89abcdef, 0x5a5a5a5a76543210)
    TEST_AMO_W(46, amomax.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x5a5a5a5a7fffffff)
    TEST_AMO_W(47, amomax.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x5a5a5a5a00000001)
    TEST_AMO_W(48, amomax.w, 0x5, 0xfffffffd, 0x0000000000000005, 0x5a5a5a5a00000005)
    TEST_AMO_W(49, amominu.w, 0x89abcdef, 0x76543210, 0xffffffff89abcdef, 0x5a5a5a5a76543210)
    TEST_AMO_W(50, amominu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x5a5a5a5a7fffffff)
    TEST_AMO_W(51, amominu.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x5a5a5a5a00000001)
    TEST_AMO_W(52, amominu.w, 0x5, 0xfffffffd, 0x0000000000000005, 0x5a5a5a5a00000005)
    TEST_AMO_W(53, amomaxu.w, 0x89abcdef, 0x76543210, 0xffffffff89abcdef, 0x5a5a5a5a89abcdef)
    TEST_AMO_W(54, amomaxu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x5a5a5a5a80000000)
    TEST_AMO_W(55, amomaxu.w, 0xffffffff, 0x1, 0xffffffffffffffff, 0x5a5a5a5affffffff)
    TEST_AMO_W(56, amomaxu.w, 0x5, 0xfffffffd, 0x0000000000000005, 0x5a5a5a5afffffffd)

    /* aq/rl variants */
    TEST_AMO_D(57, amoadd.d.aq, 10, 5, 10, 15)
    TEST_AMO_D(58, amoadd.d.rl, 10, 5, 10, 15)
    TEST_AMO_D(59, amoadd.d.aqrl, 10, 5, 10, 15)
    TEST_AMO_W(60, amoswap.w.aqrl, 0x80000000, 1, 0xffffffff80000000, 0x5a5a5a5a00000001)
    TEST_AMO_W(61, amomaxu.w.aq, 0x80000000, 1, 0xffffffff80000000, 0x5a5a5a5a80000000)

    /* rd == x0: memory still updated */
    TEST_NUM(62)
    la a1, amobuf
    li a2, 100
    sd a2, 0(a1)
    li a3, 23
    amoadd.d x0, a3, (a1)
    CHECK(zero, 0)
    ld a0, 0(a1)
    CHECK(a0, 123)
    /* rd == rs2: rd gets the old value, memory the old rs2 */
    TEST_NUM(63)
    li a3, 7
    amoswap.d a3, a3, (a1)
    CHECK(a3, 123)
    ld a0, 0(a1)
    CHECK(a0, 7)
    /* rd == rs1 */
    TEST_NUM(64)
    mv a4, a1
    li a3, 1
    amoadd.d a4, a3, (a4)
    CHECK(a4, 7)
    ld a0, 0(a1)
    CHECK(a0, 8)

    /* lr/sc success */
    TEST_NUM(65)
    la a1, amobuf
    li a2, 0x1111111122222222
    sd a2, 0(a1)
    lr.d a0, (a1)
    CHECK(a0, 0x1111111122222222)
    li a3, 0x3333333344444444
    sc.d a4, a3, (a1)
    CHECK(a4, 0)
    ld a0, 0(a1)
    CHECK(a0, 0x3333333344444444)
    /* the reservation is used up: a second sc fails and stores nothing */
    TEST_NUM(66)
    li a3, 0x5555
    sc.d a4, a3, (a1)
    CHECK(a4, 1)
    ld a0, 0(a1)
    CHECK(a0, 0x3333333344444444)
    /* lr.w sign-extends; sc.w writes 32 bits */
    TEST_NUM(67)
    li a2, 0x66666666f0000001
    sd a2, 0(a1)
    lr.w a0, (a1)
    CHECK(a0, 0xfffffffff0000001)
    li a3, 0x12345678
    sc.w a4, a3, (a1)
    CHECK(a4, 0)
    ld a0, 0(a1)
    CHECK(a0, 0x6666666612345678)
    TEST_NUM(68)
    li a3, 0x7777
    sc.w a4, a3, (a1)
    CHECK(a4, 1)
    ld a0, 0(a1)
    CHECK(a0, 0x6666666612345678)
    /* sc to a different address than the lr fails (QEMU compares the reserved address) and
       also clears the reservation */
    TEST_NUM(69)
    sd zero, 8(a1)
    lr.d a0, (a1)
    addi a5, a1, 8
    li a3, 99
    sc.d a4, a3, (a5)
    CHECK(a4, 1)
    ld a0, 8(a1)
    CHECK(a0, 0)
    sc.d a4, a3, (a1)
    CHECK(a4, 1)
    ld a0, 0(a1)
    CHECK(a0, 0x6666666612345678)
    /* aq/rl on lr/sc, retry loop idiom (atomic increment) */
    TEST_NUM(70)
    li a2, 41
    sd a2, 0(a1)
1:  lr.d.aq a0, (a1)
    addi a0, a0, 1
    sc.d.rl a4, a0, (a1)
    bnez a4, 1b
    ld a0, 0(a1)
    CHECK(a0, 42)
    TEST_NUM(71)
2:  lr.w.aqrl a0, (a1)
    addi a0, a0, 1
    sc.w.aqrl a4, a0, (a1)
    bnez a4, 2b
    ld a0, 0(a1)
    CHECK(a0, 43)
    /* sc with rd == x0 still stores */
    TEST_NUM(72)
    lr.d a0, (a1)
    li a3, 0xabc
    sc.d x0, a3, (a1)
    ld a0, 0(a1)
    CHECK(a0, 0xabc)
    CHECK(zero, 0)
    /* lr into x0: reservation still taken */
    TEST_NUM(73)
    lr.d x0, (a1)
    li a3, 0xdef
    sc.d a4, a3, (a1)
    CHECK(a4, 0)
    ld a0, 0(a1)
    CHECK(a0, 0xdef)

    /* misaligned AMOs: the spec says store/AMO address misaligned (6); QEMU 7.2 raises load
       address misaligned (4) (it does the load half first). Either is accepted; mtval = the
       address, and memory is unchanged. */
    la a1, amobuf
    li a2, 0x0102030405060708
    sd a2, 0(a1)
    sd a2, 8(a1)
    addi s1, a1, 4
    TEST_NUM(74)
    TRAP_EXPECT
1:  amoadd.d a0, a2, (s1)
    CHECK_AMO_MISALIGNED
    CHECK_TRAP_EPC(1b)
    CHECK_TRAP_TVAL_REG(s1)
    addi s1, a1, 2
    TEST_NUM(75)
    TRAP_EXPECT
2:  amoswap.w a0, a2, (s1)
    CHECK_AMO_MISALIGNED
    CHECK_TRAP_EPC(2b)
    CHECK_TRAP_TVAL_REG(s1)
    addi s1, a1, 1
    TEST_NUM(76)
    TRAP_EXPECT
3:  amomaxu.d a0, a2, (s1)
    CHECK_AMO_MISALIGNED
    CHECK_TRAP_EPC(3b)
    CHECK_TRAP_TVAL_REG(s1)
    TEST_NUM(77)
    ld a0, 0(a1)
    CHECK(a0, 0x0102030405060708)
    ld a0, 8(a1)
    CHECK(a0, 0x0102030405060708)
    /* misaligned lr: load address misaligned */
    addi s1, a1, 4
    TEST_NUM(78)
    TRAP_EXPECT
4:  lr.d a0, (s1)
    CHECK_TRAP_CAUSE(CAUSE_MISALIGNED_LOAD)
    CHECK_TRAP_EPC(4b)
    CHECK_TRAP_TVAL_REG(s1)
    addi s1, a1, 6
    TEST_NUM(79)
    TRAP_EXPECT
5:  lr.w a0, (s1)
    CHECK_TRAP_CAUSE(CAUSE_MISALIGNED_LOAD)
    CHECK_TRAP_EPC(5b)
    CHECK_TRAP_TVAL_REG(s1)
    /* a word AMO at a 4-aligned (not 8-aligned) address is fine */
    TEST_NUM(80)
    addi s1, a1, 4
    li a3, 1
    amoadd.w a0, a3, (s1)
    CHECK(a0, 0x01020304)
    ld a0, 0(a1)
    CHECK(a0, 0x0102030505060708)
    /* AMO to unmapped memory: the spec says store/AMO access fault (7); QEMU 7.2 raises load
       access fault (5). Either is accepted; mtval = the address. */
    TEST_NUM(81)
    li s1, 0x9000000
    TRAP_EXPECT
6:  amoadd.w a0, a3, (s1)
    ld t5, trap_cause; li t6, CAUSE_LOAD_ACCESS; beq t5, t6, 7f; CHECK(t5, CAUSE_STORE_ACCESS); 7:
    CHECK_TRAP_EPC(6b)
    CHECK_TRAP_TVAL_REG(s1)
TEST_END
