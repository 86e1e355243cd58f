// test/boot/boot.test.mjs — boot the cases of cases.mjs: one guest per case, booted once in
// before(), every check run in it as its own test, then the guest is powered off and must
// exit with the expected status.  A failing test prints the last 50 lines of the console.
//
// Needs: make (both builds, our firmware), the images (built here through
// scripts/images.sh riscv64, cached).  Run: make test-boot, or node --test test/boot/.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Guest, bootArgs, ensureImages, ensureOurFirmware, missingEngine, guard } from './harness.mjs';
import { CASES } from './cases.mjs';

let imagesReady = false;
function prepare(c) {
  const missing = missingEngine(c.engine);
  assert.equal(missing, null, missing);
  if (!imagesReady) {
    ensureImages();
    imagesReady = true;
  }
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

// Checks that are procedures rather than one command.
const CHECKS = {
  // The timer interrupt must tick while the guest sleeps, and the UART's line must count the
  // console traffic that typing and printing the commands makes.
  async interrupts(guest) {
    const first = await guest.run('cat /proc/interrupts');
    assert.equal(first.status, 0);
    const a = interruptCounts(first.output);
    const second = await guest.run('sleep 1; cat /proc/interrupts');
    assert.equal(second.status, 0);
    const b = interruptCounts(second.output);
    assert.ok('riscv-timer' in a, `a riscv-timer line in /proc/interrupts:\n${first.output}`);
    assert.ok('ttyS0' in a, `a ttyS0 line in /proc/interrupts:\n${first.output}`);
    assert.ok(b['riscv-timer'] > a['riscv-timer'],
      `the timer interrupt count moves (${a['riscv-timer']} -> ${b['riscv-timer']})`);
    assert.ok(b.ttyS0 > a.ttyS0, `the ttyS0 interrupt count moves (${a.ttyS0} -> ${b.ttyS0})`);
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

for (const c of CASES) {
  describe(c.name, () => {
    let guest = null;

    before(() => prepare(c), { timeout: 20 * 60000 }); // builds the images if not cached

    after(() => guest?.kill());

    // The guest boots in this first test (not in before(), so that a failure counts as one).
    test('boots to a shell prompt', { timeout: c.bootTimeout + 30000 }, async (t) => {
      if (c.firmware === 'ours') {
        ensureOurFirmware();
      }
      guest = Guest.start({ engine: c.engine, args: bootArgs({ firmware: c.firmware }), name: c.engine });
      await guard(t, guest, () => guest.boot(c.bootTimeout));
      t.diagnostic(`${c.engine}: boot to the shell took ${guest.bootTime.toFixed(1)} s`);
    });

    for (const chk of c.checks) {
      const timeout = chk.timeout || 60000;
      test(chk.name, { timeout: timeout + 30000 }, (t) => guard(t, () => guest, async () => {
        if (chk.check) {
          await CHECKS[chk.check](guest);
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
  });
}

// The harness itself, on an engine that runs no guest: a waitFor that cannot be satisfied
// must fail with what it waited for once the child exits (not hang).
test('harness: waitFor fails when the emulator exits first', async () => {
  const g = Guest.start({ engine: 'native', args: ['--version'] });
  await assert.rejects(g.waitFor('never printed', 30000), /exited \(status 0\) while waiting for never printed/);
});
