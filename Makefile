# The quick start: `make run` simulates a bundled scenario, `make test` runs the tests.
# Both install missing system packages first (scripts/install-deps).
SWIFT ?= swift
SCENARIO ?= scenarios/mmc.yaml

.PHONY: deps run test build

deps:
	@scripts/install-deps

run: deps
	$(SWIFT) run -c release hallsim run $(SCENARIO)

test: deps
	$(SWIFT) test

build: deps
	$(SWIFT) build -c release --product hallsim
