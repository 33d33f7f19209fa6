# finwait — see README.md. `make run` serves the page; `make test` installs what tests need and runs them all.
SHELL := /bin/bash
GO ?= go
SCENARIO ?= normal_active_close
PROFILE ?= modern

# Each part of the product adds its test target here (mk/*.mk add theirs).
TEST_TARGETS := test-core test-core-wasm

.PHONY: all run test bench fuzz fuzz-gen vet test-core test-core-wasm finwait
all: finwait

-include mk/*.mk

finwait:
	$(GO) build -o bin/finwait ./cmd/finwait

vet:
	$(GO) vet ./core/... ./cmd/finwait/... ./cmd/wasmsize/... ./cmd/webmessages/...
	@out=$$(gofmt -l core cmd render wasm 2>/dev/null); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi

test-core: vet
	$(GO) test -count=1 ./core/... ./cmd/finwait/... ./cmd/wasmsize/... ./cmd/webmessages/...

# The scenario rules (limits, validation, durations, bounded work) in the browser's build: the
# same tests, the same messages, under Node (GOOS=js GOARCH=wasm); and the tool views, the
# compare list and the source links, byte for byte what the native tests pin.
WASM_CORE_TESTS := TestCatalogFile|TestParseDurationLimits|TestValidationRefusesWithWhere|TestRunValidatesValues|TestScenarioFileErrors|TestDuplicateKey|TestWorkIsBounded|TestConnectRetry
test-core-wasm:
	@command -v node >/dev/null || { echo "make test-core-wasm: needs node (Node.js) to run the js/wasm tests" >&2; exit 1; }
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec "$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" -run '^($(WASM_CORE_TESTS))' ./core/scenario/
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec "$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" ./core/toolview/ ./core/compare/ ./core/xref/

test: $(TEST_TARGETS)
	@echo "make test: all suites passed ($(TEST_TARGETS))"

# Figures for the closing notes: catalog scenarios, churn, bytes per TIME_WAIT socket.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./core/...

# The core's fuzz target; FUZZTIME=10m for the long run.
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzEngine -fuzztime $(FUZZTIME) ./core/scenario/

# Generated scenarios (core/scenario/gen, both flavours): invariants, byte-identical reruns.
fuzz-gen:
	$(GO) test -run '^$$' -fuzz FuzzGenerated -fuzztime $(FUZZTIME) ./core/scenario/gen/

ifeq ($(origin RUN_DEFINED),undefined)
# Until the web page exists, `make run` prints the text trace of a scenario.
run: finwait
	./bin/finwait trace -scenario $(SCENARIO) -profile $(PROFILE) -format text
endif
