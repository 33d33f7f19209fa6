package layout

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/core/wire"
	"finwait/render/i18n"
	"finwait/render/source"
	"finwait/render/theme"
)

// truthRun runs a catalog scenario (with extra wire rules: a what-if) in its first profile and
// gives the model of connection 0 and an input at now carrying the scenario's settings.
func truthRun(t *testing.T, name string, now int64, rules ...wire.Rule) (*Model, *Input) {
	t.Helper()
	sc, err := source.Lookup(name)
	require.NoError(t, err)
	sc.Wire.Rules = append(append([]wire.Rule(nil), sc.Wire.Rules...), rules...)
	tr, err := source.Run(sc, source.RunOptions{})
	require.NoError(t, err)
	m := Prepare(tr, 0)
	in := input(m, now, false)
	in.Settings, err = sc.Settings("")
	require.NoError(t, err)
	in.Summary = sc.Summary
	if now < 0 {
		in.Now = tr.EndUs
	}
	return m, in
}

// dropFinBA is the what-if that loses B's FIN to A n times.
func dropFinBA(n int) wire.Rule {
	c := 0
	return wire.Rule{From: "B", To: "A", Conn: &c, Kind: "fin", Count: n, Action: wire.Drop}
}

// shownTexts are the texts of a frame in drawing order.
func shownTexts(f *Frame) []string {
	var out []string
	for _, s := range f.Shapes {
		if s.Kind == Text && s.Str != "" {
			out = append(out, s.Str)
		}
	}
	return out
}

func TestSettingsPanelListsWhatTheScenarioSets(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang i18n.Lang
		want []string
	}{
		{"normal_active_close", i18n.EN, []string{"What normal_active_close sets · otherwise the modern 6.18 defaults",
			"A", "HZ = 250, default 1000", "tcp_fin_timeout = 3, default 60",
			"B", "HZ = 250, default 1000", "tcp_fin_timeout = 3, default 60",
			"wire", "one-way delay 20ms each way", "o, Esc or a click closes"}},
		{"normal_active_close", i18n.ZH, []string{"normal_active_close 的设置 · 没有列出的都是 新内核 6.18 的内核设置",
			"A", "HZ = 250, 内核为 1000", "tcp_fin_timeout = 3, 内核为 60",
			"B", "HZ = 250, 内核为 1000", "tcp_fin_timeout = 3, 内核为 60",
			"线路", "单向延迟 20ms", "按 o、Esc 或点按关闭"}},
		{"linger_timeout", i18n.EN, []string{"What linger_timeout sets · otherwise the modern 6.18 defaults",
			"A", "HZ = 250, default 1000", "tcp_fin_timeout = 3, default 60", "at 0 ms: setsockopt SO_LINGER = 1, 2",
			"B", "HZ = 250, default 1000", "tcp_fin_timeout = 3, default 60",
			"wire", "one-way delay 20ms each way", "lose B→A, 200 ms – 2550 ms", "o, Esc or a click closes"}},
		{"tw_recycle_nat", i18n.EN, []string{"What tw_recycle_nat sets · otherwise the 2.6.32 defaults",
			"B", "tcp_tw_recycle = 1, default 0", "wire", "one-way delay 1ms each way", "NAT: H1, H2 share 10.0.0.1", "o, Esc or a click closes"}},
		{"orphan_overflow", i18n.EN, []string{"What orphan_overflow sets · otherwise the modern 6.18 defaults",
			"every kernel setting at the profile's default", "wire", "one-way delay 1ms each way", "o, Esc or a click closes"}},
	} {
		_, in := truthRun(t, tc.name, 0)
		in.Lang, in.SettingsOpen = tc.lang, true
		switch tc.name {
		case "tw_recycle_nat": // a 2.6 scenario
			in.Profile = "2.6"
		case "orphan_overflow": // no host setting: only the wire
			in.Settings = []scenario.Setting{{At: -1, Kind: "delay", Value: "1ms"}}
		}
		f := Build(in, nil)
		all := shownTexts(f)
		start := slices.Index(all, tc.want[0])
		require.GreaterOrEqual(t, start, 0, "%s %s: no settings panel in %q", tc.name, tc.lang, all)
		assert.Equal(t, tc.want, all[start:start+len(tc.want)], "%s %s", tc.name, tc.lang)
		h, ok := f.HitTest(in.W/2, in.H/2, 1)
		assert.True(t, ok && h.Cmd == CmdSettings, "a click on it closes the panel")
	}
	// the control: a button in the top bar
	_, in := truthRun(t, "normal_active_close", 0)
	f := Build(in, nil)
	found := false
	for _, h := range f.Hits {
		if h.Cmd == CmdSettings {
			found = true
			assert.Less(t, h.Box.Y+h.Box.H, f.Diagram.Y+1, "in the top bar")
			got, ok := f.HitTest(h.Box.X+h.Box.W/2, h.Box.Y+h.Box.H/2, 1)
			assert.True(t, ok && got.Cmd == CmdSettings)
		}
	}
	assert.True(t, found, "a settings button")
}

