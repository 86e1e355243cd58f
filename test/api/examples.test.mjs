// test/api/examples.test.mjs — CI runs the examples (examples/*.mjs) as a user would: each
// boots the default guest (one at a time) and must print and exit as documented.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, ensureImages, BOOT_TIMEOUT } from './common.mjs';

before(() => ensureImages(), { timeout: 20 * 60_000 });

function runExample(name, args = []) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'examples', name), ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => { stdout += b; });
    child.stderr.on('data', (b) => { stderr += b; });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({
      status, signal, stdout, stderr, seconds: (performance.now() - t0) / 1000,
    }));
  });
}

function context(r) {
  return `status ${r.status}${r.signal ? ` (${r.signal})` : ''}\n--- stdout ---\n${r.stdout}\n--- stderr (end) ---\n${r.stderr.slice(-3000)}`;
}

test('examples/run-command.mjs prints the command output and exits with its status',
  { timeout: BOOT_TIMEOUT + 60_000 }, async (t) => {
    const r = await runExample('run-command.mjs', ['uname -m; echo "$((6*7))"; (exit 3)']);
    t.diagnostic(`${r.seconds.toFixed(1)} s`);
    assert.equal(r.stdout, 'riscv64\n42\n', context(r));
    assert.equal(r.status, 3, context(r));
    assert.equal(r.stderr, '', context(r)); // nothing but the command's output
  });

// Two guests at once (the budget: at most two emulators).
describe('examples/guest-test.mjs', { concurrency: 2 }, () => {
  test('runs its self-test in the guest and exits with status 0',
    { timeout: BOOT_TIMEOUT + 60_000 }, async (t) => {
      // the built-in self-test passes
      const ok = await runExample('guest-test.mjs');
      t.diagnostic(`self-test: ${ok.seconds.toFixed(1)} s`);
      assert.equal(ok.status, 0, context(ok));
      assert.equal(ok.stdout, 'guest test: passed\n', context(ok));
      assert.match(ok.stderr, /^all guest checks passed\r?$/m, context(ok));
    });

  test('a failing script (tabs, quotes) makes it exit with the script status',
    { timeout: BOOT_TIMEOUT + 60_000 }, async (t) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-example-'));
      try {
        const script = path.join(dir, 'fail.sh');
        fs.writeFileSync(script, '#!/bin/sh\nprintf \'%s\\t%s\\n\' "tab" "separated"\necho "it\'s failing" >&2\nexit 5\n');
        const r = await runExample('guest-test.mjs', [script]);
        t.diagnostic(`failing script: ${r.seconds.toFixed(1)} s`);
        assert.equal(r.status, 5, context(r));
        assert.equal(r.stdout, 'guest test: failed (status 5)\n', context(r));
        assert.match(r.stderr, /^tab\tseparated\r?$/m, context(r));
        assert.match(r.stderr, /^it's failing\r?$/m, context(r));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
});
