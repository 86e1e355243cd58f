// test/boot/boot.test.mjs — boot the cases of cases.mjs: one guest per case, booted once in
// the first test, every check run in it as its own test, then the guest is powered off and
// must exit with the expected status.  A failing test prints the last console lines.
//
// Node-engine cases drive the guest through the public JavaScript API (cli/index.js):
// Machine.start({ args }), m.waitFor for the boot banner and the prompt, m.run for each check,
// m.send + m.exited for the end.  The API's timeout and exit errors carry the last console
// lines; any other failure prints the last 50 lines from a rolling buffer fed by
// m.on('output').
//
// The native-engine case keeps using harness.mjs (Guest): the API only runs the Node
// launcher (cli/qemu-wasm-<arch>.js), never build/native/qemu-wasm.
//
// Each case is for one guest architecture (c.arch: test/boot/cases/<arch>.mjs); its launcher,
// native binary, images, command line and what its guest shows (interrupt names, CPU ids) are
// the arch's (archInfo: test/boot/archs/<arch>.mjs).
//
// Needs: make (both builds, our firmware), the images (built here through
// scripts/images.sh <arch>, cached).  Run: make test-boot, or node --test test/boot/.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Machine, QemuError } from '../../cli/index.js';
import { Guest, bootArgs, archInfo, ensureImages, ensureOurFirmware, missingEngine, guard, ROOT,
  PROMPT, GUEST_UP } from './harness.mjs';
import { CASES } from './cases.mjs';
import { parallelCommand, parseParallel, kernelTrouble, formatBusy } from './smp.mjs';

const TAIL_LINES = 50;

const imagesReady = new Set(); // the archs whose images are built
function prepare(c) {
  const missing = missingEngine(c.engine, c.arch);
  assert.equal(missing, null, missing);
  if (!imagesReady.has(c.arch)) {
    ensureImages(c.arch);
    imagesReady.add(c.arch);
  }
}

// The emulator's arguments for a case.
function caseArgs(c) {
  return bootArgs({ arch: c.arch, firmware: c.firmware, smp: c.smp || 1, append: c.append,
    extra: c.accel ? ['-accel', c.accel] : [] });
}

// A short name for a case's guest in reports: engine and the options that differ.
function guestName(c) {
  return `${c.engine}${c.smp > 1 ? ` -smp ${c.smp}` : ''}${c.accel ? ` -accel ${c.accel}` : ''}`;
}

// /proc/interrupts: { name: count summed over CPUs } for each numbered line.
function interruptCounts(text) {
  const counts = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(\w+):((?:\s+\d+)+)\s+(.*)$/.exec(line);
    if (m) {
      const total = m[2].trim().split(/\s+/).reduce((a, b) => a + Number(b), 0);
      const name = m[3].trim().split(/\s+/).pop(); // the last column: the action's name
      counts[/^\d+$/.test(m[1]) ? name : m[1]] = total;
    }
  }
  return counts;
}

