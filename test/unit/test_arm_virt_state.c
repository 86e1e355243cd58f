/*
 * test/unit/test_arm_virt_state.c — every device of an aarch64 `virt` machine (the PEs,
 * the GICv2, PL011, PL031, the virtio-mmio slots, the boot loader, the clock) saves its
 * state and loads it into a freshly built one (core/device.h).
 *
 * Machine A (-smp 2, an ELF that loops) gets state the way a guest would leave it: the GIC
 * and the UART programmed through their registers, an interrupt pending and one active on
 * the CPU interface, the PEs' registers, system registers and timers set.  A's stream is
 * loaded into B (built from the same command line) and B saved again: the two streams must
 * be the same bytes, and B's devices must show the state (a register read back, the
 * pending interrupt still at the CPU).  Every cut of the stream is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/options.h"
#include "core/arm/cpu.h"
#include "core/device.h"
#include "core/machine.h"
#include "core/state.h"
#include "hw/board.h"
#include "test.h"

#define GICD 0x08000000ull
#define GICC 0x08010000ull
#define UART 0x09000000ull

typedef struct TestMachine {
    MachineConfig cfg;
    Machine *m;
} TestMachine;

static char kernel_path[64];

/* An ELF64 AArch64 executable: `b .` at 0x40080000. */
static void write_kernel(void)
{
    uint8_t b[64 + 56 + 4] = {0};
    const uint64_t paddr = 0x40080000ull;
    memcpy(b, "\x7f" "ELF", 4);
    b[4] = 2, b[5] = 1, b[6] = 1;
    b[16] = 2;                   /* ET_EXEC */
    b[18] = 183;                 /* EM_AARCH64 */
    b[20] = 1;
    memcpy(b + 24, &paddr, 8);   /* entry */
    b[32] = 64;                  /* phoff */
    b[52] = 64, b[54] = 56, b[56] = 1;
    uint32_t type = 1, flags = 5;
    uint64_t off = 120, size = 4;
    memcpy(b + 64, &type, 4);
    memcpy(b + 68, &flags, 4);
    memcpy(b + 72, &off, 8);
    memcpy(b + 80, &paddr, 8);
    memcpy(b + 88, &paddr, 8);
    memcpy(b + 96, &size, 8);
    memcpy(b + 104, &size, 8);
    uint32_t insn = 0x14000000; /* b . */
    memcpy(b + 120, &insn, 4);
    snprintf(kernel_path, sizeof(kernel_path), "/tmp/qemu-wasm-armstate-%d.elf", (int)getpid());
    FILE *f = fopen(kernel_path, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(b, 1, sizeof(b), f) == sizeof(b));
    fclose(f);
}

static bool build(TestMachine *t)
{
    const char *args[] = {"qemu-wasm-aarch64", "-M", "virt", "-smp", "2", "-m", "64M",
                          "-kernel", kernel_path, "-nographic", "-serial", "null",
                          "-device", "virtio-rng-device", NULL};
    char *argv[24];
    int argc = 0;
    for (; args[argc]; argc++) {
        argv[argc] = (char *)args[argc];
    }
    argv[argc] = NULL;
    char err[512];
    memset(&t->cfg, 0, sizeof(t->cfg));
    if (options_parse(argc, argv, &t->cfg, err, sizeof(err)) != OPTIONS_OK) {
        fprintf(stderr, "  options: %s\n", err);
        return false;
    }
    t->m = machine_create(&t->cfg, err, sizeof(err));
    if (!t->m) {
        fprintf(stderr, "  machine: %s\n", err);
        return false;
    }
    machine_clock_stop(t->m); /* the saved clock (and counters) are then the same twice */
    return true;
}

static uint32_t rd32(Machine *m, uint64_t a)
{
    uint64_t v = 0;
    CHECK(as_read(&m->as, a, 4, &v));
    return (uint32_t)v;
}

static void wr32(Machine *m, uint64_t a, uint32_t v)
{
    CHECK(as_write(&m->as, a, 4, v));
}

