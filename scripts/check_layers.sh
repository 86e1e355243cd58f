#!/usr/bin/env bash
# scripts/check_layers.sh — the engine's layering, checked over every #include "..." line
# (make test-layers, part of make test).  The rules (DESIGN.md, "Layers"):
#   - nothing in core/, tcg/ or hw/ includes cli/ (the command line fills core/config.h);
#   - generic core/ and tcg/ include no hw/ and no guest-architecture folder;
#   - a guest CPU folder (core/<guest>/) includes no hw/ and no other guest's folder;
#   - a board folder (hw/<guest>/) includes no other guest's folders;
#   - generic hw/ (devices, buses, boot loading) includes no guest folder.
# Guest folders are core/G/ and hw/G/ for G in GUESTS.  Prints each violation as
# "file:line: includes X (rule)" and exits 1 if there is any.  Argument: the tree (default:
# this repository).
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

GUESTS="riscv arm x86"

guest_of() { # path -> the guest folder it is in ("" if generic)
    local top=${1%%/*} rest=${1#*/} sub
    sub=${rest%%/*}
    [ "$sub" = "$rest" ] && return 0
    for g in $GUESTS; do
        if [ "$sub" = "$g" ] && { [ "$top" = core ] || [ "$top" = hw ]; }; then
            echo "$g"
            return 0
        fi
    done
}

bad=0
violation() {
    echo "$1: includes $2 ($3)"
    bad=1
}

while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    inc=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' <<<"${rest#*:}")
    [ -n "$inc" ] || continue
    where="$file:$line"
    top=${file%%/*}
    itop=${inc%%/*}
    fg=$(guest_of "$file")
    ig=$(guest_of "$inc")
    if [ "$itop" = cli ]; then
        violation "$where" "$inc" "only cli/ includes cli/"
        continue
    fi
    case "$top" in
    core|tcg)
        if [ -z "$fg" ]; then
            [ "$itop" = hw ] && violation "$where" "$inc" "generic engine code includes no hw/"
            [ -n "$ig" ] && violation "$where" "$inc" "generic engine code includes no guest folder"
        else
            [ "$itop" = hw ] && violation "$where" "$inc" "a guest CPU includes no hw/"
            [ -n "$ig" ] && [ "$ig" != "$fg" ] &&
                violation "$where" "$inc" "no guest folder includes another's"
        fi
        ;;
    hw)
        if [ -z "$fg" ]; then
            [ -n "$ig" ] && violation "$where" "$inc" "generic hw/ includes no guest folder"
        else
            [ -n "$ig" ] && [ "$ig" != "$fg" ] &&
                violation "$where" "$inc" "no guest folder includes another's"
        fi
        ;;
    esac
done < <(grep -rn --include='*.c' --include='*.h' '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' core tcg hw)

if [ "$bad" -ne 0 ]; then
    echo "check_layers: forbidden includes (see the rules at the top of scripts/check_layers.sh)" >&2
    exit 1
fi
echo "check_layers: ok"
