package scenario

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// injectScenario is A (10.0.0.1) connecting at 0 to B (10.0.0.2), listening on 5000, 20 ms
// apart, and an idle C (10.0.0.3); bApp is B's app policy, rules the wire's rules and actions more actions (JSON).
func injectScenario(t *testing.T, bApp, sysctlsA, rules, actions string) Scenario {
	t.Helper()
	file := fmt.Sprintf(`{"name": "inject_test",
	  "hosts": [
	    {"name": "A", "addr": "10.0.0.1", "sysctls": {%s}, "app": {"read": true}},
	    {"name": "B", "addr": "10.0.0.2", "app": {"accept": true, "read": true%s}},
	    {"name": "C", "addr": "10.0.0.3"}],
	  "wire": {"delay": "20ms", "rules": [%s]},
	  "actions": [
	    {"at": "0s", "host": "B", "op": "listen", "conn": "L", "port": 5000, "backlog": 16},
	    {"at": "0s", "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 5000}%s]}`,
		sysctlsA, bApp, rules, actions)
	sc, err := Parse([]byte(file))
	require.NoError(t, err)
	return sc
}

// Injected segments through every state's input path (tcp_v4_rcv → full socket, TIME_WAIT
// socket in both substates, request, listener, no socket), modern profile: the exact answer
// (packets from the injection on), the receiver's state path and the counters.
func TestInjectThroughEveryState(t *testing.T) {
	for _, c := range []struct {
		name, bApp, sysA, rules, actions string
		from                             int64 // ms: packets from here on
		packets                          string
		states                           map[string]string
		counters                         map[string]string
	}{{
		name: "LISTEN: a SYN on a new 4-tuple is a new conn; B answers SYN-ACK, A has no socket and resets it",
		actions: `,{"at": "100ms", "op": "inject", "host": "A", "to": "B",
		  "segment": {"flags": "S", "seq": 1000, "sport": 40000, "dport": 5000, "win": 64240, "mss": 1460, "wscale": 7, "sack_ok": true}}`,
		from: 100,
		packets: `
100 A>B c1 S 0 - 0 injected
100 B>A c1 S. 0 1 0
120 A>B c1 R 1 - 0
`,
		states:   map[string]string{"B c1": "CLOSE SYN_RECV CLOSE"},
		counters: map[string]string{"A": "TcpActiveOpens=1 TcpOutRsts=1", "B": "TcpAttemptFails=1 TcpExtEmbryonicRsts=1 TcpPassiveOpens=1"},
	}, {
		name:  "SYN_SENT: an RST whose ACK acknowledges the SYN refuses the connection (tcp_rcv_synsent_state_process)",
		rules: `{"from": "A", "kind": "syn", "count": 1, "action": "drop", "start_us": 0}`,
		actions: `,{"at": "100ms", "op": "inject", "host": "B", "to": "A", "conn": "c0",
		  "segment": {"flags": "R.", "seq": "abs:0"}}`,
		from: 100,
		packets: `
100 B>A c0 R. 0 1 0 injected
`,
		states:   map[string]string{"A c0": "CLOSE SYN_SENT CLOSE"},
		counters: map[string]string{"A": "TcpActiveOpens=1 TcpAttemptFails=1", "B": ""},
	}, {
		name:  "request (NEW_SYN_RECV): an RST at the request's rcv_nxt drops the request (tcp_check_req)",
		rules: `{"from": "A", "kind": "ack", "count": 1, "action": "drop", "start_us": 0}`,
		actions: `,{"at": "100ms", "op": "inject", "host": "A", "to": "B", "conn": "c0",
		  "segment": {"flags": "R"}}`,
		from: 100,
		packets: `
100 A>B c0 R 1 - 0 injected
`,
		states:   map[string]string{"B c0": "CLOSE SYN_RECV CLOSE"},
		counters: map[string]string{"A": "TcpActiveOpens=1", "B": "TcpAttemptFails=1 TcpExtEmbryonicRsts=1"},
	}, {
		name: "ESTABLISHED: an RST inside the window but not at rcv_nxt gets a challenge ACK (RFC 5961)",
		actions: `,{"at": "100ms", "op": "inject", "host": "A", "to": "B", "conn": "c0",
		  "segment": {"flags": "R", "seq": "next+10"}}`,
		from: 100,
		packets: `
100 A>B c0 R 11 - 0 injected
100 B>A c0 . 1 1 0
`,
		states:   map[string]string{"B c0": "CLOSE SYN_RECV ESTABLISHED"},
		counters: map[string]string{"A": "TcpActiveOpens=1", "B": "TcpExtTCPChallengeACK=1 TcpPassiveOpens=1"},
	}, {
		name:  "FIN_WAIT1: an ACK of a FIN the wire lost moves the orphan on to TIME_WAIT in substate FIN_WAIT2",
		rules: `{"from": "A", "kind": "fin", "count": 1, "action": "drop", "start_us": 0}`,
		actions: `,{"at": "100ms", "host": "A", "op": "close", "conn": "c0"},
		  {"at": "150ms", "op": "inject", "host": "B", "to": "A", "conn": "c0", "segment": {"flags": "."}}`,
		from: 100,
		packets: `
100 A>B c0 F. 1 1 0 drop
150 B>A c0 . 1 2 0 injected
`,
		states:   map[string]string{"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) CLOSE"},
		counters: map[string]string{"A": "TcpActiveOpens=1 TcpExtTW=1", "B": "TcpPassiveOpens=1"},
	}, {
		name: "FIN_WAIT2 (a socket still owned after shutdown): a FIN ends in TIME_WAIT with an ACK; B, which never sent that FIN, challenges the ACK of it",
		actions: `,{"at": "100ms", "host": "A", "op": "shutdown", "conn": "c0", "how": "SHUT_WR"},
		  {"at": "200ms", "op": "inject", "host": "B", "to": "A", "conn": "c0", "segment": {"flags": "F."}}`,
		from: 200,
		packets: `
200 B>A c0 F. 1 2 0 injected
200 A>B c0 . 2 2 0
220 B>A c0 . 1 2 0
240 A>B c0 . 2 2 0
`,
		states:   map[string]string{"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE"},
		counters: map[string]string{"A": "TcpActiveOpens=1 TcpExtTW=1", "B": "TcpExtDelayedACKs=1 TcpExtTCPACKSkippedChallenge=1 TcpExtTCPChallengeACK=1 TcpPassiveOpens=1"},
	}, {
		name: "CLOSE_WAIT: an RST at rcv_nxt (one past the peer's FIN) resets the socket; one at the FIN's own number is older than rcv_wup and dropped (tcp_sequence)",
		actions: `,{"at": "100ms", "host": "A", "op": "close", "conn": "c0"},
		  {"at": "200ms", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "R", "seq": "next-1"}},
		  {"at": "300ms", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "R"}}`,
		from: 200,
		packets: `
200 A>B c0 R 1 - 0 injected
300 A>B c0 R 2 - 0 injected
`,
		states:   map[string]string{"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE"},
		counters: map[string]string{"B": "TcpEstabResets=1 TcpExtDelayedACKs=1 TcpPassiveOpens=1"},
	}, {
		name:  "CLOSING: the ACK of our FIN (lost on the wire) moves on to TIME_WAIT",
		bApp:  `, "close_on_eof": "0s"`,
		rules: `{"from": "B", "to": "A", "kind": "ack", "start_us": 150000, "action": "drop"}`,
		actions: `,{"at": "100ms", "host": "A", "op": "close", "conn": "c0"},
		  {"at": "100ms", "host": "B", "op": "close", "conn": "c0"},
		  {"at": "300ms", "op": "inject", "host": "B", "to": "A", "conn": "c0", "segment": {"flags": "."}}`,
		from: 300,
		packets: `
300 B>A c0 . 2 2 0 injected
`,
		states:   map[string]string{"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSING TIME_WAIT(TIME_WAIT) CLOSE"},
		counters: map[string]string{},
	}, {
		name:  "LAST_ACK: the last ACK, lost on the wire, injected: tcp_done",
		bApp:  `, "close_on_eof": "0s"`,
		rules: `{"from": "A", "to": "B", "kind": "ack", "start_us": 100000, "action": "drop"}`,
		actions: `,{"at": "100ms", "host": "A", "op": "close", "conn": "c0"},
		  {"at": "150ms", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "."}}`,
		from: 140,
		packets: `
140 A>B c0 . 2 2 0 drop
150 A>B c0 . 2 2 0 injected
`,
		states:   map[string]string{"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE"},
		counters: map[string]string{"B": "TcpPassiveOpens=1"},
	}, {
		name: "TIME_WAIT, tcp_rfc1337 0: an RST at rcv_nxt kills the TIME_WAIT socket (assassination)",
		bApp: `, "close_on_eof": "0s"`,
		actions: `,{"at": "100ms", "host": "A", "op": "close", "conn": "c0"},
		  {"at": "1s", "op": "inject", "host": "B", "to": "A", "conn": "c0", "segment": {"flags": "R"}}`,
		from: 1000,
		packets: `
1000 B>A c0 R 2 - 0 injected
`,
		states:   map[string]string{"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE"},
		counters: map[string]string{"A": "TcpActiveOpens=1 TcpExtTW=1"},
	}, {
		name: "TIME_WAIT, tcp_rfc1337 1: the same RST is ignored; the socket lives its 60 s",
		bApp: `, "close_on_eof": "0s"`,
		sysA: `"tcp_rfc1337": "1"`,
		actions: `,{"at": "100ms", "host": "A", "op": "close", "conn": "c0"},
		  {"at": "1s", "op": "inject", "host": "B", "to": "A", "conn": "c0", "segment": {"flags": "R"}}`,
		from: 1000,
		packets: `
1000 B>A c0 R 2 - 0 injected
`,
		states:   map[string]string{"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE"},
		counters: map[string]string{"A": "TcpActiveOpens=1 TcpExtTW=1"},
	}, {
		name: "TIME_WAIT: a SYN with a lower sequence number and no timestamps gets an ACK (TCP_TW_ACK); B's listener resets that ACK, and the RST, at rcv_nxt, kills the TIME_WAIT socket (an injected SYN stays on its conn, numbered below its ISN)",
		bApp: `, "close_on_eof": "0s"`,
		actions: `,{"at": "100ms", "host": "A", "op": "close", "conn": "c0"},
		  {"at": "1s", "op": "inject", "host": "B", "to": "A", "conn": "c0", "segment": {"flags": "S", "seq": "next-100"}}`,
		from: 1000,
		packets: `
1000 B>A c0 S 4294967198 - 0 injected
1000 A>B c0 . 2 2 0
1020 B>A c0 R 2 - 0
`,
		states:   map[string]string{"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE"},
		counters: map[string]string{"A": "TcpActiveOpens=1 TcpExtTW=1"},
	}, {
		name: "TIME_WAIT in substate FIN_WAIT2: the peer's FIN moves it to substate TIME_WAIT with an ACK, which B challenges",
		bApp: ``,
		actions: `,{"at": "100ms", "host": "A", "op": "close", "conn": "c0"},
		  {"at": "1s", "op": "inject", "host": "B", "to": "A", "conn": "c0", "segment": {"flags": "F."}}`,
		from: 1000,
		packets: `
1000 B>A c0 F. 1 2 0 injected
1000 A>B c0 . 2 2 0
1020 B>A c0 . 1 2 0
1040 A>B c0 . 2 2 0
`,
		states:   map[string]string{"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE"},
		counters: map[string]string{"A": "TcpActiveOpens=1 TcpExtTW=1"},
	}, {
		name: "no socket: an ACK to a port nobody listens on gets RST with seq = its ack (tcp_v4_send_reset)",
		actions: `,{"at": "100ms", "op": "inject", "host": "A", "to": "B",
		  "segment": {"flags": ".", "seq": 7, "ack": 99, "sport": 41000, "dport": 6000}}`,
		from: 100,
		packets: `
100 A>B - . 7 99 0 injected
100 B>A - R 99 - 0
`,
		counters: map[string]string{"A": "TcpActiveOpens=1", "B": "TcpOutRsts=1 TcpPassiveOpens=1"},
	}} {
		t.Run(c.name, func(t *testing.T) {
			sc := injectScenario(t, c.bApp, c.sysA, c.rules, c.actions)
			tr := run(t, sc, "modern")
			var got []string
			for _, e := range tr.Packets() {
				if e.T >= c.from*1000 {
					line := compactPacket(&e)
					if e.Injected {
						line += " injected"
					}
					got = append(got, line)
				}
			}
			assert.Equal(t, strings.TrimSpace(c.packets), strings.Join(got, "\n"), "packets")
			paths := statePaths(tr)
			for k, want := range c.states {
				assert.Equal(t, want, paths[k], "state path %s", k)
			}
			deltas := tr.CounterDeltas()
			for h, want := range c.counters {
				assert.Equal(t, want, counterLine(deltas[h]), "counters of %s", h)
			}
		})
	}
}

