#!/usr/bin/env bash
# Times the dashboard's pages on a large archive, as docs/dashboard.md reports them:
# 1,000 copies of a real run (./run configs/memory.yaml, 2,000 steps) plus one run whose
# metrics.csv has 10^6 rows of the same 13 columns, served by ./run serve and fetched with curl.
#
#   bench/dashboard/measure.sh [WORK_DIR]      (default: a new temporary directory, removed at the end)
#
# Each line: what was fetched, curl's total time, the bytes of the answer. Needs curl and awk.
set -euo pipefail
home="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
keep="${1:+yes}"
runs="$work/runs"
mkdir -p "$work"
cleanup() {
  [[ -n "${server:-}" ]] && kill -INT "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  [[ -z "$keep" ]] && rm -rf "$work"
}
trap cleanup EXIT

echo "making the archive in $runs ..." >&2
"$home/run" "$home/configs/memory.yaml" experiment.steps=2000 'sinks=[]' --runs-dir "$work/seed" >/dev/null
seed="$(ls -d "$work"/seed/*_memory | head -1)"
mkdir -p "$runs"
for i in $(seq 0 999); do
  cp -r "$seed" "$runs/$(printf '2026-01-01_%02d-%02d-%02d_memory' $((i / 3600)) $((i / 60 % 60)) $((i % 60)))"
done
big="$runs/2026-01-02_00-00-00_memory"
cp -r "$seed" "$big"
# 10^6 rows of the run's columns; the last row's values repeated with growing steps.
header="$(head -1 "$seed/metrics.csv")"
last="$(tail -1 "$seed/metrics.csv" | cut -d, -f2-)"
{ echo "$header"; awk -v rest="$last" 'BEGIN { for (i = 1; i <= 1000000; i++) print i "," rest }'; } >"$big/metrics.csv"
echo "metrics.csv of the big run: $(du -h "$big/metrics.csv" | cut -f1)" >&2

"$home/run" serve --port 0 --runs-dir "$runs" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 600); do
  url="$(sed -n 's/.* at \(http:[^ ]*\) (Ctrl-C.*/\1/p' "$work/serve.out")"
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$work/serve.err" >&2; exit 1; }

fetch() { # label, path
  curl -s -o "$work/answer" -w "%{time_total} %{size_download} %{http_code}" "$url$2" |
    awk -v what="$1" '{ printf "%-58s %8.0f ms %10d bytes  HTTP %s\n", what, $1 * 1000, $2, $3 }'
}
id="$(basename "$big")"
fetch "archive page, 1,001 runs, at once after the start" ""
for n in 1 2 3; do fetch "archive page, 1,001 runs, again ($n)" ""; done
fetch "archive page sorted by final loss" "?sort=loss&order=asc"
fetch "archive page filtered by name" "?name=00-00-0"
fetch "run page of the 10^6-row run" "run/$id"
fetch "its series, thinned for drawing" "api/run/$id/series"
cursor="$(sed -n 's/.*"cursor":"\([^"]*\)".*/\1/p' "$work/answer")"
fetch "its new rows (none)" "api/run/$id/rows?cursor=$cursor"
fetch "its last 1,000 steps (a zoom)" "api/run/$id/series?from=999001&to=1000000"
fetch "its metrics.csv (every row)" "files/$id/metrics.csv"
fetch "compare of two runs" "compare?run=$id&run=2026-01-01_00-00-00_memory"
