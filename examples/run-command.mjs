#!/usr/bin/env node
// examples/run-command.mjs — boot a Linux guest, run one command in it, print what it printed
// and exit with its status.
//
//   node examples/run-command.mjs                 # uname -a
//   node examples/run-command.mjs 'cat /proc/cpuinfo'
//
// The guest is the default riscv64 one (make images: build/images/riscv64); KERNEL and INITRD
// in the environment choose other files.
import { Machine } from 'qemu-wasm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const images = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'images', 'riscv64');
const command = process.argv[2] || 'uname -a';

const m = await Machine.start({
  memory: '512M',
  kernel: process.env.KERNEL || path.join(images, 'Image'),
  initrd: process.env.INITRD || path.join(images, 'initramfs.cpio.gz'),
  append: 'console=ttyS0 quiet',
});
try {
  await m.waitFor('qemu-wasm: guest up', { timeout: 300_000 }); // printed by the guest's /init
  const { output, status } = await m.run(command, { timeout: 120_000 });
  process.stdout.write(output);
  m.send('poweroff -f\n');
  await m.exited;
  process.exitCode = status;
} finally {
  await m.stop(); // a no-op once it has exited; ends it if something above threw
}
