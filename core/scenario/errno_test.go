package scenario

import (
	"strings"
	"testing"

	"finwait/core/trace"
	"finwait/core/wire"
)

// callsAt lists host's call events at t ms as "action(args) = result".
func callsAt(tr *trace.Trace, host string, t float64) []string {
	var out []string
	for _, e := range tr.Events {
		if e.Kind == trace.KindCall && e.Host == host && e.T == int64(Ms(t)) {
			out = append(out, e.Action+"("+e.Detail+") = "+e.Result)
		}
	}
	return out
}

func port(a Action, p int) Action { a.Port = p; return a }
func nonblock(a Action) Action    { a.NonBlock = true; return a }
func bind(ms float64, host, conn string, p int) Action {
	return port(act(ms, host, OpBind, conn), p)
}

// TestErrnoPerState: every application call on a socket in a state where Linux refuses it
// returns Linux's errno (one row per call and state), in both profiles, with every invariant
// checked after every event. The last action of each row runs at 50 ms; the row's want is the
// call recorded for it.
func TestErrnoPerState(t *testing.T) {
	dropSynAck := wire.Rule{From: "B", Kind: "syn", Action: wire.Drop}
	established := []Action{connect(10, "A", "c0", "B")}
	reset := []Action{connect(10, "A", "c0", "B"), sockopt(20, "B", "c0", "SO_LINGER", 1, 0), act(20, "B", OpClose, "c0")}
	never := []Action{sockopt(10, "A", "c0", "SO_REUSEADDR", 1, 0)}
	closed := []Action{connect(10, "A", "c0", "B"), act(20, "A", OpClose, "c0")}
	rows := []struct {
		name  string
		rules []wire.Rule
		setup []Action
		op    Action
		want  string
	}{
		{"listen on an established socket", nil, established, port(act(50, "A", OpListen, "c0"), 6000), "listen(port 6000, backlog 128) = EINVAL"},
		{"listen while connecting", []wire.Rule{dropSynAck}, established, port(act(50, "A", OpListen, "c0"), 6000), "listen(port 6000, backlog 128) = EINVAL"},
		{"listen on a socket bound to another port", nil, []Action{bind(10, "A", "s", 7000)}, port(act(50, "A", OpListen, "s"), 6000), "listen(port 6000, backlog 128) = EINVAL"},
		{"listen after the connection was reset", nil, reset, port(act(50, "A", OpListen, "c0"), 6000), "listen(port 6000, backlog 128) = EINVAL"},
		{"listen again on a listener: backlog only", nil, nil, port(act(50, "B", OpListen, "L"), 5000), "listen(port 5000, backlog 128) = 0"},
		{"connect on an established socket", nil, established, connect(50, "A", "c0", "B"), "connect(10.0.0.2:5000) = EISCONN"},
		{"connect while connecting", []wire.Rule{dropSynAck}, established, connect(50, "A", "c0", "B"), "connect(10.0.0.2:5000) = EALREADY"},
		{"connect on a listener", nil, nil, connect(50, "B", "L", "A"), "connect(10.0.0.1:5000) = EISCONN"},
		{"connect after the connection was reset", nil, reset, connect(50, "A", "c0", "B"), "connect(10.0.0.2:5000) = EISCONN"},
		{"bind twice", nil, []Action{bind(10, "A", "s", 7000)}, bind(50, "A", "s", 7001), "bind(7001) = EINVAL"},
		{"bind a connected socket", nil, established, bind(50, "A", "c0", 7001), "bind(7001) = EINVAL"},
		{"bind a listener", nil, nil, bind(50, "B", "L", 7001), "bind(7001) = EINVAL"},
		{"send after SHUT_WR", nil, append(established, withHow(act(20, "A", OpShutdown, "c0"), "SHUT_WR")), send(50, "A", "c0", 10), "send(10) = EPIPE"},
		{"send on a socket never connected", nil, never, send(50, "A", "c0", 10), "send(10) = EPIPE"},
		{"send on a listener", nil, nil, send(50, "B", "L", 10), "send(10) = EPIPE"},
		{"send on a closed fd", nil, closed, send(50, "A", "c0", 10), "send(10) = EBADF"},
		{"non-blocking send while connecting", []wire.Rule{dropSynAck}, established, nonblock(send(50, "A", "c0", 10)), "send(10) = EAGAIN"},
		{"recv on a listener", nil, nil, act(50, "B", OpRecv, "L"), "recv(all) = ENOTCONN"},
		{"recv on a socket never connected", nil, never, act(50, "A", OpRecv, "c0"), "recv(all) = ENOTCONN"},
		{"recv on a closed fd", nil, closed, act(50, "A", OpRecv, "c0"), "recv(all) = EBADF"},
		{"recv while connecting", []wire.Rule{dropSynAck}, established, act(50, "A", OpRecv, "c0"), "recv(all) = EAGAIN"},
		{"shutdown on a socket never connected", nil, never, withHow(act(50, "A", OpShutdown, "c0"), "SHUT_WR"), "shutdown(SHUT_WR) = ENOTCONN"},
		{"shutdown after the connection was reset", nil, reset, withHow(act(50, "A", OpShutdown, "c0"), "SHUT_RDWR"), "shutdown(SHUT_RDWR) = ENOTCONN"},
		{"shutdown on a closed fd", nil, closed, withHow(act(50, "A", OpShutdown, "c0"), "SHUT_WR"), "shutdown(SHUT_WR) = EBADF"},
		{"recv on a name never opened", nil, nil, act(50, "A", OpRecv, "c7"), "recv(all) = EBADF"},
		{"send on a name never opened", nil, nil, send(50, "A", "c7", 10), "send(10) = EBADF"},
		{"shutdown on a name never opened", nil, nil, withHow(act(50, "A", OpShutdown, "c7"), "SHUT_WR"), "shutdown(SHUT_WR) = EBADF"},
		{"close on a name never opened", nil, nil, act(50, "A", OpClose, "c7"), "close() = EBADF"},
		{"read_loop on a closed fd", nil, closed, func() Action { a := act(50, "A", OpReadLoop, "c0"); a.Every = Ms(10); return a }(), "recv(all) = EBADF"},
		{"close twice", nil, closed, act(50, "A", OpClose, "c0"), "close() = EBADF"},
		{"send in another process", nil, established, func() Action { a := send(50, "A", "c0", 10); a.Proc = "other"; return a }(), "send(10) = EBADF"},
		{"close in another process", nil, established, func() Action { a := act(50, "A", OpClose, "c0"); a.Proc = "other"; return a }(), "close() = EBADF"},
		{"TCP_KEEPIDLE 0", nil, established, sockopt(50, "A", "c0", "TCP_KEEPIDLE", 0, 0), "setsockopt(TCP_KEEPIDLE 0) = EINVAL"},
		{"TCP_KEEPINTVL 32768", nil, established, sockopt(50, "A", "c0", "TCP_KEEPINTVL", 32768, 0), "setsockopt(TCP_KEEPINTVL 32768) = EINVAL"},
		{"TCP_KEEPCNT 128", nil, established, sockopt(50, "A", "c0", "TCP_KEEPCNT", 128, 0), "setsockopt(TCP_KEEPCNT 128) = EINVAL"},
	}
	for _, r := range rows {
		for _, prof := range []string{"modern", "2.6"} {
			sc := s1("errno", "", false)
			sc.Wire.Rules = r.rules
			sc = sc.with(r.setup...).with(r.op)
			tr, err := Run(sc, RunOptions{Profile: prof, Seed: 1, Check: true, MaxTime: 2_000_000})
			if err != nil {
				t.Errorf("%s (%s): %v", r.name, prof, err)
				continue
			}
			got := callsAt(tr, r.op.Host, 50)
			if len(got) != 1 || got[0] != r.want {
				t.Errorf("%s (%s): calls at 50 ms %q, want [%q]", r.name, prof, got, r.want)
			}
		}
	}
}

