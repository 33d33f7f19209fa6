package scenario

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"finwait/core/trace"
)

// TestCwndGrowsOnlyWhenUsed: Linux 6.18's cubic and reno grow cwnd on an ACK only when the sender
// was cwnd-limited or, in slow start, cwnd is below twice the most segments in flight
// (tcp_is_cwnd_limited, tcp_cwnd_validate): one ACKed 1-byte send leaves the initial window at
// ten segments, so a bulk send after it sends ten at once and the rest a round trip later (random
// seed 185 on the kernel). bbr grows it in startup regardless, and 2.6.32 on every ACK.
func TestCwndGrowsOnlyWhenUsed(t *testing.T) {
	for _, c := range []struct{ profile, cc, want string }{
		{"modern", "cubic", "100x1 300x10 320x4"},
		{"modern", "reno", "100x1 300x10 320x4"},
		{"modern", "bbr", "100x1 300x10 301.386x1 320x1 321.386x2"}, // paced after ten segments, cwnd 11,
		{"2.6", "", "100x1 300x4 320x4 340x4 360x2"},                // the initial 3 grown to 4 by the ACK of the byte,
	} {
		t.Run(c.profile+" "+c.cc, func(t *testing.T) {
			sc := connectedAB(t, c.cc, `{"at": "100ms", "host": "A", "op": "send", "conn": "c0", "bytes": 1},
    {"at": "300ms", "host": "A", "op": "send", "conn": "c0", "bytes": 20000}`)
			tr, err := Run(sc, RunOptions{Profile: c.profile, Seed: 1, Check: true})
			require.NoError(t, err)
			require.Equal(t, c.want, burstsOf(tr.Packets(), "A"))
		})
	}
}

// TestFinWaitsForCwnd: after an RTO (cwnd one segment, its retransmission in flight) close()'s
// FIN waits in Linux 6.10 and later until an ACK frees the window: tcp_cwnd_test lost its
// exception for a final FIN. 2.6.32 sends it at once. The scenario file is recorded on Linux
// 6.18 (testdata/kernel).
func TestFinWaitsForCwnd(t *testing.T) {
	for _, c := range []struct{ profile, want string }{
		// the close at 1000 ms; the RTO's retransmission at 1260 ms is ACKed at 1280 ms
		{"modern", "1260 A>B c0 P. 1 1 1448, 1300 A>B c0 F. 1449 1 0"},
		{"2.6", "1000 A>B c0 F. 1449 1 0, 1020 A>B c0 FP. 1 1 1448"},
	} {
		got := fileScenarioPackets(t, "fin_waits_for_cwnd_after_rto", c.profile, func(e trace.Event) bool {
			return e.From == "A" && e.T >= 1_000_000 && e.T < 1_400_000 && (e.Len > 0 || strings.Contains(e.Flags, "F"))
		})
		require.Equal(t, c.want, got, c.profile)
	}
}

// fileScenarioPackets runs testdata/scenarios/<name>.json in a profile and prints the packets
// keep selects, as compactPacket spells them.
func fileScenarioPackets(t *testing.T, name, profile string, keep func(trace.Event) bool) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "scenarios", name+".json"))
	require.NoError(t, err)
	sc, err := Parse(b)
	require.NoError(t, err)
	tr, err := Run(sc, RunOptions{Profile: profile, Seed: 1, Check: true})
	require.NoError(t, err)
	var got []string
	for _, e := range tr.Packets() {
		if keep(e) {
			got = append(got, compactPacket(&e))
		}
	}
	return strings.Join(got, ", ")
}

// burstsOf prints a host's data segments grouped by send time: "300x10 320x4" is ten segments
// at 300 ms and four at 320 ms.
func burstsOf(ps []trace.Event, host string) string {
	var out []string
	n, at := 0, int64(-1)
	flush := func() {
		if n > 0 {
			out = append(out, ms(at)+"x"+strconv.Itoa(n))
		}
	}
	for _, e := range ps {
		if e.From != host || e.Len == 0 {
			continue
		}
		if e.T != at {
			flush()
			n, at = 0, e.T
		}
		n++
	}
	flush()
	return strings.Join(out, " ")
}

// TestKillClosesLastFdFirst: a killed process's sockets are closed last fd first in the modern
// profile (task_work_run runs the queued final fputs newest first), so c1's FIN takes the wire's
// one FIN drop; 2.6.32 closed them in fd order. The scenario file is recorded on Linux 6.18.
func TestKillClosesLastFdFirst(t *testing.T) {
	for _, c := range []struct{ profile, want string }{
		{"modern", "400 A>B c1 F. 1 1 0 drop, 400 A>B c0 F. 1 1 0, 640 A>B c1 F. 1 1 0"},
		{"2.6", "400 A>B c0 F. 1 1 0 drop, 400 A>B c1 F. 1 1 0, 640 A>B c0 F. 1 1 0"},
	} {
		got := fileScenarioPackets(t, "kill_closes_last_fd_first", c.profile, func(e trace.Event) bool {
			return e.From == "A" && strings.Contains(e.Flags, "F")
		})
		require.Equal(t, c.want, got, c.profile)
	}
}

// TestCwndGrowthKeepsTheSocketsCongestionControl: tcp_congestion_control chooses the
// congestion control of sockets made after it is set (tcp_assign_congestion_control); a
// connection made under cubic keeps cubic's growth when the host switches to bbr before the ACK
// of its 1-byte send, and one made under bbr keeps bbr's.
func TestCwndGrowthKeepsTheSocketsCongestionControl(t *testing.T) {
	for _, c := range []struct{ cc, to, want string }{
		{"cubic", "bbr", "100x1 300x10 320x4"},
		{"bbr", "cubic", "100x1 300x10 301.386x1 320x1 321.386x2"},
	} {
		t.Run(c.cc, func(t *testing.T) {
			sc := connectedAB(t, c.cc, `{"at": "100ms", "host": "A", "op": "send", "conn": "c0", "bytes": 1},
    {"at": "110ms", "host": "A", "op": "sysctl", "name": "tcp_congestion_control", "setting": "`+c.to+`"},
    {"at": "300ms", "host": "A", "op": "send", "conn": "c0", "bytes": 20000}`)
			tr, err := Run(sc, RunOptions{Profile: "modern", Seed: 1, Check: true})
			require.NoError(t, err)
			require.Equal(t, c.want, burstsOf(tr.Packets(), "A"))
		})
	}
}
