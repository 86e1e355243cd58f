// scripts/bench.mjs — `make bench` (started by scripts/bench.sh): qemu-wasm under Node with
// the JIT off and on, the native build, and Debian's qemu-system-riscv64 7.2 (the reference,
// when installed), all in one run, with each time's ratio to native QEMU.
//
// Benchmarks (rows):
//   compute   the bare-metal guest benchmark build/bench/riscv64/bench.elf (bench/riscv64/:
//             list, matrix, crc, state, fp kernels; ~1 s under native QEMU), run as
//             `-M virt -bios none -kernel bench.elf`.  Time = the guest's own rdtime ticks
//             (10 MHz mtime) per kernel and in total, as the program prints them, so process
//             start-up (Node, Wasm compilation) is not counted.  Every kernel must pass its
//             self-check (exit status 0, "bench: ok") or the run counts as failed.
//   boot      host seconds from starting the emulator until 'qemu-wasm: guest up' and the
//             busybox shell's prompt: the Debian kernel and busybox initramfs of
//             build/images/riscv64 (scripts/images.sh), -m 512M -smp 1, OpenSBI's
//             fw_dynamic.bin as -bios (the firmware QEMU runs too), kernel command line
//             `console=ttyS0 qemu-wasm.nomodules` (the initramfs skips insmod: none of these
//             benchmarks needs virtio modules).
//   loop      in that booted guest, busybox sh: `i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done`
//   md5       in that guest: `dd if=/dev/zero bs=1M count=20 2>/dev/null | md5sum` (the sum is
//             checked)
//   loop and md5 are timed by the guest's own clock: `read s0 x </proc/uptime` before and
//   after the command, in the same shell line (no fork; 10 ms resolution; busybox's date has
//   no %N), so console latency does not count.  The guest clock is the riscv timer, i.e. each
//   emulator's mtime, which follows host time in all three; the per-run lines also show the
//   host time between the console markers around the command, as a cross-check.  After the
//   boot, `dmesg -n 1` keeps kernel messages (e.g. "hrtimer: interrupt took ..." on a busy
//   host) out of the commands' output.
//
// Columns (engines): node-jit-off (`node cli/qemu-wasm.js -accel tcg,jit=off`), node (the JIT
// on, the default), native (build/native/qemu-wasm: the interpreter built with gcc), qemu
// (qemu-system-riscv64; "not installed" if it is missing: then no ratios).
// Each cell is the median of BENCH_RUNS runs, interleaved (engine A, B, C, D, then A, B, C, D
// again ...) so that a busy host hurts all engines alike, and its ratio to QEMU's median.
//
// Environment:
//   BENCH_RUNS=3        runs per engine and benchmark (median)
//   BENCH_ONLY=compute,boot,loop,md5   a subset of the benchmarks (loop and md5 still boot)
//   BENCH_ENGINES=node-jit-off,node,native,qemu   a subset of the engines ('node' is the
//                       default JIT-on configuration, as in the earlier bench)
//   BENCH_LOOP=200000   iterations of the shell loop
//   BENCH_MD5_MB=20     MiB for md5sum
//   BENCH_FIRMWARE=opensbi   -bios for our engines when booting Linux: 'opensbi' (Debian's,
//                       as QEMU) or 'ours' (build/bios/riscv64/qemu-wasm-fw.bin, our default)
//   BENCH_APPEND='console=ttyS0 qemu-wasm.nomodules'   the kernel command line
//   BENCH_VERBOSE=1     copy the guests' output to stderr (bench.sh sets BOOT_TEST_VERBOSE for
//                       the harness's booted guests too)
//   BENCH_BASELINE=DIR  also run a 'baseline' engine: the same launcher with the JIT on, but
//                       the Wasm build in DIR (another checkout's build/wasm, e.g. the commit
//                       before a change: `git worktree add /tmp/base REV && make -C /tmp/base
//                       wasm`), interleaved with the others, to compare two versions in one run
//   BENCH_ARCH=riscv64  the guest architecture (test/boot/archs/<arch>.mjs: its launcher,
//                       reference QEMU, images, firmware, command lines; the bare-metal
//                       benchmark build/bench/<arch>/bench.elf).  What is above is riscv64's.
import { Guest, archInfo, missingEngine, ROOT, DEFAULT_ARCH } from '../test/boot/harness.mjs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const ARCH = env.BENCH_ARCH || DEFAULT_ARCH;
const G = guestOf(ARCH);
const RUNS = Number(env.BENCH_RUNS || 3);
const LOOP = Number(env.BENCH_LOOP || 200000);
const MD5_MB = Number(env.BENCH_MD5_MB || 20);
const FIRMWARE = env.BENCH_FIRMWARE || G.defaultFirmware;
const APPEND = env.BENCH_APPEND || `${G.append} qemu-wasm.nomodules`;
const VERBOSE = !!(env.BENCH_VERBOSE || env.BOOT_TEST_VERBOSE);
const ALL_BENCHES = ['compute', 'boot', 'loop', 'md5'];
const ONLY = (env.BENCH_ONLY || ALL_BENCHES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
const BASELINE = env.BENCH_BASELINE ? path.resolve(env.BENCH_BASELINE) : null;
const ALL_ENGINES = ['node-jit-off', ...(BASELINE ? ['baseline'] : []), 'node', 'native', 'qemu'];
const ENGINES = (env.BENCH_ENGINES || ALL_ENGINES.join(',')).split(',').map((s) => s.trim())
  .map((s) => (s === 'node-nojit' ? 'node-jit-off' : s)).filter(Boolean);
const BENCH_ELF = path.join(ROOT, 'build', 'bench', ARCH, 'bench.elf');
const KERNELS = ['list', 'matrix', 'crc', 'state', 'fp'];
const BOOT_TIMEOUT = 600000;
const CMD_TIMEOUT = 1800000;
const COMPUTE_TIMEOUT = 600000;
const LOOP_CMD = `i=0; while [ $i -lt ${LOOP} ]; do i=$((i+1)); done; echo $i`;
const MD5_CMD = `dd if=/dev/zero bs=1M count=${MD5_MB} 2>/dev/null | md5sum`;

for (const b of ONLY) {
  if (!ALL_BENCHES.includes(b)) {
    console.error(`bench: BENCH_ONLY: unknown benchmark '${b}' (${ALL_BENCHES.join(', ')})`);
    process.exit(2);
  }
}
for (const e of ENGINES) {
  if (!ALL_ENGINES.includes(e)) {
    console.error(`bench: BENCH_ENGINES: unknown engine '${e}' (${ALL_ENGINES.join(', ')})`);
    process.exit(2);
  }
}
const FIRMWARES = Object.keys(G.firmwareNames);
if (!FIRMWARES.includes(FIRMWARE)) {
  console.error(`bench: BENCH_FIRMWARE must be ${FIRMWARES.map((f) => `'${f}'`).join(' or ')}, not '${FIRMWARE}'`);
  process.exit(2);
}
const wantCompute = ONLY.includes('compute');
const wantGuest = ONLY.some((b) => b !== 'compute');

const ENGINE_INFO = {
  'node-jit-off': { label: 'Node jit=off', base: 'node', accel: ['-accel', 'tcg,jit=off'] },
  baseline: { label: 'baseline jit=on', base: 'node', accel: ['-accel', 'tcg,jit=on'],
    env: { QEMU_WASM_BUILD: BASELINE } },
  node: { label: 'Node jit=on', base: 'node', accel: ['-accel', 'tcg,jit=on'] },
  native: { label: 'native build', base: 'native', accel: [] },
  qemu: { label: 'QEMU 7.2', base: 'qemu', accel: [] },
};

// The engines to run, in table order (QEMU last: the reference column).
const engines = [];
const notes = [];
for (const name of ALL_ENGINES.filter((e) => ENGINES.includes(e))) {
  const info = ENGINE_INFO[name];
  const why = name === 'baseline'
    ? (fs.existsSync(path.join(BASELINE, 'qemu-wasm.wasm')) ? null : `${BASELINE}/qemu-wasm.wasm is missing`)
    : missingEngine(info.base, ARCH);
  if (why) {
    notes.push(`${info.label}: not run: ${why}`);
    continue;
  }
  engines.push({ name, ...info });
}
if (wantCompute && !fs.existsSync(BENCH_ELF)) {
  console.error(`bench: ${path.relative(ROOT, BENCH_ELF)} is missing: run make bench-${ARCH}`);
  process.exit(1);
}
if (wantGuest && FIRMWARE === 'ours' && !fs.existsSync(G.ourFirmware)) {
  console.error(`bench: ${path.relative(ROOT, G.ourFirmware)} is missing: run make bios`);
  process.exit(1);
}

function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
}

