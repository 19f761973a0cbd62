#!/usr/bin/env bash
# make spark-test (issue 19): the Spark job must write the very reports
# `threadwatch analyze` writes.  Runs the job in local[2] over a generated
# corpus (pages and interleaved NDJSON exports, SPARK_TEST_MB megabytes,
# with a broken page and a broken export line) and `cmp`s every CSV
# against a single-process run, the errors and the exit status too; then
# the Reddit-style exports alone, split by thread; then empty inputs.
#
# The virtual environment with pyspark (spark/requirements.txt) is made
# once and kept in ~/.cache/threadwatch (THREADWATCH_SPARK_VENV overrides);
# the corpus is kept under target/spark-test.
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${SPARK_TEST_MB:-20}
# The dev build by default: `make test` has just built it (CI runs both),
# and opt-level 1 makes it fast enough; SPARK_TEST_PROFILE=release for
# timings.
PROFILE=${SPARK_TEST_PROFILE:-debug}
TARGET=${CARGO_TARGET_DIR:-target}
WORK="$TARGET/spark-test"
BIN="$TARGET/$PROFILE/threadwatch"
REPORTS="comments threads users interactions taunts"

fail() { echo "spark-test: FAIL: $*" >&2; exit 1; }
note() { echo "spark-test: $*" >&2; }

# --- Java and the venv -----------------------------------------------------
. spark/venv.sh
PY="$VENV/bin/python"

# --- the splitter's unit tests (no Spark) ----------------------------------
"$PY" -m unittest spark/test_frames.py spark/test_job.py

# --- the binary --------------------------------------------------------------
if [ "$PROFILE" = release ]; then
  cargo build --release --locked -q
else
  cargo build --locked -q
fi

# --- the corpus: pages, exports made from other pages, and broken inputs --------
CORPUS="$WORK/corpus-$MB"
if [ ! -f "$CORPUS.done" ]; then
  note "generating a $MB MB corpus in $CORPUS"
  rm -rf "$CORPUS" "$WORK/seed"
  pages_mb=$(( MB * 2 / 3 ))
  export_mb=$(( MB - pages_mb ))
  "$BIN" gen --out "$CORPUS/pages" --megabytes "$pages_mb" >/dev/null
  # The exports hold other threads: gen with another seed, read back with
  # analyze, written out as interleaved Reddit-style and JSON Lines files.
  "$BIN" gen --out "$WORK/seed/pages" --megabytes "$export_mb" --seed 19 >/dev/null
  "$BIN" analyze "$WORK/seed/pages" --out "$WORK/seed/reports" --quiet
  "$PY" spark/make_corpus.py "$WORK/seed/reports/comments.csv" "$CORPUS/exports" --files 8 >/dev/null
  # Bad input: a page with a tab in its indentation (5:1), and a line of an
  # export cut off inside a string (line 4); the rest must be analysed.
  cp tests/fixtures/err/0002_tab_indent.thread "$CORPUS/pages/broken.txt"
  sed -i '4i {"id":"cx","link_id":"t3_p1","body":"cut off' "$CORPUS/exports/reddit/reddit_00.ndjson"
  # Names whose order differs by path component ("x/a.txt" < "x.txt") and
  # by byte, and a name Hadoop hides ("_"), which analyze reads.
  mkdir -p "$CORPUS/x"
  cp data/samples/harbor_bridge.txt "$CORPUS/x/a.txt"
  cp data/samples/quiet_street.txt "$CORPUS/x.txt"
  cp data/samples/quiet_street.txt "$CORPUS/_under.txt"
  touch "$CORPUS.done"
fi

