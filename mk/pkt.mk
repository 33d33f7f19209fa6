# packetdrill scripts (core/pkt): a few seconds of the parser's fuzz target in `make test`;
# `make fuzz-pkt FUZZTIME=10m` for a long run.
TEST_TARGETS += test-pkt-fuzz

.PHONY: test-pkt-fuzz fuzz-pkt
test-pkt-fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 5s ./core/pkt/

fuzz-pkt:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./core/pkt/
