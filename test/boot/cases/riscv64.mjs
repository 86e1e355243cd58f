// test/boot/cases/riscv64.mjs — the boot tests of the riscv64 guest (the `virt` board), as
// data: which engine boots which firmware, what the console must show, which commands to run
// in the booted guest and what they must print.  test/boot/cases.mjs gathers every file of
// test/boot/cases/; boot.test.mjs turns each case into a suite that boots one guest and runs
// every check in it.  What a case and a check are: test/boot/checks.mjs.
//
// Timeouts are generous: measured on a 2-core machine (interpreter only), Debian's 6.12
// kernel boots to the shell in ~20 s natively and ~30 s under Node; CI may be slower and
// busier.
import { check as common, smpChecks, POWEROFF } from '../checks.mjs';

const check = {
  ...common,
  arch: { name: 'uname -m is riscv64', cmd: 'uname -m', expect: /^riscv64$/m },
  cpuinfo: {
    name: '/proc/cpuinfo shows hart 0 with rv64imafdc',
    cmd: 'cat /proc/cpuinfo',
    expect: [/^processor\s*:\s*0$/m, /^hart\s*:\s*0$/m, /^isa\s*:\s*rv64imafdc/m],
  },
  // busybox `time` reads the clock through the vDSO: rdtime in U-mode, which the firmware must
  // allow (mcounteren.TM) or the guest program dies of SIGILL.
  userTime: { ...common.userTime, name: 'user-mode rdtime (vDSO clock_gettime, busybox time)' },
};

const ALL = [check.arch, check.cpuinfo, check.arithmetic, check.status, check.interrupts,
  check.userTime];

export const CASES = [
  {
    // jit-cache=1 (MiB): a boot compiles ~3 MB of Wasm, so this case also runs the
    // eviction of compiled regions.
    name: 'node: riscv64 virt, Debian kernel + initramfs, Debian OpenSBI, -accel tcg,jit-cache=1',
    arch: 'riscv64',
    engine: 'node',
    firmware: 'opensbi',
    accel: 'tcg,jit-cache=1',
    bootTimeout: 240000,
    checks: ALL,
    end: POWEROFF,
  },
  {
    name: 'node: riscv64 virt, Debian kernel + initramfs, our firmware (no -bios)',
    arch: 'riscv64',
    engine: 'node',
    firmware: 'ours',
    bootTimeout: 240000,
    checks: ALL,
    end: POWEROFF,
  },
  {
    // The JIT is on by default: this case keeps the interpreter alone booting Linux.
    name: 'node: riscv64 virt, Debian kernel + initramfs, our firmware, -accel tcg,jit=off',
    arch: 'riscv64',
    engine: 'node',
    firmware: 'ours',
    accel: 'tcg,jit=off',
    bootTimeout: 240000,
    checks: ALL,
    end: POWEROFF,
  },
  {
    // Every block compiled to Wasm on its first run (no interpreter tier): the whole boot
    // goes through the code generator.  Slow (every block pays a compile), hence the timeout.
    name: 'node: riscv64 virt, Debian kernel + initramfs, our firmware, -accel tcg,jit-threshold=0',
    arch: 'riscv64',
    engine: 'node',
    firmware: 'ours',
    accel: 'tcg,jit-threshold=0',
    bootTimeout: 420000,
    checks: ALL,
    end: POWEROFF,
  },
  {
    // Multi-threaded TCG: one host thread per vCPU is the default with -smp > 1
    // (-accel tcg,thread=multi).  The initramfs's insmods patch kernel text on every hart
    // (stop_machine, remote fence.i): SMP code modification at boot.
    name: 'node: riscv64 virt -smp 4 (thread=multi, the default), Debian kernel + initramfs, our firmware',
    arch: 'riscv64',
    engine: 'node',
    firmware: 'ours',
    smp: 4,
    bootTimeout: 300000,
    checks: smpChecks(4, { unit: 'harts' }),
    end: POWEROFF,
  },
  {
    // All vCPUs taking turns on one host thread.
    name: 'node: riscv64 virt -smp 2 -accel tcg,thread=single (round-robin), our firmware',
    arch: 'riscv64',
    engine: 'node',
    firmware: 'ours',
    smp: 2,
    accel: 'tcg,thread=single',
    bootTimeout: 300000,
    checks: smpChecks(2, { unit: 'harts' }),
    end: POWEROFF,
  },
  {
    name: 'native: riscv64 virt, Debian kernel + initramfs, our firmware (no -bios)',
    arch: 'riscv64',
    engine: 'native',
    firmware: 'ours',
    bootTimeout: 240000,
    checks: ALL,
    end: POWEROFF,
  },
];
