// test/cli/chardev.test.mjs — -serial and -chardev end to end, for both builds (the product,
// node cli/qemu-wasm.js, and build/native/qemu-wasm): where the guest's console output goes
// (the host console, a file, nowhere), several -serial, -chardev ... -serial chardev:ID, and
// every bad value as one QEMU-style "qemu-wasm: ..." line with status 1 (the texts are
// qemu-system-riscv64 7.2's first line where it has one; QEMU adds a second "could not
// connect serial device" line, which qemu-wasm leaves out: one line per error).
//
// The guests are tiny ELF images that print a known line on the 16550 UART and power off:
// one run bare (-bios none), one in S-mode after our firmware, which prints its own banner
// on the same UART first.
//
// Environment overrides as in cli.test.mjs: QEMU_WASM_NATIVE, QEMU_WASM_BUILD.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, NATIVE, LAUNCHER, builds, runBuild, elf, rv64PrintAndExit } from './common.mjs';

const FIRMWARE = path.join(ROOT, 'build', 'bios', 'riscv64', 'qemu-wasm-fw.bin');

let dir; // scratch directory: the emulator's cwd, the images and the console files

// ---- tiny guests ------------------------------------------------------------------------

const BARE_LINE = 'hello from the serial port\n';
const S_LINE = 'hello from S-mode\n';
const FW_BANNER = /^qemu-wasm firmware: SBI v[\d.]+, 1 harts, booting hart 0 at 0x80200000 in S-mode\r\n/; // a terminal line: CR LF

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-chardev-'));
  fs.writeFileSync(path.join(dir, 'bare.elf'), elf({ code: rv64PrintAndExit(BARE_LINE, 0) }));
  fs.writeFileSync(path.join(dir, 'smode.elf'), elf({ code: rv64PrintAndExit(S_LINE, 0), paddr: 0x80200000n }));
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(build, args) {
  return runBuild(build, args, { cwd: dir });
}

const BARE = ['-M', 'virt', '-bios', 'none', '-kernel', 'bare.elf'];

// The guest ran to its power-off (status 0) and printed nothing on the host console.
function assertQuietRun(r) {
  const ctx = `stdout: ${JSON.stringify(r.stdout)}, stderr: ${JSON.stringify(r.stderr)}`;
  assert.equal(r.signal, null, ctx);
  assert.equal(r.status, 0, ctx);
  assert.equal(r.stdout, '', ctx);
  assert.equal(r.stderr, '', ctx);
}

function readFile(name) {
  return fs.readFileSync(path.join(dir, name), 'latin1');
}

// A user error: exactly `message` and a newline on stderr, status 1, nothing on stdout.
function assertUserError(r, message) {
  const ctx = `stderr: ${JSON.stringify(r.stderr)}`;
  assert.equal(r.signal, null, ctx);
  assert.equal(r.status, 1, ctx);
  assert.equal(r.stdout, '', ctx);
  assert.equal(r.stderr, message + '\n');
}

