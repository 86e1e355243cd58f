/*
 * test/unit/test.h — a minimal unit-test harness.  Each test file defines TEST(name)
 * functions and a main() that calls RUN(name) for each, then returns test_summary().
 * The summary line is "N passed, N failed" (what CI reads).
 */
#ifndef TEST_UNIT_TEST_H
#define TEST_UNIT_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int test_passed, test_failed, test_cur_failed;

#define TEST(name) static void test_##name(void)

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
            test_cur_failed = 1;                                                      \
        }                                                                             \
    } while (0)

#define CHECK_EQ_U64(a, b)                                                            \
    do {                                                                              \
        uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                              \
        if (a_ != b_) {                                                               \
            fprintf(stderr, "  %s:%d: %s == 0x%" PRIx64 ", expected %s == 0x%" PRIx64 "\n", \
                    __FILE__, __LINE__, #a, a_, #b, b_);                              \
            test_cur_failed = 1;                                                      \
        }                                                                             \
    } while (0)

#define RUN(name)                                                                     \
    do {                                                                              \
        test_cur_failed = 0;                                                          \
        test_##name();                                                                \
        if (test_cur_failed) {                                                        \
            test_failed++;                                                            \
            fprintf(stderr, "FAIL %s\n", #name);                                      \
        } else {                                                                      \
            test_passed++;                                                            \
        }                                                                             \
    } while (0)

static inline int test_summary(void)
{
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}

#endif
