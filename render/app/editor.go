package app

import "finwait/render/source"

// The page's editor and share links start from the scenario on screen as a file.

// rememberSource keeps the text a file's scenario was opened from, so that the editor and a
// share link carry the user's own text (its layout, its key order) rather than a re-encoding.
func (g *Game) rememberSource(name string, data []byte) {
	if g.fileSrc == nil {
		g.fileSrc = map[string][]byte{}
	}
	g.fileSrc[name] = append([]byte(nil), data...)
}

// ScenarioSource is the text the scenario on screen was opened from (a file, the page's editor
// or a share link), or nil for a catalog scenario, whose file is what `finwait show` prints (the
// page serves those, as it links no JSON encoder). Desktop -file scenarios have none either.
func (g *Game) ScenarioSource() []byte {
	if !g.FromFile() {
		return nil
	}
	return g.fileSrc[g.sc.Name]
}

// WhatIfs is the number of what-if changes (lost packets, killed processes) on screen.
func (g *Game) WhatIfs() int { return len(g.forks) }

// Profiles lists the kernel profiles the scenario on screen exists in.
func (g *Game) Profiles() []string { return source.Profiles(g.catalog[g.scIdx]) }
