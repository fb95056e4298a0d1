#!/usr/bin/env bash
# bench/compare-builds.sh: cases of the training-step benchmark on two builds, run alternately
# (before, after, before, after, …) so that a noisy machine drifts on both alike.
#
#   bench/compare-builds.sh BEFORE AFTER ROUNDS CASE…
#   bench/compare-builds.sh e44d887 HEAD 3 "-p cell=lstm -p batch=1" "-p cell=rnn -p batch=32"
#
# Checks each commit out in a worktree under runs/compare_<time>/ and builds it (mvn package, no
# tests). Then, for each CASE (JMH parameters of TrainingStepBenchmark: cell, batch, hidden, steps,
# threads), runs the benchmark ROUNDS times on each build, one fork each: 4 × 1 s warm-up and
# 8 × 0.5 s measured iterations. Prints per case the median and the least µs per operation (one
# training step of B sequences) over every measured iteration of each build, and before/after;
# compare.md in the directory gathers them, beside every JMH log.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 4 || ! "$3" =~ ^[0-9]+$ ]]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
before=$1 after=$2 rounds=$3
shift 3
out="$PWD/runs/compare_$(date +%Y-%m-%d_%H-%M-%S)"
mkdir -p "$out"
for which in before after; do
  rev=${!which}
  git worktree add --detach "$out/$which" "$rev" >/dev/null 2>&1
  echo "building $which: $(git -C "$out/$which" log --oneline -1 | cut -c1-100)"
  (cd "$out/$which" && mvn -q -B -DskipTests package >"$out/$which-build.log" 2>&1) \
    || { echo "build of $rev failed: $out/$which-build.log" >&2; exit 1; }
done
{
  echo "before: $(git -C "$out/before" log --oneline -1 | cut -c1-100)"
  echo "after: $(git -C "$out/after" log --oneline -1 | cut -c1-100)"
  echo
  echo "| case | before µs/op (median, least) | after µs/op (median, least) | before / after (medians, least) |"
  echo "|---|---|---|---|"
} >"$out/compare.md"
n=0
for case in "$@"; do
  n=$((n + 1))
  read -r -a params <<<"$case"
  for round in $(seq 1 "$rounds"); do
    for which in before after; do
      tree="$out/$which"
      log="$out/case$n-$which-$round.log"
      java --add-modules jdk.incubator.vector -cp "$(cat "$tree/bench/target/classpath.txt"):$tree/bench/target/classes" \
        org.openjdk.jmh.Main 'org.rnnlab.bench.TrainingStepBenchmark.trainingStep' -f 1 -wi 4 -w 1s -i 8 -r 500ms \
        "${params[@]}" >"$log" 2>&1 || { echo "JMH failed: $log" >&2; exit 1; }
      grep '^Iteration' "$log" | awk -v w="$which" '{print w, $3}' >>"$out/case$n.txt"
    done
  done
  python3 - "$out/case$n.txt" "$case" <<'PY' | tee -a "$out/compare.md"
import collections, statistics, sys
times = collections.defaultdict(list)
for line in open(sys.argv[1]):
    which, value = line.split()
    times[which].append(float(value))
b, a = times["before"], times["after"]
print(f"| {sys.argv[2]} | {statistics.median(b):.1f}, {min(b):.1f} | {statistics.median(a):.1f}, {min(a):.1f} | "
      f"×{statistics.median(b) / statistics.median(a):.2f}, ×{min(b) / min(a):.2f} |")
PY
done
for which in before after; do git worktree remove --force "$out/$which"; done
echo "results in $out/compare.md"
