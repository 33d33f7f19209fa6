package compare

import (
	"fmt"
	"testing"

	"finwait/core/scenario"
	"finwait/core/trace"
)

func run(t *testing.T, name, profile string) *trace.Trace {
	t.Helper()
	sc, err := scenario.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := scenario.Run(sc, scenario.RunOptions{Profile: profile, Seed: 1, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// modern vs 2.6 on three catalog scenarios, pinned.
func TestModernVs26(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"fin_lost_orphan_retries", "" +
			"440.0 ms    counter A TcpExtTCPLossProbes: 1 in modern, 0 in 2.6 at the end\n" +
			"440.0 ms    counter A TcpExtTCPTimeouts: 3 in modern, 1 in 2.6 at the end\n" +
			"680.0 ms    packet sent at 680.0 ms in modern, 920.0 ms in 2.6: A>B c0 F. seq 1 ack 1 win 502 len 0 (retransmit)\n" +
			"680.0 ms    counter A TcpRetransSegs: 3 in modern, 2 in 2.6 at the end\n" +
			"700.0 ms    packet sent at 700.0 ms in modern, 940.0 ms in 2.6: B>A c0 . seq 1 ack 2 win 502 len 0 (dsack) DROPPED\n" +
			"700.0 ms    counter B TcpExtDelayedACKLost: 3 in modern, 2 in 2.6 at the end\n" +
			"1160.0 ms   packet only in modern: A>B c0 F. seq 1 ack 1 win 502 len 0 (retransmit)\n" +
			"1180.0 ms   packet only in modern: B>A c0 . seq 1 ack 2 win 502 len 0 (dsack) DROPPED\n" +
			"1880.0 ms   A c0 is FIN_WAIT1 in modern, CLOSE in 2.6 until 2120.0 ms\n"},
		{"fin_wait2_timeout", "" +
			"3244.0 ms   A c0 is CLOSE in modern, TIME_WAIT(FIN_WAIT2) in 2.6 until 3316.0 ms\n"},
		{"tw_buckets_overflow", "" +
			"540.0 ms    counter A TcpExtTCPTimeWaitOverflow: 1 in modern, 0 in 2.6 at the end\n"},
	} {
		got := Text(Runs(run(t, c.name, "modern"), run(t, c.name, "2.6")), "modern", "2.6")
		if got != c.want {
			t.Errorf("%s modern vs 2.6:\n%s\nwant:\n%s", c.name, got, c.want)
		}
	}
}

func pkt(at int64, from, to, flags string, seq, ack uint32, n int) trace.Event {
	return trace.Event{T: at, Kind: trace.KindPacket, Host: from, From: from, To: to, Flags: flags, Seq: seq, Ack: ack, HasAck: flags != "S", Len: n, Arrive: at + 20_000}
}

func st(at int64, host, from, to string) trace.Event {
	return trace.Event{T: at, Kind: trace.KindState, Host: host, StateFrom: from, StateTo: to}
}

func cnt(at int64, host, name string) trace.Event {
	return trace.Event{T: at, Kind: trace.KindCounter, Host: host, Name: name, Delta: 1}
}

// Each kind of difference on small hand-made traces: an extra retransmission, a FIN sent 2 ms
// later (a shift under MinShift is no difference), a state held longer, a counter.
func TestKinds(t *testing.T) {
	a := &trace.Trace{EndUs: 1_000_000, Events: []trace.Event{
		pkt(0, "A", "B", "F.", 1, 1, 0), st(0, "A", "ESTABLISHED", "FIN_WAIT1"),
		pkt(200_000, "A", "B", "F.", 1, 1, 0), cnt(200_000, "A", "TcpRetransSegs"),
		pkt(300_000, "B", "A", ".", 1, 2, 0), st(320_000, "A", "FIN_WAIT1", "FIN_WAIT2"),
	}}
	b := &trace.Trace{EndUs: 900_000, Events: []trace.Event{
		pkt(500, "A", "B", "F.", 1, 1, 0), st(500, "A", "ESTABLISHED", "FIN_WAIT1"),
		pkt(302_000, "B", "A", ".", 1, 2, 0), st(322_000, "A", "FIN_WAIT1", "FIN_WAIT2"),
	}}
	want := "" +
		"0.0 ms      A c0 is FIN_WAIT1 in one, - in two until 0.5 ms\n" +
		"200.0 ms    packet only in one: A>B c0 F. seq 1 ack 1 win 0 len 0\n" +
		"200.0 ms    counter A TcpRetransSegs: 1 in one, 0 in two at the end\n" +
		"300.0 ms    packet sent at 300.0 ms in one, 302.0 ms in two: B>A c0 . seq 1 ack 2 win 0 len 0\n" +
		"320.0 ms    A c0 is FIN_WAIT2 in one, FIN_WAIT1 in two until 322.0 ms\n"
	if got := Text(Runs(a, b), "one", "two"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := Text(Runs(a, a), "one", "one again"); got != "no differences between one and one again\n" {
		t.Errorf("a run against itself: %q", got)
	}
}

// The alignment: the longest common subsequence, and past the table's bound the greedy one.
func TestAlign(t *testing.T) {
	k := func(flags ...string) []pkey {
		var out []pkey
		for _, f := range flags {
			out = append(out, pkey{from: "A", flags: f})
		}
		return out
	}
	a, b := k("S", "F.", "F.", "R"), k("S", "R", "F.", "F.")
	for _, c := range []struct {
		limit int
		want  string
	}{
		{maxLCS, "[[0 0] [1 2] [2 3]]"}, // S F. F.: three in common
		{4, "[[0 0] [1 2] [2 3]]"},      // greedy: S, then the first F. after it, and the next
	} {
		if got := fmt.Sprint(align(a, b, c.limit)); got != c.want {
			t.Errorf("limit %d: %s, want %s", c.limit, got, c.want)
		}
	}
	a, b = k("R", "S", "F."), k("S", "F.", "R")
	if got := fmt.Sprint(align(a, b, maxLCS)); got != "[[1 0] [2 1]]" {
		t.Errorf("LCS: %s", got)
	}
	if got := fmt.Sprint(align(a, b, 1)); got != "[[0 2]]" {
		t.Errorf("greedy: %s (takes R first and misses S F.)", got)
	}
}

// The greedy alignment matches each packet of a with the next equal one of b, as a scan of the
// rest of b would (greedyScan), on every pair of short lists of three keys.
func TestAlignGreedyIsTheScan(t *testing.T) {
	flags := []string{"S", "F.", "R"}
	lists := [][]pkey{nil}
	for n := 1; n <= 5; n++ {
		for code := 0; code < 243; code++ { // 3^5 covers 3^n
			if code >= pow3(n) {
				break
			}
			var l []pkey
			for c, i := code, 0; i < n; c, i = c/3, i+1 {
				l = append(l, pkey{from: "A", flags: flags[c%3]})
			}
			lists = append(lists, l)
		}
	}
	for _, a := range lists {
		for _, b := range lists {
			if got, want := fmt.Sprint(align(a, b, 0)), fmt.Sprint(greedyScan(a, b)); got != want {
				t.Fatalf("align(%v, %v): %s, want %s", a, b, got, want)
			}
		}
	}
}

func pow3(n int) int {
	p := 1
	for ; n > 0; n-- {
		p *= 3
	}
	return p
}

// greedyScan is the greedy alignment as a scan: for each packet of a, the first equal one of b
// after the last match.
func greedyScan(a, b []pkey) [][2]int {
	var pairs [][2]int
	j := 0
	for i := range a {
		for k := j; k < len(b); k++ {
			if a[i] == b[k] {
				pairs = append(pairs, [2]int{i, k})
				j = k + 1
				break
			}
		}
	}
	return pairs
}

// BenchmarkAlignGreedyDisjoint: two runs of 100 000 packets (the trace bound) with none in
// common; a scan of the rest of b for each packet of a cost 10^10 comparisons.
func BenchmarkAlignGreedyDisjoint(b *testing.B) {
	x, y := make([]pkey, 100_000), make([]pkey, 100_000)
	for i := range x {
		x[i], y[i] = pkey{from: "A", seq: uint32(i)}, pkey{from: "B", seq: uint32(i)}
	}
	for b.Loop() {
		align(x, y, maxLCS)
	}
}
