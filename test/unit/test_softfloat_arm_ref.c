/*
 * test/unit/test_softfloat_arm_ref.c — core/fpu against the Arm instructions themselves:
 * every case of test/unit/test_softfloat_arm_cases.h (an instruction, an FPCR value, its
 * operands) is computed with the soft-float functions an AArch64 front end would call,
 * and the result and the flags are compared with what the instruction gave.
 *
 * The expected values (test_softfloat_arm_ref.inc) were produced by
 * test/unit/gen/arm_fp_ref.c, built with Debian's aarch64-linux-gnu-gcc 12 and run
 * under Debian's qemu-aarch64 7.2 (user mode); see that file for the commands.  QEMU's
 * Arm FP emulation is the reference here because no Arm hardware is at hand; where the
 * ARM ARM pseudocode and QEMU 7.2 disagree, the case is listed in arm_ref_known_qemu_diff
 * with the reason, and checked against the pseudocode's value instead.
 *
 * Each case runs twice: with no flags accrued, and with inexact already accrued (which
 * lets the host-FPU fast path of core/fpu/hostfloat.h run; the result must not change).
 */
#include <string.h>

#include "core/fpu/softfloat.h"
#include "core/fpu/softfloat_arm.h"
#include "test/unit/test.h"
#include "test/unit/test_softfloat_arm_cases.h"

typedef struct ArmRefExpect {
    uint16_t op;
    uint8_t k; /* index into the op's FPCR values */
    uint8_t i; /* operand tuple */
    uint64_t result;
    uint8_t fpsr;
} ArmRefExpect;

static const ArmRefExpect arm_ref_expect[] = {
#include "test/unit/test_softfloat_arm_ref.inc"
};

/* FPSR cumulative bits */
enum { IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128 };

static uint8_t fpsr_of(unsigned flags)
{
    return (flags & FLOAT_FLAG_INVALID ? IOC : 0) | (flags & FLOAT_FLAG_DIVBYZERO ? DZC : 0) |
           (flags & FLOAT_FLAG_OVERFLOW ? OFC : 0) | (flags & FLOAT_FLAG_UNDERFLOW ? UFC : 0) |
           (flags & FLOAT_FLAG_INEXACT ? IXC : 0) |
           (flags & FLOAT_FLAG_INPUT_DENORMAL ? IDC : 0);
}

/* FPCR.RMode -> FloatRound */
static const uint8_t rmode_to_round[4] = {FLOAT_RNE, FLOAT_RUP, FLOAT_RDN, FLOAT_RTZ};

static uint64_t mask_of(bool v, uint64_t ones)
{
    return v ? ones : 0;
}

