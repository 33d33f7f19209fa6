package main

import (
	"fmt"
	"maps"
	"net/netip"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"finwait/core/scenario"
	"finwait/core/tcp"
	"finwait/core/trace"
)

// globalSysctls are net.ipv4 settings that are host-wide, not per network namespace: the harness
// changes them only with -global-sysctls, and restores them afterwards.
var globalSysctls = map[string]bool{"tcp_max_orphans": true, "tcp_mem": true, "udp_mem": true}

// recordOptions steer one kernel recording.
type recordOptions struct {
	GlobalSysctls bool          // allow host-wide sysctls (restored afterwards)
	Tcpdump       bool          // cross-check the wire's log with tcpdump in each namespace
	PollEvery     time.Duration // sock_diag sampling period for state events
	Verbose       bool
}

// recording is what one kernel run produced.
type recording struct {
	// MaxLateUs is how late the harness itself was at worst: a scenario action after its time,
	// or a packet after its delivery time. A loaded machine (2 shared CPUs) can make it tens of
	// milliseconds; cmdRecord retries such runs.
	MaxLateUs int64
	LateWhat  string
	Trace     *trace.Trace
	Log       string // ss checkpoints, harness notes and errors
	Errs      []string
}

const tunName = "fwtun0"

// withModelCongestionControl returns the scenario with each host's tcp_congestion_control set
// to the model's default (the modern profile's, tcp.DefaultSysctls) where the scenario names
// none: a new network namespace inherits the machine's (tcp_sk_init copies init_net's), which
// may be another (bbr on the recording machine), and the recording must run under the
// congestion control the model assumes. The scenario's own maps are not changed.
func withModelCongestionControl(sc scenario.Scenario) scenario.Scenario {
	const name = "tcp_congestion_control"
	def := tcp.DefaultSysctls(tcp.Modern).CongestionControl
	sc.Hosts = slices.Clone(sc.Hosts)
	for i, h := range sc.Hosts {
		if _, ok := h.Sysctls[name]; ok {
			continue
		}
		sys := maps.Clone(h.Sysctls)
		if sys == nil {
			sys = map[string]string{}
		}
		sys[name] = def
		sc.Hosts[i].Sysctls = sys
	}
	return sc
}

