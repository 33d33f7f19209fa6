package scenario

import (
	"strings"
	"testing"

	"finwait/core/trace"
	"finwait/core/wire"
)

// Closing a 2.6 listener with several half-open requests cancels their SYN-ACK timers in
// connection order on every run (they were cancelled in Go map order: three outputs in twenty
// runs).
func TestListenerCloseCancelsRequestsInOrder(t *testing.T) {
	sc := s1("half_open", "", false)
	sc.Wire.Rules = []wire.Rule{{From: "A", Kind: "ack", Action: wire.Drop}} // handshakes never complete
	for i, c := range []string{"c0", "c1", "c2", "c3", "c4"} {
		sc = sc.with(connect(float64(10+i), "A", c, "B"))
	}
	sc = sc.with(act(100, "B", OpClose, "L"))
	want := "c0 c1 c2 c3 c4"
	for run := 0; run < 20; run++ {
		tr, err := Run(sc, RunOptions{Profile: "2.6", Seed: 1, Check: true, MaxTime: 150_000})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range tr.Events {
			if e.Kind == trace.KindTimer && e.Host == "B" && e.Action == "cancelled" && e.T == int64(Ms(100)) {
				got = append(got, trace.ConnLabel(e.Conn))
			}
		}
		if strings.Join(got, " ") != want {
			t.Fatalf("run %d: B cancels timers of %v at 100 ms, want %s", run, got, want)
		}
	}
}
