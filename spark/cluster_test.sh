#!/usr/bin/env bash
# make spark-cluster-test (issue 19): the job unchanged under spark-submit
# on a real (if small) Spark cluster, as SCALE.md promises: a standalone
# master and one worker on this machine, so executors are separate JVMs
# with their own Python workers, the binary reaches them only through
# `--files` (passed to the job as a bare name), and frames.py only through
# the job's own addPyFile.  The inputs are the bundled samples (every
# format, detected) and a broken page; every CSV, the errors and the exit
# status must equal `threadwatch analyze`'s.
#
# Not part of CI: starting the master and worker and submitting costs
# about a minute and a half on the 2-core CI machine, whose 15 minutes are
# nearly spent; `make spark-test` (local[2], 20 MB) runs there.  Needs the
# venv `make spark-test` makes (it is made here too if missing) and Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "spark-cluster-test: FAIL: $*" >&2; exit 1; }
note() { echo "spark-cluster-test: $*" >&2; }

. spark/venv.sh
export PYSPARK_PYTHON="$VENV/bin/python"

cargo build --locked -q
TARGET=${CARGO_TARGET_DIR:-target}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/threadwatch-cluster.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The binary under another folder, so nothing but --files can find it.
mkdir -p "$WORK/ship" "$WORK/in" "$WORK/run"
cp "$TARGET/debug/threadwatch" "$WORK/ship/threadwatch"
cp -r data/samples "$WORK/in/samples"
cp tests/fixtures/err/0002_tab_indent.thread "$WORK/in/broken.txt"

# Free ports from the kernel, so two runs (or a busy machine) do not clash.
port() { "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
MASTER_PORT=$(port)
MASTER="spark://127.0.0.1:$MASTER_PORT"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_WORKER_DIR="$WORK/worker"
"$VENV/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
  --port "$MASTER_PORT" --webui-port "$(port)" >"$WORK/master.log" 2>&1 &
PIDS+=($!)
"$VENV/bin/spark-class" org.apache.spark.deploy.worker.Worker "$MASTER" --host 127.0.0.1 \
  --cores 2 --memory 2g --webui-port "$(port)" >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do
  grep -q "Registering worker" "$WORK/master.log" 2>/dev/null && break
  sleep 1
done
grep -q "Registering worker" "$WORK/master.log" || { tail -20 "$WORK"/*.log >&2; fail "the worker did not register"; }
note "master $MASTER and one worker (2 cores) are up"

set +e
"$TARGET/debug/threadwatch" analyze "$WORK/in" --out "$WORK/analyze" -q 2>"$WORK/analyze.err"
a_status=$?
# Under spark-submit, Spark's PythonRunner merges the driver's stderr into
# its stdout, so the job's messages are read from both.
(cd "$WORK/run" && "$VENV/bin/spark-submit" --master "$MASTER" --files "$WORK/ship/threadwatch" \
  "$OLDPWD/spark/threadwatch_spark.py" --input "$WORK/in" --out "$WORK/spark" --binary threadwatch \
  >"$WORK/spark.out" 2>"$WORK/spark.err")
s_status=$?
set -e
[ "$a_status" = 1 ] || fail "analyze exited $a_status, expected 1 (the broken page)"
if [ "$s_status" != "$a_status" ]; then
  tail -30 "$WORK/spark.err" "$WORK/spark.out" >&2
  fail "spark-submit exited $s_status, analyze $a_status"
fi
for r in comments threads users interactions taunts; do
  cmp "$WORK/analyze/$r.csv" "$WORK/spark/$r.csv" || fail "$r.csv differs"
done
errors() { cat "$@" | grep -E '^[^ ].*:[0-9]+:[0-9]+: ' | grep -v ': warning: ' | sort; }
diff <(errors "$WORK/analyze.err") <(errors "$WORK/spark.out" "$WORK/spark.err") >&2 \
  || fail "the errors differ"
grep -q "broken.txt:5:1: " "$WORK/analyze.err" || fail "broken.txt:5:1 not reported"
grep -q "app-" "$WORK/master.log" || fail "the job did not run on the cluster"
note "ok: spark-submit on a standalone cluster (binary by --files) wrote the five reports analyze writes, the same errors and exit status $s_status"
