package scenario

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/wire"
)

// The catalog in Go: spec §17's teaching scenarios, each exactly as §17 sets it up (§17.0: S0 is a 20 ms
// one-way wire, HZ 250 and tcp_fin_timeout = 3 on both hosts; S1 a 1 ms wire, HZ 1000 and the
// default tcp_fin_timeout).

func dur(ms float64) *Duration { d := Ms(ms); return &d }

func act(ms float64, host string, op Op, conn string) Action {
	return Action{At: Ms(ms), Host: host, Op: op, Conn: conn}
}

func connect(ms float64, host, conn, to string) Action {
	a := act(ms, host, OpConnect, conn)
	a.To, a.Port = to, 5000
	return a
}

func send(ms float64, host, conn string, n int) Action {
	a := act(ms, host, OpSend, conn)
	a.Bytes = n
	return a
}

func sockopt(ms float64, host, conn, opt string, v, v2 int) Action {
	a := act(ms, host, OpSetsockopt, conn)
	a.Opt, a.Value, a.Value2 = opt, v, v2
	return a
}

func sysctl(ms float64, host, name, v string) Action {
	a := act(ms, host, OpSysctl, "")
	a.Name, a.Setting = name, v
	return a
}

func listen(ms float64, host string, port, backlog int) Action {
	a := act(ms, host, OpListen, "L")
	a.Port, a.Backlog = port, backlog
	return a
}

// s0 is §17.0's S0: A (client, 10.0.0.1) and B (server, 10.0.0.2:5000, accepting and reading at
// once), 20 ms each way, HZ 250, tcp_fin_timeout 3 on both.
func s0(name, summary string, closeOnEOF bool) Scenario {
	b := AppPolicy{Accept: true, Read: true}
	if closeOnEOF {
		b.CloseOnEOF = dur(0)
	}
	return Scenario{Name: name, Summary: summary,
		Hosts: []HostSpec{
			{Name: "A", Addr: "10.0.0.1", HZ: 250, Sysctls: map[string]string{"tcp_fin_timeout": "3"}},
			{Name: "B", Addr: "10.0.0.2", HZ: 250, Sysctls: map[string]string{"tcp_fin_timeout": "3"}, App: b},
		},
		Wire:    WireSpec{Delay: Ms(20)},
		Actions: []Action{listen(0, "B", 5000, 128)},
	}
}

// s1 is §17.0's S1: as S0 with a 1 ms wire, HZ 1000 and the default tcp_fin_timeout.
func s1(name, summary string, closeOnEOF bool) Scenario {
	sc := s0(name, summary, closeOnEOF)
	sc.Wire.Delay = Ms(1)
	for i := range sc.Hosts {
		sc.Hosts[i].HZ = 1000
		sc.Hosts[i].Sysctls = nil // the defaults (nil, as catalog.json gives it)
	}
	return sc
}

func (sc Scenario) with(actions ...Action) Scenario {
	sc.Actions = append(append([]Action(nil), sc.Actions...), actions...)
	return sc
}

func (sc Scenario) sys(host, name, v string) Scenario {
	sc = sc.Clone()
	for i := range sc.Hosts {
		if sc.Hosts[i].Name == host {
			m := map[string]string{}
			for k, x := range sc.Hosts[i].Sysctls { // map order: a copy
				m[k] = x
			}
			m[name] = v
			sc.Hosts[i].Sysctls = m
		}
	}
	return sc
}

func (sc Scenario) policy(host string, p AppPolicy) Scenario {
	sc = sc.Clone()
	for i := range sc.Hosts {
		if sc.Hosts[i].Name == host {
			sc.Hosts[i].App = p
		}
	}
	return sc
}

func dropFrom(from, to string, startMs, endMs float64) wire.Rule {
	r := wire.Rule{From: from, To: to, Start: int64(startMs * 1000), Action: wire.Drop}
	if endMs > 0 {
		r.End = int64(endMs * 1000)
	}
	return r
}

