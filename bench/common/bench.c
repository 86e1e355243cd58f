/*
 * bench/common/bench.c — a compute-bound benchmark for every guest (bench/<arch>/ has its
 * platform: start.S, platform.c, link.ld, rules.mk), in the manner of CoreMark (the same kinds
 * of kernels; our own code):
 *
 *   list     linked list: build with pseudo-random keys, merge sort by key, search, reverse,
 *            merge sort back into build order
 *   matrix   integer matrices: multiply, add a constant, bit-field extraction, matrix-vector
 *            product with 64-bit accumulation
 *   crc      CRC-32 (table-driven, reflected 0xEDB88320) and CRC-16/CCITT (bitwise, 0x1021)
 *            over a pseudo-random buffer
 *   state    a string-scanning state machine that classifies number-like tokens (integer,
 *            decimal, exponent, hex, identifier, invalid) and converts their values
 *   fp       double precision: a 5-body gravitational simulation (sqrt, division) and an LU
 *            solve with partial pivoting
 *
 * Each kernel repeats one unit of work, always on the same input, `iters` times; every unit's
 * 64-bit checksum must equal the known value below (computed natively: bench-host, see
 * host.c).  Floating-point results are compared bit for bit: the kernels are built with
 * -ffp-contract=off, so they are plain IEEE-754 double operations, correctly rounded on any
 * host.  A wrong checksum prints "bench: FAIL ..." and the exit status is the number of the
 * first failing kernel (1-5; the CRC self-test on "123456789" counts as kernel 3, crc); 0
 * when all pass; 10 for an unexpected trap (platform.c).
 *
 * Output, one line per kernel and a total (ticks of the platform's clock, bench_now(): riscv64
 * the 10 MHz time CSR, aarch64 the 62.5 MHz CNTVCT_EL0):
 *   bench: list 1234567 ticks 40 iterations checksum 0x0123456789abcdef
 *   ...
 *   bench: total 7654321 ticks
 *   bench: ok
 *
 * BENCH_DIV (a compile-time define, default 1) divides every iteration count: a quicker
 * build for tests.  The checksums do not depend on it.  BENCH_ARCH (a string, default
 * "riscv64") names the guest in the first line.
 */
#include "bench.h"

#ifndef BENCH_DIV
#define BENCH_DIV 1
#endif
#ifndef BENCH_ARCH
#define BENCH_ARCH "riscv64"
#endif

#define ITERS(n) ((n) / BENCH_DIV > 0 ? (n) / BENCH_DIV : 1)
#define NOINLINE __attribute__((noinline))

/* ---- helpers ---- */

typedef struct {
    uint64_t s;
} rng_t;

/* xorshift64*: the upper 32 bits of the product. */
static inline uint32_t rng_next(rng_t *r)
{
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return (uint32_t)((x * 0x2545f4914f6cdd1dull) >> 32);
}

static inline rng_t rng_seed(uint64_t seed)
{
    rng_t r = { seed ? seed : 1 };
    return r;
}

static inline uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x100000001b3ull;
    h ^= h >> 29;
    return h;
}

#define MIX_INIT 0xcbf29ce484222325ull

/* ---- list: build, merge sort, search, reverse, sort back ---- */

#define LIST_N 600
#define LIST_LOOKUPS 64

struct node {
    struct node *next;
    int32_t key;
    int32_t idx;
};

static struct node list_pool[LIST_N];

static inline int node_le(const struct node *a, const struct node *b, int by_idx)
{
    if (by_idx) {
        return a->idx <= b->idx;
    }
    return a->key < b->key || (a->key == b->key && a->idx <= b->idx);
}

