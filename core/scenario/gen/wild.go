package gen

import (
	"sort"
	"strconv"

	"finwait/core/scenario"
	"finwait/core/wire"
)

// wildSysctls are settings with extreme but legal values (some exist in one profile only: a run
// in the other is refused with a message).
var wildSysctls = []struct {
	name string
	vals []string
}{
	{"tcp_fin_timeout", []string{"-1", "0", "1", "3", "60", "100000"}},
	{"tcp_orphan_retries", []string{"0", "1", "255"}},
	{"tcp_max_orphans", []string{"0", "1", "2"}},
	{"tcp_max_tw_buckets", []string{"0", "1", "2147483647"}},
	{"tcp_tw_reuse", []string{"0", "1", "2"}},
	{"tcp_timestamps", []string{"0", "1", "2"}},
	{"tcp_rfc1337", []string{"0", "1"}},
	{"tcp_retries2", []string{"0", "1", "3", "255"}},
	{"tcp_keepalive_time", []string{"1", "7200"}},
	{"tcp_keepalive_intvl", []string{"1", "75"}},
	{"tcp_keepalive_probes", []string{"0", "1", "255"}},
	{"tcp_abort_on_overflow", []string{"0", "1"}},
	{"tcp_syncookies", []string{"0", "1", "2"}},
	{"tcp_syn_retries", []string{"1", "2", "127"}},
	{"tcp_synack_retries", []string{"0", "1", "255"}},
	{"tcp_sack", []string{"0", "1"}},
	{"tcp_retrans_collapse", []string{"0", "1"}},
	{"tcp_memory_pressure", []string{"0", "1"}},
	{"ip_local_port_range", []string{"1 1", "40000 40000", "1024 65535", "65535 65535"}},
}

// oneProfileSysctls exist in one profile only: a scenario with one is refused in the other.
var oneProfileSysctls = []struct {
	name string
	vals []string
}{
	{"tcp_tw_reuse_delay", []string{"1", "60000"}},     // modern only
	{"tcp_early_retrans", []string{"0", "4"}},          // modern only
	{"tcp_invalid_ratelimit", []string{"0", "100000"}}, // modern only
	{"tcp_tw_recycle", []string{"0", "1"}},             // 2.6 only
}

var wildOpts = []struct {
	name string
	vals []int
}{
	{"SO_LINGER", []int{0, 1}},
	{"TCP_LINGER2", []int{-2147483648, -1, 0, 1, 119, 120, 121, 2147483647}},
	{"SO_REUSEADDR", []int{0, 1}},
	{"SO_KEEPALIVE", []int{0, 1}},
	{"TCP_KEEPIDLE", []int{0, 1, 32767, 32768}},
	{"TCP_KEEPINTVL", []int{0, 1, 32767}},
	{"TCP_KEEPCNT", []int{0, 1, 127, 128}},
	{"TCP_USER_TIMEOUT", []int{-1, 0, 1, 100, 2147483647}},
	{"SO_RCVBUF", []int{-1, 0, 1, 1448, 2048, 212992, 2147483647}},
	{"SO_SNDBUF", []int{-1, 0, 1, 1448, 4220, 2147483647}},
}

