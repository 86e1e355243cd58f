/*
 * test/unit/test_softfloat_nan.c — the soft-float NaN policies (FloatNanPolicy in
 * core/fpu/softfloat.h): which NaN comes out of add/sub/mul/div/sqrt/muladd for a
 * signaling or quiet NaN in every operand position, the default NaN of invalid
 * operations, NaN conversions, and that the host-FPU fast path never changes a result.
 * Expected values are the manuals' rules (see core/fpu/softfloat_nan.c), written out.
 */
#include <string.h>

#include "core/fpu/softfloat.h"
#include "test/unit/test.h"

enum { RV, ARM, ARM_DN, X86, NPOL };
static const FloatNanPolicy *const pol[NPOL] = {&float_nan_riscv, &float_nan_arm,
                                                &float_nan_arm_dn, &float_nan_x86_sse};
static const char *const pol_name[NPOL] = {"riscv", "arm", "arm_dn", "x86_sse"};

/* binary64 operands: quiet and signaling NaNs with distinct signs and payloads */
#define Q1 0x7ff8000000000123ull
#define Q2 0xfff8000000000456ull
#define S1 0x7ff0000000000789ull
#define S2 0xfff0000000000abcull
#define QUIET64(x) ((x) | 0x0008000000000000ull)
#define ONE 0x3ff0000000000000ull
#define INF 0x7ff0000000000000ull
#define NINF 0xfff0000000000000ull
#define ZERO 0ull
#define DNAN 0x7ff8000000000000ull   /* RISC-V canonical, Arm default */
#define XNAN 0xfff8000000000000ull   /* x86 QNaN floating-point indefinite */

/* binary32 */
#define Q1S 0x7fc00123u
#define Q2S 0xffc00456u
#define S1S 0x7f800789u
#define S2S 0xff800abcu
#define QUIET32(x) ((x) | 0x00400000u)
#define ONES 0x3f800000u
#define INFS 0x7f800000u
#define NINFS 0xff800000u

static FloatStatus st(int p, uint8_t flags)
{
    FloatStatus s = {FLOAT_RNE, flags, false, pol[p]};
    return s;
}

static void check(const char *what, int p, int i, uint64_t got, uint64_t want, unsigned flags,
                  unsigned want_flags)
{
    if (got != want || flags != want_flags) {
        fprintf(stderr, "  %s [%s] case %d: 0x%016" PRIx64 " flags %#x, expected 0x%016" PRIx64
                " flags %#x\n", what, pol_name[p], i, got, flags, want, want_flags);
        test_cur_failed = 1;
    }
}

/* check() of an expression that updates s: evaluated before s.flags is read */
#define CHECK_OP(what, p, i, expr, want, want_flags)                                   \
    do {                                                                               \
        uint64_t r_ = (expr);                                                          \
        check(what, p, i, r_, want, s.flags, want_flags);                              \
    } while (0)

/*
 * Two-operand ops.  Each case lists the result per policy as a character: '1' or '2' =
 * that operand quieted, 'D' = the policy's default NaN.  Arm: first sNaN, else first
 * qNaN; x86: first NaN (a qNaN in src1 beats an sNaN in src2).
 */
static const struct {
    uint64_t a, b;
    uint32_t as, bs;
    const char *who; /* RV ARM ARM_DN X86 */
    bool invalid;
} two[] = {
    {Q1, ONE, Q1S, ONES, "D1D1", false},
    {ONE, Q2, ONES, Q2S, "D2D2", false},
    {S1, ONE, S1S, ONES, "D1D1", true},
    {ONE, S2, ONES, S2S, "D2D2", true},
    {Q1, Q2, Q1S, Q2S, "D1D1", false},
    {Q1, S2, Q1S, S2S, "D2D1", true},
    {S1, Q2, S1S, Q2S, "D1D1", true},
    {S1, S2, S1S, S2S, "D1D1", true},
    {Q2, S1, Q2S, S1S, "D2D1", true},
};

static uint64_t pick64(char who, int p, uint64_t a, uint64_t b)
{
    return who == '1' ? QUIET64(a) : who == '2' ? QUIET64(b) : pol[p]->default_nan64;
}

static uint32_t pick32(char who, int p, uint32_t a, uint32_t b)
{
    return who == '1' ? QUIET32(a) : who == '2' ? QUIET32(b) : pol[p]->default_nan32;
}

typedef uint64_t (*Op64)(uint64_t, uint64_t, FloatStatus *);
typedef uint32_t (*Op32)(uint32_t, uint32_t, FloatStatus *);

