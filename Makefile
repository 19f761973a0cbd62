# Targets only wrap cargo (STYLE.md §11).  `make test` is what CI runs.
CARGO ?= cargo
SAMPLES := $(wildcard data/samples/*.txt)
FUZZ_SECONDS ?= 60

.PHONY: build test lint fmt doc bench bench-run bench-people demo eval ci install clean

build:
	$(CARGO) build --release --locked

## Formatting, lints, then every test (unit, golden fixtures, CLI).
test: lint
	$(CARGO) test --locked --all-targets

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

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

## Whole run: ~1,000,000 generated comments by 50,000 authors; time and peak memory.
bench-people:
	benches/people_run.sh

## The main job on the bundled sample pages; reports land in reports/.
demo: build
	./target/release/threadwatch analyze $(SAMPLES) --out reports
	./target/release/threadwatch tree data/samples/harbor_bridge.txt

## Accuracy on every dev split in ../shared/corpora -> docs/ACCURACY.md.
eval:
	$(CARGO) run --release --locked --example accuracy

ci: test doc

install:
	$(CARGO) install --locked --path .

clean:
	$(CARGO) clean
	rm -rf reports
