#!/usr/bin/env bash
# The main job on an embedded default (no API key, no network): gate the shipped example
# results against the shipped baseline and print the Markdown summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --product lens-gate
set +e
.build/debug/lens-gate check examples/results-ok.json --baseline baselines/main.json --threshold 10
status=$?
set -e
echo "lens-gate exited with $status" >&2
exit $status