TEST(two_operand_propagation)
{
    static const Op64 op64[] = {f64_add, f64_sub, f64_mul, f64_div};
    static const Op32 op32[] = {f32_add, f32_sub, f32_mul, f32_div};
    static const char *const names[] = {"add", "sub", "mul", "div"};
    for (int o = 0; o < 4; o++) {
        for (int p = 0; p < NPOL; p++) {
            for (int i = 0; i < (int)(sizeof(two) / sizeof(two[0])); i++) {
                unsigned want_flags = two[i].invalid ? FLOAT_FLAG_INVALID : 0;
                FloatStatus s = st(p, 0);
                uint64_t r = op64[o](two[i].a, two[i].b, &s);
                char what[16];
                snprintf(what, sizeof(what), "f64_%s", names[o]);
                check(what, p, i, r, pick64(two[i].who[p], p, two[i].a, two[i].b), s.flags,
                      want_flags);
                s = st(p, 0);
                uint32_t r32 = op32[o](two[i].as, two[i].bs, &s);
                snprintf(what, sizeof(what), "f32_%s", names[o]);
                check(what, p, i, r32, pick32(two[i].who[p], p, two[i].as, two[i].bs), s.flags,
                      want_flags);
            }
        }
    }
}

TEST(sqrt_propagation)
{
    for (int p = 0; p < NPOL; p++) {
        bool prop = p == ARM || p == X86;
        FloatStatus s = st(p, 0);
        CHECK_OP("f64_sqrt q", p, 0, f64_sqrt(Q2, &s), prop ? Q2 : DNAN, 0);
        s = st(p, 0);
        CHECK_OP("f64_sqrt s", p, 1, f64_sqrt(S2, &s), prop ? QUIET64(S2) : DNAN,
              FLOAT_FLAG_INVALID);
        s = st(p, 0);
        CHECK_OP("f32_sqrt q", p, 0, f32_sqrt(Q1S, &s), prop ? Q1S : 0x7fc00000u, 0);
        s = st(p, 0);
        CHECK_OP("f32_sqrt s", p, 1, f32_sqrt(S2S, &s), prop ? QUIET32(S2S) : 0x7fc00000u,
                 FLOAT_FLAG_INVALID);
    }
}

/*
 * muladd(a, b, c) = a*b + c.  Result per policy: 'a'/'b'/'c' = that operand quieted,
 * 'D' = default NaN.  Arm considers (c, a, b): FPProcessNaNs3(addend, op1, op2); x86
 * considers (a, b, c): Q(x), else Q(y), else Q(z).
 */
TEST(fma_propagation)
{
    static const struct {
        uint64_t a, b, c;
        const char *who; /* RV ARM ARM_DN X86 */
        bool invalid;
    } cases[] = {
        {Q1, ONE, ONE, "DaDa", false},
        {ONE, Q2, ONE, "DbDb", false},
        {ONE, ONE, Q1, "DcDc", false},
        {S1, ONE, ONE, "DaDa", true},
        {ONE, S2, ONE, "DbDb", true},
        {ONE, ONE, S1, "DcDc", true},
        {Q1, Q2, Q1, "DcDa", false},  /* Arm: the addend first */
        {Q1, S2, Q2, "DbDa", true},   /* Arm: an sNaN beats the quiet addend */
        {S1, Q2, S2, "DcDa", true},
        {Q1, Q2, S1, "DcDa", true},
        {ONE, Q2, Q1, "DcDb", false},
        {S2, S1, ONE, "DaDa", true},
        /* inf * 0 + NaN: quiet addend -> default NaN + invalid, except x86 (Q(z), nothing) */
        {INF, ZERO, Q2, "DDDc", true},
        {ZERO, NINF, Q1, "DDDc", true},
        {INF, ZERO, S2, "DcDc", true},
    };
    for (int p = 0; p < NPOL; p++) {
        for (int i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
            char w = cases[i].who[p];
            uint64_t want = w == 'a'   ? QUIET64(cases[i].a)
                            : w == 'b' ? QUIET64(cases[i].b)
                            : w == 'c' ? QUIET64(cases[i].c)
                                       : pol[p]->default_nan64;
            bool invalid = cases[i].invalid && !(p == X86 && i >= 12 && i <= 13);
            FloatStatus s = st(p, 0);
            uint64_t r = f64_muladd(cases[i].a, cases[i].b, cases[i].c, &s);
            check("f64_muladd", p, i, r, want, s.flags, invalid ? FLOAT_FLAG_INVALID : 0);
        }
    }
    /* binary32: one case per rule */
    for (int p = 0; p < NPOL; p++) {
        FloatStatus s = st(p, 0);
        uint32_t want = p == ARM ? Q2S : p == X86 ? Q1S : pol[p]->default_nan32;
        CHECK_OP("f32_muladd", p, 0, f32_muladd(Q1S, ONES, Q2S, &s), want, 0);
        s = st(p, 0);
        want = p == X86 ? Q1S : pol[p]->default_nan32;
        CHECK_OP("f32_muladd infzero", p, 1, f32_muladd(INFS, 0, Q1S, &s), want,
              p == X86 ? 0 : FLOAT_FLAG_INVALID);
    }
}

