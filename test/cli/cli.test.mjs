// test/cli/cli.test.mjs — the command line's behaviour on bad input, for both builds:
// the native binary (build/native/qemu-wasm) and the product (node cli/qemu-wasm.js).
// Every user error is exactly one "qemu-wasm: ..." line on stderr and exit status 1:
// no JS stack, no "Aborted", nothing on stdout.
//
// Environment overrides (to test other builds): QEMU_WASM_NATIVE=path/to/binary,
// QEMU_WASM_BUILD=dir/with/qemu-wasm.js (read by cli/qemu-wasm.js itself).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, NATIVE, LAUNCHER, builds, runBuild, elf, rv64PrintAndExit } from './common.mjs';

const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

let dir; // scratch directory with the test inputs; the emulator runs with it as cwd

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-cli-'));
  fs.writeFileSync(path.join(dir, 'empty.bin'), '');
  fs.mkdirSync(path.join(dir, 'a-directory'));
  fs.writeFileSync(path.join(dir, 'x86.o'), elf({ machine: 62, type: 1 }));
  fs.writeFileSync(path.join(dir, 'x86-exec.elf'), elf({ machine: 62 }));
  fs.writeFileSync(path.join(dir, 'rv.o'), elf({ machine: 243, type: 1 }));
  fs.writeFileSync(path.join(dir, 'rv32.elf'), Buffer.concat([Buffer.from('\x7fELF\x01\x01\x01', 'latin1'), Buffer.alloc(57)]));
  fs.writeFileSync(path.join(dir, 'truncated.elf'), elf({ code: Buffer.alloc(16) }).subarray(0, 30));
  fs.writeFileSync(path.join(dir, 'outside.elf'), elf({ code: Buffer.alloc(16), paddr: 0x90000000n }));
  fs.writeFileSync(path.join(dir, 'big.bin'), Buffer.alloc(2 << 20, 0x13));
  fs.writeFileSync(path.join(dir, 'exit7.elf'), elf({ code: rv64PrintAndExit('hi from the guest\n', 7) }));
  fs.writeFileSync(path.join(dir, 'exit0.elf'), elf({ code: rv64PrintAndExit('ok\n', 0) }));
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(build, args, opts = {}) {
  return runBuild(build, args, { cwd: opts.cwd || dir, env: opts.env });
}

// A user error: one line on stderr, exactly `message` (a string, or a RegExp for the
// line), status 1, nothing on stdout.
function assertUserError(r, message) {
  const ctx = `stderr: ${JSON.stringify(r.stderr)}`;
  assert.equal(r.signal, null, ctx);
  assert.equal(r.status, 1, ctx);
  assert.equal(r.stdout, '', ctx);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(r.stderr, /Aborted|RuntimeError|internal error/, ctx);
  assert.match(r.stderr, /^[^\n]*\n$/, `exactly one line: ${ctx}`);
  if (message instanceof RegExp) {
    assert.match(r.stderr.trimEnd(), message);
  } else {
    assert.equal(r.stderr, message + '\n');
  }
}

const BOOT = ['-M', 'virt', '-bios', 'none', '-nographic', '-kernel'];

