package session

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/pkt"
	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/layout"
)

// packets lists a trace's segments as spec §17 does: time, direction, label, and whether lost.
func packets(tr *trace.Trace) []string {
	var out []string
	for _, e := range tr.Packets() {
		s := trace.FormatTime(e.T) + " " + e.From + ">" + e.To + " " + trace.PacketLabel(&e)
		if e.Dropped {
			s += " dropped"
		}
		out = append(out, s)
	}
	return out
}

func newSession(t *testing.T, name, profile string) *Session {
	t.Helper()
	s, err := New(1)
	require.NoError(t, err)
	c, err := s.Select(name, profile)
	require.NoError(t, err)
	require.NoError(t, s.Load(c))
	return s
}

// Select is the one check of a scenario name and a profile: a refusal names the field, the
// value and what would do.
func TestSelect(t *testing.T) {
	for _, c := range []struct {
		name, profile string
		index         int
		want          string // the profile chosen
		err           string
	}{
		{"normal_active_close", "", 0, "modern", ""},
		{"normal_active_close", "2.6", 0, "2.6", ""},
		{"linger_zero", "modern", 2, "modern", ""},
		{"tw_recycle_nat", "", 16, "2.6", ""},
		{"tw_recycle_nat", "modern", 0, "", `scenario tw_recycle_nat has no profile "modern" (has 2.6)`},
		{"normal_active_close", "3.0", 0, "", `scenario normal_active_close has no profile "3.0" (has modern, 2.6)`},
		{"normal_activ_close", "", 0, "", `unknown scenario "normal_activ_close" (closest: normal_active_close)`},
		{"linger", "", 0, "", `unknown scenario "linger" (closest: linger_zero, linger_timeout, linger2_negative)`},
		{"fin_lost", "2.6", 0, "", `unknown scenario "fin_lost" (closest: fin_lost_orphan_retries)`},
		{"nope", "", 0, "", `unknown scenario "nope"`},
		{"", "", 0, "", `unknown scenario ""`},
	} {
		got, err := Select(c.name, c.profile)
		if c.err != "" {
			require.Error(t, err, c.name)
			assert.Equal(t, c.err, err.Error(), c.name)
			var se *SelectError
			require.ErrorAs(t, err, &se)
			if c.name == "tw_recycle_nat" || c.name == "normal_active_close" {
				assert.Equal(t, "profile", se.Field)
				assert.Equal(t, c.name, se.Scenario)
			} else {
				assert.Equal(t, "scenario", se.Field)
			}
			assert.Equal(t, Choice{}, got)
			continue
		}
		require.NoError(t, err, c.name)
		assert.Equal(t, c.index, got.Index, c.name)
		assert.Equal(t, c.name, got.Scenario.Name)
		assert.Equal(t, c.want, got.Profile, c.name)
	}
}

// A session's catalog holds files' scenarios too: its Select finds them (the last of a name
// first) and At checks an index.
func TestSessionSelectAndAt(t *testing.T) {
	mine := scenario.Catalog()[2]
	mine.Profiles = []string{"2.6"}
	s, err := New(1, mine)
	require.NoError(t, err)
	n := s.BuiltIn()
	assert.Len(t, s.Catalog(), n+1)
	c, err := s.Select("linger_zero", "")
	require.NoError(t, err)
	assert.Equal(t, n, c.Index, "the file's scenario of a built-in name")
	assert.Equal(t, "2.6", c.Profile)
	c, err = Select("linger_zero", "")
	require.NoError(t, err)
	assert.Equal(t, 2, c.Index, "the package's Select knows only the built-in catalog")
	_, err = s.At(n, "modern")
	assert.EqualError(t, err, `scenario linger_zero has no profile "modern" (has 2.6)`)
	_, err = s.At(n+1, "")
	assert.EqualError(t, err, "no catalog entry 19")
	_, err = s.At(-1, "")
	assert.EqualError(t, err, "no catalog entry -1")
}

