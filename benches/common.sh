# Sourced by the bench scripts (`. benches/common.sh bench-NAME`), from the
# repository root: sets `target` (CARGO_TARGET_DIR or target), `dir` (the
# bench's folder: BENCH_DIR or $target/bench-NAME, created) and `tw` (the
# binary: THREADWATCH, or a release build made now).  One preamble, so every
# bench measures the same binary the same way.
target=${CARGO_TARGET_DIR:-target}
dir=${BENCH_DIR:-$target/$1}
mkdir -p "$dir"
if [ -n "${THREADWATCH:-}" ]; then
  tw=$THREADWATCH
else
  cargo build --release --locked --quiet
  tw=$target/release/threadwatch
fi
