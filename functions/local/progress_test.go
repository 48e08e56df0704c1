package main

import (
	"bytes"
	"context"
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

func TestProgressBar(t *testing.T) {
	var w bytes.Buffer
	p := &progressPrinter{w: &w, tty: true}
	assert.Equal(t, 200*time.Millisecond, p.interval(0))
	p.show(registry.Progress{Done: 3 << 20, Total: 12 << 20, Elapsed: time.Second})
	p.show(registry.Progress{Done: 12 << 20, Total: 12 << 20, Elapsed: 2 * time.Second, Final: true})
	assert.Equal(t, "\r\033[K[#######-----------------------]  25% 3.0 MiB / 12.0 MiB  3.0 MiB/s"+
		"\r\033[K[##############################] 100% 12.0 MiB / 12.0 MiB  6.0 MiB/s\n", w.String())
	w.Reset()
	p.show(registry.Progress{Source: "a", Target: "x", Done: 1 << 20, Total: 4 << 20, Elapsed: time.Second})
	p.show(registry.Progress{Source: "b", Target: "y", Done: 3 << 20, Total: 4 << 20, Elapsed: time.Second})
	p.show(registry.Progress{Source: "a", Target: "x", Done: 4 << 20, Total: 4 << 20, Elapsed: time.Second, Final: true})
	p.show(registry.Progress{Source: "b", Target: "y", Done: 4 << 20, Total: 4 << 20, Elapsed: 2 * time.Second, Final: true})
	assert.Equal(t, "\r\033[K[#######-----------------------]  25% 1.0 MiB / 4.0 MiB  1.0 MiB/s"+
		"\r\033[K[###############---------------]  50% 4.0 MiB / 8.0 MiB  4.0 MiB/s  2 copies"+
		"\r\033[Kcopied a -> x: 4.0 MiB\n"+
		"\r\033[K[######################--------]  75% 3.0 MiB / 4.0 MiB  3.0 MiB/s"+
		"\r\033[K[##############################] 100% 4.0 MiB / 4.0 MiB  2.0 MiB/s\n", w.String(),
		"a tag set: the sum of the copies in flight, a line for each that ends")
	assert.Equal(t, "512 B", size(512))
	assert.Equal(t, "1.5 GiB", size(3<<29))
}
