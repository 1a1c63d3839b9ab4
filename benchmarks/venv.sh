#!/usr/bin/env bash
# Creates .venv-bench with the pinned baseline packages; prints the python path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-bench"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
if ! cmp -s "$root/benchmarks/requirements.txt" "$venv/.rftool-requirements"; then
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$root/benchmarks/requirements.txt" >&2
  cp "$root/benchmarks/requirements.txt" "$venv/.rftool-requirements"
fi
echo "$venv/bin/python"
