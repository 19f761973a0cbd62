#!/usr/bin/env bash
# Big inputs in bounded memory (issues 16 and 27): peak RSS, user and wall
# time of `threadwatch analyze -j1 -q FILE --out DIR [--xlsx]` over
# generated Reddit-style NDJSON (benches/gen_ndjson.py), WordPress WXR
# (benches/gen_wxr.py) and, with ../shared present, pages of real comment
# texts (../shared/tools/realcorpus.py), of each size in SIZES megabytes,
# once per mode in MODES (`plain`, `xlsx`: the workbook must add at most
# 200 MB at any size, issue 27).  Inputs are generated once into BENCH_DIR
# and kept (2 GB each at the largest size: delete them when done); each
# run's reports are deleted after it.  Timings live here, never in tests.
#
# Usage: benches/stream_memory.sh        (make bench-stream)
# Env:   SIZES ("100 500 2000"), FORMATS ("ndjson wxr"; add "pages"),
#        MODES ("plain xlsx"), BENCH_DIR (target/bench-stream),
#        THREADWATCH (a prebuilt binary).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-100 500 2000}
formats=${FORMATS:-ndjson wxr}
modes=${MODES:-plain xlsx}
. benches/common.sh bench-stream
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-7s %8s %6s %14s %10s %10s %10s\n' format MB mode peak_rss_MB user_s wall_s comments
for f in $formats; do
  for mb in $sizes; do
    case $f in
      wxr) file=$dir/$f-$mb.xml; [ -s "$file" ] || python3 "benches/gen_$f.py" "$mb" "$file" ;;
      pages) file=$dir/pages-$mb
        [ -d "$file" ] || python3 ../shared/tools/realcorpus.py "$file" "$mb" 27 >/dev/null ;;
      *) file=$dir/$f-$mb.ndjson; [ -s "$file" ] || python3 "benches/gen_$f.py" "$mb" "$file" ;;
    esac
    for mode in $modes; do
      out=$dir/out-$f-$mb
      rm -rf "$out"
      flags=()
      [ "$mode" = xlsx ] && flags=(--xlsx)
      /usr/bin/time -o "$dir/time.txt" -f '%M %U %e' "$tw" analyze -j1 -q "$file" --out "$out" "${flags[@]}" >/dev/null 2>&1 || true
      read -r rss user wall <"$dir/time.txt"
      comments=$(python3 -c 'import json,sys; print(sum(i["comments"] for i in json.load(open(sys.argv[1]))["inputs"]))' "$out/run.json")
      printf '%-7s %8s %6s %14s %10s %10s %10s\n' "$f" "$mb" "$mode" "$((rss / 1024))" "$user" "$wall" "$comments"
      rm -rf "$out"
    done
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
