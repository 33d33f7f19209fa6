package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Same-instant events run in the order they were scheduled; cancelled ones never run; the clock
// never goes back.
func TestOrderAndCancel(t *testing.T) {
	var s Sched
	var got []string
	add := func(at Time, name string) *Event { return s.At(at, func() { got = append(got, name) }) }
	add(20, "b1")
	add(10, "a")
	c := add(20, "cancelled")
	add(20, "b2")
	s.At(5, func() { add(20, "b3 (scheduled later)"); add(1, "clamped to now") })
	s.Cancel(c)
	s.Cancel(c) // twice is harmless
	last := Time(-1)
	for s.Step() {
		assert.GreaterOrEqual(t, s.Now(), last)
		last = s.Now()
	}
	assert.Equal(t, []string{"clamped to now", "a", "b1", "b2", "b3 (scheduled later)"}, got)
	assert.False(t, c.Pending())
}

type counter struct{ n int }

func (c *counter) Fire() { c.n++ }

func TestHandlerAndRunUntil(t *testing.T) {
	var s Sched
	c := &counter{}
	s.AtHandler(100, c)
	s.AtHandler(300, c)
	s.RunUntil(200)
	assert.Equal(t, 1, c.n)
	assert.Equal(t, Time(200), s.Now())
	at, ok := s.NextAt()
	assert.True(t, ok)
	assert.Equal(t, Time(300), at)
}
