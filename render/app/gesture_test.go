package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGestures(t *testing.T) {
	g := newGesture(1, 60)
	g.down(1, 100, 100)
	for i := 0; i < 10; i++ {
		assert.Equal(t, gestureNone, g.held(102, 101), "a still finger does nothing yet")
	}
	assert.Equal(t, gestureTap, g.up(), "a short still touch is a tap")

	g.down(2, 100, 100)
	var got []gestureEvent
	for i := 0; i < 40; i++ {
		if ev := g.held(100, 100); ev != gestureNone {
			got = append(got, ev)
		}
	}
	assert.Equal(t, []gestureEvent{gestureLong}, got, "held still for half a second: one long press")
	assert.Equal(t, gestureNone, g.up(), "a long press is not also a tap")

	g.down(3, 100, 100)
	assert.Equal(t, gestureNone, g.held(105, 100))
	assert.Equal(t, gestureDrag, g.held(130, 100), "moving past the slop drags")
	assert.Equal(t, gestureDrag, g.held(130, 100), "and stays a drag")
	assert.Equal(t, gestureNone, g.up())
	assert.Equal(t, gestureNone, g.held(1, 1), "no touch, nothing")
}
