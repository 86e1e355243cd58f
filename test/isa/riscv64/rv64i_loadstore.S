/*
 * rv64i_loadstore.S — loads of every size with sign/zero extension, stores of every size
 * (only the addressed bytes change, little-endian), positive/negative offsets, rd == rs1,
 * loads into x0, and misaligned loads/stores (QEMU 7.2 performs plain misaligned integer
 * loads and stores in M-mode without trapping; the tests expect the right value).
 */
#include "harness.h"

    .data
    .balign 16
src:
    .dword 0x8899aabbccddeeff       /* bytes ff ee dd cc bb aa 99 88 */
    .dword 0x0011223344556677
    .dword 0xfedcba9876543210
    .dword 0
dst:
    .dword 0, 0, 0, 0

#define TEST_LD(n, op, result, off) \
    li gp, n; la a1, src; op a0, off(a1); CHECK(a0, result)

TEST_BEGIN
    TEST_LD(1, lb, 0xffffffffffffffff, 0)
    TEST_LD(2, lb, 0xffffffffffffffee, 1)
    TEST_LD(3, lb, 0x0000000000000077, 8)
    TEST_LD(4, lbu, 0xff, 0)
    TEST_LD(5, lbu, 0x88, 7)
    TEST_LD(6, lh, 0xffffffffffffeeff, 0)
    TEST_LD(7, lh, 0x0000000000006677, 8)
    TEST_LD(8, lh, 0xffffffffffff8899, 6)
    TEST_LD(9, lhu, 0xeeff, 0)
    TEST_LD(10, lhu, 0x8899, 6)
    TEST_LD(11, lw, 0xffffffffccddeeff, 0)
    TEST_LD(12, lw, 0xffffffff8899aabb, 4)
    TEST_LD(13, lw, 0x44556677, 8)
    TEST_LD(14, lwu, 0xccddeeff, 0)
    TEST_LD(15, lwu, 0x8899aabb, 4)
    TEST_LD(16, ld, 0x8899aabbccddeeff, 0)
    TEST_LD(17, ld, 0x0011223344556677, 8)

    /* negative offsets, maximal offsets */
    TEST_CASE(18, a0, 0x0011223344556677, la a1, src + 16; ld a0, -8(a1))
    TEST_CASE(19, a0, 0xffffffffffffff88, la a1, src + 2048 + 7; lb a0, -2048(a1))
    TEST_CASE(20, a0, 0xfedcba9876543210, la a1, src + 16 - 2047; ld a0, 2047(a1))
    /* rd == rs1 */
    TEST_CASE(21, a1, 0x8899aabbccddeeff, la a1, src; ld a1, 0(a1))
    TEST_CASE(22, a1, 0xffffffffccddeeff, la a1, src; lw a1, 0(a1))
    /* loads into x0: the value is discarded */
    TEST_CASE(23, zero, 0, la a1, src; ld x0, 0(a1))
    TEST_CASE(24, zero, 0, la a1, src; lb x0, 0(a1))
    TEST_CASE(25, zero, 0, la a1, src; lwu x0, 4(a1))

    /* stores: only the addressed bytes change */
    TEST_NUM(26)
    la a1, dst
    li a2, -1
    sd a2, 0(a1)
    li a3, 0x1122334455667788
    sb a3, 0(a1)
    ld a0, 0(a1)
    CHECK(a0, 0xffffffffffffff88)
    TEST_NUM(27)
    sh a3, 2(a1)
    ld a0, 0(a1)
    CHECK(a0, 0xffffffff7788ff88)
    TEST_NUM(28)
    sw a3, 4(a1)
    ld a0, 0(a1)
    CHECK(a0, 0x556677887788ff88)
    TEST_NUM(29)
    sd a3, 8(a1)
    ld a0, 8(a1)
    CHECK(a0, 0x1122334455667788)
    ld a0, 0(a1)                /* neighbour untouched */
    CHECK(a0, 0x556677887788ff88)
    TEST_NUM(30)
    la a1, dst + 16 + 2048
    li a3, 0xabcdef
    sw a3, -2048(a1)
    la a1, dst + 16
    ld a0, 0(a1)
    CHECK(a0, 0x0000000000abcdef)
    TEST_NUM(31)                /* store of x0 */
    li a2, -1
    sd a2, 0(a1)
    sh x0, 6(a1)
    ld a0, 0(a1)
    CHECK(a0, 0x0000ffffffffffff)
    TEST_NUM(32)                /* store then load of a different size (byte order) */
    li a2, 0x0102030405060708
    sd a2, 0(a1)
    lbu a0, 0(a1)
    CHECK(a0, 0x08)
    lhu a0, 6(a1)
    CHECK(a0, 0x0102)
    lw a0, 4(a1)
    CHECK(a0, 0x01020304)

    /* misaligned loads and stores (performed, no trap) */
    TEST_CASE(33, a0, 0xffffffff99aabbcc, la a1, src; lw a0, 3(a1))
    TEST_CASE(34, a0, 0x99aabbcc, la a1, src; lwu a0, 3(a1))
    TEST_CASE(35, a0, 0x778899aabbccddee, la a1, src; ld a0, 1(a1))
    TEST_CASE(36, a0, 0xffffffffffffddee, la a1, src; lh a0, 1(a1))
    TEST_CASE(37, a0, 0x7788, la a1, src; lhu a0, 7(a1))
    TEST_CASE(38, a0, 0x33445566778899aa, la a1, src; ld a0, 5(a1))
    TEST_NUM(39)
    la a1, dst
    sd zero, 0(a1)
    sd zero, 8(a1)
    li a2, 0x1122334455667788
    sd a2, 3(a1)
    ld a0, 0(a1)
    CHECK(a0, 0x4455667788000000)
    ld a0, 8(a1)
    CHECK(a0, 0x0000000000112233)
    TEST_NUM(40)
    li a2, 0xaabbccdd
    sw a2, 7(a1)
    ld a0, 0(a1)
    CHECK(a0, 0xdd55667788000000)
    ld a0, 8(a1)
    CHECK(a0, 0x0000000000aabbcc)
    TEST_NUM(41)
    li a2, 0xbeef
    sh a2, 1(a1)
    lhu a0, 1(a1)
    CHECK(a0, 0xbeef)
    ld a0, 0(a1)
    CHECK(a0, 0xdd55667788beef00)

    /* misaligned accesses straddling a 4 KiB page boundary */
    TEST_NUM(42)
    la a1, page2
    li a2, 0x0807060504030201
    sd a2, -3(a1)
    ld a0, -3(a1)
    CHECK(a0, 0x0807060504030201)
    lw a0, -4(a1)
    CHECK(a0, 0x03020100)
    TEST_NUM(43)
    lhu a0, -1(a1)
    CHECK(a0, 0x0403)
    lwu a0, -2(a1)
    CHECK(a0, 0x05040302)
TEST_END

    .bss
    .balign 4096
page1:
    .space 4096
page2:
    .space 64
