package layout

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/theme"
)

// snapshot is the state of every host at a moment, folded from the trace's events up to it.
type snapshot struct {
	state    map[[2]string]string // (host, conn) → state
	closed   map[[2]string]bool
	counters map[string]map[string]int64
	changed  map[string]bool // "host|name" changed at the last step
	lastT    int64
	path     int // event index of the latest path event of the connection, or -1
	timers   map[[2]string]*trace.Event
	linger   map[string]string
	seq      map[string]*seqState // per host, on the selected connection
	now      int64
	next     int   // first event not folded in yet
	pending  []int // segments sent, not yet arrived
}

// seqState is what the trace tells of one side's sequence space, as ss would show it.
type seqState struct {
	appSent, appRead int64 // bytes the application handed over / took
	finQueued        bool  // close() or shutdown(SHUT_WR): a FIN takes one sequence number
	sndUna, sndNxt   int64 // relative: the peer's highest ACK that arrived, our highest sent
	rcvd             int64 // in-order payload bytes that arrived from the peer
}

func (s *snapshot) side(h string) *seqState {
	q := s.seq[h]
	if q == nil {
		q = &seqState{}
		s.seq[h] = q
	}
	return q
}

// Queues are send-Q (unacknowledged or unsent, the FIN counted as ss does) and recv-Q (arrived,
// not yet read).
func (q *seqState) Queues() (send, recv int64) {
	send = q.appSent - max(q.sndUna-1, 0)
	if q.finQueued {
		send++
	}
	return max(send, 0), max(q.rcvd-q.appRead, 0)
}

// snapshot folds the trace's events up to now. It is kept on the model and advanced
// incrementally while time moves forward (playback), rebuilt when it moves back.
func (m *Model) snapshot(now int64) *snapshot {
	s := m.snap
	if s == nil || now < s.now {
		s = &snapshot{state: map[[2]string]string{}, closed: map[[2]string]bool{}, counters: map[string]map[string]int64{}, changed: map[string]bool{}, path: -1, lastT: -1, timers: map[[2]string]*trace.Event{}, linger: map[string]string{}, seq: map[string]*seqState{}}
		m.snap = s
	}
	tr := m.Trace
	for ; s.next < len(tr.Events) && tr.Events[s.next].T <= now; s.next++ {
		s.apply(m, s.next)
	}
	keep := s.pending[:0] // segments on the wire: they count at the receiver once they arrive
	for _, i := range s.pending {
		if e := &tr.Events[i]; e.Arrive <= now {
			s.arrive(e)
		} else {
			keep = append(keep, i)
		}
	}
	s.pending, s.now = keep, now
	clear(s.changed) // counters that changed at the last step
	for i := s.next - 1; i >= 0 && tr.Events[i].T >= s.lastT; i-- {
		if e := &tr.Events[i]; e.T == s.lastT && e.Kind == trace.KindCounter {
			s.changed[e.Host+"|"+e.Name] = true
		}
	}
	return s
}

func (s *snapshot) apply(m *Model, i int) {
	e := &m.Trace.Events[i]
	if e.T != s.lastT && (e.Conn == m.Conn || e.Conn == trace.NoConn) {
		s.lastT = e.T
	}
	k := [2]string{e.Host, trace.ConnLabel(e.Conn)}
	if e.Conn == m.Conn {
		s.sequence(e)
		if e.Kind == trace.KindPacket && !e.Dropped && e.Arrive != trace.NoTime {
			s.pending = append(s.pending, i)
		}
	}
	switch e.Kind {
	case trace.KindState:
		s.state[k] = e.StateTo
	case trace.KindCall:
		if e.Action == "close" || e.Action == "kill" {
			s.closed[k] = true
		}
		// before connect() a socket has no conn number yet: its options show on the conn's card
		if e.Action == "setsockopt" && (e.Conn == m.Conn || e.Conn == trace.NoConn) && strings.Contains(e.Detail, "SO_LINGER") {
			s.linger[e.Host] = e.Detail
		}
	case trace.KindCounter:
		c := s.counters[e.Host]
		if c == nil {
			c = map[string]int64{}
			s.counters[e.Host] = c
		}
		c[e.Name] += e.Delta
	case trace.KindPath:
		if e.Conn == m.Conn || e.Conn == trace.NoConn {
			s.path = i
		}
	case trace.KindTimer:
		if e.Conn == m.Conn {
			tk := [2]string{e.Host, e.Timer}
			if e.Action == "armed" {
				s.timers[tk] = e
			} else {
				delete(s.timers, tk)
			}
		}
	}
}

