// What the command-line tests share: where the builds are, how to run one, and the tiny
// RV64 guests they boot (an ELF image written byte by byte, so no cross toolchain is needed).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NATIVE = process.env.QEMU_WASM_NATIVE
  ? path.resolve(process.env.QEMU_WASM_NATIVE)
  : path.join(ROOT, 'build', 'native', 'qemu-wasm');
export const LAUNCHER = path.join(ROOT, 'cli', 'qemu-wasm.js');

// Each build as [command, argv] for the emulator's arguments.
export const builds = {
  native: (args) => [NATIVE, args],
  node: (args) => [process.execPath, [LAUNCHER, ...args]],
};

// Runs one build to its end with no input (60 s at most); opts.cwd (required), opts.env.
export function runBuild(build, args, opts) {
  const [cmd, argv] = builds[build](args);
  const r = spawnSync(cmd, argv, {
    cwd: opts.cwd,
    input: '',
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, ...(opts.env || {}) },
  });
  if (r.error) {
    throw r.error;
  }
  return r;
}

// An ELF64 LE header (64 bytes), then one PT_LOAD program header for `code` at paddr (also
// the entry) when there is code.  machine 243 is EM_RISCV, type 2 ET_EXEC.
export function elf({ machine = 243, type = 2, code = Buffer.alloc(0), paddr = 0x80000000n } = {}) {
  const phoff = 64, phnum = code.length ? 1 : 0, codeOff = 64 + 56 * phnum;
  const b = Buffer.alloc(codeOff + code.length);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2; // 64-bit
  b[5] = 1; // little-endian
  b[6] = 1;
  b.writeUInt16LE(type, 16);
  b.writeUInt16LE(machine, 18);
  b.writeUInt32LE(1, 20);
  b.writeBigUInt64LE(paddr, 24); // entry
  b.writeBigUInt64LE(BigInt(phnum ? phoff : 0), 32);
  b.writeUInt16LE(64, 52);
  b.writeUInt16LE(56, 54);
  b.writeUInt16LE(phnum, 56);
  if (phnum) {
    b.writeUInt32LE(1, 64); // PT_LOAD
    b.writeUInt32LE(5, 68); // R+X
    b.writeBigUInt64LE(BigInt(codeOff), 72);
    b.writeBigUInt64LE(paddr, 80);
    b.writeBigUInt64LE(paddr, 88);
    b.writeBigUInt64LE(BigInt(code.length), 96);
    b.writeBigUInt64LE(BigInt(code.length), 104);
    code.copy(b, codeOff);
  }
  return b;
}

// RV64 code: print `text` on the 16550 UART at 0x10000000, then write
// (status << 16) | 0x3333 to the SiFive test device at 0x100000 (power off with status).
export function rv64PrintAndExit(text, status) {
  const words = [0x100002b7]; // lui t0, 0x10000
  for (const ch of Buffer.from(text, 'latin1')) {
    words.push(((ch << 20) | (6 << 7) | 0x13) >>> 0); // addi t1, zero, ch
    words.push(0x00628023); // sb t1, 0(t0)
  }
  words.push(0x001002b7); // lui t0, 0x100
  words.push(((((status << 4) | 3) << 12) | (6 << 7) | 0x37) >>> 0); // lui t1, (status<<4)|3
  words.push(0x33330313); // addi t1, t1, 0x333
  words.push(0x0062a023); // sw t1, 0(t0)
  words.push(0x0000006f); // j .
  const code = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => code.writeUInt32LE(w, i * 4));
  return code;
}