// The JSON file form: a trace event says "injected": true, and a scenario with an inject
// action survives a round trip through encoding/json.
func TestInjectScenarioRoundTrip(t *testing.T) {
	sc := injectScenario(t, `, "close_on_eof": "0s"`, "", "", `,{"at": "100ms", "host": "A", "op": "close", "conn": "c0"},
	  {"at": "1s", "op": "inject", "host": "B", "to": "A", "conn": "c0",
	   "segment": {"flags": "R.", "seq": "next+5", "ack": 3, "win": 10, "ts": {"val": "now-2", "ecr": "echo"}}}`)
	b, err := json.Marshal(sc)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"segment":{"flags":"R.","seq":"next+5","ack":3,"win":10,"ts":{"val":"now-2","ecr":"echo"}}`)
	back, err := Parse(b)
	require.NoError(t, err)
	assert.Equal(t, sc.Actions, back.Actions)
	tr := run(t, back, "modern")
	js, err := tr.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(js), `"flags":"R.","seq":7,"ack":3,"len":0,"win":10,"arrive_us":1000000,"dropped":false,"injected":true,"tsval":998,"tsecr":`)
}

// A malformed inject action is rejected with the action and the field named.
func TestInjectValidationErrors(t *testing.T) {
	const where = "scenario inject_test: action 2 (inject on A at 1s): "
	for _, c := range []struct{ action, want string }{
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0"}`, `inject needs a segment: {"flags": …}`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "Z", "conn": "c0", "segment": {"flags": "R"}}`, `inject to unknown host "Z"`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "A", "conn": "c0", "segment": {"flags": "R"}}`, `inject from A to itself: to names the receiving host, host the one the segment claims to come from`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": ""}}`, `segment.flags: empty: want tcpdump notation such as R, R., S, F. or P.`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "RX"}}`, `segment.flags: "RX": 'X' is not a flag (want S, F, R, P, and . for ACK)`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": ".R"}}`, `segment.flags: ".R": the ACK mark "." comes last`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "RR"}}`, `segment.flags: "RR": 'R' given twice`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "x1", "segment": {"flags": "R"}}`, `conn "x1": an inject names a connection as the trace numbers it: c0, c1 …`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "R", "sport": 5}}`, `segment.sport/dport: only for a segment on no connection (without conn)`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "segment": {"flags": "R", "seq": 1}}`, `segment: names no connection (conn) and no ports (sport and dport 1..65535)`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "R", "seq": "nxt"}}`, `segment.seq: "nxt": want a whole number 0..4294967295, "next", "next+N", "next-N" or "abs:N"`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "R", "seq": -1}}`, `segment.seq: "-1": want a whole number 0..4294967295, "next", "next+N", "next-N" or "abs:N"`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "segment": {"flags": "R", "seq": "next", "sport": 1, "dport": 2}}`, `segment.seq: "next": want a whole number 0..4294967295 or "abs:N"`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "segment": {"flags": "R", "sport": 1, "dport": 2}}`, `segment.seq: a segment on no connection needs its sequence number`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "R", "ack": 1}}`, `segment.ack: given, but the flags "R" have no ACK (".")`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "segment": {"flags": "R.", "seq": 1, "sport": 1, "dport": 2}}`, `segment.ack: a segment on no connection with ACK needs its ack number`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "P.", "len": 70000}}`, `segment.len: 70000 out of range 0..65495`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": ".", "win": 65536}}`, `segment.win: 65536 out of range 0..65535`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "S", "wscale": 15}}`, `segment.wscale: 15 out of range 0..14`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "R", "mss": 1460}}`, `segment: mss, wscale and sack_ok are SYN options: the flags "R" have no S`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": ".", "ts": {"val": "now"}}}`, `segment.ts: needs val and ecr (a number, "now" for val, "echo" for ecr)`},
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": ".", "ts": {"val": "echo", "ecr": 0}}}`, `segment.ts.val: "echo": want a whole number 0..4294967295, "now", "now+N", "now-N" or "abs:N"`},
	} {
		file := fmt.Sprintf(`{"name": "inject_test", "hosts": [{"name": "A", "addr": "10.0.0.1"}, {"name": "B", "addr": "10.0.0.2"}],
		  "actions": [{"at": "0s", "host": "B", "op": "listen", "conn": "L", "port": 80},
		    {"at": "0s", "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 80}, %s]}`, c.action)
		_, err := Parse([]byte(file))
		assert.EqualError(t, err, where+c.want, c.action)
	}
	_, err := Parse([]byte(`{"name": "x", "hosts": [{"name": "A", "addr": "10.0.0.1"}],
	  "actions": [{"at": "0s", "host": "A", "op": "inject", "to": "A", "segment": {"flags": "R", "seq": true}}]}`))
	assert.EqualError(t, err, `scenario file: line 2, column 102: actions[0].segment.seq: want a number or a string such as "next", got true`)
}

