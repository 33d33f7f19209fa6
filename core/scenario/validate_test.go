package scenario

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests also run in the browser's build (make test-core-wasm: GOOS=js GOARCH=wasm under
// Node), with the same messages: every rule is decided once, in the core, and no float reaches
// an integer conversion that the two builds would do differently.

// Every duration is read by ParseDuration, with the same answer on every build.
func TestParseDurationLimits(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Duration
		err  string
	}{
		{"200ms", 200_000, ""},
		{"1.5", 1_500_000, ""},
		{"60.54", 60_540_000, ""},
		{"1500ns", 1, ""},
		{"-0", 0, ""},
		{"14400", Horizon, ""},
		{"4h", Horizon, ""},
		{" 2s ", 2_000_000, ""},
		{"NaN", 0, `duration "NaN" is not a number`},
		{"nan", 0, `duration "nan" is not a number`},
		{"Inf", 0, `duration "Inf" is longer than the maximum 4h0m0s`},
		{"+Infinity", 0, `duration "+Infinity" is longer than the maximum 4h0m0s`},
		{"-Inf", 0, `duration "-Inf" is negative`},
		{"1e400", 0, `duration "1e400" is longer than the maximum 4h0m0s`},
		{"1e300", 0, `duration "1e300" is longer than the maximum 4h0m0s`},
		{"9223372036854.775807", 0, `duration "9223372036854.775807" is longer than the maximum 4h0m0s`},
		{"14400.000001", 0, `duration "14400.000001" is longer than the maximum 4h0m0s`},
		{"4h0m0.000001s", 0, `duration "4h0m0.000001s" is longer than the maximum 4h0m0s`},
		{"99h", 0, `duration "99h" is longer than the maximum 4h0m0s`},
		{"99999999999h", 0, `duration "99999999999h": want a Go duration such as 540ms or 1.25s, or a number of seconds, at most 4h0m0s`},
		{"-1", 0, `duration "-1" is negative`},
		{"-5ms", 0, `duration "-5ms" is negative`},
		{"1ns", 0, `duration "1ns" is shorter than 1µs, the model's clock tick`},
		{"0.0000001", 0, `duration "0.0000001" is shorter than 1µs, the model's clock tick`},
		{"soon", 0, `duration "soon": want a Go duration such as 540ms or 1.25s, or a number of seconds, at most 4h0m0s`},
	} {
		got, err := ParseDuration(c.in)
		if c.err != "" {
			assert.EqualError(t, err, c.err, c.in)
			continue
		}
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
}

// validationFile is a two-host scenario with the given wire and actions.
func validationFile(wire, actions string) string {
	return `{"name": "v",
"hosts": [{"name": "A", "addr": "10.0.0.1"}, {"name": "B", "addr": "10.0.0.2", "app": {"accept": true}}],
"wire": ` + wire + `,
"actions": [
  {"at": 0, "host": "B", "op": "listen", "conn": "L", "port": 80},
  ` + actions + `]}`
}

const connectAt10ms = `{"at": "10ms", "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 80}`