// record runs one scenario against the real kernel in two fresh network namespaces.
func record(sc scenario.Scenario, m scenarioMeta, opt recordOptions) (rec *recording, err error) {
	if err := checkPrivileges(); err != nil {
		return nil, err
	}
	// Plenty of Ps: threads blocked in syscalls (the wire's readers, nanosleep) get one back at once.
	if runtime.GOMAXPROCS(0) < 8 {
		runtime.GOMAXPROCS(8)
	}
	if opt.PollEvery == 0 {
		opt.PollEvery = time.Millisecond
	}
	if m.KernelSetup != nil {
		sc = m.KernelSetup(sc)
	}
	sc = withModelCongestionControl(sc)
	if len(sc.Hosts) != 2 {
		return nil, fmt.Errorf("%s: the harness joins exactly two hosts (scenario has %d)", sc.Name, len(sc.Hosts))
	}
	if sc.Wire.NAT != nil {
		return nil, fmt.Errorf("%s: NAT is not supported by the harness", sc.Name)
	}
	var log strings.Builder
	logf := func(format string, a ...any) {
		fmt.Fprintf(&log, format+"\n", a...)
		if opt.Verbose {
			fmt.Fprintf(os.Stderr, format+"\n", a...)
		}
	}

	// a namespace may only choose a congestion control that the host-wide
	// tcp_allowed_congestion_control lists (tcp_set_default_congestion_control): add it for the
	// run, restored however this function ends
	for _, h := range sc.Hosts {
		cc := h.Sysctls["tcp_congestion_control"]
		p := "/proc/sys/net/ipv4/tcp_allowed_congestion_control"
		old, err := os.ReadFile(p)
		if cc == "" || err == nil && slices.Contains(strings.Fields(string(old)), cc) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte(strings.TrimSpace(string(old))+" "+cc+"\n"), 0); err != nil {
			return nil, fmt.Errorf("host %s: allowing congestion control %s: %w", h.Name, cc, err)
		}
		logf("global sysctl tcp_allowed_congestion_control += %s (was %s, restored at the end)", cc, strings.TrimSpace(string(old)))
		registerRestore(p, old)
		defer func() {
			if err := os.WriteFile(p, old, 0); err != nil {
				logf("error: restoring %s: %v", p, err)
			}
			unregisterRestore(p)
		}()
	}

	// host-wide sysctls first, restored however this function ends
	for _, h := range sc.Hosts {
		for k, v := range h.Sysctls {
			if !globalSysctls[k] {
				continue
			}
			if !opt.GlobalSysctls {
				return nil, fmt.Errorf("%s: host %s needs the host-wide sysctl %s=%s: run with -global-sysctls (it is restored afterwards)", sc.Name, h.Name, k, v)
			}
			p := "/proc/sys/net/ipv4/" + k
			old, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			if err := os.WriteFile(p, []byte(v+"\n"), 0); err != nil {
				return nil, fmt.Errorf("global sysctl %s: %w", k, err)
			}
			logf("global sysctl %s=%s (was %s, restored at the end)", k, v, strings.TrimSpace(string(old)))
			registerRestore(p, old)
			defer func(p string, old []byte) {
				if err := os.WriteFile(p, old, 0); err != nil {
					logf("error: restoring %s: %v", p, err)
				}
				unregisterRestore(p)
			}(p, old)
		}
	}

	hosts := map[string]*hostRT{}
	var eps []*endpoint
	for i, h := range sc.Hosts {
		addr, err := netip.ParseAddr(h.Addr)
		if err != nil {
			return nil, fmt.Errorf("host %s addr %q: %w", h.Name, h.Addr, err)
		}
		ns := fmt.Sprintf("%s%s-%d", netnsPrefix, strings.ToLower(string(rune('a'+i))), os.Getpid())
		if err := run("ip", "netns", "add", ns); err != nil {
			return nil, err
		}
		registerCleanup(ns)
		defer func(ns string) {
			if e := run("ip", "netns", "del", ns); e != nil {
				logf("cleanup: %v", e)
			}
			unregisterCleanup(ns)
		}(ns)
		w, err := startNSWorker(ns)
		if err != nil {
			return nil, err
		}
		defer w.stop()
		tun, err := w.openTUN(tunName)
		if err != nil {
			return nil, err
		}
		defer tun.Close()
		for _, args := range [][]string{
			{"-n", ns, "link", "set", "lo", "up"},
			{"-n", ns, "addr", "add", h.Addr + "/24", "dev", tunName},
			{"-n", ns, "link", "set", tunName, "up"},
		} {
			if err := run("ip", args...); err != nil {
				return nil, err
			}
		}
		_, _ = w.writeSysctl("ipv6.conf.all.disable_ipv6", "1")
		keys := make([]string, 0, len(h.Sysctls))
		for k := range h.Sysctls {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if globalSysctls[k] {
				continue
			}
			if _, err := w.writeSysctl(sysctlPath(k), h.Sysctls[k]); err != nil {
				return nil, fmt.Errorf("host %s sysctl %s=%s: %w", h.Name, k, h.Sysctls[k], err)
			}
			got, _ := w.readSysctl(sysctlPath(k))
			logf("host %s (%s): sysctl %s = %s", h.Name, ns, k, got)
		}
		dc, err := w.openDiag()
		if err != nil {
			return nil, err
		}
		defer dc.close()
		hosts[h.Name] = &hostRT{spec: h, w: w, addr: addr, diag: dc}
		eps = append(eps, &endpoint{host: h.Name, addr: addr, tun: tun, fd: int(tun.Fd())}) // Fd() makes it blocking
	}

	before := map[string]map[string]int64{}
	for name, h := range hosts {
		c, err := h.w.readCounters()
		if err != nil {
			return nil, err
		}
		before[name] = c
	}

	delays := map[string]time.Duration{}
	for _, a := range sc.Hosts {
		for _, b := range sc.Hosts {
			if a.Name == b.Name {
				continue
			}
			d := sc.Wire.Delay
			if v, ok := sc.Wire.Delays[a.Name+">"+b.Name]; ok {
				d = v
			}
			delays[a.Name+">"+b.Name] = time.Duration(d) * time.Microsecond
		}
	}

	horizon := m.horizon(sc)
	ct := newConnTable()
	var dumps []*tcpdumpRun
	if opt.Tcpdump {
		for _, h := range sc.Hosts {
			td, err := startTcpdump(hosts[h.Name].w.name, h.Name)
			if err != nil {
				return nil, err
			}
			defer td.cmd.Process.Kill()
			dumps = append(dumps, td)
		}
	}
	x, err := newExecutor(clock{}, hosts, ct, horizon)
	if err != nil {
		return nil, err
	}
	if err := x.fillPools(); err != nil {
		return nil, err
	}
	// t = 0 only now that everything slow (tcpdump, the socket pools) is done
	clk := clock{t0: time.Now().Add(20 * time.Millisecond)}
	x.clk = clk
	fw := newForwarder(clk, eps, delays, sc.Wire.Rules, ct)
	x.inject = fw.inject
	fw.start()
	x.schedule(sc.Actions)

	var ssMu sync.Mutex
	var ssWG sync.WaitGroup
	ssOut := map[int64]string{}
	for _, cp := range m.Checkpoints {
		cp := int64(cp)
		x.at(cp, func() {
			ssWG.Add(1)
			go func() {
				defer ssWG.Done()
				var b strings.Builder
				for _, h := range sc.Hosts {
					ns := hosts[h.Name].w.name
					out, err := exec.Command("ip", "netns", "exec", ns, "ss", "-tanoi").CombinedOutput()
					fmt.Fprintf(&b, "--- host %s at %d ms (taken at %.1f ms)\n%s", h.Name, cp/1000, float64(clk.now())/1000, out)
					if err != nil {
						fmt.Fprintf(&b, "ss: %v\n", err)
					}
					for _, f := range []string{"sockstat"} {
						if s, err := hosts[h.Name].w.readProcNet(f); err == nil {
							fmt.Fprintf(&b, "%s", s)
						}
					}
				}
				ssMu.Lock()
				ssOut[cp] = b.String()
				ssMu.Unlock()
			}()
		})
	}

	st := newStateTracker(clk, hosts, ct)
	stopPoll := make(chan struct{})
	pollDone := make(chan struct{})
	go func() {
		defer close(pollDone)
		tk := time.NewTicker(opt.PollEvery)
		defer tk.Stop()
		last := clk.now()
		for {
			st.poll()
			if now := clk.now(); now > 0 && now-last > st.maxGap {
				st.maxGap = now - last
			}
			last = clk.now()
			select {
			case <-stopPoll:
				return
			case <-tk.C:
			}
		}
	}()

	sleepUntil(clk.t0)
	x.loop()
	close(stopPoll)
	<-pollDone
	st.poll()
	endUs := clk.now()
	after := map[string]map[string]int64{}
	for name, h := range hosts {
		c, err := h.w.readCounters()
		if err != nil {
			return nil, err
		}
		after[name] = c
	}
	ssWG.Wait()
	var tdErrs []string
	for _, td := range dumps {
		lines := td.stop()
		want := 0
		for _, p := range fw.packets() {
			if p.From == td.host || (p.To == td.host && !p.Dropped) {
				want++
			}
			if p.To == td.host && !p.Dropped && p.Note == "duplicated" {
				want++ // the wire delivered a second copy (a duplicate rule)
			}
		}
		fmt.Fprintf(&log, "--- tcpdump -i %s on host %s (%d segments; the wire logged %d for this host)\n%s\n",
			tunName, td.host, len(lines), want, strings.Join(lines, "\n"))
		if len(lines) != want {
			tdErrs = append(tdErrs, fmt.Sprintf("tcpdump on %s saw %d segments, the wire logged %d", td.host, len(lines), want))
		}
	}
	finalSocks := st.final()
	fw.stop()
	calls := x.finish()

	tr := &trace.Trace{Scenario: sc.Name, Profile: "kernel", Hosts: nil, Final: map[string]trace.HostFinal{}, EndUs: endUs}
	for _, h := range sc.Hosts {
		tr.Hosts = append(tr.Hosts, h.Name)
	}
	var evs []trace.Event
	evs = append(evs, fw.packets()...)
	evs = append(evs, st.events...)
	evs = append(evs, calls...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].T < evs[j].T })
	for _, h := range sc.Hosts {
		d := counterDeltas(before[h.Name], after[h.Name])
		names := make([]string, 0, len(d))
		for k := range d {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			evs = append(evs, trace.Event{T: horizon, Kind: trace.KindCounter, Host: h.Name, Conn: trace.NoConn, Name: k, Delta: d[k]})
		}
		hf := finalSocks[h.Name]
		hf.Counters = d
		tr.Final[h.Name] = hf
	}
	tr.Events = evs

	cps := make([]int64, 0, len(ssOut))
	for k := range ssOut {
		cps = append(cps, k)
	}
	sort.Slice(cps, func(i, j int) bool { return cps[i] < cps[j] })
	for _, k := range cps {
		log.WriteString(ssOut[k])
	}
	fw.mu.Lock()
	if fw.other > 0 {
		logf("wire: %d non-TCP/IPv4 packets dropped", fw.other)
	}
	errs := append([]string(nil), fw.errors...)
	wireLate := fw.maxLate
	fw.mu.Unlock()
	late, what := x.maxLate, x.maxLateWhat
	if wireLate > late {
		late, what = wireLate, "a packet's delivery"
	}
	// sampling gaps: a state shorter than the gap can be missed, which matters only for states the
	// model holds for 5 ms or more (compare.go): gaps up to 15 ms pass
	if g := st.maxGap - 15000; g > late {
		late, what = g, fmt.Sprintf("a %.1f ms gap in state sampling", float64(st.maxGap)/1000)
	}
	logf("harness lateness: actions at most %.2f ms late (%s), wire deliveries at most %.2f ms late, state samples at most %.2f ms apart",
		float64(x.maxLate)/1000, x.maxLateWhat, float64(wireLate)/1000, float64(st.maxGap)/1000)
	for _, l := range x.sends {
		logf("send: %s", l)
	}
	errs = append(errs, x.errs...)
	errs = append(errs, tdErrs...)
	for _, e := range errs {
		logf("error: %s", e)
	}
	return &recording{Trace: tr, Log: log.String(), Errs: errs, MaxLateUs: late, LateWhat: what}, nil
}

