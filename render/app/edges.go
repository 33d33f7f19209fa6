package app

import (
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
)

// edges tells which of the inputs the app reads went down or up since the previous Update: what
// ebiten/inpututil tells, for a dozen keys, three mouse buttons and the touches (inpututil keeps
// that book for every input device, 17 KB of the web page). A press and release between two
// updates is missed, as with inpututil.
type edges struct {
	keys          []ebiten.Key
	down, wasDown []bool
	buttons       [3]bool // left, right, middle now
	wasButtons    [3]bool
	touches       []ebiten.TouchID
	wasTouches    []ebiten.TouchID
}

// newEdges watches keys.
func newEdges(keys []ebiten.Key) *edges {
	return &edges{keys: keys, down: make([]bool, len(keys)), wasDown: make([]bool, len(keys))}
}

// update reads the inputs once per Update.
func (e *edges) update() {
	copy(e.wasDown, e.down)
	for i, k := range e.keys {
		e.down[i] = ebiten.IsKeyPressed(k)
	}
	e.wasButtons = e.buttons
	for i, b := range []ebiten.MouseButton{ebiten.MouseButtonLeft, ebiten.MouseButtonRight, ebiten.MouseButtonMiddle} {
		e.buttons[i] = ebiten.IsMouseButtonPressed(b)
	}
	e.wasTouches = append(e.wasTouches[:0], e.touches...)
	e.touches = ebiten.AppendTouchIDs(e.touches[:0])
}

// keyPressed reports whether k (one of the watched keys) went down since the last update.
func (e *edges) keyPressed(k ebiten.Key) bool {
	i := slices.Index(e.keys, k)
	return i >= 0 && e.down[i] && !e.wasDown[i]
}

// buttonPressed reports whether b went down since the last update.
func (e *edges) buttonPressed(b ebiten.MouseButton) bool {
	i := 0
	switch b {
	case ebiten.MouseButtonRight:
		i = 1
	case ebiten.MouseButtonMiddle:
		i = 2
	}
	return e.buttons[i] && !e.wasButtons[i]
}

// touchesPressed lists the touches that began since the last update.
func (e *edges) touchesPressed() []ebiten.TouchID {
	var out []ebiten.TouchID
	for _, id := range e.touches {
		if !slices.Contains(e.wasTouches, id) {
			out = append(out, id)
		}
	}
	return out
}

// touchReleased reports whether touch id ended since the last update.
func (e *edges) touchReleased(id ebiten.TouchID) bool {
	return slices.Contains(e.wasTouches, id) && !slices.Contains(e.touches, id)
}
