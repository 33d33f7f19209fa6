package pkt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"finwait/core/trace"
)

func runScript(t *testing.T, name, src string) *Result {
	t.Helper()
	s, err := Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	res, err := Run(s)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

// verdictAt returns the verdict of a script line.
func verdictAt(t *testing.T, res *Result, line int) Verdict {
	t.Helper()
	for _, v := range res.Lines {
		if v.Line == line {
			return v
		}
	}
	t.Fatalf("no verdict for line %d", line)
	return Verdict{}
}

// TestCatalogScripts runs the scripts of testdata/pkt (one per catalog scenario a script can
// express): every line is met, and chosen lines show what the model did.
func TestCatalogScripts(t *testing.T) {
	tests := []struct {
		file  string
		lines int
		spot  map[int]string // line → the verdict's Got
	}{
		{"normal_active_close", 14, map[int]string{
			14: "> F. 101:101(0) ack 1 win 502 <nop,nop,TS val 100 ecr 5000> at 0.100000",
			18: "> . 102:102(0) ack 2 win 502 <nop,nop,TS val 200 ecr 5100> at 0.200000",
			23: "> . 102:102(0) ack 2 win 502 <nop,nop,TS val 1200 ecr 5100> at 1.200000"}},
		{"close_with_unread_data", 13, map[int]string{
			13: "> . 1:1(0) ack 101 win 502 <nop,nop,TS val 200 ecr 300> at 0.200000",
			14: "= 0, value [100]",
			16: "> R. 1:1(0) ack 101 win 502 <nop,nop,TS val 300 ecr 300> at 0.300000"}},
		{"linger_zero", 11, map[int]string{8: "= 0, value {onoff=1, linger=0}", 10: "> R. 1:1(0) ack 1 win 502 at 0.200000",
			13: "> R 1:1(0) win 0 at 0.300000"}},
		{"linger_timeout", 12, map[int]string{10: "= 0", 12: "> F. 1:1(0) ack 1 win 502 at 0.500000",
			13: "> F. 1:1(0) ack 1 win 502 at 1.100000", 15: "> F. 1:1(0) ack 1 win 502 at 2.300000"}},
		{"fin_after_pending_send", 17, map[int]string{10: "> . 1:501(500) ack 1 win 502 at 0.100000",
			11: "> P. 501:1001(500) ack 1 win 502 at 0.100000", 13: "= 0, value [1500]",
			17: "> FP. 1001:1501(500) ack 1 win 502 at 0.300000"}},
		{"simultaneous_close", 12, map[int]string{11: "> . 2:2(0) ack 2 win 502 at 0.250000", 15: "> . 2:2(0) ack 2 win 502 at 0.800000"}},
		{"half_close_shutdown_wr", 19, map[int]string{12: "> F. 1:1(0) ack 1 win 502 at 0.200000", 14: "= -1 EPIPE", 17: "= 100", 20: "= 0"}},
		{"fin_wait2_timeout", 12, map[int]string{10: "= 0, value [3]", 15: "> R 2:2(0) win 0 at 4.300000"}},
		{"linger2_negative", 11, map[int]string{8: "= 0, value [-1]", 12: "> R 2:2(0) win 0 at 0.300000"}},
		{"linger2_long", 12, map[int]string{9: "= 0, value [120]", 14: "> . 2:2(0) ack 2 win 502 at 100.300000"}},
		{"fin_lost_orphan_retries", 12, map[int]string{12: "> F. 1:1(0) ack 1 win 502 at 0.500000", 13: "> F. 1:1(0) ack 1 win 502 at 1.100000",
			16: "> R 2:2(0) win 0 at 11.100000"}},
		{"listener_close_with_pending", 10, map[int]string{7: "> S. 0:0(0) ack 1 win 65160 <mss 1460,nop,wscale 7> at 0.000000",
			12: "> R. 1:1(0) ack 11 win 502 at 0.300000"}},
		{"tw_reuse_connect", 22, map[int]string{10: "injected at 0.100000", 20: "= -1 EADDRNOTAVAIL",
			28: "> S 0:0(0) win 65160 <mss 1460,sackOK,TS val 1300 ecr 800,nop,wscale 7> at 1.300000"}},
		{"port_exhaustion", 44, map[int]string{48: "= -1 EADDRNOTAVAIL",
			55: "> S 0:0(0) win 65160 <mss 1460,sackOK,TS val 1080 ecr 110,nop,wscale 7> at 1.080000"}},
		{"tw_buckets_overflow", 12, map[int]string{13: "> . 2:2(0) ack 2 win 502 at 0.300000", 15: "> R 2:2(0) win 0 at 0.800000"}},
	}
	files, _ := filepath.Glob("../../testdata/pkt/*.pkt")
	if len(files) != len(tests) {
		t.Errorf("%d scripts in testdata/pkt, %d in this table", len(files), len(tests))
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("../../testdata/pkt", tc.file+".pkt"))
			if err != nil {
				t.Fatal(err)
			}
			res := runScript(t, tc.file, string(src))
			for _, v := range res.Lines {
				if !v.Met {
					t.Errorf("line %d %q not met: %s", v.Line, v.Text, v.Got)
				}
			}
			if !res.OK || len(res.Lines) != tc.lines {
				t.Errorf("OK %v, %d verdicts, want true and %d", res.OK, len(res.Lines), tc.lines)
			}
			for line, want := range tc.spot {
				if got := verdictAt(t, res, line).Got; got != want {
					t.Errorf("line %d: got %q, want %q", line, got, want)
				}
			}
		})
	}
}

