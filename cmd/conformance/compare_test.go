package main

import (
	"encoding/json"
	"strings"
	"testing"

	"finwait/core/trace"
)

func pkt(t int64, conn int, from, to, flags string, seq, ack uint32, hasAck bool, n int) trace.Event {
	return trace.Event{T: t * 1000, Kind: trace.KindPacket, Host: from, Conn: conn, From: from, To: to, Flags: flags,
		Seq: seq, Ack: ack, HasAck: hasAck, Len: n, Arrive: (t + 20) * 1000}
}

func st(t int64, host string, conn int, from, to, sub string) trace.Event {
	return trace.Event{T: t * 1000, Kind: trace.KindState, Host: host, Conn: conn, StateFrom: from, StateTo: to, Substate: sub, Fn: "x"}
}

func ctr(t int64, host, name string, d int64) trace.Event {
	return trace.Event{T: t * 1000, Kind: trace.KindCounter, Host: host, Conn: trace.NoConn, Name: name, Delta: d}
}

// modelNAC is normal_active_close as spec §17.1 writes it (the model's side, hand-made).
func modelNAC() *trace.Trace {
	return &trace.Trace{Scenario: "normal_active_close", Profile: "modern", Hosts: []string{"A", "B"}, EndUs: 60540000,
		Events: []trace.Event{
			st(0, "B", trace.NoConn, "CLOSE", "LISTEN", ""),
			st(0, "A", 0, "CLOSE", "SYN_SENT", ""),
			pkt(0, 0, "A", "B", "S", 0, 0, false, 0),
			st(20, "B", 0, "LISTEN", "SYN_RECV", ""),
			pkt(20, 0, "B", "A", "S.", 0, 1, true, 0),
			st(40, "A", 0, "SYN_SENT", "ESTABLISHED", ""),
			pkt(40, 0, "A", "B", ".", 1, 1, true, 0),
			st(60, "B", 0, "SYN_RECV", "ESTABLISHED", ""),
			pkt(200, 0, "A", "B", "P.", 1, 1, true, 100),
			pkt(220, 0, "B", "A", ".", 1, 101, true, 0),
			pkt(500, 0, "A", "B", "F.", 101, 1, true, 0),
			st(500, "A", 0, "ESTABLISHED", "FIN_WAIT1", ""),
			st(520, "B", 0, "ESTABLISHED", "CLOSE_WAIT", ""),
			st(520, "B", 0, "CLOSE_WAIT", "LAST_ACK", ""),
			pkt(520, 0, "B", "A", "F.", 1, 102, true, 0),
			st(540, "A", 0, "FIN_WAIT1", "FIN_WAIT2", ""),
			st(540, "A", 0, "FIN_WAIT2", "TIME_WAIT", "TIME_WAIT"),
			ctr(540, "A", "TcpExtTW", 1),
			pkt(540, 0, "A", "B", ".", 102, 2, true, 0),
			st(560, "B", 0, "LAST_ACK", "CLOSE", ""),
			st(60540, "A", 0, "TIME_WAIT", "CLOSE", ""),
		}}
}

// kernelNAC is what the kernel run looks like: sampled states (no zero-length ones), times a
// little late, counters at the end of a 1.5 s run.
func kernelNAC() *trace.Trace {
	return &trace.Trace{Scenario: "normal_active_close", Profile: "kernel", Hosts: []string{"A", "B"}, EndUs: 1500000,
		Events: []trace.Event{
			st(1, "B", trace.NoConn, "CLOSE", "LISTEN", ""),
			pkt(0, 0, "A", "B", "S", 0, 0, false, 0),
			st(1, "A", 0, "CLOSE", "SYN_SENT", ""),
			pkt(20, 0, "B", "A", "S.", 0, 1, true, 0),
			st(21, "B", 0, "CLOSE", "SYN_RECV", ""),
			pkt(41, 0, "A", "B", ".", 1, 1, true, 0),
			st(41, "A", 0, "SYN_SENT", "ESTABLISHED", ""),
			st(61, "B", 0, "SYN_RECV", "ESTABLISHED", ""),
			pkt(200, 0, "A", "B", "P.", 1, 1, true, 100),
			pkt(220, 0, "B", "A", ".", 1, 101, true, 0),
			pkt(500, 0, "A", "B", "F.", 101, 1, true, 0),
			st(501, "A", 0, "ESTABLISHED", "FIN_WAIT1", ""),
			pkt(520, 0, "B", "A", "F.", 1, 102, true, 0),
			st(521, "B", 0, "ESTABLISHED", "LAST_ACK", ""),
			pkt(540, 0, "A", "B", ".", 102, 2, true, 0),
			st(541, "A", 0, "FIN_WAIT1", "TIME_WAIT", "TIME_WAIT"),
			st(561, "B", 0, "LAST_ACK", "CLOSE", ""),
			ctr(1500, "A", "TcpActiveOpens", 0),
			ctr(1500, "A", "TcpExtTW", 1),
			ctr(1500, "A", "TcpInSegs", 3), // not compared
		}}
}