/* The soft-float computation of op; s is set up from FPCR. */
static uint64_t compute(int op, uint64_t a, uint64_t b, uint64_t c, bool ahp, FloatStatus *s)
{
    uint32_t as = (uint32_t)a, bs = (uint32_t)b, cs = (uint32_t)c;
    switch (op) {
    case ARM_FADD_S: return f32_add(as, bs, s);
    case ARM_FSUB_S: return f32_sub(as, bs, s);
    case ARM_FMUL_S: return f32_mul(as, bs, s);
    case ARM_FDIV_S: return f32_div(as, bs, s);
    case ARM_FSQRT_S: return f32_sqrt(as, s);
    case ARM_FMADD_S: return f32_muladd(as, bs, cs, s);
    case ARM_FADD_D: return f64_add(a, b, s);
    case ARM_FMUL_D: return f64_mul(a, b, s);
    case ARM_FDIV_D: return f64_div(a, b, s);
    case ARM_FSQRT_D: return f64_sqrt(a, s);
    case ARM_FMADD_D: return f64_muladd(a, b, c, s);
    case ARM_FCMEQ_S: return mask_of(f32_eq(as, bs, s), 0xffffffffu);
    case ARM_FCMGE_S: return mask_of(f32_le(bs, as, s), 0xffffffffu);
    case ARM_FCMGT_S: return mask_of(f32_lt(bs, as, s), 0xffffffffu);
    case ARM_FCMEQ_D: return mask_of(f64_eq(a, b, s), UINT64_MAX);
    case ARM_FCMGE_D: return mask_of(f64_le(b, a, s), UINT64_MAX);
    case ARM_FMIN_S: return f32_arm_min(as, bs, s);
    case ARM_FMAX_S: return f32_arm_max(as, bs, s);
    case ARM_FMINNM_S: return f32_arm_minnm(as, bs, s);
    case ARM_FMAXNM_S: return f32_arm_maxnm(as, bs, s);
    case ARM_FMIN_D: return f64_arm_min(a, b, s);
    case ARM_FMAX_D: return f64_arm_max(a, b, s);
    case ARM_FMINNM_D: return f64_arm_minnm(a, b, s);
    case ARM_FMAXNM_D: return f64_arm_maxnm(a, b, s);
    case ARM_FMULX_S: return f32_arm_mulx(as, bs, s);
    case ARM_FMULX_D: return f64_arm_mulx(a, b, s);
    case ARM_FRECPS_S: return f32_arm_recps(as, bs, s);
    case ARM_FRECPS_D: return f64_arm_recps(a, b, s);
    case ARM_FRSQRTS_S: return f32_arm_rsqrts(as, bs, s);
    case ARM_FRSQRTS_D: return f64_arm_rsqrts(a, b, s);
    case ARM_FRECPE_S: return f32_arm_recpe(as, s);
    case ARM_FRECPE_D: return f64_arm_recpe(a, s);
    case ARM_FRSQRTE_S: return f32_arm_rsqrte(as, s);
    case ARM_FRSQRTE_D: return f64_arm_rsqrte(a, s);
    case ARM_FRECPX_S: return f32_arm_recpx(as, s);
    case ARM_FRECPX_D: return f64_arm_recpx(a, s);
    case ARM_URECPE: return u32_arm_recpe(as);
    case ARM_URSQRTE: return u32_arm_rsqrte(as);
    case ARM_FRINTN_S: return f32_round_to_int(as, FLOAT_RNE, false, s);
    case ARM_FRINTA_S: return f32_round_to_int(as, FLOAT_RMM, false, s);
    case ARM_FRINTP_S: return f32_round_to_int(as, FLOAT_RUP, false, s);
    case ARM_FRINTM_S: return f32_round_to_int(as, FLOAT_RDN, false, s);
    case ARM_FRINTZ_S: return f32_round_to_int(as, FLOAT_RTZ, false, s);
    case ARM_FRINTI_S: return f32_round_to_int(as, s->rounding, false, s);
    case ARM_FRINTX_S: return f32_round_to_int(as, s->rounding, true, s);
    case ARM_FRINTN_D: return f64_round_to_int(a, FLOAT_RNE, false, s);
    case ARM_FRINTA_D: return f64_round_to_int(a, FLOAT_RMM, false, s);
    case ARM_FRINTP_D: return f64_round_to_int(a, FLOAT_RUP, false, s);
    case ARM_FRINTM_D: return f64_round_to_int(a, FLOAT_RDN, false, s);
    case ARM_FRINTZ_D: return f64_round_to_int(a, FLOAT_RTZ, false, s);
    case ARM_FRINTX_D: return f64_round_to_int(a, s->rounding, true, s);
    case ARM_FCVTNS_WS: return (uint32_t)f32_to_i32_scaled(as, 0, FLOAT_RNE, s);
    case ARM_FCVTNU_WS: return f32_to_u32_scaled(as, 0, FLOAT_RNE, s);
    case ARM_FCVTAS_WS: return (uint32_t)f32_to_i32_scaled(as, 0, FLOAT_RMM, s);
    case ARM_FCVTAU_XS: return f32_to_u64_scaled(as, 0, FLOAT_RMM, s);
    case ARM_FCVTPS_XS: return (uint64_t)f32_to_i64_scaled(as, 0, FLOAT_RUP, s);
    case ARM_FCVTMU_WS: return f32_to_u32_scaled(as, 0, FLOAT_RDN, s);
    case ARM_FCVTZS_WS: return (uint32_t)f32_to_i32_scaled(as, 0, FLOAT_RTZ, s);
    case ARM_FCVTZU_XS: return f32_to_u64_scaled(as, 0, FLOAT_RTZ, s);
    case ARM_FCVTZS_WS16: return (uint32_t)f32_to_i32_scaled(as, 16, FLOAT_RTZ, s);
    case ARM_FCVTZU_WS32: return f32_to_u32_scaled(as, 32, FLOAT_RTZ, s);
    case ARM_FCVTNS_XD: return (uint64_t)f64_to_i64_scaled(a, 0, FLOAT_RNE, s);
    case ARM_FCVTNU_XD: return f64_to_u64_scaled(a, 0, FLOAT_RNE, s);
    case ARM_FCVTAS_XD: return (uint64_t)f64_to_i64_scaled(a, 0, FLOAT_RMM, s);
    case ARM_FCVTAU_WD: return f64_to_u32_scaled(a, 0, FLOAT_RMM, s);
    case ARM_FCVTPU_WD: return f64_to_u32_scaled(a, 0, FLOAT_RUP, s);
    case ARM_FCVTMS_XD: return (uint64_t)f64_to_i64_scaled(a, 0, FLOAT_RDN, s);
    case ARM_FCVTZS_WD: return (uint32_t)f64_to_i32_scaled(a, 0, FLOAT_RTZ, s);
    case ARM_FCVTZU_WD: return f64_to_u32_scaled(a, 0, FLOAT_RTZ, s);
    case ARM_FCVTZS_XD40: return (uint64_t)f64_to_i64_scaled(a, 40, FLOAT_RTZ, s);
    case ARM_FCVTZU_XD64: return f64_to_u64_scaled(a, 64, FLOAT_RTZ, s);
    case ARM_SCVTF_SW: return i64_to_f32_scaled((int32_t)as, 0, s);
    case ARM_UCVTF_SW: return u64_to_f32_scaled(as, 0, s);
    case ARM_SCVTF_SX: return i64_to_f32_scaled((int64_t)a, 0, s);
    case ARM_UCVTF_DX: return u64_to_f64_scaled(a, 0, s);
    case ARM_SCVTF_DX: return i64_to_f64_scaled((int64_t)a, 0, s);
    case ARM_SCVTF_SW16: return i64_to_f32_scaled((int32_t)as, 16, s);
    case ARM_UCVTF_DX64: return u64_to_f64_scaled(a, 64, s);
    case ARM_SCVTF_SX40: return i64_to_f32_scaled((int64_t)a, 40, s);
    case ARM_FCVT_DS: return f32_to_f64(as, s);
    case ARM_FCVT_SD: return f64_to_f32(a, s);
    case ARM_FCVTXN_SD:
        s->rounding = FLOAT_RTO; /* FCVTXN rounds to odd whatever FPCR.RMode says */
        return f64_to_f32(a, s);
    case ARM_FCVT_HS: return f32_to_f16(as, ahp, s);
    case ARM_FCVT_HD: return f64_to_f16(a, ahp, s);
    case ARM_FCVT_SH: return f16_to_f32((uint16_t)a, ahp, s);
    case ARM_FCVT_DH: return f16_to_f64((uint16_t)a, ahp, s);
    default: return ~0ull;
    }
}

