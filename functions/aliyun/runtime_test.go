package main

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/imagesync/imagesync/functions/platform/platformtest"
)

// newFakeRuntime is a stand-in of FC's runtime API, the one fc.Start polls
// (FC_RUNTIME_API, /2020-11-11/runtime/invocation/...): it hands out the
// invocations queued with Invoke, with the per-invocation STS credentials
// (access key id, secret, security token) in headers as FC sends them, and
// collects their results.
func newFakeRuntime(t testing.TB, id, secret, token string) *platformtest.Runtime {
	return platformtest.NewRuntime(t, platformtest.API{
		Next:     "GET /2020-11-11/runtime/invocation/next",
		Response: "POST /2020-11-11/runtime/invocation/{id}/response",
		Error:    "POST /2020-11-11/runtime/invocation/{id}/error",
		Headers: func(h http.Header, reqID string) {
			h.Set("x-fc-request-id", reqID)
			h.Set("x-fc-function-deadline", strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
			h.Set("x-fc-function-timeout", "60")
			h.Set("x-fc-function-name", "imagesync")
			h.Set("x-fc-region", "cn-hangzhou")
			h.Set("x-fc-account-id", "1234567890981234")
			h.Set("x-fc-access-key-id", id)
			h.Set("x-fc-access-key-secret", secret)
			h.Set("x-fc-security-token", token)
		},
	})
}
