#!/usr/bin/env bash
# `threadwatch train` speed (issues 15 and 26): 10,000 labelled rows in
# under 5 s of CPU on one core, and a model file under 5 MB (issue 26).
#
# Makes ROWS labelled rows once: comment texts from `threadwatch gen`
# (seeded), labelled by the built-in scorer's verdict (`threadwatch score`)
# with every 7th label flipped and every comment naming the pier removed
# (a site rule the built-in model does not know), so the site data
# disagrees with the built-in model as a real site's would and the site
# model has something to learn (the final fit and a full model file are
# timed too).  Then times `threadwatch train
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

gold=$dir/gold-$rows-pier.csv
if [ ! -f "$gold" ]; then
  rm -rf "$dir/pages" "$dir/texts"
  # About 180 bytes a comment: 3 MB gives well over 10,000 texts.
  mb=$(( rows / 3000 + 1 ))
  "$tw" gen --out "$dir/pages" --megabytes "$mb" --seed "$seed" --texts "$dir/texts" >/dev/null
  head -n "$rows" "$dir/texts" | awk 'BEGIN { print "id,text" }
    { gsub(/"/, "\"\""); printf "%d,\"%s\"\n", NR, $0 }' > "$dir/texts.csv"
  "$tw" score --input "$dir/texts.csv" --out "$dir/scored.csv"
  # id,text,label: the scorer's verdict, every 7th flipped, the pier removed.
  paste -d, <(cut -d, -f1 "$dir/texts.csv" | tail -n +2) \
            <(awk -F, 'NR > 1 { print $3 }' "$dir/scored.csv") |
    awk -F, 'BEGIN { OFS = "," } NR == FNR { pier[FNR] = (tolower($0) ~ /pier/); next }
      { l = $2; if ($1 % 7 == 0) l = 1 - l; if (pier[$1]) l = 1; print $1, l }' \
      <(head -n "$rows" "$dir/texts") - > "$dir/labels"
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
# The targets (issue 26): median CPU time under 5 s, model under 5 MB.
cpu=$(awk '{ print $2 + $3 }' "$dir/times" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
bytes=$(wc -c < "$dir/site.model")
echo "  model: $bytes bytes"
ok=1
awk -v c="$cpu" 'BEGIN { exit !(c < 5) }' || { echo "  FAIL: median CPU ${cpu} s is not under 5 s"; ok=0; }
[ "$bytes" -lt 5000000 ] || { echo "  FAIL: the model file is not under 5 MB"; ok=0; }
[ "$ok" = 1 ] && echo "  targets met: CPU under 5 s, model under 5 MB"
[ "$ok" = 1 ]
