# The quick start: `make run` simulates a bundled scenario, `make test` runs the tests.
# Both install missing system packages first (scripts/install-deps).
SWIFT ?= swift
SCENARIO ?= scenarios/mmc.yaml

.PHONY: deps run test build

deps:
	@scripts/install-deps

run: deps
	$(SWIFT) run -c release hallsim run $(SCENARIO)

# The tests run the command-line tests against the release binary (HALLSIM_BINARY), which
# simulates whole scenarios ten times faster than a debug one; `swift test` alone uses the debug one.
test: deps
	$(SWIFT) build -c release --product hallsim
	HALLSIM_BINARY="$$($(SWIFT) build -c release --show-bin-path)/hallsim" $(SWIFT) test

build: deps
	$(SWIFT) build -c release --product hallsim

# Benchmarks (benchmarks/README.md): run them all, run the CI gate, reset its thresholds,
# and compare hallsim with SimPy, Ciw and a C loop (writes results/peers.md).
.PHONY: bench bench-gate bench-thresholds peers

bench: deps
	cd benchmarks && $(SWIFT) package benchmark

bench-gate: deps
	benchmarks/gate

bench-thresholds: deps
	benchmarks/gate --update

peers: deps
	benchmarks/peers/run
