#!/usr/bin/env node
// examples/guest-test.mjs — boot a Linux guest, copy a test script into it, run it there and
// exit with its exit status (what a CI job that tests something inside a VM does).
//
//   node examples/guest-test.mjs                  # the small self-test below
//   node examples/guest-test.mjs my-test.sh       # a script of yours (busybox sh)
//
// The guest is the default riscv64 one (make images: build/images/riscv64); KERNEL and INITRD
// in the environment choose other files.  The console is copied to stderr while it runs.
import { Machine } from 'qemu-wasm';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const images = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'images', 'riscv64');

const SELF_TEST = `#!/bin/sh
set -e
echo "kernel: $(uname -sr), arch: $(uname -m)"
test "$(uname -m)" = riscv64
test "$(echo $((6 * 7)))" = 42
grep -q rv64 /proc/cpuinfo
echo all guest checks passed
`;
const script = process.argv[2] ? fs.readFileSync(process.argv[2]) : Buffer.from(SELF_TEST);

// Copy data into a guest file.  base64 through a here-document: the console is a line
// editor, to which tabs, control characters and very long lines mean something else.
async function putFile(m, file, data) {
  const lines = Buffer.from(data).toString('base64').match(/.{1,76}/g) || [];
  const { status } = await m.run(`base64 -d > ${file} <<'B64_END'\n${lines.join('\n')}\nB64_END`,
    { timeout: 60_000 });
  if (status !== 0) {
    throw new Error(`could not write ${file} in the guest (status ${status})`);
  }
}

const m = await Machine.start({
  memory: '512M',
  kernel: process.env.KERNEL || path.join(images, 'Image'),
  initrd: process.env.INITRD || path.join(images, 'initramfs.cpio.gz'),
  append: 'console=ttyS0 quiet',
});
try {
  await m.waitFor('qemu-wasm: guest up', { timeout: 300_000 });
  await putFile(m, '/tmp/test.sh', script);
  m.on('output', (s) => process.stderr.write(s)); // from here on, show the console
  const { status } = await m.run('sh /tmp/test.sh', { timeout: 600_000 });
  console.log(`guest test: ${status === 0 ? 'passed' : `failed (status ${status})`}`);
  m.send('poweroff -f\n');
  await m.exited;
  process.exitCode = status;
} finally {
  await m.stop();
}
