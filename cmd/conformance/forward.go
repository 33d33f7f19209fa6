package main

import (
	"container/heap"
	"encoding/binary"
	"fmt"
	"net/netip"
	"os"
	"runtime"
	"sync"
	"syscall"
	"time"

	"finwait/core/trace"
	"finwait/core/wire"
)

// clock gives microseconds since the scenario's t = 0.
type clock struct{ t0 time.Time }

func (c clock) now() int64             { return time.Since(c.t0).Microseconds() }
func (c clock) at(us int64) time.Time  { return c.t0.Add(time.Duration(us) * time.Microsecond) }
func (c clock) until(us int64) float64 { return time.Until(c.at(us)).Seconds() }

// preciseMargin is the last part of each wait, slept with nanosleep(2) on the calling thread
// instead of a Go timer: Go's timers wake up to ~1 ms late (the netpoller waits in whole
// milliseconds), and the wire's delays and the actions' times should be exact to ~0.1 ms.
// Nothing spins: the machine's 2 CPUs are shared, and a spinning goroutine keeps the Go
// scheduler from polling the network for up to 10 ms.
const preciseMargin = 1500 * time.Microsecond

// sleepUntil waits for t: a Go timer for most of it, then nanosleep for the rest.
func sleepUntil(t time.Time) {
	if d := time.Until(t); d > preciseMargin {
		time.Sleep(d - preciseMargin)
	}
	if d := time.Until(t); d > 0 {
		ts := syscall.NsecToTimespec(d.Nanoseconds())
		for syscall.Nanosleep(&ts, &ts) == syscall.EINTR {
		}
	}
}

// tcpSeg is what the forwarder parses out of one IPv4/TCP packet.
type tcpSeg struct {
	src, dst     netip.AddrPort
	flags        byte
	seq, ack     uint32
	win          uint16
	payload      int
	tsval, tsecr uint32
	hasTS        bool
}

const (
	thFIN = 0x01
	thSYN = 0x02
	thRST = 0x04
	thPSH = 0x08
	thACK = 0x10
	thURG = 0x20
	thECE = 0x40
	thCWR = 0x80
)

// parseTCP reads an IPv4 packet; ok is false for anything that is not IPv4/TCP.
func parseTCP(p []byte) (s tcpSeg, ok bool) {
	if len(p) < 20 || p[0]>>4 != 4 || p[9] != 6 {
		return s, false
	}
	ihl := int(p[0]&0x0f) * 4
	tot := int(binary.BigEndian.Uint16(p[2:4]))
	if tot > len(p) || ihl < 20 || tot < ihl+20 {
		return s, false
	}
	t := p[ihl:tot]
	doff := int(t[12]>>4) * 4
	if doff < 20 || doff > len(t) {
		return s, false
	}
	src := netip.AddrFrom4([4]byte(p[12:16]))
	dst := netip.AddrFrom4([4]byte(p[16:20]))
	s.src = netip.AddrPortFrom(src, binary.BigEndian.Uint16(t[0:2]))
	s.dst = netip.AddrPortFrom(dst, binary.BigEndian.Uint16(t[2:4]))
	s.seq = binary.BigEndian.Uint32(t[4:8])
	s.ack = binary.BigEndian.Uint32(t[8:12])
	s.flags = t[13]
	s.win = binary.BigEndian.Uint16(t[14:16])
	s.payload = len(t) - doff
	// options: look for timestamps (kind 8, len 10)
	opts := t[20:doff]
	for i := 0; i < len(opts); {
		switch opts[i] {
		case 0:
			i = len(opts)
			continue
		case 1:
			i++
			continue
		}
		if i+1 >= len(opts) || opts[i+1] < 2 || i+int(opts[i+1]) > len(opts) {
			break
		}
		if opts[i] == 8 && opts[i+1] == 10 {
			s.tsval = binary.BigEndian.Uint32(opts[i+2 : i+6])
			s.tsecr = binary.BigEndian.Uint32(opts[i+6 : i+10])
			s.hasTS = true
		}
		i += int(opts[i+1])
	}
	return s, true
}

// flagString writes TCP flags the way tcpdump does: F S R P then . for ACK (U, E, W rare).
func flagString(f byte) string {
	var b []byte
	for _, x := range []struct {
		bit byte
		c   byte
	}{{thFIN, 'F'}, {thSYN, 'S'}, {thRST, 'R'}, {thPSH, 'P'}, {thURG, 'U'}, {thECE, 'E'}, {thCWR, 'W'}, {thACK, '.'}} {
		if f&x.bit != 0 {
			b = append(b, x.c)
		}
	}
	if len(b) == 0 {
		return "none"
	}
	return string(b)
}

