// test/cli/devices.test.mjs — -drive, -fsdev, -virtfs, -device, -snapshot on the command line,
// for both builds: every bad input is one QEMU-style "qemu-wasm: ..." line and status 1 (the
// texts are QEMU 7.2's where it has one); good ones are accepted and the machine runs.
//
// Environment overrides as in cli.test.mjs: QEMU_WASM_NATIVE, QEMU_WASM_BUILD.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NATIVE, LAUNCHER, builds, runBuild, elf, rv64PrintAndExit } from './common.mjs';

let dir;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-cli-dev-'));
  fs.writeFileSync(path.join(dir, 'disk.img'), Buffer.alloc(1 << 20));
  fs.writeFileSync(path.join(dir, 'ro.img'), Buffer.alloc(1 << 20));
  fs.chmodSync(path.join(dir, 'ro.img'), 0o444);
  const qcow = Buffer.alloc(4096);
  qcow.write('QFI\xfb', 0, 'latin1');
  fs.writeFileSync(path.join(dir, 'image.qcow2'), qcow);
  fs.mkdirSync(path.join(dir, 'share'));
  fs.writeFileSync(path.join(dir, 'exit0.elf'), elf({ code: rv64PrintAndExit('', 0) }));
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(build, args) {
  return runBuild(build, args, { cwd: dir });
}

const BOOT = ['-M', 'virt', '-bios', 'none', '-nographic', '-kernel', 'exit0.elf'];

function assertUserError(r, message, args = []) {
  const ctx = `${args.join(' ')}: stderr: ${JSON.stringify(r.stderr)}`;
  assert.equal(r.signal, null, ctx);
  assert.equal(r.status, 1, ctx);
  assert.equal(r.stdout, '', ctx);
  assert.match(r.stderr, /^[^\n]*\n$/, `exactly one line: ${ctx}`);
  if (message instanceof RegExp) {
    assert.match(r.stderr.trimEnd(), message);
  } else {
    assert.equal(r.stderr, `qemu-wasm: ${message}\n`);
  }
}

function assertRuns(r) {
  assert.equal(r.status, 0, `stderr: ${r.stderr}`);
  assert.equal(r.stderr, '');
}

