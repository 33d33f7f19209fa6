# The page's scenario editor and share links (web/editor.js, web/share.js; docs/embedding.md).
# "From the screen" starts from the file of the scenario on screen: for a catalog scenario that is
# what `finwait show` prints, served as dist/scenarios/NAME.json (the page links no JSON encoder:
# one would cost about 8 KB gzip of the .wasm, over the size goal's margin). The file is named to
# sort after web.mk: its rules use WEB_GO_SRC, which web.mk defines.
EDITOR_CORE_SRC := $(shell find core cmd/finwait -name '*.go' -not -name '*_test.go' 2>/dev/null)

web: dist/scenarios/catalog.txt

dist/scenarios/catalog.txt: $(EDITOR_CORE_SRC) go.mod
	@rm -rf dist/scenarios && mkdir -p dist/scenarios
	$(GO) build -o bin/finwait ./cmd/finwait
	./bin/finwait list | awk '{print $$1}' > $@.tmp
	while read -r n; do ./bin/finwait show -scenario "$$n" > "dist/scenarios/$$n.json" || exit 1; done < $@.tmp
	mv $@.tmp $@

# The page's packetdrill module: the page built with -tags pkt, which links core/pkt (about 80 KB
# gzip more than the main module has room for). boot.js loads it instead of finwait.wasm when the
# URL's fragment is #pkt, which the page sets when a .pkt script is first opened.
web: dist/finwait-pkt.wasm.gz dist/build-pkt.json

dist/finwait-pkt.wasm: $(WEB_GO_SRC)
	@mkdir -p dist
	GOOS=js GOARCH=wasm $(GO) build -tags pkt -trimpath -ldflags='-s -w' -o $@ ./wasm

dist/finwait-pkt.wasm.gz: dist/finwait-pkt.wasm
	gzip -9 -k -f -n $<

dist/build-pkt.json: dist/finwait-pkt.wasm
	@printf '{"wasmBytes": %s, "go": "%s"}\n' "$$(stat -c %s $<)" "$$($(GO) env GOVERSION)" > $@