// What can only be known during the run: the connection must exist by then, between the two
// hosts named, and "next" and "echo" need something sent.
func TestInjectRunErrors(t *testing.T) {
	for _, c := range []struct{ action, want string }{
		{`{"at": "1s", "op": "inject", "host": "A", "to": "B", "conn": "c4", "segment": {"flags": "R"}}`, `action 2 (inject on A at 1s): connection c4 does not exist yet`},
		{`{"at": "1s", "op": "connect", "host": "A", "conn": "c1", "to": "C", "port": 9}, {"at": "2s", "op": "inject", "host": "A", "to": "B", "conn": "c1", "segment": {"flags": "R"}}`, `action 3 (inject on A at 2s): connection c1 is between A and C, not A and B`},
		{`{"at": "0s", "op": "inject", "host": "B", "to": "A", "conn": "c0", "segment": {"flags": "R."}}`, `action 2 (inject on B at 0s): segment.seq: "next": B has sent nothing on c0 yet`},
		{`{"at": "0s", "op": "inject", "host": "B", "to": "A", "conn": "c0", "segment": {"flags": "R", "seq": 5}}`, `action 2 (inject on B at 0s): segment.seq: "5": B has no ISN on c0 yet (give "abs:N")`},
		{`{"at": "10ms", "op": "inject", "host": "A", "to": "B", "conn": "c0", "segment": {"flags": "R", "ts": {"val": 1, "ecr": "echo"}}}`, `action 2 (inject on A at 10ms): segment.ts.ecr: "echo": B has sent no timestamp on c0`},
	} {
		sc := injectScenario(t, "", "", "", ","+c.action)
		_, err := Run(sc, RunOptions{})
		assert.EqualError(t, err, "scenario inject_test: "+c.want, c.action)
	}
}
