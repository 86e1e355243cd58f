#!/usr/bin/env node
// cli/qemu-wasm.js — the `qemu-wasm` command: runs build/wasm/qemu-wasm.{js,wasm} under Node.
//
// Threads: the C code (main() and every thread it starts) runs in workers
// (-sPROXY_TO_PTHREAD); this main thread only owns the terminal:
//   - it reads the .wasm itself and hands it over (Node 20's fetch breaks the 3.1.6 loader);
//   - it puts a TTY stdin in raw mode and restores it on every exit path;
//   - it copies stdin into the C side's ring buffer (core/host/emscripten.c,
//     host_stdin_ring()), handling the Ctrl-A escapes on the way (Ctrl-A x quits);
//   - it turns the C exit status into the process's exit status (Module.quit).
// Guest console output is written by the C side itself, synchronously (fs.writeSync from
// the worker), so it is complete when the process exits.
//
// Environment: QEMU_WASM_BUILD=DIR runs DIR/qemu-wasm.js instead of build/wasm (tests);
// QEMU_WASM_DEBUG=1 prints JS stacks for internal errors; QEMU_WASM_CONTROL_FD=N is the
// JavaScript API's control channel (cli/index.js; see watchControl below).
'use strict';
//
// The file runs both as CommonJS and as an ES module (whatever package.json's "type" says):
// it uses no import/export statements, no __dirname, and gets `require` from createRequire.
// build/wasm/ carries its own package.json ("type": "commonjs") for emscripten's glue.

(async function launcher() {

const { createRequire } = await import('node:module');
const fs = (await import('node:fs')).default;
// V8 first compiles Wasm with its baseline compiler (Liftoff) and tiers up per function
// only when it gets hot; the interpreter's one big dispatch function rarely gets there,
// and runs ~3x slower in baseline code (measured: Linux boot to /init 40 s vs 12.5 s).
// Compile with the optimizing tier from the start.  Must happen before any compile.
(await import('node:v8')).default.setFlagsFromString('--no-liftoff');
const SELF = fs.realpathSync(process.argv[1]);
const require = createRequire(SELF);
const path = require('path');
const os = require('os');

const ROOT = path.resolve(path.dirname(SELF), '..');
const BUILD_DIR = process.env.QEMU_WASM_BUILD
  ? path.resolve(process.env.QEMU_WASM_BUILD)
  : path.join(ROOT, 'build', 'wasm');
const DEBUG = !!process.env.QEMU_WASM_DEBUG;
// The target is the command's name, as for QEMU's binaries: `qemu-wasm-aarch64` (an npm bin,
// or a symlink to this file) runs aarch64; `qemu-wasm` (or cli/qemu-wasm.js) the default
// target.  The C side reads it from argv[0] (cli/options.c); here it picks the firmware
// directory.
const PROGRAM = path.basename(process.argv[1]).replace(/\.[cm]?js$/, '');
const TARGET_MATCH = /^qemu-wasm-([a-z0-9_]+)$/.exec(PROGRAM);
const DEFAULT_TARGET = 'riscv64'; // `qemu-wasm` stays riscv64 (cli/options.c: board_targets[0])
// A target's launcher file exists next to this one (cli/qemu-wasm-<arch>.js); any other
// name runs the default target, as the C side does.
const TARGET = TARGET_MATCH && fs.existsSync(path.join(ROOT, 'cli', `${PROGRAM}.js`))
  ? TARGET_MATCH[1]
  : DEFAULT_TARGET;
// Our own firmware (bios/<arch>, built by make) is the default -bios, as QEMU's -L dir.
const DATADIR = process.env.QEMU_WASM_DATADIR
  ? path.resolve(process.env.QEMU_WASM_DATADIR)
  : path.join(ROOT, 'build', 'bios', TARGET);

function withDefaultDatadir(args) {
  return args.some((a) => a === '-L' || a === '--L') ? args : ['-L', DATADIR, ...args];
}

const CTRL_A = 0x01;
const ESCAPE_HELP =
  '\nC-a h    print this help\n' +
  'C-a x    exit emulator\n' +
  'C-a C-a  sends C-a\n';

function writeErr(text) {
  try {
    fs.writeSync(2, text);
  } catch (e) {
    // stderr is gone: nothing more to say
  }
}

// ---- terminal ----------------------------------------------------------------------

let rawTty = false;

function setRawTty() {
  if (process.stdin.isTTY && typeof process.stdin.setRawMode === 'function') {
    try {
      process.stdin.setRawMode(true);
      rawTty = true;
    } catch (e) {
      rawTty = false;
    }
  }
}

function restoreTty() {
  if (rawTty) {
    rawTty = false;
    try {
      process.stdin.setRawMode(false);
    } catch (e) {
      // the terminal is gone
    }
  }
}

let exiting = false;

function finish(status) {
  if (exiting) {
    return;
  }
  exiting = true;
  restoreTty();
  process.exit(status);
}

process.on('exit', restoreTty);

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    // as QEMU: "terminating on signal N", exit status 0
    writeErr(`qemu-wasm: terminating on signal ${os.constants.signals[sig]}\n`);
    finish(0);
  });
}

process.on('uncaughtException', (e) => {
  if (e && (e.name === 'ExitStatus' || e === 'unwind')) {
    return;
  }
  const what = e && e.message ? e.message : String(e);
  writeErr(`qemu-wasm: internal error: ${what}\n`);
  if (DEBUG && e && e.stack) {
    writeErr(e.stack + '\n');
  }
  finish(134);
});
process.on('unhandledRejection', (e) => {
  process.emit('uncaughtException', e);
});

