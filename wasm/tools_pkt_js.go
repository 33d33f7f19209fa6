//go:build js && pkt

package main

import (
	"finwait/internal/webstate"
	"finwait/render/app"
)

// The page's full module (-tags pkt) has the terminal panel and the compare view: their code
// (core/toolview, core/compare) is over the main module's size goal (docs/web-size.md).
func init() {
	app.EnableTools()
	webstate.EnableCompare()
}