/* Invalid operations without NaN operands give the policy's default NaN. */
TEST(default_nan_of_invalid_operations)
{
    static const uint64_t want64[NPOL] = {DNAN, DNAN, DNAN, XNAN};
    static const uint32_t want32[NPOL] = {0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0xffc00000u};
    for (int p = 0; p < NPOL; p++) {
        for (int i = 0; i < 7; i++) {
            FloatStatus s = st(p, 0);
            uint64_t r = i == 0   ? f64_add(INF, NINF, &s)
                         : i == 1 ? f64_sub(INF, INF, &s)
                         : i == 2 ? f64_mul(ZERO, INF, &s)
                         : i == 3 ? f64_div(ZERO, ZERO, &s)
                         : i == 4 ? f64_div(INF, NINF, &s)
                         : i == 5 ? f64_sqrt(0xbff0000000000000ull, &s) /* sqrt(-1) */
                                  : f64_muladd(INF, ZERO, ONE, &s);
            check("f64 invalid", p, i, r, want64[p], s.flags, FLOAT_FLAG_INVALID);
            s = st(p, 0);
            uint32_t r32 = i == 0   ? f32_add(INFS, NINFS, &s)
                           : i == 1 ? f32_sub(NINFS, NINFS, &s)
                           : i == 2 ? f32_mul(INFS, 0x80000000u, &s)
                           : i == 3 ? f32_div(0, 0x80000000u, &s)
                           : i == 4 ? f32_div(NINFS, INFS, &s)
                           : i == 5 ? f32_sqrt(0xbf800000u, &s)
                                    : f32_muladd(0, NINFS, ONES, &s);
            check("f32 invalid", p, i, r32, want32[p], s.flags, FLOAT_FLAG_INVALID);
        }
    }
}

TEST(nan_conversions)
{
    for (int p = 0; p < NPOL; p++) {
        bool prop = p == ARM || p == X86;
        /* narrowing keeps the sign and the payload's top bits */
        FloatStatus s = st(p, 0);
        CHECK_OP("f64_to_f32", p, 0, f64_to_f32(0xfff8045600000000ull, &s),
              prop ? 0xffc022b0u : pol[p]->default_nan32, 0);
        /* widening a signaling NaN: quieted, payload shifted up, invalid */
        s = st(p, 0);
        CHECK_OP("f32_to_f64", p, 1, f32_to_f64(S1S, &s),
              prop ? 0x7ff800f120000000ull : pol[p]->default_nan64, FLOAT_FLAG_INVALID);
        /* float -> integer: NaN and out of range */
        static const uint64_t nan_i32[NPOL] = {0x7fffffff, 0, 0, 0x80000000};
        static const uint64_t nan_u32[NPOL] = {0xffffffff, 0, 0, 0xffffffff};
        static const uint64_t nan_i64[NPOL] = {INT64_MAX, 0, 0, 1ull << 63};
        static const uint64_t big_i32[NPOL] = {0x7fffffff, 0x7fffffff, 0x7fffffff, 0x80000000};
        static const uint64_t neg_i32[NPOL] = {0x80000000, 0x80000000, 0x80000000, 0x80000000};
        static const uint64_t neg_u64[NPOL] = {0, 0, 0, UINT64_MAX};
        uint64_t big = 0x4630000000000000ull, neg = 0xc630000000000000ull; /* +-2^100 */
        s = st(p, 0);
        CHECK_OP("f64_to_i32 nan", p, 2, (uint32_t)f64_to_i32(Q2, &s), nan_i32[p],
              FLOAT_FLAG_INVALID);
        s = st(p, 0);
        CHECK_OP("f32_to_u32 nan", p, 3, f32_to_u32(S1S, &s), nan_u32[p],
              FLOAT_FLAG_INVALID);
        s = st(p, 0);
        CHECK_OP("f64_to_i64 nan", p, 4, (uint64_t)f64_to_i64(Q1, &s), nan_i64[p],
              FLOAT_FLAG_INVALID);
        s = st(p, 0);
        CHECK_OP("f64_to_i32 big", p, 5, (uint32_t)f64_to_i32(big, &s), big_i32[p],
              FLOAT_FLAG_INVALID);
        s = st(p, 0);
        CHECK_OP("f64_to_i32 neg", p, 6, (uint32_t)f64_to_i32(neg, &s), neg_i32[p],
              FLOAT_FLAG_INVALID);
        s = st(p, 0);
        CHECK_OP("f64_to_u64 neg", p, 7, f64_to_u64(neg, &s), neg_u64[p],
              FLOAT_FLAG_INVALID);
        s = st(p, 0);
        CHECK_OP("f64_to_i32 ok", p, 8, (uint32_t)f64_to_i32(0xc000000000000000ull, &s),
              (uint32_t)-2, 0);
    }
}

