/*
 * branch.S — A64 branches: b.cond with each of the 16 conditions under each of the 16 NZCV
 * values (forward: taken or falling through, NZCV unchanged by the branches; backward too),
 * cbz/cbnz (X and W: a W test looks at bits 31:0 only), tbz/tbnz on bits 0, 31, 32 and 63,
 * b, bl/blr (x30 = the next instruction, blr x30 reads x30 before writing it), ret (x30 and
 * another register), br, and adr/adrp.
 */
#include "harness.h"

TEST_BEGIN
    /* b.cond: all 16 conditions under all 16 NZCV values; x0 = 1 fell through, 2 taken (forward) */
    SET_NZCV(0)
    TEST_NUM(1); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(2); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(3); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(4); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(5); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(6); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(7); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(8); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(9); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(10); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(11); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(12); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(13); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(14); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(15); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(16); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(17); CHECK_NZCV(0)
    SET_NZCV(1)
    TEST_NUM(18); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(19); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(20); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(21); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(22); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(23); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(24); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(25); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(26); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(27); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(28); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(29); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(30); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(31); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(32); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(33); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(34); CHECK_NZCV(1)
    SET_NZCV(2)
    TEST_NUM(35); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(36); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(37); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(38); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(39); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(40); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(41); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(42); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(43); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(44); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(45); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(46); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(47); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(48); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(49); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(50); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(51); CHECK_NZCV(2)
    SET_NZCV(3)
    TEST_NUM(52); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(53); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(54); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(55); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(56); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(57); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(58); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(59); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(60); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(61); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(62); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(63); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(64); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(65); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(66); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(67); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(68); CHECK_NZCV(3)
    SET_NZCV(4)
    TEST_NUM(69); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(70); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(71); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(72); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(73); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(74); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(75); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(76); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(77); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(78); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(79); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(80); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(81); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(82); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(83); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(84); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(85); CHECK_NZCV(4)
    SET_NZCV(5)
    TEST_NUM(86); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(87); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(88); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(89); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(90); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(91); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(92); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(93); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(94); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(95); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(96); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(97); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(98); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(99); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(100); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(101); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(102); CHECK_NZCV(5)
    SET_NZCV(6)
    TEST_NUM(103); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(104); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(105); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(106); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(107); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(108); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(109); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(110); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(111); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(112); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(113); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(114); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(115); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(116); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(117); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(118); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(119); CHECK_NZCV(6)
    SET_NZCV(7)
    TEST_NUM(120); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(121); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(122); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(123); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(124); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(125); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(126); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(127); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(128); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(129); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(130); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(131); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(132); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(133); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(134); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(135); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(136); CHECK_NZCV(7)
    SET_NZCV(8)
    TEST_NUM(137); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(138); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(139); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(140); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(141); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(142); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(143); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(144); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(145); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(146); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(147); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(148); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(149); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(150); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(151); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(152); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(153); CHECK_NZCV(8)
    SET_NZCV(9)
    TEST_NUM(154); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(155); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(156); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(157); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(158); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(159); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(160); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(161); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(162); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(163); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(164); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(165); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(166); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(167); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(168); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(169); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(170); CHECK_NZCV(9)
    SET_NZCV(10)
    TEST_NUM(171); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(172); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(173); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(174); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(175); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(176); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(177); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(178); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(179); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(180); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(181); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(182); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(183); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(184); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(185); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(186); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(187); CHECK_NZCV(10)
    SET_NZCV(11)
    TEST_NUM(188); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(189); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(190); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(191); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(192); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(193); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(194); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(195); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(196); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(197); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(198); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(199); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(200); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(201); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(202); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(203); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(204); CHECK_NZCV(11)
    SET_NZCV(12)
    TEST_NUM(205); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(206); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(207); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(208); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(209); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(210); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(211); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(212); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(213); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(214); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(215); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(216); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(217); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(218); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(219); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(220); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(221); CHECK_NZCV(12)
    SET_NZCV(13)
    TEST_NUM(222); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(223); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(224); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(225); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(226); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(227); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(228); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(229); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(230); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(231); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(232); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(233); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(234); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(235); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(236); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(237); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(238); CHECK_NZCV(13)
    SET_NZCV(14)
    TEST_NUM(239); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(240); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(241); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(242); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(243); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(244); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(245); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(246); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(247); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(248); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(249); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(250); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(251); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(252); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(253); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(254); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(255); CHECK_NZCV(14)
    SET_NZCV(15)
    TEST_NUM(256); mov x0, #0; b.eq 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(257); mov x0, #0; b.ne 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(258); mov x0, #0; b.cs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(259); mov x0, #0; b.cc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(260); mov x0, #0; b.mi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(261); mov x0, #0; b.pl 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(262); mov x0, #0; b.vs 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(263); mov x0, #0; b.vc 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(264); mov x0, #0; b.hi 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(265); mov x0, #0; b.ls 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(266); mov x0, #0; b.ge 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(267); mov x0, #0; b.lt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(268); mov x0, #0; b.gt 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 1)
    TEST_NUM(269); mov x0, #0; b.le 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(270); mov x0, #0; b.al 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(271); mov x0, #0; b.nv 1f; orr x0, x0, #1; b 2f; 1: orr x0, x0, #2; 2: CHECK(x0, 2)
    TEST_NUM(272); CHECK_NZCV(15)
    /* b.cond backward: taken conditions loop back once */
    TEST_NUM(273); SET_NZCV(4); mov x0, #0; mov x1, #0; 1: add x0, x0, #1; cbnz x1, 2f; mov x1, #1; b.eq 1b; 2: CHECK(x0, 2)
    TEST_NUM(274); SET_NZCV(0); mov x0, #0; mov x1, #0; 1: add x0, x0, #1; cbnz x1, 2f; mov x1, #1; b.ne 1b; 2: CHECK(x0, 2)
    TEST_NUM(275); SET_NZCV(2); mov x0, #0; mov x1, #0; 1: add x0, x0, #1; cbnz x1, 2f; mov x1, #1; b.hi 1b; 2: CHECK(x0, 2)
    TEST_NUM(276); SET_NZCV(9); mov x0, #0; mov x1, #0; 1: add x0, x0, #1; cbnz x1, 2f; mov x1, #1; b.ge 1b; 2: CHECK(x0, 2)
    TEST_NUM(277); SET_NZCV(8); mov x0, #0; mov x1, #0; 1: add x0, x0, #1; cbnz x1, 2f; mov x1, #1; b.lt 1b; 2: CHECK(x0, 2)
    TEST_NUM(278); SET_NZCV(6); mov x0, #0; mov x1, #0; 1: add x0, x0, #1; cbnz x1, 2f; mov x1, #1; b.ls 1b; 2: CHECK(x0, 2)

    /* cbz / cbnz: X looks at all 64 bits, W at bits 31:0 */
    TEST_NUM(300)
    LI(x1, 0xffffffff00000000)
    mov x0, #0
    cbz x1, 1f
    orr x0, x0, #1              /* not taken: x1 != 0 */
