// cli/index.js — the JavaScript API: `import { Machine } from 'qemu-wasm'`.
//
//   const m = await Machine.start({ kernel: 'Image', initrd: 'initramfs.cpio.gz',
//                                   append: 'console=ttyS0', memory: '512M' });
//   await m.waitFor('qemu-wasm: guest up');
//   const { output, status } = await m.run('uname -m');
//   await m.stop();
//
// Design: every Machine is a child process running the CLI's own launcher,
// `node cli/qemu-wasm.js ARGS...` — one loader for the engine, shared with the command line,
// and full isolation: each machine has its own Wasm instance, threads, console and exit
// status, so any number of machines in one Node process never mix.  The child's stdin and
// stdout (pipes) are the guest console; its stderr carries the emulator's own one-line
// "qemu-wasm: ..." messages.  A fourth descriptor, a socket named by QEMU_WASM_CONTROL_FD,
// is the control channel: the engine writes "ready\n" to it once the machine is built
// (every option parsed, every file loaded: cli/main.c calls host_machine_ready()), which is
// when Machine.start() resolves; if the child exits before that, start() rejects with its
// error line.  The launcher exits when that socket closes, so a machine never outlives the
// process that started it (even one killed by SIGKILL).
//
// Nothing is written to this process's stdout or stderr unless asked ({ echo }).
//
// This file is ESM and has no dependencies beyond Node (>= 20).
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

/** The launcher every Machine runs (the `qemu-wasm` command itself: the default target). */
export const LAUNCHER = fileURLToPath(new URL('./qemu-wasm.js', import.meta.url));

// Each target's command is cli/qemu-wasm-<arch>.js (the launcher reads the target from its
// own name); the board used when named options are given and `machine` is not.
const DEFAULT_MACHINE = { riscv64: 'virt', aarch64: 'virt' };

/** The targets this package has ('riscv64', ...). */
export const targets = Object.keys(DEFAULT_MACHINE).filter((a) =>
  fs.existsSync(fileURLToPath(new URL(`./qemu-wasm-${a}.js`, import.meta.url))));

function launcherFor(arch) {
  if (arch === undefined) {
    return LAUNCHER;
  }
  if (typeof arch !== 'string' || !targets.includes(arch)) {
    throw new QemuError(`qemu-wasm: unknown target '${arch}' (this package has: ${targets.join(', ')})`,
      'ERR_QEMU_OPTION');
  }
  return fileURLToPath(new URL(`./qemu-wasm-${arch}.js`, import.meta.url));
}

const CONTROL_FD = 3;
const TAIL_LINES = 20; // console lines quoted in timeout and exit errors
const KEEP_CONSUMED = 64 * 1024; // console text kept behind the waitFor cursor, for the tail
const KEEP_UNCONSUMED = 8 << 20; // at most this much console text waits for waitFor()
const SERIAL_UNREAD_LIMIT = 1 << 20; // bytes the serial stream buffers before anyone reads it
const CTRL_A = 0x01;

// ---- errors --------------------------------------------------------------------------

/** An Error with a QEMU-style message ("qemu-wasm: ...") and a `code`. */
export class QemuError extends Error {
  constructor(message, code, extra = {}) {
    super(message);
    this.name = 'QemuError';
    this.code = code;
    Object.assign(this, extra);
  }
}

// What kind of error the emulator's one-line message is (it exited with status 1 before the
// machine was built).  The messages are cli/options.c's and hw/'s.
function classify(line) {
  if (/ not found: run make$/.test(line)) {
    return 'ERR_QEMU_NOT_BUILT';
  }
  if (/could not (load|open|write|read)\b|: (No such file or directory|Permission denied|Is a directory|file is empty)$/.test(line)) {
    return 'ERR_QEMU_FILE';
  }
  if (/cannot set up guest memory/.test(line)) {
    return 'ERR_QEMU_MEMORY';
  }
  return 'ERR_QEMU_OPTION';
}

function describeExit(status, signal) {
  return signal ? `signal ${signal}` : `status ${status}`;
}

// ---- named options -> QEMU arguments ---------------------------------------------------

// QEMU's option values escape a ',' in a value as ',,'.
function optValue(v) {
  return String(v).replace(/,/g, ',,');
}

