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

// fallbackFace draws each rune from the first font of its chain that has the glyph: the face's
// own Go font, then (for Go Mono, cut to ASCII and the UI's symbols) the Go font of the same
// weight, then the CJK subset; so one face serves English, Latin names and Chinese alike. A rune
// no font has is drawn by the first face (its .notdef box).
type fallbackFace struct {
	faces []font.Face
	fonts []*truetype.Font
}

func (f *fallbackFace) pick(r rune) font.Face {
	for i, ft := range f.fonts {
		if ft.Index(r) != 0 {
			return f.faces[i]
		}
	}
	return f.faces[0]
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

func (f *fallbackFace) Metrics() font.Metrics { return f.faces[0].Metrics() }
