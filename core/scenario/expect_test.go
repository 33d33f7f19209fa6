package scenario

// Expected packets, state paths and counter deltas of every catalog scenario in both profiles,
// transcribed from spec §17 and reviewed row by row against it. Packets read
// "t A>B conn flags seq ack len" (relative numbers, ack "-" without the ACK flag, "drop" when the
// wire loses it). Where the model deliberately differs from a §17 row, the entry says why.

type expectation struct {
	packets  string
	states   map[string]string
	counters map[string]string
}

var catalogExpect = map[string]expectation{
	// spec §17.1
	"normal_active_close/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 100
220 B>A c0 . 1 101 0
500 A>B c0 F. 101 1 0
520 B>A c0 F. 1 102 0
540 A>B c0 . 102 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTW=1",
			"B": "TcpPassiveOpens=1",
		},
	},
	// spec §17.1
	"normal_active_close/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 100
220 B>A c0 . 1 101 0
500 A>B c0 F. 101 1 0
520 B>A c0 F. 1 102 0
540 A>B c0 . 102 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTW=1",
			"B": "TcpPassiveOpens=1",
		},
	},
	// spec §17.2
	"close_with_unread_data/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 B>A c0 P. 1 1 100
220 A>B c0 . 1 101 0
500 A>B c0 R. 1 101 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpEstabResets=1 TcpExtTCPAbortOnClose=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.2
	"close_with_unread_data/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 B>A c0 P. 1 1 100
220 A>B c0 . 1 101 0
500 A>B c0 R. 1 101 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpEstabResets=1 TcpExtTCPAbortOnClose=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.3
	"linger_zero/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 100
220 B>A c0 . 1 101 0
500 A>B c0 R. 101 1 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpEstabResets=1 TcpExtTCPAbortOnData=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.3
	"linger_zero/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 100
220 B>A c0 . 1 101 0
500 A>B c0 R. 101 1 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpEstabResets=1 TcpExtTCPAbortOnData=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.4
	"linger_timeout/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 1000
200 A>B c0 F. 1001 1 0
220 B>A c0 . 1 1001 0 drop
260 B>A c0 . 1 1002 0 drop
288 A>B c0 F. 1001 1 0
308 B>A c0 . 1 1002 0 drop
528 A>B c0 FP. 1 1 1000
548 B>A c0 . 1 1002 0 drop
1008 A>B c0 FP. 1 1 1000
1028 B>A c0 . 1 1002 0 drop
1968 A>B c0 FP. 1 1 1000
1988 B>A c0 . 1 1002 0 drop
3888 A>B c0 FP. 1 1 1000
3908 B>A c0 . 1 1002 0
4100 B>A c0 F. 1 1002 0
4120 A>B c0 . 1002 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTCPLossProbes=1 TcpExtTCPTimeouts=4 TcpExtTWKilled=1 TcpRetransSegs=5",
			"B": "TcpExtDelayedACKLost=5 TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.4
	"linger_timeout/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 1000
200 A>B c0 F. 1001 1 0
220 B>A c0 . 1 1001 0 drop
260 B>A c0 . 1 1002 0 drop
440 A>B c0 FP. 1 1 1000
460 B>A c0 . 1 1002 0 drop
920 A>B c0 FP. 1 1 1000
940 B>A c0 . 1 1002 0 drop
1880 A>B c0 FP. 1 1 1000
1900 B>A c0 . 1 1002 0 drop
3800 A>B c0 FP. 1 1 1000
3820 B>A c0 . 1 1002 0
4100 B>A c0 F. 1 1002 0
4120 A>B c0 . 1002 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTCPTimeouts=1 TcpExtTW=1 TcpRetransSegs=4",
			"B": "TcpExtDelayedACKLost=4 TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.5
	// The model's estimator takes B's delayed ACK (80 ms) as an RTT sample, so r = 248 ms at HZ 250,
	// as the recording kernel had, not §17.5's 240: the data probe leaves at t_f + 328 and the
	// zero-window probes 248 ms after B's answers arrive. Every other row is §17.5's.
	"fin_after_pending_send/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 . 1 1 724
