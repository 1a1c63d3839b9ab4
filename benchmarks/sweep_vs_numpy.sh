#!/usr/bin/env bash
# Issue 4's speed check, side by side in one run: the NumPy point-wise sweep of
# benchmarks/baselines/numpy_sweep.py (Gaussian kernel, sin/cos features, d = 64, P = 100 pairs
# on the unit sphere, T = 1000 trials, M = 16..1024, iid and orthogonal) against
# `rftool variance-sweep` on the same grid. Prints both wall times, the ratio, and the MSE of
# each (projection, M) from both tools on the same pairs, with the Monte Carlo standard error.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
D=${D:-64}; T=${T:-1000}; P=${P:-100}; MS=${MS:-16,32,64,128,256,512,1024}
python="$(bash benchmarks/venv.sh)"
swift build -c release --product rftool >&2
bin="$(swift build -c release --show-bin-path)/rftool"
# A fixed folder: the --input path is part of each cell's identity (and so of its random
# stream), so a fixed path makes rftool's side repeatable from run to run.
out="${RFTOOL_BENCH_DIR:-/tmp/rftool-sweep-vs-numpy}"
mkdir -p "$out"

# The same pairs as numpy_sweep.py (its first draws from default_rng(0)), interleaved x0, y0, x1, y1, ...
"$python" - "$D" "$P" "$out/pairs.npy" <<'PY'
import sys, numpy as np
d, P = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(0)
X = rng.standard_normal((P, d)); X /= np.linalg.norm(X, axis=1, keepdims=True)
Y = rng.standard_normal((P, d)); Y /= np.linalg.norm(Y, axis=1, keepdims=True)
pairs = np.empty((2 * P, d)); pairs[0::2] = X; pairs[1::2] = Y
np.save(sys.argv[3], pairs)
PY

# Wall time is what the bar is about; CPU time (user + system, from GNU time) is printed too,
# since on a machine shared with other jobs the wall time of either tool depends on the load.
start=$(date +%s.%N)
/usr/bin/time -f '%U %S' -o "$out/numpy.time" \
  "$python" benchmarks/baselines/numpy_sweep.py "$D" "$T" "$P" "$MS" > "$out/numpy.csv" 2> "$out/numpy.err"
numpy_s=$(echo "$(date +%s.%N) - $start" | bc -l)

start=$(date +%s.%N)
/usr/bin/time -f '%U %S' -o "$out/rftool.time" \
  "$bin" variance-sweep --kernel gaussian --estimator trig --projection iid,orthogonal --dim "$D" \
  --features "$MS" --pairs "$P" --trials "$T" --input "$out/pairs.npy" --seed 0 --quiet \
  --out "$out/rftool.csv"
rftool_s=$(echo "$(date +%s.%N) - $start" | bc -l)
cpu() { awk '{ print $1 + $2 }' "$1"; }

printf 'numpy_seconds,%.3f\nrftool_seconds,%.3f\nspeedup,%.1f\n' "$numpy_s" "$rftool_s" "$(echo "$numpy_s / $rftool_s" | bc -l)"
printf 'numpy_cpu_seconds,%.2f\nrftool_cpu_seconds,%.2f\nrftool_threads,%s\nload_average,%s\n' \
  "$(cpu "$out/numpy.time")" "$(cpu "$out/rftool.time")" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
"$python" - "$out/numpy.csv" "$out/rftool.csv" <<'PY'
import csv, sys, math
numpy_rows = {(r["projection"], int(r["features"])): float(r["mse"]) for r in csv.DictReader(open(sys.argv[1]))}
groups = {}
for r in csv.DictReader(open(sys.argv[2])):
    key = (r["projection"], int(r["features"]))
    groups.setdefault(key, []).append(r)
# Both tools estimate the same pair-averaged MSE on the same pairs with independent randomness;
# z = difference / (sqrt(2) * SE), |z| < 3 expected.
print("projection,features,mse_numpy,mse_rftool,mse_se,z")
for key in sorted(groups):
    rows = groups[key]
    mse = sum(float(r["mse"]) for r in rows) / len(rows)
    # SE of the pair-averaged MSE from the per-pair 95% intervals (half-width / 1.96).
    se = math.sqrt(sum(((float(r["mse_hi"]) - float(r["mse_lo"])) / (2 * 1.96)) ** 2 for r in rows)) / len(rows)
    ref = numpy_rows.get(key)
    z = "" if ref is None or se == 0 else f"{(mse - ref) / (math.sqrt(2) * se):.2f}"
    print(f"{key[0]},{key[1]},{ref},{mse:.6g},{se:.3g},{z}")
PY
