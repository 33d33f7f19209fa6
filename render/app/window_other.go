//go:build !js

package app

import "github.com/hajimehoshi/ebiten/v2"

// windowSize is the window's size in logical pixels.
func windowSize() (int, int) { return ebiten.WindowSize() }
