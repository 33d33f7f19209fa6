package scenario

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"finwait/core/trace"
)

// TestTimerDurations pins the timers spec §17 names: when each is armed, when it is due and what
// became of it.
func TestTimerDurations(t *testing.T) {
	for _, c := range []struct {
		scenario, profile, host string
		conn                    int
		timer, action           string
		atMs, expiresMs         float64
	}{
		// §17.1: B's delayed ACK (ato 40 ms) is cancelled by its own FIN; A's TIME_WAIT is 60 s.
		{"normal_active_close", "modern", "B", 0, "delack", "armed", 520, 560},
		{"normal_active_close", "modern", "B", 0, "delack", "cancelled", 520, 560},
		{"normal_active_close", "modern", "A", 0, "retransmit", "cancelled", 540, 740},
		{"normal_active_close", "modern", "A", 0, "timewait", "fired", 60540, 60540},
		{"normal_active_close", "2.6", "A", 0, "timewait", "armed", 540, 60540},
		// §17.4: TLP after 2·srtt + 2 jiffies, RTOs doubling from 240 ms, close() lingering 2 s.
		{"linger_timeout", "modern", "A", 0, "retransmit", "fired", 288, 288},
		{"linger_timeout", "modern", "A", 0, "retransmit", "armed", 1968, 3888},
		{"linger_timeout", "modern", "A", 0, "linger", "fired", 2200, 2200},
		{"linger_timeout", "modern", "A", 0, "timewait", "armed", 3928, 6928},
		// §17.8: a 3 s TIME_WAIT socket in substate FIN_WAIT2; 2.6 files it on the 128 ms calendar.
		{"fin_wait2_timeout", "modern", "A", 0, "timewait", "fired", 3244, 3244},
		{"fin_wait2_timeout", "2.6", "A", 0, "timewait", "armed", 244, 3316},
		{"fin_wait2_timeout", "modern", "B", 0, "delack", "fired", 224, 224},
		// §17.10: TCP_LINGER2 200 → 120 s: a 60 s keepalive timer on the full orphan; c1's 10 s TW.
		{"linger2_long", "modern", "A", 0, "keepalive", "armed", 344, 60344},
		{"linger2_long", "modern", "A", 1, "timewait", "armed", 344, 10344},
		{"linger2_long", "modern", "A", 1, "timewait", "armed", 2120, 62120},
		// §17.5: the persist timer, 248 ms after each answer (see expect_test.go).
		{"fin_after_pending_send", "modern", "A", 0, "probe", "armed", 568, 816},
		{"fin_after_pending_send", "modern", "A", 0, "probe", "armed", 856, 1352},
		// §17.11: TLP at 440, RTOs at 680, 1160; the fatal one at 2120.
		{"fin_lost_orphan_retries", "modern", "A", 0, "retransmit", "armed", 1160, 2120},
		// §17.17: tw_recycle's 707 ms TIME_WAIT, rounded up on the 128 ms calendar.
		{"tw_recycle_nat", "2.6", "B", 0, "timewait", "armed", 22, 790},
		// §17.12: the modern request's SYN-ACK timer (1 s), cancelled by the final ACK.
		{"listener_close_with_pending", "modern", "A", 0, "synack", "cancelled", 60, 1020},
	} {
		name := fmt.Sprintf("%s/%s/%s c%d %s %s at %g", c.scenario, c.profile, c.host, c.conn, c.timer, c.action, c.atMs)
		tr := runCat(t, c.scenario, c.profile)
		found := false
		for _, e := range tr.Events {
			if e.Kind == trace.KindTimer && e.Host == c.host && e.Conn == c.conn && e.Timer == c.timer &&
				e.Action == c.action && e.T == int64(c.atMs*1000) && e.Expires == int64(c.expiresMs*1000) {
				found = true
			}
		}
		assert.True(t, found, name)
	}
}