// Checks that are procedures rather than one command.  `guest` has run(cmd) -> { output,
// status } and console() -> everything it printed (an ApiGuest or a harness Guest); `chk` is
// the check's object in cases/<arch>.mjs (its parameters); `t` the test, for diagnostics; `g`
// the case's archInfo (what its guest calls the timer and console interrupts, its CPU ids).
const CHECKS = {
  // The timer interrupt must tick while the guest sleeps, and the UART's line must count the
  // console traffic that typing and printing the commands makes.
  async interrupts(guest, chk, t, g) {
    const { timerIrq: timer, consoleIrq: uart } = g;
    const first = await guest.run('cat /proc/interrupts');
    assert.equal(first.status, 0);
    const a = interruptCounts(first.output);
    const second = await guest.run('sleep 1; cat /proc/interrupts');
    assert.equal(second.status, 0);
    const b = interruptCounts(second.output);
    assert.ok(timer in a, `a ${timer} line in /proc/interrupts:\n${first.output}`);
    assert.ok(uart in a, `a ${uart} line in /proc/interrupts:\n${first.output}`);
    assert.ok(b[timer] > a[timer],
      `the timer interrupt count moves (${a[timer]} -> ${b[timer]})`);
    assert.ok(b[uart] > a[uart], `the ${uart} interrupt count moves (${a[uart]} -> ${b[uart]})`);
  },

  // -smp N: /proc/cpuinfo has processors 0..N-1 with N distinct hart ids, and the kernel
  // brought all N up.
  async harts(guest, { cpus }, t, g) {
    const r = await guest.run('cat /proc/cpuinfo; dmesg | grep "smp: Brought up"');
    assert.equal(r.status, 0, r.output);
    const procs = [...r.output.matchAll(/^processor\s*:\s*(\d+)$/gm)].map((m) => Number(m[1]));
    const harts = [...r.output.matchAll(g.cpuIdLine)].map((m) => Number(m[1]));
    assert.deepEqual(procs, [...Array(cpus).keys()], `processor 0..${cpus - 1} in /proc/cpuinfo:\n${r.output}`);
    assert.equal(new Set(harts).size, cpus, `${cpus} distinct hart ids in /proc/cpuinfo:\n${r.output}`);
    assert.match(r.output, new RegExp(`smp: Brought up \\d+ nodes?, ${cpus} CPUs`),
      `dmesg says the kernel brought up ${cpus} CPUs`);
  },

  // -smp N: N CPU-bound jobs (busybox sh loops) started at once; while they run, every hart
  // spends a fair share of the jobs' time busy (user + system ticks of /proc/stat, at least a
  // quarter of an even share) and takes timer interrupts; each job counts to the end.
  async parallel(guest, { cpus, loop, timeout = 300000 }, t, g) {
    const r = await guest.run(parallelCommand({ jobs: cpus, loop, timerIrq: g.timerIrq }), timeout);
    assert.equal(r.status, 0, r.output);
    const p = parseParallel(r.output);
    t?.diagnostic(`${cpus} jobs x ${loop} iterations: ${p.seconds.toFixed(2)} s (guest clock); ` +
      `busy ticks per hart: ${formatBusy(p.busy)}; timer interrupts per hart: ${p.timerIrqs.join(', ')}`);
    assert.deepEqual(p.jobs.map((j) => j.result), Array(cpus).fill(String(loop)),
      `each job prints ${loop}:\n${r.output}`);
    const busy = [...Array(cpus).keys()].map((i) => p.busy[`cpu${i}`]);
    const total = busy.reduce((a, b) => a + (b || 0), 0);
    const floor = Math.max(5, Math.floor(total / cpus / 4));
    busy.forEach((b, i) => assert.ok(b >= floor,
      `hart ${i} was busy ${b} ticks while the jobs ran, want >= ${floor} ` +
      `(a quarter of an even share of ${total}); per hart: ${formatBusy(p.busy)}`));
    p.timerIrqs.slice(0, cpus).forEach((n, i) => assert.ok(n > 0,
      `hart ${i} took timer interrupts while the jobs ran (per hart: ${p.timerIrqs.join(', ')})`));
    assert.equal(p.timerIrqs.length, cpus, `a ${g.timerIrq} column per hart:\n${r.output}`);
  },

  // Nothing on the console since power-on says the kernel hit a bug or a stall.
  async noTrouble(guest) {
    const line = kernelTrouble(guest.console());
    assert.equal(line, null, `the console shows kernel trouble: ${line}`);
  },
};

function expectOutput(output, expect, what) {
  for (const e of [].concat(expect)) {
    if (e instanceof RegExp) {
      assert.match(output, e, `${what}: output matches ${e}`);
    } else if (e === '') {
      assert.equal(output, '', `${what}: no output`);
    } else {
      assert.ok(output.includes(e), `${what}: output contains ${JSON.stringify(e)}:\n${output}`);
    }
  }
}

// ---- a guest driven through the API (Node engine) ---------------------------------------

