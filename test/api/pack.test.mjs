// test/api/pack.test.mjs — the npm package: `npm pack` makes a tarball with the built Wasm,
// its JS, our firmware and the API (no tests, no C sources, no build objects, no runtime
// dependencies); installed from that tarball into an empty directory, with no network
// (--offline) and no emscripten on PATH, `npx qemu-wasm` answers and the installed API
// boots the test guest (images passed by absolute path) and runs a command in it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, KERNEL, INITRD, ensureImages, BOOT_TIMEOUT } from './common.mjs';

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
let dir; // scratch: the tarball, the npm cache, the install, a bin directory for PATH
let tarball;
let installDir;
let binDir;
let env;

// A program on PATH, resolved to its real file.
function which(name) {
  for (const d of (process.env.PATH || '').split(path.delimiter)) {
    const f = path.join(d, name);
    try {
      fs.accessSync(f, fs.constants.X_OK);
      return fs.realpathSync(f);
    } catch (e) {
      // not here
    }
  }
  throw new Error(`${name} is not on PATH`);
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, ...opts });
  if (r.error) {
    throw r.error;
  }
  return r;
}

function ok(r, what) {
  assert.equal(r.status, 0, `${what}: status ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-wasm-pack-'));
  installDir = path.join(dir, 'app');
  fs.mkdirSync(installDir);
  // PATH for the installed package: node, npm, npx and sh — no emcc, no build tools
  binDir = path.join(dir, 'bin');
  fs.mkdirSync(binDir);
  for (const p of ['node', 'npm', 'npx', 'sh']) {
    fs.symlinkSync(p === 'node' ? process.execPath : which(p), path.join(binDir, p));
  }
  env = {
    PATH: binDir,
    HOME: dir,
    npm_config_cache: path.join(dir, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
});

after(() => {
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('npm pack: a tarball with what the package needs to run, and nothing else', () => {
  for (const f of PKG.files.filter((f) => !f.includes('*'))) {
    assert.ok(fs.existsSync(path.join(ROOT, f)), `${f} is missing: run make`);
  }
  const r = ok(sh(which('npm'), ['pack', '--json', '--pack-destination', dir],
    { cwd: ROOT, env: { ...process.env, npm_config_update_notifier: 'false' } }), 'npm pack');
  const [info] = JSON.parse(r.stdout);
  tarball = path.join(dir, info.filename);
  assert.ok(fs.existsSync(tarball));
  const files = info.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'README.md',
    'build/bios/riscv64/qemu-wasm-fw.bin',
    'build/wasm/package.json',
    'build/wasm/qemu-wasm.js',
    'build/wasm/qemu-wasm.wasm',
    'build/wasm/qemu-wasm.worker.js',
    'cli/index.d.ts',
    'cli/index.js',
    'cli/qemu-wasm-aarch64.js',
    'cli/qemu-wasm-riscv64.js',
    'cli/qemu-wasm.js',
    'package.json',
  ]);
  assert.equal(PKG.dependencies, undefined, 'no runtime dependencies');
  assert.equal(PKG.bin['qemu-wasm'], 'cli/qemu-wasm.js');
  assert.equal(PKG.types, './cli/index.d.ts');
  assert.equal(PKG.exports['.'].default, './cli/index.js');
  assert.equal(PKG.engines.node, '>=20');
});

test('npm install --offline from the tarball into an empty directory', () => {
  assert.ok(tarball, 'packed');
  ok(sh('npm', ['install', '--offline', tarball], { cwd: installDir, env }), 'npm install');
  const bin = path.join(installDir, 'node_modules', '.bin', 'qemu-wasm');
  assert.ok(fs.existsSync(bin), bin);
});

test('npx qemu-wasm --version, --help, -machine help, -cpu help (no emscripten on PATH)', () => {
  assert.notEqual(sh('sh', ['-c', 'command -v emcc'], { env }).status, 0, 'emcc is not on the test PATH');
  const run = (...args) => ok(sh('npx', ['--offline', 'qemu-wasm', ...args], { cwd: installDir, env }),
    `npx qemu-wasm ${args.join(' ')}`);
  const v = run('--version');
  assert.match(v.stdout, new RegExp(`^qemu-wasm version ${PKG.version.replace(/\./g, '\\.')}\n`));
  assert.equal(v.stderr, '');
  assert.match(run('--help').stdout, /^usage: qemu-wasm \[options\]$/m);
  assert.match(run('-machine', 'help').stdout, /^Supported machines are:\nvirt /);
  assert.match(run('-cpu', 'help').stdout, /^Available CPUs:\n\s+rv64$/m);
  const bad = sh('npx', ['--offline', 'qemu-wasm', '-bogus'], { cwd: installDir, env });
  assert.equal(bad.status, 1);
  assert.equal(bad.stderr, 'qemu-wasm: -bogus: invalid option\n');
});

test('the installed package boots the test guest and runs a command',
  { timeout: BOOT_TIMEOUT + 60_000 }, async (t) => {
    ensureImages();
    // a script in the install directory: `import 'qemu-wasm'` resolves to node_modules/, and
    // the Machine runs the installed launcher, Wasm and firmware (no -bios: ours)
    const script = path.join(installDir, 'boot.mjs');
    fs.writeFileSync(script, `
      import { Machine, LAUNCHER } from 'qemu-wasm';
      const m = await Machine.start({ memory: '512M', kernel: ${JSON.stringify(KERNEL)},
        initrd: ${JSON.stringify(INITRD)}, append: 'console=ttyS0' });
      try {
        await m.waitFor('qemu-wasm: guest up', { timeout: ${BOOT_TIMEOUT} });
        const r = await m.run('uname -m; cat /proc/cmdline');
        m.send('poweroff -f\\n');
        console.log(JSON.stringify({ launcher: LAUNCHER, run: r, exit: await m.exited }));
      } finally {
        await m.stop();
      }
    `);
    const t0 = performance.now();
    const r = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [script], { cwd: installDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b) => { stdout += b; });
      child.stderr.on('data', (b) => { stderr += b; });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    t.diagnostic(`booted and powered off in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.stderr, '');
    const result = JSON.parse(r.stdout);
    assert.equal(result.launcher, fs.realpathSync(path.join(installDir, 'node_modules', 'qemu-wasm', 'cli', 'qemu-wasm.js')));
    assert.deepEqual(result.run, { output: 'riscv64\nconsole=ttyS0\n', status: 0 });
    assert.equal(result.exit, 0);
  });