# run_both NAME INPUT [FLAGS]: analyze and the Spark job over INPUT, with
# FLAGS, reports in $WORK/NAME-{analyze,spark}, stderr in .err files,
# statuses in .status.
run_both() {
  local name=$1 input=$2 a="$WORK/$1-analyze" s="$WORK/$1-spark"
  shift 2
  rm -rf "$a" "$s"
  local t0=$SECONDS
  set +e
  "$BIN" analyze "$input" --out "$a" -j 2 "$@" 2>"$a.err"
  echo $? >"$a.status"
  local t1=$SECONDS
  "$PY" spark/threadwatch_spark.py --master 'local[2]' --input "$input" --out "$s" \
    --binary "$BIN" --stats "$WORK/$name-stats.json" "$@" 2>"$s.err"
  echo $? >"$s.status"
  set -e
  note "$name: analyze -j2 $((t1 - t0))s, exit $(cat "$a.status"); spark local[2] $((SECONDS - t1))s, exit $(cat "$s.status")"
}

# same_reports NAME STATUS: every CSV byte-identical, the same exit status
# (STATUS, for both), and the same errors (path:line:col: message) on
# stderr.
same_reports() {
  local a="$WORK/$1-analyze" s="$WORK/$1-spark"
  [ "$(cat "$a.status")" = "$2" ] || fail "$1: analyze exited $(cat "$a.status"), expected $2"
  if [ "$(cat "$s.status")" != "$2" ]; then
    tail -20 "$s.err" >&2
    fail "$1: exit status $(cat "$s.status") from Spark, $2 from analyze"
  fi
  for r in $REPORTS; do
    [ -f "$a/$r.csv" ] || fail "$1: analyze wrote no $r.csv"
    cmp "$a/$r.csv" "$s/$r.csv" || fail "$1: $r.csv differs (diff $a/$r.csv $s/$r.csv)"
  done
  grep -E '^[^ ].*:[0-9]+:[0-9]+: ' "$a.err" | sort >"$a.errors" || true
  grep -E '^[^ ].*:[0-9]+:[0-9]+: ' "$s.err" | sort >"$s.errors" || true
  diff "$a.errors" "$s.errors" >&2 || fail "$1: the errors differ"
}

# stat NAME KEY: one figure of a job's --stats.
stat() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$WORK/$1-stats.json" "$2"; }

# --- 1. the whole corpus, formats detected ----------------------------------------
run_both big "$CORPUS"
same_reports big 1
grep -q "pages/broken.txt:5:1: " "$WORK/big-analyze.errors" || fail "big: broken.txt:5:1 not reported"
grep -q "reddit_00.ndjson:4:" "$WORK/big-analyze.errors" || fail "big: reddit_00.ndjson:4 not reported"
note "big: $(find "$CORPUS" -type f -printf '%s\n' | awk '{s += $1} END {print s}') bytes, $(($(wc -l <"$WORK/big-analyze/comments.csv") - 1)) comment rows; errors, five reports and exit status 1 identical"
if [ "$(stat big split_by_thread_under_auto)" = True ]; then
  [ "$(stat big split_files)" -gt 0 ] || fail "big: no export was split by thread"
else
  note "big: this binary takes no format in frame headers, so detected exports went whole"
fi

# --- 2. the Reddit-style exports split by thread, format forced ---------------------
run_both reddit "$CORPUS/exports/reddit" --input-format reddit
same_reports reddit 1
grep -q "reddit_00.ndjson:4:" "$WORK/reddit-analyze.errors" || fail "reddit: line 4 not reported"
[ "$(stat reddit split_files)" -gt 0 ] || fail "reddit: no export was split by thread"
note "reddit: $(stat reddit split_files) files split into $(stat reddit frames) thread groups; errors, five reports and exit status identical"

# --- 3. nothing to read: exit 4, no reports, as analyze -------------------------
mkdir -p "$WORK/corpus-empty"
for input in "$WORK/corpus-empty" "$WORK/no-such-folder"; do
  rm -rf "$WORK/empty-out"
  set +e
  "$PY" spark/threadwatch_spark.py --input "$input" --out "$WORK/empty-out" --binary "$BIN" 2>/dev/null
  status=$?
  "$BIN" analyze "$input" --out "$WORK/empty-out" 2>/dev/null
  want=$?
  set -e
  [ "$status" = "$want" ] || fail "$input: exit status $status from Spark, $want from analyze"
  [ ! -e "$WORK/empty-out" ] || fail "$input: reports were written"
done
note "empty: exit status 4 and no reports, as analyze"
note "ok"
