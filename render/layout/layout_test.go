package layout

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/source"
	"finwait/render/theme"
)

var fonts = theme.MustFonts()

func input(m *Model, now int64, reveal bool) *Input {
	return &Input{Model: m, Now: now, W: 1280, H: 800, Scale: 1, Pal: theme.Light(), Fonts: fonts, Lang: i18n.EN, Reveal: reveal, Speed: 1, Hover: -1, Profile: "modern", Profiles: []string{"modern", "2.6"}}
}

func catalog(t *testing.T) map[string]*trace.Trace {
	out := map[string]*trace.Trace{}
	for _, sc := range source.Catalog() {
		tr, err := source.Run(sc, source.RunOptions{})
		require.NoError(t, err, sc.Name)
		out[sc.Name] = tr
	}
	return out
}

func models(t *testing.T) map[string][]*Model {
	out := map[string][]*Model{}
	for name, tr := range catalog(t) {
		m := Prepare(tr, -1)
		out[name] = append(out[name], m)
		for _, c := range m.Conns[1:] {
			out[name] = append(out[name], Prepare(tr, c))
		}
	}
	return out
}

func texts(f *Frame, size float64) []string {
	var out []string
	for _, s := range f.Shapes {
		if s.Kind == Text && s.Size == size {
			out = append(out, s.Str)
		}
	}
	return out
}

func TestHeaderShowsEachHostsStateAtTheMoment(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	f := Build(input(m, 530000, false), nil)
	assert.Equal(t, []string{"FIN_WAIT1", "LAST_ACK"}, texts(f, theme.SizeState))
	f = Build(input(m, 540000, false), nil)
	assert.Equal(t, []string{"TIME_WAIT", "LAST_ACK"}, texts(f, theme.SizeState), "the header changes at the exact moment")
	f = Build(input(m, 0, false), nil)
	assert.Equal(t, []string{"SYN_SENT", "LISTEN"}, texts(f, theme.SizeState))
	var sub []string
	for _, s := range texts(f, theme.SizeLabel) {
		if strings.Contains(s, "10.0.0.") {
			sub = append(sub, s)
		}
	}
	f = Build(input(m, 530000, false), nil)
	assert.Contains(t, texts(f, theme.SizeLabel), "client · 10.0.0.1:54344 · orphan")
}

func TestIdleBandStatesTheRealGap(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	f := Build(input(m, 530000, false), nil)
	assert.Contains(t, texts(f, theme.SizeGutter), "≈ 59.98 s idle")
	assert.Contains(t, texts(f, theme.SizeGutter), "≈ 140 ms idle")
}

// Every event of every catalog scenario is on screen when the player is seeked to it.
func TestEveryEventOnScreenWhenSeekedTo(t *testing.T) {
	for name, ms := range models(t) {
		for _, m := range ms {
			for _, i := range m.Events {
				e := &m.Trace.Events[i]
				f := Build(input(m, e.T, false), nil)
				assert.True(t, f.Lanes.Contains(f.Lanes.X+1, f.NowY), "%s c%d: now line of event %d (%s at %d) off screen", name, m.Conn, i, e.Kind, e.T)
				switch e.Kind {
				case trace.KindPacket:
					if e.Conn == m.Conn {
						assert.True(t, hasLabel(f, LabelPacket, m.arrowOf(i)), "%s: packet %d has no label at its send time", name, i)
					}
				case trace.KindState:
					if hostIndex(m, e.Host) < 0 || (e.Conn != m.Conn && e.Conn != trace.NoConn) {
						continue
					}
					assert.True(t, hasLabel(f, LabelState, i), "%s: state %d has no pill at its time", name, i)
				}
			}
		}
	}
}

func hasLabel(f *Frame, k LabelKind, idx int) bool {
	for _, l := range f.Labels {
		if l.Kind == k && l.Index == idx && f.Lanes.Contains(l.Box.X+1, l.Box.Y+1) {
			return true
		}
	}
	return false
}

