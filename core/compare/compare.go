// Package compare lists the differences between two runs on one time axis: a packet only in
// one run (or the same packet at another time), a different state of the same socket at the
// same moment, a counter that ends differently. The runs are two traces (two profiles, one
// setting changed, two files, a what-if fork and its original); pure Go for the CLI
// (`finwait diff`) and the page's side-by-side view.
package compare

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"finwait/core/trace"
)

// Kind is what differs.
type Kind string

// The kinds of difference, in the order a moment's differences are listed.
const (
	OnlyIn  Kind = "packet"  // a packet only one run sends
	Timing  Kind = "timing"  // the same packet, sent at another time
	State   Kind = "state"   // a socket in another state over an interval
	Counter Kind = "counter" // a counter with another value at the end
)

// MinShift is the smallest send-time difference (µs) reported as Timing.
const MinShift = 1000

// Diff is one difference. Times are µs on the common axis (both runs start at 0).
type Diff struct {
	Kind   Kind
	T      int64 // when it starts (OnlyIn, Timing: the send time in the run it is in, the earlier one for Timing; Counter: the first moment the values part)
	End    int64 // State: when it ends (the later run's end if it lasts)
	Host   string
	Conn   int
	Run    int          // OnlyIn: 1 or 2, the run that has the packet
	Event  *trace.Event // OnlyIn: the packet (of run Run); Timing: run 1's
	Event2 *trace.Event // Timing: run 2's copy of the packet
	Name   string       // Counter: the counter's nstat name
	// A and B are the two runs' values: states ("FIN_WAIT2", "TIME_WAIT(FIN_WAIT2)", "-" none),
	// counter values, or send times (Timing, as FormatTime writes them).
	A, B string
}

// Runs compares run 1 (a) with run 2 (b). The packets are aligned as the longest common
// subsequence of (sender, receiver, conn, flags, seq, ack, len, dropped); the window field is
// not compared (it follows receive-buffer accounting the profiles share no rule for).
func Runs(a, b *trace.Trace) []Diff {
	out := packets(a, b)
	out = append(out, states(a, b)...)
	out = append(out, counters(a, b)...)
	order := map[Kind]int{OnlyIn: 0, Timing: 1, State: 2, Counter: 3}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].T != out[j].T {
			return out[i].T < out[j].T
		}
		return order[out[i].Kind] < order[out[j].Kind]
	})
	return out
}

type pkey struct {
	from, to string
	conn     int
	flags    string
	seq, ack uint32
	len      int
	dropped  bool
}

func keyOf(e *trace.Event) pkey {
	k := pkey{e.From, e.To, e.Conn, e.Flags, e.Seq, 0, e.Len, e.Dropped}
	if e.HasAck {
		k.ack = e.Ack
	}
	return k
}

func packetList(t *trace.Trace) []*trace.Event {
	var out []*trace.Event
	for i := range t.Events {
		if t.Events[i].Kind == trace.KindPacket {
			out = append(out, &t.Events[i])
		}
	}
	return out
}

// maxLCS bounds the alignment table (cells); longer runs are aligned greedily.
const maxLCS = 4_000_000

func packets(a, b *trace.Trace) []Diff {
	pa, pb := packetList(a), packetList(b)
	ka, kb := make([]pkey, len(pa)), make([]pkey, len(pb))
	for i, e := range pa {
		ka[i] = keyOf(e)
	}
	for i, e := range pb {
		kb[i] = keyOf(e)
	}
	pairs := align(ka, kb, maxLCS)
	var out []Diff
	i, j := 0, 0
	emitOnly := func(e *trace.Event, run int) {
		out = append(out, Diff{Kind: OnlyIn, T: e.T, Host: e.From, Conn: e.Conn, Run: run, Event: e})
	}
	for _, p := range append(pairs, [2]int{len(pa), len(pb)}) {
		for ; i < p[0]; i++ {
			emitOnly(pa[i], 1)
		}
		for ; j < p[1]; j++ {
			emitOnly(pb[j], 2)
		}
		if i == len(pa) && j == len(pb) {
			break
		}
		ea, eb := pa[i], pb[j]
		if d := ea.T - eb.T; d >= MinShift || d <= -MinShift {
			out = append(out, Diff{Kind: Timing, T: min(ea.T, eb.T), Host: ea.From, Conn: ea.Conn, Event: ea, Event2: eb,
				A: trace.FormatTime(ea.T), B: trace.FormatTime(eb.T)})
		}
		i, j = i+1, j+1
	}
	return out
}

