#!/usr/bin/env bash
# Hostile inputs (issue 27): user time and peak RSS of `threadwatch analyze
# -j1 -q` over one huge comment of each shape at growing sizes, so a step
# that grows faster than the text shows as a growing s/MB.  Shapes:
# idiots (one insult repeated, no sentence break), mixed (insults, names,
# "you", titles, groups in one breakless sentence), quotes (thousands of
# quotations in one paragraph), names (full names), mentions (@names of
# the thread's participants), neutral, lines (an insult a line), variants
# (issue 25: disguised insults and near-misses for misspelt.rs); then one
# NDJSON comment of NDJSON_MB, and a reply chain DEEP levels deep as JSON
# Lines (report size).  Files go to BENCH_DIR and are kept.  Timings live
# here, never in tests.
#
# Usage: benches/hostile.sh              (make bench-hostile)
# Env:   SIZES_KB ("64 256 1024"), SHAPES, NDJSON_MB (10), DEEP (20000),
#        BENCH_DIR (target/bench-hostile), THREADWATCH (a prebuilt binary).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES_KB:-64 256 1024}
shapes=${SHAPES:-idiots mixed quotes names mentions neutral lines variants}
. benches/common.sh bench-hostile
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # label file -> one line: label, user s, peak RSS MB, report bytes
  rm -rf "$dir/out"
  /usr/bin/time -f "%U %M" -o "$dir/time" "$tw" analyze "$2" --out "$dir/out" -j1 -q "${@:3}" 2>/dev/null || true
  read -r user rss < "$dir/time"
  printf '%-22s %8s %10d %12d\n' "$1" "$user" $((rss / 1024)) "$(du -sb "$dir/out" | cut -f1)"
}
printf '%-22s %8s %10s %12s\n' input user_s peak_MB report_bytes
for shape in $shapes; do
  for kb in $sizes; do
    file=$dir/$shape-$kb.txt
    [ -s "$file" ] || python3 benches/gen_hostile.py "$shape" $((kb * 1024)) > "$file"
    run "$shape $kb KB" "$file"
  done
done
mb=${NDJSON_MB:-10}
file=$dir/one-comment-$mb.ndjson
[ -s "$file" ] || python3 benches/gen_hostile.py ndjson $((mb * 1048576)) > "$file"
run "ndjson $mb MB" "$file"
deep=${DEEP:-20000}
file=$dir/deep-$deep.jsonl
[ -s "$file" ] || python3 benches/gen_hostile.py deep "$deep" > "$file"
run "chain $deep levels" "$file"