/* Bottom-up merge sort of a singly linked list: runs of k, k doubling each pass. */
static struct node *list_sort(struct node *head, int by_idx)
{
    if (!head) {
        return head;
    }
    for (uint32_t k = 1;; k *= 2) {
        struct node *p = head;
        struct node *tail = NULL;
        uint32_t merges = 0;
        head = NULL;
        while (p) {
            merges++;
            struct node *q = p;
            uint32_t psize = 0;
            while (psize < k && q) {
                psize++;
                q = q->next;
            }
            uint32_t qsize = k;
            while (psize > 0 || (qsize > 0 && q)) {
                struct node *e;
                if (psize == 0) {
                    e = q;
                    q = q->next;
                    qsize--;
                } else if (qsize == 0 || !q) {
                    e = p;
                    p = p->next;
                    psize--;
                } else if (node_le(p, q, by_idx)) {
                    e = p;
                    p = p->next;
                    psize--;
                } else {
                    e = q;
                    q = q->next;
                    qsize--;
                }
                if (tail) {
                    tail->next = e;
                } else {
                    head = e;
                }
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (merges <= 1) {
            return head;
        }
    }
}

static struct node *list_reverse(struct node *head)
{
    struct node *prev = NULL;
    while (head) {
        struct node *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

static NOINLINE uint64_t list_unit(void)
{
    rng_t r = rng_seed(0x1157ull);
    uint64_t h = MIX_INIT;
    /* build: pool order, random 16-bit keys */
    for (int i = 0; i < LIST_N; i++) {
        list_pool[i].key = (int32_t)(rng_next(&r) & 0xffff);
        list_pool[i].idx = i;
        list_pool[i].next = i + 1 < LIST_N ? &list_pool[i + 1] : NULL;
    }
    struct node *head = list_sort(&list_pool[0], 0);
    /* sorted by key: fold in the order, and check it */
    int32_t last = -1;
    uint32_t n = 0;
    for (struct node *p = head; p; p = p->next, n++) {
        if (p->key < last) {
            h = mix(h, 0xbad0001);
        }
        last = p->key;
        h = mix(h, ((uint64_t)(uint32_t)p->key << 32) | (uint32_t)p->idx);
    }
    h = mix(h, n);
    /* search: half the keys present, half random */
    uint32_t found = 0;
    for (int i = 0; i < LIST_LOOKUPS; i++) {
        int32_t want = (i & 1) ? (int32_t)(rng_next(&r) & 0xffff)
                               : list_pool[rng_next(&r) % LIST_N].key;
        uint32_t pos = 0;
        struct node *p = head;
        while (p && p->key < want) {
            p = p->next;
            pos++;
        }
        if (p && p->key == want) {
            found++;
            h = mix(h, pos * 0x10001u + (uint32_t)p->idx);
        } else {
            h = mix(h, (uint64_t)pos << 20);
        }
    }
    h = mix(h, found);
    /* reverse, then sort back into build order */
    head = list_reverse(head);
    h = mix(h, (uint32_t)head->key);
    head = list_sort(head, 1);
    n = 0;
    for (struct node *p = head; p; p = p->next, n++) {
        if (p->idx != (int32_t)n) {
            h = mix(h, 0xbad0002);
        }
        h += (uint32_t)p->key * (n | 1u);
    }
    return mix(h, n);
}

/* ---- matrix: integer multiply, add, bit fields, matrix-vector ---- */

#define MAT_N 40

static int32_t mat_a[MAT_N][MAT_N];
static int32_t mat_b[MAT_N][MAT_N];
static int32_t mat_c[MAT_N][MAT_N];
static int64_t mat_v[MAT_N];

static NOINLINE uint64_t matrix_unit(void)
{
    rng_t r = rng_seed(0x3a7121ull);
    uint64_t h = MIX_INIT;
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            mat_a[i][j] = (int32_t)(rng_next(&r) & 0xfff) - 0x800;
            mat_b[i][j] = (int32_t)(rng_next(&r) & 0xffff) - 0x8000;
        }
    }
    /* C = A * B (wrapping 32-bit arithmetic, done unsigned) */
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            uint32_t s = 0;
            for (int k = 0; k < MAT_N; k++) {
                s += (uint32_t)mat_a[i][k] * (uint32_t)mat_b[k][j];
            }
            mat_c[i][j] = (int32_t)s;
        }
    }
    /* A += constant; C = C * constant, then bit fields of C */
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            mat_a[i][j] += 7 * i - 3 * j;
            uint32_t c = (uint32_t)mat_c[i][j] * 0x9e37u;
            mat_c[i][j] = (int32_t)(((c >> 3) & 0x3fffu) | ((c & 0x7u) << 14));
            h = mix(h, (uint32_t)mat_c[i][j]);
        }
    }
    /* v = C * (first column of A), 64-bit accumulation, with an arithmetic shift */
    for (int i = 0; i < MAT_N; i++) {
        int64_t s = 0;
        for (int k = 0; k < MAT_N; k++) {
            s += (int64_t)mat_c[i][k] * mat_a[k][0];
        }
        mat_v[i] = s >> 2;
        h = mix(h, (uint64_t)mat_v[i]);
    }
    /* per-row maximum and its index */
    for (int i = 0; i < MAT_N; i++) {
        int32_t best = mat_a[i][0];
        int bi = 0;
        for (int j = 1; j < MAT_N; j++) {
            if (mat_a[i][j] > best) {
                best = mat_a[i][j];
                bi = j;
            }
        }
        h = mix(h, ((uint64_t)(uint32_t)best << 8) | (uint32_t)bi);
    }
    return h;
}

