package core_test

import (
	"go/build"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCoreImportsOnlyStandardLibrary enforces the dependency rule: core
// reaches nothing but the standard library (its tests may use testify).
func TestCoreImportsOnlyStandardLibrary(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	require.NoError(t, err)
	for _, imp := range pkg.Imports {
		first := strings.Split(imp, "/")[0]
		require.NotContains(t, first, ".", "core imports %s: core may use the standard library only", imp)
	}
}
