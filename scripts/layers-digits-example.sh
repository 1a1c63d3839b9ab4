#!/usr/bin/env bash
# Layer replacement on a real teacher: layer 2 (1024 -> 1024, ReLU) of the digits MLP in
# ../shared/data/digits-mlp beside the clone (see its README), fitted without backpropagation on the
# layer's real inputs. Prints rftool fit-layer's line per kind and the network's test
# accuracy with layer 2 replaced. Needs numpy (data preparation and the final argmax only).
#   usage: scripts/layers-digits-example.sh [DATA_DIR] [WORK_DIR]
set -euo pipefail
DATA=${1:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data}
WORK=${2:-$(mktemp -d)}
RFTOOL=${RFTOOL:-$(dirname "$0")/../.build/release/rftool}
M=$DATA/digits-mlp
mkdir -p "$WORK"
RFTOOL=$(cd "$(dirname "$RFTOOL")" && pwd)/$(basename "$RFTOOL")
cd "$WORK"
python3 - "$DATA" <<'PY'
import sys, numpy as np
data = sys.argv[1]
d = np.genfromtxt(f"{data}/digits.csv", delimiter=",", skip_header=1)
x = d[:, :64] / 16.0
train, test = np.load(f"{data}/digits-mlp/train_index.npy"), np.load(f"{data}/digits-mlp/test_index.npy")
np.save("X_train.npy", x[train]); np.save("X_test.npy", x[test]); np.save("labels_test.npy", d[test, 64:65])
PY
# Layer 1 as a dense layer file, then its outputs: the inputs of layer 2.
"$RFTOOL" fit-layer --teacher "$M/W1.npy" --bias "$M/b1.npy" --activation relu --kind dense \
    --calibration X_train.npy --holdout X_test.npy --out layer1.json > /dev/null
"$RFTOOL" apply-layer --layer layer1.json --input X_train.npy --output H1_train.npy
"$RFTOOL" apply-layer --layer layer1.json --input X_test.npy --output H1_test.npy
while read -r name args; do
    printf '%-14s ' "$name"
    # shellcheck disable=SC2086
    "$RFTOOL" fit-layer --teacher "$M/W2.npy" --bias "$M/b2.npy" --activation relu $args \
        --calibration H1_train.npy --holdout H1_test.npy --out "layer2-$name.json"
    "$RFTOOL" apply-layer --layer "layer2-$name.json" --input H1_test.npy --output "H2-$name.npy"
done <<'KINDS'
dense         --kind dense
dyad-k4       --kind dyad --blocks 4
dyad-k8       --kind dyad --blocks 8
lowrank-r64   --kind lowrank --rank 64
lowrank-r256  --kind lowrank --rank 256
prp           --kind prp
acdc-L4       --kind acdc --blocks 4
snnk-m256     --kind snnk --features 256
snnk-m512-sorf --kind snnk --features 512 --projection sorf
eugen-m256    --kind eugen --features 256 --order 2
KINDS
python3 - "$M" <<'PY'
import sys, glob, numpy as np
m = sys.argv[1]
w3, b3 = np.load(f"{m}/W3.npy"), np.load(f"{m}/b3.npy")
labels = np.load("labels_test.npy")[:, 0]
for path in sorted(glob.glob("H2-*.npy")):
    predicted = (np.load(path) @ w3.T + b3).argmax(axis=1)
    print(f"{path[3:-4]:<14} test accuracy {np.mean(predicted == labels):.4f}")
PY
