package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"finwait/core/toolview"
)

// The tool views against every recording: each difference has a reason (toolDiffAccepted),
// each reason still matches a difference, and docs/conformance.md lists them as generated.
func TestToolViewsAgainstKernel(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		diffs, cps, socks, err := toolViewDiffs(dir)
		if err != nil {
			t.Fatal(err)
		}
		if cps < 30 || socks < 40 {
			t.Errorf("%s: only %d checkpoints with %d sockets compared", dir, cps, socks)
		}
		for _, d := range diffs {
			if acceptedReason(d) == "" {
				t.Errorf("unexplained: %s", d)
			}
		}
		for _, r := range toolDiffAccepted {
			seen := false
			for _, d := range diffs {
				seen = seen || strings.Contains(d, r.match)
			}
			if !seen {
				t.Errorf("accepted but no longer seen (remove it): %s", r.match)
			}
		}
		sec, err := toolViewReport(dir)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "conformance.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(doc), sec) {
			t.Errorf("docs/conformance.md's Tool views section is not what the recordings give now: run `go run ./cmd/conformance compare`")
		}
	}
}

// ss's time-left format reads back to the milliseconds it was written from (at its precision).
func TestMsTimerReadsBack(t *testing.T) {
	for _, ms := range []int64{84, 999, 1000, 2744, 9344, 59_000, 60_000, 125_000, 600_000} {
		got, err := parseMsTimer(toolview.MsTimer(ms))
		if err != nil || got != ms {
			t.Errorf("%d ms → %q → %d (%v)", ms, toolview.MsTimer(ms), got, err)
		}
	}
	cps, err := parseCheckpoints("--- host A at 800 ms (taken at 804.5 ms)\nState Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n" +
		"TIME-WAIT 0 0 10.0.0.1:44632 10.0.0.2:5000 timer:(timewait,59sec,0)\n\t\nsockets: used 51\nTCP: inuse 0 orphan 0 tw 1 alloc 96 mem 116\n")
	if err != nil || len(cps) != 1 || cps[0].taken != 804_500 || len(cps[0].rows) != 1 || cps[0].rows[0].timer != "timer:(timewait,59sec,0)" || cps[0].tcp["tw"] != "1" {
		t.Errorf("parseCheckpoints: %+v %v", cps, err)
	}
}
