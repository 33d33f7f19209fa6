package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A scenario survives a round trip through its JSON file form and runs the same.
func TestScenarioFileRoundTrip(t *testing.T) {
	for _, sc := range Catalog() {
		js, err := json.Marshal(sc)
		require.NoError(t, err)
		back, err := Parse(js)
		require.NoError(t, err, sc.Name)
		p := sc.ProfilesOf()[0]
		a, err := Run(sc, RunOptions{Profile: p})
		require.NoError(t, err)
		b, err := Run(back, RunOptions{Profile: p})
		require.NoError(t, err)
		ja, _ := a.MarshalJSON()
		jb, _ := b.MarshalJSON()
		assert.Equal(t, string(ja), string(jb), sc.Name)
	}
}

// Bad input gets an error that says what was wrong and where.
func TestScenarioFileErrors(t *testing.T) {
	for _, c := range []struct{ name, file, want string }{
		{"syntax", "{\n  \"name\": \"x\",\n  \"hosts\": [,]\n}", "line 3, column 13: unexpected ',': want a value"},
		{"unknown field", "{\"name\":\"x\",\n \"hostz\":[]}", `line 2, column 2: unknown field "hostz" (known: name, summary, profiles, hosts, wire, actions)`},
		{"type", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1","hz":"fast"}]}`, `line 1, column 57: hosts[0].hz: want a whole number, got "fast"`},
		{"nested path", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1","app":{"read":1}}]}`, `hosts[0].app.read: want true or false, got the number 1`},
		{"map value", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1","sysctls":{"tcp_fin_timeout":60}}]}`, `hosts[0].sysctls.tcp_fin_timeout: want a string, got the number 60`},
		{"bad duration", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1"}],"actions":[{"at":"soon","host":"A","op":"close","conn":"c0"}]}`, `actions[0].at: duration "soon"`},
		{"duration type", `{"name":"x","hosts":[],"wire":{"delay":true}}`, `wire.delay: want a duration such as "200ms" or a number of seconds, got true`},
		{"twice", "{\"name\":\"x\",\"name\":\"y\"}", `line 1, column 13: field "name" appears twice`},
		{"trailing", `{"name":"x"} {}`, "line 1, column 14: unexpected '{' after the end of the scenario"},
		{"not an object", `["x"]`, "line 1, column 1: a scenario file holds one object"},
		{"unterminated", "{\"name\": \"x", "line 1, column 10: string never ends"},
		{"bad escape", `{"name":"\q"}`, `unknown escape \q`},
		{"leading zero", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1","hz":0100}]}`, "malformed number: leading zero"},
		{"overflow", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1","hz":99999999999999999999}]}`, "hosts[0].hz: 99999999999999999999 is out of range (64 bits)"},
		{"fraction", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1","hz":2.5}]}`, "hosts[0].hz: want a whole number, got 2.5"},
		{"deep", strings.Repeat("[", 100), "nested more than 64 deep"},
		{"empty", "", "line 1, column 1: unexpected end of file"},
		{"bad address", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0"}]}`, `scenario x: line 1, column 41: hosts[0].addr: address "10.0.0" is not a dotted IPv4 address`},
		{"unknown host", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1"}],"actions":[{"at":"1s","host":"Z","op":"close","conn":"c0"}]}`, `scenario x: line 1, column 83: actions[0].host: unknown host "Z"`},
		{"unknown op", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1"}],"actions":[{"at":"1s","host":"A","op":"explode","conn":"c0"}]}`, `unknown op "explode"`},
		{"bad rule", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1"}],"wire":{"delay":"1ms","rules":[{"action":"lose"}]}}`, `scenario x: line 1, column 95: wire.rules[0].action: unknown action "lose" (want drop, delay or duplicate)`},
	} {
		_, err := Parse([]byte(c.file))
		require.Error(t, err, c.name)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
}

// What the decoder accepts beyond the catalog's own files: escapes, a byte-order mark, nulls,
// numbers of seconds, and the same value encoding/json gives.
func TestScenarioFileDecodesLikeEncodingJSON(t *testing.T) {
	file := "\xef\xbb\xbf" + `{
	  "name": "t\u00e9st \ud83d\ude00 \"q\" \/",
	  "summary": null,
	  "hosts": [
	    {"name": "A", "addr": "10.0.0.1", "hz": 250, "sysctls": {"tcp_fin_timeout": "5"}, "app": {"accept": true, "close_on_eof": 0.5}},
	    {"name": "B", "addr": "10.0.0.2", "ts_clock_offset_ms": -3}
	  ],
	  "wire": {"delay": "20ms", "delays": {"A>B": 0.01}, "rules": [{"from": "A", "conn": 0, "index": 2, "start_us": 0, "action": "drop"}]},
	  "actions": [
	    {"at": "0", "host": "B", "op": "listen", "conn": "L", "port": 80, "backlog": 8},
	    {"at": 1e-3, "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 80, "close_after": "1.5s"}
	  ]
	}`
	got, err := Parse([]byte(file))
	require.NoError(t, err)
	var want Scenario
	require.NoError(t, json.Unmarshal([]byte(file[3:]), &want))
	assert.Equal(t, want, got)
	assert.Equal(t, "tést 😀 \"q\" /", got.Name)
	assert.Equal(t, Ms(500), *got.Hosts[0].App.CloseOnEOF)
	assert.Equal(t, Ms(10), got.Wire.Delays["A>B"])
	assert.Equal(t, Ms(1), got.Actions[1].At)
	assert.Equal(t, 2, *got.Wire.Rules[0].Index)
}

func TestProfileChoice(t *testing.T) {
	sc := mustLookup(t, "tw_recycle_nat")
	p, err := sc.ProfileFor("")
	require.NoError(t, err)
	assert.Equal(t, "2.6", p.String())
	_, err = sc.ProfileFor("modern")
	assert.ErrorContains(t, err, "exists only in profile 2.6")
	_, err = Lookup("nope")
	assert.ErrorContains(t, err, "unknown scenario \"nope\" (known: ")
	nac := mustLookup(t, "normal_active_close")
	_, err = nac.ProfileFor("3.0")
	assert.ErrorContains(t, err, "unknown profile")
}

// An action the model cannot carry out fails the run with the action named. (A call on a socket
// that does not exist is not one: it returns EBADF, as on Linux.)
func TestActionErrorNamesTheAction(t *testing.T) {
	sc := mustLookup(t, "normal_active_close").with(sockopt(900, "B", "c0", "SO_BOGUS", 1, 0))
	_, err := Run(sc, RunOptions{})
	assert.ErrorContains(t, err, `action 4 (setsockopt on B at 900ms): unknown socket option "SO_BOGUS"`)
}

// Changing a looked-up scenario leaves the catalog alone (what-if edits rely on it).
func TestLookupReturnsACopy(t *testing.T) {
	a := mustLookup(t, "normal_active_close")
	a.Hosts[1].App.Read = false
	a.Hosts[0].Sysctls["tcp_fin_timeout"] = "99"
	a.Actions[0].At = 12345
	b := mustLookup(t, "normal_active_close")
	assert.True(t, b.Hosts[1].App.Read)
	assert.Equal(t, "3", b.Hosts[0].Sysctls["tcp_fin_timeout"])
	assert.Equal(t, Duration(0), b.Actions[0].At)
}

// FuzzScenarioDecoder: on any input the decoder never panics; what it accepts, encoding/json
// (with unknown fields disallowed) accepts too, with the same value; and what encoding/json
// accepts it accepts as well, except the things it rejects on purpose (a field given twice,
// invalid UTF-8 inside a string).
func FuzzScenarioDecoder(f *testing.F) {
	for _, sc := range Catalog() {
		b, err := json.Marshal(sc)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"name":"a\u00e9","hosts":[{"name":"A","addr":"1.2.3.4","hz":100}],"wire":{"delay":0.5}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var ours Scenario
		v, oerr := parseJSON(data)
		if oerr == nil && v.kind == '{' {
			oerr = (&decoder{data: data}).decode(v, reflect.ValueOf(&ours).Elem(), "")
		} else if oerr == nil {
			return // not an object: Parse rejects it before decoding
		}
		var theirs Scenario
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		jerr := dec.Decode(&theirs)
		if jerr == nil && dec.More() {
			jerr = errors.New("trailing data")
		}
		if jerr == nil {
			if _, err := dec.Token(); err != io.EOF {
				jerr = errors.New("trailing data")
			}
		}
		switch {
		case oerr == nil && jerr != nil:
			t.Fatalf("decoder accepted what encoding/json rejects (%v): %q", jerr, data)
		case oerr == nil:
			if !reflect.DeepEqual(normalize(ours), normalize(theirs)) {
				t.Fatalf("values differ:\nours   %+v\ntheirs %+v\ninput %q", ours, theirs, data)
			}
		case jerr == nil:
			msg := oerr.Error()
			if !strings.Contains(msg, "appears twice") && !strings.Contains(msg, "invalid UTF-8") && !strings.Contains(msg, "duration") {
				t.Fatalf("decoder rejected what encoding/json accepts: %v\ninput %q", oerr, data)
			}
		}
	})
}

// normalize makes empty and nil slices and maps compare equal (null and [] differ only there).
func normalize(sc Scenario) Scenario {
	b, _ := json.Marshal(sc)
	var out Scenario
	_ = json.Unmarshal(b, &out)
	return out
}

// A scenario whose loop never ends (a read loop every millisecond for the four-hour horizon) is
// stopped at the step bound with an error that says so, quickly, instead of hanging the page.
func TestRunawayScenarioStops(t *testing.T) {
	sc := mustLookup(t, "normal_active_close")
	sc.Name = "runaway"
	var acts []Action
	for _, a := range sc.Actions {
		if a.Op != OpClose { // no end of file ever reaches the reader
			acts = append(acts, a)
		}
	}
	sc.Actions = append(acts, Action{At: Ms(300), Host: "B", Op: OpReadLoop, Conn: "c0", Every: Ms(1), Bytes: 10})
	_, err := Run(sc, RunOptions{MaxSteps: 50_000})
	require.ErrorIs(t, err, ErrRunTooLong)
	assert.Contains(t, err.Error(), "scenario runaway (modern): run stopped at its limit: still running after 50000 steps (scheduler events and the loops inside them; the bound is 50000)")
	_, err = Run(sc, RunOptions{}) // the default bound: two million steps, well under a second
	require.ErrorIs(t, err, ErrRunTooLong)
}

// The repository's scenario files (testdata/scenarios: the README's example, and the extra
// scenarios the conformance harness records on the kernel) parse and run in both profiles.
func TestScenarioFilesInTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.json"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 5)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		sc, err := Parse(b)
		require.NoError(t, err, f)
		assert.Equal(t, strings.TrimSuffix(filepath.Base(f), ".json"), sc.Name, "%s: the file is named after its scenario", f)
		for _, p := range sc.ProfilesOf() {
			_, err := Run(sc, RunOptions{Profile: p, Check: true})
			assert.NoError(t, err, "%s (%s)", f, p)
		}
	}
}

// The trace is only a record: a run without it ends in the same final state (sockets, sockstat,
// counters) at the same time, for the catalog and the scenario files alike.
func TestTraceOffChangesNothing(t *testing.T) {
	scs := Catalog()
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		sc, err := Parse(b)
		require.NoError(t, err)
		scs = append(scs, sc)
	}
	for _, sc := range scs {
		for _, p := range sc.ProfilesOf() {
			on, err := Run(sc, RunOptions{Profile: p, Seed: 5})
			require.NoError(t, err)
			off, err := Run(sc, RunOptions{Profile: p, Seed: 5, NoTrace: true})
			require.NoError(t, err)
			assert.Equal(t, on.EndUs, off.EndUs, "%s/%s: end", sc.Name, p)
			assert.Equal(t, on.Final, off.Final, "%s/%s: final state", sc.Name, p)
		}
	}
}
