package main

import (
	"encoding/binary"
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"finwait/core/trace"
)

// fixtureDirs lists the recorded kernel releases under testdata/kernel.
// The tests run in cmd/conformance: the scenario files are two folders up.
func init() { scenarioFiles = filepath.Join("..", "..", "testdata", "scenarios") }

func fixtureDirs(t *testing.T) []string {
	root := filepath.Join("..", "..", "testdata", "kernel")
	ents, err := os.ReadDir(root)
	if err != nil {
		t.Skipf("no kernel recordings under %s (record them with `make conformance` as root): %v", root, err)
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, filepath.Join(root, e.Name()))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		t.Skipf("no kernel recordings under %s", root)
	}
	return out
}

// TestFixturesWellFormed checks every recording: it parses, its events are in time order, each
// conn's handshake is numbered the tcpdump way, and its counters are consistent with `final`.
func TestFixturesWellFormed(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, f := range files {
			if !isTraceFile(filepath.Base(f)) {
				continue
			}
			name := strings.TrimSuffix(filepath.Base(f), ".json")
			t.Run(filepath.Base(dir)+"/"+name, func(t *testing.T) {
				tr, err := loadTrace(f)
				if err != nil {
					t.Fatal(err)
				}
				if tr.Scenario != name || len(tr.Hosts) != 2 || tr.EndUs <= 0 {
					t.Fatalf("header: scenario %q hosts %v end %d", tr.Scenario, tr.Hosts, tr.EndUs)
				}
				for i := 1; i < len(tr.Events); i++ {
					if tr.Events[i].T < tr.Events[i-1].T {
						t.Fatalf("event %d goes back in time", i)
					}
				}
				for _, p := range tr.Packets() {
					if p.Injected { // a crafted SYN on a named conn is numbered on that conn (an old duplicate)
						continue
					}
					if p.Flags == "S" && p.Seq != 0 {
						t.Errorf("SYN of conn %d has seq %d, want 0", p.Conn, p.Seq)
					}
					if p.Flags == "S." && (p.Seq != 0 || p.Ack != 1) {
						t.Errorf("SYN-ACK of conn %d has seq %d ack %d, want 0/1", p.Conn, p.Seq, p.Ack)
					}
					if !p.Dropped && p.Arrive < p.T {
						t.Errorf("segment at %d arrives at %d", p.T, p.Arrive)
					}
				}
				cd := tr.CounterDeltas()
				for h, hf := range tr.Final {
					for k, v := range hf.Counters {
						if cd[h][k] != v {
							t.Errorf("host %s counter %s: events %d, final %d", h, k, cd[h][k], v)
						}
					}
				}
			})
		}
	}
}

// TestModelMatchesKernel is the CI gate of the conformance issue: for every recorded scenario
// marked Conformant, the model's modern-profile trace must match the kernel's on packets, states,
// counters and timing, or the difference must be accepted (with its reason) in meta.go.
func TestModelMatchesKernel(t *testing.T) {
	dirs := fixtureDirs(t)
	dir := dirs[len(dirs)-1]
	opt := DefaultCompareOptions()
	ran := 0
	for _, name := range scenarioNames() {
		m := metaFor(name)
		if !m.Conformant {
			continue
		}
		f := filepath.Join(dir, name+".json")
		t.Run(name, func(t *testing.T) {
			kt, err := loadTrace(f)
			if errors.Is(err, os.ErrNotExist) {
				t.Skipf("no recording %s (record it with `make conformance` as root)", f)
			}
			if err != nil {
				t.Fatal(err)
			}
			sc, _ := lookupScenario(name)
			mt, err := runModel(sc)
			if errors.Is(err, errNoModel) {
				t.Skipf("model not available yet: %v", err)
			}
			if err != nil {
				t.Fatalf("model: %v", err)
			}
			ran++
			c := Compare(mt, kt, opt)
			for _, a := range Aspects {
				v := c.Verdicts[a]
				if v.OK || m.Accepted[a] != "" {
					continue
				}
				for _, d := range v.Diffs {
					t.Errorf("%s: %s", a, d)
				}
			}
		})
	}
	t.Logf("%d scenarios compared against %s", ran, dir)
}

