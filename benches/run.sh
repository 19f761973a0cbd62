#!/usr/bin/env bash
# Whole-run benchmark for issue 6 ("Speed and memory at scale").
#
# Builds two corpora with `threadwatch gen` (kept between runs, since the
# generator is deterministic): many pages of MANY_MB megabytes in all, and
# one page of SINGLE_MB megabytes.  Over each it prints, side by side, wall
# time and peak memory of `threadwatch analyze --jobs 1` and `--jobs 2`,
# of `rg -c -i -F -f <every lexicon term>` on two threads and of
# `cat > /dev/null`, with MB/s, comments/s and the ratios the issue's goals
# are stated in.  Where alt-profanity-check is importable, its rows/s on
# the same comment texts follow.  Timings live here, never in tests.
#
# Usage: benches/run.sh            (make bench-run)
# Env:   MANY_MB (500), SINGLE_MB (1000; 0 skips), BENCH_DIR (target/bench-run),
#        SEED (24301), PEER_ROWS (200000: texts given to the Python peer),
#        THREADWATCH (a prebuilt binary to measure instead of building),
#        GEN (the binary that generates corpora; default: the one measured).
set -euo pipefail
cd "$(dirname "$0")/.."
many_mb=${MANY_MB:-500}
single_mb=${SINGLE_MB:-1000}
seed=${SEED:-24301}
peer_rows=${PEER_ROWS:-200000}
. benches/common.sh bench-run
command -v rg >/dev/null || { echo "ripgrep is missing: apt-get install ripgrep" >&2; exit 2; }

# Every lexicon term as listed (the part before `|`), one per line: what a
# plain word-list grep would search for.
terms=$dir/terms.txt
grep -hv '^[[:space:]]*#' data/lexicons/*.txt | sed 's/|.*//; s/[[:space:]]*$//; s/^[[:space:]]*//' |
  grep -v '^$' | sort -u >"$terms"

# gen CORPUS_DIR MB [--single-page]: generate once; a finished corpus has
# a .done stamp, so an interrupted one is rebuilt.
gen() {
  local out=$1 mb=$2
  shift 2
  if [ ! -f "$out/.done" ]; then
    rm -rf "$out" "$out.texts"
    "${GEN:-$tw}" gen --out "$out" --megabytes "$mb" --seed "$seed" --texts "$out.texts" "$@"
    touch "$out/.done"
  fi
}

# timed LABEL CMD...: runs CMD under GNU time; sets wall and rss (MB).
timed() {
  local label=$1
  shift
  /usr/bin/time -f '%e %M' -o "$dir/time.$label" "$@"
  read -r wall rss_kb <"$dir/time.$label"
  rss=$((rss_kb / 1024))
}

row() { # name wall rss
  awk -v n="$1" -v w="$2" -v r="$3" -v mb="$mb_total" -v c="$comments" -v rg="$rg_wall" -v cat="$cat_wall" 'BEGIN {
    w = (w < 0.005) ? 0.005 : w
    printf "%-28s %8.2f %9d %9.1f %12.0f %7.2f %7.2f\n", n, w, r, mb / w, c / w, w / rg, w / cat }'
}

bench() { # NAME CORPUS_DIR
  local name=$1 corpus=$2
  local reports=$dir/reports-$(basename "$corpus")
  local files
  files=$(find "$corpus" -name '*.txt' | wc -l)
  mb_total=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }')
  # Warm the page cache so every tool reads from memory.
  find "$corpus" -name '*.txt' -print0 | xargs -0 cat >/dev/null

  timed j1 "$tw" analyze "$corpus" --glob '*.txt' --out "$reports" --jobs 1 --quiet
  local j1_wall=$wall j1_rss=$rss
  # gen wrote one line per comment.
  comments=$(wc -l <"$corpus.texts")
  timed j2 "$tw" analyze "$corpus" --glob '*.txt' --out "$reports" --jobs 2 --quiet
  local j2_wall=$wall j2_rss=$rss
  # rg exits 1 when nothing matches; that is a result, not a failure.
  timed rg sh -c 'rg -j 2 -c -i -F -f "$1" "$2" >/dev/null; [ $? -le 1 ]' sh "$terms" "$corpus"
  rg_wall=$wall
  local rg_rss=$rss
  timed cat sh -c 'find "$1" -name "*.txt" -print0 | xargs -0 cat >/dev/null' sh "$corpus"
  cat_wall=$wall
  local cat_rss=$rss

  echo
  echo "== $name: $files files, $mb_total MB, $comments comments ($(wc -l <"$terms") lexicon terms for rg)"
  printf "%-28s %8s %9s %9s %12s %7s %7s\n" tool wall_s peak_MB MB/s comments/s x_rg x_cat
  row "threadwatch analyze -j1" "$j1_wall" "$j1_rss"
  row "threadwatch analyze -j2" "$j2_wall" "$j2_rss"
  row "rg -c -i -F -f terms (-j2)" "$rg_wall" "$rg_rss"
  row "cat > /dev/null" "$cat_wall" "$cat_rss"
  awk -v a="$j1_wall" -v b="$j2_wall" -v rg="$rg_wall" -v c="$comments" 'BEGIN {
    b = (b < 0.005) ? 0.005 : b
    printf "speedup -j2/-j1: %.2fx (goal >= 1.7)   analyze -j2 / rg: %.2f (goal <= 2)   comments/s per core at -j2: %.0f\n", a / b, b / rg, c / b / 2 }'
}

gen "$dir/many-${many_mb}mb" "$many_mb"
bench "many pages" "$dir/many-${many_mb}mb"
if [ "$single_mb" != 0 ]; then
  gen "$dir/single-${single_mb}mb" "$single_mb" --single-page
  bench "one page" "$dir/single-${single_mb}mb"
fi

if python3 -c 'import profanity_check' 2>/dev/null; then
  echo
  python3 benches/peer_profanity_check.py "$dir/many-${many_mb}mb.texts" "$peer_rows"
else
  echo
  echo "alt-profanity-check is not installed (pip install alt-profanity-check); peer row skipped"
fi
