#!/usr/bin/env bash
# scripts/images.sh [ARCH...] — build guest images from Debian packages only.
#
#   scripts/images.sh                    # the default guest: riscv64
#   scripts/images.sh riscv64            # -> build/images/riscv64/{Image,initramfs.cpio.gz,fw_dynamic.bin,VERSION}
#   scripts/images.sh aarch64            # -> build/images/aarch64/{Image,initramfs.cpio.gz,VERSION}
#   scripts/images.sh --update riscv64   # refresh the Debian package lists first (network)
#
# Each architecture's recipe (Debian architecture and suite, kernel package and file, firmware,
# the Image check) is scripts/images/<ARCH>.sh; an ARCH without one is an error.
#
# Packages are fetched by name through a *private* apt configuration (the system's apt sources
# and state are never touched; no root needed).  The apt state and the .debs are cached in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/qemu-wasm
# A rerun with everything cached does no network access; outputs are rebuilt only when the
# package versions (or this script or the recipe) change.  Environment:
#   QEMU_WASM_CACHE   cache directory (default above)
#   DEBIAN_MIRROR     archive URI (default: the system's Debian source, else deb.debian.org)
#   DEBIAN_SECURITY   security archive URI (default: .../debian-security of the same host)
#   IMAGES_OUT        output root (default: <repo>/build/images)
#   IMAGES_SECURITY=1 also use the <suite>-security archive (newer kernels, churns more)
#
# Needs (Debian packages): apt, dpkg (dpkg-deb), tar, cpio, xz-utils, gzip, coreutils, util-linux
# (flock), debian-archive-keyring.  No root: /dev/console is written into the cpio directly.
set -euo pipefail

die() { echo "images.sh: error: $*" >&2; exit 1; }
log() { echo "images.sh: $*" >&2; }

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SELF="$REPO/scripts/images.sh"
CACHE=${QEMU_WASM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-wasm}
OUT_ROOT=${IMAGES_OUT:-$REPO/build/images}
FORCE_UPDATE=0

# Modules loaded by /init, in dependency order (file names without .ko).  Debian builds these as
# modules and ships no modules.dep; ones a kernel lacks are left out (fscache is a separate module
# on 6.1, part of netfs on 6.12).  The build warns if a module's depends= is not loaded before it.
MODULES="virtio_mmio virtio_blk virtio-rng netfs fscache 9pnet 9pnet_virtio 9p failover net_failover virtio_net"
# Shipped in the initramfs (with modules.dep) but not loaded at boot, to keep boots short:
# `modprobe crc32c_generic ext4` mounts ext2/ext4 disks (Debian has no separate ext2; ext4
# needs a crc32c driver, which busybox modprobe cannot find by its crypto alias).
EXTRA_MODULES="crc16 crc32c_generic crc32c-generic mbcache jbd2 ext4"

