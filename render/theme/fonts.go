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

// Fonts makes and caches one golang/freetype face per (font, pixel size), with its metrics and
// advance widths. Sizes are device pixels: callers pass size × device scale factor so glyphs are
// rasterised at the final size.
type Fonts struct {
	faces map[faceKey]*sized
	last  *sized // the face asked for last: text comes in runs of one face
}

// sized is one face at one size and what layout measures with it, cached: a frame measures and
// draws a few thousand runes, so their advances are the layout's hottest lookup while playing.
type sized struct {
	key           faceKey
	face          font.Face
	ascent, lineH float64                // device pixels
	ascii         [128]fixed.Int26_6     // advance + 1 of each ASCII rune; 0: not measured yet
	other         map[rune]fixed.Int26_6 // the others' advances
}

// NewFonts parses the Go fonts (once per process).
func NewFonts() (*Fonts, error) {
	parseOnce.Do(parseAll)
	if parseErr != nil {
		return nil, parseErr
	}
	return &Fonts{faces: map[faceKey]*sized{}}, nil
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

// sized returns the font at px device pixels.
func (f *Fonts) sized(id FontID, px float64) *sized {
	k := key(id, px)
	if s := f.last; s != nil && s.key == k {
		return s
	}
	return f.load(k)
}

// load finds or makes the font of key k.
func (f *Fonts) load(k faceKey) *sized {
	s := f.faces[k]
	if s == nil {
		opt := &truetype.Options{Size: float64(k.size) / 64, DPI: 72, Hinting: font.HintingFull}
		chain := fallbacks(k.id)
		fc := &fallbackFace{fonts: chain}
		for _, ft := range chain {
			fc.faces = append(fc.faces, truetype.NewFace(ft, opt))
		}
		m := fc.Metrics()
		s = &sized{key: k, face: fc, ascent: fixedToF(m.Ascent), lineH: fixedToF(m.Ascent + m.Descent), other: map[rune]fixed.Int26_6{}}
		f.faces[k] = s
	}
	f.last = s
	return s
}

// Face returns the face for a font at px device pixels.
func (f *Fonts) Face(id FontID, px float64) font.Face { return f.sized(id, px).face }

// Width is the advance width of s in device pixels: the sum of cached per-rune advances, as
// font.MeasureString computes it, without re-measuring strings every frame.
func (f *Fonts) Width(id FontID, px float64, s string) float64 {
	sz := f.sized(id, px)
	var w fixed.Int26_6 // no kerning: the Go fonts have no kern table (fallbackFace.Kern is 0)
	for _, r := range s {
		w += sz.advance(r)
	}
	return fixedToF(w)
}

// Advance is r's advance width in 1/64 device pixels, cached: golang/freetype loads and hints
// the whole glyph to answer, far too slow for every glyph of every frame.
func (f *Fonts) Advance(id FontID, px float64, r rune) fixed.Int26_6 {
	return f.sized(id, px).advance(r)
}

func (s *sized) advance(r rune) fixed.Int26_6 {
	if uint32(r) < 128 && s.ascii[r] != 0 {
		return s.ascii[r] - 1
	}
	a, ok := s.other[r]
	if !ok {
		a, _ = s.face.GlyphAdvance(r)
		if uint32(r) < 128 {
			s.ascii[r] = a + 1
		} else {
			s.other[r] = a
		}
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
func (f *Fonts) LineHeight(id FontID, px float64) float64 { return f.sized(id, px).lineH }

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
func (f *Fonts) Ascent(id FontID, px float64) float64 { return f.sized(id, px).ascent }

func fixedToF(v fixed.Int26_6) float64 { return float64(v) / 64 }
