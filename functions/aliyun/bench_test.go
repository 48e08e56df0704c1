package main

import (
	"testing"

	"github.com/imagesync/imagesync/functions/platform/platformtest"
)

// BenchmarkColdStart times a cold start of the built FC binary: from exec
// to the FC runtime API stand-in receiving the answer to its first
// invocation (an HTTP trigger GET /healthz). Each iteration is a new
// process and a new runtime API. Run: go test -run '^$' -bench ColdStart ./functions/aliyun/
func BenchmarkColdStart(b *testing.B) {
	bin := binary.Path(b)
	payload := httpTrigger("GET", "/healthz", "")
	platformtest.ColdStart(b, func() platformtest.Start {
		rt := newFakeRuntime(b, "STS.id", "secret", "token")
		return rt.Cold(command(bin, rt), payload)
	})
}