const maxCounterRows = 7

func (s *snapshot) sequence(e *trace.Event) {
	switch e.Kind {
	case trace.KindCall:
		q := s.side(e.Host)
		n, err := strconv.ParseInt(e.Result, 10, 64)
		switch {
		case e.Action == "send" && err == nil:
			q.appSent += n
		case e.Action == "recv" && err == nil:
			q.appRead += n
		case e.Action == "close" || e.Action == "kill" || (e.Action == "shutdown" && strings.Contains(e.Detail, "WR")):
			q.finQueued = true
		}
	case trace.KindPacket:
		q := s.side(e.From)
		end := int64(e.Seq) + int64(e.Len)
		if strings.ContainsAny(e.Flags, "SF") {
			end++
		}
		if !strings.Contains(e.Flags, "R") {
			q.sndNxt = max(q.sndNxt, end)
		}
	}
}

// arrive is a segment reaching its receiver: its ACK and its in-order payload count there.
func (s *snapshot) arrive(e *trace.Event) {
	peer := s.side(e.To)
	if e.HasAck {
		peer.sndUna = max(peer.sndUna, int64(e.Ack))
	}
	if e.Len > 0 && int64(e.Seq) <= peer.rcvd+1 {
		peer.rcvd = max(peer.rcvd, int64(e.Seq)+int64(e.Len)-1)
	}
}

func (b *builder) card(r Rect) {
	b.box(r, b.px(6), b.p.Card, b.p.Line, b.px(1))
}

func (b *builder) panel(P Rect) {
	m := b.in.Model
	snap := m.snapshot(b.in.Now)
	x, w := P.X+b.px(14), P.W-b.px(28)
	y := P.Y + b.px(12)
	y = b.pathCard(m, snap, x, y, w) + b.px(10)
	y = b.socketCard(m, snap, x, y, w) + b.px(10)
	y = b.counterCard(m, snap, x, y, w) + b.px(10)
	b.callCard(m, x, y, w, P.Y+P.H-b.px(12)-y)
}

func (b *builder) title(x, y float64, s string) float64 {
	b.text(x, y, s, theme.UIBold, theme.SizeGutter, b.p.Ink2)
	return y + b.lineH(theme.UIBold, theme.SizeGutter) + b.px(6)
}

func (b *builder) pathCard(m *Model, snap *snapshot, x, y, w float64) float64 {
	start := len(b.f.Shapes)
	b.card(Rect{x, y, w, 0})
	ix, iw := x+b.px(14), w-b.px(28)
	cy := y + b.px(12)
	if snap.path < 0 {
		cy = b.title(ix, cy, b.msg(i18n.KernelPathNone))
	} else {
		e := &m.Trace.Events[snap.path]
		cy = b.title(ix, cy, b.msg(i18n.KernelPath, e.Host, TimeText(e.T)))
		// The chains: the functions named at this moment on this host, in order, one line per
		// cause. Each call, and each timer that fires, starts a chain of its own: the receive path
		// a segment's arrival ran and the application's close() after it are not one chain. What
		// runs before the first of them is the arrival's work.
		var chains []string
		seen := map[string]int{}
		line, n := "", 0
		if a := m.arrival(e.Host, e.T); a != nil {
			line = b.msg(i18n.PathOnSegment, a.From)
		}
		for i := range m.Trace.Events {
			f := &m.Trace.Events[i]
			if f.T > e.T {
				break
			}
			if f.T != e.T || f.Host != e.Host {
				continue
			}
			if f.Kind == trace.KindCall || f.Kind == trace.KindTimer && f.Action == "fired" {
				if n > 0 {
					chains = append(chains, line)
				}
				line, n = f.Action+"():", 0 // the call's name, or the timer's, opens its chain
				if f.Kind == trace.KindTimer {
					line = timerName(f) + ":"
				}
			}
			if _, ok := seen[f.Fn]; f.Fn != "" && !ok {
				seen[f.Fn] = i
				if n > 0 {
					line += " ›"
				}
				line, n = line+" "+f.Fn, n+1
			}
		}
		if n > 0 {
			chains = append(chains, line)
		}
		lh := b.lineH(theme.Mono, theme.SizeLabel)
		for _, c := range chains {
			for _, l := range b.wrap(strings.TrimSpace(c), theme.Mono, theme.SizeLabel, iw) {
				b.text(ix, cy, l, theme.Mono, theme.SizeLabel, b.p.Ink)
				b.fnLinks(l, ix, cy, seen)
				cy += lh
			}
		}
		cy += b.px(6)
		code := e.Fn + ": " + i18n.Branch(b.in.Lang, e.Branch)
		lines := b.wrap(code, theme.Mono, theme.SizeLabel, iw-b.px(12))
		hl := Rect{ix - b.px(4), cy - b.px(3), iw + b.px(8), float64(len(lines))*lh + b.px(6)}
		b.box(hl, b.px(3), b.p.Tint(theme.RoleFin, 0.16), color.NRGBA{}, 0)
		b.fnLink(ix+b.px(4), cy, e.Fn, snap.path)
		for _, l := range lines {
			b.text(ix+b.px(4), cy, l, theme.Mono, theme.SizeLabel, b.p.Ink)
			cy += lh
		}
		cy += b.px(8)
		blh := b.lineH(theme.UI, theme.SizeBody) + b.px(2)
		if s := i18n.Explain(b.in.Lang, e.Fn, e.Branch); s != "" {
			for _, l := range b.wrap(s, theme.UI, theme.SizeBody, iw) {
				b.text(ix, cy, l, theme.UI, theme.SizeBody, b.p.Ink)
				cy += blh
			}
		}
		for _, s := range m.meanings(b.in.Lang, e) { // what the moment's steps mean for the user
			cy += b.px(4)
			for _, l := range b.wrap(b.msg(i18n.PathMeans, s), theme.UIBold, theme.SizeBody, iw) {
				b.text(ix, cy, l, theme.UIBold, theme.SizeBody, b.p.Ink)
				cy += blh
			}
		}
	}
	cy += b.px(8)
	b.f.Shapes[start].Rect.H = cy - y
	return cy
}

