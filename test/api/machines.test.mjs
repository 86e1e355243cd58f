// test/api/machines.test.mjs — two guests driven through the API at once, in this one
// process: booted together in before(), then every check uses them (a boot costs ~25 s
// alone, more for two on a 2-core machine).  Their consoles and exits must not mix.
//
// Needs: make (the Wasm build, our firmware), the guest images (built here through
// scripts/images.sh riscv64, cached).  Run: make test-api, or node --test test/api/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Machine } from 'qemu-wasm';
import { ensureImages, guest, rssMiB, alive, GUEST_UP, BOOT_TIMEOUT } from './common.mjs';

let a = null;
let b = null;
const outA = [];
const outB = [];
const bootTimes = {};

before(async () => {
  ensureImages();
  const t0 = performance.now();
  [a, b] = await Promise.all([Machine.start(guest()), Machine.start(guest())]);
  a.on('output', (s) => outA.push(s));
  b.on('output', (s) => outB.push(s));
  await Promise.all([a, b].map(async (m, i) => {
    await m.waitFor(GUEST_UP, { timeout: BOOT_TIMEOUT });
    bootTimes[i ? 'b' : 'a'] = ((performance.now() - t0) / 1000).toFixed(1);
  }));
  process.stderr.write(`# two guests up after ${bootTimes.a} s and ${bootTimes.b} s\n`);
}, { timeout: BOOT_TIMEOUT + 60_000 });

after(async () => {
  // a failing check leaves the consoles here
  for (const [name, m] of [['a', a], ['b', b]]) {
    if (m?.running) {
      await m.stop();
    }
  }
});

// Run fn; on failure, add both consoles' tails to the error.
async function withConsoles(fn) {
  try {
    return await fn();
  } catch (e) {
    e.message += `\n--- guest a ---\n${a?.tail(30)}\n--- guest b ---\n${b?.tail(30)}`;
    throw e;
  }
}

test('run() gives the output and exit status of a guest command', () => withConsoles(async () => {
  assert.deepEqual(await a.run('uname -m'), { output: 'riscv64\n', status: 0 });
  assert.deepEqual(await a.run('false'), { output: '', status: 1 });
  assert.deepEqual(await a.run('printf no-newline; (exit 42)'), { output: 'no-newline', status: 42 });
  // several lines, a here-document, a comment on the last line; cd persists
  const r = await a.run("cd /tmp && cat > s.sh <<'EOF'\necho one\necho two >&2\nexit 3\nEOF\nsh s.sh # go");
  assert.deepEqual(r, { output: 'one\ntwo\n', status: 3 });
  assert.deepEqual(await a.run('pwd'), { output: '/tmp\n', status: 0 });
  // runs are queued, one at a time
  const [x, y] = await Promise.all([a.run('echo x'), a.run('echo y')]);
  assert.deepEqual([x.output, y.output], ['x\n', 'y\n']);
}));

test('two machines in one process: separate consoles', () => withConsoles(async () => {
  const [ra, rb] = await Promise.all([a.run('echo I am a-$((40+1))'), b.run('echo I am b-$((40+2))')]);
  assert.equal(ra.output, 'I am a-41\n');
  assert.equal(rb.output, 'I am b-42\n');
  assert.ok(outA.join('').includes('I am a-41') && !outA.join('').includes('I am b-42'), "a's console");
  assert.ok(outB.join('').includes('I am b-42') && !outB.join('').includes('I am a-41'), "b's console");
  assert.notEqual(a.pid, b.pid);
}));

test("each machine's resident memory is modest (its 3 GiB Wasm memory is mostly untouched)", () => {
  for (const m of [a, b]) {
    const rss = rssMiB(m.pid);
    if (rss !== null) {
      assert.ok(rss < 1536, `resident set of ${m.pid}: ${rss.toFixed(0)} MiB`);
      process.stderr.write(`# machine ${m.pid}: ${rss.toFixed(0)} MiB resident\n`);
    }
  }
});

