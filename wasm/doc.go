// Command wasm is finwait's web page: the render/app Ebiten game compiled for js/wasm, started from
// the page's URL parameters (internal/webstate), with a read-only JS API on window.finwait
// (main_js.go). Build it with `make web`.
package main