func build() []Scenario {
	var cat []Scenario

	// §17.1
	cat = append(cat, s0("normal_active_close", "A sends 100 bytes and closes; B reads EOF and closes at once: FIN, FIN, ACK and 60 s of TIME_WAIT on A", true).with(
		connect(0, "A", "c0", "B"), send(200, "A", "c0", 100), act(500, "A", OpClose, "c0")))

	// §17.2
	cat = append(cat, s0("close_with_unread_data", "A closes while 100 bytes B sent are unread: RST instead of FIN (TCPAbortOnClose)", false).with(
		connect(0, "A", "c0", "B"), send(200, "B", "c0", 100), act(500, "A", OpClose, "c0"),
		act(700, "B", OpRecv, "c0"), send(710, "B", "c0", 10), act(720, "B", OpClose, "c0")))

	// §17.3
	cat = append(cat, s0("linger_zero", "SO_LINGER {1, 0}: close() aborts with RST at once, no TIME_WAIT (TCPAbortOnData)", false).with(
		connect(0, "A", "c0", "B"), send(200, "A", "c0", 100),
		sockopt(500, "A", "c0", "SO_LINGER", 1, 0), act(500, "A", OpClose, "c0"),
		act(700, "B", OpRecv, "c0"), act(710, "B", OpClose, "c0")))

	// §17.4
	lt := s0("linger_timeout", "SO_LINGER {1, 2} while B's ACKs are lost: close() blocks 2 s, then the orphan retransmits until it gets through", false).with(
		sockopt(0, "A", "c0", "SO_LINGER", 1, 2), connect(0, "A", "c0", "B"),
		send(200, "A", "c0", 1000), act(200, "A", OpClose, "c0"), act(4100, "B", OpClose, "c0"))
	lt.Wire.Rules = []wire.Rule{dropFrom("B", "A", 200, 2550)}
	cat = append(cat, lt)

	// §17.5
	fp := pendingSend("fin_after_pending_send", "A fills a zero window, then closes: FIN_WAIT1 at once, the FIN waits behind 2772 unsent bytes and rides on the last one", false)
	cat = append(cat, fp)

	// §17.6
	sim := s0("simultaneous_close", "Both close at the same instant on a 100 ms wire: the FINs cross, both go through CLOSING to TIME_WAIT", false).with(
		connect(0, "A", "c0", "B"), act(800, "A", OpClose, "c0"), act(800, "B", OpClose, "c0"))
	sim.Wire.Delay = Ms(100)
	cat = append(cat, sim)

	// §17.7
	cat = append(cat, s0("half_close_shutdown_wr", "A shutdown(SHUT_WR): B keeps sending 3 × 100 bytes to the half-closed A, then closes", false).
		policy("A", AppPolicy{Read: true}).with(
		connect(0, "A", "c0", "B"), withHow(act(200, "A", OpShutdown, "c0"), "SHUT_WR"),
		send(500, "B", "c0", 100), send(600, "B", "c0", 100), send(700, "B", "c0", 100),
		act(800, "B", OpClose, "c0"), act(1000, "A", OpClose, "c0")))

	// §17.8
	cat = append(cat, s0("fin_wait2_timeout", "tcp_fin_timeout 3 s: A's FIN_WAIT2 ends silently; B's late data meets a reply RST (EPIPE)", false).with(
		connect(0, "A", "c0", "B"), act(200, "A", OpClose, "c0"), send(3900, "B", "c0", 100),
		act(4000, "B", OpRecv, "c0"), send(4010, "B", "c0", 10)))

	// §17.9 (a)
	cat = append(cat, s0("linger2_negative", "TCP_LINGER2 = -1: no FIN_WAIT2 at all; the ACK of A's FIN is answered by an RST (TCPAbortOnData)", false).with(
		sockopt(0, "A", "c0", "TCP_LINGER2", -1, 0), connect(0, "A", "c0", "B"), act(200, "A", OpClose, "c0"),
		send(400, "B", "c0", 10)))

	// §17.10
	cat = append(cat, s0("linger2_long", "TCP_LINGER2 200 (capped at 120 s) keeps a full FIN_WAIT2 orphan on the keepalive timer; TCP_LINGER2 10 a 10 s TIME_WAIT socket", false).with(
		connect(0, "A", "c0", "B"), connect(100, "A", "c1", "B"),
		sockopt(300, "A", "c0", "TCP_LINGER2", 200, 0), sockopt(300, "A", "c1", "TCP_LINGER2", 10, 0),
		act(300, "A", OpClose, "c0"), act(300, "A", OpClose, "c1"),
		send(1800, "B", "c0", 100), act(2100, "B", OpClose, "c1")))

	// §17.11
	fl := s0("fin_lost_orphan_retries", "tcp_orphan_retries 2 and every ACK from B lost: the orphan re-sends its FIN, then gives up without RST", false).
		sys("A", "tcp_orphan_retries", "2").with(
		connect(0, "A", "c0", "B"), act(200, "A", OpClose, "c0"), act(2250, "B", OpClose, "c0"))
	fl.Wire.Rules = []wire.Rule{dropFrom("B", "A", 200, 2250)}
	cat = append(cat, fl)

	// §17.12: A is the server here.
	lc := s0("listener_close_with_pending", "A closes a listener with two connections never accepted: each child is reset, one with 10 unread bytes", false)
	lc.Actions = nil
	lc = lc.policy("A", AppPolicy{}).policy("B", AppPolicy{Read: true}).with(
		listen(0, "A", 5000, 8), connect(0, "B", "c0", "A"), connect(90, "B", "c1", "A"),
		send(180, "B", "c0", 10), act(500, "A", OpClose, "L"))
	cat = append(cat, lc)

	// §17.13
	cat = append(cat, s0("tw_buckets_overflow", "tcp_max_tw_buckets 0: the active closer gets no TIME_WAIT socket at all", true).
		sys("A", "tcp_max_tw_buckets", "0").with(
		connect(0, "A", "c0", "B"), send(200, "A", "c0", 100), act(500, "A", OpClose, "c0")))

	// §17.14
	rc := connect(560, "A", "c1", "B")
	rc.RetryEvery, rc.CloseAfter = Ms(100), dur(40)
	cat = append(cat, s0("tw_reuse_connect", "One ephemeral port in TIME_WAIT: connect() fails with tcp_tw_reuse 0 and 2, succeeds with 1 once the TIME_WAIT socket is over 1 s old", true).
		sys("A", "ip_local_port_range", "40000 40000").sys("A", "tcp_tw_reuse", "0").with(
		connect(0, "A", "c0", "B"), send(200, "A", "c0", 100), act(400, "A", OpClose, "c0"),
		connect(560, "A", "c1", "B"), sysctl(560, "A", "tcp_tw_reuse", "2"), connect(560, "A", "c1", "B"),
		sysctl(560, "A", "tcp_tw_reuse", "1"), rc))

	// §17.15
	cat = append(cat, pendingSend("kill9_with_pending_send", "As fin_after_pending_send, but the process holding A's socket is killed with SIGKILL: the queued data still arrives", true))

	// §17.16
	oo := s1("orphan_overflow", "tcp_max_orphans 2 and four orphans whose ACKs are lost: the stale 100 ms orphan count resets all four at their first RTO", false).
		sys("A", "tcp_max_orphans", "2")
	for i := 0; i < 4; i++ {
		oo = oo.with(connect(float64(i), "A", fmt.Sprintf("c%d", i), "B"))
	}
	for i := 0; i < 4; i++ {
		oo = oo.with(act(float64(20+i), "A", OpClose, fmt.Sprintf("c%d", i)))
	}
	oo.Wire.Rules = []wire.Rule{dropFrom("B", "A", 15, 0)}
	cat = append(cat, oo)

	// §17.17
	cat = append(cat, twRecycleNAT())

	// §17.18
	pe := s1("port_exhaustion", "Four ephemeral ports and short connections closed by A: TIME_WAIT holds them all and connect() fails, until tcp_tw_reuse 1", true).
		sys("A", "ip_local_port_range", "40000 40003")
	for i := 0; i < 4; i++ {
		c := fmt.Sprintf("c%d", i)
		pe = pe.with(connect(float64(100*i), "A", c, "B"), act(float64(100*i+10), "A", OpClose, c))
	}
	again := connect(600, "A", "c4", "B")
	again.RetryEvery, again.CloseAfter = Ms(20), dur(10)
	l2 := listen(0, "B", 5001, 128)
	l2.Conn = "L2"
	other := connect(400, "A", "other", "B") // §17.18: another 4-tuple, so a port is free
	other.Port = 5001
	pe = pe.with(l2, connect(400, "A", "fail", "B"), other, sysctl(500, "A", "tcp_tw_reuse", "1"), again)
	cat = append(cat, pe)
	return cat
}