// { key: value } -> "key=value,key2=value2" (true -> on, false -> off; undefined skipped).
function optList(obj, first = []) {
  const parts = [...first];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) {
      continue;
    }
    const value = v === true ? 'on' : v === false ? 'off' : optValue(v);
    parts.push(`${k}=${value}`);
  }
  return parts.join(',');
}

function typeError(message) {
  return new QemuError(`qemu-wasm: ${message}`, 'ERR_QEMU_OPTION');
}

/**
 * The QEMU command line for Machine.start()'s options: the named options first, in QEMU's
 * usual order, then `args` as given.
 */
export function buildArgs(opts = {}) {
  const known = new Set(['args', 'arch', 'machine', 'memory', 'smp', 'cpu', 'kernel', 'initrd', 'append',
    'bios', 'dtb', 'drives', 'virtfs', 'accel', 'nographic', 'env', 'cwd', 'echo',
    'startTimeout']);
  for (const k of Object.keys(opts)) {
    if (!known.has(k)) {
      throw typeError(`Machine.start: unknown option '${k}'`);
    }
  }
  const { args = [], arch, machine, memory, smp, cpu, kernel, initrd, append, bios, dtb, drives,
    virtfs, accel, nographic } = opts;
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) {
    throw typeError('Machine.start: args must be an array of strings');
  }
  const named = [];
  const str = (name, v) => {
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw typeError(`Machine.start: ${name} must be a string`);
    }
    return String(v);
  };
  const hasNamed = [machine, memory, smp, cpu, kernel, initrd, append, bios, dtb, drives, virtfs,
    accel].some((v) => v !== undefined);
  if (machine !== undefined) {
    named.push('-machine', typeof machine === 'object' ? optList(machine) : str('machine', machine));
  } else if (hasNamed) {
    launcherFor(arch); // an unknown target is refused here
    named.push('-machine', DEFAULT_MACHINE[arch || 'riscv64']);
  }
  if (memory !== undefined) {
    // a number is MiB, as QEMU's -m
    named.push('-m', str('memory', memory));
  }
  if (smp !== undefined) {
    named.push('-smp', str('smp', smp));
  }
  if (cpu !== undefined) {
    named.push('-cpu', str('cpu', cpu));
  }
  if (accel !== undefined) {
    named.push('-accel', typeof accel === 'object'
      ? optList({ ...accel, type: undefined }, [accel.type || 'tcg']) : str('accel', accel));
  }
  if (bios !== undefined) {
    named.push('-bios', str('bios', bios));
  }
  if (kernel !== undefined) {
    named.push('-kernel', str('kernel', kernel));
  }
  if (initrd !== undefined) {
    named.push('-initrd', str('initrd', initrd));
  }
  if (append !== undefined) {
    named.push('-append', str('append', append));
  }
  if (dtb !== undefined) {
    named.push('-dtb', str('dtb', dtb));
  }
  for (const d of [].concat(drives ?? [])) {
    // { file, format, if, ... } or QEMU's own "file=...,if=virtio" string
    named.push('-drive', typeof d === 'object' ? optList(d) : str('drives', d));
  }
  for (const v of [].concat(virtfs ?? [])) {
    // { path, mount_tag, security_model, readonly, fsdriver = 'local' } or QEMU's string
    if (typeof v === 'object') {
      const { fsdriver = 'local', ...rest } = v;
      named.push('-virtfs', optList({ security_model: 'none', ...rest }, [fsdriver]));
    } else {
      named.push('-virtfs', str('virtfs', v));
    }
  }
  if (hasNamed && nographic !== false && !args.includes('-nographic') && !args.includes('--nographic')) {
    named.push('-nographic');
  }
  return [...named, ...args];
}

// ---- the console text and its waiters -------------------------------------------------

function stripAnsi(s) {
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b[()][0-9A-Za-z]/g, '');
}

function clean(s) {
  return stripAnsi(s.replace(/\r+\n/g, '\n')).replace(/\r/g, '');
}

// A regex without the flags that make exec() stateful.
function plainRegExp(re) {
  return re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
}

function describePattern(p) {
  return typeof p === 'string' ? JSON.stringify(p) : String(p);
}

// ---- Machine --------------------------------------------------------------------------

