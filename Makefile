# Convenience targets; each calls a script that also works on its own.
.PHONY: demo demo-slow test fuzz benchmark

demo:        ## the main job on the embedded default (no API key, no network): passes
	scripts/demo.sh

demo-slow:   ## the same with the simulator 25% slower: the gate fails with exit 1
	scripts/demo.sh --slowdown 1.25

test:        ## every test (installs missing Debian and test packages first)
	scripts/test.sh

fuzz:        ## fuzz the parsers and numeric flags (90 s; LENS_GATE_FUZZ_SECONDS=600 make fuzz for longer)
	scripts/fuzz.sh

benchmark:   ## performance figures in release mode (gate, then runner, then hostile inputs)
	scripts/benchmark.sh
	Benchmarks/runner-benchmark.sh
	scripts/input-benchmark.sh
