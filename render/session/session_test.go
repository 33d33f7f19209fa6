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
	c, err := Find(s, name, profile)
	require.NoError(t, err)
	require.NoError(t, Load(s, c))
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
		{"normal_activ_close", "", 0, "", `unknown scenario "normal_activ_close"`},
		{"fin_lost", "2.6", 0, "", `unknown scenario "fin_lost"`},
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

// Closest names the fix of a typo: a few edits away, or a name that holds what was typed.
func TestClosest(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"normal_activ_close", []string{"normal_active_close"}},
		{"normal_active_clos", []string{"normal_active_close"}},
		{"linger", []string{"linger_zero", "linger_timeout", "linger2_negative"}},
		{"linger_zer", []string{"linger_zero"}},
		{"lingerzero", []string{"linger_zero"}},
		{"fin_lost", []string{"fin_lost_orphan_retries"}},
		{"tw_reuse_conect", []string{"tw_reuse_connect"}},
		{"nope", nil},
		{"", nil},
		{"ab", nil},
	} {
		assert.Equal(t, c.want, Closest(c.name), c.name)
	}
	assert.Equal(t, 3, editDistance("kitten", "sitting"))
	assert.Equal(t, 0, editDistance("", ""))
	assert.Equal(t, 4, editDistance("", "nope"))
}

// A session's catalog holds files' scenarios too: Find finds them (the last of a name
// first) and At checks an index.
func TestSessionSelectAndAt(t *testing.T) {
	mine := scenario.Catalog()[2]
	mine.Profiles = []string{"2.6"}
	s, err := New(1)
	require.NoError(t, err)
	Add(s, mine)
	n := BuiltIn(s)
	assert.Len(t, Catalog(s), n+1)
	c, err := Find(s, "linger_zero", "")
	require.NoError(t, err)
	assert.Equal(t, n, c.Index, "the file's scenario of a built-in name")
	assert.Equal(t, "2.6", c.Profile)
	c, err = Select("linger_zero", "")
	require.NoError(t, err)
	assert.Equal(t, 2, c.Index, "the package's Select knows only the built-in catalog")
	_, err = At(s, n, "modern")
	assert.EqualError(t, err, `scenario linger_zero has no profile "modern" (has 2.6)`)
	_, err = At(s, n+1, "")
	assert.EqualError(t, err, `unknown scenario "#19"`)
	_, err = At(s, -1, "")
	assert.EqualError(t, err, `unknown scenario "#-1"`)
}

// Show and Load put the choice on screen from its start, the speed kept; a profile switch is a
// Load of the same index.
func TestLoadShowsTheChoice(t *testing.T) {
	s := newSession(t, "normal_active_close", "")
	assert.Equal(t, FromCatalog, From(s))
	assert.Equal(t, "modern", Profile(s))
	assert.Equal(t, []string{"modern", "2.6"}, Profiles(s))
	assert.Equal(t, "normal_active_close", Trace(s).Scenario)
	assert.Equal(t, int64(60_540_000), Trace(s).EndUs)
	assert.Same(t, Trace(s), Model(s).Trace)
	Player(s).SetSpeed(4)
	Player(s).SeekTo(500_000)
	c, err := At(s, 0, "2.6")
	require.NoError(t, err)
	require.NoError(t, Load(s, c))
	assert.Equal(t, "2.6", Trace(s).Profile)
	assert.Equal(t, int64(0), Player(s).Now())
	assert.Equal(t, 4.0, Player(s).Speed())
}

