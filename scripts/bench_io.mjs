// scripts/bench_io.mjs — the I/O benchmark: sequential write and read throughput of
// virtio-blk and of virtio-9p in the booted Linux guest, measured with the guest's busybox dd,
// under qemu-wasm (Node with the JIT on, the default; the native build) and under
// Debian's qemu-system-riscv64 7.2 (the reference, when installed) with the same options.
//
//   node scripts/bench_io.mjs            (standalone; for make bench, scripts/bench.sh runs it)
//
// The guest: the Debian kernel and busybox initramfs of build/images/riscv64
// (bash scripts/images.sh riscv64), -M virt -m 512M -smp 1, our firmware for qemu-wasm (its
// default: no -bios) and Debian's OpenSBI fw_dynamic.bin for QEMU, -append console=ttyS0
// (the initramfs's /init loads the virtio modules), and, on every engine:
//   -drive file=TMP/disk.img,format=raw,if=virtio          a raw disk (BENCH_IO_DISK_MB, 256)
//   -virtfs local,path=TMP/share,mount_tag=bench,security_model=none
// QEMU puts -drive if=virtio and -virtfs on virtio-pci on its virt board (virtio-blk-pci,
// virtio-9p-pci), qemu-wasm on virtio-mmio: the guest sees /dev/vda and the 9p tag either way.
// A fresh temporary directory per boot: the disk file is filled with 0xff bytes on the host
// first (fully allocated, so the guest's writes do not measure the host filesystem's block
// allocation, and so that the check below means something).
//
// In the guest (rows; MB = 10^6 bytes):
//   blk write  dd if=/dev/zero of=/dev/vda bs=1M count=BLK conv=fsync
//   blk read   (sync; echo 3 > /proc/sys/vm/drop_caches) dd if=/dev/vda of=/dev/null bs=1M count=BLK
//   9p write   mount -t 9p -o trans=virtio,version=9p2000.L,msize=524288,cache=none bench /mnt
//              dd if=/dev/zero of=/mnt/f bs=1M count=P9 conv=fsync
//   9p read    (drop_caches) dd if=/mnt/f of=/dev/null bs=1M
//   BLK = BENCH_IO_BLK_MB (128), P9 = BENCH_IO_9P_MB (64), in MiB.
// Each is timed inside the guest, so console latency does not count: the shell reads the
// guest's monotonic clock (ns: "now at N nsecs", the third line of /proc/timer_list, read with
// the shell's `read`, no fork) just before and just after the dd (for conv=fsync that includes
// the fsync); MB/s = bytes / that time.  Debian's busybox dd prints no time or rate of its own
// (no third status line), and its date has no %N.  /proc/uptime (10 ms) around the dd is kept
// as a cross-check and used if /proc/timer_list is missing; the per-run lines show it and the
// host's time for the whole command line (console round trip, sync and drop_caches included).
// The host page cache is warm for the reads (the file was just written) on every engine
// alike: the reads measure the emulator, not the host's disk.  Under TCG the buffered blk
// rows are mostly the guest's own CPU work (page cache copies and writeback, ~25 MB/s even
// under QEMU); BENCH_IO_DIRECT=1 (O_DIRECT) measures the device path more directly.
// Checks (untimed; a failed check fails the run): after the timed dd's, the guest reads back
// random data the host put there, with md5sum: BENCH_IO_VERIFY_MB (8; 0 = no check) MiB of the
// disk right after the first BLK MiB (after drop_caches), and a file of that size in the share
// (cache=none); after the boot the host checks that what the guest wrote arrived: the first
// BLK MiB of the disk file (0xff before) and the whole of share/f (P9 MiB) are zero bytes.
//
// Columns: each engine's median MB/s over BENCH_RUNS boots (engines interleaved per run: A, B,
// A, B, ... so a busy host hurts all alike) and, for ours, the ratio to QEMU's median
// (0.25x = a quarter of QEMU's throughput).
//
// Environment:
//   BENCH_RUNS=3                      boots per engine (median)
//   BENCH_ENGINES=node,native,qemu    any of node-jit-off (Node, -accel tcg,jit=off: slow, not
//                                     run by default), node, native, qemu (the names of bench.mjs)
//   BENCH_IO_ONLY=blk,9p              blk, 9p, or single rows: blk-write, blk-read, 9p-write,
//                                     9p-read (a read still does its write first, untimed)
//   BENCH_IO_BLK_MB=128  BENCH_IO_9P_MB=64  BENCH_IO_DISK_MB=256
//   BENCH_IO_DIRECT=1                 blk dd's with oflag=direct / iflag=direct (O_DIRECT: no guest
//                                     page cache, bios of 1 MiB straight from dd's buffer)
//   BENCH_IO_VERIFY_MB=8              the read-back checks' size (0: none)
//   BENCH_IO_FIRMWARE=ours            -bios for our engines: 'ours' (default) or 'opensbi'
//   BENCH_VERBOSE=1                   copy the guests' consoles to stderr
//   QEMU_SYSTEM_RISCV64, QEMU_WASM_NATIVE   other binaries for the reference / the native build
//   BENCH_ARCH=riscv64                the guest architecture (test/boot/archs/<arch>.mjs: launcher,
//                                     reference QEMU, images, firmware, command line).  What is
//                                     above is riscv64's.
// (BENCH_ONLY is bench.mjs's and is not read here.)
// Exit status 1 if any run failed (the table still shows what succeeded).  About 5 minutes
// with the defaults on a 2-core machine (a boot: ~40 s under Node or the native build, ~20 s
// under QEMU).
import { Machine } from '../cli/index.js';
import { archInfo, DEFAULT_ARCH } from '../test/boot/harness.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARCH = process.env.BENCH_ARCH || DEFAULT_ARCH;
const G = guestOf(ARCH);
const IMAGES = G.images;
const OUR_FIRMWARE = G.ourFirmware;
const NATIVE = G.native;
const QEMU = G.qemu;
const GUEST_UP = 'qemu-wasm: guest up';
const PROMPT = /(?:^|[\r\n])[^\r\n]*[#$] /;
const MiB = 1 << 20;

const env = process.env;
const RUNS = posInt('BENCH_RUNS', 3);
const BLK_MB = posInt('BENCH_IO_BLK_MB', 128);
const P9_MB = posInt('BENCH_IO_9P_MB', 64);
const DISK_MB = posInt('BENCH_IO_DISK_MB', 256);
const FIRMWARE = env.BENCH_IO_FIRMWARE || 'ours';
const FIRMWARES = Object.keys(G.firmwareNames);
const VERIFY_MB = env.BENCH_IO_VERIFY_MB === '0' ? 0 : posInt('BENCH_IO_VERIFY_MB', 8);
const VERIFY = VERIFY_MB > 0;
const DIRECT = !!env.BENCH_IO_DIRECT && env.BENCH_IO_DIRECT !== '0';
const VERBOSE = !!(env.BENCH_VERBOSE || env.BOOT_TEST_VERBOSE);
const BOOT_TIMEOUT = 300000;
const CMD_TIMEOUT = 300000;
const TAG = 'bench';
const MSIZE = 524288;

const ROWS = [
  { key: 'blk-write', label: 'blk write', mb: BLK_MB },
  { key: 'blk-read', label: 'blk read', mb: BLK_MB },
  { key: '9p-write', label: '9p write', mb: P9_MB },
  { key: '9p-read', label: '9p read', mb: P9_MB },
];
const ONLY = new Set();
for (const s of (env.BENCH_IO_ONLY || 'blk,9p').split(',').map((x) => x.trim()).filter(Boolean)) {
  const rows = ROWS.filter((r) => r.key === s || r.key.startsWith(`${s}-`));
  if (!rows.length) {
    die(`BENCH_IO_ONLY: unknown benchmark '${s}' (blk, 9p, ${ROWS.map((r) => r.key).join(', ')})`, 2);
  }
  rows.forEach((r) => ONLY.add(r.key));
}
// A read needs its write first (the data to read): a read alone still writes, untimed.
const wantBlk = ONLY.has('blk-write') || ONLY.has('blk-read');
const want9p = ONLY.has('9p-write') || ONLY.has('9p-read');

const ALL_ENGINES = ['node-jit-off', 'node', 'native', 'qemu'];
const ENGINE_INFO = {
  'node-jit-off': { label: 'Node jit=off', ours: true, accel: ['-accel', 'tcg,jit=off'] },
  node: { label: 'Node jit=on', ours: true },
  native: { label: 'native build', ours: true },
  qemu: { label: 'QEMU 7.2', ours: false },
};
const wantedEngines = (env.BENCH_ENGINES || 'node,native,qemu').split(',').map((s) => s.trim())
  .map((s) => (s === 'node-nojit' ? 'node-jit-off' : s)).filter(Boolean);
for (const e of wantedEngines) {
  if (!ALL_ENGINES.includes(e)) {
    die(`BENCH_ENGINES: unknown engine '${e}' (${ALL_ENGINES.join(', ')})`, 2);
  }
}
if (wantBlk && BLK_MB + VERIFY_MB > DISK_MB) {
  die(`BENCH_IO_BLK_MB + BENCH_IO_VERIFY_MB (${BLK_MB} + ${VERIFY_MB}) must fit in BENCH_IO_DISK_MB (${DISK_MB})`, 2);
}
if (!FIRMWARES.includes(FIRMWARE)) {
  die(`BENCH_IO_FIRMWARE must be ${FIRMWARES.map((f) => `'${f}'`).join(' or ')}, not '${FIRMWARE}'`, 2);
}

function posInt(name, dflt) {
  const v = env[name] === undefined || env[name] === '' ? dflt : Number(env[name]);
  if (!Number.isInteger(v) || v <= 0) {
    die(`${name} must be a positive integer, not '${env[name]}'`, 2);
  }
  return v;
}

function die(msg, status = 1) {
  console.error(`bench_io: ${msg}`);
  process.exit(status);
}

// ---- the engines ----------------------------------------------------------------------

// Why an engine cannot run (null if it can).
function missing(name) {
  if (name === 'node' || name === 'node-jit-off') {
    if (!fs.existsSync(G.launcher)) {
      return `${path.relative(ROOT, G.launcher)} does not exist: no ${ARCH} launcher`;
    }
    const wasm = path.join(env.QEMU_WASM_BUILD || path.join(ROOT, 'build', 'wasm'), 'qemu-wasm.wasm');
    return fs.existsSync(wasm) ? null : `${path.relative(ROOT, wasm)} is missing: run make`;
  }
  if (name === 'native') {
    return fs.existsSync(NATIVE) ? null : `${path.relative(ROOT, NATIVE)} is missing: run make native`;
  }
  const r = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) {
    return `${QEMU} is not installed (apt-get install ${G.qemuPackage})`;
  }
  return null;
}

