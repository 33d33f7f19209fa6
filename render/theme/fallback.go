package theme

import (
	_ "embed"
	"image"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

//go:embed cjk/cjk.ttf
var cjkTTF []byte

// fallbackFace draws each rune from the Go font when it has the glyph and from the CJK subset
// otherwise, so one face serves English and Chinese text alike.
type fallbackFace struct {
	primary, cjk         font.Face
	primaryFont, cjkFont *truetype.Font
}

func (f *fallbackFace) pick(r rune) font.Face {
	if f.cjk != nil && f.primaryFont.Index(r) == 0 && f.cjkFont.Index(r) != 0 {
		return f.cjk
	}
	return f.primary
}

func (f *fallbackFace) Close() error { return nil }

func (f *fallbackFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	return f.pick(r).Glyph(dot, r)
}

func (f *fallbackFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	return f.pick(r).GlyphBounds(r)
}

func (f *fallbackFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) { return f.pick(r).GlyphAdvance(r) }

// Kern is zero: the Go fonts carry no kern table, and measuring (Fonts.Width) relies on it.
func (f *fallbackFace) Kern(r0, r1 rune) fixed.Int26_6 { return 0 }

func (f *fallbackFace) Metrics() font.Metrics { return f.primary.Metrics() }
