package main

import (
	"net/http"
	"testing"

	"github.com/imagesync/imagesync/functions/platform/platformtest"
)

// newFakeRuntime is a stand-in of FunctionGraph's custom runtime API
// (https://support.huaweicloud.com/intl/en-us/devg-functiongraph/functiongraph_01_0406.html):
// it hands out the invocations queued with Invoke, with credential headers
// that must never be logged, and collects results.
func newFakeRuntime(t testing.TB) *platformtest.Runtime {
	return platformtest.NewRuntime(t, platformtest.API{
		Next:     "GET /v1/runtime/invocation/request",
		Response: "POST /v1/runtime/invocation/response/{id}",
		Error:    "POST /v1/runtime/invocation/error/{id}",
		Headers: func(h http.Header, id string) {
			h.Set("X-Cff-Request-Id", id)
			h.Set("X-Cff-Invoke-Type", "async")
			h.Set("X-CFF-Access-Key", "AK-not-to-be-logged")
			h.Set("X-CFF-Secret-Key", "SK-not-to-be-logged")
		},
	})
}