// meanings are what the path events of e's moment on e's host mean for the user, each once, in
// order (the message table's, keyed by the path event: the receive path's step and the close()
// that followed it each say theirs).
func (m *Model) meanings(lang i18n.Lang, e *trace.Event) []string {
	var out []string
	for _, k := range m.Events {
		f := &m.Trace.Events[k]
		if f.T > e.T {
			break
		}
		if f.T == e.T && f.Host == e.Host && f.Kind == trace.KindPath {
			if s := i18n.Meaning(lang, f.Fn, f.Branch); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// arrival is a segment that reached host at t (nil when none did).
func (m *Model) arrival(host string, t int64) *trace.Event {
	for _, k := range m.Events {
		if f := &m.Trace.Events[k]; f.Kind == trace.KindPacket && f.To == host && f.Arrive == t && !f.Dropped {
			return f
		}
	}
	return nil
}

func (b *builder) socketCard(m *Model, snap *snapshot, x, y, w float64) float64 {
	start := len(b.f.Shapes)
	b.card(Rect{x, y, w, 0})
	ix := x + b.px(14)
	// the label column is as wide as its longest label (up to the design's 150 px), and each host's
	// column shares the rest; a value too long for a narrow panel is cut with an ellipsis
	labelW := 0.0
	for _, id := range []i18n.ID{i18n.RowState, i18n.RowSubstate, i18n.RowOrphan, i18n.RowQueues, i18n.RowSeq, i18n.RowTimer, i18n.RowLinger} {
		labelW = math.Max(labelW, b.width(b.msg(id), theme.UI, theme.SizeLabel))
	}
	labelW = math.Min(labelW+b.px(16), b.px(150))
	colW := (w - b.px(28) - labelW) / float64(len(m.Hosts))
	colX := func(h int) float64 { return ix + labelW + colW*float64(h) }
	cy := y + b.px(12)
	b.title(ix, cy, b.msg(i18n.Sockets))
	for h, name := range m.Hosts {
		b.text(colX(h), cy, name, theme.UIBold, theme.SizeGutter, b.p.Ink2)
	}
	cy += b.lineH(theme.UIBold, theme.SizeGutter) + b.px(8)
	rh := b.px(22)
	row := func(id i18n.ID, val func(h int) (string, color.NRGBA, theme.FontID)) {
		b.textC(ix, cy+rh/2, -1, b.msg(id), theme.UI, theme.SizeLabel, b.p.Ink2)
		for h := range m.Hosts {
			s, c, f := val(h)
			b.textC(colX(h), cy+rh/2, -1, b.fit(s, f, theme.SizeLabel, colW-b.px(8)), f, theme.SizeLabel, c)
		}
		cy += rh
	}
	row(i18n.RowState, func(h int) (string, color.NRGBA, theme.FontID) {
		st, role := m.StateAt(h, b.in.Now)
		return st, b.p.Text(role), theme.MonoBold
	})
	row(i18n.RowSubstate, func(h int) (string, color.NRGBA, theme.FontID) {
		if sub := m.SubstateAt(h, b.in.Now); sub != "" {
			return sub, b.p.Text(theme.StateRole(sub)), theme.Mono
		}
		return b.msg(i18n.None), b.p.Ink2, theme.Mono
	})
	row(i18n.RowOrphan, func(h int) (string, color.NRGBA, theme.FontID) {
		if m.Orphan(h, b.in.Now) {
			return b.msg(i18n.Yes), b.p.Ink, theme.Mono
		}
		return b.msg(i18n.No), b.p.Ink, theme.Mono
	})
	gone := func(h int) bool { // no full socket: nothing queued, no sequence space to show
		st, _ := m.StateAt(h, b.in.Now)
		return st == "CLOSE" || st == "LISTEN" || st == "TIME_WAIT"
	}
	row(i18n.RowQueues, func(h int) (string, color.NRGBA, theme.FontID) {
		if gone(h) {
			return b.msg(i18n.None), b.p.Ink2, theme.Mono
		}
		sq, rq := snap.side(m.Hosts[h]).Queues()
		return fmt.Sprintf("%d / %d", sq, rq), b.p.Ink, theme.Mono
	})
	row(i18n.RowSeq, func(h int) (string, color.NRGBA, theme.FontID) {
		if gone(h) {
			return b.msg(i18n.None), b.p.Ink2, theme.Mono
		}
		q := snap.side(m.Hosts[h])
		return fmt.Sprintf("%d / %d", q.sndUna, q.sndNxt), b.p.Ink, theme.Mono
	})
	row(i18n.RowTimer, func(h int) (string, color.NRGBA, theme.FontID) {
		var names []string
		for k := range snap.timers {
			if k[0] == m.Hosts[h] {
				names = append(names, k[1])
			}
		}
		sort.Strings(names)
		if len(names) == 0 {
			return b.msg(i18n.None), b.p.Ink2, theme.Mono
		}
		e := snap.timers[[2]string{m.Hosts[h], names[0]}]
		return b.msg(i18n.TimerLeft, timerName(e), DurText(e.Expires-b.in.Now)), b.p.Ink, theme.Mono
	})
	row(i18n.RowLinger, func(h int) (string, color.NRGBA, theme.FontID) {
		if l, ok := snap.linger[m.Hosts[h]]; ok {
			return l, b.p.Ink, theme.Mono
		}
		return b.msg(i18n.Off), b.p.Ink, theme.Mono
	})
	cy += b.px(8)
	b.f.Shapes[start].Rect.H = cy - y
	return cy
}

func (b *builder) counterCard(m *Model, snap *snapshot, x, y, w float64) float64 {
	start := len(b.f.Shapes)
	b.card(Rect{x, y, w, 0})
	ix := x + b.px(14)
	// right-aligned number columns, at least as far apart as the widest sockstat triple needs
	step := math.Max((w-b.px(300))/float64(len(m.Hosts)), b.width("00 / 00 / 00", theme.Mono, theme.SizeLabel)+b.px(12))
	colX := func(h int) float64 { return x + w - b.px(24) - step*float64(len(m.Hosts)-1-h) }
	cy := b.title(ix, y+b.px(12), b.msg(i18n.Counters))
	names := m.counterNames()
	rh := b.px(18)
	if len(names) > maxCounterRows { // the ones that changed last first, then those with a value
		var hot, warm []string
		for _, n := range names {
			changed, nonzero := false, false
			for _, h := range m.Hosts {
				changed = changed || snap.changed[h+"|"+n]
				nonzero = nonzero || snap.counters[h][n] != 0
			}
			switch {
			case changed:
				hot = append(hot, n)
			case nonzero:
				warm = append(warm, n)
			}
		}
		names = append(hot, warm...)
		if len(names) > maxCounterRows {
			names = names[:maxCounterRows]
		}
		sort.Strings(names)
	}
	nameW := colX(0) - ix - b.width("00 / 00 / 00", theme.Mono, theme.SizeLabel) - b.px(8)
	for _, n := range names {
		hi := false
		for _, h := range m.Hosts {
			hi = hi || snap.changed[h+"|"+n]
		}
		if hi {
			b.box(Rect{ix - b.px(6), cy, w - b.px(16), rh}, b.px(3), b.p.Hi, color.NRGBA{}, 0)
		}
		b.textC(ix, cy+rh/2, -1, b.fit(n, theme.Mono, theme.SizeLabel, nameW), theme.Mono, theme.SizeLabel, b.p.Ink)
		for h, host := range m.Hosts {
			b.textC(colX(h), cy+rh/2, 1, fmt.Sprint(snap.counters[host][n]), theme.Mono, theme.SizeLabel, b.p.Ink)
		}
		cy += rh
	}
	// sockstat totals
	b.textC(ix, cy+rh/2, -1, b.fit(b.msg(i18n.Sockstat), theme.Mono, theme.SizeLabel, nameW), theme.Mono, theme.SizeLabel, b.p.Ink2)
	for h, host := range m.Hosts {
		var inuse, orphan, tw int
		for k, st := range snap.state {
			if k[0] != host {
				continue
			}
			switch st {
			case "CLOSE":
			case "TIME_WAIT":
				tw++
			default:
				inuse++
				if snap.closed[k] {
					orphan++
				}
			}
		}
		b.textC(colX(h), cy+rh/2, 1, fmt.Sprintf("%d / %d / %d", inuse, orphan, tw), theme.Mono, theme.SizeLabel, b.p.Ink)
	}
	cy += rh + b.px(10)
	b.f.Shapes[start].Rect.H = cy - y
	return cy
}

// counterNames are the counters the run touches, sorted (cached on the model).
func (m *Model) counterNames() []string {
	if m.counters != nil {
		return m.counters
	}
	seen := map[string]bool{}
	for i := range m.Trace.Events {
		if e := &m.Trace.Events[i]; e.Kind == trace.KindCounter && !seen[e.Name] {
			seen[e.Name] = true
			m.counters = append(m.counters, e.Name)
		}
	}
	sort.Strings(m.counters)
	if m.counters == nil {
		m.counters = []string{}
	}
	return m.counters
}

func (b *builder) callCard(m *Model, x, y, w, h float64) {
	if h < b.px(60) {
		return
	}
	b.card(Rect{x, y, w, h})
	ix := x + b.px(14)
	cy := b.title(ix, y+b.px(12), b.msg(i18n.Calls))
	rh := b.px(19)
	var calls []int
	for _, i := range m.Events {
		e := &m.Trace.Events[i]
		if e.T > b.in.Now {
			break
		}
		if e.Kind == trace.KindCall {
			calls = append(calls, i)
		}
	}
	fit := int((y + h - b.px(8) - cy) / rh)
	if fit < 0 {
		fit = 0
	}
	if len(calls) > fit {
		calls = calls[len(calls)-fit:]
	}
	for _, i := range calls {
		e := &m.Trace.Events[i]
		b.textC(ix, cy+rh/2, -1, fmt.Sprintf("%.1f", float64(e.T)/1000), theme.Mono, theme.SizeLabel, b.p.Ink2)
		b.textC(ix+b.px(62), cy+rh/2, -1, e.Host, theme.UIBold, theme.SizeLabel, b.p.Ink)
		b.textC(ix+b.px(82), cy+rh/2, -1, b.fit(e.Action+"("+i18n.CallDetail(b.in.Lang, e.Detail)+")", theme.Mono, theme.SizeLabel, b.px(218)), theme.Mono, theme.SizeLabel, b.p.Ink)
		res := "→ " + e.Result
		if e.Returned != trace.NoTime {
			res += ", " + b.msg(i18n.Blocked, DurText(e.Returned-e.T))
		} else if e.Action == "close" {
			res += ", " + b.msg(i18n.NotBlocked)
		}
		c := b.p.Ink
		if len(e.Result) > 1 && e.Result[0] == 'E' && e.Result != "EOF" {
			c = b.p.Text(theme.RoleRst)
		}
		b.textC(ix+b.px(306), cy+rh/2, -1, b.fit(res, theme.Mono, theme.SizeLabel, w-b.px(326)), theme.Mono, theme.SizeLabel, c)
		cy += rh
	}
}

// wrap breaks s into lines no wider than maxW: at spaces, and between any two CJK characters.
func (b *builder) wrap(s string, id theme.FontID, size, maxW float64) []string {
	var tokens []string
	cur := []rune{}
	flush := func() {
		if len(cur) > 0 {
			tokens = append(tokens, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range s {
		switch {
		case r == ' ':
			cur = append(cur, r)
			flush()
		case unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef):
			flush()
			cur = append(cur, r)
			flush()
		default:
			cur = append(cur, r)
		}
	}
	flush()
	var lines []string
	line := ""
	for _, t := range tokens {
		if line != "" && b.width(strings.TrimRight(line+t, " "), id, size) > maxW {
			lines = append(lines, strings.TrimRight(line, " "))
			line = ""
		}
		line += t
	}
	if line != "" {
		lines = append(lines, strings.TrimRight(line, " "))
	}
	return lines
}
