#!/usr/bin/env bash
# Peak memory of `lens-gate run` against a hostile server on 127.0.0.1 that streams one endless
# SSE line (up to 1 GiB, no newline) and, separately, a non-streamed body of 1 GiB. With the size
# caps (load.max_event_size, default 8 MiB; load.max_response_size, default 64 MiB) the request
# fails as response_too_large and memory stays near the caps. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
# LENS_GATE_BINARY measures another build (e.g. an older one, for comparison).
binary="${LENS_GATE_BINARY:-}"
if [ -z "$binary" ]; then
    swift build --product lens-gate >/dev/null
    binary="$(swift build --show-bin-path)/lens-gate"
fi
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$work/port" <<'PY' &
import socket, sys, threading
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(16)
open(sys.argv[1], "w").write(str(listener.getsockname()[1]))
chunk = b"a" * (1 << 20)
def serve(connection):
    with connection:
        request = b""
        while b"\r\n\r\n" not in request:
            request += connection.recv(65536)
        streamed = b'"stream":true' in request
        kind = b"text/event-stream" if streamed else b"application/json"
        head = b"HTTP/1.1 200 OK\r\nContent-Type: " + kind + b"\r\nConnection: close\r\n\r\n"
        try:
            connection.sendall(head + (b"data: " if streamed else b'{"choices":[{"message":{"content":"'))
            for _ in range(1024):
                connection.sendall(chunk)
        except OSError:
            pass
while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
PY
server=$!
while [ ! -s "$work/port" ]; do sleep 0.1; done
port=$(cat "$work/port")

for stream in true false; do
    cat > "$work/lens-gate.yaml" <<YAML
targets:
  hostile: {provider: custom, base_url: "http://127.0.0.1:$port/v1", model: m, health_check: false}
workloads:
  w: {prompt: "hi", stream: $stream}
scenarios:
  - {name: s, target: hostile, workload: w, load: {requests: 1, timeout: 120s}}
YAML
    status=0
    /usr/bin/time -f "%M" -o "$work/rss" "$binary" run --quiet --config "$work/lens-gate.yaml" --output "$work/results.json" \
        >/dev/null 2>"$work/stderr" || status=$?
    printf 'stream=%s: exit %s, peak RSS %s MiB; %s\n' "$stream" "$status" "$(awk 'END { printf "%.1f", $1 / 1024 }' "$work/rss")" \
        "$(grep -o 'response_too_large: [^;]*' "$work/stderr" | head -1 | cut -c1-90)"
done