const live = new Set();
let exitHook = false;

/**
 * A running emulator.  Create with `await Machine.start(options)`.
 * Events: 'output' (string: console text as it arrives), 'stderr' (string: the emulator's
 * own messages), 'exit' (status, signal).
 */
export class Machine extends EventEmitter {
  /**
   * Start a machine; resolves once it is built (options accepted, kernel and firmware
   * loaded), before the guest's first instruction — or rejects with a QemuError.
   */
  static start(opts = {}) {
    let args;
    try {
      args = buildArgs(opts);
    } catch (e) {
      return Promise.reject(e);
    }
    let launcher;
    try {
      launcher = launcherFor(opts.arch);
    } catch (e) {
      return Promise.reject(e);
    }
    const m = new Machine(args, { ...opts, launcher });
    return m._started.then(() => m);
  }

  constructor(args, { env, cwd, echo, startTimeout = 60000, launcher = LAUNCHER } = {}) {
    super();
    if (!Array.isArray(args)) {
      throw new TypeError('use Machine.start(options)');
    }
    /** The arguments the emulator runs with. */
    this.args = args;
    /** Exit status once exited, else null; `signal` if a signal ended it. */
    this.exitCode = null;
    this.signal = null;
    /** The emulator's own messages (stderr), as one string. */
    this.stderr = '';
    this._text = ''; // console text; waitFor() looks at _text.slice(_pos)
    this._pos = 0;
    this._waiters = new Set();
    this._runQueue = Promise.resolve();
    this._token = randomBytes(4).toString('hex');
    this._markers = 0;
    this._ready = false;
    this._echo = echo === true ? process.stderr : echo || null;

    let resolveExit;
    /** Resolves with the exit status (128 + N if signal N ended it); never rejects. */
    this.exited = new Promise((resolve) => { resolveExit = resolve; });
    let resolveStart, rejectStart;
    this._started = new Promise((resolve, reject) => {
      resolveStart = resolve;
      rejectStart = reject;
    });
    this._started.catch(() => {}); // start() hands it on; no unhandled rejection here

    // the console as a byte stream
    let reading = false;
    this.serial = new Duplex({
      read: () => { reading = true; },
      write: (chunk, encoding, cb) => {
        try {
          this._write(chunk);
          cb();
        } catch (e) {
          cb(e);
        }
      },
      final: (cb) => {
        // end of input: the guest sees the console's input end
        this._child.stdin.end();
        cb();
      },
    });
    this.serial.on('error', () => {}); // writes after exit: reported to the writer's callback
    this._serialPush = (b) => {
      if (reading || this.serial.readableLength < SERIAL_UNREAD_LIMIT) {
        this.serial.push(b);
      }
    };

    const child = spawn(process.execPath, [launcher, ...args], {
      cwd,
      env: { ...process.env, ...(env || {}), QEMU_WASM_CONTROL_FD: String(CONTROL_FD) },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this._child = child;
    /** The emulator's process id. */
    this.pid = child.pid;
    live.add(this);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => {
        for (const x of live) {
          x._kill('SIGKILL');
        }
      });
    }

    const out = new StringDecoder('utf8');
    child.stdout.on('data', (b) => {
      this._serialPush(b);
      this._echo?.write(b);
      this._append(out.write(b));
    });
    const err = new StringDecoder('utf8');
    child.stderr.on('data', (b) => {
      const s = err.write(b);
      this.stderr += s;
      if (this._echo) {
        this._echo.write(b);
      }
      this.emit('stderr', s);
    });
    child.stdin.on('error', () => {}); // EPIPE once it has exited
    const startTimer = setTimeout(() => {
      if (!this._ready) {
        rejectStart(new QemuError(`qemu-wasm: the machine was not built within ${startTimeout / 1000} s`,
          'ERR_QEMU_TIMEOUT'));
        this._kill('SIGKILL');
      }
    }, startTimeout);

    const control = child.stdio[CONTROL_FD];
    let controlText = '';
    control.on('data', (b) => {
      controlText += b.toString('latin1');
      if (!this._ready && controlText.includes('ready\n')) {
        this._ready = true;
        clearTimeout(startTimer);
        resolveStart();
      }
    });
    control.on('error', () => {});

    child.on('error', (e) => {
      // could not spawn Node itself
      clearTimeout(startTimer);
      rejectStart(new QemuError(`qemu-wasm: cannot run ${process.execPath}: ${e.message}`,
        'ERR_QEMU_EXIT'));
    });
    child.on('close', (code, signal) => {
      clearTimeout(startTimer);
      this._append(out.end());
      const rest = err.end();
      if (rest) {
        this.stderr += rest;
        this.emit('stderr', rest);
      }
      live.delete(this);
      this.exitCode = code ?? 128 + (os.constants.signals[signal] || 0);
      this.signal = signal;
      this.serial.push(null);
      if (!this._ready) {
        const e = this._startError(code, signal);
        if (e) {
          rejectStart(e);
        } else {
          resolveStart();
        }
      }
      this.emit('exit', this.exitCode, signal);
      resolveExit(this.exitCode);
      this._poke();
    });
  }

