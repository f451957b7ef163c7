#!/usr/bin/env python3
"""Generates the importer test fixtures from real runs of other load generators.

Each tool is installed from PyPI into its own virtual environment under .build/import-venvs and
run against `lens-gate sim` on 127.0.0.1. Three runs per tool: `base` and `again` (an unchanged
simulator with another seed: an A/A pair) and `slow` (the simulator 30% slower). The files land
in Tests/ImportTests/Fixtures/<tool>/ exactly as the tools wrote them, apart from the renaming.

    scripts/importers/make-fixtures.py [--lens-gate PATH] [--only guidellm,aiperf,vllm,llmperf]

Tools and what they need here (no network but PyPI):
  guidellm  PyPI guidellm; prompts from a text file, so no tokenizer download.
  aiperf    PyPI aiperf; synthetic prompts need a tokenizer: a small word-level tokenizer is
            built locally (tokenizers library) instead of downloading one from the HF hub.
  vllm      PyPI vllm (`vllm bench serve`); same local tokenizer; the engine is never started.
            `vllm` saves with --save-detailed (<run>.json); `vllm-aggregate` saves the same
            runs without it (<run>-aggregate.json: what vLLM writes by default, aggregates only).
  llmperf   ray-project/llmperf is not on PyPI (the PyPI package of that name is another
            project): pass its source with LLMPERF_SRC=DIR. It loads the tokenizer
            hf-internal-testing/llama-tokenizer from the HF hub, which is out of reach here, so
            the local word-level tokenizer is put into an offline HF cache under that name.
            `llmperf-summary` writes the again and slow runs' *_summary.json (runs of their own).
A tool's existing virtual environment can be used instead of installing one:
VENV_<TOOL>=DIR (VENV_VLLM, VENV_AIPERF, ...); nothing is installed into it.
The Swift tool and its tests never need Python; only this script does.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "ImportTests" / "Fixtures"
VENVS = ROOT / ".build" / "import-venvs"
VERSIONS = {"guidellm": "0.8.1", "aiperf": "0.13.0", "vllm": "0.33.0"}
REQUESTS = 30
CONCURRENCY = 4
INPUT_TOKENS = 20
OUTPUT_TOKENS = 24
# The simulator: every request decodes at its own speed, some replies fail with 503.
SIM_ARGS = ["--ttft-ms", "40", "--itl-ms", "8", "--jitter", "0.2", "--decode-spread", "0.2",
            "--tokens", str(OUTPUT_TOKENS), "--fault-503", "0.03"]
RUNS = {"base": (11, 1.0), "again": (12, 1.0), "slow": (13, 1.3)}


def log(message):
    print(f"make-fixtures: {message}", file=sys.stderr, flush=True)


def venv(name, packages, extra_args=()):
    """A virtual environment with the packages installed, created on first use."""
    existing = os.environ.get(f"VENV_{name.upper()}")
    if existing:
        return Path(existing)
    path = VENVS / name
    python = path / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    marker = path / ".installed"
    wanted = " ".join(packages)
    if not marker.exists() or marker.read_text() != wanted:
        log(f"installing {wanted} into {path}")
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        *extra_args, *packages], check=True)
        marker.write_text(wanted)
    return path


def word_tokenizer(python, directory):
    """A tiny word-level Hugging Face tokenizer, built locally instead of downloaded."""
    script = """
import sys
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast
words = ("the a of and to in is it that for on with as was at by an be this which or from but not "
         "are have stream token latency request server model answer test gate").split()
vocab = {"[UNK]": 0, "[BOS]": 1, "[EOS]": 2}
for word in words:
    vocab.setdefault(word, len(vocab))
core = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
core.pre_tokenizer = pre_tokenizers.Whitespace()
fast = PreTrainedTokenizerFast(tokenizer_object=core, unk_token="[UNK]", bos_token="[BOS]", eos_token="[EOS]")
fast.save_pretrained(sys.argv[1])
"""
    subprocess.run([str(python), "-c", script, str(directory)], check=True, capture_output=True)
    return directory


class Simulator:
    """`lens-gate sim` on 127.0.0.1 with a free port, stopped on exit."""

    def __init__(self, lens_gate, seed, slowdown):
        self.process = subprocess.Popen(
            [lens_gate, "sim", "--port", "0", "--seed", str(seed), "--slowdown", str(slowdown), *SIM_ARGS],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = int(self.process.stdout.readline().strip())
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)


def run(command, cwd, env=None):
    log(" ".join(str(part) for part in command))
    started = time.monotonic()
    completed = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
        raise SystemExit(f"make-fixtures: {command[0]} exited {completed.returncode}")
    log(f"  done in {time.monotonic() - started:.1f} s")


def prompts_file(directory):
    path = directory / "prompts.txt"
    path.write_text("".join(f"Write a short answer about request {i} and the stream it is in.\n" for i in range(REQUESTS)))
    return path


def guidellm(lens_gate, work):
    env_path = venv("guidellm", [f"guidellm=={VERSIONS['guidellm']}"])
    prompts = prompts_file(work)
    target = FIXTURES / "guidellm"
    for name, (seed, slowdown) in RUNS.items():
        with Simulator(lens_gate, seed, slowdown) as sim:
            out = work / f"guidellm-{name}.json"
            run([env_path / "bin" / "guidellm", "run",
                 "--backend", f"kind=openai_http,target={sim.url},model=sim-model",
                 "--profile", f"kind=concurrent,streams={CONCURRENCY}",
                 "--constraint", f"kind=max_requests,count={REQUESTS}",
                 "--data", f"kind=text_file,path={prompts}",
                 "--output", f"kind=json,path={out}",
                 "--output", f"kind=yaml,path={work / f'guidellm-{name}.yaml'}",
                 "--disable-console"], cwd=work)
            shutil.copy(out, target / f"{name}.json")
            if name == "base":
                shutil.copy(work / f"guidellm-{name}.yaml", target / f"{name}.yaml")


def aiperf(lens_gate, work):
    env_path = venv("aiperf", [f"aiperf=={VERSIONS['aiperf']}"])
    tokenizer = word_tokenizer(env_path / "bin" / "python", work / "word-tokenizer")
    target = FIXTURES / "aiperf"
    for name, (seed, slowdown) in RUNS.items():
        with Simulator(lens_gate, seed, slowdown) as sim:
            artifacts = work / f"aiperf-{name}"
            run([env_path / "bin" / "aiperf", "profile", "--model", "sim-model", "--url", sim.url,
                 "--endpoint-type", "chat", "--streaming", "--tokenizer", tokenizer,
                 "--concurrency", CONCURRENCY, "--request-count", REQUESTS,
                 "--synthetic-input-tokens-mean", INPUT_TOKENS, "--output-tokens-mean", OUTPUT_TOKENS,
                 "--random-seed", seed, "--artifact-dir", artifacts, "--ui-type", "none"], cwd=work)
            shutil.copy(artifacts / "profile_export.jsonl", target / f"{name}.jsonl")
            shutil.copy(artifacts / "profile_export_aiperf.json", target / f"{name}-aggregate.json")


def vllm(lens_gate, work, detailed=True):
    env_path = venv("vllm", [f"vllm=={VERSIONS['vllm']}"])
    tokenizer = word_tokenizer(env_path / "bin" / "python", work / "word-tokenizer")
    target = FIXTURES / "vllm"
    for name, (seed, slowdown) in RUNS.items():
        with Simulator(lens_gate, seed, slowdown) as sim:
            run([env_path / "bin" / "vllm", "bench", "serve", "--backend", "openai-chat",
                 "--base-url", sim.url, "--endpoint", "/v1/chat/completions",
                 "--model", "sim-model", "--tokenizer", tokenizer,
                 "--dataset-name", "random", "--random-input-len", INPUT_TOKENS,
                 "--random-output-len", OUTPUT_TOKENS, "--num-prompts", REQUESTS,
                 "--max-concurrency", CONCURRENCY, "--seed", seed,
                 "--save-result", *(["--save-detailed"] if detailed else []), "--result-dir", work,
                 "--result-filename", f"vllm-{name}.json"], cwd=work)
            shutil.copy(work / f"vllm-{name}.json", target / (f"{name}.json" if detailed else f"{name}-aggregate.json"))


def llmperf(lens_gate, work, summaries=False):
    """llmperf's per-request files of every run and the base run's summary; with `summaries`, the
    summaries of the other runs only (runs of their own, so base_summary.json stays the summary
    of the same run as base_individual_responses.json)."""
    source = os.environ.get("LLMPERF_SRC")
    if not source:
        raise SystemExit("make-fixtures: llmperf needs LLMPERF_SRC=DIR (ray-project/llmperf's source; it is not on PyPI)")
    env_path = venv("llmperf", ["pydantic<2.5", "ray", "transformers", "tqdm", "num2words", "typer", "requests", "pandas", "boto3"],
                    extra_args=["--only-binary=:all:", "--ignore-requires-python"])
    python = env_path / "bin" / "python"
    # An offline HF cache holding the local tokenizer under the name llmperf asks for.
    cache = work / "hf-cache"
    snapshot = cache / "hub" / "models--hf-internal-testing--llama-tokenizer" / "snapshots" / ("0" * 40)
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    word_tokenizer(python, snapshot)
    refs = cache / "hub" / "models--hf-internal-testing--llama-tokenizer" / "refs"
    refs.mkdir(parents=True, exist_ok=True)
    (refs / "main").write_text("0" * 40)
    target = FIXTURES / "llmperf"
    for name, (seed, slowdown) in RUNS.items():
        if summaries and name == "base":
            continue
        with Simulator(lens_gate, seed, slowdown) as sim:
            results = work / f"llmperf-{name}"
            env = dict(os.environ, OPENAI_API_BASE=f"{sim.url}/v1", OPENAI_API_KEY="not-a-key",
                       HF_HOME=str(cache), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
                       PYTHONPATH=str(Path(source) / "src"), RAY_DISABLE_DOCKER_CPU_WARNING="1")
            run([python, Path(source) / "token_benchmark_ray.py", "--model", "sim-model",
                 "--mean-input-tokens", INPUT_TOKENS, "--stddev-input-tokens", 2,
                 "--mean-output-tokens", OUTPUT_TOKENS, "--stddev-output-tokens", 2,
                 "--max-num-completed-requests", REQUESTS, "--num-concurrent-requests", CONCURRENCY,
                 "--timeout", 120, "--results-dir", results, "--llm-api", "openai"], cwd=work, env=env)
            summary = next(results.glob("*_summary.json"))
            if summaries:
                shutil.copy(summary, target / f"{name}_summary.json")
                continue
            individual = next(results.glob("*_individual_responses.json"))
            shutil.copy(individual, target / f"{name}_individual_responses.json")
            if name == "base":
                shutil.copy(summary, target / f"{name}_summary.json")


def genai_perf(lens_gate, work):
    """GenAI-Perf needs perf_analyzer, a C++ binary of Triton's SDK that is not on PyPI: its
    profile_export.json is built here instead, in the shape GenAI-Perf's parser reads
    (perf_analyzer's send and response timestamps in ns and the raw SSE responses), from real
    streams of the simulator. Marked as built in the fixtures' README."""
    import http.client
    import threading

    target = FIXTURES / "genai-perf"
    for name, (seed, slowdown) in RUNS.items():
        with Simulator(lens_gate, seed, slowdown) as sim:
            records = []
            lock = threading.Lock()
            counter = iter(range(REQUESTS))

            def worker():
                while True:
                    with lock:
                        index = next(counter, None)
                    if index is None:
                        return
                    payload = json.dumps({"model": "sim-model", "stream": True, "max_tokens": OUTPUT_TOKENS,
                                          "messages": [{"role": "user", "content": f"Request {index}: write a short answer."}]})
                    connection = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=60)
                    sent = time.time_ns()
                    connection.request("POST", "/v1/chat/completions", body=payload,
                                       headers={"Content-Type": "application/json"})
                    response = connection.getresponse()
                    times, outputs, buffer = [], [], b""
                    if response.status == 200:
                        while True:
                            chunk = response.read1(65536)
                            if not chunk:
                                break
                            buffer += chunk
                            while b"\n\n" in buffer:
                                event, buffer = buffer.split(b"\n\n", 1)
                                times.append(time.time_ns())
                                outputs.append({"response": event.decode() + "\n\n"})
                    else:
                        response.read()
                    connection.close()
                    with lock:
                        records.append({"timestamp": sent, "request_inputs": {"payload": payload},
                                        "response_timestamps": times, "response_outputs": outputs})

            threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            records.sort(key=lambda record: record["timestamp"])
            ends = [record["response_timestamps"][-1] for record in records if record["response_timestamps"]]
            document = {"service_kind": "openai", "endpoint": "v1/chat/completions",
                        "experiments": [{"experiment": {"mode": "concurrency", "value": CONCURRENCY},
                                         "requests": records,
                                         "window_boundaries": [records[0]["timestamp"], max(ends)]}],
                        "version": ""}
            (target / f"{name}.json").write_text(json.dumps(document))
            log(f"genai-perf {name}: {len(records)} requests recorded")


TOOLS = {"guidellm": guidellm, "aiperf": aiperf, "vllm": vllm, "llmperf": llmperf, "genai-perf": genai_perf,
         "vllm-aggregate": lambda lens_gate, work: vllm(lens_gate, work, detailed=False),
         "llmperf-summary": lambda lens_gate, work: llmperf(lens_gate, work, summaries=True)}
# The folder of each tool's files, where it is not the tool's name.
FOLDERS = {"vllm-aggregate": "vllm", "llmperf-summary": "llmperf"}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lens-gate", default=str(ROOT / ".build" / "debug" / "lens-gate"))
    parser.add_argument("--only", default=",".join(TOOLS))
    options = parser.parse_args()
    for name in options.only.split(","):
        (FIXTURES / FOLDERS.get(name, name)).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as work:
            TOOLS[name](options.lens_gate, Path(work))
    log(f"fixtures written to {FIXTURES}")


if __name__ == "__main__":
    main()