// A file that breaks a rule is refused with a message that says which rule and where.
func TestValidationRefusesWithWhere(t *testing.T) {
	for _, c := range []struct{ name, file, want string }{
		{"negative delay", validationFile(`{"delay": "1ms", "delays": {"A>B": -0.5}}`, connectAt10ms),
			`scenario file: line 3, column 44: wire.delays.A>B: duration "-0.5" is negative`},
		{"NaN delay", validationFile(`{"delay": "1ms", "delays": {"A>B": "NaN"}}`, connectAt10ms),
			`scenario file: line 3, column 44: wire.delays.A>B: duration "NaN" is not a number`},
		{"infinite delay", validationFile(`{"delay": "Inf"}`, connectAt10ms),
			`scenario file: line 3, column 19: wire.delay: duration "Inf" is longer than the maximum 4h0m0s`},
		{"huge delay number", validationFile(`{"delay": 1e300}`, connectAt10ms),
			`scenario file: line 3, column 19: wire.delay: duration "1e300" is longer than the maximum 4h0m0s`},
		{"delay direction", validationFile(`{"delay": "1ms", "delays": {"A>C": "1ms"}}`, connectAt10ms),
			`scenario v: line 3, column 44: wire.delays.A>C: direction "A>C": want "A>B" with known host names`},
		{"rule sum", validationFile(`{"delay": "3h", "rules": [{"from": "A", "start_us": 0, "action": "delay", "extra_us": 3600000001}]}`, connectAt10ms),
			`scenario v: line 3, column 95: wire.rules[0].extra_us: with the A>B delay of 3h0m0s a segment would take 4h0m0.000001s, more than the maximum 4h0m0s`},
		{"rule extra overflow", validationFile(`{"delay": "1ms", "rules": [{"start_us": 0, "action": "duplicate", "extra_us": 9223372036854775807}]}`, connectAt10ms),
			`scenario v: line 3, column 87: wire.rules[0].extra_us: 9223372036854775807 µs is more than the maximum 14400000000 (4 h)`},
		{"rule negative start", validationFile(`{"delay": "1ms", "rules": [{"start_us": -5, "action": "drop"}]}`, connectAt10ms),
			`scenario v: line 3, column 49: wire.rules[0].start_us: -5 is negative`},
		{"action after the maximum", validationFile(`{"delay": "1ms"}`, `{"at": "5h", "host": "A", "op": "close", "conn": "c0"}`),
			`scenario file: line 6, column 10: actions[1].at: duration "5h" is longer than the maximum 4h0m0s`},
		{"negative at", validationFile(`{"delay": "1ms"}`, `{"at": -1, "host": "A", "op": "close", "conn": "c0"}`),
			`scenario file: line 6, column 10: actions[1].at: duration "-1" is negative`},
		{"huge retry", validationFile(`{"delay": "1ms"}`, `{"at": 0, "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 80, "retry_every": 1e20}`),
			`scenario file: line 6, column 95: actions[1].retry_every: duration "1e20" is longer than the maximum 4h0m0s`},
		{"sndbuf", validationFile(`{"delay": "1ms"}`, connectAt10ms+`, {"at": "20ms", "host": "A", "op": "setsockopt", "conn": "c0", "opt": "SO_SNDBUF", "value": -1}`),
			`scenario v: line 6, column 177: actions[2].value: -1 bytes: want 0 to 1073741824 (1 GiB)`},
		{"bytes", validationFile(`{"delay": "1ms"}`, connectAt10ms+`, {"at": "20ms", "host": "A", "op": "send", "conn": "c0", "bytes": 4294967296}`),
			`scenario v: line 6, column 151: actions[2].bytes: 4294967296 bytes: want 0 to 1073741824 (1 GiB)`},
		{"sysctl", strings.Replace(validationFile(`{"delay": "1ms"}`, connectAt10ms), `"addr": "10.0.0.1"`, `"addr": "10.0.0.1", "sysctls": {"tcp_fin_timeout": "soon"}`, 1),
			`scenario v: line 2, column 76: hosts[0].sysctls.tcp_fin_timeout: sysctl tcp_fin_timeout = "soon": want an integer`},
		{"linger seconds", validationFile(`{"delay": "1ms"}`, connectAt10ms+`, {"at": "20ms", "host": "A", "op": "setsockopt", "conn": "c0", "opt": "SO_LINGER", "value": 1, "value2": 9300000000000}`),
			`scenario v: line 6, column 190: actions[2].value2: 9300000000000 is not a C int (-2147483648 to 2147483647)`},
		{"timestamp offset", strings.Replace(validationFile(`{"delay": "1ms"}`, connectAt10ms), `"addr": "10.0.0.1"`, `"addr": "10.0.0.1", "ts_clock_offset_ms": 9000000000000`, 1),
			`scenario v: line 2, column 67: hosts[0].ts_clock_offset_ms: 9000000000000 ms: want -4294967295 to 4294967295 (the timestamp clock has 32 bits)`},
		{"missing conn", validationFile(`{"delay": "1ms"}`, `{"at": 0, "host": "A", "op": "close"}`),
			`scenario v: line 6, column 3: actions[1].conn: close names no socket`},
		{"too large", validationFile(`{"delay": "1ms"}`, connectAt10ms) + strings.Repeat(" ", MaxFileSize),
			`scenario file: larger than 1 MiB: not a scenario file`},
	} {
		_, err := Parse([]byte(c.file))
		assert.EqualError(t, err, c.want, c.name)
	}
}

// A scenario built in Go (the catalog, the page's what-if edits) is checked by Run the same
// way, with the path of the value; an action after the run's horizon is refused, not dropped.
func TestRunValidatesValues(t *testing.T) {
	base := func() Scenario {
		sc, err := Parse([]byte(validationFile(`{"delay": "1ms"}`, connectAt10ms)))
		require.NoError(t, err)
		return sc
	}
	for _, c := range []struct {
		name string
		edit func(*Scenario)
		opt  RunOptions
		want string
	}{
		{"negative direction delay", func(sc *Scenario) { sc.Wire.Delays = map[string]Duration{"B>A": -1} }, RunOptions{},
			"scenario v: wire.delays.B>A: duration -1µs is negative"},
		{"huge delay", func(sc *Scenario) { sc.Wire.Delay = 1 << 62 }, RunOptions{},
			"scenario v: wire.delay: duration 4611686018427387904µs is longer than the maximum 4h0m0s"},
		{"after the horizon", func(sc *Scenario) {}, RunOptions{MaxTime: 5000},
			"scenario v: actions[1].at: 10ms (connect on A) is after the run's horizon 5ms: it would never run"},
		{"after the default horizon", func(sc *Scenario) { sc.Actions[1].At = Horizon + 1 }, RunOptions{},
			"scenario v: actions[1].at: duration 4h0m0.000001s is longer than the maximum 4h0m0s"},
		{"negative close_on_eof", func(sc *Scenario) { d := Duration(-3); sc.Hosts[1].App.CloseOnEOF = &d }, RunOptions{},
			"scenario v: hosts[1].app.close_on_eof: duration -3µs is negative"},
	} {
		sc := base()
		c.edit(&sc)
		_, err := Run(sc, c.opt)
		assert.EqualError(t, err, c.want, c.name)
	}
}
