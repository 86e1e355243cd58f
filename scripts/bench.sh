#!/usr/bin/env bash
# scripts/bench.sh — `make bench`: the bare-metal compute benchmark (bench/<arch>/), boot to
# a busybox shell, and in that shell a 200,000-iteration arithmetic loop and md5sum of 20 MB,
# under Node with the JIT off and on, under the native build and under Debian's
# qemu-system-riscv64 (when installed: qemu-system-misc), median of 3 each, engines
# interleaved, with the ratio to native QEMU.  The driver is scripts/bench.mjs; its header
# says how each time is measured, and its environment knobs: BENCH_RUNS, BENCH_ONLY (e.g.
# compute,boot), BENCH_ENGINES (e.g. node,qemu), BENCH_LOOP, BENCH_MD5_MB, BENCH_FIRMWARE,
# BENCH_APPEND, BENCH_VERBOSE.  Then scripts/bench_io.mjs: virtio-blk and 9p throughput (dd in
# the guest) beside QEMU with the same options (its knobs: BENCH_IO_*).  Then
# scripts/bench_smp.mjs: the same parallel guest jobs with -smp 1 and -smp 2 (Node, QEMU), and
# the speed-up smp2/smp1 (its knobs: BENCH_SMP_*).  BENCH_ONLY=io or BENCH_ONLY=smp runs only
# that one (BENCH_ONLY=io,smp both); BENCH_ONLY without io or smp skips them.
# BENCH_ARCH (default riscv64) picks the guest architecture for all three (its launcher,
# reference QEMU, images and command lines: test/boot/archs/<arch>.mjs; its bare-metal
# benchmark: bench/<arch>/, built by make bench-<arch>); what is above is riscv64's.
# Run it on an otherwise idle machine: one emulator runs at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_ARCH=${BENCH_ARCH:-riscv64}
[ -f "test/boot/archs/$BENCH_ARCH.mjs" ] \
    || { echo "bench: BENCH_ARCH: unknown guest architecture '$BENCH_ARCH' (no test/boot/archs/$BENCH_ARCH.mjs)" >&2; exit 2; }

[ -x build/native/qemu-wasm ] && [ -f build/wasm/qemu-wasm.wasm ] \
    || { echo "bench: the builds are missing: run make" >&2; exit 1; }
[ -f "build/bench/$BENCH_ARCH/bench.elf" ] \
    || { echo "bench: build/bench/$BENCH_ARCH/bench.elf is missing: run make bench-$BENCH_ARCH" >&2; exit 1; }
bash scripts/images.sh "$BENCH_ARCH"
[ -z "${BENCH_VERBOSE:-}" ] || export BOOT_TEST_VERBOSE=1
# BENCH_ONLY: "io" selects bench_io.mjs, "smp" bench_smp.mjs, the rest goes to bench.mjs
only=${BENCH_ONLY:-}
io=1
smp=1
if [ -n "$only" ]; then
    case ",$only," in *,io,*) ;; *) io=0 ;; esac
    case ",$only," in *,smp,*) ;; *) smp=0 ;; esac
    only=$(echo ",$only," | sed 's/,io,/,/g; s/,smp,/,/g; s/^,*//; s/,*$//')
fi
if [ -z "${BENCH_ONLY:-}" ] || [ -n "$only" ]; then
    BENCH_ONLY=$only node scripts/bench.mjs "$@"
fi
status=0
if [ "$io" = 1 ]; then
    echo
    node scripts/bench_io.mjs || status=1
fi
if [ "$smp" = 1 ]; then
    echo
    node scripts/bench_smp.mjs || status=1
fi
exit $status
