#!/usr/bin/env bash
# The main job on built-in defaults: set-up, release build, then the richest
# experiment rftool has (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product rftool
bin="$(swift build -c release --show-bin-path)/rftool"
"$bin" --help