// The timer a setting lengthens or shortens says so: fin_wait2_timeout's FIN_WAIT2 timer reads
// 3 s because of tcp_fin_timeout = 3, not the kernel's 60.
func TestTimerMarkNamesTheSettingBehindItsLength(t *testing.T) {
	for _, tc := range []struct {
		name   string
		now    int64
		lang   i18n.Lang
		plain  bool // no settings given: no mark
		labels []string
	}{
		{"fin_wait2_timeout", 3_300_000, i18n.EN, false, []string{"FIN_WAIT2 3 s: tcp_fin_timeout = 3, default 60"}},
		{"fin_wait2_timeout", 1_000_000, i18n.EN, false, []string{"FIN_WAIT2 2.24 s left: tcp_fin_timeout = 3, default 60"}},
		{"fin_wait2_timeout", 3_300_000, i18n.ZH, false, []string{"FIN_WAIT2 3 s: tcp_fin_timeout = 3, 内核为 60"}},
		{"fin_wait2_timeout", 3_300_000, i18n.EN, true, []string{"FIN_WAIT2 3 s"}},
		{"linger_timeout", 3_000_000, i18n.EN, false, []string{"linger 2 s: setsockopt SO_LINGER = 1, 2"}},
		// armed and cancelled at once, near the diagram's foot: the ring's label is short, the mark on hover
		{"normal_active_close", -1, i18n.EN, false, []string{"FIN_WAIT2 3 s", "TIME_WAIT 60 s"}},
	} {
		_, in := truthRun(t, tc.name, tc.now)
		in.Lang = tc.lang
		if tc.plain {
			in.Settings = nil
		}
		var got []string
		f := Build(in, nil)
		if !tc.plain {
			marked := false
			for _, tip := range f.Tips {
				marked = marked || tip.Str == tc.labels[0] || tip.Str == "FIN_WAIT2 3 s: tcp_fin_timeout = 3, default 60"
			}
			assert.True(t, marked, "%s at %d (%s): the whole mark on hover", tc.name, tc.now, tc.lang)
		}
		for _, s := range f.Shapes {
			if s.Kind == Text && s.Rot != 0 && (strings.HasPrefix(s.Str, "FIN_WAIT2") || strings.HasPrefix(s.Str, "linger") || strings.HasPrefix(s.Str, "TIME_WAIT")) {
				got = append(got, s.Str)
			}
		}
		assert.Equal(t, tc.labels, got, "%s at %d (%s)", tc.name, tc.now, tc.lang)
	}
}

// The kernel-path panel shows the receive path a segment ran and the application's close() as
// two chains, and says what the moment's steps mean for the user.
func TestKernelPathShowsEachCauseAsItsOwnChain(t *testing.T) {
	_, in := truthRun(t, "normal_active_close", 520_000)
	all := shownTexts(Build(in, nil))
	i := slices.Index(all, "KERNEL PATH · B, 520 ms")
	require.GreaterOrEqual(t, i, 0, "%q", all)
	assert.Equal(t, []string{"KERNEL PATH · B, 520 ms", "segment from A: tcp_fin", "close(): tcp_close › tcp_send_fin"}, all[i:i+3])
	joined := strings.Join(all, " ")
	assert.Contains(t, joined, "What it means: the ACK of this FIN waits: if the application closes soon, the ACK rides on its FIN and the close takes three segments, not four.")
	assert.NotContains(t, joined, "tcp_fin › tcp_close")

	_, in = truthRun(t, "normal_active_close", 540_000)
	all = shownTexts(Build(in, nil))
	i = slices.Index(all, "KERNEL PATH · A, 540 ms")
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, []string{"segment from B: tcp_rcv_state_process › tcp_fin ›", "tcp_time_wait"}, all[i+1:i+3])
	assert.Contains(t, strings.Join(all, " "), "What it means: the peer's FIN carried the ACK of ours, so the close took three segments, not four.")

	in.Lang = i18n.ZH
	all = shownTexts(Build(in, nil))
	assert.Contains(t, all, "B 的报文到达: tcp_rcv_state_process › tcp_fin › tcp_time_wait")
	assert.Contains(t, strings.Join(all, ""), "对用户: 对端的 FIN 带着对我们 FIN 的 ACK")
}