// Show and Load put the choice on screen from its start, the speed kept; a profile switch is a
// Load of the same index.
func TestLoadShowsTheChoice(t *testing.T) {
	s := newSession(t, "normal_active_close", "")
	assert.Equal(t, FromCatalog, s.Origin())
	assert.Equal(t, "modern", s.Profile())
	assert.Equal(t, []string{"modern", "2.6"}, s.Profiles())
	assert.Equal(t, "normal_active_close", s.Trace().Scenario)
	assert.Equal(t, int64(60_540_000), s.Trace().EndUs)
	assert.Same(t, s.Trace(), s.Model().Trace)
	s.Player().SetSpeed(4)
	s.Player().SeekTo(500_000)
	c, err := s.At(0, "2.6")
	require.NoError(t, err)
	require.NoError(t, s.Load(c))
	assert.Equal(t, "2.6", s.Trace().Profile)
	assert.Equal(t, int64(0), s.Player().Now())
	assert.Equal(t, 4.0, s.Player().Speed())
}

// A what-if re-runs the scenario with one change and keeps the moment; Undo returns to the run
// before it, the very same trace. The packets that change are pinned.
func TestWhatIfAndUndo(t *testing.T) {
	s := newSession(t, "normal_active_close", "")
	orig := s.Trace()
	before := packets(orig)
	require.Equal(t, []string{
		"0.0 ms A>B S seq 0 win 64240 len 0",
		"20.0 ms B>A S. seq 0 ack 1 win 65160 len 0",
		"40.0 ms A>B . seq 1 ack 1 win 502 len 0",
		"200.0 ms A>B P. seq 1:101 ack 1 win 502 len 100",
		"220.0 ms B>A . seq 1 ack 101 win 502 len 0",
		"500.0 ms A>B F. seq 101 ack 1 win 502 len 0",
		"520.0 ms B>A F. seq 1 ack 102 win 502 len 0",
		"540.0 ms A>B . seq 102 ack 2 win 502 len 0",
	}, before)
	s.Player().SeekTo(530_000)

	fin := 26
	require.Equal(t, "F.", orig.Events[fin].Flags)
	r := DropRule(orig, fin)
	assert.Equal(t, 3, *r.Index, "A's FIN is the 4th segment A→B on c0")
	assert.Equal(t, 0, *r.Conn)
	require.NoError(t, s.Drop(fin))
	assert.Equal(t, 1, s.WhatIfs())
	assert.Len(t, s.Scenario().Wire.Rules, 1)
	assert.Empty(t, s.Catalog()[0].Wire.Rules, "the catalog's scenario is not changed")
	assert.Equal(t, int64(530_000), s.Player().Now(), "the moment is kept")
	dropped := packets(s.Trace())
	assert.Equal(t, before[:5], dropped[:5], "everything before the loss is as it was")
	assert.Equal(t, []string{
		"500.0 ms A>B F. seq 101 ack 1 win 502 len 0 dropped",
		"740.0 ms A>B F. seq 101 ack 1 win 502 len 0", // the retransmission, after the 240 ms RTO
		"760.0 ms B>A F. seq 1 ack 102 win 502 len 0",
		"780.0 ms A>B . seq 102 ack 2 win 502 len 0",
	}, dropped[5:])

	require.NoError(t, s.Kill(1)) // B's process, at 530 ms
	assert.Equal(t, 2, s.WhatIfs())
	acts := s.Scenario().Actions
	assert.Equal(t, scenario.Action{At: 530_000, Host: "B", Op: scenario.OpKill}, acts[len(acts)-1])
	assert.Equal(t, []string{
		"500.0 ms A>B F. seq 101 ack 1 win 502 len 0 dropped",
		"530.0 ms B>A F. seq 1 ack 101 win 502 len 0", // the killed process's socket closes
		"550.0 ms A>B . seq 102 ack 2 win 502 len 0",
		"740.0 ms A>B F. seq 101 ack 2 win 502 len 0",
		"760.0 ms B>A . seq 2 ack 102 win 502 len 0",
	}, packets(s.Trace())[5:])

	require.True(t, s.Undo())
	assert.Equal(t, dropped, packets(s.Trace()))
	require.True(t, s.Undo())
	assert.Same(t, orig, s.Trace(), "undo returns to the original run")
	assert.Empty(t, s.Scenario().Wire.Rules)
	assert.Equal(t, int64(530_000), s.Player().Now())
	assert.False(t, s.Undo(), "nothing left to undo")

	// a new choice forgets the what-ifs
	require.NoError(t, s.Drop(fin))
	c, _ := s.At(1, "")
	require.NoError(t, s.Load(c))
	assert.Equal(t, 0, s.WhatIfs())
}

