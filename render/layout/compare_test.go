package layout

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/compare"
	"finwait/core/scenario"
	"finwait/render/i18n"
	"finwait/render/source"
	"finwait/render/theme"
)

// compareInput is fin_lost_orphan_retries, modern (run 1) beside 2.6 (run 2), at now.
func compareInput(t *testing.T, now int64) *Input {
	t.Helper()
	sc, err := source.Lookup("fin_lost_orphan_retries")
	require.NoError(t, err)
	var m [2]*Model
	for i, p := range []string{"modern", "2.6"} {
		tr, err := source.Run(sc, source.RunOptions{Profile: p, Seed: 1})
		require.NoError(t, err)
		m[i] = Prepare(tr, -1)
	}
	cv := NewCompare(m[0], m[1])
	cv.Labels = [2]string{"modern 6.18", "2.6.32"}
	in := input(m[0], now, false)
	in.Compare = cv
	return in
}

// The two runs share one time axis: one warp, and the player steps through both runs' moments
// (run 2's 920 ms FIN retransmission is a moment of the view though not of run 1).
func TestCompareSharesOneAxis(t *testing.T) {
	in := compareInput(t, 1200000)
	cv := in.Compare
	assert.Same(t, cv.Models[0].Warp, cv.Models[1].Warp)
	assert.Contains(t, cv.Moments, int64(920000))
	assert.NotContains(t, cv.Models[0].Moments, int64(920000))
	assert.Contains(t, cv.Moments, int64(1160000))
	for _, p := range cv.Models[1].Packets {
		assert.Equal(t, cv.Models[1].Warp.Y(p.T0), p.U0, "run 2's arrows are on the shared warp")
	}
	assert.Len(t, cv.Diffs, 9)
}

// Each difference is marked on the diagram of the run(s) it concerns: a halo on the packets
// only in modern (solid) and on those sent at another time (dashed, in both runs), a bar on A's
// lifeline where its state differs, a diamond in each gutter where a counter first differs.
// Run 2's packets take no hover, and the differences are listed in words.
func TestCompareMarksAndList(t *testing.T) {
	in := compareInput(t, 3000000)
	f := Build(in, nil)
	half := in.W * 0.78 / 2
	mark := in.Pal.Base(theme.RoleRst)
	var solid, dashed, bars, diamonds [2]int
	for _, s := range f.Shapes {
		run := 0
		x := s.P[0]
		if s.Kind == Box {
			x = s.Rect.X
		} else if s.Kind == Poly {
			x = s.Pts[0]
		}
		if x >= half {
			run = 1
		}
		switch {
		case s.Kind == Line && s.Width == 9 && s.Dash == 0 && s.Stroke == theme.Fade(mark, 0.3):
			solid[run]++
		case s.Kind == Line && s.Width == 9 && s.Dash > 0 && s.Stroke == theme.Fade(mark, 0.3):
			dashed[run]++
		case s.Kind == Box && s.Rect.W == 10 && s.Fill == theme.Fade(mark, 0.35):
			bars[run]++
		case s.Kind == Poly && len(s.Pts) == 8 && s.Fill == mark && s.Pts[0] < in.W*0.78:
			diamonds[run]++
		}
	}
	assert.Equal(t, [2]int{2, 0}, solid, "the FIN and ACK only in modern (1160, 1180 ms)")
	assert.Equal(t, [2]int{2, 2}, dashed, "the FIN and ACK sent at 680/700 ms in modern, 920/940 ms in 2.6")
	assert.Equal(t, [2]int{1, 1}, bars, "A is FIN_WAIT1 in modern, CLOSE in 2.6 from 1880 to 2120 ms")
	assert.Equal(t, [2]int{2, 2}, diamonds, "counters first differ at 680 and 700 ms (and at 440 ms, scrolled away at 3 s)")
	// at 600 ms nothing differs yet on the diagrams (the list has it all)
	in.Now = 600000
	f = Build(in, f)
	for _, s := range f.Shapes {
		assert.False(t, s.Kind == Line && s.Width == 9, "a halo before the difference")
	}
	assert.Contains(t, strings.Join(texts(f, theme.SizeGutter), " "), "DIFFERENCES · 9")
	in.Now = 3000000
	f = Build(in, f)
	for _, h := range f.Hits {
		if h.Kind == HitPacket {
			assert.Less(t, h.Box.X+h.Box.W/2, half, "only run 1's packets are hit regions")
		}
	}
	// the run names over the diagrams, the list's title and words
	all := strings.Join(texts(f, theme.SizeBody), " ") + " " + strings.Join(texts(f, theme.SizeGutter), " ") // wrapped lines joined
	assert.Contains(t, all, "modern 6.18")
	assert.Contains(t, all, "2.6.32")
	assert.Contains(t, all, "DIFFERENCES · 9")
	assert.Contains(t, all, "packet only in modern 6.18: A>B c0 F. seq 1 ack 1 win 502")
	assert.Contains(t, all, "A c0 is FIN_WAIT1 in modern 6.18, CLOSE in 2.6.32 until")
	in.Lang = i18n.ZH
	f = Build(in, f)
	all = strings.Join(texts(f, theme.SizeGutter), " ")
	assert.Contains(t, all, "不同 · 9")
	assert.Contains(t, all, "仅在 modern 6.18 中的包")
}

