#!/usr/bin/env bash
# Runs every test on a fresh machine: installs missing dependencies (the Python test tools into the
# virtual environment .build/test-venv, first on PATH here, as tests call `python3`,
# `check-jsonschema` and `zizmor` through /usr/bin/env), checks the formatting
# (scripts/format-check.sh), builds (refusing compiler warnings), tests, then fuzzes for a bounded time (scripts/fuzz.sh: 90 s; LENS_GATE_FUZZ_SECONDS=0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-test-tools
export PATH="${LENS_GATE_TEST_VENV:-$PWD/.build/test-venv}/bin:$PATH"
scripts/format-check.sh
scripts/build-without-warnings.sh
swift test --skip-build "$@"
scripts/package-test.sh # the release archive (static Swift stdlib) run without the toolchain
scripts/fuzz.sh
