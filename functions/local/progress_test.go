package main

import (
	"bytes"
	"context"
	"github.com/imagesync/imagesync/infra"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Not on a terminal, sync prints plain progress lines on stderr (beside
// its logs), the final one with the bytes copied; stdout keeps the task.
func TestSyncProgressLines(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/app:v1", 1<<20, 2, 2)
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"sync", src + "/app:v1", dst + "/app", "--progress-interval", "1ms"}, &out, &errOut, noenv)
	require.Equal(t, 0, code, errOut.String())
	assert.False(t, isTerminal(&errOut))
	var last string
	for _, l := range strings.Split(errOut.String(), "\n") {
		if strings.HasPrefix(l, "copied ") {
			assert.Empty(t, last, "one final line")
			last = l
		}
	}
	assert.Regexp(t, `^copied `+src+`/app:v1 -> `+dst+`/app:v1: 4\.\d MiB of 4\.\d MiB, .*/s, `, last)
	assert.NotContains(t, errOut.String(), "\r", "no bar outside a terminal")
	assert.NotContains(t, out.String(), "copied ")

	errOut.Reset()
	code = run(context.Background(), []string{"sync", src + "/app:v1", dst + "/other", "--progress=false"}, &out, &errOut, noenv)
	require.Equal(t, 0, code, errOut.String())
	assert.NotContains(t, errOut.String(), "copied ")
}

// ttyConsole is a console that draws as on a terminal, into a buffer.
func ttyConsole() (*console, *bytes.Buffer) {
	var w bytes.Buffer
	return &console{w: &w, tty: true}, &w
}

// On a terminal: one bar over every copy, its total the plan's from the
// start, with rate and time left; a line above it for each copy of a tag
// set that ends; a final line in its place.
func TestProgressBar(t *testing.T) {
	con, w := ttyConsole()
	clock := time.Unix(0, 0)
	p := newProgress(con, 12<<20, false)
	p.start, p.now = clock, func() time.Time { return clock }
	assert.Equal(t, 200*time.Millisecond, p.interval(0))
	clock = clock.Add(time.Second)
	p.show(registry.Progress{Done: 3 << 20, Total: 4 << 20, Elapsed: time.Second})
	clock = clock.Add(time.Second)
	p.show(registry.Progress{Done: 12 << 20, Total: 12 << 20, Elapsed: 2 * time.Second, Final: true})
	p.finish()
	assert.Equal(t, "\r\033[K[#######-----------------------]  25% 3.0 MiB / 12.0 MiB  3.0 MiB/s  ETA 3s"+
		"\r\033[K[##############################] 100% 12.0 MiB / 12.0 MiB  6.0 MiB/s  ETA 0s"+
		"\r\033[K[##############################] 100% 12.0 MiB in 2s  6.0 MiB/s\n", w.String(),
		"the total is the plan's (12 MiB) while the copy has found 4 MiB missing so far")

	con, w = ttyConsole()
	p = newProgress(con, 8<<20, true)
	p.start, p.now = clock, func() time.Time { return clock }
	clock = clock.Add(time.Second)
	p.show(registry.Progress{Source: "a", Target: "x", Done: 1 << 20, Total: 4 << 20, Elapsed: time.Second})
	p.show(registry.Progress{Source: "b", Target: "y", Done: 3 << 20, Total: 4 << 20, Elapsed: time.Second})
	p.show(registry.Progress{Source: "a", Target: "x", Done: 4 << 20, Total: 4 << 20, Elapsed: time.Second, Final: true})
	assert.Equal(t, "\r\033[K[###---------------------------]  12% 1.0 MiB / 8.0 MiB  1.0 MiB/s  ETA 7s"+
		"\r\033[K[###############---------------]  50% 4.0 MiB / 8.0 MiB  4.0 MiB/s  ETA 1s  2 copies"+
		"\r\033[Kcopied a -> x: 4.0 MiB in 1s\n[##########################----]  88% 7.0 MiB / 8.0 MiB  7.0 MiB/s  ETA 0s", w.String(),
		"a tag set: the sum of the copies in flight and those that ended, a line above for each that ends")
	p.show(registry.Progress{Source: "b", Target: "y", Done: 4 << 20, Total: 4 << 20, Elapsed: time.Second, Final: true})
	p.finish()
	assert.Contains(t, w.String(), "copied b -> y: 4.0 MiB in 1s\n[##############################] 100% 8.0 MiB / 8.0 MiB  8.0 MiB/s  ETA 0s"+
		"\r\033[K[##############################] 100% 8.0 MiB in 1s  8.0 MiB/s\n", w.String(),
		"a tag set: the sum of the copies in flight and those that ended, a line for each that ends")
	assert.Equal(t, "512 B", infra.HumanBytes(512))
	assert.Equal(t, "1.5 GiB", infra.HumanBytes(3<<29))
}

// A log line written while the bar is shown goes above it, whole, and
// the bar is drawn again below it.
func TestConsoleWritesLinesAboveTheBar(t *testing.T) {
	con, w := ttyConsole()
	con.draw("[--] 0%")
	_, err := con.Write([]byte("level=WARN msg=retrying\n"))
	require.NoError(t, err)
	con.draw("[#-] 50%")
	con.finish("")
	assert.Equal(t, "\r\033[K[--] 0%\r\033[Klevel=WARN msg=retrying\n[--] 0%\r\033[K[#-] 50%\r\033[K", w.String())
}

// once shows the progress of its jobs' copies too (plain lines off a
// terminal), and none with --progress=false.
func TestOnceProgress(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	tagSetFixture(t, src)
	cfg := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("jobs:\n  - {name: all, sources: ["+src+"/team/app], targets: [{image: \""+dst+"/a/app\"}]}\n"+
		"  - {name: again, sources: ["+src+"/team/app], targets: [{image: \""+dst+"/b/app\"}]}\n"), 0o600))
	code, _, errOut := runIn("once", "--config", cfg, "--job", "all", "--progress-interval", "1ms")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, 4, linesWith(errOut, "copied "+src+"/team/app:"), errOut)
	code, _, errOut = runIn("once", "--config", cfg, "--job", "again", "--progress=false")
	require.Equal(t, 0, code, errOut)
	assert.Zero(t, linesWith(errOut, "copied "+src), errOut)
}