function cleanConsole(s) {
  return s.replace(/\r+\n/g, '\n').replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b[()][0-9A-Za-z]/g, '').replace(/\r/g, '\n');
}

class ApiGuest {
  constructor(name) {
    this.name = name;
    this.m = null;
    this.recent = ''; // rolling buffer of the console, for failure reports
    this.stoppedBy = null; // why a failure stopped it
    this.startTime = performance.now();
  }

  elapsed() {
    return (performance.now() - this.startTime) / 1000;
  }

  async start(arch, args, startTimeout) {
    this.m = await Machine.start({ arch, args, cwd: ROOT, startTimeout,
      echo: process.env.BOOT_TEST_VERBOSE ? process.stderr : undefined });
    this.m.on('output', (s) => {
      this.recent += s;
      if (this.recent.length > 256 * 1024) {
        this.recent = this.recent.slice(-128 * 1024);
      }
    });
  }

  // Wait for 'qemu-wasm: guest up' (from the initramfs's /init) and the shell's prompt.
  async boot(timeout) {
    await this.m.waitFor(GUEST_UP, { timeout });
    await this.m.waitFor(PROMPT, { timeout: Math.max(timeout - this.elapsed() * 1000, 30000) });
    this.bootTime = this.elapsed();
  }

  run(cmd, timeout = 60000) {
    return this.m.run(cmd, { timeout });
  }

  // The console so far (the rolling buffer: the last 128-256 KiB).
  console() {
    return cleanConsole(this.recent);
  }

  tail(n = TAIL_LINES) {
    return cleanConsole(this.recent).split('\n').slice(-n).join('\n');
  }

  // Print why it failed (with the console's last lines unless the API's error carries them)
  // and end the emulator.
  fail(why, err) {
    if (this.stoppedBy) {
      return;
    }
    this.stoppedBy = why;
    const status = this.m?.running === false ? `status ${this.m.exitCode}` : 'running';
    if (err instanceof QemuError && (err.code === 'ERR_QEMU_TIMEOUT' || err.code === 'ERR_QEMU_EXIT')) {
      process.stderr.write(`\n----- ${this.name}: ${why}; ${status} after ${this.elapsed().toFixed(1)} s ` +
        '(the console lines are in the error) -----\n');
    } else {
      process.stderr.write(`\n----- ${this.name}: ${why}; ${status} after ${this.elapsed().toFixed(1)} s; ` +
        `last ${TAIL_LINES} lines of the console -----\n${this.tail()}\n----- end of ${this.name} console -----\n`);
    }
    this.m?.stop({ timeout: 1000 });
  }
}

// Run fn() for test t on an ApiGuest; a failure or a test-runner abort (timeout) reports and
// stops the guest; later tests on a stopped guest fail at once, without another report.
async function apiGuard(t, guest, fn) {
  if (!guest?.m) {
    throw new Error('not run: no guest (it failed to start in an earlier test)');
  }
  if (guest.stoppedBy) {
    throw new Error(`not run: the guest was stopped after an earlier failure (${guest.stoppedBy})`);
  }
  const onAbort = () => guest.fail('test aborted (timeout?)');
  t.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await fn();
  } catch (e) {
    guest.fail(`failed: ${e.message.split('\n')[0]}`, e);
    throw e;
  } finally {
    t.signal.removeEventListener('abort', onAbort);
  }
}