/* What a guest would have done by the time it is saved. */
static void program(Machine *m)
{
    wr32(m, GICD + 0x000, 1);          /* GICD_CTLR: forward */
    wr32(m, GICD + 0x104, 1u << 1);    /* ISENABLER1: ID 33 (SPI 1, the UART) */
    wr32(m, GICD + 0x420, 0x00a00000); /* IPRIORITYR8: ID 34 priority 0xa0 */
    wr32(m, GICD + 0x820, 0x00000100); /* ITARGETSR8: ID 33 -> CPU 0 */
    wr32(m, GICC + 0x000, 1);          /* GICC_CTLR */
    wr32(m, GICC + 0x004, 0xf0);       /* GICC_PMR */
    wr32(m, GICD + 0x204, 1u << 1);    /* ISPENDR1: ID 33 pending */
    wr32(m, UART + 0x030, 0x301);      /* UARTCR */
    wr32(m, UART + 0x038, 0x50);       /* UARTIMSC */
    for (int i = 0; i < m->ncpus; i++) {
        ArmCPU *c = arm_cpu(m->cpus[i]);
        for (int r = 0; r < 31; r++) {
            c->x[r] = 0x1000u * (uint64_t)(i + 1) + (uint64_t)r;
        }
        c->v[3][1] = 0x0123456789abcdefull;
        arm_set_nzcv(c, 0x60000000u);
        c->vbar_el1 = 0x40100000ull;
        c->tpidr_el0 = 0xabcull + (uint64_t)i;
        c->tcr_el1 = 0x5b5103510ull;
        c->fpcr = 0x02000000u; /* DN */
        arm_fpcr_changed(c);
        c->gt[1].cval = 1000000;
        c->gt[1].ctl = 1;
    }
}

static bool save(Machine *m, StateWriter *w)
{
    sw_init(w);
    return machine_save_devices(m, w);
}

TEST(arm_virt_save_load_save_is_identical)
{
    write_kernel();
    TestMachine a, b;
    CHECK(build(&a));
    CHECK(build(&b));
    program(a.m);
    StateWriter wa, wb;
    CHECK(save(a.m, &wa));
    char err[256] = "";
    bool ok = machine_load_devices(b.m, wa.buf, wa.len, err, sizeof(err));
    if (!ok) {
        fprintf(stderr, "  load: %s\n", err);
    }
    CHECK(ok);
    CHECK(save(b.m, &wb));
    CHECK_EQ_U64(wa.len, wb.len);
    CHECK(memcmp(wa.buf, wb.buf, wa.len) == 0);
    /* the state is really there: registers read back, the IRQ still reaches CPU 0 */
    CHECK_EQ_U64(rd32(b.m, GICC + 0x004), 0xf0);
    CHECK_EQ_U64(rd32(b.m, UART + 0x038), 0x50);
    ArmCPU *c1 = arm_cpu(b.m->cpus[1]);
    CHECK_EQ_U64(c1->x[5], 0x2005);
    CHECK_EQ_U64(c1->v[3][1], 0x0123456789abcdefull);
    CHECK_EQ_U64(arm_nzcv(c1), 0x60000000u);
    CHECK_EQ_U64(c1->tpidr_el0, 0xabd);
    CHECK(arm_cpu(b.m->cpus[0])->irq_lines & (1u << ARM_IRQ_IRQ));
    CHECK_EQ_U64(rd32(b.m, GICC + 0x00c) & 0x3ff, 33); /* GICC_IAR acknowledges ID 33 */
    /* every cut of the stream is refused, and nothing crashes */
    for (size_t cut = 0; cut < wa.len; cut += (cut < 64 ? 1 : 97)) {
        char e2[256] = "";
        CHECK(!machine_load_devices(b.m, wa.buf, cut, e2, sizeof(e2)));
        CHECK(e2[0] != 0);
    }
    sw_free(&wa);
    sw_free(&wb);
    machine_destroy(a.m);
    machine_destroy(b.m);
    unlink(kernel_path);
}

int main(void)
{
    RUN(arm_virt_save_load_save_is_identical);
    return test_summary();
}
