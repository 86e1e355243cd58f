// scripts/bench.mjs — boot-to-shell time and a guest shell loop, for our two builds and for
// Debian's qemu-system-riscv64 (the reference), in one run.  Started by scripts/bench.sh
// (`make bench`).
//
// For each configuration, BENCH_RUNS (3) times, interleaved (A B C A B C ...) so that a busy
// machine hurts every engine alike:
//   boot   seconds from process start until 'qemu-wasm: guest up' and the shell's prompt
//   loop   seconds the busybox sh loop `i=0; while [ $i -lt N ]; do i=$((i+1)); done` takes
//          (host time between marker lines printed before and after it)
// then `poweroff -f`.  Prints the median of each and the ratio to native QEMU with the same
// firmware (Debian's OpenSBI fw_dynamic.bin); our builds also boot with our firmware.
//
// Environment: BENCH_RUNS (3), BENCH_LOOP (20000: NOTES.md's reference is 200,000, which takes
// about a minute per run under our interpreter), BENCH_ENGINES (e.g. "node,native,qemu").
import { Guest, bootArgs, missingEngine, OUR_FIRMWARE, ROOT } from '../test/boot/harness.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS || 3);
const LOOP = Number(process.env.BENCH_LOOP || 20000);
const ENGINES = (process.env.BENCH_ENGINES || 'node,native,qemu').split(',');
const BOOT_TIMEOUT = 400000;
const LOOP_CMD = `i=0; while [ $i -lt ${LOOP} ]; do i=$((i+1)); done`;

const configs = [
  { engine: 'qemu', firmware: 'opensbi', label: 'qemu-system-riscv64 (native QEMU)' },
  { engine: 'native', firmware: 'opensbi', label: 'qemu-wasm native build' },
  { engine: 'node', firmware: 'opensbi', label: 'qemu-wasm under Node' },
  { engine: 'native', firmware: 'ours', label: 'qemu-wasm native build' },
  { engine: 'node', firmware: 'ours', label: 'qemu-wasm under Node' },
].filter((c) => ENGINES.includes(c.engine));

const skipped = [];
const active = configs.filter((c) => {
  const why = missingEngine(c.engine) || (c.firmware === 'ours' && !fs.existsSync(OUR_FIRMWARE)
    ? `${path.relative(ROOT, OUR_FIRMWARE)} is missing (make bios)` : null);
  if (why) {
    skipped.push(`${c.label}, ${c.firmware}: not run: ${why}`);
  }
  return !why;
});

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
}

async function once(c) {
  const g = Guest.start({ engine: c.engine, args: bootArgs({ firmware: c.firmware }),
    name: `${c.engine}/${c.firmware}` });
  try {
    const boot = await g.boot(BOOT_TIMEOUT);
    const r = await g.run(LOOP_CMD, 600000);
    if (r.status !== 0) {
      throw new Error(`the loop exited with status ${r.status}: ${r.output}`);
    }
    g.send('poweroff -f\n');
    const exit = await g.waitExit(60000);
    if (exit.code !== 0) {
      throw new Error(`poweroff -f: exit ${g.describeExit()}`);
    }
    return { boot, loop: r.seconds };
  } catch (e) {
    process.stderr.write(g.report(`failed: ${e.message}`));
    g.kill();
    await g.exited;
    return { error: e.message };
  }
}

const load = os.loadavg()[0].toFixed(2);
console.log(`qemu-wasm bench: ${os.cpus().length} CPUs, load average ${load} at start; ` +
  `-M virt -m 512M -smp 1, Debian kernel ${readVersion()}; median of ${RUNS} runs`);
console.log(`loop: ${LOOP_CMD}` +
  (LOOP < 200000 ? `  (${LOOP} iterations, not 200,000: too slow under our interpreter)` : ''));
for (const s of skipped) {
  console.log(`  ${s}`);
}

const results = new Map(active.map((c) => [c, []]));
for (let run = 1; run <= RUNS; run++) {
  for (const c of active) {
    const r = await once(c);
    results.get(c).push(r);
    const what = r.error ? `FAILED: ${r.error}` : `boot ${r.boot.toFixed(2)} s, loop ${r.loop.toFixed(2)} s`;
    console.log(`  run ${run}/${RUNS}  ${c.label}, ${c.firmware}: ${what}`);
  }
}

const summary = active.map((c) => {
  const ok = results.get(c).filter((r) => !r.error);
  return { ...c, n: ok.length, boot: median(ok.map((r) => r.boot)), loop: median(ok.map((r) => r.loop)) };
});
const ref = summary.find((s) => s.engine === 'qemu' && s.firmware === 'opensbi' && s.n > 0);
const ratio = (x, r) => (ref && Number.isFinite(x) ? `${(x / r).toFixed(1)}x` : '-');
const sec = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'failed');

console.log('');
const head = ['engine', 'firmware', 'boot (s)', 'vs QEMU', `loop ${LOOP} (s)`, 'vs QEMU'];
const rows = summary.map((s) => [s.label, s.firmware === 'ours' ? 'ours (default)' : 'OpenSBI',
  sec(s.boot), ratio(s.boot, ref?.boot), sec(s.loop), ratio(s.loop, ref?.loop)]);
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((x, i) => (i < 2 ? x.padEnd(widths[i]) : x.padStart(widths[i])))
  .join('  ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) {
  console.log(line(r));
}
if (!ref) {
  console.log('(no ratios: native QEMU did not run)');
}
process.exitCode = summary.every((s) => s.n === RUNS) ? 0 : 1;

function readVersion() {
  try {
    return fs.readFileSync(path.join(ROOT, 'build', 'images', 'riscv64', 'VERSION'), 'utf8').trim();
  } catch (e) {
    return '(unknown)';
  }
}
