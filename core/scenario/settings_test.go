package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettingsListWhatDiffersFromTheProfile(t *testing.T) {
	for _, tc := range []struct {
		scenario, profile string
		want              []Setting
	}{
		{"normal_active_close", "modern", []Setting{
			{Host: "A", At: -1, Kind: "hz", Name: "HZ", Value: "250", Default: "1000"},
			{Host: "A", At: -1, Kind: "sysctl", Name: "tcp_fin_timeout", Value: "3", Default: "60"},
			{Host: "B", At: -1, Kind: "hz", Name: "HZ", Value: "250", Default: "1000"},
			{Host: "B", At: -1, Kind: "sysctl", Name: "tcp_fin_timeout", Value: "3", Default: "60"},
			{At: -1, Kind: "delay", Value: "20ms"},
		}},
		{"port_exhaustion", "modern", []Setting{ // HZ 1000 is the default: not listed
			{Host: "A", At: -1, Kind: "sysctl", Name: "ip_local_port_range", Value: "40000 40003", Default: "32768 60999"},
			{Host: "A", At: 500_000, Kind: "sysctl", Name: "tcp_tw_reuse", Value: "1", Default: "2"},
			{At: -1, Kind: "delay", Value: "1ms"},
		}},
		{"tw_reuse_connect", "2.6", []Setting{ // tcp_tw_reuse 0 is 2.6's default
			{Host: "A", At: -1, Kind: "hz", Name: "HZ", Value: "250", Default: "1000"},
			{Host: "A", At: -1, Kind: "sysctl", Name: "ip_local_port_range", Value: "40000 40000", Default: "32768 61000"},
			{Host: "A", At: -1, Kind: "sysctl", Name: "tcp_fin_timeout", Value: "3", Default: "60"},
			{Host: "A", At: 560_000, Kind: "sysctl", Name: "tcp_tw_reuse", Value: "2", Default: "0"}, // a host's own actions follow its settings
			{Host: "A", At: 560_000, Kind: "sysctl", Name: "tcp_tw_reuse", Value: "1", Default: "0"},
		}},
	} {
		sc, err := Lookup(tc.scenario)
		require.NoError(t, err)
		got, err := sc.Settings(tc.profile)
		require.NoError(t, err)
		if tc.scenario == "tw_reuse_connect" {
			got = got[:5]
		}
		assert.Equal(t, tc.want, got, tc.scenario)
	}
	sc, err := Lookup("linger_timeout")
	require.NoError(t, err)
	got, err := sc.Settings("")
	require.NoError(t, err)
	require.Len(t, got, 7)
	assert.Equal(t, Setting{Host: "A", At: 0, Kind: "sockopt", Name: "SO_LINGER", Value: "1, 2"}, got[2])
	assert.Equal(t, "rule", got[6].Kind)
	assert.Equal(t, "B", got[6].Rule.From)
	_, err = sc.Settings("3.0")
	assert.Error(t, err)
}