func noOpens() CompareOptions {
	o := DefaultCompareOptions()
	o.Counters = []string{"TcpExtTW", "TcpOutRsts", "TcpExtTCPAbortOnClose"}
	return o
}

func TestCompareMatch(t *testing.T) {
	c := Compare(modelNAC(), kernelNAC(), noOpens())
	for _, a := range Aspects {
		if !c.Verdicts[a].OK {
			t.Errorf("%s: %v", a, c.Verdicts[a].Diffs)
		}
	}
}

func TestComparePacketDiffers(t *testing.T) {
	k := kernelNAC()
	for i, e := range k.Events {
		if e.Kind == trace.KindPacket && e.Flags == "F." && e.From == "A" {
			k.Events[i].Flags, k.Events[i].Seq, k.Events[i].Ack = "R.", 1, 101
		}
	}
	c := Compare(modelNAC(), k, noOpens())
	v := c.Verdicts["packets"]
	if v.OK || !strings.Contains(v.Diffs[0], "model [F.] seq 101, ack 1, len 0 at 500 ms, kernel [R.] seq 1, ack 101") {
		t.Fatalf("packets verdict %+v", v)
	}
}

// A segment the model injected must be one the harness injected too, not one a host sent.
func TestCompareInjectedDiffers(t *testing.T) {
	m := modelNAC()
	for i, e := range m.Events {
		if e.Kind == trace.KindPacket && e.Flags == "F." && e.From == "A" {
			m.Events[i].Injected = true
		}
	}
	v := Compare(m, kernelNAC(), noOpens()).Verdicts["packets"]
	if v.OK || !strings.Contains(v.Diffs[0], "model [F.] seq 101, ack 1, len 0 (injected) at 500 ms, kernel [F.] seq 101, ack 1, len 0 at") {
		t.Fatalf("packets verdict %+v", v)
	}
}

func TestCompareExtraSegment(t *testing.T) {
	k := kernelNAC()
	k.Events = append(k.Events, pkt(760, 0, "B", "A", "F.", 1, 102, true, 0))
	v := Compare(modelNAC(), k, noOpens()).Verdicts["packets"]
	if v.OK || !strings.Contains(v.Diffs[0], "the kernel sends 1 more segment") {
		t.Fatalf("packets verdict %+v", v)
	}
}

func TestCompareTiming(t *testing.T) {
	k := kernelNAC()
	for i, e := range k.Events {
		if e.Kind == trace.KindPacket && e.Flags == "F." && e.From == "A" {
			k.Events[i].T = 530000 // 30 ms late: beyond max(5 ms, 5 % of 500 ms)
		}
	}
	c := Compare(modelNAC(), k, noOpens())
	if c.Verdicts["timing"].OK || !c.Verdicts["packets"].OK {
		t.Fatalf("timing %+v packets %+v", c.Verdicts["timing"], c.Verdicts["packets"])
	}
	// within tolerance: 5 % of 4000 ms is 200 ms
	if opt := DefaultCompareOptions(); opt.tol(4000000) != 200000 || opt.tol(10000) != 5000 {
		t.Fatalf("tolerance %d %d", opt.tol(4000000), opt.tol(10000))
	}
}

func TestCompareOrder(t *testing.T) {
	m := modelNAC()
	k := kernelNAC()
	// the kernel's B data ACK leaves before A's data segment: cross-stream order differs
	for i, e := range k.Events {
		if e.Kind == trace.KindPacket && e.From == "B" && e.Ack == 101 {
			k.Events[i].T = 190000
		}
	}
	sortByTime(k)
	v := Compare(m, k, noOpens()).Verdicts["packets"]
	if v.OK || !strings.Contains(strings.Join(v.Diffs, " "), "order:") {
		t.Fatalf("packets verdict %+v", v)
	}
}

func sortByTime(tr *trace.Trace) {
	evs := tr.Events
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && evs[j].T < evs[j-1].T; j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
}

func TestCompareStates(t *testing.T) {
	// a kernel that never showed LAST_ACK (40 ms in the model) differs
	k := kernelNAC()
	var evs []trace.Event
	for _, e := range k.Events {
		if e.Kind == trace.KindState && e.StateTo == "LAST_ACK" {
			continue
		}
		evs = append(evs, e)
	}
	k.Events = evs
	v := Compare(modelNAC(), k, noOpens()).Verdicts["states"]
	if v.OK || !strings.Contains(v.Diffs[0], "B c0: model SYN_RECV → ESTABLISHED → CLOSE_WAIT → LAST_ACK → CLOSE, kernel SYN_RECV → ESTABLISHED → CLOSE") {
		t.Fatalf("states verdict %+v", v)
	}
	// a kernel state the model never had differs
	k = kernelNAC()
	k.Events = append(k.Events, st(600, "A", 0, "TIME_WAIT", "CLOSE", ""))
	if v := Compare(modelNAC(), k, noOpens()).Verdicts["states"]; v.OK {
		t.Fatalf("expected a difference for a TIME_WAIT that ends early: %+v", v)
	}
	// TW substates are told apart
	k = kernelNAC()
	for i, e := range k.Events {
		if e.Kind == trace.KindState && e.StateTo == "TIME_WAIT" {
			k.Events[i].Substate = "FIN_WAIT2"
		}
	}
	if v := Compare(modelNAC(), k, noOpens()).Verdicts["states"]; v.OK || !strings.Contains(v.Diffs[0], "TIME_WAIT(FIN_WAIT2)") {
		t.Fatalf("substate: %+v", v)
	}
}

