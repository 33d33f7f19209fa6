package shotcheck

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/source"
	"finwait/render/theme"
)

type shot struct {
	scenario, at string
	atUs         int64
	theme        string
	scale        float64
}

var shots = []shot{
	{"normal_active_close", "530ms", 530000, "light", 1}, // the mockup's moment: A FIN_WAIT1, B LAST_ACK, B's FIN in flight
	{"simultaneous_close", "950ms", 950000, "dark", 1},   // both in CLOSING, the ACKs crossing
	{"fin_lost_orphan_retries", "1.5s", 1500000, "light", 1},
	{"normal_active_close", "530ms", 530000, "light", 2}, // HiDPI: laid out and rasterised at 2560×1600
}

func TestScreenshotsShowWhatMustBeThere(t *testing.T) {
	bin := os.Getenv("FINWAIT_DESKTOP")
	if bin == "" {
		t.Skip("FINWAIT_DESKTOP is not set: run `make test-render` (builds bin/desktop, runs this under Xvfb)")
	}
	keep := os.Getenv("FINWAIT_SHOTS") // a folder to keep the PNGs in
	fonts := theme.MustFonts()
	for _, s := range shots {
		name := fmt.Sprintf("%s@%gx", s.scenario, s.scale)
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), name+".png")
			if keep != "" {
				require.NoError(t, os.MkdirAll(keep, 0o755))
				out = filepath.Join(keep, name+".png")
			}
			cmd := exec.Command(bin, "-scenario", s.scenario, "-screenshot", out, "-at", s.at, "-size", "1280x800", "-theme", s.theme, "-scale", fmt.Sprint(s.scale))
			msg, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", msg)
			fh, err := os.Open(out)
			require.NoError(t, err)
			defer fh.Close()
			img, err := png.Decode(fh)
			require.NoError(t, err)
			W, H := int(1280*s.scale), int(800*s.scale)
			require.Equal(t, image.Rect(0, 0, W, H), img.Bounds())

			// the same moment laid out without a display
			sc, err := source.Lookup(s.scenario)
			require.NoError(t, err)
			tr, err := source.Run(sc, source.RunOptions{})
			require.NoError(t, err)
			m := layout.Prepare(tr, -1)
			pal := theme.ByName(s.theme)
			addr := map[string]string{}
			for _, h := range sc.Hosts {
				addr[h.Name] = h.Addr
			}
			m.SetAddrs(addr)
			in := &layout.Input{Model: m, Now: s.atUs, W: float64(W), H: float64(H), Scale: s.scale, Pal: pal, Fonts: fonts, Lang: i18n.EN, Hover: -1, Speed: 1}
			f := layout.Build(in, nil)

			// 1. lifelines: an ink-coloured column at each host's x
			for _, x := range f.HostX {
				n := 0
				for y := int(f.Lanes.Y); y < int(f.Lanes.Y+f.Lanes.H); y++ {
					if Near(img.At(int(x), y), pal.Ink, 24) {
						n++
					}
				}
				assert.Greater(t, float64(n), 120*s.scale, "lifeline at x=%.0f: only %d ink pixels", x, n)
			}

			// 2. a FIN arrow that has arrived is drawn in the FIN colour along its path
			found := false
			for k := range m.Packets {
				p := &m.Packets[k]
				if p.Role != theme.RoleFin || p.Dropped || p.T1 > s.atUs {
					continue
				}
				x1, y1, x2, y2 := f.ArrowEnds(in, p)
				hits, tries := 0, 0
				for fr := 0.12; fr <= 0.88; fr += 0.04 {
					x, y := x1+(x2-x1)*fr, y1+(y2-y1)*fr
					if UnderLabel(f, x, y, s.scale) || !f.Lanes.Inset(4*s.scale).Contains(x, y) {
						continue
					}
					tries++
					if AnyNear(img, int(x+0.5), int(y+0.5), pal.Base(theme.RoleFin)) {
						hits++
					}
				}
				if tries > 0 {
					assert.GreaterOrEqual(t, hits*10, tries*8, "FIN packet %d: %d of %d points along its arrow are FIN-coloured", p.Index, hits, tries)
					found = true
					break
				}
			}
			assert.True(t, found, "a FIN arrow is on screen")

			// 3. each header's state text is there, in its family's text colour
			heads := 0
			for _, sh := range f.Shapes {
				if sh.Kind != layout.Text || sh.Size != theme.SizeState*s.scale {
					continue
				}
				heads++
				w := fonts.Width(sh.Font, sh.Size, sh.Str)
				h := fonts.LineHeight(sh.Font, sh.Size)
				n := 0
				for y := int(sh.Rect.Y); y < int(sh.Rect.Y+h); y++ {
					for x := int(sh.Rect.X); x < int(sh.Rect.X+w); x++ {
						if Near(img.At(x, y), sh.Fill, 30) {
							n++
						}
					}
				}
				assert.Greater(t, float64(n), 150*s.scale*s.scale, "header state %q: only %d pixels of its colour", sh.Str, n)
			}
			assert.Equal(t, len(m.Hosts), heads)
		})
	}
}

// The desktop app reports bad input plainly and exits, never with a stack trace: no display, a
// scenario file that is not one, a file that is not there.
func TestDesktopBadInput(t *testing.T) {
	bin := os.Getenv("FINWAIT_DESKTOP")
	if bin == "" {
		t.Skip("FINWAIT_DESKTOP is not set: run `make test-render`")
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"name": 1}`), 0o644))
	badPkt := filepath.Join(t.TempDir(), "bad.pkt")
	require.NoError(t, os.WriteFile(badPkt, []byte("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 bogus(3) = 0\n"), 0o644))
	for _, c := range []struct {
		name  string
		env   []string
		args  []string
		code  int
		wants string
	}{
		{"no display", []string{"DISPLAY=", "WAYLAND_DISPLAY="}, []string{"-list"}, 2, "no display: DISPLAY (and WAYLAND_DISPLAY) is unset"},
		{"bad file", nil, []string{"-file", bad}, 1, "bad.json: scenario file: line 1, column 10: name: want a string, got the number 1"},
		{"missing file", nil, []string{"-file", bad + ".nope"}, 1, "no such file or directory"},
		{"bad script", nil, []string{"-pkt", badPkt}, 1, "bad.pkt:2:4: system call bogus is not modelled"},
	} {
		cmd := exec.Command(bin, c.args...)
		cmd.Env = append(os.Environ(), c.env...)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee, c.name)
		assert.Equal(t, c.code, ee.ExitCode(), c.name)
		assert.Contains(t, string(out), c.wants, c.name)
		assert.NotContains(t, string(out), "goroutine", c.name)
	}
}