// align returns the index pairs of a longest common subsequence of a and b, or, when its table
// would exceed limit cells, of a greedy common subsequence (each packet of a matched with the
// next equal one of b).
func align(a, b []pkey, limit int) [][2]int {
	var pairs [][2]int
	if len(a)*len(b) > limit {
		// each key's positions in b, walked forward once: the packets of a found nowhere
		// further in b cost one look-up each, not a scan of the rest of b
		at := map[pkey][]int{}
		for k, key := range b {
			at[key] = append(at[key], k)
		}
		j := 0
		for i, key := range a {
			ks := at[key]
			for len(ks) > 0 && ks[0] < j {
				ks = ks[1:]
			}
			if len(ks) > 0 {
				pairs = append(pairs, [2]int{i, ks[0]})
				j = ks[0] + 1
				ks = ks[1:]
			}
			at[key] = ks
		}
		return pairs
	}
	w := len(b) + 1
	l := make([]int32, (len(a)+1)*w) // l[i*w+j]: LCS length of a[i:] and b[j:]
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i*w+j] = l[(i+1)*w+j+1] + 1
			} else {
				l[i*w+j] = max(l[(i+1)*w+j], l[i*w+j+1])
			}
		}
	}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			pairs = append(pairs, [2]int{i, j})
			i, j = i+1, j+1
		case l[(i+1)*w+j] >= l[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return pairs
}

type skey struct {
	host string
	conn int
}

type step struct {
	t int64
	v string
}

// timelines are each socket's states over time ("-" before its first state event).
func timelines(t *trace.Trace) map[skey][]step {
	out := map[skey][]step{}
	for i := range t.Events {
		e := &t.Events[i]
		if e.Kind != trace.KindState {
			continue
		}
		v := e.StateTo
		if e.StateTo == "TIME_WAIT" && e.Substate != "" && e.Substate != e.StateTo {
			v += "(" + e.Substate + ")"
		}
		k := skey{e.Host, e.Conn}
		s := out[k]
		if n := len(s); n > 0 && s[n-1].t == e.T {
			s[n-1].v = v // several changes in one moment: the moment shows the last
		} else {
			s = append(s, step{e.T, v})
		}
		out[k] = s
	}
	return out
}

func valueAt(s []step, t int64) string {
	v := "-"
	for _, st := range s {
		if st.t > t {
			break
		}
		v = st.v
	}
	return v
}

func states(a, b *trace.Trace) []Diff {
	ta, tb := timelines(a), timelines(b)
	var keys []skey
	for k := range ta { // map order: sorted below
		keys = append(keys, k)
	}
	for k := range tb { // map order: sorted below
		if _, ok := ta[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].host != keys[j].host {
			return keys[i].host < keys[j].host
		}
		return keys[i].conn < keys[j].conn
	})
	end := max(a.EndUs, b.EndUs)
	var out []Diff
	for _, k := range keys {
		times := changeTimes(ta[k], tb[k])
		var cur *Diff
		for _, t := range times {
			va, vb := valueAt(ta[k], t), valueAt(tb[k], t)
			if cur != nil && (cur.A != va || cur.B != vb) {
				cur.End = t
				out = append(out, *cur)
				cur = nil
			}
			if cur == nil && va != vb {
				cur = &Diff{Kind: State, T: t, Host: k.host, Conn: k.conn, A: va, B: vb}
			}
		}
		if cur != nil {
			cur.End = end
			out = append(out, *cur)
		}
	}
	return out
}