static int failures_shown;

/* Run case (op, k, i) and compare with (want, want_fpsr); returns true if equal. */
static bool check_case(int op, int k, int i, uint32_t fpcr, uint64_t want, uint8_t want_fpsr)
{
    uint64_t in[3];
    for (int j = 0; j < 3; j++) {
        in[j] = j < arm_ref_ops[op].nargs ? arm_ref_operand(op, i, j) : 0;
    }
    bool ok = true;
    for (int pass = 0; pass < 2; pass++) {
        FloatStatus s = {rmode_to_round[(fpcr >> 22) & 3], pass ? FLOAT_FLAG_INEXACT : 0, true,
                         float_nan_arm_select(fpcr & FPCR_DN, fpcr & FPCR_FZ)};
        uint64_t r = compute(op, in[0], in[1], in[2], (fpcr & FPCR_AHP) != 0, &s);
        uint8_t f = fpsr_of(s.flags);
        uint8_t wf = want_fpsr | (pass ? IXC : 0);
        if (r != want || f != wf) {
            ok = false;
            if (failures_shown++ < 40) {
                fprintf(stderr,
                        "  %s fpcr=%08x #%d (%d) a=%llx b=%llx c=%llx: got %llx fpsr %02x, "
                        "want %llx fpsr %02x%s\n",
                        arm_ref_ops[op].name, fpcr, i, k, (unsigned long long)in[0],
                        (unsigned long long)in[1], (unsigned long long)in[2],
                        (unsigned long long)r, f, (unsigned long long)want, wf,
                        pass ? " (inexact preset)" : "");
            }
        }
    }
    return ok;
}

TEST(reference)
{
    const int nexp = (int)(sizeof(arm_ref_expect) / sizeof(arm_ref_expect[0]));
    int e = 0, cases = 0, bad = 0;
    for (int op = 0; op < ARM_REF_NOPS; op++) {
        uint32_t fpcrs[16];
        int nf = arm_ref_fpcrs(arm_ref_ops[op].cfg, fpcrs);
        int n = arm_ref_count(op);
        uint64_t base_r[256];
        uint8_t base_f[256];
        for (int k = 0; k < nf; k++) {
            for (int i = 0; i < n; i++) {
                uint64_t want;
                uint8_t wf;
                const ArmRefExpect *x = e < nexp ? &arm_ref_expect[e] : NULL;
                if (x && x->op == op && x->k == k && x->i == i) {
                    want = x->result;
                    wf = x->fpsr;
                    e++;
                } else if (k > 0) {
                    want = base_r[i]; /* not listed: same as under the first FPCR */
                    wf = base_f[i];
                } else {
                    fprintf(stderr, "  data out of step at %s #%d\n", arm_ref_ops[op].name, i);
                    CHECK(0);
                    return;
                }
                if (k == 0) {
                    base_r[i] = want;
                    base_f[i] = wf;
                }
                cases++;
                bad += !check_case(op, k, i, fpcrs[k], want, wf);
            }
        }
    }
    CHECK(e == nexp); /* every entry was used: the data matches the case list */
    printf("arm reference: %d cases, %d mismatches\n", cases, bad);
    CHECK(bad == 0);
}

int main(void)
{
    RUN(reference);
    return test_summary();
}