200 A>B c0 P. 725 1 300
220 B>A c0 . 1 725 0
260 B>A c0 . 1 1025 0
528 A>B c0 P. 1025 1 424
548 B>A c0 . 1 1449 0
816 A>B c0 . 1448 1 0
836 B>A c0 . 1 1449 0
1352 A>B c0 . 1448 1 0
1372 B>A c0 . 1 1449 0
1800 B>A c0 . 1 1449 0
1820 A>B c0 . 1449 1 724
1840 B>A c0 . 1 2173 0
1840 B>A c0 . 1 2173 0
1860 A>B c0 . 2173 1 724
1880 B>A c0 . 1 2897 0
1900 A>B c0 . 2897 1 724
1920 B>A c0 . 1 3621 0
1940 A>B c0 FP. 3621 1 600
2000 B>A c0 . 1 4222 0
2260 B>A c0 F. 1 4222 0
2280 A>B c0 . 4222 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTCPWinProbe=2 TcpExtTWKilled=1",
			"B": "TcpExtDelayedACKs=2 TcpPassiveOpens=1",
		},
	},
	// spec §17.5
	// The model's estimator takes B's delayed ACK (80 ms) as an RTT sample, so r = 248 ms at HZ 250,
	// as the recording kernel had, not §17.5's 240: the data probe leaves at t_f + 328 and the
	// zero-window probes 248 ms after B's answers arrive. Every other row is §17.5's.
	"fin_after_pending_send/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 . 1 1 724
200 A>B c0 P. 725 1 300
220 B>A c0 . 1 725 0
260 B>A c0 . 1 1025 0
528 A>B c0 P. 1025 1 424
548 B>A c0 . 1 1449 0
816 A>B c0 . 1448 1 0
836 B>A c0 . 1 1449 0
1352 A>B c0 . 1448 1 0
1372 B>A c0 . 1 1449 0
1800 B>A c0 . 1 1449 0
1820 A>B c0 . 1449 1 724
1840 B>A c0 . 1 2173 0
1840 B>A c0 . 1 2173 0
1860 A>B c0 . 2173 1 724
1880 B>A c0 . 1 2897 0
1900 A>B c0 . 2897 1 724
1920 B>A c0 . 1 3621 0
1940 A>B c0 FP. 3621 1 600
2000 B>A c0 . 1 4222 0
2260 B>A c0 F. 1 4222 0
2280 A>B c0 . 4222 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTW=1",
			"B": "TcpExtDelayedACKs=2 TcpPassiveOpens=1",
		},
	},
	// spec §17.6
	"simultaneous_close/modern": {
		packets: `
0 A>B c0 S 0 - 0
100 B>A c0 S. 0 1 0
200 A>B c0 . 1 1 0
800 A>B c0 F. 1 1 0
800 B>A c0 F. 1 1 0
900 B>A c0 . 2 2 0
900 A>B c0 . 2 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSING TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED FIN_WAIT1 CLOSING TIME_WAIT(TIME_WAIT) CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTW=1",
			"B": "TcpExtTW=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.6
	"simultaneous_close/2.6": {
		packets: `
0 A>B c0 S 0 - 0
100 B>A c0 S. 0 1 0
200 A>B c0 . 1 1 0
800 A>B c0 F. 1 1 0
800 B>A c0 F. 1 1 0
900 B>A c0 . 2 2 0
900 A>B c0 . 2 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSING TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED FIN_WAIT1 CLOSING TIME_WAIT(TIME_WAIT) CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTW=1",
			"B": "TcpExtTW=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.7
	"half_close_shutdown_wr/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 F. 1 1 0
224 B>A c0 . 1 2 0
500 B>A c0 P. 1 2 100
520 A>B c0 . 2 101 0
600 B>A c0 P. 101 2 100
620 A>B c0 . 2 201 0
700 B>A c0 P. 201 2 100
720 A>B c0 . 2 301 0
800 B>A c0 F. 301 2 0
820 A>B c0 . 2 302 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTW=1",
			"B": "TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.7
	"half_close_shutdown_wr/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 F. 1 1 0
224 B>A c0 . 1 2 0
500 B>A c0 P. 1 2 100
520 A>B c0 . 2 101 0
600 B>A c0 P. 101 2 100
620 A>B c0 . 2 201 0
700 B>A c0 P. 201 2 100
720 A>B c0 . 2 301 0
800 B>A c0 F. 301 2 0
820 A>B c0 . 2 302 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTW=1",
			"B": "TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.8
	"fin_wait2_timeout/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 F. 1 1 0
224 B>A c0 . 1 2 0
3900 B>A c0 P. 1 2 100
3920 A>B c0 R 2 - 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTWKilled=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.8
	"fin_wait2_timeout/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 F. 1 1 0
224 B>A c0 . 1 2 0
3900 B>A c0 P. 1 2 100
3920 A>B c0 R 2 - 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTWKilled=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.9 (a)
	"linger2_negative/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 F. 1 1 0
224 B>A c0 . 1 2 0
244 A>B c0 R 2 - 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTCPAbortOnData=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.9 (a)
	"linger2_negative/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 F. 1 1 0
224 B>A c0 . 1 2 0
244 A>B c0 R 2 - 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTCPAbortOnData=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.10
	"linger2_long/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
100 A>B c1 S 0 - 0
120 B>A c1 S. 0 1 0
140 A>B c1 . 1 1 0
300 A>B c0 F. 1 1 0
300 A>B c1 F. 1 1 0
324 B>A c0 . 1 2 0
324 B>A c1 . 1 2 0
1800 B>A c0 P. 1 2 100
1820 A>B c0 R 2 - 0
2100 B>A c1 F. 1 2 0
2120 A>B c1 . 2 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 CLOSE",
			"A c1": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
			"B c1": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=2 TcpExtTCPAbortOnData=1 TcpExtTW=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpExtDelayedACKs=2 TcpPassiveOpens=2",
		},
	},
	// spec §17.10
	"linger2_long/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
