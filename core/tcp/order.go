package tcp

import "finwait/core/trace"

// socketLess orders the final state's sockets on every field, so that sockets gathered from the
// host's maps come out in one order whatever order the maps gave (two entries equal on every
// field print the same).
func socketLess(a, b *trace.SocketInfo) bool {
	switch {
	case a.Conn != b.Conn:
		return a.Conn < b.Conn
	case a.Local != b.Local:
		return a.Local < b.Local
	case a.Remote != b.Remote:
		return a.Remote < b.Remote
	case a.State != b.State:
		return a.State < b.State
	case a.Substate != b.Substate:
		return a.Substate < b.Substate
	case a.Orphan != b.Orphan:
		return !a.Orphan
	case a.TW != b.TW:
		return !a.TW
	case a.SendQ != b.SendQ:
		return a.SendQ < b.SendQ
	}
	return a.RecvQ < b.RecvQ
}
