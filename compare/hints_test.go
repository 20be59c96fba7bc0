package compare

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"
)

// TestHintIDsInCatalogue reads hints.go and checks that every mistake id a
// hint can name (the first argument of each hintSet.add call and the id of
// each encoder in encodingHint's table) is a catalogue id, so that renaming a
// mistake cannot leave a stale hint behind.
func TestHintIDsInCatalogue(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "hints.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]token.Pos{}
	literal := func(e ast.Expr) {
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				ids[s] = lit.Pos()
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "add" && len(n.Args) > 0 {
				literal(n.Args[0])
			}
		case *ast.FuncDecl:
			if n.Name.Name != "encodingHint" {
				return true
			}
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if cl, ok := m.(*ast.CompositeLit); ok {
					if _, isArray := cl.Type.(*ast.ArrayType); isArray {
						for _, e := range cl.Elts {
							if row, ok := e.(*ast.CompositeLit); ok && len(row.Elts) > 0 {
								literal(row.Elts[0])
							}
						}
					}
				}
				return true
			})
			return false
		}
		return true
	})
	if len(ids) < 20 {
		t.Fatalf("found %d hint ids in hints.go, want the whole table", len(ids))
	}
	for id, pos := range ids {
		if lookup(id) == nil {
			t.Errorf("%s: hint id %q is not a catalogue mistake", fset.Position(pos), id)
		}
	}
}