func TestCompareCounters(t *testing.T) {
	k := kernelNAC()
	k.Events = append(k.Events, ctr(1500, "A", "TcpOutRsts", 1))
	v := Compare(modelNAC(), k, noOpens()).Verdicts["counters"]
	if v.OK || v.Diffs[0] != "A: TcpOutRsts model +0 kernel +1." {
		t.Fatalf("counters %+v", v)
	}
}

func TestCompareHorizon(t *testing.T) {
	// the model's TW expiry at 60540 ms is after the kernel run's end and is not compared
	m := modelNAC()
	m.Events = append(m.Events, ctr(60540, "A", "TcpOutRsts", 1))
	c := Compare(m, kernelNAC(), noOpens())
	if !c.OK() {
		t.Fatalf("%+v", c.Verdicts)
	}
}

func TestReportAndJSONRoundTrip(t *testing.T) {
	b, err := json.Marshal(kernelNAC())
	if err != nil {
		t.Fatal(err)
	}
	back, err := trace.ParseJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	c := Compare(modelNAC(), back, noOpens())
	if !c.OK() {
		t.Fatalf("round trip changed the comparison: %+v", c.Verdicts)
	}
	k := kernelNAC()
	k.Events = append(k.Events, ctr(1500, "A", "TcpOutRsts", 1))
	bad := Compare(modelNAC(), k, noOpens())
	md := renderReport("6.x-test", "testdata/kernel/6.x-test", []row{
		{Name: "normal_active_close", Recorded: true, Packets: 8, Cmp: &c},
		{Name: "close_with_unread_data", Recorded: true, Packets: 6, Cmp: &bad},
		{Name: "tw_recycle_nat", Why: "not recorded: 2.6 only"},
	}, noOpens())
	for _, want := range []string{"| normal_active_close | 8 | — | match | match | match | match | match |",
		"| close_with_unread_data | 6 | — | match | match | **differs** | match | **differs** |",
		"- counters: A: TcpOutRsts model +0 kernel +1. (unexplained",
		"**Totals:** 3 scenarios; 2 recorded on the kernel; 2 compared with the model; 1 match; 1 differ"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
}

func TestFlagStringAndParse(t *testing.T) {
	for f, want := range map[byte]string{thSYN: "S", thSYN | thACK: "S.", thACK: ".", thPSH | thACK: "P.",
		thFIN | thACK: "F.", thFIN | thPSH | thACK: "FP.", thRST: "R", thRST | thACK: "R."} {
		if got := flagString(f); got != want {
			t.Errorf("flags %#x: %q, want %q", f, got, want)
		}
	}
}

func TestSysctlPathAndFiles(t *testing.T) {
	for in, want := range map[string]string{"tcp_fin_timeout": "ipv4.tcp_fin_timeout", "net.ipv4.tcp_tw_reuse": "ipv4.tcp_tw_reuse",
		"ipv6.conf.all.disable_ipv6": "ipv6.conf.all.disable_ipv6", "core.somaxconn": "core.somaxconn"} {
		if got := sysctlPath(in); got != want {
			t.Errorf("sysctlPath(%q) = %q, want %q", in, got, want)
		}
	}
	for name, want := range map[string]bool{"normal_active_close.json": true, "normal_active_close.stability.json": false, "x.log": false} {
		if isTraceFile(name) != want {
			t.Errorf("isTraceFile(%q) != %v", name, want)
		}
	}
	if !globalSysctls["tcp_max_orphans"] || globalSysctls["tcp_fin_timeout"] {
		t.Error("host-wide sysctl list")
	}
}

func TestStabilitySummary(t *testing.T) {
	var s stability
	s.Runs = 3
	s.add(2, 1, Compare(modelNAC(), kernelNAC(), noOpens()))
	if s.summary() != "identical packets, states and counters; timing within tolerance" || stabCell(&s) != "3/3" {
		t.Fatalf("%q %q", s.summary(), stabCell(&s))
	}
	k := kernelNAC()
	k.Events = append(k.Events, ctr(1500, "A", "TcpOutRsts", 1))
	s.add(3, 1, Compare(modelNAC(), k, noOpens()))
	if s.summary() != "varied in counters" || !strings.Contains(s.Diffs[0], "run 3 vs run 1: counters: A: TcpOutRsts this run +0 kept run +1.") {
		t.Fatalf("%q %v", s.summary(), s.Diffs)
	}
}
