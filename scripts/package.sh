#!/usr/bin/env bash
# Builds the relocatable release archive of lens-gate for this machine's architecture:
#
#   scripts/package.sh [--arch x86_64|aarch64] [--out DIR]
#
# `swift build -c release --static-swift-stdlib` links the Swift runtime, Foundation and Dispatch
# into the executable, so only glibc, libcurl, libxml2 and libyaml (and what they need themselves)
# stay shared libraries; the script refuses a binary that needs anything else. It packs
# DIR/lens-gate-VERSION-linux-ARCH.tar.gz (the stripped binary, README.md, examples/ to try `check`
# on, and LICENSE when the repository has one) and writes its line into DIR/SHA256SUMS
# (`sha256sum -c` format; other archives' lines are kept). VERSION is what `lens-gate --version` prints; when HEAD carries a
# version tag it must be `v` + that version. DIR defaults to out/release. --arch only checks that
# the build machine is that architecture (no cross-compiling). The packing is deterministic (the
# same binary gives the same archive): sorted names, owner 0, the last commit's time on every file.
set -euo pipefail
cd "$(dirname "$0")/.."

machine=$(uname -m)
case "$machine" in arm64) machine=aarch64 ;; esac
arch="$machine"
out=out/release
while (($#)); do
    case "$1" in
        --arch) arch="${2:?--arch needs x86_64 or aarch64}"; shift 2 ;;
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "package: unknown argument '$1' (use --arch x86_64|aarch64, --out DIR)" >&2; exit 2 ;;
    esac
done
case "$arch" in x86_64 | aarch64) ;; *) echo "package: --arch must be x86_64 or aarch64, not '$arch'" >&2; exit 2 ;; esac
if [ "$arch" != "$machine" ]; then
    echo "package: this machine is $machine; build the $arch archive on a $arch machine (no cross-compiling)" >&2
    exit 2
fi

# Its own scratch folder: --static-swift-stdlib changes every compile's flags, so sharing .build
# with `swift build -c release` would recompile everything each time one follows the other.
scratch=.build-static
started=$(date +%s)
# Its progress goes to stderr: stdout is only the archive's path.
swift build -c release --static-swift-stdlib --product lens-gate --scratch-path "$scratch" >&2
binary="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/lens-gate"
echo "package: release build took $(($(date +%s) - started)) s" >&2

# Only these shared libraries may be needed directly: glibc's, the C++ runtime the Swift runtime
# links against, and the three C libraries the design fixes.
allowed='^(libc|libm|libdl|libpthread|librt|libutil|ld-linux-x86-64|ld-linux-aarch64|libgcc_s|libstdc\+\+|libcurl|libxml2|libyaml-0)\.so(\.[0-9]+)*$'
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p')
unexpected=$(printf '%s\n' "$needed" | grep -Ev "$allowed" || true)
if [ -n "$unexpected" ]; then
    echo "package: $binary needs shared libraries outside glibc, libcurl, libxml2, libyaml: $(tr "\n" " " <<<"$unexpected")" >&2
    exit 1
fi

version=$("$binary" --version)
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]]; then
    echo "package: '$binary --version' printed '$version', not a version" >&2
    exit 1
fi
tag=$(git describe --exact-match --tags --match 'v[0-9]*' HEAD 2>/dev/null || true)
if [ -n "$tag" ] && [ "$tag" != "v$version" ]; then
    echo "package: HEAD is tagged $tag but lens-gate --version prints $version (Sources/LensCore/Version.swift)" >&2
    exit 1
fi

name="lens-gate-$version-linux-$arch"
mkdir -p "$out"
out=$(cd "$out" && pwd)
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
mkdir "$staging/$name"
# Symbols and debug sections only: Swift's reflection metadata stays.
strip -o "$staging/$name/lens-gate" "$binary"
cp README.md "$staging/$name/"
cp -R examples "$staging/$name/examples"
if [ -f LICENSE ]; then
    cp LICENSE "$staging/$name/"
else
    echo "package: the repository has no LICENSE file, so the archive carries none" >&2
fi
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)
tar -C "$staging" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name" \
    | gzip -n -9 > "$staging/$name.tar.gz"
mv "$staging/$name.tar.gz" "$out/$name.tar.gz"

# One line per archive: this one's replaces an older one, the others stay.
sums="$out/SHA256SUMS"
line=$(cd "$out" && sha256sum "$name.tar.gz")
{
    if [ -f "$sums" ]; then grep -v "  $name\.tar\.gz\$" "$sums" || true; fi
    echo "$line"
} | sort -k2 > "$staging/SHA256SUMS"
mv "$staging/SHA256SUMS" "$sums"

size=$(du -k "$out/$name.tar.gz" | cut -f1)
echo "package: $out/$name.tar.gz ($size KiB), sha256 ${line%% *}" >&2
echo "$out/$name.tar.gz"