// Can QEMU do 9p here (Debian builds it with virtfs; another build may not)?
function qemuHas9p() {
  const r = spawnSync(QEMU, ['-M', G.board, '-device', 'help'], { encoding: 'utf8' });
  return /"virtio-9p-(device|pci)"/.test(`${r.stdout}${r.stderr}`);
}

function qemuVersion() {
  const r = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  return (/version (\S+)/.exec(r.stdout || '') || [])[1] || '?';
}

// The command line (QEMU's options, the same for every engine but -bios): the arch's boot
// command line (test/boot/archs/<arch>.mjs), then the disk and the share.
function guestArgs(engine, dir) {
  const args = G.bootArgs({ firmware: engine.ours ? FIRMWARE : G.referenceFirmware, memory: '512M',
    smp: 1, append: G.append });
  if (wantBlk) {
    args.push('-drive', `file=${path.join(dir, 'disk.img')},format=raw,if=virtio`);
  }
  if (want9p && engine.has9p) {
    args.push('-virtfs', `local,path=${path.join(dir, 'share')},mount_tag=${TAG},security_model=none`);
  }
  return args;
}

function stripAnsi(s) {
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b[()][0-9A-Za-z]/g, '');
}

// A console guest for a binary other than the qemu-wasm launcher (cli/index.js runs only
// that): the child's stdin/stdout are the serial console; the same marker protocol as
// Machine.run() (the shell prints the markers; '' splits them in the echoed line).
class Console {
  constructor(file, args, name) {
    this.name = name;
    this.text = '';
    this.pos = 0;
    this.markers = 0;
    this.waiters = new Set();
    this.exitCode = null;
    this.child = spawn(file, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const dec = [new StringDecoder('utf8'), new StringDecoder('utf8')];
    const take = (i) => (b) => {
      const s = dec[i].write(b);
      this.text += s;
      if (VERBOSE) {
        process.stderr.write(s);
      }
      this.poke();
    };
    this.child.stdout.on('data', take(0));
    this.child.stderr.on('data', take(1));
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => {
      this.child.on('error', (e) => {
        this.text += `\n[bench_io: cannot run ${file}: ${e.message}]\n`;
        this.exitCode = 127;
        this.poke();
        resolve(127);
      });
      this.child.on('close', (code, signal) => {
        this.exitCode = signal ? 128 + (os.constants.signals[signal] || 0) : code;
        this.poke();
        resolve(this.exitCode);
      });
    });
  }

