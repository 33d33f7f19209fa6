package scenario

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPushMarking pins where PSH goes on A's data segments (the second of each two-segment
// transmission, counted from where each tcp_write_xmit pass starts, since __tcp_transmit_skb
// forces PSH where tcp_skb_pcount > 1; the write's last one by tcp_push, a top-up of an unsent
// tail skb taking its mark off; 2.6.32 marks each write's end only) and that
// tcp_congestion_control is a host setting: cubic and reno show the same initial window and slow
// start. testdata/scenarios/bulk_send_close pins the first case against the kernel,
// psh_per_transmission a window that takes one segment at a time (random seeds 100 and 274).
func TestPushMarking(t *testing.T) {
	bulk := `{"at": "100ms", "host": "A", "op": "send", "conn": "c0", "bytes": 20000}, {"at": "100ms", "host": "A", "op": "close", "conn": "c0"}`
	alternate := "1 1448 ., 1449 1448 P., 2897 1448 ., 4345 1448 P., 5793 1448 ., 7241 1448 P., 8689 1448 ., 10137 1448 P., " +
		"11585 1448 ., 13033 1448 P., 14481 1448 ., 15929 1448 P., 17377 1448 ., 18825 1176 FP."
	for _, c := range []struct {
		name, profile, cc, actions, want string
	}{
		{"bulk send, cubic", "modern", "cubic", bulk, alternate},
		{"bulk send, reno", "modern", "reno", bulk, alternate},
		{"bulk send, 2.6.32", "2.6", "", bulk, "1 1448 ., 1449 1448 ., 2897 1448 ., 4345 1448 ., 5793 1448 ., 7241 1448 ., 8689 1448 ., " +
			"10137 1448 ., 11585 1448 ., 13033 1448 ., 14481 1448 ., 15929 1448 ., 17377 1448 ., 18825 1176 FP."},
		// the 100 bytes have left: the next write starts a new skb at 101
		{"after a sent write", "modern", "", `{"at": "100ms", "host": "A", "op": "send", "conn": "c0", "bytes": 100},
			{"at": "101ms", "host": "A", "op": "send", "conn": "c0", "bytes": 5000}`,
			"1 100 P., 101 1448 ., 1549 1448 P., 2997 1448 ., 4445 656 P."},
		// Nagle holds the second write in the tail skb; the third tops it up to two segments
		// (its PSH at 2001 goes) and marks the skb it starts
		{"topping up a held skb", "modern", "", `{"at": "100ms", "host": "A", "op": "send", "conn": "c0", "bytes": 1000},
			{"at": "101ms", "host": "A", "op": "send", "conn": "c0", "bytes": 1000},
			{"at": "102ms", "host": "A", "op": "send", "conn": "c0", "bytes": 3000}`,
			"1 1000 P., 1001 1448 ., 2449 1448 P., 3897 1104 P."},
		// cwnd leaves room for seven segments at 101 ms: the pass's pairs end at 6897, 9793 and
		// 12689, its seventh leaves alone without PSH; the next pass (an ACK at 120 ms) pairs 14137
		// with the write's last 416 bytes, so 14137 carries none either
		{"a pass of an odd number of segments", "modern", "", `{"at": "100ms", "host": "A", "op": "send", "conn": "c0", "bytes": 4000},
			{"at": "101ms", "host": "A", "op": "send", "conn": "c0", "bytes": 12000}`,
			"1 1448 ., 1449 1448 P., 2897 1104 P., 4001 1448 ., 5449 1448 P., 6897 1448 ., 8345 1448 P., 9793 1448 ., " +
				"11241 1448 P., 12689 1448 ., 14137 1448 ., 15585 416 P."},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := connectedAB(t, c.cc, c.actions)
			tr, err := Run(sc, RunOptions{Profile: c.profile, Seed: 1, Check: true})
			require.NoError(t, err)
			var got []string
			for _, e := range tr.Packets() {
				if e.From == "A" && e.Len > 0 {
					got = append(got, fmt.Sprintf("%d %d %s", e.Seq, e.Len, e.Flags))
				}
			}
			require.Equal(t, c.want, strings.Join(got, ", "))
		})
	}
}

// TestBBRPaces: under bbr the initial window leaves at once (tcp_update_skb_after_send paces
// only after ten data segments), then each two-segment skb waits its length at bbr's first rate,
// 2.885 × 10 × 1448 bytes per 20 ms handshake RTT = 2,088,740 B/s: 2896 bytes take 1386 µs.
// testdata/scenarios/bulk_send_close_bbr pins it against the kernel. cubic sends the round at once.
func TestBBRPaces(t *testing.T) {
	for cc, want := range map[string]string{
		"bbr":   "100 100 100 100 100 100 100 100 100 100 120 120 121.386 121.386 122.772 122.772 124.158 124.158 125.544 125.544",
		"cubic": "100 100 100 100 100 100 100 100 100 100 120 120 120 120 120 120 120 120 120 120",
	} {
		sc, err := Parse([]byte(`{"name": "pace", "profiles": ["modern"], "hosts": [
  {"name": "A", "addr": "10.0.0.1", "sysctls": {"tcp_congestion_control": "` + cc + `"}, "app": {"read": true}},
  {"name": "B", "addr": "10.0.0.2", "app": {"accept": true, "read": true}}],
  "wire": {"delay": "10ms"},
  "actions": [{"at": 0, "host": "B", "op": "listen", "conn": "L", "port": 80},
    {"at": 0, "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 80},
    {"at": "100ms", "host": "A", "op": "send", "conn": "c0", "bytes": 28960}]}`))
		require.NoError(t, err)
		tr, err := Run(sc, RunOptions{Seed: 1, Check: true})
		require.NoError(t, err)
		var got []string
		for _, e := range tr.Packets() {
			if e.From == "A" && e.Len > 0 {
				got = append(got, ms(e.T))
			}
		}
		require.Equal(t, want, strings.Join(got, " "), cc)
	}
}

// connectedAB is a scenario of A connecting to B's listener (port 80, 10 ms each way, both
// applications reading), A under congestion control cc ("" = the profile's), then actions.
func connectedAB(t *testing.T, cc, actions string) Scenario {
	t.Helper()
	sys := ""
	if cc != "" {
		sys = `"sysctls": {"tcp_congestion_control": "` + cc + `"}, `
	}
	sc, err := Parse([]byte(`{"name": "ab", "hosts": [
  {"name": "A", "addr": "10.0.0.1", ` + sys + `"app": {"read": true}},
  {"name": "B", "addr": "10.0.0.2", "app": {"accept": true, "read": true}}],
  "wire": {"delay": "10ms"},
  "actions": [{"at": 0, "host": "B", "op": "listen", "conn": "L", "port": 80},
    {"at": 0, "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 80}, ` + actions + `]}`))
	require.NoError(t, err)
	return sc
}
