# Convenience targets; each calls a script that also works on its own.
.PHONY: demo demo-slow test benchmark

demo:        ## the main job on the embedded default (no API key, no network): passes
	scripts/demo.sh

demo-slow:   ## the same with the simulator 25% slower: the gate fails with exit 1
	scripts/demo.sh --slowdown 1.25

test:        ## every test (installs missing Debian and test packages first)
	scripts/test.sh

benchmark:   ## performance figures in release mode (gate, then runner)
	scripts/benchmark.sh
	Benchmarks/runner-benchmark.sh
