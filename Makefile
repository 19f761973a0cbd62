# Targets only wrap cargo (STYLE.md §11).  `make test` is what CI runs.
CARGO ?= cargo
SAMPLES := $(wildcard data/samples/*.txt)
FUZZ_SECONDS ?= 60

.PHONY: audit targets build test lint fuzz-check fmt doc bench bench-run bench-linearity bench-people bench-stream bench-hostile bench-train bench-serve serve-venv demo eval fuzz ci install clean spark-test spark-cluster-test

build:
	$(CARGO) build --release --locked

## Formatting, lints, the fuzz targets still compile, then every test (unit, golden fixtures, CLI),
## then the list of tests that skipped and why (issue 27: a skipped test prints `ok`).  Tests append
## to SKIP_LOG (tests/it/support.rs `skip`); it is cleared first so no earlier run's skips show.
SKIP_LOG ?= $(abspath $(or $(CARGO_TARGET_DIR),target))/skipped-tests.txt
test: lint fuzz-check
	rm -f $(SKIP_LOG)
	THREADWATCH_SKIP_LOG=$(SKIP_LOG) $(CARGO) test --locked --all-targets; status=$$?; \
	if [ -s $(SKIP_LOG) ]; then \
	  echo; echo "SKIPPED ($$(wc -l < $(SKIP_LOG)) checks did not run; they passed only by skipping):"; \
	  sort $(SKIP_LOG) | sed 's/^/  /'; \
	else echo; echo "No test skipped."; fi; \
	exit $$status

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

## The fuzz targets (their own workspace, fuzz/) type-check against the library on stable,
## so an API change cannot silently break `make fuzz`.  In the root's target folder, with the
## root's dev profile (fuzz/Cargo.toml), so most dependencies clippy checked are reused
## (measured: 17 crates checked again instead of 52).
fuzz-check:
	$(CARGO) check --locked --manifest-path fuzz/Cargo.toml --target-dir $(or $(CARGO_TARGET_DIR),target)

fmt:
	$(CARGO) fmt --all

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps

## criterion benches: parse (bytes/s) and analyze (comments/s per stage, 1 and 2 threads).
bench:
	$(CARGO) bench --locked

## Whole run (issue 6): 500 MB of pages and one 1 GB page vs rg and cat; MANY_MB, SINGLE_MB set sizes.
bench-run:
	benches/run.sh

## Linearity (issue 6): analyze over 50 MB and 500 MB of pages, RUNS times each with hyperfine; s/MB and ratio.
bench-linearity:
	benches/linearity.sh

## Whole run: ~1,000,000 generated comments by 50,000 authors; time and peak memory.
bench-people:
	benches/people_run.sh

## Big inputs (issues 16, 27): peak memory and time over 100 MB, 500 MB and 2 GB of NDJSON and WXR (FORMATS=pages: real texts), plain and --xlsx; SIZES, FORMATS, MODES.
bench-stream:
	benches/stream_memory.sh

## Hostile inputs (issue 27): one huge comment of each shape at growing sizes, a 10 MB NDJSON
## comment, a 20,000-level reply chain; user time, peak memory and report size.
bench-hostile:
	benches/hostile.sh

## `threadwatch train` on 10,000 labelled rows, one core (issue 15): min and median of RUNS.
bench-train:
	benches/train.sh

## `threadwatch serve` under wrk (issue 28): req/s and p99, RSS over rounds, 429/503 at
## overload, 5,000 idle connections.  Needs wrk (apt-get install -y wrk).
bench-serve:
	benches/serve.sh

## The venv with Google's API client for Python that the serve test uses (.ci/run makes it).
serve-venv:
	tests/python/venv.sh

## The main job on the bundled sample pages; reports land in reports/, with
## the workbook (reports/threadwatch.xlsx) and the page (reports/report.html).
demo: build
	./target/release/threadwatch analyze $(SAMPLES) --out reports --xlsx --html --dot target/attacks.dot
	./target/release/threadwatch tree data/samples/harbor_bridge.txt

## Accuracy on every dev split in ../shared/corpora -> docs/ACCURACY.md.
eval:
	$(CARGO) run --release --locked --example accuracy

## A moderator's audit sample (issue 24): N flagged and N unflagged comments per dev corpus drawn
## with SEED, into target/audit-SEED.csv with empty judgement, reason_ok and target_ok columns.
## Judged samples live in tests/audit/ as ids and judgements only.
SEED ?= 1
N ?= 25
audit:
	$(CARGO) run --locked --example audit -- $(SEED) $(N) target/audit-$(SEED).csv

## Target accuracy on the labelled target set (issue 24, tests/targets/): each part's share of right
## targets and the confusions.
targets:
	$(CARGO) test --locked --test it r24_target_set -- --nocapture

## Fuzz each parser for FUZZ_SECONDS (cargo-fuzz, nightly), one after the
## other on one core; seeds are the golden fixtures and the word lists, and
## crashes land in fuzz/artifacts/ (turn each into a fixture).  With -jobs=1
## libFuzzer writes its progress to fuzz-0.log.
FUZZ_TARGET_DIR ?= $(or $(CARGO_TARGET_DIR),target)/fuzz
FUZZ_FLAGS = -max_total_time=$(FUZZ_SECONDS) -jobs=1 -workers=1 -max_len=65536 -timeout=10 -rss_limit_mb=4096
fuzz:
	mkdir -p fuzz/corpus/parse_thread fuzz/corpus/parse_lexicon fuzz/corpus/model_file
	$(CARGO) +nightly fuzz run --target-dir $(FUZZ_TARGET_DIR) parse_thread fuzz/corpus/parse_thread tests/fixtures/ok tests/fixtures/err -- $(FUZZ_FLAGS)
	$(CARGO) +nightly fuzz run --target-dir $(FUZZ_TARGET_DIR) parse_lexicon fuzz/corpus/parse_lexicon data/lexicons -- $(FUZZ_FLAGS)
	$(CARGO) +nightly fuzz run --target-dir $(FUZZ_TARGET_DIR) model_file fuzz/corpus/model_file -- $(FUZZ_FLAGS)

## The Spark job (issue 19) in local[2] against single-process analyze: a
## generated corpus of SPARK_TEST_MB (20) MB of pages and NDJSON exports
## with broken inputs, then its Reddit-style exports split by thread; every
## CSV, the errors and the exit status must match.  The pyspark venv is
## made once in ~/.cache/threadwatch; needs Java 17.
spark-test:
	spark/spark_test.sh

## The job under spark-submit on a standalone master + worker on this machine (not in CI: time).
spark-cluster-test:
	spark/cluster_test.sh

ci: test doc

install:
	$(CARGO) install --locked --path .

clean:
	$(CARGO) clean
	rm -rf reports
