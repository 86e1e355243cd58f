// scripts/bench_smp.mjs — the SMP benchmark: the same parallel guest work with -smp 1 and with
// -smp N (N = 2 by default: this machine's 2 host cores), under qemu-wasm (Node, the JIT on)
// and under Debian's qemu-system-riscv64 7.2 (the reference, when installed), and how much
// faster -smp N gets it done: the ratio of throughputs, smpN/smp1.  With multi-threaded TCG
// (-accel tcg,thread=multi, the default with -smp > 1) the goal is >= 1.7x for N = 2 on 2 host
// cores; with the vCPUs taking turns on one host thread it stays ~1x (or below: the turns cost).
//
//   node scripts/bench_smp.mjs        (standalone; make bench runs it: scripts/bench.sh,
//                                      BENCH_ONLY=smp for this one alone)
//
// The guest: the Debian kernel and busybox initramfs of build/images/riscv64 (scripts/images.sh),
// -M virt -m 512M -smp 1 or N, OpenSBI's fw_dynamic.bin as -bios on every engine (as bench.mjs;
// BENCH_SMP_FIRMWARE=ours: our firmware for qemu-wasm), kernel command line
// `console=ttyS0 qemu-wasm.nomodules` (no insmod: no virtio device is used).
//
// The work (rows), in the booted guest, after `dmesg -n 1`; each is N jobs started at once in
// the background, then `wait` (one shell line: test/boot/smp.mjs, parallelCommand):
//   loop   N x busybox sh `i=0; while [ $i -lt L ]; do i=$((i+1)); done` (no fork: user-mode
//          work only); L = BENCH_SMP_LOOP.  Throughput: loop iterations per second, all jobs.
//   md5    N x `dd if=/dev/zero bs=1M count=M | md5sum` (the sums are checked); M =
//          BENCH_SMP_MD5_MB.  Throughput: MB/s (10^6 bytes) hashed, all jobs.
// The same N jobs run with -smp 1 (taking turns on the one hart) and -smp N (one per hart, if
// the guest's scheduler spreads them), so the amount of work is the same and the ratio of
// times is the speed-up.  Timed by the guest's own clock: /proc/uptime (10 ms) read by the
// shell just before starting the jobs and just after `wait` (the guest clock follows host
// time in every engine), so console latency and process start-up do not count.  The per-run
// lines also show how busy each hart was meanwhile (user + system ticks of /proc/stat, as a
// share of the elapsed time): with -smp N, N harts near 100% means the guest really ran the
// jobs in parallel, and the time says whether the host did.
//
// Columns: each engine's median over BENCH_RUNS boots per -smp value (interleaved: engine A
// -smp 1, A -smp N, B -smp 1, B -smp N, then again ..., so a busy host hurts all alike), and
// smpN/smp1, the ratio of the median throughputs.
//
// Environment:
//   BENCH_RUNS=3                 boots per engine and -smp value (median)
//   BENCH_ENGINES=node,qemu      any of node (JIT on; -smp > 1 gets the default thread mode),
//                                node-single (-accel tcg,thread=single: round-robin), node-jit-off,
//                                native (build/native/qemu-wasm), qemu
//   BENCH_SMP_N=2                the -smp value compared with -smp 1, and the number of jobs
//   BENCH_SMP_ONLY=loop,md5      a subset of the rows
//   BENCH_SMP_LOOP=50000         iterations per loop job
//   BENCH_SMP_MD5_MB=16          MiB per md5 job
//   BENCH_SMP_FIRMWARE=opensbi   -bios for qemu-wasm: opensbi or ours (QEMU: always OpenSBI)
//   BENCH_VERBOSE=1              copy the guests' consoles to stderr
//   QEMU_SYSTEM_RISCV64, QEMU_WASM_NATIVE, QEMU_WASM_BUILD   other binaries / build
//   BENCH_ARCH=riscv64           the guest architecture (test/boot/archs/<arch>.mjs: launcher,
//                                reference QEMU, images, firmware, command line, timer
//                                interrupt).  What is above is riscv64's.
// Exit status 1 if any run failed (the table still shows what succeeded).
import { Guest, archInfo, missingEngine, ROOT, DEFAULT_ARCH } from '../test/boot/harness.mjs';
import { parallelCommand, parseParallel } from '../test/boot/smp.mjs';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const ARCH = env.BENCH_ARCH || DEFAULT_ARCH;
const G = guestOf(ARCH);
const RUNS = posInt('BENCH_RUNS', 3);
const N = posInt('BENCH_SMP_N', 2);
const LOOP = posInt('BENCH_SMP_LOOP', 50000);
const MD5_MB = posInt('BENCH_SMP_MD5_MB', 16);
const FIRMWARE = env.BENCH_SMP_FIRMWARE || G.defaultFirmware;
const APPEND = `${G.append} qemu-wasm.nomodules`;
const BOOT_TIMEOUT = 600000;
const CMD_TIMEOUT = 1800000;
const ALL_ROWS = ['loop', 'md5'];
const ROWS = list('BENCH_SMP_ONLY', ALL_ROWS.join(','));
const ALL_ENGINES = ['node-jit-off', 'node', 'node-single', 'native', 'qemu'];
const ENGINE_INFO = {
  'node-jit-off': { label: 'Node jit=off', base: 'node', accel: ['-accel', 'tcg,jit=off'] },
  node: { label: 'Node jit=on', base: 'node', accel: [] },
  'node-single': { label: 'Node thread=single', base: 'node', accel: ['-accel', 'tcg,thread=single'] },
  native: { label: 'native build', base: 'native', accel: [] },
  qemu: { label: 'QEMU 7.2', base: 'qemu', accel: [] },
};
const WANTED = list('BENCH_ENGINES', 'node,qemu')
  .map((s) => (s === 'node-nojit' ? 'node-jit-off' : s));
