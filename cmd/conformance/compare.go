package main

import (
	"fmt"
	"sort"
	"strings"

	"finwait/core/trace"
)

// The comparison of a model trace with a kernel trace. Pure: no root, no kernel.
//
// Rules (stated in docs/conformance.md as well):
//   - packets: per stream (conn, sender) the same segments in the same order: flags, relative
//     seq, ack (or none), payload length and whether the wire dropped it. The window field is not
//     compared (Linux's receive-buffer accounting is not modelled, spec §17.5). Across streams the
//     order must agree except for segments the model sends within the timing tolerance of each other.
//   - states: per socket (host, conn; listeners under conn null), the kernel's observed path must
//     be an ordered subsequence of the model's path, and every model state that lasts at least
//     MinStateUs must have been observed. The kernel's states come from sock_diag sampled every
//     millisecond or so, so zero-length states (FIN_WAIT1 → FIN_WAIT2 → TIME_WAIT in one instant)
//     are not visible there.
//   - counters: the close-related counters of CounterNames, kernel delta vs model delta.
//   - timing: each matched segment's send time within max(AbsTolUs, RelTol × model time).
// Model events after the kernel run's end (e.g. a TIME_WAIT expiring at 60 s) are not compared.

// CompareOptions are the tolerances of a comparison.
type CompareOptions struct {
	AbsTolUs   int64
	RelTol     float64
	MinStateUs int64
	Counters   []string
}

// DefaultCompareOptions are the tolerances docs/conformance.md states.
func DefaultCompareOptions() CompareOptions {
	return CompareOptions{AbsTolUs: 5000, RelTol: 0.05, MinStateUs: 5000, Counters: CounterNames}
}

// CounterNames are the close-related counters compared (spec §15, §17.0).
var CounterNames = []string{
	"TcpActiveOpens", "TcpPassiveOpens", "TcpEstabResets", "TcpOutRsts", "TcpRetransSegs",
	"TcpExtTW", "TcpExtTWKilled", "TcpExtTWRecycled", "TcpExtTCPTimeWaitOverflow",
	"TcpExtTCPAbortOnClose", "TcpExtTCPAbortOnData", "TcpExtTCPAbortOnLinger",
	"TcpExtTCPAbortOnMemory", "TcpExtTCPAbortOnTimeout",
	"TcpExtDelayedACKs", "TcpExtDelayedACKLost", "TcpExtTCPLossProbes", "TcpExtTCPTimeouts",
	"TcpExtTCPWinProbe", "TcpExtTCPACKSkippedSeq", "TcpExtPAWSPassive",
	"TcpExtListenOverflows", "TcpExtListenDrops", "TcpExtSyncookiesSent", "TcpExtSyncookiesRecv", "TcpExtTCPReqQFullDoCookies",
	"TcpAttemptFails", "TcpExtEmbryonicRsts", "TcpExtTCPChallengeACK",
}

// Aspects of a comparison, in report order.
var Aspects = []string{"packets", "states", "counters", "timing"}

// Verdict is one aspect's result.
type Verdict struct {
	OK    bool
	Diffs []string
}

// Comparison is the result for one scenario.
type Comparison struct {
	Scenario string
	Verdicts map[string]*Verdict
}

// OK reports whether every aspect matched.
func (c Comparison) OK() bool {
	for _, a := range Aspects {
		if !c.Verdicts[a].OK {
			return false
		}
	}
	return true
}

func (v *Verdict) add(format string, a ...any) {
	v.OK = false
	v.Diffs = append(v.Diffs, fmt.Sprintf(format, a...))
}

func pktString(e trace.Event) string {
	s := fmt.Sprintf("[%s] seq %d", e.Flags, e.Seq)
	if e.HasAck {
		s += fmt.Sprintf(", ack %d", e.Ack)
	}
	s += fmt.Sprintf(", len %d", e.Len)
	if e.Dropped {
		s += " (dropped)"
	}
	return s
}

func connName(c int) string {
	if c == trace.NoConn {
		return "listener"
	}
	return fmt.Sprintf("c%d", c)
}

func samePkt(a, b trace.Event) bool {
	return a.Flags == b.Flags && a.Seq == b.Seq && a.HasAck == b.HasAck && (!a.HasAck || a.Ack == b.Ack) &&
		a.Len == b.Len && a.Dropped == b.Dropped
}

type streamKey struct {
	conn int
	from string
}

func (k streamKey) String() string { return fmt.Sprintf("%s %s>", connName(k.conn), k.from) }