for (const build of Object.keys(builds)) {
  describe(`${build} build`, () => {
    before(() => {
      const need = build === 'native' ? NATIVE : LAUNCHER;
      assert.ok(fs.existsSync(need), `${need} is missing: run make first`);
    });

    test('default: the serial port is the host console', () => {
      const r = run(build, BARE);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, BARE_LINE);
      assert.equal(r.status, 0);
    });

    test('-serial file:PATH gets the console output, truncating what was there', () => {
      const log = `bare-${build}.log`;
      fs.writeFileSync(path.join(dir, log), 'old contents that must go away\n');
      assertQuietRun(run(build, [...BARE, '-serial', `file:${log}`]));
      assert.equal(readFile(log), BARE_LINE);
    });

    test('-serial file:PATH after our firmware: its banner, then the S-mode guest', () => {
      assert.ok(fs.existsSync(FIRMWARE), `${FIRMWARE} is missing: run make bios`);
      const log = `fw-${build}.log`;
      assertQuietRun(run(build, ['-M', 'virt', '-kernel', 'smode.elf', '-serial', `file:${log}`]));
      const text = readFile(log);
      assert.match(text, FW_BANNER);
      assert.ok(text.endsWith(S_LINE), JSON.stringify(text));
    });

    test('-serial null and -serial none: the output goes nowhere', () => {
      for (const v of ['null', 'none']) {
        assertQuietRun(run(build, [...BARE, '-serial', v]));
      }
    });

    // QEMU 7.2's riscv virt has one UART: it creates every -serial backend (a file: one's
    // file appears, empty) and leaves the ports the board has no UART for unconnected.
    test('two -serial: serial0 is the UART, the second backend is created and unused', () => {
      const second = `second-${build}.log`;
      const r = run(build, [...BARE, '-serial', 'stdio', '-serial', `file:${second}`]);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, BARE_LINE);
      assert.equal(r.status, 0);
      assert.equal(readFile(second), '');

      const a = `a-${build}.log`, b = `b-${build}.log`;
      assertQuietRun(run(build, [...BARE, '-serial', `file:${a}`, '-serial', `file:${b}`]));
      assert.equal(readFile(a), BARE_LINE);
      assert.equal(readFile(b), '');

      // -serial null -serial stdio (the Raspberry Pi's spelling): the UART drops its output
      assertQuietRun(run(build, [...BARE, '-serial', 'null', '-serial', 'stdio']));
    });

    test('-chardev file,id=c0,path=P with -serial chardev:c0, in either order; append=on', () => {
      const p = `chardev-${build}.log`;
      assertQuietRun(run(build, [...BARE, '-chardev', `file,id=c0,path=${p}`, '-serial', 'chardev:c0']));
      assert.equal(readFile(p), BARE_LINE);
      assertQuietRun(run(build, [...BARE, '-serial', 'chardev:c0', '-chardev', `file,id=c0,path=${p},append=on`]));
      assert.equal(readFile(p), BARE_LINE + BARE_LINE);
      // QEMU's ",," is a comma inside a value
      assertQuietRun(run(build, [...BARE, '-chardev', `file,id=c0,path=${p},,x`, '-serial', 'chardev:c0']));
      assert.equal(readFile(`${p},x`), BARE_LINE);
      // a -chardev that no -serial names is created and unused; serial0 stays on stdio
      const unused = `unused-${build}.log`;
      const r = run(build, [...BARE, '-chardev', `file,id=spare,path=${unused}`]);
      assert.equal(r.stdout, BARE_LINE);
      assert.equal(r.status, 0);
      assert.equal(readFile(unused), '');
    });

    test('-chardev null and stdio with -serial chardev:ID', () => {
      assertQuietRun(run(build, [...BARE, '-chardev', 'null,id=n', '-serial', 'chardev:n']));
      const r = run(build, [...BARE, '-chardev', 'stdio,id=con,signal=off', '-serial', 'chardev:con']);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, BARE_LINE);
      assert.equal(r.status, 0);
    });

    test('bad -serial / -chardev: one QEMU-style line, status 1', () => {
      assertUserError(run(build, [...BARE, '-serial', 'foo']),
        "qemu-wasm: -serial foo: 'foo' is not a valid char driver (qemu-wasm supports " +
        'mon:stdio, stdio, none, null, file:PATH, chardev:ID)');
      assertUserError(run(build, [...BARE, '-chardev', 'foo,id=a']),
        "qemu-wasm: -chardev foo,id=a: 'foo' is not a valid char driver name");
      assertUserError(run(build, [...BARE, '-chardev', 'null,id=c0', '-chardev', 'file,id=c0,path=x.log']),
        "qemu-wasm: -chardev file,id=c0,path=x.log: Duplicate ID 'c0' for chardev");
      assertUserError(run(build, [...BARE, '-chardev', 'null,id=serial0', '-serial', 'null']),
        "qemu-wasm: -serial null: Duplicate ID 'serial0' for chardev");
      assertUserError(run(build, [...BARE, '-serial', 'chardev:nope']),
        "qemu-wasm: -serial chardev:nope: could not connect serial device to character backend " +
        "'chardev:nope'");
      assertUserError(run(build, [...BARE, '-chardev', 'null,id=c0', '-serial', 'chardev:c1']),
        "qemu-wasm: -serial chardev:c1: could not connect serial device to character backend " +
        "'chardev:c1'");
      assertUserError(run(build, [...BARE, '-serial', 'stdio', '-serial', 'mon:stdio']),
        'qemu-wasm: -serial mon:stdio: cannot use stdio by multiple character devices');
      assertUserError(run(build, [...BARE, '-chardev', 'stdio,id=s']),
        'qemu-wasm: cannot use stdio by multiple character devices');
      assertUserError(run(build, [...BARE, '-chardev', 'null']),
        'qemu-wasm: -chardev null: chardev: no id specified');
      assertUserError(run(build, [...BARE, '-chardev', 'file,id=f']),
        'qemu-wasm: -chardev file,id=f: chardev: file: no filename given');
      assertUserError(run(build, [...BARE, '-chardev', 'null,id=n,bogus=1']),
        "qemu-wasm: -chardev null,id=n,bogus=1: Invalid parameter 'bogus'");
      // every -chardev is created before any -serial backend, so its error comes first
      assertUserError(run(build, [...BARE, '-serial', 'foo', '-chardev', 'bar,id=x']),
        "qemu-wasm: -chardev bar,id=x: 'bar' is not a valid char driver name");
    });

    test('a console file in a missing directory or on a directory: QEMU\'s line, status 1', () => {
      assertUserError(run(build, [...BARE, '-serial', 'file:no-such-dir/x.log']),
        "qemu-wasm: -serial file:no-such-dir/x.log: Could not open 'no-such-dir/x.log': No such " +
        'file or directory');
      assertUserError(run(build, [...BARE, '-chardev', 'file,id=c0,path=no-such-dir/y.log',
        '-serial', 'chardev:c0']),
      "qemu-wasm: -chardev file,id=c0,path=no-such-dir/y.log: Could not open 'no-such-dir/y.log': " +
        'No such file or directory');
      fs.mkdirSync(path.join(dir, 'a-directory'), { recursive: true });
      assertUserError(run(build, [...BARE, '-serial', 'file:a-directory']),
        "qemu-wasm: -serial file:a-directory: Could not open 'a-directory': Is a directory");
      assert.equal(fs.existsSync(path.join(dir, 'no-such-dir')), false);
    });
  });
}
