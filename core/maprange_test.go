package core_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestNoUnexplainedMapRange: Go's map order changes from run to run, so no iteration over a map
// in the core may reach the trace or a model decision (issue 11: a listener's half-open requests
// were cancelled in map order). Every `range` over a map in core/ non-test code must carry a
// comment on its line, `// map order: …`, saying why its order cannot matter; otherwise sort the
// keys or keep an insertion-ordered slice.
func TestNoUnexplainedMapRange(t *testing.T) {
	fset := token.NewFileSet()
	c := &checker{fset: fset, std: importer.ForCompiler(fset, "source", nil), pkgs: map[string]*types.Package{}, files: map[string][]*ast.File{}}
	var dirs []string
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() != "testdata" {
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ranges := 0
	var bad []string
	for _, dir := range dirs {
		path := "finwait/core"
		if dir != "." {
			path += "/" + filepath.ToSlash(dir)
		}
		info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
		files, err := c.check(path, dir, info)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, f := range files {
			explained := map[int]bool{}
			for _, cg := range f.Comments {
				for _, cm := range cg.List {
					if strings.Contains(cm.Text, "map order:") {
						explained[fset.Position(cm.Pos()).Line] = true
					}
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				r, ok := n.(*ast.RangeStmt)
				if !ok {
					return true
				}
				if _, isMap := info.Types[r.X].Type.Underlying().(*types.Map); !isMap {
					return true
				}
				ranges++
				if pos := fset.Position(r.For); !explained[pos.Line] {
					bad = append(bad, fmt.Sprintf("%s:%d: range over a map without `// map order: …`", pos.Filename, pos.Line))
				}
				return true
			})
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
	if ranges < 10 {
		t.Fatalf("only %d map ranges found: the check is not looking", ranges)
	}
}

// checker type-checks the core's packages from source (finwait/… recursively, the standard
// library through the source importer).
type checker struct {
	fset  *token.FileSet
	std   types.Importer
	pkgs  map[string]*types.Package
	files map[string][]*ast.File
}

func (c *checker) Import(path string) (*types.Package, error) {
	if p := c.pkgs[path]; p != nil {
		return p, nil
	}
	if rest, ok := strings.CutPrefix(path, "finwait/core/"); ok {
		if _, err := c.check(path, filepath.FromSlash(rest), &types.Info{}); err != nil {
			return nil, err
		}
		return c.pkgs[path], nil
	}
	return c.std.Import(path)
}

// check parses dir's non-test files and type-checks them as package path, filling info.
func (c *checker) check(path, dir string, info *types.Info) ([]*ast.File, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(c.fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, nil
	}
	conf := types.Config{Importer: c}
	pkg, err := conf.Check(path, c.fset, files, info)
	if err != nil {
		return nil, err
	}
	if c.pkgs[path] == nil { // checked again for its ranges: importers keep the first, so the types stay one
		c.pkgs[path] = pkg
	}
	return files, nil
}
