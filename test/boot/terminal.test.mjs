// test/boot/terminal.test.mjs — the Node launcher on a real terminal (a pseudo-terminal from
// the npm package @lydell/node-pty): raw mode, typing into the guest's shell, Ctrl-C reaching
// the guest (not killing the emulator), the Ctrl-A escapes, and the terminal's modes restored
// after Ctrl-A x.
//
// The launcher runs under `sh -c '...; stty -a'` in the pty, so that after it exits we can
// read the terminal's modes as the user's shell would find them.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Guest, bootArgs, ensureImages, missingEngine, guard, command, PROMPT, DEFAULT_ARCH }
  from './harness.mjs';

const BOOT_TIMEOUT = 240000;
// The terminal is the launcher's (cli/qemu-wasm.js), the same for every guest: the default
// guest (riscv64) on its default command line is enough.
const ARCH = DEFAULT_ARCH;

describe('node launcher in a terminal (pty)', () => {
  let guest = null;

  before(() => {
    const missing = missingEngine('node', ARCH);
    assert.equal(missing, null, missing);
    ensureImages(ARCH);
  }, { timeout: 20 * 60000 }); // builds the images if not cached

  after(() => guest?.kill());

  test('boots to a shell prompt in the terminal', { timeout: BOOT_TIMEOUT + 30000 }, async (t) => {
    const [node, argv] = command('node', bootArgs({ arch: ARCH, firmware: 'opensbi' }), ARCH);
    const script = '"$0" "$@"; st=$?; stty -a; echo "launcher-status:$st"';
    guest = Guest.start({ command: ['/bin/sh', ['-c', script, node, ...argv]], pty: true,
      name: 'node (pty)', cols: 120, rows: 40 });
    await guard(t, guest, () => guest.boot(BOOT_TIMEOUT));
    t.diagnostic(`boot to the shell took ${guest.bootTime.toFixed(1)} s`);
  });

  test('typing a command line runs it in the guest shell', { timeout: 60000 }, (t) =>
    guard(t, () => guest, async () => {
      guest.send('echo hello-$((1+2))\r'); // Enter is \r on a terminal
      await guest.waitFor(/\nhello-3\r*\n/, 30000, "'hello-3'");
      await guest.waitFor(PROMPT, 30000, 'the prompt');
    }));

  test('Ctrl-C interrupts the guest command, not the emulator', { timeout: 60000 }, (t) =>
    guard(t, () => guest, async () => {
      guest.send('sleep 100\r');
      await guest.waitFor('sleep 100', 10000, 'the echo of sleep 100');
      await sleep(1000); // let sleep start
      const sent = performance.now();
      guest.send('\x03');
      await guest.waitFor(PROMPT, 10000, 'the prompt back after Ctrl-C');
      const seconds = (performance.now() - sent) / 1000;
      t.diagnostic(`prompt back ${seconds.toFixed(2)} s after Ctrl-C`);
      assert.equal(guest.exit, null, 'the emulator is still running');
      const r = await guest.run('echo alive-$((2+3))');
      assert.equal(r.output, 'alive-5\n');
    }));

  test('Ctrl-A h prints the escape keys; Ctrl-A Ctrl-A is not an escape', { timeout: 60000 }, (t) =>
    guard(t, () => guest, async () => {
      guest.send('\x01h');
      await guest.waitFor(/C-a x\s+exit emulator/, 10000, 'the Ctrl-A help');
      assert.equal(guest.exit, null, 'the emulator is still running');
      // Ctrl-A Ctrl-A sends one Ctrl-A: the shell's line editor moves to the line's start.
      guest.send('ho ec-$((3*3))\x01\x01ec\r');
      await guest.waitFor(/\nec-9\r*\n/, 30000, "'ec-9'");
      await guest.waitFor(PROMPT, 30000, 'the prompt');
    }));

  test('Ctrl-A x quits with status 0 and restores the terminal', { timeout: 60000 }, (t) =>
    guard(t, () => guest, async () => {
      guest.send('\x01x');
      await guest.waitFor('qemu-wasm: Terminated', 10000, "'qemu-wasm: Terminated'");
      const m = await guest.waitFor(/launcher-status:(\d+)\r?\n/, 20000, 'the launcher to exit');
      assert.equal(m[1], '0', 'exit status of the launcher');
      const modes = guest.log.slice(guest.log.lastIndexOf('speed '));
      assert.match(modes, /(^|\s)icanon(\s|$)/m, `canonical mode is back:\n${modes}`);
      assert.match(modes, /(^|\s)echo(\s|$)/m, `echo is back:\n${modes}`);
      assert.match(modes, /(^|\s)isig(\s|$)/m, `signals are back:\n${modes}`);
      const exit = await guest.waitExit(10000);
      assert.deepEqual(exit, { code: 0, signal: null });
    }));
});
