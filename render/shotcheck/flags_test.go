package shotcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every flag of the desktop app is checked before a window opens: a bad value is refused with one
// line on stderr, naming the flag, the value and what would be right, and exit status 2 — never a
// panic, an out-of-memory kill or a silent fallback.
func TestDesktopBadFlags(t *testing.T) {
	bin := os.Getenv("FINWAIT_DESKTOP")
	if bin == "" {
		t.Skip("FINWAIT_DESKTOP is not set: run `make test-render`")
	}
	big := filepath.Join(t.TempDir(), "big.json")
	require.NoError(t, os.WriteFile(big, make([]byte, 1<<20+1), 0o644))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-scale", "NaN"}, "desktop: -scale NaN: want a number from 0.5 to 4"},
		{[]string{"-scale", "Inf"}, "desktop: -scale +Inf: want a number from 0.5 to 4"},
		{[]string{"-scale", "-Inf"}, "desktop: -scale -Inf: want a number from 0.5 to 4"},
		{[]string{"-scale", "1e-9"}, "desktop: -scale 1e-09: want a number from 0.5 to 4"},
		{[]string{"-scale", "0"}, "desktop: -scale 0: want a number from 0.5 to 4"},
		{[]string{"-scale", "1e300"}, "desktop: -scale 1e+300: want a number from 0.5 to 4"},
		{[]string{"-scale", "two"}, `desktop: invalid value "two" for flag -scale: parse error`},
		{[]string{"-size", "20000x20000"}, `desktop: -size "20000x20000": each side from 200 to 4096 pixels`},
		{[]string{"-size", "4096x4096", "-scale", "2"}, "desktop: -size 4096x4096 at -scale 2 is 8192x8192 device pixels: at most 4096 per side"},
		{[]string{"-size", "1280x800x3"}, `desktop: -size "1280x800x3": want WxH such as 1280x800`},
		{[]string{"-size", "1280"}, `desktop: -size "1280": want WxH such as 1280x800`},
		{[]string{"-size", "-1280x800"}, `desktop: -size "-1280x800": want WxH such as 1280x800`},
		{[]string{"-size", "1280x"}, `desktop: -size "1280x": want WxH such as 1280x800`},
		{[]string{"-size", "0x0"}, `desktop: -size "0x0": each side from 200 to 4096 pixels`},
		{[]string{"-size", "99999999999999999999x800"}, `desktop: -size "99999999999999999999x800": each side from 200 to 4096 pixels`},
		{[]string{"-speed", "3"}, `desktop: -speed "3": want one of 0.25, 0.5, 1, 2, 4, 8, 16`},
		{[]string{"-speed", "NaN"}, `desktop: -speed "NaN": want one of 0.25, 0.5, 1, 2, 4, 8, 16`},
		{[]string{"-speed", "0"}, `desktop: -speed "0": want one of 0.25, 0.5, 1, 2, 4, 8, 16`},
		{[]string{"-theme", "blue"}, `desktop: -theme "blue": want light or dark`},
		{[]string{"-theme", "Dark"}, `desktop: -theme "Dark": want light or dark`},
		{[]string{"-lang", "fr"}, `desktop: -lang "fr": want en or zh`},
		{[]string{"-overlay", "menu"}, `desktop: -overlay "menu": want help, picker or settings (or leave it out)`},
		{[]string{"-controls", ""}, `desktop: -controls "": want full, minimal or none`},
		{[]string{"-controls", "some"}, `desktop: -controls "some": want full, minimal or none`},
		{[]string{"-at", "NaN"}, `desktop: -at "NaN": want a moment such as 1.25s, 540ms or a number of seconds`},
		{[]string{"-at", "Infinity"}, `desktop: -at "Infinity": want a moment such as 1.25s, 540ms or a number of seconds`},
		{[]string{"-at", "-1s"}, `desktop: -at "-1s": a moment cannot be before the run starts`},
		{[]string{"-at", "99h"}, `desktop: -at "99h": past 4h, the longest a run lasts`},
		{[]string{"-frames", "-1"}, "desktop: -frames -1: want 0 (off) to 1000000"},
		{[]string{"-bulk", "100000000"}, "desktop: -bulk 100000000: want 0 (off) to 20000"},
		{[]string{"-seed", "x"}, `desktop: invalid value "x" for flag -seed: parse error`},
		{[]string{"-nope"}, "desktop: flag provided but not defined: -nope"},
		{[]string{"stray"}, `desktop: unexpected argument "stray": flags only (desktop -h lists them)`},
		{[]string{"-scenario", "nope"}, `desktop: -scenario "nope": no such scenario (desktop -list names them)`},
		{[]string{"-scenario", "normal_active_close", "-profile", "3.0"}, `desktop: -profile "3.0": scenario normal_active_close runs in modern and 2.6`},
		{[]string{"-scenario", "linger_zer"}, `desktop: -scenario "linger_zer": no such scenario (closest: linger_zero; desktop -list names them)`},
		{[]string{"-scenario", "tw_recycle_nat", "-profile", "modern"}, `desktop: -profile "modern": scenario tw_recycle_nat runs in 2.6`},
		{[]string{"-file", big}, "larger than 1 MiB: not a scenario file"},
	} {
		name := strings.Join(c.args, " ")
		out, err := exec.Command(bin, c.args...).CombinedOutput()
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee, name)
		code := 2
		if c.args[0] == "-file" {
			code = 1 // a file that cannot be read, as a missing one
		}
		assert.Equal(t, code, ee.ExitCode(), name)
		got := strings.TrimSuffix(string(out), "\n")
		assert.NotContains(t, got, "\n", "%s: one line", name)
		if c.args[0] == "-file" {
			assert.Contains(t, got, c.want, name)
		} else {
			assert.Equal(t, c.want, got, name)
		}
	}
}

// A DISPLAY that is set but has no X server behind it gets the same plain message as no DISPLAY.
func TestDesktopUnreachableDisplay(t *testing.T) {
	bin := os.Getenv("FINWAIT_DESKTOP")
	if bin == "" {
		t.Skip("FINWAIT_DESKTOP is not set: run `make test-render`")
	}
	for _, display := range []string{":4242", "unix:4243.0", "127.0.0.1:4244"} {
		cmd := exec.Command(bin, "-list")
		cmd.Env = append(os.Environ(), "DISPLAY="+display, "WAYLAND_DISPLAY=")
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee, display)
		assert.Equal(t, 2, ee.ExitCode(), display)
		assert.Contains(t, string(out), "no display: DISPLAY="+display+" cannot be reached (dial ", display)
		assert.NotContains(t, string(out), "goroutine", display)
		assert.NotContains(t, string(out), "panic", display)
	}
}
