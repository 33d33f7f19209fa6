package webstate

import (
	"sort"
	"strconv"
	"strings"
)

// The page hands values to JavaScript as plain maps and slices, which syscall/js.ValueOf turns
// into fresh JS objects: no encoding/json in the .wasm, and callers can never reach Go state.

// Pairs is p as the page's finwait.params object, key after value (the keys are the field
// names), for the page to make the object of: a map literal costs a map assignment per key in
// the .wasm. A pointer receiver: a Params reaches an interface in the page, and a value method
// is linked twice (itself and its pointer wrapper).
func (p *Params) Pairs() []any {
	return []any{
		"Scenario", p.Scenario, "Profile", p.Profile, "T", p.T, "Speed", p.Speed, "Autoplay", p.Autoplay,
		"Controls", p.Controls, "Theme", p.Theme, "Lang", p.Lang, "Embed", p.Embed, "ID", p.ID,
	}
}

// Map is h as a JS object: {sockets: [{conn, state}], rstReceived, rstSent}.
func (h *HostState) Map() map[string]any {
	socks := make([]any, len(h.Sockets))
	for i, s := range h.Sockets {
		socks[i] = map[string]any{"conn": s.Conn, "state": s.State}
	}
	return map[string]any{"sockets": socks, "rstReceived": h.RSTReceived, "rstSent": h.RSTSent}
}

// HostsMap is StateAt's result as a JS object keyed by host name.
func HostsMap(hosts map[string]*HostState) map[string]any {
	out := make(map[string]any, len(hosts))
	for n, h := range hosts {
		out[n] = h.Map()
	}
	return out
}

// Signature is a string that changes exactly when some host's socket states or RST counts
// change: the page posts a "state" event to its parent when it does.
func Signature(hosts map[string]*HostState) string {
	names := make([]string, 0, len(hosts))
	for n := range hosts {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		h := hosts[n]
		b.WriteString(n)
		b.WriteByte('{')
		for _, s := range h.Sockets {
			b.WriteString(strconv.Itoa(s.Conn))
			b.WriteByte(':')
			b.WriteString(s.State)
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(h.RSTReceived))
		b.WriteByte('/')
		b.WriteString(strconv.Itoa(h.RSTSent))
		b.WriteByte('}')
	}
	return b.String()
}

// ToAny turns a []string into the []any that syscall/js.ValueOf accepts.
func ToAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
