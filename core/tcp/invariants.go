package tcp

import (
	"errors"
	"fmt"
)

// fail records the first invariant violation.
func (n *Net) fail(format string, args ...any) {
	if n.Err == nil {
		n.Err = fmt.Errorf("at %d µs: "+format, append([]any{n.Now()}, args...)...)
	}
}

// Invariants checks what must hold after every event (the core issue's list): virtual time never
// goes back, queues and counters never go negative, the orphan and TIME_WAIT counts agree with the
// sockets that exist, and no destroyed socket is still in a table. Of several violations at once
// it reports the same one on every run (the lowest connection's, then the first counter by name).
func (n *Net) Invariants() error {
	if n.S.Now() < n.lastCheck {
		return fmt.Errorf("virtual time went back from %d to %d", n.lastCheck, n.S.Now())
	}
	n.lastCheck = n.S.Now()
	n.scanned = n.S.Steps
	n.nextScan = n.S.Steps
	for _, h := range n.Hosts {
		n.nextScan += uint64(len(h.all) + len(h.ehash) + len(h.counters))
		if err := h.invariants(); err != nil {
			return err
		}
	}
	return nil
}

// BoundedInvariants is Invariants at a cost bounded by the run's own work, for every run (the
// page, the desktop): the full scan, which visits every socket, table entry and counter, runs
// again only once as many events as it visited have passed (so it costs about one visit per
// event); virtual time is checked after every event. A violation that
// lasts is found; one that a later event repairs may not be. Tests and fuzzing check after every
// event (Invariants).
func (n *Net) BoundedInvariants() error {
	if n.S.Steps < n.nextScan && n.S.Now() >= n.lastCheck {
		n.lastCheck = n.S.Now()
		return nil
	}
	return n.Invariants()
}

// violation keeps, of the violations one scan finds, the one with the lowest key (connection,
// counter name, then the message: several sockets may share a connection number, unconnected
// ones trace.NoConn), so that the report does not depend on the order in which maps are walked.
type violation struct {
	conn int
	name string
	msg  string
}

func (v *violation) note(conn int, name, format string, args ...any) {
	if v.msg != "" && (conn > v.conn || conn == v.conn && name > v.name) {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if v.msg != "" && conn == v.conn && name == v.name && msg >= v.msg {
		return
	}
	v.conn, v.name, v.msg = conn, name, msg
}

func (v *violation) err() error {
	if v.msg == "" {
		return nil
	}
	return errors.New(v.msg)
}

func (h *Host) invariants() error {
	var v violation
	orph := 0
	for s := range h.all { // map order: every socket is visited; the lowest connection's violation is reported
		if s.destroyed {
			v.note(s.conn, "", "%s: destroyed socket c%d still listed", h.Name, s.conn)
		}
		if s.dead {
			orph++
		}
		if s.state != Listen && s.state != Close && s.state != SynSent {
			if after(s.sndUna, s.sndNxt) || after(s.sndNxt, s.writeSeq) {
				v.note(s.conn, "", "%s c%d: send sequence out of order (una %d nxt %d write %d)", h.Name, s.conn, s.sndUna, s.sndNxt, s.writeSeq)
			}
			if after(s.copiedSeq, s.rcvNxt) {
				v.note(s.conn, "", "%s c%d: copied_seq beyond rcv_nxt", h.Name, s.conn)
			}
		}
		if s.hashed && h.ehash[s.t] != s {
			v.note(s.conn, "", "%s c%d: hashed socket missing from the established table", h.Name, s.conn)
		}
	}
	for t, s := range h.ehash { // map order: every entry is visited; the lowest connection's violation is reported
		if s.destroyed || !s.hashed || s.t != t {
			v.note(s.conn, "", "%s: stale entry c%d in the established table", h.Name, s.conn)
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	if orph != h.orphans {
		return fmt.Errorf("%s: orphan count %d but %d orphan sockets exist", h.Name, h.orphans, orph)
	}
	if h.twCount != len(h.tw) || h.twCount < 0 {
		return fmt.Errorf("%s: TIME_WAIT count %d but %d TIME_WAIT sockets exist", h.Name, h.twCount, len(h.tw))
	}
	for name, c := range h.counters { // map order: every counter is visited; the first by name is reported
		if c < 0 {
			v.note(0, name, "%s: counter %s is negative (%d)", h.Name, name, c)
		}
	}
	return v.err()
}

// FinalCheck is run when a run ends: every orphan has been freed, or is still accounted with work
// pending (a timer) — none is leaked.
func (n *Net) FinalCheck() error {
	if n.MaxTime > 0 && n.Now() >= n.MaxTime {
		return nil // cut short: orphans may legitimately still wait
	}
	for _, h := range n.Hosts {
		var v violation
		for s := range h.all { // map order: every socket is visited; the lowest connection's violation is reported
			if s.dead && !s.xmit.pending() && !s.keepTmr.pending() && !s.delack.pending() {
				v.note(s.conn, "", "%s c%d: orphan in %s left with no timer (leaked)", h.Name, s.conn, s.state)
			}
		}
		for _, tw := range h.tw { // map order: every TIME_WAIT socket is visited; the lowest connection's violation is reported
			if !tw.ev.Pending() {
				v.note(tw.conn, "", "%s c%d: TIME_WAIT socket with no timer (leaked)", h.Name, tw.conn)
			}
		}
		if err := v.err(); err != nil {
			return err
		}
	}
	return nil
}
