#!/usr/bin/env bash
# bench/text-curve.sh: configs/shakespeare.yaml against the PyTorch peer of the same model, side by
# side on this machine: validation loss against training time, one chart and one table.
#
#   bench/text-curve.sh [SECONDS]      # SECONDS of training for the peer (default: what ours took)
#
# Ours runs first (./run configs/shakespeare.yaml, into runs/), then bench/peers/torch_char.py with
# the same model, data split, B, S, Adam, clipping at 5 and a cosine decay of the learning rate over
# its time budget, two threads, evaluating every 30 s of training. Results: runs/text-curve_<time>/
# (text-curve.png, text-curve.md, peer.log). The peer needs python3 with torch (bench/peers/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out="runs/text-curve_$(date +%Y-%m-%d_%H-%M-%S)"
mkdir -p "$out"
./run configs/shakespeare.yaml sinks=[console] | tee "$out/rnnlab.log"
run=$(sed -n 's/^completed (\(.*\))$/\1/p' "$out/rnnlab.log" | tail -1)
[[ -n "$run" ]] || { echo "text-curve.sh: the rnnlab run did not complete" >&2; exit 1; }
seconds=${1:-$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "train_seconds") c = i } END { printf "%.0f", $c }' "$run/metrics.csv")}
# The peer mirrors configs/shakespeare.yaml: cell hidden layers S B lr, then the decay's end.
/usr/bin/python3 bench/peers/torch_char.py data/tinyshakespeare.txt lstm 256 1 64 16 0.005 "$seconds" 2 1 \
  --curve --eval-seconds=30 --cosine-to=0.0002 | tee "$out/peer.log"
./run bench --text-curve "$run" "$out/peer.log" "$out"
