package platformtest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Binary is the entrypoint binary of an Artifact (built as the Makefile
// builds it, for the host), copied alone into a directory of its own, with
// no configuration beside it: for tests that hand their own.
type Binary struct {
	Artifact *Artifact
	Name     string // the file's name in the zip, e.g. "bootstrap"

	once sync.Once
	dir  string
	err  error
}

// Path makes the artifact on the first call and returns the binary's path.
func (b *Binary) Path(t testing.TB) string {
	t.Helper()
	src := filepath.Join(b.Artifact.Dir(t), b.Name)
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "imagesync-"+b.Name+"-"); b.err != nil {
			return
		}
		raw, err := os.ReadFile(src)
		if err != nil {
			b.err = err
			return
		}
		b.err = os.WriteFile(filepath.Join(b.dir, b.Name), raw, 0o755)
	})
	require.NoError(t, b.err)
	return filepath.Join(b.dir, b.Name)
}

// Remove deletes the copy of the binary.
func (b *Binary) Remove() {
	if b.dir != "" {
		_ = os.RemoveAll(b.dir)
	}
}

// Main runs the tests, removes what parts (*Binary, *Artifact) made, and
// exits: a TestMain.
func Main(m *testing.M, parts ...interface{ Remove() }) {
	code := m.Run()
	for _, p := range parts {
		p.Remove()
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
