# weft: build, test, bench, demo. `make test` is what CI runs.
CARGO ?= cargo

.PHONY: build test lint fmt demo bench fuzz

build:
	$(CARGO) build --workspace

# The tests run optimised: the soundness and differential suites explore hundreds of thousands of
# executions. `weft test scenarios/` checks every scenario's `# expect:` lines. The HTML report
# test drives headless Chromium, which scripts/install-chromium installs when it is missing.
test:
	./scripts/install-chromium
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --release -- -D warnings
	$(CARGO) build --release -p weft-cli
	$(CARGO) test --workspace --release
	./target/release/weft test scenarios/

lint:
	$(CARGO) clippy --workspace -- -D warnings

fmt:
	$(CARGO) fmt --all

demo:
	$(CARGO) build --release -p weft-cli
	-./target/release/weft run scenarios/classic/counter_race.py --seed 3

bench:
	$(CARGO) build --release -p weft-cli
	./target/release/weft bench --runs 3 --json target/bench.json

# Fuzz weft for FUZZ_SECONDS with campaign seed FUZZ_SEED (program I of a seed is always the same
# program: `weft-fuzz --seed S --print-program I`). Each distinct crash (class and location) is
# minimised and saved under target/fuzz/crashes/CLASS-HASH/ with crash.txt saying how to run it,
# unless a reproducer in tests/corpus/crashes already shows it. Exits 1 when it found a crash.
# docs/RELIABILITY.md records the runs.
FUZZ_SECONDS ?= 600
FUZZ_SEED ?= 1
# Seconds before a run counts as a hang: far above what a program takes on an idle machine, so
# that a loaded one does not report slow runs as hangs.
FUZZ_TIMEOUT ?= 30
fuzz:
	$(CARGO) build --release -p weft-cli -p weft-fuzz
	./target/release/weft-fuzz --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED) --timeout $(FUZZ_TIMEOUT) \
		--out target/fuzz/crashes --known tests/corpus/crashes
