package tcp

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testHost(p Profile, hz int) (*Net, *Host) {
	n := NewNet(Config{Seed: 1, Delay: 20000})
	return n, n.NewHost("A", 10<<24|1, p, hz)
}

// tcp_fin_time (§7.1): linger2 replaces tcp_fin_timeout when > 0, and 3.5·rto is a floor.
func TestFinTime(t *testing.T) {
	for _, c := range []struct {
		name        string
		finTimeout  int
		linger2     int
		rto, wantUs int64
	}{
		{"sysctl", 60, 0, 201_000, 60_000_000},
		{"linger2 replaces the sysctl", 60, 10, 201_000, 10_000_000},
		{"3.5 rto floor, rto 201 ms", 0, 0, 201_000, 704_000},
		{"3.5 rto floor, rto 3 s", 3, 0, 3_000_000, 10_500_000},
		{"negative linger2 uses the sysctl here", 3, -1, 240_000, 3_000_000},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, h := testHost(Modern, 1000)
			h.Sys.FinTimeout = c.finTimeout
			s := h.newSock()
			s.linger2, s.rto = c.linger2, c.rto
			assert.Equal(t, c.wantUs, s.finTime())
		})
	}
}

// T(b) of §9.4: T(2) = 1.4 s, T(8) = 102.2 s, T(15) = 924.6 s.
func TestRetryBudget(t *testing.T) {
	for b, want := range map[int]int64{0: 200_000, 2: 1_400_000, 3: 3_000_000, 8: 102_200_000, 9: 204_600_000, 15: 924_600_000} {
		assert.Equal(t, want, tBudget(b, rtoMin), "T(%d)", b)
	}
}

// The RTT estimator (§9.1): a first 40 ms sample gives rto 240 ms; 2 ms gives 202 ms (204 at HZ 250).
func TestRTOFromSamples(t *testing.T) {
	for _, c := range []struct {
		hz      int
		samples []int64
		want    int64
	}{
		{1000, []int64{40_000}, 240_000},
		{1000, []int64{2_000}, 202_000},
		{250, []int64{2_000}, 204_000},
		{250, []int64{40_000, 40_000, 80_000}, 248_000}, // §17.5: the delayed ACK's 80 ms sample
		{1000, []int64{200_000}, 600_000},
	} {
		_, h := testHost(Modern, c.hz)
		s := h.newSock()
		for _, m := range c.samples {
			s.sndUna++
			s.rttSample(m)
		}
		assert.Equal(t, c.want, s.rto, "samples %v at HZ %d", c.samples, c.hz)
	}
}

// TCP_LINGER2 storage (§7.2) through the application's setsockopt.
func TestLinger2Storage(t *testing.T) {
	for _, c := range []struct {
		p          Profile
		v, want    int
		finTimeout int
	}{
		{Modern, -5, -1, 60}, {Modern, 0, 0, 60}, {Modern, 30, 30, 60}, {Modern, 90, 90, 60}, {Modern, 200, 120, 60},
		{P26, -5, -1, 60}, {P26, 30, 30, 60}, {P26, 90, 0, 60}, {P26, 200, 0, 60}, {P26, 10, 0, 3},
	} {
		_, h := testHost(c.p, 1000)
		h.Sys.FinTimeout = c.finTimeout
		require.NoError(t, h.App.Setsockopt("app", "s", "TCP_LINGER2", c.v, 0))
		assert.Equal(t, c.want, h.App.handles["s"].s.linger2, "%s TCP_LINGER2 %d", c.p, c.v)
	}
}

// Timer expiry on the jiffy grid (§0): a zero delay fires at the next tick, strictly after now.
func TestTimerExpiryOnJiffies(t *testing.T) {
	n, h := testHost(Modern, 250)
	n.S.RunUntil(220_000)
	assert.Equal(t, int64(224_000), h.expiry(0))
	assert.Equal(t, int64(260_000), h.expiry(40_000))
	assert.Equal(t, int64(460_000), h.expiry(240_000))
	n.S.RunUntil(221_000)
	assert.Equal(t, int64(224_000), h.expiry(0))
	assert.Equal(t, int64(204_000), h.roundJ(202_000))
}

