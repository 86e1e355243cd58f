// test/boot/cases/aarch64.mjs — the boot tests of the aarch64 guest (the `virt` board, QEMU
// 7.2's layout, cortex-a57): Debian's arm64 kernel (trixie's 6.12) and the busybox initramfs
// of scripts/images.sh aarch64, entered at EL1 through QEMU's boot stub (no firmware), PSCI
// over HVC for the secondaries and for poweroff.  What a case and a check are:
// test/boot/checks.mjs.  Measured on a 2-core machine with other work running: the shell
// comes up in ~22 s under Node (JIT on), ~60 s natively (interpreter only).
import { check as common, smpChecks, POWEROFF } from '../checks.mjs';
import profile from '../archs/aarch64.mjs';

const check = {
  ...common,
  arch: { name: 'uname -m is aarch64', cmd: 'uname -m', expect: /^aarch64$/m },
  cpuinfo: {
    name: '/proc/cpuinfo shows the Cortex-A57 (MIDR 0x411fd070)',
    cmd: 'cat /proc/cpuinfo',
    expect: [/^processor\s*:\s*0$/m, ...profile.cpuinfo],
  },
  // busybox `time` reads the generic timer's CNTVCT_EL0 at EL0 through the vDSO (CNTKCTL_EL1
  // must let EL0 read it).
  userTime: { ...common.userTime, name: 'EL0 CNTVCT (vDSO clock_gettime, busybox time)' },
};

const ALL = [check.arch, check.cpuinfo, check.arithmetic, check.status, check.interrupts,
  check.userTime];

export const CASES = [
  {
    name: 'node: aarch64 virt, Debian arm64 kernel + initramfs (JIT default)',
    arch: 'aarch64',
    engine: 'node',
    firmware: 'none',
    bootTimeout: 300000,
    checks: ALL,
    end: POWEROFF,
  },
  {
    // One host thread per vCPU; the secondaries are started by Linux with PSCI CPU_ON.
    name: 'node: aarch64 virt -smp 4 (thread=multi, the default), Debian arm64 kernel + initramfs',
    arch: 'aarch64',
    engine: 'node',
    firmware: 'none',
    smp: 4,
    bootTimeout: 420000,
    checks: smpChecks(4, { unit: 'CPUs' }),
    end: POWEROFF,
  },
];
