// cli/index.d.ts — types for cli/index.js, the JavaScript API of qemu-wasm.
/// <reference types="node" />
import { EventEmitter } from 'node:events';
import { Duplex } from 'node:stream';

/** Error codes of QemuError. */
export type QemuErrorCode =
  /** a bad option (the emulator's "qemu-wasm: -foo: invalid option" and the like) */
  | 'ERR_QEMU_OPTION'
  /** a file that cannot be used ("could not load kernel 'x': No such file or directory") */
  | 'ERR_QEMU_FILE'
  /** the host cannot give the guest its memory */
  | 'ERR_QEMU_MEMORY'
  /** the Wasm build is missing (run make) */
  | 'ERR_QEMU_NOT_BUILT'
  /** the emulator exited when it should not have (before start, or during a wait) */
  | 'ERR_QEMU_EXIT'
  /** a wait, a run or the start took longer than its timeout */
  | 'ERR_QEMU_TIMEOUT';

/** An Error with a QEMU-style message ("qemu-wasm: ...") and a code. */
export class QemuError extends Error {
  readonly code: QemuErrorCode;
  /** the emulator's exit status, for errors caused by its exit */
  readonly status?: number;
  /** the emulator's messages (stderr), for errors caused by its exit */
  readonly stderr?: string;
}

/** QEMU option values as an object: { file: 'disk.img', if: 'virtio' } -> "file=disk.img,if=virtio". */
export type QemuOptionObject = Record<string, string | number | boolean | undefined>;

export interface StartOptions {
  /** QEMU's command-line arguments, e.g. ['-M', 'virt', '-kernel', 'Image', '-nographic'];
   *  appended after those the named options make. */
  args?: string[];
  /** The guest architecture (the `qemu-wasm-<arch>` command to run): one of `targets`.
   *  Default: 'riscv64' (the `qemu-wasm` command). */
  arch?: 'riscv64' | 'aarch64' | (string & {});
  /** -machine (default 'virt' when any named option is given), e.g. 'virt' or { type: 'virt' }. */
  machine?: string | QemuOptionObject;
  /** -m: '512M', '1G', or a number of MiB. */
  memory?: string | number;
  /** -smp: the number of vCPUs, or QEMU's string ('cpus=2'). */
  smp?: number | string;
  /** -cpu */
  cpu?: string;
  /** -kernel */
  kernel?: string;
  /** -initrd */
  initrd?: string;
  /** -append: the kernel command line. */
  append?: string;
  /** -bios: a firmware file, or 'none'. Default: our firmware (build/bios/riscv64). */
  bios?: string;
  /** -dtb */
  dtb?: string;
  /** -drive, once per entry: QEMU's string or { file, format, if, ... }. */
  drives?: Array<string | QemuOptionObject> | string | QemuOptionObject;
  /** -virtfs, once per entry: QEMU's string or { path, mount_tag, security_model, readonly,
   *  fsdriver = 'local' }. */
  virtfs?: Array<string | QemuOptionObject> | string | QemuOptionObject;
  /** -accel: 'tcg,jit=off' or { type: 'tcg', jit: false }. */
  accel?: string | QemuOptionObject;
  /** -nographic is added when named options are used; false leaves it out. */
  nographic?: boolean;
  /** Extra environment variables for the emulator process. */
  env?: Record<string, string>;
  /** Working directory of the emulator (relative file names are resolved against it). */
  cwd?: string;
  /** Copy the console and the emulator's messages to this stream as they arrive (true:
   *  process.stderr).  Default: nothing is printed. */
  echo?: NodeJS.WritableStream | boolean;
  /** How long building the machine may take, in ms (default 60000). */
  startTimeout?: number;
}

export interface WaitOptions {
  /** in ms (default 30000); Infinity or 0 waits for ever */
  timeout?: number;
}

export interface RunOptions {
  /** in ms (default 60000) */
  timeout?: number;
}

export interface RunResult {
  /** what the command printed (\n line ends, ANSI escapes removed) */
  output: string;
  /** its exit status */
  status: number;
}

export interface StopOptions {
  /** ms to wait after SIGTERM before SIGKILL (default 5000) */
  timeout?: number;
}

/** A match of waitFor(): a RegExp's match array, or [text] for a string. */
export type WaitMatch = RegExpExecArray | (string[] & { index: number; input: string });

export declare class Machine extends EventEmitter {
  /** Start a machine: resolves once it is built (options accepted, files loaded), before the
   *  guest runs; rejects with a QemuError otherwise. */
  static start(options?: StartOptions): Promise<Machine>;

  /** The emulator's arguments. */
  readonly args: string[];
  /** The emulator process's id. */
  readonly pid: number;
  /** The console: bytes written go to the guest, bytes read are the guest's output. */
  readonly serial: Duplex;
  /** Resolves with the emulator's exit status (128 + N if signal N ended it); never rejects. */
  readonly exited: Promise<number>;
  /** The exit status once exited, else null. */
  readonly exitCode: number | null;
  /** The signal that ended the emulator, if one did. */
  readonly signal: NodeJS.Signals | null;
  /** The emulator's own messages (its stderr) so far. */
  readonly stderr: string;
  /** Whether the emulator is still running. */
  readonly running: boolean;

  /** Wait for text in console output not consumed by earlier waits and runs; consumes it. */
  waitFor(pattern: string | RegExp, options?: WaitOptions): Promise<WaitMatch>;
  /** Type on the console. */
  send(data: string | Uint8Array): void;
  /** Run a shell command in the guest (whose shell must be reading the console). */
  run(command: string, options?: RunOptions): Promise<RunResult>;
  /** End the emulator; resolves with its exit status once it is gone. */
  stop(options?: StopOptions): Promise<number>;
  /** The last n lines of the console (default 20). */
  tail(n?: number): string;
  [Symbol.asyncDispose](): Promise<void>;

  on(event: 'output', listener: (text: string) => void): this;
  on(event: 'stderr', listener: (text: string) => void): this;
  on(event: 'exit', listener: (status: number, signal: NodeJS.Signals | null) => void): this;
  on(event: string | symbol, listener: (...args: any[]) => void): this;
  once(event: 'output', listener: (text: string) => void): this;
  once(event: 'stderr', listener: (text: string) => void): this;
  once(event: 'exit', listener: (status: number, signal: NodeJS.Signals | null) => void): this;
  once(event: string | symbol, listener: (...args: any[]) => void): this;
}

/** The QEMU arguments that Machine.start(options) runs the emulator with. */
export function buildArgs(options?: StartOptions): string[];

/** The path of the launcher (the `qemu-wasm` command) every Machine runs. */
export const LAUNCHER: string;

/** The package's version. */
export const version: string;

/** The guest architectures this package runs (e.g. ['riscv64', 'aarch64']): values of StartOptions.arch. */
export const targets: string[];