// TestTCPUserTimeoutNegative: TCP_USER_TIMEOUT below 0 is EINVAL (do_tcp_setsockopt); 2.6.32 has
// no such option (ENOPROTOOPT).
func TestTCPUserTimeoutNegative(t *testing.T) {
	for prof, want := range map[string]string{"modern": "EINVAL", "2.6": "ENOPROTOOPT"} {
		sc := s1("uto", "", false).with(connect(10, "A", "c0", "B"), sockopt(50, "A", "c0", "TCP_USER_TIMEOUT", -1, 0))
		tr, err := Run(sc, RunOptions{Profile: prof, Check: true, MaxTime: 2_000_000})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(callsAt(tr, "A", 50), ";"); got != "setsockopt(TCP_USER_TIMEOUT -1) = "+want {
			t.Errorf("%s: %s, want %s", prof, got, want)
		}
	}
}

// listen() clamps its backlog to net.core.somaxconn (__sys_listen), a negative one too.
func TestListenBacklogClamp(t *testing.T) {
	for prof, want := range map[string]string{"modern": "4096", "2.6": "128"} {
		for _, b := range []int{-1, 1 << 30} {
			l := listen(50, "A", 6000, b)
			tr, err := Run(s1("backlog", "", false).with(l), RunOptions{Profile: prof, Check: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(callsAt(tr, "A", 50), ";"); got != "listen(port 6000, backlog "+want+") = 0" {
				t.Errorf("%s, backlog %d: %s", prof, b, got)
			}
		}
	}
}

// SO_LINGER with a negative l_linger is no error: sock_setsockopt takes it as
// MAX_SCHEDULE_TIMEOUT, so close() sleeps until the FIN is acknowledged, with no linger timer.
func TestLingerNegativeWaitsWithoutDeadline(t *testing.T) {
	sc := s1("linger_forever", "", true).with(connect(10, "A", "c0", "B"), sockopt(20, "A", "c0", "SO_LINGER", 1, -1), act(30, "A", OpClose, "c0"))
	sc.Wire.Rules = []wire.Rule{{From: "B", Start: 25_000, Count: 3, Action: wire.Drop}}
	tr, err := Run(sc, RunOptions{Profile: "modern", Seed: 1, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := calls(tr, "A"); got != "10 c0 connect = 0 @12\n20 c0 setsockopt = 0\n30 c0 close = 0 @436" {
		t.Errorf("A's calls:\n%s", got)
	}
	for _, e := range tr.Events {
		if e.Kind == trace.KindTimer && e.Timer == "linger" {
			t.Errorf("a linger timer: %+v", e)
		}
	}
}
