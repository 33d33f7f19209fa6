package tcp

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Sysctls are one host's net.ipv4 settings (spec §14).
type Sysctls struct {
	FinTimeout       int // s
	OrphanRetries    int
	MaxOrphans       int
	MaxTWBuckets     int
	TWReuse          int
	TWReuseDelay     int // ms (modern)
	TWRecycle        int // 2.6 only
	Timestamps       int
	RFC1337          int
	Retries2         int
	KeepaliveTime    int // s
	KeepaliveIntvl   int // s
	KeepaliveProbes  int
	PortLow, PortHi  int
	AbortOnOverflow  int
	Syncookies       int // modern: 1 = answer SYNs with a cookie when the request queue is full
	SynRetries       int
	SynackRetries    int
	EarlyRetrans     int // modern
	InvalidRatelimit int // ms (modern)
	Sack             int
	RetransCollapse  int
	MemPressure      int // model knob: 1 = the host is under TCP memory pressure (§9.10)
	// RmemMax is tcp_rmem's maximum, which sets the window scale a host offers
	// (tcp_select_initial_window); tcp_rmem's minimum and default are not modelled.
	RmemMax int
	// CongestionControl is tcp_congestion_control: "cubic" (modern default), "reno" (2.6's,
	// as the profiles have it) or "bbr" (modern). What the close path shows of cubic and
	// reno is the same: an initial window of 10 (2.6.32: 3) growing by one segment per segment
	// ACKed in slow start, one segment after an RTO; bbr grows it so in startup too, and paces
	// (Sock.pace).
	CongestionControl string
}

// DefaultSysctls gives a profile's defaults (spec §14; the model's ehash/2 is 32768).
func DefaultSysctls(p Profile) Sysctls {
	s := Sysctls{FinTimeout: 60, MaxOrphans: 32768, MaxTWBuckets: 32768, Timestamps: 1, Retries2: 15,
		KeepaliveTime: 7200, KeepaliveIntvl: 75, KeepaliveProbes: 9, SynackRetries: 5, Sack: 1,
		RetransCollapse: 1, TWReuseDelay: 1000, InvalidRatelimit: 500, Syncookies: 1}
	s.CongestionControl = "cubic"
	if p == P26 {
		s.CongestionControl = "reno"
		s.PortLow, s.PortHi = 32768, 61000
		s.SynRetries = 5
		s.RmemMax = 4194304
	} else {
		s.PortLow, s.PortHi = 32768, 60999
		s.RmemMax = 6291456
		s.TWReuse = 2
		s.SynRetries = 6
		s.EarlyRetrans = 3
	}
	return s
}

type sysctlField struct {
	name     string
	min, max int
	profile  int // 0 both, 1 modern only, 2 2.6 only
}

// sysctlTable is a list, not a map: a map literal is built by code at start-up, which costs
// the web page's download more than a search of 22 names. Sysctls.fields gives the field of
// each entry, in the same order (a closure each cost the page more).
var sysctlTable = [...]sysctlField{
	{"tcp_fin_timeout", -1 << 31, 1<<31 - 1, 0},
	{"tcp_orphan_retries", 0, 255, 0},
	{"tcp_max_orphans", 0, 1<<31 - 1, 0},
	{"tcp_max_tw_buckets", 0, 1<<31 - 1, 0},
	{"tcp_tw_reuse", 0, 2, 0},
	{"tcp_tw_reuse_delay", 1, 60000, 1},
	{"tcp_tw_recycle", 0, 1, 2},
	{"tcp_timestamps", 0, 2, 0},
	{"tcp_rfc1337", 0, 1, 0},
	{"tcp_retries2", 0, 255, 0},
	{"tcp_keepalive_time", 1, 1<<31 - 1, 0},
	{"tcp_keepalive_intvl", 1, 1<<31 - 1, 0},
	{"tcp_keepalive_probes", 0, 255, 0},
	{"tcp_abort_on_overflow", 0, 1, 0},
	{"tcp_syncookies", 0, 2, 0},
	{"tcp_syn_retries", 1, 127, 0},
	{"tcp_synack_retries", 0, 255, 0},
	{"tcp_early_retrans", 0, 4, 1},
	{"tcp_invalid_ratelimit", 0, 1<<31 - 1, 1},
	{"tcp_sack", 0, 1, 0},
	{"tcp_retrans_collapse", 0, 1, 0},
	{"tcp_memory_pressure", 0, 1, 0},
}

