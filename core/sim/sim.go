// Package sim is finwait's only scheduler: a virtual clock in microseconds and an event queue
// ordered by (time, Late, scheduling order), so events due at the same instant run in the order
// they were scheduled (spec §1.4), the Late ones (timers) after the others, and every run is
// reproducible.
package sim

// Time is virtual time in microseconds.
type Time = int64

// Event is a scheduled callback. The zero Event is not queued. Events made by At and AtHandler
// are the scheduler's; an Event that is a field of a long-lived object (a timer, a TIME_WAIT
// socket, a segment in flight) is scheduled again and again with Schedule and costs no
// allocation. Cancel either kind through the Sched that queued it.
type Event struct {
	// Late events run after the other events due at the same instant (among themselves, in
	// scheduling order). Set it while the event is not queued. The kernel's timers are Late: its
	// timer wheel fires them after their due time, so a segment arriving as one falls due is
	// handled first (core/tcp).
	Late bool
	lane int8  // 0: in the heap; k: in lanes[k-1]
	pos  int32 // 1 + position in the heap, or 1 + position in its lane from its base; 0 when not queued
	at   Time
	fn   func()
	h    Handler
}

// Handler is what an event can run instead of a closure: a long-lived object (a timer, a
// segment in flight) that needs no allocation per scheduling.
type Handler interface{ Fire() }

// At is when the event is (or was last) due.
func (e *Event) At() Time { return e.at }

// Pending reports whether the event is still queued.
func (e *Event) Pending() bool { return e != nil && e.pos > 0 }

// slot is one heap or lane entry; the ordering keys sit in it, so sifting compares without
// following pointers. key is the scheduling sequence with the Late flag in its top bit, so one
// comparison orders (Late, sequence).
type slot struct {
	at  Time
	key uint64
	e   *Event
}

const lateBit = 1 << 63

func keyOf(e *Event, seq uint64) uint64 {
	if e.Late {
		return seq | lateBit
	}
	return seq
}

// Sched is the event queue and the clock. Most events are scheduled a fixed delay ahead (a
// segment's one-way delay, TIME_WAIT's 60 s, an application step at once), and events with the
// same delay arrive in time order: those go to a FIFO lane per delay, O(1) each, and the rest to
// a 4-ary min-heap on (time, sequence). Step takes the least (time, sequence) among the heap's
// top and the lanes' heads, so the order is exactly that of one priority queue.
type Sched struct {
	now   Time
	seq   uint64
	heap  []slot
	lanes []lane
	live  int // events queued in lanes
	// Steps counts executed events.
	Steps uint64
}

// maxLanes bounds the lanes (each costs a comparison per step); delays seen after that many
// distinct ones use the heap.
const maxLanes = 6

// lane is a FIFO of events scheduled the same delay ahead, so in nondecreasing time. Cancelled
// entries stay as holes (e == nil) until the head passes them.
type lane struct {
	delay Time
	late  bool
	q     []slot
	head  int // q[head] is the first live entry when live > 0
	base  int // absolute position of q[0]
	live  int
}

// Now is the current virtual time.
func (s *Sched) Now() Time { return s.now }

// Len is the number of queued events.
func (s *Sched) Len() int { return len(s.heap) + s.live }

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
	if e.pos != 0 && e.lane != 0 {
		s.Cancel(e)
	}
	if e.pos == 0 {
		s.queue(e, t)
		return
	}
	if t < s.now {
		t = s.now
	}
	s.seq++
	i := int(e.pos) - 1
	old := s.heap[i]
	e.at = t
	s.heap[i] = slot{t, keyOf(e, s.seq), e}
	if s.less(s.heap[i], old) {
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
	if k := s.laneFor(t-s.now, e.Late); k >= 0 {
		l := &s.lanes[k]
		if n := len(l.q); n == l.head || l.q[n-1].at <= t { // stays in time order
			l.q = append(l.q, slot{t, keyOf(e, s.seq), e})
			l.live++
			s.live++
			e.lane, e.pos = int8(k+1), int32(l.base+len(l.q))
			return
		}
	}
	e.lane = 0
	s.heap = append(s.heap, slot{t, keyOf(e, s.seq), e})
	e.pos = int32(len(s.heap))
	s.up(len(s.heap) - 1)
}

