#!/usr/bin/env bash
# Runs every test on a fresh machine: installs missing dependencies, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-test-tools
swift build --build-tests
swift test --skip-build "$@"
