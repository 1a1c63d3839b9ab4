#!/usr/bin/env bash
# Issue 3's speed check, side by side in one run: scikit-learn's RBFSampler.transform
# (benchmarks/baselines/sklearn_transform.py, float32, n = 4096, d = 1024, M = 1024) against
# `rftool bench features` on the same shape (the transform alone, no file I/O), for the default
# map (gaussian/trig on sorf, 2M columns) and for RBFSampler's own map (offset, M columns).
# The three are alternated ROUNDS times (default 3) so that all see the same load; each line
# gives the medians of that round and the ratios against scikit-learn of the same round.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
N=${N:-4096}; D=${D:-1024}; M=${M:-1024}; ROUNDS=${ROUNDS:-3}
python="$(bash benchmarks/venv.sh)"
swift build -c release --product rftool >&2
bin="$(swift build -c release --show-bin-path)/rftool"
rftool_ms() { "$bin" bench features --rows "$N" --dim "$D" --features "$M" --samples 31 --format csv "$@" 2>/dev/null \
  | awk -F, 'NR > 1 && $3 == "sorf" { print $10 }'; }
echo "round,sklearn_ms,trig_sorf_ms,offset_sorf_ms,trig_speedup,offset_speedup,load_average"
for round in $(seq 1 "$ROUNDS"); do
  sk=$("$python" benchmarks/baselines/sklearn_transform.py "$N" "$D" "$M" float32 | sed -E 's/.*: ([0-9.]+) ms.*/\1/')
  trig=$(rftool_ms)
  offset=$(rftool_ms --estimator offset)
  printf '%s,%s,%s,%s,%.1f,%.1f,%s\n' "$round" "$sk" "$trig" "$offset" "$(echo "$sk / $trig" | bc -l)" \
    "$(echo "$sk / $offset" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
done
