#!/usr/bin/env bash
# Big exports in bounded memory (issue 16): peak RSS, user and wall time of
# `threadwatch analyze -j1 -q FILE --out DIR` over generated Reddit-style
# NDJSON (benches/gen_ndjson.py) and WordPress WXR (benches/gen_wxr.py) of
# each size in SIZES megabytes.  Files are generated once into BENCH_DIR
# and kept (2 GB each at the largest size: delete them when done); each
# run's reports are deleted after it.  Timings live here, never in tests.
#
# Usage: benches/stream_memory.sh        (make bench-stream)
# Env:   SIZES ("100 500 2000"), FORMATS ("ndjson wxr"),
#        BENCH_DIR (target/bench-stream), THREADWATCH (a prebuilt binary).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-100 500 2000}
formats=${FORMATS:-ndjson wxr}
. benches/common.sh bench-stream
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-7s %8s %14s %10s %10s %10s\n' format MB peak_rss_MB user_s wall_s comments
for f in $formats; do
  for mb in $sizes; do
    file=$dir/$f-$mb.$([ "$f" = wxr ] && echo xml || echo ndjson)
    [ -s "$file" ] || python3 "benches/gen_$f.py" "$mb" "$file"
    out=$dir/out-$f-$mb
    rm -rf "$out"
    /usr/bin/time -o "$dir/time.txt" -f '%M %U %e' "$tw" analyze -j1 -q "$file" --out "$out" >/dev/null 2>&1 || true
    read -r rss user wall <"$dir/time.txt"
    comments=$(python3 -c 'import json,sys; print(sum(i["comments"] for i in json.load(open(sys.argv[1]))["inputs"]))' "$out/run.json")
    printf '%-7s %8s %14s %10s %10s %10s\n' "$f" "$mb" "$((rss / 1024))" "$user" "$wall" "$comments"
    rm -rf "$out"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
