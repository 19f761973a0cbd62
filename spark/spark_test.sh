#!/usr/bin/env bash
# make spark-test (issue 19): the Spark job must write the very reports
# `threadwatch analyze` writes.  Runs the job in local[2] over a generated
# corpus (pages and interleaved NDJSON exports, SPARK_TEST_MB megabytes)
# and `cmp`s every CSV against a single-process run; then a small corpus
# with a broken page and a broken NDJSON line, where the errors, the
# reports and the exit status must match too.
#
# The virtual environment with pyspark (spark/requirements.txt) is made
# once and kept in ~/.cache/threadwatch (THREADWATCH_SPARK_VENV overrides);
# the corpus is kept under target/spark-test.
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${SPARK_TEST_MB:-24}
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
if ! command -v java >/dev/null 2>&1; then
  fail "java is missing; Spark needs Java 17: apt-get install openjdk-17-jre-headless"
fi
req_hash=$(sha256sum spark/requirements.txt | cut -c1-12)
VENV=${THREADWATCH_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/threadwatch/spark-venv-$req_hash}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
  note "creating $VENV (pyspark from pip, once)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r spark/requirements.txt
fi
PY="$VENV/bin/python"

# --- the splitter's unit tests (no Spark) ----------------------------------
"$PY" -m unittest spark/test_frames.py

# --- the binary --------------------------------------------------------------
if [ "$PROFILE" = release ]; then
  cargo build --release --locked -q
else
  cargo build --locked -q
fi

# --- the corpus: pages, and exports made from other pages -------------------
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

# same_reports NAME: every CSV byte-identical, and the same exit status.
same_reports() {
  local a="$WORK/$1-analyze" s="$WORK/$1-spark"
  if [ "$(cat "$a.status")" != "$(cat "$s.status")" ]; then
    tail -20 "$s.err" >&2
    fail "$1: exit status $(cat "$s.status") from Spark, $(cat "$a.status") from analyze"
  fi
  for r in $REPORTS; do
    [ -f "$a/$r.csv" ] || fail "$1: analyze wrote no $r.csv"
    cmp "$a/$r.csv" "$s/$r.csv" || fail "$1: $r.csv differs (diff $a/$r.csv $s/$r.csv)"
  done
}

# --- 1. the big corpus --------------------------------------------------------
run_both big "$CORPUS"
same_reports big
[ "$(cat "$WORK/big-analyze.status")" = 0 ] || fail "big: analyze exited $(cat "$WORK/big-analyze.status")"
note "big: $(find "$CORPUS" -type f -printf '%s\n' | awk '{s += $1} END {print s}') bytes, $(($(wc -l <"$WORK/big-analyze/comments.csv") - 1)) comment rows, five reports identical"
# stat NAME KEY: one figure of a job's --stats.
stat() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$WORK/$1-stats.json" "$2"; }
if [ "$(stat big split_by_thread_under_auto)" = True ]; then
  [ "$(stat big split_files)" -gt 0 ] || fail "big: no export was split by thread"
else
  note "big: this binary takes no format in frame headers, so detected exports went whole"
fi

# --- 2. exports split by thread under a forced format --------------------------
run_both reddit "$CORPUS/exports/reddit" --input-format reddit
same_reports reddit
[ "$(stat reddit split_files)" -gt 0 ] || fail "reddit: no export was split by thread"
note "reddit: $(stat reddit split_files) files split into $(stat reddit frames) thread groups, five reports identical"

# --- 3. bad input: a broken page and a broken export line -----------------------
BAD="$WORK/corpus-bad"
rm -rf "$BAD"
"$BIN" gen --out "$BAD/pages" --megabytes 0.2 --seed 5 >/dev/null
cp tests/fixtures/err/0002_tab_indent.thread "$BAD/pages/broken.txt"
# Line 4 is not JSON; the threads around it are read.
sed '4i {"id":"cx","link_id":"t3_p1","body":"cut off' data/samples/reddit.ndjson >"$BAD/reddit.ndjson"
cp data/samples/comments.jsonl "$BAD/comments.jsonl"
# Names whose order differs by component ("x/a.txt" < "x.txt") and by
# byte, and a name Hadoop hides ("_"), which analyze reads.
mkdir -p "$BAD/x"
cp data/samples/harbor_bridge.txt "$BAD/x/a.txt"
cp data/samples/quiet_street.txt "$BAD/x.txt"
cp data/samples/quiet_street.txt "$BAD/_under.txt"
run_both bad "$BAD"
same_reports bad
[ "$(cat "$WORK/bad-analyze.status")" = 1 ] || fail "bad: analyze exited $(cat "$WORK/bad-analyze.status"), expected 1"
# Every error analyze printed (path:line:col: message and the source line)
# is printed by the Spark job too.
errors() { grep -E '^[^ ].*:[0-9]+:[0-9]+: ' "$1" | sort; }
errors "$WORK/bad-analyze.err" >"$WORK/bad-analyze.errors"
errors "$WORK/bad-spark.err" >"$WORK/bad-spark.errors"
grep -q "broken.txt:5:1: " "$WORK/bad-analyze.errors" || fail "bad: analyze did not report broken.txt:5:1"
grep -q "reddit.ndjson:4:" "$WORK/bad-analyze.errors" || fail "bad: analyze did not report reddit.ndjson:4"
diff "$WORK/bad-analyze.errors" "$WORK/bad-spark.errors" >&2 || fail "bad: the errors differ"
note "bad: errors, five reports and exit status 1 identical"

# --- 4. nothing to read: exit 4, no reports, as analyze -------------------------
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
