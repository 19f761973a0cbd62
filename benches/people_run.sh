#!/usr/bin/env bash
# Whole-run benchmark for issue 4: a generated run of about 1,000,000
# comments by 50,000 authors through `threadwatch analyze`, reporting wall
# time and peak memory (GNU time).  Usage: benches/people_run.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-target/bench-people}
pages=${PAGES:-1000}
page_bytes=${PAGE_BYTES:-390000}
authors=${AUTHORS:-50000}
cargo build --release --locked --quiet --example gen_corpus
cargo build --release --locked --quiet
if [ ! -f "$dir/pages/page_$(printf %05d $((pages - 1))).txt" ]; then
  rm -rf "$dir/pages"
  ./target/release/examples/gen_corpus "$dir/pages" "$pages" "$page_bytes" "$authors"
fi
for jobs in 1 2; do
  /usr/bin/time -f "jobs=$jobs wall=%es peak_rss=%MKB" \
    ./target/release/threadwatch analyze "$dir"/pages/*.txt --out "$dir/reports" --jobs "$jobs" --quiet 2>&1 | tail -1
done
python3 - "$dir/reports" <<'PY'
import csv, sys
d = sys.argv[1]
n = lambda f: sum(1 for _ in csv.reader(open(f"{d}/{f}", encoding="utf-8"))) - 1
print(f"comments={n('comments.csv')} users={n('users.csv')} pairs={n('interactions.csv')} taunts={n('taunts.csv')} threads={n('threads.csv')}")
PY
# The per-user stage alone: peak RSS with and without it.
cargo build --release --locked --quiet --example people_memory
for mode in --skip-people ""; do
  /usr/bin/time -f "people_memory ${mode:-with-people}: wall=%es peak_rss=%MKB" \
    ./target/release/examples/people_memory $mode "$dir"/pages/*.txt 2>&1 | tail -2
done
