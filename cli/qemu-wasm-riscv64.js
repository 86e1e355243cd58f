#!/usr/bin/env node
// cli/qemu-wasm-riscv64.js — the `qemu-wasm-riscv64` command: the launcher (cli/qemu-wasm.js)
// for the riscv64 target, which it takes from this file's name.
import('./qemu-wasm.js');