function apiSuite(c) {
  let guest = null;

  after(() => guest?.m?.stop({ timeout: 1000 }));

  // The guest boots in this first test (not in before(), so that a failure counts as one).
  test('boots to a shell prompt', { timeout: c.bootTimeout + 30000 }, async (t) => {
    if (c.firmware === 'ours') {
      ensureOurFirmware(c.arch);
    }
    guest = new ApiGuest(guestName(c));
    try {
      await guest.start(c.arch, caseArgs(c), 60000);
    } catch (e) {
      process.stderr.write(`\n----- ${guest.name}: Machine.start failed: ${e.message}\n` +
        `${guest.m?.stderr ?? e.stderr ?? ''}\n`);
      throw e;
    }
    await apiGuard(t, guest, () => guest.boot(c.bootTimeout));
    t.diagnostic(`${guest.name}: boot to the shell took ${guest.bootTime.toFixed(1)} s`);
  });

  for (const chk of c.checks) {
    const timeout = chk.timeout || 60000;
    test(chk.name, { timeout: timeout + 30000 }, (t) => apiGuard(t, guest, async () => {
      if (chk.check) {
        await CHECKS[chk.check](guest, chk, t, archInfo(c.arch));
        return;
      }
      const r = await guest.run(chk.cmd, timeout);
      const want = chk.status ?? 0;
      assert.ok(r.status === want,
        `'${chk.cmd}' exited with status ${r.status}, expected ${want}; output:\n${r.output}`);
      expectOutput(r.output, chk.expect, chk.cmd);
    }));
  }

  test(`${c.end.send.trim()} ends the emulator with status ${c.end.status}`, { timeout: 90000 },
    (t) => apiGuard(t, guest, async () => {
      const { m } = guest;
      m.send(c.end.send);
      await m.waitFor(c.end.expect, { timeout: 60000 });
      let timer;
      const late = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(
          `${guest.name}: still running 30 s after '${c.end.expect}'`)), 30000);
      });
      try {
        const status = await Promise.race([m.exited, late]);
        assert.equal(status, c.end.status, `exit status (signal ${m.signal})`);
        assert.equal(m.signal, null);
      } finally {
        clearTimeout(timer);
      }
    }));
}

// ---- a guest driven through harness.mjs (the native engine: the API cannot run it) ---------

function harnessSuite(c) {
  let guest = null;

  after(() => guest?.kill());

  test('boots to a shell prompt', { timeout: c.bootTimeout + 30000 }, async (t) => {
    if (c.firmware === 'ours') {
      ensureOurFirmware(c.arch);
    }
    guest = Guest.start({ engine: c.engine, arch: c.arch, args: caseArgs(c), name: guestName(c) });
    await guard(t, guest, () => guest.boot(c.bootTimeout));
    t.diagnostic(`${c.engine}: boot to the shell took ${guest.bootTime.toFixed(1)} s`);
  });

  for (const chk of c.checks) {
    const timeout = chk.timeout || 60000;
    test(chk.name, { timeout: timeout + 30000 }, (t) => guard(t, () => guest, async () => {
      if (chk.check) {
        await CHECKS[chk.check](guest, chk, t, archInfo(c.arch));
        return;
      }
      const r = await guest.run(chk.cmd, timeout);
      const want = chk.status ?? 0;
      assert.ok(r.status === want,
        `'${chk.cmd}' exited with status ${r.status}, expected ${want}; output:\n${r.output}`);
      expectOutput(r.output, chk.expect, chk.cmd);
    }));
  }

  test(`${c.end.send.trim()} ends the emulator with status ${c.end.status}`, { timeout: 90000 },
    (t) => guard(t, () => guest, async () => {
      guest.send(c.end.send);
      await guest.waitFor(c.end.expect, 60000);
      const exit = await guest.waitExit(30000);
      assert.deepEqual(exit, { code: c.end.status, signal: null });
    }));
}

for (const c of CASES) {
  describe(c.name, () => {
    before(() => prepare(c), { timeout: 20 * 60000 }); // builds the images if not cached
    if (c.engine === 'node') {
      apiSuite(c);
    } else {
      harnessSuite(c);
    }
  });
}

// The harness itself, on an engine that runs no guest: a waitFor that cannot be satisfied
// must fail with what it waited for once the child exits (not hang).
test('harness: waitFor fails when the emulator exits first', async () => {
  const g = Guest.start({ engine: 'native', args: ['--version'] });
  await assert.rejects(g.waitFor('never printed', 30000), /exited \(status 0\) while waiting for never printed/);
});
