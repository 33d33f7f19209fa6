package tcp

import "fmt"

// fail records the first invariant violation.
func (n *Net) fail(format string, args ...any) {
	if n.Err == nil {
		n.Err = fmt.Errorf("at %d µs: "+format, append([]any{n.Now()}, args...)...)
	}
}

// Invariants checks what must hold after every event (the core issue's list): virtual time never
// goes back, queues and counters never go negative, the orphan and TIME_WAIT counts agree with the
// sockets that exist, and no destroyed socket is still in a table.
func (n *Net) Invariants() error {
	if n.S.Now() < n.lastCheck {
		return fmt.Errorf("virtual time went back from %d to %d", n.lastCheck, n.S.Now())
	}
	n.lastCheck = n.S.Now()
	for _, h := range n.Hosts {
		orph := 0
		for s := range h.all {
			if s.destroyed {
				return fmt.Errorf("%s: destroyed socket c%d still listed", h.Name, s.conn)
			}
			if s.dead {
				orph++
			}
			if s.state != Listen && s.state != Close && s.state != SynSent {
				if after(s.sndUna, s.sndNxt) || after(s.sndNxt, s.writeSeq) {
					return fmt.Errorf("%s c%d: send sequence out of order (una %d nxt %d write %d)", h.Name, s.conn, s.sndUna, s.sndNxt, s.writeSeq)
				}
				if after(s.copiedSeq, s.rcvNxt) {
					return fmt.Errorf("%s c%d: copied_seq beyond rcv_nxt", h.Name, s.conn)
				}
			}
			if s.hashed && h.ehash[s.t] != s {
				return fmt.Errorf("%s c%d: hashed socket missing from the established table", h.Name, s.conn)
			}
		}
		if orph != h.orphans {
			return fmt.Errorf("%s: orphan count %d but %d orphan sockets exist", h.Name, h.orphans, orph)
		}
		if h.twCount != len(h.tw) || h.twCount < 0 {
			return fmt.Errorf("%s: TIME_WAIT count %d but %d TIME_WAIT sockets exist", h.Name, h.twCount, len(h.tw))
		}
		for t, s := range h.ehash {
			if s.destroyed || !s.hashed || s.t != t {
				return fmt.Errorf("%s: stale entry c%d in the established table", h.Name, s.conn)
			}
		}
		for name, v := range h.counters {
			if v < 0 {
				return fmt.Errorf("%s: counter %s is negative (%d)", h.Name, name, v)
			}
		}
	}
	return nil
}

// FinalCheck is run when a run ends: every orphan has been freed, or is still accounted with work
// pending (a timer) — none is leaked.
func (n *Net) FinalCheck() error {
	if n.MaxTime > 0 && n.Now() >= n.MaxTime {
		return nil // cut short: orphans may legitimately still wait
	}
	for _, h := range n.Hosts {
		for s := range h.all {
			if s.dead && !s.xmit.pending() && !s.keepTmr.pending() && !s.delack.pending() {
				return fmt.Errorf("%s c%d: orphan in %s left with no timer (leaked)", h.Name, s.conn, s.state)
			}
		}
		for _, tw := range h.tw {
			if !tw.ev.Pending() {
				return fmt.Errorf("%s c%d: TIME_WAIT socket with no timer (leaked)", h.Name, tw.conn)
			}
		}
	}
	return nil
}
