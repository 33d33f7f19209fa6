package layout

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/scenario"
	"finwait/render/i18n"
	"finwait/render/source"
	"finwait/render/theme"
)

// An injected segment is drawn as a packet of its own kind: it appears mid-wire (never on the
// claimed sender's lifeline) and runs to the receiver at its arrival time, ringed where it
// appears; the legend names the ring and the tooltip says no host sent it, in both languages.
func TestInjectedPacketIsDrawnFromMidWire(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "scenarios", "inject_tw_rst_rfc1337_0.json"))
	require.NoError(t, err)
	sc, err := scenario.Parse(b)
	require.NoError(t, err)
	tr, err := source.Run(sc, source.RunOptions{Profile: "modern"})
	require.NoError(t, err)
	m := Prepare(tr, 0)
	require.True(t, m.Injected)
	var inj *Packet
	for i := range m.Packets {
		if m.Packets[i].Injected {
			require.Nil(t, inj, "one injected packet")
			inj = &m.Packets[i]
		}
	}
	require.NotNil(t, inj)
	e := &tr.Events[inj.Index]
	assert.Equal(t, "R", e.Flags)
	in := input(m, tr.EndUs, false)
	f := Build(in, nil)
	x1, y1, x2, y2 := f.ArrowEnds(in, inj)
	assert.Equal(t, "B", e.From)
	assert.InDelta(t, (f.HostX[0]+f.HostX[1])/2, x1, 1e-9, "appears mid-wire, not on B's lifeline")
	assert.Equal(t, f.HostX[hostIndex(m, "A")], x2, "reaches A")
	assert.InDelta(t, f.laneTop+(m.Warp.Y(e.Arrive)-f.Scroll), y2, 1e-9)
	assert.Equal(t, y1, y2, "no wire delay")
	rings := 0
	for _, s := range f.Shapes {
		if s.Kind == Circle && s.P[0] == x1 && s.P[1] == y1 && s.Radius == 6 {
			rings++
			assert.Equal(t, in.Pal.Base(theme.RoleRst), s.Stroke, "the ring takes the segment's kind colour")
		}
	}
	assert.Equal(t, 1, rings, "one ring where it appears")
	assert.Contains(t, texts(f, theme.SizeGutter), "injected", "the legend names it")

	in.Hover, in.MouseX, in.MouseY = inj.Index, 400, 500
	for _, c := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, "injected: a crafted segment that no host sent; it claims to come from B and goes through A's whole input path (tcp_v4_rcv)"},
		{i18n.ZH, "人为加入: 一个不是由任何一端发送的报文; 它看上去来自 B, 经过 A 完整的接收路径 (tcp_v4_rcv)"},
	} {
		in.Lang = c.lang
		assert.Contains(t, texts(Build(in, nil), theme.SizeLabel), c.want)
	}

	plain := Build(input(Prepare(source.NormalActiveClose(), 0), 530000, false), nil)
	assert.NotContains(t, texts(plain, theme.SizeGutter), "injected", "no legend entry without injected segments")
}