100 A>B c1 S 0 - 0
120 B>A c1 S. 0 1 0
140 A>B c1 . 1 1 0
300 A>B c0 F. 1 1 0
300 A>B c1 F. 1 1 0
324 B>A c0 . 1 2 0
324 B>A c1 . 1 2 0
1800 B>A c0 P. 1 2 100
1820 A>B c0 R 2 - 0
2100 B>A c1 F. 1 2 0
2120 A>B c1 . 2 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) CLOSE",
			"A c1": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
			"B c1": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=2 TcpExtTW=1 TcpOutRsts=1",
			"B": "TcpEstabResets=1 TcpExtDelayedACKs=2 TcpPassiveOpens=2",
		},
	},
	// spec §17.11
	"fin_lost_orphan_retries/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 F. 1 1 0
224 B>A c0 . 1 2 0 drop
440 A>B c0 F. 1 1 0
460 B>A c0 . 1 2 0 drop
680 A>B c0 F. 1 1 0
700 B>A c0 . 1 2 0 drop
1160 A>B c0 F. 1 1 0
1180 B>A c0 . 1 2 0 drop
2250 B>A c0 F. 1 2 0
2270 A>B c0 R 2 - 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTCPAbortOnTimeout=1 TcpExtTCPLossProbes=1 TcpExtTCPTimeouts=3 TcpOutRsts=1 TcpRetransSegs=3",
			"B": "TcpExtDelayedACKLost=3 TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.11
	"fin_lost_orphan_retries/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 F. 1 1 0