// A what-if re-runs the scenario with one change and keeps the moment; Undo returns to the run
// before it, the very same trace. The packets that change are pinned.
func TestWhatIfAndUndo(t *testing.T) {
	s := newSession(t, "normal_active_close", "")
	orig := Trace(s)
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
	Player(s).SeekTo(530_000)

	fin := 26
	require.Equal(t, "F.", orig.Events[fin].Flags)
	r := DropRule(orig, fin)
	assert.Equal(t, 3, *r.Index, "A's FIN is the 4th segment A→B on c0")
	assert.Equal(t, 0, *r.Conn)
	require.NoError(t, Drop(s, fin))
	assert.Equal(t, 1, WhatIfs(s))
	assert.Len(t, Current(s).Wire.Rules, 1)
	assert.Empty(t, Catalog(s)[0].Wire.Rules, "the catalog's scenario is not changed")
	assert.Equal(t, int64(530_000), Player(s).Now(), "the moment is kept")
	dropped := packets(Trace(s))
	assert.Equal(t, before[:5], dropped[:5], "everything before the loss is as it was")
	assert.Equal(t, []string{
		"500.0 ms A>B F. seq 101 ack 1 win 502 len 0 dropped",
		"740.0 ms A>B F. seq 101 ack 1 win 502 len 0", // the retransmission, after the 240 ms RTO
		"760.0 ms B>A F. seq 1 ack 102 win 502 len 0",
		"780.0 ms A>B . seq 102 ack 2 win 502 len 0",
	}, dropped[5:])

	require.NoError(t, Kill(s, 1)) // B's process, at 530 ms
	assert.Equal(t, 2, WhatIfs(s))
	acts := Current(s).Actions
	assert.Equal(t, scenario.Action{At: 530_000, Host: "B", Op: scenario.OpKill}, acts[len(acts)-1])
	assert.Equal(t, []string{
		"500.0 ms A>B F. seq 101 ack 1 win 502 len 0 dropped",
		"530.0 ms B>A F. seq 1 ack 101 win 502 len 0", // the killed process's socket closes
		"550.0 ms A>B . seq 102 ack 2 win 502 len 0",
		"740.0 ms A>B F. seq 101 ack 2 win 502 len 0",
		"760.0 ms B>A . seq 2 ack 102 win 502 len 0",
	}, packets(Trace(s))[5:])

	require.True(t, Undo(s))
	assert.Equal(t, dropped, packets(Trace(s)))
	require.True(t, Undo(s))
	assert.Same(t, orig, Trace(s), "undo returns to the original run")
	assert.Empty(t, Current(s).Wire.Rules)
	assert.Equal(t, int64(530_000), Player(s).Now())
	assert.False(t, Undo(s), "nothing left to undo")

	// a new choice forgets the what-ifs
	require.NoError(t, Drop(s, fin))
	c, _ := At(s, 1, "")
	require.NoError(t, Load(s, c))
	assert.Equal(t, 0, WhatIfs(s))
}

// A what-if on something the trace does not have is refused, and nothing changes.
func TestWhatIfBadInput(t *testing.T) {
	s := newSession(t, "normal_active_close", "")
	orig := Trace(s)
	for _, c := range []struct {
		do   func() error
		want string
	}{
		{func() error { return Drop(s, -1) }, "no packet event -1"},
		{func() error { return Drop(s, 0) }, "no packet event 0"}, // a state change
		{func() error { return Drop(s, len(orig.Events)) }, "no packet event 53"},
		{func() error { return Kill(s, 2) }, "no host 2"},
		{func() error { return Kill(s, -1) }, "no host -1"},
	} {
		assert.EqualError(t, c.do(), c.want)
		assert.Same(t, orig, Trace(s))
		assert.Equal(t, 0, WhatIfs(s))
	}
}

