// test/boot/harness.mjs — start an emulator with a guest console we can talk to.
//
//   const g = Guest.start({ engine: 'node', args: bootArgs({ firmware: 'opensbi' }) });
//   await g.boot();                                   // 'qemu-wasm: guest up' + a shell prompt
//   const { output, status } = await g.run('uname -m');
//   g.send('poweroff -f\n');
//   const { code } = await g.waitExit(10000);
//
// Engines: 'node' (cli/qemu-wasm-<arch>.js: the product), 'native' (build/native/qemu-wasm)
// and 'qemu' (Debian's qemu-system-<arch>, the reference for scripts/bench.mjs).  Each guest
// architecture is described by test/boot/archs/<arch>.mjs (archInfo(arch): its launcher,
// native binary, reference QEMU, image directory, firmware and command lines); riscv64 is
// the default of every function that takes an arch.  The console is
// the child's stdin/stdout/stderr as pipes, or a pseudo-terminal with { pty: true } (needs the
// npm package @lydell/node-pty; `npm install`).
//
// Every wait has a timeout and fails with what it waited for.  Tests wrap their bodies in
// guard(t, guest, fn): on a failure or a test-runner timeout it prints the last 50 lines of
// the guest console to stderr and kills the child.  Children still alive when the process
// exits are killed too.
//
// Environment: QEMU_WASM_NATIVE=binary (riscv64's native build; another arch's:
// QEMU_WASM_NATIVE_<ARCH>), QEMU_WASM_BUILD=dir (read by the launcher), QEMU_SYSTEM_<ARCH>=binary
// (the reference, e.g. QEMU_SYSTEM_RISCV64), BOOT_TEST_VERBOSE=1 copies the console to stderr.
import { spawn, spawnSync } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// busybox ash's prompt as root: "/ # " (cwd, then '#').
export const PROMPT = /(?:^|[\r\n])[^\r\n]*[#$] /;
export const GUEST_UP = 'qemu-wasm: guest up';

const VERBOSE = !!process.env.BOOT_TEST_VERBOSE;
const TAIL_LINES = 50;

// ---- the guest architectures ---------------------------------------------------------

// Every guest architecture is a file test/boot/archs/<arch>.mjs (its fields:
// archs/riscv64.mjs); a new one adds its file.  riscv64 is the default, as for `qemu-wasm`.
export const DEFAULT_ARCH = 'riscv64';
const ARCH_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'archs');
const PROFILES = new Map();
for (const f of fs.readdirSync(ARCH_DIR).filter((n) => n.endsWith('.mjs')).sort()) {
  const p = (await import(pathToFileURL(path.join(ARCH_DIR, f)).href)).default;
  if (p?.arch !== f.slice(0, -4)) {
    throw new Error(`test/boot/archs/${f}: its default export's arch must be '${f.slice(0, -4)}'`);
  }
  PROFILES.set(p.arch, p);
}
/** The guest architectures there are ('riscv64', ...). */
export const ARCHS = [...PROFILES.keys()];

const infos = new Map();
// The guest `arch` with its paths on this machine: the profile's fields (archs/<arch>.mjs) and
//   launcher     cli/qemu-wasm-<arch>.js (the Node engine)
//   native       build/native/<profile.native>, or the file in the environment's <nativeEnv>
//   qemu         qemu-system-<arch>, or the binary in QEMU_SYSTEM_<ARCH> (the reference)
//   images       build/images/<arch> (scripts/images.sh <arch>)
//   ourFirmware  build/bios/<arch>/<profile.ourFirmware> (null if the arch has none)
//   bootArgs(opts), bareMetalArgs(elf)   the profile's, with these paths
export function archInfo(arch = DEFAULT_ARCH) {
  if (!infos.has(arch)) {
    const p = PROFILES.get(arch);
    if (!p) {
      throw new Error(`unknown guest architecture '${arch}' (test/boot/archs/ has: ${ARCHS.join(', ')})`);
    }
    const env = process.env;
    const nativeEnv = p.nativeEnv || `QEMU_WASM_NATIVE_${arch.toUpperCase()}`;
    const g = {
      ...p,
      launcher: path.join(ROOT, 'cli', `qemu-wasm-${arch}.js`),
      native: env[nativeEnv] ? path.resolve(env[nativeEnv])
        : path.join(ROOT, 'build', 'native', p.native || `qemu-wasm-${arch}`),
      qemu: env[`QEMU_SYSTEM_${arch.toUpperCase()}`] || `qemu-system-${arch}`,
      images: path.join(ROOT, 'build', 'images', arch),
      ourFirmware: p.ourFirmware ? path.join(ROOT, 'build', 'bios', arch, p.ourFirmware) : null,
    };
    g.bootArgs = (opts) => p.bootArgs(g, opts);
    g.bareMetalArgs = (elf) => p.bareMetalArgs(g, elf);
    infos.set(arch, Object.freeze(g));
  }
  return infos.get(arch);
}