// connInfo is one connection as the wire saw it, numbered in SYN order (spec §0).
type connInfo struct {
	idx       int
	client    netip.AddrPort // the SYN's sender
	server    netip.AddrPort
	isn       map[netip.Addr]uint32
	synSeen   time.Time
	synAckISN bool
	sent      map[netip.Addr]*sideSeen // what each end has sent, for injected segments (inject.go)
}

type tupleKey struct{ a, b netip.AddrPort }

func keyOf(x, y netip.AddrPort) tupleKey {
	if x.Compare(y) > 0 {
		x, y = y, x
	}
	return tupleKey{x, y}
}

// connTable numbers connections by their first SYN and remembers each side's ISN, so that the
// forwarder can write tcpdump-relative seq/ack and the executor can name accepted sockets.
type connTable struct {
	mu      sync.Mutex
	conns   []*connInfo
	byTuple map[tupleKey]int
}

func newConnTable() *connTable { return &connTable{byTuple: map[tupleKey]int{}} }

// observe classifies a segment: its conn (or trace.NoConn) and relative seq/ack.
func (ct *connTable) observe(s tcpSeg) (conn int, seq, ack uint32) {
	return ct.observeAt(s, -1)
}

// observeAt is observe for a segment a host sent at t µs, or for an injected one (t < 0: it
// leaves what each end has sent alone).
func (ct *connTable) observeAt(s tcpSeg, t int64) (conn int, seq, ack uint32) {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	k := keyOf(s.src, s.dst)
	idx, ok := ct.byTuple[k]
	syn := s.flags&thSYN != 0
	if syn && s.flags&thACK == 0 {
		// a new conn unless this is a retransmission of the same SYN (same ISN)
		if !ok || ct.conns[idx].client != s.src || ct.conns[idx].isn[s.src.Addr()] != s.seq {
			idx = len(ct.conns)
			ct.conns = append(ct.conns, &connInfo{idx: idx, client: s.src, server: s.dst,
				isn: map[netip.Addr]uint32{s.src.Addr(): s.seq}})
			ct.byTuple[k] = idx
			ok = true
		}
	}
	if !ok {
		return trace.NoConn, s.seq, s.ack
	}
	c := ct.conns[idx]
	if syn && s.flags&thACK != 0 {
		if _, has := c.isn[s.src.Addr()]; !has {
			c.isn[s.src.Addr()] = s.seq
		}
	}
	if t >= 0 {
		c.noteSent(s, t)
	}
	seq, ack = s.seq, s.ack
	if isn, has := c.isn[s.src.Addr()]; has {
		seq = s.seq - isn
	}
	if isn, has := c.isn[s.dst.Addr()]; has {
		ack = s.ack - isn
	}
	return idx, seq, ack
}

// lookup returns the conn index of the newest connection on a 4-tuple.
func (ct *connTable) lookup(local, remote netip.AddrPort) (int, bool) {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	idx, ok := ct.byTuple[keyOf(local, remote)]
	return idx, ok
}

// delivery is one copy of a packet waiting to leave the wire.
type delivery struct {
	due  time.Time
	pkt  []byte
	out  int // destination TUN descriptor
	ev   int // index of the packet event to stamp with the arrival time; -1 for a duplicate
	hseq int
}

type deliveryHeap []*delivery