func (g *gen) wild(seed uint64) scenario.Scenario {
	sc := scenario.Scenario{Name: "wild_" + strconv.FormatUint(seed, 10),
		Summary: "random wild scenario (finwait gen -wild -seed " + strconv.FormatUint(seed, 10) + ")",
		Hosts:   hosts()}
	names := []string{"A", "B"}
	if g.chance(0.2) {
		sc.Hosts = append(sc.Hosts, scenario.HostSpec{Name: "C", Addr: "10.0.0.3"})
		names = append(names, "C")
	}
	for i := range sc.Hosts {
		h := &sc.Hosts[i]
		h.HZ = g.pick1([]int{0, 1, 100, 250, 300, 1000, 10000})
		h.App = scenario.AppPolicy{Accept: g.chance(0.7), Read: g.chance(0.6), Reply: g.pick1([]int{0, 0, 0, 0, 0, 0, 0, 0, 1, 5000}), CloseOnData: g.chance(0.1)}
		if g.chance(0.4) {
			h.App.CloseOnEOF = durp(g.wildDur())
		}
		if g.chance(0.1) {
			h.TSClockOffsetMs = int64(g.pick1([]int{-1000000, -1, 1, 4000000}))
		}
		for n := g.n(4); n > 0; n-- {
			s := wildSysctls[g.n(len(wildSysctls))]
			if g.chance(0.03) {
				s = oneProfileSysctls[g.n(len(oneProfileSysctls))]
			}
			if h.Sysctls == nil {
				h.Sysctls = map[string]string{}
			}
			h.Sysctls[s.name] = g.pick(s.vals)
		}
	}
	sc.Wire.Delay = g.wildDelay()
	if g.chance(0.5) {
		sc.Wire.Delays = map[string]scenario.Duration{}
		for n := g.between(1, 3); n > 0; n-- {
			sc.Wire.Delays[g.pick(names)+">"+g.pick(names)] = g.wildDelay()
		}
	}
	for n := g.n(6); n > 0; n-- {
		r := g.rule(0, []string{"", "syn", "fin", "rst", "data", "ack"})
		r.From, r.To = g.pick(append(names, "")), g.pick(append(names, ""))
		if g.chance(0.2) {
			c := g.n(4)
			r.Conn = &c
		}
		if g.chance(0.2) {
			i := g.n(5)
			r.Index = &i
		}
		if g.chance(0.2) {
			r.End = r.Start + int64(g.msBetween(1, 5000))
		}
		if r.Action != wire.Drop && g.chance(0.3) {
			r.Extra = int64(g.wildDelay()) + 1
		}
		sc.Wire.Rules = append(sc.Wire.Rules, r)
	}
	conns := []string{"c0", "c1", "c2", "c3", "L", "L2", "x"}
	ops := []scenario.Op{scenario.OpListen, scenario.OpConnect, scenario.OpSend, scenario.OpRecv, scenario.OpReadLoop,
		scenario.OpClose, scenario.OpShutdown, scenario.OpSetsockopt, scenario.OpSysctl, scenario.OpFork,
		scenario.OpKill, scenario.OpBind}
	var acts []scenario.Action
	for _, h := range names {
		if g.chance(0.7) {
			acts = append(acts, scenario.Action{At: 0, Host: h, Op: scenario.OpListen, Conn: "L", Port: 5000, Backlog: g.pick1([]int{0, 1, 2, 128, 65535})})
		}
	}
	procs := []string{"", "", "app", "p1", "p2"}
	opened := map[string][]string{} // names each host's creating ops have opened
	for _, a := range acts {
		opened[a.Host] = append(opened[a.Host], a.Conn)
	}
	for n := g.between(1, 40); n > 0; n-- {
		a := scenario.Action{At: g.wildTime(), Host: g.pick(names), Proc: g.pick(procs), Conn: g.pick(conns)}
		a.Op = ops[g.n(len(ops))]
		if g.chance(0.3) { // mostly connections, mostly early
			a.Op, a.At = scenario.OpConnect, g.msBetween(0, 100)
		}
		switch a.Op {
		case scenario.OpListen, scenario.OpBind, scenario.OpConnect, scenario.OpSetsockopt:
			opened[a.Host] = append(opened[a.Host], a.Conn)
			if g.chance(0.8) {
				a.At = g.msBetween(0, 100) // mostly before the calls on what they open
			}
		case scenario.OpSend, scenario.OpRecv, scenario.OpReadLoop, scenario.OpClose, scenario.OpShutdown:
			// mostly a name that exists by then: one opened on this host, or an accepted
			// connection's
			switch o := opened[a.Host]; {
			case len(o) > 0 && g.chance(0.95):
				a.Conn = g.pick(o)
			case g.chance(0.5):
				a.Conn = "c0"
			}
			if a.At < ms(100) && g.chance(0.8) {
				a.At += ms(100)
			}
		}
		switch a.Op {
		case scenario.OpListen, scenario.OpBind:
			a.Port = g.pick1([]int{1, 5000, 5001, 40000, 65535})
			a.Backlog = g.pick1([]int{-1, 0, 1, 1000000})
		case scenario.OpConnect:
			a.To, a.Port = g.pick(names), g.pick1([]int{5000, 5000, 5001, 1})
			if g.chance(0.2) {
				// not below 100 ms until the retry loop's cost is bounded (issue 11, branch hcore):
				// each retry still walks every earlier one
				a.RetryEvery = g.msBetween(100, 2000)
			}
			if g.chance(0.2) {
				a.CloseAfter = durp(g.wildDur())
			}
			if g.chance(0.3) {
				a.Bytes = g.pick1([]int{1, 1448, 100000})
			}
		case scenario.OpSend:
			a.Bytes = g.pick1([]int{0, 1, 1447, 1448, 1449, 65536, 1 << 20})
			if g.chance(0.3) {
				a.NonBlock, a.Chunk = true, g.pick1([]int{0, 1, 1000, 65536})
			}
		case scenario.OpRecv:
			a.Bytes = g.pick1([]int{0, 1, 1000, 1 << 20})
		case scenario.OpReadLoop:
			a.Bytes, a.Every = g.pick1([]int{0, 1, 1000}), g.msBetween(1, 500)
			if g.chance(0.5) {
				a.CloseAfter = durp(g.wildDur())
			}
		case scenario.OpShutdown:
			a.How = g.pick([]string{"SHUT_RD", "SHUT_WR", "SHUT_RDWR"})
		case scenario.OpSetsockopt:
			o := wildOpts[g.n(len(wildOpts))]
			a.Opt, a.Value = o.name, g.pick1(o.vals)
			a.Value2 = g.pick1([]int{-1, 0, 1, 2, 60, 2147483647})
		case scenario.OpSysctl:
			s := wildSysctls[g.n(len(wildSysctls))]
			a.Conn, a.Name, a.Setting = "", s.name, g.pick(s.vals)
		case scenario.OpFork:
			a.Conn, a.Child = "", g.pick([]string{"p1", "p2", "child"})
		case scenario.OpKill:
			a.Conn = ""
		}
		acts = append(acts, a)
	}
	if g.chance(0.5) {
		sort.SliceStable(acts, func(i, j int) bool { return acts[i].At < acts[j].At })
	}
	sc.Actions = acts
	return sc
}

// wildDelay is a one-way delay from none to ten seconds.
func (g *gen) wildDelay() scenario.Duration {
	switch g.n(5) {
	case 0:
		return 0
	case 1:
		return 1 // 1 µs
	case 2:
		return g.msBetween(0, 50)
	case 3:
		return g.msBetween(50, 2000)
	}
	return g.msBetween(2000, 10000)
}

// wildTime is an action time: mostly the first seconds, sometimes minutes later.
func (g *gen) wildTime() scenario.Duration {
	if g.chance(0.1) {
		return g.msBetween(60000, 600000)
	}
	return g.msBetween(0, 5000)
}

func (g *gen) wildDur() scenario.Duration {
	return g.pick1dur([]scenario.Duration{0, 1, ms(1), ms(200), ms(3000), ms(120000)})
}

func (g *gen) pick1dur(s []scenario.Duration) scenario.Duration { return s[g.r.IntN(len(s))] }