// TestFailingExpectations: lines the model does not meet get packetdrill's verdict, first
// difference first.
const active = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n" + // 1
	"0...0.1 connect(3, ..., ...) = 0\n" + // 2
	"+0 > S 0:0(0) <...>\n" + // 3
	"+.1 < S. 0:0(0) ack 1 win 65535 <mss 1460,nop,wscale 7>\n" + // 4
	"+0 > . 1:1(0) ack 1\n" // 5

func TestFailingExpectations(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		expected  string
		got       string
	}{
		{"flags", active + "+.1 close(3) = 0\n+0 > R. 1:1(0) ack 1\n", 7, "> R. 1:1(0) ack 1",
			"live packet field tcp_fin: expected: 0 vs actual: 1; actual: > F. 1:1(0) ack 1 win 502 at 0.200000"},
		{"sequence", active + "+.1 close(3) = 0\n+0 > F. 2:2(0) ack 1\n", 7, "> F. 2:2(0) ack 1",
			"live packet field tcp_seq: expected: 2 vs actual: 1; actual: > F. 1:1(0) ack 1 win 502 at 0.200000"},
		{"window", active + "+.1 close(3) = 0\n+0 > F. 1:1(0) ack 1 win 100\n", 7, "> F. 1:1(0) ack 1 win 100",
			"live packet field tcp_window: expected: 100 vs actual: 502; actual: > F. 1:1(0) ack 1 win 502 at 0.200000"},
		{"options", active + "+.1 close(3) = 0\n+0 > F. 1:1(0) ack 1 <nop,nop,TS val 1 ecr 2>\n", 7, "> F. 1:1(0) ack 1 <nop,nop,TS val 1 ecr 2>",
			"bad outbound TCP options: expected <nop,nop,TS val 1 ecr 2> vs actual <>; actual: > F. 1:1(0) ack 1 win 502 at 0.200000"},
		{"option value", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 connect(3, ..., ...) = -1 EINPROGRESS\n" +
			"+0 > S 0:0(0) <mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 6>\n", 3, "> S 0:0(0) <mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 6>",
			"bad value in outbound TCP option: expected: wscale 6 actual: wscale 7; actual: > S 0:0(0) win 64240 <mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7> at 0.000000"},
		// the RTO after a 100 ms RTT is 300 ms: a retransmission expected 200 ms after the FIN is late
		{"timing", active + "+.1 close(3) = 0\n+0 > F. 1:1(0) ack 1\n+.2 > F. 1:1(0) ack 1\n", 8, "> F. 1:1(0) ack 1",
			"timing error: expected outbound packet at 0.400000 sec but happened at 0.500000 sec; tolerance 0.025000 sec; actual: > F. 1:1(0) ack 1 win 502 at 0.500000"},
		{"range", active + "+.1 close(3) = 0\n+0 > F. 1:1(0) ack 1\n+.1~+.2 > F. 1:1(0) ack 1\n", 8, "> F. 1:1(0) ack 1",
			"timing error: expected outbound packet in relative time range +0.100000~+0.200000 sec but happened at +0.300000 sec; actual: > F. 1:1(0) ack 1 win 502 at 0.500000"},
		{"nothing sent", active + "+.1 > F. 1:1(0) ack 1\n", 6, "> F. 1:1(0) ack 1",
			"timed out waiting for packet: the model sent nothing by 2.100000 sec"},
		{"result", active + "+.1 < F. 1:1(0) ack 1 win 502\n+0 > . 1:1(0) ack 2\n+0 read(3, ..., 100) = 5\n", 8, "= 5",
			"expected result 5 but got 0"},
		{"errno", active + "+.1 shutdown(3, SHUT_WR) = 0\n+0 write(3, ..., 10) = 10\n", 7, "= 10",
			"expected result 10 but got -1 EPIPE"},
		{"getsockopt value", active + "+0 getsockopt(3, SOL_TCP, TCP_LINGER2, [30], [4]) = 0\n", 6, "= 0, value [30]",
			"bad getsockopt value: expected [30] but got 0, value [60]"},
		{"blocking return", active + "+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=1}, 8) = 0\n" +
			"+.1...0.5 close(3) = 0\n+.1 < . 1:1(0) ack 2 win 502\n", 7, "= 0",
			"timing error: expected system call return at 0.600000 sec but happened at 0.300000 sec; tolerance 0.050000 sec; returned = 0"},
		{"would block", active + "+.1 read(3, ..., 100) = 0\n+.1 < F. 1:1(0) ack 1 win 502\n", 6, "= 0",
			"timing error: expected system call return at 0.200000 sec but happened at 0.300000 sec; tolerance 0.004000 sec; returned = 0"},
		{"late inbound", active + "+0 > F. 1:1(0) ack 1\n0.2 < . 1:1(0) ack 1 win 1\n", 7, "< . 1:1(0) ack 1 win 1",
			"timing error: expected inbound packet at 0.200000 sec but happened at 2.100000 sec; tolerance 0.012500 sec"},
		// a segment queued before socket() makes a new socket under test is still checked
		{"queued then new socket", active + "+.1 close(3) = 0\n+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4\n+0 > F. 1:1(0) ack 2\n", 8,
			"> F. 1:1(0) ack 2", "live packet field tcp_ack_seq: expected: 2 vs actual: 1; actual: > F. 1:1(0) ack 1 win 502 at 0.200000"},
		{"TS ecr unknown", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n0...0.1 connect(3, ..., ...) = 0\n+0 > S 0:0(0) <...>\n" +
			"+.1 < S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,TS val 700 ecr 55,nop,wscale 7>\n", 4,
			"< S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,TS val 700 ecr 55,nop,wscale 7>",
			"unable to infer live TS ecr for script TS ecr 55;  no matching or preceding outbound TS val"},
		{"TS val", "--tcp_ts_tick_usecs=1000\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n0...0.1 connect(3, ..., ...) = 0\n" +
			"+0 > S 0:0(0) <mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7>\n" +
			"+.1 < S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,TS val 700 ecr 0,nop,wscale 7>\n" +
			"+0 > . 1:1(0) ack 1 <nop,nop,TS val 50 ecr 700>\n", 6, "> . 1:1(0) ack 1 <nop,nop,TS val 50 ecr 700>",
			"bad outbound TCP timestamp value, tolerance 12500: expected TS val 50 vs actual 100; actual: > . 1:1(0) ack 1 win 502 <nop,nop,TS val 100 ecr 700> at 0.100000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runScript(t, tc.name, tc.src)
			v := verdictAt(t, res, tc.line)
			if v.Met || res.OK {
				t.Errorf("line %d met (%v) or OK (%v)", tc.line, v.Met, res.OK)
			}
			if v.Expected != tc.expected || v.Got != tc.got {
				t.Errorf("verdict\n expected %q\n got      %q\nwant\n expected %q\n got      %q", v.Expected, v.Got, tc.expected, tc.got)
			}
		})
	}
}

