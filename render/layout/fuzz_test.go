package layout

import (
	"math"
	"testing"

	"finwait/core/trace"
	"finwait/render/source"
)

// FuzzLayout drives random traces (bursts, drops, crossing segments, timers, three hosts) through
// Prepare and Build at random moments: no panic, every coordinate finite, the warp monotone, and
// every arrow's hit region finds a packet.
func FuzzLayout(f *testing.F) {
	f.Add([]byte{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{255, 128, 7, 7, 7, 7, 1, 2, 3, 200, 100, 50})
	f.Fuzz(func(t *testing.T, data []byte) {
		tr := randomTrace(data)
		m := Prepare(tr, -1)
		for i := 1; i < len(m.Warp.Knots); i++ {
			if m.Warp.Knots[i].Y <= m.Warp.Knots[i-1].Y {
				t.Fatalf("warp not monotone at knot %d", i)
			}
		}
		for k := 0; k < 4; k++ {
			now := tr.EndUs * int64(k) / 3
			in := input(m, now, k%2 == 0)
			fr := Build(in, nil)
			for _, s := range fr.Shapes {
				for _, v := range []float64{s.P[0], s.P[1], s.P[2], s.P[3], s.Rect.X, s.Rect.Y, s.Rect.W, s.Rect.H} {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("non-finite coordinate in %+v", s)
					}
				}
			}
			for _, h := range fr.Hits {
				if h.Kind != HitPacket {
					continue
				}
				x, y := (h.Seg[0]+h.Seg[2])/2, (h.Seg[1]+h.Seg[3])/2
				if !fr.Lanes.Contains(x, y) {
					continue
				}
				if got, ok := fr.HitTest(x, y, 1); !ok || (got.Kind != HitPacket && got.Kind != HitCommand) {
					t.Fatalf("arrow midpoint %.0f,%.0f hits %+v", x, y, got)
				}
			}
		}
	})
}

func randomTrace(data []byte) *trace.Trace {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		v := int(data[0])
		data = data[1:]
		return v
	}
	hosts := []string{"A", "B"}
	if next()%3 == 0 {
		hosts = append(hosts, "C")
	}
	b := source.NewBuilder("fuzz", float64(1+next()%150), hosts...)
	conns := 1 + next()%3
	t := 0.0
	for c := 0; c < conns; c++ {
		b.Conn(c).Handshake(t, "A", hosts[1+c%(len(hosts)-1)])
	}
	states := []string{"ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE_WAIT", "LAST_ACK", "CLOSING", "CLOSE"}
	for len(data) > 0 {
		op := next()
		c := op % conns
		peer := hosts[1+c%(len(hosts)-1)]
		from, to := "A", peer
		if op&8 != 0 {
			from, to = peer, "A"
		}
		t += float64(next()) * float64(1+op%7) * 3
		b.Conn(c)
		switch op % 5 {
		case 0, 1:
			flags := []string{".", "P.", "F.", "FP.", "R.", "S."}[next()%6]
			n := 1 + next()%4
			for k := 0; k < n; k++ { // a burst
				b.Pkt(t, from, to, flags, int64(1+k*100), 1, (next()%2)*100, 502, op&16 != 0, "")
			}
		case 2:
			b.State(t, from, states[next()%len(states)], states[next()%len(states)], "tcp_fn")
		case 3:
			b.Timer(t, from, []string{"retransmit", "timewait", "delack", "keepalive"}[next()%4], "armed", t+float64(next())*10, "")
		case 4:
			b.Timer(t, from, []string{"retransmit", "timewait", "delack", "keepalive"}[next()%4], []string{"fired", "cancelled"}[next()%2], t, "")
		}
	}
	return b.Done(t + 1000)
}