// After schedules fn d microseconds from now.
func (s *Sched) After(d Time, fn func()) *Event { return s.At(s.now+d, fn) }

// laneFor finds or opens the lane for delay d; -1 when every lane is taken by other delays.
func (s *Sched) laneFor(d Time, late bool) int {
	for k := range s.lanes {
		if s.lanes[k].delay == d && s.lanes[k].late == late {
			return k
		}
	}
	if len(s.lanes) < maxLanes {
		s.lanes = append(s.lanes, lane{delay: d, late: late})
		return len(s.lanes) - 1
	}
	return -1
}

// Cancel removes a queued event; cancelling nil or an event already run does nothing.
func (s *Sched) Cancel(e *Event) {
	if e == nil || e.pos == 0 {
		return
	}
	if e.lane == 0 {
		s.remove(int(e.pos) - 1)
		return
	}
	l := &s.lanes[e.lane-1]
	l.q[int(e.pos)-1-l.base].e = nil
	e.pos, e.lane = 0, 0
	l.live--
	s.live--
	l.skipHoles()
}

// skipHoles moves the head past cancelled entries, and reclaims the consumed front.
func (l *lane) skipHoles() {
	for l.head < len(l.q) && l.q[l.head].e == nil {
		l.head++
	}
	if l.live == 0 {
		clear(l.q)
		l.q, l.head, l.base = l.q[:0], 0, 0
	} else if l.head >= 1024 && l.head*2 >= len(l.q) {
		n := copy(l.q, l.q[l.head:])
		clear(l.q[n:])
		l.q = l.q[:n]
		l.base += l.head
		if l.base > 1<<30 { // positions are int32: number them from 0 again
			l.base = 0
		}
		l.head = 0
		for i := range l.q {
			if e := l.q[i].e; e != nil {
				e.pos = int32(l.base + i + 1)
			}
		}
	}
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
	moved.e.pos = int32(i + 1)
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

// next finds the next event: in the heap (lane -1) or at the head of lane k.
func (s *Sched) next() (slot, int, bool) {
	var best slot
	from, ok := -1, false
	if len(s.heap) > 0 {
		best, ok = s.heap[0], true
	}
	if s.live > 0 {
		for k := range s.lanes {
			l := &s.lanes[k]
			if l.live > 0 && (!ok || s.less(l.q[l.head], best)) {
				best, from, ok = l.q[l.head], k, true
			}
		}
	}
	return best, from, ok
}

// NextAt is the time of the next event, and false when the queue is empty.
func (s *Sched) NextAt() (Time, bool) {
	b, _, ok := s.next()
	return b.at, ok
}

// Step runs the next event; it returns false when the queue is empty.
func (s *Sched) Step() bool { return s.StepUntil(1<<63 - 1) }

// StepUntil runs the next event if it is due at or before t; it returns false (and runs nothing)
// when the queue is empty or the next event is later. One look at the heap and the lanes serves
// both the test and the run.
func (s *Sched) StepUntil(t Time) bool {
	b, from, ok := s.next()
	if !ok || b.at > t {
		return false
	}
	e := b.e
	if from < 0 {
		s.remove(0)
	} else {
		s.Cancel(e)
	}
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
	for s.StepUntil(t) {
	}
	if t > s.now {
		s.now = t
	}
}

func (s *Sched) less(a, b slot) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return a.key < b.key
}

func (s *Sched) up(i int) {
	x := s.heap[i]
	for i > 0 {
		p := (i - 1) / 4
		if !s.less(x, s.heap[p]) {
			break
		}
		s.heap[i] = s.heap[p]
		s.heap[i].e.pos = int32(i + 1)
		i = p
	}
	s.heap[i] = x
	x.e.pos = int32(i + 1)
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
		s.heap[i].e.pos = int32(i + 1)
		i = m
	}
	s.heap[i] = x
	x.e.pos = int32(i + 1)
}
