package scenario

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/trace"
	"finwait/core/wire"
)

// Variants spelled out in spec §17 next to each scenario: one rule changed, the effect pinned.

func mustLookup(t *testing.T, name string) Scenario {
	t.Helper()
	sc, err := Lookup(name)
	require.NoError(t, err)
	return sc
}

func run(t *testing.T, sc Scenario, profile string) *trace.Trace {
	t.Helper()
	tr, err := Run(sc, RunOptions{Profile: profile, Check: true})
	require.NoError(t, err)
	return tr
}

func packetsAfter(tr *trace.Trace, fromMs float64) []string {
	var out []string
	for _, e := range tr.Packets() {
		if float64(e.T)/1000 >= fromMs {
			out = append(out, compactPacket(&e))
		}
	}
	return out
}

func lines(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") }

// §17.1 variant: B closes 0.5 s after end of file: four segments, A passes through a 3 s
// TW(FW2) (TWKilled, counted at creation in modern) and B's FIN re-arms it to 60 s.
func TestNormalCloseBClosesLater(t *testing.T) {
	sc := mustLookup(t, "normal_active_close").policy("B", AppPolicy{Accept: true, Read: true, CloseOnEOF: dur(500)})
	tr := run(t, sc, "modern")
	assert.Equal(t, lines(`
500 A>B c0 F. 101 1 0
560 B>A c0 . 1 102 0
1020 B>A c0 F. 1 102 0
1040 A>B c0 . 102 2 0`), packetsAfter(tr, 500))
	assert.Equal(t, "ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE", strings.TrimPrefix(statePaths(tr)["A c0"], "CLOSE SYN_SENT "))
	assert.Equal(t, int64(1), tr.CounterDeltas()["A"]["TcpExtTWKilled"])
	assert.Zero(t, tr.CounterDeltas()["A"]["TcpExtTW"])
	assert.Equal(t, int64(1), tr.CounterDeltas()["B"]["TcpExtDelayedACKs"])
	assert.Equal(t, int64(61_040_000), tr.EndUs, "TIME_WAIT re-armed to 60 s at 1040")
}

// §17.8 variant: the default tcp_fin_timeout gives a 60 s TW(FW2), counted TW, not TWKilled.
func TestFinWait2DefaultTimeout(t *testing.T) {
	sc := mustLookup(t, "fin_wait2_timeout").sys("A", "tcp_fin_timeout", "60")
	sc.Actions = sc.Actions[:3] // B never writes
	tr := run(t, sc, "modern")
	assert.Equal(t, int64(1), tr.CounterDeltas()["A"]["TcpExtTW"])
	assert.Equal(t, int64(60_244_000), tr.EndUs)
}

// §17.11 variant: the default tcp_orphan_retries (0 → 8) gives up at 123080 ms (modern) and
// 122840 ms (2.6), without RST.
func TestOrphanRetriesDefault(t *testing.T) {
	for _, c := range []struct {
		profile            string
		giveUp             int64
		retrans, timeouts  int64
		firstRetransmitsMs []string
	}{
		{"modern", 123_080_000, 9, 9, []string{"440", "680", "1160", "2120", "4040", "7880", "15560", "30920", "61640"}},
		{"2.6", 122_840_000, 8, 1, []string{"440", "920", "1880", "3800", "7640", "15320", "30680", "61400"}},
	} {
		t.Run(c.profile, func(t *testing.T) {
			sc := mustLookup(t, "fin_lost_orphan_retries").sys("A", "tcp_orphan_retries", "0")
			sc.Actions = sc.Actions[:3] // B never closes
			sc.Wire.Rules = []wire.Rule{dropFrom("B", "A", 200, 0)}
			tr := run(t, sc, c.profile)
			var resent []string
			var giveUp int64
			for _, e := range tr.Events {
				if e.Kind == trace.KindPacket && e.From == "A" && e.Flags == "F." && e.T > 200_000 {
					resent = append(resent, ms(e.T))
				}
				if e.Kind == trace.KindState && e.Host == "A" && e.StateTo == "CLOSE" {
					giveUp = e.T
				}
				assert.False(t, e.Kind == trace.KindPacket && e.From == "A" && strings.Contains(e.Flags, "R"), "give-up sends no RST")
			}
			assert.Equal(t, c.firstRetransmitsMs, resent)
			assert.Equal(t, c.giveUp, giveUp)
			d := tr.CounterDeltas()["A"]
			assert.Equal(t, c.retrans, d["TcpRetransSegs"])
			assert.Equal(t, c.timeouts, d["TcpExtTCPTimeouts"])
			assert.Equal(t, int64(1), d["TcpExtTCPAbortOnTimeout"])
		})
	}
}

// §17.9 (b): close() of a FIN_WAIT2 socket with linger2 < 0 sends an active RST (R.) and counts
// TCPAbortOnLinger, not TCPAbortOnData.
func TestLinger2NegativeAtClose(t *testing.T) {
	sc := s0("l2b", "", false).with(connect(0, "A", "c0", "B"),
		withHow(act(200, "A", OpShutdown, "c0"), "SHUT_WR"),
		sockopt(500, "A", "c0", "TCP_LINGER2", -1, 0), act(500, "A", OpClose, "c0"))
	tr := run(t, sc, "modern")
	assert.Equal(t, lines(`
200 A>B c0 F. 1 1 0
224 B>A c0 . 1 2 0
500 A>B c0 R. 2 1 0`), packetsAfter(tr, 200))
	d := tr.CounterDeltas()
	assert.Equal(t, int64(1), d["A"]["TcpExtTCPAbortOnLinger"])
	assert.Zero(t, d["A"]["TcpExtTCPAbortOnData"])
	assert.Equal(t, int64(1), d["B"]["TcpEstabResets"])
}

// §17.7 variant: shutdown(SHUT_RDWR) sets RCV_SHUTDOWN, so B's data is answered by a reply RST
// and TCPAbortOnData; A's app sees ECONNRESET.
func TestShutRDWRThenData(t *testing.T) {
	sc := mustLookup(t, "half_close_shutdown_wr")
	for i := range sc.Actions {
		if sc.Actions[i].Op == OpShutdown {
			sc.Actions[i].How = "SHUT_RDWR"
		}
	}
	tr := run(t, sc, "modern")
	assert.Contains(t, packetsAfter(tr, 500), "520 A>B c0 R 2 - 0")
	assert.Equal(t, int64(1), tr.CounterDeltas()["A"]["TcpExtTCPAbortOnData"])
	found := false
	for _, e := range tr.Events {
		if e.Kind == trace.KindCall && e.Host == "A" && e.Result == "ECONNRESET" {
			found = true
		}
	}
	assert.True(t, found, "A's app sees ECONNRESET")
}

// §17.13 variant: the wire drops A's last ACK; B's retransmitted FIN (modern: the TLP at 760)
// meets no socket and gets a reply RST.
func TestTWOverflowLastAckLost(t *testing.T) {
	sc := mustLookup(t, "tw_buckets_overflow")
	idx := 4 // A→B segments on c0: SYN, ACK, data, FIN, last ACK
	sc.Wire.Rules = []wire.Rule{{From: "A", To: "B", Conn: new(int), Index: &idx, Action: wire.Drop}}
	tr := run(t, sc, "modern")
	assert.Equal(t, lines(`
540 A>B c0 . 102 2 0 drop
760 B>A c0 F. 1 102 0
780 A>B c0 R 102 - 0`), packetsAfter(tr, 540))
	assert.Equal(t, int64(1), tr.CounterDeltas()["A"]["TcpOutRsts"])
}

// §17.12 variant: a client connecting after the listener closed gets R. seq 0, ack 1 and
// ECONNREFUSED.
func TestConnectAfterListenerClose(t *testing.T) {
	sc := mustLookup(t, "listener_close_with_pending").with(connect(600, "B", "c2", "A"))
	tr := run(t, sc, "modern")
	assert.Equal(t, lines(`
600 B>A c2 S 0 - 0
620 A>B c2 R. 0 1 0`), packetsAfter(tr, 600))
	var res string
	for _, e := range tr.Events {
		if e.Kind == trace.KindCall && e.Action == "connect" && e.Conn == 2 {
			res = e.Result
		}
	}
	assert.Equal(t, "ECONNREFUSED", res)
}

// §17.16 variant (modern, closes spread out): the 100 ms cache lets c3 (closed at 150) live,
// resets c4 inside close() at 250, and c1, c2 at their first RTO.
func TestOrphanOverflowSpread(t *testing.T) {
	sc := mustLookup(t, "orphan_overflow")
	times := map[string]float64{"c0": 20, "c1": 21, "c2": 150, "c3": 250}
	for i := range sc.Actions {
		if sc.Actions[i].Op == OpClose {
			sc.Actions[i].At = Ms(times[sc.Actions[i].Conn])
		}
	}
	sc.Actions = sortActions(sc.Actions)
	tr := run(t, sc, "modern")
	rst := map[string]string{}
	for _, e := range tr.Packets() {
		if e.From == "A" && e.Flags == "R." {
			rst[trace.ConnLabel(e.Conn)] = ms(e.T)
		}
	}
	assert.Equal(t, map[string]string{"c0": "424", "c1": "425", "c3": "250"}, rst)
}

// §17.17: a SYN from H2 after the cached stamp is 60 s old is accepted.
func TestRecycleLockoutEnds(t *testing.T) {
	sc := mustLookup(t, "tw_recycle_nat").with(connect(61000, "H2", "c2", "B"))
	tr := run(t, sc, "2.6")
	assert.Contains(t, packetsAfter(tr, 61000), "61001 B>H2 c2 S. 0 1 0")
	assert.Equal(t, int64(3), tr.CounterDeltas()["B"]["TcpExtPAWSPassive"])
}

// §17.18: the modern port order 40000, 40002, 40001, 40003; 2.6's 40001, 40002, 40003, 40000.
// Then the connect() to B:5001 (another 4-tuple: modern 40000, 2.6 40001) and the one that takes
// over a TIME_WAIT socket with tcp_tw_reuse (2.6's search goes on from its hint: 40002).
func TestEphemeralPortOrder(t *testing.T) {
	for p, want := range map[string]string{"modern": "40000 40002 40001 40003 40000 40000", "2.6": "40001 40002 40003 40000 40001 40002"} {
		tr := runCat(t, "port_exhaustion", p)
		var ports []string
		for _, e := range tr.Events {
			if e.Kind == trace.KindPacket && e.From == "A" && e.Flags == "S" {
				ports = append(ports, portOf(tr, e.Conn))
			}
		}
		assert.Equal(t, want, strings.Join(ports, " "), p)
	}
}

func portOf(tr *trace.Trace, conn int) string {
	for _, e := range tr.Events {
		if e.Kind == trace.KindCall && e.Action == "connect" && e.Conn == conn {
			_, port, _ := strings.Cut(e.Detail, " from port ")
			return port
		}
	}
	return "?"
}

func sortActions(a []Action) []Action {
	out := append([]Action(nil), a...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].At < out[j-1].At; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// §8.4 row 4: a retransmitted FIN reaching TIME_WAIT is answered with the TW ACK and restarts the
// 60 s (here: A's last ACK is lost, B's TLP re-sends its FIN at 760).
func TestTimeWaitReAcksRetransmittedFIN(t *testing.T) {
	sc := mustLookup(t, "normal_active_close")
	idx := 4
	sc.Wire.Rules = []wire.Rule{{From: "A", To: "B", Conn: new(int), Index: &idx, Action: wire.Drop}}
	tr := run(t, sc, "modern")
	assert.Equal(t, lines(`
540 A>B c0 . 102 2 0 drop
760 B>A c0 F. 1 102 0
780 A>B c0 . 102 2 0`), packetsAfter(tr, 540))
	assert.Equal(t, int64(60_780_000), tr.EndUs, "TIME_WAIT restarted at 780")
	assert.Equal(t, int64(1), tr.CounterDeltas()["B"]["TcpExtTCPLossProbes"])
}

// §8.6: the server closed first and sits in TIME_WAIT; the client comes back from the same port
// with a newer timestamp: the TW socket is deleted and the listener answers the SYN.
func TestSynTakesOverServerTimeWait(t *testing.T) {
	sc := s0("tw_syn", "", false).policy("A", AppPolicy{Read: true, CloseOnEOF: dur(0)}).with(
		sockopt(0, "A", "c0", "SO_REUSEADDR", 1, 0), withPort(act(0, "A", OpBind, "c0"), 41000), connect(0, "A", "c0", "B"),
		act(200, "B", OpClose, "c0"),
		sockopt(1000, "A", "c1", "SO_REUSEADDR", 1, 0), withPort(act(1000, "A", OpBind, "c1"), 41000), connect(1000, "A", "c1", "B"))
	tr := run(t, sc, "modern")
	assert.Equal(t, lines(`
1000 A>B c1 S 0 - 0
1020 B>A c1 S. 0 1 0
1040 A>B c1 . 1 1 0`), packetsAfter(tr, 1000))
	killed := false
	for _, e := range tr.States() {
		if e.Host == "B" && e.Conn == 0 && e.StateTo == "CLOSE" && e.Fn == "tcp_timewait_state_process" && e.T == 1_020_000 {
			killed = true
		}
	}
	assert.True(t, killed, "B's TIME_WAIT socket ends when the SYN arrives")
}

func withPort(a Action, p int) Action { a.Port = p; return a }