  poke() {
    for (const w of [...this.waiters]) {
      w();
    }
  }

  waitFor(pattern, { timeout = 30000 } = {}) {
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = () => {
        const rest = this.text.slice(this.pos);
        let m = null;
        if (typeof pattern === 'string') {
          const i = rest.indexOf(pattern);
          if (i >= 0) {
            m = [pattern];
            m.index = i;
          }
        } else {
          m = pattern.exec(rest);
        }
        if (m) {
          this.pos += m.index + m[0].length;
          finish();
          resolve(m);
        } else if (this.exitCode !== null) {
          finish();
          reject(new Error(`${this.name} exited (status ${this.exitCode}) while waiting for ${pattern}` +
            `; last lines:\n${this.tail()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.name}: timed out after ${timeout / 1000} s waiting for ${pattern}` +
          `; last lines:\n${this.tail()}`));
      }, timeout);
      this.waiters.add(check);
      check();
    });
  }

  send(s) {
    this.child.stdin.write(s);
  }

  async run(cmd, { timeout = 60000 } = {}) {
    const n = ++this.markers;
    this.send(`echo QB''${n}:S; { ${cmd}\n}; echo QB''${n}:E$?\n`);
    const m = await this.waitFor(new RegExp(`QB${n}:S\\r*\\n([\\s\\S]*?)QB${n}:E(\\d+)\\r*\\n`), { timeout });
    return { output: stripAnsi(m[1].replace(/\r+\n/g, '\n').replace(/\r/g, '')), status: Number(m[2]) };
  }

  tail(n = 20) {
    return stripAnsi(this.text).replace(/\r+\n/g, '\n').split('\n').slice(-n).join('\n');
  }

  async stop() {
    if (this.exitCode === null) {
      this.child.kill('SIGKILL');
    }
    return this.exited;
  }
}

