package tcp

import "testing"

// TestISNFollowsTheClock: the ISN of a 4-tuple is its keyed hash plus 64 ns ticks of the clock
// (spec §12.4), so the same 4-tuple later gets a larger one by exactly the ticks between; the
// key is the host's (the seed and its address); 2.6.32 keeps 24 bits of hash under the key's
// 8-bit count.
func TestISNFollowsTheClock(t *testing.T) {
	for _, p := range []Profile{Modern, P26} {
		n := NewNet(Config{Seed: 3})
		a := n.NewHost("a", 1, p, 1000)
		b := n.NewHost("b", 2, p, 1000)
		tup := tuple{1, 2, 40000, 5000}
		first, next := a.isn(tup), a.isn(tuple{1, 2, 40001, 5000})
		if p == P26 && first>>24 != next>>24 { // at time 0 the clock adds nothing
			t.Errorf("2.6: the top 8 bits %#x, %#x are not the key's count", first>>24, next>>24)
		}
		n.S.RunUntil(1_000_000) // 1 s later: 15,625,000 ticks of 64 ns
		if got := a.isn(tup) - first; got != 15_625_000 {
			t.Errorf("%v: the ISN moved by %d in 1 s, want 15625000", p, got)
		}
		if a.isn(tup) == a.isn(tuple{1, 2, 40001, 5000}) || a.isn(tup) == b.isn(tup) {
			t.Errorf("%v: another port or another host's key gives the same ISN", p)
		}
		if again := NewNet(Config{Seed: 3}).NewHost("a", 1, p, 1000).isn(tup); again != first {
			t.Errorf("%v: the same seed gave %d, then %d", p, first, again)
		}
		if other := NewNet(Config{Seed: 4}).NewHost("a", 1, p, 1000).isn(tup); other == first {
			t.Errorf("%v: another seed gave the same ISN", p)
		}
	}
}
