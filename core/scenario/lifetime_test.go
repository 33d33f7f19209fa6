package scenario

import (
	"strings"
	"testing"

	"finwait/core/trace"
)

// The lifetime of a socket name: a name names the socket most recently opened under it; once
// that socket is closed (close() or its process's exit) listen, bind, connect and setsockopt open
// a new one and the other calls return EBADF; anything planned for the old socket (a connect()
// retry, a close_after) dies with it. These runs reached invariant violations before.

func packets(tr *trace.Trace) string {
	var out []string
	for i := range tr.Events {
		if e := &tr.Events[i]; e.Kind == trace.KindPacket {
			out = append(out, compactPacket(e))
		}
	}
	return strings.Join(out, "\n")
}

func calls(tr *trace.Trace, host string) string {
	var out []string
	for _, e := range tr.Events {
		if e.Kind == trace.KindCall && e.Host == host {
			r := e.Result
			if e.Returned != trace.NoTime {
				r += " @" + ms(e.Returned)
			}
			out = append(out, ms(e.T)+" "+trace.ConnLabel(e.Conn)+" "+e.Action+" = "+r)
		}
	}
	return strings.Join(out, "\n")
}

func finalStates(tr *trace.Trace, host string) string {
	var out []string
	for _, s := range tr.Final[host].Sockets {
		out = append(out, trace.ConnLabel(s.Conn)+" "+s.State)
	}
	return strings.Join(out, " ")
}

func TestNameLifetime(t *testing.T) {
	retrying := func() Scenario {
		sc := s1("retry", "", false)
		sc.Actions = nil // B listens only at 300 ms
		c := connect(0, "A", "c0", "B")
		c.RetryEvery = Ms(100)
		return sc.with(c)
	}
	rows := []struct {
		name                    string
		sc                      Scenario
		packets, callsA, finalA string
		finalB                  string
	}{
		{"killed while connect() retries, then connect again",
			retrying().with(act(150, "A", OpKill, ""), listen(300, "B", 5000, 128), connect(400, "A", "c0", "B")),
			"0 A>B c0 S 0 - 0\n1 B>A c0 R. 0 1 0\n100 A>B c1 S 0 - 0\n101 B>A c1 R. 0 1 0\n" +
				"400 A>B c2 S 0 - 0\n401 B>A c2 S. 0 1 0\n402 A>B c2 . 1 1 0",
			"0 c0 connect = ECONNREFUSED @2\n100 c1 connect = ECONNREFUSED @102\n150 - kill = 0\n150 c1 exit_close = 0\n400 c2 connect = 0 @402",
			"c2 ESTABLISHED", "- LISTEN c2 ESTABLISHED"},
		{"closed while connect() retries, then connect again",
			retrying().with(act(150, "A", OpClose, "c0"), listen(300, "B", 5000, 128), connect(400, "A", "c0", "B")),
			"0 A>B c0 S 0 - 0\n1 B>A c0 R. 0 1 0\n100 A>B c1 S 0 - 0\n101 B>A c1 R. 0 1 0\n" +
				"400 A>B c2 S 0 - 0\n401 B>A c2 S. 0 1 0\n402 A>B c2 . 1 1 0",
			"0 c0 connect = ECONNREFUSED @2\n100 c1 connect = ECONNREFUSED @102\n150 c1 close = 0\n400 c2 connect = 0 @402",
			"c2 ESTABLISHED", "- LISTEN c2 ESTABLISHED"},
		{"setsockopt, close, connect on one name",
			s1("ssc", "", false).with(sockopt(10, "A", "c0", "SO_REUSEADDR", 1, 0), act(20, "A", OpClose, "c0"), connect(30, "A", "c0", "B")),
			"30 A>B c0 S 0 - 0\n31 B>A c0 S. 0 1 0\n32 A>B c0 . 1 1 0",
			"10 - setsockopt = 0\n20 - close = 0\n30 c0 connect = 0 @32",
			"c0 ESTABLISHED", "- LISTEN c0 ESTABLISHED"},
		{"listen on a connected socket",
			s1("lc", "", false).with(connect(10, "A", "c0", "B"), port(act(50, "A", OpListen, "c0"), 6000)),
			"10 A>B c0 S 0 - 0\n11 B>A c0 S. 0 1 0\n12 A>B c0 . 1 1 0",
			"10 c0 connect = 0 @12\n50 - listen = EINVAL",
			"c0 ESTABLISHED", "- LISTEN c0 ESTABLISHED"},
		{"close_after of a closed socket leaves the new one under its name alone",
			s1("ca", "", false).with(func() Action { c := connect(10, "A", "c0", "B"); c.CloseAfter = dur(100); return c }(),
				func() Action { a := act(20, "A", OpClose, "c0"); return a }(), connect(30, "A", "c0", "B")),
			"10 A>B c0 S 0 - 0\n11 B>A c0 S. 0 1 0\n12 A>B c0 . 1 1 0\n20 A>B c0 F. 1 1 0\n" +
				"22 B>A c0 . 1 2 0\n30 A>B c1 S 0 - 0\n31 B>A c1 S. 0 1 0\n32 A>B c1 . 1 1 0",
			"10 c0 connect = 0 @12\n20 c0 close = 0\n30 c1 connect = 0 @32",
			"c1 ESTABLISHED", "- LISTEN c0 CLOSE_WAIT c1 ESTABLISHED"}, // A's c0 ends its FIN_WAIT2 after 60 s
		{"a blocking send() while connecting waits for the handshake",
			s1("sc", "", false).with(connect(10, "A", "c0", "B"), send(10, "A", "c0", 100)),
			"10 A>B c0 S 0 - 0\n11 B>A c0 S. 0 1 0\n12 A>B c0 . 1 1 0\n12 A>B c0 P. 1 1 100\n13 B>A c0 . 1 101 0",
			"10 c0 connect = 0 @12\n10 c0 send = 100 @12",
			"c0 ESTABLISHED", "- LISTEN c0 ESTABLISHED"},
	}
	for _, r := range rows {
		for _, prof := range []string{"modern", "2.6"} {
			tr, err := Run(r.sc, RunOptions{Profile: prof, Seed: 1, Check: true})
			if err != nil {
				t.Errorf("%s (%s): %v", r.name, prof, err)
				continue
			}
			if got := packets(tr); got != r.packets {
				t.Errorf("%s (%s): packets\n%s\nwant\n%s", r.name, prof, got, r.packets)
			}
			if got := calls(tr, "A"); got != r.callsA {
				t.Errorf("%s (%s): A's calls\n%s\nwant\n%s", r.name, prof, got, r.callsA)
			}
			if got := finalStates(tr, "A"); got != r.finalA {
				t.Errorf("%s (%s): A ends with %s, want %s", r.name, prof, got, r.finalA)
			}
			if got := finalStates(tr, "B"); got != r.finalB {
				t.Errorf("%s (%s): B ends with %s, want %s", r.name, prof, got, r.finalB)
			}
		}
	}
}
