#!/usr/bin/env bash
# Time lens-gate on hostile-but-plausible inputs whose cost must stay linear (or be refused at once):
#   - a config with 99,000 keys in one mapping (duplicate-key detection),
#   - an 11 MB config (10,000 each of targets, workloads and scenarios),
#   - 100,000 levels of nested flow YAML and of nested JSON (refused at the documented depth),
#   - `baseline show` over a 3,000-line history (the per-metric trend).
# Prints wall times (best of 3) of the release binary; asserts nothing (machines are noisy).
#
# Usage: scripts/input-benchmark.sh [LENS_GATE_BINARY]   (default: builds .build/release/lens-gate)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
    binary=$1
else
    scripts/install-deps.sh
    swift build -c release --product lens-gate >/dev/null
    binary=.build/release/lens-gate
fi
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

python3 - "$data" <<'PY'
import json, sys
d = sys.argv[1]
# 99,000 keys in one mapping: request headers of a target (198,000 nodes, under the 200,000-node limit).
with open(f"{d}/keys.yaml", "w") as f:
    f.write("targets:\n  t:\n    provider: vllm\n    model: m\n    headers:\n")
    for i in range(99_000):
        f.write(f"      X-Header-{i}: value-{i}\n")
# An 11 MB config: 10,000 targets, 10,000 workloads, 10,000 scenarios (170,000 nodes, under the
# 200,000-node limit), with long names to reach the size.
pad = "x" * 240
with open(f"{d}/big.yaml", "w") as f:
    f.write("targets:\n")
    for i in range(10_000):
        f.write(f"  target-{i}-{pad}: {{provider: vllm, model: m}}\n")
    f.write("workloads:\n")
    for i in range(10_000):
        f.write(f"  workload-{i}-{pad}: {{prompt: hello}}\n")
    f.write("scenarios:\n")
    for i in range(10_000):
        f.write(f"  - {{name: s{i}, target: target-{i}-{pad}, workload: workload-{i}-{pad}}}\n")
# 100,000 levels of nesting.
with open(f"{d}/deep.yaml", "w") as f:
    f.write("gate: " + "[" * 100_000 + "]" * 100_000 + "\n")
with open(f"{d}/deep.json", "w") as f:
    f.write('{"schema_version": 1, "scenarios": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
# A baseline and a 3,000-line history.
samples = {"ttft_ms": [100.0 + i % 17 for i in range(200)], "e2e_ms": [900.0 + i % 23 for i in range(200)],
           "itl_ms": [10.0 + i % 5 for i in range(200)], "tpot_ms": [11.0 + i % 3 for i in range(200)]}
baseline = {"schema_version": 1, "scenarios": [{"name": f"s{k}", "samples": samples,
            "counts": {"requests": 200, "succeeded": 200, "failed": 0}} for k in range(4)]}
json.dump(baseline, open(f"{d}/baseline.json", "w"))
with open(f"{d}/history.jsonl", "w") as f:
    for i in range(3_000):
        summary = lambda m: {"n": 200, "mean": m + i * 0.01, "p50": m + i * 0.01, "p90": m * 1.1, "p95": m * 1.2, "p99": m * 1.4}
        metrics = {"ttft_ms": summary(100), "e2e_ms": summary(900), "itl_ms": summary(10), "tpot_ms": summary(11)}
        f.write(json.dumps({"schema_version": 1, "scenarios": {f"s{k}": metrics for k in range(4)}}) + "\n")
PY

# Best wall time of three runs, and the exit code (0: accepted, 2: refused as an input error).
time_best() {
    local best=999999999999999 status=0
    for _ in 1 2 3; do
        local start end
        start=$(date +%s%N)
        status=0
        timeout 600 "$@" >/dev/null 2>&1 || status=$?
        end=$(date +%s%N)
        best=$(( (end - start) < best ? (end - start) : best ))
    done
    printf '%8.3f s  (exit %d)' "$(python3 -c "print($best / 1e9)")" "$status"
}

echo "lens-gate: $binary"
printf '%-62s %s\n' "validate: 99,000 keys in one mapping ($(du -h "$data/keys.yaml" | cut -f1))" "$(time_best "$binary" validate --config "$data/keys.yaml")"
printf '%-62s %s\n' "validate: 10,000 targets, workloads and scenarios ($(du -h "$data/big.yaml" | cut -f1))" "$(time_best "$binary" validate --config "$data/big.yaml")"
printf '%-62s %s\n' "validate: 100,000 levels of nested flow YAML (refused)" "$(time_best "$binary" validate --config "$data/deep.yaml")"
printf '%-62s %s\n' "check: 100,000 levels of nested JSON (refused)" "$(time_best "$binary" check "$data/deep.json" --baseline "$data/baseline.json")"
printf '%-62s %s\n' "baseline show: 3,000-line history, 4 scenarios" "$(time_best "$binary" baseline show "$data/baseline.json" --history "$data/history.jsonl")"
