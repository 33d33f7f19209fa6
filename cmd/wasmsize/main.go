// Command wasmsize tells what a Go .wasm spends its bytes on: code bytes per Go package, read
// from the function bodies and the "name" section of a build made without -s -w, and optionally
// the difference from a baseline build (the bare Ebiten program of make web-size).
//
//	wasmsize [-top N] finwait.wasm [bare.wasm]
//
// make web-size-report builds both and runs it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	top := flag.Int("top", 30, "print the `N` largest packages")
	pkgFile := flag.String("pkgs", "", "a `file` of package paths, one per line (go list -deps), to name packages exactly")
	funcs := flag.String("funcs", "", "list the functions whose names start with this `prefix` (as the name section spells them: finwait_core_scenario.), largest first, instead of packages")
	flag.Parse()
	if flag.NArg() < 1 || flag.NArg() > 2 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-top N] app.wasm [baseline.wasm]")
		os.Exit(2)
	}
	var pkgs []string
	if *pkgFile != "" {
		b, err := os.ReadFile(*pkgFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "wasmsize:", err)
			os.Exit(1)
		}
		pkgs = strings.Fields(string(b))
	}
	if *funcs != "" {
		if err := listFuncs(os.Stdout, *top, *funcs, flag.Arg(0)); err != nil {
			fmt.Fprintln(os.Stderr, "wasmsize:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Stdout, *top, pkgs, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
}

// listFuncs prints the top largest functions of the module at path whose names start with
// prefix, with their code bytes and the prefix's total.
func listFuncs(w io.Writer, top int, prefix, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	m, err := Parse(b)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	type fn struct {
		name  string
		bytes int
	}
	var fns []fn
	total := 0
	for i, size := range m.Bodies {
		if name := m.Names[m.Imported+i]; strings.HasPrefix(name, prefix) {
			fns = append(fns, fn{name, size})
			total += size
		}
	}
	sort.Slice(fns, func(i, j int) bool {
		if fns[i].bytes != fns[j].bytes {
			return fns[i].bytes > fns[j].bytes
		}
		return fns[i].name < fns[j].name
	})
	fmt.Fprintf(w, "%d code bytes in %d functions named %s*\n", total, len(fns), prefix)
	for i, f := range fns {
		if i == top {
			break
		}
		fmt.Fprintf(w, "%10d  %s\n", f.bytes, f.name)
	}
	return nil
}

func run(w io.Writer, top int, pkgs []string, paths []string) error {
	var mods []*Module
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m, err := Parse(b)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if len(m.Names) == 0 {
			return fmt.Errorf("%s: no function names (build it without -ldflags=-s)", p)
		}
		mods = append(mods, m)
	}
	app := mods[0]
	var base *Module
	if len(mods) == 2 {
		base = mods[1]
	}
	fmt.Fprintf(w, "%-12s %12s", "", paths[0])
	if base != nil {
		fmt.Fprintf(w, " %12s %10s", paths[1], "diff")
	}
	fmt.Fprintln(w)
	row := func(name string, get func(*Module) int) {
		fmt.Fprintf(w, "%-12s %12d", name, get(app))
		if base != nil {
			fmt.Fprintf(w, " %12d %+10d", get(base), get(app)-get(base))
		}
		fmt.Fprintln(w)
	}
	row("code", (*Module).CodeBytes)
	row("data", func(m *Module) int { return m.DataBytes })
	row("file", func(m *Module) int { return m.FileBytes })

	ap := app.PackageCode(pkgs)
	bp := base.PackageCode(pkgs)
	type share struct {
		name string
		a, b int
	}
	var shares []share
	for n, a := range ap {
		shares = append(shares, share{n, a, bp[n]})
	}
	sort.Slice(shares, func(i, j int) bool {
		di, dj := shares[i].a-shares[i].b, shares[j].a-shares[j].b
		if di != dj {
			return di > dj
		}
		return shares[i].name < shares[j].name
	})
	order := "size"
	if base != nil {
		order = "growth over the baseline"
	}
	fmt.Fprintf(w, "\ncode bytes per package, largest %s first:\n", order)
	for i, p := range shares {
		if i == top || (base != nil && p.a <= p.b) {
			break
		}
		fmt.Fprintf(w, "%10d  %s\n", p.a-p.b, p.name)
	}
	return nil
}
