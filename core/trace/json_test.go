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
