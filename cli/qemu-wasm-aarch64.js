#!/usr/bin/env node
// cli/qemu-wasm-aarch64.js — the `qemu-wasm-aarch64` command: the launcher (cli/qemu-wasm.js)
// for the aarch64 target, which it takes from this file's name.
import('./qemu-wasm.js');
