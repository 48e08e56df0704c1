package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeRuntime is a stand-in of the Lambda Runtime API
// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html): it hands
// out the invocations queued with Invoke and collects their results.
type fakeRuntime struct {
	srv     *httptest.Server
	queue   chan invocation
	results chan result
}

type invocation struct{ id, payload string }

type result struct {
	id, kind string // kind: response, error, init-error
	body     []byte
}

func newFakeRuntime(t testing.TB) *fakeRuntime {
	f := &fakeRuntime{queue: make(chan invocation, 16), results: make(chan result, 16)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", f.next)
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/response", f.collect("response"))
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/error", f.collect("error"))
	mux.HandleFunc("POST /2018-06-01/runtime/init/error", f.collect("init-error"))
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// Addr is the value of AWS_LAMBDA_RUNTIME_API.
func (f *fakeRuntime) Addr() string { return strings.TrimPrefix(f.srv.URL, "http://") }

func (f *fakeRuntime) next(w http.ResponseWriter, r *http.Request) {
	select {
	case inv := <-f.queue:
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
		h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:imagesync")
		h.Set("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
		_, _ = io.WriteString(w, inv.payload)
	case <-r.Context().Done():
	}
}

func (f *fakeRuntime) collect(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.results <- result{id: r.PathValue("id"), kind: kind, body: b}
		w.WriteHeader(http.StatusAccepted)
	}
}

// Invoke queues payload and waits up to 30 s for its result.
func (f *fakeRuntime) Invoke(t testing.TB, id, payload string) result {
	t.Helper()
	f.queue <- invocation{id: id, payload: payload}
	select {
	case r := <-f.results:
		if r.id != id && r.kind != "init-error" {
			t.Fatalf("result for %q, want %q", r.id, id)
		}
		return r
	case <-time.After(30 * time.Second):
		t.Fatalf("no result for invocation %s within 30s", id)
	}
	return result{}
}
