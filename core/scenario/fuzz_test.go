package scenario

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"finwait/core/wire"
)

// byteSource turns fuzz input into choices; it yields zeros once exhausted.
type byteSource struct {
	b []byte
	i int
}

func (s *byteSource) next() int {
	if s.i >= len(s.b) {
		return 0
	}
	s.i++
	return int(s.b[s.i-1])
}

func (s *byteSource) pick(n int) int { return s.next() % n }

// fuzzScenario builds a valid scenario from fuzz input: up to three connections from A to B, a
// random mix of application calls, socket options and sysctl changes, and random wire rules.
func fuzzScenario(data []byte) (Scenario, string) {
	src := &byteSource{b: data}
	var sc Scenario
	if src.pick(2) == 0 {
		sc = s0("fuzz", "", src.pick(2) == 0)
	} else {
		sc = s1("fuzz", "", src.pick(2) == 0)
	}
	sc.Name = "fuzz"
	if src.pick(3) == 0 {
		sc.Hosts[0].App = AppPolicy{Read: true, CloseOnEOF: dur(float64(src.pick(4) * 100))}
	}
	if src.pick(2) == 0 {
		sc.Hosts[1].App.Read = false
	}
	conns := 1 + src.pick(3)
	for c := 0; c < conns; c++ {
		sc = sc.with(connect(float64(src.pick(50)), "A", fmt.Sprintf("c%d", c), "B"))
	}
	sysctls := []struct{ name, v string }{
		{"tcp_fin_timeout", "1"}, {"tcp_fin_timeout", "90"}, {"tcp_orphan_retries", "1"},
		{"tcp_max_orphans", "0"}, {"tcp_max_tw_buckets", "0"}, {"tcp_tw_reuse", "1"},
		{"tcp_rfc1337", "1"}, {"tcp_timestamps", "0"}, {"ip_local_port_range", "40000 40001"},
		{"tcp_retries2", "3"},
	}
	for n := src.pick(3); n > 0; n-- {
		s := sysctls[src.pick(len(sysctls))]
		sc = sc.sys([]string{"A", "B"}[src.pick(2)], s.name, s.v)
	}
	ops := 4 + src.pick(20)
	for i := 0; i < ops; i++ {
		t := float64(60 + src.pick(250)*8)
		host := []string{"A", "B"}[src.pick(2)]
		conn := fmt.Sprintf("c%d", src.pick(conns))
		switch src.pick(11) {
		case 0, 1:
			sc = sc.with(send(t, host, conn, 1+src.pick(4)*700))
		case 2, 3:
			sc = sc.with(act(t, host, OpClose, conn))
		case 4:
			sc = sc.with(act(t, host, OpRecv, conn))
		case 5:
			sc = sc.with(withHow(act(t, host, OpShutdown, conn), []string{"SHUT_RD", "SHUT_WR", "SHUT_RDWR"}[src.pick(3)]))
		case 6:
			sc = sc.with(sockopt(t, host, conn, "SO_LINGER", 1, src.pick(3)))
		case 7:
			sc = sc.with(sockopt(t, host, conn, "TCP_LINGER2", src.pick(200)-50, 0))
		case 8:
			k := act(t, "A", OpKill, "")
			sc = sc.with(k)
		case 9:
			sc = sc.with(sockopt(t, host, conn, "SO_KEEPALIVE", 1, 0), sockopt(t, host, conn, "TCP_KEEPIDLE", 1+src.pick(5), 0))
		case 10:
			sc = sc.with(sysctl(t, host, "tcp_fin_timeout", fmt.Sprint(1+src.pick(100))))
		}
	}
	for n := src.pick(4); n > 0; n-- {
		r := wire.Rule{From: []string{"A", "B"}[src.pick(2)], Kind: []string{"", "fin", "ack", "data", "syn", "rst"}[src.pick(6)],
			Start: int64(src.pick(200)) * 8000, Action: wire.Drop}
		if src.pick(2) == 0 {
			r.Count = 1 + src.pick(4)
		}
		if src.pick(4) == 0 {
			r.Action, r.Extra = wire.Duplicate, int64(1+src.pick(50))*1000
		} else if src.pick(4) == 0 {
			r.Action, r.Extra = wire.Delay, int64(1+src.pick(50))*1000
		}
		sc.Wire.Rules = append(sc.Wire.Rules, r)
	}
	profile := []string{"modern", "2.6"}[src.pick(2)]
	// crafted segments last, so the inputs above keep their meaning: any flags, numbers around
	// what each end expects, with or without timestamps, on a conn or on a fresh 4-tuple
	for n := src.pick(4); n > 0; n-- {
		from := src.pick(2)
		a := act(float64(60+src.pick(250)*8), []string{"A", "B"}[from], OpInject, fmt.Sprintf("c%d", src.pick(conns)))
		a.To = []string{"B", "A"}[from]
		g := &InjectSpec{Flags: []string{"R", "R.", "S", "S.", ".", "F.", "P.", "FP.", "SF", "SR."}[src.pick(10)]}
		refs := []Ref{"", "next", "next+1", "next-1", "next+70000", "0", "1", "abs:7"}
		g.Seq = refs[src.pick(len(refs))]
		if strings.HasSuffix(g.Flags, ".") {
			g.Ack = refs[src.pick(len(refs))]
		}
		if strings.Contains(g.Flags, "P") {
			g.Len = 1 + src.pick(3)*600
		}
		if src.pick(3) == 0 {
			g.TS = &InjectTS{Val: []Ref{"now", "now-5000", "1"}[src.pick(3)], Ecr: []Ref{"echo", "0"}[src.pick(2)]}
		}
		if src.pick(4) == 0 { // on no conn: a fresh 4-tuple toward B's listener or a closed port
			a.Conn, g.Sport, g.Dport = "", 50000+src.pick(3), []int{5000, 6000}[src.pick(2)]
			if g.Seq == "" || strings.HasPrefix(string(g.Seq), "next") {
				g.Seq = "1000"
			}
			if strings.HasSuffix(g.Flags, ".") {
				g.Ack = "2000"
			}
			if g.TS != nil {
				g.TS.Ecr = "0"
			}
		}
		a.Segment = g
		sc = sc.with(a)
	}
	sc.Actions = sortActions(sc.Actions)
	return sc, profile
}

