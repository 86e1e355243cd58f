// test/cli/targets.test.mjs — the target is chosen by the command's name (qemu-wasm-<arch>,
// as QEMU's qemu-system-<arch>), for both builds; and the include-layering check
// (scripts/check_layers.sh) refuses each kind of forbidden include.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NATIVE = process.env.QEMU_WASM_NATIVE
  ? path.resolve(process.env.QEMU_WASM_NATIVE)
  : path.join(ROOT, 'build', 'native', 'qemu-wasm');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { input: '', encoding: 'utf8', timeout: 60000 });
  if (r.error) {
    throw r.error;
  }
  return r;
}

test('qemu-wasm-riscv64 (the npm bin\'s file) is the riscv64 target', () => {
  const r = run(process.execPath, [path.join(ROOT, 'cli', 'qemu-wasm-riscv64.js'), '-machine', 'help']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Supported machines are:\nvirt                 RISC-V VirtIO board (default)\n');
  const h = run(process.execPath, [path.join(ROOT, 'cli', 'qemu-wasm-riscv64.js'), '--help']);
  assert.match(h.stdout, /^usage: qemu-wasm-riscv64 \[options\]\n\nA riscv64 machine emulator/);
  assert.match(h.stdout, /qemu-system-riscv64's/);
  assert.match(h.stdout, /default: qemu-wasm-fw\.bin/);
  assert.match(h.stdout, /at most 8 devices/);
});

test('package.json has a bin for every target, and qemu-wasm stays riscv64', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.bin['qemu-wasm'], 'cli/qemu-wasm.js');
  assert.equal(pkg.bin['qemu-wasm-riscv64'], 'cli/qemu-wasm-riscv64.js');
  for (const [name, file] of Object.entries(pkg.bin)) {
    assert.ok(fs.existsSync(path.join(ROOT, file)), `${name}: ${file}`);
  }
  const r = run(process.execPath, [path.join(ROOT, 'cli', 'qemu-wasm.js'), '-cpu', 'help']);
  assert.equal(r.stdout, 'Available CPUs:\n  rv64\n');
});

test('native build: a qemu-wasm-riscv64 symlink is the riscv64 target, other names the default', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-targets-'));
  try {
    for (const name of ['qemu-wasm-riscv64', 'qemu-wasm-link', 'anything']) {
      fs.symlinkSync(NATIVE, path.join(dir, name));
      const r = run(path.join(dir, name), ['-machine', 'help']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^virt +RISC-V VirtIO board \(default\)$/m, name);
      const h = run(path.join(dir, name), ['-help']);
      assert.match(h.stdout, new RegExp(`^usage: ${name} \\[options\\]`), name);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the -m and -smp limits are the board\'s', () => {
  const big = run(NATIVE, ['-M', 'virt', '-smp', '65']);
  assert.equal(big.stderr, "qemu-wasm: Invalid SMP CPUs 65. The max CPUs supported by machine 'virt' is 64\n");
  assert.equal(big.status, 1);
  const late = run(NATIVE, ['-smp', '65', '-M', 'virt']); // the board is known only at the end
  assert.equal(late.stderr, big.stderr);
});

// ---- scripts/check_layers.sh --------------------------------------------------------

function layersOn(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-layers-'));
  try {
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    for (const d of ['core', 'tcg', 'hw']) {
      fs.mkdirSync(path.join(dir, d), { recursive: true });
    }
    return run('bash', [path.join(ROOT, 'scripts', 'check_layers.sh'), dir]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('check_layers: this tree passes', () => {
  const r = run('bash', [path.join(ROOT, 'scripts', 'check_layers.sh')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('check_layers: every forbidden kind of include fails, allowed ones pass', () => {
  const ok = layersOn({
    'core/exec.c': '#include "core/cpu.h"\n#include "tcg/ir.h"\n',
    'core/riscv/cpu.c': '#include "core/riscv/cpu.h"\n#include "core/machine.h"\n',
    'hw/riscv/virt.c': '#include "core/riscv/cpu.h"\n#include "hw/intc/plic.h"\n',
    'hw/intc/plic.c': '#include "core/machine.h"\n#include "hw/irq.h"\n',
  });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const bad = {
    'core/log.c': '#include "cli/options.h"\n',
    'hw/virtio/virtio.c': '#include "cli/options.h"\n',
    'core/tb.c': '#include "hw/machine.h"\n',
    'tcg/interp.c': '#include "core/riscv/cpu.h"\n',
    'core/x86/cpu.c': '#include "core/riscv/cpu.h"\n',
    'core/arm/cpu.c': '#include "hw/arm/virt.h"\n',
    'hw/x86/pc.c': '#include "hw/riscv/virt_fdt.h"\n',
    'hw/intc/clint.c': '#include "core/riscv/cpu.h"\n',
    'hw/char/pl011.c': '  #  include "hw/arm/raspi.h"\n',
  };
  for (const [f, text] of Object.entries(bad)) {
    const r = layersOn({ [f]: text });
    assert.equal(r.status, 1, `${f}: ${text}`);
    assert.match(r.stdout, new RegExp(`^${f.replace(/[.]/g, '\\.')}:1: includes `, 'm'), f);
  }
});
