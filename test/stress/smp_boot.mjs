// test/stress/smp_boot.mjs — `make test-stress`: boot the riscv64 guest with -smp 4 many times
// in a row and fail on any hang, kernel trouble or wrong answer.  Races between vCPU threads
// (multi-threaded TCG: -accel tcg,thread=multi, the default with -smp > 1) show up as rare
// hangs, panics or stalls; one boot proves little, twenty say more.
//
// Each boot (the Debian kernel + busybox initramfs of build/images/riscv64, our firmware, i.e.
// no -bios, -m 512M, under Node with the JIT on, the product's defaults):
//   1. boot to the shell ('qemu-wasm: guest up' and the prompt; the initramfs's insmods patch
//      kernel text on every hart on the way);
//   2. `nproc` must print the hart count, and /proc/cpuinfo list that many processors;
//   3. a short parallel job: one busybox sh loop per hart, started at once (test/boot/smp.mjs);
//      each must count to the end, and every hart must have done some of the work (/proc/stat);
//   4. `poweroff -f`: 'reboot: Power down' and exit status 0.
// Every step has a timeout (a hang fails the boot); the whole console is watched from power-on
// for kernel trouble (panic, Oops, BUG:, WARNING, RCU stalls, hung tasks: KERNEL_TROUBLE in
// test/boot/smp.mjs), which fails the boot at once.  A failed boot's console is saved to
// build/stress/smp_boot-N.log and its last lines printed; the run goes on with the next boot
// (STRESS_STOP=1: stop at the first failure).  One line per boot, then a summary; exit status
// 1 if any boot failed.
//
// Environment:
//   STRESS_RUNS=20          boots
//   STRESS_SMP=4            -smp
//   STRESS_ENGINE=node      node (cli/qemu-wasm.js) or native (build/native/qemu-wasm)
//   STRESS_FIRMWARE=ours    ours (no -bios) or opensbi (Debian's fw_dynamic.bin)
//   STRESS_ACCEL=           an -accel value, e.g. tcg,thread=single or tcg,jit=off
//   STRESS_APPEND=console=ttyS0   the kernel command line
//   STRESS_LOOP=5000        the parallel job's loop count per hart
//   STRESS_BOOT_TIMEOUT=300 seconds to the shell prompt; STRESS_CMD_TIMEOUT=120 per command
//   STRESS_STOP=1           stop at the first failed boot
//   BOOT_TEST_VERBOSE=1     copy the consoles to stderr
//
// Run: make test-stress, or node test/stress/smp_boot.mjs (needs make and the images:
// make images).  About 20 x (boot + ~10 s) on a 2-core machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Guest, bootArgs, ensureImages, ensureOurFirmware, missingEngine, ROOT }
  from '../boot/harness.mjs';
import { parallelCommand, parseParallel, kernelTrouble, formatBusy } from '../boot/smp.mjs';

const env = process.env;
const RUNS = posInt('STRESS_RUNS', 20);
const SMP = posInt('STRESS_SMP', 4);
const LOOP = posInt('STRESS_LOOP', 5000);
const ENGINE = env.STRESS_ENGINE || 'node';
const FIRMWARE = env.STRESS_FIRMWARE || 'ours';
const ACCEL = env.STRESS_ACCEL || '';
const APPEND = env.STRESS_APPEND || 'console=ttyS0';
const BOOT_TIMEOUT = posInt('STRESS_BOOT_TIMEOUT', 300) * 1000;
const CMD_TIMEOUT = posInt('STRESS_CMD_TIMEOUT', 120) * 1000;
const STOP = !!env.STRESS_STOP && env.STRESS_STOP !== '0';
const LOG_DIR = path.join(ROOT, 'build', 'stress');

function posInt(name, dflt) {
  const v = env[name] === undefined || env[name] === '' ? dflt : Number(env[name]);
  if (!Number.isInteger(v) || v <= 0) {
    console.error(`smp_boot: ${name} must be a positive integer, not '${env[name]}'`);
    process.exit(2);
  }
  return v;
}

if (!['node', 'native'].includes(ENGINE)) {
  console.error(`smp_boot: STRESS_ENGINE must be node or native, not '${ENGINE}'`);
  process.exit(2);
}
if (!['ours', 'opensbi'].includes(FIRMWARE)) {
  console.error(`smp_boot: STRESS_FIRMWARE must be ours or opensbi, not '${FIRMWARE}'`);
  process.exit(2);
}
const missing = missingEngine(ENGINE);
if (missing) {
  console.error(`smp_boot: ${missing}`);
  process.exit(1);
}
ensureImages();
if (FIRMWARE === 'ours') {
  ensureOurFirmware();
}

const args = bootArgs({ firmware: FIRMWARE, smp: SMP, append: APPEND,
  extra: ACCEL ? ['-accel', ACCEL] : [] });