// The difference list words each kind from the message table.
func TestCompareDiffWords(t *testing.T) {
	in := compareInput(t, 0)
	b := &builder{in: in}
	got := map[compare.Kind]string{}
	for _, d := range in.Compare.Diffs {
		if _, ok := got[d.Kind]; !ok {
			got[d.Kind] = b.diffWords(d)
		}
	}
	assert.Equal(t, map[compare.Kind]string{
		compare.Counter: "counter A TcpExtTCPLossProbes: 1 in modern 6.18, 0 in 2.6.32 at the end",
		compare.Timing:  "packet sent at 680.0 ms in modern 6.18, at 920.0 ms in 2.6.32: A>B c0 F. seq 1 ack 1 win 502 len 0 (retransmit)",
		compare.OnlyIn:  "packet only in modern 6.18: A>B c0 F. seq 1 ack 1 win 502 len 0 (retransmit)",
		compare.State:   "A c0 is FIN_WAIT1 in modern 6.18, CLOSE in 2.6.32 until 2120 ms",
	}, got)
}

// Each run's name row is drawn over its diagram: a timer bar or packet that scrolled above the
// diagram's top is under the row, never over the run's name.
func TestCompareNamesAreOverTheirDiagrams(t *testing.T) {
	sc, err := source.Lookup("fin_lost_orphan_retries")
	require.NoError(t, err)
	sp, err := compare.ParseSpec("kill:B@300ms") // A's RTO bar runs from above the view at 1.2 s
	require.NoError(t, err)
	sc2, p2, err := compare.Apply(sp, sc, "modern")
	require.NoError(t, err)
	var m [2]*Model
	for i, run := range [2]scenario.Scenario{sc, sc2} {
		tr, err := source.Run(run, source.RunOptions{Profile: [2]string{"modern", p2}[i], Seed: 1})
		require.NoError(t, err)
		m[i] = Prepare(tr, -1)
	}
	for _, now := range []int64{1200000, 2250000} {
		cv := NewCompare(m[0], m[1])
		cv.Labels = [2]string{"modern 6.18", "2.6.32"}
		in := input(m[0], now, false)
		in.Compare = cv
		f := Build(in, nil)
		rows := 0
		for i, s := range f.Shapes {
			if s.Kind != Text || (s.Str != "modern 6.18" && s.Str != "2.6.32") || s.Rect.Y < f.Diagram.Y || s.Rect.Y > f.Diagram.Y+in.Scale*compareLabelH {
				continue
			}
			rows++
			row := f.Shapes[i-1] // the row's box, drawn just before its name
			require.Equal(t, Box, row.Kind, "%q", s.Str)
			for j, l := range f.Shapes[i+1:] {
				if l.Kind != Line || min(l.P[1], l.P[3]) >= row.Rect.Y+row.Rect.H || l.P[0] < row.Rect.X || l.P[0] > row.Rect.X+row.Rect.W {
					continue
				}
				if l.P[0] == l.P[2] && max(l.P[1], l.P[3]) > row.Rect.Y+row.Rect.H {
					t.Errorf("at %d: a vertical line at x %.0f (shape %d) crosses %q's row after it", now, l.P[0], i+1+j, s.Str)
				}
			}
		}
		assert.Equal(t, 2, rows, "at %d: both runs named", now)
	}
}
