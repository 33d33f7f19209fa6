package main

import (
	"fmt"
	"sort"

	"finwait/core/scenario"
	"finwait/core/wire"
)

// The harness's own copy of the catalog scenarios (spec §17), shaped exactly like
// core/scenario's types, used until the core's scenario.Lookup exists (see lookupScenario).
// Conventions: connections are named c0, c1 … in the order of their first SYN (so that the names
// of accepted sockets, which the harness derives from that order, agree); listeners are "lst".

func dur(ms float64) *scenario.Duration { d := scenario.Ms(ms); return &d }

// s0Hosts is §17.0's S0: A 10.0.0.1 client, B 10.0.0.2 server on 5000 that accepts and reads at
// once, HZ 250, tcp_fin_timeout 3 on both.
func s0Hosts(closeOnEOF *scenario.Duration) []scenario.HostSpec {
	return []scenario.HostSpec{
		{Name: "A", Addr: "10.0.0.1", HZ: 250, Sysctls: map[string]string{"tcp_fin_timeout": "3"}},
		{Name: "B", Addr: "10.0.0.2", HZ: 250, Sysctls: map[string]string{"tcp_fin_timeout": "3"},
			App: scenario.AppPolicy{Accept: true, Read: true, CloseOnEOF: closeOnEOF}},
	}
}

func s0Start() []scenario.Action {
	return []scenario.Action{
		{At: 0, Host: "B", Op: scenario.OpListen, Conn: "lst", Port: 5000},
		{At: 0, Host: "A", Op: scenario.OpConnect, Conn: "c0", To: "B", Port: 5000},
	}
}