// [args, expected message] — checked in one process each, both builds.
const ERRORS = [
  [['-drive', 'file=nope.img'],
    "-drive file=nope.img: Could not open 'nope.img': No such file or directory"],
  [['-drive', 'file=nope.img,format=raw,if=virtio'],
    "-drive file=nope.img,format=raw,if=virtio: Could not open 'nope.img': No such file or directory"],
  [['-drive', 'file=disk.img,format=qcow3'], "-drive file=disk.img,format=qcow3: Unknown driver 'qcow3'"],
  [['-drive', 'file=image.qcow2'], "-drive file=image.qcow2: Could not open 'image.qcow2': Unsupported qcow2 version 0"],
  [['-drive', 'file=disk.img,format=qcow2'], "-drive file=disk.img,format=qcow2: Could not open 'disk.img': not a qcow2 image"],
  [['-drive', 'bogus=1'], '-drive bogus=1: Block format \'raw\' does not support the option \'bogus\''],
  [['-drive', 'if=virtio'], '-drive if=virtio: Must specify either driver or file'],
  [['-drive', 'if=virtio,format=raw'], '-drive if=virtio,format=raw: A block device must be specified for "file"'],
  [['-drive', 'file=disk.img,cache=foo'], '-drive file=disk.img,cache=foo: invalid cache option'],
  [['-drive', 'file=disk.img,readonly=maybe'],
    "-drive file=disk.img,readonly=maybe: Parameter 'read-only' expects 'on' or 'off'"],
  [['-drive', 'file=disk.img,snapshot=x'],
    "-drive file=disk.img,snapshot=x: Parameter 'snapshot' expects 'on' or 'off'"],
  [['-drive', 'file=disk.img,if=scsi'], /^qemu-wasm: -drive file=disk\.img,if=scsi: unsupported bus type 'scsi'/],
  [['-drive', 'if=none,id=d0,file=disk.img', '-drive', 'if=none,id=d0,file=disk.img'],
    "-drive if=none,id=d0,file=disk.img: Duplicate ID 'd0' for drive"],
  [['-device', 'virtio-blk-device'], '-device virtio-blk-device: drive property not set'],
  [['-device', 'virtio-blk-device,drive=zz'],
    "-device virtio-blk-device,drive=zz: Property 'virtio-blk-device.drive' can't find value 'zz'"],
  [['-device', 'foo'], "-device foo: 'foo' is not a valid device model name"],
  [['-device', 'virtio-rng-device,foo=1'], "-device virtio-rng-device,foo=1: Property 'virtio-rng-device.foo' not found"],
  [['-drive', 'if=none,id=d0,file=disk.img', '-device', 'virtio-blk-device,drive=d0',
    '-device', 'virtio-blk-device,drive=d0'],
  "-device virtio-blk-device,drive=d0: Drive 'd0' is already in use by another device"],
  [['-drive', 'file=disk.img,format=raw,if=virtio,id=d0', '-device', 'virtio-blk-device,drive=d0'],
    "-drive file=disk.img,format=raw,if=virtio,id=d0: Drive 'd0' is already in use because it has " +
    "been automatically connected to another device (did you need 'if=none' in the drive options?)"],
  [Array(9).fill(['-device', 'virtio-rng-device']).flat(),
    "-device virtio-rng-device: No 'virtio-bus' bus found for device 'virtio-rng-device'"],
  [['-device', 'virtconsole'], "-device virtconsole: No 'virtio-serial-bus' bus found for device 'virtconsole'"],
  [['-fsdev', 'local,id=f0,path=share'],
    /^qemu-wasm: -fsdev local,id=f0,path=share: security_model property not set/],
  [['-fsdev', 'local,path=share,security_model=none'],
    '-fsdev local,path=share,security_model=none: fsdev: No id specified'],
  [['-fsdev', 'foo,id=f0'], '-fsdev foo,id=f0: fsdev: fsdriver foo not found'],
  [['-fsdev', 'local,id=f0,path=share,security_model=foo'],
    /^qemu-wasm: -fsdev local,id=f0,path=share,security_model=foo: invalid security_model property 'foo'/],
  [['-fsdev', 'local,id=f0,path=share,security_model=none', '-fsdev', 'local,id=f0,path=share,security_model=none'],
    "-fsdev local,id=f0,path=share,security_model=none: Duplicate ID 'f0' for fsdev"],
  [['-virtfs', 'local,path=share'], '-virtfs local,path=share: Usage: -virtfs fsdriver,mount_tag=tag'],
  [['-virtfs', 'local,mount_tag=t,security_model=none'],
    '-virtfs local,mount_tag=t,security_model=none: path property not set'],
  [['-virtfs', 'local,path=share,mount_tag=t,security_model=none,readonly=maybe'],
    "-virtfs local,path=share,mount_tag=t,security_model=none,readonly=maybe: Parameter 'readonly' expects 'on' or 'off'"],
  [['-device', 'virtio-9p-device,fsdev=f1,mount_tag=t'],
    "-device virtio-9p-device,fsdev=f1,mount_tag=t: 9pfs device couldn't find fsdev with the id = f1"],
  [['-device', 'virtio-9p-device,mount_tag=t'],
    "-device virtio-9p-device,mount_tag=t: 9pfs device couldn't find fsdev with the id = NULL"],
  [['-device', 'virtio-9p-device,fsdev=f0', '-fsdev', 'local,id=f0,path=share,security_model=none'],
    '-device virtio-9p-device,fsdev=f0: fsdev with id f0 needs mount_tag arguments'],
  [['-virtfs', 'local,path=nope,mount_tag=t,security_model=none'],
    /^qemu-wasm: -virtfs local,path=nope,mount_tag=t,security_model=none: .*'nope': No such file or directory$/],
];
// A file we may not write (root may write anything).
if (process.getuid?.() !== 0) {
  ERRORS.push([['-drive', 'file=ro.img,format=raw'],
    "-drive file=ro.img,format=raw: Could not open 'ro.img': Permission denied"]);
}

for (const build of Object.keys(builds)) {
  describe(`${build} build: devices`, () => {
    before(() => {
      const need = build === 'native' ? NATIVE : LAUNCHER;
      assert.ok(fs.existsSync(need), `${need} is missing: run make first`);
    });

    test('bad -drive / -device / -fsdev / -virtfs: one QEMU-style line, status 1', () => {
      for (const [args, message] of ERRORS) {
        assertUserError(run(build, [...BOOT, ...args]), message, args);
      }
    });

    test('good device command lines are accepted and the machine runs', () => {
      assertRuns(run(build, [...BOOT, '-drive', 'file=disk.img,format=raw,if=virtio',
        '-drive', 'file=ro.img,format=raw,if=virtio,readonly=on',
        '-drive', 'if=none,id=d1,file=disk.img,snapshot=on,cache=unsafe',
        '-device', 'virtio-blk-device,drive=d1', '-device', 'virtio-rng-device',
        '-device', 'virtio-serial-device', '-device', 'virtconsole', '-snapshot']));
    });

    test('-device help lists the devices', () => {
      const r = run(build, ['-device', 'help']);
      assert.equal(r.status, 0);
      for (const name of ['virtio-blk-device', 'virtio-rng-device', 'virtio-serial-device',
        'virtconsole', 'virtio-9p-device']) {
        assert.match(r.stdout, new RegExp(`"${name}"`));
      }
    });
  });
}