func (h deliveryHeap) Len() int { return len(h) }
func (h deliveryHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].hseq < h[j].hseq
}
func (h deliveryHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *deliveryHeap) Push(x any)   { *h = append(*h, x.(*delivery)) }
func (h *deliveryHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// endpoint is one side of the wire: a host's TUN device.
type endpoint struct {
	host string
	addr netip.Addr
	tun  *os.File
	fd   int // tun's descriptor in blocking mode, read and written with plain syscalls
}

// forwarder is the user-space wire: it reads each IPv4 packet a host's kernel sends into its TUN
// device, decides its fate with the scenario's wire rules, and writes it into the other host's
// TUN device after the one-way delay. It records every segment as a packet event.
type forwarder struct {
	clk    clock
	eps    []*endpoint
	delays map[string]time.Duration // "A>B"
	rules  *wire.Rules
	conns  *connTable

	mu     sync.Mutex
	events []trace.Event
	heap   deliveryHeap
	hseq   int
	wake   chan struct{}
	stopc  chan struct{}
	wg     sync.WaitGroup
	other  int // packets that were not IPv4/TCP (dropped, counted)
	// maxLate is the latest (µs) a packet left the wire after its due time (machine load)
	maxLate int64
	errors  []string
}

func newForwarder(clk clock, eps []*endpoint, delays map[string]time.Duration, rules []wire.Rule, ct *connTable) *forwarder {
	return &forwarder{clk: clk, eps: eps, delays: delays, rules: wire.NewRules(rules), conns: ct,
		wake: make(chan struct{}, 1), stopc: make(chan struct{})}
}

func (f *forwarder) hostOf(a netip.Addr) *endpoint {
	for _, e := range f.eps {
		if e.addr == a {
			return e
		}
	}
	return nil
}

func (f *forwarder) start() {
	for _, ep := range f.eps {
		f.wg.Add(1)
		go f.reader(ep)
	}
	f.wg.Add(1)
	go f.sender()
}

func (f *forwarder) stop() {
	close(f.stopc)
	f.wg.Wait()
}

func (f *forwarder) reader(ep *endpoint) {
	defer f.wg.Done()
	// A thread of its own, woken by the kernel the moment a packet is queued (select(2)), so the
	// recorded send time is the kernel's to within a few µs, whatever the Go scheduler is doing.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	buf := make([]byte, 65536)
	for {
		select {
		case <-f.stopc:
			return
		default:
		}
		var rs syscall.FdSet
		rs.Bits[ep.fd/64] |= 1 << (uint(ep.fd) % 64)
		tv := syscall.Timeval{Usec: 50000}
		nr, err := syscall.Select(ep.fd+1, &rs, nil, nil, &tv)
		if err == syscall.EINTR || nr == 0 {
			continue
		}
		if err != nil {
			f.mu.Lock()
			f.errors = append(f.errors, fmt.Sprintf("select %s: %v", ep.host, err))
			f.mu.Unlock()
			return
		}
		n, err := syscall.Read(ep.fd, buf)
		if err == syscall.EAGAIN || err == syscall.EINTR {
			continue
		}
		if err != nil {
			f.mu.Lock()
			f.errors = append(f.errors, fmt.Sprintf("read %s: %v", ep.host, err))
			f.mu.Unlock()
			return
		}
		now := time.Now()
		t := now.Sub(f.clk.t0).Microseconds()
		pkt := append([]byte(nil), buf[:n]...)
		s, ok := parseTCP(pkt)
		if !ok {
			f.mu.Lock()
			f.other++
			f.mu.Unlock()
			continue
		}
		to := f.hostOf(s.dst.Addr())
		if to == nil {
			f.mu.Lock()
			f.other++
			f.mu.Unlock()
			continue
		}
		conn, seq, ack := f.conns.observeAt(s, t)
		flags := flagString(s.flags)
		ev := trace.Event{T: t, Kind: trace.KindPacket, Host: ep.host, Conn: conn, From: ep.host, To: to.host,
			Flags: flags, Seq: seq, Ack: ack, HasAck: s.flags&thACK != 0, Len: s.payload, Win: int(s.win),
			Arrive: trace.NoTime}
		if !ev.HasAck {
			ev.Ack = 0
		}
		f.mu.Lock()
		fate := f.rules.Decide(wire.Segment{From: ep.host, To: to.host, Conn: conn, Flags: flags, Len: s.payload, T: t})
		ev.Dropped = fate.Dropped
		idx := len(f.events)
		f.events = append(f.events, ev)
		if !fate.Dropped {
			d := f.delays[ep.host+">"+to.host] + time.Duration(fate.Extra)*time.Microsecond
			f.push(&delivery{due: now.Add(d), pkt: pkt, out: to.fd, ev: idx})
			if fate.DupAfter > 0 {
				f.events[idx].Note = "duplicated"
				f.push(&delivery{due: now.Add(d + time.Duration(fate.DupAfter)*time.Microsecond), pkt: pkt, out: to.fd, ev: -1})
			}
		}
		f.mu.Unlock()
		select {
		case f.wake <- struct{}{}:
		default:
		}
	}
}

func (f *forwarder) push(d *delivery) {
	f.hseq++
	d.hseq = f.hseq
	heap.Push(&f.heap, d)
}

func (f *forwarder) sender() {
	defer f.wg.Done()
	timer := time.NewTimer(time.Hour)
	for {
		f.mu.Lock()
		var wait time.Duration = time.Hour
		for f.heap.Len() > 0 {
			d := f.heap[0]
			wait = time.Until(d.due)
			if wait > 0 {
				break
			}
			heap.Pop(&f.heap)
			if late := time.Since(d.due).Microseconds(); late > f.maxLate {
				f.maxLate = late
			}
			if _, err := syscall.Write(d.out, d.pkt); err != nil {
				f.errors = append(f.errors, fmt.Sprintf("write: %v", err))
			}
			if d.ev >= 0 {
				f.events[d.ev].Arrive = f.clk.now()
			}
		}
		f.mu.Unlock()
		if wait > 0 && wait <= preciseMargin {
			// due very soon: a precise sleep (a Go timer would wake too late)
			f.mu.Lock()
			due := f.heap[0].due
			f.mu.Unlock()
			sleepUntil(due)
			continue
		}
		if wait > 0 {
			timer.Reset(wait - preciseMargin)
		}
		select {
		case <-f.stopc:
			return
		case <-f.wake:
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
		case <-timer.C:
		}
	}
}

// packets returns a copy of the recorded packet events.
func (f *forwarder) packets() []trace.Event {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]trace.Event(nil), f.events...)
}
