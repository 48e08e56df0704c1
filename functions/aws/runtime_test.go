package main

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/imagesync/imagesync/functions/platform/platformtest"
)

// lambdaAPI is the Lambda Runtime API
// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html).
var lambdaAPI = platformtest.API{
	Next:      "GET /2018-06-01/runtime/invocation/next",
	Response:  "POST /2018-06-01/runtime/invocation/{id}/response",
	Error:     "POST /2018-06-01/runtime/invocation/{id}/error",
	InitError: "POST /2018-06-01/runtime/init/error",
	Status:    http.StatusAccepted,
	Headers: func(h http.Header, id string) {
		h.Set("Lambda-Runtime-Aws-Request-Id", id)
		h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:imagesync")
		h.Set("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
	},
}

// newFakeRuntime is a stand-in of the Lambda Runtime API: it hands out the
// invocations queued with Invoke and collects their results.
func newFakeRuntime(t testing.TB) *platformtest.Runtime { return platformtest.NewRuntime(t, lambdaAPI) }
