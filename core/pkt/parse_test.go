package pkt

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// head is a script's usual first line, so that the line under test is line 2.
const head = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"

func TestParseEvents(t *testing.T) {
	tests := []struct {
		name, src string
		want      Event // Line, Col, Text are checked too
	}{
		{"relative", head + "+.01 close(3) = 0",
			Event{Line: 2, Col: 1, Text: "+.01 close(3) = 0", Kind: KindSyscall, Time: Relative, T: 10_000,
				Call: &Call{Name: "close", Fd: 3}}},
		{"absolute integer seconds", head + "  2 close(3) = 0",
			Event{Line: 2, Col: 3, Text: "2 close(3) = 0", Kind: KindSyscall, Time: Absolute, T: 2_000_000,
				Call: &Call{Name: "close", Fd: 3}}},
		{"blocking", head + "+.01...0.011 connect(3, ..., ...) = 0",
			Event{Line: 2, Col: 1, Text: "+.01...0.011 connect(3, ..., ...) = 0", Kind: KindSyscall, Time: Relative,
				T: 10_000, Blocking: true, End: 11_000, Call: &Call{Name: "connect", Fd: 3}}},
		{"errno and note", head + "+0 write(4, ..., 1000) = -1 EPIPE (Broken pipe)",
			Event{Line: 2, Col: 1, Text: "+0 write(4, ..., 1000) = -1 EPIPE (Broken pipe)", Kind: KindSyscall,
				Time: Relative, Call: &Call{Name: "write", Fd: 4, Val: 1000, Ret: -1, Errno: "EPIPE"}}},
		{"absolute range outbound", head + "0.1~0.2 > F. 1:1(0) ack 1",
			Event{Line: 2, Col: 1, Text: "0.1~0.2 > F. 1:1(0) ack 1", Kind: KindOutbound, Time: AbsoluteRange,
				T: 100_000, TEnd: 200_000, Packet: &Packet{Outbound: true, Flags: FlagFIN | FlagACK, Seq: 1, HasAck: true, Ack: 1, Win: -1}}},
		{"relative range outbound", head + "+.01~+.015 > F. 10001:10001(0) ack 1",
			Event{Line: 2, Col: 1, Text: "+.01~+.015 > F. 10001:10001(0) ack 1", Kind: KindOutbound, Time: RelativeRange,
				T: 10_000, TEnd: 15_000, Packet: &Packet{Outbound: true, Flags: FlagFIN | FlagACK, Seq: 10001, HasAck: true, Ack: 1, Win: -1}}},
		{"any time", head + "* > R 1:1(0)",
			Event{Line: 2, Col: 1, Text: "* > R 1:1(0)", Kind: KindOutbound, Time: AnyTime,
				Packet: &Packet{Outbound: true, Flags: FlagRST, Seq: 1, Win: -1}}},
		{"inbound with options", head + "+0 < S 0:0(0) win 32792 <mss 1000,sackOK,TS val 100 ecr 0,nop,wscale 7>",
			Event{Line: 2, Col: 1, Text: "+0 < S 0:0(0) win 32792 <mss 1000,sackOK,TS val 100 ecr 0,nop,wscale 7>", Kind: KindInbound,
				Time: Relative, Packet: &Packet{Flags: FlagSYN, Win: 32792, Opts: []Opt{{Kind: "mss", V1: 1000}, {Kind: "sackOK"},
					{Kind: "TS", V1: 100, V2: 0}, {Kind: "nop"}, {Kind: "wscale", V1: 7}}}}},
		{"outbound any options, data", head + "+0 > FP. 13001:20001(7000) ack 1 <...>",
			Event{Line: 2, Col: 1, Text: "+0 > FP. 13001:20001(7000) ack 1 <...>", Kind: KindOutbound, Time: Relative,
				Packet: &Packet{Outbound: true, Flags: FlagFIN | FlagPSH | FlagACK, Seq: 13001, Len: 7000, HasAck: true, Ack: 1, Win: -1, AnyOpts: true}}},
		{"sack blocks", head + "+0 < . 1:1(0) ack 1 win 257 <sack 1001:2001 3001:4001,nop,nop>",
			Event{Line: 2, Col: 1, Text: "+0 < . 1:1(0) ack 1 win 257 <sack 1001:2001 3001:4001,nop,nop>", Kind: KindInbound, Time: Relative,
				Packet: &Packet{Flags: FlagACK, Seq: 1, HasAck: true, Ack: 1, Win: 257,
					Opts: []Opt{{Kind: "sack", Blocks: [][2]uint32{{1001, 2001}, {3001, 4001}}}, {Kind: "nop"}, {Kind: "nop"}}}}},
		{"SO_LINGER", head + "+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=2}, 8) = 0",
			Event{Line: 2, Col: 1, Text: "+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=2}, 8) = 0", Kind: KindSyscall, Time: Relative,
				Call: &Call{Name: "setsockopt", Fd: 3, Opt: "SO_LINGER", Val: 1, Val2: 2, HasVal: true}}},
		{"getsockopt TCP_LINGER2", head + "+0 getsockopt(3, IPPROTO_TCP, TCP_LINGER2, [60], [4]) = 0",
			Event{Line: 2, Col: 1, Text: "+0 getsockopt(3, IPPROTO_TCP, TCP_LINGER2, [60], [4]) = 0", Kind: KindSyscall, Time: Relative,
				Call: &Call{Name: "getsockopt", Fd: 3, Opt: "TCP_LINGER2", Val: 60, HasVal: true}}},
		{"fcntl nonblock", head + "+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0",
			Event{Line: 2, Col: 1, Text: "+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0", Kind: KindSyscall, Time: Relative,
				Call: &Call{Name: "fcntl", Fd: 3, Opt: "F_SETFL", NonBlock: true}}},
		{"ioctl SIOCOUTQ", head + "+0 ioctl(4, SIOCOUTQ, [1500]) = 0",
			Event{Line: 2, Col: 1, Text: "+0 ioctl(4, SIOCOUTQ, [1500]) = 0", Kind: KindSyscall, Time: Relative,
				Call: &Call{Name: "ioctl", Fd: 4, Opt: "SIOCOUTQ", Val: 1500, HasVal: true}}},
		{"shutdown", head + "/* comment */ +.01 shutdown(4, SHUT_RDWR) = 0 // trailing",
			Event{Line: 2, Col: 15, Text: "/* comment */ +.01 shutdown(4, SHUT_RDWR) = 0 // trailing", Kind: KindSyscall, Time: Relative,
				T: 10_000, Call: &Call{Name: "shutdown", Fd: 4, How: "SHUT_RDWR"}}},
		{"timed sysctl", head + "+1 `sysctl -q net.ipv4.tcp_rfc1337=1`",
			Event{Line: 2, Col: 1, Text: "+1 `sysctl -q net.ipv4.tcp_rfc1337=1`", Kind: KindSysctl, Time: Relative, T: 1_000_000,
				Sysctl: []Sysctl{{Line: 2, Col: 15, Text: "+1 `sysctl -q net.ipv4.tcp_rfc1337=1`", Name: "tcp_rfc1337", Value: "1"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("t.pkt", []byte(tc.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(s.Events) != 2 {
				t.Fatalf("%d events, want 2", len(s.Events))
			}
			if got := s.Events[1]; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("event\n got  %+v\n want %+v", got, tc.want)
				if got.Call != nil && tc.want.Call != nil {
					t.Errorf("call got %+v want %+v", *got.Call, *tc.want.Call)
				}
				if got.Packet != nil && tc.want.Packet != nil {
					t.Errorf("packet got %+v want %+v", *got.Packet, *tc.want.Packet)
				}
			}
		})
	}
}

func TestParseQuotedSysctl(t *testing.T) {
	s, err := Parse("t.pkt", []byte("`sysctl -q net.ipv4.tcp_rmem=\"4096 540000 15728640\" net.ipv4.tcp_sack=1`\n"+head))
	if err != nil {
		t.Fatal(err)
	}
	text := "`sysctl -q net.ipv4.tcp_rmem=\"4096 540000 15728640\" net.ipv4.tcp_sack=1`"
	want := []Sysctl{{Line: 1, Col: 12, Text: text, Name: "tcp_rmem", Value: "4096 540000 15728640"},
		{Line: 1, Col: 53, Text: text, Name: "tcp_sack", Value: "1"}}
	if !reflect.DeepEqual(s.Sysctls, want) {
		t.Errorf("sysctls %+v", s.Sysctls)
	}
}

// packetdrill's prelude: defaults.sh stands for the settings of the model's it makes, and
// set_sysctls.py takes /proc/sys paths; a multi-line block runs each line, comments skipped.
func TestParsePrelude(t *testing.T) {
	src := "`\n../../common/defaults.sh\n../../../tcp/common/set_sysctls.py  /proc/sys/net/ipv4/tcp_tw_reuse=1 # global enable\n`\n" + head
	s, err := Parse("t.pkt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range s.Sysctls {
		got = append(got, fmt.Sprintf("%d:%d %s=%s", c.Line, c.Col, c.Name, c.Value))
	}
	want := []string{"2:1 tcp_rmem=4096 540000 15728640", "2:1 tcp_timestamps=1", "2:1 tcp_syn_retries=5",
		"2:1 tcp_synack_retries=5", "2:1 tcp_sack=1", "2:1 tcp_early_retrans=4", "2:1 tcp_syncookies=1",
		"3:37 tcp_tw_reuse=1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sysctls\n got %q\nwant %q", got, want)
	}
}

func TestParseOptionsAndInit(t *testing.T) {
	src := "--tolerance_usecs=10000\n--tolerance_percent=1\n--tcp_ts_tick_usecs=1000\n--bind_port=57005\n" +
		"`sysctl -q net.ipv4.tcp_tw_reuse=1 net.ipv4.tcp_fin_timeout=5`\n" + head
	s, err := Parse("t.pkt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if s.Tolerance != 10000 || s.TolerancePercent != 1 || s.TSTick != 1000 || s.BindPort != 57005 || s.ConnectPort != 8080 {
		t.Errorf("options: %+v", s)
	}
	want := []Sysctl{{Line: 5, Col: 12, Text: "`sysctl -q net.ipv4.tcp_tw_reuse=1 net.ipv4.tcp_fin_timeout=5`", Name: "tcp_tw_reuse", Value: "1"},
		{Line: 5, Col: 36, Text: "`sysctl -q net.ipv4.tcp_tw_reuse=1 net.ipv4.tcp_fin_timeout=5`", Name: "tcp_fin_timeout", Value: "5"}}
	if !reflect.DeepEqual(s.Sysctls, want) {
		t.Errorf("sysctls %+v", s.Sysctls)
	}
	if s.Events[0].Line != 6 {
		t.Errorf("first event on line %d", s.Events[0].Line)
	}
}

// TestParseErrors: every construct the model cannot run is an error at its line and column.
func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"shell command", "`ip tcp_metrics flush all`\n" + head, "1:2: shell command `ip tcp_metrics flush all` is not supported: only `sysctl -q name=value`, packetdrill's defaults.sh and set_sysctls.py are"},
		{"defaults.sh with arguments", "`../common/defaults.sh -x`\n" + head, "1:24: defaults.sh takes no arguments"},
		{"set_sysctls.py path", "`set_sysctls.py net.ipv4.tcp_tw_reuse=1`\n" + head, "1:17: set_sysctls.py \"net.ipv4.tcp_tw_reuse=1\": want /proc/sys/net/ipv4/name=value"},
		{"empty command", "` # nothing`\n" + head, "1:1: empty shell command"},
		{"python block", head + "+0 %{ print(tcpi_rto) }%", "2:4: %{ }% Python code blocks are not supported: the model runs no Python"},
		{"unknown option", "--mss=1000\n" + head, "1:1: script option --mss is not supported by the model"},
		{"ipv6", "--ip_version=ipv6\n" + head, "1:1: --ip_version=ipv6 is not supported: the model is IPv4 only"},
		{"bad tolerance", "--tolerance_usecs=0\n" + head, "1:19: bad --tolerance_usecs: \"0\""},
		{"strict with value", "--strict_segments=1\n" + head, "1:19: --strict_segments takes no value"},
		{"option without value", "--tolerance_usecs\n" + head, "1:1: bad --tolerance_usecs: \"\""},
		{"unknown sysctl", "`sysctl -q net.ipv4.tcp_wmem=4096`\n" + head, "1:12: sysctl net.ipv4.tcp_wmem is not modelled"},
		{"tcp_rmem shape", "`sysctl -q net.ipv4.tcp_rmem=4096`\n" + head, "1:12: tcp_rmem \"4096\": want three sizes in bytes, min, default and max, each at least 1"},
		{"multi-line command", "`\n../common/defaults.sh\n  cat /etc/passwd\n`\n" + head, "3:3: shell command `cat /etc/passwd` is not supported: only `sysctl -q name=value`, packetdrill's defaults.sh and set_sysctls.py are"},
		{"shell variable", "`sysctl -q net.ipv4.tcp_fin_timeout=$X`\n" + head, "1:2: shell command `sysctl -q net.ipv4.tcp_fin_timeout=$X` is not supported: only `sysctl -q name=value`, packetdrill's defaults.sh and set_sysctls.py are"},
		{"sysctl range", head + "+0 `sysctl -q net.ipv4.tcp_rfc1337=2`", "2:15: sysctl tcp_rfc1337 = 2: out of range 0..1"},
		{"sysctl not ipv4", "`sysctl -q net.core.somaxconn=10`\n" + head, "1:12: sysctl net.core.somaxconn is not modelled (only net.ipv4.tcp_* settings of the model are)"},
		{"sysctl open quote", "`sysctl -q net.ipv4.tcp_rmem=\"1 2 3`\n" + head, "1:2: shell command `sysctl -q net.ipv4.tcp_rmem=\"1 2 3` is not supported: only `sysctl -q name=value`, packetdrill's defaults.sh and set_sysctls.py are"},
		{"first event not at 0", "+1 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3", "1:1: first event should be at time 0"},
		{"time backwards", head + "1 close(3) = 0\n0.5 close(3) = 0", "3:1: time goes backward in script from 1000000 usec to 500000 usec"},
		{"range backwards", head + "0.2~0.1 > R 1:1(0)", "2:1: time range is backwards"},
		{"star inbound", head + "* < R 1:1(0)", "2:1: event time <star> can only be used with outbound packets"},
		{"range syscall", head + "0.1~0.2 close(3) = 0", "2:1: event time range can only be used with outbound packets"},
		{"inbound any options", head + "+0 < S 0:0(0) <...>", "2:15: <...> for TCP options can only be used with outbound packets"},
		{"inconsistent seq", head + "+0 < P. 1:100(100) ack 1", "2:9: inconsistent TCP sequence numbers and payload size"},
		{"ecn flag", head + "+0 < SEW 0:0(0)", "2:7: TCP flag E (ECN, URG) is not modelled"},
		{"bad flag", head + "+0 < SX 0:0(0)", "2:7: bad TCP flags \"SX\""},
		{"fast open option", head + "+0 < S 0:0(0) win 100 <mss 1000,FO abcd>", "2:33: TCP option \"FO\" is not modelled"},
		{"md5", head + "+0 < S 0:0(0) <md5 00>", "2:16: TCP option \"md5\" is not modelled"},
		{"window range", head + "+0 < . 1:1(0) ack 1 win 70000", "2:25: a TCP window value out of range"},
		{"urgent", head + "+0 < . 1:1(0) ack 1 urg 1", "2:21: the urgent pointer is not modelled"},
		{"tos", head + "+0 < [ect0] S 0:0(0)", "2:6: IP header fields (tos, ECN, flow label, TTL) are not modelled"},
		{"udp", head + "+0 < udp (10)", "2:6: udp packets are not modelled: TCP only"},
		{"ports", head + "+0 < 1234>80 S 0:0(0)", "2:6: explicit ports in packets are not supported: the script's connection is the one under test"},
		{"unknown syscall", head + "+0 poll([{fd=3, events=POLLIN}], 1, 0) = 1", "2:4: system call poll is not modelled"},
		{"sendto", head + "+0 sendto(3, ..., 10, 0, ..., ...) = 10", "2:4: system call sendto is not modelled"},
		{"arity", head + "+0 close(3, 4) = 0", "2:4: close takes 1 arguments, found 2"},
		{"udp socket", "0 socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3", "1:15: socket(): only SOCK_STREAM sockets (with or without SOCK_NONBLOCK) are modelled"},
		{"unknown sockopt", head + "+0 setsockopt(3, SOL_TCP, TCP_CONGESTION, \"reno\", 4) = 0", "2:27: socket option TCP_CONGESTION is not modelled"},
		{"sockopt level", head + "+0 setsockopt(3, SOL_SOCKET, TCP_LINGER2, [1], 4) = 0", "2:18: setsockopt: TCP_LINGER2 is at level SOL_TCP"},
		{"linger shape", head + "+0 setsockopt(3, SOL_SOCKET, SO_LINGER, [1], 4) = 0", "2:41: setsockopt SO_LINGER: the value must be {onoff=N, linger=N}"},
		{"address argument", head + "+0 connect(3, {sa_family=AF_INET, sin_port=htons(80)}, 16) = 0", "2:15: connect: argument 2 must be ... (addresses are the script's own)"},
		{"fcntl flag", head + "+0 fcntl(3, F_SETFL, O_APPEND) = 0", "2:22: fcntl F_SETFL: only O_RDWR and O_NONBLOCK are modelled"},
		{"ioctl request", head + "+0 ioctl(3, SIOCGSTAMP, [0]) = 0", "2:13: ioctl: only SIOCINQ, SIOCOUTQ and FIONBIO are modelled"},
		{"send flags", head + "+0 send(3, ..., 10, MSG_MORE) = 10", "2:21: send: only flags 0 are modelled"},
		{"shutdown how", head + "+0 shutdown(3, 7) = 0", "2:16: shutdown: how must be SHUT_RD, SHUT_WR or SHUT_RDWR"},
		{"missing errno", head + "+0 close(3) = -1", "2:15: a result of -1 needs its errno (for example -1 EAGAIN)"},
		{"errno without -1", head + "+0 close(3) = 0 EBADF (Bad file descriptor)", "2:17: an errno goes with the result -1"},
		{"result not integer", head + "+0 close(3) = ...", "2:15: the expected result must be an integer"},
		{"missing result", head + "+0 close(3)\n", "3:1: expected '=' and the expected result after the system call, found end of script"},
		{"blocking packet", head + "+0...1 > F. 1:1(0)", "2:8: expected a system call after a blocking call's end time, found '>'"},
		{"no time", head + "close(3) = 0", "2:1: expected an event time (0.1, +0.1, 0.1~0.2 or *), found 'close'"},
		{"unterminated string", head + "+0 write(3, \"abc, 3) = 3", "2:13: unterminated string"},
		{"unterminated comment", head + "/* never closed", "2:1: unterminated /* comment"},
		{"bad character", head + "+0 close(3) = 0 @", "2:17: unexpected character '@'"},
		{"bad number", head + "+0 close(3x) = 0", "2:10: bad number: a letter follows its digits"},
		{"empty", "// nothing\n", "2:1: the script has no events"},
		{"command between events", head + "`sysctl -q net.ipv4.tcp_rfc1337=1`\n+0 close(3) = 0", "2:1: a command between events needs a time"},
		// a script of a mebibyte of '[' once overflowed the stack (fatal, not an error)
		{"nesting", head + "+0 setsockopt(3, SOL_SOCKET, SO_LINGER, " + strings.Repeat("[", 1<<20-100) + ", 8) = 0", "2:105: expression nested more than 64 deep"},
		{"nesting by =", head + "+0 close(" + strings.Repeat("a=", 100) + "3) = 0", "2:138: expression nested more than 64 deep"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.pkt", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *pkt.Error", err)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got  %q\n want %q", err.Error(), tc.want)
			}
		})
	}
}
