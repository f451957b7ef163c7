#!/usr/bin/env bash
# Fuzzes lens-gate for a bounded time: the config, results, history and stream parsers in-process
# and the numeric flags through the real binary (Fuzz/lens-gate-fuzz, seeds in Fuzz/Corpus).
# Exits 1 when an input crashed or hung a target; the inputs are saved in .build/fuzz-crashes.
#
#   scripts/fuzz.sh                       # 90 s (LENS_GATE_FUZZ_SECONDS overrides; 0 skips)
#   scripts/fuzz.sh --seed 123            # reproduce a run (the seed is printed first)
#   scripts/fuzz.sh --targets config,results --seconds 600
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${LENS_GATE_FUZZ_SECONDS:-90}
if [ "$seconds" = 0 ]; then
    echo "fuzz: skipped (LENS_GATE_FUZZ_SECONDS=0)"
    exit 0
fi
swift build --product lens-gate-fuzz >/dev/null
swift build --product lens-gate >/dev/null
bin=$(swift build --show-bin-path)
exec "$bin/lens-gate-fuzz" run --seconds "$seconds" --binary "$bin/lens-gate" --corpus Fuzz/Corpus --crashes .build/fuzz-crashes "$@"
