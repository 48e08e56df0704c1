package httpapi_test

import (
	"go/parser"
	gotoken "go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The package (its non-test files) imports neither html/template nor
// text/template: their executor calls reflect.Value.MethodByName with a
// name known only at run time, which makes the linker keep every exported
// method of every type, and every platform binary links this package
// (42.9 → 24.0 MB for the local binary, see ui_render.go).
func TestNoTemplateImport(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(gotoken.NewFileSet(), name, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			assert.NotContains(t, []string{"html/template", "text/template"}, path,
				"%s imports %s: template execution (reflect.Value.MethodByName) turns off the linker's dead-method elimination "+
					"in every binary that links httpapi; write markup with uiWriter (ui_render.go) instead", name, path)
		}
		checked++
	}
	require.NotZero(t, checked, "no Go file found: the test runs in the package's directory")
}
