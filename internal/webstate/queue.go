package webstate

import "finwait/render/i18n"

// The postMessage queue. Commands arrive between frames, any number of them (a host page's loop
// can send 10,000 loads before the next frame); each is carried out at the next Update. Carrying
// out a load runs a scenario, so an unbounded queue froze the page for seconds. The queue keeps
// what the sender meant instead:
//   - a command of the same kind as the last one waiting replaces it (play and pause are one
//     kind): of 10,000 loads in a row only the last is carried out, as of a burst of seeks;
//   - a load also replaces every load and seek still waiting (it sets the scenario and the
//     moment anew), but not play or pause, whose order with it matters;
//   - at most MaxPending commands wait; past that the oldest is dropped.
// Whatever was replaced or dropped is counted, and Take's notes say so (the page posts them as
// "error" events), as it does for refused commands: at most MaxNotes of those a frame, the rest
// counted in one more note.

// Bounds of the queue.
const (
	MaxPending = 64
	MaxNotes   = 8
)

// Queue holds commands and refusals until the next frame. The zero value is ready.
type Queue struct {
	cmds     []Command
	replaced [3]int // by kind: load, seek, play/pause
	dropped  int
	refused  []string
	more     int
}

func kind(op string) int {
	switch op {
	case "load":
		return 0
	case "seek":
		return 1
	}
	return 2 // play, pause
}

var kindNames = [3]string{"load", "seek", "play/pause"}

// Push queues c (a command ParseCommand accepted, other than get-state).
func (q *Queue) Push(c Command) {
	k := kind(c.Op)
	if n := len(q.cmds); n > 0 && kind(q.cmds[n-1].Op) == k {
		q.cmds[n-1] = c
		q.replaced[k]++
		return
	}
	if k == 0 {
		kept := q.cmds[:0]
		for _, w := range q.cmds {
			if wk := kind(w.Op); wk != 2 {
				q.replaced[wk]++
				continue
			}
			kept = append(kept, w)
		}
		q.cmds = kept
	}
	if len(q.cmds) >= MaxPending {
		copy(q.cmds, q.cmds[1:])
		q.cmds = q.cmds[:len(q.cmds)-1]
		q.dropped++
	}
	q.cmds = append(q.cmds, c)
}

// Refuse records why a command was refused.
func (q *Queue) Refuse(msg string) {
	if len(q.refused) < MaxNotes {
		q.refused = append(q.refused, msg)
		return
	}
	q.more++
}

// Len is the number of commands waiting.
func (q *Queue) Len() int { return len(q.cmds) }

// Take empties the queue: the commands to carry out in order, and the notes to post (refusals,
// then what was replaced or dropped), in lang.
func (q *Queue) Take(lang i18n.Lang) (cmds []Command, notes []string) {
	cmds, notes = q.cmds, q.refused
	if q.more > 0 {
		notes = append(notes, i18n.Msg(lang, i18n.WebCmdMoreRefused, q.more))
	}
	for k, n := range q.replaced {
		if n > 0 {
			notes = append(notes, i18n.Msg(lang, i18n.WebCmdReplaced, kindNames[k], n))
		}
	}
	if q.dropped > 0 {
		notes = append(notes, i18n.Msg(lang, i18n.WebCmdDropped, q.dropped, MaxPending))
	}
	*q = Queue{}
	return cmds, notes
}
