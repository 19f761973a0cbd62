#!/usr/bin/env bash
# `threadwatch train` speed (issue 15): "at least 10,000 labelled rows in
# under 10 s on one core".
#
# Makes ROWS labelled rows once: comment texts from `threadwatch gen`
# (seeded), labelled by the built-in scorer's verdict (`threadwatch score`)
# with every 7th label flipped, so the site data disagrees with the
# built-in model as a real site's would.  Then times `threadwatch train
# --jobs 1` pinned to one core (taskset) RUNS times and prints the minimum
# and the median of the wall time and of the CPU time (user + system): the
# whole command, reading the CSV, the cross-validation (5 trainings and the
# scoring of every row by both models) and the final training and writing.
# On a shared machine the wall time includes waiting for the core; the CPU
# time is what the run costs.
#
# Usage: benches/train.sh
# Env:   ROWS (10000), RUNS (5), BENCH_DIR (target/bench-train), SEED
#        (1515), THREADWATCH (a prebuilt binary instead of building).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-10000}
runs=${RUNS:-5}
seed=${SEED:-1515}
. benches/common.sh bench-train
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

gold=$dir/gold-$rows.csv
if [ ! -f "$gold" ]; then
  rm -rf "$dir/pages" "$dir/texts"
  # About 180 bytes a comment: 3 MB gives well over 10,000 texts.
  mb=$(( rows / 3000 + 1 ))
  "$tw" gen --out "$dir/pages" --megabytes "$mb" --seed "$seed" --texts "$dir/texts" >/dev/null
  head -n "$rows" "$dir/texts" | awk 'BEGIN { print "id,text" }
    { gsub(/"/, "\"\""); printf "%d,\"%s\"\n", NR, $0 }' > "$dir/texts.csv"
  "$tw" score --input "$dir/texts.csv" --out "$dir/scored.csv"
  # id,text,label: the scorer's verdict, every 7th flipped.
  paste -d, <(cut -d, -f1 "$dir/texts.csv" | tail -n +2) \
            <(awk -F, 'NR > 1 { print $3 }' "$dir/scored.csv") |
    awk -F, 'BEGIN { OFS = "," } { l = $2; if ($1 % 7 == 0) l = 1 - l; print $1, l }' > "$dir/labels"
  { echo "id,text,label"
    tail -n +2 "$dir/texts.csv" | paste -d, - <(cut -d, -f2 "$dir/labels")
  } > "$gold"
  rm -rf "$dir/pages"
fi
n=$(( $(wc -l < "$gold") - 1 ))
echo "train: $n labelled rows in $gold; $runs runs pinned to one core"
: > "$dir/times"
for i in $(seq "$runs"); do
  /usr/bin/time -a -o "$dir/times" -f "%e %U %S" \
    "${pin[@]}" "$tw" train --jobs 1 --gold "$gold" --label-col label --out "$dir/site.model" >/dev/null
done
stat() { sort -n | awk '{ t[NR] = $1 } END { printf "min %.2f s, median %.2f s", t[1], t[int((NR + 1) / 2)] }'; }
echo "train $n rows, --jobs 1, one core, $runs runs:"
echo "  wall: $(awk '{ print $1 }' "$dir/times" | stat)"
echo "  cpu:  $(awk '{ print $2 + $3 }' "$dir/times" | stat)"