// fields are the integer sysctls of sysctlTable, entry for entry.
func (s *Sysctls) fields() *[len(sysctlTable)]*int {
	return &[len(sysctlTable)]*int{
		&s.FinTimeout,       // tcp_fin_timeout
		&s.OrphanRetries,    // tcp_orphan_retries
		&s.MaxOrphans,       // tcp_max_orphans
		&s.MaxTWBuckets,     // tcp_max_tw_buckets
		&s.TWReuse,          // tcp_tw_reuse
		&s.TWReuseDelay,     // tcp_tw_reuse_delay
		&s.TWRecycle,        // tcp_tw_recycle
		&s.Timestamps,       // tcp_timestamps
		&s.RFC1337,          // tcp_rfc1337
		&s.Retries2,         // tcp_retries2
		&s.KeepaliveTime,    // tcp_keepalive_time
		&s.KeepaliveIntvl,   // tcp_keepalive_intvl
		&s.KeepaliveProbes,  // tcp_keepalive_probes
		&s.AbortOnOverflow,  // tcp_abort_on_overflow
		&s.Syncookies,       // tcp_syncookies
		&s.SynRetries,       // tcp_syn_retries
		&s.SynackRetries,    // tcp_synack_retries
		&s.EarlyRetrans,     // tcp_early_retrans
		&s.InvalidRatelimit, // tcp_invalid_ratelimit
		&s.Sack,             // tcp_sack
		&s.RetransCollapse,  // tcp_retrans_collapse
		&s.MemPressure,      // tcp_memory_pressure
	}
}

// SysctlNames lists every sysctl the model knows, sorted.
func SysctlNames() []string {
	names := []string{"ip_local_port_range", "tcp_rmem", "tcp_congestion_control"}
	for _, f := range sysctlTable {
		names = append(names, f.name)
	}
	sort.Strings(names)
	return names
}

// Set changes one sysctl by its net.ipv4 name ("tcp_fin_timeout", "ip_local_port_range", or with
// the "net.ipv4." prefix). It returns a note the kernel would log, if any.
func (s *Sysctls) Set(p Profile, name, value string) (note string, err error) {
	name = strings.TrimPrefix(name, "net.ipv4.")
	value = strings.TrimSpace(value)
	if name == "ip_local_port_range" {
		f := strings.Fields(value)
		if len(f) != 2 {
			return "", fmt.Errorf("ip_local_port_range %q: want two ports, low and high", value)
		}
		lo, e1 := strconv.Atoi(f[0])
		hi, e2 := strconv.Atoi(f[1])
		if e1 != nil || e2 != nil || lo < 1 || hi > 65535 || lo > hi {
			return "", fmt.Errorf("ip_local_port_range %q: want 1 <= low <= high <= 65535", value)
		}
		s.PortLow, s.PortHi = lo, hi
		if p == Modern && lo%2 == hi%2 {
			note = "ip_local_port_range: prefer different parity for start/end values."
		}
		return note, nil
	}
	if name == "tcp_congestion_control" {
		if value != "cubic" && value != "reno" && (value != "bbr" || p == P26) {
			return "", fmt.Errorf("tcp_congestion_control %q: want cubic or reno (or bbr, modern only)", value)
		}
		s.CongestionControl = value
		return "", nil
	}
	if name == "tcp_rmem" {
		f := strings.Fields(value)
		v := make([]int, len(f))
		for i := range f {
			n, err := strconv.Atoi(f[i])
			if err != nil || n < 1 {
				v = nil
				break
			}
			v[i] = n
		}
		if len(v) != 3 {
			return "", fmt.Errorf("tcp_rmem %q: want three sizes in bytes, min, default and max, each at least 1", value)
		}
		s.RmemMax = v[2]
		return "", nil
	}
	var f *sysctlField
	var dst *int
	for i := range sysctlTable {
		if sysctlTable[i].name == name {
			f, dst = &sysctlTable[i], s.fields()[i]
		}
	}
	if f == nil {
		return "", fmt.Errorf("unknown sysctl %q (known: %s)", name, strings.Join(SysctlNames(), ", "))
	}
	if f.profile == 1 && p == P26 || f.profile == 2 && p == Modern {
		return "", fmt.Errorf("sysctl %s does not exist in the %s profile", name, p)
	}
	v, err := strconv.Atoi(value)
	if err != nil {
		return "", fmt.Errorf("sysctl %s = %q: want an integer", name, value)
	}
	if v < f.min || v > f.max {
		return "", fmt.Errorf("sysctl %s = %d: out of range %d..%d", name, v, f.min, f.max)
	}
	*dst = v
	return "", nil
}
