# scripts/images/aarch64.sh — the aarch64 recipe of scripts/images.sh (sourced by it; what a
# recipe sets and defines: scripts/images/riscv64.sh).  No firmware: the boards boot the
# kernel directly.
ARCH=aarch64
DEBARCH=arm64
SUITES="bookworm"                      # 6.1, as in NOTES' reference timings
KMETA=linux-image-arm64
KFILE=vmlinuz                          # arm64 Image, maybe gzip'd
FIRMWARE_PKG=
OUTPUTS="Image initramfs.cpio.gz"

# The arm64 Linux Image header: magic "ARM\x64" at offset 56.
recipe_check_image() {
    local magic
    magic=$(dd if="$1" bs=1 skip=56 count=4 2>/dev/null)
    [ "$magic" = ARMd ] || die "boot/$KFILE-* is not an arm64 Linux Image"
}

recipe_firmware() { :; }
