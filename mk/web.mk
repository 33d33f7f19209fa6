# The web page (issue 4): wasm/ (js/wasm entry over render/app), web/ (static files), cmd/serve.
#   make web         dist/: index.html, boot.js, style.css, wasm_exec.js (from the toolchain that built
#                    the .wasm), finwait.wasm + finwait.wasm.gz, build.json (raw size for the progress bar),
#                    messages.json (the page's own words from the message table, for boot.js)
#   make run         make web, then serve dist/ on 127.0.0.1 (WEB_ADDR) with the page's CSP; prints the URL
#   make test-web    vet (linux and js), unit tests, then the page in headless Chromium via chromedp
#                    (installs Debian's chromium first when missing and root)
#   make web-size    .wasm raw and gzip bytes, next to a bare Ebiten program built the same way
#                    (web-size-check, part of make test, fails over 1.3x; web-size-report tells
#                    which packages the bytes are in: docs/web-size.md)
#   make profile-web where the script time goes while playing (Chromium profiler, named .wasm)
#   make bench-web   web-size, navigation to first frame in headless Chromium (median of 5), and the
#                    main thread's script and CPU time per second paused and playing, next to a bare Ebiten page's
#   make monkey-web  the random-input test alone for MONKEY (30m): navigations, console errors, heap
TEST_TARGETS += test-web
RUN_DEFINED := 1

