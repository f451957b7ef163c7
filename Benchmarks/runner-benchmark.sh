#!/usr/bin/env bash
# Measures lens-gate's runner (Benchmarks/runner-benchmark, in release) and compares it with
# GuideLLM against the same simulator (`lens-gate sim`) on 127.0.0.1. Client and server share the
# machine's cores: that is the stated setting, so figures depend on what else the machine does.
#
#   Benchmarks/runner-benchmark.sh            # everything
#   Benchmarks/runner-benchmark.sh --quick    # shorter runs
#   SKIP_GUIDELLM=1 Benchmarks/runner-benchmark.sh
#
# GuideLLM comes from PyPI (`pip install guidellm`, into .build/guidellm-venv unless `guidellm`
# is already on PATH); when it cannot be installed or run, the script says so and skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product runner-benchmark
swift build -c release --product lens-gate
BIN=.build/release
"$BIN/runner-benchmark" "$@"

[[ "${SKIP_GUIDELLM:-}" == "1" ]] && exit 0
echo
echo "== GuideLLM comparison (same simulator, same workload) =="
GUIDELLM=$(command -v guidellm || true)
if [[ -z "$GUIDELLM" ]]; then
    if [[ ! -x .build/guidellm-venv/bin/guidellm ]]; then
        python3 -m venv .build/guidellm-venv >/dev/null 2>&1 && .build/guidellm-venv/bin/pip install -q guidellm >/dev/null 2>&1 || true
    fi
    [[ -x .build/guidellm-venv/bin/guidellm ]] && GUIDELLM=.build/guidellm-venv/bin/guidellm
fi
if [[ -z "$GUIDELLM" ]]; then
    echo "GuideLLM: not available (pip install guidellm failed here); no comparison made."
    exit 0
fi
echo "GuideLLM: $("$GUIDELLM" --version 2>&1 | tail -1)"

WORK=$(mktemp -d)
SIM_PID=""
cleanup() { [[ -n "$SIM_PID" ]] && kill -INT $SIM_PID 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
TTFT_MS=20
# start_sim FILE ARGS...: starts a simulator, waits for its port line.
start_sim() {
    local file=$1; shift
    "$BIN/lens-gate" sim --port 0 --seed 1 --threads 1 "$@" >"$file" 2>/dev/null &
    SIM_PID="$SIM_PID $!"
    for _ in $(seq 50); do [[ -s "$file" ]] && break; sleep 0.1; done
}
# A realistic stream (20 ms to the first token, 2 ms gaps, 16 tokens), and an instant server for client capacity.
start_sim "$WORK/stream-port" --ttft-ms "$TTFT_MS" --itl-ms 2 --tokens 16
start_sim "$WORK/fast-port" --ttft-ms 0 --itl-ms 0 --tokens 1
python3 - "$WORK" <<'PY'
import json, sys
with open(sys.argv[1] + "/prompts.jsonl", "w") as f:
    for i in range(5000):
        f.write(json.dumps({"prompt": f"Tell me a short story number {i} about the sea."}) + "\n")
PY

# compare NAME PORT STREAM MAX_TOKENS CONCURRENCY REQUESTS
compare() {
    local name=$1 PORT=$2 stream=$3 max_tokens=$4 concurrency=$5 requests=$6
    cat >"$WORK/lens-gate.yaml" <<YAML
targets:
  sim: {provider: custom, protocol: openai-chat, base_url: "http://127.0.0.1:$PORT/v1", model: sim-model}
workloads:
  w: {prompts: prompts.jsonl, max_tokens: $max_tokens, stream: $stream}
scenarios:
  - {name: $name, target: sim, workload: w, load: {concurrency: $concurrency, requests: $requests, timeout: 60s}}
YAML
    "$BIN/lens-gate" run -q --config "$WORK/lens-gate.yaml" --output "$WORK/lens.json" >/dev/null
    HF_HUB_OFFLINE=1 "$GUIDELLM" run \
        --backend "kind=openai_http,target=http://127.0.0.1:$PORT,model=sim-model,stream=$stream,max_tokens=$max_tokens" \
        --profile "kind=concurrent,streams=$concurrency" --data "kind=json_file,path=$WORK/prompts.jsonl" \
        --constraint "kind=max_requests,count=$requests" --disable-console --output "kind=json,path=$WORK/guide.json" \
        >"$WORK/guide.log" 2>&1 || { echo "GuideLLM run failed:"; tail -5 "$WORK/guide.log"; return 0; }
    python3 - "$WORK/lens.json" "$WORK/guide.json" "$name" "$stream" "$TTFT_MS" <<'PY'
import json, statistics, sys
lens, guide, name, stream, ttft = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3], sys.argv[4] == "true", float(sys.argv[5])
s = lens["scenarios"][0]
lens_rps = s["counts"]["succeeded"] / s["totals"]["duration_s"]
m = guide["benchmarks"][0]["metrics"]
guide_rps = m["requests_per_second"]["successful"]["mean"]
print(f"{name}: request throughput  lens-gate {lens_rps:.1f} req/s, GuideLLM {guide_rps:.1f} req/s, ratio {lens_rps / guide_rps:.2f}x")
if stream:
    lens_ttft = statistics.mean(s["samples"]["ttft_ms"])
    guide_ttft = m["time_to_first_token_ms"]["successful"]["mean"]
    lo, go = lens_ttft - ttft, guide_ttft - ttft
    print(f"{name}: mean TTFT (injected {ttft:.0f} ms)  lens-gate {lens_ttft:.2f} ms (+{lo:.2f}), GuideLLM {guide_ttft:.2f} ms (+{go:.2f}); "
          f"measurement overhead ratio GuideLLM/lens-gate {go / lo if lo > 0 else float('inf'):.1f}x")
PY
}
compare stream-c8 "$(head -1 "$WORK/stream-port")" true 16 8 800
compare instant-c64 "$(head -1 "$WORK/fast-port")" false 1 64 5000