// TestConnTable checks conn numbering in SYN order and tcpdump-relative seq/ack, including a
// new incarnation of a 4-tuple (TIME_WAIT reuse) and a reply RST without an ISN on its side.
func TestConnTable(t *testing.T) {
	a := netip.MustParseAddrPort("10.0.0.1:40000")
	b := netip.MustParseAddrPort("10.0.0.2:5000")
	ct := newConnTable()
	seg := func(src, dst netip.AddrPort, flags byte, seq, ack uint32) tcpSeg {
		return tcpSeg{src: src, dst: dst, flags: flags, seq: seq, ack: ack}
	}
	check := func(s tcpSeg, wc int, ws, wa uint32) {
		t.Helper()
		c, sq, ak := ct.observe(s)
		if c != wc || sq != ws || ak != wa {
			t.Errorf("%s: conn %d seq %d ack %d, want %d %d %d", flagString(s.flags), c, sq, ak, wc, ws, wa)
		}
	}
	check(seg(a, b, thSYN, 1000, 0), 0, 0, 0)
	check(seg(a, b, thSYN, 1000, 0), 0, 0, 0) // retransmitted SYN: same conn
	check(seg(b, a, thSYN|thACK, 0xfffffff0, 1001), 0, 0, 1)
	check(seg(a, b, thACK, 1001, 0xfffffff1), 0, 1, 1) // wraps
	check(seg(a, b, thFIN|thACK, 1001, 0xfffffff1), 0, 1, 1)
	check(seg(a, b, thSYN, 500000, 0), 1, 0, 0) // new ISN on the same 4-tuple: a new conn
	check(seg(b, a, thRST|thACK, 0, 500001), 1, 0, 1)
	if c, ok := ct.lookup(b, a); !ok || c != 1 {
		t.Errorf("lookup: %d %v", c, ok)
	}
	// a segment on an unknown 4-tuple keeps its absolute numbers
	if c, sq, _ := ct.observe(seg(netip.MustParseAddrPort("10.0.0.1:1"), b, thRST, 77, 0)); c != trace.NoConn || sq != 77 {
		t.Errorf("unknown tuple: conn %d seq %d", c, sq)
	}
}

func TestParseTCP(t *testing.T) {
	p := make([]byte, 20+32+5)
	p[0] = 0x45
	binary.BigEndian.PutUint16(p[2:4], uint16(len(p)))
	p[9] = 6
	copy(p[12:16], []byte{10, 0, 0, 1})
	copy(p[16:20], []byte{10, 0, 0, 2})
	tcp := p[20:]
	binary.BigEndian.PutUint16(tcp[0:2], 40000)
	binary.BigEndian.PutUint16(tcp[2:4], 5000)
	binary.BigEndian.PutUint32(tcp[4:8], 7)
	binary.BigEndian.PutUint32(tcp[8:12], 9)
	tcp[12] = 8 << 4
	tcp[13] = thPSH | thACK
	binary.BigEndian.PutUint16(tcp[14:16], 502)
	copy(tcp[20:32], []byte{1, 1, 8, 10, 0, 0, 0, 5, 0, 0, 0, 6})
	s, ok := parseTCP(p)
	if !ok || s.payload != 5 || s.seq != 7 || s.ack != 9 || s.win != 502 || !s.hasTS || s.tsval != 5 || s.tsecr != 6 ||
		s.src.String() != "10.0.0.1:40000" || s.dst.String() != "10.0.0.2:5000" || flagString(s.flags) != "P." {
		t.Fatalf("%+v %v", s, ok)
	}
	if _, ok := parseTCP([]byte{0x60, 0, 0, 0}); ok {
		t.Fatal("IPv6 accepted")
	}
}

func TestCounterParsing(t *testing.T) {
	in := map[string]int64{}
	parseSNMP([]byte("TcpExt: SyncookiesSent TW\nTcpExt: 0 3\nTcp: RtoAlgorithm OutRsts\nTcp: 1 4\n"), in)
	if in["TcpExtTW"] != 3 || in["TcpOutRsts"] != 4 {
		t.Fatalf("%v", in)
	}
	d := counterDeltas(map[string]int64{"TcpExtTW": 1, "TcpOutRsts": 4}, in)
	if len(d) != 1 || d["TcpExtTW"] != 2 {
		t.Fatalf("%v", d)
	}
}