func TestArrowsRunBetweenTheRightLifelinesAtTheRightTimes(t *testing.T) {
	for name, ms := range models(t) {
		for _, m := range ms {
			in := input(m, m.Trace.EndUs, true)
			f := Build(in, nil)
			top := f.laneTop
			for k := range m.Packets {
				p := &m.Packets[k]
				e := &m.Trace.Events[p.Index]
				x1, y1, x2, y2 := f.ArrowEnds(in, p)
				assert.Equal(t, f.HostX[hostIndex(m, e.From)], x1, "%s: packet %d leaves its sender's lifeline", name, p.Index)
				assert.InDelta(t, top+(m.Warp.Y(e.T)-f.Scroll), y1, 1e-9, "%s: packet %d leaves at its send time", name, p.Index)
				if e.Dropped {
					assert.InDelta(t, (f.HostX[0]+f.HostX[1])/2, x2, 1e-9, "%s: a dropped packet stops mid-wire", name)
					continue
				}
				assert.Equal(t, f.HostX[hostIndex(m, e.To)], x2, "%s: packet %d reaches its receiver's lifeline", name, p.Index)
				assert.InDelta(t, top+(m.Warp.Y(e.Arrive)-f.Scroll), y2, 1e-9, "%s: packet %d arrives at its arrival time", name, p.Index)
				assert.Greater(t, y2, y1, "%s: time flows down", name)
			}
		}
	}
}

func hostIndex(m *Model, h string) int {
	for i, x := range m.Hosts {
		if x == h {
			return i
		}
	}
	return -1
}

func TestLabelsDoNotOverlapAt1280x800(t *testing.T) {
	for name, ms := range models(t) {
		for _, m := range ms {
			for _, now := range m.Moments {
				for _, reveal := range []bool{false, true} {
					f := Build(input(m, now, reveal), nil)
					for i := range f.Labels {
						for j := i + 1; j < len(f.Labels); j++ {
							a, b := f.Labels[i], f.Labels[j]
							if !f.Lanes.Contains(a.Box.X, a.Box.Y) || !f.Lanes.Contains(b.Box.X, b.Box.Y) {
								continue
							}
							assert.False(t, a.Box.Overlaps(b.Box), "%s at %d (reveal %v): label of event %d overlaps label of event %d", name, now, reveal, a.Index, b.Index)
						}
					}
				}
			}
		}
	}
}

func TestHitTestReturnsThePacketUnderThePoint(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	in := input(m, 600000, false)
	f := Build(in, nil)
	n := 0
	for k := range m.Packets {
		p := &m.Packets[k]
		x1, y1, x2, y2 := f.ArrowEnds(in, p)
		for _, fr := range []float64{0.08, 0.92} { // near the ends, away from the label
			x, y := lerp(x1, x2, fr), lerp(y1, y2, fr)+1.5
			h, ok := f.HitTest(x, y, 1)
			require.True(t, ok)
			assert.Equal(t, HitPacket, h.Kind)
			assert.Equal(t, p.Index, h.Index, "point %.0f,%.0f on packet %d", x, y, p.Index)
			n++
		}
		for _, l := range f.Labels {
			if l.Kind == LabelPacket && l.Index == p.Index {
				h, ok := f.HitTest(l.Box.X+l.Box.W/2, l.Box.Y+l.Box.H/2, 1)
				require.True(t, ok)
				assert.Equal(t, p.Index, h.Index, "the label belongs to its packet")
			}
		}
	}
	assert.Equal(t, 2*len(m.Packets), n)
	h, ok := f.HitTest(f.HostX[0]-60, f.Lanes.Y+f.Lanes.H-5, 1)
	assert.True(t, ok)
	assert.Equal(t, HitDiagram, h.Kind, "empty diagram space seeks")
	h, ok = f.HitTest(f.Seek.X+f.Seek.W/2, f.Seek.Y+1, 1)
	assert.True(t, ok)
	assert.Equal(t, HitSeek, h.Kind)
	assert.InDelta(t, m.Warp.Height()/2, m.Warp.Y(f.SeekTime(m, f.Seek.X+f.Seek.W/2)), 0.5, "the seek bar uses the warped axis")
}

