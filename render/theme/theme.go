// Package theme holds finwait's palette (design README: Okabe-Ito kinds and families, light and
// dark), its type sizes and its fonts. It stays free of Ebiten so that layout and its tests can
// measure text without a display; the app rasterises the faces into its glyph atlas for drawing.
package theme

import (
	"image/color"
)

// Role is a semantic colour: a packet kind or a state family. Each has a base colour for strokes
// and fills and a text tint that reaches 4.5:1 on the theme's backgrounds.
type Role int

// Roles, in the design's table order.
const (
	RoleSyn  Role = iota // SYN / listen
	RoleAck              // pure ACK / closed
	RoleData             // data / open states
	RoleFin              // FIN / closing states
	RoleRst              // RST / errors
	RoleTW               // TIME_WAIT and its timer
	roleCount
)

// Palette is one theme's colours.
type Palette struct {
	Name   string
	Dark   bool
	Bg     color.NRGBA // page
	Bar    color.NRGBA // bars, bands, cards' fill
	Line   color.NRGBA // hairlines, borders
	Ink    color.NRGBA // main text, lifelines
	Ink2   color.NRGBA // secondary text
	Accent color.NRGBA // selected control
	OnAcc  color.NRGBA // text on Accent
	Card   color.NRGBA // panel cards
	Hi     color.NRGBA // highlight row (just changed)
	base   [roleCount]color.NRGBA
	text   [roleCount]color.NRGBA
}

// Base is the role's stroke/fill colour.
func (p *Palette) Base(r Role) color.NRGBA { return p.base[r] }

// Text is the role's text tint for this theme.
func (p *Palette) Text(r Role) color.NRGBA { return p.text[r] }

// Tint is the role's base colour mixed into the background (a pill's or card's fill).
func (p *Palette) Tint(r Role, amount float64) color.NRGBA { return Mix(p.Bg, p.base[r], amount) }

func hex(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// Mix blends b into a by t (0 = a, 1 = b).
func Mix(a, b color.NRGBA, t float64) color.NRGBA {
	m := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.NRGBA{R: m(a.R, b.R), G: m(a.G, b.G), B: m(a.B, b.B), A: m(a.A, b.A)}
}

// Fade multiplies a colour's alpha (reveal mode draws what has not happened yet at ~30 %).
func Fade(c color.NRGBA, alpha float64) color.NRGBA {
	c.A = uint8(float64(c.A)*alpha + 0.5)
	return c
}

var bases = [roleCount]color.NRGBA{hex(0x0072B2), hex(0x8A8F98), hex(0x009E73), hex(0xE69F00), hex(0xD55E00), hex(0xCC79A7)}

// Light is the light theme (design README).
func Light() *Palette {
	return &Palette{
		Name: "light", Bg: hex(0xFFFFFF), Bar: hex(0xF4F5F7), Line: hex(0xDADDE3), Ink: hex(0x1B1F24), Ink2: hex(0x5A6270),
		Accent: hex(0x0072B2), OnAcc: hex(0xFFFFFF), Card: hex(0xFFFFFF), Hi: hex(0xFBEFD5),
		base: bases,
		text: [roleCount]color.NRGBA{hex(0x0067A3), hex(0x5F6673), hex(0x00765A), hex(0x8F5A00), hex(0xB33F00), hex(0x9A3F77)},
	}
}

// Dark is the dark theme (design README).
func Dark() *Palette {
	return &Palette{
		Name: "dark", Dark: true, Bg: hex(0x15181D), Bar: hex(0x1D2128), Line: hex(0x2C323C), Ink: hex(0xE8EBF0), Ink2: hex(0xA3ABB8),
		Accent: hex(0x0072B2), OnAcc: hex(0xFFFFFF), Card: hex(0x191C22), Hi: hex(0x4A3A12),
		base: bases,
		text: [roleCount]color.NRGBA{hex(0x56B4E9), hex(0xA3ABB8), hex(0x3CC79A), hex(0xE69F00), hex(0xFF8A4C), hex(0xE08FC4)},
	}
}

// ByName returns "light" or "dark"; anything else is light.
func ByName(name string) *Palette {
	if name == "dark" {
		return Dark()
	}
	return Light()
}

// FlagsRole is the role of a packet by its tcpdump flags: RST wins, then FIN, SYN, data, ACK.
func FlagsRole(flags string, length int) Role {
	has := func(c byte) bool {
		for i := 0; i < len(flags); i++ {
			if flags[i] == c {
				return true
			}
		}
		return false
	}
	switch {
	case has('R'):
		return RoleRst
	case has('F'):
		return RoleFin
	case has('S'):
		return RoleSyn
	case length > 0 || has('P'):
		return RoleData
	}
	return RoleAck
}

// StateRole is a kernel state's family: open, closing, waiting (TIME_WAIT), closed, listen.
func StateRole(state string) Role {
	switch state {
	case "ESTABLISHED", "SYN_RECV":
		return RoleData
	case "SYN_SENT", "LISTEN":
		return RoleSyn
	case "FIN_WAIT1", "FIN_WAIT2", "CLOSING", "CLOSE_WAIT", "LAST_ACK":
		return RoleFin
	case "TIME_WAIT":
		return RoleTW
	}
	return RoleAck
}