// stateTracker turns periodic sock_diag dumps into state events: one per observed change of a
// socket's (state, substate), and CLOSE when it disappears. A state that lasts less than the
// sampling period can be missed; the comparison allows for that.
type stateTracker struct {
	clk    clock
	hosts  map[string]*hostRT
	conns  *connTable
	prev   map[string]map[sockKey]obsState
	last   map[string][]diagSock
	events []trace.Event
	maxGap int64 // µs: the longest pause between two samples (a loaded machine)
	// pastSYN[host][conn]: the conn was seen on that host in a state after SYN_SENT
	pastSYN map[string]map[int]bool
}

type sockKey struct{ local, remote netip.AddrPort }

type obsState struct {
	state, sub string
	conn       int
}

func newStateTracker(clk clock, hosts map[string]*hostRT, ct *connTable) *stateTracker {
	st := &stateTracker{clk: clk, hosts: hosts, conns: ct, prev: map[string]map[sockKey]obsState{}, last: map[string][]diagSock{}}
	st.pastSYN = map[string]map[int]bool{}
	for n := range hosts {
		st.prev[n] = map[sockKey]obsState{}
		st.pastSYN[n] = map[int]bool{}
	}
	return st
}

func observed(d diagSock) (state, sub string) {
	switch {
	case d.tw():
		return "TIME_WAIT", d.state
	case d.state == "NEW_SYN_RECV":
		return "SYN_RECV", ""
	}
	return d.state, ""
}