224 B>A c0 . 1 2 0 drop
440 A>B c0 F. 1 1 0
460 B>A c0 . 1 2 0 drop
920 A>B c0 F. 1 1 0
940 B>A c0 . 1 2 0 drop
2250 B>A c0 F. 1 2 0
2270 A>B c0 R 2 - 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTCPAbortOnTimeout=1 TcpExtTCPTimeouts=1 TcpOutRsts=1 TcpRetransSegs=2",
			"B": "TcpExtDelayedACKLost=2 TcpExtDelayedACKs=1 TcpPassiveOpens=1",
		},
	},
	// spec §17.12
	"listener_close_with_pending/modern": {
		packets: `
0 B>A c0 S 0 - 0
20 A>B c0 S. 0 1 0
40 B>A c0 . 1 1 0
90 B>A c1 S 0 - 0
110 A>B c1 S. 0 1 0
130 B>A c1 . 1 1 0
180 B>A c0 P. 1 1 10
200 A>B c0 . 1 11 0
500 A>B c0 R. 1 11 0
500 A>B c1 R. 1 1 0
`,
		states: map[string]string{
			"A -":  "CLOSE LISTEN CLOSE",
			"A c0": "CLOSE SYN_RECV ESTABLISHED CLOSE",
			"A c1": "CLOSE SYN_RECV ESTABLISHED CLOSE",
			"B c0": "CLOSE SYN_SENT ESTABLISHED CLOSE",
			"B c1": "CLOSE SYN_SENT ESTABLISHED CLOSE",
		},
		counters: map[string]string{
			"A": "TcpEstabResets=2 TcpOutRsts=2 TcpPassiveOpens=2",
			"B": "TcpActiveOpens=2 TcpEstabResets=2",
		},
	},
	// spec §17.12
	"listener_close_with_pending/2.6": {
		packets: `
0 B>A c0 S 0 - 0
20 A>B c0 S. 0 1 0
40 B>A c0 . 1 1 0
90 B>A c1 S 0 - 0
110 A>B c1 S. 0 1 0
130 B>A c1 . 1 1 0
180 B>A c0 P. 1 1 10
200 A>B c0 . 1 11 0
500 A>B c0 R. 1 11 0
500 A>B c1 R. 1 1 0
`,
		states: map[string]string{
			"A -":  "CLOSE LISTEN CLOSE",
			"A c0": "CLOSE SYN_RECV ESTABLISHED CLOSE",
			"A c1": "CLOSE SYN_RECV ESTABLISHED CLOSE",
			"B c0": "CLOSE SYN_SENT ESTABLISHED CLOSE",
			"B c1": "CLOSE SYN_SENT ESTABLISHED CLOSE",
		},
		counters: map[string]string{
			"A": "TcpEstabResets=2 TcpOutRsts=2 TcpPassiveOpens=2",
			"B": "TcpActiveOpens=2 TcpEstabResets=2",
		},
	},
	// spec §17.13
	"tw_buckets_overflow/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 100
220 B>A c0 . 1 101 0
500 A>B c0 F. 101 1 0
520 B>A c0 F. 1 102 0
540 A>B c0 . 102 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTCPTimeWaitOverflow=1",
			"B": "TcpPassiveOpens=1",
		},
	},
	// spec §17.13
	"tw_buckets_overflow/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 100
220 B>A c0 . 1 101 0
500 A>B c0 F. 101 1 0
520 B>A c0 F. 1 102 0
540 A>B c0 . 102 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1",
			"B": "TcpPassiveOpens=1",
		},
	},
	// spec §17.14
	"tw_reuse_connect/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 100
220 B>A c0 . 1 101 0
400 A>B c0 F. 101 1 0
420 B>A c0 F. 1 102 0
440 A>B c0 . 102 2 0
1460 A>B c1 S 0 - 0
1480 B>A c1 S. 0 1 0
1500 A>B c1 . 1 1 0
1540 A>B c1 F. 1 1 0
1560 B>A c1 F. 1 2 0
1580 A>B c1 . 2 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c1": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c1": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=2 TcpExtTW=2 TcpExtTWRecycled=1",
			"B": "TcpPassiveOpens=2",
		},
	},
	// spec §17.14
	"tw_reuse_connect/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 P. 1 1 100