func withHow(a Action, how string) Action { a.How = how; return a }

// pendingSend is §17.5's setup; kill swaps close() for §17.15's SIGKILL of a child process.
func pendingSend(name, summary string, kill bool) Scenario {
	const tf = 200.0
	sc := s0(name, summary, false).policy("B", AppPolicy{Accept: true})
	sc.Actions = nil
	rl := act(tf+1600, "B", OpReadLoop, "c0")
	rl.Bytes, rl.Every, rl.CloseAfter = 1000, Ms(20), dur(300)
	writes := send(tf, "A", "c0", 0)
	writes.NonBlock, writes.Chunk = true, 1024
	sc = sc.with(sockopt(0, "B", "L", "SO_RCVBUF", 2048, 0), listen(0, "B", 5000, 128),
		sockopt(0, "A", "c0", "SO_SNDBUF", 4220, 0), connect(0, "A", "c0", "B"))
	if kill {
		for i := range sc.Actions {
			if sc.Actions[i].Host == "A" {
				sc.Actions[i].Proc = "parent"
			}
		}
		fork := act(tf, "A", OpFork, "")
		fork.Proc, fork.Child = "parent", "child"
		writes.Proc = "child"
		closeParent := act(tf, "A", OpClose, "c0")
		closeParent.Proc = "parent"
		k := act(tf+900, "A", OpKill, "")
		k.Proc = "child"
		return sc.with(fork, writes, closeParent, k, rl)
	}
	return sc.with(writes, act(tf+900, "A", OpClose, "c0"), rl)
}

