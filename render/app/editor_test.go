package app

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/pkt"
	"finwait/render/layout"
	"finwait/render/session"
)

// pktRunOf runs testdata/two_misses.pkt and gives its trace and lines as OpenPktRun takes them.
func pktRunOf(t *testing.T) (*pkt.Result, []PktLine) {
	t.Helper()
	src, err := os.ReadFile("testdata/two_misses.pkt")
	require.NoError(t, err)
	s, err := pkt.Parse("two_misses.pkt", src)
	require.NoError(t, err)
	res, err := pkt.Run(s)
	require.NoError(t, err)
	var lines []PktLine
	for _, v := range res.Lines {
		lines = append(lines, PktLine{Line: v.Line, Kind: v.Kind, Met: v.Met, Event: v.Event})
	}
	return res, lines
}

// A packetdrill run joins the catalog like a file: its trace on screen, each ">" line an
// Expect of the model (met or not, at the packet it matched, or due after the last line that
// matched when nothing came); what-ifs are refused; a file of the same name replaces it.
func TestOpenPktRun(t *testing.T) {
	g := newShotGame(t, nil, 0)
	builtIn := len(session.Catalog(g.s))
	res, lines := pktRunOf(t)
	require.NoError(t, OpenPktRun(g, "two_misses.pkt", res.Trace, lines))
	assert.Equal(t, "two_misses.pkt", g.ScenarioName())
	assert.True(t, g.FromFile())
	assert.Same(t, res.Trace, g.tr)
	assert.Nil(t, g.ScenarioSource())
	assert.Equal(t, []string{"modern"}, session.Profiles(g.s))
	assert.Equal(t, "Opened two_misses.pkt: scenario two_misses.pkt.", g.Notice())
	tr := res.Trace
	require.Len(t, g.model.Expects, 5)
	assert.Equal(t, layout.Expect{Line: 6, Met: true, Event: 3, T: 0, From: "local", To: "remote"}, g.model.Expects[0])
	assert.Equal(t, layout.Expect{Line: 11, Met: false, Event: 16, T: tr.Events[11].T, From: "local", To: "remote"}, g.model.Expects[2])
	assert.Equal(t, "R.", tr.Events[16].Flags, "line 11 met the RST, not the FIN it expects")
	assert.Equal(t, layout.Expect{Line: 14, Met: false, Event: -1, T: tr.Events[21].T, From: "local", To: "remote"}, g.model.Expects[4],
		"the FIN that never came was due after line 13's RST")

	// no what-ifs on a script's run
	before := g.tr
	err := g.fork(nil, nil)
	require.Error(t, err)
	assert.Equal(t, "a packetdrill script's run has no what-ifs: put them in the script", err.Error())
	assert.Same(t, before, g.tr)

	// back from a catalog scenario, the run is shown again, marks and all
	g.Exec(layout.CmdScenario, 0)
	assert.Empty(t, g.model.Expects)
	g.Exec(layout.CmdScenario, builtIn)
	assert.Same(t, res.Trace, g.tr)
	assert.Len(t, g.model.Expects, 5)

	// a scenario file of the same name takes its place
	data, err := os.ReadFile("../../testdata/scenarios/lost_fin_long_rtt.json")
	require.NoError(t, err)
	require.NoError(t, g.OpenScenarioFile("x.json", bytes.Replace(data, []byte(`"lost_fin_long_rtt"`), []byte(`"two_misses.pkt"`), 1)))
	assert.NotSame(t, res.Trace, g.tr)
	assert.Empty(t, g.model.Expects)
	assert.Len(t, session.Catalog(g.s), builtIn+1)
}

// ScenarioSource is the text a file's scenario was opened from, until a what-if changes the run.
func TestScenarioSource(t *testing.T) {
	g := newShotGame(t, nil, 0)
	assert.Nil(t, g.ScenarioSource(), "a catalog scenario's file is served by the page")
	data, err := os.ReadFile("../../testdata/scenarios/lost_fin_long_rtt.json")
	require.NoError(t, err)
	text := append([]byte("\n  "), data...)
	require.NoError(t, g.OpenScenarioFile("mine.json", text))
	assert.Equal(t, string(text), string(g.ScenarioSource()))
	text[0] = ' ' // the app keeps its own copy
	assert.Equal(t, byte('\n'), g.ScenarioSource()[0])
	assert.Equal(t, 0, g.WhatIfs())
	for i, e := range g.tr.Events {
		if e.Kind == "packet" {
			require.NoError(t, g.fork(session.DropRule(g.tr, i), nil))
			break
		}
	}
	assert.Equal(t, 1, g.WhatIfs())
	assert.NotNil(t, g.ScenarioSource(), "the text is still the file's; the page says the what-if is not in it")
}
