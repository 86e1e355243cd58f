// test/boot/cases.mjs — the boot tests, as data: which engine boots which firmware, what the
// console must show, which commands to run in the booted guest and what they must print.
// boot.test.mjs turns each case into a suite that boots one guest and runs every check in it.
//
// A case:  { name, engine: 'node'|'native', firmware: 'opensbi'|'ours', accel (optional:
//            the -accel value, e.g. 'tcg,jit=off'), smp (optional: -smp N, default 1),
//            append (optional: the kernel command line, default console=ttyS0),
//            bootTimeout (ms), checks: [check...], end }
// A check: { name, cmd, expect: RegExp|string|[...], status = 0, timeout (ms) }
//       or { name, check: 'NAME', ...parameters } for one of the procedures in boot.test.mjs
//          (CHECKS), which gets the check object itself (e.g. { check: 'harts', cpus: 4 }).
// end:     { send, expect, status }: what ends the guest and the exit status it must give.
//
// Timeouts are generous: measured on a 2-core machine (interpreter only), Debian's 6.12
// kernel boots to the shell in ~20 s natively and ~30 s under Node; CI may be slower and
// busier.

const check = {
  arch: { name: 'uname -m is riscv64', cmd: 'uname -m', expect: /^riscv64$/m },
  cpuinfo: {
    name: '/proc/cpuinfo shows hart 0 with rv64imafdc',
    cmd: 'cat /proc/cpuinfo',
    expect: [/^processor\s*:\s*0$/m, /^hart\s*:\s*0$/m, /^isa\s*:\s*rv64imafdc/m],
  },
  arithmetic: { name: 'shell arithmetic', cmd: 'echo $((6*7))', expect: /^42$/m },
  // busybox `time` reads the clock through the vDSO: rdtime in U-mode, which the firmware must
  // allow (mcounteren.TM) or the guest program dies of SIGILL.
  userTime: { name: 'user-mode rdtime (vDSO clock_gettime, busybox time)', cmd: 'time true',
    expect: /^real\s+\d+m\s*[\d.]+s$/m },
  status: { name: 'exit status of a failing command', cmd: 'false', expect: '', status: 1 },
  interrupts: { name: 'timer and UART interrupts are counted', check: 'interrupts' },
};

const ALL = [check.arch, check.cpuinfo, check.arithmetic, check.status, check.interrupts,
  check.userTime];

// -smp N guests: the harts are there (cpuinfo, nproc), N CPU-bound jobs run in parallel and
// every hart does some of the work (/proc/stat), and the console never shows a kernel bug,
// stall or hang report (checked last, over the whole console since power-on).
// `loop`: each job's busybox sh loop count (~6k iterations per second of one hart's time under
// Node with the JIT: 4 jobs of 20000 take ~15-25 s with -smp 4 on 2 host cores).
function smpChecks(cpus, loop = 20000) {
  return [
    { name: `/proc/cpuinfo lists ${cpus} harts (processor 0..${cpus - 1}); dmesg: ${cpus} CPUs brought up`,
      check: 'harts', cpus },
    { name: `nproc prints ${cpus}`, cmd: 'nproc', expect: new RegExp(`^${cpus}$`, 'm') },
    { name: `${cpus} parallel CPU-bound jobs: every hart works (/proc/stat), each job's result is right`,
      check: 'parallel', cpus, loop, timeout: 300000 },
    check.arithmetic,
    check.status,
    check.interrupts,
    { name: 'the console shows no kernel panic, oops, BUG, WARNING or RCU stall', check: 'noTrouble' },
  ];
}

const POWEROFF = { send: 'poweroff -f\n', expect: 'reboot: Power down', status: 0 };

export const CASES = [
  {
    // jit-cache=1 (MiB): a boot compiles ~3 MB of Wasm, so this case also runs the
    // eviction of compiled regions.
    name: 'node: riscv64 virt, Debian kernel + initramfs, Debian OpenSBI, -accel tcg,jit-cache=1',
    engine: 'node',
    firmware: 'opensbi',
    accel: 'tcg,jit-cache=1',
    bootTimeout: 240000,
    checks: ALL,
    end: POWEROFF,
  },
  {
    name: 'node: riscv64 virt, Debian kernel + initramfs, our firmware (no -bios)',
    engine: 'node',
    firmware: 'ours',
    bootTimeout: 240000,
    checks: ALL,
    end: POWEROFF,
  },
  {
    // The JIT is on by default: this case keeps the interpreter alone booting Linux.
    name: 'node: riscv64 virt, Debian kernel + initramfs, our firmware, -accel tcg,jit=off',
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
    engine: 'node',
    firmware: 'ours',
    smp: 4,
    bootTimeout: 300000,
    checks: smpChecks(4),
    end: POWEROFF,
  },
  {
    // All vCPUs taking turns on one host thread.
    name: 'node: riscv64 virt -smp 2 -accel tcg,thread=single (round-robin), our firmware',
    engine: 'node',
    firmware: 'ours',
    smp: 2,
    accel: 'tcg,thread=single',
    bootTimeout: 300000,
    checks: smpChecks(2),
    end: POWEROFF,
  },
  {
    name: 'native: riscv64 virt, Debian kernel + initramfs, our firmware (no -bios)',
    engine: 'native',
    firmware: 'ours',
    bootTimeout: 240000,
    checks: ALL,
    end: POWEROFF,
  },
];