// A what-if on something the trace does not have is refused, and nothing changes.
func TestWhatIfBadInput(t *testing.T) {
	s := newSession(t, "normal_active_close", "")
	orig := s.Trace()
	for _, c := range []struct {
		do   func() error
		want string
	}{
		{func() error { return s.Drop(-1) }, "no packet event -1"},
		{func() error { return s.Drop(0) }, "no packet event 0"}, // a state change
		{func() error { return s.Drop(len(orig.Events)) }, "no packet event 53"},
		{func() error { return s.Kill(2) }, "no host 2"},
		{func() error { return s.Kill(-1) }, "no host -1"},
	} {
		assert.EqualError(t, c.do(), c.want)
		assert.Same(t, orig, s.Trace())
		assert.Equal(t, 0, s.WhatIfs())
	}
}

// A scenario file opens into the catalog after the built-in ones and is shown with its text
// kept; a bad one says what was wrong and where, and the catalog and view stay as they were.
func TestOpenFile(t *testing.T) {
	s := newSession(t, "normal_active_close", "")
	n := s.BuiltIn()
	orig := s.Trace()
	data, err := os.ReadFile("../../testdata/scenarios/lost_fin_long_rtt.json")
	require.NoError(t, err)

	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"malformed", []byte("{\n  \"name\": \"x\",\n  \"hosts\": [{\"name\": \"A\", \"addr\": \"10.0.0.1\", \"hz\": \"fast\"}]\n}"),
			`scenario file: line 3, column 53: hosts[0].hz: want a whole number, got "fast"`},
		{"truncated", []byte("{\n  \"name\": \"x\",\n"), "scenario file: line 3, column 1: unexpected end of file: want a field name in double quotes"},
		{"not an object", []byte("[1]"), `scenario file: line 1, column 1: a scenario file holds one object: {"name": …, "hosts": […], …}`},
		{"fails validation", []byte(`{"name":"y","hosts":[{"name":"A","addr":"10.0.0.1"}],"actions":[{"at":"1s","host":"Z","op":"close","conn":"c0"}]}`),
			`scenario y: line 1, column 83: actions[0].host: unknown host "Z"`},
		{"too large", make([]byte, scenario.MaxFileSize+1), "larger than 1 MiB: not a scenario file"},
	} {
		_, err := s.Open(c.data)
		require.Error(t, err, c.name)
		assert.Equal(t, c.want, err.Error(), c.name)
		assert.Same(t, orig, s.Trace(), c.name)
		assert.Len(t, s.Catalog(), n, c.name)
		assert.Equal(t, FromCatalog, s.Origin(), c.name)
	}

	text := append([]byte("\n  "), data...)
	c, err := s.Open(text)
	require.NoError(t, err)
	assert.Equal(t, n, c.Index)
	assert.Equal(t, "lost_fin_long_rtt", s.Scenario().Name)
	assert.Equal(t, FromFile, s.Origin())
	assert.Equal(t, string(text), string(s.Source()))
	text[0] = ' '
	assert.Equal(t, byte('\n'), s.Source()[0], "the session keeps its own copy")
	fins := 0
	for _, p := range packets(s.Trace()) {
		if strings.Contains(p, "A>B F.") {
			fins++
		}
	}
	assert.Equal(t, 2, fins, "A's FIN, lost, then its tail loss probe")

	// the same name again replaces the file's scenario
	_, err = s.Open(data)
	require.NoError(t, err)
	assert.Len(t, s.Catalog(), n+1)
	c, _ = s.At(0, "")
	require.NoError(t, s.Load(c))
	assert.Nil(t, s.Source(), "a catalog scenario's text is served by the page")
}

