// test/api/common.mjs — what the API tests share: the default guest and its boot.
import fs from 'node:fs';
import path from 'node:path';
import { ensureImages, archInfo, DEFAULT_ARCH, ROOT } from '../boot/harness.mjs';

// Machine.start() without `arch` runs the default target: the default guest (riscv64), whose
// images, command line and paths are test/boot/archs/<arch>.mjs's.
const DEFAULT_GUEST = archInfo(DEFAULT_ARCH);
export const IMAGES = DEFAULT_GUEST.images;
export { ROOT, ensureImages };
export const KERNEL = path.join(IMAGES, 'Image');
export const INITRD = path.join(IMAGES, 'initramfs.cpio.gz');
export const GUEST_UP = 'qemu-wasm: guest up';
// Measured: ~25 s to 'guest up' under Node on a 2-core machine, ~70 s for two at once
// next to other work; CI may be slower.
export const BOOT_TIMEOUT = 300_000;

// Machine.start() options for the default guest.
export function guest(extra = {}) {
  return { memory: '512M', kernel: KERNEL, initrd: INITRD, append: DEFAULT_GUEST.append, ...extra };
}

// The resident set of a process in MiB (Linux /proc), or null.
export function rssMiB(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch (e) {
    return null;
  }
}

// Whether a process exists.
export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code !== 'ESRCH';
  }
}
