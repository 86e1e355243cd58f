// test/api/errors.test.mjs — Machine.start() rejects bad options and missing files with a
// QemuError (the emulator's one-line message and a code) before any guest code runs, and
// the named options map onto QEMU's arguments.  No guest boots here: each case takes about
// half a second (the launcher loads the Wasm, the C side parses and exits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Machine, QemuError, buildArgs, version } from 'qemu-wasm';
import { ROOT, KERNEL } from './common.mjs';

// start() must reject with exactly this message and code, quickly.
async function rejects(opts, code, message) {
  const t0 = performance.now();
  await assert.rejects(Machine.start(opts), (e) => {
    assert.ok(e instanceof QemuError && e instanceof Error, `a QemuError: ${e}`);
    assert.equal(e.code, code, e.message);
    if (message instanceof RegExp) {
      assert.match(e.message, message);
    } else {
      assert.equal(e.message, message);
    }
    return true;
  });
  const ms = performance.now() - t0;
  assert.ok(ms < 20000, `rejected after ${ms.toFixed(0)} ms`);
}

test('a bad option rejects start with ERR_QEMU_OPTION', async () => {
  await rejects({ args: ['-M', 'virt', '-bogus'] }, 'ERR_QEMU_OPTION', 'qemu-wasm: -bogus: invalid option');
  await rejects({ kernel: KERNEL, memory: '5G' }, 'ERR_QEMU_OPTION',
    'qemu-wasm: -m 5G: ram size too large (at most 2G)');
  await rejects({ machine: 'pc' }, 'ERR_QEMU_OPTION', /^qemu-wasm: unsupported machine type: "pc"/);
  await rejects({ kernel: KERNEL, accel: 'kvm' }, 'ERR_QEMU_OPTION', 'qemu-wasm: -accel kvm: invalid accelerator kvm');
});

test('a missing -drive file or -virtfs directory rejects start with its message', async () => {
  await rejects({ kernel: KERNEL, drives: [{ file: 'no-such-disk.img', format: 'raw', if: 'virtio' }] },
    'ERR_QEMU_FILE', "qemu-wasm: -drive file=no-such-disk.img,format=raw,if=virtio: Could not open " +
    "'no-such-disk.img': No such file or directory");
  await rejects({ kernel: KERNEL, virtfs: { path: '/no-such-dir', mount_tag: 'host' } },
    'ERR_QEMU_FILE', /^qemu-wasm: -virtfs local,security_model=none,path=\/no-such-dir,mount_tag=host: .*No such file or directory$/);
});

test('a missing file rejects start with ERR_QEMU_FILE', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-api-'));
  try {
    await rejects({ kernel: 'nope-Image', cwd: dir }, 'ERR_QEMU_FILE',
      "qemu-wasm: could not load kernel 'nope-Image': No such file or directory");
    await rejects({ kernel: KERNEL, initrd: path.join(dir, 'none.cpio') }, 'ERR_QEMU_FILE',
      `qemu-wasm: could not load initrd '${path.join(dir, 'none.cpio')}': No such file or directory`);
    await rejects({ kernel: KERNEL, bios: path.join(dir, 'fw.bin') }, 'ERR_QEMU_FILE',
      /^qemu-wasm: could not load .*fw\.bin': No such file or directory$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an unknown named option is refused without starting anything', async () => {
  await rejects({ kernal: KERNEL }, 'ERR_QEMU_OPTION', "qemu-wasm: Machine.start: unknown option 'kernal'");
  await rejects({ args: '-M virt' }, 'ERR_QEMU_OPTION', 'qemu-wasm: Machine.start: args must be an array of strings');
});

test("a rejected start prints nothing on the host's stdout or stderr", async () => {
  // this test's own stdout/stderr are the runner's: spawn a script and look at what it printed
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import { Machine } from 'qemu-wasm';
    try { await Machine.start({ kernel: '/nonexistent/Image' }); } catch (e) { process.exitCode = e.code === 'ERR_QEMU_FILE' ? 7 : 1; }
  `], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 7);
});

test('-version and -machine help through the API: start resolves, the text is the output', async () => {
  const m = await Machine.start({ args: ['-version'] });
  assert.equal(await m.exited, 0);
  assert.match(m.tail(), new RegExp(`^qemu-wasm version ${version.replace(/\./g, '\\.')}$`, 'm'));
  const h = await Machine.start({ args: ['-machine', 'help'] });
  assert.equal(await h.exited, 0);
  assert.match(h.tail(), /^virt\s+RISC-V VirtIO board/m);
});

test('named options map onto QEMU arguments', () => {
  assert.deepEqual(buildArgs({ args: ['-M', 'virt', '-kernel', 'k'] }), ['-M', 'virt', '-kernel', 'k']);
  assert.deepEqual(buildArgs({
    memory: 512, smp: 2, kernel: 'Image', initrd: 'rd.gz', append: 'console=ttyS0 quiet', bios: 'none',
    accel: { jit: false }, drives: [{ file: 'a,b.img', if: 'virtio', readonly: true }, 'file=c.img'],
    virtfs: { path: '/srv', mount_tag: 'host' }, args: ['-d', 'guest_errors'],
  }), [
    '-machine', 'virt', '-m', '512', '-smp', '2', '-accel', 'tcg,jit=off', '-bios', 'none',
    '-kernel', 'Image', '-initrd', 'rd.gz', '-append', 'console=ttyS0 quiet',
    '-drive', 'file=a,,b.img,if=virtio,readonly=on', '-drive', 'file=c.img',
    '-virtfs', 'local,security_model=none,path=/srv,mount_tag=host', '-nographic', '-d', 'guest_errors',
  ]);
  assert.deepEqual(buildArgs({ machine: { type: 'virt', dumpdtb: 'x.dtb' }, nographic: false }),
    ['-machine', 'type=virt,dumpdtb=x.dtb']);
});
