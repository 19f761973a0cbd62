#!/usr/bin/env bash
# Linearity benchmark for issue 6: "time per MB at 50 MB and at 500 MB within
# 15% of each other".
#
# One run of each size is not enough on a shared machine (two single runs
# of the same binary once differed by 37%), so this runs `threadwatch
# analyze --jobs J` RUNS times over each corpus with hyperfine, alternating
# the sizes in one hyperfine call so that a noisy minute hits both, and
# prints seconds per MB (median and min) for each and their ratio.
#
# Usage: benches/linearity.sh      (make bench-linearity)
# Env:   SMALL_MB (50), LARGE_MB (500), RUNS (5), JOBS (1), BENCH_DIR
#        (target/bench-run, shared with benches/run.sh), SEED (24301),
#        THREADWATCH (a prebuilt binary instead of building).
set -euo pipefail
cd "$(dirname "$0")/.."
small_mb=${SMALL_MB:-50}
large_mb=${LARGE_MB:-500}
runs=${RUNS:-5}
jobs=${JOBS:-1}
seed=${SEED:-24301}
target=${CARGO_TARGET_DIR:-target}
dir=${BENCH_DIR:-$target/bench-run}
mkdir -p "$dir"
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
if [ -n "${THREADWATCH:-}" ]; then
  tw=$THREADWATCH
else
  cargo build --release --locked --quiet
  tw=$target/release/threadwatch
fi

# The same corpora as benches/run.sh (same names, same seed, .done stamp).
corpus() {
  local mb=$1 out=$dir/many-${1}mb
  if [ ! -f "$out/.done" ]; then
    rm -rf "$out" "$out.texts"
    "$tw" gen --out "$out" --megabytes "$mb" --seed "$seed" --texts "$out.texts"
    touch "$out/.done"
  fi
  echo "$out"
}
small=$(corpus "$small_mb")
large=$(corpus "$large_mb")
bytes() { find "$1" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { printf "%.3f", s / 1e6 }'; }
small_real=$(bytes "$small")
large_real=$(bytes "$large")

cmd() { echo "$tw analyze $1 --glob '*.txt' --out $dir/linearity-out --jobs $jobs --quiet"; }
json=$dir/linearity.json
hyperfine --style basic --runs "$runs" --warmup 1 --export-json "$json" \
  -n "${small_mb}MB" "$(cmd "$small")" -n "${large_mb}MB" "$(cmd "$large")"

python3 - "$json" "$small_real" "$large_real" "$jobs" <<'EOF'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
sizes = [float(sys.argv[2]), float(sys.argv[3])]
rows = []
for (name, r), mb in zip(results.items(), sizes):
    times = sorted(r["times"])
    median = times[len(times) // 2]
    rows.append((name, mb, median / mb, times[0] / mb, (times[-1] - times[0]) / times[0]))
print(f"\nanalyze --jobs {sys.argv[4]}: seconds per MB")
print(f"{'corpus':<8} {'MB':>8} {'median s/MB':>12} {'min s/MB':>10} {'spread':>8}")
for name, mb, med, mn, spread in rows:
    print(f"{name:<8} {mb:>8.1f} {med:>12.4f} {mn:>10.4f} {spread:>7.0%}")
ratio_med = rows[1][2] / rows[0][2]
ratio_min = rows[1][3] / rows[0][3]
print(f"large/small: median {ratio_med:.3f}, min {ratio_min:.3f} (goal: within 15%, i.e. 0.87 to 1.15)")
EOF