need_tools() {
    local t pkg missing=()
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 && continue
        case $t in
            apt-get|apt-cache) pkg=apt ;;
            dpkg-deb) pkg=dpkg ;;
            xz) pkg=xz-utils ;;
            flock) pkg=util-linux ;;
            sha256sum|stat|install) pkg=coreutils ;;
            *) pkg=$t ;;
        esac
        missing+=("$t (apt-get install $pkg)")
    done
    [ ${#missing[@]} -eq 0 ] || die "missing tools: ${missing[*]}"
}

# ---------------------------------------------------------------------------------------------
# Per-architecture recipe: scripts/images/<arch>.sh (what it sets and defines: the head of
# scripts/images/riscv64.sh).  Adding an architecture = adding its recipe file.
RECIPES=$REPO/scripts/images

known_archs() {
    local f names=()
    for f in "$RECIPES"/*.sh; do
        [ -L "$f" ] || names+=("$(basename "$f" .sh)")   # symlinks are aliases (arm64)
    done
    echo "${names[*]}"
}

arch_recipe() {
    local name=$1
    case $name in
        ''|*[!a-z0-9_]*) die "bad architecture name '$name' (known: $(known_archs))" ;;
    esac
    RECIPE=$RECIPES/$name.sh
    [ -f "$RECIPE" ] || die "unknown architecture '$name' (known: $(known_archs); a new one is a recipe in scripts/images/<arch>.sh)"
    ARCH= DEBARCH= SUITES= KMETA= KFILE= FIRMWARE_PKG= OUTPUTS=
    unset -f recipe_check_image recipe_firmware
    # shellcheck source=images/riscv64.sh
    . "$RECIPE"
    local v
    for v in ARCH DEBARCH SUITES KMETA KFILE OUTPUTS; do
        [ -n "${!v}" ] || die "$RECIPE does not set $v"
    done
    declare -F recipe_check_image >/dev/null || die "$RECIPE does not define recipe_check_image"
    declare -F recipe_firmware >/dev/null || die "$RECIPE does not define recipe_firmware"
    # The point-release suite alone is reproducible; the security suite is opt-in.
    if [ "${IMAGES_SECURITY:-0}" = 1 ]; then SUITES="$SUITES $SUITES-security"; fi
}

# ---------------------------------------------------------------------------------------------
# Private apt configuration: $CACHE/apt/<debarch>-<suites>/.  Passed with -c, so the system's
# apt.conf.d (proxies, Check-Valid-Until, ...) still applies; every Dir:: is redirected.
system_mirror() {
    local uri=
    if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
    # First deb822 source carrying Debian's main archive (not -security); fall back to deb.debian.org.
    uri=$(awk 'tolower($1)=="uris:" && $2 !~ /security/ && $2 ~ /debian/ {print $2; exit}' \
              /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1=="deb" && $2 !~ /^\[/ && $2 !~ /security/ && $2 ~ /debian/ {print $2; exit}' \
              /etc/apt/sources.list 2>/dev/null || true)
    echo "${uri:-http://deb.debian.org/debian}"
}

setup_apt() {
    local key=$DEBARCH-${SUITES// /+} main sec keyring s main_suites='' sec_suites=''
    APTDIR=$CACHE/apt/$key
    APTCONF=$APTDIR/apt.conf
    main=$(system_mirror)
    sec=${DEBIAN_SECURITY:-${main%/debian}/debian-security}
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    [ -r "$keyring" ] || die "$keyring not found (apt-get install debian-archive-keyring)"
    for s in $SUITES; do
        case $s in *-security) sec_suites+=" $s" ;; *) main_suites+=" $s" ;; esac
    done
    mkdir -p "$APTDIR"/etc/sources.list.d "$APTDIR"/etc/preferences.d "$APTDIR"/etc/apt.conf.d \
             "$APTDIR"/etc/trusted.gpg.d "$APTDIR"/state/lists/partial "$APTDIR"/cache/archives/partial
    [ -e "$APTDIR/state/status" ] || : > "$APTDIR/state/status"
    {
        printf 'Types: deb\nURIs: %s\nSuites:%s\nComponents: main\nArchitectures: %s\nSigned-By: %s\n' \
            "$main" "$main_suites" "$DEBARCH" "$keyring"
        if [ -n "$sec_suites" ]; then
            printf '\nTypes: deb\nURIs: %s\nSuites:%s\nComponents: main\nArchitectures: %s\nSigned-By: %s\n' \
                "$sec" "$sec_suites" "$DEBARCH" "$keyring"
        fi
    } > "$APTDIR/etc/sources.list.d/debian.sources.new"
    if ! cmp -s "$APTDIR/etc/sources.list.d/debian.sources.new" "$APTDIR/etc/sources.list.d/debian.sources"; then
        mv "$APTDIR/etc/sources.list.d/debian.sources.new" "$APTDIR/etc/sources.list.d/debian.sources"
        rm -f "$APTDIR/state/updated"          # sources changed: lists must be refetched
    else
        rm -f "$APTDIR/etc/sources.list.d/debian.sources.new"
    fi
    cat > "$APTCONF" <<EOF
Dir::Etc "$APTDIR/etc/";
Dir::Etc::sourcelist "/dev/null";
Dir::Etc::sourceparts "$APTDIR/etc/sources.list.d/";
Dir::Etc::preferences "/dev/null";
Dir::Etc::preferencesparts "$APTDIR/etc/preferences.d/";
Dir::Etc::trusted "$APTDIR/etc/trusted.gpg";
Dir::Etc::trustedparts "$APTDIR/etc/trusted.gpg.d/";
Dir::State "$APTDIR/state/";
Dir::State::lists "$APTDIR/state/lists/";
Dir::State::status "$APTDIR/state/status";
Dir::State::extended_states "$APTDIR/state/extended_states";
Dir::Cache "$APTDIR/cache/";
Dir::Cache::archives "$APTDIR/cache/archives/";
Dir::Cache::pkgcache "pkgcache.bin";
Dir::Cache::srcpkgcache "srcpkgcache.bin";
Dir::Log "$APTDIR/log/";
APT::Architecture "$DEBARCH";
APT::Architectures { "$DEBARCH"; };
APT::Get::List-Cleanup "true";
Acquire::Languages "none";
Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled "false";
Acquire::IndexTargets::deb::DEP-11::DefaultEnabled "false";
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
#clear DPkg::Pre-Invoke;
#clear DPkg::Post-Invoke;
EOF
    if [ "$(id -u)" = 0 ]; then
        # The cache usually lives in root's 0700 home, which apt's _apt sandbox user cannot enter.
        echo 'APT::Sandbox::User "root";' >> "$APTCONF"
    fi
}

apt_update() {
    log "fetching Debian package lists ($DEBARCH: $SUITES) into $APTDIR"
    if ! apt-get -q -c "$APTCONF" update >"$APTDIR/update.log" 2>&1 \
       || grep -qE '^(W|E): (Failed|Some index)' "$APTDIR/update.log"; then
        cat "$APTDIR/update.log" >&2
        die "apt-get update of the private Debian package lists failed; the Debian archive ($(system_mirror)) must be reachable (or set DEBIAN_MIRROR)"
    fi
    touch "$APTDIR/state/updated"
}

ensure_lists() {
    if [ "$FORCE_UPDATE" = 1 ] || [ ! -e "$APTDIR/state/updated" ]; then apt_update; fi
}

# fetch_debs PKG... — make sure the candidate .deb of every PKG is in $DEBS (downloading the
# missing ones) and set DEB[PKG] to its path.  Returns 1 (reason in $FETCH_ERR) on an unknown
# package or a failed download; the caller may refresh the lists and retry.
declare -A DEB
fetch_debs() {
    local pkg line file size sum missing=() uris
    FETCH_ERR=
    # Lines: 'URI' FILENAME SIZE SHA256:HEX — no network.
    if ! uris=$(apt-get -q -c "$APTCONF" download --print-uris "$@" 2>&1); then
        FETCH_ERR="package lookup failed: $(grep '^E:' <<<"$uris" | head -n 3)"
        return 1
    fi
    for pkg in "$@"; do
        line=$(grep -F " ${pkg}_" <<<"$uris" | head -n 1)
        [ -n "$line" ] || { FETCH_ERR="package $pkg not found"; return 1; }
        read -r _ file size sum <<<"$line"
        DEB[$pkg]=$DEBS/$file
        # Cached and complete (apt verified its hash when it downloaded it).
        [ "$(stat -c %s "$DEBS/$file" 2>/dev/null)" = "$size" ] && continue
        rm -f "$DEBS/$file"
        missing+=("$pkg")
        echo "${sum#SHA256:}  $DEBS/$file" >> "$DEBS/.verify.$$"
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    log "downloading ${missing[*]} ($DEBARCH)"
    if ! (cd "$DEBS" && apt-get -q -c "$APTCONF" download "${missing[@]}") >"$APTDIR/download.log" 2>&1 \
       || ! sha256sum -c --status "$DEBS/.verify.$$"; then
        rm -f "$DEBS/.verify.$$"
        for pkg in "${missing[@]}"; do rm -f "${DEB[$pkg]}"; done
        FETCH_ERR="apt-get download of ${missing[*]} ($DEBARCH) failed:
$(grep -E '^(E|Err):' "$APTDIR/download.log" | head -n 5)"
        return 1
    fi
    rm -f "$DEBS/.verify.$$"
}

# Kernel package named by the metapackage's Depends (linux-image-<ABI>-<flavour>).
resolve_kernel_pkg() {
    local dep
    dep=$(apt-cache -c "$APTCONF" show --no-all-versions "$KMETA" 2>/dev/null \
          | sed -n 's/^Depends: //p' | tr ',' '\n' | sed 's/^ *//; s/ .*//' \
          | grep -m1 '^linux-image-') || true
    [ -n "$dep" ] || return 1
    echo "$dep"
}