/* ---- crc: CRC-32 and CRC-16/CCITT ---- */

#define CRC_BUF 6144
#define CRC16_LEN 1024

static uint8_t crc_buf[CRC_BUF];
static uint32_t crc32_table[256];

static void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
        }
        crc32_table[i] = c;
    }
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc = crc32_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

static uint16_t crc16_ccitt(uint16_t crc, const uint8_t *p, size_t n)
{
    while (n--) {
        crc ^= (uint16_t)(*p++ << 8);
        for (int k = 0; k < 8; k++) {
            crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
        }
    }
    return crc;
}

static NOINLINE uint64_t crc_unit(void)
{
    rng_t r = rng_seed(0xc4c32ull);
    uint64_t h = MIX_INIT;
    for (int i = 0; i < CRC_BUF; i += 4) {
        uint32_t v = rng_next(&r);
        crc_buf[i] = (uint8_t)v;
        crc_buf[i + 1] = (uint8_t)(v >> 8);
        crc_buf[i + 2] = (uint8_t)(v >> 16);
        crc_buf[i + 3] = (uint8_t)(v >> 24);
    }
    h = mix(h, crc32(0, crc_buf, CRC_BUF));
    /* CRC-32 of each 96-byte block, chained */
    uint32_t chain = 0;
    for (int i = 0; i < CRC_BUF; i += 96) {
        chain = crc32(chain, crc_buf + i, 96);
        h = mix(h, chain);
    }
    h = mix(h, crc16_ccitt(0xffff, crc_buf, CRC16_LEN));
    h = mix(h, crc16_ccitt(0, crc_buf + CRC_BUF - CRC16_LEN, CRC16_LEN));
    return h;
}

/* ---- state: a number-scanning state machine ---- */

#define STATE_TEXT 6000

enum scan_state {
    S_START, S_SIGN, S_ZERO, S_INT, S_DOT, S_FRAC, S_EXP, S_EXPSIGN, S_EXPNUM,
    S_HEXX, S_HEX, S_IDENT, S_INVALID, S_NSTATES
};

enum token_class { T_INT, T_DEC, T_SCI, T_HEX, T_IDENT, T_INVALID, T_NCLASSES };

