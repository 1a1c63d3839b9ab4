#!/usr/bin/env bash
# The test suite: set-up, then every test in release mode (statistical tests
# draw millions of samples; debug code generation is ~50x slower).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift test -c release "$@"
