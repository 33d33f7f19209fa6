// Command bare is the size baseline for the web page: an Ebiten program that only fills the
// screen, built exactly as finwait.wasm is (make web-size compares the two).
package main

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
)

type game struct{}

func (game) Update() error { return nil }

func (game) Draw(screen *ebiten.Image) { screen.Fill(color.RGBA{0x20, 0x60, 0xa0, 0xff}) }

func (game) Layout(w, h int) (int, int) { return w, h }

func main() {
	if err := ebiten.RunGame(game{}); err != nil {
		panic(err)
	}
}