// TestTraceOfARun: the trace has both hosts, the injected segments marked, and each line's
// Event points at what it matched.
func TestTraceOfARun(t *testing.T) {
	res := runScript(t, "t", active+"+.1 close(3) = 0\n+0 > F. 1:1(0) ack 1\n")
	tr := res.Trace
	if strings.Join(tr.Hosts, ",") != "local,remote" || tr.Scenario != "t" || tr.Profile != "modern" {
		t.Errorf("hosts %v scenario %q profile %q", tr.Hosts, tr.Scenario, tr.Profile)
	}
	want := map[int]string{1: "call socket", 2: "call connect", 3: "packet S local", 4: "packet S. remote injected",
		5: "packet . local", 6: "call close", 7: "packet F. local"}
	for line, w := range want {
		v := verdictAt(t, res, line)
		if v.Event < 0 || v.Event >= len(tr.Events) {
			t.Fatalf("line %d: event %d", line, v.Event)
		}
		e := tr.Events[v.Event]
		got := string(e.Kind) + " " + e.Action
		if e.Kind == trace.KindPacket {
			got = string(e.Kind) + " " + e.Flags + " " + e.From
			if e.Injected {
				got += " injected"
			}
		}
		if got != w {
			t.Errorf("line %d matched %q, want %q", line, got, w)
		}
	}
	if f := tr.Final["local"]; len(f.Sockets) != 1 || f.Sockets[0].State != "FIN_WAIT1" {
		t.Errorf("final sockets %+v", f.Sockets)
	}
}

