#!/usr/bin/env bash
# test/isa/run.sh — run bare-metal ISA test ELFs under an emulator.
#
#   test/isa/run.sh [--label L] [--timeout S] [--dir D] EMULATOR [ARGS...] [-- ELF...]
#
# Each ELF runs as `EMULATOR ARGS BASEARGS TESTARGS -kernel ELF -nographic` (stdin from
# /dev/null) under `timeout S` (default 60); the test's verdict is the emulator's exit status
# (0 = pass, N = failing check N, 124 = timed out).  BASEARGS depend on the ELF's architecture
# (its e_machine), i.e. on how the board starts a bare-metal program and how it ends:
#   riscv64   -M virt -bios none                      (M-mode; the SiFive test device exits)
#   aarch64   -M virt -cpu cortex-a57 -semihosting    (EL1, MMU off; semihosting SYS_EXIT)
# TESTARGS come last, so a test's own -cpu (e.g. -cpu max) replaces the base one.
# Without ELFs after --, every *.elf in D (default build/isa/riscv64) runs.  Prints
# "PASS name (L)" / "FAIL name (L): exit N" per test and a final "N passed, N failed" line;
# exits 1 if any failed.
#
# TESTARGS are the test's own emulator arguments: the rest of the first line containing
# "run-args:" in its source, test/isa/ARCH/NAME.S for the ELF .../ARCH/NAME.elf (e.g. the SMP
# tests' header comment has " * run-args: -smp 4").  Tests without such a line get none.
# They come after BASEARGS so that they override them (QEMU takes the last -cpu: a test
# with "run-args: -cpu max" runs on max). They are shown after the label: "PASS smp_amo
# (native) [-smp 4]".
#
# Examples:
#   test/isa/run.sh --label native build/native/qemu-wasm
#   test/isa/run.sh --label node node cli/qemu-wasm.js
#   test/isa/run.sh --label qemu qemu-system-riscv64
#   test/isa/run.sh --label qemu --dir build/isa/aarch64 qemu-system-aarch64
set -u

label=""
tmo=60
dir=build/isa/riscv64
while [ $# -gt 0 ]; do
    case "$1" in
        --label) label=$2; shift 2 ;;
        --timeout) tmo=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        *) break ;;
    esac
done
emu=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do emu+=("$1"); shift; done
[ $# -gt 0 ] && shift
if [ ${#emu[@]} -eq 0 ]; then
    echo "usage: $0 [--label L] [--timeout S] [--dir D] EMULATOR [ARGS...] [-- ELF...]" >&2
    exit 2
fi
[ -n "$label" ] || label=$(basename "${emu[0]}")
if [ $# -gt 0 ]; then
    elfs=("$@")
else
    shopt -s nullglob
    elfs=("$dir"/*.elf)
fi
if [ ${#elfs[@]} -eq 0 ]; then
    echo "no tests found" >&2
    exit 2
fi

# the test's own arguments (see the header), split into words
test_args() {
    local src
    src="$(dirname "$0")/$(basename "$(dirname "$1")")/$(basename "$1" .elf).S"
    [ -f "$src" ] || return 0
    sed -n '/run-args:/{s/^.*run-args:[[:space:]]*//;s/[[:space:]]*\*\/.*$//;p;q}' "$src"
}

# the board's arguments for a bare-metal ELF of this architecture (ELF e_machine at offset 18)
base_args() {
    local machine
    machine=$(od -An -tu2 -j18 -N2 "$1" 2>/dev/null | tr -d ' ')
    case $machine in
        243) echo "-M virt -bios none" ;;                      # EM_RISCV
        183) echo "-M virt -cpu cortex-a57 -semihosting" ;;    # EM_AARCH64
        *) return 1 ;;
    esac
}

passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for elf in "${elfs[@]}"; do
    name=$(basename "$elf" .elf)
    read -r -a targs <<<"$(test_args "$elf")"
    if ! base="$(base_args "$elf")"; then
        echo "FAIL $name ($label): $elf is missing or not a riscv64 or aarch64 ELF"
        failed=$((failed + 1))
        continue
    fi
    read -r -a bargs <<<"$base"
    shown="($label)"
    [ ${#targs[@]} -eq 0 ] || shown="($label) [${targs[*]}]"
    timeout "$tmo" "${emu[@]}" "${bargs[@]}" "${targs[@]}" -kernel "$elf" -nographic \
        </dev/null >"$out" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        echo "PASS $name $shown"
        passed=$((passed + 1))
    else
        if [ $rc -eq 124 ]; then
            echo "FAIL $name $shown: exit $rc (timeout after ${tmo}s)"
        else
            echo "FAIL $name $shown: exit $rc"
        fi
        sed -e 's/^/    /' "$out" | tail -n 20
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
