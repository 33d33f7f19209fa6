package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCLI(args ...string) (string, error) {
	var out, errb bytes.Buffer
	err := Main(args, &out, &errb)
	return out.String() + errb.String(), err
}

func TestListShowsTheCatalog(t *testing.T) {
	out, err := runCLI("list")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Len(t, lines, 18)
	assert.True(t, strings.HasPrefix(lines[0], "normal_active_close "))
	assert.Contains(t, out, "tw_recycle_nat (2.6 only)")
}

func TestTraceJSON(t *testing.T) {
	out, err := runCLI("trace", "-scenario", "close_with_unread_data", "-format", "json")
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	for _, k := range []string{"scenario", "profile", "seed", "events", "final"} {
		assert.Contains(t, doc, k)
	}
	assert.Equal(t, "modern", doc["profile"])
	assert.Contains(t, out, `"flags":"R.","seq":1,"ack":101`)
}

func TestTraceText(t *testing.T) {
	out, err := runCLI("trace", "-scenario", "tw_recycle_nat")
	require.NoError(t, err)
	assert.Contains(t, out, "profile 2.6")
	assert.Contains(t, out, "TcpExtPAWSPassive +1")
}

func TestErrors(t *testing.T) {
	_, err := runCLI("trace", "-scenario", "tw_recycle_nat", "-profile", "modern")
	assert.ErrorContains(t, err, "exists only in profile 2.6")
	_, err = runCLI("trace", "-scenario", "nope")
	assert.ErrorContains(t, err, "unknown scenario")
	_, err = runCLI("trace", "-scenario", "linger_zero", "-format", "xml")
	assert.ErrorContains(t, err, "unknown format")
	_, err = runCLI("frobnicate")
	assert.Equal(t, ErrUsage, err)
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("{\"name\": \"x\",\n \"hosts\": 5}"), 0o644))
	_, err = runCLI("trace", "-file", bad)
	assert.ErrorContains(t, err, "line 2")
}

func TestShowThenTraceFile(t *testing.T) {
	js, err := runCLI("show", "-scenario", "linger_zero")
	require.NoError(t, err)
	f := filepath.Join(t.TempDir(), "s.json")
	require.NoError(t, os.WriteFile(f, []byte(js), 0o644))
	a, err := runCLI("trace", "-file", f, "-format", "json")
	require.NoError(t, err)
	b, err := runCLI("trace", "-scenario", "linger_zero", "-format", "json")
	require.NoError(t, err)
	assert.Equal(t, b, a)
}
