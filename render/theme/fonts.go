package theme

import (
	"fmt"
	"sync"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/math/fixed"
)

// FontID names one of the faces the design uses: Go for the UI, Go Mono for packet labels,
// numbers and code.
type FontID int

// Fonts.
const (
	UI FontID = iota
	UIBold
	Mono
	MonoBold
	fontCount
)

// Sizes at scale 1 (design README): nothing smaller than 11 px.
const (
	SizeState  = 26.0
	SizeTitle  = 19.0
	SizeBody   = 13.0
	SizeLabel  = 12.0
	SizeGutter = 11.0
)

var (
	parseOnce sync.Once
	parsed    [fontCount]*truetype.Font
	cjkFont   *truetype.Font
	parseErr  error
)

func parseAll() {
	srcs := [fontCount][]byte{goregular.TTF, gobold.TTF, gomono.TTF, gomonobold.TTF}
	for i, b := range srcs {
		f, err := truetype.Parse(b)
		if err != nil {
			parseErr = fmt.Errorf("parse font %d: %w", i, err)
			return
		}
		parsed[i] = f
	}
	f, err := truetype.Parse(cjkTTF)
	if err != nil {
		parseErr = fmt.Errorf("parse the CJK font: %w", err)
		return
	}
	cjkFont = f
}

type faceKey struct {
	id   FontID
	size int // size in 1/64 px
}

// Fonts makes and caches one golang/freetype face per (font, pixel size). Sizes are device
// pixels: callers pass size × device scale factor so glyphs are rasterised at the final size.
type Fonts struct {
	faces   map[faceKey]font.Face
	widths  map[widthKey]float64
	adv     map[faceKey]map[rune]fixed.Int26_6
	ascents map[faceKey]float64
}

type widthKey struct {
	k faceKey
	s string
}

// NewFonts parses the Go fonts (once per process).
func NewFonts() (*Fonts, error) {
	parseOnce.Do(parseAll)
	if parseErr != nil {
		return nil, parseErr
	}
	return &Fonts{faces: map[faceKey]font.Face{}, widths: map[widthKey]float64{}, adv: map[faceKey]map[rune]fixed.Int26_6{}, ascents: map[faceKey]float64{}}, nil
}

// MustFonts is NewFonts for callers that cannot go on without fonts (the embedded Go fonts
// always parse).
func MustFonts() *Fonts {
	f, err := NewFonts()
	if err != nil {
		panic(err)
	}
	return f
}

func key(id FontID, px float64) faceKey { return faceKey{id, int(px*64 + 0.5)} }

// Face returns the face for a font at px device pixels.
func (f *Fonts) Face(id FontID, px float64) font.Face {
	k := key(id, px)
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	opt := &truetype.Options{Size: float64(k.size) / 64, DPI: 72, Hinting: font.HintingFull}
	fc := font.Face(&fallbackFace{primary: truetype.NewFace(parsed[id], opt), cjk: truetype.NewFace(cjkFont, opt), primaryFont: parsed[id], cjkFont: cjkFont})
	f.faces[k] = fc
	return fc
}

// Width is the advance width of s in device pixels: the sum of cached per-rune advances, as
// font.MeasureString computes it, without re-measuring strings every frame.
func (f *Fonts) Width(id FontID, px float64, s string) float64 {
	k := key(id, px)
	if id == Mono || id == MonoBold { // fixed pitch: one advance per rune
		n := 0
		for range s {
			n++
		}
		return float64(n) * f.monoAdvance(id, px)
	}
	adv := f.adv[k]
	if adv == nil {
		adv = map[rune]fixed.Int26_6{}
		f.adv[k] = adv
	}
	face := f.Face(id, px)
	var w fixed.Int26_6 // no kerning: the Go fonts have no kern table (fallbackFace.Kern is 0)
	for _, r := range s {
		a, ok := adv[r]
		if !ok {
			a, _ = face.GlyphAdvance(r)
			adv[r] = a
		}
		w += a
	}
	return fixedToF(w)
}

// Fit returns the length in bytes of the longest prefix of s no wider than w.
func (f *Fonts) Fit(id FontID, px float64, s string, w float64) int {
	total := 0.0
	for i, r := range s {
		total += f.Width(id, px, string(r))
		if total > w {
			return i
		}
	}
	return len(s)
}

func (f *Fonts) monoAdvance(id FontID, px float64) float64 {
	k := key(id, px)
	wk := widthKey{k, "0"}
	if w, ok := f.widths[wk]; ok {
		return w
	}
	w := fixedToF(font.MeasureString(f.Face(id, px), "0"))
	f.widths[wk] = w
	return w
}

// LineHeight is ascent + descent in device pixels: the height of a text box.
func (f *Fonts) LineHeight(id FontID, px float64) float64 {
	m := f.Face(id, px).Metrics()
	return fixedToF(m.Ascent + m.Descent)
}

// HasGlyph reports whether the font draws r (tests check that UI strings have no missing glyphs).
func (f *Fonts) HasGlyph(id FontID, r rune) bool {
	return parsed[id].Index(r) != 0 || cjkFont.Index(r) != 0
}

// Ascent is the face's ascent in device pixels (text is positioned by its top-left corner in
// layout; the drawer adds nothing).
func (f *Fonts) Ascent(id FontID, px float64) float64 {
	k := key(id, px)
	if a, ok := f.ascents[k]; ok {
		return a
	}
	a := fixedToF(f.Face(id, px).Metrics().Ascent)
	f.ascents[k] = a
	return a
}

func fixedToF(v fixed.Int26_6) float64 { return float64(v) / 64 }