func changeTimes(a, b []step) []int64 {
	var ts []int64
	for _, s := range a {
		ts = append(ts, s.t)
	}
	for _, s := range b {
		ts = append(ts, s.t)
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

func counters(a, b *trace.Trace) []Diff {
	ca, cb := counterSteps(a), counterSteps(b)
	var out []Diff
	seen := map[[2]string]bool{}
	var all [][2]string
	for k := range ca { // map order: sorted below
		all, seen[k] = append(all, k), true
	}
	for k := range cb { // map order: sorted below
		if !seen[k] {
			all = append(all, k)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i][0] != all[j][0] {
			return all[i][0] < all[j][0]
		}
		return all[i][1] < all[j][1]
	})
	for _, k := range all {
		sa, sb := ca[k], cb[k]
		fa, fb := valueAt(sa, 1<<62), valueAt(sb, 1<<62)
		if fa == fb {
			continue
		}
		first := int64(0)
		for _, t := range changeTimes(sa, sb) {
			if valueAt(sa, t) != valueAt(sb, t) {
				first = t
				break
			}
		}
		out = append(out, Diff{Kind: Counter, T: first, Host: k[0], Conn: trace.NoConn, A: zero(fa), B: zero(fb), Name: k[1]})
	}
	return out
}

func zero(v string) string {
	if v == "-" {
		return "0"
	}
	return v
}

// counterSteps are each (host, counter)'s running totals over time.
func counterSteps(t *trace.Trace) map[[2]string][]step {
	out := map[[2]string][]step{}
	tot := map[[2]string]int64{}
	for i := range t.Events {
		e := &t.Events[i]
		if e.Kind != trace.KindCounter {
			continue
		}
		k := [2]string{e.Host, e.Name}
		tot[k] += e.Delta
		s := out[k]
		v := strconv.FormatInt(tot[k], 10)
		if n := len(s); n > 0 && s[n-1].t == e.T {
			s[n-1].v = v
		} else {
			s = append(s, step{e.T, v})
		}
		out[k] = s
	}
	return out
}

// Text lists the differences in words, one a line, the two runs named by la and lb:
//
//	200.0 ms  packet only in modern: A>B c0 F. seq 1 ack 1 len 0 (retransmit)
//	200.0 ms  A c0 is FIN_WAIT1 in modern, FIN_WAIT2 in 2.6 until 240.0 ms
//	0.0 ms    counter A TcpExtTW: 1 in modern, 0 in 2.6
//
// and "no differences" when there are none.
func Text(ds []Diff, la, lb string) string {
	if len(ds) == 0 {
		return "no differences between " + la + " and " + lb + "\n"
	}
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(padTime(trace.FormatTime(d.T)) + "  " + Words(d, la, lb) + "\n")
	}
	return b.String()
}

func padTime(s string) string { return s + strings.Repeat(" ", max(10-len(s), 0)) }

// Words is one difference in words (without its time), runs named la and lb.
func Words(d Diff, la, lb string) string {
	switch d.Kind {
	case OnlyIn:
		in := la
		if d.Run == 2 {
			in = lb
		}
		return "packet only in " + in + ": " + PacketWords(d.Event)
	case Timing:
		return "packet sent at " + d.A + " in " + la + ", " + d.B + " in " + lb + ": " + PacketWords(d.Event)
	case State:
		return d.Host + " " + trace.ConnLabel(d.Conn) + " is " + d.A + " in " + la + ", " + d.B + " in " + lb + " until " + trace.FormatTime(d.End)
	case Counter:
		return "counter " + d.Host + " " + d.Name + ": " + d.A + " in " + la + ", " + d.B + " in " + lb + " at the end"
	}
	return string(d.Kind)
}

// PacketWords names a packet in a difference: sender>receiver, conn, tcpdump's words
// (trace.PacketLabel), and its note, DROPPED and INJECTED as the trace's text has them.
func PacketWords(e *trace.Event) string {
	s := e.From + ">" + e.To + " " + trace.ConnLabel(e.Conn) + " " + trace.PacketLabel(e)
	if e.Note != "" {
		s += " (" + e.Note + ")"
	}
	if e.Dropped {
		s += " DROPPED"
	}
	if e.Injected {
		s += " INJECTED"
	}
	return s
}
