#!/usr/bin/env bash
# bench/original.sh: configs/original.yaml and its two variants beside the numpy original
# (bench/peers/numpy_rnn.py, the same model, task, SGD, per-layer clipping and test set size),
# five seeds each, on this machine, one run at a time on one thread each.
#
#   bench/original.sh [SEEDS]        # default 5
#
# Results: runs/original_<time>/original.md (a table per setting: test accuracy per seed, mean ±
# sample std, training seconds) and original.csv (one row per run). The two implementations draw
# from different random streams, so seed k of one is not seed k of the other: compare the columns,
# not the rows. Needs python3 with numpy (bench/peers/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-5}
out="runs/original_$(date +%Y-%m-%d_%H-%M-%S)"
mkdir -p "$out"
csv="$out/original.csv"
echo "setting,implementation,seed,test_accuracy,train_seconds" >"$csv"
settings=("0.001 1" "0.01 1" "0.01 5") # learning rate, clip (per layer)
for setting in "${settings[@]}"; do
  read -r lr clip <<<"$setting"
  for seed in $(seq 1 "$seeds"); do
    line=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 bench/peers/numpy_rnn.py 70000 "$lr" 50 "$clip" "$seed" 13 \
      | grep '^RESULT')
    acc=$(sed -n 's/.* test_acc=\([^ ]*\).*/\1/p' <<<"$line")
    secs=$(sed -n 's/.* train_s=\([^ ]*\).*/\1/p' <<<"$line")
    echo "lr $lr clip $clip,numpy,$seed,$acc,$secs" | tee -a "$csv"
    ./run configs/original.yaml seed="$seed" optimizer.learning_rate="$lr" clipper.max_norm="$clip" threads=1 \
      'sinks=[]' --runs-dir "$out" >"$out/rnnlab-$lr-$clip-$seed.log"
    run=$(sed -n 's/^completed (\(.*\))$/\1/p' "$out/rnnlab-$lr-$clip-$seed.log" | tail -1)
    [[ -n "$run" ]] || { echo "original.sh: the rnnlab run did not complete (see $out)" >&2; exit 1; }
    acc=$(awk '/^final:/ { f = 1 } f && /test_accuracy:/ { print $2; exit }' "$run/summary.yaml")
    secs=$(awk '/^train_seconds:/ { print $2 }' "$run/summary.yaml")
    echo "lr $lr clip $clip,rnnlab,$seed,$acc,$secs" | tee -a "$csv"
  done
done
python3 - "$csv" >"$out/original.md" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("| setting | implementation | test accuracy per seed | mean ± std | training seconds per run |")
print("|---|---|---|---|---|")
for setting in dict.fromkeys(r["setting"] for r in rows):
    for impl in ("numpy", "rnnlab"):
        rs = [r for r in rows if r["setting"] == setting and r["implementation"] == impl]
        accs = [float(r["test_accuracy"]) for r in rs]
        secs = [float(r["train_seconds"]) for r in rs]
        std = statistics.stdev(accs) if len(accs) > 1 else float("nan")
        print(f"| {setting} | {impl} | {', '.join(f'{a:.3f}' for a in accs)} | {statistics.mean(accs):.3f} ± {std:.3f}"
              f" | {min(secs):.1f}–{max(secs):.1f} |")
PY
cat "$out/original.md"
echo "bench/original.sh: $out"
