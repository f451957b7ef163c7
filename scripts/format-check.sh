#!/usr/bin/env bash
# Fails when any Swift file differs from what swift-format (the toolchain's `swift format`, with
# the repository's .swift-format) would write. `swift format format -i -r Sources Tests Benchmarks
# Fuzz Package.swift` applies it.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Benchmarks Fuzz Package.swift)
if ! swift format --version >/dev/null 2>&1; then
    echo "format-check: swift format is not available in this toolchain" >&2
    exit 1
fi
findings=$(swift format lint -r --parallel "${paths[@]}" 2>&1 || true)
if [ -n "$findings" ]; then
    printf '%s\n' "$findings" | head -40 >&2
    echo "format-check: $(printf '%s\n' "$findings" | grep -c 'warning:') formatting findings; run: swift format format -i -r ${paths[*]}" >&2
    exit 1
fi
echo "format-check: every Swift file is formatted as .swift-format says" >&2
