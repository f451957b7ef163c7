#!/usr/bin/env bash
# Performance figures of `lens-gate check` (issue: ≤ 1 s for 1,000,000 samples per side × 3
# metrics, release build), its ratio to scipy's mannwhitneyu on the same data, and the start-up
# time of `lens-gate --version` (≤ 30 ms). Prints figures; asserts nothing (machines are noisy).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product lens-gate >/dev/null
swift build -c release --product check-benchmark >/dev/null
data="${BENCHMARK_DATA:-$(mktemp -d)}"
.build/release/check-benchmark "$data"

best=999
for _ in 1 2 3; do
    start=$(date +%s.%N)
    .build/release/lens-gate check "$data/current.json" --baseline "$data/baseline.json" --markdown /dev/null >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    best=$(python3 -c "print(min($best, $end - $start))")
done
printf 'lens-gate check binary, wall (best of 3): %.3f s\n' "$best"

scipy=$(python3 - "$data" <<'PY'
import json, sys, time
from scipy.stats import mannwhitneyu
base = json.load(open(sys.argv[1] + "/baseline.json"))["scenarios"][0]["samples"]
cur = json.load(open(sys.argv[1] + "/current.json"))["scenarios"][0]["samples"]
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for metric in ("ttft_ms", "e2e_ms", "itl_ms"):
        mannwhitneyu(cur[metric], base[metric], alternative="greater")
    best = min(best, time.perf_counter() - start)
print(best)
PY
)
printf 'scipy.stats.mannwhitneyu on the same 3 metrics (best of 3, excluding JSON loading): %.3f s\n' "$scipy"
python3 -c "print('ratio lens-gate check (whole gate: parse, 26 tests, reports) / scipy mannwhitneyu alone: %.2f' % ($best / $scipy))"

version_best=999
for _ in $(seq 1 20); do
    start=$(date +%s%N)
    .build/release/lens-gate --version >/dev/null
    end=$(date +%s%N)
    version_best=$(( (end - start) < version_best * 1000000 ? (end - start) / 1000000 : version_best ))
done
echo "lens-gate --version (best of 20): ${version_best} ms (target ≤ 30 ms)"
