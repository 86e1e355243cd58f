/*
 * test/unit/gen/arm_fp_ref.c — runs the Arm FP instructions of
 * test/unit/test_softfloat_arm_cases.h on a real (or emulated) AArch64 CPU and prints
 * their results and FPSR flags as the C data of test/unit/test_softfloat_arm_ref.inc.
 *
 *   aarch64-linux-gnu-gcc -O1 -static -I. test/unit/gen/arm_fp_ref.c -o arm_fp_ref
 *   qemu-aarch64 ./arm_fp_ref > test/unit/test_softfloat_arm_ref.inc
 *
 * Each case sets FPCR, clears FPSR, runs one instruction on d1/d2/d3 (or x9) and reads the
 * result (d0 or x10) and FPSR, all in one asm statement.  To keep the data small, the
 * first FPCR value of an op's set lists every result, and the other FPCR values only the
 * results that differ from it.
 */
#include <stdio.h>

#include "test/unit/test_softfloat_arm_cases.h"

#if !defined(__aarch64__)
#error "build this generator for aarch64"
#endif

/* result in d0 */
#define F(insn)                                                                        \
    __asm__ volatile("msr fpcr, %[fpcr]\n\tmsr fpsr, xzr\n\t"                          \
                     "fmov d1, %[a]\n\tfmov d2, %[b]\n\tfmov d3, %[c]\n\tmov x9, %[a]\n\t" \
                     insn "\n\t"                                                      \
                     "fmov %[r], d0\n\tmrs %[sr], fpsr\n\tmsr fpcr, xzr"                \
                     : [r] "=&r"(r), [sr] "=&r"(sr)                                    \
                     : [fpcr] "r"(fpcr), [a] "r"(a), [b] "r"(b), [c] "r"(c)             \
                     : "v0", "v1", "v2", "v3", "x9", "x10")
/* result in x10 */
#define I(insn)                                                                        \
    __asm__ volatile("msr fpcr, %[fpcr]\n\tmsr fpsr, xzr\n\t"                          \
                     "fmov d1, %[a]\n\tfmov d2, %[b]\n\tfmov d3, %[c]\n\tmov x9, %[a]\n\t" \
                     "mov x10, xzr\n\t" insn "\n\t"                                   \
                     "mov %[r], x10\n\tmrs %[sr], fpsr\n\tmsr fpcr, xzr"                \
                     : [r] "=&r"(r), [sr] "=&r"(sr)                                    \
                     : [fpcr] "r"(fpcr), [a] "r"(a), [b] "r"(b), [c] "r"(c)             \
                     : "v0", "v1", "v2", "v3", "x9", "x10")

