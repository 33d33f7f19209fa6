package pkt

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse: no input makes Parse panic; every rejection is a *Error with a line, a column and a
// message; a script that parses runs without panicking (short ones: the fuzzer's budget goes to
// the parser).
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/pkt/*.pkt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		head + "+.01...0.011 connect(3, ..., ...) = 0\n+0 > S 0:0(0) <...>\n",
		head + "0.1~0.2 > F. 1:1(0) ack 1 win 5 <nop,nop,TS val 1 ecr 2,sack 1:2 3:4>\n",
		head + "+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n",
		"--tolerance_usecs=1\n`sysctl -q net.ipv4.tcp_fin_timeout=1`\n" + head + "* > R 0:0(0)\n",
		head + "+0 %{ x }%\n", "/*", "`", "\"", "0x", "+", "0 ...", "0 < S 0:0(0) <mss",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("fuzz.pkt", src)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a *pkt.Error", err, err)
			}
			if pe.Line < 1 || pe.Col < 0 || strings.TrimSpace(pe.Msg) == "" {
				t.Fatalf("rejection without a place or a message: %+v", pe)
			}
			return
		}
		if s == nil || len(s.Events) == 0 {
			t.Fatal("no error and no events")
		}
		if len(s.Events) > 40 {
			return
		}
		for _, e := range s.Events {
			if e.T > 600_000_000 || e.TEnd > 600_000_000 || e.End > 600_000_000 {
				return // long virtual runs: not what this target is for
			}
		}
		res, err := Run(s)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		if len(res.Lines) < len(s.Events) {
			t.Fatalf("%d verdicts for %d events", len(res.Lines), len(s.Events))
		}
	})
}
