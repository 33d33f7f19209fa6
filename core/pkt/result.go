package pkt

import "finwait/core/trace"

// Result is a script's run: the model's trace, one verdict per event line, and whether every
// expectation was met.
type Result struct {
	Trace *trace.Trace
	Lines []Verdict
	OK    bool
}

// Verdict is what became of one script line.
type Verdict struct {
	Line int    // the script line (1-based)
	Text string // the line as written, blanks trimmed
	// Kind is KindInbound ("inbound": a "<" segment injected), KindOutbound ("outbound": a ">"
	// segment the model must send), KindSyscall ("syscall") or KindSysctl ("sysctl").
	Kind string
	// Met says the expectation held (an inbound segment or a sysctl is met once applied).
	Met bool
	// Expected and Got say what the line wanted and what the model did, in the script's notation;
	// for a line not met, Got starts with the first difference.
	Expected, Got string
	// Event is the index in Trace.Events of the event the line matched (the packet, the call),
	// or -1.
	Event int
}
