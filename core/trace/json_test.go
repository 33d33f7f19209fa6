package trace

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The hand-written encoder must write what encoding/json writes for the same values: the golden
// traces and the conformance fixtures were made with it.
func TestWriteStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ back`, "tab\tnl\nret\rbs\bff\f", "\x00\x01\x1f\x7f",
		"<a href='x'>&amp;</a>", "µs → 中文 ✕", "line\u2028para\u2029", "bad \xff\xfe utf8", "\xe4\xb8",
	} {
		var b bytes.Buffer
		writeString(&b, s)
		want, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, string(want), b.String(), "%q", s)
	}
}

func TestHostFinalMatchesEncodingJSON(t *testing.T) {
	for name, h := range map[string]HostFinal{
		"zero":  {},
		"empty": {Sockets: []SocketInfo{}, Counters: map[string]int64{}},
		"full": {
			Sockets: []SocketInfo{
				{Conn: 0, Local: "10.0.0.1:40000", Remote: "10.0.0.2:80", State: "TIME_WAIT", Substate: "TIME_WAIT", TW: true},
				{Conn: 3, Local: "a<b>", Remote: "&", State: "FIN_WAIT1", Orphan: true, SendQ: 7, RecvQ: -1},
			},
			Sockstat: Sockstat{InUse: 2, Orphan: 1, TW: 1},
			Counters: map[string]int64{"TcpExtTW": 1, "TcpActiveOpens": 2, "TcpExtTCPAbortOnData": -3},
		},
	} {
		var b bytes.Buffer
		h.appendJSON(&b)
		want, err := json.Marshal(h)
		require.NoError(t, err)
		assert.Equal(t, string(want), b.String(), name)
	}
}

// "injected" is written only for injected segments, so traces without them are unchanged, and
// it survives a round trip through ParseJSON; the text listing marks it.
func TestInjectedPacketJSON(t *testing.T) {
	tr := &Trace{Scenario: "s", Profile: "modern", Hosts: []string{"A", "B"}, Events: []Event{
		{T: 5, Kind: KindPacket, Host: "A", Conn: 0, From: "A", To: "B", Flags: "R", Seq: 1, Arrive: 5, Injected: true, Returned: NoTime},
		{T: 6, Kind: KindPacket, Host: "B", Conn: 0, From: "B", To: "A", Flags: ".", Seq: 1, Ack: 2, HasAck: true, Arrive: 26, Returned: NoTime},
	}}
	b, err := tr.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(b), "\n"+`{"t_us":5,"kind":"packet","conn":0,"from":"A","to":"B","flags":"R","seq":1,"ack":null,"len":0,"win":0,"arrive_us":5,"dropped":false,"injected":true},`)
	assert.Contains(t, string(b), "\n"+`{"t_us":6,"kind":"packet","conn":0,"from":"B","to":"A","flags":".","seq":1,"ack":2,"len":0,"win":0,"arrive_us":26,"dropped":false}`+"\n")
	back, err := ParseJSON(b)
	require.NoError(t, err)
	assert.Equal(t, tr.Events, back.Events)
	assert.Equal(t, "     0.005  A>B c0  R seq 1 win 0 len 0  INJECTED", Line(&back.Events[0]))
}