func TestFinOnDataIsTwoToned(t *testing.T) {
	b := source.NewBuilder("fp", 20, "A", "B")
	b.Handshake(0, "A", "B").Pkt(200, "A", "B", "FP.", 1, 1, 100, 502, false, "")
	m := Prepare(b.Done(300), 0)
	f := Build(input(m, 300000, false), nil)
	pal := theme.Light()
	var data, fin bool
	for _, s := range f.Shapes {
		if s.Kind == Line && s.Width == 2 {
			data = data || s.Stroke == pal.Base(theme.RoleData)
			fin = fin || s.Stroke == pal.Base(theme.RoleFin)
		}
	}
	assert.True(t, data && fin, "FP. body in the data colour, head in the FIN colour")
}

func TestRevealFadesTheFutureInsteadOfHiding(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	hidden := Build(input(m, 100000, false), nil)
	faded := Build(input(m, 100000, true), nil)
	assert.Less(t, len(hidden.Labels), len(faded.Labels))
	n := 0
	for _, l := range faded.Labels {
		if l.Kind != LabelTimer {
			n++
		}
	}
	assert.Equal(t, len(m.Packets)+len(m.States), n)
}

func TestScaleTwoDoublesGeometry(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	a := Build(input(m, 530000, false), nil)
	in := input(m, 530000, false)
	in.W, in.H, in.Scale = 2560, 1600, 2
	b := Build(in, nil)
	require.Equal(t, len(a.HostX), len(b.HostX))
	for i := range a.HostX {
		assert.InDelta(t, 2*a.HostX[i], b.HostX[i], 1)
	}
	assert.InDelta(t, 2*a.NowY, b.NowY, 2)
	assert.Equal(t, []string{"FIN_WAIT1", "LAST_ACK"}, texts(b, 2*theme.SizeState), "faces are made at device size")
}

func TestPanelExplainsTheKernelDecision(t *testing.T) {
	tr := catalog(t)["close_with_unread_data"]
	m := Prepare(tr, 0)
	f := Build(input(m, 500000, false), nil)
	all := strings.Join(texts(f, theme.SizeBody), " ")
	assert.Contains(t, all, "unread bytes, so tcp_close discards them and sends RST")
	assert.Contains(t, strings.Join(texts(f, theme.SizeLabel), " "), "tcp_close: data_was_unread > 0: send RST, not FIN")
	in := input(m, 500000, false)
	in.Lang = i18n.ZH
	f = Build(in, nil)
	assert.Contains(t, strings.Join(texts(f, theme.SizeBody), ""), "RST")
}

func TestDeterministic(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	a := fmt.Sprint(Build(input(m, 530000, true), nil).Shapes)
	b := fmt.Sprint(Build(input(m, 530000, true), nil).Shapes)
	assert.Equal(t, a, b)
}

func BenchmarkLayout1000Packets(b *testing.B) {
	tr := source.Bulk(1000)
	m := Prepare(tr, 0)
	require.GreaterOrEqual(b, len(m.Packets), 995)
	in := input(m, 0, false)
	f := &Frame{}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in.Now = tr.EndUs * int64(i%100) / 100 // the cursor moves across the whole run
		f = Build(in, f)
	}
}

func TestTooltipHelpAndPickerOverlays(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	in := input(m, 530000, false)
	in.Hover = m.Packets[5].Index // A's FIN
	in.MouseX, in.MouseY = 400, 500
	f := Build(in, nil)
	assert.Contains(t, texts(f, theme.SizeLabel), "A → B  F. seq 101 ack 1 win 502 len 0")
	assert.Contains(t, texts(f, theme.SizeLabel), "sent 500.0 ms, arrives 520.0 ms")
	in.Hover, in.Help = -1, true
	f = Build(in, nil)
	assert.Contains(t, texts(f, theme.SizeTitle), "Keyboard shortcuts")
	in.Help, in.PickerOpen = false, true
	in.Catalog = []CatalogItem{{Name: "a", Summary: "first"}, {Name: "b", Summary: "second", Only: "2.6"}}
	f = Build(in, nil)
	assert.Contains(t, texts(f, theme.SizeLabel), "2.6 only · second")
	n := 0
	for _, h := range f.Hits {
		if h.Kind == HitCommand && h.Cmd == CmdScenario {
			n++
		}
	}
	assert.Equal(t, 2, n)
}