// Each meaning in the table belongs to a path event some catalog run has (a typo in a key
// would silently never show), and has its own words in each language, all of them drawable.
func TestEveryMeaningMatchesAPathEvent(t *testing.T) {
	en := i18n.MeaningKeys()
	for _, k := range en {
		fn, cond, _ := strings.Cut(k, "|")
		assert.NotEqual(t, i18n.Meaning(i18n.EN, fn, cond), i18n.Meaning(i18n.ZH, fn, cond), "%s in both languages", k)
		for _, r := range i18n.Meaning(i18n.ZH, fn, cond) { // the CJK subset has its characters
			assert.True(t, fonts.HasGlyph(theme.UI, r), "%s: no glyph for %q", k, r)
		}
	}
	seen := map[string]bool{}
	for _, sc := range source.Catalog() {
		for _, p := range source.Profiles(sc) {
			tr, err := source.Run(sc, source.RunOptions{Profile: p})
			require.NoError(t, err)
			for _, e := range tr.Events {
				if e.Kind == trace.KindPath {
					for _, k := range en {
						fn, cond, _ := strings.Cut(k, "|")
						seen[k] = seen[k] || fn == e.Fn && strings.HasPrefix(e.Branch, cond)
					}
				}
			}
		}
	}
	for _, k := range en {
		assert.True(t, seen[k], "meaning %q matches no path event of the catalog", k)
	}
}

// tipAt is the tip a frame holds at a point ("" when none).
func tipAt(f *Frame, x, y float64) string {
	for i := len(f.Tips) - 1; i >= 0; i-- {
		if f.Tips[i].Box.Contains(x, y) {
			return f.Tips[i].Str
		}
	}
	return ""
}

// Calls that put nothing on the wire are marked on their host's lifeline, and say what they were
// on hover.
func TestCallsThatLeaveNothingOnTheWireAreMarked(t *testing.T) {
	m, in := truthRun(t, "port_exhaustion", 520_000)
	f := Build(in, nil)
	d := &dia{builder: &builder{in: in, f: f, s: 1}, m: m, w: m.Warp, top: f.laneTop, scroll: f.Scroll}
	ax := f.HostX[hostIndex(m, "A")]
	for _, tc := range []struct {
		t    int64
		want string
	}{
		{400_000, "A: connect(10.0.0.2:5000) → EADDRNOTAVAIL · nothing on the wire"},
		{500_000, "A: sysctl(tcp_tw_reuse = 1) → 0 · nothing on the wire"},
	} {
		y := d.y(tc.t)
		assert.Equal(t, tc.want, tipAt(f, ax, y), "the mark at %d on A's lifeline", tc.t)
		marked := false
		for _, s := range f.Shapes {
			marked = marked || s.Kind == Box && s.Rect.Contains(ax, y) && s.Rect.W < 20
		}
		assert.True(t, marked, "a mark drawn at %d", tc.t)
		in.MouseX, in.MouseY = ax, y
		assert.Contains(t, shownTexts(Build(in, nil)), tc.want, "shown on hover")
	}
	assert.Equal(t, "", tipAt(f, ax, d.y(450_000)), "nothing where no call was")

	m, in = truthRun(t, "linger2_negative", 100_000) // a setsockopt before the connection
	f = Build(in, nil)
	d = &dia{builder: &builder{in: in, f: f, s: 1}, m: m, w: m.Warp, top: f.laneTop, scroll: f.Scroll}
	assert.Equal(t, "A: setsockopt(TCP_LINGER2 -1 (getsockopt reads -1)) → 0 · nothing on the wire", tipAt(f, f.HostX[0], d.y(0)))
}

