package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTimeWaitTakesSYNWithoutTimestamps: B holds TIME_WAIT and A reconnects from the same port
// 800 ms later with timestamps off. A's new ISN is its hash plus 800 ms of 64 ns ticks, above
// everything the old connection sent, so B's TIME_WAIT socket accepts the SYN by its sequence
// number (tcp_timewait_state_process: TCP_TW_SYN) and answers with a SYN-ACK, whatever the
// seed; a random ISN got an ACK and an RST for about half of them (spec §12.4).
func TestTimeWaitTakesSYNWithoutTimestamps(t *testing.T) {
	data, err := os.ReadFile("../../testdata/scenarios/tw_syn_same_port.json")
	require.NoError(t, err)
	src := strings.ReplaceAll(string(data), `"app": {`, `"sysctls": {"tcp_timestamps": "0"}, "app": {`)
	for _, p := range []string{"modern", "2.6"} {
		for seed := int64(1); seed <= 20; seed++ {
			sc, err := Parse([]byte(src))
			require.NoError(t, err)
			tr, err := Run(sc, RunOptions{Profile: p, Seed: seed, Check: true})
			require.NoError(t, err)
			var c1 []string
			for _, e := range tr.Packets() {
				if e.Conn == 1 && len(c1) < 3 {
					c1 = append(c1, compactPacket(&e))
				}
			}
			require.Equal(t, []string{"1000 A>B c1 S 0 - 0", "1020 B>A c1 S. 0 1 0", "1040 A>B c1 . 1 1 0"}, c1, "%s seed %d", p, seed)
			ended := int64(-1)
			for _, e := range tr.States() {
				if e.Host == "B" && e.Conn == 0 && e.StateFrom == "TIME_WAIT" {
					ended = e.T
				}
			}
			require.Equal(t, int64(1_020_000), ended, "%s seed %d: B's TIME_WAIT socket gives way to the SYN", p, seed)
		}
	}
}

// TestSegmentsNumberedOnTheirOwnConn: every segment's relative numbers are taken against its own
// connection's ISNs (spec §0), so in the catalog and the scenario files, which move less than
// 1 MiB per connection, no seq or ack lies more than 16 MiB from 0 either way; a segment numbered
// against another connection's hashed ISN would be anywhere in 2³².
func TestSegmentsNumberedOnTheirOwnConn(t *testing.T) {
	scs := Catalog()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.json"))
	require.NoError(t, err)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		sc, err := Parse(b)
		require.NoError(t, err, f)
		scs = append(scs, sc)
	}
	far := func(v uint32) bool { return v > 1<<24 && v < 1<<32-1<<24 }
	for _, sc := range scs {
		for _, p := range sc.ProfilesOf() {
			for seed := int64(1); seed <= 3; seed++ {
				tr, err := Run(sc, RunOptions{Profile: p, Seed: seed})
				require.NoError(t, err, sc.Name)
				for _, e := range tr.Packets() {
					if far(e.Seq) || e.HasAck && far(e.Ack) {
						t.Errorf("%s (%s, seed %d): %s", sc.Name, p, seed, compactPacket(&e))
					}
				}
			}
		}
	}
}