function argv(e, args) {
  switch (e.base) {
    case 'node': return [process.execPath, [G.launcher, ...e.accel, ...args]];
    case 'native': return [G.native, [...e.accel, ...args]];
    default: return [G.qemu, args];
  }
}

// ---- compute: the bare-metal benchmark ----------------------------------------------------

function runCompute(e) {
  const [file, args] = argv(e, G.bareMetalArgs(BENCH_ELF));
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(file, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(e.env || {}) } });
    let out = '';
    const take = (b) => {
      out += b;
      if (VERBOSE) {
        process.stderr.write(b);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => child.kill('SIGKILL'), COMPUTE_TIMEOUT);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ error: `cannot run ${file}: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wall = (performance.now() - t0) / 1000;
      const r = { wall, kernels: {} };
      for (const m of out.matchAll(/^bench: (\w+) (\d+) ticks/gm)) {
        r.kernels[m[1]] = Number(m[2]) / G.benchTickHz;
      }
      const ok = /^bench: ok\r?$/m.test(out);
      if (code !== 0 || !ok || !Number.isFinite(r.kernels.total)) {
        const fails = out.split(/\r?\n/).filter((l) => /FAIL|trap/.test(l)).slice(0, 6).join('\n    ');
        r.error = `${signal ? `killed by ${signal}${signal === 'SIGKILL' ? ' (timeout?)' : ''}` : `exit status ${code}`}` +
          (fails ? `:\n    ${fails}` : `; output: ${out.slice(-300)}`);
      }
      resolve(r);
    });
  });
}

// ---- boot, loop, md5: one booted guest ----------------------------------------------------

// Run `cmd` in the guest shell, timed by the guest's /proc/uptime; resolves with
// { guest, host, output } (seconds by the guest's clock and by the console markers).
async function guestTimed(g, cmd) {
  const line = `read s0 x </proc/uptime; ${cmd}; rc=$?; read s1 x </proc/uptime; echo "QWT $s0 $s1 $rc"`;
  const r = await g.run(line, CMD_TIMEOUT);
  const m = /^QWT (\d+\.\d+) (\d+\.\d+) (\d+)$/m.exec(r.output);
  if (!m) {
    throw new Error(`no timing line in the output of '${cmd}': ${r.output.slice(-300)}`);
  }
  if (Number(m[3]) !== 0) {
    throw new Error(`'${cmd}' exited with status ${m[3]}: ${r.output.slice(-300)}`);
  }
  return { guest: Number(m[2]) - Number(m[1]), host: r.seconds, output: r.output.slice(0, m.index) };
}

async function runGuest(e) {
  const firmware = e.base === 'qemu' ? G.referenceFirmware : FIRMWARE;
  const [file, args] = argv(e, G.bootArgs({ firmware, append: APPEND }));
  // (the harness copies the console to stderr when BOOT_TEST_VERBOSE is set)
  const g = Guest.start({ command: [file, args], name: e.label, env: e.env });
  const r = {};
  try {
    r.boot = await g.boot(BOOT_TIMEOUT);
    // Keep kernel messages (e.g. "hrtimer: interrupt took ..." on a busy host) off the
    // console, out of the commands' output.
    await g.run('dmesg -n 1', 60000);
    if (ONLY.includes('loop')) {
      const t = await guestTimed(g, LOOP_CMD);
      if (!t.output.split('\n').includes(String(LOOP))) {
        throw new Error(`the loop printed '${t.output.trim()}', not ${LOOP}`);
      }
      r.loop = t.guest;
      r.loopHost = t.host;
    }
    if (ONLY.includes('md5')) {
      const t = await guestTimed(g, MD5_CMD);
      const want = MD5_MB === 20 ? '8f4e33f3dc3e414ff94e5fb6905cba8c' : null;
      const sum = (/^([0-9a-f]{32})\b/m.exec(t.output) || [])[1];
      if (!sum || (want && sum !== want)) {
        throw new Error(`md5sum printed '${t.output.trim()}'${want ? `, expected ${want}` : ''}`);
      }
      r.md5 = t.guest;
      r.md5Host = t.host;
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

const startLoad = os.loadavg()[0].toFixed(2);
const t0 = performance.now();
console.log(`qemu-wasm bench: ${os.cpus().length} CPUs (${os.cpus()[0]?.model || '?'}), load average ` +
  `${startLoad} at start; median of ${RUNS} runs, engines interleaved`);
if (wantCompute) {
  console.log(`compute: ${path.relative(ROOT, BENCH_ELF)} (${bareMetalOptions()}), seconds of the guest's ${G.benchClock}`);
}
if (wantGuest) {
  console.log(`guest: Debian kernel ${readVersion()}, busybox initramfs, -M ${G.board} -m 512M -smp 1, ` +
    `-bios ${firmwareText()}, -append '${APPEND}'`);
  if (ONLY.includes('loop')) {
    console.log(`  loop: ${LOOP_CMD}`);
  }
  if (ONLY.includes('md5')) {
    console.log(`  md5:  ${MD5_CMD}`);
  }
  if (ONLY.includes('loop') || ONLY.includes('md5')) {
    console.log('  (timed by the guest clock, /proc/uptime; "host" = time between the console markers)');
  }
}
for (const n of notes) {
  console.log(`  ${n}`);
}