  // Why the machine did not start: the emulator's last message, with a code.
  _startError(code, signal) {
    const lines = this.stderr.split('\n').map((l) => l.trimEnd()).filter(Boolean);
    const last = lines.filter((l) => l.startsWith('qemu-wasm: ')).pop() || lines.pop();
    if (code === 0) {
      // e.g. -version, -machine help: done, nothing to run (the text is in the output)
      return null;
    }
    if (code === 1 && last) {
      return new QemuError(last, classify(last), { status: 1, stderr: this.stderr });
    }
    return new QemuError(`qemu-wasm: exited (${describeExit(code, signal)}) before the machine started` +
      (last ? `: ${last.replace(/^qemu-wasm: /, '')}` : ''), 'ERR_QEMU_EXIT',
      { status: this.exitCode, signal, stderr: this.stderr });
  }

  _append(s) {
    if (!s) {
      return;
    }
    this._text += s;
    this.emit('output', s);
    this._poke();
  }

  _poke() {
    for (const w of [...this._waiters]) {
      w();
    }
    // forget what every wait has consumed, keeping enough for tail()
    if (this._pos > 2 * KEEP_CONSUMED) {
      const cut = this._pos - KEEP_CONSUMED;
      this._text = this._text.slice(cut);
      this._pos -= cut;
    }
    // nobody waits: keep the newest output only
    if (this._text.length > 2 * KEEP_UNCONSUMED) {
      const cut = this._text.length - KEEP_UNCONSUMED;
      this._text = this._text.slice(cut);
      this._pos = Math.max(0, this._pos - cut);
    }
  }

  _write(data) {
    if (this.exitCode !== null) {
      throw new QemuError(`qemu-wasm: cannot send to the machine: it has exited (status ${this.exitCode})`,
        'ERR_QEMU_EXIT');
    }
    let b = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    // The launcher reads Ctrl-A as QEMU's escape key (Ctrl-A x quits); Ctrl-A Ctrl-A is one
    // Ctrl-A for the guest.  Double them so that the console is byte-transparent.
    if (b.includes(CTRL_A)) {
      const out = [];
      for (const x of b) {
        out.push(x);
        if (x === CTRL_A) {
          out.push(x);
        }
      }
      b = Buffer.from(out);
    }
    this._child.stdin.write(b);
  }

  /** Type text (or bytes) on the guest console. */
  send(data) {
    this._write(data);
  }

  /** Whether the emulator is still running. */
  get running() {
    return this.exitCode === null;
  }

  /** The last `n` lines of the console (ANSI escapes removed, \n line ends). */
  tail(n = TAIL_LINES) {
    const lines = clean(this._text).split('\n');
    if (lines.length && lines[lines.length - 1] === '') {
      lines.pop();
    }
    return lines.slice(-n).join('\n');
  }

  _report(what) {
    return `${what}; last console lines:\n${this.tail()}` +
      (this.stderr.trim() ? `\nemulator messages:\n${this.stderr.trimEnd()}` : '');
  }