for (const build of Object.keys(builds)) {
  describe(`${build} build`, () => {
    before(() => {
      const need = build === 'native' ? NATIVE : LAUNCHER;
      assert.ok(fs.existsSync(need), `${need} is missing: run make first`);
    });

    test('missing -kernel file', () => {
      assertUserError(run(build, [...BOOT, 'nope.elf']),
        "qemu-wasm: could not load kernel 'nope.elf': No such file or directory");
    });

    test('empty -kernel file', () => {
      assertUserError(run(build, [...BOOT, 'empty.bin']),
        "qemu-wasm: could not load kernel 'empty.bin': file is empty");
    });

    test('-kernel is a directory', () => {
      assertUserError(run(build, [...BOOT, 'a-directory']),
        "qemu-wasm: could not load kernel 'a-directory': Is a directory");
    });

    test('-kernel of an x86-64 object file', () => {
      assertUserError(run(build, [...BOOT, 'x86.o']),
        "qemu-wasm: could not load kernel 'x86.o': ELF is for x86-64, not RISC-V");
      assertUserError(run(build, [...BOOT, 'x86-exec.elf']),
        "qemu-wasm: could not load kernel 'x86-exec.elf': ELF is for x86-64, not RISC-V");
    });

    test('-kernel of a RISC-V object file (not linked)', () => {
      assertUserError(run(build, [...BOOT, 'rv.o']),
        "qemu-wasm: could not load kernel 'rv.o': ELF file is a relocatable object (.o), " +
        'not an executable');
    });

    test('-kernel of a 32-bit or truncated ELF', () => {
      assertUserError(run(build, [...BOOT, 'rv32.elf']),
        "qemu-wasm: could not load kernel 'rv32.elf': 32-bit ELF (only ELF64 is supported)");
      assertUserError(run(build, [...BOOT, 'truncated.elf']),
        "qemu-wasm: could not load kernel 'truncated.elf': truncated ELF header (30 bytes)");
    });

    test('-kernel ELF outside guest RAM', () => {
      assertUserError(run(build, [...BOOT, 'outside.elf']),
        "qemu-wasm: could not load kernel 'outside.elf': segment 0 at 0x90000000-0x9000000f is " +
        'outside guest RAM');
    });

    test('raw -kernel image larger than guest RAM', () => {
      assertUserError(run(build, ['-m', '1M', ...BOOT, 'big.bin']),
        "qemu-wasm: could not load kernel 'big.bin': image too large for guest RAM");
    });

    test('unknown option', () => {
      assertUserError(run(build, ['-foo']), 'qemu-wasm: -foo: invalid option');
      assertUserError(run(build, ['--no-such-thing', 'x']),
        'qemu-wasm: --no-such-thing: invalid option');
    });

    test('missing option argument', () => {
      assertUserError(run(build, ['-M', 'virt', '-m']), 'qemu-wasm: -m: requires an argument');
    });

    test('unknown machine', () => {
      assertUserError(run(build, ['-M', 'foo']),
        'qemu-wasm: unsupported machine type: "foo" (use -machine help to list supported ' +
        'machines)');
    });

    test('bad and too large -m', () => {
      assertUserError(run(build, ['-m', 'lots']),
        "qemu-wasm: -m lots: Parameter 'size' expects a non-negative number below 2^64");
      assertUserError(run(build, ['-m', '9T', ...BOOT, 'exit0.elf']),
        /^qemu-wasm: -m 9T: ram size too large \(at most \d+[KMGT]?\)$/);
    });

    test('--version', () => {
      for (const opt of ['--version', '-version']) {
        const r = run(build, [opt]);
        assert.equal(r.status, 0);
        assert.equal(r.stderr, '');
        assert.match(r.stdout, new RegExp(`^qemu-wasm version ${VERSION.replace(/\./g, '\\.')}\n`));
      }
    });

    test('--help and the help sub-options', () => {
      const r = run(build, ['--help']);
      assert.equal(r.status, 0);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^usage: qemu-wasm \[options\]/);
      for (const opt of ['-kernel', '-machine', '-m ', '-smp', '-nographic', '-bios', '-accel']) {
        assert.ok(r.stdout.includes(opt), `--help mentions ${opt}`);
      }
      const m = run(build, ['-machine', 'help']);
      assert.equal(m.status, 0);
      assert.match(m.stdout, /^virt +RISC-V VirtIO board/m);
      const c = run(build, ['-cpu', 'help']);
      assert.equal(c.status, 0);
      assert.match(c.stdout, /rv64/);
      const d = run(build, ['-d', 'help']);
      assert.equal(d.status, 0);
      assert.match(d.stdout, /^guest_errors /m);
    });

    test('guest exit status and console output', () => {
      const r = run(build, [...BOOT, 'exit7.elf']);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, 'hi from the guest\n');
      assert.equal(r.status, 7);
      const ok = run(build, [...BOOT, 'exit0.elf']);
      assert.equal(ok.stdout, 'ok\n');
      assert.equal(ok.status, 0);
    });

    test('-M virt,dumpdtb=FILE writes the generated device tree and exits', () => {
      const out = path.join(dir, `virt-${build}.dtb`);
      const r = run(build, ['-M', `virt,dumpdtb=${out}`, '-m', '256M', '-smp', '2',
        '-append', 'console=ttyS0 quiet', '-bios', 'none', '-kernel', 'exit0.elf']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, ''); // nothing ran
      const dts = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', out], { encoding: 'utf8' });
      assert.equal(dts.error, undefined, 'dtc (device-tree-compiler) is needed by this test');
      assert.equal(dts.status, 0, dts.stderr);
      assert.match(dts.stdout, /bootargs = "console=ttyS0 quiet";/);
      assert.match(dts.stdout, /reg = <0x00 0x80000000 0x00 0x10000000>;/);
      assert.match(dts.stdout, /cpu@1 \{/);
      assert.match(dts.stdout, /riscv,isa = "rv64imafdc[^"]*";/);
      assert.match(dts.stdout, /compatible = "ns16550a";/);
      // -dtb: the user's tree is kept, with -append written into /chosen (as QEMU does)
      const edited = path.join(dir, `virt-${build}-edited.dtb`);
      const r2 = run(build, ['-M', `virt,dumpdtb=${edited}`, '-dtb', out, '-append', 'root=/dev/vda',
        '-bios', 'none', '-kernel', 'exit0.elf']);
      assert.equal(r2.status, 0, r2.stderr);
      const dts2 = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', edited], { encoding: 'utf8' });
      assert.equal(dts2.status, 0, dts2.stderr);
      assert.match(dts2.stdout, /bootargs = "root=\/dev\/vda";/);
      assert.match(dts2.stdout, /cpu@1 \{/);
      const junk = run(build, ['-M', 'virt', '-dtb', 'exit0.elf', '-bios', 'none', '-kernel', 'exit0.elf']);
      assert.equal(junk.status, 1);
      assert.equal(junk.stderr,
        "qemu-wasm: could not load dtb 'exit0.elf': not a valid flattened device tree (version 17)\n");
      const bad = run(build, ['-M', 'virt,bogus=1', '-bios', 'none', '-kernel', 'exit0.elf']);
      assert.equal(bad.status, 1);
      assert.equal(bad.stderr, "qemu-wasm: Property 'virt-machine.bogus' not found\n");
    });

    test('relative paths resolve against the cwd, from any cwd', () => {
      const sub = path.join(dir, 'a-directory');
      const r = run(build, [...BOOT, '../exit0.elf'], { cwd: sub });
      assert.equal(r.stdout, 'ok\n');
      assert.equal(r.status, 0);
    });
  });
}

describe('node launcher', () => {
  test('a missing build is reported in one line', () => {
    const missing = path.join(dir, 'no-build-here');
    const r = spawnSync(process.execPath, [LAUNCHER, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, QEMU_WASM_BUILD: missing },
    });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `qemu-wasm: ${path.join(missing, 'qemu-wasm.js')} not found: run make\n`);
  });

  test('runs through a symlink (npm bin) and from another directory', () => {
    const link = path.join(dir, 'qemu-wasm-link');
    fs.symlinkSync(LAUNCHER, link);
    const r = spawnSync(process.execPath, [link, ...BOOT, 'exit7.elf'], {
      cwd: dir,
      input: '',
      encoding: 'utf8',
    });
    assert.equal(r.stdout, 'hi from the guest\n');
    assert.equal(r.status, 7);
  });
});
