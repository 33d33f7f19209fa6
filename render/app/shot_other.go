//go:build !js

package app

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"

	"finwait/core/trace"
	"finwait/render/source"
)

// bulkTrace is the -bulk measurement's synthetic trace (desktop only: it stays out of the page).
func bulkTrace(packets int) *trace.Trace { return source.Bulk(packets) }

// writeShot writes the captured frame as a PNG to Options.Shot (desktop -screenshot).
func (g *Game) writeShot() error {
	w, h := g.shotSize()
	img := &image.NRGBA{Pix: g.shotPix, Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	// ReadPixels gives premultiplied RGBA; the frame is opaque, so it is also NRGBA.
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("encode screenshot: %w", err)
	}
	if err := os.WriteFile(g.opt.Shot, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write screenshot: %w", err)
	}
	return nil
}