func twRecycleNAT() Scenario {
	sc := Scenario{Name: "tw_recycle_nat", Profiles: []string{"2.6"},
		Summary: "tw_recycle on B and two clients behind one NAT with unrelated timestamp clocks: the second client's SYNs are dropped (PAWSPassive)",
		Hosts: []HostSpec{
			{Name: "H1", Addr: "10.0.1.11", TSClockOffsetMs: 1_000_000, App: AppPolicy{Read: true, CloseOnEOF: dur(0)}},
			{Name: "H2", Addr: "10.0.1.12", App: AppPolicy{Read: true, CloseOnEOF: dur(0)}},
			{Name: "B", Addr: "10.0.0.2", Sysctls: map[string]string{"tcp_tw_recycle": "1"}, App: AppPolicy{Accept: true, Read: true}},
		},
		Wire: WireSpec{Delay: Ms(1), NAT: &wire.NAT{Addr: "10.0.0.1", Hosts: []string{"H1", "H2"}, Ports: map[string]int{"H1": 40001, "H2": 40002}}},
	}
	return sc.with(listen(0, "B", 5000, 128), connect(0, "H1", "c0", "B"), send(5, "H1", "c0", 10),
		send(10, "B", "c0", 10), act(20, "B", OpClose, "c0"), connect(1000, "H2", "c1", "B"))
}

var updateCatalog = flag.Bool("update", false, "rewrite catalog.json from build()")

// TestCatalogFile: catalog.json, which the program reads, is build()'s catalog value for value
// (nil and empty alike), and is the file json.MarshalIndent writes for it; -update rewrites it.
func TestCatalogFile(t *testing.T) {
	want := build()
	js, err := json.MarshalIndent(want, "", "  ")
	require.NoError(t, err)
	js = append(js, '\n')
	if *updateCatalog {
		require.NoError(t, os.WriteFile("catalog.json", js, 0o644))
	}
	assert.Equal(t, string(js), string(catalogFile), "catalog.json is not build()'s catalog: go test ./core/scenario -run TestCatalogFile -update")
	require.Equal(t, want, loadCatalog())
}