async function startGuest(engine, args) {
  if (engine.name.startsWith('node')) {
    return Machine.start({ arch: ARCH, args: [...(engine.accel || []), ...args], echo: VERBOSE ? process.stderr : undefined });
  }
  return new Console(engine.name === 'native' ? NATIVE : QEMU, args, engine.label);
}

// ---- one boot: all the measurements ------------------------------------------------------

// The guest's monotonic clock in ns, read by the shell itself (no fork): the third line of
// /proc/timer_list is "now at N nsecs".  /proc/uptime (10 ms) as well, as a cross-check and a
// fallback.
const CLOCK = (v) => `read u${v} x </proc/uptime; { read x; read x; read x x n${v} x; } </proc/timer_list 2>/dev/null`;

// Run dd timed by the guest's clock; resolves with { bytes, seconds, uptime, clock, mbps } or
// throws.  (Debian's busybox dd prints only the records in/out lines: no time, no rate.)
async function timedDd(g, label, pre, dd) {
  const line = `${pre}${CLOCK(0)}; ${dd} 2>&1; rc=$?; ${CLOCK(1)}; echo "QWT $u0 $u1 $n0 $n1 $rc"`;
  const h0 = performance.now();
  const r = await g.run(line, { timeout: CMD_TIMEOUT });
  const host = (performance.now() - h0) / 1000;
  const t = /^QWT (\d+\.\d+) (\d+\.\d+) (\d*) ?(\d*) ?(\d+)$/m.exec(r.output);
  if (!t) {
    throw new Error(`${label}: no timing line in the output: ${r.output.slice(-400)}`);
  }
  const out = r.output.slice(0, t.index).trim();
  if (Number(t[5]) !== 0) {
    throw new Error(`${label}: dd exited with status ${t[5]}: ${out}`);
  }
  const uptime = Number(t[2]) - Number(t[1]);
  let seconds = t[3] && t[4] ? (Number(t[4]) - Number(t[3])) / 1e9 : NaN;
  let clock = 'timer_list';
  if (!(seconds > 0)) {
    seconds = uptime;
    clock = 'uptime';
  }
  // busybox: "128+0 records out" (whole bs=1M blocks); coreutils also prints "N bytes ..."
  const b = /^(\d+) bytes /m.exec(out);
  const rec = /^(\d+)\+(\d+) records out$/m.exec(out);
  if (!b && !rec) {
    throw new Error(`${label}: dd printed no record count: ${out}`);
  }
  if (rec && Number(rec[2]) !== 0) {
    throw new Error(`${label}: dd wrote partial blocks: ${out}`);
  }
  const bytes = b ? Number(b[1]) : Number(rec[1]) * MiB;
  return { bytes, seconds, uptime, host, clock, mbps: seconds > 0 ? bytes / seconds / 1e6 : NaN };
}

