// test/boot/chardev.test.mjs — the character-backend layer under a real Linux guest (the Node
// build): the serial port on a file and a virtio console on the host console, in one boot.
//
//   -serial file:uart.log -device virtio-serial-device -append "console=<uart> console=hvc0"
//
// What it shows: the firmware banner, the kernel log and /init's first line ("guest up": the
// kernel's /dev/console is the UART, hvc0 appears only once /init has loaded virtio_mmio)
// are in the file, written through while the guest runs; the shell then runs on hvc0, which
// is the only front end on the host console: its output is on stdout and what is typed on
// stdin reaches it (input routing is the layer's, not the board's), while nothing from
// before hvc0 existed shows up on stdout.
//
// One Linux boot (~25-40 s under Node).  Needs make (wasm build, our firmware) and the images.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Guest, bootArgs, archInfo, ensureImages, ensureOurFirmware, missingEngine, guard, PROMPT,
  GUEST_UP, ARCHS, DEFAULT_ARCH } from './harness.mjs';

// Every guest whose board and images do virtio-mmio (archs/<arch>.mjs: virtio: true); the
// UART's tty is the one the arch's default command line names (console=ttyS0 on riscv64).
const ARCHES = ARCHS.filter((a) => archInfo(a).virtio);
const BOOT_TIMEOUT = 300000;

for (const arch of ARCHES) {
  const g = archInfo(arch);
  const uartTty = /console=(\S+)/.exec(g.append)[1];
  const prefix = arch === DEFAULT_ARCH ? '' : `${arch}: `;

  describe(`${prefix}-serial file: and a virtio console on stdio`, () => {
    let dir, log, guest = null;
    before(() => {
      const missing = missingEngine('node', arch);
      assert.equal(missing, null, missing);
      ensureImages(arch);
      ensureOurFirmware(arch);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-chardev-boot-'));
      log = path.join(dir, 'uart.log');
    });
    after(() => {
      guest?.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('boots: the early console in the file, the shell on stdout', { timeout: BOOT_TIMEOUT + 30000 }, async (t) => {
      guest = Guest.start({ engine: 'node', arch, name: 'uart-on-a-file guest', args: bootArgs({ arch,
        firmware: 'ours', append: `console=${uartTty} console=hvc0`,
        extra: ['-serial', `file:${log}`, '-device', 'virtio-serial-device'] }) });
      await guard(t, guest, async () => {
        await guest.waitFor("Enter 'help'", BOOT_TIMEOUT, 'the shell banner on hvc0');
        await guest.waitFor(PROMPT, 30000, 'the prompt');
        const text = fs.readFileSync(log, 'latin1');
        assert.match(text, /^qemu-wasm firmware: /, 'the firmware banner opens the file');
        assert.match(text, /\] Linux version /);
        assert.match(text, new RegExp(`Kernel command line: .*console=${uartTty} console=hvc0`));
        assert.ok(text.includes(GUEST_UP), `'${GUEST_UP}' (from /init, on the UART) is in the file`);
        assert.ok(!guest.log.includes(GUEST_UP), `'${GUEST_UP}' is not on stdout`);
        assert.doesNotMatch(guest.log, /Linux version/, 'the early kernel log is not on stdout');
        assert.equal(guest.stderr, '');
      });
    });

    test('typed input reaches the shell on hvc0', { timeout: 90000 }, (t) => guard(t, () => guest, async () => {
      const r = await guest.run('tty; cat /sys/class/tty/console/active');
      assert.equal(r.status, 0, r.output);
      assert.equal(r.output, `/dev/hvc0\n${uartTty} hvc0\n`);
      // the kernel writes to both consoles: a message made now is on stdout and in the file
      const k = await guest.run('echo chardev-test-kmsg > /dev/kmsg');
      assert.equal(k.status, 0, k.output);
      const printed = /\] chardev-test-kmsg/; // the kernel's line, not the typed command's echo
      const deadline = Date.now() + 10000;
      while (!printed.test(guest.log) || !printed.test(fs.readFileSync(log, 'latin1'))) {
        assert.ok(Date.now() < deadline, 'the kernel message reaches hvc0 and the file within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }));

    test('poweroff -f ends the emulator with status 0', { timeout: 60000 }, (t) => guard(t, () => guest, async () => {
      guest.send('poweroff -f\n');
      const exit = await guest.waitExit(30000);
      assert.equal(exit.code, 0);
    }));
  });
}
