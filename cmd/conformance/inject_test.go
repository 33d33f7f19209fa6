package main

import (
	"net/netip"
	"testing"

	"finwait/core/scenario"
)

// A crafted packet parses back to what was asked, with valid IPv4 and TCP checksums and its
// options aligned.
func TestBuildPacket(t *testing.T) {
	src := netip.MustParseAddrPort("10.0.0.2:5000")
	dst := netip.MustParseAddrPort("10.0.0.1:40000")
	p := buildPacket(src, dst, scenario.Injected{Flags: 0x02 | 0x10, Seq: 7, Ack: 9, Len: 3, Win: 502,
		HasTS: true, TSVal: 5, TSEcr: 6, MSS: 1460, WScale: 7, SackOK: true})
	s, ok := parseTCP(p)
	if !ok || s.src != src || s.dst != dst || s.flags != thSYN|thACK || s.seq != 7 || s.ack != 9 || s.win != 502 ||
		s.payload != 3 || !s.hasTS || s.tsval != 5 || s.tsecr != 6 {
		t.Fatalf("parsed back as %+v (ok %v)", s, ok)
	}
	if len(p) != 20+20+20+3 { // MSS 4 + SACK 2 + TS 10 + WS 3 = 19, one NOP: 20
		t.Errorf("length %d", len(p))
	}
	if c := csum(p[:20], 0); c != 0xffff {
		t.Errorf("IPv4 header checksum does not verify: %#x", c)
	}
	var ph [12]byte
	copy(ph[0:], []byte{10, 0, 0, 2})
	copy(ph[4:], []byte{10, 0, 0, 1})
	ph[9] = 6
	ph[11] = byte(len(p) - 20)
	if c := csum(p[20:], csum(ph[:], 0)); c != 0xffff {
		t.Errorf("TCP checksum does not verify: %#x", c)
	}
	if got := tcpFlags(0x1f); got != thFIN|thSYN|thRST|thPSH|thACK {
		t.Errorf("tcpFlags(all) = %#x", got)
	}
}

// The wire's record of what each end sent gives "next", the TS clock and the window; an
// injected segment on a named conn is numbered on it, a SYN included.
func TestInjectEnds(t *testing.T) {
	a := netip.MustParseAddrPort("10.0.0.1:40000")
	b := netip.MustParseAddrPort("10.0.0.2:5000")
	ct := newConnTable()
	ct.observeAt(tcpSeg{src: a, dst: b, flags: thSYN, seq: 1000, win: 64240, hasTS: true, tsval: 500}, 0)
	ct.observeAt(tcpSeg{src: b, dst: a, flags: thSYN | thACK, seq: 9000, ack: 1001, win: 65160, hasTS: true, tsval: 70, tsecr: 500}, 20_000)
	ct.observeAt(tcpSeg{src: a, dst: b, flags: thACK | thPSH, seq: 1001, ack: 9001, payload: 100, win: 502, hasTS: true, tsval: 540}, 40_000)
	ct.observeAt(tcpSeg{src: a, dst: b, flags: thRST, seq: 1101}, 50_000)
	e, ap, ok := ct.injectEnd(0, a.Addr(), "A", 1_040_000)
	want := scenario.InjectEnd{Name: "A", ISN: 1000, HasISN: true, Next: 1101, HasNext: true, TSVal: 540, HasTS: true,
		Win: 502, HasWin: true, TSNow: 1540, TSClockShift: 1540 - 1040}
	if !ok || ap != a || e != want {
		t.Errorf("A's end: %+v %v %v, want %+v", e, ap, ok, want)
	}
	if _, _, ok := ct.injectEnd(1, a.Addr(), "A", 0); ok {
		t.Error("conn 1 does not exist")
	}
	c, seq, ack := ct.observeInjected(tcpSeg{src: b, dst: a, flags: thSYN, seq: 8000}, "c0")
	if c != 0 || seq != 1<<32-1000 || ack != 1<<32-1000 {
		t.Errorf("injected SYN on c0: conn %d seq %d ack %d", c, seq, ack)
	}
	if c, _, _ := ct.observe(tcpSeg{src: a, dst: b, flags: thACK, seq: 1101, ack: 9001}); c != 0 {
		t.Errorf("the injected SYN started a conn: the next segment is on %d", c)
	}
}
