package layout

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/xref"
	"finwait/render/i18n"
	"finwait/render/source"
	"finwait/render/theme"
)

// The kernel-path panel's function names (the chain and the decision's function) are link regions
// over the drawn names, and each opens that function in the profile's kernel.
func TestPanelFunctionNamesLinkToTheProfilesKernel(t *testing.T) {
	sc, err := source.Lookup("close_with_unread_data")
	require.NoError(t, err)
	for _, c := range []struct{ profile, version string }{{"modern", "v6.18"}, {"2.6", "v2.6.32"}} {
		tr, err := source.Run(sc, source.RunOptions{Profile: c.profile})
		require.NoError(t, err)
		in := input(Prepare(tr, 0), 500000, false)
		in.Profile = c.profile
		f := Build(in, nil)
		b := &builder{in: in, s: 1, ft: fonts}
		urls := map[string]bool{}
		n := 0
		for _, h := range f.Hits {
			if h.Cmd != CmdSource {
				continue
			}
			n++
			fn := tr.Events[h.Arg].Fn
			u, err := xref.URL(fn, c.profile)
			require.NoError(t, err)
			urls[u] = true
			// the region lies over the drawn name
			over := false
			for _, s := range f.Shapes {
				if k := strings.Index(s.Str, fn); s.Kind == Text && s.Font == theme.Mono && k >= 0 && s.Rect.Y == h.Box.Y &&
					s.Rect.X+b.width(s.Str[:k], theme.Mono, theme.SizeLabel) == h.Box.X && h.Box.W == b.width(fn, theme.Mono, theme.SizeLabel) {
					over = true
				}
			}
			assert.True(t, over, "%s's region %+v is not over its name", fn, h.Box)
		}
		// the chain names tcp_close, and the decision line names it again: two regions, one address
		assert.Equal(t, map[string]bool{"https://elixir.bootlin.com/linux/" + c.version + "/A/ident/tcp_close": true}, urls, c.profile)
		assert.Equal(t, 2, n, c.profile)
	}
}

// Over a function name the pointer underlines it and a tip says what a click does, in the
// language and kernel version on screen.
func TestSourceLinkHoverSaysWhatAClickDoes(t *testing.T) {
	sc, err := source.Lookup("close_with_unread_data")
	require.NoError(t, err)
	tr, err := source.Run(sc, source.RunOptions{Profile: "2.6"})
	require.NoError(t, err)
	in := input(Prepare(tr, 0), 500000, false)
	in.Profile = "2.6"
	var box Rect
	for _, h := range Build(in, nil).Hits {
		if h.Cmd == CmdSource {
			box = h.Box
		}
	}
	require.NotZero(t, box.W)
	assert.NotContains(t, strings.Join(texts(Build(in, nil), theme.SizeLabel), "\n"), "Click: open")
	in.MouseX, in.MouseY = box.X+box.W/2, box.Y+box.H/2
	f := Build(in, nil)
	assert.Contains(t, texts(f, theme.SizeLabel), "Click: open tcp_close in Linux v2.6.32 source (new tab / browser)")
	underline := false
	for _, s := range f.Shapes {
		if s.Kind == Line && s.P == [4]float64{box.X, box.Y + box.H - 1, box.X + box.W, box.Y + box.H - 1} {
			underline = true
		}
	}
	assert.True(t, underline)
	h, ok := f.HitTest(in.MouseX, in.MouseY, 1)
	require.True(t, ok)
	assert.Equal(t, CmdSource, h.Cmd)
	in.Lang = i18n.ZH
	assert.Contains(t, texts(Build(in, nil), theme.SizeLabel), "点按 tcp_close 在新窗口中查看 Linux v2.6.32 的代码")
}
