package tcp

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/trace"
)

// injectNet is two modern hosts, A (client) and B (server, listening on 80), 20 ms apart, with
// one connection established at 0 (c0) and the run stopped at 100 ms.
func injectNet(t *testing.T) (*Net, *Host, *Host) {
	t.Helper()
	n := NewNet(Config{Seed: 1, Trace: true, Delay: 20000})
	a := n.NewHost("A", 10<<24|1, Modern, 1000)
	b := n.NewHost("B", 10<<24|2, Modern, 1000)
	b.App.Accept = true
	require.NoError(t, b.App.Listen("app", "l", 80, 16))
	require.NoError(t, a.App.Connect("app", "c0", b.Addr, 80, 0, -1, 0))
	n.S.RunUntil(100_000)
	return n, a, b
}

func TestInjectRSTAtNextSeqResetsEstablished(t *testing.T) {
	n, a, b := injectNet(t)
	cl, sv, ok := n.ConnView(0)
	require.True(t, ok)
	require.True(t, cl.HasNext)
	assert.Equal(t, cl.ISN+1, cl.Next, "the client sent SYN and ACK: next is ISN+1")
	assert.Equal(t, sv.ISN+1, sv.Next)
	assert.Equal(t, a, cl.Host)
	assert.Equal(t, b, sv.Host)
	// a RST from A with seq = what B expects next
	require.NoError(t, n.Inject(Segment{Src: cl.Addr, Dst: sv.Addr, Sport: cl.Port, Dport: sv.Port,
		Seq: cl.Next, Flags: FlagRST, WScale: -1}, 150_000))
	require.NoError(t, n.Run())
	var pk []trace.Event
	for _, e := range n.Trace().Packets() {
		if e.T >= 150_000 {
			pk = append(pk, e)
		}
	}
	require.Len(t, pk, 1, "B answers a RST with nothing")
	pk[0].Ack = 0 // meaningless without ACK (written as null)
	assert.Equal(t, trace.Event{T: 150_000, Kind: trace.KindPacket, Host: "A", Conn: 0, From: "A", To: "B",
		Flags: "R", Seq: 1, Arrive: 150_000, Injected: true, Returned: trace.NoTime}, pk[0])
	assert.Equal(t, int64(1), b.Counter("TcpEstabResets"))
	assert.Zero(t, a.Counter("TcpOutRsts"), "no counter of the claimed sender moves")
	assert.Equal(t, "ESTABLISHED", a.Sockets()[0].State, "A knows nothing of it")
	for _, s := range b.Sockets() {
		if s.Conn == 0 {
			assert.Equal(t, "CLOSE", s.State, "B's accepted c0 was reset")
		}
	}
}

func TestInjectErrors(t *testing.T) {
	n, a, b := injectNet(t)
	for _, c := range []struct {
		seg  Segment
		at   int64
		want string
	}{
		{Segment{Src: a.Addr, Dst: b.Addr, Flags: FlagRST}, 50_000, "inject at 50000 µs: that is before the current time 100000 µs"},
		{Segment{Src: 7, Dst: b.Addr, Flags: FlagRST}, 200_000, "inject: source 0.0.0.7 is no host's address"},
		{Segment{Src: a.Addr, Dst: 9, Dport: 80, Flags: FlagRST}, 200_000, "inject: destination 0.0.0.9:80 is no host's address"},
		{Segment{Src: a.Addr, Dst: b.Addr, Flags: 0x20}, 200_000, "inject: flags 0x20 are not a combination of FIN, SYN, RST, PSH and ACK"},
		{Segment{Src: a.Addr, Dst: b.Addr, Len: -1}, 200_000, "inject: negative length -1"},
		{Segment{Src: a.Addr, Dst: b.Addr, Conn: 3}, 200_000, "inject: conn 3 does not exist"},
	} {
		assert.EqualError(t, n.Inject(c.seg, c.at), c.want)
	}
}

// A SYN injected on a fresh 4-tuple is a new conn (c1), numbered from its own ISN; B's listener
// answers it with a SYN-ACK, and A, which has no such socket, resets it.
func TestInjectSYNStartsConn(t *testing.T) {
	n, a, b := injectNet(t)
	require.NoError(t, n.Inject(Segment{Src: a.Addr, Dst: b.Addr, Sport: 5555, Dport: 80, Seq: 1000,
		Flags: FlagSYN, Win: 64240, WScale: 7, SackOK: true, MSS: 1460, Conn: trace.NoConn}, 200_000))
	require.NoError(t, n.Run())
	var got []string
	for _, e := range n.Trace().Packets() {
		if e.T >= 200_000 {
			got = append(got, trace.Line(&e))
		}
	}
	assert.Equal(t, []string{
		"   200.000  A>B c1  S seq 0 win 64240 len 0  INJECTED",
		"   200.000  B>A c1  S. seq 0 ack 1 win 65160 len 0",
		"   220.000  A>B c1  R seq 1 win 0 len 0  (reply_rst)",
	}, got)
}