const SMPS = [1, N];

function posInt(name, dflt) {
  const v = env[name] === undefined || env[name] === '' ? dflt : Number(env[name]);
  if (!Number.isInteger(v) || v <= 0) {
    die(`${name} must be a positive integer, not '${env[name]}'`, 2);
  }
  return v;
}

function list(name, dflt) {
  return (env[name] || dflt).split(',').map((s) => s.trim()).filter(Boolean);
}

function die(msg, status = 1) {
  console.error(`bench_smp: ${msg}`);
  process.exit(status);
}

for (const r of ROWS) {
  if (!ALL_ROWS.includes(r)) {
    die(`BENCH_SMP_ONLY: unknown row '${r}' (${ALL_ROWS.join(', ')})`, 2);
  }
}
for (const e of WANTED) {
  if (!ALL_ENGINES.includes(e)) {
    die(`BENCH_ENGINES: unknown engine '${e}' (${ALL_ENGINES.join(', ')})`, 2);
  }
}
if (N < 2) {
  die('BENCH_SMP_N must be at least 2', 2);
}
const FIRMWARES = Object.keys(G.firmwareNames);
if (!FIRMWARES.includes(FIRMWARE)) {
  die(`BENCH_SMP_FIRMWARE must be ${FIRMWARES.map((f) => `'${f}'`).join(' or ')}, not '${FIRMWARE}'`, 2);
}
if (FIRMWARE === 'ours' && !fs.existsSync(G.ourFirmware)) {
  die(`${path.relative(ROOT, G.ourFirmware)} is missing: run make bios`);
}

const engines = [];
const notes = [];
for (const name of ALL_ENGINES.filter((e) => WANTED.includes(e))) {
  const info = ENGINE_INFO[name];
  const why = missingEngine(info.base, ARCH);
  if (why) {
    notes.push(`${info.label}: not run: ${why}`);
    continue;
  }
  engines.push({ name, ...info });
}

const MD5_WANT = crypto.createHash('md5').update(Buffer.alloc(MD5_MB << 20)).digest('hex');
const WORK = {
  loop: { cmd: parallelCommand({ jobs: N, loop: LOOP, timerIrq: G.timerIrq }), want: String(LOOP),
    amount: N * LOOP, unit: 'k it/s', scale: 1e-3,
    what: `${N} x busybox sh loop of ${LOOP} iterations` },
  md5: { cmd: parallelCommand({ jobs: N, md5Mb: MD5_MB, timerIrq: G.timerIrq }), want: `${MD5_WANT}  -`,
    amount: N * MD5_MB * 1048576, unit: 'MB/s', scale: 1e-6,
    what: `${N} x dd if=/dev/zero bs=1M count=${MD5_MB} | md5sum` },
};

function argv(e, args) {
  switch (e.base) {
    case 'node': return [process.execPath, [G.launcher, ...e.accel, ...args]];
    case 'native': return [G.native, [...e.accel, ...args]];
    default: return [G.qemu, args];
  }
}

function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
}

// Boot with -smp `smp`, run every row's work, power off.  Resolves with { boot, loop: {...},
// md5: {...} } (each { seconds, rate, busy: [% per hart] }) or with an error.
async function runGuest(e, smp) {
  const firmware = e.base === 'qemu' ? G.referenceFirmware : FIRMWARE;
  const [file, args] = argv(e, G.bootArgs({ firmware, smp, append: APPEND }));
  const g = Guest.start({ command: [file, args], name: `${e.label} -smp ${smp}` });
  const r = {};
  try {
    r.boot = await g.boot(BOOT_TIMEOUT);
    await g.run('dmesg -n 1', 60000);
    for (const row of ROWS) {
      const w = WORK[row];
      const out = await g.run(w.cmd, CMD_TIMEOUT);
      if (out.status !== 0) {
        throw new Error(`${row}: exit status ${out.status}: ${out.output.slice(-300)}`);
      }
      const p = parseParallel(out.output);
      const bad = p.jobs.filter((j) => j.result !== w.want);
      if (p.jobs.length !== N || bad.length) {
        throw new Error(`${row}: the jobs printed [${p.jobs.map((j) => j.result).join('; ')}], want ${w.want}`);
      }
      if (!(p.seconds > 0)) {
        throw new Error(`${row}: no time measured (${p.seconds} s): make the work bigger`);
      }
      r[row] = {
        seconds: p.seconds,
        rate: w.amount / p.seconds,
        busy: Object.values(p.busy).map((t) => Math.min(100, Math.round(t / p.seconds))),
      };
    }
    g.send('poweroff -f\n');
    const exit = await g.waitExit(60000);
    if (exit.code !== 0) {
      throw new Error(`poweroff -f: exit ${g.describeExit()}`);
    }
    return r;
  } catch (err) {
    process.stderr.write(g.report(`failed: ${err.message}`));
    g.kill();
    await g.exited;
    return { ...r, error: err.message };
  }
}

