/*
 * crypto.S — the cortex-a57 crypto instructions: AESE/AESD/AESMC/AESIMC on the FIPS-197
 * appendix B first round (known state words), SHA1C/P/M/H/SU0/SU1 and SHA256H/H2/SU0/SU1 on
 * the SHA-1 initial state and the padded block of "abc" (expected values from an
 * independent model of the ARM ARM SHA pseudocode in Python), PMULL/PMULL2 .1Q carry-less
 * products.  qemu-system-aarch64 7.2 agrees.
 */
#include "harness.h"

#define VSET(r, lo, hi) LI(x1, lo); LI(x2, hi); mov v##r.d[0], x1; mov v##r.d[1], x2
#define VCHK(r, lo, hi) mov x3, v##r.d[0]; CHECK(x3, lo); mov x3, v##r.d[1]; CHECK(x3, hi)

    .arch armv8-a+crypto
TEST_BEGIN
    TEST_NUM(1); VSET(0, 0x8d305a88a8f64332, 0x340737e0a2983131); VSET(1, 0xa6d2ae2816157e2b, 0x3c4fcf098815f7ab); VSET(2, 0x0, 0x0); aese v0.16b, v1.16b; VCHK(0, 0xae52b4e0305dbfd4, 0xe598271ef11141b8)
    TEST_NUM(2); VSET(0, 0x0, 0x0); VSET(1, 0xae52b4e0305dbfd4, 0xe598271ef11141b8); VSET(2, 0x0, 0x0); aesmc v0.16b, v1.16b; VCHK(0, 0x9a19cbe0e5816604, 0x4c2606287ad3f848)
    TEST_NUM(3); VSET(0, 0x0, 0x0); VSET(1, 0x9a19cbe0e5816604, 0x4c2606287ad3f848); VSET(2, 0x0, 0x0); aesimc v0.16b, v1.16b; VCHK(0, 0xae52b4e0305dbfd4, 0xe598271ef11141b8)
    TEST_NUM(4); VSET(0, 0xae52b4e0305dbfd4, 0xe598271ef11141b8); VSET(1, 0x0, 0x0); VSET(2, 0x0, 0x0); aesd v0.16b, v1.16b; VCHK(0, 0x2be2f4a0bee33d19, 0x848f8e92a8dc69a)
    TEST_NUM(5); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha1c q0, s1, v2.4s; VCHK(0, 0xc4adb70e62d481d6, 0xc7d4a16fd06166a8)
    TEST_NUM(6); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha1p q0, s1, v2.4s; VCHK(0, 0xceae12de10a605e, 0xfedcbab2dff1052)
    TEST_NUM(7); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha1m q0, s1, v2.4s; VCHK(0, 0x6e6e85469d2654bb, 0xc7d4a16ffdf12488)
    TEST_NUM(8); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha1h s0, s1; VCHK(0, 0xa4e92d7, 0x0)
    TEST_NUM(9); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha1su0 v0.4s, v1.4s, v2.4s; VCHK(0, 0xffffffffffffffe7, 0xe3d14799c6f7e0d5)
    TEST_NUM(10); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha1su1 v0.4s, v1.4s; VCHK(0, 0x72103e54eb88a6dd, 0x199b0bb9583e94f2)
    TEST_NUM(11); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha256h q0, q1, v2.4s; VCHK(0, 0xdd256ecf4b7bf6cb, 0x73326fdd42cdd262)
    TEST_NUM(12); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha256h2 q0, q1, v2.4s; VCHK(0, 0x3ed75546c6f8e00b, 0x7ac0f91b50b39a99)
    TEST_NUM(13); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha256su0 v0.4s, v1.4s; VCHK(0, 0xfd7f32d3694bdc7e, 0x96e75ab436b42380)
    TEST_NUM(14); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); sha256su1 v0.4s, v1.4s, v2.4s; VCHK(0, 0xb81604d7f6285b8e, 0x2a2451a1da2bbd40)
    TEST_NUM(15); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); pmull v0.1q, v1.1d, v2.1d; VCHK(0, 0x70d04943da76ef20, 0x9)
    TEST_NUM(16); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xe5f60718293a4b5c, 0xc3d2e1f0a1b2c3d4); VSET(2, 0x18, 0x6162638000000000); pmull2 v0.1q, v1.2d, v2.2d; VCHK(0, 0xba82160000000000, 0x2864164937369629)
    TEST_NUM(17); VSET(0, 0x98badcfe10325476, 0x67452301efcdab89); VSET(1, 0xffffffffffffffff, 0x0); VSET(2, 0xffffffffffffffff, 0x0); pmull v0.1q, v1.1d, v2.1d; VCHK(0, 0x5555555555555555, 0x5555555555555555)
TEST_END
