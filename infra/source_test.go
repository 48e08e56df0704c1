package infra_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// TestFindSourceOrder: IMAGESYNC_CONFIG, then IMAGESYNC_CONFIG_YAML, then
// imagesync.yaml in each code root, then the default; what lost is listed.
func TestFindSourceOrder(t *testing.T) {
	const fileDoc, envDoc, rootDoc = "history: 1\n", "history: 2\n", "history: 3\n"
	file := write(t, fileDoc)
	empty, root := t.TempDir(), t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, infra.ConfigFile), []byte(rootDoc), 0o600))
	rootFile := filepath.Join(root, infra.ConfigFile)
	cases := []struct {
		name     string
		env      map[string]string
		roots    []string
		from     string
		doc      string
		shadowed []string
	}{
		{"nothing", nil, []string{empty}, infra.FromDefault, "", nil},
		{"code root", nil, []string{empty, root}, rootFile, rootDoc, nil},
		{"env over code root", map[string]string{"IMAGESYNC_CONFIG_YAML": envDoc}, []string{root}, infra.FromEnv, envDoc, []string{rootFile}},
		{"path over all", map[string]string{"IMAGESYNC_CONFIG": file, "IMAGESYNC_CONFIG_YAML": envDoc}, []string{root},
			file, fileDoc, []string{infra.FromEnv, rootFile}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, raw, err := infra.FindSource(env(c.env), c.roots)
			require.NoError(t, err)
			assert.Equal(t, c.from, src.From)
			assert.Equal(t, c.doc, string(raw))
			assert.Equal(t, c.shadowed, src.Shadowed)
			if c.doc != "" {
				assert.Equal(t, digest(c.doc), src.Digest)
			} else {
				assert.Nil(t, raw, "the default has no bytes")
				assert.Empty(t, src.Digest)
			}
		})
	}
}

func TestFindSourceMissingPathIsAnError(t *testing.T) {
	_, _, err := infra.FindSource(env(map[string]string{"IMAGESYNC_CONFIG": "/nonexistent/imagesync.yaml"}), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "IMAGESYNC_CONFIG")
}

// TestLoadSourceEnvDocument: IMAGESYNC_CONFIG_YAML is loaded like a file;
// its problems name the variable.
func TestLoadSourceEnvDocument(t *testing.T) {
	cfg, src, err := infra.LoadSource(env(map[string]string{"IMAGESYNC_CONFIG_YAML": "history: 7\n"}))
	require.NoError(t, err)
	assert.Equal(t, infra.FromEnv, src.From)
	require.NotNil(t, cfg.History)
	assert.Equal(t, 7, *cfg.History)

	_, _, err = infra.LoadSource(env(map[string]string{"IMAGESYNC_CONFIG_YAML": "histroy: 7\n"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "IMAGESYNC_CONFIG_YAML")
	assert.Contains(t, err.Error(), "histroy")
}

// TestCodeRoots: the platforms' code directories follow the executable's,
// each once; on Cloud Functions the uploaded source under the working
// directory.
func TestCodeRoots(t *testing.T) {
	exe, err := os.Executable()
	require.NoError(t, err)
	exe, err = filepath.EvalSymlinks(exe)
	require.NoError(t, err)
	wd, err := os.Getwd()
	require.NoError(t, err)
	roots := infra.CodeRoots(env(map[string]string{"LAMBDA_TASK_ROOT": "/var/task", "FC_FUNC_CODE_PATH": "/code",
		"RUNTIME_CODE_ROOT": "/var/task", "FUNCTION_TARGET": "imagesync"}))
	assert.Equal(t, []string{filepath.Dir(exe), "/var/task", "/code", filepath.Join(wd, infra.GCFSourceDir)}, roots)
	assert.Equal(t, []string{filepath.Dir(exe)}, infra.CodeRoots(env(nil)))
}

// TestSourceLogSaysWhichWon: one line, naming the source and what it
// shadowed, or saying that the default is used.
func TestSourceLogSaysWhichWon(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	infra.Source{From: infra.FromEnv, Digest: digest("x"), Shadowed: []string{"/var/task/imagesync.yaml"}}.Log(log)
	assert.Contains(t, buf.String(), `"source":"env"`)
	assert.Contains(t, buf.String(), `"ignored":["/var/task/imagesync.yaml"]`)
	assert.Equal(t, 1, bytes.Count(buf.Bytes(), []byte("\n")))

	buf.Reset()
	infra.Source{From: infra.FromDefault}.Log(log)
	assert.Contains(t, buf.String(), "embedded default")
	assert.Equal(t, 1, bytes.Count(buf.Bytes(), []byte("\n")))
}
