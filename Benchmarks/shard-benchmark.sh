#!/usr/bin/env bash
# Aggregate request rate of 1, 2 and 4 shard processes (`lens-gate run --shard K/N`, merged with
# `lens-gate merge`) against one simulator (`lens-gate sim`) on 127.0.0.1 that answers at once
# (1 token, no delay) on several threads, so that the clients are what is measured. Client and
# server share this machine's cores: on a machine with few cores, more shards compete with the
# simulator and each other, and the figures say so rather than show a clean scale-out. On
# separate machines (the use sharding is for) each shard brings its own cores and network.
#
#   Benchmarks/shard-benchmark.sh                      # 40,000 requests at concurrency 64
#   REQUESTS=8000 Benchmarks/shard-benchmark.sh        # shorter
#   LENS_GATE=.build/debug/lens-gate Benchmarks/shard-benchmark.sh   # another build (skips the release build)
#
# Printed per shard count: the merged file's request_throughput (requests over the union of the
# shards' wall-clock windows, start skew included), the sum of the shards' own rates (what the
# server received while all ran), and the processes' CPU seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-40000}
CONCURRENCY=${CONCURRENCY:-64}
SIM_THREADS=${SIM_THREADS:-2}
if [[ -z "${LENS_GATE:-}" ]]; then
    swift build -c release --product lens-gate >/dev/null
    LENS_GATE=.build/release/lens-gate
fi

WORK=$(mktemp -d)
SIM_PID=""
cleanup() { [[ -n "$SIM_PID" ]] && kill -INT "$SIM_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$LENS_GATE" sim --port 0 --seed 1 --threads "$SIM_THREADS" --ttft-ms 0.001 --itl-ms 0.001 --tokens 1 >"$WORK/port" 2>/dev/null &
SIM_PID=$!
for _ in $(seq 100); do [[ -s "$WORK/port" ]] && break; sleep 0.1; done
PORT=$(head -1 "$WORK/port")

cat >"$WORK/lens-gate.yaml" <<YAML
targets:
  sim: {provider: custom, base_url: "http://127.0.0.1:$PORT/v1", model: sim-model}
workloads:
  tiny: {prompt: "Hi", max_tokens: 1, stream: false}
scenarios:
  - {name: tiny, target: sim, workload: tiny, load: {concurrency: $CONCURRENCY, requests: $REQUESTS, warmup: 64}}
YAML

echo "lens-gate shard benchmark: $REQUESTS requests at concurrency $CONCURRENCY (split over the shards), simulator on $SIM_THREADS threads, $(nproc) cores shared"
printf '%-7s %18s %20s %10s %14s\n' shards "merged req/s" "sum of shard req/s" requests "cpu s (user+sys)"
for shards in 1 2 4; do
    dir="$WORK/n$shards"
    mkdir -p "$dir"
    start=$(date +%s.%N)
    pids=()
    for k in $(seq 1 "$shards"); do
        /usr/bin/time -f "%U %S" -o "$dir/time-$k" \
            "$LENS_GATE" run --config "$WORK/lens-gate.yaml" --shard "$k/$shards" --quiet --output "$dir/shard-$k.json" >/dev/null &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    "$LENS_GATE" merge "$dir"/shard-*.json --output "$dir/merged.json" 2>/dev/null
    python3 - "$dir" "$shards" <<'PY'
import json, sys, glob
directory, shards = sys.argv[1], int(sys.argv[2])
merged = json.load(open(f"{directory}/merged.json"))["scenarios"][0]
succeeded = merged["counts"]["succeeded"]
merged_rate = succeeded / merged["totals"]["duration_s"]
rates = []
for name in sorted(glob.glob(f"{directory}/shard-*.json")):
    scenario = json.load(open(name))["scenarios"][0]
    window = scenario["measured_window"]
    rates.append(scenario["counts"]["succeeded"] / (window["end"] - window["start"]))
cpu = sum(sum(float(x) for x in open(t).read().split()[-2:]) for t in glob.glob(f"{directory}/time-*"))
print(f"{shards:<7d} {merged_rate:18,.0f} {sum(rates):20,.0f} {succeeded:10d} {cpu:14.1f}")
PY
done