static char state_text[STATE_TEXT + 1];

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
    if (is_digit(c)) {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static enum scan_state step(enum scan_state s, char c)
{
    switch (s) {
    case S_START:
        if (c == '+' || c == '-') {
            return S_SIGN;
        }
        if (c == '0') {
            return S_ZERO;
        }
        if (is_digit(c)) {
            return S_INT;
        }
        if (c == '.') {
            return S_DOT;
        }
        return is_alpha(c) ? S_IDENT : S_INVALID;
    case S_SIGN:
        if (is_digit(c)) {
            return S_INT;
        }
        return c == '.' ? S_DOT : S_INVALID;
    case S_ZERO:
        if (c == 'x' || c == 'X') {
            return S_HEXX;
        }
        /* fall through */
    case S_INT:
        if (is_digit(c)) {
            return S_INT;
        }
        if (c == '.') {
            return S_FRAC;
        }
        return (c == 'e' || c == 'E') ? S_EXP : S_INVALID;
    case S_DOT:
        return is_digit(c) ? S_FRAC : S_INVALID;
    case S_FRAC:
        if (is_digit(c)) {
            return S_FRAC;
        }
        return (c == 'e' || c == 'E') ? S_EXP : S_INVALID;
    case S_EXP:
        if (c == '+' || c == '-') {
            return S_EXPSIGN;
        }
        /* fall through */
    case S_EXPSIGN:
    case S_EXPNUM:
        return is_digit(c) ? S_EXPNUM : S_INVALID;
    case S_HEXX:
    case S_HEX:
        return hex_value(c) >= 0 ? S_HEX : S_INVALID;
    case S_IDENT:
        return (is_alpha(c) || is_digit(c)) ? S_IDENT : S_INVALID;
    default:
        return S_INVALID;
    }
}

static enum token_class classify(enum scan_state s)
{
    switch (s) {
    case S_ZERO:
    case S_INT:
        return T_INT;
    case S_FRAC:
        return T_DEC;
    case S_EXPNUM:
        return T_SCI;
    case S_HEX:
        return T_HEX;
    case S_IDENT:
        return T_IDENT;
    default:
        return T_INVALID;
    }
}

static size_t put_digits(char *p, rng_t *r, int n)
{
    for (int i = 0; i < n; i++) {
        p[i] = (char)('0' + rng_next(r) % 10);
    }
    return (size_t)n;
}

/* The input: number-like tokens (and some broken ones) separated by ',', ' ' or ';'. */
static void state_init(void)
{
    static const char *const broken[] = { "1.2.3", "0x", "12e", "-", "4e+", ".e1", "0xg1", "1a" };
    static const char seps[] = ", ;,";
    rng_t r = rng_seed(0x57a7eull);
    size_t n = 0;
    while (n < STATE_TEXT - 40) {
        char *p = state_text + n;
        uint32_t kind = rng_next(&r) % 7;
        size_t k = 0;
        if (kind <= 2 && rng_next(&r) % 3 == 0) {
            p[k++] = (rng_next(&r) & 1) ? '-' : '+';
        }
        switch (kind) {
        case 0:
            k += put_digits(p + k, &r, 1 + (int)(rng_next(&r) % 9));
            break;
        case 1:
            k += put_digits(p + k, &r, (int)(rng_next(&r) % 4));
            p[k++] = '.';
            k += put_digits(p + k, &r, 1 + (int)(rng_next(&r) % 6));
            break;
        case 2:
            k += put_digits(p + k, &r, 1 + (int)(rng_next(&r) % 3));
            p[k++] = '.';
            k += put_digits(p + k, &r, 1 + (int)(rng_next(&r) % 4));
            p[k++] = (rng_next(&r) & 1) ? 'e' : 'E';
            if (rng_next(&r) & 1) {
                p[k++] = (rng_next(&r) & 1) ? '-' : '+';
            }
            k += put_digits(p + k, &r, 1 + (int)(rng_next(&r) % 3));
            break;
        case 3: {
            p[k++] = '0';
            p[k++] = 'x';
            int len = 1 + (int)(rng_next(&r) % 8);
            for (int i = 0; i < len; i++) {
                p[k++] = "0123456789abcdefABCDEF"[rng_next(&r) % 22];
            }
            break;
        }
        case 4: {
            int len = 1 + (int)(rng_next(&r) % 10);
            for (int i = 0; i < len; i++) {
                p[k++] = "abcdefghijklmnopqrstuvwxyz_ABCXYZ0123456789"[rng_next(&r) % (i ? 43 : 33)];
            }
            break;
        }
        default: {
            const char *b = broken[rng_next(&r) % 8];
            while (*b) {
                p[k++] = *b++;
            }
            break;
        }
        }
        p[k++] = seps[rng_next(&r) % 4];
        n += k;
    }
    while (n < STATE_TEXT) {
        state_text[n++] = ' ';
    }
    state_text[STATE_TEXT] = '\0';
}

static NOINLINE uint64_t state_unit(void)
{
    uint32_t counts[T_NCLASSES] = { 0 };
    uint32_t visits[S_NSTATES] = { 0 };
    uint64_t h = MIX_INIT;
    uint64_t ival = 0;
    uint64_t hval = 0;
    uint32_t transitions = 0;
    enum scan_state s = S_START;
    int len = 0;
    for (const char *p = state_text;; p++) {
        char c = *p;
        if (c == ',' || c == ' ' || c == ';' || c == '\0') {
            if (len) {
                enum token_class t = classify(s);
                counts[t]++;
                if (t == T_INT) {
                    h = mix(h, ival);
                } else if (t == T_HEX) {
                    h = mix(h, hval);
                } else {
                    h += (uint64_t)len << (t * 8);
                }
            }
            if (c == '\0') {
                break;
            }
            s = S_START;
            len = 0;
            ival = 0;
            hval = 0;
            continue;
        }
        enum scan_state next = step(s, c);
        transitions += next != s;
        visits[next]++;
        s = next;
        len++;
        if (s == S_INT) {
            ival = ival * 10 + (uint64_t)(c - '0');
        } else if (s == S_HEX) {
            hval = (hval << 4) | (uint64_t)hex_value(c);
        }
    }
    for (int i = 0; i < T_NCLASSES; i++) {
        h = mix(h, counts[i]);
    }
    for (int i = 0; i < S_NSTATES; i++) {
        h = mix(h, visits[i]);
    }
    return mix(h, transitions);
}

/* ---- fp: 5-body simulation and an LU solve ---- */

#define NBODY 5
#define NBODY_STEPS 100
#define LU_N 24

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static struct body bodies[NBODY];
static double lu_a[LU_N][LU_N];
static double lu_b[LU_N];

static inline uint64_t dbits(double d)
{
    union {
        double d;
        uint64_t u;
    } v = { .d = d };
    return v.u;
}

static void nbody_init(void)
{
    /* The Sun and the four giant planets: positions in AU, velocities in AU/day scaled to
       AU/year, masses in solar masses (times 4 pi^2). */
    const double pi = 3.141592653589793;
    const double solar_mass = 4 * pi * pi;
    const double dpy = 365.24;
    static const double init[NBODY][7] = {
        { 0, 0, 0, 0, 0, 0, 1 },
        { 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
          1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
          9.54791938424326609e-04 },
        { 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
          -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
          2.85885980666130812e-04 },
        { 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
          2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
          4.36624404335156298e-05 },
        { 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
          2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
          5.15138902046611451e-05 },
    };
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < NBODY; i++) {
        bodies[i].x = init[i][0];
        bodies[i].y = init[i][1];
        bodies[i].z = init[i][2];
        bodies[i].vx = init[i][3] * dpy;
        bodies[i].vy = init[i][4] * dpy;
        bodies[i].vz = init[i][5] * dpy;
        bodies[i].mass = init[i][6] * solar_mass;
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / solar_mass;
    bodies[0].vy = -py / solar_mass;
    bodies[0].vz = -pz / solar_mass;
}

static double nbody_energy(void)
{
    double e = 0;
    for (int i = 0; i < NBODY; i++) {
        const struct body *b = &bodies[i];
        e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < NBODY; j++) {
            double dx = b->x - bodies[j].x;
            double dy = b->y - bodies[j].y;
            double dz = b->z - bodies[j].z;
            e -= b->mass * bodies[j].mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void nbody_advance(double dt)
{
    for (int i = 0; i < NBODY; i++) {
        struct body *a = &bodies[i];
        for (int j = i + 1; j < NBODY; j++) {
            struct body *b = &bodies[j];
            double dx = a->x - b->x;
            double dy = a->y - b->y;
            double dz = a->z - b->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            a->vx -= dx * b->mass * mag;
            a->vy -= dy * b->mass * mag;
            a->vz -= dz * b->mass * mag;
            b->vx += dx * a->mass * mag;
            b->vy += dy * a->mass * mag;
            b->vz += dz * a->mass * mag;
        }
    }
    for (int i = 0; i < NBODY; i++) {
        bodies[i].x += dt * bodies[i].vx;
        bodies[i].y += dt * bodies[i].vy;
        bodies[i].z += dt * bodies[i].vz;
    }
}

/* Solve A x = b by LU decomposition with partial pivoting, in place; b becomes x. */
static uint32_t lu_solve(void)
{
    uint32_t swaps = 0;
    for (int k = 0; k < LU_N; k++) {
        int piv = k;
        double best = __builtin_fabs(lu_a[k][k]);
        for (int i = k + 1; i < LU_N; i++) {
            double v = __builtin_fabs(lu_a[i][k]);
            if (v > best) {
                best = v;
                piv = i;
            }
        }
        if (piv != k) {
            swaps++;
            for (int j = 0; j < LU_N; j++) {
                double t = lu_a[k][j];
                lu_a[k][j] = lu_a[piv][j];
                lu_a[piv][j] = t;
            }
            double t = lu_b[k];
            lu_b[k] = lu_b[piv];
            lu_b[piv] = t;
        }
        for (int i = k + 1; i < LU_N; i++) {
            double f = lu_a[i][k] / lu_a[k][k];
            lu_a[i][k] = f;
            for (int j = k + 1; j < LU_N; j++) {
                lu_a[i][j] -= f * lu_a[k][j];
            }
            lu_b[i] -= f * lu_b[k];
        }
    }
    for (int i = LU_N - 1; i >= 0; i--) {
        double s = lu_b[i];
        for (int j = i + 1; j < LU_N; j++) {
            s -= lu_a[i][j] * lu_b[j];
        }
        lu_b[i] = s / lu_a[i][i];
    }
    return swaps;
}

static NOINLINE uint64_t fp_unit(void)
{
    uint64_t h = MIX_INIT;
    nbody_init();
    h = mix(h, dbits(nbody_energy()));
    for (int i = 0; i < NBODY_STEPS; i++) {
        nbody_advance(0.01);
    }
    h = mix(h, dbits(nbody_energy()));
    h = mix(h, dbits(bodies[1].x) ^ dbits(bodies[4].vz));

    /* A: pseudo-random entries in [-1, 1); b = A * (1, 2, ..., n) */
    rng_t r = rng_seed(0xf1047ull);
    for (int i = 0; i < LU_N; i++) {
        for (int j = 0; j < LU_N; j++) {
            lu_a[i][j] = (double)((int32_t)rng_next(&r) >> 8) / 8388608.0;
        }
    }
    for (int i = 0; i < LU_N; i++) {
        double s = 0;
        for (int j = 0; j < LU_N; j++) {
            s += lu_a[i][j] * (double)(j + 1);
        }
        lu_b[i] = s;
    }
    h = mix(h, lu_solve());
    double err = 0;
    for (int i = 0; i < LU_N; i++) {
        err += __builtin_fabs(lu_b[i] - (double)(i + 1));
        h = mix(h, dbits(lu_b[i]));
        /* conversions back to integers */
        h = mix(h, (uint64_t)(int64_t)(lu_b[i] * 1000.0));
    }
    /* the solution must be close to (1, 2, ..., n) */
    h = mix(h, err < 1e-9 ? 1 : dbits(err));
    return h;
}

/* ---- the driver ---- */

struct kernel {
    const char *name;
    uint64_t (*unit)(void);
    uint32_t iters;
    uint64_t expected;
};

static struct kernel kernels[] = {
    /* name, one unit of work, iterations (about 0.2 s each under native QEMU 7.2), the
       checksum of every unit (from bench-host; qemu-system-riscv64 and -aarch64 agree) */
    { "list", list_unit, ITERS(800), 0x35b3692662d31986ull },
    { "matrix", matrix_unit, ITERS(750), 0xb727cf7dec23a6eeull },
    { "crc", crc_unit, ITERS(1500), 0x60d63c1244d44059ull },
    { "state", state_unit, ITERS(600), 0xefa251fbb782692aull },
    { "fp", fp_unit, ITERS(550), 0x2a578c3e83e6912eull },
};

#define NKERNELS (sizeof(kernels) / sizeof(kernels[0]))

static int self_test(void)
{
    static const uint8_t check[] = "123456789";
    crc32_init();
    uint32_t c32 = crc32(0, check, 9);
    uint16_t c16 = crc16_ccitt(0xffff, check, 9);
    if (c32 != 0xcbf43926u || c16 != 0x29b1u) {
        bench_printf("bench: FAIL crc self-test: CRC-32 0x%08x (expected 0xcbf43926), "
                     "CRC-16/CCITT 0x%04x (expected 0x29b1)\n", c32, (unsigned)c16);
        return 0;
    }
    return 1;
}

int bench_main(void)
{
    int status = 0;
    uint64_t total = 0;
    bench_printf("bench: " BENCH_ARCH " compute benchmark (%u kernels)\n", (unsigned)NKERNELS);
    if (!self_test()) {
        status = 3;
    }
    state_init();
    for (unsigned k = 0; k < NKERNELS; k++) {
        struct kernel *kn = &kernels[k];
        uint64_t got = 0;
        uint32_t bad = 0;
        uint32_t first_bad = 0;
        uint64_t bad_value = 0;
        uint64_t t0 = bench_now();
        for (uint32_t i = 0; i < kn->iters; i++) {
            got = kn->unit();
            if (got != kn->expected && !bad++) {
                first_bad = i;
                bad_value = got;
            }
        }
        uint64_t ticks = bench_now() - t0;
        total += ticks;
        bench_printf("bench: %s %lu ticks %u iterations checksum 0x%016lx\n", kn->name,
                     (unsigned long)ticks, kn->iters, (unsigned long)got);
        if (bad) {
            bench_printf("bench: FAIL %s: %u of %u iterations wrong; the first, iteration %u: "
                         "checksum 0x%016lx, expected 0x%016lx\n", kn->name, bad, kn->iters,
                         first_bad, (unsigned long)bad_value, (unsigned long)kn->expected);
            if (!status) {
                status = (int)k + 1;
            }
        }
    }
    bench_printf("bench: total %lu ticks\n", (unsigned long)total);
    bench_printf(status ? "bench: FAIL\n" : "bench: ok\n");
    return status;
}