const results = new Map(engines.map((e) => [e.name, { compute: [], guest: [] }]));
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
for (let run = 1; run <= RUNS; run++) {
  if (wantCompute) {
    for (const e of engines) {
      const r = await runCompute(e);
      results.get(e.name).compute.push(r);
      const what = r.error ? `FAILED: ${r.error}`
        : `total ${fmt(r.kernels.total)} s (${KERNELS.map((k) => `${k} ${fmt(r.kernels[k])}`).join(', ')}; ` +
          `process ${fmt(r.wall)} s)`;
      console.log(`  run ${run}/${RUNS}  compute  ${e.label}: ${what}`);
    }
  }
  if (wantGuest) {
    for (const e of engines) {
      const r = await runGuest(e);
      results.get(e.name).guest.push(r);
      const parts = [`boot ${fmt(r.boot)} s`];
      if (ONLY.includes('loop')) {
        parts.push(`loop ${fmt(r.loop)} s (host ${fmt(r.loopHost)})`);
      }
      if (ONLY.includes('md5')) {
        parts.push(`md5 ${fmt(r.md5)} s (host ${fmt(r.md5Host)})`);
      }
      console.log(`  run ${run}/${RUNS}  guest    ${e.label}: ${parts.join(', ')}` +
        (r.error ? `  FAILED: ${r.error}` : ''));
    }
  }
}

