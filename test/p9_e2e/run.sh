#!/bin/bash
# test/p9_e2e/run.sh — the 9P server (hw/fs/) against Linux's own 9p client.
#
# Boots Debian's riscv64 kernel (build/images/riscv64, from `make images`) in Debian's
# qemu-system-riscv64 — only as a vehicle for a real v9fs client, not as a dependency of
# the product — with an initramfs whose /init runs test/p9_e2e/guest.sh: it mounts shares
# served by p9fd (our hw/fs code, cross-compiled, over the kernel's trans=fd) with every
# security model, cache=none and cache=loose, and exercises them with busybox.
# Needs riscv64-linux-gnu-gcc, qemu-system-riscv64, and the kernel's 9pnet_fd module, taken
# from the linux-image .deb that scripts/images.sh cached.  Manual (a few minutes):
#   bash test/p9_e2e/run.sh        -> "P9E2E fails=0", status 0
set -euo pipefail
cd "$(dirname "$0")/../.."
IMG=build/images/riscv64
KVER=$(cat "$IMG/VERSION")
CACHE=${QEMU_WASM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-wasm}
OUT=build/p9_e2e
rm -rf "$OUT"
mkdir -p "$OUT/root"
(cd "$OUT/root" && zcat "../../../$IMG/initramfs.cpio.gz" | cpio -id --quiet)
riscv64-linux-gnu-gcc -std=gnu11 -D_GNU_SOURCE -O2 -static -I. test/p9_e2e/p9fd.c \
    hw/fs/p9*.c core/host/native_fs.c -o "$OUT/root/bin/p9fd"
deb=$(ls "$CACHE"/debs/linux-image-"$KVER"_*.deb | head -n1)
dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards '*/9pnet_fd.ko*' | xz -dc \
    > "$OUT/root/lib/modules/$KVER/9pnet_fd.ko"
cp test/p9_e2e/guest.sh "$OUT/root/guest.sh"
# the image's /init, with the shell replaced by the test
sed -i 's|^setsid cttyhack sh$|insmod /lib/modules/$kver/9pnet_fd.ko; sh /guest.sh|' "$OUT/root/init"
grep -q guest.sh "$OUT/root/init"
(cd "$OUT/root" && find . | cpio -o -H newc -R 0:0 --quiet | gzip -1) > "$OUT/initramfs.cpio.gz"
timeout 1200 qemu-system-riscv64 -M virt -m 512M -nographic -bios "$IMG/fw_dynamic.bin" \
    -kernel "$IMG/Image" -initrd "$OUT/initramfs.cpio.gz" -append "console=ttyS0 quiet" \
    < /dev/null | tee "$OUT/log" | sed -n '/guest up/,$p'
grep -q "P9E2E fails=0" "$OUT/log"
