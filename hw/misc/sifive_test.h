/*
 * hw/misc/sifive_test.h — the SiFive "test finisher": a guest-visible power-off/reset
 * register.  A 32-bit write of 0x5555 powers off with status 0, (code << 16) | 0x3333
 * powers off with status `code`, 0x7777 resets the machine.  It has no state of its own.
 */
#ifndef HW_MISC_SIFIVE_TEST_H
#define HW_MISC_SIFIVE_TEST_H

#include "core/device.h"
#include "core/memory.h"

struct Machine;

typedef struct SifiveTest {
    Device dev;
    struct Machine *machine;
} SifiveTest;

extern const MemoryOps sifive_test_ops; /* opaque: the SifiveTest */

/* Set up the finisher and add it to the machine as "test". */
void sifive_test_init(SifiveTest *t, struct Machine *m);

#endif
