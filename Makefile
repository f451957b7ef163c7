# Convenience targets; each calls a script that also works on its own.
.PHONY: demo test benchmark

demo:        ## the main job on the embedded default (no API key, no network)
	scripts/demo.sh

test:        ## every test (installs missing Debian and test packages first)
	scripts/test.sh

benchmark:   ## performance figures in release mode
	scripts/benchmark.sh
