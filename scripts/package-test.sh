#!/usr/bin/env bash
# Tests the release archive as a user gets it: unpacked in an empty folder and run with the Swift
# toolchain out of reach.
#
#   scripts/package-test.sh [ARCHIVE]     (or LENS_GATE_ARCHIVE=ARCHIVE; default: build one with scripts/package.sh)
#
# Checks: the archive matches SHA256SUMS beside it (when there is one); its name, folder and
# `lens-gate --version` agree; `ldd` resolves every library and shows no Swift runtime
# (libswift*, libFoundation*, libdispatch, libBlocksRuntime) and nothing from a Swift toolchain's
# folder; no RPATH/RUNPATH points into a toolchain; and, with `env -i PATH=/usr/bin:/bin` (no
# LD_LIBRARY_PATH), `check` on the shipped examples exits 0 for results-ok.json and 1 for
# results-regressed.json. Prints how long each part took.
set -euo pipefail
archive="${1:-${LENS_GATE_ARCHIVE:-}}"
if [ -n "$archive" ] && [ -f "$archive" ]; then archive=$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive"); fi
cd "$(dirname "$0")/.."

fail() {
    echo "package-test: FAIL: $1" >&2
    exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$archive" ]; then
    started=$(date +%s)
    archive=$(scripts/package.sh --out "$work/release")
    echo "package-test: scripts/package.sh took $(($(date +%s) - started)) s" >&2
fi
[ -f "$archive" ] || fail "no archive at $archive"

file=$(basename "$archive")
[[ "$file" =~ ^lens-gate-([0-9]+\.[0-9]+\.[0-9]+[^-]*)-linux-(x86_64|aarch64)\.tar\.gz$ ]] \
    || fail "$file is not named lens-gate-VERSION-linux-ARCH.tar.gz"
version="${BASH_REMATCH[1]}"
name="${file%.tar.gz}"

sums="$(dirname "$archive")/SHA256SUMS"
if [ -f "$sums" ]; then
    (cd "$(dirname "$archive")" && grep -E "  $name\.tar\.gz\$" SHA256SUMS | sha256sum --check --status --strict) \
        || fail "$file does not match its line in $sums"
fi

mkdir "$work/user"
tar -xzf "$archive" -C "$work/user"
root="$work/user/$name"
binary="$root/lens-gate"
for shipped in lens-gate README.md examples/baseline.json examples/results-ok.json examples/results-regressed.json; do
    [ -e "$root/$shipped" ] || fail "$file lacks $name/$shipped"
done
[ -f "$root/LICENSE" ] || echo "package-test: note: $file carries no LICENSE (the repository has none)" >&2

# Run as a user would: a clean environment, so neither PATH nor LD_LIBRARY_PATH reaches a toolchain.
clean=(env -i PATH=/usr/bin:/bin HOME="$work/user" LANG=C.UTF-8)

libraries=$("${clean[@]}" ldd "$binary") || fail "ldd $binary failed: $libraries"
echo "package-test: ldd $name/lens-gate:" >&2
printf '%s\n' "$libraries" | sed 's/^/    /' >&2
if grep -q "not found" <<<"$libraries"; then fail "unresolved libraries: $(grep 'not found' <<<"$libraries" | awk '{print $1}' | tr '\n' ' ')"; fi
if grep -Eq "libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime" <<<"$libraries"; then
    fail "the Swift runtime is linked dynamically: $(grep -oE '(libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime)[^ ]*' <<<"$libraries" | sort -u | tr '\n' ' ')"
fi
if grep -Eiq "=> [^ ]*/(swift|\.build)[/-]" <<<"$libraries"; then
    fail "a library resolves inside a Swift toolchain or build folder: $(grep -Ei '=> [^ ]*/(swift|\.build)[/-]' <<<"$libraries" | awk '{print $3}' | tr '\n' ' ')"
fi
rpath=$(readelf -d "$binary" | grep -E "\((RPATH|RUNPATH)\)" || true)
if grep -qi "swift" <<<"$rpath"; then fail "the binary's search path points into a toolchain: $rpath"; fi

printed=$("${clean[@]}" "$binary" --version) || fail "lens-gate --version failed"
[ "$printed" = "$version" ] || fail "lens-gate --version printed '$printed', the archive is named for $version"

expect() { # exit code, then the lens-gate arguments
    local want=$1 status=0
    shift
    (cd "$root" && "${clean[@]}" "$binary" "$@" >"$work/stdout" 2>"$work/stderr") || status=$?
    if [ "$status" != "$want" ]; then
        fail "lens-gate $* exited $status, expected $want: $(tail -n 3 "$work/stderr")"
    fi
    echo "package-test: lens-gate $* → exit $status" >&2
}
started=$(date +%s%N)
expect 0 check examples/results-ok.json --baseline examples/baseline.json
expect 1 check examples/results-regressed.json --baseline examples/baseline.json
expect 2 check examples/missing.json --baseline examples/baseline.json
echo "package-test: three checks took $((($(date +%s%N) - started) / 1000000)) ms" >&2
echo "package-test: OK: $file ($(du -k "$archive" | cut -f1) KiB) runs without the Swift toolchain" >&2
