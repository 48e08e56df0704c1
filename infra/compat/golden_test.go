package compat

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden *.want files")

// goldenEnv is the environment the golden inputs are translated in.
func goldenEnv(k string) string {
	return map[string]string{"HUB_USER": "hubuser", "env": "envuser"}[k]
}

// TestGolden translates each input quoted from regsync's and image-syncer's
// documentation: the detected dialect, then the imagesync YAML or every
// refusal, against testdata/<dialect>/<name>.want.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*/*")
	require.NoError(t, err)
	for _, in := range inputs {
		if strings.HasSuffix(in, ".want") {
			continue
		}
		t.Run(in, func(t *testing.T) {
			raw, err := os.ReadFile(in)
			require.NoError(t, err)
			got := goldenOutput(t, raw)
			want := strings.TrimSuffix(in, filepath.Ext(in)) + ".want"
			if *update {
				require.NoError(t, os.WriteFile(want, []byte(got), 0o644))
			}
			exp, err := os.ReadFile(want)
			require.NoError(t, err, "run go test -update once, then review the file")
			assert.Equal(t, string(exp), got)
		})
	}
}

func goldenOutput(t *testing.T, raw []byte) string {
	format, err := Detect(raw, func(k string) bool { return nativeForTest[k] })
	require.NoError(t, err)
	out := "# detected: " + string(format) + "\n"
	res, err := Translate(raw, format, Options{Getenv: goldenEnv, ReadFile: func(p string) ([]byte, error) {
		return []byte("file:" + p), nil
	}})
	if err != nil {
		var ve *core.ValidationError
		require.True(t, errors.As(err, &ve), err)
		out += "# refused:\n"
		for _, f := range ve.Fields {
			out += "#   " + f.Field + ": " + f.Reason + "\n"
		}
		return out
	}
	y, err := res.YAML()
	require.NoError(t, err)
	return out + string(y)
}

// nativeForTest are imagesync's top-level keys (infra checks the real list).
var nativeForTest = map[string]bool{"log": true, "history": true, "concurrency": true, "registry": true, "acr": true,
	"swr": true, "hss": true, "events": true, "auth": true, "webhooks": true, "policy": true, "limits": true,
	"onPush": true, "jobs": true, "autoSync": true}
