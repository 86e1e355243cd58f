// test/boot/archs/riscv64.mjs — the riscv64 guest, as the boot tests (test/boot/), the API
// tests, the stress run and the benchmarks (scripts/bench*.mjs) run it.  harness.mjs loads
// every file of test/boot/archs/ (archInfo(arch)); a new guest architecture adds its own file
// with the same fields.  Plain data and pure functions: no side effects on import.
//
// Paths the harness derives from the arch name, not set here: the launcher
// cli/qemu-wasm-<arch>.js, the images build/images/<arch>/ (scripts/images.sh <arch>), our
// firmware build/bios/<arch>/<ourFirmware>, the reference qemu-system-<arch> (environment
// QEMU_SYSTEM_<ARCH>), the native build build/native/<native> (environment <nativeEnv>).
import path from 'node:path';

export default {
  arch: 'riscv64',
  // The native build picks its target from its own name (cli/options.c): riscv64 is the
  // default target, the one `qemu-wasm` runs.
  native: 'qemu-wasm',
  nativeEnv: 'QEMU_WASM_NATIVE',
  qemuPackage: 'qemu-system-misc', // Debian's package with qemu-system-riscv64
  board: 'virt',
  // What scripts/images.sh riscv64 must have produced in build/images/riscv64/.
  imageFiles: ['Image', 'initramfs.cpio.gz', 'fw_dynamic.bin'],
  // Our firmware (bios/riscv64, make bios): the machine's default -bios.
  ourFirmware: 'qemu-wasm-fw.bin',
  // The firmware choices of bootArgs: 'opensbi' (Debian's fw_dynamic.bin, what QEMU runs by
  // default), 'ours' (no -bios: the machine's default, our firmware) or a file name.  The
  // reference QEMU always runs referenceFirmware.
  defaultFirmware: 'opensbi',
  referenceFirmware: 'opensbi',
  firmwareNames: { opensbi: 'OpenSBI fw_dynamic.bin', ours: 'ours' },
  referenceFirmwareShort: 'OpenSBI', // in the benchmarks' headers: "ours (QEMU: OpenSBI)"
  append: 'console=ttyS0',

  // The command line of the default guest (QEMU's options).  `g` is archInfo('riscv64'):
  // g.images is the image directory (build/images/riscv64).
  bootArgs(g, { firmware = 'opensbi', memory = '512M', smp = 1, append = 'console=ttyS0', extra = [] } = {}) {
    const args = ['-M', 'virt', '-m', memory, '-smp', String(smp)];
    if (firmware === 'opensbi') {
      args.push('-bios', path.join(g.images, 'fw_dynamic.bin'));
    } else if (firmware !== 'ours') {
      args.push('-bios', firmware);
    }
    args.push('-kernel', path.join(g.images, 'Image'), '-initrd', path.join(g.images, 'initramfs.cpio.gz'),
      '-append', append, '-nographic', ...extra);
    return args;
  },

  // A bare-metal ELF (the compute benchmark, bench/riscv64/) on the board, no firmware.
  bareMetalArgs(g, elf) {
    return ['-M', 'virt', '-bios', 'none', '-nographic', '-kernel', elf];
  },

  // The bare-metal benchmark (bench/riscv64/) prints its times in ticks of the guest's
  // counter (rdtime: the 10 MHz mtime of virt).
  benchClock: 'rdtime',
  benchTickHz: 1e7,

  // What the booted Linux guest shows: `uname -m`, the timer and console lines of
  // /proc/interrupts (their action names), and the /proc/cpuinfo line with each CPU's
  // hardware id (the hart id; capture group 1).
  uname: 'riscv64',
  timerIrq: 'riscv-timer',
  consoleIrq: 'ttyS0',
  cpuIdLine: /^hart\s*:\s*(\d+)$/gm,
  // The board has virtio-mmio slots and the images load the virtio drivers: test/boot/virtio.test.mjs runs.
  virtio: true,
};
