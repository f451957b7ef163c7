#!/usr/bin/env python3
"""Generate the shipped example baseline and results files (deterministic, seeded).

The shapes mimic a streaming chat endpoint: log-normal TTFT with a small slow tail, pooled
inter-token gaps (each request decoding at its own speed, as real engines do; every gap labelled
with its request in `sample_requests`), per-request e2e built from them. `results-regressed.json` has TTFT 18% slower
so that the demo shows a failing gate. Run from the repository root:

    python3 scripts/make-examples.py
"""
import json
import numpy as np

def scenario(rng, name, requests, ttft_median, itl_median, tokens, slowdown=1.0, errors=0):
    ttft = rng.lognormal(np.log(ttft_median * slowdown), 0.25, requests)
    tail = rng.random(requests) < 0.03
    ttft[tail] *= rng.uniform(2, 4, tail.sum())
    out_tokens = rng.integers(int(tokens * 0.8), int(tokens * 1.2), requests)
    itl_all, itl_requests, e2e, tpot, tps = [], [], [], [], []
    for request, (t, n) in enumerate(zip(ttft, out_tokens)):
        speed = itl_median * np.exp(rng.normal(0, 0.2))
        gaps = rng.lognormal(np.log(speed), 0.1, n - 1)
        itl_all.extend(gaps)
        itl_requests.extend([request] * (n - 1))
        total = t + gaps.sum()
        e2e.append(total)
        tpot.append((total - t) / (n - 1))
        tps.append(n / (total / 1000))
    duration = sum(e2e) / 1000 / 8  # concurrency 8
    r3 = lambda xs: [round(float(x), 3) for x in xs]
    cost = [round(float(n) * 0.6e-6 + 128 * 0.15e-6, 9) for n in out_tokens]
    return {
        "name": name, "target": "sim", "workload": name, "model": "sim-small",
        "samples": {"ttft_ms": r3(ttft), "itl_ms": r3(itl_all), "tpot_ms": r3(tpot), "e2e_ms": r3(e2e),
                    "output_tokens_per_s": r3(tps), "cost_usd": cost},
        "sample_requests": {"itl_ms": itl_requests},
        "counts": {"requests": requests + errors, "succeeded": requests, "failed": errors, "warmup": 4,
                   "errors": {"http_5xx": errors} if errors else {}},
        "totals": {"duration_s": round(duration, 3), "input_tokens": 128 * requests,
                   "output_tokens": int(out_tokens.sum()), "cost_usd": round(sum(cost), 6)},
        "token_source": "server",
    }

def document(seed, slowdown, commit, branch):
    rng = np.random.default_rng(seed)
    return {
        "schema_version": 1,
        "run": {"started_at": "2026-11-23T09:00:00Z", "finished_at": "2026-11-23T09:01:10Z", "complete": True,
                "tool_version": "0.1.0", "git": {"commit": commit, "branch": branch},
                "host": {"name": "example", "os": "Linux", "cpu_count": 2, "hardware_tag": "example-2core"}},
        "scenarios": [
            scenario(rng, "chat-short", 200, 120, 12, 64, slowdown),
            scenario(rng, "chat-long", 120, 350, 14, 256, 1.0),
        ],
    }

def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")

write("examples/baseline.json", document(1, 1.0, "0000000example", "main"))
write("examples/results-ok.json", document(2, 1.0, "1111111example", "feature"))
write("examples/results-regressed.json", document(3, 1.18, "2222222example", "feature"))
