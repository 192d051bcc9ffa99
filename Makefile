# weft: build, test, bench, demo. `make test` is what CI runs.
CARGO ?= cargo

.PHONY: build test lint fmt demo bench

build:
	$(CARGO) build --workspace

test: build
	$(CARGO) fmt --all -- --check
	$(CARGO) test --workspace

lint:
	$(CARGO) clippy --workspace -- -D warnings

fmt:
	$(CARGO) fmt --all

demo: build
	-./target/debug/weft run scenarios/classic/counter_race.py --seed 2

bench:
	$(CARGO) build --release -p weft-cli
	./target/release/weft bench --runs 3 --json target/bench.json