func (st *stateTracker) poll() {
	names := make([]string, 0, len(st.hosts))
	for n := range st.hosts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		socks, err := st.hosts[n].diag.dump()
		t := st.clk.now()
		if err != nil {
			continue
		}
		st.last[n] = socks
		cur := map[sockKey]obsState{}
		for _, d := range socks {
			k := sockKey{d.local, d.remote}
			s, sub := observed(d)
			conn := trace.NoConn
			if s != "LISTEN" {
				idx, ok := st.conns.lookup(d.local, d.remote)
				if !ok || (s == "SYN_SENT" && st.pastSYN[n][idx]) {
					// its SYN has not reached the wire yet (a reused 4-tuple still maps to the
					// previous conn): no conn number to report
					continue
				}
				conn = idx
				if p, had := st.prev[n][sockKey{d.local, d.remote}]; had && p.conn != idx && d.tw() && !st.pastSYN[n][idx] {
					// the TW socket of the previous conn on a 4-tuple that a new SYN is taking over
					conn = p.conn
				}
				if s != "SYN_SENT" {
					st.pastSYN[n][conn] = true
				}
			}
			o := obsState{s, sub, conn}
			cur[k] = o
			p, had := st.prev[n][k]
			if !had {
				p = obsState{state: "CLOSE", conn: conn}
			}
			if !had || p.state != o.state || p.sub != o.sub || p.conn != o.conn {
				from := p.state
				if had && p.conn != o.conn { // a new connection on the same 4-tuple
					st.events = append(st.events, trace.Event{T: t, Kind: trace.KindState, Host: n, Conn: p.conn,
						StateFrom: p.state, StateTo: "CLOSE", Fn: "sock_diag"})
					from = "CLOSE"
				}
				st.events = append(st.events, trace.Event{T: t, Kind: trace.KindState, Host: n, Conn: conn,
					StateFrom: from, StateTo: o.state, Substate: o.sub, Fn: "sock_diag"})
			}
		}
		keys := make([]sockKey, 0)
		for k := range st.prev[n] {
			if _, ok := cur[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool { return st.prev[n][keys[i]].conn < st.prev[n][keys[j]].conn })
		for _, k := range keys {
			p := st.prev[n][k]
			st.events = append(st.events, trace.Event{T: t, Kind: trace.KindState, Host: n, Conn: p.conn,
				StateFrom: p.state, StateTo: "CLOSE", Fn: "sock_diag"})
		}
		st.prev[n] = cur
	}
}

