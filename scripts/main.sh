#!/usr/bin/env bash
# The main job on built-in defaults: set-up, release build, the default variance
# sweep (a quick cut of ALGORITHMS.md §7.1) into results/default*.csv, then the
# figures of that sweep into results/figures/ (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product rftool
bin="$(swift build -c release --show-bin-path)/rftool"
mkdir -p results
"$bin" variance-sweep --out results/default.csv "$@"
bash notebooks-export/run.sh results/default.csv