// ---- the runs ---------------------------------------------------------------------------

const t0 = performance.now();
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
console.log(`qemu-wasm SMP bench: ${os.cpus().length} host CPUs (${os.cpus()[0]?.model || '?'}), load ` +
  `average ${os.loadavg()[0].toFixed(2)} at start; -smp 1 vs -smp ${N}, median of ${RUNS} boots each, interleaved`);
console.log(`guest: -M ${G.board} -m 512M, -bios ${firmwareText()}, ` +
  `-append '${APPEND}'; the same ${N} jobs at once with either -smp, timed by the guest clock:`);
for (const row of ROWS) {
  console.log(`  ${row.padEnd(4)} ${WORK[row].what}`);
}
console.log('  (busy = user+system share of each hart while the jobs ran, /proc/stat)');
for (const n of notes) {
  console.log(`  ${n}`);
}
if (os.loadavg()[0] > 0.5) {
  console.log(`  warning: the host is not idle (load average ${os.loadavg()[0].toFixed(2)}): -smp ${N} needs ` +
    `${N} free host cores, so the smp${N}/smp1 ratios below understate the speed-up (QEMU's too)`);
}

const results = new Map(engines.map((e) => [e.name, new Map(SMPS.map((s) => [s, []]))]));
for (let run = 1; run <= RUNS; run++) {
  for (const e of engines) {
    for (const smp of SMPS) {
      const r = await runGuest(e, smp);
      results.get(e.name).get(smp).push(r);
      const parts = [`boot ${fmt(r.boot, 1)} s`];
      for (const row of ROWS) {
        const x = r[row];
        if (x) {
          parts.push(`${row} ${fmt(x.seconds)} s (${fmt(x.rate * WORK[row].scale, 1)} ${WORK[row].unit}; ` +
            `busy ${x.busy.map((b) => `${b}%`).join(' ')})`);
        }
      }
      console.log(`  run ${run}/${RUNS}  ${`${e.label} -smp ${smp}`.padEnd(24)} ${parts.join(', ')}` +
        (r.error ? `  FAILED: ${r.error}` : ''));
    }
  }
}

// ---- the table --------------------------------------------------------------------------

const head = ['throughput (median)', 'engine', '-smp 1', `-smp ${N}`, `smp${N}/smp1`];
const table = [];
for (const row of ROWS) {
  for (const e of engines) {
    const cell = (smp) => {
      const vals = results.get(e.name).get(smp).map((r) => r[row]?.rate);
      const n = vals.filter(Number.isFinite).length;
      return { v: median(vals), partial: n < RUNS ? ` [${n}/${RUNS}]` : '' };
    };
    const a = cell(1);
    const b = cell(N);
    const s = WORK[row].scale;
    table.push([`${row} (${WORK[row].unit})`, e.label,
      Number.isFinite(a.v) ? `${fmt(a.v * s, 1)}${a.partial}` : 'failed',
      Number.isFinite(b.v) ? `${fmt(b.v * s, 1)}${b.partial}` : 'failed',
      Number.isFinite(a.v) && Number.isFinite(b.v) ? `${(b.v / a.v).toFixed(2)}x` : '-']);
  }
}
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
  .join('   ');
console.log('');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('   '));
for (const r of table) {
  console.log(line(r));
}
console.log(`smp${N}/smp1: how much faster the same ${N} jobs finish with ${N} harts (goal for qemu-wasm with ` +
  `thread=multi: >= ${N === 2 ? '1.7' : `${(0.85 * N).toFixed(1)}`}x on ${N} free host cores)`);
console.log(`load average ${os.loadavg()[0].toFixed(2)} at the end; ${((performance.now() - t0) / 60000).toFixed(1)} minutes`);

const failed = [...results.values()].some((m) => [...m.values()].some((rs) => rs.some((r) => r.error)));
process.exitCode = failed ? 1 : 0;

function guestOf(arch) {
  try {
    return archInfo(arch);
  } catch (err) {
    console.error(`bench_smp: BENCH_ARCH: ${err.message}`);
    process.exit(2);
  }
}

// The header's -bios: ours, or the reference's, and what QEMU runs when that differs.
function firmwareText() {
  const name = G.firmwareNames[FIRMWARE];
  return FIRMWARE === G.referenceFirmware ? name : `${name} (QEMU: ${G.referenceFirmwareShort})`;
}