# ---------------------------------------------------------------------------------------------
# newc cpio entries (to stdout) for /dev and the /dev/console character device, so no root,
# fakeroot or mknod is needed.  No trailer: cpio's own archive is appended, giving one archive.
newc_entry() { # name mode major minor
    local name=$1 mode=$2 maj=$3 min=$4 namesize hdr pad
    namesize=$(( ${#name} + 1 ))
    hdr=$(printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
        0 "$mode" 0 0 1 0 0 0 0 "$maj" "$min" "$namesize" 0)
    printf '%s%s\0' "$hdr" "$name"
    pad=$(( (4 - (110 + namesize) % 4) % 4 ))
    head -c "$pad" /dev/zero
}
dev_cpio() {
    newc_entry dev $((0040755)) 0 0
    newc_entry dev/console $((0020600)) 5 1
}

write_init() {
    cat > "$1" <<EOF
#!/bin/busybox sh
# qemu-wasm initramfs /init (generated by scripts/images.sh)
/bin/busybox --install -s
export PATH=/sbin:/usr/sbin:/bin:/usr/bin HOME=/root TERM=\${TERM:-vt100}
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /tmp /dev/pts
mount -t devpts devpts /dev/pts 2>/dev/null
hostname qemu-wasm
kver=\$(uname -r)
# Boot with qemu-wasm.nomodules on the kernel command line to skip loading modules.
grep -qw qemu-wasm.nomodules /proc/cmdline && mods= || mods="$MODULES"
for m in \$mods; do
    f=/lib/modules/\$kver/\$m.ko
    [ -f "\$f" ] || continue
    insmod "\$f" 2>/dev/null || echo "qemu-wasm: insmod \$m failed"
done
echo "qemu-wasm: guest up"
setsid cttyhack sh
poweroff -f
EOF
    chmod 755 "$1"
}

# ---------------------------------------------------------------------------------------------
build_arch() {
    arch_recipe "$1"
    setup_apt
    ensure_lists
    DEBS=$CACHE/debs
    mkdir -p "$DEBS"

    local kpkg kver kdeb bbdeb fwdeb='' out stamp_new tmp m f
    local try
    for try in 1 2; do
        if kpkg=$(resolve_kernel_pkg); then
            fetch_debs "$kpkg" busybox-static $FIRMWARE_PKG && break
        else
            FETCH_ERR="cannot resolve the kernel package from $KMETA"
        fi
        # Lists missing a package, or naming a version the archive has dropped: refresh once.
        if [ "$try" = 1 ]; then
            log "$FETCH_ERR; refreshing the package lists and retrying"
            apt_update
        else
            die "$FETCH_ERR
(Debian $SUITES, $DEBARCH; the Debian archive $(system_mirror) must be reachable)"
        fi
    done
    kver=${kpkg#linux-image-}
    kdeb=${DEB[$kpkg]}
    bbdeb=${DEB[busybox-static]}
    [ -z "$FIRMWARE_PKG" ] || fwdeb=${DEB[$FIRMWARE_PKG]}

    out=$OUT_ROOT/$ARCH
    stamp_new=$( { echo "$ARCH $kver"; basename -a "$kdeb" "$bbdeb" ${fwdeb:+"$fwdeb"}; cat "$SELF" "$(realpath "$RECIPE")" | sha256sum; } )
    if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp_new" ] && have_outputs "$out"; then
        log "$ARCH: up to date ($kver) in $out"
        return 0
    fi

    log "$ARCH: building images for kernel $kver"
    tmp=$(mktemp -d "$CACHE/build-$ARCH.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/k" "$tmp/bb" "$tmp/fw" "$tmp/root" "$tmp/out"

    # Kernel: only the kernel file, its config and the wanted modules.
    local pats=("./boot/$KFILE-$kver" "./boot/config-$kver")
    for m in $MODULES $EXTRA_MODULES; do # trixie: usr/lib/modules, .ko.xz; bookworm: lib/modules
        pats+=("./usr/lib/modules/$kver/kernel/*/$m.ko*" "./lib/modules/$kver/kernel/*/$m.ko*")
    done
    dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$tmp/k" --wildcards "${pats[@]}" 2>/dev/null || true
    [ -s "$tmp/k/boot/$KFILE-$kver" ] || die "$kdeb has no boot/$KFILE-$kver"
    case $(head -c 2 "$tmp/k/boot/$KFILE-$kver" | od -An -tx1 | tr -d ' ') in
        1f8b) gzip -dc "$tmp/k/boot/$KFILE-$kver" > "$tmp/out/Image" ;;
        *) cp "$tmp/k/boot/$KFILE-$kver" "$tmp/out/Image" ;;
    esac
    cp "$tmp/k/boot/config-$kver" "$tmp/out/config"
    recipe_check_image "$tmp/out/Image"

    # initramfs tree
    local root=$tmp/root
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,tmp,root,lib/modules/$kver}
    chmod 1777 "$root/tmp"
    dpkg-deb -x "$bbdeb" "$tmp/bb"
    f=$tmp/bb/usr/bin/busybox                  # trixie (merged /usr)
    [ -x "$f" ] || f=$tmp/bb/bin/busybox       # bookworm
    [ -x "$f" ] || die "$bbdeb has no bin/busybox or usr/bin/busybox"
    cp "$f" "$root/bin/busybox"
    write_init "$root/init"
    printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
    printf 'root:x:0:\n' > "$root/etc/group"
    local found=()
    for m in $MODULES $EXTRA_MODULES; do
        f=$(find "$tmp/k" -path '*/modules/*' \( -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" \) \
              -print -quit 2>/dev/null || true)
        [ -n "$f" ] || continue                # built in, or not in this kernel version
        case $f in
            *.xz) xz -dc "$f" > "$root/lib/modules/$kver/$m.ko" ;;
            *.zst) need_tools zstd; zstd -qdc "$f" > "$root/lib/modules/$kver/$m.ko" ;;
            *) cp "$f" "$root/lib/modules/$kver/$m.ko" ;;
        esac
        found+=("$m")
    done
    # modules.dep for busybox modprobe, from each module's depends= modinfo field; check that
    # /init's order loads every dependency first.
    local deps d loaded=" " depline
    for m in "${found[@]}"; do
        deps=$(tr '\0' '\n' < "$root/lib/modules/$kver/$m.ko" | sed -n 's/^depends=//p' | head -n1 \
               | tr ',' ' ')
        depline="$m.ko:"
        for d in $deps; do
            [ -f "$root/lib/modules/$kver/$d.ko" ] || d=${d//_/-}
            case $loaded in
                *" $d "*) depline+=" $d.ko" ;;
                *) log "$ARCH: warning: module $m needs $d, which is not loaded before it" ;;
            esac
        done
        loaded+="$m "
        echo "$depline"
    done > "$root/lib/modules/$kver/modules.dep"

    find "$root" -exec touch -h -d @0 {} +     # reproducible archive
    (cd "$root" && find . -mindepth 1 | LC_ALL=C sort | sed 's|^\./||' \
        | cpio -o -H newc -R 0:0 --reproducible --quiet > "$tmp/tree.cpio")
    { dev_cpio; cat "$tmp/tree.cpio"; } | gzip -9n > "$tmp/out/initramfs.cpio.gz"

    if [ -n "$FIRMWARE_PKG" ]; then
        dpkg-deb -x "$fwdeb" "$tmp/fw"
        recipe_firmware "$tmp/fw" "$tmp/out"
    fi
    echo "$kver" > "$tmp/out/VERSION"

    mkdir -p "$out"
    rm -f "$out/.stamp"
    for f in "$tmp"/out/*; do mv -f "$f" "$out/"; done
    echo "$stamp_new" > "$out/.stamp"
    rm -rf "$tmp"; trap - EXIT
    log "$ARCH: wrote $out: $(cd "$out" && ls | tr '\n' ' ')(${#found[@]} modules)"
}

# Does OUT have every file the recipe names (OUTPUTS), non-empty?
have_outputs() {
    local f
    for f in $OUTPUTS; do [ -s "$1/$f" ] || return 1; done
}

main() {
    local archs=() a
    for a in "$@"; do
        case $a in
            --update) FORCE_UPDATE=1 ;;
            -h|--help) sed -n '2,24p' "$SELF" | sed 's/^# \{0,1\}//'; exit 0 ;;
            -*) die "unknown option $a" ;;
            *) archs+=("$a") ;;
        esac
    done
    [ ${#archs[@]} -gt 0 ] || archs=(riscv64)  # the default guest, as `qemu-wasm` itself
    for a in "${archs[@]}"; do arch_recipe "$a"; done   # an unknown one fails before any work
    need_tools apt-get apt-cache dpkg-deb tar cpio xz gzip sha256sum flock od dd
    mkdir -p "$CACHE"
    exec 9> "$CACHE/.lock"
    flock 9 || die "cannot lock $CACHE/.lock"
    for a in "${archs[@]}"; do build_arch "$a"; done
}

main "$@"
