#!/usr/bin/env bash
# Downloads a released lens-gate archive, verifies it against the release's SHA256SUMS and unpacks
# it; prints the executable's path. Used by action.yml; works on any Linux CI runner.
#
#   scripts/download-release.sh --version X.Y.Z --to DIR [--url BASE | --repository OWNER/NAME]
#
# BASE is the folder URL holding lens-gate-X.Y.Z-linux-ARCH.tar.gz and SHA256SUMS (default
# https://github.com/OWNER/NAME/releases/download/vX.Y.Z). ARCH is this machine's (x86_64 or
# aarch64). Missing runtime libraries (libcurl, libxml2, libyaml) are installed with apt-get when
# it is there. Exit codes: 0 ready; 3 the archive does not match SHA256SUMS or has no line in it
# (never run: fail closed); 75 not available here (no download tool, download failed, other
# architecture, binary does not run), so the caller builds from source. One line on stderr says why.
set -euo pipefail

version="" to="" url="" repository=""
while (($#)); do
    case "$1" in
        --version) version="${2:-}"; shift 2 ;;
        --to) to="${2:-}"; shift 2 ;;
        --url) url="${2:-}"; shift 2 ;;
        --repository) repository="${2:-}"; shift 2 ;;
        *) echo "download-release: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || [ -z "$to" ]; then
    echo "download-release: usage: $0 --version X.Y.Z --to DIR [--url BASE | --repository OWNER/NAME]" >&2
    exit 2
fi
if [ -z "$url" ]; then
    if ! [[ "$repository" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; then
        echo "download-release: give --url BASE or --repository OWNER/NAME" >&2
        exit 2
    fi
    url="https://github.com/$repository/releases/download/v$version"
fi
url="${url%/}"

unavailable() {
    echo "download-release: $1" >&2
    exit 75
}

arch=$(uname -m)
case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) unavailable "no released archive for the $arch architecture (only x86_64 and aarch64)" ;;
esac
name="lens-gate-$version-linux-$arch"

if command -v curl >/dev/null; then
    fetch() { curl --fail --silent --show-error --location --retry 2 --connect-timeout 20 --max-time 300 --output "$2" "$1"; }
elif command -v wget >/dev/null; then
    fetch() { wget --quiet --tries=3 --timeout=60 --output-document="$2" "$1"; }
else
    unavailable "neither curl nor wget is installed, so $url cannot be downloaded"
fi

mkdir -p "$to"
to=$(cd "$to" && pwd)
download=$(mktemp -d "$to/.download-XXXXXX")
trap 'rm -rf "$download"' EXIT
for file in "$name.tar.gz" SHA256SUMS; do
    fetch "$url/$file" "$download/$file" 2>"$download/error" \
        || unavailable "could not download $url/$file ($(tr '\n' ' ' <"$download/error" | cut -c1-200))"
done

# Fail closed: an archive without its line, or with another checksum, is never unpacked.
expected=$(grep -E "^[0-9a-f]{64} [ *]$name\.tar\.gz\$" "$download/SHA256SUMS" | head -n 1 || true)
if [ -z "$expected" ]; then
    echo "download-release: $url/SHA256SUMS has no line for $name.tar.gz: refusing to run an unverified archive" >&2
    exit 3
fi
if ! (cd "$download" && printf '%s\n' "$expected" | sha256sum --check --status --strict); then
    echo "download-release: checksum mismatch: $url/$name.tar.gz is not the archive SHA256SUMS names (expected ${expected%% *}): refusing to run it" >&2
    exit 3
fi

rm -rf "${to:?}/$name"
tar -xzf "$download/$name.tar.gz" -C "$to" --no-same-owner "$name"
binary="$to/$name/lens-gate"

# The archive keeps glibc, libcurl, libxml2 and libyaml shared: install the runtime packages a
# slim image may lack (Debian/Ubuntu names; libcurl's is libcurl4t64 on Ubuntu 24.04 and Debian 13).
missing=$( (ldd "$binary" 2>/dev/null || true) | sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | tr '\n' ' ')
if [ -n "$missing" ]; then
    command -v apt-get >/dev/null || unavailable "lens-gate needs ${missing% } and this machine has no apt-get to install them"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "download-release: installing the runtime libraries lens-gate needs (${missing% })" >&2
    $sudo apt-get update -qq >/dev/null || unavailable "apt-get update failed, so ${missing% } cannot be installed"
    packages=(libxml2 libyaml-0-2)
    if apt-cache show libcurl4t64 >/dev/null 2>&1; then packages+=(libcurl4t64); else packages+=(libcurl4); fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
        || unavailable "could not install ${packages[*]}"
fi
if ! "$binary" --version >/dev/null 2>"$download/error"; then
    unavailable "the released binary does not run here ($(head -n 1 "$download/error" | cut -c1-200)); it needs glibc 2.36 or later"
fi
echo "$binary"
