package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
)

func noenv(string) string { return "" }

func TestSyncCommand(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	d := registrytest.PushIndex(t, src+"/app:v1", 1024, 1, 2)
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"sync", src + "/app:v1", dst + "/app", "--dry-run"}, &out, &errOut, noenv)
	assert.Equal(t, 0, code, errOut.String())
	assert.Empty(t, registrytest.Digest(t, dst+"/app:v1"), "dry run copies nothing")

	code = run(context.Background(), []string{"sync", src + "/app:v1", dst + "/app"}, &out, &errOut, noenv)
	assert.Equal(t, 0, code, errOut.String())
	assert.Equal(t, d, registrytest.Digest(t, dst+"/app:v1"))
}

func TestUsageErrors(t *testing.T) {
	var out, errOut bytes.Buffer
	for _, args := range [][]string{nil, {"bogus"}, {"sync", "only-one"}, {"sync", "r.io/Bad:1", "s.io/a"}, {"serve", "--nope"}} {
		assert.Equal(t, 2, run(context.Background(), args, &out, &errOut, noenv), args)
	}
}
