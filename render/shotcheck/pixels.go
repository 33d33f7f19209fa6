package shotcheck

import (
	"image"
	"image/color"

	"finwait/render/layout"
)

// Near reports whether two colours differ by at most tol (sum of 8-bit channel differences).
func Near(a, b color.Color, tol int) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) int {
		v := int(x>>8) - int(y>>8)
		if v < 0 {
			return -v
		}
		return v
	}
	return d(r1, r2)+d(g1, g2)+d(b1, b2) <= tol
}

// AnyNear reports whether a pixel in the 3×3 block around (x, y) is near colour c.
func AnyNear(img image.Image, x, y int, c color.Color) bool {
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if Near(img.At(x+dx, y+dy), c, 40) {
				return true
			}
		}
	}
	return false
}

// UnderLabel reports whether (x, y) lies under (or within 4 px × scale of) a placed label, where an
// arrow's own colour is hidden.
func UnderLabel(f *layout.Frame, x, y, scale float64) bool {
	for _, l := range f.Labels {
		if l.Box.Inset(-4*scale).Contains(x, y) {
			return true
		}
	}
	return false
}
