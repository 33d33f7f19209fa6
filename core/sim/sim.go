// Package sim is finwait's only scheduler: a virtual clock in microseconds and an event queue
// ordered by (time, scheduling order), so events due at the same instant run in the order they
// were scheduled (spec §1.4) and every run is reproducible.
package sim

// Time is virtual time in microseconds.
type Time = int64

// Event is a scheduled callback. The zero Event is not queued. Events made by At and AtHandler
// are the scheduler's; an Event that is a field of a long-lived object (a timer, a TIME_WAIT
// socket, a segment in flight) is scheduled again and again with Schedule and costs no
// allocation. Cancel either kind through the Sched that queued it.
type Event struct {
	at  Time
	fn  func()
	h   Handler
	pos int // 1 + position in the heap; 0 when not queued
}

// Handler is what an event can run instead of a closure: a long-lived object (a timer, a
// segment in flight) that needs no allocation per scheduling.
type Handler interface{ Fire() }

// At is when the event is (or was last) due.
func (e *Event) At() Time { return e.at }

// Pending reports whether the event is still queued.
func (e *Event) Pending() bool { return e != nil && e.pos > 0 }

// slot is one heap entry; the ordering keys sit in the heap itself, so sifting compares
// without following pointers.
type slot struct {
	at  Time
	seq uint64
	e   *Event
}

// Sched is the event queue and the clock: a 4-ary min-heap on (time, sequence).
type Sched struct {
	now  Time
	seq  uint64
	heap []slot
	// Steps counts executed events.
	Steps uint64
}

// Now is the current virtual time.
func (s *Sched) Now() Time { return s.now }

// Len is the number of queued events.
func (s *Sched) Len() int { return len(s.heap) }

// At schedules fn at time t (clamped to now: the clock never goes back).
func (s *Sched) At(t Time, fn func()) *Event {
	e := &Event{fn: fn}
	s.queue(e, t)
	return e
}

// AtHandler schedules h.Fire() at time t.
func (s *Sched) AtHandler(t Time, h Handler) *Event {
	e := &Event{h: h}
	s.queue(e, t)
	return e
}

// Schedule queues the caller's event e to run h.Fire() at t. If e is queued already it moves:
// exactly as Cancel then schedule, it takes its place among same-instant events as scheduled
// now.
func (s *Sched) Schedule(e *Event, t Time, h Handler) {
	e.h, e.fn = h, nil
	if e.pos == 0 {
		s.queue(e, t)
		return
	}
	if t < s.now {
		t = s.now
	}
	s.seq++
	i := e.pos - 1
	old := s.heap[i]
	e.at = t
	s.heap[i] = slot{t, s.seq, e}
	if t < old.at { // the new key is larger unless the time moved earlier (seq always grows)
		s.up(i)
	} else {
		s.down(i)
	}
}

func (s *Sched) queue(e *Event, t Time) {
	if t < s.now {
		t = s.now
	}
	s.seq++
	e.at = t
	s.heap = append(s.heap, slot{t, s.seq, e})
	e.pos = len(s.heap)
	s.up(len(s.heap) - 1)
}

// After schedules fn d microseconds from now.
func (s *Sched) After(d Time, fn func()) *Event { return s.At(s.now+d, fn) }

// Cancel removes a queued event; cancelling nil or an event already run does nothing.
func (s *Sched) Cancel(e *Event) {
	if e == nil || e.pos == 0 {
		return
	}
	s.remove(e.pos - 1)
}

func (s *Sched) remove(i int) {
	e := s.heap[i].e
	last := len(s.heap) - 1
	moved := s.heap[last]
	s.heap[last] = slot{}
	s.heap = s.heap[:last]
	e.pos = 0
	if i == last {
		return
	}
	s.heap[i] = moved
	moved.e.pos = i + 1
	if s.less(moved, s.parentOf(i)) {
		s.up(i)
	} else {
		s.down(i)
	}
}

func (s *Sched) parentOf(i int) slot {
	if i == 0 {
		return slot{at: -1 << 62}
	}
	return s.heap[(i-1)/4]
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
	e := s.heap[0].e
	s.remove(0)
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

func (s *Sched) less(a, b slot) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

func (s *Sched) up(i int) {
	x := s.heap[i]
	for i > 0 {
		p := (i - 1) / 4
		if !s.less(x, s.heap[p]) {
			break
		}
		s.heap[i] = s.heap[p]
		s.heap[i].e.pos = i + 1
		i = p
	}
	s.heap[i] = x
	x.e.pos = i + 1
}

func (s *Sched) down(i int) {
	x := s.heap[i]
	n := len(s.heap)
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		for k := c + 1; k < c+4 && k < n; k++ {
			if s.less(s.heap[k], s.heap[m]) {
				m = k
			}
		}
		if !s.less(s.heap[m], x) {
			break
		}
		s.heap[i] = s.heap[m]
		s.heap[i].e.pos = i + 1
		i = m
	}
	s.heap[i] = x
	x.e.pos = i + 1
}
