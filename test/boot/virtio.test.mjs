// test/boot/virtio.test.mjs — the virtio devices under a real Linux guest (the Node build):
//
// Guest 1 (console ttyS0): four disks (told apart by their sizes), virtio-rng, a -virtfs share.
//   - the disks show up; /dev/hwrng is virtio's and gives bytes
//   - readonly=on: the guest sees a read-only disk, writing fails, the data reads back
//   - snapshot=on: the guest reads back what it wrote, the host file stays byte-identical
//   - virtio-9p: mount the share, read a host file, write files the host then sees
//   - a qcow2 disk over a raw backing file (made by qemu-img, if installed): the guest reads
//     the backing data, writes; after the SIGKILL qemu-img check is clean and convert shows
//     the data
//   - the guest makes an ext2 file system (busybox mke2fs) and writes raw data, syncs, and
//     the emulator is killed with SIGKILL right after sync returns: the host file has the
//     data, and e2fsck -fn (Debian's e2fsprogs) finds the file system clean
// Guest 2 (console hvc0 via -device virtio-serial-device, -append console=hvc0): the shell
//   runs on /dev/hvc0; mke2fs, sync, poweroff -f (status 0); e2fsck on the host.
//
// Two Linux boots (~25-40 s each under Node).  Needs make (wasm build) and the images.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Guest, bootArgs, archInfo, ensureImages, missingEngine, guard, PROMPT, ARCHS, DEFAULT_ARCH }
  from './harness.mjs';

// The suites run for every guest architecture whose profile says its board and images do
// virtio-mmio (test/boot/archs/<arch>.mjs: virtio: true), on its default command line; the
// default guest's (riscv64) keep their names, another's gain an "<arch>: " prefix.
const ARCHES = ARCHS.filter((a) => archInfo(a).virtio);

const BOOT_TIMEOUT = 300000;
const MiB = 1 << 20;

let root; // the temporary directory of the whole file
let dir; // the current arch's part of it: its disks, share and host files

// e2fsprogs' tools (e2fsck, debugfs) live in /sbin or /usr/sbin, not always on PATH
function e2tool(name) {
  for (const c of [name, `/usr/sbin/${name}`, `/sbin/${name}`]) {
    const r = spawnSync(c, ['-V'], { encoding: 'utf8' });
    if (!r.error) {
      return c;
    }
  }
  throw new Error(`${name} is not installed (apt-get install e2fsprogs; scripts/setup.sh does)`);
}

function e2fsck() {
  return e2tool('e2fsck');
}

