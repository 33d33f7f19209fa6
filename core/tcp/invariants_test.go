package tcp

import (
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The bounded check's full scans visit at most about one socket, table entry or counter per
// event, whatever the number of sockets (here 2000 connection lifecycles), and it still scans
// often enough to find what lasts.
func TestBoundedInvariantsCost(t *testing.T) {
	n, a, b := churnNet()
	startConnections(n, a, b, 2000)
	scans, visits := 0, uint64(0)
	n.Check = func() error {
		before := n.scanned
		err := n.BoundedInvariants()
		if n.scanned != before {
			scans++
			for _, h := range n.Hosts {
				visits += uint64(len(h.all) + len(h.ehash) + len(h.counters))
			}
		}
		return err
	}
	if err := n.Run(); err != nil {
		t.Fatal(err)
	}
	if visits > n.S.Steps+64 {
		t.Errorf("%d visits in %d full scans for %d events: more than one per event", visits, scans, n.S.Steps)
	}
	if scans < int(n.S.Steps/64) {
		t.Errorf("only %d full scans in %d events", scans, n.S.Steps)
	}
}

// A violation that lasts is found by the bounded check and ends the run with an error.
func TestBoundedInvariantsFindALastingViolation(t *testing.T) {
	n, a, b := churnNet()
	startConnections(n, a, b, 200)
	n.S.At(100_000, func() { a.orphans++ }) // an orphan count no socket accounts for
	n.Check = n.BoundedInvariants
	err := n.Run()
	if err == nil || !strings.Contains(err.Error(), "A: orphan count ") || !strings.Contains(err.Error(), " orphan sockets exist") {
		t.Fatalf("run ended with %v", err)
	}
	if n.Now() < 100_000 || n.Now() > 200_000 {
		t.Errorf("found at %d µs, want soon after 100 ms", n.Now())
	}
}

// Of several violations at once the report names the lowest connection's, whatever order the
// tables are walked in.
func TestInvariantsReportOneViolation(t *testing.T) {
	n, a, b := churnNet()
	startConnections(n, a, b, 5)
	n.MaxTime = 3_000 // the first two connections are open
	if err := n.Run(); err != nil {
		t.Fatal(err)
	}
	var socks []*Sock
	for s := range a.all { // map order: corrupted alike below
		socks = append(socks, s)
	}
	if len(socks) < 2 {
		t.Fatalf("%d sockets", len(socks))
	}
	low := socks[0].conn
	for _, s := range socks {
		s.copiedSeq = s.rcvNxt + 1
		low = min(low, s.conn)
	}
	want := "A c" + strconv.Itoa(low) + ": copied_seq beyond rcv_nxt"
	for i := 0; i < 20; i++ {
		if err := n.Invariants(); err == nil || err.Error() != want {
			t.Fatalf("%v, want %s", err, want)
		}
	}
}

// Two sockets with the same connection number (unconnected ones share trace.NoConn) each
// broken another way: the report is the lower message, whichever socket the scan meets first.
func TestInvariantsReportOneViolationPerConn(t *testing.T) {
	n, a, b := churnNet()
	startConnections(n, a, b, 5)
	n.MaxTime = 4_500 // the first two connections are past the handshake
	if err := n.Run(); err != nil {
		t.Fatal(err)
	}
	var socks []*Sock
	for s := range a.all { // map order: sorted below
		if s.state != Listen && s.state != Close && s.state != SynSent { // sequence numbers checked
			socks = append(socks, s)
		}
	}
	if len(socks) < 2 {
		t.Fatalf("%d sockets", len(socks))
	}
	sort.Slice(socks, func(i, j int) bool { return socks[i].conn < socks[j].conn })
	x, y := socks[0], socks[1]
	x.conn, y.conn = 99, 99
	x.destroyed = true         // "A: destroyed socket c99 still listed", "A: stale entry c99 …"
	y.copiedSeq = y.rcvNxt + 1 // "A c99: copied_seq beyond rcv_nxt"
	want := "A c99: copied_seq beyond rcv_nxt"
	for i := 0; i < 50; i++ {
		if err := n.Invariants(); err == nil || err.Error() != want {
			t.Fatalf("scan %d: %v, want %s", i, err, want)
		}
	}
}

// BenchmarkChurnChecked is BenchmarkChurn with the bounded invariant check every run now makes.
func BenchmarkChurnChecked(b *testing.B) {
	b.ReportAllocs()
	n, a, bh := churnNet()
	n.Check = n.BoundedInvariants
	startConnections(n, a, bh, b.N)
	if err := n.Run(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lifecycles/s")
}
