# The page's scenario editor and share links (web/editor.js, web/share.js; docs/embedding.md).
# "From the screen" starts from the file of the scenario on screen: for a catalog scenario that is
# what `finwait show` prints, served as dist/scenarios/NAME.json (the page links no JSON encoder:
# one would cost about 8 KB gzip of the .wasm, over the size goal's margin).
EDITOR_CORE_SRC := $(shell find core cmd/finwait -name '*.go' -not -name '*_test.go' 2>/dev/null)

web: dist/scenarios/catalog.txt

dist/scenarios/catalog.txt: $(EDITOR_CORE_SRC) go.mod
	@rm -rf dist/scenarios && mkdir -p dist/scenarios
	$(GO) build -o bin/finwait ./cmd/finwait
	./bin/finwait list | awk '{print $$1}' > $@.tmp
	while read -r n; do ./bin/finwait show -scenario "$$n" > "dist/scenarios/$$n.json" || exit 1; done < $@.tmp
	mv $@.tmp $@
