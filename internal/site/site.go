// Package site serves finwait's static site with its CSP and precompressed files (cmd/serve, tests).
package site

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// CSP is the page's Content-Security-Policy: no inline script or style, WebAssembly allowed.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"

// Handler serves dir with the CSP header and precompressed .gz siblings.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache")
		p := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if acceptsGzip(r) && !strings.HasSuffix(p, ".gz") {
			gz := filepath.Join(dir, filepath.FromSlash(p)) + ".gz"
			if st, err := os.Stat(gz); err == nil && !st.IsDir() {
				if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
					h.Set("Content-Type", ct)
				}
				h.Set("Content-Encoding", "gzip")
				h.Add("Vary", "Accept-Encoding")
				http.ServeFile(w, r, gz)
				return
			}
		}
		h.Add("Vary", "Accept-Encoding")
		files.ServeHTTP(w, r)
	})
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}