// final describes each host's sockets as the last dump saw them.
func (st *stateTracker) final() map[string]trace.HostFinal {
	out := map[string]trace.HostFinal{}
	for n, socks := range st.last {
		hf := trace.HostFinal{Sockets: []trace.SocketInfo{}}
		for _, d := range socks {
			s, sub := observed(d)
			conn := trace.NoConn
			if s != "LISTEN" {
				if idx, ok := st.conns.lookup(d.local, d.remote); ok {
					conn = idx
				}
			}
			orphan := !d.tw() && d.inode == 0 && s != "LISTEN" && s != "SYN_RECV"
			hf.Sockets = append(hf.Sockets, trace.SocketInfo{Conn: conn, Local: d.local.String(), Remote: d.remote.String(),
				State: s, Substate: sub, Orphan: orphan, TW: d.tw(), SendQ: int(d.wqueue), RecvQ: int(d.rqueue)})
			switch {
			case d.tw():
				hf.Sockstat.TW++
			case s == "SYN_RECV":
			default:
				hf.Sockstat.InUse++
				if orphan {
					hf.Sockstat.Orphan++
				}
			}
		}
		sort.Slice(hf.Sockets, func(i, j int) bool {
			if hf.Sockets[i].Conn != hf.Sockets[j].Conn {
				return hf.Sockets[i].Conn < hf.Sockets[j].Conn
			}
			return hf.Sockets[i].Local < hf.Sockets[j].Local
		})
		out[n] = hf
	}
	return out
}
