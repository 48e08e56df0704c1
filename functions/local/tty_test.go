package main

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowProxy serves upstream's blobs at about bytesPerSec, so that a copy
// lasts long enough for the bar to be redrawn and logs to come between.
func slowProxy(t *testing.T, upstream string, bytesPerSec int) string {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	require.NoError(t, err)
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.FlushInterval = -1
	rp.ModifyResponse = func(res *http.Response) error {
		if strings.Contains(res.Request.URL.Path, "/blobs/") && res.Request.Method == http.MethodGet {
			res.Body = &slowBody{ReadCloser: res.Body, chunk: bytesPerSec / 20}
		}
		return nil
	}
	s := httptest.NewServer(rp)
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

type slowBody struct {
	io.ReadCloser
	chunk int
}

func (b *slowBody) Read(p []byte) (int, error) {
	time.Sleep(50 * time.Millisecond)
	return b.ReadCloser.Read(p[:min(len(p), b.chunk)])
}

// runInTerminal runs the binary with a pseudo-terminal as its stdin,
// stdout and stderr, and returns all it wrote and its exit code.
func runInTerminal(t *testing.T, bin string, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 400})
	require.NoError(t, err)
	var out bytes.Buffer
	_, err = io.Copy(&out, tty) // until the child exits: then reading the pty fails with EIO
	if !errors.Is(err, syscall.EIO) {
		require.NoError(t, err)
	}
	_ = cmd.Wait()
	tty.Close()
	return out.String(), cmd.ProcessState.ExitCode()
}

// screen is what a terminal shows after out: carriage returns go back to
// the line's start, ESC[K clears the rest of the line, newlines go down.
func screen(out string) []string {
	lines := []string{""}
	col := 0
	for i := 0; i < len(out); i++ {
		cur := &lines[len(lines)-1]
		switch {
		case out[i] == '\r':
			col = 0
		case out[i] == '\n':
			lines = append(lines, "")
			col = 0
		case strings.HasPrefix(out[i:], "\033[K"):
			*cur = (*cur)[:col]
			i += 2
		default:
			if col < len(*cur) {
				*cur = (*cur)[:col] + string(out[i]) + (*cur)[col+1:]
			} else {
				*cur += string(out[i])
			}
			col++
		}
	}
	return lines
}

var barLine = regexp.MustCompile(`^\[[#-]{30}\] +\d+% `)

// TestTerminalLogsGoAboveTheBar runs sync in a pseudo-terminal while it
// logs (-v, a progress line a second) and draws its bar: every log line
// is a line of its own, never inside a bar line; the bar's total is the
// planned one from its first drawing; without -v only warnings would be
// logged.
func TestTerminalLogsGoAboveTheBar(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/team/app:v1", 1<<20, 2, 3) // 6 MiB of layers
	slow := slowProxy(t, src, 2<<20)                           // ~3 s
	cfg := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("registry: {progressSeconds: 1}\n"), 0o600))
	bin := buildBinary(t)

	out, code := runInTerminal(t, bin, nil, "sync", slow+"/team/app:v1", dst+"/mirror/app", "--config", cfg, "-v")
	require.Equal(t, 0, code, out)
	lines := screen(out)
	var logs, bars int
	for _, l := range lines {
		isLog, isBar := strings.Contains(l, "level="), barLine.MatchString(l)
		assert.False(t, isLog && isBar, "a log line inside the bar: %q", l)
		if isLog {
			logs++
			assert.True(t, strings.HasPrefix(l, "time="), "a log line starts its own line: %q", l)
		}
		if isBar {
			bars++
		}
	}
	assert.GreaterOrEqual(t, logs, 3, "progress logs came while the bar was shown:\n%s", strings.Join(lines, "\n"))
	assert.Contains(t, out, "msg=copying", "-v logs at info")
	assert.Equal(t, 1, bars, "one bar line stays: the final one\n%s", strings.Join(lines, "\n"))
	assert.Regexp(t, `\[#{30}\] 100% 6\.\d MiB in \d+(\.\d)?s  `, out)

	drawn := regexp.MustCompile(`\] +\d+% [\d.]+ [KM]?i?B / ([\d.]+ MiB)  [\d.]+ [KM]?i?B/s  ETA (\S+)`).FindAllStringSubmatch(out, -1)
	require.GreaterOrEqual(t, len(drawn), 5, "the bar was redrawn as bytes moved")
	for _, d := range drawn {
		assert.Equal(t, drawn[0][1], d[1], "the total is known before bytes move and stays")
	}
	assert.Regexp(t, `^\d+s$`, drawn[len(drawn)/2][2], "an ETA once bytes move")
	assert.Regexp(t, `^copied \S+ -> \S+ \(sha256:[0-9a-f]{64}\): 6\.\d MiB in `, lines[len(lines)-2], "the result, as text on a terminal")

	out, code = runInTerminal(t, bin, nil, "sync", slow+"/team/app:v1", dst+"/other/app", "--config", cfg)
	require.Equal(t, 0, code, out)
	assert.NotContains(t, out, "level=", "on a terminal the default level is warn")
	assert.Contains(t, out, "100%")
}