func TestRunNoScript(t *testing.T) {
	if _, err := Run(&Script{}); err == nil || err.Error() != "no script to run" {
		t.Errorf("err %v", err)
	}
}

// TestNagleAndNoDelay: a second small write waits for the ACK of the first (tcp_nagle_test);
// with TCP_NODELAY it leaves at once.
func TestNagleAndNoDelay(t *testing.T) {
	writes := "+0 write(3, ..., 100) = 100\n+0 > P. 1:101(100) ack 1\n+0 write(3, ..., 100) = 100\n"
	res := runScript(t, "nagle", active+writes+"+.05 < . 1:1(0) ack 101 win 502\n+0 > P. 101:201(100) ack 1\n")
	if v := verdictAt(t, res, 10); !res.OK || v.Got != "> P. 101:201(100) ack 1 win 502 at 0.150000" {
		t.Errorf("Nagle: OK %v, line 10 %q", res.OK, v.Got)
	}
	res = runScript(t, "nodelay", active+"+0 setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0\n"+
		"+0 getsockopt(3, IPPROTO_TCP, TCP_NODELAY, [1], [4]) = 0\n"+writes+"+0 > P. 101:201(100) ack 1\n")
	if v := verdictAt(t, res, 11); !res.OK || v.Got != "> P. 101:201(100) ack 1 win 502 at 0.100000" {
		t.Errorf("TCP_NODELAY: OK %v, line 11 %q", res.OK, v.Got)
	}
}

// TestInboundNotes: what the model does not use from an inbound segment is said on its line.
func TestInboundNotes(t *testing.T) {
	res := runScript(t, "notes", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n0...0.1 connect(3, ..., ...) = 0\n"+
		"+0 > S 0:0(0) <...>\n+.1 < S. 0:0(0) ack 1 win 65535 <mss 1000,nop,wscale 7>\n+0 > . 1:1(0) ack 1\n"+
		"+.1 < . 1:1(0) ack 1 win 502 <sack 5:10,nop,nop>\n")
	want := map[int]string{4: "injected at 0.100000", 6: "injected at 0.200000; SACK blocks are not modelled: the model ignores them"}
	for line, w := range want {
		if v := verdictAt(t, res, line); !v.Met || v.Got != w {
			t.Errorf("line %d: met %v got %q, want %q", line, v.Met, v.Got, w)
		}
	}
}

// TestRunIsDeterministic: the same script gives byte-identical traces and verdicts.
func TestRunIsDeterministic(t *testing.T) {
	src, err := os.ReadFile("../../testdata/pkt/tw_reuse_connect.pkt")
	if err != nil {
		t.Fatal(err)
	}
	var out [2][]byte
	var lines [2]string
	for i := range out {
		res := runScript(t, "d", string(src))
		if out[i], err = res.Trace.MarshalJSON(); err != nil {
			t.Fatal(err)
		}
		for _, v := range res.Lines {
			lines[i] += v.Got + "\n"
		}
	}
	if string(out[0]) != string(out[1]) || lines[0] != lines[1] {
		t.Error("two runs of one script differ")
	}
}

