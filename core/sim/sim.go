// Package sim is finwait's only scheduler: a virtual clock in microseconds and an event queue
// ordered by (time, scheduling order), so events due at the same instant run in the order they
// were scheduled (spec §1.4) and every run is reproducible.
package sim

// Time is virtual time in microseconds.
type Time = int64

// Event is a scheduled callback. Cancel it through the Sched that made it.
type Event struct {
	at    Time
	seq   uint64
	fn    func()
	h     Handler
	index int // position in the heap, -1 when not queued
}

// Handler is what an event can run instead of a closure: a long-lived object (a timer, a
// segment in flight) that needs no allocation per scheduling.
type Handler interface{ Fire() }

// At is when the event is due.
func (e *Event) At() Time { return e.at }

// Pending reports whether the event is still queued.
func (e *Event) Pending() bool { return e != nil && e.index >= 0 }

// Sched is the event queue and the clock.
type Sched struct {
	now  Time
	seq  uint64
	heap []*Event
	// Steps counts executed events.
	Steps uint64
}

// Now is the current virtual time.
func (s *Sched) Now() Time { return s.now }

// Len is the number of queued events.
func (s *Sched) Len() int { return len(s.heap) }

// At schedules fn at time t (clamped to now: the clock never goes back).
func (s *Sched) At(t Time, fn func()) *Event { return s.push(&Event{at: t, fn: fn}) }

// AtHandler schedules h.Fire() at time t.
func (s *Sched) AtHandler(t Time, h Handler) *Event { return s.push(&Event{at: t, h: h}) }

func (s *Sched) push(e *Event) *Event {
	if e.at < s.now {
		e.at = s.now
	}
	s.seq++
	e.seq, e.index = s.seq, len(s.heap)
	s.heap = append(s.heap, e)
	s.up(e.index)
	return e
}

// After schedules fn d microseconds from now.
func (s *Sched) After(d Time, fn func()) *Event { return s.At(s.now+d, fn) }

// Cancel removes a queued event; cancelling nil or an event already run does nothing.
func (s *Sched) Cancel(e *Event) {
	if e == nil || e.index < 0 {
		return
	}
	i := e.index
	last := len(s.heap) - 1
	if i != last {
		s.swap(i, last)
	}
	s.heap[last] = nil
	s.heap = s.heap[:last]
	e.index = -1
	if i != last {
		s.down(i)
		s.up(i)
	}
}

// NextAt is the time of the next event, and false when the queue is empty.
func (s *Sched) NextAt() (Time, bool) {
	if len(s.heap) == 0 {
		return 0, false
	}
	return s.heap[0].at, true
}

// Step runs the next event; it returns false when the queue is empty.
func (s *Sched) Step() bool {
	if len(s.heap) == 0 {
		return false
	}
	e := s.heap[0]
	s.Cancel(e)
	s.now = e.at
	s.Steps++
	if e.fn != nil {
		e.fn()
	} else {
		e.h.Fire()
	}
	return true
}

// RunUntil runs events due at or before t, then sets the clock to t.
func (s *Sched) RunUntil(t Time) {
	for {
		at, ok := s.NextAt()
		if !ok || at > t {
			break
		}
		s.Step()
	}
	if t > s.now {
		s.now = t
	}
}

func (s *Sched) less(i, j int) bool {
	a, b := s.heap[i], s.heap[j]
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

func (s *Sched) swap(i, j int) {
	s.heap[i], s.heap[j] = s.heap[j], s.heap[i]
	s.heap[i].index = i
	s.heap[j].index = j
}

func (s *Sched) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !s.less(i, p) {
			break
		}
		s.swap(i, p)
		i = p
	}
}

func (s *Sched) down(i int) {
	n := len(s.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && s.less(r, l) {
			m = r
		}
		if !s.less(m, i) {
			return
		}
		s.swap(i, m)
		i = m
	}
}
