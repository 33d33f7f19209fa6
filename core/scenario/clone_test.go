package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"finwait/core/wire"
)

// Clone is a deep copy: writing through any of the copy's pointers, maps or slices (a what-if's
// rule, an inject's window, a host's close-on-EOF delay) leaves the original as it was.
func TestCloneSharesNothing(t *testing.T) {
	d, n, w := Duration(5), 3, 100
	orig := Scenario{
		Hosts: []HostSpec{{Name: "A", Sysctls: map[string]string{"tcp_fin_timeout": "3"}, App: AppPolicy{CloseOnEOF: &d}}},
		Actions: []Action{{Op: OpConnect, Host: "A", CloseAfter: &d},
			{Op: OpInject, Host: "B", Segment: &InjectSpec{Flags: "R", Win: &w, WScale: &n, TS: &InjectTS{Val: "now"}}}},
		Wire: WireSpec{Rules: []wire.Rule{{Conn: &n, Index: &n}}, Delays: map[string]Duration{"A>B": d}},
	}
	c := orig.Clone()
	*c.Hosts[0].App.CloseOnEOF = 9
	c.Hosts[0].Sysctls["tcp_fin_timeout"] = "9"
	*c.Actions[0].CloseAfter = 9
	*c.Actions[1].Segment.Win, *c.Actions[1].Segment.WScale = 9, 9
	c.Actions[1].Segment.TS.Val, c.Actions[1].Segment.Flags = "9", "S"
	*c.Wire.Rules[0].Conn, *c.Wire.Rules[0].Index = 9, 9
	c.Wire.Delays["A>B"] = 9
	assert.Equal(t, Duration(5), *orig.Hosts[0].App.CloseOnEOF)
	assert.Equal(t, "3", orig.Hosts[0].Sysctls["tcp_fin_timeout"])
	assert.Equal(t, Duration(5), *orig.Actions[0].CloseAfter)
	assert.Equal(t, 100, *orig.Actions[1].Segment.Win)
	assert.Equal(t, 3, *orig.Actions[1].Segment.WScale)
	assert.Equal(t, Ref("now"), orig.Actions[1].Segment.TS.Val)
	assert.Equal(t, "R", orig.Actions[1].Segment.Flags)
	assert.Equal(t, 3, *orig.Wire.Rules[0].Conn)
	assert.Equal(t, 3, *orig.Wire.Rules[0].Index)
	assert.Equal(t, Duration(5), orig.Wire.Delays["A>B"])
}
