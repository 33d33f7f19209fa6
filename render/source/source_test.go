package source

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/trace"
)

func TestCatalogLookupRun(t *testing.T) {
	cat := Catalog()
	require.NotEmpty(t, cat)
	for _, sc := range cat {
		got, err := Lookup(sc.Name)
		require.NoError(t, err)
		assert.Equal(t, sc.Name, got.Name)
		assert.NotEmpty(t, sc.Summary)
		tr, err := Run(sc, RunOptions{Profile: Profiles(sc)[0], Seed: 7})
		require.NoError(t, err)
		assert.Equal(t, sc.Name, tr.Scenario)
		assert.Equal(t, int64(7), tr.Seed)
		for i := 1; i < len(tr.Events); i++ {
			assert.LessOrEqual(t, tr.Events[i-1].T, tr.Events[i].T, "%s: time never goes back", sc.Name)
		}
		assert.LessOrEqual(t, tr.Events[len(tr.Events)-1].T, tr.EndUs)
	}
	_, err := Lookup("nope")
	assert.Error(t, err)
}

func TestNormalActiveCloseFollowsSpec171(t *testing.T) {
	tr := NormalActiveClose()
	var got []string
	for _, e := range tr.Packets() {
		got = append(got, trace.FormatTime(e.T)+" "+e.From+">"+e.To+" "+trace.PacketLabel(&e))
	}
	assert.Equal(t, []string{
		"0.0 ms A>B S seq 0 win 64240 len 0",
		"20.0 ms B>A S. seq 0 ack 1 win 65160 len 0",
		"40.0 ms A>B . seq 1 ack 1 win 502 len 0",
		"200.0 ms A>B P. seq 1:101 ack 1 win 502 len 100",
		"220.0 ms B>A . seq 1 ack 101 win 507 len 0",
		"500.0 ms A>B F. seq 101 ack 1 win 502 len 0",
		"520.0 ms B>A F. seq 1 ack 102 win 507 len 0",
		"540.0 ms A>B . seq 102 ack 2 win 502 len 0",
	}, got)
	assert.Equal(t, int64(60540000), tr.EndUs)
}

func TestBulkHasTheAskedPackets(t *testing.T) {
	assert.InDelta(t, 1000, len(Bulk(1000).Packets()), 5)
}
