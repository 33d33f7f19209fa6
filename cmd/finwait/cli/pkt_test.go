package cli

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeScript(t *testing.T, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.pkt")
	require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	return p
}

const pktHead = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n0...0.1 connect(3, ..., ...) = 0\n+0 > S 0:0(0) <...>\n" +
	"+.1 < S. 0:0(0) ack 1 win 65535 <mss 1460,nop,wscale 7>\n+0 > . 1:1(0) ack 1\n+.1 close(3) = 0\n"

func TestPktAllMet(t *testing.T) {
	p := writeScript(t, pktHead+"+0 > F. 1:1(0) ack 1\n")
	out, err := runCLI("pkt", p)
	require.NoError(t, err)
	assert.Equal(t, "   1 met   0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"+
		"   2 met   0...0.1 connect(3, ..., ...) = 0\n"+
		"   3 met   +0 > S 0:0(0) <...>\n"+
		"   4 met   +.1 < S. 0:0(0) ack 1 win 65535 <mss 1460,nop,wscale 7>\n"+
		"   5 met   +0 > . 1:1(0) ack 1\n"+
		"   6 met   +.1 close(3) = 0\n"+
		"   7 met   +0 > F. 1:1(0) ack 1\n"+
		"every line met (7 lines)\n", out)
}

func TestPktMissExitsOne(t *testing.T) {
	p := writeScript(t, pktHead+"+0 > R. 1:1(0) ack 1\n")
	out, err := runCLI("pkt", p)
	var ee *ExitError
	require.True(t, errors.As(err, &ee), "error %v", err)
	assert.Equal(t, 1, ee.Code)
	assert.Equal(t, p+": 1 of 7 lines not met", ee.Msg)
	assert.Contains(t, out, "   7 MISS  +0 > R. 1:1(0) ack 1\n"+
		"           got:      live packet field tcp_fin: expected: 0 vs actual: 1; actual: > F. 1:1(0) ack 1 win 502 at 0.200000\n"+
		"           expected: > R. 1:1(0) ack 1\n")
}

func TestPktParseErrorExitsTwo(t *testing.T) {
	p := writeScript(t, "`ip tcp_metrics flush all`\n"+pktHead)
	_, err := runCLI("pkt", p)
	var ee *ExitError
	require.True(t, errors.As(err, &ee), "error %v", err)
	assert.Equal(t, 2, ee.Code)
	assert.Equal(t, p+":1:2: shell command `ip tcp_metrics flush all` is not supported: only `sysctl -q name=value`, packetdrill's defaults.sh and set_sysctls.py are", ee.Msg)
}

func TestPktJSON(t *testing.T) {
	p := writeScript(t, pktHead+"+0 > F. 1:1(0) ack 1\n")
	out, err := runCLI("pkt", "-format", "json", p)
	require.NoError(t, err)
	var doc struct {
		Script string `json:"script"`
		OK     bool   `json:"ok"`
		Lines  []struct {
			Line  int    `json:"line"`
			Kind  string `json:"kind"`
			Met   bool   `json:"met"`
			Got   string `json:"got"`
			Event *int   `json:"event"`
		} `json:"lines"`
		Trace struct {
			Events []map[string]any `json:"events"`
		} `json:"trace"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.True(t, doc.OK)
	require.Len(t, doc.Lines, 7)
	fin := doc.Lines[6]
	assert.Equal(t, "outbound", fin.Kind)
	require.NotNil(t, fin.Event)
	ev := doc.Trace.Events[*fin.Event]
	assert.Equal(t, "packet", ev["kind"])
	assert.Equal(t, "F.", ev["flags"])
	inj := doc.Trace.Events[*doc.Lines[3].Event]
	assert.Equal(t, true, inj["injected"])
	assert.Equal(t, "S.", inj["flags"])
}

func TestPktUsage(t *testing.T) {
	_, err := runCLI("pkt")
	assert.Equal(t, ErrUsage, err)
	_, err = runCLI("pkt", "-format", "xml", "x.pkt")
	assert.EqualError(t, err, `unknown format "xml" (want json or text)`)
}

// A script is read through the one size limit: a stream without end is refused, not read whole.
func TestPktEndlessInputRefused(t *testing.T) {
	_, err := runCLI("pkt", "/dev/zero")
	assert.EqualError(t, err, "reading script /dev/zero: larger than 1 MiB: not a packetdrill script")
}