// pillsOf are host h's state pills in a frame, in trace order.
func pillsOf(m *Model, f *Frame, h int) (texts []string, boxes []Rect) {
	for _, l := range f.Labels {
		if l.Kind != LabelState {
			continue
		}
		for _, st := range m.States {
			if st.Index == l.Index && st.Host == h {
				texts, boxes = append(texts, st.Text), append(boxes, l.Box)
			}
		}
	}
	return
}

// After a what-if that loses B's FIN, A's three changes at one instant stack in their order.
func TestWhatIfStatePillsStackInTraceOrder(t *testing.T) {
	m, in := truthRun(t, "normal_active_close", 780_000, dropFinBA(1))
	f := Build(in, nil)
	texts, boxes := pillsOf(m, f, 0)
	require.GreaterOrEqual(t, len(texts), 3)
	n := len(texts)
	assert.Equal(t, []string{"FIN_WAIT2", "TIME_WAIT (FIN_WAIT2)", "TIME_WAIT"}, texts[n-3:])
	for i := n - 2; i < n; i++ {
		assert.Greater(t, boxes[i].Y, boxes[i-1].Y+boxes[i-1].H, "%s below %s", texts[i], texts[i-1])
	}
}

// After a what-if that loses B's FIN twice, A waits in a TW socket in substate FIN_WAIT2 (3 s,
// tcp_fin_timeout) until the FIN comes, then 60 s in TIME_WAIT: two bars, each labelled with
// its own length.
func TestWhatIfTimerLabelsMatchTheirBars(t *testing.T) {
	m, in := truthRun(t, "normal_active_close", -1, dropFinBA(2))
	var bars []string
	for _, tb := range m.Timers {
		if tb.Host == 0 && tb.T0 >= 780_000 {
			bars = append(bars, tb.Name+" "+DurText(tb.Expires-tb.T0)+" "+DurText(tb.T1-tb.T0))
		}
	}
	assert.Equal(t, []string{"FIN_WAIT2 3 s 240 ms", "TIME_WAIT 60 s 60 s"}, bars, "armed for, ran for")
	f := Build(in, nil)
	d := &dia{builder: &builder{in: in, f: f, s: 1}, m: m, w: m.Warp, top: f.laneTop, scroll: f.Scroll}
	var labels []string
	for _, l := range f.Labels {
		if l.Kind != LabelTimer || l.Box.X > f.HostX[0] || l.Box.Y < d.y(780_000) {
			continue // A's labels from the what-if on
		}
		for _, s := range f.Shapes {
			if s.Kind == Text && s.Rot != 0 && s.Rect.Y == l.Box.Y && s.Rect.X == l.Box.X+l.Box.W {
				labels = append(labels, s.Str)
			}
		}
		if len(labels) == 1 {
			assert.Less(t, l.Box.Y+l.Box.H, d.y(1_020_000), "the FIN_WAIT2 label ends before the TIME_WAIT bar")
		} else {
			assert.InDelta(t, d.y(1_020_000)+6, l.Box.Y, 0.01, "the TIME_WAIT label beside its own bar")
		}
	}
	assert.Equal(t, []string{"FIN_WAIT2…", "TIME_WAIT 60 s"}, labels, "the first cut short where the second bar starts")
}

// A socket that went from TIME_WAIT to CLOSE has no substate any more.
func TestNoSubstateAfterClose(t *testing.T) {
	m, in := truthRun(t, "normal_active_close", -1)
	assert.Equal(t, "", m.SubstateAt(0, in.Now))
	assert.Equal(t, "TIME_WAIT", m.SubstateAt(0, in.Now-1))
	all := shownTexts(Build(in, nil))
	i := slices.Index(all, "substate")
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, []string{"substate", "—", "—"}, all[i:i+3])
}

// The right-click what-ifs are hinted where they apply, and in help.
func TestWhatIfsAreHinted(t *testing.T) {
	m, in := truthRun(t, "normal_active_close", 600_000)
	in.Hover = m.Packets[len(m.Packets)-1].Index
	in.MouseX, in.MouseY = 300, 300
	assert.Contains(t, shownTexts(Build(in, nil)), "right-click or long-press: what if it were lost")
	in.Hover = -1
	f := Build(in, nil)
	for h, name := range m.Hosts {
		var card Rect
		for _, hit := range f.Hits {
			if hit.Kind == HitHost && hit.Index == h {
				card = hit.Box
			}
		}
		in.MouseX, in.MouseY = card.X+card.W/2, card.Y+card.H/2
		assert.Contains(t, shownTexts(Build(in, nil)), "right-click or long-press: what if "+name+"'s process were killed now")
	}
	in.Help = true
	all := shownTexts(Build(in, nil))
	assert.Contains(t, all, "what-if: lose this packet / kill this process")
	assert.Contains(t, all, "what the scenario sets (settings)")
}