1:  cbz w1, 2f
    FAIL                        /* w1 == 0: taken */
2:  cbnz x1, 3f
    FAIL
3:  cbnz w1, 4f
    orr x0, x0, #2
4:  CHECK(x0, 3)
    TEST_NUM(301)
    mov x1, #0
    cbnz x1, 5f
    cbz x1, 6f
5:  FAIL
6:  mov x2, #1
    cbz x2, 5b
    cbnz x2, 7f
    FAIL
7:  /* backward cbnz: a count-down loop */
    TEST_NUM(302)
    mov x1, #10
    mov x0, #0
8:  add x0, x0, #3
    sub x1, x1, #1
    cbnz x1, 8b
    CHECK(x0, 30)

    /* tbz / tbnz */
    TEST_NUM(303)
    LI(x1, 0x8000000180000001)  /* bits 63, 32, 31, 0 set; 62, 33, 30, 1 clear */
    mov x0, #0
    tbnz x1, #0, 1f
    FAIL
1:  tbnz w1, #31, 2f
    FAIL
2:  tbnz x1, #32, 3f
    FAIL
3:  tbnz x1, #63, 4f
    FAIL
4:  tbz x1, #1, 5f
    FAIL
5:  tbz w1, #30, 6f
    FAIL
6:  tbz x1, #33, 7f
    FAIL
7:  tbz x1, #62, 8f
    FAIL
8:  tbz x1, #63, 9f             /* not taken */
    orr x0, x0, #1
    tbnz x1, #62, 9f            /* not taken */
    orr x0, x0, #2
    tbz x1, #0, 9f              /* not taken */
    orr x0, x0, #4
9:  CHECK(x0, 7)
    TEST_NUM(304)               /* backward tbz: shift until bit 0 is set */
    LI(x1, 0x100)
    mov x0, #0
10: lsr x1, x1, #1
    add x0, x0, #1
    tbz x1, #0, 10b
    CHECK(x0, 8)

    /* bl / ret: x30 = the instruction after bl */
    TEST_NUM(305)
    mov x0, #0
    bl sub_add5
bl_ret1:
    CHECK(x0, 5)
    CHECK_LABEL(x30, bl_ret1)
    /* blr */
    TEST_NUM(306)
    adr x5, sub_add5
    mov x0, #10
    blr x5
blr_ret1:
    CHECK(x0, 15)
    CHECK_LABEL(x30, blr_ret1)
    /* blr x30: the target is x30's old value, then x30 = the return address */
    TEST_NUM(307)
    adr x30, sub_add5
    mov x0, #1
    blr x30
blr_ret2:
    CHECK(x0, 6)
    CHECK_LABEL(x30, blr_ret2)
    /* ret through another register */
    TEST_NUM(308)
    adr x7, ret_x7_back
    mov x0, #0
    b sub_ret_x7
ret_x7_back:
    CHECK(x0, 0x77)
    /* br: no link */
    TEST_NUM(309)
    adr x30, sub_add5           /* x30 must stay as it is */
    adr x6, br_target
    br x6
    FAIL
br_target:
    CHECK_LABEL(x30, sub_add5)
    /* nested calls with the link saved on the stack */
    TEST_NUM(310)
    mov x0, #0
    bl sub_nested
nested_ret:
    CHECK(x0, 11)
    CHECK_LABEL(x30, nested_ret)
    /* b: far forward and back */
    TEST_NUM(311)
    mov x0, #0
    b far_fwd
far_back:
    CHECK(x0, 1)

    /* adr / adrp */
    TEST_NUM(312)
    adr x0, adr_target
    ldr x1, =adr_target
    CHECK_REG(x0, x1)
    TEST_NUM(313)
    adrp x0, adr_target
    and x1, x1, #~0xfff
    CHECK_REG(x0, x1)
    TEST_NUM(314)
    adr x0, .
    adr x1, . + 8               /* the adr's own address + 8 */
    sub x0, x1, x0
    CHECK(x0, 12)
    TEST_END

sub_add5:
    add x0, x0, #5
    ret
sub_ret_x7:
    mov x0, #0x77
    ret x7
sub_nested:
    stp x29, x30, [sp, #-16]!
    add x0, x0, #1
    bl sub_add5
    bl sub_add5
    ldp x29, x30, [sp], #16
    ret

    .balign 4
adr_target:
    nop
    .space 0x10000              /* 64 KiB away */
far_fwd:
    add x0, x0, #1
    b far_back