async function must(g, cmd, what, timeout = 60000) {
  const r = await g.run(cmd, { timeout });
  if (r.status !== 0) {
    throw new Error(`${what}: '${cmd}' exited with status ${r.status}: ${r.output.trim().slice(-400)}`);
  }
  return r.output;
}

// Are the first `len` bytes of `file` zero (and is it at least that long)?
function zeroPrefix(file, len) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4 * MiB);
    for (let off = 0; off < len;) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, len - off), off);
      if (n <= 0) {
        return `only ${off} bytes`;
      }
      for (let i = 0; i < n; i++) {
        if (buf[i] !== 0) {
          return `byte ${off + i} is 0x${buf[i].toString(16)}, not 0`;
        }
      }
      off += n;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

// Random data the guest reads back (md5sum, untimed) after the timed runs: VERIFY_MB MiB
// on the disk right after the first BLK MiB, and a VERIFY_MB MiB file r in the share.
function checkData() {
  const blk = crypto.randomBytes(VERIFY_MB * MiB);
  const p9 = crypto.randomBytes(VERIFY_MB * MiB);
  const md5 = (b) => crypto.createHash('md5').update(b).digest('hex');
  return { blk, p9, blksum: md5(blk), p9sum: md5(p9) };
}

async function oneBoot(engine, run) {
  const check = checkData();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-bench-io-'));
  const disk = path.join(dir, 'disk.img');
  const share = path.join(dir, 'share');
  const res = { rows: {} };
  let g = null;
  try {
    if (wantBlk) {
      // fully allocated, 0xff: the guest's zeros must replace it
      const fd = fs.openSync(disk, 'w');
      const chunk = Buffer.alloc(16 * MiB, 0xff);
      for (let i = 0; i < DISK_MB / 16; i++) {
        fs.writeSync(fd, chunk);
      }
      if (DISK_MB % 16) {
        fs.writeSync(fd, chunk, 0, (DISK_MB % 16) * MiB);
      }
      // random data for the read check, right after the part the guest overwrites
      fs.writeSync(fd, check.blk, 0, check.blk.length, BLK_MB * MiB);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
    fs.mkdirSync(share);
    fs.writeFileSync(path.join(share, 'r'), check.p9);
    const args = guestArgs(engine, dir);
    const t0 = performance.now();
    g = await startGuest(engine, args);
    await g.waitFor(GUEST_UP, { timeout: BOOT_TIMEOUT });
    await g.waitFor(PROMPT, { timeout: 60000 });
    res.boot = (performance.now() - t0) / 1000;
    // kernel messages off the console (e.g. "hrtimer: interrupt took ..." on a busy host)
    await must(g, 'dmesg -n 1', 'dmesg');
    const drop = 'sync; echo 3 > /proc/sys/vm/drop_caches; ';
    if (wantBlk) {
      const size = (await must(g, 'cat /sys/block/vda/size', 'the disk')).trim();
      if (Number(size) !== DISK_MB * 2048) {
        throw new Error(`/dev/vda has ${size} sectors, not ${DISK_MB * 2048}: is it the bench disk?`);
      }
      const w = await timedDd(g, 'blk write', drop, `dd if=/dev/zero of=/dev/vda bs=1M count=${BLK_MB} conv=fsync${DIRECT ? ' oflag=direct' : ''}`);
      if (ONLY.has('blk-write')) {
        res.rows['blk-write'] = w;
      }
      if (ONLY.has('blk-read')) {
        res.rows['blk-read'] = await timedDd(g, 'blk read', drop, `dd if=/dev/vda of=/dev/null bs=1M count=${BLK_MB}${DIRECT ? ' iflag=direct' : ''}`);
      }
      if (VERIFY) {
        const out = await must(g, `${drop}dd if=/dev/vda bs=1M skip=${BLK_MB} count=${VERIFY_MB} 2>/dev/null | md5sum`,
          'blk read check');
        const sum = out.trim().split(/\s+/)[0];
        if (sum !== check.blksum) {
          throw new Error(`blk read check: the guest's md5sum of the ${VERIFY_MB} MiB after the first ${BLK_MB} MiB ` +
            `of /dev/vda is ${sum}, the host wrote ${check.blksum}`);
        }
      }
    }
    if (want9p && engine.has9p) {
      await must(g, `mkdir -p /mnt && mount -t 9p -o trans=virtio,version=9p2000.L,msize=${MSIZE},cache=none ${TAG} /mnt`,
        'mount the 9p share');
      const w = await timedDd(g, '9p write', drop, `dd if=/dev/zero of=/mnt/f bs=1M count=${P9_MB} conv=fsync`);
      if (ONLY.has('9p-write')) {
        res.rows['9p-write'] = w;
      }
      if (ONLY.has('9p-read')) {
        res.rows['9p-read'] = await timedDd(g, '9p read', drop, 'dd if=/mnt/f of=/dev/null bs=1M');
      }
      if (VERIFY) {
        const sum = (await must(g, 'md5sum /mnt/r', '9p read check')).trim().split(/\s+/)[0];
        if (sum !== check.p9sum) {
          throw new Error(`9p read check: the guest's md5sum of a ${VERIFY_MB} MiB host file (cache=none) is ${sum}, ` +
            `the host's ${check.p9sum}`);
        }
      }
      res.msize = (/msize=(\d+)/.exec(await must(g, `grep ' /mnt ' /proc/mounts`, '/proc/mounts')) || [])[1];
      await must(g, 'umount /mnt', 'umount');
    }
    // the host sees what the guest wrote and synced
    if (wantBlk) {
      const bad = zeroPrefix(disk, BLK_MB * MiB);
      if (bad) {
        throw new Error(`after the guest's blk write (conv=fsync), the host's disk file is wrong: ${bad}`);
      }
    }
    if (want9p && engine.has9p) {
      const f = path.join(share, 'f');
      const st = fs.existsSync(f) ? fs.statSync(f) : null;
      const bad = !st ? 'share/f does not exist'
        : st.size !== P9_MB * MiB ? `share/f has ${st.size} bytes, not ${P9_MB * MiB}` : zeroPrefix(f, P9_MB * MiB);
      if (bad) {
        throw new Error(`after the guest's 9p write, ${bad}`);
      }
    }
    g.send('poweroff -f\n');
    const timer = setTimeout(() => g.stop(), 30000);
    await g.exited;
    clearTimeout(timer);
  } catch (err) {
    res.error = err.message;
    process.stderr.write(`\nbench_io: run ${run}, ${engine.label}: FAILED: ${err.message}\n`);
    if (g && g.tail && !/last lines/.test(err.message)) {
      process.stderr.write(`----- last console lines -----\n${g.tail(20)}\n-----\n`);
    }
    if (g) {
      await g.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return res;
}

// ---- the runs and the table --------------------------------------------------------------

function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) {
    return NaN;
  }
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const notes = [];
const engines = [];
for (const name of ALL_ENGINES.filter((e) => wantedEngines.includes(e))) {
  const info = { name, ...ENGINE_INFO[name] };
  const why = missing(name);
  if (why) {
    notes.push(`${info.label}: not run: ${why}`);
    continue;
  }
  info.has9p = true;
  if (name === 'qemu') {
    info.label = `QEMU ${qemuVersion()}`;
    if (want9p && !qemuHas9p()) {
      info.has9p = false;
      notes.push(`${info.label}: this qemu-system-${ARCH} has no virtio-9p (-virtfs): blk only`);
    }
  }
  engines.push(info);
}
for (const f of G.imageFiles) {
  if (!fs.existsSync(path.join(IMAGES, f))) {
    die(`${path.relative(ROOT, path.join(IMAGES, f))} is missing: run bash scripts/images.sh ${ARCH}`);
  }
}
if (FIRMWARE === 'ours' && engines.some((e) => e.ours) && !fs.existsSync(OUR_FIRMWARE)) {
  die(`${path.relative(ROOT, OUR_FIRMWARE)} is missing: run make bios`);
}
if (!engines.length) {
  die(`no engine to run:\n  ${notes.join('\n  ')}`);
}

const t0 = performance.now();
let kver = '?';
try {
  kver = fs.readFileSync(path.join(IMAGES, 'VERSION'), 'utf8').trim();
} catch (e) {
  // not there: '?'
}
console.log(`qemu-wasm I/O bench: ${os.cpus().length} CPUs (${os.cpus()[0]?.model || '?'}), load average ` +
  `${os.loadavg()[0].toFixed(2)} at start; median of ${RUNS} boots per engine, engines interleaved`);
console.log(`guest: Debian kernel ${kver}, busybox initramfs, -M ${G.board} -m 512M -smp 1, ` +
  `-bios ${firmwareText()}, -append ${G.append}`);
if (wantBlk) {
  console.log(`  -drive file=TMP/disk.img,format=raw,if=virtio (${DISK_MB} MiB, host file in ${os.tmpdir()}); ` +
    `dd bs=1M count=${BLK_MB} (write: conv=fsync; read after drop_caches)${DIRECT ? '; oflag/iflag=direct' : ''}`);
}
if (want9p) {
  console.log(`  -virtfs local,path=TMP/share,mount_tag=${TAG},security_model=none; mount msize=${MSIZE},cache=none; ` +
    `dd bs=1M count=${P9_MB} to/from /mnt/f`);
}
console.log('  MB/s = 10^6 bytes per second of guest time (monotonic clock, /proc/timer_list) around the dd, fsync included');
for (const n of notes) {
  console.log(`  ${n}`);
}

const results = new Map(engines.map((e) => [e.name, []]));
const fmt = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '-');
for (let run = 1; run <= RUNS; run++) {
  for (const e of engines) {
    const r = await oneBoot(e, run);
    results.get(e.name).push(r);
    const parts = [`boot ${Number.isFinite(r.boot) ? r.boot.toFixed(1) : '-'} s`];
    for (const row of ROWS.filter((x) => ONLY.has(x.key))) {
      const x = r.rows[row.key];
      if (x) {
        parts.push(`${row.label} ${fmt(x.mbps)} MB/s (${x.seconds.toFixed(2)} s; uptime ${x.uptime.toFixed(2)}, host ${x.host.toFixed(2)})`);
      }
    }
    if (r.msize && Number(r.msize) !== MSIZE) {
      parts.push(`9p msize ${r.msize}`);
    }
    console.log(`  run ${run}/${RUNS}  ${e.label}: ${parts.join(', ')}${r.error ? '  FAILED' : ''}`);
  }
}

const ref = engines.find((e) => e.name === 'qemu');
const head = ['MB/s (median)', ...engines.map((e) => e.label)];
const table = ROWS.filter((row) => ONLY.has(row.key)).map((row) => {
  const vals = (name) => results.get(name).map((r) => r.rows[row.key]?.mbps).filter(Number.isFinite);
  const refv = ref ? median(vals('qemu')) : NaN;
  const cells = engines.map((e) => {
    if (row.key.startsWith('9p') && !e.has9p) {
      return 'no 9p';
    }
    const v = vals(e.name);
    const m = median(v);
    if (!Number.isFinite(m)) {
      return 'failed';
    }
    const partial = v.length < RUNS ? ` [${v.length}/${RUNS}]` : '';
    if (e === ref || !Number.isFinite(refv) || refv <= 0) {
      return `${fmt(m)}${partial}`;
    }
    const ratio = m / refv;
    return `${fmt(m)} (${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toFixed(3)}x)${partial}`;
  });
  return [`${row.label} ${row.mb} MiB`, ...cells];
});
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
console.log('');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('   '));
for (const r of table) {
  console.log(line(r));
}
if (ref) {
  console.log(`(x) = throughput relative to ${ref.label} (qemu-system-${ARCH}, TCG) on this machine, same run`);
} else {
  console.log(wantedEngines.includes('qemu') ? `(no ratios: ${QEMU} is not installed: apt-get install ${G.qemuPackage})`
    : '(no ratios: BENCH_ENGINES leaves out qemu)');
}
console.log(`load average ${os.loadavg()[0].toFixed(2)} at the end; ${((performance.now() - t0) / 60000).toFixed(1)} minutes`);
process.exitCode = [...results.values()].some((rs) => rs.some((r) => r.error)) ? 1 : 0;

function guestOf(arch) {
  try {
    return archInfo(arch);
  } catch (err) {
    console.error(`bench_io: BENCH_ARCH: ${err.message}`);
    process.exit(2);
  }
}

// The header's -bios: ours, or the reference's, and what QEMU runs when that differs.
function firmwareText() {
  const name = G.firmwareNames[FIRMWARE];
  return FIRMWARE === G.referenceFirmware ? name : `${name} (QEMU: ${G.firmwareNames[G.referenceFirmware]})`;
}
