package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func seg(from, to, flags string, n int, t int64) Segment {
	return Segment{From: from, To: to, Flags: flags, Len: n, T: t}
}

func TestRulesDecide(t *testing.T) {
	three := 3
	idx := 1
	zero := 0
	rs := NewRules([]Rule{
		{From: "B", To: "A", Kind: "ack", Count: three, Action: Drop},             // "drop B's next 3 ACKs"
		{From: "A", Kind: "fin", Action: Drop, Start: 1000},                       // "drop every FIN from A" from 1 ms
		{From: "A", To: "B", Conn: &zero, Index: &idx, Action: Delay, Extra: 500}, // the second A→B segment on c0
		{From: "B", Kind: "data", Start: 0, End: 10, Action: Duplicate, Extra: 7},
	})
	var got []Fate
	for _, s := range []Segment{
		seg("A", "B", "S", 0, 0), seg("A", "B", ".", 0, 5), seg("B", "A", ".", 0, 6), seg("B", "A", ".", 0, 7),
		seg("B", "A", "F.", 0, 8), seg("B", "A", ".", 0, 9), seg("B", "A", ".", 0, 10), seg("A", "B", "F.", 0, 999),
		seg("A", "B", "F.", 0, 1000), seg("B", "A", "P.", 5, 9),
	} {
		got = append(got, rs.Decide(s))
	}
	assert.Equal(t, []Fate{{}, {Extra: 500}, {Dropped: true}, {Dropped: true}, {}, {Dropped: true}, {}, {}, {Dropped: true}, {DupAfter: 7}}, got)
}

func TestRuleValidate(t *testing.T) {
	assert.ErrorContains(t, Rule{Action: "lose"}.Validate(), "unknown action")
	assert.ErrorContains(t, Rule{Action: Drop, Kind: "urg"}.Validate(), "unknown kind")
	assert.ErrorContains(t, Rule{Action: Drop, Start: 10, End: 5}.Validate(), "not after")
	assert.ErrorContains(t, Rule{Action: Delay}.Validate(), "extra_us")
	assert.NoError(t, Rule{Action: Drop, Kind: "fin"}.Validate())
}

func TestKindOf(t *testing.T) {
	for flags, want := range map[string]string{"S": "syn", "S.": "syn", "R.": "rst", "FP.": "fin", "P.": "data", ".": "ack"} {
		n := 0
		if flags == "P." {
			n = 1
		}
		assert.Equal(t, want, KindOf(flags, n), flags)
	}
}
