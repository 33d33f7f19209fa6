// Command serve serves finwait's static site (dist/) on 127.0.0.1 with the page's strict
// Content-Security-Policy, and serves a precompressed NAME.gz with Content-Encoding: gzip when the
// browser accepts it.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

	"finwait/internal/site"
)

func main() {
	dir := flag.String("dir", "dist", "the site's `folder`")
	addr := flag.String("addr", "127.0.0.1:8080", "listen `address` (port 0 picks a free one)")
	flag.Parse()
	if _, err := os.Stat(*dir + "/index.html"); err != nil {
		log.Fatalf("serve: %s/index.html missing: run make web first", *dir)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal("serve: ", err)
	}
	fmt.Printf("finwait: http://%s/\n", ln.Addr())
	log.Fatal(http.Serve(ln, site.Handler(*dir)))
}
