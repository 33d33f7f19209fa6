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

type probe struct {
	id  int
	got *[]int
}

func (p *probe) Fire() { *p.got = append(*p.got, p.id) }

// A caller-owned event is rescheduled in place: moving it is the same as cancelling it and
// scheduling it anew (it goes behind events already queued for its new instant).
func TestScheduleMovesACallerOwnedEvent(t *testing.T) {
	var s Sched
	var got []int
	var ev [3]Event
	ps := [3]*probe{{0, &got}, {1, &got}, {2, &got}}
	s.Schedule(&ev[0], 50, ps[0])
	s.Schedule(&ev[1], 50, ps[1])
	s.Schedule(&ev[2], 10, ps[2])
	assert.True(t, ev[0].Pending())
	s.Schedule(&ev[0], 50, ps[0]) // same instant, scheduled later: now behind 1
	s.Schedule(&ev[2], 60, ps[2]) // moved later
	assert.Equal(t, 3, s.Len())
	s.RunUntil(55)
	assert.Equal(t, []int{1, 0}, got)
	assert.False(t, ev[0].Pending())
	s.Schedule(&ev[0], 0, ps[0]) // into the past: clamped to now
	assert.Equal(t, Time(55), ev[0].At())
	for s.Step() {
	}
	assert.Equal(t, []int{1, 0, 0, 2}, got)
	var zero Event
	assert.False(t, zero.Pending())
	s.Cancel(&zero) // harmless
}

// Against a reference model, random schedules, moves and cancels run in (time, last
// scheduling) order, with the heap's positions consistent after every operation.
func TestHeapMatchesReference(t *testing.T) {
	var s Sched
	const n = 64
	var evs [n]Event
	var got []int
	ps := make([]*probe, n)
	for i := range ps {
		ps[i] = &probe{i, &got}
	}
	type ref struct {
		at   Time
		late bool
		seq  int
	}
	want := map[int]ref{}
	seq := 0
	rng := uint64(12345)
	next := func(m int) int {
		rng ^= rng << 13
		rng ^= rng >> 7
		rng ^= rng << 17
		return int(rng % uint64(m))
	}
	for round := 0; round < 50000; round++ {
		i := next(n)
		switch op := next(10); {
		case op < 6:
			at := s.Now() + Time(next(12)) // few delays: some lanes, some heap
			late := next(3) == 0           // timers: after the other events of their instant
			if evs[i].Pending() && evs[i].Late != late {
				s.Cancel(&evs[i]) // Late is set while an event is not queued
			}
			evs[i].Late = late
			s.Schedule(&evs[i], at, ps[i])
			seq++
			want[i] = ref{at, late, seq}
		case op < 8:
			s.Cancel(&evs[i])
			delete(want, i)
		default:
			got = got[:0]
			if !s.Step() {
				assert.Empty(t, want)
				continue
			}
			best := -1
			for id, r := range want {
				b := want[best]
				if best < 0 || r.at < b.at || r.at == b.at && (!r.late && b.late || r.late == b.late && r.seq < b.seq) {
					best = id
				}
			}
			if !assert.Equal(t, []int{best}, got, "round %d", round) {
				return
			}
			delete(want, best)
		}
		assert.Equal(t, len(want), s.Len())
		for k, sl := range s.heap {
			if int(sl.e.pos) != k+1 || sl.e.lane != 0 || (k > 0 && s.less(sl, s.heap[(k-1)/4])) {
				t.Fatalf("round %d: heap broken at %d", round, k)
			}
		}
		live := 0
		for k := range s.lanes {
			l := &s.lanes[k]
			n := 0
			var prev Time = -1
			for i := l.head; i < len(l.q); i++ {
				sl := l.q[i]
				if sl.e == nil {
					continue
				}
				n++
				if int(sl.e.pos) != l.base+i+1 || int(sl.e.lane) != k+1 || sl.at < prev {
					t.Fatalf("round %d: lane %d broken at %d", round, k, i)
				}
				prev = sl.at
			}
			if n != l.live || (n > 0 && l.q[l.head].e == nil) {
				t.Fatalf("round %d: lane %d counts %d live, holds %d", round, k, l.live, n)
			}
			live += n
		}
		assert.Equal(t, live, s.live)
	}
}