// ---- console input -----------------------------------------------------------------

// The ring's layout is defined in core/host/emscripten.c: four 32-bit words
// (head, tail, size, eof) then `size` data bytes.
function connectStdin(mod) {
  const ring = mod._host_stdin_ring() >>> 0;
  const words = new Int32Array(mod.HEAPU8.buffer, ring, 4);
  const size = words[2];
  const data = new Uint8Array(mod.HEAPU8.buffer, ring + 16, size);
  const HEAD = 0, TAIL = 1, EOF = 3;
  const pending = []; // chunks waiting for room in the ring
  let escape = false; // the previous byte was Ctrl-A
  let retry = null;

  // Copy as much of chunk as fits; returns the number of bytes taken.
  function push(chunk) {
    const head = Atomics.load(words, HEAD) >>> 0;
    const tail = Atomics.load(words, TAIL) >>> 0;
    const room = size - ((tail - head) >>> 0);
    const n = Math.min(room, chunk.length);
    for (let i = 0; i < n; i++) {
      data[(tail + i) & (size - 1)] = chunk[i];
    }
    if (n > 0) {
      Atomics.store(words, TAIL, (tail + n) | 0);
      Atomics.notify(words, TAIL);
    }
    return n;
  }

  function drain() {
    retry = null;
    while (pending.length > 0) {
      const chunk = pending[0];
      const n = push(chunk);
      if (n < chunk.length) {
        pending[0] = chunk.subarray(n);
        process.stdin.pause();
        retry = setTimeout(drain, 5); // the guest has not read its input yet
        return;
      }
      pending.shift();
    }
    process.stdin.resume();
  }

  // QEMU's -nographic escapes: Ctrl-A x quits, Ctrl-A h helps, Ctrl-A Ctrl-A sends Ctrl-A.
  function filter(chunk) {
    const out = [];
    for (const b of chunk) {
      if (escape) {
        escape = false;
        if (b === 0x78 /* x */) {
          writeErr('\nqemu-wasm: Terminated\n');
          finish(0);
          return null;
        } else if (b === 0x68 /* h */ || b === 0x3f /* ? */) {
          writeErr(ESCAPE_HELP);
        } else if (b === CTRL_A) {
          out.push(CTRL_A);
        }
        // anything else after Ctrl-A is dropped, as in QEMU
      } else if (b === CTRL_A) {
        escape = true;
      } else {
        out.push(b);
      }
    }
    return Uint8Array.from(out);
  }

  process.stdin.on('data', (chunk) => {
    const bytes = filter(chunk);
    if (bytes && bytes.length > 0) {
      pending.push(bytes);
      if (!retry) {
        drain();
      }
    }
  });
  process.stdin.on('end', () => {
    Atomics.store(words, EOF, 1);
    Atomics.notify(words, TAIL);
  });
  process.stdin.on('error', () => {
    Atomics.store(words, EOF, 1);
  });
}

// ---- the JavaScript API's control channel (cli/index.js) ------------------------------

// QEMU_WASM_CONTROL_FD=N: a socket to the process that runs us through the API.  The C side
// writes "ready\n" to it once the machine is built (host_machine_ready()); here we only
// watch it: when the other end goes away (that process ended, even by SIGKILL), so do we.
function watchControl() {
  const fd = Number(process.env.QEMU_WASM_CONTROL_FD);
  if (!Number.isInteger(fd) || fd < 3) {
    return;
  }
  try {
    const sock = new (require('net').Socket)({ fd, readable: true, writable: false });
    sock.on('data', () => {});
    sock.on('end', () => finish(0));
    sock.on('error', () => finish(0));
    sock.unref();
  } catch (e) {
    // not a socket: nothing to watch
  }
}

// ---- start -------------------------------------------------------------------------

async function main() {
  const jsPath = path.join(BUILD_DIR, 'qemu-wasm.js');
  const wasmPath = path.join(BUILD_DIR, 'qemu-wasm.wasm');
  const shown = process.env.QEMU_WASM_BUILD ? jsPath : path.relative(ROOT, jsPath);
  if (!fs.existsSync(jsPath) || !fs.existsSync(wasmPath)) {
    const missing = fs.existsSync(jsPath) ? shown.replace(/\.js$/, '.wasm') : shown;
    writeErr(`qemu-wasm: ${missing} not found: run make\n`);
    process.exit(1);
  }

  const createQemuWasm = require(jsPath);
  const options = {
    wasmBinary: fs.readFileSync(wasmPath),
    locateFile: (file) => path.join(BUILD_DIR, file),
    mainScriptUrlOrBlob: jsPath, // what the pthread workers load
    noInitialRun: true,
    thisProgram: PROGRAM, // argv[0]: the target and the name in messages (cli/options.c)
    // exit(status) in C (main's return, or a guest power-off from any thread) ends here
    quit: (status) => finish(status),
    printErr: (text) => {
      // the runtime's own report of a crashed worker: uncaughtException says it better
      if (!DEBUG && /^worker sent an error!/.test(text)) {
        return;
      }
      writeErr(text + '\n');
    },
    print: (text) => {
      try {
        fs.writeSync(1, text + '\n');
      } catch (e) {
        // stdout is gone
      }
    },
  };

  const mod = await createQemuWasm(options);
  setRawTty();
  connectStdin(mod);
  watchControl();
  mod.callMain(withDefaultDatadir(process.argv.slice(2)));
}

await main();

})().catch((e) => {
  // only reached if the launcher itself fails before its handlers are in place
  console.error(`qemu-wasm: internal error: ${e && e.message ? e.message : e}`);
  process.exit(134);
});
