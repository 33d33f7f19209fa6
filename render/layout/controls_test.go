package layout

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/render/source"
)

// The controls= modes: full draws the top bar and the transport bar; minimal only the transport
// bar; none neither, and the diagram takes the freed height.
func TestControlsModes(t *testing.T) {
	m := nacModel(t)
	cmds := func(mode Controls) (map[Cmd]bool, *Frame) {
		in := input(m, 530_000, false)
		in.Controls = mode
		f := Build(in, nil)
		got := map[Cmd]bool{}
		for _, h := range f.Hits {
			if h.Kind == HitCommand {
				got[h.Cmd] = true
			}
		}
		return got, f
	}
	full, ff := cmds(ControlsFull)
	minimal, fm := cmds(ControlsMinimal)
	none, fn := cmds(ControlsNone)
	assert.True(t, full[CmdPicker] && full[CmdTheme] && full[CmdToggle], "full has both bars")
	assert.True(t, minimal[CmdToggle] && minimal[CmdNext], "minimal keeps play and step")
	assert.False(t, minimal[CmdPicker] || minimal[CmdTheme], "minimal has no top bar")
	assert.False(t, none[CmdToggle] || none[CmdPicker], "none has no controls")
	assert.Greater(t, ff.Diagram.Y, 0.0)
	assert.Equal(t, 0.0, fm.Diagram.Y)
	assert.Equal(t, 0.0, fn.Diagram.Y)
	assert.Greater(t, fn.Diagram.H, fm.Diagram.H)
	assert.Greater(t, fm.Diagram.H, ff.Diagram.H)
	for _, s := range []string{"", "full", "minimal", "none"} {
		_, ok := ParseControls(s)
		assert.True(t, ok, s)
	}
	_, ok := ParseControls("some")
	assert.False(t, ok)
}

// The notice banner sits inside the diagram above the legend, wraps a long message into lines
// that fit (at most four), and is one dismiss target.
func TestNoticeBanner(t *testing.T) {
	m := nacModel(t)
	in := input(m, 530_000, false)
	in.Notice = "Could not open bad.json. scenario file: line 3, column 53: hosts[0].hz: want a whole number, got \"fast\"; " +
		strings.Repeat("and a much longer explanation that cannot fit on one line of the banner ", 6)
	in.NoticeErr = true
	f := Build(in, nil)
	var box *Hit
	for i := range f.Hits {
		if f.Hits[i].Kind == HitCommand && f.Hits[i].Cmd == CmdDismiss {
			box = &f.Hits[i]
		}
	}
	require.NotNil(t, box, "the banner can be dismissed")
	r := box.Box
	assert.GreaterOrEqual(t, r.X, f.Diagram.X)
	assert.LessOrEqual(t, r.X+r.W, f.Diagram.X+f.Diagram.W)
	assert.Greater(t, r.Y, f.Diagram.Y+f.Diagram.H/2, "in the lower half: the state headers stay in view")
	assert.LessOrEqual(t, r.Y+r.H, f.Diagram.Y+f.Diagram.H)
	start := -1
	for i, s := range f.Shapes {
		if s.Kind == Box && s.Rect == r {
			start = i
		}
	}
	require.GreaterOrEqual(t, start, 0, "the banner's box")
	lines := 0
	for _, s := range f.Shapes[start+1:] {
		if s.Kind != Text || s.Str == "×" {
			continue
		}
		lines++
		assert.LessOrEqual(t, s.Rect.X+in.Fonts.Width(s.Font, s.Size, s.Str), r.X+r.W, "line %q fits", s.Str)
	}
	assert.True(t, strings.HasSuffix(f.Shapes[start+lines].Str, "…"))
	assert.Equal(t, 4, lines, "wrapped to four lines, the last cut with …")
}

// TopBarReserve keeps room at the top bar's right end: the app's own controls move left by it.
func TestTopBarReserve(t *testing.T) {
	m := nacModel(t)
	right := func(reserve float64) map[Cmd]float64 {
		in := input(m, 0, false)
		in.TopBarReserve = reserve
		f := Build(in, nil)
		out := map[Cmd]float64{}
		for _, h := range f.Hits {
			if h.Kind == HitCommand && h.Box.Y < f.Diagram.Y {
				out[h.Cmd] = h.Box.X + h.Box.W
			}
		}
		return out
	}
	base, moved := right(0), right(120)
	for _, c := range []Cmd{CmdHelp, CmdTheme, CmdLang, CmdProfile} {
		assert.InDelta(t, base[c]-120*input(m, 0, false).Scale, moved[c], 0.01, "%s moves left by the reserve", c)
	}
	assert.Equal(t, base[CmdPicker], moved[CmdPicker], "the scenario picker stays")
}

// nacModel is normal_active_close's model, all connections.
func nacModel(t *testing.T) *Model {
	t.Helper()
	sc, err := source.Lookup("normal_active_close")
	require.NoError(t, err)
	tr, err := source.Run(sc, source.RunOptions{})
	require.NoError(t, err)
	return Prepare(tr, -1)
}