function fsck(file) {
  const r = spawnSync(e2fsck(), ['-fn', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, `e2fsck -fn ${file}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function haveQemuImg() {
  return !spawnSync('qemu-img', ['--version']).error;
}

function md5(buf) {
  return crypto.createHash('md5').update(buf).digest('hex');
}

function image(name, size, fill) {
  const file = path.join(dir, name);
  const b = Buffer.alloc(size);
  if (fill) {
    fill(b);
  }
  fs.writeFileSync(file, b);
  return file;
}

// The guest's virtio disks: { name, sectors, ro }.
async function disks(guest) {
  const r = await guest.run('dmesg -n 1; for d in /sys/block/vd*; do echo "$(basename $d) $(cat $d/size) $(cat $d/ro)"; done');
  assert.equal(r.status, 0, r.output);
  return r.output.trim().split('\n').map((l) => {
    const [name, sectors, ro] = l.trim().split(/\s+/);
    return { name, sectors: Number(sectors), ro: ro === '1' };
  });
}

before(() => {
  for (const arch of ARCHES) {
    const missing = missingEngine('node', arch);
    assert.equal(missing, null, missing);
    ensureImages(arch);
  }
  e2fsck();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-virtio-'));
});

after(() => {
  if (root) {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

function virtioSuites(arch) {
  const prefix = arch === DEFAULT_ARCH ? '' : `${arch}: `;
  const serial = /(?:^|\s)console=(\S+)/.exec(archInfo(arch).append)?.[1] ?? '?';

  describe(`${prefix}virtio-blk and virtio-rng (console ${serial})`, () => {
    before(() => {
      dir = path.join(root, arch); // the hvc0 suite after this one uses it too
      fs.mkdirSync(dir);
    });
    let guest = null;
    const files = {};
    const sums = {};
    const dev = {};
    after(() => guest?.kill());

    test('boots with five disks (one qcow2), an rng and a 9p share', { timeout: BOOT_TIMEOUT + 30000 }, async (t) => {
      files.fs = image('fs.img', 32 * MiB);
      files.kill = image('kill.img', 8 * MiB);
      files.ro = image('ro.img', 4 * MiB, (b) => crypto.randomFillSync(b));
      files.snap = image('snap.img', 6 * MiB, (b) => b.fill(0x5a));
      if (haveQemuImg()) {
        // a qcow2 disk over a raw backing file (format probed: no format= given)
        files.base = image('base.raw', 5 * MiB, (b) => crypto.randomFillSync(b));
        const r = spawnSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', 'base.raw', '-F', 'raw',
          path.join(dir, 'q.qcow2'), '5M'], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        files.qcow2 = path.join(dir, 'q.qcow2');
        sums.base = md5(fs.readFileSync(files.base));
      } else {
        assert.fail('qemu-img is not installed (apt-get install qemu-utils; scripts/setup.sh does)');
      }
      files.share = path.join(dir, 'share');
      fs.mkdirSync(files.share);
      fs.writeFileSync(path.join(files.share, 'hello.txt'), 'from the host\n');
      // for the escape attempts: a host file next to the share, and host-made symlinks to it
      files.secret = path.join(dir, 'secret.txt');
      fs.writeFileSync(files.secret, 'HOST-SECRET\n');
      fs.mkdirSync(path.join(files.share, 'sub'));
      fs.writeFileSync(path.join(files.share, 'sub', 'file.txt'), 'in a subdirectory\n');
      fs.symlinkSync(files.secret, path.join(files.share, 'abs-link'));
      fs.symlinkSync('../secret.txt', path.join(files.share, 'rel-link'));
      for (const k of ['ro', 'snap']) {
        sums[k] = md5(fs.readFileSync(files[k]));
      }
      guest = Guest.start({ engine: 'node', arch, name: 'virtio guest', args: bootArgs({ arch, extra: [
        '-drive', `if=none,id=fs,file=${files.fs},format=raw,cache=writethrough`,
        '-device', 'virtio-blk-device,drive=fs',
        '-drive', `file=${files.kill},format=raw,if=virtio`,
        '-drive', `file=${files.ro},format=raw,if=virtio,readonly=on`,
        '-drive', `file=${files.snap},format=raw,if=virtio,snapshot=on`,
        '-device', 'virtio-rng-device',
        '-virtfs', `local,path=${files.share},mount_tag=hostshare,security_model=none`,
        ...(files.qcow2 ? ['-drive', `file=${files.qcow2},if=virtio`] : []),
      ] }) });
      await guard(t, guest, () => guest.boot(BOOT_TIMEOUT));
      t.diagnostic(`boot to the shell took ${guest.bootTime.toFixed(1)} s`);
    });

    test('the disks are there, the first device is vda', { timeout: 90000 }, (t) => guard(t, () => guest, async () => {
      const list = await disks(guest);
      const bySize = (mib) => list.find((d) => d.sectors === mib * 2048);
      for (const [k, mib] of [['fs', 32], ['kill', 8], ['ro', 4], ['snap', 6]]) {
        const d = bySize(mib);
        assert.ok(d, `a ${mib} MiB disk for ${k} in ${JSON.stringify(list)}`);
        dev[k] = d.name;
      }
      assert.equal(dev.fs, 'vda', 'the first device created (-device) is /dev/vda');
      assert.equal(list.find((d) => d.name === dev.ro).ro, true, 'readonly=on: the guest sees a read-only disk');
      assert.equal(list.find((d) => d.name === dev.kill).ro, false);
      if (files.qcow2) {
        dev.qcow2 = bySize(5)?.name;
        assert.ok(dev.qcow2, `a 5 MiB qcow2 disk in ${JSON.stringify(list)}`);
      }
    }));

    test('virtio-rng is the hwrng and gives bytes', { timeout: 90000 }, (t) => guard(t, () => guest, async () => {
      const r = await guest.run('cat /sys/class/misc/hw_random/rng_current; dd if=/dev/hwrng bs=64 count=1 2>/dev/null | wc -c');
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /^virtio_rng\.\d+\n\s*64\n$/);
    }));

    test('a readonly drive refuses writes and reads the host data', { timeout: 90000 }, (t) => guard(t, () => guest, async () => {
      const w = await guest.run(`dd if=/dev/zero of=/dev/${dev.ro} bs=4096 count=1 conv=fsync`);
      assert.notEqual(w.status, 0, `writing the read-only disk must fail:\n${w.output}`);
      const r = await guest.run(`md5sum /dev/${dev.ro}`);
      assert.equal(r.status, 0, r.output);
      assert.equal((r.output.match(/^[0-9a-f]{32}/m) || [])[0], sums.ro);
    }));

    test('snapshot=on: the guest reads its writes back', { timeout: 90000 }, (t) => guard(t, () => guest, async () => {
      const r = await guest.run(`dd if=/dev/urandom of=/tmp/s bs=4096 count=300 2>/dev/null && ` +
        `dd if=/tmp/s of=/dev/${dev.snap} bs=4096 seek=7 2>/dev/null && sync && echo 3 > /proc/sys/vm/drop_caches && ` +
        `md5sum /tmp/s && dd if=/dev/${dev.snap} bs=4096 skip=7 count=300 2>/dev/null | md5sum`);
      assert.equal(r.status, 0, r.output);
      const [a, b] = r.output.match(/^[0-9a-f]{32}/gm) || [];
      assert.ok(a, r.output);
      assert.equal(a, b, 'what was written reads back');
    }));

    test('virtio-9p: the guest mounts the share, reads and writes host files', { timeout: 120000 }, (t) => guard(t, () => guest, async () => {
      const r = await guest.run('mkdir -p /mnt/share && ' +
        'mount -t 9p -o trans=virtio,version=9p2000.L,msize=524288 hostshare /mnt/share && ' +
        'cat /mnt/share/hello.txt && echo from-the-guest > /mnt/share/guest.txt && ' +
        'dd if=/dev/urandom of=/mnt/share/big bs=65536 count=32 2>/dev/null && ' +
        'md5sum /mnt/share/big && umount /mnt/share', 100000);
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /^from the host\n/);
      assert.equal(fs.readFileSync(path.join(files.share, 'guest.txt'), 'utf8'), 'from-the-guest\n');
      assert.equal(md5(fs.readFileSync(path.join(files.share, 'big'))), (r.output.match(/^[0-9a-f]{32}/m) || [])[0]);
    }));

    test('virtio-9p: ls -lR, cp -a, rename, symlinks; no way out of the shared directory', { timeout: 120000 }, (t) => guard(t, () => guest, async () => {
      const tag = crypto.randomBytes(4).toString('hex');
      const r = await guest.run('mount -t 9p -o trans=virtio,version=9p2000.L,msize=524288 hostshare /mnt/share && ' +
        'cd /mnt/share && ls -lR . && cp -a sub sub-copy && mv sub-copy renamed && ' +
        'ln -s renamed/file.txt guest-link && cat guest-link && echo "== escapes" && ' +
        // symlinks made on the host pointing outside: the guest resolves them in its own tree
        '{ cat abs-link; cat rel-link; cat ../secret.txt; ' +
        // a guest-made symlink upwards, and writes through it
        `ln -s ../../.. up; echo x > up/tmp/esc-${tag}-1; ln -s /tmp guest-abs; echo x > guest-abs/esc-${tag}-2; ` +
        // a directory renamed under the guest's feet
        'mkdir d && cd d && mv /mnt/share/d /mnt/share/e && cat ../secret.txt; cat ../../secret.txt; cd /mnt/share; ' +
        '} 2>&1; cd / && umount /mnt/share', 100000);
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /hello\.txt/, 'ls -lR lists the host files');
      assert.match(r.output, /^\.\/sub:$/m, 'ls -lR goes into subdirectories');
      assert.match(r.output, /^in a subdirectory$/m, 'cp -a, rename and the guest symlink work');
      assert.doesNotMatch(r.output, /HOST-SECRET/, 'the guest read a host file outside the share');
      // on the host: the guest's changes are in the share, nothing outside it
      assert.equal(fs.readFileSync(path.join(files.share, 'renamed', 'file.txt'), 'utf8'), 'in a subdirectory\n');
      assert.equal(fs.readlinkSync(path.join(files.share, 'guest-link')), 'renamed/file.txt');
      assert.ok(fs.statSync(path.join(files.share, 'e')).isDirectory(), 'the renamed directory');
      assert.equal(fs.readFileSync(files.secret, 'utf8'), 'HOST-SECRET\n');
      const outside = [];
      const walk = (d) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.name.includes(`esc-${tag}`)) {
            outside.push(p);
          }
          if (e.isDirectory() && !e.isSymbolicLink()) {
            walk(p);
          }
        }
      };
      walk(root); // the whole temporary directory, not only this arch's part
      for (const d of ['/tmp', os.tmpdir(), '/']) {
        for (const n of [1, 2]) {
          if (fs.existsSync(path.join(d, `esc-${tag}-${n}`))) {
            outside.push(path.join(d, `esc-${tag}-${n}`));
          }
        }
      }
      assert.deepEqual(outside, [], 'files the guest wrote through symlinks reached the host');
    }));

    test('mke2fs and raw writes, sync, SIGKILL: nothing is lost', { timeout: 180000 }, (t) => guard(t, () => guest, async () => {
      const mk = await guest.run(`mke2fs -F /dev/${dev.fs} >/dev/null 2>&1 && echo made`, 120000);
      assert.equal(mk.status, 0, mk.output);
      let q = null;
      if (dev.qcow2) {
        // qcow2: the backing file shows through, then new clusters over part of it
        q = await guest.run(`md5sum /dev/${dev.qcow2} && dd if=/dev/urandom of=/tmp/q bs=1000 count=700 2>/dev/null && ` +
          `dd if=/tmp/q of=/dev/${dev.qcow2} bs=1000 seek=1234 conv=notrunc 2>/dev/null && md5sum /tmp/q`, 120000);
        assert.equal(q.status, 0, q.output);
        assert.equal((q.output.match(/^[0-9a-f]{32}/m) || [])[0], sums.base, 'qcow2 reads its backing file');
      }
      const r = await guest.run(`dd if=/dev/urandom of=/tmp/k bs=4096 count=256 2>/dev/null && ` +
        `dd if=/tmp/k of=/dev/${dev.kill} bs=65536 2>/dev/null && sync && md5sum /tmp/k`, 120000);
      assert.equal(r.status, 0, r.output);
      guest.kill(); // SIGKILL, right after the guest's sync returned
      const exit = await guest.waitExit(30000);
      assert.equal(exit.signal, 'SIGKILL');
      const want = (r.output.match(/^[0-9a-f]{32}/m) || [])[0];
      assert.equal(md5(fs.readFileSync(files.kill).subarray(0, MiB)), want, 'the data is in the host file');
      fsck(files.fs);
      assert.equal(md5(fs.readFileSync(files.snap)), sums.snap, 'snapshot=on left the host file unchanged');
      assert.equal(md5(fs.readFileSync(files.ro)), sums.ro, 'the readonly file is unchanged');
      if (q) {
        const check = spawnSync('qemu-img', ['check', files.qcow2], { encoding: 'utf8' });
        assert.equal(check.status, 0, `qemu-img check:\n${check.stdout}${check.stderr}`);
        const out = path.join(dir, 'q.raw');
        const conv = spawnSync('qemu-img', ['convert', '-O', 'raw', files.qcow2, out], { encoding: 'utf8' });
        assert.equal(conv.status, 0, conv.stderr);
        const img = fs.readFileSync(out);
        const base = fs.readFileSync(files.base);
        assert.equal(md5(img.subarray(1234000, 1934000)), q.output.match(/^[0-9a-f]{32}/gm)[1], 'the guest data is in the qcow2');
        assert.ok(img.subarray(0, 1234000).equals(base.subarray(0, 1234000)), 'the rest is the backing data');
        assert.ok(img.subarray(1934000).equals(base.subarray(1934000)));
        assert.equal(md5(base), sums.base, 'the backing file is unchanged');
      }
    }));
  });

  describe(`${prefix}virtio console (hvc0) as the console`, () => {
    let guest = null;
    let file;
    after(() => guest?.kill());

    test('boots with -append console=hvc0 to a shell on hvc0', { timeout: BOOT_TIMEOUT + 30000 }, async (t) => {
      file = image('fs2.img', 16 * MiB);
      guest = Guest.start({ engine: 'node', arch, name: 'hvc0 guest', args: bootArgs({ arch, append: 'console=hvc0',
        extra: ['-device', 'virtio-serial-device', '-drive', `file=${file},format=raw,if=virtio`] }) });
      // /init's first lines go to the console it was started with (none: hvc0 appears only
      // once /init has loaded virtio_mmio), so wait for the shell itself.
      await guard(t, guest, async () => {
        await guest.waitFor("Enter 'help'", BOOT_TIMEOUT, 'the shell banner');
        await guest.waitFor(PROMPT, 30000, 'the prompt');
      });
    });

    test('the shell runs on /dev/hvc0 and takes input there', { timeout: 90000 }, (t) => guard(t, () => guest, async () => {
      const r = await guest.run('tty; cat /sys/class/tty/console/active');
      assert.equal(r.status, 0, r.output);
      assert.equal(r.output, '/dev/hvc0\nhvc0\n');
    }));

    test('mke2fs, mount, write files, sync, poweroff -f: status 0, a clean file system with the files', { timeout: 180000 }, (t) => guard(t, () => guest, async () => {
      // Debian's kernel has ext2 only through the ext4 module (shipped, not loaded at boot)
      const mk = await guest.run('mke2fs -F -L qemuwasm /dev/vda >/dev/null 2>&1 && modprobe crc32c_generic && modprobe ext4 && ' +
        'mkdir -p /mnt/d && mount -t ext2 /dev/vda /mnt/d && echo written-by-the-guest > /mnt/d/hello.txt && ' +
        'mkdir /mnt/d/dir && cp /bin/busybox /mnt/d/dir/ && umount /mnt/d && sync && wc -c < /bin/busybox', 120000);
      assert.equal(mk.status, 0, mk.output);
      const size = (mk.output.match(/^(\d+)$/m) || [])[1];
      assert.ok(size, mk.output);
      guest.send('poweroff -f\n');
      const exit = await guest.waitExit(60000);
      assert.equal(exit.code, 0);
      fsck(file);
      assert.equal(fs.readFileSync(file).subarray(1024 + 120, 1024 + 128).toString('latin1'), 'qemuwasm',
        'the superblock has the label');
      const cat = spawnSync(e2tool('debugfs'), ['-R', 'cat /hello.txt', file], { encoding: 'utf8' });
      assert.equal(cat.stdout, 'written-by-the-guest\n', `debugfs cat /hello.txt:\n${cat.stderr}`);
      const bb = spawnSync(e2tool('debugfs'), ['-R', 'stat /dir/busybox', file], { encoding: 'utf8' });
      assert.match(bb.stdout, new RegExp(`Size: ${size}\\b`), bb.stdout + bb.stderr);
    }));
  });
}

for (const arch of ARCHES) {
  virtioSuites(arch);
}
