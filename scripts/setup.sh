#!/usr/bin/env bash
# scripts/setup.sh — install what building and testing qemu-wasm needs, on Debian (12+)
# or a derivative.  Safe to re-run: does nothing when everything is already installed.
#   build-essential            the native build (gcc): unit tests, sanitizers
#   emscripten binaryen wabt   the Wasm build (Debian's emscripten 3.1.6)
#   gcc/binutils-riscv64-linux-gnu   riscv64 guest test programs and our firmware
#   gcc/binutils-aarch64-linux-gnu   aarch64 guest test programs (ISA tests, benchmark)
#   device-tree-compiler       dtc, to check the device trees we generate
#   cpio xz-utils debian-archive-keyring   scripts/images.sh (guest images from Debian)
#   e2fsprogs                  e2fsck: the boot tests check the guest's ext2 disks
#   qemu-utils                 qemu-img: the qcow2 tests check our images with QEMU's tool
#   qemu-system-misc           qemu-system-riscv64 and
#   qemu-system-arm            qemu-system-aarch64: the references for tests and benchmarks
#                              only (never used by the product; test_arm_virt_fdt compares
#                              device trees with qemu-system-aarch64's)
#   Node.js >= 20              runs the product and the tests
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential emscripten binaryen wabt gcc-riscv64-linux-gnu
          binutils-riscv64-linux-gnu gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
          device-tree-compiler qemu-system-misc qemu-system-arm
          cpio xz-utils debian-archive-keyring e2fsprogs qemu-utils)

if command -v node >/dev/null 2>&1; then
    major=$(node -p 'process.versions.node.split(".")[0]')
    if [ "$major" -lt 20 ]; then
        echo "setup: Node.js >= 20 is required, found $(node --version)" >&2
        exit 1
    fi
else
    packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -gt 0 ]; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    echo "setup: installing ${missing[*]}"
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y "${missing[@]}"
else
    echo "setup: all system packages are installed"
fi

# npm dependencies, if package.json ever has any.
if node -e 'const p = require("./package.json");
            process.exit(Object.keys({...p.dependencies, ...p.devDependencies}).length ? 0 : 1)'; then
    npm install
fi