// Every scenario's description can be read whole at 1280×800: on hover over the top bar's (cut)
// description or the picker's row, and in the help overlay.
func TestDescriptionsAreReadableWhole(t *testing.T) {
	cut := 0
	var items []CatalogItem
	for _, sc := range source.Catalog() {
		items = append(items, CatalogItem{Name: sc.Name, Summary: sc.Summary})
	}
	for _, sc := range source.Catalog() {
		_, in := truthRun(t, sc.Name, 0)
		f := Build(in, nil)
		var desc *Tip
		for i := range f.Tips {
			if t := &f.Tips[i]; t.Str == sc.Summary {
				desc = t
			}
		}
		require.NotNil(t, desc, "%s: the description has a tip", sc.Name)
		if !slices.Contains(shownTexts(f), sc.Summary) {
			cut++
		}
		in.MouseX, in.MouseY = desc.Box.X+desc.Box.W/2, desc.Box.Y+desc.Box.H/2
		assert.Equal(t, sc.Summary, strings.Join(wrappedTip(t, Build(in, nil), f), " "), "%s: the whole sentence on hover", sc.Name)
		in.MouseX, in.MouseY = -1, -1
		in.Help = true
		assert.Contains(t, strings.Join(shownTexts(Build(in, nil)), " "), sc.Name+": "+sc.Summary, "%s: in help", sc.Name)
	}
	assert.Greater(t, cut, 10, "most descriptions are cut in the top bar at 1280 px")
	_, in := truthRun(t, "normal_active_close", 0)
	in.Catalog, in.PickerOpen = items, true
	f := Build(in, nil)
	for i, it := range items {
		var row Rect
		for _, h := range f.Hits {
			if h.Cmd == CmdScenario && h.Arg == i {
				row = h.Box
			}
		}
		in.MouseX, in.MouseY = row.X+row.W-20, row.Y+row.H/2
		assert.Equal(t, it.Summary, strings.Join(wrappedTip(t, Build(in, nil), f), " "), "picker row %s", it.Name)
	}
}

// wrappedTip is the lines a hover frame draws beyond those of the frame without hover.
func wrappedTip(t *testing.T, hover, plain *Frame) []string {
	t.Helper()
	a, b := shownTexts(hover), shownTexts(plain)
	require.Greater(t, len(a), len(b))
	return a[len(b):]
}

// The overlaps seen at 1280×800, for every moment of every catalog scenario and of the what-ifs
// that lose each segment of normal_active_close: a packet label touching a state pill, the now
// line striking through a pill or a timer label, vertical timer labels colliding with any label,
// the what-if badge over a header card.
func TestNewOverlapKindsAt1280x800(t *testing.T) {
	type run struct {
		name string
		m    *Model
	}
	var runs []run
	for name, ms := range models(t) {
		for _, m := range ms {
			runs = append(runs, run{name, m})
		}
	}
	base, _ := truthRun(t, "normal_active_close", 0)
	for _, p := range base.Packets {
		e := &base.Trace.Events[p.Index]
		n := 0
		for _, q := range base.Packets {
			if q.Index < p.Index && q.From == p.From && q.To == p.To {
				n += len(q.Members)
			}
		}
		c := 0
		m, _ := truthRun(t, "normal_active_close", 0, wire.Rule{From: e.From, To: e.To, Conn: &c, Index: &n, Action: wire.Drop})
		runs = append(runs, run{"normal_active_close, " + e.From + ">" + e.To + " " + e.Flags + " lost", m})
	}
	gap := 3.0
	for _, r := range runs {
		var times []int64 // the moments, and halfway between them (a segment on the wire)
		for i, t := range r.m.Moments {
			times = append(times, t)
			if i+1 < len(r.m.Moments) {
				times = append(times, (t+r.m.Moments[i+1])/2)
			}
		}
		for k, now := range times {
			in := input(r.m, now, k%2 == 1) // every other frame in reveal mode: the future's labels too
			in.Forks = 1
			f := Build(in, nil)
			var pills, others []Rect
			for _, l := range f.Labels {
				if !f.Lanes.Contains(l.Box.X, l.Box.Y) {
					continue
				}
				switch l.Kind {
				case LabelState:
					pills = append(pills, l.Box)
				case LabelPacket:
					for _, p := range pills {
						assert.False(t, p.Inset(-gap).Overlaps(l.Box), "%s at %d: packet label %d within %v px of a state pill", r.name, now, l.Index, gap)
					}
				}
				others = append(others, l.Box)
			}
			for i, l := range f.Labels {
				if l.Kind != LabelTimer || !f.Lanes.Contains(l.Box.X, l.Box.Y) {
					continue
				}
				for j, o := range f.Labels {
					if j != i && f.Lanes.Contains(o.Box.X, o.Box.Y) {
						assert.False(t, l.Box.Overlaps(o.Box), "%s at %d: a timer label overlaps label %d", r.name, now, o.Index)
					}
				}
			}
			for _, s := range f.Shapes { // the now line: dashed, level with NowY
				if s.Kind != Line || s.Dash == 0 || s.P[1] != f.NowY || s.P[3] != f.NowY {
					continue
				}
				seg := Rect{math.Min(s.P[0], s.P[2]), f.NowY - 0.5, math.Abs(s.P[2] - s.P[0]), 1}
				for _, o := range others {
					assert.False(t, seg.Overlaps(o), "%s at %d: the now line strikes through a label at %v", r.name, now, o)
				}
			}
			var badge Rect
			for _, h := range f.Hits {
				if h.Cmd == CmdUndo {
					badge = h.Box
				}
			}
			for _, h := range f.Hits {
				if h.Kind == HitHost {
					assert.False(t, badge.Overlaps(h.Box), "%s at %d: the what-if badge covers header card %d", r.name, now, h.Index)
				}
			}
		}
	}
}

