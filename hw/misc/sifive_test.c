/*
 * hw/misc/sifive_test.c — SiFive test finisher (power-off / reset register).
 */
#include "hw/misc/sifive_test.h"

#include "core/host.h"
#include "core/machine.h"

enum { FINISHER_FAIL = 0x3333, FINISHER_PASS = 0x5555, FINISHER_RESET = 0x7777 };

static uint64_t sifive_test_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)opaque, (void)offset, (void)size;
    return 0;
}

static void sifive_test_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Machine *m = ((SifiveTest *)opaque)->machine;
    (void)size;
    if (offset != 0) {
        return;
    }
    uint32_t status = (uint32_t)value >> 16;
    switch ((uint32_t)value & 0xffff) {
    case FINISHER_FAIL:
        machine_request_shutdown(m, (int)status);
        break;
    case FINISHER_PASS:
        machine_request_shutdown(m, 0);
        break;
    case FINISHER_RESET:
        machine_request_reset(m);
        break;
    default:
        if (log_enabled(&m->log, LOG_GUEST_ERROR)) {
            log_printf(&m->log, "sifive_test: unknown command 0x%x ignored\n",
                       (unsigned)value);
        }
        break;
    }
}

const MemoryOps sifive_test_ops = {sifive_test_read, sifive_test_write};

static const DeviceOps sifive_test_device_ops = {
    .type = "riscv.sifive.test", /* stateless: no reset, save or load */
    .version = 1,
};

void sifive_test_init(SifiveTest *t, Machine *m)
{
    t->machine = m;
    device_add(m, &t->dev, &sifive_test_device_ops, "test");
}
