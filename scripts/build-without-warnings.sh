#!/usr/bin/env bash
# Builds the package and its tests and fails when the compiler printed a warning about the
# project's own code (dependencies' warnings are suppressed by SwiftPM). A fresh clone compiles
# every file, so CI sees every warning; an incremental build only those of recompiled files.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift build --build-tests "$@" 2>&1 | tee "$log"
if grep -q "warning:" "$log"; then
    echo "build: the compiler printed warnings; the build must be free of them:" >&2
    grep "warning:" "$log" | sort -u >&2
    exit 1
fi