// ---- the table --------------------------------------------------------------------------

const rows = [];
if (wantCompute) {
  rows.push({ label: 'compute total', get: (x) => x.compute.filter((r) => !r.error).map((r) => r.kernels.total) });
  for (const k of KERNELS) {
    rows.push({ label: `  ${k}`, get: (x) => x.compute.filter((r) => !r.error).map((r) => r.kernels[k]) });
  }
}
if (ONLY.includes('boot')) {
  rows.push({ label: 'boot to shell', get: (x) => x.guest.map((r) => r.boot) });
}
if (ONLY.includes('loop')) {
  rows.push({ label: `shell loop ${LOOP}`, get: (x) => x.guest.map((r) => r.loop) });
}
if (ONLY.includes('md5')) {
  rows.push({ label: `md5sum ${MD5_MB} MB`, get: (x) => x.guest.map((r) => r.md5) });
}

const ref = engines.find((e) => e.name === 'qemu');
const head = ['seconds (median)', ...engines.map((e) => e.label)];
const table = rows.map((row) => {
  const refv = ref ? median(row.get(results.get('qemu'))) : NaN;
  const cells = engines.map((e) => {
    const vals = row.get(results.get(e.name));
    const v = median(vals);
    if (!Number.isFinite(v)) {
      return 'failed';
    }
    const n = vals.filter(Number.isFinite).length;
    const partial = n < RUNS ? ` [${n}/${RUNS}]` : '';
    if (e.name === 'qemu' || !Number.isFinite(refv) || refv <= 0) {
      return `${fmt(v)}${partial}`;
    }
    return `${fmt(v)} (${(v / refv).toFixed(1)}x)${partial}`;
  });
  return [row.label, ...cells];
});
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
  .join('   ');
console.log('');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('   '));
for (const r of table) {
  console.log(line(r));
}
if (ref) {
  console.log(`(x) = ratio to QEMU 7.2 (qemu-system-${ARCH} TCG) on this machine, same run`);
} else {
  console.log(ENGINES.includes('qemu') ? `(no ratios: ${G.qemu} is not installed: apt-get install ${G.qemuPackage})`
    : '(no ratios: BENCH_ENGINES leaves out qemu)');
}
console.log(`load average ${os.loadavg()[0].toFixed(2)} at the end; ${((performance.now() - t0) / 60000).toFixed(1)} minutes`);

const failed = [...results.values()].some((x) => x.compute.some((r) => r.error) || x.guest.some((r) => r.error));
process.exitCode = failed ? 1 : 0;

function readVersion() {
  try {
    return fs.readFileSync(path.join(G.images, 'VERSION'), 'utf8').trim();
  } catch (err) {
    return '(unknown)';
  }
}

function guestOf(arch) {
  try {
    return archInfo(arch);
  } catch (err) {
    console.error(`bench: BENCH_ARCH: ${err.message}`);
    process.exit(2);
  }
}

// The bare-metal command line without the console and the kernel: "-M virt -bios none".
function bareMetalOptions() {
  const args = G.bareMetalArgs('ELF');
  const k = args.indexOf('-kernel');
  return args.filter((a, i) => a !== '-nographic' && i !== k && i !== k + 1).join(' ');
}

// The header's -bios: ours, or the reference's, and what QEMU runs when that differs.
function firmwareText() {
  const name = G.firmwareNames[FIRMWARE];
  return FIRMWARE === G.referenceFirmware ? name : `${name} (QEMU: ${G.referenceFirmwareShort})`;
}
