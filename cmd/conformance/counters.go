package main

import (
	"strconv"
	"strings"
)

// parseSNMP reads /proc/net/snmp or /proc/net/netstat (pairs of header/value lines) into nstat
// names: "Tcp"+"OutRsts" → TcpOutRsts, "TcpExt"+"TW" → TcpExtTW.
func parseSNMP(data []byte, into map[string]int64) {
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	for i := 0; i+1 < len(lines); i += 2 {
		h := strings.Fields(lines[i])
		v := strings.Fields(lines[i+1])
		if len(h) == 0 || len(h) != len(v) || h[0] != v[0] {
			continue
		}
		prefix := strings.TrimSuffix(h[0], ":")
		for j := 1; j < len(h); j++ {
			n, err := strconv.ParseInt(v[j], 10, 64)
			if err != nil {
				continue
			}
			into[prefix+h[j]] = n
		}
	}
}

// readCounters reads every SNMP/netstat counter of the worker's namespace.
func (w *nsWorker) readCounters() (map[string]int64, error) {
	out := map[string]int64{}
	for _, f := range []string{"snmp", "netstat"} {
		b, err := w.readProcNet(f)
		if err != nil {
			return nil, err
		}
		parseSNMP(b, out)
	}
	return out, nil
}

// gaugeCounters are values, not counters (nstat skips their deltas too).
var gaugeCounters = map[string]bool{"TcpCurrEstab": true, "TcpRtoAlgorithm": true, "TcpRtoMin": true,
	"TcpRtoMax": true, "TcpMaxConn": true}

// counterDeltas returns after − before for every counter that moved.
func counterDeltas(before, after map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range after {
		if gaugeCounters[k] || strings.HasPrefix(k, "Ip") || strings.HasPrefix(k, "Icmp") || strings.HasPrefix(k, "Udp") {
			continue
		}
		if d := v - before[k]; d != 0 {
			out[k] = d
		}
	}
	return out
}
