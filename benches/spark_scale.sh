#!/usr/bin/env bash
# The figures of docs/SCALE.md (issue 19): the Spark job in local[2]
# against `analyze -j2` on a generated corpus of SCALE_MB megabytes (200)
# of pages and interleaved NDJSON exports, made as `make spark-test` makes
# its corpus; optionally the job without the map-side combiner, for the shuffle
# volume it saves.  Each run's counters land in $WORK/*-stats.json.
#
#   SCALE_MB=200 [SCALE_PROFILE=debug] [SCALE_NOCOMBINE=1] benches/spark_scale.sh
#
# Needs the pyspark venv `make spark-test` makes, and Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${SCALE_MB:-200}
TARGET=${CARGO_TARGET_DIR:-target}
WORK=${SCALE_DIR:-$TARGET/spark-scale}
PROFILE=${SCALE_PROFILE:-release}
BIN="$TARGET/$PROFILE/threadwatch"
req_hash=$(sha256sum spark/requirements.txt | cut -c1-12)
VENV=${THREADWATCH_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/threadwatch/spark-venv-$req_hash}
PY="$VENV/bin/python"
[ -x "$PY" ] || { echo "run make spark-test first (it makes $VENV)" >&2; exit 2; }

if [ "$PROFILE" = release ]; then cargo build --release --locked -q; else cargo build --locked -q; fi
CORPUS="$WORK/corpus-$MB"
if [ ! -f "$CORPUS.done" ]; then
  rm -rf "$CORPUS" "$WORK/seed"
  pages_mb=$(( MB * 2 / 3 ))
  "$BIN" gen --out "$CORPUS/pages" --megabytes "$pages_mb" >/dev/null
  "$BIN" gen --out "$WORK/seed/pages" --megabytes $(( (MB - pages_mb) * 3 / 4 )) --seed 19 >/dev/null
  "$BIN" analyze "$WORK/seed/pages" --out "$WORK/seed/reports" --quiet
  "$PY" spark/make_corpus.py "$WORK/seed/reports/comments.csv" "$CORPUS/exports" --files 16 >/dev/null
  touch "$CORPUS.done"
fi
bytes=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
echo "corpus: $CORPUS, $bytes bytes, $(find "$CORPUS" -type f | wc -l) files"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

rm -rf "$WORK/analyze"
/usr/bin/time -f "analyze -j2: wall %e s, user %U s, peak RSS %M KB" \
  "$BIN" analyze "$CORPUS" --out "$WORK/analyze" -j 2 --quiet

job() {
  local name=$1; shift
  rm -rf "$WORK/$name"
  /usr/bin/time -f "spark $name: wall %e s (driver process: user %U s, peak RSS %M KB)" \
    "$PY" spark/threadwatch_spark.py --master 'local[2]' --input "$CORPUS" --out "$WORK/$name" \
    --binary "$BIN" --stats "$WORK/$name-stats.json" "$@" 2>"$WORK/$name.err"
  for r in comments threads users interactions taunts; do
    cmp "$WORK/analyze/$r.csv" "$WORK/$name/$r.csv"
  done
  cat "$WORK/$name-stats.json"
}
job spark
# Without the map-side combiner (SCALE_NOCOMBINE=1): the bytes map itself
# writes, for the shuffle volume the combiner saves.
if [ "${SCALE_NOCOMBINE:-0}" = 1 ]; then job spark-nocombine --no-combine; fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