func withActions(base []scenario.Action, more ...scenario.Action) []scenario.Action {
	out := append(append([]scenario.Action(nil), base...), more...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
	return out
}

var localCatalog = map[string]scenario.Scenario{
	"normal_active_close": {
		Name:    "normal_active_close",
		Summary: "A sends 100 bytes, B reads them; A close(); B reads EOF and close()s at once",
		Hosts:   s0Hosts(dur(0)),
		Wire:    scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(500), Host: "A", Op: scenario.OpClose, Conn: "c0"},
		),
	},
	"close_with_unread_data": {
		Name:    "close_with_unread_data",
		Summary: "B sends 100 bytes; A never reads and close()s: RST",
		Hosts: []scenario.HostSpec{
			{Name: "A", Addr: "10.0.0.1", HZ: 250, Sysctls: map[string]string{"tcp_fin_timeout": "3"}},
			{Name: "B", Addr: "10.0.0.2", HZ: 250, Sysctls: map[string]string{"tcp_fin_timeout": "3"},
				App: scenario.AppPolicy{Accept: true}},
		},
		Wire: scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(200), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(500), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(600), Host: "B", Op: scenario.OpRecv, Conn: "c0"},
			scenario.Action{At: scenario.Ms(700), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 10},
			scenario.Action{At: scenario.Ms(800), Host: "B", Op: scenario.OpClose, Conn: "c0"},
		),
	},
	"linger_zero": {
		Name:    "linger_zero",
		Summary: "A sends 100 bytes; SO_LINGER {1,0}; close(): RST",
		Hosts:   s0Hosts(nil),
		Wire:    scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(500), Host: "A", Op: scenario.OpSetsockopt, Conn: "c0", Opt: "SO_LINGER", Value: 1, Value2: 0},
			scenario.Action{At: scenario.Ms(500), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(700), Host: "B", Op: scenario.OpClose, Conn: "c0"},
		),
	},
	"linger_timeout": {
		Name:    "linger_timeout",
		Summary: "SO_LINGER {1,2}; B→A dropped 200–2550; A sends 1000 bytes and close()s",
		Hosts:   s0Hosts(nil),
		Wire: scenario.WireSpec{Delay: scenario.Ms(20), Rules: []wire.Rule{
			{From: "B", To: "A", Start: 200000, End: 2550000, Action: wire.Drop}}},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(100), Host: "A", Op: scenario.OpSetsockopt, Conn: "c0", Opt: "SO_LINGER", Value: 1, Value2: 2},
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpSend, Conn: "c0", Bytes: 1000},
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(4100), Host: "B", Op: scenario.OpClose, Conn: "c0"},
		),
	},
	"simultaneous_close": {
		Name:    "simultaneous_close",
		Summary: "both close() at 800 with 100 ms one-way delay: the FINs cross",
		Hosts:   s0Hosts(nil),
		Wire:    scenario.WireSpec{Delay: scenario.Ms(100)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(800), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(800), Host: "B", Op: scenario.OpClose, Conn: "c0"},
		),
	},
	"half_close_shutdown_wr": {
		Name:    "half_close_shutdown_wr",
		Summary: "A shutdown(SHUT_WR); B sends 3 × 100 bytes; B close(); A close()",
		Hosts: func() []scenario.HostSpec {
			h := s0Hosts(nil)
			h[0].App.Read = true
			return h
		}(),
		Wire: scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpShutdown, Conn: "c0", How: "SHUT_WR"},
			scenario.Action{At: scenario.Ms(500), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(600), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(700), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(800), Host: "B", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(1000), Host: "A", Op: scenario.OpClose, Conn: "c0"},
		),
	},
	"fin_wait2_timeout": {
		Name:    "fin_wait2_timeout",
		Summary: "tcp_fin_timeout 3; A close(); B never closes; at 3900 B writes 100 bytes",
		Hosts:   s0Hosts(nil),
		Wire:    scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(3900), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(4100), Host: "B", Op: scenario.OpRecv, Conn: "c0"},
			scenario.Action{At: scenario.Ms(4150), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
		),
	},
	"linger2_negative": {
		Name:    "linger2_negative",
		Summary: "A TCP_LINGER2 −1 and close(): RST instead of FIN_WAIT2",
		Hosts:   s0Hosts(nil),
		Wire:    scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpSetsockopt, Conn: "c0", Opt: "TCP_LINGER2", Value: -1},
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(500), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 10},
		),
	},
	"linger2_long": {
		Name:    "linger2_long",
		Summary: "c0 TCP_LINGER2 200 (capped 120 s), c1 TCP_LINGER2 10; B writes on c0 at 1800, closes c1 at 2100",
		Hosts:   s0Hosts(nil),
		Wire:    scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(100), Host: "A", Op: scenario.OpConnect, Conn: "c1", To: "B", Port: 5000},
			scenario.Action{At: scenario.Ms(300), Host: "A", Op: scenario.OpSetsockopt, Conn: "c0", Opt: "TCP_LINGER2", Value: 200},
			scenario.Action{At: scenario.Ms(300), Host: "A", Op: scenario.OpSetsockopt, Conn: "c1", Opt: "TCP_LINGER2", Value: 10},
			scenario.Action{At: scenario.Ms(300), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(300), Host: "A", Op: scenario.OpClose, Conn: "c1"},
			scenario.Action{At: scenario.Ms(1800), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(2100), Host: "B", Op: scenario.OpClose, Conn: "c1"},
		),
	},
	"fin_lost_orphan_retries": {
		Name:    "fin_lost_orphan_retries",
		Summary: "tcp_orphan_retries 2; every B→A segment dropped 200–2250; A close(); B closes at 2250",
		Hosts: func() []scenario.HostSpec {
			h := s0Hosts(nil)
			h[0].Sysctls = map[string]string{"tcp_fin_timeout": "3", "tcp_orphan_retries": "2"}
			return h
		}(),
		Wire: scenario.WireSpec{Delay: scenario.Ms(20), Rules: []wire.Rule{
			{From: "B", To: "A", Start: 200000, End: 2250000, Action: wire.Drop}}},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(2250), Host: "B", Op: scenario.OpClose, Conn: "c0"},
		),
	},
	"listener_close_with_pending": {
		Name:    "listener_close_with_pending",
		Summary: "A listens (backlog 8), never accepts; two clients from B; A closes the listener",
		Hosts: []scenario.HostSpec{
			{Name: "A", Addr: "10.0.0.1", HZ: 250, Sysctls: map[string]string{"tcp_fin_timeout": "3"}},
			{Name: "B", Addr: "10.0.0.2", HZ: 250, Sysctls: map[string]string{"tcp_fin_timeout": "3"}},
		},
		Wire: scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: []scenario.Action{
			{At: 0, Host: "A", Op: scenario.OpListen, Conn: "lst", Port: 5000, Backlog: 8},
			{At: 0, Host: "B", Op: scenario.OpConnect, Conn: "c0", To: "A", Port: 5000},
			{At: scenario.Ms(90), Host: "B", Op: scenario.OpConnect, Conn: "c1", To: "A", Port: 5000},
			{At: scenario.Ms(180), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 10},
			{At: scenario.Ms(500), Host: "A", Op: scenario.OpClose, Conn: "lst"},
			{At: scenario.Ms(700), Host: "B", Op: scenario.OpRecv, Conn: "c0"},
			{At: scenario.Ms(700), Host: "B", Op: scenario.OpRecv, Conn: "c1"},
			{At: scenario.Ms(750), Host: "B", Op: scenario.OpSend, Conn: "c0", Bytes: 1},
			{At: scenario.Ms(750), Host: "B", Op: scenario.OpSend, Conn: "c1", Bytes: 1},
		},
	},
	"tw_buckets_overflow": {
		Name:    "tw_buckets_overflow",
		Summary: "A tcp_max_tw_buckets 0; normal_active_close otherwise",
		Hosts: func() []scenario.HostSpec {
			h := s0Hosts(dur(0))
			h[0].Sysctls = map[string]string{"tcp_fin_timeout": "3", "tcp_max_tw_buckets": "0"}
			return h
		}(),
		Wire: scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(500), Host: "A", Op: scenario.OpClose, Conn: "c0"},
		),
	},
	"tw_reuse_connect": {
		Name:    "tw_reuse_connect",
		Summary: "one local port; TIME_WAIT; connect again with tcp_tw_reuse 0, 2, then 1 every 100 ms",
		Hosts: func() []scenario.HostSpec {
			h := s0Hosts(dur(0))
			h[0].Sysctls = map[string]string{"tcp_fin_timeout": "3", "ip_local_port_range": "40000 40000", "tcp_tw_reuse": "0"}
			return h
		}(),
		Wire: scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(s0Start(),
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpSend, Conn: "c0", Bytes: 100},
			scenario.Action{At: scenario.Ms(400), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(560), Host: "A", Op: scenario.OpConnect, Conn: "r0", To: "B", Port: 5000},
			scenario.Action{At: scenario.Ms(560), Host: "A", Op: scenario.OpSysctl, Name: "tcp_tw_reuse", Setting: "2"},
			scenario.Action{At: scenario.Ms(560), Host: "A", Op: scenario.OpConnect, Conn: "r1", To: "B", Port: 5000},
			scenario.Action{At: scenario.Ms(560), Host: "A", Op: scenario.OpSysctl, Name: "tcp_tw_reuse", Setting: "1"},
			scenario.Action{At: scenario.Ms(560), Host: "A", Op: scenario.OpConnect, Conn: "c1", To: "B", Port: 5000,
				RetryEvery: scenario.Ms(100), CloseAfter: dur(40)},
		),
	},
}