// The default guest's paths, as before there were several (riscv64).
const DEFAULT = archInfo(DEFAULT_ARCH);
export const LAUNCHER = DEFAULT.launcher;
export const NATIVE = DEFAULT.native;
export const QEMU = DEFAULT.qemu;
export const IMAGES = DEFAULT.images;
export const OPENSBI = path.join(IMAGES, 'fw_dynamic.bin');
export const OUR_FIRMWARE = DEFAULT.ourFirmware;

// ---- what to run ---------------------------------------------------------------------

// The command line of the guest `arch` (default riscv64; the images of scripts/images.sh):
// QEMU's options.  The other options are the arch's (archs/<arch>.mjs); for riscv64:
// firmware: 'opensbi' (Debian's fw_dynamic.bin), 'ours' (no -bios: the machine's default,
// build/bios/riscv64/qemu-wasm-fw.bin) or a file name; memory, smp, append, extra.
export function bootArgs({ arch = DEFAULT_ARCH, ...opts } = {}) {
  return archInfo(arch).bootArgs(opts);
}

export function command(engine, args, arch = DEFAULT_ARCH) {
  const g = archInfo(arch);
  switch (engine) {
    case 'node': return [process.execPath, [g.launcher, ...args]];
    case 'native': return [g.native, args];
    case 'qemu': return [g.qemu, args];
    default: throw new Error(`unknown engine '${engine}' (node, native, qemu)`);
  }
}

// Is this engine there to run the guest `arch`?  Returns null, or why not.
export function missingEngine(engine, arch = DEFAULT_ARCH) {
  const g = archInfo(arch);
  if (engine === 'node') {
    if (!fs.existsSync(g.launcher)) {
      return `${path.relative(ROOT, g.launcher)} does not exist: no ${arch} launcher`;
    }
    return fs.existsSync(path.join(process.env.QEMU_WASM_BUILD || path.join(ROOT, 'build', 'wasm'),
      'qemu-wasm.wasm')) ? null : 'build/wasm/qemu-wasm.wasm is missing: run make';
  }
  if (engine === 'native') {
    return fs.existsSync(g.native) ? null : `${path.relative(ROOT, g.native)} is missing: run make`;
  }
  const r = spawnSync(g.qemu, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${g.qemu} is not installed (apt-get install ${g.qemuPackage})`;
}

// Build the guest images of `arch` (cached: a no-op when they are up to date).  Throws with
// the script's output when it fails.
export function ensureImages(arch = DEFAULT_ARCH) {
  const g = archInfo(arch);
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'images.sh'), arch],
    { cwd: ROOT, encoding: 'utf8', timeout: 20 * 60 * 1000 });
  if (r.status !== 0) {
    throw new Error(`bash scripts/images.sh ${arch} failed (status ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n` +
      `${r.stdout}${r.stderr}`);
  }
  for (const f of g.imageFiles) {
    if (!fs.existsSync(path.join(g.images, f))) {
      throw new Error(`scripts/images.sh succeeded but ${path.relative(ROOT, path.join(g.images, f))} is missing`);
    }
  }
}

// Our firmware must have been built: a boot test of it never skips.
export function ensureOurFirmware(arch = DEFAULT_ARCH) {
  const g = archInfo(arch);
  if (!g.ourFirmware) {
    throw new Error(`the ${arch} guest has no firmware of ours (test/boot/archs/${arch}.mjs)`);
  }
  if (!fs.existsSync(g.ourFirmware)) {
    throw new Error(`our firmware ${path.relative(ROOT, g.ourFirmware)} is missing: ` +
      `build it with \`make bios\` (make -C bios/${arch})`);
  }
}

// ---- the guest -----------------------------------------------------------------------

const live = new Set();
process.on('exit', () => {
  for (const g of live) {
    g.kill();
  }
});

let loadedPty = null;
function nodePty() {
  if (!loadedPty) {
    try {
      loadedPty = createRequire(import.meta.url)('@lydell/node-pty');
    } catch (e) {
      throw new Error(`the npm package @lydell/node-pty is not installed (run npm install): ${e.message}`);
    }
  }
  return loadedPty;
}

function stripAnsi(s) {
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b[()][0-9A-Za-z]/g, '');
}

export class Guest {
  static start(opts) {
    return new Guest(opts);
  }

