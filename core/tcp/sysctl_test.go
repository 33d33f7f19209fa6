package tcp

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each integer sysctl sets its own field of Sysctls and no other (sysctlTable and
// Sysctls.fields are two lists that must agree entry for entry), and refuses a value one past
// its range with the range in the message.
func TestSysctlSetsItsField(t *testing.T) {
	for _, c := range []struct{ name, field string }{
		{"tcp_fin_timeout", "FinTimeout"}, {"tcp_orphan_retries", "OrphanRetries"},
		{"tcp_max_orphans", "MaxOrphans"}, {"tcp_max_tw_buckets", "MaxTWBuckets"},
		{"tcp_tw_reuse", "TWReuse"}, {"tcp_tw_reuse_delay", "TWReuseDelay"},
		{"tcp_tw_recycle", "TWRecycle"}, {"tcp_timestamps", "Timestamps"},
		{"tcp_rfc1337", "RFC1337"}, {"tcp_retries2", "Retries2"},
		{"tcp_keepalive_time", "KeepaliveTime"}, {"tcp_keepalive_intvl", "KeepaliveIntvl"},
		{"tcp_keepalive_probes", "KeepaliveProbes"}, {"tcp_abort_on_overflow", "AbortOnOverflow"},
		{"tcp_syncookies", "Syncookies"}, {"tcp_syn_retries", "SynRetries"},
		{"tcp_synack_retries", "SynackRetries"}, {"tcp_early_retrans", "EarlyRetrans"},
		{"tcp_invalid_ratelimit", "InvalidRatelimit"}, {"tcp_sack", "Sack"},
		{"tcp_retrans_collapse", "RetransCollapse"}, {"tcp_memory_pressure", "MemPressure"},
	} {
		p := Modern
		if c.name == "tcp_tw_recycle" {
			p = P26
		}
		before := DefaultSysctls(p)
		s := before
		// 1 differs from every default except a few; 0 then (each range holds 0 or 1)
		v, want := "1", 1
		if reflect.ValueOf(before).FieldByName(c.field).Int() == 1 {
			v, want = "0", 0
		}
		_, err := s.Set(p, c.name, v)
		require.NoError(t, err, c.name)
		var changed []string
		sv, bv := reflect.ValueOf(s), reflect.ValueOf(before)
		for i := 0; i < sv.NumField(); i++ {
			if !sv.Field(i).Equal(bv.Field(i)) { // tcp_congestion_control is the one string
				changed = append(changed, sv.Type().Field(i).Name)
			}
		}
		assert.Equal(t, []string{c.field}, changed, c.name)
		assert.EqualValues(t, want, sv.FieldByName(c.field).Int(), c.name)
	}
	assert.Len(t, sysctlTable, 22, "every entry of sysctlTable is in the list above")
	s := DefaultSysctls(Modern)
	_, err := s.Set(Modern, "tcp_tw_reuse", "3")
	assert.EqualError(t, err, "sysctl tcp_tw_reuse = 3: out of range 0..2")
}