  /**
   * Wait until `pattern` (a string or RegExp) appears in console output that earlier waits
   * and runs have not consumed; resolves with the match (a RegExp match array, or [text] for
   * a string) and consumes the output up to its end.  Rejects on timeout (ERR_QEMU_TIMEOUT)
   * or if the machine exits first (ERR_QEMU_EXIT), with the last console lines in the
   * message.
   */
  waitFor(pattern, { timeout = 30000 } = {}) {
    if (typeof pattern !== 'string' && !(pattern instanceof RegExp)) {
      return Promise.reject(new TypeError('waitFor: pattern must be a string or a RegExp'));
    }
    return this._wait(pattern, timeout, `waiting for ${describePattern(pattern)}`);
  }

  _wait(pattern, timeout, what) {
    const re = pattern instanceof RegExp ? plainRegExp(pattern) : null;
    return new Promise((resolve, reject) => {
      let timer = null;
      const done = () => {
        clearTimeout(timer);
        this._waiters.delete(check);
      };
      const check = () => {
        const rest = this._text.slice(this._pos);
        let m = null;
        if (re) {
          m = re.exec(rest);
        } else {
          const i = rest.indexOf(pattern);
          if (i >= 0) {
            m = [pattern];
            m.index = i;
            m.input = rest;
          }
        }
        if (m) {
          this._pos += m.index + m[0].length;
          done();
          resolve(m);
        } else if (this.exitCode !== null) {
          done();
          reject(new QemuError(this._report(`qemu-wasm: the machine exited (${describeExit(this.exitCode, this.signal)}) ` +
            `while ${what}`), 'ERR_QEMU_EXIT', { status: this.exitCode }));
        }
      };
      if (timeout !== Infinity && timeout > 0) {
        timer = setTimeout(() => {
          done();
          reject(new QemuError(this._report(`qemu-wasm: timed out after ${timeout / 1000} s ${what}`),
            'ERR_QEMU_TIMEOUT'));
        }, timeout);
      }
      this._waiters.add(check);
      check();
    });
  }

  /**
   * Run a command at the guest's shell (which must be reading commands on the console) and
   * resolve with { output, status }: what it printed (\n line ends, no ANSI escapes) and its
   * exit status.  The output is delimited by markers unique to this call, printed by the shell
   * itself; the command runs in the current shell (so `cd` persists; `exit` ends the shell).
   * Runs are queued: one at a time per machine.  Each line of `cmd` must fit the shell's line
   * editor (busybox: 1023 bytes).
   */
  run(cmd, { timeout = 60000 } = {}) {
    if (typeof cmd !== 'string') {
      return Promise.reject(new TypeError('run: the command must be a string'));
    }
    const go = async () => {
      const id = `${this._token}${++this._markers}`;
      // Typed: echo QW''ID:S; { CMD
      //        }; echo QW''ID:E$?
      // The terminal echoes the typed text, in which '' splits the markers, so only the
      // shell's own output matches.  The brace group is parsed whole before anything runs
      // (its continuation prompt comes before the start marker), and `}` on its own line ends
      // it even after a comment or a here-document.
      this._write(`echo QW''${id}:S; { ${cmd}\n}; echo QW''${id}:E$?\n`);
      const re = new RegExp(`QW${id}:S\\r*\\n([\\s\\S]*?)QW${id}:E(\\d+)\\r*\\n`);
      const m = await this._wait(re, timeout, `running ${JSON.stringify(cmd)}`);
      return { output: clean(m[1]), status: Number(m[2]) };
    };
    const result = this._runQueue.then(go, go);
    this._runQueue = result.catch(() => {});
    return result;
  }

  _kill(signal) {
    if (this.exitCode === null) {
      try {
        this._child.kill(signal);
      } catch (e) {
        // already gone
      }
    }
  }

  /**
   * End the emulator (SIGTERM: the launcher stops it as QEMU does on a signal, status 0; after
   * `timeout` ms, SIGKILL) and resolve with its exit status once the process is gone.
   */
  async stop({ timeout = 5000 } = {}) {
    if (this.exitCode === null) {
      this._kill('SIGTERM');
      const timer = setTimeout(() => this._kill('SIGKILL'), timeout);
      try {
        await this.exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return this.exitCode;
  }

  async [Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose')]() {
    await this.stop();
  }
}

/** The package's version (package.json). */
export const version = JSON.parse(fs.readFileSync(path.join(path.dirname(LAUNCHER), '..', 'package.json'),
  'utf8')).version;
