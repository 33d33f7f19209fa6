package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/scenario"
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
	assert.ErrorContains(t, err, `unknown scenario "nope" (known: close_with_unread_data, fin_after_pending_send, `)
	_, err = runCLI("at", "-scenario", "fin_wait2_timeot", "-t", "1s", "-host", "A", "-tool", "ss")
	assert.EqualError(t, err, `unknown scenario "fin_wait2_timeot" (closest: fin_wait2_timeout; finwait list names them all)`)
	_, err = runCLI("diff", "-scenario", "linger", "-profile2", "2.6")
	assert.EqualError(t, err, `unknown scenario "linger" (closest: linger_zero, linger_timeout, linger2_negative; finwait list names them all)`)
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

// One size limit for scenario files, the core's: a larger file, standard input or /dev/zero is
// refused with the same message, having read no more than one byte past the limit.
func TestScenarioFileSizeLimit(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.json")
	require.NoError(t, os.WriteFile(big, append([]byte(`{"name": "x"}`), bytes.Repeat([]byte(" "), scenario.MaxFileSize)...), 0o644))
	_, err := runCLI("trace", "-file", big)
	assert.EqualError(t, err, "reading scenario file "+big+": larger than 1 MiB: not a scenario file")
	_, err = runCLI("trace", "-file", "/dev/zero")
	assert.EqualError(t, err, "reading scenario file /dev/zero: larger than 1 MiB: not a scenario file")

	defer func(r io.Reader) { Stdin = r }(Stdin)
	Stdin = io.MultiReader(strings.NewReader(`{"name": "x"}`), endless{})
	_, err = runCLI("trace", "-file", "-")
	assert.EqualError(t, err, "reading scenario file -: larger than 1 MiB: not a scenario file")
	Stdin = strings.NewReader(`{"name": "y", "hosts": [{"name": "A", "addr": "10.0.0.1"}]}`)
	out, err := runCLI("trace", "-file", "-")
	require.NoError(t, err)
	assert.Contains(t, out, "scenario y")
}

// endless is a reader that never ends, counting nothing (a pipe from /dev/zero).
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// The finwait binary on /dev/zero: exit status 1, the message, and a bounded resident size.
func TestBinaryRefusesEndlessInput(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /dev/zero and the Linux rusage")
	}
	bin := filepath.Join(t.TempDir(), "finwait")
	build := exec.Command("go", "build", "-o", bin, "finwait/cmd/finwait")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, args := range [][]string{{"trace", "-file", "/dev/zero"}, {"trace", "-file", "-"}} {
		cmd := exec.Command(bin, args...)
		zero, err := os.Open("/dev/zero")
		require.NoError(t, err)
		cmd.Stdin = zero
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err = cmd.Run()
		zero.Close()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, args)
		assert.Equal(t, 1, exit.ExitCode(), args)
		assert.Equal(t, "finwait: reading scenario file "+args[2]+": larger than 1 MiB: not a scenario file\n", stderr.String())
		ru, ok := exit.SysUsage().(*syscall.Rusage)
		require.True(t, ok)
		assert.Less(t, ru.Maxrss, int64(64<<10), "%v: peak resident set %d KiB", args, ru.Maxrss) // Linux counts KiB
	}
}
