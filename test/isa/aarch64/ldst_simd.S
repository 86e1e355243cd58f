/*
 * ldst_simd.S — AdvSIMD structure loads and stores: LD1/ST1 of 1-4 registers and
 * LD2-LD4/ST2-ST4 of every arrangement (8B 16B 4H 8H 2S 4S 1D 2D; the 64-bit forms zero the
 * upper halves), register lists that wrap from v31 to v0, post-index by the transfer size
 * and by a register (the base moves only then), single-lane LD1-LD4/ST1-ST4 of every
 * element size at the first, last and a middle index (the other lanes stay), and
 * LD1R-LD4R of every arrangement.  Vector registers are checked through STR Q.
 * Generated from the ARM ARM pseudocode by a script (expectations only); all accesses are
 * naturally aligned (MMU off: Device memory).
 */
#include "harness.h"

/* vector register r: low and high doublewords (through memory: no SIMD moves needed) */
#define CHECK_V(r, lo, hi) adr x26, vscratch; str q##r, [x26]; ldr x26, [x26]; CHECK(x26, lo); \
    adr x26, vscratch; ldr x26, [x26, #8]; CHECK(x26, hi)
/* the doubleword at dst + off must be val */
#define CHECK_DST(off, val) ldr x26, [x21, #(off)]; CHECK(x26, val)
/* dst = 128 bytes of 0xaa */
#define RESET_DST LI(x9, 0xaaaaaaaaaaaaaaaa); mov x10, x21; .rept 8; stp x9, x9, [x10], #16; .endr

    .data
    .balign 16
src:
    .byte 0x03, 0x0a, 0x11, 0x18, 0x1f, 0x26, 0x2d, 0x34, 0x3b, 0x42, 0x49, 0x50, 0x57, 0x5e, 0x65, 0x6c
    .byte 0x73, 0x7a, 0x81, 0x88, 0x8f, 0x96, 0x9d, 0xa4, 0xab, 0xb2, 0xb9, 0xc0, 0xc7, 0xce, 0xd5, 0xdc
    .byte 0xe3, 0xea, 0xf1, 0xf8, 0xff, 0x06, 0x0d, 0x14, 0x1b, 0x22, 0x29, 0x30, 0x37, 0x3e, 0x45, 0x4c
    .byte 0x53, 0x5a, 0x61, 0x68, 0x6f, 0x76, 0x7d, 0x84, 0x8b, 0x92, 0x99, 0xa0, 0xa7, 0xae, 0xb5, 0xbc
    .byte 0xc3, 0xca, 0xd1, 0xd8, 0xdf, 0xe6, 0xed, 0xf4, 0xfb, 0x02, 0x09, 0x10, 0x17, 0x1e, 0x25, 0x2c
    .byte 0x33, 0x3a, 0x41, 0x48, 0x4f, 0x56, 0x5d, 0x64, 0x6b, 0x72, 0x79, 0x80, 0x87, 0x8e, 0x95, 0x9c
    .byte 0xa3, 0xaa, 0xb1, 0xb8, 0xbf, 0xc6, 0xcd, 0xd4, 0xdb, 0xe2, 0xe9, 0xf0, 0xf7, 0xfe, 0x05, 0x0c
    .byte 0x13, 0x1a, 0x21, 0x28, 0x2f, 0x36, 0x3d, 0x44, 0x4b, 0x52, 0x59, 0x60, 0x67, 0x6e, 0x75, 0x7c
fill:
    .byte 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee
vscratch:
    .space 16
    .balign 16
dst:
    .space 128

TEST_BEGIN
    adr x20, src
    adr x21, dst
    TEST_NUM(1)
    ldr q2, fill
    add x1, x20, #8
    ld1 {v2.8b}, [x1]
    CHECK_V(2, 0x6c655e575049423b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(2)
    ldr q2, fill
    add x1, x20, #16
    ld1 {v2.16b}, [x1]
    CHECK_V(2, 0xa49d968f88817a73, 0xdcd5cec7c0b9b2ab)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(3)
    ldr q2, fill
    add x1, x20, #24
    ld1 {v2.4h}, [x1]
    CHECK_V(2, 0xdcd5cec7c0b9b2ab, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(4)
    ldr q2, fill
    add x1, x20, #32
    ld1 {v2.8h}, [x1]
    CHECK_V(2, 0x140d06fff8f1eae3, 0x4c453e373029221b)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(5)
    ldr q2, fill
    add x1, x20, #0
    ld1 {v2.2s}, [x1]
    CHECK_V(2, 0x342d261f18110a03, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(6)
    ldr q2, fill
    add x1, x20, #8
    ld1 {v2.4s}, [x1]
    CHECK_V(2, 0x6c655e575049423b, 0xa49d968f88817a73)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(7)
    ldr q2, fill
    add x1, x20, #16
    ld1 {v2.1d}, [x1]
    CHECK_V(2, 0xa49d968f88817a73, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(8)
    ldr q2, fill
    add x1, x20, #24
    ld1 {v2.2d}, [x1]
    CHECK_V(2, 0xdcd5cec7c0b9b2ab, 0x140d06fff8f1eae3)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(9)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #32
    ld1 {v5.8b, v6.8b}, [x1]
    CHECK_V(5, 0x140d06fff8f1eae3, 0x0000000000000000)
    CHECK_V(6, 0x4c453e373029221b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(10)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #0
    ld1 {v5.16b, v6.16b}, [x1]
    CHECK_V(5, 0x342d261f18110a03, 0x6c655e575049423b)
    CHECK_V(6, 0xa49d968f88817a73, 0xdcd5cec7c0b9b2ab)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(11)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #8
    ld1 {v5.4h, v6.4h}, [x1]
    CHECK_V(5, 0x6c655e575049423b, 0x0000000000000000)
    CHECK_V(6, 0xa49d968f88817a73, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(12)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #16
    ld1 {v5.8h, v6.8h}, [x1]
    CHECK_V(5, 0xa49d968f88817a73, 0xdcd5cec7c0b9b2ab)
    CHECK_V(6, 0x140d06fff8f1eae3, 0x4c453e373029221b)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(13)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #24
    ld1 {v5.2s, v6.2s}, [x1]
    CHECK_V(5, 0xdcd5cec7c0b9b2ab, 0x0000000000000000)
    CHECK_V(6, 0x140d06fff8f1eae3, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(14)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #32
    ld1 {v5.4s, v6.4s}, [x1]
    CHECK_V(5, 0x140d06fff8f1eae3, 0x4c453e373029221b)
    CHECK_V(6, 0x847d766f68615a53, 0xbcb5aea7a099928b)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(15)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #0
    ld1 {v5.1d, v6.1d}, [x1]
    CHECK_V(5, 0x342d261f18110a03, 0x0000000000000000)
    CHECK_V(6, 0x6c655e575049423b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(16)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #8
    ld1 {v5.2d, v6.2d}, [x1]
    CHECK_V(5, 0x6c655e575049423b, 0xa49d968f88817a73)
    CHECK_V(6, 0xdcd5cec7c0b9b2ab, 0x140d06fff8f1eae3)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(17)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #16
    ld1 {v9.8b, v10.8b, v11.8b}, [x1]
    CHECK_V(9, 0xa49d968f88817a73, 0x0000000000000000)
    CHECK_V(10, 0xdcd5cec7c0b9b2ab, 0x0000000000000000)
    CHECK_V(11, 0x140d06fff8f1eae3, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(18)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #24
    ld1 {v9.16b, v10.16b, v11.16b}, [x1]
    CHECK_V(9, 0xdcd5cec7c0b9b2ab, 0x140d06fff8f1eae3)
    CHECK_V(10, 0x4c453e373029221b, 0x847d766f68615a53)
    CHECK_V(11, 0xbcb5aea7a099928b, 0xf4ede6dfd8d1cac3)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(19)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #32
    ld1 {v9.4h, v10.4h, v11.4h}, [x1]
    CHECK_V(9, 0x140d06fff8f1eae3, 0x0000000000000000)
    CHECK_V(10, 0x4c453e373029221b, 0x0000000000000000)
    CHECK_V(11, 0x847d766f68615a53, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(20)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #0
    ld1 {v9.8h, v10.8h, v11.8h}, [x1]
    CHECK_V(9, 0x342d261f18110a03, 0x6c655e575049423b)
    CHECK_V(10, 0xa49d968f88817a73, 0xdcd5cec7c0b9b2ab)
    CHECK_V(11, 0x140d06fff8f1eae3, 0x4c453e373029221b)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(21)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #8
    ld1 {v9.2s, v10.2s, v11.2s}, [x1]
    CHECK_V(9, 0x6c655e575049423b, 0x0000000000000000)
    CHECK_V(10, 0xa49d968f88817a73, 0x0000000000000000)
    CHECK_V(11, 0xdcd5cec7c0b9b2ab, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(22)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #16
    ld1 {v9.4s, v10.4s, v11.4s}, [x1]
    CHECK_V(9, 0xa49d968f88817a73, 0xdcd5cec7c0b9b2ab)
    CHECK_V(10, 0x140d06fff8f1eae3, 0x4c453e373029221b)
    CHECK_V(11, 0x847d766f68615a53, 0xbcb5aea7a099928b)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(23)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #24
    ld1 {v9.1d, v10.1d, v11.1d}, [x1]
    CHECK_V(9, 0xdcd5cec7c0b9b2ab, 0x0000000000000000)
    CHECK_V(10, 0x140d06fff8f1eae3, 0x0000000000000000)
    CHECK_V(11, 0x4c453e373029221b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(24)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #32
    ld1 {v9.2d, v10.2d, v11.2d}, [x1]
    CHECK_V(9, 0x140d06fff8f1eae3, 0x4c453e373029221b)
    CHECK_V(10, 0x847d766f68615a53, 0xbcb5aea7a099928b)
    CHECK_V(11, 0xf4ede6dfd8d1cac3, 0x2c251e17100902fb)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(25)
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #0
    ld1 {v30.8b, v31.8b, v0.8b, v1.8b}, [x1]
    CHECK_V(30, 0x342d261f18110a03, 0x0000000000000000)
    CHECK_V(31, 0x6c655e575049423b, 0x0000000000000000)
    CHECK_V(0, 0xa49d968f88817a73, 0x0000000000000000)
    CHECK_V(1, 0xdcd5cec7c0b9b2ab, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(26)
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #8
    ld1 {v30.16b, v31.16b, v0.16b, v1.16b}, [x1]
    CHECK_V(30, 0x6c655e575049423b, 0xa49d968f88817a73)
    CHECK_V(31, 0xdcd5cec7c0b9b2ab, 0x140d06fff8f1eae3)
    CHECK_V(0, 0x4c453e373029221b, 0x847d766f68615a53)
    CHECK_V(1, 0xbcb5aea7a099928b, 0xf4ede6dfd8d1cac3)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(27)
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #16
    ld1 {v30.4h, v31.4h, v0.4h, v1.4h}, [x1]
    CHECK_V(30, 0xa49d968f88817a73, 0x0000000000000000)
    CHECK_V(31, 0xdcd5cec7c0b9b2ab, 0x0000000000000000)
    CHECK_V(0, 0x140d06fff8f1eae3, 0x0000000000000000)
    CHECK_V(1, 0x4c453e373029221b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(28)
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #24
    ld1 {v30.8h, v31.8h, v0.8h, v1.8h}, [x1]
    CHECK_V(30, 0xdcd5cec7c0b9b2ab, 0x140d06fff8f1eae3)
    CHECK_V(31, 0x4c453e373029221b, 0x847d766f68615a53)
    CHECK_V(0, 0xbcb5aea7a099928b, 0xf4ede6dfd8d1cac3)
    CHECK_V(1, 0x2c251e17100902fb, 0x645d564f48413a33)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(29)
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #32
    ld1 {v30.2s, v31.2s, v0.2s, v1.2s}, [x1]
    CHECK_V(30, 0x140d06fff8f1eae3, 0x0000000000000000)
    CHECK_V(31, 0x4c453e373029221b, 0x0000000000000000)
    CHECK_V(0, 0x847d766f68615a53, 0x0000000000000000)
    CHECK_V(1, 0xbcb5aea7a099928b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(30)
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #0
    ld1 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
    CHECK_V(30, 0x342d261f18110a03, 0x6c655e575049423b)
    CHECK_V(31, 0xa49d968f88817a73, 0xdcd5cec7c0b9b2ab)
    CHECK_V(0, 0x140d06fff8f1eae3, 0x4c453e373029221b)
    CHECK_V(1, 0x847d766f68615a53, 0xbcb5aea7a099928b)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(31)
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #8
    ld1 {v30.1d, v31.1d, v0.1d, v1.1d}, [x1]
    CHECK_V(30, 0x6c655e575049423b, 0x0000000000000000)
    CHECK_V(31, 0xa49d968f88817a73, 0x0000000000000000)
    CHECK_V(0, 0xdcd5cec7c0b9b2ab, 0x0000000000000000)
    CHECK_V(1, 0x140d06fff8f1eae3, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(32)
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #16
    ld1 {v30.2d, v31.2d, v0.2d, v1.2d}, [x1]
    CHECK_V(30, 0xa49d968f88817a73, 0xdcd5cec7c0b9b2ab)
    CHECK_V(31, 0x140d06fff8f1eae3, 0x4c453e373029221b)
    CHECK_V(0, 0x847d766f68615a53, 0xbcb5aea7a099928b)
    CHECK_V(1, 0xf4ede6dfd8d1cac3, 0x2c251e17100902fb)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(33)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #24
    ld2 {v5.8b, v6.8b}, [x1]
    CHECK_V(5, 0x0dfff1e3d5c7b9ab, 0x0000000000000000)
    CHECK_V(6, 0x1406f8eadccec0b2, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(34)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #32
    ld2 {v5.16b, v6.16b}, [x1]
    CHECK_V(5, 0x4537291b0dfff1e3, 0xb5a7998b7d6f6153)
    CHECK_V(6, 0x4c3e30221406f8ea, 0xbcaea0928476685a)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(35)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #0
    ld2 {v5.4h, v6.4h}, [x1]
    CHECK_V(5, 0x5e57423b261f0a03, 0x0000000000000000)
    CHECK_V(6, 0x6c655049342d1811, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(36)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #8
    ld2 {v5.8h, v6.8h}, [x1]
    CHECK_V(5, 0x968f7a735e57423b, 0x06ffeae3cec7b2ab)
    CHECK_V(6, 0xa49d88816c655049, 0x140df8f1dcd5c0b9)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(37)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #16
    ld2 {v5.2s, v6.2s}, [x1]
    CHECK_V(5, 0xc0b9b2ab88817a73, 0x0000000000000000)
    CHECK_V(6, 0xdcd5cec7a49d968f, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(38)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #24
    ld2 {v5.4s, v6.4s}, [x1]
    CHECK_V(5, 0xf8f1eae3c0b9b2ab, 0x68615a533029221b)
    CHECK_V(6, 0x140d06ffdcd5cec7, 0x847d766f4c453e37)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(39)
    ldr q5, fill
    ldr q6, fill
    add x1, x20, #32
    ld2 {v5.2d, v6.2d}, [x1]
    CHECK_V(5, 0x140d06fff8f1eae3, 0x847d766f68615a53)
    CHECK_V(6, 0x4c453e373029221b, 0xbcb5aea7a099928b)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(40)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #0
    ld3 {v9.8b, v10.8b, v11.8b}, [x1]
    CHECK_V(9, 0x96816c57422d1803, 0x0000000000000000)
    CHECK_V(10, 0x9d88735e49341f0a, 0x0000000000000000)
    CHECK_V(11, 0xa48f7a65503b2611, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(41)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #8
    ld3 {v9.16b, v10.16b, v11.16b}, [x1]
    CHECK_V(9, 0xceb9a48f7a65503b, 0x76614c37220df8e3)
    CHECK_V(10, 0xd5c0ab96816c5742, 0x7d68533e2914ffea)
    CHECK_V(11, 0xdcc7b29d88735e49, 0x846f5a45301b06f1)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(42)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #16
    ld3 {v9.4h, v10.4h, v11.4h}, [x1]
    CHECK_V(9, 0xf8f1cec7a49d7a73, 0x0000000000000000)
    CHECK_V(10, 0x06ffdcd5b2ab8881, 0x0000000000000000)
    CHECK_V(11, 0x140deae3c0b9968f, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(43)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #24
    ld3 {v9.8h, v10.8h, v11.8h}, [x1]
    CHECK_V(9, 0x302906ffdcd5b2ab, 0xd8d1aea7847d5a53)
    CHECK_V(10, 0x3e37140deae3c0b9, 0xe6dfbcb5928b6861)
    CHECK_V(11, 0x4c45221bf8f1cec7, 0xf4edcac3a099766f)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(44)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #32
    ld3 {v9.2s, v10.2s, v11.2s}, [x1]
    CHECK_V(9, 0x4c453e37f8f1eae3, 0x0000000000000000)
    CHECK_V(10, 0x68615a53140d06ff, 0x0000000000000000)
    CHECK_V(11, 0x847d766f3029221b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(45)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #0
    ld3 {v9.4s, v10.4s, v11.4s}, [x1]
    CHECK_V(9, 0x6c655e5718110a03, 0x140d06ffc0b9b2ab)
    CHECK_V(10, 0x88817a73342d261f, 0x3029221bdcd5cec7)
    CHECK_V(11, 0xa49d968f5049423b, 0x4c453e37f8f1eae3)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(46)
    ldr q9, fill
    ldr q10, fill
    ldr q11, fill
    add x1, x20, #8
    ld3 {v9.2d, v10.2d, v11.2d}, [x1]
    CHECK_V(9, 0x6c655e575049423b, 0x140d06fff8f1eae3)
    CHECK_V(10, 0xa49d968f88817a73, 0x4c453e373029221b)
    CHECK_V(11, 0xdcd5cec7c0b9b2ab, 0x847d766f68615a53)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(47)
    ldr q28, fill
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    add x1, x20, #16
    ld4 {v28.8b, v29.8b, v30.8b, v31.8b}, [x1]
    CHECK_V(28, 0x371bffe3c7ab8f73, 0x0000000000000000)
    CHECK_V(29, 0x3e2206eaceb2967a, 0x0000000000000000)
    CHECK_V(30, 0x45290df1d5b99d81, 0x0000000000000000)
    CHECK_V(31, 0x4c3014f8dcc0a488, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(48)
    ldr q28, fill
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    add x1, x20, #24
    ld4 {v28.16b, v29.16b, v30.16b, v31.16b}, [x1]
    CHECK_V(28, 0x6f53371bffe3c7ab, 0x4f3317fbdfc3a78b)
    CHECK_V(29, 0x765a3e2206eaceb2, 0x563a1e02e6caae92)
    CHECK_V(30, 0x7d6145290df1d5b9, 0x5d412509edd1b599)
    CHECK_V(31, 0x84684c3014f8dcc0, 0x64482c10f4d8bca0)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(49)
    ldr q28, fill
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    add x1, x20, #32
    ld4 {v28.4h, v29.4h, v30.4h, v31.4h}, [x1]
    CHECK_V(28, 0x928b5a53221beae3, 0x0000000000000000)
    CHECK_V(29, 0xa09968613029f8f1, 0x0000000000000000)
    CHECK_V(30, 0xaea7766f3e3706ff, 0x0000000000000000)
    CHECK_V(31, 0xbcb5847d4c45140d, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(50)
    ldr q28, fill
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    add x1, x20, #0
    ld4 {v28.8h, v29.8h, v30.8h, v31.8h}, [x1]
    CHECK_V(28, 0xb2ab7a73423b0a03, 0x928b5a53221beae3)
    CHECK_V(29, 0xc0b9888150491811, 0xa09968613029f8f1)
    CHECK_V(30, 0xcec7968f5e57261f, 0xaea7766f3e3706ff)
    CHECK_V(31, 0xdcd5a49d6c65342d, 0xbcb5847d4c45140d)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(51)
    ldr q28, fill
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    add x1, x20, #8
    ld4 {v28.2s, v29.2s, v30.2s, v31.2s}, [x1]
    CHECK_V(28, 0xc0b9b2ab5049423b, 0x0000000000000000)
    CHECK_V(29, 0xdcd5cec76c655e57, 0x0000000000000000)
    CHECK_V(30, 0xf8f1eae388817a73, 0x0000000000000000)
    CHECK_V(31, 0x140d06ffa49d968f, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(52)
    ldr q28, fill
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    add x1, x20, #16
    ld4 {v28.4s, v29.4s, v30.4s, v31.4s}, [x1]
    CHECK_V(28, 0xf8f1eae388817a73, 0xd8d1cac368615a53)
    CHECK_V(29, 0x140d06ffa49d968f, 0xf4ede6df847d766f)
    CHECK_V(30, 0x3029221bc0b9b2ab, 0x100902fba099928b)
    CHECK_V(31, 0x4c453e37dcd5cec7, 0x2c251e17bcb5aea7)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(53)
    ldr q28, fill
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    add x1, x20, #24
    ld4 {v28.2d, v29.2d, v30.2d, v31.2d}, [x1]
    CHECK_V(28, 0xdcd5cec7c0b9b2ab, 0xbcb5aea7a099928b)
    CHECK_V(29, 0x140d06fff8f1eae3, 0xf4ede6dfd8d1cac3)
    CHECK_V(30, 0x4c453e373029221b, 0x2c251e17100902fb)
    CHECK_V(31, 0x847d766f68615a53, 0x645d564f48413a33)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(54)
    ldr q3, [x20, #6]
    RESET_DST
    st1 {v3.8b}, [x21]
    CHECK_DST(0, 0x5e575049423b342d)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(55)
    ldr q3, [x20, #9]
    RESET_DST
    st1 {v3.16b}, [x21]
    CHECK_DST(0, 0x736c655e57504942)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(56)
    ldr q3, [x20, #0]
    RESET_DST
    st1 {v3.4h}, [x21]
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(57)
    ldr q3, [x20, #3]
    RESET_DST
    st1 {v3.8h}, [x21]
    CHECK_DST(0, 0x49423b342d261f18)
    CHECK_DST(8, 0x817a736c655e5750)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(58)
    ldr q3, [x20, #6]
    RESET_DST
    st1 {v3.2s}, [x21]
    CHECK_DST(0, 0x5e575049423b342d)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(59)
    ldr q3, [x20, #9]
    RESET_DST
    st1 {v3.4s}, [x21]
    CHECK_DST(0, 0x736c655e57504942)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(60)
    ldr q3, [x20, #0]
    RESET_DST
    st1 {v3.1d}, [x21]
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(61)
    ldr q3, [x20, #3]
    RESET_DST
    st1 {v3.2d}, [x21]
    CHECK_DST(0, 0x49423b342d261f18)
    CHECK_DST(8, 0x817a736c655e5750)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(62)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    RESET_DST
    st1 {v3.8b, v4.8b}, [x21]
    CHECK_DST(0, 0x5e575049423b342d)
    CHECK_DST(8, 0xcec7c0b9b2aba49d)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(63)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    RESET_DST
    st1 {v3.16b, v4.16b}, [x21]
    CHECK_DST(0, 0x736c655e57504942)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0xe3dcd5cec7c0b9b2)
    CHECK_DST(24, 0x1b140d06fff8f1ea)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(64)
    ldr q3, [x20, #0]
    ldr q4, [x20, #16]
    RESET_DST
    st1 {v3.4h, v4.4h}, [x21]
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xa49d968f88817a73)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(65)
    ldr q3, [x20, #3]
    ldr q4, [x20, #19]
    RESET_DST
    st1 {v3.8h, v4.8h}, [x21]
    CHECK_DST(0, 0x49423b342d261f18)
    CHECK_DST(8, 0x817a736c655e5750)
    CHECK_DST(16, 0xb9b2aba49d968f88)
    CHECK_DST(24, 0xf1eae3dcd5cec7c0)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(66)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    RESET_DST
    st1 {v3.2s, v4.2s}, [x21]
    CHECK_DST(0, 0x5e575049423b342d)
    CHECK_DST(8, 0xcec7c0b9b2aba49d)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(67)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    RESET_DST
    st1 {v3.4s, v4.4s}, [x21]
    CHECK_DST(0, 0x736c655e57504942)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0xe3dcd5cec7c0b9b2)
    CHECK_DST(24, 0x1b140d06fff8f1ea)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(68)
    ldr q3, [x20, #0]
    ldr q4, [x20, #16]
    RESET_DST
    st1 {v3.1d, v4.1d}, [x21]
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xa49d968f88817a73)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(69)
    ldr q3, [x20, #3]
    ldr q4, [x20, #19]
    RESET_DST
    st1 {v3.2d, v4.2d}, [x21]
    CHECK_DST(0, 0x49423b342d261f18)
    CHECK_DST(8, 0x817a736c655e5750)
    CHECK_DST(16, 0xb9b2aba49d968f88)
    CHECK_DST(24, 0xf1eae3dcd5cec7c0)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(70)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    ldr q5, [x20, #38]
    RESET_DST
    st1 {v3.8b, v4.8b, v5.8b}, [x21]
    CHECK_DST(0, 0x5e575049423b342d)
    CHECK_DST(8, 0xcec7c0b9b2aba49d)
    CHECK_DST(16, 0x3e373029221b140d)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(71)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    ldr q5, [x20, #41]
    RESET_DST
    st1 {v3.16b, v4.16b, v5.16b}, [x21]
    CHECK_DST(0, 0x736c655e57504942)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0xe3dcd5cec7c0b9b2)
    CHECK_DST(24, 0x1b140d06fff8f1ea)
    CHECK_DST(32, 0x534c453e37302922)
    CHECK_DST(40, 0x8b847d766f68615a)
    CHECK_DST(48, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(72)
    ldr q3, [x20, #0]
    ldr q4, [x20, #16]
    ldr q5, [x20, #32]
    RESET_DST
    st1 {v3.4h, v4.4h, v5.4h}, [x21]
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xa49d968f88817a73)
    CHECK_DST(16, 0x140d06fff8f1eae3)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(73)
    ldr q3, [x20, #3]
    ldr q4, [x20, #19]
    ldr q5, [x20, #35]
    RESET_DST
    st1 {v3.8h, v4.8h, v5.8h}, [x21]
    CHECK_DST(0, 0x49423b342d261f18)
    CHECK_DST(8, 0x817a736c655e5750)
    CHECK_DST(16, 0xb9b2aba49d968f88)
    CHECK_DST(24, 0xf1eae3dcd5cec7c0)
    CHECK_DST(32, 0x29221b140d06fff8)
    CHECK_DST(40, 0x615a534c453e3730)
    CHECK_DST(48, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(74)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    ldr q5, [x20, #38]
    RESET_DST
    st1 {v3.2s, v4.2s, v5.2s}, [x21]
    CHECK_DST(0, 0x5e575049423b342d)
    CHECK_DST(8, 0xcec7c0b9b2aba49d)
    CHECK_DST(16, 0x3e373029221b140d)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(75)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    ldr q5, [x20, #41]
    RESET_DST
    st1 {v3.4s, v4.4s, v5.4s}, [x21]
    CHECK_DST(0, 0x736c655e57504942)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0xe3dcd5cec7c0b9b2)
    CHECK_DST(24, 0x1b140d06fff8f1ea)
    CHECK_DST(32, 0x534c453e37302922)
    CHECK_DST(40, 0x8b847d766f68615a)
    CHECK_DST(48, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(76)
    ldr q3, [x20, #0]
    ldr q4, [x20, #16]
    ldr q5, [x20, #32]
    RESET_DST
    st1 {v3.1d, v4.1d, v5.1d}, [x21]
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xa49d968f88817a73)
    CHECK_DST(16, 0x140d06fff8f1eae3)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(77)
    ldr q3, [x20, #3]
    ldr q4, [x20, #19]
    ldr q5, [x20, #35]
    RESET_DST
    st1 {v3.2d, v4.2d, v5.2d}, [x21]
    CHECK_DST(0, 0x49423b342d261f18)
    CHECK_DST(8, 0x817a736c655e5750)
    CHECK_DST(16, 0xb9b2aba49d968f88)
    CHECK_DST(24, 0xf1eae3dcd5cec7c0)
    CHECK_DST(32, 0x29221b140d06fff8)
    CHECK_DST(40, 0x615a534c453e3730)
    CHECK_DST(48, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(78)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    ldr q5, [x20, #38]
    ldr q6, [x20, #54]
    RESET_DST
    st1 {v3.8b, v4.8b, v5.8b, v6.8b}, [x21]
    CHECK_DST(0, 0x5e575049423b342d)
    CHECK_DST(8, 0xcec7c0b9b2aba49d)
    CHECK_DST(16, 0x3e373029221b140d)
    CHECK_DST(24, 0xaea7a099928b847d)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(79)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    ldr q5, [x20, #41]
    ldr q6, [x20, #57]
    RESET_DST
    st1 {v3.16b, v4.16b, v5.16b, v6.16b}, [x21]
    CHECK_DST(0, 0x736c655e57504942)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0xe3dcd5cec7c0b9b2)
    CHECK_DST(24, 0x1b140d06fff8f1ea)
    CHECK_DST(32, 0x534c453e37302922)
    CHECK_DST(40, 0x8b847d766f68615a)
    CHECK_DST(48, 0xc3bcb5aea7a09992)
    CHECK_DST(56, 0xfbf4ede6dfd8d1ca)
    CHECK_DST(64, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(80)
    ldr q3, [x20, #0]
    ldr q4, [x20, #16]
    ldr q5, [x20, #32]
    ldr q6, [x20, #48]
    RESET_DST
    st1 {v3.4h, v4.4h, v5.4h, v6.4h}, [x21]
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xa49d968f88817a73)
    CHECK_DST(16, 0x140d06fff8f1eae3)
    CHECK_DST(24, 0x847d766f68615a53)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(81)
    ldr q3, [x20, #3]
    ldr q4, [x20, #19]
    ldr q5, [x20, #35]
    ldr q6, [x20, #51]
    RESET_DST
    st1 {v3.8h, v4.8h, v5.8h, v6.8h}, [x21]
    CHECK_DST(0, 0x49423b342d261f18)
    CHECK_DST(8, 0x817a736c655e5750)
    CHECK_DST(16, 0xb9b2aba49d968f88)
    CHECK_DST(24, 0xf1eae3dcd5cec7c0)
    CHECK_DST(32, 0x29221b140d06fff8)
    CHECK_DST(40, 0x615a534c453e3730)
    CHECK_DST(48, 0x99928b847d766f68)
    CHECK_DST(56, 0xd1cac3bcb5aea7a0)
    CHECK_DST(64, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(82)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    ldr q5, [x20, #38]
    ldr q6, [x20, #54]
    RESET_DST
    st1 {v3.2s, v4.2s, v5.2s, v6.2s}, [x21]
    CHECK_DST(0, 0x5e575049423b342d)
    CHECK_DST(8, 0xcec7c0b9b2aba49d)
    CHECK_DST(16, 0x3e373029221b140d)
    CHECK_DST(24, 0xaea7a099928b847d)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(83)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    ldr q5, [x20, #41]
    ldr q6, [x20, #57]
    RESET_DST
    st1 {v3.4s, v4.4s, v5.4s, v6.4s}, [x21]
    CHECK_DST(0, 0x736c655e57504942)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0xe3dcd5cec7c0b9b2)
    CHECK_DST(24, 0x1b140d06fff8f1ea)
    CHECK_DST(32, 0x534c453e37302922)
    CHECK_DST(40, 0x8b847d766f68615a)
    CHECK_DST(48, 0xc3bcb5aea7a09992)
    CHECK_DST(56, 0xfbf4ede6dfd8d1ca)
    CHECK_DST(64, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(84)
    ldr q3, [x20, #0]
    ldr q4, [x20, #16]
    ldr q5, [x20, #32]
    ldr q6, [x20, #48]
    RESET_DST
    st1 {v3.1d, v4.1d, v5.1d, v6.1d}, [x21]
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xa49d968f88817a73)
    CHECK_DST(16, 0x140d06fff8f1eae3)
    CHECK_DST(24, 0x847d766f68615a53)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(85)
    ldr q3, [x20, #3]
    ldr q4, [x20, #19]
    ldr q5, [x20, #35]
    ldr q6, [x20, #51]
    RESET_DST
    st1 {v3.2d, v4.2d, v5.2d, v6.2d}, [x21]
    CHECK_DST(0, 0x49423b342d261f18)
    CHECK_DST(8, 0x817a736c655e5750)
    CHECK_DST(16, 0xb9b2aba49d968f88)
    CHECK_DST(24, 0xf1eae3dcd5cec7c0)
    CHECK_DST(32, 0x29221b140d06fff8)
    CHECK_DST(40, 0x615a534c453e3730)
    CHECK_DST(48, 0x99928b847d766f68)
    CHECK_DST(56, 0xd1cac3bcb5aea7a0)
    CHECK_DST(64, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(86)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    RESET_DST
    st2 {v3.8b, v4.8b}, [x21]
    CHECK_DST(0, 0xb242ab3ba4349d2d)
    CHECK_DST(8, 0xce5ec757c050b949)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(87)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    RESET_DST
    st2 {v3.16b, v4.16b}, [x21]
    CHECK_DST(0, 0xc757c050b949b242)
    CHECK_DST(8, 0xe373dc6cd565ce5e)
    CHECK_DST(16, 0xff8ff888f181ea7a)
    CHECK_DST(24, 0x1bab14a40d9d0696)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(88)
    ldr q3, [x20, #0]
    ldr q4, [x20, #16]
    RESET_DST
    st2 {v3.4h, v4.4h}, [x21]
    CHECK_DST(0, 0x888118117a730a03)
    CHECK_DST(8, 0xa49d342d968f261f)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(89)
    ldr q3, [x20, #3]
    ldr q4, [x20, #19]
    RESET_DST
    st2 {v3.8h, v4.8h}, [x21]
    CHECK_DST(0, 0x9d962d268f881f18)
    CHECK_DST(8, 0xb9b24942aba43b34)
    CHECK_DST(16, 0xd5ce655ec7c05750)
    CHECK_DST(24, 0xf1ea817ae3dc736c)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(90)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    RESET_DST
    st2 {v3.2s, v4.2s}, [x21]
    CHECK_DST(0, 0xb2aba49d423b342d)
    CHECK_DST(8, 0xcec7c0b95e575049)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(91)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    RESET_DST
    st2 {v3.4s, v4.4s}, [x21]
    CHECK_DST(0, 0xc7c0b9b257504942)
    CHECK_DST(8, 0xe3dcd5ce736c655e)
    CHECK_DST(16, 0xfff8f1ea8f88817a)
    CHECK_DST(24, 0x1b140d06aba49d96)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(92)
    ldr q3, [x20, #0]
    ldr q4, [x20, #16]
    RESET_DST
    st2 {v3.2d, v4.2d}, [x21]
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xa49d968f88817a73)
    CHECK_DST(16, 0x6c655e575049423b)
    CHECK_DST(24, 0xdcd5cec7c0b9b2ab)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(93)
    ldr q3, [x20, #3]
    ldr q4, [x20, #19]
    ldr q5, [x20, #35]
    RESET_DST
    st3 {v3.8b, v4.8b, v5.8b}, [x21]
    CHECK_DST(0, 0x9626ff8f1ff88818)
    CHECK_DST(8, 0x3b14a4340d9d2d06)
    CHECK_DST(16, 0x29b94922b2421bab)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(94)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    ldr q5, [x20, #38]
    RESET_DST
    st3 {v3.16b, v4.16b, v5.16b}, [x21]
    CHECK_DST(0, 0xab3b14a4340d9d2d)
    CHECK_DST(8, 0x5029b94922b2421b)
    CHECK_DST(16, 0x3ece5e37c75730c0)
    CHECK_DST(24, 0xe3734cdc6c45d565)
    CHECK_DST(32, 0x8861f1815aea7a53)
    CHECK_DST(40, 0x7606966fff8f68f8)
    CHECK_DST(48, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(95)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    ldr q5, [x20, #41]
    RESET_DST
    st3 {v3.4h, v4.4h, v5.4h}, [x21]
    CHECK_DST(0, 0x57502922b9b24942)
    CHECK_DST(8, 0xd5ce655e3730c7c0)
    CHECK_DST(16, 0x534ce3dc736c453e)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(96)
    ldr q3, [x20, #0]
    ldr q4, [x20, #16]
    ldr q5, [x20, #32]
    RESET_DST
    st3 {v3.8h, v4.8h, v5.8h}, [x21]
    CHECK_DST(0, 0x1811eae37a730a03)
    CHECK_DST(8, 0x968f261ff8f18881)
    CHECK_DST(16, 0x140da49d342d06ff)
    CHECK_DST(24, 0x5049221bb2ab423b)
    CHECK_DST(32, 0xcec75e573029c0b9)
    CHECK_DST(40, 0x4c45dcd56c653e37)
    CHECK_DST(48, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(97)
    ldr q3, [x20, #3]
    ldr q4, [x20, #19]
    ldr q5, [x20, #35]
    RESET_DST
    st3 {v3.2s, v4.2s, v5.2s}, [x21]
    CHECK_DST(0, 0x9d968f882d261f18)
    CHECK_DST(8, 0x49423b340d06fff8)
    CHECK_DST(16, 0x29221b14b9b2aba4)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(98)
    ldr q3, [x20, #6]
    ldr q4, [x20, #22]
    ldr q5, [x20, #38]
    RESET_DST
    st3 {v3.4s, v4.4s, v5.4s}, [x21]
    CHECK_DST(0, 0xb2aba49d423b342d)
    CHECK_DST(8, 0x5e575049221b140d)
    CHECK_DST(16, 0x3e373029cec7c0b9)
    CHECK_DST(24, 0xeae3dcd57a736c65)
    CHECK_DST(32, 0x968f88815a534c45)
    CHECK_DST(40, 0x766f686106fff8f1)
    CHECK_DST(48, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(99)
    ldr q3, [x20, #9]
    ldr q4, [x20, #25]
    ldr q5, [x20, #41]
    RESET_DST
    st3 {v3.2d, v4.2d, v5.2d}, [x21]
    CHECK_DST(0, 0x736c655e57504942)
    CHECK_DST(8, 0xe3dcd5cec7c0b9b2)
    CHECK_DST(16, 0x534c453e37302922)
    CHECK_DST(24, 0xaba49d968f88817a)
    CHECK_DST(32, 0x1b140d06fff8f1ea)
    CHECK_DST(40, 0x8b847d766f68615a)
    CHECK_DST(48, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(100)
    ldr q27, [x20, #0]
    ldr q28, [x20, #16]
    ldr q29, [x20, #32]
    ldr q30, [x20, #48]
    RESET_DST
    st4 {v27.8b, v28.8b, v29.8b, v30.8b}, [x21]
    CHECK_DST(0, 0x5aea7a0a53e37303)
    CHECK_DST(8, 0x68f8881861f18111)
    CHECK_DST(16, 0x760696266fff8f1f)
    CHECK_DST(24, 0x8414a4347d0d9d2d)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(101)
    ldr q27, [x20, #3]
    ldr q28, [x20, #19]
    ldr q29, [x20, #35]
    ldr q30, [x20, #51]
    RESET_DST
    st4 {v27.16b, v28.16b, v29.16b, v30.16b}, [x21]
    CHECK_DST(0, 0x6fff8f1f68f88818)
    CHECK_DST(8, 0x7d0d9d2d76069626)
    CHECK_DST(16, 0x8b1bab3b8414a434)
    CHECK_DST(24, 0x9929b9499222b242)
    CHECK_DST(32, 0xa737c757a030c050)
    CHECK_DST(40, 0xb545d565ae3ece5e)
    CHECK_DST(48, 0xc353e373bc4cdc6c)
    CHECK_DST(56, 0xd161f181ca5aea7a)
    CHECK_DST(64, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(102)
    ldr q27, [x20, #6]
    ldr q28, [x20, #22]
    ldr q29, [x20, #38]
    ldr q30, [x20, #54]
    RESET_DST
    st4 {v27.4h, v28.4h, v29.4h, v30.4h}, [x21]
    CHECK_DST(0, 0x847d140da49d342d)
    CHECK_DST(8, 0x928b221bb2ab423b)
    CHECK_DST(16, 0xa0993029c0b95049)
    CHECK_DST(24, 0xaea73e37cec75e57)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(103)
    ldr q27, [x20, #9]
    ldr q28, [x20, #25]
    ldr q29, [x20, #41]
    ldr q30, [x20, #57]
    RESET_DST
    st4 {v27.8h, v28.8h, v29.8h, v30.8h}, [x21]
    CHECK_DST(0, 0x99922922b9b24942)
    CHECK_DST(8, 0xa7a03730c7c05750)
    CHECK_DST(16, 0xb5ae453ed5ce655e)
    CHECK_DST(24, 0xc3bc534ce3dc736c)
    CHECK_DST(32, 0xd1ca615af1ea817a)
    CHECK_DST(40, 0xdfd86f68fff88f88)
    CHECK_DST(48, 0xede67d760d069d96)
    CHECK_DST(56, 0xfbf48b841b14aba4)
    CHECK_DST(64, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(104)
    ldr q27, [x20, #0]
    ldr q28, [x20, #16]
    ldr q29, [x20, #32]
    ldr q30, [x20, #48]
    RESET_DST
    st4 {v27.2s, v28.2s, v29.2s, v30.2s}, [x21]
    CHECK_DST(0, 0x88817a7318110a03)
    CHECK_DST(8, 0x68615a53f8f1eae3)
    CHECK_DST(16, 0xa49d968f342d261f)
    CHECK_DST(24, 0x847d766f140d06ff)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(105)
    ldr q27, [x20, #3]
    ldr q28, [x20, #19]
    ldr q29, [x20, #35]
    ldr q30, [x20, #51]
    RESET_DST
    st4 {v27.4s, v28.4s, v29.4s, v30.4s}, [x21]
    CHECK_DST(0, 0x9d968f882d261f18)
    CHECK_DST(8, 0x7d766f680d06fff8)
    CHECK_DST(16, 0xb9b2aba449423b34)
    CHECK_DST(24, 0x99928b8429221b14)
    CHECK_DST(32, 0xd5cec7c0655e5750)
    CHECK_DST(40, 0xb5aea7a0453e3730)
    CHECK_DST(48, 0xf1eae3dc817a736c)
    CHECK_DST(56, 0xd1cac3bc615a534c)
    CHECK_DST(64, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(106)
    ldr q27, [x20, #6]
    ldr q28, [x20, #22]
    ldr q29, [x20, #38]
    ldr q30, [x20, #54]
    RESET_DST
    st4 {v27.2d, v28.2d, v29.2d, v30.2d}, [x21]
    CHECK_DST(0, 0x5e575049423b342d)
    CHECK_DST(8, 0xcec7c0b9b2aba49d)
    CHECK_DST(16, 0x3e373029221b140d)
    CHECK_DST(24, 0xaea7a099928b847d)
    CHECK_DST(32, 0x968f88817a736c65)
    CHECK_DST(40, 0x06fff8f1eae3dcd5)
    CHECK_DST(48, 0x766f68615a534c45)
    CHECK_DST(56, 0xe6dfd8d1cac3bcb5)
    CHECK_DST(64, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(107)
    ldr q10, fill
    ldr q11, fill
    mov x1, x20
    ld1 {v10.16b, v11.16b}, [x1], #32
    CHECK_V(10, 0x342d261f18110a03, 0x6c655e575049423b)
    CHECK_V(11, 0xa49d968f88817a73, 0xdcd5cec7c0b9b2ab)
    sub x3, x1, x20
    CHECK(x3, 0x20)
    TEST_NUM(108)
    ldr q10, fill
    ldr q11, fill
    mov x1, x20
    ld2 {v10.4h, v11.4h}, [x1], #16
    CHECK_V(10, 0x5e57423b261f0a03, 0x0000000000000000)
    CHECK_V(11, 0x6c655049342d1811, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 0x10)
    TEST_NUM(109)
    ldr q10, fill
    ldr q11, fill
    ldr q12, fill
    mov x1, x20
    mov x2, #-24
    ld3 {v10.4s, v11.4s, v12.4s}, [x1], x2
    CHECK_V(10, 0x6c655e5718110a03, 0x140d06ffc0b9b2ab)
    CHECK_V(11, 0x88817a73342d261f, 0x3029221bdcd5cec7)
    CHECK_V(12, 0xa49d968f5049423b, 0x4c453e37f8f1eae3)
    sub x3, x1, x20
    CHECK(x3, 0xffffffffffffffe8)
    TEST_NUM(110)
    ldr q10, fill
    ldr q11, fill
    ldr q12, fill
    ldr q13, fill
    mov x1, x20
    mov x2, #-24
    ld4 {v10.8b, v11.8b, v12.8b, v13.8b}, [x1], x2
    CHECK_V(10, 0xc7ab8f73573b1f03, 0x0000000000000000)
    CHECK_V(11, 0xceb2967a5e42260a, 0x0000000000000000)
    CHECK_V(12, 0xd5b99d8165492d11, 0x0000000000000000)
    CHECK_V(13, 0xdcc0a4886c503418, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 0xffffffffffffffe8)
    TEST_NUM(111)
    ldr q10, fill
    mov x1, x20
    ld1 {v10.1d}, [x1], #8
    CHECK_V(10, 0x342d261f18110a03, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 0x8)
    TEST_NUM(112)
    ldr q10, [x20, #1]
    ldr q11, [x20, #17]
    RESET_DST
    mov x1, x21
    st2 {v10.2d, v11.2d}, [x1], #32
    CHECK_DST(0, 0x3b342d261f18110a)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0x736c655e57504942)
    CHECK_DST(24, 0xe3dcd5cec7c0b9b2)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    sub x3, x1, x21
    CHECK(x3, 0x20)
    TEST_NUM(113)
    ldr q10, [x20, #1]
    ldr q11, [x20, #17]
    ldr q12, [x20, #33]
    RESET_DST
    mov x1, x21
    mov x2, #-24
    st1 {v10.2s, v11.2s, v12.2s}, [x1], x2
    CHECK_DST(0, 0x3b342d261f18110a)
    CHECK_DST(8, 0xaba49d968f88817a)
    CHECK_DST(16, 0x1b140d06fff8f1ea)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    sub x3, x1, x21
    CHECK(x3, 0xffffffffffffffe8)
    TEST_NUM(114)
    ldr q10, [x20, #1]
    ldr q11, [x20, #17]
    ldr q12, [x20, #33]
    ldr q13, [x20, #49]
    RESET_DST
    mov x1, x21
    st4 {v10.8h, v11.8h, v12.8h, v13.8h}, [x1], #64
    CHECK_DST(0, 0x615af1ea817a110a)
    CHECK_DST(8, 0x6f68fff88f881f18)
    CHECK_DST(16, 0x7d760d069d962d26)
    CHECK_DST(24, 0x8b841b14aba43b34)
    CHECK_DST(32, 0x99922922b9b24942)
    CHECK_DST(40, 0xa7a03730c7c05750)
    CHECK_DST(48, 0xb5ae453ed5ce655e)
    CHECK_DST(56, 0xc3bc534ce3dc736c)
    CHECK_DST(64, 0xaaaaaaaaaaaaaaaa)
    sub x3, x1, x21
    CHECK(x3, 0x40)
    TEST_NUM(115)
    ldr q14, [x20, #7]
    add x1, x20, #12
    ld1 {v14.b}[0], [x1]
    CHECK_V(14, 0x655e575049423b57, 0x9d968f88817a736c)
    TEST_NUM(116)
    RESET_DST
    st1 {v14.b}[0], [x21]
    CHECK_DST(0, 0xaaaaaaaaaaaaaa57)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(117)
    ldr q14, [x20, #7]
    add x1, x20, #20
    ld1 {v14.b}[15], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x8f968f88817a736c)
    TEST_NUM(118)
    RESET_DST
    st1 {v14.b}[15], [x21]
    CHECK_DST(0, 0xaaaaaaaaaaaaaa8f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(119)
    ldr q14, [x20, #7]
    add x1, x20, #28
    ld1 {v14.b}[5], [x1]
    CHECK_V(14, 0x655ec75049423b34, 0x9d968f88817a736c)
    TEST_NUM(120)
    RESET_DST
    st1 {v14.b}[5], [x21]
    CHECK_DST(0, 0xaaaaaaaaaaaaaac7)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(121)
    ldr q14, [x20, #7]
    add x1, x20, #36
    ld1 {v14.h}[0], [x1]
    CHECK_V(14, 0x655e5750494206ff, 0x9d968f88817a736c)
    TEST_NUM(122)
    RESET_DST
    st1 {v14.h}[0], [x21]
    CHECK_DST(0, 0xaaaaaaaaaaaa06ff)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(123)
    ldr q14, [x20, #7]
    add x1, x20, #44
    ld1 {v14.h}[7], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x3e378f88817a736c)
    TEST_NUM(124)
    RESET_DST
    st1 {v14.h}[7], [x21]
    CHECK_DST(0, 0xaaaaaaaaaaaa3e37)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(125)
    ldr q14, [x20, #7]
    add x1, x20, #52
    ld1 {v14.h}[5], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x9d968f88766f736c)
    TEST_NUM(126)
    RESET_DST
    st1 {v14.h}[5], [x21]
    CHECK_DST(0, 0xaaaaaaaaaaaa766f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(127)
    ldr q14, [x20, #7]
    add x1, x20, #60
    ld1 {v14.s}[0], [x1]
    CHECK_V(14, 0x655e5750bcb5aea7, 0x9d968f88817a736c)
    TEST_NUM(128)
    RESET_DST
    st1 {v14.s}[0], [x21]
    CHECK_DST(0, 0xaaaaaaaabcb5aea7)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(129)
    ldr q14, [x20, #7]
    add x1, x20, #4
    ld1 {v14.s}[3], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x342d261f817a736c)
    TEST_NUM(130)
    RESET_DST
    st1 {v14.s}[3], [x21]
    CHECK_DST(0, 0xaaaaaaaa342d261f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(131)
    ldr q14, [x20, #7]
    add x1, x20, #12
    ld1 {v14.s}[1], [x1]
    CHECK_V(14, 0x6c655e5749423b34, 0x9d968f88817a736c)
    TEST_NUM(132)
    RESET_DST
    st1 {v14.s}[1], [x21]
    CHECK_DST(0, 0xaaaaaaaa6c655e57)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(133)
    ldr q14, [x20, #7]
    add x1, x20, #20
    ld1 {v14.d}[0], [x1]
    CHECK_V(14, 0xc0b9b2aba49d968f, 0x9d968f88817a736c)
    TEST_NUM(134)
    RESET_DST
    st1 {v14.d}[0], [x21]
    CHECK_DST(0, 0xc0b9b2aba49d968f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(135)
    ldr q14, [x20, #7]
    add x1, x20, #28
    ld1 {v14.d}[1], [x1]
    CHECK_V(14, 0x655e575049423b34, 0xf8f1eae3dcd5cec7)
    TEST_NUM(136)
    RESET_DST
    st1 {v14.d}[1], [x21]
    CHECK_DST(0, 0xf8f1eae3dcd5cec7)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(137)
    ldr q14, [x20, #7]
    add x1, x20, #36
    ld1 {v14.d}[1], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x3029221b140d06ff)
    TEST_NUM(138)
    RESET_DST
    st1 {v14.d}[1], [x21]
    CHECK_DST(0, 0x3029221b140d06ff)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(139)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #44
    ld2 {v14.b, v15.b}[0], [x1]
    CHECK_V(14, 0x655e575049423b37, 0x9d968f88817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2ab3e, 0x0d06fff8f1eae3dc)
    TEST_NUM(140)
    RESET_DST
    st2 {v14.b, v15.b}[0], [x21]
    CHECK_DST(0, 0xaaaaaaaaaaaa3e37)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(141)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #52
    ld2 {v14.b, v15.b}[15], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x6f968f88817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x7606fff8f1eae3dc)
    TEST_NUM(142)
    RESET_DST
    st2 {v14.b, v15.b}[15], [x21]
    CHECK_DST(0, 0xaaaaaaaaaaaa766f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(143)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #60
    ld2 {v14.b, v15.b}[5], [x1]
    CHECK_V(14, 0x655ea75049423b34, 0x9d968f88817a736c)
    CHECK_V(15, 0xd5ceaec0b9b2aba4, 0x0d06fff8f1eae3dc)
    TEST_NUM(144)
    RESET_DST
    st2 {v14.b, v15.b}[5], [x21]
    CHECK_DST(0, 0xaaaaaaaaaaaaaea7)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(145)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #4
    ld2 {v14.h, v15.h}[0], [x1]
    CHECK_V(14, 0x655e57504942261f, 0x9d968f88817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2342d, 0x0d06fff8f1eae3dc)
    TEST_NUM(146)
    RESET_DST
    st2 {v14.h, v15.h}[0], [x21]
    CHECK_DST(0, 0xaaaaaaaa342d261f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(147)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #12
    ld2 {v14.h, v15.h}[7], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x5e578f88817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x6c65fff8f1eae3dc)
    TEST_NUM(148)
    RESET_DST
    st2 {v14.h, v15.h}[7], [x21]
    CHECK_DST(0, 0xaaaaaaaa6c655e57)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(149)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #20
    ld2 {v14.h, v15.h}[5], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x9d968f88968f736c)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x0d06fff8a49de3dc)
    TEST_NUM(150)
    RESET_DST
    st2 {v14.h, v15.h}[5], [x21]
    CHECK_DST(0, 0xaaaaaaaaa49d968f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(151)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #28
    ld2 {v14.s, v15.s}[0], [x1]
    CHECK_V(14, 0x655e5750dcd5cec7, 0x9d968f88817a736c)
    CHECK_V(15, 0xd5cec7c0f8f1eae3, 0x0d06fff8f1eae3dc)
    TEST_NUM(152)
    RESET_DST
    st2 {v14.s, v15.s}[0], [x21]
    CHECK_DST(0, 0xf8f1eae3dcd5cec7)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(153)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #36
    ld2 {v14.s, v15.s}[3], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x140d06ff817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x3029221bf1eae3dc)
    TEST_NUM(154)
    RESET_DST
    st2 {v14.s, v15.s}[3], [x21]
    CHECK_DST(0, 0x3029221b140d06ff)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(155)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #44
    ld2 {v14.s, v15.s}[1], [x1]
    CHECK_V(14, 0x4c453e3749423b34, 0x9d968f88817a736c)
    CHECK_V(15, 0x68615a53b9b2aba4, 0x0d06fff8f1eae3dc)
    TEST_NUM(156)
    RESET_DST
    st2 {v14.s, v15.s}[1], [x21]
    CHECK_DST(0, 0x68615a534c453e37)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(157)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #52
    ld2 {v14.d, v15.d}[0], [x1]
    CHECK_V(14, 0xa099928b847d766f, 0x9d968f88817a736c)
    CHECK_V(15, 0xd8d1cac3bcb5aea7, 0x0d06fff8f1eae3dc)
    TEST_NUM(158)
    RESET_DST
    st2 {v14.d, v15.d}[0], [x21]
    CHECK_DST(0, 0xa099928b847d766f)
    CHECK_DST(8, 0xd8d1cac3bcb5aea7)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(159)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #60
    ld2 {v14.d, v15.d}[1], [x1]
    CHECK_V(14, 0x655e575049423b34, 0xd8d1cac3bcb5aea7)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x100902fbf4ede6df)
    TEST_NUM(160)
    RESET_DST
    st2 {v14.d, v15.d}[1], [x21]
    CHECK_DST(0, 0xd8d1cac3bcb5aea7)
    CHECK_DST(8, 0x100902fbf4ede6df)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(161)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    add x1, x20, #4
    ld2 {v14.d, v15.d}[1], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x5049423b342d261f)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x88817a736c655e57)
    TEST_NUM(162)
    RESET_DST
    st2 {v14.d, v15.d}[1], [x21]
    CHECK_DST(0, 0x5049423b342d261f)
    CHECK_DST(8, 0x88817a736c655e57)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(163)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #12
    ld3 {v14.b, v15.b, v16.b}[0], [x1]
    CHECK_V(14, 0x655e575049423b57, 0x9d968f88817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2ab5e, 0x0d06fff8f1eae3dc)
    CHECK_V(16, 0x453e373029221b65, 0x7d766f68615a534c)
    TEST_NUM(164)
    RESET_DST
    st3 {v14.b, v15.b, v16.b}[0], [x21]
    CHECK_DST(0, 0xaaaaaaaaaa655e57)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(165)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #20
    ld3 {v14.b, v15.b, v16.b}[15], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x8f968f88817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x9606fff8f1eae3dc)
    CHECK_V(16, 0x453e373029221b14, 0x9d766f68615a534c)
    TEST_NUM(166)
    RESET_DST
    st3 {v14.b, v15.b, v16.b}[15], [x21]
    CHECK_DST(0, 0xaaaaaaaaaa9d968f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(167)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #28
    ld3 {v14.b, v15.b, v16.b}[5], [x1]
    CHECK_V(14, 0x655ec75049423b34, 0x9d968f88817a736c)
    CHECK_V(15, 0xd5cecec0b9b2aba4, 0x0d06fff8f1eae3dc)
    CHECK_V(16, 0x453ed53029221b14, 0x7d766f68615a534c)
    TEST_NUM(168)
    RESET_DST
    st3 {v14.b, v15.b, v16.b}[5], [x21]
    CHECK_DST(0, 0xaaaaaaaaaad5cec7)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(169)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #36
    ld3 {v14.h, v15.h, v16.h}[0], [x1]
    CHECK_V(14, 0x655e5750494206ff, 0x9d968f88817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2140d, 0x0d06fff8f1eae3dc)
    CHECK_V(16, 0x453e37302922221b, 0x7d766f68615a534c)
    TEST_NUM(170)
    RESET_DST
    st3 {v14.h, v15.h, v16.h}[0], [x21]
    CHECK_DST(0, 0xaaaa221b140d06ff)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(171)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #44
    ld3 {v14.h, v15.h, v16.h}[7], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x3e378f88817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x4c45fff8f1eae3dc)
    CHECK_V(16, 0x453e373029221b14, 0x5a536f68615a534c)
    TEST_NUM(172)
    RESET_DST
    st3 {v14.h, v15.h, v16.h}[7], [x21]
    CHECK_DST(0, 0xaaaa5a534c453e37)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(173)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #52
    ld3 {v14.h, v15.h, v16.h}[5], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x9d968f88766f736c)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x0d06fff8847de3dc)
    CHECK_V(16, 0x453e373029221b14, 0x7d766f68928b534c)
    TEST_NUM(174)
    RESET_DST
    st3 {v14.h, v15.h, v16.h}[5], [x21]
    CHECK_DST(0, 0xaaaa928b847d766f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(175)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #60
    ld3 {v14.s, v15.s, v16.s}[0], [x1]
    CHECK_V(14, 0x655e5750bcb5aea7, 0x9d968f88817a736c)
    CHECK_V(15, 0xd5cec7c0d8d1cac3, 0x0d06fff8f1eae3dc)
    CHECK_V(16, 0x453e3730f4ede6df, 0x7d766f68615a534c)
    TEST_NUM(176)
    RESET_DST
    st3 {v14.s, v15.s, v16.s}[0], [x21]
    CHECK_DST(0, 0xd8d1cac3bcb5aea7)
    CHECK_DST(8, 0xaaaaaaaaf4ede6df)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(177)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #4
    ld3 {v14.s, v15.s, v16.s}[3], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x342d261f817a736c)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x5049423bf1eae3dc)
    CHECK_V(16, 0x453e373029221b14, 0x6c655e57615a534c)
    TEST_NUM(178)
    RESET_DST
    st3 {v14.s, v15.s, v16.s}[3], [x21]
    CHECK_DST(0, 0x5049423b342d261f)
    CHECK_DST(8, 0xaaaaaaaa6c655e57)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(179)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #12
    ld3 {v14.s, v15.s, v16.s}[1], [x1]
    CHECK_V(14, 0x6c655e5749423b34, 0x9d968f88817a736c)
    CHECK_V(15, 0x88817a73b9b2aba4, 0x0d06fff8f1eae3dc)
    CHECK_V(16, 0xa49d968f29221b14, 0x7d766f68615a534c)
    TEST_NUM(180)
    RESET_DST
    st3 {v14.s, v15.s, v16.s}[1], [x21]
    CHECK_DST(0, 0x88817a736c655e57)
    CHECK_DST(8, 0xaaaaaaaaa49d968f)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(181)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #20
    ld3 {v14.d, v15.d, v16.d}[0], [x1]
    CHECK_V(14, 0xc0b9b2aba49d968f, 0x9d968f88817a736c)
    CHECK_V(15, 0xf8f1eae3dcd5cec7, 0x0d06fff8f1eae3dc)
    CHECK_V(16, 0x3029221b140d06ff, 0x7d766f68615a534c)
    TEST_NUM(182)
    RESET_DST
    st3 {v14.d, v15.d, v16.d}[0], [x21]
    CHECK_DST(0, 0xc0b9b2aba49d968f)
    CHECK_DST(8, 0xf8f1eae3dcd5cec7)
    CHECK_DST(16, 0x3029221b140d06ff)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(183)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #28
    ld3 {v14.d, v15.d, v16.d}[1], [x1]
    CHECK_V(14, 0x655e575049423b34, 0xf8f1eae3dcd5cec7)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x3029221b140d06ff)
    CHECK_V(16, 0x453e373029221b14, 0x68615a534c453e37)
    TEST_NUM(184)
    RESET_DST
    st3 {v14.d, v15.d, v16.d}[1], [x21]
    CHECK_DST(0, 0xf8f1eae3dcd5cec7)
    CHECK_DST(8, 0x3029221b140d06ff)
    CHECK_DST(16, 0x68615a534c453e37)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(185)
    ldr q14, [x20, #7]
    ldr q15, [x20, #23]
    ldr q16, [x20, #39]
    add x1, x20, #36
    ld3 {v14.d, v15.d, v16.d}[1], [x1]
    CHECK_V(14, 0x655e575049423b34, 0x3029221b140d06ff)
    CHECK_V(15, 0xd5cec7c0b9b2aba4, 0x68615a534c453e37)
    CHECK_V(16, 0x453e373029221b14, 0xa099928b847d766f)
    TEST_NUM(186)
    RESET_DST
    st3 {v14.d, v15.d, v16.d}[1], [x21]
    CHECK_DST(0, 0x3029221b140d06ff)
    CHECK_DST(8, 0x68615a534c453e37)
    CHECK_DST(16, 0xa099928b847d766f)
    CHECK_DST(24, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(187)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #44
    ld4 {v30.b, v31.b, v0.b, v1.b}[0], [x1]
    CHECK_V(30, 0x655e575049423b37, 0x9d968f88817a736c)
    CHECK_V(31, 0xd5cec7c0b9b2ab3e, 0x0d06fff8f1eae3dc)
    CHECK_V(0, 0x453e373029221b45, 0x7d766f68615a534c)
    CHECK_V(1, 0xb5aea7a099928b4c, 0xede6dfd8d1cac3bc)
    TEST_NUM(188)
    RESET_DST
    st4 {v30.b, v31.b, v0.b, v1.b}[0], [x21]
    CHECK_DST(0, 0xaaaaaaaa4c453e37)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(189)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #52
    ld4 {v30.b, v31.b, v0.b, v1.b}[15], [x1]
    CHECK_V(30, 0x655e575049423b34, 0x6f968f88817a736c)
    CHECK_V(31, 0xd5cec7c0b9b2aba4, 0x7606fff8f1eae3dc)
    CHECK_V(0, 0x453e373029221b14, 0x7d766f68615a534c)
    CHECK_V(1, 0xb5aea7a099928b84, 0x84e6dfd8d1cac3bc)
    TEST_NUM(190)
    RESET_DST
    st4 {v30.b, v31.b, v0.b, v1.b}[15], [x21]
    CHECK_DST(0, 0xaaaaaaaa847d766f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(191)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #60
    ld4 {v30.b, v31.b, v0.b, v1.b}[5], [x1]
    CHECK_V(30, 0x655ea75049423b34, 0x9d968f88817a736c)
    CHECK_V(31, 0xd5ceaec0b9b2aba4, 0x0d06fff8f1eae3dc)
    CHECK_V(0, 0x453eb53029221b14, 0x7d766f68615a534c)
    CHECK_V(1, 0xb5aebca099928b84, 0xede6dfd8d1cac3bc)
    TEST_NUM(192)
    RESET_DST
    st4 {v30.b, v31.b, v0.b, v1.b}[5], [x21]
    CHECK_DST(0, 0xaaaaaaaabcb5aea7)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(193)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #4
    ld4 {v30.h, v31.h, v0.h, v1.h}[0], [x1]
    CHECK_V(30, 0x655e57504942261f, 0x9d968f88817a736c)
    CHECK_V(31, 0xd5cec7c0b9b2342d, 0x0d06fff8f1eae3dc)
    CHECK_V(0, 0x453e37302922423b, 0x7d766f68615a534c)
    CHECK_V(1, 0xb5aea7a099925049, 0xede6dfd8d1cac3bc)
    TEST_NUM(194)
    RESET_DST
    st4 {v30.h, v31.h, v0.h, v1.h}[0], [x21]
    CHECK_DST(0, 0x5049423b342d261f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(195)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #12
    ld4 {v30.h, v31.h, v0.h, v1.h}[7], [x1]
    CHECK_V(30, 0x655e575049423b34, 0x5e578f88817a736c)
    CHECK_V(31, 0xd5cec7c0b9b2aba4, 0x6c65fff8f1eae3dc)
    CHECK_V(0, 0x453e373029221b14, 0x7a736f68615a534c)
    CHECK_V(1, 0xb5aea7a099928b84, 0x8881dfd8d1cac3bc)
    TEST_NUM(196)
    RESET_DST
    st4 {v30.h, v31.h, v0.h, v1.h}[7], [x21]
    CHECK_DST(0, 0x88817a736c655e57)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(197)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #20
    ld4 {v30.h, v31.h, v0.h, v1.h}[5], [x1]
    CHECK_V(30, 0x655e575049423b34, 0x9d968f88968f736c)
    CHECK_V(31, 0xd5cec7c0b9b2aba4, 0x0d06fff8a49de3dc)
    CHECK_V(0, 0x453e373029221b14, 0x7d766f68b2ab534c)
    CHECK_V(1, 0xb5aea7a099928b84, 0xede6dfd8c0b9c3bc)
    TEST_NUM(198)
    RESET_DST
    st4 {v30.h, v31.h, v0.h, v1.h}[5], [x21]
    CHECK_DST(0, 0xc0b9b2aba49d968f)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(199)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #28
    ld4 {v30.s, v31.s, v0.s, v1.s}[0], [x1]
    CHECK_V(30, 0x655e5750dcd5cec7, 0x9d968f88817a736c)
    CHECK_V(31, 0xd5cec7c0f8f1eae3, 0x0d06fff8f1eae3dc)
    CHECK_V(0, 0x453e3730140d06ff, 0x7d766f68615a534c)
    CHECK_V(1, 0xb5aea7a03029221b, 0xede6dfd8d1cac3bc)
    TEST_NUM(200)
    RESET_DST
    st4 {v30.s, v31.s, v0.s, v1.s}[0], [x21]
    CHECK_DST(0, 0xf8f1eae3dcd5cec7)
    CHECK_DST(8, 0x3029221b140d06ff)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(201)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #36
    ld4 {v30.s, v31.s, v0.s, v1.s}[3], [x1]
    CHECK_V(30, 0x655e575049423b34, 0x140d06ff817a736c)
    CHECK_V(31, 0xd5cec7c0b9b2aba4, 0x3029221bf1eae3dc)
    CHECK_V(0, 0x453e373029221b14, 0x4c453e37615a534c)
    CHECK_V(1, 0xb5aea7a099928b84, 0x68615a53d1cac3bc)
    TEST_NUM(202)
    RESET_DST
    st4 {v30.s, v31.s, v0.s, v1.s}[3], [x21]
    CHECK_DST(0, 0x3029221b140d06ff)
    CHECK_DST(8, 0x68615a534c453e37)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(203)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #44
    ld4 {v30.s, v31.s, v0.s, v1.s}[1], [x1]
    CHECK_V(30, 0x4c453e3749423b34, 0x9d968f88817a736c)
    CHECK_V(31, 0x68615a53b9b2aba4, 0x0d06fff8f1eae3dc)
    CHECK_V(0, 0x847d766f29221b14, 0x7d766f68615a534c)
    CHECK_V(1, 0xa099928b99928b84, 0xede6dfd8d1cac3bc)
    TEST_NUM(204)
    RESET_DST
    st4 {v30.s, v31.s, v0.s, v1.s}[1], [x21]
    CHECK_DST(0, 0x68615a534c453e37)
    CHECK_DST(8, 0xa099928b847d766f)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(205)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #52
    ld4 {v30.d, v31.d, v0.d, v1.d}[0], [x1]
    CHECK_V(30, 0xa099928b847d766f, 0x9d968f88817a736c)
    CHECK_V(31, 0xd8d1cac3bcb5aea7, 0x0d06fff8f1eae3dc)
    CHECK_V(0, 0x100902fbf4ede6df, 0x7d766f68615a534c)
    CHECK_V(1, 0x48413a332c251e17, 0xede6dfd8d1cac3bc)
    TEST_NUM(206)
    RESET_DST
    st4 {v30.d, v31.d, v0.d, v1.d}[0], [x21]
    CHECK_DST(0, 0xa099928b847d766f)
    CHECK_DST(8, 0xd8d1cac3bcb5aea7)
    CHECK_DST(16, 0x100902fbf4ede6df)
    CHECK_DST(24, 0x48413a332c251e17)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(207)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #60
    ld4 {v30.d, v31.d, v0.d, v1.d}[1], [x1]
    CHECK_V(30, 0x655e575049423b34, 0xd8d1cac3bcb5aea7)
    CHECK_V(31, 0xd5cec7c0b9b2aba4, 0x100902fbf4ede6df)
    CHECK_V(0, 0x453e373029221b14, 0x48413a332c251e17)
    CHECK_V(1, 0xb5aea7a099928b84, 0x8079726b645d564f)
    TEST_NUM(208)
    RESET_DST
    st4 {v30.d, v31.d, v0.d, v1.d}[1], [x21]
    CHECK_DST(0, 0xd8d1cac3bcb5aea7)
    CHECK_DST(8, 0x100902fbf4ede6df)
    CHECK_DST(16, 0x48413a332c251e17)
    CHECK_DST(24, 0x8079726b645d564f)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(209)
    ldr q30, [x20, #7]
    ldr q31, [x20, #23]
    ldr q0, [x20, #39]
    ldr q1, [x20, #55]
    add x1, x20, #4
    ld4 {v30.d, v31.d, v0.d, v1.d}[1], [x1]
    CHECK_V(30, 0x655e575049423b34, 0x5049423b342d261f)
    CHECK_V(31, 0xd5cec7c0b9b2aba4, 0x88817a736c655e57)
    CHECK_V(0, 0x453e373029221b14, 0xc0b9b2aba49d968f)
    CHECK_V(1, 0xb5aea7a099928b84, 0xf8f1eae3dcd5cec7)
    TEST_NUM(210)
    RESET_DST
    st4 {v30.d, v31.d, v0.d, v1.d}[1], [x21]
    CHECK_DST(0, 0x5049423b342d261f)
    CHECK_DST(8, 0x88817a736c655e57)
    CHECK_DST(16, 0xc0b9b2aba49d968f)
    CHECK_DST(24, 0xf8f1eae3dcd5cec7)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    TEST_NUM(211)
    ldr q21, [x20, #0]
    mov x1, x20
    ld1 {v21.b}[9], [x1], #1
    CHECK_V(21, 0x342d261f18110a03, 0x6c655e575049033b)
    sub x3, x1, x20
    CHECK(x3, 1)
    TEST_NUM(212)
    RESET_DST
    mov x1, x21
    st1 {v21.b}[9], [x1], #1
    CHECK_DST(0, 0xaaaaaaaaaaaaaa03)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    sub x3, x1, x21
    CHECK(x3, 1)
    TEST_NUM(213)
    ldr q22, [x20, #0]
    ldr q23, [x20, #16]
    mov x1, x20
    mov x2, #40
    ld2 {v22.h, v23.h}[6], [x1], x2
    CHECK_V(22, 0x342d261f18110a03, 0x6c650a035049423b)
    CHECK_V(23, 0xa49d968f88817a73, 0xdcd51811c0b9b2ab)
    sub x3, x1, x20
    CHECK(x3, 40)
    TEST_NUM(214)
    RESET_DST
    mov x1, x21
    st2 {v22.h, v23.h}[6], [x1], x2
    CHECK_DST(0, 0xaaaaaaaa18110a03)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    sub x3, x1, x21
    CHECK(x3, 40)
    TEST_NUM(215)
    ldr q23, [x20, #0]
    ldr q24, [x20, #16]
    ldr q25, [x20, #32]
    mov x1, x20
    ld3 {v23.s, v24.s, v25.s}[3], [x1], #12
    CHECK_V(23, 0x342d261f18110a03, 0x18110a035049423b)
    CHECK_V(24, 0xa49d968f88817a73, 0x342d261fc0b9b2ab)
    CHECK_V(25, 0x140d06fff8f1eae3, 0x5049423b3029221b)
    sub x3, x1, x20
    CHECK(x3, 12)
    TEST_NUM(216)
    RESET_DST
    mov x1, x21
    st3 {v23.s, v24.s, v25.s}[3], [x1], #12
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xaaaaaaaa5049423b)
    CHECK_DST(16, 0xaaaaaaaaaaaaaaaa)
    sub x3, x1, x21
    CHECK(x3, 12)
    TEST_NUM(217)
    ldr q24, [x20, #0]
    ldr q25, [x20, #16]
    ldr q26, [x20, #32]
    ldr q27, [x20, #48]
    mov x1, x20
    mov x2, #40
    ld4 {v24.d, v25.d, v26.d, v27.d}[1], [x1], x2
    CHECK_V(24, 0x342d261f18110a03, 0x342d261f18110a03)
    CHECK_V(25, 0xa49d968f88817a73, 0x6c655e575049423b)
    CHECK_V(26, 0x140d06fff8f1eae3, 0xa49d968f88817a73)
    CHECK_V(27, 0x847d766f68615a53, 0xdcd5cec7c0b9b2ab)
    sub x3, x1, x20
    CHECK(x3, 40)
    TEST_NUM(218)
    RESET_DST
    mov x1, x21
    st4 {v24.d, v25.d, v26.d, v27.d}[1], [x1], x2
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0x6c655e575049423b)
    CHECK_DST(16, 0xa49d968f88817a73)
    CHECK_DST(24, 0xdcd5cec7c0b9b2ab)
    CHECK_DST(32, 0xaaaaaaaaaaaaaaaa)
    sub x3, x1, x21
    CHECK(x3, 40)
    TEST_NUM(219)
    ldr q22, [x20, #0]
    ldr q23, [x20, #16]
    mov x1, x20
    ld2 {v22.b, v23.b}[15], [x1], #2
    CHECK_V(22, 0x342d261f18110a03, 0x03655e575049423b)
    CHECK_V(23, 0xa49d968f88817a73, 0x0ad5cec7c0b9b2ab)
    sub x3, x1, x20
    CHECK(x3, 2)
    TEST_NUM(220)
    RESET_DST
    mov x1, x21
    st2 {v22.b, v23.b}[15], [x1], #2
    CHECK_DST(0, 0xaaaaaaaaaaaa0a03)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    sub x3, x1, x21
    CHECK(x3, 2)
    TEST_NUM(221)
    ldr q24, [x20, #0]
    ldr q25, [x20, #16]
    ldr q26, [x20, #32]
    ldr q27, [x20, #48]
    mov x1, x20
    mov x2, #40
    ld4 {v24.h, v25.h, v26.h, v27.h}[7], [x1], x2
    CHECK_V(24, 0x342d261f18110a03, 0x0a035e575049423b)
    CHECK_V(25, 0xa49d968f88817a73, 0x1811cec7c0b9b2ab)
    CHECK_V(26, 0x140d06fff8f1eae3, 0x261f3e373029221b)
    CHECK_V(27, 0x847d766f68615a53, 0x342daea7a099928b)
    sub x3, x1, x20
    CHECK(x3, 40)
    TEST_NUM(222)
    RESET_DST
    mov x1, x21
    st4 {v24.h, v25.h, v26.h, v27.h}[7], [x1], x2
    CHECK_DST(0, 0x342d261f18110a03)
    CHECK_DST(8, 0xaaaaaaaaaaaaaaaa)
    sub x3, x1, x21
    CHECK(x3, 40)
    TEST_NUM(223)
    ldr q0, fill
    add x1, x20, #56
    ld1r {v0.8b}, [x1], #1
    CHECK_V(0, 0x8b8b8b8b8b8b8b8b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 57)
    TEST_NUM(224)
    ldr q0, fill
    add x1, x20, #0
    mov x2, #8
    ld1r {v0.16b}, [x1], x2
    CHECK_V(0, 0x0303030303030303, 0x0303030303030303)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(225)
    ldr q0, fill
    add x1, x20, #8
    ld1r {v0.4h}, [x1]
    CHECK_V(0, 0x423b423b423b423b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(226)
    ldr q0, fill
    add x1, x20, #16
    ld1r {v0.8h}, [x1], #2
    CHECK_V(0, 0x7a737a737a737a73, 0x7a737a737a737a73)
    sub x3, x1, x20
    CHECK(x3, 18)
    TEST_NUM(227)
    ldr q0, fill
    add x1, x20, #24
    mov x2, #8
    ld1r {v0.2s}, [x1], x2
    CHECK_V(0, 0xc0b9b2abc0b9b2ab, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(228)
    ldr q0, fill
    add x1, x20, #32
    ld1r {v0.4s}, [x1]
    CHECK_V(0, 0xf8f1eae3f8f1eae3, 0xf8f1eae3f8f1eae3)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(229)
    ldr q0, fill
    add x1, x20, #40
    ld1r {v0.1d}, [x1], #8
    CHECK_V(0, 0x4c453e373029221b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 48)
    TEST_NUM(230)
    ldr q0, fill
    add x1, x20, #48
    mov x2, #8
    ld1r {v0.2d}, [x1], x2
    CHECK_V(0, 0x847d766f68615a53, 0x847d766f68615a53)
    sub x3, x1, x20
    CHECK(x3, 56)
    TEST_NUM(231)
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #56
    ld2r {v0.8b, v1.8b}, [x1]
    CHECK_V(0, 0x8b8b8b8b8b8b8b8b, 0x0000000000000000)
    CHECK_V(1, 0x9292929292929292, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 56)
    TEST_NUM(232)
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #0
    ld2r {v0.16b, v1.16b}, [x1], #2
    CHECK_V(0, 0x0303030303030303, 0x0303030303030303)
    CHECK_V(1, 0x0a0a0a0a0a0a0a0a, 0x0a0a0a0a0a0a0a0a)
    sub x3, x1, x20
    CHECK(x3, 2)
    TEST_NUM(233)
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #8
    mov x2, #8
    ld2r {v0.4h, v1.4h}, [x1], x2
    CHECK_V(0, 0x423b423b423b423b, 0x0000000000000000)
    CHECK_V(1, 0x5049504950495049, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(234)
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #16
    ld2r {v0.8h, v1.8h}, [x1]
    CHECK_V(0, 0x7a737a737a737a73, 0x7a737a737a737a73)
    CHECK_V(1, 0x8881888188818881, 0x8881888188818881)
    sub x3, x1, x20
    CHECK(x3, 16)
    TEST_NUM(235)
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #24
    ld2r {v0.2s, v1.2s}, [x1], #8
    CHECK_V(0, 0xc0b9b2abc0b9b2ab, 0x0000000000000000)
    CHECK_V(1, 0xdcd5cec7dcd5cec7, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(236)
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #32
    mov x2, #8
    ld2r {v0.4s, v1.4s}, [x1], x2
    CHECK_V(0, 0xf8f1eae3f8f1eae3, 0xf8f1eae3f8f1eae3)
    CHECK_V(1, 0x140d06ff140d06ff, 0x140d06ff140d06ff)
    sub x3, x1, x20
    CHECK(x3, 40)
    TEST_NUM(237)
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #40
    ld2r {v0.1d, v1.1d}, [x1]
    CHECK_V(0, 0x4c453e373029221b, 0x0000000000000000)
    CHECK_V(1, 0x847d766f68615a53, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 40)
    TEST_NUM(238)
    ldr q0, fill
    ldr q1, fill
    add x1, x20, #48
    ld2r {v0.2d, v1.2d}, [x1], #16
    CHECK_V(0, 0x847d766f68615a53, 0x847d766f68615a53)
    CHECK_V(1, 0xbcb5aea7a099928b, 0xbcb5aea7a099928b)
    sub x3, x1, x20
    CHECK(x3, 64)
    TEST_NUM(239)
    ldr q0, fill
    ldr q1, fill
    ldr q2, fill
    add x1, x20, #56
    mov x2, #8
    ld3r {v0.8b, v1.8b, v2.8b}, [x1], x2
    CHECK_V(0, 0x8b8b8b8b8b8b8b8b, 0x0000000000000000)
    CHECK_V(1, 0x9292929292929292, 0x0000000000000000)
    CHECK_V(2, 0x9999999999999999, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 64)
    TEST_NUM(240)
    ldr q0, fill
    ldr q1, fill
    ldr q2, fill
    add x1, x20, #0
    ld3r {v0.16b, v1.16b, v2.16b}, [x1]
    CHECK_V(0, 0x0303030303030303, 0x0303030303030303)
    CHECK_V(1, 0x0a0a0a0a0a0a0a0a, 0x0a0a0a0a0a0a0a0a)
    CHECK_V(2, 0x1111111111111111, 0x1111111111111111)
    sub x3, x1, x20
    CHECK(x3, 0)
    TEST_NUM(241)
    ldr q0, fill
    ldr q1, fill
    ldr q2, fill
    add x1, x20, #8
    ld3r {v0.4h, v1.4h, v2.4h}, [x1], #6
    CHECK_V(0, 0x423b423b423b423b, 0x0000000000000000)
    CHECK_V(1, 0x5049504950495049, 0x0000000000000000)
    CHECK_V(2, 0x5e575e575e575e57, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 14)
    TEST_NUM(242)
    ldr q0, fill
    ldr q1, fill
    ldr q2, fill
    add x1, x20, #16
    mov x2, #8
    ld3r {v0.8h, v1.8h, v2.8h}, [x1], x2
    CHECK_V(0, 0x7a737a737a737a73, 0x7a737a737a737a73)
    CHECK_V(1, 0x8881888188818881, 0x8881888188818881)
    CHECK_V(2, 0x968f968f968f968f, 0x968f968f968f968f)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(243)
    ldr q0, fill
    ldr q1, fill
    ldr q2, fill
    add x1, x20, #24
    ld3r {v0.2s, v1.2s, v2.2s}, [x1]
    CHECK_V(0, 0xc0b9b2abc0b9b2ab, 0x0000000000000000)
    CHECK_V(1, 0xdcd5cec7dcd5cec7, 0x0000000000000000)
    CHECK_V(2, 0xf8f1eae3f8f1eae3, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(244)
    ldr q0, fill
    ldr q1, fill
    ldr q2, fill
    add x1, x20, #32
    ld3r {v0.4s, v1.4s, v2.4s}, [x1], #12
    CHECK_V(0, 0xf8f1eae3f8f1eae3, 0xf8f1eae3f8f1eae3)
    CHECK_V(1, 0x140d06ff140d06ff, 0x140d06ff140d06ff)
    CHECK_V(2, 0x3029221b3029221b, 0x3029221b3029221b)
    sub x3, x1, x20
    CHECK(x3, 44)
    TEST_NUM(245)
    ldr q0, fill
    ldr q1, fill
    ldr q2, fill
    add x1, x20, #40
    mov x2, #8
    ld3r {v0.1d, v1.1d, v2.1d}, [x1], x2
    CHECK_V(0, 0x4c453e373029221b, 0x0000000000000000)
    CHECK_V(1, 0x847d766f68615a53, 0x0000000000000000)
    CHECK_V(2, 0xbcb5aea7a099928b, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 48)
    TEST_NUM(246)
    ldr q0, fill
    ldr q1, fill
    ldr q2, fill
    add x1, x20, #48
    ld3r {v0.2d, v1.2d, v2.2d}, [x1]
    CHECK_V(0, 0x847d766f68615a53, 0x847d766f68615a53)
    CHECK_V(1, 0xbcb5aea7a099928b, 0xbcb5aea7a099928b)
    CHECK_V(2, 0xf4ede6dfd8d1cac3, 0xf4ede6dfd8d1cac3)
    sub x3, x1, x20
    CHECK(x3, 48)
    TEST_NUM(247)
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    add x1, x20, #56
    ld4r {v29.8b, v30.8b, v31.8b, v0.8b}, [x1], #4
    CHECK_V(29, 0x8b8b8b8b8b8b8b8b, 0x0000000000000000)
    CHECK_V(30, 0x9292929292929292, 0x0000000000000000)
    CHECK_V(31, 0x9999999999999999, 0x0000000000000000)
    CHECK_V(0, 0xa0a0a0a0a0a0a0a0, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 60)
    TEST_NUM(248)
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    add x1, x20, #0
    mov x2, #8
    ld4r {v29.16b, v30.16b, v31.16b, v0.16b}, [x1], x2
    CHECK_V(29, 0x0303030303030303, 0x0303030303030303)
    CHECK_V(30, 0x0a0a0a0a0a0a0a0a, 0x0a0a0a0a0a0a0a0a)
    CHECK_V(31, 0x1111111111111111, 0x1111111111111111)
    CHECK_V(0, 0x1818181818181818, 0x1818181818181818)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(249)
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    add x1, x20, #8
    ld4r {v29.4h, v30.4h, v31.4h, v0.4h}, [x1]
    CHECK_V(29, 0x423b423b423b423b, 0x0000000000000000)
    CHECK_V(30, 0x5049504950495049, 0x0000000000000000)
    CHECK_V(31, 0x5e575e575e575e57, 0x0000000000000000)
    CHECK_V(0, 0x6c656c656c656c65, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 8)
    TEST_NUM(250)
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    add x1, x20, #16
    ld4r {v29.8h, v30.8h, v31.8h, v0.8h}, [x1], #8
    CHECK_V(29, 0x7a737a737a737a73, 0x7a737a737a737a73)
    CHECK_V(30, 0x8881888188818881, 0x8881888188818881)
    CHECK_V(31, 0x968f968f968f968f, 0x968f968f968f968f)
    CHECK_V(0, 0xa49da49da49da49d, 0xa49da49da49da49d)
    sub x3, x1, x20
    CHECK(x3, 24)
    TEST_NUM(251)
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    add x1, x20, #24
    mov x2, #8
    ld4r {v29.2s, v30.2s, v31.2s, v0.2s}, [x1], x2
    CHECK_V(29, 0xc0b9b2abc0b9b2ab, 0x0000000000000000)
    CHECK_V(30, 0xdcd5cec7dcd5cec7, 0x0000000000000000)
    CHECK_V(31, 0xf8f1eae3f8f1eae3, 0x0000000000000000)
    CHECK_V(0, 0x140d06ff140d06ff, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(252)
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    add x1, x20, #32
    ld4r {v29.4s, v30.4s, v31.4s, v0.4s}, [x1]
    CHECK_V(29, 0xf8f1eae3f8f1eae3, 0xf8f1eae3f8f1eae3)
    CHECK_V(30, 0x140d06ff140d06ff, 0x140d06ff140d06ff)
    CHECK_V(31, 0x3029221b3029221b, 0x3029221b3029221b)
    CHECK_V(0, 0x4c453e374c453e37, 0x4c453e374c453e37)
    sub x3, x1, x20
    CHECK(x3, 32)
    TEST_NUM(253)
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    add x1, x20, #40
    ld4r {v29.1d, v30.1d, v31.1d, v0.1d}, [x1], #32
    CHECK_V(29, 0x4c453e373029221b, 0x0000000000000000)
    CHECK_V(30, 0x847d766f68615a53, 0x0000000000000000)
    CHECK_V(31, 0xbcb5aea7a099928b, 0x0000000000000000)
    CHECK_V(0, 0xf4ede6dfd8d1cac3, 0x0000000000000000)
    sub x3, x1, x20
    CHECK(x3, 72)
    TEST_NUM(254)
    ldr q29, fill
    ldr q30, fill
    ldr q31, fill
    ldr q0, fill
    add x1, x20, #48
    mov x2, #8
    ld4r {v29.2d, v30.2d, v31.2d, v0.2d}, [x1], x2
    CHECK_V(29, 0x847d766f68615a53, 0x847d766f68615a53)
    CHECK_V(30, 0xbcb5aea7a099928b, 0xbcb5aea7a099928b)
    CHECK_V(31, 0xf4ede6dfd8d1cac3, 0xf4ede6dfd8d1cac3)
    CHECK_V(0, 0x2c251e17100902fb, 0x2c251e17100902fb)
    sub x3, x1, x20
    CHECK(x3, 56)
TEST_END
