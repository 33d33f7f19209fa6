package scenario

import (
	"strconv"
	"strings"

	"finwait/core/tcp"
	"finwait/core/wire"
)

// Setting is one thing a scenario sets that a kernel left alone would not have: a sysctl or
// HZ that differs from the profile's default, a socket option, a sysctl changed while it runs,
// the wire's delays, rules and NAT. The renderer's settings panel lists them, and marks the
// timers they lengthen or shorten.
type Setting struct {
	Host    string     // the host it is set on; "" for the wire
	At      int64      // µs: when an action sets it; -1 when it holds from the start
	Kind    string     // "hz", "sysctl", "sockopt", "delay", "rule" or "nat"
	Name    string     // the sysctl or option ("tcp_fin_timeout", "SO_LINGER"); a delay's direction ("A>B", "" both ways)
	Value   string     // as sysctl(8) or setsockopt() takes it: "3", "1, 2"; a delay's duration
	Default string     // the profile's default ("60"); "" when there is none (options are off, the wire is the scenario's)
	Rule    *wire.Rule // Kind "rule": the rule
}

// Settings lists what the scenario sets, in the profile asked for ("" = its first), host by
// host: its HZ and sysctls that differ from the profile's defaults (sorted by name), then its
// sysctl and setsockopt actions in the scenario's order; then the wire.
func (sc *Scenario) Settings(profile string) ([]Setting, error) {
	prof, err := sc.ProfileFor(profile)
	if err != nil {
		return nil, err
	}
	def := tcp.DefaultSysctls(prof)
	var out []Setting
	for _, h := range sc.Hosts {
		if h.HZ != 0 && h.HZ != 1000 { // tcp.NewHost: 0 is 1000
			out = append(out, Setting{Host: h.Name, At: -1, Kind: "hz", Name: "HZ", Value: strconv.Itoa(h.HZ), Default: "1000"})
		}
		for _, k := range keys(h.Sysctls) {
			if s := sysctlSetting(&def, h.Name, k, h.Sysctls[k], -1); s != nil {
				out = append(out, *s)
			}
		}
		for _, a := range sc.Actions {
			switch {
			case a.Host != h.Name:
			case a.Op == OpSysctl:
				if s := sysctlSetting(&def, a.Host, a.Name, a.Setting, int64(a.At)); s != nil {
					out = append(out, *s)
				}
			case a.Op == OpSetsockopt:
				v := strconv.Itoa(a.Value)
				if a.Opt == "SO_LINGER" {
					v += ", " + strconv.Itoa(a.Value2)
				}
				out = append(out, Setting{Host: a.Host, At: int64(a.At), Kind: "sockopt", Name: a.Opt, Value: v})
			}
		}
	}
	out = append(out, Setting{At: -1, Kind: "delay", Value: sc.Wire.Delay.String()})
	for _, k := range keys(sc.Wire.Delays) {
		out = append(out, Setting{At: -1, Kind: "delay", Name: k, Value: sc.Wire.Delays[k].String()})
	}
	for i := range sc.Wire.Rules {
		out = append(out, Setting{At: -1, Kind: "rule", Name: string(sc.Wire.Rules[i].Action), Rule: &sc.Wire.Rules[i]})
	}
	if n := sc.Wire.NAT; n != nil {
		out = append(out, Setting{At: -1, Kind: "nat", Name: strings.Join(n.Hosts, ", "), Value: n.Addr})
	}
	return out, nil
}

// sysctlSetting is a sysctl set to value, or nil when that is the profile's default.
func sysctlSetting(def *tcp.Sysctls, host, name, value string, at int64) *Setting {
	name = strings.TrimPrefix(name, "net.ipv4.")
	value = strings.Join(strings.Fields(value), " ")
	d, _ := def.Get(name)
	if d == value {
		return nil
	}
	return &Setting{Host: host, At: at, Kind: "sysctl", Name: name, Value: value, Default: d}
}
