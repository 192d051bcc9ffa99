# weft: build, test, bench, demo. `make test` is what CI runs.
CARGO ?= cargo

.PHONY: build test lint fmt demo bench

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
