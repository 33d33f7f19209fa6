// Package xref links a kernel function name the model shows (state and path events, the
// kernel-path panel, explanations) to its source on a public cross-referencer: Bootlin's Elixir
// identifier search, in the kernel version of the profile (modern: v6.18, 2.6: v2.6.32). No
// kernel text is copied; the link opens the identifier's definitions and uses there.
package xref

import (
	"errors"
	"sort"
	"strconv"
)

// Base is the cross-referencer's address; a link is Base + version + "/A/ident/" + name.
const Base = "https://elixir.bootlin.com/linux/"

// Version is the kernel tag a profile's links open ("modern" → v6.18, "2.6" → v2.6.32), and
// false for a profile it does not know.
func Version(profile string) (string, bool) {
	switch profile {
	case "modern", "":
		return "v6.18", true
	case "2.6":
		return "v2.6.32", true
	}
	return "", false
}

// URL is the identifier search for fn in the profile's kernel. fn must be a C identifier
// (letters, digits, underscores, not starting with a digit, at most 128 bytes), so that a link
// is never built from arbitrary text.
func URL(fn, profile string) (string, error) {
	v, ok := Version(profile)
	if !ok {
		return "", errors.New("kernel source link: unknown profile " + strconv.Quote(profile) + " (modern or 2.6)")
	}
	if !Ident(fn) {
		return "", errors.New("kernel source link: " + strconv.Quote(fn) + " is not a C identifier")
	}
	return Base + v + "/A/ident/" + fn, nil
}

// Ident reports whether s is a C identifier of at most 128 bytes.
func Ident(s string) bool {
	if s == "" || len(s) > 128 || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Functions lists the distinct kernel function names among fns (the Fn fields of a trace's
// events), sorted, leaving out what is not an identifier (an empty Fn).
func Functions(fns []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fns {
		if Ident(f) && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}
