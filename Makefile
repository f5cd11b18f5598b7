# The quick start: `make run` simulates a bundled scenario, `make test` runs the tests.
# Both install missing system packages first (scripts/install-deps).
SWIFT ?= swift
SCENARIO ?= scenarios/mmc.yaml
# Extra flags for the builds of the tests (the root's and the case service's). CI passes
# `-Xswiftc -gnone`: no debug info, about a tenth less build time; test failures still name their
# file and line (the expectations record them), only a crash's backtrace loses its lines.
TEST_BUILD_FLAGS ?=

# The tests' build: optimised like a release, with testable imports and with the checks of debug
# builds (HALLSIM_CHECKS: the floor's and the fold's table bounds, a cancelled event pending;
# the compiler's `-assert-config Debug` would keep every assert, at a quarter more build time),
# in a build folder of its own so that `make run`'s .build/ is never rebuilt for it. One build
# serves both the test targets and the hallsim binary that the command-line tests, the
# validations and the service's tests run.
TEST_SCRATCH ?= .build-test
TEST_SWIFT_FLAGS = -c release --scratch-path $(TEST_SCRATCH) -Xswiftc -enable-testing -Xswiftc -DHALLSIM_CHECKS $(TEST_BUILD_FLAGS)
TEST_HALLSIM = $(CURDIR)/$(TEST_SCRATCH)/release/hallsim

.PHONY: deps run test build test-build

deps:
	@scripts/install-deps

run: deps
	$(SWIFT) run -c release hallsim run $(SCENARIO)

# Every test; the command-line tests run the tests' own hallsim binary (HALLSIM_BINARY), which
# simulates whole scenarios ten times faster than a debug one. `swift test` alone builds and runs
# everything in debug, slower.
test: test-build
	HALLSIM_BINARY="$(TEST_HALLSIM)" $(SWIFT) test $(TEST_SWIFT_FLAGS) --skip-build

test-build: deps
	$(SWIFT) build $(TEST_SWIFT_FLAGS) --build-tests

build: deps
	$(SWIFT) build -c release --product hallsim

# Validations that simulate for minutes (hallsim staff under sinusoidal demand), run by CI as a
# step of their own: the test filter with HALLSIM_VALIDATION set, on the tests' build.
.PHONY: validate
validate: test-build
	HALLSIM_VALIDATION=1 HALLSIM_BINARY="$(TEST_HALLSIM)" $(SWIFT) test $(TEST_SWIFT_FLAGS) --skip-build --filter StaffingValidation

# Benchmarks (benchmarks/README.md): run them all, run the CI gate, reset its thresholds,
# and compare hallsim with SimPy, Ciw and a C loop (writes results/peers.md).
.PHONY: bench bench-gate bench-thresholds peers

bench: deps
	cd benchmarks && $(SWIFT) package benchmark

bench-gate:
	scripts/install-deps bench
	benchmarks/gate

bench-thresholds:
	scripts/install-deps bench
	benchmarks/gate --update

peers: deps
	benchmarks/peers/run

# Fuzzing (fuzz/README.md): every target for FUZZ_SMOKE_SECONDS each, stopping at the first crash
# (CI runs this); or for FUZZ_SECONDS each, recording crashes and going on (long runs), e.g.
# `make fuzz FUZZ_SECONDS=3600 FUZZ_TARGETS="simulate log"`.
.PHONY: fuzz-smoke fuzz

FUZZ_SMOKE_SECONDS ?= 30
FUZZ_SECONDS ?= 3600
FUZZ_TARGETS ?= scenario network simulate log

fuzz-smoke: deps
	FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) fuzz/run $(FUZZ_TARGETS)

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_KEEP_GOING=1 fuzz/run $(FUZZ_TARGETS)

# The case service (server/, docs/api.md): a package of its own, so that `make run` and `make test`
# never build the HTTP stack. `make serve` builds hallsim-serve and hallsim-load (release), which
# `hallsim serve` and `hallsim load` run (docs/load.md);
# `make test-serve` runs the server's tests against its debug build (each starts its own server on
# loopback), so CI builds the HTTP stack once.
.PHONY: serve test-serve bench-serve

serve: deps
	$(SWIFT) build -c release --package-path server --product hallsim-serve
	$(SWIFT) build -c release --package-path server --product hallsim-load

# The service's throughput with wrk and in-process (docs/api.md, *Benchmarks*); not part of CI.
bench-serve: deps
	scripts/bench-serve

test-serve: deps
	$(SWIFT) build $(TEST_SWIFT_FLAGS) --product hallsim
	$(SWIFT) build --package-path server --build-tests $(TEST_BUILD_FLAGS)
	HALLSIM_BINARY="$(TEST_HALLSIM)" \
	HALLSIM_SERVE="$$($(SWIFT) build --package-path server --show-bin-path)/hallsim-serve" \
	$(SWIFT) test --package-path server --skip-build --skip LoadTests

# The load tester's acceptance tests (docs/load.md): each starts its own hallsim-serve (or a stub
# target) on loopback and runs hallsim-load against it, both debug builds of the server package.
.PHONY: test-load
test-load: deps
	$(SWIFT) build $(TEST_SWIFT_FLAGS) --product hallsim
	$(SWIFT) build --package-path server --build-tests $(TEST_BUILD_FLAGS)
	HALLSIM_BINARY="$(TEST_HALLSIM)" \
	HALLSIM_SERVE="$$($(SWIFT) build --package-path server --show-bin-path)/hallsim-serve" \
	HALLSIM_LOAD="$$($(SWIFT) build --package-path server --show-bin-path)/hallsim-load" \
	$(SWIFT) test --package-path server --skip-build --filter LoadTests