// Compare checks a model trace against a kernel trace of the same scenario.
func Compare(model, kernel *trace.Trace, opt CompareOptions) Comparison {
	c := Comparison{Scenario: kernel.Scenario, Verdicts: map[string]*Verdict{}}
	for _, a := range Aspects {
		c.Verdicts[a] = &Verdict{OK: true}
	}
	horizon := kernel.EndUs
	within := func(evs []trace.Event) []trace.Event {
		var out []trace.Event
		for _, e := range evs {
			if horizon <= 0 || e.T <= horizon {
				out = append(out, e)
			}
		}
		return out
	}
	comparePackets(within(model.Packets()), kernel.Packets(), opt, c.Verdicts["packets"], c.Verdicts["timing"])
	compareStates(model.States(), kernel.States(), horizon, opt, c.Verdicts["states"])
	compareCounters(within(model.Events), kernel, opt, c.Verdicts["counters"])
	return c
}

func (o CompareOptions) tol(t int64) int64 {
	r := int64(o.RelTol * float64(t))
	if r > o.AbsTolUs {
		return r
	}
	return o.AbsTolUs
}

func comparePackets(m, k []trace.Event, opt CompareOptions, pv, tv *Verdict) {
	split := func(evs []trace.Event) (map[streamKey][]int, []streamKey) {
		out := map[streamKey][]int{}
		var keys []streamKey
		for i, e := range evs {
			sk := streamKey{e.Conn, e.From}
			if _, ok := out[sk]; !ok {
				keys = append(keys, sk)
			}
			out[sk] = append(out[sk], i)
		}
		return out, keys
	}
	ms, mkeys := split(m)
	ks, kkeys := split(k)
	keys := append([]streamKey(nil), mkeys...)
	for _, sk := range kkeys {
		if _, ok := ms[sk]; !ok {
			keys = append(keys, sk)
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		if keys[i].conn != keys[j].conn {
			return keys[i].conn < keys[j].conn
		}
		return keys[i].from < keys[j].from
	})
	// matched[model index] = kernel index
	matched := map[int]int{}
	for _, sk := range keys {
		mi, ki := ms[sk], ks[sk]
		n := len(mi)
		if len(ki) < n {
			n = len(ki)
		}
		bad := false
		for j := 0; j < n; j++ {
			me, ke := m[mi[j]], k[ki[j]]
			if !samePkt(me, ke) {
				pv.add("%s segment %d: model %s at %s, kernel %s at %s.", sk, j+1, pktString(me), msStr(me.T), pktString(ke), msStr(ke.T))
				bad = true
				break
			}
			matched[mi[j]] = ki[j]
			if d := ke.T - me.T; d > opt.tol(me.T) || -d > opt.tol(me.T) {
				tv.add("%s %s: model sends it at %s, kernel at %s (%+.1f ms).", sk, pktString(me), msStr(me.T), msStr(ke.T), float64(d)/1000)
			}
		}
		if bad {
			continue
		}
		switch {
		case len(mi) > len(ki):
			var extra []string
			for _, j := range mi[len(ki):] {
				extra = append(extra, fmt.Sprintf("%s at %s", pktString(m[j]), msStr(m[j].T)))
			}
			pv.add("%s the model sends %d more segment(s) than the kernel: %s.", sk, len(mi)-len(ki), strings.Join(extra, "; "))
		case len(ki) > len(mi):
			var extra []string
			for _, j := range ki[len(mi):] {
				extra = append(extra, fmt.Sprintf("%s at %s", pktString(k[j]), msStr(k[j].T)))
			}
			pv.add("%s the kernel sends %d more segment(s) than the model: %s.", sk, len(ki)-len(mi), strings.Join(extra, "; "))
		}
	}
	// cross-stream order: model order of matched segments vs kernel order
	var idx []int
	for mi := range matched {
		idx = append(idx, mi)
	}
	sort.Ints(idx)
	for a := 0; a < len(idx); a++ {
		for b := a + 1; b < len(idx); b++ {
			ma, mb := m[idx[a]], m[idx[b]]
			if mb.T-ma.T <= opt.tol(mb.T) {
				continue // (nearly) simultaneous in the model: either order is fine
			}
			if matched[idx[a]] > matched[idx[b]] {
				pv.add("order: the model sends %s%s before %s%s, the kernel the other way round.",
					streamKey{ma.Conn, ma.From}, pktString(ma), streamKey{mb.Conn, mb.From}, pktString(mb))
				return
			}
		}
	}
}

