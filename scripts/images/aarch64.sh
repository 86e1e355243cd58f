# scripts/images/aarch64.sh — the aarch64 recipe of scripts/images.sh (sourced by it; what a
# recipe sets and defines: scripts/images/riscv64.sh).  No firmware: the boards boot the
# kernel directly (QEMU's virt and ours enter the Image at EL1 with x0 = the device tree).
ARCH=aarch64
DEBARCH=arm64
SUITES="trixie"                        # Linux 6.12, as issue 13 asks (the riscv64 guest's too)
KMETA=linux-image-arm64
KFILE=vmlinuz                          # boot/vmlinuz-<ver>: on trixie an uncompressed Image
                                       # (~36 MB); a gzip'd one images.sh decompresses
FIRMWARE_PKG=
OUTPUTS="Image initramfs.cpio.gz"

# The arm64 Image header (Documentation/arch/arm64/booting.rst): magic "ARM\x64" at offset 56;
# flags at 48, bit 0 = big-endian kernel (our loader, like QEMU's virt, boots little-endian
# only); image_size at 16 (0 only before Linux 3.17).  An EFI "zboot" image (CONFIG_EFI_ZBOOT:
# "MZ", "zimg" at 4) is not an Image: it would need its payload unpacked first.
recipe_check_image() {
    local magic flags size
    magic=$(od -An -tx1 -j56 -N4 "$1" | tr -d ' \n')
    if [ "$magic" != 41524d64 ]; then
        [ "$(od -An -c -j4 -N4 "$1" | tr -d ' \n')" = zimg ] \
            && die "boot/$KFILE-* is an EFI zboot image, not a raw arm64 Image (unpack its payload)"
        die "boot/$KFILE-* is not an arm64 Linux Image (magic at 56: $magic)"
    fi
    flags=$(od -An -tu8 -j48 -N8 "$1" | tr -d ' ')
    size=$(od -An -tu8 -j16 -N8 "$1" | tr -d ' ')
    [ $((flags & 1)) = 0 ] || die "boot/$KFILE-* is a big-endian arm64 Image"
    [ "$size" != 0 ] || die "boot/$KFILE-* has no image_size (a pre-3.17 Image)"
}

recipe_firmware() { :; }
