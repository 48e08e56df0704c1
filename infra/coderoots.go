package infra

import (
	"os"
	"path/filepath"
	"slices"
)

// GCFSourceDir is where Google's Go functions buildpack moves the uploaded
// source, under the working directory of the running function (/workspace).
const GCFSourceDir = "serverless_function_source_code"

// CodeRoots are the directories LoadSource looks for imagesync.yaml in, in
// order: the directory of the running executable (the root of every zip:
// Lambda's bootstrap, FC's main, FunctionGraph's imagesync-fg), then the
// platform's own code directory where it differs: LAMBDA_TASK_ROOT
// (Lambda), FC_FUNC_CODE_PATH (Function Compute), RUNTIME_CODE_ROOT
// (FunctionGraph), and on Cloud Functions (FUNCTION_TARGET is set) the
// uploaded source, GCFSourceDir under the working directory: there the
// executable is built elsewhere from that source.
func CodeRoots(getenv func(string) string) []string {
	var roots []string
	add := func(dir string) {
		if dir == "" {
			return
		}
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		if !slices.Contains(roots, dir) {
			roots = append(roots, dir)
		}
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		add(filepath.Dir(exe))
	}
	for _, k := range []string{"LAMBDA_TASK_ROOT", "FC_FUNC_CODE_PATH", "RUNTIME_CODE_ROOT"} {
		add(getenv(k))
	}
	if getenv("FUNCTION_TARGET") != "" {
		if wd, err := os.Getwd(); err == nil {
			add(filepath.Join(wd, GCFSourceDir))
		}
	}
	return roots
}