func msStr(us int64) string {
	if us%1000 == 0 {
		return fmt.Sprintf("%d ms", us/1000)
	}
	return fmt.Sprintf("%.1f ms", float64(us)/1000)
}

type sockID struct {
	host string
	conn int
}

type stateStep struct {
	state, sub string
	t, dur     int64
}

func (s stateStep) String() string {
	if s.sub != "" && s.sub != s.state {
		return s.state + "(" + s.sub + ")"
	}
	if s.state == "TIME_WAIT" && s.sub == "" {
		return "TIME_WAIT"
	}
	return s.state
}

// statePaths collapses state events into per-socket paths with each state's duration.
func statePaths(evs []trace.Event, horizon int64) (map[sockID][]stateStep, []sockID) {
	out := map[sockID][]stateStep{}
	var ids []sockID
	for _, e := range evs {
		if horizon > 0 && e.T > horizon {
			continue
		}
		id := sockID{e.Host, e.Conn}
		if _, ok := out[id]; !ok {
			ids = append(ids, id)
		}
		p := out[id]
		// a substate belongs to a TW socket (TIME_WAIT(FIN_WAIT2), TIME_WAIT(TIME_WAIT)); the model
		// also names it on the TW socket's CLOSE, which the kernel cannot show
		sub := ""
		if e.StateTo == "TIME_WAIT" {
			sub = e.Substate
			if sub == "" {
				sub = "TIME_WAIT"
			}
		}
		if n := len(p); n > 0 && p[n-1].state == e.StateTo && p[n-1].sub == sub {
			continue
		}
		out[id] = append(p, stateStep{state: e.StateTo, sub: sub, t: e.T})
	}
	for id, p := range out {
		for i := range p {
			end := horizon
			if i+1 < len(p) {
				end = p[i+1].t
			}
			if end < p[i].t {
				end = p[i].t
			}
			p[i].dur = end - p[i].t
		}
		out[id] = p
	}
	sort.SliceStable(ids, func(i, j int) bool {
		if ids[i].host != ids[j].host {
			return ids[i].host < ids[j].host
		}
		return ids[i].conn < ids[j].conn
	})
	return out, ids
}

func pathString(p []stateStep) string {
	var s []string
	for _, x := range p {
		s = append(s, x.String())
	}
	return strings.Join(s, " → ")
}

func compareStates(m, k []trace.Event, horizon int64, opt CompareOptions, v *Verdict) {
	mp, mids := statePaths(m, horizon)
	kp, kids := statePaths(k, horizon)
	ids := append([]sockID(nil), mids...)
	for _, id := range kids {
		if _, ok := mp[id]; !ok {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		mpath, kpath := mp[id], kp[id]
		name := fmt.Sprintf("%s %s", id.host, connName(id.conn))
		if len(mpath) == 0 {
			v.add("%s: the kernel shows %s, the model has no such socket.", name, pathString(kpath))
			continue
		}
		if len(kpath) == 0 {
			v.add("%s: the model shows %s, the kernel has no such socket.", name, pathString(mpath))
			continue
		}
		j := 0
		ok := true
		for _, ks := range kpath {
			found := false
			for ; j < len(mpath); j++ {
				ms := mpath[j]
				if ms.state == ks.state && ms.sub == ks.sub {
					found = true
					j++
					break
				}
				if ms.dur >= opt.MinStateUs {
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			for ; j < len(mpath); j++ {
				if mpath[j].dur >= opt.MinStateUs {
					ok = false
					break
				}
			}
		}
		if !ok {
			v.add("%s: model %s, kernel %s.", name, pathString(mpath), pathString(kpath))
		}
	}
}

func compareCounters(m []trace.Event, kernel *trace.Trace, opt CompareOptions, v *Verdict) {
	md := map[string]map[string]int64{}
	for _, e := range m {
		if e.Kind != trace.KindCounter {
			continue
		}
		if md[e.Host] == nil {
			md[e.Host] = map[string]int64{}
		}
		md[e.Host][e.Name] += e.Delta
	}
	kd := kernel.CounterDeltas()
	hosts := append([]string(nil), kernel.Hosts...)
	sort.Strings(hosts)
	for _, h := range hosts {
		var diffs []string
		for _, n := range opt.Counters {
			if md[h][n] != kd[h][n] {
				diffs = append(diffs, fmt.Sprintf("%s model %+d kernel %+d", strings.TrimPrefix(n, "TcpExt"), md[h][n], kd[h][n]))
			}
		}
		if len(diffs) > 0 {
			v.add("%s: %s.", h, strings.Join(diffs, ", "))
		}
	}
}
