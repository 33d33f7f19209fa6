package tcp

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSysctlGetReadsWhatSetWrote(t *testing.T) {
	for _, tc := range []struct {
		p          Profile
		name, want string
		ok         bool
	}{
		{Modern, "tcp_fin_timeout", "60", true},
		{Modern, "net.ipv4.tcp_fin_timeout", "60", true},
		{Modern, "ip_local_port_range", "32768 60999", true},
		{P26, "ip_local_port_range", "32768 61000", true},
		{Modern, "tcp_congestion_control", "cubic", true},
		{P26, "tcp_congestion_control", "reno", true},
		{Modern, "tcp_tw_reuse", "2", true},
		{P26, "tcp_tw_reuse", "0", true},
		{Modern, "tcp_rmem", "", false}, // only its maximum is kept
		{Modern, "tcp_no_such", "", false},
	} {
		s := DefaultSysctls(tc.p)
		got, ok := s.Get(tc.name)
		assert.Equal(t, tc.want, got, "%s %s", tc.p, tc.name)
		assert.Equal(t, tc.ok, ok, "%s %s", tc.p, tc.name)
	}
	s := DefaultSysctls(Modern)
	_, err := s.Set(Modern, "ip_local_port_range", " 40000   40003 ")
	assert.NoError(t, err)
	_, err = s.Set(Modern, "tcp_fin_timeout", "3")
	assert.NoError(t, err)
	got, _ := s.Get("ip_local_port_range")
	assert.Equal(t, "40000 40003", got)
	got, _ = s.Get("tcp_fin_timeout")
	assert.Equal(t, "3", got)
}
