package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAtPrintsTheTools(t *testing.T) {
	out, err := runCLI("at", "-scenario", "fin_wait2_timeout", "-t", "500ms", "-host", "A", "-tool", "ss")
	require.NoError(t, err)
	assert.Equal(t, "State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n"+
		"FIN-WAIT-2 0      0           10.0.0.1:32768     10.0.0.2:5000 timer:(timewait,2.744ms,0)\n\t\n", out)
	out, err = runCLI("at", "-scenario", "fin_wait2_timeout", "-t", "0.5", "-host", "A", "-tool", "sockstat")
	require.NoError(t, err)
	assert.Equal(t, "TCP: inuse 0 orphan 0 tw 1 alloc 0 mem 0\n", out)
	out, err = runCLI("at", "-scenario", "normal_active_close", "-profile", "2.6", "-t", "60ms", "-host", "B", "-tool", "tcpdump", "-S")
	require.NoError(t, err)
	assert.Len(t, strings.Split(strings.TrimSpace(out), "\n"), 3)
	assert.NotContains(t, out, "ack 1,")
	out, err = runCLI("at", "-scenario", "normal_active_close", "-t", "600ms", "-since", "400ms", "-host", "B", "-tool", "nstat")
	require.NoError(t, err)
	assert.Contains(t, out, "\nTcpInSegs                       2                  0.0\n")
}

func TestAtErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-scenario", "normal_active_close", "-host", "A", "-tool", "ss"}, "at: -t, -host and -tool are required (e.g. -t 1.25s -host A -tool ss)"},
		{[]string{"-scenario", "normal_active_close", "-t", "1x", "-host", "A", "-tool", "ss"}, `at: -t: duration "1x": want a Go duration such as 540ms or 1.25s, or a number of seconds, at most 4h0m0s`},
		{[]string{"-scenario", "normal_active_close", "-t", "1s", "-host", "Z", "-tool", "ss"}, `at: host "Z": no such host (the scenario has A, B)`},
		{[]string{"-scenario", "normal_active_close", "-t", "1s", "-host", "A", "-tool", "lsof"}, `at: unknown tool "lsof" (ss, nstat, sockstat or tcpdump)`},
		{[]string{"-scenario", "normal_active_close", "-t", "1s", "-since", "1ms", "-host", "A", "-tool", "ss"}, "at: -since applies to -tool nstat only"},
	} {
		_, err := runCLI(append([]string{"at"}, c.args...)...)
		if assert.Error(t, err, c.args) {
			assert.Equal(t, c.want, err.Error())
		}
	}
}

func TestDiff(t *testing.T) {
	out, err := runCLI("diff", "-scenario", "fin_wait2_timeout", "-profile2", "2.6")
	require.NoError(t, err)
	assert.Equal(t, "# modern vs 2.6, seed 1\n3244.0 ms   A c0 is CLOSE in modern, TIME_WAIT(FIN_WAIT2) in 2.6 until 3316.0 ms\n", out)

	// SO_LINGER {1, 0} on A: close() aborts, so no FIN, no TIME_WAIT
	out, err = runCLI("diff", "-scenario", "normal_active_close", "-set", "A.SO_LINGER=1,0")
	require.NoError(t, err)
	assert.Contains(t, out, "# as is (modern) vs A.SO_LINGER=1,0 (modern), seed 1\n500.0 ms    packet only in as is: A>B c0 F. seq 101 ack 1 win 502 len 0\n"+
		"500.0 ms    packet only in A.SO_LINGER=1,0: A>B c0 R. seq 101 ack 1 win 502 len 0 (disconnect)\n")
	assert.Contains(t, out, "540.0 ms    counter A TcpExtTW: 1 in as is, 0 in A.SO_LINGER=1,0 at the end\n")

	// a sysctl: the orphan's FIN_WAIT2 lasts 10 s instead of 3
	out, err = runCLI("diff", "-scenario", "fin_wait2_timeout", "-set", "A.tcp_fin_timeout=10")
	require.NoError(t, err)
	assert.Contains(t, out, "A c0 is CLOSE in as is, TIME_WAIT(FIN_WAIT2) in A.tcp_fin_timeout=10 until ")

	// two files
	dir := t.TempDir()
	show, err := runCLI("show", "-scenario", "normal_active_close")
	require.NoError(t, err)
	f := filepath.Join(dir, "same.json")
	require.NoError(t, os.WriteFile(f, []byte(show), 0o600))
	out, err = runCLI("diff", "-scenario", "normal_active_close", "-file2", f)
	require.NoError(t, err)
	assert.Equal(t, "# normal_active_close (modern) vs "+f+" (modern), seed 1\nno differences between normal_active_close and "+f+"\n", out)
}

func TestDiffErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-scenario", "normal_active_close"}, "diff: say what run 2 changes: -profile2, -set, -scenario2 or -file2"},
		{[]string{"-scenario", "normal_active_close", "-set", "A.tcp_fin_timeout"}, "diff: -set A.tcp_fin_timeout: \"A.tcp_fin_timeout\": want HOST.NAME=VALUE, such as A.tcp_fin_timeout=10 or A.SO_LINGER=1,0"},
		{[]string{"-scenario", "normal_active_close", "-set", "C.tcp_fin_timeout=1"}, `diff: -set C.tcp_fin_timeout=1: "C": no such host (the scenario has A, B)`},
		{[]string{"-scenario", "normal_active_close", "-set", "A.SO_LINGER=on"}, `diff: -set A.SO_LINGER=on: "on": SO_LINGER takes two integers, on and seconds, such as 1,0`},
		{[]string{"-scenario", "normal_active_close", "-set", "A.TCP_LINGER2=1,5"}, `diff: -set A.TCP_LINGER2=1,5: "1,5": TCP_LINGER2 takes one integer`},
		{[]string{"-scenario", "normal_active_close", "-set", "A.tcp_nope=1"}, `diff: run 2: scenario normal_active_close: hosts[0].sysctls.tcp_nope: unknown sysctl "tcp_nope"`},
		{[]string{"-scenario", "normal_active_close", "-set", "A.x=1", "-scenario2", "linger_zero"}, "diff: -set changes run 1's scenario; it does not go with -scenario2 or -file2"},
		{[]string{"-scenario", "normal_active_close", "-profile2", "2.6", "extra"}, `diff: unexpected argument "extra"`},
	} {
		_, err := runCLI(append([]string{"diff"}, c.args...)...)
		if assert.Error(t, err, c.args) {
			assert.True(t, strings.HasPrefix(err.Error(), c.want), "%s\nwant prefix %s", err, c.want)
		}
	}
}

func TestTraceLinks(t *testing.T) {
	out, err := runCLI("trace", "-scenario", "normal_active_close", "-profile", "2.6", "-links")
	require.NoError(t, err)
	assert.Contains(t, out, "\n# kernel source (Bootlin Elixir, v2.6.32)\n")
	assert.Contains(t, out, "\ntcp_time_wait                    https://elixir.bootlin.com/linux/v2.6.32/A/ident/tcp_time_wait\n")
	_, err = runCLI("trace", "-scenario", "normal_active_close", "-format", "json", "-links")
	assert.EqualError(t, err, "trace: -links goes with -format text")
}