// Reject as soon as the console shows kernel trouble; never resolves otherwise.
function troubleOf(g) {
  let stop;
  const p = new Promise((resolve, reject) => {
    stop = g.watch(kernelTrouble, (line) => reject(new Error(`kernel trouble on the console: ${line}`)));
  });
  p.catch(() => {}); // raced below; an unraced rejection must not crash the run
  return { promise: p, stop };
}

async function oneBoot(n) {
  const g = Guest.start({ engine: ENGINE, args, name: `boot ${n}` });
  const trouble = troubleOf(g);
  const step = (p) => Promise.race([p, trouble.promise]);
  const r = { n };
  try {
    r.boot = await step(g.boot(BOOT_TIMEOUT));

    const np = await step(g.run('nproc; grep -c "^processor" /proc/cpuinfo', CMD_TIMEOUT));
    if (np.status !== 0 || np.output.trim().split('\n').join(' ') !== `${SMP} ${SMP}`) {
      throw new Error(`nproc and the processors of /proc/cpuinfo: '${np.output.trim()}' (status ` +
        `${np.status}), want ${SMP} and ${SMP}`);
    }

    const pj = await step(g.run(parallelCommand({ jobs: SMP, loop: LOOP }), CMD_TIMEOUT));
    if (pj.status !== 0) {
      throw new Error(`the parallel job exited with status ${pj.status}:\n${pj.output}`);
    }
    const p = parseParallel(pj.output);
    const results = p.jobs.map((j) => j.result);
    if (results.length !== SMP || results.some((x) => x !== String(LOOP))) {
      throw new Error(`the ${SMP} jobs printed [${results.join(', ')}], want ${LOOP} each`);
    }
    const idle = Object.entries(p.busy).filter(([, v]) => v <= 0).map(([c]) => c);
    if (Object.keys(p.busy).length !== SMP || idle.length) {
      throw new Error(`every hart must work during the jobs; busy ticks: ${formatBusy(p.busy)}`);
    }
    r.jobs = p.seconds;
    r.busy = p.busy;

    g.send('poweroff -f\n');
    await step(g.waitFor('reboot: Power down', CMD_TIMEOUT, "'reboot: Power down'"));
    const exit = await step(g.waitExit(30000));
    if (exit.code !== 0 || exit.signal) {
      throw new Error(`exit ${g.describeExit()} after poweroff -f, want status 0`);
    }
    // a last look: trouble printed in the final moments
    const late = kernelTrouble(g.console());
    if (late) {
      throw new Error(`kernel trouble on the console: ${late}`);
    }
    r.total = g.elapsed();
  } catch (e) {
    r.error = e.message.split('\n')[0];
    r.detail = e.message;
    // let a panic or stall report finish printing before the console is saved
    if (!g.exit && /kernel trouble/.test(r.error)) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    g.kill();
    await g.exited;
    fs.mkdirSync(LOG_DIR, { recursive: true });
    r.log = path.join(LOG_DIR, `smp_boot-${n}.log`);
    fs.writeFileSync(r.log, `${args.join(' ')}\n${r.detail}\n----- console -----\n${g.console()}`);
    process.stderr.write(g.report(`failed: ${r.error}`));
  } finally {
    trouble.stop();
  }
  return r;
}

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const t0 = performance.now();
console.log(`smp_boot: ${RUNS} boots, ${ENGINE} ${args.join(' ')}`.replaceAll(ROOT + path.sep, ''));
console.log(`  host: ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}; ` +
  `each boot: boot, nproc, ${SMP} parallel loops of ${LOOP}, poweroff -f`);
const results = [];
for (let n = 1; n <= RUNS; n++) {
  const r = await oneBoot(n);
  results.push(r);
  const head = `boot ${String(n).padStart(String(RUNS).length)}/${RUNS}`;
  if (r.error) {
    console.log(`${head}: FAIL after boot ${fmt(r.boot)} s: ${r.error} (console: ${path.relative(ROOT, r.log)})`);
    if (STOP) {
      break;
    }
  } else {
    console.log(`${head}: ok  boot ${fmt(r.boot)} s, jobs ${r.jobs.toFixed(2)} s (guest), ` +
      `total ${fmt(r.total)} s; busy ticks ${formatBusy(r.busy)}`);
  }
}
const ok = results.filter((r) => !r.error);
const boots = ok.map((r) => r.boot).sort((a, b) => a - b);
const median = boots.length ? boots[(boots.length - 1) >> 1] : NaN;
console.log(`smp_boot: ${ok.length}/${results.length} boots ok` +
  (boots.length ? `; boot to the shell: median ${fmt(median)} s, min ${fmt(boots[0])} s, ` +
    `max ${fmt(boots[boots.length - 1])} s` : '') +
  `; ${((performance.now() - t0) / 60000).toFixed(1)} minutes`);
process.exitCode = ok.length === RUNS ? 0 : 1;
