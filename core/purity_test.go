// Package core_test guards the core's purity: no OS, network, syscalls, unsafe or wall clock in any
// package under core/ (the core issue's rule; transitive standard-library imports are fine).
package core_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var forbiddenImports = map[string]bool{"os": true, "net": true, "syscall": true, "os/exec": true, "unsafe": true, "syscall/js": true}

func TestCoreImportsArePure(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}: {{join .Imports \" \"}}", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	pkgs := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		pkgs++
		for _, imp := range strings.Fields(imports) {
			if forbiddenImports[imp] || strings.Contains(imp, "ebiten") || strings.HasPrefix(imp, "net/") {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
	if pkgs < 5 {
		t.Fatalf("only %d core packages listed", pkgs)
	}
	deps, err := exec.Command("go", "list", "-deps", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, d := range strings.Fields(string(deps)) {
		if strings.Contains(d, "ebiten") || d == "syscall/js" {
			t.Errorf("the core reaches %s", d)
		}
	}
}

var wallClock = regexp.MustCompile(`\btime\.(Now|Sleep|After|AfterFunc|Tick|NewTimer|NewTicker|Since|Until)\b|\bgo func\b|\bgo [a-zA-Z_.]+\(`)

func TestCoreReadsNoWallClock(t *testing.T) {
	files := 0
	err := filepath.Walk(".", func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		files++
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//") {
				continue
			}
			if wallClock.MatchString(line) {
				t.Errorf("%s:%d: wall clock or goroutine in the core: %s", p, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Fatalf("only %d core files scanned", files)
	}
}
