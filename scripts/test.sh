#!/usr/bin/env bash
# Runs every test on a fresh machine: installs missing dependencies, builds, tests, then fuzzes
# for a bounded time (scripts/fuzz.sh: 90 s; LENS_GATE_FUZZ_SECONDS=0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-test-tools
swift build --build-tests
swift test --skip-build "$@"
scripts/fuzz.sh