/* minimumNumber/maximumNumber: one NaN -> the number; both NaN -> the policy's NaN. */
TEST(minmax_nan)
{
    for (int p = 0; p < NPOL; p++) {
        FloatStatus s = st(p, 0);
        CHECK_OP("f64_min num", p, 0, f64_min(S1, ONE, &s), ONE, FLOAT_FLAG_INVALID);
        s = st(p, 0);
        uint64_t want = p == ARM ? QUIET64(S2) : p == X86 ? Q1 : pol[p]->default_nan64;
        CHECK_OP("f64_max nans", p, 1, f64_max(Q1, S2, &s), want, FLOAT_FLAG_INVALID);
        s = st(p, 0);
        uint32_t want32 = p == ARM || p == X86 ? Q2S : pol[p]->default_nan32;
        CHECK_OP("f32_min nans", p, 2, f32_min(Q2S, Q1S, &s), want32, 0);
    }
}

/*
 * The host-FPU fast path (hostfloat.h) runs when the inexact flag is already set; it
 * must give exactly what the soft-float path gives, under every policy: same bits, same
 * other flags, for NaN, infinity, zero and normal operands.
 */
TEST(host_fast_path_matches_under_every_policy)
{
    static const uint64_t v[] = {ONE, 0xc00921fb54442d18ull, ZERO, 0x8000000000000000ull, INF,
                                 NINF, Q1, S2, 0x0000000000000001ull, 0x7fefffffffffffffull,
                                 0x3ff8000000000000ull};
    static const Op64 op64[] = {f64_add, f64_sub, f64_mul, f64_div};
    int n = (int)(sizeof(v) / sizeof(v[0]));
    for (int p = 0; p < NPOL; p++) {
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    FloatStatus soft = st(p, 0), fast = st(p, FLOAT_FLAG_INEXACT);
                    uint64_t rs = o < 4 ? op64[o](v[i], v[j], &soft) : f64_sqrt(v[i], &soft);
                    uint64_t rf = o < 4 ? op64[o](v[i], v[j], &fast) : f64_sqrt(v[i], &fast);
                    check("fast path", p, o * 1000 + i * n + j, rf, rs,
                          fast.flags, soft.flags | FLOAT_FLAG_INEXACT);
                    uint32_t a32 = (uint32_t)(v[i] >> 32), b32 = (uint32_t)(v[j] >> 32);
                    soft = st(p, 0), fast = st(p, FLOAT_FLAG_INEXACT);
                    static const Op32 op32[] = {f32_add, f32_sub, f32_mul, f32_div};
                    uint32_t ss = o < 4 ? op32[o](a32, b32, &soft) : f32_sqrt(a32, &soft);
                    uint32_t sf = o < 4 ? op32[o](a32, b32, &fast) : f32_sqrt(a32, &fast);
                    check("fast path f32", p, o * 1000 + i * n + j, sf, ss, fast.flags,
                          soft.flags | FLOAT_FLAG_INEXACT);
                }
            }
        }
    }
}

int main(void)
{
    RUN(two_operand_propagation);
    RUN(sqrt_propagation);
    RUN(fma_propagation);
    RUN(default_nan_of_invalid_operations);
    RUN(nan_conversions);
    RUN(minmax_nan);
    RUN(host_fast_path_matches_under_every_policy);
    return test_summary();
}