func TestManyConnectionsKeepTheTabsAndCountersInBounds(t *testing.T) {
	b := source.NewBuilder("many", 20, "A", "B")
	for c := 0; c < 40; c++ {
		b.Conn(c).Handshake(float64(c)*100, "A", "B").Counter(float64(c)*100, "A", fmt.Sprintf("TcpExtCounter%02d", c), 1)
	}
	tr := b.Done(5000)
	m := Prepare(tr, 20)
	require.Len(t, m.Conns, 40)
	f := Build(input(m, 2050000, false), nil)
	tabs := 0
	for _, h := range f.Hits {
		if h.Kind == HitCommand && h.Cmd == CmdConn {
			tabs++
			assert.True(t, f.Diagram.Contains(h.Box.X, h.Box.Y+h.Box.H-1))
		}
	}
	assert.Equal(t, maxTabs, tabs)
	for _, s := range f.Shapes {
		if s.Kind == Text {
			assert.Less(t, s.Rect.Y, 800.0, "%q below the screen", s.Str)
		}
	}
}

func TestReducedMotionHasNoSlidingDot(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	count := func(reduced bool) int {
		in := input(m, 530000, false)
		in.Reduced = reduced
		n := 0
		for _, s := range Build(in, nil).Shapes {
			if s.Kind == Circle && s.Radius == 5 && s.Fill == in.Pal.Base(theme.RoleFin) {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 1, count(false), "B's FIN is a dot halfway along its arrow")
	assert.Equal(t, 0, count(true))
}

func (m *Model) arrowOf(i int) int {
	for _, p := range m.Packets {
		for _, k := range p.Members {
			if k == i {
				return p.Index
			}
		}
	}
	return -1
}

func TestBurstIsOneArrow(t *testing.T) {
	b := source.NewBuilder("burst", 20, "A", "B")
	b.Handshake(0, "A", "B")
	for k := 0; k < 3; k++ {
		b.Pkt(200, "A", "B", ".", int64(1+1448*k), 1, 1448, 502, false, "")
	}
	b.Pkt(200, "A", "B", "FP.", 4345, 1, 100, 502, false, "")
	m := Prepare(b.Done(300), 0)
	require.Len(t, m.Packets, 5, "three handshake segments, one burst, one FP.")
	assert.Equal(t, ". seq 1:4345 ack 1 win 502 len 4344 ×3", m.Packets[3].Label)
	assert.Len(t, m.Packets[3].Members, 3)
	f := Build(input(m, 300000, false), nil)
	assert.True(t, hasLabel(f, LabelPacket, m.Packets[4].Index))
}

// The socket card's queues and sequence numbers at the mockup's moment (design README, 530 ms).
func TestSocketCardMatchesTheMockup(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	snap := m.snapshot(530000)
	a, b := snap.side("A"), snap.side("B")
	sq, rq := a.Queues()
	assert.Equal(t, [2]int64{1, 0}, [2]int64{sq, rq}, "A: its FIN is unacknowledged")
	assert.Equal(t, [2]int64{101, 102}, [2]int64{a.sndUna, a.sndNxt})
	sq, rq = b.Queues()
	assert.Equal(t, [2]int64{1, 0}, [2]int64{sq, rq})
	assert.Equal(t, [2]int64{1, 2}, [2]int64{b.sndUna, b.sndNxt})
	sq, _ = m.snapshot(560000).side("B").Queues()
	assert.Equal(t, int64(0), sq, "B's FIN acked")
}

// Every kernel decision the catalog's runs report has a plain sentence in both languages: the
// exact one for its branch, or its function's general one (a miss of the exact one is logged).
func TestEveryPathEventIsExplained(t *testing.T) {
	scs := source.Catalog()
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.json"))
	for _, f := range files { // the scenario files the README and the conformance harness use
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		sc, err := scenario.Parse(b)
		require.NoError(t, err, f)
		scs = append(scs, sc)
	}
	for _, sc := range scs {
		for _, prof := range source.Profiles(sc) {
			tr, err := source.Run(sc, source.RunOptions{Profile: prof})
			require.NoError(t, err)
			for _, e := range tr.Events {
				if e.Kind != trace.KindPath {
					continue
				}
				for _, l := range i18n.Langs() {
					assert.NotEmpty(t, i18n.Explain(l, e.Fn, e.Branch), "%s/%s: %s: %s", sc.Name, l, e.Fn, e.Branch)
				}
				if i18n.Explain(i18n.EN, e.Fn, e.Branch) == i18n.Explain(i18n.EN, e.Fn, "") {
					t.Logf("%s: no sentence of its own for %s: %s", sc.Name, e.Fn, e.Branch)
				}
			}
		}
	}
}

func TestAddressesFromTheScenarioAndTheConnectCall(t *testing.T) {
	b := source.NewBuilder("addr", 20, "A", "B")
	b.Call(0, "A", "connect", "10.0.0.2:5000 from port 32768", "0", 40)
	b.Pkt(0, "A", "B", "S", 0, -1, 0, 64240, false, "")
	m := Prepare(b.Done(100), 0)
	m.SetAddrs(map[string]string{"A": "10.0.0.1", "B": "10.0.0.2"})
	assert.Equal(t, "10.0.0.1:32768", m.HostInfo[0].Addr)
	assert.Equal(t, "10.0.0.2:5000", m.HostInfo[1].Addr)
}

// The panel's fold, advanced step by step while playing, equals one made from scratch.
func TestIncrementalSnapshotEqualsFresh(t *testing.T) {
	for name, tr := range catalog(t) {
		walk := Prepare(tr, -1)
		moments := walk.Moments
		for k, now := range moments {
			if k%3 == 2 { // also step back now and then
				now = moments[k/2]
			}
			got := walk.snapshot(now)
			want := Prepare(tr, -1).snapshot(now)
			assert.Equal(t, want.state, got.state, "%s at %d", name, now)
			assert.Equal(t, want.counters, got.counters, "%s at %d", name, now)
			assert.Equal(t, want.changed, got.changed, "%s at %d", name, now)
			assert.Equal(t, want.path, got.path, "%s at %d", name, now)
			assert.Equal(t, want.linger, got.linger, "%s at %d", name, now)
			assert.Equal(t, len(want.timers), len(got.timers), "%s at %d", name, now)
			for h, q := range want.seq {
				assert.Equal(t, *q, *got.side(h), "%s at %d: %s", name, now, h)
			}
		}
	}
}

func TestWhatIfBadgeUndoes(t *testing.T) {
	m := Prepare(source.NormalActiveClose(), 0)
	in := input(m, 530000, false)
	in.Forks = 2
	f := Build(in, nil)
	assert.Contains(t, texts(f, theme.SizeGutter), "what-if ×2 · u undoes")
	found := false
	for _, h := range f.Hits {
		found = found || (h.Kind == HitCommand && h.Cmd == CmdUndo)
	}
	assert.True(t, found)
	h, ok := f.HitTest(f.HostX[1], f.Diagram.Y+40, 1)
	assert.True(t, ok)
	assert.Equal(t, HitHost, h.Kind, "a header card answers right-clicks (kill its process)")
	assert.Equal(t, 1, h.Index)
}

// Small windows (an iframe in a slide, a phone) zoom the design out to fit and drop the side panel
// when narrow: the header cards stay apart, the top bar's controls do not run into one another,
// and packet labels do not overlap down to 432 CSS px wide (720 design px at the 0.6 floor; a
// phone held upright is narrower, and its labels may crowd).
func TestSmallWindowsFit(t *testing.T) {
	for _, size := range [][3]float64{{960, 600, 1}, {616, 386, 1}, {800, 450, 1}, {1232, 772, 2}, {480, 320, 1}, {390, 844, 1}, {1080, 2340, 3}} {
		scale := FitScale(size[0], size[1], size[2])
		zoom := scale / size[2]
		assert.GreaterOrEqual(t, zoom, 0.6, "%v", size)
		for name, ms := range models(t) {
			m := ms[0]
			for _, now := range []int64{0, m.Moments[len(m.Moments)/2], m.Moments[len(m.Moments)-1]} {
				in := input(m, now, false)
				in.W, in.H, in.Scale = size[0], size[1], scale
				f := Build(in, nil)
				if size[0]/scale < 1099 {
					assert.Equal(t, in.W, f.Diagram.W, "%v: narrow windows drop the panel", size)
				} else {
					assert.Less(t, f.Diagram.W, in.W, "%v: the panel stays", size)
				}
				var cards []Rect
				var top []Hit
				for _, h := range f.Hits {
					switch {
					case h.Kind == HitHost:
						cards = append(cards, h.Box)
					case h.Kind == HitCommand && h.Box.Y+h.Box.H <= f.Diagram.Y+1:
						top = append(top, h)
					}
				}
				for i := range cards {
					assert.LessOrEqual(t, cards[i].X+cards[i].W, in.W, "%v %s: card %d inside", size, name, i)
					for j := i + 1; j < len(cards); j++ {
						assert.False(t, cards[i].Overlaps(cards[j]), "%v %s: header cards %d and %d overlap", size, name, i, j)
					}
				}
				for i := range top {
					for j := i + 1; j < len(top); j++ {
						assert.False(t, top[i].Box.Overlaps(top[j].Box), "%v %s: top bar %s and %s overlap", size, name, top[i].Cmd, top[j].Cmd)
					}
				}
				if size[0]/size[2] < minDesignW*minZoom {
					continue // a phone held upright: narrower than the design allows, labels may crowd
				}
				for i := range f.Labels {
					for j := i + 1; j < len(f.Labels); j++ {
						a, b := f.Labels[i], f.Labels[j]
						if f.Lanes.Contains(a.Box.X, a.Box.Y) && f.Lanes.Contains(b.Box.X, b.Box.Y) {
							assert.False(t, a.Box.Overlaps(b.Box), "%v %s at %d: labels of %d and %d overlap", size, name, now, a.Index, b.Index)
						}
					}
				}
			}
		}
	}
	assert.Equal(t, 1.0, FitScale(1280, 800, 1))
	assert.Equal(t, 2.0, FitScale(2560, 1600, 2))
	assert.InDelta(t, 960.0/1100, FitScale(960, 600, 1), 1e-9, "the embed snippet's 960×600 keeps the panel, zoomed")
	assert.InDelta(t, 386.0/520, FitScale(616, 386, 1), 1e-9, "smaller: no panel, zoomed to fit 720×520")
	assert.Equal(t, 0.6, FitScale(300, 200, 1), "never below 0.6")
}

// No two texts of the side panel overlap, at the design size and at the embed snippet's 960×600
// (zoomed to fit), for every moment of every catalog scenario.
func TestPanelTextsDoNotOverlap(t *testing.T) {
	for _, size := range [][2]float64{{1280, 800}, {960, 600}} {
		for name, ms := range models(t) {
			m := ms[0]
			for _, now := range m.Moments {
				in := input(m, now, false)
				in.W, in.H = size[0], size[1]
				in.Scale = FitScale(in.W, in.H, 1)
				f := Build(in, nil)
				var boxes []Rect
				var strs []string
				for _, s := range f.Shapes {
					if s.Kind != Text || s.Rect.X < f.Diagram.X+f.Diagram.W || s.Rect.Y < f.Diagram.Y || s.Rect.Y > f.Diagram.Y+f.Diagram.H || s.Str == "" {
						continue
					}
					w := in.Fonts.Width(s.Font, s.Size, s.Str)
					h := in.Fonts.LineHeight(s.Font, s.Size)
					boxes = append(boxes, Rect{s.Rect.X, s.Rect.Y + 1, w, h - 2})
					strs = append(strs, s.Str)
				}
				for i := range boxes {
					for j := i + 1; j < len(boxes); j++ {
						if boxes[i].Overlaps(boxes[j]) {
							t.Errorf("%v %s at %d: panel texts %q and %q overlap", size, name, now, strs[i], strs[j])
						}
					}
				}
			}
		}
	}
}