// TestPeerMSSAndAggregation: the peer's MSS sets the segment size (less 12 bytes with
// timestamps); consecutive segments make up one expected TSO/GSO segment, as packetdrill
// aggregates them; a FIN waits while the congestion window is full (tcp_cwnd_test, without the
// final-FIN exception Linux 6.10 removed): it leaves with the ACK that frees the window.
func TestPeerMSSAndAggregation(t *testing.T) {
	synack := func(opts string) string {
		return "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n0...0.1 connect(3, ..., ...) = 0\n" +
			"+0 > S 0:0(0) <mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7>\n" +
			"+.1 < S. 0:0(0) ack 1 win 65535 <" + opts + ">\n+0 > . 1:1(0) ack 1 <...>\n"
	}
	tests := []struct {
		name, src string
		line      int
		met       bool
		got       string
	}{
		{"aggregated", synack("mss 1000,nop,wscale 7") + "+0 write(3, ..., 3000) = 3000\n+0 > P. 1:3001(3000) ack 1\n", 7, true,
			"> P. 1:3001(3000) ack 1 win 502 at 0.100000"},
		{"with timestamps", synack("mss 1000,sackOK,TS val 1 ecr 0,nop,wscale 7") + "+0 write(3, ..., 1976) = 1976\n" +
			"+0 > . 1:989(988) ack 1 <...>\n+0 > P. 989:1977(988) ack 1 <...>\n", 8, true, "> P. 989:1977(988) ack 1 win 502 <nop,nop,TS val 100 ecr 1> at 0.100000"},
		{"too much", synack("mss 1000,nop,wscale 7") + "+0 write(3, ..., 3000) = 3000\n+0 > P. 1:2501(2500) ack 1\n", 7, false,
			"live packet payload: expected 2500 bytes vs actual 3000 bytes; actual: > . 1:1001(1000) ack 1 win 502, > P. 1001:2001(1000) ack 1 win 502, > P. 2001:3001(1000) ack 1 win 502"},
		{"strict segments", "--strict_segments\n" + synack("mss 1000,nop,wscale 7") + "+0 write(3, ..., 3000) = 3000\n+0 > P. 1:3001(3000) ack 1\n", 8, false,
			"live packet payload: expected 3000 bytes vs actual 1000 bytes; actual: > . 1:1001(1000) ack 1 win 502"},
		{"FIN waits for the cwnd", synack("mss 100,nop,wscale 7") + "+0 write(3, ..., 1000) = 1000\n+0 > P. 1:1001(1000) ack 1\n" +
			"+0 close(3) = 0\n+0 > F. 1001:1001(0) ack 1\n", 9, false,
			"live packet payload: expected 0 bytes vs actual 100 bytes; actual: > . 1:101(100) ack 1 win 502"},
		{"FIN after the ACK", synack("mss 100,nop,wscale 7") + "+0 write(3, ..., 1000) = 1000\n+0 > P. 1:1001(1000) ack 1\n" +
			"+0 close(3) = 0\n+.05 < . 1:1(0) ack 501 win 257\n+0 > F. 1001:1001(0) ack 1\n", 10, true, "> F. 1001:1001(0) ack 1 win 502 at 0.150000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runScript(t, tc.name, tc.src)
			if v := verdictAt(t, res, tc.line); v.Met != tc.met || v.Got != tc.got {
				t.Errorf("line %d: met %v got %q, want %v %q", tc.line, v.Met, v.Got, tc.met, tc.got)
			}
		})
	}
}

// A script's run is bounded like a scenario's: past its step bound it stops with a message,
// never runs on uncounted.
func TestRunIsBounded(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pkt", "normal_active_close.pkt"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse("normal_active_close.pkt", src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runBounded(s, maxSteps, maxEvents); err != nil {
		t.Fatalf("within the default bounds: %v", err)
	}
	_, err = runBounded(s, 3, maxEvents)
	if err == nil || !strings.HasPrefix(err.Error(), "the run stopped at its bound (3 steps, 100000 trace events) at ") {
		t.Errorf("3 steps: error %v", err)
	}
	_, err = runBounded(s, maxSteps, 2)
	if err == nil || !strings.HasPrefix(err.Error(), "the run stopped at its bound (2000000 steps, 2 trace events) at ") {
		t.Errorf("2 trace events: error %v", err)
	}
}
