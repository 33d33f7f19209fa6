package layout

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/pkt"
	"finwait/render/theme"
)

// The marks of a packetdrill run: a green disc with the line's number at the start of a packet
// that met its line, a red one where the packet differs, and for a segment that never came a
// dashed red stub from the sender's lifeline at the moment it was due, a disc beside it.
func TestExpectMarks(t *testing.T) {
	src, err := os.ReadFile("../app/testdata/two_misses.pkt")
	require.NoError(t, err)
	s, err := pkt.Parse("two_misses.pkt", src)
	require.NoError(t, err)
	res, err := pkt.Run(s)
	require.NoError(t, err)
	m := Prepare(res.Trace, -1)
	m.Expects = []Expect{
		{Line: 6, Met: true, Event: 3},
		{Line: 11, Met: false, Event: 16},
		{Line: 14, Met: false, Event: -1, T: 300000, From: "local", To: "remote"},
	}
	EnableExpectMarks()
	in := input(m, res.Trace.EndUs, true)
	f := Build(in, nil)
	pal := theme.Light()
	type disc struct {
		x, y float64
		red  bool
	}
	discs := map[string]disc{}
	for i, sh := range f.Shapes {
		if sh.Kind != Circle || i+1 >= len(f.Shapes) || f.Shapes[i+1].Kind != Text {
			continue
		}
		if c := sh.Fill; c == pal.Base(theme.RoleData) || c == pal.Base(theme.RoleRst) {
			discs[f.Shapes[i+1].Str] = disc{sh.P[0], sh.P[1], c == pal.Base(theme.RoleRst)}
		}
	}
	require.Len(t, discs, 3, "one disc per expected segment: %v", discs)
	for _, c := range []struct {
		line  string
		event int
		red   bool
	}{{"6", 3, false}, {"11", 16, true}} {
		d := discs[c.line]
		p := (&dia{builder: &builder{}, m: m}).packetOf(c.event)
		require.NotNil(t, p)
		x1, y1, x2, y2 := f.ArrowEnds(in, p)
		assert.InDelta(t, x1+0.15*(x2-x1), d.x, 1e-6, "line %s: on its packet", c.line)
		assert.InDelta(t, y1+0.15*(y2-y1), d.y, 1e-6, "line %s: on its packet", c.line)
		assert.Equal(t, c.red, d.red, "line %s", c.line)
	}
	never := discs["14"]
	assert.True(t, never.red)
	assert.InDelta(t, f.laneTop+(m.Warp.Y(300000)-f.Scroll), never.y, 1e-6, "due at 300 ms")
	assert.Less(t, never.x, f.HostX[0], "beside the local lifeline")
	dashed := 0
	for _, sh := range f.Shapes {
		if sh.Kind == Line && sh.Dash > 0 && sh.P[0] == f.HostX[0] && sh.P[1] == never.y && sh.Stroke == pal.Base(theme.RoleRst) {
			dashed++
		}
	}
	assert.Equal(t, 1, dashed, "the stub of the segment that never came")
}
