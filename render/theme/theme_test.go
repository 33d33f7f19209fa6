package theme

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/golang/freetype/truetype"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"

	"finwait/render/i18n"
)

// Every face draws the ranges that scenario files may use (gofont/gen.sh): printable ASCII,
// Latin-1 and Latin Extended-A. Go and Go Bold have them all; Go Mono and Go Mono Bold have
// ASCII themselves and take the Latin letters from the Go font of their weight, never from the
// CJK subset (whose Latin glyphs are not the Go design).
func TestGoFontSubsetsCoverLatin(t *testing.T) {
	_, err := NewFonts()
	require.NoError(t, err)
	latin := [][2]rune{{0x20, 0x7e}, {0xa0, 0xff}, {0x100, 0x17f}, {0x2013, 0x2014}, {0x2190, 0x2192}}
	for id := FontID(0); id < fontCount; id++ {
		for i, rg := range latin {
			for r := rg[0]; r <= rg[1]; r++ {
				own := parsed[id].Index(r) != 0
				if id == UI || id == UIBold || i == 0 || i >= 3 {
					assert.True(t, own, "font %d lacks %q (U+%04X)", id, r, r)
					continue
				}
				if !own {
					assert.NotZero(t, parsed[monoFallback[id]].Index(r), "font %d's fallback lacks %q (U+%04X)", id, r, r)
				}
			}
		}
	}
}

// A Go Mono face draws a Latin-1 letter with the Go font's glyph of the same weight: the same
// advance as the UI face's, not the .notdef box's.
func TestMonoFallsBackToGoForLatin(t *testing.T) {
	f := MustFonts()
	for _, r := range []rune{'é', 'ß', 'Ł'} {
		assert.True(t, f.HasGlyph(Mono, r), "%q", r)
		assert.InDelta(t, f.Width(UI, 13, string(r)), f.Width(Mono, 13, string(r)), 1e-9, "%q", r)
		assert.InDelta(t, f.Width(UIBold, 13, string(r)), f.Width(MonoBold, 13, string(r)), 1e-9, "%q", r)
	}
	assert.NotEqual(t, f.Width(UI, 13, "i"), f.Width(Mono, 13, "i"), "ASCII stays monospaced")
}

// drawnTexts calls see with every string the app draws (UI messages, explanations and the Chinese
// translations of the core's words) and, apart, with the web page's own words (web.* ids: the
// browser draws those, with web/cjk-web.ttf for Chinese).
func drawnTexts(see, page func(where, s string)) {
	for _, l := range i18n.Langs() {
		for _, id := range i18n.IDs() {
			if strings.HasPrefix(string(id), "web.") {
				page(string(l)+"/"+string(id), i18n.Msg(l, id))
				continue
			}
			see(string(l)+"/"+string(id), i18n.Msg(l, id))
		}
		for _, k := range i18n.ExplainKeys(l) {
			fn, br, _ := strings.Cut(k, "|")
			see(string(l)+"/"+k, i18n.Explain(l, fn, br))
		}
	}
	for _, s := range i18n.Translations() { // descriptions, branch lines, notes and call words in 中文
		see("zh/"+s, s)
	}
}

// isCJK is what the CJK subsets hold: CJK ideographs and radicals, CJK punctuation, full-width forms.
func isCJK(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F
}

// cjkChars is the set of CJK characters in the strings, sorted.
func cjkChars(add func(func(where, s string))) string {
	set := map[rune]bool{}
	add(func(_, s string) {
		for _, r := range s {
			if isCJK(r) {
				set[r] = true
			}
		}
	})
	var rs []rune
	for r := range set {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	return string(rs)
}

var (
	appChars  = flag.String("cjk-chars", "", "write the CJK characters the app draws to this file (cjk/gen.sh)")
	pageChars = flag.String("cjk-page-chars", "", "write the CJK characters of the web page's own words to this file (cjk/gen.sh)")
)

// Every UI string and explanation draws with real glyphs: no tofu in either language. The CJK
// subset holds exactly the characters drawn (no dead weight in the page), and the web page's subset
// (web/cjk-web.ttf) every character of its own words.
func TestEveryMessageHasGlyphs(t *testing.T) {
	f, err := NewFonts()
	require.NoError(t, err)
	nothing := func(string, string) {}
	app := cjkChars(func(see func(string, string)) { drawnTexts(see, nothing) })
	page := cjkChars(func(see func(string, string)) { drawnTexts(nothing, see) })
	for file, chars := range map[string]string{*appChars: app, *pageChars: page} {
		if file != "" {
			require.NoError(t, os.WriteFile(file, []byte(chars), 0o644))
		}
	}
	drawnTexts(func(where, s string) {
		for _, r := range s {
			if r == '\n' || r == '\t' {
				continue
			}
			assert.True(t, f.HasGlyph(UI, r), "%s: no glyph for %q (U+%04X); rerun render/theme/gofont/gen.sh or render/theme/cjk/gen.sh", where, r, r)
		}
	}, nothing)
	var extra []rune
	for r := rune(0x2E80); r <= 0xFFEF; r++ {
		if isCJK(r) && cjkFont.Index(r) != 0 && !strings.ContainsRune(app, r) {
			extra = append(extra, r)
		}
	}
	assert.Empty(t, string(extra), "cjk.ttf holds characters nothing draws: rerun render/theme/cjk/gen.sh")
	webTTF, err := os.ReadFile("../../web/cjk-web.ttf")
	require.NoError(t, err)
	web, err := truetype.Parse(webTTF)
	require.NoError(t, err)
	for _, r := range page {
		assert.NotZero(t, web.Index(r), "web/cjk-web.ttf lacks %q (U+%04X): rerun render/theme/cjk/gen.sh", r, r)
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
