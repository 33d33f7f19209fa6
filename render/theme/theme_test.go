package theme

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"

	"finwait/render/i18n"
)

// Every embedded Go face draws the ranges that scenario files may use (gofont/gen.sh): printable
// ASCII, Latin-1 and Latin Extended-A, with its own glyphs (not the CJK fallback's).
func TestGoFontSubsetsCoverLatin(t *testing.T) {
	_, err := NewFonts()
	require.NoError(t, err)
	for id := FontID(0); id < fontCount; id++ {
		for _, rg := range [][2]rune{{0x20, 0x7e}, {0xa0, 0xff}, {0x100, 0x17f}, {0x2013, 0x2014}, {0x2190, 0x2192}} {
			for r := rg[0]; r <= rg[1]; r++ {
				assert.NotZero(t, parsed[id].Index(r), "font %d lacks %q (U+%04X)", id, r, r)
			}
		}
	}
}

// Every UI string and explanation draws with real glyphs: no tofu in either language.
func TestEveryMessageHasGlyphs(t *testing.T) {
	f, err := NewFonts()
	require.NoError(t, err)
	check := func(where, s string) {
		for _, r := range s {
			if r == '\n' || r == '\t' {
				continue
			}
			assert.True(t, f.HasGlyph(UI, r), "%s: no glyph for %q (U+%04X); rerun render/theme/gofont/gen.sh or render/theme/cjk/gen.sh", where, r, r)
		}
	}
	for _, l := range i18n.Langs() {
		for _, id := range i18n.IDs() {
			if strings.HasPrefix(string(id), "web.") {
				continue // the web page's own buttons: the browser draws them with its fonts
			}
			check(string(l)+"/"+string(id), i18n.Msg(l, id))
		}
		for _, k := range i18n.ExplainKeys(l) {
			fn, br, _ := strings.Cut(k, "|")
			check(string(l)+"/"+k, i18n.Explain(l, fn, br))
		}
	}
}

func TestMonoWidthIsPerRune(t *testing.T) {
	f := MustFonts()
	assert.InDelta(t, 8*f.Width(Mono, 12, "0"), f.Width(Mono, 12, "F. seq 1"), 1e-9)
	assert.Greater(t, f.Width(UI, 26, "FIN_WAIT1"), f.Width(UI, 12, "FIN_WAIT1"))
}

func TestRoles(t *testing.T) {
	assert.Equal(t, RoleFin, FlagsRole("FP.", 100))
	assert.Equal(t, RoleRst, FlagsRole("R.", 0))
	assert.Equal(t, RoleSyn, FlagsRole("S.", 0))
	assert.Equal(t, RoleData, FlagsRole("P.", 100))
	assert.Equal(t, RoleAck, FlagsRole(".", 0))
	assert.Equal(t, RoleTW, StateRole("TIME_WAIT"))
	assert.Equal(t, RoleFin, StateRole("LAST_ACK"))
	assert.Equal(t, RoleAck, StateRole("CLOSE"))
	p := Light()
	assert.Equal(t, uint8(0xE6), p.Base(RoleFin).R)
	assert.NotEqual(t, Light().Text(RoleFin), Dark().Text(RoleFin))
}

func TestWidthMatchesMeasureString(t *testing.T) {
	f := MustFonts()
	for _, s := range []string{"FIN_WAIT1", "client · 10.0.0.1:54344 · orphan", "对端的 FIN 按序到达", "AVA Tw"} {
		for _, id := range []FontID{UI, UIBold} {
			want := float64(font.MeasureString(f.Face(id, 13), s)) / 64
			assert.InDelta(t, want, f.Width(id, 13, s), 1e-9, "%q", s)
			assert.InDelta(t, want, f.Width(id, 13, s), 1e-9, "%q cached", s)
		}
	}
}
