package tcp

import (
	"fmt"
	"testing"
)

func TestWscaleFollowsRmemMax(t *testing.T) {
	tests := []struct {
		prof  Profile
		rmem  string // "" = the profile's default
		scale int
	}{
		{Modern, "", 7},                     // 6291456: ilog2 22 − 15
		{P26, "", 7},                        // 4194304
		{Modern, "4096 540000 15728640", 8}, // packetdrill's defaults.sh
		{Modern, "4096 131072 100000", 2},   // below rmem_max 212992: ilog2(212992) − 15
		{Modern, "1 1 1073741824", 14},      // capped at TCP_MAX_WSCALE
	}
	for _, tc := range tests {
		n := NewNet(Config{})
		h := n.NewHost("a", 1, tc.prof, 1000)
		if tc.rmem != "" {
			if _, err := h.Sys.Set(tc.prof, "net.ipv4.tcp_rmem", tc.rmem); err != nil {
				t.Fatal(err)
			}
		}
		if got := h.newSock().rcvWscaleFor(); got != tc.scale {
			t.Errorf("%v tcp_rmem %q: wscale %d, want %d", tc.prof, tc.rmem, got, tc.scale)
		}
	}
	s := DefaultSysctls(Modern)
	for _, bad := range []string{"1 2", "1 2 x", "0 1 2", "1 2 3 4"} {
		if _, err := s.Set(Modern, "tcp_rmem", bad); err == nil || err.Error() != `tcp_rmem "`+bad+`": want three sizes in bytes, min, default and max, each at least 1` {
			t.Errorf("tcp_rmem %q: %v", bad, err)
		}
	}
}

func TestLocalPortRange(t *testing.T) {
	tests := []struct {
		v      uint32
		lo, hi int
	}{
		{0, 32768, 60999},
		{0xdead<<16 | 0xdead, 57005, 57005},
		{40000, 40000, 60999},             // low only
		{50000 << 16, 32768, 50000},       // high only
		{1000<<16 | 100, 32768, 60999},    // both outside the sysctl range: ignored
		{61000<<16 | 40000, 40000, 60999}, // the high bound outside: ignored
	}
	n := NewNet(Config{})
	h := n.NewHost("a", 1, Modern, 1000)
	for _, tc := range tests {
		s := h.newSock()
		s.portRange = tc.v
		if lo, hi := s.localPortRange(); lo != tc.lo || hi != tc.hi {
			t.Errorf("range %#x: %d..%d, want %d..%d", tc.v, lo, hi, tc.lo, tc.hi)
		}
	}
}

func TestCongestionControlSysctl(t *testing.T) {
	for _, tc := range []struct {
		prof          Profile
		value, want   string
		err           string
		defaultBefore string
	}{
		{Modern, "reno", "reno", "", "cubic"},
		{P26, "cubic", "cubic", "", "reno"},
		{Modern, " cubic ", "cubic", "", "cubic"},
		{Modern, "bbr", "bbr", "", "cubic"},
		{P26, "bbr", "reno", `tcp_congestion_control "bbr": want cubic or reno (or bbr, modern only)`, "reno"},
		{Modern, "vegas", "cubic", `tcp_congestion_control "vegas": want cubic or reno (or bbr, modern only)`, "cubic"},
		{Modern, "", "cubic", `tcp_congestion_control "": want cubic or reno (or bbr, modern only)`, "cubic"},
	} {
		s := DefaultSysctls(tc.prof)
		if s.CongestionControl != tc.defaultBefore {
			t.Errorf("%v default %q, want %q", tc.prof, s.CongestionControl, tc.defaultBefore)
		}
		_, err := s.Set(tc.prof, "net.ipv4.tcp_congestion_control", tc.value)
		if got := fmt.Sprint(err); tc.err != "" && got != tc.err || tc.err == "" && err != nil || s.CongestionControl != tc.want {
			t.Errorf("%v %q: %q, %v; want %q, %q", tc.prof, tc.value, s.CongestionControl, err, tc.want, tc.err)
		}
	}
}