static void run(int op, uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c, uint64_t *res,
                uint64_t *fpsr)
{
    uint64_t r = 0, sr = 0;
    switch (op) {
    case ARM_FADD_S: F("fadd s0, s1, s2"); break;
    case ARM_FSUB_S: F("fsub s0, s1, s2"); break;
    case ARM_FMUL_S: F("fmul s0, s1, s2"); break;
    case ARM_FDIV_S: F("fdiv s0, s1, s2"); break;
    case ARM_FSQRT_S: F("fsqrt s0, s1"); break;
    case ARM_FMADD_S: F("fmadd s0, s1, s2, s3"); break;
    case ARM_FADD_D: F("fadd d0, d1, d2"); break;
    case ARM_FMUL_D: F("fmul d0, d1, d2"); break;
    case ARM_FDIV_D: F("fdiv d0, d1, d2"); break;
    case ARM_FSQRT_D: F("fsqrt d0, d1"); break;
    case ARM_FMADD_D: F("fmadd d0, d1, d2, d3"); break;
    case ARM_FCMEQ_S: F("fcmeq s0, s1, s2"); break;
    case ARM_FCMGE_S: F("fcmge s0, s1, s2"); break;
    case ARM_FCMGT_S: F("fcmgt s0, s1, s2"); break;
    case ARM_FCMEQ_D: F("fcmeq d0, d1, d2"); break;
    case ARM_FCMGE_D: F("fcmge d0, d1, d2"); break;
    case ARM_FMIN_S: F("fmin s0, s1, s2"); break;
    case ARM_FMAX_S: F("fmax s0, s1, s2"); break;
    case ARM_FMINNM_S: F("fminnm s0, s1, s2"); break;
    case ARM_FMAXNM_S: F("fmaxnm s0, s1, s2"); break;
    case ARM_FMIN_D: F("fmin d0, d1, d2"); break;
    case ARM_FMAX_D: F("fmax d0, d1, d2"); break;
    case ARM_FMINNM_D: F("fminnm d0, d1, d2"); break;
    case ARM_FMAXNM_D: F("fmaxnm d0, d1, d2"); break;
    case ARM_FMULX_S: F("fmulx s0, s1, s2"); break;
    case ARM_FMULX_D: F("fmulx d0, d1, d2"); break;
    case ARM_FRECPS_S: F("frecps s0, s1, s2"); break;
    case ARM_FRECPS_D: F("frecps d0, d1, d2"); break;
    case ARM_FRSQRTS_S: F("frsqrts s0, s1, s2"); break;
    case ARM_FRSQRTS_D: F("frsqrts d0, d1, d2"); break;
    case ARM_FRECPE_S: F("frecpe s0, s1"); break;
    case ARM_FRECPE_D: F("frecpe d0, d1"); break;
    case ARM_FRSQRTE_S: F("frsqrte s0, s1"); break;
    case ARM_FRSQRTE_D: F("frsqrte d0, d1"); break;
    case ARM_FRECPX_S: F("frecpx s0, s1"); break;
    case ARM_FRECPX_D: F("frecpx d0, d1"); break;
    case ARM_URECPE: F("urecpe v0.2s, v1.2s"); r &= 0xffffffffu; break;
    case ARM_URSQRTE: F("ursqrte v0.2s, v1.2s"); r &= 0xffffffffu; break;
    case ARM_FRINTN_S: F("frintn s0, s1"); break;
    case ARM_FRINTA_S: F("frinta s0, s1"); break;
    case ARM_FRINTP_S: F("frintp s0, s1"); break;
    case ARM_FRINTM_S: F("frintm s0, s1"); break;
    case ARM_FRINTZ_S: F("frintz s0, s1"); break;
    case ARM_FRINTI_S: F("frinti s0, s1"); break;
    case ARM_FRINTX_S: F("frintx s0, s1"); break;
    case ARM_FRINTN_D: F("frintn d0, d1"); break;
    case ARM_FRINTA_D: F("frinta d0, d1"); break;
    case ARM_FRINTP_D: F("frintp d0, d1"); break;
    case ARM_FRINTM_D: F("frintm d0, d1"); break;
    case ARM_FRINTZ_D: F("frintz d0, d1"); break;
    case ARM_FRINTX_D: F("frintx d0, d1"); break;
    case ARM_FCVTNS_WS: I("fcvtns w10, s1"); break;
    case ARM_FCVTNU_WS: I("fcvtnu w10, s1"); break;
    case ARM_FCVTAS_WS: I("fcvtas w10, s1"); break;
    case ARM_FCVTAU_XS: I("fcvtau x10, s1"); break;
    case ARM_FCVTPS_XS: I("fcvtps x10, s1"); break;
    case ARM_FCVTMU_WS: I("fcvtmu w10, s1"); break;
    case ARM_FCVTZS_WS: I("fcvtzs w10, s1"); break;
    case ARM_FCVTZU_XS: I("fcvtzu x10, s1"); break;
    case ARM_FCVTZS_WS16: I("fcvtzs w10, s1, #16"); break;
    case ARM_FCVTZU_WS32: I("fcvtzu w10, s1, #32"); break;
    case ARM_FCVTNS_XD: I("fcvtns x10, d1"); break;
    case ARM_FCVTNU_XD: I("fcvtnu x10, d1"); break;
    case ARM_FCVTAS_XD: I("fcvtas x10, d1"); break;
    case ARM_FCVTAU_WD: I("fcvtau w10, d1"); break;
    case ARM_FCVTPU_WD: I("fcvtpu w10, d1"); break;
    case ARM_FCVTMS_XD: I("fcvtms x10, d1"); break;
    case ARM_FCVTZS_WD: I("fcvtzs w10, d1"); break;
    case ARM_FCVTZU_WD: I("fcvtzu w10, d1"); break;
    case ARM_FCVTZS_XD40: I("fcvtzs x10, d1, #40"); break;
    case ARM_FCVTZU_XD64: I("fcvtzu x10, d1, #64"); break;
    case ARM_SCVTF_SW: F("scvtf s0, w9"); break;
    case ARM_UCVTF_SW: F("ucvtf s0, w9"); break;
    case ARM_SCVTF_SX: F("scvtf s0, x9"); break;
    case ARM_UCVTF_DX: F("ucvtf d0, x9"); break;
    case ARM_SCVTF_DX: F("scvtf d0, x9"); break;
    case ARM_SCVTF_SW16: F("scvtf s0, w9, #16"); break;
    case ARM_UCVTF_DX64: F("ucvtf d0, x9, #64"); break;
    case ARM_SCVTF_SX40: F("scvtf s0, x9, #40"); break;
    case ARM_FCVT_DS: F("fcvt d0, s1"); break;
    case ARM_FCVT_SD: F("fcvt s0, d1"); break;
    case ARM_FCVTXN_SD: F("fcvtxn s0, d1"); break;
    case ARM_FCVT_HS: F("fcvt h0, s1"); break;
    case ARM_FCVT_HD: F("fcvt h0, d1"); break;
    case ARM_FCVT_SH: F("fcvt s0, h1"); break;
    case ARM_FCVT_DH: F("fcvt d0, h1"); break;
    default:
        fprintf(stderr, "no instruction for op %d\n", op);
        r = sr = ~0ull;
        break;
    }
    *res = r;
    *fpsr = sr & 0x9f; /* the cumulative flags: IDC, IXC, UFC, OFC, DZC, IOC */
}

