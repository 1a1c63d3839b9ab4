#!/usr/bin/env bash
# Drives one variance sweep sharded over GNU parallel's local job slots, joins
# the shards with `rftool merge`, and checks that the merged CSV and summary
# are byte-identical to an unsharded run of the same grid.
#
#   tests/sharded_parallel.sh [RFTOOL]      (default: the release build)
#
# The grid uses SWEEP_KERNEL/SWEEP_ESTIMATOR (default gaussian/trig) from the
# estimator catalogue. Exit 0: identical; 1: different; 77: skipped (no GNU parallel).
# A cluster does the same with a job array: each task runs
# `rftool variance-sweep ... --shard $TASK_ID/$N`, then one `rftool merge`.
set -euo pipefail
cd "$(dirname "$0")/.."
rftool="${1:-$(swift build -c release --show-bin-path)/rftool}"
if ! command -v parallel >/dev/null 2>&1; then
  echo "SKIP: GNU parallel is not installed (Debian package 'parallel'; scripts/setup.sh installs it)" >&2
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
grid=(--kernel "${SWEEP_KERNEL:-gaussian}" --estimator "${SWEEP_ESTIMATOR:-trig}" --projection iid
      --dim 3,8 --features 8,32,128 --pairs 10 --trials 200 --seed 11 --quiet)
shards=4

"$rftool" variance-sweep "${grid[@]}" --threads 2 --out "$work/whole.csv"
parallel --will-cite --jobs 2 --halt now,fail=1 -q \
  "$rftool" variance-sweep "${grid[@]}" --threads 1 --shard "{}/$shards" --out "$work/sweep.csv" \
  ::: $(seq 0 $((shards - 1)))
"$rftool" merge "$work"/sweep.shard-*.csv --out "$work/merged.csv" --quiet

status=0
for f in whole.csv:merged.csv whole.summary.csv:merged.summary.csv; do
  a="${f%%:*}" b="${f##*:}"
  if cmp -s "$work/$a" "$work/$b"; then
    echo "identical: $a and $b ($(wc -l < "$work/$a") lines)"
  else
    echo "DIFFERENT: $a and $b" >&2
    diff "$work/$a" "$work/$b" | head -5 >&2 || true
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "PASS: $shards shards through GNU parallel merge to the unsharded bytes"
exit "$status"
