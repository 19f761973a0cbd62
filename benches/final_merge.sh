#!/usr/bin/env bash
# Where the final `threadwatch merge --out` of a distributed run spends its
# CPU (issue 19, docs/SCALE.md "The final merge"), without Spark: the
# corpus's frames (as spark/frames.py cuts them) go through `map` and one
# `merge --partial`, then the final merge runs
#   full      on every partial (rows decoded, comments.csv written from records),
#   no-rows   without the `rows` lines (what is left: people, taunts, four reports),
#   no-named  without `rows` and `named` (no taunt finder either),
#   pieces    after REDUCERS reducers wrote comments.csv in pieces, rows
#             range-partitioned as the Spark job does (spark/threadwatch_spark.py),
#             with --comments-from, and its comments.csv compared with `full`'s;
# each REPEAT times on one rayon thread, user and system CPU from /usr/bin/time.
#
#   benches/final_merge.sh [CORPUS]   (default target/spark-test/corpus-24,
#                                      made by SPARK_TEST_MB=24 make spark-test)
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${1:-target/spark-test/corpus-24}
BIN=${BIN:-target/release/threadwatch}
PY=${PY:-python3}
REDUCERS=${REDUCERS:-4}
REPEAT=${REPEAT:-3}
WORK=${WORK:-target/final-merge}
export RAYON_NUM_THREADS=1

[ -d "$CORPUS" ] || { echo "final_merge: no corpus $CORPUS (SPARK_TEST_MB=24 make spark-test makes it)" >&2; exit 2; }
cargo build --release --locked -q
rm -rf "$WORK" && mkdir -p "$WORK"
echo "final_merge: $(find "$CORPUS" -type f -printf '%s\n' | awk '{s += $1} END {print s}') bytes in $CORPUS; load $(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" - "$CORPUS" "$WORK/frames.bin" <<'EOF'
import sys
sys.path.insert(0, "spark")
import frames
with open(sys.argv[2], "wb") as out:
    for n in frames.local_inputs(sys.argv[1]):
        with open(n, "rb") as f:
            data = f.read()
        for fr in frames.frames_for_file(n, data, "auto", frames.parse_fields([]), False):
            out.write(fr)
EOF
"$BIN" map --jobs 1 --quiet <"$WORK/frames.bin" >"$WORK/map.tw"
"$BIN" merge --partial "$WORK/map.tw" >"$WORK/full.tw"
grep -v $'^rows\t' "$WORK/full.tw" >"$WORK/no-rows.tw"
grep -v $'^rows\t\|^named\t' "$WORK/full.tw" >"$WORK/no-named.tw"
for k in rows named pair user input thread; do
  printf 'final_merge: %-6s %10d bytes of partials\n' "$k" "$(grep $'^'$k$'\t' "$WORK/full.tw" | wc -c)"
done

# The reducers: the job's own shuffle (rows by input range, the rest by
# hash), one `merge --partial --comments-to` each.
"$PY" - "$CORPUS" "$WORK" "$REDUCERS" <<'EOF'
import os, sys
sys.path.insert(0, "spark")
import frames, threadwatch_spark as job
corpus, work, reducers = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = frames.local_inputs(corpus)
bounds = job.row_bounds([frames.display_name(n) for n in names],
                        [os.path.getsize(n) for n in names], reducers)
outs = [open(os.path.join(work, "reduce-%d.tw" % k), "wb") for k in range(reducers)]
with open(os.path.join(work, "map.tw"), "rb") as f:
    for line in f:
        if not line.startswith(job.VERSION_PREFIX):
            outs[job.shuffle_key(line, reducers, bounds)].write(line)
for o in outs:
    o.close()
EOF
mkdir -p "$WORK/pieces"
: >"$WORK/pieces.tw"
for k in $(seq 0 $((REDUCERS - 1))); do
  /usr/bin/time -f "final_merge: reducer $k user %U s sys %S s rss %M KB" \
    "$BIN" merge --partial --comments-to "$WORK/pieces/$(printf 'piece-%06d' "$k")" \
    "$WORK/reduce-$k.tw" >>"$WORK/pieces.tw"
done
echo "final_merge: $(wc -c <"$WORK/pieces.tw") bytes of partials and $(cat "$WORK"/pieces/* | wc -c) bytes of pieces reach the final merge"

for variant in full no-rows no-named pieces; do
  for i in $(seq "$REPEAT"); do
    rm -rf "$WORK/out-$variant"
    if [ "$variant" = pieces ]; then
      set -- "$WORK/pieces.tw" --comments-from "$WORK/pieces"
    else
      set -- "$WORK/$variant.tw"
    fi
    # The corpus has two bad inputs: exit 1, their errors on stderr.
    /usr/bin/time -o "$WORK/time" -f "final_merge: $variant user %U s sys %S s wall %e s rss %M KB" \
      "$BIN" merge "$@" --out "$WORK/out-$variant" --quiet 2>"$WORK/err" || [ $? = 1 ]
    cat "$WORK/time"
  done
done
cmp "$WORK/out-full/comments.csv" "$WORK/out-pieces/comments.csv"
for r in threads users interactions taunts; do cmp "$WORK/out-full/$r.csv" "$WORK/out-pieces/$r.csv"; done
echo "final_merge: the pieces path wrote the same five reports; load $(cut -d' ' -f1-3 /proc/loadavg)"
