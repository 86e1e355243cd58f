// test/boot/archs/aarch64.mjs — the aarch64 guest (issue 13: Debian's arm64 Linux on the `virt`
// board with a Cortex-A57), as the boot tests, the API tests and the benchmarks run it.  The
// fields are riscv64's (test/boot/archs/riscv64.mjs says what each means); what differs:
//   - no firmware: QEMU's virt (and ours) enter the kernel Image (or a bare-metal ELF) directly
//     at EL1, with x0 = the device tree; arm has no `-bios none`, and no -bios at all here.
//   - -cpu cortex-a57 on every command line: QEMU's virt defaults to a 32-bit Cortex-A15.
//   - the console is the PL011 (ttyAMA0), the timer the generic timer's EL1 virtual timer.
// Plain data and pure functions: no side effects on import.
//
// Checked on Debian's qemu-system-aarch64 (QEMU 7.2) with the images of scripts/images.sh
// aarch64 (Linux 6.12.117+deb13-arm64): what the guest prints (uname, /proc/interrupts,
// /proc/cpuinfo) is QEMU's; our board must print the same.
import path from 'node:path';

// QEMU's virt with -cpu cortex-a57: the CPU the issue names (MIDR 0x411fd070).
const CPU = 'cortex-a57';

export default {
  arch: 'aarch64',
  // The native build picks its target from its own name (cli/options.c).
  native: 'qemu-wasm-aarch64',
  nativeEnv: 'QEMU_WASM_NATIVE_AARCH64',
  qemuPackage: 'qemu-system-arm', // Debian's package with qemu-system-aarch64
  board: 'virt',
  cpu: CPU,
  // What scripts/images.sh aarch64 must have produced in build/images/aarch64/.
  imageFiles: ['Image', 'initramfs.cpio.gz'],
  // No firmware of ours, and none on the reference: the one choice is 'none' (no -bios); any
  // other value is a firmware file passed as -bios FILE.
  ourFirmware: null,
  defaultFirmware: 'none',
  referenceFirmware: 'none',
  firmwareNames: { none: 'none (kernel entered at EL1)' },
  referenceFirmwareShort: 'none',
  append: 'console=ttyAMA0',

  // The command line of the guest (QEMU's options).  `g` is archInfo('aarch64'): g.images is
  // the image directory (build/images/aarch64).
  bootArgs(g, { firmware = 'none', memory = '512M', smp = 1, append = 'console=ttyAMA0', extra = [] } = {}) {
    const args = ['-M', 'virt', '-cpu', CPU, '-m', memory, '-smp', String(smp)];
    if (firmware !== 'none') {
      args.push('-bios', firmware);
    }
    args.push('-kernel', path.join(g.images, 'Image'), '-initrd', path.join(g.images, 'initramfs.cpio.gz'),
      '-append', append, '-nographic', ...extra);
    return args;
  },

  // A bare-metal ELF (the compute benchmark, bench/aarch64/) on the board: entered at its ELF
  // entry in EL1, MMU off; it ends itself through semihosting SYS_EXIT (its status is the
  // emulator's), so -semihosting is needed.
  bareMetalArgs(g, elf) {
    return ['-M', 'virt', '-cpu', CPU, '-semihosting', '-nographic', '-kernel', elf];
  },

  // The bare-metal benchmark prints its times in ticks of the generic timer's virtual count
  // (CNTVCT_EL0; CNTFRQ_EL0 = 62.5 MHz on QEMU's virt).
  benchClock: 'cntvct_el0',
  benchTickHz: 62.5e6,

  // What the booted Linux guest shows (on QEMU 7.2, GICv2): `uname -m`; the last column of
  // the /proc/interrupts lines of the timer (the EL1 virtual timer, PPI 11: "arch_timer") and
  // of the console (the PL011, SPI 1: "uart-pl011"); and the /proc/cpuinfo line that tells
  // the CPUs apart.  arm64's cpuinfo has no MPIDR line: each CPU's block repeats the same
  // implementer/part, so the line with its own number is "processor : N" (capture group 1).
  uname: 'aarch64',
  timerIrq: 'arch_timer',
  consoleIrq: 'uart-pl011',
  cpuIdLine: /^processor\s*:\s*(\d+)$/gm,
  // What /proc/cpuinfo shows of the Cortex-A57 (the MIDR fields), for a boot case's check.
  cpuinfo: [/^CPU implementer\s*:\s*0x41$/m, /^CPU architecture\s*:\s*8$/m, /^CPU variant\s*:\s*0x1$/m,
    /^CPU part\s*:\s*0xd07$/m, /^CPU revision\s*:\s*0$/m],
  // The board has virtio-mmio slots and the images load the virtio drivers (checked on QEMU:
  // virtio-blk, 9p and virtio-rng work), but true would make test/boot/virtio.test.mjs and
  // chardev.test.mjs boot this guest under Node, which our aarch64 CPU cannot do yet.  Set it
  // to true with the first boot cases (test/boot/cases/aarch64.mjs).
  virtio: false,
};
