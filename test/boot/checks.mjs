// test/boot/checks.mjs — what the boot cases of every guest architecture share
// (test/boot/cases/<arch>.mjs): the checks that do not depend on the architecture, the -smp
// checks, and the end of a guest.  No side effects on import.
//
// A case:  { name, arch (default: the file's name), engine: 'node'|'native',
//            firmware: 'opensbi'|'ours'|... (the arch's: test/boot/archs/<arch>.mjs),
//            accel (optional: the -accel value, e.g. 'tcg,jit=off'), smp (optional: -smp N,
//            default 1), append (optional: the kernel command line, default the arch's),
//            bootTimeout (ms), checks: [check...], end }
// A check: { name, cmd, expect: RegExp|string|[...], status = 0, timeout (ms) }
//       or { name, check: 'NAME', ...parameters } for one of the procedures in boot.test.mjs
//          (CHECKS), which gets the check object itself (e.g. { check: 'harts', cpus: 4 }) and
//          the case's arch (archInfo: its timer and console interrupt names, its CPU id line).
// end:     { send, expect, status }: what ends the guest and the exit status it must give.

export const check = {
  arithmetic: { name: 'shell arithmetic', cmd: 'echo $((6*7))', expect: /^42$/m },
  // busybox `time` reads the clock through the vDSO (in user mode).
  userTime: { name: 'user-mode clock (vDSO clock_gettime, busybox time)', cmd: 'time true',
    expect: /^real\s+\d+m\s*[\d.]+s$/m },
  status: { name: 'exit status of a failing command', cmd: 'false', expect: '', status: 1 },
  interrupts: { name: 'timer and UART interrupts are counted', check: 'interrupts' },
};

// -smp N guests: the CPUs are there (cpuinfo, nproc), N CPU-bound jobs run in parallel and
// every CPU does some of the work (/proc/stat), and the console never shows a kernel bug,
// stall or hang report (checked last, over the whole console since power-on).
// `loop`: each job's busybox sh loop count (~6k iterations per second of one hart's time under
// Node with the JIT: 4 jobs of 20000 take ~15-25 s with -smp 4 on 2 host cores).
// `unit`: what the architecture calls a CPU in the test names ('harts' on RISC-V).
export function smpChecks(cpus, { loop = 20000, unit = 'CPUs' } = {}) {
  const one = unit.replace(/s$/, '');
  return [
    { name: `/proc/cpuinfo lists ${cpus} ${unit} (processor 0..${cpus - 1}); dmesg: ${cpus} CPUs brought up`,
      check: 'harts', cpus },
    { name: `nproc prints ${cpus}`, cmd: 'nproc', expect: new RegExp(`^${cpus}$`, 'm') },
    { name: `${cpus} parallel CPU-bound jobs: every ${one} works (/proc/stat), each job's result is right`,
      check: 'parallel', cpus, loop, timeout: 300000 },
    check.arithmetic,
    check.status,
    check.interrupts,
    { name: 'the console shows no kernel panic, oops, BUG, WARNING or RCU stall', check: 'noTrouble' },
  ];
}

export const POWEROFF = { send: 'poweroff -f\n', expect: 'reboot: Power down', status: 0 };