// Ephemeral ports (§12.1): modern even ports first with the perturbation table, 2.6 sequential
// from the hint; a one-port range works in modern.
func TestEphemeralPorts(t *testing.T) {
	for _, c := range []struct {
		p      Profile
		lo, hi int
		want   []uint16
	}{
		{Modern, 40000, 40003, []uint16{40000, 40002, 40001, 40003}},
		{P26, 40000, 40003, []uint16{40001, 40002, 40003, 40000}},
		{Modern, 40000, 40000, []uint16{40000}},
		{Modern, 40000, 40002, []uint16{40000, 40001}}, // an odd-sized range loses its top port
	} {
		_, h := testHost(c.p, 1000)
		h.Sys.PortLow, h.Sys.PortHi = c.lo, c.hi
		var got []uint16
		for {
			p, _, ok := h.hashConnect(10<<24|2, 5000)
			if !ok {
				break
			}
			h.getPort(p, true)
			h.ehash[tuple{h.Addr, 10<<24 | 2, p, 5000}] = h.newSock()
			got = append(got, p)
		}
		assert.Equal(t, c.want, got, "%s %d-%d", c.p, c.lo, c.hi)
	}
}

// 2.6's per-CPU orphan counter (§9.9): small limits are ignored until 32 orphans have folded.
func TestOrphanCounter26(t *testing.T) {
	_, h := testHost(P26, 1000)
	h.Sys.MaxOrphans = 2
	for i := 0; i < 31; i++ {
		h.orphanInc()
		assert.False(t, h.tooManyOrphans(0), "orphan %d", i+1)
	}
	h.orphanInc()
	assert.True(t, h.tooManyOrphans(0), "the 32nd orphan folds the counter")
	for i := 0; i < 30; i++ {
		h.orphanDec()
	}
	assert.False(t, h.tooManyOrphans(0), "exact count 2 is not above the limit")
}

// modern's 100 ms orphan cache (§9.9) does not see orphans made since the last refresh.
func TestOrphanCacheModern(t *testing.T) {
	n, h := testHost(Modern, 1000)
	h.Sys.MaxOrphans = 2
	n.S.RunUntil(20_000)
	for i := 0; i < 4; i++ {
		h.orphanInc()
	}
	assert.False(t, h.tooManyOrphans(0))
	n.S.RunUntil(100_000)
	assert.True(t, h.tooManyOrphans(0))
	assert.Equal(t, 4, h.orphanCache())
}

func TestSysctlErrors(t *testing.T) {
	s := DefaultSysctls(Modern)
	for _, c := range []struct{ name, value, err string }{
		{"tcp_fin_timeot", "3", "unknown sysctl"},
		{"tcp_tw_recycle", "1", "does not exist in the modern profile"},
		{"tcp_tw_reuse", "7", "out of range"},
		{"tcp_fin_timeout", "three", "want an integer"},
		{"ip_local_port_range", "50000 40000", "low <= high"},
	} {
		_, err := s.Set(Modern, c.name, c.value)
		require.Error(t, err)
		assert.Contains(t, err.Error(), c.err)
	}
	note, err := s.Set(Modern, "net.ipv4.ip_local_port_range", "40000 40000")
	require.NoError(t, err)
	assert.Contains(t, note, "prefer different parity")
	assert.Equal(t, 40000, s.PortLow)
}

func TestFlagString(t *testing.T) {
	for f, want := range map[uint8]string{FlagSYN: "S", FlagSYN | FlagACK: "S.", FlagACK: ".", FlagPSH | FlagACK: "P.",
		FlagFIN | FlagACK: "F.", FlagFIN | FlagPSH | FlagACK: "FP.", FlagRST: "R", FlagRST | FlagACK: "R."} {
		assert.Equal(t, want, FlagString(f))
	}
}

func TestLegalTransitions(t *testing.T) {
	assert.True(t, LegalTransition(FinWait1, Closing))
	assert.True(t, LegalTransition(CloseWait, LastAck))
	assert.False(t, LegalTransition(TimeWait, Established))
	assert.False(t, LegalTransition(LastAck, FinWait2))
	assert.Equal(t, "CLOSE", Close.String())
}

func TestParseAddr(t *testing.T) {
	a, err := ParseAddr("10.0.0.2")
	require.NoError(t, err)
	assert.Equal(t, uint32(10<<24|2), a)
	assert.Equal(t, "10.0.1.11", FormatAddr(10<<24|1<<8|11))
	for _, bad := range []string{"10.0.0", "10.0.0.256", "10..0.1", "a.b.c.d", "10.0.0.1.5", "", "1000.0.0.1"} {
		_, err := ParseAddr(bad)
		assert.Error(t, err, bad)
	}
}