var _ scenario.Setting

// The panel's words for the page's live region (screen readers, and the browser test).
func TestSettingsText(t *testing.T) {
	_, in := truthRun(t, "linger_timeout", 0)
	assert.Equal(t, "What linger_timeout sets · otherwise the modern 6.18 defaults: A: HZ = 250, default 1000; tcp_fin_timeout = 3, default 60; at 0 ms: setsockopt SO_LINGER = 1, 2; B: HZ = 250, default 1000; tcp_fin_timeout = 3, default 60; wire: one-way delay 20ms each way; lose B→A, 200 ms – 2550 ms", SettingsText(in))
	in.Settings = in.Settings[len(in.Settings)-2:]
	in.Lang = i18n.ZH
	assert.Equal(t, "linger_timeout 的设置 · 没有列出的都是 新内核 6.18 的内核设置: 内核设置都没有变化; 线路: 单向延迟 20ms; 丢弃 B→A, 200 ms – 2550 ms", SettingsText(in))
}

// The settings sheet is as wide as its title and rows need (a long scenario name), within the
// window: every text it draws lies inside its card, in both languages, at 1280×800 and on a
// window too narrow for a long title (which is then cut, not run past the edge).
func TestSettingsSheetHoldsItsText(t *testing.T) {
	for _, name := range []string{"normal_active_close", "fin_lost_orphan_retries", "tw_buckets_overflow"} {
		for _, lang := range i18n.Langs() {
			for _, w := range []float64{1280, 760} {
				_, in := truthRun(t, name, 0)
				in.Lang, in.SettingsOpen, in.W, in.H = lang, true, w, 800
				f := Build(in, nil)
				card := -1
				for i, s := range f.Shapes {
					if s.Kind == Text && strings.HasPrefix(s.Str, strings.SplitN(i18n.Msg(lang, i18n.SettingsTitle, name, "x"), name, 2)[0]+name) {
						card = i - 1
					}
				}
				require.GreaterOrEqual(t, card, 0, "%s %s %v: no settings title", name, lang, w)
				c := f.Shapes[card].Rect
				require.Equal(t, Box, f.Shapes[card].Kind)
				for _, s := range f.Shapes[card+1:] {
					if s.Kind != Text || s.Str == "" {
						continue
					}
					right := s.Rect.X + fonts.Width(s.Font, s.Size, s.Str)
					assert.True(t, s.Rect.X >= c.X && right <= c.X+c.W+0.5, "%s %s %v: %q (%.0f–%.0f) runs out of the card (%.0f–%.0f)", name, lang, w, s.Str, s.Rect.X, right, c.X, c.X+c.W)
				}
			}
		}
	}
}