220 B>A c0 . 1 101 0
400 A>B c0 F. 101 1 0
420 B>A c0 F. 1 102 0
440 A>B c0 . 102 2 0
2060 A>B c1 S 0 - 0
2080 B>A c1 S. 0 1 0
2100 A>B c1 . 1 1 0
2140 A>B c1 F. 1 1 0
2160 B>A c1 F. 1 2 0
2180 A>B c1 . 2 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c1": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c1": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=2 TcpExtTW=1 TcpExtTWRecycled=1",
			"B": "TcpPassiveOpens=2",
		},
	},
	// spec §17.15
	// The model's estimator takes B's delayed ACK (80 ms) as an RTT sample, so r = 248 ms at HZ 250,
	// as the recording kernel had, not §17.15 (as §17.5)'s 240: the data probe leaves at t_f + 328 and the
	// zero-window probes 248 ms after B's answers arrive. Every other row is §17.15 (as §17.5)'s.
	"kill9_with_pending_send/modern": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 . 1 1 724
200 A>B c0 P. 725 1 300
220 B>A c0 . 1 725 0
260 B>A c0 . 1 1025 0
528 A>B c0 P. 1025 1 424
548 B>A c0 . 1 1449 0
816 A>B c0 . 1448 1 0
836 B>A c0 . 1 1449 0
1352 A>B c0 . 1448 1 0
1372 B>A c0 . 1 1449 0
1800 B>A c0 . 1 1449 0
1820 A>B c0 . 1449 1 724
1840 B>A c0 . 1 2173 0
1840 B>A c0 . 1 2173 0
1860 A>B c0 . 2173 1 724
1880 B>A c0 . 1 2897 0
1900 A>B c0 . 2897 1 724
1920 B>A c0 . 1 3621 0
1940 A>B c0 FP. 3621 1 600
2000 B>A c0 . 1 4222 0
2260 B>A c0 F. 1 4222 0
2280 A>B c0 . 4222 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTCPWinProbe=2 TcpExtTWKilled=1",
			"B": "TcpExtDelayedACKs=2 TcpPassiveOpens=1",
		},
	},
	// spec §17.15
	// The model's estimator takes B's delayed ACK (80 ms) as an RTT sample, so r = 248 ms at HZ 250,
	// as the recording kernel had, not §17.15 (as §17.5)'s 240: the data probe leaves at t_f + 328 and the
	// zero-window probes 248 ms after B's answers arrive. Every other row is §17.15 (as §17.5)'s.
	"kill9_with_pending_send/2.6": {
		packets: `
0 A>B c0 S 0 - 0
20 B>A c0 S. 0 1 0
40 A>B c0 . 1 1 0
200 A>B c0 . 1 1 724
200 A>B c0 P. 725 1 300
220 B>A c0 . 1 725 0
260 B>A c0 . 1 1025 0
528 A>B c0 P. 1025 1 424
548 B>A c0 . 1 1449 0
816 A>B c0 . 1448 1 0
836 B>A c0 . 1 1449 0
1352 A>B c0 . 1448 1 0
1372 B>A c0 . 1 1449 0
1800 B>A c0 . 1 1449 0
1820 A>B c0 . 1449 1 724
1840 B>A c0 . 1 2173 0
1840 B>A c0 . 1 2173 0
1860 A>B c0 . 2173 1 724
1880 B>A c0 . 1 2897 0
1900 A>B c0 . 2897 1 724
1920 B>A c0 . 1 3621 0
1940 A>B c0 FP. 3621 1 600
2000 B>A c0 . 1 4222 0
2260 B>A c0 F. 1 4222 0
2280 A>B c0 . 4222 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(FIN_WAIT2) TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=1 TcpExtTW=1",
			"B": "TcpExtDelayedACKs=2 TcpPassiveOpens=1",
		},
	},
	// spec §17.16; rows of the same millisecond on A and on B come timer-last (docs/model.md),
	// not in §17.16's listing order
	"orphan_overflow/modern": {
		packets: `
0 A>B c0 S 0 - 0
1 A>B c1 S 0 - 0
1 B>A c0 S. 0 1 0
2 A>B c2 S 0 - 0
2 B>A c1 S. 0 1 0
2 A>B c0 . 1 1 0
3 A>B c3 S 0 - 0
3 B>A c2 S. 0 1 0
3 A>B c1 . 1 1 0
4 B>A c3 S. 0 1 0
4 A>B c2 . 1 1 0
5 A>B c3 . 1 1 0
20 A>B c0 F. 1 1 0
21 A>B c1 F. 1 1 0
22 A>B c2 F. 1 1 0
22 B>A c0 . 1 2 0 drop
23 A>B c3 F. 1 1 0
23 B>A c1 . 1 2 0 drop
24 B>A c2 . 1 2 0 drop
25 B>A c3 . 1 2 0 drop
222 A>B c0 F. 1 1 0
223 B>A c0 . 1 2 0 drop
223 A>B c1 F. 1 1 0
224 B>A c1 . 1 2 0 drop
224 A>B c2 F. 1 1 0
225 B>A c2 . 1 2 0 drop
225 A>B c3 F. 1 1 0
226 B>A c3 . 1 2 0 drop
424 A>B c0 R. 2 1 0
425 A>B c1 R. 2 1 0
426 A>B c2 R. 2 1 0
427 A>B c3 R. 2 1 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"A c1": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"A c2": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"A c3": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
			"B c1": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
			"B c2": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
			"B c3": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=4 TcpExtTCPAbortOnMemory=4 TcpExtTCPLossProbes=4 TcpExtTCPTimeouts=4 TcpOutRsts=4 TcpRetransSegs=4",
			"B": "TcpEstabResets=4 TcpExtDelayedACKLost=4 TcpExtDelayedACKs=4 TcpPassiveOpens=4",
		},
	},
	// spec §17.16, same-millisecond rows timer-last as in modern
	"orphan_overflow/2.6": {
		packets: `
0 A>B c0 S 0 - 0
1 A>B c1 S 0 - 0
1 B>A c0 S. 0 1 0
2 A>B c2 S 0 - 0
2 B>A c1 S. 0 1 0
2 A>B c0 . 1 1 0
3 A>B c3 S 0 - 0
3 B>A c2 S. 0 1 0
3 A>B c1 . 1 1 0
4 B>A c3 S. 0 1 0
4 A>B c2 . 1 1 0
5 A>B c3 . 1 1 0
20 A>B c0 F. 1 1 0
21 A>B c1 F. 1 1 0
22 A>B c2 F. 1 1 0
22 B>A c0 . 1 2 0 drop
23 A>B c3 F. 1 1 0
23 B>A c1 . 1 2 0 drop
24 B>A c2 . 1 2 0 drop
25 B>A c3 . 1 2 0 drop
222 A>B c0 F. 1 1 0
223 B>A c0 . 1 2 0 drop
223 A>B c1 F. 1 1 0
224 B>A c1 . 1 2 0 drop
224 A>B c2 F. 1 1 0
225 B>A c2 . 1 2 0 drop
225 A>B c3 F. 1 1 0
226 B>A c3 . 1 2 0 drop
626 A>B c0 F. 1 1 0
627 B>A c0 . 1 2 0 drop
627 A>B c1 F. 1 1 0
628 B>A c1 . 1 2 0 drop
628 A>B c2 F. 1 1 0
629 B>A c2 . 1 2 0 drop
629 A>B c3 F. 1 1 0
630 B>A c3 . 1 2 0 drop
1434 A>B c0 F. 1 1 0
1435 B>A c0 . 1 2 0 drop
1435 A>B c1 F. 1 1 0
1436 B>A c1 . 1 2 0 drop
1436 A>B c2 F. 1 1 0
1437 B>A c2 . 1 2 0 drop
1437 A>B c3 F. 1 1 0
1438 B>A c3 . 1 2 0 drop
3050 A>B c0 F. 1 1 0
3051 B>A c0 . 1 2 0 drop
3051 A>B c1 F. 1 1 0
3052 B>A c1 . 1 2 0 drop
3052 A>B c2 F. 1 1 0
3053 B>A c2 . 1 2 0 drop
3053 A>B c3 F. 1 1 0
3054 B>A c3 . 1 2 0 drop
6282 A>B c0 F. 1 1 0
6283 B>A c0 . 1 2 0 drop
6283 A>B c1 F. 1 1 0
6284 B>A c1 . 1 2 0 drop
6284 A>B c2 F. 1 1 0
6285 B>A c2 . 1 2 0 drop
6285 A>B c3 F. 1 1 0
6286 B>A c3 . 1 2 0 drop
12746 A>B c0 F. 1 1 0
12747 B>A c0 . 1 2 0 drop
12747 A>B c1 F. 1 1 0
12748 B>A c1 . 1 2 0 drop
12748 A>B c2 F. 1 1 0
12749 B>A c2 . 1 2 0 drop
12749 A>B c3 F. 1 1 0
12750 B>A c3 . 1 2 0 drop
25674 A>B c0 F. 1 1 0
25675 B>A c0 . 1 2 0 drop
25675 A>B c1 F. 1 1 0
25676 B>A c1 . 1 2 0 drop
25676 A>B c2 F. 1 1 0
25677 B>A c2 . 1 2 0 drop
25677 A>B c3 F. 1 1 0
25678 B>A c3 . 1 2 0 drop
51530 A>B c0 F. 1 1 0
51531 B>A c0 . 1 2 0 drop
51531 A>B c1 F. 1 1 0
51532 B>A c1 . 1 2 0 drop
51532 A>B c2 F. 1 1 0
51533 B>A c2 . 1 2 0 drop
51533 A>B c3 F. 1 1 0
51534 B>A c3 . 1 2 0 drop
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"A c1": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"A c2": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"A c3": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 CLOSE",
			"B -":  "CLOSE LISTEN",
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT",
			"B c1": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT",
			"B c2": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT",
			"B c3": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=4 TcpExtTCPAbortOnTimeout=4 TcpExtTCPTimeouts=4 TcpRetransSegs=32",
			"B": "TcpExtDelayedACKLost=32 TcpExtDelayedACKs=4 TcpPassiveOpens=4",
		},
	},
	// spec §17.17
	"tw_recycle_nat/2.6": {
		packets: `
0 H1>B c0 S 0 - 0
1 B>H1 c0 S. 0 1 0
2 H1>B c0 . 1 1 0
5 H1>B c0 P. 1 1 10
6 B>H1 c0 . 1 11 0
10 B>H1 c0 P. 1 11 10
11 H1>B c0 . 11 11 0
20 B>H1 c0 F. 11 11 0
21 H1>B c0 F. 11 12 0
22 B>H1 c0 . 12 12 0
1000 H2>B c1 S 0 - 0
4000 H2>B c1 S 0 - 0
10000 H2>B c1 S 0 - 0
`,
		states: map[string]string{
			"B -":   "CLOSE LISTEN",
			"B c0":  "CLOSE SYN_RECV ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"H1 c0": "CLOSE SYN_SENT ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"H2 c1": "CLOSE SYN_SENT CLOSE",
		},
		counters: map[string]string{
			"B":  "TcpExtPAWSPassive=3 TcpExtTWKilled=1 TcpPassiveOpens=1",
			"H1": "TcpActiveOpens=1",
			"H2": "TcpActiveOpens=1 TcpAttemptFails=1 TcpExtTCPAbortOnTimeout=1 TcpExtTCPTimeouts=3 TcpRetransSegs=2",
		},
	},
	// spec §17.18
	"port_exhaustion/modern": {
		packets: `
0 A>B c0 S 0 - 0
1 B>A c0 S. 0 1 0
2 A>B c0 . 1 1 0
10 A>B c0 F. 1 1 0
11 B>A c0 F. 1 2 0
12 A>B c0 . 2 2 0
100 A>B c1 S 0 - 0
101 B>A c1 S. 0 1 0
102 A>B c1 . 1 1 0
110 A>B c1 F. 1 1 0
111 B>A c1 F. 1 2 0
112 A>B c1 . 2 2 0
200 A>B c2 S 0 - 0
201 B>A c2 S. 0 1 0
202 A>B c2 . 1 1 0
210 A>B c2 F. 1 1 0
211 B>A c2 F. 1 2 0
212 A>B c2 . 2 2 0
300 A>B c3 S 0 - 0
301 B>A c3 S. 0 1 0
302 A>B c3 . 1 1 0
310 A>B c3 F. 1 1 0
311 B>A c3 F. 1 2 0
312 A>B c3 . 2 2 0
400 A>B c4 S 0 - 0
401 B>A c4 S. 0 1 0
402 A>B c4 . 1 1 0
1020 A>B c5 S 0 - 0
1021 B>A c5 S. 0 1 0
1022 A>B c5 . 1 1 0
1032 A>B c5 F. 1 1 0
1033 B>A c5 F. 1 2 0
1034 A>B c5 . 2 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c1": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c2": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c3": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c4": "CLOSE SYN_SENT ESTABLISHED", // B:5001, left open
			"A c5": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN LISTEN", // 5000 and 5001
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c1": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c2": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c3": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c4": "CLOSE SYN_RECV ESTABLISHED",
			"B c5": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=6 TcpExtTW=5 TcpExtTWRecycled=1",
			"B": "TcpPassiveOpens=6",
		},
	},
	// spec §17.18
	"port_exhaustion/2.6": {
		packets: `
0 A>B c0 S 0 - 0
1 B>A c0 S. 0 1 0
2 A>B c0 . 1 1 0
10 A>B c0 F. 1 1 0
11 B>A c0 F. 1 2 0
12 A>B c0 . 2 2 0
100 A>B c1 S 0 - 0
101 B>A c1 S. 0 1 0
102 A>B c1 . 1 1 0
110 A>B c1 F. 1 1 0
111 B>A c1 F. 1 2 0
112 A>B c1 . 2 2 0
200 A>B c2 S 0 - 0
201 B>A c2 S. 0 1 0
202 A>B c2 . 1 1 0
210 A>B c2 F. 1 1 0
211 B>A c2 F. 1 2 0
212 A>B c2 . 2 2 0
300 A>B c3 S 0 - 0
301 B>A c3 S. 0 1 0
302 A>B c3 . 1 1 0
310 A>B c3 F. 1 1 0
311 B>A c3 F. 1 2 0
312 A>B c3 . 2 2 0
400 A>B c4 S 0 - 0
401 B>A c4 S. 0 1 0
402 A>B c4 . 1 1 0
2000 A>B c5 S 0 - 0
2001 B>A c5 S. 0 1 0
2002 A>B c5 . 1 1 0
2012 A>B c5 F. 1 1 0
2013 B>A c5 F. 1 2 0
2014 A>B c5 . 2 2 0
`,
		states: map[string]string{
			"A c0": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c1": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c2": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c3": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"A c4": "CLOSE SYN_SENT ESTABLISHED", // B:5001, left open
			"A c5": "CLOSE SYN_SENT ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT(TIME_WAIT) CLOSE",
			"B -":  "CLOSE LISTEN LISTEN", // 5000 and 5001
			"B c0": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c1": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c2": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c3": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
			"B c4": "CLOSE SYN_RECV ESTABLISHED",
			"B c5": "CLOSE SYN_RECV ESTABLISHED CLOSE_WAIT LAST_ACK CLOSE",
		},
		counters: map[string]string{
			"A": "TcpActiveOpens=6 TcpExtTW=4 TcpExtTWRecycled=2", // +1: §8.8's quirk on the B:5001 connect,
			"B": "TcpPassiveOpens=6",
		},
	},
}