// FuzzEngine drives random action and drop sequences through the engine with every invariant
// checked after every event, and checks that a run is reproducible.
func FuzzEngine(f *testing.F) {
	for _, seed := range [][]byte{{}, {1, 2, 3, 4, 5, 6, 7, 8}, {0, 0, 2, 1, 9, 9, 200, 3, 3, 3, 7, 1},
		{1, 1, 1, 0, 3, 60, 2, 5, 9, 11, 4, 4, 4, 2, 7, 99, 1, 0, 3}, []byte("finwait closes connections"),
		[]byte("finwait injects crafted segments into closing connections, RST SYN FIN and data alike")} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, profile := fuzzScenario(data)
		opt := RunOptions{Profile: profile, Seed: 3, Check: true, MaxTime: 30 * 60 * 1_000_000}
		tr, err := Run(sc, opt)
		var ae *ActionError
		if errors.As(err, &ae) {
			return // an action the model refuses (a scenario error, not an engine one)
		}
		if errors.Is(err, ErrRunTooLong) {
			return // a generated loop that never ends: the scenario's fault, reported as such
		}
		if err != nil {
			js, _ := json.Marshal(sc)
			t.Fatalf("%s: %v\nscenario: %s", profile, err, js)
		}
		again, err := Run(sc, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Events) != len(again.Events) || tr.EndUs != again.EndUs {
			t.Fatalf("run not reproducible: %d/%d events, end %d/%d", len(tr.Events), len(again.Events), tr.EndUs, again.EndUs)
		}
	})
}
