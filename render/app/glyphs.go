package app

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"golang.org/x/image/math/fixed"

	"finwait/render/theme"
)

// The painter draws a whole frame, shapes and text, as one vertex batch over one source image:
// the glyph atlas, whose top-left corner holds a white block that shapes sample. Text therefore
// never breaks the batch (a frame is one or two draw calls), and no shaping engine is linked:
// ebiten/text/v2 brought go-text/typesetting (HarfBuzz tables, image decoders), about 0.6 MB of
// the .wasm, for text that needs no shaping (left-to-right Latin and CJK, no kerning).

const (
	// atlasSize is the atlas's first side; each time it fills up it starts again empty, twice as
	// large up to maxAtlasSize, so a working set that outgrows it (many sizes on a HiDPI screen)
	// does not re-rasterise every frame.
	atlasSize    = 1024
	maxAtlasSize = 4096
	// whiteX, whiteY is the centre of the 3×3 white block shapes sample.
	whiteX, whiteY = 1.5, 1.5
	// subpixelSteps is how many horizontal sub-pixel phases a glyph is rasterised at: Go Mono
	// advances by fractional pixels, and snapping each glyph to a whole pixel makes the spacing
	// visibly uneven at 11–13 px.
	subpixelSteps = 4
	glyphPad      = 1 // empty texels around each glyph, so neighbours never bleed in
)

type glyphKey struct {
	face  faceKey
	r     rune
	phase uint8
}

// glyph is where one rasterised rune lies in the atlas (w == 0 for blank glyphs such as the
// space) and its offset from the pen position on the baseline.
type glyph struct {
	sx, sy, w, h int
	dx, dy       int
	known        bool // in a face's ASCII table (asciiGlyphs)
}

// asciiGlyphs is one face's ASCII glyphs by rune and sub-pixel phase: most of a frame's text,
// found without hashing a key (the map lookup was the painter's largest cost while playing).
type asciiGlyphs [128 * subpixelSteps]glyph

// glyphAtlas rasterises glyphs with golang/freetype into one Ebiten image, packed in shelves.
// When it is full it starts again empty (the painter flushes first), larger up to a bound, so
// zooming through many sizes never grows memory past it.
type glyphAtlas struct {
	fonts  *theme.Fonts
	img    *ebiten.Image
	size   int
	glyphs map[glyphKey]glyph
	ascii  map[faceKey]*asciiGlyphs
	// shelf packing: the current shelf's top, height and next free x
	shelfY, shelfH, x int
	// Resets counts how often the atlas filled up and started again (tests and benchmarks).
	Resets int
}

func newGlyphAtlas(f *theme.Fonts) *glyphAtlas {
	a := &glyphAtlas{fonts: f, img: ebiten.NewImage(atlasSize, atlasSize), size: atlasSize, glyphs: map[glyphKey]glyph{}, ascii: map[faceKey]*asciiGlyphs{}}
	a.reset()
	return a
}

// refill starts the atlas again after it filled up, twice as large while under maxAtlasSize.
// The caller has flushed every vertex that samples the old glyphs.
func (a *glyphAtlas) refill() {
	a.Resets++
	if a.size < maxAtlasSize {
		a.img.Deallocate()
		a.size *= 2
		a.img = ebiten.NewImage(a.size, a.size)
	}
	a.reset()
}

// reset empties the atlas but for the white block.
func (a *glyphAtlas) reset() {
	a.img.Clear()
	white := make([]byte, 3*3*4)
	for i := range white {
		white[i] = 0xff
	}
	a.img.SubImage(image.Rect(0, 0, 3, 3)).(*ebiten.Image).WritePixels(white)
	clear(a.glyphs)
	clear(a.ascii)
	a.shelfY, a.shelfH, a.x = 0, 3+glyphPad, 3+glyphPad
}