// A scenario file opens into the catalog after the built-in ones and is shown with its text
// kept; a bad one says what was wrong and where, and the catalog and view stay as they were.
func TestOpenFile(t *testing.T) {
	s := newSession(t, "normal_active_close", "")
	n := BuiltIn(s)
	orig := Trace(s)
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
		_, err := Open(s, c.data)
		require.Error(t, err, c.name)
		assert.Equal(t, c.want, err.Error(), c.name)
		assert.Same(t, orig, Trace(s), c.name)
		assert.Len(t, Catalog(s), n, c.name)
		assert.Equal(t, FromCatalog, From(s), c.name)
	}

	text := append([]byte("\n  "), data...)
	c, err := Open(s, text)
	require.NoError(t, err)
	assert.Equal(t, n, c.Index)
	assert.Equal(t, "lost_fin_long_rtt", Current(s).Name)
	assert.Equal(t, FromFile, From(s))
	assert.Equal(t, string(text), string(Source(s)))
	text[0] = ' '
	assert.Equal(t, byte('\n'), Source(s)[0], "the session keeps its own copy")
	fins := 0
	for _, p := range packets(Trace(s)) {
		if strings.Contains(p, "A>B F.") {
			fins++
		}
	}
	assert.Equal(t, 2, fins, "A's FIN, lost, then its tail loss probe")

	// the same name again replaces the file's scenario
	_, err = Open(s, data)
	require.NoError(t, err)
	assert.Len(t, Catalog(s), n+1)
	c, _ = At(s, 0, "")
	require.NoError(t, Load(s, c))
	assert.Nil(t, Source(s), "a catalog scenario's text is served by the page")
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
	n := BuiltIn(s)
	_, err = OpenPkt(s, "one.pkt", &trace.Trace{Hosts: []string{"local"}}, nil)
	assert.EqualError(t, err, "a packetdrill run has a local and a remote host")
	assert.Len(t, Catalog(s), n)

	c, err := OpenPkt(s, "two_misses.pkt", res.Trace, lines)
	require.NoError(t, err)
	assert.Equal(t, n, c.Index)
	assert.Equal(t, "modern", c.Profile)
	assert.True(t, Prepared(s, c))
	assert.Equal(t, FromPkt, From(s))
	assert.Same(t, res.Trace, Trace(s))
	assert.Nil(t, Source(s))
	tr := res.Trace
	require.Len(t, Model(s).Expects, 5)
	assert.Equal(t, layout.Expect{Line: 6, Met: true, Event: 3, T: 0, From: "local", To: "remote"}, Model(s).Expects[0])
	assert.Equal(t, layout.Expect{Line: 14, Met: false, Event: -1, T: tr.Events[21].T, From: "local", To: "remote"}, Model(s).Expects[4])

	_, err = WhatIf(s, nil, nil)
	assert.ErrorIs(t, err, ErrPktNoWhatIf)
	assert.ErrorIs(t, Kill(s, 0), ErrPktNoWhatIf)
	assert.Same(t, res.Trace, Trace(s))

	// back from a catalog scenario, the run is shown again, marks and all
	c0, _ := At(s, 0, "")
	require.NoError(t, Load(s, c0))
	assert.Empty(t, Model(s).Expects)
	assert.False(t, Prepared(s, c0))
	require.NoError(t, Load(s, c))
	assert.Same(t, res.Trace, Trace(s))
	assert.Len(t, Model(s).Expects, 5)

	// a scenario file of the same name takes its place
	data, err := os.ReadFile("../../testdata/scenarios/lost_fin_long_rtt.json")
	require.NoError(t, err)
	_, err = Open(s, []byte(strings.Replace(string(data), `"lost_fin_long_rtt"`, `"two_misses.pkt"`, 1)))
	require.NoError(t, err)
	assert.NotSame(t, res.Trace, Trace(s))
	assert.Equal(t, FromFile, From(s))
	assert.Empty(t, Model(s).Expects)
	assert.Len(t, Catalog(s), n+1)
}

// Two sessions side by side share nothing: a what-if in one leaves the other as it was.
func TestTwoSessionsAreIndependent(t *testing.T) {
	a := newSession(t, "normal_active_close", "")
	b := newSession(t, "normal_active_close", "2.6")
	bTrace := Trace(b)
	require.NoError(t, Drop(a, 26))
	_, err := Open(a, []byte(`{"name":"mine","hosts":[{"name":"A","addr":"10.0.0.1"},{"name":"B","addr":"10.0.0.2"}]}`))
	require.NoError(t, err)
	assert.Same(t, bTrace, Trace(b))
	assert.Equal(t, 0, WhatIfs(b))
	assert.Len(t, Catalog(b), BuiltIn(b))
	assert.Equal(t, "2.6", Profile(b))
}