WEB_ADDR ?= 127.0.0.1:8080
GOROOT_DIR := $(shell $(GO) env GOROOT)
WASM_EXEC := $(firstword $(wildcard $(GOROOT_DIR)/lib/wasm/wasm_exec.js $(GOROOT_DIR)/misc/wasm/wasm_exec.js))
WEB_GO_SRC := $(shell find wasm render core internal \( -name '*.go' -not -name '*_test.go' \) -o -name '*.ttf' -o -name catalog.json 2>/dev/null) go.mod go.sum
WEB_STATIC := $(wildcard web/*.html web/*.css web/*.js web/*.ttf web/examples/*.html web/examples/*.css web/examples/*.js)
CHROMIUM ?= $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser))

.PHONY: web run test-web vet-web deps-chromium web-size web-size-check web-size-report bench-web

web: dist/finwait.wasm.gz dist/build.json dist/messages.json dist/wasm_exec.js $(patsubst web/%,dist/%,$(WEB_STATIC))

dist/finwait.wasm: $(WEB_GO_SRC)
	@mkdir -p dist
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm

dist/finwait.wasm.gz: dist/finwait.wasm
	gzip -9 -k -f -n $<

# The page's own words for boot.js (loading screen, its errors), from the app's message table.
dist/messages.json: $(WEB_GO_SRC) $(wildcard cmd/webmessages/*.go)
	@mkdir -p dist
	$(GO) run ./cmd/webmessages > $@.tmp && mv $@.tmp $@

dist/build.json: dist/finwait.wasm
	@printf '{"wasmBytes": %s, "go": "%s"}\n' "$$(stat -c %s $<)" "$$($(GO) env GOVERSION)" > $@

dist/wasm_exec.js: dist/finwait.wasm
	@test -n "$(WASM_EXEC)" || { echo "web: wasm_exec.js not found under $(GOROOT_DIR)" >&2; exit 1; }
	cp $(WASM_EXEC) $@

dist/%: web/%
	@mkdir -p $(dir $@)
	cp $< $@

run: web
	$(GO) run ./cmd/serve -dir dist -addr $(WEB_ADDR)

web-size: dist/finwait.wasm.gz
	@mkdir -p bin
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o bin/bare.wasm ./wasm/bare
	@gzip -9 -k -f -n bin/bare.wasm
	@f=$$(stat -c %s dist/finwait.wasm); fg=$$(stat -c %s dist/finwait.wasm.gz); b=$$(stat -c %s bin/bare.wasm); bg=$$(stat -c %s bin/bare.wasm.gz); \
	echo "finwait.wasm: $$f bytes raw, $$fg gzip -9"; echo "bare Ebiten:  $$b bytes raw, $$bg gzip -9"; \
	awk -v f=$$f -v b=$$b -v fg=$$fg -v bg=$$bg 'BEGIN { printf "ratio: %.2fx raw, %.2fx gzip (goal <= 1.3x)\n", f/b, fg/bg }'

# The size goal is a guard in make test: sizes are deterministic for one toolchain, so going over
# means something new got linked into the page (see docs/web-size.md for what was cut and how).
web-size-check: web-size
	@f=$$(stat -c %s dist/finwait.wasm); fg=$$(stat -c %s dist/finwait.wasm.gz); b=$$(stat -c %s bin/bare.wasm); bg=$$(stat -c %s bin/bare.wasm.gz); \
	awk -v f=$$f -v b=$$b -v fg=$$fg -v bg=$$bg 'BEGIN { if (f > 1.3*b || fg > 1.3*bg) { print "web-size-check: finwait.wasm is over 1.3x a bare Ebiten build; see docs/web-size.md" > "/dev/stderr"; exit 1 } }'

# What the .wasm spends its bytes on, per package, next to the bare Ebiten build (names kept).
web-size-report:
	@mkdir -p bin
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o bin/finwait-named.wasm ./wasm
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o bin/bare-named.wasm ./wasm/bare
	@GOOS=js GOARCH=wasm $(GO) list -deps ./wasm ./wasm/bare | sort -u > bin/wasm-packages.txt
	$(GO) run ./cmd/wasmsize -pkgs bin/wasm-packages.txt bin/finwait-named.wasm bin/bare-named.wasm

# Navigation to first drawn frame in headless Chromium on localhost, median of WEB_LOADS loads, and
# script time per second (TestScriptTime): a bare Ebiten page, finwait paused, finwait playing.
WEB_LOADS ?= 5
bench-web: web deps-chromium web-size
	FINWAIT_DIST=$(CURDIR)/dist FINWAIT_CHROMIUM=$(or $(FINWAIT_CHROMIUM),$(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser))) FINWAIT_LOADS=$(WEB_LOADS) \
		FINWAIT_BARE=$(CURDIR)/bin/bare.wasm $(GO) test -count=1 -run 'TestLoadTime|TestScriptTime' -v ./webtest/ | grep -E 'first frame|script time|main-thread CPU|^(ok|FAIL|---)'

deps-chromium:
	@if [ -z "$(CHROMIUM)" ] && [ -z "$$FINWAIT_CHROMIUM" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "deps-chromium: installing chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; \
	  else echo "deps-chromium: chromium missing; run as root or install Debian's chromium" >&2; exit 1; fi; \
	fi

vet-web:
	$(GO) vet ./wasm ./internal/... ./cmd/serve/... ./webtest/...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./internal/...
	@out=$$(gofmt -l wasm internal cmd/serve webtest); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi

test-web: vet-web web deps-chromium web-size-check
	$(GO) test -count=1 ./internal/...
	@# the page's parsing of moments, URL values and commands, as the browser build runs it (Node)
	@if command -v node >/dev/null; then PATH="$$PATH:$(GOROOT_DIR)/lib/wasm" GOOS=js GOARCH=wasm $(GO) test -count=1 ./render/player/ ./internal/webstate/; \
	else echo "test-web: node not found: the js/wasm run of render/player and internal/webstate is skipped"; fi
	FINWAIT_DIST=$(CURDIR)/dist FINWAIT_CHROMIUM=$(or $(FINWAIT_CHROMIUM),$(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser))) $(GO) test -count=1 -timeout 10m ./webtest/...

# `make bench` also prints the web figures.
bench: bench-web

# The browser monkey test alone, for as long as MONKEY says (make test-web runs it for 4 s): random
# clicks, drags, wheel, keys and drops; it fails on a navigation, a console error or an uncaught
# exception, and logs the JS heap and the .wasm's memory every minute. MONKEY_SEED picks the run.
MONKEY ?= 30m
MONKEY_SEED ?= 1
.PHONY: monkey-web
monkey-web: web deps-chromium
	FINWAIT_MONKEY=$(MONKEY) FINWAIT_MONKEY_SEED=$(MONKEY_SEED) FINWAIT_DIST=$(CURDIR)/dist \
		FINWAIT_CHROMIUM=$(or $(FINWAIT_CHROMIUM),$(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser))) \
		$(GO) test -count=1 -timeout 0 -run TestMonkey -v ./webtest/ | grep -E 'monkey|^(ok|FAIL|---)'

# Where the page's main-thread script time goes while playing: Chromium's profiler over a .wasm
# built with its function names (bin/profile-dist), top functions by self and total time.
.PHONY: profile-web
profile-web: web deps-chromium
	rm -rf bin/profile-dist && mkdir -p bin && cp -r dist bin/profile-dist && rm -f bin/profile-dist/finwait.wasm.gz
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o bin/profile-dist/finwait.wasm ./wasm
	@printf '{"wasmBytes": %s, "go": "%s"}\n' "$$(stat -c %s bin/profile-dist/finwait.wasm)" "$$($(GO) env GOVERSION)" > bin/profile-dist/build.json
	FINWAIT_PROFILE=1 FINWAIT_DIST=$(CURDIR)/bin/profile-dist FINWAIT_CHROMIUM=$(or $(FINWAIT_CHROMIUM),$(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser))) \
		$(GO) test -count=1 -run TestProfilePlaying -v ./webtest/ | grep -E 'profile|^(ok|FAIL|---)'
