#!/usr/bin/env python3
"""Generate Tests/EndToEndTests/Fixtures (deterministic, seeded): the results files, baselines and
configs the end-to-end tests feed to the real binary. Run from the repository root:

    python3 scripts/make-test-fixtures.py

Each file is named for what it contains. The generated results mimic a chat endpoint: log-normal
TTFT (σ = 0.25 on the log scale) with e2e built from it; 120 requests per scenario. The malformed
and hand-written inputs are written verbatim. Only the tests need Python; the tool never does.
"""
import json
import pathlib
import numpy as np

OUT = pathlib.Path("Tests/EndToEndTests/Fixtures")
REQUESTS = 120
# Median TTFT and median decode time (ms) of each scenario.
SCENARIOS = {"chat": (110.0, 900.0), "rag": (280.0, 2400.0), "code": (170.0, 1500.0)}


def scenario(rng, name, ttft_factor=1.0, with_e2e=True):
    ttft_median, decode_median = SCENARIOS[name]
    ttft = rng.lognormal(np.log(ttft_median * ttft_factor), 0.25, REQUESTS)
    decode = rng.lognormal(np.log(decode_median), 0.25, REQUESTS)
    samples = {"ttft_ms": [round(float(x), 3) for x in ttft]}
    if with_e2e:
        samples["e2e_ms"] = [round(float(x), 3) for x in ttft + decode]
    return {
        "name": name,
        "samples": samples,
        "counts": {"requests": REQUESTS, "succeeded": REQUESTS, "failed": 0},
        "totals": {"duration_s": 10.0, "output_tokens": 64 * REQUESTS},
    }


def results(seed, names, **options):
    rng = np.random.default_rng(seed)
    return {"schema_version": 1, "scenarios": [scenario(rng, name, **options.get(name, {})) for name in names]}


def write_json(name, document):
    (OUT / name).write_text(json.dumps(document, separators=(",", ":")) + "\n")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write_json("baseline.json", results(1, ["chat", "rag"]))
    write_json("unchanged.json", results(2, ["chat", "rag"]))
    # Only chat's TTFT is 25% slower: one clear regression among otherwise unchanged checks.
    write_json("ttft-25pct-slower.json", results(3, ["chat", "rag"], chat={"ttft_factor": 1.25}))
    write_json("missing-scenario.json", results(4, ["chat"]))
    write_json("new-scenario-only.json", results(5, ["chat", "rag", "code"]))
    write_json("baseline-without-e2e.json",
               results(6, ["chat", "rag"], chat={"with_e2e": False}, rag={"with_e2e": False}))
    verbatim = {
        "empty-samples.json": '{"schema_version": 1, "scenarios": [{"name": "chat", "samples": {"ttft_ms": []}}]}\n',
        "invalid-json.json": '{"schema_version": 1,\n "scenarios": [{"name": "chat", "samples": {"ttft_ms": [1, 2}]}\n',
        "nan-latency.json": '{"schema_version": 1,\n "scenarios": [{"name": "chat",\n   "samples": {"ttft_ms": [120.5, NaN, 131.0]}}]}\n',
        "negative-latency.json": '{"schema_version": 1, "scenarios": [{"name": "chat", "samples": {"ttft_ms": [120.5, 118.2, 131.0, -5.0]}}]}\n',
        "schema-version-2.json": '{"schema_version": 2, "scenarios": [{"name": "chat", "samples": {"ttft_ms": [120.5]}}]}\n',
        "strict-rules.yaml": "gate:\n  rules:\n    - metric: ttft_ms.p50\n      method: mann-whitney\n  quality_gates:\n    - \"ttft_ms.p95 < 10s\"\n",
        "unknown-key.yaml": "gate:\n  treshold_percent: 10\n",
        "yaml-syntax-error.yaml": "gate:\n  threshold_percent: 10\n  rules: [ttft_ms.p95\n  alpha: 0.05\n",
    }
    for name, text in verbatim.items():
        (OUT / name).write_text(text)


if __name__ == "__main__":
    main()
