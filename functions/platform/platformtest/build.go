package platformtest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Binary is the package in the test's directory, built as the Makefile
// builds it (CGO off, -trimpath, stripped) for the host, once per test
// binary.
type Binary struct {
	Name  string   // the file's name, e.g. "bootstrap"
	Flags []string // more go build flags, e.g. -tags lambda.norpc
	Env   []string // more environment for go build

	once sync.Once
	dir  string
	err  error
}

// Path builds the binary on the first call and returns its path.
func (b *Binary) Path(t testing.TB) string {
	t.Helper()
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "imagesync-"+b.Name+"-"); b.err != nil {
			return
		}
		args := append(append([]string{"build"}, b.Flags...),
			"-trimpath", "-ldflags", "-s -w", "-o", filepath.Join(b.dir, b.Name), ".")
		cmd := exec.Command("go", args...)
		cmd.Env = append(append(os.Environ(), "CGO_ENABLED=0"), b.Env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("%v: %s", err, out)
		}
	})
	require.NoError(t, b.err)
	return filepath.Join(b.dir, b.Name)
}

// Main runs the tests, removes what bins built, and exits: a TestMain.
func Main(m *testing.M, bins ...*Binary) {
	code := m.Run()
	for _, b := range bins {
		if b.dir != "" {
			_ = os.RemoveAll(b.dir)
		}
	}
	os.Exit(code)
}

// Command is bin with args, in this process's environment plus env.
func Command(bin string, args []string, env ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// Run starts cmd and kills it when the test ends.
func Run(t testing.TB, cmd *exec.Cmd) {
	t.Helper()
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
}

// Output is an io.Writer for a process's output that tests may read while
// the process still writes (a bytes.Buffer there is a data race).
type Output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

// String is what was written so far.
func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}
