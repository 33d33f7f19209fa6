# The renderer and the desktop app (issue 3). Included by the top Makefile (-include mk/*.mk).
#   make desktop        build bin/desktop (installs the cgo/X11 build deps first when root)
#   make test-render    vet + pure render tests, then Ebiten tests and the screenshot test under Xvfb
#   make bench-render   layout of a 1000-packet trace per frame; Update+Draw per frame under Xvfb
#   make screenshots    three PNGs in bin/shots (the moments the screenshot test checks)
TEST_TARGETS += test-render

XVFB ?= xvfb-run -a -s "-screen 0 1280x800x24"
DESKTOP_DEBS := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxi-dev \
	libxinerama-dev libxrandr-dev libxxf86vm-dev xvfb xauth libgl1-mesa-dri
# Pure packages: no Ebiten import, so they test without a display.
RENDER_PURE := ./render/theme/... ./render/i18n/... ./render/source/... ./render/warp/... \
	./render/player/... ./render/layout/... ./render/session/...
FRAMES ?= 600

.PHONY: deps-desktop desktop vet-render test-render bench-render screenshots

deps-desktop:
	@missing=""; for p in $(DESKTOP_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "deps-desktop: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DESKTOP_DEBS) >/dev/null; \
	  else echo "deps-desktop: missing$$missing; run as root or install them" >&2; exit 1; fi; \
	fi

desktop: deps-desktop
	$(GO) build -o bin/desktop ./cmd/desktop

vet-render: deps-desktop
	$(GO) vet ./render/... ./cmd/desktop/...
	@out=$$(gofmt -l render cmd/desktop); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi

test-render: vet-render desktop
	$(GO) test -count=1 $(RENDER_PURE)
	$(XVFB) $(GO) test -count=1 ./render/app/... ./cmd/desktop/...
	FINWAIT_DESKTOP=$(CURDIR)/bin/desktop $(XVFB) $(GO) test -count=1 ./render/shotcheck/...

bench-render: desktop
	$(GO) test -run '^$$' -bench . -benchmem ./render/layout/
	$(XVFB) $(GO) test -run '^$$' -bench . -benchmem ./render/app/
	$(XVFB) ./bin/desktop -bulk 1000 -frames $(FRAMES) -speed 16

screenshots: desktop
	mkdir -p bin/shots
	$(XVFB) ./bin/desktop -scenario normal_active_close -at 530ms -screenshot bin/shots/normal_active_close.png
	$(XVFB) ./bin/desktop -scenario simultaneous_close -at 950ms -theme dark -screenshot bin/shots/simultaneous_close.png
	$(XVFB) ./bin/desktop -scenario fin_lost_orphan_retries -at 1.5s -screenshot bin/shots/fin_lost_orphan_retries.png

# The layout's fuzz target (random traces through Prepare and Build); FUZZTIME=10m for a long run.
.PHONY: fuzz-render
fuzz-render:
	$(GO) test -run '^$$' -fuzz FuzzLayout -fuzztime $(or $(FUZZTIME),60s) -parallel 1 ./render/layout/