// lookup returns the glyph and whether it is in the atlas now; ok is false when the atlas is
// full, and the caller flushes, resets and asks again.
func (a *glyphAtlas) lookup(k glyphKey) (glyph, bool) {
	if g, ok := a.glyphs[k]; ok {
		return g, true
	}
	face := a.fonts.Face(k.face.id, k.face.size)
	dot := fixed.Point26_6{X: fixed.Int26_6(int(k.phase) * 64 / subpixelSteps)}
	dr, mask, mp, _, ok := face.Glyph(dot, k.r)
	if !ok || dr.Empty() {
		a.glyphs[k] = glyph{}
		return glyph{}, true
	}
	w, h := dr.Dx(), dr.Dy()
	if w+2*glyphPad > a.size || h+2*glyphPad > a.size {
		a.glyphs[k] = glyph{} // larger than the atlas: not drawn
		return glyph{}, true
	}
	if a.x+w+glyphPad > a.size { // next shelf
		a.shelfY += a.shelfH
		a.shelfH, a.x = 0, glyphPad
	}
	if a.shelfY+h+2*glyphPad > a.size {
		return glyph{}, false
	}
	pix := make([]byte, w*h*4)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := alphaAt(mask, mp.X+x, mp.Y+y)
			i := (y*w + x) * 4
			pix[i], pix[i+1], pix[i+2], pix[i+3] = v, v, v, v // white, premultiplied
		}
	}
	g := glyph{sx: a.x, sy: a.shelfY + glyphPad, w: w, h: h, dx: dr.Min.X, dy: dr.Min.Y}
	a.img.SubImage(image.Rect(g.sx, g.sy, g.sx+w, g.sy+h)).(*ebiten.Image).WritePixels(pix)
	a.x += w + glyphPad
	a.shelfH = max(a.shelfH, h+2*glyphPad)
	a.glyphs[k] = g
	return g, true
}

// asciiOf returns face k's ASCII table, empty after each reset.
func (a *glyphAtlas) asciiOf(k faceKey) *asciiGlyphs {
	t := a.ascii[k]
	if t == nil {
		t = &asciiGlyphs{}
		a.ascii[k] = t
	}
	return t
}

// alphaAt reads one coverage value; golang/freetype hands back an *image.Alpha (its own buffer,
// reused by the next call, so callers copy at once).
func alphaAt(m image.Image, x, y int) uint8 {
	if a, ok := m.(*image.Alpha); ok {
		return a.AlphaAt(x, y).A
	}
	_, _, _, a := m.At(x, y).RGBA()
	return uint8(a >> 8)
}

// text appends s to the batch with its top-left corner at (x, y) (rounded to whole pixels, as
// layout measures it), rotated by rot radians about that corner. Lines split at '\n' and step
// down by the face's line height. Glyph positions keep sub-pixel phases along the line.
func (p *painter) text(dst *ebiten.Image, s string, id theme.FontID, size, x, y, rot float64, c color.NRGBA) {
	fk := faceKey{id, size}
	sin, cos := math.Sincos(rot)
	x0, y0 := math.Round(x), math.Round(y)
	baseline := math.Round(p.fonts.Ascent(id, size))
	lineH := math.Round(p.fonts.LineHeight(id, size))
	var pen fixed.Int26_6 // from the line start, in 1/64 px
	fast := p.atlas.asciiOf(fk)
	for _, r := range s {
		if r == '\n' {
			pen = 0
			baseline += lineH
			continue
		}
		whole := pen.Floor()
		phase := uint8((int(pen&63)*subpixelSteps + 32) / 64)
		if phase == subpixelSteps {
			whole, phase = whole+1, 0
		}
		var g glyph
		slot := int(r)*subpixelSteps + int(phase)
		if r >= 0 && r < 128 {
			g = fast[slot]
		}
		if !g.known {
			k := glyphKey{fk, r, phase}
			var ok bool
			if g, ok = p.atlas.lookup(k); !ok { // atlas full: draw what uses the old glyphs, then start it again
				p.flush(dst)
				p.atlas.refill()
				fast = p.atlas.asciiOf(fk)
				g, _ = p.atlas.lookup(k)
			}
			if r >= 0 && r < 128 {
				g.known = true
				fast[slot] = g
			}
		}
		if g.w > 0 {
			gx, gy := float64(whole+g.dx), baseline+float64(g.dy)
			corner := func(u, v float64) uint16 {
				lx, ly := gx+u, gy+v
				return p.texVertex(x0+lx*cos-ly*sin, y0+lx*sin+ly*cos, float64(g.sx)+u, float64(g.sy)+v, c)
			}
			w, h := float64(g.w), float64(g.h)
			p.quad(corner(0, 0), corner(w, 0), corner(w, h), corner(0, h))
			if len(p.vs) > maxBatchVertices {
				p.flush(dst)
			}
		}
		pen += p.fonts.Advance(id, size, r)
	}
}
