package scenario

import (
	"encoding/json"
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
		{"syntax", "{\n  \"name\": \"x\",\n  \"hosts\": [,]\n}", "line 3, column"},
		{"unknown field", `{"name":"x","hostz":[]}`, `unknown field "hostz"`},
		{"type", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1","hz":"fast"}]}`, `field "hosts.hz"`},
		{"bad duration", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1"}],"actions":[{"at":"soon","host":"A","op":"close","conn":"c0"}]}`, `duration "soon"`},
		{"bad address", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0"}]}`, "host A: address"},
		{"unknown host", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1"}],"actions":[{"at":"1s","host":"Z","op":"close","conn":"c0"}]}`, `action 0 (close on Z at 1s): unknown host "Z"`},
		{"unknown op", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1"}],"actions":[{"at":"1s","host":"A","op":"explode","conn":"c0"}]}`, `unknown op "explode"`},
		{"bad rule", `{"name":"x","hosts":[{"name":"A","addr":"10.0.0.1"}],"wire":{"delay":"1ms","rules":[{"action":"lose"}]}}`, "wire rule 0: unknown action"},
	} {
		_, err := Parse([]byte(c.file))
		require.Error(t, err, c.name)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
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

// An action on a socket that does not exist fails the run with the action named.
func TestActionErrorNamesTheAction(t *testing.T) {
	sc := mustLookup(t, "normal_active_close").with(act(900, "B", OpRecv, "c7"))
	_, err := Run(sc, RunOptions{})
	assert.ErrorContains(t, err, `action 4 (recv on B at 900ms): host B has no socket "c7"`)
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
