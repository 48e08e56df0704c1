package main

import (
	"testing"

	"github.com/imagesync/imagesync/functions/platform/platformtest"
)

// BenchmarkColdStart times a cold start of the built bootstrap: from exec
// to the runtime API stand-in receiving the answer to its first invocation
// (a Function URL GET /healthz). Each iteration is a new process and a new
// runtime API. Run: go test -run '^$' -bench ColdStart ./functions/aws/
func BenchmarkColdStart(b *testing.B) {
	bin := bootstrap.Path(b)
	payload := functionURL("GET", "/healthz", "")
	platformtest.ColdStart(b, func() platformtest.Start {
		rt := newFakeRuntime(b)
		return rt.Cold(command(bin, rt), payload)
	})
}
