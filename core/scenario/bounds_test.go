package scenario

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/trace"
)

// boundsFile is a two-host scenario file whose actions are given as JSON; A's port range is one
// port, B listens on 80 and accepts.
func boundsFile(name, wire, actions string) string {
	if wire == "" {
		wire = `{"delay": "1ms"}`
	}
	return `{"name": "` + name + `",
  "hosts": [
    {"name": "A", "addr": "10.0.0.1", "sysctls": {"ip_local_port_range": "40000 40000"}, "app": {"read": true}},
    {"name": "B", "addr": "10.0.0.2", "app": {"accept": true, "read": true}}],
  "wire": ` + wire + `,
  "actions": [` + actions + `]}`
}

const (
	listenB    = `{"at": 0, "host": "B", "op": "listen", "conn": "L", "port": 80}`
	connectC0  = `{"at": 0, "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 80}`
	retryC1    = `{"at": "10ms", "host": "A", "op": "connect", "conn": "c1", "to": "B", "port": 80, "retry_every": "1us"}`
	millionMsg = "still running after 2000000 steps (scheduler events and the loops inside them; the bound is 2000000)"
)

// Work is bounded by the run's step bound, whatever durations, counts and sizes a file
// chooses: each class of loop that a file can make long either stops at the bound, with an
// error that says why, or costs one step per thing the user sees. Counted in steps, never in
// wall time (BenchmarkBoundedWork has the speeds). A loop charges a table's length at once, so
// a run may pass the bound by one such charge.
func TestWorkIsBounded(t *testing.T) {
	for _, c := range []struct {
		name string
		file string
		opt  RunOptions
		want string // "" = the run ends normally
	}{
		// connect() fails at once (EADDRNOTAVAIL: A's one port is taken) and retries every
		// microsecond: ten million retries in 10 s, each two steps (its event and the port it
		// tries), so the bound stops it a second in.
		{"retry 1us", boundsFile("retry", "", listenB+","+connectC0+","+retryC1),
			RunOptions{MaxTime: 10e6, NoTrace: true}, millionMsg + " at 1009.9 ms of virtual time"},
		// with a trace, each retry is a call event: the trace bound comes first
		{"retry 1us traced", boundsFile("retry", "", listenB+","+connectC0+","+retryC1),
			RunOptions{MaxTime: 10e6}, "still running after 100001 trace events (the bound) at 59.9 ms"},
		// one send() in one-byte non-blocking chunks into the largest buffer (1 GiB asked,
		// clamped to wmem_max: 212,992 writes in one event, each charged); each write tops up
		// the unsent tail skb and moves its PSH (tcp_sendmsg_locked), so the PSH boundaries a
		// transmit walks are one per two segments, not one per write, and the run ends
		{"send chunks", boundsFile("chunks", "", listenB+","+connectC0+
			`,{"at": "10ms", "host": "A", "op": "setsockopt", "conn": "c0", "opt": "SO_SNDBUF", "value": 1073741824}`+
			`,{"at": "10ms", "host": "A", "op": "send", "conn": "c0", "nonblock": true, "chunk": 1}`),
			RunOptions{NoTrace: true}, ""},
		// every rule is tried on every segment
		{"many rules", boundsFile("rules", `{"delay": "1ms", "rules": [`+strings.Repeat(`{"from": "B", "start_us": 99000000, "action": "drop"},`, 15000)+
			`{"from": "B", "start_us": 99000000, "action": "drop"}]}`, listenB+","+connectC0+
			`,{"at": "10ms", "host": "A", "op": "read_loop", "conn": "c0", "every": "1ms", "bytes": 1}`),
			RunOptions{NoTrace: true}, millionMsg},
		// each fork walks every fd of every socket: 3,000 forks of a process with a socket are
		// 4.5 million fd entries
		{"forks", boundsFile("forks", "", listenB+","+connectC0+","+repeat(3000, func(i int) string {
			return fmt.Sprintf(`{"at": "10ms", "host": "A", "op": "fork", "proc": "app", "child": "p%d"}`, i)
		})), RunOptions{NoTrace: true}, "still running after 2001007 steps (scheduler events and the loops inside them; the bound is 2000000) at 10.0 ms"},
		// a SYN flood whose ACKs are lost: each SYN counts the listener's half-open requests
		{"syn flood", strings.Replace(boundsFile("flood", `{"delay": "1ms", "rules": [{"from": "A", "kind": "ack", "start_us": 0, "action": "drop"}]}`,
			strings.Replace(listenB, `"port": 80`, `"port": 80, "backlog": 100000`, 1)+","+repeat(3000, func(i int) string {
				return fmt.Sprintf(`{"at": "%dus", "host": "A", "op": "connect", "conn": "c%d", "to": "B", "port": 80}`, 10+i, i)
			})), `"40000 40000"`, `"10000 60000"`, 1), RunOptions{NoTrace: true},
			"still running after 2001978 steps (scheduler events and the loops inside them; the bound is 2000000) at 3.0 ms"},
	} {
		sc, err := Parse([]byte(c.file))
		require.NoError(t, err, c.name)
		_, err = Run(sc, c.opt)
		if c.want == "" {
			assert.NoError(t, err, c.name)
			continue
		}
		require.ErrorIs(t, err, ErrRunTooLong, c.name)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
}

// repeat joins n JSON values made by one.
func repeat(n int, one func(int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = one(i)
	}
	return strings.Join(parts, ",")
}

// Each retry of a failing connect() costs two steps (its event and the one port it tries), due
// on the retry grid of its first try: with 50,000 steps a 1 µs retry stops 25 ms into its tries.
func TestConnectRetryCostsOneStepEach(t *testing.T) {
	sc, err := Parse([]byte(boundsFile("retry", "", listenB+","+connectC0+","+retryC1)))
	require.NoError(t, err)
	_, err = Run(sc, RunOptions{MaxSteps: 50_000, NoTrace: true})
	require.ErrorIs(t, err, ErrRunTooLong)
	assert.Contains(t, err.Error(), "still running after 50000 steps")
	assert.Contains(t, err.Error(), "at 34.9 ms of virtual time") // 10 ms + about 24,990 retries, 1 µs apart
}

// A connect() refused every time retries on its grid (100 µs from its first try), one step per
// try: 10 s of tries, each refused one round trip (2 ms) later, end normally.
func TestConnectRetryRefusedRunsToTheHorizon(t *testing.T) {
	sc, err := Parse([]byte(boundsFile("refused", "",
		`{"at": 0, "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 81, "retry_every": "100us"}`)))
	require.NoError(t, err)
	tr, err := Run(sc, RunOptions{MaxTime: 10e6, Check: true})
	require.NoError(t, err)
	var tries []int64
	for _, e := range tr.Events {
		if e.Kind == trace.KindCall && e.Action == "connect" {
			tries = append(tries, e.T)
		}
	}
	// refused 2 ms after each try, so the next one is 2.1 ms later: 0, 2.1 ms … 9.9981 s
	require.Len(t, tries, 4762)
	for i, at := range tries {
		require.Equal(t, int64(i)*2100, at, "try %d", i)
	}
}

// BenchmarkBoundedWork: what the classes of TestWorkIsBounded cost when they stop at the
// default bound (2 million steps).
func BenchmarkBoundedWork(b *testing.B) {
	for _, c := range []struct{ name, file string }{
		{"retry_1us", boundsFile("retry", "", listenB+","+connectC0+","+retryC1)},
		{"retry_100us_refused", boundsFile("refused", "",
			`{"at": 0, "host": "A", "op": "connect", "conn": "c0", "to": "B", "port": 81, "retry_every": "100us"}`)},
	} {
		sc, err := Parse([]byte(c.file))
		require.NoError(b, err)
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, err := Run(sc, RunOptions{NoTrace: true})
				if err != nil && !strings.Contains(err.Error(), "still running") {
					b.Fatal(fmt.Errorf("%s: %w", c.name, err))
				}
			}
		})
	}
}