// A packetdrill run joins the catalog like a file, in the modern profile, each ">" line an
// Expect on the model; what-ifs are refused; a file of the same name replaces it.
func TestOpenPkt(t *testing.T) {
	src, err := os.ReadFile("../app/testdata/two_misses.pkt")
	require.NoError(t, err)
	sc, err := pkt.Parse("two_misses.pkt", src)
	require.NoError(t, err)
	res, err := pkt.Run(sc)
	require.NoError(t, err)
	var lines []PktLine
	for _, v := range res.Lines {
		lines = append(lines, PktLine{Line: v.Line, Kind: v.Kind, Met: v.Met, Event: v.Event})
	}

	s := newSession(t, "normal_active_close", "")
	n := s.BuiltIn()
	_, err = s.OpenPkt("one.pkt", &trace.Trace{Hosts: []string{"local"}}, nil)
	assert.EqualError(t, err, "a packetdrill run has a local and a remote host")
	assert.Len(t, s.Catalog(), n)

	c, err := s.OpenPkt("two_misses.pkt", res.Trace, lines)
	require.NoError(t, err)
	assert.Equal(t, n, c.Index)
	assert.Equal(t, "modern", c.Profile)
	assert.True(t, s.Prepared(c))
	assert.Equal(t, FromPkt, s.Origin())
	assert.Same(t, res.Trace, s.Trace())
	assert.Nil(t, s.Source())
	tr := res.Trace
	require.Len(t, s.Model().Expects, 5)
	assert.Equal(t, layout.Expect{Line: 6, Met: true, Event: 3, T: 0, From: "local", To: "remote"}, s.Model().Expects[0])
	assert.Equal(t, layout.Expect{Line: 14, Met: false, Event: -1, T: tr.Events[21].T, From: "local", To: "remote"}, s.Model().Expects[4])

	_, err = s.WhatIf(nil, nil)
	assert.ErrorIs(t, err, ErrPktNoWhatIf)
	assert.ErrorIs(t, s.Kill(0), ErrPktNoWhatIf)
	assert.Same(t, res.Trace, s.Trace())

	// back from a catalog scenario, the run is shown again, marks and all
	c0, _ := s.At(0, "")
	require.NoError(t, s.Load(c0))
	assert.Empty(t, s.Model().Expects)
	assert.False(t, s.Prepared(c0))
	require.NoError(t, s.Load(c))
	assert.Same(t, res.Trace, s.Trace())
	assert.Len(t, s.Model().Expects, 5)

	// a scenario file of the same name takes its place
	data, err := os.ReadFile("../../testdata/scenarios/lost_fin_long_rtt.json")
	require.NoError(t, err)
	_, err = s.Open([]byte(strings.Replace(string(data), `"lost_fin_long_rtt"`, `"two_misses.pkt"`, 1)))
	require.NoError(t, err)
	assert.NotSame(t, res.Trace, s.Trace())
	assert.Equal(t, FromFile, s.Origin())
	assert.Empty(t, s.Model().Expects)
	assert.Len(t, s.Catalog(), n+1)
}

// Two sessions side by side share nothing: a what-if in one leaves the other as it was.
func TestTwoSessionsAreIndependent(t *testing.T) {
	a := newSession(t, "normal_active_close", "")
	b := newSession(t, "normal_active_close", "2.6")
	bTrace := b.Trace()
	require.NoError(t, a.Drop(26))
	_, err := a.Open([]byte(`{"name":"mine","hosts":[{"name":"A","addr":"10.0.0.1"},{"name":"B","addr":"10.0.0.2"}]}`))
	require.NoError(t, err)
	assert.Same(t, bTrace, b.Trace())
	assert.Equal(t, 0, b.WhatIfs())
	assert.Len(t, b.Catalog(), b.BuiltIn())
	assert.Equal(t, "2.6", b.Profile())
}
