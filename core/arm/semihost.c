/*
 * core/arm/semihost.c — the semihosting calls bare-metal tests use: SYS_WRITEC,
 * SYS_WRITE0, SYS_EXIT and SYS_EXIT_EXTENDED.  Output goes to stderr, as QEMU's does
 * without a semihosting chardev.  Other operations return -1 in x0 (an error the program
 * sees) and are logged once with -d unimp.
 */
#include "core/arm/semihost.h"

#include "core/arm/mmu.h"
#include "core/host.h"
#include "core/jit_check.h"
#include "core/machine.h"
#include "core/tlb.h"

enum {
    SYS_WRITEC = 0x03,
    SYS_WRITE0 = 0x04,
    SYS_EXIT = 0x18,
    SYS_EXIT_EXTENDED = 0x20,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/* Read guest memory at a virtual address of the current regime, RAM only; false if it is
 * not readable (the call then fails rather than raising an abort). */
static bool guest_read(ArmCPU *cpu, uint64_t vaddr, void *out, size_t len)
{
    uint8_t *o = out;
    unsigned idx = cpu->common.arch->mmu_index(&cpu->common, false);
    while (len) {
        ArmTranslation t;
        arm_translate_address(cpu, vaddr, TLB_ACCESS_READ, (int)idx, &t);
        if (t.fsc != 0xff) {
            return false;
        }
        size_t chunk = TLB_PAGE_SIZE - (vaddr & ~TLB_PAGE_MASK);
        if (chunk > len) {
            chunk = len;
        }
        const uint8_t *p = as_ram_ptr(&cpu->common.machine->as, t.paddr, chunk);
        if (!p) {
            return false;
        }
        for (size_t i = 0; i < chunk; i++) {
            o[i] = p[i];
        }
        o += chunk;
        vaddr += chunk;
        len -= chunk;
    }
    return true;
}

static void do_exit(ArmCPU *cpu, uint64_t block)
{
    uint64_t fields[2];
    int status = 1;
    if (guest_read(cpu, block, fields, sizeof(fields)) &&
        fields[0] == ADP_STOPPED_APPLICATION_EXIT) {
        status = (int)(fields[1] & 0xff);
    }
    machine_request_shutdown(cpu->common.machine, status);
}

void arm_semihost_call(ArmCPU *cpu)
{
    uint32_t op = (uint32_t)cpu->x[0];
    uint64_t arg = cpu->x[1];
    if (jit_check_replaying(&cpu->common) && (op == SYS_WRITEC || op == SYS_WRITE0)) {
        return; /* -accel jit-check: printed in the interpreter's run already */
    }
    switch (op) {
    case SYS_WRITEC: {
        uint8_t c;
        if (guest_read(cpu, arg, &c, 1)) {
            host_stderr_write(&c, 1);
        }
        return; /* x0 is corrupted by the call: leave it */
    }
    case SYS_WRITE0: {
        char buf[256];
        size_t n = 0;
        for (;;) {
            char c;
            if (!guest_read(cpu, arg++, &c, 1) || c == 0) {
                break;
            }
            buf[n++] = c;
            if (n == sizeof(buf)) {
                host_stderr_write(buf, n);
                n = 0;
            }
        }
        host_stderr_write(buf, n);
        return;
    }
    case SYS_EXIT:
    case SYS_EXIT_EXTENDED:
        do_exit(cpu, arg);
        return;
    default: {
        Log *log = &cpu->common.machine->log;
        if (log_enabled(log, LOG_UNIMP)) {
            log_printf(log, "arm: semihosting operation 0x%x not implemented\n", op);
        }
        cpu->x[0] = (uint64_t)-1;
        return;
    }
    }
}
