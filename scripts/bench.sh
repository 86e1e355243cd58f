#!/usr/bin/env bash
# scripts/bench.sh — `make bench`: boot-to-shell time and a guest shell loop under Node, under
# the native build and under Debian's qemu-system-riscv64 (when installed: qemu-system-misc),
# median of 3 each, with the ratio to native QEMU.  The driver is scripts/bench.mjs; its
# environment knobs (BENCH_RUNS, BENCH_LOOP, BENCH_ENGINES) are described there.
# Run it on an otherwise idle machine: one emulator runs at a time.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x build/native/qemu-wasm ] && [ -f build/wasm/qemu-wasm.wasm ] \
    || { echo "bench: the builds are missing: run make" >&2; exit 1; }
bash scripts/images.sh riscv64
exec node scripts/bench.mjs "$@"
