package layout

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/render/source"
)

// The controls= modes: full draws the top bar and the transport bar; minimal only the transport
// bar; none neither, and the diagram takes the freed height.
func TestControlsModes(t *testing.T) {
	sc, err := source.Lookup("normal_active_close")
	require.NoError(t, err)
	tr, err := source.Run(sc, source.RunOptions{})
	require.NoError(t, err)
	m := Prepare(tr, -1)
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
