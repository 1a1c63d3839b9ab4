#!/usr/bin/env bash
# Executes every notebook in notebooks-export/ headless and writes PNGs to results/figures/.
# Python packages go into a local virtual environment (.venv) from the pinned requirements.txt.
# Usage: bash notebooks-export/run.sh [SWEEP_CSV]   (default: results/default.csv)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import nbclient, pandas, matplotlib' 2>/dev/null \
   || ! cmp -s "$here/requirements.txt" "$venv/.rftool-requirements"; then
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/.rftool-requirements"
fi
export RFTOOL_RESULTS="$root/results"
sweep="${1:-$root/results/default.csv}"
case "$sweep" in /*) ;; *) sweep="$PWD/$sweep" ;; esac   # the notebooks run in another folder
export RFTOOL_SWEEP="$sweep"
mkdir -p "$root/results/figures"
"$venv/bin/python" "$here/execute.py"
