package theme

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// The Go fonts, cut to the characters finwait draws (gofont/README.md, gofont/gen.sh).
var (
	//go:embed gofont/Go-Regular.ttf
	goRegularTTF []byte
	//go:embed gofont/Go-Bold.ttf
	goBoldTTF []byte
	//go:embed gofont/Go-Mono.ttf
	goMonoTTF []byte
	//go:embed gofont/Go-Mono-Bold.ttf
	goMonoBoldTTF []byte
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
	srcs := [fontCount][]byte{goRegularTTF, goBoldTTF, goMonoTTF, goMonoBoldTTF}
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
	adv     map[faceKey]map[rune]fixed.Int26_6
	ascents map[faceKey]float64
}

// NewFonts parses the Go fonts (once per process).
func NewFonts() (*Fonts, error) {
	parseOnce.Do(parseAll)
	if parseErr != nil {
		return nil, parseErr
	}
	return &Fonts{faces: map[faceKey]font.Face{}, adv: map[faceKey]map[rune]fixed.Int26_6{}, ascents: map[faceKey]float64{}}, nil
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
	chain := fallbacks(id)
	ff := &fallbackFace{fonts: chain}
	for _, ft := range chain {
		ff.faces = append(ff.faces, truetype.NewFace(ft, opt))
	}
	fc := font.Face(ff)
	f.faces[k] = fc
	return fc
}

// Width is the advance width of s in device pixels: the sum of cached per-rune advances, as
// font.MeasureString computes it, without re-measuring strings every frame.
func (f *Fonts) Width(id FontID, px float64, s string) float64 {
	var w fixed.Int26_6 // no kerning: the Go fonts have no kern table (fallbackFace.Kern is 0)
	for _, r := range s {
		w += f.Advance(id, px, r)
	}
	return fixedToF(w)
}

// Advance is r's advance width in 1/64 device pixels, cached: golang/freetype loads and hints
// the whole glyph to answer, far too slow for every glyph of every frame.
func (f *Fonts) Advance(id FontID, px float64, r rune) fixed.Int26_6 {
	k := key(id, px)
	adv := f.adv[k]
	if adv == nil {
		adv = map[rune]fixed.Int26_6{}
		f.adv[k] = adv
	}
	a, ok := adv[r]
	if !ok {
		a, _ = f.Face(id, px).GlyphAdvance(r)
		adv[r] = a
	}
	return a
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

// LineHeight is ascent + descent in device pixels: the height of a text box.
func (f *Fonts) LineHeight(id FontID, px float64) float64 {
	m := f.Face(id, px).Metrics()
	return fixedToF(m.Ascent + m.Descent)
}

// HasGlyph reports whether the font or one of its fallbacks draws r (tests check that UI
// strings have no missing glyphs).
func (f *Fonts) HasGlyph(id FontID, r rune) bool {
	for _, ft := range fallbacks(id) {
		if ft.Index(r) != 0 {
			return true
		}
	}
	return false
}

// monoFallback is the Go font of the same weight that draws what the Go Mono subsets leave out
// (Latin-1 and Latin Extended-A letters in names and notes; gofont/gen.sh).
var monoFallback = [fontCount]FontID{Mono: UI, MonoBold: UIBold}

// fallbacks is the chain of fonts a face of id draws from, first choice first.
func fallbacks(id FontID) []*truetype.Font {
	if id == Mono || id == MonoBold {
		return []*truetype.Font{parsed[id], parsed[monoFallback[id]], cjkFont}
	}
	return []*truetype.Font{parsed[id], cjkFont}
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
