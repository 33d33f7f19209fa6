package app

import (
	"errors"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/render/layout"
)

// A click on a function name in the kernel-path panel asks the opener for that function's
// source in the kernel of the profile on screen; an opener that fails is told in the banner.
func TestSourceLinkOpensTheProfilesKernel(t *testing.T) {
	for _, c := range []struct{ profile, want string }{
		{"modern", "https://elixir.bootlin.com/linux/v6.18/A/ident/tcp_close"},
		{"2.6", "https://elixir.bootlin.com/linux/v2.6.32/A/ident/tcp_close"},
	} {
		g, err := New(Options{Scenario: "close_with_unread_data", Profile: c.profile, Shot: os.DevNull, At: 500000, ShotW: 1280, ShotH: 800})
		require.NoError(t, err)
		var opened []string
		fail := error(nil)
		g.SetOpener(func(u string) error { opened = append(opened, u); return fail })
		require.NoError(t, g.Update())
		link := -1
		for _, h := range g.frame.Hits {
			if h.Cmd == layout.CmdSource {
				link = h.Arg
			}
		}
		require.GreaterOrEqual(t, link, 0, "a function name is a link")
		g.Exec(layout.CmdSource, link)
		assert.Equal(t, []string{c.want}, opened, c.profile)
		assert.Empty(t, g.notice)

		fail = errors.New(`exec: "xdg-open": executable file not found in $PATH`)
		g.Exec(layout.CmdSource, link)
		assert.Equal(t, `Could not open the kernel source: `+c.want+`: exec: "xdg-open": executable file not found in $PATH`, g.notice)
		assert.True(t, g.noticeErr)

		// an event index out of range, or an event that names no function, opens nothing
		g.notice, opened = "", nil
		g.Exec(layout.CmdSource, len(g.tr.Events))
		g.Exec(layout.CmdSource, -1)
		for i, e := range g.tr.Events {
			if e.Fn == "" {
				g.Exec(layout.CmdSource, i)
				assert.Equal(t, `Could not open the kernel source: kernel source link: "" is not a C identifier`, g.notice)
				break
			}
		}
		assert.Empty(t, opened)
	}
}

// Without a system browser on PATH the desktop opener says so (it never waits for a browser).
func TestOpenURLWithoutABrowser(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the opener is xdg-open on Linux")
	}
	t.Setenv("PATH", t.TempDir())
	err := openURL("https://elixir.bootlin.com/linux/v6.18/A/ident/tcp_close")
	assert.EqualError(t, err, `starting the system browser: exec: "xdg-open": executable file not found in $PATH`)
}
