package app

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/scenario"
	"finwait/render/layout"
	"finwait/render/session"
)

// A scenario file that takes long to run goes a slice at a time: the view stays as it was, the
// banner says how far the run is, and when it ends the file is shown with the trace a run in one
// go gives; × (or Esc) cancels it, leaving the catalog and the view as they were.
func TestLongRunInSlices(t *testing.T) {
	data, err := os.ReadFile("../../testdata/long/heavy_read_loop.json")
	require.NoError(t, err)
	sc, err := scenario.Parse(data)
	require.NoError(t, err)
	want, err := scenario.Run(sc, scenario.RunOptions{Profile: "modern", Seed: 1})
	require.NoError(t, err)
	wantJSON, err := want.MarshalJSON()
	require.NoError(t, err)

	g, err := New(Options{Scenario: "normal_active_close", Seed: 1})
	require.NoError(t, err)
	builtIn := len(session.Catalog(g.s))
	before := g.tr

	require.NoError(t, g.OpenScenarioFile("heavy.json", data))
	assert.True(t, g.Running())
	assert.Equal(t, "normal_active_close", g.ScenarioName(), "the view stays until the run ends")
	assert.Same(t, before, g.tr)
	assert.Equal(t, "Running heavy_read_loop… 119.9 ms of virtual time, 10000 events so far. × or Esc cancels.", g.Notice())
	slices := 1
	for g.Running() {
		g.advanceRun()
		slices++
		require.Less(t, slices, 1000, "the run ends")
	}
	assert.Greater(t, slices, 50, "a long run takes many slices")
	assert.Equal(t, "heavy_read_loop", g.ScenarioName())
	assert.Equal(t, "Opened heavy.json: scenario heavy_read_loop.", g.Notice())
	gotJSON, err := g.tr.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, string(wantJSON), string(gotJSON), "sliced or not, the same run")

	// cancelled: the catalog and the view as they were
	g2, err := New(Options{Scenario: "simultaneous_close", Seed: 1})
	require.NoError(t, err)
	before = g2.tr
	require.NoError(t, g2.OpenScenarioFile("heavy.json", data))
	g2.advanceRun()
	assert.True(t, strings.HasPrefix(g2.Notice(), "Running heavy_read_loop… "), g2.Notice())
	g2.Exec(layout.CmdDismiss, 0)
	assert.False(t, g2.Running())
	assert.Equal(t, "Stopped running heavy_read_loop; the view is as it was.", g2.Notice())
	assert.Equal(t, "simultaneous_close", g2.ScenarioName())
	assert.Same(t, before, g2.tr)
	assert.Len(t, session.Catalog(g2.s), builtIn, "the file did not join the catalog")
	g2.advanceRun() // nothing left to run
	assert.Same(t, before, g2.tr)
}
