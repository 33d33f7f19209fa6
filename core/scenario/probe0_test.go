package scenario

import (
	"testing"

	"finwait/core/trace"
)

// Zero-window probing that goes on for hours keeps its interval at TCP_RTO_MAX in both
// profiles: the backoff stops at tcp_retries2 (tcp_send_probe0) and rto << backoff never
// overflows. In 2.6 it once grew without bound until the shift overflowed and the persist timer
// fired every jiffy (found by the scenario generator, recordable seed 2766).
func TestZeroWindowProbesStayAtRTOMax(t *testing.T) {
	sc := s1("probe0", "", false)
	sc.Hosts[0].App.Read = false
	sc = sc.with(sockopt(0, "A", "c0", "SO_RCVBUF", 2048, 0), connect(0, "A", "c0", "B"), send(100, "B", "c0", 20000))
	for _, p := range []string{"modern", "2.6"} {
		tr, err := Run(sc, RunOptions{Profile: p, Seed: 1, Check: true, MaxTime: 3 * 3600 * 1_000_000})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var fired []int64
		for _, e := range tr.Events {
			if e.Kind == trace.KindTimer && e.Host == "B" && e.Timer == "probe" && e.Action == "fired" {
				fired = append(fired, e.T)
			}
		}
		if len(fired) < 80 || len(fired) > 100 {
			t.Fatalf("%s: %d probes in three hours", p, len(fired))
		}
		for i := len(fired) - 50; i < len(fired); i++ {
			if gap := fired[i] - fired[i-1]; gap < 120_000_000 || gap > 120_002_000 {
				t.Fatalf("%s: probe %d comes %d µs after the one before, want 120 s (TCP_RTO_MAX)", p, i, gap)
			}
		}
	}
}