  // { engine, arch, args } say what to run (arch: the guest's, for the engine's binary;
  // default riscv64); { command: [file, argv] } overrides it (e.g. to wrap the emulator in a
  // shell).
  constructor({ engine = 'node', arch = DEFAULT_ARCH, args = bootArgs({ arch }), command: cmd,
    pty = false, name, env, cwd = ROOT, cols = 200, rows = 50 } = {}) {
    const [file, argv] = cmd || command(engine, args, arch);
    this.engine = engine;
    this.arch = arch;
    this.name = name || engine;
    this.log = ''; // everything the child printed (stdout and stderr, or the pty), in order
    this.stderr = ''; // stderr alone (pipes only)
    this.pos = 0; // waitFor() looks at log.slice(pos) and moves pos past each match
    this.startTime = performance.now();
    this.exit = null; // { code, signal } once it has exited
    this.stoppedBy = null; // why guard() killed it
    this.markers = 0;
    this.stamps = []; // [end offset in log, arrival time] for each piece of output
    this.waiters = new Set();
    let onExit;
    this.exited = new Promise((resolve) => { onExit = resolve; });
    const childEnv = { ...process.env, ...(env || {}) };
    const done = (code, signal) => {
      if (this.exit) {
        return;
      }
      this.exit = { code, signal };
      live.delete(this);
      this.poke();
      onExit(this.exit);
    };
    if (pty) {
      this.pty = nodePty().spawn(file, argv, { name: 'xterm', cols, rows, cwd, env: childEnv });
      this.pid = this.pty.pid;
      this.pty.onData((d) => this.append(d));
      this.pty.onExit(({ exitCode, signal }) => done(exitCode, signal || null));
    } else {
      this.child = spawn(file, argv, { cwd, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
      this.pid = this.child.pid;
      const out = new StringDecoder('utf8');
      const err = new StringDecoder('utf8');
      this.child.stdout.on('data', (b) => this.append(out.write(b)));
      this.child.stderr.on('data', (b) => {
        const s = err.write(b);
        this.stderr += s;
        this.append(s);
      });
      this.child.stdin.on('error', () => {}); // EPIPE once it has exited
      this.child.on('error', (e) => {
        this.append(`\n[harness: cannot run ${file}: ${e.message}]\n`);
        done(null, 'spawn-error');
      });
      this.child.on('close', (code, signal) => done(code, signal));
    }
    live.add(this);
  }

  append(s) {
    if (!s) {
      return;
    }
    this.log += s;
    this.stamps.push([this.log.length, performance.now()]);
    if (VERBOSE) {
      process.stderr.write(s);
    }
    this.poke();
  }

  poke() {
    for (const w of [...this.waiters]) {
      w();
    }
  }

  // Seconds since the child was started.
  elapsed() {
    return (performance.now() - this.startTime) / 1000;
  }

  // When the console output at `offset` in this.log arrived (performance.now() ms).
  arrival(offset) {
    let lo = 0;
    let hi = this.stamps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.stamps[mid][0] > offset) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return this.stamps[lo][1];
  }

  // Wait until `pattern` (a string or RegExp) appears in the console output after what earlier
  // waits consumed; resolves with the match (a RegExp match array, or [text] for a string) and
  // consumes up to its end.  Rejects on timeout or if the child exits first.
  waitFor(pattern, timeout = 30000, what = String(pattern)) {
    return new Promise((resolve, reject) => {
      let timer = null;
      const check = () => {
        const rest = this.log.slice(this.pos);
        let m = null;
        if (typeof pattern === 'string') {
          const i = rest.indexOf(pattern);
          if (i >= 0) {
            m = [pattern];
            m.index = i;
          }
        } else {
          m = pattern.exec(rest);
        }
        if (m) {
          m.offset = this.pos + m.index; // in this.log
          this.pos += m.index + m[0].length;
          finish();
          resolve(m);
        } else if (this.exit) {
          finish();
          reject(new Error(`${this.name}: exited (${this.describeExit()}) while waiting for ${what}`));
        }
      };
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.name}: timed out after ${timeout / 1000} s waiting for ${what}`));
      }, timeout);
      this.waiters.add(check);
      check();
    });
  }

  // Call onMatch(line) once, when `test` (a function of the console text: the matching line or
  // null, e.g. kernelTrouble of smp.mjs) finds something in the output; independent of
  // waitFor's position, so it also sees what earlier waits consumed.  Returns a function that
  // stops watching.
  watch(test, onMatch) {
    let scanned = 0;
    const check = () => {
      // re-scan a little before the end of the previous look: a line may arrive in pieces
      const from = Math.max(0, this.log.lastIndexOf('\n', Math.max(0, scanned - 1)));
      scanned = this.log.length;
      const hit = test(this.log.slice(from));
      if (hit) {
        this.waiters.delete(check);
        onMatch(hit);
      }
    };
    this.waiters.add(check);
    check();
    return () => this.waiters.delete(check);
  }

  send(text) {
    if (this.exit) {
      throw new Error(`${this.name}: cannot send ${JSON.stringify(text)}: exited (${this.describeExit()})`);
    }
    if (this.pty) {
      this.pty.write(text);
    } else {
      this.child.stdin.write(text);
    }
  }

  // Wait for 'qemu-wasm: guest up' (from the initramfs's /init) and the shell's prompt.
  async boot(timeout = 240000) {
    await this.waitFor(GUEST_UP, timeout, `'${GUEST_UP}'`);
    const left = Math.max(timeout - this.elapsed() * 1000, 30000);
    await this.waitFor(PROMPT, left, 'the shell prompt');
    this.bootTime = this.elapsed();
    return this.bootTime;
  }

  // Type `cmd` at the prompt, between two marker echoes; resolves with { output, status,
  // seconds } once the shell has run it and printed its prompt again.  Output is what the
  // command printed, with \n line ends (a serial console sends \r\n, and a pty's ONLCR makes
  // that \r\r\n) and no ANSI escapes; seconds is the host time between the two markers.
  // The markers are split by '' in the typed line so that the terminal's echo of the line
  // never matches them.
  async run(cmd, timeout = 60000) {
    const n = ++this.markers;
    this.send(`echo __S''${n}__; ${cmd}; echo __E''${n}__$?\n`);
    const re = new RegExp(`__S${n}__\\r*\\n([\\s\\S]*?)__E${n}__(\\d+)\\r*\\n`);
    const m = await this.waitFor(re, timeout, `the end of '${cmd}'`);
    await this.waitFor(PROMPT, 30000, `the prompt after '${cmd}'`);
    const output = stripAnsi(m[1].replace(/\r+\n/g, '\n').replace(/\r/g, ''));
    const seconds = (this.arrival(m.offset + m[0].length - 1) - this.arrival(m.offset)) / 1000;
    return { output, status: Number(m[2]), seconds };
  }

  async waitExit(timeout = 30000) {
    let timer;
    const t = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(
        `${this.name}: still running ${timeout / 1000} s after it should have exited`)), timeout);
    });
    try {
      return await Promise.race([this.exited, t]);
    } finally {
      clearTimeout(timer);
    }
  }

  describeExit() {
    if (!this.exit) {
      return 'running';
    }
    return this.exit.signal ? `signal ${this.exit.signal}` : `status ${this.exit.code}`;
  }

  kill() {
    if (this.exit) {
      return;
    }
    try {
      if (this.pty) {
        // The pty's child leads its own session and process group: kill all of it (the
        // emulator under a wrapper shell too).
        process.kill(-this.pid, 'SIGKILL');
      } else {
        this.child.kill('SIGKILL');
      }
    } catch (e) {
      // already gone
    }
  }

  // Everything the console printed so far, with \n line ends and no ANSI escapes.
  console() {
    return stripAnsi(this.log).replace(/\r+\n/g, '\n').replace(/\r/g, '\n');
  }

  // The last `n` lines of the console, for failure reports.
  tail(n = TAIL_LINES) {
    return this.console().split('\n').slice(-n).join('\n');
  }

  report(why) {
    return `\n----- ${this.name}: ${why}; ${this.describeExit()} after ${this.elapsed().toFixed(1)} s; ` +
      `last ${TAIL_LINES} lines of the console -----\n${this.tail()}\n----- end of ${this.name} console -----\n`;
  }
}

// Run fn() for test context t (a node:test TestContext, or null in hooks) and guest (a Guest,
// or a function returning the Guest of an earlier test); if it throws, or the test runner
// aborts the test (timeout), print the guest console's tail and kill the guest.  Rethrows.
// Once a guest has been stopped that way, later tests on it fail at once, without a dump.
export async function guard(t, guest, fn) {
  const g = () => (typeof guest === 'function' ? guest() : guest);
  const onAbort = () => {
    const x = g();
    if (x && !x.stoppedBy) {
      x.stoppedBy = 'test aborted (timeout?)';
      process.stderr.write(x.report('test aborted (timeout?)'));
      x.kill();
    }
  };
  if (!g()) {
    throw new Error('not run: no guest (it failed to start in an earlier test)');
  }
  const stopped = g().stoppedBy;
  if (stopped) {
    // One console dump per guest is enough.
    throw new Error(`not run: the guest was stopped after an earlier failure (${stopped})`);
  }
  t?.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await fn();
  } catch (e) {
    const x = g();
    if (x && !x.stoppedBy) {
      x.stoppedBy = e.message.split('\n')[0];
      process.stderr.write(x.report(`failed: ${x.stoppedBy}`));
      x.kill();
    }
    throw e;
  } finally {
    t?.signal?.removeEventListener('abort', onAbort);
  }
}
