package main

import "finwait/core/scenario"

// extraCheckpoints add `ss -tanoi`/sockstat checkpoints to scenario files for the tool views'
// comparison (toolview.go): moments where a socket holds a timer, a queued FIN or an unread one.
// Kept apart from meta.go's table; init merges them into it.
var extraCheckpoints = map[string][]scenario.Duration{
	"last_ack_lost":       {ms(350)},  // B in LAST_ACK, its FIN unacked (loss probe armed); A in TIME_WAIT
	"keepalive_dead_peer": {ms(2600)}, // A ESTABLISHED with a keepalive probe out
	"fin_ack_lost":        {ms(1000)}, // A's FIN_WAIT2 TIME_WAIT socket; B in CLOSE_WAIT, the FIN unread
	"data_to_orphan_rst":  {ms(300)},  // A's FIN_WAIT2 TIME_WAIT socket before B's data
}

func init() {
	for name, cps := range extraCheckpoints { // map order: each scenario's entry set alone
		m, ok := metas[name]
		if !ok {
			m = scenarioMeta{Conformant: true} // metaFor's notes for a scenario file (not called here: it would read the files before main or a test says where they are)
		}
		m.Checkpoints = cps
		metas[name] = m
	}
}