int main(void)
{
    printf("/* Generated by test/unit/gen/arm_fp_ref.c (run under qemu-aarch64): the expected\n"
           " * results and FPSR flags of test/unit/test_softfloat_arm_cases.h.  Entries:\n"
           " * {op, FPCR index, operand index, result, FPSR}; the first FPCR of each op lists\n"
           " * every case, the others only those that differ from it.  Do not edit. */\n");
    for (int op = 0; op < ARM_REF_NOPS; op++) {
        uint32_t fpcrs[16];
        int nf = arm_ref_fpcrs(arm_ref_ops[op].cfg, fpcrs);
        int n = arm_ref_count(op);
        uint64_t base_r[256], base_f[256];
        printf("/* %s */\n", arm_ref_ops[op].name);
        for (int k = 0; k < nf; k++) {
            int col = 0;
            for (int i = 0; i < n; i++) {
                uint64_t in[3], r, f;
                for (int j = 0; j < 3; j++) {
                    in[j] = j < arm_ref_ops[op].nargs ? arm_ref_operand(op, i, j) : 0;
                }
                run(op, fpcrs[k], in[0], in[1], in[2], &r, &f);
                if (k == 0) {
                    base_r[i] = r;
                    base_f[i] = f;
                } else if (r == base_r[i] && f == base_f[i]) {
                    continue;
                }
                printf("{%d,%d,%d,0x%llx,0x%llx},", op, k, i, (unsigned long long)r,
                       (unsigned long long)f);
                if (++col == 4) {
                    printf("\n");
                    col = 0;
                }
            }
            if (col) {
                printf("\n");
            }
        }
    }
    return 0;
}
