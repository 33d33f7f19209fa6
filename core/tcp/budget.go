package tcp

// A run's work is bounded by MaxSteps. Most of it is scheduler events, one step each; the few
// loops inside an event whose length the scenario chooses (a non-blocking send in one-byte
// chunks, a bind() or connect() scanning the host's tables and port range) charge their
// iterations here too, so no event can do unbounded work uncounted. Loops bounded by a constant
// or by work that was itself counted (segments in a window, the retransmission queue) charge
// nothing.

// charge adds k units of work done inside the current event. It reports false once the run's
// budget is spent: the caller stops its loop, and the run stops as at MaxSteps (Stopped). Not
// inlined: one copy serves every loop (the page's download is counted).
//
//go:noinline
func (n *Net) charge(k int) bool {
	if k > 0 {
		n.work += uint64(k)
	}
	if n.MaxSteps > 0 && n.Spent() >= n.MaxSteps {
		n.stopped = true
		return false
	}
	return true
}

// Spent is the work a run has done: its scheduler events and the loop iterations charged
// inside them. Run stops when it reaches MaxSteps.
func (n *Net) Spent() uint64 { return n.S.Steps + n.work }
