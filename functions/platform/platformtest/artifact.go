package platformtest

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Artifact is a platform's zip as users make it, by the Makefile (make
// TARGET CONFIG=... GOARCH=<host>), into a temporary DIST, once per test
// binary, then unpacked as the platform unpacks it.
type Artifact struct {
	Target string // the make target, e.g. build-aws
	Zip    string // the zip under DIST, e.g. aws/imagesync-aws.zip
	Config string // the configuration bundled (make CONFIG=); "" for none

	once sync.Once
	dist string // DIST, holding the zip and the unpacked tree
	err  error
}

// Dir makes and unpacks the artifact on the first call and returns the
// directory it is unpacked in.
func (a *Artifact) Dir(t testing.TB) string {
	t.Helper()
	a.once.Do(func() { a.err = a.make() })
	require.NoError(t, a.err)
	return filepath.Join(a.dist, "unpacked")
}

// ZipPath is the zip itself (made by Dir).
func (a *Artifact) ZipPath(t testing.TB) string {
	t.Helper()
	a.Dir(t)
	return filepath.Join(a.dist, a.Zip)
}

func (a *Artifact) make() error {
	root, err := RepoRoot()
	if err != nil {
		return err
	}
	if a.dist, err = os.MkdirTemp("", "imagesync-dist-"); err != nil {
		return err
	}
	args := []string{"-C", root, "--no-print-directory", a.Target, "DIST=" + a.dist, "GOARCH=" + runtime.GOARCH}
	if a.Config != "" {
		config := filepath.Join(a.dist, "config.yaml")
		if err := os.WriteFile(config, []byte(a.Config), 0o644); err != nil {
			return err
		}
		args = append(args, "CONFIG="+config)
	}
	cmd := exec.Command("make", args...)
	cmd.Env = append(os.Environ(), "IMAGESYNC_CONFIG=", "IMAGESYNC_CONFIG_YAML=")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("make %s: %v: %s", a.Target, err, out)
	}
	return Unzip(filepath.Join(a.dist, a.Zip), filepath.Join(a.dist, "unpacked"))
}

// RepoRoot is the directory of go.mod above the working directory.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Unzip unpacks the zip at path into dir, with the modes it records.
func Unzip(path, dir string) error {
	r, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer r.Close()
	for _, f := range r.File {
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := unzipFile(f, dst); err != nil {
			return fmt.Errorf("unzipping %s: %w", f.Name, err)
		}
	}
	return nil
}

func unzipFile(f *zip.File, dst string) error {
	in, err := f.Open()
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, f.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Remove deletes what the artifact made.
func (a *Artifact) Remove() {
	if a.dist != "" {
		_ = os.RemoveAll(a.dist)
	}
}
