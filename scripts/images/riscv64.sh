# scripts/images/riscv64.sh — the riscv64 recipe of scripts/images.sh (sourced by it; not run
# on its own).  A recipe sets, for its ARCH (the name of build/images/<ARCH>/):
#   DEBARCH        Debian's name for the architecture (apt's APT::Architecture)
#   SUITES         the Debian suite(s) to take the packages from
#   KMETA          the kernel metapackage; its Depends names the real linux-image package
#   KFILE          the kernel file in that package: boot/<KFILE>-<version> (gzip'd or not)
#   FIRMWARE_PKG   a package with firmware to ship beside the kernel (empty: none)
#   OUTPUTS        the files build/images/<ARCH>/ must have to be up to date
# and defines
#   recipe_check_image FILE     die unless FILE is a Linux Image of this architecture
#   recipe_firmware DIR OUT     copy the firmware out of FIRMWARE_PKG's files (extracted
#                               in DIR) into OUT/ (only called when FIRMWARE_PKG is set)
# The kernel modules /init loads (MODULES, EXTRA_MODULES) and the initramfs are the same for
# every architecture: scripts/images.sh.
ARCH=riscv64
DEBARCH=riscv64
SUITES="trixie"                        # bookworm has no riscv64 port
KMETA=linux-image-riscv64
KFILE=vmlinux                          # boot/vmlinux-<ver>: uncompressed Image
FIRMWARE_PKG=opensbi                   # arch all
OUTPUTS="Image initramfs.cpio.gz fw_dynamic.bin"

# The RISC-V Linux Image header: "RISCV\0\0\0" then "RSC\x05" at offset 48.
recipe_check_image() {
    local magic
    magic=$(dd if="$1" bs=1 skip=48 count=12 2>/dev/null | od -An -tx1 | tr -d ' \n')
    [ "$magic" = 524953435600000052534305 ] || die "boot/$KFILE-* is not a RISC-V Linux Image (magic at 48: $magic)"
}

# OpenSBI's generic platform, dynamic-info flavour: QEMU's own -bios default for virt.
recipe_firmware() {
    local f=$1/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
    [ -s "$f" ] || die "the $FIRMWARE_PKG package has no usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"
    cp "$f" "$2/fw_dynamic.bin"
}
