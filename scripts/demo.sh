#!/usr/bin/env bash
# The main job on an embedded default (no API key, no outside network): lens-gate.yaml describes
# an in-process simulator; lens-gate benchmarks it, compares with baselines/main.json and prints
# the verdict. `scripts/demo.sh --slowdown 1.25` makes the simulator 25% slower: the gate fails (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --product lens-gate
out="${TMPDIR:-/tmp}/lens-gate-demo"
mkdir -p "$out"
set +e
.build/debug/lens-gate --baseline baselines/main.json --threshold 10 --output "$out/results.json" \
    --junit "$out/junit.xml" --json "$out/verdict.json" "$@"
status=$?
set -e
echo "lens-gate exited with $status (reports in $out)" >&2
exit $status
