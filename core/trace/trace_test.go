package trace

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormatTime(t *testing.T) {
	assert.Equal(t, "530.0 ms", FormatTime(530_000))
	assert.Equal(t, "9999.9 ms", FormatTime(9_999_999))
	assert.Equal(t, "60.540 s", FormatTime(60_540_000))
}

func TestPacketLabel(t *testing.T) {
	e := Event{Flags: "F.", Seq: 101, Ack: 1, HasAck: true, Win: 502}
	assert.Equal(t, "F. seq 101 ack 1 win 502 len 0", PacketLabel(&e))
	d := Event{Flags: "P.", Seq: 1, Ack: 1, HasAck: true, Win: 502, Len: 100}
	assert.Equal(t, "P. seq 1:101 ack 1 win 502 len 100", PacketLabel(&d))
	r := Event{Flags: "R", Seq: 2}
	assert.Equal(t, "R seq 2 win 0 len 0", PacketLabel(&r))
}

func TestJSONShape(t *testing.T) {
	tr := &Trace{Scenario: "x", Profile: "modern", Seed: 1, Hosts: []string{"A"}, Events: []Event{
		{T: 1, Kind: KindPacket, Host: "A", Conn: 0, From: "A", To: "B", Flags: "S", Arrive: NoTime, Dropped: true},
		{T: 2, Kind: KindState, Host: "A", Conn: NoConn, Arrive: NoTime, Returned: NoTime, StateFrom: "CLOSE", StateTo: "LISTEN", Fn: "inet_csk_listen_start"},
		{T: 3, Kind: KindCall, Host: "A", Conn: 0, Action: "close", Result: "0", Returned: 9},
	}, Final: map[string]HostFinal{"A": {Sockets: []SocketInfo{}, Counters: map[string]int64{"TcpExtTW": 1}}}}
	js, err := tr.MarshalJSON()
	require.NoError(t, err)
	s := string(js)
	for _, want := range []string{`"scenario":"x"`, `"ack":null`, `"arrive_us":null`, `"dropped":true`, `"conn":null`,
		`"state_to":"LISTEN"`, `"returned_us":9`, `"final":{"A":`, `"TcpExtTW":1`} {
		assert.Contains(t, s, want)
	}
	back, err := ParseJSON(js)
	require.NoError(t, err)
	assert.Equal(t, tr.Events[1], back.Events[1])
	_, err = ParseJSON([]byte(`{"events":[{"kind":"bogus"}]}`))
	assert.ErrorContains(t, err, `event 0: unknown kind "bogus"`)
	var b strings.Builder
	require.NoError(t, tr.WriteText(&b))
	assert.Contains(t, b.String(), "A>B c0  S seq 0 win 0 len 0  DROPPED")
}
