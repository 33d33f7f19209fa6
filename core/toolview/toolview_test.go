package toolview

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"finwait/core/scenario"
	"finwait/core/trace"
)

func moment(t *testing.T, name, profile string, at int64) *scenario.Moment {
	t.Helper()
	sc, err := scenario.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := scenario.RunUntil(sc, scenario.RunOptions{Profile: profile, Seed: 1, Check: true}, at)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func render(t *testing.T, m *scenario.Moment, host, tool string, prev *scenario.Moment, abs bool) string {
	t.Helper()
	out, err := Render(m, host, tool, prev, abs)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMsTimer(t *testing.T) {
	for _, c := range []struct {
		ms   int64
		want string
	}{
		{0, ""}, {84, "084ms"}, {999, "999ms"}, {1000, "1sec"}, {2744, "2.744ms"}, {9344, "9.344ms"},
		{10_500, "10sec"}, {59_999, "59sec"}, {60_000, "1min"}, {125_000, "2min5sec"}, {605_000, "10min"},
	} {
		if got := MsTimer(c.ms); got != c.want {
			t.Errorf("MsTimer(%d) = %q, want %q", c.ms, got, c.want)
		}
	}
}

// The views of spec §7.9/§8's moments, in full.
func TestViewsAtMoments(t *testing.T) {
	for _, c := range []struct {
		name, profile, host, tool string
		at                        int64
		want                      string
	}{
		{"fin_lost_orphan_retries", "modern", "A", "ss", 800_000,
			"State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n" +
				"FIN-WAIT-1 0      1           10.0.0.1:32768     10.0.0.2:5000 timer:(on,360ms,1)\n" +
				"\t ts sack wscale:7,7 rto:480 backoff:1 rtt:40/20 mss:1448 rcvmss:536 cwnd:1 lastsnd:760 lastrcv:800 unacked:1 retrans:1/2 snd_wnd:65160\n"},
		{"fin_lost_orphan_retries", "modern", "A", "sockstat", 800_000, "TCP: inuse 1 orphan 1 tw 0 alloc 1 mem 1\n"},
		{"linger2_long", "modern", "A", "ss", 1_000_000,
			"State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n" +
				"FIN-WAIT-2 0      0           10.0.0.1:32768     10.0.0.2:5000 timer:(keepalive,59sec,0)\n" +
				"\t ts sack wscale:7,7 rto:244 rtt:40.5/16 mss:1448 rcvmss:536 cwnd:10 lastsnd:960 lastrcv:1000 snd_wnd:64256\n" +
				"FIN-WAIT-2 0      0           10.0.0.1:32770     10.0.0.2:5000 timer:(timewait,9.344ms,0)\n\t\n"},
		{"simultaneous_close", "modern", "A", "ss", 950_000,
			"State   Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n" +
				"CLOSING 1      1           10.0.0.1:32768     10.0.0.2:5000 timer:(on,450ms,0)\n" +
				"\t ts sack wscale:7,7 rto:600 rtt:200/100 mss:1448 rcvmss:536 cwnd:10 lastsnd:750 lastrcv:950 unacked:1 snd_wnd:64256\n"},
		{"fin_wait2_timeout", "modern", "A", "ss", 500_000,
			"State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n" +
				"FIN-WAIT-2 0      0           10.0.0.1:32768     10.0.0.2:5000 timer:(timewait,2.744ms,0)\n\t\n"},
		{"fin_wait2_timeout", "modern", "A", "sockstat", 500_000, "TCP: inuse 0 orphan 0 tw 1 alloc 0 mem 0\n"},
		{"listener_close_with_pending", "modern", "A", "ss", 150_000,
			"State  Recv-Q Send-Q Local Address:Port Peer Address:Port  Process\n" +
				"LISTEN 2      8           10.0.0.1:5000      0.0.0.0:*\n" +
				"\t cwnd:10 unacked:2\n" +
				"ESTAB  0      0           10.0.0.1:5000     10.0.0.2:32768\n" +
				"\t ts sack wscale:7,7 rto:240 rtt:40/20 mss:1448 rcvmss:536 cwnd:10 lastsnd:90 lastrcv:150 snd_wnd:64256\n" +
				"ESTAB  0      0           10.0.0.1:5000     10.0.0.2:32770\n" +
				"\t ts sack wscale:7,7 rto:240 rtt:40/20 mss:1448 rcvmss:536 cwnd:10 lastsnd:0 lastrcv:150 snd_wnd:64256\n"},
		{"listener_close_with_pending", "2.6", "A", "ss", 30_000, // a request: the SYN-ACK timer, no tcp_info
			"State    Recv-Q Send-Q Local Address:Port Peer Address:Port  Process\n" +
				"LISTEN   0      8           10.0.0.1:5000      0.0.0.0:*\n\t cwnd:3\n" +
				"SYN-RECV 0      0           10.0.0.1:5000     10.0.0.2:32769 timer:(on,2.990ms,0)\n\t\n"},
		{"normal_active_close", "modern", "A", "tcpdump", 560_000,
			"00:00:00.000000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [S], seq 2606999893, win 64240, options [TS val 0 ecr 0], length 0\n" +
				"00:00:00.040000 IP 10.0.0.2.5000 > 10.0.0.1.32768: Flags [S.], seq 2666169548, ack 2606999894, win 65160, options [TS val 20 ecr 0], length 0\n" +
				"00:00:00.040000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [.], ack 1, win 502, options [nop,nop,TS val 40 ecr 20], length 0\n" +
				"00:00:00.200000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [P.], seq 1:101, ack 1, win 502, options [nop,nop,TS val 200 ecr 20], length 100\n" +
				"00:00:00.240000 IP 10.0.0.2.5000 > 10.0.0.1.32768: Flags [.], ack 101, win 502, options [nop,nop,TS val 220 ecr 200], length 0\n" +
				"00:00:00.500000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [F.], seq 101, ack 1, win 502, options [nop,nop,TS val 500 ecr 220], length 0\n" +
				"00:00:00.540000 IP 10.0.0.2.5000 > 10.0.0.1.32768: Flags [F.], seq 1, ack 102, win 502, options [nop,nop,TS val 520 ecr 500], length 0\n" +
				"00:00:00.540000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [.], ack 2, win 502, options [nop,nop,TS val 540 ecr 520], length 0\n"},
	} {
		got := render(t, moment(t, c.name, c.profile, c.at), c.host, c.tool, nil, false)
		if got != c.want {
			t.Errorf("%s %s at %s on %s %s:\n%s\nwant:\n%s", c.name, c.profile, trace.FormatTime(c.at), c.host, c.tool, got, c.want)
		}
	}
}

// tcpdump -S on the receiving side: arrival times, absolute numbers on every segment.
func TestTcpdumpAbsolute(t *testing.T) {
	got := strings.Split(render(t, moment(t, "normal_active_close", "modern", 100_000), "B", "tcpdump", nil, true), "\n")
	want := []string{
		"00:00:00.020000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [S], seq 2606999893, win 64240, options [TS val 0 ecr 0], length 0",
		"00:00:00.020000 IP 10.0.0.2.5000 > 10.0.0.1.32768: Flags [S.], seq 2666169548, ack 2606999894, win 65160, options [TS val 20 ecr 0], length 0",
		"00:00:00.060000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [.], ack 2666169549, win 502, options [nop,nop,TS val 40 ecr 20], length 0",
		"",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tcpdump -S on B at 100 ms:\n%q\nwant\n%q", got, want)
	}
}

// nstat -z after a run at 400 ms: only what moved since (A's FIN, B's FIN and A's last ACK).
func TestNstatIncrements(t *testing.T) {
	m, prev := moment(t, "normal_active_close", "modern", 600_000), moment(t, "normal_active_close", "modern", 400_000)
	var moved []string
	for _, l := range strings.Split(render(t, m, "A", "nstat", prev, false), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[1] != "0" {
			moved = append(moved, l)
		}
	}
	want := []string{
		"TcpInSegs                       1                  0.0",
		"TcpOutSegs                      2                  0.0",
		"TcpExtTW                        1                  0.0",
	}
	if !reflect.DeepEqual(moved, want) {
		t.Errorf("nstat increments from 400 to 600 ms on A:\n%q\nwant\n%q", moved, want)
	}
	if _, err := Render(prev, "A", "nstat", m, false); err == nil || err.Error() != "nstat: the earlier moment 600.0 ms is after 400.0 ms" {
		t.Errorf("nstat since a later moment: %v", err)
	}
}

// A moment is the state the whole run passes through: RunUntil's trace is a prefix of Run's,
// and at the run's end the views' counters and sockstat are the trace's final ones, for every
// catalog scenario in each of its profiles.
func TestMomentIsExact(t *testing.T) {
	for _, sc := range scenario.Catalog() {
		profiles := sc.Profiles
		if len(profiles) == 0 {
			profiles = []string{"modern", "2.6"}
		}
		for _, p := range profiles {
			opt := scenario.RunOptions{Profile: p, Seed: 1}
			full, err := scenario.Run(sc, opt)
			if err != nil {
				t.Fatal(err)
			}
			mid := full.EndUs / 2
			m, err := scenario.RunUntil(sc, opt, mid)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for n < len(full.Events) && full.Events[n].T <= mid {
				n++
			}
			want := append([]trace.Event(nil), full.Events[:n]...)
			for i := range want {
				// a call still blocked at the moment has not returned yet: its result comes later
				if e := &want[i]; e.Kind == trace.KindCall && e.Returned > mid && i < len(m.Trace.Events) && m.Trace.Events[i].Returned == trace.NoTime {
					e.Returned, e.Result = trace.NoTime, m.Trace.Events[i].Result
				}
			}
			if !reflect.DeepEqual(m.Trace.Events, want) {
				t.Errorf("%s %s: the trace up to %s is not the full run's prefix (%d events, want %d)", sc.Name, p, trace.FormatTime(mid), len(m.Trace.Events), n)
			}
			end, err := scenario.RunUntil(sc, opt, full.EndUs)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range full.Hosts {
				got := Counters(end, h)
				for name, v := range full.Final[h].Counters {
					if got[name] != v {
						t.Errorf("%s %s host %s: %s = %d at the end, final says %d", sc.Name, p, h, name, got[name], v)
					}
				}
				st := full.Final[h].Sockstat
				want := "TCP: inuse " + itoa(st.InUse) + " orphan " + itoa(st.Orphan) + " tw " + itoa(st.TW) + " "
				if got := render(t, end, h, "sockstat", nil, false); !strings.HasPrefix(got, want) {
					t.Errorf("%s %s host %s: sockstat %q, final says %q…", sc.Name, p, h, got, want)
				}
			}
		}
	}
}

func itoa(v int) string { return strconv.Itoa(v) }

func TestBadRequests(t *testing.T) {
	m := moment(t, "normal_active_close", "modern", 1000)
	for _, c := range []struct{ host, tool, want string }{
		{"C", "ss", `host "C": no such host (the scenario has A, B)`},
		{"A", "netstat", `unknown tool "netstat" (ss, nstat, sockstat or tcpdump)`},
	} {
		if _, err := Render(m, c.host, c.tool, nil, false); err == nil || err.Error() != c.want {
			t.Errorf("Render(%s, %s): %v, want %s", c.host, c.tool, err, c.want)
		}
	}
	sc, _ := scenario.Lookup("normal_active_close")
	if _, err := scenario.RunUntil(sc, scenario.RunOptions{MaxTime: 1_000_000}, 2_000_000); err == nil ||
		err.Error() != "scenario normal_active_close: moment 2000.0 ms is after the run's horizon 1000.0 ms" {
		t.Errorf("RunUntil past the horizon: %v", err)
	}
}

// A keepalive probe out shows in the timer's count (icsk_probes_out), as the kernel printed
// `timer:(keepalive,508ms,1)` for this scenario (a recording on a busy machine, docs/tools.md).
func TestKeepaliveProbeCount(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "scenarios", "keepalive_dead_peer.json"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	m, err := scenario.RunUntil(sc, scenario.RunOptions{Seed: 1, Check: true}, 2_600_000)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(render(t, m, "A", "ss", nil, false), "\n")[1]
	if want := "ESTAB 0      0           10.0.0.1:32768     10.0.0.2:5000 timer:(keepalive,500ms,1)"; got != want {
		t.Errorf("A at 2.6 s:\n%s\nwant\n%s", got, want)
	}
}
