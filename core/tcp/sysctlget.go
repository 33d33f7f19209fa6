package tcp

import (
	"strconv"
	"strings"
)

// Get returns one sysctl's value as sysctl(8) prints it ("60", "32768 60999", "cubic") and
// whether the model keeps it (tcp_rmem keeps only its maximum: it is not returned).
func (s *Sysctls) Get(name string) (string, bool) {
	name = strings.TrimPrefix(name, "net.ipv4.")
	switch name {
	case "ip_local_port_range":
		return strconv.Itoa(s.PortLow) + " " + strconv.Itoa(s.PortHi), true
	case "tcp_congestion_control":
		return s.CongestionControl, true
	}
	for i := range sysctlTable {
		if sysctlTable[i].name == name {
			return strconv.Itoa(*s.fields()[i]), true
		}
	}
	return "", false
}