test('m.serial is the console as a byte stream', () => withConsoles(async () => {
  const chunks = [];
  const seen = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no serial-2 line on m.serial within 30 s')), 30000);
    b.serial.on('data', function onData(c) {
      chunks.push(c);
      if (/serial-2\r\n/.test(Buffer.concat(chunks).toString('latin1'))) {
        clearTimeout(timer);
        b.serial.off('data', onData);
        b.serial.pause();
        resolve();
      }
    });
  });
  b.serial.write(Buffer.from('echo serial-$((1+1))\n'));
  await seen;
  assert.ok(chunks.every((c) => Buffer.isBuffer(c)), 'chunks are Buffers');
  await b.waitFor(/^serial-2\r?$/m, { timeout: 30000 }); // waitFor and 'output' see it too
}));

test('waitFor: a string or a RegExp; on timeout, an error with the last console lines', () => withConsoles(async () => {
  a.send('echo marker-$((3*5))\n');
  // anchor the match at the line end: output arrives in chunks, and "marker-1" is a
  // prefix of "marker-15"
  const m = await a.waitFor(/marker-(\d+)\r?\n/, { timeout: 30000 });
  assert.equal(m[1], '15');
  const s = await a.waitFor('# ', { timeout: 30000 }); // the next prompt
  assert.deepEqual([...s], ['# ']);
  a.send('echo last-line-before-the-timeout\n');
  await a.waitFor(/^last-line-before-the-timeout/m, { timeout: 30000 });
  const t0 = performance.now();
  await assert.rejects(a.waitFor('never printed', { timeout: 1500 }), (e) => {
    assert.equal(e.code, 'ERR_QEMU_TIMEOUT');
    assert.match(e.message, /^qemu-wasm: timed out after 1\.5 s waiting for "never printed"; last console lines:\n/);
    assert.match(e.message, /^last-line-before-the-timeout$/m);
    return true;
  });
  assert.ok(performance.now() - t0 < 10000);
  // the timeout did not break the console
  assert.deepEqual(await a.run('echo after'), { output: 'after\n', status: 0 });
}));

test('run() timeout: an error that names the command and quotes the console', () => withConsoles(async () => {
  await assert.rejects(a.run('sleep 30', { timeout: 1000 }), (e) => {
    assert.equal(e.code, 'ERR_QEMU_TIMEOUT');
    assert.match(e.message, /^qemu-wasm: timed out after 1 s running "sleep 30"; last console lines:\n/);
    assert.match(e.message, /sleep 30/);
    return true;
  });
  a.send('\x03'); // Ctrl-C for the guest's shell (the API doubles Ctrl-A only)
  assert.deepEqual(await a.run('echo back'), { output: 'back\n', status: 0 });
}));

test('two machines exit independently: poweroff one, the other runs on', () => withConsoles(async () => {
  a.send('poweroff -f\n');
  assert.equal(await a.exited, 0);
  assert.equal(a.exitCode, 0);
  assert.equal(a.running, false);
  assert.ok(!alive(a.pid), 'the first emulator process is gone');
  await assert.rejects(a.waitFor('anything', { timeout: 1000 }), (e) => {
    assert.equal(e.code, 'ERR_QEMU_EXIT');
    assert.match(e.message, /^qemu-wasm: the machine exited \(status 0\) while waiting for "anything"; last console lines:\n/);
    assert.match(e.message, /reboot: Power down/);
    return true;
  });
  assert.throws(() => a.send('x'), { code: 'ERR_QEMU_EXIT' });
  assert.equal(b.running, true);
  assert.deepEqual(await b.run('echo still up'), { output: 'still up\n', status: 0 });
}));

test('stop() ends a running machine cleanly and resolves once it is gone', () => withConsoles(async () => {
  const exits = [];
  b.on('exit', (status) => exits.push(status));
  const pending = b.waitFor('never printed', { timeout: 60000 });
  const t0 = performance.now();
  assert.equal(await b.stop(), 0); // QEMU's status on SIGTERM
  assert.ok(performance.now() - t0 < 6000);
  assert.ok(!alive(b.pid), 'the emulator process is gone');
  assert.deepEqual(exits, [0]);
  assert.equal(await b.exited, 0);
  assert.match(b.stderr, /^qemu-wasm: terminating on signal 15$/m);
  await assert.rejects(pending, { code: 'ERR_QEMU_EXIT' });
  assert.equal(await b.stop(), 0); // again: a no-op
}));
