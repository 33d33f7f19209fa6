package scenario

import (
	"errors"
	"testing"
)

// Every run checks the invariants unless told not to, and a violation comes back as an error
// wrapping ErrInvariant, never with a trace.
func TestEveryRunChecksInvariants(t *testing.T) {
	sc := mustLookup(t, "normal_active_close")
	for _, c := range []struct {
		opt  RunOptions
		want bool
	}{{RunOptions{}, true}, {RunOptions{Check: true}, true}, {RunOptions{NoTrace: true}, true}, {RunOptions{NoCheck: true}, false}} {
		r, err := start(sc, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.net.Check != nil; got != c.want {
			t.Errorf("%+v: checks %v, want %v", c.opt, got, c.want)
		}
	}
	r, err := start(sc, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r.net.S.At(50_000, func() { r.net.Err = errors.New("at 50000 µs: A c0: illegal transition") }) // as tcp's fail records one
	tr, err := r.finish()
	if tr != nil || !errors.Is(err, ErrInvariant) {
		t.Fatalf("trace %v, error %v", tr != nil, err)
	}
	if want := "scenario normal_active_close (modern): invariant violated (a bug in the model, not in the scenario): at 50000 µs: A c0: illegal transition"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}
