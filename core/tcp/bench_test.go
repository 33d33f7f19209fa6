package tcp

import (
	"runtime"
	"strconv"
	"testing"
)

// churnNet is two hosts on a 1 ms wire: B answers each 100-byte request with 100 bytes and
// closes on end of file; A closes once it has the reply, so TIME_WAIT sits on A.
func churnNet() (*Net, *Host, *Host) {
	n := NewNet(Config{Seed: 1, Delay: 1000})
	a := n.NewHost("A", 10<<24|1, Modern, 1000)
	b := n.NewHost("B", 10<<24|2, Modern, 1000)
	a.Sys.PortLow, a.Sys.PortHi = 1024, 65535
	a.Sys.MaxTWBuckets = 1 << 30
	a.App.Read, a.App.CloseOnData, a.App.AutoForget = true, true, true
	b.App.Accept, b.App.Read, b.App.Reply, b.App.CloseOnEOF, b.App.AutoForget = true, true, 100, 0, true
	_ = b.App.Listen("app", "L", 5000, 4096)
	return n, a, b
}

// churn runs lifecycles connections, one every 2 ms of virtual time: connect, a 100-byte request
// and reply, A closes, TIME_WAIT expires (the architecture doc's lifecycle).
func churn(tb testing.TB, lifecycles int) *Host {
	n, a, b := churnNet()
	startConnections(n, a, b, lifecycles)
	if err := n.Run(); err != nil {
		tb.Fatal(err)
	}
	return a
}

// startConnections schedules count connections from a to b, one every 2 ms of virtual time.
func startConnections(n *Net, a, b *Host, count int) {
	i := 0
	var next func()
	next = func() {
		_ = a.App.Connect("app", "x"+strconv.Itoa(i), b.Addr, 5000, 0, -1, 100)
		i++
		if i < count {
			n.S.After(2000, next)
		}
	}
	n.S.At(0, next)
}

func TestChurnLifecycles(t *testing.T) {
	a := churn(t, 2000)
	assert := func(name string, want int64) {
		t.Helper()
		if got := a.Counter(name); got != want {
			t.Errorf("%s = %d, want %d", name, got, want)
		}
	}
	assert("TcpActiveOpens", 2000)
	assert("TcpExtTW", 2000)
	assert("TcpOutRsts", 0)
	if a.twCount != 0 || len(a.all) != 0 || a.orphans != 0 {
		t.Errorf("left behind: %d TW, %d sockets, %d orphans", a.twCount, len(a.all), a.orphans)
	}
}

// BenchmarkChurn reports connection lifecycles per wall second with the trace off.
func BenchmarkChurn(b *testing.B) {
	b.ReportAllocs()
	churn(b, b.N)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lifecycles/s")
}

// BenchmarkTimeWaitBytes measures the memory one TIME_WAIT socket holds: 20 000 connections, one
// every 2 ms (so few full sockets live at once), are left in TIME_WAIT and the live heap is
// compared with the empty network's.
func BenchmarkTimeWaitBytes(b *testing.B) {
	const conns = 20000
	for i := 0; i < b.N; i++ {
		n, a, bh := churnNet()
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		startConnections(n, a, bh, conns)
		n.MaxTime = conns*2000 + 1_000_000 // every connection is in TIME_WAIT, none has expired
		if err := n.Run(); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if a.twCount != conns {
			b.Fatalf("%d TIME_WAIT sockets, want %d", a.twCount, conns)
		}
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/conns, "bytes/TW")
		runtime.KeepAlive(n)
	}
}