// lookupScenario finds a catalog scenario: the harness's local copy until the core's catalog
// (scenario.Lookup) is merged; see model.go.
func lookupScenario(name string) (scenario.Scenario, bool) {
	if sc, ok := coreLookup(name); ok {
		return sc, true
	}
	sc, ok := localCatalog[name]
	return sc, ok
}

func scenarioNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range coreNames() {
		seen[n] = true
		out = append(out, n)
	}
	for n := range localCatalog {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for n := range metas { // catalog scenarios the harness knows of but has no definition for
		if !seen[n] {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// pendingSendHosts is §17.5's small-buffer setup: B's app does not read at first.
func pendingSendHosts() []scenario.HostSpec {
	h := s0Hosts(nil)
	h[1].App.Read = false
	return h
}

// pendingSendStart sets the buffers before listen()/connect() (SO_RCVBUF 2048 on B's listener
// gives a 1448-byte window without window scaling; SO_SNDBUF 4096 on A).
func pendingSendStart() []scenario.Action {
	return []scenario.Action{
		{At: 0, Host: "B", Op: scenario.OpSetsockopt, Conn: "lst", Opt: "SO_RCVBUF", Value: 2048},
		{At: 0, Host: "B", Op: scenario.OpListen, Conn: "lst", Port: 5000},
		{At: 0, Host: "A", Op: scenario.OpSetsockopt, Conn: "c0", Opt: "SO_SNDBUF", Value: 4096},
		{At: 0, Host: "A", Op: scenario.OpConnect, Conn: "c0", To: "B", Port: 5000},
	}
}

func init() {
	localCatalog["fin_after_pending_send"] = scenario.Scenario{
		Name:    "fin_after_pending_send",
		Summary: "B: SO_RCVBUF 2048, not reading; A: SO_SNDBUF 4096 fills until EAGAIN, close(); B reads later to EOF",
		Hosts:   pendingSendHosts(),
		Wire:    scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(pendingSendStart(),
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpSend, Conn: "c0", NonBlock: true, Chunk: 1024},
			scenario.Action{At: scenario.Ms(1100), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(1800), Host: "B", Op: scenario.OpReadLoop, Conn: "c0", Bytes: 1000,
				Every: scenario.Ms(20), CloseAfter: dur(300)},
		),
	}
	localCatalog["kill9_with_pending_send"] = scenario.Scenario{
		Name:    "kill9_with_pending_send",
		Summary: "as fin_after_pending_send, but a child process owns A's socket and is killed with SIGKILL",
		Hosts:   pendingSendHosts(),
		Wire:    scenario.WireSpec{Delay: scenario.Ms(20)},
		Actions: withActions(pendingSendStart(),
			scenario.Action{At: scenario.Ms(100), Host: "A", Op: scenario.OpFork, Child: "child"},
			scenario.Action{At: scenario.Ms(200), Host: "A", Proc: "child", Op: scenario.OpSend, Conn: "c0", NonBlock: true, Chunk: 1024},
			scenario.Action{At: scenario.Ms(200), Host: "A", Op: scenario.OpClose, Conn: "c0"},
			scenario.Action{At: scenario.Ms(1100), Host: "A", Proc: "child", Op: scenario.OpKill},
			scenario.Action{At: scenario.Ms(1800), Host: "B", Op: scenario.OpReadLoop, Conn: "c0", Bytes: 1000,
				Every: scenario.Ms(20), CloseAfter: dur(300)},
		),
	}
	// §17.18 on S1: 1 ms one-way, HZ 1000, tcp_fin_timeout at its default.
	s1 := []scenario.HostSpec{
		{Name: "A", Addr: "10.0.0.1", Sysctls: map[string]string{"ip_local_port_range": "40000 40003"}},
		{Name: "B", Addr: "10.0.0.2", App: scenario.AppPolicy{Accept: true, Read: true, CloseOnEOF: dur(0)}},
	}
	pe := []scenario.Action{{At: 0, Host: "B", Op: scenario.OpListen, Conn: "lst", Port: 5000}}
	for i := 0; i < 5; i++ {
		pe = append(pe, scenario.Action{At: scenario.Ms(float64(100 * i)), Host: "A", Op: scenario.OpConnect,
			Conn: fmt.Sprintf("c%d", i), To: "B", Port: 5000, CloseAfter: dur(10)})
	}
	localCatalog["port_exhaustion"] = scenario.Scenario{
		Name:    "port_exhaustion",
		Summary: "four local ports; short connections closed by A until connect() fails with EADDRNOTAVAIL",
		Hosts:   s1,
		Wire:    scenario.WireSpec{Delay: scenario.Ms(1)},
		Actions: pe,
	}
}

func init() {
	// §17.16 on S1; tcp_max_orphans is host-wide: recorded only with -global-sysctls.
	oo := []scenario.Action{{At: 0, Host: "B", Op: scenario.OpListen, Conn: "lst", Port: 5000}}
	for i := 0; i < 4; i++ {
		oo = append(oo, scenario.Action{At: 0, Host: "A", Op: scenario.OpConnect, Conn: fmt.Sprintf("c%d", i), To: "B", Port: 5000})
	}
	for i := 0; i < 4; i++ {
		oo = append(oo, scenario.Action{At: scenario.Ms(float64(20 + i)), Host: "A", Op: scenario.OpClose, Conn: fmt.Sprintf("c%d", i)})
	}
	localCatalog["orphan_overflow"] = scenario.Scenario{
		Name:    "orphan_overflow",
		Summary: "tcp_max_orphans 2 on A; B→A dropped from 15 ms; A closes four connections: reset at their first RTO",
		Hosts: []scenario.HostSpec{
			{Name: "A", Addr: "10.0.0.1", Sysctls: map[string]string{"tcp_max_orphans": "2"}},
			{Name: "B", Addr: "10.0.0.2", App: scenario.AppPolicy{Accept: true, Read: true}},
		},
		Wire: scenario.WireSpec{Delay: scenario.Ms(1), Rules: []wire.Rule{
			{From: "B", To: "A", Start: 15000, Action: wire.Drop}}},
		Actions: oo,
		// horizon: meta (1.5 s)
	}
}
